"""A unit submits: the county's coordinators are told, once per version, and no one else is."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shishi.directory.models import InAppNotice, Person
from shishi.reporting.services import ReportError, return_report, start_report, submit_report
from tests.conftest import pdf_bytes, person, report_form, submit_filled

APRIL = datetime.datetime(2023, 4, 8, 9, tzinfo=datetime.UTC)  # Q1 of 2023 is due 10 April


@pytest.fixture(autouse=True)
def _in_april():
    with time_machine.travel(APRIL, tick=False):
        yield


@pytest.fixture
def submitted(cast, q1, django_capture_on_commit_callbacks):
    """Pavel (县财政局) submits his first-quarter report."""
    with django_capture_on_commit_callbacks(execute=True):
        return submit_filled(start_report(cast["pavel"].unit, q1), cast["pavel"], "已拨付资金。")


def test_the_coordinator_is_told_that_a_unit_submitted(cast, submitted, mailoutbox):
    message = cast["cora"].notices.get()
    assert message.text == "县财政局已报送2023年第1季度报表"
    assert message.url == reverse("reporting:version", args=[submitted.pk, 1])
    assert message.read_at is None
    assert [m.to for m in mailoutbox] == [["cora@example.invalid"]]


def test_the_link_opens_the_report_to_review(client, cast, submitted):
    client.force_login(cast["cora"])
    page = client.get(cast["cora"].notices.get().url).content.decode()
    assert "县财政局 · 2023年第1季度 · 第1版" in page and "退回修改" in page


def test_no_one_outside_the_county_and_no_clerk_is_told(cast, submitted):
    for name in ("otto", "cici", "leah", "sam", "lena", "pavel", "olga"):
        assert not cast[name].notices.exists(), name


def test_every_coordinator_of_the_county_is_told_and_only_those_with_an_address_get_mail(
    cast, q1, world, mailoutbox, django_capture_on_commit_callbacks
):
    nora = person("nora", Person.Role.COORDINATOR, world["huantai"])
    nora.email = ""
    nora.save()
    gone = person("gus", Person.Role.COORDINATOR, world["huantai"], is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit_filled(start_report(cast["pavel"].unit, q1), cast["pavel"], "已拨付资金。")
    assert set(InAppNotice.objects.values_list("person__username", flat=True)) == {"cora", "nora"}
    assert not gone.notices.exists()
    assert [m.to for m in mailoutbox] == [["cora@example.invalid"]]


def test_a_retried_submission_tells_no_one_twice(
    cast, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ReportError):
        submit_report(submitted, cast["pavel"], submitted.revision)
    assert cast["cora"].notices.count() == 1 and len(mailoutbox) == 1


def test_a_double_click_on_submit_tells_the_coordinator_once(client, cast, q1, mailoutbox):
    client.force_login(cast["lena"])
    report = start_report(cast["lena"].unit, q1)
    client.post(
        reverse("reporting:upload_pdf", args=[report.pk]),
        {"stamped_pdf": SimpleUploadedFile("盖章.pdf", pdf_bytes(), "application/pdf")},
    )
    report.refresh_from_db()
    form = {**report_form(report), "then": "submit"}
    first = client.post(reverse("reporting:save", args=[report.pk]), form)
    second = client.post(reverse("reporting:save", args=[report.pk]), form)  # the same form, sent again
    assert first.status_code == 302 and second.status_code == 400  # "已报送，不能再修改"
    report.refresh_from_db()
    assert report.state == "submitted" and report.versions.count() == 1
    assert list(cast["cora"].notices.values_list("text", flat=True)) == [
        "县教育体育局已报送2023年第1季度报表"
    ]


def test_a_resubmission_after_a_return_tells_the_coordinator_again(
    cast, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    return_report(submitted, cast["cora"], "请补充资金拨付文号。")
    submitted.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        submit_filled(submitted, cast["pavel"], "已拨付资金，文号桓财〔2023〕5号。")
    texts = list(cast["cora"].notices.order_by("pk").values_list("text", "url"))
    assert texts == [
        ("县财政局已报送2023年第1季度报表", reverse("reporting:version", args=[submitted.pk, 1])),
        (
            "县财政局已重新报送2023年第1季度报表（第2版）",
            reverse("reporting:version", args=[submitted.pk, 2]),
        ),
    ]
    assert len(mailoutbox) == 2
