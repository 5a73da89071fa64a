"""Each role's menu names its daily pages; the header names the person and a short role once."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
JULY = datetime.datetime(2023, 7, 20, 10, tzinfo=SHANGHAI)


def header(client, person) -> str:
    client.force_login(person)
    with time_machine.travel(JULY, tick=False):
        html = client.get(reverse("home")).content.decode()
    return html[html.index('<header class="top">') : html.index("</header>")]


def links(html: str) -> dict[str, str]:
    """The header's links: words → address."""
    return {
        re.sub(r"<[^>]+>|\s+", "", words): href
        for href, words in re.findall(r'<a href="([^"]+)">(.*?)</a>', html)
    }


MENUS = {
    "lena": {"首页", "本季度", "督办", "实事计划", "报表下载/上传", "消息"},
    "cora": {
        "首页",
        "调度",
        "审核",
        "调度通报",
        "实事计划",
        "比较分析",
        "征集与票决",
        "报表下载/上传",
        "导入通知",
        "导出",
        "消息",
    },
    "leah": {"首页", "调度通报", "实事计划", "比较分析", "导出", "消息"},
    "sam": {"首页", "督办", "调度通报", "实事计划", "比较分析", "导出", "消息"},
    "cici": {"首页", "调度通报", "实事计划", "比较分析", "导出", "消息"},
    "connie": {"首页", "票决", "满意度测评", "调度通报", "实事计划", "比较分析", "导出", "消息"},
    "dave": {"首页", "提建议", "我的建议", "消息"},
}


@pytest.mark.parametrize("who", sorted(MENUS))
def test_each_role_has_its_own_menu(client, cast, who):
    menu = links(header(client, cast[who]))
    assert set(menu) - {"实事", "接口令牌", "管理后台"} == MENUS[who]


def test_the_coordinators_menu_opens_the_board_and_the_review_queue_in_one_click(client, cast, plan):
    menu = links(header(client, cast["cora"]))
    assert menu["调度"] == reverse("desk:board") and menu["审核"] == reverse("desk:review")
    with time_machine.travel(JULY, tick=False):
        response = client.get(menu["调度"])
    assert response.status_code == 302
    assert response["Location"] == reverse("oversight:board", args=[plan.pk, 3])  # the quarter chased now
    with time_machine.travel(JULY, tick=False):
        assert "待审核的报表" in client.get(menu["审核"]).content.decode()


def test_the_supervisors_menu_opens_督办_in_one_click(client, cast, plan):
    menu = links(header(client, cast["sam"]))
    assert menu["督办"] == reverse("desk:supervision")
    with time_machine.travel(JULY, tick=False):
        response = client.get(menu["督办"])
    assert response["Location"] == reverse("supervision:plan", args=[plan.pk, 2])  # the quarter reported


@pytest.mark.parametrize("who", ["lena", "leah", "sam", "cici"])
def test_it_offers_api_tokens_only_to_the_office_and_administrators(client, cast, who):
    assert "接口令牌" not in header(client, cast[who])


@pytest.mark.parametrize("who", ["cora", "admin"])
def test_the_account_menu_offers_api_tokens_to_coordinators_and_administrators(client, cast, who):
    html = header(client, cast[who])
    account = html[html.index('<details class="account">') :]
    assert f'<a href="{reverse("api:tokens")}">接口令牌</a>' in account


def test_a_clerk_can_still_open_the_token_page(client, cast):
    client.force_login(cast["lena"])
    assert client.get(reverse("api:tokens")).status_code == 200


def test_the_header_names_the_person_and_a_short_role_once(client, cast):
    cast["cora"].display_name = "桓台县妇儿工委办公室"
    cast["cora"].save()
    html = header(client, cast["cora"])
    assert "桓台县妇儿工委办公室 · 协调员" in html
    assert "协调员（妇儿工委办公室）" not in html and html.count("协调员") == 1


def test_in_app_messages_are_called_消息_not_通知(client, cast):
    menu = links(header(client, cast["lena"]))
    assert menu["消息"] == reverse("notices") and "通知" not in menu


@pytest.mark.parametrize("who", ["lena", "leah", "sam", "cici"])
def test_the_menus_review_and_board_are_for_those_who_manage_plans(client, cast, who):
    client.force_login(cast[who])
    assert client.get(reverse("desk:board")).status_code == 403
    assert client.get(reverse("desk:review")).status_code == 403


def test_the_coordinators_征集与票决_opens_next_years_proposals(client, cast, world):
    menu = links(header(client, cast["cora"]))
    with time_machine.travel(JULY, tick=False):
        response = client.get(menu["征集与票决"])
    assert response["Location"] == reverse("selection:proposals", args=[world["huantai"].pk, 2024])


def test_the_congress_staffs_票决_opens_next_years_candidates_and_满意度测评_the_regions_plans(
    client, cast, world
):
    menu = links(header(client, cast["connie"]))
    with time_machine.travel(JULY, tick=False):
        response = client.get(menu["票决"])
        assert response["Location"] == reverse("selection:candidates", args=[world["huantai"].pk, 2024])
        candidates = client.get(response["Location"])
        assert "办公室还没有初定本年度的候选项目。" in candidates.content.decode()
        assert client.get(menu["满意度测评"]).status_code == 200
    assert menu["满意度测评"] == reverse("selection:satisfaction_list", args=[world["huantai"].pk])


def test_a_deputys_提建议_opens_the_form_for_next_year_in_his_own_name(client, cast, world):
    menu = links(header(client, cast["dave"]))
    assert menu["提建议"] == reverse("selection:propose", args=[world["huantai"].pk, 2024])
    assert menu["我的建议"] == reverse("desk:proposals")
    with time_machine.travel(JULY, tick=False):
        page = client.get(menu["提建议"]).content.decode()
    assert "以人大代表戴伟的名义提出" in page


def test_the_header_names_the_new_roles_shortly(client, cast):
    assert "connie · 人大" in header(client, cast["connie"])
    assert "戴伟 · 人大代表" in header(client, cast["dave"])
