"""The result sheets: 汇总 (one row per agent), 计算明细 (per agent and KPI), 数据问题."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from xlsxwriter.utility import xl_col_to_name, xl_range

from csreport.messages import translate
from csreport.outputs.columns import Column, KpiColumns, summary_columns
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
        sw.text(row, col, label("workbook.missing", sw.lang), GREY)
    else:
        sw.number(row, col, k.raw, unit_format(k.unit, sw.lang))


def _points_cell(sw: SheetWriter, row: int, col: int, k: KpiResult) -> None:
    """The KPI's points; a vetoed KPI shows 0 on red."""
    if k.veto is not None:
        sw.number(row, col, k.points or 0.0, POINTS_FORMAT, VETO)
    else:
        sw.number(row, col, k.points, POINTS_FORMAT)


Cell = Callable[[SheetWriter, int, int, AgentResult], None]  # writes one agent's cell
_NUMBER_FORMATS = {
    "points": POINTS_FORMAT,
    "coefficient": COEFFICIENT_FORMAT,
    "money": MONEY_FORMAT,
    "integer": INTEGER_FORMAT,
}


@dataclass(frozen=True)
class _Placed:
    """A 汇总 column as laid out: its header, how its cells are written, the spec behind it."""

    header: str
    cell: Cell
    column: Column | None  # None for a KPI's raw or points column
    block: Literal["identity", "kpi", "outcome"]  # before, in or after the KPI block


def _spec_cell(column: Column) -> Cell:
    """Writes ``column``'s value for an agent, as text or as a number in its kind's format."""

    def cell(sw: SheetWriter, row: int, col: int, a: AgentResult) -> None:
        value = column.value(a, sw.lang)
        if column.kind in ("id", "text", "wrap"):
            text = None if value is None else str(value)
            sw.text(row, col, text, WRAP if column.kind == "wrap" else None)
        elif isinstance(value, str):
            raise TypeError(f"column {column.key!r} is numeric but gave text {value!r}")
        else:
            sw.number(row, col, value, _NUMBER_FORMATS[column.kind])

    return cell


def _kpi_cells(kpi_id: str) -> tuple[Cell, Cell]:
    """Writers of one KPI's raw value and points for an agent (blank when it has no such KPI)."""

    def raw(sw: SheetWriter, row: int, col: int, a: AgentResult) -> None:
        k = next((k for k in a.kpis if k.kpi_id == kpi_id), None)
        if k is not None:
            _raw_cell(sw, row, col, k)

    def points(sw: SheetWriter, row: int, col: int, a: AgentResult) -> None:
        k = next((k for k in a.kpis if k.kpi_id == kpi_id), None)
        if k is not None:
            _points_cell(sw, row, col, k)

    return raw, points


def _layout(agents: Sequence[AgentResult], lang: str) -> list[_Placed]:
    """The 汇总's columns in order: the spec's, with one raw/points pair per KPI in its place."""
    placed: list[_Placed] = []
    block: Literal["identity", "outcome"] = "identity"
    for column in summary_columns(agents):
        if isinstance(column, KpiColumns):
            for k in kpi_columns(agents):
                name = _column_name(k.kpi_id, agents, lang == "en")
                raw, points = _kpi_cells(k.kpi_id)
                points_header = label(column.points_label, lang, name=name)
                placed += [_Placed(name, raw, None, "kpi"), _Placed(points_header, points, None, "kpi")]
            block = "outcome"
        else:
            placed.append(_Placed(label(column.label, lang), _spec_cell(column), column, block))
    return placed


def write_summary(sw: SheetWriter, agents: Sequence[AgentResult]) -> None:
    """Fill 汇总 as ``outputs.columns.SUMMARY`` lays it out: identity, raw value and points
    per KPI, then the outcome columns."""
    placed = _layout(agents, sw.lang)
    sw.header_row(0, [p.header for p in placed])
    for row, a in enumerate(agents, start=1):
        for col, p in enumerate(placed):
            p.cell(sw, row, col, a)
    last_row, last_col = len(agents), len(placed) - 1
    _summary_highlights(sw, agents, placed, last_row)
    frozen = next((i for i, p in enumerate(placed) if not (p.column and p.column.frozen)), len(placed))
    sw.ws.freeze_panes(1, frozen)
    sw.check(sw.ws.autofilter(0, 0, last_row, last_col), "the autofilter")
    sw.fit_columns(caps={i: p.column.cap for i, p in enumerate(placed) if p.column and p.column.cap})


def _summary_highlights(
    sw: SheetWriter, agents: Sequence[AgentResult], placed: list[_Placed], last_row: int
) -> None:
    """Row colours by 结论 and a data bar on 总分.

    The row colour covers the columns before and after the KPI block only: a conditional
    fill would hide the per-cell red (veto) and grey (missing) marks in the KPI block.
    """
    if not agents:
        return
    blocks = []
    for side in ("identity", "outcome"):
        cols = [i for i, p in enumerate(placed) if p.block == side]
        if cols:
            blocks.append((cols[0], cols[-1]))
    ranges = " ".join(xl_range(1, lo, last_row, hi) for lo, hi in blocks)
    keys = [p.column.key if p.column else None for p in placed]
    conclusion = f"${xl_col_to_name(keys.index('conclusion'))}2"
    for verdict, fill in ((Conclusion.FAIL, ROW_FAIL), (Conclusion.MISSING, ROW_MISSING)):
        shown = translate(verdict.code, sw.lang)
        rule = {
            "type": "formula",
            "criteria": f'={conclusion}="{shown}"',
            "format": sw.styles.get(fill),
            "multi_range": ranges,
        }
        first, last = blocks[0]
        sw.check(sw.ws.conditional_format(1, first, last_row, last, rule), "a row highlight")
    total = keys.index("total")
    bar = {
        "type": "data_bar",
        "bar_color": "#63BE7B",
        "min_type": "num",
        "min_value": 0,
        "max_type": "num",
        "max_value": max(a.max_total for a in agents),
    }
    sw.check(sw.ws.conditional_format(1, total, last_row, total, bar), "the data bar")


@dataclass(frozen=True)
class _DetailColumn:
    """One column of 计算明细: its header's catalogue code, how its cell is written for one KPI
    of one agent, and the widest it grows (long text wraps instead)."""

    code: str
    write: Callable[[SheetWriter, int, int, AgentResult, KpiResult], None]
    cap: int | None = None


def _band_text(sw: SheetWriter, k: KpiResult) -> str | None:
    if k.band and k.band_label:
        return label("workbook.band_with_label", sw.lang, band=k.band, label=k.band_label)
    return k.band


def _why_text(sw: SheetWriter, k: KpiResult) -> str | None:
    """Why the value is missing, and how the rules treated that (or a rank KPI's percentile)."""
    why = k.missing_reason.text(sw.lang) if k.missing_reason else None
    policy = k.policy_note.text(sw.lang) if k.policy_note else None
    if k.percentile is not None and k.mode == "rank":
        policy = label("workbook.percentile", sw.lang, value=f"{k.percentile:.0%}")
    return label("list.clauses", sw.lang).join(x for x in (why, policy) if x) or None


def _veto_cell(sw: SheetWriter, row: int, col: int, k: KpiResult) -> None:
    sw.text(row, col, k.veto.text(sw.lang) if k.veto else None, VETO if k.veto else None)


DETAIL: tuple[_DetailColumn, ...] = (
    _DetailColumn("agent_id", lambda sw, r, c, a, k: sw.text(r, c, a.agent_id)),
    _DetailColumn("name", lambda sw, r, c, a, k: sw.text(r, c, a.name)),
    _DetailColumn("table", lambda sw, r, c, a, k: sw.text(r, c, a.table_name_in(sw.lang))),
    _DetailColumn("kpi", lambda sw, r, c, a, k: sw.text(r, c, k.name_en if sw.lang == "en" else k.name)),
    _DetailColumn("formula", lambda sw, r, c, a, k: sw.text(r, c, k.formula), cap=40),
    _DetailColumn("raw", lambda sw, r, c, a, k: _raw_cell(sw, r, c, k)),
    _DetailColumn("numerator", lambda sw, r, c, a, k: sw.number(r, c, k.numerator, None)),
    _DetailColumn("denominator", lambda sw, r, c, a, k: sw.number(r, c, k.denominator, None)),
    _DetailColumn("sample", lambda sw, r, c, a, k: sw.number(r, c, k.sample_size, INTEGER_FORMAT)),
    _DetailColumn("band", lambda sw, r, c, a, k: sw.text(r, c, _band_text(sw, k))),
    _DetailColumn("points", lambda sw, r, c, a, k: _points_cell(sw, r, c, k)),
    _DetailColumn("max_points", lambda sw, r, c, a, k: sw.number(r, c, k.max_points, POINTS_FORMAT)),
    _DetailColumn("veto", lambda sw, r, c, a, k: _veto_cell(sw, r, c, k)),
    _DetailColumn("missing_reason", lambda sw, r, c, a, k: sw.text(r, c, _why_text(sw, k))),
    _DetailColumn(
        "source", lambda sw, r, c, a, k: sw.text(r, c, "; ".join(s.ranges() for s in k.sources), WRAP), cap=60
    ),
)


def write_detail(sw: SheetWriter, agents: Sequence[AgentResult]) -> None:
    """Fill 计算明细: how each KPI's points were reached, and from which rows (``DETAIL``)."""
    sw.header_row(0, [label(f"workbook.{column.code}", sw.lang) for column in DETAIL])
    row = 0
    for a in agents:
        for k in a.kpis:
            row += 1
            for col, column in enumerate(DETAIL):
                column.write(sw, row, col, a, k)
    sw.ws.freeze_panes(1, 0)
    sw.check(sw.ws.autofilter(0, 0, row, len(DETAIL) - 1), "the autofilter")
    sw.fit_columns(caps={col: c.cap for col, c in enumerate(DETAIL) if c.cap is not None})


def write_problems(sw: SheetWriter, problems: Sequence[Problem]) -> None:
    """Fill 数据问题: every finding with its exact location; errors red, warnings amber."""
    lang = sw.lang
    keys = ("severity", "file", "sheet", "row", "column", "header", "value", "note")
    sw.header_row(0, [label(f"workbook.{key}", lang) for key in keys])
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
        sw.text(1, 0, label("workbook.no_problems", lang))
    sw.ws.freeze_panes(1, 0)
    sw.check(sw.ws.autofilter(0, 0, max(len(problems), 1), len(keys) - 1), "the autofilter")
    sw.fit_columns(caps={6: 30, 7: 60})
