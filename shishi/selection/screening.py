"""Personal data in text a proposer wrote, before any of it is shown to anyone but the office.

shishi/public/pii.py holds the full rule (ID card checksums, mobile formats) but sits above this
app, so this is a deliberately blunter check, pure Python: a run of 7 or more digits (a phone or
ID number, however spaced or dashed), an 18-character ID number ending in X, or an e-mail
address. It finds more than pii.py does (a 7-digit project code too): what it finds is held back
from public pages until the office has edited it out. The lead can swap in pii.find_personal_data
when public/pii.py moves beneath (it is pure Python).
"""

from __future__ import annotations

import re

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}

_PATTERNS = (
    (
        "电话或证件号码",
        re.compile(
            r"""
            (?<!\d)
            \d (?: [\s\-]? \d ){6,}      # seven or more digits, spaces or dashes between them
            [Xx]?                        # an ID number's check character
            """,
            re.VERBOSE,
        ),
    ),
    ("电子邮箱", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
)


def personal_data(text: str) -> list[str]:
    """What kinds of personal data `text` seems to hold, by name, in order found; empty if none.

    >>> personal_data("建议在城区新建口袋公园3处，投资约200万元")
    []
    >>> personal_data("联系我：138 1234 5678，或 me＠example.com")
    ['电话或证件号码', '电子邮箱']
    """
    plain = (text or "").translate(_FULL_WIDTH)
    return [name for name, pattern in _PATTERNS if pattern.search(plain)]
