"""readable_reports (a queryset, for exports and the API) says exactly what can_read_report says."""

from __future__ import annotations

import pytest

from shishi.directory.access import can_read_report
from shishi.reporting.models import QuarterlyReport
from shishi.reporting.rules import readable_reports, visible_content
from shishi.reporting.services import (
    LineEntry,
    accept_report,
    attach_stamped_pdf,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from tests.conftest import pdf_bytes

ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "admin"]


def _submit(report, person):
    attach_stamped_pdf(report, person, pdf_bytes(), "盖章.pdf")
    submit_report(report, person, QuarterlyReport.objects.get(pk=report.pk).revision)
    return QuarterlyReport.objects.get(pk=report.pk)


@pytest.fixture
def reports(cast, plan):
    """One report in every state: a draft, submitted, returned and rewritten, accepted."""
    lena, pavel, cora = cast["lena"], cast["pavel"], cast["cora"]
    q = {p.quarter: p for p in plan.periods.all()}
    draft = start_report(lena.unit, q[1])
    submitted = _submit(start_report(lena.unit, q[2]), lena)
    returned = return_report(_submit(start_report(pavel.unit, q[1]), pavel), cora, "请补充")
    save_draft(
        returned, pavel, returned.revision, {returned.lines.first().project_id: LineEntry("改写", "", "", {})}
    )
    accepted = accept_report(_submit(start_report(pavel.unit, q[2]), pavel), cora)
    return [draft, submitted, returned, accepted]


def test_it_agrees_with_can_read_report_for_every_report(cast, reports):
    bulk = {role: set(readable_reports(cast[role]).values_list("pk", flat=True)) for role in ROLES}
    one_by_one = {
        role: {r.pk for r in QuarterlyReport.objects.all() if can_read_report(cast[role], r)}
        for role in ROLES
    }
    assert bulk == one_by_one
    assert any(bulk.values()) and not all(bulk.values())  # the scene has something to tell apart


@pytest.mark.parametrize(
    "role, sees_draft", [("pavel", True), ("cora", False), ("leah", False), ("cici", False)]
)
def test_after_a_return_only_the_unit_sees_its_new_text(cast, reports, role, sees_draft):
    returned = reports[2]
    seen = visible_content(cast[role], QuarterlyReport.objects.get(pk=returned.pk))
    assert seen.is_draft == sees_draft
    assert (seen.content["lines"][0]["measures"] == "改写") == sees_draft
