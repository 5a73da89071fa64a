"""Saving the report form in a real browser keeps what Lena typed.

(a) The false-conflict path: she saves a draft, uploads a file that is not a PDF (refused), then
    the real PDF: never "已被他人修改", her text kept, the address never /save/, and a refresh
    opens the report again.
(b) A validation error (a figure typed in words) keeps the 自评 she changed, with every other field.
"""

from __future__ import annotations

import os
import re

import pytest

from shishi.reporting.models import QuarterlyReport
from shishi.reporting.services import start_report
from tests.conftest import pdf_bytes

from .journeys import CHROMIUM, DESK, PASSWORD, PHONE, expect, fits_sideways, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]

REPORT_ADDRESS = re.compile(r"/reports/\d+/$")


def _log_in(journey, username: str, device: dict):
    """Journey.log_in, not waiting for a 退出 button (it may sit in a closed account menu)."""
    page = journey.open(device)
    page.goto("/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))
    return page


def _first_line(page, report):
    line = report.lines.select_related("project").first()
    heading = page.get_by_role("heading", name=f"{line.project.seq}. {line.project.title}", exact=True)
    return page.locator("section.line", has=heading)


def test_a_refused_file_then_the_real_pdf_is_never_taken_for_someone_elses_edit(
    journey, cast, this_quarter, tmp_path
):
    lena = cast["lena"]
    report = start_report(lena.unit, this_quarter)
    not_a_pdf = tmp_path / "盖章报表.pdf"
    not_a_pdf.write_bytes(b"PK\x03\x04 a Word document renamed")
    stamped = tmp_path / "教体局盖章报表.pdf"
    stamped.write_bytes(pdf_bytes())

    page = _log_in(journey, "lena", DESK)
    page.goto(f"/reports/{report.pk}/")
    first = _first_line(page, report)
    measures = first.get_by_label("本季度具体措施及任务进度情况")
    measures.fill("第一稿：完成选址。")
    page.get_by_role("button", name="保存草稿", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("草稿已保存。")
    expect(page).to_have_url(REPORT_ADDRESS)
    journey.shot(page, "saves-a-draft")

    measures.fill("第二稿：完成选址，开工两所。")
    page.get_by_label("选择PDF文件").set_input_files(not_a_pdf)
    page.get_by_role("button", name="上传（同时保存草稿）").click()
    expect(page.get_by_text("上传的文件不是PDF")).to_be_visible()
    expect(page.get_by_text("本次填写的内容尚未保存")).to_be_visible()
    expect(measures).to_have_value("第二稿：完成选址，开工两所。")
    expect(page.get_by_text("已被他人修改")).to_have_count(0)
    expect(page).to_have_url(REPORT_ADDRESS)
    journey.shot(page, "a-file-not-a-pdf-is-refused")
    report.refresh_from_db()
    assert report.revision == 1 and not report.stamped_pdf  # the refusal raised nothing

    page.get_by_label("选择PDF文件").set_input_files(stamped)
    page.get_by_role("button", name="上传（同时保存草稿）").click()
    expect(page.get_by_role("status")).to_contain_text("盖章PDF已上传。")
    expect(page.get_by_role("status")).to_contain_text("草稿已保存。")
    expect(page.get_by_text("已被他人修改")).to_have_count(0)
    expect(page.get_by_role("link", name="教体局盖章报表.pdf")).to_be_visible()
    expect(measures).to_have_value("第二稿：完成选址，开工两所。")
    expect(page).to_have_url(REPORT_ADDRESS)
    journey.shot(page, "the-real-pdf-is-uploaded-with-her-text")

    page.reload()  # the address opens the report again, not a blank page
    expect(measures).to_have_value("第二稿：完成选址，开工两所。")
    report.refresh_from_db()
    assert report.stamped_pdf_name == "教体局盖章报表.pdf"
    assert report.lines.get(pk=report.lines.first().pk).measures == "第二稿：完成选址，开工两所。"


def test_a_validation_error_keeps_the_changed_self_assessment(journey, cast, this_quarter):
    lena = cast["lena"]
    report = start_report(lena.unit, this_quarter)

    page = _log_in(journey, "lena", PHONE)
    page.goto(f"/reports/{report.pk}/")
    first = _first_line(page, report)
    first.get_by_label("本季度具体措施及任务进度情况").fill("受天气影响，两所幼儿园开工推迟。")
    first.get_by_label("完成时限").fill("11月底")
    first.get_by_label("自评").select_option(label="进度滞后")
    figures = first.locator("input[inputmode=decimal]")
    figures.nth(0).fill("两所")  # words, not a number
    figures.nth(1).fill("1")
    journey.shot(page, "changes-the-self-assessment-and-types-a-figure-in-words")
    page.get_by_role("button", name="保存草稿", exact=True).tap()

    expect(page.get_by_role("alert").filter(has_text="应填数字")).to_be_visible()
    expect(first.get_by_label("自评")).to_have_value("behind")
    expect(first.get_by_label("完成时限")).to_have_value("11月底")
    expect(first.get_by_label("本季度具体措施及任务进度情况")).to_have_value(
        "受天气影响，两所幼儿园开工推迟。"
    )
    expect(figures.nth(0)).to_have_value("两所")
    expect(figures.nth(1)).to_have_value("1")
    assert fits_sideways(page), "the refused form scrolls sideways on a phone"
    journey.shot(page, "everything-she-typed-is-still-there")

    figures.nth(0).fill("2")
    page.get_by_role("button", name="保存草稿", exact=True).tap()
    expect(page.get_by_role("status")).to_contain_text("草稿已保存。")
    expect(page).to_have_url(REPORT_ADDRESS)
    expect(first.get_by_label("自评")).to_have_value("behind")
    journey.shot(page, "saved-with-the-self-assessment")
    line = QuarterlyReport.objects.get(pk=report.pk).lines.select_related("project").first()
    assert (line.assessment, line.deadline) == ("behind", "11月底")
