"""A candidate finds the plan's project it became by its draft item and its title, never by the
number alone: the preview (or a script) may renumber the draft, the office may edit the notice in
Word and upload it again. Where no sure match exists there is no link, and the office is told."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings

from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload, save_corrections
from shishi.selection import services
from shishi.selection.linking import Drafted, Made, link
from shishi.selection.models import Candidate, plan_links
from shishi.selection.notice_text import notice_text
from shishi.selection.services import CandidateCount

from .conftest import FULL

DAY = datetime.date(2024, 1, 15)


@pytest.fixture
def drafted(world, cora, session, candidates):
    """托育园 (40) and 幼儿园 (30) elected, 两癌筛查 (20) not; their draft notice."""
    figures = {candidates[0].pk: 40, candidates[1].pk: 20, candidates[2].pk: 30}
    services.enter_vote_counts(session, cora, FULL, {pk: CandidateCount(n) for pk, n in figures.items()})
    return services.draft_plan(world["huantai"], 2024, cora, DAY)


def confirm(notice_file, cora):
    return confirm_plan(notice_file, cora, {name: "new" for name in draft_unit_names(notice_file.draft)})


def project_of(candidate):
    return Candidate.objects.get(pk=candidate.pk).project


def test_each_draft_item_names_its_candidate(drafted, candidates):
    assert [item["candidate"] for item in drafted.draft["projects"]] == [candidates[0].pk, candidates[2].pk]


def test_it_links_each_project_to_its_candidate_after_the_draft_is_renumbered(drafted, cora, candidates):
    draft = drafted.draft
    first, second = draft["projects"]
    first["seq"], second["seq"] = 2, 1  # the office puts 幼儿园 first
    draft["projects"] = [second, first]
    save_corrections(drafted, draft)
    plan = confirm(drafted, cora)
    titles = [(p.seq, p.title) for p in plan.projects.order_by("seq")]
    assert titles == [(1, "新改扩建幼儿园"), (2, "新建普惠托育园")]
    assert (project_of(candidates[0]).seq, project_of(candidates[2]).seq) == (2, 1)
    assert project_of(candidates[1]) is None  # not elected
    assert plan_links(plan).warnings == []


def test_it_keeps_the_link_of_a_project_the_preview_renamed(drafted, cora, candidates):
    draft = drafted.draft
    draft["projects"][0]["title"] = "城区公办托育服务中心建设工程"  # nothing like the candidate's title
    save_corrections(drafted, draft)
    plan = confirm(drafted, cora)
    assert project_of(candidates[0]) == plan.projects.get(title="城区公办托育服务中心建设工程")


def test_it_links_an_edited_copy_of_the_draft_uploaded_again(world, drafted, cora, candidates):
    """The office edits the draft in Word (幼儿园 first, a word changed) and uploads that instead."""
    elected = list(
        Candidate.objects.filter(pk__in=[candidates[2].pk, candidates[0].pk]).prefetch_related(
            "unit_places__unit"
        )
    )
    elected.sort(key=lambda c: c.ballot_order, reverse=True)
    elected[1].title = "新建普惠性托育园"  # edited, not saved: only the uploaded text says so
    text = notice_text(world["huantai"].name, 2024, elected, DAY, settings.SHISHI_DUE_DAYS)
    edited = read_notice_upload(world["huantai"], cora, text.encode(), "2024年实事通知（修改稿）.txt")
    plan = confirm(edited, cora)
    assert [p.title for p in plan.projects.order_by("seq")] == ["新改扩建幼儿园", "新建普惠性托育园"]
    assert project_of(candidates[0]) == plan.projects.get(seq=2)
    assert project_of(candidates[2]) == plan.projects.get(seq=1)


def test_a_project_like_no_candidate_gets_no_link_and_a_warning(drafted, cora, candidates):
    draft = drafted.draft
    draft["projects"][0]["seq"], draft["projects"][1]["seq"] = 2, 1
    draft["projects"][0]["title"] = "农村公路提档升级"  # and the item no longer says where it came from
    del draft["projects"][0]["candidate"]
    save_corrections(drafted, draft)
    plan = confirm(drafted, cora)
    assert project_of(candidates[0]) is None  # rather than the project now numbered 1
    assert project_of(candidates[2]) == plan.projects.get(title="新改扩建幼儿园")
    assert plan_links(plan).warnings == [
        "第2项“农村公路提档升级”没有对应的票决当选项目，公开页面不显示它的来源。",
        "票决当选的“新建普惠托育园”未能对应到计划中的项目，公开页面不显示它的来源。",
    ]


def test_a_plan_not_from_a_vote_has_no_links(plan):
    assert plan_links(plan).project_of == {} and plan_links(plan).warnings == []


def test_a_plan_without_a_notice_file_takes_no_candidate_never_drafted(world, candidates):
    from shishi.plans.models import Plan, Project

    bare = Plan.objects.create(region=world["huantai"], year=2024, title="手工录入的计划")
    Project.objects.create(plan=bare, seq=1, title="新建普惠托育园")
    assert plan_links(bare).project_of == {}


LINKS = [
    pytest.param(
        [Made(10, 1, "新建普惠托育园"), Made(11, 2, "新改扩建幼儿园")],
        [Drafted(1, "新改扩建幼儿园", 1, "新改扩建幼儿园"), Drafted(2, "新建普惠托育园", 2, "新建普惠托育")],
        False,
        {1: 11, 2: 10},
        id="renumbered-by-title",
    ),
    pytest.param(
        [Made(10, 1, "公办托育中心")],
        [Drafted(1, "新建普惠托育园", 1, "公办托育中心")],
        True,
        {1: 10},
        id="renamed-in-the-preview",
    ),
    pytest.param(
        [Made(10, 1, "新建托育园（东区）"), Made(11, 2, "新建托育园（西区）")],
        [Drafted(1, "新建托育园")],
        False,
        {},
        id="two-equally-alike-link-neither",
    ),
    pytest.param(
        [Made(10, 1, "农村公路提档升级")],
        [Drafted(1, "新建普惠托育园", 1, "新建普惠托育园")],
        True,
        {},
        id="same-number-other-project",
    ),
    pytest.param(
        [Made(10, 1, "新建“普惠”托育园 ")],
        [Drafted(1, "新建普惠托育园")],
        False,
        {1: 10},
        id="punctuation-aside",
    ),
]


@pytest.mark.parametrize(("projects", "candidates", "same_notice", "expected"), LINKS)
def test_the_link_rule(projects, candidates, same_notice, expected):
    assert link(projects, candidates, same_notice).project_of == expected


def test_two_equally_alike_projects_are_named_in_a_warning():
    projects = [Made(10, 1, "新建托育园（东区）"), Made(11, 2, "新建托育园（西区）")]
    found = link(projects, [Drafted(1, "新建托育园")], False)
    assert found.warnings[0] == (
        "第1项“新建托育园（东区）”与不止一个票决当选项目同样相近，未对应来源，请核对项目名称。"
    )


def test_drafting_again_the_same_day_keeps_the_offices_corrections(world, drafted, cora, candidates):
    draft = drafted.draft
    draft["projects"][0]["title"] = "城区公办托育服务中心建设工程"
    draft["projects"][0]["units"] = ["县卫生健康局"]
    save_corrections(drafted, draft)
    again = services.draft_plan(world["huantai"], 2024, cora, DAY)  # a second click on 生成计划草稿
    assert again.pk == drafted.pk
    assert again.draft["projects"][0]["title"] == "城区公办托育服务中心建设工程"
    assert again.draft["projects"][0]["units"] == ["县卫生健康局"]


def test_drafting_again_after_the_plan_is_made_leaves_the_plan_and_its_notice_alone(
    world, drafted, cora, candidates
):
    plan = confirm(drafted, cora)
    before = Candidate.objects.get(pk=candidates[0].pk).notice_seq
    draft_before = type(drafted).objects.get(pk=drafted.pk).draft
    again = services.draft_plan(world["huantai"], 2024, cora, DAY)
    assert again.pk == drafted.pk and again.plan == plan
    assert type(drafted).objects.get(pk=drafted.pk).draft == draft_before
    assert Candidate.objects.get(pk=candidates[0].pk).notice_seq == before
    assert project_of(candidates[0]) == plan.projects.get(title="新建普惠托育园")
