"""The form out: the notice's attachment, blank for the whole plan or filled for one unit."""

from __future__ import annotations

import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from shishi.documents.progress import BLANK_FIGURE as PEN
from shishi.documents.services import blank_form, title_of
from shishi.plans.models import Assignment
from shishi.reporting.services import (
    LineEntry,
    attach_stamped_pdf,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from tests.conftest import pdf_bytes, submit_filled

HEADINGS = [
    "序号",
    "实事名称",
    "责任单位",
    "本季度具体措施及任务进度情况",
    "量化指标及累计完成值",
    "完成时限",
]
TITLE = "2023年为全县妇女儿童办实事工作进展情况报表"
UNITS_IN_THE_NOTICE = {  # the attachment of 桓台县's 2023 notice, lead unit first
    1: ["县教育体育局"],
    2: ["县卫生健康局", "县总工会", "县住房城乡建设局", "市住房公积金管理中心桓台分中心"],
    3: ["县妇联", "县卫生健康局", "县教育体育局", "县综合执法局"],
    4: ["县妇联", "县卫生健康局", "县教育体育局"],
    5: ["县卫生健康局", "县妇联", "县财政局"],
    6: ["县人力资源社会保障局", "县妇联"],
    7: ["县妇联", "县教育体育局", "县检察院", "县公安局", "县司法局"],
    8: ["县文化和旅游局", "县科协", "县妇联", "团县委"],
    9: ["县妇联", "县民政局", "团县委", "县教育体育局", "县残联", "县检察院"],
    10: ["县妇联", "县卫生健康局", "县教育体育局"],
}


def word_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width > section.page_height, "not landscape"
    assert round(section.page_width.cm, 1) == 29.7 and round(section.page_height.cm, 1) == 21.0, "not A4"
    paragraphs = [p.text for p in document.paragraphs if p.text]
    return paragraphs, [[cell.text for cell in row.cells] for row in document.tables[0].rows]


def excel_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(
        sheet.PAPERSIZE_A4
    )
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if row[0] == "序号")
    return [row[0] for row in rows[:header]], rows[header:]


READERS = {"docx": word_table, "xlsx": excel_table}


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_blank_form_is_the_notices_attachment_with_all_ten_projects_and_their_units(
    client, cast, plan, fmt
):
    client.force_login(cast["cora"])
    response = client.get(reverse("documents:blank", args=[plan.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert f"{TITLE}（空白）.{fmt}" in unquote(response["Content-Disposition"])
    above, table = READERS[fmt](response.content)
    assert above == [TITLE, "单位（盖章）：", "填报时间：    年    月    日"]
    assert table[0] == HEADINGS
    assert {int(row[0]): row[2].split("\n") for row in table[1:]} == UNITS_IN_THE_NOTICE
    assert [row[1] for row in table[1:]][3] == "实施“心希望”健康服务行动"
    assert all(row[3] == "" for row in table[1:])
    figures = {int(row[0]): row[4].split("\n") for row in table[1:]}
    assert figures[1] == [
        f"新改扩建幼儿园：目标6所，完成{PEN}所",
        f"新改扩建中小学：目标4所，完成{PEN}所",
        f"新改扩建中职学校：目标1所，完成{PEN}所",
        f"拓展学位：目标≥3800个，完成{PEN}个",
    ]
    assert figures[4] == [""], "a project without targets has an empty cell"


def test_the_lead_unit_comes_first_whatever_order_the_assignments_were_stored_in(plan):
    project = plan.projects.get(seq=5)
    lead = Assignment.objects.get(project=project, role=Assignment.Role.LEAD)
    lead.order = 99
    lead.save()
    line = next(line for line in blank_form(plan).lines if line.seq == 5)
    assert line.units == UNITS_IN_THE_NOTICE[5]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_unit_form_is_prefilled_with_what_the_unit_wrote_for_the_period(client, cast, plan, q1, fmt):
    lena = cast["lena"]
    report = start_report(lena.unit, q1)
    project_3 = report.lines.get(project__seq=3).project_id
    targets = {t.indicator: t.pk for t in plan.projects.get(seq=3).targets.all()}
    save_draft(
        report,
        lena,
        report.revision,
        {
            project_3: LineEntry(
                "开展儿童友好宣传。\r\n完成试点申报。",
                "2023年9月",
                "",
                {
                    targets["建成高品质儿童友好社区"]: Decimal("1"),
                    targets["建成儿童友好基地"]: Decimal("12.5"),
                },
            )
        },
    )
    client.force_login(lena)
    with time_machine.travel("2023-04-06 10:00 +0800"):
        response = client.get(reverse("documents:unit_file", args=[plan.pk, 1, lena.unit.pk, fmt]))
    above, table = READERS[fmt](response.content)
    # A draft is printed, stamped and uploaded before it is submitted: its date is left for a pen.
    assert above == [TITLE, "单位（盖章）：县教育体育局", "填报时间：    年    月    日"]
    assert table[0] == HEADINGS
    assert [int(row[0]) for row in table[1:]] == [1, 3, 4, 7, 9, 10]
    row_3 = table[2]
    assert row_3[1:] == [
        "实施儿童友好城市建设行动",
        "\n".join(UNITS_IN_THE_NOTICE[3]),
        "开展儿童友好宣传。\n完成试点申报。",
        "建成高品质儿童友好社区：目标3个，完成1个\n"
        "建成儿童友好基地：目标10处，完成12.5处\n"
        f"选树儿童友好学校和医院：目标2个，完成{PEN}个\n"
        f"新建适儿化带状公园：目标1处，完成{PEN}处",
        "2023年9月",
    ]


def test_a_unit_that_has_not_opened_its_report_gets_its_projects_empty(client, cast, plan, q1):
    client.force_login(cast["pavel"])
    _, table = word_table(
        client.get(reverse("documents:unit_file", args=[plan.pk, 1, cast["pavel"].unit.pk, "docx"])).content
    )
    assert [row[:2] for row in table[1:]] == [["5", "实施适龄妇女“两癌”免费筛查和救助行动"]]
    assert table[1][3] == ""


def test_others_get_the_submitted_version_never_the_draft_being_reworked(client, cast, plan, q1):
    pavel = cast["pavel"]
    report = start_report(pavel.unit, q1)
    line = report.lines.get()
    report = save_draft(
        report, pavel, report.revision, {line.project_id: LineEntry("已拨付筛查资金50万元。", "", "", {})}
    )
    attach_stamped_pdf(report, pavel, pdf_bytes(), "盖章.pdf")
    submit_report(report, pavel, report.revision)
    report = return_report(report, cast["cora"], "请写明拨付时间")
    save_draft(report, pavel, report.revision, {line.project_id: LineEntry("尚未报送的新草稿。", "", "", {})})
    for who, expected in (
        ("cora", "已拨付筛查资金50万元。"),
        ("leah", "已拨付筛查资金50万元。"),
        ("cici", "已拨付筛查资金50万元。"),
        ("pavel", "尚未报送的新草稿。"),
    ):
        client.force_login(cast[who])
        _, table = word_table(
            client.get(reverse("documents:unit_file", args=[plan.pk, 1, pavel.unit.pk, "docx"])).content
        )
        assert table[1][3] == expected, who


@pytest.mark.parametrize(
    "attachment, expected",
    [
        pytest.param(
            {"title": "2023年为全县妇女儿童办实事工作进展情况报表（样表）", "rows": []},
            "2023年为全县妇女儿童办实事工作进展情况报表（样表）",
            id="the-notices-own-words",
        ),
        pytest.param(None, TITLE, id="no-attachment-built-from-year-and-county"),
        pytest.param({"title": "", "rows": []}, TITLE, id="attachment-without-a-title"),
    ],
)
def test_the_title_is_the_notices_own_or_built_from_year_and_region(plan, attachment, expected):
    plan.notice_file.parsed = {**plan.notice_file.parsed, "attachment": attachment}  # in memory only
    assert title_of(plan) == expected


def test_a_plan_without_a_notice_file_still_has_a_title(plan, world):
    plan.notice_file = None
    plan.region = world["huantai"]
    plan.region.name = "张店区"
    assert title_of(plan) == "2023年为全区妇女儿童办实事工作进展情况报表"


# --- 填报时间: the day the printed version was submitted ----------------------------------------


def printed_date(client, person, plan, unit, fmt: str = "docx") -> str:
    client.force_login(person)
    response = client.get(reverse("documents:unit_file", args=[plan.pk, 1, unit.pk, fmt]))
    return READERS[fmt](response.content)[0][2]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_it_prints_the_submission_date_whoever_downloads_it_and_whenever(client, cast, plan, q1, fmt):
    pavel = cast["pavel"]
    # 00:30 in 桓台 is still the day before in UTC: the date is the county's.
    with time_machine.travel("2023-04-09 00:30 +0800"):
        submit_filled(start_report(pavel.unit, q1), pavel, "已拨付筛查资金50万元。")
    with time_machine.travel("2023-05-20 10:00 +0800"):
        for who in ("pavel", "cora", "leah"):
            assert printed_date(client, cast[who], plan, pavel.unit, fmt) == "填报时间：2023年4月9日", who


def test_a_returned_report_is_undated_until_resubmitted_then_dated_by_the_latest_submission(
    client, cast, plan, q1
):
    pavel, cora = cast["pavel"], cast["cora"]
    with time_machine.travel("2023-04-09 10:00 +0800"):
        report = submit_filled(start_report(pavel.unit, q1), pavel, "已拨付筛查资金50万元。")
    with time_machine.travel("2023-04-10 10:00 +0800"):
        report = return_report(report, cora, "请写明拨付时间")
    with time_machine.travel("2023-04-11 10:00 +0800"):
        # The clerk reworks the draft: it will be stamped before it is submitted, so no date yet;
        # the coordinator still gets the version submitted on the 9th.
        assert printed_date(client, pavel, plan, pavel.unit) == "填报时间：    年    月    日"
        assert printed_date(client, cora, plan, pavel.unit) == "填报时间：2023年4月9日"
    with time_machine.travel("2023-04-12 15:00 +0800"):
        submit_filled(report, pavel, "4月6日已拨付筛查资金50万元。")
    with time_machine.travel("2023-06-01 10:00 +0800"):
        assert printed_date(client, pavel, plan, pavel.unit) == "填报时间：2023年4月12日"
        assert printed_date(client, cora, plan, pavel.unit) == "填报时间：2023年4月12日"


# --- Excel rows tall enough to print every line ------------------------------------------------


def test_the_excel_rows_grow_with_their_longest_cell_and_wrap_their_text(plan):
    sheet = load_workbook(io.BytesIO(blank_form(plan).to_xlsx())).active
    header = next(row for row in range(1, 10) if sheet.cell(row, 1).value == "序号")
    default = sheet.sheet_format.defaultRowHeight  # 15 points: one line of Excel's default font
    for row in range(header + 1, sheet.max_row + 1):
        seq, units = sheet.cell(row, 1).value, sheet.cell(row, 3).value
        height = sheet.row_dimensions[row].height
        # 11-point text: each unit's line takes 11 × 1.45 points where LibreOffice prints 仿宋 in
        # Noto Sans CJK (1.3 cut the last unit of project 2 in half), and long names wrap.
        assert height >= len(units.split("\n")) * 11 * 1.45, seq
        assert height > default, seq
        for column in range(1, 7):
            assert sheet.cell(row, column).alignment.wrap_text, (seq, column)
    row_9 = next(row for row in range(header + 1, sheet.max_row + 1) if sheet.cell(row, 1).value == 9)
    row_6 = next(row for row in range(header + 1, sheet.max_row + 1) if sheet.cell(row, 1).value == 6)
    # Project 9 has six units, project 6 two: the row is as tall as its unit list.
    assert sheet.row_dimensions[row_9].height > sheet.row_dimensions[row_6].height
