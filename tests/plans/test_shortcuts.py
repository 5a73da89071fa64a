"""`plan_with_periods`: the plan, its region and its quarters, in two queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from shishi.plans.models import Period
from shishi.plans.shortcuts import plan_with_periods


def test_the_plan_comes_with_its_region_and_its_quarters_in_order_in_two_queries(plan):
    with CaptureQueriesContext(connection) as queries:
        read = plan_with_periods(plan.pk)
        periods = list(read.periods.all())
        names = [str(period) for period in periods]  # each quarter names its plan's year
        region = read.region.name
    assert len(queries) <= 2
    assert [p.quarter for p in periods] == [1, 2, 3, 4] and names[0] == "2023年第1季度"
    assert region == "桓台县" and read.title == plan.title
    assert [p.due_on for p in periods] == [p.due_on for p in plan.periods.order_by("quarter")]


def test_a_plan_without_quarters_has_none_and_a_missing_plan_is_none(plan):
    Period.objects.filter(plan=plan).delete()
    assert list(plan_with_periods(plan.pk).periods.all()) == []
    assert plan_with_periods(plan.pk + 1000) is None
