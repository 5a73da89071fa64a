"""Cora writes the public text of each project, approves it past the personal-data check, and
publishes the plan; nobody else may."""

import pytest
from django.urls import reverse

from shishi.history.models import Event
from shishi.public.models import PublicStatement
from shishi.reporting.services import accept_report
from tests.public.conftest import report


def _post(client, plan, quarter, project, action, text="", **extra):
    url = reverse("public:statement", args=[plan.pk, quarter, project.pk])
    return client.post(url, {"action": action, "text": text, **extra})


def _public(client, plan, quarter=1):
    client.logout()
    return client.get(reverse("public:plan", args=[plan.pk]) + f"?q={quarter}").content.decode()


@pytest.fixture
def published(plan, cast, client):
    client.force_login(cast["cora"])
    client.post(reverse("public:publish", args=[plan.pk]), {"action": "publish"})
    plan.refresh_from_db()
    return plan


def test_it_saves_a_draft_that_the_public_does_not_see(client, cast, published):
    project = published.projects.get(seq=2)
    response = _post(client, published, 1, project, "save", "县医院托育机构已完成选址。")
    assert response.status_code == 302
    statement = PublicStatement.objects.get(project=project)
    assert statement.text == "县医院托育机构已完成选址。" and statement.approved_text == ""
    assert "县医院托育机构已完成选址。" not in _public(client, published)


def test_approving_puts_the_text_on_the_public_page_and_withdrawing_takes_it_off(client, cast, published):
    project = published.projects.get(seq=2)
    _post(client, published, 1, project, "approve", "县医院托育机构已完成选址。")
    statement = PublicStatement.objects.get(project=project)
    assert statement.approved_by == cast["cora"] and statement.approved_at
    assert "县医院托育机构已完成选址。" in _public(client, published)
    client.force_login(cast["cora"])
    _post(client, published, 1, project, "withdraw")
    assert "县医院托育机构已完成选址。" not in _public(client, published)
    assert list(Event.objects.filter(plan_id=published.pk).values_list("verb", flat=True)[:2]) == [
        "withdrawn",
        "approved",
    ]


def test_editing_an_approved_text_keeps_the_approved_one_public_until_approved_again(client, cast, published):
    project = published.projects.get(seq=2)
    _post(client, published, 1, project, "approve", "第一版说明。")
    _post(client, published, 1, project, "save", "第二版说明，尚未审核。")
    page = _public(client, published)
    assert "第一版说明。" in page and "第二版说明" not in page
    client.force_login(cast["cora"])
    manage = client.get(reverse("public:manage_quarter", args=[published.pk, 1])).content.decode()
    assert "有修改尚未公开" in manage


def test_personal_data_stops_the_approval_and_shows_what_was_found(client, cast, published):
    project = published.projects.get(seq=9)
    text = "希望小屋已建成5间，联系人手机138-1234-5678，身份证370321198506120033。"
    response = _post(client, published, 1, project, "approve", text)
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "手机号码" in page
        and "138-1234-5678" in page
        and "身份证号码" in page
        and "370321198506120033" in page
    )
    assert "我已核实以上内容可以向社会公开" in page
    statement = PublicStatement.objects.get(project=project)
    assert statement.text == text and statement.approved_text == ""  # kept as a draft, not public
    assert "希望小屋已建成5间" not in _public(client, published)


def test_the_coordinator_may_confirm_exactly_what_was_found_and_publish_anyway(client, cast, published):
    project = published.projects.get(seq=9)
    text = "咨询电话13812345678（县妇联公开服务号码）。"
    _post(client, published, 1, project, "approve", text)
    response = _post(client, published, 1, project, "approve", text, confirm="1", confirmed=["13812345678"])
    assert response.status_code == 302
    statement = PublicStatement.objects.get(project=project)
    assert statement.approved_text == text
    assert statement.confirmed_findings == [{"kind": "mobile", "text": "13812345678"}]
    assert text in _public(client, published)


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"confirmed": ["13812345678"]}, id="without-ticking-the-box"),
        pytest.param({"confirm": "1", "confirmed": ["13900000000"]}, id="confirming-another-number"),
        pytest.param({"confirm": "1"}, id="confirming-nothing-in-particular"),
    ],
)
def test_a_confirmation_must_be_explicit_and_cover_every_finding(client, cast, published, extra):
    project = published.projects.get(seq=9)
    response = _post(client, published, 1, project, "approve", "电话13812345678。", **extra)
    assert response.status_code == 400
    assert PublicStatement.objects.get(project=project).approved_text == ""


def test_an_empty_text_cannot_be_approved(client, cast, published):
    response = _post(client, published, 1, published.projects.get(seq=1), "approve", "   ")
    assert response.status_code == 400 and "公开说明是空的" in response.content.decode()


def test_publishing_and_unpublishing(client, cast, plan):
    client.force_login(cast["cora"])
    assert client.get(reverse("public:plan", args=[plan.pk])).status_code == 404
    client.post(reverse("public:publish", args=[plan.pk]), {"action": "publish"})
    assert client.get(reverse("public:plan", args=[plan.pk])).status_code == 200
    client.post(reverse("public:publish", args=[plan.pk]), {"action": "unpublish"})
    assert client.get(reverse("public:plan", args=[plan.pk])).status_code == 404
    assert list(
        Event.objects.filter(plan_id=plan.pk, verb__in=["published", "unpublished"]).values_list(
            "verb", flat=True
        )
    ) == ["unpublished", "published"]


def test_the_manage_page_shows_the_accepted_report_only_as_a_reference(client, cast, plan, q1):
    accept_report(
        report(cast["lena"].unit, q1, cast["lena"], "已开工3所幼儿园。", {"新改扩建幼儿园": "3"}),
        cast["cora"],
    )
    client.force_login(cast["cora"])
    page = client.get(reverse("public:manage_quarter", args=[plan.pk, 1])).content.decode()
    assert "牵头单位已通过的报表写道" in page and "已开工3所幼儿园。" in page


# -- who may ------------------------------------------------------------------------------------

MANAGERS = {"cora", "admin"}


@pytest.mark.parametrize("role", ["cora", "admin", "leah", "cici", "otto", "lena", "olga"])
def test_only_the_plans_coordinator_manages_what_is_public(client, cast, plan, role):
    client.force_login(cast[role])
    answers = {
        "manage": client.get(reverse("public:manage", args=[plan.pk])).status_code,
        "approve": _post(client, plan, 1, plan.projects.get(seq=1), "approve", "说明").status_code,
        "publish": client.post(reverse("public:publish", args=[plan.pk]), {"action": "publish"}).status_code,
    }
    plan.refresh_from_db()
    if role in MANAGERS:
        assert answers == {"manage": 200, "approve": 302, "publish": 302}
        assert plan.published and PublicStatement.objects.get().approved_text == "说明"
    else:
        assert answers == {"manage": 403, "approve": 403, "publish": 403}
        assert not plan.published and not PublicStatement.objects.exists()


@pytest.mark.parametrize("name, method", [("public:manage", "get"), ("public:publish", "post")])
def test_anonymous_visitors_are_sent_to_log_in(client, plan, name, method):
    response = getattr(client, method)(reverse(name, args=[plan.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    plan.refresh_from_db()
    assert not plan.published
