"""Figures as people type them: one rule at every door, and a database that holds only what
pages can read back. The case that broke pages for good: 9999999999999.999 passed the old
"below 1e14" check, was rounded to 100000000000000.00 (17 digits) and stored anyway."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from shishi.plans import figures
from shishi.plans.figures import FigureError, parse_figure, storable
from shishi.plans.models import NoticeFile, Plan, Target
from shishi.reporting.bulk import BulkUpdateError, update_figures
from shishi.reporting.models import QuarterlyReport, TargetValue
from shishi.reporting.services import ReportError, save_draft, start_report
from tests.conftest import SAMPLES, report_form

ROUNDS_OVER = "9999999999999.999"


@pytest.mark.parametrize(
    "typed, value",
    [
        ("3", Decimal("3.00")),
        (" 1,234.5 ", Decimal("1234.50")),
        ("1，234", Decimal("1234.00")),
        ("１２．５", Decimal("12.50")),  # a Chinese input method's full-width digits
        ("0.005", Decimal("0.01")),  # rounded half up, as people round
        ("1.2E+3", Decimal("1200.00")),  # as a spreadsheet writes a large figure
        ("9999999999999.99", Decimal("9999999999999.99")),  # the largest the column holds
        ("9999999999999.994", Decimal("9999999999999.99")),
        ("", None),
        ("   ", None),
        (None, None),
        (7, Decimal("7.00")),
        (Decimal("85.5"), Decimal("85.50")),
    ],
    ids=repr,
)
def test_it_reads_a_typed_figure(typed, value):
    assert parse_figure(typed) == value


@pytest.mark.parametrize(
    "typed, message",
    [
        (ROUNDS_OVER, "不能超过9,999,999,999,999.99"),
        ("9999999999999.995", "不能超过9,999,999,999,999.99"),
        ("10000000000000", "不能超过"),
        ("99999999999999.99", "不能超过"),  # the column holds it, but SQLite would not give it back
        ("1e999", "不能超过"),
        ("1e9999", "应填数字"),  # no figure is written with a four-digit exponent
        ("9" * 5000, "应填数字"),  # longer than any figure: not even read
        ("-1", "应为0或正数"),
        ("-0.001", "应为0或正数"),
        ("六所", "应填数字"),
        ("²", "应填数字"),  # str.isdigit() says yes; Decimal says no
        ("፩", "应填数字"),
        ("٣", "应填数字"),  # an Arabic-Indic three, which Decimal would read
        ("NaN", "应填数字"),
        ("Infinity", "应填数字"),
        ("1.2.3", "应填数字"),
        ("=1+1", "应填数字"),
        (float("nan"), "应填数字"),
        (Decimal("-3"), "应为0或正数"),
    ],
    ids=repr,
)
def test_it_refuses_what_the_column_cannot_hold_naming_the_field(typed, message):
    with pytest.raises(FigureError) as refused:
        parse_figure(typed, "“幼儿园数”")
    assert str(refused.value).startswith("“幼儿园数”") and message in str(refused.value)


def test_its_examples_hold():
    assert doctest.testmod(figures).failed == 0


def test_what_it_accepts_is_always_storable():
    for typed in ("0", "0.001", "12.345", "9999999999999.99", "9999999999999.994", "5e12"):
        assert storable(parse_figure(typed))


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["target", "reported"])
@pytest.mark.parametrize("bad", [Decimal("10000000000000"), Decimal("-1")], ids=str)
def test_the_database_refuses_a_figure_no_page_could_read(cast, q1, model, bad):
    """Whatever path a future door takes, the constraint holds on SQLite and PostgreSQL."""
    target = Target.objects.filter(project__plan=q1.plan).first()
    # PostgreSQL's numeric(16, 2) refuses a figure too large before the check does (DataError).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        if model == "target":
            Target.objects.filter(pk=target.pk).update(value=bad)
        else:
            report = start_report(cast["lena"].unit, q1)
            TargetValue.objects.filter(line__report=report).update(value=bad)


def test_it_refuses_the_figure_on_the_report_form_and_every_page_still_opens(client, cast, plan, q1):
    lena, cora = cast["lena"], cast["cora"]
    client.force_login(lena)
    report = start_report(lena.unit, q1)
    response = client.post(
        reverse("reporting:save", args=[report.pk]), report_form(report, "这段文字不能丢。", ROUNDS_OVER)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "不能超过9,999,999,999,999.99" in page and "这段文字不能丢。" in page and ROUNDS_OVER in page
    report.refresh_from_db()
    assert report.revision == 0
    assert not TargetValue.objects.filter(line__report=report, value__isnull=False).exists()
    assert client.get(reverse("reporting:report", args=[report.pk])).status_code == 200
    client.force_login(cora)
    assert client.get(reverse("oversight:board", args=[plan.pk, 1])).status_code == 200


def test_the_service_refuses_an_unstorable_figure_whoever_calls_it(cast, q1):
    report = start_report(cast["lena"].unit, q1)
    line = report.lines.prefetch_related("values").first()
    target_id = line.values.first().target_id
    with pytest.raises(ReportError, match="无法保存"):
        save_draft(
            report,
            cast["lena"],
            report.revision,
            {
                line.project_id: type(
                    "Entry",
                    (),
                    {
                        "measures": "",
                        "deadline": "",
                        "assessment": "",
                        "values": {target_id: Decimal(ROUNDS_OVER)},
                    },
                )()
            },
        )
    report.refresh_from_db()
    assert report.revision == 0


def test_it_refuses_the_figure_through_the_rest_api(cast, q1, api_as):
    lena = api_as("lena")
    report = lena.post(f"/api/periods/{q1.pk}/report").json()
    body = {
        "revision": report["revision"],
        "lines": [
            {
                "project_id": line["project_id"],
                "values": [{"target_id": v["target_id"], "value": ROUNDS_OVER} for v in line["values"]],
            }
            for line in report["lines"]
        ],
    }
    response = lena.put(f"/api/reports/{report['id']}/draft", body)
    assert 400 <= response.status_code < 500
    assert "不能超过" in response.content.decode()
    assert QuarterlyReport.objects.get(pk=report["id"]).revision == 0


def test_it_refuses_the_figure_in_the_bulk_csv(cast, plan, q1):
    target = Target.objects.get(project__plan=plan, project__seq=1, indicator="新改扩建幼儿园")
    data = (
        f"单位,季度,实事序号,指标,指标编号,累计完成值\n县教育体育局,1,,,{target.pk},{ROUNDS_OVER}\n".encode(
            "utf-8-sig"
        )
    )
    with pytest.raises(BulkUpdateError) as refused:
        update_figures(plan, cast["cora"], data)
    assert "累计完成值不能超过9,999,999,999,999.99" in refused.value.errors[0]
    assert not QuarterlyReport.objects.exists()


def _uploaded(client, world, cora) -> NoticeFile:
    client.force_login(cora)
    client.post(reverse("plans:import"), {"text": (SAMPLES / "huantai-2023.txt").read_text(encoding="utf-8")})
    return NoticeFile.objects.get()


def _preview_form(notice_file, **fields):
    data = {"action": "confirm"}
    names = list(dict.fromkeys(u for p in notice_file.draft["projects"] for u in p["units"]))
    data |= {f"unit-{index}": "new" for index in range(len(names))}
    return data | fields


def test_it_refuses_the_figure_as_a_target_in_the_import_preview_and_keeps_what_was_typed(
    client, world, cora
):
    notice_file = _uploaded(client, world, cora)
    before = notice_file.draft
    response = client.post(
        reverse("plans:preview", args=[notice_file.pk]),
        _preview_form(notice_file, **{"p-0-t-0-value": ROUNDS_OVER, "p-0-title": "改过的名称"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "第1项指标“新改扩建幼儿园”的目标值不能超过9,999,999,999,999.99" in page
    assert ROUNDS_OVER in page and "改过的名称" in page  # shown again to be corrected, not lost
    notice_file.refresh_from_db()
    assert notice_file.draft == before and not Plan.objects.exists()


@pytest.mark.parametrize(
    "field, typed, message",
    [
        ("title", "标" * 5000, "标题有5000个字，最多200个字"),
        ("p-0-title", "实" * 201, "第1项实事名称有201个字，最多200个字"),
        ("p-0-units", "县" + "很" * 100 + "长的局、县妇联", "第1项责任单位"),
        ("p-0-t-0-indicator", "指" * 121, "最多120个字"),
        ("p-0-t-0-unit", "个" * 21, "的单位有21个字，最多20个字"),
        ("doc_number", "桓" * 61, "文号有61个字，最多60个字"),
    ],
    ids=["plan title", "project title", "unit name", "indicator", "unit of measure", "document number"],
)
def test_the_preview_names_text_too_long_for_its_column_instead_of_cutting_it(
    client, world, cora, field, typed, message
):
    notice_file = _uploaded(client, world, cora)
    response = client.post(
        reverse("plans:preview", args=[notice_file.pk]), _preview_form(notice_file, **{field: typed})
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and typed in page
    assert not Plan.objects.exists()


def test_the_preview_turns_a_pasted_line_break_into_text_a_document_can_hold(client, world, cora):
    notice_file = _uploaded(client, world, cora)
    client.post(
        reverse("plans:preview", args=[notice_file.pk]),
        _preview_form(notice_file, **{"p-0-title": "新改扩建\x0b幼儿园\x01项目", "action": "save"}),
    )
    notice_file.refresh_from_db()
    assert notice_file.draft["projects"][0]["title"] == "新改扩建\n幼儿园项目"


@pytest.mark.parametrize("typed", ["9999999999999.99", "1234567890123.45", "9999999999999.994"])
def test_the_largest_figures_accepted_come_back_from_the_database_as_typed(cast, q1, typed):
    """SQLite keeps a decimal column as a float and gives back 15 digits: 99999999999999.99, the
    old bound, came back as 1E+14 and every page reading it answered 500."""
    target = Target.objects.filter(project__plan=q1.plan).first()
    target.value = parse_figure(typed)
    target.save()
    assert Target.objects.get(pk=target.pk).value == parse_figure(typed)
    report = start_report(cast["lena"].unit, q1)
    TargetValue.objects.filter(line__report=report).update(value=parse_figure(typed))
    assert {v.value for v in TargetValue.objects.filter(line__report=report)} == {parse_figure(typed)}
