"""Warnings about the notice itself, for the coordinator to look at before confirming.

Codes (stable; the UI translates them):
- `missing-numeral`: a project stands in the list without its numeral (六、 left out);
- `numbering-gap`: the numbers skip or repeat;
- `no-projects`: nothing that looks like a list of projects was found;
- `no-units`: a project names no responsible unit;
- `attachment-missing-row` / `attachment-extra-row`: the form and the body list different projects;
- `attachment-title-mismatch`, `attachment-units-mismatch`: a row disagrees with its project;
- `unit-variant`: one unit written two ways in the same notice (区教育局 / 区教体局);
- `unreadable-target`: something that looks like a commitment whose number could not be read;
- `list-found`: the projects were read from a table (where, and how many), for the coordinator to
  check row by row (structure.py);
- `unread-row`: a table row that could not be read as a project (structure.py);
- `empty-category`: a category heading (or a table's category row) with no project under it
  (structure.py, from items.empty_categories and table_list.table_projects).

A list whose numbering jumps (六、 then 九、) between items that each carry their units clause
is read on (items._best_run) and gets `numbering-gap` here, rather than ending at the jump.
"""

from __future__ import annotations

import re

from .bounds import MAX_UNIT_NAMES
from .model import Notice
from .targets import unreadable_numbers


def check(notice: Notice, numbered: dict[int, bool]) -> None:
    """Append every warning to `notice.warnings`. `numbered` tells which seqs had a numeral."""
    if not notice.projects:
        notice.warn("no-projects", "未找到实事项目列表：请检查文件是否为实事通知，或手工录入。")
        return
    _numbering(notice, numbered)
    for project in notice.projects:
        if not project.units:
            notice.warn("no-units", f"第{project.seq}项“{project.title}”未写明责任单位。", project.seq)
        for fragment in unreadable_numbers(project.body):
            notice.warn(
                "unreadable-target",
                f"第{project.seq}项中“{fragment}”像是一项指标，但数字无法识别。",
                project.seq,
            )
    if notice.attachment and notice.attachment.rows:
        _attachment(notice)
    _unit_variants(notice)


def _numbering(notice: Notice, numbered: dict[int, bool]) -> None:
    previous = 0
    for project in notice.projects:
        if not numbered.get(project.seq, True):
            notice.warn("missing-numeral", f"第{project.seq}项“{project.title}”前缺少序号。", project.seq)
        elif project.seq != previous + 1:
            notice.warn("numbering-gap", f"序号从{previous}跳到{project.seq}。", project.seq)
        previous = project.seq


def _attachment(notice: Notice) -> None:
    rows = {row.seq: row for row in notice.attachment.rows}
    for project in notice.projects:
        row = rows.pop(project.seq, None)
        if row is None:
            notice.warn(
                "attachment-missing-row", f"附件报表中没有第{project.seq}项“{project.title}”。", project.seq
            )
            continue
        if _compact(row.title) != _compact(project.title):
            notice.warn(
                "attachment-title-mismatch",
                f"第{project.seq}项名称不一致：正文为“{project.title}”，附件为“{row.title}”。",
                project.seq,
            )
        missing = [u for u in project.units if u not in row.units and not _covered_by_group(u, row.units)]
        extra = [
            u
            for u in row.units
            if u not in project.units and not any(_covered_by_group(b, [u]) for b in project.units)
        ]
        if missing or extra:
            notice.warn(
                "attachment-units-mismatch",
                f"第{project.seq}项责任单位不一致：正文为“{'、'.join(project.units)}”，附件为“{'、'.join(row.units)}”。",
                project.seq,
            )
        if len(missing) == 1 and len(extra) == 1:
            notice.warn(
                "unit-variant", f"同一单位可能有两种写法：“{missing[0]}”和“{extra[0]}”。", project.seq
            )
    for row in rows.values():
        notice.warn(
            "attachment-extra-row", f"附件报表第{row.seq}行“{row.title}”在正文中没有对应实事。", row.seq
        )


def _covered_by_group(unit: str, row_units: list[str]) -> bool:
    # "各街道、镇、中心" in the form stands for every street office, town and centre in the body.
    groups = [u for u in row_units if u.startswith("各")]
    return any(unit.endswith(tuple(re.split(r"[、，,]", group[1:]))) for group in groups)


def _unit_variants(notice: Notice) -> None:
    names: list[tuple[str, int]] = []
    for project in notice.projects:
        names += [(unit, project.seq) for unit in project.units]
    for row in notice.attachment.rows if notice.attachment else []:
        names += [(unit, row.seq) for unit in row.units]
    seen: set[frozenset[str]] = set()
    distinct = list(dict.fromkeys(name for name, _ in names))
    if len(distinct) > MAX_UNIT_NAMES:
        return  # every pair is compared: no notice names this many units, and load_notice refuses it
    for index, first in enumerate(distinct):
        for second in distinct[index + 1 :]:
            pair = frozenset((first, second))
            if pair not in seen and same_unit(first, second):
                seen.add(pair)
                seq = next(seq for name, seq in names if name == second)
                notice.warn("unit-variant", f"同一单位可能有两种写法：“{first}”和“{second}”。", seq)


def same_unit(first: str, second: str) -> bool:
    """Two spellings of one unit: the short one is an abbreviation of the long one, with the
    same prefix (县/区/市) and the same kind of office at the end. Renamed offices that share
    no such form (区教育局 / 区教体局) are caught where the form and the body disagree.

    >>> same_unit("区教体局", "区教育和体育局"), same_unit("县卫健局", "县卫生健康局")
    (True, True)
    >>> same_unit("区人社局", "区人防局"), same_unit("县妇联", "县总工会")
    (False, False)
    """
    if first == second or first.startswith("各") or second.startswith("各"):
        return False
    if first[0] != second[0] or first[-1] != second[-1] or min(len(first), len(second)) < 3:
        return False
    short, long = sorted((first, second), key=len)
    if _is_subsequence(short, long) and len(short) >= len(long) / 2:
        return True
    return False


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def _compact(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", text)
