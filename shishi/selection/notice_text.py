"""The elected candidates written as a notice (通知) in the words the notice reader reads:
numbered items 一、二、… each ending with its units (牵头单位：…；配合单位：…), the reporting rule,
the issuing office and the date. The draft plan is made by reading this text through the same
import as an uploaded notice (plans.services.read_notice_upload), so that publishing it makes
the plan exactly as importing a notice does."""

from __future__ import annotations

import datetime

import cn2an

from shishi.notice.text import clean_text


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
