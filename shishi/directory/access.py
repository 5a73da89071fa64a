"""Who may see and do what. Every view asks here; nothing else decides.

- admin: everything, except writing a unit's drafts (those belong to the unit's clerks).
- city coordinator: reads every plan of the regions under their city, compares them.
- coordinator: manages the plans of their own region (import, edit, review, remind).
- leader: reads the plans of their region (and below), changes nothing.
- supervisor (督查室): reads the plans of their region (and below) and issues 督办 notices.
- reporter: reads the plans their unit is on; writes only their own unit's reports.
- congress (人大工作人员, the staff of the region's people's congress standing committee): reads
  everything of their region as a leader does, and runs its votes (票决) and satisfaction votes.
- deputy (人大代表): proposes projects in their own name and follows their own proposals; reads
  none of the government's internal pages (the published plan is public, for them as for anyone).
Drafts belong to the unit: others see a report only once it has been submitted.

The year's selection (征集, 初定, 票决, 满意度测评), at the end of this module: proposals and the
shortlist are the government's work, run by the region's coordinator; the vote and the
satisfaction vote are the congress's act, run by the congress's staff of the region — and by the
coordinator as well (see `can_run_votes` for why).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from shishi.directory.models import Person, Region

Role = Person.Role
REGION_READERS = (
    Role.CITY_COORDINATOR,
    Role.LEADER,
    Role.COORDINATOR,
    Role.SUPERVISOR,
    Role.CONGRESS,
)  # their region and below


def _outsider(person: Person) -> bool:
    """A deputy reads none of the government's internal pages: they are not part of it."""
    return person.role == Role.DEPUTY and not person.is_superuser


def regions_visible_to(person: Person) -> QuerySet[Region]:
    if person.role == Role.ADMIN or person.is_superuser:
        return Region.objects.all()
    if person.region_id is None or _outsider(person):
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
    if person.region_id is None or _outsider(person):
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
    regions = {
        region.pk: region for region in Region.objects.filter(Q(pk=pk) | Q(pk=person.region_id)).order_by()
    }
    if person.region_id in regions:
        person.region = regions[person.region_id]
    return regions.get(pk)


def plan_filter(person: Person, to_plan: str = "") -> Q | None:
    """The plans a person reads, as a filter for any queryset that reaches a plan through
    `to_plan` ("" for plans themselves, "period__plan__" for reports…); None when they read none.
    Apps above apply it (`Plan.objects.visible_to`, `QuarterlyReport.objects.readable_by`), so
    the rule is written once, here, and this module imports no app above it. A clerk's filter
    goes through the plan's projects: the queryset needs `.distinct()`."""
    if not person.is_authenticated or _outsider(person):
        return None
    if person.role == Role.REPORTER:  # by the unit, even for a superuser
        if person.unit_id is None:
            return None
        return Q(**{f"{to_plan}projects__assignments__unit_id": person.unit_id})
    return Q(**{f"{to_plan}region__in": regions_visible_to(person)})


def report_filter(person: Person) -> Q | None:
    """Every report `can_read_report(person, report)` allows, as a filter on reports: the clerk's
    own unit's, drafts included; for everyone else who reads the plan, those submitted at least once."""
    if not person.is_authenticated or _outsider(person):
        return None
    if person.role == Role.REPORTER:
        return None if person.unit_id is None else Q(unit_id=person.unit_id)
    return Q(first_submitted_at__isnull=False) & plan_filter(person, "period__plan__")


def is_unit_clerk(person: Person) -> bool:
    """A clerk of a unit: fills the unit's reports, implementation plans and 督办 answers."""
    return person.is_authenticated and person.role == Role.REPORTER and person.unit_id is not None


def can_import_notices(person: Person) -> bool:
    """Whether to offer the notice import at all (which regions: `can_manage_region`)."""
    return person.is_authenticated and (person.is_superuser or person.role in (Role.ADMIN, Role.COORDINATOR))


def may_manage_plans(person: Person) -> bool:
    """Whether the person's role manages plans at all (which plans: `can_manage_plan`): the menu's
    调度 and 审核, the coordinator's home."""
    return can_import_notices(person)


def may_supervise(person: Person) -> bool:
    """Whether the person's role issues 督办 at all (which plans: `can_supervise`)."""
    return person.is_authenticated and (person.is_superuser or person.role in (Role.ADMIN, Role.SUPERVISOR))


def offers_api_tokens(person: Person) -> bool:
    """Whether the account menu offers 接口令牌: to those who connect other systems (the office,
    administrators). The page itself stays open to anyone signed in, as tokens are personal."""
    return may_manage_plans(person)


def _reads_plan_by_region(person: Person, plan) -> bool | None:
    """The everyday answers of `can_view_plan` that need no query; None when one is needed."""
    if not person.is_authenticated or _outsider(person):
        return False
    if person.role == Role.REPORTER:
        return None
    if person.role == Role.ADMIN or person.is_superuser:
        return True
    if person.role in REGION_READERS and person.region_id is not None and person.region_id == plan.region_id:
        return True
    return None


def can_view_plan(person: Person, plan) -> bool:
    # The everyday cases answer without a query: every page of a plan asks.
    answer = _reads_plan_by_region(person, plan)
    if answer is not None:
        return answer
    if person.role == Role.REPORTER:
        return (
            person.unit_id is not None and plan.projects.filter(assignments__unit_id=person.unit_id).exists()
        )
    return person.region_id is not None and can_read_region(person, plan.region)


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


def can_write_ledger(person: Person, assignment) -> bool:
    """A unit's implementation plan for a project is written by the unit's clerks."""
    return is_unit_clerk(person) and person.unit_id == assignment.unit_id


def can_answer_supervision(person: Person, notice) -> bool:
    """A 督办 notice is answered by a clerk of the unit it was sent to."""
    return is_unit_clerk(person) and person.unit_id == notice.unit_id


def can_read_year_end(person: Person, plan) -> bool:
    """The year-end summary of every unit is for the office, the leaders and the supervisors."""
    return person.role != Role.REPORTER and can_view_plan(person, plan)


def can_read_bulletins(person: Person, plan) -> bool:
    """A bulletin carries every unit's submitted lines for the period. A clerk may not read
    another unit's report, so clerks are left out even though they view the plan; leaders, city
    coordinators and coordinators of the plan read them. Issuing is managing the plan."""
    return person.is_authenticated and person.role != Role.REPORTER and can_view_plan(person, plan)


def may_read_bulletins(person: Person) -> bool:
    """Whether the bulletins are for this person at all (which plans: `can_read_bulletins`)."""
    return person.is_authenticated and person.role != Role.REPORTER and not _outsider(person)


# The official form (documents): the unit's own clerk works on the draft; those who read the
# submitted report read its latest version; the blank attachment is for anyone who sees the plan.
DRAFT, SUBMITTED = "draft", "submitted"


def form_source(person: Person, report) -> str | None:
    """What a person may download as a unit's filled form: the report as the unit's clerk has it
    now (DRAFT), its latest submitted version (SUBMITTED), or nothing (None). `report` may be
    unsaved (a unit that has not opened its report yet): then only the unit's own clerk may."""
    if can_write_report(person, report):
        return DRAFT
    if report.pk is not None and can_read_report(person, report):
        return SUBMITTED
    return None


def can_download_blank_form(person: Person, plan) -> bool:
    return can_view_plan(person, plan)


def can_import_form(person: Person, report) -> bool:
    """Only the unit's own clerk brings a filled form back into its draft."""
    return can_write_report(person, report)


# Comparisons. Counties side by side (a city's counties for a year): the admin, and city
# coordinators and leaders who read the city — the people the comparison is for; a county's
# coordinator or leader reads only their own county. One region across years: anyone who reads
# the region's plans, except unit clerks (they read plans by their unit, not a region's
# programme). In both, the person reads the region and everything under it, so that every plan
# under it is theirs to count.
COUNTY_COMPARERS = (Role.ADMIN, Role.CITY_COORDINATOR, Role.LEADER)


def may_compare(person: Person) -> bool:
    """Whether the comparisons are for this person at all."""
    return person.is_authenticated and (
        person.is_superuser or person.role not in (Role.REPORTER, Role.DEPUTY)
    )


def may_compare_counties(person: Person) -> bool:
    """Whether the person's role compares counties (of the regions they read)."""
    return may_compare(person) and (person.is_superuser or person.role in COUNTY_COMPARERS)


def can_compare_counties(person: Person, region: Region) -> bool:
    return may_compare_counties(person) and can_read_region_and_below(person, region)


def can_compare_years(person: Person, region: Region) -> bool:
    return may_compare(person) and can_read_region_and_below(person, region)


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
    return (
        person.role == Role.SUPERVISOR
        and person.region_id is not None
        and person.region.contains(plan.region)
    )


# -- the year's selection: proposals (征集), the shortlist (初定), the vote (票决) and the
# year-end satisfaction vote (满意度测评). Plain arguments (a person, a region): this module
# imports nothing of the selection app.


def can_manage_selection(person: Person, region: Region) -> bool:
    """Proposals and the shortlist of a region: collect, enter paper and phone proposals, merge,
    answer, turn them into candidates in ballot order, and make the draft plan of the elected.
    The government's work: the region's coordinator (and an administrator). The congress's staff
    do not see the proposals list: it holds citizens' contacts, which are for the office only."""
    return can_manage_region(person, region)


def may_manage_selection(person: Person) -> bool:
    """Whether the menu offers 征集与票决 (which regions: `can_manage_selection`)."""
    return may_manage_plans(person)


def is_congress_staff_of(person: Person, region: Region) -> bool:
    return person.is_authenticated and person.role == Role.CONGRESS and person.region_id == region.pk


def can_run_votes(person: Person, region: Region) -> bool:
    """A region's votes (票决) and satisfaction votes (满意度测评): set the rules, enter the paper
    ballots' counts, attach the scanned tally sheet, open the citizens' survey, publish the result.

    The congress's staff of the region run them: the vote is the congress's act, and its staff
    (the session's secretariat) set the rules, count and announce. The region's coordinator runs
    them too, deliberately: the office prepares the shortlist and the ballots, many counties give
    the congress no account, and where one exists the office still types in the counts the
    secretariat hands over on paper in some counties. A rule that took the coordinator's right away
    once a congress account exists would change who may act on a locked count by creating an
    account. What keeps the result the congress's: rules lock at the first count, every rule
    change and count is recorded in the history under the person's name, and the congress's
    staff see every step (`can_read_selection`)."""
    return can_manage_region(person, region) or is_congress_staff_of(person, region)


def may_run_votes(person: Person) -> bool:
    """Whether the menu offers 票决 and 满意度测评 (which regions: `can_run_votes`)."""
    return may_manage_plans(person) or (person.is_authenticated and person.role == Role.CONGRESS)


def can_read_selection(person: Person, region: Region) -> bool:
    """The region's candidates, votes and satisfaction votes, read only: whoever reads the region's
    plans and is no unit's clerk nor a deputy (leaders, supervisors, the city coordinator, the
    congress's staff)."""
    return (
        person.is_authenticated
        and person.role not in (Role.REPORTER, Role.DEPUTY)
        and can_read_region(person, region)
    )


def can_propose_for_unit(person: Person) -> bool:
    """A unit's clerk proposes in the unit's name (source 单位提出), on the public form signed in."""
    return is_unit_clerk(person)


def can_propose_as_deputy(person: Person, region: Region) -> bool:
    """A deputy proposes in their own name (source 人大代表提出) to their own region, on the public
    form signed in, and follows their own proposals on their home."""
    return (
        person.is_authenticated
        and person.role == Role.DEPUTY
        and person.region_id is not None
        and person.region_id == region.pk
    )


def may_propose_as_deputy(person: Person) -> bool:
    """Whether the menu offers 提建议 and 我的建议."""
    return person.is_authenticated and person.role == Role.DEPUTY and person.region_id is not None


def managed_regions(person: Person) -> list[Region]:
    """The regions whose selection the person manages: the selection's start page."""
    return [region for region in regions_visible_to(person) if can_manage_selection(person, region)]


def vote_regions(person: Person) -> list[Region]:
    """The regions whose votes the person runs."""
    return [region for region in regions_visible_to(person) if can_run_votes(person, region)]
