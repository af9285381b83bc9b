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

# A chart with more teams than this is unreadable; it shows the best-ranked ones.
MAX_CHART_TEAMS = 12

# key -> (zh, en); only this sheet uses them.
TEAM_LABELS: dict[str, tuple[str, str]] = {
    "no_teams": ("没有组别（团队）数据，因此没有团队排名和各指标平均得分图。",
                 "No groups in the data, so there is no team ranking or per-KPI chart."),
    "kpi_title": ("各指标平均得分（按团队）", "Average points per KPI, by team"),
    "kpi_axis": ("平均得分", "Average points"),
    "top_teams": ("图表只显示排名前 {n} 的团队；全部团队见上表。",
                  "The chart shows the {n} best-ranked teams; the table above has them all."),
}


def _t(key: str, lang: str, **params: object) -> str:
    """A label of this sheet in ``lang``."""
    zh, en = TEAM_LABELS[key]
    return (en if lang == "en" else zh).format(**params)


KpiKey = tuple[str, str]  # (kpi id, Chinese name): tables may name one id differently


def _kpi_keys(teams: Sequence[TeamResult]) -> list[KpiKey]:
    """Every (KPI id, name) with an average in some team, in first-seen order."""
    keys: dict[KpiKey, None] = {}
    for t in teams:
        for kid, name, _avg in t.kpi_averages:
            keys.setdefault((kid, name), None)
    return list(keys)


def _kpi_facts(agents: Sequence[AgentResult], lang: str) -> dict[KpiKey, tuple[str, float | None]]:
    """Display name and maximum points of each KPI; the maximum is None when tables differ."""
    names: dict[KpiKey, str] = {}
    maxima: dict[KpiKey, set[float]] = {}
    for a in agents:
        for k in a.kpis:
            key = (k.kpi_id, k.name)
            names.setdefault(key, k.name_en if lang == "en" else k.name)
            maxima.setdefault(key, set()).add(k.max_points)
    return {key: (names[key], next(iter(m)) if len(m) == 1 else None)
            for key, m in maxima.items()}


def write_teams(sw: SheetWriter, teams: Sequence[TeamResult],
                agents: Sequence[AgentResult] = ()) -> None:
    """Fill 团队: one row per group, ranked, with each KPI's average points, then the
    总分 distribution and the per-KPI averages, each as a small table and a chart."""
    lang = sw.lang
    kpis = _kpi_keys(teams)
    facts = _kpi_facts(agents, lang)
    names = [facts.get(key, (key[1], None))[0] for key in kpis]
    keys = ("group", "members", "scored", "passed", "failed", "missing_count", "pass_rate",
            "team_average", "max_points", "team_rank", "team_grade")
    headers = [label(k, lang) for k in keys]
    headers += [label("kpi_average", lang, name=name) for name in names]
    sw.header_row(0, headers)
    for row, t in enumerate(teams, start=1):
        sw.text(row, 0, t.group)
        for col, value in enumerate((t.members, t.scored, t.passed, t.failed, t.missing), 1):
            sw.number(row, col, value, INTEGER_FORMAT)
        sw.number(row, 6, t.pass_rate, "0.0%")
        sw.number(row, 7, t.average, POINTS_FORMAT)
        sw.number(row, 8, t.max_total, "0")
        sw.number(row, 9, t.rank, INTEGER_FORMAT)
        sw.text(row, 10, t.grade)
        averages = {(kid, name): avg for kid, name, avg in t.kpi_averages}
        for col, key in enumerate(kpis, start=len(keys)):
            sw.number(row, col, averages.get(key), POINTS_FORMAT)
    if teams:
        sw.check(sw.ws.autofilter(0, 0, len(teams), len(headers) - 1), "the autofilter")
    else:
        sw.text(1, 0, _t("no_teams", lang), autofit=False)
    row = write_distribution(sw, max(len(teams), 1) + 2, agents)
    if teams and kpis:
        _kpi_block(sw, row, teams, kpis, facts, names)
    sw.ws.freeze_panes(1, 1)
    sw.fit_columns()


def _kpi_block(sw: SheetWriter, row: int, teams: Sequence[TeamResult], kpis: list[KpiKey],
               facts: dict[KpiKey, tuple[str, float | None]], names: list[str]) -> int:
    """KPI × team table of average points at ``row`` and its clustered column chart to the
    right; returns the next free row."""
    lang = sw.lang
    shown = list(teams[:MAX_CHART_TEAMS])
    sw.text(row, 0, _t("kpi_title", lang), SECTION, autofit=False)
    head = row + 1
    if len(teams) > len(shown):
        sw.text(head, 0, _t("top_teams", lang, n=len(shown)), autofit=False)
        head += 1
    sw.header_row(head, [label("kpi", lang), label("max_points", lang), *(t.group for t in shown)])
    for r, (key, name) in enumerate(zip(kpis, names, strict=True), start=head + 1):
        sw.text(r, 0, name)
        sw.number(r, 1, facts.get(key, (name, None))[1], POINTS_FORMAT)
        for col, t in enumerate(shown, start=2):
            averages = {(kid, n): avg for kid, n, avg in t.kpi_averages}
            sw.number(r, col, averages.get(key), POINTS_FORMAT)
    last = head + len(kpis)
    series = [Series((head, col), head + 1, col, last, col) for col in range(2, 2 + len(shown))]
    width = min(960, max(480, 36 * len(kpis) * (len(shown) + 1)))
    column_chart(sw, (row, 3 + len(shown)), _t("kpi_title", lang), (head + 1, 0, last, 0), series,
                 x_title=label("kpi", lang), y_title=_t("kpi_axis", lang),
                 size=(width, CHART_HEIGHT), legend=True)
    return row + max(last - row + 1, rows_covered(CHART_HEIGHT)) + 1
