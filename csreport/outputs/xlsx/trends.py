"""The 趋势 sheet: each agent's 总分 over the six months up to the scored one, and the teams'.

Top to bottom: a title, a note saying how the figures are made, a row marking the months
history does not hold (未记录), the agents' table (one row per roster agent: a column per
month, 环比, the six-month average, this month's rank and its move, a sparkline), then the
teams' table in the same month columns. A month without a 总分 is an empty cell, never 0, and
the sparklines show it as a gap.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.utility import xl_range

from csreport.outputs.xlsx.base import (
    HEADER,
    INTEGER_FORMAT,
    POINTS_FORMAT,
    SECTION,
    WRAP,
    PrintSetup,
    SheetWriter,
    label,
)
from csreport.results import AgentResult, AgentTrend, Trends

# Columns before the months: 工号, 姓名, 组别.
FIRST_MONTH_COL = 3
# A change is signed: "+3.5", "-3.5", "0.0".
CHANGE_FORMAT = "+0.0;-0.0;0.0"
# Width, in characters, of the sparkline column: room for six points to be told apart.
LINE_WIDTH = 16
# Headers wider than this wrap, by language: the Chinese ones are short; the English 环比 header
# then takes two lines ("Change vs last" / "month (环比)"), no more. The width the 未记录 over a
# month ("2026-10", 7 wide) wraps within.
HEADER_WRAP_AT = {"zh": 10, "en": 14}
MONTH_WIDTH = 8
# The 未记录 over a month; a rank move, green up and red down.
GREY_NOTE = {"font_color": "#595959", "align": "center"}
UP = {"font_color": "#006100", "align": "center"}
DOWN = {"font_color": "#9C0006", "align": "center"}
SAME = {"align": "center"}
# Line sparklines with a marker on each month, a month without a 总分 left as a gap.
SPARKLINE = {"type": "line", "markers": True, "empty_cells": "gaps"}
TEAM_SPARKLINE = {**SPARKLINE, "series_color": "#548235", "markers_color": "#548235"}


def _rounded(value: float | None) -> float | None:
    """A computed figure without float noise (85.1 − 82.1 = 3.0, not 2.9999999999999716); the
    cell's format shows one decimal of it."""
    return None if value is None else round(value, 6)


def move_text(trend: AgentTrend, lang: str) -> str | None:
    """This month's rank move: "▲3" up three places, "▼1" down one, "–" the same place; None
    when either month has no place to compare."""
    move = trend.rank_move
    if move is None:
        return None
    if move > 0:
        return label("trends.move.up", lang, n=move)
    if move < 0:
        return label("trends.move.down", lang, n=-move)
    return label("trends.move.same", lang)


def write_trends(sw: SheetWriter, trends: Trends, agents: Sequence[AgentResult]) -> PrintSetup:
    """Write the 趋势 sheet for ``agents`` (in their order; those without a trend, who are not in
    the roster, are only counted in a note); return how it prints: one page wide, the month
    markers and the header repeated on every page."""
    lang = sw.lang
    months = trends.months
    change_col = FIRST_MONTH_COL + len(months)
    line_col = change_col + 4
    listed = [(a, t) for a in agents if (t := trends.of(a.agent_id)) is not None]
    outsiders = len(agents) - len(listed)

    sw.text(0, 0, label("trends.title", lang, first=months[0], last=months[-1]), SECTION, autofit=False)
    notes = [label("trends.note.how", lang)]
    if outsiders:
        notes.append(label("trends.note.outsiders", lang, n=outsiders))
    for row, note in enumerate(notes, start=1):
        sw.merged_text(row, 0, line_col, note, WRAP)
    before = [label(code, lang) for code in ("workbook.agent_id", "workbook.name", "workbook.group")]
    after = [label(code, lang) for code in ("trends.change", "trends.average", "trends.rank", "trends.move")]
    header_row = _header(sw, 1 + len(notes), trends, before, [*after, label("trends.line", lang)])
    first = header_row + 1
    for r, (a, t) in enumerate(listed, start=first):
        sw.text(r, 0, a.agent_id)
        sw.text(r, 1, a.name)
        sw.text(r, 2, a.group)
        _series(sw, r, t.totals, t.change, t.average)
        sw.number(r, change_col + 2, t.rank, INTEGER_FORMAT)
        move = t.rank_move
        style = SAME if move is None or move == 0 else UP if move > 0 else DOWN
        sw.text(r, change_col + 3, move_text(t, lang), style)
    if listed:
        _sparklines(sw, range(first, first + len(listed)), len(months), line_col, SPARKLINE)
    else:
        sw.text(first, 0, label("trends.none", lang), autofit=False)
    if trends.teams:
        _teams(sw, first + max(len(listed), 1) + 1, trends, line_col)
    sw.widths[line_col] = max(sw.widths.get(line_col, 0), LINE_WIDTH)
    sw.ws.freeze_panes(first, 2)
    sw.fit_columns()
    return PrintSetup(rows=(header_row - 1, header_row), one_page_wide=True)


def _header(sw: SheetWriter, row: int, trends: Trends, before: list[str], after: list[str]) -> int:
    """At ``row``, a grey 未记录 over each month history does not hold; under it the header row:
    ``before``, one column headed ``YYYY-MM`` per month, then ``after``. The header's row."""
    lang = sw.lang
    for col, month in enumerate(trends.months, start=FIRST_MONTH_COL):
        if month not in trends.recorded:
            sw.text(row, col, label("trends.not_recorded", lang), WRAP, GREY_NOTE, fit_width=MONTH_WIDTH)
    sw.header_row(row + 1, [*before, *trends.months, *after], wrap_at=HEADER_WRAP_AT.get(lang, 10))
    return row + 1


def _series(
    sw: SheetWriter, row: int, values: Sequence[float | None], change: float | None, average: float | None
) -> None:
    """One row's monthly figures (blank where there is none), its 环比 and its average."""
    for col, value in enumerate(values, start=FIRST_MONTH_COL):
        sw.number(row, col, _rounded(value), POINTS_FORMAT)
    after = FIRST_MONTH_COL + len(values)
    sw.number(row, after, _rounded(change), CHANGE_FORMAT)
    sw.number(row, after + 1, _rounded(average), POINTS_FORMAT)


def _sparklines(sw: SheetWriter, rows: range, months: int, col: int, options: dict[str, object]) -> None:
    """One line sparkline per row in ``col`` over the row's month cells, empty cells as gaps."""
    last = FIRST_MONTH_COL + months - 1
    spark = {
        **options,
        "location": [xl_range(r, col, r, col) for r in rows],
        "range": [xl_range(r, FIRST_MONTH_COL, r, last) for r in rows],
    }
    sw.check(sw.ws.add_sparkline(rows[0], col, spark), "the sparklines")


def _teams(sw: SheetWriter, row: int, trends: Trends, line_col: int) -> None:
    """The teams' table at ``row``: a title, a note, then per group its monthly averages in the
    agents' month columns, 环比, the average and a sparkline in the agents' sparkline column."""
    lang = sw.lang
    sw.text(row, 0, label("trends.teams.title", lang), SECTION, autofit=False)
    sw.merged_text(row + 1, 0, line_col, label("trends.teams.note", lang), WRAP)
    # The sparklines stand in the agents' sparkline column, the header bar running on to it.
    gap = [""] * (line_col - FIRST_MONTH_COL - len(trends.months) - 2)
    after = [label("trends.change", lang), label("trends.average", lang), *gap, label("trends.line", lang)]
    header_row = _header(sw, row + 2, trends, [""] * FIRST_MONTH_COL, after)
    sw.merged_text(header_row, 0, FIRST_MONTH_COL - 1, label("workbook.group", lang), HEADER)
    first = header_row + 1
    for r, team in enumerate(trends.teams, start=first):
        sw.merged_text(r, 0, FIRST_MONTH_COL - 1, team.group)
        _series(sw, r, team.averages, team.change, team.average)
    _sparklines(sw, range(first, first + len(trends.teams)), len(trends.months), line_col, TEAM_SPARKLINE)
