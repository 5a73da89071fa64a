from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from shishi.oversight.board import STATE_NAMES

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}`: templates cannot index a dict by a variable."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def light_badge(light):
    """A light in colour and in words, its reason on hover."""
    return format_html('<span class="light {}" title="{}">{}</span>', light.colour, light.reason, light.name)


_STATE_CELLS = {state: format_html('<td><span class="state {}">{}</span></td>', state, name)
                for state, name in STATE_NAMES.items()}


@register.simple_tag
def state_cells(states):
    """A row of the board's matrix: a cell per unit, with its report's state where the unit is on
    the project (None: an empty cell). Some 130 cells, one step for the row."""
    return mark_safe("".join(_STATE_CELLS[state] if state else "<td></td>" for state in states))
