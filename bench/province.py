"""A whole province of data for the benchmarks: 16 cities, about 150 counties, 10 years,
10 projects per plan, 3 units per project, every quarter reported and accepted
(about 200,000 report lines).

    .venv/bin/python bench/province.py --data-dir var/bench            # SQLite under var/bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shishi_bench .venv/bin/python bench/province.py

It writes with bulk inserts straight into the tables (the import and reporting services are
measured elsewhere; here only the volume matters) and prints what it made.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CITIES = 16
COUNTIES_PER_CITY = (8, 11)  # about 150 in all
YEARS = range(2016, 2026)
PROJECTS_PER_PLAN = 10
UNITS_PER_PROJECT = 3
UNIT_NAMES = [
    "教育和体育局",
    "卫生健康局",
    "妇联",
    "民政局",
    "人力资源社会保障局",
    "财政局",
    "总工会",
    "团委",
    "文化和旅游局",
    "科协",
    "残联",
    "司法局",
    "公安局",
    "检察院",
    "住房城乡建设局",
]
PROJECTS = [
    ("实施优质教育资源扩容提质行动", "education", [("新改扩建幼儿园", "所", 6), ("拓展学位", "个", 3800)]),
    ("实施普惠托育服务多元供给行动", "childcare", [("新增托位", "个", 500), ("建设妈妈小屋", "处", 2)]),
    (
        "实施儿童友好城市建设行动",
        "child_friendly_city",
        [("建成儿童友好社区", "个", 3), ("建成儿童友好基地", "处", 10)],
    ),
    (
        "实施“心希望”健康服务行动",
        "mental_health",
        [("开展心理健康讲座", "场", 20), ("个案咨询", "人次", 300)],
    ),
    (
        "实施适龄妇女“两癌”免费筛查和救助行动",
        "cancer_screening",
        [("免费筛查", "人", 18000), ("救助患病妇女", "人", 50)],
    ),
    ("实施巾帼创业就业强基赋能行动", "employment", [("举办招聘会", "场", 20), ("家政培训", "人次", 1000)]),
    ("实施家家幸福安康文明创建行动", "family", [("寻找最美家庭", "户", 60), ("家庭教育巡讲", "场", 100)]),
    (
        "实施“文润童心”文化素养提升行动",
        "culture",
        [("打造儿童阅读空间", "处", 2), ("少儿阅读推广活动", "场", 9)],
    ),
    (
        "实施妇女儿童关爱品质提升行动",
        "children_in_difficulty",
        [("建设希望小屋", "间", 10), ("走访慰问困境儿童", "人", 200)],
    ),
    ("实施妇幼健康全生命周期管理行动", "health", [("体质监测", "人", 200), ("健康科普讲座", "场", 5)]),
]


def setup_django(data_dir: str | None) -> None:
    os.environ.setdefault("SHISHI_SECRET_KEY", "bench-only")
    os.environ.setdefault("SHISHI_EMAIL_URL", "none")
    os.environ.setdefault("SHISHI_HTTPS", "0")  # requests come from the test client over plain HTTP
    if data_dir:
        os.environ["SHISHI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shishi.settings")
    import django

    django.setup()


def build(
    seed: int = 1,
    *,
    code: str = "99",
    name: str = "演示省",
    city_count: int = CITIES,
    counties_per_city: tuple[int, int] = COUNTIES_PER_CITY,
    years: range = YEARS,
    projects_per_plan: int = PROJECTS_PER_PLAN,
    units_per_project: int = UNITS_PER_PROJECT,
) -> dict[str, int]:
    """A province under region `code`; the defaults make the whole one, smaller figures a small world
    of the same shape (bench/pages.py compares the two)."""
    from django.db import transaction
    from django.utils import timezone

    from shishi.directory.models import Person, Region, Unit
    from shishi.plans.models import Assignment, Period, Plan, Project, Target
    from shishi.reporting.models import QuarterlyReport, ReportLine, ReportVersion, TargetValue

    rng = random.Random(seed)
    now = timezone.now()
    clerk, _ = Person.objects.get_or_create(username="bench-clerk", defaults={"role": Person.Role.REPORTER})
    with transaction.atomic():
        province = Region.objects.create(name=name, code=code, level=Region.Level.PROVINCE)
        cities = [
            Region(
                name=f"{name}第{c}市" if code != "99" else f"第{c}市",
                code=f"{code}{c:02d}",
                level=Region.Level.CITY,
                parent=province,
                path=f"{code}/{code}{c:02d}",
            )
            for c in range(1, city_count + 1)
        ]
        Region.objects.bulk_create(cities)
        counties = []
        for city in cities:
            for n in range(1, rng.randint(*counties_per_city) + 1):
                code = f"{city.code}{n:02d}"
                counties.append(
                    Region(
                        name=f"{city.name}第{n}县",
                        code=code,
                        level=Region.Level.COUNTY,
                        parent=city,
                        path=f"{city.path}/{code}",
                    )
                )
        Region.objects.bulk_create(counties, batch_size=500)
        units = [Unit(region=county, name=f"县{name}") for county in counties for name in UNIT_NAMES]
        Unit.objects.bulk_create(units, batch_size=2000)
    units_by_region: dict[int, list] = {}
    for unit in Unit.objects.filter(region__in=counties):
        units_by_region.setdefault(unit.region_id, []).append(unit)

    counts = dict.fromkeys(
        ("regions", "plans", "projects", "targets", "reports", "report_lines", "values", "versions"), 0
    )
    counts["regions"] = len(counties)
    for county in counties:
        with transaction.atomic():
            plans = Plan.objects.bulk_create(
                [
                    Plan(
                        region=county,
                        year=year,
                        title=f"关于{year}年为全县妇女儿童办实事的通知",
                        published=True,
                    )
                    for year in years
                ]
            )
            periods = Period.objects.bulk_create(
                [
                    Period(plan=plan, quarter=q, starts_on=s, ends_on=e, due_on=d)
                    for plan in plans
                    for q in range(1, 5)
                    for s, e, d in [Period.bounds(plan.year, q, 10)]
                ]
            )
            projects = Project.objects.bulk_create(
                [
                    Project(plan=plan, seq=n, title=title, theme=theme, body=title)
                    for plan in plans
                    for n, (title, theme, _) in enumerate(PROJECTS[:projects_per_plan], 1)
                ]
            )
            targets = Target.objects.bulk_create(
                [
                    Target(
                        project=project,
                        seq=k,
                        indicator=indicator,
                        op=">=",
                        value=Decimal(goal),
                        unit_of_measure=unit,
                    )
                    for project in projects
                    for k, (indicator, unit, goal) in enumerate(PROJECTS[project.seq - 1][2], 1)
                ]
            )
            assignments = []
            for project in projects:
                team = rng.sample(units_by_region[county.pk], units_per_project)
                assignments += [
                    Assignment(project=project, unit=u, order=i, role="lead" if i == 0 else "partner")
                    for i, u in enumerate(team)
                ]
            Assignment.objects.bulk_create(assignments)
            counts["plans"] += len(plans)
            counts["projects"] += len(projects)
            counts["targets"] += len(targets)
            _reports(
                plans,
                periods,
                projects,
                targets,
                assignments,
                clerk,
                now,
                rng,
                counts,
                QuarterlyReport,
                ReportLine,
                TargetValue,
                ReportVersion,
            )
    _analyze()
    return counts


def _analyze() -> None:
    """PostgreSQL plans queries from table statistics, which autovacuum refreshes a while after
    a bulk load; until then it takes the tables for small and scans them. Refresh them now, as
    autovacuum would have on a server running for a day."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _reports(
    plans,
    periods,
    projects,
    targets,
    assignments,
    clerk,
    now,
    rng,
    counts,
    QuarterlyReport,
    ReportLine,
    TargetValue,
    ReportVersion,
):
    """Every unit reports every quarter, and the report is accepted: one submitted version each,
    frozen as reporting.services.content_of would (the project page reads lines from versions)."""
    projects_of_unit: dict[tuple[int, int], list] = {}
    project_by_id = {p.pk: p for p in projects}
    for a in assignments:
        projects_of_unit.setdefault((project_by_id[a.project_id].plan_id, a.unit_id), []).append(
            project_by_id[a.project_id]
        )
    targets_of_project: dict[int, list] = {}
    for t in targets:
        targets_of_project.setdefault(t.project_id, []).append(t)
    reports = []
    for period in periods:
        for (plan_id, unit_id), _ in projects_of_unit.items():
            if plan_id == period.plan_id:
                reports.append(
                    QuarterlyReport(
                        unit_id=unit_id,
                        period=period,
                        state="accepted",
                        submitted_at=now,
                        first_submitted_at=now,
                        stamped_pdf_name="bench.pdf",
                    )
                )
    QuarterlyReport.objects.bulk_create(reports, batch_size=2000)
    lines = []
    for report in reports:
        for project in projects_of_unit[(report.period.plan_id, report.unit_id)]:
            lines.append(
                ReportLine(report=report, project=project, measures="按计划推进。", assessment="on_schedule")
            )
    ReportLine.objects.bulk_create(lines, batch_size=4000)
    values = [
        TargetValue(
            line=line,
            target=t,
            value=(t.value * line.report.period.quarter / 4 * Decimal(rng.uniform(0.6, 1.1))).quantize(
                Decimal("1")
            ),
        )
        for line in lines
        for t in targets_of_project[line.project_id]
    ]
    TargetValue.objects.bulk_create(values, batch_size=5000)
    values_of_line: dict[int, list] = {}
    for value in values:
        values_of_line.setdefault(id(value.line), []).append(value)
    frozen: dict[int, list] = {}
    for line in lines:
        frozen.setdefault(id(line.report), []).append(
            {
                "project_id": line.project_id,
                "seq": line.project.seq,
                "title": line.project.title,
                "measures": line.measures,
                "deadline": line.deadline,
                "assessment": line.assessment,
                "values": [
                    {
                        "target_id": v.target_id,
                        "indicator": v.target.indicator,
                        "unit": v.target.unit_of_measure,
                        "value": format(v.value.normalize(), "f"),
                    }
                    for v in values_of_line.get(id(line), [])
                ],
            }
        )
    versions = [
        ReportVersion(
            report=report,
            number=1,
            content={"lines": frozen.get(id(report), [])},
            stamped_pdf="bench.pdf",
            stamped_pdf_name="bench.pdf",
            stamped_pdf_sha256="0" * 64,
            submitted_at=now,
            submitted_by=clerk,
            outcome="accepted",
            reviewed_at=now,
        )
        for report in reports
    ]
    ReportVersion.objects.bulk_create(versions, batch_size=2000)
    counts["reports"] += len(reports)
    counts["versions"] += len(versions)
    counts["report_lines"] += len(lines)
    counts["values"] += len(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir", help="SHISHI_DATA_DIR for the SQLite database (ignored with DATABASE_URL)"
    )
    args = parser.parse_args()
    setup_django(args.data_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    counts = build()
    print(", ".join(f"{k}: {v:,}" for k, v in counts.items()), f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
