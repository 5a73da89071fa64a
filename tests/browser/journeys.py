"""People in a real browser, one journey at a time, with a screenshot of every step.

A Journey opens a browser context per person (a coordinator at a desk, a clerk on a phone, a
citizen without an account), logs them in through the log-in page as they would, and keeps a
full-page PNG of each step under var/test-artefacts/journeys/<journey>/<nn>-<step>.png, so that
a person can look at what the test saw.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it; the tests are then skipped
    Browser = Page = expect = sync_playwright = None

CHROMIUM = "/usr/bin/chromium"


@contextlib.contextmanager
def chromium():
    """Debian's Chromium, headless, for one test module."""
    # Playwright's sync API runs an event loop in this thread; Django's async-unsafe guard would
    # then refuse the test's own database calls. Allow them while the browser is up, and only then.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    expect.set_options(timeout=20_000)  # a loaded two-core machine; expect still returns at once when true
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


ARTEFACTS = Path(__file__).parents[2] / "var" / "test-artefacts" / "journeys"
DESK = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PASSWORD = "pw"  # tests/conftest.py's person()


class Journey:
    def __init__(self, browser: Browser, base_url: str, name: str):
        self.browser, self.base_url, self.name = browser, base_url, name
        self.folder = ARTEFACTS / name
        shutil.rmtree(self.folder, ignore_errors=True)  # only this run's steps
        self.folder.mkdir(parents=True)
        self.steps = 0
        self.pages: list[Page] = []

    def open(self, device: dict) -> Page:
        """A fresh browser for someone (no cookies), on `device`."""
        context = self.browser.new_context(
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            accept_downloads=True,
            base_url=self.base_url,
            **device,
        )
        page = context.new_page()
        self.pages.append(page)
        return page

    def log_in(self, username: str, device: dict) -> Page:
        page = self.open(device)
        page.goto("/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        self.shot(page, f"{username}-logs-in")
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_role("button", name="退出")).to_be_visible()
        return page

    def shot(self, page: Page, step: str) -> Path:
        self.steps += 1
        path = self.folder / f"{self.steps:02d}-{re.sub(r'[^a-z0-9-]+', '-', step.lower())}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def close(self, failed: bool = False) -> None:
        for page in self.pages:
            if failed and not page.is_closed():
                self.shot(page, "failed-here")
            page.context.close()


def fits_sideways(page: Page) -> bool:
    """True when the page does not scroll sideways: everything fits the screen's width."""
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def lines_taken(page: Page, selector: str) -> dict[str, int]:
    """On how many lines the words of the elements matching `selector` are set: the most, by text."""
    return page.evaluate(
        """selector => {
        const most = {};
        for (const element of document.querySelectorAll(selector)) {
            const range = document.createRange();
            range.selectNodeContents(element);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)\
.map(r => Math.round(r.top)));
            const text = element.textContent.trim();
            most[text] = Math.max(most[text] || 0, tops.size);
        }
        return most;
    }""",
        selector,
    )
