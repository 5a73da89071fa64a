"""A unit answers a 督办: the county's 督查室 and whoever issued it are told, once per answer."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.directory.models import Person
from shishi.supervision.services import answer, issue
from tests.conftest import person

APRIL = datetime.datetime(2023, 4, 20, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_april():
    with time_machine.travel(APRIL, tick=False):
        yield


@pytest.fixture
def notice(cast, plan, q1):
    """Sam (督查室) demands an explanation of 县教育体育局 about project 1."""
    return issue(
        plan.projects.get(seq=1),
        cast["lena"].unit,
        q1,
        cast["sam"],
        "一季度逾期未报，请说明原因",
        APRIL.date(),
    )


def test_the_supervision_office_is_told_of_the_answer(
    client, cast, plan, notice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer(notice, cast["lena"], "已于4月15日补报，今后按时报送。")
    message = cast["sam"].notices.get()
    assert message.text == "县教育体育局已答复督办：实施优质教育资源扩容提质行动"
    assert message.url == reverse("supervision:plan", args=[plan.pk, 1])
    assert [m.to for m in mailoutbox] == [["sam@example.invalid"]]
    client.force_login(cast["sam"])
    assert "已于4月15日补报，今后按时报送。" in client.get(message.url).content.decode()


def test_whoever_issued_it_and_every_supervisor_of_the_county_are_told(
    cast, plan, q1, world, django_capture_on_commit_callbacks
):
    colleague = person("sue", Person.Role.SUPERVISOR, world["huantai"])
    elsewhere = person("gil", Person.Role.SUPERVISOR, world["gaoqing"])
    issued = issue(plan.projects.get(seq=1), cast["lena"].unit, q1, cast["admin"], "请说明", APRIL.date())
    with django_capture_on_commit_callbacks(execute=True):
        answer(issued, cast["lena"], "已整改。")
    assert [p.notices.count() for p in (cast["sam"], colleague, cast["admin"])] == [1, 1, 1]
    for someone in (elsewhere, cast["cora"], cast["otto"], cast["leah"]):
        assert not someone.notices.exists(), someone


def test_the_same_answer_sent_twice_tells_once_and_a_changed_answer_tells_again(cast, notice):
    answer(notice, cast["lena"], "已于4月15日补报。")
    answer(notice, cast["lena"], "已于4月15日补报。")  # a double click
    assert cast["sam"].notices.count() == 1
    answer(notice, cast["lena"], "已于4月15日补报，并已约谈经办人。")
    assert cast["sam"].notices.count() == 2


def test_the_answer_through_the_page_tells_the_office(client, cast, notice):
    client.force_login(cast["lena"])
    response = client.post(reverse("supervision:answer", args=[notice.pk]), {"reply": "已补报。"})
    assert response.status_code == 302
    assert cast["sam"].notices.filter(text__startswith="县教育体育局已答复督办").count() == 1
