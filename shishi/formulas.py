"""Text a spreadsheet would run as a formula: the one rule, written by the exporter base
(documents/tables.py puts an apostrophe before such a CSV cell) and read back by the bulk update
of figures (reporting/bulk.py takes it off again), so that both sides agree on it.

Pure Python, no Django: every app may import it.
"""

from __future__ import annotations

import re

# What a spreadsheet may read as the start of a formula (or of DDE): OWASP's list, and the
# full-width signs a Chinese input method types, which WPS and some Excel versions map.
FORMULA_SIGNS = "=+-@\t\r＝＋－＠"
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")  # "-5" read as a number is still only -5


def reads_as_formula(value) -> bool:
    """Whether a spreadsheet would run this cell: text only; a plain number, or a sign alone (a
    target's relation "=" is written so), is no formula.

    >>> reads_as_formula("=1+1"), reads_as_formula("－1"), reads_as_formula("-1"), reads_as_formula(-1)
    (True, True, False, False)
    >>> reads_as_formula("="), reads_as_formula("-")
    (False, False)
    """
    return (
        isinstance(value, str)
        and len(value) > 1
        and value.startswith(tuple(FORMULA_SIGNS))
        and not _PLAIN_NUMBER.fullmatch(value)
    )


def csv_unguarded(text: str) -> str:
    """A cell of a CSV written by the exporter base (documents.tables.csv_cell), as it was: the
    apostrophe before a formula sign taken off, so that a table exported, edited and uploaded
    again (the bulk-update template) names its units and indicators as stored.

    >>> csv_unguarded("'=县妇联"), csv_unguarded("'引号'"), csv_unguarded("'-5")
    ('=县妇联', "'引号'", "'-5")
    """
    rest = text[1:]
    return rest if text.startswith("'") and reads_as_formula(rest) else text
