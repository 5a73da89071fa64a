"""Match the unit names written in a notice to the region's directory.

Exact name first, then a recorded alias, then fuzzy suggestions for a person to choose
from. A new unit is never created here: only when the coordinator confirms it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from shishi.directory.models import Region, Unit, UnitAlias

SUGGESTION_CUTOFF = 60
# A suggestion this close (县教育体育局 for 县教育和体育局 scores 92) is offered already chosen in
# the preview; the coordinator still confirms it. 区人社局 for 区人力资源和社会保障局 (60) is not.
PRESELECT_SCORE = 90


@dataclass
class UnitMatch:
    name: str
    unit: Unit | None = None
    how: str = ""  # exact, alias, or "" when a person must choose
    suggestions: list[tuple[Unit, int]] = field(default_factory=list)


def match_units(region: Region, names: list[str]) -> list[UnitMatch]:
    units = list(Unit.objects.filter(region=region))
    by_name = {unit.name: unit for unit in units}
    by_alias = {
        alias.name: alias.unit
        for alias in UnitAlias.objects.filter(unit__region=region).select_related("unit")
    }
    choices = {unit.pk: unit.name for unit in units}
    matches = []
    for name in names:
        if name in by_name:
            matches.append(UnitMatch(name, by_name[name], "exact"))
        elif name in by_alias:
            matches.append(UnitMatch(name, by_alias[name], "alias"))
        else:
            found = process.extract(
                name, choices, scorer=fuzz.WRatio, limit=3, score_cutoff=SUGGESTION_CUTOFF
            )
            suggestions = [(next(u for u in units if u.pk == key), int(score)) for _, score, key in found]
            matches.append(UnitMatch(name, None, "", suggestions))
    return matches
