"""Cici, 淄博市's coordinator, compares its counties' 2023 plans by theme and by indicator."""

import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shishi.comparisons.services import counties
from shishi.directory.models import Region
from tests.comparisons.conftest import import_sample
from tests.conftest import person


def _chart(page: str, chart_id: str) -> dict:
    """The data json_script wrote for a chart."""
    match = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', page, re.S)
    assert match, f"no data block {chart_id}"
    return json.loads(match.group(1))


def _row(comparison, key):
    return next(row for row in comparison.indicators if row.key.key == key)


def test_it_puts_two_counties_cancer_screening_targets_side_by_side(cast, plan, gaoxinqu_plan, world):
    comparison = counties(cast["cici"], world["city"], 2023)
    assert [c.label for c in comparison.columns] == ["桓台县", "淄博高新区"]
    people = _row(comparison, "cancer_screening_people")
    assert people.values() == [Decimal(18000), Decimal(12000)]
    assert people.shown() == ["18000人", "≈12000人"]
    assert _row(comparison, "cancer_screening_rate").shown() == ["≥85%", "≥85%"]


def test_it_counts_new_kindergartens_per_county(cast, plan, gaoxinqu_plan, world):
    comparison = counties(cast["cici"], world["city"], 2023)
    assert _row(comparison, "kindergartens_built").values() == [Decimal(6), Decimal(2)]
    assert _row(comparison, "school_places").values() == [Decimal(3800), Decimal(2200)]


def test_it_adds_up_goals_a_plan_splits_over_targets_of_one_indicator(cast, world, plan):
    """新建幼儿园2所 in one target and 改扩建幼儿园3所 in another make 5 kindergartens."""
    other = import_sample(
        world["gaoqing"],
        cast["admin"],
        "gaoxinqu-2023.txt",
        {"实现新建幼儿园2所": "实现新建幼儿园2所、改扩建幼儿园3所"},
    )
    comparison = counties(cast["admin"], world["city"], 2023)
    assert [c.plan.pk for c in comparison.columns] == [plan.pk, other.pk]
    row = _row(comparison, "kindergartens_built")
    assert row.cells[1].goals == ["2所", "3所"]
    assert row.values()[1] == 5 and row.shown()[1] == "5所（2所 + 3所）"


def test_the_indicator_page_draws_each_shared_indicator_with_its_numbers_beneath(
    client, cast, plan, gaoxinqu_plan, world
):
    client.force_login(cast["cici"])
    page = client.get(reverse("comparisons:indicators", args=[world["city"].pk, 2023])).content.decode()
    charts, ids = {}, {}
    for chart_id in re.findall(r'data-chart="(chart-\d+)"', page):
        data = _chart(page, chart_id)
        charts[data["title"]], ids[data["title"]] = data, chart_id
    assert charts["两癌筛查人数"]["categories"] == ["桓台县", "淄博高新区"]
    assert charts["两癌筛查人数"]["series"][0]["data"] == [18000, 12000]
    assert charts["新改扩建幼儿园"]["series"][0]["data"] == [6, 2]
    table = page.split(f'data-chart="{ids["两癌筛查人数"]}"')[1].split("</table>")[0]  # the table beneath
    assert "18000人" in table and "≈12000人" in table
    assert "<script>" not in page and "<script>\n" not in page  # only external scripts and JSON blocks
    assert 'src="/static/vendor/echarts.min.js"' in page and 'src="/static/js/charts.js"' in page


def test_the_theme_page_counts_projects_per_theme_and_county(client, cast, plan, gaoxinqu_plan, world):
    client.force_login(cast["cici"])
    page = client.get(reverse("comparisons:themes", args=[world["city"].pk, 2023])).content.decode()
    chart = _chart(page, "theme-chart")
    assert [s["name"] for s in chart["series"]] == ["桓台县", "淄博高新区"]
    cancer = chart["categories"].index("两癌筛查")
    assert [s["data"][cancer] for s in chart["series"]] == [1, 1]
    assert "实施适龄妇女“两癌”免费筛查和救助行动" in page


def test_the_theme_page_shows_a_project_s_category_beside_it(client, cast, plan, gaoxinqu_plan, world):
    plan.projects.filter(seq=1).update(category="教育惠民领域")
    client.force_login(cast["cici"])
    page = client.get(reverse("comparisons:themes", args=[world["city"].pk, 2023])).content.decode()
    assert page.count("（教育惠民领域）") == 1


@pytest.mark.parametrize("table, fmt", [("indicators", "xlsx"), ("indicators", "csv"), ("themes", "xlsx")])
def test_it_hands_out_the_tables(client, cast, plan, gaoxinqu_plan, world, table, fmt):
    client.force_login(cast["cici"])
    response = client.get(reverse("comparisons:counties_export", args=[world["city"].pk, 2023, table, fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
    else:
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        text = "\n".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None)
    assert "淄博高新区" in text
    assert ("18000人" in text) if table == "indicators" else ("两癌筛查" in text)


# -- who may compare ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, status",
    [
        ("cici", 200),
        ("admin", 200),
        ("cora", 403),  # a county's coordinator cannot look at the other counties
        ("otto", 403),
        ("leah", 403),
        ("lena", 403),
        ("olga", 403),
    ],
)
def test_only_the_city_compares_its_counties(client, cast, plan, gaoxinqu_plan, world, role, status):
    client.force_login(cast[role])
    city = world["city"].pk
    urls = [
        reverse("comparisons:themes", args=[city, 2023]),
        reverse("comparisons:indicators", args=[city, 2023]),
        reverse("comparisons:counties_export", args=[city, 2023, "indicators", "csv"]),
    ]
    assert [client.get(url).status_code for url in urls] == [status] * 3


def test_a_city_leader_compares_the_counties_too(client, cast, plan, gaoxinqu_plan, world):
    leader = person("lily", "leader", world["city"])
    client.force_login(leader)
    assert client.get(reverse("comparisons:themes", args=[world["city"].pk, 2023])).status_code == 200


def test_another_citys_coordinator_is_refused(client, cast, plan, world):
    jinan = Region.objects.create(
        name="济南市", code="3701", level=Region.Level.CITY, parent=world["province"]
    )
    client.force_login(person("jay", "city_coordinator", jinan))
    assert client.get(reverse("comparisons:themes", args=[world["city"].pk, 2023])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, plan, world):
    response = client.get(reverse("comparisons:themes", args=[world["city"].pk, 2023]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_year_without_plans_is_not_found(client, cast, plan, world):
    client.force_login(cast["cici"])
    assert client.get(reverse("comparisons:themes", args=[world["city"].pk, 1999])).status_code == 404


def test_the_index_offers_each_person_what_they_may_compare(client, cast, plan, gaoxinqu_plan, world):
    client.force_login(cast["cici"])
    page = client.get(reverse("comparisons:index")).content.decode()
    assert reverse("comparisons:themes", args=[world["city"].pk, 2023]) in page
    client.force_login(cast["cora"])
    page = client.get(reverse("comparisons:index")).content.decode()
    assert reverse("comparisons:themes", args=[world["city"].pk, 2023]) not in page
    assert reverse("comparisons:years", args=[world["huantai"].pk]) in page
    assert "淄博高新区" not in page
    client.force_login(cast["olga"])
    assert client.get(reverse("comparisons:index")).status_code == 403


# -- the number of queries -------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("view", ["comparisons:themes", "comparisons:indicators", "comparisons:index"])
def test_the_number_of_queries_does_not_grow_with_the_plans(client, cast, plan, gaoxinqu_plan, world, view):
    client.force_login(cast["cici"])
    url = reverse(view, args=[] if view == "comparisons:index" else [world["city"].pk, 2023])
    before = _queries(client, url)
    for code, name, sample in [
        ("370302", "淄川区", "zichuan-2024.txt"),
        ("370303", "张店区", "gaoqing-2021.txt"),
    ]:
        region = Region.objects.create(name=name, code=code, level=Region.Level.COUNTY, parent=world["city"])
        import_sample(region, cast["admin"], sample, {"2024": "2023", "2021": "2023"})
    assert len(counties(cast["cici"], world["city"], 2023).columns) == 4
    assert _queries(client, url) == before


@pytest.mark.parametrize("view", ["comparisons:themes", "comparisons:indicators"])
def test_a_city_coordinator_reads_the_citys_comparison_in_six_queries(
    client, cast, plan, gaoxinqu_plan, world, view, django_assert_max_num_queries
):
    """The session and the person; the region (their own: the access rule needs nothing more); the
    plans of every year (the page links to the other years); the projects, with their targets on
    the indicator page; the top bar's unread count. At most: what matters is that it is a few."""
    client.force_login(cast["cici"])
    with django_assert_max_num_queries(6):
        assert client.get(reverse(view, args=[world["city"].pk, 2023])).status_code == 200


def test_the_theme_page_reads_no_targets(client, cast, plan, gaoxinqu_plan, world):
    """It shows projects, not goals: the targets are read only by the pages that show them."""
    client.force_login(cast["cici"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("comparisons:themes", args=[world["city"].pk, 2023])).status_code == 200
    assert not [query for query in queries.captured_queries if "plans_target" in query["sql"]]
    assert (
        _row(counties(cast["cici"], world["city"], 2023), "kindergartens_built").present == 2
    )  # read when asked for


def test_a_county_that_does_not_list_a_shared_indicator_says_so_beneath_its_chart(
    client, cast, plan, gaoxinqu_plan, world
):
    region = Region.objects.create(
        name="淄川区", code="370302", level=Region.Level.COUNTY, parent=world["city"]
    )
    import_sample(region, cast["admin"], "zichuan-2024.txt", {"2024": "2023"})
    client.force_login(cast["cici"])
    page = client.get(reverse("comparisons:indicators", args=[world["city"].pk, 2023])).content.decode()
    shared = [row for row in counties(cast["cici"], world["city"], 2023).shared() if row.present == 2]
    assert shared, "an indicator two of the three counties list"
    section = page.split(f'<h3 id="chart-{_index_of(page, shared[0].key.name)}-title">')[1].split(
        "</section>"
    )[0]
    assert section.count('<td><span class="muted">未列此指标</span></td>') == 1
    assert section.count('<tr><th scope="row">') == 3  # a row per county, the absent one too


def _index_of(page: str, name: str) -> str:
    return next(
        chart_id
        for chart_id in re.findall(r'data-chart="chart-(\d+)"', page)
        if _chart(page, f"chart-{chart_id}")["title"] == name
    )
