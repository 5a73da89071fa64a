from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def plain(value):
    """`18000`, not `1.8E+4` or `18000.00`: a figure as people write it."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"
