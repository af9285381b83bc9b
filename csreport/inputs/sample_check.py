"""A QA task workbook (质检任务单) brought back filled in, and the sample checked against the scores.

``csreport sample`` writes the task workbook: the task sheet (one row per sampled chat, the ten
items for the reviewer to fill in), a notes sheet for people, and a very hidden manifest sheet
(``util.sample_manifest``) listing the chats sampled. Given to ``check`` or ``run``, the task
sheet is a 质检抽查 sheet like any other. This module

- tells a task workbook by its manifest (the marker in A1) and reads the manifest, which
  ``read_workbook`` leaves unread as it does every hidden sheet;
- leaves out the task sheet's rows nobody has scored yet (no item, no 态度得分, no 差错类型 and
  no 店铺风险): they are not chats of the month's sample until they are scored;
- checks what was scored against what was sampled: a sampled chat left unscored, a scored chat
  that was not sampled (or has no 会话编号), a sampled chat scored under another agent, a task
  workbook of another month than the one assessed;
- reads the 满意度 column of the QA sheets as one of the five words (or 未评价);
- tells a chat list (what ``sample`` draws from) given to scoring.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from python_calamine import CalamineWorkbook

from csreport.domain import UNRATED
from csreport.inputs import xlsx_sparse
from csreport.inputs.checks import spans
from csreport.inputs.headers import ITEM_FIELDS, HeaderMatch, canonical
from csreport.inputs.identity import Accounts
from csreport.inputs.satisfaction import parse_satisfaction
from csreport.inputs.sniff import sniff
from csreport.inputs.values import (
    as_text,
    canonical_chat_id,
    clean_text,
    display,
    is_blank,
    is_missing,
    parse_id,
)
from csreport.inputs.workbook import (
    HEADER_ALLOWANCE,
    MAX_ROWS,
    WorkbookRead,
    read_input_bytes,
)
from csreport.inputs.xlsx_scan import column_letter, related_part, workbook_parts
from csreport.messages import Bilingual, both, listed
from csreport.problems import CsreportError, Problem, Severity
from csreport.util import sample_manifest
from csreport.util.agent_ids import by_digits
from csreport.util.report_names import TASK_NOTES_SHEET

# The cells that make a row of the task sheet scored: any one of them filled (``has_score``).
SCORE_FIELDS = frozenset((*ITEM_FIELDS, "attitude_score", "error_type", "shop_risk"))
# What a chat list has beside its 会话编号 and no QA sheet needs.
_LIST_FIELDS = ("satisfaction", "messages", "duration_s")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
# Per-agent counts are said in a line about rows left unscored only for this many agents at most.
_MOST_AGENTS = 8
_MOST_CHATS = 10


def score_columns(match: HeaderMatch) -> list[int]:
    """The positions of the columns of ``match`` that feed a score field (``SCORE_FIELDS``)."""
    fed = match.fed or {p: (f,) for p, f in match.columns.items()}
    return sorted(p for p, fs in fed.items() if SCORE_FIELDS & set(fs))


def has_score(row: Sequence[Any], columns: Iterable[int]) -> bool:
    """True when any cell of ``row`` at ``columns`` (``score_columns``) is filled in: the one
    test of whether a reviewer scored a task sheet's row, for reading it back and for ``sample``
    refusing to replace a task workbook that holds a score."""
    return any(p < len(row) and not (is_missing(row[p]) or is_blank(row[p])) for p in columns)


def chat_key(value: Any) -> str:
    """A 会话编号 as the text it is compared by, the chat list reader's
    (``values.canonical_chat_id``): ``1234567890123.0`` (a number, or that text) and
    ``="1234567890123"`` (a CSV export keeping its digits) are ``1234567890123``; "" when blank,
    and for an id that names no chat (Excel dropped its last digits: see ``shortened``)."""
    try:
        return canonical_chat_id(value) or ""
    except ValueError:
        return ""


def shortened(value: Any) -> bool:
    """True for a 会话编号 cell whose last digits Excel dropped (scientific notation, a number of
    16 digits or more): it names no chat. A true/false cell is no chat id at all, not this."""
    if isinstance(value, bool):
        return False
    try:
        canonical_chat_id(value)
    except ValueError:
        return True
    return False


@dataclass(frozen=True)
class SampledChat:
    """One chat of the manifest: its id, the agent it was sampled for (工号 or 旺旺 as the list
    gave it), its stratum and whether it topped up another stratum."""

    chat_id: str
    agent: str
    stratum: str = ""
    topped_up: bool = False


@dataclass(frozen=True)
class Manifest:
    """What the hidden manifest sheet says: the month sampled, how, and the chats."""

    month: str  # YYYY-MM
    seed: str
    rules_hash: str
    list_sha256: str
    chats: tuple[SampledChat, ...]


@dataclass(frozen=True)
class UnscoredRow:
    """A row of a task sheet nobody has scored yet."""

    row: int  # Excel row
    agent: str  # the agent cell as written (工号 or 旺旺)
    chat_id: str


@dataclass
class TaskSheet:
    """A task sheet of a task workbook as read: its rows left unscored and every chat it lists."""

    name: str
    chat_column: str  # the 会话编号 column's letter ("" without one)
    unscored: list[UnscoredRow] = field(default_factory=list)
    chats: set[str] = field(default_factory=set)  # the 会话编号 of every row, scored or not


@dataclass
class TaskWorkbook:
    """A QA task workbook among the inputs: its manifest (None when it cannot be read, and
    ``why``) and its task sheets."""

    file: str
    manifest: Manifest | None
    why: Bilingual | None = None
    sheets: list[TaskSheet] = field(default_factory=list)

    def note(self) -> Problem:
        """What the inputs say of the workbook: what it is, or why its sample cannot be checked."""
        if self.manifest is None:
            return Problem(
                "qa.manifest_unreadable",
                Severity.WARNING,
                self.file,
                sample_manifest.SHEET,
                params={"why": self.why or ""},
            )
        n = len(self.manifest.chats)
        return Problem(
            "qa.task_workbook_one" if n == 1 else "qa.task_workbook",
            Severity.INFO,
            self.file,
            params={"month": self.manifest.month, "n": n, "notes": TASK_NOTES_SHEET},
        )


class _Unreadable(Exception):
    """The manifest is there (its sheet, or its marker) but cannot be used; ``why`` says so."""

    def __init__(self, why: Bilingual) -> None:
        super().__init__(why.en)
        self.why = why


def task_workbook(path: Path, read: WorkbookRead) -> TaskWorkbook | None:
    """``path`` as a task workbook when it carries the hidden manifest (its sheet, the marker in
    A1); None for any other workbook. Never raises for a damaged manifest: the workbook is then
    one whose sample cannot be checked."""
    if not any(s.hidden and s.name == sample_manifest.SHEET for s in read.sheets):
        return None
    try:
        rows = _manifest_rows(path, read)
        manifest = _parse_manifest(rows)
    except _Unreadable as exc:
        return TaskWorkbook(path.name, None, exc.why)
    if manifest is None:
        return None  # a hidden sheet of the same name that is not csreport's
    return TaskWorkbook(path.name, manifest)


def _manifest_rows(path: Path, read: WorkbookRead) -> list[list[Any]]:
    """The manifest sheet's rows, read from the file's bytes again (the workbook reader leaves
    hidden sheets unread), bounded as every sheet is."""
    try:
        data = read_input_bytes(path)
    except CsreportError as exc:
        raise _Unreadable(Bilingual(exc.message("zh"), exc.message("en"))) from exc
    if hashlib.sha256(data).hexdigest() != read.digest:
        raise _Unreadable(both("qa.why.changed"))
    try:
        kind = sniff(data, path.suffix.lower())
        if kind.name == "ooxml":
            return _ooxml_rows(data)
        if kind.name in ("xls", "ods"):
            # The file passed the legacy guard, which bounds every sheet of it, hidden or not.
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            grid: list[list[Any]] = book.get_sheet_by_name(sample_manifest.SHEET).to_python(
                skip_empty_area=False
            )
            return grid[: MAX_ROWS + HEADER_ALLOWANCE]
    except CsreportError as exc:
        raise _Unreadable(Bilingual(exc.message("zh"), exc.message("en"))) from exc
    except Exception as exc:  # damaged XML in the one sheet the workbook reader did not parse
        raise _Unreadable(both("qa.why.layout")) from exc
    raise _Unreadable(both("qa.why.layout"))


def _ooxml_rows(data: bytes) -> list[list[Any]]:
    """The manifest sheet of an xlsx, streamed (only the cells it holds cost memory)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts, workbook_key, sheet_parts, date1904 = workbook_parts(zf)
        key = dict(sheet_parts).get(sample_manifest.SHEET)
        info = parts.get(key) if key else None
        if info is None:
            raise _Unreadable(both("qa.why.layout"))
        strings_key = related_part(zf, parts, workbook_key, "/sharedStrings")
        strings_info = parts.get(strings_key) if strings_key else parts.get("xl/sharedstrings.xml")
        strings = xlsx_sparse.shared_strings(zf, strings_info)
        too_many = CsreportError("sheet.too_many_rows", limit=MAX_ROWS, sheet=sample_manifest.SHEET)
        return xlsx_sparse.read_sheet(
            zf,
            info,
            strings,
            [],
            date1904,
            len(sample_manifest.COLUMNS) + 8,
            MAX_ROWS + HEADER_ALLOWANCE,
            lambda: too_many,
            lambda row: CsreportError(
                "file.corrupt", reason=both("read.row_beyond_excel", sheet=sample_manifest.SHEET, row=row)
            ),
        )


def _cell(row: Sequence[Any], pos: int) -> str:
    return clean_text(row[pos]) if pos < len(row) else ""


def _parse_manifest(rows: list[list[Any]]) -> Manifest | None:
    """The manifest the rows hold; None when A1 is not the marker (not csreport's sheet)."""
    head = rows[0] if rows else []
    if _cell(head, 0) != sample_manifest.MARKER:
        return None
    try:
        version = int(float(_cell(head, 1)))
    except (ValueError, OverflowError) as exc:
        raise _Unreadable(both("qa.why.layout")) from exc
    if version > sample_manifest.VERSION:
        raise _Unreadable(both("qa.why.version", version=version))
    month = _cell(head, 2)
    names = [_cell(rows[1], p) for p in range(len(rows[1]))] if len(rows) > 1 else []
    at = {name: names.index(name) for name in sample_manifest.COLUMNS if name in names}
    if not _MONTH.fullmatch(month) or "chat_id" not in at or "agent" not in at:
        raise _Unreadable(both("qa.why.layout"))
    chats: list[SampledChat] = []
    for row in rows[2:]:
        chat = chat_key(row[at["chat_id"]]) if at["chat_id"] < len(row) else ""
        if not chat:
            continue
        chats.append(
            SampledChat(
                chat,
                _cell(row, at["agent"]),
                _cell(row, at["stratum"]) if "stratum" in at else "",
                "topped_up" in at and _cell(row, at["topped_up"]) == "1",
            )
        )
    return Manifest(month, _cell(head, 3), _cell(head, 4), _cell(head, 5), tuple(chats))


def split_unscored(
    name: str, rows: list[list[Any]], match: HeaderMatch, first_col: int
) -> tuple[list[list[Any]], TaskSheet]:
    """Task sheet ``name``'s rows without those nobody has scored (each left as an empty row, so
    every other row keeps its Excel row number), and what was found: those rows and every 会话编号."""
    fed = match.fed or {p: (f,) for p, f in match.columns.items()}
    where = {f: p for p, fs in fed.items() for f in fs}
    scores = score_columns(match)
    chat_pos = where.get("chat_id")
    agent_pos = where.get("agent_id", where.get("subaccount"))
    task = TaskSheet(name, column_letter(first_col + chat_pos) if chat_pos is not None else "")
    out = list(rows)
    for i in range(match.data_start, len(rows)):
        row = rows[i]
        if all(is_blank(c) for c in row):
            continue
        chat = chat_key(row[chat_pos]) if chat_pos is not None and chat_pos < len(row) else ""
        if chat:
            task.chats.add(chat)
        if not scores or has_score(row, scores):
            continue
        agent = row[agent_pos] if agent_pos is not None and agent_pos < len(row) else None
        task.unscored.append(UnscoredRow(i + 1, _agent_text(agent), chat))
        out[i] = []
    return out, task


def _agent_text(value: Any) -> str:
    """An agent cell (工号 or 旺旺) as text: ``1001.0`` is ``1001``; "" when blank."""
    if is_missing(value) or isinstance(value, bool):
        return ""
    return parse_id(value)


def chat_list(file: str, sheet: str, match: HeaderMatch) -> Problem | None:
    """The line that sets aside a sheet recognised as sampled chats that is a chat list: 会话编号
    with 满意度, 消息数 or 会话时长 and no score column; None when it is not one. A note when it
    has a message count or duration (no QA sheet has); a warning when only its 满意度 tells it
    from sampled chats whose score columns are missing, saying so."""
    fields = {f for fs in (*match.fed.values(), *match.foreign.values()) for f in fs}
    if match.role != "qa" or "chat_id" not in fields or fields & SCORE_FIELDS:
        return None
    found = [f for f in _LIST_FIELDS if f in fields]
    if not found:
        return None
    if found == ["satisfaction"]:
        return Problem("qa.chat_list_or_qa", Severity.WARNING, file, sheet)
    return Problem(
        "qa.chat_list", Severity.INFO, file, sheet, params={"fields": listed([canonical(f) for f in found])}
    )


def read_satisfaction(
    df: pd.DataFrame, letters: Mapping[tuple[str, str], Mapping[str, str]], problems: list[Problem]
) -> pd.DataFrame:
    """The QA rows with 满意度 as one of the five words or 未评价 (a blank cell), None where the
    sheet has no 满意度 column. A cell that says none of them is counted as 未评价 and reported,
    one line per sheet and text."""
    if not len(df) or "satisfaction" not in df:
        return df
    words: list[str | None] = []
    bad: dict[tuple[str, str, str], list[int]] = {}
    for raw, file, sheet, row in zip(df["satisfaction"], df["_file"], df["_sheet"], df["_row"], strict=True):
        if "satisfaction" not in letters.get((file, sheet), {}):
            words.append(None)
            continue
        word = parse_satisfaction(None if isinstance(raw, float) and raw != raw else raw)
        if word is None:
            bad.setdefault((file, sheet, display(raw)), []).append(int(row))
            word = UNRATED
        words.append(word)
    for (file, sheet, value), rows in bad.items():
        problems.append(
            Problem(
                "qa.bad_satisfaction_one" if len(rows) == 1 else "qa.bad_satisfaction",
                Severity.WARNING,
                file,
                sheet,
                rows[0],
                letters.get((file, sheet), {}).get("satisfaction", ""),
                canonical("satisfaction"),
                value,
                params={"spans": spans(rows)},
            )
        )
    return df.assign(satisfaction=pd.Series(words, index=df.index, dtype=object))


def check_sample(
    df: pd.DataFrame,
    tasks: Sequence[TaskWorkbook],
    month: str,
    roster: Mapping[str, object],
    letters: Mapping[tuple[str, str], Mapping[str, str]],
) -> list[Problem]:
    """Every mismatch between the month's task workbooks and the QA rows scored (``df``, the
    month's rows, duplicates already left out): a task workbook of another month; a sampled chat
    left unscored or missing from its task sheet; a scored chat not sampled, or without a 会话编号;
    a sampled chat scored under another agent. All warnings: the scores are computed as read."""
    out: list[Problem] = []
    if not month:
        return out
    current = [t for t in tasks if t.manifest is not None and t.manifest.month == month]
    for t in tasks:
        if t.manifest is not None and t.manifest.month != month:
            out.append(
                Problem(
                    "qa.other_month",
                    Severity.WARNING,
                    t.file,
                    params={"sampled": t.manifest.month, "month": month},
                )
            )
    if not current:
        return out
    sampled: dict[str, SampledChat] = {}
    for t in current:
        assert t.manifest is not None
        for chat in t.manifest.chats:
            sampled.setdefault(chat.chat_id, chat)
    files = listed(sorted({t.file for t in current}))
    scored = _scored(df, sampled, roster, letters, month, files, out)
    for t in current:
        out += _left_unscored(t, sampled, scored)
    return out


def _scored(
    df: pd.DataFrame,
    sampled: Mapping[str, SampledChat],
    roster: Mapping[str, object],
    letters: Mapping[tuple[str, str], Mapping[str, str]],
    month: str,
    files: Bilingual,
    out: list[Problem],
) -> set[str]:
    """The 会话编号 scored; the rows not sampled, without a 会话编号 or with one Excel shortened
    (one line per sheet) and the sampled chats scored under another agent are added to ``out``."""
    scored: set[str] = set()
    if not len(df):
        return scored
    accounts = Accounts.of(roster)
    outside: dict[tuple[str, str], list[int]] = {}
    blank: dict[tuple[str, str], list[int]] = {}
    cut: dict[tuple[str, str], list[tuple[int, str]]] = {}
    chats = df["chat_id"] if "chat_id" in df else pd.Series("", index=df.index)
    subs = df["subaccount"] if "subaccount" in df else pd.Series("", index=df.index)
    for chat_cell, agent, sub, file, sheet, row in zip(
        chats, df["agent_id"], subs, df["_file"], df["_sheet"], df["_row"], strict=True
    ):
        where, chat = (str(file), str(sheet)), chat_key(chat_cell)
        if not chat and shortened(chat_cell):
            cut.setdefault(where, []).append((int(row), display(chat_cell)))
            continue
        if not chat:
            blank.setdefault(where, []).append(int(row))
            continue
        scored.add(chat)
        found = sampled.get(chat)
        if found is None:
            outside.setdefault(where, []).append(int(row))
            continue
        agent_id = as_text(agent)
        owner = found.agent if found.agent in roster else accounts.owner(found.agent)[0] or found.agent
        if agent_id != owner and found.agent != as_text(sub):
            out.append(
                _at_chat_id(
                    "qa.other_agent",
                    where,
                    int(row),
                    letters,
                    chat,
                    chat=chat,
                    sampled=found.agent,
                    agent=agent_id,
                )
            )
    for code, groups in (("qa.not_sampled", outside), ("qa.no_chat_id", blank)):
        for where, rows in groups.items():
            rows.sort()
            out.append(
                _at_chat_id(
                    code + ("_one" if len(rows) == 1 else ""),
                    where,
                    rows[0],
                    letters,
                    spans=spans(rows),
                    count=len(rows),
                    month=month,
                    files=files,
                )
            )
    for where, found_cut in cut.items():
        found_cut.sort()
        rows = [r for r, _ in found_cut]
        code = "qa.shortened_chat_id" + ("_one" if len(rows) == 1 else "")
        out.append(
            _at_chat_id(code, where, rows[0], letters, found_cut[0][1], spans=spans(rows), month=month)
        )
    return scored


def _at_chat_id(
    code: str,
    where: tuple[str, str],
    row: int,
    letters: Mapping[tuple[str, str], Mapping[str, str]],
    value: str = "",
    **params: Any,
) -> Problem:
    """A warning at ``row`` of the 会话编号 column of the QA sheet ``where`` (file, sheet)."""
    column = letters.get(where, {}).get("chat_id", "")
    return Problem(
        code, Severity.WARNING, where[0], where[1], row, column, canonical("chat_id"), value, params=params
    )


def _left_unscored(task: TaskWorkbook, sampled: Mapping[str, SampledChat], scored: set[str]) -> list[Problem]:
    """The task workbook's sampled chats nobody scored: its rows left blank (one line per task
    sheet, with per-agent counts when few agents), and those in no task sheet at all."""
    out: list[Problem] = []
    listed_here: set[str] = set()
    for sheet in task.sheets:
        listed_here |= sheet.chats
        left = [u for u in sheet.unscored if u.chat_id in sampled and u.chat_id not in scored]
        if not left:
            continue
        rows = sorted(u.row for u in left)
        counts = Counter(u.agent for u in left)
        agents: Bilingual | str = ""
        if len(counts) <= _MOST_AGENTS:
            each = [both("qa.agent_count", agent=a, n=counts[a]) for a in sorted(counts, key=by_digits)]
            agents = both("qa.agents", agents=listed(each))
        out.append(
            Problem(
                "qa.unscored_one" if len(rows) == 1 else "qa.unscored",
                Severity.WARNING,
                task.file,
                sheet.name,
                rows[0],
                sheet.chat_column,
                canonical("chat_id") if sheet.chat_column else "",
                params={"spans": spans(rows), "count": len(rows), "agents": agents},
            )
        )
    assert task.manifest is not None
    gone = [
        c.chat_id for c in task.manifest.chats if c.chat_id not in scored and c.chat_id not in listed_here
    ]
    if gone:
        out.append(
            Problem(
                "qa.missing_rows_one" if len(gone) == 1 else "qa.missing_rows",
                Severity.WARNING,
                task.file,
                params={"count": len(gone), "chats": listed(gone[:_MOST_CHATS], cut=len(gone) > _MOST_CHATS)},
            )
        )
    return out
