"""Real server processes for the tests that need more than Django's test client: the app under
gunicorn, the export worker, nginx. Each gets its own data folder and database, so nothing of the
test run's own database is shared with them."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx
import psycopg

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts connections there (a service the machine is meant to run)."""
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


class App:
    """The environment one installation of shishi runs with (production settings, plain HTTP)."""

    def __init__(self, data_dir: Path, database_url: str | None = None, **settings: str):
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("SHISHI_", "DJANGO_", "DATABASE_URL"))
        }
        env.update(
            SHISHI_SECRET_KEY="test-" + "k" * 60,
            SHISHI_DATA_DIR=str(data_dir),
            SHISHI_EMAIL_URL="none",
            SHISHI_HTTPS="0",
            SHISHI_ALLOWED_HOSTS="127.0.0.1,localhost",
            PYTHONUNBUFFERED="1",
            **settings,
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        self.env = env


def manage(app: App, *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=app.env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip()


def start(
    app: App | None,
    command: list[str],
    log: Path,
    port: int | None = None,
    wait: float = 120,
    ready_path: str | None = None,
) -> subprocess.Popen:
    """Start a process and, when it serves a port, wait until it accepts connections, or with
    `ready_path` until that page answers 200 (gunicorn listens before its workers can answer)."""
    if command[0] in ("gunicorn", "python"):
        command = [str(BIN / command[0]) if command[0] == "gunicorn" else sys.executable, *command[1:]]
    output = open(log, "ab")
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=app.env if app else None,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log = log
    if port is not None:
        deadline = time.monotonic() + wait
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"{command[0]} exited with {process.returncode}:\n{log.read_text(errors='replace')}"
                )
            try:
                if ready_path is None:
                    if listening(port):
                        break
                    raise OSError("not yet")
                if httpx.get(f"http://127.0.0.1:{port}{ready_path}", timeout=10).status_code == 200:
                    break
            except (OSError, httpx.HTTPError):
                if time.monotonic() > deadline:
                    stop(process)
                    raise RuntimeError(
                        f"{command[0]} did not listen on {port}:\n{log.read_text(errors='replace')}"
                    ) from None
                time.sleep(0.1)
    return process


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop the process and everything it started (gunicorn's workers, nginx's)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # workers the parent left behind


@contextlib.contextmanager
def throwaway_database(folder: Path):
    """The engine the suite runs on: None (SQLite under the app's data folder) or a fresh
    database on the PostgreSQL server DATABASE_URL names, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    name = f"shishi_proc_{uuid.uuid4().hex[:10]}"
    server = urlparse(url)
    admin = urlunparse(server._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(server._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
