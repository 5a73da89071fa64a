"""The bulletin as a document the office sends: what it says (`parts`, read by the Word document
and by the page that previews it), and the Word document laid out per GB/T 9704-2012
(shishi/gbt9704.py: page, type, red masthead, page numbers, 版记).

Rendered from a snapshot (snapshot.py) and nothing else, so that an issued bulletin can be made
again word for word: the same snapshot gives the same bytes (fixed zip timestamps).

The document, in order: the red masthead (桓台县为妇女儿童办实事调度通报, 第N期 — （更正） on a
corrected re-issue — the office and the date, the red rule); the title two lines below; for a
correction, why; the body (总体情况 with the chart, each project, 报送情况); the 附件 line and the
signature; the attachment on a new page (every unit's submitted lines with each project's figures
and light); the 版记 at the foot of the last page.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

import cn2an
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from shishi import gbt9704 as page
from shishi.gbt9704 import BODY_FONT, BODY_SIZE, SUBHEADING_FONT, chinese_date
from shishi.oversight.lights import DONE, GREEN, GREY

from .chart import progress_chart
from .models import correction_words
from .tables import MergedLinesExporter

CHART_WIDTH = Cm(15)
TOLD_TOGETHER = (DONE, GREEN, GREY)  # named together in one paragraph of part 二: nothing more to say
COLOUR_WORDS = "蓝色为已完成，灰色为未报送"


@dataclass(frozen=True)
class Part:
    """One paragraph of the body. `kind`: heading (一、 in 黑体), body, project (a 楷体 `lead`
    then the text), chart (the picture; `text` is what a screen reader says), caption (centred),
    blank (an empty line), signature (`text` the office, `lead` the date)."""

    kind: str
    text: str = ""
    lead: str = ""


# --- what the bulletin says -------------------------------------------------------------------------


def number_line(snapshot: dict) -> str:
    """`第3期`, `第3期（更正）`, `第3期（第2次更正）`, or the preview's mark."""
    if not snapshot["number"]:
        return "（预览稿，尚未印发）"
    return f"第{snapshot['number']}期{correction_words(snapshot.get('correction', 0))}"


def attachment_title(snapshot: dict) -> str:
    return f"{snapshot['plan']['year']}年为妇女儿童办实事{snapshot['period']['name']}进展情况汇总表"


def parts(snapshot: dict) -> list[Part]:
    """The body from the first paragraph after the title to the signature."""
    period, plan = snapshot["period"], snapshot["plan"]
    said: list[Part] = []
    if snapshot.get("correction"):
        said.append(
            Part(
                "body",
                f"本期为第{snapshot['number']}期的更正稿，更正原因：{snapshot['reason'].rstrip('。')}。"
                f"原第{snapshot['number']}期作废，以本稿为准。",
            )
        )
    source = f"《{plan['title']}》" + (f"（{plan['doc_number']}）" if plan["doc_number"] else "")
    said.append(
        Part(
            "body",
            f"为推动{source}确定的各项实事落实落地，根据各责任单位报送的{period['name']}进展情况，"
            # a bulletin made before the quarter ends reports up to its own day, not the quarter's end
            f"现将截至{chinese_date(min(period['ends_on'], snapshot['date']))}的工作进展通报如下。",
        )
    )
    said += [
        Part("heading", "一、总体情况"),
        Part("body", headline_text(snapshot)),
        Part("body", rule_text(snapshot)),
        Part("chart", f"各项实事完成进度柱状图，虚线为序时进度{snapshot['expected']}%"),
        Part("caption", f"图1　{period['name']}各项实事完成进度"),
        Part("body", chart_caption(snapshot)),
        Part("heading", "二、各项实事进展情况"),
        Part("body", "各项实事的指标、目标值、完成数和亮灯原因见附件。"),
    ]
    for index, project in enumerate(snapshot["projects"], 1):
        if project["light"]["colour"] not in TOLD_TOGETHER:
            said.append(Part("project", project_text(project), f"（{_chinese(index)}）{project['title']}"))
    if together := together_text(snapshot["projects"]):
        said.append(Part("body", together))
    late = snapshot["late_units"]
    said += [
        Part("heading", "三、报送情况"),
        Part("body", units_text(snapshot)),
        Part(
            "body",
            f"逾期未报送的单位：{'、'.join(late)}。请上述单位尽快报送。"
            if late
            else "没有逾期未报送的单位。",
        ),
        Part("blank"),
        Part("body", f"附件：{attachment_title(snapshot)}"),
        Part("blank"),  # 署名 one line below the 附件说明 (7.3.5.2: an unsealed document)
        Part("signature", snapshot["issuer"], chinese_date(snapshot["date"])),
    ]
    return said


def headline_text(snapshot: dict) -> str:
    h, period = snapshot["headline"], snapshot["period"]
    behind = h["yellow"] + h["red"]
    return (
        f"{snapshot['plan']['year']}年共实施为妇女儿童办实事{h['projects']}项。对照{period['name']}末"
        f"{snapshot['expected']}%的序时进度，已完成{h['done']}项，按序时进度推进（绿灯）{h['green']}项，"
        f"进度滞后{behind}项（其中黄灯{h['yellow']}项、红灯{h['red']}项），牵头单位尚未报送{h['grey']}项。"
    )


def project_text(project: dict) -> str:
    """A project in part 二, after its name: its lead unit, its light and why; the lead's own word
    where no figure was reported. Its figures, target by target, are in the attachment's table (a
    bulletin that listed them in both places ran to nine pages for ten projects).

    >>> project_text({"lead": "县妇联", "assessment": "", "targets": [],
    ...               "light": {"name": "红灯", "reason": "团县委（配合单位）报表逾期未报"}})
    '（县妇联牵头）。红灯，团县委（配合单位）报表逾期未报。'
    """
    said = [f"（{project['lead']}牵头）。" if project["lead"] else "（牵头单位未明确）。"]
    reported = [target for target in project["targets"] if target["figure"] is not None]
    if project["assessment"] and len(reported) < len(project["targets"]):
        said.append(f"牵头单位自评：{project['assessment']}。")
    light = project["light"]
    said.append(f"{light['name']}，{light['reason']}。")
    return "".join(said)


def together_text(projects: list[dict]) -> str:
    """The projects done, on schedule (green) or not yet reported by their lead unit, each named
    once with its lead unit, in one paragraph: part 二 tells in full only the projects behind (a
    paragraph each made ten projects run to nearly two pages); the table gives every light's
    reason."""
    groups = {colour: [] for colour in TOLD_TOGETHER}
    for index, project in enumerate(projects, 1):
        if project["light"]["colour"] in groups:
            lead = f"（{project['lead']}牵头）" if project["lead"] else ""
            groups[project["light"]["colour"]].append(f"（{_chinese(index)}）{project['title']}{lead}")
    said = [
        f"{words}{len(named)}项：{'、'.join(named)}"
        for words, named in (
            ("已完成", groups[DONE]),
            ("按序时进度推进（绿灯）", groups[GREEN]),
            ("牵头单位尚未报送", groups[GREY]),
        )
        if named
    ]
    if not said:
        return ""
    behind = "其余实事中，" if len(projects) > sum(len(named) for named in groups.values()) else ""
    return f"{behind}{'；'.join(said)}。"


def units_text(snapshot: dict) -> str:
    u, period = snapshot["units"], snapshot["period"]
    parts_ = [
        f"{period['name']}应报送单位{u['total']}个。截至{chinese_date(snapshot['date'])}，"
        f"已报送{u['submitted'] + u['accepted']}个"
        f"（其中审核通过{u['accepted']}个、待审核{u['submitted']}个）"
    ]
    if u["returned"]:
        parts_.append(f"退回修改{u['returned']}个")
    if u["draft"]:
        parts_.append(f"正在填写{u['draft']}个")
    if u["not_started"]:
        parts_.append(f"尚未开始填报{u['not_started']}个")
    parts_.append(f"逾期未报送{u['late']}个")
    return "，".join(parts_) + "。"


def chart_caption(snapshot: dict) -> str:
    """What the chart shows, in two lines. The projects' names are in part 二 and in the
    attachment under the same numbers, so the caption does not list them again."""
    return (
        f"横轴为实事序号，柱高为完成目标的比例（以最低的指标计），柱色即亮灯颜色"
        f"（{COLOUR_WORDS}），虚线为序时进度{snapshot['expected']}%。"
    )


def rule_text(snapshot: dict) -> str:
    """The lights rule the bulletin was judged by (kept in its snapshot)."""
    rules = snapshot["rules"]
    return rules.get("text") or _old_rule(rules)


def chart_png(snapshot: dict) -> bytes:
    return progress_chart(snapshot["projects"], snapshot["expected"])


# --- the Word document ------------------------------------------------------------------------------


def render(snapshot: dict) -> bytes:
    when = datetime.datetime.fromisoformat(snapshot["issued_at"] or f"{snapshot['date']}T00:00:00+00:00")
    document = page.new_document(snapshot["title"], snapshot["issuer"], when)
    date = chinese_date(snapshot["date"])
    page.masthead(
        document, snapshot.get("mark") or _mark(snapshot), number_line(snapshot), snapshot["issuer"], date
    )
    page.title(document, snapshot["title"] + correction_words(snapshot.get("correction", 0)), space_before=2)
    page.body(document)  # the line between the title and the text
    for part in parts(snapshot):
        _part(document, part, snapshot)

    attachment = attachment_title(snapshot)
    page.attachment_heading(document)
    page.title(document, attachment, space_before=1)
    MergedLinesExporter(snapshot["table"], title=attachment).docx_table(document)
    if not snapshot["table"]:
        page.body(document, "本季度尚无已报送的报表。")
    page.imprint(document, snapshot["issuer"], date, snapshot.get("copies_to", ""))
    return page.save(document, datetime.date.fromisoformat(snapshot["date"]))


def _part(document, part: Part, snapshot: dict) -> None:
    if part.kind == "heading":
        page.heading(document, part.text)
    elif part.kind == "project":
        paragraph = page.body(document)
        page.run(paragraph, part.lead, SUBHEADING_FONT)
        page.run(paragraph, part.text, BODY_FONT)
    elif part.kind == "chart":
        _chart(document, part.text, snapshot)
    elif part.kind == "caption":
        page.centred(document, part.text, BODY_FONT, BODY_SIZE)
    elif part.kind == "blank":
        page.body(document)
    elif part.kind == "signature":
        page.signature(document, part.text, part.lead)
    else:
        page.body(document, part.text)


def _chart(document, description: str, snapshot: dict) -> None:
    paragraph = document.add_paragraph()
    page.compact(paragraph)  # an exact line pitch would crop the picture to one line
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(io.BytesIO(chart_png(snapshot)), width=CHART_WIDTH)
    described = paragraph._p.find(".//{*}docPr")
    if described is not None:  # what a screen reader says for the picture
        described.set("descr", description)


def _old_rule(rules: dict) -> str:
    """The rule as bulletins issued before snapshot format 2 stated it."""
    return (
        f"亮灯规则：指标完成值占目标值的比例与序时进度比较，落后不足{rules['yellow']}个百分点为绿灯，"
        f"{rules['yellow']}—{rules['red']}个百分点为黄灯，超过{rules['red']}个百分点或牵头单位报表逾期为红灯，"
        f"达到目标为已完成；没有数值的指标按牵头单位自评。"
    )


def _mark(snapshot: dict) -> str:
    """A bulletin issued before the masthead (snapshot format 1) names no 标志: made from its region."""
    return f"{snapshot['plan']['region']}为妇女儿童办实事调度通报"


def _chinese(number: int) -> str:
    return cn2an.an2cn(number)
