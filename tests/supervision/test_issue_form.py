"""The 督办 form on the plan's page: what it refuses, and how it says so."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.supervision.models import SupervisionNotice

APRIL = datetime.datetime(2023, 4, 20, 9, tzinfo=datetime.UTC)  # Q1 of 2023 is due 10 April


@time_machine.travel(APRIL, tick=False)
@pytest.mark.parametrize(
    "change, message",
    [
        ({"reply_by": "4月27日"}, "请填写有效的答复期限（格式：2024-12-31）。"),
        ({"reply_by": ""}, "请填写有效的答复期限（格式：2024-12-31）。"),
        ({"reply_by": "2023-04-01"}, "答复期限不能早于今天。"),
        ({"reason": " \x01 "}, "请写明督办事由。"),
        ({"project": "²"}, "请选择要督办的实事和责任单位。"),
        ({"unit": ""}, "请选择要督办的实事和责任单位。"),
    ],
    ids=["words for a date", "no date", "a past date", "no reason", "a project that is no id", "no unit"],
)
def test_the_issue_form_names_what_is_wrong_and_issues_nothing(client, cast, plan, q1, change, message):
    client.force_login(cast["sam"])
    response = client.post(
        reverse("supervision:plan", args=[plan.pk, 1]),
        {
            "project": plan.projects.get(seq=1).pk,
            "unit": cast["lena"].unit_id,
            "reason": "逾期未报",
            "reply_by": "2023-04-27",
            **change,
        },
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not SupervisionNotice.objects.exists()


@time_machine.travel(APRIL, tick=False)
def test_a_project_of_another_plan_is_not_found(client, cast, plan, q1):
    client.force_login(cast["sam"])
    response = client.post(
        reverse("supervision:plan", args=[plan.pk, 1]),
        {"project": 2**63 - 1, "unit": cast["lena"].unit_id, "reason": "逾期未报", "reply_by": "2023-04-27"},
    )
    assert response.status_code == 404 and not SupervisionNotice.objects.exists()
