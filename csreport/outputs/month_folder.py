"""A month's output folder: written by one run at a time and replaced as a whole set.

A run never writes into ``<out>/<month>`` directly. It takes the month's lock
(``<out>/.csreport-<month>.lock``, an operating-system lock that dies with the process,
so a crashed run cannot leave it stuck), writes everything into a staging folder beside
it, and on success swaps the staging folder in for the old one in one step. A reader
therefore sees the previous run's set or this run's set, never a mix; a run that fails
or is killed leaves the previous set untouched, and the next run removes its leftovers.

What csreport wrote is listed in a manifest inside the folder. Files the user put in
the month folder themselves are carried over into the new set, never deleted.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import json
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from csreport.outputs.filenames import SCORECARDS_FOLDER, results_json_name, results_workbook_name
from csreport.problems import CsreportError
from csreport.util.atomic import (
    LockHeld,
    fsync_dir,
    fsync_file,
    os_error,
    try_lock,
    unlock_file,
    write_text_atomic,
)
from csreport.util.report_names import RESCUED_MARK

MANIFEST = ".csreport-manifest.json"
_STAGING = ".csreport-new-"
_OLD = ".csreport-old-"
# Marks a staging folder still being written: a leftover holding it is a draft of
# csreport's own files. Removed just before the swap.
_MARKER = ".csreport-draft"
_TMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.(xlsx|json|pdf|yaml)\.tmp$")
_OWN_FOLDERS = (SCORECARDS_FOLDER,)


@dataclass
class Replaced:
    """What committing the new set did to the previous one."""

    previous: int = 0  # csreport files the previous set held
    dropped: list[str] = field(default_factory=list)  # of those, not made again (relative paths)
    kept: list[str] = field(default_factory=list)  # the user's own files, carried over


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output location that is a file (before any input is read)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise CsreportError("output.out_is_file", path=str(out_dir))


class MonthFolder:
    """The lock, staging folder and swap for one month's outputs.

    Use as a context manager: ``staging`` is where the run writes; ``commit()`` makes it
    the month folder. Leaving the block without ``commit()`` throws the staging away.
    """

    def __init__(self, out_dir: Path, month: str) -> None:
        self.out_dir = Path(out_dir)
        self.month = month
        self.final = self.out_dir / month
        self.staging = self.out_dir / f"{_STAGING}{month}-{os.getpid()}"
        self._lock: IO[str] | None = None

    def __enter__(self) -> MonthFolder:
        check_out_dir(self.out_dir)
        if self.final.exists() and not self.final.is_dir():
            raise CsreportError("output.month_is_file", path=str(self.final))
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(exc, self.out_dir) from exc
        self._lock = _acquire(self.out_dir / f".csreport-{self.month}.lock", self.final)
        try:
            self._remove_leftovers()
            self.staging.mkdir()
            (self.staging / _MARKER).write_bytes(b"")
        except OSError as exc:
            self._release()
            raise os_error(exc, self.staging) from exc
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            _remove_tree(self.staging)
        finally:
            self._release()

    def final_path(self, path: Path) -> Path:
        """Where a file written under ``staging`` is found once committed."""
        return self.final / Path(path).relative_to(self.staging)

    def commit(self) -> Replaced:
        """Make the staging folder the month folder, as one step where the OS allows.

        Every new file is flushed to disk first, so a power cut never leaves an empty
        "complete" report behind a successful run. The user's own files move from the
        old folder into the new one only after the swap: until then they never leave
        the old folder, and a run killed at any moment leaves them where the next run
        finds and restores them (``_recover``).
        """
        new_files = sorted(r for r in _files(self.staging) if r != _MARKER)
        replaced = self._carry_over(set(new_files)) if self.final.is_dir() else Replaced()
        try:
            write_text_atomic(
                self.staging / MANIFEST,
                json.dumps({"month": self.month, "files": new_files}, ensure_ascii=False, indent=1),
            )
            for rel in new_files:
                path = self.staging / rel
                if path.is_file() and not path.is_symlink():
                    fsync_file(path)
            (self.staging / _MARKER).unlink()  # from here on it is a set, not a draft
            for folder in {self.staging, *((self.staging / r).parent for r in new_files)}:
                fsync_dir(folder)
            with _signals_deferred():  # Ctrl-C or SIGTERM lands before or after the swap
                old_set = _swap(self.staging, self.final, self.out_dir / f"{_OLD}{self.month}-{os.getpid()}")
        except OSError as exc:
            raise os_error(exc, self.final, replacing=True) from exc
        fsync_dir(self.out_dir)
        if old_set is not None:
            with _signals_deferred():
                if _rescue(old_set, self.final, replaced.kept):
                    _remove_tree(old_set)
        return replaced

    def _carry_over(self, new_files: set[str]) -> Replaced:
        """Sort the old folder into csreport's files and the user's own (to be carried
        over); refuse, before anything moves, when one of the user's stands where this
        run writes a report."""
        ours = _manifest(self.final)
        replaced = Replaced()
        for rel in sorted(_files(self.final)):
            if rel == MANIFEST or _is_leftover(rel):
                continue
            if _is_ours(rel, ours, self.month, new_files):
                replaced.previous += 1
                if rel not in new_files:
                    replaced.dropped.append(rel)
            elif rel in new_files or any(n.startswith(rel + "/") for n in new_files):
                raise CsreportError("output.taken", path=str(self.final / rel))
            else:
                replaced.kept.append(rel)
        for rel in new_files:  # a folder of the user's where a report goes
            if (self.final / rel).is_dir():
                raise CsreportError("output.taken", path=str(self.final / rel))
        return replaced

    def _remove_leftovers(self) -> None:
        """Undo what runs that died left behind (we hold the lock, so no live run owns
        any of it): a previous set moved aside is put back, the user's files in a
        leftover folder are returned to the month folder, the rest is removed."""
        leftovers = sorted(
            e
            for e in self.out_dir.iterdir()
            if e.name.startswith((f"{_STAGING}{self.month}-", f"{_OLD}{self.month}-"))
        )
        if not self.final.exists():
            # Killed between moving the old set aside and moving the new one in.
            aside = [e for e in leftovers if e.name.startswith(_OLD) and e.is_dir()]
            if aside:
                os.rename(aside[0], self.final)
                leftovers.remove(aside[0])
        for entry in leftovers:
            if not entry.is_dir() or entry.is_symlink() or (entry / _MARKER).exists():
                _remove_tree(entry)  # a draft: everything in it is csreport's, half made
                continue
            ours = _manifest(entry)
            theirs = [
                rel
                for rel in _files(entry)
                if rel != MANIFEST and not _is_leftover(rel) and not _is_ours(rel, ours, self.month, set())
            ]
            if not self.final.is_dir():
                self.final.mkdir()
            if _rescue(entry, self.final, theirs):
                _remove_tree(entry)
        if self.final.is_dir():
            for rel in _files(self.final):
                if _is_leftover(rel):
                    with contextlib.suppress(OSError):
                        (self.final / rel).unlink()

    def _release(self) -> None:
        if self._lock is not None:
            unlock_file(self._lock)
            self._lock.close()
            self._lock = None


def _files(root: Path) -> list[str]:
    """Every file below ``root``, as a ``/``-separated relative path (folders are
    walked, symbolic links are not followed)."""
    out: list[str] = []
    for folder, dirs, names in os.walk(root):
        rel_dir = Path(folder).relative_to(root)
        out += [(rel_dir / n).as_posix() for n in names]
        # A link to a folder is listed as a name so it is carried over, not walked.
        out += [(rel_dir / d).as_posix() for d in dirs if (Path(folder) / d).is_symlink()]
    return out


def _is_leftover(rel: str) -> bool:
    """A temporary file ``atomic_path`` left (``.<stem>.<8 random><suffix>.tmp``), in the
    month folder or its scorecards: never a file of the user's."""
    folder, _, name = rel.rpartition("/")
    return folder in ("", *_OWN_FOLDERS) and _TMP_NAME.match(name) is not None


def _is_ours(rel: str, manifest: set[str] | None, month: str, new_files: set[str]) -> bool:
    """Whether csreport wrote ``rel``: listed in the folder's manifest; in a folder
    without one (written before the manifest existed), only the exact names csreport
    writes now, so a user's ``客服绩效_2026-10_已签字.xlsx`` is never taken for ours."""
    if manifest is not None:
        return rel in manifest
    return rel in new_files or rel in (results_workbook_name(month), results_json_name(month))


def _rescue(source: Path, final: Path, rels: list[str]) -> bool:
    """Move the user's files ``rels`` from ``source`` into ``final``; True when all moved.

    A name already taken in ``final`` gets " (恢复)" before its extension rather than
    replacing anything. A file that cannot be moved (open in another program) stays in
    ``source``, which is then kept for the next run to try again.
    """
    moved = True
    for rel in rels:
        target = final / rel
        if target.exists() or target.is_symlink():
            target = target.with_name(f"{target.stem}{RESCUED_MARK}{target.suffix}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(source / rel, target)
        except OSError:
            moved = False
    return moved


def _manifest(folder: Path) -> set[str] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        return {str(f) for f in data["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        with contextlib.suppress(OSError):
            path.unlink()
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


# --- the swap -------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2() -> Any:
    """glibc's ``renameat2`` (Linux 3.15+), or None where it does not exist."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def _swap(new: Path, final: Path, old: Path) -> Path | None:
    """Put ``new`` where ``final`` is; return where the old set now is (None if none).

    On Linux both folders are exchanged atomically; elsewhere the old folder is moved
    aside first (a reader may find no folder for that instant, never a mixed one, and a
    run killed in that instant is undone by the next run's ``_remove_leftovers``).
    """
    if not final.exists():
        os.rename(new, final)
        return None
    exchange = _renameat2()
    if exchange is not None:
        if exchange(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(final), _RENAME_EXCHANGE) == 0:
            return new  # now holds the old set
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(final))
    os.rename(final, old)
    try:
        os.rename(new, final)
    except OSError:
        os.rename(old, final)
        raise
    return old


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back for the moment of the swap (POSIX main thread)."""
    mask = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, mask)
    except (AttributeError, ValueError, OSError):  # Windows, or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# --- the lock -------------------------------------------------------------------------


def _acquire(path: Path, final: Path) -> IO[str]:
    """Hold ``path``'s lock for this process or raise ``output.busy``."""
    try:
        fh = open(path, "a+", encoding="utf-8")  # held until _release
    except OSError as exc:
        raise os_error(exc, path.parent) from exc  # the user knows the folder, not the lock
    try:
        if not try_lock(fh):
            # A file system without locks (some network shares): go on unlocked rather
            # than refuse every run there.
            return fh
    except LockHeld as held:
        raise CsreportError("output.busy", path=str(final), owner=held.owner) from held
    fh.seek(0)
    fh.truncate()
    fh.write(f"{os.getpid()} {time.strftime('%H:%M:%S')}")
    fh.flush()
    return fh
