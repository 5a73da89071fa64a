"""Each project in the theme table links to its own page, whichever county's plan it is in."""

from django.urls import reverse


def test_every_project_in_the_theme_table_links_to_its_page(client, cast, plan, gaoxinqu_plan, world):
    client.force_login(cast["cici"])
    page = client.get(reverse("comparisons:themes", args=[world["city"].pk, 2023])).content.decode()
    for each in (plan, gaoxinqu_plan):
        for project in each.projects.all():
            assert (
                f'<a href="{reverse("oversight:project", args=[each.pk, project.pk])}">'
                f"{project.seq}. {project.title}</a>" in page
            )


def test_a_title_is_shown_as_text_never_as_markup(client, cast, plan, world):
    """The theme tables are made as HTML in the view; a notice's title must still be escaped there."""
    plan.projects.filter(seq=1).update(title="<b>实施</b>幼儿园工程")
    client.force_login(cast["cici"])
    for url in (
        reverse("comparisons:themes", args=[world["city"].pk, 2023]),
        reverse("comparisons:years", args=[plan.region.pk]),
    ):
        page = client.get(url).content.decode()
        assert "1. &lt;b&gt;实施&lt;/b&gt;幼儿园工程" in page and "<b>实施</b>" not in page, url
