"""Who may take which form out and bring one back: the rules of access.py applied to forms.

Nothing is decided here that access.py does not already say: the unit's own clerk works on
the draft; coordinators, leaders and city coordinators of the plan read what was submitted
(drafts belong to the unit); the blank attachment is for anyone who may see the plan.
"""

from __future__ import annotations

from shishi.directory.access import can_read_report, can_view_plan, can_write_report
from shishi.directory.models import Person
from shishi.reporting.models import QuarterlyReport

DRAFT, SUBMITTED = "draft", "submitted"


def form_source(person: Person, report: QuarterlyReport) -> str | None:
    """What a person may download as a unit's filled form: the report as the unit's clerk has it
    now (DRAFT), its latest submitted version (SUBMITTED), or nothing (None).

    `report` may be unsaved (a unit that has not opened its report yet): then only the unit's
    own clerk may have the form, with nothing filled in.
    """
    if can_write_report(person, report):
        return DRAFT
    if report.pk is not None and can_read_report(person, report):
        return SUBMITTED
    return None


def can_download_blank_form(person: Person, plan) -> bool:
    return can_view_plan(person, plan)


def can_import_form(person: Person, report: QuarterlyReport) -> bool:
    """Only the unit's own clerk brings a filled form back into its draft."""
    return can_write_report(person, report)
