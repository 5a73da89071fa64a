from django.core.management.base import BaseCommand
from django.utils import timezone

from shishi.reporting.reminders import remind_due_units


class Command(BaseCommand):
    help = (
        "Remind units whose quarterly report is due within --before days or overdue by up to --after days. "
        "Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--before", type=int, default=3, help="days before the due date to start reminding"
        )
        parser.add_argument("--after", type=int, default=3, help="days after the due date to keep reminding")

    def handle(self, *args, before, after, **options):
        sent = remind_due_units(timezone.localdate(), before, after)
        for unit, period in sent:
            self.stdout.write(f"提醒 {unit}：{period}")
        self.stdout.write(f"共发送 {len(sent)} 条提醒。")
