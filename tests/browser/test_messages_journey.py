"""The coordinator is told when a unit submits: Lena submits on her phone, Cora signs in at her
desk, sees the badge and the message (消息), and follows it to the report to review.

Screenshots of every step go to var/test-artefacts/journeys/a_submission_reaches_the_coordinator/.
"""

from __future__ import annotations

import os

import pytest

from shishi.reporting.models import QuarterlyReport
from tests.conftest import pdf_bytes

from .journeys import CHROMIUM, DESK, PHONE, expect, fits_sideways, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]


def test_a_submission_reaches_the_coordinator(journey, cast, plan, this_quarter, tmp_path):
    stamped = tmp_path / "教体局盖章报表.pdf"
    stamped.write_bytes(pdf_bytes())

    # Lena fills in one line on her phone, uploads the stamped PDF and submits.
    phone = journey.log_in("lena", PHONE)
    # Her home puts the quarter to fill in now first.
    now = phone.locator("section", has=phone.get_by_role("heading", name="现在要填报")).locator("li.quarter")
    now.first.get_by_role("button", name="开始填写").tap()
    first = phone.locator("section.line").first
    first.get_by_label("本季度具体措施及任务进度情况").fill("本季度新开工幼儿园3所，按月调度。")
    phone.get_by_label("选择PDF文件").set_input_files(stamped)
    phone.get_by_role("button", name="上传（同时保存草稿）").tap()
    expect(phone.get_by_role("status")).to_contain_text("盖章PDF已上传。")
    phone.get_by_role("button", name="保存并报送").tap()
    expect(phone.get_by_role("status")).to_contain_text("已报送（第1版）。")
    journey.shot(phone, "lena-has-submitted")

    # Cora signs in: the menu's messages link carries the count of what she has not read.
    desk = journey.log_in("cora", DESK)
    messages_link = desk.get_by_role("navigation", name="主导航").locator("a[href='/notices/']")
    expect(messages_link.locator(".badge")).to_have_text("1")
    journey.shot(desk, "cora-sees-the-badge")
    messages_link.click()

    expect(desk.get_by_role("heading", name="消息", level=1)).to_be_visible()
    told = desk.get_by_role("link", name=f"县教育体育局已报送{this_quarter}报表")
    expect(told).to_be_visible()
    expect(desk.get_by_text("（未读）")).to_be_visible()
    journey.shot(desk, "cora-reads-the-message")
    told.click()

    # The message leads straight to the submitted version, with the review buttons.
    expect(desk.get_by_role("heading", name=f"县教育体育局 · {this_quarter} · 第1版")).to_be_visible()
    expect(desk.get_by_role("button", name="退回修改")).to_be_visible()
    expect(desk.get_by_role("button", name="通过")).to_be_visible()
    journey.shot(desk, "cora-opens-the-report-to-review")

    # Back on the messages page she marks it read; the badge goes.
    messages_link.click()
    desk.get_by_role("button", name="全部标为已读").click()
    expect(desk.get_by_text("（未读）")).to_have_count(0)
    expect(messages_link.locator(".badge")).to_have_count(0)
    journey.shot(desk, "cora-has-read-it")

    # The same message on a phone fits the screen.
    small = journey.log_in("cora", PHONE)
    small.goto("/notices/")
    expect(small.get_by_role("link", name=f"县教育体育局已报送{this_quarter}报表")).to_be_visible()
    assert fits_sideways(small), "the messages page scrolls sideways on a phone"
    journey.shot(small, "cora-reads-messages-on-a-phone")

    report = QuarterlyReport.objects.get(unit=cast["lena"].unit, period=this_quarter)
    assert report.state == QuarterlyReport.State.SUBMITTED
    assert cast["cora"].notices.count() == 1  # told once
    assert not cast["otto"].notices.exists()  # the other county's coordinator is not
