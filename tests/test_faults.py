"""The real app under faults: a server killed mid-upload or mid-submission, PostgreSQL restarted
under load. Each test runs gunicorn in a subprocess against a throw-away database of its own (the
test database is not visible to another process) and kills or restarts things for real.

Deselect with `-m "not faults"`.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[1]
PYTHON = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PASSWORD = "faults-password-1"

pytestmark = [pytest.mark.faults, pytest.mark.slow]
logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request

# A fresh database: a county, a unit on one project with one target, its clerk, this quarter's report.
ARRANGE = f"""
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.utils import timezone
from shishi.directory.models import Person, Region, Unit
from shishi.plans.models import Assignment, Period, Plan, Project, Target
from shishi.reporting.services import start_report
today = timezone.localdate()
county = Region.objects.create(name="桓台县", code="370321", level=Region.Level.COUNTY)
unit = Unit.objects.create(region=county, name="县妇联")
plan = Plan.objects.create(region=county, year=today.year,\
 title="关于为全县妇女儿童办实事的通知", published=True)
project = Project.objects.create(plan=plan, seq=1, title="实施适龄妇女“两癌”免费筛查行动")
Target.objects.create(project=project, seq=1, indicator="免费筛查", value=18000, unit_of_measure="人")
Assignment.objects.create(project=project, unit=unit, role="lead")
quarter = (today.month - 1) // 3 + 1
starts, ends, due = Period.bounds(today.year, quarter, 10)
period = Period.objects.create(plan=plan, quarter=quarter, starts_on=starts, ends_on=ends, due_on=due)
Person.objects.create_user("lena", password="{PASSWORD}", role="reporter", region=county, unit=unit)
print(start_report(unit, period).pk)
"""


def pdf(megabytes: float = 0, seed: int = 0) -> bytes:
    """A real PDF; with `megabytes`, a scan-sized one (a page carrying a noisy image)."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument.new()
    page = document.new_page(842, 595)
    if megabytes:
        side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
        image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        picture = pdfium.PdfImage.new(document)
        picture.set_bitmap(pdfium.PdfBitmap.from_pil(image))
        picture.set_matrix(pdfium.PdfMatrix().scale(400, 400))
        page.insert_obj(picture)
        page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue() + f"%{seed}\n".encode()  # a comment after %%EOF: a different file, still a PDF


class Server:
    """gunicorn serving the app in its own process group, so that one SIGKILL takes all of it."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.process = env, log, None
        self.port = free_port()

    def start(self) -> Server:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "shishi.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--no-control-socket",
                "--error-logfile",
                str(self.log),
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:  # the worker, not only the master, must answer
                if httpx.get(f"{self.url}/login/", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            time.sleep(0.1)
        raise AssertionError("gunicorn did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.kill()


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def app_env(data_dir: Path, **extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SHISHI_DEBUG")
    }
    env.update(
        SHISHI_SECRET_KEY="faults-only",
        SHISHI_EMAIL_URL="none",
        SHISHI_HTTPS="0",
        SHISHI_DATA_DIR=str(data_dir),
        SHISHI_ALLOWED_HOSTS="127.0.0.1",
        SHISHI_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="shishi.settings",
        **extra,
    )
    return env


def log_in(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=60)
    token = client.get("/login/").cookies["csrftoken"]
    answer = client.post(
        "/login/", data={"username": "lena", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302, answer.text[:500]
    return client


# ---------------------------------------------------------------- killed mid-upload, mid-submission


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated SQLite site with Lena's report, and a clerk's session that outlives server restarts."""
    data = tmp_path_factory.mktemp("site")
    (data / "tmp").mkdir()
    env = app_env(data, TMPDIR=str(data / "tmp"))  # where Django keeps a large upload while it streams in
    report_id = int(manage(env, "shell", "-c", ARRANGE).split()[-1])
    server = Server(env, data / "gunicorn.log").start()
    try:
        client = log_in(server.url)
        cookies = dict(client.cookies)
        client.close()
    finally:
        server.stop()
    return {"data": data, "env": env, "report": report_id, "cookies": cookies}


@pytest.fixture
def server(site):
    running = Server(site["env"], site["data"] / "gunicorn.log").start()
    yield running
    running.stop()


def snapshot(data: Path) -> dict:
    """Every row of the reporting and history tables, and every stored file."""
    database = sqlite3.connect(data / "shishi.sqlite3")
    try:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND (name LIKE 'reporting_%' OR name LIKE 'history_%')"
            )
        ]
        rows = {table: sorted(map(repr, database.execute(f'SELECT * FROM "{table}"'))) for table in tables}
    finally:
        database.close()
    files = data / "files"
    return {"rows": rows, "files": sorted(str(p.relative_to(files)) for p in files.rglob("*") if p.is_file())}


def referenced_files(data: Path) -> set[str]:
    database = sqlite3.connect(data / "shishi.sqlite3")
    try:
        return {
            name
            for (name,) in database.execute(
                "SELECT stamped_pdf FROM reporting_quarterlyreport "
                "UNION SELECT stamped_pdf FROM reporting_reportversion"
            )
            if name
        }
    finally:
        database.close()


def orphans(data: Path) -> list[str]:
    files = data / "files"
    stored = {str(p.relative_to(files)) for p in files.rglob("*") if p.is_file()}
    return sorted(stored - referenced_files(data))


def client_for(site, server) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=60, cookies=site["cookies"])


def multipart(token: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="stamped_pdf"; filename="stamp.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def raw_post(server, site, path: str, body: bytes, content_type: str) -> socket.socket:
    """The request line and headers of a POST, on a socket of our own: the body is sent by the caller."""
    cookies = "; ".join(f"{k}={v}" for k, v in site["cookies"].items())
    connection = socket.create_connection(("127.0.0.1", server.port))
    connection.sendall(
        (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookies}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
    )
    return connection


def wait_for(condition, seconds: float, every: float = 0.001):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    return None


def upload_and_submit(site, server) -> None:
    """After a crash, the clerk can still do the whole job."""
    with client_for(site, server) as client:
        token = client.cookies["csrftoken"]
        answer = client.post(
            f"/reports/{site['report']}/pdf/",
            data={"csrfmiddlewaretoken": token},
            files={"stamped_pdf": ("盖章.pdf", pdf(seed=1), "application/pdf")},
        )
        assert answer.status_code == 302
        page = client.get(f"/reports/{site['report']}/").text
        assert "盖章PDF已上传" in page
        answer = client.post(f"/reports/{site['report']}/save/", data=submission(site, page, "上传后报送。"))
        assert answer.status_code == 302
        assert "已报送（第" in client.get(f"/reports/{site['report']}/").text


def submission(site, page: str, measures: str) -> dict:
    import re

    form = {
        "csrfmiddlewaretoken": site["cookies"]["csrftoken"],
        "then": "submit",
        "revision": re.search(r'name="revision" value="(\d+)"', page).group(1),
    }
    for project in re.findall(r'name="line-(\d+)-measures"', page):
        form.update(
            {
                f"line-{project}-measures": measures,
                f"line-{project}-deadline": "12月31日",
                f"line-{project}-assessment": "on_schedule",
            }
        )
    for target in re.findall(r'name="value-(\d+)"', page):
        form[f"value-{target}"] = "9000"
    return form


def test_a_server_killed_while_a_pdf_streams_in_leaves_nothing_behind(site, server):
    data, before = site["data"], snapshot(site["data"])
    body, content_type = multipart(site["cookies"]["csrftoken"], pdf(megabytes=8))
    connection = raw_post(server, site, f"/reports/{site['report']}/pdf/", body, content_type)
    connection.sendall(body[: len(body) // 2])  # half the PDF: the server is writing it to a temporary file
    temporary = wait_for(lambda: list((data / "tmp").glob("tmp*.upload*")), 20, every=0.01)
    assert temporary, "the server never started to store the upload"
    server.kill()
    connection.close()

    assert snapshot(data) == before  # no row touched, no stored file
    assert all(path.exists() for path in temporary)  # what a killed server leaves: its temporary upload file
    swept = manage(site["env"], "sweep_files", "--minutes", "0")
    assert not any(path.exists() for path in temporary), swept
    assert snapshot(data) == before

    server.start()
    upload_and_submit(site, server)
    assert orphans(data) == []
    reopen(site)


def test_a_server_killed_between_storing_the_pdf_and_committing_leaves_no_orphan(site, server):
    data, before = site["data"], snapshot(site["data"])
    stamped = data / "files" / "stamped"
    known = set(stamped.rglob("*.pdf")) if stamped.exists() else set()
    document = pdf(megabytes=4, seed=2)
    body, content_type = multipart(site["cookies"]["csrftoken"], document)
    # Another writer holds the database: the server stores the file, then waits to commit the row.
    # That is the window a kill can hit; the lock only makes it wide enough to hit every time.
    writer = sqlite3.connect(data / "shishi.sqlite3", isolation_level=None, timeout=30)
    writer.execute("BEGIN IMMEDIATE")
    try:
        connection = raw_post(server, site, f"/reports/{site['report']}/pdf/", body, content_type)
        connection.sendall(body)
        written = wait_for(
            lambda: [
                p
                for p in (set(stamped.rglob("*.pdf")) - known if stamped.exists() else ())
                if p.stat().st_size == len(document)
            ],
            30,
        )
        server.kill()
        connection.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert written, "the server never stored the PDF"

    after = snapshot(data)
    assert after["rows"] == before["rows"]  # no half-made report
    orphan = [str(p.relative_to(data / "files")) for p in written]
    assert orphans(data) == orphan  # the file the dead server wrote, which no row names

    # The hourly sweep leaves it alone while an upload might still be about to commit it; once old, it goes.
    hourly, later = manage(
        site["env"],
        "shell",
        "-c",
        "from django.core.management import call_command\n"
        "call_command('sweep_files'); print('=' * 9); call_command('sweep_files', minutes=0)",
    ).split("=" * 9)
    assert orphan[0] not in hourly and orphan[0] in later
    assert orphans(data) == [] and snapshot(data) == before

    server.start()
    upload_and_submit(site, server)
    assert orphans(data) == []
    reopen(site)


def test_a_server_killed_during_a_submission_leaves_the_report_as_it_was_or_submitted(site, server):
    data = site["data"]
    with client_for(site, server) as client:
        token = client.cookies["csrftoken"]
        client.post(
            f"/reports/{site['report']}/pdf/",
            data={"csrfmiddlewaretoken": token},
            files={"stamped_pdf": ("盖章.pdf", pdf(seed=3), "application/pdf")},
        )
        page = client.get(f"/reports/{site['report']}/").text
    outcomes = []
    for delay in (0.0, 0.03, 0.1):  # kills at ever later moments of the request
        before = snapshot(data)
        form = submission(site, page, f"第{len(outcomes) + 1}次报送。")
        body = httpx.QueryParams(form).__str__().encode()
        connection = raw_post(
            server, site, f"/reports/{site['report']}/save/", body, "application/x-www-form-urlencoded"
        )
        connection.sendall(body)
        time.sleep(delay)
        server.kill()
        connection.close()
        after = snapshot(data)
        assert after == before or is_submitted(site, form), "a half-made submission"
        outcomes.append("submitted" if after != before else "as before")
        assert orphans(data) == []
        server.start()
        if after != before:
            break
        with client_for(site, server) as client:
            page = client.get(f"/reports/{site['report']}/").text
    print("kills during a submission:", outcomes)
    if outcomes[-1] != "submitted":
        upload_and_submit(site, server)
    reopen(site)


def is_submitted(site, form: dict) -> bool:
    """Submitted in full: the report locked, its latest version holding what was sent, with the PDF."""
    import json

    database = sqlite3.connect(site["data"] / "shishi.sqlite3")
    try:
        (state,) = database.execute(
            "SELECT state FROM reporting_quarterlyreport WHERE id=?", (site["report"],)
        ).fetchone()
        content, name = database.execute(
            "SELECT content, stamped_pdf FROM reporting_reportversion WHERE report_id=? "
            "ORDER BY number DESC LIMIT 1",
            (site["report"],),
        ).fetchone() or ("{}", "")
    finally:
        database.close()
    lines = json.loads(content).get("lines", [])
    sent = {v for k, v in form.items() if k.endswith("-measures")}
    return (
        state == "submitted"
        and bool(lines)
        and {line["measures"] for line in lines} == sent
        and (site["data"] / "files" / name).is_file()
    )


def reopen(site) -> None:
    """Put Lena's report back to a draft without a PDF, for the next test (as a coordinator's return
    would)."""
    database = sqlite3.connect(site["data"] / "shishi.sqlite3")
    try:
        with database:
            database.execute(
                "UPDATE reporting_quarterlyreport SET state='returned', revision=revision+1 WHERE id=?",
                (site["report"],),
            )
    finally:
        database.close()


# ---------------------------------------------------------------- PostgreSQL restarted under load


def test_the_app_recovers_by_itself_when_postgresql_restarts_under_load(tmp_path):
    if not (PG_BIN / "initdb").exists() or not shutil.which("runuser"):
        pytest.skip(f"needs PostgreSQL's server programs in {PG_BIN} and runuser to start a private cluster")
    if os.geteuid() != 0:
        pytest.skip("starting a private PostgreSQL cluster as the postgres user needs root (runuser)")
    home = Path(tempfile.mkdtemp(prefix="shishi-pg-", dir="/tmp"))  # reachable by the postgres user
    cluster, port = home / "cluster", free_port()
    server = None

    def as_postgres(*command, check=True):
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            capture_output=True,
            text=True,
            timeout=120,
            check=check,
        )

    try:
        os.chmod(home, 0o755)
        shutil.chown(home, "postgres")
        as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(cluster),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        )
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
        as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(cluster),
            "-o",
            options,
            "-l",
            str(home / "pg.log"),
            "-w",
            "start",
        )
        as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "shishi")
        env = app_env(tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/shishi")
        manage(env, "shell", "-c", ARRANGE)
        server = Server(env, tmp_path / "gunicorn.log").start()

        answers: list[tuple[float, float, int | str]] = []  # (sent, answered, status or error)
        stop = threading.Event()

        def load():
            # A new connection per request, as nginx opens them to gunicorn (see bench/surge.py)
            with httpx.Client(
                base_url=server.url, timeout=30, limits=httpx.Limits(max_keepalive_connections=0)
            ) as client:
                while not stop.is_set():
                    sent = time.monotonic()
                    try:
                        outcome = client.get(
                            "/public/"
                        ).status_code  # the public list of plans: a database read
                    except httpx.HTTPError as error:
                        outcome = type(error).__name__
                    answers.append((sent, time.monotonic(), outcome))
                    time.sleep(0.01)

        readers = [threading.Thread(target=load) for _ in range(3)]
        for reader in readers:
            reader.start()
        try:
            time.sleep(1.0)
            down = time.monotonic()
            restarted = as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(cluster),
                "-o",
                options,
                "-l",
                str(home / "pg.log"),
                "-m",
                "fast",
                "-w",
                "restart",
                check=False,
            )
            up = time.monotonic()
            time.sleep(2.0)
        finally:
            stop.set()
            for reader in readers:
                reader.join(30)
        assert restarted.returncode == 0, restarted.stderr

        before = [a for a in answers if a[1] < down]
        during = [a for a in answers if a[1] >= down and a[0] <= up]
        after = [a for a in answers if a[0] > up]
        assert before and all(a[2] == 200 for a in before)
        failed = sorted({str(a[2]) for a in during if a[2] != 200})
        print(
            f"PostgreSQL restart took {up - down:.2f} s; during it {len(during)} requests, "
            f"failures: {failed or 'none'}"
        )
        assert set(failed) <= {"503"}, (
            "during the outage: the page that says the database is away, nothing worse"
        )
        assert len(after) > 5 and all(a[2] == 200 for a in after), [a[2] for a in after if a[2] != 200][:10]
        assert server.process.poll() is None  # recovered without restarting gunicorn
    finally:
        if server:
            server.stop()
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(cluster), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(home, ignore_errors=True)
