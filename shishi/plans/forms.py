"""Form fields every door shares, and the import's forms: the upload and the preview's corrections.

The fields turn what people type into domain values with one rule each: a figure through
`figures.parse_figure`, text through `clean_text`, an id through `shishi.bounds`. Every app
above plans takes its fields from here, so a figure typed into the report form, the import
preview or the 督办 form is read the same way.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shishi.bounds import MAX_ID, as_id, number
from shishi.directory.models import Region
from shishi.notice.text import clean_text
from shishi.notice.units import split_unit_list

from .figures import FigureError, half_width, parse_figure
from .services import (
    MAX_DUE_DAYS,
    MAX_YEAR,
    MIN_YEAR,
    draft_problems,
    investment_label,
)

OP_CHOICES = [(">=", "≥"), ("=", "="), ("<=", "≤"), ("~", "≈")]

# -- fields ---------------------------------------------------------------------------------------


class CleanTextField(forms.CharField):
    """Text as any document can hold it (`clean_text`: Word's line breaks as "\\n", control
    characters gone), stripped unless `strip=False`. `max_chars` refuses longer text with the
    message `error_messages["max_chars"]`, which may name %(label)s, %(length)s and %(limit)s."""

    default_error_messages = {"max_chars": _("%(label)s超过%(limit)s字，请精简。")}

    def __init__(self, *, max_chars: int | None = None, required: bool = False, **kwargs):
        self.max_chars = max_chars
        super().__init__(required=required, **kwargs)

    def to_python(self, value):
        if value not in self.empty_values:
            value = clean_text(str(value))
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if self.max_chars is not None and len(value) > self.max_chars:
            params = {"label": self.label or "", "length": len(value), "limit": self.max_chars}
            raise ValidationError(self.error_messages["max_chars"], code="max_chars", params=params)


class FigureField(forms.Field):
    """A figure as people type it (`figures.parse_figure`): a Decimal, or None when nothing was
    typed. `what` names the field in the message (“幼儿园数”的…应填数字)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, *, what: str = "数值", required: bool = False, **kwargs):
        self.what = what
        super().__init__(required=required, **kwargs)

    def to_python(self, value):
        try:
            return parse_figure(value, self.what)
        except FigureError as exc:
            raise ValidationError(str(exc), code="invalid") from None

    def prepare_value(self, value):
        # A stored Decimal('3.00') shows as 3, as the clerk typed it.
        return format(value.normalize(), "f") if hasattr(value, "normalize") else value


class IdField(forms.Field):
    """A database id (`shishi.bounds.as_id`): anything else, ², ٣ or an id past a bigint, is
    "not an id" with the field's `invalid` message, never a query."""

    default_error_messages = {"invalid": _("请选择有效的一项。")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        checked = as_id(value)
        if checked is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return checked


class WholeNumberField(forms.Field):
    """A whole number within [low, high], typed in ASCII or full-width digits (２００), with messages
    that name the field by `label` and quote what was typed."""

    default_error_messages = {
        "invalid": _("%(label)s“%(raw)s”不是整数。"),
        "range": _("%(label)s应在%(low)s到%(high)s之间。"),
    }

    def __init__(self, *, low: int, high: int, **kwargs):
        self.low, self.high = low, high
        super().__init__(**kwargs)

    def to_python(self, value):
        raw = half_width(str(value if value is not None else "")).strip()
        negative = raw.startswith("-")
        magnitude = number(raw[1:] if raw[:1] in "+-" else raw, 0, MAX_ID)
        if magnitude is None:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"label": self.label, "raw": raw[:30]}
            )
        whole = -magnitude if negative else magnitude
        if not self.low <= whole <= self.high:
            raise ValidationError(
                self.error_messages["range"],
                code="range",
                params={"label": self.label, "low": self.low, "high": self.high},
            )
        return whole


class DraftDateField(forms.Field):
    """A date as the draft keeps it, ISO text ("2024-12-31"), or "" when none was typed."""

    default_error_messages = {"invalid": _("%(label)s“%(raw)s”不是有效日期（格式：2024-12-31）。")}

    def to_python(self, value):
        raw = str(value or "").strip()
        if not raw:
            return ""
        try:
            return datetime.date.fromisoformat(raw).isoformat()
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"label": self.label, "raw": raw[:30]}
            ) from None


class ChoiceOrDefaultField(forms.ChoiceField):
    """A choice where anything not offered (an old page, a script) is taken as `default` rather
    than refused: the field's value was never the point of the request."""

    def __init__(self, *, default: str = "", **kwargs):
        self.default = default
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value if self.valid_value(value) else self.default

    def validate(self, value):
        pass  # to_python gave a value offered, or the default


def messages_of(*forms_: forms.BaseForm) -> list[str]:
    """Every message of the forms, in the order of their fields, each message once."""
    found: list[str] = []
    for form in forms_:
        for name in [*form.fields, "__all__"]:
            for message in form.errors.get(name, ()):
                if message not in found:
                    found.append(message)
    return found


# -- importing a notice -----------------------------------------------------------------------------


class ImportForm(forms.Form):
    """A notice to read: an uploaded file, or its text pasted, for one of the regions the
    coordinator manages."""

    region = IdField(required=False)
    file = forms.FileField(required=False, allow_empty_file=True)  # the view names an empty file
    text = forms.CharField(required=False, strip=True, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, regions: list[Region], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = regions

    def clean_region(self) -> Region | None:
        """The region chosen (the first when none was sent); None for one not managed."""
        if "region" not in self.data:
            return self.regions[0]
        chosen = self.cleaned_data.get("region")
        return next((region for region in self.regions if region.pk == chosen), None)

    def notice(self) -> tuple[bytes, str]:
        """The notice's bytes and file name: the file, else the pasted text; (b"", "") for neither."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.read(), upload.name
        if pasted := self.cleaned_data.get("text"):
            return pasted.encode("utf-8"), "粘贴的通知.txt"
        return b"", ""


class PreviewActionForm(forms.Form):
    """Which button of the preview was pressed: save the corrections, or confirm them into a plan."""

    action = ChoiceOrDefaultField(
        choices=[("save", "保存校对"), ("confirm", "确认并创建实事计划")], default="save"
    )

    def confirms(self) -> bool:
        return self.is_valid() and self.cleaned_data["action"] == "confirm"


class PlanHeaderForm(forms.Form):
    """The notice's header as the plan will hold it. An emptied title keeps the reader's."""

    title = CleanTextField()
    year = WholeNumberField(label="年度", low=MIN_YEAR, high=MAX_YEAR)
    doc_number = CleanTextField()
    issued_on = DraftDateField(label="成文日期", required=False)
    due_days = WholeNumberField(label="报送期限天数", low=0, high=MAX_DUE_DAYS)


class ProjectForm(forms.Form):
    """A project's name, units, deadline, category and investment (万元); `prefix` is the
    project's key (p-0, p-1, …)."""

    title = CleanTextField()
    units = CleanTextField()
    leads = CleanTextField()
    deadline = DraftDateField(required=False)
    category = CleanTextField()
    investment = FigureField()

    def __init__(self, *args, seq, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].label = f"第{seq}项完成时限"
        self.fields["investment"].what = investment_label(seq)

    def clean(self):
        cleaned = super().clean()
        units = split_unit_list(cleaned.get("units", ""))
        leads = [unit for unit in split_unit_list(cleaned.get("leads", "")) if unit in units]
        # The first unit leads when none of those named as leading is on the project.
        cleaned["units"], cleaned["leads"] = units, leads or units[:1]
        return cleaned


class TargetForm(forms.Form):
    """One target of a project; the row for a new target may be left empty."""

    indicator = CleanTextField()
    op = ChoiceOrDefaultField(choices=OP_CHOICES, default="=")
    value = forms.CharField(required=False, strip=False)  # read with the indicator's name, in clean()
    unit = CleanTextField()
    delete = forms.BooleanField(required=False)

    def __init__(self, *args, seq, new: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.seq, self.new = seq, new

    @property
    def left_empty(self) -> bool:
        """The row for a new target, left as it came."""
        cleaned = self.cleaned_data
        return self.new and not cleaned.get("indicator") and not cleaned.get("value", "").strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("delete") or self.left_empty:
            return cleaned
        indicator = cleaned.get("indicator", "")
        if not indicator:
            raise ValidationError(f"第{self.seq}项有一个指标没有名称。", code="unnamed")
        try:
            value = parse_figure(cleaned.get("value", ""), f"第{self.seq}项指标“{indicator}”的目标值")
        except FigureError as exc:
            raise ValidationError(str(exc), code="invalid") from None
        if value is None:
            raise ValidationError(f"第{self.seq}项指标“{indicator}”没有填写目标值。", code="required")
        cleaned["figure"] = value
        return cleaned


class UnitChoicesForm(forms.Form):
    """For each unit name of the notice (field unit-0, unit-1, …): "unit:<id>" for a unit of the
    directory, "new" to create it, or "" for none yet. An id that is no id counts as none.

    The page sends beside each choice the name it was shown for (unit-0-name…), and a choice goes
    with its name: the same submit may change the projects' units, which reorders the names, and a
    choice taken by position would land on the next unit. A name the page did not show yet has no
    choice. Without the names (a script), the choices are read in the order of `names`."""

    def __init__(self, names: list[str], data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.names = names
        shown = [int(m[1]) for key in (data or {}) if (m := _SHOWN_NAME.fullmatch(key))]
        self.named = bool(shown)
        for index in sorted(shown)[:MAX_UNITS_SHOWN] if shown else range(len(names)):
            self.fields[f"unit-{index}"] = forms.CharField(required=False)
            if self.named:
                self.fields[f"unit-{index}-name"] = forms.CharField(required=False)

    def choices(self) -> dict[str, str]:
        chosen = self.cleaned_data
        if not self.named:
            return {name: _unit_choice(chosen.get(f"unit-{i}", "")) for i, name in enumerate(self.names)}
        by_name = {
            chosen[key]: _unit_choice(chosen.get(key.removesuffix("-name"), ""))
            for key in self.fields
            if key.endswith("-name")
        }
        return {name: by_name.get(name, "") for name in self.names}


_SHOWN_NAME = re.compile(r"unit-(\d{1,5})-name")
MAX_UNITS_SHOWN = 2000  # more names than any preview shows: the rest of a forged post is not read


def _unit_choice(choice: str) -> str:
    if choice == "new" or (choice.startswith("unit:") and as_id(choice[5:]) is not None):
        return choice
    return ""


class ProjectCorrections:
    """A project's form, its targets' forms and the row for a new target."""

    def __init__(self, index: int, project: dict, data: dict | None):
        key, seq = f"p-{index}", project["seq"]
        self.key, self.project = key, project
        self.form = ProjectForm(
            data,
            prefix=key,
            seq=seq,
            initial={
                "title": project["title"],
                "units": "、".join(project["units"]),
                "leads": "、".join(project["lead_units"]),
                "deadline": project["deadline"],
                # Drafts kept before categories and investment were read have neither.
                "category": project.get("category", ""),
                "investment": project.get("investment"),
            },
        )
        self.rows = [
            (
                TargetForm(
                    data,
                    prefix=f"{key}-t-{j}",
                    seq=seq,
                    initial={name: target[name] for name in ("indicator", "op", "value", "unit")},
                ),
                target,
            )
            for j, target in enumerate(project["targets"])
        ]
        self.new_target = TargetForm(data, prefix=f"{key}-t-new", seq=seq, new=True, initial={"op": "="})

    def all_forms(self) -> list[forms.Form]:
        return [self.form, *(form for form, _target in self.rows), self.new_target]

    def units(self) -> list[str]:
        """The project's units: as typed, once the form is bound."""
        if self.form.is_bound and not self.form.errors.get("units"):
            return self.form.cleaned_data["units"]
        return self.project["units"]

    def corrected(self) -> dict:
        cleaned = self.form.cleaned_data
        project = dict(self.project)
        project["title"] = cleaned["title"] or self.project["title"]
        project["units"], project["lead_units"] = cleaned["units"], cleaned["leads"]
        project["deadline"] = cleaned["deadline"]
        project["category"] = cleaned["category"]
        investment = cleaned["investment"]
        project["investment"] = None if investment is None else json_figure(investment)
        project["targets"] = []
        for form, target in [*self.rows, (self.new_target, None)]:
            if form.cleaned_data["delete"] or form.left_empty:
                continue
            project["targets"].append(
                {
                    "indicator": form.cleaned_data["indicator"],
                    "op": form.cleaned_data["op"],
                    "value": json_figure(form.cleaned_data["figure"]),
                    "unit": form.cleaned_data["unit"],
                    "kind": target["kind"] if target else "count",
                    "text": target["text"] if target else "",
                }
            )
        return project


class NoticeCorrections:
    """The preview: the coordinator's corrections to the draft and the unit each name stands for.

    Built from the draft, a form per part: the header, each project, each target (field names
    p-0-t-1-value and so on) and the unit choices (unit-0, unit-1, … in the order the units are
    first named, as typed). A field the request did not send keeps the draft's value (a script
    may send only what it changes); a checkbox not sent is unticked, as browsers send it. The
    corrected draft is checked as a whole too (`draft_problems`: text too long for its column).
    Refused, the forms show what was typed, so nothing typed is lost; accepted, the page is
    built afresh from the corrected draft with `unit_choices` kept.
    """

    def __init__(self, draft: dict, data=None, unit_choices: dict[str, str] | None = None):
        self.draft = draft
        self.header = PlanHeaderForm(initial={name: draft[name] for name in PlanHeaderForm.base_fields})
        self.projects = [
            ProjectCorrections(index, project, None) for index, project in enumerate(draft["projects"])
        ]
        if data is not None:
            data = self._completed(data)
            self.header = PlanHeaderForm(data, initial=self.header.initial)
            self.projects = [
                ProjectCorrections(i, project, data) for i, project in enumerate(draft["projects"])
            ]
        self.unit_names = list(dict.fromkeys(unit for project in self.projects for unit in project.units()))
        if data is None and unit_choices:
            data = {f"unit-{index}": unit_choices.get(name, "") for index, name in enumerate(self.unit_names)}
        self.units = UnitChoicesForm(self.unit_names, data)
        self._problems: list[str] = []

    def _completed(self, posted) -> dict:
        """The posted fields over the draft's own values, so that an omitted field changes nothing."""
        data = {}
        for form in self._forms():
            for name, field in form.fields.items():
                if not isinstance(field, forms.BooleanField):
                    initial = form.initial.get(name, "")
                    data[form.add_prefix(name)] = "" if initial is None else str(initial)
        data.update(posted.items())
        return data

    def _forms(self) -> list[forms.Form]:
        return [self.header] + [form for project in self.projects for form in project.all_forms()]

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self._forms()])
        if valid:
            self._problems = draft_problems(self.corrected_draft())
        return valid and not self._problems

    @property
    def errors(self) -> list[str]:
        return messages_of(*self._forms()) + self._problems

    def corrected_draft(self) -> dict:
        cleaned = self.header.cleaned_data
        draft = dict(self.draft)
        draft["title"] = cleaned["title"] or self.draft["title"]
        draft["doc_number"], draft["year"] = cleaned["doc_number"], cleaned["year"]
        draft["due_days"], draft["issued_on"] = cleaned["due_days"], cleaned["issued_on"]
        draft["projects"] = [project.corrected() for project in self.projects]
        return draft

    def unit_choices(self) -> dict[str, str]:
        """The unit chosen for each name: "unit:<id>", "new", or "" (none yet)."""
        return self.units.choices() if self.units.is_bound and self.units.is_valid() else {}


def json_figure(value: Decimal) -> int | float | str:
    """The figure as the draft (JSON) keeps it: a number where a float holds it exactly."""
    if value == value.to_integral():
        return int(value)
    return float(value) if Decimal(str(float(value))) == value else format(value, "f")


class OriginForm(forms.Form):
    """The preview's acknowledgement that a notice issued by another region really is to become
    this region's plan (services.confirm_import refuses it unticked)."""

    other_region = forms.BooleanField(required=False)

    def acknowledged(self) -> bool:
        return self.is_valid() and self.cleaned_data["other_region"]
