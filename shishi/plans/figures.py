"""Figures as people type them, turned into the values the database can hold: one rule for
targets and reported figures, used by every door (the report form and the REST API, the bulk
CSV update, the import preview) and checked again by the models' constraints.

A figure is 0 or more, kept to two decimals, with at most 13 digits before the point: 15
significant digits, which every database gives back as stored (`DecimalField(max_digits=16,
decimal_places=2)` holds one more, but SQLite would round it). It is rounded before it is checked:
the old check came first and let 99999999999999.999 through, which rounds to 100000000000000.00,
one digit more than the column holds, so every page that read it answered 500.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_DIGITS = 16
DECIMAL_PLACES = 2
STEP = Decimal(1).scaleb(-DECIMAL_PLACES)  # 0.01
# The first figure too large to keep: 15 significant digits, as many as SQLite gives back (it keeps
# a decimal column as a float, and Django reads it with 15 digits: 99999999999999.99 came back as
# 1E+14, and every page that read it answered 500). The column holds one digit more.
SIGNIFICANT = 15
LIMIT = Decimal(10) ** (SIGNIFICANT - DECIMAL_PLACES)
LARGEST = LIMIT - STEP  # 9 999 999 999 999.99
LARGEST_TEXT = f"{LARGEST:,f}"

# Full-width digits, point and signs, as a Chinese input method types them.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
# What people put around a figure without meaning anything by it: thousands separators, spaces.
_NOISE = re.compile(r"[,，、\s\u3000_']")
_FIGURE = re.compile(
    r"""
    [+-]?                       # a sign; a minus is refused below with its own message
    (?: \d+ (?: \.\d* )? | \.\d+ )
    (?: [eE] [+-]? \d{1,3} )?   # 1.2E+3, as spreadsheets write large figures
    """,
    re.VERBOSE | re.ASCII,
)


def half_width(text: str) -> str:
    """Full-width digits, point and signs (as a Chinese input method types them) made ASCII; every
    other character, other scripts' digits included, left as it is to be refused."""
    return text.translate(_FULL_WIDTH)


class FigureError(ValueError):
    """A figure that cannot be stored; the message, in Chinese, names the field."""


def parse_figure(raw: object, what: str = "数值") -> Decimal | None:
    """The value to store for a typed figure, or None when nothing was typed; `what` names the
    field in the message (“幼儿园数”, 累计完成值).

    >>> parse_figure(" 1,234.5 "), parse_figure("１２"), parse_figure(""), parse_figure(3)
    (Decimal('1234.50'), Decimal('12.00'), None, Decimal('3.00'))
    >>> parse_figure("9999999999999.995", "完成值")
    Traceback (most recent call last):
    ...
    shishi.plans.figures.FigureError: 完成值不能超过9,999,999,999,999.99。
    """
    if raw is None:
        return None
    if isinstance(raw, Decimal | int | float) and not isinstance(raw, bool):
        number = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
        shown = str(raw)
    else:
        shown = str(raw).strip()
        text = _NOISE.sub("", half_width(shown))
        if text == "":
            return None
        if len(text) > 40 or not _FIGURE.fullmatch(text):
            raise FigureError(f"{what}应填数字，而不是“{_short(shown)}”。")
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only what Decimal reads
            raise FigureError(f"{what}应填数字，而不是“{_short(shown)}”。") from None
    if not number.is_finite():
        raise FigureError(f"{what}应填数字，而不是“{_short(shown)}”。")
    if number < 0:
        raise FigureError(f"{what}应为0或正数，而不是“{_short(shown)}”。")
    if number.adjusted() >= MAX_DIGITS:  # far too large: do not even round it
        raise FigureError(f"{what}不能超过{LARGEST_TEXT}。")
    value = number.quantize(STEP, rounding=ROUND_HALF_UP)
    if value >= LIMIT:
        raise FigureError(f"{what}不能超过{LARGEST_TEXT}。")
    return value


def storable(value: Decimal | int | None) -> bool:
    """Whether the database can hold the value as it is (the models' constraint, in Python)."""
    if value is None:
        return True
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return (
        value.is_finite()
        and 0 <= value < LIMIT
        and value.adjusted() < MAX_DIGITS
        and value == value.quantize(STEP)
    )


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"


def clamp_stored(schema_editor, table: str, columns: list[str], largest: str, limit: str) -> None:
    """For the migrations that tighten the bound: each stored figure at or over `limit` becomes
    `largest` (the figure is kept as near as the bound allows, rather than lost). Raw SQL, since
    the ORM may not read such a figure back; the migration passes its own frozen numbers."""
    table = schema_editor.quote_name(table)
    with schema_editor.connection.cursor() as cursor:
        for column in columns:
            column = schema_editor.quote_name(column)
            cursor.execute(f"UPDATE {table} SET {column} = %s WHERE {column} >= %s", [largest, limit])
