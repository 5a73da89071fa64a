"""Odd numbers in every selection URL and number field never break a page: ², ٣, -1, a bigint
and past it, 5,000 digits. Each answers with a page (404, 403, 400 or the page), never a 500."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.urls import URLResolver, get_resolver

ODD = ["²", "፩", "٣", "9" * 5000, "-1", "0", str(2**31), str(2**63 - 1), str(2**63), "9" * 20]
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def selection_routes() -> list[str]:
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "selection":
            return [str(pattern.pattern) + str(inner.pattern) for inner in pattern.url_patterns]
    return []


def paths(route: str, good: dict[str, str]) -> list[str]:
    """The route with each numeric argument odd in turn, the others good."""
    names = [m["name"] for m in PARAMETER.finditer(route) if m["converter"] in ("id", "year")]
    made = []
    for odd_name in names:
        for odd in ODD:
            values = {**good, odd_name: odd}
            made.append("/" + PARAMETER.sub(lambda m, values=values: values[m["name"]], route))
    return made


@pytest.mark.parametrize("who", ["cora", "leah", None])
def test_odd_numbers_never_break_a_selection_page(client, cast, who, world, session, plan):
    if who:
        client.force_login(cast[who])
    good = {
        "region": str(world["huantai"].pk),
        "year": "2024",
        "pk": str(session.pk),
        "plan": str(plan.pk),
        "kind": "vote",
    }
    sent = 0
    for route in selection_routes():
        for path in paths(route, good):
            for method in ("get", "post"):
                with transaction.atomic():
                    response = getattr(client, method)(path)
                    transaction.set_rollback(True)
                assert response.status_code < 500, (
                    f"{method.upper()} {path[:100]} answered {response.status_code}"
                )
                sent += 1
    assert sent > 300


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/selection/receipt/", "code"),
        ("/selection/{region}/2024/proposals/", "page"),
        ("/selection/{region}/2024/candidates/new/", "from"),
    ],
)
def test_odd_values_in_fields_never_break_a_selection_page(client, cast, world, url, field):
    client.force_login(cast["cora"])
    for odd in ODD:
        response = client.get(url.format(region=world["huantai"].pk), {field: odd})
        assert response.status_code < 500, f"{field}={odd[:20]} answered {response.status_code}"


def test_odd_counts_are_refused_with_a_message(client, cast, session):
    client.force_login(cast["cora"])
    for odd in ODD:
        data = {"issued": odd, "returned": "50", "not_returned": "0", "valid": "48", "invalid": "2"}
        response = client.post(f"/selection/votes/{session.pk}/count/", data)
        assert response.status_code == 400, odd[:20]
