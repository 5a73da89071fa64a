"""A whole city's export runs in the background: the page shows its progress, a failure ends
with a message, and only the person who asked gets the file."""

from __future__ import annotations

import csv
import io
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from shishi.exports import jobs
from shishi.exports.models import ExportJob
from shishi.exports.tables import PlanTable
from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
from tests.conftest import SAMPLES


@pytest.fixture
def city(cast, plan, world):
    """A second county's plan, so that Cici's city has two."""
    notice = read_notice_upload(
        world["gaoqing"], cast["otto"], (SAMPLES / "gaoqing-2024.txt").read_bytes(), "gaoqing-2024.txt"
    )
    return [
        plan,
        confirm_plan(notice, cast["otto"], {name: "new" for name in draft_unit_names(notice.draft)}),
    ]


def _start(client, django_capture_on_commit_callbacks, kind="plans", fmt="csv") -> ExportJob:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("exports:job_start"), {"kind": kind, "format": fmt})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response.url == reverse("exports:job", args=[job.pk])
    assert len(callbacks) == 1  # the thread starts only once the job is committed
    return job


def test_it_runs_the_export_and_reports_progress_step_by_step(
    client, cast, city, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(cast["cici"])
    job = _start(client, django_capture_on_commit_callbacks, kind="reports")
    assert job.state == "queued"
    waiting = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert "<progress" in waiting and 'hx-trigger="every 1s"' in waiting

    seen = []
    original = jobs.save_progress

    def watch(job_, done):
        original(job_, done)
        stored = ExportJob.objects.get(pk=job_.pk)
        seen.append((stored.state, stored.done, stored.total))

    monkeypatch.setattr(jobs, "save_progress", watch)
    jobs.run_job(job.pk)

    total = 2 * 4  # two plans, four quarters each
    assert seen == [("running", n, total) for n in range(1, total + 1)]
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.percent) == ("done", total, total, 100)

    fragment = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert 'value="100" max="100"' in fragment
    assert "every 1s" not in fragment  # a finished job stops the polling
    assert reverse("exports:job_file", args=[job.pk]) in fragment


def test_the_result_file_is_the_whole_city_and_only_for_the_person_who_asked(
    client, cast, city, django_capture_on_commit_callbacks
):
    client.force_login(cast["cici"])
    job = _start(client, django_capture_on_commit_callbacks)
    jobs.run_job(job.pk)
    response = client.get(reverse("exports:job_file", args=[job.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(r[1] for r in rows[1:]) == ["桓台县", "高青县"]

    for someone in ("cora", "admin", "otto"):
        client.force_login(cast[someone])
        for name in ("exports:job", "exports:job_status", "exports:job_file"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, (someone, name)


def test_a_coordinator_gets_only_her_county(client, cast, city, django_capture_on_commit_callbacks):
    client.force_login(cast["cora"])
    job = _start(client, django_capture_on_commit_callbacks, fmt="xlsx")
    job = jobs.run_job(job.pk)
    assert job.filename == "全部可见计划·实事计划.xlsx"
    assert job.total == 1 and job.file.read()[:2] == b"PK"


def test_a_failure_ends_the_job_with_a_message(
    client, cast, city, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(self, plan):
        raise RuntimeError("disk full")

    monkeypatch.setattr(PlanTable, "plan_rows", broken)
    client.force_login(cast["cici"])
    job = jobs.run_job(_start(client, django_capture_on_commit_callbacks).pk)
    assert (job.state, job.error) == ("failed", jobs.FAILED_UNEXPECTEDLY)
    assert not job.file
    fragment = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert jobs.FAILED_UNEXPECTEDLY in fragment and "every 1s" not in fragment
    assert client.get(reverse("exports:job_file", args=[job.pk])).status_code == 404


def test_a_job_whose_thread_died_is_shown_as_interrupted(client, cast, plan):
    job = ExportJob.objects.create(
        person=cast["cora"], kind="plans", format="csv", state="running", done=1, total=4
    )
    ExportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - jobs.STALE_AFTER - timedelta(seconds=1)
    )
    client.force_login(cast["cora"])
    fragment = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert jobs.INTERRUPTED in fragment
    job.refresh_from_db()
    assert job.state == "failed"
    assert jobs.run_job(job.pk).state == "failed"  # a late runner does not bring it back


def test_a_person_who_sees_no_plan_gets_a_clear_message(cast, plan):
    job = ExportJob.objects.create(person=cast["olga"], kind="plans", format="csv")
    job = jobs.run_job(job.pk)
    assert (job.state, job.error) == ("failed", "您目前没有可以导出的实事计划。")


@pytest.mark.parametrize("kind, fmt", [("secrets", "csv"), ("plans", "pdf")])
def test_it_refuses_an_unknown_table_or_format(client, cast, plan, kind, fmt):
    client.force_login(cast["cora"])
    response = client.post(reverse("exports:job_start"), {"kind": kind, "format": fmt})
    assert response.status_code == 302 and response.url == reverse("exports:index")
    assert not ExportJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_job_really_runs_in_a_background_thread(cast, plan, monkeypatch):
    started = []
    real_launch = jobs.launch

    def launch_and_remember(job_id):
        real_launch(job_id)
        started.append(job_id)

    monkeypatch.setattr(jobs, "launch", launch_and_remember)
    job = jobs.start_export(cast["cici"], "projects", "xlsx")  # autocommit: on_commit runs at once
    assert started == [job.pk]
    for thread in [t for t in threading.enumerate() if t.name == f"export-job-{job.pk}"]:
        thread.join(timeout=30)
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert job.total == 1 and job.done == 1


def test_exports_older_than_a_week_are_forgotten_with_their_files(cast, plan):
    old = jobs.run_job(ExportJob.objects.create(person=cast["cora"], kind="plans", format="csv").pk)
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - jobs.KEEP_FOR - timedelta(hours=1))
    stored = old.file.name
    assert jobs.default_storage.exists(stored)
    jobs.start_export(cast["cora"], "plans", "csv")
    assert not ExportJob.objects.filter(pk=old.pk).exists()
    assert not jobs.default_storage.exists(stored)


@pytest.mark.django_db(transaction=True)
def test_with_a_separate_worker_the_web_process_only_queues_and_run_jobs_does_the_work(cast, plan, settings):
    settings.SHISHI_JOBS = "worker"
    first = jobs.start_export(cast["cici"], "projects", "xlsx")
    second = jobs.start_export(cast["cora"], "plans", "csv")
    assert not [t for t in threading.enumerate() if t.name.startswith("export-job-")]
    assert {j.state for j in ExportJob.objects.all()} == {"queued"}
    out = io.StringIO()
    call_command("run_jobs", "--once", stdout=out)
    assert out.getvalue().splitlines() == [
        f"export {first.pk}: done",
        f"export {second.pk}: done",
        "ran 2 job(s)",
    ]
    assert all(jobs.default_storage.exists(j.file.name) for j in ExportJob.objects.all())


def test_the_worker_takes_the_oldest_queued_job_and_skips_the_ones_already_claimed(cast, plan):
    running = ExportJob.objects.create(person=cast["cora"], kind="plans", format="csv", state="running")
    waiting = ExportJob.objects.create(person=cast["cora"], kind="plans", format="csv")
    ExportJob.objects.create(person=cast["cora"], kind="plans", format="csv")
    assert running.pk != jobs.next_queued() == waiting.pk
