"""Text in, `Notice` out: split the document into header, projects, closing and attachment."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .attachment import read_attachment
from .checks import check
from .header import find_issue_date, publication_year, read_header
from .items import (
    SECTION_HEADINGS,
    empty_categories,
    find_items,
    is_higher_heading,
    split_enumeration,
    split_paragraph_list,
    split_semicolon_list,
    split_units_paragraphs,
)
from .model import Notice, Project
from .normalize import collapse_spaces, lines_of
from .reporting import deadline_date, read_reporting
from .table_list import table_projects
from .tables import Table, find_tables
from .targets import extract_targets
from .themes import classify
from .units import find_units_clauses

_ATTACHMENT_START = re.compile(r"^附\s*件\s*\d*\s*[:：]?$")
_CC = re.compile(r"^(?:抄送|抄报)[:：]")
# Paragraphs that begin the closing part once the list of projects is over.
_CLOSING_START = re.compile(
    r"^(?:各(?:有关|相关|责任|级|部门|单位|镇|区|县)|相关(?:部门|单位)|有关(?:部门|单位)|请各|以上|联系人|附件"
    r"|为(?:全[县区市])?妇女儿童办实事工作|[^，。]{0,12}(?:督查室|妇儿工委办公室)[^，。]{0,6}要)"
)
_SENTENCE_END = "。！？；："
_LONGEST_TITLE = 50


@dataclass
class _Item:
    seq: int
    numbered: bool
    text: str  # the item's text, line breaks kept
    category: str | None = None
    marked: bool = True  # False for lists without markers (paragraphs, `；` or `、` lists)


def parse_notice(text: str) -> Notice:
    """Read a notice from its text. Never raises on odd input: what cannot be read is warned about."""
    raw_lines = lines_of(text if isinstance(text, str) else "")
    main_end, attachment_at = _sections(raw_lines)
    tables = [table for table in find_tables(raw_lines) if table.lists_projects]
    in_tables = {index for table in tables for index in range(table.start, table.end)}
    main_lines = [
        line
        for index, raw in enumerate(raw_lines[:main_end])
        if index not in in_tables and (line := collapse_spaces(raw))
    ]
    main = "\n".join(main_lines)
    wrapped = _hard_wrapped(main_lines)

    items, first_item_at, closing_at, empty = _items(main, wrapped)
    header = read_header(main[:first_item_at].split("\n"))
    notice = Notice(
        title=header.title,
        issuer=header.issuer,
        doc_number=header.doc_number,
        addressees=header.addressees,
        region=header.region,
    )
    numbered = {}
    for item in items:
        notice.projects.append(_project(item, wrapped))
        numbered[item.seq] = item.numbered
    notice.list_source = (
        ("numbered" if any(item.marked for item in items) else "unnumbered") if items else None
    )
    table, listed, unread, empty_in_table = _table_list(tables, notice.projects)
    if table is not None:
        notice.projects, notice.list_source, empty = listed, "table", empty_in_table
        numbered = {project.seq: True for project in listed}
        closing_at = len(main)  # the body's own sections hold the rules: read all of it

    closing = re.sub(r"\s+", "", main[closing_at:]) if closing_at < len(main) else ""
    notice.reporting = read_reporting(closing or re.sub(r"\s+", "", main))
    all_lines = [collapse_spaces(line) for line in raw_lines if line.strip()]
    notice.issued_on = find_issue_date(all_lines)
    notice.year = (
        header.title_year
        or header.doc_year
        or (int(notice.issued_on[:4]) if notice.issued_on else None)
        or publication_year(main_lines)
    )
    for project in notice.projects:
        project.deadline = deadline_date(project.deadline_text, notice.year)
    list_in_attachment = table is not None and attachment_at is not None and table.start >= attachment_at
    if attachment_at is not None and not list_in_attachment:
        known_units = [unit for project in notice.projects for unit in project.units]
        notice.attachment = read_attachment(
            raw_lines[attachment_at:], [p.title for p in notice.projects], known_units
        )
    check(notice, numbered)
    if table is not None:
        where = "附件表格" if list_in_attachment else "表格"
        notice.warn("list-found", f"实事项目取自{where}，共{len(listed)}项，请逐项核对。")
        for row in unread:
            notice.warn("unread-row", f"表格中的一行无法读成实事项目：“{row}”。")
    for name in empty:
        notice.warn("empty-category", f"类别“{name}”下没有实事项目，请核对是否漏读或通知本身遗漏。")
    return notice


def _table_list(
    tables: list[Table], body: list[Project]
) -> tuple[Table | None, list[Project], list[str], list[str]]:
    """The best table that lists projects, when it says more than the body's list: its
    projects, the rows that could not be read and its categories without projects.

    The list is the one whose items carry units and commitments: a body whose numbered list is
    a 人大 announcement's questions loses to the table of projects in its attachment, while an
    official notice whose numbered projects carry their units keeps them over a short table.
    """

    def weight(projects: list[Project]) -> int:
        return sum(bool(p.units) + bool(p.targets) for p in projects)

    best: tuple[int, Table, list[Project], list[str], list[str]] | None = None
    for table in tables:
        projects, unread, empty = table_projects(table)
        if projects and (best is None or weight(projects) > best[0]):
            best = (weight(projects), table, projects, unread, empty)
    if best is None or best[0] <= weight(body) or (len(best[2]) < 2 and body):
        return None, [], [], []
    return best[1], best[2], best[3], best[4]


def _sections(lines: list[str]) -> tuple[int, int | None]:
    """Where the main text ends and where the attachment form starts (if there is one)."""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index > 5 and _ATTACHMENT_START.match(stripped):
            return index, index
        if index > 5 and _CC.match(stripped):
            return index, None
    return len(lines), None


def _hard_wrapped(lines: list[str]) -> bool:
    """True for PDF-like text where lines break at a fixed width, not at paragraph ends."""
    if len(lines) < 8:
        return False
    lengths = Counter(len(line) for line in lines if len(line) >= 15)
    if not lengths:
        return False
    common, _ = lengths.most_common(1)[0]
    near = sum(n for length, n in lengths.items() if abs(length - common) <= 2)
    unfinished = sum(1 for line in lines if len(line) >= 15 and line[-1] not in _SENTENCE_END + "）)")
    return near >= 0.4 * len(lines) and unfinished >= 0.3 * len(lines)


def _items(main: str, wrapped: bool) -> tuple[list[_Item], int, int, list[str]]:
    """The projects, the offset where the first one starts, where the closing starts, and the
    category headings with no project under them."""
    markers = find_items(main)
    if markers and _section_headings(main, markers):
        # An interpretation page numbers its sections, not the projects: read its content section.
        section = _content_section(main, markers)
        offset = main.find(section)
        items, first, closing, empty = _items(section, wrapped) if find_items(section) else ([], 0, 0, [])
        if items:
            return items, offset + first, offset + closing, empty
        spans = [(offset + a, offset + b) for a, b in split_enumeration(section)]
        return _spanned(main, spans)
    if not markers:
        spans = (
            split_units_paragraphs(main)
            or split_semicolon_list(main)
            or split_paragraph_list(main)
            or split_enumeration(main)
        )
        return _spanned(main, spans)

    chunks = [
        (marker, main[marker.end : markers[i + 1].start if i + 1 < len(markers) else len(main)])
        for i, marker in enumerate(markers)
    ]
    found = [find_units_clauses(chunk) for _, chunk in chunks]  # read once, used twice
    leading = _units_lead_the_body([chunk for _, chunk in chunks], found)
    items: list[_Item] = []
    first_at = markers[0].start
    if markers[0].number == 2 and (orphan := _orphan_first_item(main[: markers[0].start])):
        first_at = main.rfind(orphan)
        items.append(_Item(1, False, orphan))
    closing_at = len(main)
    for index, (marker, chunk) in enumerate(chunks):
        last = index == len(chunks) - 1
        pieces, tail = _split_chunk(chunk, found[index], leading, last, wrapped, marker.style.rank)
        seq = marker.number if not items or marker.number > items[-1].seq else items[-1].seq + 1
        items.append(_Item(seq, True, pieces[0], marker.category))
        for piece in pieces[1:]:
            items.append(_Item(items[-1].seq + 1, False, piece, marker.category))
        if last:
            closing_at = marker.end + len(chunk) - len(tail)
    return items, first_at, closing_at, empty_categories(main, markers)


def _spanned(main: str, spans: list[tuple[int, int]]) -> tuple[list[_Item], int, int, list[str]]:
    """Items from unnumbered spans (a list in one sentence or one paragraph each)."""
    items = [_Item(n, True, main[a:b], marked=False) for n, (a, b) in enumerate(spans, 1)]
    first = main.rfind("\n", 0, spans[0][0]) + 1 if spans else len(main)
    return items, first, spans[-1][1] if spans else len(main), []


def _section_headings(main: str, markers) -> bool:
    """Whether most numbered items are an interpretation page's section headings."""
    titles = [main[m.end : m.end + 12].strip() for m in markers]
    return sum(bool(SECTION_HEADINGS.match(t)) for t in titles) * 2 > len(titles)


def _content_section(main: str, markers) -> str:
    """The text of the section that presents the content (主要内容, 内容简介…)."""
    for index, marker in enumerate(markers):
        end = markers[index + 1].start if index + 1 < len(markers) else len(main)
        if "内容" in main[marker.end : marker.end + 12]:
            return main[marker.end : end]
    return main


def _units_lead_the_body(chunks: list[str], found: list[list]) -> bool:
    """Whether units clauses follow the title (body after them) rather than end the project."""
    leading = trailing = 0
    for chunk, clauses in zip(chunks[:-1], found):
        if len(clauses) != 1:
            continue
        after = chunk[clauses[0].end :].strip(" \n。；")
        if len(after) > 10:
            leading += 1
        else:
            trailing += 1
    return leading > trailing


def _split_chunk(
    chunk: str, clauses: list, leading: bool, last: bool, wrapped: bool, rank: int
) -> tuple[list[str], str]:
    """One numbered chunk (with its units clauses) → its project, any unnumbered projects inside
    it, and the closing tail."""
    starts = [0]
    for clause in clauses[1:]:
        if leading:
            line_start = chunk.rfind("\n", 0, clause.start) + 1
            if line_start > starts[-1]:
                starts.append(line_start)
        else:
            previous_end = max(c.end for c in clauses if c.start < clause.start)
            paragraph = chunk.find("\n", previous_end)
            if 0 <= paragraph < clause.start and chunk[paragraph : clause.start].strip(" \n。；"):
                starts.append(paragraph + 1)
    end = _next_heading(chunk, rank)
    if last:
        end = min(end, _closing_offset(chunk, clauses, leading, wrapped, rank))
    starts = [start for start in starts if start < end]
    pieces = [chunk[a:b] for a, b in zip(starts, starts[1:] + [end])]
    return pieces, chunk[end:]


def _next_heading(chunk: str, rank: int) -> int:
    """Where a heading above the items starts (`二、关爱新就业形态群体` between items 4 and 5)."""
    offset = 0
    for line in chunk.split("\n"):
        if offset and is_higher_heading(line, rank):
            return offset
        offset += len(line) + 1
    return len(chunk)


def _closing_offset(chunk: str, clauses: list, leading: bool, wrapped: bool, rank: int) -> int:
    """Where the closing paragraphs start inside the last chunk."""
    if clauses and not leading:
        after = clauses[-1].end
        return after + len(chunk[after:]) - len(chunk[after:].lstrip("。；; \n"))
    search_from = clauses[-1].end if clauses else 0
    offset = search_from
    for line in chunk[search_from:].split("\n"):
        if offset > search_from and (_CLOSING_START.match(line) or is_higher_heading(line, rank)):
            return offset
        offset += len(line) + 1
    if not wrapped and not clauses:
        # One paragraph per item; a short heading line (`5 就业创业`) takes the paragraph under it.
        lines = chunk.split("\n")
        take = (
            2
            if len(lines) > 1 and len(lines[0]) <= 15 and not re.search(f"[{_SENTENCE_END}，,]", lines[0])
            else 1
        )
        return min(len(chunk), sum(len(line) + 1 for line in lines[:take]))
    return len(chunk)


def _orphan_first_item(before: str) -> str | None:
    """The first project when its numeral 一、 is missing: the paragraph after the preamble."""
    lines = before.rstrip("\n").split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].endswith(("：", ":", "如下。")) or "通知如下" in lines[index]:
            orphan = "\n".join(lines[index + 1 :])
            return orphan if find_units_clauses(orphan) else None
    return None


def _project(item: _Item, wrapped: bool) -> Project:
    text = item.text.strip(" \n；;")
    heading, _, rest = text.partition("\n")
    if (
        rest.strip()
        and not wrapped
        and len(heading) <= 15
        and not re.search(f"[{_SENTENCE_END}，,（(]", heading)
    ):
        text = f"{heading}。{rest}"  # a heading over its paragraph (`5 就业创业`): keep them apart
    clauses = find_units_clauses(text)
    units: list[str] = []
    leads: list[str] = []
    body = text
    for clause in reversed(clauses):
        body = body[: clause.start] + body[clause.end :]
    for clause in clauses:
        units += [u for u in clause.units if u not in units]
        leads += [u for u in clause.lead_units if u not in leads]
    body = _tidy(body)
    # Without a units clause this is a news list, whose items run on: `新建幼儿园6所，…`.
    head = text[: clauses[0].start] if clauses else text
    # An item that is one sentence up to its units (`一是新建城南幼儿园，新增学位270个（…）`) is
    # named by its first clause, as a news list without units is.
    one_sentence = bool(clauses) and _first_sentence(head, _SENTENCE_END).strip(" \n") == head.strip(
        " \n。；;"
    )
    title = _title(head, wrapped, stops="" if clauses and not one_sentence else "，,")
    project = Project(
        seq=item.seq,
        title=title,
        body=body,
        units=units,
        lead_units=leads[:] if units else [],
        category=item.category,
    )
    project.theme = classify(title, body)
    if project.theme == "other" and item.category:
        project.theme = classify(item.category, "")
    project.targets = extract_targets(body)
    return project


def _tidy(body: str) -> str:
    body = re.sub(r"\s*\n\s*", "", body)
    body = re.sub(r"([。；，])[。；，]+", r"\1", body)
    return body.strip(" ；;，,")


def _first_sentence(text: str, stops: str) -> str:
    """Text up to the first stop character outside quotes (`实施“青鸟计划,共创未来”项目`)."""
    depth = 0
    for index, ch in enumerate(text):
        if ch in "“‘《（(":
            depth += 1
        elif ch in "”’》）)":
            depth = max(0, depth - 1)
        elif ch in stops and depth == 0:
            return text[:index]
    return text


def _title(text: str, wrapped: bool, stops: str = "") -> str:
    """The project's name: its first sentence (`实施优质教育资源扩容提质行动`)."""
    if wrapped:
        text = text.replace("\n", "")
    title = _first_sentence(text, _SENTENCE_END + stops + "\n")
    title = re.sub(r"\s+", "", title).strip("，,、 ")
    if len(title) > _LONGEST_TITLE:
        comma = title.find("，")
        title = title[:comma] if 4 <= comma <= _LONGEST_TITLE else title[:_LONGEST_TITLE]
    return title
