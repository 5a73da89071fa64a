"""Who may do what with bulletins, and the pages as people use them.

Coordinators of the plan (Cora, and the admin) preview and issue; leaders and city coordinators
(Leah, Cici) read and download what was issued; clerks (Lena, Pavel) are refused, because a
bulletin carries every unit's submitted lines and a clerk may not read another unit's report;
another county's coordinator (Otto) and an outsider (Olga) are refused everything.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.bulletins.models import Bulletin
from shishi.bulletins.services import issue_bulletin
from shishi.history.models import Event
from tests.bulletins.conftest import TODAY

READERS = {"cora", "leah", "cici", "admin"}
MANAGERS = {"cora", "admin"}
ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "admin"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def issued(cast, plan, q1):
    return issue_bulletin(plan, q1, cast["cora"], today=TODAY)


def cases(bulletin) -> dict:
    plan = bulletin.plan
    return {
        "plan page": ("GET", reverse("bulletins:plan", args=[plan.pk]), READERS),
        "preview": ("GET", reverse("bulletins:preview", args=[plan.pk, 1]), MANAGERS),
        "issue": ("POST", reverse("bulletins:issue", args=[plan.pk, 1]), MANAGERS),
        "download": ("GET", reverse("bulletins:download", args=[bulletin.pk]), READERS),
    }


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_each_role_exactly_its_bulletin_actions(client, cast, issued, role):
    client.force_login(cast[role])
    got, wanted = {}, {}
    for name, (method, url, allowed) in cases(issued).items():
        count = Bulletin.objects.count()
        response = client.post(url, {"title": ""}) if method == "POST" else client.get(url)
        if response.status_code in (403, 404):
            got[name] = (
                "refused" if Bulletin.objects.count() == count else "refused, yet a bulletin was issued"
            )
        elif response.status_code == 200 or (
            response.status_code == 302 and client.get(response.url).status_code == 200
        ):
            got[name] = "allowed"
        else:
            got[name] = f"answered {response.status_code}"
        wanted[name] = "allowed" if role in allowed else "refused"
    assert got == wanted


def test_it_sends_anonymous_visitors_to_the_login_page(client, issued):
    for name, (method, url, _) in cases(issued).items():
        response = client.post(url) if method == "POST" else client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name
    assert Bulletin.objects.count() == 1


def test_leah_downloads_the_issued_bulletin_but_cannot_issue_or_preview(client, cast, issued):
    client.force_login(cast["leah"])
    download = client.get(reverse("bulletins:download", args=[issued.pk]))
    assert download.status_code == 200 and download["Content-Type"] == DOCX
    assert "attachment" in download["Content-Disposition"]
    page = client.get(reverse("bulletins:plan", args=[issued.plan_id])).content.decode()
    assert "第1期" in page and reverse("bulletins:download", args=[issued.pk]) in page
    assert "印发为第" not in page and "下载预览稿" not in page
    assert client.post(reverse("bulletins:issue", args=[issued.plan_id, 1])).status_code == 403
    assert client.get(reverse("bulletins:preview", args=[issued.plan_id, 1])).status_code == 403
    assert Bulletin.objects.count() == 1


def test_otto_of_another_county_is_refused_and_sees_no_plan_of_huantai(client, cast, issued):
    client.force_login(cast["otto"])
    assert client.get(reverse("bulletins:download", args=[issued.pk])).status_code == 403
    assert client.post(reverse("bulletins:issue", args=[issued.plan_id, 1])).status_code == 403
    index = client.get(reverse("bulletins:index")).content.decode()
    assert issued.plan.title not in index


def test_cora_issues_from_the_page_with_her_title(client, cast, plan, q1):
    client.force_login(cast["cora"])
    page = client.get(reverse("bulletins:plan", args=[plan.pk])).content.decode()
    assert "关于2023年为妇女儿童办实事第一季度进展情况的通报" in page  # the default title, to edit
    response = client.post(
        reverse("bulletins:issue", args=[plan.pk, 1]), {"title": "一季度调度通报"}, follow=True
    )
    assert "已印发调度通报第1期" in response.content.decode()
    bulletin = Bulletin.objects.get()
    assert (bulletin.title, bulletin.issued_by, bulletin.period) == ("一季度调度通报", cast["cora"], q1)
    assert Event.objects.filter(verb="issued", plan_id=plan.pk).count() == 1


def test_a_preview_is_a_docx_and_issues_nothing(client, cast, plan):
    client.force_login(cast["cora"])
    response = client.get(reverse("bulletins:preview", args=[plan.pk, 1]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response.content[:2] == b"PK"
    assert "filename*=utf-8''" in response["Content-Disposition"]  # a Chinese file name, encoded
    assert not Bulletin.objects.exists() and not Event.objects.filter(verb="issued").exists()


def test_the_index_lists_the_plans_a_reader_may_see(client, cast, issued):
    client.force_login(cast["cici"])
    page = client.get(reverse("bulletins:index")).content.decode()
    assert issued.plan.title in page and reverse("bulletins:plan", args=[issued.plan_id]) in page
    client.force_login(cast["lena"])
    page = client.get(reverse("bulletins:index")).content.decode()
    assert issued.plan.title not in page


def test_the_preview_page_shows_the_bulletin_as_it_will_print(client, cast, quarter):
    client.force_login(cast["cora"])
    with time_machine.travel(datetime.datetime(2023, 4, 20, 9, tzinfo=datetime.UTC)):
        response = client.get(reverse("bulletins:draft", args=[quarter["plan"].pk, 1]))
    assert response.status_code == 200
    page = response.content.decode()
    for said in (
        "桓台县为妇女儿童办实事调度通报",  # the masthead
        "（预览稿，尚未印发）",
        "关于2023年为妇女儿童办实事第一季度进展情况的通报",
        "一、总体情况",
        "（一）实施优质教育资源扩容提质行动（县教育体育局牵头）",  # on schedule: named with the others
        "新改扩建幼儿园：目标6所，完成3所（50%）",  # the table's figures
        "教体局一季度完成3所幼儿园主体工程。",
        "抄送：桓台县妇女儿童工作委员会各成员单位。",  # the 版记
        "2023年4月20日印发",
    ):
        assert said in page, said
    assert 'src="data:image/png;base64,' in page  # the chart
    assert reverse("bulletins:preview", args=[quarter["plan"].pk, 1]) in page  # the .docx
    assert reverse("bulletins:issue", args=[quarter["plan"].pk, 1]) in page and "印发为第1期" in page
    assert not Bulletin.objects.exists()


def test_an_issued_quarter_is_offered_as_a_correction_not_a_new_number(client, cast, issued):
    client.force_login(cast["cora"])
    with time_machine.travel(datetime.datetime(2023, 7, 20, 9, tzinfo=datetime.UTC)):
        page = client.get(reverse("bulletins:plan", args=[issued.plan_id])).content.decode()
        draft = client.get(reverse("bulletins:draft", args=[issued.plan_id, 1])).content.decode()
    rows = [row for row in page.split("<tr>") if 'scope="row"' in row]
    first = next(row for row in rows if "第一季度" in row)
    second = next(row for row in rows if "第二季度" in row)
    assert "印发为第2期" not in first and "印发第1期更正稿" in first and "更正原因" in first  # Q1 keeps 第1期
    assert "印发为第2期" in second  # the next quarter takes the next number
    assert "印发为第2期" not in draft and "印发第1期更正稿" in draft


def test_a_correction_without_a_reason_keeps_what_was_typed_and_says_why(client, cast, issued):
    client.force_login(cast["cora"])
    response = client.post(
        reverse("bulletins:issue", args=[issued.plan_id, 1]), {"title": "改过的标题", "reason": ""}
    )
    page = response.content.decode()
    assert "本季度已印发过通报，再次印发是更正，请写明更正原因。" in page
    assert 'value="改过的标题"' in page  # nothing typed is lost
    assert Bulletin.objects.count() == 1


def test_cora_issues_a_correction_with_its_reason(client, cast, issued):
    client.force_login(cast["cora"])
    response = client.post(
        reverse("bulletins:issue", args=[issued.plan_id, 1]),
        {"title": "", "reason": "县财政局的资金数填错", "copies_to": "市妇儿工委办公室"},
        follow=True,
    )
    assert "已印发调度通报第1期（更正）" in response.content.decode()
    correction = Bulletin.objects.get(correction=1)
    assert (correction.number, correction.reason) == (1, "县财政局的资金数填错")
    assert correction.snapshot["copies_to"] == "市妇儿工委办公室"
