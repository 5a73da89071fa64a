"""Messages (消息): told once per event, by e-mail to those with an address, to the group robot,
and the page that lists them."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import transaction
from django.urls import reverse

from shishi.directory.messages import notify, send_to_robot
from shishi.directory.models import InAppNotice, Person
from tests.conftest import person


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
def robot(world):
    """桓台县's 钉钉 group robot, listening on loopback."""
    _Robot.received = []
    server = HTTPServer(("127.0.0.1", 0), _Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    huantai = world["huantai"]
    huantai.webhook_kind, huantai.webhook_url = "dingtalk", f"http://127.0.0.1:{server.server_port}/send"
    huantai.save()
    yield huantai
    server.shutdown()


@pytest.fixture
def nora(world):
    """A second coordinator of 桓台县, without an e-mail address."""
    nora = person("nora", Person.Role.COORDINATOR, world["huantai"])
    nora.email = ""
    nora.save()
    return nora


def test_it_tells_each_person_once_per_key(cast, nora, mailoutbox, django_capture_on_commit_callbacks):
    people = [cast["cora"], nora]
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(people, "县财政局已报送2023年第1季度报表", "/reports/1/versions/1/", key="k:1")
    with django_capture_on_commit_callbacks(execute=True):
        again = notify(people, "县财政局已报送2023年第1季度报表", "/reports/1/versions/1/", key="k:1")
    assert [m.person for m in first] == [cast["cora"], nora] and again == []
    assert InAppNotice.objects.filter(key="k:1").count() == 2
    # Only Cora has an address; Nora is told in the application only, and no one twice.
    assert [m.to for m in mailoutbox] == [["cora@example.invalid"]]
    assert "县财政局已报送2023年第1季度报表" in mailoutbox[0].body
    assert "/reports/1/versions/1/" in mailoutbox[0].body


def test_another_key_is_another_message(cast, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([cast["cora"]], "第1版", key="k:1")
        notify([cast["cora"]], "第2版", key="k:2")
    assert list(cast["cora"].notices.values_list("text", flat=True)) == ["第2版", "第1版"]
    assert len(mailoutbox) == 2


def test_it_tells_a_person_listed_twice_once(cast):
    assert len(notify([cast["sam"], cast["sam"]], "县教育体育局已答复督办", key="k")) == 1


def test_it_tells_no_one_who_left(cast):
    cast["otto"].is_active = False
    cast["otto"].save()
    assert notify([cast["otto"]], "消息", key="k") == []


def test_nothing_is_mailed_when_the_work_is_undone(cast, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([cast["cora"]], "县财政局已报送2023年第1季度报表", key="k")
            raise RuntimeError("the submission failed after all")
    assert not InAppNotice.objects.exists() and mailoutbox == []


def test_a_mail_server_that_fails_does_not_stop_the_message(
    cast, settings, django_capture_on_commit_callbacks, caplog
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens on the discard port
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        told = notify([cast["cora"]], "县财政局已报送2023年第1季度报表", key="k")
    assert len(told) == 1 and cast["cora"].notices.count() == 1
    assert "Mail to cora@example.invalid failed" in caplog.text


def test_the_regions_group_robot_hears_it_once(cast, robot, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notify([cast["cora"]], "县财政局已报送2023年第1季度报表", key="k", region=robot)
    assert _Robot.received == [{"msgtype": "text", "text": {"content": "县财政局已报送2023年第1季度报表"}}]


def test_a_robot_that_does_not_answer_says_why(world):
    huantai = world["huantai"]
    huantai.webhook_kind, huantai.webhook_url = "wecom", "http://127.0.0.1:9/unreachable"
    delivery = send_to_robot(huantai, "消息")
    assert delivery.delivered is False and delivery.detail.startswith("群机器人发送失败")
    assert send_to_robot(world["gaoqing"], "消息") is None  # no robot configured


# -- the page -----------------------------------------------------------------------------------


def test_the_page_calls_them_messages_and_says_when_there_are_none(client, cast):
    client.force_login(cast["cora"])
    page = client.get(reverse("notices")).content.decode()
    assert "<h1>消息</h1>" in page and "暂无消息。" in page
    assert "通知" not in page.split("<main", 1)[-1]  # 通知 is the government's document, not this


def test_unread_messages_stand_out_until_marked_read(client, cast):
    notify([cast["cora"]], "县财政局已报送2023年第1季度报表", "/reports/7/versions/1/", key="k")
    client.force_login(cast["cora"])
    page = client.get(reverse("notices")).content.decode()
    assert '<strong><a href="/reports/7/versions/1/">县财政局已报送2023年第1季度报表</a></strong>' in page
    assert "全部标为已读" in page
    response = client.post(reverse("notices_read"))
    assert response.status_code == 302 and response.url == reverse("notices")
    page = client.get(reverse("notices")).content.decode()
    assert "<strong>" not in page.split("<main", 1)[-1] and "全部标为已读" not in page
    assert cast["cora"].notices.get().read_at is not None
