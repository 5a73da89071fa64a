"""The selection pages: the office's (proposals, shortlist, vote, satisfaction vote) and the
public proposal form and receipt page. Views only read forms and call services."""

from __future__ import annotations

import io
import secrets

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shishi.directory.models import Region
from shishi.plans.forms import messages_of
from shishi.plans.models import Plan

from . import chain, documents, forms, humancheck, services, tallies, throttle
from .access import can_manage_selection, can_propose_for_unit, can_read_selection, managed_regions
from .models import Candidate, Proposal, SatisfactionSession, SurveyResponse, VoteSession
from .services import SelectionError

PROPOSALS_PER_PAGE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _region(request, pk: int, manage: bool = True) -> Region:
    region = get_object_or_404(Region, pk=pk)
    allowed = can_manage_selection if manage else can_read_selection
    if not allowed(request.user, region):
        raise PermissionDenied
    return region


@login_required
def index(request):
    regions = managed_regions(request.user)
    if not regions:
        raise PermissionDenied
    return redirect("selection:proposals", regions[0].pk, timezone.localdate().year + 1)


# -- proposals ------------------------------------------------------------------------------------


@login_required
def proposals(request, region: int, year: int):
    region = _region(request, region)
    form = forms.OfficeProposalForm(region, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.submit_proposal(
                region,
                year,
                form.cleaned_data["source"],
                form.proposal_text(),
                request.user,
                form.cleaned_data["unit"],
            )
        except SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已录入建议《{proposal.title}》，回执码 {proposal.receipt}。")
            return redirect("selection:proposals", region.pk, year)
    found = Proposal.objects.filter(region=region, year=year).select_related("merged_into")
    status = request.GET.get("status", "")
    if status in Proposal.Status.values:
        found = found.filter(status=status)
    page = Paginator(found, PROPOSALS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "region": region,
        "year": year,
        "proposals": page,
        "form": form,
        "statuses": Proposal.Status.choices,
        "status": status,
        "public_url": request.build_absolute_uri(reverse("selection:propose", args=[region.pk, year])),
    }
    return render(request, "selection/proposals.html", context, status=400 if form.errors else 200)


@login_required
def poster(request, region: int, year: int):
    """A printable A4 poster with the public form's QR code, for notice boards."""
    region = _region(request, region)
    public_url = request.build_absolute_uri(reverse("selection:propose", args=[region.pk, year]))
    qr = segno.make(public_url, error="m").svg_data_uri(scale=8, border=2)
    return render(
        request, "selection/poster.html", {"region": region, "year": year, "public_url": public_url, "qr": qr}
    )


@login_required
def proposal(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.select_related("region", "merged_into"), pk=pk)
    _region(request, proposal.region_id)
    form = forms.AnswerForm(proposal, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == Proposal.Status.MERGED:
                services.merge_proposal(proposal, data["into"], request.user, data["answer"])
            else:
                services.answer_proposal(proposal, request.user, data["action"], data["answer"])
        except SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已答复建议《{proposal.title}》。")
            return redirect("selection:proposals", proposal.region_id, proposal.year)
    context = {
        "proposal": proposal,
        "form": form,
        "public_problems": services.public_text_problems(proposal),
        "candidates": proposal.candidates.all(),
    }
    return render(request, "selection/proposal.html", context, status=400 if form.errors else 200)


# -- the shortlist (初定) ------------------------------------------------------------------------


@login_required
def candidates(request, region: int, year: int):
    region = _region(request, region)
    found = Candidate.objects.filter(region=region, year=year).prefetch_related(
        "unit_places__unit", "proposals"
    )
    if request.method == "POST":
        form = forms.MoveForm(found, request.POST)
        if form.is_valid() and form.cleaned_data["direction"] == "remove":
            try:
                services.remove_candidate(form.cleaned_data["candidate"], request.user)
            except SelectionError as exc:
                messages.error(request, str(exc))
        elif form.is_valid():
            ordered = list(found)
            at = ordered.index(form.cleaned_data["candidate"])
            to = at - 1 if form.cleaned_data["direction"] == "up" else at + 1
            if 0 <= to < len(ordered):
                ordered[at], ordered[to] = ordered[to], ordered[at]
                try:
                    services.reorder_candidates(region, year, request.user, ordered)
                except SelectionError as exc:
                    messages.error(request, str(exc))
        return redirect("selection:candidates", region.pk, year)
    context = {
        "region": region,
        "year": year,
        "candidates": found,
        "sessions": VoteSession.objects.filter(region=region, year=year),
    }
    return render(request, "selection/candidates.html", context)


@login_required
def candidate_edit(request, region: int, year: int, pk: int | None = None):
    region = _region(request, region)
    candidate = get_object_or_404(Candidate, pk=pk, region=region, year=year) if pk else None
    initial = forms.CandidateForm.initial_for(candidate) if candidate else {}
    form = forms.CandidateForm(region, year, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_candidate(
                region,
                year,
                request.user,
                form.candidate_text(),
                form.units(),
                list(form.cleaned_data["proposals"]),
                candidate,
            )
        except SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "候选项目已保存。")
            return redirect("selection:candidates", region.pk, year)
    context = {"region": region, "year": year, "candidate": candidate, "form": form}
    return render(request, "selection/candidate_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def draft_plan(request, region: int, year: int):
    """The elected candidates become a draft notice, opened in the notice import's preview."""
    region = _region(request, region)
    try:
        notice_file = services.draft_plan(region, year, request.user, timezone.localdate())
    except SelectionError as exc:
        messages.error(request, str(exc))
        return redirect("selection:candidates", region.pk, year)
    messages.success(request, "已由票决当选的项目生成计划草稿，请校对后确认。")
    return redirect("plans:preview", notice_file.pk)


# -- the vote (票决) ----------------------------------------------------------------------------


def _session(request, pk: int) -> VoteSession:
    session = get_object_or_404(VoteSession.objects.select_related("region"), pk=pk)
    if not can_read_selection(request.user, session.region):
        raise PermissionDenied
    return session


@login_required
def vote_rules(request, region: int, year: int, pk: int | None = None):
    region = _region(request, region)
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
    session = _session(request, pk)
    context = {
        "session": session,
        "candidates": session.candidates.order_by("ballot_order"),
        "result": services.vote_result(session),
        "can_manage": can_manage_selection(request.user, session.region),
        "tally_form": forms.TallyForm(),
    }
    return render(request, "selection/vote.html", context)


@login_required
def vote_document(request, pk: int, kind: str):
    """The ballot (before or after the count) or the result announcement (after it), as .docx."""
    session = _session(request, pk)
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
def rating_document(request, pk: int, kind: str):
    """The satisfaction ballot, or the result (after the count), as .docx."""
    session = _rating_session(request, pk)
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


def _line_forms(form_class, rows, data, initial_of):
    """One form per row (a candidate, a project), prefixed by its id, each input named for a
    screen reader by its row and column."""
    pairs = []
    for row in rows:
        form = form_class(data, prefix=f"r{row.pk}", initial=initial_of(row))
        for field in form.fields.values():
            field.widget.attrs["aria-label"] = f"{row.title} {field.label}"
        pairs.append((row, form))
    return pairs


@login_required
def vote_count(request, pk: int):
    session = _session(request, pk)
    if not can_manage_selection(request.user, session.region):
        raise PermissionDenied
    data = request.POST or None
    existing = {line.candidate_id: line for line in session.lines.all()}
    ballots = forms.BallotsForm(data, initial=vars(session.ballots) if session.locked else None)
    rows = _line_forms(
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
    session, back = _counted_session(request, kind, pk)
    if not _manages(request.user, session):
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
    session, _back = _counted_session(request, kind, pk)
    if not session.tally_pdf:
        raise Http404
    return FileResponse(
        session.tally_pdf.open("rb"), as_attachment=True, filename=session.tally_name or "计票单.pdf"
    )


@login_required
def tally_csv(request, kind: str, pk: int):
    """The counts as a CSV table (formula-safe), once counted."""
    session, _back = _counted_session(request, kind, pk)
    if not session.locked:
        raise Http404
    rows = tallies.vote_rows(session) if kind == "vote" else tallies.rating_rows(session)
    return FileResponse(
        io.BytesIO(tallies.to_csv(rows)),
        as_attachment=True,
        filename=f"{session.title}计票结果.csv",
        content_type="text/csv; charset=utf-8",
    )


def _counted_session(request, kind: str, pk: int):
    if kind not in ("vote", "satisfaction"):
        raise Http404
    if kind == "vote":
        session = _session(request, pk)
        return session, ("selection:vote", session.pk)
    session = _rating_session(request, pk)
    return session, ("selection:satisfaction", session.pk)


def _manages(person, session) -> bool:
    region = session.region if isinstance(session, VoteSession) else session.plan.region
    return can_manage_selection(person, region)


# -- the satisfaction vote (满意度测评) ---------------------------------------------------------


def _rating_session(request, pk: int) -> SatisfactionSession:
    session = get_object_or_404(SatisfactionSession.objects.select_related("plan__region"), pk=pk)
    if not can_read_selection(request.user, session.plan.region):
        raise PermissionDenied
    return session


@login_required
def satisfaction_list(request, region: int):
    """The region's plans, each with its satisfaction votes and a way to set one up."""
    region = _region(request, region)
    plans = Plan.objects.filter(region=region).prefetch_related("satisfaction_sessions").order_by("-year")
    year = timezone.localdate().year + 1
    return render(
        request, "selection/satisfaction_list.html", {"region": region, "year": year, "plans": plans}
    )


@login_required
def rating_rules(request, plan: int, pk: int | None = None):
    plan = get_object_or_404(Plan.objects.select_related("region"), pk=plan)
    if not can_manage_selection(request.user, plan.region):
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
                services.set_rating_rules(session, request.user, form.rating_settings())
            else:
                session = services.create_satisfaction_session(plan, request.user, form.rating_settings())
        except SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "测评规则已保存。")
            return redirect("selection:satisfaction", session.pk)
    context = {"plan": plan, "session": session, "form": form}
    return render(request, "selection/rating_rules.html", context, status=400 if form.errors else 200)


@login_required
def satisfaction(request, pk: int):
    session = _rating_session(request, pk)
    context = {
        "session": session,
        "plan": session.plan,
        "result": services.satisfaction_result(session),
        "survey": services.survey_result(session),
        "survey_url": request.build_absolute_uri(reverse("selection:survey", args=[session.pk])),
        "can_manage": can_manage_selection(request.user, session.plan.region),
        "tally_form": forms.TallyForm(),
    }
    return render(request, "selection/satisfaction.html", context)


@login_required
@require_POST
def survey_toggle(request, pk: int):
    session = _rating_session(request, pk)
    if not can_manage_selection(request.user, session.plan.region):
        raise PermissionDenied
    opening = request.POST.get("open") == "1"
    services.open_survey(session, request.user, opening)
    messages.success(request, "群众网上测评已开放。" if opening else "群众网上测评已关闭。")
    return redirect("selection:satisfaction", session.pk)


DEVICE_COOKIE = "shishi_device"


def survey(request, pk: int):
    """The citizens' online satisfaction survey of a plan (no log-in): one answer per device,
    rate-limited per client, with the human check; results shown apart from the deputies' vote."""
    session = get_object_or_404(SatisfactionSession.objects.select_related("plan__region"), pk=pk)
    if not session.survey_open:
        raise Http404
    projects = session.plan.projects.order_by("seq")
    token = request.COOKIES.get(DEVICE_COOKIE, "")[:64] or secrets.token_urlsafe(24)
    answered = SurveyResponse.objects.filter(session=session, device=services.device_key(token)).exists()
    if request.method == "POST" and throttle.used_up(request, "survey"):
        context = {"session": session, "plan": session.plan, "limited": True}
        return render(request, "selection/survey.html", context, status=429)
    form = forms.SurveyForm(projects, request.POST if request.method == "POST" and not answered else None)
    if form.is_bound:
        throttle.count(request, "survey")
        if form.is_valid():
            try:
                services.answer_survey(session, token, form.choices())
            except SelectionError as exc:
                form.add_error(None, str(exc))
            else:
                answered = True
    context = {
        "session": session,
        "plan": session.plan,
        "form": form,
        "answered": answered,
        "challenge": humancheck.new_challenge(),
        "result": services.survey_result(session) if answered else None,
    }
    response = render(request, "selection/survey.html", context, status=400 if form.errors else 200)
    response.set_cookie(DEVICE_COOKIE, token, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    return response


@login_required
def satisfaction_count(request, pk: int):
    session = _rating_session(request, pk)
    if not can_manage_selection(request.user, session.plan.region):
        raise PermissionDenied
    data = request.POST or None
    existing = {line.project_id: line for line in session.lines.all()}
    ballots = forms.BallotsForm(data, initial=vars(session.ballots) if session.locked else None)
    rows = _line_forms(
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
                services.enter_rating_counts(
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


# -- public: proposing and following a proposal --------------------------------------------------


def open_years() -> tuple[int, int]:
    this_year = timezone.localdate().year
    return this_year, this_year + 1


def propose(request, region: int, year: int):
    """The public proposal form: no log-in, rate-limited per client, with a human check. A unit's
    clerk who is signed in proposes in the unit's name."""
    region = get_object_or_404(Region, pk=region)
    if year not in open_years():
        raise Http404  # proposals are collected for this year's programme or next year's
    as_unit = request.user.is_authenticated and can_propose_for_unit(request.user)
    if as_unit and request.user.unit.region_id != region.pk:
        as_unit = False
    if request.method == "POST" and throttle.used_up(request):
        return render(
            request, "selection/propose.html", {"region": region, "year": year, "limited": True}, status=429
        )
    form = forms.PublicProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttle.count(request)
        try:
            proposal = services.submit_proposal(
                region,
                year,
                Proposal.Source.UNIT if as_unit else Proposal.Source.WEB,
                form.proposal_text(),
                request.user,
                request.user.unit if as_unit else None,
            )
        except SelectionError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "selection/proposed.html", {"proposal": proposal})
    elif request.method == "POST":
        throttle.count(request)  # refused attempts count too: guessing the check costs the same
    challenge = humancheck.new_challenge()
    context = {"region": region, "year": year, "form": form, "challenge": challenge, "as_unit": as_unit}
    return render(request, "selection/propose.html", context, status=400 if form.errors else 200)


def receipt(request):
    """A proposer looks up their proposal's status and answer by its receipt code."""
    form = forms.ReceiptForm(request.GET or None)
    found = None
    if form.is_valid():
        if throttle.used_up(request):
            return render(request, "selection/receipt.html", {"form": form, "limited": True}, status=429)
        found = (
            Proposal.objects.select_related("merged_into").filter(receipt=form.cleaned_data["code"]).first()
        )
        if found is None:
            throttle.count(request)  # a wrong code counts: codes are not to be guessed
    context = {
        "form": form,
        "proposal": found,
        "searched": form.is_bound,
        "paths": chain.proposal_paths(found) if found else [],
    }
    return render(request, "selection/receipt.html", context)
