"""A long list: real 民生实事 notices list 40–65 projects and a township list can reach 200.
The preview of such a notice is one form of several thousand fields, which Django's default
limit of 1,000 refused (400 TooManyFieldsSent) at about 60 projects."""

from __future__ import annotations

import cn2an
import pytest
from django.urls import reverse
from lxml import html

from shishi.plans.models import NoticeFile, Plan, Target

UNITS = [f"县第{cn2an.an2cn(i)}局" for i in range(1, 31)]


def long_notice(projects: int) -> str:
    """A county notice of `projects` projects, four commitments and two units each."""
    lines = [
        "桓台县人民政府办公室",
        "关于2023年为全县妇女儿童办实事的通知",
        "桓政办字〔2023〕9号",
        "",
        "各镇人民政府，县政府各部门：",
        "现就做好2023年为全县妇女儿童办实事有关事项通知如下。",
    ]
    for i in range(1, projects + 1):
        lines.append(
            f"{cn2an.an2cn(i)}、实施第{i}项民生行动。"
            f"新改扩建幼儿园{i}所、建成托育机构{i + 1}处，培训家政人员{i * 10}人次，"
            f"筛查率达到{50 + i % 40}%以上。（责任单位：{UNITS[i % 30]}、{UNITS[(i + 7) % 30]}）"
        )
    lines.append("各有关部门单位要认真组织实施。")
    return "\n".join(lines)


def form_as_a_browser_sends_it(page: str, action: str) -> list[tuple[str, str]]:
    """Every field of the preview form, as the browser would post it untouched."""
    form = html.fromstring(page)
    fields = []
    for element in form.xpath("//form[@method='post']//*[self::input or self::select or self::textarea]"):
        name = element.get("name")
        if not name or name == "action":
            continue
        if element.tag == "select":
            chosen = element.xpath(".//option[@selected]/@value") or [""]
            fields.append((name, chosen[0]))
        elif element.get("type") == "checkbox":
            if element.get("checked") is not None:
                fields.append((name, element.get("value", "on")))
        else:
            fields.append(
                (name, element.get("value", "") if element.tag == "input" else element.text_content())
            )
    return fields + [("action", action)]


@pytest.mark.slow
@pytest.mark.parametrize("projects", [60, 200])
def test_it_imports_a_notice_of_two_hundred_projects_with_four_targets_each(client, world, cora, projects):
    client.force_login(cora)
    client.post(reverse("plans:import"), {"text": long_notice(projects)})
    notice_file = NoticeFile.objects.get()
    url = reverse("plans:preview", args=[notice_file.pk])
    fields = form_as_a_browser_sends_it(client.get(url).content.decode(), "save")
    assert len(fields) > 1000 * projects // 60  # beyond Django's default limit
    saved = client.post(url, fields_with_new_units(fields))
    assert saved.status_code == 200, saved.content.decode()[:500]

    confirmed = client.post(
        url, fields_with_new_units(form_as_a_browser_sends_it(client.get(url).content.decode(), "confirm"))
    )
    plan = Plan.objects.get()
    assert confirmed.url == reverse("plans:detail", args=[plan.pk])
    assert plan.projects.count() == projects
    assert Target.objects.filter(project__plan=plan).count() == 4 * projects


def fields_with_new_units(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The coordinator's one choice: every unit of the notice is new to the directory."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(
            "new" if name.startswith("unit-") and not name.endswith("-name") else value
        )
    return data


def test_it_refuses_a_list_longer_than_any_notice_with_a_message(client, world, cora):
    client.force_login(cora)
    response = client.post(reverse("plans:import"), {"text": long_notice(401)})
    assert response.status_code == 400
    assert "读出401项实事" in response.content.decode() and "最多400项实事" in response.content.decode()
    assert not NoticeFile.objects.exists()
