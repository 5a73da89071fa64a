"""Cora types the units' figures in from a spreadsheet: all of it, or none of it.

Lena's unit (县教育体育局) has no Q1 report yet; Pavel's unit (县财政局) has a Q1 draft.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shishi.history.models import Event
from shishi.plans.models import Target
from shishi.reporting.bulk import BulkUpdateError, update_figures
from shishi.reporting.models import QuarterlyReport, TargetValue
from shishi.reporting.services import (
    ReportConflict,
    accept_report,
    attach_stamped_pdf,
    save_draft,
    start_report,
    submit_report,
)
from tests.conftest import pdf_bytes

HEADER = "单位,季度,实事序号,指标,指标编号,累计完成值"


@pytest.fixture
def ids(plan):
    """Target ids by the indicator's name (project 1 is Lena's; project 5 has Pavel as a partner)."""
    targets = Target.objects.filter(project__plan=plan).select_related("project")
    return {t.indicator: t.pk for t in targets if t.project.seq in (1, 5)}


@pytest.fixture
def pavels_draft(cast, q1):
    return start_report(cast["pavel"].unit, q1)


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8-sig") -> bytes:
    return "\n".join([header, *rows]).encode(encoding)


def upload(client, plan, data: bytes, name="完成值.csv"):
    return client.post(
        reverse("reporting:bulk", args=[plan.pk]), {"file": SimpleUploadedFile(name, data, "text/csv")}
    )


def figures() -> list:
    return list(TargetValue.objects.order_by("pk").values_list("pk", "value"))


def database() -> dict:
    return {
        "reports": list(QuarterlyReport.objects.order_by("pk").values_list("pk", "state", "revision")),
        "values": figures(),
        "events": Event.objects.filter(verb="bulk_updated").count(),
    }


def finance_target(plan) -> Target:
    return Target.objects.filter(project__plan=plan, project__seq=5).first()


def test_it_writes_every_row_into_the_units_drafts(client, cast, plan, q1, ids, pavels_draft):
    five = finance_target(plan)
    data = csv_bytes(
        f"县教育体育局,1,,,{ids['新改扩建幼儿园']},3",
        "县教育体育局,第1季度,1,拓展学位,,1200",  # by project number and indicator, without the id
        f"县财政局,一季度,,,{five.pk},85.5",
        # an empty figure changes nothing (and Pavel is not on project 1)
        f"县财政局,1,,,{ids['新改扩建中小学']},",
    )
    client.force_login(cast["cora"])
    response = upload(client, plan, data)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "已更新3个累计完成值，涉及2份报表（其中新建1份）" in page

    lenas = QuarterlyReport.objects.get(unit=cast["lena"].unit, period=q1)  # started by the bulk update
    assert lenas.state == "draft" and lenas.revision == 1
    values = {
        v.target.indicator: v.value
        for v in TargetValue.objects.filter(line__report=lenas).select_related("target")
    }
    assert values["新改扩建幼儿园"] == 3 and values["拓展学位"] == 1200 and values["新改扩建中小学"] is None
    pavels = TargetValue.objects.get(line__report=pavels_draft, target=five)
    assert pavels.value == pytest.approx(85.5)
    pavels_draft.refresh_from_db()
    assert pavels_draft.revision == 1 and pavels_draft.updated_by == cast["cora"]
    events = Event.objects.filter(verb="bulk_updated", plan_id=plan.pk)
    assert sorted(e.report_id for e in events) == sorted([lenas.pk, pavels_draft.pk])


def test_a_clerk_with_the_form_open_is_told_the_draft_changed(cast, plan, q1, ids, pavels_draft):
    opened_at = pavels_draft.revision
    update_figures(plan, cast["cora"], csv_bytes(f"县财政局,1,,,{finance_target(plan).pk},9"))
    with pytest.raises(ReportConflict):
        save_draft(pavels_draft, cast["pavel"], opened_at, {})


def _submitted(cast, q1):
    report = start_report(cast["pavel"].unit, q1)
    attach_stamped_pdf(report, cast["pavel"], pdf_bytes(), "盖章.pdf")
    submit_report(report, cast["pavel"], report.revision)
    return report


def _accepted(cast, q1):
    return accept_report(_submitted(cast, q1), cast["cora"])


GOOD = "县教育体育局,1,,,{kindergartens},3"


@pytest.mark.parametrize(
    "bad_row, setup, message",
    [
        ("县教育体育局,1,,,{kindergartens},六所", None, "行3：累计完成值应填数字，而不是“六所”"),
        ("县教育体育局,1,,,{kindergartens},-1", None, "行3：累计完成值应为0或正数"),
        ("县教育体育局,1,,,999999,3", None, "行3：本计划没有编号为“999999”的指标"),
        ("县教育体育局,1,1,不存在的指标,,3", None, "行3：实事1中没有指标“不存在的指标”"),
        ("县外星局,1,,,{kindergartens},3", None, "行3：找不到单位“县外星局”"),
        ("县财政局,1,,,{kindergartens},3", None, "行3：县财政局不是实事1“"),
        ("县教育体育局,5,,,{kindergartens},3", None, "行3：季度应为1—4，而不是“5”"),
        ("县财政局,1,,,{finance},3", _submitted, "行3：县财政局2023年第1季度报表已报送，已锁定，不能修改"),
        ("县财政局,1,,,{finance},3", _accepted, "行3：县财政局2023年第1季度报表已通过，已锁定"),
        ("县教育体育局,第一季度,,,{kindergartens},4", None, "行3：与行2重复"),
    ],
    ids=[
        "bad number",
        "negative number",
        "unknown target id",
        "unknown indicator",
        "unknown unit",
        "unit not on the project",
        "bad quarter",
        "submitted report",
        "accepted report",
        "duplicate row",
    ],
)
def test_one_bad_row_and_nothing_is_written(client, cast, plan, q1, ids, bad_row, setup, message):
    if setup:
        setup(cast, q1)
    names = {"kindergartens": ids["新改扩建幼儿园"], "finance": finance_target(plan).pk}
    data = csv_bytes(GOOD.format(**names), bad_row.format(**names))
    before = database()
    client.force_login(cast["cora"])
    response = upload(client, plan, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page, page[page.find("errorlist") :][:800]
    assert "没有修改任何数据" in page
    assert database() == before


def test_it_lists_every_problem_with_its_row_at_once(cast, plan, ids):
    data = csv_bytes(
        f"县教育体育局,1,,,{ids['新改扩建幼儿园']},3",
        "县外星局,1,,,1,3",
        f"县教育体育局,9,,,{ids['拓展学位']},x",
    )
    with pytest.raises(BulkUpdateError) as refused:
        update_figures(plan, cast["cora"], data)
    assert [e[:3] for e in refused.value.errors] == ["行3：", "行4："]
    assert "季度" in refused.value.errors[1] and "累计完成值应填数字" in refused.value.errors[1]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "文件是空的"),
        (b"PK\x03\x04rest-of-a-zip", "另存为”CSV"),
        ("单位,季度,累计完成值\n县教育体育局,1,3".encode(), "表头缺少“指标编号（或“实事序号”和“指标”）”列"),
        (csv_bytes(), "没有填写任何累计完成值"),
        (csv_bytes('县教育体育局,1,,,1,"' + "9" * 200_000 + '"'), "不是有效的CSV表格"),
    ],
    ids=["empty file", "an xlsx", "no target column", "header only", "a cell beyond the csv module's limit"],
)
def test_it_refuses_a_file_it_cannot_use(cast, plan, data, message):
    with pytest.raises(BulkUpdateError) as refused:
        update_figures(plan, cast["cora"], data)
    assert message in str(refused.value)


def test_it_reads_a_csv_saved_by_excel_on_a_chinese_windows(cast, plan, q1, ids):
    update_figures(
        plan, cast["cora"], csv_bytes(f"县教育体育局,1,,,{ids['新改扩建幼儿园']},6", encoding="gb18030")
    )
    assert TargetValue.objects.get(target_id=ids["新改扩建幼儿园"], line__report__period=q1).value == 6


def test_the_figure_export_is_the_template(client, cast, plan, q1, ids):
    client.force_login(cast["cora"])
    template = client.get(reverse("exports:plan", args=[plan.pk, "figures", "csv"]), {"quarter": 1}).content
    rows = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    header = rows[0]
    row = next(
        r
        for r in rows
        if r[header.index("指标编号")] == str(ids["新改扩建幼儿园"]) and r[0] == "县教育体育局"
    )
    row[header.index("累计完成值")] = "4"
    edited = io.StringIO()
    csv.writer(edited).writerows(rows)
    assert upload(client, plan, edited.getvalue().encode("utf-8-sig")).status_code == 302
    assert TargetValue.objects.get(target_id=ids["新改扩建幼儿园"], line__report__period=q1).value == 4


def test_the_template_still_works_when_a_name_starts_with_a_formula_sign(client, cast, plan, q1, ids):
    """The export writes '-县教育体育局 (a spreadsheet would run -…); the upload reads the name back."""
    unit = cast["lena"].unit
    unit.name = "-县教育体育局"
    unit.save()
    client.force_login(cast["cora"])
    template = client.get(reverse("exports:plan", args=[plan.pk, "figures", "csv"]), {"quarter": 1}).content
    rows = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    header = rows[0]
    row = next(r for r in rows if r[header.index("指标编号")] == str(ids["新改扩建幼儿园"]))
    assert row[0] == "'-县教育体育局"
    row[header.index("累计完成值")] = "5"
    edited = io.StringIO()
    csv.writer(edited).writerows(rows)
    assert upload(client, plan, edited.getvalue().encode("utf-8-sig")).status_code == 302
    assert TargetValue.objects.get(target_id=ids["新改扩建幼儿园"], line__report__period=q1).value == 5


def test_only_the_plans_coordinator_updates_figures(client, cast, plan, ids):
    answers = {}
    for role in ("leah", "cici", "otto", "lena", "pavel", "olga", "cora", "admin"):  # the managers last
        client.force_login(cast[role])
        before = database()
        page = client.get(reverse("reporting:bulk", args=[plan.pk])).status_code
        posted = upload(client, plan, csv_bytes(f"县教育体育局,1,,,{ids['新改扩建幼儿园']},3")).status_code
        answers[role] = (page, posted, "changed" if database() != before else "unchanged")
    refused = (403, 403, "unchanged")
    assert answers == {
        "leah": refused,
        "cici": refused,
        "otto": refused,
        "lena": refused,
        "pavel": refused,
        "olga": refused,
        "cora": (200, 302, "changed"),
        "admin": (200, 302, "changed"),
    }


def test_the_service_itself_refuses_someone_who_does_not_manage_the_plan(cast, plan, ids):
    with pytest.raises(BulkUpdateError, match="只有本计划的协调员"):
        update_figures(plan, cast["otto"], csv_bytes(f"县教育体育局,1,,,{ids['新改扩建幼儿园']},3"))


def test_row_numbers_are_the_spreadsheets_even_below_blank_rows(cast, plan, ids):
    data = ("\n\n" + HEADER + "\n" + f"县教育体育局,1,,,{ids['新改扩建幼儿园']},三").encode("utf-8")
    with pytest.raises(BulkUpdateError) as refused:
        update_figures(plan, cast["cora"], data)
    assert refused.value.errors[0].startswith("行4：")
