"""Comparison pages: where to start, counties by theme and by indicator, one region across years."""

from __future__ import annotations

import html
from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from shishi.directory.access import plans_visible_to, region_for, regions_visible_to
from shishi.directory.models import Region
from shishi.plans.links import link_maker

from .access import can_compare_counties, can_compare_years, may_compare, may_compare_counties
from .exports import ContinuityTable, IndicatorTable, ThemeTable
from .services import ComparisonError, counties, years

# Django's escape() less its lazy-string wrapper (same output): the tables below escape thousands of strings.
_escape = html.escape

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "to_csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "to_xlsx"),
}


@login_required
def index(request):
    """The regions the person may compare, with the years that have plans."""
    if not may_compare(request.user):
        raise PermissionDenied
    regions = {r.pk: r for r in regions_visible_to(request.user)}
    plan_years = defaultdict(set)
    for region_id, year in plans_visible_to(request.user).values_list("region_id", "year").distinct():
        plan_years[region_id].add(year)
    groups, own = [], []
    compares_counties = may_compare_counties(request.user)  # every region here is one the person reads
    for region in sorted(regions.values(), key=lambda r: r.path):
        below = set()
        for other in regions.values():
            if other.pk != region.pk and region.contains(other):
                below |= plan_years[other.pk]
        if below and compares_counties:
            groups.append((region, sorted(below, reverse=True)))
        if plan_years[region.pk]:
            own.append((region, sorted(plan_years[region.pk])))
    return render(request, "comparisons/index.html", {"groups": groups, "own": own})


def _region(request, pk: int, rule) -> Region:
    region = region_for(request.user, pk)
    if region is None:
        raise Http404
    if not rule(request.user, region):
        raise PermissionDenied
    return region


def _counties(request, pk: int, year: int, with_targets: bool = True):
    region = _region(request, pk, can_compare_counties)
    try:
        return region, counties(request.user, region, year, with_targets)
    except ComparisonError as exc:
        raise Http404(str(exc)) from None


@login_required
def themes(request, pk: int, year: int):
    region, comparison = _counties(request, pk, year, with_targets=False)
    link = link_maker("oversight:project", 2)
    return render(request, "comparisons/themes.html", {
        **_tabs("themes", region, year, comparison),
        "theme_rows": _theme_rows(comparison, lambda p: link(p.plan_id, p.pk)),
        "chart": comparison.theme_chart(f"{region}{year}年各地实事主题"),
    })


def _tabs(tab: str, region, year: int, comparison) -> dict:
    """What the two pages of a year's comparison share: the tab shown, and a link to it for each year."""
    link = link_maker(f"comparisons:{tab}", 2)
    return {"region": region, "year": year, "comparison": comparison, "tab": tab,
            "years": [(y, link(region.pk, y)) for y in comparison.years]}


@login_required
def indicators(request, pk: int, year: int):
    region, comparison = _counties(request, pk, year)
    shared = comparison.shared()
    return render(request, "comparisons/indicators.html", {
        **_tabs("indicators", region, year, comparison),
        "charts": _charts(comparison, shared, gettext("地区")), "single": _single_rows(comparison.single()),
    })


@login_required
def counties_export(request, pk: int, year: int, table: str, fmt: str):
    region, comparison = _counties(request, pk, year)
    name = f"{region}{year}年各地实事"
    if table == "themes":
        exporter = ThemeTable(comparison, f"{name}主题比较", f"compare-themes-{region.code}-{year}")
    elif table == "indicators":
        exporter = IndicatorTable(comparison, f"{name}指标比较", f"compare-indicators-{region.code}-{year}")
    else:
        raise Http404
    return _download(exporter, fmt)


def _years(request, pk: int):
    """The region and its years compared, or 404 when there is nothing to compare."""
    region = _region(request, pk, can_compare_years)
    try:
        return region, years(request.user, region)
    except ComparisonError as exc:
        raise Http404(str(exc)) from None


@login_required
def region_years(request, pk: int):
    """What a reader needs first: every step in figures, the latest one in full, the themes.
    The earlier steps and the indicators' charts are sections of their own, loaded when asked for."""
    region, comparison = _years(request, pk)
    steps = comparison.steps
    return render(request, "comparisons/years.html", {
        "region": region, "comparison": comparison, "columns": _column_links(comparison.columns),
        "latest": steps[-1] if steps else None, "latest_rows": _step_rows(steps[-1]) if steps else [],
        "step_counts": _step_counts(steps), "earlier": _earlier_steps(region, steps[-2::-1]),
        "theme_chart": comparison.theme_chart(f"{region}历年实事主题"), "theme_rows": _theme_rows(comparison),
    })


def _column_links(columns) -> str:
    """The plans compared, each linked to its page, as HTML made here (escaped)."""
    link = link_maker("plans:detail")
    return mark_safe(" · ".join(f'<a href="{link(c.plan.pk)}">{_escape(c.label)}</a>' for c in columns))


def _step_counts(steps) -> str:
    """The overview's rows, newest step first: how many projects continued, were new, were dropped."""
    return mark_safe("".join(
        f'<tr><th scope="row"><a href="#step-{step.number}">{_escape(step.label)}</a></th><td>{len(step.continued)}</td>'
        f"<td>{len(step.new)}</td><td>{len(step.dropped)}</td></tr>\n    " for step in reversed(steps)))


def _earlier_steps(region, steps) -> list[str]:
    """A section per earlier step, its table loaded when opened (htmx) or on a page of its own."""
    link = link_maker("comparisons:years_step", 2)
    heading, in_detail, open_it = (_escape(gettext(text)) for text in ("哪些实事延续了", "逐项明细", "单独打开这一段"))
    sections = []
    for step in steps:
        url, n = link(region.pk, step.number), step.number
        sections.append(mark_safe(
            f'\n<section id="step-{n}" aria-labelledby="step-{n}-title">\n'
            f'  <h2 id="step-{n}-title">{_escape(step.label)}：{heading}</h2>\n'
            f'  <details hx-get="{url}" hx-trigger="toggle once" hx-target="find .section-body">\n'
            f"    <summary>{in_detail}</summary>\n"
            f'    <div class="section-body"><p><a href="{url}">{open_it}</a></p></div>\n'
            f"  </details>\n</section>\n"))
    return sections


def _step_rows(step) -> list[tuple[str, str, str, str]]:
    """The step's table, a row per project: before, after, why they are paired (or what happened),
    and the goals' changes as HTML made here (escaped): the template would loop per change."""
    rows = []
    for item in step.continued:
        changes = "".join(
            f"<div>{_escape(c.name)}：{_escape(c.before or '—')} → {_escape(c.after or '—')}"
            + (f" <strong>{_escape(c.change)}</strong>" if c.change else "") + "</div>"
            for c in item.changes) or '<span class="muted">两年均无量化指标</span>'
        rows.append((f"{item.before.seq}. {item.before.title}", f"{item.after.seq}. {item.after.title}", item.basis,
                     mark_safe(changes)))
    rows += [("", f"{p.seq}. {p.title}", "新增实事", "") for p in step.new]
    rows += [(f"{p.seq}. {p.title}", "", "未延续", "") for p in step.dropped]
    return rows


def _theme_rows(comparison, link=None) -> list[tuple[str, str]]:
    """Each theme's row of the table: its name and its cells, per column how many projects and their
    titles (linked to the project's page when `link` is given), as HTML made here (escaped): a
    template loop per cell and per title costs more."""
    def titles(projects) -> str:
        if link is None:
            return "".join(f"<br>{p.seq}. {_escape(p.title)}" for p in projects)
        return "".join(f'<br><a href="{_escape(link(p))}">{p.seq}. {_escape(p.title)}</a>' for p in projects)

    def cell(projects) -> str:
        if not projects:
            return '<td><span class="muted">0</span></td>'
        return f"<td><strong>{len(projects)}</strong>{titles(projects)}</td>"
    return [(row.name, mark_safe("".join(cell(projects) for projects in row.projects))) for row in comparison.themes]


@login_required
def years_step(request, pk: int, number: int):
    """One step from a year to the next: the page's section when htmx asks, a page of its own otherwise."""
    region, comparison = _years(request, pk)
    if not 1 <= number <= len(comparison.steps):
        raise Http404
    step = comparison.steps[number - 1]
    context = {"region": region, "comparison": comparison, "step": step, "rows": _step_rows(step)}
    return _section(request, "comparisons/_step.html", "comparisons/years_step.html", context)


@login_required
def years_indicators(request, pk: int):
    """The indicators several years share, a chart and its table each."""
    region, comparison = _years(request, pk)
    context = {"region": region, "comparison": comparison, "charts": _charts(comparison, comparison.shared(), gettext("年度"))}
    return _section(request, "comparisons/_years_indicators.html", "comparisons/years_indicators.html", context)


def _section(request, fragment: str, page: str, context: dict) -> HttpResponse:
    response = render(request, fragment if request.htmx else page, context)
    patch_vary_headers(response, ["HX-Request"])  # one URL, two bodies
    return response


@login_required
def years_export(request, pk: int, table: str, fmt: str):
    region, comparison = _years(request, pk)
    if table == "continuity":
        exporter = ContinuityTable(comparison, f"{region}历年实事延续情况", f"compare-years-{region.code}")
    elif table == "indicators":
        exporter = IndicatorTable(comparison, f"{region}历年指标比较", f"compare-years-indicators-{region.code}")
    else:
        raise Http404
    return _download(exporter, fmt)


def _charts(comparison, rows, heading: str) -> list[str]:
    """A section per indicator: its chart, and beneath it the chart's table (per column the goals,
    or that the plan does not list the indicator, and the projects), as HTML made here (escaped):
    a template loop per chart and per cell costs more than the rest of the page."""
    labels = [_escape(column.label) for column in comparison.columns]
    absent = f'<span class="muted">{_escape(gettext("未列此指标"))}</span>'
    drawn = _escape(gettext("柱状图，数字见下表"))
    head = (f'<thead><tr><th scope="col">{_escape(heading)}</th><th scope="col">{_escape(gettext("目标"))}</th>'
            f'<th scope="col">{_escape(gettext("所属实事"))}</th></tr></thead>')
    sections = []
    for i, row in enumerate(rows, 1):
        chart_id = f"chart-{i}"
        title = f"{row.key.name}（{row.unit}）" if row.unit else row.key.name
        cells = "\n    ".join(
            f'<tr><th scope="row">{label}</th><td>{_escape(shown) if cell else absent}</td>'
            f'<td>{_escape("；".join(cell.projects)) if cell else ""}</td></tr>'
            for label, cell, shown in zip(labels, row.cells, row.shown()))
        sections.append(mark_safe(
            f'\n<section class="card" aria-labelledby="{chart_id}-title">\n'
            f'  <h3 id="{chart_id}-title">{_escape(title)}</h3>\n'
            f'  <div data-chart="{chart_id}" role="img" aria-label="{_escape(row.key.name)}{drawn}"></div>\n'
            f"  {json_script(comparison.indicator_chart(row), chart_id)}\n"
            f'  <div class="scroll"><table>\n    {head}\n    <tbody>\n    {cells}\n    \n    </tbody>\n'
            f"  </table></div>\n</section>\n"))
    return sections


def _single_rows(rows) -> str:
    """The table of the indicators only one plan lists: a row each, a cell per column (escaped)."""
    return mark_safe("".join(
        f'<tr><th scope="row">{_escape(row.key.name)}</th>{"".join(f"<td>{_escape(shown)}</td>" for shown in row.shown())}</tr>'
        for row in rows))


def _download(exporter, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, method = FORMATS[fmt]
    response = HttpResponse(getattr(exporter, method)(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename}.{fmt}"'
    return response
