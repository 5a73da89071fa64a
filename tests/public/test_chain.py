"""The public page of a plan made by the 票决 shows, per project, where it came from (its
proposals, its vote), its progress and its satisfaction result: only what was published, only
proposals that passed the personal-data check, never a contact. It shows at once: publishing a
result moves the plan's change date on, under which the page is cached."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.selection import ratings, services
from shishi.selection.rules import SATISFIED

from .chain_scene import ANSWER, CONTACT, HELD_BACK_ID, rate, voted_plan

MAY = datetime.datetime(2024, 5, 6, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture
def scene(world, cora):
    with time_machine.travel(MAY, tick=True):
        yield voted_plan(world, cora)


def page(client, plan) -> str:
    response = client.get(reverse("public:plan", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(text: str, seq: int) -> str:
    """The part of the page about project `seq`."""
    start = text.index(f'id="project-{seq}"')
    end = text.find('<section class="project"', start)
    return text[start : end if end != -1 else len(text)]


def test_it_shows_the_proposals_behind_a_project_but_no_contact_or_personal_data(client, scene):
    text = section(page(client, scene["plan"]), 1)
    assert "来源与评价" in text
    assert "来自3条群众和各方建议，其中1条内容含个人信息，暂不公开" in text
    assert "城区新建普惠托育园" in text and ANSWER in text  # 王女士's, answered
    assert "<strong>托育</strong> · 合并" in text  # the merged one: its title and status, not its text
    assert "希望家门口有托育园" not in text
    assert CONTACT not in text and "13812345678" not in text
    assert HELD_BACK_ID not in text and "多建托育园" not in text


def test_a_project_proposed_by_the_office_says_so(client, scene):
    assert "由政府部门提出" in section(page(client, scene["plan"]), 2)


def test_the_vote_result_shows_once_published_and_at_once(client, scene, cora):
    plan = scene["plan"]
    assert "票决结果尚未公布" in section(page(client, plan), 1)  # counted, not published: and now cached
    services.publish_result(scene["vote"], cora, True)
    text = section(page(client, plan), 1)
    assert "县十八届人大三次会议票决：赞成40、反对6、弃权4，<strong>当选</strong>" in text
    assert "规则：逐项表决（赞成／反对／弃权），超过全体组成人员的半数方为通过" in text
    assert reverse("selection:public_vote", args=[scene["vote"].pk]) in text
    services.publish_result(scene["vote"], cora, False)  # withdrawn: gone at once
    assert "票决结果尚未公布" in section(page(client, plan), 1)


def test_the_satisfaction_result_shows_once_published_with_the_citizens_survey_apart(client, scene, cora):
    plan = scene["plan"]
    with time_machine.travel(datetime.datetime(2024, 12, 20, 10, 0, tzinfo=MAY.tzinfo), tick=True):
        session = rate(plan, cora, publish=False)
        assert "年终满意度测评结果尚未公布" in section(page(client, plan), 1)
        services.publish_result(session, cora, True)
        full = page(client, plan)
        assert "总体满意率<strong>80.0%</strong>" in full
        text = section(full, 1)
        assert "人大代表满意度测评：<strong>满意</strong>，满意率80.0%" in text
        assert "满意30票、基本满意10票、不满意10票" in text
        assert "群众网上测评" not in text
        ratings.open_survey(session, cora, True)
        ratings.answer_survey(session, "a-phone", {plan.projects.get(seq=1).pk: SATISFIED})
        text = section(page(client, plan), 1)
        assert "群众网上测评（另行统计，不计入代表测评）：满意1、基本满意0、不满意0" in text


def test_a_plan_imported_from_a_notice_shows_no_chain(client, plan, cora):
    from shishi.public.services import publish_plan

    publish_plan(plan, cora)
    assert "来源与评价" not in page(client, plan)


def test_the_receipt_follows_a_merged_proposal_to_the_projects_progress_and_its_rating(client, scene, cora):
    services.publish_result(scene["vote"], cora, True)
    plan = scene["plan"]
    with time_machine.travel(datetime.datetime(2024, 12, 20, 10, 0, tzinfo=MAY.tzinfo), tick=True):
        session = rate(plan, cora)
        text = client.get(reverse("selection:receipt"), {"code": scene["merged"].receipt}).content.decode()
    assert "已与同类建议《城区新建普惠托育园》合并办理" in text
    assert "<strong>当选</strong>（赞成40、反对6、弃权4）" in text
    assert f'href="{reverse("public:plan", args=[plan.pk])}#project-1">查看进展</a>' in text
    assert "年终满意度测评：<strong>满意</strong>，满意率80.0%" in text
    assert reverse("selection:public_satisfaction", args=[session.pk]) in text


def test_the_coordinator_is_told_of_a_project_without_its_origin(client, scene, cora):
    plan = scene["plan"]
    project = plan.projects.get(seq=1)
    project.title = "农村公路提档升级"  # nothing like the candidate any more
    project.save()
    client.force_login(cora)
    text = client.get(reverse("public:manage", args=[plan.pk])).content.decode()
    assert "以下项目与票决当选项目的对应需要核对" in text
    assert "票决当选的“新建普惠托育园”未能对应到计划中的项目" in text
