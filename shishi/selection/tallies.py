"""The counts as a table for a spreadsheet: a vote's or a satisfaction vote's ballots and every
row. Here the CSV, formula-safe by the one rule (shishi/formulas.py, as the exporter base of
shishi/documents applies it: that module sits above this app); the XLSX is the exporter base's
own rendering of the same lines (`*_above` and `*_lines`), in shishi/api/tallies.py."""

from __future__ import annotations

import csv
import io

from shishi.formulas import reads_as_formula
from shishi.notice.text import clean_text

from .models import SatisfactionSession, VoteSession
from .ratings import satisfaction_result
from .services import vote_result


def cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        value = clean_text(value)
        return "'" + value if reads_as_formula(value) else value
    return value


def to_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def _ballot_rows(session) -> list[list]:
    return [
        ["发出票数", session.issued],
        ["收回票数", session.returned],
        ["未收回票数", session.not_returned],
        ["有效票数", session.valid],
        ["无效票数", session.invalid],
        [],
    ]


VOTE_HEADER = ["选票顺序", "候选项目", "赞成（得票）", "反对", "弃权", "结果"]
RATING_HEADER = ["序号", "实事项目", "满意", "基本满意", "不满意", "结果"]


def _ballots_line(session) -> str:
    return (
        f"发出票数{session.issued}，收回票数{session.returned}，未收回票数{session.not_returned}，"
        f"有效票数{session.valid}，无效票数{session.invalid}"
    )


def vote_lines(session: VoteSession) -> list[list]:
    """One row per candidate in ballot order (VOTE_HEADER); empty before the count."""
    return [
        [r.candidate.ballot_order, r.candidate.title, r.line.yes, r.line.no, r.line.abstain, r.outcome_name]
        for r in vote_result(session)
    ]


def vote_above(session: VoteSession) -> list[str]:
    """The lines above a vote's table: members, ballots and the rules the result follows."""
    return [
        f"组成人员数{session.members}人；{_ballots_line(session)}",
        f"{session.mode_text}；{session.get_threshold_display()}；{session.get_tie_display()}",
    ]


def vote_rows(session: VoteSession) -> list[list]:
    rows = [["票决", session.title], ["组成人员数", session.members], *_ballot_rows(session)]
    rows.append(VOTE_HEADER)
    rows += vote_lines(session)
    return rows


def rating_lines(session: SatisfactionSession) -> list[list]:
    """One row per project (RATING_HEADER); empty before the count."""
    result = satisfaction_result(session)
    return [
        [
            r.line.project.seq,
            r.line.project.title,
            r.line.satisfied,
            r.line.basic,
            r.line.unsatisfied,
            r.result_name,
        ]
        for r in (result.ratings if result else [])
    ]


def rating_above(session: SatisfactionSession) -> list[str]:
    """The lines above a satisfaction vote's table: members, ballots, the overall rate and the rule."""
    result = satisfaction_result(session)
    lines = [f"组成人员数{session.members}人；{_ballots_line(session)}"]
    if result and result.rate is not None:
        lines.append(f"总体满意率{result.rate}%")
    lines.append(f"测评规则：{session.rating_rules.describe()}")
    return lines


def rating_rows(session: SatisfactionSession) -> list[list]:
    result = satisfaction_result(session)
    rows = [["满意度测评", session.title], ["组成人员数", session.members], *_ballot_rows(session)]
    rows.append(RATING_HEADER)
    rows += rating_lines(session)
    if result and result.rate is not None:
        rows += [[], ["总体满意率（%）", str(result.rate)], ["测评规则", session.rating_rules.describe()]]
    return rows
