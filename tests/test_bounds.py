"""shishi.bounds: what was typed where a number belongs, as an int within range, or None."""

import doctest

import pytest
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404

from shishi import bounds
from shishi.bounds import MAX_ID, as_id, as_quarter, as_year


def test_the_doctests_hold():
    assert doctest.testmod(bounds).failed == 0


@pytest.mark.parametrize(
    "read, raw, expected",
    [
        (as_id, "1", 1),
        (as_id, str(MAX_ID), MAX_ID),
        (as_id, "000042", 42),  # leading zeros are still the number
        (as_id, str(MAX_ID + 1), None),
        (as_id, "0", None),
        (as_id, "-1", None),
        (as_id, "²", None),
        (as_id, "፩", None),
        (as_id, "٣", None),
        (as_id, "１", None),  # a full-width digit: int() reads it, a URL never carries it
        (as_id, "1e3", None),
        (as_id, "0x10", None),
        (as_id, "1_000", None),  # int() reads it
        (as_id, "9" * 5000, None),
        (as_id, True, None),  # a bool is an int to Python, never an id
        (as_year, "2023", 2023),
        (as_year, "1948", None),
        (as_year, "2101", None),
        (as_quarter, "4", 4),
        (as_quarter, "5", None),
        (as_quarter, None, None),
    ],
    ids=lambda value: str(value)[:12] if not callable(value) else value.__name__,
)
def test_it_reads_only_ascii_digits_within_range(read, raw, expected):
    assert read(raw) == expected


@pytest.mark.parametrize(
    "path",
    [
        "/public/0/",
        f"/public/{2**63}/",
        "/plans/1/board/5/",
        "/plans/1/board/0/",
        "/compare/1/1948/themes/",
        "/compare/1/2101/themes/",
        "/reports/1/versions/0/",
        "/public/" + "9" * 5000 + "/",
    ],
)
def test_a_path_number_out_of_range_matches_no_page(path):
    with pytest.raises(Resolver404):
        resolve(path)


def test_a_path_number_in_range_matches_its_page():
    assert resolve(f"/public/{MAX_ID}/").kwargs == {"pk": MAX_ID}
    assert resolve("/compare/7/2023/themes/").kwargs == {"pk": 7, "year": 2023}
    assert reverse("oversight:board", args=[3, 4]) == "/plans/3/board/4/"
