"""shishi.formulas: the one rule for text a spreadsheet would run, written and read back."""

import doctest

from shishi import formulas
from shishi.documents.tables import csv_cell
from shishi.formulas import csv_unguarded


def test_its_examples_hold():
    assert doctest.testmod(formulas).failed == 0


def test_what_the_exporter_guards_the_bulk_update_reads_back_as_stored():
    for stored in ("=县妇联", "+86 电话", "@单位", "－1", "-5", "'引号'", "普通文字", "=", "1-1"):
        assert csv_unguarded(csv_cell(stored)) == stored
