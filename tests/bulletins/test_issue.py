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
    next_issue,
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


def screening(snapshot: dict):
    """The figure of project 5's 免费筛查 target in a snapshot."""
    return next(
        t["figure"] for p in snapshot["projects"] for t in p["targets"] if t["indicator"] == "免费筛查"
    )


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
    assert "免费筛查：目标18000人，暂无完成数" in before and "卫健局" not in before

    resubmit_and_accept_hana(quarter, cora)
    today = preview_bulletin(plan, period, TODAY)
    now = text_of(today.data)
    assert "免费筛查：目标18000人，完成4500人（25%）" in now  # today's data moved on
    assert "卫健局退回后正在改写的草稿。" in now

    client.force_login(cast["leah"])
    response = client.get(reverse("bulletins:download", args=[bulletin.pk]))
    assert response.status_code == 200 and response.content == stored  # the same bytes as issued
    bulletin.refresh_from_db()
    assert regenerate(bulletin) == stored  # the snapshot makes the very same document again
    assert screening(bulletin.snapshot) is None and screening(today.snapshot) == "4500"


def test_the_stored_file_is_the_rendered_snapshot_with_its_sha256(quarter, cast):
    import hashlib

    bulletin = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    data = open_bulletin(bulletin)
    assert hashlib.sha256(data).hexdigest() == bulletin.sha256
    assert bulletin.snapshot["number"] == 1 and bulletin.snapshot["title"] == bulletin.title
    assert bulletin.snapshot["late_units"] and bulletin.snapshot["table"]


def test_a_quarter_issued_again_is_a_correction_under_the_same_number(quarter, cast):
    first = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    again = issue_bulletin(
        quarter["plan"],
        quarter["period"],
        cast["cora"],
        "关于一季度 进展的 通报",
        today=TODAY,
        reason="县卫生健康局的筛查人数填错，已改正。",
    )
    assert (first.label, again.label) == ("第1期", "第1期（更正）")
    assert (again.number, again.correction, again.reason) == (1, 1, "县卫生健康局的筛查人数填错，已改正。")
    assert again.title == "关于一季度 进展的 通报"
    paragraphs = [p.text for p in Document(io.BytesIO(open_bulletin(again))).paragraphs]
    assert paragraphs[1] == "第1期（更正）"
    assert "关于一季度 进展的 通报（更正）" in paragraphs
    said = next(p for p in paragraphs if p.startswith("本期为第1期的更正稿"))
    assert "更正原因：县卫生健康局的筛查人数填错，已改正。" in said and "以本稿为准" in said
    assert again.filename.endswith("调度通报第1期（更正）.docx")
    third = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY, reason="再次更正")
    assert third.label == "第1期（第2次更正）"
    assert first.file.name != again.file.name  # the first issue stays as it was issued
    assert open_bulletin(first) != open_bulletin(again)


def test_a_correction_without_a_reason_is_refused(quarter, cast):
    issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    with pytest.raises(BulletinError, match="已印发为第1期，再次印发是更正，请写明更正原因"):
        issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY, reason="  ")
    assert Bulletin.objects.count() == 1


def test_numbers_run_on_across_the_quarters_of_the_year(quarter, cast):
    plan = quarter["plan"]
    q2, q3 = plan.periods.get(quarter=2), plan.periods.get(quarter=3)
    later = datetime.date(2023, 10, 20)
    first = issue_bulletin(plan, quarter["period"], cast["cora"], today=later)
    third_quarter = issue_bulletin(plan, q3, cast["cora"], today=later)
    second_quarter = issue_bulletin(plan, q2, cast["cora"], today=later)
    corrected = issue_bulletin(plan, q3, cast["cora"], today=later, reason="数据有误")
    assert [b.label for b in (first, third_quarter, second_quarter, corrected)] == [
        "第1期",
        "第2期",
        "第3期",
        "第2期（更正）",
    ]
    assert next_issue(plan, quarter["period"]).label == "第1期（更正）"
    assert next_issue(plan, plan.periods.get(quarter=4)).label == "第4期"


def test_the_database_refuses_a_second_number_for_a_quarter(quarter, cast):
    """The constraint behind the rule, should anything but the service write a bulletin."""
    from django.db import IntegrityError, transaction

    bulletin = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    twin = Bulletin(
        plan=bulletin.plan,
        period=bulletin.period,
        number=2,
        title=bulletin.title,
        issued_by=bulletin.issued_by,
        issued_at=bulletin.issued_at,
        snapshot=bulletin.snapshot,
        file=bulletin.file.name,
        filename="x.docx",
        sha256=bulletin.sha256,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


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
