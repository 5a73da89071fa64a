"""The published chain in Chromium, on a phone: a citizen opens the public page of a plan the
people's congress voted on and reads, for a project, the proposals behind it, its vote result,
its progress and the deputies' satisfaction result (the citizens' survey apart); then a proposer
follows a receipt code to the same project. Screenshots under
var/test-artefacts/journeys/chain_reaches_the_project_on_a_phone/."""

from __future__ import annotations

import os
import re

import pytest

from shishi.selection import ratings, services
from shishi.selection.rules import BASIC
from tests.public.chain_scene import CONTACT, HELD_BACK_ID, rate, voted_plan

from .journeys import CHROMIUM, PHONE, expect, fits_sideways, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
    pytest.mark.django_db(transaction=True),
]


def test_chain_reaches_the_project_on_a_phone(journey, world, cora):
    scene = voted_plan(world, cora)
    plan = scene["plan"]
    services.publish_result(scene["vote"], cora, True)
    session = rate(plan, cora)
    ratings.open_survey(session, cora, True)
    ratings.answer_survey(session, "someones-phone", {plan.projects.get(seq=1).pk: BASIC})

    citizen = journey.open(PHONE)
    citizen.goto("/public/?year=2024")
    citizen.get_by_role("link", name=re.compile("桓台县")).first.click()
    expect(citizen.get_by_role("heading", name="年终满意度测评")).to_be_visible()
    heading = citizen.get_by_role("heading", name="1. 新建普惠托育园")
    project = citizen.locator("section.project").filter(has=heading)
    chain = project.locator("ol.chain")
    expect(chain).to_contain_text("来自3条群众和各方建议，其中1条内容含个人信息，暂不公开")
    expect(chain).to_contain_text("赞成40、反对6、弃权4，当选")
    expect(chain).to_contain_text("人大代表满意度测评：满意，满意率80.0%")
    expect(project.locator(".survey")).to_contain_text(
        "群众网上测评（另行统计，不计入代表测评）：满意0、基本满意1"
    )
    project.get_by_text("查看建议与答复").click()
    expect(project.get_by_text("城区新建普惠托育园")).to_be_visible()
    project.scroll_into_view_if_needed()
    assert fits_sideways(citizen)
    content = citizen.content()
    assert CONTACT not in content and HELD_BACK_ID not in content
    journey.shot(citizen, "citizen-reads-the-chain-of-a-project")

    chain.get_by_role("link", name="票决结果").click()
    expect(citizen.get_by_role("heading", name=re.compile("票决结果"))).to_be_visible()
    assert fits_sideways(citizen)
    journey.shot(citizen, "citizen-reads-the-published-vote")

    proposer = journey.open(PHONE)
    proposer.goto("/selection/receipt/")
    proposer.get_by_label("回执码").fill(scene["merged"].receipt)
    proposer.get_by_role("button", name="查询").click()
    expect(proposer.get_by_text("已与同类建议《城区新建普惠托育园》合并办理。")).to_be_visible()
    expect(proposer.get_by_text("年终满意度测评：满意，满意率80.0%")).to_be_visible()
    assert fits_sideways(proposer)
    journey.shot(proposer, "proposer-follows-the-receipt")
    proposer.get_by_role("link", name="查看进展").click()
    expect(proposer).to_have_url(re.compile(rf"/public/{plan.pk}/#project-1$"))
    expect(proposer.get_by_role("heading", name="1. 新建普惠托育园")).to_be_in_viewport()
    journey.shot(proposer, "proposer-reaches-the-projects-progress")
    proposer.go_back()
    proposer.get_by_role("link", name="查看测评结果").click()
    expect(proposer.get_by_role("heading", name=re.compile("满意度测评结果"))).to_be_visible()
    journey.shot(proposer, "proposer-reads-the-satisfaction-result")
