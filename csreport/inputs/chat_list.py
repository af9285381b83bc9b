"""A month's chat list as the back office exports it, read for QA sampling (csreport sample).

Columns are recognised like every other sheet's (aliases, the user's mapping): 会话编号, the
agent (工号, else 旺旺 / 客服账号), date or time, 满意度 (the five words, 5…1 stars, or blank for
未评价) and optionally the message count and duration. Built for a month of a large shop
(about 900,000 chats): read once, each row turned into its few values as it streams past,
never a Python object per cell kept.

The file is read within ``csreport.inputs.workbook``'s limits (file size, unzipped size,
shared strings, cells per workbook, parts' sizes), checked before anything is allocated for
what they bound, with one difference: a chat list may fill a whole Excel sheet (1,048,575
data rows), where other inputs stop at ``MAX_ROWS``. An .xlsx/.xlsm sheet that is regular and
compact is read by calamine; any other sheet, and .xls/.ods files, go through
``sheets_from_bytes``, the house reader, unchanged. A CSV's records come from ``csv_text`` as
the house reader's do (UTF-8, UTF-8 with a BOM, GBK/GB18030, UTF-16; the delimiter it uses).

The first visible sheet that holds a chat list (a 会话编号 column and an agent column) is read;
sheets after it are not opened. A sheet whose header carries score columns (the ten items, 态度得分,
差错类型, 店铺风险) is a QA score sheet, never a chat list, even though it has both columns.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
import re
import zipfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from csreport.chat_data import LEFT_OUT, SAME_CHAT, ChatList
from csreport.domain import SUMMARY_MARKERS, UNRATED
from csreport.inputs import csv_text
from csreport.inputs import values as v
from csreport.inputs.cells import LARGEST
from csreport.inputs.checks import spans
from csreport.inputs.headers import HEADER_SCAN_ROWS, IGNORE, ROLE_NAMES, canonical, detect_sheet
from csreport.inputs.mapping import UserMapping
from csreport.inputs.sample_check import SCORE_FIELDS
from csreport.inputs.satisfaction import parse_satisfaction
from csreport.inputs.sniff import Kind, sniff
from csreport.inputs.workbook import (
    DENSE_TEXT_BYTES,
    EXCEL_ROWS,
    MAX_CELLS,
    MAX_COLS,
    PackagePlan,
    RawSheet,
    calamine_book,
    calamine_sheet,
    damage_as_refusal,
    fits_dense,
    open_zip,
    plan_package,
    read_input_bytes,
    sheet_shape,
    sheets_from_bytes,
)
from csreport.inputs.xlsx_scan import SheetShape, column_letter
from csreport.messages import Bilingual, both, listed
from csreport.problems import CsreportError, Problem, RefusedWithProblems, Severity
from csreport.util.gc_pause import paused_cycle_collection

# A chat list may fill an Excel sheet: every row but the header's.
CHAT_MAX_ROWS = EXCEL_ROWS - 1
# The columns a chat list gives, in the frame's order (``agent`` is 工号 or 客服账号).
FIELDS = ("chat_id", "agent_id", "subaccount", "name", "date", "satisfaction", "messages", "duration_s")
COLUMNS = ("chat_id", "agent", "name", "date", "satisfaction", "messages", "duration_s", "row")


def read_chat_list(path: Path, mapping: UserMapping | None = None) -> ChatList:
    """Read ``path`` (xlsx, xls, csv) as a chat list; a file that is not one raises CsreportError.

    Rows without a chat id or an agent, with a 满意度 that is not a rating, or with a chat id
    Excel shortened (3.00E+12 as text, or a number cell of 16 digits or more: Excel keeps 15)
    are left out and reported, grouped by column with their rows; the rest is read. A chat
    listed again with the same agent, 满意度, date and message count is kept once (a note); a chat
    whose rows disagree on any of them is set aside whole, one line per chat naming its rows, so
    the list's row order never decides which values count. A date, message count or duration
    that cannot be read is reported and left blank (the chat counts for the month sampled; a
    blank count is not known to be short).

    A list with no readable chat at all (a header only, or every row left out) raises
    ``RefusedWithProblems`` "chat_list.no_chats", naming the file and sheet and carrying the
    located problems of its rows, which the command prints before the refusal.
    """
    data = read_input_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    ext = path.suffix.lower()
    with damage_as_refusal(), paused_cycle_collection():
        kind = sniff(data, ext)
        if kind.name == "text":
            if ext in (".xlsx", ".xlsm", ".ods"):
                raise CsreportError("file.corrupt", reason=both("read.plain_text"))
            found = _from_csv(data, path, kind, mapping)
        elif kind.name == "ooxml":
            found = _first_list(_ooxml_sheets(data, path.name), path.name, mapping)
        else:
            found = _first_list(_raw_sheets(sheets_from_bytes(data, path.name)), path.name, mapping)
    return found.chat_list(path.name, digest)


def months_in(chats: ChatList) -> list[tuple[str, int]]:
    """The months (YYYY-MM) the list's dated chats fall in, with how many chats each, in order."""
    counts = Counter(f"{d.year:04d}-{d.month:02d}" for d in chats.frame["date"] if isinstance(d, dt.date))
    return sorted(counts.items())


# --- sheets as streams of rows ------------------------------------------------------------------


@dataclass
class _Sheet:
    """One worksheet as it streams: ``rows`` from Excel row 1, cells from column ``first_col``."""

    name: str
    rows: Iterator[list[Any]]
    first_col: int = 0
    date1904: bool = False


def _raw_sheets(sheets: list[RawSheet]) -> Iterator[_Sheet]:
    for sheet in sheets:
        if not sheet.hidden and not sheet.chart:
            yield _Sheet(sheet.name, iter(sheet.rows), sheet.first_col, sheet.date1904)


def _ooxml_sheets(data: bytes, name: str) -> Iterator[_Sheet]:
    """The visible worksheets of an .xlsx/.xlsm, each measured within the limits before it is
    read: by calamine when regular and compact, else by the house reader (sparse)."""
    with open_zip(data) as zf:
        plan = plan_package(zf)
        book = calamine_book(data)
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet or meta.visible != SheetVisibleEnum.Visible:
                continue
            _info, shape = sheet_shape(plan, meta.name)
            if not _compact(shape, plan):
                # A stray cell far from the data, or irregular markup: the house reader streams
                # it sparsely (within its own row limit).
                raw = next(s for s in sheets_from_bytes(data, name) if s.name == meta.name)
                yield _Sheet(raw.name, iter(raw.rows), raw.first_col, plan.date1904)
                continue
            yield _calamine_sheet(book, meta.name, plan.date1904)


def _compact(shape: SheetShape, plan: PackagePlan) -> bool:
    """True when calamine may read the sheet: its box, XML and shared text are small (the
    house reader's test for reading a sheet densely)."""
    if not fits_dense(shape):
        return False
    longest = plan.strings.longest
    if shape.shared_cells * longest > DENSE_TEXT_BYTES and plan.strings_info is not None:
        # ``measure_strings`` counts the part's own opening (the XML declaration and <sst …>, some
        # 160 bytes) as if it were a string: a list of 900,000 rows with a few short names would be
        # judged too big for calamine. The longest real item is what calamine copies per cell.
        longest = min(longest, _longest_item(plan.zf, plan.strings_info))
    return shape.shared_cells * longest <= DENSE_TEXT_BYTES


def _longest_item(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The longest ``<si>`` item's markup in bytes, the part's opening left out; an over-estimate
    where an item straddles two blocks, and the whole part when its items are prefixed (<x:si>)."""
    longest = run = 0
    started = False
    with zf.open(info) as fh:
        while block := fh.read(1 << 20):
            if b":si" in block:
                return info.file_size
            pieces = block.split(b"<si")
            if len(pieces) == 1:
                run += len(block) if started else 0
                continue
            if started:
                longest = max(longest, run + len(pieces[0]))
            longest = max(longest, *map(len, pieces[1:-1])) if len(pieces) > 2 else longest
            run, started = len(pieces[-1]), True
    return max(longest, run)


def _calamine_sheet(book: CalamineWorkbook, name: str, date1904: bool) -> _Sheet:
    sheet = calamine_sheet(book, name)
    start = sheet.start
    first_col = int(start[1]) if start else 0
    rows = sheet.iter_rows() if sheet.width <= MAX_COLS else (row[:MAX_COLS] for row in sheet.iter_rows())
    return _Sheet(name, rows, first_col, date1904)


# --- CSV --------------------------------------------------------------------------------------


def _from_csv(data: bytes, path: Path, kind: Kind, mapping: UserMapping | None) -> _Found:
    """The one sheet of a CSV/TSV, decoded as ``read_workbook`` decodes it."""

    def read(encoding: str) -> _Found:
        rows = csv_text.records(data, encoding, csv_text.sniff_dialect(data, encoding), MAX_COLS)
        return _first_list(iter([_Sheet(path.stem, rows)]), path.name, mapping)

    return csv_text.decoded(kind, read)


# --- finding the list and reading its rows ----------------------------------------------------


@dataclass
class _Why:
    """Why a sheet is not a chat list: its role when recognised, the fields it lacks, and the
    score columns that make it a QA score sheet (their headers as written)."""

    sheet: str
    role: str = ""
    missing: tuple[str, ...] = ()
    scores: tuple[str, ...] = ()


def _first_list(sheets: Iterator[_Sheet], file: str, mapping: UserMapping | None) -> _Found:
    """The first sheet that is a chat list, read; else a CsreportError saying why none is."""
    why: list[_Why] = []
    for sheet in sheets:
        head = list(islice(sheet.rows, HEADER_SCAN_ROWS + 1))
        detection = detect_sheet(head, mapping)
        match = detection.match
        if match is None:
            # Header detection wants an agent column; a header naming 会话编号 without one is a
            # chat list lacking it.
            guessed = {f for fs in detection.guess.fed.values() for f in fs} if detection.guess else set()
            why.append(_Why(sheet.name, "", ("agent",)) if "chat_id" in guessed else _Why(sheet.name))
            continue
        scores = tuple(
            match.headers.get(pos, "")
            for pos in sorted({*match.fed, *match.foreign})
            if SCORE_FIELDS.intersection((*match.fed.get(pos, ()), *match.foreign.get(pos, ())))
        )
        if scores:
            # A QA score sheet (a filled 质检抽查 or task workbook) has 会话编号 and 工号 too.
            why.append(_Why(sheet.name, match.role, (), scores))
            continue
        columns = _columns(match.fed, match.foreign)
        missing = tuple(
            name
            for name, needs in (("chat_id", ("chat_id",)), ("agent", ("agent_id", "subaccount")))
            if not any(f in columns for f in needs)
        )
        if missing:
            why.append(_Why(sheet.name, match.role, missing))
            continue
        reader = _Rows(file, sheet, columns, dict(match.headers))
        return reader.read(head[match.data_start :], match.data_start + 1)
    raise _not_a_list(file, why)


def _columns(fed: dict[int, tuple[str, ...]], foreign: dict[int, tuple[str, ...]]) -> dict[str, int]:
    """Field → column position: every field the header names, the leftmost column for each.

    A chat list carries fields of several kinds of sheet (会话编号 and 满意度 of the QA sheet,
    消息数 of none), so the fields header detection set aside as another sheet's count too."""
    out: dict[str, int] = {}
    for pos in sorted(set(fed) | set(foreign)):
        for f in (*fed.get(pos, ()), *foreign.get(pos, ())):
            if f != IGNORE and f in FIELDS and f not in out:
                out[f] = pos
    return out


def _not_a_list(file: str, why: list[_Why]) -> CsreportError:
    """The one-line error for a file holding no chat list: the sheet that came closest."""
    scored = next((w for w in why if w.scores), None)
    if scored is not None:
        shown = [h for h in scored.scores if h][:_SCORES_SHOWN]
        return CsreportError(
            "chat_list.qa_sheet",
            file=file,
            sheet=scored.sheet,
            columns=listed(
                [both("chat_list.score_header", header=h) for h in shown], cut=len(scored.scores) > len(shown)
            ),
        )
    lacking = next((w for w in why if "chat_id" not in w.missing and w.missing), None)
    if lacking is not None:
        return CsreportError(
            "chat_list.missing_columns",
            file=file,
            sheet=lacking.sheet,
            columns=_missing_words(lacking.missing),
        )
    role = next((w for w in why if w.role), None)
    if role is not None:
        return CsreportError(
            "chat_list.other_kind", file=file, sheet=role.sheet, role=ROLE_NAMES.get(role.role, role.role)
        )
    return CsreportError("chat_list.no_header", file=file)


def _missing_words(missing: tuple[str, ...]) -> Bilingual:
    words = {
        "chat_id": Bilingual(canonical("chat_id"), f"chat ID ({canonical('chat_id')})"),
        "agent": both("chat_list.agent_column"),
    }
    return listed([words[m] for m in missing])


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]|$)")
_SUMMARIES = frozenset(SUMMARY_MARKERS)
_BLOCK = 32_768  # rows parsed together, column by column
_DAY_ENDS = frozenset({"", " ", "T"})  # what may follow 2026-10-03 in a date or date-time text
_SCORES_SHOWN = 3  # score headers a refused QA sheet's message names


@dataclass
class _Found:
    """A chat list as read: the columns, and what was left out or doubtful."""

    sheet: str
    agent_field: str
    has_messages: bool
    frame: pd.DataFrame
    problems: list[Problem]
    left_out: dict[str, int]

    def chat_list(self, file: str, digest: str) -> ChatList:
        left = tuple((r, self.left_out[r]) for r in LEFT_OUT if self.left_out.get(r))
        return ChatList(
            file,
            digest,
            self.sheet,
            self.frame,
            self.agent_field,
            self.has_messages,
            tuple(self.problems),
            left,
        )


class _Rows:
    """Turns a chat list's data rows into its columns, a block of rows at a time."""

    def __init__(self, file: str, sheet: _Sheet, columns: dict[str, int], headers: dict[int, str]) -> None:
        self.file = file
        self.sheet = sheet
        self.columns = columns
        self.headers = headers
        self.agent_field = "agent_id" if "agent_id" in columns else "subaccount"
        # (code, field) → the Excel rows and the first cell's value
        self.trouble: dict[tuple[str, str], tuple[list[int], Any]] = {}
        self.conflicts: list[Problem] = []  # one per chat whose rows disagree (then the rest)
        self._days: dict[str, dt.date] = {}
        self._kept = self._cells = 0  # data rows with content, and their cells kept
        self._left = 0  # of those, rows left out (counted in ``left``)

    def read(self, head: list[list[Any]], first_row: int) -> _Found:
        """Read the data rows: ``head`` (the first is Excel row ``first_row``), then the rest of
        the sheet's stream, a block at a time, each column of a block parsed as a whole (the
        common cells without a call per cell)."""
        out: dict[str, list[Any]] = {c: [] for c in ("chat_id", "agent", "name", "date", "satisfaction")}
        numbers: dict[str, array[Any]] = {"messages": array("d"), "duration_s": array("d"), "row": array("q")}
        left: Counter[str] = Counter()
        it = chain(head, self.sheet.rows)
        excel_row = first_row
        while block := list(islice(it, _BLOCK)):
            self._block(block, excel_row, out, numbers, left)
            excel_row += len(block)
        # The sheet is read: let its reader free what it holds (calamine keeps the whole sheet)
        # before the frame is built.
        del it, block
        self.sheet.rows = iter(())
        frame = pd.DataFrame(
            {
                **out,
                "messages": np.frombuffer(numbers["messages"], dtype=np.float64),
                "duration_s": np.frombuffer(numbers["duration_s"], dtype=np.float64),
                "row": np.frombuffer(numbers["row"], dtype=np.int64),
            },
            columns=list(COLUMNS),
        )
        frame = self._without_repeats(frame, left)
        problems = self._problems()
        if not len(frame):
            # Nothing to sample: one refusal, after the rows' own problems (often its reason).
            raise RefusedWithProblems(
                CsreportError("chat_list.no_chats", file=self.file, sheet=self.sheet.name), problems
            )
        return _Found(
            self.sheet.name, self.agent_field, "messages" in self.columns, frame, problems, dict(left)
        )

    def _block(
        self,
        block: list[list[Any]],
        first: int,
        out: dict[str, list[Any]],
        numbers: dict[str, array[Any]],
        left: Counter[str],
    ) -> None:
        """Parse one block of rows (the first is Excel row ``first``) into ``out`` and ``numbers``."""
        pos = self.columns
        fields = [f for f in ("chat_id", self.agent_field, *COLUMNS[2:7]) if f in pos]
        width = max(pos.values()) + 1
        if min(map(len, block)) < width:
            pad = [None] * width
            block = [r if len(r) >= width else [*r, *pad[len(r) :]] for r in block]
        # Transposed in C: one tuple per column (every row is at least ``width`` wide).
        columns = list(zip(*block, strict=False))  # rows past ``width`` may be longer
        raw = {f: columns[pos[f]] for f in fields}
        del columns
        # Digits as text (a CSV, a text column) are the id as they are; anything else, a number
        # cell included, goes through ``canonical_chat_id`` (a number of 16 digits or more has
        # lost digits in Excel: a bad chat id, never a guess).
        chat_id = self._chat_id
        ids = [x if type(x) is str and x.isascii() and x.isdigit() else chat_id(x) for x in raw["chat_id"]]
        agents = _each(raw[self.agent_field], self._agent)
        sats = _each(raw["satisfaction"], parse_satisfaction) if "satisfaction" in raw else None
        odd = [
            i
            for i, (chat_id, agent) in enumerate(zip(ids, agents, strict=True))
            if not chat_id or not agent or agent in _SUMMARIES or chat_id in _SUMMARIES
        ]
        if sats is not None and None in sats:
            odd = sorted({*odd, *(i for i, rating in enumerate(sats) if rating is None)})
        rows = self._sort_out(odd, ids, agents, raw, first, left) if odd else range(len(block))
        self._kept += len(rows) + sum(left.values()) - self._left
        self._left = sum(left.values())
        if self._kept > CHAT_MAX_ROWS:
            raise CsreportError("sheet.too_many_rows", limit=CHAT_MAX_ROWS, sheet=self.sheet.name)
        self._cells += len(rows) * len(fields)
        if self._cells > MAX_CELLS:
            raise CsreportError("sheet.too_many_cells", sheet=self.sheet.name, limit=MAX_CELLS)
        whole = len(rows) == len(block)

        def kept(column: Sequence[Any]) -> list[Any]:
            return list(column) if whole else [column[i] for i in rows]

        at = [first + i for i in rows]
        numbers["row"].extend(at)
        out["chat_id"] += kept(ids)
        out["agent"] += kept(agents)
        out["satisfaction"] += kept(sats) if sats is not None else [UNRATED] * len(rows)
        out["name"] += _each(kept(raw["name"]), self._name) if "name" in raw else [""] * len(rows)
        if "date" in raw:
            days = self._days
            out["date"] += [
                x.date()
                if type(x) is dt.datetime
                else (days.get(x[:10]) if type(x) is str and x[10:11] in _DAY_ENDS else None)
                or self._date(x, n)
                for x, n in zip(kept(raw["date"]), at, strict=True)
            ]
        else:
            out["date"] += [None] * len(rows)
        amount = self._amount
        for field_name, (_parse, integral, _code) in _AMOUNTS.items():
            if field_name not in raw:
                numbers[field_name].extend([math.nan] * len(rows))
                continue
            numbers[field_name].extend(
                [
                    x
                    if type(x) is float and 0 <= x <= LARGEST and (not integral or x.is_integer())
                    else float(x)
                    if type(x) is str and x.isascii() and x.isdigit() and len(x) < 13
                    else amount(field_name, x, n)
                    for x, n in zip(kept(raw[field_name]), at, strict=True)
                ]
            )

    def _sort_out(
        self,
        odd: list[int],
        ids: list[str | None],
        agents: list[str],
        raw: Mapping[str, Sequence[Any]],
        first: int,
        left: Counter[str],
    ) -> list[int]:
        """The rows of a block to keep, given the ``odd`` ones: blank rows and total rows are
        dropped silently, rows without a chat id, an agent or a rating are reported."""
        drop = set()
        for i in odd:
            drop.add(i)
            chat_id, agent = ids[i], agents[i]
            if not chat_id and not agent and all(v.is_blank(column[i]) for column in raw.values()):
                continue  # a blank row (or one holding only columns a chat list has no use for)
            if agent in _SUMMARIES or chat_id in _SUMMARIES:
                continue  # a total row (合计) at the foot of the list
            if not chat_id:
                reason = "no_chat_id" if chat_id == "" else "bad_chat_id"
                field_name = "chat_id"
            elif not agent:
                reason, field_name = "no_agent", self.agent_field
            else:
                reason, field_name = "bad_satisfaction", "satisfaction"
            self._note(reason, field_name, first + i, raw[field_name][i])
            left[reason] += 1
        return [i for i in range(len(ids)) if i not in drop]

    # -- cells

    @staticmethod
    def _chat_id(raw: Any) -> str | None:
        """Canonical chat id text (``values.canonical_chat_id``); "" for a blank cell, None for
        one Excel shortened."""
        try:
            found = v.canonical_chat_id(raw)
        except ValueError:
            return None
        return "" if found is None else found

    @staticmethod
    def _agent(raw: Any) -> str:
        try:
            return "" if v.is_placeholder(raw) else v.parse_id(raw)
        except ValueError:
            return ""

    @staticmethod
    def _name(raw: Any) -> str:
        return "" if v.is_placeholder(raw) else v.clean_text(raw)

    def _date(self, raw: Any, excel_row: int) -> dt.date | None:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if type(raw) is str:
            day = _ISO_DAY.match(raw)
            if day:
                # Cached by the day: the times of a month's chats are all different.
                key = day.group(0)[:10]
                found = self._days.get(key)
                if found is None:
                    with contextlib.suppress(ValueError):
                        found = self._days[key] = dt.date(int(day[1]), int(day[2]), int(day[3]))
                if found is not None:
                    return found
        if raw is None or v.is_blank(raw) or v.is_placeholder(raw):
            return None
        try:
            parsed = v.parse_date(raw, None, self.sheet.date1904)
        except (ValueError, OverflowError):
            parsed = None
        if isinstance(parsed, dt.date):
            return parsed
        # Unreadable, or a day without its year: the chat counts for the month sampled.
        self._note("bad_date", "date", excel_row, raw)
        return None

    def _amount(self, field_name: str, raw: Any, excel_row: int) -> float:
        """A message count or a duration in seconds (``_AMOUNTS``): NaN for a blank cell, and for
        a value out of range (0 to ``LARGEST``, a count whole) or unreadable, which is noted."""
        parse, integral, code = _AMOUNTS[field_name]
        if type(raw) is float and math.isnan(raw):
            return math.nan
        if type(raw) is float or type(raw) is int:
            number = float(raw)
        elif type(raw) is str and raw.isascii() and raw.isdigit():
            return float(raw)
        elif raw is None or v.is_blank(raw) or v.is_placeholder(raw):
            return math.nan
        else:
            try:
                number = parse(raw)
            except ValueError:
                number = -1.0
        if not 0 <= number <= LARGEST or (integral and not number.is_integer()):
            self._note(code, field_name, excel_row, raw)
            return math.nan
        return number

    # -- the whole list

    def _without_repeats(self, frame: pd.DataFrame, left: Counter[str]) -> pd.DataFrame:
        """The frame with each chat id once, whatever order its rows come in.

        Rows of one chat that agree on ``SAME_CHAT`` (agent, 满意度, date, message count) are the
        chat listed again: its first row is kept and the others are counted ("duplicate", a
        note). Rows that disagree on any of them are a conflict: which row is right cannot be
        told, so the chat is left out whole ("conflict", every row counted), each such chat
        reported on one line with its rows.
        """
        if frame["chat_id"].is_unique:
            return frame  # no chat id listed twice at all: the common case, checked cheaply
        repeated = frame[frame.duplicated("chat_id", keep=False)]
        differ = repeated.groupby("chat_id", sort=False)[list(SAME_CHAT)].nunique(dropna=False) > 1
        conflicts = differ[differ.any(axis=1)]
        out = frame
        if len(conflicts):
            clashing = frame["chat_id"].isin(conflicts.index)
            self._conflicts(frame[clashing], conflicts)
            left["conflict"] += int(clashing.sum())
            out = frame[~clashing]
        again = out.duplicated("chat_id", keep="first")  # rows in Excel order: the first is kept
        if again.any():
            for excel_row, chat_id in zip(out["row"][again], out["chat_id"][again], strict=True):
                self._note("duplicate", "chat_id", int(excel_row), chat_id)
            left["duplicate"] += int(again.sum())
            out = out[~again]
        return out.reset_index(drop=True)

    def _conflicts(self, rows: pd.DataFrame, differ: pd.DataFrame) -> None:
        """One problem for each of the first ``_CONFLICTS_SHOWN`` conflicting chats (by their first
        row), naming its rows and the values that differ; one more for the rest, with their rows."""
        firsts = rows.groupby("chat_id", sort=False)["row"].min().sort_values(kind="stable")
        shown = firsts.index[:_CONFLICTS_SHOWN]
        pos = self.columns["chat_id"]
        letter, header = column_letter(self.sheet.first_col + pos), self.headers.get(pos, "")

        def conflict(code: str, at: list[int], value: str, **params: Any) -> None:
            """An error at the first of rows ``at`` (sorted) in the 会话编号 column, naming them all."""
            params["rows"] = _rows(at)
            self.conflicts.append(
                Problem(
                    code, Severity.ERROR, self.file, self.sheet.name, at[0], letter, header, value, params
                )
            )

        for chat_id in shown:
            at = sorted(set(rows["row"][rows["chat_id"] == chat_id].tolist()))
            fields = [both(f"chat_list.field.{f}") for f in SAME_CHAT if bool(differ.at[chat_id, f])]
            conflict("chat_list.conflict", at, str(chat_id), fields=listed(fields))
        rest = rows[~rows["chat_id"].isin(shown)]
        if len(rest):
            at = sorted(set(rest["row"].tolist()))
            conflict("chat_list.conflict_more", at, "", chats=len(firsts) - len(shown), count=len(rest))

    def _note(self, code: str, field_name: str, excel_row: int, value: Any) -> None:
        rows, _first = self.trouble.setdefault((code, field_name), ([], value))
        rows.append(excel_row)

    def _problems(self) -> list[Problem]:
        out: list[Problem] = list(self.conflicts)
        sheet = self.sheet
        for (code, field_name), (noted, value) in self.trouble.items():
            rows = sorted(set(noted))
            pos = self.columns.get(field_name)
            letter = column_letter(sheet.first_col + pos) if pos is not None else ""
            out.append(
                Problem(
                    f"chat_list.{code}",
                    _SEVERITY[code],
                    self.file,
                    sheet.name,
                    rows[0],
                    letter,
                    self.headers.get(pos, "") if pos is not None else "",
                    v.display(value),
                    {"rows": _rows(rows), "count": len(rows)},
                )
            )
        if "satisfaction" not in self.columns:
            out.append(Problem("chat_list.no_satisfaction_column", Severity.WARNING, self.file, sheet.name))
        if "date" not in self.columns:
            out.append(Problem("chat_list.no_date_column", Severity.INFO, self.file, sheet.name))
        order = {c: i for i, c in enumerate(_SEVERITY)}
        out.sort(key=lambda p: (order.get(p.code.partition(".")[2], len(order)), p.row or 0))
        return out


_SEVERITY = {
    "no_chat_id": Severity.ERROR,
    "bad_chat_id": Severity.ERROR,
    "no_agent": Severity.ERROR,
    "bad_satisfaction": Severity.ERROR,
    "conflict": Severity.ERROR,
    "conflict_more": Severity.ERROR,
    "duplicate": Severity.INFO,
    "bad_date": Severity.WARNING,
    "bad_messages": Severity.WARNING,
    "bad_duration": Severity.WARNING,
}
_CONFLICTS_SHOWN = 10  # conflicting chats reported one by one; the rest in one line
# The number columns: field -> (parser of a cell's text, whole numbers only, problem code).
_AMOUNTS: dict[str, tuple[Callable[[Any], float], bool, str]] = {
    "messages": (v.parse_number, True, "bad_messages"),
    "duration_s": (v.parse_duration, False, "bad_duration"),
}


def _each(column: Iterable[Any], parse: Any) -> list[Any]:
    """``parse`` of every cell, each distinct value parsed once (a month repeats a few hundred
    agents, names and ratings). A bool is parsed on its own: True == 1 in a dict."""
    cells = list(column)
    found = {x: parse(x) for x in set(cells)}
    if any(type(x) is bool for x in found):
        return [parse(x) for x in cells]
    return [found[x] for x in cells]


def _rows(rows: list[int]) -> Bilingual:
    """Excel rows (sorted, each once) as a message names them: 第 3–5、8 行 / rows 3–5, 8."""
    return both("chat_list.rows_one" if len(rows) == 1 else "chat_list.rows_many", spans=spans(rows))
