"""A month's output folder holds exactly one run's outputs, replaced as a set.

Stale cards and team PDFs go, the user's own files stay, leftovers of a dead run are
removed, and whatever stands where a report goes is reported instead of crashing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from csreport.api import RunOptions, run_month
from csreport.outputs.month_folder import MANIFEST, MonthFolder
from csreport.problems import CsreportError
from tests.workbooks import Agent, month_workbook

ROOT = Path(__file__).resolve().parents[1]
CSREPORT = Path(sys.executable).parent / "csreport"

A1 = Agent("K1", "张三", group="一组", rr=0.99, rt=30, conv=0.5, att=95)
A2 = Agent("K2", "李四", group="一组", rr=0.99, rt=30, conv=0.5, att=95)
A3 = Agent("K3", "王五", group="二组", rr=0.99, rt=30, conv=0.5, att=95)


def month_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def run(inputs: Path, out: Path, *, pdf: bool = True) -> object:
    return run_month([inputs], RunOptions(out, pdf=pdf, workers=1))


def cli(*args: str | Path, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(CSREPORT), *map(str, args), "--lang", lang],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    return done


def test_rerun_removes_stale_cards_and_teams(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2, A3])
    out = tmp_path / "报表"
    run(data, out)
    folder = out / "2026-10"
    first = month_files(folder)
    assert {"scorecards/K3_王五.pdf", "scorecards/团队_二组.pdf"} <= first
    month_workbook(data, [A1, A2])  # 王五 left, and with him 二组
    report = run(data, out)
    second = month_files(folder)
    assert "scorecards/K3_王五.pdf" not in second
    assert "scorecards/团队_二组.pdf" not in second
    assert report.replaced.previous == len(first - {MANIFEST})
    assert set(report.replaced.dropped) == {"scorecards/K3_王五.pdf", "scorecards/团队_二组.pdf"}
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    assert set(manifest["files"]) == second - {MANIFEST}
    assert not [p for p in out.iterdir() if p.name.startswith(".csreport-new-")]


def test_no_pdf_run_leaves_no_old_pdfs(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    out = tmp_path / "报表"
    run(data, out)
    run(data, out, pdf=False)
    assert month_files(out / "2026-10") == {"客服绩效_2026-10.xlsx", "客服绩效_2026-10.json", MANIFEST}


def test_users_own_files_are_kept(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    out = tmp_path / "报表"
    run(data, out, pdf=False)
    mine = out / "2026-10" / "面谈记录.docx"
    mine.write_bytes(b"notes")
    (out / "2026-10" / "scorecards").mkdir()
    (out / "2026-10" / "scorecards" / "签字版.pdf").write_bytes(b"%PDF signed")
    report = run(data, out)
    assert mine.read_bytes() == b"notes"
    assert (out / "2026-10" / "scorecards" / "签字版.pdf").read_bytes() == b"%PDF signed"
    assert sorted(report.replaced.kept) == ["scorecards/签字版.pdf", "面谈记录.docx"]


def test_cli_says_what_was_replaced(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2, A3])
    out = tmp_path / "报表"
    assert cli("run", data, "--out", out, "--no-pdf").returncode == 0
    (out / "2026-10" / "备注.txt").write_text("mine", "utf-8")
    done = cli("run", data, "--out", out, "--no-pdf")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert "已整体替换上次的 2026-10 报表（2 个文件）。" in lines
    assert "输出文件夹里你自己放的文件已保留：备注.txt" in lines
    done = cli("run", data, "--out", out, "--no-pdf", lang="en")
    assert "Replaced the previous 2026-10 reports as a set (2 files)." in done.stdout.splitlines()


def test_folder_where_the_workbook_goes(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    out = tmp_path / "报表"
    run(data, out, pdf=False)
    before = (out / "2026-10" / "客服绩效_2026-10.json").read_bytes()
    (out / "2026-10" / "客服绩效_2026-10.xlsx").unlink()
    (out / "2026-10" / "客服绩效_2026-10.xlsx").mkdir()
    done = cli("run", data, "--out", out, "--no-pdf")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"错误：{out / '2026-10' / '客服绩效_2026-10.xlsx'} 已被一个文件夹或不是 csreport 生成的"
        "文件占用，报表无法写在这里；之前的报表未改动。请把它移走或改名后重新运行。"
    )
    assert (out / "2026-10" / "客服绩效_2026-10.json").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".csreport-new-")]


def test_month_folder_is_a_file(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1])
    out = tmp_path / "报表"
    out.mkdir()
    (out / "2026-10").write_text("x", "utf-8")
    done = cli("run", data, "--out", out, "--no-pdf")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"错误：{out / '2026-10'} 是一个文件，但 csreport 要在这里建月份文件夹；请把它移走或改名，"
        "或用 --out 换一个输出文件夹。"
    )
    assert (out / "2026-10").read_text("utf-8") == "x"


def test_out_is_a_file(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1])
    target = tmp_path / "报表.txt"
    target.write_text("x", "utf-8")
    done = cli("run", data, "--out", target)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"错误：输出位置 {target} 是一个文件，不是文件夹。请用 --out 指定一个文件夹。"
    )
    done = cli("run", data, "--out", target, lang="en")
    assert done.stderr.splitlines()[-1] == (
        f"Error: The output location {target} is a file, not a folder. Give a folder with --out."
    )


def test_input_inside_the_month_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "报表"
    data = month_workbook(out / "2026-10" / "十月.xlsx", [A1])
    with pytest.raises(CsreportError) as caught:
        run(data, out, pdf=False)
    assert caught.value.code == "output.input_inside"
    assert data.is_file()


def test_leftovers_of_a_dead_run_are_removed(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    out = tmp_path / "报表"
    run(data, out, pdf=False)
    stale = out / ".csreport-new-2026-10-99999"  # a run killed while writing
    (stale / "scorecards").mkdir(parents=True)
    (stale / ".csreport-draft").write_bytes(b"")
    (stale / "scorecards" / "K1_张三.pdf").write_bytes(b"half")
    tmp = out / "2026-10" / ".客服绩效_2026-10.k3j_x9q2.xlsx.tmp"
    tmp.write_bytes(b"")
    run(data, out, pdf=False)
    assert not stale.exists()
    assert not tmp.exists()
    assert month_files(out / "2026-10") == {"客服绩效_2026-10.xlsx", "客服绩效_2026-10.json", MANIFEST}


def test_second_run_stops_while_the_first_holds_the_month(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1])
    out = tmp_path / "报表"
    with MonthFolder(out, "2026-10"):
        done = cli("run", data, "--out", out, "--no-pdf")
    assert done.returncode == 2
    line = done.stderr.splitlines()[-1]
    assert line.startswith(f"错误：另一次 csreport 运行正在写入 {out / '2026-10'}（进程 {os.getpid()} ")
    assert line.endswith("）。请等它结束后再运行；两次运行不会混在一起。")
    assert not (out / "2026-10").exists()
    assert cli("run", data, "--out", out, "--no-pdf").returncode == 0


def test_lock_of_a_killed_run_does_not_stick(tmp_path: Path) -> None:
    out = tmp_path / "报表"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from csreport.outputs.month_folder import MonthFolder\n"
            "f = MonthFolder(sys.argv[1], '2026-10').__enter__()\n"
            "print('held', flush=True)\ntime.sleep(60)\n",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(CsreportError) as caught:
        MonthFolder(out, "2026-10").__enter__()
    assert caught.value.code == "output.busy"
    holder.kill()
    holder.wait()
    with MonthFolder(out, "2026-10") as folder:
        assert folder.staging.is_dir()
    assert not folder.staging.exists()


def test_outputs_are_flushed_before_they_are_renamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Observed, not mocked away: every fsync and rename still happens for real."""
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    events: list[tuple[str, str]] = []
    real_fsync, real_open = os.fsync, os.open
    names: dict[int, str] = {}

    def spy_open(path: object, *args: object, **kw: object) -> int:
        fd = real_open(path, *args, **kw)  # type: ignore[arg-type]
        names[fd] = str(path)
        return fd

    def spy_fsync(fd: int) -> None:
        events.append(("fsync", names.get(fd, "?")))
        real_fsync(fd)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    out = tmp_path / "报表"
    run(data, out, pdf=False)
    synced = {Path(p).name for kind, p in events if kind == "fsync"}
    assert {"客服绩效_2026-10.xlsx", "客服绩效_2026-10.json"} <= synced
    assert str(out) in {p for _, p in events}  # the folder holding the renamed month folder


def test_failed_swap_puts_the_users_files_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to rename a folder holding a file open in Excel; that refusal is
    provoked here because this file system has no such lock."""
    import errno

    from csreport.outputs import month_folder

    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    out = tmp_path / "报表"
    run(data, out, pdf=False)
    mine = out / "2026-10" / "面谈记录.docx"
    mine.write_bytes(b"notes")
    before = {p: (out / "2026-10" / p).read_bytes() for p in month_files(out / "2026-10")}

    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr(month_folder, "_swap", refuse)
    with pytest.raises(CsreportError) as caught:
        run(data, out, pdf=False)
    assert caught.value.code == "output.in_use"
    assert caught.value.message("zh") == (
        f"无法替换 {out / '2026-10'}：其中的文件可能正被 Excel、WPS 或 PDF 阅读器打开（没有写入权限）。"
        "之前的报表未改动。请关闭这些文件后重新运行。"
    )
    assert {p: (out / "2026-10" / p).read_bytes() for p in month_files(out / "2026-10")} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".csreport-new-")]


def test_a_run_killed_mid_swap_is_undone(tmp_path: Path) -> None:
    """Where folders cannot be exchanged in one step (Windows, macOS), the old set is moved
    aside first; a run killed right then left no month folder. The next run puts the old
    set back before anything else, and the user's files in it survive."""
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    out = tmp_path / "报表"
    run(data, out, pdf=False)
    (out / "2026-10" / "签字扫描.pdf").write_bytes(b"signed")
    os.rename(out / "2026-10", out / ".csreport-old-2026-10-4242")
    (out / ".csreport-new-2026-10-4242").mkdir()  # the new set, never moved in
    (out / ".csreport-new-2026-10-4242" / "客服绩效_2026-10.json").write_bytes(b"{}")
    report = run(data, out, pdf=False)
    assert (out / "2026-10" / "签字扫描.pdf").read_bytes() == b"signed"
    assert report.replaced.kept == ["签字扫描.pdf"]
    assert not [p for p in out.iterdir() if p.name.startswith(".csreport-") and not p.name.endswith(".lock")]


def test_users_files_in_an_old_set_left_behind_are_returned(tmp_path: Path) -> None:
    """Killed after the exchange, before the user's files moved across: they are in the
    old set beside the month folder, and the next run returns them."""
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    out = tmp_path / "报表"
    run(data, out, pdf=False)
    old = out / ".csreport-new-2026-10-4343"
    shutil.copytree(out / "2026-10", old)
    (old / "面谈").mkdir()
    (old / "面谈" / "记录.docx").write_bytes(b"notes")
    (old / "客服绩效_2026-10.json").write_bytes(b"old")
    run(data, out, pdf=False)
    assert (out / "2026-10" / "面谈" / "记录.docx").read_bytes() == b"notes"
    assert not old.exists()


def test_folder_from_before_the_manifest_keeps_lookalike_user_files(tmp_path: Path) -> None:
    """A month folder written before csreport kept a manifest: only the exact names it
    writes are its own; a signed copy named like a report is the user's."""
    data = month_workbook(tmp_path / "in" / "十月.xlsx", [A1, A2])
    folder = tmp_path / "报表" / "2026-10"
    (folder / "scorecards").mkdir(parents=True)
    (folder / "客服绩效_2026-10.xlsx").write_bytes(b"old report")
    (folder / "客服绩效_2026-10_已签字.xlsx").write_bytes(b"signed")
    (folder / "scorecards" / "张三_签字版.pdf").write_bytes(b"%PDF signed")
    (folder / ".我的草稿.tmp").write_bytes(b"mine")
    report = run(data, tmp_path / "报表", pdf=False)
    assert (folder / "客服绩效_2026-10_已签字.xlsx").read_bytes() == b"signed"
    assert (folder / "scorecards" / "张三_签字版.pdf").read_bytes() == b"%PDF signed"
    assert (folder / ".我的草稿.tmp").read_bytes() == b"mine"
    assert (folder / "客服绩效_2026-10.xlsx").read_bytes()[:2] == b"PK"
    assert report.replaced.previous == 1
