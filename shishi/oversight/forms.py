"""The board's filter: which unit's projects to show in the 实事 × 责任单位 table (?unit=…)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

ALL_UNITS = _("全部单位")


class BoardFilterForm(forms.Form):
    unit = forms.TypedChoiceField(
        label=_("按责任单位筛选"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("没有这个单位，已显示全部单位。")},
    )

    def __init__(self, data, units):
        super().__init__(data)
        self.fields["unit"].choices = [("", ALL_UNITS), *((unit.pk, unit.name) for unit in units)]

    def unit_id(self) -> int | None:
        """The unit chosen, or None for every unit (also when the choice is not one of the plan's)."""
        return self.cleaned_data["unit"] if self.is_valid() else None
