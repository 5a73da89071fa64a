"""The bulletin's chart: a bar per project (its progress against its goal) and a dashed line for
the expected progress of the period, as a PNG.

Bars are labelled by the project's 序号 only, so the image needs no CJK font (the document's
caption says what the numbers mean). The Agg canvas is used directly, without pyplot, so that
no global figure state is shared between requests.
"""

from __future__ import annotations

import io
from decimal import Decimal

# The colours of the lights on the board (shishi.css); yellow lighter, to tell it from red in print.
COLOURS = {"done": "#0969da", "green": "#1a7f37", "yellow": "#d4a72c", "red": "#cf222e", "grey": "#8c959f"}
WIDTH_CM, HEIGHT_CM, DPI = 15.0, 5.0, 200
CEILING = 150  # bars above this are drawn to it and carry their real figure as a label
STUB = 1.5  # a reported 0 % still shows its light's colour as a sliver


def progress_chart(projects: list[dict], expected: str) -> bytes:
    """`projects`: the snapshot's projects (seq, progress as text or None, light colour)."""
    # Imported here, not with the module: matplotlib takes about half a second to import and
    # only a bulletin being drawn needs it, not every process that loads the URLs.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(1, len(projects) + 1))
    heights, colours = [], []
    for project in projects:
        progress = project["progress"]
        heights.append(min(max(float(Decimal(progress)), STUB), CEILING) if progress is not None else 0.0)
        colours.append(COLOURS.get(project["light"]["colour"], COLOURS["grey"]))
    axes.bar(positions, heights, color=colours, width=0.6, zorder=2)
    for x, height, project in zip(positions, heights, projects):
        label = (
            "—" if project["progress"] is None else f"{Decimal(project['progress']).quantize(Decimal('1'))}%"
        )
        axes.text(x, height + 2, label, ha="center", va="bottom", fontsize=7, zorder=3)
    line = float(Decimal(expected))
    axes.axhline(line, color="#57606a", linestyle="--", linewidth=1, zorder=1)
    axes.text(
        len(projects) + 0.55, line + 2, f"{expected}%", ha="right", va="bottom", fontsize=7, color="#57606a"
    )
    top = max([100.0, line, *heights]) + 15
    axes.set_ylim(0, top)
    axes.set_xlim(0.4, len(projects) + 0.6)
    axes.set_xticks(positions, [str(project["seq"]) for project in projects], fontsize=8)
    axes.tick_params(axis="y", labelsize=8)
    axes.yaxis.set_major_formatter("{x:.0f}%")
    axes.grid(axis="y", color="#d0d7de", linewidth=0.5, zorder=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout(pad=0.4)
    buffer = io.BytesIO()
    # No "Software" entry: the same data gives the same bytes whatever matplotlib wrote it.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
