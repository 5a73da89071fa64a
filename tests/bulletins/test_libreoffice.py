"""An issued bulletin opened by a real word processor: LibreOffice prints it to PDF, pdftoppm makes
pictures of the first page (the red masthead) and the last (the 版记), kept under
var/test-artefacts/bulletins/ to be looked at. Skipped where LibreOffice is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from PIL import Image

from shishi.bulletins.services import issue_bulletin, open_bulletin
from tests.bulletins.conftest import TODAY

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
CJK_LINE = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+$")
ARTEFACTS = Path(settings.BASE_DIR) / "var" / "test-artefacts" / "bulletins"
DPI = 60

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.slow,
]


def to_pdf(data: bytes, folder: Path, name: str) -> Path:
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{name}.pdf"


def picture(pdf: Path, page: int, target: Path) -> Image.Image:
    """Page `page` (from 1) as a PNG at `target`, kept for people to look at."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    subprocess.run(
        [
            PDFTOPPM,
            "-r",
            str(DPI),
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ],
        check=True,
        timeout=60,
    )
    return Image.open(target).convert("RGB")


def red_share(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """The share of the pixels in `box` that are the masthead's red (strong red, little green/blue)."""
    data = image.crop(box).tobytes()  # RGB, three bytes a pixel
    pixels = [data[i : i + 3] for i in range(0, len(data), 3)]
    red = sum(1 for r, g, b in pixels if r > 180 and g < 90 and b < 90)
    return red / len(pixels)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("libreoffice")


def test_libreoffice_prints_it_with_its_masthead_imprint_and_28_characters_a_line(quarter, cast, folder):
    bulletin = issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    pdf_path = to_pdf(open_bulletin(bulletin), folder, "bulletin")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf_path, ARTEFACTS / "bulletin.pdf")  # the whole print, to leaf through
    pdf = pdfium.PdfDocument(str(pdf_path))
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
    # PDFium puts a space between a Chinese character and a digit: take spaces out, keep "— 1 —".
    pages = [pdf[i].get_textpage().get_text_range().replace(" ", "") for i in range(len(pdf))]
    # Ten projects, seven submitted lines, fourteen of seventeen units late (each late unit named
    # in its projects' lights, nine projects red and told in full): four pages of text, two of the
    # table with figures and lights, the 版记 on the last. The attachment starts a page of its own
    # (GB/T 9704 7.3.7).
    assert 3 <= len(pages) <= 7, f"{len(pages)} pages"
    first = pages[0].replace("\r\n", "")
    assert first.startswith("桓台县为妇女儿童办实事调度通报第1期")
    assert bulletin.title in first
    for number, text in enumerate(pages, 1):
        assert f"—{number}—" in text, f"page {number} has no page number"
    body = pages[: next(i for i, page in enumerate(pages) if "附件：" in page) + 1]  # 小四 table after
    lines = [line for page in body for line in page.split("\r\n") if CJK_LINE.match(line)]
    # Full body lines hold 28 characters, never more; LibreOffice sets “ and ” in the Latin font,
    # half a character wide each.
    assert max(len(line) - (line.count("“") + line.count("”")) / 2 for line in lines) == 28
    last = pages[-1].replace("\r\n", "")
    assert "抄送：桓台县妇女儿童工作委员会各成员单位。" in last and "2023年4月20日印发" in last
    # The 版记 stands at the foot of the 版心 (35 mm above the page's lower edge), below the table.
    text = pdf[len(pdf) - 1].get_textpage()
    found = text.search("印发", match_case=True).get_next()
    assert found is not None
    left, bottom, right, top = text.get_charbox(found[0])
    assert 99 <= bottom <= 99 + 40, f"印发 stands {bottom:.0f} pt above the page's foot"
    if PDFTOPPM is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no pictures of the pages")
    masthead = picture(pdf_path, 1, ARTEFACTS / "bulletin-page-1-masthead.png")
    imprint = picture(pdf_path, len(pages), ARTEFACTS / f"bulletin-page-{len(pages)}-imprint.png")
    scale = DPI / 72  # points to pixels
    # Red in the masthead (the 标志 and the rule under it: the top 60 mm of the 版心) ...
    top_of_text, margin_left = round(105 * scale), round(79 * scale)
    band = (margin_left, top_of_text, round(521 * scale), top_of_text + round(170 * scale))
    assert red_share(masthead, band) > 0.01
    # ... and nowhere else on the page, nor on the 版记's page: only the masthead is red.
    below = (0, band[3] + 5, masthead.width, masthead.height)
    assert red_share(masthead, below) < 0.001
    assert red_share(imprint, (0, 0, imprint.width, imprint.height)) < 0.001


def test_a_corrected_reissue_prints_its_number_and_the_word_correction(quarter, cast, folder):
    issue_bulletin(quarter["plan"], quarter["period"], cast["cora"], today=TODAY)
    again = issue_bulletin(
        quarter["plan"], quarter["period"], cast["cora"], today=TODAY, reason="筛查人数填错，已改正"
    )
    pdf = pdfium.PdfDocument(str(to_pdf(open_bulletin(again), folder, "correction")))
    first = pdf[0].get_textpage().get_text_range().replace(" ", "").replace("\r\n", "")
    assert first.startswith("桓台县为妇女儿童办实事调度通报第1期（更正）")
    assert "更正原因：筛查人数填错，已改正。" in first
