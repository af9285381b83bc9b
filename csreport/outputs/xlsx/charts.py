"""Native Excel column charts over cell ranges, and the 总分 distribution they show.

Charts only reference cells written through ``SheetWriter``, so Excel, WPS and
LibreOffice draw them from the sheet's own data and never hold a private copy.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from csreport.outputs.xlsx.base import (
    INTEGER_FORMAT,
    SECTION,
    SheetWriter,
    label,
)
from csreport.results import AgentResult

# XlsxWriter's default row height in pixels: how many rows a chart of a given height covers.
ROW_PIXELS = 20
DISTRIBUTION_SIZE = (480, 288)
CHART_HEIGHT = 320
BAR_COLOR = "#4472C4"
MISSING_COLOR = "#A6A6A6"
# Lower bounds (percent of the agent's maximum total) of the distribution bins.
BIN_EDGES = (60, 70, 80, 90)
# Shares (of a maximum, of the agents counted) everywhere on the sheet: one decimal.
SHARE_FORMAT = "0.0%"
# Every text in a chart is in the cells' 11-point size: a sheet shrunk to one page wide prints
# it at 8 points or more, as it does the cells (Excel's chart default, 10 points, and smaller
# axis titles would print below that).
CHART_FONT = 11


@dataclass(frozen=True)
class Series:
    """One chart series: its name cell and its values range, both on the same sheet."""

    name_cell: tuple[int, int]
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    color: str | None = None
    point_colors: tuple[str | None, ...] = ()


def rows_covered(height_px: int) -> int:
    """Rows of default height a chart ``height_px`` tall covers, plus one row of margin."""
    return math.ceil(height_px / ROW_PIXELS) + 1


def column_chart(
    sw: SheetWriter,
    anchor: tuple[int, int],
    title: str,
    categories: tuple[int, int, int, int],
    series: Sequence[Series],
    *,
    x_title: str,
    y_title: str,
    size: tuple[int, int],
    legend: bool,
    integer_axis: int | None = None,
    share_axis: bool = False,
) -> None:
    """Insert a clustered column chart at ``anchor`` (row, col) over ranges of this sheet.

    ``integer_axis`` is the largest value when the axis counts people, so its steps are
    whole numbers instead of Excel's default 0.5. ``share_axis`` makes the axis run from 0%
    to 100% for values that are shares of a maximum.
    """
    sheet = sw.ws.name
    chart = sw.styles.book.add_chart({"type": "column"})
    if chart is None:
        sw.check(-1, "a chart")
    for s in series:
        options: dict[str, Any] = {
            "name": [sheet, *s.name_cell],
            "categories": [sheet, *categories],
            "values": [sheet, s.first_row, s.first_col, s.last_row, s.last_col],
            "gap": 60,
        }
        if s.color:
            options["fill"] = {"color": s.color}
            options["border"] = {"none": True}
        if s.point_colors:
            options["points"] = [{"fill": {"color": c}} if c else None for c in s.point_colors]
        if not legend:
            options["data_labels"] = {"value": True, "font": {"size": CHART_FONT}}
        chart.add_series(options)
    chart.set_title({"name": title, "name_font": {"size": CHART_FONT + 1, "bold": True}})
    font = {"size": CHART_FONT, "bold": False}
    chart.set_x_axis({"name": x_title, "name_font": font, "num_font": font})
    y_axis: dict[str, Any] = {
        "name": y_title,
        "min": 0,
        "name_font": font,
        "num_font": font,
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
    }
    if integer_axis is not None:
        y_axis.update(
            num_format="0",
            major_unit=max(1, math.ceil(integer_axis / 5)),
            max=max(1, integer_axis + math.ceil(integer_axis / 5)),
        )
    if share_axis:
        y_axis.update(num_format="0%", max=1, major_unit=0.2)
    chart.set_y_axis(y_axis)
    chart.set_legend({"position": "bottom", "font": font} if legend else {"none": True})
    chart.set_size({"width": size[0], "height": size[1]})
    sw.check(sw.ws.insert_chart(*anchor, chart), f"the chart {title!r}")


def score_bins(agents: Sequence[AgentResult], lang: str) -> list[tuple[str, int]]:
    """(bin label, agent count) of 总分 as a share of each agent's maximum, then 缺数据."""
    edges = BIN_EDGES
    names = [label("teams.dist.low", lang, hi=edges[0])]
    names += [label("teams.dist.mid", lang, lo=lo, hi=hi) for lo, hi in itertools.pairwise(edges)]
    names += [label("teams.dist.high", lang, lo=edges[-1]), label("teams.dist.missing", lang)]
    counts = [0] * len(names)
    for a in agents:
        if a.total is None or not a.max_total:
            counts[-1] += 1
            continue
        # Rounded so that 70 of 100 lands in "70% – 80%" despite binary floating point.
        share = round(a.total / a.max_total * 100, 9)
        counts[sum(share >= edge for edge in edges)] += 1
    return list(zip(names, counts, strict=True))


def write_distribution(sw: SheetWriter, row: int, agents: Sequence[AgentResult]) -> int:
    """The 总分 distribution of ``agents`` at ``row``: a title saying how many they are, a table of
    bins (as shares of each agent's own maximum) with counts and shares of them all, and its
    chart beside it; the next free row."""
    lang = sw.lang
    n = len(agents)
    title = label("teams.dist.title", lang, n=n)
    sw.text(row, 0, title, SECTION, autofit=False)
    if not agents:
        sw.text(row + 1, 0, label("teams.dist.none", lang), autofit=False)
        return row + 3
    head = row + 1
    sw.header_row(
        head,
        [
            label("teams.dist.bin", lang),
            label("teams.dist.count", lang),
            label("teams.dist.share", lang),
        ],
    )
    bins = score_bins(agents, lang)
    for i, (name, count) in enumerate(bins, start=head + 1):
        sw.text(i, 0, name)
        sw.number(i, 1, count, INTEGER_FORMAT)
        # Rounded as shown, so the cell holds the figure the reader sees.
        sw.number(i, 2, round(count / n, 3), SHARE_FORMAT)
    last = head + len(bins)
    colors = (*[None] * (len(bins) - 1), MISSING_COLOR)
    column_chart(
        sw,
        (row, 4),
        title,
        (head + 1, 0, last, 0),
        [Series((head, 1), head + 1, 1, last, 1, BAR_COLOR, colors)],
        x_title=label("teams.dist.axis", lang),
        y_title=label("teams.dist.count", lang),
        size=DISTRIBUTION_SIZE,
        legend=False,
        integer_axis=max(count for _, count in bins),
    )
    return row + max(last - row + 1, rows_covered(DISTRIBUTION_SIZE[1])) + 1
