"""The selection checks proposals and answers with the one personal-data rule (shishi/pii.py):
an ID number is found even with a wrong check character, while a landline, a year or a project's
code is not held back (the blunter check before held back any run of 7 digits)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from shishi.selection import services
from shishi.selection.services import ProposalText, SelectionError

from .test_layers import ROOT, shishi_imports


@pytest.mark.parametrize(
    ("what", "problems"),
    [
        pytest.param("建议新建托育园，咨询电话0533-8180012。", [], id="landline"),
        pytest.param("项目编码2024370321001，投资1200万元，2024年完成。", [], id="project-code-and-year"),
        pytest.param(
            "我的身份证370321198506120034",
            ["建议内容中可能含有身份证号码，公开前请删除。"],
            id="id-with-a-wrong-check-character",
        ),
        pytest.param(
            "电话 138 1234 5678，邮箱 wang＠example.cn",
            ["建议内容中可能含有手机号码，公开前请删除。", "建议内容中可能含有电子邮箱，公开前请删除。"],
            id="mobile-and-full-width-email",
        ),
    ],
)
def test_it_holds_back_a_proposal_only_for_personal_data(world, what, problems):
    proposal = services.submit_proposal(world["huantai"], 2024, "web", ProposalText("托育园", what))
    assert services.public_text_problems(proposal) == problems


def test_it_refuses_an_answer_holding_an_id_number_with_a_wrong_check_character(proposal, cora):
    with pytest.raises(SelectionError, match="可能含有身份证号码"):
        services.answer_proposal(proposal, cora, "declined", "经核实370321198506120034名下已有补助。")


def test_it_accepts_an_answer_naming_the_offices_landline(proposal, cora):
    services.answer_proposal(proposal, cora, "adopted", "采纳。咨询电话0533-8180012。")
    proposal.refresh_from_db()
    assert proposal.answer == "采纳。咨询电话0533-8180012。"


def test_the_personal_data_rule_imports_no_app():
    assert shishi_imports(ROOT / "pii.py") == set()


@pytest.mark.parametrize("name", ["shishi.pii", "shishi.selection.screening", "shishi.selection.linking"])
def test_the_docstring_examples_hold(name):
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
