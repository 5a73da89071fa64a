"""What the selection pages share: the object a URL names, checked against access.py; the
rows of a count form; a Word download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from shishi.directory.access import can_manage_selection, can_read_selection, can_run_votes
from shishi.directory.models import Region

from ..models import SatisfactionSession, VoteSession

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def region_or_403(request, pk: int, allowed=can_manage_selection) -> Region:
    """The region `pk`, if `allowed(person, region)` (an access.py rule); else 403."""
    region = get_object_or_404(Region, pk=pk)
    if not allowed(request.user, region):
        raise PermissionDenied
    return region


def vote_session(request, pk: int) -> VoteSession:
    session = get_object_or_404(VoteSession.objects.select_related("region"), pk=pk)
    if not can_read_selection(request.user, session.region):
        raise PermissionDenied
    return session


def rating_session(request, pk: int) -> SatisfactionSession:
    session = get_object_or_404(SatisfactionSession.objects.select_related("plan__region"), pk=pk)
    if not can_read_selection(request.user, session.plan.region):
        raise PermissionDenied
    return session


def line_forms(form_class, rows, data, initial_of):
    """One form per row (a candidate, a project), prefixed by its id, each input named for a
    screen reader by its row and column."""
    pairs = []
    for row in rows:
        form = form_class(data, prefix=f"r{row.pk}", initial=initial_of(row))
        for field in form.fields.values():
            field.widget.attrs["aria-label"] = f"{row.title} {field.label}"
        pairs.append((row, form))
    return pairs


def counted_session(request, kind: str, pk: int):
    if kind not in ("vote", "satisfaction"):
        raise Http404
    if kind == "vote":
        session = vote_session(request, pk)
        return session, ("selection:vote", session.pk)
    session = rating_session(request, pk)
    return session, ("selection:satisfaction", session.pk)


def manages(person, session) -> bool:
    """Whether the person runs this vote or satisfaction vote (access.can_run_votes)."""
    region = session.region if isinstance(session, VoteSession) else session.plan.region
    return can_run_votes(person, region)
