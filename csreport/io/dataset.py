"""Read a month's input files into one tidy ``Dataset`` plus a list of problems.

One unreadable file is reported and set aside; the others are still read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from csreport.io import checks
from csreport.io.headers import REQUIRED, ROLE_NAMES, canonical, detect
from csreport.io.tables import SheetTable, build_table, column_letter
from csreport.io.workbook import is_skippable, iter_files, open_workbook
from csreport.problems import CsreportError, Problem, Severity

ROLES_WITH_DATES = ("attendance", "reception", "qa")


@dataclass(frozen=True)
class RosterEntry:
    """One agent as the roster describes them."""

    agent_id: str
    name: str = ""
    group: str = ""
    status: str = ""
    level: str = ""
    subaccount: str = ""


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
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """Read every input file and sheet, choose the month, and cross-check the tables."""
    year_hint = int(month[:4]) if month else None
    problems: list[Problem] = []
    tables: list[SheetTable] = []
    read, failed = [], []
    files = list(iter_files(list(paths)))
    for path in files:
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
        found = _read_sheets(path.name, sheets, year_hint, tables, problems)
        (read if found else failed).append(path.name)
        if not found:
            problems.append(Problem("file.no_sheets", Severity.ERROR, path.name))
    frames = {role: _frame(role, [t for t in tables if t.role == role]) for role in ROLE_NAMES}
    chosen = _choose_month(frames, month)
    letters = {(t.file, t.sheet): t.letters for t in tables}
    frames = checks.filter_month(frames, chosen, problems, letters)
    frames = checks.drop_duplicates(frames, problems, letters)
    roster, has_roster = _roster(frames["roster"])
    if not has_roster and any(len(frames[r]) for r in ROLES_WITH_DATES):
        problems.append(Problem("roster.missing", Severity.WARNING))
    checks.cross_check(roster, has_roster, frames, problems, letters)
    checks.check_chats(frames, problems, letters)
    return Dataset(chosen, roster, has_roster, frames, letters, problems, read, failed)


def _read_sheets(
    file: str, sheets: list, year_hint: int | None, tables: list[SheetTable],
    problems: list[Problem],
) -> bool:
    found = False
    for sheet in sheets:
        if sheet.chart:
            problems.append(Problem("sheet.chart", Severity.INFO, file, sheet.name))
            continue
        if sheet.hidden:
            problems.append(Problem("sheet.hidden", Severity.INFO, file, sheet.name))
            continue
        if not sheet.rows:
            continue
        match = detect(sheet.rows)
        if match is None:
            problems.append(Problem("sheet.unrecognised", Severity.INFO, file, sheet.name))
            continue
        role_zh = ROLE_NAMES[match.role][0]
        fields = set(match.columns.values())
        missing = [canonical(f) for f in REQUIRED[match.role] if f not in fields]
        if match.role == "qa" and not fields & {"attitude_score", "item_0", "error_type"}:
            missing.append("态度得分/十项评分")
        if missing:
            problems.append(Problem(
                "sheet.missing_columns", Severity.ERROR, file, sheet.name, match.row_index + 1,
                params={"role": role_zh, "columns": "、".join(missing)},
            ))
            continue
        table = build_table(sheet.rows, match, file, sheet.name, sheet.first_col, year_hint)
        problems.extend(table.problems)
        problems.append(Problem(
            "sheet.role", Severity.INFO, file, sheet.name,
            params={"role": role_zh, "header_row": table.header_row, "rows": len(table)},
        ))
        for pos in match.unmapped:
            problems.append(Problem(
                "sheet.unmapped_column", Severity.INFO, file, sheet.name, match.row_index + 1,
                column_letter(sheet.first_col + pos), match.headers[pos],
            ))
        tables.append(table)
        found = True
    return found


def _frame(role: str, tables: list[SheetTable]) -> pd.DataFrame:
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
            counts.update(d.strftime("%Y-%m") for d in df["date"] if isinstance(d, dt.date))
    if not counts:
        if not any(len(frames[r]) for r in ROLES_WITH_DATES):
            return ""  # nothing dated was read; the file problems already say why
        raise CsreportError("month.none", exit_code=2)
    if len(counts) > 1:
        listing = "、".join(f"{m}（{n} 行）" for m, n in sorted(counts.items()))
        raise CsreportError("month.mixed", exit_code=2, months=listing)
    return next(iter(counts))


def _roster(df: pd.DataFrame) -> tuple[dict[str, RosterEntry], bool]:
    roster: dict[str, RosterEntry] = {}
    if not len(df):
        return roster, False
    for rec in df.to_dict("records"):
        roster[rec["agent_id"]] = RosterEntry(
            agent_id=rec["agent_id"],
            name=rec.get("name") or "",
            group=rec.get("group") or "",
            status=rec.get("post_status") or "",
            level=rec.get("level") or "",
            subaccount=rec.get("subaccount") or "",
        )
    return roster, True
