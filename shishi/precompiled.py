"""Querysets compiled to SQL once per process, then run again and again with new arguments.

Django compiles a queryset into SQL each time it is evaluated. For the handful of queries that
every board, project page and public page make, compiling (0.2–0.4 ms each) cost more than the
database took to answer, and those pages are the ones everybody opens. A `Precompiled` query is
written as an ordinary queryset with marker arguments; it is compiled on first use for each
database, and then only its SQL is run, with the real arguments in the markers' places, and its
columns converted exactly as the ORM converts them (dates, decimals, JSON).

Only what the SQL text holds is kept, never a result: the answer is always the database's own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Where these integers land in the compiled parameters is where the real arguments go. They lie
# within every integer field's range (Django drops or short-cuts a lookup on a value out of range)
# and are no constant our queries hold; were one to be, compiling refuses (ValueError), loudly.
_MARKER_BASE = 32_749
# What a bigint column holds. The ORM answers "no row" for an integer outside a field's range;
# the compiled SQL skips that check, and SQLite raises OverflowError on such a parameter.
_BIGINT = range(-(2**63), 2**63)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[int, ...]  # for each argument, its position in params
    compiler: object
    converters: dict
    width: int


class Precompiled:
    """`Precompiled(lambda plan_id: Project.objects.filter(plan_id=plan_id).values_list(...))`,
    then `query(plan.pk)` → the rows as tuples, as `list(queryset)` would give them.

    The queryset must be a `values_list()` and each argument must reach the SQL as one parameter
    (an id in `filter()`, not a list in `__in`)."""

    def __init__(self, make: Callable[..., QuerySet], arguments: int = 1):
        self.make = make
        self.arguments = arguments
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def __call__(self, *args, using: str = "default") -> list[tuple]:
        if len(args) != self.arguments:
            raise TypeError(f"expected {self.arguments} arguments, got {len(args)}")
        if any(isinstance(arg, int) and arg not in _BIGINT for arg in args):
            return []  # no column of ours holds it, so no row has it
        connection = connections[using]
        compiled = self._compiled.get((using, connection.vendor)) or self._compile(using)
        params = list(compiled.params)
        for slot, value in zip(compiled.slots, args):
            params[slot] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if rows and len(rows[0]) != compiled.width:
            rows = [row[: compiled.width] for row in rows]  # columns the ordering needed
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [tuple(row) for row in rows]

    def _compile(self, using: str) -> _Compiled:
        markers = [_MARKER_BASE - 7 * i for i in range(self.arguments)]
        queryset = self.make(*markers)
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        slots = tuple(_only_place(params, marker) for marker in markers)
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        compiled = _Compiled(sql, tuple(params), slots, compiler, compiler.get_converters(columns), compiler.col_count)
        self._compiled[(using, connections[using].vendor)] = compiled
        return compiled


def _only_place(params: Sequence, marker: int) -> int:
    places = [i for i, value in enumerate(params) if value == marker]
    if len(places) != 1:
        raise ValueError(f"an argument must reach the SQL as exactly one parameter, found {len(places)}")
    return places[0]


@functools.cache
def columns(model) -> tuple[str, ...]:
    """The model's columns in the order `from_db` wants them: a precompiled `values_list()` asks
    for these when its rows are to become instances (`built`)."""
    return tuple(field.attname for field in model._meta.concrete_fields)


def built(model, row):
    """A model instance from a row of `columns(model)`, as the ORM builds one."""
    return model.from_db(DEFAULT_DB_ALIAS, columns(model), row)


def prefill(instance, relation: str, items: list) -> list:
    """Give `instance.<relation>.all()` these items without a query, as prefetch_related would:
    for instances built from precompiled rows. Returns the list kept, to be appended to."""
    queryset = getattr(instance, relation).all()
    queryset._result_cache, queryset._prefetch_done = items, True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset
    return items
