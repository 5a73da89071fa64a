"""Tables in a notice's text, and the projects of a table that lists them.

A 民生实事 notice usually lists its projects as a table (in the body or as 附件1), with columns
such as 序号 / 项目名称 / 建设内容 / 年度投资（万元） / 牵头单位 / 配合单位 / 完成时限. The loaders
write a Word, web or PDF table as Word's text export does (a line per cell starting with a TAB,
an empty line after each row); pasted text brings the same table as `|`-separated rows,
TAB-separated rows, or one cell per line under a header of one cell per line. All four become
rows of cells here (`find_tables`).

Columns are recognised by what their header means, not where they stand (`column_role`):
a table is a list of projects when it has a name or content column and no progress column
(a 进展情况报表 is the form units fill in, read by attachment.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import collapse_spaces
from .units import looks_like_unit_list

# What a column holds, recognised from its header; the first pattern that matches wins, so
# the more specific meanings come first (`年度目标任务` is content, `项目名称` a name).
_ROLES = (
    ("seq", re.compile(r"^(?:序号|编号|序|No\.?|NO\.?)$")),
    ("progress", re.compile(r"进展|进度|具体措施|完成情况|推进情况")),
    ("deadline", re.compile(r"完成时限|完成时间|时限|完成期限|办结时间|完成节点")),
    ("money", re.compile(r"投资|资金|预算|金额|经费|投入")),
    ("leader", re.compile(r"领导|责任人|联系人")),
    ("lead", re.compile(r"牵头")),
    ("partner", re.compile(r"配合|协办|协同|参与|共同责任|协助")),
    ("units", re.compile(r"单位|部门|责任主体|实施主体")),
    ("category", re.compile(r"类别|领域|分类|类型|板块|方面")),
    ("location", re.compile(r"地点|地址|位置|区域")),
    ("period", re.compile(r"建设时间|建设年限|起止|周期|实施时间|建设期限|年限")),
    ("title", re.compile(r"名称")),
    ("content", re.compile(r"内容|目标|任务|规模|标准|措施|具体")),
    ("title", re.compile(r"项目|事项|实事")),
    ("remarks", re.compile(r"备注|说明")),
)
# A header cell is short; a cell of running text is never a header.
_LONGEST_HEADER = 16

# The unit a money column's header names: `年度投资（万元）` → figures in 万元.
_MONEY_UNIT = re.compile(r"(亿元|万元|千元|元)")
_TO_WAN = {"亿元": 10000, "万元": 1, "千元": 0.1, "元": 0.0001}

# Rows that are not projects: totals and notes under the table.
_TOTAL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|共\s*计|注[:：]|说明[:：])")
# A category row: `一、教育惠民领域`, `（二）医疗卫生（3项）`, or a cell alone in its row.
CATEGORY_MARK = re.compile(
    r"""
    ^(?:[一二三四五六七八九十]{1,3}\s*[、．.]       # 一、
      | [（(][一二三四五六七八九十]{1,3}[）)]        # （一）
      | 第[一二三四五六七八九十]{1,3}(?:类|部分|方面)  # 第一类
    )\s*
    """,
    re.VERBOSE,
)
_SEQ = re.compile(r"^(\d{1,3})[.、．]?$")
# A table written one cell per line starts with its 序号 header cell.
_SEQ_HEADER = re.compile(r"^\s*(?:序\s*号|编\s*号|序|No\.?|NO\.?)\s*$")
_PIPES = re.compile(r"[|｜]")


@dataclass
class Table:
    rows: list[list[str]]  # cells; a cell's lines joined by "\n"
    start: int  # index of its first line in the lines it was found in
    end: int  # index just past its last line
    roles: list[str | None] = field(default_factory=list)  # per column, from the header row
    header: list[str] = field(default_factory=list)  # the header row's cells
    header_at: int | None = None  # index of the header row in `rows`

    @property
    def lists_projects(self) -> bool:
        """Whether this is a list of projects (not the progress form, not layout)."""
        roles = set(self.roles)
        return bool(roles & {"title", "content"}) and "progress" not in roles and len(roles - {None}) >= 2

    @property
    def is_form(self) -> bool:
        return "progress" in self.roles


def column_role(header: str) -> str | None:
    """What a column holds, from its header cell.

    >>> [column_role(h) for h in ("序号", "项目名称", "年度投资（万元）", "牵头单位", "配合单位", "完成时限")]
    ['seq', 'title', 'money', 'lead', 'partner', 'deadline']
    >>> [column_role(h)
    ...  for h in ("建设内容及规模", "年度目标任务", "责任单位", "本季度具体措施及任务进度情况")]
    ['content', 'content', 'units', 'progress']
    """
    text = re.sub(r"\s+", "", header)
    if not text or len(text) > _LONGEST_HEADER:
        return None
    for role, pattern in _ROLES:
        if pattern.search(text):
            return role
    return None


def money_factor(header: str) -> float:
    """How many 万元 one figure of a money column is: `投资（亿元）` → 10000; 万元 when unsaid."""
    match = _MONEY_UNIT.search(header)
    return _TO_WAN[match.group(1)] if match else 1


def money_unit(header: str) -> str:
    match = _MONEY_UNIT.search(header)
    return match.group(1) if match else "万元"


# --- Finding tables in lines ------------------------------------------------------------------


def find_tables(lines: list[str]) -> list[Table]:
    """Every table in `lines` (normalised text lines, leading TABs kept), with its header read.

    >>> t = find_tables(
    ...     ["附件", "序号|项目名称|责任单位", "1|新建幼儿园3所|县教育局", "2|新增托位200个|县卫健局"]
    ... )[0]
    >>> (t.roles, t.rows[1:], t.start, t.end)
    (['seq', 'title', 'units'],
     [['1', '新建幼儿园3所', '县教育局'], ['2', '新增托位200个', '县卫健局']], 1, 4)
    """
    tables = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not (line.startswith("\t") or "|" in line or "\t" in line or _SEQ_HEADER.match(line)):
            index += 1  # most lines: no table can start here
            continue
        found = _tab_cells(lines, index) or _separated(lines, index) or _cell_per_line(lines, index)
        if found is None:
            index += 1
            continue
        _read_header(found)
        if found.header_at is not None:
            tables.append(found)
        index = max(found.end, index + 1)
    return _joined(tables, lines)


def _tab_cells(lines: list[str], start: int) -> Table | None:
    """Word's text export: a line per cell starting with a TAB, an empty line after each row."""
    if not lines[start].startswith("\t"):
        return None
    rows: list[list[str]] = []
    row: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if line.startswith("\t"):
            row.append(line[1:].strip())
        elif not line.strip():
            if row:
                rows.append(row)
                row = []
            elif index + 1 < len(lines) and not lines[index + 1].startswith("\t"):
                break
        elif row:
            row[-1] = (row[-1] + "\n" + line.strip()).strip("\n")  # a cell's next paragraph
        else:
            break
        index += 1
    if row:
        rows.append(row)
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    return Table(rows, start, index)


def _separated(lines: list[str], start: int) -> Table | None:
    """Rows written one per line with `|` or TAB between the cells."""
    splitter = _row_splitter(lines[start])
    if splitter is None:
        return None
    rows = []
    index = start
    while index < len(lines):
        line = lines[index]
        if re.fullmatch(r"[\s|｜:：\-—+]*", line) and "-" in line:
            index += 1  # a Markdown rule under the header: |---|---|
            continue
        if _row_splitter(line) is not splitter:
            after = _past_categories(lines, index)
            following = lines[after] if after < len(lines) else ""
            # A category row between the rows; two in a row are a category without projects.
            if rows and _is_category_line(line) and _row_splitter(following) is splitter:
                rows.append([collapse_spaces(line)])  # a category row between the rows
                index += 1
                continue
            break
        rows.append(splitter(line))
        index += 1
    if len(rows) < 2:
        return None
    return Table(rows, start, index)


def _past_categories(lines: list[str], index: int) -> int:
    """The index of the first line from `index` that is not a category line."""
    while index < len(lines) and _is_category_line(lines[index]):
        index += 1
    return index


def _is_category_line(line: str) -> bool:
    line = collapse_spaces(line)
    return bool(CATEGORY_MARK.match(line)) and len(line) <= 30 and not re.search(r"[，。；]", line)


def _split_pipes(line: str) -> list[str]:
    cells = [cell.strip() for cell in _PIPES.split(line.strip())]
    if cells and not cells[0]:
        cells = cells[1:]  # | 1 | … |
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _split_tabs(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().split("\t")]


def _row_splitter(line: str):
    stripped = line.strip()
    if len(_PIPES.findall(stripped)) >= 2 and sum(1 for c in _split_pipes(stripped) if c) >= 2:
        return _split_pipes
    if stripped.count("\t") >= 2 and not line.startswith("\t"):
        return _split_tabs
    return None


def _cell_per_line(lines: list[str], start: int) -> Table | None:
    """A table pasted from a web page or a PDF: a header of one cell per line (序号 / 项目名称 /
    … / 责任单位), then rows that each start with their number on a line of its own."""
    header = []
    index = start
    while index < len(lines) and column_role(lines[index]) is not None and len(header) < 12:
        header.append(collapse_spaces(lines[index]))
        index += 1
    roles = [column_role(cell) for cell in header]
    if len(header) < 3 or roles[0] != "seq" or not ({"title", "content"} & set(roles)):
        return None
    rows = [header]
    category = None
    width = len(roles) - 1  # cells of a row after its number
    exact = 0  # rows so far with one line per cell; -1 once a row had more
    while index < len(lines):
        line = collapse_spaces(lines[index])
        expected = len([r for r in rows[1:] if r and _SEQ.match(r[0])]) + 1
        if not line:
            index += 1
            continue
        match = _SEQ.match(line)
        if match and int(match.group(1)) == expected:
            cells, end = _cells_until(lines, index + 1, expected + 1)
            if exact > 0 and len(cells) > width and not _next_row_at(lines, end, expected + 1):
                # The last row of a table whose every row gave one line per cell: what follows
                # its cells is the text under the table (the closing), not more of the row.
                cells, end = cells[:width], _past_lines(lines, index + 1, width)
            exact = exact + 1 if exact >= 0 and len(cells) == width else -1
            rows.append([line] + _fit(cells, roles[1:]))
            index = end
            continue
        if _is_category_line(line) and category != line:
            rows.append([line])
            category = line
            index += 1
            continue
        break
    if len(rows) < 2:
        return None
    return Table(rows, start, index)


def _next_row_at(lines: list[str], index: int, next_seq: int) -> bool:
    """Whether the row numbered `next_seq` (or a category line over it) starts at `index`."""
    if index >= len(lines):
        return False
    line = collapse_spaces(lines[index])
    return bool((match := _SEQ.match(line)) and int(match.group(1)) == next_seq) or _is_category_line(line)


def _past_lines(lines: list[str], index: int, count: int) -> int:
    """The index just past the `count`-th non-empty line from `index`."""
    while count and index < len(lines):
        count -= bool(lines[index].strip())
        index += 1
    return index


def _cells_until(lines: list[str], index: int, next_seq: int) -> tuple[list[str], int]:
    cells = []
    while index < len(lines):
        line = collapse_spaces(lines[index])
        match = _SEQ.match(line)
        if match and int(match.group(1)) == next_seq:
            break
        if (
            _is_category_line(line)
            and (after := _past_categories(lines, index)) < len(lines)
            and (m := _SEQ.match(collapse_spaces(lines[after])))
            and int(m.group(1)) == next_seq
        ):
            break
        if not line and (index + 1 >= len(lines) or not lines[index + 1].strip()):
            break  # two empty lines end the table
        if line:
            cells.append(line)
        index += 1
    return cells, index


def _fit(cells: list[str], roles: list[str | None]) -> list[str]:
    """Cells of one row, one per line, put into the columns: exact when each cell is one line;
    otherwise the first line is the name, unit-like lines at the end are the units, and
    what is between is the content."""
    if len(cells) <= len(roles):
        return cells + [""] * (len(roles) - len(cells))
    fitted = [""] * len(roles)
    tail_roles = [
        i for i, role in enumerate(roles) if role in ("lead", "partner", "units", "deadline", "money")
    ]
    rest = list(cells)
    for column in reversed(tail_roles):
        if rest and (roles[column] not in ("lead", "partner", "units") or looks_like_unit_list(rest[-1])):
            fitted[column] = rest.pop()
    text_columns = [i for i, role in enumerate(roles) if i not in tail_roles]
    for position, column in enumerate(text_columns):
        if position == len(text_columns) - 1:
            fitted[column] = "\n".join(rest)
        elif rest:
            fitted[column] = rest.pop(0)
    return fitted


def _read_header(table: Table) -> None:
    """The header row (the first of the first rows whose cells mostly name column meanings)."""
    for index, row in enumerate(table.rows[:4]):
        roles = [column_role(cell) for cell in row]
        named = [role for role in roles if role is not None]
        if len(named) >= 2 and len(named) * 2 >= len([c for c in row if c]):
            table.header_at, table.header, table.roles = (
                index,
                [re.sub(r"\s+", "", cell) for cell in row],
                roles,
            )
            return


def _joined(tables: list[Table], lines: list[str]) -> list[Table]:
    """A table continued after a page break, or with its header repeated, is one table."""
    joined: list[Table] = []
    for table in tables:
        previous = joined[-1] if joined else None
        between = lines[previous.end : table.start] if previous else []
        if (
            previous is not None
            and previous.roles == table.roles
            and all(len(line.strip()) <= 12 for line in between)
            and len(between) <= 4
        ):
            previous.rows += [row for row in table.rows[table.header_at + 1 :]]
            previous.end = table.end
            continue
        joined.append(table)
    return joined
