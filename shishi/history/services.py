from __future__ import annotations

from .models import Event


def record(region, actor, verb: str, summary: str, *, plan=None, report=None) -> Event:
    """Write one line of history. Called by the services that change things, never by views."""
    return Event.objects.create(
        region=region,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        summary=summary[:300],
        plan_id=getattr(plan, "pk", None),
        report_id=getattr(report, "pk", None),
    )
