"""Every demo log-in opens its home, on a day in the year and on a day across the year boundary."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from shishi.demo.data import load_demo
from shishi.directory.models import Person

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
HEADINGS = {
    "admin": "今天要做的事",
    "coordinator": "今天要做的事",
    "city": "各区县实事进展",
    "leader": "实事进展一览",
    "supervisor": "督办",
    "reporter": "待办",
    "partner": "待办",
    "congress": "票决与满意度测评 · 待办",
    "deputy": "我的建议",
}


@pytest.mark.slow  # the demo is loaded twice
@pytest.mark.parametrize("later", [datetime.date(2026, 11, 22), datetime.date(2027, 1, 6)], ids=str)
def test_every_demo_log_in_opens_its_home(client, db, later):
    with time_machine.travel(datetime.datetime(2026, 11, 22, 10, tzinfo=SHANGHAI), tick=False):
        logins = load_demo()
    moment = datetime.datetime.combine(later, datetime.time(10), tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=False):
        for _, username, _ in logins:
            client.force_login(Person.objects.get(username=username))
            response = client.get(reverse("home"))
            assert response.status_code == 200, username
            html = response.content.decode()
            assert HEADINGS[username] in html, username
            if username == "reporter" and later.month == 1:  # last year's fourth quarter, still open
                now = html[html.index("现在要填报") : html.index("</section>", html.index("现在要填报"))]
                assert "2026年第4季度" in now
