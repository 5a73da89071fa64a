"""Who may run and read the year's selection. These are written here only because this session
could not touch shishi/directory; they decide nothing of their own, calling directory.access's
rules, and belong in shishi/directory/access.py (move them there).

- The county coordinator (妇儿工委办公室 / the office running the programme) manages its region's
  proposals, candidates, votes and satisfaction votes: `can_manage_region`.
- Those who read the region's plans (leaders, supervisors, the city coordinator) read them too.
- A unit's clerk proposes for their unit and reads nothing else here.
"""

from __future__ import annotations

from shishi.directory import access
from shishi.directory.models import Person, Region


def can_manage_selection(person: Person, region: Region) -> bool:
    return access.can_manage_region(person, region)


def can_read_selection(person: Person, region: Region) -> bool:
    return (
        person.is_authenticated
        and person.role != Person.Role.REPORTER
        and access.can_read_region(person, region)
    )


def can_propose_for_unit(person: Person) -> bool:
    """A unit's clerk proposes in the unit's name (source 单位提出)."""
    return access.is_unit_clerk(person)


def managed_regions(person: Person) -> list[Region]:
    return [region for region in access.regions_visible_to(person) if can_manage_selection(person, region)]
