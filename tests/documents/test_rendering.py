"""The forms as an office prints them: LibreOffice turns them into PDF, pdftoppm into pictures.

Skipped where LibreOffice is not installed. The pictures are kept under
var/test-artefacts/documents/ (or SHISHI_FORM_PNG_DIR) to be looked at: the table must read like
the notice's attachment (序号, 实事名称, 责任单位, 本季度具体措施及任务进度情况, then the figures
column and 完成时限, on A4 landscape), no 责任单位 cut off in a row too low.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import time_machine

from shishi.documents.services import blank_form, unit_form
from shishi.reporting.models import QuarterlyReport
from shishi.reporting.services import LineEntry, attach_stamped_pdf, save_draft, start_report, submit_report
from tests.conftest import pdf_bytes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Debian splits LibreOffice: Writer may be there without Calc (libreoffice-calc-nogui), which
# opens .xlsx; its library sits beside the soffice program.
CALC = bool(SOFFICE) and (Path(os.path.realpath(SOFFICE)).parent / "libsclo.so").exists()
HEADINGS = [
    "序号",
    "实事名称",
    "责任单位",
    "本季度具体措施及任务进度情况",
    "量化指标及累计完成值",
    "完成时限",
]
ARTEFACTS = Path(
    os.environ.get("SHISHI_FORM_PNG_DIR")
    or Path(__file__).parents[2] / "var" / "test-artefacts" / "documents"
)

pytestmark = pytest.mark.skipif(
    not (SOFFICE and shutil.which("pdftoppm")), reason="LibreOffice or pdftoppm is not installed"
)


def to_pdf(files: list[Path], folder: Path) -> None:
    """One LibreOffice run for all files, on a private profile (a desktop session may hold the user's)."""
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env={**os.environ, "HOME": str(folder)},
    )


@pytest.fixture
def forms(cast, plan, q1, tmp_path):
    lena = cast["lena"]
    report = start_report(lena.unit, q1)
    save_draft(
        report,
        lena,
        report.revision,
        {
            line.project_id: LineEntry(
                f"一、召开{line.project.title[2:8]}专题推进会，制定实施方案，明确责任科室和责任人。\n"
                "二、截至3月底，已完成年度任务的25%，各项工作按计划推进。",
                "2023年12月31日",
                "",
                # Half of each goal reached, the last target of a project not reported yet.
                {v.target_id: v.target.value / 2 for v in line.values.select_related("target")[:3]},
            )
            for line in report.lines.select_related("project")
        },
    )
    files = {
        "filled.docx": unit_form(q1, lena.unit, "draft").to_docx(),
        "filled.xlsx": unit_form(q1, lena.unit, "draft").to_xlsx(),
        "blank.docx": blank_form(plan).to_docx(),
        "blank.xlsx": blank_form(plan).to_xlsx(),
    }
    # The same report once submitted, as the coordinator downloads it: dated the day it was sent.
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    with time_machine.travel("2023-04-09 10:00 +0800"):
        submit_report(report, lena, QuarterlyReport.objects.get(pk=report.pk).revision)
    files["submitted.docx"] = unit_form(q1, lena.unit, "submitted").to_docx()
    files["submitted.xlsx"] = unit_form(q1, lena.unit, "submitted").to_xlsx()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


@pytest.mark.parametrize(
    "name", ["filled.docx", "filled.xlsx", "blank.docx", "blank.xlsx", "submitted.docx", "submitted.xlsx"]
)
def test_it_prints_as_the_notices_attachment_on_a4_landscape(forms, name):
    if name.endswith(".xlsx") and not CALC:
        pytest.skip("LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)")
    to_pdf([forms / name], forms)
    pdf = (forms / name).with_suffix(".pdf").rename(forms / f"{name.replace('.', '-')}.pdf")
    document = pdfium.PdfDocument(pdf.read_bytes())
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (842, 595), "not A4 landscape"
    # PDF text puts spaces between figures and 汉字 and breaks lines inside cells: compare without them.
    text = re.sub(r"\s+", "", "".join(page.get_textpage().get_text_range() for page in document))
    document.close()
    assert "2023年为全县妇女儿童办实事工作进展情况报表" in text
    for heading in HEADINGS:
        assert heading in text, heading
    assert "单位（盖章）" in text and "填报时间" in text
    if name.startswith("submitted"):
        assert "填报时间：2023年4月9日" in text
    expected = "县住房城乡建设局" if name.startswith("blank") else "已完成年度任务的25%"
    assert expected in text
    expected = "新改扩建幼儿园：目标6所，完成" + ("______所" if name.startswith("blank") else "3所")
    assert expected in text
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", str(pdf), str(pdf.with_suffix(""))], check=True, timeout=60
    )
    pictures = sorted(forms.glob(f"{pdf.stem}*.png"))
    assert pictures
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for picture in pictures:
        shutil.copy(picture, ARTEFACTS / picture.name)
