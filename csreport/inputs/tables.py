"""Turn one recognised sheet into a tidy column table, reporting every bad cell."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from csreport.domain import SUMMARY_MARKERS
from csreport.inputs import values as v
from csreport.inputs.cells import (
    BOUNDED,
    LARGEST,
    NUMERIC,
    RATE_FIELDS,
    Bad,
    Context,
    parse_rates,
    parser_for,
)
from csreport.inputs.headers import IGNORE, ROLE_FIELDS, HeaderMatch
from csreport.inputs.xlsx_scan import CellFlag, column_letter
from csreport.messages import both, listed
from csreport.problems import CsreportError, Problem, Severity

__all__ = ["SheetSource", "SheetTable", "blank_key", "build_table", "column_letter"]
_FLAG_CODES = {"no_cache": "cell.formula_no_cache", "error": "cell.error_value"}


@dataclass
class SheetTable:
    """A sheet's data as columns of clean values, plus where each row came from."""

    role: str
    file: str
    sheet: str
    header_row: int  # Excel row number of the (last) header row
    columns: dict[str, list[Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # field → column letter
    headers: dict[str, str] = field(default_factory=dict)  # field → header text

    def __len__(self) -> int:
        return len(self.columns.get("_row", []))


@dataclass(frozen=True)
class SheetSource:
    """Where the rows come from and what is known about their cells."""

    file: str
    sheet: str
    first_col: int = 0
    flags: dict[tuple[int, int], CellFlag] = field(default_factory=dict)  # (row, col) → flag


def build_table(
    rows: list[list[Any]], match: HeaderMatch, src: SheetSource, ctx: Context, max_rows: int | None = None
) -> SheetTable:
    """Normalise the data rows under ``match``'s header into a ``SheetTable``.

    Work is column-wise with a cache per column: ids, dates and statuses repeat on every
    row of a month, so each distinct cell text is parsed once. More than ``max_rows``
    data rows (rows holding a value after the header) raise ``sheet.too_many_rows``.
    """
    pos_of = {f: p for p, f in match.columns.items() if f != IGNORE}
    fields = [f for f in ROLE_FIELDS[match.role] if f in pos_of]
    table = SheetTable(match.role, src.file, src.sheet, match.data_start)
    table.letters = {f: column_letter(src.first_col + pos_of[f]) for f in fields}
    table.headers = {f: match.headers.get(pos_of[f], f) for f in fields}
    data = [(i + 1, r) for i, r in enumerate(rows) if i >= match.data_start and _has_content(r)]
    if max_rows is not None and len(data) > max_rows:
        raise CsreportError("sheet.too_many_rows", limit=max_rows, sheet=src.sheet)
    excel_rows = [n for n, _ in data]
    raw = {f: [r[pos_of[f]] if pos_of[f] < len(r) else None for _, r in data] for f in fields}
    keep = [True] * len(data)

    def report(i: int, code: str, f: str, value: Any, sev: Severity = Severity.ERROR, **params: Any) -> None:
        table.problems.append(
            Problem(
                code,
                sev,
                src.file,
                src.sheet,
                excel_rows[i],
                table.letters.get(f, ""),
                table.headers.get(f, ""),
                v.display(value),
                params,
            )
        )

    _drop_summaries(data, raw, keep, report)
    identity: list[str] = [f for f in ("agent_id", "subaccount") if f in raw]
    clean: dict[str, list[Any]] = {}
    for f in identity:
        clean[f] = [_parse_id_cached(c) or None for c in raw[f]]
    for i, ok in enumerate(keep):
        if ok and not any(clean[f][i] for f in identity):
            report(i, "row.missing_id", identity[0], raw[identity[0]][i])
            keep[i] = False
    flags_of = {f: _flags_for(src, src.first_col + pos_of[f], excel_rows) for f in fields}
    needed = _row_needs(match.role, raw, keep)
    _drop_blank_keys(needed, raw, keep, flags_of, report)
    for f in fields:
        if f in identity:
            continue
        flags = flags_of[f]
        if f in RATE_FIELDS:
            clean[f] = _rates(f, raw[f], keep, report, table)
        else:
            clean[f] = _column(f, raw[f], keep, report, ctx, quiet=f in needed)
        _report_flags(f, flags, clean[f], keep, report)
        if f in needed:
            _drop_unusable(f, needed[f], flags, keep, report)
        if f in NUMERIC or f in RATE_FIELDS:
            _report_blanks(f, raw[f], keep, excel_rows, flags, table)
    _check_rows(clean, keep, report)
    for f in fields:
        table.columns[f] = [x for x, k in zip(clean[f], keep, strict=True) if k]
    table.columns["_row"] = [n for n, k in zip(excel_rows, keep, strict=True) if k]
    return table


def _flags_for(src: SheetSource, col: int, excel_rows: list[int]) -> dict[int, CellFlag]:
    if not src.flags:
        return {}
    found = {i: src.flags.get((n, col)) for i, n in enumerate(excel_rows)}
    return {i: flag for i, flag in found.items() if flag is not None}


def _has_content(row: list[Any]) -> bool:
    for c in row:
        if c is not None and c != "" and not (c.__class__ is str and not c.strip()):
            return True
    return False


Report = Callable[..., None]


def _drop_summaries(
    data: list[tuple[int, list[Any]]], raw: dict[str, list[Any]], keep: list[bool], report: Report
) -> None:
    """Leave out 合计/汇总/平均值 rows, wherever the marker sits in the row's first cells."""
    markers = frozenset(SUMMARY_MARKERS)
    named = [raw[f] for f in ("agent_id", "subaccount", "name") if f in raw]
    for i, (_n, row) in enumerate(data):
        # Markers are plain CJK text, so strip() suffices; NFKC on every row is costly.
        cells = [*row[:3], *(col[i] for col in named)]
        marker = next((c.strip() for c in cells if isinstance(c, str) and c.strip() in markers), None)
        if marker:
            report(i, "row.summary", "agent_id", marker, Severity.INFO)
            keep[i] = False


@functools.lru_cache(maxsize=65536)
def _parse_id_cached(cell: Any) -> str:
    return "" if v.is_placeholder(cell) else v.parse_id(cell)


_MISS = object()
# Cells every row of a dated sheet needs: without them the row says nothing.
_BLANK_CODES = {"date": "row.blank_date", "att_status": "row.blank_status"}


def blank_key(value: Any) -> bool:
    """A key cell that identifies nothing: missing (None, NaN, NA, NaT), empty or whitespace.

    Shared with the duplicate check (``checks``), which sees the same cells in frames.
    """
    kind = value.__class__
    if kind is str:
        return not value.strip()
    if value is None:
        return True
    if kind is float:
        return value != value  # NaN
    if kind in _NEVER_BLANK:  # most key cells are dates: skip is_missing's type-name test
        return False
    return v.is_missing(value)


_NEVER_BLANK = frozenset((int, dt.date, dt.datetime))


def _blank_cell(cell: Any) -> bool:
    """Blank for a row-key cell: ``blank_key``, or a placeholder such as ``-``."""
    return blank_key(cell) or v.is_placeholder(cell)


def _row_needs(role: str, raw: dict[str, list[Any]], keep: list[bool]) -> dict[str, list[bool]]:
    """For 日期 and 考勤状态: which rows cannot be used without that cell.

    An attendance row needs both unless it carries 出勤天数 (a monthly summary row). A
    reception or QA row needs its 日期 once the column holds any date: a column left
    entirely blank is simply not provided, and the rows count for the month chosen.
    """
    needed: dict[str, list[bool]] = {}
    if role not in ("attendance", "reception", "qa"):
        return needed
    n = len(keep)
    if role == "attendance":
        days = raw.get("work_days")
        summary = [days is not None and not _blank_cell(days[i]) for i in range(n)]
        for f in ("date", "att_status"):
            if f in raw:
                needed[f] = [not s for s in summary]
    elif "date" in raw and any(k and not _blank_cell(c) for k, c in zip(keep, raw["date"], strict=True)):
        needed["date"] = [True] * n
    return needed


def _drop_blank_keys(
    needed: dict[str, list[bool]],
    raw: dict[str, list[Any]],
    keep: list[bool],
    flags_of: dict[str, dict[int, CellFlag]],
    report: Report,
) -> None:
    """Leave out, with a located ERROR each, rows whose needed 日期/考勤状态 is blank.

    Done before the other cells are parsed, so a row left out gets this one line, not a
    line per cell. A cell with a formula or error flag is left to ``_drop_unusable``.
    """
    for f, rows in needed.items():
        flags = flags_of.get(f, {})
        for i, cell in enumerate(raw[f]):
            if keep[i] and rows[i] and i not in flags and _blank_cell(cell):
                report(i, _BLANK_CODES[f], f, cell)
                keep[i] = False


def _drop_unusable(
    f: str, rows: list[bool], flags: dict[int, CellFlag], keep: list[bool], report: Report
) -> None:
    """A needed cell whose formula has no value (reported just before) leaves its row out."""
    what = both(f"row.key.{f}")
    for i in flags:
        if keep[i] and rows[i]:
            report(i, "row.unusable_cell", f, None, what=what)
            keep[i] = False


def _column(
    f: str, raw: list[Any], keep: list[bool], report: Report, ctx: Context, quiet: bool = False
) -> list[Any]:
    """Parse one column, a cache per distinct cell; ``quiet`` takes placeholders as blank
    without a warning (for 日期/考勤状态, whose blanks ``_drop_blank_keys`` reports)."""
    parser = parser_for(f)
    numeric = f in NUMERIC
    # The fast path takes plausible finite numbers only: with an upper bound of inf,
    # ``0 <= inf <= high`` let infinity through (NaN fails every comparison anyway).
    high = BOUNDED.get(f, LARGEST)
    cache: dict[Any, Any] = {}
    out: list[Any] = []
    for i, cell in enumerate(raw):
        if cell is None or cell == "":
            out.append(None)
            continue
        kind = type(cell)
        if numeric and (kind is float or kind is int) and 0 <= cell <= high:
            out.append(float(cell))
            continue
        key = (kind, cell)
        parsed = cache.get(key, _MISS)
        if parsed is _MISS:
            if isinstance(cell, str) and not cell.strip():
                parsed = None
            elif v.is_placeholder(cell) and quiet:
                parsed = None
            elif v.is_placeholder(cell):
                parsed = Bad("cell.placeholder", Severity.WARNING)
            else:
                parsed = parser(cell, ctx)
            cache[key] = parsed
        out.append(_settle(i, f, cell, parsed, keep, report))
    return out


def _settle(i: int, f: str, cell: Any, parsed: Any, keep: list[bool], report: Report) -> Any:
    if not isinstance(parsed, Bad):
        return parsed
    if keep[i]:
        report(i, parsed.code, f, cell if parsed.show_value else None, parsed.severity, **parsed.params)
    if parsed.drop_row:
        keep[i] = False
    return parsed.fallback


def _rates(f: str, raw: list[Any], keep: list[bool], report: Report, table: SheetTable) -> list[Any]:
    parsed, points, mixed = parse_rates(raw)
    if points:
        table.problems.append(
            Problem(
                "rate.points",
                Severity.INFO,
                table.file,
                table.sheet,
                table.header_row,
                table.letters.get(f, ""),
                table.headers.get(f, ""),
                params={},
            )
        )
    if mixed:
        table.problems.append(
            Problem(
                "rate.mixed",
                Severity.WARNING,
                table.file,
                table.sheet,
                table.header_row,
                table.letters.get(f, ""),
                table.headers.get(f, ""),
                params={},
            )
        )
    return [_settle(i, f, cell, p, keep, report) for i, (cell, p) in enumerate(zip(raw, parsed, strict=True))]


def _report_flags(
    f: str, flags: dict[int, CellFlag], clean: list[Any], keep: list[bool], report: Report
) -> None:
    """A formula without a cached value or a cached error is missing, never 0 or blank."""
    for i, flag in flags.items():
        if keep[i]:
            shown = flag.text if flag.kind == "error" else f"={flag.text}" if flag.text else "="
            report(i, _FLAG_CODES[flag.kind], f, shown)
        clean[i] = None


def _report_blanks(
    f: str,
    raw: list[Any],
    keep: list[bool],
    excel_rows: list[int],
    flags: dict[int, CellFlag],
    table: SheetTable,
) -> None:
    """One warning per column listing its blank cells, rather than one per cell."""
    blanks = [excel_rows[i] for i, c in enumerate(raw) if keep[i] and i not in flags and v.is_blank(c)]
    if not blanks or len(blanks) == sum(keep):
        return  # an entirely empty column is simply not provided
    shown = listed(map(str, blanks[:10]), cut=len(blanks) > 10)
    table.problems.append(
        Problem(
            "column.blanks",
            Severity.WARNING,
            table.file,
            table.sheet,
            blanks[0],
            table.letters.get(f, ""),
            table.headers.get(f, ""),
            params={"count": len(blanks), "rows": shown},
        )
    )


def _check_rows(clean: dict[str, list[Any]], keep: list[bool], report: Report) -> None:
    replied, asked = clean.get("replied"), clean.get("inquiries")
    if replied is not None and asked is not None:
        for i, (r, a) in enumerate(zip(replied, asked, strict=True)):
            if r is not None and a is not None and r > a and keep[i]:
                report(i, "row.replied_gt_asked", "replied", r, replied=v.display(r), asked=v.display(a))
                replied[i] = asked[i] = None
    paid, received = clean.get("paid_orders"), clean.get("received")
    if paid is not None and received is not None:
        for i, (p, n) in enumerate(zip(paid, received, strict=True)):
            if p is not None and n is not None and p > n and keep[i]:
                report(
                    i,
                    "row.paid_gt_received",
                    "paid_orders",
                    p,
                    Severity.WARNING,
                    paid=v.display(p),
                    received=v.display(n),
                )
