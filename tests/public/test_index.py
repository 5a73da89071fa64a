"""The public index: one year's published plans at a time, with the other years a link away,
so that the page does not grow with every year a province adds (bench/pages.py)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shishi.plans.models import Plan


def _earlier_plans(world, years):
    return [
        Plan.objects.create(region=region, year=year, title=f"{region}{year}年实事", published=True)
        for year in years
        for region in (world["huantai"], world["gaoqing"])
    ]


def test_it_lists_the_latest_year_and_links_to_the_earlier_ones(client, scene, world):
    earlier = _earlier_plans(world, [2021, 2022])
    Plan.objects.create(region=world["gaoqing"], year=2024, title="尚未公开的计划")
    page = client.get(reverse("public:index")).content.decode()
    assert scene["plan"].title in page and reverse("public:plan", args=[scene["plan"].pk]) in page
    assert not any(plan.title in page for plan in earlier)
    assert "?year=2022" in page and "?year=2021" in page and "?year=2024" not in page
    older = client.get(reverse("public:index") + "?year=2022").content.decode()
    assert "桓台县2022年实事" in older and "高青县2022年实事" in older and scene["plan"].title not in older
    elder = client.get(reverse("public:index_elder") + "?year=2021").content.decode()
    assert (
        reverse("public:plan_elder", args=[earlier[0].pk]) in elder
        and reverse("public:index_elder") + "?year=2023" in elder
    )


def test_a_year_nobody_published_shows_the_latest(client, scene):
    for asked in ("1999", "abc", ""):
        assert scene["plan"].title in client.get(reverse("public:index") + f"?year={asked}").content.decode()


def test_ten_more_years_add_neither_queries_nor_plans_to_the_page(client, scene, world):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("public:index")).content.decode()
        return len(captured), len(re.findall(r'href="/public/\d+/"', page))  # links to plans

    before = queries()
    _earlier_plans(world, range(2010, 2020))
    assert queries() == before
