"""A 桓台县 office (Cora) running next year's selection, beside the 2023 plan of tests/conftest.py."""

from __future__ import annotations

import pytest

from shishi.directory.models import Unit
from shishi.selection import services
from shishi.selection.rules import Ballots
from shishi.selection.services import CandidateText, ProposalText, VoteSettings


@pytest.fixture
def units(world):
    names = ("县教育体育局", "县卫生健康局", "县妇联")
    return [Unit.objects.get_or_create(region=world["huantai"], name=name)[0] for name in names]


@pytest.fixture
def proposal(world):
    return services.submit_proposal(
        world["huantai"],
        2024,
        "web",
        ProposalText(title="城区新建普惠托育园", what="建议在城区新建一所普惠托育园，提供托位100个。"),
    )


@pytest.fixture
def candidates(world, cora, units, proposal):
    texts = [
        CandidateText(title="新建普惠托育园", targets_text="新增普惠托位100个"),
        CandidateText(title="农村妇女两癌筛查", targets_text="免费筛查1.8万人"),
        CandidateText(title="新改扩建幼儿园", targets_text="新改扩建幼儿园6所"),
    ]
    return [
        services.save_candidate(world["huantai"], 2024, cora, text, units, [proposal] if n == 0 else [])
        for n, text in enumerate(texts)
    ]


@pytest.fixture
def session(world, cora, candidates):
    return services.create_vote_session(
        world["huantai"], 2024, cora, VoteSettings(title="县人大常委会票决", members=50), candidates
    )


FULL = Ballots(issued=50, returned=50, not_returned=0, valid=48, invalid=2)
