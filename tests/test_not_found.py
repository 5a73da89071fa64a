"""Ids that name nothing, or name something of another plan, get the 404 page on the pages read
most (board, project page, comparisons, public page): a plan, a quarter, a project, a region."""

import pytest
from django.urls import reverse

from tests.comparisons.conftest import import_sample

MISSING = 987_654


@pytest.fixture
def other_plan(world, cast):
    return import_sample(world["gaoqing"], cast["otto"], "gaoqing-2021.txt")


@pytest.mark.parametrize(
    "who, view, args",
    [
        ("cora", "oversight:board", lambda plan, other, world: [MISSING, 1]),
        ("cora", "oversight:board", lambda plan, other, world: [plan.pk, 9]),
        ("cora", "oversight:project", lambda plan, other, world: [MISSING, plan.projects.get(seq=1).pk]),
        ("cora", "oversight:project", lambda plan, other, world: [plan.pk, MISSING]),
        (
            "cora",
            "oversight:project",
            lambda plan, other, world: [plan.pk, other.projects.get(seq=1).pk],
        ),  # another plan's
        ("cici", "comparisons:themes", lambda plan, other, world: [MISSING, 2023]),
        ("cici", "comparisons:indicators", lambda plan, other, world: [MISSING, 2023]),
        ("cici", "comparisons:years", lambda plan, other, world: [MISSING]),
        (None, "public:plan", lambda plan, other, world: [MISSING]),
    ],
)
def test_an_id_that_names_nothing_here_is_not_found(client, cast, world, plan, other_plan, who, view, args):
    if who:
        client.force_login(cast[who])
    response = client.get(reverse(view, args=args(plan, other_plan, world)))
    assert response.status_code == 404
