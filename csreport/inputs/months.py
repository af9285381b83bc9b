"""Which months a file's data belongs to, told from the file alone.

The drop folder (``csreport watch``) may hold two months' files and a roster: it groups the
files by month, then scores each month with its own files plus the month-less ones. A file is
read here the way ``load_dataset`` reads it (the same reader, header detection and date
parsing), up to its dates: no cross-checks, no scoring.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from csreport.inputs.cells import Context
from csreport.inputs.dataset import ROLES_WITH_DATES, year_hint
from csreport.inputs.headers import ROLE_NAMES, detect_sheet, required_missing
from csreport.inputs.interviews import is_results_workbook
from csreport.inputs.mapping import UserMapping
from csreport.inputs.sample_check import chat_list
from csreport.inputs.tables import SheetSource, build_table
from csreport.inputs.values import PartialDate
from csreport.inputs.workbook import MAX_ROWS, damage_as_refusal, sheets_from_bytes
from csreport.messages import Bilingual, listed, translate
from csreport.problems import CsreportError, Problem, Severity


@dataclass(frozen=True)
class FileMonths:
    """What a file holds, as far as grouping by month needs to know."""

    name: str
    # Rows per month (YYYY-MM) of its dated rows.
    months: dict[str, int] = field(default_factory=dict)
    # The months of days written without a year (``10月3日``) when no year was to be found.
    partial: frozenset[int] = frozenset()
    roster: bool = False  # it holds a roster (花名册), which goes with every month
    # It holds attendance, reception or QA rows without a date column, which go with every month.
    undated: bool = False
    # Nothing to score, and nothing wrong: a chat list (会话清单), a results workbook of csreport's.
    aside: bool = False
    # Why nothing of it can be used, in both languages (it is then not part of any month).
    refused: Bilingual | None = None

    @property
    def data(self) -> bool:
        """It holds rows to score (dated or not)."""
        return bool(self.months or self.partial or self.undated)


def file_months(
    name: str, data: bytes, mapping: UserMapping | None = None, month: str | None = None
) -> FileMonths:
    """The months of the file ``name`` whose bytes are ``data``; ``month`` (YYYY-MM) gives the
    year of days written without one, as ``run --month`` does. Never raises for the file's content:
    a file that cannot be used says why in ``refused``."""
    try:
        with damage_as_refusal():
            return _file_months(name, data, mapping, month)
    except CsreportError as exc:
        return FileMonths(name, refused=Bilingual(exc.message("zh"), exc.message("en")))


def _file_months(name: str, data: bytes, mapping: UserMapping | None, month: str | None) -> FileMonths:
    sheets = sheets_from_bytes(data, name)
    if is_results_workbook(s.name for s in sheets):
        return FileMonths(name, aside=True)  # read for its 面谈 sheet only, with any month
    months: Counter[str] = Counter()
    partial: set[int] = set()
    roster = undated = aside = False
    why: Problem | None = None
    for sheet in sheets:
        if sheet.chart or sheet.hidden or not sheet.rows:
            continue
        match = detect_sheet(sheet.rows, mapping).match
        if match is None:
            continue
        missing = required_missing(match.role, set(match.columns.values()))
        if missing and chat_list(name, sheet.name, match) is not None:
            aside = True
            continue
        if missing:
            why = why or Problem(
                "sheet.missing_columns",
                Severity.ERROR,
                sheet=sheet.name,
                params={"role": ROLE_NAMES[match.role], "columns": listed(missing)},
            )
            continue
        if match.role not in ROLES_WITH_DATES:
            roster = True
            continue
        context = Context(year_hint(month, name, sheet.rows[: match.row_index]), sheet.date1904)
        source = SheetSource(name, sheet.name, sheet.first_col, sheet.flags)
        table = build_table(sheet.rows, match, source, context, max_rows=MAX_ROWS, user=mapping)
        dates = table.columns.get("date")
        if dates is None:
            undated = undated or len(table) > 0
            continue
        for day in dates:
            if isinstance(day, dt.date):
                months[f"{day.year:04d}-{day.month:02d}"] += 1
            elif isinstance(day, PartialDate):
                partial.add(day.month)
    found = FileMonths(name, dict(months), frozenset(partial), roster, undated, aside)
    if found.data or roster or aside:
        return found
    problem = why or Problem("file.no_sheets", Severity.ERROR)
    return FileMonths(name, refused=Bilingual(_said(problem, "zh"), _said(problem, "en")))


def _said(problem: Problem, lang: str) -> str:
    """The problem's message, after its sheet when it has one (the file is named beside it)."""
    where = problem.location(lang)
    return where + translate("loc.colon", lang) + problem.message(lang) if where else problem.message(lang)
