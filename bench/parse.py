"""How fast the notice reader is.

Prints, measured side by side in one run:
- text: notices parsed per second over the five samples (parse_notice on their text);
- PDF: our load time (load_notice: pdfium text, header/footer removal, parse) as a ratio to
  poppler's `pdftotext` on the same file, when pdftotext is installed (Debian: poppler-utils).

Run: `make bench` (or `.venv/bin/python bench/parse.py`).
"""

from __future__ import annotations

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
from tests.notice.documents import make_pdf  # noqa: E402

SAMPLES = sorted((ROOT / "samples" / "notices").glob("*.txt"))
ROUNDS = 7


def _best_of(rounds: int, work) -> float:
    """Median seconds of `rounds` runs of `work()`: the median resists a busy neighbour."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def bench_text() -> None:
    texts = [path.read_text(encoding="utf-8") for path in SAMPLES]
    repeat = 20

    def work():
        for _ in range(repeat):
            for text in texts:
                parse_notice(text)

    work()  # warm caches (regexes, OpenCC) before measuring
    seconds = _best_of(ROUNDS, work)
    print(f"text: {repeat * len(texts) / seconds:,.0f} notices/s over {len(texts)} samples")


def bench_pdf() -> None:
    pdftotext = shutil.which("pdftotext")
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for path in SAMPLES:
            pdf = Path(folder) / (path.stem + ".pdf")
            pdf.write_bytes(make_pdf(path.read_text(encoding="utf-8")))
            ours = _best_of(ROUNDS, lambda: load_notice(pdf))
            if pdftotext:
                theirs = _best_of(ROUNDS, lambda: subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"],
                                                               check=True, capture_output=True))
                rows.append((path.stem, ours / theirs))
                print(f"pdf {path.stem}: load_notice / pdftotext = {ours / theirs:.2f}×")
            else:
                print(f"pdf {path.stem}: load_notice {ours * 1000:.1f} ms (install poppler-utils for the ratio)")
        if rows:
            print(f"pdf: median ratio load_notice / pdftotext = {statistics.median(r for _, r in rows):.2f}× "
                  "(pdftotext includes process start-up; ours runs in-process)")


if __name__ == "__main__":
    bench_text()
    bench_pdf()
