"""Input for the selection pages, through django.forms; fields from shishi/plans/forms.py so
that a figure or a whole number is read here as everywhere else."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from shishi.directory.models import Unit
from shishi.plans.forms import CleanTextField, FigureField, WholeNumberField

from . import humancheck, rules
from .models import Candidate, Proposal, SatisfactionSession, SurveyRating, VoteSession
from .ratings import ProjectCount, RatingSettings
from .services import MAX_MEMBERS, CandidateCount, CandidateText, ProposalText, VoteSettings


class Form(forms.Form):
    """Labels without Django's trailing colon: the pages set them as headings of their inputs."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class NumberField(WholeNumberField):
    """A whole number, or None when nothing was typed (then `required` decides)."""

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        return super().to_python(value)


def _count(label: str, required: bool = True) -> WholeNumberField:
    field = NumberField(label=label, low=0, high=MAX_MEMBERS, required=required)
    field.widget = forms.TextInput(attrs={"inputmode": "numeric", "size": 6})
    return field


class ProposalForm(Form):
    """A proposal as a citizen, a unit or a deputy writes it."""

    title = CleanTextField(label="项目名称", max_chars=100, required=True)
    what = CleanTextField(
        label="建议内容（办什么）", max_chars=2000, required=True, widget=forms.Textarea(attrs={"rows": 5})
    )
    where = CleanTextField(label="实施地点", max_chars=200)
    beneficiaries = CleanTextField(label="受益群体", max_chars=200)
    estimated_cost = FigureField(label="估算投资（万元，可不填）", what="估算投资")
    contact = CleanTextField(label="联系方式（可不填，只供办公室联系，不公开）", max_chars=100)

    def proposal_text(self) -> ProposalText:
        return ProposalText(**{name: self.cleaned_data[name] for name in ProposalText.__dataclass_fields__})


class HumanCheck:
    """The human check of a public form (humancheck.py); the page writes the question."""

    def clean(self):
        cleaned = super().clean()
        problem = humancheck.refusal(self.data.get("check_token", ""), self.data.get("check_answer", ""))
        if problem:
            raise ValidationError(problem)
        return cleaned


class PublicProposalForm(HumanCheck, ProposalForm):
    """The public form, with its human check."""


class SurveyForm(HumanCheck, Form):
    """A citizen's ratings of a plan's projects: one choice per project, any left out."""

    CHOICES = [("", "不了解，不评价"), *SurveyRating.Choice.choices]

    def __init__(self, projects, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = list(projects)
        for project in self.projects:
            self.fields[f"p{project.pk}"] = forms.ChoiceField(
                label=f"{project.seq}. {project.title}",
                choices=self.CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial="",
            )

    def choices(self) -> dict[int, str]:
        return {project.pk: self.cleaned_data[f"p{project.pk}"] for project in self.projects}


class OfficeProposalForm(ProposalForm):
    """A proposal the office enters: from paper, a phone call, a deputy or a unit."""

    source = forms.ChoiceField(
        label="来源",
        choices=[(v, n) for v, n in Proposal.Source.choices if v != Proposal.Source.WEB],
        initial=Proposal.Source.PAPER,
    )
    unit = forms.ModelChoiceField(
        label="提出单位（单位提出的）",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="（不是单位提出的）",
    )

    def __init__(self, region, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(region=region)


class AnswerForm(Form):
    action = forms.ChoiceField(
        label="答复",
        choices=[
            (Proposal.Status.ADOPTED, "采纳"),
            (Proposal.Status.MERGED, "合并到另一条建议"),
            (Proposal.Status.DECLINED, "不予采纳"),
        ],
        widget=forms.RadioSelect,
    )
    into = forms.ModelChoiceField(
        label="并入", queryset=Proposal.objects.none(), required=False, empty_label="（请选择要并入的建议）"
    )
    answer = CleanTextField(
        label="答复理由（建议人凭回执码可以看到）",
        max_chars=1000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @staticmethod
    def initial_for(proposal: Proposal) -> dict:
        if proposal.status == Proposal.Status.PENDING:
            return {}
        return {"action": proposal.status, "into": proposal.merged_into, "answer": proposal.answer}

    def __init__(self, proposal: Proposal, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Proposal.objects.filter(
            region_id=proposal.region_id, year=proposal.year, merged_into__isnull=True
        ).exclude(pk=proposal.pk)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == Proposal.Status.MERGED and cleaned.get("into") is None:
            raise ValidationError("合并时请选择要并入的建议。")
        return cleaned


class CandidateForm(Form):
    title = CleanTextField(label="项目名称", max_chars=200, required=True)
    content = CleanTextField(label="建设内容", max_chars=4000, widget=forms.Textarea(attrs={"rows": 4}))
    targets_text = CleanTextField(
        label="量化指标（按通知的写法，如“新改扩建幼儿园6所、中小学4所”）",
        max_chars=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    investment = FigureField(label="年度投资（万元）", what="年度投资")
    deadline = forms.DateField(
        label="完成时限", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    feasibility = CleanTextField(label="可行性说明", max_chars=2000, widget=forms.Textarea(attrs={"rows": 3}))
    lead = forms.ModelChoiceField(label="牵头单位", queryset=Unit.objects.none(), empty_label="（请选择）")
    partners = forms.ModelMultipleChoiceField(
        label="配合单位", queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    proposals = forms.ModelMultipleChoiceField(
        label="来源建议",
        queryset=Proposal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, region, year: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(region=region)
        self.fields["lead"].queryset = units
        self.fields["partners"].queryset = units
        self.fields["proposals"].queryset = Proposal.objects.filter(region=region, year=year).exclude(
            status=Proposal.Status.MERGED
        )

    @staticmethod
    def initial_for(candidate: Candidate) -> dict:
        units = candidate.unit_list
        return {
            **{name: getattr(candidate, name) for name in CandidateText.__dataclass_fields__},
            "lead": units[0] if units else None,
            "partners": units[1:],
            "proposals": list(candidate.proposals.all()),
        }

    @staticmethod
    def initial_from(proposal: Proposal) -> dict:
        """A new candidate started from a proposal: its title and text, and the link to it."""
        content = "；".join(
            part for part in (proposal.what, proposal.where and f"实施地点：{proposal.where}") if part
        )
        return {
            "title": proposal.title,
            "content": content,
            "investment": proposal.estimated_cost,
            "proposals": [proposal],
        }

    def candidate_text(self) -> CandidateText:
        return CandidateText(**{name: self.cleaned_data[name] for name in CandidateText.__dataclass_fields__})

    def units(self) -> list[Unit]:
        lead = self.cleaned_data["lead"]
        return [lead, *(unit for unit in self.cleaned_data["partners"] if unit != lead)]


class MoveForm(Form):
    candidate = forms.ModelChoiceField(queryset=Candidate.objects.none())
    direction = forms.ChoiceField(choices=[("up", "上移"), ("down", "下移"), ("remove", "删除")])

    def __init__(self, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates


class VoteRulesForm(Form):
    title = CleanTextField(label="会议名称", max_chars=120, required=True)
    held_on = forms.DateField(
        label="票决日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    members = NumberField(label="组成人员数（应到人数）", low=1, high=MAX_MEMBERS)
    mode = forms.ChoiceField(label="票决方式", choices=VoteSession.Mode.choices, widget=forms.RadioSelect)
    seats = NumberField(
        label="应选项目数（差额票决必填；逐项表决可不填，不限）", low=1, high=1000, required=False
    )
    threshold = forms.ChoiceField(
        label="通过票数", choices=VoteSession.Threshold.choices, widget=forms.RadioSelect
    )
    tie = forms.ChoiceField(
        label="最后一个名额票数相同时", choices=VoteSession.Tie.choices, widget=forms.RadioSelect
    )
    candidates = forms.ModelMultipleChoiceField(
        label="参加票决的候选项目", queryset=Candidate.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = candidates
        self.fields["seats"].required = False

    @staticmethod
    def initial_for(session: VoteSession) -> dict:
        return {
            **{name: getattr(session, name) for name in VoteSettings.__dataclass_fields__},
            "candidates": list(session.candidates.all()),
        }

    def vote_settings(self) -> VoteSettings:
        return VoteSettings(**{name: self.cleaned_data[name] for name in VoteSettings.__dataclass_fields__})


class BallotsForm(Form):
    issued = _count("发出票数")
    returned = _count("收回票数")
    not_returned = _count("未收回票数")
    valid = _count("有效票数")
    invalid = _count("无效票数")

    def ballots(self) -> rules.Ballots:
        return rules.Ballots(**{name: self.cleaned_data[name] for name in rules.Ballots.__dataclass_fields__})


class VoteLineForm(Form):
    """One candidate's row of the count (prefix: the candidate); a pick-N vote uses `yes` only."""

    yes = _count("赞成")
    no = _count("反对", required=False)
    abstain = _count("弃权", required=False)

    def count(self) -> CandidateCount:
        return CandidateCount(
            self.cleaned_data["yes"], self.cleaned_data["no"] or 0, self.cleaned_data["abstain"] or 0
        )


class RatingRulesForm(Form):
    title = CleanTextField(label="测评名称", max_chars=120, required=True)
    held_on = forms.DateField(
        label="测评日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    members = NumberField(label="组成人员数", low=1, high=MAX_MEMBERS)
    base = forms.ChoiceField(
        label="比例的基数", choices=SatisfactionSession.Base.choices, widget=forms.RadioSelect
    )
    satisfied_percent = NumberField(label="“满意”票须超过（%）", low=1, high=99)
    combined_percent = NumberField(label="“满意”与“基本满意”票之和须超过（%）", low=1, high=99)

    @staticmethod
    def initial_for(session: SatisfactionSession) -> dict:
        return {name: getattr(session, name) for name in RatingSettings.__dataclass_fields__}

    def rating_settings(self) -> RatingSettings:
        return RatingSettings(
            **{name: self.cleaned_data[name] for name in RatingSettings.__dataclass_fields__}
        )


class RatingLineForm(Form):
    satisfied = _count("满意")
    basic = _count("基本满意")
    unsatisfied = _count("不满意")

    def count(self) -> ProjectCount:
        return ProjectCount(**self.cleaned_data)


class TallyForm(Form):
    tally = forms.FileField(label="计票单扫描件（PDF）")


class ReceiptForm(Form):
    code = forms.CharField(label="回执码", max_length=20)

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).upper()
