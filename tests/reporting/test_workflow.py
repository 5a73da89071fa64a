"""The quarterly report's life, as Lena (lead clerk) and Cora (coordinator) live it."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shishi.history.models import Event
from shishi.reporting.models import QuarterlyReport, ReportVersion
from tests.conftest import pdf_bytes, report_form


def _open(client, period):
    response = client.post(reverse("reporting:open", args=[period.pk]))
    assert response.status_code == 302
    return QuarterlyReport.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


_form = report_form  # the name these tests read best with


def _upload(client, report, data=None, name="盖章.pdf"):
    return client.post(
        reverse("reporting:upload_pdf", args=[report.pk]),
        {"stamped_pdf": SimpleUploadedFile(name, data or pdf_bytes(), "application/pdf")},
    )


def test_the_report_has_a_line_for_every_project_the_unit_is_on(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    seqs = [line.project.seq for line in report.lines.select_related("project")]
    assert seqs == [1, 3, 4, 7, 9, 10]  # 县教育体育局 in the huantai notice
    assert [t.target.indicator for t in report.lines.get(project__seq=1).values.select_related("target")] == [
        "新改扩建幼儿园",
        "新改扩建中小学",
        "新改扩建中职学校",
        "拓展学位",
    ]


def test_it_saves_a_draft_and_shows_it_again(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    response = client.post(reverse("reporting:save", args=[report.pk]), _form(report))
    assert response.status_code == 302
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "本季度完成3所幼儿园主体工程。" in page
    report.refresh_from_db()
    assert report.state == "draft" and report.revision == 1


def test_it_refuses_to_submit_without_a_stamped_pdf(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    client.post(reverse("reporting:save", args=[report.pk]), {**_form(report), "then": "submit"})
    report.refresh_from_db()
    assert report.state == "draft"
    assert not ReportVersion.objects.exists()


def test_submit_return_resubmit_accept(client, cast, q1):
    lena, cora = cast["lena"], cast["cora"]
    client.force_login(lena)
    report = _open(client, q1)
    assert _upload(client, report).status_code == 302
    report.refresh_from_db()
    assert report.stamped_pdf_sha256 and report.stamped_pdf.read()[:5] == b"%PDF-"
    client.post(reverse("reporting:save", args=[report.pk]), {**_form(report), "then": "submit"})
    report.refresh_from_db()
    assert report.state == "submitted"

    # Submitting locks the report.
    response = client.post(reverse("reporting:save", args=[report.pk]), _form(report, "偷偷改一下"))
    assert response.status_code == 400
    assert "已报送" in response.content.decode()

    client.force_login(cora)
    empty_reason = client.post(
        reverse("reporting:review", args=[report.pk]), {"decision": "return", "reason": " "}
    )
    assert empty_reason.status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted"  # a return needs a reason
    client.post(
        reverse("reporting:review", args=[report.pk]), {"decision": "return", "reason": "请补充开工照片说明"}
    )
    report.refresh_from_db()
    assert (report.state, report.return_reason) == ("returned", "请补充开工照片说明")
    assert lena.notices.filter(text__contains="请补充开工照片说明").exists()

    client.force_login(lena)
    client.post(
        reverse("reporting:save", args=[report.pk]),
        {**_form(report, "已补充：3所幼儿园主体完工。", "4"), "then": "submit"},
    )
    report.refresh_from_db()
    assert report.state == "submitted"

    client.force_login(cora)
    client.post(reverse("reporting:review", args=[report.pk]), {"decision": "accept"})
    report.refresh_from_db()
    assert report.state == "accepted"

    versions = list(report.versions.order_by("number"))
    assert [(v.number, v.outcome) for v in versions] == [(1, "returned"), (2, "accepted")]
    assert versions[0].content["lines"][0]["measures"] == "本季度完成3所幼儿园主体工程。"
    page = client.get(reverse("reporting:version", args=[report.pk, 2])).content.decode()
    assert (
        "已补充：3所幼儿园主体完工。" in page and "本季度完成3所幼儿园主体工程。" in page
    )  # the change is shown
    assert set(Event.objects.values_list("verb", flat=True)) >= {
        "imported",
        "submitted",
        "returned",
        "accepted",
    }


def test_uploading_the_stamped_pdf_from_the_form_keeps_what_was_typed(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    data = {**_form(report, "上传前没有先保存的文字。"), "then": "upload"}
    response = client.post(
        reverse("reporting:save", args=[report.pk]),
        {**data, "stamped_pdf": SimpleUploadedFile("盖章.pdf", pdf_bytes(), "application/pdf")},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.stamped_pdf_name == "盖章.pdf" and report.state == "draft"
    assert report.lines.get(project__seq=1).measures == "上传前没有先保存的文字。"

    # Without a file the text is still saved, and the clerk is told that no PDF came with it.
    first = report.lines.get(project__seq=1)
    data.update({"revision": report.revision, f"line-{first.project_id}-measures": "改过的文字。"})
    response = client.post(reverse("reporting:save", args=[report.pk]), data, follow=True)
    assert "请选择盖章后的PDF文件。" in response.content.decode()
    first.refresh_from_db()
    assert first.measures == "改过的文字。"


def test_the_next_quarter_starts_from_last_quarters_text(client, cast, plan, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    client.post(reverse("reporting:save", args=[report.pk]), _form(report, "一季度：完成选址。", "1"))
    q2 = plan.periods.get(quarter=2)
    second = _open(client, q2)
    line = second.lines.get(project__seq=1)
    assert line.measures == "一季度：完成选址。"
    assert {v.value for v in line.values.all()} == {1}


def test_a_bad_figure_is_refused_and_what_was_typed_is_kept(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    data = _form(report, "这段文字不能丢。")
    first_value = next(k for k in data if k.startswith("value-"))
    data[first_value] = "六所"
    response = client.post(reverse("reporting:save", args=[report.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "应填数字" in page and "这段文字不能丢。" in page and "六所" in page
    report.refresh_from_db()
    assert report.revision == 0


@pytest.mark.parametrize("figure", ["-1", "1e99", "NaN"])
def test_a_figure_out_of_range_is_refused(client, cast, q1, figure):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    data = _form(report)
    data[next(k for k in data if k.startswith("value-"))] = figure
    assert client.post(reverse("reporting:save", args=[report.pk]), data).status_code == 400


def test_a_round_figure_is_frozen_as_written_not_in_scientific_notation(client, cast, q1):
    from shishi.reporting.services import content_of

    client.force_login(cast["lena"])
    report = _open(client, q1)
    client.post(reverse("reporting:save", args=[report.pk]), _form(report, value="100"))
    values = {v["value"] for line in content_of(report)["lines"] for v in line["values"]}
    assert values == {"100"}


def test_a_submitted_report_shows_its_figures_deadline_and_assessment_to_the_clerk(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    _upload(client, report)
    report.refresh_from_db()
    client.post(reverse("reporting:save", args=[report.pk]), {**_form(report, value="3"), "then": "submit"})
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert 'name="value-' not in page  # no longer a form
    assert "新改扩建幼儿园：3（目标" in page and "2023年12月31日" in page and "自评：按计划推进" in page


def test_a_refused_form_keeps_the_assessment_and_deadline_that_were_chosen(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    data = _form(report)
    data[next(k for k in data if k.startswith("value-"))] = "六所"
    first = report.lines.get(project__seq=1)
    data |= {
        f"line-{first.project_id}-assessment": "behind",
        f"line-{first.project_id}-deadline": "2023年10月底",
    }
    response = client.post(reverse("reporting:save", args=[report.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert '<option value="behind" selected>' in page and 'value="2023年10月底"' in page


def test_text_pasted_from_word_is_kept_as_text_a_document_can_hold(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    assert (
        client.post(
            reverse("reporting:save", args=[report.pk]), _form(report, "第一行\x0b第二行\x01")
        ).status_code
        == 302
    )
    assert report.lines.get(project__seq=1).measures == "第一行\n第二行"


def _revision_on(page: str) -> str:
    return re.search(r'name="revision"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="revision"', page).group(1)


def test_a_refused_pdf_then_the_real_one_is_not_taken_for_someone_elses_edit(client, cast, q1):
    """Lena saves, picks a file that is not a PDF (refused), then the real PDF: her second try
    saves, and the page never says the report was changed by someone else."""
    client.force_login(cast["lena"])
    report = _open(client, q1)
    assert (
        client.post(reverse("reporting:save", args=[report.pk]), _form(report, "先存草稿。")).status_code
        == 302
    )
    report.refresh_from_db()
    data = _form(report, "再改一遍。")
    refused = client.post(
        reverse("reporting:save", args=[report.pk]),
        {**data, "stamped_pdf": SimpleUploadedFile("盖章.pdf", b"not a pdf", "application/pdf")},
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "再改一遍。" in page and "他人修改" not in page and "尚未保存" in page
    retry = {
        **data,
        "revision": _revision_on(page),
        "stamped_pdf": SimpleUploadedFile("盖章.pdf", pdf_bytes(), "application/pdf"),
    }
    assert client.post(reverse("reporting:save", args=[report.pk]), retry).status_code == 302
    report.refresh_from_db()
    assert report.stamped_pdf and set(report.lines.values_list("measures", flat=True)) == {"再改一遍。"}


def test_refreshing_the_address_a_refused_save_left_opens_the_report(client, cast, q1):
    client.force_login(cast["lena"])
    report = _open(client, q1)
    response = client.get(reverse("reporting:save", args=[report.pk]))
    assert response.status_code == 302 and response.url == reverse("reporting:report", args=[report.pk])
