"""The figures column out and back in: Lena (县教育体育局, lead on project 1, new kindergartens)
prints her form with the figures she reported, edits a figure in Word or Excel and uploads it;
the figures go through the report form's own rules, and a bad one is refused, naming the project
and the target, with nothing changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from shishi.documents.models import FormImport
from shishi.documents.progress import BLANK_FIGURE as PEN
from shishi.documents.services import FIGURES_WRONG
from shishi.history.models import Event
from shishi.reporting.models import QuarterlyReport, TargetValue
from shishi.reporting.services import attach_stamped_pdf, submit_report, version_changes
from tests.conftest import fill_report, pdf_bytes

from .filling import FIGURES, MEASURES, ExcelForm, WordForm
from .test_import import download, upload
from .test_progress_form import READERS

FORMS = {"docx": WordForm, "xlsx": ExcelForm}


def figures_of(report) -> dict[str, Decimal | None]:
    return {
        v.target.indicator: v.value
        for v in TargetValue.objects.filter(line__report=report).select_related("target")
    }


def uploaded(client, plan, q1, data: bytes, name: str) -> FormImport:
    return FormImport.objects.get(pk=upload(client, plan, q1, data, name).url.split("/")[-2])


def messages_after(client, response) -> list[str]:
    assert response.status_code == 302
    return [str(m) for m in client.get(response.url).context["messages"]]


@pytest.fixture
def lena(client, cast):
    client.force_login(cast["lena"])
    return cast["lena"]


@pytest.fixture
def report(lena, q1):
    """Lena's draft: two kindergartens and one vocational school reported so far."""
    from shishi.reporting.services import start_report

    return fill_report(
        start_report(lena.unit, q1), lena, "旧的草稿内容", {"新改扩建幼儿园": "2", "新改扩建中职学校": "1"}
    )


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_it_round_trips_the_figures_through_word_and_excel(client, lena, cora, plan, q1, report, fmt):
    form = FORMS[fmt](download(client, plan, q1, lena.unit, fmt))
    assert form.text_of(1, FIGURES).split("\n") == [
        "新改扩建幼儿园：目标6所，完成2所",
        f"新改扩建中小学：目标4所，完成{PEN}所",
        "新改扩建中职学校：目标1所，完成1所",
        f"拓展学位：目标≥3800个，完成{PEN}个",
    ]
    form.type_into(
        1,
        FIGURES,
        "新改扩建幼儿园：目标6所，完成4所\n"  # 2 → 4
        "新改扩建中小学：目标4所，完成２所\n"  # typed with a Chinese input method's digits
        f"新改扩建中职学校：目标1所，完成{PEN}所\n"  # erased: the draft's figure stays
        "拓展学位：目标≥3800个，完成1,200个",
    )
    # Lines in another order are read by the indicator they name.
    form.type_into(7, FIGURES, "“美在家庭”建成率：目标≥43%，完成45.5%\n寻找“最美家庭”：目标60户，完成30户")
    revision = QuarterlyReport.objects.get(pk=report.pk).revision

    response = upload(client, plan, q1, form.save(), f"一季度报表.{fmt}")
    form_import = FormImport.objects.get()
    assert figures_of(report)["新改扩建幼儿园"] == Decimal("2"), "the draft changed before confirming"
    page = client.get(response.url).content.decode()
    assert "累计完成值" in page and "新改扩建幼儿园：4所" in page and "将更新" in page

    client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert figures_of(report) == {
        "新改扩建幼儿园": Decimal("4"),
        "新改扩建中小学": Decimal("2"),
        "新改扩建中职学校": Decimal("1"),
        "拓展学位": Decimal("1200"),
        "建成高品质儿童友好社区": None,
        "建成儿童友好基地": None,
        "选树儿童友好学校和医院": None,
        "新建适儿化带状公园": None,
        "寻找“最美家庭”": Decimal("30"),
        "“美在家庭”建成率": Decimal("45.5"),
        "建设“希望小屋”": None,
    }
    report = QuarterlyReport.objects.get(pk=report.pk)
    assert report.revision == revision + 1, "saved once, as the web form saves"
    assert Event.objects.filter(verb="edited", report_id=report.pk, summary__contains="一季度报表").exists()

    # Submitted, the version holds the figures, with the change from the last version shown …
    attach_stamped_pdf(report, lena, pdf_bytes(), "盖章.pdf")
    with time_machine.travel("2023-04-09 09:30 +0800"):
        version = submit_report(report, lena, QuarterlyReport.objects.get(pk=report.pk).revision)
    values = {v["indicator"]: v["value"] for line in version.content["lines"] for v in line["values"]}
    assert values["新改扩建幼儿园"] == "4" and values["拓展学位"] == "1200"
    assert {
        "title": "实施优质教育资源扩容提质行动",
        "field": "新改扩建幼儿园",
        "before": "",
        "after": "4",
    } in version_changes(None, version.content)
    # … and the coordinator's download prints them, dated the day they were submitted.
    client.force_login(cora)
    with time_machine.travel("2023-05-20 10:00 +0800"):
        data = download(client, plan, q1, lena.unit, fmt)
    assert FORMS[fmt](data).text_of(1, FIGURES).startswith("新改扩建幼儿园：目标6所，完成4所\n")
    assert READERS[fmt](data)[0][2] == "填报时间：2023年4月9日"


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize(
    "typed, message",
    [
        pytest.param(
            "新改扩建幼儿园：目标6所，完成四所",
            "“实施优质教育资源扩容提质行动”的“新改扩建幼儿园”应填数字，而不是“四”。",
            id="a-chinese-numeral",
        ),
        pytest.param(
            "新改扩建幼儿园：目标6所，完成-3所",
            "“实施优质教育资源扩容提质行动”的“新改扩建幼儿园”应为0或正数，而不是“-3”。",
            id="a-negative-figure",
        ),
        pytest.param(
            "新改扩建幼儿园：目标6所，完成999999999999999所",
            "“实施优质教育资源扩容提质行动”的“新改扩建幼儿园”不能超过9,999,999,999,999.99。",
            id="too-large-for-the-database",
        ),
        pytest.param(
            "新改扩建幼儿园：目标6所，完成4所\n新建图书馆：目标1个，完成1个",
            "“实施优质教育资源扩容提质行动”没有名为“新建图书馆”的量化指标",
            id="a-target-the-project-does-not-have",
        ),
    ],
)
def test_a_bad_figure_is_refused_naming_the_project_and_target_and_nothing_changes(
    client, lena, plan, q1, report, fmt, typed, message
):
    earlier = FORMS[fmt](download(client, plan, q1, lena.unit, fmt))
    earlier.type_into(1, MEASURES, "先上传的一份，尚未确认。")
    pending = uploaded(client, plan, q1, earlier.save(), "早先.docx")
    before = (figures_of(report), QuarterlyReport.objects.get(pk=report.pk).revision)

    form = FORMS[fmt](download(client, plan, q1, lena.unit, fmt))
    form.type_into(1, MEASURES, "新的进展。")
    form.type_into(1, FIGURES, typed)
    response = upload(client, plan, q1, form.save(), f"报表.{fmt}")

    assert response.url == reverse("documents:forms", args=[plan.pk, q1.quarter])
    shown = messages_after(client, response)
    assert shown[0] == FIGURES_WRONG
    assert any(text.startswith(message) for text in shown[1:]), shown
    assert (figures_of(report), QuarterlyReport.objects.get(pk=report.pk).revision) == before
    assert list(FormImport.objects.values_list("pk", flat=True)) == [pending.pk], "an earlier upload lost"


def test_the_blank_form_with_figures_retyped_brings_them_back(client, lena, plan, q1, report):
    """The whole plan's blank form, its figures typed over the room left for a pen, one line
    retyped without the goal: read by the indicator, or by place when the names are lost."""
    form = WordForm(client.get(reverse("documents:blank", args=[plan.pk, "docx"])).content)
    form.type_into(
        1,
        FIGURES,
        "新改扩建幼儿园：目标6所，完成5所\n新改扩建中小学完成3所\n新改扩建中职学校：完成1所\n拓展学位：累计完成值：2000",
    )
    form.type_into(3, FIGURES, "社区：完成1个\n基地：完成2处\n学校和医院：完成0个\n公园：完成1处")
    form_import = uploaded(client, plan, q1, form.save(), "附件.docx")
    client.post(reverse("documents:confirm", args=[form_import.pk]))
    figures = figures_of(report)
    project_1 = ("新改扩建幼儿园", "新改扩建中小学", "新改扩建中职学校", "拓展学位")
    assert [figures[name] for name in project_1] == [Decimal(n) for n in ("5", "3", "1", "2000")]
    project_3 = ("建成高品质儿童友好社区", "建成儿童友好基地", "选树儿童友好学校和医院", "新建适儿化带状公园")
    assert [figures[name] for name in project_3] == [Decimal(n) for n in ("1", "2", "0", "1")]


def test_a_form_without_the_figures_column_leaves_the_figures_alone(client, lena, plan, q1, report):
    """The notice's own attachment has no figures column: its text comes in, the figures stay."""
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, MEASURES, "只写了进展。")
    for row in form.table.rows:
        cell = row.cells[FIGURES]._tc
        cell.getparent().remove(cell)
    form_import = uploaded(client, plan, q1, form.save(), "报表.docx")
    client.post(reverse("documents:confirm", args=[form_import.pk]))
    assert figures_of(report)["新改扩建幼儿园"] == Decimal("2")
    assert QuarterlyReport.objects.get(pk=report.pk).lines.get(project__seq=1).measures == "只写了进展。"


def test_the_figures_column_is_held_to_the_bounds_of_the_text(client, lena, plan, q1, report):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, FIGURES, "新改扩建幼儿园：目标6所，完成4所" + "。" * 20_000)
    shown = messages_after(client, upload(client, plan, q1, form.save(), "报表.docx"))
    assert shown == ["表格第1行的量化指标栏超过20000字，请精简后再上传。"]
    assert not FormImport.objects.exists()


def test_a_first_upload_refused_for_its_figures_does_not_open_the_report(client, lena, plan, q1):
    form = WordForm(download(client, plan, q1, lena.unit, "docx"))
    form.type_into(1, FIGURES, "新改扩建幼儿园：目标6所，完成约4所")
    shown = messages_after(client, upload(client, plan, q1, form.save(), "报表.docx"))
    assert "“实施优质教育资源扩容提质行动”的“新改扩建幼儿园”应填数字，而不是“约4”。" in shown
    assert not QuarterlyReport.objects.exists()
