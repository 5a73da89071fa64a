"""Exports of a plan, as CSV and XLSX, with report content by the rules of can_read_report.

The scene: Lena (县教育体育局) has a Q1 draft. Pavel (县财政局) submitted Q1, Cora returned it, and
Pavel has since rewritten it without resubmitting: that rewrite is a draft again.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from shishi.exports.tables import TABLES, plain, table_for
from shishi.plans.models import Target
from shishi.reporting.services import (
    LineEntry,
    attach_stamped_pdf,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from tests.conftest import pdf_bytes

LENAS_DRAFT = "教体局尚未报送的草稿"
PAVELS_SUBMITTED = "财政局已报送：拨付筛查资金50万元"
PAVELS_REWRITE = "财政局退回后改写、尚未重新报送"


def _fill(report, person, measures, figure):
    entries = {
        line.project_id: LineEntry(
            measures, "2023年12月31日", "on_schedule", {v.target_id: figure for v in line.values.all()}
        )
        for line in report.lines.prefetch_related("values")
    }
    return save_draft(report, person, report.revision, entries)


@pytest.fixture
def scene(cast, plan, q1):
    lena, pavel, cora = cast["lena"], cast["pavel"], cast["cora"]
    _fill(start_report(lena.unit, q1), lena, LENAS_DRAFT, 2)
    report = _fill(start_report(pavel.unit, q1), pavel, PAVELS_SUBMITTED, 100)
    attach_stamped_pdf(report, pavel, pdf_bytes(), "盖章.pdf")
    submit_report(report, pavel, report.revision)
    report.refresh_from_db()
    report = return_report(report, cora, "请补充")
    _fill(report, pavel, PAVELS_REWRITE, 7)
    return {"plan": plan, "q1": q1}


def rows_of(data: bytes, fmt: str) -> list[list[str]]:
    """The table as text cells, header first, whatever the format."""
    if fmt == "csv":
        assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the BOM
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(data)).active
    values = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return values[1:]  # below the title row


def download(client, plan, kind, fmt, **params):
    response = client.get(reverse("exports:plan", args=[plan.pk, kind, fmt]), params)
    assert response.status_code == 200, response.status_code
    assert "attachment" in response["Content-Disposition"]
    return rows_of(response.content, fmt)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "kind, count",
    [
        ("plans", lambda plan: 1),
        ("projects", lambda plan: plan.projects.count()),
        ("targets", lambda plan: Target.objects.filter(project__plan=plan).count()),
    ],
)
def test_it_exports_the_plan_itself(client, cast, plan, kind, count, fmt):
    client.force_login(cast["leah"])
    table = download(client, plan, kind, fmt)
    assert table[0] == [c.title for c in TABLES[kind].columns]
    assert len(table) - 1 == count(plan)


@pytest.mark.parametrize("role", ["cora", "pavel"])
@pytest.mark.parametrize("kind", list(TABLES))
def test_csv_and_xlsx_hold_the_same_cells(client, cast, scene, kind, role):
    """Every table with content in every state (draft, returned, submitted versions)."""
    client.force_login(cast[role])
    as_csv = download(client, scene["plan"], kind, "csv")
    as_xlsx = download(client, scene["plan"], kind, "xlsx")
    assert len(as_csv) > 1
    assert as_xlsx == as_csv


def test_the_project_table_names_lead_and_partner_units(client, cast, plan):
    client.force_login(cast["leah"])
    table = download(client, plan, "projects", "csv")
    header, first = table[0], table[1]
    row = dict(zip(header, first))
    assert (row["序号"], row["牵头单位"], row["主题"]) == ("1", "县教育体育局", "教育")


def test_the_target_table_gives_goals_as_written_and_the_id_for_bulk_updates(client, cast, plan):
    client.force_login(cast["leah"])
    table = download(client, plan, "targets", "csv")
    rows = [dict(zip(table[0], r)) for r in table[1:]]
    kindergartens = next(r for r in rows if r["指标"] == "新改扩建幼儿园")
    target = Target.objects.get(project__plan=plan, indicator="新改扩建幼儿园")
    assert kindergartens["指标编号"] == str(target.pk)
    assert kindergartens["目标"] == target.goal
    assert "E" not in kindergartens["目标值"]


def _report_rows(client, plan):
    table = download(client, plan, "reports", "csv")
    return [dict(zip(table[0], r)) for r in table[1:]]


@pytest.mark.parametrize("role", ["cora", "leah", "cici", "admin"])
def test_others_get_the_submitted_version_never_a_draft(client, cast, scene, role):
    client.force_login(cast[role])
    rows = _report_rows(client, scene["plan"])
    assert {r["单位"] for r in rows} == {"县财政局"}  # Lena's never-submitted draft is not there
    assert {r["本季度具体措施及任务进度情况"] for r in rows} == {PAVELS_SUBMITTED}
    assert {r["内容来源"] for r in rows} == {"第1版（已退回）"}
    assert all("100" in r["累计完成值"] and "1E+2" not in r["累计完成值"] for r in rows if r["累计完成值"])
    assert PAVELS_REWRITE not in str(rows) and LENAS_DRAFT not in str(rows)


@pytest.mark.parametrize(
    "role, own, other", [("lena", LENAS_DRAFT, PAVELS_SUBMITTED), ("pavel", PAVELS_REWRITE, LENAS_DRAFT)]
)
def test_a_clerk_gets_the_own_units_draft_and_nothing_of_other_units(client, cast, scene, role, own, other):
    client.force_login(cast[role])
    rows = _report_rows(client, scene["plan"])
    assert {r["单位"] for r in rows} == {cast[role].unit.name}
    assert {r["本季度具体措施及任务进度情况"] for r in rows} == {own}
    assert {r["内容来源"] for r in rows} == {"本单位草稿"}
    assert other not in str(rows)


def test_the_figure_table_follows_the_same_rule(client, cast, scene):
    client.force_login(cast["cora"])
    table = download(client, scene["plan"], "figures", "csv", quarter=1)
    rows = [dict(zip(table[0], r)) for r in table[1:]]
    assert {r["季度"] for r in rows} == {"1"}
    finance = [r for r in rows if r["单位"] == "县财政局"]
    education = [r for r in rows if r["单位"] == "县教育体育局"]
    assert finance and {r["累计完成值"] for r in finance} == {"100"}  # submitted, not the rewrite's 7
    assert education and {r["累计完成值"] for r in education} == {""}  # a draft: not Cora's to read
    assert {r["报表状态"] for r in education} == {"草稿"}


def test_only_those_who_see_the_plan_export_it(client, cast, plan):
    answers, expected = {}, {}
    for role in ("lena", "pavel", "cora", "leah", "cici", "admin", "otto", "olga"):
        client.force_login(cast[role])
        for kind in TABLES:
            answers[role, kind] = client.get(reverse("exports:plan", args=[plan.pk, kind, "csv"])).status_code
            expected[role, kind] = 403 if role in ("otto", "olga") else 200
    assert answers == expected


def test_it_answers_404_for_an_unknown_table_or_format(client, cast, plan):
    client.force_login(cast["cora"])
    assert client.get(reverse("exports:plan", args=[plan.pk, "secrets", "csv"])).status_code == 404
    assert client.get(reverse("exports:plan", args=[plan.pk, "plans", "pdf"])).status_code == 404


def test_a_city_coordinator_exports_every_county_she_sees(cast, plan, world):
    from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
    from tests.conftest import SAMPLES

    otto = cast["otto"]
    notice = read_notice_upload(
        world["gaoqing"], otto, (SAMPLES / "gaoqing-2024.txt").read_bytes(), "gaoqing-2024.txt"
    )
    gaoqing = confirm_plan(notice, otto, {name: "new" for name in draft_unit_names(notice.draft)})
    city = rows_of(table_for(cast["cici"], "plans").to_csv(), "csv")
    assert sorted(r[1] for r in city[1:]) == ["桓台县", "高青县"]
    county = rows_of(table_for(cast["cora"], "plans").to_csv(), "csv")
    assert [r[1] for r in county[1:]] == ["桓台县"]
    assert gaoqing.title not in str(county)


@pytest.mark.parametrize(
    "value, expected", [("1E+2", 100), ("85.50", "85.5"), ("0.00", 0), (None, None), ("", None)]
)
def test_figures_read_as_people_write_them(value, expected):
    result = plain(value)
    assert (str(result) if isinstance(expected, str) else result) == expected
