"""The homes of the congress's staff and of deputies: the year's selection as their to-do list.
Which regions and sessions are theirs is decided in directory.access (`vote_regions`,
`can_propose_as_deputy`); nothing here decides a rule of its own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse

from shishi.directory.access import vote_regions
from shishi.directory.models import Person
from shishi.plans.models import Plan
from shishi.selection.models import Candidate, Proposal, SatisfactionSession, VoteSession

PUBLISHED_SHOWN = 5
LATEST_PROPOSALS = 5  # on the deputy's home; 我的建议 lists them all


@dataclass
class Task:
    """One line of a to-do list: what it is, its name, where to do it, and a note."""

    what: str
    title: str
    url: str
    note: str = ""


@dataclass
class CongressHome:
    to_set_up: list[Task] = field(default_factory=list)  # a shortlist, or a plan, with no vote yet
    to_count: list[Task] = field(default_factory=list)  # rules set, ballots not counted
    to_publish: list[Task] = field(default_factory=list)  # counted, result not public
    published: list[Task] = field(default_factory=list)  # the latest public results


def _vote_task(session: VoteSession) -> Task:
    day = session.held_on
    held = f"{day.year}年{day.month}月{day.day}日票决" if day else "票决日期未定"
    return Task("票决", session.title, reverse("selection:vote", args=[session.pk]), held)


def _rating_task(session: SatisfactionSession) -> Task:
    return Task(
        "满意度测评", session.title, reverse("selection:satisfaction", args=[session.pk]), session.plan.title
    )


def congress_home(person: Person, today: datetime.date) -> CongressHome:
    """Votes and satisfaction votes of the regions whose votes the person runs: this year's and
    next year's shortlists without a vote, this year's and last year's plans without a satisfaction
    vote, sessions whose counts are to be entered, counted results not yet published."""
    regions = vote_regions(person)
    home = CongressHome()
    years = (today.year, today.year + 1)
    voted = set(VoteSession.objects.filter(region__in=regions).values_list("region_id", "year"))
    shortlists = (
        Candidate.objects.filter(region__in=regions, year__in=years)
        .values("region_id", "region__name", "year")
        .annotate(n=Count("pk"))
        .order_by("region__name", "year")
    )
    for row in shortlists:
        if (row["region_id"], row["year"]) not in voted:
            home.to_set_up.append(
                Task(
                    "票决",
                    f"{row['region__name']}{row['year']}年度候选项目",
                    reverse("selection:vote_new", args=[row["region_id"], row["year"]]),
                    f"已初定{row['n']}项，尚未设立票决",
                )
            )
    plans = (
        Plan.objects.filter(region__in=regions, year__in=(today.year - 1, today.year))
        .in_use()
        .select_related("region")
        .annotate(sessions=Count("satisfaction_sessions"))
        .filter(sessions=0)
        .order_by("-year", "pk")
    )
    for plan in plans:
        home.to_set_up.append(
            Task(
                "满意度测评",
                plan.title,
                reverse("selection:satisfaction_new", args=[plan.pk]),
                f"{plan.region}{plan.year}年 · 年终尚未设立满意度测评",
            )
        )
    votes = VoteSession.objects.filter(region__in=regions).order_by("-year", "-pk")
    ratings = (
        SatisfactionSession.objects.filter(plan__region__in=regions)
        .select_related("plan")
        .order_by("-plan__year", "-pk")
    )
    sessions = [(v, _vote_task(v)) for v in votes] + [(r, _rating_task(r)) for r in ratings]
    for session, task in sessions:
        if not session.locked:
            home.to_count.append(task)
        elif session.published_at is None:
            home.to_publish.append(task)
    published = sorted(
        (pair for pair in sessions if pair[0].published_at is not None),
        key=lambda pair: pair[0].published_at,
        reverse=True,
    )
    home.published = [task for _session, task in published[:PUBLISHED_SHOWN]]
    return home


@dataclass
class DeputyHome:
    proposals: list[Proposal]
    pending: int  # waiting for the office's answer
    propose_year: int


def deputy_home(person: Person, today: datetime.date) -> DeputyHome:
    """The deputy's own proposals, newest first, with their status and the office's answer."""
    proposals = list(
        Proposal.objects.filter(submitted_by=person, source=Proposal.Source.DEPUTY)
        .select_related("region", "merged_into")
        .order_by("-created_at", "-pk")
    )
    return DeputyHome(
        proposals=proposals,
        pending=sum(1 for p in proposals if p.status == Proposal.Status.PENDING),
        propose_year=today.year + 1,
    )
