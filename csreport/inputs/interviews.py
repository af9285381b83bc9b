"""Read a filled 面谈 sheet back: the interviews a manager wrote into a results workbook.

The workbook is read with ``read_workbook`` like every input, so any file is size-bounded and a
damaged one is one clear refusal. The sheet is found by its name (面谈 or Interviews), its
columns by their headers in either language, wherever the manager moved them; only the 工号
column is required. The month comes from the title (面谈记录 2026-10 · 本店), else from the file
name. Each cell that cannot be used is a ``Problem`` with its sheet, Excel row, column letter and
header; the rest of its row is still read. A row with nothing filled in is no interview.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csreport.history.model import Interview
from csreport.inputs.tables import column_letter
from csreport.inputs.values import PartialDate, clean_text, display, parse_date, parse_id
from csreport.inputs.workbook import RawSheet, read_workbook
from csreport.messages import MESSAGES, Bilingual, listed
from csreport.problems import CsreportError, Problem, Severity
from csreport.util.report_names import RESULTS_PREFIX

# Each field of a row and the catalogue code of its header (the sheet's own words).
HEADERS = {
    "agent_id": "workbook.agent_id",
    "name": "workbook.name",
    "grade": "workbook.grade",
    "points": "interviews.col.points",
    "judgement": "interviews.col.judgement",
    "reason": "interviews.col.reason",
    "reason_note": "interviews.col.note",
    "plan": "interviews.col.plan",
    "date": "interviews.col.date",
}
# The columns a manager fills in: a row with none of them filled is no interview.
FILLED = ("points", "judgement", "reason", "reason_note", "plan", "date")
# The 原因 column's values; the Chinese is what history keeps.
REASONS = (
    "interviews.reason.traffic",
    "interviews.reason.promotion",
    "interviews.reason.season",
    "interviews.reason.other",
)
SHEET_CODE = "workbook.sheet.interviews"
# The sheets only csreport's results workbook has together (in one language).
RESULTS_SHEETS = ("workbook.sheet.summary", "workbook.sheet.detail", SHEET_CODE)
# The header row is among the first rows; the title's month is above it.
HEADER_SEARCH_ROWS = 20
_MONTH = re.compile(r"(20\d\d)-(0[1-9]|1[0-2])(?!\d)")


@dataclass
class InterviewSheet:
    """The interviews of one filled 面谈 sheet: its month, the rows read, and what could not be."""

    file: str
    sheet: str
    month: str  # YYYY-MM; "" when neither the title nor the file name gives it (then no rows)
    rows: list[Interview] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    id_column: str = ""  # the 工号 column's letter and header as written, for problems about a row
    id_header: str = ""


def _squeezed(text: Any) -> str:
    """``text`` NFKC-normalised (full-width to half-width), without spaces or line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def _key(text: Any) -> str:
    """A header or sheet name as compared: squeezed (:func:`_squeezed`) and case-folded."""
    return _squeezed(text).casefold()


def _both(code: str) -> set[str]:
    """The keys of a catalogue text in both languages, and of an English label without its
    Chinese gloss ("Agent ID (工号)" is also "Agent ID")."""
    zh, en = MESSAGES[code]
    return {_key(zh), _key(en), _key(re.sub(r"\s*\([^()]*\)$", "", en))}


_SHEET_NAMES = _both(SHEET_CODE)
_HEADER_KEYS = {fld: _both(code) for fld, code in HEADERS.items()}
_REASON_KEYS = {key: MESSAGES[code][0] for code in REASONS for key in _both(code)}


def _options_pattern(template: str) -> re.Pattern[str]:
    """The options line of the sheet in one language, its grades captured."""
    before, _, after = template.partition("{grades}")
    between = after.partition("{reasons}")[0]
    return re.compile(
        re.escape(_squeezed(before)) + "(?P<grades>.+?)" + re.escape(_squeezed(between)), re.IGNORECASE
    )


_OPTIONS = [_options_pattern(text) for text in MESSAGES["interviews.options"]]
_LIST_SEP = re.compile("|".join(re.escape(sep.strip()) for sep in MESSAGES["list.sep"]))


def is_results_workbook(sheet_names: Iterable[str]) -> bool:
    """Whether a workbook with these sheets is a csreport results workbook: it has the 汇总 sheet
    and the 面谈 or the 计算明细 sheet, named in one language (an input workbook may well have a
    汇总 sheet of its own, but not with these)."""
    names = {_key(n) for n in sheet_names}
    for lang in (0, 1):
        summary, detail, interviews = (_key(MESSAGES[code][lang]) for code in RESULTS_SHEETS)
        if summary in names and (detail in names or interviews in names):
            return True
    return False


def interview_sheet(sheets: Sequence[RawSheet]) -> RawSheet | None:
    """The 面谈 (Interviews) sheet among ``sheets``, None when there is none."""
    return next((s for s in sheets if not s.chart and _key(s.name) in _SHEET_NAMES), None)


def read_interviews(
    path: Path,
    grades: Sequence[str] | None = None,
    known: Callable[[str], Collection[str] | None] | None = None,
) -> InterviewSheet:
    """The interviews of the 面谈 sheet of the workbook at ``path``.

    A judgement is checked against ``grades`` when given (the rules' grade names), else against
    the options the sheet lists above its table. ``known`` gives, for the sheet's month, the 工号
    scored that month (None: the month is not known, nothing checked); a row of another 工号 is
    an error and not read. Raises ``CsreportError`` when the file cannot be
    read or has no 面谈 sheet.
    """
    path = Path(path)
    sheets = read_workbook(path).sheets
    sheet = interview_sheet(sheets)
    if sheet is None:
        raise CsreportError("interviews.no_sheet", file=path.name, example=f"{RESULTS_PREFIX}2026-10.xlsx")
    return interviews_from_sheet(path.name, sheet, grades, known)


def interviews_from_sheet(
    file: str,
    sheet: RawSheet,
    grades: Sequence[str] | None = None,
    known: Callable[[str], Collection[str] | None] | None = None,
) -> InterviewSheet:
    """:func:`read_interviews` on a sheet already read, from the file named ``file``."""
    return _Reader(file, sheet, grades, known).read()


class _Reader:
    """One 面谈 sheet being read: where its columns are, and the problems found so far."""

    def __init__(
        self,
        file: str,
        sheet: RawSheet,
        grades: Sequence[str] | None,
        known: Callable[[str], Collection[str] | None] | None = None,
    ) -> None:
        self.known = known
        self.agents: Collection[str] | None = None  # the month's 工号, when known
        self.file = file
        self.sheet = sheet
        self.grades = list(grades) if grades else []
        self.problems: list[Problem] = []
        self.columns: dict[str, int] = {}  # field -> index in the row lists
        self.headers: dict[str, str] = {}  # field -> the header as written

    def problem(
        self,
        code: str,
        severity: Severity,
        row: int | None,
        fld: str | None = None,
        value: Any = None,
        **params: Any,
    ) -> None:
        column = header = ""
        if fld is not None and fld in self.columns:
            column = column_letter(self.sheet.first_col + self.columns[fld])
            header = self.headers[fld]
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

    def read(self) -> InterviewSheet:
        rows = self.sheet.rows
        header_at = self._header_row()
        month = self._month(rows[: header_at if header_at is not None else HEADER_SEARCH_ROWS])
        out = InterviewSheet(self.file, self.sheet.name, month, problems=self.problems)
        if header_at is None or "agent_id" not in self.columns:
            self.problem(
                "interviews.no_id_column", Severity.ERROR, None if header_at is None else header_at + 1
            )
            return out
        if not month:
            self.problem("interviews.no_month", Severity.ERROR, 1)
            return out
        if not self.grades:
            self.grades = self._listed_grades(rows[:header_at])
        if self.known is not None:
            self.agents = self.known(month)
        out.id_column = column_letter(self.sheet.first_col + self.columns["agent_id"])
        out.id_header = self.headers["agent_id"]
        seen: dict[str, int] = {}
        for index in range(header_at + 1, len(rows)):
            found = self._row(rows[index], index + 1, month, seen)
            if found is not None:
                out.rows.append(found)
        return out

    def _header_row(self) -> int | None:
        """The first row naming at least two known columns; the columns' places and headers."""
        for index, row in enumerate(self.sheet.rows[:HEADER_SEARCH_ROWS]):
            columns: dict[str, int] = {}
            headers: dict[str, str] = {}
            for pos, cell in enumerate(row):
                if not isinstance(cell, str) or not cell.strip():
                    continue
                key = _key(cell)
                fld = next((f for f, keys in _HEADER_KEYS.items() if key in keys), None)
                if fld is not None and fld not in columns:
                    columns[fld] = pos
                    headers[fld] = clean_text(cell.replace("\n", " "))
            if len(columns) >= 2:
                self.columns, self.headers = columns, headers
                return index
        return None

    def _month(self, title_rows: list[list[Any]]) -> str:
        """The month the title (the first row with text) gives, else the file name's. The hint
        below the title names a file with a month too, so it is not looked at."""
        title = next((row for row in title_rows if any(isinstance(c, str) and c.strip() for c in row)), [])
        texts = [c for c in title if isinstance(c, str)] + [self.file]
        for text in texts:
            m = _MONTH.search(unicodedata.normalize("NFKC", text))
            if m:
                return f"{m.group(1)}-{m.group(2)}"
        return ""

    def _listed_grades(self, title_rows: list[list[Any]]) -> list[str]:
        """The judgement options the sheet lists above its table (empty: not checked)."""
        for row in title_rows:
            for cell in row:
                if not isinstance(cell, str):
                    continue
                for pattern in _OPTIONS:
                    found = pattern.search(_squeezed(cell))
                    if found:
                        return [g for g in _LIST_SEP.split(found["grades"]) if g]
        return []

    def _cell(self, row: list[Any], fld: str) -> Any:
        pos = self.columns.get(fld)
        if pos is None or pos >= len(row):
            return None
        value = row[pos]
        return None if isinstance(value, str) and not value.strip() else value

    def _text(self, row: list[Any], fld: str) -> str:
        value = self._cell(row, fld)
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        return display(value)

    def _row(self, row: list[Any], excel_row: int, month: str, seen: dict[str, int]) -> Interview | None:
        """The interview of one row, None when the row holds none (or cannot be used)."""
        if not any(self._cell(row, fld) is not None for fld in FILLED):
            return None
        raw_id = self._cell(row, "agent_id")
        agent = parse_id(raw_id) if raw_id is not None and not isinstance(raw_id, bool) else ""
        if not agent:
            self.problem("interviews.row_without_id", Severity.ERROR, excel_row, "agent_id")
            return None
        if self.agents is not None and agent not in self.agents:
            self.problem(
                "interviews.unknown_agent", Severity.ERROR, excel_row, "agent_id", agent, month=month
            )
            return None
        if agent in seen:
            self.problem(
                "interviews.duplicate", Severity.ERROR, excel_row, "agent_id", agent, first=seen[agent]
            )
            return None
        seen[agent] = excel_row
        judgement = self._judgement(row, excel_row)
        reason = self._reason(row, excel_row)
        grade = self._text(row, "grade")
        if judgement and grade and judgement != grade and not reason and self._cell(row, "reason") is None:
            self.problem(
                "interviews.no_reason",
                Severity.WARNING,
                excel_row,
                "reason" if "reason" in self.columns else "judgement",
                judgement=judgement,
                grade=grade,
                reasons=_reasons(),
            )
        return Interview(
            month=month,
            agent_id=agent,
            name=self._text(row, "name"),
            points=self._text(row, "points"),
            judgement=judgement,
            reason=reason,
            reason_note=self._text(row, "reason_note"),
            plan=self._text(row, "plan"),
            date=self._date(row, excel_row, month),
            source=self.file,
            row=excel_row,
        )

    def _judgement(self, row: list[Any], excel_row: int) -> str:
        text = self._text(row, "judgement")
        if not text:
            return ""
        if self.grades:
            match = next((g for g in self.grades if _key(g) == _key(text)), None)
            if match is None:
                self.problem(
                    "interviews.bad_judgement",
                    Severity.ERROR,
                    excel_row,
                    "judgement",
                    self._cell(row, "judgement"),
                    grades=listed(self.grades),
                )
                return ""
            return match
        return unicodedata.normalize("NFKC", text)

    def _reason(self, row: list[Any], excel_row: int) -> str:
        text = self._text(row, "reason")
        if not text:
            return ""
        found = _REASON_KEYS.get(_key(text))
        if found is None:
            self.problem(
                "interviews.bad_reason",
                Severity.ERROR,
                excel_row,
                "reason",
                self._cell(row, "reason"),
                reasons=_reasons(),
            )
            return ""
        return found

    def _date(self, row: list[Any], excel_row: int, month: str) -> str:
        value = self._cell(row, "date")
        if value is None:
            return ""
        start, end = date_window(month)
        try:
            day = parse_date(value, start.year, self.sheet.date1904)
        except ValueError:
            day = None
        if isinstance(day, PartialDate) or day is None:
            self.problem("interviews.bad_date", Severity.ERROR, excel_row, "date", value)
            return ""
        if day < start and isinstance(value, str) and not re.search(r"\d{4}", value):
            day = day.replace(year=day.year + 1)  # 1月5日 after a December: next year's
        if not start <= day <= end:
            self.problem(
                "interviews.date_out_of_range",
                Severity.ERROR,
                excel_row,
                "date",
                day.isoformat(),
                start=start.isoformat(),
                end=end.isoformat(),
                month=month,
            )
            return ""
        return day.isoformat()


def date_window(month: str) -> tuple[dt.date, dt.date]:
    """The days an interview on ``month`` (YYYY-MM) may be held: from the month's first day to the
    last day of the month after it."""
    year, mon = int(month[:4]), int(month[5:7])
    after = dt.date(year + mon // 12, mon % 12 + 1, 1)
    following = dt.date(after.year + after.month // 12, after.month % 12 + 1, 1)
    return dt.date(year, mon, 1), following - dt.timedelta(days=1)


def _reasons() -> Bilingual:
    """The reasons one may give, in each language."""
    return listed([Bilingual(*MESSAGES[code]) for code in REASONS])
