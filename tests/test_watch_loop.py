"""``csreport watch`` left running, as a manager's PC runs it: the real command in a process of its
own, files copied in slowly, dropped again, changed, broken, and the watcher stopped with SIGTERM.

A half-copied file is never read; an unchanged copy makes no revision; a changed cell makes one; a
broken file is reported and the watcher goes on; SIGTERM stops it promptly with no process left,
no staging folder and the month it was scoring dropped whole. A manual ``run`` writing the same
month makes the watcher wait for the next pass.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import openpyxl

from csreport.history.ledger import Ledger
from csreport.history.store import History
from csreport.util.report_names import PROCESSING_LOG_NAME
from tests.processes import gone, tagged_env, wait_for_staging
from tests.test_faults import agents
from tests.test_watch_once import month_data, revisions, roster
from tests.workbooks import month_workbook

CSREPORT = Path(sys.executable).parent / "csreport"
SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"


class Watcher:
    """``csreport watch`` running in the background, its console read line by line."""

    def __init__(self, folder: Path, out: Path, *extra: str) -> None:
        self.tag = uuid.uuid4().hex
        self.proc = subprocess.Popen(
            [str(CSREPORT), "watch", str(folder), "--out", str(out), "--shop", "测试店", *extra],
            env=tagged_env(self.tag),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def drain(self) -> list[str]:
        """The lines said since the last call."""
        got = []
        while True:
            try:
                got.append(self.lines.get_nowait())
            except queue.Empty:
                self.said += got
                return got

    def wait_for(self, wanted: Callable[[str], bool], seconds: float = 60) -> str:
        """The first line (from now) ``wanted`` accepts; fails after ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                assert self.proc.poll() is None, (
                    self.said,
                    self.proc.stderr.read() if self.proc.stderr else "",
                )
                continue
            self.said.append(line)
            if wanted(line):
                return line
        raise AssertionError(f"not said within {seconds} s; said: {self.said}")

    def stop(self) -> tuple[int, float]:
        """SIGTERM; the exit code and how long it took to end."""
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        took = time.monotonic() - start
        self.drain()
        for line in self.proc.stdout or []:
            self.said.append(line.rstrip("\n"))
        return code, took

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def entries(folder: Path, out: Path) -> list[tuple[str, str]]:
    """(month, result) of the ledger's entries, newest first."""
    path = out / "csreport-history.sqlite"
    if not path.exists():
        return []
    with History.open(path, create=False) as store:
        return [
            (e.month, e.result) for e in Ledger(store, str(folder.resolve()), str(out.resolve())).entries()
        ]


def no_staging(out: Path) -> None:
    assert [p.name for p in out.iterdir() if p.name.startswith((".csreport-new-", ".csreport-old-"))] == []
    assert list(out.rglob("*.tmp")) == []


def test_the_watcher_at_work(tmp_path: Path) -> None:
    folder, out = tmp_path / "输入", tmp_path / "报表"
    folder.mkdir()
    watcher = Watcher(folder, out, "--interval", "0.5", "--settle", "1", "--no-pdf")
    try:
        assert watcher.wait_for(lambda s: s.startswith("正在监视")) == (
            f"正在监视 {folder}（每 0.5 秒查看一次，文件停止变化 1 秒后处理），"
            f"报表写入 {out}。按 Ctrl-C 停止。"
        )
        roster(folder / "花名册.xlsx")
        # A slow copy: a piece every 0.7 s, longer than a pass and shorter than the settle time.
        data = month_data(tmp_path / "十月数据.xlsx", "2026-10").read_bytes()
        target = folder / "十月数据.xlsx"
        step = len(data) // 6 + 1
        with target.open("wb") as fh:
            for start in range(0, len(data), step):
                fh.write(data[start : start + step])
                fh.flush()
                time.sleep(0.7)
                assert entries(folder, out) == []  # nothing read, nothing refused
        assert [line for line in watcher.drain() if "2026-10" in line or "失败" in line] == []
        line = watcher.wait_for(lambda s: "2026-10" in s)
        assert line.endswith(
            f"2026-10 成功（第 1 版）：十月数据.xlsx、花名册.xlsx → {out}/2026-10/客服绩效_2026-10.xlsx"
        )
        assert revisions(out) == {"2026-10": 1}

        # Dropped again unchanged (a new time), and a copy under another name: no run, no revision.
        shutil.copy(tmp_path / "十月数据.xlsx", target)
        shutil.copy(tmp_path / "十月数据.xlsx", folder / "十月数据(1).xlsx")
        time.sleep(3)
        assert watcher.drain() == []
        assert revisions(out) == {"2026-10": 1}

        # One cell changed (saved elsewhere, then moved in, as Excel saves): a new revision.
        book = openpyxl.load_workbook(tmp_path / "十月数据.xlsx")
        book["接待"]["E2"] = 900
        book.save(tmp_path / "改.xlsx")
        os.replace(tmp_path / "改.xlsx", target)
        line = watcher.wait_for(lambda s: "2026-10" in s)
        # The old copy is now a file of its own: both are read, as ``run`` would read them.
        assert "2026-10 有数据问题" in line and "（第 2 版）" in line, line
        assert revisions(out) == {"2026-10": 2}
        (folder / "十月数据(1).xlsx").unlink()
        line = watcher.wait_for(lambda s: "2026-10" in s)
        assert line.endswith(
            f"2026-10 成功（第 3 版）：十月数据.xlsx、花名册.xlsx → {out}/2026-10/客服绩效_2026-10.xlsx"
        )

        # A broken file is reported, and a good file dropped after it is still scored.
        (folder / "坏.xlsx").write_bytes(b"\x00" * 4096)
        line = watcher.wait_for(lambda s: "坏.xlsx" in s)
        assert "坏.xlsx 失败：" in line
        month_data(folder / "十一月数据.xlsx", "2026-11")
        line = watcher.wait_for(lambda s: "2026-11" in s)
        assert line.endswith(
            f"2026-11 成功（第 1 版）：十一月数据.xlsx、花名册.xlsx → {out}/2026-11/客服绩效_2026-11.xlsx"
        )
        assert entries(folder, out) == [
            ("2026-11", "ok"),
            ("", "failed"),
            ("2026-10", "ok"),
            ("2026-10", "problems"),
            ("2026-10", "ok"),
        ]
        log = openpyxl.load_workbook(out / PROCESSING_LOG_NAME).active
        assert log is not None
        assert [log.cell(r, 2).value for r in range(4, 9)] == [
            "2026-11",
            "–",
            "2026-10",
            "2026-10",
            "2026-10",
        ]
        assert str(log.cell(5, 3).value).startswith("失败：")

        code, took = watcher.stop()
    finally:
        watcher.kill()
    assert (code, watcher.said[-1]) == (143, f"已停止监视 {folder}。")
    assert took < 5
    assert gone(watcher.tag) == []
    no_staging(out)


def test_sigterm_while_a_month_is_made_drops_it_whole(tmp_path: Path) -> None:
    """With PDFs: stopped while the scorecards are being made, nothing of the month is kept and no
    worker is left; the next pass makes the month, PDFs and all."""
    folder, out = tmp_path / "输入", tmp_path / "报表"
    month_workbook(folder / "十月.xlsx", agents(60))  # cards for a few seconds
    watcher = Watcher(folder, out, "--interval", "0.3", "--settle", "0.2")
    try:
        deadline = time.monotonic() + 60
        while not (out.is_dir() and any(p.name.startswith(".csreport-new-2026-10") for p in out.iterdir())):
            assert time.monotonic() < deadline, watcher.drain()
            assert watcher.proc.poll() is None, watcher.drain()
            time.sleep(0.05)
        time.sleep(0.5)  # into the PDFs
        code, took = watcher.stop()
    finally:
        watcher.kill()
    assert code == 143, watcher.said
    assert watcher.said[-1] == (
        f"已停止监视 {folder}；正在处理的 2026-10 已放弃，之前的报表未改动，下次会重新处理。"
    )
    assert took < 10
    assert gone(watcher.tag) == []
    no_staging(out)
    assert not (out / "2026-10").exists()
    assert entries(folder, out) == []
    done = subprocess.run(
        [str(CSREPORT), "watch", str(folder), "--out", str(out), "--once", "--settle", "0.2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == f"成功：2026-10 已处理，报表在 {out}（见 {out}/处理记录.xlsx）"
    cards = sorted((out / "2026-10" / "scorecards").glob("K*.pdf"))  # one per agent
    assert len(cards) == 60 and all(p.read_bytes().startswith(b"%PDF") for p in cards)
    no_staging(out)


def watch_once(folder: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """One pass of ``csreport watch --once`` without PDFs, to its end."""
    return subprocess.run(
        [str(CSREPORT), "watch", str(folder), "--out", str(out), "--once", "--settle", "0.2", "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_manual_run_writing_the_month_makes_the_watcher_wait(tmp_path: Path) -> None:
    folder, out = tmp_path / "输入", tmp_path / "报表"
    shutil.copytree(SAMPLES, folder)
    manual = subprocess.Popen(
        [str(CSREPORT), "run", str(SAMPLES), "--out", str(out), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_staging(out, manual)
        busy = watch_once(folder, out)
        still_running = manual.poll() is None
        assert manual.wait(timeout=300) in (0, 1)
    finally:
        if manual.poll() is None:
            manual.kill()
    assert still_running  # the watcher's pass ended while the manual run held the month
    assert (busy.returncode, busy.stdout.splitlines()[-1]) == (
        2,
        "失败：2026-10 正在被另一次 csreport 运行处理，稍后再试",
    )
    assert entries(folder, out) == []
    assert revisions(out) == {"2026-10": 1}  # the manual run's
    done = watch_once(folder, out)
    lines = done.stdout.splitlines()
    # The same inputs and rules as the manual run's: its revision, nothing new recorded.
    assert "2026-10 有数据问题 3 个（第 1 版，结果与上次相同）" in lines[0], lines
    assert (done.returncode, lines[-1]) == (1, f"有数据问题 3 个：2026-10（见 {out}/处理记录.xlsx）")
    assert revisions(out) == {"2026-10": 1}
    no_staging(out)


def test_a_folder_out_of_reach_is_said_and_watched_on(tmp_path: Path) -> None:
    """A shared folder that drops out for a while (here: moved away) is said once, and once it is
    back the watcher goes on; the files of the month are not taken for removed meanwhile."""
    folder, out = tmp_path / "共享", tmp_path / "报表"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    watcher = Watcher(folder, out, "--interval", "0.3", "--settle", "0.5", "--no-pdf", "--lang", "en")
    try:
        watcher.wait_for(lambda s: "2026-10" in s)
        folder.rename(tmp_path / "away")
        line = watcher.wait_for(lambda s: "cannot be reached" in s)
        assert line.endswith(f"{folder} cannot be reached (the path does not exist); still watching…")
        time.sleep(1.5)  # several passes: said once
        (tmp_path / "away").rename(folder)
        assert watcher.wait_for(lambda s: "again" in s).endswith(f"{folder} can be reached again.")
        month_data(folder / "十一月数据.xlsx", "2026-11")
        line = watcher.wait_for(lambda s: "2026-11" in s)
        assert "2026-11 – Done (revision 1): 十一月数据.xlsx, 花名册.xlsx" in line
        code, _ = watcher.stop()
    finally:
        watcher.kill()
    assert sum("cannot be reached" in s for s in watcher.said) == 1  # said once, not at each pass
    assert (code, watcher.said[-1]) == (143, f"Stopped watching {folder}.")
    assert revisions(out) == {"2026-10": 1, "2026-11": 1}
    assert gone(watcher.tag) == []


def test_a_second_watcher_of_the_same_output_folder_waits_to_take_over(tmp_path: Path) -> None:
    folder, out = tmp_path / "输入", tmp_path / "报表"
    roster(folder / "花名册.xlsx")
    first = Watcher(folder, out, "--interval", "0.3", "--settle", "0.3", "--no-pdf")
    second: Watcher | None = None
    try:
        first.wait_for(lambda s: s.startswith("正在监视"))
        second = Watcher(folder, out, "--interval", "0.3", "--settle", "0.3", "--no-pdf")
        line = second.wait_for(lambda s: "另一个" in s)
        assert line == f"另一个 csreport watch（进程 {first.proc.pid}）正在处理 {out}；等它停止后由这里接手。"
        month_data(folder / "十月数据.xlsx", "2026-10")
        first.wait_for(lambda s: "2026-10" in s)
        assert first.stop()[0] == 143
        assert second.wait_for(lambda s: s.startswith("正在监视")).startswith(f"正在监视 {folder}")
        month_data(folder / "十月数据.xlsx", "2026-10", replied=900)
        assert "2026-10 成功（第 2 版）" in second.wait_for(lambda s: "2026-10" in s)
        assert [s for s in second.said if "2026-10" in s and "第 1 版" in s] == []  # never both at once
        assert second.stop()[0] == 143
    finally:
        first.kill()
        if second is not None:
            second.kill()
    assert revisions(out) == {"2026-10": 2}


def test_sigterm_stops_a_single_pass_with_its_last_line(tmp_path: Path) -> None:
    folder, out = tmp_path / "输入", tmp_path / "报表"
    month_workbook(folder / "十月.xlsx", agents(60))
    tag = uuid.uuid4().hex
    proc = subprocess.Popen(
        [str(CSREPORT), "watch", str(folder), "--out", str(out), "--once", "--settle", "0.2"],
        env=tagged_env(tag),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_staging(out, proc)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in stderr
    assert (proc.returncode, stdout.splitlines()[-1]) == (
        143,
        "失败：已停止：正在处理的 2026-10 已放弃，之前的报表未改动",
    )
    assert gone(tag) == []
    no_staging(out)
    assert not (out / "2026-10").exists()
