"""Lena (县教育体育局, on projects 1, 3, 4, 7, 9 and 10) takes her form out, fills it in Word or
Excel as clerks do, and brings it back: preview first, the draft changes only on confirm."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shishi.documents.models import FormImport
from shishi.documents.reading import read_form
from shishi.history.models import Event
from shishi.reporting.models import QuarterlyReport, ReportLine
from shishi.reporting.services import LineEntry, attach_stamped_pdf, save_draft, start_report, submit_report
from tests.conftest import pdf_bytes

from .filling import DEADLINE, MEASURES, UNITS, ExcelForm, WordForm, docx_without_table, xlsx_without_header

LENAS_PROJECTS = [1, 3, 4, 7, 9, 10]
TYPED = {  # what Lena types into 本季度具体措施及任务进度情况, two paragraphs where she pressed Enter
    seq: f"第{seq}项：一季度召开专题推进会{seq}次。\n已完成年度任务的{seq * 5}%。" for seq in LENAS_PROJECTS
}
FORMS = {"docx": WordForm, "xlsx": ExcelForm}


def download(client, plan, q1, unit, fmt: str) -> bytes:
    response = client.get(reverse("documents:unit_file", args=[plan.pk, q1.quarter, unit.pk, fmt]))
    assert response.status_code == 200, response.status_code
    return response.content


def upload(client, plan, q1, data: bytes, name: str):
    return client.post(
        reverse("documents:upload", args=[plan.pk, q1.quarter]),
        {"form": SimpleUploadedFile(name, data, "application/octet-stream")},
    )


def lines_of(report) -> dict[int, tuple[str, str]]:
    return {
        line.project.seq: (line.measures, line.deadline) for line in report.lines.select_related("project")
    }


@pytest.fixture
def lena(client, cast):
    client.force_login(cast["lena"])
    return cast["lena"]


@pytest.fixture
def report(lena, q1):
    report = start_report(lena.unit, q1)
    return save_draft(
        report,
        lena,
        report.revision,
        {
            line.project_id: LineEntry(
                measures="旧的草稿内容", deadline="2023年12月31日", assessment="on_schedule", values={}
            )
            for line in report.lines.all()
        },
    )


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_it_brings_back_what_the_clerk_typed_into_the_exported_form(client, lena, plan, q1, report, fmt):
    form = FORMS[fmt](download(client, plan, q1, lena.unit, fmt))
    for seq, text in TYPED.items():
        form.type_into(seq, MEASURES, text)
    form.type_into(9, DEADLINE, "2023年10月底")
    form.swap_rows(3, 7)  # rows reordered
    form.merge_units_of_adjacent_rows(9)  # 责任单位 of projects 9 and 10 merged into one cell
    before = lines_of(report)
    data = form.save()
    rows = read_form(data)
    assert [row.seq for row in rows] == [1, 7, 4, 3, 9, 10], "the rows were not reordered"
    assert rows[4].units == rows[5].units and "县妇联" in rows[5].units, "the unit cells were not merged"

    response = upload(client, plan, q1, data, f"一季度报表.{fmt}")
    form_import = FormImport.objects.get()
    assert response.url == reverse("documents:preview", args=[form_import.pk])
    assert lines_of(report) == before, "the draft changed before the clerk confirmed"

    page = client.get(response.url).content.decode()
    assert "第3项：一季度召开专题推进会3次。" in page and "旧的草稿内容" in page
    assert "没有导入的行" not in page

    confirmed = client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert confirmed.url == reverse("reporting:report", args=[report.pk])
    expected = {seq: (TYPED[seq], "2023年10月底" if seq == 9 else "2023年12月31日") for seq in LENAS_PROJECTS}
    assert lines_of(report) == expected
    assert QuarterlyReport.objects.get(pk=report.pk).revision == report.revision + 1
    assert Event.objects.filter(verb="edited", report_id=report.pk, summary__contains="一季度报表").exists()


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_it_reads_the_blank_attachment_filled_by_hand(client, lena, plan, q1, report, fmt):
    """The notice's blank form: all ten projects; Lena fills only hers, the others stay empty."""
    response = client.get(reverse("documents:blank", args=[plan.pk, fmt]))
    form = FORMS[fmt](response.content)
    for seq, text in TYPED.items():
        form.type_into(seq, MEASURES, text)
    form.swap_rows(1, 10)
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), f"附件.{fmt}").url.split("/")[-2]
    )
    page = client.get(reverse("documents:preview", args=[form_import.pk])).content.decode()
    assert "另有 4 项其他单位承担的实事" in page
    client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert {seq: m for seq, (m, _) in lines_of(report).items()} == TYPED


def test_it_lists_every_row_it_could_not_match_and_imports_none_of_them(client, lena, plan, q1, report):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, MEASURES, "幼儿园新开工3所。")
    form.add_row("11", "开展“三八”维权周宣传活动", "县教育体育局", "组织宣传活动3场。", "3月")
    form.add_row("2", "实施普惠托育服务多元供给行动", "县卫生健康局", "配合卫健局摸排托育机构。", "")
    form.add_row("", "", "", "备注：以上数据截至3月25日。", "")
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), "报表.docx").url.split("/")[-2]
    )
    page = client.get(reverse("documents:preview", args=[form_import.pk])).content.decode()
    assert "没有导入的行" in page
    for text in (
        "开展“三八”维权周宣传活动",
        "组织宣传活动3场。",
        "配合卫健局摸排托育机构。",
        "本单位不是第2项",
        "备注：以上数据截至3月25日。",
    ):
        assert text in page, text
    client.post(reverse("documents:confirm", args=[form_import.pk]))
    measures = {seq: m for seq, (m, _) in lines_of(report).items()}
    assert measures[1] == "幼儿园新开工3所。"
    assert all(text == "旧的草稿内容" for seq, text in measures.items() if seq != 1)
    assert not ReportLine.objects.filter(measures__contains="三八").exists()


def test_it_matches_a_row_by_its_name_when_its_number_disagrees_and_says_so(client, lena, plan, q1, report):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(3, MEASURES, "儿童友好城市：完成试点申报。")
    form.row_of(3).cells[0].text = "8"  # a hand-renumbered row: 8 is another project
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), "报表.docx").url.split("/")[-2]
    )
    page = client.get(reverse("documents:preview", args=[form_import.pk])).content.decode()
    assert "序号写的是“8”，实事名称却是第3项" in page and "请核对" in page
    client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert lines_of(report)[3][0] == "儿童友好城市：完成试点申报。"


def _one_message(client, response) -> str:
    """The one message the page the user lands on shows (showing it uses it up)."""
    assert response.status_code == 302
    found = [str(m) for m in client.get(response.url).context["messages"]]
    assert len(found) == 1, found
    return found[0]


def _state():
    return (
        list(QuarterlyReport.objects.values_list("pk", "state", "revision")),
        list(ReportLine.objects.order_by("pk").values_list("measures", "deadline")),
        FormImport.objects.count(),
    )


@pytest.mark.parametrize(
    "data, name, words",
    [
        pytest.param(b"%PDF-1.7 this is no form", "报表.docx", "无法读取这个文件", id="not-a-docx"),
        pytest.param(b"", "报表.docx", "空的", id="empty"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "报表.doc", "另存为", id="old-binary-doc"
        ),
        pytest.param(b"PK\x03\x04broken", "报表.xlsx", "已损坏", id="broken-zip"),
        pytest.param(
            docx_without_table(), "报表.docx", "没有找到进展情况报表的表格", id="docx-without-the-table"
        ),
        pytest.param(
            xlsx_without_header(), "报表.xlsx", "没有找到进展情况报表的表格", id="xlsx-without-a-header-row"
        ),
    ],
)
def test_a_file_it_cannot_read_gets_one_message_and_changes_nothing(
    client, lena, plan, q1, report, data, name, words
):
    before = _state()
    response = upload(client, plan, q1, data, name)
    assert response.url == reverse("documents:forms", args=[plan.pk, q1.quarter])
    assert words in _one_message(client, response)
    assert _state() == before


def test_a_bad_file_does_not_even_open_a_report_that_was_not_started(client, lena, plan, q1):
    response = upload(client, plan, q1, docx_without_table(), "报表.docx")
    assert "没有找到" in _one_message(client, response)
    assert not QuarterlyReport.objects.exists()


def test_a_first_upload_opens_the_report(client, lena, plan, q1):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, MEASURES, "幼儿园新开工3所。")
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), "报表.docx").url.split("/")[-2]
    )
    client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert lines_of(QuarterlyReport.objects.get(unit=lena.unit, period=q1))[1][0] == "幼儿园新开工3所。"


def test_it_refuses_a_submitted_report_with_a_clear_message(client, lena, plan, q1, report):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, MEASURES, "报送后又想改。")
    data = form.save()
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    submit_report(report, lena, QuarterlyReport.objects.get(pk=report.pk).revision)
    before = _state()
    assert "报表已报送，不能再导入" in _one_message(client, upload(client, plan, q1, data, "报表.docx"))
    assert _state() == before


def test_it_refuses_to_confirm_once_the_report_was_submitted_after_the_upload(client, lena, plan, q1, report):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, MEASURES, "上传后才报送。")
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), "报表.docx").url.split("/")[-2]
    )
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    submit_report(report, lena, QuarterlyReport.objects.get(pk=report.pk).revision)
    before = _state()
    response = client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert "报表已报送" in _one_message(client, response)
    assert _state() == before


def test_it_never_overwrites_a_draft_saved_between_upload_and_confirm(client, lena, plan, q1, report):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, MEASURES, "文件里的旧想法。")
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), "报表.docx").url.split("/")[-2]
    )
    project_1 = report.lines.get(project__seq=1).project_id
    save_draft(
        report, lena, report.revision, {project_1: LineEntry("同事在网页上刚保存的内容。", "", "", {})}
    )
    assert "请重新上传" in client.get(reverse("documents:preview", args=[form_import.pk])).content.decode()
    response = client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert "请重新上传" in _one_message(client, response)
    assert lines_of(report)[1][0] == "同事在网页上刚保存的内容。"


def test_it_imports_a_file_only_once(client, lena, plan, q1, report):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, MEASURES, "只导入一次。")
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), "报表.docx").url.split("/")[-2]
    )
    assert "已导入" in _one_message(client, client.post(reverse("documents:confirm", args=[form_import.pk])))
    revision = QuarterlyReport.objects.get(pk=report.pk).revision
    assert "已经导入过了" in _one_message(
        client, client.post(reverse("documents:confirm", args=[form_import.pk]))
    )
    assert QuarterlyReport.objects.get(pk=report.pk).revision == revision


def test_an_empty_cell_keeps_what_the_draft_has(client, lena, plan, q1, report):
    form = ExcelForm(download(client, plan, q1, lena.unit, "xlsx"))
    form.type_into(4, MEASURES, "心理健康讲座5场。")
    for seq in LENAS_PROJECTS:
        form.type_into(seq, DEADLINE, None)
    form.type_into(7, MEASURES, None)
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), "报表.xlsx").url.split("/")[-2]
    )
    client.post(reverse("documents:confirm", args=[form_import.pk]))
    lines = lines_of(report)
    assert lines[4] == ("心理健康讲座5场。", "2023年12月31日")
    assert lines[7] == ("旧的草稿内容", "2023年12月31日")


def test_the_units_column_is_not_read_into_the_draft(client, lena, plan, q1, report):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, UNITS, "县教育体育局、县妇联")
    form.type_into(1, MEASURES, "改了责任单位栏也无妨。")
    form_import = FormImport.objects.get(
        pk=upload(client, plan, q1, form.save(), "报表.docx").url.split("/")[-2]
    )
    client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert lines_of(report)[1][0] == "改了责任单位栏也无妨。"
