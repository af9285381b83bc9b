"""Atomic output: write to a temporary file beside the target, flush it, rename it over; or
write several files as a set (``FileSet``): all of them appear, or none does.

Also the one place where an operating-system error while writing becomes a user
message: a full disk, a folder standing where a file goes, a file open in Excel.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from csreport.problems import CsreportError
from csreport.util.paths import os_reason

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def os_error(exc: OSError, path: Path, *, replacing: bool = False) -> CsreportError:
    """The user's message for ``exc`` raised while writing ``path``."""
    shown = str(path)
    if exc.errno in _DISK_FULL:
        return CsreportError("output.disk_full", path=shown)
    if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
        return CsreportError("output.taken", path=shown)
    if replacing and (isinstance(exc, PermissionError) or exc.errno in _REFUSED):
        # On Windows the usual cause is the old report still open in Excel or a PDF viewer.
        return CsreportError("output.in_use", path=shown, reason=os_reason(exc))
    return CsreportError("output.not_writable", path=shown, reason=os_reason(exc))


_REFUSED = (errno.EACCES, errno.EPERM, errno.EBUSY)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk; a no-op where folders
    cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) refuse fsync on folders
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target``, on failure it is removed.

    The temporary file is flushed to disk before the rename and the folder after it, so
    neither a crash nor a power cut leaves a half-written or empty file under the final
    name, and an earlier good report survives.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.stem[:40]}.", suffix=f"{target.suffix}.tmp", dir=target.parent
        )
    except OSError as exc:
        raise os_error(exc, target) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp creates 0600; a report should get the permissions any new file gets.
        os.chmod(tmp, 0o666 & ~_umask())
        fsync_file(tmp)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise os_error(exc, target) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def fsync_file(path: Path) -> None:
    """Flush a written file's content to disk."""
    # Windows flushes only through a handle opened for writing.
    if sys.platform == "win32":
        fd = os.open(path, os.O_RDWR | os.O_BINARY)
    else:
        fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``target`` atomically."""
    write_bytes_atomic(target, text.encode("utf-8"))


# --- several files as a set -------------------------------------------------------------------

_BACKUPS = ".old"  # inside a staging folder: the files a commit replaces, until it is done
_JOURNAL = ".set.json"  # inside a staging folder: what a commit under way places and removes


class FileSet:
    """Several files written into one folder as a set: all of them appear, or none does.

    Use as a context manager: the folder's lock is held for the block (a second run on the same
    folder is refused with ``output.busy``); ``staging`` is an empty folder beside the targets
    (``<folder>/<prefix>…``) to write into; ``commit(names, remove)`` moves those files over the
    ones they replace and removes ``remove``, undoing every step if one fails. Leaving the block
    removes the staging folder. A staging folder a crashed run left behind is put right by the
    next one: a commit it had begun is finished or undone (never half of each), the rest goes.
    """

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = Path(folder)
        self.prefix = prefix
        self.staging = self.folder / f"{prefix}unset"
        self._lock: _FolderLock | None = None

    def __enter__(self) -> FileSet:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(exc, self.folder) from exc
        self._lock = _FolderLock(self.folder / f"{self.prefix.rstrip('-')}.lock", self.folder)
        try:
            for entry in sorted(self.folder.iterdir()):
                if entry.name.startswith(self.prefix) and entry.is_dir() and not entry.is_symlink():
                    _recover(entry, self.folder)
            self.staging = Path(tempfile.mkdtemp(prefix=f"{self.prefix}{os.getpid()}-", dir=self.folder))
        except OSError as exc:
            self._lock.release()
            raise os_error(exc, self.folder) from exc
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            if self._lock is not None:
                self._lock.release()

    def commit(self, names: Sequence[str], remove: Sequence[str] = ()) -> None:
        """Move ``names`` from ``staging`` into the folder and remove ``remove`` there, all or
        none. The files they replace wait in the staging folder until every new one is in
        place; if a step fails, what was done is undone and they go back.

        Raises ``output.taken`` (before anything moves) when a folder stands where a file goes,
        and the ``os_error`` of the target that could not be replaced."""
        for name in [*names, *remove]:
            if (self.folder / name).is_dir():
                raise CsreportError("output.taken", path=str(self.folder / name))
        backups = self.staging / _BACKUPS
        moved: list[str] = []  # the old files set aside
        placed: list[str] = []  # the new files in place
        target = self.folder / (names[0] if names else "")
        try:
            for name in names:
                fsync_file(self.staging / name)
            backups.mkdir()
            _write_journal(self.staging, names, remove)
            for name in [*names, *remove]:
                target = self.folder / name
                if target.exists() or target.is_symlink():
                    os.replace(target, backups / name)
                    moved.append(name)
            for name in names:
                target = self.folder / name
                os.replace(self.staging / name, target)
                placed.append(name)
            fsync_dir(self.folder)
        except OSError as exc:
            for name in placed:
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()
            for name in moved:
                with contextlib.suppress(OSError):
                    os.replace(backups / name, self.folder / name)
            raise os_error(exc, target, replacing=True) from exc


def _write_journal(staging: Path, names: Sequence[str], remove: Sequence[str]) -> None:
    journal = staging / _JOURNAL
    journal.write_text(json.dumps({"names": list(names), "remove": list(remove)}), encoding="utf-8")
    fsync_file(journal)
    fsync_dir(staging)


def _recover(staging: Path, folder: Path) -> None:
    """Put right what a run that died left in ``staging``, then remove it: a commit it had
    begun (its journal is there) is finished when every new file was in place, else undone, so
    the folder holds the old set or the new one, never part of each."""
    try:
        data = json.loads((staging / _JOURNAL).read_text(encoding="utf-8"))
        names = [str(n) for n in data["names"]]
    except (OSError, ValueError, KeyError, TypeError):
        names = None  # no commit had begun: nothing in the folder was touched
    if names is not None and any((staging / n).exists() for n in names):
        backups = staging / _BACKUPS
        for name in names:
            if not (staging / name).exists():  # it was in the staging folder when the commit began
                with contextlib.suppress(OSError):
                    (folder / name).unlink()  # the new file placed before the run died
        if backups.is_dir():
            for old in backups.iterdir():
                if not (folder / old.name).exists():
                    with contextlib.suppress(OSError):
                        os.replace(old, folder / old.name)
    shutil.rmtree(staging, ignore_errors=True)


class _FolderLock:
    """An operating-system lock on ``path`` (it dies with the process, so a crash never leaves
    it stuck) that keeps two runs from writing the same set at once; the file goes on release."""

    def __init__(self, path: Path, shown: Path) -> None:
        self.path = path
        while True:
            try:
                fh = open(path, "a+", encoding="utf-8")  # held until release
            except OSError as exc:
                raise os_error(exc, shown) from exc
            try:
                if not try_lock(fh):
                    # A file system without locks (some network shares): go on unlocked rather
                    # than refuse every run there.
                    break
            except LockHeld as held:
                raise CsreportError("output.busy", path=str(shown), owner=held.owner) from held
            # The run before may have removed the file after this one opened it: then the lock
            # is on a file no later run will see, so lock the one at ``path`` instead.
            try:
                same = os.path.samestat(os.fstat(fh.fileno()), os.stat(path))
            except OSError:
                same = False
            if same:
                break
            unlock_file(fh)
            fh.close()
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}")
        fh.flush()
        self._fh: IO[str] | None = fh

    def release(self) -> None:
        if self._fh is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # while still held: a run waiting on this file locks a fresh one
        unlock_file(self._fh)
        self._fh.close()
        self._fh = None


# What a lock attempt says when another process holds the lock (flock; Windows locking). Shared
# with outputs.month_folder, which locks a month the same way.
LOCK_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLK", errno.EAGAIN)}

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def lock_file(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def unlock_file(fh: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def lock_file(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def unlock_file(fh: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class LockHeld(Exception):
    """Another process holds the lock; ``owner`` is what it wrote in the lock file ("?" when that
    cannot be read)."""

    def __init__(self, owner: str) -> None:
        super().__init__(owner)
        self.owner = owner


def try_lock(fh: IO[str]) -> bool:
    """Lock ``fh`` (a lock file opened "a+") without waiting: True when it is now locked, False on a
    file system without locks (some network shares), where the caller goes on unlocked with ``fh``
    still open. When another process holds the lock, ``fh`` is closed and LockHeld says who."""
    try:
        lock_file(fh)
    except OSError as exc:
        if exc.errno not in LOCK_HELD:
            return False
        owner = ""
        with contextlib.suppress(OSError):  # Windows refuses to read a locked range
            fh.seek(0)
            owner = fh.read(200).strip()
        fh.close()
        raise LockHeld(owner or "?") from exc
    return True
