"""Turn one recognised sheet into a tidy column table, reporting every bad cell."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from csreport.domain import SUMMARY_MARKERS
from csreport.inputs import derive
from csreport.inputs import values as v
from csreport.inputs.cells import (
    BOUNDED,
    LARGEST,
    NUMERIC,
    RATE_FIELDS,
    Bad,
    Context,
    Parser,
    declared_parser,
    parse_rates,
    parser_for,
)
from csreport.inputs.headers import IGNORE, HeaderMatch, canonical, normalize_header, role_fields
from csreport.inputs.mapping import UserMapping
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
    # Derivations of the user's mapping this sheet could not use: formula → names it lacks.
    lacking: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dropped_labels: set[str] = field(default_factory=set)  # drop_rows labels that matched here
    derived_from: set[str] = field(default_factory=set)  # normalised headers only a derivation read

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
    rows: list[list[Any]],
    match: HeaderMatch,
    src: SheetSource,
    ctx: Context,
    max_rows: int | None = None,
    user: UserMapping | None = None,
) -> SheetTable:
    """Normalise the data rows under ``match``'s header into a ``SheetTable``.

    Work is column-wise with a cache per column: ids, dates and statuses repeat on every
    row of a month, so each distinct cell text is parsed once. More than ``max_rows``
    data rows (rows holding a value after the header) raise ``sheet.too_many_rows``.
    Rows whose agent cell only contains a summary marker (店铺汇总值) are kept with the
    marker in ``_summary``: whether they are an agent is known once the roster is read.
    """
    pos_of: dict[str, int] = {}
    for p, fs in (match.fed or {p: (f,) for p, f in match.columns.items()}).items():
        for f in fs:
            if f != IGNORE:
                pos_of.setdefault(f, p)
    fields = [f for f in role_fields(match.role, user) if f in pos_of]
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

    agent_cells = frozenset(pos_of[f] for f in AGENT_FIELDS if f in pos_of)
    _drop_summaries(data, raw, keep, report, agent_cells, match.role == "roster")
    if user is not None and user.drop_rows and match.role != "roster":
        _drop_labels(data, raw, keep, report, user.drop_rows, table.dropped_labels)
    summary = _summary_candidates(raw, keep) if match.role != "roster" else []
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
    _drop_undated_summaries(summary, needed, raw, keep, report)
    _drop_blank_keys(needed, raw, keep, flags_of, report)
    units = {d.name: d.unit for d in user.fields} if user is not None else {}
    for f in fields:
        if f in identity:
            continue
        flags = flags_of[f]
        if f in RATE_FIELDS or units.get(f) == "%":
            clean[f] = _rates(f, raw[f], keep, report, table)
        else:
            clean[f] = _column(
                f, raw[f], keep, report, ctx, quiet=f in needed, parser=declared_parser(units.get(f))
            )
        _report_flags(f, flags, clean[f], keep, report)
        if f in needed:
            _drop_unusable(f, needed[f], flags, keep, report)
        if f in NUMERIC or f in RATE_FIELDS or f in units:
            _report_blanks(f, raw[f], keep, excel_rows, flags, table)
    _check_rows(clean, keep, report)
    if match.role == "reception":
        # A derive may read any column no used field takes: not understood, 忽略, a
        # duplicate, or a field of another kind of sheet.
        free = [p for p in match.headers if not any(f != IGNORE for f in match.fed.get(p, ()))]
        unmapped = {
            normalize_header(match.headers[p]): [r[p] if p < len(r) else None for _, r in data] for p in free
        }

        def note(target: str, formula: str, refused: list[int]) -> None:
            shown = f"{canonical(target)} = {formula}"
            # The formula is the problem's value too: two derivations of one sheet are two notes
            # (problems equal in everything but their parameters are merged below).
            table.problems.append(
                Problem(
                    "column.derived",
                    Severity.INFO,
                    src.file,
                    src.sheet,
                    value=shown,
                    params={"formula": shown},
                )
            )
            if refused:
                rows = [excel_rows[i] for i in refused]
                table.problems.append(
                    Problem(
                        "column.derived_out_of_range",
                        Severity.WARNING,
                        src.file,
                        src.sheet,
                        rows[0],
                        value=shown,
                        params={
                            "formula": shown,
                            "count": len(rows),
                            "rows": listed(map(str, rows[:10]), cut=len(rows) > 10),
                        },
                    )
                )

        table.lacking = derive.apply(clean, keep, unmapped, user, note, table.headers, table.derived_from)
        fields += [f for f in clean if f not in fields and f not in identity]
    for f in fields:
        table.columns[f] = [x for x, k in zip(clean[f], keep, strict=True) if k]
    table.columns["_row"] = [n for n, k in zip(excel_rows, keep, strict=True) if k]
    if any(summary):
        table.columns["_summary"] = [x for x, k in zip(summary, keep, strict=True) if k]
    # A column feeding two fields (支付人数 → 付款订单数 and 询单付款人数) says a bad cell once.
    table.problems = list(dict.fromkeys(table.problems))
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
# The cells that name a row's agent: its 工号, its 旺旺 and its 姓名.
AGENT_FIELDS = ("agent_id", "subaccount", "name")


def _drop_summaries(
    data: list[tuple[int, list[Any]]],
    raw: dict[str, list[Any]],
    keep: list[bool],
    report: Report,
    agent_cells: frozenset[int],
    roster: bool,
) -> None:
    """Leave out 合计/汇总/平均值 rows marked in one of the row's first cells that is not
    the agent's own (a 日期 or 店铺 cell reading 总计：or 店铺汇总值).

    An agent cell is decided later (``_summary_candidates``): a nickname may hold such a
    word. On the roster, only a whole marker counts, as its rows are agents by definition.
    """
    markers = frozenset(SUMMARY_MARKERS)
    where = _agent_field(raw)
    for i, (_n, row) in enumerate(data):
        if roster:
            named = [raw[f][i] for f in AGENT_FIELDS if f in raw]
            cells = [*row[:3], *named]
            # Markers are plain CJK text, so strip() suffices; NFKC on every row is costly.
            marker = next((c.strip() for c in cells if isinstance(c, str) and c.strip() in markers), None)
        else:
            marker = next(
                (
                    c.strip()
                    for p, c in enumerate(row[:3])
                    if p not in agent_cells and isinstance(c, str) and _LABEL.match(c.strip())
                ),
                None,
            )
        if marker:
            report(i, "row.summary", where, marker, Severity.INFO)
            keep[i] = False


_MARKERS = "|".join(sorted(SUMMARY_MARKERS, key=len, reverse=True))
_ENGLISH = r"(?:sub)?total|average|sum"
# A summary label as a whole cell that is not the agent's (a 日期 or 店铺 cell): 店铺汇总值,
# 全店合计, 总计：10月, Total. A shop named 汇总优选旗舰店 is no label.
_LABEL = re.compile(
    rf"^(?:店铺|全店|本店|全部)?(?:{_MARKERS})值?(?:[:：].*)?$|^(?:{_ENGLISH})\b", re.IGNORECASE
)
# A summary label inside a longer agent cell: 店铺汇总值, 全店合计, 总计:, Total.
_CONTAINED = re.compile(rf"{_MARKERS}|\b(?:{_ENGLISH})\b", re.IGNORECASE)


def _agent_field(raw: dict[str, list[Any]]) -> str:
    """The column that names the row's agent, where a row-level note is located."""
    return next((f for f in AGENT_FIELDS if f in raw), "agent_id")


def _summary_candidates(raw: dict[str, list[Any]], keep: list[bool]) -> list[str | None]:
    """Per row, the agent cell that contains a summary marker (or None).

    Not dropped here: an agent whose nickname contains such a word is a real agent when
    the roster lists them, which is known only once every sheet is read.
    """
    named = [raw[f] for f in AGENT_FIELDS if f in raw]
    out: list[str | None] = []
    for i in range(len(keep)):
        cell = next(
            (c.strip() for col in named if isinstance(c := col[i], str) and _CONTAINED.search(c)),
            None,
        )
        out.append(cell if keep[i] else None)
    return out


def _drop_undated_summaries(
    summary: list[str | None],
    needed: dict[str, list[bool]],
    raw: dict[str, list[Any]],
    keep: list[bool],
    report: Report,
) -> None:
    """A row whose agent cell contains a summary marker and whose 日期 is blank is a
    summary row (an agent's day always has its date): left out now, with a note, rather
    than reported as a row missing its date."""
    if not summary or "date" not in needed:
        return
    where = _agent_field(raw)
    for i, label in enumerate(summary):
        if label and keep[i] and needed["date"][i] and _blank_cell(raw["date"][i]):
            report(i, "row.summary", where, label, Severity.INFO)
            keep[i] = False
            summary[i] = None


def _drop_labels(
    data: list[tuple[int, list[Any]]],
    raw: dict[str, list[Any]],
    keep: list[bool],
    report: Report,
    labels: frozenset[str],
    matched: set[str],
) -> None:
    """Leave out the rows the mapping file's ``drop_rows`` names, by their first or agent cells."""
    where = _agent_field(raw)
    named = [raw[f] for f in AGENT_FIELDS if f in raw]
    for i, (_n, row) in enumerate(data):
        if not keep[i]:
            continue
        for cell in (*row[:3], *(col[i] for col in named)):
            if isinstance(cell, str) and (key := normalize_header(cell)) in labels:
                report(i, "row.dropped_by_mapping", where, cell.strip(), Severity.INFO)
                matched.add(key)
                keep[i] = False
                break


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
    f: str,
    raw: list[Any],
    keep: list[bool],
    report: Report,
    ctx: Context,
    quiet: bool = False,
    parser: Parser | None = None,
) -> list[Any]:
    """Parse one column, a cache per distinct cell; ``quiet`` takes placeholders as blank
    without a warning (for 日期/考勤状态, whose blanks ``_drop_blank_keys`` reports).
    ``parser`` is a declared field's, by its unit."""
    numeric = f in NUMERIC and parser is None  # a declared field: every cell through its parser
    parser = parser or parser_for(f)
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
