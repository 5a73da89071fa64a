"""Word's automatic list numbers, rendered as the reader sees them.

Clerks often number the projects with Word's list feature ("一、" … "十、" as
a 中文编号 list). The numbers then live in numbering.xml, not in the paragraph
text, and a plain text export loses them — one sample notice shows exactly that
("实施巾帼创业创新行动。" where 六、 should be). Rendering them keeps each project
findable by its number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cn2an

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def format_number(n: int, fmt: str) -> str:
    """One list number in one of Word's w:numFmt formats.

    >>> format_number(6, "chineseCounting"), format_number(12, "chineseCountingThousand")
    ('六', '十二')
    >>> format_number(3, "decimalEnclosedCircle"), format_number(4, "lowerRoman")
    ('③', 'iv')
    """
    if fmt in ("bullet", "none"):
        return ""
    if n <= 0 or n > 9999:
        return str(n)
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "ideographDigital",
    ):
        return cn2an.an2cn(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return cn2an.an2cn(n, "up")
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("upperLetter", "lowerLetter"):
        # Word repeats the letter past Z: AA, BB, …
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = ""
        for value, symbol in _ROMAN:
            while n >= value:
                roman += symbol
                n -= value
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    space_after: bool = False


@dataclass
class Numbering:
    """Counters for the lists of one document; call `label()` for each paragraph in order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, numbering, styles) -> Numbering:
        """Build from the parsed numbering.xml and styles.xml roots (either may be None)."""
        self = cls()
        if numbering is not None:
            abstract = {a.get(W + "abstractNumId"): _levels(a) for a in numbering.iter(W + "abstractNum")}
            for num in numbering.iter(W + "num"):
                ref = num.find(W + "abstractNumId")
                levels = dict(abstract.get(ref.get(W + "val") if ref is not None else None, {}))
                for override in num.iter(W + "lvlOverride"):
                    ilvl = _int(override.get(W + "ilvl"), 0)
                    lvl = override.find(W + "lvl")
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                    start = override.find(W + "startOverride")
                    if start is not None and ilvl in levels:
                        base = levels[ilvl]
                        levels[ilvl] = _Level(
                            base.fmt, base.text, _int(start.get(W + "val"), 1), base.space_after
                        )
                self.levels[num.get(W + "numId")] = levels
        if styles is not None:
            self.style_num = _style_numbering(styles)
        return self

    def label(self, paragraph) -> str:
        """The list number shown before this w:p, or "" for an unnumbered paragraph."""
        num_id, ilvl = self._num_pr(paragraph)
        levels = self.levels.get(num_id) if num_id else None
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(9):
            placeholder = f"%{k + 1}"
            if placeholder in text:
                lvl = levels.get(k, _Level())
                value = counters.get(k, lvl.start)
                text = text.replace(placeholder, format_number(value, lvl.fmt))
        if text and level.space_after and text[-1].isascii():
            text += " "
        return text

    def _num_pr(self, paragraph) -> tuple[str | None, int]:
        ppr = paragraph.find(W + "pPr")
        if ppr is None:
            return None, 0
        num_pr = ppr.find(W + "numPr")
        if num_pr is not None:
            num_id = num_pr.find(W + "numId")
            ilvl = num_pr.find(W + "ilvl")
            if num_id is not None:
                return num_id.get(W + "val"), _int(ilvl.get(W + "val") if ilvl is not None else None, 0)
        style = ppr.find(W + "pStyle")
        if style is not None:
            return self.style_num.get(style.get(W + "val"), (None, 0))
        return None, 0


def _levels(abstract) -> dict[int, _Level]:
    return {_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in abstract.findall(W + "lvl")}


def _level(lvl) -> _Level:
    def val(tag: str) -> str | None:
        el = lvl.find(W + tag)
        return el.get(W + "val") if el is not None else None

    # Word's default suffix after a number is a tab; we turn it into a space
    # for "1." style labels and drop it after 、 and other CJK punctuation.
    suffix = val("suff") or "tab"
    return _Level(
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        start=_int(val("start"), 1),
        space_after=suffix in ("tab", "space"),
    )


def _style_numbering(styles) -> dict[str, tuple[str, int]]:
    own: dict[str, tuple[str | None, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(W + "style"):
        style_id = style.get(W + "styleId")
        base = style.find(W + "basedOn")
        if base is not None:
            based_on[style_id] = base.get(W + "val")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(W + "numId")
            ilvl = num_pr.find(W + "ilvl")
            own[style_id] = (
                num_id.get(W + "val") if num_id is not None else None,
                _int(ilvl.get(W + "val"), 0) if ilvl is not None else None,
            )
    result = {}
    for style_id in own:
        num_id, ilvl, seen, current = None, None, set(), style_id
        # Walk up basedOn for whichever of numId / ilvl the style leaves out.
        while current in own or current in based_on:
            if current in seen:
                break
            seen.add(current)
            n, i = own.get(current, (None, None))
            num_id = num_id or n
            ilvl = i if ilvl is None else ilvl
            current = based_on.get(current)
        if num_id and num_id != "0":
            result[style_id] = (num_id, ilvl or 0)
    return result


def _int(value: str | None, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
