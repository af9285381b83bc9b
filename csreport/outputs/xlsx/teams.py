"""The 团队 sheet: each group's result (分组考核) compared like with like.

Top to bottom: one ranked row per team (counts, the pass rate with its base, the average
总分 as a share of the maximum, rank, grade), notes saying how the figures are made and who
is left out, the 总分 distribution of the roster's agents, and each KPI's average as a share
of its maximum per team with a chart of those shares. Agents not in the roster are in none of
these figures: they are named in a note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from csreport.messages import translate
from csreport.outputs.xlsx.base import (
    INTEGER_FORMAT,
    LINE_HEIGHT,
    SECTION,
    WRAP,
    PrintSetup,
    SheetWriter,
    display_width,
    label,
    printable_height,
)
from csreport.outputs.xlsx.charts import (
    CHART_HEIGHT,
    SHARE_FORMAT,
    Series,
    column_chart,
    rows_covered,
    write_distribution,
)
from csreport.results import AgentResult, TeamResult
from csreport.rules.wording import points
from csreport.scoring.teams import NO_GROUP

# A chart with more teams than this is unreadable; it shows the best-ranked ones.
MAX_CHART_TEAMS = 12
# Team columns side by side in a KPI × team table; more teams continue in a second table
# below, so the sheet stays narrow enough to print one page wide at 8 pt or more.
TEAMS_PER_TABLE = 7
# Agents named in the note on agents not in the roster; the rest are counted.
MAX_OUTSIDERS_NAMED = 10
# Widths (in characters) at which long cells wrap instead of widening their column, so the
# sheet prints one page wide at 8 pt or more: the team table's headers, a team's name, a
# KPI's name, the pass rate's base ("5 passed / 6 assessed") and the 满分 column of the KPI tables
# (one line per table when the tables' maxima differ).
HEADER_WRAP_AT = 8
NAME_WRAP_AT = 14
KPI_NAME_WRAP_AT = 16
BASE_WRAP_AT = 21
MAXIMUM_WRAP_AT = 18

# Text cells kept clear of the number before them: the pass rate's base is indented ("83.3%" then
# "合格 5 / 已评定 6"), the one-letter grade centred ("1" then "B").
INDENT = {"align": "left", "indent": 1}
CENTRED = {"align": "center"}

TEAM_COLUMNS = (
    "teams.group",
    "teams.members",
    "teams.passed",
    "teams.failed",
    "teams.pass_rate",
    "teams.rate_base",
    "teams.missing",
    "teams.scored",
    "teams.average",
    "teams.rank",
    "teams.grade",
)

KpiKey = tuple[str, str]  # (kpi id, Chinese name): tables may name one id differently


def team_name(team: TeamResult, lang: str) -> str:
    """A group's name as shown: the roster's agents without a 组别 are 未分组 / Ungrouped."""
    return label("teams.ungrouped", lang) if team.group == NO_GROUP else team.group


def _broken(text: str, width: int) -> str:
    """``text`` with a line break at the last space before each ``width`` characters, so a name
    of several words takes the lines it needs and no row is made taller than its text."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and display_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _shown(share: float | None) -> float | None:
    """A share rounded as it is shown (one decimal of a percent), so the cell holds what is read."""
    return None if share is None else round(share, 3)


@dataclass(frozen=True)
class _KpiRow:
    """One KPI as the KPI × team tables show it."""

    key: KpiKey
    name: str  # the name shown, distinct from every other row's
    maximum: str  # "20 分", or per table when the tables' maxima differ; "" when unknown
    share: bool  # True: averages are shares of the maximum; False: a bonus/deduction item in points


def write_teams(
    sw: SheetWriter, teams: Sequence[TeamResult], agents: Sequence[AgentResult] = ()
) -> PrintSetup:
    """Fill 团队 from the assessed ``teams`` and the month's ``agents`` (those not in the roster
    are only named, never counted); how the sheet prints: one page wide (it is narrow enough to
    stay at 8 pt or more), the team header repeated only when the team table needs more than one
    page."""
    lang = sw.lang
    staff = [a for a in agents if a.in_roster]
    outsiders = [a for a in agents if not a.in_roster]
    row = _team_table(sw, teams)
    row = _notes(sw, row + 1, teams, outsiders)
    row = write_distribution(sw, row + 1, staff)
    rows = _kpi_rows(teams, staff, lang)
    if teams:
        row = _kpi_block(sw, row, teams, [r for r in rows if r.share])
        _bonus_block(sw, row, teams, [r for r in rows if not r.share])
    sw.ws.freeze_panes(1, 1)
    sw.fit_columns()
    return PrintSetup(rows=_repeated(sw, len(teams)), one_page_wide=True)


def _repeated(sw: SheetWriter, teams: int) -> tuple[int, int] | None:
    """The team table's header, to print on every page when the table runs on to a second page;
    None when it fits on the first, so that no page below it (the KPI chart's) starts with a
    header with no rows under it. A page repeats the same rows on every page, or none."""
    heights = sw.row_heights(sw.column_widths())
    table = sum(heights.get(row, LINE_HEIGHT) for row in range(teams + 1))
    return (0, 0) if table > printable_height() else None


def _team_table(sw: SheetWriter, teams: Sequence[TeamResult]) -> int:
    """The ranked team rows under one header at the top; the next free row."""
    lang = sw.lang
    ranked = max((t.rank_of for t in teams), default=0)
    headers = [
        label(code, lang, n=ranked) if code == "teams.rank" else label(code, lang) for code in TEAM_COLUMNS
    ]
    sw.header_row(0, headers, wrap_at=HEADER_WRAP_AT)
    for row, t in enumerate(teams, start=1):
        sw.text(row, 0, team_name(t, lang), WRAP, fit_width=NAME_WRAP_AT)
        for col, count in enumerate((t.members, t.passed, t.failed), start=1):
            sw.number(row, col, count, INTEGER_FORMAT)
        sw.number(row, 4, _shown(t.pass_rate), SHARE_FORMAT)
        base = label("teams.rate_base_value", lang, passed=t.passed, assessed=t.assessed)
        sw.text(row, 5, base, WRAP, INDENT, fit_width=BASE_WRAP_AT)
        sw.number(row, 6, t.missing, INTEGER_FORMAT)
        sw.number(row, 7, t.scored, INTEGER_FORMAT)
        sw.number(row, 8, _shown(t.average_share), SHARE_FORMAT)
        sw.number(row, 9, t.rank, INTEGER_FORMAT)
        sw.text(row, 10, t.grade, CENTRED)
    if teams:
        sw.check(sw.ws.autofilter(0, 0, len(teams), len(headers) - 1), "the autofilter")
    else:
        sw.text(1, 0, label("teams.none", lang), autofit=False)
    return max(len(teams), 1) + 1


def _notes(sw: SheetWriter, row: int, teams: Sequence[TeamResult], outsiders: Sequence[AgentResult]) -> int:
    """How the pass rate and the shares are made, and who is not counted; the next free row."""
    lang = sw.lang
    notes = [label("teams.note.rate", lang), label("teams.note.share", lang)] if teams else []
    if outsiders:
        named = [" ".join(x for x in (a.agent_id, a.name) if x) for a in outsiders[:MAX_OUTSIDERS_NAMED]]
        cut = len(outsiders) > MAX_OUTSIDERS_NAMED
        agents = translate("list.sep", lang).join(named) + (translate("list.more", lang) if cut else "")
        notes.append(label("teams.note.outsiders", lang, n=len(outsiders), agents=agents))
    # Each note spans the team table and wraps there: text running on past the table's last
    # column would widen the printed page and shrink every figure on it.
    for offset, note in enumerate(notes):
        sw.merged_text(row + offset, 0, len(TEAM_COLUMNS) - 1, note, WRAP)
    return row + len(notes)


def _kpi_rows(teams: Sequence[TeamResult], staff: Sequence[AgentResult], lang: str) -> list[_KpiRow]:
    """Every KPI some team has an average for, in first-seen order, named distinctly, with its
    maximum in words: one maximum when every table gives the KPI the same, else each table's."""
    seen: dict[KpiKey, TeamResult.Kpi] = {}
    shared: set[KpiKey] = set()
    for t in teams:
        for k in t.kpis:
            seen.setdefault((k.kpi_id, k.name), k)
            if k.share is not None:
                shared.add((k.kpi_id, k.name))
    names = {key: k.name_en if lang == "en" else k.name for key, k in seen.items()}
    tables: dict[KpiKey, dict[str, float]] = {}
    for a in staff:
        for kr in a.kpis:
            key = (kr.kpi_id, kr.name)
            if key in seen:
                tables.setdefault(key, {}).setdefault(a.table_name_in(lang), kr.max_points)
    shown = _distinct(names, {key: list(tables.get(key, {})) for key in seen}, lang)
    return [_KpiRow(key, shown[key], _maximum(tables.get(key, {}), lang), key in shared) for key in seen]


def _maximum(by_table: dict[str, float], lang: str) -> str:
    """A KPI's maximum in words: "20 分", or one line per table ("试用期 20 分", "正式 15 分")
    when the tables differ; "" when no agent's table is known."""
    if len(set(by_table.values())) == 1:
        return _points(next(iter(by_table.values())), lang)
    return "\n".join(
        label("teams.kpi.max_in_table", lang, table=table, points=_points(value, lang))
        for table, value in by_table.items()
    )


def _points(value: float, lang: str) -> str:
    """``value`` points with their unit: "20 分" / "20 pts"."""
    words = points(value)
    return words.en if lang == "en" else words.zh


def _distinct(names: dict[KpiKey, str], tables: dict[KpiKey, list[str]], lang: str) -> dict[KpiKey, str]:
    """``names`` with each name that two KPIs share qualified by the KPI's tables, then, if two
    still share it, by its id, so no two rows or chart categories carry the same name."""

    def shared(shown: dict[KpiKey, str]) -> set[KpiKey]:
        seen: dict[str, list[KpiKey]] = {}
        for key, name in shown.items():
            seen.setdefault(name, []).append(key)
        return {key for keys in seen.values() if len(keys) > 1 for key in keys}

    shown = dict(names)
    for key in shared(shown):
        if tables[key]:
            where = translate("list.sep", lang).join(tables[key])
            shown[key] = label("workbook.kpi_in_table", lang, name=names[key], table=where)
    for key in shared(shown):
        shown[key] = label("workbook.kpi_with_id", lang, name=shown[key], id=key[0])
    return shown


Place = tuple[int, int, int]  # (header row, column, first value row) of one team's values


def _grid(
    sw: SheetWriter,
    row: int,
    teams: Sequence[TeamResult],
    rows: list[_KpiRow],
    second: tuple[str, Callable[[_KpiRow], str]],
    value: Callable[[TeamResult.Kpi], float | None],
    num_format: str,
) -> tuple[int, list[Place]]:
    """KPI × team tables at ``row``, ``TEAMS_PER_TABLE`` teams side by side in each, one below
    the other; the next free row and where each team's values are."""
    lang = sw.lang
    places: list[Place] = []
    for start in range(0, len(teams), TEAMS_PER_TABLE):
        chunk = teams[start : start + TEAMS_PER_TABLE]
        headers = [label("teams.kpi.kpi", lang), second[0], *(team_name(t, lang) for t in chunk)]
        # Team names wrap as narrowly as the team table's headers above them, so these columns
        # are no wider than the team table's.
        sw.header_row(row, headers, wrap_at=HEADER_WRAP_AT)
        for r, kpi_row in enumerate(rows, start=row + 1):
            sw.text(r, 0, _broken(kpi_row.name, KPI_NAME_WRAP_AT), WRAP, fit_width=KPI_NAME_WRAP_AT)
            sw.text(r, 1, second[1](kpi_row), WRAP, fit_width=MAXIMUM_WRAP_AT)
        for col, t in enumerate(chunk, start=2):
            averages = {(k.kpi_id, k.name): k for k in t.kpis}
            for r, kpi_row in enumerate(rows, start=row + 1):
                k = averages.get(kpi_row.key)
                sw.number(r, col, None if k is None else value(k), num_format)
            places.append((row, col, row + 1))
        row += len(rows) + 2
    return row, places


def _kpi_block(sw: SheetWriter, row: int, teams: Sequence[TeamResult], rows: list[_KpiRow]) -> int:
    """Each KPI's average as a share of its maximum per team: a chart comparing the shares of
    the best-ranked teams, then the tables of every team below it; the next free row."""
    if not rows:
        return row
    lang = sw.lang
    title = label("teams.kpi.title", lang)
    # The section starts a printed page with its chart, so the chart is never cut in two; the
    # tables below it may run on to the next page row by row.
    sw.ws.set_h_pagebreaks([row])
    sw.text(row, 0, title, SECTION, autofit=False)
    row += 1
    chart_teams = min(len(teams), MAX_CHART_TEAMS)
    if len(teams) > chart_teams:
        sw.text(row, 0, label("teams.kpi.top", lang, n=chart_teams), autofit=False)
        row += 1
    chart_at = row
    row += rows_covered(CHART_HEIGHT)
    end, places = _grid(
        sw,
        row,
        teams,
        rows,
        (label("teams.kpi.max", lang), lambda r: r.maximum),
        lambda k: _shown(k.share),
        SHARE_FORMAT,
    )
    last = len(rows) - 1
    series = [Series((head, col), first, col, first + last, col) for head, col, first in places[:chart_teams]]
    width = min(960, max(480, 36 * len(rows) * (chart_teams + 1)))
    column_chart(
        sw,
        (chart_at, 0),
        title,
        (row + 1, 0, row + 1 + last, 0),
        series,
        x_title=label("teams.kpi.kpi", lang),
        y_title=label("teams.kpi.axis", lang),
        size=(width, CHART_HEIGHT),
        legend=True,
        share_axis=True,
    )
    return end


def _bonus_block(sw: SheetWriter, row: int, teams: Sequence[TeamResult], rows: list[_KpiRow]) -> int:
    """Bonus and deduction items (no maximum, so no share): their average points per team."""
    if not rows:
        return row
    lang = sw.lang
    sw.text(row, 0, label("teams.bonus.title", lang), SECTION, autofit=False)
    end, _ = _grid(
        sw,
        row + 1,
        teams,
        rows,
        (label("teams.bonus.kind", lang), lambda _r: label("teams.bonus.no_max", lang)),
        lambda k: round(k.points, 1),
        label("teams.bonus.format", lang),
    )
    return end
