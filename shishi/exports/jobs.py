"""Long exports run in the background while the page shows a progress bar.

Why not Django's tasks framework (django.tasks): Django 6.1 ships two backends only.
ImmediateBackend runs the task inside the request that enqueues it, so the page would wait the
whole time and could show no progress; DummyBackend never runs it. django-tasks-db (0.13, by the
framework's author) is a maintained database backend and installs cleanly beside Django 6.1, but
it only runs tasks in its own `db_worker` process: a county office's single server, which runs
exports in a thread of the web process today (scheduled reminders are a cron command for the same
reason, see the README), would need a second long-running process. And a task result has no
progress: the page's "done of total" would still need a row of ours. So the runner below stays:
it is the queue and the progress, in one table.

An ExportJob row holds the state, the progress (done of total steps: a plan, or a plan's
quarter for report tables) and the result file; the row is the queue. With SHISHI_JOBS=thread
(one server, the default) the work runs in a thread of the web process, started once the
request's transaction has committed. With SHISHI_JOBS=worker (several app servers, see
docs/deploy.md) the web process only queues the row and one `manage.py run_jobs` process takes
queued rows in order; claiming a row is a conditional UPDATE, so even two workers never run
the same job twice. A thread or a worker dies with its process: a job that has not moved for
STALE_AFTER (a restart, a killed worker) is marked failed with a message that says to start it
again. Any other failure also ends in state failed with a message for a person; the traceback
goes to the log.

Tests run `run_job` synchronously (`launch` is the only thing that starts a thread).
"""

from __future__ import annotations

import logging
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import close_old_connections, connections, transaction
from django.utils import timezone

from shishi.directory.models import Person
from shishi.plans.models import Plan

from .models import ExportJob
from .tables import FORMATS, TABLES, ExportError, render, table_for

logger = logging.getLogger(__name__)
State = ExportJob.State
STALE_AFTER = timedelta(minutes=10)
KEEP_FOR = timedelta(days=7)  # an export is a snapshot: after a week, make a new one
FAILED_UNEXPECTEDLY = "生成失败：服务器内部错误。请稍后重试；如仍失败，请联系系统管理员。"
INTERRUPTED = "生成中断（服务器可能已重启），请重新生成。"


def start_export(person: Person, kind: str, fmt: str, plan: Plan | None = None) -> ExportJob:
    """Queue an export of every plan the person sees (or of one plan) and start it after commit."""
    if kind not in TABLES:
        raise ExportError("没有这种导出表格。")
    if fmt not in FORMATS:
        raise ExportError("只能导出CSV或XLSX格式。")
    running = ExportJob.objects.filter(
        person=person, state__in=(State.QUEUED, State.RUNNING), updated_at__gte=timezone.now() - STALE_AFTER
    )
    if running.count() >= 3:
        raise ExportError("您已有3个导出正在生成，请等它们完成后再开始新的导出。")
    prune(person)
    job = ExportJob.objects.create(person=person, plan=plan, kind=kind, format=fmt)
    transaction.on_commit(lambda: launch(job.pk))
    return job


def prune(person: Person) -> None:
    """Forget the person's exports older than KEEP_FOR, files included: they hold what the person
    could read then, which may be more than they may read now."""
    for old in ExportJob.objects.filter(person=person, created_at__lt=timezone.now() - KEEP_FOR):
        if old.file:
            default_storage.delete(old.file.name)
        old.delete()


def launch(job_id: int) -> None:
    if settings.SHISHI_JOBS == "worker":
        return  # the row is queued; run_jobs takes it
    threading.Thread(target=_run_in_thread, args=(job_id,), name=f"export-job-{job_id}", daemon=True).start()


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id)
    finally:
        connections.close_all()  # this thread's own connections, not the request's


def next_queued() -> int | None:
    """The oldest job waiting for a worker."""
    return (
        ExportJob.objects.filter(state=State.QUEUED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def run_job(job_id: int) -> ExportJob:
    """Make the export; whatever happens, the job ends done or failed."""
    claimed = ExportJob.objects.filter(pk=job_id, state=State.QUEUED).update(state=State.RUNNING)
    job = ExportJob.objects.select_related("person", "plan").get(pk=job_id)
    if not claimed:
        return job  # another runner has it, or it already ended
    try:
        done = 0

        def step():
            nonlocal done
            done += 1
            save_progress(job, done)

        table = table_for(job.person, job.kind, job.plan, on_step=step)
        job.total = table.steps()
        ExportJob.objects.filter(pk=job.pk).update(total=job.total, updated_at=timezone.now())
        data = render(table, job.format)
        filename = f"{table.filename}.{job.format}"
        stored = default_storage.save(
            f"exports/{timezone.now():%Y}/{uuid.uuid4().hex}.{job.format}", ContentFile(data)
        )
        ExportJob.objects.filter(pk=job.pk, state=State.RUNNING).update(
            state=State.DONE,
            file=stored,
            filename=filename[:200],
            done=job.total,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    except ExportError as exc:
        _fail(job, str(exc))
    except Exception:
        logger.exception("export job %s failed", job_id)
        _fail(job, FAILED_UNEXPECTEDLY)
    job.refresh_from_db()
    return job


def save_progress(job: ExportJob, done: int) -> None:
    ExportJob.objects.filter(pk=job.pk).update(done=done, updated_at=timezone.now())


def _fail(job: ExportJob, message: str) -> None:
    ExportJob.objects.filter(pk=job.pk).update(
        state=State.FAILED, error=message[:300], finished_at=timezone.now(), updated_at=timezone.now()
    )


def current(job: ExportJob) -> ExportJob:
    """The job as it stands, marked failed if its thread has stopped moving."""
    job.refresh_from_db()
    if not job.finished and timezone.now() - job.updated_at > STALE_AFTER:
        _fail(job, INTERRUPTED)
        job.refresh_from_db()
    return job
