"""The public proposal form: no log-in, a human check, a receipt code, a rate limit per client."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine

from shishi.selection import humancheck
from shishi.selection.models import Proposal

NOON = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.UTC)


def answered(page_text: str) -> dict:
    """The check's token and the right answer, as a person reads the question."""
    token = re.search(r'name="check_token" value="([^"]+)"', page_text).group(1)
    a, b = re.search(r"验证题：(.)加(.)等于几", page_text).groups()
    return {
        "check_token": token,
        "check_answer": str(humancheck.NUMERALS.index(a) + humancheck.NUMERALS.index(b)),
    }


def proposal_data(**extra) -> dict:
    return {
        "title": "小区增设母婴室",
        "what": "建议在人民公园增设母婴室一处。",
        "contact": "王女士 13812345678",
        **extra,
    }


@pytest.fixture
def form_url(world):
    return f"/selection/propose/{world['huantai'].pk}/2025/"


def test_a_citizen_proposes_and_follows_the_answer_with_the_receipt(client, form_url):
    with time_machine.travel(NOON, tick=False) as clock:
        page = client.get(form_url)
        clock.shift(30)
        response = client.post(form_url, proposal_data(**answered(page.text)))
    assert response.status_code == 200
    proposal = Proposal.objects.get()
    assert proposal.receipt in response.text
    assert proposal.source == "web" and proposal.year == 2025
    lookup = client.get("/selection/receipt/", {"code": proposal.receipt.lower()})
    assert "小区增设母婴室" in lookup.text and "待答复" in lookup.text
    assert "13812345678" not in lookup.text  # the contact is never shown


@pytest.mark.parametrize(
    ("wait", "change", "message"),
    [
        (30, {"check_answer": "99"}, "验证题答案不对"),
        (1, {}, "提交太快了"),
        (2 * 60 * 60, {}, "验证题已过期"),
        (30, {"check_token": "forged"}, "验证题已过期"),
    ],
    ids=["wrong answer", "too fast", "expired", "forged token"],
)
def test_it_refuses_a_failed_human_check_and_keeps_the_text(client, form_url, wait, change, message):
    with time_machine.travel(NOON, tick=False) as clock:
        page = client.get(form_url)
        clock.shift(wait)
        response = client.post(form_url, proposal_data(**{**answered(page.text), **change}))
    assert response.status_code == 400
    assert message in response.text
    assert "建议在人民公园增设母婴室一处。" in response.text
    assert not Proposal.objects.exists()


def test_a_check_is_good_once(client, form_url):
    with time_machine.travel(NOON, tick=False) as clock:
        check = answered(client.get(form_url).text)
        clock.shift(30)
        client.post(form_url, proposal_data(**check))
        again = client.post(form_url, proposal_data(**check))
    assert "这道验证题已经用过" in again.text
    assert Proposal.objects.count() == 1


def test_it_limits_proposals_per_client(client, form_url, settings):
    settings.SHISHI_PROPOSALS_PER_HOUR = 3
    with time_machine.travel(NOON, tick=False) as clock:
        statuses = []
        for _ in range(4):
            check = answered(client.get(form_url).text)
            clock.shift(10)
            statuses.append(client.post(form_url, proposal_data(**check)).status_code)
        other = client.post(form_url, proposal_data(), REMOTE_ADDR="10.0.0.9")
        clock.shift(61 * 60)
        check = answered(client.get(form_url).text)
        clock.shift(10)
        later = client.post(form_url, proposal_data(**check))
    assert statuses == [200, 200, 200, 429]
    assert other.status_code == 400  # another address is not limited (its check is missing)
    assert later.status_code == 200  # an hour later the client may propose again
    assert Proposal.objects.count() == 4


def test_a_unit_clerk_proposes_in_the_units_name(client, cast, form_url):
    client.force_login(cast["lena"])
    with time_machine.travel(NOON, tick=False) as clock:
        check = answered(client.get(form_url).text)
        clock.shift(30)
        client.post(form_url, proposal_data(**check))
    proposal = Proposal.objects.get()
    assert proposal.source == "unit" and proposal.unit == cast["lena"].unit


def test_it_collects_only_for_this_year_or_next(client, world):
    with time_machine.travel(NOON, tick=False):
        assert client.get(f"/selection/propose/{world['huantai'].pk}/2024/").status_code == 200
        assert client.get(f"/selection/propose/{world['huantai'].pk}/2023/").status_code == 404
        assert client.get(f"/selection/propose/{world['huantai'].pk}/2026/").status_code == 404


def test_it_says_when_a_receipt_code_is_unknown(client, world):
    assert "没有找到这个回执码" in client.get("/selection/receipt/", {"code": "ABCDEFGHJK"}).text


def test_the_receipt_page_follows_the_proposal_through_the_vote(client, cora, session, proposal):
    from shishi.selection import services
    from shishi.selection.services import CandidateCount

    from .conftest import FULL

    services.enter_vote_counts(
        session, cora, FULL, {c.pk: CandidateCount(40) for c in session.candidates.all()}
    )
    page = client.get("/selection/receipt/", {"code": proposal.receipt})
    assert "尚未公布票决结果" in page.text and "当选" not in page.text  # counted, not yet published
    services.publish_result(session, cora, True)
    page = client.get("/selection/receipt/", {"code": proposal.receipt})
    assert "候选项目：新建普惠托育园" in page.text
    assert "县人大常委会票决，<strong>当选</strong>" in page.text


@pytest.mark.parametrize("cost", ["99999999999999.99", "12345678901234.56"])
def test_it_refuses_a_cost_the_database_could_not_give_back_and_keeps_the_text(client, form_url, cost):
    with time_machine.travel(NOON, tick=False) as clock:
        page = client.get(form_url)
        clock.shift(30)
        response = client.post(form_url, proposal_data(estimated_cost=cost, **answered(page.text)))
    assert response.status_code == 400
    assert "不能超过9,999,999,999,999.99" in response.text
    assert "建议在人民公园增设母婴室一处。" in response.text
    assert not Proposal.objects.exists()


def test_a_limited_client_gets_back_what_it_typed(client, form_url, settings):
    settings.SHISHI_PROPOSALS_PER_HOUR = 1
    with time_machine.travel(NOON, tick=False) as clock:
        check = answered(client.get(form_url).text)
        clock.shift(10)
        assert client.post(form_url, proposal_data(**check)).status_code == 200
        check = answered(client.get(form_url).text)
        clock.shift(10)
        limited = client.post(form_url, proposal_data(title="第二条建议", **check))
    assert limited.status_code == 429
    assert "提交次数过多" in limited.text and "第二条建议" in limited.text
    assert "建议在人民公园增设母婴室一处。" in limited.text and "验证题" in limited.text


def test_signed_in_people_are_counted_by_account_not_by_the_halls_shared_address(
    client, cast, form_url, settings
):
    """Deputies in one meeting hall share an address: one deputy's proposals do not stop a clerk."""
    settings.SHISHI_PROPOSALS_PER_HOUR = 1
    with time_machine.travel(NOON, tick=False) as clock:
        for who in ("lena", "pavel"):
            client.force_login(cast[who])
            check = answered(client.get(form_url).text)
            clock.shift(10)
            assert client.post(form_url, proposal_data(**check)).status_code == 200, who
        check = answered(client.get(form_url).text)
        clock.shift(10)
        assert client.post(form_url, proposal_data(**check)).status_code == 429  # Pavel's second


def test_a_proposer_who_used_up_the_hour_still_looks_up_a_receipt(client, form_url, settings):
    settings.SHISHI_PROPOSALS_PER_HOUR = 1
    with time_machine.travel(NOON, tick=False) as clock:
        check = answered(client.get(form_url).text)
        clock.shift(10)
        client.post(form_url, proposal_data(**check))
        code = Proposal.objects.get().receipt
        assert "小区增设母婴室" in client.get("/selection/receipt/", {"code": code}).text
