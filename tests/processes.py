"""Real processes started by tests, found again by a tag in their environment: the run or watcher a
test started and every worker it forked, so a test can check that none is left."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

TAG_VARIABLE = "CSREPORT_TEST_TAG"


def tagged_env(tag: str) -> dict[str, str]:
    """This process's environment with ``tag`` added, for a process a test starts."""
    return {**os.environ, TAG_VARIABLE: tag}


def live(tag: str) -> list[int]:
    """Processes (not zombies) still carrying ``tag`` in their environment."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"{TAG_VARIABLE}={tag}".encode() in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def gone(tag: str, seconds: float = 10) -> list[int]:
    """The processes carrying ``tag`` still alive after waiting up to ``seconds`` for them to end."""
    deadline = time.monotonic() + seconds
    while (alive := live(tag)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def wait_for_staging(
    out: Path, proc: subprocess.Popen[str], month: str = "2026-10", seconds: float = 60
) -> None:
    """Wait until ``proc`` has begun writing ``month`` into ``out`` (its staging folder is there);
    fails when ``proc`` ends first or after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not (out.is_dir() and any(p.name.startswith(f".csreport-new-{month}") for p in out.iterdir())):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
