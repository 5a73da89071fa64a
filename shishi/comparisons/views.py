"""Comparison pages: where to start, counties by theme and by indicator, one region across years."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from shishi.directory.access import (
    can_compare_counties,
    can_compare_years,
    may_compare,
    may_compare_counties,
    region_for,
    regions_visible_to,
)
from shishi.directory.models import Region
from shishi.plans.models import Plan

from .exports import ContinuityTable, IndicatorTable, ThemeTable
from .reading import fingerprint
from .services import ComparisonError, counties, years

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
    for region_id, year in Plan.objects.visible_to(request.user).values_list("region_id", "year").distinct():
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
    listed = [[(region.pk, str(region), years) for region, years in rows] for rows in (groups, own)]
    context = {"groups": groups, "own": own, "fingerprint": fingerprint(listed)}  # the cached fragment's key
    return render(request, "comparisons/index.html", context)


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
    return render(
        request,
        "comparisons/themes.html",
        {
            **_tabs("themes", region, year, comparison),
            # Made only when the page's cached fragment is.
            "chart": partial(comparison.theme_chart, f"{region}{year}年各地实事主题"),
        },
    )


def _tabs(tab: str, region, year: int, comparison) -> dict:
    """What the two pages of a year's comparison share: the tab shown, and the years to link to."""
    return {
        "region": region,
        "year": year,
        "comparison": comparison,
        "tab": tab,
        "tab_url": f"comparisons:{tab}",
        "years": comparison.years,
    }


@login_required
def indicators(request, pk: int, year: int):
    region, comparison = _counties(request, pk, year)
    return render(request, "comparisons/indicators.html", _tabs("indicators", region, year, comparison))


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
    return render(
        request,
        "comparisons/years.html",
        {
            "region": region,
            "comparison": comparison,
            "theme_chart": partial(
                comparison.theme_chart, f"{region}历年实事主题"
            ),  # when the fragment is made
        },
    )


@login_required
def years_step(request, pk: int, number: int):
    """One step from a year to the next: the page's section when htmx asks, a page of its own otherwise."""
    region, comparison = _years(request, pk)
    if not 1 <= number <= len(comparison.steps):
        raise Http404
    step = comparison.steps[number - 1]
    context = {"region": region, "comparison": comparison, "step": step}
    return _section(request, "comparisons/_step.html", "comparisons/years_step.html", context)


@login_required
def years_indicators(request, pk: int):
    """The indicators several years share, a chart and its table each."""
    region, comparison = _years(request, pk)
    context = {"region": region, "comparison": comparison}
    return _section(
        request, "comparisons/_years_indicators.html", "comparisons/years_indicators.html", context
    )


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
        exporter = IndicatorTable(
            comparison, f"{region}历年指标比较", f"compare-years-indicators-{region.code}"
        )
    else:
        raise Http404
    return _download(exporter, fmt)


def _download(exporter, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, method = FORMATS[fmt]
    response = HttpResponse(getattr(exporter, method)(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename}.{fmt}"'
    return response
