"""The coordinator's board in Chromium: lights with an overdue partner, reminders, the filter,
and the board at 1366 px and on a phone.

The live server answers in real time: the plan is this year's (tests/browser/conftest.py), and
the journey looks at the last quarter already due, in which every unit that has not reported is
late. In that quarter, project 5's lead (县卫生健康局) and 县妇联 reported every goal met and were
accepted; Pavel's 县财政局, a partner, never reported.
"""

from __future__ import annotations

import os

import pytest
from django.utils import timezone

from shishi.directory.models import Unit
from shishi.reporting.models import Reminder
from shishi.reporting.services import (
    LineEntry,
    accept_report,
    attach_stamped_pdf,
    save_draft,
    start_report,
    submit_report,
)
from tests.conftest import pdf_bytes

from .journeys import CHROMIUM, PASSWORD, PHONE, expect, fits_sideways, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]

LAPTOP = {"viewport": {"width": 1366, "height": 768}}  # the county office's usual screen


def log_in(journey, username: str, device: dict):
    """As `Journey.log_in`, waiting for the main menu (the 退出 button sits in the account menu)."""
    page = journey.open(device)
    page.goto("/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
    return page


@pytest.fixture
def overdue(plan):
    """The last quarter already past its due date (this year's, else the test cannot run)."""
    today = timezone.localdate()
    due = [p for p in plan.periods.all() if p.is_overdue(today)]
    if not due:
        pytest.skip("no quarter of this year is past its due date yet")
    return due[-1]


def _reported(unit, period, clerk, coordinator):
    """The unit's report with every figure at its goal, submitted and accepted."""
    report = start_report(unit, period)
    entries = {
        line.project_id: LineEntry(
            "按计划推进。", "", "on_schedule", {v.target_id: v.target.value for v in line.values.all()}
        )
        for line in report.lines.prefetch_related("values__target")
    }
    report = save_draft(report, clerk, report.revision, entries)
    attach_stamped_pdf(report, clerk, pdf_bytes(), "盖章.pdf")
    report.refresh_from_db()
    submit_report(report, clerk, report.revision)
    accept_report(report, coordinator)


def test_a_coordinator_sees_a_late_partner_reminds_every_late_unit_and_filters(journey, cast, plan, overdue):
    five = plan.projects.get(seq=5)
    for name in ("县卫生健康局", "县妇联"):
        _reported(Unit.objects.get(region=plan.region, name=name), overdue, cast["admin"], cast["cora"])
    units = Unit.objects.filter(assignments__project__plan=plan).distinct().count()

    page = log_in(journey, "cora", LAPTOP)
    page.goto(f"/plans/{plan.pk}/board/{overdue.quarter}/")
    row = page.locator("table.matrix tbody tr", has=page.get_by_role("link", name=f"5. {five.title}"))
    expect(row.locator(".light")).to_have_text("红灯")
    expect(row).to_contain_text("县财政局（配合单位）报表逾期未报")
    expect(
        page.get_by_text("任一责任单位（牵头单位或配合单位）报表逾期未报为红灯", exact=False)
    ).to_be_visible()
    assert fits_sideways(page), "the board scrolls sideways at 1366 px"
    columns = page.locator("table.matrix thead th.unit-col")
    expect(columns).to_have_count(units)
    box = page.locator(".board-matrix").bounding_box()
    last = columns.last.bounding_box()
    assert last["x"] + last["width"] <= box["x"] + box["width"] + 1, "not every unit column fits at 1366 px"
    journey.shot(page, "sees-the-partner-named-on-a-red-light")

    # The table's header row and project column stay while it scrolls.
    matrix = page.locator(".board-matrix")
    matrix.evaluate("box => { box.scrollLeft = box.scrollWidth; box.scrollTop = box.scrollHeight; }")
    first_column = row.locator("th.project-col").bounding_box()
    header = page.locator("table.matrix thead th.project-col").bounding_box()
    assert abs(first_column["x"] - box["x"]) <= 2, "the project column scrolled away"
    assert abs(header["y"] - box["y"]) <= 2, "the header row scrolled away"
    journey.shot(page, "scrolls-the-table")

    # One reminder: its row says so at once.
    late = page.locator("#late-units")
    finance = late.locator("tr", has=page.get_by_role("cell", name="县财政局", exact=True))
    expect(finance).to_contain_text("未提醒")
    finance.get_by_role("button", name="发送提醒").click()
    expect(finance).to_contain_text("已提醒县财政局。")
    expect(finance.locator(".last-reminded")).not_to_contain_text("未提醒")
    expect(finance.locator(".last-reminded")).to_contain_text("（cora）")
    journey.shot(page, "reminds-one-unit")

    # Then every late unit at once: the one just reminded is not reminded again.
    late.get_by_role("button", name="提醒全部逾期单位").click()
    expect(late.get_by_role("status").first).to_contain_text(
        f"已提醒{units - 3}个逾期单位；1个单位24小时内已提醒过，本次未重复提醒。"
    )
    expect(late.get_by_text("未提醒")).to_have_count(0)
    journey.shot(page, "reminds-every-late-unit")
    assert Reminder.objects.filter(period=overdue, channel="in_app").count() == units - 2

    # Only 县财政局's projects.
    page.get_by_label("按责任单位筛选").select_option(label="县财政局")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("table.matrix tbody th.project-col")).to_have_count(1)
    expect(page.locator("table.matrix tbody")).to_contain_text("县财政局（配合单位）报表逾期未报")
    journey.shot(page, "filters-by-unit")

    # The project's own page states the same rule and the same reason.
    page.get_by_role("link", name=f"5. {five.title}").click()
    expect(page.get_by_text("县财政局（配合单位）报表逾期未报").first).to_be_visible()
    journey.shot(page, "reads-the-project")


def test_on_a_phone_the_late_list_comes_before_the_quarters_and_counters(journey, cast, plan, overdue):
    page = log_in(journey, "cora", PHONE)
    page.goto(f"/plans/{plan.pk}/board/{overdue.quarter}/")
    late = page.locator("#late-units").bounding_box()
    quarters = page.locator(".board-quarters").bounding_box()
    counters = page.locator(".board-counts").bounding_box()
    title = page.get_by_role("heading", level=1).bounding_box()
    assert title["y"] < late["y"] < quarters["y"] < counters["y"]
    assert late["y"] < 400, "the late list is not near the top of the phone's screen"
    assert quarters["height"] < 60, "the quarter buttons take more than a line"
    assert fits_sideways(page), "the board scrolls sideways on a phone"
    journey.shot(page, "sees-the-late-list-first")
    # The table scrolls sideways within itself, its project column staying in view.
    matrix = page.locator(".board-matrix")
    matrix.scroll_into_view_if_needed()
    box = matrix.bounding_box()
    matrix.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    assert matrix.evaluate("box => box.scrollLeft") > 0, "the table does not scroll sideways on a phone"
    project = page.locator("table.matrix tbody th.project-col").first.bounding_box()
    assert abs(project["x"] - box["x"]) <= 2, "the project column scrolled away"
    journey.shot(page, "scrolls-the-table-sideways")
    page.locator("#late-units").get_by_role("button", name="提醒全部逾期单位").tap()
    expect(page.locator("#late-units").get_by_role("status").first).to_contain_text("已提醒")
    journey.shot(page, "reminds-every-late-unit")


def test_the_supervision_office_sends_a_late_partner_a_supervision_notice(journey, cast, plan, overdue):
    five = plan.projects.get(seq=5)
    for name in ("县卫生健康局", "县妇联"):
        _reported(Unit.objects.get(region=plan.region, name=name), overdue, cast["admin"], cast["cora"])
    page = log_in(journey, "sam", LAPTOP)
    page.goto(f"/supervision/plans/{plan.pk}/{overdue.quarter}/")
    offer = page.locator(f"#offer-{five.pk}")
    expect(offer).to_contain_text("县财政局（配合单位）报表逾期未报")
    offer.get_by_text("发出督办…").click()
    expect(offer.get_by_label("督办单位")).to_have_value(str(cast["pavel"].unit_id))  # the late one
    expect(offer.get_by_label("督办事由")).to_have_value(
        "县财政局（配合单位）报表逾期未报，请说明原因并提出整改措施。"
    )
    journey.shot(page, "sees-every-project-with-its-light")
    offer.get_by_role("button", name="发出督办").click()
    expect(page.get_by_role("status")).to_contain_text("已向县财政局发出督办。")
    offer = page.locator(f"#offer-{five.pk}")
    expect(offer).to_contain_text("已向县财政局发出督办（待答复）。")
    expect(offer.get_by_role("button", name="发出督办")).to_have_count(0)
    offer.get_by_role("link", name="查看督办").click()
    expect(page.locator("tr:target")).to_contain_text("县财政局")
    journey.shot(page, "follows-the-open-notice")
