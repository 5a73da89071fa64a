"""The public page of a voted plan, with its chain (proposals, vote, satisfaction, survey), in a
real browser: axe-core finds nothing against WCAG 2.1 A and AA, and it fits a phone, plain and
elder. Skipped without Chromium and Playwright, as test_accessibility.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shishi.selection import ratings, services
from shishi.selection.rules import SATISFIED

from .chain_scene import rate, voted_plan
from .test_accessibility import PHONE, STRUCTURE, WCAG_21_AA, _violations, browser, pytestmark  # noqa: F401

pytestmark = [*pytestmark, pytest.mark.django_db(transaction=True)]


def test_the_chain_passes_axe_and_fits_a_phone(live_server, browser, world, cora):  # noqa: F811
    scene = voted_plan(world, cora)
    plan = scene["plan"]
    services.publish_result(scene["vote"], cora, True)
    session = rate(plan, cora)
    ratings.open_survey(session, cora, True)
    ratings.answer_survey(session, "a-phone", {plan.projects.get(seq=1).pk: SATISFIED})
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    found = {}
    for name in ("public:plan", "public:plan_elder"):
        assert page.goto(live_server.url + reverse(name, args=[plan.pk])).status == 200
        assert page.get_by_text("来源与评价").first.is_visible()
        page.get_by_text("查看建议与答复").first.click()  # the proposals open too
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        violations = _violations(page, {"runOnly": {"type": "tag", "values": WCAG_21_AA}}) + _violations(
            page, {"runOnly": {"type": "rule", "values": STRUCTURE}}
        )
        if violations:
            found[name] = violations
    context.close()
    assert found == {}
