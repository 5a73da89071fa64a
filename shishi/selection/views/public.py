"""The public pages: proposing without a log-in, following a proposal by its receipt code, and
the citizens' online satisfaction survey. Rate-limited per client, with the human check."""

from __future__ import annotations

import secrets

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from shishi.directory.access import can_propose_as_deputy, can_propose_for_unit
from shishi.directory.models import Region

from .. import chain, forms, humancheck, ratings, services, throttle
from ..models import Proposal, SatisfactionSession, SurveyResponse, VoteSession
from ..services import SelectionError


def open_years() -> tuple[int, int]:
    this_year = timezone.localdate().year
    return this_year, this_year + 1


DEVICE_COOKIE = "shishi_device"


def propose(request, region: int, year: int):
    """The public proposal form: no log-in, rate-limited per client, with a human check. A unit's
    clerk who is signed in proposes in the unit's name; a deputy of the region, in their own
    (source 人大代表提出, the deputy kept as who submitted it: their home lists it)."""
    region = get_object_or_404(Region, pk=region)
    if year not in open_years():
        raise Http404  # proposals are collected for this year's programme or next year's
    as_unit = request.user.is_authenticated and can_propose_for_unit(request.user)
    if as_unit and request.user.unit.region_id != region.pk:
        as_unit = False
    as_deputy = can_propose_as_deputy(request.user, region)
    source = Proposal.Source.UNIT if as_unit else Proposal.Source.DEPUTY if as_deputy else Proposal.Source.WEB
    limited = request.method == "POST" and throttle.used_up(request)
    if limited:  # refused for the count: the form comes back as typed, unchecked (its check not spent)
        form = forms.PublicProposalForm(initial=request.POST.dict())
    else:
        form = forms.PublicProposalForm(request.POST or None)
        if request.method == "POST":
            throttle.count(request)  # refused attempts count too: guessing the check costs the same
            if form.is_valid():
                try:
                    proposal = services.submit_proposal(
                        region,
                        year,
                        source,
                        form.proposal_text(),
                        request.user,
                        request.user.unit if as_unit else None,
                    )
                except SelectionError as exc:
                    form.add_error(None, str(exc))
                else:
                    return render(request, "selection/proposed.html", {"proposal": proposal})
    challenge = humancheck.new_challenge()
    context = {
        "region": region,
        "year": year,
        "form": form,
        "challenge": challenge,
        "as_unit": as_unit,
        "as_deputy": as_deputy,
        "limited": limited,
    }
    status = 429 if limited else 400 if form.errors else 200
    return render(request, "selection/propose.html", context, status=status)


def receipt(request):
    """A proposer looks up their proposal's status and answer by its receipt code."""
    form = forms.ReceiptForm(request.GET or None)
    found = None
    if form.is_valid():
        if throttle.used_up(request, "receipts"):
            return render(request, "selection/receipt.html", {"form": form, "limited": True}, status=429)
        found = (
            Proposal.objects.select_related("merged_into").filter(receipt=form.cleaned_data["code"]).first()
        )
        if found is None:
            throttle.count(request, "receipts")  # a wrong code counts: codes are not to be guessed
    context = {
        "form": form,
        "proposal": found,
        "searched": form.is_bound,
        "paths": chain.proposal_paths(found) if found else [],
    }
    return render(request, "selection/receipt.html", context)


def survey(request, pk: int):
    """The citizens' online satisfaction survey of a plan (no log-in): one answer per device,
    rate-limited per client, with the human check; results shown apart from the deputies' vote."""
    session = get_object_or_404(SatisfactionSession.objects.select_related("plan__region"), pk=pk)
    if not session.survey_open:
        raise Http404
    projects = session.plan.projects.order_by("seq")
    token = request.COOKIES.get(DEVICE_COOKIE, "")[:64] or secrets.token_urlsafe(24)
    answered = SurveyResponse.objects.filter(session=session, device=ratings.device_key(token)).exists()
    if request.method == "POST" and throttle.used_up(request, "survey"):
        context = {"session": session, "plan": session.plan, "limited": True}
        return render(request, "selection/survey.html", context, status=429)
    form = forms.SurveyForm(projects, request.POST if request.method == "POST" and not answered else None)
    if form.is_bound:
        throttle.count(request, "survey")
        if form.is_valid():
            try:
                ratings.answer_survey(session, token, form.choices())
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
        "result": ratings.survey_result(session) if answered else None,
    }
    response = render(request, "selection/survey.html", context, status=400 if form.errors else 200)
    response.set_cookie(DEVICE_COOKIE, token, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    return response


def vote_result_page(request, pk: int):
    """A published vote's result, for anyone: the rules, the ballots, every candidate's count."""
    session = get_object_or_404(
        VoteSession.objects.select_related("region"), pk=pk, published_at__isnull=False
    )
    return render(
        request, "selection/public_vote.html", {"session": session, "result": services.vote_result(session)}
    )


def satisfaction_result_page(request, pk: int):
    """A published satisfaction vote's result, for anyone, with the rule it was judged by."""
    session = get_object_or_404(
        SatisfactionSession.objects.select_related("plan__region"), pk=pk, published_at__isnull=False
    )
    context = {"session": session, "plan": session.plan, "result": ratings.satisfaction_result(session)}
    return render(request, "selection/public_satisfaction.html", context)
