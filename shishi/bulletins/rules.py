"""Who may read bulletins. Proposed for shishi/directory/access.py, where every rule belongs.

A bulletin carries every unit's submitted lines for the period. A clerk may not read another
unit's report (can_read_report), so reporters are left out even though they can view the plan;
leaders, city coordinators and coordinators of the plan read them. Issuing is managing the plan
(can_manage_plan).
"""

from __future__ import annotations

from shishi.directory.access import can_view_plan
from shishi.directory.models import Person


def can_read_bulletins(person: Person, plan) -> bool:
    return person.is_authenticated and person.role != Person.Role.REPORTER and can_view_plan(person, plan)
