"""Withdrawing a plan imported by mistake, before anyone wrote on it; archiving it after.

Cora manages 桓台县's plan (the `plan` fixture, no report yet); Otto, 高青县's coordinator, and
Lena, a clerk on the plan, may do neither."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shishi.history.models import Event
from shishi.plans.lifecycle import archive_plan, withdraw_plan
from shishi.plans.models import NoticeFile, Plan
from shishi.plans.services import PlanError
from shishi.reporting.services import start_report
from shishi.selection.ratings import RatingSettings, create_satisfaction_session


def test_cora_withdraws_a_plan_no_one_has_written_on_after_a_confirmation_page(client, cast, plan):
    client.force_login(cast["cora"])
    url = reverse("plans:withdraw", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "确认撤回" in page and "上传的通知原文件保留" in page and "10项实事" in page
    response = client.post(url)
    assert response.url == reverse("plans:list")
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert plan.projects.model.objects.filter(plan_id=plan.pk).count() == 0
    # The notice file stays, as uploaded, and the history says who withdrew what.
    notice_file = NoticeFile.objects.get(pk=plan.notice_file_id)
    assert notice_file.sha256 and not hasattr(notice_file, "plan")
    event = Event.objects.get(verb="withdrew")
    assert event.actor == cast["cora"] and "撤回2023年实事计划《关于2023年为全县妇女儿童办实事的通知》" in (
        event.summary
    )
    assert Plan.history.filter(id=plan.pk, history_type="-").exists()
    # Uploading the same file again opens its preview, ready to be confirmed anew.
    assert client.get(reverse("plans:preview", args=[notice_file.pk])).status_code == 200


def test_a_plan_with_a_report_even_a_draft_is_not_withdrawn_but_may_be_archived(client, cast, plan, q1):
    start_report(cast["lena"].unit, q1)  # Lena opened her form: a draft exists
    client.force_login(cast["cora"])
    url = reverse("plans:withdraw", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "不能撤回：已有责任单位的季度报表（含草稿）" in page and "确认撤回" not in page
    response = client.post(url, follow=True)
    assert "已有责任单位的季度报表（含草稿），不能撤回" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()
    with pytest.raises(PlanError, match="可以改为归档"):
        withdraw_plan(plan, cast["cora"])


def test_the_plan_page_offers_withdrawal_only_while_it_is_possible(client, cast, plan, q1):
    client.force_login(cast["cora"])
    assert "撤回导入" in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    start_report(cast["lena"].unit, q1)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "撤回导入" not in page and "归档" in page


@pytest.mark.parametrize("who", ["otto", "lena", "leah"])
def test_no_one_but_the_regions_coordinator_withdraws_or_archives(client, cast, plan, who):
    client.force_login(cast[who])
    assert client.get(reverse("plans:withdraw", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:withdraw", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:archive", args=[plan.pk])).status_code == 403
    plan.refresh_from_db()
    assert not plan.archived


def test_an_archived_plan_leaves_the_default_list_and_stays_readable_under_archived(client, cast, plan, q1):
    start_report(cast["lena"].unit, q1)
    client.force_login(cast["cora"])
    response = client.post(reverse("plans:archive", args=[plan.pk]), follow=True)
    assert "已归档" in response.content.decode()
    plan.refresh_from_db()
    assert plan.archived and Event.objects.filter(verb="archived", plan_id=plan.pk).exists()
    detail = reverse("plans:detail", args=[plan.pk])
    for who in ("cora", "lena", "leah"):
        client.force_login(cast[who])
        assert detail not in client.get(reverse("plans:list")).content.decode()
        archived = client.get(reverse("plans:list") + "?show=archived").content.decode()
        assert detail in archived and "已归档的实事计划" in archived
        assert client.get(detail).status_code == 200
    assert list(Plan.objects.in_use()) == [] and list(Plan.objects.archived()) == [plan]


def test_cora_takes_a_plan_out_of_the_archive(client, cast, plan):
    archive_plan(plan, cast["cora"])
    before = Plan.objects.get(pk=plan.pk).changed_at
    client.force_login(cast["cora"])
    client.post(reverse("plans:archive", args=[plan.pk]))
    plan.refresh_from_db()
    assert not plan.archived and plan.changed_at > before  # cached pages refresh
    assert reverse("plans:detail", args=[plan.pk]) in client.get(reverse("plans:list")).content.decode()


def test_a_plan_with_a_satisfaction_vote_is_not_withdrawn_but_may_be_archived(client, cast, plan):
    create_satisfaction_session(plan, cast["cora"], RatingSettings(title="年终满意度测评", members=30))
    client.force_login(cast["cora"])
    url = reverse("plans:withdraw", args=[plan.pk])
    assert "已设立满意度测评" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert response.status_code == 200 and "已设立满意度测评，不能撤回" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()
    assert "撤回导入" not in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
