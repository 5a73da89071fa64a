"""The plan's own rules: which quarter is current, which has ended, which a unit may fill, and
a project's lead unit. Dates are given, never today's: 2023's Q1 ends 31 March and is due 10 April."""

import datetime

import pytest

from shishi.plans.models import Assignment, Plan, Project

D = datetime.date


def _with_periods(plan) -> Plan:
    return Plan.objects.prefetch_related("periods").get(pk=plan.pk)


@pytest.mark.parametrize(
    "today, quarter",
    [
        (D(2022, 12, 1), 1),  # before the year: its first quarter
        (D(2023, 2, 1), 1),
        (D(2023, 4, 5), 1),  # Q2 has begun, but Q1's reports are what is being written and chased
        (D(2023, 4, 10), 1),  # Q1's due date itself
        (D(2023, 4, 11), 2),
        (D(2023, 12, 15), 4),  # December: the fourth quarter, not the first
        (D(2024, 1, 10), 4),
        (D(2024, 6, 1), 4),  # after the year: its last quarter
    ],
    ids=str,
)
def test_the_current_quarter_is_the_first_not_yet_due(plan, today, quarter):
    assert _with_periods(plan).current_period(today).quarter == quarter


@pytest.mark.parametrize(
    "today, quarter",
    [
        (D(2023, 2, 1), 1),  # nothing has ended yet: the first
        (D(2023, 3, 31), 1),
        (D(2023, 4, 1), 1),
        (D(2023, 7, 1), 2),
        (D(2023, 12, 15), 3),
        (D(2024, 1, 1), 4),
    ],
    ids=str,
)
def test_the_latest_ended_quarter_is_what_the_public_reads(plan, today, quarter):
    assert _with_periods(plan).latest_ended_period(today).quarter == quarter


def test_a_unit_may_fill_a_quarter_once_it_has_begun_and_after_its_due_date(plan):
    plan = _with_periods(plan)
    assert plan.open_periods(D(2022, 12, 31)) == []
    assert [p.quarter for p in plan.open_periods(D(2023, 1, 1))] == [1]
    assert [p.quarter for p in plan.open_periods(D(2023, 4, 5))] == [1, 2]
    assert [p.quarter for p in plan.open_periods(D(2024, 3, 1))] == [1, 2, 3, 4]
    q1 = plan.period(1)
    assert not q1.is_overdue(D(2023, 4, 10)) and q1.is_overdue(D(2023, 4, 11))
    assert q1.is_open(D(2023, 4, 11))  # late, not closed


def test_the_plans_rules_ask_no_query_when_its_quarters_were_read_with_it(plan, django_assert_num_queries):
    plan = _with_periods(plan)
    with django_assert_num_queries(0):
        plan.current_period(D(2023, 5, 1))
        plan.latest_ended_period(D(2023, 5, 1))
        plan.open_periods(D(2023, 5, 1))
        plan.period(3)


def test_a_plan_without_quarters_has_no_current_one(plan):
    plan.periods.all().delete()
    plan = _with_periods(plan)
    assert plan.current_period(D(2023, 5, 1)) is None and plan.latest_ended_period(D(2023, 5, 1)) is None
    assert plan.period(1) is None


def test_the_lead_unit_is_the_lead_else_the_first_listed(plan, django_assert_num_queries):
    projects = list(Project.objects.filter(plan=plan).prefetch_related("assignments__unit").order_by("seq"))
    with django_assert_num_queries(0):
        leads = {project.seq: project.lead_unit.name for project in projects}
    assert leads[1] == "县教育体育局" and leads[5] == "县卫生健康局"
    screening = Project.objects.get(plan=plan, seq=5)
    screening.assignments.update(role=Assignment.Role.PARTNER)  # a notice naming no lead
    first = screening.assignments.order_by("order").first()
    assert screening.lead_assignment == first and screening.lead_unit == first.unit
    screening.assignments.all().delete()
    assert screening.lead_assignment is None and screening.lead_unit is None
