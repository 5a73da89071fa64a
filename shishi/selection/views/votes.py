"""The office's pages for a vote (票决): rules, count, result, documents; and the scanned tally
sheet and CSV tally of a vote or a satisfaction vote (`kind` in the URL)."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from shishi.directory.access import can_run_votes
from shishi.plans.forms import messages_of

from .. import documents, forms, services, tallies
from ..models import Candidate, VoteSession
from ..services import SelectionError
from .common import DOCX, counted_session, line_forms, manages, region_or_403, vote_session


@login_required
def vote_rules(request, region: int, year: int, pk: int | None = None):
    region = region_or_403(request, region, can_run_votes)
    session = get_object_or_404(VoteSession, pk=pk, region=region, year=year) if pk else None
    pool = Candidate.objects.filter(region=region, year=year)
    initial = (
        forms.VoteRulesForm.initial_for(session)
        if session
        else {"mode": "approve", "threshold": "members", "tie": "revote", "candidates": list(pool)}
    )
    form = forms.VoteRulesForm(pool, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["candidates"])
        try:
            if session:
                services.set_vote_rules(session, request.user, form.vote_settings(), chosen)
            else:
                session = services.create_vote_session(
                    region, year, request.user, form.vote_settings(), chosen
                )
        except SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "票决规则已保存。")
            return redirect("selection:vote", session.pk)
    context = {"region": region, "year": year, "session": session, "form": form}
    return render(request, "selection/vote_rules.html", context, status=400 if form.errors else 200)


@login_required
def vote(request, pk: int):
    session = vote_session(request, pk)
    context = {
        "session": session,
        "candidates": session.candidates.order_by("ballot_order"),
        "result": services.vote_result(session),
        "can_manage": can_run_votes(request.user, session.region),
        "tally_form": forms.TallyForm(),
    }
    return render(request, "selection/vote.html", context)


@login_required
def vote_document(request, pk: int, kind: str):
    """The ballot (before or after the count) or the result announcement (after it), as .docx."""
    session = vote_session(request, pk)
    if kind == "announcement" and not session.locked:
        raise Http404
    make = documents.ballot if kind == "ballot" else documents.announcement
    name = f"{session.title}{'票决票' if kind == 'ballot' else '票决结果公告'}.docx"
    return FileResponse(
        io.BytesIO(make(session, timezone.localdate())),
        as_attachment=True,
        filename=name,
        content_type=DOCX,
    )


@login_required
def vote_count(request, pk: int):
    session = vote_session(request, pk)
    if not can_run_votes(request.user, session.region):
        raise PermissionDenied
    data = request.POST or None
    existing = {line.candidate_id: line for line in session.lines.all()}
    ballots = forms.BallotsForm(data, initial=vars(session.ballots) if session.locked else None)
    rows = line_forms(
        forms.VoteLineForm,
        session.candidates.order_by("ballot_order"),
        data,
        lambda c: (
            {k: getattr(existing[c.pk], k) for k in ("yes", "no", "abstain")} if c.pk in existing else None
        ),
    )
    errors: list[str] = []
    if request.method == "POST":
        if ballots.is_valid() and all(form.is_valid() for _, form in rows):
            try:
                services.enter_vote_counts(
                    session, request.user, ballots.ballots(), {c.pk: form.count() for c, form in rows}
                )
            except SelectionError as exc:
                errors = [str(exc)]
            else:
                messages.success(request, "计票结果已保存，票决规则随之锁定。")
                return redirect("selection:vote", session.pk)
        else:
            errors = messages_of(ballots, *(form for _, form in rows))
    context = {
        "session": session,
        "ballots": ballots,
        "rows": rows,
        "errors": errors,
        "pick": session.mode == "pick",
    }
    return render(request, "selection/vote_count.html", context, status=400 if errors else 200)


@login_required
@require_POST
def tally_upload(request, kind: str, pk: int):
    session, back = counted_session(request, kind, pk)
    if not manages(request.user, session):
        raise PermissionDenied
    form = forms.TallyForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择计票单扫描件（PDF）。")
        return redirect(*back)
    upload = form.cleaned_data["tally"]
    try:
        # Never more than one byte past the bound into memory: the service refuses it by its size.
        services.attach_tally(
            session, request.user, upload.read(settings.SHISHI_MAX_PDF_BYTES + 1), upload.name
        )
    except SelectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "计票单扫描件已上传。")
    return redirect(*back)


@login_required
def tally_download(request, kind: str, pk: int):
    session, _back = counted_session(request, kind, pk)
    if not session.tally_pdf:
        raise Http404
    return FileResponse(
        session.tally_pdf.open("rb"), as_attachment=True, filename=session.tally_name or "计票单.pdf"
    )


@login_required
def tally_csv(request, kind: str, pk: int):
    """The counts as a CSV table (formula-safe), once counted."""
    session, _back = counted_session(request, kind, pk)
    if not session.locked:
        raise Http404
    rows = tallies.vote_rows(session) if kind == "vote" else tallies.rating_rows(session)
    return FileResponse(
        io.BytesIO(tallies.to_csv(rows)),
        as_attachment=True,
        filename=f"{session.title}计票结果.csv",
        content_type="text/csv; charset=utf-8",
    )


@login_required
@require_POST
def publish(request, kind: str, pk: int):
    """Show the result of a counted vote or satisfaction vote on its public page, or take it off."""
    session, back = counted_session(request, kind, pk)
    if not manages(request.user, session):
        raise PermissionDenied
    publishing = request.POST.get("publish") == "1"
    try:
        services.publish_result(session, request.user, publishing)
    except SelectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "结果已公布。" if publishing else "已撤回公布。")
    return redirect(*back)
