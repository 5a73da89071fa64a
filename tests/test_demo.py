"""`make run`'s demo data: every role can sign in, every state has an example, twice is once."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.bulletins.models import Bulletin
from shishi.demo.data import PASSWORD, load_demo
from shishi.directory.models import InAppNotice, Person
from shishi.history.models import Event
from shishi.oversight.board import build_board
from shishi.plans.models import Plan
from shishi.reporting.models import QuarterlyReport, ReportVersion
from shishi.reporting.states import LATE
from shishi.selection import rules
from shishi.selection.models import Candidate, Proposal, SatisfactionSession, VoteSession
from shishi.selection.ratings import satisfaction_result, survey_result
from shishi.selection.services import elected, vote_result
from shishi.supervision.models import SupervisionNotice
from shishi.supervision.services import year_end

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
        "congress",
        "deputy",
    }
    assert all(password == PASSWORD for *_, password in logins)
    assert set(Person.objects.values_list("role", flat=True)) == set(Person.Role.values)
    assert Plan.objects.count() == 7  # the five samples' six, and last year's re-dated
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

    def counts():
        return [
            model.objects.count()
            for model in (Plan, QuarterlyReport, Person, Proposal, Candidate)
            + (VoteSession, SatisfactionSession)
        ]

    before = counts()
    load_demo()
    assert counts() == before


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(2031, 2, 28),  # years after the sample notices, before the first quarter is due
        datetime.date(2029, 7, 20),  # mid-year: a quarter past, the next open
        datetime.date(2027, 12, 31),  # the last day of a year
        datetime.date(2026, 11, 30),  # the day the suite first went red (a 督办 reply date in the past)
        datetime.date(2024, 1, 3),  # last year's plan is a sample's own (桓台县 2023), rated as it is
    ],
    ids=str,
)
def test_it_loads_on_any_date(db, day):
    with _on(day.year, day.month, day.day):
        logins = load_demo()
    assert len(logins) == 9
    current = Plan.objects.get(year=day.year, region__name="桓台县")
    assert QuarterlyReport.objects.filter(period__plan=current).exists()
    past = [p for p in current.periods.all() if p.due_on < day]
    assert current.published == bool(past)
    assert SupervisionNotice.objects.exists() == bool(past)
    _assert_nothing_after(day)
    _assert_the_cycle(day)
    # Every quarter due so far is counted once per unit, one way or another.
    _, units = year_end(current, day)
    for row in units:
        assert row.reported_late + row.not_reported + row.on_time >= len(past)


def _assert_nothing_after(day: datetime.date):
    """No report, version, review, history line or message dated after the demo's day."""
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), tzinfo=SHANGHAI)
    assert not QuarterlyReport.objects.filter(submitted_at__gte=end).exists()
    assert not QuarterlyReport.objects.filter(first_submitted_at__gte=end).exists()
    assert not ReportVersion.objects.filter(submitted_at__gte=end).exists()
    assert not ReportVersion.objects.filter(reviewed_at__gte=end).exists()
    assert not Event.objects.filter(verb__in=["submitted", "accepted", "returned"], at__gte=end).exists()
    assert not InAppNotice.objects.filter(created_at__gte=end, text__contains="报表").exists()
    assert not Proposal.objects.filter(created_at__gte=end).exists()
    assert not Proposal.objects.filter(answered_at__gte=end).exists()
    for model in (VoteSession, SatisfactionSession):
        assert not model.objects.filter(counted_at__gte=end).exists()
        assert not model.objects.filter(published_at__gte=end).exists()
    selection_verbs = ["proposed", "merged", "shortlisted", "vote_rules", "counted"]
    selection_verbs += ["result_published", "rating_rules", "rating_counted"]
    assert not Event.objects.filter(verb__in=selection_verbs, at__gte=end).exists()
    assert not Event.objects.filter(summary__startswith="答复建议", at__gte=end).exists()


def _assert_the_cycle(day: datetime.date):
    """Next year: proposals from every door, some answered each way, 13 candidates for 10 seats,
    a counted vote published; last year: a plan whose satisfaction vote is counted and published."""
    year = day.year + 1
    proposals = Proposal.objects.filter(year=year)
    assert set(proposals.values_list("source", flat=True)) == set(Proposal.Source.values)
    assert set(proposals.values_list("status", flat=True)) == set(Proposal.Status.values)
    assert all(p.answer for p in proposals.exclude(status=Proposal.Status.PENDING))
    assert Candidate.objects.filter(year=year).count() == 13
    session = VoteSession.objects.get(year=year)
    assert session.locked and session.published_at is not None
    assert session.held_on < day
    outcomes = [result.outcome for result in vote_result(session)]
    assert outcomes.count(rules.ELECTED) == session.seats == 10
    region = session.region
    assert sum(1 for c in elected(region, year) if c.proposals.exists()) >= 7  # most came from one
    last = Plan.objects.get(region=region, year=day.year - 1)
    rating = SatisfactionSession.objects.get(plan=last)
    assert rating.published_at is not None and last.published
    result = satisfaction_result(rating)
    assert len(result.ratings) == last.projects.count()
    assert result.rate is not None and all(result.counts.values())  # 满意, 基本满意 and 不满意
    survey = survey_result(rating)
    assert survey.responses == 36 and survey.rate is not None and not rating.survey_open


def test_the_demo_year_has_reports_on_time_late_never_and_one_returned_then_corrected(db):
    """On 22 November 2026 (three quarters due), seen with the clock years later: the year-end
    summary shows a mix, not every unit 0 on time."""
    day = datetime.date(2026, 11, 22)
    with _on(2031, 2, 28):
        load_demo(today=day)
    plan = Plan.objects.get(year=2026)
    _assert_nothing_after(day)
    _, units = year_end(plan, day)
    assert sum(u.on_time for u in units) > 2 * sum(u.reported_late for u in units) > 0
    never = [u.unit.name for u in units if u.not_reported == 3 and u.on_time == u.reported_late == 0]
    assert len(never) == 1  # one unit has sent nothing all year
    assert 2 <= sum(1 for u in units if u.not_reported == 1) <= 3  # two still owe the third quarter
    # The board's third quarter: those three units late (逾期未报), the rest in.
    board = build_board(plan, plan.periods.get(quarter=3), day)
    late = {
        unit.name
        for unit in board.units
        if LATE in {board.cells.get((p.pk, unit.pk)) for p in board.projects}
    }
    assert never[0] in late and len(late) == 3
    # 县妇联's first quarter: sent before the due date, returned, corrected after it, accepted,
    # and still on time (the first submission counts).
    q1 = plan.periods.get(quarter=1)
    corrected = QuarterlyReport.objects.get(period=q1, unit__name="县妇联")
    first, second = corrected.versions.order_by("number")
    assert (first.outcome, second.outcome, corrected.state) == ("returned", "accepted", "accepted")
    assert (
        first.submitted_at.astimezone(SHANGHAI).date()
        < q1.due_on
        < second.submitted_at.astimezone(SHANGHAI).date()
    )
    assert next(u for u in units if u.unit.name == "县妇联").on_time == 3
    # Most reports of past quarters accepted, a few of the last waiting for review.
    states = set(
        QuarterlyReport.objects.filter(period__plan=plan, period__quarter=3).values_list("state", flat=True)
    )
    assert {"accepted", "submitted"} <= states
    # The notice was imported at the start of the year, before any report came in.
    imported = Event.objects.get(plan_id=plan.pk, verb="imported").at
    assert imported.astimezone(SHANGHAI).date() == datetime.date(2026, 1, 15)


def test_it_takes_the_day_it_is_given_whatever_the_clock_says(db):
    with _on(2031, 2, 28):
        load_demo(today=datetime.date(2026, 11, 22))
    assert Plan.objects.filter(year=2026).exists()
    assert set(SupervisionNotice.objects.values_list("state", flat=True)) == {"open", "answered"}


@_on(2026, 11, 22)
def test_every_log_in_works_and_the_demos_past_is_not_mailed(db, client, mailoutbox):
    logins = load_demo()
    assert mailoutbox == []  # dozens of submissions and reviews, told in the application only
    for _role, username, password in logins:
        assert client.login(username=username, password=password), username
        assert Person.objects.get(username=username).email == f"{username}@example.invalid"


@_on(2026, 11, 22)
def test_the_demos_published_results_and_receipts_open_to_anyone_without_a_contact(db, client):
    load_demo()
    vote = VoteSession.objects.get(year=2027)
    rating = SatisfactionSession.objects.get(plan__year=2025)
    for name, session in (("selection:public_vote", vote), ("selection:public_satisfaction", rating)):
        page = client.get(reverse(name, args=[session.pk]))
        assert page.status_code == 200 and session.title in page.content.decode()
    for proposal in Proposal.objects.filter(year=2027).exclude(contact=""):
        page = client.get(reverse("selection:receipt"), {"code": proposal.receipt}).content.decode()
        assert proposal.title in page and proposal.contact not in page


@_on(2026, 12, 6)
def test_last_years_plan_is_a_year_that_happened_so_no_clerk_is_told_it_is_late(db, client):
    """The plan the satisfaction vote rates was reported in full, on time and accepted: a clerk's
    home in December opens on this year's quarter, not on four overdue quarters of last year."""
    day = datetime.date(2026, 12, 6)
    load_demo(today=day)
    last_year = Plan.objects.get(region__name="桓台县", year=2025)
    _, units = year_end(last_year, day)
    assert units and all(u.on_time == 4 and u.not_reported == u.reported_late == 0 for u in units)
    states = set(QuarterlyReport.objects.filter(period__plan=last_year).values_list("state", flat=True))
    assert states == {"accepted"}
    _assert_nothing_after(day)
    client.force_login(Person.objects.get(username="reporter"))
    home = client.get(reverse("home")).content.decode()
    now = home[home.index("现在要填报") : home.index("其他季度") if "其他季度" in home else None]
    assert "2025年" not in now and "2026年第4季度" in now
