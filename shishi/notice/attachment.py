"""The attached progress form (进展情况报表): its title and its rows.

The form reaches us in three shapes: a Word export with one cell per line (each new cell
starts with a tab, continuation lines do not), tab-separated rows, and PDF text where every
cell line stands alone and titles wrap mid-word (`实施教育资源扩增优化` / `工程`). All
three become one token stream; the body's project titles and units tell a wrapped title
or unit name from the next cell.
"""

from __future__ import annotations

import re

from .model import Attachment, AttachmentRow
from .normalize import collapse_spaces

_HEADER_WORDS = re.compile(
    r"^(?:序号|实事名称|实事项目|项目名称|责任单位|牵头单位|本季度具体措施|具体措施|及任务进度情况|任务进度情况|"
    r"进展情况|完成时限|完成|时限|备注|单位[:：]?[（(]?盖章[）)]?.*|填报时间.*|填报人.*|联系电话.*)$"
)
# The form ends at the distribution list, or at a news page's credits and buttons.
_END = re.compile(
    r"^[（(【]?\s*(?:抄送|印发|主送|责任编辑|编辑|来源|审核|校对|分享到|上一篇|下一篇|打印|关闭)|印发$"
)
_UNIT_SUFFIX = re.compile(
    r"(?:局|委|会|联|院|部|中心|办|办公室|室|街道|镇|乡|政府|公司|分局|分中心|基地|团|队|站|馆|厅|处|科|社|所|校|集团|医院)$"
)
_TITLE_ENDINGS = re.compile(
    r"(?:行动|工程|项目|计划|活动|建设|服务|水平|发展|检查|创新|提升|关爱|保障|救助|工作|行为)$"
)


def read_attachment(lines: list[str], titles: list[str], known_units: list[str]) -> Attachment | None:
    """Parse the form from the lines after `附件`; None when there is no form there."""
    title, rest = _title(lines)
    tokens = _tokens(rest)
    rows = _rows(tokens, [_compact(t) for t in titles], set(known_units))
    if title is None and not rows:
        return None
    return Attachment(title=title, rows=rows)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title(lines: list[str]) -> tuple[str | None, list[str]]:
    for index, line in enumerate(lines[:8]):
        compact = _compact(line)
        if not compact or re.fullmatch(r"附件\d*[:：]?", compact):
            continue
        if "表" in compact or "进展" in compact or "情况" in compact:
            title, cursor = compact, index
            while not title.endswith("表") and cursor + 1 < len(lines) and cursor < index + 3:
                cursor += 1
                title += _compact(lines[cursor])
            return collapse_spaces(title), lines[cursor + 1 :]
    return None, lines


def _tokens(lines: list[str]) -> list[str]:
    tokens = []
    in_header = False  # the column headings, repeated on each PDF page and wrapped anyhow
    for line in lines:
        if _END.search(line.strip()):
            break
        for cell in line.split("\t"):
            for piece in re.split(r" {1,}", cell.strip()):
                piece = collapse_spaces(piece)
                if piece == "序号":
                    in_header = True
                elif in_header and re.match(r"^\d{1,2}(?![\d.%])", piece):
                    in_header = False
                if piece and not in_header and not _HEADER_WORDS.match(piece):
                    tokens.append(piece)
    return tokens


def _rows(tokens: list[str], titles: list[str], known_units: set[str]) -> list[AttachmentRow]:
    rows: list[AttachmentRow] = []
    index = 0
    while index < len(tokens):
        seq = _seq(tokens[index], len(rows) + 1)
        if seq is None:
            index += 1
            continue
        head = re.sub(r"^\d{1,2}", "", tokens[index])
        index += 1
        cells = ([head] if head else []) + _until_next_row(tokens, index, seq + 1)
        index += len(cells) - (1 if head else 0)
        title, units = _split_row(cells, titles, known_units)
        rows.append(AttachmentRow(seq=seq, title=title, units=units))
    return rows


def _seq(token: str, expected: int) -> int | None:
    match = re.match(r"^(\d{1,2})(?![\d.%])", token)
    if match and int(match.group(1)) == expected:
        return expected
    return None


def _until_next_row(tokens: list[str], start: int, next_seq: int) -> list[str]:
    cells = []
    for token in tokens[start:]:
        if _seq(token, next_seq) is not None:
            break
        cells.append(token)
    return cells


def _split_row(cells: list[str], titles: list[str], known_units: set[str]) -> tuple[str, list[str]]:
    title = ""
    cursor = 0
    while cursor < len(cells):
        candidate = title + cells[cursor]
        continues_a_title = any(t.startswith(candidate) for t in titles)
        if (
            title
            and not continues_a_title
            and (title in titles or _looks_like_unit(cells[cursor], known_units))
        ):
            break
        if (
            title
            and not continues_a_title
            and _TITLE_ENDINGS.search(title)
            and not _TITLE_ENDINGS.search(candidate)
        ):
            break
        title = candidate
        cursor += 1
    units: list[str] = []
    for cell in cells[cursor:]:
        for piece in _split_cell(cell):
            if units and _continues(units[-1], piece, known_units):
                units[-1] += piece  # a unit name wrapped over two lines
            else:
                units.append(piece)
    return title, units


def _continues(previous: str, piece: str, known_units: set[str]) -> bool:
    """Whether `piece` is the wrapped end of the unit name `previous`."""
    joined = previous + piece
    if any(unit.startswith(joined) for unit in known_units):
        return not (previous in known_units and piece in known_units)
    if any(unit.startswith(piece) for unit in known_units):
        return False  # the start of another unit of the body
    return not _looks_like_unit(piece, known_units)


def _split_cell(cell: str) -> list[str]:
    # "各街道、镇、中心" names a group of units: keep it whole.
    if cell.startswith("各"):
        return [cell]
    return [piece for piece in re.split(r"[、，,；;]", cell) if piece]


def _looks_like_unit(token: str, known_units: set[str]) -> bool:
    return (
        token in known_units
        or token.startswith("各")
        or (len(token) <= 30 and bool(_UNIT_SUFFIX.search(token)))
    )
