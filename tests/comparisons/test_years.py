"""One region across years: 高青县's real 2021 and 2024 notices, and 桓台县 a year on."""

import pytest
from django.urls import reverse

from shishi.comparisons.services import years
from tests.comparisons.conftest import import_sample


def _pairs(step):
    return {(c.before.seq, c.after.seq) for c in step.continued}


def test_it_finds_which_of_gaoqings_projects_continued_from_2021_to_2024(cast, world, gaoqing_years):
    comparison = years(cast["otto"], world["gaoqing"])
    assert [c.label for c in comparison.columns] == ["2021年", "2024年"]
    (step,) = comparison.steps
    assert {(1, 3), (2, 1), (6, 2), (7, 9)} <= _pairs(step)  # 两癌, 教育, 就业创业, 文化
    assert (10, 10) in _pairs(step)  # 希望小屋儿童关爱 → 特殊困难儿童关爱, not 残疾儿童救助
    assert {p.seq for p in step.new} == {5, 6, 7}  # 婚育, 儿童友好, 权益保障: new in 2024
    assert {p.title for p in step.dropped} >= {"实施残疾儿童救助项目", "推进婴幼儿照护服务发展"}
    assert len(step.continued) + len(step.dropped) == 10 and len(step.continued) + len(step.new) == 10


def test_it_shows_how_the_goals_of_a_continued_project_changed(cast, world, gaoqing_years):
    (step,) = years(cast["otto"], world["gaoqing"]).steps
    screening = next(c for c in step.continued if c.before.seq == 1)
    changes = {change.name: (change.before, change.after, change.change) for change in screening.changes}
    assert changes["两癌筛查人数"] == ("20000人次", "", "不再列出")
    assert changes["两癌筛查率"] == ("", "≥85%", "新增")
    education = next(c for c in step.continued if c.before.seq == 2)
    names = [change.name for change in education.changes]
    assert names[:2] == ["新改扩建中小学", "新改扩建幼儿园"] and "维修改造幼儿园" in names


def test_it_measures_the_change_when_the_same_indicator_comes_back(cast, world, plan):
    """桓台县 a year on: the same notice with more kindergartens and more women screened."""
    import_sample(
        world["huantai"],
        cast["cora"],
        "huantai-2023.txt",
        {"2023": "2024", "幼儿园6所": "幼儿园8所", "1.8万人": "2万人"},
    )
    (step,) = years(cast["cora"], world["huantai"]).steps
    assert len(step.continued) == 10 and not step.new and not step.dropped
    by_seq = {c.before.seq: {g.name: g for g in c.changes} for c in step.continued}
    assert by_seq[1]["新改扩建幼儿园"].change == "+2所（+33%）"
    assert by_seq[1]["新增学位"].change == "持平"
    assert by_seq[5]["两癌筛查人数"].change == "+2000人（+11%）"
    assert by_seq[5]["两癌筛查率"].change == "持平"


def test_the_page_shows_continuity_and_the_themes_and_loads_the_indicators_when_reached(
    client, cast, world, gaoqing_years
):
    client.force_login(cast["otto"])
    gaoqing = world["gaoqing"].pk
    page = client.get(reverse("comparisons:years", args=[gaoqing])).content.decode()
    assert "实施“两癌”免费检查和救助行动" in page and "实施适龄妇女“两癌”免费筛查和救助行动" in page
    assert "新增实事" in page and "未延续" in page
    assert 'id="theme-chart" type="application/json"' in page
    section = reverse("comparisons:years_indicators", args=[gaoqing])
    assert f'hx-get="{section}" hx-trigger="revealed"' in page  # loaded when scrolled to
    assert f'<a href="{section}">' in page  # and a plain link without JavaScript
    assert "妈妈小屋" not in page

    fragment = client.get(section, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "妈妈小屋" in fragment  # the one place indicator both years share: a chart and its table together
    assert 'type="application/json"' in fragment and "<table>" in fragment
    whole = client.get(section).content.decode()
    assert "<html" in whole and "妈妈小屋" in whole and "charts.js" in whole


@pytest.fixture
def gaoqing_three_years(world, cast, gaoqing_years):
    """高青县 a year after 2024: the 2024 notice again, for 2025."""
    return gaoqing_years + [
        import_sample(world["gaoqing"], cast["otto"], "gaoqing-2024.txt", {"2024": "2025"})
    ]


def test_the_page_shows_the_latest_step_in_full_and_an_earlier_one_when_opened(
    client, cast, world, gaoqing_three_years
):
    client.force_login(cast["otto"])
    gaoqing = world["gaoqing"].pk
    page = client.get(reverse("comparisons:years", args=[gaoqing])).content.decode()
    assert "2024年→2025年" in page and "2021年→2024年" in page  # both steps in the overview
    # the head of the step's table of projects
    pairs = '<th scope="col">2021年</th><th scope="col">2024年</th><th scope="col">依据</th>'
    assert pairs not in page  # the earlier step's table waits to be opened
    step = reverse("comparisons:years_step", args=[gaoqing, 1])
    assert f'hx-get="{step}" hx-trigger="toggle once"' in page and f'<a href="{step}">' in page

    fragment = client.get(step, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and pairs in fragment and "实施“两癌”免费检查和救助行动" in fragment
    whole = client.get(step).content.decode()
    assert "<html" in whole and "2021年→2024年" in whole and "实施“两癌”免费检查和救助行动" in whole


@pytest.mark.parametrize("number", [0, 2])
def test_a_step_that_does_not_exist_is_not_found(client, cast, world, gaoqing_years, number):
    client.force_login(cast["otto"])
    assert (
        client.get(reverse("comparisons:years_step", args=[world["gaoqing"].pk, number])).status_code == 404
    )


@pytest.mark.parametrize(
    "role, huantai, gaoqing",
    [
        ("otto", 403, 200),  # a county's coordinator compares their own county across years, not another
        ("cora", 200, 403),
        ("leah", 200, 403),  # so does a county's leader
        ("cici", 200, 200),
        ("admin", 200, 200),  # the city reads every county
        ("lena", 403, 403),
        ("olga", 403, 403),  # unit clerks compare nothing
    ],
)
def test_who_may_compare_a_region_across_years(client, cast, world, gaoqing_years, role, huantai, gaoqing):
    client.force_login(cast[role])
    for region, status in (("huantai", huantai), ("gaoqing", gaoqing)):
        assert client.get(reverse("comparisons:years", args=[world[region].pk])).status_code == status, region


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("otto", True),
        ("cici", True),
        ("admin", True),
        ("cora", False),
        ("leah", False),
        ("lena", False),
        ("olga", False),
    ],
)
def test_the_pages_sections_follow_the_pages_rule(client, cast, world, gaoqing_years, role, allowed):
    """高青县's step and indicators, asked for directly or by htmx: for whoever may open the page."""
    client.force_login(cast[role])
    gaoqing = world["gaoqing"].pk
    for url in (
        reverse("comparisons:years_step", args=[gaoqing, 1]),
        reverse("comparisons:years_indicators", args=[gaoqing]),
    ):
        for headers in ({}, {"HX-Request": "true"}):
            assert client.get(url, headers=headers).status_code == (200 if allowed else 403), (url, headers)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_it_hands_out_the_continuity_table(client, cast, world, gaoqing_years, fmt):
    client.force_login(cast["otto"])
    response = client.get(reverse("comparisons:years_export", args=[world["gaoqing"].pk, "continuity", fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert "2021年→2024年" in text and "不再列出" in text and "新增实事" in text


def test_the_other_countys_export_is_refused_too(client, cast, world, gaoqing_years):
    client.force_login(cast["cora"])
    url = reverse("comparisons:years_export", args=[world["gaoqing"].pk, "continuity", "csv"])
    assert client.get(url).status_code == 403


def test_a_region_with_one_plan_has_no_shared_indicators_to_draw(client, cast, world, plan):
    client.force_login(cast["cici"])
    page = client.get(reverse("comparisons:years_indicators", args=[plan.region.pk])).content.decode()
    assert "各年度没有共同的量化指标。" in page and "data-chart" not in page


def test_the_overview_links_each_years_plan_and_counts_each_step(client, cast, world, gaoqing_three_years):
    client.force_login(cast["otto"])
    page = client.get(reverse("comparisons:years", args=[world["gaoqing"].pk])).content.decode()
    links = " · ".join(
        f'<a href="{reverse("plans:detail", args=[plan.pk])}">{plan.year}年</a>'
        for plan in gaoqing_three_years
    )
    assert f'<p class="muted">{links}</p>' in page
    (step,) = [s for s in years(cast["otto"], world["gaoqing"]).steps if s.number == 2]
    assert (
        f'<tr><th scope="row"><a href="#step-2">2024年→2025年</a></th><td>{len(step.continued)}</td>'
        f"<td>{len(step.new)}</td><td>{len(step.dropped)}</td></tr>"
    ) in page


def test_a_city_coordinator_reads_a_countys_years_in_six_queries(
    client, cast, world, gaoqing_three_years, django_assert_max_num_queries
):
    """The session and the person; the county with the person's own region (the county lies under
    it); the county's plans; their projects with their targets; the top bar's unread count."""
    client.force_login(cast["cici"])
    with django_assert_max_num_queries(6):
        assert client.get(reverse("comparisons:years", args=[world["gaoqing"].pk])).status_code == 200
