"""The reporting app's forms: the quarterly report, the review, the implementation plan and the
bulk update of figures. Each turns what was typed into the values its service takes."""

from __future__ import annotations

from django import forms

from shishi.bounds import MAX_ID, number
from shishi.plans.forms import ChoiceOrDefaultField, CleanTextField, FigureField, messages_of

from .models import ImplementationPlan, ReportLine
from .services import LineEntry

MAX_MEASURES = 20000
MAX_DEADLINE = ReportLine._meta.get_field("deadline").max_length


class RevisionField(forms.Field):
    """The revision a form was opened at (`shishi.bounds`); a mangled or missing one is -1, which
    no row has, so that the save is refused as stale instead of answered with an error."""

    def to_python(self, value):
        revision = number(value, 0, MAX_ID)
        return -1 if revision is None else revision

    def validate(self, value):
        pass


class ReportForm(forms.Form):
    """The unit's quarterly form, one group of fields per line: `line-<project>-measures`,
    `-deadline`, `-assessment`, and `value-<target>` for each target's cumulative figure (a
    number not below zero, or empty for "not reported yet"). A field not sent is empty, as a
    browser sends an emptied field.

    With `partial=True` (the REST API) the form holds only the fields `data` names, and the
    lines' other values stay as they are: a request changes only what it gives.
    """

    revision = RevisionField(required=False)
    # The stamped PDF comes with the form, so that what was typed is saved with it; `then` is the
    # button pressed: save, upload (the PDF; saving too) or submit.
    stamped_pdf = forms.FileField(required=False, allow_empty_file=True)
    then = ChoiceOrDefaultField(
        choices=[("save", "保存草稿"), ("upload", "上传"), ("submit", "报送")], default="save"
    )

    def __init__(self, lines: list[ReportLine], data=None, files=None, *, partial: bool = False, **kwargs):
        super().__init__(data, files, **kwargs)
        self.lines = lines
        for line in lines:  # values first, then the text: the messages follow the form's order
            title = line.project.title
            for value in line.values.all():
                self.fields[f"value-{value.target_id}"] = FigureField(
                    what=f"“{title}”的“{value.target.indicator}”", initial=value.value
                )
            key = f"line-{line.project_id}"
            self.fields[f"{key}-measures"] = CleanTextField(
                strip=False,
                max_chars=MAX_MEASURES,
                initial=line.measures,
                widget=forms.Textarea,
                error_messages={"max_chars": f"“{title}”的进展情况超过{MAX_MEASURES}字，请精简。"},
            )
            self.fields[f"{key}-deadline"] = CleanTextField(
                max_chars=MAX_DEADLINE,
                initial=line.deadline,
                error_messages={"max_chars": f"“{title}”的完成时限超过{MAX_DEADLINE}字，请精简。"},
            )
            self.fields[f"{key}-assessment"] = ChoiceOrDefaultField(
                choices=ReportLine.Assessment.choices, default="", initial=line.assessment
            )
        if partial:
            given = set(data or ()) | set(files or ())
            for name in [name for name in self.fields if name not in given]:
                del self.fields[name]

    def messages(self) -> list[str]:
        return messages_of(self)

    def entries(self) -> dict[int, LineEntry]:
        """One LineEntry per line, from the valid form; a field the form does not hold keeps the
        line's value."""
        cleaned, entries = self.cleaned_data, {}
        for line in self.lines:
            key = f"line-{line.project_id}"
            values = {}
            for value in line.values.all():
                name = f"value-{value.target_id}"
                values[value.target_id] = cleaned[name] if name in self.fields else value.value
            entries[line.project_id] = LineEntry(
                measures=cleaned.get(f"{key}-measures", line.measures),
                deadline=cleaned.get(f"{key}-deadline", line.deadline),
                assessment=cleaned.get(f"{key}-assessment", line.assessment),
                values=values,
            )
        return entries


class StampedPdfForm(forms.Form):
    """The stamped PDF alone; services.check_pdf reads what it holds."""

    stamped_pdf = forms.FileField(
        allow_empty_file=True, error_messages={"required": "请选择盖章后的PDF文件。"}
    )


class ReviewForm(forms.Form):
    """The coordinator's decision on a submitted version: accept, or return with a reason
    (services.return_report refuses a return without one)."""

    decision = ChoiceOrDefaultField(choices=[("accept", "通过"), ("return", "退回修改")], default="return")
    reason = CleanTextField()


class ImplementationPlanForm(forms.ModelForm):
    """The unit's implementation plan for a project, with the revision the form was opened at and,
    optionally, a file (ledger.py keeps it, refusing anything but PDF, Word, WPS or Excel)."""

    revision = RevisionField(required=False)
    file = forms.FileField(required=False, allow_empty_file=True)
    text = CleanTextField(strip=False, max_chars=MAX_MEASURES, label="实施方案", widget=forms.Textarea)
    sub_goals = CleanTextField(
        strip=False, max_chars=MAX_MEASURES, label="本单位分解目标", widget=forms.Textarea
    )

    class Meta:
        model = ImplementationPlan
        fields = ["office", "person_name", "post", "phone", "text", "sub_goals"]
        field_classes = {name: CleanTextField for name in ("office", "person_name", "post", "phone")}
        error_messages = {
            name: {"max_length": f"{label}最多%(limit_value)d个字（现有%(show_value)d个字），请精简。"}
            for name, label in (
                ("office", "责任科室"),
                ("person_name", "责任人"),
                ("post", "职务"),
                ("phone", "电话"),
            )
        }

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def upload(self) -> tuple[bytes, str] | None:
        upload = self.cleaned_data.get("file")
        return (upload.read(), upload.name) if upload else None

    def as_typed(self, item: ImplementationPlan) -> ImplementationPlan:
        """A copy of `item` (the saved plan) holding what was typed, to show the form again."""
        typed = ImplementationPlan(
            pk=item.pk, assignment_id=item.assignment_id, file=item.file, revision=item.revision
        )
        for name in self.Meta.fields:
            setattr(typed, name, self[name].value() or "")
        return typed


class BulkUploadForm(forms.Form):
    """The CSV of figures for a bulk update (bulk.py reads it)."""

    file = forms.FileField(allow_empty_file=True, error_messages={"required": "请选择要上传的CSV文件。"})
