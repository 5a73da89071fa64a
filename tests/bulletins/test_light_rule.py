"""One lights rule, stated in one sentence: the board, the project page and the bulletin say the
same words, with the plan's own thresholds (shishi/oversight/lights.py: rule_text)."""

from __future__ import annotations

import html
import io
import re

from django.urls import reverse
from docx import Document

from shishi.bulletins.services import preview_bulletin
from shishi.oversight.lights import rule_text
from tests.bulletins.conftest import TODAY


def stated_on(page: str) -> str:
    return html.unescape(re.search(r'<p class="muted light-rule">(.*?)</p>', page, re.S).group(1)).strip()


def test_it_states_the_same_rule_on_the_board_the_project_page_and_in_the_bulletin(client, cast, plan, q1):
    plan.yellow_points, plan.red_points = 5, 20
    plan.save(update_fields=["yellow_points", "red_points"])
    client.force_login(cast["cora"])
    board = client.get(reverse("oversight:board", args=[plan.pk, 1])).content.decode()
    project = plan.projects.get(seq=1)
    ledger = client.get(reverse("oversight:project", args=[plan.pk, project.pk]) + "?q=1").content.decode()
    document = Document(io.BytesIO(preview_bulletin(plan, q1, TODAY).data))
    bulletin = next(p.text for p in document.paragraphs if p.text.startswith("亮灯规则"))

    assert stated_on(board) == stated_on(ledger) == bulletin == rule_text(5, 20)
    assert "落后不足5个百分点为绿灯，5—20个百分点为黄灯，超过20个百分点为红灯" in bulletin
