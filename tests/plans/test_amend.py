"""Changing a plan mid-year: a project's targets and its responsible units, each change in the
history and told to the units affected. Lena is 县教育体育局's clerk (lead on project 1), Pavel
县财政局's (a partner on project 5); Cora manages the plan; Otto (高青县) does not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from shishi.directory.models import Unit
from shishi.history.models import Event
from shishi.plans.amend import TeamChange, amend_project
from shishi.plans.models import Plan
from shishi.plans.services import PlanError
from shishi.reporting.models import ImplementationPlan
from shishi.reporting.services import start_report
from tests.conftest import fill_report, submit_filled
from tests.plans.editing import edit_form


def _project(plan, seq):
    return plan.projects.get(seq=seq)


def _url(project):
    return reverse("plans:edit_project", args=[project.plan_id, project.pk])


def test_cora_raises_a_target_and_the_units_on_the_project_are_told(client, cast, plan):
    project = _project(plan, 1)  # 新改扩建幼儿园 6所, …; 县教育体育局 alone
    before = Plan.objects.get(pk=plan.pk).changed_at
    client.force_login(cast["cora"])
    assert client.get(_url(project)).status_code == 200
    response = client.post(_url(project), edit_form(project, **{"t-0-value": "8", "t-0-op": ">="}))
    assert response.url == reverse("plans:detail", args=[plan.pk])
    target = project.targets.get(seq=1)
    assert (target.op, target.value) == (">=", Decimal(8))
    event = Event.objects.get(verb="amended")
    assert event.actor == cast["cora"] and event.plan_id == plan.pk
    assert "指标“新改扩建幼儿园 6所”改为“新改扩建幼儿园 ≥8所”" in event.summary
    notice = cast["lena"].notices.get()
    assert "第1项“实施优质教育资源扩容提质行动”：指标有调整" in notice.text and "≥8所" in notice.text
    assert notice.url == reverse("oversight:project", args=[plan.pk, project.pk])
    assert not cast["pavel"].notices.exists()  # 县财政局 is not on project 1
    assert Plan.objects.get(pk=plan.pk).changed_at > before


def test_a_target_with_reported_figures_cannot_be_deleted_only_edited(client, cast, plan, q1):
    report = start_report(cast["lena"].unit, q1)
    fill_report(report, cast["lena"], "已开工", {"新改扩建幼儿园": "3"})
    project = _project(plan, 1)
    client.force_login(cast["cora"])
    assert "已有完成值" in client.get(_url(project)).content.decode()  # no box to tick
    response = client.post(_url(project), edit_form(project, **{"t-0-DELETE": "1"}))
    assert response.status_code == 400
    assert "指标“新改扩建幼儿园”已有责任单位报送的完成值，不能删除，只能修改。" in response.content.decode()
    assert project.targets.filter(indicator="新改扩建幼儿园").exists()
    # Editing it is fine, and the figure reported stays.
    client.post(_url(project), edit_form(project, **{"t-0-indicator": "新建和改扩建幼儿园"}))
    target = project.targets.get(seq=1)
    assert target.indicator == "新建和改扩建幼儿园"
    assert target.reported_values.get().value == Decimal(3)


def test_a_target_without_figures_is_deleted_and_a_new_one_reaches_the_open_draft(client, cast, plan, q1):
    report = start_report(cast["lena"].unit, q1)
    project = _project(plan, 1)
    client.force_login(cast["cora"])
    form = edit_form(
        project,
        **{
            "t-3-DELETE": "1",
            "t-4-indicator": "新增托位",
            "t-4-op": ">=",
            "t-4-value": "120",
            "t-4-unit_of_measure": "个",
        },
    )
    assert client.post(_url(project), form).status_code == 302
    kept = ["新改扩建幼儿园", "新改扩建中小学", "新改扩建中职学校", "新增托位"]
    assert [t.indicator for t in project.targets.all()] == kept
    line = report.lines.get(project=project)
    assert "新增托位" in {v.target.indicator for v in line.values.select_related("target")}
    summaries = list(Event.objects.filter(verb="amended").values_list("summary", flat=True))
    assert any("删除指标“拓展学位 ≥3800个”" in s for s in summaries)
    assert any("新增指标“新增托位 ≥120个”" in s for s in summaries)


def test_cora_adds_a_partner_moves_the_lead_and_removes_a_unit_and_each_unit_is_told(client, cast, plan):
    project = _project(plan, 5)  # 县卫生健康局 (lead), 县妇联, 县财政局
    education = Unit.objects.get(region=plan.region, name="县教育体育局")
    finance = Unit.objects.get(region=plan.region, name="县财政局")
    client.force_login(cast["cora"])
    rows = {a.unit.name: n for n, a in enumerate(project.assignments.select_related("unit"))}
    form = edit_form(
        project,
        **{
            f"u-{rows['县卫生健康局']}-role": "partner",
            f"u-{rows['县财政局']}-role": "lead",
            f"u-{rows['县妇联']}-DELETE": "1",
            "u-3-unit": str(education.pk),
            "u-3-role": "partner",
        },
    )
    assert client.post(_url(project), form).status_code == 302
    team = [(a.unit.name, a.role) for a in project.assignments.select_related("unit")]
    assert team == [("县卫生健康局", "partner"), ("县财政局", "lead"), ("县教育体育局", "partner")]
    assert project.lead_unit == finance
    assert "已列为责任单位" in cast["lena"].notices.get().text  # 县教育体育局, added
    assert "贵单位改为牵头单位" in cast["pavel"].notices.get().text  # 县财政局 now leads
    summaries = set(Event.objects.filter(verb="amended").values_list("summary", flat=True))
    for said in ("移出责任单位县妇联", "增加配合单位县教育体育局", "县财政局改为牵头单位"):
        assert any(said in s for s in summaries), said


def test_a_unit_taken_off_is_told_and_its_submitted_figures_stay(client, cast, plan, q1):
    project = _project(plan, 5)
    report = start_report(cast["pavel"].unit, q1)
    report = submit_filled(report, cast["pavel"], "已拨付", {"免费筛查": "9000"})
    rows = {a.unit.name: n for n, a in enumerate(project.assignments.select_related("unit"))}
    client.force_login(cast["cora"])
    form = edit_form(project, **{f"u-{rows['县财政局']}-DELETE": "1"})
    assert client.post(_url(project), form).status_code == 302
    assert "已不再是本项实事的责任单位" in cast["pavel"].notices.get().text
    assert report.lines.get(project=project).values.get(target__indicator="免费筛查").value == Decimal(9000)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"u-0-role": "partner"}, "每项实事要有且只有一个牵头单位。"),
        ({"u-1-role": "lead"}, "每项实事要有且只有一个牵头单位。"),
        ({"t-0-value": "六个"}, "目标值应填数字"),
        ({"t-0-indicator": ""}, "有一个指标没有名称。"),
        ({"u-3-unit": "999999", "u-3-role": "partner"}, "请选择本地区单位名录中的单位。"),
        ({"t-0-id": "999999"}, "页面已过期，请刷新后重新修改。"),
    ],
)
def test_a_bad_edit_is_refused_with_a_message_and_nothing_changes(client, cast, plan, change, message):
    project = _project(plan, 5)
    before = (
        list(project.targets.values_list("indicator", "value")),
        list(project.assignments.values_list("unit_id", "role")),
    )
    client.force_login(cast["cora"])
    response = client.post(_url(project), edit_form(project, **change))
    assert response.status_code == 400 and message in response.content.decode()
    assert (
        list(project.targets.values_list("indicator", "value")),
        list(project.assignments.values_list("unit_id", "role")),
    ) == before
    assert not Event.objects.filter(verb="amended").exists()


def test_another_countys_unit_cannot_be_put_on_the_project(client, cast, plan):
    project = _project(plan, 5)
    elsewhere = cast["olga"].unit  # 高青县's 县妇联
    client.force_login(cast["cora"])
    response = client.post(_url(project), edit_form(project, **{"u-3-unit": str(elsewhere.pk)}))
    assert response.status_code == 400 and "请选择本地区单位名录中的单位。" in response.content.decode()


@pytest.mark.parametrize("who", ["otto", "lena", "leah", "sam"])
def test_no_one_but_the_regions_coordinator_edits_a_project(client, cast, plan, who):
    project = _project(plan, 1)
    client.force_login(cast[who])
    assert client.get(_url(project)).status_code == 403
    assert client.post(_url(project), edit_form(project, **{"t-0-value": "1"})).status_code == 403
    assert project.targets.get(seq=1).value == Decimal(6)


def test_saving_the_page_unchanged_records_nothing(client, cast, plan):
    project = _project(plan, 2)
    client.force_login(cast["cora"])
    assert client.post(_url(project), edit_form(project)).status_code == 302
    assert not Event.objects.filter(verb="amended").exists()
    assert not cast["lena"].notices.exists()


def test_a_unit_that_wrote_its_implementation_plan_is_not_taken_off(client, cast, plan):
    project = _project(plan, 5)
    finance = project.assignments.get(unit=cast["pavel"].unit)
    ImplementationPlan.objects.create(assignment=finance, text="财政局实施方案")
    rows = {a.pk: n for n, a in enumerate(project.assignments.all())}
    client.force_login(cast["cora"])
    response = client.post(_url(project), edit_form(project, **{f"u-{rows[finance.pk]}-DELETE": "1"}))
    assert response.status_code == 400
    assert "县财政局已为本项实事填写实施方案，不能移出（可以改为配合单位）。" in response.content.decode()
    assert project.assignments.filter(pk=finance.pk).exists()


def test_two_units_swapped_in_one_save_are_refused_with_a_message(client, cast, plan):
    project = _project(plan, 5)  # 县卫生健康局, 县妇联, 县财政局
    first, second = list(project.assignments.all())[:2]
    client.force_login(cast["cora"])
    form = edit_form(project, **{"u-0-unit": str(second.unit_id), "u-1-unit": str(first.unit_id)})
    response = client.post(_url(project), form)
    assert response.status_code == 400
    assert "如要互换两个单位，请分两次保存" in response.content.decode()
    assert list(project.assignments.values_list("unit_id", flat=True))[:2] == [first.unit_id, second.unit_id]


def test_a_unit_that_wrote_its_implementation_plan_is_not_replaced_by_another_on_its_row(client, cast, plan):
    project = _project(plan, 5)
    finance = project.assignments.get(unit=cast["pavel"].unit)
    ImplementationPlan.objects.create(assignment=finance, text="财政局实施方案，责任人张三")
    rows = {a.pk: n for n, a in enumerate(project.assignments.all())}
    other = Unit.objects.filter(region=plan.region).exclude(assignments__project=project).first()
    client.force_login(cast["cora"])
    response = client.post(_url(project), edit_form(project, **{f"u-{rows[finance.pk]}-unit": str(other.pk)}))
    assert response.status_code == 400
    assert "县财政局已为本项实事填写实施方案，不能移出" in response.content.decode()
    assert ImplementationPlan.objects.get(text__startswith="财政局").assignment.unit == cast["pavel"].unit


def test_a_row_given_another_unit_starts_that_unit_afresh(client, cast, plan):
    project = _project(plan, 5)
    finance = project.assignments.get(unit=cast["pavel"].unit)
    rows = {a.pk: n for n, a in enumerate(project.assignments.all())}
    other = Unit.objects.filter(region=plan.region).exclude(assignments__project=project).first()
    client.force_login(cast["cora"])
    response = client.post(_url(project), edit_form(project, **{f"u-{rows[finance.pk]}-unit": str(other.pk)}))
    assert response.status_code == 302
    taken = project.assignments.get(unit=other)
    assert (taken.role, taken.order) == (finance.role, finance.order)
    assert not project.assignments.filter(unit=cast["pavel"].unit).exists()
    assert not ImplementationPlan.objects.filter(assignment=taken).exists()
    said = f"责任单位县财政局改为{other.name}"
    assert Event.objects.filter(verb="amended", summary__contains=said).exists()


def test_the_service_itself_refuses_two_lead_units_whoever_calls_it(cast, plan):
    project = _project(plan, 5)
    team = [TeamChange(assignment=a, unit=a.unit, role="lead") for a in project.assignments.all()]
    with pytest.raises(PlanError, match="有且只有一个牵头单位"):
        amend_project(project, cast["cora"], targets=[], team=team)
    assert project.assignments.filter(role="lead").count() == 1
