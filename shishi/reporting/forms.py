"""Turn the report form's fields into domain values, with messages for what cannot be read."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .models import ReportLine
from .services import LineEntry

ASSESSMENTS = {choice for choice, _ in ReportLine.Assessment.choices}
MAX_MEASURES = 20000


def read_entries(lines: list[ReportLine], data) -> tuple[dict[int, LineEntry], list[str]]:
    """One LineEntry per line from the POSTed form. Values are cumulative figures: a number
    not below zero, or empty for "not reported yet"."""
    entries, errors = {}, []
    for line in lines:
        key = f"line-{line.project_id}"
        values = {}
        for value in line.values.all():
            raw = data.get(f"value-{value.target_id}", "").strip().replace(",", "").replace("，", "")
            if raw == "":
                values[value.target_id] = None
                continue
            try:
                number = Decimal(raw)
            except InvalidOperation:
                errors.append(f"“{line.project.title}”的“{value.target.indicator}”应填数字，而不是“{raw}”。")
                continue
            if not number.is_finite() or number < 0 or number >= Decimal("1e14"):
                errors.append(f"“{line.project.title}”的“{value.target.indicator}”应为0或正数。")
                continue
            values[value.target_id] = number.quantize(Decimal("0.01"))
        measures = data.get(f"{key}-measures", "")
        if len(measures) > MAX_MEASURES:
            errors.append(f"“{line.project.title}”的进展情况超过{MAX_MEASURES}字，请精简。")
        assessment = data.get(f"{key}-assessment", "")
        entries[line.project_id] = LineEntry(
            measures=measures[:MAX_MEASURES],
            deadline=data.get(f"{key}-deadline", "")[:60],
            assessment=assessment if assessment in ASSESSMENTS else "",
            values=values,
        )
    return entries, errors
