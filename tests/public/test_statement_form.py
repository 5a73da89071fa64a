"""The public text's form: text pasted from Word is kept as text any page or document can hold."""

from django.urls import reverse

from shishi.public.models import PublicStatement


def test_a_pasted_line_break_is_kept_as_a_line_break_and_control_characters_go(client, cast, plan):
    client.force_login(cast["cora"])
    project = plan.projects.get(seq=1)
    response = client.post(
        reverse("public:statement", args=[plan.pk, 1, project.pk]),
        {"action": "approve", "text": " 已完成选址。\x0b已开工\x01建设。 "},
    )
    assert response.status_code == 302
    statement = PublicStatement.objects.get(project=project)
    assert statement.approved_text == statement.text == "已完成选址。\n已开工建设。"


def test_an_unknown_action_saves_without_publishing(client, cast, plan):
    client.force_login(cast["cora"])
    project = plan.projects.get(seq=1)
    client.post(
        reverse("public:statement", args=[plan.pk, 1, project.pk]), {"action": "发布", "text": "说明"}
    )
    statement = PublicStatement.objects.get(project=project)
    assert (statement.text, statement.approved_text) == ("说明", "")
