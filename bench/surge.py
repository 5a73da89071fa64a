"""The quarter-end surge: many unit clerks saving drafts and submitting at once, against the
real app under gunicorn on loopback, then a check in the database that no acknowledged write
was lost.

    .venv/bin/python bench/surge.py                                  # PostgreSQL, 300 reporters, 120 s
    .venv/bin/python bench/surge.py --database sqlite --reporters 30  # the embedded SQLite default

PostgreSQL mode makes a fresh database `shishi_surge` with createdb/dropdb (-h 127.0.0.1 -U postgres);
SQLite mode a temporary SHISHI_DATA_DIR. The script imports a sample notice re-dated to this year
(the demo's), adds generated units each with a clerk, starts gunicorn, and then drives one virtual
clerk per unit with an asyncio httpx client, the way a browser does:

1. sign-in: the real log-in form (CSRF token, cookie). Each log-in checks a PBKDF2 hash of
   Django's default strength, about a second or two of CPU: on a 2-core box that caps log-ins at
   about one a second, so they are done first and reported on their own line. At quarter end the
   clerks are already signed in (sessions last two weeks); the surge is in the saves.
2. the surge, bounded by --seconds and --max-requests: open this quarter's report, save drafts
   with changing figures and measures (posting the revision the form carries, as the browser
   form does), upload a stamped PDF (real PDF bytes, different for each clerk), save and submit.

Each request opens a new connection, as nginx in front of gunicorn does (docs/deploy.md): reusing
idle connections to gunicorn's threaded worker under load loses some requests unanswered
(--keepalive 1 shows it). gunicorn runs 5 workers × 4 threads by default, sized for 2 cores.

A save is acknowledged when the server redirects back to the form (302), an upload when the page
after it says the PDF was uploaded, a submission when it says the report was submitted. At the end
it prints requests/s, latencies, errors by status (5xx apart), connection errors, and then opens
the database directly to check every clerk's last acknowledged save and submission: lost writes.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "surge-password-1"
PG = ["-h", "127.0.0.1", "-U", "postgres"]
PG_DATABASE = "shishi_surge"
ASSESSMENTS = ["on_schedule", "behind", "done"]


# ---------------------------------------------------------------- the world


def prepare_database(engine: str, data_dir: Path) -> None:
    """Environment for this process and for gunicorn: a fresh, empty database."""
    os.environ.update(
        {
            "SHISHI_SECRET_KEY": "surge-only",
            "SHISHI_EMAIL_URL": "none",
            "SHISHI_HTTPS": "0",
            "SHISHI_DATA_DIR": str(data_dir),
            "SHISHI_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SETTINGS_MODULE": "shishi.settings",
            "SHISHI_LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("SHISHI_DEBUG", None)
    if engine == "postgres":
        subprocess.run(["dropdb", *PG, "--if-exists", "--force", PG_DATABASE], check=True)
        subprocess.run(["createdb", *PG, PG_DATABASE], check=True)
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def arrange(reporters: int) -> int:
    """This year's 桓台县 plan imported from the sample notice, and `reporters` generated units,
    each on two of its projects with a clerk of its own. Returns the open period's id."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from shishi.demo.data import _import, _this_year
    from shishi.directory.models import Person, Region, Unit
    from shishi.plans.models import Assignment

    today = timezone.localdate()
    with transaction.atomic():
        city = Region.objects.create(name="淄博市", code="3703", level=Region.Level.CITY)
        county = Region.objects.create(name="桓台县", code="370321", level=Region.Level.COUNTY, parent=city)
        admin = Person.objects.create(
            username="surge-admin", role=Person.Role.ADMIN, is_staff=True, is_superuser=True
        )
    plan = _import(county, admin, _this_year(today), f"huantai-{today.year}-surge.txt")
    projects = list(plan.projects.order_by("seq"))
    password = make_password(PASSWORD)  # one hash for all: hashing 300 times would take minutes
    with transaction.atomic():
        units = Unit.objects.bulk_create(
            Unit(region=county, name=f"第{n:03d}填报单位") for n in range(1, reporters + 1)
        )
        Assignment.objects.bulk_create(
            Assignment(project=projects[(n + k) % len(projects)], unit=unit, role="partner", order=50 + k)
            for n, unit in enumerate(units)
            for k in range(2)
        )
        Person.objects.bulk_create(
            Person(
                username=f"clerk{n:03d}",
                password=password,
                role=Person.Role.REPORTER,
                region=county,
                unit=unit,
                display_name=f"{unit.name}填报员",
            )
            for n, unit in enumerate(units, 1)
        )
    periods = list(plan.periods.order_by("quarter"))
    return next((p for p in periods if p.starts_on <= today <= p.due_on), periods[-1]).pk


def stamped_pdf(seed: int, kilobytes: int) -> bytes:
    """A real PDF like a scanner's: one page carrying a noisy image, different for each clerk."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(seed)
    side = max(16, int((kilobytes * 1024 / 3) ** 0.5))
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    document = pdfium.PdfDocument.new()
    page = document.new_page(842, 595)
    picture = pdfium.PdfImage.new(document)
    picture.set_bitmap(pdfium.PdfBitmap.from_pil(image))
    picture.set_matrix(pdfium.PdfMatrix().scale(400, 400).translate(200, 100))
    page.insert_obj(picture)
    page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "shishi.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--error-logfile",
        str(log),
        "--no-control-socket",
    ]  # several servers on one machine would share ~/.gunicorn/gunicorn.ctl
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited: {log.read_text()[-2000:]}") from None
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start within 60 s")


# ---------------------------------------------------------------- the clerks


@dataclass
class Sample:
    kind: str
    status: int | None  # None: no HTTP answer (connection refused, reset, timeout)
    seconds: float
    locked: bool = False
    failure: str = ""


@dataclass
class Clerk:
    username: str
    pdf: bytes
    report_id: int | None = None
    acknowledged: dict | None = (
        None  # the last save the server confirmed: {project_id: (measures, assessment, {target: value})}
    )
    unconfirmed: list = field(default_factory=list)  # saves sent after it with no clear answer
    uploaded: bool = False
    submitted: bool = False


class Budget:
    """Bounded in count and time: every request first takes a ticket."""

    def __init__(self, max_requests: int, seconds: float):
        self.left = max_requests
        self.deadline = time.monotonic() + seconds

    def take(self) -> bool:
        if self.left <= 0 or time.monotonic() >= self.deadline:
            return False
        self.left -= 1
        return True


class OutOfBudget(Exception):
    pass


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="(\d+)"')
VALUE_FIELD = re.compile(r'name="value-(\d+)"')
MEASURES_FIELD = re.compile(r'name="line-(\d+)-measures"')


async def call(client, samples: list, budget: Budget, kind: str, method: str, url: str, **kwargs):
    if not budget.take():
        raise OutOfBudget
    start = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)
    except Exception as error:  # noqa: BLE001 - every failure to get an answer counts the same
        samples.append(Sample(kind, None, time.perf_counter() - start, failure=type(error).__name__))
        raise ConnectionError(f"{kind}: {type(error).__name__}") from error
    samples.append(
        Sample(kind, response.status_code, time.perf_counter() - start, "database is locked" in response.text)
    )
    return response


async def sign_in(clerk: Clerk, client, samples, budget) -> bool:
    page = await call(client, samples, budget, "login-page", "GET", "/login/")
    token = TOKEN.search(page.text)
    if not token:
        return False
    answer = await call(
        client,
        samples,
        budget,
        "login",
        "POST",
        "/login/",
        data={"username": clerk.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
    )
    return answer.status_code == 302


def form_of(page: str) -> tuple[str, int, list[int], list[int]]:
    return (
        TOKEN.search(page).group(1),
        int(REVISION.search(page).group(1)),
        [int(p) for p in MEASURES_FIELD.findall(page)],
        [int(t) for t in VALUE_FIELD.findall(page)],
    )


def lines_by_target(page: str) -> dict[int, int]:
    """Which line (project) each figure belongs to: the value fields follow their line's textarea."""
    owner, current = {}, None
    for match in re.finditer(r'name="line-(\d+)-measures"|name="value-(\d+)"', page):
        if match.group(1):
            current = int(match.group(1))
        else:
            owner[int(match.group(2))] = current
    return owner


async def work(clerk: Clerk, client, samples, budget: Budget, period_id: int, saves: int, think: float, rng):
    async def pause():
        await asyncio.sleep(rng.uniform(0.2, 2 * think) if think else 0)

    await pause()
    token = TOKEN.search((await call(client, samples, budget, "quarter", "GET", "/quarter/")).text).group(1)
    opened = await call(
        client,
        samples,
        budget,
        "open",
        "POST",
        f"/quarter/open/{period_id}/",
        data={"csrfmiddlewaretoken": token},
    )
    if opened.status_code != 302:
        return
    clerk.report_id = int(re.search(r"/reports/(\d+)/", opened.headers["location"]).group(1))
    page = (await call(client, samples, budget, "form", "GET", f"/reports/{clerk.report_id}/")).text
    token, revision, projects, targets = form_of(page)
    owner = lines_by_target(page)
    for step in range(saves + 2):
        if step == saves:  # the stamped PDF before the last save, which submits
            await pause()
            answer = await call(
                client,
                samples,
                budget,
                "upload",
                "POST",
                f"/reports/{clerk.report_id}/pdf/",
                data={"csrfmiddlewaretoken": token},
                files={"stamped_pdf": (f"{clerk.username}盖章.pdf", clerk.pdf, "application/pdf")},
            )
            if answer.status_code == 302:
                after = await call(client, samples, budget, "form", "GET", f"/reports/{clerk.report_id}/")
                clerk.uploaded = "盖章PDF已上传" in after.text
                token, revision, *_ = form_of(after.text)
            continue
        submit = step == saves + 1
        if submit and not clerk.uploaded:
            return
        await pause()
        figures = {t: Decimal(rng.randrange(0, 10_000_000)) / 100 for t in targets}
        entry = {
            p: (
                f"{clerk.username}第{step + 1}次填写：{rng.randrange(10**9)}，各项任务按计划推进。",
                rng.choice(ASSESSMENTS),
                {t: v for t, v in figures.items() if owner.get(t) == p},
            )
            for p in projects
        }
        data = {
            "csrfmiddlewaretoken": token,
            "revision": str(revision),
            "then": "submit" if submit else "save",
        }
        for p, (measures, assessment, _values) in entry.items():
            data[f"line-{p}-measures"], data[f"line-{p}-assessment"], data[f"line-{p}-deadline"] = (
                measures,
                assessment,
                "12月31日",
            )
        data.update({f"value-{t}": format(v, "f") for t, v in figures.items()})
        clerk.unconfirmed.append(entry)
        answer = await call(
            client,
            samples,
            budget,
            "submit" if submit else "save",
            "POST",
            f"/reports/{clerk.report_id}/save/",
            data=data,
        )
        if answer.status_code != 302:
            if answer.status_code < 500:
                clerk.unconfirmed.pop()  # refused with a reason: nothing was written
            page = (await call(client, samples, budget, "form", "GET", f"/reports/{clerk.report_id}/")).text
            if REVISION.search(page):
                token, revision, *_ = form_of(page)
            continue
        clerk.acknowledged, clerk.unconfirmed = entry, []
        after = await call(client, samples, budget, "form", "GET", f"/reports/{clerk.report_id}/")
        if submit:
            clerk.submitted = "已报送（第" in after.text
        elif REVISION.search(after.text):
            token, revision, *_ = form_of(after.text)


async def run_clerks(clerks, base_url, period_id, args) -> tuple[list, list, float, float]:
    import httpx

    timeout = httpx.Timeout(args.timeout)
    # A browser meets nginx, which by default opens a new connection to gunicorn per request. Reusing
    # connections to gunicorn 27's gthread worker under load loses a few percent of requests with no
    # answer at all (ReadError, RemoteProtocolError); --keepalive 1 shows it.
    limits = httpx.Limits(
        max_connections=1,
        max_keepalive_connections=1 if args.keepalive else 0,
        keepalive_expiry=args.keepalive or None,
    )
    clients = [httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits) for _ in clerks]
    rng = random.Random(args.seed)
    try:
        sign_samples: list[Sample] = []
        sign_budget = Budget(len(clerks) * 2, args.sign_in_seconds)
        start = time.perf_counter()
        gate = asyncio.Semaphore(args.sign_in_concurrency)

        async def one(clerk, client):
            async with gate:
                return await sign_in(clerk, client, sign_samples, sign_budget)

        results = await asyncio.gather(
            *(one(c, cl) for c, cl in zip(clerks, clients)), return_exceptions=True
        )
        signed_in_seconds = time.perf_counter() - start
        ready = [(c, cl) for c, cl, ok in zip(clerks, clients, results) if ok is True]
        print(
            f"sign-in: {len(ready)} of {len(clerks)} clerks signed in through the log-in form "
            f"in {signed_in_seconds:.1f} s; "
            f"log-in {summary([s for s in sign_samples if s.kind == 'login'])}; "
            f"answers {statuses(sign_samples)}",
            flush=True,
        )

        samples: list[Sample] = []
        budget = Budget(args.max_requests, args.seconds)
        start = time.perf_counter()
        await asyncio.gather(
            *(
                work(c, cl, samples, budget, period_id, args.saves, args.think, random.Random(rng.random()))
                for c, cl in ready
            ),
            return_exceptions=True,
        )
        return sign_samples, samples, signed_in_seconds, time.perf_counter() - start
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))


# ---------------------------------------------------------------- figures and the check


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def summary(samples: list[Sample]) -> str:
    seconds = [s.seconds for s in samples if s.status is not None]
    if not seconds:
        return "no answers"
    return (
        f"n={len(samples)} p50 {percentile(seconds, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(seconds, 0.95) * 1000:.0f} ms, "
        f"max {max(seconds) * 1000:.0f} ms"
    )


def statuses(samples: list[Sample]) -> str:
    counts: dict = {}
    for s in samples:
        key = s.status or f"no answer ({s.failure})"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=str))


def report_figures(samples: list[Sample], elapsed: float) -> None:
    answered = [s for s in samples if s.status is not None]
    print(
        f"requests: {len(samples)} in {elapsed:.1f} s = {len(samples) / elapsed:.1f}/s; "
        f"all answered: {summary(samples)}"
    )
    for kind in ("quarter", "open", "form", "save", "upload", "submit"):
        chosen = [s for s in samples if s.kind == kind]
        if chosen:
            print(f"  {kind:8} {summary(chosen)}")
    counts: dict[int, int] = {}
    for s in answered:
        counts[s.status] = counts.get(s.status, 0) + 1
    print("status counts:", ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    print(
        f"errors: 4xx {sum(v for k, v in counts.items() if 400 <= k < 500)} "
        f"({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()) if 400 <= k < 500) or 'none'}); "
        f"5xx {sum(v for k, v in counts.items() if k >= 500)} "
        f"({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()) if k >= 500) or 'none'}); "
        f"connection errors {len(samples) - len(answered)}"
        + (
            f" ({', '.join(sorted({s.failure for s in samples if s.status is None}))})"
            if len(samples) > len(answered)
            else ""
        )
    )


def stored_entry(report) -> dict:
    return {
        line.project_id: (line.measures, line.assessment, {v.target_id: v.value for v in line.values.all()})
        for line in report.lines.prefetch_related("values")
    }


def same(entry: dict, stored: dict) -> bool:
    if set(entry) != set(stored):
        return False
    for project, (measures, assessment, values) in entry.items():
        s_measures, s_assessment, s_values = stored[project]
        if (measures, assessment) != (s_measures, s_assessment):
            return False
        if any(s_values.get(t) != v for t, v in values.items()):
            return False
    return True


def version_entry(content: dict) -> dict:
    return {
        line["project_id"]: (
            line["measures"],
            line["assessment"],
            {v["target_id"]: None if v["value"] is None else Decimal(v["value"]) for v in line["values"]},
        )
        for line in content["lines"]
    }


def lost_writes(clerks: list[Clerk]) -> tuple[int, list[str]]:
    """Every clerk's last acknowledged save is what is stored (or a later save whose answer never
    came); every acknowledged upload and submission is there, with its file intact on disk."""
    from django.core.files.storage import default_storage

    from shishi.reporting.models import QuarterlyReport

    lost, notes = 0, []
    for clerk in clerks:
        if clerk.report_id is None:
            continue
        report = QuarterlyReport.objects.get(pk=clerk.report_id)
        sha = hashlib.sha256(clerk.pdf).hexdigest()
        problems = []
        if clerk.acknowledged:
            stored = stored_entry(report)
            if not any(same(e, stored) for e in [clerk.acknowledged, *clerk.unconfirmed]):
                problems.append("draft differs from the last acknowledged save")
        if clerk.uploaded and report.stamped_pdf_sha256 != sha:
            problems.append("stamped PDF missing or different")
        if clerk.submitted:
            version = report.versions.order_by("-number").first()
            if report.state != QuarterlyReport.State.SUBMITTED or version is None:
                problems.append(f"not submitted (state {report.state})")
            else:
                if not same(clerk.acknowledged, version_entry(version.content)):
                    problems.append("submitted version differs from what was sent")
                if not default_storage.exists(version.stamped_pdf.name):
                    problems.append("submitted PDF file missing")
                else:
                    with default_storage.open(version.stamped_pdf.name, "rb") as f:
                        if hashlib.sha256(f.read()).hexdigest() != sha or version.stamped_pdf_sha256 != sha:
                            problems.append("submitted PDF file differs")
        if problems:
            lost += 1
            notes.append(f"{clerk.username} (report {clerk.report_id}): {'; '.join(problems)}")
    return lost, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--reporters", type=int, default=300)
    parser.add_argument(
        "--seconds", type=float, default=120, help="length of the surge (the sign-in comes before)"
    )
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument(
        "--saves", type=int, default=5, help="draft saves per clerk before the upload and the submission"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=None,
        help="mean pause between a clerk's actions, s (default: half of --seconds spread over the steps)",
    )
    parser.add_argument("--pdf-kb", type=int, default=300, help="size of each stamped PDF")
    # 2 cores: CPU-bound Django wants about 2 × cores + 1 processes; 4 threads each overlap the
    # database round trips. 5 × 4 = 20 connections, far below PostgreSQL's max_connections.
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=90, help="client timeout per request, s")
    parser.add_argument(
        "--keepalive",
        type=float,
        default=0,
        help="how long the client keeps an idle connection, s; 0 (default): a new connection per "
        "request, as nginx in front of gunicorn does by default (docs/deploy.md)",
    )
    parser.add_argument(
        "--sign-in-seconds", type=float, default=900, help="bound on the sign-in before the surge"
    )
    parser.add_argument(
        "--sign-in-concurrency",
        type=int,
        default=8,
        help="log-ins in flight at once (each is CPU-bound: more only lengthens every one)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database and files afterwards")
    args = parser.parse_args()
    if args.think is None:
        args.think = 0.5 * args.seconds / (args.saves + 4)

    data_dir = Path(tempfile.mkdtemp(prefix="shishi-surge-"))
    server = None
    try:
        prepare_database(args.database, data_dir)
        from django.db import connection

        if args.database == "postgres":
            with connection.cursor() as cursor:
                cursor.execute("SHOW max_connections")
                max_connections = int(cursor.fetchone()[0])
            if args.workers * args.threads >= max_connections - 5:
                raise SystemExit(
                    f"{args.workers} × {args.threads} connections would not fit in "
                    f"max_connections={max_connections}"
                )
        started = time.perf_counter()
        period_id = arrange(args.reporters)
        clerks = [Clerk(f"clerk{n:03d}", stamped_pdf(n, args.pdf_kb)) for n in range(1, args.reporters + 1)]
        connection.close()
        print(
            f"surge: {args.database}, {args.reporters} reporters, {args.seconds:.0f} s, "
            f"at most {args.max_requests} requests; "
            f"gunicorn {args.workers} workers × {args.threads} threads; "
            f"PDFs of {len(clerks[0].pdf) // 1024} KB; "
            f"{args.saves} saves per clerk, think time ~{args.think:.1f} s "
            f"(set up in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        log = data_dir / "gunicorn.log"
        port = free_port()
        server = start_gunicorn(port, args.workers, args.threads, log)
        _, samples, _, elapsed = asyncio.run(run_clerks(clerks, f"http://127.0.0.1:{port}", period_id, args))
        server.terminate()
        server.wait(30)
        report_figures(samples, elapsed)
        print(
            f"acknowledged: saves {sum(1 for s in samples if s.kind == 'save' and s.status == 302)}, "
            f"uploads {sum(c.uploaded for c in clerks)}, submissions {sum(c.submitted for c in clerks)} "
            f"of {len(clerks)} clerks"
        )
        text = log.read_text(errors="replace")
        unanswered: dict[str, int] = {}
        for s in samples:
            if s.status is None:
                key = f"{s.kind} {s.failure} after {'<1' if s.seconds < 1 else '≥1'} s"
                unanswered[key] = unanswered.get(key, 0) + 1
        if unanswered:
            print("no answer:", ", ".join(f"{k}: {v}" for k, v in sorted(unanswered.items())))
        print(
            f"gunicorn log: {text.count('Booting worker') - args.workers} worker restarts, "
            f"{text.count('WORKER TIMEOUT')} worker timeouts, {text.count('[ERROR]')} errors"
        )
        print(
            f'"database is locked": {text.count("database is locked")} in the gunicorn log, '
            f"{sum(s.locked for s in samples)} in responses; tracebacks in the log: {text.count('Traceback')}"
        )
        lost, notes = lost_writes(clerks)
        print(f"lost writes: {lost}")
        for note in notes[:20]:
            print("  ", note)
        if text.count("Traceback"):
            print("first traceback in the gunicorn log:\n" + text[text.index("Traceback") :][:3000])
    finally:
        if server and server.poll() is None:
            server.kill()
        if not args.keep:
            from django.db import connections

            connections.close_all()
            if args.database == "postgres":
                subprocess.run(["dropdb", *PG, "--if-exists", "--force", PG_DATABASE], check=False)
            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            print(f"kept: {data_dir}")


if __name__ == "__main__":
    main()
