"""Nothing a user uploads can stall the server (issue 10): every door refuses, with a message for
a person, a file that claims more work than any real file needs, before doing that work, and
stores nothing; and stored PDFs that would act when opened are refused, every stored PDF being
served as a download.

The hostile files are built in tests/hostile.py, each a few KB to a few hundred on disk.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shishi.documents.models import FormImport
from shishi.documents.reading import FormError, read_form
from shishi.notice import NoticeError, bounds, load_notice
from shishi.plans.models import Assignment, NoticeFile, Plan
from shishi.reporting.bulk import BulkUpdateError, update_figures
from shishi.reporting.models import ImplementationPlan, QuarterlyReport
from shishi.reporting.services import ReportError, attach_stamped_pdf, check_pdf, start_report, submit_report
from tests import hostile
from tests.conftest import SAMPLES, pdf_bytes

MiB = 1024 * 1024

# --- the filled-in form (.xlsx / .docx) ------------------------------------------------------------

FORMS_REFUSED = {
    "a 5 KB xlsx merging C10:AN20009": (
        lambda: hostile.xlsx_merged("C10:AN20009"),
        "表格超过2000行，请检查是否为本系统的报表。",
    ),
    "an xlsx merging A1:XFD1048576": (lambda: hostile.xlsx_merged("A1:XFD1048576"), "表格超过2000行"),
    "an xlsx of 5,001 merged ranges": (
        lambda: hostile.xlsx_merged(*(f"A{n}:B{n}" for n in range(3, 5004))),
        "合并单元格超过5000处",
    ),
    "an xlsx with a value in row 2,003": (lambda: hostile.xlsx_rows(2001), "表格超过2000行"),
    "an xlsx row of 100,001 cells": (lambda: hostile.xlsx_wide_row(100_001), "表格超过10万个单元格"),
    "a docx table of 600,000 rows": (lambda: hostile.docx_rows(600_000), "内容过多"),
    "a docx table of 2,100 rows": (lambda: hostile.docx_rows(2_100), "表格超过2000行"),
    "a docx with a part unpacking to 40 MB": (
        lambda: hostile.repack(hostile.docx(), {}, hostile.bomb(40 * MiB)),
        "解压后超过32MB",
    ),
    "a docx unpacking to 3 × 30 MB": (
        lambda: hostile.repack(
            hostile.docx(),
            {},
            {
                **hostile.bomb(30 * MiB, "word/media/a.png"),
                **hostile.bomb(30 * MiB, "word/media/b.png"),
                **hostile.bomb(30 * MiB, "word/media/c.png"),
            },
        ),
        "文件解压后超过64MB",
    ),
    "an xlsx of 1,001 parts": (
        lambda: hostile.repack(hostile.xlsx(), {}, hostile.many_parts(1_001)),
        "部件超过1000个",
    ),
}


@pytest.mark.parametrize("make, message", FORMS_REFUSED.values(), ids=FORMS_REFUSED.keys())
def test_it_refuses_a_form_past_a_bound_with_a_message(make, message):
    with pytest.raises(FormError) as refused:
        read_form(make())
    assert message in str(refused.value)


FORMS_READ = {
    "an xlsx claiming a used range of A1:XFD1048576": (lambda: hostile.xlsx_dimension("A1:XFD1048576"), 1),
    "an xlsx merging a note across a whole row (A4:XFD4)": (
        lambda: hostile.xlsx_merged("A4:XFD4", data=hostile.xlsx(hostile.ROW, [], ["填表说明"])),
        1,
    ),
    "a docx table of 1,990 rows continuing one vertical merge": (
        lambda: hostile.docx_rows(1_990, vertical_merge=True),
        1992,
    ),
}


@pytest.mark.parametrize("make, rows", FORMS_READ.values(), ids=FORMS_READ.keys())
def test_it_reads_a_form_within_the_bounds(make, rows):
    assert len(read_form(make())) == rows


def test_it_reads_a_continued_vertical_merge_as_the_cell_it_continues():
    rows = read_form(hostile.docx_rows(3, vertical_merge=True))
    assert [row.seq for row in rows] == [1, 2, 2, 2, 2]


@pytest.fixture
def report(cast, q1):
    return start_report(cast["lena"].unit, q1)


def test_the_form_upload_refuses_a_merged_range_to_row_20009_and_keeps_nothing(
    client, cast, plan, q1, report
):
    revision = report.revision
    client.force_login(cast["lena"])
    response = client.post(
        reverse("documents:upload", args=[plan.pk, q1.quarter]),
        {"form": SimpleUploadedFile("报表.xlsx", hostile.xlsx_merged("C10:AN20009"))},
        follow=True,
    )
    assert "表格超过2000行，请检查是否为本系统的报表。" in response.content.decode()
    assert not FormImport.objects.exists()
    assert QuarterlyReport.objects.get(pk=report.pk).revision == revision


# --- the notice (.docx / .pdf / .html / .txt) ----------------------------------------------------------

NOTICES_REFUSED = {
    "3 MB of text (over a million characters)": (
        lambda: ("通知" * 500_001).encode(),
        "notice.txt",
        "超过100万字",
    ),
    "5 MB of text": (lambda: b"a" * (5 * MiB), "notice.txt", "一份通知的文字不会超过4MB"),
    "a web page of 200,001 elements": (
        lambda: b"<html><body>" + b"<b>" * 200_000,
        "notice.html",
        "元素超过20万个",
    ),
    "a 5 MB web page": (lambda: b"<html><body><p>" + b"a" * (5 * MiB), "notice.html", "不会超过4MB"),
    "a docx table of 2,100 rows": (lambda: hostile.docx_rows(2_100), "notice.docx", "表格超过2000行"),
    "a docx table of 600,000 rows": (lambda: hostile.docx_rows(600_000), "notice.docx", "内容过多"),
    "a docx with a part unpacking to 40 MB": (
        lambda: hostile.repack(hostile.docx(), {}, hostile.bomb(40 * MiB)),
        "notice.docx",
        "解压后超过32MB",
    ),
    "a PDF page whose 30 KB inflate to 10 MB": (
        lambda: hostile.pdf_content_bomb(10 * MiB),
        "notice.pdf",
        "一页的内容解压后超过4MB",
    ),
    "200 PDF pages of 2 MB content each": (
        lambda: hostile.pdf_content_bomb(2 * MiB, pages=200),
        "notice.pdf",
        "全部页面的内容解压后超过32MB",
    ),
    "a PDF of 201 pages": (lambda: hostile.pdf(pages=201), "notice.pdf", "超过了 200 页的上限"),
    "a notice naming 401 units": (
        lambda: hostile.notice_text(401).encode(),
        "notice.txt",
        "401个责任单位，超过400个",
    ),
}


@pytest.mark.parametrize("make, name, message", NOTICES_REFUSED.values(), ids=NOTICES_REFUSED.keys())
def test_it_refuses_a_notice_past_a_bound_with_a_message(make, name, message):
    with pytest.raises(NoticeError) as refused:
        load_notice(make(), name)
    assert message in str(refused.value)


def test_the_unit_variant_check_skips_a_list_no_notice_has():
    """It compares every pair of names: 1,400 names took 7 s before load_notice refused them."""
    from shishi.notice import parse_notice

    notice = parse_notice(hostile.notice_text(bounds.MAX_UNIT_NAMES + 1))
    assert not [w for w in notice.warnings if w.code == "unit-variant"]


def test_the_real_notices_are_far_within_the_bounds():
    for path in SAMPLES.glob("*.txt"):
        notice = load_notice(path)
        assert (
            len({unit for project in notice.projects for unit in project.units}) < bounds.MAX_UNIT_NAMES / 4
        )
        assert len(path.read_text(encoding="utf-8")) < bounds.MAX_TEXT_CHARS / 50


def test_the_notice_upload_refuses_30_mb_of_text_and_stores_nothing(client, cora):
    client.force_login(cora)
    data = "关于为妇女儿童办实事的通知。\n".encode() * (29 * MiB // 43)
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile("通知.txt", data)})
    assert response.status_code == 400 and "一份通知的文字不会超过4MB" in response.content.decode()
    assert len(response.content) < 100_000  # the page says why; it does not show the text
    assert not NoticeFile.objects.exists() and not Plan.objects.exists()


# --- the implementation plan's file (ledger) ---------------------------------------------------------


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: hostile.repack(hostile.docx(), {}, hostile.many_parts(1_001)), "部件超过1000个"),
        (lambda: hostile.repack(hostile.docx(), {}, hostile.bomb(40 * MiB)), "解压后超过32MB"),
    ],
    ids=["1,001 parts", "a part unpacking to 40 MB"],
)
def test_the_ledger_refuses_a_zip_past_a_bound_and_keeps_nothing(client, cast, plan, make, message):
    assignment = Assignment.objects.filter(unit=cast["lena"].unit).first()
    client.force_login(cast["lena"])
    response = client.post(
        reverse("reporting:ledger", args=[assignment.pk]),
        {"text": "明确责任科室", "file": SimpleUploadedFile("实施方案.docx", make())},
    )
    assert response.status_code == 400 and message in response.content.decode()
    item = ImplementationPlan.objects.get(assignment=assignment)
    assert item.text == "" and not item.file


# --- the bulk CSV update -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        ("单位,季度,实事序号,指标,指标编号,累计完成值\n".encode() + b"," * 200_000, "表格超过10万个单元格"),
        (
            "单位,季度,实事序号,指标,指标编号,累计完成值\n".encode()
            + "县教育体育局,1,,,1,3\n".encode() * 6_000,
            "一次最多更新5000行",
        ),
        (b"\n" * (2 * MiB - 100), "一次最多更新5000行"),
    ],
    ids=["one row of 200,000 cells", "6,000 rows", "2 MB of empty lines"],
)
def test_the_bulk_update_refuses_a_csv_past_a_bound_and_writes_nothing(cast, plan, data, message):
    with pytest.raises(BulkUpdateError) as refused:
        update_figures(plan, cast["cora"], data)
    assert message in str(refused.value)
    assert not QuarterlyReport.objects.exists()


# --- stamped PDFs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("make, words", hostile.ACTIVE_PDFS.values(), ids=hostile.ACTIVE_PDFS.keys())
def test_it_refuses_a_stamped_pdf_that_would_act_when_opened(cast, report, make, words):
    with pytest.raises(ReportError) as refused:
        attach_stamped_pdf(report, cast["lena"], make(), "盖章.pdf")
    assert words in str(refused.value) and "不能上传" in str(refused.value)
    assert not QuarterlyReport.objects.get(pk=report.pk).stamped_pdf


@pytest.mark.parametrize("make", hostile.PLAIN_PDFS.values(), ids=hostile.PLAIN_PDFS.keys())
def test_it_keeps_a_stamped_pdf_with_links_only(cast, report, make):
    data = make()
    attached = attach_stamped_pdf(report, cast["lena"], data, "盖章.pdf")
    assert attached.stamped_pdf.read() == data  # kept as uploaded


@pytest.mark.parametrize(
    "data, message",
    [
        (hostile.pdf(pages=201), "超过了200页的上限"),
        (pdf_bytes()[:-40] + b"trailer\n<< /Encrypt 99 0 R >>\n%%EOF\n", ""),
    ],
    ids=["201 pages", "a trailer pypdf cannot follow"],
)
def test_it_refuses_a_stamped_pdf_it_cannot_check(data, message, settings):
    try:
        check_pdf(data)
    except ReportError as refused:
        assert message in str(refused)
    else:
        assert not message  # PDFium and pypdf both read past the damage: nothing hidden in it


def test_the_rest_api_refuses_a_stamped_pdf_running_javascript(cast, q1, api_as):
    lena = api_as("lena")
    report = lena.post(f"/api/periods/{q1.pk}/report").json()
    make, _words = hostile.ACTIVE_PDFS["an /OpenAction running JavaScript"]
    response = lena.upload(
        f"/api/reports/{report['id']}/stamped-pdf",
        {"file": SimpleUploadedFile("盖章.pdf", make(), "application/pdf")},
    )
    assert response.status_code == 400 and "脚本（JavaScript）" in response.json()["detail"]
    assert not QuarterlyReport.objects.get(pk=report["id"]).stamped_pdf


def test_the_web_form_refuses_a_stamped_pdf_running_javascript(client, cast, report):
    make, _words = hostile.ACTIVE_PDFS["an action packed in an object stream, its name escaped"]
    client.force_login(cast["lena"])
    response = client.post(
        reverse("reporting:upload_pdf", args=[report.pk]),
        {"stamped_pdf": SimpleUploadedFile("盖章.pdf", make(), "application/pdf")},
        follow=True,
    )
    assert "脚本（JavaScript）" in response.content.decode()
    assert not QuarterlyReport.objects.get(pk=report.pk).stamped_pdf


def test_every_stored_pdf_is_served_as_a_download_never_inline(client, cast, report):
    attach_stamped_pdf(report, cast["lena"], pdf_bytes(), "盖章.pdf")
    submit_report(report, cast["lena"], QuarterlyReport.objects.get(pk=report.pk).revision)
    client.force_login(cast["lena"])
    for url in (
        reverse("reporting:stamped_pdf", args=[report.pk]),
        reverse("reporting:version_pdf", args=[report.pk, 1]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment;"), url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
