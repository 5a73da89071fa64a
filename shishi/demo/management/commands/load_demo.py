from django.core.management.base import BaseCommand

from shishi.demo.data import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo: 淄博市, the five sample notices as plans, one log-in per role, and this "
        "year's 桓台县 plan reported as a real year goes up to today (on time, late, never, returned), "
        "next year's proposals, shortlist and counted vote, and last year's satisfaction vote."
    )

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write("演示账号 / demo log-ins:")
        for role, username, password in logins:
            self.stdout.write(f"{role}: {username} / {password}")
