"""Sections that apps above oversight add to the board, so that the board shows them without
importing those apps (oversight sits beneath them: supervision reads the board to find its
candidates). An app registers a section from its AppConfig.ready(); the board view renders
every registered section's template with the context its function returns (None: nothing to show).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str
    context: Callable  # (plan, period) -> dict | None


_BOARD: list[Section] = []


def add_board_section(template: str, context: Callable) -> None:
    if not any(section.template == template for section in _BOARD):  # ready() may run twice in tests
        _BOARD.append(Section(template, context))


def board_sections(plan, period) -> list[tuple[str, dict]]:
    """(template, context) of every section that has something to show for the plan and quarter."""
    shown = []
    for section in _BOARD:
        context = section.context(plan, period)
        if context is not None:
            shown.append((section.template, context))
    return shown
