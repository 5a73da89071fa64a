"""A vote's and a satisfaction vote's counts as spreadsheets, through the one exporter base
(documents/tables.py: formula-safe, CSV, XLSX and Word written once). The lines are the
selection's own (selection/tallies.py); this module sits above documents, which the selection
may not import."""

from __future__ import annotations

from shishi.documents.tables import Column, TableExporter
from shishi.selection import tallies
from shishi.selection.models import SatisfactionSession, VoteSession

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class VoteTally(TableExporter):
    columns = (
        Column("选票顺序", 8, "center"),
        Column("候选项目", 40),
        Column("赞成（得票）", 12, "right"),
        Column("反对", 8, "right"),
        Column("弃权", 8, "right"),
        Column("结果", 20),
    )
    landscape = False

    def __init__(self, session: VoteSession):
        self.session = session
        self.title = f"{session.title}计票结果"
        self.filename = f"vote-{session.pk}-tally"

    def above_table(self) -> list[str]:
        return tallies.vote_above(self.session)

    def rows(self):
        return tallies.vote_lines(self.session)


class RatingTally(TableExporter):
    columns = (
        Column("序号", 6, "center"),
        Column("实事项目", 40),
        Column("满意", 8, "right"),
        Column("基本满意", 10, "right"),
        Column("不满意", 8, "right"),
        Column("结果", 10),
    )
    landscape = False

    def __init__(self, session: SatisfactionSession):
        self.session = session
        self.title = f"{session.title}计票结果"
        self.filename = f"satisfaction-{session.pk}-tally"

    def above_table(self) -> list[str]:
        return tallies.rating_above(self.session)

    def rows(self):
        return tallies.rating_lines(self.session)


def tally_table(session: VoteSession | SatisfactionSession) -> TableExporter:
    return VoteTally(session) if isinstance(session, VoteSession) else RatingTally(session)
