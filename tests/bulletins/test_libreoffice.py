"""An issued bulletin opened by a real word processor: LibreOffice prints it to PDF, pdftoppm makes
pictures of the pages. Skipped where LibreOffice is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest

from shishi.bulletins.services import issue_bulletin, open_bulletin
from tests.bulletins.conftest import TODAY

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CJK_LINE = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+$")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def test_libreoffice_prints_it_on_numbered_a4_pages_of_28_characters_a_line(quarter, cast, tmp_path):
    bulletin = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    source = tmp_path / "bulletin.docx"
    source.write_bytes(open_bulletin(bulletin))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = pdfium.PdfDocument(str(tmp_path / "bulletin.pdf"))
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
    # PDFium puts a space between a Chinese character and a digit: take spaces out, keep "— 1 —".
    pages = [pdf[i].get_textpage().get_text_range().replace(" ", "") for i in range(len(pdf))]
    assert len(pages) >= 3
    assert bulletin.title in pages[0].replace("\r\n", "")
    for number, text in enumerate(pages[:3], 1):
        assert f"—{number}—" in text, f"page {number} has no page number"
    lines = [line for page in pages for line in page.split("\r\n") if CJK_LINE.match(line)]
    assert max(len(line) for line in lines) == 28  # full body lines hold 28 characters, never more
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "50",
                "-png",
                "-f",
                "1",
                "-l",
                "2",
                str(tmp_path / "bulletin.pdf"),
                str(tmp_path / "page"),
            ],
            check=True,
            timeout=60,
        )
        assert sorted(p.name for p in tmp_path.glob("page-*.png")) == ["page-1.png", "page-2.png"]
