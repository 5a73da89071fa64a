"""Two app servers behind one nginx, as docs/deploy.md tells a city to run them.

Everything real: Debian's nginx with the documented proxy snippet (docs/nginx/shishi-proxy.conf),
two gunicorn processes with the same settings, one `run_jobs` export worker, files in one shared
folder, the cache in Redis, and the database the suite runs on (a throwaway SQLite file, or a
throwaway database on the PostgreSQL server when DATABASE_URL points there). What one server
takes in, the other must show: sessions, the report and its stamped PDF, a log-in lock, an export
made by the worker. Skipped when nginx or Redis is missing (.ci/run installs nginx).
"""

from __future__ import annotations

import os
import re
import shutil
import time
import uuid

import httpx
import pytest
import redis
from lxml import html

from tests.conftest import pdf_bytes
from tests.servers import App, free_port, listening, manage, start, stop, throwaway_database

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_URL = "redis://127.0.0.1:6379/7"
SNIPPET = os.path.join(os.path.dirname(__file__), "..", "docs", "nginx", "shishi-proxy.conf")


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(NGINX), reason="nginx is not installed"),
    pytest.mark.skipif(not listening(6379), reason="no Redis on 127.0.0.1:6379"),
]

NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
{user}
events {{ worker_connections 128; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream shishi_app {{ server 127.0.0.1:{one}; server 127.0.0.1:{two}; }}
    server {{
        listen 127.0.0.1:{port};
        add_header X-Served-By $upstream_addr always;
        include {snippet};
    }}
}}
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    redis.Redis.from_url(REDIS_URL).flushdb()
    processes = []
    with throwaway_database(folder) as database_url:
        app = App(
            folder / "data",
            database_url,
            SHISHI_CACHE_URL=REDIS_URL,
            SHISHI_JOBS="worker",
            SHISHI_BEHIND_PROXY="1",
        )
        manage(app, "migrate", "--noinput", "-v0")
        manage(app, "load_demo")
        try:
            ports = [free_port(), free_port()]
            for port in ports:
                processes.append(
                    start(
                        app,
                        [
                            "gunicorn",
                            "shishi.wsgi:application",
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            "1",
                            "--threads",
                            "4",
                            "--no-control-socket",
                        ],
                        port=port,
                        log=folder / f"app-{port}.log",
                        ready_path="/login/",
                    )
                )
            processes.append(
                start(app, ["python", "manage.py", "run_jobs", "--poll", "0.2"], log=folder / "worker.log")
            )
            front = free_port()
            conf = folder / "nginx.conf"
            conf.write_text(
                NGINX_CONF.format(
                    dir=folder,
                    one=ports[0],
                    two=ports[1],
                    port=front,
                    snippet=os.path.abspath(SNIPPET),
                    user="user root;" if os.geteuid() == 0 else "",
                )
            )
            processes.append(
                start(
                    None,
                    [NGINX, "-c", str(conf), "-p", str(folder), "-g", "daemon off;"],
                    port=front,
                    log=folder / "nginx.out",
                    ready_path="/login/",
                )
            )
            yield {
                "front": f"http://127.0.0.1:{front}",
                "one": f"http://127.0.0.1:{ports[0]}",
                "two": f"http://127.0.0.1:{ports[1]}",
                "app": app,
            }
        finally:
            for process in reversed(processes):
                stop(process)
            redis.Redis.from_url(REDIS_URL).flushdb()


def _log_in(client: httpx.Client, base: str, username: str, password: str = "shishi-demo") -> httpx.Response:
    page = client.get(f"{base}/login/")
    token = html.fromstring(page.text).xpath("//input[@name='csrfmiddlewaretoken']/@value")[0]
    return client.post(
        f"{base}/login/", data={"csrfmiddlewaretoken": token, "username": username, "password": password}
    )


def _form_fields(page: str, action: str) -> dict:
    form = next(f for f in html.fromstring(page).forms if (f.action or "").endswith(action))
    return {name: value for name, value in form.form_values()}


def test_nginx_shares_the_load_between_both_app_servers(cluster):
    with httpx.Client(timeout=60) as client:
        served_by = {client.get(f"{cluster['front']}/login/").headers["X-Served-By"] for _ in range(6)}
    assert served_by == {cluster["one"].removeprefix("http://"), cluster["two"].removeprefix("http://")}


def test_a_session_opened_on_one_server_is_valid_on_the_other(cluster):
    with httpx.Client(timeout=60) as client:
        assert _log_in(client, cluster["one"], "coordinator").status_code == 302
        page = client.get(f"{cluster['two']}/plans/")
        assert (
            page.status_code == 200 and "桓政办字〔2023〕9号" in page.text
        )  # a stranger would be sent to log in


def test_a_report_and_its_pdf_saved_through_one_server_are_seen_through_the_other(cluster):
    report = int(
        manage(
            cluster["app"],
            "shell",
            "--no-imports",
            "-c",
            "from shishi.reporting.models import QuarterlyReport as R; "
            "from shishi.directory.models import Person; "
            "unit = Person.objects.get(username='reporter').unit; "
            "print(R.objects.filter(unit=unit, state='draft').values_list('pk', flat=True).first())",
        )
    )
    stamped = pdf_bytes(pages=2)
    measures = f"本季度完成宣讲{uuid.uuid4().hex[:6]}场。"
    with httpx.Client(timeout=60) as client:
        _log_in(client, cluster["front"], "reporter")
        fields = _form_fields(client.get(f"{cluster['one']}/reports/{report}/").text, f"/reports/{report}/")
        measure_field = next(name for name in fields if name.endswith("-measures"))
        fields.update({measure_field: measures, "then": "save"})
        saved = client.post(f"{cluster['one']}/reports/{report}/", data=fields)
        assert saved.status_code == 302, saved.text[:500]
        token = fields["csrfmiddlewaretoken"]
        uploaded = client.post(
            f"{cluster['one']}/reports/{report}/pdf/",
            data={"csrfmiddlewaretoken": token},
            files={"stamped_pdf": ("盖章版.pdf", stamped, "application/pdf")},
        )
        assert uploaded.status_code == 302, uploaded.text[:500]

        seen = client.get(f"{cluster['two']}/reports/{report}/")
        assert measures in seen.text and "盖章版.pdf" in seen.text
        assert client.get(f"{cluster['two']}/reports/{report}/pdf/current/").content == stamped


def test_a_log_in_lock_earned_on_one_server_holds_on_the_other(cluster):
    with httpx.Client(timeout=60) as client:
        for _ in range(5):
            assert _log_in(client, cluster["front"], "leader", "wrong").status_code == 200
        assert _log_in(client, cluster["one"], "leader").status_code == 429
        assert _log_in(client, cluster["two"], "leader").status_code == 429


def test_an_export_asked_of_one_server_is_made_by_the_worker_and_fetched_from_the_other(cluster):
    with httpx.Client(timeout=60) as client:
        _log_in(client, cluster["two"], "coordinator")
        token = client.cookies["csrftoken"]
        started = client.post(
            f"{cluster['one']}/api/exports/jobs/",
            data={"csrfmiddlewaretoken": token, "kind": "projects", "format": "xlsx"},
        )
        assert started.status_code == 302, started.text[:500]
        job = int(re.search(r"/exports/jobs/(\d+)/", started.headers["location"]).group(1))
        deadline = time.monotonic() + 60
        while "已完成" not in (status := client.get(f"{cluster['two']}/api/exports/jobs/{job}/status/").text):
            assert "errorlist" not in status, status
            assert time.monotonic() < deadline, "the worker did not finish the export in a minute"
            time.sleep(0.3)
        made = client.get(f"{cluster['one']}/api/exports/jobs/{job}/file/")
        assert made.status_code == 200 and made.content[:2] == b"PK"  # an xlsx is a zip
