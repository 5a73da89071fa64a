"""The projects of a table that lists them: one project per row.

Columns are read by meaning (tables.column_role): the name from 项目名称 (or the first sentence
of the content when there is no name column), the body from the content columns with the place,
the period and the investment written into it (so that every target's span lies in the body),
units from 牵头单位 (leads) and 配合/责任单位, 完成时限 per project. A row with a single cell, or
a 类别 column, gives the category of the rows under it. Rows split over a page break (no number,
no name) continue the row before them.
"""

from __future__ import annotations

import re

from .model import Project
from .normalize import collapse_spaces
from .numerals import parse_number
from .tables import _SEQ, _TOTAL, CATEGORY_MARK, Table, money_factor, money_unit
from .targets import extract_targets
from .themes import classify
from .units import looks_like_unit_list, parse_units, split_unit_list

_SENTENCE_END = "。；;\n"
_LONGEST_TITLE = 50
_LABEL_IN_HEADER = re.compile(r"[（(][^）)]*[）)]|\s+")
_COUNT_IN_CATEGORY = re.compile(r"[（(]\s*(?:共)?\s*[0-9一二三四五六七八九十]+\s*(?:项|件)\s*[）)]$")


def table_projects(table: Table) -> tuple[list[Project], list[str], list[str]]:
    """The projects of the rows under the header, the rows that could not be read, and the
    categories with no project under them (a category row followed by another, or ending the
    table when it is numbered like one: `三、文化体育`).

    >>> from .tables import find_tables
    >>> t = find_tables(["序号|项目名称|年度投资（万元）|牵头单位|配合单位|完成时限",
    ...                  "1|新建幼儿园3所|1200|市教育局|市财政局、各县区|2024年12月底"])[0]
    >>> p = table_projects(t)[0][0]
    >>> (p.title, p.body, p.units, p.lead_units, p.investment, p.deadline_text)
    ('新建幼儿园3所', '新建幼儿园3所。年度投资1200万元', ['市教育局', '市财政局', '各县区'],
     ['市教育局'], 1200, '2024年12月底')
    >>> [(t.value, t.unit, t.kind) for t in p.targets]
    [(3, '所', 'count'), (12000000, '元', 'money')]
    """
    roles = table.roles
    rows: list[tuple[list[str], str | None]] = []  # each project's cells and category
    unread: list[str] = []
    empty: list[str] = []
    category: str | None = None
    waiting: str | None = None  # the text of a category row with no project under it yet
    for row in table.rows[(table.header_at or 0) + 1 :]:
        cells = [_tidy_cell(cell) for cell in row] + [""] * (len(roles) - len(row))
        filled = [cell for cell in cells if cell]
        header_again = [_squash(cell) for cell in cells[: len(table.header)]] == table.header
        if not filled or header_again or _TOTAL.match(filled[0]):
            continue
        if _is_category_row(cells, roles, filled):
            if waiting is not None:
                empty.append(_category_name(waiting))
            waiting = filled[0] if len(filled) == 1 else " ".join(filled[:2])
            category = _category_name(waiting)
            continue
        category = _squash(_column(cells, roles, "category", "")) or category
        numbered = "seq" in roles and _SEQ.match(_column(cells, roles, "seq", ""))
        started = _column(cells, roles, "seq", "") if "seq" in roles else _column(cells, roles, "title", "")
        if rows and not started and not _column(cells, roles, "category", ""):
            # The rest of a row that a page break cut: its cells continue the row before.
            previous = rows[-1][0]
            rows[-1] = ([f"{a}\n{b}".strip("\n") for a, b in zip(previous, cells)], rows[-1][1])
            continue
        if (
            not numbered
            and not _column(cells, roles, "title", "")
            and not _column(cells, roles, "content", "")
        ):
            unread.append(" ".join(filled)[:40])
            continue
        rows.append((cells, category))
        waiting = None
    if waiting is not None and CATEGORY_MARK.match(waiting):
        empty.append(_category_name(waiting))
    projects = [
        _project(cells, roles, table.header, index, group) for index, (cells, group) in enumerate(rows, 1)
    ]
    return projects, unread, empty


def _is_category_row(cells: list[str], roles: list, filled: list[str]) -> bool:
    if len(filled) == 1:
        text = filled[0]
        return len(text) <= 30 and not _SEQ.match(text) and not re.search(r"[，。；]", text)
    seq = _column(cells, roles, "seq", "")
    units = any(_column(cells, roles, role, "") for role in ("lead", "partner", "units"))
    return bool(re.fullmatch(r"[一二三四五六七八九十]{1,3}[、.．]?", seq)) and not units and len(filled) <= 2


def _category_name(text: str) -> str:
    text = CATEGORY_MARK.sub("", re.sub(r"\s+", "", text))
    text = re.sub(r"^[一二三四五六七八九十]{1,3}\s*", "", text)
    return _COUNT_IN_CATEGORY.sub("", text).strip("：:。 ")


def _column(cells: list[str], roles: list, role: str, joiner: str) -> str:
    return joiner.join(cell for cell, r in zip(cells, roles) if r == role and cell).strip()


def _project(cells: list[str], roles: list, header: list[str], seq: int, category: str | None) -> Project:
    title_cell = _squash(_column(cells, roles, "title", "，"))
    content = _squash(_column(cells, roles, "content", "；"))
    seq_cell = _column(cells, roles, "seq", "")
    number = _SEQ.match(seq_cell)
    pieces = [content or title_cell]
    for role, label in (("location", "建设地点"), ("period", "建设时间")):
        if value := _squash(_column(cells, roles, role, "，")):
            pieces.append(f"{label}：{value}")
    amounts = []  # (header, value) of each money column
    for index, role in enumerate(roles):
        if role == "money" and index < len(cells) and cells[index]:
            money_text, value = _money(cells[index], header[index])
            pieces.append(money_text)
            amounts.append((header[index], value))
    investment = _investment(amounts)
    body = "。".join(piece.rstrip("。；; ") for piece in pieces if piece)
    units, leads = _units(cells, roles)
    deadline = _squash(_column(cells, roles, "deadline", "，")) or None
    project = Project(
        seq=int(number.group(1)) if number else seq,
        title=_title(title_cell or content),
        body=body,
        units=units,
        lead_units=leads,
        category=category,
        deadline_text=deadline,
        investment=investment,
    )
    project.theme = classify(project.title, body)
    if project.theme == "other" and category:
        project.theme = classify(category, "")
    project.targets = extract_targets(body)
    return project


# A money column for the plan year, not the whole project: 年度投资, 本年计划投资, 当年投资, 2024年投资.
_ANNUAL = re.compile(r"年度|本年|当年|今年|\d{4}年")


def _investment(amounts: list[tuple[str, int | float | None]]) -> int | float | None:
    """A project's investment (万元) from its money columns (header, value in 万元).

    One column is the investment. Of several, the annual one (年度/本年/当年/2024年…) is: a row
    with 总投资 and 年度投资 commits the year's amount, and the sum would count it twice. Without
    an annual column, a 总投资 column holds the others (其中：中央资金…); columns that only split
    the money by source (中央资金, 省级资金, 县级配套) add up.

    >>> _investment([("总投资（万元）", 5000), ("年度投资（万元）", 1200)])
    1200
    >>> (_investment([("总投资", 5000), ("中央资金", 3000), ("地方资金", 2000)]),
    ...  _investment([("中央资金", 30), ("县级配套", 20)]))
    (5000, 50)
    """
    if not amounts:
        return None
    for pick in (_ANNUAL, re.compile("总")):
        chosen = [value for header, value in amounts if pick.search(header) and value is not None]
        if chosen:
            return chosen[0]
    values = [value for _, value in amounts if value is not None]
    return _round(sum(values)) if values else None


def _money(cell: str, header: str) -> tuple[str, int | float | None]:
    """`1200` under `年度投资（万元）` → ('年度投资1200万元', 1200)."""
    label = _LABEL_IN_HEADER.sub("", header) or "投资"
    text = _squash(cell)
    if "元" in text:  # the cell says its own unit: `1.2亿元`
        return f"{label}{text}", _to_wan(text)
    figure = parse_number(text)
    if figure is None:
        return f"{label}：{text}", None
    value = _round(figure * money_factor(header))
    return f"{label}{text}{money_unit(header)}", value


def _to_wan(text: str) -> int | float | None:
    """An amount written with its unit (`1.2亿元`, `800万元`) in 万元."""
    match = re.search(r"([0-9]+(?:\.[0-9]+)?)\s*(亿|万|千)?\s*元", text)
    if not match:
        return None
    factor = {"亿": 10000, "万": 1, "千": 0.1, None: 0.0001}[match.group(2)]
    return _round(float(match.group(1)) * factor)


def _round(value: float) -> int | float:
    value = round(value, 4)
    return int(value) if value == int(value) else value


def _units(cells: list[str], roles: list) -> tuple[list[str], list[str]]:
    units: list[str] = []
    leads: list[str] = []
    for cell, role in zip(cells, roles):
        if role not in ("lead", "partner", "units") or not cell:
            continue
        text = _unit_lines(cell)
        if re.search(r"(?:牵头|责任|配合|协办)(?:单位|部门)?[:：]", text):
            names, named_leads = parse_units(text)
            named_leads = named_leads if "牵头" in text else []
        else:
            names, named_leads = split_unit_list(text), []
        for name in names:
            if name not in units:
                units.append(name)
        leads += [name for name in (names if role == "lead" else named_leads) if name not in leads]
    return units, leads or units[:1]


def _unit_lines(cell: str) -> str:
    """A cell's units on separate lines as one list: `县卫生健康局\n县总工会` → 县卫生健康局、县总工会,
    while a name wrapped by a narrow column (`市住房公积金管理\n中心`) is joined again."""
    names: list[str] = []
    for line in cell.split("\n"):
        line = re.sub(r"\s+", "", line)
        if not line:
            continue
        cut = bool(names) and (
            not looks_like_unit_list(names[-1]) or (len(line) <= 3 and not line.startswith("各"))
        )
        if cut and not names[-1].endswith(("、", "，", "；", ",", ";", "：", ":")):
            names[-1] += line
        else:
            names.append(line)
    return "、".join(names)


def _tidy_cell(cell: str) -> str:
    """A cell's lines without the spaces a PDF or a web page put between Chinese characters."""
    return "\n".join(line for raw in cell.split("\n") if (line := collapse_spaces(raw)))


def _squash(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text).strip()


def _title(text: str) -> str:
    """The first sentence of the name (or content) cell, outside quotes."""
    depth = 0
    for index, ch in enumerate(text):
        if ch in "“‘《（(":
            depth += 1
        elif ch in "”’》）)":
            depth = max(0, depth - 1)
        elif ch in _SENTENCE_END and depth == 0:
            text = text[:index]
            break
    text = re.sub(r"\s+", "", text).strip("，,、。 ")
    if len(text) > _LONGEST_TITLE:
        comma = text.find("，")
        text = text[:comma] if 4 <= comma <= _LONGEST_TITLE else text[:_LONGEST_TITLE]
    return text
