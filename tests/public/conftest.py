"""桓台县's 2023 plan, published, after the first quarter.

- Lena (县教育体育局, lead on project 1) reported Q1 — 3 kindergartens, measures naming a person
  and a phone — and Cora accepted it;
- Pavel (县财政局, partner on project 5) reported, and Cora returned it with a reason;
- 县卫生健康局 (lead on project 5) reported 9000 women screened, not yet reviewed;
- Cora approved a public text for project 1 and left a draft for project 2.
People have real-looking names, so that a page showing any of them is caught.
"""

from __future__ import annotations

import pytest

from shishi.directory.models import Unit
from shishi.plans.models import Assignment
from shishi.public.services import approve_statement, publish_plan, save_statement
from shishi.reporting.services import accept_report, return_report, start_report
from tests.conftest import person, submit_filled

APPROVED = "一季度新开工幼儿园3所，其中2所主体完工。"
DRAFT = "草稿：托育机构选址尚在论证，暂不公开。"
LENAS_MEASURES = "由李娜（13812345678）负责督导，已开工3所。"
RETURN_REASON = "请补充资金拨付进度"
UNREVIEWED_FIGURE = "9000"


def report(unit, period, clerk, measures: str, figures: dict[str, str], stamped_name: str = "盖章.pdf"):
    """Fill and submit a unit's report through the real services: figures by indicator."""
    return submit_filled(start_report(unit, period), clerk, measures, figures, stamped_name, everything=True)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real browser (Chromium through Playwright)")


@pytest.fixture(autouse=True)
def empty_cache():
    """The rendered public pages are cached; a test starts without another test's pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def scene(cast, plan, q1):
    lena, pavel, cora = cast["lena"], cast["pavel"], cast["cora"]
    for someone, name in [(lena, "李娜"), (pavel, "潘伟"), (cora, "崔红梅")]:
        someone.display_name = name
        someone.save()
    accepted = report(
        lena.unit, q1, lena, LENAS_MEASURES, {"新改扩建幼儿园": "3", "拓展学位": "1000"}, "李娜盖章.pdf"
    )
    accept_report(accepted, cora)
    returned = report(pavel.unit, q1, pavel, "财政资金已拨付", {}, "潘伟盖章.pdf")
    return_report(returned, cora, RETURN_REASON)
    health = Unit.objects.get(region=plan.region, name="县卫生健康局")
    screening = plan.projects.get(seq=5)
    assert Assignment.objects.get(project=screening, unit=health).role == "lead"
    nurse = person("nina", "reporter", plan.region, health, display_name="倪护士")
    report(health, q1, nurse, "已筛查9000人", {"免费筛查": UNREVIEWED_FIGURE})
    publish_plan(plan, cora)
    approve_statement(plan.projects.get(seq=1), q1, cora, APPROVED)
    save_statement(plan.projects.get(seq=2), q1, cora, DRAFT)
    plan.refresh_from_db()
    return {"plan": plan, "q1": q1, "people": ["李娜", "潘伟", "崔红梅", "倪护士"]}
