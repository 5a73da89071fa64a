"""Who may open which page: every URL of the app, for every member of the cast.

The scene (the `scene` fixture, in tests/permissions_scene.py): Pavel (县财政局, a partner on
project 5) has a submitted Q1 report and a Q2 draft, both with a stamped PDF, an implementation
plan with a file for project 5, a filled Q2 form uploaded and waiting for his confirmation, an
API token and a finished export. Cora has a second notice of 桓台县 waiting in preview, issued
bulletin 第1期 for Q1, published the plan and approved a public text for project 1. Sam (督查室)
sent 县财政局 a 督办 notice that Pavel answered.
Each case expects one of:

- allowed: answered 2xx, or redirected to a page that the same user then opens with 200;
- refused: 403 or 404 (a guessed id tells nothing more), and the database did not change;
- locked: the owner of a submitted report is answered (400, or a redirect back to the report)
  but the report did not change: submitting locks it, whoever asks.

Anonymous visitors are sent to the login page, whatever they ask for, except for the public
pages (the plan as published for citizens, and the API's documentation), which anyone reads.
The REST API itself (/api/…, token auth) is tested in tests/api.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from shishi.api.models import ApiToken
from shishi.bulletins.models import Bulletin
from shishi.directory.access import DRAFT
from shishi.directory.models import InAppNotice
from shishi.documents.models import FormImport
from shishi.documents.services import unit_form
from shishi.exports.models import ExportJob
from shishi.history.models import Event
from shishi.plans.models import NoticeFile, Plan
from shishi.public.models import PublicStatement
from shishi.reporting.models import (
    ImplementationPlan,
    QuarterlyReport,
    Reminder,
    ReportLine,
    ReportVersion,
    TargetValue,
)
from shishi.reporting.services import (
    LineEntry,
    return_report,
    save_draft,
)
from shishi.supervision.models import SupervisionNotice
from tests.conftest import SAMPLES, pdf_bytes
from tests.plans.editing import edit_form

ALLOWED, REFUSED, LOCKED = "allowed", "refused", "locked"
ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "sam", "connie", "dave", "admin"]

EVERYONE = set(ROLES)
# Read 桓台县's plan, and are no unit's clerk. Dave (a deputy) reads none of these pages.
OFFICE = {"cora", "leah", "cici", "sam", "connie", "admin"}
PLAN_READERS = OFFICE | {"lena", "pavel"}  # can_view_plan(桓台县's plan)
MANAGERS = {"cora", "admin"}  # manage 桓台县: import, preview, review, remind, history, bulletins, publishing
IMPORTERS = {"cora", "otto", "admin"}  # coordinators import for their own region
REPORTERS = {"lena", "pavel", "olga"}
PAVEL = {
    "pavel"
}  # the unit itself, for drafts, the current PDF and writing; and Pavel alone for his upload, export, token
SUBMISSION_READERS = OFFICE | PAVEL  # a submitted report, its versions, the ledger
SUPERVISORS = {"sam", "admin"}  # can_supervise: issue and close 督办
COMPARERS = OFFICE | {"otto"}  # comparisons are for everyone but unit clerks
CITY = {"cici", "admin"}  # compare 淄博市's counties side by side


def database() -> dict:
    """Everything a POST of the app could change."""
    return {
        "plans": list(Plan.objects.order_by("pk").values_list("pk", "published")),
        "notice files": list(NoticeFile.objects.order_by("pk").values_list("pk", "region_id", "draft")),
        "reports": list(
            QuarterlyReport.objects.order_by("pk").values_list(
                "pk", "state", "revision", "stamped_pdf_sha256"
            )
        ),
        "lines": list(
            ReportLine.objects.order_by("pk").values_list("pk", "measures", "deadline", "assessment")
        ),
        "values": list(TargetValue.objects.order_by("pk").values_list("pk", "value")),
        "versions": list(ReportVersion.objects.order_by("pk").values_list("pk", "outcome", "review_note")),
        "reminders": Reminder.objects.count(),
        "ledgers": list(ImplementationPlan.objects.order_by("pk").values_list("pk", "text", "phone", "file")),
        "form imports": list(FormImport.objects.order_by("pk").values_list("pk", "revision", "confirmed_at")),
        "bulletins": list(Bulletin.objects.order_by("pk").values_list("pk", "number")),
        "督办": list(
            SupervisionNotice.objects.order_by("pk").values_list("pk", "state", "reply", "closed_at")
        ),
        "statements": list(PublicStatement.objects.order_by("pk").values_list("pk", "text", "approved_text")),
        "tokens": list(ApiToken.objects.order_by("pk").values_list("pk", "name", "revoked_at")),
        "export jobs": list(ExportJob.objects.order_by("pk").values_list("pk", "state", "plan_id")),
        "events": Event.objects.count(),
        "in-app notices": list(InAppNotice.objects.order_by("pk").values_list("pk", "read_at")),
    }


# -- what the POSTs send ----------------------------------------------------------------------------


def report_form(report: QuarterlyReport, measures: str = "本季度拨付资金。") -> dict:
    data = {"revision": report.revision, "then": "save"}
    for line in report.lines.prefetch_related("values"):
        data |= {
            f"line-{line.project_id}-measures": measures,
            f"line-{line.project_id}-assessment": "on_schedule",
            f"line-{line.project_id}-deadline": "2023年12月31日",
        }
        data |= {f"value-{value.target_id}": "1" for value in line.values.all()}
    return data


def stamped_pdf_upload(s) -> dict:
    return {"stamped_pdf": SimpleUploadedFile("换一份.pdf", pdf_bytes(3), "application/pdf")}


def filled_q1_form(s) -> dict:
    """县教育体育局's Q1 form as Word makes it: whoever uploads it, it goes into their own unit's report."""
    data = unit_form(s["q1"], s["lenas_unit"], DRAFT).to_docx()
    return {"form": SimpleUploadedFile("一季度报表.docx", data)}


def supervision_form(s) -> dict:
    """A 督办 for 县教育体育局 on project 1: not the one already open for 县财政局."""
    return {
        "project": s["lenas_project"].pk,
        "unit": s["lenas_unit"].pk,
        "reason": "一季度逾期未报，请说明原因",
        "reply_by": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    }


def figures_csv(s) -> dict:
    """One cumulative figure for 县教育体育局's Q2, as the bulk update's template has it."""
    target = s["lenas_project"].targets.order_by("pk").first()
    text = f"单位,季度,指标编号,累计完成值\n县教育体育局,2,{target.pk},1\n"
    return {"file": SimpleUploadedFile("完成值.csv", text.encode("utf-8-sig"), "text/csv")}


# -- the table: every URL name, with who may use it -------------------------------------------------


@dataclass
class Case:
    name: str
    url: Callable[[dict], str]
    allowed: set[str]
    method: str = "GET"
    data: Callable[[dict], dict] = lambda s: {}
    locked: set[str] = field(default_factory=set)
    public: bool = False  # anonymous visitors too


class As(str):
    """A URL argument taken as it is (a format, a table's name), not looked up in the scene."""


def url(name: str, *keys: str | int) -> Callable[[dict], str]:
    """reverse(name) with arguments taken from the scene: a key names an object (its pk); an int or
    As(…) is itself."""
    return lambda s: reverse(name, args=[k if isinstance(k, (int, As)) else s[k].pk for k in keys])


def public(name: str, *keys: str | int) -> Case:
    """A page for anyone, logged in or not."""
    return Case(name, url(name, *keys), EVERYONE, public=True)


CASES = [
    Case("home", url("home"), EVERYONE),
    Case("desk:board", url("desk:board"), IMPORTERS),  # the menu's 调度: Otto's has no plan, he is sent on
    Case("desk:review", url("desk:review"), IMPORTERS),
    Case("desk:supervision", url("desk:supervision"), SUPERVISORS),
    Case("desk:proposals", url("desk:proposals"), {"dave"}),  # a deputy's 我的建议
    Case("notices", url("notices"), EVERYONE),
    Case("notices_read", url("notices_read"), EVERYONE, "POST"),
    Case("plans:list", url("plans:list"), EVERYONE),
    Case("plans:import-GET", url("plans:import"), IMPORTERS),
    Case(
        "plans:import-POST",
        url("plans:import"),
        MANAGERS,
        "POST",  # posts 桓台县: Otto is refused
        lambda s: {"region": s["region"].pk, "text": (SAMPLES / "gaoqing-2024.txt").read_text("utf-8")},
    ),
    Case("plans:preview-GET-pending-notice", url("plans:preview", "pending"), MANAGERS),
    Case(
        "plans:preview-POST-pending-notice",
        url("plans:preview", "pending"),
        MANAGERS,
        "POST",
        lambda s: {"title": "改过的标题"},
    ),
    Case("plans:detail", url("plans:detail", "plan"), PLAN_READERS),
    Case("plans:cancel_import-pending-notice", url("plans:cancel_import", "pending"), MANAGERS, "POST"),
    Case("plans:withdraw-GET", url("plans:withdraw", "plan"), MANAGERS),
    Case("plans:withdraw-POST", url("plans:withdraw", "plan"), MANAGERS, "POST"),  # refused: reports exist
    Case("plans:archive", url("plans:archive", "plan"), MANAGERS, "POST"),
    Case("plans:edit_project-GET", url("plans:edit_project", "plan", "project"), MANAGERS),
    Case(
        "plans:edit_project-POST",
        url("plans:edit_project", "plan", "project"),
        MANAGERS,
        "POST",
        lambda s: edit_form(s["project"], **{"t-0-value": "90"}),
    ),
    Case("oversight:board", url("oversight:board", "plan", 1), PLAN_READERS),
    Case("oversight:remind-pavels-unit", url("oversight:remind", "plan", 1, "unit"), MANAGERS, "POST"),
    Case("oversight:remind_all", url("oversight:remind_all", "plan", 1), MANAGERS, "POST"),
    Case("oversight:project", url("oversight:project", "plan", "project"), PLAN_READERS),
    Case("oversight:history", url("oversight:history", "plan"), MANAGERS),
    Case("reporting:quarter", url("reporting:quarter"), REPORTERS),
    Case("reporting:open-q1", url("reporting:open", "q1"), {"lena", "pavel"}, "POST"),
    Case("reporting:report-pavels-draft", url("reporting:report", "draft"), PAVEL),
    Case("reporting:report-pavels-submitted", url("reporting:report", "submitted"), SUBMISSION_READERS),
    Case(
        "reporting:save-pavels-draft",
        url("reporting:save", "draft"),
        PAVEL,
        "POST",
        lambda s: report_form(s["draft"]),
    ),
    Case(
        "reporting:save-pavels-submitted",
        url("reporting:save", "submitted"),
        set(),
        "POST",
        lambda s: report_form(s["submitted"]),
        locked=PAVEL,
    ),
    Case(
        "reporting:upload_pdf-pavels-draft",
        url("reporting:upload_pdf", "draft"),
        PAVEL,
        "POST",
        stamped_pdf_upload,
    ),
    Case(
        "reporting:upload_pdf-pavels-submitted",
        url("reporting:upload_pdf", "submitted"),
        set(),
        "POST",
        stamped_pdf_upload,
        locked=PAVEL,
    ),
    Case("reporting:stamped_pdf-pavels-draft", url("reporting:stamped_pdf", "draft"), PAVEL),
    Case("reporting:stamped_pdf-pavels-submitted", url("reporting:stamped_pdf", "submitted"), PAVEL),
    Case(
        "reporting:review-pavels-submitted",
        url("reporting:review", "submitted"),
        MANAGERS,
        "POST",
        lambda s: {"decision": "accept"},
    ),
    Case(
        "reporting:review-pavels-draft",
        url("reporting:review", "draft"),
        set(),
        "POST",
        lambda s: {"decision": "return", "reason": "请补充"},
    ),
    Case("reporting:version-pavels-v1", url("reporting:version", "submitted", 1), SUBMISSION_READERS),
    Case("reporting:version_pdf-pavels-v1", url("reporting:version_pdf", "submitted", 1), SUBMISSION_READERS),
    Case("reporting:ledger-GET-pavels", url("reporting:ledger", "assignment"), SUBMISSION_READERS),
    Case(
        "reporting:ledger-POST-pavels",
        url("reporting:ledger", "assignment"),
        PAVEL,
        "POST",
        lambda s: {"revision": s["ledger"].revision, "text": "改写的实施方案", "phone": "110"},
    ),
    Case("reporting:ledger_file-pavels", url("reporting:ledger_file", "ledger"), SUBMISSION_READERS),
    # documents: the progress form out and back in (tests/documents/test_access.py)
    Case("documents:index", url("documents:index"), EVERYONE),
    Case("documents:forms-q1", url("documents:forms", "plan", 1), PLAN_READERS),
    Case("documents:blank-docx", url("documents:blank", "plan", As("docx")), PLAN_READERS),
    Case(
        "documents:unit_file-pavels-submitted-q1",
        url("documents:unit_file", "plan", 1, "unit", As("xlsx")),
        SUBMISSION_READERS,
    ),
    Case(
        "documents:unit_file-pavels-draft-q2",
        url("documents:unit_file", "plan", 2, "unit", As("docx")),
        PAVEL,
    ),
    # Into the clerk's own unit's Q1 report: Lena's is not opened yet, Pavel's is submitted.
    Case(
        "documents:upload-q1",
        url("documents:upload", "plan", 1),
        {"lena"},
        "POST",
        filled_q1_form,
        locked=PAVEL,
    ),
    Case("documents:preview-pavels-upload", url("documents:preview", "upload"), PAVEL),
    Case("documents:confirm-pavels-upload", url("documents:confirm", "upload"), PAVEL, "POST"),
    # bulletins: clerks may not read other units' lines, so not bulletins (tests/bulletins/test_views.py)
    Case("bulletins:index", url("bulletins:index"), EVERYONE),  # a clerk's lists nothing
    Case("bulletins:plan", url("bulletins:plan", "plan"), OFFICE),
    Case("bulletins:preview-q1", url("bulletins:preview", "plan", 1), MANAGERS),
    Case("bulletins:draft-q1", url("bulletins:draft", "plan", 1), MANAGERS),
    Case("bulletins:issue-q1", url("bulletins:issue", "plan", 1), MANAGERS, "POST", lambda s: {"title": ""}),
    Case("bulletins:download", url("bulletins:download", "bulletin"), OFFICE),
    # supervision: 督办 (tests/supervision)
    Case("supervision:plan-GET-q1", url("supervision:plan", "plan", 1), SUPERVISORS | MANAGERS),
    Case(
        "supervision:plan-POST-q1", url("supervision:plan", "plan", 1), SUPERVISORS, "POST", supervision_form
    ),
    Case("supervision:year_end", url("supervision:year_end", "plan"), OFFICE),
    Case("supervision:mine", url("supervision:mine"), REPORTERS),
    Case(
        "supervision:answer-pavels-notice",
        url("supervision:answer", "notice"),
        PAVEL,
        "POST",
        lambda s: {"reply": "已整改到位。"},
    ),
    Case("supervision:close-pavels-notice", url("supervision:close", "notice"), SUPERVISORS, "POST"),
    # comparisons (tests/comparisons): 淄博市's counties in 2023, 桓台县 across years
    Case("comparisons:index", url("comparisons:index"), COMPARERS),
    Case("comparisons:themes-city-2023", url("comparisons:themes", "city", 2023), CITY),
    Case("comparisons:indicators-city-2023", url("comparisons:indicators", "city", 2023), CITY),
    Case(
        "comparisons:counties_export-city-2023",
        url("comparisons:counties_export", "city", 2023, As("themes"), As("csv")),
        CITY,
    ),
    Case("comparisons:years-huantai", url("comparisons:years", "region"), OFFICE),
    Case("comparisons:years_indicators-huantai", url("comparisons:years_indicators", "region"), OFFICE),
    # 桓台县 has one plan, so no step: not found for everyone (who may open a step: tests/comparisons)
    Case("comparisons:years_step-huantai-1", url("comparisons:years_step", "region", 1), set()),
    Case(
        "comparisons:years_export-huantai",
        url("comparisons:years_export", "region", As("continuity"), As("xlsx")),
        OFFICE,
    ),
    # public: the published plan for citizens, and the coordinator's page (tests/public)
    public("public:index"),
    public("public:index_elder"),
    public("public:plan", "plan"),
    public("public:plan_elder", "plan"),
    Case("public:manage", url("public:manage", "plan"), MANAGERS),
    Case("public:manage_quarter-q1", url("public:manage_quarter", "plan", 1), MANAGERS),
    Case(
        "public:statement-approve-project-1",
        url("public:statement", "plan", 1, "lenas_project"),
        MANAGERS,
        "POST",
        lambda s: {"action": "approve", "text": "一季度新开工幼儿园3所，2所主体完工。"},
    ),
    Case(
        "public:publish-unpublish",
        url("public:publish", "plan"),
        MANAGERS,
        "POST",
        lambda s: {"action": "unpublish"},
    ),
    # api: the pages (tests/api/test_pages.py) and the documentation; the REST API is tested in tests/api
    Case("exports:index", url("exports:index"), EVERYONE),
    Case("exports:plan-reports-csv", url("exports:plan", "plan", As("reports"), As("csv")), PLAN_READERS),
    Case(
        "exports:job_start",
        url("exports:job_start"),
        PLAN_READERS,
        "POST",
        lambda s: {"plan": s["plan"].pk, "kind": "reports", "format": "csv"},
    ),
    Case("exports:job-pavels", url("exports:job", "job"), PAVEL),
    Case("exports:job_status-pavels", url("exports:job_status", "job"), PAVEL),
    Case("exports:job_file-pavels", url("exports:job_file", "job"), PAVEL),
    Case("reporting:bulk-GET", url("reporting:bulk", "plan"), MANAGERS),
    Case("reporting:bulk-POST", url("reporting:bulk", "plan"), MANAGERS, "POST", figures_csv),
    Case("api:tokens-GET", url("api:tokens"), EVERYONE),
    Case("api:tokens-POST", url("api:tokens"), EVERYONE, "POST", lambda s: {"name": "单位OA对接"}),
    Case("api:token_revoke-pavels", url("api:token_revoke", "token"), PAVEL, "POST"),
    public("api:home"),
    public("api:docs_asset", As("swagger-ui.css")),
    public("api:rest:openapi-view"),
    public("api:rest:openapi-json"),
]


ANONYMOUS = "anonymous"
WHO = [*ROLES, ANONYMOUS]
LOGIN = "sent to log in"


def expected(who: str, case: Case) -> str:
    if who == ANONYMOUS:
        return ALLOWED if case.public else LOGIN
    return LOCKED if who in case.locked else ALLOWED if who in case.allowed else REFUSED


def send(client: Client, case: Case, s: dict, **extra):
    if case.method == "POST":
        return client.post(case.url(s), case.data(s), **extra)
    return client.get(case.url(s), **extra)


def finish(response) -> None:
    """Read a file response to its end: that closes its file, as a server would. (The test client
    closes every other response itself; closing one again outside the client would fire
    request_finished and close the database connection, in the middle of the test's transaction.)"""
    if response.streaming:
        b"".join(response.streaming_content)


def outcome(client: Client, response) -> str:
    """What the user got (its response read to the end), in the words of the table."""
    if 200 <= response.status_code < 300:
        return ALLOWED
    if response.status_code == 302:
        landing = client.get(response.url)
        finish(landing)
        return (
            ALLOWED
            if landing.status_code == 200
            else f"redirected to {response.url}, which answered {landing.status_code}"
        )
    if response.status_code in (403, 404):
        return REFUSED
    return f"answered {response.status_code}"


def judge(client: Client, case: Case, s: dict, expectation: str) -> str:
    """The expectation itself when the answer meets it; else what happened, in words."""
    before = database()
    response = send(client, case, s)
    unchanged = database() == before
    status = response.status_code
    finish(response)
    if expectation == LOCKED:
        return (
            LOCKED
            if status in (302, 400) and unchanged
            else f"answered {status}, report unchanged: {unchanged}"
        )
    if expectation == LOGIN:
        sent = status == 302 and response.url.startswith(reverse("login") + "?next=")
        return LOGIN if sent and unchanged else f"answered {status}, database unchanged: {unchanged}"
    if expectation == REFUSED and status in (403, 404) and not unchanged:
        return "refused, yet the database changed"
    return outcome(client, response)


# -- the matrix -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_it_gives_each_role_exactly_its_pages(client, cast, scene, case):
    """Every member of the cast and an anonymous visitor, each in a transaction rolled back
    afterwards, so that each meets the scene as it was; every mismatch of the case is named."""
    wanted = {who: expected(who, case) for who in WHO}
    got = {}
    for who in WHO:
        with transaction.atomic():
            if who == ANONYMOUS:
                client.logout()
            else:
                client.force_login(cast[who])
            got[who] = judge(client, case, scene, wanted[who])
            transaction.set_rollback(True)
    assert got == wanted


def url_names(patterns=None, namespace: str = "") -> set[str]:
    """Every named URL of the project, with its namespaces."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            names |= url_names(
                pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_page_of_the_app_is_in_the_table(scene):
    """A new URL needs a case here. Left out: logging in and out, Django's admin, and the REST
    API's endpoints (token auth, tested in tests/api), but not its documentation."""
    documentation = {"api:rest:openapi-view", "api:rest:openapi-json"}
    # The selection's pages have their own table, kept with the app: tests/selection/test_permissions.py
    # (its counts as XLSX too, served by the api app, which may import the exporter base).
    left_out = {"login", "logout"} | {
        n for n in url_names() if n.startswith(("admin:", "api:rest:", "selection:", "api:tally_xlsx"))
    } - documentation
    covered = {resolve(urlsplit(case.url(scene)).path).view_name for case in CASES}
    assert url_names() - left_out - covered == set()


@pytest.mark.parametrize(
    "role, case_name",
    [
        ("pavel", "reporting:save-pavels-draft"),
        ("pavel", "reporting:upload_pdf-pavels-draft"),
        ("pavel", "reporting:ledger-POST-pavels"),
        ("cora", "reporting:review-pavels-submitted"),
        ("cora", "oversight:remind-pavels-unit"),
        ("cora", "oversight:remind_all"),
        ("cora", "plans:import-POST"),
        ("pavel", "documents:confirm-pavels-upload"),
        ("cora", "bulletins:issue-q1"),
        ("sam", "supervision:plan-POST-q1"),
        ("sam", "supervision:close-pavels-notice"),
        ("cora", "public:publish-unpublish"),
        ("cora", "reporting:bulk-POST"),
        ("pavel", "api:token_revoke-pavels"),
    ],
)
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


@pytest.mark.parametrize("role", ["cora", "leah", "cici", "sam", "admin", "lena"])
def test_it_never_shows_the_new_draft_of_a_returned_report_on_the_project_page(client, cast, scene, role):
    """After a return the unit edits its lines again; until it resubmits, that text is a draft."""
    report, pavel = scene["submitted"], cast["pavel"]
    report = return_report(report, cast["cora"], "请补充资金拨付进度")
    save_draft(
        report,
        pavel,
        report.revision,
        {scene["project"].pk: LineEntry(measures="尚未报送的新草稿", deadline="", assessment="", values={})},
    )
    client.force_login(cast[role])
    page = client.get(reverse("oversight:project", args=[scene["plan"].pk, scene["project"].pk]) + "?q=1")
    assert page.status_code == 200
    assert "尚未报送的新草稿" not in page.content.decode()


def test_it_shows_a_reporter_nothing_of_another_units_report_or_ledger_on_the_project_page(
    client, cast, scene
):
    """Lena may not read Pavel's submitted report (can_read_report) nor his unit's implementation
    plan (can_read_unit_ledger); the project page must not show them to her either."""
    client.force_login(cast["lena"])
    page = client.get(reverse("oversight:project", args=[scene["plan"].pk, scene["project"].pk]) + "?q=1")
    assert page.status_code == 200
    assert "一季度已拨付筛查资金" not in page.content.decode(), "Pavel's submitted report line is shown"
    assert "0533-0000000" not in page.content.decode(), "Pavel's unit's implementation plan is shown"
