"""`make run`'s demo data: every role can sign in, every state has an example, twice is once."""

import datetime

import pytest
import time_machine

from shishi.bulletins.models import Bulletin
from shishi.demo.data import PASSWORD, load_demo
from shishi.directory.models import Person
from shishi.plans.models import Plan
from shishi.reporting.models import QuarterlyReport
from shishi.supervision.models import SupervisionNotice

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _on(year: int, month: int, day: int):
    """The clock set to that day at 10:00 in China: the demo and every service it calls read it."""
    return time_machine.travel(datetime.datetime(year, month, day, 10, tzinfo=SHANGHAI), tick=False)


@_on(2026, 11, 22)
def test_the_demo_has_the_five_samples_a_plan_in_progress_and_every_state(db):
    logins = load_demo()
    assert {username for _, username, _ in logins} == {
        "admin",
        "city",
        "coordinator",
        "leader",
        "supervisor",
        "reporter",
        "partner",
    }
    assert all(password == PASSWORD for *_, password in logins)
    assert set(Person.objects.values_list("role", flat=True)) == set(Person.Role.values)
    assert Plan.objects.count() == 6
    current = Plan.objects.get(year=2026)
    current.refresh_from_db()
    states = set(
        QuarterlyReport.objects.filter(period__plan=current, period__quarter=4).values_list(
            "state", flat=True
        )
    )
    assert states == {"draft", "submitted", "accepted", "returned"}
    assert QuarterlyReport.objects.filter(period__plan=current, period__quarter=3, state="accepted").exists()
    assert set(SupervisionNotice.objects.values_list("state", flat=True)) == {"open", "answered"}
    assert current.published and Bulletin.objects.filter(plan__pk=current.pk).count() == 1


@_on(2026, 11, 22)
def test_loading_the_demo_twice_changes_nothing(db):
    load_demo()
    counts = (Plan.objects.count(), QuarterlyReport.objects.count(), Person.objects.count())
    load_demo()
    assert (Plan.objects.count(), QuarterlyReport.objects.count(), Person.objects.count()) == counts


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(2031, 2, 28),  # years after the sample notices, before the first quarter is due
        datetime.date(2029, 7, 20),  # mid-year: a quarter past, the next open
        datetime.date(2027, 12, 31),  # the last day of a year
        datetime.date(2026, 11, 30),  # the day the suite first went red (a 督办 reply date in the past)
    ],
    ids=str,
)
def test_it_loads_on_any_date(db, day):
    with _on(day.year, day.month, day.day):
        logins = load_demo()
    assert len(logins) == 7
    current = Plan.objects.get(year=day.year)
    assert QuarterlyReport.objects.filter(period__plan=current).exists()
    past = [p for p in current.periods.all() if p.due_on < day]
    assert current.published == bool(past)
    assert SupervisionNotice.objects.exists() == bool(past)


def test_it_takes_the_day_it_is_given_whatever_the_clock_says(db):
    with _on(2031, 2, 28):
        load_demo(today=datetime.date(2026, 11, 22))
    assert Plan.objects.filter(year=2026).exists()
    assert set(SupervisionNotice.objects.values_list("state", flat=True)) == {"open", "answered"}
