"""Issuing freezes a bulletin: what was issued stays issued, whatever the reports say later."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from shishi.bulletins.models import Bulletin, BulletinFrozen
from shishi.bulletins.services import (
    BulletinError,
    issue_bulletin,
    open_bulletin,
    preview_bulletin,
    regenerate,
)
from shishi.history.models import Event
from shishi.reporting.services import accept_report, attach_stamped_pdf, submit_report
from tests.bulletins.conftest import TODAY
from tests.conftest import pdf_bytes


def text_of(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def resubmit_and_accept_hana(quarter, cora):
    """县卫生健康局 sends its rewritten report (免费筛查 4500人) and Cora accepts it."""
    hana, report = quarter["hana_person"], quarter["hana"]
    report.refresh_from_db()
    attach_stamped_pdf(report, hana, pdf_bytes(), "重新盖章.pdf")
    report.refresh_from_db()
    submit_report(report, hana, report.revision)
    accept_report(report, cora)


def test_an_issued_bulletin_is_kept_as_issued_after_the_reports_change(client, cast, quarter):
    plan, period, cora = quarter["plan"], quarter["period"], cast["cora"]
    bulletin = issue_bulletin(plan, period, cora, today=TODAY)
    stored = bulletin.file.open("rb").read()
    bulletin.file.close()
    before = text_of(stored)
    assert "免费筛查目标18000人，暂无完成数" in before and "卫健局" not in before

    resubmit_and_accept_hana(quarter, cora)
    today = preview_bulletin(plan, period, TODAY)
    now = text_of(today.data)
    assert "免费筛查目标18000人，累计完成4500人，为目标的25%" in now  # today's data moved on
    assert "卫健局退回后正在改写的草稿。" in now

    client.force_login(cast["leah"])
    response = client.get(reverse("bulletins:download", args=[bulletin.pk]))
    assert response.status_code == 200 and response.content == stored  # the same bytes as issued
    bulletin.refresh_from_db()
    assert regenerate(bulletin) == stored  # the snapshot makes the very same document again
    assert bulletin.snapshot["headline"] != today.snapshot["headline"]


def test_the_stored_file_is_the_rendered_snapshot_with_its_sha256(quarter, cast):
    import hashlib

    bulletin = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    data = open_bulletin(bulletin)
    assert hashlib.sha256(data).hexdigest() == bulletin.sha256
    assert bulletin.snapshot["number"] == 1 and bulletin.snapshot["title"] == bulletin.title
    assert bulletin.snapshot["late_units"] and bulletin.snapshot["table"]


def test_it_numbers_the_bulletins_of_a_plan_in_order(quarter, cast):
    first = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    second = issue_bulletin(
        quarter["plan"], quarter["period"], cast["cora"], "关于一季度 进展的 通报", today=TODAY
    )
    assert (first.label, second.label) == ("第1期", "第2期")
    assert second.title == "关于一季度 进展的 通报"
    paragraphs = [p.text for p in Document(io.BytesIO(open_bulletin(second))).paragraphs]
    assert paragraphs[:2] == ["关于一季度 进展的 通报", "第2期"]


def test_issuing_is_recorded_in_the_plans_history(quarter, cast):
    bulletin = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    event = Event.objects.get(verb="issued")
    assert (event.plan_id, event.actor, event.region) == (
        quarter["plan"].pk,
        cast["cora"],
        quarter["plan"].region,
    )
    assert "第1期" in event.summary and bulletin.title in event.summary


def test_an_issued_bulletin_cannot_be_changed(quarter, cast):
    bulletin = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    bulletin.title = "改过的标题"
    with pytest.raises(BulletinFrozen):
        bulletin.save()
    assert Bulletin.objects.get(pk=bulletin.pk).title != "改过的标题"


def test_it_refuses_a_file_that_no_longer_matches_its_sha256(client, quarter, cast):
    bulletin = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    with open(bulletin.file.path, "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(BulletinError, match="校验值不一致"):
        open_bulletin(bulletin)
    client.force_login(cast["leah"])
    response = client.get(reverse("bulletins:download", args=[bulletin.pk]), follow=True)
    assert "校验值不一致" in response.content.decode()


def test_it_refuses_a_quarter_that_has_not_started(plan, cast):
    with pytest.raises(BulletinError, match="尚未开始"):
        issue_bulletin(plan, plan.periods.get(quarter=2), cast["cora"], today=datetime.date(2023, 3, 1))
    assert not Bulletin.objects.exists()


def test_it_refuses_a_title_longer_than_the_field(plan, q1, cast):
    with pytest.raises(BulletinError, match="200"):
        issue_bulletin(plan, q1, cast["cora"], "长" * 201, today=TODAY)
    assert not Bulletin.objects.exists()


def test_a_number_taken_at_the_same_moment_is_refused_and_leaves_no_file(
    plan, q1, cast, monkeypatch, settings
):
    """The unique (plan, number) constraint is the last guard when two coordinators issue at once."""
    from django.db import IntegrityError

    def clash(**fields):
        raise IntegrityError("bulletin_number_unique_in_plan")

    folder = settings.MEDIA_ROOT / "bulletins"
    before = sorted(folder.rglob("*.docx")) if folder.exists() else []
    monkeypatch.setattr(Bulletin.objects, "create", clash)
    with pytest.raises(BulletinError, match="期号已被占用"):
        issue_bulletin(plan, q1, cast["cora"], today=TODAY)
    assert (sorted(folder.rglob("*.docx")) if folder.exists() else []) == before
    assert not Event.objects.filter(verb="issued").exists()
