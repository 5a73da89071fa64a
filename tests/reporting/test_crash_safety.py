"""What a crash can leave behind, and how the app makes sure it leaves nothing half-made:
"save and submit" is one transaction, and a sweep removes files no row refers to."""

import datetime
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import IntegrityError
from django.test import override_settings
from django.urls import reverse

from shishi.reporting.models import QuarterlyReport, ReportVersion
from shishi.reporting.orphans import orphan_files, sweep
from shishi.reporting.services import attach_stamped_pdf, return_report, submit_report
from tests.conftest import pdf_bytes
from tests.reporting.test_workflow import _form, _open


def _age(name: str, hours: float) -> None:
    moment = time.time() - hours * 3600
    os.utime(default_storage.path(name), (moment, moment))


def test_a_save_and_submit_the_database_refuses_saves_nothing(client, cast, q1):
    """The server's save and its submission commit together: if the submission fails after the draft
    was written (here a clash on the version number), the draft is not left saved on its own."""
    lena, cora = cast["lena"], cast["cora"]
    client.force_login(lena)
    report = _open(client, q1)
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    report.refresh_from_db()
    submit_report(report, lena, report.revision)
    report = return_report(report, cora, "请补充说明")
    ReportVersion.objects.filter(report=report).update(
        number=2
    )  # the next submission will also want number 2
    before = (report.revision, list(report.lines.values_list("measures", flat=True)))

    with pytest.raises(IntegrityError):
        client.post(
            reverse("reporting:save", args=[report.pk]), {**_form(report, "改过的内容"), "then": "submit"}
        )

    report = QuarterlyReport.objects.get(pk=report.pk)
    assert (report.revision, list(report.lines.values_list("measures", flat=True))) == before
    assert report.state == "returned"


def test_a_save_and_submit_without_a_pdf_still_saves_the_draft(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    response = client.post(
        reverse("reporting:save", args=[report.pk]), {**_form(report, "先存下来"), "then": "submit"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "draft" and report.revision == 1
    assert set(report.lines.values_list("measures", flat=True)) == {"先存下来"}


def test_the_sweep_removes_old_files_no_row_refers_to_and_keeps_the_rest(cast, q1, tmp_path):
    lena = cast["lena"]
    report = QuarterlyReport.objects.create(unit=lena.unit, period=q1)
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    kept = QuarterlyReport.objects.get(pk=report.pk).stamped_pdf.name
    old_orphan = default_storage.save("stamped/2023/left-by-a-killed-server.pdf", ContentFile(pdf_bytes()))
    new_orphan = default_storage.save("stamped/2023/an-upload-about-to-commit.pdf", ContentFile(pdf_bytes()))
    _age(kept, 3)
    _age(old_orphan, 3)
    _age(new_orphan, 0)  # the file's time as the clock reads it, whatever day the suite runs on
    stale_upload = tmp_path / "tmpab12cd.upload.pdf"
    stale_upload.write_bytes(b"%PDF-half")
    os.utime(stale_upload, (time.time() - 7200, time.time() - 7200))
    live_upload = tmp_path / "tmpef34gh.upload.pdf"
    live_upload.write_bytes(b"%PDF-streaming")
    os.utime(live_upload, (time.time(), time.time()))

    with override_settings(FILE_UPLOAD_TEMP_DIR=str(tmp_path)):
        assert old_orphan in orphan_files()
        assert {kept, new_orphan}.isdisjoint(orphan_files())
        assert old_orphan in sweep(dry_run=True) and default_storage.exists(old_orphan)
        removed = sweep()

    assert old_orphan in removed and str(stale_upload) in removed
    assert not default_storage.exists(old_orphan) and not stale_upload.exists()
    assert default_storage.exists(kept) and default_storage.exists(new_orphan) and live_upload.exists()
    assert QuarterlyReport.objects.get(pk=report.pk).stamped_pdf.read()[:5] == b"%PDF-"
    default_storage.delete(new_orphan)


def test_the_sweep_keeps_every_kind_of_referenced_file(cast, plan, q1):
    """Notices, stamped PDFs of drafts and of submitted versions: all named by a row, all kept."""
    lena = cast["lena"]
    report = QuarterlyReport.objects.create(unit=lena.unit, period=q1)
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    report.refresh_from_db()
    version = submit_report(report, lena, report.revision)
    names = [plan.notice_file.file.name, version.stamped_pdf.name]
    for name in names:
        _age(name, 5)
    assert set(names).isdisjoint(orphan_files(datetime.timedelta(0)))


def test_the_sweep_command_reports_what_it_removed(capsys, db, tmp_path):
    orphan = default_storage.save("exports/2023/abandoned.xlsx", ContentFile(b"x"))
    _age(orphan, 2)
    with override_settings(FILE_UPLOAD_TEMP_DIR=str(tmp_path)):
        call_command("sweep_files", "--dry-run")
        assert default_storage.exists(orphan)
        call_command("sweep_files")
    out = capsys.readouterr().out
    assert f"将删除 {orphan}" in out and f"已删除 {orphan}" in out
    assert not default_storage.exists(orphan)
