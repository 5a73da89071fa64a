"""The REST API's request and response bodies (documented at /api/docs)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator

MAX_ID = 2**63 - 1  # a bigint: a larger id is a request error, not a database overflow


def _storable(text: str) -> str:
    """Text a database can keep: PostgreSQL refuses NUL, and no database stores lone surrogates."""
    if "\x00" in text:
        raise ValueError("不能包含NUL字符")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("含有无效的字符") from None
    return text


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Revision = Annotated[
    int, Field(ge=0, le=2**31 - 1, description="打开报表时的 revision；报表在此之后被修改则返回409")
]
Assessment = Literal["", "on_schedule", "behind", "done"]


class Error(Schema):
    detail: str = Field(description="给人看的说明（中文）")


class Me(Schema):
    username: str
    name: str
    role: str
    role_name: str
    region: str | None
    unit_id: int | None
    unit: str | None
    token: str = Field(description="当前令牌的用途")


class PeriodOut(Schema):
    id: int
    plan_id: int
    quarter: int
    starts_on: datetime.date
    ends_on: datetime.date
    due_on: datetime.date


class PlanOut(Schema):
    id: int
    region: str
    region_code: str
    year: int
    title: str
    issuer: str
    doc_number: str
    issued_on: datetime.date | None
    published: bool
    periods: list[PeriodOut]


class TargetOut(Schema):
    id: int
    project_id: int
    project_seq: int
    seq: int
    indicator: str
    op: str = Field(description=">=、=、<=、~（约）")
    value: str = Field(description="目标值（十进制数字的字符串）")
    unit_of_measure: str
    goal: str = Field(description="按通知写法：≥3800个、6所")
    kind: str


class TeamMember(Schema):
    unit_id: int
    unit: str
    role: Literal["lead", "partner"]


class ProjectOut(Schema):
    id: int
    plan_id: int
    seq: int
    title: str
    theme: str
    category: str = Field(description="通知中的类别（如“教育类”），没有则为空")
    investment: str | None = Field(description="年度投资（万元，十进制数字的字符串），通知未写则为 null")
    deadline: datetime.date | None
    units: list[TeamMember]
    targets: list[TargetOut]


class LightOut(Schema):
    project_id: int
    project_seq: int
    title: str
    colour: Literal["done", "green", "yellow", "red", "grey"] = Field(
        description="done 已完成、green 绿灯、yellow 黄灯、red 红灯、grey 未报"
    )
    name: str = Field(description="已完成、绿灯、黄灯、红灯、未报")
    reason: str
    progress: str | None = Field(description="完成目标的百分比（十进制数字的字符串），无数值指标时为 null")
    expected: str = Field(description="序时进度（百分比）")
    unreviewed: bool = Field(description="是否用了已报送、尚未审核通过的报表")
    late_units: list[TeamMember] = Field(description="本季度报表逾期未报的责任单位")


class ValueOut(Schema):
    target_id: int
    indicator: str
    unit: str
    value: str | None = Field(description="累计完成值（十进制数字的字符串），未填为 null")


class LineOut(Schema):
    project_id: int
    seq: int
    title: str
    measures: str
    deadline: str
    assessment: str
    values: list[ValueOut]


class VersionOut(Schema):
    number: int
    submitted_at: datetime.datetime
    outcome: Literal["pending", "accepted", "returned"]
    stamped_pdf_sha256: str


class StampedPdf(Schema):
    name: str
    sha256: str


class ReportSummary(Schema):
    id: int
    plan_id: int
    period_id: int
    quarter: int
    unit_id: int
    unit: str
    state: Literal["draft", "submitted", "returned", "accepted"]
    submitted_at: datetime.datetime | None
    versions: int


class ReportOut(ReportSummary):
    source: Literal["draft", "version"] = Field(
        description="draft：本单位的当前草稿；version：最近报送的版本"
    )
    version: VersionOut | None
    revision: int | None = Field(description="只对本单位：保存和报送时带上")
    stamped_pdf: StampedPdf | None = Field(description="只对本单位：当前草稿的盖章PDF")
    return_reason: str
    lines: list[LineOut]


class ReportList(Schema):
    count: int
    items: list[ReportSummary]


class ValueIn(Schema):
    target_id: Id
    value: Annotated[Decimal, Field(ge=0, lt=Decimal("1e14"), allow_inf_nan=False)] | None = Field(
        description="累计完成值，0或正数；null 表示尚未填写"
    )


class LineIn(Schema):
    project_id: Id
    measures: Annotated[str, Field(max_length=20000), AfterValidator(_storable)] | None = Field(
        None, description="本季度具体措施及任务进度情况；不给则不改"
    )
    deadline: Annotated[str, Field(max_length=60), AfterValidator(_storable)] | None = Field(
        None, description="完成时限；不给则不改"
    )
    assessment: Assessment | None = Field(None, description="自评；不给则不改")
    values: list[ValueIn] = Field(default_factory=list, max_length=200, description="只给要改的指标")


class DraftIn(Schema):
    revision: Revision
    lines: list[LineIn] = Field(max_length=500)


class SubmitIn(Schema):
    revision: Revision


class Conflict(Error):
    revision: int | None = Field(description="报表现在的 revision")
    lines: list[LineOut] = Field(description="报表现在的内容（本单位的草稿）")
