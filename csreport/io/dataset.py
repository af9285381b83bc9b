"""Read a month's input files into one tidy ``Dataset`` plus a list of problems.

One unreadable file is reported and set aside; the others are still read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from csreport.io import checks
from csreport.io.cells import Context
from csreport.io.derive import derive_counts
from csreport.io.headers import ROLE_NAMES, detect, required_missing
from csreport.io.identity import resolve_agents
from csreport.io.tables import SheetSource, SheetTable, build_table, column_letter
from csreport.io.values import PartialDate, display
from csreport.io.workbook import RawSheet, is_skippable, iter_files, open_workbook
from csreport.problems import CsreportError, Problem, Severity

ROLES_WITH_DATES = ("attendance", "reception", "qa")
_YEAR = re.compile(r"(20\d\d)\s*(?:年|[-/._]?\s*\d{1,2})")


@dataclass(frozen=True)
class RosterEntry:
    """One agent as the roster describes them."""

    agent_id: str
    name: str = ""
    group: str = ""
    status: str = ""
    level: str = ""
    subaccount: str = ""
    bonus_base: float | None = None


@dataclass
class Dataset:
    """The month's tidy tables. Each frame has ``_file``, ``_sheet`` and ``_row`` columns."""

    month: str
    roster: dict[str, RosterEntry]
    has_roster: bool
    frames: dict[str, pd.DataFrame]
    letters: dict[tuple[str, str], dict[str, str]]  # (file, sheet) → field → column letter
    problems: list[Problem] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    files_failed: list[str] = field(default_factory=list)


def load_dataset(
    paths: Sequence[Path], month: str | None = None,
    progress: Callable[[str], None] | None = None, mapping: dict[str, str] | None = None,
) -> Dataset:
    """Read every input file and sheet, choose the month, and cross-check the tables."""
    problems: list[Problem] = []
    tables: list[SheetTable] = []
    read, failed = [], []
    for path in iter_files(list(paths)):
        if progress:
            progress(path.name)
        if is_skippable(path):
            problems.append(Problem("file.skipped_lock", Severity.INFO, path.name))
            continue
        try:
            sheets = open_workbook(path)
        except CsreportError as exc:
            problems.append(Problem(exc.code, Severity.ERROR, path.name, params=exc.params))
            failed.append(path.name)
            continue
        if _read_sheets(path.name, sheets, month, mapping, tables, problems):
            read.append(path.name)
        else:
            failed.append(path.name)
            problems.append(Problem("file.no_sheets", Severity.ERROR, path.name))
    frames = {role: _frame([t for t in tables if t.role == role]) for role in ROLE_NAMES}
    letters = {(t.file, t.sheet): t.letters for t in tables}
    chosen = _choose_month(frames, month)
    frames = _complete_dates(frames, chosen, problems, letters)
    frames = checks.filter_month(frames, chosen, problems, letters)
    roster, has_roster = _roster(frames["roster"])
    frames = resolve_agents(frames, roster, letters, problems)
    frames = derive_counts(frames, problems)
    frames = checks.drop_duplicates(frames, problems, letters)
    if not has_roster and any(len(frames[r]) for r in ROLES_WITH_DATES):
        problems.append(Problem("roster.missing", Severity.WARNING))
    checks.cross_check(roster, has_roster, frames, problems, letters)
    checks.check_chats(frames, problems, letters)
    return Dataset(chosen, roster, has_roster, frames, letters, problems, read, failed)


def _read_sheets(
    file: str, sheets: list[RawSheet], month: str | None, mapping: dict[str, str] | None,
    tables: list[SheetTable], problems: list[Problem],
) -> bool:
    found = False
    for sheet in sheets:
        if sheet.chart or sheet.hidden:
            code = "sheet.chart" if sheet.chart else "sheet.hidden"
            problems.append(Problem(code, Severity.INFO, file, sheet.name))
            continue
        if not sheet.rows:
            continue
        match = detect(sheet.rows, mapping)
        if match is None:
            problems.append(Problem("sheet.unrecognised", Severity.INFO, file, sheet.name))
            continue
        role_zh = ROLE_NAMES[match.role][0]
        missing = required_missing(match.role, set(match.columns.values()))
        if missing:
            problems.append(Problem(
                "sheet.missing_columns", Severity.ERROR, file, sheet.name, match.data_start,
                params={"role": role_zh, "columns": "、".join(missing)},
            ))
            continue
        ctx = Context(_year_hint(month, file, sheet.rows[: match.row_index]), sheet.date1904)
        src = SheetSource(file, sheet.name, sheet.first_col, sheet.flags)
        table = build_table(sheet.rows, match, src, ctx)
        problems.extend(table.problems)
        problems.append(Problem(
            "sheet.role", Severity.INFO, file, sheet.name,
            params={"role": role_zh, "header_row": table.header_row, "rows": len(table)},
        ))
        for code, positions in (("sheet.unmapped_column", match.unmapped),
                                ("sheet.duplicate_column", match.duplicates)):
            for pos in positions:
                problems.append(Problem(
                    code, Severity.INFO, file, sheet.name, match.data_start,
                    column_letter(sheet.first_col + pos), match.headers[pos],
                ))
        tables.append(table)
        found = True
    return found


def _year_hint(month: str | None, file: str, title_rows: list[list[object]]) -> int | None:
    """The year for dates written without one: --month, a title row, or the file name."""
    if month:
        return int(month[:4])
    texts = [str(c) for row in title_rows for c in row if isinstance(c, str)] + [file]
    for text in texts:
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


def _frame(tables: list[SheetTable]) -> pd.DataFrame:
    parts = []
    for t in tables:
        data = dict(t.columns)
        n = len(t)
        data["_file"] = [t.file] * n
        data["_sheet"] = [t.sheet] * n
        parts.append(pd.DataFrame(data))
    if not parts:
        return pd.DataFrame({"agent_id": pd.Series(dtype=object), "_row": pd.Series(dtype=int),
                             "_file": pd.Series(dtype=object), "_sheet": pd.Series(dtype=object)})
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _choose_month(frames: dict[str, pd.DataFrame], month: str | None) -> str:
    if month:
        return month
    counts: Counter[str] = Counter()
    for role in ROLES_WITH_DATES:
        df = frames[role]
        if "date" in df:
            counts.update(f"{d.year:04d}-{d.month:02d}" for d in df["date"]
                          if isinstance(d, dt.date))
    if not counts:
        if not any(len(frames[r]) for r in ROLES_WITH_DATES):
            return ""  # nothing dated was read; the file problems already say why
        raise CsreportError("month.none", exit_code=2)
    if len(counts) > 1:
        listing = "、".join(f"{m}（{n} 行）" for m, n in sorted(counts.items()))
        raise CsreportError("month.mixed", exit_code=2, months=listing)
    return next(iter(counts))


def _complete_dates(frames: dict[str, pd.DataFrame], month: str, problems: list[Problem],
                    letters: dict[tuple[str, str], dict[str, str]]) -> dict[str, pd.DataFrame]:
    """Give ``10月3日`` the assessed month's year; an impossible day drops its row."""
    out = dict(frames)
    for role in ROLES_WITH_DATES:
        df = frames[role]
        if "date" not in df or not df["date"].map(lambda d: isinstance(d, PartialDate)).any():
            continue
        year = int(month[:4]) if month else None
        dates, keep = [], []
        for rec in df[["date", "_file", "_sheet", "_row"]].to_dict("records"):
            d = rec["date"]
            try:
                full = d.with_year(year) if isinstance(d, PartialDate) and year else d
                ok = not isinstance(full, PartialDate)
            except ValueError:
                full, ok = d, False
            if not ok:
                problems.append(Problem(
                    "cell.not_date", Severity.ERROR, rec["_file"], rec["_sheet"], int(rec["_row"]),
                    letters.get((rec["_file"], rec["_sheet"]), {}).get("date", ""), "日期",
                    display(str(d))))
            dates.append(full)
            keep.append(ok)
        fixed = df.assign(date=dates)
        out[role] = fixed[keep].reset_index(drop=True)
    return out


def _roster(df: pd.DataFrame) -> tuple[dict[str, RosterEntry], bool]:
    roster: dict[str, RosterEntry] = {}
    if not len(df):
        return roster, False
    for rec in df.to_dict("records"):
        base = rec.get("bonus_base")
        roster[rec["agent_id"]] = RosterEntry(
            agent_id=rec["agent_id"],
            name=rec.get("name") or "",
            group=rec.get("group") or "",
            status=rec.get("post_status") or "",
            level=rec.get("level") or "",
            subaccount=rec.get("subaccount") or "",
            bonus_base=None if base is None or pd.isna(base) else float(base),
        )
    return roster, True
