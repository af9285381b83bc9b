"""The drop folder's ledger: what a watcher (``csreport watch``) has seen and done, in the history.

For each watched folder and output folder: each input file by its path in the watched folder
(its size, modification time and SHA-256 when last handled, the months it holds and what became
of it), each thing a pass did (a month scored, or a file or month that could not be), and the
files each of those was made from. The processing log (处理记录.xlsx) of an output folder is
rebuilt from every entry for that output folder, whichever folder was watched into it.

The tables are made in the history (``History.ensure_ledger``) when a watcher first writes to it;
a history without them is read as having no ledger. Each output folder keeps its newest
``LOG_ENTRIES`` entries, and older ones that something still refers to (``Ledger.record``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from csreport.history.store import History, now
from csreport.messages import Bilingual

# What became of a file (``LedgerFile.state``).
DONE = "done"  # read, and fed the last run of its months (or waits for one: a roster alone)
FAILED = "failed"  # read, but its month was not scored: the run failed, the month is closed ...
BAD = "bad"  # cannot be used at all: not a workbook, damaged, no sheet csreport recognises
SAME = "same"  # the same content as another file of the folder: read once, under the other name
SKIPPED = "skipped"  # it holds only other months than the one set (month: or --month): left aside
GONE = "gone"  # it left the folder, and its months were scored again without it

# The result of an entry (``LedgerEntry.result``).
OK = "ok"
PROBLEMS = "problems"
FAILURE = "failed"
NO_PDF = "no_pdf"  # the month was scored and its workbook written, but no PDF was made

# ``watch_files.holds``, besides dated rows: a roster (which goes with every month), figures without
# dates (every month's data).
_ROSTER, _UNDATED = 1, 2

# Entries an output folder keeps (and its processing log shows): the newest, enough for years of
# monthly work; older ones go unless a file's state or a month's latest result still refers to them.
LOG_ENTRIES = 1000


@dataclass(frozen=True)
class LedgerFile:
    """One input file as the ledger last saw it."""

    name: str  # its path relative to the watched folder, "/"-separated
    size: int
    mtime_ns: int
    sha256: str
    months: tuple[str, ...] = ()  # the months (YYYY-MM) its dated rows belong to
    roster: bool = False  # it holds a roster, which goes with every month
    undated: bool = False  # it holds figures without dates, which go with every month
    state: str = DONE
    entry: int | None = None  # the entry it last took part in

    def goes_with(self, month: str) -> bool:
        """Whether it is one of ``month``'s inputs."""
        return month in self.months or self.roster or self.undated

    def data_of(self, month: str) -> bool:
        """Whether it holds figures of ``month`` to score (a roster alone holds none)."""
        return month in self.months or self.undated


@dataclass(frozen=True)
class LedgerEntry:
    """One thing a pass did: a month scored (or not), or a file that could not be used."""

    id: int
    at: str  # local time, "YYYY-MM-DD HH:MM:SS"
    month: str  # "" for a file whose month could not be known
    files: tuple[str, ...]
    result: str  # OK | PROBLEMS | FAILURE | NO_PDF
    problems: int = 0  # errors and warnings in the month's 数据问题 sheet
    reason: Bilingual | None = None  # why it failed (or what else to know), in both languages
    revision: int = 0  # the month's revision in the history; 0 when none was made
    same: bool = False  # the run repeated the month's latest revision: nothing new was recorded
    month_folder: str = ""  # where the month's reports are, relative to the output folder
    workbook: str = ""
    folder: str = ""  # the watched folder it came from

    def outcome(self) -> tuple[object, ...]:
        """What the entry says came of its files: two entries with the same outcome say the same."""
        return _outcome(self.month, self.result, self.problems, self.reason, self.revision, self.files)


@dataclass(frozen=True)
class NewEntry:
    """An entry to record (its id and time are given when it is)."""

    month: str
    result: str
    problems: int = 0
    reason: Bilingual | None = None
    revision: int = 0
    same: bool = False
    month_folder: str = ""
    workbook: str = ""

    def outcome(self, files: Iterable[str]) -> tuple[object, ...]:
        """``LedgerEntry.outcome`` of this entry once recorded from ``files``."""
        return _outcome(self.month, self.result, self.problems, self.reason, self.revision, files)


def _outcome(
    month: str, result: str, problems: int, reason: Bilingual | None, revision: int, files: Iterable[str]
) -> tuple[object, ...]:
    return (month, result, problems, reason, revision, frozenset(files))


class Ledger:
    """The ledger of one watched folder into one output folder, in an open history."""

    def __init__(self, store: History, folder: str, out: str) -> None:
        self.store = store
        self.folder = folder
        self.out = out

    def files(self) -> dict[str, LedgerFile]:
        """Every file the ledger knows in the folder (also those since removed), by name."""
        if not self.store.has_ledger:
            return {}
        rows = self.store.rows(
            "SELECT name, size, mtime_ns, sha256, months, holds, state, entry_id FROM watch_files "
            "WHERE folder = ? AND out = ?",
            (self.folder, self.out),
        )
        return {
            str(name): LedgerFile(
                str(name),
                int(size),
                int(mtime),
                str(sha),
                tuple(m for m in str(months).split(",") if m),
                bool(int(holds) & _ROSTER),
                bool(int(holds) & _UNDATED),
                str(state),
                None if entry is None else int(entry),
            )
            for name, size, mtime, sha, months, holds, state, entry in rows
        }

    def entries(self, limit: int = LOG_ENTRIES, *, every_folder: bool = False) -> list[LedgerEntry]:
        """The newest ``limit`` entries, newest first: this watched folder's, or with
        ``every_folder`` those of every folder watched into this output folder (its log)."""
        if every_folder:
            return self._entries("out = ? ORDER BY id DESC LIMIT ?", (self.out, limit))
        return self._entries(
            "folder = ? AND out = ? ORDER BY id DESC LIMIT ?", (self.folder, self.out, limit)
        )

    def by_ids(self, ids: Sequence[int]) -> dict[int, LedgerEntry]:
        """The entries of these ids (of this folder), by id."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        got = self._entries(f"folder = ? AND out = ? AND id IN ({marks})", (self.folder, self.out, *wanted))
        return {e.id: e for e in got}

    def latest(self, months: Sequence[str]) -> dict[str, LedgerEntry]:
        """The newest entry of each of ``months`` (YYYY-MM) that has one, by month."""
        found: dict[str, LedgerEntry] = {}
        for month in sorted(set(months)):
            got = self._entries(
                "folder = ? AND out = ? AND month = ? ORDER BY id DESC LIMIT 1",
                (self.folder, self.out, month),
            )
            if got:
                found[month] = got[0]
        return found

    def _entries(self, where: str, params: Sequence[object]) -> list[LedgerEntry]:
        """The entries ``where`` (an SQL condition and order on ``watch_entries``) selects, with
        their files."""
        if not self.store.has_ledger:
            return []
        rows = self.store.rows(
            "SELECT id, at, month, revision, same, result, problems, reason, reason_en, month_folder, "
            f"workbook, folder FROM watch_entries WHERE {where}",
            tuple(params),
        )
        ids = [int(r[0]) for r in rows]
        files: dict[int, list[str]] = {i: [] for i in ids}
        if ids:
            marks = ",".join("?" * len(ids))
            for entry, name in self.store.rows(
                f"SELECT entry_id, name FROM watch_inputs WHERE entry_id IN ({marks}) ORDER BY rowid", ids
            ):
                files[int(entry)].append(str(name))
        return [
            LedgerEntry(
                id=int(i),
                at=str(at),
                month=str(month),
                files=tuple(files[int(i)]),
                result=str(result),
                problems=int(problems),
                reason=Bilingual(str(zh), str(en)) if zh or en else None,
                revision=int(revision),
                same=bool(same),
                month_folder=str(month_folder),
                workbook=str(workbook),
                folder=str(folder),
            )
            for i, at, month, revision, same, result, problems, zh, en, month_folder, workbook, folder in rows
        ]

    def record(self, entry: NewEntry | None, files: Sequence[LedgerFile]) -> LedgerEntry | None:
        """Record ``entry`` (made from ``files``) and the files' new state, in one transaction;
        with no entry, only the files' state (a file seen again unchanged, a copy of another).
        The output folder's entries beyond its newest ``LOG_ENTRIES`` go in the same transaction
        (``_prune``). Returns the entry as recorded."""
        store = self.store
        at = now()
        with store.transaction():
            store.ensure_ledger()
            entry_id: int | None = None
            if entry is not None:
                reason = entry.reason or Bilingual("", "")
                entry_id = store.execute(
                    "INSERT INTO watch_entries (folder, out, at, month, revision, same, result, problems, "
                    "reason, reason_en, month_folder, workbook) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        self.folder,
                        self.out,
                        at,
                        entry.month,
                        entry.revision,
                        int(entry.same),
                        entry.result,
                        entry.problems,
                        reason.zh,
                        reason.en,
                        entry.month_folder,
                        entry.workbook,
                    ),
                )
                store.execute_many(
                    "INSERT INTO watch_inputs (entry_id, name, size, mtime_ns, sha256) VALUES (?,?,?,?,?)",
                    [(entry_id, f.name, f.size, f.mtime_ns, f.sha256) for f in files],
                )
            store.execute_many(
                "INSERT INTO watch_files (folder, out, name, size, mtime_ns, sha256, months, holds, "
                "state, entry_id, seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (folder, out, name) DO UPDATE SET size = excluded.size, "
                "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, months = excluded.months, "
                "holds = excluded.holds, state = excluded.state, "
                "entry_id = COALESCE(excluded.entry_id, watch_files.entry_id), seen_at = excluded.seen_at",
                [
                    (
                        self.folder,
                        self.out,
                        f.name,
                        f.size,
                        f.mtime_ns,
                        f.sha256,
                        ",".join(f.months),
                        (_ROSTER if f.roster else 0) | (_UNDATED if f.undated else 0),
                        f.state,
                        entry_id if entry_id is not None else f.entry,
                        at,
                    )
                    for f in files
                ],
            )
            if entry_id is not None:
                self._prune()
        if entry is None or entry_id is None:
            return None
        return LedgerEntry(
            entry_id,
            at,
            entry.month,
            tuple(f.name for f in files),
            entry.result,
            entry.problems,
            entry.reason,
            entry.revision,
            entry.same,
            entry.month_folder,
            entry.workbook,
            self.folder,
        )

    def _prune(self) -> None:
        """Remove the output folder's entries older than its newest ``LOG_ENTRIES``, with their
        files, except those still referred to: the entry a file last took part in (what the
        watcher says of a file still refused) and each folder's latest entry of each month (what
        it says of a month): the ledger then stays the size of the log, whatever the years."""
        stale = self.store.rows(
            "SELECT id FROM watch_entries WHERE out = ?1 AND id < ("
            "SELECT min(id) FROM (SELECT id FROM watch_entries WHERE out = ?1 ORDER BY id DESC LIMIT ?2)) "
            "AND id NOT IN (SELECT entry_id FROM watch_files WHERE entry_id IS NOT NULL) "
            "AND id NOT IN (SELECT max(id) FROM watch_entries WHERE out = ?1 GROUP BY folder, month)",
            (self.out, LOG_ENTRIES),
        )
        if stale:
            ids = [(int(r[0]),) for r in stale]
            self.store.execute_many("DELETE FROM watch_inputs WHERE entry_id = ?", ids)
            self.store.execute_many("DELETE FROM watch_entries WHERE id = ?", ids)
