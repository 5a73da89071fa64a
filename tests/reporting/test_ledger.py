"""The implementation plan's form (实施方案): what it keeps and what it refuses, as Lena fills it."""

import pytest
from django.urls import reverse

from shishi.plans.models import Assignment
from shishi.reporting.models import ImplementationPlan


@pytest.fixture
def url(cast):
    assignment = Assignment.objects.filter(unit=cast["lena"].unit).order_by("pk").first()
    return reverse("reporting:ledger", args=[assignment.pk])


def _form(**fields):
    return {
        "revision": 0,
        "office": "学前教育科",
        "person_name": "李娜",
        "post": "科长",
        "phone": "0533-1234567",
        "text": "分三批建设。",
        "sub_goals": "新建幼儿园3所。",
    } | fields


def test_it_saves_every_field(client, cast, url):
    client.force_login(cast["lena"])
    assert client.post(url, _form()).status_code == 302
    saved = ImplementationPlan.objects.get()
    assert (saved.office, saved.person_name, saved.post, saved.phone) == (
        "学前教育科",
        "李娜",
        "科长",
        "0533-1234567",
    )
    assert (saved.text, saved.sub_goals, saved.revision) == ("分三批建设。", "新建幼儿园3所。", 1)


def test_it_refuses_a_field_too_long_for_its_column_instead_of_cutting_it(client, cast, url):
    client.force_login(cast["lena"])
    client.get(url)
    response = client.post(url, _form(office="科" * 61, text="这段文字不能丢。"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "责任科室最多60个字（现有61个字），请精简。" in page
    assert "科" * 61 in page and "这段文字不能丢。" in page  # shown again as typed
    assert ImplementationPlan.objects.get().revision == 0


def test_text_pasted_from_word_is_kept_as_text_a_document_can_hold(client, cast, url):
    client.force_login(cast["lena"])
    client.post(url, _form(text="第一步\x0b第二步\x01", office=" 学前教育科 "))
    saved = ImplementationPlan.objects.get()
    assert (saved.text, saved.office) == ("第一步\n第二步", "学前教育科")
