"""No lost work: two people on one draft, and uploads that fail."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from shishi.directory.models import Person
from shishi.reporting.models import QuarterlyReport
from shishi.reporting.services import attach_stamped_pdf, start_report
from tests.conftest import pdf_bytes, person


def _form(report, measures):
    data = {"revision": report.revision, "then": "save"}
    for line in report.lines.all():
        data[f"line-{line.project_id}-measures"] = measures
    return data


def test_the_second_save_of_a_stale_form_is_refused_and_shows_both_versions(client, cast, q1):
    lena = cast["lena"]
    colleague = person("lena2", Person.Role.REPORTER, lena.region, lena.unit)
    report = start_report(lena.unit, q1)
    opened_by_lena = _form(report, "Lena 写的进展")
    opened_by_colleague = _form(report, "同事写的进展")

    client.force_login(colleague)
    assert client.post(reverse("reporting:save", args=[report.pk]), opened_by_colleague).status_code == 302
    client.force_login(lena)
    response = client.post(reverse("reporting:save", args=[report.pk]), opened_by_lena)

    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人修改" in page
    assert "同事写的进展" in page and "Lena 写的进展" in page  # both versions, side by side
    assert set(report.lines.values_list("measures", flat=True)) == {"同事写的进展"}  # nothing overwritten


def test_a_save_after_the_conflict_with_the_new_revision_goes_through(client, cast, q1):
    report = start_report(cast["lena"].unit, q1)
    client.force_login(cast["lena"])
    client.post(reverse("reporting:save", args=[report.pk]), _form(report, "第一次"))
    report.refresh_from_db()
    assert (
        client.post(reverse("reporting:save", args=[report.pk]), _form(report, "第二次")).status_code == 302
    )
    assert set(report.lines.values_list("measures", flat=True)) == {"第二次"}


def _upload(client, report, data, name):
    return client.post(
        reverse("reporting:upload_pdf", args=[report.pk]),
        {"stamped_pdf": SimpleUploadedFile(name, data, "application/pdf")},
        follow=True,
    )


def test_a_pdf_name_on_a_word_file_is_refused_and_the_draft_is_unchanged(client, cast, q1):
    report = start_report(cast["lena"].unit, q1)
    client.force_login(cast["lena"])
    _upload(client, report, pdf_bytes(), "good.pdf")
    before = QuarterlyReport.objects.get(pk=report.pk)
    response = _upload(client, report, b"PK\x03\x04 this is a docx renamed to pdf", "报表.pdf")
    assert "不是PDF" in response.content.decode()
    after = QuarterlyReport.objects.get(pk=report.pk)
    assert (after.stamped_pdf.name, after.stamped_pdf_sha256, after.revision) == (
        before.stamped_pdf.name,
        before.stamped_pdf_sha256,
        before.revision,
    )


def test_a_broken_pdf_is_refused(client, cast, q1):
    report = start_report(cast["lena"].unit, q1)
    client.force_login(cast["lena"])
    response = _upload(client, report, pdf_bytes()[:200], "cut.pdf")
    assert "损坏" in response.content.decode()
    assert not QuarterlyReport.objects.get(pk=report.pk).stamped_pdf


@override_settings(SHISHI_MAX_PDF_BYTES=10_000)
def test_a_pdf_over_the_limit_is_refused(client, cast, q1):
    report = start_report(cast["lena"].unit, q1)
    client.force_login(cast["lena"])
    big = pdf_bytes(pages=80)
    assert len(big) > 10_000
    response = _upload(client, report, big, "big.pdf")
    assert "不能超过" in response.content.decode()
    assert not QuarterlyReport.objects.get(pk=report.pk).stamped_pdf


def test_replacing_an_unsubmitted_pdf_leaves_no_orphan_file(
    client, cast, q1, settings, django_capture_on_commit_callbacks
):
    report = start_report(cast["lena"].unit, q1)
    client.force_login(cast["lena"])
    _upload(client, report, pdf_bytes(), "first.pdf")
    first = QuarterlyReport.objects.get(pk=report.pk).stamped_pdf.name
    with django_capture_on_commit_callbacks(execute=True):  # the old file goes once the new one is committed
        _upload(client, report, pdf_bytes(2), "second.pdf")
    second = QuarterlyReport.objects.get(pk=report.pk).stamped_pdf
    assert second.name != first and second.storage.exists(second.name)
    assert not second.storage.exists(first)


def test_a_mangled_revision_is_treated_as_a_stale_form_not_a_server_error(client, cast, q1):
    report = start_report(cast["lena"].unit, q1)
    client.force_login(cast["lena"])
    response = client.post(
        reverse("reporting:save", args=[report.pk]), {**_form(report, "文字"), "revision": "abc"}
    )
    assert response.status_code == 409
    assert set(report.lines.values_list("measures", flat=True)) == {""}


def test_a_replaced_pdf_stays_until_the_replacement_is_committed(cast, q1):
    """Inside a transaction that then rolls back, the draft still names the first file: it is kept."""
    lena = cast["lena"]
    report = start_report(lena.unit, q1)
    attach_stamped_pdf(report, lena, pdf_bytes(), "first.pdf")
    first = QuarterlyReport.objects.get(pk=report.pk).stamped_pdf
    try:
        with transaction.atomic():
            attach_stamped_pdf(report, lena, pdf_bytes(2), "second.pdf")
            raise RuntimeError("the caller's next step fails")
    except RuntimeError:
        pass
    assert QuarterlyReport.objects.get(pk=report.pk).stamped_pdf.name == first.name
    assert first.storage.exists(first.name)


def test_a_file_missing_from_storage_answers_not_found_not_a_server_error(client, cast, q1):
    lena = cast["lena"]
    report = start_report(lena.unit, q1)
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    stored = QuarterlyReport.objects.get(pk=report.pk).stamped_pdf
    stored.storage.delete(stored.name)
    client.force_login(lena)
    response = client.get(reverse("reporting:stamped_pdf", args=[report.pk]))
    assert response.status_code == 404
