"""The board and a project's page are kept in the cache under the plan's last change: whatever
changes what they show is on them at the next visit, and a quarter turns late on its own day."""

import datetime

import time_machine
from django.urls import reverse

from shishi.reporting.ledger import save_implementation_plan
from shishi.reporting.models import ImplementationPlan
from shishi.reporting.services import accept_report, start_report
from tests.conftest import submit_filled

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_report_sent_and_accepted_after_a_visit_is_on_the_board_and_the_project_page(
    client, cast, plan, q1
):
    lena, cora = cast["lena"], cast["cora"]
    client.force_login(cora)
    board = reverse("oversight:board", args=[plan.pk, 1])
    project = reverse("oversight:project", args=[plan.pk, plan.projects.get(seq=1).pk]) + "?q=1"
    assert "没有待审核的报表" in _page(client, board) and "还没有单位报送" in _page(client, project)
    report = submit_filled(start_report(lena.unit, q1), lena, "已开工3所", {"新改扩建幼儿园": "3"})
    assert "没有待审核的报表" not in _page(client, board)
    assert "已开工3所" in _page(client, project)
    assert "<td>3所</td>" in _page(client, project)  # Lena's figure, lead unit of project 1
    accept_report(report, cora)
    assert "没有待审核的报表" in _page(client, board)


def test_a_renamed_project_and_an_implementation_plan_show_at_the_next_visit(client, cast, plan):
    client.force_login(cast["cora"])
    first = plan.projects.get(seq=1)
    board = reverse("oversight:board", args=[plan.pk, 1])
    project = reverse("oversight:project", args=[plan.pk, first.pk]) + "?q=1"
    _page(client, board), _page(client, project)
    first.title = "新建幼儿园行动"
    first.save()
    assert "新建幼儿园行动" in _page(client, board)
    assignment = first.assignments.get(unit=cast["lena"].unit)
    item, _created = ImplementationPlan.objects.get_or_create(assignment=assignment)
    save_implementation_plan(item, cast["lena"], item.revision, {"office": "学前教育科"})
    assert "学前教育科" in _page(client, project)


def test_a_quarter_turns_late_on_the_day_after_its_due_date_without_any_change(client, cast, plan, q1):
    client.force_login(cast["cora"])
    board = reverse("oversight:board", args=[plan.pk, 1])
    with time_machine.travel(datetime.datetime(2023, 4, 10, 20, tzinfo=BEIJING)):  # Q1's due date
        assert "没有逾期未报的单位" in _page(client, board)
    with time_machine.travel(datetime.datetime(2023, 4, 11, 8, tzinfo=BEIJING)):
        assert "没有逾期未报的单位" not in _page(client, board)
