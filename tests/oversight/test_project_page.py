"""A project's ledger page reads what every unit sent in every quarter, in a fixed number of
queries however many reports there are (bench/pages.py measures it at province scale)."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shishi.directory.models import Unit
from shishi.reporting.services import accept_report, attach_stamped_pdf, start_report, submit_report
from tests.conftest import pdf_bytes


def _submitted(unit, period, clerk):
    report = attach_stamped_pdf(start_report(unit, period), clerk, pdf_bytes(), "盖章.pdf")
    submit_report(report, clerk, report.revision)
    return report


def _queries(client, url) -> int:
    """The queries of the page as it is made, not as it comes from the cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_ledger_takes_the_same_queries_for_one_report_as_for_a_year_of_them(client, cast, plan):
    project = plan.projects.get(seq=5)  # 两癌 screening: a lead and partners
    team = list(Unit.objects.filter(assignments__project=project).order_by("assignments__order"))
    assert len(team) >= 2
    client.force_login(cast["cora"])
    url = reverse("oversight:project", args=[plan.pk, project.pk]) + "?q=1"
    accept_report(_submitted(team[0], plan.periods.get(quarter=1), cast["admin"]), cast["cora"])
    one = _queries(client, url)
    # The session, the person, the plan with its region, its quarters, the project, its targets, the
    # team, the quarter's reports with their figures, the implementation plans, the reports' latest
    # versions, the top bar's unread count.
    assert one <= 11
    for unit in team[1:]:
        _submitted(unit, plan.periods.get(quarter=1), cast["admin"])
    for quarter in (2, 3, 4):
        for unit in team:
            _submitted(unit, plan.periods.get(quarter=quarter), cast["admin"])
    page = client.get(url).content.decode()
    assert page.count("第1版") == 4 * len(team)  # every report is on the ledger
    assert _queries(client, url) == one


def test_the_ledger_shows_each_reports_latest_version_its_outcome_and_figures_by_quarter(client, cast, plan):
    from decimal import Decimal

    from shishi.reporting.services import LineEntry, return_report, save_draft

    project = plan.projects.get(seq=5)
    lead = Unit.objects.filter(assignments__project=project).order_by("assignments__order").first()
    q1, q2 = plan.periods.get(quarter=1), plan.periods.get(quarter=2)
    _submitted(lead, q2, cast["admin"])
    first = _submitted(lead, q1, cast["admin"])
    return_report(first, cast["cora"], "请补充")
    first.refresh_from_db()
    line = first.lines.prefetch_related("values__target").get(project=project)
    values = {v.target_id: Decimal("1200") for v in line.values.all()}
    first = save_draft(
        first, cast["admin"], first.revision, {project.pk: LineEntry("二版进展", "", "on_schedule", values)}
    )
    submit_report(first, cast["admin"], first.revision)
    client.force_login(cast["cora"])
    page = client.get(reverse("oversight:project", args=[plan.pk, project.pk]) + "?q=1").content.decode()
    ledger = page[page.index("工作台账") :]
    assert ledger.count("第2版") == 1 and ledger.count("第1版") == 1  # Q1 resubmitted, Q2 once
    assert ledger.index("2023年第1季度") < ledger.index("2023年第2季度")
    indicator = line.values.first().target.indicator
    assert "二版进展" in ledger and f"{indicator}：1200" in ledger and "待审核" in ledger


@pytest.mark.parametrize(
    "moment, quarter",
    [
        ("2023-12-15 10:00", 4),  # was 第1季度: the first quarter that had ended
        ("2023-04-05 10:00", 1),  # Q1 is still being reported
        ("2023-05-20 10:00", 2),
    ],
)
def test_without_a_quarter_asked_it_opens_on_the_quarter_being_reported(client, cast, plan, moment, quarter):
    client.force_login(cast["cora"])
    url = reverse("oversight:project", args=[plan.pk, plan.projects.get(seq=1).pk])
    with time_machine.travel(datetime.datetime.fromisoformat(moment + "+08:00"), tick=False):
        page = client.get(url).content.decode()
    assert f"指标完成情况（2023年第{quarter}季度）" in page
