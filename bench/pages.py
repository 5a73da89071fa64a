"""Queries and time of the pages people open most, with a whole province in the database.

Each page's number of queries, and its time as a ratio to a trivial logged-in page timed in
the same run.

    .venv/bin/python bench/pages.py                          # SQLite under var/bench, then PostgreSQL
    .venv/bin/python bench/pages.py --database sqlite        # only one of them
    createdb -h 127.0.0.1 -U postgres shishi_bench           # once, for PostgreSQL

The province (bench/province.py) and a small world of the same shape (1 city, 2 counties,
2 years, 4 projects per plan, 2 units per project) are built in the same database the first
time. The goals (issue 11), judged for each page and printed in the last column:
- queries: the same number in the province as in the small world (they do not grow with the data);
- growth: its median in the province at most 1.5× its median in the small world (nor does its time);
- speed: its median in the province at most 8× the trivial page's;
- the cached public page (cache warm) at most 1× the trivial page.

The trivial page is the in-app notices page (/notices/): it renders the full layout (top bar,
unread count) for a logged-in person and reads only the person's notices, none here, so it is
the cost every logged-in page pays (session, person, template) and nothing more.

Every page is requested through Django's test client (no network), warmed once, then the pages
are timed in turns, in the province and in the small world, ROUNDS times, in a shuffled order
each round, so that a busy moment on the machine falls on all of them alike. The pages kept in
the cache under their plan's last change (the board, a project's page, the public page) are timed
twice: right after a change (the plan's `changed_at` moved on before each request: what the first
visitor after a change waits) and as a second visitor finds them (requested once, untimed, just
before each timed request).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from province import setup_django  # noqa: E402

ROUNDS = 30
GROWTH_GOAL = 1.5  # province median / small-world median
TRIVIAL_GOAL = 8.0  # province median / the trivial page's
CACHED_GOAL = 1.0  # the cached public page / the trivial page's
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/shishi_bench"
SMALL_WORLD = dict(
    code="98",
    name="小省",
    city_count=1,
    counties_per_city=(2, 2),
    years=range(2024, 2026),
    projects_per_plan=4,
    units_per_project=2,
)


@dataclass
class Page:
    name: str
    who: str
    url: str  # in the province
    small_url: str  # the same page in the small world
    person: object  # None: anonymous
    small_person: object
    cold: bool = False  # the plan changed before each request (Plan.touch): made anew, not from the cache
    plan_ids: tuple[int, int] = (0, 0)  # the plan shown, in the province and in the small world
    cached: bool = False  # judged against CACHED_GOAL instead of TRIVIAL_GOAL


@dataclass
class Figures:
    queries: int
    small_queries: int
    median: float  # in the province
    p95: float
    small_median: float
    size: int


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--data-dir", default="var/bench", help="SHISHI_DATA_DIR for the SQLite database")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", POSTGRES_URL))
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument(
        "--only",
        default="",
        help="only the pages whose name contains one of these words (comma-separated), with the trivial page",
    )
    args = parser.parse_args()
    if args.database == "both":
        # Django settles on one database per process: one child process each.
        for database in ("sqlite", "postgres"):
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--database",
                    database,
                    "--data-dir",
                    args.data_dir,
                    "--postgres-url",
                    args.postgres_url,
                    "--rounds",
                    str(args.rounds),
                    "--only",
                    args.only,
                ],
                check=True,
            )
            print()
        return
    if args.database == "postgres":
        os.environ["DATABASE_URL"] = args.postgres_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("SHISHI_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    setup_django(args.data_dir)
    run(args.database, args.rounds, [word for word in args.only.split(",") if word])


def run(database: str, rounds: int, only: list[str]) -> None:
    from django.core.management import call_command
    from django.db import connection
    from province import build

    from shishi.directory.models import Region
    from shishi.plans.models import Plan
    from shishi.reporting.models import ReportLine

    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code="99").exists():
        print("building the province…", build(), flush=True)
    if not Region.objects.filter(code=SMALL_WORLD["code"]).exists():
        print("building the small world…", build(**SMALL_WORLD), flush=True)
    pages = _pages()
    if only:
        pages = pages[:1] + [page for page in pages[1:] if any(word in page.name for word in only)]
    where = connection.settings_dict["NAME"]
    print(
        f"{database} ({where}): province "
        f"{Region.objects.filter(path__startswith='99/', level='county').count()} counties, "
        f"{Plan.objects.filter(region__path__startswith='99/').count():,} plans, "
        f"{ReportLine.objects.filter(project__plan__region__path__startswith='99/').count():,} report lines; "
        f"small world {Region.objects.filter(path__startswith='98/', level='county').count()} counties, "
        f"{Plan.objects.filter(region__path__startswith='98/').count()} plans; "
        f"{rounds} rounds; load average before {_load()}",
        flush=True,
    )
    figures = measure(pages, rounds)
    _print_table(pages, figures)
    print(f"load average after {_load()}")


def _pages() -> list[Page]:
    """The pages and who opens them, in the province and in the small world."""
    from django.urls import reverse

    province, small = _world("99"), _world(SMALL_WORLD["code"])
    pages = [("trivial page (notices)", "county coordinator", lambda w: reverse("notices"), "coordinator")]
    pages += [
        (
            "board (oversight), Q4",
            "county coordinator",
            lambda w: reverse("oversight:board", args=[w["plan"].pk, 4]),
            "coordinator",
        ),
        (
            "project page (ledger)",
            "county coordinator",
            lambda w: reverse("oversight:project", args=[w["plan"].pk, w["project"].pk]),
            "coordinator",
        ),
        (
            "city comparison by theme",
            "city coordinator",
            lambda w: reverse("comparisons:themes", args=[w["city"].pk, w["plan"].year]),
            "city_coordinator",
        ),
        (
            "city comparison by indicator",
            "city coordinator",
            lambda w: reverse("comparisons:indicators", args=[w["city"].pk, w["plan"].year]),
            "city_coordinator",
        ),
        (
            "one county across the years",
            "city coordinator",
            lambda w: reverse("comparisons:years", args=[w["county"].pk]),
            "city_coordinator",
        ),
        ("comparisons index", "city coordinator", lambda w: reverse("comparisons:index"), "city_coordinator"),
    ]
    plans = (province["plan"].pk, small["plan"].pk)
    out = [
        Page(name, who, url(province), url(small), province[role], small[role], plan_ids=plans)
        for name, who, url, role in pages
    ]
    for name, who, url, role in pages[1:3]:  # the board and the project page, made anew after a change
        out.append(
            Page(
                f"{name}, after a change",
                who,
                url(province),
                url(small),
                province[role],
                small[role],
                cold=True,
                plan_ids=plans,
            )
        )
    public = lambda w: reverse("public:plan", args=[w["plan"].pk])  # noqa: E731
    out.append(
        Page(
            "public plan page, cache cold",
            "anonymous",
            public(province),
            public(small),
            None,
            None,
            cold=True,
            plan_ids=plans,
        )
    )
    out.append(
        Page(
            "public plan page, cache warm",
            "anonymous",
            public(province),
            public(small),
            None,
            None,
            cached=True,
            plan_ids=plans,
        )
    )
    out.append(
        Page(
            "public index (latest year)",
            "anonymous",
            reverse("public:index"),
            reverse("public:index"),
            None,
            None,
        )
    )
    return out


def _world(code: str) -> dict:
    """A county of the world (its first), its city, its latest plan and a project, and the people."""
    from shishi.directory.models import Person, Region
    from shishi.plans.models import Plan

    county = (
        Region.objects.filter(level=Region.Level.COUNTY, path__startswith=f"{code}/").order_by("code").first()
    )
    city = county.parent
    plan = Plan.objects.filter(region=county).order_by("-year").first()
    project = plan.projects.order_by("seq")[1]
    suffix = "" if code == "99" else f"-{code}"  # bench/documents.py made the province's people already
    coordinator, _ = Person.objects.get_or_create(
        username=f"bench-coordinator{suffix}", defaults={"role": Person.Role.COORDINATOR, "region": county}
    )
    city_coordinator, _ = Person.objects.get_or_create(
        username=f"bench-city{suffix}", defaults={"role": Person.Role.CITY_COORDINATOR, "region": city}
    )
    return {
        "county": county,
        "city": city,
        "plan": plan,
        "project": project,
        "coordinator": coordinator,
        "city_coordinator": city_coordinator,
    }


def measure(pages: list[Page], rounds: int) -> list[Figures]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from shishi.plans.models import Plan

    def client_for(person) -> Client:
        client = Client()
        if person is not None:
            client.force_login(person)
        return client

    def ready(client, url, cold, plan_id) -> None:
        """A cold page's plan is marked changed, so that the request makes the page anew; any other
        page is requested once, so that the request finds it as a second visitor does."""
        if cold:
            Plan.touch(Plan.objects.filter(pk=plan_id))
        else:
            get(client, url)

    def get(client, url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def count(client, url, cold, plan_id) -> int:
        get(client, url)  # warm: templates compiled, session read once
        ready(client, url, cold, plan_id)
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        return len(queries)

    clients = [client_for(page.person) for page in pages]
    small_clients = [client_for(page.small_person) for page in pages]
    queries = [count(client, page.url, page.cold, page.plan_ids[0]) for page, client in zip(pages, clients)]
    small_queries = [
        count(client, page.small_url, page.cold, page.plan_ids[1])
        for page, client in zip(pages, small_clients)
    ]
    sizes = [len(get(client, page.url).content) for page, client in zip(pages, clients)]
    # Every page in both worlds, timed in one shuffled order per round.
    requests = [(i, world) for i in range(len(pages)) for world in ("province", "small")]
    timings: dict[tuple[int, str], list[float]] = {request: [] for request in requests}
    shuffle = random.Random(1).shuffle
    for _ in range(rounds):
        shuffle(requests)
        for i, world in requests:
            page = pages[i]
            in_province = world == "province"
            client, url = (clients[i], page.url) if in_province else (small_clients[i], page.small_url)
            ready(client, url, page.cold, page.plan_ids[0 if in_province else 1])
            start = time.perf_counter()
            response = client.get(url)
            timings[(i, world)].append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
    out = []
    for i in range(len(pages)):
        series = sorted(timings[(i, "province")])
        out.append(
            Figures(
                queries[i],
                small_queries[i],
                statistics.median(series),
                series[round(0.95 * (len(series) - 1))],
                statistics.median(timings[(i, "small")]),
                sizes[i],
            )
        )
    return out


def verdict(page: Page, f: Figures, trivial: Figures) -> str:
    """ "ok", or each goal the page misses."""
    growth, ratio = f.median / f.small_median, f.median / trivial.median
    goal = CACHED_GOAL if page.cached else TRIVIAL_GOAL
    missed = [
        words
        for words, bad in (
            (f"queries {f.small_queries} → {f.queries}", f.queries != f.small_queries),
            (f"grows {growth:.2f}× > {GROWTH_GOAL:g}×", growth > GROWTH_GOAL),
            (f"{ratio:.2f}× trivial > {goal:g}×", ratio > goal),
        )
        if bad
    ]
    return ", ".join(missed) or "ok"


def _print_table(pages: list[Page], figures: list[Figures]) -> None:
    trivial = figures[0]
    print(
        f"goals: the same queries in both worlds; province median ≤ {GROWTH_GOAL:g}× small world; "
        f"≤ {TRIVIAL_GOAL:g}× the trivial page (cached public page ≤ {CACHED_GOAL:g}×)"
    )
    print(
        f"{'page':38s} {'who':20s} {'queries':>15s} {'median ms':>17s} {'province':>9s} {'ratio to':>9s} "
        f"{'p95':>7s} {'size':>6s}  goal"
    )
    print(
        f"{'':38s} {'':20s} {'small  province':>15s} {'small  province':>17s} {'/ small':>9s} "
        f"{'trivial':>9s} {'ms':>7s} {'KiB':>6s}"
    )
    missed = 0
    for page, f in zip(pages, figures):
        judged = verdict(page, f, trivial)
        missed += judged != "ok"
        print(
            f"{page.name:38s} {page.who:20s} {f.small_queries:5d} {f.queries:9d} "
            f"{f.small_median * 1000:7.1f} {f.median * 1000:9.1f} {f.median / f.small_median:8.2f}× "
            f"{f.median / trivial.median:8.2f}× {f.p95 * 1000:7.1f} {f.size / 1024:6.0f}  {judged}"
        )
    print("every goal met" if not missed else f"{missed} page(s) miss a goal")


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
