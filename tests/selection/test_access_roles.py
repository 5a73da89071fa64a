"""The congress's staff and deputies in the selection (access.py's rules, end to end).

Connie, of 桓台县's congress staff, runs 桓台县's votes: she enters the paper ballots' counts and
publishes the result, and the history names her; she reads the shortlist but changes nothing of
it, and runs nothing of another county. Dave, a deputy of 桓台县, proposes on the public form
signed in: the proposal is his (source 人大代表提出) and his home follows it to the office's answer.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.directory import access
from shishi.directory.models import Person
from shishi.history.models import Event
from shishi.selection import services
from shishi.selection.models import Proposal
from tests.conftest import person

from .conftest import FULL
from .test_public_form import answered, proposal_data

NOON = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.UTC)
ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "sam", "connie", "dave", "admin"]


def count_form(session, yes: int) -> dict:
    data = dict(
        zip(("issued", "returned", "not_returned", "valid", "invalid"), map(str, vars(FULL).values()))
    )
    for candidate in session.candidates.all():
        data |= {
            f"r{candidate.pk}-yes": str(yes),
            f"r{candidate.pk}-no": "3",
            f"r{candidate.pk}-abstain": "1",
        }
    return data


@pytest.mark.parametrize("who", ROLES)
def test_it_runs_votes_for_the_regions_coordinator_its_congress_staff_and_the_admin(cast, world, who):
    runs = access.can_run_votes(cast[who], world["huantai"])
    assert runs == (who in {"cora", "connie", "admin"})
    assert access.can_manage_selection(cast[who], world["huantai"]) == (who in {"cora", "admin"})


def test_another_countys_congress_staff_run_nothing_of_huantai(cast, world):
    gaoqing_staff = person("gina", Person.Role.CONGRESS, world["gaoqing"])
    assert access.can_run_votes(gaoqing_staff, world["gaoqing"])
    assert not access.can_run_votes(gaoqing_staff, world["huantai"])
    assert not access.can_read_selection(gaoqing_staff, world["huantai"])


def test_a_deputy_reads_nothing_of_the_governments_pages(cast, world, plan):
    dave = cast["dave"]
    assert not access.can_read_region(dave, world["huantai"])
    assert not access.can_view_plan(dave, plan)
    assert not access.can_read_selection(dave, world["huantai"])
    assert not access.may_read_bulletins(dave) and not access.may_compare(dave)
    assert access.plan_filter(dave) is None and not access.regions_visible_to(dave).exists()


def test_the_congress_staff_count_a_vote_and_publish_it_in_their_own_name(client, cast, session):
    client.force_login(cast["connie"])
    response = client.post(reverse("selection:vote_count", args=[session.pk]), count_form(session, 44))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.locked and session.lines.count() == 3
    client.post(reverse("selection:publish", args=["vote", session.pk]), {"publish": "1"})
    session.refresh_from_db()
    assert session.published_at is not None
    assert set(Event.objects.filter(actor=cast["connie"]).values_list("verb", flat=True)) == {
        "counted",
        "result_published",
    }


def test_the_congress_staff_read_the_shortlist_without_its_buttons_and_cannot_reorder_it(
    client, cast, world, candidates
):
    client.force_login(cast["connie"])
    url = reverse("selection:candidates", args=[world["huantai"].pk, 2024])
    page = client.get(url).content.decode()
    assert candidates[0].title in page
    assert "上移" not in page and "新增候选项目" not in page and "征集建议" not in page
    assert client.post(url, {"candidate": candidates[0].pk, "direction": "down"}).status_code == 403


def test_a_deputy_proposes_in_his_own_name_and_follows_the_answer_on_his_home(client, cast, world):
    client.force_login(cast["dave"])
    form_url = reverse("selection:propose", args=[world["huantai"].pk, 2025])
    with time_machine.travel(NOON, tick=False) as clock:
        page = client.get(form_url).content.decode()
        assert "以人大代表戴伟的名义提出" in page
        check = answered(page)
        clock.shift(30)
        client.post(form_url, proposal_data(**check))
        proposal = Proposal.objects.get()
        assert proposal.source == Proposal.Source.DEPUTY and proposal.submitted_by == cast["dave"]
        assert proposal.unit is None
        home = client.get(reverse("home")).content.decode()
        assert "小区增设母婴室" in home and "待答复" in home and proposal.receipt in home
        services.answer_proposal(proposal, cast["cora"], Proposal.Status.ADOPTED, "已列入2025年候选项目。")
        mine = client.get(reverse("desk:proposals")).content.decode()
    assert "采纳" in mine and "已列入2025年候选项目。" in mine


def test_a_deputys_home_lists_only_his_own_proposals(client, cast, world, proposal):
    """The citizen's proposal of the fixture is not Dave's."""
    client.force_login(cast["dave"])
    with time_machine.travel(NOON, tick=False):
        home = client.get(reverse("home")).content.decode()
    assert proposal.title not in home and "您还没有提出建议" in home


def test_a_deputy_of_another_county_proposes_there_as_a_citizen(client, world):
    elsewhere = person("gao", Person.Role.DEPUTY, world["gaoqing"])
    client.force_login(elsewhere)
    form_url = reverse("selection:propose", args=[world["huantai"].pk, 2025])
    with time_machine.travel(NOON, tick=False) as clock:
        page = client.get(form_url).content.decode()
        assert "人大代表" not in page.split("<main>")[1].split("</h1>")[1][:200]
        check = answered(page)
        clock.shift(30)
        client.post(form_url, proposal_data(**check))
    assert Proposal.objects.get().source == Proposal.Source.WEB


def test_my_proposals_is_for_deputies_only(client, cast):
    for who in ("cora", "connie", "lena"):
        client.force_login(cast[who])
        assert client.get(reverse("desk:proposals")).status_code == 403
