"""The ballot and the result announcement as Word documents: what they say, and (where
LibreOffice is installed) how they print, as PNGs under var/test-artefacts/selection/."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from django.conf import settings

from shishi.selection import documents, ratings, services, tallies
from shishi.selection.notice_text import draft_notice
from shishi.selection.ratings import ProjectCount, RatingSettings
from shishi.selection.rules import PICK, Ballots
from shishi.selection.services import CandidateCount, VoteSettings

from .conftest import FULL

DAY = datetime.date(2024, 1, 20)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
ARTEFACTS = Path(settings.BASE_DIR) / "var" / "test-artefacts" / "selection"


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def counted(session, cora):
    figures = {
        c.pk: CandidateCount(y, n, a)
        for c, (y, n, a) in zip(
            session.candidates.order_by("ballot_order"), [(40, 5, 3), (25, 20, 3), (30, 10, 8)]
        )
    }
    services.enter_vote_counts(session, cora, FULL, figures)
    session.refresh_from_db()
    return session


def test_the_ballot_has_a_row_with_boxes_per_candidate_in_ballot_order(session):
    document = docx.Document(io.BytesIO(documents.ballot(session, DAY)))
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        "序号",
        "候选项目",
        "牵头单位",
        "赞成",
        "反对",
        "弃权",
    ]
    assert [row.cells[1].text for row in table.rows[1:]] == [
        "新建普惠托育园",
        "农村妇女两癌筛查",
        "新改扩建幼儿园",
    ]
    assert all(cell.text == "" for row in table.rows[1:] for cell in row.cells[3:])
    assert "桓台县2024年民生实事项目票决票" in text_of(documents.ballot(session, DAY))


def test_a_pick_n_ballot_says_how_many_may_be_marked(session, cora, candidates):
    services.set_vote_rules(
        session, cora, VoteSettings("县人大常委会票决", members=50, mode=PICK, seats=2), candidates
    )
    text = text_of(documents.ballot(session, DAY))
    assert "从3个候选项目中票决产生2个项目" in text and "最多画2个" in text


def test_the_announcement_names_the_elected_by_the_rules(session, cora):
    text = text_of(documents.announcement(counted(session, cora), DAY))
    assert "发出票50张，收回50张，其中有效票48张、无效票2张" in text
    assert "2个项目当选" in text
    assert "1．新建普惠托育园（牵头单位：县教育体育局）" in text
    assert "农村妇女两癌筛查" in text and "未当选" in text


def test_the_same_count_gives_the_same_bytes(session, cora):
    session = counted(session, cora)
    assert documents.announcement(session, DAY) == documents.announcement(session, DAY)


def test_the_pages_offer_the_ballot_before_and_the_announcement_after_the_count(client, cast, session):
    client.force_login(cast["cora"])
    assert client.get(f"/selection/votes/{session.pk}/ballot.docx").status_code == 200
    assert client.get(f"/selection/votes/{session.pk}/announcement.docx").status_code == 404
    counted(session, cast["cora"])
    response = client.get(f"/selection/votes/{session.pk}/announcement.docx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]


@pytest.fixture
def rated(plan, cora):
    session = ratings.create_satisfaction_session(
        plan,
        cora,
        RatingSettings("2023年度民生实事满意度测评", members=50, held_on=datetime.date(2023, 12, 26)),
    )
    figures = {p.pk: ProjectCount(26, 10, 14) for p in plan.projects.all()}
    figures[plan.projects.get(seq=1).pk] = ProjectCount(25, 1, 24)
    ratings.enter_rating_counts(session, cora, Ballots(50, 50, 0, 50, 0), figures)
    session.refresh_from_db()
    return session


def test_the_satisfaction_ballot_has_a_row_per_project_and_states_the_rule(rated, plan):
    document = docx.Document(io.BytesIO(documents.rating_ballot(rated, DAY)))
    rows = document.tables[0].rows
    assert [c.text for c in rows[0].cells] == ["序号", "实事项目", "满意", "基本满意", "不满意"]
    assert len(rows) == 1 + plan.projects.count()
    assert "“满意”票超过全体组成人员的50%为满意" in text_of(documents.rating_ballot(rated, DAY))


def test_the_satisfaction_result_gives_each_projects_result_and_the_rate(rated, client, cast):
    text = text_of(documents.rating_report(rated, DAY))
    assert "2023年12月26日，对2023年" in text
    assert "基本满意1项" in text and "总体满意率" in text
    client.force_login(cast["cora"])
    assert client.get(f"/selection/satisfaction/{rated.pk}/result.docx").status_code == 200


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or PDFTOPPM is None, reason="LibreOffice or pdftoppm is not installed")
def test_libreoffice_prints_the_ballots_and_results(session, cora, rated, tmp_path):
    session = counted(session, cora)
    shutil.rmtree(ARTEFACTS, ignore_errors=True)
    ARTEFACTS.mkdir(parents=True)
    for name, data in (
        ("ballot", documents.ballot(session, DAY)),
        ("announcement", documents.announcement(session, DAY)),
        ("rating-ballot", documents.rating_ballot(rated, DAY)),
        ("rating-result", documents.rating_report(rated, DAY)),
        (
            "draft-notice",
            draft_notice("桓台县", 2024, list(session.candidates.order_by("ballot_order")), DAY, 10),
        ),
    ):
        source = tmp_path / f"{name}.docx"
        source.write_bytes(data)
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{tmp_path}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = tmp_path / f"{name}.pdf"
        subprocess.run(
            [PDFTOPPM, "-r", "60", "-png", str(pdf), str(ARTEFACTS / name)], check=True, timeout=60
        )
    pictures = sorted(p.name for p in ARTEFACTS.glob("*.png"))
    assert {
        "ballot-1.png",
        "announcement-1.png",
        "rating-ballot-1.png",
        "rating-result-1.png",
        "draft-notice-1.png",
    } <= set(pictures)


def test_the_tally_table_is_formula_safe(session, cora, client, cast):
    from shishi.selection import tallies

    candidate = session.candidates.get(ballot_order=1)
    candidate.title = '=HYPERLINK("http://evil.example/")'
    candidate.save()
    counted(session, cora)
    client.force_login(cast["leah"])
    response = client.get(f"/selection/vote/{session.pk}/tally.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "有效票数,48" in text
    assert tallies.cell("-5") == "-5" and tallies.cell("＝1") == "'＝1"


def test_the_satisfaction_tally_states_the_rate_and_the_rule(rated):
    from shishi.selection import tallies

    rows = tallies.rating_rows(rated)
    assert ["总体满意率（%）", "70.0"] in rows
    assert rows[-1][0] == "测评规则"


def test_the_draft_notice_is_read_back_by_the_notice_reader(session):
    from shishi.notice import load_notice

    candidates = list(session.candidates.order_by("ballot_order"))
    data = draft_notice("桓台县", 2024, candidates, DAY, 10)
    notice = load_notice(data, "通知.docx")
    assert [p.title for p in notice.projects] == [c.title for c in candidates]
    assert notice.year == 2024 and notice.warnings == []
    assert "本季度具体措施及任务进度情况" in text_of(data)


def test_a_pick_n_vote_states_its_own_numbers_everywhere_it_is_published(client, session, cora, candidates):
    services.set_vote_rules(
        session, cora, VoteSettings("县人大常委会票决", members=50, mode=PICK, seats=2), candidates
    )
    services.enter_vote_counts(
        session,
        cora,
        Ballots(50, 50, 0, 50, 0),
        {c.pk: CandidateCount(n) for c, n in zip(candidates, (40, 20, 30))},
    )
    services.publish_result(session, cora, True)
    announcement = text_of(documents.announcement(session, DAY))
    public = client.get(f"/selection/results/vote/{session.pk}/").content.decode()
    for text in (announcement, public, "；".join(tallies.vote_above(session))):
        assert "差额票决（3项中选2项）" in text and "M项中选N项" not in text


def test_a_further_votes_ballot_numbers_each_candidate_as_the_count_page_does(world, cora, candidates):
    revote = services.create_vote_session(
        world["huantai"], 2024, cora, VoteSettings("另行投票", members=50, mode=PICK, seats=1), candidates[1:]
    )
    table = docx.Document(io.BytesIO(documents.ballot(revote, DAY))).tables[0]
    assert [row.cells[0].text for row in table.rows[1:]] == ["2", "3"]
