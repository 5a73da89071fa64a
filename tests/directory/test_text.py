"""Text in: whatever a clerk pastes, what is stored is text every document can hold. Word and
WPS paste a manual line break as "\\x0b"; other programs bring "\\x01", "\\x1f"…"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from shishi.directory.models import InAppNotice, Unit
from shishi.reporting.models import ReportLine, ReportVersion
from shishi.reporting.services import attach_stamped_pdf, return_report, start_report, submit_report
from shishi.supervision.models import SupervisionNotice
from shishi.supervision.services import answer, issue
from tests.conftest import pdf_bytes

PASTED = "第一行\x0b第二行\r\n第三行\x01\x1f\x7f完\u2028成"
CLEANED = "第一行\n第二行\n第三行完\n成"
EVERY_CONTROL = "".join(chr(code) for code in range(32)) + "\x7f\u2028\ufffe"


def test_the_report_form_stores_pasted_text_as_lines(client, cast, q1):
    lena = cast["lena"]
    client.force_login(lena)
    report = start_report(lena.unit, q1)
    data = {"revision": report.revision, "then": "save"}
    for line in report.lines.all():
        data[f"line-{line.project_id}-measures"] = PASTED
        data[f"line-{line.project_id}-deadline"] = "年底\x0b前"
    assert client.post(reverse("reporting:save", args=[report.pk]), data).status_code == 302
    assert set(ReportLine.objects.filter(report=report).values_list("measures", "deadline")) == {
        (CLEANED, "年底\n前")
    }


def test_the_return_reason_and_the_supervision_texts_are_cleaned(cast, q1):
    lena, cora, sam = cast["lena"], cast["cora"], cast["sam"]
    report = start_report(lena.unit, q1)
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    report.refresh_from_db()
    submit_report(report, lena, report.revision)
    return_report(report, cora, PASTED)
    assert ReportVersion.objects.get(report=report).review_note == CLEANED

    project = q1.plan.projects.get(seq=1)
    notice = issue(
        project, lena.unit, q1, sam, PASTED, datetime.date(2023, 5, 1), today=datetime.date(2023, 4, 20)
    )
    assert notice.reason == CLEANED
    assert all(
        "\x0b" not in text and "\x01" not in text
        for text in InAppNotice.objects.values_list("text", flat=True)
    )
    answer(notice, lena, PASTED)
    assert SupervisionNotice.objects.get(pk=notice.pk).reply == CLEANED


@pytest.mark.django_db
def test_any_model_saved_by_any_path_keeps_no_control_character(world):
    """The net under the doors: a unit made in the admin or a shell is cleaned the same way."""
    unit = Unit.objects.create(region=world["huantai"], name="县\x0b妇联" + EVERY_CONTROL)
    unit.refresh_from_db()
    assert unit.name == "县\n妇联" + "\t\n" + "\n" * 3 + "\n"
