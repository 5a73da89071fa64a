import html
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat, linebreaksbr
from django.utils.safestring import mark_safe
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
# each (escaped), where the same markup in the template, a variable at a time, took most of the page's time.

@register.simple_tag
def light_status(light):
    """A light in colour and in words, and why; a grey light says only that nothing reviewed is in yet."""
    reason = gettext("尚无经审核的数据") if light.colour == GREY else light.reason
    return mark_safe(f'<span class="light {_e(light.colour)}"><span class="dot" aria-hidden="true"></span>'
                     f"{_e(light.name)}</span> <span>{_e(reason)}</span>")


@register.simple_tag
def target_item(row):
    """A target (a board TargetRow): its goal, the accepted figure, the share reached as a bar, its light."""
    target, light = row.target, row.light
    if row.figure is not None:
        figure = f"<strong>{_e(plain(row.figure))}{_e(target.unit_of_measure)}</strong>"
    else:
        figure = f'<span class="none">{_e(gettext("尚无经审核的数据"))}</span>'
    bar = ""
    if light.progress is not None:
        shown = _e(plain(light.progress))
        label = _e(gettext("%(name)s完成进度") % {"name": target.indicator})
        bar = (f'\n      <p class="bar"><progress max="100" value="{_e(floatformat(light.progress, "0"))}" '
               f'aria-label="{label}">{shown}%</progress> {shown}%</p>')
    return mark_safe(
        f'<li>\n      <p class="indicator">{_e(target.indicator)}</p>\n      <p>{_e(gettext("目标"))} '
        f"<strong>{_e(target.goal)}</strong>；{_e(gettext('完成'))}\n        {figure}</p>{bar}"
        f'\n      <p class="status">{light_status(light)}</p>\n    </li>')


def _e(value) -> str:
    """Django's escape() less its lazy-string wrapper (same output): a page escapes a few hundred values."""
    return html.escape(str(value))


@register.simple_tag
def project_sections(items, elder: bool):
    """Every project of the public page (PublicProject items): its light, units, targets, approved
    text and the notice's words, a section each, in one step (the template took most of the page's
    time, a variable at a time)."""
    words = {key: _e(gettext(text)) for key, text in _SECTION_WORDS.items()}
    return mark_safe("".join(_section(item, elder, words) for item in items))


_SECTION_WORDS = {"lead": "牵头单位", "partners": "配合单位", "targets": "目标与完成情况", "statement": "进展说明",
                  "no_statement": "本季度暂无公开说明。", "body": "实事内容（通知原文）"}


def _section(item, elder: bool, words: dict) -> str:
    project, row = item.row.project, item.row
    units = ""
    if item.lead_units:
        partners = ""
        if item.partner_units and not elder:
            partners = f"<br>{words['partners']}：{'、'.join(_e(name) for name in item.partner_units)}"
        units = f'<p class="units">{words["lead"]}：{"、".join(_e(name) for name in item.lead_units)}{partners}</p>'
    targets = ""
    if row.targets:
        listed = "".join(f"\n    {target_item(target)}\n    " for target in row.targets)
        targets = f'\n  <h3>{words["targets"]}</h3>\n  <ul class="targets">\n    {listed}\n  </ul>\n  '
    if item.statement:
        statement = f'<p class="statement">{linebreaksbr(item.statement, autoescape=True)}</p>'
    else:
        statement = f'<p class="none">{words["no_statement"]}</p>'
    body = ""
    if project.body and not elder:
        body = (f"\n  <details><summary>{words['body']}</summary>"
                f"<p>{linebreaksbr(project.body, autoescape=True)}</p></details>\n  ")
    return (f'\n<section class="project" aria-labelledby="project-{project.seq}">\n'
            f'  <h2 id="project-{project.seq}">{project.seq}. {_e(project.title)}</h2>\n'
            f'  <p class="status">{light_status(row.light)}</p>\n'
            f"  {units}\n\n  {targets}\n\n"
            f'  <h3>{words["statement"]}</h3>\n  {statement}\n  {body}\n</section>\n')
