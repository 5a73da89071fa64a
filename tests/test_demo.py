"""`make run`'s demo data: every role can sign in, every state has an example, twice is once."""

import datetime

from shishi.bulletins.models import Bulletin
from shishi.demo import PASSWORD, load_demo
from shishi.directory.models import Person
from shishi.plans.models import Plan
from shishi.reporting.models import QuarterlyReport
from shishi.supervision.models import SupervisionNotice


def test_the_demo_has_the_five_samples_a_plan_in_progress_and_every_state(db):
    logins = load_demo(today=datetime.date(2026, 11, 22))
    assert {username for _, username, _ in logins} == {"admin", "city", "coordinator", "leader", "supervisor", "reporter", "partner"}
    assert all(password == PASSWORD for *_, password in logins)
    assert set(Person.objects.values_list("role", flat=True)) == set(Person.Role.values)
    assert Plan.objects.count() == 6
    current = Plan.objects.get(year=2026)
    current.refresh_from_db()
    states = set(QuarterlyReport.objects.filter(period__plan=current, period__quarter=4).values_list("state", flat=True))
    assert states == {"draft", "submitted", "accepted", "returned"}
    assert QuarterlyReport.objects.filter(period__plan=current, period__quarter=3, state="accepted").exists()
    assert set(SupervisionNotice.objects.values_list("state", flat=True)) == {"open", "answered"}
    assert current.published and Bulletin.objects.filter(plan__pk=current.pk).count() == 1


def test_loading_the_demo_twice_changes_nothing(db):
    load_demo(today=datetime.date(2026, 11, 22))
    counts = (Plan.objects.count(), QuarterlyReport.objects.count(), Person.objects.count())
    load_demo(today=datetime.date(2026, 11, 22))
    assert (Plan.objects.count(), QuarterlyReport.objects.count(), Person.objects.count()) == counts
