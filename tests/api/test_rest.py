"""The REST API, as other systems use it: Lena's unit files its Q1 report through it, Pavel's
draft stays his own, and Cora reads what was submitted."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shishi.api.models import ApiToken
from shishi.api.tokens import create_token, revoke_token
from shishi.history.models import Event
from shishi.oversight.board import build_board
from shishi.reporting.models import QuarterlyReport, ReportVersion, TargetValue
from shishi.reporting.services import LineEntry, attach_stamped_pdf, save_draft, start_report, submit_report
from tests.conftest import ApiClient, pdf_bytes, submit_filled

ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "admin"]
PLAN_READERS = {"lena", "pavel", "cora", "leah", "cici", "admin"}


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# -- who is asking --------------------------------------------------------------------------------


def _revoked(cast):
    token, raw = create_token(cast["lena"], "已停用")
    revoke_token(cast["lena"], token.pk)
    return raw


def _inactive(cast):
    _, raw = create_token(cast["lena"], "人已调走")
    cast["lena"].is_active = False
    cast["lena"].save()
    return raw


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(lambda cast: None, id="no token"),
        pytest.param(lambda cast: "shishi_not-a-real-token", id="unknown token"),
        pytest.param(lambda cast: "garbage", id="not even the shape of a token"),
        pytest.param(_revoked, id="revoked token"),
        pytest.param(_inactive, id="token of a person who can no longer sign in"),
    ],
)
def test_it_refuses_a_request_without_a_live_token(cast, raw):
    response = ApiClient(raw(cast)).get("/api/plans")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert _chinese(response.json()["detail"])


def test_it_refuses_a_session_without_a_token(client, cast):
    """The API is for other systems: a signed-in browser is not enough."""
    client.force_login(cast["cora"])
    assert client.get("/api/plans").status_code == 401


def test_it_stores_only_a_digest_and_records_when_a_token_was_used(cast, api_as):
    token, raw = create_token(cast["cora"], "督查系统")
    assert raw not in {t.token_sha256 for t in ApiToken.objects.all()}
    assert token.last_used_at is None
    assert ApiClient(raw).get("/api/me").json()["username"] == "cora"
    token.refresh_from_db()
    assert token.last_used_at is not None


# -- what each token may read ----------------------------------------------------------------------


def test_it_lists_the_plans_the_person_may_see(cast, plan, api_as):
    answers = {}
    for role in ROLES:
        client = api_as(role)
        answers[role] = (
            plan.pk in [p["id"] for p in client.get("/api/plans").json()],
            client.get(f"/api/plans/{plan.pk}/projects").status_code,
        )
    assert answers == {role: (True, 200) if role in PLAN_READERS else (False, 404) for role in ROLES}


def test_it_gives_projects_with_their_units_and_targets(cast, plan, api_as):
    projects = api_as("leah").get(f"/api/plans/{plan.pk}/projects").json()
    first = projects[0]
    assert (first["seq"], first["units"][0]["unit"], first["units"][0]["role"]) == (1, "县教育体育局", "lead")
    assert [t["indicator"] for t in first["targets"]] == [
        "新改扩建幼儿园",
        "新改扩建中小学",
        "新改扩建中职学校",
        "拓展学位",
    ]
    targets = api_as("leah").get(f"/api/plans/{plan.pk}/targets").json()
    assert len(targets) == sum(len(p["targets"]) for p in projects)
    periods = api_as("leah").get(f"/api/plans/{plan.pk}/periods").json()
    assert [p["quarter"] for p in periods] == [1, 2, 3, 4]


@pytest.fixture
def pavels_draft(cast, q1):
    pavel = cast["pavel"]
    report = start_report(pavel.unit, q1)
    line = report.lines.first()
    return save_draft(
        report,
        pavel,
        report.revision,
        {
            line.project_id: LineEntry(
                measures="财政局尚未报送的草稿", deadline="", assessment="on_schedule", values={}
            )
        },
    )


def test_nobody_but_the_unit_reads_a_draft_by_guessing_its_id(cast, pavels_draft, api_as):
    answers = {}
    for role in ROLES:
        client = api_as(role)
        guessed, missing = client.get(f"/api/reports/{pavels_draft.pk}"), client.get("/api/reports/999999")
        listed = pavels_draft.pk in [r["id"] for r in client.get("/api/reports").json()["items"]]
        # Refused exactly like a report that does not exist: nothing tells a draft from nothing.
        answers[role] = (
            "reads"
            if guessed.status_code == 200 and listed
            else (
                "refused"
                if (guessed.status_code, guessed.json()) == (404, missing.json())
                and not listed
                and "财政局尚未报送的草稿" not in guessed.content.decode()
                else f"{guessed.status_code}, listed={listed}"
            )
        )
    assert answers == {role: "reads" if role == "pavel" else "refused" for role in ROLES}


@pytest.mark.parametrize("role", ["lena", "cora", "otto"])
def test_nobody_but_the_unit_writes_its_draft(cast, pavels_draft, api_as, role):
    client = api_as(role)
    before = list(TargetValue.objects.values_list("pk", "value")), pavels_draft.revision
    response = client.put(
        f"/api/reports/{pavels_draft.pk}/draft", {"revision": pavels_draft.revision, "lines": []}
    )
    assert response.status_code == 404
    assert (
        client.post(f"/api/reports/{pavels_draft.pk}/submit", {"revision": pavels_draft.revision}).status_code
        == 404
    )
    pavels_draft.refresh_from_db()
    assert (list(TargetValue.objects.values_list("pk", "value")), pavels_draft.revision) == before


def test_the_unit_reads_its_own_draft(cast, pavels_draft, api_as):
    report = api_as("pavel").get(f"/api/reports/{pavels_draft.pk}").json()
    assert report["source"] == "draft" and report["revision"] == pavels_draft.revision
    assert report["lines"][0]["measures"] == "财政局尚未报送的草稿"


def test_others_read_the_submitted_version_and_never_the_new_draft(cast, pavels_draft, api_as):
    pavel = cast["pavel"]
    attach_stamped_pdf(pavels_draft, pavel, pdf_bytes(), "盖章.pdf")
    submit_report(pavels_draft, pavel, pavels_draft.revision)
    report = QuarterlyReport.objects.get(pk=pavels_draft.pk)
    from shishi.reporting.services import return_report

    report = return_report(report, cast["cora"], "请补充资金拨付进度")
    save_draft(
        report,
        pavel,
        report.revision,
        {
            report.lines.first().project_id: LineEntry(
                measures="退回后改写、尚未重新报送", deadline="", assessment="", values={}
            )
        },
    )

    seen = api_as("cora").get(f"/api/reports/{report.pk}").json()
    assert seen["source"] == "version" and seen["version"]["number"] == 1
    assert seen["revision"] is None and seen["stamped_pdf"] is None
    assert seen["lines"][0]["measures"] == "财政局尚未报送的草稿"
    assert "退回后改写" not in str(seen)
    own = api_as("pavel").get(f"/api/reports/{report.pk}").json()
    assert own["lines"][0]["measures"] == "退回后改写、尚未重新报送"
    # A coordinator reads it but cannot write it.
    assert (
        api_as("cora").put(f"/api/reports/{report.pk}/draft", {"revision": 0, "lines": []}).status_code == 403
    )


# -- filing a report -------------------------------------------------------------------------------


def _draft_body(report: dict, measures="本季度完成3所幼儿园主体工程。", value="3"):
    return {
        "revision": report["revision"],
        "lines": [
            {
                "project_id": line["project_id"],
                "measures": measures,
                "deadline": "2023年12月31日",
                "assessment": "on_schedule",
                "values": [{"target_id": v["target_id"], "value": value} for v in line["values"]],
            }
            for line in report["lines"]
        ],
    }


def test_a_clerk_files_the_quarter_through_the_api(cast, q1, api_as):
    lena = api_as("lena")
    opened = lena.post(f"/api/periods/{q1.pk}/report")
    assert opened.status_code == 200, opened.content
    report = opened.json()
    assert (report["state"], report["source"], report["revision"]) == ("draft", "draft", 0)
    assert [line["seq"] for line in report["lines"]] == [1, 3, 4, 7, 9, 10]

    saved = lena.put(f"/api/reports/{report['id']}/draft", _draft_body(report))
    assert saved.status_code == 200, saved.content
    report = saved.json()
    assert report["revision"] == 1
    assert report["lines"][0]["measures"] == "本季度完成3所幼儿园主体工程。"
    assert {v["value"] for v in report["lines"][0]["values"]} == {"3"}

    early = lena.post(f"/api/reports/{report['id']}/submit", {"revision": report["revision"]})
    assert early.status_code == 400 and "盖章PDF" in early.json()["detail"]

    uploaded = lena.upload(
        f"/api/reports/{report['id']}/stamped-pdf",
        {"file": SimpleUploadedFile("一季度盖章.pdf", pdf_bytes(2), "application/pdf")},
    )
    assert uploaded.status_code == 200, uploaded.content
    assert uploaded.json()["stamped_pdf"]["name"] == "一季度盖章.pdf"

    submitted = lena.post(f"/api/reports/{report['id']}/submit", {"revision": uploaded.json()["revision"]})
    assert submitted.status_code == 200, submitted.content
    assert (submitted.json()["number"], submitted.json()["outcome"]) == (1, "pending")

    stored = QuarterlyReport.objects.get(pk=report["id"])
    assert stored.state == "submitted"
    version = ReportVersion.objects.get(report=stored)
    assert version.content["lines"][0]["measures"] == "本季度完成3所幼儿园主体工程。"
    assert Event.objects.filter(verb="submitted", report_id=stored.pk).exists()

    # Submitting locks it, through the API as on the web.
    locked = lena.put(
        f"/api/reports/{report['id']}/draft",
        _draft_body(lena.get(f"/api/reports/{report['id']}").json(), "偷偷改"),
    )
    assert locked.status_code == 400 and "已报送" in locked.json()["detail"]
    assert (
        api_as("cora").get(f"/api/reports/{report['id']}").json()["lines"][0]["measures"]
        == "本季度完成3所幼儿园主体工程。"
    )


def test_it_changes_only_what_the_request_gives(cast, q1, api_as):
    lena = api_as("lena")
    report = lena.post(f"/api/periods/{q1.pk}/report").json()
    report = lena.put(f"/api/reports/{report['id']}/draft", _draft_body(report, "原有的文字", "2")).json()
    first = report["lines"][0]
    target = first["values"][0]["target_id"]
    body = {
        "revision": report["revision"],
        "lines": [{"project_id": first["project_id"], "values": [{"target_id": target, "value": 5}]}],
    }
    after = lena.put(f"/api/reports/{report['id']}/draft", body).json()
    line = after["lines"][0]
    assert line["measures"] == "原有的文字" and line["assessment"] == "on_schedule"
    assert [v["value"] for v in line["values"]] == ["5", "2", "2", "2"]
    assert after["lines"][1]["measures"] == "原有的文字"


def test_a_stale_revision_gets_409_and_writes_nothing(cast, q1, api_as):
    lena = api_as("lena")
    report = lena.post(f"/api/periods/{q1.pk}/report").json()
    first = lena.put(f"/api/reports/{report['id']}/draft", _draft_body(report, "先保存的内容"))
    assert first.status_code == 200
    stale = lena.put(
        f"/api/reports/{report['id']}/draft", _draft_body(report, "后保存的旧版本")
    )  # still revision 0
    assert stale.status_code == 409
    body = stale.json()
    assert _chinese(body["detail"]) and body["revision"] == 1
    assert body["lines"][0]["measures"] == "先保存的内容"
    assert QuarterlyReport.objects.get(pk=report["id"]).lines.first().measures == "先保存的内容"
    assert lena.post(f"/api/reports/{report['id']}/submit", {"revision": 0}).status_code == 409


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda body: body["lines"][0]["values"][0].update(value="六所"), "请求内容不符合接口说明"),
        (lambda body: body["lines"][0]["values"][0].update(value=-1), "请求内容不符合接口说明"),
        (lambda body: body["lines"][0]["values"][0].update(value="NaN"), "请求内容不符合接口说明"),
        (lambda body: body["lines"][0]["values"][0].update(target_id=999999), "没有编号为999999的指标"),
        (lambda body: body["lines"][0].update(project_id=999999), "报表中没有编号为999999的实事"),
        (lambda body: body["lines"].append(dict(body["lines"][0])), "出现了两次"),
        (lambda body: body["lines"][0].update(assessment="很好"), "请求内容不符合接口说明"),
        (lambda body: body["lines"][0].update(measures="含\x00字符"), "请求内容不符合接口说明"),
        (lambda body: body.pop("revision"), "revision：缺少此项"),
    ],
    ids=[
        "words for a figure",
        "negative",
        "NaN",
        "unknown target",
        "unknown project",
        "a line twice",
        "unknown assessment",
        "NUL in text",
        "no revision",
    ],
)
def test_it_refuses_bad_input_in_chinese_and_writes_nothing(cast, q1, api_as, change, words):
    lena = api_as("lena")
    report = lena.post(f"/api/periods/{q1.pk}/report").json()
    body = _draft_body(report)
    change(body)
    response = lena.put(f"/api/reports/{report['id']}/draft", body)
    assert response.status_code == 422, response.content
    assert words in response.json()["detail"]
    assert QuarterlyReport.objects.get(pk=report["id"]).revision == 0


def test_it_answers_a_body_that_is_not_json_in_chinese(cast, q1, api_as):
    lena = api_as("lena")
    report = lena.post(f"/api/periods/{q1.pk}/report").json()
    response = lena.client.put(
        f"/api/reports/{report['id']}/draft",
        "{not json",
        content_type="application/json",
        headers=lena.headers,
    )
    assert response.status_code == 400
    assert _chinese(response.json()["detail"])


def test_it_refuses_a_file_that_is_not_a_pdf(cast, q1, api_as):
    lena = api_as("lena")
    report = lena.post(f"/api/periods/{q1.pk}/report").json()
    response = lena.upload(
        f"/api/reports/{report['id']}/stamped-pdf",
        {"file": SimpleUploadedFile("盖章.pdf", b"just text", "application/pdf")},
    )
    assert response.status_code == 400 and "不是PDF" in response.json()["detail"]
    assert not QuarterlyReport.objects.get(pk=report["id"]).stamped_pdf


@pytest.mark.parametrize("role, status", [("cora", 403), ("leah", 403), ("olga", 404)])
def test_only_a_unit_on_the_plan_opens_a_report(cast, q1, api_as, role, status):
    response = api_as(role).post(f"/api/periods/{q1.pk}/report")
    assert response.status_code == status
    assert _chinese(response.json()["detail"])
    assert not QuarterlyReport.objects.exists()


def test_it_keeps_the_old_timestamp_when_a_token_is_revoked_twice(cast):
    token, _ = create_token(cast["cora"], "一次")
    first = revoke_token(cast["cora"], token.pk).revoked_at
    assert revoke_token(cast["cora"], token.pk).revoked_at == first <= timezone.now()


def test_a_client_without_a_csrf_cookie_can_write(cast, q1):
    """Other systems have no browser session: a bearer token is the whole authentication."""
    from django.test import Client

    _, raw = create_token(cast["lena"], "OA")
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/api/periods/{q1.pk}/report", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200


def test_a_method_the_api_does_not_have_is_answered_in_json(cast, api_as):
    response = api_as("cora").client.delete("/api/plans", headers=api_as("cora").headers)
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert _chinese(response.json()["detail"])


def test_the_api_root_leads_to_the_documentation(client, db):
    response = client.get("/api/")
    assert response.status_code == 302 and response.url == "/api/docs"


def test_it_refuses_a_pdf_over_the_limit_without_reading_all_of_it(cast, q1, api_as, settings):
    settings.SHISHI_MAX_PDF_BYTES = 1000
    lena = api_as("lena")
    report = lena.post(f"/api/periods/{q1.pk}/report").json()
    response = lena.upload(
        f"/api/reports/{report['id']}/stamped-pdf",
        {"file": SimpleUploadedFile("大.pdf", pdf_bytes() + b"%" * 5000, "application/pdf")},
    )
    assert response.status_code == 400 and "不能超过" in response.json()["detail"]


def test_responses_are_readable_utf8(cast, api_as):
    response = api_as("lena").get("/api/me")
    assert "县教育体育局" in response.content.decode("utf-8")
    assert response["Content-Type"] == "application/json; charset=utf-8"


# -- lights, by the board's own rule ------------------------------------------------------------


def test_it_gives_each_projects_light_by_the_boards_rule(cast, plan, q1, api_as):
    """Lena's unit submits Q1 (not yet reviewed); on 20 April nobody else has: project 5, where
    Pavel's 县财政局 is a partner, is red and names it, as the board says."""
    with time_machine.travel(datetime.datetime(2023, 4, 8, 9, tzinfo=datetime.UTC), tick=False):
        report = start_report(cast["lena"].unit, q1)
        submit_filled(report, cast["lena"], "按计划推进", {"新改扩建幼儿园": "2"})
    with time_machine.travel(datetime.datetime(2023, 4, 20, 9, tzinfo=datetime.UTC), tick=False):
        lights = api_as("leah").get(f"/api/plans/{plan.pk}/periods/1/lights")
        board = build_board(plan, q1, datetime.date(2023, 4, 20))
    assert lights.status_code == 200
    by_seq = {light["project_seq"]: light for light in lights.json()}
    assert len(by_seq) == plan.projects.count()
    five = by_seq[5]
    assert five["colour"] == "red" and "县财政局（配合单位）报表逾期未报" in five["reason"]
    assert {"unit": "县财政局", "role": "partner"}.items() <= next(
        u for u in five["late_units"] if u["unit"] == "县财政局"
    ).items()
    for project in board.projects:  # the same colour and words as the board
        light, given = board.rows[project.pk].light, by_seq[project.seq]
        assert (given["colour"], given["reason"]) == (light.colour, light.reason)
    first = by_seq[1]
    assert first["unreviewed"] is True  # Lena's report is submitted, not yet accepted


@pytest.mark.parametrize("quarter", [0, 5, 99])
def test_it_answers_a_quarter_outside_the_year_with_a_chinese_error(cast, plan, api_as, quarter):
    response = api_as("leah").get(f"/api/plans/{plan.pk}/periods/{quarter}/lights")
    assert response.status_code in (404, 422)
    assert _chinese(response.json()["detail"])


def test_it_gives_no_lights_of_a_plan_the_person_may_not_see(cast, plan, api_as):
    assert api_as("otto").get(f"/api/plans/{plan.pk}/periods/1/lights").status_code == 404


def test_it_gives_each_projects_category_and_investment(cast, plan, api_as):
    first = api_as("leah").get(f"/api/plans/{plan.pk}/projects").json()[0]
    assert set(first) >= {"category", "investment"}
    assert first["investment"] is None or float(first["investment"]) >= 0
