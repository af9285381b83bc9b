"""Reading a filled 晋级评审 workbook back: each agent's final 级别 as the manager decided it.

The sheet is the one named 晋级评审 (or Level review), else the first. Its period is read
from the title above the header ("… 2026-05 – 2026-10"); its header row is the first of the top
rows holding both 工号 and 最终级别 (in either language); the other columns are found by their
headers too, so a manager may move or add columns. A blank 最终级别 is no decision. Problems
(a level not on the ladder, a 工号 twice, a final level without a 工号, no period in the title)
name the file, sheet, Excel row, column letter and header; no header at all is one
``CsreportError`` naming the file and sheet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csreport.inputs.headers import normalize_header
from csreport.inputs.values import clean_text, parse_id
from csreport.inputs.workbook import RawSheet, read_workbook
from csreport.inputs.xlsx_scan import column_letter
from csreport.messages import listed, translate
from csreport.problems import CsreportError, Problem, Severity

__all__ = ["ReviewDecision", "ReviewDecisions", "read_review_decisions"]

HEADER_SEARCH_ROWS = 30  # the header is among the top rows
_PERIOD = re.compile(r"(\d{4}-\d{2})\s*[–—~-]\s*(\d{4}-\d{2})")
# The columns read, by the catalogue code of their header; 工号 and 最终级别 must be there.
COLUMNS = {
    "agent_id": "workbook.agent_id",
    "name": "workbook.name",
    "current": "review.col.current",
    "suggested": "review.col.suggested",
    "final": "review.col.final",
    "note": "review.col.note",
}
REQUIRED = ("agent_id", "final")
SHEET_CODE = "review.sheet.review"


@dataclass(frozen=True)
class ReviewDecision:
    """One agent's row: who, the current and suggested 级别, the final one (None: no decision)."""

    agent_id: str
    name: str
    current: str
    suggested: str
    final: str | None
    note: str
    row: int  # the Excel row


@dataclass(frozen=True)
class ReviewDecisions:
    """A filled review workbook as read: its period, its rows and what was wrong in it."""

    path: Path
    sheet: str
    start: str  # YYYY-MM, "" when the title names no period
    end: str
    rows: tuple[ReviewDecision, ...]
    problems: tuple[Problem, ...]

    @property
    def decided(self) -> tuple[ReviewDecision, ...]:
        """The rows with a final 级别."""
        return tuple(r for r in self.rows if r.final is not None)


def _names(code: str) -> set[str]:
    return {normalize_header(translate(code, lang)) for lang in ("zh", "en")}


def _sheet(sheets: list[RawSheet]) -> RawSheet | None:
    wanted = _names(SHEET_CODE)
    visible = [s for s in sheets if not s.chart]
    named = [s for s in visible if normalize_header(s.name) in wanted]
    found = named or visible
    return found[0] if found else None


def _header(sheet: RawSheet) -> tuple[int, dict[str, int], dict[int, str]] | None:
    """(row index, field -> column index, column index -> header as written) of the header row."""
    names = {key: _names(code) for key, code in COLUMNS.items()}
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        written: dict[int, str] = {}
        for col, cell in enumerate(row):
            text = normalize_header(cell) if cell is not None else ""
            for key, options in names.items():
                if text and text in options and key not in found:
                    found[key] = col + sheet.first_col
                    written[col + sheet.first_col] = " ".join(str(cell).split())
        if all(key in found for key in REQUIRED):
            return index, found, written
    return None


def _cell(row: list[Any], col: int | None, first_col: int) -> Any:
    if col is None:
        return None
    at = col - first_col
    return row[at] if 0 <= at < len(row) else None


def read_review_decisions(
    path: Path,
    ladder: Sequence[str | tuple[str, str]],
    known: Callable[[str, str], Collection[str]] | None = None,
) -> ReviewDecisions:
    """Read the filled review workbook at ``path`` against ``ladder`` (the level names, lowest
    first, or (name, English name) pairs: an English name written as the final level means its
    level). Raises ``CsreportError`` when the file cannot be read or holds no review header."""
    path = Path(path)
    sheets = read_workbook(path).sheets
    sheet = _sheet(sheets)
    if sheet is None:
        raise CsreportError("review.read.no_header", file=path.name, sheet="")
    found = _header(sheet)
    if found is None:
        raise CsreportError("review.read.no_header", file=path.name, sheet=sheet.name)
    header_index, cols, written = found
    names = [item if isinstance(item, str) else item[0] for item in ladder]
    levels: dict[str, str] = {}
    for item in ladder:
        name, english = (item, "") if isinstance(item, str) else item
        levels[normalize_header(name)] = name
        if english:
            levels.setdefault(normalize_header(english), name)
    problems: list[Problem] = []

    def problem(
        code: str, row: int, key: str, value: str, severity: Severity = Severity.ERROR, **params: Any
    ) -> None:
        col = cols.get(key)
        problems.append(
            Problem(
                code,
                severity,
                file=path.name,
                sheet=sheet.name,
                row=row,
                column=column_letter(col) if col is not None else "",
                header=written.get(col, "") if col is not None else "",
                value=value,
                params=params,
            )
        )

    start = end = ""
    for row in sheet.rows[:header_index]:
        match = _PERIOD.search(" ".join(str(c) for c in row if c is not None))
        if match:
            start, end = match[1], match[2]
            break
    if not start:
        problems.append(
            Problem("review.read.no_period", Severity.ERROR, file=path.name, sheet=sheet.name, row=1)
        )
    # The agents of the period (``known``): a final level for another 工号 would be recorded
    # for nobody while the agent meant keeps the old level.
    agents = known(start, end) if known is not None and start else None
    seen: dict[str, int] = {}
    rows: list[ReviewDecision] = []
    shown_ladder = listed(names)
    for index in range(header_index + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        excel_row = index + 1

        def text(key: str, cells: list[Any] = cells) -> str:
            return clean_text(_cell(cells, cols.get(key), sheet.first_col))

        try:
            agent_id = parse_id(_cell(cells, cols["agent_id"], sheet.first_col))
        except ValueError:
            agent_id = text("agent_id")
        final_text = text("final")
        if not agent_id:
            if final_text:
                problem("review.read.no_id", excel_row, "agent_id", final_text)
            continue
        if agents is not None and final_text and agent_id not in agents:
            problem("review.read.unknown_agent", excel_row, "agent_id", agent_id, start=start, end=end)
            continue
        if agent_id in seen:
            problem("review.read.duplicate_id", excel_row, "agent_id", agent_id, first=seen[agent_id])
            continue
        seen[agent_id] = excel_row
        final: str | None = None
        if final_text:
            final = levels.get(normalize_header(final_text))
            if final is None:
                problem("review.read.unknown_level", excel_row, "final", final_text, levels=shown_ladder)
        rows.append(
            ReviewDecision(
                agent_id=agent_id,
                name=text("name"),
                current=text("current"),
                suggested=text("suggested"),
                final=final,
                note=text("note"),
                row=excel_row,
            )
        )
    return ReviewDecisions(path, sheet.name, start, end, tuple(rows), tuple(problems))
