"""The 团队 sheet: each group's average, rank among groups and result (分组考核), with
charts of the 总分 distribution and of each KPI's average points per team."""

from __future__ import annotations

from collections.abc import Sequence

from csreport.outputs.xlsx.base import (
    INTEGER_FORMAT,
    POINTS_FORMAT,
    SECTION,
    SheetWriter,
    label,
)
from csreport.outputs.xlsx.charts import (
    CHART_HEIGHT,
    Series,
    column_chart,
    rows_covered,
    write_distribution,
)
from csreport.results import AgentResult, TeamResult
from csreport.scoring.teams import NO_GROUP

# A chart with more teams than this is unreadable; it shows the best-ranked ones.
MAX_CHART_TEAMS = 12


def team_name(team: TeamResult, lang: str) -> str:
    """A group's name as shown: the agents without a 组别 are "Ungrouped" in English."""
    return label("workbook.ungrouped", lang) if team.group == NO_GROUP else team.group


KpiKey = tuple[str, str]  # (kpi id, Chinese name): tables may name one id differently


def _kpi_keys(teams: Sequence[TeamResult]) -> list[KpiKey]:
    """Every (KPI id, name) with an average in some team, in first-seen order."""
    keys: dict[KpiKey, None] = {}
    for t in teams:
        for kid, name, _avg in t.kpi_averages:
            keys.setdefault((kid, name), None)
    return list(keys)


def _kpi_facts(agents: Sequence[AgentResult], lang: str) -> dict[KpiKey, tuple[str, float | None]]:
    """Display name and maximum points of each KPI; the maximum is None when tables differ.

    Two KPIs that would show the same name (服务态度 and 工作态度 are both "Attitude" in
    English) are told apart by their tables' names, and failing that by their ids.
    """
    names: dict[KpiKey, str] = {}
    tables: dict[KpiKey, list[str]] = {}
    maxima: dict[KpiKey, set[float]] = {}
    for a in agents:
        for k in a.kpis:
            key = (k.kpi_id, k.name)
            names.setdefault(key, k.name_en if lang == "en" else k.name)
            in_tables = tables.setdefault(key, [])
            if a.table_name_in(lang) not in in_tables:
                in_tables.append(a.table_name_in(lang))
            maxima.setdefault(key, set()).add(k.max_points)
    shown = _distinct(names, tables, lang)
    return {key: (shown[key], next(iter(m)) if len(m) == 1 else None) for key, m in maxima.items()}


def _distinct(names: dict[KpiKey, str], tables: dict[KpiKey, list[str]], lang: str) -> dict[KpiKey, str]:
    """``names`` with each name that two KPIs share qualified by the KPI's tables, then, if two
    still share it, by its id, so no two columns or chart categories carry the same name."""

    def shared(shown: dict[KpiKey, str]) -> set[KpiKey]:
        seen: dict[str, list[KpiKey]] = {}
        for key, name in shown.items():
            seen.setdefault(name, []).append(key)
        return {key for keys in seen.values() if len(keys) > 1 for key in keys}

    shown = dict(names)
    for key in shared(shown):
        where = label("list.sep", lang).join(tables[key])
        shown[key] = label("workbook.kpi_in_table", lang, name=names[key], table=where)
    for key in shared(shown):
        shown[key] = label("workbook.kpi_with_id", lang, name=shown[key], id=key[0])
    return shown


def write_teams(sw: SheetWriter, teams: Sequence[TeamResult], agents: Sequence[AgentResult] = ()) -> None:
    """Fill 团队: one row per group, ranked, with each KPI's average points, then the
    总分 distribution and the per-KPI averages, each as a small table and a chart."""
    lang = sw.lang
    kpis = _kpi_keys(teams)
    facts = _kpi_facts(agents, lang)
    names = [facts.get(key, (key[1], None))[0] for key in kpis]
    codes = (
        "group",
        "members",
        "scored",
        "passed",
        "failed",
        "missing_count",
        "pass_rate",
        "team_average",
        "max_points",
        "team_rank",
        "team_grade",
    )
    headers = [label(f"workbook.{code}", lang) for code in codes]
    headers += [label("workbook.kpi_average", lang, name=name) for name in names]
    sw.header_row(0, headers)
    for row, t in enumerate(teams, start=1):
        sw.text(row, 0, team_name(t, lang))
        for col, value in enumerate((t.members, t.scored, t.passed, t.failed, t.missing), 1):
            sw.number(row, col, value, INTEGER_FORMAT)
        sw.number(row, 6, t.pass_rate, "0.0%")
        sw.number(row, 7, t.average, POINTS_FORMAT)
        sw.number(row, 8, t.max_total, "0")
        sw.number(row, 9, t.rank, INTEGER_FORMAT)
        sw.text(row, 10, t.grade)
        averages = {(kid, name): avg for kid, name, avg in t.kpi_averages}
        for col, key in enumerate(kpis, start=len(codes)):
            sw.number(row, col, averages.get(key), POINTS_FORMAT)
    if teams:
        sw.check(sw.ws.autofilter(0, 0, len(teams), len(headers) - 1), "the autofilter")
    else:
        sw.text(1, 0, label("workbook.teams.none", lang), autofit=False)
    row = write_distribution(sw, max(len(teams), 1) + 2, agents)
    if teams and kpis:
        _kpi_block(sw, row, teams, kpis, facts, names)
    sw.ws.freeze_panes(1, 1)
    sw.fit_columns()


def _kpi_block(
    sw: SheetWriter,
    row: int,
    teams: Sequence[TeamResult],
    kpis: list[KpiKey],
    facts: dict[KpiKey, tuple[str, float | None]],
    names: list[str],
) -> int:
    """KPI × team table of average points at ``row`` and its clustered column chart to the
    right; returns the next free row."""
    lang = sw.lang
    shown = list(teams[:MAX_CHART_TEAMS])
    sw.text(row, 0, label("workbook.teams.kpi_title", lang), SECTION, autofit=False)
    head = row + 1
    if len(teams) > len(shown):
        sw.text(head, 0, label("workbook.teams.top", lang, n=len(shown)), autofit=False)
        head += 1
    sw.header_row(
        head,
        [
            label("workbook.kpi", lang),
            label("workbook.max_points", lang),
            *(team_name(t, lang) for t in shown),
        ],
    )
    for r, (key, name) in enumerate(zip(kpis, names, strict=True), start=head + 1):
        sw.text(r, 0, name)
        sw.number(r, 1, facts.get(key, (name, None))[1], POINTS_FORMAT)
        for col, t in enumerate(shown, start=2):
            averages = {(kid, n): avg for kid, n, avg in t.kpi_averages}
            sw.number(r, col, averages.get(key), POINTS_FORMAT)
    last = head + len(kpis)
    series = [Series((head, col), head + 1, col, last, col) for col in range(2, 2 + len(shown))]
    width = min(960, max(480, 36 * len(kpis) * (len(shown) + 1)))
    title = label("workbook.teams.kpi_title", lang)
    column_chart(
        sw,
        (row, 3 + len(shown)),
        title,
        (head + 1, 0, last, 0),
        series,
        x_title=label("workbook.kpi", lang),
        y_title=label("workbook.teams.kpi_axis", lang),
        size=(width, CHART_HEIGHT),
        legend=True,
    )
    return row + max(last - row + 1, rows_covered(CHART_HEIGHT)) + 1
