"""The selection's REST API (/api/selection/): proposals as each person may see them, never a
citizen's contact; candidates in ballot order with their targets; votes and satisfaction votes
with their rules, counts and results; the counts as CSV and XLSX; 404 for another county."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from shishi.directory.models import Unit
from shishi.selection import services
from shishi.selection.ratings import (
    ProjectCount,
    RatingSettings,
    create_satisfaction_session,
    enter_rating_counts,
)
from shishi.selection.rules import PICK, Ballots
from shishi.selection.services import CandidateCount, CandidateText, ProposalText, VoteSettings

CONTACT = "王女士 13900001111"


@pytest.fixture
def scene(world, cast, plan):
    huantai, gaoqing = world["huantai"], world["gaoqing"]
    cora, lena, dave, otto = cast["cora"], cast["lena"], cast["dave"], cast["otto"]
    web = services.submit_proposal(
        huantai,
        2024,
        "web",
        ProposalText(title="城区新建普惠托育园", what="建议新建一所普惠托育园。", contact=CONTACT),
    )
    unit = services.submit_proposal(
        huantai, 2024, "unit", ProposalText(title="校园心理辅导室", what="建设心理辅导室。"), lena, lena.unit
    )
    deputy = services.submit_proposal(
        huantai, 2024, "deputy", ProposalText(title="两癌筛查扩面", what="扩大筛查范围。"), dave
    )
    elsewhere = services.submit_proposal(
        gaoqing, 2024, "paper", ProposalText(title="高青县的建议", what="书面来信。"), otto
    )
    services.answer_proposal(web, cora, "adopted", "已采纳，列入候选项目。")
    education = Unit.objects.get(region=huantai, name="县教育体育局")
    health, _ = Unit.objects.get_or_create(region=huantai, name="县卫生健康局")
    texts = [
        CandidateText(title="新建普惠托育园", targets_text="新增普惠托位100个", investment=300),
        CandidateText(title='=HYPERLINK("http://evil.example/")', targets_text="免费筛查1.8万人"),
        CandidateText(title="新改扩建幼儿园", targets_text="新改扩建幼儿园6所"),
    ]
    candidates = [
        services.save_candidate(huantai, 2024, cora, text, [health, education], [web] if n == 0 else [])
        for n, text in enumerate(texts)
    ]
    vote = services.create_vote_session(
        huantai, 2024, cora, VoteSettings(title="县人大票决", members=50, mode=PICK, seats=2), candidates
    )
    ballots = Ballots(issued=50, returned=50, not_returned=0, valid=48, invalid=2)
    marks = [40, 30, 20]
    vote = services.enter_vote_counts(
        vote, cora, ballots, {c.pk: CandidateCount(m) for c, m in zip(candidates, marks, strict=True)}
    )
    rating = create_satisfaction_session(plan, cora, RatingSettings(title="2023年满意度测评", members=50))
    counts = {p.pk: ProjectCount(30, 10, 8) for p in plan.projects.all()}
    rating = enter_rating_counts(rating, cora, ballots, counts)
    return {
        "web": web,
        "unit": unit,
        "deputy": deputy,
        "elsewhere": elsewhere,
        "candidates": candidates,
        "vote": vote,
        "rating": rating,
    }


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()}


def test_the_office_reads_every_proposal_of_its_region_and_no_ones_contact(scene, api_as):
    response = api_as("cora").get("/api/selection/proposals")
    assert _ids(response) == {scene[k].pk for k in ("web", "unit", "deputy")}
    assert "13900001111" not in response.content.decode() and "王女士" not in response.content.decode()
    assert all("contact" not in item for item in response.json())
    web = api_as("cora").get(f"/api/selection/proposals/{scene['web'].pk}").json()
    assert web["status"] == "adopted" and web["answer"] == "已采纳，列入候选项目。"
    assert web["candidate_ids"] == [scene["candidates"][0].pk] and "contact" not in web
    assert _ids(api_as("cora").get("/api/selection/proposals", status="pending")) == {
        scene["unit"].pk,
        scene["deputy"].pk,
    }


def test_a_unit_and_a_deputy_read_their_own_proposals_only(scene, api_as):
    assert _ids(api_as("lena").get("/api/selection/proposals")) == {scene["unit"].pk}
    assert _ids(api_as("dave").get("/api/selection/proposals")) == {scene["deputy"].pk}
    assert _ids(api_as("pavel").get("/api/selection/proposals")) == set()  # another unit's clerk
    assert _ids(api_as("leah").get("/api/selection/proposals")) == set()  # contacts are the office's
    assert api_as("dave").get(f"/api/selection/proposals/{scene['web'].pk}").status_code == 404


def test_a_person_of_another_county_gets_404_with_a_chinese_reason(scene, api_as):
    otto = api_as("otto")
    assert _ids(otto.get("/api/selection/proposals")) == {scene["elsewhere"].pk}
    for path in (
        f"/api/selection/proposals/{scene['web'].pk}",
        f"/api/selection/votes/{scene['vote'].pk}",
        f"/api/selection/satisfaction/{scene['rating'].pk}",
        f"/api/selection/votes/{scene['vote'].pk}/tally",
        f"/api/selection/satisfaction/{scene['rating'].pk}/tally",
    ):
        response = otto.get(path)
        assert response.status_code == 404, path
        assert "找不到" in response.json()["detail"], path
    assert otto.get("/api/selection/candidates").json() == []
    assert otto.get("/api/selection/votes").json() == []
    assert otto.get("/api/selection/satisfaction").json() == []


def test_candidates_come_in_ballot_order_with_their_targets_and_units(scene, api_as):
    for reader in ("cora", "leah", "connie", "cici"):
        items = api_as(reader).get("/api/selection/candidates", year=2024).json()
        assert [c["ballot_order"] for c in items] == [1, 2, 3], reader
    first = api_as("leah").get("/api/selection/candidates").json()[0]
    assert first["title"] == "新建普惠托育园" and first["investment"] == "300"
    units = [(u["unit"], u["lead"]) for u in first["units"]]
    assert units == [("县卫生健康局", True), ("县教育体育局", False)]
    assert first["targets"][0]["value"] == "100" and first["targets"][0]["unit_of_measure"] == "个"
    assert first["proposal_ids"] == [scene["web"].pk]
    assert api_as("lena").get("/api/selection/candidates").json() == []  # a unit's clerk
    assert api_as("dave").get("/api/selection/candidates").json() == []  # a deputy
    assert api_as("leah").get("/api/selection/candidates", year=2025).json() == []


def test_a_vote_shows_its_rules_its_ballots_and_the_result_by_its_rules(scene, api_as):
    vote = api_as("connie").get(f"/api/selection/votes/{scene['vote'].pk}").json()
    assert (vote["members"], vote["mode"], vote["seats"], vote["threshold"]) == (50, "pick", 2, "members")
    assert vote["ballots"] == {"issued": 50, "returned": 50, "not_returned": 0, "valid": 48, "invalid": 2}
    assert [(r["ballot_order"], r["yes"], r["outcome"]) for r in vote["results"]] == [
        (1, 40, "elected"),
        (2, 30, "elected"),
        (3, 20, "not_elected"),
    ]
    assert vote["results"][0]["outcome_name"] == "当选"
    votes = api_as("leah").get("/api/selection/votes", year=2024).json()
    assert [v["id"] for v in votes] == [scene["vote"].pk]


def test_a_satisfaction_vote_shows_each_projects_result_and_the_rate(scene, api_as, plan):
    rating = api_as("cora").get(f"/api/selection/satisfaction/{scene['rating'].pk}").json()
    assert rating["plan_id"] == plan.pk and len(rating["results"]) == plan.projects.count()
    assert {r["result"] for r in rating["results"]} == {"satisfied"}  # 30 of 50 members
    assert rating["rate"] == "83.3"  # (30 + 10) / 48
    assert "全体组成人员" in rating["rule"]
    assert rating["counts"] == {"satisfied": plan.projects.count(), "basic": 0, "unsatisfied": 0}


def test_the_tallies_download_as_formula_safe_csv_and_xlsx(scene, api_as):
    cora = api_as("cora")
    xlsx = cora.get(f"/api/selection/votes/{scene['vote'].pk}/tally")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)  # the hostile title is text, not a formula
    assert any("HYPERLINK" in str(c.value) for c in cells)
    assert 40 in [c.value for c in cells] and "当选" in [c.value for c in cells]
    csv_file = cora.get(f"/api/selection/votes/{scene['vote'].pk}/tally", format="csv")
    text = csv_file.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["2", '\'=HYPERLINK("http://evil.example/")', "30", "0", "0", "当选"] in rows
    rating = cora.get(f"/api/selection/satisfaction/{scene['rating'].pk}/tally")
    sheet = load_workbook(io.BytesIO(rating.content)).active
    assert any("总体满意率83.3%" in str(c.value) for row in sheet.iter_rows() for c in row)
    assert cora.get(f"/api/selection/votes/{scene['vote'].pk}/tally", format="pdf").status_code == 422


def test_the_office_page_offers_the_counts_as_xlsx_to_those_who_read_the_vote(scene, client, cast):
    url = f"/api/tallies/vote/{scene['vote'].pk}.xlsx"
    client.force_login(cast["leah"])
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(1, 1).value == "县人大票决计票结果"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    client.force_login(cast["cora"])
    assert url in client.get(f"/selection/votes/{scene['vote'].pk}/").content.decode()
    rating_url = f"/api/tallies/satisfaction/{scene['rating'].pk}.xlsx"
    assert rating_url in client.get(f"/selection/satisfaction/{scene['rating'].pk}/").content.decode()
    assert client.get(rating_url).status_code == 200
    client.force_login(cast["otto"])
    assert client.get(url).status_code in (403, 404)
    client.force_login(cast["lena"])
    assert client.get(url).status_code in (403, 404)


@pytest.mark.parametrize("who", ["cora", "leah", None])
def test_odd_numbers_in_the_xlsx_address_never_break_it(scene, client, cast, who):
    if who:
        client.force_login(cast[who])
    for kind in ("vote", "satisfaction", "plan", "²"):
        for pk in ["²", "፩", "٣", "9" * 5000, "-1", "0", str(2**31), str(2**63 - 1), str(2**63), "9" * 20]:
            response = client.get(f"/api/tallies/{kind}/{pk}.xlsx")
            assert response.status_code < 500, (kind, pk[:20], response.status_code)
            assert response.status_code != 200
