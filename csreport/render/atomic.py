"""Atomic output: write to a temporary file beside the target, then rename over it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from csreport.problems import CsreportError


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target``, on failure it is removed.

    Readers never see a half-written report, and an earlier good report survives a crash.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.stem[:40]}.", suffix=f"{target.suffix}.tmp", dir=target.parent
        )
    except OSError as exc:
        raise CsreportError("output.not_writable", path=str(target), reason=str(exc)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp creates 0600; a report should get the permissions any new file gets.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except PermissionError as exc:
        # On Windows the usual cause is the old report still open in Excel.
        raise CsreportError("output.not_writable", path=str(target), reason=str(exc)) from exc
    finally:
        if tmp.exists():
            tmp.unlink()


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
