"""A precompiled query answers exactly as its queryset would, with the database's own data each
time, and refuses a queryset it cannot fill in."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shishi.plans.models import Period, Target
from shishi.precompiled import Precompiled


def periods_of(plan_id):
    return Period.objects.filter(plan_id=plan_id).order_by("quarter").values_list(
        "quarter", "starts_on", "due_on", "plan__created_at", "plan__region__name")


def targets_of(plan_id, seq):
    return Target.objects.filter(project__plan_id=plan_id, project__seq=seq).order_by("seq").values_list(
        "indicator", "value", "op", "project__title")


def test_rows_are_those_of_the_queryset_with_dates_datetimes_and_decimals_converted(plan):
    periods, targets = Precompiled(periods_of), Precompiled(targets_of, arguments=2)
    assert periods(plan.pk) == list(periods_of(plan.pk))
    quarter, starts_on, _due_on, created_at, _region = periods(plan.pk)[0]
    assert (quarter, type(starts_on), type(created_at)) == (1, datetime.date, datetime.datetime)
    rows = targets(plan.pk, 1)
    assert rows == list(targets_of(plan.pk, 1)) and rows
    assert all(isinstance(value, Decimal) for _indicator, value, _op, _title in rows)


def test_each_call_reads_the_database_again_with_its_own_arguments(plan):
    periods = Precompiled(periods_of)
    assert len(periods(plan.pk)) == 4
    assert periods(plan.pk + 1000) == []
    Period.objects.filter(plan=plan, quarter=4).delete()
    with CaptureQueriesContext(connection) as queries:
        assert [row[0] for row in periods(plan.pk)] == [1, 2, 3]
    assert len(queries) == 1


def test_the_queryset_is_compiled_once(plan):
    made = []

    def make(plan_id):
        made.append(plan_id)
        return periods_of(plan_id)

    periods = Precompiled(make)
    for _ in range(3):
        periods(plan.pk)
    assert len(made) == 1


@pytest.mark.parametrize("make, arguments, problem", [
    (lambda plan_id: Period.objects.filter(quarter=1).values_list("pk"), 1, "exactly one parameter, found 0"),
    (lambda plan_id: Period.objects.filter(plan_id=plan_id, quarter__gt=plan_id).values_list("pk"), 1,
     "exactly one parameter, found 2"),
])
def test_an_argument_that_does_not_reach_the_sql_as_one_parameter_is_refused(db, make, arguments, problem):
    with pytest.raises(ValueError, match=problem):
        Precompiled(make, arguments)(1)


def test_the_wrong_number_of_arguments_is_refused(db):
    with pytest.raises(TypeError, match="expected 2 arguments, got 1"):
        Precompiled(targets_of, arguments=2)(1)


@pytest.mark.parametrize("plan_id", [2**63, -(2**63) - 1, 10**4000], ids=["2**63", "-2**63-1", "4001-digits"])
def test_an_integer_no_column_holds_finds_no_row_without_asking_the_database(plan, plan_id):
    """SQLite raises OverflowError on a parameter past a bigint (a page answered 500 on such an id)."""
    with CaptureQueriesContext(connection) as queries:
        assert Precompiled(periods_of)(plan_id) == []
    assert len(queries) == 0
