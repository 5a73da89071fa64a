"""The parsed notice as plain dataclasses; `to_dict()` gives the documented JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Operators a target can carry: at least, exactly, at most, about.
OPS = (">=", "=", "<=", "~")
# Kinds of target: a head count or item count, a percentage, an amount of money,
# a ratio per population (每千人口…3.9个), or a per-person standard (1848元/月/人).
KINDS = ("count", "percent", "money", "rate", "standard")


@dataclass
class Target:
    """One quantitative commitment found in a project body."""

    text: str
    indicator: str
    op: str
    value: int | float
    unit: str
    kind: str
    span: tuple[int, int]  # character offsets of `text` inside the project body


@dataclass
class Project:
    seq: int
    title: str
    body: str
    units: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    theme: str = "other"
    targets: list[Target] = field(default_factory=list)
    # The heading the project stands under (`一、教育惠民领域`, a table's 类别 column), as written
    # without its numeral; None when the list has no categories.
    category: str | None = None
    # 完成时限 as written (`2024年12月底`, `年底前`) and as an ISO date when it names one.
    deadline_text: str | None = None
    deadline: str | None = None
    # Investment in 万元 (ten thousand yuan), from a table's 投资 column with its header's unit applied.
    investment: int | float | None = None


@dataclass
class Reporting:
    frequency: str | None = None  # quarterly, monthly, half-yearly, yearly
    to: str | None = None
    formats: list[str] = field(default_factory=list)
    phone: str | None = None
    email: str | None = None
    deadline: str | None = None  # ISO date of the year-end deadline when stated
    supervision: bool = False


@dataclass
class AttachmentRow:
    seq: int
    title: str
    units: list[str] = field(default_factory=list)


@dataclass
class Attachment:
    title: str | None = None
    rows: list[AttachmentRow] = field(default_factory=list)


@dataclass
class NoticeWarning:
    code: str
    message: str
    project: int | None = None


@dataclass
class Notice:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    year: int | None = None
    issued_on: str | None = None  # ISO date
    region: str | None = None
    addressees: str | None = None
    projects: list[Project] = field(default_factory=list)
    reporting: Reporting = field(default_factory=Reporting)
    attachment: Attachment | None = None
    warnings: list[NoticeWarning] = field(default_factory=list)
    # Where the list of projects was read from: "numbered" (一、二、… or any marker style in the
    # text), "unnumbered" (paragraphs, a `；` or `、` list, items ended by their units clauses)
    # or "table" (a Word, web or PDF table, or one written out as text); None without projects.
    list_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for project in data["projects"]:
            for target in project["targets"]:
                target["span"] = list(target["span"])
        return data

    def warn(self, code: str, message: str, project: int | None = None) -> None:
        self.warnings.append(NoticeWarning(code, message, project))
