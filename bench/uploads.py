"""Each upload door fed the worst file it accepts and the worst it refuses: time and peak memory
against the goal of issue 10 (at most 2 s and 200 MB a file).

    .venv/bin/python bench/uploads.py            # every case
    .venv/bin/python bench/uploads.py -k xlsx    # the cases whose name has "xlsx"

Each file is built here, then read by the door's own reading function in a fresh Python process
(so that the peak RSS is that file's, imports included, and nothing earlier's): the filled-in
form (documents.reading.read_form), the notice (notice.load_notice), the implementation plan's
file (reporting.ledger.file_kind), the bulk CSV update (reporting.bulk.decode and the reading of its
table; checking the rows against the plan needs a database and is not measured) and the stamped
PDF (reporting.services.check_pdf). The bounds are in shishi/notice/bounds.py.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import hostile  # noqa: E402

GOAL_SECONDS = 2.0
GOAL_MB = 200
MiB = 1024 * 1024
SAMPLE = (ROOT / "samples" / "notices" / "huantai-2023.txt").read_text(encoding="utf-8")


# --- the worst files ---------------------------------------------------------------------------------


def _column(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_at_the_bounds() -> bytes:
    """2,000 rows of 50 numbers (100,000 cells) and 5,000 merged ranges covering 100,000 cells."""
    rows = b"".join(
        b'<row r="%d">' % r
        + b"".join(b'<c r="%s%d"><v>%d</v></c>' % (_column(c).encode(), r, c) for c in range(1, 51))
        + b"</row>"
        for r in range(3, 2001)
    )
    merged = "".join(
        f'<mergeCell ref="{_column(1 + (n % 5) * 10)}{3 + n // 5 * 2}:'
        f'{_column(10 + (n % 5) * 10)}{4 + n // 5 * 2}"/>'
        for n in range(4_995)
    )
    merged = f'<mergeCells count="4995">{merged}</mergeCells>'.encode()
    return hostile.repack(
        hostile.xlsx(),
        {hostile.SHEET: lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>" + merged, 1)},
    )


def docx_at_the_bounds() -> bytes:
    """A table of 2,000 rows of 35 cells (70,000 cells, 560,000 XML nodes)."""
    cell = b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
    rows = (b"<w:tr>" + cell * 35 + b"</w:tr>") * 1_998
    return hostile.repack(
        hostile.docx(), {hostile.DOCUMENT: lambda xml: xml.replace(b"</w:tbl>", rows + b"</w:tbl>", 1)}
    )


def notice_text_at_the_bounds() -> str:
    """The real notice repeated to just under a million characters."""
    return (SAMPLE + "\n") * (990_000 // (len(SAMPLE) + 1))


def notice_docx_at_the_bounds() -> bytes:
    """The real notice's lines as 580,000 XML nodes of paragraphs, 900,000 characters."""
    lines = [line for line in SAMPLE.split("\n") if line.strip()]
    paragraphs, nodes, chars = [], 0, 0
    while True:
        for line in lines:
            line = line.replace("&", "&amp;").replace("<", "&lt;").replace("\t", " ")
            paragraphs.append(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>")
            nodes, chars = nodes + 6, chars + len(line)
        if nodes > 560_000 or chars > 850_000:
            break
    return hostile.docx_paragraphs("".join(paragraphs).encode())


def notice_html_at_the_bounds() -> bytes:
    """A 2 MB page of 200,000 nodes."""
    body = "<p><b>通知</b>内容正文</p>" * 49_900
    return (
        "<html><head><meta charset='utf-8'><title>通知</title></head>"
        f"<body><div id='zoom'>{body}</div></body></html>"
    ).encode()


def notice_pdf_at_the_bounds() -> bytes:
    """200 pages, each drawing 150 KB of paths and 4,000 characters of text (30 MB of content)."""
    text = b"BT /F1 10 Tf 40 800 Td 12 TL " + b"(The notice text of this page, one line.) '\n" * 100 + b"ET\n"
    paths = b"10 10 m 200 200 l S\n" * 7_500
    return hostile.pdf(pages=200, content=text + paths)


def stamped_pdf_at_the_bounds() -> bytes:
    """200 pages, each with 98 link annotations (19,800 objects)."""
    annots = []
    objects = []
    first = 4 + 200
    for _page in range(200):
        refs = []
        for _ in range(98):
            refs.append(b"%d 0 R" % (first + len(objects)))
            objects.append(
                b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] "
                b"/A << /S /URI /URI (https://www.gov.cn/) >> >>"
            )
        annots.append(b" /Annots [" + b" ".join(refs) + b"]")
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(200))
    base = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count 200 >>",
        hostile.stream(b"BT /F1 12 Tf 72 700 Td (Stamped) Tj ET"),
    ]
    pages = [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R" + a + b" >>" for a in annots
    ]
    return hostile.raw_pdf(base + pages + objects)


def pdf_of_many_objects(count: int) -> bytes:
    return hostile.pdf(extra_objects=[b"<< /A %d >>" % n for n in range(count)])


def zip_of_parts(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", b"<a/>")
        for n in range(count - 1):
            archive.writestr(f"p/{n}", b"")
    return out.getvalue()


def docx_with_pictures(total: int) -> bytes:
    """A docx carrying `total` bytes of incompressible pictures, under the size limit."""
    return hostile.repack(
        hostile.docx(), {}, {f"word/media/image{n}.png": os.urandom(MiB) for n in range(total // MiB)}
    )


def csv_at_the_bounds() -> bytes:
    header = "单位,季度,实事序号,指标,指标编号,累计完成值," + ",".join(f"备注{n}" for n in range(14))
    row = "县教育体育局,1,1,新改扩建幼儿园,12,3," + ",".join("x" * 10 for _ in range(14))
    return "\n".join([header] + [row] * 4_999).encode("utf-8-sig")


CASES = {
    # name: (door, build, file name, accepted?)
    "form xlsx: 2,000 rows × 50 cells, 4,995 merged ranges": ("form", xlsx_at_the_bounds, "f.xlsx", True),
    "form xlsx: dimension A1:XFD1048576": (
        "form",
        lambda: hostile.xlsx_dimension("A1:XFD1048576"),
        "f.xlsx",
        True,
    ),
    "form xlsx: merged C10:AN20009 (5 KB)": (
        "form",
        lambda: hostile.xlsx_merged("C10:AN20009"),
        "f.xlsx",
        False,
    ),
    "form xlsx: merged A1:XFD1048576": (
        "form",
        lambda: hostile.xlsx_merged("A1:XFD1048576"),
        "f.xlsx",
        False,
    ),
    "form xlsx: 1,048,576 rows of values": ("form", lambda: hostile.xlsx_rows(1_048_570), "f.xlsx", False),
    "form xlsx: a part unpacking to 100 MB": (
        "form",
        lambda: hostile.repack(hostile.xlsx(), {}, hostile.bomb(100 * MiB)),
        "f.xlsx",
        False,
    ),
    "form docx: 2,000 rows × 35 cells": ("form", docx_at_the_bounds, "f.docx", True),
    "form docx: 1,990 rows of one vertical merge": (
        "form",
        lambda: hostile.docx_rows(1_990, vertical_merge=True),
        "f.docx",
        True,
    ),
    "form docx: 600,000 table rows": ("form", lambda: hostile.docx_rows(600_000), "f.docx", False),
    "form docx: 2,100 table rows": ("form", lambda: hostile.docx_rows(2_100), "f.docx", False),
    "notice txt: 990,000 characters": ("notice", lambda: notice_text_at_the_bounds().encode(), "n.txt", True),
    "notice txt: 30 MB": ("notice", lambda: notice_text_at_the_bounds().encode() * 11, "n.txt", False),
    "notice txt: 1.3 million characters in 4 MB": (
        "notice",
        lambda: ("通知" * 650_000).encode(),
        "n.txt",
        False,
    ),
    "notice txt: 401 units named": ("notice", lambda: hostile.notice_text(401).encode(), "n.txt", False),
    "notice docx: 560,000 XML nodes, 850,000 chars": ("notice", notice_docx_at_the_bounds, "n.docx", True),
    "notice docx: 600,000 table rows": ("notice", lambda: hostile.docx_rows(600_000), "n.docx", False),
    "notice docx: 200,000 parts": ("notice", lambda: zip_of_parts(200_000), "n.docx", False),
    "notice html: 2 MB, 200,000 nodes": ("notice", notice_html_at_the_bounds, "n.html", True),
    "notice html: 700,000 elements": ("notice", lambda: b"<html><body>" + b"<b>" * 700_000, "n.html", False),
    "notice pdf: 200 pages, 30 MB of content": ("notice", notice_pdf_at_the_bounds, "n.pdf", True),
    "notice pdf: a page inflating to 100 MB": (
        "notice",
        lambda: hostile.pdf_content_bomb(100 * MiB),
        "n.pdf",
        False,
    ),
    "notice pdf: 5,000 pages": ("notice", lambda: hostile.pdf(pages=5_000), "n.pdf", False),
    "ledger: 18 MB docx of pictures": ("ledger", lambda: docx_with_pictures(18 * MiB), "l.docx", True),
    "ledger: 200,000 zip parts": ("ledger", lambda: zip_of_parts(200_000), "l.docx", False),
    "ledger: a part unpacking to 1 GB": (
        "ledger",
        lambda: hostile.repack(hostile.docx(), {}, hostile.bomb(1024 * MiB)),
        "l.docx",
        False,
    ),
    "bulk csv: 5,000 rows × 20 columns": ("bulk", csv_at_the_bounds, "b.csv", True),
    "bulk csv: one row of 2 million cells": ("bulk", lambda: b"," * (2 * MiB - 10), "b.csv", False),
    "stamped pdf: 200 pages, 19,600 links": ("stamped", stamped_pdf_at_the_bounds, "s.pdf", True),
    "stamped pdf: 150,000 objects": ("stamped", lambda: pdf_of_many_objects(150_000), "s.pdf", False),
    "stamped pdf: JavaScript packed in an object stream": (
        "stamped",
        hostile.pdf_with_packed_action,
        "s.pdf",
        False,
    ),
    "stamped pdf: 5,000 pages": ("stamped", lambda: hostile.pdf(pages=5_000), "s.pdf", False),
}


# --- one case, in its own process ---------------------------------------------------------------------


def run_door(door: str, path: str, name: str) -> dict:
    import time

    if door in ("ledger", "bulk", "stamped"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
        import django

        django.setup()
    data = Path(path).read_bytes()
    if door == "form":
        from shishi.documents.reading import FormError as refusal
        from shishi.documents.reading import read_form

        def read():
            return f"{len(read_form(data))} rows"
    elif door == "notice":
        from shishi.notice import NoticeError as refusal
        from shishi.notice import load_notice

        def read():
            return f"{len(load_notice(data, name).projects)} projects"
    elif door == "ledger":
        from shishi.reporting.ledger import LedgerError as refusal
        from shishi.reporting.ledger import file_kind

        def read():
            return file_kind(data)
    elif door == "bulk":
        from shishi.reporting.bulk import BulkUpdateError as refusal
        from shishi.reporting.bulk import _table, decode

        def read():
            return f"{len(_table(decode(data)))} rows"
    else:
        from shishi.reporting.services import ReportError as refusal
        from shishi.reporting.services import check_pdf

        def read():
            check_pdf(data)
            return "kept"

    start = time.perf_counter()
    try:
        outcome, accepted = read(), True
    except refusal as exc:
        outcome, accepted = str(exc), False
    seconds = time.perf_counter() - start
    # VmHWM, not ru_maxrss: Linux carries the parent's peak over into a child's ru_maxrss.
    peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    return {"seconds": seconds, "mb": peak_kb / 1024, "accepted": accepted, "outcome": outcome}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only the cases whose name contains this")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_door(*args.child)))
        return
    print(
        f"goal: ≤ {GOAL_SECONDS:.0f} s and ≤ {GOAL_MB} MB peak RSS per file (fresh process, imports included)"
    )
    print(f"{'case':56s} {'file':>9s} {'time':>7s} {'peak':>8s}  verdict   outcome")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="shishi-bench-") as folder:
        for case, (door, build, name, expected) in CASES.items():
            if args.k not in case:
                continue
            path = Path(folder, name)
            path.write_bytes(build())
            size = path.stat().st_size
            result = subprocess.run(
                [sys.executable, __file__, "--child", door, str(path), name],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=600,
            )
            if result.returncode:
                print(f"{case:56s} crashed: {result.stderr.strip().splitlines()[-1:]}")
                failures += 1
                continue
            r = json.loads(result.stdout.strip().splitlines()[-1])
            ok = r["seconds"] <= GOAL_SECONDS and r["mb"] <= GOAL_MB and r["accepted"] == expected
            failures += not ok
            verdict = ("OK" if ok else "OVER") + (" " if r["accepted"] == expected else "!")
            kind = "read" if r["accepted"] else "refused"
            print(
                f"{case:56s} {_size(size):>9s} {r['seconds']:6.2f}s {r['mb']:6.0f}MB  {verdict:8s}  "
                f"{kind}: {r['outcome'][:60]}"
            )
    print(
        "all within the goal"
        if not failures
        else f"{failures} case(s) over the goal (or refused/read unexpectedly: !)"
    )


def _size(size: int) -> str:
    return f"{size / MiB:.1f} MB" if size >= MiB else f"{size / 1024:.0f} KB"


if __name__ == "__main__":
    main()
