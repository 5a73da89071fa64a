"""Who may open which page: every URL of the app, for every member of the cast.

The scene: Pavel (县财政局, a partner on project 5) has a submitted Q1 report and a Q2 draft,
both with a stamped PDF, and an implementation plan with a file for project 5; Cora has a
second notice of 桓台县 waiting in preview. Each case expects one of:

- allowed: answered 2xx, or redirected to a page that the same user then opens with 200;
- refused: 403 or 404 (a guessed id tells nothing more), and the database did not change;
- locked: the owner of a submitted report is answered (400, or a redirect back to the report)
  but the report did not change: submitting locks it, whoever asks.

Anonymous visitors are sent to the login page, whatever they ask for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shishi.plans.models import Assignment, NoticeFile, Plan
from shishi.plans.services import read_notice_upload
from shishi.reporting.models import (
    ImplementationPlan, QuarterlyReport, Reminder, ReportLine, ReportVersion, TargetValue,
)
from shishi.reporting.services import (
    LineEntry, attach_stamped_pdf, return_report, save_draft, start_report, submit_report,
)
from tests.conftest import SAMPLES, pdf_bytes

ALLOWED, REFUSED, LOCKED = "allowed", "refused", "locked"
ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "admin"]

EVERYONE = set(ROLES)
PLAN_READERS = {"lena", "pavel", "cora", "leah", "cici", "admin"}  # can_view_plan(桓台县's plan)
MANAGERS = {"cora", "admin"}  # manage 桓台县: import, preview, review, remind, history
IMPORTERS = {"cora", "otto", "admin"}  # coordinators import for their own region
REPORTERS = {"lena", "pavel", "olga"}
PAVEL = {"pavel"}  # the unit itself, and nobody else, for drafts, the current PDF and writing
SUBMISSION_READERS = {"pavel", "cora", "leah", "cici", "admin"}  # a submitted report, its versions, the ledger


# -- the scene ----------------------------------------------------------------------------------

@pytest.fixture
def scene(cast, plan, q1):
    pavel, finance = cast["pavel"], cast["pavel"].unit
    assignment = Assignment.objects.select_related("project").get(unit=finance, project__plan=plan)
    submitted = start_report(finance, q1)
    submitted = save_draft(submitted, pavel, submitted.revision, {assignment.project_id: LineEntry(
        measures="一季度已拨付筛查资金", deadline="", assessment="on_schedule", values={})})
    attach_stamped_pdf(submitted, pavel, pdf_bytes(), "一季度盖章.pdf")
    submit_report(submitted, pavel, submitted.revision)
    draft = start_report(finance, plan.periods.get(quarter=2))
    attach_stamped_pdf(draft, pavel, pdf_bytes(2), "二季度盖章.pdf")
    ledger = ImplementationPlan.objects.create(assignment=assignment, text="财政局实施方案", phone="0533-0000000",
                                               file=ContentFile(b"plan", name="finance-plan.txt"))
    pending = read_notice_upload(plan.region, cast["cora"], (SAMPLES / "zichuan-2024.txt").read_bytes(), "zichuan-2024.txt")
    return {"plan": plan, "q1": q1, "unit": finance, "project": assignment.project, "assignment": assignment,
            "ledger": ledger, "pending": pending, "draft": draft,
            "submitted": QuarterlyReport.objects.get(pk=submitted.pk), "region": plan.region}


def database() -> dict:
    """Everything a POST in this app could change."""
    return {
        "plans": Plan.objects.count(),
        "notice files": list(NoticeFile.objects.order_by("pk").values_list("pk", "region_id", "draft")),
        "reports": list(QuarterlyReport.objects.order_by("pk").values_list("pk", "state", "revision", "stamped_pdf_sha256")),
        "lines": list(ReportLine.objects.order_by("pk").values_list("pk", "measures", "deadline", "assessment")),
        "values": list(TargetValue.objects.order_by("pk").values_list("pk", "value")),
        "versions": list(ReportVersion.objects.order_by("pk").values_list("pk", "outcome", "review_note")),
        "reminders": Reminder.objects.count(),
        "ledgers": list(ImplementationPlan.objects.order_by("pk").values_list("pk", "text", "phone", "file")),
    }


def report_form(report: QuarterlyReport, measures: str = "本季度拨付资金。") -> dict:
    data = {"revision": report.revision, "then": "save"}
    for line in report.lines.prefetch_related("values"):
        data |= {f"line-{line.project_id}-measures": measures, f"line-{line.project_id}-assessment": "on_schedule",
                 f"line-{line.project_id}-deadline": "2023年12月31日"}
        data |= {f"value-{value.target_id}": "1" for value in line.values.all()}
    return data


def stamped_pdf_upload(s) -> dict:
    return {"stamped_pdf": SimpleUploadedFile("换一份.pdf", pdf_bytes(3), "application/pdf")}


# -- the table: every URL name, with who may use it -------------------------------------------------

@dataclass
class Case:
    name: str
    url: Callable[[dict], str]
    allowed: set[str]
    method: str = "GET"
    data: Callable[[dict], dict] = lambda s: {}
    locked: set[str] = field(default_factory=set)


def url(name: str, *keys: str | int) -> Callable[[dict], str]:
    """reverse(name) with arguments taken from the scene: a key names an object (its pk), an int is itself."""
    return lambda s: reverse(name, args=[k if isinstance(k, int) else s[k].pk for k in keys])


CASES = [
    Case("home", url("home"), EVERYONE),
    Case("notices", url("notices"), EVERYONE),
    Case("notices_read", url("notices_read"), EVERYONE, "POST"),
    Case("plans:list", url("plans:list"), EVERYONE),
    Case("plans:import-GET", url("plans:import"), IMPORTERS),
    Case("plans:import-POST", url("plans:import"), MANAGERS, "POST",  # posts 桓台县: Otto is refused
         lambda s: {"region": s["region"].pk, "text": (SAMPLES / "gaoqing-2024.txt").read_text("utf-8")}),
    Case("plans:preview-GET-pending-notice", url("plans:preview", "pending"), MANAGERS),
    Case("plans:preview-POST-pending-notice", url("plans:preview", "pending"), MANAGERS, "POST",
         lambda s: {"title": "改过的标题"}),
    Case("plans:detail", url("plans:detail", "plan"), PLAN_READERS),
    Case("oversight:board", url("oversight:board", "plan", 1), PLAN_READERS),
    Case("oversight:remind-pavels-unit", url("oversight:remind", "plan", 1, "unit"), MANAGERS, "POST"),
    Case("oversight:project", url("oversight:project", "plan", "project"), PLAN_READERS),
    Case("oversight:history", url("oversight:history", "plan"), MANAGERS),
    Case("reporting:quarter", url("reporting:quarter"), REPORTERS),
    Case("reporting:open-q1", url("reporting:open", "q1"), {"lena", "pavel"}, "POST"),
    Case("reporting:report-pavels-draft", url("reporting:report", "draft"), PAVEL),
    Case("reporting:report-pavels-submitted", url("reporting:report", "submitted"), SUBMISSION_READERS),
    Case("reporting:save-pavels-draft", url("reporting:save", "draft"), PAVEL, "POST", lambda s: report_form(s["draft"])),
    Case("reporting:save-pavels-submitted", url("reporting:save", "submitted"), set(), "POST",
         lambda s: report_form(s["submitted"]), locked=PAVEL),
    Case("reporting:upload_pdf-pavels-draft", url("reporting:upload_pdf", "draft"), PAVEL, "POST", stamped_pdf_upload),
    Case("reporting:upload_pdf-pavels-submitted", url("reporting:upload_pdf", "submitted"), set(), "POST",
         stamped_pdf_upload, locked=PAVEL),
    Case("reporting:stamped_pdf-pavels-draft", url("reporting:stamped_pdf", "draft"), PAVEL),
    Case("reporting:stamped_pdf-pavels-submitted", url("reporting:stamped_pdf", "submitted"), PAVEL),
    Case("reporting:review-pavels-submitted", url("reporting:review", "submitted"), MANAGERS, "POST",
         lambda s: {"decision": "accept"}),
    Case("reporting:review-pavels-draft", url("reporting:review", "draft"), set(), "POST",
         lambda s: {"decision": "return", "reason": "请补充"}),
    Case("reporting:version-pavels-v1", url("reporting:version", "submitted", 1), SUBMISSION_READERS),
    Case("reporting:version_pdf-pavels-v1", url("reporting:version_pdf", "submitted", 1), SUBMISSION_READERS),
    Case("reporting:ledger-GET-pavels", url("reporting:ledger", "assignment"), SUBMISSION_READERS),
    Case("reporting:ledger-POST-pavels", url("reporting:ledger", "assignment"), PAVEL, "POST",
         lambda s: {"text": "改写的实施方案", "phone": "110"}),
    Case("reporting:ledger_file-pavels", url("reporting:ledger_file", "ledger"), SUBMISSION_READERS),
]


def expected(role: str, case: Case) -> str:
    return LOCKED if role in case.locked else ALLOWED if role in case.allowed else REFUSED


MATRIX = [pytest.param(role, case, expected(role, case), id=f"{role}-{case.name}") for role in ROLES for case in CASES]


def send(client: Client, case: Case, s: dict, **extra):
    if case.method == "POST":
        return client.post(case.url(s), case.data(s), **extra)
    return client.get(case.url(s), **extra)


def outcome(client: Client, response) -> str:
    """What the user got, in the words of the table."""
    response.close()  # file responses hold the file open
    if 200 <= response.status_code < 300:
        return ALLOWED
    if response.status_code == 302:
        landing = client.get(response.url)
        landing.close()
        return ALLOWED if landing.status_code == 200 else f"redirected to {response.url}, which answered {landing.status_code}"
    if response.status_code in (403, 404):
        return REFUSED
    return f"answered {response.status_code}"


# -- the matrix -----------------------------------------------------------------------------------

@pytest.mark.parametrize("role, case, expectation", MATRIX)
def test_it_gives_each_role_exactly_its_pages(client, cast, scene, role, case, expectation):
    client.force_login(cast[role])
    before = database()
    response = send(client, case, scene)
    if expectation == LOCKED:
        assert response.status_code in (302, 400), response.status_code
        assert database() == before, "a submitted report changed"
    elif expectation == REFUSED:
        assert response.status_code in (403, 404), f"{role} was not refused: {response.status_code}"
        assert database() == before, f"{role} was refused, yet the database changed"
    else:
        assert outcome(client, response) == ALLOWED


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_it_sends_anonymous_visitors_to_the_login_page(client, scene, case):
    before = database()
    response = send(client, case, scene)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
    assert database() == before


@pytest.mark.parametrize("role, case_name", [
    ("pavel", "reporting:save-pavels-draft"),
    ("pavel", "reporting:upload_pdf-pavels-draft"),
    ("pavel", "reporting:ledger-POST-pavels"),
    ("cora", "reporting:review-pavels-submitted"),
    ("cora", "oversight:remind-pavels-unit"),
    ("cora", "plans:import-POST"),
])
def test_it_refuses_a_post_without_its_csrf_token(cast, scene, role, case_name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast[role])
    before = database()
    response = send(client, next(c for c in CASES if c.name == case_name), scene)
    assert response.status_code == 403
    assert database() == before


# -- what an allowed page must not show ----------------------------------------------------------------

@pytest.mark.parametrize("role", ["otto", "olga"])
def test_it_lists_nothing_of_huantais_plan_to_another_county(client, cast, scene, role):
    client.force_login(cast[role])
    page = client.get(reverse("plans:list")).content.decode()
    assert scene["plan"].title not in page
    assert reverse("plans:detail", args=[scene["plan"].pk]) not in page


def test_it_imports_only_into_a_region_the_coordinator_manages(client, cast, scene):
    client.force_login(cast["otto"])
    before = NoticeFile.objects.count()
    response = send(client, next(c for c in CASES if c.name == "plans:import-POST"), scene)  # asks for 桓台县
    assert response.status_code == 403  # refused, not quietly filed under his own county
    assert NoticeFile.objects.count() == before


@pytest.mark.parametrize("role", ["cora", "leah", "cici", "admin", "lena"])
def test_it_never_shows_the_new_draft_of_a_returned_report_on_the_project_page(client, cast, scene, role):
    """After a return the unit edits its lines again; until it resubmits, that text is a draft."""
    report, pavel = scene["submitted"], cast["pavel"]
    report = return_report(report, cast["cora"], "请补充资金拨付进度")
    save_draft(report, pavel, report.revision,
               {scene["project"].pk: LineEntry(measures="尚未报送的新草稿", deadline="", assessment="", values={})})
    client.force_login(cast[role])
    page = client.get(reverse("oversight:project", args=[scene["plan"].pk, scene["project"].pk]) + "?q=1")
    assert page.status_code == 200
    assert "尚未报送的新草稿" not in page.content.decode()


def test_it_shows_a_reporter_nothing_of_another_units_report_or_ledger_on_the_project_page(client, cast, scene):
    """Lena may not read Pavel's submitted report (can_read_report) nor his unit's implementation
    plan (can_read_unit_ledger); the project page must not show them to her either."""
    client.force_login(cast["lena"])
    page = client.get(reverse("oversight:project", args=[scene["plan"].pk, scene["project"].pk]) + "?q=1")
    assert page.status_code == 200
    assert "一季度已拨付筛查资金" not in page.content.decode(), "Pavel's submitted report line is shown"
    assert "0533-0000000" not in page.content.decode(), "Pavel's unit's implementation plan is shown"
