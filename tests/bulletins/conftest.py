"""The quarter the bulletins report on: 桓台县's first quarter of 2023, long past due.

- Lena (县教育体育局, lead on project 1) submitted figures and Cora accepted them;
- Pavel (县财政局, partner on project 5) submitted, waiting for review;
- Hana (县卫生健康局, lead on projects 2 and 5) submitted and was returned, then began rewriting;
- Fay (县妇联, lead on projects 3, 4, 7, 9 and 10) has only a draft: late;
- every other unit has not started: late.
"""

from __future__ import annotations

import datetime

import pytest

from shishi.directory.models import Person, Unit
from shishi.reporting.services import accept_report, return_report, start_report
from tests.conftest import fill_report, person, submit_filled

TODAY = datetime.date(2023, 4, 20)  # ten days after Q1's reports were due
# Lena's cumulative figures for project 1 (goals 6所, 4所, 1所, ≥3800个).
LENA_FIGURES = {"新改扩建幼儿园": "3", "新改扩建中小学": "1", "新改扩建中职学校": "1", "拓展学位": "950"}


fill, file = fill_report, submit_filled  # the names these tests read best with


@pytest.fixture
def quarter(cast, plan, q1):
    region = plan.region
    hana = person("hana", Person.Role.REPORTER, region, Unit.objects.get(region=region, name="县卫生健康局"))
    fay = person("fay", Person.Role.REPORTER, region, Unit.objects.get(region=region, name="县妇联"))
    lena = file(
        start_report(cast["lena"].unit, q1), cast["lena"], "教体局一季度完成3所幼儿园主体工程。", LENA_FIGURES
    )
    lena = accept_report(lena, cast["cora"])
    pavel = file(start_report(cast["pavel"].unit, q1), cast["pavel"], "财政局一季度已拨付筛查资金。")
    hana_report = file(start_report(hana.unit, q1), hana, "卫健局被退回的第一稿。", {"免费筛查": "4000"})
    hana_report = return_report(hana_report, cast["cora"], "请补充筛查人数")
    fill(hana_report, hana, "卫健局退回后正在改写的草稿。", {"免费筛查": "4500"})
    fill(start_report(fay.unit, q1), fay, "妇联尚未报送的草稿。")
    return {
        "plan": plan,
        "period": q1,
        "today": TODAY,
        "lena": lena,
        "pavel": pavel,
        "hana": hana_report,
        "hana_person": hana,
        "fay": fay,
    }
