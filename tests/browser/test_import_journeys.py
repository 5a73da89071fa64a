"""Imports a coordinator can trust, in Chromium as Cora (桓台县's coordinator) makes them.

(a) Cora uploads 高青县's notice by mistake: the preview says where it comes from, warns that
    高青县 is not 桓台县, refuses to confirm until she ticks that she means it, and she cancels;
(b) Cora withdraws this year's plan, imported but not yet reported on, after a confirmation page;
(c) Cora raises a target and adds a partner unit to a project mid-year.

Every step leaves a screenshot under var/test-artefacts/journeys/.
"""

from __future__ import annotations

import os

import pytest

from shishi.directory.models import Unit
from shishi.history.models import Event
from shishi.plans.models import NoticeFile, Plan
from tests.conftest import SAMPLES

from .journeys import CHROMIUM, DESK, PHONE, expect, fits_sideways, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]


def test_cora_uploads_gaoqings_notice_is_warned_cannot_confirm_unticked_and_cancels(journey, world, cora):
    page = journey.log_in("cora", DESK)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="导入通知").click()
    page.get_by_label("通知文件").set_input_files(SAMPLES / "gaoqing-2024.txt")
    page.get_by_role("button", name="读取通知").click()

    origin = page.locator("#origin")
    expect(origin.get_by_role("heading", name="通知来源")).to_be_visible()
    for shown in ("高青县人民政府办公室", "高政办字〔2024〕9号", "2024年"):
        expect(origin).to_contain_text(shown)
    warning = origin.get_by_role("alert")
    expect(warning).to_contain_text("这份通知由高青县印发，与您所在的桓台县不同。")
    journey.shot(page, "sees-where-the-notice-comes-from")

    # Every unit new, so that the only thing between her and a plan is the tick.
    for select in page.locator("select[name^='unit-']").all():
        select.select_option("new")
    tick = page.get_by_label("我已核对发文机关：这份由高青县印发的通知，确实要导入为桓台县的实事计划")
    expect(tick).not_to_be_checked()
    page.get_by_role("button", name="确认并创建实事计划").click()
    expect(page.locator("ul.errorlist")).to_contain_text(
        "如确需导入为桓台县的实事计划，请勾选“我已核对发文机关”"
    )
    journey.shot(page, "cannot-confirm-without-ticking")
    assert not Plan.objects.filter(region=world["huantai"]).exists()

    page.get_by_role("button", name="取消导入").click()
    expect(page.get_by_role("status")).to_contain_text("已取消导入，没有建立实事计划。")
    expect(page.get_by_role("heading", name="导入实事通知")).to_be_visible()
    journey.shot(page, "cancelled")
    assert not NoticeFile.objects.exists() and not Plan.objects.exists()
    assert Event.objects.filter(region=world["huantai"], verb="discarded").exists()


def test_the_warning_comes_first_on_a_phone(journey, world, cora):
    page = journey.log_in("cora", PHONE)
    page.goto("/plans/import/")
    page.get_by_label("通知文件").set_input_files(SAMPLES / "gaoqing-2024.txt")
    page.get_by_role("button", name="读取通知").click()
    warning = page.locator("#origin").get_by_role("alert")
    expect(warning).to_contain_text("与您所在的桓台县不同")
    assert warning.bounding_box()["y"] < 844 * 1.5  # within the first screen and a half
    assert fits_sideways(page)
    journey.shot(page, "sees-the-warning-on-a-phone")


def test_cora_withdraws_a_fresh_plan(journey, plan):
    page = journey.log_in("cora", DESK)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="实事计划").click()
    page.get_by_role("link", name=plan.title).click()
    page.get_by_role("link", name="撤回导入").click()
    expect(page.get_by_role("heading", name="撤回导入的实事计划")).to_be_visible()
    expect(page.get_by_text("上传的通知原文件保留")).to_be_visible()
    journey.shot(page, "reads-what-withdrawing-does")
    page.get_by_role("button", name="确认撤回").click()
    expect(page.get_by_role("status")).to_contain_text(f"已撤回《{plan.title}》，原通知文件保留。")
    expect(page.get_by_role("link", name=plan.title)).to_have_count(0)
    journey.shot(page, "the-plan-is-gone")
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert NoticeFile.objects.filter(pk=plan.notice_file_id).exists()


def test_cora_changes_a_target_and_adds_a_partner_mid_year(journey, plan):
    finance = Unit.objects.get(region=plan.region, name="县财政局")
    page = journey.log_in("cora", DESK)
    page.goto(f"/plans/{plan.pk}/")
    first = page.locator(".card", has=page.get_by_role("heading", name="1. 实施优质教育资源扩容提质行动"))
    first.get_by_role("link", name="调整指标和责任单位").click()
    expect(page.get_by_role("heading", name="调整指标和责任单位")).to_be_visible()
    page.get_by_label("目标值").first.fill("8")
    page.get_by_label("增加责任单位").select_option(label=finance.name)
    journey.shot(page, "changes-a-target-and-adds-a-unit")
    page.get_by_role("button", name="保存修改").click()
    expect(page.get_by_role("status")).to_contain_text("已保存2处修改，已通知相关责任单位。")
    expect(page.get_by_text("新改扩建幼儿园 8所")).to_be_visible()
    journey.shot(page, "sees-the-plan-changed")
    project = plan.projects.get(seq=1)
    assert [a.unit.name for a in project.assignments.select_related("unit")] == ["县教育体育局", "县财政局"]
