"""A 2024 plan of 桓台县 made by the 票决: the chain the public page shows, built through the real
services. Shared by the chain's page tests and its browser journey.

- 王女士 proposed 城区新建普惠托育园 on the web, with her phone as contact (never shown);
- a phone caller's proposal holds an ID number with a wrong check character (held back);
- a third, 托育, was merged into 王女士's;
- the office shortlisted 新建普惠托育园 (from the first two) and 新改扩建幼儿园 (its own item);
  both were elected (40 and 30 of 50), drafted, confirmed and published as a plan.
"""

from __future__ import annotations

import datetime

from shishi.directory.models import Unit
from shishi.plans.services import confirm_plan, draft_unit_names
from shishi.public.services import publish_plan
from shishi.selection import ratings, services
from shishi.selection.ratings import ProjectCount, RatingSettings
from shishi.selection.rules import Ballots
from shishi.selection.services import CandidateCount, CandidateText, ProposalText, VoteSettings

CONTACT = "王女士 13812345678"
HELD_BACK_ID = "370321198506120034"  # the check character should be 3: flagged all the same
ANSWER = "采纳。已列入2024年民生实事候选项目。"


def voted_plan(world, cora) -> dict:
    region = world["huantai"]
    names = ("县卫生健康局", "县教育体育局")
    units = [Unit.objects.get_or_create(region=region, name=name)[0] for name in names]
    wang = services.submit_proposal(
        region,
        2024,
        "web",
        ProposalText("城区新建普惠托育园", "建议在城区新建一所普惠托育园，提供托位100个。", contact=CONTACT),
    )
    caller = services.submit_proposal(
        region, 2024, "phone", ProposalText("多建托育园", f"孩子没人带，身份证{HELD_BACK_ID}，盼多建托育园。")
    )
    merged = services.submit_proposal(region, 2024, "web", ProposalText("托育", "希望家门口有托育园。"))
    services.answer_proposal(wang, cora, "adopted", ANSWER)
    services.merge_proposal(merged, wang, cora, "与同类建议合并办理。")
    text = CandidateText("新建普惠托育园", targets_text="新增普惠托位100个")
    nursery = services.save_candidate(region, 2024, cora, text, units, [wang, caller])
    schools = services.save_candidate(
        region, 2024, cora, CandidateText("新改扩建幼儿园", targets_text="新改扩建幼儿园6所"), units[1:], []
    )
    vote = services.create_vote_session(
        region, 2024, cora, VoteSettings("县十八届人大三次会议票决", members=50), [nursery, schools]
    )
    services.enter_vote_counts(
        vote,
        cora,
        Ballots(50, 50, 0, 50, 0),
        {nursery.pk: CandidateCount(40, 6, 4), schools.pk: CandidateCount(30)},
    )
    notice_file = services.draft_plan(region, 2024, cora, datetime.date(2024, 1, 15))
    plan = confirm_plan(notice_file, cora, {name: "new" for name in draft_unit_names(notice_file.draft)})
    publish_plan(plan, cora)
    return {"plan": plan, "vote": vote, "wang": wang, "caller": caller, "merged": merged, "nursery": nursery}


def rate(plan, cora, publish: bool = True):
    """The deputies' year-end satisfaction vote: 30 满意, 10 基本满意, 10 不满意 of 50 on each."""
    settings_ = RatingSettings("2024年民生实事满意度测评", members=50)
    session = ratings.create_satisfaction_session(plan, cora, settings_)
    ratings.enter_rating_counts(
        session,
        cora,
        Ballots(50, 50, 0, 50, 0),
        {project.pk: ProjectCount(30, 10, 10) for project in plan.projects.all()},
    )
    if publish:
        services.publish_result(session, cora, True)
    return session
