"""Which of a plan's projects each elected candidate became: pure Python over plain values.

The elected candidates go into a draft notice; the office corrects it in the import preview (or
downloads it, edits it in Word and uploads it again) and confirms it into a plan. The project's
number alone is no link: a project taken out or moved renumbers those after it. So a pair is
linked by what the two share:

- `exact`: the project was made from the very draft item that names the candidate (same notice,
  same number and the same title as that item) — the preview may have renamed it;
- otherwise by the likeness of the titles (the candidate's, or its draft item's), each pair
  at least `LIKENESS` alike, and the number only breaking no tie.

A project and a candidate are linked only when each is the other's one best match: two equally
good matches link neither, and the office is told (a wrong link would show a project's citizens
someone else's proposals).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

LIKENESS = 0.6  # 新建普惠托育园 ~ 新建普惠性托育园 0.93; ~ 新改扩建幼儿园 0.43

_NOISE = re.compile(r"[\s\u3000“”\"'‘’《》（）()【】\[\]、，,。.：:；;·\-—]+")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


@dataclass(frozen=True)
class Drafted:
    """A candidate as it went into a draft notice."""

    key: int  # the candidate's id
    title: str  # the candidate's own title
    draft_seq: int | None = None  # its number in the draft the plan was confirmed from
    draft_title: str = ""  # its title there, as the office corrected it


@dataclass(frozen=True)
class Made:
    """A plan's project."""

    key: int  # the project's id
    seq: int
    title: str


@dataclass
class Links:
    project_of: dict[int, int] = field(default_factory=dict)  # candidate id → project id
    warnings: list[str] = field(default_factory=list)

    @property
    def candidate_of(self) -> dict[int, int]:
        return {project: candidate for candidate, project in self.project_of.items()}


def _plain(title: str) -> str:
    return _NOISE.sub("", (title or "").translate(_FULL_WIDTH)).lower()


def likeness(a: str, b: str) -> float:
    """How alike two titles are, 0 to 1, punctuation and spaces aside.

    >>> likeness("新建普惠托育园", "新建“普惠”托育园")
    1.0
    >>> round(likeness("新建普惠托育园", "新改扩建幼儿园"), 2)
    0.43
    """
    a, b = _plain(a), _plain(b)
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _score(made: Made, drafted: Drafted, same_notice: bool) -> tuple[int, float] | None:
    exact = same_notice and made.seq == drafted.draft_seq and made.title == drafted.draft_title
    alike = max(likeness(made.title, drafted.title), likeness(made.title, drafted.draft_title))
    if not exact and alike < LIKENESS:
        return None
    return (1 if exact else 0, round(alike, 6))


def link(projects: list[Made], candidates: list[Drafted], same_notice: bool) -> Links:
    """Each candidate's project where there is one sure match; a warning for each left unlinked.

    >>> made = [Made(10, 1, "新改扩建幼儿园"), Made(11, 2, "新建普惠托育园")]
    >>> drafted = [Drafted(1, "新建普惠托育园", 1, "新建普惠托育园"),
    ...            Drafted(2, "新改扩建幼儿园", 2, "新改扩建幼儿园")]
    >>> link(made, drafted, same_notice=True).project_of
    {2: 10, 1: 11}
    """
    scores = {
        (m.key, d.key): score
        for m in projects
        for d in candidates
        if (score := _score(m, d, same_notice)) is not None
    }
    links = Links()
    taken_projects: set[int] = set()
    taken_candidates: set[int] = set()
    doubtful: set[tuple[str, int]] = set()
    for (project, candidate), score in sorted(scores.items(), key=lambda item: item[1], reverse=True):
        if project in taken_projects or candidate in taken_candidates:
            continue
        rivals = [
            pair
            for pair, other in scores.items()
            if other == score
            and pair != (project, candidate)
            and (pair[0] == project or pair[1] == candidate)
            and pair[0] not in taken_projects
            and pair[1] not in taken_candidates
        ]
        if rivals:  # as good a match elsewhere: link neither rather than guess
            doubtful |= {("p", project), ("c", candidate)}
            doubtful |= {("p", p) for p, _c in rivals} | {("c", c) for _p, c in rivals}
            continue
        links.project_of[candidate] = project
        taken_projects.add(project)
        taken_candidates.add(candidate)
    for m in projects if candidates else ():
        if m.key in taken_projects:
            continue
        if ("p", m.key) in doubtful:
            links.warnings.append(
                f"第{m.seq}项“{m.title}”与不止一个票决当选项目同样相近，未对应来源，请核对项目名称。"
            )
        else:
            links.warnings.append(f"第{m.seq}项“{m.title}”没有对应的票决当选项目，公开页面不显示它的来源。")
    for d in candidates:
        if d.key not in taken_candidates:
            links.warnings.append(f"票决当选的“{d.title}”未能对应到计划中的项目，公开页面不显示它的来源。")
    return links
