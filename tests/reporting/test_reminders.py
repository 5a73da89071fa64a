"""Reminders through every channel, the interval between them, and the scheduled task."""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.core.management import call_command

from shishi.history.models import Event
from shishi.reporting.models import Reminder
from shishi.reporting.reminders import ReminderRefused, remind, remind_due_units
from shishi.reporting.services import accept_report, attach_stamped_pdf, start_report, submit_report
from tests.conftest import pdf_bytes


class _Robot(BaseHTTPRequestHandler):
    """A group robot on loopback that records what it was sent, like 钉钉's would."""

    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Robot.received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"errcode":0}')

    def log_message(self, *args):
        pass


@pytest.fixture
def robot():
    _Robot.received = []
    server = HTTPServer(("127.0.0.1", 0), _Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/robot/send"
    server.shutdown()


def test_the_regions_group_robot_gets_the_reminder(cast, q1, robot, world):
    world["huantai"].webhook_kind, world["huantai"].webhook_url = "dingtalk", robot
    world["huantai"].save()
    unit = cast["lena"].unit
    unit.region.refresh_from_db()
    sent = remind(unit, q1, cast["cora"])
    assert {r.channel for r in sent} == {"in_app", "email", "webhook"}
    assert _Robot.received[0]["msgtype"] == "text" and "县教育体育局" in _Robot.received[0]["text"]["content"]
    assert Reminder.objects.get(channel="webhook").delivered is True
    assert Event.objects.filter(verb="reminded").exists()


def test_a_robot_that_does_not_answer_is_recorded_as_undelivered(cast, q1, world):
    world["huantai"].webhook_kind, world["huantai"].webhook_url = "wecom", "http://127.0.0.1:9/unreachable"
    world["huantai"].save()
    unit = cast["lena"].unit
    unit.region.refresh_from_db()
    remind(unit, q1, cast["cora"])
    webhook = Reminder.objects.get(channel="webhook")
    assert webhook.delivered is False and "群机器人发送失败" in webhook.detail
    assert Reminder.objects.filter(channel="email", delivered=True).exists()  # the other channels still went


def test_the_same_unit_is_not_reminded_twice_within_the_interval(cast, q1, settings):
    settings.SHISHI_REMINDER_INTERVAL_HOURS = 24
    unit = cast["lena"].unit
    with time_machine.travel(datetime.datetime(2023, 4, 8, 9, tzinfo=datetime.UTC), tick=False):
        remind(unit, q1, cast["cora"])
    with time_machine.travel(datetime.datetime(2023, 4, 9, 8, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(ReminderRefused):
            remind(unit, q1, None)
    with time_machine.travel(datetime.datetime(2023, 4, 9, 10, tzinfo=datetime.UTC), tick=False):
        remind(unit, q1, None)
    assert Reminder.objects.filter(unit=unit, channel="in_app").count() == 2


def test_the_scheduled_task_reminds_units_not_in_yet_around_the_due_date(cast, q1, plan):
    done = start_report(cast["pavel"].unit, q1)
    attach_stamped_pdf(done, cast["pavel"], pdf_bytes(), "s.pdf")
    done.refresh_from_db()
    submit_report(done, cast["pavel"], done.revision)
    accept_report(done, cast["cora"])

    assert remind_due_units(datetime.date(2023, 3, 1)) == []  # far from the due date (10 April)
    sent = remind_due_units(datetime.date(2023, 4, 8))
    reminded = {unit.name for unit, period in sent}
    assert "县教育体育局" in reminded and "县财政局" not in reminded
    assert all(period == q1 for _, period in sent)
    assert remind_due_units(datetime.date(2023, 4, 8)) == []  # run twice the same day: nothing more
    assert Reminder.objects.filter(sent_by__isnull=True).exists()


def test_the_command_prints_what_it_sent(cast, q1, capsys):
    with time_machine.travel(datetime.datetime(2023, 4, 12, 9, tzinfo=datetime.UTC), tick=False):
        call_command("send_reminders")
    out = capsys.readouterr().out
    assert "县教育体育局" in out and "共发送" in out
