"""Who may use each selection page: every URL name of the app, for every member of the cast and
an anonymous visitor. The county coordinator (Cora) and the admin run the selection of 桓台县;
the staff of 桓台县's congress (Connie) run its votes and satisfaction votes with them and read
the shortlist, but not the proposals (they hold citizens' contacts); those who read 桓台县's plans
without being a unit's clerk (Leah, Cici, Sam) read votes and satisfaction votes; a deputy (Dave)
and the public pages are for anyone. (tests/test_permissions.py holds the same
table for the rest of the app; these cases are kept here, with the app.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLResolver, get_resolver, resolve, reverse

from shishi.selection import ratings, services
from shishi.selection.ratings import ProjectCount, RatingSettings
from shishi.selection.rules import Ballots
from shishi.selection.services import CandidateCount
from tests.conftest import pdf_bytes

from .conftest import FULL

ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "sam", "connie", "dave", "admin"]
ANONYMOUS = "anonymous"
EVERYONE = set(ROLES) | {ANONYMOUS}
MANAGERS = {"cora", "admin"}  # proposals and the shortlist: the government's work
VOTERS = MANAGERS | {"connie"}  # run the votes and satisfaction votes: access.can_run_votes
READERS = {"cora", "leah", "cici", "sam", "connie", "admin"}
COORDINATORS = {"cora", "otto", "connie", "admin"}  # run some region's selection: the start page


@dataclass
class Case:
    name: str
    url: Callable[[dict], str]
    allowed: set[str]
    method: str = "GET"
    data: Callable[[dict], dict] = lambda s: {}


def url(name: str, *keys) -> Callable[[dict], str]:
    return lambda s: reverse(name, args=[s[k] if isinstance(s.get(k), (int, str)) else s[k].pk for k in keys])


CASES = [
    Case("index", url("selection:index"), COORDINATORS),
    Case("proposals", url("selection:proposals", "region", "year"), MANAGERS),
    Case(
        "proposals-POST",
        url("selection:proposals", "region", "year"),
        MANAGERS,
        "POST",
        lambda s: {"source": "paper", "title": "书面建议", "what": "内容"},
    ),
    Case("poster", url("selection:poster", "region", "year"), MANAGERS),
    Case("proposal", url("selection:proposal", "proposal"), MANAGERS),
    Case("candidates", url("selection:candidates", "region", "year"), VOTERS),
    Case(
        "candidates-POST",
        url("selection:candidates", "region", "year"),
        MANAGERS,
        "POST",
        lambda s: {"candidate": s["candidate"].pk, "direction": "down"},
    ),
    Case("candidate_new", url("selection:candidate_new", "region", "year"), MANAGERS),
    Case("candidate_edit", url("selection:candidate_edit", "region", "year", "candidate"), MANAGERS),
    Case("draft_plan", url("selection:draft_plan", "region", "year"), MANAGERS, "POST"),
    Case("vote_new", url("selection:vote_new", "region", "year"), VOTERS),
    Case("vote_rules", url("selection:vote_rules", "region", "year", "vote"), VOTERS),
    Case("vote", url("selection:vote", "vote"), READERS),
    Case("vote_count", url("selection:vote_count", "vote"), VOTERS),
    Case("ballot", url("selection:ballot", "vote"), READERS),
    Case("announcement", url("selection:announcement", "vote"), READERS),
    Case("satisfaction_list", url("selection:satisfaction_list", "region"), VOTERS),
    Case("satisfaction_new", url("selection:satisfaction_new", "plan"), VOTERS),
    Case("satisfaction_rules", url("selection:satisfaction_rules", "plan", "rating"), VOTERS),
    Case("satisfaction", url("selection:satisfaction", "rating"), READERS),
    Case("satisfaction_count", url("selection:satisfaction_count", "rating"), VOTERS),
    Case("rating_ballot", url("selection:rating_ballot", "rating"), READERS),
    Case("rating_result", url("selection:rating_result", "rating"), READERS),
    Case("survey_toggle", url("selection:survey_toggle", "rating"), VOTERS, "POST", lambda s: {"open": "0"}),
    Case(
        "tally_upload",
        url("selection:tally_upload", "vote-kind", "vote"),
        VOTERS,
        "POST",
        lambda s: {"tally": SimpleUploadedFile("计票单.pdf", pdf_bytes())},
    ),
    Case("tally_download", url("selection:tally_download", "vote-kind", "vote"), READERS),
    Case("tally_csv", url("selection:tally_csv", "vote-kind", "vote"), READERS),
    Case("tally_xlsx", url("api:tally_xlsx", "vote-kind", "vote"), READERS),
    Case("tally_xlsx-rating", url("api:tally_xlsx", "satisfaction-kind", "rating"), READERS),
    Case(
        "publish", url("selection:publish", "vote-kind", "vote"), VOTERS, "POST", lambda s: {"publish": "1"}
    ),
    Case("public_vote", url("selection:public_vote", "vote"), EVERYONE),
    Case("public_satisfaction", url("selection:public_satisfaction", "rating"), EVERYONE),
    Case("propose", url("selection:propose", "region", "next-year"), EVERYONE),
    Case("receipt", lambda s: reverse("selection:receipt") + f"?code={s['proposal'].receipt}", EVERYONE),
    Case("survey", url("selection:survey", "rating"), EVERYONE),
]


@pytest.fixture
def scene(world, cast, plan, session, proposal, candidates):
    cora = cast["cora"]
    services.enter_vote_counts(session, cora, FULL, {c.pk: CandidateCount(40) for c in candidates})
    services.attach_tally(session, cora, pdf_bytes(), "计票单.pdf")
    rating = ratings.create_satisfaction_session(plan, cora, RatingSettings("测评", members=50))
    ratings.enter_rating_counts(
        rating, cora, Ballots(50, 50, 0, 50, 0), {p.pk: ProjectCount(30, 10, 10) for p in plan.projects.all()}
    )
    ratings.open_survey(rating, cora, True)
    services.publish_result(session, cora, True)
    services.publish_result(rating, cora, True)
    from django.utils import timezone

    return {
        "region": world["huantai"],
        "year": 2024,
        "next-year": timezone.localdate().year + 1,
        "proposal": proposal,
        "candidate": candidates[0],
        "vote": session,
        "vote-kind": "vote",
        "satisfaction-kind": "satisfaction",
        "plan": plan,
        "rating": rating,
    }


def outcome(response) -> str:
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        return "refused"
    return "allowed" if response.status_code in (200, 302, 400) else f"answered {response.status_code}"


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_it_gives_each_role_exactly_its_selection_pages(client, cast, scene, case):
    wanted = {who: "allowed" if who in case.allowed else "refused" for who in [*ROLES, ANONYMOUS]}
    got = {}
    for who in wanted:
        with transaction.atomic():
            if who == ANONYMOUS:
                client.logout()
            else:
                client.force_login(cast[who])
            if case.method == "POST":
                response = client.post(case.url(scene), case.data(scene))
            else:
                response = client.get(case.url(scene))
            got[who] = outcome(response)
            transaction.set_rollback(True)
    assert got == wanted


def test_every_selection_page_is_in_the_table(scene):
    names = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "selection":
            names = {f"selection:{p.name}" for p in pattern.url_patterns}
    covered = {resolve(case.url(scene).split("?")[0]).view_name for case in CASES}
    assert names and names - covered == set()
