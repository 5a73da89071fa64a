"""What a person typed where a number belongs (an id, a year, a quarter), as an int the database
can hold, or None; and the path converters that do the same for URLs (`<id:pk>`, `<year:year>`,
`<quarter:quarter>`, `<number:number>`, registered in shishi/urls.py).

Python, Unicode and the database disagree about what a number is:
- `"²".isdigit()` and `"፩".isdigit()` are True, and `int()` refuses both;
- `"٣".isdecimal()` is True and `int("٣")` is 3 (Arabic-Indic digits);
- `int()` of more than 4,300 digits raises ValueError;
- an id past 2**63 - 1 (a bigint) reaches SQLite as an OverflowError and PostgreSQL as an error.
So only ASCII digits count, and only within the range the value's column holds.
"""

from __future__ import annotations

from django.urls.converters import IntConverter

MAX_ID = 2**63 - 1  # a bigint, the widest integer column: ids, revisions, numbers in a sequence
YEARS = (1949, 2100)  # a plan's year
QUARTERS = (1, 4)


def number(raw, low: int, high: int) -> int | None:
    """`raw` as an int within [low, high], or None when it is not one.

    >>> number("42", 1, 100), number(" 7 ", 1, 100), number(7, 1, 100)
    (42, 7, 7)
    >>> [number(raw, 0, 10) for raw in ("²", "፩", "٣", "-1", "1.5", "", None, "9" * 5000)]
    [None, None, None, None, None, None, None, None]
    >>> number(str(2**63), 1, MAX_ID) is None, number(str(2**63 - 1), 1, MAX_ID) == MAX_ID
    (True, True)
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw if raw is not None else "").strip()
        # ASCII digits only, and no longer than the widest bound: int() never sees thousands of digits.
        if not (text.isascii() and text.isdecimal()) or len(text.lstrip("0")) > len(
            str(max(abs(low), abs(high)))
        ):
            return None
        value = int(text)
    return value if low <= value <= high else None


def as_id(raw) -> int | None:
    """A database id (1 to 2**63 - 1), or None."""
    return number(raw, 1, MAX_ID)


def as_year(raw) -> int | None:
    return number(raw, *YEARS)


def as_quarter(raw) -> int | None:
    return number(raw, *QUARTERS)


class IdConverter(IntConverter):
    """`<id:pk>`: a database id. Anything else matches no URL (404) and reaches no query.

    The regex takes any 1–19 ASCII digits; the range is checked in `to_python`, whose ValueError
    Django takes for "this pattern does not match"."""

    regex = "[0-9]{1,19}"
    low, high = 1, MAX_ID

    def to_python(self, value: str) -> int:
        checked = number(value, self.low, self.high)
        if checked is None:
            raise ValueError(f"{value!r} is not within {self.low}..{self.high}")
        return checked


class NumberConverter(IdConverter):
    """`<number:number>`: a position in a sequence (a report's version, a step between years)."""


class YearConverter(IdConverter):
    """`<year:year>`: a plan's year."""

    low, high = YEARS


class QuarterConverter(IdConverter):
    """`<quarter:quarter>`: 1 to 4."""

    low, high = QUARTERS


CONVERTERS = {
    "id": IdConverter,
    "number": NumberConverter,
    "year": YearConverter,
    "quarter": QuarterConverter,
}
