"""A file whose name an old browser sent in GBK (old IE, WPS, some OA systems) still arrives.

Django reads a multipart part's headers as UTF-8 only and drops a part whose header it cannot
decode: the page said no file was chosen. shishi/uploads.py reads such a header as GB18030.
"""

from __future__ import annotations

import doctest

import pytest
from django.urls import reverse

from shishi import uploads
from shishi.plans.models import Assignment, NoticeFile
from shishi.reporting.models import ImplementationPlan, QuarterlyReport
from shishi.reporting.services import start_report
from shishi.uploads import _repaired
from tests.conftest import SAMPLES, pdf_bytes

BOUNDARY = "----WebKitFormBoundaryShishi7MA4YWxk"


def multipart(fields: dict[str, str], field: str, filename: bytes, data: bytes) -> bytes:
    """A form as an old browser posts it: the file's name as raw bytes in the header."""
    body = b""
    for name, value in fields.items():
        body += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="'.encode()
        + filename
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + data
        + b"\r\n"
    )
    return body + f"--{BOUNDARY}--\r\n".encode()


def post(client, url: str, body: bytes, **extra):
    return client.generic(
        "POST", url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}", **extra
    )


NAMES = [
    pytest.param("盖章报表.pdf".encode("gbk"), "盖章报表.pdf", id="gbk"),
    pytest.param("二〇二三年盖章报表.pdf".encode("gb18030"), "二〇二三年盖章报表.pdf", id="gb18030"),
    pytest.param("盖章报表.pdf".encode(), "盖章报表.pdf", id="utf-8"),
    pytest.param(
        b"\x80\xff\xfe.pdf", None, id="neither"
    ),  # not even GB18030: the name is replaced, the file kept
]


@pytest.mark.parametrize("filename, shown", NAMES)
def test_a_stamped_pdf_arrives_whatever_encoding_its_name_came_in(client, cast, q1, filename, shown):
    report = start_report(cast["lena"].unit, q1)
    client.force_login(cast["lena"])
    data = pdf_bytes()
    response = post(
        client,
        reverse("reporting:upload_pdf", args=[report.pk]),
        multipart({}, "stamped_pdf", filename, data),
    )
    assert response.status_code == 302
    report = QuarterlyReport.objects.get(pk=report.pk)
    assert report.stamped_pdf and report.stamped_pdf.read() == data
    assert report.stamped_pdf_name == shown if shown else report.stamped_pdf_name.endswith(".pdf")


def test_the_fields_beside_the_file_arrive_too(client, cast, plan):
    """The implementation plan's form: its text fields and a file named in GBK, in one post."""
    assignment = Assignment.objects.filter(unit=cast["lena"].unit).order_by("pk").first()
    client.force_login(cast["lena"])
    url = reverse("reporting:ledger", args=[assignment.pk])
    client.get(url)
    body = multipart(
        {"revision": "0", "text": "明确责任科室"}, "file", "实施方案.pdf".encode("gbk"), pdf_bytes()
    )
    assert post(client, url, body).status_code == 302
    item = ImplementationPlan.objects.get(assignment=assignment)
    assert item.text == "明确责任科室" and item.file.name.endswith("/实施方案.pdf")


def test_a_notice_named_in_gbk_is_imported(client, cora):
    client.force_login(cora)
    body = multipart(
        {}, "file", "桓台县2023年实事通知.txt".encode("gbk"), (SAMPLES / "huantai-2023.txt").read_bytes()
    )
    response = post(client, reverse("plans:import"), body)
    assert response.status_code == 302
    assert NoticeFile.objects.get().filename == "桓台县2023年实事通知.txt"


def test_the_rest_api_takes_a_stamped_pdf_named_in_gbk(client, cast, q1):
    from shishi.api.tokens import create_token

    report = start_report(cast["lena"].unit, q1)
    _, raw = create_token(cast["lena"], "OA对接")
    body = multipart({}, "file", "盖章.pdf".encode("gbk"), pdf_bytes())
    response = post(client, f"/api/reports/{report.pk}/stamped-pdf", body, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200, response.content
    assert QuarterlyReport.objects.get(pk=report.pk).stamped_pdf_name == "盖章.pdf"


# -- the stream itself -------------------------------------------------------------------------


def test_the_doctests_hold():
    assert doctest.testmod(uploads).failed == 0


# not UTF-8, and has blank lines
CONTENT = b"%PDF-1.7\r\n\xd5\xc2\x80\xff\r\n\r\n--not-the-boundary\r\n\r\n binary \xb8\xc7"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 13, 64, 4096])
def test_only_header_lines_change_wherever_the_chunks_break(size):
    body = multipart({"text": "说明"}, "file", "盖章.pdf".encode("gbk"), CONTENT)
    chunks = iter([body[i : i + size] for i in range(0, len(body), size)])
    assert b"".join(_repaired(chunks, f"--{BOUNDARY}".encode())) == multipart(
        {"text": "说明"}, "file", "盖章.pdf".encode(), CONTENT
    )


def test_a_header_block_without_an_end_is_passed_on_as_it_came():
    body = f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=".encode() + "说".encode("gbk")
    assert b"".join(_repaired(iter([body]), f"--{BOUNDARY}".encode())) == body
