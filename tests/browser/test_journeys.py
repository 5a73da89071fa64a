"""Four journeys through the real pages in Chromium, as people make them.

(a) Zoe, 淄川区's coordinator, imports the 2024 notice and puts its units right;
(b) Lena, the lead-unit clerk of 县教育体育局, reports this quarter on her phone;
(c) Cora returns Lena's report, Lena corrects and resubmits, Cora accepts it, reads the version
    history and issues and downloads the quarter's bulletin;
(d) a citizen, without an account, reads the plan's approved progress on the public page.

Only the world before a journey is arranged through services; the journey itself clicks,
types, taps and uploads. Every step leaves a screenshot under var/test-artefacts/journeys/.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal

import docx
import pytest

from shishi.bulletins.models import Bulletin
from shishi.bulletins.snapshot import quarter_name
from shishi.directory.models import Person, Region, Unit, UnitAlias
from shishi.plans.models import Plan
from shishi.public.services import approve_statement, publish_plan
from shishi.reporting.models import QuarterlyReport
from shishi.reporting.services import (
    LineEntry,
    accept_report,
    attach_stamped_pdf,
    save_draft,
    start_report,
    submit_report,
)
from tests.conftest import SAMPLES, pdf_bytes, person

from .journeys import CHROMIUM, DESK, PHONE, expect, fits_sideways, lines_taken, sync_playwright

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="Playwright is not installed"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]

RETURN_REASON = "幼儿园开工数与台账不一致，请核实后重报。"


def the_label(indicator: str) -> re.Pattern:
    """The label of a figure's field: `新改扩建幼儿园（目标 6所，填累计完成值）`."""
    return re.compile("^" + re.escape(indicator) + "（目标")


def arrange_submitted_report(
    clerk: Person, period, measures: str, figures: dict[str, str]
) -> QuarterlyReport:
    """A report the clerk filled and submitted before the journey starts (figures by indicator)."""
    report = start_report(clerk.unit, period)
    entries = {}
    for line in report.lines.prefetch_related("values__target"):
        values = {
            v.target_id: Decimal(figures[v.target.indicator])
            for v in line.values.all()
            if v.target.indicator in figures
        }
        entries[line.project_id] = LineEntry(
            measures=measures,
            deadline=f"{period.plan.year}年12月31日",
            assessment="on_schedule",
            values=values,
        )
    report = save_draft(report, clerk, report.revision, entries)
    attach_stamped_pdf(report, clerk, pdf_bytes(), "教体局盖章.pdf")
    report.refresh_from_db()
    submit_report(report, clerk, report.revision)
    report.refresh_from_db()
    return report


def test_a_coordinator_imports_a_notice_and_puts_its_units_right(journey, world):
    zichuan = Region.objects.create(
        name="淄川区", code="370302", level=Region.Level.COUNTY, parent=world["city"]
    )
    person("zoe", Person.Role.COORDINATOR, zichuan, display_name="张晓燕")
    for name in ("区妇联", "区民政局", "区财政局", "区卫健局", "区科协"):
        Unit.objects.create(region=zichuan, name=name)
    education = Unit.objects.create(region=zichuan, name="区教育和体育局")
    Unit.objects.create(region=zichuan, name="区人力资源和社会保障局")

    page = journey.log_in("zoe", DESK)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="导入通知").click()
    page.get_by_label("通知文件").set_input_files(SAMPLES / "zichuan-2024.txt")
    journey.shot(page, "chooses-the-notice-file")
    page.get_by_role("button", name="读取通知").click()

    expect(page.get_by_role("heading", name="校对通知并确认")).to_be_visible()
    expect(page.get_by_role("heading", name="1. 推进巾帼就业创业创新")).to_be_visible()
    expect(page.get_by_text("同一单位可能有两种写法：“区教育局”和“区教体局”。")).to_be_visible()
    journey.shot(page, "reads-what-was-found")

    matching = page.locator(".card", has=page.get_by_role("heading", name="对应到单位名录"))
    expect(matching.get_by_text("（名称一致）")).to_have_count(5)
    # 区人社局 is only suggested, never chosen for her: she takes the suggestion.
    labour = matching.get_by_label("区人社局", exact=True)
    expect(labour).to_have_value("")
    suggestion = labour.locator("optgroup[label='相近的单位'] option").first
    expect(suggestion).to_have_text(re.compile(r"^区人力资源和社会保障局（相似度\d+）$"))
    labour.select_option(label=suggestion.text_content())
    # The notice spells the education bureau two ways; both are the unit already in the directory.
    for spelling in ("区教体局", "区教育局"):
        matching.get_by_label(spelling, exact=True).select_option(label="区教育和体育局")
    # 区文旅局 really is new to the directory.
    matching.get_by_label("区文旅局", exact=True).select_option(label="新建单位“区文旅局”")
    journey.shot(page, "matches-the-units")
    page.get_by_role("button", name="确认并创建实事计划").click()

    expect(page.get_by_role("status")).to_contain_text(
        "已创建实事计划：关于2024年为全区妇女儿童办好十件实事的通知"
    )
    expect(page.get_by_role("heading", name="10. 实施优质教育资源扩增赋能行动")).to_be_visible()
    journey.shot(page, "sees-the-plan")

    plan = Plan.objects.get(region=zichuan)
    assert (plan.year, plan.doc_number, plan.projects.count()) == (2024, "川政办字〔2024〕13号", 10)
    assert [p.quarter for p in plan.periods.all()] == [1, 2, 3, 4]

    def team(seq):
        return [(a.unit.name, a.role) for a in plan.projects.get(seq=seq).assignments.select_related("unit")]

    assert team(1) == [("区人力资源和社会保障局", "lead"), ("区妇联", "partner")]
    assert team(3) == [("区妇联", "lead"), ("区教育和体育局", "partner")]
    assert team(9) == team(10) == [("区教育和体育局", "lead")]
    assert team(8) == [("区文旅局", "lead"), ("区科协", "partner")]
    assert sorted(Unit.objects.filter(region=zichuan).values_list("name", flat=True)) == sorted(
        [
            "区妇联",
            "区民政局",
            "区财政局",
            "区卫健局",
            "区科协",
            "区教育和体育局",
            "区人力资源和社会保障局",
            "区文旅局",
        ]
    )
    assert sorted(UnitAlias.objects.filter(unit=education).values_list("name", flat=True)) == [
        "区教体局",
        "区教育局",
    ]


def test_a_lead_unit_clerk_reports_the_quarter_on_a_phone(journey, cast, plan, this_quarter, tmp_path):
    lena = cast["lena"]
    stamped = tmp_path / "教体局盖章报表.pdf"
    stamped.write_bytes(pdf_bytes())

    page = journey.log_in("lena", PHONE)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="本季度").tap()
    expect(page.get_by_role("heading", name="县教育体育局 · 进展填报")).to_be_visible()
    current = page.locator("tr.current")
    expect(current).to_contain_text(f"{this_quarter}（当前）")
    assert fits_sideways(page), "the quarter page scrolls sideways on a phone"
    # Buttons in the table and the header's links keep their words whole, not a letter a line.
    assert lines_taken(page, "tr button, header .who a, header .who button") == {
        "开始填写": 1,
        "退出": 1,
    }
    journey.shot(page, "sees-this-quarter")
    current.get_by_role("button", name="开始填写").tap()

    expect(page.get_by_role("heading", name=f"{plan.year}年为妇女儿童办实事工作进展情况报表")).to_be_visible()
    assert fits_sideways(page), "the report form scrolls sideways on a phone"
    report = QuarterlyReport.objects.get(unit=lena.unit, period=this_quarter)
    lines = list(report.lines.select_related("project").prefetch_related("values__target"))
    assert [line.project.seq for line in lines] == [1, 3, 4, 7, 9, 10]
    typed = {}  # target id → the figure typed
    for line in lines:
        section = page.locator(
            "section.line",
            has=page.get_by_role("heading", name=f"{line.project.seq}. {line.project.title}", exact=True),
        )
        section.get_by_label("本季度具体措施及任务进度情况").fill(
            f"{this_quarter}，围绕“{line.project.title}”召开专题推进会，细化任务清单，按月调度。"
        )
        section.get_by_label("完成时限").fill(f"{plan.year}年12月31日")
        section.get_by_label("自评").select_option(label="按计划推进")
        for number, value in enumerate(line.values.all(), start=1):
            figure = str(line.project.seq * 10 + number)  # a distinct figure for each target
            section.get_by_label(the_label(value.target.indicator)).fill(figure)
            typed[value.target_id] = Decimal(figure)
    assert len(typed) == 11  # every target of the six projects
    expect(page.get_by_role("button", name="保存并报送")).to_be_disabled()  # no stamped PDF yet
    journey.shot(page, "fills-the-form")

    # She uploads the stamped PDF straight away, without saving first: what she typed is kept.
    page.get_by_label("选择PDF文件").set_input_files(stamped)
    journey.shot(page, "chooses-the-stamped-pdf")
    page.get_by_role("button", name="上传（同时保存草稿）").tap()
    expect(page.get_by_role("status")).to_contain_text("盖章PDF已上传。")
    expect(page.get_by_role("status")).to_contain_text("草稿已保存。")
    expect(page.get_by_role("link", name="教体局盖章报表.pdf")).to_be_visible()
    expect(page.get_by_label("本季度具体措施及任务进度情况").first).to_have_value(
        f"{this_quarter}，围绕“{lines[0].project.title}”召开专题推进会，细化任务清单，按月调度。"
    )
    expect(page.get_by_label(the_label("拓展学位"))).to_have_value("14")
    assert fits_sideways(page), "the report form scrolls sideways on a phone"
    journey.shot(page, "has-uploaded-the-pdf")
    page.get_by_role("button", name="保存并报送").tap()

    expect(page.get_by_role("status")).to_contain_text("已报送（第1版）。")
    expect(page.locator("span.state")).to_have_text("已报送")  # the state, beside the heading
    assert fits_sideways(page), "the submitted report scrolls sideways on a phone"
    journey.shot(page, "has-submitted")

    report.refresh_from_db()
    assert report.state == QuarterlyReport.State.SUBMITTED
    assert report.stamped_pdf_name == "教体局盖章报表.pdf"
    with report.stamped_pdf.open("rb") as kept:
        assert kept.read() == stamped.read_bytes()
    version = report.versions.get()
    assert version.stamped_pdf.name == report.stamped_pdf.name
    saved = {
        v.target_id: v.value for line in report.lines.prefetch_related("values") for v in line.values.all()
    }
    assert saved == typed
    assert {line["deadline"] for line in version.content["lines"]} == {f"{plan.year}年12月31日"}
    assert {line["assessment"] for line in version.content["lines"]} == {"on_schedule"}


def test_a_report_is_returned_corrected_accepted_and_bulletined(journey, cast, plan, this_quarter):
    lena = cast["lena"]
    report = arrange_submitted_report(
        lena, this_quarter, "本季度新开工幼儿园3所。", {"新改扩建幼儿园": "3", "拓展学位": "900"}
    )

    # Cora finds the report waiting on the board and returns it.
    desk = journey.log_in("cora", DESK)
    desk.get_by_role("link", name=plan.title).click()
    desk.get_by_role("link", name=f"{this_quarter}调度").click()
    expect(desk.get_by_role("heading", name=f"桓台县 · {this_quarter}调度")).to_be_visible()
    waiting = desk.locator("h2:has-text('待审核') + ul")
    journey.shot(desk, "coordinator-sees-the-board")
    waiting.get_by_role("link", name="县教育体育局").click()
    expect(desk.get_by_role("heading", name=f"县教育体育局 · {this_quarter} · 第1版")).to_be_visible()
    desk.get_by_label("退回原因（退回时必填）").fill(RETURN_REASON)
    journey.shot(desk, "coordinator-writes-the-reason")
    desk.get_by_role("button", name="退回修改").click()
    expect(desk.get_by_role("status")).to_contain_text("已退回，填报单位会收到通知。")

    # Lena reads why, corrects and submits again.
    phone = journey.log_in("lena", PHONE)
    phone.get_by_role("navigation", name="主导航").get_by_role("link", name="本季度").tap()
    current = phone.locator("tr.current")
    expect(current).to_contain_text("已退回")
    expect(current).to_contain_text(f"退回原因：{RETURN_REASON}")
    journey.shot(phone, "clerk-sees-the-return")
    current.get_by_role("link", name="填写").tap()
    # Above the form, where it cannot be missed: announced, and in the error colour (#ffebe9).
    reason = phone.get_by_role("alert")
    expect(reason).to_have_text(f"退回原因：{RETURN_REASON}")
    expect(reason).to_have_css("background-color", "rgb(255, 235, 233)")
    first = phone.locator("section.line").first
    first.get_by_label("本季度具体措施及任务进度情况").fill("本季度新开工幼儿园4所，已与台账核对。")
    first.get_by_label(the_label("新改扩建幼儿园")).fill("4")
    assert fits_sideways(phone), "the returned report scrolls sideways on a phone"
    journey.shot(phone, "clerk-corrects")
    phone.get_by_role("button", name="保存并报送").tap()
    expect(phone.get_by_role("status")).to_contain_text("已报送（第2版）。")
    journey.shot(phone, "clerk-resubmits")

    # Cora sees what changed and accepts.
    desk.get_by_role("navigation", name="主导航").get_by_role("link", name="实事计划").click()
    desk.get_by_role("link", name=plan.title).click()
    desk.get_by_role("link", name=f"{this_quarter}调度").click()
    desk.locator("h2:has-text('待审核') + ul").get_by_role("link", name="县教育体育局").click()
    expect(desk.get_by_role("heading", name=f"县教育体育局 · {this_quarter} · 第2版")).to_be_visible()
    changes = desk.locator(".diff")
    expect(changes.get_by_role("heading")).to_have_text("与第1版相比的改动")
    expect(changes).to_contain_text("新改扩建幼儿园：3 → 4")
    expect(changes).to_contain_text("本季度新开工幼儿园3所。 → 本季度新开工幼儿园4所，已与台账核对。")
    journey.shot(desk, "coordinator-sees-the-changes")
    desk.get_by_role("button", name="通过").click()
    expect(desk.get_by_role("status")).to_contain_text("已通过。")

    # The version history: the first version, returned with its reason, and the second, accepted.
    versions = desk.get_by_role("navigation", name="版本")
    versions.get_by_role("link", name="第1版").click()
    expect(desk.get_by_role("heading", name=f"县教育体育局 · {this_quarter} · 第1版")).to_be_visible()
    expect(desk.get_by_text(f"退回原因：{RETURN_REASON}")).to_be_visible()
    expect(desk.locator("table")).to_contain_text("新改扩建幼儿园：3所")
    journey.shot(desk, "coordinator-reads-version-1")
    desk.get_by_role("navigation", name="版本").get_by_role("link", name="第2版").click()
    expect(desk.get_by_text("审核：已通过")).to_be_visible()
    expect(desk.locator(".diff")).to_contain_text("新改扩建幼儿园：3 → 4")
    journey.shot(desk, "coordinator-reads-version-2")

    # The quarter's bulletin: issued, then downloaded.
    desk.get_by_role("navigation", name="主导航").get_by_role("link", name="调度通报").click()
    desk.get_by_role("link", name=plan.title).click()
    quarter_row = desk.locator(
        "tr", has=desk.get_by_role("rowheader", name=quarter_name(this_quarter.quarter))
    )
    journey.shot(desk, "coordinator-opens-the-bulletins")
    quarter_row.get_by_role("button", name="印发为第1期").click()
    expect(desk.get_by_role("status")).to_contain_text("已印发调度通报")
    journey.shot(desk, "coordinator-has-issued-the-bulletin")
    with desk.expect_download() as download:
        desk.get_by_role("link", name="下载 .docx").click()
    saved = journey.folder / "bulletin.docx"
    download.value.save_as(saved)

    report.refresh_from_db()
    assert report.state == QuarterlyReport.State.ACCEPTED
    assert [(v.number, v.outcome, v.review_note) for v in report.versions.order_by("number")] == [
        (1, "returned", RETURN_REASON),
        (2, "accepted", ""),
    ]
    bulletin = Bulletin.objects.get(plan=plan)
    assert download.value.suggested_filename == bulletin.filename
    document = docx.Document(str(saved))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert f"《{plan.title}》" in text
    assert bulletin.snapshot["period"]["name"] == quarter_name(this_quarter.quarter)


def test_a_citizen_reads_the_approved_progress(journey, cast, plan, this_quarter):
    report = arrange_submitted_report(
        cast["lena"], this_quarter, "新开工幼儿园3所。", {"新改扩建幼儿园": "3"}
    )
    accept_report(report, cast["cora"])
    publish_plan(plan, cast["cora"])
    kindergartens = plan.projects.get(seq=1)
    approved = "本季度新开工幼儿园3所，新增学位正在建设中。"
    approve_statement(kindergartens, this_quarter, cast["cora"], approved)

    page = journey.open(PHONE)
    page.goto("/public/")
    journey.shot(page, "opens-the-public-pages")
    page.get_by_role("link", name=plan.title).tap()
    expect(page.get_by_role("heading", name=plan.title, level=1)).to_be_visible()
    page.get_by_role("navigation", name="季度").get_by_role(
        "link", name=f"第{this_quarter.quarter}季度"
    ).tap()
    expect(page.get_by_role("heading", name=f"{this_quarter}进展概况")).to_be_visible()
    project = page.locator(
        "section.project", has=page.get_by_role("heading", name=f"1. {kindergartens.title}")
    )
    expect(project.locator(".statement")).to_have_text(approved)
    expect(project.locator(".targets li").first).to_contain_text("完成 3所")
    assert fits_sideways(page), "the public page scrolls sideways on a phone"
    journey.shot(page, "reads-the-progress")
    page.get_by_role("link", name="长辈版（大字）").tap()
    expect(page.locator("section.project").first.locator(".statement")).to_have_text(approved)
    assert fits_sideways(page), "the elder page scrolls sideways on a phone"
    journey.shot(page, "reads-it-in-large-print")
