"""Who may compare what. Built on shishi.directory.access (which regions and plans a person
reads); these rules only narrow it down.

- counties side by side (a city's counties for a year): the admin, and city coordinators and
  leaders who read the city — the people the comparison is for. A county's coordinator or
  leader reads only their own county, so they cannot open a city's comparison.
- one region across years: anyone who reads the region's plans, except unit clerks (they read
  only the plans their unit is on, not a region's programme).
In both, the person must read the region and everything under it (`can_read_region_and_below`), so
that every plan under it is one `plans_visible_to` them and may be counted.
"""

from __future__ import annotations

from shishi.directory.access import can_read_region_and_below
from shishi.directory.models import Person, Region

Role = Person.Role
COUNTY_COMPARERS = (Role.ADMIN, Role.CITY_COORDINATOR, Role.LEADER)


def may_compare(person: Person) -> bool:
    """Whether the comparisons are for this person at all."""
    return person.is_authenticated and (person.is_superuser or person.role != Role.REPORTER)


def may_compare_counties(person: Person) -> bool:
    """Whether the person's role compares counties (of the regions they read)."""
    return may_compare(person) and (person.is_superuser or person.role in COUNTY_COMPARERS)


def can_compare_counties(person: Person, region: Region) -> bool:
    return may_compare_counties(person) and can_read_region_and_below(person, region)


def can_compare_years(person: Person, region: Region) -> bool:
    return may_compare(person) and can_read_region_and_below(person, region)
