"""The cast every web test shares, in a small but real world.

淄博市 has two counties. 桓台县's plan is the real 2023 notice, imported through the import
service. The people:
- Lena, the lead-unit clerk: reports for 县教育体育局, lead on project 1 (new kindergartens);
- Pavel, the partner-unit clerk: reports for 县财政局, a partner on project 5 only;
- Cora, 桓台县's coordinator (妇儿工委办公室);
- Otto, the coordinator of another county (高青县);
- Leah, a 桓台县 leader, who reads and changes nothing;
- Cici, the city coordinator of 淄博市;
- Olga, an outsider: a clerk of a 高青县 unit with nothing to do with 桓台县's plan;
- Sam, of 桓台县's supervision office (督查室): reads the county's plans and issues 督办 notices;
- Connie, of the staff of 桓台县's people's congress (人大工作人员): reads the county's plans and
  runs its votes (票决) and satisfaction votes;
- Dave, a deputy (人大代表) of 桓台县: proposes projects and follows his proposals, reads nothing
  of the government's internal pages.
"""

from __future__ import annotations

import datetime
import io
import os
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import time_machine
from django.test import Client

from shishi.api.tokens import create_token
from shishi.directory.models import Person, Region, Unit
from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
from shishi.reporting.services import LineEntry, attach_stamped_pdf, save_draft, submit_report

SAMPLES = Path(__file__).parents[1] / "samples" / "notices"

# test_permissions' scene, which test_odd_values meets too.
pytest_plugins = ["tests.permissions_scene"]


@pytest.fixture(autouse=True, scope="session")
def _another_today():
    """SHISHI_TEST_TODAY=2031-02-28 runs the whole suite as if that were today's date, to prove that
    no test depends on the real calendar (tests that need a date set their own with time-machine)."""
    today = os.environ.get("SHISHI_TEST_TODAY")
    if not today:
        yield
        return
    moment = datetime.datetime.combine(
        datetime.date.fromisoformat(today),
        datetime.time(10, 0),
        tzinfo=datetime.timezone(datetime.timedelta(hours=8)),
    )
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """The public page, the board and project pages are cached under their plan's last change, and
    ids (and a frozen clock's times) repeat between tests: each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield


def pdf_bytes(pages: int = 1) -> bytes:
    """A real, valid PDF, as a clerk's scanner would produce."""
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(842, 595)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def world(db):
    province = Region.objects.create(name="山东省", code="37", level=Region.Level.PROVINCE)
    city = Region.objects.create(name="淄博市", code="3703", level=Region.Level.CITY, parent=province)
    huantai = Region.objects.create(name="桓台县", code="370321", level=Region.Level.COUNTY, parent=city)
    gaoqing = Region.objects.create(name="高青县", code="370322", level=Region.Level.COUNTY, parent=city)
    return {"province": province, "city": city, "huantai": huantai, "gaoqing": gaoqing}


def report_form(report, measures: str = "本季度完成3所幼儿园主体工程。", value: str = "3") -> dict:
    """The report form as the clerk posts it: `measures` on every line, `value` for every figure."""
    data = {"revision": report.revision, "then": "save"}
    for line in report.lines.prefetch_related("values"):
        data[f"line-{line.project_id}-measures"] = measures
        data[f"line-{line.project_id}-deadline"] = "2023年12月31日"
        data[f"line-{line.project_id}-assessment"] = "on_schedule"
        for v in line.values.all():
            data[f"value-{v.target_id}"] = value
    return data


def fill_report(
    report,
    clerk,
    measures: str,
    figures: dict[str, str] | None = None,
    assessment: str = "on_schedule",
    everything: bool = False,
):
    """Save every line of the report through the real service: `measures` on each line and the
    figures named by indicator (the others left as they are, or emptied with `everything`)."""
    figures = figures or {}
    entries = {}
    for line in report.lines.prefetch_related("values__target"):
        values = {
            v.target_id: Decimal(figures[v.target.indicator]) if v.target.indicator in figures else None
            for v in line.values.all()
            if everything or v.target.indicator in figures
        }
        entries[line.project_id] = LineEntry(
            measures=measures, deadline="2023年12月31日", assessment=assessment, values=values
        )
    return save_draft(report, clerk, report.revision, entries)


def submit_filled(
    report,
    clerk,
    measures: str,
    figures: dict[str, str] | None = None,
    stamped_name: str = "盖章.pdf",
    everything: bool = False,
):
    """Fill the report (fill_report), attach a stamped PDF and submit it, as the clerk would."""
    report = fill_report(report, clerk, measures, figures, everything=everything)
    attach_stamped_pdf(report, clerk, pdf_bytes(), stamped_name)
    report.refresh_from_db()
    submit_report(report, clerk, report.revision)
    report.refresh_from_db()
    return report


def person(username: str, role: str, region=None, unit=None, **extra) -> Person:
    someone = Person.objects.create_user(
        username=username,
        password="pw",
        role=role,
        region=region,
        unit=unit,
        email=f"{username}@example.invalid",
        **extra,
    )
    return someone


@pytest.fixture
def cora(world):
    return person("cora", Person.Role.COORDINATOR, world["huantai"])


@pytest.fixture
def plan(world, cora):
    """桓台县's 2023 plan, made from the real notice by the real import service."""
    notice_file = read_notice_upload(
        world["huantai"], cora, (SAMPLES / "huantai-2023.txt").read_bytes(), "huantai-2023.txt"
    )
    return confirm_plan(notice_file, cora, {name: "new" for name in draft_unit_names(notice_file.draft)})


@pytest.fixture
def cast(world, cora, plan):
    education = Unit.objects.get(region=world["huantai"], name="县教育体育局")
    finance = Unit.objects.get(region=world["huantai"], name="县财政局")
    elsewhere = Unit.objects.create(region=world["gaoqing"], name="县妇联")
    return {
        "lena": person("lena", Person.Role.REPORTER, world["huantai"], education),
        "pavel": person("pavel", Person.Role.REPORTER, world["huantai"], finance),
        "cora": cora,
        "otto": person("otto", Person.Role.COORDINATOR, world["gaoqing"]),
        "leah": person("leah", Person.Role.LEADER, world["huantai"]),
        "cici": person("cici", Person.Role.CITY_COORDINATOR, world["city"]),
        "olga": person("olga", Person.Role.REPORTER, world["gaoqing"], elsewhere),
        "sam": person("sam", Person.Role.SUPERVISOR, world["huantai"]),
        "connie": person("connie", Person.Role.CONGRESS, world["huantai"]),
        "dave": person("dave", Person.Role.DEPUTY, world["huantai"], display_name="戴伟"),
        "admin": person("root", Person.Role.ADMIN, is_superuser=True, is_staff=True),
    }


@pytest.fixture
def q1(plan):
    return plan.periods.get(quarter=1)


# -- the REST API, for tests of every app ---------------------------------------------------------


class ApiClient:
    """A test client that speaks JSON to /api/ with a person's bearer token."""

    def __init__(self, raw_token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def get(self, path: str, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, data=None, **extra):
        return self.client.post(path, data or {}, content_type="application/json", headers=self.headers)

    def put(self, path: str, data):
        return self.client.put(path, data, content_type="application/json", headers=self.headers)

    def upload(self, path: str, files: dict):
        return self.client.post(path, files, headers=self.headers)


@pytest.fixture
def api_as(cast):
    """`api_as("lena")`: a client with a fresh token of that member of the cast."""

    def make(role: str) -> ApiClient:
        _, raw = create_token(cast[role], f"{role}的测试令牌")
        return ApiClient(raw)

    return make
