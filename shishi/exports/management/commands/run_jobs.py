"""The task worker for several app servers (SHISHI_JOBS=worker): runs queued exports one by one.

Run exactly one per installation under a supervisor (systemd, see docs/deploy.md); it stops
after the job in hand when it gets SIGTERM, so a restart never leaves a job half-made. A job
whose worker was killed outright is marked failed by the page that watches it (jobs.current).
"""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from shishi.exports import jobs


class Command(BaseCommand):
    help = "运行后台导出任务（多台应用服务器时，SHISHI_JOBS=worker）"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is queued now, then stop")
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between looks at an empty queue")

    def handle(self, *args, once: bool = False, poll: float = 1.0, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        ran = 0
        while not stopping:
            close_old_connections()  # a database restarted while we slept: reconnect, don't die
            try:
                job_id = jobs.next_queued()
            except Exception as exc:  # database down: wait and look again
                self.stderr.write(f"queue unreadable: {exc}")
                time.sleep(poll)
                continue
            if job_id is None:
                if once:
                    break
                time.sleep(poll)
                continue
            job = jobs.run_job(job_id)
            ran += 1
            self.stdout.write(f"export {job.pk}: {job.state}")
        self.stdout.write(f"ran {ran} job(s)")
