"""Chromium for the journeys, the journey recorder, and 桓台县's plan for this year.

The browser tests run against pytest-django's live server, in a thread of this process, on a
database that is really committed (transactional_db): the server thread must see what the test
arranged. They need Debian's Chromium at /usr/bin/chromium and the Playwright package, and are
skipped without them. No clock is frozen: the live server answers in real time, so the plan is
the 2023 notice re-dated to this year, and the quarter under way is the one reported.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
from tests.conftest import SAMPLES

from .journeys import Journey, chromium


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def journey(request, browser, live_server):
    """Start a journey named after the test: journey.log_in(...), journey.shot(page, step)."""
    cache.clear()  # the public pages are cached, and ids repeat between tests
    name = request.node.name.removeprefix("test_")
    recorder = Journey(browser, live_server.url, name)
    yield recorder
    recorder.close(failed=getattr(request.node, "journey_failed", False))
    cache.clear()


@pytest.fixture
def plan(world, cora):
    """桓台县's plan for this year, made by the real import service from the 2023 notice re-dated
    (as the demo does), so that this quarter is open for reports."""
    year = timezone.localdate().year
    text = (SAMPLES / "huantai-2023.txt").read_text(encoding="utf-8").replace("2023", str(year))
    notice_file = read_notice_upload(world["huantai"], cora, text.encode("utf-8"), f"huantai-{year}.txt")
    return confirm_plan(notice_file, cora, {name: "new" for name in draft_unit_names(notice_file.draft)})


@pytest.fixture
def this_quarter(plan):
    today = timezone.localdate()
    return plan.periods.get(starts_on__lte=today, ends_on__gte=today)
