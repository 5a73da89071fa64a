"""Reports in bulk, for exports and the API: the rule is directory/access.py's (report_filter),
applied as a queryset so that a city's worth of reports is not asked about one at a time; and
what of a report a person reads (the live draft or the last version submitted).

tests/reporting/test_rules.py checks that `readable_reports` agrees with `can_read_report` for every
member of the cast and every report, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from shishi.directory.access import can_write_report
from shishi.directory.models import Person

from .models import QuarterlyReport, ReportVersion
from .services import content_of


def readable_reports(person: Person) -> QuerySet[QuarterlyReport]:
    """Every report `can_read_report(person, report)` allows: the clerk's own unit's, drafts
    included; for everyone else who sees the plan, those submitted at least once."""
    return QuarterlyReport.objects.readable_by(person)


@dataclass
class Visible:
    """What a person may read of a report: the live draft for the unit itself, else the last
    version submitted (after a return, the unit's new edits are a draft until resubmitted)."""

    content: dict
    version: ReportVersion | None  # None: the unit's own live draft

    @property
    def is_draft(self) -> bool:
        return self.version is None


def visible_content(person: Person, report: QuarterlyReport) -> Visible | None:
    """What `person` reads of a report taken from `readable_reports(person)` (or checked with
    `can_read_report`); None if nothing was submitted yet. Uses `report.versions` as prefetched
    by the caller, if it was."""
    if can_write_report(person, report):
        return Visible(content_of(report), None)
    versions = list(report.versions.all())
    if not versions:
        return None
    latest = max(versions, key=lambda v: v.number)
    return Visible(latest.content, latest)
