"""The form that starts a background export."""

from __future__ import annotations

from django import forms

from shishi.plans.forms import ChoiceOrDefaultField, IdField

from .tables import FORMATS, TABLES


class ExportForm(forms.Form):
    """What to export (a table of TABLES, CSV or XLSX) and, optionally, of which one plan (an
    id; the view checks that the person sees it). A kind or format not offered is left empty,
    for jobs.start_export to name."""

    kind = ChoiceOrDefaultField(choices=[(kind, table.label) for kind, table in TABLES.items()], default="")
    format = ChoiceOrDefaultField(choices=[(fmt, fmt.upper()) for fmt in FORMATS], default="")
    plan = IdField(required=False)
