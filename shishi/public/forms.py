"""The coordinator's forms for the public page: a project's text for a quarter, and the plan on or off."""

from __future__ import annotations

from django import forms

from shishi.plans.forms import ChoiceOrDefaultField, CleanTextField


class TextListField(forms.Field):
    """Every value sent under the field's name (hidden inputs), as a list of text."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [str(item) for item in value or ()]


class StatementForm(forms.Form):
    """Save, approve or withdraw a project's public text. Approving text in which personal data was
    found needs `confirm` ticked, and confirms only the findings shown (`confirmed`), so that
    anything new found later is refused again (services.approve_statement)."""

    action = ChoiceOrDefaultField(
        choices=[("save", "保存"), ("approve", "审核并公开"), ("withdraw", "撤回公开")], default="save"
    )
    text = CleanTextField(strip=False)  # services.py strips it and bounds its length
    confirm = forms.BooleanField(required=False)
    confirmed = TextListField(required=False)

    def confirmed_findings(self) -> list[str]:
        return self.cleaned_data["confirmed"] if self.cleaned_data["confirm"] else []


class PublishForm(forms.Form):
    action = ChoiceOrDefaultField(
        choices=[("publish", "向社会公开"), ("unpublish", "停止公开")], default="publish"
    )
