"""The demo's issued bulletin, as LibreOffice prints it, stays short: ten projects and thirty-one
unit lines on six pages (three of text, the table and the 版记 on three), where they took nine.
Pictures of every page go to var/test-artefacts/bulletins/demo-page-N.png, to be looked at."""

from __future__ import annotations

import datetime

import pypdfium2 as pdfium
import pytest
import time_machine

from shishi.bulletins.models import Bulletin
from shishi.bulletins.services import open_bulletin
from shishi.demo.data import load_demo
from tests.bulletins.test_libreoffice import ARTEFACTS, PDFTOPPM, SOFFICE, picture, to_pdf

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.slow,
]
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def test_the_demos_bulletin_prints_on_six_pages(db, tmp_path):
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=SHANGHAI), tick=False):
        load_demo()
    bulletin = Bulletin.objects.get()
    assert len(bulletin.snapshot["projects"]) == 10 and len(bulletin.snapshot["table"]) >= 30
    path = to_pdf(open_bulletin(bulletin), tmp_path, "demo")
    pages = len(pdfium.PdfDocument(str(path)))
    if PDFTOPPM is not None:
        for number in range(1, pages + 1):
            picture(path, number, ARTEFACTS / f"demo-page-{number}.png")
    assert pages <= 6, f"{pages} pages"
