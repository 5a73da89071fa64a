"""The 督办 forms: the supervision office issues a notice, the unit answers it."""

from __future__ import annotations

from django import forms

from shishi.plans.forms import CleanTextField, IdField

CHOOSE = "请选择要督办的实事和责任单位。"


class YearEndTableForm(forms.Form):
    """Which of the year-end summary's two tables to download as Excel, if any (?xlsx=…)."""

    xlsx = forms.ChoiceField(choices=[("projects", "实事"), ("units", "单位")], required=False)

    def table(self) -> str:
        return self.cleaned_data["xlsx"] if self.is_valid() else ""


class IssueForm(forms.Form):
    """A 督办 notice: the project and unit (ids, found by the view within the plan), the reason
    and the date to reply by (services.issue refuses an empty reason and a date in the past)."""

    project = IdField(error_messages={"required": CHOOSE, "invalid": CHOOSE})
    unit = IdField(error_messages={"required": CHOOSE, "invalid": CHOOSE})
    reason = CleanTextField()
    reply_by = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": "请填写有效的答复期限（格式：2024-12-31）。",
            "invalid": "请填写有效的答复期限（格式：2024-12-31）。",
        },
    )


class AnswerForm(forms.Form):
    """The unit's answer (services.answer refuses an empty one)."""

    reply = CleanTextField()
