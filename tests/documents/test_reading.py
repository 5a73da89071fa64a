"""Reading a filled-in form back: the table found by its headings, whatever else is in the file."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from shishi.documents.reading import FormError, FormRow, parse_seq, read_form

from .filling import docx_without_table, xlsx_without_header

HEADER = ["序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况", "完成时限"]


def docx_of(*rows, paragraphs=()) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for cells in rows:
        row = table.add_row()
        for cell, text in zip(row.cells, cells):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_of(*rows, merge=()) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    for cells in merge:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "text, number",
    [
        ("1", 1),
        ("１", 1),
        ("12", 12),
        ("3.", 3),
        ("2、", 2),
        ("（一）", 1),
        ("(4)", 4),
        ("十", 10),
        ("十二", 12),
        ("", None),
        ("合计", None),
        ("1-2", None),
    ],
    ids=lambda v: repr(v),
)
def test_it_reads_a_project_number_as_people_write_it(text, number):
    assert parse_seq(text) == number


def test_it_finds_the_table_under_a_title_typed_into_a_merged_first_row():
    title = "2023年为全县妇女儿童办实事工作进展情况报表"
    data = xlsx_of(
        [title, None, None, None, None],
        ["单位（盖章）：县妇联"],
        HEADER,
        [1, "实施优质教育资源扩容提质行动", "县教育体育局", "开工3所", "年底"],
        merge=["A1:E1"],
    )
    rows = read_form(data)
    assert [(r.seq, r.title, r.measures, r.deadline) for r in rows] == [
        (1, "实施优质教育资源扩容提质行动", "开工3所", "年底")
    ]


def test_it_reads_headings_wrapped_onto_two_lines_and_names_wrapped_in_their_cells():
    data = docx_of(
        ["序  号", "实事名称", "责任单位", "本季度具体措施\n及任务进度情况", "完成\n时限"],
        ["1", "实施优质教育资源扩容\n提质行动", "县教育体育局", "第一段\n第二段", "2023年底"],
    )
    (row,) = read_form(data)
    assert (row.title, row.measures, row.deadline) == (
        "实施优质教育资源扩容提质行动",
        "第一段\n第二段",
        "2023年底",
    )


def test_it_skips_a_heading_row_repeated_after_a_page_break_and_a_note_across_the_table():
    data = docx_of(
        HEADER,
        ["1", "甲", "", "做了甲", ""],
        HEADER,
        ["2", "乙", "", "做了乙", ""],
        ["填表说明：请于季度末后10日内报送"] * 5,
    )
    assert [(r.seq, r.measures) for r in read_form(data)] == [(1, "做了甲"), (2, "做了乙")]


def test_it_reads_excel_numbers_and_dates_as_people_typed_them():
    data = xlsx_of(HEADER, [1.0, "甲", "县妇联", "做了甲", datetime.datetime(2023, 12, 31)])
    (row,) = read_form(data)
    assert (row.seq, row.seq_text, row.deadline) == (1, "1", "2023年12月31日")


def test_it_spreads_a_merged_excel_cell_over_every_row_it_covers():
    data = xlsx_of(
        HEADER, [1, "甲", "县妇联\n县民政局", "做了甲", ""], [2, "乙", None, "做了乙", ""], merge=["C2:C3"]
    )
    assert [r.units for r in read_form(data)] == ["县妇联\n县民政局", "县妇联\n县民政局"]


def test_it_reads_a_file_by_its_content_not_its_name():
    """WPS saves a .docx under whatever name the clerk typed; the name is never asked."""
    data = docx_of(HEADER, ["1", "甲", "", "做了甲", ""])
    assert read_form(data)[0].measures == "做了甲"


def test_it_numbers_rows_as_they_stand_in_the_file():
    data = docx_of(HEADER, ["3", "丙", "", "", ""], ["", "", "", "", ""], ["1", "甲", "", "做了甲", ""])
    assert [(r.number, r.seq) for r in read_form(data)] == [(1, 3), (2, 1)]


@pytest.mark.parametrize(
    "data, words",
    [
        pytest.param(b"", "空的", id="empty"),
        pytest.param(b"PK" + b"\0" * (10 * 1024 * 1024), "不能超过10MB", id="too-large"),
        pytest.param("一季度报表".encode(), "请上传Word（.docx）或Excel（.xlsx）", id="plain-text"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为", id="old-binary-office"),
        pytest.param(b"PK\x03\x04 not really a zip", "已损坏", id="broken-zip"),
        pytest.param(xlsx_of(["a"])[:200], "已损坏", id="truncated-xlsx"),
        pytest.param(docx_without_table(), "没有找到进展情况报表的表格", id="docx-without-a-table"),
        pytest.param(
            docx_of(["甲", "乙"], ["1", "2"]), "没有找到进展情况报表的表格", id="docx-with-another-table"
        ),
        pytest.param(xlsx_without_header(), "没有找到进展情况报表的表格", id="xlsx-without-a-header-row"),
        pytest.param(docx_of(HEADER), "没有任何实事行", id="header-but-no-rows"),
    ],
)
def test_a_file_it_cannot_read_gets_one_message(data, words):
    with pytest.raises(FormError) as refused:
        read_form(data)
    assert words in str(refused.value)


def test_a_zip_that_is_neither_word_nor_excel_is_refused():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(FormError, match="请上传Word"):
        read_form(buffer.getvalue())


# --- the figures column ------------------------------------------------------------------------

FIGURES_HEADER = [*HEADER[:4], "量化指标及累计完成值", HEADER[4]]


@pytest.mark.parametrize("make", [docx_of, xlsx_of], ids=["docx", "xlsx"])
def test_it_reads_the_figures_column_by_its_heading(make):
    data = make(
        FIGURES_HEADER,
        ["1", "甲", "县妇联", "做了甲", "新改扩建幼儿园：目标6所，完成4所\n拓展学位：完成", "年底"],
    )
    (row,) = read_form(data)
    assert (row.measures, row.deadline) == ("做了甲", "年底")
    assert row.figures == "新改扩建幼儿园：目标6所，完成4所\n拓展学位：完成"


def test_a_form_without_the_figures_column_reads_no_figures():
    (row,) = read_form(docx_of(HEADER, ["1", "甲", "", "做了甲", ""]))
    assert row.figures == ""


def test_an_upload_kept_before_the_figures_column_still_reads():
    """FormImport.rows of an upload waiting for its confirmation when this version was installed."""
    kept = {"number": 1, "seq": 1, "seq_text": "1", "title": "甲", "units": "", "measures": "做了"}
    assert FormRow.from_dict({**kept, "deadline": ""}).figures == ""


def _rewritten(data: bytes, part: str, change) -> bytes:
    """The package with one part's text changed, as another program would have written it."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            archive.writestr(item, change(content.decode()).encode() if item.filename == part else content)
    return target.getvalue()


def test_it_finds_each_sheet_by_the_workbooks_own_relationships():
    """A notes sheet first and the form renamed on the second; some programs write the parts'
    addresses from the package's root (/xl/worksheets/…) rather than relative to xl/."""
    book = Workbook()
    book.active.title = "填表说明"
    book.active.append(["请于季度末后10日内报送"])
    form = book.create_sheet("一季度")
    form.append(HEADER)
    form.append([1, "甲", "县妇联", "做了甲", "年底"])
    buffer = io.BytesIO()
    book.save(buffer)
    data = _rewritten(
        buffer.getvalue(),
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace('Target="worksheets/', 'Target="/xl/worksheets/'),
    )
    assert (
        'Target="/xl/worksheets/sheet2.xml"'
        in zipfile.ZipFile(io.BytesIO(data)).read("xl/_rels/workbook.xml.rels").decode()
    )
    assert [(r.seq, r.measures) for r in read_form(data)] == [(1, "做了甲")]
