"""The 团队 sheet: each group's average, rank among groups and result (分组考核)."""

from __future__ import annotations

from collections.abc import Sequence

from csreport.model import TeamResult
from csreport.render.xlsx_base import (
    INTEGER_FORMAT,
    POINTS_FORMAT,
    SheetWriter,
    label,
)


def write_teams(sw: SheetWriter, teams: Sequence[TeamResult]) -> None:
    """Fill 团队: one row per group, ranked, with each KPI's average points."""
    lang = sw.lang
    kpis: dict[str, str] = {}
    for t in teams:
        for kid, name, _avg in t.kpi_averages:
            kpis.setdefault(kid, name)
    keys = ("group", "members", "scored", "passed", "failed", "missing_count", "pass_rate",
            "team_average", "max_points", "team_rank", "team_grade")
    headers = [label(k, lang) for k in keys]
    headers += [label("kpi_average", lang, name=name) for name in kpis.values()]
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
        averages = {kid: avg for kid, _n, avg in t.kpi_averages}
        for i, kid in enumerate(kpis, start=len(keys)):
            sw.number(row, i, averages.get(kid), POINTS_FORMAT)
    sw.ws.freeze_panes(1, 1)
    sw.check(sw.ws.autofilter(0, 0, max(len(teams), 1), len(headers) - 1), "the autofilter")
    sw.fit_columns()
