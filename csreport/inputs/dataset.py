"""Read a month's input files into one tidy ``Dataset`` plus a list of problems.

One unreadable file is reported and set aside; the others are still read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from csreport.inputs import checks, sample_check, workbook
from csreport.inputs.cells import Context
from csreport.inputs.explain import SheetReading, fates
from csreport.inputs.headers import (
    ROLE_FIELDS,
    ROLE_NAMES,
    canonical,
    detect_sheet,
    normalize_header,
    required_missing,
)
from csreport.inputs.identity import resolve_agents
from csreport.inputs.interviews import (
    InterviewSheet,
    interview_sheet,
    interviews_from_sheet,
    is_results_workbook,
)
from csreport.inputs.mapping import UserMapping
from csreport.inputs.sample_check import TaskWorkbook
from csreport.inputs.tables import SheetSource, SheetTable, build_table, column_letter
from csreport.inputs.values import PartialDate, as_text, display, is_missing
from csreport.inputs.workbook import RawSheet, is_skippable, iter_files, read_workbook
from csreport.messages import Bilingual, both, listed
from csreport.problems import CsreportError, Problem, Severity
from csreport.util import sample_manifest
from csreport.util.report_names import NOTES_SHEETS, PROCESSING_LOG_NAME, RESULTS_PREFIX, TASK_NOTES_SHEET

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
    hire_date: str | None = None  # 入职日期, ISO YYYY-MM-DD; None when blank or unreadable

    def __post_init__(self) -> None:
        # One place for every roster field: a blank cell arrives from pandas as NaN, which
        # is truthy and not text; here it becomes "" (text) or None (the bonus base).
        for name in ("agent_id", "name", "group", "status", "level", "subaccount"):
            object.__setattr__(self, name, as_text(getattr(self, name)))
        if is_missing(self.bonus_base):
            object.__setattr__(self, "bonus_base", None)


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
    read_digests: dict[str, str] = field(default_factory=dict)  # str(path) → SHA-256 of what was read
    sheets: list[SheetReading] = field(default_factory=list)  # how each sheet was read
    # The filled 面谈 sheets of results workbooks given with the inputs (a month's interviews
    # brought back with the next month's data); not data of the month scored.
    interviews: list[InterviewSheet] = field(default_factory=list)
    # The QA task workbooks (质检任务单) among the inputs, with the sample each was drawn as.
    tasks: list[TaskWorkbook] = field(default_factory=list)


def load_dataset(
    paths: Sequence[Path],
    month: str | None = None,
    progress: Callable[[str], None] | None = None,
    mapping: UserMapping | None = None,
) -> Dataset:
    """Read every input file and sheet, choose the month, and cross-check the tables."""
    problems: list[Problem] = []
    tables: list[SheetTable] = []
    readings: list[SheetReading] = []
    read, failed = [], []
    digests: dict[str, str] = {}
    interviews: list[InterviewSheet] = []
    tasks: list[TaskWorkbook] = []
    for path in iter_files(list(paths)):
        if progress:
            progress(path.name)
        # A results workbook of csreport's is skipped by its name unless it is brought back
        # with its 面谈 sheet filled in: then its interviews are kept, not its sheets.
        results_named = path.name.startswith(RESULTS_PREFIX) and path.suffix.lower() in (".xlsx", ".xlsm")
        if path.name == PROCESSING_LOG_NAME:  # the drop folder's log (csreport watch), never data
            problems.append(Problem("watch.log_not_data", Severity.INFO, path.name))
            continue
        if is_skippable(path) and not results_named:
            problems.append(Problem("file.skipped_lock", Severity.INFO, path.name))
            continue
        found: list[SheetTable] = []
        found_problems: list[Problem] = []
        try:
            got = read_workbook(path)
            if is_results_workbook(s.name for s in got.sheets) or results_named:
                problems.extend(_results_workbook(path.name, got.sheets, interviews))
                continue
            file_readings: list[SheetReading] = []
            task = sample_check.task_workbook(path, got)
            aside: list[str] = []  # chat lists: recognised, and not data to score
            ok = _read_sheets(
                path.name, got.sheets, month, mapping, found, found_problems, file_readings, task, aside
            )
        except CsreportError as exc:
            if results_named:
                # Not a data file: its refusal is said, and the month is scored without it.
                problems.append(Problem(exc.code, Severity.WARNING, path.name, params=exc.params))
                continue
            # A file refused whole (its kind, its size, one sheet past the limits) is set
            # aside with the reason; nothing it held is kept.
            sheet = str(exc.params.get("sheet", "")) if exc.code.startswith("sheet.") else ""
            problems.append(Problem(exc.code, Severity.ERROR, path.name, sheet, params=exc.params))
            failed.append(path.name)
            continue
        if task is not None:
            tasks.append(task)
            problems.append(task.note())
        problems.extend(found_problems)
        tables.extend(found)
        readings.extend(file_readings)  # only a file read whole explains its sheets
        if ok:
            read.append(path.name)
            digests[str(path)] = got.digest
        elif not aside:
            failed.append(path.name)
            problems.append(Problem("file.no_sheets", Severity.ERROR, path.name))
    frames = {role: _frame([t for t in tables if t.role == role]) for role in ROLE_NAMES}
    letters = {(t.file, t.sheet): t.letters for t in tables}
    chosen = _choose_month(frames, month)
    frames = _complete_dates(frames, chosen, problems, letters)
    frames = checks.filter_month(frames, chosen, problems, letters)
    roster, has_roster = _roster(frames["roster"], problems, letters)
    frames = resolve_agents(frames, roster, letters, problems)
    headers = {(t.file, t.sheet): t.headers for t in tables}
    frames, dropped = _drop_summary_rows(frames, roster, problems, letters, headers)
    readings = [replace(r, rows=r.rows - dropped.get((r.file, r.sheet), 0)) for r in readings]
    frames["qa"] = sample_check.read_satisfaction(frames["qa"], letters, problems)
    frames = checks.drop_duplicates(frames, problems, letters)
    problems += sample_check.check_sample(frames["qa"], tasks, chosen, roster, letters)
    if not has_roster and any(len(frames[r]) for r in ROLES_WITH_DATES):
        problems.append(Problem("roster.missing", Severity.WARNING))
    checks.cross_check(roster, has_roster, frames, problems, letters)
    checks.check_chats(frames, problems, letters)
    if mapping is not None:
        problems.extend(mapping_problems(mapping, tables, readings))
    return Dataset(
        chosen,
        roster,
        has_roster,
        frames,
        letters,
        problems,
        read,
        failed,
        digests,
        readings,
        interviews,
        tasks,
    )


def _results_workbook(file: str, sheets: list[RawSheet], interviews: list[InterviewSheet]) -> list[Problem]:
    """A results workbook of csreport's among the inputs: not data; the interviews of its 面谈
    sheet are added to ``interviews``. Its problems, and a note saying what was read from it."""
    sheet = interview_sheet(sheets)
    if sheet is None:
        return [Problem("interviews.results_workbook_without", Severity.INFO, file)]
    got = interviews_from_sheet(file, sheet)
    interviews.append(got)
    note = Problem(
        "interviews.results_workbook",
        Severity.INFO,
        file,
        sheet.name,
        params={"month": got.month, "n": len(got.rows)},
    )
    return [*got.problems, note]


def _read_sheets(
    file: str,
    sheets: list[RawSheet],
    month: str | None,
    mapping: UserMapping | None,
    tables: list[SheetTable],
    problems: list[Problem],
    readings: list[SheetReading],
    task: TaskWorkbook | None = None,
    aside: list[str] | None = None,
) -> bool:
    """Read each sheet of ``file`` into ``tables``; True when one was kept. A task workbook's
    (``task``) manifest and notes are no data, and the rows of its task sheets nobody scored yet
    are left out (``task`` learns which); a chat list is set aside (its name added to ``aside``)."""
    found = False
    for sheet in sheets:
        if task is not None and sheet.name in (sample_manifest.SHEET, TASK_NOTES_SHEET):
            # Said once for the file (TaskWorkbook.note), not as a hidden or unrecognised sheet.
            why = "task_manifest" if sheet.name == sample_manifest.SHEET else "task_notes"
            readings.append(SheetReading(file, sheet.name, None, None, 0, why))
            continue
        if sheet.chart or sheet.hidden:
            code = "sheet.chart" if sheet.chart else "sheet.hidden"
            problems.append(Problem(code, Severity.INFO, file, sheet.name))
            readings.append(
                SheetReading(file, sheet.name, None, None, 0, "chart" if sheet.chart else "hidden")
            )
            continue
        if not sheet.rows:
            continue
        detection = detect_sheet(sheet.rows, mapping)
        match = detection.match
        if match is None and sheet.name.strip() in NOTES_SHEETS:
            # Instructions for whoever fills the data in (a blank template's 说明): not data.
            readings.append(SheetReading(file, sheet.name, None, None, 0, "notes"))
            continue
        if match is None:
            problems.append(Problem("sheet.unrecognised", Severity.INFO, file, sheet.name))
            guess = detection.guess
            readings.append(
                SheetReading(
                    file,
                    sheet.name,
                    None,
                    guess.row_index + guess.header_rows if guess else None,
                    detection.looked,
                    detection.why,
                    columns=fates(detection, sheet.first_col),
                )
            )
            continue
        role = Bilingual(*ROLE_NAMES[match.role])
        columns = fates(detection, sheet.first_col)
        missing = required_missing(match.role, set(match.columns.values()))
        listing = sample_check.chat_list(file, sheet.name, match) if missing else None
        if listing is not None:
            columns = tuple(replace(c, fate="known") if c.fate == "used" else c for c in columns)
            problems.append(listing)
            readings.append(
                SheetReading(
                    file, sheet.name, None, match.data_start, detection.looked, "chat_list", columns=columns
                )
            )
            if aside is not None:
                aside.append(sheet.name)
            continue
        if missing:
            # Nothing of a skipped sheet is used: its known columns are only recognised.
            columns = tuple(replace(c, fate="known") if c.fate == "used" else c for c in columns)
            problems.append(
                Problem(
                    "sheet.missing_columns",
                    Severity.ERROR,
                    file,
                    sheet.name,
                    match.data_start,
                    params={"role": role, "columns": _listed(missing)},
                )
            )
            readings.append(
                SheetReading(
                    file,
                    sheet.name,
                    match.role,
                    match.data_start,
                    detection.looked,
                    "missing",
                    tuple(missing),
                    columns=columns,
                )
            )
            continue
        ctx = Context(year_hint(month, file, sheet.rows[: match.row_index]), sheet.date1904)
        src = SheetSource(file, sheet.name, sheet.first_col, sheet.flags)
        rows = sheet.rows
        if task is not None and match.role == "qa":
            rows, task_sheet = sample_check.split_unscored(sheet.name, rows, match, sheet.first_col)
            task.sheets.append(task_sheet)
        table = build_table(rows, match, src, ctx, max_rows=workbook.MAX_ROWS, user=mapping)
        problems.extend(table.problems)
        problems.append(
            Problem(
                "sheet.role",
                Severity.INFO,
                file,
                sheet.name,
                params={"role": role, "header_row": table.header_row, "rows": len(table)},
            )
        )
        for code, positions in (
            ("sheet.unmapped_column", match.unmapped),
            ("sheet.duplicate_column", match.duplicates),
        ):
            for pos in positions:
                if (
                    code == "sheet.unmapped_column"
                    and normalize_header(match.headers[pos]) in table.derived_from
                ):
                    continue  # read by a derive formula of the mapping file
                problems.append(
                    Problem(
                        code,
                        Severity.INFO,
                        file,
                        sheet.name,
                        match.data_start,
                        column_letter(sheet.first_col + pos),
                        match.headers[pos],
                    )
                )
        for pos, fields in match.foreign.items():
            if pos in match.from_user:
                problems.append(_foreign(file, sheet.name, match, pos, fields, sheet.first_col))
        derived = table.derived_from
        columns = tuple(
            replace(c, fate="derived") if c.fate == "unknown" and normalize_header(c.header) in derived else c
            for c in columns
        )
        readings.append(
            SheetReading(
                file,
                sheet.name,
                match.role,
                match.data_start,
                detection.looked,
                rows=len(table),
                columns=columns,
            )
        )
        tables.append(table)
        found = True
    return found


def _foreign(file: str, sheet: str, match: Any, pos: int, fields: tuple[str, ...], first_col: int) -> Problem:
    """A column the user mapped to a field another kind of sheet carries: said, not dropped silently."""
    homes = [r for f in fields for r, names in ROLE_FIELDS.items() if f in names]
    return Problem(
        "mapping.other_role",
        Severity.WARNING,
        file,
        sheet,
        match.data_start,
        column_letter(first_col + pos),
        match.headers[pos],
        params={
            "fields": _listed([canonical(f) for f in fields]),
            "home": Bilingual(*ROLE_NAMES[homes[0]]) if homes else "",
            "role": Bilingual(*ROLE_NAMES[match.role]),
        },
    )


def mapping_problems(
    mapping: UserMapping, tables: list[SheetTable], readings: list[SheetReading]
) -> list[Problem]:
    """What the mapping file named that the data did not have: headers no sheet has (with
    the closest headers seen), derivations no sheet could compute, row labels never met."""
    seen: dict[str, str] = {}
    for reading in readings:
        for col in reading.columns:
            seen.setdefault(normalize_header(col.header), col.header)
            if "/" in col.header:
                part = col.header.rpartition("/")[2]
                seen.setdefault(normalize_header(part), part)
    out: list[Problem] = []
    for entry in mapping.entries:
        if entry.key not in seen:
            out.append(
                Problem(
                    "mapping.unmatched",
                    Severity.WARNING,
                    mapping.file,
                    params={
                        "header": entry.header,
                        "line": entry.line,
                        "closest": _closest(entry.header, seen),
                    },
                )
            )
    reception = [t for t in tables if t.role == "reception"]
    for d in mapping.derive:
        lacking = [t.lacking[d.formula.text] for t in reception if d.formula.text in t.lacking]
        if reception and len(lacking) < len(reception):
            continue  # used on at least one sheet
        names = list(dict.fromkeys(n for names in lacking for n in names)) or [w for w, _ in d.formula.ids]
        out.append(
            Problem(
                "mapping.derive_missing",
                Severity.WARNING,
                mapping.file,
                params={
                    "target": canonical(d.target),
                    "line": d.line,
                    "names": _listed(names),
                    "closest": _closest(names[0], seen) if names else "",
                },
            )
        )
    matched = {label for t in tables for label in t.dropped_labels}
    for label in sorted(mapping.drop_rows - matched):
        shown = mapping.drop_labels.get(label, label)
        out.append(Problem("mapping.drop_unmatched", Severity.INFO, mapping.file, params={"label": shown}))
    return out


def _closest(header: str, seen: dict[str, str]) -> Bilingual | str:
    """The headers seen that look most like ``header``, as a clause; "" when none does."""
    keys = difflib.get_close_matches(normalize_header(header), list(seen), n=3, cutoff=0.4)
    if not keys:
        keys = [k for k in seen if normalize_header(header) in k or k in normalize_header(header)][:3]
    return both("mapping.closest", names=_listed([seen[k] for k in keys])) if keys else ""


def _drop_summary_rows(
    frames: dict[str, pd.DataFrame],
    roster: dict[str, RosterEntry],
    problems: list[Problem],
    letters: dict[tuple[str, str], dict[str, str]],
    headers: dict[tuple[str, str], dict[str, str]],
) -> tuple[dict[str, pd.DataFrame], Counter[tuple[str, str]]]:
    """Leave out rows whose agent cell contains a summary marker (店铺汇总值, 全店合计),
    unless the roster lists the agent: a real agent is never a summary row. Also returns
    how many rows each sheet lost so."""
    out = dict(frames)
    dropped: Counter[tuple[str, str]] = Counter()
    gone: set[tuple[str, str, int]] = set()  # (file, sheet, Excel row) of the rows left out
    for role in ROLES_WITH_DATES:
        df = frames[role]
        if "_summary" not in df:
            continue
        flagged = df["_summary"].notna() & ~df["agent_id"].map(lambda a: as_text(a) in roster)
        for rec in df.loc[flagged, ["_file", "_sheet", "_row", "_summary"]].to_dict("records"):
            key = (rec["_file"], rec["_sheet"])
            where = letters.get(key, {})
            field_name = "subaccount" if "subaccount" in where else "agent_id"
            dropped[key] += 1
            gone.add((str(rec["_file"]), str(rec["_sheet"]), int(rec["_row"])))
            problems.append(
                Problem(
                    "row.summary",
                    Severity.INFO,
                    rec["_file"],
                    rec["_sheet"],
                    int(rec["_row"]),
                    where.get(field_name, ""),
                    headers.get(key, {}).get(field_name) or canonical(field_name),
                    display(rec["_summary"]),
                )
            )
        out[role] = df[~flagged].drop(columns="_summary").reset_index(drop=True)
    if gone:
        # What the cells of a summary row said no longer matters once the row is left out.
        problems[:] = [p for p in problems if p.code == "row.summary" or (p.file, p.sheet, p.row) not in gone]
    return out, dropped


def year_hint(month: str | None, file: str, title_rows: list[list[object]]) -> int | None:
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
        return pd.DataFrame(
            {
                "agent_id": pd.Series(dtype=object),
                "_row": pd.Series(dtype=int),
                "_file": pd.Series(dtype=object),
                "_sheet": pd.Series(dtype=object),
            }
        )
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _choose_month(frames: dict[str, pd.DataFrame], month: str | None) -> str:
    """The month to assess: ``month`` when given, else the one month the dates hold.

    A given month in which no row falls is fatal and says which months the data holds,
    rather than scoring everyone as 缺数据 or calling the sheets missing.
    """
    if month:
        others = checks.months_outside(frames, month)
        if others:
            raise CsreportError("month.no_data", exit_code=2, month=month, months=_listed(others))
        return month
    counts: Counter[str] = Counter()
    partial: Counter[int] = Counter()  # months of days written without a year
    for role in ROLES_WITH_DATES:
        df = frames[role]
        if "date" in df:
            # Counted by (year, month) first: formatting a string per row is the cost.
            months = Counter((d.year, d.month) for d in df["date"] if isinstance(d, dt.date))
            counts.update({f"{y:04d}-{m:02d}": n for (y, m), n in months.items()})
            if sum(months.values()) < len(df):  # only then can a day lack its year
                partial.update(d.month for d in df["date"] if isinstance(d, PartialDate))
    if len(counts) == 1 and partial:
        # ``11月3日`` beside October dates is another month too: choosing October would
        # leave it out unasked, so it makes the data mixed, in the dated rows' year.
        year = next(iter(counts))[:4]
        counts.update({f"{year}-{m:02d}": n for m, n in partial.items()})
    if not counts:
        if not any(len(frames[r]) for r in ROLES_WITH_DATES):
            return ""  # nothing dated was read; the file problems already say why
        raise CsreportError("month.none", exit_code=2)
    if len(counts) > 1:
        raise CsreportError(
            "month.mixed",
            exit_code=2,
            months=_listed(
                [
                    both("month.row_count" if n == 1 else "month.row_count_many", month=m, n=n)
                    for m, n in sorted(counts.items())
                ]
            ),
        )
    return next(iter(counts))


def _complete_dates(
    frames: dict[str, pd.DataFrame],
    month: str,
    problems: list[Problem],
    letters: dict[tuple[str, str], dict[str, str]],
) -> dict[str, pd.DataFrame]:
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
                problems.append(
                    Problem(
                        "cell.not_date",
                        Severity.ERROR,
                        rec["_file"],
                        rec["_sheet"],
                        int(rec["_row"]),
                        letters.get((rec["_file"], rec["_sheet"]), {}).get("date", ""),
                        canonical("date"),
                        display(str(d)),
                    )
                )
            dates.append(full)
            keep.append(ok)
        fixed = df.assign(date=dates)
        out[role] = fixed[keep].reset_index(drop=True)
    return out


def _roster(
    df: pd.DataFrame,
    problems: list[Problem] | None = None,
    letters: dict[tuple[str, str], dict[str, str]] | None = None,
) -> tuple[dict[str, RosterEntry], bool]:
    """The roster's agents by 工号, and whether a roster was read at all.

    A row without a 工号 (only a 旺旺) is reported and skipped: nobody could be scored
    under it. A blank 姓名, 组别 or 级别 is reported, saying what the agent is scored as,
    and the agent is scored without it. When a 工号 repeats, the first row wins, the one
    ``checks.drop_duplicates`` reports as kept.
    """
    roster: dict[str, RosterEntry] = {}
    if not len(df):
        return roster, False
    found = problems if problems is not None else []
    where = letters or {}
    blanks: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    for rec in df.to_dict("records"):
        file, sheet, row = as_text(rec.get("_file")), as_text(rec.get("_sheet")), int(rec["_row"])
        columns = where.get((file, sheet), {})
        agent = as_text(rec.get("agent_id"))
        if not agent:
            found.append(
                Problem(
                    "row.missing_id",
                    Severity.ERROR,
                    file,
                    sheet,
                    row,
                    columns.get("agent_id", ""),
                    canonical("agent_id"),
                    display(rec.get("subaccount")),
                )
            )
            continue
        if agent in roster:
            continue
        base: Any = rec.get("bonus_base")
        entry = RosterEntry(  # a blank cell (NaN) is "" as text, None as the bonus base
            agent_id=agent,
            name=as_text(rec.get("name")),
            group=as_text(rec.get("group")),
            status=as_text(rec.get("post_status")),
            level=as_text(rec.get("level")),
            subaccount=as_text(rec.get("subaccount")),
            bonus_base=None if is_missing(base) else float(base),
            hire_date=_iso_day(rec.get("hire_date")),
        )
        for name in _BLANK_FIELDS:
            # Only a blank cell in a column the sheet has: a roster without a 级别
            # column simply does not use levels, and is not one warning per agent.
            if name in columns and not getattr(entry, name):
                blanks.setdefault((file, sheet, name), []).append((row, agent))
        roster[agent] = entry
    for (file, sheet, name), cells in blanks.items():
        found.append(_blank_problem(file, sheet, name, cells, where.get((file, sheet), {})))
    return roster, True


# Roster fields an agent can be scored without (named by their canonical headers).
_BLANK_FIELDS = ("name", "group", "level")
_MAX_LISTED = 10


def _iso_day(value: Any) -> str | None:
    """A roster date as ISO text, None when blank or only partly known (no year)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, pd.Timestamp) and not pd.isna(value):
        return value.date().isoformat()
    return None


def _blank_problem(
    file: str, sheet: str, name: str, cells: list[tuple[int, str]], columns: dict[str, str]
) -> Problem:
    """One warning per sheet and column for its blank cells: naming the agent when there
    is one, else listing the rows and 工号 (the first ten)."""
    header = canonical(name)
    first_row = cells[0][0]
    if len(cells) == 1:
        return Problem(
            f"roster.blank_{name}",
            Severity.WARNING,
            file,
            sheet,
            first_row,
            columns.get(name, ""),
            header,
            params={"agent": cells[0][1]},
        )
    return Problem(
        f"roster.blanks_{name}",
        Severity.WARNING,
        file,
        sheet,
        first_row,
        columns.get(name, ""),
        header,
        params={
            "count": len(cells),
            "rows": _listed(
                [both("rows.of_agent", row=row, agent=agent) for row, agent in cells[:_MAX_LISTED]],
                cut=len(cells) > _MAX_LISTED,
            ),
        },
    )


def _listed(items: list[str] | list[Bilingual], cut: bool = False) -> Bilingual:
    """``items`` as one list in each language, ending in "…" when ``cut`` (more were left out)."""
    return listed(items, cut=cut)
