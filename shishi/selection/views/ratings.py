"""The office's pages for a satisfaction vote (满意度测评) and its citizens' survey."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shishi.directory.access import can_run_votes
from shishi.plans.forms import messages_of
from shishi.plans.models import Plan

from .. import documents, forms, ratings
from ..models import SatisfactionSession
from ..services import SelectionError
from .common import DOCX, line_forms, rating_session, region_or_403


@login_required
def satisfaction_list(request, region: int):
    """The region's plans, each with its satisfaction votes and a way to set one up."""
    region = region_or_403(request, region, can_run_votes)
    plans = Plan.objects.filter(region=region).prefetch_related("satisfaction_sessions").order_by("-year")
    year = timezone.localdate().year + 1
    return render(
        request, "selection/satisfaction_list.html", {"region": region, "year": year, "plans": plans}
    )


@login_required
def rating_rules(request, plan: int, pk: int | None = None):
    plan = get_object_or_404(Plan.objects.select_related("region"), pk=plan)
    if not can_run_votes(request.user, plan.region):
        raise PermissionDenied
    session = get_object_or_404(SatisfactionSession, pk=pk, plan=plan) if pk else None
    initial = (
        forms.RatingRulesForm.initial_for(session)
        if session
        else {
            "title": f"{plan.year}年度实事项目满意度测评",
            "base": "members",
            "satisfied_percent": 50,
            "combined_percent": 50,
        }
    )
    form = forms.RatingRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if session:
                ratings.set_rating_rules(session, request.user, form.rating_settings())
            else:
                session = ratings.create_satisfaction_session(plan, request.user, form.rating_settings())
        except SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "测评规则已保存。")
            return redirect("selection:satisfaction", session.pk)
    context = {"plan": plan, "session": session, "form": form}
    return render(request, "selection/rating_rules.html", context, status=400 if form.errors else 200)


@login_required
def satisfaction(request, pk: int):
    session = rating_session(request, pk)
    context = {
        "session": session,
        "plan": session.plan,
        "result": ratings.satisfaction_result(session),
        "survey": ratings.survey_result(session),
        "survey_url": request.build_absolute_uri(reverse("selection:survey", args=[session.pk])),
        "can_manage": can_run_votes(request.user, session.plan.region),
        "tally_form": forms.TallyForm(),
    }
    return render(request, "selection/satisfaction.html", context)


@login_required
def rating_document(request, pk: int, kind: str):
    """The satisfaction ballot, or the result (after the count), as .docx."""
    session = rating_session(request, pk)
    if kind == "result" and not session.locked:
        raise Http404
    make = documents.rating_ballot if kind == "ballot" else documents.rating_report
    name = f"{session.title}{'测评票' if kind == 'ballot' else '结果'}.docx"
    return FileResponse(
        io.BytesIO(make(session, timezone.localdate())),
        as_attachment=True,
        filename=name,
        content_type=DOCX,
    )


@login_required
@require_POST
def survey_toggle(request, pk: int):
    session = rating_session(request, pk)
    if not can_run_votes(request.user, session.plan.region):
        raise PermissionDenied
    opening = request.POST.get("open") == "1"
    ratings.open_survey(session, request.user, opening)
    messages.success(request, "群众网上测评已开放。" if opening else "群众网上测评已关闭。")
    return redirect("selection:satisfaction", session.pk)


@login_required
def satisfaction_count(request, pk: int):
    session = rating_session(request, pk)
    if not can_run_votes(request.user, session.plan.region):
        raise PermissionDenied
    data = request.POST or None
    existing = {line.project_id: line for line in session.lines.all()}
    ballots = forms.BallotsForm(data, initial=vars(session.ballots) if session.locked else None)
    rows = line_forms(
        forms.RatingLineForm,
        session.plan.projects.order_by("seq"),
        data,
        lambda p: (
            {k: getattr(existing[p.pk], k) for k in ("satisfied", "basic", "unsatisfied")}
            if p.pk in existing
            else None
        ),
    )
    errors: list[str] = []
    if request.method == "POST":
        if ballots.is_valid() and all(form.is_valid() for _, form in rows):
            try:
                ratings.enter_rating_counts(
                    session, request.user, ballots.ballots(), {p.pk: form.count() for p, form in rows}
                )
            except SelectionError as exc:
                errors = [str(exc)]
            else:
                messages.success(request, "测评计票结果已保存，测评规则随之锁定。")
                return redirect("selection:satisfaction", session.pk)
        else:
            errors = messages_of(ballots, *(form for _, form in rows))
    context = {"session": session, "ballots": ballots, "rows": rows, "errors": errors}
    return render(request, "selection/satisfaction_count.html", context, status=400 if errors else 200)
