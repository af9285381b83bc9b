"""Reading a calibration sheet: several reviewers scoring the same chats, item by item.

The file is read with ``read_workbook`` like every input (size-bounded; a damaged file is one
refusal). Its sheet is recognised by its headers, like a 质检抽查 sheet (the user's mapping
first, then the aliases of ``aliases.yaml``): 会话编号 and 评分人 are required, with the ten items
(headers as in ``domain.ATTITUDE_ITEMS``) or 态度得分; 工号 and 差错类型 are optional. A 会话编号
is read as every reader compares it (``values.canonical_chat_id``: ``1234567890123.0`` is
``1234567890123``).

One round of calibration is one sheet: the first sheet so recognised is read, and any later
sheet that would also be recognised is named in a note and not read (each round in its own
file, so one report never mixes rounds).

Each problem is located (file, sheet, Excel row, column letter, header):

- an item below 0 or above its maximum, a 态度得分 outside 0–100, or a score that is not a
  number: the row is left out;
- a blank 评分人 or 会话编号, a 会话编号 whose last digits Excel dropped (scientific notation), or
  a row with neither items nor 态度得分: the row is left out;
- the same reviewer scoring the same chat twice: identical rows are kept once (a warning);
  rows that differ are all left out (an error on each);
- 态度得分 that differs from the sum of all ten items: a warning, the items win;
- some items filled and no 态度得分: a warning, the row counts only in the per-item figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csreport.calibration_data import Rating
from csreport.domain import SUMMARY_MARKERS
from csreport.inputs.cells import BOUNDED
from csreport.inputs.headers import ITEM_FIELDS, detect_sheet
from csreport.inputs.mapping import UserMapping
from csreport.inputs.values import (
    canonical_chat_id,
    clean_text,
    display,
    is_blank,
    is_placeholder,
    parse_id,
    parse_number,
)
from csreport.inputs.workbook import RawSheet, read_workbook
from csreport.inputs.xlsx_scan import column_letter
from csreport.messages import Bilingual, both, listed
from csreport.problems import CsreportError, Problem, Severity

__all__ = ["REQUIRED", "CalibrationSheet", "read_calibration_sheet"]

REQUIRED = ("chat_id", "reviewer")
# A 态度得分 this close to the items' sum is the same number (typed 87.5 against 87.49999…).
_TOLERANCE = 1e-6


@dataclass(frozen=True)
class CalibrationSheet:
    """The rows of one calibration sheet that can be used, and what reading it found."""

    file: str
    sheet: str
    sha256: str  # of the file's bytes: the report records which file it was made from
    ratings: tuple[Rating, ...]
    problems: tuple[Problem, ...]
    has_items: bool  # the sheet has at least one of the ten item columns
    has_total: bool  # the sheet has a 态度得分 column
    left_out: int  # data rows left out (errors)


def read_calibration_sheet(path: Path, mapping: UserMapping | None = None) -> CalibrationSheet:
    """Read ``path`` (xlsx, xls, csv) as a calibration sheet, its headers recognised with the
    user's ``mapping`` first; a file without one raises ``CsreportError`` naming what is
    missing."""
    path = Path(path)
    read = read_workbook(path)
    file = path.name
    # (sheet, field -> position, position -> header as written, first data row's index)
    found: list[tuple[RawSheet, dict[str, int], dict[int, str], int]] = []
    nearest: tuple[RawSheet, set[str]] | None = None
    for sheet in read.sheets:
        if sheet.chart or sheet.hidden:
            continue
        detection = detect_sheet(sheet.rows, mapping)
        match = detection.match
        if match is None or match.role != "qa":
            continue
        columns = {f: p for p, f in match.columns.items()}
        fields = set(columns)
        scored = bool(fields & {"attitude_score", *ITEM_FIELDS})
        if all(f in fields for f in REQUIRED) and scored:
            found.append((sheet, columns, match.headers, match.data_start))
        elif nearest is None:
            nearest = (sheet, fields)
    if not found:
        if nearest is not None:
            sheet, fields = nearest
            raise CsreportError(
                "calibration.missing_columns",
                file=file,
                sheet=sheet.name,
                columns=_missing_words(fields),
            )
        raise CsreportError("calibration.no_sheet", file=file)
    sheet, columns, headers, start = found[0]
    problems: list[Problem] = []
    if len(found) > 1:
        others = listed([other[0].name for other in found[1:]], "list.names")
        problems.append(
            Problem(
                "calibration.other_sheets",
                Severity.INFO,
                file,
                sheet.name,
                params={"others": others},
            )
        )
    reader = _Reader(file, sheet, columns, headers, problems)
    ratings = reader.read(start)
    # In the sheet's order: a duplicate found after the whole sheet was read is told at its row.
    problems.sort(key=lambda p: p.row or 0)
    return CalibrationSheet(
        file,
        sheet.name,
        read.digest,
        tuple(ratings),
        tuple(problems),
        any(f in columns for f in ITEM_FIELDS),
        "attitude_score" in columns,
        reader.left_out,
    )


def _missing_words(fields: set[str]) -> Bilingual:
    """What a sheet lacks to be a calibration sheet, in words: "评分人，以及十项评分或态度得分"."""
    columns = [both(f"calibration.column.{f}") for f in REQUIRED if f not in fields]
    if fields & {"attitude_score", *ITEM_FIELDS}:
        return listed(columns)
    if not columns:
        return both("calibration.column.scores")
    return both("calibration.column.and_scores", columns=listed(columns))


class _Reader:
    """One calibration sheet being read: where its columns are and the problems found so far."""

    def __init__(
        self,
        file: str,
        sheet: RawSheet,
        columns: dict[str, int],
        headers: dict[int, str],
        problems: list[Problem],
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.columns = columns
        self.headers = headers
        self.problems = problems
        self.left_out = 0

    def problem(
        self,
        code: str,
        severity: Severity,
        row: int,
        fld: str | None = None,
        value: Any = None,
        **params: Any,
    ) -> None:
        column = header = ""
        if fld is not None and fld in self.columns:
            pos = self.columns[fld]
            column = column_letter(self.sheet.first_col + pos)
            header = clean_text(str(self.headers.get(pos, "")).replace("\n", " "))
        self.problems.append(
            Problem(
                code,
                severity,
                self.file,
                self.sheet.name,
                row,
                column,
                header,
                "" if value is None else display(value),
                params=params,
            )
        )

    def cell(self, raw_row: list[Any], fld: str) -> Any:
        pos = self.columns.get(fld)
        if pos is None or pos >= len(raw_row):
            return None
        value = raw_row[pos]
        if isinstance(value, float) and math.isnan(value):
            return None
        return value

    def read(self, start: int) -> list[Rating]:
        kept: list[Rating] = []
        for index in range(start, len(self.sheet.rows)):
            raw = self.sheet.rows[index]
            if all(is_blank(c) for c in raw):
                continue
            rating = self._row(raw, index + 1)
            if rating is not None:
                kept.append(rating)
        return self._duplicates(kept)

    def _row(self, raw: list[Any], row: int) -> Rating | None:
        chat_raw, reviewer_raw = self.cell(raw, "chat_id"), self.cell(raw, "reviewer")
        try:
            chat, shortened = canonical_chat_id(chat_raw) or "", False
        except ValueError:
            chat, shortened = "", True
        reviewer = clean_text(reviewer_raw)
        if chat in SUMMARY_MARKERS or reviewer in SUMMARY_MARKERS:
            self.problem(
                "row.summary", Severity.INFO, row, value=chat if chat in SUMMARY_MARKERS else reviewer
            )
            return None
        bad = False
        if shortened:
            self.problem("calibration.row.bad_chat_id", Severity.ERROR, row, "chat_id", chat_raw)
            bad = True
        elif not chat:
            self.problem("calibration.row.no_chat", Severity.ERROR, row, "chat_id")
            bad = True
        if not reviewer:
            self.problem("calibration.row.no_reviewer", Severity.ERROR, row, "reviewer")
            bad = True
        items: list[float | None] = []
        for fld in ITEM_FIELDS:
            value, ok = self._score(raw, row, fld, BOUNDED[fld])
            items.append(value)
            bad = bad or not ok
        typed, ok = self._score(raw, row, "attitude_score", BOUNDED["attitude_score"])
        bad = bad or not ok
        if not bad and typed is None and all(x is None for x in items):
            self.problem("calibration.row.nothing_scored", Severity.ERROR, row)
            bad = True
        if bad:
            self.left_out += 1
            return None
        filled = [x for x in items if x is not None]
        total: float | None = typed
        if len(filled) == len(items):
            total = float(sum(filled))
            if typed is not None and abs(typed - total) > _TOLERANCE:
                self.problem(
                    "calibration.row.total_mismatch",
                    Severity.WARNING,
                    row,
                    "attitude_score",
                    typed,
                    total=display(round(total, 6)),
                )
        elif filled and typed is None:
            code = "calibration.row.no_total_one" if len(filled) == 1 else "calibration.row.no_total"
            self.problem(code, Severity.WARNING, row, filled=len(filled), items=len(items))
        agent_raw = self.cell(raw, "agent_id")
        error_raw = self.cell(raw, "error_type")
        return Rating(
            chat,
            reviewer,
            "" if is_blank(agent_raw) else parse_id(agent_raw),
            tuple(items),
            typed,
            total,
            "" if is_blank(error_raw) or is_placeholder(error_raw) else clean_text(error_raw),
            row,
        )

    def _score(self, raw: list[Any], row: int, fld: str, high: float) -> tuple[float | None, bool]:
        """A score cell: (value, usable). Blank and placeholders (-, /) are no score."""
        value = self.cell(raw, fld)
        if is_blank(value) or is_placeholder(value):
            return None, True
        try:
            number = parse_number(value)
        except (ValueError, TypeError, OverflowError):
            self.problem("calibration.cell.not_number", Severity.ERROR, row, fld, value)
            return None, False
        if number < 0:
            self.problem("calibration.cell.negative", Severity.ERROR, row, fld, value)
            return None, False
        if number > high:
            self.problem("calibration.cell.above_max", Severity.ERROR, row, fld, value, high=display(high))
            return None, False
        return number, True

    def _duplicates(self, kept: list[Rating]) -> list[Rating]:
        """The same reviewer and chat twice: identical rows kept once, differing rows all left out."""
        groups: dict[tuple[str, str], list[Rating]] = {}
        for r in kept:
            groups.setdefault((r.chat_id, r.reviewer), []).append(r)
        dropped: set[int] = set()
        for (chat, reviewer), rows in groups.items():
            if len(rows) < 2:
                continue
            first = rows[0]
            same = all(_scores(r) == _scores(first) for r in rows[1:])
            if same:
                for r in rows[1:]:
                    dropped.add(r.row)
                    self.problem(
                        "calibration.row.duplicate",
                        Severity.WARNING,
                        r.row,
                        "chat_id",
                        chat,
                        reviewer=reviewer,
                        first_row=first.row,
                    )
                continue
            numbers = [r.row for r in rows]
            for r in rows:
                dropped.add(r.row)
                self.left_out += 1
                others = [str(n) for n in numbers if n != r.row]
                self.problem(
                    "calibration.row.conflict" if len(others) == 1 else "calibration.row.conflict_many",
                    Severity.ERROR,
                    r.row,
                    "chat_id",
                    chat,
                    reviewer=reviewer,
                    rows=listed(others, "list.names"),
                )
        return [r for r in kept if r.row not in dropped]


def _scores(r: Rating) -> tuple[Any, ...]:
    """What makes two rows of one reviewer and chat the same scoring."""
    return (r.items, r.typed_total, r.error_type, r.agent_id)
