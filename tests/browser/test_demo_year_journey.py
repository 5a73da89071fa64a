"""The demo as `make run` loads it today, seen by the leader: the board of the last quarter due
and the year-end summary, whose three counts and legend say what each word means."""

from __future__ import annotations

import os
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from shishi.demo.data import PASSWORD, load_demo
from shishi.plans.models import Plan
from shishi.supervision.services import year_end

from .journeys import CHROMIUM, DESK, expect, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]


def test_the_leader_reads_the_demo_years_counts(journey, transactional_db):
    today = timezone.localdate()
    load_demo(today)
    plan = Plan.objects.get(year=today.year, region__name="桓台县")
    _, units = year_end(plan, today)

    page = journey.open(DESK)
    page.goto("/login/")
    page.get_by_label("用户名").fill("leader")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))
    page.goto(reverse("supervision:year_end", args=[plan.pk]))
    expect(page.get_by_role("heading", name="责任单位")).to_be_visible()
    for heading in ("按时报送（季度）", "逾期报送（季度）", "未报送（季度）"):
        expect(page.get_by_role("columnheader", name=heading)).to_be_visible()
    expect(page.get_by_text("未报送：截止日已过仍未报送（即看板上的“逾期未报”）")).to_be_visible()
    journey.shot(page, "reads-the-year-end-counts")
    due = [period for period in plan.periods.all() if period.is_overdue(today)]
    if due:
        # A real year's mix, not every unit 0 on time.
        assert sum(u.on_time for u in units) > 0 and sum(u.not_reported for u in units) > 0
        page.goto(reverse("oversight:board", args=[plan.pk, due[-1].quarter]))
        journey.shot(page, "reads-the-board-of-the-last-quarter-due")
