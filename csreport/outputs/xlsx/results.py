"""The result sheets: 汇总 (one table per 考核表), 计算明细 (per agent and KPI), 数据问题."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from xlsxwriter.workbook import Workbook

from csreport.messages import Note, joined, translate
from csreport.outputs.columns import Column, KpiColumns, summary_columns
from csreport.outputs.xlsx.base import (
    COEFFICIENT_FORMAT,
    COLUMN_PADDING,
    DEFAULT_COL_WIDTH,
    ERROR_ROW,
    GREY,
    INTEGER_FORMAT,
    LINE_HEIGHT,
    POINTS_FORMAT,
    TITLE,
    VETO,
    WARNING_ROW,
    WRAP,
    PrintSetup,
    SheetWriter,
    Styles,
    label,
    printable_height,
    printable_width,
    unit_format,
)
from csreport.problems import Problem, Severity
from csreport.results import AgentResult, Conclusion, KpiResult, MonthResult, Trends
from csreport.rules.wording import number
from csreport.util.agent_ids import numbers_first

Style = dict[str, Any] | None
ROW_FAIL = {"bg_color": "#FCE4E4"}
ROW_MISSING = {"bg_color": "#EDEDED"}
TO_CHECK = {"bg_color": "#FFEB9C"}
SEVERITY_STYLE = {Severity.ERROR: ERROR_ROW, Severity.WARNING: WARNING_ROW}
# The share of a page's height the 汇总 plans to fill: LibreOffice and Excel may draw a row a
# little taller than its set height, and a row pushed to the next page would lose its header.
PAGE_FILL = 0.95
# The share of a page's width the 汇总 plans to fill (``printable_width`` is already the widest
# a column prints).
WIDTH_FILL = 0.98
# The 汇总's headers wrap sooner than other sheets': its many narrow number columns then print
# on fewer pages.
SUMMARY_HEADER_WRAP_AT = 8
# Text kept clear of a right-aligned number in the column before it.
INDENT = {"align": "left", "indent": 1}
INDENTED = {**WRAP, **INDENT}


def ordered_agents(month: MonthResult) -> list[AgentResult]:
    """Agents grouped by table in the run's table order, then by 排名, unranked last."""
    order = {table_id: i for i, (table_id, _) in enumerate(month.meta.tables)}
    for a in month.agents:
        order.setdefault(a.table_id, len(order))
    return sorted(
        month.agents,
        key=lambda a: (order[a.table_id], a.rank is None, a.rank or 0, numbers_first(a.agent_id)),
    )


def kpi_columns(agents: Sequence[AgentResult]) -> list[KpiResult]:
    """One KPI per distinct kpi_id across ``agents``, in first-seen order."""
    seen: dict[str, KpiResult] = {}
    for a in agents:
        for k in a.kpis:
            seen.setdefault(k.kpi_id, k)
    return list(seen.values())


def _raw_cell(sw: SheetWriter, row: int, col: int, k: KpiResult) -> None:
    """The KPI's raw value in its unit's format, or a grey 缺数据."""
    if k.is_missing:
        sw.text(row, col, label("workbook.missing", sw.lang), GREY, INDENT)
    else:
        sw.number(row, col, k.raw, unit_format(k.unit, sw.lang, k.decimals))


def extra_item(kpis: Sequence[KpiResult]) -> Literal["deduction", "bonus"] | None:
    """Whether these results of one KPI are of a deduction or a bonus on top of the total (a
    maximum of 0 or less), so that no "满分 0" is shown for it; None for a KPI out of a maximum.

    The rule in words tells ("每 1 次扣 1 分"); else the points' sign; else a deduction, the
    usual item without a maximum (a 扣分项)."""
    if not kpis or any(k.max_points > 0 for k in kpis):
        return None
    codes = {k.band_words.code for k in kpis if k.band_words is not None}
    if codes & {"rule.per_unit_minus", "rule.floor"}:
        return "deduction"
    if codes & {"rule.per_unit_plus", "rule.cap"}:
        return "bonus"
    if any((k.points or 0) < 0 for k in kpis):
        return "deduction"
    return "bonus" if any((k.points or 0) > 0 for k in kpis) else "deduction"


def _max_cell(sw: SheetWriter, row: int, col: int, k: KpiResult) -> None:
    """The KPI's maximum; for a deduction or bonus on top of the total, which has none, words
    saying so ("无（扣分项）")."""
    extra = extra_item([k])
    if extra is None:
        sw.number(row, col, k.max_points, POINTS_FORMAT)
    else:
        sw.text(row, col, label(f"workbook.max_{extra}", sw.lang), INDENT)


def _points_cell(sw: SheetWriter, row: int, col: int, k: KpiResult) -> None:
    """The KPI's points; a vetoed KPI shows 0 on red."""
    if k.veto is not None:
        sw.number(row, col, k.points or 0.0, POINTS_FORMAT, VETO)
    else:
        sw.number(row, col, k.points, POINTS_FORMAT)


# Writes one agent's cell; the last argument is the row's fill by 结论 (None: no fill).
Cell = Callable[[SheetWriter, int, int, AgentResult, Style], None]
_NUMBER_FORMATS = {
    "points": POINTS_FORMAT,
    "coefficient": COEFFICIENT_FORMAT,
    "integer": INTEGER_FORMAT,
}
# A row's fill by 结论; the KPI cells keep their own marks (red veto, grey 缺数据) instead.
_ROW_FILL = {Conclusion.FAIL: ROW_FAIL, Conclusion.MISSING: ROW_MISSING}


@dataclass(frozen=True)
class _Placed:
    """A 汇总 column as laid out: its header, how its cells are written, the spec behind it."""

    header: str
    cell: Cell
    column: Column | None  # None for a KPI's raw or points column
    with_previous: bool = False  # printed on the page of the column before it (a KPI's points)


_TEXT_KINDS = ("id", "text", "wrap")


def _spec_cell(column: Column, indent: bool) -> Cell:
    """Writes ``column``'s value for an agent, as text (``indent``: clear of a number before it)
    or as a number in its kind's format."""

    def cell(sw: SheetWriter, row: int, col: int, a: AgentResult, fill: Style) -> None:
        value = column.value(a, sw.lang)
        if column.kind in _TEXT_KINDS:
            text = None if value is None else str(value)
            sw.text(row, col, text, fill, WRAP if column.kind == "wrap" else None, INDENT if indent else None)
        elif isinstance(value, str):
            raise TypeError(f"column {column.key!r} is numeric but gave text {value!r}")
        else:
            # Money in yuan: "1,200.00 元"; the other kinds' numbers need no unit.
            fmt = unit_format("yuan", sw.lang) if column.kind == "money" else _NUMBER_FORMATS[column.kind]
            sw.number(row, col, value, fmt, fill)

    return cell


def _kpi_cells(kpi_id: str) -> tuple[Cell, Cell]:
    """Writers of one KPI's raw value and points for an agent (blank when it has no such KPI)."""

    def raw(sw: SheetWriter, row: int, col: int, a: AgentResult, _fill: Style) -> None:
        k = next((k for k in a.kpis if k.kpi_id == kpi_id), None)
        if k is not None:
            _raw_cell(sw, row, col, k)

    def points(sw: SheetWriter, row: int, col: int, a: AgentResult, _fill: Style) -> None:
        k = next((k for k in a.kpis if k.kpi_id == kpi_id), None)
        if k is not None:
            _points_cell(sw, row, col, k)

    return raw, points


def _layout(
    columns: Sequence[Column | KpiColumns], agents: Sequence[AgentResult], lang: str
) -> list[_Placed]:
    """One table's columns in order: the spec's, with a raw/points pair for each KPI of these
    agents (one table's), named as the table names them."""
    placed: list[_Placed] = []
    for column in columns:
        if isinstance(column, KpiColumns):
            for k in kpi_columns(agents):
                name = k.name_en if lang == "en" else k.name
                raw, points = _kpi_cells(k.kpi_id)
                extra = extra_item([x for a in agents for x in a.kpis if x.kpi_id == k.kpi_id])
                if extra is None:
                    points_header = label(column.points_label, lang, name=name, max=number(k.max_points))
                else:
                    points_header = label(f"workbook.points_{extra}", lang, name=name)
                placed += [_Placed(name, raw, None), _Placed(points_header, points, None, True)]
        else:
            after_number = bool(placed) and not (placed[-1].column and placed[-1].column.kind in _TEXT_KINDS)
            placed.append(_Placed(label(column.label, lang), _spec_cell(column, after_number), column))
    return placed


@dataclass(frozen=True)
class _Block:
    """One table of the 汇总: a 考核表's agents (in the last section, those not in the roster)."""

    title: str
    continued: str  # the title again on a page the table runs on to
    agents: tuple[AgentResult, ...]
    placed: tuple[_Placed, ...]


LineKind = Literal["section", "title", "continued", "header", "agent", "blank"]


@dataclass(frozen=True)
class _Line:
    """One row of the 汇总: what it holds, the table it belongs to, whether a page starts there."""

    kind: LineKind
    block: _Block | None = None
    agent: AgentResult | None = None
    new_page: bool = False
    text: str = ""


def _blocks(
    agents: Sequence[AgentResult], lang: str, trends: Trends | None = None
) -> tuple[list[_Block], list[_Block]]:
    """The tables of the roster's agents, one per 考核表 in the order given, and those of the
    agents not in the roster."""
    columns = summary_columns(agents, trends)
    tables: dict[str, list[AgentResult]] = {}
    outsiders: dict[str, list[AgentResult]] = {}
    for a in agents:
        (tables if a.in_roster else outsiders).setdefault(a.table_id, []).append(a)

    def block(members: list[AgentResult], checked: bool) -> _Block:
        name = members[0].table_name_in(lang)
        code = "workbook.summary.to_check_continued" if checked else "workbook.summary.continued"
        continued = label(code, lang, name=name)
        return _Block(
            label(
                "workbook.summary.table" if len(members) > 1 else "workbook.summary.table_one",
                lang,
                name=name,
                n=len(members),
            ),
            continued,
            tuple(members),
            tuple(_layout(columns, members, lang)),
        )

    return [block(m, False) for m in tables.values()], [block(m, True) for m in outsiders.values()]


def _block_lines(block: _Block, new_page: bool) -> list[_Line]:
    return [
        _Line("title", block, new_page=new_page, text=block.title),
        _Line("header", block),
        *(_Line("agent", block, a) for a in block.agents),
    ]


def _lines(tables: list[_Block], to_check: list[_Block], lang: str) -> list[_Line]:
    """The 汇总's rows: each table on a page of its own after a blank row, then the section of
    agents to check, their tables one below the other."""
    lines: list[_Line] = []
    for i, block in enumerate(tables):
        lines += [_Line("blank")] if i else []
        lines += _block_lines(block, new_page=bool(i))
    if to_check:
        section = label("workbook.summary.to_check", lang)
        lines += [_Line("blank")] if lines else []
        lines.append(_Line("section", new_page=bool(lines), text=section))
        for i, block in enumerate(to_check):
            lines += [_Line("blank")] if i else []
            lines += _block_lines(block, new_page=False)
    return lines


def _write_line(sw: SheetWriter, row: int, line: _Line, span: int, *, measuring: bool = False) -> None:
    """Write one row of the 汇总; titles span the ``span`` leading columns, printed on every page.

    ``measuring`` writes only the cells a row's height depends on: wrapped text, and the
    leading columns whose widths the titles wrap in."""
    if line.kind in ("title", "continued"):
        sw.merged_text(row, 0, span - 1, line.text, TITLE)
    elif line.kind == "section":
        sw.merged_text(row, 0, span - 1, line.text, TITLE, TO_CHECK)
    elif line.kind == "header" and line.block is not None:
        sw.header_row(row, [p.header for p in line.block.placed], wrap_at=SUMMARY_HEADER_WRAP_AT)
    elif line.kind == "agent" and line.block is not None and line.agent is not None:
        fill = _ROW_FILL.get(line.agent.conclusion)
        for col, p in enumerate(line.block.placed):
            if measuring and col >= span and (p.column is None or p.column.kind != "wrap"):
                continue
            p.cell(sw, row, col, line.agent, fill)


def _caps(blocks: Sequence[_Block]) -> dict[int, int]:
    """The widest each column grows: the cap of a long-text column of any table placed there."""
    caps: dict[int, int] = {}
    for block in blocks:
        for col, p in enumerate(block.placed):
            if p.column is not None and p.column.cap is not None:
                caps[col] = max(caps.get(col, 0), p.column.cap)
    return caps


def _measured(lines: list[_Line], blocks: Sequence[_Block], span: int, lang: str) -> dict[int, float]:
    """Each line's printed height (by index in ``lines``), and each table's continued title's
    (at ``len(lines) + i`` for block ``i``), found by writing them to a scratch sheet."""
    scratch = Workbook(io.BytesIO())
    sw = SheetWriter(scratch.add_worksheet(), Styles(scratch), lang)
    for row, line in enumerate(lines):
        _write_line(sw, row, line, span, measuring=True)
    for i, block in enumerate(blocks):
        _write_line(sw, len(lines) + i, _Line("continued", block, text=block.continued), span, measuring=True)
    heights = sw.row_heights(sw.column_widths(caps=_caps(blocks)))
    return {row: heights.get(row, LINE_HEIGHT) for row in range(len(lines) + len(blocks))}


def _paginate(
    lines: list[_Line], blocks: Sequence[_Block], span: int, lang: str
) -> tuple[list[_Line], list[int]]:
    """The lines with a table's title and header repeated on each page it runs on to, and the
    rows where pages start: each table on a new page, a title never alone at a page's foot."""
    height = _measured(lines, blocks, span, lang)
    index = {id(block): i for i, block in enumerate(blocks)}
    capacity = printable_height() * PAGE_FILL
    out: list[_Line] = []
    breaks: list[int] = []
    used = 0.0

    def new_page() -> None:
        nonlocal used
        if out:
            breaks.append(len(out))
        used = 0.0

    for i, line in enumerate(lines):
        h = height[i]
        if line.new_page:
            new_page()
        elif line.kind in ("title", "section"):
            # A title keeps its header and first agent (or the section its first title) with it.
            following = sum(height[j] for j in range(i + 1, min(i + 4, len(lines))))
            if used + h + following > capacity:
                new_page()
        elif line.kind == "blank" and used + h > capacity:
            new_page()
            continue
        elif line.kind == "agent" and used + h > capacity and line.block is not None:
            new_page()
            header = next(j for j, x in enumerate(lines) if x.kind == "header" and x.block is line.block)
            again = _Line("continued", line.block, text=line.block.continued)
            out += [again, lines[header]]
            used += height[len(lines) + index[id(line.block)]] + height[header]
        out.append(line)
        used += h
    return out, breaks


def write_summary(sw: SheetWriter, agents: Sequence[AgentResult], trends: Trends | None = None) -> PrintSetup:
    """Fill 汇总 with one table per 考核表, as ``outputs.columns.SUMMARY`` lays them out, then the
    agents not in the roster; returns how the sheet prints.

    Each table has a title row ("考核表：试用期（3 人）") and its own header with only its KPIs,
    named as it names them. Printed, a table starts a new page and, when it runs on to more,
    repeats its title and header there; 工号 and 姓名 are repeated on the pages to the right.
    """
    tables, to_check = _blocks(agents, sw.lang, trends)
    blocks = [*tables, *to_check]
    if not blocks:
        sw.text(0, 0, label("workbook.summary.none", sw.lang))
        return PrintSetup(rows=None)
    placed = blocks[0].placed
    span = next((i for i, p in enumerate(placed) if not (p.column and p.column.frozen)), len(placed))
    span = max(span, 1)
    lines = _lines(tables, to_check, sw.lang)
    single = len(tables) == 1 and not to_check
    breaks: list[int] = []
    if not single:
        lines, breaks = _paginate(lines, blocks, span, sw.lang)
    for row, line in enumerate(lines):
        _write_line(sw, row, line, span)
    for block in blocks:
        _total_bar(sw, lines, block)
    if single:
        # One table: its title and header stay in view and print on every page, and it filters.
        sw.ws.freeze_panes(2, span)
        sw.check(sw.ws.autofilter(1, 0, len(lines) - 1, len(placed) - 1), "the autofilter")
    else:
        sw.ws.freeze_panes(0, span)
        sw.ws.set_h_pagebreaks(breaks)
    caps = _caps(blocks)
    sw.ws.set_v_pagebreaks(_column_breaks(sw.column_widths(caps=caps), blocks, span))
    sw.fit_columns(caps=caps)
    return PrintSetup(rows=(0, 1) if single else None, cols=(0, span - 1), one_page_wide=False)


def _column_breaks(widths: dict[int, float], blocks: Sequence[_Block], span: int) -> list[int]:
    """The columns where printed pages start across, a KPI's value and points kept on one page.

    Each page also prints the ``span`` leading columns again, so they count on every page.
    """
    last = max(len(b.placed) for b in blocks)
    kept = {col for b in blocks for col, p in enumerate(b.placed) if p.with_previous}
    page = printable_width() * WIDTH_FILL

    def printed(col: int) -> float:
        return widths.get(col, DEFAULT_COL_WIDTH) + COLUMN_PADDING

    repeated = sum(printed(c) for c in range(span))
    breaks: list[int] = []
    used = repeated
    for col in range(span, last):
        width = printed(col)
        if col not in kept:
            group = width + (printed(col + 1) if col + 1 in kept else 0)
            if used > repeated and used + group > page:
                breaks.append(col)
                used = repeated
        used += width
    return breaks


def _total_bar(sw: SheetWriter, lines: list[_Line], block: _Block) -> None:
    """A data bar on the table's 总分 cells, on the scale of its maximum."""
    rows = [r for r, line in enumerate(lines) if line.kind == "agent" and line.block is block]
    keys = [p.column.key if p.column else None for p in block.placed]
    if not rows or "total" not in keys:
        return
    total = keys.index("total")
    bar = {
        "type": "data_bar",
        "bar_color": "#63BE7B",
        "min_type": "num",
        "min_value": 0,
        "max_type": "num",
        "max_value": max(a.max_total for a in block.agents),
    }
    sw.check(sw.ws.conditional_format(rows[0], total, rows[-1], total, bar), "the data bar")


@dataclass(frozen=True)
class _DetailColumn:
    """One column of 计算明细: its header's catalogue code, how its cell is written for one KPI
    of one agent, and the widest it grows (long text wraps instead)."""

    code: str
    write: Callable[[SheetWriter, int, int, AgentResult, KpiResult], None]
    cap: int | None = None


def _band_words(sw: SheetWriter, k: KpiResult) -> str | None:
    """The band in words, and the note when the value is exactly a bound it includes."""
    parts = [n.text(sw.lang) for n in (k.band_words, k.at_bound) if n is not None]
    return joined(parts, sw.lang, "list.clauses") or None


def _note(n: Note | None, lang: str) -> str | None:
    return n.text(lang) if n is not None else None


def _why_text(sw: SheetWriter, k: KpiResult) -> str | None:
    """Why the value is missing, and how the rules treated that (or a rank KPI's percentile)."""
    why = k.missing_reason.text(sw.lang) if k.missing_reason else None
    policy = k.policy_note.text(sw.lang) if k.policy_note else None
    if k.percentile is not None and k.mode == "rank":
        policy = label("workbook.percentile", sw.lang, value=f"{k.percentile:.0%}")
    return label("list.clauses", sw.lang).join(x for x in (why, policy) if x) or None


def _sample_text(sw: SheetWriter, a: AgentResult, k: KpiResult) -> str | None:
    """The agent's sampled chats in words (how many, their satisfaction, the mean scored and the
    mix-weighted one) on the rows of the KPIs whose value is that mean; blank elsewhere."""
    sample = a.qa_sample
    if sample is None or k.kpi_id not in sample.kpi_ids:
        return None
    return _note(sample.words, sw.lang)


def _veto_cell(sw: SheetWriter, row: int, col: int, k: KpiResult) -> None:
    sw.text(row, col, k.veto.text(sw.lang) if k.veto else None, VETO if k.veto else None, INDENTED)


# The value, its band and its points first (the first printed page), then how the value was
# reached in words, then the rows it came from. The band in interval notation, for checking by
# hand, is the 规则 sheet's (one row per band), not repeated here.
DETAIL: tuple[_DetailColumn, ...] = (
    _DetailColumn("agent_id", lambda sw, r, c, a, k: sw.text(r, c, a.agent_id)),
    _DetailColumn("name", lambda sw, r, c, a, k: sw.text(r, c, a.name)),
    _DetailColumn("table", lambda sw, r, c, a, k: sw.text(r, c, a.table_name_in(sw.lang))),
    _DetailColumn("kpi", lambda sw, r, c, a, k: sw.text(r, c, k.name_en if sw.lang == "en" else k.name)),
    _DetailColumn("raw", lambda sw, r, c, a, k: _raw_cell(sw, r, c, k)),
    _DetailColumn("band", lambda sw, r, c, a, k: sw.text(r, c, _band_words(sw, k), INDENTED), cap=32),
    _DetailColumn("points", lambda sw, r, c, a, k: _points_cell(sw, r, c, k)),
    _DetailColumn("max_points", lambda sw, r, c, a, k: _max_cell(sw, r, c, k)),
    _DetailColumn(
        "formula", lambda sw, r, c, a, k: sw.text(r, c, _note(k.formula_words, sw.lang), INDENTED), cap=28
    ),
    _DetailColumn("basis", lambda sw, r, c, a, k: sw.text(r, c, _note(k.basis, sw.lang), WRAP), cap=44),
    _DetailColumn("sample", lambda sw, r, c, a, k: sw.number(r, c, k.sample_size, INTEGER_FORMAT)),
    _DetailColumn(
        "qa_sample", lambda sw, r, c, a, k: sw.text(r, c, _sample_text(sw, a, k), INDENTED), cap=40
    ),
    _DetailColumn("veto", lambda sw, r, c, a, k: _veto_cell(sw, r, c, k), cap=22),
    _DetailColumn("missing_reason", lambda sw, r, c, a, k: sw.text(r, c, _why_text(sw, k), WRAP), cap=26),
    _DetailColumn(
        "source", lambda sw, r, c, a, k: sw.text(r, c, "; ".join(s.ranges() for s in k.sources), WRAP), cap=32
    ),
)


def write_detail(sw: SheetWriter, agents: Sequence[AgentResult]) -> PrintSetup:
    """Fill 计算明细: how each KPI's points were reached, in words (the formula with field names,
    the basis of the value, the band) and the rows it came from (``DETAIL``); returns how the
    sheet prints."""
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
    return PrintSetup(rows=(0, 0), cols=(0, 1), one_page_wide=False)


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
