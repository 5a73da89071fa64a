import datetime

from django.core.management.base import BaseCommand

from shishi.reporting.orphans import GRACE, sweep


class Command(BaseCommand):
    help = (
        "Remove stored files that no record refers to (left by a server killed mid-upload) and stale upload "
        "temporary files, once older than --minutes. Run hourly from cron, on one machine."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=int(GRACE.total_seconds() // 60),
            help="only files older than this (an upload in flight is never touched)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be removed, remove nothing"
        )

    def handle(self, *args, minutes, dry_run, **options):
        removed = sweep(datetime.timedelta(minutes=minutes), dry_run=dry_run)
        for name in removed:
            self.stdout.write(("将删除 " if dry_run else "已删除 ") + name)
        self.stdout.write(f"共{'发现' if dry_run else '删除'} {len(removed)} 个无主文件。")
