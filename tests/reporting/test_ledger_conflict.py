"""No lost work on the implementation plan (实施方案): two clerks of one unit edit it at once.

The ledger form carries the revision it was opened at, as the report form does: a save from a
form opened before someone else's save is refused, nothing is overwritten, and the page shows
both versions with what the clerk typed still in the form.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shishi.directory.models import Person
from shishi.plans.models import Assignment
from shishi.reporting.ledger import LedgerConflict, save_implementation_plan
from shishi.reporting.models import ImplementationPlan
from tests.conftest import pdf_bytes, person


@pytest.fixture
def assignment(cast):
    return Assignment.objects.filter(unit=cast["lena"].unit).order_by("pk").first()


@pytest.fixture
def colleague(cast):
    """A second clerk of Lena's unit (县教育体育局)."""
    lena = cast["lena"]
    return person("lena2", Person.Role.REPORTER, lena.region, lena.unit)


def opened(client, clerk, assignment) -> dict:
    """The ledger form as the clerk's browser got it: its fields and the revision it was opened at."""
    client.force_login(clerk)
    page = client.get(reverse("reporting:ledger", args=[assignment.pk]))
    assert page.status_code == 200
    item = page.context["item"]
    return {
        "revision": page.context["revision"],
        "office": item.office,
        "person_name": item.person_name,
        "post": item.post,
        "phone": item.phone,
        "text": item.text,
        "sub_goals": item.sub_goals,
    }


def test_the_second_save_of_a_stale_form_is_refused_and_shows_both_versions(
    client, cast, colleague, assignment
):
    url = reverse("reporting:ledger", args=[assignment.pk])
    lenas = opened(client, cast["lena"], assignment) | {"text": "Lena 写的实施方案", "office": "学前教育科"}
    colleagues = opened(client, colleague, assignment) | {"text": "同事写的实施方案", "office": "基础教育科"}

    assert client.post(url, colleagues).status_code == 302  # the colleague saves first
    client.force_login(cast["lena"])
    response = client.post(url, lenas)

    assert response.status_code == 409
    page = response.content.decode()
    assert "实施方案已被他人修改并保存" in page
    assert "同事写的实施方案" in page and "基础教育科" in page  # the saved version
    assert "Lena 写的实施方案" in page and "学前教育科" in page  # and hers
    saved = ImplementationPlan.objects.get(assignment=assignment)
    assert (saved.text, saved.office, saved.updated_by) == ("同事写的实施方案", "基础教育科", colleague)
    # What she typed is in the form, ready to merge and save against the revision now saved.
    assert response.context["item"].text == "Lena 写的实施方案"
    assert response.context["revision"] == saved.revision


def test_a_save_after_the_conflict_with_the_new_revision_goes_through(client, cast, colleague, assignment):
    url = reverse("reporting:ledger", args=[assignment.pk])
    lenas = opened(client, cast["lena"], assignment) | {"text": "Lena 写的"}
    client.force_login(colleague)
    client.post(url, opened(client, colleague, assignment) | {"text": "同事写的"})
    client.force_login(cast["lena"])
    refused = client.post(url, lenas)
    merged = lenas | {"revision": refused.context["revision"], "text": "同事写的；Lena 写的"}
    assert client.post(url, merged).status_code == 302
    assert ImplementationPlan.objects.get(assignment=assignment).text == "同事写的；Lena 写的"


def test_a_stale_save_with_a_file_keeps_neither_its_text_nor_its_file(client, cast, colleague, assignment):
    url = reverse("reporting:ledger", args=[assignment.pk])
    lenas = opened(client, cast["lena"], assignment) | {"text": "Lena 写的"}
    client.post(url, opened(client, colleague, assignment) | {"text": "同事写的"})
    client.force_login(cast["lena"])
    response = client.post(
        url, lenas | {"file": SimpleUploadedFile("方案.pdf", pdf_bytes(), "application/pdf")}
    )
    assert response.status_code == 409 and "您选择的文件没有保存" in response.content.decode()
    assert not ImplementationPlan.objects.get(assignment=assignment).file


@pytest.mark.parametrize(
    "revision",
    ["", "²", "-1", "9" * 5000, None],
    ids=["empty", "superscript-two", "minus-one", "5000-digits", "missing"],
)
def test_a_mangled_revision_is_treated_as_stale(client, cast, assignment, revision):
    form = opened(client, cast["lena"], assignment) | {"text": "改过的"}
    if revision is None:
        del form["revision"]
    else:
        form["revision"] = revision
    response = client.post(reverse("reporting:ledger", args=[assignment.pk]), form)
    assert response.status_code == 409
    assert ImplementationPlan.objects.get(assignment=assignment).text == ""


def test_the_service_checks_the_revision_it_is_given(cast, colleague, assignment):
    item = ImplementationPlan.objects.create(assignment=assignment)
    save_implementation_plan(item, colleague, 0, {"text": "第一版"})
    stale = ImplementationPlan.objects.get(pk=item.pk)
    with pytest.raises(LedgerConflict) as refused:
        save_implementation_plan(stale, cast["lena"], 0, {"text": "第二版"})
    assert refused.value.saved.text == "第一版" and refused.value.saved.revision == 1
    assert ImplementationPlan.objects.get(pk=item.pk).text == "第一版"
    assert save_implementation_plan(stale, cast["lena"], 1, {"text": "第二版"}).revision == 2
