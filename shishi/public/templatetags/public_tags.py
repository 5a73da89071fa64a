from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext

from shishi.oversight.lights import GREY

register = template.Library()


@register.filter
def plain(value):
    """`18000`, not `1.8E+4` or `18000.00`: a figure as people write it."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"


# The public page shows some 30 lights and 20 targets: their markup is made here in one step
# each, where the same markup in the template, a variable at a time, took most of the page's time.

@register.simple_tag
def light_status(light):
    """A light in colour and in words, and why; a grey light says only that nothing reviewed is in yet."""
    reason = gettext("尚无经审核的数据") if light.colour == GREY else light.reason
    return format_html('<span class="light {}"><span class="dot" aria-hidden="true"></span>{}</span> <span>{}</span>',
                       light.colour, light.name, reason)


@register.simple_tag
def target_item(row):
    """A target (a board TargetRow): its goal, the accepted figure, the share reached as a bar, its light."""
    target, light = row.target, row.light
    if row.figure is not None:
        figure = format_html("<strong>{}{}</strong>", plain(row.figure), target.unit_of_measure)
    else:
        figure = format_html('<span class="none">{}</span>', gettext("尚无经审核的数据"))
    bar = ""
    if light.progress is not None:
        shown = plain(light.progress)
        bar = format_html('\n      <p class="bar"><progress max="100" value="{}" aria-label="{}">{}%</progress> {}%</p>',
                          floatformat(light.progress, "0"), gettext("%(name)s完成进度") % {"name": target.indicator},
                          shown, shown)
    return format_html(
        '<li>\n      <p class="indicator">{}</p>\n      <p>{} <strong>{}</strong>；{}\n        {}</p>{}'
        '\n      <p class="status">{}</p>\n    </li>',
        target.indicator, gettext("目标"), target.goal, gettext("完成"), figure, bar, light_status(light))
