"""Personal data in text a proposer or the office wrote, before any of it is shown to anyone but
the office: the one check of shishi/pii.py (resident ID numbers, a mistyped check character
included, mobile numbers, e-mail addresses), named the way the office's messages name it.

What it finds in a proposal keeps the proposal's text off public pages until the office has
edited it out; in an answer (which the proposer reads by receipt code) it refuses the answer.
"""

from __future__ import annotations

from shishi.pii import find_personal_data


def personal_data(text: str) -> list[str]:
    """What kinds of personal data `text` seems to hold, by name, each once, in order found;
    empty if none. A landline or a project's code is not personal data.

    >>> personal_data("建议在城区新建口袋公园3处，投资约200万元，咨询电话0533-8180012")
    []
    >>> personal_data("联系我：138 1234 5678，或 me＠example.com，再打13912345678")
    ['手机号码', '电子邮箱']
    """
    return list(dict.fromkeys(finding.kind_name for finding in find_personal_data(text or "")))


def proposal_public_text(proposal) -> str:
    """The parts of a proposal that may be shown publicly (never its contact), as one text."""
    return " ".join((proposal.title, proposal.what, proposal.where, proposal.beneficiaries))
