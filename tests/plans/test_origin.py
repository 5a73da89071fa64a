"""Where a notice comes from: the preview shows the issuing region, issuer, year and number, and
warns when they differ from the coordinator's region, the year or a plan already there. Cora
(桓台县) uploading 高青县's notice must tick that she means it; Otto (高青县) imports it plainly."""

from __future__ import annotations

import datetime
from pathlib import Path

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html

from shishi.directory.models import Unit
from shishi.history.models import Event
from shishi.plans.models import NoticeFile, Plan
from shishi.plans.views import notice_warnings

SAMPLES = Path(__file__).parents[2] / "samples" / "notices"
DECEMBER_2026 = datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC)
MAY_2024 = datetime.datetime(2024, 5, 30, 10, tzinfo=datetime.UTC)


def _upload(client, name: str, data: bytes | None = None) -> NoticeFile:
    data = data if data is not None else (SAMPLES / name).read_bytes()
    client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})
    return NoticeFile.objects.latest("pk")


def _confirm_form(notice_file, **extra) -> dict:
    names = list(dict.fromkeys(u for p in notice_file.draft["projects"] for u in p["units"]))
    return {"action": "confirm", **{f"unit-{i}": "new" for i in range(len(names))}, **extra}


def _origin_text(page: str) -> str:
    return html.fromstring(page).get_element_by_id("origin").text_content()


def test_the_preview_says_where_the_notice_comes_from_and_that_it_is_another_county(client, world, cora):
    client.force_login(cora)
    with time_machine.travel(DECEMBER_2026, tick=False):
        notice_file = _upload(client, "gaoqing-2024.txt")
        page = client.get(reverse("plans:preview", args=[notice_file.pk])).content.decode()
    origin = _origin_text(page)
    shown_all = ("高青县", "高青县人民政府办公室", "2024年", "高政办字〔2024〕9号", "桓台县2024年的实事计划")
    for shown in shown_all:
        assert shown in origin, shown
    assert "这份通知由高青县印发，与您所在的桓台县不同。" in origin
    # Made in December 2026, a 2024 plan starts with every quarter overdue: said, not done silently.
    assert "四个季度的报送截止日期都已过去" in origin
    assert "我已核对发文机关" in page


def test_it_refuses_another_countys_notice_without_the_tick_and_keeps_the_corrections(client, world, cora):
    client.force_login(cora)
    with time_machine.travel(MAY_2024, tick=False):
        notice_file = _upload(client, "gaoqing-2024.txt")
        url = reverse("plans:preview", args=[notice_file.pk])
        response = client.post(url, _confirm_form(notice_file, **{"p-0-title": "改过的名称"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "这份通知由高青县印发，与您所在的桓台县不同。如确需导入为桓台县的实事计划" in page
    assert not Plan.objects.exists()
    assert not Unit.objects.filter(region=world["huantai"]).exists()  # no unit made either
    notice_file.refresh_from_db()
    assert notice_file.draft["projects"][0]["title"] == "改过的名称"  # nothing typed lost


def test_the_refusal_names_units_not_yet_matched_too(client, world, cora):
    client.force_login(cora)
    with time_machine.travel(MAY_2024, tick=False):
        notice_file = _upload(client, "gaoqing-2024.txt")
        response = client.post(reverse("plans:preview", args=[notice_file.pk]), {"action": "confirm"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "与您所在的桓台县不同" in page and "还没有对应到单位名录" in page


def test_with_the_tick_it_imports_and_the_history_says_whose_notice_it_was(client, world, cora):
    client.force_login(cora)
    with time_machine.travel(MAY_2024, tick=False):
        notice_file = _upload(client, "gaoqing-2024.txt")
        response = client.post(
            reverse("plans:preview", args=[notice_file.pk]), _confirm_form(notice_file, other_region="1")
        )
    plan = Plan.objects.get()
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert plan.region == world["huantai"]
    assert Event.objects.filter(plan_id=plan.pk, summary__contains="确认导入由高青县印发的通知").exists()


def test_otto_imports_his_own_countys_notice_of_this_year_without_a_warning(client, world, cast):
    client.force_login(cast["otto"])
    with time_machine.travel(MAY_2024, tick=False):
        notice_file = _upload(client, "gaoqing-2024.txt")
        page = client.get(reverse("plans:preview", args=[notice_file.pk])).content.decode()
        assert "高政办字〔2024〕9号" in _origin_text(page)
        assert 'role="alert"' not in page and "我已核对发文机关" not in page
        client.post(reverse("plans:preview", args=[notice_file.pk]), _confirm_form(notice_file))
    assert Plan.objects.get(region=world["gaoqing"]).year == 2024


def test_it_warns_of_a_year_long_past_and_of_a_plan_already_there_for_that_year(client, world, cast):
    """高青县 has its 2024 plan; Otto uploads the 2021 notice in May 2024."""
    client.force_login(cast["otto"])
    with time_machine.travel(MAY_2024, tick=False):
        first = _upload(client, "gaoqing-2024.txt")
        client.post(reverse("plans:preview", args=[first.pk]), _confirm_form(first))
        old = _upload(client, "gaoqing-2021.txt")
        url = reverse("plans:preview", args=[old.pk])
        origin = _origin_text(client.get(url).content.decode())
        assert "计划年度是2021年，今年是2024年" in origin and "四个季度的报送截止日期都已过去" in origin
        # He corrects the plan year to 2024: now the notice's year differs, and 2024 has a plan.
        form = _confirm_form(old, year="2024", action="save")
        origin = _origin_text(client.post(url, form).content.decode())
    assert "通知是2021年的，而计划年度填的是2024年" in origin
    assert "高青县已有2024年的实事计划《关于2024年为全县妇女儿童办实事的通知》" in origin


def test_the_unit_spelt_two_ways_is_said_once(client, cora):
    client.force_login(cora)
    notice_file = _upload(client, "zichuan-2024.txt")
    page = client.get(reverse("plans:preview", args=[notice_file.pk])).content.decode()
    warnings = html.fromstring(page).xpath("//ul[@class='warnings']/li")
    assert [li.text_content() for li in warnings] == [
        "第10项责任单位不一致：正文为“区教育局”，附件为“区教体局”。同一单位可能有两种写法：“区教育局”和“区教体局”。"
    ]
    assert page.count("同一单位可能有两种写法") == 1


def test_a_warning_repeated_word_for_word_is_shown_once():
    same = {"code": "unit-variant", "message": "同一单位可能有两种写法：“甲”和“乙”。", "project": 3}
    assert notice_warnings([same, dict(same)]) == [same]


def test_a_suggestion_of_ninety_points_or_more_is_chosen_in_advance(client, world, cora):
    close = Unit.objects.create(region=world["huantai"], name="县教育和体育局")  # 县教育体育局: 92
    Unit.objects.create(region=world["huantai"], name="县人力资源和社会保障局")  # 县人力资源社会保障局
    Unit.objects.create(region=world["huantai"], name="县妇女联合会")  # 县妇联: 72, not chosen
    client.force_login(cora)
    notice_file = _upload(client, "huantai-2023.txt")
    page = html.fromstring(client.get(reverse("plans:preview", args=[notice_file.pk])).content)

    def chosen(name):
        select = page.xpath(f"//select[@id=//label[normalize-space(text())='{name}']/@for]")[0]
        return [(o.get("value"), o.text_content()) for o in select.xpath(".//option[@selected]")]

    assert chosen("县教育体育局") == [(f"unit:{close.pk}", "县教育和体育局（相似度92）")]
    assert chosen("县妇联") == []


def test_cancelling_discards_the_uploaded_notice_and_says_so_in_the_history(
    client, world, cora, django_capture_on_commit_callbacks
):
    client.force_login(cora)
    notice_file = _upload(client, "gaoqing-2024.txt")
    stored = notice_file.file.name
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the row has gone
        response = client.post(
            reverse("plans:cancel_import", args=[notice_file.pk]), _confirm_form(notice_file)
        )
    assert response.url == reverse("plans:import")
    assert not NoticeFile.objects.exists() and not Plan.objects.exists()
    assert not notice_file.file.storage.exists(stored)
    assert Event.objects.filter(region=world["huantai"], verb="discarded").exists()


def test_otto_cannot_cancel_coras_upload(client, cast):
    client.force_login(cast["cora"])
    notice_file = _upload(client, "gaoqing-2024.txt")
    client.force_login(cast["otto"])
    assert client.post(reverse("plans:cancel_import", args=[notice_file.pk])).status_code == 403
    assert NoticeFile.objects.filter(pk=notice_file.pk).exists()


def test_the_examples_in_the_origin_module_hold():
    import doctest

    from shishi.plans import origin

    failures, _ = doctest.testmod(origin)
    assert failures == 0


def test_next_years_notice_in_december_is_noted_not_warned(client, world, cast):
    text = (SAMPLES / "gaoqing-2024.txt").read_text(encoding="utf-8").replace("2024", "2027")
    client.force_login(cast["otto"])
    with time_machine.travel(DECEMBER_2026, tick=False):
        notice_file = _upload(client, "gaoqing-2027.txt", text.encode("utf-8"))
        page = client.get(reverse("plans:preview", args=[notice_file.pk])).content.decode()
    assert "这是明年（2027年）的计划，第一季度从2027年1月1日开始填报。" in _origin_text(page)
    assert 'role="alert"' not in page
