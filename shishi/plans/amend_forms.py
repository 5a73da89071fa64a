"""The coordinator's forms for changing a project mid-year: its targets and its responsible units,
as two formsets whose rows name their own ids (services in amend.py)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from .amend import TargetChange, TeamChange, target_deletion_refusal, team_removal_refusal
from .forms import OP_CHOICES, CleanTextField, FigureField, IdField


class TargetEditForm(forms.Form):
    """One target of a project as the coordinator edits it; `id` is empty for a new one."""

    id = IdField(required=False, widget=forms.HiddenInput)
    indicator = CleanTextField(label="指标", max_chars=120)
    op = forms.ChoiceField(label="关系", choices=OP_CHOICES, initial="=")
    value = FigureField(
        label="目标值",
        what="目标值",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "aria-label": "目标值"}),
    )
    unit_of_measure = CleanTextField(label="单位", max_chars=20)
    text = CleanTextField(label="原文", max_chars=200)

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE"):
            return cleaned
        indicator = cleaned.get("indicator") or ""
        if not indicator and "indicator" not in self.errors:
            raise ValidationError("有一个指标没有名称。", code="unnamed")
        if cleaned.get("value") is None and "value" not in self.errors:
            raise ValidationError(f"指标“{indicator}”没有填写目标值。", code="required")
        return cleaned


class TeamEditForm(forms.Form):
    """One responsible unit of a project; `id` is empty for a unit added."""

    id = IdField(required=False, widget=forms.HiddenInput)
    unit = IdField(label="责任单位")
    role = forms.ChoiceField(
        label="分工", choices=[("lead", "牵头单位"), ("partner", "配合单位")], initial="partner"
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        self.fields["unit"].widget = forms.Select(
            choices=[("", "— 请选择 —")] + [(unit.pk, unit.name) for unit in units]
        )

    def clean_unit(self):
        unit = self.units.get(self.cleaned_data.get("unit"))
        if unit is None:
            raise ValidationError("请选择本地区单位名录中的单位。", code="invalid")
        return unit


class _RowsFormSet(forms.BaseFormSet):
    """Rows of a project's targets or units: each existing row names its own (`id`), so a
    forged id is refused, never read as another project's row."""

    def __init__(self, *args, rows=(), **kwargs):
        self.rows = {row.pk: row for row in rows}
        super().__init__(*args, **kwargs)

    def row_of(self, form):
        return self.rows.get(form.cleaned_data.get("id"))

    def clean(self):
        for form in self.forms:
            if form.cleaned_data and form.cleaned_data.get("id") and self.row_of(form) is None:
                raise ValidationError("页面已过期，请刷新后重新修改。", code="stale")

    def changes(self) -> list:
        """A change for every row kept, edited or deleted, and every new row filled in."""
        found = []
        for form in self.forms:
            cleaned = form.cleaned_data
            row = self.row_of(form) if cleaned else None
            if not cleaned or (row is None and (cleaned.get("DELETE") or not form.has_changed())):
                continue
            found.append(self.change(row, cleaned))
        return found

    def change(self, row, cleaned: dict):
        raise NotImplementedError


class TargetFormSet(_RowsFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            target = self.row_of(form) if form.cleaned_data else None
            if target is not None and form.cleaned_data.get("DELETE"):
                if refusal := target_deletion_refusal(target):
                    raise ValidationError(refusal, code="reported")

    def change(self, target, cleaned: dict) -> TargetChange:
        return TargetChange(
            target=target,
            indicator=cleaned.get("indicator", ""),
            op=cleaned.get("op", "="),
            value=cleaned.get("value"),
            unit_of_measure=cleaned.get("unit_of_measure", ""),
            text=cleaned.get("text", ""),
            delete=bool(cleaned.get("DELETE")),
        )


class TeamFormSet(_RowsFormSet):
    def clean(self):
        super().clean()
        kept, leads = [], 0
        for form in self.forms:
            cleaned = form.cleaned_data
            if form.errors or not cleaned or (not cleaned.get("id") and not form.has_changed()):
                continue
            assignment = self.row_of(form)
            if cleaned.get("DELETE"):
                if assignment is not None and (refusal := team_removal_refusal(assignment)):
                    raise ValidationError(refusal, code="written")
                continue
            kept.append(cleaned["unit"])
            leads += cleaned["role"] == "lead"
        if not kept:
            raise ValidationError("每项实事至少要有一个责任单位。", code="empty")
        if leads != 1:
            raise ValidationError("每项实事要有且只有一个牵头单位。", code="lead")
        twice = [unit.name for n, unit in enumerate(kept) if unit in kept[:n]]
        if twice:
            raise ValidationError(f"{'、'.join(twice)}列了两次。", code="twice")

    def change(self, assignment, cleaned: dict) -> TeamChange:
        return TeamChange(
            assignment=assignment,
            unit=cleaned.get("unit") or assignment.unit,
            role=cleaned.get("role") or assignment.role,
            delete=bool(cleaned.get("DELETE")),
        )


def project_formsets(project, units, data=None) -> tuple[TargetFormSet, TeamFormSet]:
    """The targets and the units of a project as two formsets (prefixes t and u), each with an
    empty row for one more."""
    targets = list(project.targets.all())
    team = list(project.assignments.select_related("unit"))
    target_set = forms.formset_factory(TargetEditForm, formset=TargetFormSet, extra=1, can_delete=True)(
        data,
        prefix="t",
        rows=targets,
        initial=[
            {
                "id": t.pk,
                "indicator": t.indicator,
                "op": t.op,
                "value": t.value,
                "unit_of_measure": t.unit_of_measure,
                "text": t.text,
            }
            for t in targets
        ],
    )
    team_set = forms.formset_factory(TeamEditForm, formset=TeamFormSet, extra=1, can_delete=True)(
        data,
        prefix="u",
        rows=team,
        initial=[{"id": a.pk, "unit": a.unit_id, "role": a.role} for a in team],
        form_kwargs={"units": units},
    )
    return target_set, team_set
