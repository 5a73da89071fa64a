"""Who may see and do what. Every view asks here; nothing else decides.

- admin: everything, except writing a unit's drafts (those belong to the unit's clerks).
- city coordinator: reads every plan of the regions under their city, compares them.
- coordinator: manages the plans of their own region (import, edit, review, remind).
- leader: reads the plans of their region (and below), changes nothing.
- supervisor (督查室): reads the plans of their region (and below) and issues 督办 notices.
- reporter: reads the plans their unit is on; writes only their own unit's reports.
Drafts belong to the unit: others see a report only once it has been submitted.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from shishi.directory.models import Person, Region

Role = Person.Role
REGION_READERS = (Role.CITY_COORDINATOR, Role.LEADER, Role.COORDINATOR, Role.SUPERVISOR)  # their region and below


def regions_visible_to(person: Person) -> QuerySet[Region]:
    if person.role == Role.ADMIN or person.is_superuser:
        return Region.objects.all()
    if person.region_id is None:
        return Region.objects.none()
    if person.role in REGION_READERS:
        region = person.region
        return Region.objects.filter(Q(path=region.path) | Q(path__startswith=region.path + "/"))
    return Region.objects.filter(pk=person.region_id)


def can_read_region(person: Person, region: Region) -> bool:
    """Whether `region` is among `regions_visible_to(person)`, answered without a query when the
    region is the person's own (the region is then kept as theirs, so that the rules after this
    one do not read it again), and otherwise with at most the one query for the person's region."""
    if not person.is_authenticated:
        return False
    if person.role == Role.ADMIN or person.is_superuser:
        return True
    if person.region_id is None:
        return False
    if person.region_id == region.pk:
        person.region = region
        return True
    return person.role in REGION_READERS and person.region.contains(region)


def can_read_region_and_below(person: Person, region: Region) -> bool:
    """Whether `region` and every region under it are the person's to read, and so every plan
    there (`plans_visible_to`): what a comparison of the region needs, so that it can read the
    plans below without asking plan by plan. Never for a unit's clerk: they read plans by their
    unit, not by region (as in `plans_visible_to`)."""
    if not person.is_authenticated or person.role == Role.REPORTER:
        return False
    if person.role == Role.ADMIN or person.is_superuser:
        return True
    return person.role in REGION_READERS and can_read_region(person, region)


def region_for(person: Person, pk: int) -> Region | None:
    """The region `pk` (None if there is none), with the person's own region read in the same query
    and kept as theirs: the access rules above compare the two."""
    regions = {region.pk: region for region in Region.objects.filter(Q(pk=pk) | Q(pk=person.region_id)).order_by()}
    if person.region_id in regions:
        person.region = regions[person.region_id]
    return regions.get(pk)


def plans_visible_to(person: Person):
    from shishi.plans.models import Plan

    if not person.is_authenticated:
        return Plan.objects.none()
    if person.role == Role.REPORTER:
        if person.unit_id is None:
            return Plan.objects.none()
        return Plan.objects.filter(projects__assignments__unit_id=person.unit_id).distinct()
    return Plan.objects.filter(region__in=regions_visible_to(person))


def can_view_plan(person: Person, plan) -> bool:
    # The everyday cases answer without a query: every page of a plan asks.
    if not person.is_authenticated:
        return False
    if person.role == Role.REPORTER:  # by the unit, even for a superuser (as plans_visible_to)
        return plans_visible_to(person).filter(pk=plan.pk).exists()
    if person.role == Role.ADMIN or person.is_superuser:
        return True
    if person.role in REGION_READERS and person.region_id is not None and person.region_id == plan.region_id:
        return True
    return plans_visible_to(person).filter(pk=plan.pk).exists()


def can_manage_region(person: Person, region: Region) -> bool:
    """Import notices, edit plans, review reports, send reminders."""
    if not person.is_authenticated:
        return False
    if person.role == Role.ADMIN or person.is_superuser:
        return True
    return person.role == Role.COORDINATOR and person.region_id == region.pk


def can_manage_plan(person: Person, plan) -> bool:
    return can_manage_region(person, plan.region)


def can_write_report(person: Person, report) -> bool:
    return person.is_authenticated and person.role == Role.REPORTER and person.unit_id == report.unit_id


def can_read_report(person: Person, report) -> bool:
    """The unit itself always; coordinators, leaders and city coordinators once it was submitted."""
    if can_write_report(person, report):
        return True
    if report.first_submitted_at is None:
        return False
    if person.role == Role.REPORTER:
        return False
    return can_view_plan(person, report.period.plan)


def can_read_unit_ledger(person: Person, assignment) -> bool:
    if person.is_authenticated and person.role == Role.REPORTER:
        return person.unit_id == assignment.unit_id
    return can_view_plan(person, assignment.project.plan)


def restricted_to_unit(person: Person) -> int | None:
    """On pages shared by everyone on a plan (a project's ledger), a reporter sees only their
    own unit's reports and implementation plans: the unit id to filter by, or None for all."""
    return person.unit_id if person.role == Role.REPORTER else None


def can_supervise(person: Person, plan) -> bool:
    """Issue and close 督办 notices: the supervision office of the plan's region, or an admin."""
    if not person.is_authenticated:
        return False
    if person.role == Role.ADMIN or person.is_superuser:
        return True
    return person.role == Role.SUPERVISOR and person.region_id is not None and person.region.contains(plan.region)
