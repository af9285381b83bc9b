"""Atomic output: write to a temporary file beside the target, flush it, rename it over.

Also the one place where an operating-system error while writing becomes a user
message: a full disk, a folder standing where a file goes, a file open in Excel.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

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
