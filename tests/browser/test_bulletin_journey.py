"""The coordinator previews the quarter's bulletin in the browser, issues it, and finds that
issuing the same quarter again is a correction under the same number, not a new one; the preview
is looked at on a phone too."""

from __future__ import annotations

import os

import pytest

from shishi.bulletins.models import Bulletin
from shishi.bulletins.snapshot import quarter_name

from .journeys import CHROMIUM, DESK, PHONE, expect, fits_sideways, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]


def test_the_coordinator_previews_issues_and_corrects_the_bulletin(journey, cast, plan, this_quarter):
    desk = journey.log_in("cora", DESK)
    desk.get_by_role("navigation", name="主导航").get_by_role("link", name="调度通报").click()
    desk.get_by_role("link", name=plan.title).click()
    row = desk.locator("tr", has=desk.get_by_role("rowheader", name=quarter_name(this_quarter.quarter)))
    row.get_by_role("link", name="预览", exact=True).click()

    sheet = desk.locator(".sheet").first
    expect(sheet.locator(".mark")).to_have_text("桓台县为妇女儿童办实事调度通报")
    expect(sheet).to_contain_text("（预览稿，尚未印发）")
    expect(desk.locator("table.summary th").nth(1)).to_have_text("实事名称及目标完成情况")
    expect(desk.locator(".imprint")).to_contain_text("印发")
    expect(desk.get_by_role("link", name="下载 Word 预览稿（.docx）")).to_be_visible()
    journey.shot(desk, "coordinator-previews-the-bulletin")
    assert not Bulletin.objects.exists()  # a preview takes no number

    desk.locator("form.issue-bulletin").get_by_role("button", name="印发为第1期").click()
    expect(desk.get_by_role("status")).to_contain_text("已印发调度通报第1期")
    journey.shot(desk, "coordinator-has-issued-number-1")
    row = desk.locator("tr", has=desk.get_by_role("rowheader", name=quarter_name(this_quarter.quarter)))
    expect(row.get_by_role("button", name="印发为第2期")).to_have_count(0)
    reason = row.get_by_label("更正原因（必填）")
    row.get_by_role("button", name="印发第1期更正稿").click()  # no reason: the browser asks for one
    assert reason.evaluate("box => box.validity.valueMissing")
    assert Bulletin.objects.count() == 1
    row.get_by_label("更正原因（必填）").fill("县财政局的资金数填错，已改正。")
    row.get_by_role("button", name="印发第1期更正稿").click()
    expect(desk.get_by_role("status")).to_contain_text("已印发调度通报第1期（更正）")
    journey.shot(desk, "coordinator-has-issued-the-correction")
    assert list(Bulletin.objects.order_by("correction").values_list("number", "correction")) == [
        (1, 0),
        (1, 1),
    ]

    phone = journey.log_in("cora", PHONE)
    phone.goto(f"/bulletins/plans/{plan.pk}/{this_quarter.quarter}/draft/")
    expect(phone.locator(".mark")).to_be_visible()
    journey.shot(phone, "coordinator-previews-on-a-phone")
    assert fits_sideways(phone)  # the wide table scrolls inside its box, the page does not
