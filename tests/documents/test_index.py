"""The forms index points each plan at the quarter being reported (`Plan.current_period`)."""

import datetime

import pytest
import time_machine
from django.urls import reverse


@pytest.mark.parametrize(
    "moment, quarter",
    [
        ("2023-04-05 10:00", 1),  # Q2 has begun but Q1's forms are the ones being filled (was Q2)
        ("2023-05-20 10:00", 2),
        ("2024-02-01 10:00", 4),
    ],
)
def test_each_plan_links_to_the_forms_of_the_quarter_being_reported(client, cast, plan, moment, quarter):
    client.force_login(cast["lena"])
    with time_machine.travel(datetime.datetime.fromisoformat(moment + "+08:00"), tick=False):
        page = client.get(reverse("documents:index")).content.decode()
    assert reverse("documents:forms", args=[plan.pk, quarter]) in page
