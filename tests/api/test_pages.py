"""The api app's pages: who may open which, tokens made and revoked, and what each page shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shishi.api.models import ApiToken
from shishi.api.tokens import digest
from shishi.exports.models import ExportJob
from tests.conftest import ApiClient

ROLES = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "admin"]
EVERYONE = set(ROLES)
PLAN_READERS = {"lena", "pavel", "cora", "leah", "cici", "admin"}
MANAGERS = {"cora", "admin"}


@pytest.fixture
def scene(cast, plan):
    job = ExportJob.objects.create(person=cast["cora"], kind="plans", format="csv")
    return {"plan": plan, "job": job}


CASES = [
    ("exports:index", lambda s: [], EVERYONE),
    ("api:tokens", lambda s: [], EVERYONE),
    ("reporting:bulk", lambda s: [s["plan"].pk], MANAGERS),
    ("exports:job", lambda s: [s["job"].pk], {"cora"}),
    ("exports:job_status", lambda s: [s["job"].pk], {"cora"}),
]


@pytest.mark.parametrize("name, args, allowed", CASES, ids=[c[0] for c in CASES])
def test_it_gives_each_role_exactly_its_pages(client, cast, scene, name, args, allowed):
    """Refused is 403, except for someone else's job: 404, as if there were none."""
    refused = 404 if name.startswith("exports:job") else 403
    answers = {}
    for role in ROLES:
        client.force_login(cast[role])
        answers[role] = client.get(reverse(name, args=args(scene))).status_code
    assert answers == {role: 200 if role in allowed else refused for role in ROLES}


@pytest.mark.parametrize(
    "name, args",
    [
        ("exports:index", lambda s: []),
        ("api:tokens", lambda s: []),
        ("reporting:bulk", lambda s: [s["plan"].pk]),
        ("exports:job", lambda s: [s["job"].pk]),
        ("exports:plan", lambda s: [s["plan"].pk, "plans", "csv"]),
    ],
)
def test_it_sends_anonymous_visitors_to_the_login_page(client, scene, name, args):
    response = client.get(reverse(name, args=args(scene)))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_exports_page_lists_only_visible_plans_and_offers_bulk_updates_to_the_coordinator(
    client, cast, plan
):
    client.force_login(cast["cora"])
    page = client.get(reverse("exports:index")).content.decode()
    assert reverse("exports:plan", args=[plan.pk, "reports", "xlsx"]) in page
    assert reverse("reporting:bulk", args=[plan.pk]) in page
    client.force_login(cast["leah"])
    page = client.get(reverse("exports:index")).content.decode()
    assert reverse("exports:plan", args=[plan.pk, "reports", "xlsx"]) in page
    assert reverse("reporting:bulk", args=[plan.pk]) not in page
    client.force_login(cast["otto"])
    assert (
        reverse("exports:plan", args=[plan.pk, "reports", "xlsx"])
        not in client.get(reverse("exports:index")).content.decode()
    )


def test_a_new_token_is_shown_once_and_works(client, cast, plan):
    client.force_login(cast["lena"])
    response = client.post(reverse("api:tokens"), {"name": "单位OA对接"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get(person=cast["lena"])
    assert token.token_sha256 == digest(raw) and raw not in token.token_sha256
    assert raw not in client.get(reverse("api:tokens")).content.decode()  # never again
    assert ApiClient(raw).get("/api/me").json()["unit"] == "县教育体育局"


@pytest.mark.parametrize(
    "name, message",
    [
        ("  ", "请写明令牌的用途"),
        ("长" * 61, "不能超过60个字"),
        ("含\x00字符", "不能有控制字符"),
    ],
    ids=["blank", "too long", "a NUL"],
)
def test_a_token_needs_a_purpose_a_person_can_read(client, cast, name, message):
    client.force_login(cast["lena"])
    response = client.post(reverse("api:tokens"), {"name": name})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_stops_working_and_nobody_else_can_revoke_it(client, cast):
    client.force_login(cast["lena"])
    raw = client.post(reverse("api:tokens"), {"name": "临时"}).context["new_token"]
    token = ApiToken.objects.get()
    client.force_login(cast["pavel"])
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    assert ApiClient(raw).get("/api/me").status_code == 200
    client.force_login(cast["lena"])
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    assert ApiClient(raw).get("/api/me").status_code == 401
    assert "已停用" in client.get(reverse("api:tokens")).content.decode()


def test_no_page_has_an_inline_script(client, cast, scene):
    client.force_login(cast["cora"])
    for name, args in [
        ("exports:index", []),
        ("api:tokens", []),
        ("reporting:bulk", [scene["plan"].pk]),
        ("exports:job", [scene["job"].pk]),
    ]:
        page = client.get(reverse(name, args=args)).content.decode()
        assert "<script>" not in page and " on" + "click=" not in page, name
