"""A 民生实事 notice whose list is a table (issue 13): each project's 类别, 年度投资（万元） and
完成时限 go from the notice through the preview, where they can be corrected, to the plan, the
plan's page and the project export."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shishi.plans.models import NoticeFile, Plan
from tests.notice.minsheng import variants

# seq → (category, investment in 万元, 完成时限), as tests/notice/test_minsheng.py reads the fixture
EXPECTED = {
    1: ("教育惠民", Decimal(32000), "2024-12-31"),
    2: ("教育惠民", Decimal(850), "2024-09-30"),
    3: ("医疗健康", Decimal(560), "2024-11-30"),
    5: ("民生保障", Decimal(15000), "2024-12-31"),  # 1.5亿元 in the 万元 column
    7: ("民生保障", Decimal(240), "2024-08-31"),
}


def _upload(client, fmt: str) -> NoticeFile:
    data, filename = variants("table-attachment")[fmt]
    client.post(reverse("plans:import"), {"file": SimpleUploadedFile(filename, data)})
    return NoticeFile.objects.get()


def _every_unit_new(notice_file, **fields) -> dict:
    """Every unit new, and the tick that this 临川市 notice really is to be 桓台县's plan."""
    names = list(dict.fromkeys(u for p in notice_file.draft["projects"] for u in p["units"]))
    units = {f"unit-{i}": "new" for i in range(len(names))}
    return {"action": "confirm", "other_region": "1", **units, **fields}


@pytest.mark.parametrize("fmt", ["txt-pipes", "docx"])
def test_it_imports_category_investment_and_deadline_per_project(client, cora, fmt):
    client.force_login(cora)
    notice_file = _upload(client, fmt)
    url = reverse("plans:preview", args=[notice_file.pk])
    page = client.get(url).content.decode()
    assert 'name="p-0-category" value="教育惠民"' in page
    assert 'name="p-0-investment" value="32000"' in page
    assert 'name="p-1-deadline" value="2024-09-30"' in page and "通知原文：2024年9月底" in page

    response = client.post(url, _every_unit_new(notice_file))
    plan = Plan.objects.get()
    assert response.url == reverse("plans:detail", args=[plan.pk])
    projects = {p.seq: p for p in plan.projects.all()}
    assert len(projects) == 7
    for seq, (category, investment, deadline) in EXPECTED.items():
        assert (projects[seq].category, projects[seq].investment, projects[seq].deadline.isoformat()) == (
            category,
            investment,
            deadline,
        )


def test_the_plan_page_and_the_project_export_show_them(client, cora):
    client.force_login(cora)
    notice_file = _upload(client, "txt-pipes")
    client.post(reverse("plans:preview", args=[notice_file.pk]), _every_unit_new(notice_file))
    plan = Plan.objects.get()

    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "类别：教育惠民 · 年度投资：32000万元 · 完成时限：2024年12月31日" in page
    assert "类别：教育惠民 · 年度投资：850万元 · 完成时限：2024年9月30日" in page

    export = client.get(reverse("exports:plan", args=[plan.pk, "projects", "csv"]))
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    by_seq = {int(row["序号"]): row for row in rows}
    for seq, (category, investment, deadline) in EXPECTED.items():
        assert (by_seq[seq]["类别"], by_seq[seq]["投资（万元）"], by_seq[seq]["完成时限"]) == (
            category,
            str(investment),
            deadline,
        )


def test_the_coordinator_corrects_category_and_investment_in_the_preview(client, cora):
    client.force_login(cora)
    notice_file = _upload(client, "txt-pipes")
    url = reverse("plans:preview", args=[notice_file.pk])
    client.post(
        url,
        _every_unit_new(
            notice_file, **{"p-0-category": "教育", "p-0-investment": "３２，５００.5", "p-1-investment": ""}
        ),
    )
    plan = Plan.objects.get()
    first, second = plan.projects.get(seq=1), plan.projects.get(seq=2)
    assert (first.category, first.investment) == ("教育", Decimal("32500.50"))
    assert second.investment is None


@pytest.mark.parametrize(
    "typed, message",
    [
        ("三千", "第1项年度投资（万元）应填数字，而不是“三千”。"),
        ("-5", "第1项年度投资（万元）应为0或正数，而不是“-5”。"),
        ("1e20", "第1项年度投资（万元）不能超过9,999,999,999,999.99。"),
    ],
)
def test_a_bad_investment_is_refused_with_a_message_and_nothing_typed_is_lost(client, cora, typed, message):
    client.force_login(cora)
    notice_file = _upload(client, "txt-pipes")
    before = notice_file.draft
    response = client.post(
        reverse("plans:preview", args=[notice_file.pk]),
        _every_unit_new(
            notice_file,
            **{"p-0-investment": typed, "p-0-category": "教育惠民（改）", "p-2-title": "两癌筛查"},
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'name="p-0-investment" value="{typed}"' in page
    assert (
        'name="p-0-category" value="教育惠民（改）"' in page and 'name="p-2-title" value="两癌筛查"' in page
    )
    notice_file.refresh_from_db()
    assert notice_file.draft == before and not Plan.objects.exists()


def test_a_category_too_long_for_its_column_is_named(client, cora):
    client.force_login(cora)
    notice_file = _upload(client, "txt-pipes")
    response = client.post(
        reverse("plans:preview", args=[notice_file.pk]),
        _every_unit_new(notice_file, **{"p-3-category": "类" * 61}),
    )
    assert response.status_code == 400
    assert "第4项类别有61个字，最多60个字，请精简。" in response.content.decode()
    assert not Plan.objects.exists()


def test_a_draft_kept_before_categories_were_read_still_imports(client, cora):
    client.force_login(cora)
    notice_file = _upload(client, "txt-pipes")
    for project in notice_file.draft["projects"]:
        for key in ("category", "investment", "deadline_text"):
            del project[key]
    notice_file.save()
    client.post(reverse("plans:preview", args=[notice_file.pk]), _every_unit_new(notice_file))
    first = Plan.objects.get().projects.get(seq=1)
    assert (first.category, first.investment) == ("", None)


def test_a_65_project_table_notice_imports_in_one_go_as_a_browser_posts_it(client, cora):
    from tests.notice.minsheng import long_table_notice
    from tests.plans.test_large_notice import fields_with_new_units, form_as_a_browser_sends_it

    client.force_login(cora)
    client.post(reverse("plans:import"), {"text": long_table_notice(65)})
    url = reverse("plans:preview", args=[NoticeFile.objects.get().pk])
    fields = form_as_a_browser_sends_it(client.get(url).content.decode(), "confirm")
    # 青山县's notice for 桓台县: the coordinator ticks that she means it.
    confirmed = client.post(url, fields_with_new_units(fields) | {"other_region": ["1"]})
    plan = Plan.objects.get()
    assert confirmed.url == reverse("plans:detail", args=[plan.pk])
    last = plan.projects.get(seq=65)
    assert plan.projects.count() == 65
    assert (last.investment, last.deadline.isoformat()) == (Decimal(650), "2024-12-31")
