"""Each role's home ("/"), and the menu's one-click ways to the board, the review queue and 督办."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shishi.directory.access import can_supervise, may_manage_plans, may_propose_as_deputy, may_supervise
from shishi.directory.models import Person

from . import homes, selection_homes
from .visits import previous_login

Role = Person.Role


@login_required
def home(request):
    """Each role starts on its own to-do list."""
    person, today = request.user, timezone.localdate()
    if person.role == Role.REPORTER:
        if person.unit_id is None:
            return render(request, "desk/clerk.html", {"home": None, "today": today})
        return render(request, "desk/clerk.html", {"home": homes.clerk_home(person, today), "today": today})
    if person.role == Role.LEADER:
        return render(request, "desk/leader.html", {"home": homes.leader_home(person, today)})
    if person.role == Role.SUPERVISOR:
        return render(request, "desk/supervisor.html", {"home": homes.supervisor_home(person, today)})
    if person.role == Role.CONGRESS:
        home = selection_homes.congress_home(person, today)
        return render(
            request, "desk/congress.html", {"home": home, "plans": homes.leader_home(person, today)}
        )
    if person.role == Role.DEPUTY:
        home = selection_homes.deputy_home(person, today)
        latest = home.proposals[: selection_homes.LATEST_PROPOSALS]
        return render(request, "desk/deputy.html", {"home": home, "latest": latest})
    if person.role == Role.CITY_COORDINATOR:
        return render(request, "desk/city.html", {"home": homes.city_home(person, today)})
    if may_manage_plans(person):  # coordinators and administrators
        home = homes.coordinator_home(person, today, previous_login(request), timezone.now())
        return render(request, "desk/coordinator.html", {"home": home})
    return redirect("plans:list")


@login_required
def board(request):
    """调度 in the menu: the board of the plan the coordinator manages, at the quarter being
    chased; a choice when there are several plans."""
    if not may_manage_plans(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    plans = homes.managed_plans(request.user, today)
    return _one_click(request, plans, today, "oversight:board", _("调度"))


@login_required
def supervision(request):
    """督办 in the 督查室's menu: the plan's 督办 page at the quarter reported on."""
    if not may_supervise(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    plans = [p for p in homes.desk_plans(request.user, today) if can_supervise(request.user, p)]
    return _one_click(request, plans, today, "supervision:plan", _("督办"), reported=True)


def _one_click(request, plans, today, view: str, what: str, reported: bool = False):
    choices = []
    for plan in plans:
        period = homes.reported_period(plan, today) if reported else plan.current_period(today)
        if period is not None:
            choices.append((plan, period))
    if len(choices) == 1:
        plan, period = choices[0]
        return redirect(view, plan.pk, period.quarter)
    if not choices:
        messages.info(request, _("今年还没有实事计划。"))
        return redirect("plans:list")
    return render(request, "desk/choose.html", {"choices": choices, "view": view, "what": what})


@login_required
def review(request):
    """审核 in the menu: every report submitted and waiting for review, of the plans managed."""
    if not may_manage_plans(request.user):
        raise PermissionDenied
    plans = homes.managed_plans(request.user, timezone.localdate())
    return render(request, "desk/review.html", {"review": homes.review_queue(plans)})


@login_required
def proposals(request):
    """我的建议 in a deputy's menu: every proposal they made, its status and the office's answer."""
    if not may_propose_as_deputy(request.user):
        raise PermissionDenied
    home = selection_homes.deputy_home(request.user, timezone.localdate())
    return render(request, "desk/deputy_proposals.html", {"home": home})
