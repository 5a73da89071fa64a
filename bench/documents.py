"""How long a bulletin and the city comparisons take with a whole province in the database,
as ratios to rendering a trivial page in the same run.

    .venv/bin/python bench/documents.py --data-dir var/bench      # builds the province first if needed
    createdb -h 127.0.0.1 -U postgres shishi_bench   # once, for PostgreSQL
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shishi_bench .venv/bin/python bench/documents.py

Each page is requested through Django's test client (no network), warmed once, then timed
ROUNDS times; the figures are medians and 95th percentiles, and the ratio of medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from province import setup_django  # noqa: E402

ROUNDS = 15


def measure(client, url: str, rounds: int = ROUNDS) -> tuple[float, float, int]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir", help="SHISHI_DATA_DIR for the SQLite database (ignored with DATABASE_URL)"
    )
    args = parser.parse_args()
    os.environ.setdefault("SHISHI_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    setup_django(args.data_dir)
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from province import build

    from shishi.directory.models import Person, Region
    from shishi.plans.models import Plan

    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code="99").exists():
        print("building the province…", build())
    county = Region.objects.filter(level=Region.Level.COUNTY, path__startswith="99/").order_by("code").first()
    city = county.parent
    plan = Plan.objects.filter(region=county).order_by("-year").first()
    coordinator, _ = Person.objects.get_or_create(
        username="bench-coordinator", defaults={"role": Person.Role.COORDINATOR, "region": county}
    )
    city_coordinator, _ = Person.objects.get_or_create(
        username="bench-city", defaults={"role": Person.Role.CITY_COORDINATOR, "region": city}
    )

    print(
        f"province: {Region.objects.filter(path__startswith='99/').count()} regions, "
        f"{Plan.objects.filter(region__path__startswith='99/').count()} plans"
    )
    pages = [
        ("trivial page (notices)", coordinator, reverse("notices")),
        ("bulletin preview (.docx)", coordinator, reverse("bulletins:preview", args=[plan.pk, 4])),
        (
            "city comparison by theme",
            city_coordinator,
            reverse("comparisons:themes", args=[city.pk, plan.year]),
        ),
        (
            "city comparison by indicator",
            city_coordinator,
            reverse("comparisons:indicators", args=[city.pk, plan.year]),
        ),
        ("one county across 10 years", city_coordinator, reverse("comparisons:years", args=[county.pk])),
    ]
    baseline = None
    for name, person, url in pages:
        client = Client()
        client.force_login(person)
        median, p95, size = measure(client, url)
        baseline = baseline or median
        print(
            f"{name:32s} median {median * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms  "
            f"{size / 1024:7.0f} KiB  ratio to trivial page {median / baseline:6.1f}×"
        )


if __name__ == "__main__":
    main()
