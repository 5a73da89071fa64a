"""Turn the report form's fields into domain values, with messages for what cannot be read."""

from __future__ import annotations

from shishi.notice.text import clean_text
from shishi.plans.figures import FigureError, parse_figure

from .models import ReportLine
from .services import LineEntry

ASSESSMENTS = {choice for choice, _ in ReportLine.Assessment.choices}
MAX_MEASURES = 20000
MAX_DEADLINE = ReportLine._meta.get_field("deadline").max_length


def read_entries(lines: list[ReportLine], data) -> tuple[dict[int, LineEntry], list[str]]:
    """One LineEntry per line from the POSTed form. Values are cumulative figures: a number
    not below zero, or empty for "not reported yet"."""
    entries, errors = {}, []
    for line in lines:
        key = f"line-{line.project_id}"
        values = {}
        for value in line.values.all():
            try:
                values[value.target_id] = parse_figure(data.get(f"value-{value.target_id}", ""), f"“{value.target.indicator}”")
            except FigureError as exc:
                errors.append(f"“{line.project.title}”的{exc}")
        measures = clean_text(data.get(f"{key}-measures", ""))
        if len(measures) > MAX_MEASURES:
            errors.append(f"“{line.project.title}”的进展情况超过{MAX_MEASURES}字，请精简。")
        deadline = clean_text(data.get(f"{key}-deadline", "")).strip()
        if len(deadline) > MAX_DEADLINE:
            errors.append(f"“{line.project.title}”的完成时限超过{MAX_DEADLINE}字，请精简。")
        assessment = data.get(f"{key}-assessment", "")
        entries[line.project_id] = LineEntry(
            measures=measures[:MAX_MEASURES],
            deadline=deadline[:MAX_DEADLINE],
            assessment=assessment if assessment in ASSESSMENTS else "",
            values=values,
        )
    return entries, errors
