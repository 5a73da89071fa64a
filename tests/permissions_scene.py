"""The scene of tests/test_permissions.py, which tests/test_odd_values.py meets too: a pytest
plugin, registered in tests/conftest.py (pytest_plugins), so that both use the fixture without
importing it (a module's own `scene` fixture, as several have, takes precedence).

Pavel (县财政局, a partner on project 5) has a submitted Q1 report and a Q2 draft, both with a
stamped PDF, an implementation plan with a file for project 5, a filled Q2 form uploaded and
waiting for his confirmation, an API token and a finished export. Cora has a second notice of
桓台县 waiting in preview, issued bulletin 第1期 for Q1, published the plan and approved a public
text for project 1. Sam (督查室) sent 县财政局 a 督办 notice that Pavel answered. Connie (the
congress's staff) and Dave (a deputy) of tests/conftest.py's cast meet the scene as it is.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from shishi.api.tokens import create_token
from shishi.bulletins.services import issue_bulletin
from shishi.directory.access import DRAFT
from shishi.documents.services import read_upload, unit_form
from shishi.exports.jobs import run_job
from shishi.exports.models import ExportJob
from shishi.plans.models import Assignment
from shishi.plans.services import read_notice_upload
from shishi.public.services import approve_statement, publish_plan
from shishi.reporting.models import ImplementationPlan, QuarterlyReport
from shishi.reporting.services import LineEntry, attach_stamped_pdf, save_draft, start_report, submit_report
from shishi.supervision.services import answer, issue
from tests.conftest import SAMPLES, pdf_bytes
from tests.documents.filling import MEASURES, WordForm


@pytest.fixture
def scene(cast, plan, q1, world):
    pavel, finance = cast["pavel"], cast["pavel"].unit
    assignment = Assignment.objects.select_related("project").get(unit=finance, project__plan=plan)
    submitted = start_report(finance, q1)
    submitted = save_draft(
        submitted,
        pavel,
        submitted.revision,
        {
            assignment.project_id: LineEntry(
                measures="一季度已拨付筛查资金", deadline="", assessment="on_schedule", values={}
            )
        },
    )
    attach_stamped_pdf(submitted, pavel, pdf_bytes(), "一季度盖章.pdf")
    submit_report(submitted, pavel, submitted.revision)
    draft = start_report(finance, plan.periods.get(quarter=2))
    attach_stamped_pdf(draft, pavel, pdf_bytes(2), "二季度盖章.pdf")
    ledger = ImplementationPlan.objects.create(
        assignment=assignment,
        text="财政局实施方案",
        phone="0533-0000000",
        file=ContentFile(b"plan", name="finance-plan.txt"),
    )
    pending = read_notice_upload(
        plan.region, cast["cora"], (SAMPLES / "zichuan-2024.txt").read_bytes(), "zichuan-2024.txt"
    )
    s = {
        "plan": plan,
        "q1": q1,
        "unit": finance,
        "project": assignment.project,
        "assignment": assignment,
        "ledger": ledger,
        "pending": pending,
        "draft": draft,
        "submitted": QuarterlyReport.objects.get(pk=submitted.pk),
        "region": plan.region,
        "city": world["city"],
        "lenas_unit": cast["lena"].unit,
        "lenas_project": plan.projects.get(seq=1),
    }
    return s | paperwork(cast, s) | pavels_upload(pavel, s)


def paperwork(cast, s) -> dict:
    """What the newer apps keep: a bulletin, a 督办 notice, the public page, a token, an export."""
    pavel, cora, plan = cast["pavel"], cast["cora"], s["plan"]
    bulletin = issue_bulletin(plan, s["q1"], cora)
    notice = issue(
        s["project"],
        s["unit"],
        s["q1"],
        cast["sam"],
        "一季度资金拨付滞后，请说明原因",
        timezone.localdate() + datetime.timedelta(days=7),
    )
    notice = answer(notice, pavel, "已于本周拨付到位。")  # answered: Sam may close it
    publish_plan(plan, cora)
    approve_statement(s["lenas_project"], s["q1"], cora, "一季度新开工幼儿园3所。")
    cache.clear()  # the public pages are cached: nothing of another test's pages
    token, _raw = create_token(pavel, "财政局OA对接")
    job = run_job(ExportJob.objects.create(person=pavel, plan=plan, kind="plans", format="csv").pk)
    assert job.state == ExportJob.State.DONE
    return {"bulletin": bulletin, "notice": notice, "token": token, "job": job}


def pavels_upload(pavel, s) -> dict:
    """Pavel's Q2 form, filled in Word and uploaded; last, so that it was read against the draft as it is."""
    period = s["draft"].period
    form = WordForm(unit_form(period, s["unit"], DRAFT).to_docx())
    form.type_into(s["project"].seq, MEASURES, "二季度已拨付全部筛查资金")
    return {"upload": read_upload(period, pavel, form.save(), "二季度报表.docx")}
