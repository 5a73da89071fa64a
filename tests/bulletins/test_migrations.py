"""One number per quarter (migration 0002): a database where a quarter was issued twice, as 第1期
and 第2期, migrates; the later issue of the quarter becomes its correction and keeps its number."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("bulletins", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_a_quarter_issued_twice_before_the_rule_migrates_as_an_issue_and_its_correction():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    # every other app as it is now, bulletins as they were
    old = executor.loader.project_state([n for n in latest if n[0] != "bulletins"] + BEFORE).apps
    region = old.get_model("directory", "Region").objects.create(
        name="桓台县", code="370321", level="county", path="370321"
    )
    plan = old.get_model("plans", "Plan").objects.create(
        region=region, year=2023, title="实事", changed_at=timezone.now()
    )
    Period = old.get_model("plans", "Period")
    q1, q2 = (
        Period.objects.create(
            plan=plan,
            quarter=quarter,
            starts_on=datetime.date(2023, 3 * quarter - 2, 1),
            ends_on=datetime.date(2023, 3 * quarter, 28),
            due_on=datetime.date(2023, 3 * quarter + 1, 10),
        )
        for quarter in (1, 2)
    )
    person = old.get_model("directory", "Person").objects.create(username="cora")
    Bulletin = old.get_model("bulletins", "Bulletin")
    for number, period in ((1, q1), (2, q1), (3, q2)):
        Bulletin.objects.create(
            plan=plan,
            period=period,
            number=number,
            title="通报",
            issued_by=person,
            issued_at=timezone.now(),
            snapshot={},
            file=f"bulletins/{number}.docx",
            filename=f"{number}.docx",
            sha256="0" * 64,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    rows = new.get_model("bulletins", "Bulletin").objects.order_by("number")
    assert [(b.number, b.period.quarter, b.correction, bool(b.reason)) for b in rows] == [
        (1, 1, 0, False),
        (2, 1, 1, True),
        (3, 2, 0, False),
    ]
