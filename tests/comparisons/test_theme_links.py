"""Each project in the theme table links to its own page, whichever county's plan it is in."""

from django.urls import reverse


def test_every_project_in_the_theme_table_links_to_its_page(client, cast, plan, gaoxinqu_plan, world):
    client.force_login(cast["cici"])
    page = client.get(reverse("comparisons:themes", args=[world["city"].pk, 2023])).content.decode()
    for each in (plan, gaoxinqu_plan):
        for project in each.projects.all():
            assert f'<a href="{reverse("oversight:project", args=[each.pk, project.pk])}">{project.seq}. {project.title}</a>' in page
