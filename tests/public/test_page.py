"""The public page of a published plan: what a citizen reads, and what they never see."""

from email.utils import parsedate_to_datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from shishi.public.services import approve_statement, unpublish_plan, withdraw_statement
from tests.public.conftest import APPROVED, DRAFT, LENAS_MEASURES, RETURN_REASON, UNREVIEWED_FIGURE, report


def _page(client, plan, quarter=1, name="public:plan"):
    response = client.get(reverse(name, args=[plan.pk]) + f"?q={quarter}")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_projects_goals_accepted_figures_lights_and_approved_text(client, scene):
    page = _page(client, scene["plan"])
    assert "实施优质教育资源扩容提质行动" in page and "6所" in page  # a project and a goal
    assert "<strong>3所</strong>" in page and "<strong>1000个</strong>" in page  # Lena's accepted figures
    assert APPROVED in page
    assert 'class="light red"' in page and "红灯" in page  # late units: a light, named in words
    assert '<html lang="zh-Hans">' in page


def test_it_shows_only_text_the_coordinator_approved(client, scene):
    page = _page(client, scene["plan"])
    assert DRAFT not in page  # a draft of the coordinator
    assert LENAS_MEASURES not in page and "13812345678" not in page  # what a unit wrote in its report
    assert RETURN_REASON not in page  # a return and its reason


def test_it_never_shows_a_figure_nobody_accepted(client, scene):
    page = _page(client, scene["plan"])
    assert f"<strong>{UNREVIEWED_FIGURE}人</strong>" not in page and UNREVIEWED_FIGURE not in page


def test_it_never_shows_names_pdfs_versions_or_internal_links(client, scene):
    page = _page(client, scene["plan"]) + _page(client, scene["plan"], name="public:plan_elder")
    for name in scene["people"]:
        assert name not in page
    for word in (".pdf", "盖章", "/stamped", "/files/", "/reports/", "/versions", "已退回", "版本", "csrf"):
        assert word not in page, word


def test_a_withdrawn_text_leaves_the_page_at_once(client, scene, cast):
    _page(client, scene["plan"])  # now cached
    withdraw_statement(scene["plan"].projects.get(seq=1), scene["q1"], cast["cora"])
    assert APPROVED not in _page(client, scene["plan"])


def test_an_unpublished_plan_is_not_found(client, scene, cast):
    unpublish_plan(scene["plan"], cast["cora"])
    assert client.get(reverse("public:plan", args=[scene["plan"].pk])).status_code == 404
    assert client.get(reverse("public:plan_elder", args=[scene["plan"].pk])).status_code == 404
    client.force_login(
        cast["cora"]
    )  # not even for its coordinator: the public page is only what is published
    assert client.get(reverse("public:plan", args=[scene["plan"].pk])).status_code == 404


def test_a_plan_never_published_is_not_found_nor_listed(client, cast, plan):
    assert client.get(reverse("public:plan", args=[plan.pk])).status_code == 404
    assert plan.title not in client.get(reverse("public:index")).content.decode()


def test_the_index_lists_published_plans(client, scene):
    page = client.get(reverse("public:index")).content.decode()
    assert scene["plan"].title in page and reverse("public:plan", args=[scene["plan"].pk]) in page
    elder = client.get(reverse("public:index_elder")).content.decode()
    assert reverse("public:plan_elder", args=[scene["plan"].pk]) in elder


def test_the_elder_mode_is_the_same_page_in_large_type_without_script(client, scene):
    page = _page(client, scene["plan"], name="public:plan_elder")
    assert '<body class="elder">' in page and APPROVED in page and "<strong>3所</strong>" in page
    assert reverse("public:plan", args=[scene["plan"].pk]) + "?q=1" in page  # back to the standard page
    assert "<script" not in page and "<script" not in _page(client, scene["plan"])


def test_it_shows_another_quarter_when_asked(client, scene, cast):
    q2 = scene["plan"].periods.get(quarter=2)
    approve_statement(scene["plan"].projects.get(seq=1), q2, cast["cora"], "二季度说明")
    page = _page(client, scene["plan"], quarter=2)
    assert "二季度说明" in page and APPROVED not in page and 'aria-current="page">第2季度' in page


# -- caching ------------------------------------------------------------------------------------


def test_it_may_be_cached_by_anyone(client, scene):
    response = client.get(reverse("public:plan", args=[scene["plan"].pk]))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=300"} <= cache_control
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies  # no session, no CSRF cookie


def test_it_does_not_vary_by_who_is_signed_in(client, scene, cast):
    anonymous = client.get(reverse("public:plan", args=[scene["plan"].pk]))
    client.force_login(cast["cora"])
    signed_in = client.get(reverse("public:plan", args=[scene["plan"].pk]))
    assert signed_in.content == anonymous.content and signed_in["ETag"] == anonymous["ETag"]
    assert "cookie" not in signed_in.get("Vary", "").lower() and not signed_in.cookies


def test_a_repeat_visit_is_answered_not_modified(client, scene):
    url = reverse("public:plan", args=[scene["plan"].pk])
    first = client.get(url)
    by_etag = client.get(url, headers={"If-None-Match": first["ETag"]})
    by_date = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert "max-age=300" in by_etag["Cache-Control"]


def test_a_change_gives_a_new_etag_and_a_later_date(client, scene, cast):
    url = reverse("public:plan", args=[scene["plan"].pk]) + "?q=1"
    first = client.get(url)
    approve_statement(
        scene["plan"].projects.get(seq=3), scene["q1"], cast["cora"], "儿童友好社区建设已启动。"
    )
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and "儿童友好社区建设已启动。" in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_the_index_is_cacheable_too(client, scene):
    response = client.get(reverse("public:index"))
    assert "public" in response["Cache-Control"] and "cookie" not in response.get("Vary", "").lower()
    assert client.get(reverse("public:index"), headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_the_last_modified_date_is_the_last_change_and_not_in_the_future(client, scene):
    response = client.get(reverse("public:plan", args=[scene["plan"].pk]))
    modified = parsedate_to_datetime(response["Last-Modified"])
    approved = scene["plan"].projects.get(seq=1).public_statements.get().approved_at
    assert approved.replace(microsecond=0) <= modified <= timezone.now()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_reports(client, scene, cast):
    from django.core.cache import cache

    url = reverse("public:plan", args=[scene["plan"].pk]) + "?q=1"
    cache.clear()
    before = _queries(client, url)
    plan = scene["plan"]
    for unit_name in ("县妇联", "县民政局", "县人力资源社会保障局"):
        report(plan.region.units.get(name=unit_name), scene["q1"], cast["admin"], "已推进", {})
    cache.clear()
    assert _queries(client, url) == before


def test_a_page_not_in_the_cache_is_read_in_ten_queries(client, scene, django_assert_max_num_queries):
    """The plan with its region; its quarters; the date of its last change; the projects; their
    targets; the assignments; the quarter's reports with their figures; the approved texts; the
    candidates the projects may have come from; the published satisfaction vote."""
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(10):
        client.get(reverse("public:plan", args=[scene["plan"].pk]) + "?q=1")


def test_a_page_in_the_cache_is_answered_in_one_query(client, scene, django_assert_max_num_queries):
    """Only the date of the plan's last change is read: the plan itself only to render the page."""
    url = reverse("public:plan", args=[scene["plan"].pk]) + "?q=1"
    client.get(url)
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("value", ["9", "x", "", "-1"])
def test_a_strange_quarter_falls_back_to_the_default(client, scene, value):
    response = client.get(reverse("public:plan", args=[scene["plan"].pk]) + f"?q={value}")
    assert response.status_code == 200


def test_the_last_change_is_read_from_each_thing_the_page_shows(scene, cast):
    """Each of the plan's history, public text, reports and the plan's, projects' and targets'
    own history moves the date (and so the cached page) on by itself."""
    import datetime

    from shishi.history.services import record
    from shishi.public.page import last_modified
    from shishi.public.services import save_statement

    plan = scene["plan"]
    project = plan.projects.get(seq=2)
    later = timezone.now() + datetime.timedelta(days=400)  # past every quarter end: the dates count alone

    def changes(change) -> bool:
        before = last_modified(plan, later)
        change()
        return last_modified(plan, later) > before

    assert changes(lambda: record(plan.region, cast["cora"], "edited", "改了什么", plan=plan))
    assert changes(lambda: save_statement(project, scene["q1"], cast["cora"], "又改了说明。"))
    assert changes(lambda: scene["q1"].reports.first().save())
    assert changes(lambda: plan.save())
    assert changes(lambda: project.save())
    assert changes(lambda: project.targets.first().save())


def test_a_renamed_unit_a_changed_team_or_a_deleted_text_moves_the_date_too(scene, cast):
    """The public page names the units; what changes it moves the plan's `changed_at` on, also
    a deletion, whichever door made it."""
    import datetime

    from shishi.public.models import PublicStatement
    from shishi.public.page import last_modified

    plan = scene["plan"]
    later = timezone.now() + datetime.timedelta(days=400)

    def changes(change) -> bool:
        before = last_modified(plan, later)
        change()
        return last_modified(plan, later) > before

    unit = plan.projects.get(seq=1).assignments.first().unit
    unit.name = "县教育和体育局"
    assert changes(unit.save)
    assert changes(lambda: plan.projects.get(seq=2).assignments.first().save())
    assert changes(lambda: PublicStatement.objects.get(project__seq=2, project__plan=plan).delete())
    other = scene["plan"].region.parent.children.exclude(pk=plan.region_id).first()
    assert not changes(lambda: other.save())  # another county's


def test_it_states_the_plans_own_thresholds_and_that_any_late_unit_makes_red(client, scene):
    plan = scene["plan"]
    plan.yellow_points, plan.red_points = 5, 20
    plan.save(update_fields=["yellow_points", "red_points"])
    html = _page(client, plan)
    assert "落后不足5个百分点" in html and "落后序时进度5至20个百分点" in html
    assert "超过20个百分点，或任一责任单位（牵头或配合）未按时报送" in html
    assert "10至30" not in html
