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
    HEADER,
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
) -> None:
    """Insert a clustered column chart at ``anchor`` (row, col) over ranges of this sheet.

    ``integer_axis`` is the largest value when the axis counts people, so its steps are
    whole numbers instead of Excel's default 0.5.
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
            options["data_labels"] = {"value": True}
        chart.add_series(options)
    chart.set_title({"name": title, "name_font": {"size": 12, "bold": True}})
    chart.set_x_axis({"name": x_title, "name_font": {"size": 9, "bold": False}})
    y_axis: dict[str, Any] = {
        "name": y_title,
        "min": 0,
        "name_font": {"size": 9, "bold": False},
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
    }
    if integer_axis is not None:
        y_axis.update(
            num_format="0",
            major_unit=max(1, math.ceil(integer_axis / 5)),
            max=max(1, integer_axis + math.ceil(integer_axis / 5)),
        )
    chart.set_y_axis(y_axis)
    chart.set_legend({"position": "bottom"} if legend else {"none": True})
    chart.set_size({"width": size[0], "height": size[1]})
    sw.check(sw.ws.insert_chart(*anchor, chart), f"the chart {title!r}")


def score_bins(agents: Sequence[AgentResult], lang: str) -> list[tuple[str, int]]:
    """(bin label, agent count) of 总分 as a share of each agent's maximum, then 缺数据."""
    edges = BIN_EDGES
    names = [label("workbook.dist.low", lang, hi=edges[0])]
    names += [label("workbook.dist.mid", lang, lo=lo, hi=hi) for lo, hi in itertools.pairwise(edges)]
    names += [label("workbook.dist.high", lang, lo=edges[-1]), label("workbook.dist.missing", lang)]
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
    """The 总分 distribution table at ``row`` with its chart beside it; the next free row."""
    lang = sw.lang
    sw.text(row, 0, label("workbook.dist.title", lang), SECTION, autofit=False)
    if not agents:
        sw.text(row + 1, 0, label("workbook.dist.none", lang), autofit=False)
        return row + 3
    head = row + 1
    sw.text(head, 0, label("workbook.dist.bin", lang), HEADER)
    sw.text(head, 1, label("workbook.dist.count", lang), HEADER)
    sw.text(head, 2, label("workbook.dist.share", lang), HEADER)
    bins = score_bins(agents, lang)
    for i, (name, count) in enumerate(bins, start=head + 1):
        sw.text(i, 0, name)
        sw.number(i, 1, count, INTEGER_FORMAT)
        sw.number(i, 2, count / len(agents), "0.0%")
    last = head + len(bins)
    colors = (*[None] * (len(bins) - 1), MISSING_COLOR)
    column_chart(
        sw,
        (row, 4),
        label("workbook.dist.title", lang),
        (head + 1, 0, last, 0),
        [Series((head, 1), head + 1, 1, last, 1, BAR_COLOR, colors)],
        x_title=label("workbook.dist.axis", lang),
        y_title=label("workbook.dist.count", lang),
        size=DISTRIBUTION_SIZE,
        legend=False,
        integer_axis=max(count for _, count in bins),
    )
    return row + max(last - row + 1, rows_covered(DISTRIBUTION_SIZE[1])) + 1
