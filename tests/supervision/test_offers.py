"""发出督办 is offered on every project, worst light first, except one whose 督办 is still open,
which links to it instead: a 督查室 acts on red projects, on yellow ones and on its own judgement."""

import datetime
import re

import time_machine
from django.urls import reverse

from shishi.reporting.services import start_report
from shishi.supervision.models import SupervisionNotice
from shishi.supervision.services import issue, offers
from tests.conftest import submit_filled

BEFORE_DUE = datetime.datetime(2023, 4, 5, 9, tzinfo=datetime.UTC)  # Q1 of 2023 is due 10 April
AFTER_DUE = datetime.datetime(2023, 4, 20, 9, tzinfo=datetime.UTC)


def _offered(page: str) -> list[str]:
    """The project ids the page offers a 督办 form for, in order."""
    return re.findall(r'<input type="hidden" name="project" value="(\d+)">', page)


@time_machine.travel(BEFORE_DUE, tick=False)
def test_every_project_is_offered_worst_light_first(client, cast, plan, q1):
    lena = cast["lena"]
    one = plan.projects.get(seq=1)
    submit_filled(start_report(lena.unit, q1), lena, "开工", {"新改扩建幼儿园": "0"})  # yellow
    client.force_login(cast["sam"])
    page = client.get(reverse("supervision:plan", args=[plan.pk, 1])).content.decode()
    assert len(_offered(page)) == plan.projects.count()  # nobody is late, nothing is red: all offered
    assert _offered(page)[0] == str(one.pk)  # the yellow one first
    assert "亮红灯或逾期" not in page
    assert "任一责任单位（牵头单位或配合单位）报表逾期未报" in page  # the lights' own rule
    assert "含未审核数据" in page  # lena's report is not yet accepted


@time_machine.travel(BEFORE_DUE, tick=False)
def test_a_project_not_red_can_be_put_under_supervision(client, cast, plan, q1):
    two = plan.projects.get(seq=2)
    lead = two.lead_unit
    client.force_login(cast["sam"])
    response = client.post(
        reverse("supervision:plan", args=[plan.pk, 1]),
        {"project": two.pk, "unit": lead.pk, "reason": "请说明开工计划。", "reply_by": "2023-04-12"},
    )
    assert response.status_code == 302
    assert SupervisionNotice.objects.get().unit == lead


@time_machine.travel(AFTER_DUE, tick=False)
def test_a_project_under_an_open_supervision_links_to_it_instead(client, cast, plan, q1):
    one = plan.projects.get(seq=1)
    notice = issue(one, cast["lena"].unit, q1, cast["sam"], "逾期未报", datetime.date(2023, 4, 27))
    client.force_login(cast["sam"])
    url = reverse("supervision:plan", args=[plan.pk, 1])
    page = client.get(url).content.decode()
    assert str(one.pk) not in _offered(page) and len(_offered(page)) == plan.projects.count() - 1
    assert "已向县教育体育局发出督办（待答复）。" in page
    assert f'href="{url}#notice-{notice.pk}"' in page and f'id="notice-{notice.pk}"' in page


@time_machine.travel(AFTER_DUE, tick=False)
def test_a_late_partner_is_proposed_with_the_lights_reason(cast, plan, q1):
    """Project 5's units are all late: the 督办 goes first to the first late unit, its 事由 the light's."""
    five = next(o for o in offers(plan, q1, datetime.date(2023, 4, 20)) if o.project.seq == 5)
    assert five.light.colour == "red"
    assert five.reason == (
        "县卫生健康局（牵头单位）、县妇联（配合单位）、县财政局（配合单位）报表逾期未报，请说明原因并提出整改措施。"
    )
    assert five.unit.name == "县卫生健康局" and [u.name for u in five.team][2] == "县财政局"


@time_machine.travel(AFTER_DUE, tick=False)
def test_a_refused_form_keeps_what_was_typed(client, cast, plan, q1):
    five = plan.projects.get(seq=5)
    client.force_login(cast["sam"])
    response = client.post(
        reverse("supervision:plan", args=[plan.pk, 1]),
        {"project": five.pk, "unit": cast["pavel"].unit_id, "reason": "拨付情况？", "reply_by": "4月"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and 'value="拨付情况？"' in page and 'value="4月"' in page
    assert f'<option value="{cast["pavel"].unit_id}" selected>县财政局</option>' in page
