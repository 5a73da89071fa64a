"""The office's pages for proposals (征集) and the shortlist (初定), and the draft plan made
from the elected candidates. Views only read forms and call services."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shishi.bounds import as_id
from shishi.directory.access import can_manage_selection, can_run_votes, managed_regions, vote_regions

from .. import forms, services
from ..models import Candidate, Proposal, VoteSession
from ..services import SelectionError
from .common import region_or_403

PROPOSALS_PER_PAGE = 50


@login_required
def index(request):
    """征集与票决 in the menu: the office starts at next year's proposals; the congress's staff,
    who do not see proposals, at next year's candidates and their votes."""
    next_year = timezone.localdate().year + 1
    if regions := managed_regions(request.user):
        return redirect("selection:proposals", regions[0].pk, next_year)
    if regions := vote_regions(request.user):
        return redirect("selection:candidates", regions[0].pk, next_year)
    raise PermissionDenied


@login_required
def proposals(request, region: int, year: int):
    region = region_or_403(request, region)
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
        "flagged": {p.pk for p in page if services.public_text_problems(p)},
        "form": form,
        "statuses": Proposal.Status.choices,
        "status": status,
        "public_url": request.build_absolute_uri(reverse("selection:propose", args=[region.pk, year])),
    }
    return render(request, "selection/proposals.html", context, status=400 if form.errors else 200)


@login_required
def poster(request, region: int, year: int):
    """A printable A4 poster with the public form's QR code, for notice boards."""
    region = region_or_403(request, region)
    public_url = request.build_absolute_uri(reverse("selection:propose", args=[region.pk, year]))
    qr = segno.make(public_url, error="m").svg_data_uri(scale=8, border=2)
    return render(
        request, "selection/poster.html", {"region": region, "year": year, "public_url": public_url, "qr": qr}
    )


@login_required
def proposal(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.select_related("region", "merged_into"), pk=pk)
    region_or_403(request, proposal.region_id)
    form = forms.AnswerForm(proposal, request.POST or None, initial=forms.AnswerForm.initial_for(proposal))
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


@login_required
def candidates(request, region: int, year: int):
    """The shortlist in ballot order and its votes: changed by the office, read by the congress's
    staff, who set up the votes from it."""
    region = region_or_403(request, region, can_run_votes)
    can_manage = can_manage_selection(request.user, region)
    found = Candidate.objects.filter(region=region, year=year).prefetch_related(
        "unit_places__unit", "proposals"
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
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
        "can_manage": can_manage,
    }
    return render(request, "selection/candidates.html", context)


@login_required
def candidate_edit(request, region: int, year: int, pk: int | None = None):
    region = region_or_403(request, region)
    candidate = get_object_or_404(Candidate, pk=pk, region=region, year=year) if pk else None
    if candidate:
        initial = forms.CandidateForm.initial_for(candidate)
    else:  # from a proposal's page: its text to start from
        source = Proposal.objects.filter(region=region, year=year, pk=as_id(request.GET.get("from"))).first()
        initial = forms.CandidateForm.initial_from(source) if source else {}
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
    region = region_or_403(request, region)
    try:
        notice_file = services.draft_plan(region, year, request.user, timezone.localdate())
    except SelectionError as exc:
        messages.error(request, str(exc))
        return redirect("selection:candidates", region.pk, year)
    messages.success(request, "已由票决当选的项目生成计划草稿，请校对后确认。")
    return redirect("plans:preview", notice_file.pk)
