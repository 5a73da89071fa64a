"""The citizens' online satisfaction survey: open only when the office opens it, one answer per
device, bounded, rate-limited, and counted apart from the deputies' vote."""

from __future__ import annotations

import pytest
import time_machine

from shishi.selection import ratings
from shishi.selection.models import SurveyResponse
from shishi.selection.ratings import RatingSettings
from shishi.selection.services import SelectionError

from .test_public_form import NOON, answered


@pytest.fixture
def rating(plan, cora):
    session = ratings.create_satisfaction_session(
        plan, cora, RatingSettings("2023年度满意度测评", members=50)
    )
    ratings.open_survey(session, cora, True)
    return session


def choices_for(plan, **by_seq) -> dict:
    return {f"p{plan.projects.get(seq=int(seq[1:])).pk}": choice for seq, choice in by_seq.items()}


def test_a_citizen_rates_some_projects_once_per_device(client, rating, plan):
    url = f"/selection/survey/{rating.pk}/"
    with time_machine.travel(NOON, tick=False) as clock:
        page = client.get(url)
        clock.shift(20)
        response = client.post(url, {**answered(page.text), **choices_for(plan, s1="satisfied", s2="basic")})
        again = client.post(url, choices_for(plan, s1="unsatisfied"))
    assert response.status_code == 200 and "感谢参与" in response.text
    assert "本设备已参加本次测评" in again.text
    result = ratings.survey_result(rating)
    assert result.responses == 1 and result.rate == 100
    assert result.lines[0].counts == {"satisfied": 1, "basic": 0, "unsatisfied": 0}


def test_the_survey_is_closed_until_the_office_opens_it(client, plan, cora):
    session = ratings.create_satisfaction_session(plan, cora, RatingSettings("测评", members=50))
    assert client.get(f"/selection/survey/{session.pk}/").status_code == 404


def test_it_refuses_an_empty_answer_and_one_past_the_bound(rating, plan):
    with pytest.raises(SelectionError, match="请至少评价一个项目"):
        ratings.answer_survey(rating, "device-a", {p.pk: "" for p in plan.projects.all()})
    rating.survey_limit = 1
    rating.save()
    first = plan.projects.get(seq=1).pk
    ratings.answer_survey(rating, "device-a", {first: "satisfied"})
    with pytest.raises(SelectionError, match="达到份数上限"):
        ratings.answer_survey(rating, "device-b", {first: "satisfied"})
    assert SurveyResponse.objects.count() == 1


def test_it_refuses_a_project_of_another_plan(rating, world, cora):
    from shishi.plans.models import Project

    stranger = Project.objects.exclude(plan=rating.plan).first()
    with pytest.raises(SelectionError, match="不在本计划中"):
        ratings.answer_survey(rating, "device-a", {stranger.pk if stranger else 0: "satisfied"})


def test_the_office_sees_the_survey_apart_from_the_vote(client, cast, rating, plan):
    ratings.answer_survey(rating, "device-a", {plan.projects.get(seq=1).pk: "unsatisfied"})
    client.force_login(cast["cora"])
    page = client.get(f"/selection/satisfaction/{rating.pk}/")
    assert "群众网上测评（单独统计）" in page.text and "已收到1份" in page.text
    client.post(f"/selection/satisfaction/{rating.pk}/survey/", {"open": "0"})
    rating.refresh_from_db()
    assert not rating.survey_open


def test_it_limits_survey_answers_per_client(client, rating, plan, settings):
    settings.SHISHI_PROPOSALS_PER_HOUR = 2
    url = f"/selection/survey/{rating.pk}/"
    with time_machine.travel(NOON, tick=False):
        statuses = [client.post(url, {"check_token": "x"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
