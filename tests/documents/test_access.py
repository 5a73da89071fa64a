"""Who may take which form out and bring one back in.

The scene: Lena (县教育体育局) has a Q1 draft she never submitted and an upload waiting for
her confirmation; Pavel (县财政局) submitted his Q1 report. Drafts belong to the unit: only
the unit's own clerk takes its draft out or brings a form back in; coordinators, leaders and
city coordinators of the plan read submitted forms; the blank attachment is for anyone who may
see the plan. Another county (Otto, Olga) sees nothing.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from shishi.documents.models import FormImport
from shishi.documents.services import read_upload, unit_form
from shishi.reporting.models import QuarterlyReport, ReportLine
from shishi.reporting.services import LineEntry, attach_stamped_pdf, save_draft, start_report, submit_report
from tests.conftest import pdf_bytes

ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "admin"]
PLAN_READERS = {"lena", "pavel", "cora", "leah", "cici", "admin"}
SUBMISSION_READERS = {"pavel", "cora", "leah", "cici", "admin"}


@pytest.fixture
def scene(cast, plan, q1):
    lena, pavel = cast["lena"], cast["pavel"]
    draft = start_report(lena.unit, q1)
    draft = save_draft(
        draft,
        lena,
        draft.revision,
        {line.project_id: LineEntry("教育局尚未报送的草稿", "", "", {}) for line in draft.lines.all()},
    )
    pending = read_upload(q1, lena, unit_form(q1, lena.unit, "draft").to_docx(), "报表.docx")
    submitted = start_report(pavel.unit, q1)
    submitted = save_draft(
        submitted,
        pavel,
        submitted.revision,
        {line.project_id: LineEntry("财政局已报送的内容", "", "", {}) for line in submitted.lines.all()},
    )
    attach_stamped_pdf(submitted, pavel, pdf_bytes(), "盖章.pdf")
    submit_report(submitted, pavel, submitted.revision)
    return {
        "plan": plan,
        "q1": q1,
        "lenas_unit": lena.unit,
        "pavels_unit": pavel.unit,
        "pending": pending,
        "elsewhere": cast["olga"].unit,
    }


def database():
    return (
        list(QuarterlyReport.objects.order_by("pk").values_list("pk", "state", "revision")),
        list(ReportLine.objects.order_by("pk").values_list("measures", "deadline")),
        list(FormImport.objects.order_by("pk").values_list("pk", "confirmed_at")),
    )


def lenas_form(s) -> dict:
    return {"form": SimpleUploadedFile("报表.docx", unit_form(s["q1"], s["lenas_unit"], "draft").to_docx())}


LOCKED = "locked"  # answered, but the unit's report is submitted: nothing read, nothing changed


def unit_file(quarter: int, unit: str, fmt: str):
    return lambda s: reverse("documents:unit_file", args=[s["plan"].pk, quarter, s[unit].pk, fmt])


CASES = {  # name: (method, url, data, who is allowed, who is answered that the report is locked)
    "forms page": (
        "GET",
        lambda s: reverse("documents:forms", args=[s["plan"].pk, 1]),
        None,
        PLAN_READERS,
        set(),
    ),
    "blank docx": (
        "GET",
        lambda s: reverse("documents:blank", args=[s["plan"].pk, "docx"]),
        None,
        PLAN_READERS,
        set(),
    ),
    "blank xlsx": (
        "GET",
        lambda s: reverse("documents:blank", args=[s["plan"].pk, "xlsx"]),
        None,
        PLAN_READERS,
        set(),
    ),
    "lenas draft form": ("GET", unit_file(1, "lenas_unit", "docx"), None, {"lena"}, set()),
    "lenas q2 form, not opened": ("GET", unit_file(2, "lenas_unit", "xlsx"), None, {"lena"}, set()),
    "pavels submitted form": ("GET", unit_file(1, "pavels_unit", "xlsx"), None, SUBMISSION_READERS, set()),
    "a unit not on the plan": ("GET", unit_file(1, "elsewhere", "docx"), None, set(), set()),
    # The upload goes into the clerk's own unit's report: Lena's draft, Pavel's submitted report.
    "upload a filled form for q1": (
        "POST",
        lambda s: reverse("documents:upload", args=[s["plan"].pk, 1]),
        lenas_form,
        {"lena"},
        {"pavel"},
    ),
    "preview lenas upload": (
        "GET",
        lambda s: reverse("documents:preview", args=[s["pending"].pk]),
        None,
        {"lena"},
        set(),
    ),
    "confirm lenas upload": (
        "POST",
        lambda s: reverse("documents:confirm", args=[s["pending"].pk]),
        lambda s: {},
        {"lena"},
        set(),
    ),
}


def send(client, case, s):
    method, url, data, *_ = CASES[case]
    if method == "POST":
        return client.post(url(s), data(s))
    return client.get(url(s))


def answer(client, role: str, case: str, s) -> str:
    """What happened, in words: "" when it was what the table says."""
    allowed, locked = CASES[case][3], CASES[case][4]
    before = database()
    response = send(client, case, s)
    if role in locked:
        landing = client.get(response.url) if response.status_code == 302 else None
        if landing is None or "报表已报送" not in landing.content.decode() or database() != before:
            return (
                f"{case}: expected a locked report to be refused with a message, got {response.status_code}"
            )
    elif role in allowed:
        if response.status_code == 302:
            response = client.get(response.url)
        if response.status_code != 200:
            return f"{case}: expected allowed, got {response.status_code}"
    elif response.status_code not in (403, 404) or database() != before:
        return f"{case}: expected refused with nothing changed, got {response.status_code}"
    return ""


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_each_role_exactly_its_forms(client, cast, scene, role):
    """Every case for one role, each in a rolled-back transaction, every mismatch named."""
    client.force_login(cast[role])
    mismatches = []
    for case in CASES:
        with transaction.atomic():
            mismatches.append(answer(client, role, case, scene))
            transaction.set_rollback(True)
    assert not [m for m in mismatches if m]


@pytest.mark.parametrize("case", list(CASES))
def test_it_sends_anonymous_visitors_to_the_login_page(client, scene, case):
    before = database()
    response = send(client, case, scene)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert database() == before


def test_a_clerk_uploads_only_into_their_own_units_report(client, cast, scene):
    """Pavel's upload goes to 县财政局's report, which is submitted: refused, nothing read."""
    client.force_login(cast["pavel"])
    before = database()
    response = client.post(reverse("documents:upload", args=[scene["plan"].pk, 1]), lenas_form(scene))
    assert response.status_code == 302
    assert "报表已报送" in str(list(client.get(response.url).context["messages"])[0])
    assert database() == before


def test_the_clerk_page_shows_only_the_clerks_own_unit(client, cast, scene):
    client.force_login(cast["lena"])
    page = client.get(reverse("documents:forms", args=[scene["plan"].pk, 1])).content.decode()
    assert reverse("documents:unit_file", args=[scene["plan"].pk, 1, scene["lenas_unit"].pk, "docx"]) in page
    assert (
        reverse("documents:unit_file", args=[scene["plan"].pk, 1, scene["pavels_unit"].pk, "docx"])
        not in page
    )
    assert reverse("documents:upload", args=[scene["plan"].pk, 1]) in page


def test_the_coordinator_page_offers_submitted_forms_only_and_the_blank_form(client, cast, scene):
    client.force_login(cast["cora"])
    page = client.get(reverse("documents:forms", args=[scene["plan"].pk, 1])).content.decode()
    assert reverse("documents:unit_file", args=[scene["plan"].pk, 1, scene["pavels_unit"].pk, "docx"]) in page
    assert (
        reverse("documents:unit_file", args=[scene["plan"].pk, 1, scene["lenas_unit"].pk, "docx"]) not in page
    )
    assert reverse("documents:blank", args=[scene["plan"].pk, "docx"]) in page
    assert reverse("documents:upload", args=[scene["plan"].pk, 1]) not in page
    assert "县教育体育局" in page and "县总工会" in page  # every unit of the plan is listed


def test_a_refused_upload_is_not_read(client, cast, scene):
    client.force_login(cast["cora"])
    response = client.post(reverse("documents:upload", args=[scene["plan"].pk, 1]), lenas_form(scene))
    assert response.status_code == 403
    assert FormImport.objects.count() == 1  # only Lena's pending one


@pytest.mark.parametrize("fmt", ["pdf", "csv", "doc"])
def test_it_offers_only_word_and_excel(client, cast, scene, fmt):
    client.force_login(cast["cora"])
    assert client.get(reverse("documents:blank", args=[scene["plan"].pk, fmt])).status_code == 404
