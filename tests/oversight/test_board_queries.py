"""The board is read in a fixed number of queries, whatever was reported and whoever was
reminded (bench/pages.py measures it at province scale)."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shishi.directory.models import Unit
from shishi.oversight.board import build_board
from shishi.reporting.reminders import remind


def _queries(client, url) -> int:
    """The queries of the page as it is made, not as it comes from the cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_late_list_shows_who_reminded_each_unit_in_the_same_queries_for_one_as_for_all(
    client, cast, plan, q1
):
    cast["cora"].display_name = "崔主任"
    cast["cora"].save()
    client.force_login(cast["cora"])
    url = reverse("oversight:board", args=[plan.pk, 1])  # 2023's first quarter: every unit is late
    units = list(Unit.objects.filter(assignments__project__plan=plan).distinct())
    remind(units[0], q1, cast["cora"])
    one = _queries(client, url)
    for unit in units[1:]:
        remind(unit, q1, cast["cora"])
    page = client.get(url).content.decode()
    assert page.count("（崔主任）") == len(units)
    assert _queries(client, url) == one


def test_the_coordinator_of_the_plans_region_is_let_in_without_a_query(client, cast, plan):
    """Every page of a plan checks access; for the plan's own coordinator that costs no query."""
    client.force_login(cast["cora"])
    url = reverse("oversight:board", args=[plan.pk, 1])
    own = _queries(client, url)
    client.force_login(cast["cici"])  # the city coordinator reads it through the region tree
    assert _queries(client, url) <= own + 2  # their region, read once (the plan's came with it)


def test_the_board_is_built_in_four_queries(cast, plan, q1, django_assert_max_num_queries):
    """The projects, their targets, the assignments with their units, and the quarter's reports
    with their figures: one query each, however many there are."""
    for unit in Unit.objects.filter(assignments__project__plan=plan).distinct()[:3]:
        remind(unit, q1, cast["cora"])
    with django_assert_max_num_queries(4):
        board = build_board(plan, q1, datetime.date(2023, 4, 1))
        for project in board.projects:
            assert [t.seq for t in project.targets.all()] == sorted(t.seq for t in project.targets.all())
            assert all(target.project is project for target in project.targets.all())
            assert board.rows[project.pk].targets or not project.targets.all()


def test_a_project_without_targets_is_still_on_the_board(plan, q1):
    project = plan.projects.get(seq=2)
    project.targets.all().delete()
    board = build_board(plan, q1, datetime.date(2023, 4, 1))
    assert project.pk in [p.pk for p in board.projects] and board.rows[project.pk].targets == []
    assert [p.seq for p in board.projects] == sorted(p.seq for p in plan.projects.all())


def test_the_board_page_is_read_in_eleven_queries_when_units_are_late(
    client, cast, plan, django_assert_max_num_queries
):
    """The session and the person; the plan with its region; its quarters; the projects; their
    targets; the team; the quarter's reports with their figures; the late units' reminders; the
    open 督办 notices; the top bar's unread count."""
    client.force_login(cast["cora"])
    with django_assert_max_num_queries(11):
        client.get(reverse("oversight:board", args=[plan.pk, 1]))  # 2023: every unit is late


def test_a_board_seen_before_any_change_is_read_in_seven_queries(
    client, cast, plan, django_assert_max_num_queries
):
    """The session and the person; the plan with its region; its quarters; the late units'
    reminders; the open 督办 notices; the top bar's unread count: the rest comes from the cache."""
    client.force_login(cast["cora"])
    url = reverse("oversight:board", args=[plan.pk, 1])
    client.get(url)
    with django_assert_max_num_queries(7):
        assert client.get(url).status_code == 200
