"""The clerk's home (本季度): the quarter to fill in on top, and no draft for a quarter that has
not begun. Lena's plan is 桓台县's 2023 plan; the day is set for each test."""

import datetime

import time_machine
from django.urls import reverse

from shishi.reporting.models import QuarterlyReport

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _on(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(10), tzinfo=SHANGHAI), tick=False)


def test_it_offers_no_quarter_that_has_not_begun(client, cast, plan):
    """Quarters not yet begun are listed, so the clerk sees what comes, with nothing to fill in."""
    q2 = plan.periods.get(quarter=2)
    client.force_login(cast["lena"])
    with _on(datetime.date(2023, 3, 15)):
        page = client.get(reverse("reporting:quarter")).content.decode()
    assert "2023年第1季度" in page and "2023年第4季度" in page
    assert page.count("开始填写") == 1  # the first quarter only
    assert reverse("reporting:open", args=[q2.pk]) not in page
    assert "4月1日开始" in page


def test_it_makes_no_draft_for_a_quarter_that_has_not_begun(client, cast, plan):
    q2 = plan.periods.get(quarter=2)
    client.force_login(cast["lena"])
    with _on(datetime.date(2023, 3, 15)):
        response = client.post(reverse("reporting:open", args=[q2.pk]), follow=True)
    assert "尚未开始（2023年4月1日开始）" in response.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_the_rest_api_makes_no_draft_for_a_quarter_that_has_not_begun(cast, plan, api_as):
    q2 = plan.periods.get(quarter=2)
    with _on(datetime.date(2023, 3, 15)):
        response = api_as("lena").post(f"/api/periods/{q2.pk}/report")
    assert response.status_code == 400 and "尚未开始" in response.json()["detail"]
    assert not QuarterlyReport.objects.exists()


def test_the_quarter_to_fill_in_comes_first(client, cast, plan):
    client.force_login(cast["lena"])
    with _on(datetime.date(2023, 7, 5)):  # the second quarter's reports are due on 10 July
        page = client.get(reverse("reporting:quarter")).content.decode()
    assert page.index("2023年第2季度（当前）") < page.index("2023年第1季度")
