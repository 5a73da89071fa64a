"""The vote's paper: the ballot (票决票) and the result announcement (票决结果公告), as .docx in
the GB/T 9704 layout of shishi/gbt9704.py. The ballot carries no masthead (it is not a 公文);
the announcement has the title, body, signature and 版记 of one, with every candidate's count in
an attachment table."""

from __future__ import annotations

import datetime

from docx.shared import Cm, Pt

from shishi import gbt9704

from . import rules
from .docx_table import table
from .models import SatisfactionSession, VoteSession
from .ratings import satisfaction_result
from .services import vote_result

# Columns filling the 156 mm 版心: 序号, 候选项目, 牵头单位, then the boxes to mark.
APPROVE_WIDTHS = (Cm(1.2), Cm(6.6), Cm(3.6), Cm(1.4), Cm(1.4), Cm(1.4))
PICK_WIDTHS = (Cm(1.2), Cm(8.4), Cm(4.0), Cm(2.0))
RESULT_WIDTHS = (Cm(1.2), Cm(4.8), Cm(3.2), Cm(1.5), Cm(1.5), Cm(1.5), Cm(1.9))
PICK_RESULT_WIDTHS = (Cm(1.2), Cm(7.2), Cm(3.6), Cm(1.7), Cm(1.9))


def issuer_of(session: VoteSession) -> str:
    return f"{session.region.name}人民代表大会常务委员会"


def _lead(candidate) -> str:
    units = candidate.unit_list
    return units[0].name if units else ""


def ballot(session: VoteSession, day: datetime.date) -> bytes:
    """One row per candidate in ballot order, with boxes to mark."""
    candidates = list(session.candidates.order_by("ballot_order").prefetch_related("unit_places__unit"))
    document = gbt9704.new_document(f"{session.title}票决票")
    gbt9704.title(document, f"{session.region.name}{session.year}年民生实事项目票决票")
    gbt9704.centred(document, f"（{session.title}）", gbt9704.SUBHEADING_FONT)
    if session.mode == rules.PICK:
        gbt9704.body(
            document,
            f"本次从{len(candidates)}个候选项目中票决产生{session.seats}个项目。请在同意的项目后“同意”栏内画“○”，"
            f"最多画{session.seats}个；画“○”超过{session.seats}个的，本票无效。",
        )
        header, widths, boxes = ["序号", "候选项目", "牵头单位", "同意"], PICK_WIDTHS, [""]
    else:
        gbt9704.body(
            document,
            "请在每个候选项目后的“赞成”“反对”“弃权”中任选一栏画“○”；"
            "同一项目画两个以上“○”的，该项无效；不画的，视为弃权。",
        )
        header, widths, boxes = (
            ["序号", "候选项目", "牵头单位", "赞成", "反对", "弃权"],
            APPROVE_WIDTHS,
            ["", "", ""],
        )
    # 序号 is the candidate's place on the year's ballot, as the count page, the announcement and
    # the tallies give it: a further vote among 3号 and 4号 prints 3 and 4, not 1 and 2.
    rows = [[str(c.ballot_order), c.title, _lead(c), *boxes] for c in candidates]
    table(document, header, rows, widths, tall=True)
    note = gbt9704.body(
        document, f"通过规则：{session.get_threshold_display()}；{session.get_tie_display()}。"
    )
    note.paragraph_format.space_before = Pt(gbt9704.BODY_SIZE / 2)
    return gbt9704.save(document, day)


def announcement(session: VoteSession, day: datetime.date) -> bytes:
    """The result, computed by the session's rules, announced; every count in the attachment."""
    result = vote_result(session)
    if not result:
        raise ValueError("the vote has not been counted")
    elected = [item for item in result if item.outcome == rules.ELECTED]
    tied = [item for item in result if item.outcome == rules.TIED]
    issuer = issuer_of(session)
    document = gbt9704.new_document(f"关于{session.year}年民生实事项目票决结果的公告", issuer)
    gbt9704.title(document, f"关于{session.region.name}{session.year}年民生实事项目\n票决结果的公告")
    gbt9704.body(document, "")
    held = f"{gbt9704.chinese_date(session.held_on)}，" if session.held_on else ""
    gbt9704.body(
        document,
        f"{held}{session.title}对{len(result)}个民生实事候选项目进行了票决（{session.mode_text}）。"
        f"组成人员{session.members}人，发出票{session.issued}张，收回{session.returned}张，"
        f"其中有效票{session.valid}张、无效票{session.invalid}张。",
    )
    gbt9704.body(
        document,
        f"按照{session.get_threshold_display()}方为通过的规则，{len(elected)}个项目当选"
        + ("，现予公告：" if elected else "。"),
    )
    for n, item in enumerate(elected, 1):
        gbt9704.body(document, f"{n}．{item.candidate.title}（牵头单位：{_lead(item.candidate)}）")
    if tied:
        gbt9704.body(
            document,
            f"{'、'.join(item.candidate.title for item in tied)}得票相同，按照票决规则另行投票决定。",
        )
    gbt9704.body(document, "当选项目列入本年度民生实事计划，由政府组织实施，接受人大代表和社会监督。")
    gbt9704.body(document, "附件：候选项目得票情况")
    gbt9704.body(document, "")
    gbt9704.signature(document, issuer, gbt9704.chinese_date(day))
    gbt9704.attachment_heading(document)
    gbt9704.title(document, "候选项目得票情况", gbt9704.SIZES["小二"])
    if session.mode == rules.PICK:
        header, widths = ["序号", "候选项目", "牵头单位", "得票", "结果"], PICK_RESULT_WIDTHS
        rows = [
            [
                str(i.candidate.ballot_order),
                i.candidate.title,
                _lead(i.candidate),
                str(i.line.yes),
                _short(i.outcome),
            ]
            for i in result
        ]
    else:
        header, widths = ["序号", "候选项目", "牵头单位", "赞成", "反对", "弃权", "结果"], RESULT_WIDTHS
        rows = [
            [
                str(i.candidate.ballot_order),
                i.candidate.title,
                _lead(i.candidate),
                str(i.line.yes),
                str(i.line.no),
                str(i.line.abstain),
                _short(i.outcome),
            ]
            for i in result
        ]
    table(document, header, rows, widths)
    gbt9704.imprint(document, issuer, gbt9704.chinese_date(day))
    return gbt9704.save(document, day)


def _short(outcome: str) -> str:
    return {rules.ELECTED: "当选", rules.NOT_ELECTED: "未当选", rules.TIED: "另行投票"}[outcome]


# -- the satisfaction vote (满意度测评) ---------------------------------------------------------

RATING_WIDTHS = (Cm(1.2), Cm(7.8), Cm(2.1), Cm(2.4), Cm(2.1))
RATING_RESULT_WIDTHS = (Cm(1.2), Cm(6.6), Cm(1.7), Cm(2.2), Cm(1.7), Cm(2.2))


def rating_ballot(session: SatisfactionSession, day: datetime.date) -> bytes:
    """One row per project of the plan, with 满意 / 基本满意 / 不满意 boxes."""
    plan = session.plan
    document = gbt9704.new_document(f"{session.title}测评票")
    gbt9704.title(document, f"{plan.region.name}{plan.year}年民生实事项目\n满意度测评票")
    gbt9704.body(
        document,
        "请对每个项目的完成情况在“满意”“基本满意”“不满意”中任选一栏画“○”；"
        "同一项目画两个以上“○”或不画的，该项不计入。",
    )
    rows = [[str(p.seq), p.title, "", "", ""] for p in plan.projects.order_by("seq")]
    table(
        document,
        ["序号", "实事项目", "满意", "基本满意", "不满意"],
        rows,
        RATING_WIDTHS,
        tall=True,
        left=(1,),
    )
    note = gbt9704.body(document, "测评规则：" + session.rating_rules.describe())
    note.paragraph_format.space_before = Pt(gbt9704.BODY_SIZE / 2)
    return gbt9704.save(document, day)


def rating_report(session: SatisfactionSession, day: datetime.date) -> bytes:
    """The satisfaction result: each project's votes and result by the stated rule, and the rate."""
    result = satisfaction_result(session)
    if result is None:
        raise ValueError("the satisfaction vote has not been counted")
    plan = session.plan
    issuer = f"{plan.region.name}人民代表大会常务委员会"
    document = gbt9704.new_document(f"{session.title}结果", issuer)
    gbt9704.title(document, f"关于{plan.region.name}{plan.year}年民生实事项目\n满意度测评结果的通报")
    gbt9704.body(document, "")
    held = f"{gbt9704.chinese_date(session.held_on)}，" if session.held_on else ""
    counts = result.counts
    rate = f"{result.rate}%" if result.rate is not None else "—"
    gbt9704.body(
        document,
        f"{held}对{plan.year}年{len(result.ratings)}个民生实事项目进行了满意度测评。组成人员{session.members}人，"
        f"发出测评票{session.issued}张，收回{session.returned}张，其中有效票{session.valid}张、无效票{session.invalid}张。",
    )
    gbt9704.body(document, "测评规则：" + session.rating_rules.describe())
    gbt9704.body(
        document,
        f"测评结果：满意{counts[rules.SATISFIED]}项，基本满意{counts[rules.BASIC]}项，不满意{counts[rules.UNSATISFIED]}项；"
        f"总体满意率（各项“满意”“基本满意”票之和占各项有效票之和的比例）为{rate}。各项目测评情况如下：",
    )
    rows = [
        [
            str(r.line.project.seq),
            r.line.project.title,
            str(r.line.satisfied),
            str(r.line.basic),
            str(r.line.unsatisfied),
            r.result_name,
        ]
        for r in result.ratings
    ]
    table(
        document,
        ["序号", "实事项目", "满意", "基本满意", "不满意", "结果"],
        rows,
        RATING_RESULT_WIDTHS,
        left=(1,),
    )
    gbt9704.body(document, "")
    gbt9704.signature(document, issuer, gbt9704.chinese_date(day))
    gbt9704.imprint(document, issuer, gbt9704.chinese_date(day))
    return gbt9704.save(document, day)
