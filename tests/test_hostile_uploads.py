"""Every place a file comes in, fed what an attacker or a confused clerk would send.

The three doors: the stamped PDF of a quarterly report, the implementation plan's file (ledger),
and the notice a coordinator imports. Each refuses the wrong kind of file by its content, a file
over the limit and a broken file with a message, changes nothing when it refuses, and never lets
the sender's file name choose where the file is stored or what the page shows.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from shishi.plans.models import Assignment, NoticeFile, Plan
from shishi.reporting.models import ImplementationPlan, QuarterlyReport
from shishi.reporting.services import start_report
from tests.conftest import SAMPLES, pdf_bytes

ODD_NAMES = [
    "../../../../etc/cron.d/盖章.pdf",
    "C:\\Users\\办公室\\Desktop\\盖章.pdf",
    "<script>alert('x')</script>.pdf",
    "报表\u202efdp.exe",  # right-to-left override: shows as 报表exe.pdf
    "盖" * 300 + ".pdf",
    "  .pdf",
    'name"; filename="evil.html',
]


def _word_file() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("县教育体育局关于新改扩建幼儿园的实施方案")
    document.save(buffer)
    return buffer.getvalue()


def _zip_without_office_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return buffer.getvalue()


@pytest.fixture
def report(cast, q1):
    return start_report(cast["lena"].unit, q1)


@pytest.mark.parametrize("name", ODD_NAMES)
def test_an_odd_pdf_name_never_chooses_the_stored_path_and_is_shown_harmlessly(client, cast, report, name):
    client.force_login(cast["lena"])
    response = client.post(
        reverse("reporting:upload_pdf", args=[report.pk]),
        {"stamped_pdf": SimpleUploadedFile(name, pdf_bytes(), "application/pdf")},
        follow=True,
    )
    assert "盖章PDF已上传" in response.content.decode()
    stored = QuarterlyReport.objects.get(pk=report.pk).stamped_pdf.name
    assert (
        stored.startswith("stamped/")
        and ".." not in stored
        and stored.endswith(".pdf")
        and "盖" not in stored
    )
    assert "<script>alert" not in response.content.decode()
    download = client.get(reverse("reporting:stamped_pdf", args=[report.pk]))
    disposition = download.headers["Content-Disposition"]
    assert "\n" not in disposition and "/" not in disposition.split("filename", 1)[1].replace(
        "filename*=utf-8''", ""
    )
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"MZ\x90\x00 a Windows program", "实施方案文件只能是"),
        (b"<html><script>alert(1)</script></html>", "实施方案文件只能是"),
        (_zip_without_office_parts(), "实施方案文件只能是"),
        (b"PK\x03\x04 cut short", "文件已损坏"),
        (b"", "上传的文件是空的"),
    ],
)
def test_the_ledger_keeps_only_pdf_word_wps_or_excel_files(client, cast, plan, data, message):
    assignment = Assignment.objects.filter(unit=cast["lena"].unit).first()
    client.force_login(cast["lena"])
    response = client.post(
        reverse("reporting:ledger", args=[assignment.pk]),
        {
            "text": "明确责任科室",
            "phone": "0533-8210000",
            "file": SimpleUploadedFile("实施方案.pdf", data, "application/pdf"),
        },
    )
    item = ImplementationPlan.objects.get(assignment=assignment)
    assert response.status_code == 400 and message in response.content.decode()
    assert "明确责任科室" in response.content.decode()  # what was typed is shown again
    assert item.text == "" and not item.file  # and nothing was saved


@override_settings(SHISHI_MAX_PDF_BYTES=10_000)
def test_the_ledger_refuses_a_file_over_the_limit(client, cast, plan):
    assignment = Assignment.objects.filter(unit=cast["lena"].unit).first()
    client.force_login(cast["lena"])
    response = client.post(
        reverse("reporting:ledger", args=[assignment.pk]),
        {"text": "x", "file": SimpleUploadedFile("big.pdf", pdf_bytes(pages=80), "application/pdf")},
    )
    assert response.status_code == 400 and "不能超过" in response.content.decode()


def test_a_word_plan_is_kept_under_our_name_for_it_and_a_replaced_file_is_removed(
    client, cast, plan, django_capture_on_commit_callbacks
):
    assignment = Assignment.objects.filter(unit=cast["lena"].unit).first()
    client.force_login(cast["lena"])
    url = reverse("reporting:ledger", args=[assignment.pk])
    client.post(
        url,
        {
            "revision": 0,
            "text": "v1",
            "file": SimpleUploadedFile("../../实施方案.pdf", _word_file(), "application/pdf"),
        },
    )
    first = ImplementationPlan.objects.get(assignment=assignment).file.name
    assert first.startswith("plans/") and first.endswith(
        "/实施方案.docx"
    )  # named by what it is, not by the sender
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # the replaced file goes once the new one is committed
        client.post(
            url,
            {
                "revision": 1,
                "text": "v2",
                "file": SimpleUploadedFile("新方案.pdf", pdf_bytes(), "application/pdf"),
            },
        )
    second = ImplementationPlan.objects.get(assignment=assignment).file.name
    assert (
        second.endswith("/新方案.pdf")
        and default_storage.exists(second)
        and not default_storage.exists(first)
    )
    download = client.get(
        reverse("reporting:ledger_file", args=[ImplementationPlan.objects.get(assignment=assignment).pk])
    )
    assert "attachment" in download.headers["Content-Disposition"]
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"MZ\x90\x00 a Windows program", "通知.docx", "内容不是 Word 文档"),
        (b"%PDF-1.7 cut short", "通知.pdf", "PDF 文件已损坏"),
        ((SAMPLES / "huantai-2023.txt").read_bytes(), "../../../etc/passwd", None),
        ((SAMPLES / "huantai-2023.txt").read_bytes(), "<script>alert(1)</script>.txt", None),
    ],
)
def test_a_notice_upload_is_judged_by_content_and_its_name_stays_a_label(client, cora, data, name, message):
    client.force_login(cora)
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)}, follow=True)
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    if message:
        assert response.status_code == 400 and message in page
        assert not NoticeFile.objects.exists() and not Plan.objects.exists()
    else:
        stored = NoticeFile.objects.get()
        assert (
            response.status_code == 200
            and ".." not in stored.file.name
            and "etc" not in stored.file.name.split("/")[:2]
        )
