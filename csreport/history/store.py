"""The history database: one SQLite file that remembers every month csreport scored.

Every write is one transaction (``BEGIN IMMEDIATE``): a crash or a kill leaves the previous
state, and two runs at once wait for each other rather than corrupt anything (SQLite's own
locking; a run waits up to ``BUSY_SECONDS`` for the other to finish). A file that is not
csreport's, was written by a newer csreport, or is damaged is refused with one line and never
written to.

Layout: ``meta`` (what the file is), ``revisions`` (one row per recorded run of a month, with
the rules' full text and the inputs' hashes), ``agents`` and ``kpis`` (the results),
``kpi_names`` (a KPI's names and maximum, once per revision and 考核表 rather than once per
agent), ``months`` and ``month_events`` (closed months, reopen reasons), ``interviews`` and
``level_changes``; once a watcher has written to the file, the drop folder's ledger
(``watch_files``, ``watch_entries``, ``watch_inputs``: ``history.ledger``).

The ledger is made by the watcher (``ensure_ledger``), never with the file, and it only adds
tables: the file stays at schema 1, which every csreport reads (a release refuses a schema above
its own, ``history.newer``, and ignores tables and ``meta`` keys it does not know). The ledger's
own layout is numbered in the ``meta`` key ``ledger``, which only the ledger's code reads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from csreport import __version__
from csreport.history.model import (
    AgentRecord,
    Changed,
    InputRecord,
    Interview,
    KpiRecord,
    LevelChange,
    MonthState,
    Revision,
)
from csreport.messages import Bilingual, both
from csreport.problems import CsreportError
from csreport.results import AttendanceSummary
from csreport.util.agent_ids import by_digits
from csreport.util.paths import os_reason

APP = "csreport-history"
SCHEMA = 1
LEDGER = 1  # the ledger's layout (``meta`` key ``ledger``)
BUSY_SECONDS = 60.0
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    month TEXT NOT NULL,
    revision INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    generated_at TEXT NOT NULL,
    rules_name TEXT NOT NULL,
    rules_name_en TEXT NOT NULL,
    rules_hash TEXT NOT NULL,
    rules_text TEXT NOT NULL,
    rules_source TEXT NOT NULL,
    profile TEXT,
    effective_from TEXT NOT NULL,
    version TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    results_digest TEXT NOT NULL,
    origin TEXT NOT NULL,
    reopen_reason TEXT NOT NULL,
    agents INTEGER NOT NULL,
    UNIQUE (month, revision)
);
CREATE TABLE inputs (revision_id INTEGER NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL,
    sha256 TEXT NOT NULL);
CREATE INDEX inputs_by_revision ON inputs (revision_id);
CREATE TABLE agents (
    revision_id INTEGER NOT NULL,
    agent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    grp TEXT NOT NULL,
    status TEXT NOT NULL,
    level TEXT NOT NULL,
    table_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    total REAL,
    max_total REAL NOT NULL,
    conclusion TEXT NOT NULL,
    grade TEXT,
    rank INTEGER,
    rank_of INTEGER NOT NULL,
    coefficient REAL,
    bonus REAL,
    bonus_base REAL,
    in_roster INTEGER NOT NULL,
    hire_date TEXT,
    attendance TEXT,
    vetoes TEXT,
    vetoes_en TEXT,
    PRIMARY KEY (revision_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX agents_by_id ON agents (agent_id);
CREATE INDEX agents_failed ON agents (conclusion, table_id);
CREATE TABLE kpi_names (
    revision_id INTEGER NOT NULL,
    table_id TEXT NOT NULL,
    kpi_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    unit TEXT NOT NULL,
    max_points REAL NOT NULL,
    qa INTEGER NOT NULL,
    PRIMARY KEY (revision_id, table_id, kpi_id)
) WITHOUT ROWID;
CREATE TABLE kpis (
    revision_id INTEGER NOT NULL,
    agent_id TEXT NOT NULL,
    kpi_id TEXT NOT NULL,
    raw REAL,
    numerator REAL,
    denominator REAL,
    band TEXT,
    points REAL,
    veto TEXT,
    veto_en TEXT,
    pos INTEGER NOT NULL,
    PRIMARY KEY (revision_id, agent_id, kpi_id)
) WITHOUT ROWID;
CREATE TABLE months (month TEXT PRIMARY KEY, closed_at TEXT);
CREATE TABLE month_events (month TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL,
    reason TEXT NOT NULL);
CREATE TABLE interviews (
    month TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    points TEXT NOT NULL,
    judgement TEXT NOT NULL,
    reason TEXT NOT NULL,
    reason_note TEXT NOT NULL,
    plan TEXT NOT NULL,
    date TEXT NOT NULL,
    source TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (month, agent_id)
);
CREATE TABLE level_changes (
    id INTEGER PRIMARY KEY,
    agent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    from_level TEXT NOT NULL,
    to_level TEXT NOT NULL,
    effective_month TEXT NOT NULL,
    period TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    source TEXT NOT NULL,
    note TEXT NOT NULL
);
"""

# The drop folder's ledger (``history.ledger``), made when a watcher first writes. Each input file
# a watcher saw, by the watched folder, the output folder and its path in the watched folder: its
# size, time and content hash when last handled, the months it holds and what became of it; each
# thing a pass did (a month scored, a file refused), newest last; and the files each of those was
# made from. "IF NOT EXISTS": two watchers may make it at once (each waits for the other's
# transaction, and the second finds it made).
_LEDGER_TABLES = ("watch_files", "watch_entries", "watch_inputs")
_LEDGER_SQL = """
CREATE TABLE IF NOT EXISTS watch_files (
    folder TEXT NOT NULL,
    out TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    months TEXT NOT NULL,
    holds INTEGER NOT NULL,
    state TEXT NOT NULL,
    entry_id INTEGER,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (folder, out, name)
);
CREATE TABLE IF NOT EXISTS watch_entries (
    id INTEGER PRIMARY KEY,
    folder TEXT NOT NULL,
    out TEXT NOT NULL,
    at TEXT NOT NULL,
    month TEXT NOT NULL,
    revision INTEGER NOT NULL,
    same INTEGER NOT NULL,
    result TEXT NOT NULL,
    problems INTEGER NOT NULL,
    reason TEXT NOT NULL,
    reason_en TEXT NOT NULL,
    month_folder TEXT NOT NULL,
    workbook TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS watch_entries_by_folder ON watch_entries (folder, out, id);
CREATE INDEX IF NOT EXISTS watch_entries_by_out ON watch_entries (out, id);
CREATE TABLE IF NOT EXISTS watch_inputs (entry_id INTEGER NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS watch_inputs_by_entry ON watch_inputs (entry_id);
"""

_AGENT_COLUMNS = (
    "agent_id, name, grp, status, level, table_id, table_name, total, max_total, conclusion, grade, "
    "rank, rank_of, coefficient, bonus, bonus_base, in_roster, hire_date, attendance, vetoes, vetoes_en"
)
# ``_AGENT_COLUMNS`` with what trends do not read (money, hire date, attendance, vetoes) as NULL.
_LIGHT_COLUMNS = ", ".join(
    "NULL"
    if c.strip() in ("coefficient", "bonus", "bonus_base", "hire_date", "attendance", "vetoes", "vetoes_en")
    else c.strip()
    for c in _AGENT_COLUMNS.split(",")
)
_REVISION_COLUMNS = (
    "id, month, revision, recorded_at, generated_at, rules_name, rules_name_en, rules_hash, rules_text, "
    "rules_source, profile, effective_from, version, fingerprint, origin, reopen_reason, agents"
)


@dataclass(frozen=True)
class NewRevision:
    """What a run (or an import) brings to record, besides the agents."""

    month: str
    generated_at: str
    rules_name: str
    rules_name_en: str
    rules_hash: str
    rules_text: str
    rules_source: str
    profile: str | None
    effective_from: str
    inputs: tuple[InputRecord, ...]
    fingerprint: str
    origin: str = "run"


@dataclass(frozen=True)
class Recorded:
    """The outcome of recording a month."""

    revision: Revision
    new: bool  # False: the same inputs, rules and results as the latest revision; nothing recorded
    previous: Revision | None  # the revision it follows (None for a month's first)
    changed: tuple[Changed, ...] = ()  # agents whose 总分, 结论 or 系数 differ from ``previous``


def now() -> str:
    """The time of day as recorded: ISO, to the second, local time."""
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


def results_digest(agents: Sequence[AgentRecord]) -> str:
    """A short digest of the results (every agent and KPI): equal digests, equal results."""
    import hashlib

    h = hashlib.sha256()
    for a in sorted(agents, key=lambda x: x.agent_id):
        h.update(repr(a).encode("utf-8"))
    return h.hexdigest()[:16]


class History:
    """An open history database. Use ``History.open`` as a context manager."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    # --- opening ------------------------------------------------------------------------

    @classmethod
    @contextmanager
    def open(cls, path: Path, *, create: bool = True) -> Iterator[History]:
        """Open (and with ``create``, make) the history file at ``path``.

        Raises ``history.missing`` (no file and not ``create``), ``history.not_ours``,
        ``history.newer``, ``history.damaged`` or ``history.unwritable``: the file is then
        left exactly as it was.
        """
        path = Path(path)
        if _check_file(path, create):
            _make(path)
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise CsreportError("history.unwritable", path=str(path), reason=_why(exc)) from exc
        try:
            store = cls(path, conn)
            with store._errors():
                conn.execute("PRAGMA foreign_keys = OFF")
                store._prepare()
            yield store
        finally:
            conn.close()

    def check(self) -> None:
        """Read the whole file's structure (``PRAGMA quick_check``): the commands that show or
        change history as a whole say a damaged file rather than show part of it."""
        with self._errors():
            row = self._conn.execute("PRAGMA quick_check(1)").fetchone()
        if not row or row[0] != "ok":
            raise CsreportError("history.damaged", path=str(self.path))

    def _prepare(self) -> None:
        """Check the file is a csreport history this version can read."""
        conn = self._conn
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in names else {}
        if meta.get("app") != APP:
            raise CsreportError("history.not_ours", path=str(self.path))
        try:
            schema = int(meta.get("schema", "0"))
        except ValueError:
            raise CsreportError("history.damaged", path=str(self.path)) from None
        if schema > SCHEMA:
            version = meta.get("written_by", meta.get("created_by", ""))
            raise CsreportError(
                "history.newer",
                path=str(self.path),
                version=version if version != __version__ else f"#{schema}",
            )

    # --- the drop folder's ledger -------------------------------------------------------

    @property
    def has_ledger(self) -> bool:
        """Whether a watcher has made the drop folder's ledger in the file."""
        marks = ",".join("?" * len(_LEDGER_TABLES))
        found = self.rows(
            f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({marks})", _LEDGER_TABLES
        )
        return int(found[0][0]) == len(_LEDGER_TABLES)

    def ensure_ledger(self) -> None:
        """Make the drop folder's ledger when the file has none (in one transaction, or as part
        of the open one). Raises ``history.newer`` when a newer csreport laid the ledger out in a
        way this version does not know: the file is then left as it was."""
        if self._ledger_ready():
            return  # nothing to write: no write lock taken
        with self._write() as conn:
            if self._ledger_ready():  # another watcher made it meanwhile
                return
            for statement in _LEDGER_SQL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('ledger', ?)", (str(LEDGER),))

    def _ledger_ready(self) -> bool:
        """Whether the ledger is there in this version's layout; ``history.newer`` when a newer
        csreport's layout is."""
        meta = dict(
            self.rows("SELECT key, value FROM meta WHERE key IN ('ledger', 'written_by', 'created_by')")
        )
        try:
            layout = int(meta.get("ledger", "0"))
        except ValueError:
            raise CsreportError("history.damaged", path=str(self.path)) from None
        if layout > LEDGER:
            version = meta.get("written_by", meta.get("created_by", ""))
            raise CsreportError(
                "history.newer",
                path=str(self.path),
                version=version if version != __version__ else f"#{layout}",
            )
        return layout == LEDGER and self.has_ledger

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows ``sql`` (one SELECT) reads: for the tables that keep their own code
        (``history.ledger``). SQLite's failures are the user's one line, as everywhere."""
        return self._read(sql, params)

    def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one writing statement, in its own transaction or as part of an open
        ``transaction``; returns the id of the row it inserted (0 when none)."""
        with self._write() as conn:
            return int(conn.execute(sql, tuple(params)).lastrowid or 0)

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one writing statement for each of ``rows``, as ``execute`` does."""
        with self._write() as conn:
            conn.executemany(sql, [tuple(r) for r in rows])

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """SQLite's failures as the user's one line: damaged, locked too long, not writable."""
        try:
            yield
        except CsreportError:
            raise
        except sqlite3.DatabaseError as exc:
            text = str(exc).lower()
            if "locked" in text or "busy" in text:
                raise CsreportError("history.busy", path=str(self.path)) from exc
            if any(w in text for w in ("readonly", "unable to open", "disk i/o", "full")):
                raise CsreportError("history.unwritable", path=str(self.path), reason=_why(exc)) from exc
            if any(
                w in text for w in ("not a database", "malformed", "no such table", "encrypted", "corrupt")
            ):
                raise CsreportError("history.damaged", path=str(self.path)) from exc
            raise  # csreport's own mistake: shown as one (exit 3), never blamed on the file

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction around several writes (each then joins it rather than
        committing on its own): all of them are recorded when the block ends, or none."""
        with self._write():
            yield

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is recorded, or none of it. Inside an open
        ``transaction`` it is part of that one."""
        conn = self._conn
        if conn.in_transaction:
            yield conn
            return
        with self._errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors():
            return self._conn.execute(sql, tuple(params)).fetchall()

    # --- months and revisions -----------------------------------------------------------

    def months(self) -> list[MonthState]:
        """Every month recorded, oldest first, with its revisions and closed state."""
        revisions: dict[str, list[Revision]] = {}
        for row in self._read(f"SELECT {_REVISION_COLUMNS} FROM revisions ORDER BY month, revision"):
            revisions.setdefault(row[1], []).append(self._revision(row))
        closed = dict(self._read("SELECT month, closed_at FROM months"))
        events: dict[str, list[tuple[str, str]]] = {}
        for month, at, reason in self._read(
            "SELECT month, at, reason FROM month_events WHERE action = 'reopen' ORDER BY rowid"
        ):
            events.setdefault(month, []).append((at, reason))
        return [
            MonthState(
                month,
                tuple(revs),
                closed=bool(closed.get(month)),
                closed_at=closed.get(month) or "",
                reopened=tuple(events.get(month, ())),
            )
            for month, revs in sorted(revisions.items())
        ]

    def month(self, month: str) -> MonthState | None:
        """One month's state, None when nothing is recorded for it."""
        rows = self._read(
            f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE month = ? ORDER BY revision", (month,)
        )
        if not rows:
            return None
        closed = self._read("SELECT closed_at FROM months WHERE month = ?", (month,))
        events = self._read(
            "SELECT at, reason FROM month_events WHERE month = ? AND action = 'reopen' ORDER BY rowid",
            (month,),
        )
        closed_at = closed[0][0] if closed and closed[0][0] else ""
        return MonthState(
            month,
            tuple(self._revision(r) for r in rows),
            closed=bool(closed_at),
            closed_at=closed_at,
            reopened=tuple((at, reason) for at, reason in events),
        )

    def is_closed(self, month: str) -> str:
        """When ``month`` was closed ("" when it is open)."""
        rows = self._read("SELECT closed_at FROM months WHERE month = ?", (month,))
        return str(rows[0][0] or "") if rows else ""

    def latest(self, month: str) -> Revision | None:
        """The month's latest revision, None when it has none."""
        rows = self._read(
            f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE month = ? ORDER BY revision DESC LIMIT 1",
            (month,),
        )
        return self._revision(rows[0]) if rows else None

    def _revision(self, row: tuple[Any, ...]) -> Revision:
        inputs = tuple(
            InputRecord(n, p, s)
            for n, p, s in self._read(
                "SELECT name, path, sha256 FROM inputs WHERE revision_id = ? ORDER BY rowid", (row[0],)
            )
        )
        return Revision(
            month=row[1],
            revision=row[2],
            recorded_at=row[3],
            generated_at=row[4],
            rules_name=row[5],
            rules_name_en=row[6],
            rules_hash=row[7],
            rules_text=row[8],
            rules_source=row[9],
            profile=row[10],
            effective_from=row[11],
            version=row[12],
            inputs=inputs,
            fingerprint=row[13],
            origin=row[14],
            reopen_reason=row[15],
            agents=row[16],
        )

    def _revision_id(self, month: str, revision: int | None = None) -> int | None:
        if revision is None:
            rows = self._read(
                "SELECT id FROM revisions WHERE month = ? ORDER BY revision DESC LIMIT 1", (month,)
            )
        else:
            rows = self._read("SELECT id FROM revisions WHERE month = ? AND revision = ?", (month, revision))
        return int(rows[0][0]) if rows else None

    def digest(self, month: str) -> str | None:
        """The results digest of the month's latest revision."""
        rows = self._read(
            "SELECT results_digest FROM revisions WHERE month = ? ORDER BY revision DESC LIMIT 1", (month,)
        )
        return str(rows[0][0]) if rows else None

    # --- recording ----------------------------------------------------------------------

    def record(
        self,
        new: NewRevision,
        agents: Sequence[AgentRecord],
        *,
        reopen_reason: str = "",
        expect: int | None = None,
    ) -> Recorded:
        """Record a month's results as its next revision, in one transaction.

        Nothing is recorded when the latest revision has the same fingerprint (rules and
        inputs) and the same results. A closed month is refused (``history.closed``) unless
        ``reopen_reason`` says why it is re-run; the reason is kept with the revision and as
        a reopen event, and the month stays closed. ``expect`` is the revision the caller
        planned (and printed on its outputs): when another run recorded the month meanwhile,
        nothing is recorded (``history.changed_meanwhile``).
        """
        digest = results_digest(agents)
        with self._write() as conn:
            closed_at = conn.execute("SELECT closed_at FROM months WHERE month = ?", (new.month,)).fetchone()
            closed = bool(closed_at and closed_at[0])
            row = conn.execute(
                f"SELECT {_REVISION_COLUMNS}, results_digest FROM revisions WHERE month = ? "
                "ORDER BY revision DESC LIMIT 1",
                (new.month,),
            ).fetchone()
            previous = self._revision(row[:-1]) if row else None
            if (
                previous is not None
                and row is not None
                and row[-1] == digest
                and previous.fingerprint == new.fingerprint
            ):
                return Recorded(previous, False, previous)
            if closed and not reopen_reason.strip():
                raise CsreportError("history.closed", month=new.month, closed_at=str(closed_at[0]))
            number = (previous.revision if previous else 0) + 1
            if expect is not None and number != expect:
                raise CsreportError("history.changed_meanwhile", month=new.month)
            at = now()
            cur = conn.execute(
                "INSERT INTO revisions (month, revision, recorded_at, generated_at, rules_name, "
                "rules_name_en, "
                "rules_hash, rules_text, rules_source, profile, effective_from, version, fingerprint, "
                "results_digest, origin, reopen_reason, agents) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    new.month,
                    number,
                    at,
                    new.generated_at,
                    new.rules_name,
                    new.rules_name_en,
                    new.rules_hash,
                    new.rules_text,
                    new.rules_source,
                    new.profile,
                    new.effective_from,
                    __version__,
                    new.fingerprint,
                    digest,
                    new.origin,
                    reopen_reason.strip(),
                    len(agents),
                ),
            )
            rid = int(cur.lastrowid or 0)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', ?)", (__version__,))
            conn.executemany(
                "INSERT INTO inputs (revision_id, name, path, sha256) VALUES (?, ?, ?, ?)",
                [(rid, i.name, i.path, i.sha256) for i in new.inputs],
            )
            self._insert_agents(conn, rid, agents)
            conn.execute("INSERT OR IGNORE INTO months (month, closed_at) VALUES (?, NULL)", (new.month,))
            if closed:
                conn.execute(
                    "INSERT INTO month_events (month, at, action, reason) VALUES (?, ?, 'reopen', ?)",
                    (new.month, at, reopen_reason.strip()),
                )
            old_agents = self._agents_of(conn, self._revision_id(new.month, number - 1)) if previous else []
            revision = self.latest(new.month)  # the row just written, as every reader sees it
        assert revision is not None
        return Recorded(revision, True, previous, changes(old_agents, agents) if previous else ())

    def latest_number(self, month: str) -> int:
        """The month's latest revision number, 0 when it has none."""
        rows = self._read("SELECT MAX(revision) FROM revisions WHERE month = ?", (month,))
        return int(rows[0][0] or 0)

    def _insert_agents(self, conn: sqlite3.Connection, rid: int, agents: Sequence[AgentRecord]) -> None:
        conn.executemany(
            f"INSERT INTO agents ({_AGENT_COLUMNS}, revision_id) VALUES ({','.join('?' * 22)})",
            [(*_agent_row(a), rid) for a in agents],
        )
        names: dict[tuple[str, str], tuple[Any, ...]] = {}
        rows: list[tuple[Any, ...]] = []
        for a in agents:
            for pos, k in enumerate(a.kpis):
                names.setdefault((a.table_id, k.kpi_id), (k.name, k.name_en, k.unit, k.max_points, int(k.qa)))
                rows.append(
                    (
                        rid,
                        a.agent_id,
                        k.kpi_id,
                        k.raw,
                        k.numerator,
                        k.denominator,
                        k.band,
                        k.points,
                        k.veto,
                        k.veto_en,
                        pos,
                    )
                )
        conn.executemany(
            "INSERT OR IGNORE INTO kpi_names (revision_id, table_id, kpi_id, name, name_en, unit, "
            "max_points, qa) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [(rid, t, k, *v) for (t, k), v in names.items()],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO kpis (revision_id, agent_id, kpi_id, raw, numerator, denominator, band, "
            "points, veto, veto_en, pos) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )

    def note_reopen(self, month: str, reason: str) -> None:
        """Keep the reason a closed month was re-run with, when the re-run recorded nothing new
        (the same inputs and rules): the reason is kept all the same."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO month_events (month, at, action, reason) VALUES (?, ?, 'reopen', ?)",
                (month, now(), reason.strip()),
            )

    def close(self, month: str) -> str:
        """Close ``month``: a re-run then needs a reason. Returns when it was closed (the
        earlier time when it already was). Raises ``history.no_month`` for a month never recorded."""
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM revisions WHERE month = ? LIMIT 1", (month,)).fetchone():
                raise CsreportError("history.no_month", month=month, path=str(self.path))
            row = conn.execute("SELECT closed_at FROM months WHERE month = ?", (month,)).fetchone()
            if row and row[0]:
                return str(row[0])
            at = now()
            conn.execute(
                "INSERT INTO months (month, closed_at) VALUES (?, ?) "
                "ON CONFLICT (month) DO UPDATE SET closed_at = excluded.closed_at",
                (month, at),
            )
            conn.execute(
                "INSERT INTO month_events (month, at, action, reason) VALUES (?, ?, 'close', '')", (month, at)
            )
            return at

    # --- results ------------------------------------------------------------------------

    def agents(self, month: str, revision: int | None = None, *, kpis: bool = False) -> list[AgentRecord]:
        """The agents of a month's revision (the latest by default), with their KPIs when asked."""
        rid = self._revision_id(month, revision)
        if rid is None:
            return []
        with self._errors():
            found = self._agents_of(self._conn, rid)
            return self._with_kpis(rid, found) if kpis else found

    def series(
        self, months: Sequence[str], *, kpis: Sequence[str] = (), light: bool = False
    ) -> dict[str, list[AgentRecord]]:
        """The latest revision's agents of each month of ``months`` that history holds; the
        months in ``kpis`` come with their KPIs.

        ``light`` reads only what trends need (who, which table, 总分, 结论, grade and rank): no
        money, attendance, hire date or veto texts, which a month's run with years of history
        would otherwise parse for every agent of every month before it.
        """
        out: dict[str, list[AgentRecord]] = {}
        for month in months:
            rid = self._revision_id(month)
            if rid is None:
                continue
            with self._errors():
                if light:
                    out[month] = self._light_agents(rid, with_kpis=month in kpis)
                    continue
                found = self._agents_of(self._conn, rid)
                out[month] = self._with_kpis(rid, found) if month in kpis else found
        return out

    def _light_agents(self, rid: int, *, with_kpis: bool) -> list[AgentRecord]:
        # The columns trends do not need are read as NULL: nothing of them is parsed.
        rows = self._conn.execute(
            f"SELECT {_LIGHT_COLUMNS} FROM agents WHERE revision_id = ?", (rid,)
        ).fetchall()
        kpis = self._kpis_by_agent(rid, {r[0]: r[5] for r in rows}) if with_kpis else {}
        return [_agent(r, tuple(kpis.get(r[0], ()))) for r in rows]

    def agent_months(self, agent_id: str) -> list[tuple[str, int, AgentRecord]]:
        """One agent's months (latest revision of each), oldest first: (month, revision, record)."""
        rows = self._read(
            f"SELECT r.month, r.revision, {', '.join('a.' + c.strip() for c in _AGENT_COLUMNS.split(','))} "
            "FROM agents a JOIN revisions r ON r.id = a.revision_id "
            "WHERE a.agent_id = ? "
            "AND r.revision = (SELECT MAX(revision) FROM revisions r2 WHERE r2.month = r.month) "
            "ORDER BY r.month",
            (agent_id,),
        )
        return [(row[0], int(row[1]), _agent(row[2:])) for row in rows]

    def fails_before(self, month: str, tables: Mapping[str, str]) -> dict[tuple[str, str], int]:
        """(agent, 考核表 id) → months failed (不予上岗) on that table before ``month``, latest
        revisions. ``tables`` maps each way a month may name a table to its id: its id, and its
        names for months imported from results workbooks, which know tables by name only."""
        if not tables:
            return {}
        marks = ",".join("?" * len(tables))
        rows = self._read(
            "SELECT a.agent_id, a.table_id, COUNT(*) FROM agents a JOIN revisions r ON r.id = a.revision_id "
            f"WHERE r.month < ? AND a.conclusion = 'fail' AND a.table_id IN ({marks}) "
            "AND r.revision = (SELECT MAX(revision) FROM revisions r2 WHERE r2.month = r.month) "
            "GROUP BY a.agent_id, a.table_id",
            (month, *tables),
        )
        counts: dict[tuple[str, str], int] = {}
        for agent, table, n in rows:
            key = (str(agent), tables[str(table)])
            counts[key] = counts.get(key, 0) + int(n)
        return counts

    def _agents_of(self, conn: sqlite3.Connection, rid: int | None) -> list[AgentRecord]:
        if rid is None:
            return []
        rows = conn.execute(f"SELECT {_AGENT_COLUMNS} FROM agents WHERE revision_id = ?", (rid,)).fetchall()
        return [_agent(r) for r in rows]

    def _with_kpis(self, rid: int, agents: list[AgentRecord]) -> list[AgentRecord]:
        by_agent = self._kpis_by_agent(rid, {a.agent_id: a.table_id for a in agents})
        return [replace(a, kpis=tuple(by_agent.get(a.agent_id, ()))) for a in agents]

    def _kpis_by_agent(self, rid: int, tables: dict[str, str]) -> dict[str, list[KpiRecord]]:
        """Each agent's KPIs of a revision, in the rules' order; ``tables`` gives each agent's
        考核表 (a KPI's names and maximum are kept once per table)."""
        names = {
            (t, k): (n, ne, u, float(m), bool(q))
            for t, k, n, ne, u, m, q in self._conn.execute(
                "SELECT table_id, kpi_id, name, name_en, unit, max_points, qa FROM kpi_names "
                "WHERE revision_id = ?",
                (rid,),
            )
        }
        by_agent: dict[str, list[KpiRecord]] = {}
        for agent, kpi, raw, num, den, band, points, veto, veto_en in self._conn.execute(
            "SELECT agent_id, kpi_id, raw, numerator, denominator, band, points, veto, veto_en FROM kpis "
            "WHERE revision_id = ? ORDER BY agent_id, pos",
            (rid,),
        ):
            name, name_en, unit, max_points, qa = names.get(
                (tables.get(agent, ""), kpi), (kpi, kpi, "", 0.0, False)
            )
            by_agent.setdefault(agent, []).append(
                KpiRecord(
                    kpi, name, name_en, unit, max_points, raw, num, den, band, points, veto, veto_en, qa
                )
            )
        return by_agent

    # --- interviews and level changes ---------------------------------------------------

    def save_interviews(self, interviews: Sequence[Interview]) -> int:
        """Store interviews. A later import of the same month and agent replaces the earlier one
        field by field: a field it leaves blank (or that could not be read) keeps what was stored."""
        at = now()
        keep = ", ".join(
            f"{f} = CASE WHEN excluded.{f} = '' THEN interviews.{f} ELSE excluded.{f} END"
            for f in ("name", "points", "judgement", "reason", "reason_note", "plan", "date")
        )
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO interviews (month, agent_id, name, points, judgement, reason, "
                "reason_note, plan, date, source, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                f"ON CONFLICT (month, agent_id) DO UPDATE SET {keep}, source = excluded.source, "
                "recorded_at = excluded.recorded_at",
                [
                    (
                        i.month,
                        i.agent_id,
                        i.name,
                        i.points,
                        i.judgement,
                        i.reason,
                        i.reason_note,
                        i.plan,
                        i.date,
                        i.source,
                        at,
                    )
                    for i in interviews
                ],
            )
        return len(interviews)

    def interviews(self, months: Sequence[str]) -> list[Interview]:
        """The interviews recorded for ``months``, by month then agent."""
        if not months:
            return []
        marks = ",".join("?" * len(months))
        rows = self._read(
            "SELECT month, agent_id, name, points, judgement, reason, reason_note, plan, date, source "
            f"FROM interviews WHERE month IN ({marks}) ORDER BY month, agent_id",
            months,
        )
        return [Interview(*row) for row in rows]

    def save_level_changes(self, changes: Sequence[LevelChange]) -> int:
        """Record the level changes a review decided (one transaction)."""
        at = now()
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO level_changes (agent_id, name, from_level, to_level, effective_month, period, "
                "decided_at, source, note) VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (
                        c.agent_id,
                        c.name,
                        c.from_level,
                        c.to_level,
                        c.effective_month,
                        c.period,
                        c.decided_at or at,
                        c.source,
                        c.note,
                    )
                    for c in changes
                ],
            )
        return len(changes)

    def level_changes(self, up_to: str | None = None) -> list[LevelChange]:
        """The level changes in force from ``up_to`` or earlier (all when None), oldest first."""
        sql = (
            "SELECT agent_id, name, from_level, to_level, effective_month, period, decided_at, source, note "
            "FROM level_changes"
        )
        params: tuple[Any, ...] = ()
        if up_to is not None:
            sql += " WHERE effective_month <= ?"
            params = (up_to,)
        return [LevelChange(*row) for row in self._read(sql + " ORDER BY effective_month, id", params)]


def changes(old: Sequence[AgentRecord], new: Sequence[AgentRecord]) -> tuple[Changed, ...]:
    """Who changed between two revisions: 总分, 结论 and 系数 (old → new), and who came or went."""
    before = {a.agent_id: a for a in old}
    after = {a.agent_id: a for a in new}
    out: list[Changed] = []
    for agent_id in sorted(before.keys() | after.keys(), key=by_digits):
        a, b = before.get(agent_id), after.get(agent_id)
        if a is None and b is not None:
            out.append(Changed(agent_id, b.name, (("total", None, b.total),), added=True))
            continue
        if b is None and a is not None:
            out.append(Changed(agent_id, a.name, (("total", a.total, None),), removed=True))
            continue
        assert a is not None and b is not None
        diff: list[tuple[str, object, object]] = []
        if _rounded(a.total) != _rounded(b.total):
            diff.append(("total", a.total, b.total))
        if a.conclusion != b.conclusion:
            diff.append(("conclusion", a.conclusion, b.conclusion))
        if _rounded(a.coefficient) != _rounded(b.coefficient):
            diff.append(("coefficient", a.coefficient, b.coefficient))
        if diff:
            out.append(Changed(agent_id, b.name, tuple(diff)))
    return tuple(out)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _check_file(path: Path, create: bool) -> bool:
    """Whether ``path`` is a new history to make; refuse what must not be opened.

    A new history is made only where nothing is: an existing file, even an empty one, is
    someone's, and only a file that starts like SQLite is opened (and then checked to be ours).
    Its folder must exist: a mistyped ``--history`` starts no new, empty history elsewhere.
    """
    if path.is_dir():
        raise CsreportError("history.is_folder", path=str(path))
    if not path.exists():
        if not create:
            raise CsreportError("history.missing", path=str(path))
        if not path.parent.is_dir():
            raise CsreportError("history.no_folder", path=str(path), folder=str(path.parent))
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise CsreportError("history.unwritable", path=str(path), reason=os_reason(exc)) from exc
    if head != _SQLITE_MAGIC:
        raise CsreportError("history.not_ours", path=str(path))
    return False


def _make(path: Path) -> None:
    """Create a new, empty history at ``path`` as one step: the tables are made in a file
    beside it, which is then linked into place. A run killed meanwhile leaves no half-made
    history, and of two runs making it at once, one makes it and the other opens it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("BEGIN")
            for statement in _SCHEMA_SQL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("app", APP), ("schema", str(SCHEMA)), ("created_by", __version__), ("created_at", now())],
            )
            conn.execute("COMMIT")
        finally:
            conn.close()
        try:
            os.link(tmp, path)  # never replaces a file that appeared meanwhile
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(tmp, path)
    except OSError as exc:
        raise CsreportError("history.unwritable", path=str(path), reason=os_reason(exc)) from exc
    except sqlite3.Error as exc:
        raise CsreportError("history.unwritable", path=str(path), reason=_why(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _why(exc: sqlite3.Error) -> Bilingual:
    """SQLite's refusal in the user's words, never its English text."""
    text = str(exc).lower()
    if "readonly" in text:
        return both("history.why.readonly")
    if "full" in text:
        return both("history.why.full")
    return both("history.why.other")


def _agent_row(a: AgentRecord) -> tuple[Any, ...]:
    att = a.attendance
    attendance = (
        None
        if att is None
        else json.dumps(
            [att.present, att.late, att.early_leave, att.leave, att.absent, att.rest, att.recorded_days]
        )
    )
    return (
        a.agent_id,
        a.name,
        a.group,
        a.status,
        a.level,
        a.table_id,
        a.table_name,
        a.total,
        a.max_total,
        a.conclusion,
        a.grade,
        a.rank,
        a.rank_of,
        a.coefficient,
        a.bonus,
        a.bonus_base,
        int(a.in_roster),
        a.hire_date,
        attendance,
        json.dumps(list(a.vetoes), ensure_ascii=False) if a.vetoes else None,
        json.dumps(list(a.vetoes_en), ensure_ascii=False) if a.vetoes_en else None,
    )


def _agent(row: Sequence[Any], kpis: tuple[KpiRecord, ...] = ()) -> AgentRecord:
    attendance = None
    if row[18]:
        values = json.loads(row[18])
        attendance = AttendanceSummary(*[int(v) for v in values])
    return AgentRecord(
        agent_id=row[0],
        name=row[1],
        group=row[2],
        status=row[3],
        level=row[4],
        table_id=row[5],
        table_name=row[6],
        total=row[7],
        max_total=float(row[8]),
        conclusion=row[9],
        grade=row[10],
        rank=row[11],
        rank_of=int(row[12]),
        coefficient=row[13],
        bonus=row[14],
        bonus_base=row[15],
        in_roster=bool(row[16]),
        hire_date=row[17],
        attendance=attendance,
        vetoes=tuple(json.loads(row[19])) if row[19] else (),
        vetoes_en=tuple(json.loads(row[20])) if row[20] else (),
        kpis=kpis,
    )
