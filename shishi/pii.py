"""Personal data in text meant for the public: ID card numbers, mobile numbers, e-mail addresses.

A coordinator writes 本季度为张某（身份证370321…）办理救助 without thinking; this finds it before
the text goes out. It looks for:

- 居民身份证号码, 18 characters: a 6-digit region code, a real date of birth (YYYYMMDD), a
  3-digit sequence and a check character (0-9 or X). A wrong check character (ISO 7064
  MOD 11-2) does not make it anyone else's: a number mistyped by one digit, or altered on
  purpose, still points at a person, so it is found all the same. What keeps other 18-digit
  numbers (accounts, project codes) out is the shape: a region code not starting with 0, and in
  digits 7–14 a date of birth that exists, from 1800 on and not in the future.
- the old 15-digit form: region code, YYMMDD, sequence; no check character, so the date must
  be real.
- 手机号码: 1[3-9] and nine more digits, written 13812345678, 138 1234 5678, 138-1234-5678 or
  with +86 / 0086 in front. A landline (0533-8180012) is not a mobile number.
- e-mail addresses.
A match must not be part of a longer run of digits, so 2023年 or a 7-digit landline never match.
Full-width digits and ＠ (typed on Chinese keyboards) are read as their ASCII forms; names of
people cannot be found this way: the page asks the coordinator to look for them.

Pure Python, no Django, and no app of ours: it sits beneath every layer (like formulas.py), so
that the public pages' text (shishi/public) and the proposals and answers of the selection
(shishi/selection/screening.py) are checked by the same rule.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

ID_CARD, MOBILE, EMAIL = "id_card", "mobile", "email"
KIND_NAMES = {ID_CARD: "身份证号码", MOBILE: "手机号码", EMAIL: "电子邮箱"}

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2**(17-i) mod 11
_CHECK = "10X98765432"  # the check character for each remainder of the weighted sum mod 11
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！..～ → !..~, one for one

_ID_CARD = re.compile(
    r"""
    (?<![0-9A-Za-z])
    (?:
        [1-9]\d{5}                   # region code
        (?:18|19|20)\d{2}            # year of birth
        \d{4}                        # month and day, checked below
        \d{3}                        # sequence
        [0-9Xx]                      # check character
      |
        [1-9]\d{5} \d{6} \d{3}       # the old 15-digit form: region code, YYMMDD, sequence
    )
    (?![0-9A-Za-z])
""",
    re.VERBOSE,
)

_MOBILE = re.compile(
    r"""
    (?<![0-9+])
    (?:(?:\+|00)?86[\s-]?)?          # country code, with or without + or 00
    1[3-9]\d                         # network prefix
    [\s-]?\d{4}                      # then two groups of four, often spaced or dashed
    [\s-]?\d{4}
    (?!\d)
""",
    re.VERBOSE,
)

_EMAIL = re.compile(
    r"""
    # not in the middle of a longer address (a Chinese character may precede)
    (?<![A-Za-z0-9._%+-])
    [A-Za-z0-9._%+-]+                # local part
    @
    [A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}   # domain with a top-level name
""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # as written in the text
    start: int

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


def id_check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits.

    >>> id_check_character("11010519491231002")
    'X'
    """
    return _CHECK[sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS)) % 11]


def looks_like_id_card_number(number: str) -> bool:
    """Shaped as a resident ID number, whatever its check character: a real date of birth where
    the number has it. This is what the check flags.

    >>> looks_like_id_card_number("110105194912310021"), looks_like_id_card_number("110105194913310021")
    (True, False)
    """
    number = number.upper()
    if len(number) == 18:
        return number[:17].isdigit() and number[17] in "0123456789X" and _real_date(number[6:14])
    if len(number) == 15 and number.isdigit():
        return _real_date("19" + number[6:12])
    return False


def is_id_card_number(number: str) -> bool:
    """A resident ID number that also passes its checks: a real date of birth and, for 18 digits,
    a valid check character.

    >>> is_id_card_number("11010519491231002X"), is_id_card_number("110105194912310021")
    (True, False)
    >>> is_id_card_number("110105491231002")
    True
    """
    number = number.upper()
    if len(number) == 18:
        return _real_date(number[6:14]) and id_check_character(number[:17]) == number[17]
    if len(number) == 15 and number.isdigit():
        return _real_date("19" + number[6:12])
    return False


def _real_date(yyyymmdd: str) -> bool:
    try:
        born = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return born <= datetime.date.today()


def find_personal_data(text: str) -> list[Finding]:
    """Everything in the text that looks like personal data, in order of appearance.

    >>> [(f.kind, f.text) for f in find_personal_data("联系人电话：138-1234-5678，邮箱 a.b@example.cn。")]
    [('mobile', '138-1234-5678'), ('email', 'a.b@example.cn')]
    >>> find_personal_data("2023年完成筛查18000人，咨询电话0533-8180012。")
    []
    """
    readable = text.translate(_FULL_WIDTH)  # same length, so positions stay valid in `text`
    findings: list[Finding] = []
    taken: list[range] = []
    for match in _ID_CARD.finditer(readable):
        if looks_like_id_card_number(match.group()):
            findings.append(Finding(ID_CARD, text[match.start() : match.end()], match.start()))
            taken.append(range(match.start(), match.end()))
    for kind, pattern in ((MOBILE, _MOBILE), (EMAIL, _EMAIL)):
        for match in pattern.finditer(readable):
            if any(match.start() in span for span in taken):
                continue  # the digits of an ID number already reported
            findings.append(Finding(kind, text[match.start() : match.end()], match.start()))
    return sorted(findings, key=lambda finding: finding.start)
