"""``csreport watch``: a drop folder that runs itself.

A pass lists the watched folder with ``os.scandir`` (polling, never file-system events, so a
shared network folder works) and takes each new or changed workbook once it has stopped changing:
its size and modification time unchanged for ``settle`` seconds and no Excel, WPS or LibreOffice
lock file beside it. While any file is still being copied, nothing is scored: files dropped
together are scored together. A file open in Excel or WPS holds back the months it goes with
(every month, when what it holds is not known yet: a roster goes with every month), which are
scored once it is closed. It learns the months each file holds (``inputs.months``) and
scores each month a changed file touches with ``api.run_month``: that month's files plus the
ones that go with every month (a roster, figures without dates). A changed roster re-scores
every open month of the folder; a file of a month the history has closed is reported, not
scored. A month scored without PDFs (HTML scorecards instead, or no engine at all) is said so.
Sub-folders are not read, as ``run`` reads none.

The ledger (``history.ledger``, in the month's history file) keeps each file's size, time and
SHA-256 and what it fed: a file seen again with the same content does nothing (a copy of a file
already there under another name neither), a changed one re-scores its month (a new revision, as
``run_month`` records it), and one that failed or could not be read is tried again when it is
changed or dropped again; when that comes to what it came to before, nothing new is recorded or
said. The processing log, 处理记录.xlsx in the output folder, is rebuilt from the ledger's
entries for that output folder (from every folder watched into it) after each pass that did
something. The last line of ``--once`` tells the folder's standing: the files still refused and
the months whose latest run had problems or made no PDF, besides what the pass did.

One watcher per output folder (the lock ``.csreport-watch.lock``): a second one waits to take
over, or with ``--once`` says so and stops. A month another run is writing (``output.busy``) is
tried again at the next pass, the ledger left as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from csreport.api import run_month
from csreport.cycle.run_steps import history_path
from csreport.fields import BUILTIN
from csreport.history.ledger import (
    BAD,
    DONE,
    FAILED,
    FAILURE,
    GONE,
    NO_PDF,
    OK,
    PROBLEMS,
    SAME,
    SKIPPED,
    Ledger,
    LedgerEntry,
    LedgerFile,
    NewEntry,
)
from csreport.history.store import History
from csreport.inputs.mapping import UserMapping, load_mapping
from csreport.inputs.months import FileMonths, file_months
from csreport.inputs.workbook import SPREADSHEET_EXTS, input_problems, is_skippable, read_input_bytes
from csreport.messages import Bilingual, both, joined, translate
from csreport.outputs.filenames import results_workbook_name
from csreport.outputs.month_folder import check_out_dir
from csreport.outputs.xlsx.processing_log import entry_result, revision_words, write_processing_log
from csreport.problems import CsreportError, Problem, Severity
from csreport.reports import ExitCode, RunOptions, RunReport
from csreport.rules.loader import load_rules
from csreport.rules.wording import number
from csreport.util.atomic import LOCK_HELD, lock_file, os_error, unlock_file
from csreport.util.paths import os_reason
from csreport.util.report_names import PROCESSING_LOG_NAME

DEFAULT_INTERVAL = 5.0
DEFAULT_SETTLE = 3.0
# In the output folder: held by the one watcher that handles it.
WATCH_LOCK = ".csreport-watch.lock"
# What another run doing the same month says: the month is tried again at the next pass.
BUSY = frozenset({"output.busy", "history.busy", "history.changed_meanwhile"})
# Refusals that go away by themselves (a report open in Excel on Windows is closed, a full disk is
# cleared): said, and the month is tried again at the next pass.
RETRY = frozenset({"output.in_use", "output.disk_full"})
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

# Why a file was not taken yet (``Waiting.why``).
NEW = "new"  # first seen less than ``settle`` seconds ago (said only by ``--once``, as COPYING)
COPYING = "copying"  # its size or time changed within the last ``settle`` seconds
OPEN = "open"  # a lock file of Excel, WPS or LibreOffice is beside it
IN_USE = "in_use"  # it cannot be opened (Windows: another program holds it)


@dataclass(frozen=True)
class WatchOptions:
    """What ``watch`` needs: the folder, the run's options and how often to look."""

    folder: Path
    run: RunOptions  # as ``run`` takes them; ``run.month``: only this month
    interval: float = DEFAULT_INTERVAL
    settle: float = DEFAULT_SETTLE


@dataclass(frozen=True)
class Waiting:
    """A file not taken at this pass, and why (NEW, COPYING, OPEN or IN_USE)."""

    name: str
    why: str


@dataclass
class PassReport:
    """What one pass did and what it left for later."""

    entries: list[LedgerEntry] = field(default_factory=list)  # in the order they were made
    waiting: list[Waiting] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)  # months another run was writing
    retry: list[tuple[str, Bilingual]] = field(default_factory=list)  # months to try again, and why
    unreachable: Bilingual | None = None  # why the folder could not be listed
    failure: Bilingual | None = None  # why the pass could not finish (the history, the output folder)
    log_error: Bilingual | None = None  # why the processing log could not be written
    notes: list[Problem] = field(default_factory=list)  # sub-folders holding workbooks, not read
    skipped: list[LedgerFile] = field(default_factory=list)  # files of other months than the one set
    # Months not scored because a file they go with is open in Excel/WPS, and those files.
    held: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # The folder's standing after the pass (``Watch.standing``): the latest entry of each of its
    # files' months and of each file still refused, when not all is well; None when not looked at.
    standing: list[LedgerEntry] | None = None

    @property
    def outcomes(self) -> list[LedgerEntry]:
        """The entries the pass ends on: the folder's standing when known, else what the pass did."""
        return self.entries if self.standing is None else self.standing

    @property
    def exit_code(self) -> ExitCode:
        """2: something was not done (a failure, a file refused, a file still being copied or open, a
        month busy); 4: a month was scored without PDFs; 1: a month has data problems; 0: everything
        done (or nothing to do). With the folder's standing known, it is what counts."""
        outcomes = self.outcomes
        if (
            self.unreachable
            or self.failure
            or self.waiting
            or self.held
            or self.busy
            or self.retry
            or any(e.result == FAILURE for e in outcomes)
        ):
            return ExitCode.USER_ERROR
        if any(e.result == NO_PDF for e in outcomes):
            return ExitCode.NO_PDF
        if any(e.result == PROBLEMS for e in outcomes):
            return ExitCode.NOT_CLEAN
        return ExitCode.OK


@dataclass(frozen=True)
class _Read:
    """A file read at this pass: its stat, hash and what it holds."""

    name: str
    size: int
    mtime_ns: int
    sha256: str
    holds: FileMonths | None = None
    refused: Bilingual | None = None  # why it cannot be read at all


class Watch:
    """The watcher of one folder into one output folder: ``run`` is the command."""

    def __init__(
        self,
        options: WatchOptions,
        echo: Callable[[str], None],
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options
        self.folder = Path(options.folder)
        self.out = Path(options.run.out_dir)
        self.lang = options.run.lang
        self.month = options.run.month
        self.history = history_path(self.out, options.run.history)
        self.echo = echo
        self.current: str | None = None  # the month being scored, while it is
        self._clock, self._sleep = clock, sleep
        # name → (size, mtime_ns, since when, whether it was seen to change)
        self._seen: dict[str, tuple[int, int, float, bool]] = {}
        self._once = False
        self._memo: dict[str, _Read] = {}  # the last read of each file, by name
        self._files: dict[str, LedgerFile] | None = None  # the ledger's files, as last read or written
        self._missing: dict[str, float] = {}  # files of the ledger not in the folder, since when
        self._mapping: UserMapping | None = None
        self._key = ("", "")  # the watched folder and the output folder, as the ledger keys them
        self._log_stale = True  # the processing log is to be (re)written
        self._told: dict[str, set[tuple[str, ...]]] = {}  # what the console already said, by kind

    # --- the command ------------------------------------------------------------------------

    def run(self, once: bool) -> ExitCode:
        """Watch until stopped (Ctrl-C or SIGTERM raise through here), or with ``once`` do one
        pass and return its exit code, its last line said."""
        self.prepare()
        self._once = once
        with self._locked(once):
            if once:
                report = self.once()
                report.standing = self.standing(report)
                for line in self.lines(report):
                    self.echo(line)
                self.echo(self.last_line(report))
                return report.exit_code
            self.echo(
                translate(
                    "watch.start",
                    self.lang,
                    folder=str(self.folder),
                    interval=number(self.options.interval),
                    settle=number(self.options.settle),
                    out=str(self.out),
                )
            )
            while True:
                for line in self.lines(self.run_pass()):
                    self.echo(line)
                self._sleep(self.options.interval)

    def prepare(self) -> None:
        """Refuse what cannot work before the first pass: no such folder, an output location that
        is a file, a month that is not YYYY-MM, a mapping or rules file that does not load, a
        history file that is not csreport's (or is newer, or damaged; it is left as it was)."""
        if self.month is not None and not _MONTH.match(self.month):
            raise CsreportError("month.bad", value=self.month)
        if not self.folder.exists():
            raise CsreportError("file.not_found", path=str(self.folder))
        if not self.folder.is_dir():
            raise CsreportError("watch.not_folder", path=str(self.folder))
        check_out_dir(self.out)
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(exc, self.out) from exc
        run = self.options.run
        self._mapping = load_mapping(run.mapping)
        if run.rules is not None and not Path(run.rules).is_dir():
            vocabulary = self._mapping.vocabulary() if self._mapping is not None else BUILTIN
            load_rules(run.rules, run.profile, self.lang, vocabulary=vocabulary)
        self._key = (str(_absolute(self.folder)), str(_absolute(self.out)))
        with History.open(self.history) as store:
            # Made (or its layout checked) now, before anything is scored: a history whose ledger
            # a newer csreport laid out is refused before a month is recorded in it.
            store.ensure_ledger()
            self._files = Ledger(store, *self._key).files()

    def once(self) -> PassReport:
        """One pass, after waiting ``settle`` seconds when something is new, so that a file being
        copied right now is seen to change (or to have stopped)."""
        try:
            files, _ = _listing(self.folder)
        except OSError:
            return self.run_pass()  # said by the pass
        now = self._clock()
        known = self._files or {}
        new = False
        for name, stat in files.items():
            old = known.get(name)
            if old is None or (old.size, old.mtime_ns) != stat or old.state == GONE or self._wanted_now(old):
                self._seen[name] = (*stat, now, False)
                new = True
        for name, old in known.items():
            if name not in files and old.state in (DONE, FAILED):
                self._missing.setdefault(name, now)
                new = True
        if new:
            self._sleep(self.options.settle)
        return self.run_pass()

    # --- one pass ---------------------------------------------------------------------------

    def run_pass(self) -> PassReport:
        """Look at the folder once and do what is to be done."""
        report = PassReport()
        try:
            files, locks = _listing(self.folder)
        except OSError as exc:
            report.unreachable = os_reason(exc)
            return report
        known = self._files or {}
        now = self._clock()
        ready: list[str] = []
        # The files open in Excel/WPS: as the ledger knows them (unchanged), or None when what
        # they hold now is not known. Each holds back the months it goes with (``_score_months``).
        opened: dict[str, LedgerFile | None] = {}
        for name in sorted(files):
            stat = files[name]
            old = known.get(name)
            if (
                old is not None
                and (old.size, old.mtime_ns) == stat
                and old.state != GONE
                and not self._wanted_now(old)
            ):
                self._seen.pop(name, None)  # handled already
                if _lock_files(name) & locks:
                    opened[name] = old  # open to be edited: its months wait until it is closed
                continue
            seen = self._seen.get(name)
            if seen is None:
                self._seen[name] = (*stat, now, False)
                report.waiting.append(Waiting(name, NEW))
            elif (seen[0], seen[1]) != stat:
                self._seen[name] = (*stat, now, True)
                report.waiting.append(Waiting(name, COPYING))
            elif _lock_files(name) & locks:
                self._seen[name] = (*stat, now, seen[3])  # once it is closed, ``settle`` again
                report.waiting.append(Waiting(name, OPEN))
                opened[name] = None
            elif now - seen[2] < self.options.settle:
                report.waiting.append(Waiting(name, COPYING if seen[3] else NEW))
            else:
                ready.append(name)
        for name in set(self._seen) - set(files):
            del self._seen[name]  # gone
        # A file that fed its month and has left the folder for ``settle`` seconds re-scores the
        # month without it (a moment's absence is a file being saved or replaced).
        removed: list[str] = []
        for name in sorted(set(self._missing) - set(known)):
            del self._missing[name]
        for name, old in known.items():
            if name in files or old.state not in (DONE, FAILED):
                self._missing.pop(name, None)
            elif now - self._missing.setdefault(name, now) >= self.options.settle:
                removed.append(name)
        if any(w.why in (NEW, COPYING) for w in report.waiting) or len(removed) < sum(
            n not in files and f.state in (DONE, FAILED) for n, f in known.items()
        ):
            return report  # files dropped together are scored together, once all have arrived
        if not ready and not removed and not self._log_stale:
            return report
        try:
            with History.open(self.history) as store:
                ledger = Ledger(store, *self._key)
                self._files = ledger.files()
                read = [r for r in (self._read(name, files[name], report) for name in ready) if r is not None]
                if not any(w.why == IN_USE for w in report.waiting):
                    self._work(ledger, store, files, read, removed, opened, report)
                if report.entries:
                    report.notes = self._subfolders()
                if report.entries or self._log_stale:
                    self._write_log(ledger, report)
        except CsreportError as exc:
            report.failure = _words(exc)
        return report

    def _wanted_now(self, old: LedgerFile) -> bool:
        """A file left aside for holding another month than the one set, now that it is wanted."""
        return old.state == SKIPPED and (self.month is None or self.month in old.months)

    def _read(self, name: str, stat: tuple[int, int], report: PassReport) -> _Read | None:
        """``name`` read, hashed and looked through for its months; None when it went away or is
        still being written (``report`` says which)."""
        size, mtime = stat
        memo = self._memo.get(name)
        if memo is not None and (memo.size, memo.mtime_ns) == stat:
            return memo
        path = self.folder / name
        try:
            data = read_input_bytes(path)
        except CsreportError as exc:
            if exc.code == "file.not_found":
                self._seen.pop(name, None)
                return None
            if exc.code == "file.no_permission":
                report.waiting.append(Waiting(name, IN_USE))
                return None
            return _Read(name, size, mtime, "", refused=_words(exc))
        try:
            after = path.stat()
        except OSError:
            self._seen.pop(name, None)
            return None
        if len(data) != size or (after.st_size, after.st_mtime_ns) != stat:
            self._seen[name] = (after.st_size, after.st_mtime_ns, self._clock(), True)
            report.waiting.append(Waiting(name, COPYING))
            return None
        digest = hashlib.sha256(data).hexdigest()
        got = _Read(name, size, mtime, digest, file_months(name, data, self._mapping, self.month))
        self._memo[name] = got
        return got

    def _work(
        self,
        ledger: Ledger,
        store: History,
        files: dict[str, tuple[int, int]],
        read: list[_Read],
        removed: list[str],
        opened: dict[str, LedgerFile | None],
        report: PassReport,
    ) -> None:
        """Record what is unchanged, refuse what cannot be used, and score each month touched
        (but those a file open in Excel/WPS holds back)."""
        known = self._files or {}
        gone = [replace(known[n], state=GONE) for n in removed if n in known and known[n].state != GONE]
        touched: list[LedgerFile] = []
        changed: dict[str, _Read] = {}
        for got in read:
            old = known.get(got.name)
            if old is not None and got.sha256 and old.sha256 == got.sha256 and old.state in (DONE, SAME):
                touched.append(replace(old, size=got.size, mtime_ns=got.mtime_ns))
            else:
                changed[got.name] = got
        # The folder as it is now: what the ledger knows, with the files seen again unchanged.
        known = {**known, **{f.name: f for f in touched}}
        # A copy whose original has changed or left the folder is read in its own right, now.
        present = {f.sha256 for n, f in known.items() if n in files and n not in changed and f.state != SAME}
        for name, f in sorted(known.items()):
            if f.state == SAME and name in files and name not in changed and f.sha256 not in present:
                again = self._read(name, files[name], report)
                if again is not None:
                    changed[name] = again
        touched = [f for f in touched if f.name not in changed]
        # A file with the content of another one in the folder is read once, under the other name.
        originals = {
            f.sha256: n
            for n, f in known.items()
            if n in files
            and n not in changed
            and f.state != SAME
            and f.sha256
            and (f.size, f.mtime_ns) == files[n]
        }
        holdings: dict[str, LedgerFile] = {
            n: f
            for n, f in known.items()
            if n in files
            and n not in changed
            and f.state in (DONE, FAILED)
            and (f.size, f.mtime_ns) == files[n]
        }
        for name in sorted(changed):
            got = changed[name]
            original = originals.setdefault(got.sha256, name) if got.sha256 else name
            if original != name:
                touched.append(LedgerFile(name, got.size, got.mtime_ns, got.sha256, state=SAME))
                del changed[name]
                continue
            if got.refused is not None or got.holds is None or got.holds.refused is not None:
                why = got.refused or (got.holds.refused if got.holds else None)
                self._record(ledger, report, NewEntry("", FAILURE, reason=why), [_file(got, state=BAD)])
                del changed[name]
                continue
            holds = got.holds
            if not (holds.data or holds.roster):  # a chat list, a results workbook: nothing to score
                touched.append(_file(got))
                del changed[name]
                continue
            holdings[name] = _file(got)
        if touched:
            ledger.record(None, touched)
            self._remember(touched)
        full = {m for f in holdings.values() for m in f.months}
        for name in sorted(changed):
            self._place(ledger, report, changed[name], holdings, full)
        touching = {n: holdings[n] for n in changed if n in holdings}
        self._score_months(ledger, store, report, touching, holdings, gone, opened)

    def _place(
        self,
        ledger: Ledger,
        report: PassReport,
        got: _Read,
        holdings: dict[str, LedgerFile],
        full: set[str],
    ) -> None:
        """Settle the months of a changed file: days without a year take the year of the same month
        in the folder's other files. A file of no month is refused with an entry, one of only other
        months than the one set is left aside; either leaves ``holdings``."""
        holds = got.holds
        assert holds is not None
        months = set(holds.months)
        for number_ in sorted(holds.partial):
            found = sorted(m for m in full if int(m[5:]) == number_)
            if len(found) != 1:
                self._refuse(ledger, report, got, holdings, both("watch.no_year"))
                return
            months.add(found[0])
        if not months and holds.undated and not full and self.month is None:
            self._refuse(ledger, report, got, holdings, both("watch.no_month"))
            return
        placed = replace(holdings[got.name], months=tuple(sorted(months)))
        if self.month is not None and months and self.month not in months and not holds.roster:
            # Left for when the month set is one of its own: said, not refused.
            skipped = replace(holdings.pop(got.name), months=placed.months, state=SKIPPED)
            ledger.record(None, [skipped])
            self._remember([skipped])
            report.skipped.append(skipped)
            return
        holdings[got.name] = placed

    def _refuse(
        self,
        ledger: Ledger,
        report: PassReport,
        got: _Read,
        holdings: dict[str, LedgerFile],
        reason: Bilingual,
    ) -> None:
        recorded = replace(holdings.pop(got.name), state=FAILED)
        self._record(ledger, report, NewEntry("", FAILURE, reason=reason), [recorded])

    def _score_months(
        self,
        ledger: Ledger,
        store: History,
        report: PassReport,
        changed: dict[str, LedgerFile],
        holdings: dict[str, LedgerFile],
        gone: list[LedgerFile],
        opened: dict[str, LedgerFile | None],
    ) -> None:
        """Score each month a changed or removed file touches (a roster or undated figures touch
        every month of the folder), with that month's files; a closed month a file of it changed
        is reported. A month a file open in Excel/WPS goes with (any month, for an open file
        whose content is not known) is held back: nothing of it is recorded, and it is scored at
        a pass after the file is closed."""
        months = {m for f in [*changed.values(), *gone] for m in f.months}
        if any(f.roster or f.undated for f in [*changed.values(), *gone]):
            months |= {m for f in holdings.values() for m in f.months}
            if self.month is not None:
                months.add(self.month)
        if self.month is not None:
            months &= {self.month}
        placed: set[str] = set()
        for month in sorted(months):
            group = sorted(n for n, f in holdings.items() if f.goes_with(month))
            if not any(holdings[n].data_of(month) for n in group):
                continue  # a roster alone: nothing to score yet
            direct = [n for n in group if n in changed and holdings[n].data_of(month)]
            closed_at = store.is_closed(month)
            if closed_at:
                if direct:
                    self._closed(ledger, report, month, closed_at, [holdings[n] for n in direct])
                    placed.update(direct)
                continue
            holders = tuple(sorted(n for n, f in opened.items() if f is None or f.goes_with(month)))
            if holders:
                report.held.append((month, holders))
                placed.update(group)
                continue
            self._score(ledger, report, month, [holdings[n] for n in group])
            placed.update(group)
        waiting = [f for n, f in changed.items() if n not in placed and n in holdings]
        # A month another run held (or that could not be written) is tried again at the next pass:
        # the ledger is not told of the files that go with it, and when another month recorded
        # one of them meanwhile, that record is undone; a file gone from it is not recorded gone.
        unsettled = [*report.busy, *(m for m, _ in report.retry), *(m for m, _ in report.held)]
        recorded = self._files or {}
        forgotten = [
            LedgerFile(n, -1, -1, "", f.months, f.roster, f.undated, FAILED)
            for n, f in changed.items()
            if any(f.goes_with(m) for m in unsettled)
            and n in recorded
            and (recorded[n].sha256, recorded[n].mtime_ns) == (f.sha256, f.mtime_ns)
        ]
        waiting = [f for f in waiting if f.name not in {g.name for g in forgotten}]
        waiting += [f for f in gone if not any(f.goes_with(m) for m in unsettled)]
        waiting += forgotten
        if waiting:  # a roster with no month to go with yet, files gone, files to take again
            ledger.record(None, waiting)
            self._remember(waiting)

    def _closed(
        self, ledger: Ledger, report: PassReport, month: str, closed_at: str, files: list[LedgerFile]
    ) -> None:
        where = self.out / month / results_workbook_name(month)
        entry = NewEntry(
            month,
            FAILURE,
            reason=both("watch.closed", closed_at=closed_at),
            month_folder=month if where.parent.is_dir() else "",
            workbook=f"{month}/{where.name}" if where.is_file() else "",
        )
        self._record(ledger, report, entry, [replace(f, state=FAILED) for f in files])

    def _score(self, ledger: Ledger, report: PassReport, month: str, group: list[LedgerFile]) -> None:
        """Score ``month`` from ``group`` with ``run_month`` and record what came of it."""
        paths = [self.folder / f.name for f in group]
        self.current = month  # until it is done: a stop meanwhile drops this month's run whole
        try:
            done = run_month(paths, replace(self.options.run, month=month))
        except CsreportError as exc:
            self.current = None
            if exc.code in BUSY:
                report.busy.append(month)
                return
            if exc.code in RETRY:
                report.retry.append((month, _words(exc)))
                return
            if exc.code == "history.closed":
                self._closed(ledger, report, month, str(exc.params.get("closed_at", "")), group)
                return
            entry = NewEntry(month, FAILURE, reason=_words(exc))
            self._record(ledger, report, entry, [replace(f, state=FAILED) for f in group])
            return
        except Exception as exc:  # a bug in one month: said in the log, and the watcher goes on
            self.current = None
            if os.environ.get("CSREPORT_DEBUG"):
                traceback.print_exc()
            reason = both("cli.bug", kind=type(exc).__name__, text=str(exc)[:200])
            entry = NewEntry(month, FAILURE, reason=reason)
            self._record(ledger, report, entry, [replace(f, state=FAILED) for f in group])
            return
        self.current = None
        self._record(ledger, report, self._entry(month, done), _as_read(group, done, self.folder))

    def _entry(self, month: str, done: RunReport) -> NewEntry:
        """The ledger's entry for a month ``run_month`` scored."""
        problems = sum(p.severity is not Severity.INFO for p in done.problems)
        recorded = done.history.recorded if done.history is not None else None
        workbook = _relative(done.workbook, self.out)
        result = PROBLEMS if problems or done.files_failed else OK
        reason = None
        if done.pdf_error:  # the engine asked for (or every engine) is missing: no scorecards at all
            result, reason = NO_PDF, both("watch.no_pdf.engine", reason=done.pdf_error)
        elif done.pdf_engine == "html":  # HTML scorecards to print by hand
            result, reason = NO_PDF, both("watch.no_pdf.html")
        return NewEntry(
            month,
            result,
            problems=problems,
            reason=reason,
            revision=recorded.revision.revision if recorded is not None else done.result.meta.revision or 0,
            same=recorded is not None and not recorded.new,
            month_folder=month,
            workbook=workbook,
        )

    def _record(self, ledger: Ledger, report: PassReport, entry: NewEntry, files: list[LedgerFile]) -> None:
        """Record ``entry`` made from ``files``; a failure (or a month without PDFs) that each of
        its files already came to last time is not recorded again, only the files' new state."""
        before = self._files or {}
        last = [before[f.name].entry if f.name in before else None for f in files]
        if entry.result in (FAILURE, NO_PDF) and files and None not in last:
            earlier = ledger.by_ids([i for i in last if i is not None])
            again = entry.outcome(f.name for f in files)
            if all(i in earlier and earlier[i].outcome() == again for i in last if i is not None):
                kept = [replace(f, entry=i) for f, i in zip(files, last, strict=True)]
                ledger.record(None, kept)
                self._remember(kept)
                return
        recorded = ledger.record(entry, files)
        if recorded is None:
            self._remember(files)
            return
        self._remember([replace(f, entry=recorded.id) for f in files])
        report.entries.append(recorded)

    def _remember(self, files: list[LedgerFile]) -> None:
        if self._files is None:
            self._files = {}
        for f in files:
            self._files[f.name] = f

    def _write_log(self, ledger: Ledger, report: PassReport) -> None:
        """Rebuild the processing log from the ledger; when it cannot be written (open in Excel on
        Windows), say so and write it at the next pass."""
        try:
            write_processing_log(
                ledger.entries(every_folder=True),
                self.out / PROCESSING_LOG_NAME,
                folder=self._key[0],
                out=self._key[1],
                lang=self.lang,
            )
        except CsreportError as exc:
            # The operating system's reason when there is one: the rest of the refusal is about
            # reports, and the reports were written.
            reason = exc.params.get("reason")
            report.log_error = reason if isinstance(reason, Bilingual) else _words(exc)
            self._log_stale = True
        else:
            self._log_stale = False

    def _subfolders(self) -> list[Problem]:
        """The sub-folders of the watched folder holding workbooks, which are not read (as ``run``
        reads none); the output folder, when it is one of them, is no input."""
        out = _absolute(self.out)
        return [
            p
            for p in input_problems([self.folder])
            if p.code == "input.subfolder_not_read" and _absolute(self.folder / p.file.rstrip("/\\")) != out
        ]

    # --- the lock ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self, once: bool) -> Iterator[None]:
        """Hold the output folder's watcher lock: with ``once`` refuse when another watcher holds
        it (``watch.locked``), else wait for it, saying so once."""
        path = self.out / WATCH_LOCK
        told = False
        while True:
            try:
                fh: IO[str] = open(path, "a+", encoding="utf-8")  # held until the end
            except OSError as exc:
                raise os_error(exc, self.out) from exc
            try:
                lock_file(fh)
            except OSError as exc:
                if exc.errno not in LOCK_HELD:
                    # A file system without locks (some network shares): go on unlocked, said once.
                    self.echo(translate("watch.unlocked", self.lang, out=str(self.out)))
                    break
                owner = ""
                with contextlib.suppress(OSError):  # Windows refuses to read a locked range
                    fh.seek(0)
                    owner = fh.read(200).strip()
                fh.close()
                if once:
                    raise CsreportError("watch.locked", owner=owner or "?", out=str(self.out)) from exc
                if not told:
                    self.echo(
                        translate("watch.waiting_lock", self.lang, owner=owner or "?", out=str(self.out))
                    )
                    told = True
                self._sleep(self.options.interval)
                continue
            break
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
            yield
        finally:
            unlock_file(fh)
            fh.close()

    def standing(self, report: PassReport) -> list[LedgerEntry] | None:
        """The folder as it stands after ``report``'s pass: the last entry of each file in it that is
        still refused or failed, and the latest entry of each month its files hold (only the month
        set, when one is), those that are not all well, oldest first. None when the folder or the
        history cannot be read."""
        if report.unreachable is not None or report.failure is not None:
            return None
        try:
            files, _ = _listing(self.folder)
            with History.open(self.history) as store:
                ledger = Ledger(store, *self._key)
                present = [f for n, f in ledger.files().items() if n in files]
                ids = [f.entry for f in present if f.state in (BAD, FAILED) and f.entry is not None]
                scored = [f for f in present if f.state in (DONE, FAILED)]
                months = {m for f in scored for m in f.months}
                if self.month is not None:
                    # Figures without dates go with the month set.
                    undated = {self.month} if any(f.undated for f in scored) else set()
                    months = {self.month} & (months | undated)
                found = {**ledger.by_ids(ids), **{e.id: e for e in ledger.latest(sorted(months)).values()}}
        except (OSError, CsreportError):
            return None
        return [
            e
            for _, e in sorted(found.items())
            if e.result != OK and (self.month is None or e.month in ("", self.month))
        ]

    # --- what the console says --------------------------------------------------------------

    def lines(self, report: PassReport) -> list[str]:
        """The console's lines for a pass: each entry, and once each, what waits and why."""
        lang = self.lang
        clock = time.strftime("%H:%M:%S")

        def line(code: str, **params: object) -> str:
            return translate("watch.line", lang, time=clock, what=translate(code, lang, **params))

        out: list[str] = []
        if report.unreachable is not None:
            if self._new("unreachable", {("",)}):
                out.append(line("watch.unreachable", folder=str(self.folder), reason=report.unreachable))
        elif self._told.get("unreachable"):
            self._told["unreachable"] = set()
            out.append(line("watch.reachable", folder=str(self.folder)))
        if report.failure is not None and self._new("failure", {(report.failure.zh,)}):
            out.append(line("watch.pass_failed", reason=report.failure))
        elif report.failure is None:
            self._told["failure"] = set()
        # Copying is the watcher's daily work, said only by ``--once``, which leaves the file for later.
        shown: set[tuple[str, ...]] = {
            (w.name, COPYING if w.why == NEW else w.why)
            for w in _waiting(report)
            if self._once or w.why not in (NEW, COPYING)
        }
        out += [line(f"watch.{why}", file=name) for name, why in sorted(self._new("waiting", shown))]
        held: set[tuple[str, ...]] = {(m, joined(names, lang)) for m, names in report.held}
        out += [line("watch.held", month=m, files=names) for m, names in sorted(self._new("held", held))]
        out += [
            line("watch.busy", month=m) for (m,) in sorted(self._new("busy", {(m,) for m in report.busy}))
        ]
        retry: set[tuple[str, ...]] = {(m, r.zh, r.en) for m, r in report.retry}
        out += [
            line("watch.retry", month=m, reason=zh if lang != "en" else en)
            for m, zh, en in sorted(self._new("retry", retry))
        ]
        for f in report.skipped:
            months = joined(f.months, lang)
            out.append(line("watch.other_month", file=f.name, months=months, month=self.month or ""))
        out += [translate("watch.line", lang, time=clock, what=self.entry_line(e)) for e in report.entries]
        if report.log_error is not None and self._new("log", {(report.log_error.zh,)}):
            out.append(
                line(
                    "watch.log_not_written", path=str(self.out / PROCESSING_LOG_NAME), reason=report.log_error
                )
            )
        elif report.log_error is None:
            self._told["log"] = set()
        for p in report.notes:
            if self._new_once("notes", (p.file,)):
                out.append(line("watch.subfolder", folder=p.file, why=p.message(lang)))
        return out

    def _new(self, kind: str, now: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
        """Of ``now``, what the console has not said since it last changed."""
        before = self._told.get(kind, set())
        self._told[kind] = now
        return now - before

    def _new_once(self, kind: str, key: tuple[str, ...]) -> bool:
        said = self._told.setdefault(kind, set())
        if key in said:
            return False
        said.add(key)
        return True

    def entry_line(self, entry: LedgerEntry) -> str:
        """One entry in a line: the month or file, the result and where the reports are."""
        lang = self.lang
        result = entry_result(entry, lang)
        files = joined(entry.files, lang)
        if not entry.month:
            return translate("watch.line.file_failed", lang, file=files, result=result)
        if entry.result == FAILURE:
            return translate("watch.line.month_failed", lang, month=entry.month, result=result, files=files)
        result = translate("watch.with_revision", lang, result=result, revision=revision_words(entry, lang))
        where = str(self.out / entry.workbook)
        return translate("watch.line.month", lang, month=entry.month, result=result, files=files, where=where)

    def last_line(self, report: PassReport) -> str:
        """``--once``'s last line: 成功：…, 有数据问题 N 个：… or 失败：… ("Done: …", "Data problems: N …",
        "Failed: …"), which the Windows script shows. It tells the folder's standing (the files
        still refused, the months whose latest run had problems or made no PDF) besides what the
        pass did: 成功 only when all of it is scored cleanly."""
        lang = self.lang
        log = str(self.out / PROCESSING_LOG_NAME)
        reasons: list[str] = []
        if report.unreachable is not None:
            reasons.append(
                translate("watch.cannot_reach", lang, folder=str(self.folder), reason=report.unreachable)
            )
        if report.failure is not None:
            reasons.append(_pick(report.failure, lang))
        outcomes = report.outcomes
        for e in outcomes:
            if e.result == FAILURE:
                why = _pick(e.reason, lang) if e.reason else ""
                if e.month:
                    reasons.append(translate("watch.month_reason", lang, month=e.month, reason=why))
                else:
                    reasons.append(
                        translate("watch.file_reason", lang, file=joined(e.files, lang), reason=why)
                    )
        reasons += [
            translate(f"watch.{COPYING if w.why == NEW else w.why}", lang, file=w.name)
            for w in _waiting(report)
        ]
        reasons += [translate("watch.held", lang, month=m, files=joined(n, lang)) for m, n in report.held]
        reasons += [translate("watch.busy", lang, month=m) for m in report.busy]
        reasons += [
            translate("watch.month_reason", lang, month=m, reason=_pick(r, lang)) for m, r in report.retry
        ]
        reasons += [
            translate(
                "watch.no_pdf_reason", lang, month=e.month, reason=_pick(e.reason, lang) if e.reason else ""
            )
            for e in outcomes
            if e.result == NO_PDF
        ]
        if reasons:
            reason = reasons[0]
            if len(reasons) > 1:
                reason = translate("watch.and_more", lang, reason=reason, n=len(reasons) - 1, log=log)
            return translate("watch.last.failed", lang, reason=reason)
        troubled = [e for e in outcomes if e.result == PROBLEMS]
        if troubled:
            n = sum(e.problems for e in troubled)
            months = joined(sorted({e.month for e in troubled}), lang)
            return translate("watch.last.problems", lang, n=n, months=months, log=log)
        done = sorted({e.month for e in report.entries if e.result == OK})
        if done:
            what = translate("watch.done_months", lang, months=joined(done, lang), out=str(self.out))
        else:
            what = translate("watch.nothing_new", lang)
        return translate("watch.last.ok", lang, what=what, log=log)

    def stopped_line(self, once: bool) -> str:
        """The last line when Ctrl-C or SIGTERM stopped the watcher."""
        lang = self.lang
        if once:
            reason = (
                translate("watch.interrupted_during", lang, month=self.current)
                if self.current
                else translate("watch.interrupted", lang)
            )
            return translate("watch.last.failed", lang, reason=reason)
        if self.current:
            return translate("watch.stopped_during", lang, folder=str(self.folder), month=self.current)
        return translate("watch.stopped", lang, folder=str(self.folder))


def _listing(folder: Path) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """The folder's input files (name → size and modification time in ns) and the casefolded
    names of everything in it (to find lock files). Raises OSError when the folder cannot be listed;
    a file that goes away while it is looked at is left out."""
    with os.scandir(folder) as it:
        entries = list(it)
    names = {e.name.casefold() for e in entries}
    files: dict[str, tuple[int, int]] = {}
    for entry in entries:
        name = entry.name
        if (
            Path(name).suffix.lower() not in SPREADSHEET_EXTS
            or is_skippable(Path(entry.path))
            or name == PROCESSING_LOG_NAME
        ):
            continue
        try:
            if not entry.is_file():  # a folder, a pipe, a broken link: never read
                continue
            info = entry.stat()
        except OSError:
            continue
        files[name] = (info.st_size, info.st_mtime_ns)
    return files, names


def _lock_files(name: str) -> set[str]:
    """The names a lock file of ``name`` has while it is open (casefolded): Excel and WPS write
    ``~$`` + the name (Word-style, for a long name, ``~$`` in place of its first two characters),
    LibreOffice ``.~lock.<name>#``, WPS on Linux ``.~<name>``."""
    found = {f"~${name}", f".~lock.{name}#", f".~{name}"}
    if len(Path(name).stem) > 2:
        found.add(f"~${name[2:]}")
    return {n.casefold() for n in found}


def _waiting(report: PassReport) -> list[Waiting]:
    """The files the pass left for later, but those open in Excel/WPS that hold back a month (that
    month's line names them)."""
    holding = {n for _, names in report.held for n in names}
    return [w for w in report.waiting if not (w.why == OPEN and w.name in holding)]


def _file(got: _Read, state: str = DONE) -> LedgerFile:
    holds = got.holds
    return LedgerFile(
        got.name,
        got.size,
        got.mtime_ns,
        got.sha256,
        tuple(sorted(holds.months)) if holds is not None else (),
        bool(holds and holds.roster),
        bool(holds and holds.undated),
        state,
    )


def _as_read(group: list[LedgerFile], done: RunReport, folder: Path) -> list[LedgerFile]:
    """The group's files as the run read them: the content hash of what was scored (it may have
    changed after this pass read it), and done when the month was scored with its PDFs (without,
    the files are tried again when dropped again)."""
    digests: dict[Path, str] = {}
    if done.history is not None and done.history.new_revision is not None:
        digests = {Path(i.path): i.sha256 for i in done.history.new_revision.inputs}
    state = FAILED if done.pdf_error or done.pdf_engine == "html" else DONE
    return [replace(f, sha256=digests.get(_absolute(folder / f.name), f.sha256), state=state) for f in group]


def _absolute(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()


def _relative(path: Path, out: Path) -> str:
    """``path`` relative to the output folder, "/"-separated ("2026-10/客服绩效_2026-10.xlsx")."""
    try:
        return Path(path).relative_to(out).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _words(exc: CsreportError) -> Bilingual:
    return Bilingual(exc.message("zh"), exc.message("en"))


def _pick(words: Bilingual, lang: str) -> str:
    return words.en if lang == "en" else words.zh
