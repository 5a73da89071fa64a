"""How fast the notice reader is.

Prints, measured side by side in one run, each against its goal (issue 13):
- text: notices parsed per second over the five samples (parse_notice on their text); goal ≥ 300;
- PDF: our load time (load_notice: pdfium text, tables, header/footer removal, parse) as a ratio to
  poppler's `pdftotext` on the same file, when pdftotext is installed (Debian: poppler-utils);
  goal ≤ 2×. Two kinds of PDF: the tests' reportlab PDFs, whose Chinese font is not embedded
  (PDFium then lays out every glyph from a system CJK font, about 15 ms a page against 2 ms for
  an embedded one), and, when LibreOffice is installed, the same notices exported from Word files
  as an office or a clerk exports them (fonts embedded), which is what is uploaded;
- a 200-project table notice (a township list): parse_notice time; goal ≤ 100 ms.

Run: `make bench` (or `.venv/bin/python bench/parse.py`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shishi.notice import load_notice, parse_notice  # noqa: E402
from tests.notice.documents import make_docx, make_pdf  # noqa: E402
from tests.notice.minsheng import long_table_notice  # noqa: E402

SAMPLES = sorted((ROOT / "samples" / "notices").glob("*.txt"))
ROUNDS = 7


def _best_of(rounds: int, work, clock=time.perf_counter) -> float:
    """Median seconds of `rounds` runs of `work()`: the median resists a busy neighbour."""
    timings = []
    for _ in range(rounds):
        start = clock()
        work()
        timings.append(clock() - start)
    return statistics.median(timings)


def bench_text() -> None:
    texts = [path.read_text(encoding="utf-8") for path in SAMPLES]
    repeat = 20

    def work():
        for _ in range(repeat):
            for text in texts:
                parse_notice(text)

    work()  # warm caches (regexes, OpenCC) before measuring
    # Parsing is in-process Python: its CPU time is what it costs, while the wall clock also
    # counts whatever else the machine runs (on a quiet machine the two agree).
    cpu = repeat * len(texts) / _best_of(ROUNDS, work, time.process_time)
    wall = repeat * len(texts) / _best_of(ROUNDS, work)
    print(
        f"text: {cpu:,.0f} notices/s of CPU time over {len(texts)} samples (goal ≥ 300: {_met(cpu >= 300)}); "
        f"{wall:,.0f}/s by the wall clock, load average {os.getloadavg()[0]:.1f}"
    )


def bench_long_table() -> None:
    text = long_table_notice(200)
    parse_notice(text)
    seconds = _best_of(ROUNDS, lambda: parse_notice(text))
    cpu = _best_of(ROUNDS, lambda: parse_notice(text), time.process_time)
    print(
        f"table: a 200-project table notice in {seconds * 1000:.0f} ms ({cpu * 1000:.0f} ms of CPU time; "
        f"goal ≤ 100 ms: {_met(seconds <= 0.1)})"
    )


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def bench_pdf() -> None:
    with tempfile.TemporaryDirectory() as folder:
        made = []
        for path in SAMPLES:
            pdf = Path(folder) / (path.stem + ".pdf")
            pdf.write_bytes(make_pdf(path.read_text(encoding="utf-8")))
            made.append(pdf)
        _ratios("pdf (reportlab, font not embedded)", made)
        exported = _exported(folder)
        if exported:
            _ratios("pdf (exported from Word files, fonts embedded)", exported, goal=True)
        else:
            print("pdf (exported): install LibreOffice (soffice) to measure PDFs as offices export them")


def _exported(folder: str) -> list[Path]:
    """The samples as Word files, exported to PDF by LibreOffice (as WPS or Word would)."""
    soffice = shutil.which("soffice")
    if not soffice:
        return []
    words = Path(folder) / "word"
    words.mkdir()
    for path in SAMPLES:
        (words / (path.stem + ".docx")).write_bytes(
            make_docx(path.read_text(encoding="utf-8"), bookmark=False)
        )
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(words),
            *sorted(str(p) for p in words.glob("*.docx")),
        ],
        capture_output=True,
        timeout=300,
    )
    return sorted(words.glob("*.pdf"))


def _ratios(kind: str, pdfs: list[Path], goal: bool = False) -> None:
    pdftotext = shutil.which("pdftotext")
    rows = []
    for pdf in pdfs:
        ours = _best_of(ROUNDS, lambda pdf=pdf: load_notice(pdf))
        if pdftotext:
            theirs = _best_of(
                ROUNDS,
                lambda pdf=pdf: subprocess.run(
                    [pdftotext, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
                ),
            )
            rows.append(ours / theirs)
            print(
                f"{kind} {pdf.stem}: load_notice {ours * 1000:.0f} ms / pdftotext {theirs * 1000:.0f} ms "
                f"= {ours / theirs:.2f}×"
            )
        else:
            print(
                f"{kind} {pdf.stem}: load_notice {ours * 1000:.1f} ms (install poppler-utils for the ratio)"
            )
    if rows:
        median = statistics.median(rows)
        verdict = f" (goal ≤ 2×: {_met(median <= 2)})" if goal else ""
        print(
            f"{kind}: median ratio load_notice / pdftotext = {median:.2f}×{verdict} "
            "(pdftotext includes process start-up; ours runs in-process)"
        )


if __name__ == "__main__":
    bench_text()
    bench_long_table()
    bench_pdf()
