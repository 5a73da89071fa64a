"""The mid-year edit form of a project as the browser posts it, for tests of every app."""

from __future__ import annotations

from shishi.directory.models import Unit
from shishi.plans.amend_forms import project_formsets


def edit_form(project, **changes) -> dict:
    """Every field of the project's edit page as the page shows it, with `changes` over them
    (t-0-value="8", u-1-DELETE="1", u-2-unit=str(pk) for the empty row…)."""
    targets, team = project_formsets(project, list(Unit.objects.filter(region=project.plan.region)))
    data = {}
    for formset in (targets, team):
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management.initial.get(name, ""))
        for form in formset.forms:
            for name, field in form.fields.items():
                if name == "DELETE":
                    continue
                value = form.initial.get(name, field.initial)
                data[form.add_prefix(name)] = "" if value is None else str(field.prepare_value(value))
    return data | changes
