"""The counts as a CSV table for a spreadsheet: a vote's or a satisfaction vote's ballots and
every row, formula-safe by the one rule (shishi/formulas.py, as the exporter base of
shishi/documents applies it: that module sits above this app). The XLSX form and the REST API
are left to the apps above, which can pass these rows to their exporter base."""

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


def vote_rows(session: VoteSession) -> list[list]:
    rows = [["票决", session.title], ["组成人员数", session.members], *_ballot_rows(session)]
    rows.append(["选票顺序", "候选项目", "赞成（得票）", "反对", "弃权", "结果"])
    rows += [
        [r.candidate.ballot_order, r.candidate.title, r.line.yes, r.line.no, r.line.abstain, r.outcome_name]
        for r in vote_result(session)
    ]
    return rows


def rating_rows(session: SatisfactionSession) -> list[list]:
    result = satisfaction_result(session)
    rows = [["满意度测评", session.title], ["组成人员数", session.members], *_ballot_rows(session)]
    rows.append(["序号", "实事项目", "满意", "基本满意", "不满意", "结果"])
    rows += [
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
    if result and result.rate is not None:
        rows += [[], ["总体满意率（%）", str(result.rate)], ["测评规则", session.rating_rules.describe()]]
    return rows
