"""Saving the report form keeps what Lena typed, whatever happens to the save.

A save that goes through always answers with a redirect to the report (post-redirect-get), and
the form posts to the report's own address, so the address bar never holds /save/. A save that is
refused (a bad figure, text too long, a file that is not a PDF, someone else's save) shows the
form again holding every field as typed: the text, the deadline, the 自评 select and each figure.
"""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shishi.reporting.models import QuarterlyReport
from shishi.reporting.services import start_report
from tests.conftest import fill_report, pdf_bytes, report_form


@pytest.fixture
def draft(cast, q1):
    """Lena's first-quarter draft, saved once: measures, 2023年12月31日, 按计划推进, figures 3."""
    report = start_report(cast["lena"].unit, q1)
    return fill_report(report, cast["lena"], "先存的草稿。", {"新改扩建幼儿园": "3"})


def _typed(report) -> dict:
    """Every field of the form changed from what is saved, one way per field type."""
    data = report_form(report, "改过的措施，尚未保存。", "5")
    first = report.lines.select_related("project").first()
    data[f"line-{first.project_id}-deadline"] = "2023年10月底"
    data[f"line-{first.project_id}-assessment"] = "behind"
    second = report.lines.all()[1]
    data[f"line-{second.project_id}-assessment"] = ""  # changed back to "— 请选择 —"
    return data


def _field(page: str, name: str) -> str:
    """The value the page's form shows for `name`: an input's value, a textarea's text, or the
    option a select has selected."""
    page = html.unescape(page)
    if match := re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S):
        return match.group(1)
    if match := re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.findall(r'<option value="([^"]*)" selected>', match.group(1))
        assert len(chosen) == 1, chosen
        return chosen[0]
    return re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page).group(1)


def _assert_every_field_as_typed(page: str, data: dict):
    for name, value in data.items():
        if name.startswith(("line-", "value-")):
            assert _field(page, name) == str(value), name


def test_the_form_posts_to_the_reports_own_address(client, cast, draft):
    client.force_login(cast["lena"])
    page = client.get(reverse("reporting:report", args=[draft.pk])).content.decode()
    assert f'<form method="post" action="{reverse("reporting:report", args=[draft.pk])}"' in page
    assert "/save/" not in page


def test_a_save_redirects_to_the_report_and_shows_what_was_saved(client, cast, draft):
    client.force_login(cast["lena"])
    data = _typed(draft)
    response = client.post(reverse("reporting:report", args=[draft.pk]), data)
    assert response.status_code == 302 and response.url == reverse("reporting:report", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert "草稿已保存。" in page
    _assert_every_field_as_typed(page, data)


def test_a_save_with_the_stamped_pdf_redirects_too(client, cast, draft):
    client.force_login(cast["lena"])
    data = {**_typed(draft), "then": "upload"}
    data["stamped_pdf"] = SimpleUploadedFile("盖章.pdf", pdf_bytes(), "application/pdf")
    response = client.post(reverse("reporting:report", args=[draft.pk]), data)
    assert response.status_code == 302 and response.url == reverse("reporting:report", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.stamped_pdf_name == "盖章.pdf"


def test_a_save_and_submit_redirects_to_the_report(client, cast, draft):
    client.force_login(cast["lena"])
    data = {**_typed(draft), "then": "upload"}
    client.post(
        reverse("reporting:report", args=[draft.pk]),
        {**data, "stamped_pdf": SimpleUploadedFile("盖章.pdf", pdf_bytes(), "application/pdf")},
    )
    draft.refresh_from_db()
    response = client.post(
        reverse("reporting:report", args=[draft.pk]), {**data, "revision": draft.revision, "then": "submit"}
    )
    assert response.status_code == 302 and response.url == reverse("reporting:report", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.state == QuarterlyReport.State.SUBMITTED


@pytest.mark.parametrize(
    ("field", "bad"),
    [("value", "六所"), ("deadline", "2023年" + "十二月底" * 20), ("measures", "很长" * 10001)],
    ids=["a-figure-not-a-number", "a-deadline-too-long", "measures-too-long"],
)
def test_every_field_survives_a_validation_error(client, cast, draft, field, bad):
    client.force_login(cast["lena"])
    data = _typed(draft)
    first = draft.lines.select_related("project").first()
    name = (
        next(k for k in data if k.startswith("value-"))
        if field == "value"
        else f"line-{first.project_id}-{field}"
    )
    data[name] = bad
    response = client.post(reverse("reporting:report", args=[draft.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    _assert_every_field_as_typed(page, data)
    assert _field(page, f"line-{first.project_id}-assessment") == "behind"  # the 自评, changed
    before = draft.revision
    draft.refresh_from_db()
    assert draft.revision == before and draft.lines.get(pk=first.pk).assessment == "on_schedule"


def test_every_field_survives_a_refused_pdf_and_the_revision_stays(client, cast, draft):
    client.force_login(cast["lena"])
    data = {**_typed(draft), "then": "upload"}
    data["stamped_pdf"] = SimpleUploadedFile("盖章.pdf", b"PK\x03\x04 a Word file", "application/pdf")
    response = client.post(reverse("reporting:report", args=[draft.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "不是PDF" in page and "尚未保存" in page and "他人修改" not in page
    _assert_every_field_as_typed(page, data)
    before = draft.revision
    draft.refresh_from_db()
    assert draft.revision == before and not draft.stamped_pdf
    assert _field(page, "revision") == str(before)  # the next save is not taken for someone else's


def test_a_refused_pdf_alone_never_raises_the_revision(client, cast, draft):
    client.force_login(cast["lena"])
    before = draft.revision
    response = client.post(
        reverse("reporting:upload_pdf", args=[draft.pk]),
        {"stamped_pdf": SimpleUploadedFile("盖章.pdf", b"not a pdf", "application/pdf")},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.revision == before and not draft.stamped_pdf


def test_a_pdf_chosen_with_a_bad_figure_is_said_not_uploaded(client, cast, draft):
    client.force_login(cast["lena"])
    data = {**_typed(draft), "then": "upload"}
    data[next(k for k in data if k.startswith("value-"))] = "六所"
    data["stamped_pdf"] = SimpleUploadedFile("盖章.pdf", pdf_bytes(), "application/pdf")
    page = client.post(reverse("reporting:report", args=[draft.pk]), data).content.decode()
    assert "所选的盖章PDF文件没有上传，请改正后重新选择。" in page
    draft.refresh_from_db()
    assert not draft.stamped_pdf


def test_every_field_survives_someone_elses_save(client, cast, draft):
    """Lena's form is stale (another clerk of her unit saved since): refused, her typing kept."""
    client.force_login(cast["lena"])
    data = _typed(draft)
    fill_report(draft, cast["lena"], "另一位同事刚保存的内容。")
    response = client.post(reverse("reporting:report", args=[draft.pk]), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人修改" in page
    _assert_every_field_as_typed(page, data)


def test_only_the_units_clerk_may_post_to_the_report(client, cast, draft):
    for someone in ("pavel", "cora", "leah"):
        client.force_login(cast[someone])
        assert client.post(reverse("reporting:report", args=[draft.pk]), _typed(draft)).status_code == 403
    draft.refresh_from_db()
    assert set(draft.lines.values_list("measures", flat=True)) == {"先存的草稿。"}


def test_a_submit_without_the_stamped_pdf_keeps_the_draft_and_says_both(client, cast, draft):
    client.force_login(cast["lena"])
    data = {**_typed(draft), "then": "submit"}
    response = client.post(reverse("reporting:report", args=[draft.pk]), data, follow=True)
    assert response.redirect_chain == [(reverse("reporting:report", args=[draft.pk]), 302)]
    page = response.content.decode()
    assert "草稿已保存。" in page and "请先上传盖章PDF，再报送。" in page
    _assert_every_field_as_typed(page, data)
    draft.refresh_from_db()
    assert draft.state == QuarterlyReport.State.DRAFT
