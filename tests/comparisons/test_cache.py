"""The comparison pages are made once for what they show, and anew as soon as any of it changes:
each page's cached fragment is keyed by the rows it is made from, so a title or a goal changed by
any door (here a plain UPDATE, which no signal sees) shows at the next visit."""

import importlib

import pytest
from django.core.cache import cache
from django.urls import reverse

from shishi.directory.models import Region
from shishi.plans.models import Target
from tests.comparisons.conftest import import_sample


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_title_shows_at_once_on_every_page(client, cast, plan, gaoxinqu_plan, world):
    client.force_login(cast["cici"])
    urls = [
        reverse("comparisons:themes", args=[world["city"].pk, 2023]),
        reverse("comparisons:indicators", args=[world["city"].pk, 2023]),
        reverse("comparisons:years", args=[world["huantai"].pk]),
    ]
    before = [_page(client, url) for url in urls]
    title = plan.projects.get(seq=5).title
    assert all(title in page for page in before[::2])  # the theme tables list it
    assert "5. " + title in before[1]  # beneath the charts of its goals
    plan.projects.filter(seq=5).update(title="实施“两癌”筛查新行动")
    for url, old in zip(urls, before):
        page = _page(client, url)  # 淄博高新区 has a project of the same title, which stays
        assert "实施“两癌”筛查新行动" in page and page.count(title) < old.count(title), url


def test_a_changed_goal_shows_at_once(client, cast, plan, gaoxinqu_plan, world):
    client.force_login(cast["cici"])
    url = reverse("comparisons:indicators", args=[world["city"].pk, 2023])
    assert "18000人" in _page(client, url)
    Target.objects.filter(project__plan=plan, value=18000).update(value=19000)
    page = _page(client, url)
    assert "19000人" in page and "18000人" not in page


def test_a_county_with_a_new_plan_shows_at_once(client, cast, plan, gaoxinqu_plan, world):
    client.force_login(cast["cici"])
    url = reverse("comparisons:themes", args=[world["city"].pk, 2023])
    assert "淄川区" not in _page(client, url)
    zichuan = Region.objects.create(
        name="淄川区", code="370302", level=Region.Level.COUNTY, parent=world["city"]
    )
    import_sample(zichuan, cast["admin"], "zichuan-2024.txt", {"2024": "2023"})
    assert '<th scope="col">淄川区</th>' in _page(client, url)


@pytest.mark.parametrize(
    "view, made_by",
    [
        (
            "comparisons:indicators",
            "shishi.comparisons.services.indicator_rows",
        ),  # goals lined up by indicator
        (
            "comparisons:years",
            "shishi.comparisons.continuity.match",
        ),  # projects paired with their continuation
    ],
)
def test_a_second_visit_makes_nothing_anew(
    client, cast, world, gaoxinqu_plan, gaoqing_years, monkeypatch, view, made_by
):
    """The first visitor's page is made; the next, another person who may compare, gets the same
    page without its being made again."""
    module, name = made_by.rsplit(".", 1)
    made = getattr(importlib.import_module(module), name)
    calls = []

    def counted(*args):
        calls.append(args)
        return made(*args)

    monkeypatch.setattr(made_by, counted)
    cache.clear()  # another test may have made the same page from the same rows
    url = reverse(
        view, args=[world["city"].pk, 2023] if view == "comparisons:indicators" else [world["gaoqing"].pk]
    )
    pages = []
    for who in ("cici", "admin"):
        client.force_login(cast[who])
        pages.append(_page(client, url))
    main = [page.split("<main", 1)[1].split("</main>")[0] for page in pages]
    assert main[0] == main[1]
    assert len(calls) == 1


def test_who_may_not_compare_is_refused_even_when_the_page_is_cached(
    client, cast, plan, gaoxinqu_plan, world
):
    url = reverse("comparisons:themes", args=[world["city"].pk, 2023])
    client.force_login(cast["cici"])
    assert client.get(url).status_code == 200
    for who in ("cora", "lena"):
        client.force_login(cast[who])
        assert client.get(url).status_code == 403, who
