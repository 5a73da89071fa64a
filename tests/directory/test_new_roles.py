"""The congress's staff (Connie) and a deputy (Dave): the bulk filters say what the one-by-one
rules say, and each reads what the module's docstring promises — Connie as a leader of 桓台县
reads, Dave nothing of the government's internal pages."""

from __future__ import annotations

import pytest

from shishi.directory import access
from shishi.directory.models import Person
from shishi.plans.models import Plan
from shishi.reporting.models import QuarterlyReport
from shishi.reporting.rules import readable_reports
from shishi.reporting.services import start_report
from tests.conftest import submit_filled


@pytest.fixture
def reports(cast, plan):
    """Lena's Q1 submitted, her Q2 a draft."""
    q1, q2 = plan.periods.get(quarter=1), plan.periods.get(quarter=2)
    submitted = submit_filled(start_report(cast["lena"].unit, q1), cast["lena"], "一季度新开工幼儿园。")
    draft = start_report(cast["lena"].unit, q2)
    return submitted, draft


@pytest.mark.parametrize("who", ["connie", "dave", "leah"])
def test_the_bulk_filters_agree_with_the_rules(cast, plan, reports, who):
    someone = Person.objects.get(pk=cast[who].pk)
    assert set(Plan.objects.visible_to(someone)) == {
        p for p in Plan.objects.all() if access.can_view_plan(someone, p)
    }
    assert set(readable_reports(someone)) == {
        r for r in QuarterlyReport.objects.all() if access.can_read_report(someone, r)
    }


def test_the_congress_staff_read_as_a_leader_of_their_county_reads(cast, plan, reports):
    connie, leah = cast["connie"], cast["leah"]
    submitted, draft = reports
    for rule in (access.can_view_plan, access.can_read_bulletins, access.can_read_year_end):
        assert rule(connie, plan) == rule(leah, plan) is True
    assert access.can_read_report(connie, submitted) and not access.can_read_report(connie, draft)
    assert access.can_compare_years(connie, plan.region)
    assert not access.can_manage_plan(connie, plan) and not access.can_supervise(connie, plan)
    assert not access.may_manage_plans(connie) and not access.can_import_notices(connie)


def test_a_deputy_reads_none_of_the_plans_pages_and_manages_nothing(cast, plan, reports):
    dave = cast["dave"]
    submitted, _draft = reports
    assert not access.can_view_plan(dave, plan) and not access.can_read_report(dave, submitted)
    assert not access.can_read_bulletins(dave, plan) and not access.can_read_year_end(dave, plan)
    assert not access.can_compare_years(dave, plan.region) and not access.may_compare(dave)
    assert not access.can_run_votes(dave, plan.region) and not access.can_manage_selection(dave, plan.region)
    assert access.can_propose_as_deputy(dave, plan.region) and access.may_propose_as_deputy(dave)


def test_only_a_deputy_of_the_region_proposes_as_a_deputy(cast, world):
    assert not access.can_propose_as_deputy(cast["dave"], world["gaoqing"])
    for who in ("cora", "connie", "lena", "leah"):
        assert not access.can_propose_as_deputy(cast[who], world["huantai"])
        assert not access.may_propose_as_deputy(cast[who])
