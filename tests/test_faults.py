"""Fault injection on real processes: kill -9 and SIGTERM mid-run, two runs at once,
a full disk, a missing PDF engine, inputs changing mid-run.

After every fault: no process of the run is left, no half file sits under a final
name, the previous reports are intact or replaced whole, and the next run is clean.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from csreport.api import RunOptions, run_month
from csreport.outputs.month_folder import MANIFEST
from tests.processes import gone, tagged_env
from tests.workbooks import Agent, month_workbook

CSREPORT = Path(sys.executable).parent / "csreport"
SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"


def agents(n: int, group_size: int = 6) -> list[Agent]:
    return [
        Agent(
            f"K{i:03d}",
            f"客服{i:03d}",
            group=f"{i // group_size + 1}组",
            rr=0.99,
            rt=30 + i % 40,
            conv=0.5,
            att=90 + i % 10,
        )
        for i in range(n)
    ]


def assert_whole_set(folder: Path) -> set[str]:
    """The folder holds exactly the files its manifest lists, none half-written."""
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == set(manifest["files"]) | {MANIFEST}
    for rel in manifest["files"]:
        data = (folder / rel).read_bytes()
        assert data, rel
        if rel.endswith(".pdf"):
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), rel
    return on_disk


def no_leftovers(out: Path) -> None:
    assert not [p.name for p in out.iterdir() if p.name.startswith((".csreport-new-", ".csreport-old-"))]
    assert not [p for p in out.rglob("*.tmp")]


def first_run(data: Path, out: Path) -> dict[str, bytes]:
    """A clean --no-pdf run into ``out``; the month folder's files and contents."""
    done = subprocess.run(
        [str(CSREPORT), "run", str(data), "--out", str(out), "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return {p: (out / "2026-10" / p).read_bytes() for p in assert_whole_set(out / "2026-10")}


@pytest.fixture(scope="module")
def big_month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return month_workbook(tmp_path_factory.mktemp("in") / "十月.xlsx", agents(60))


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill9", "sigterm"])
@pytest.mark.parametrize("after", [0.8, 2.5, 5.0])
def test_killed_run_leaves_nothing_alive_and_nothing_half(
    tmp_path: Path, big_month: Path, sig: signal.Signals, after: float
) -> None:
    out = tmp_path / "报表"
    before = first_run(big_month, out)
    tag = uuid.uuid4().hex
    proc = subprocess.Popen(
        [str(CSREPORT), "run", str(big_month), "--out", str(out), "--workers", "2"],
        env=tagged_env(tag),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(after)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert gone(tag) == []
    assert "Traceback" not in err
    if proc.returncode == 0:  # finished before the signal: the new set, whole
        assert_whole_set(out / "2026-10")
    else:
        assert proc.returncode == (-9 if sig is signal.SIGKILL else 143)
        if sig is signal.SIGTERM:
            assert err.splitlines()[-1] == "运行被终止；之前的报表未改动。"
        now = {p: (out / "2026-10" / p).read_bytes() for p in assert_whole_set(out / "2026-10")}
        # SIGKILL cannot be handled: landing after the swap, while the finished run is still
        # exiting, it leaves the new set, whole (this run makes PDFs, the first did not).
        finished = sig is signal.SIGKILL and any(p.startswith("scorecards/") for p in now)
        assert now == before or finished
    again = subprocess.run(
        [str(CSREPORT), "run", str(big_month), "--out", str(out), "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert_whole_set(out / "2026-10")
    no_leftovers(out)


def test_two_runs_at_once_never_mix(tmp_path: Path) -> None:
    one = month_workbook(tmp_path / "a" / "十月.xlsx", agents(24))
    two = month_workbook(tmp_path / "b" / "十月.xlsx", agents(30)[6:])
    out = tmp_path / "报表"
    procs = [
        subprocess.Popen(
            [str(CSREPORT), "run", str(p), "--out", str(out), "--workers", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in (one, two)
    ]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 2]), results
    for code, err in results:
        assert "Traceback" not in err
        if code == 2:
            assert "另一次 csreport 运行正在写入" in err.splitlines()[-1]
    files = assert_whole_set(out / "2026-10")
    result = json.loads((out / "2026-10" / "客服绩效_2026-10.json").read_text("utf-8"))
    ids = {a["agent_id"] for a in result["agents"]}
    book = openpyxl.load_workbook(out / "2026-10" / "客服绩效_2026-10.xlsx", read_only=True)
    cells = {str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row}
    assert ids <= cells
    cards = {f.split("/")[1].split("_")[0] for f in files if f.startswith("scorecards/K")}
    assert ids == cards
    no_leftovers(out)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, mounted for the test (root only)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"this sandbox cannot mount a tmpfs: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until about ``leave`` bytes are free."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "filler.bin", "wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))


@pytest.mark.parametrize(
    "extra",
    [(), ("--write-back",), ("--no-pdf", "--write-back=columns")],
    ids=["pdf", "pdf+write-back", "write-back-columns"],
)
def test_full_disk(tmp_path: Path, small_disk: Path, extra: tuple[str, ...]) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", agents(30))
    out = small_disk / "报表"
    before = first_run(data, out)
    fill(small_disk, 60_000)  # room for less than a new workbook and its copy
    done = subprocess.run(
        [str(CSREPORT), "run", str(data), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    last = done.stderr.splitlines()[-1]
    assert last.startswith(f"错误：磁盘空间不足：写入 {out}"), last
    assert last.endswith("失败；之前的报表未改动。请腾出空间后重新运行。")
    now = {p: (out / "2026-10" / p).read_bytes() for p in assert_whole_set(out / "2026-10")}
    assert now == before
    no_leftovers(out)
    (small_disk / "filler.bin").unlink()
    again = subprocess.run(
        [str(CSREPORT), "run", str(data), "--out", str(out), "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 0, again.stderr


def test_no_pdf_engine(tmp_path: Path) -> None:
    """A machine whose GTK/Pango cannot load: real dlopen failures, from broken libraries
    found first on the library path."""
    libs = tmp_path / "libs"
    libs.mkdir()
    for name in (
        "libgobject-2.0.so.0",
        "libgobject-2.0.so",
        "libgobject-2.0-0.so",
        "gobject-2.0-0",
        "libpango-1.0.so.0",
        "libpango-1.0-0.so",
    ):
        (libs / name).write_text("not a library")
    out = tmp_path / "报表"
    env = {**os.environ, "LD_LIBRARY_PATH": str(libs)}
    # WeasyPrint asked for: without it, no PDF (the default, auto, would have a browser print them:
    # tests/test_pdf_browser.py).
    for workers in ("1", "2"):
        asked = ["--workers", workers, "--pdf-engine", "weasyprint"]
        done = subprocess.run(
            [str(CSREPORT), "run", str(SAMPLES), "--out", str(out), *asked],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 4, done.stderr
        lines = done.stdout.splitlines()
        assert f"汇总工作簿：{out / '2026-10' / '客服绩效_2026-10.xlsx'}" in lines
        assert f"机器可读结果：{out / '2026-10' / '客服绩效_2026-10.json'}" in lines
        # The history's lines follow the run's summary, whose last line says why there are no PDFs.
        said = [i for i, line in enumerate(lines) if line.startswith("未生成 PDF 成绩单")]
        assert len(said) == 1 and all(
            line.startswith(("规则：", "历史记录：")) for line in lines[said[0] + 1 :]
        )
        last = lines[said[0]]
        assert last.startswith("未生成 PDF 成绩单：本机缺少 PDF 引擎（GTK/Pango 库：cannot load library")
        assert last.endswith(
            "工作簿和 JSON 已写好。请安装 GTK 运行库（运行 csreport doctor 查看方法），"
            "或加 --no-pdf 只生成工作簿。"
        )
        assert "WeasyPrint could not import" not in done.stdout + done.stderr
        assert (out / "2026-10" / "客服绩效_2026-10.xlsx").is_file()
        assert not (out / "2026-10" / "scorecards").exists()
        assert_whole_set(out / "2026-10")


def test_input_changed_during_the_run(tmp_path: Path) -> None:
    """The roster is replaced while the PDFs render: the run says so, and write-back
    makes no copy that mixes the new file with the old results."""
    data = month_workbook(tmp_path / "in" / "十月.xlsx", agents(4))
    changed: list[bool] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "pdf" and not changed:
            month_workbook(data, agents(5))
            changed.append(True)

    report = run_month([data], RunOptions(tmp_path / "out", workers=1, write_back="sheet"), progress)
    assert changed
    notes = [p for p in report.problems if p.code == "input.changed"]
    assert [(p.file, p.message("zh")) for p in notes] == [
        ("十月.xlsx", "计分过程中此文件被修改过；本次报表按读取时的内容计算。请重新运行以使用新内容。")
    ]
    assert len(report.result.agents) == 4


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_workers_started_other_ways_render_and_die_with_the_run(tmp_path: Path, method: str) -> None:
    """Python 3.14 starts workers through a fork server on Linux, Windows and macOS spawn
    them: the workers must neither mistake that for their run having died nor outlive it."""
    script = (
        "import multiprocessing, sys\n"
        f"multiprocessing.set_start_method({method!r})\n"
        "from pathlib import Path\n"
        "from csreport.api import RunOptions, run_month\n"
        "r = run_month([Path(sys.argv[1])], RunOptions(Path(sys.argv[2]), workers=2))\n"
        "print(len(r.scorecards), flush=True)\n"
        "if len(sys.argv) > 3:\n"
        "    import time; time.sleep(60)\n"
    )
    big = month_workbook(tmp_path / "in" / "十月.xlsx", agents(16))
    done = subprocess.run(
        [sys.executable, "-c", script, str(big), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "16"), done.stderr
    tag = uuid.uuid4().hex
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            script.replace(
                "r = run_month",
                "import threading, os, time\n"
                "threading.Timer(3.0, lambda: os.kill(os.getpid(), 9)).start()\nr = run_month",
            ),
            str(big),
            str(tmp_path / "out2"),
        ],
        env=tagged_env(tag),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc.communicate(timeout=120)
    assert gone(tag, 15) == []
