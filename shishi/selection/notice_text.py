"""The elected candidates written as a notice (通知) in the words the notice reader reads (as text,
and as a .docx in the GB/T 9704 layout with the progress form attached):
numbered items 一、二、… each ending with its units (牵头单位：…；配合单位：…), the reporting rule,
the issuing office and the date. The draft plan is made by reading this text through the same
import as an uploaded notice (plans.services.read_notice_upload), so that publishing it makes
the plan exactly as importing a notice does."""

from __future__ import annotations

import datetime

import cn2an
from docx.shared import Cm

from shishi import gbt9704
from shishi.notice.text import clean_text

from .docx_table import table


def _numeral(n: int) -> str:
    return cn2an.an2cn(n)


def _sentence(text: str) -> str:
    text = clean_text(text or "").strip().replace("\n", "")
    return text if not text or text.endswith(("。", "！", "？", "；")) else text + "。"


def notice_text(region_name: str, year: int, candidates, day: datetime.date, due_days: int) -> str:
    """`candidates` in ballot order, each with title, content, targets_text and unit_list."""
    issuer = f"{region_name}人民政府办公室"
    lines = [
        issuer,
        f"关于印发{year}年{region_name}民生实事项目的通知",
        "",
        "各镇人民政府、街道办事处，县政府各部门，各有关单位：",
        f"经{region_name}人民代表大会票决，确定{year}年民生实事项目{len(candidates)}项，现印发给你们，请认真组织实施。",
    ]
    for n, candidate in enumerate(candidates, 1):
        units = candidate.unit_list
        partners = "、".join(unit.name for unit in units[1:])
        who = f"牵头单位：{units[0].name}" + (f"；配合单位：{partners}" if partners else "")
        body = _sentence(candidate.content) + _sentence(candidate.targets_text)
        lines.append(f"{_numeral(n)}、{candidate.title}。{body}（{who}）")
    lines += [
        f"各责任单位于每季度末后{due_days}日内报送实事项目进展情况（电子版和盖章PDF版）。",
        "",
        issuer,
        f"{day.year}年{day.month}月{day.day}日",
    ]
    return "\n".join(lines) + "\n"


# -- the draft notice of the elected projects ------------------------------------------------------

FORM_WIDTHS = (Cm(1.1), Cm(3.4), Cm(4.0), Cm(4.9), Cm(2.2))  # 小四: 序号 and 完成时限 on one line


def draft_notice(region_name: str, year: int, candidates, day: datetime.date, due_days: int) -> bytes:
    """The notice that publishes the elected projects, as a 文件 with its red head: the same words
    as notice_text (each project with its units, the reporting rule), the signature and 版记, and
    the quarterly progress form as its attachment. The notice import reads it like any notice."""
    issuer = f"{region_name}人民政府办公室"
    document = gbt9704.new_document(f"关于印发{year}年{region_name}民生实事项目的通知", issuer)
    gbt9704.masthead(document, f"{issuer}文件", f"〔{year}〕  号", "", "")
    gbt9704.title(document, f"关于印发{year}年{region_name}民生实事项目的通知", space_before=2)
    gbt9704.body(document)
    lines = notice_text(region_name, year, candidates, day, due_days).split("\n")
    # notice_text: issuer, title, blank, addressee, opening, the items…, the reporting rule, blank,
    # issuer, date. The head is the masthead's and the title's here; the close is the signature.
    addressee, *text = lines[3:-4]
    gbt9704.body(document, addressee, indent=False)
    for line in text:
        gbt9704.body(document, line)
    gbt9704.body(document, f"附件：{year}年民生实事项目进展情况报表")
    gbt9704.body(document)
    gbt9704.signature(document, issuer, gbt9704.chinese_date(day))
    gbt9704.attachment_heading(document)
    gbt9704.title(document, f"{year}年民生实事项目进展情况报表", gbt9704.SIZES["小二"], space_before=1)
    rows = [
        [str(n), c.title, "、".join(unit.name for unit in c.unit_list), "", ""]
        for n, c in enumerate(candidates, 1)
    ]
    table(
        document,
        ["序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况", "完成时限"],
        rows,
        FORM_WIDTHS,
        tall=True,
        size=gbt9704.SIZES["小四"],
    )
    gbt9704.imprint(document, issuer, gbt9704.chinese_date(day))
    return gbt9704.save(document, day)
