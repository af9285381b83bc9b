"""The result sheets: 汇总 (one row per agent), 计算明细 (per agent and KPI), 数据问题."""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.utility import xl_col_to_name, xl_range

from csreport.messages import translate
from csreport.outputs.xlsx.base import (
    COEFFICIENT_FORMAT,
    ERROR_ROW,
    GREY,
    INTEGER_FORMAT,
    MONEY_FORMAT,
    POINTS_FORMAT,
    VETO,
    WARNING_ROW,
    WRAP,
    SheetWriter,
    label,
    unit_format,
)
from csreport.problems import Problem, Severity
from csreport.results import AgentResult, Conclusion, KpiResult, MonthResult

ROW_FAIL = {"bg_color": "#FCE4E4"}
ROW_MISSING = {"bg_color": "#EDEDED"}
SEVERITY_STYLE = {Severity.ERROR: ERROR_ROW, Severity.WARNING: WARNING_ROW}


def _id_key(agent_id: str) -> tuple[int, int, str]:
    """Sort 工号 numerically when they are numbers (999 before 1001), else as text."""
    if agent_id.isascii() and agent_id.isdigit():
        return (0, int(agent_id), agent_id)
    return (1, 0, agent_id)


def ordered_agents(month: MonthResult) -> list[AgentResult]:
    """Agents grouped by table in the run's table order, then by 排名, unranked last."""
    order = {table_id: i for i, (table_id, _) in enumerate(month.meta.tables)}
    for a in month.agents:
        order.setdefault(a.table_id, len(order))
    return sorted(
        month.agents,
        key=lambda a: (order[a.table_id], a.rank is None, a.rank or 0, _id_key(a.agent_id)),
    )


def kpi_columns(agents: Sequence[AgentResult]) -> list[KpiResult]:
    """One KPI per distinct kpi_id across all agents, in first-seen order."""
    seen: dict[str, KpiResult] = {}
    for a in agents:
        for k in a.kpis:
            seen.setdefault(k.kpi_id, k)
    return list(seen.values())


def _column_name(kpi_id: str, agents: Sequence[AgentResult], en: bool) -> str:
    """A KPI column's header; tables that name the same KPI differently show both names."""
    names: list[str] = []
    for a in agents:
        for k in a.kpis:
            name = k.name_en if en else k.name
            if k.kpi_id == kpi_id and name not in names:
                names.append(name)
    return "/".join(names)


def _raw_cell(sw: SheetWriter, row: int, col: int, k: KpiResult) -> None:
    """The KPI's raw value in its unit's format, or a grey 缺数据."""
    if k.is_missing:
        sw.text(row, col, label("missing", sw.lang), GREY)
    else:
        sw.number(row, col, k.raw, unit_format(k.unit, sw.lang))


def _points_cell(sw: SheetWriter, row: int, col: int, k: KpiResult) -> None:
    """The KPI's points; a vetoed KPI shows 0 on red."""
    if k.veto is not None:
        sw.number(row, col, k.points or 0.0, POINTS_FORMAT, VETO)
    else:
        sw.number(row, col, k.points, POINTS_FORMAT)


def write_summary(sw: SheetWriter, agents: Sequence[AgentResult]) -> None:
    """Fill 汇总: identity, raw value and points per KPI, then the outcome columns."""
    lang, en = sw.lang, sw.lang == "en"
    kpis = kpi_columns(agents)
    headers = [label(key, lang) for key in ("agent_id", "name", "group", "table")]
    for k in kpis:
        name = _column_name(k.kpi_id, agents, en)
        headers += [name, label("points_of", lang, name=name)]
    first_outcome = len(headers)
    outcome = ["total", "conclusion", "veto_reasons", "grade", "level", "coefficient", "rank",
               "notes"]
    with_bonus = any(a.bonus_base is not None for a in agents)
    if with_bonus:
        outcome[6:6] = ["bonus_base", "bonus"]
    headers += [label(key, lang) for key in outcome]
    sw.header_row(0, headers)
    sep = label("list_sep", lang)
    for row, a in enumerate(agents, start=1):
        for col, value in enumerate((a.agent_id, a.name, a.group, a.table_name)):
            sw.text(row, col, value)
        by_id = {k.kpi_id: k for k in a.kpis}
        for i, column_kpi in enumerate(kpis):
            k = by_id.get(column_kpi.kpi_id)
            if k is not None:
                _raw_cell(sw, row, 4 + 2 * i, k)
                _points_cell(sw, row, 5 + 2 * i, k)
        col = first_outcome
        sw.number(row, col, a.total, POINTS_FORMAT)
        sw.text(row, col + 1, translate(a.conclusion.code, lang))
        sw.text(row, col + 2, sep.join(v.text(lang) for v in a.veto_reasons), WRAP)
        sw.text(row, col + 3, a.grade)
        sw.text(row, col + 4, a.level)
        sw.number(row, col + 5, a.coefficient, COEFFICIENT_FORMAT)
        if with_bonus:
            sw.number(row, col + 6, a.bonus_base, MONEY_FORMAT)
            sw.number(row, col + 7, a.bonus, MONEY_FORMAT)
            col += 2
        sw.number(row, col + 6, a.rank, INTEGER_FORMAT)
        notes = [*a.notes, *([a.rescale_note] if a.rescale_note else [])]
        sw.text(row, col + 7, sep.join(n.text(lang) for n in notes), WRAP)
    last_row, last_col = len(agents), len(headers) - 1
    _summary_highlights(sw, agents, first_outcome, last_row, last_col)
    sw.ws.freeze_panes(1, 2)
    sw.check(sw.ws.autofilter(0, 0, last_row, last_col), "the autofilter")
    sw.fit_columns(caps={first_outcome + 2: 40, last_col: 40})


def _summary_highlights(sw: SheetWriter, agents: Sequence[AgentResult], total_col: int,
                        last_row: int, last_col: int) -> None:
    """Row colours by 结论 and a data bar on 总分.

    The row colour covers identity and outcome columns only: a conditional fill would
    hide the per-cell red (veto) and grey (missing) marks in the KPI block.
    """
    if not agents:
        return
    ranges = f"{xl_range(1, 0, last_row, 3)} {xl_range(1, total_col, last_row, last_col)}"
    conclusion = f"${xl_col_to_name(total_col + 1)}2"
    for verdict, fill in ((Conclusion.FAIL, ROW_FAIL), (Conclusion.MISSING, ROW_MISSING)):
        shown = translate(verdict.code, sw.lang)
        rule = {"type": "formula", "criteria": f'={conclusion}="{shown}"',
                "format": sw.styles.get(fill), "multi_range": ranges}
        sw.check(sw.ws.conditional_format(1, 0, last_row, 3, rule), "a row highlight")
    bar = {"type": "data_bar", "bar_color": "#63BE7B", "min_type": "num", "min_value": 0,
           "max_type": "num", "max_value": max(a.max_total for a in agents)}
    sw.check(sw.ws.conditional_format(1, total_col, last_row, total_col, bar), "the data bar")


def write_detail(sw: SheetWriter, agents: Sequence[AgentResult]) -> None:
    """Fill 计算明细: how each KPI's points were reached, and from which rows."""
    lang, en = sw.lang, sw.lang == "en"
    keys = ("agent_id", "name", "table", "kpi", "formula", "raw", "numerator", "denominator",
            "sample", "band", "points", "max_points", "veto", "missing_reason", "source")
    sw.header_row(0, [label(key, lang) for key in keys])
    row = 0
    for a in agents:
        for k in a.kpis:
            row += 1
            band = k.band
            if band and k.band_label:
                band = f"{band} ({k.band_label})" if en else f"{band}（{k.band_label}）"
            sw.text(row, 0, a.agent_id)
            sw.text(row, 1, a.name)
            sw.text(row, 2, a.table_name)
            sw.text(row, 3, k.name_en if en else k.name)
            sw.text(row, 4, k.formula)
            _raw_cell(sw, row, 5, k)
            sw.number(row, 6, k.numerator, None)
            sw.number(row, 7, k.denominator, None)
            sw.number(row, 8, k.sample_size, INTEGER_FORMAT)
            sw.text(row, 9, band)
            _points_cell(sw, row, 10, k)
            sw.number(row, 11, k.max_points, POINTS_FORMAT)
            sw.text(row, 12, k.veto.text(lang) if k.veto else None, VETO if k.veto else None)
            why = k.missing_reason.text(lang) if k.missing_reason else None
            policy = k.policy_note.text(lang) if k.policy_note else None
            if k.percentile is not None and k.mode == "rank":
                shown = f"{k.percentile:.0%}"
                policy = f"percentile in group {shown}" if en else f"组内百分位 {shown}"
            sw.text(row, 13, "；".join(x for x in (why, policy) if x) or None)
            sw.text(row, 14, "; ".join(s.ranges() for s in k.sources), WRAP)
    sw.ws.freeze_panes(1, 0)
    sw.check(sw.ws.autofilter(0, 0, row, len(keys) - 1), "the autofilter")
    sw.fit_columns(caps={4: 40, 14: 60})


def write_problems(sw: SheetWriter, problems: Sequence[Problem]) -> None:
    """Fill 数据问题: every finding with its exact location; errors red, warnings amber."""
    lang = sw.lang
    keys = ("severity", "file", "sheet", "row", "column", "header", "value", "note")
    sw.header_row(0, [label(key, lang) for key in keys])
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    problems = sorted(problems, key=lambda p: (order[p.severity], p.file, p.sheet, p.row or 0))
    for row, p in enumerate(problems, start=1):
        style = SEVERITY_STYLE.get(p.severity)
        sw.text(row, 0, translate(f"severity.{p.severity.value}", lang), style)
        for col, value in enumerate((p.file, p.sheet), start=1):
            sw.text(row, col, value, style)
        sw.number(row, 3, p.row, INTEGER_FORMAT, style)
        for col, value in enumerate((p.column, p.header, p.value), start=4):
            sw.text(row, col, value, style)
        sw.text(row, 7, p.message(lang), style, WRAP)
    if not problems:
        sw.text(1, 0, label("no_problems", lang))
    sw.ws.freeze_panes(1, 0)
    sw.check(sw.ws.autofilter(0, 0, max(len(problems), 1), len(keys) - 1), "the autofilter")
    sw.fit_columns(caps={6: 30, 7: 60})
