"""The responsible-units clause of a project: `（责任单位：A、B）` and its relatives.

Seen in the wild:
- `（责任单位：县教育体育局）` at the end of the project, or on a paragraph of its own;
- split by a page or cell wrap: `（责\\n任单位：县卫生健康局、县妇联）`;
- leads named apart: `（牵头单位：A、B，责任单位：C、D）`, `（牵头单位：A；配合单位：B）`;
- a lead marked inside the list: `（责任单位：A（牵头）、B）`;
- no bracket at all, on its own line: `责任单位：市教育局、市财政局`;
- 民生实事 lists: `(牵头单位：市教育局；共同责任单位：市财政局，各县区、功能板块)`, with
  配合单位, 协办单位 and friends, `；` or `，` between the parts, generic units (各县区,
  各镇（街道）, 功能板块) kept as they are written.
Unit names may themselves contain brackets (`县妇联（县妇儿工委办公室）`), so brackets
are matched by depth, not by regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Labels that introduce units; the first group are leads.
LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位", "主责部门", "牵头")
OTHER_LABELS = (
    "共同责任单位",
    "主要责任单位",
    "具体责任单位",
    "责任单位",
    "责任部门",
    "配合单位",
    "配合部门",
    "协办单位",
    "协同单位",
    "协助单位",
    "参与单位",
    "主办单位",
    "承办单位",
    "实施单位",
    "实施主体",
    "责任主体",
)
_LABEL_WORDS = "|".join(sorted(LEAD_LABELS + OTHER_LABELS, key=len, reverse=True))
# A label with whitespace allowed between its characters (PDF and cell wraps split words).
_SPACED_LABEL = "|".join(
    r"\s*".join(label) for label in sorted(LEAD_LABELS[:-1] + OTHER_LABELS, key=len, reverse=True)
)

_OPEN = "（("
# Thirty units with long names still fit; anything longer is an unclosed bracket.
_LONGEST_CLAUSE = 600
_CLOSE = "）)"
_LABEL_START = re.compile(
    rf"""
    (?P<open>[（(]\s*)?          # usually a bracket, sometimes none
    (?P<label>{_SPACED_LABEL})   # 责任单位, 牵头单位 …
    \s*[:：]                     # and its colon
    """,
    re.VERBOSE,
)
_SPLIT_LABELS = re.compile(rf"[，,；;。\s]*(?P<label>{_LABEL_WORDS})\s*[:：]")
_SEPARATORS = re.compile(r"[、，,；;/]+")
_LEAD_MARK = re.compile(r"[（(]\s*(?:牵头|牵头单位|主责)\s*[）)]$")


@dataclass
class UnitsClause:
    start: int  # offset of the clause (its bracket, if any) in the searched text
    end: int
    units: list[str]
    lead_units: list[str]


def find_units_clauses(text: str) -> list[UnitsClause]:
    """Every units clause in `text`, in order.

    >>> [c.units for c in find_units_clauses("建设幼儿园。（责任单位：县教育局、县财政局）")]
    [['县教育局', '县财政局']]
    """
    clauses = []
    position = 0
    while match := _LABEL_START.search(text, position):
        if match.group("open"):
            end = _closing_bracket(text, match.start())
            if end is None:  # unclosed: take the rest of the line
                line_end = text.find("\n", match.end())
                end = len(text) if line_end < 0 else line_end
                inner = text[match.start() + 1 : end]
            else:
                inner = text[match.start() + 1 : end - 1]
        else:
            if not _at_line_start(text, match.start()):
                position = match.end()
                continue
            line_end = text.find("\n", match.end())
            end = len(text) if line_end < 0 else line_end
            inner = text[match.start() : end]
        units, leads = parse_units(inner)
        if units:
            clauses.append(UnitsClause(match.start(), end, units, leads))
        position = max(end, match.end())
    return clauses


def parse_units(inner: str) -> tuple[list[str], list[str]]:
    """Units and lead units from the inside of a clause.

    >>> parse_units("牵头单位：A局、B局，责任单位：C局、D局")
    (['A局', 'B局', 'C局', 'D局'], ['A局', 'B局'])
    >>> parse_units("责任单位：县卫生健康局、县妇联")
    (['县卫生健康局', '县妇联'], ['县卫生健康局'])
    """
    inner = re.sub(r"\s+", "", inner)
    pieces = _SPLIT_LABELS.split(inner)
    # split() with one group gives [before, label, text, label, text, …]
    groups: list[tuple[str | None, str]] = [(None, pieces[0])]
    groups += [(pieces[i], pieces[i + 1]) for i in range(1, len(pieces) - 1, 2)]
    units: list[str] = []
    named_leads: list[str] = []
    for label, chunk in groups:
        for name in split_unit_list(chunk):
            marked_lead = bool(_LEAD_MARK.search(name))
            name = _LEAD_MARK.sub("", name)
            if not name or name in units:
                continue
            units.append(name)
            if marked_lead or (label and label in LEAD_LABELS):
                named_leads.append(name)
    leads = named_leads or units[:1]
    return units, leads


def split_unit_list(chunk: str) -> list[str]:
    """Split `A、B，C` into names, keeping separators that sit inside brackets.

    >>> split_unit_list("县妇联（县妇儿工委办公室）、县教育局等")
    ['县妇联（县妇儿工委办公室）', '县教育局']
    """
    if not any(ch in chunk for ch in _OPEN + _CLOSE):  # no brackets: split in C
        return [clean for name in _SEPARATORS.split(chunk) if (clean := _clean_name(name))]
    names, depth, current = [], 0, []
    for ch in chunk:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and _SEPARATORS.fullmatch(ch):
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    return [clean for name in names if (clean := _clean_name(name))]


def _clean_name(name: str) -> str:
    name = name.strip(" 。.：:")
    # "县教育局等" lists end with 等 (etc.): not part of the name.
    if name.endswith("等") and len(name) > 3:
        name = name[:-1]
    return name


def _closing_bracket(text: str, start: int) -> int | None:
    """Offset just past the bracket that closes the one at `start`, or None."""
    depth = 0
    for index in range(start, len(text)):
        ch = text[index]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return index + 1
        if index - start > _LONGEST_CLAUSE:
            return None  # an unclosed bracket must not swallow the rest of the notice
    return None


def _at_line_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t")
    return not before or before.endswith("\n") or before.endswith("。")


# How the name of a unit ends (局, 委员会, 妇联, 街道办事处…), or a group of units (各县区).
_UNIT_END = re.compile(
    r"(?:局|委|委员会|会|联|院|部|中心|办|办公室|室|街道|镇|乡|政府|公司|分局|团|队|站|馆|厅|处|科|社|校|"
    r"集团|医院|县区|区县|市区|板块|园区|管委会|法院|检察院|支行|银行|分行)$"
)


def looks_like_unit_list(text: str) -> bool:
    """Whether `text` is a list of units (a table cell of 责任单位), not a sentence.

    >>> looks_like_unit_list("市教育局、市财政局，各县区"), looks_like_unit_list("新建幼儿园3所")
    (True, False)
    """
    names = split_unit_list(re.sub(r"\s+", "", text))
    return bool(names) and all(
        name.startswith("各")
        or (len(name) <= 30 and _UNIT_END.search(re.sub(r"[（(][^）)]*[）)]$", "", name)))
        for name in names
    )
