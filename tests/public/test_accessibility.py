"""The public pages in a real browser, checked by axe-core against WCAG 2.1 A and AA.

Needs Chromium at /usr/bin/chromium and the Playwright package (1.65.2 was used); skipped
otherwise. axe-core 4.14.1 is vendored under tests/public/vendor/ (see VERSIONS.txt there).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.journeys import CHROMIUM, chromium, sync_playwright

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Not WCAG success criteria in axe's tagging, but what the brief asks of the page's structure.
STRUCTURE = [
    "region",
    "landmark-one-main",
    "landmark-unique",
    "page-has-heading-one",
    "heading-order",
    "bypass",
    "html-has-lang",
    "html-lang-valid",
]
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _violations(page, rules: dict) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => axe.run(document, options)", rules)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
    ]


PAGES = ["public:plan", "public:plan_elder", "public:index", "public:index_elder"]


def test_the_public_pages_pass_axe(live_server, browser, scene):
    # axe is injected as an inline script, which the site's CSP (rightly) forbids: let it in.
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    found = {}
    for name in PAGES:
        args = [scene["plan"].pk] if name.startswith("public:plan") else []
        response = page.goto(live_server.url + reverse(name, args=args))
        assert response.status == 200
        violations = _violations(page, {"runOnly": {"type": "tag", "values": WCAG_21_AA}}) + _violations(
            page, {"runOnly": {"type": "rule", "values": STRUCTURE}}
        )
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


def test_the_page_fits_a_phone_and_the_elder_mode_is_larger(live_server, browser, scene):
    context = browser.new_context(viewport=PHONE, is_mobile=True)  # with the site's CSP in force
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    sizes = {}
    for name in ("public:plan", "public:plan_elder"):
        page.goto(live_server.url + reverse(name, args=[scene["plan"].pk]))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (
            f"{name} scrolls sideways"
        )
        sizes[name] = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.targets li p')).fontSize)"
        )
    assert sizes["public:plan_elder"] >= 1.3 * sizes["public:plan"]
    assert refused == []
    context.close()
