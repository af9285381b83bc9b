"""A watcher whose output folder is on a file system without file locks (some network shares): it
goes on without the watcher lock and says so once on the console."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import IO

import pytest

from csreport.office.watch import Watch, WatchOptions
from csreport.reports import RunOptions

SAID = {
    "zh": "{out} 所在的位置不支持文件锁（有些网络共享文件夹如此），无法阻止另一个 csreport watch "
    "同时处理它：请只在一台电脑上对这个文件夹运行 csreport watch。",
    "en": "The place {out} is in does not support file locks (some network shares do not), so another "
    "csreport watch cannot be kept from handling it at the same time: run csreport watch for this "
    "folder on one computer only.",
}


def no_locks(fh: IO[str]) -> None:
    raise OSError(errno.ENOLCK, "No locks available")


def watch_three_passes(tmp_path: Path, lang: str) -> tuple[list[str], Path]:
    """A watcher of an empty folder left running for three passes; what it said."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    said: list[str] = []
    passes: list[float] = []

    def sleep(seconds: float) -> None:
        passes.append(seconds)
        if len(passes) == 3:
            raise KeyboardInterrupt  # as Ctrl-C stops it

    options = WatchOptions(folder, RunOptions(out, lang=lang, pdf=False), interval=0.01, settle=0)
    with pytest.raises(KeyboardInterrupt):
        Watch(options, said.append, sleep=sleep).run(once=False)
    assert passes == [0.01, 0.01, 0.01]  # it watched on
    return said, out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_folder_without_file_locks_is_watched_and_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setattr("csreport.office.watch.lock_file", no_locks)
    said, out = watch_three_passes(tmp_path, lang)
    note = SAID[lang].format(out=out)
    assert said[0] == note  # before the watching starts
    assert said.count(note) == 1
    assert said[1].startswith("正在监视 " if lang == "zh" else "Watching ")


def test_a_folder_with_file_locks_says_nothing_of_them(tmp_path: Path) -> None:
    said, out = watch_three_passes(tmp_path, "zh")
    assert SAID["zh"].format(out=out) not in said
    assert said[0].startswith("正在监视 ")
