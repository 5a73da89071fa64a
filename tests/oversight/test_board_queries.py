"""The board is read in a fixed number of queries, whatever was reported and whoever was
reminded (bench/pages.py measures it at province scale)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shishi.directory.models import Unit
from shishi.reporting.reminders import remind


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_late_list_shows_who_reminded_each_unit_in_the_same_queries_for_one_as_for_all(client, cast, plan, q1):
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
    assert _queries(client, url) == own + 2
