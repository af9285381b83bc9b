"""``csreport watch --once`` as Task Scheduler or the Windows script starts it: one pass of the real
command in a process of its own, and its last line, exactly.

Each test drops workbooks into a fresh folder and checks what the pass did: the console, the exit
code, the history's revisions and the processing log (处理记录.xlsx) a manager opens.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from csreport.history.ledger import Ledger
from csreport.history.store import History
from csreport.messages import translate
from csreport.util.report_names import PROCESSING_LOG_NAME
from tests.workbooks import ATT_HEADER, QA_HEADER, REC_HEADER, ROSTER_HEADER, write_xlsx

CSREPORT = Path(sys.executable).parent / "csreport"
SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
AGENTS = (("K001", "王芳"), ("K002", "李强"), ("K003", "张敏"))
TIME = r"\d\d:\d\d:\d\d  "


def roster(path: Path, agents: Sequence[tuple[str, str]] = AGENTS) -> Path:
    rows = [ROSTER_HEADER] + [
        [a, n, "一组", dt.datetime(2025, 1, 1), "正式", "老员工", f"店:{n}"] for a, n in agents
    ]
    return write_xlsx(path, {"花名册": rows})


def month_data(
    path: Path, month: str, replied: int = 990, agents: Sequence[tuple[str, str]] = AGENTS
) -> Path:
    """One month's attendance, reception and QA of ``agents``, clean; K001 replied to ``replied`` of
    1,000 inquiries."""
    day = dt.datetime(int(month[:4]), int(month[5:]), 3)
    att = [ATT_HEADER] + [[a, n, day, "出勤"] for a, n in agents]
    rec = [REC_HEADER] + [
        [a, day, 1000, 1000, replied if i == 0 else 995, 30, 15, 800, 600, 50000]
        for i, (a, _) in enumerate(agents)
    ]
    qa = [QA_HEADER] + [[a, day, f"{a}-{month}", "满意", 90, "", "否"] for a, _ in agents]
    return write_xlsx(path, {"考勤": att, "接待": rec, "质检": qa})


def watch(
    folder: Path, out: Path, *extra: str, lang: str = "zh", settle: str = "0.3"
) -> tuple[int, list[str]]:
    """One ``watch --once`` pass; its exit code and its console lines (stdout)."""
    command = [str(CSREPORT), "watch", str(folder), "--out", str(out), "--once", "--settle", settle]
    done = subprocess.run(
        [*command, "--no-pdf", "--shop", "测试店", "--lang", lang, *extra],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout.splitlines()


def revisions(out: Path) -> dict[str, int]:
    with History.open(out / "csreport-history.sqlite", create=False) as store:
        return {m.month: m.latest.revision for m in store.months()}


def log_rows(out: Path) -> list[list[object]]:
    """The processing log's rows under its header, newest first."""
    ws = openpyxl.load_workbook(out / PROCESSING_LOG_NAME).active
    assert ws is not None
    return [[c.value for c in row] for row in ws.iter_rows(min_row=4)]


def bump(path: Path) -> None:
    """A new modification time, the same content: the file copied in again."""
    later = path.stat().st_mtime + 5
    os.utime(path, (later, later))


def test_a_month_is_scored_once_and_an_unchanged_copy_does_nothing(tmp_path: Path) -> None:
    folder, out = tmp_path / "输入", tmp_path / "报表"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    code, lines = watch(folder, out)
    assert code == 0
    assert re.fullmatch(
        TIME
        + re.escape(
            f"2026-10 成功（第 1 版）：十月数据.xlsx、花名册.xlsx → {out}/2026-10/客服绩效_2026-10.xlsx"
        ),
        lines[0],
    ), lines
    assert lines[-1] == f"成功：2026-10 已处理，报表在 {out}（见 {out}/处理记录.xlsx）"
    assert len(lines) == 2
    assert (out / "2026-10" / "客服绩效_2026-10.xlsx").is_file()
    # The same file copied in again (a new time), and a copy under another name: nothing to do.
    bump(folder / "十月数据.xlsx")
    shutil.copy2(folder / "十月数据.xlsx", folder / "十月数据 - 副本.xlsx")
    code, lines = watch(folder, out)
    assert (code, lines) == (0, [f"成功：没有新的或改动过的文件（见 {out}/处理记录.xlsx）"])
    assert revisions(out) == {"2026-10": 1}
    assert [row[2] for row in log_rows(out)] == ["成功"]
    # One cell changed: a new revision, from the changed file (the copy is still the old content,
    # so it is now read in its own right, as ``run`` on the folder would).
    (folder / "十月数据 - 副本.xlsx").unlink()
    month_data(folder / "十月数据.xlsx", "2026-10", replied=900)
    code, lines = watch(folder, out)
    assert code == 0
    assert lines[0].endswith(
        f"2026-10 成功（第 2 版）：十月数据.xlsx、花名册.xlsx → {out}/2026-10/客服绩效_2026-10.xlsx"
    )
    assert revisions(out) == {"2026-10": 2}
    rows = log_rows(out)
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("2026-10", "成功", "第 2 版"),
        ("2026-10", "成功", "第 1 版"),
    ]
    assert rows[0][3] == "十月数据.xlsx、花名册.xlsx"


def test_the_last_line_in_english_and_with_data_problems(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, lines = watch(SAMPLES, out, lang="en")
    assert code == 1
    assert lines[-1] == f"Data problems: 3 in 2026-10 (see {out}/处理记录.xlsx)"
    assert re.fullmatch(
        TIME
        + re.escape(
            "2026-10 – Data problems: 3 (revision 1): 十月接待.xlsx, 十月考勤.xlsx, 十月质检.xlsx, "
            f"花名册.xlsx → {out}/2026-10/客服绩效_2026-10.xlsx"
        ),
        lines[0],
    ), lines
    # Nothing new, and the month still has its problems: the last line says so, as it did.
    code, lines = watch(SAMPLES, out, lang="en")
    assert (code, lines) == (1, [f"Data problems: 3 in 2026-10 (see {out}/处理记录.xlsx)"])
    code, lines = watch(SAMPLES, tmp_path / "报表")
    assert (code, lines[-1]) == (1, f"有数据问题 3 个：2026-10（见 {tmp_path / '报表'}/处理记录.xlsx）")


def test_a_broken_file_is_reported_and_the_others_are_scored(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    (folder / "坏.xlsx").write_bytes(b"PK\x03\x04 half a zip")
    code, lines = watch(folder, out)
    corrupt = "工作簿已损坏（压缩结构不完整，可能下载或复制未完成）；请重新下载或从原系统重新导出。"
    assert code == 2
    assert re.fullmatch(TIME + re.escape(f"坏.xlsx 失败：{corrupt}"), lines[0]), lines
    assert lines[-1] == f"失败：坏.xlsx：{corrupt}"
    assert revisions(out) == {"2026-10": 1}
    assert [r[2] for r in log_rows(out)] == ["成功", f"失败：{corrupt}"]
    # Not tried again until it changes (or is dropped again), and still said while it is there.
    assert watch(folder, out) == (2, [f"失败：坏.xlsx：{corrupt}"])
    # Dropped again as it was: tried again, and as it comes to what it came to, nothing new.
    bump(folder / "坏.xlsx")
    assert watch(folder, out) == (2, [f"失败：坏.xlsx：{corrupt}"])
    assert len(log_rows(out)) == 2
    # Taken away: the folder is all well.
    (folder / "坏.xlsx").unlink()
    assert watch(folder, out) == (0, [f"成功：没有新的或改动过的文件（见 {out}/处理记录.xlsx）"])


def test_a_closed_month_is_reported_not_scored(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    assert watch(folder, out)[0] == 0
    closed = subprocess.run(
        [str(CSREPORT), "close", "2026-10", "--out", str(out)], capture_output=True, text=True, check=False
    )
    assert closed.returncode == 0, closed.stderr
    with History.open(out / "csreport-history.sqlite", create=False) as store:
        closed_at = store.is_closed("2026-10")
    month_data(folder / "十月数据.xlsx", "2026-10", replied=900)
    code, lines = watch(folder, out)
    reason = f"该月已定稿（{closed_at}），没有重新计算；如需重算请手动运行 run --reopen"
    assert code == 2
    assert lines[-1] == f"失败：2026-10：{reason}"
    assert revisions(out) == {"2026-10": 1}
    assert log_rows(out)[0][1:6] == [
        "2026-10",
        f"失败：{reason}",
        "十月数据.xlsx",
        None,
        "2026-10/客服绩效_2026-10.xlsx",
    ]
    # The changed file dropped again as it is: nothing new, the last line still says why.
    bump(folder / "十月数据.xlsx")
    assert watch(folder, out) == (2, [f"失败：2026-10：{reason}"])
    assert len(log_rows(out)) == 2
    # A roster change re-scores the open months only: the closed one is left quietly, and the
    # changed file of it is still said.
    roster(folder / "花名册.xlsx", [*AGENTS, ("K004", "赵六")])
    assert watch(folder, out) == (2, [f"失败：2026-10：{reason}"])
    assert revisions(out) == {"2026-10": 1}
    assert len(log_rows(out)) == 2


def test_two_months_in_one_folder(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    month_data(folder / "十一月数据.xlsx", "2026-11")
    code, lines = watch(folder, out)
    assert code == 0
    assert [re.sub(TIME, "", line).split("：")[0] for line in lines[:2]] == [
        "2026-10 成功（第 1 版）",
        "2026-11 成功（第 1 版）",
    ]
    assert lines[0].endswith(f"：十月数据.xlsx、花名册.xlsx → {out}/2026-10/客服绩效_2026-10.xlsx")
    assert lines[1].endswith(f"：十一月数据.xlsx、花名册.xlsx → {out}/2026-11/客服绩效_2026-11.xlsx")
    assert lines[-1] == f"成功：2026-10、2026-11 已处理，报表在 {out}（见 {out}/处理记录.xlsx）"
    assert revisions(out) == {"2026-10": 1, "2026-11": 1}
    # A roster change re-scores every open month of the folder; a month's own file only its month.
    roster(folder / "花名册.xlsx", [*AGENTS[:2], ("K003", "张敏敏")])
    assert watch(folder, out)[0] == 0
    assert revisions(out) == {"2026-10": 2, "2026-11": 2}
    month_data(folder / "十一月数据.xlsx", "2026-11", replied=900)
    assert watch(folder, out)[0] == 0
    assert revisions(out) == {"2026-10": 2, "2026-11": 3}


def test_only_the_month_set_is_scored(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    month_data(folder / "十一月数据.xlsx", "2026-11")
    (tmp_path / "csreport.yaml").write_text("month: 2026-11\n", encoding="utf-8")
    code, lines = watch(folder, out, "--config", str(tmp_path / "csreport.yaml"))
    assert code == 0
    assert re.fullmatch(
        TIME
        + re.escape(
            "十月数据.xlsx 只有 2026-10 的数据，而设置只处理 2026-11"
            "（csreport.yaml 的 month: 或 --month），没有处理。"
        ),
        lines[0],
    ), lines
    assert lines[-1] == f"成功：2026-11 已处理，报表在 {out}（见 {out}/处理记录.xlsx）"
    assert revisions(out) == {"2026-11": 1}
    # With the other month set, the file left aside is taken, unchanged as it is.
    code, lines = watch(folder, out, "--month", "2026-10")
    assert (code, lines[-1]) == (0, f"成功：2026-10 已处理，报表在 {out}（见 {out}/处理记录.xlsx）")
    assert revisions(out) == {"2026-10": 1, "2026-11": 1}


def test_days_without_a_year_take_the_year_of_their_month_in_the_folder(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    write_xlsx(folder / "补充考勤.xlsx", {"考勤": [ATT_HEADER, ["K001", "王芳", "10月4日", "出勤"]]})
    code, lines = watch(folder, out)
    assert code == 0
    assert lines[0].endswith(
        "2026-10 成功（第 1 版）：十月数据.xlsx、花名册.xlsx、补充考勤.xlsx → "
        f"{out}/2026-10/客服绩效_2026-10.xlsx"
    )
    # Alone, such a file cannot say its year.
    lone = tmp_path / "lone"
    write_xlsx(lone / "考勤.xlsx", {"考勤": [ATT_HEADER, ["K001", "王芳", "10月4日", "出勤"]]})
    code, lines = watch(lone, tmp_path / "out2")
    assert code == 2
    assert lines[-1] == "失败：考勤.xlsx：" + translate("watch.no_year", "zh")


def hold(lock: Path) -> int:
    """Hold ``lock`` as another csreport process would; returns the descriptor to close."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.write(fd, b"424242")
    return fd


def test_a_month_another_run_is_writing_is_tried_again_later(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    fd = hold(out / ".csreport-2026-10.lock")
    try:
        code, lines = watch(folder, out)
    finally:
        os.close(fd)
    assert code == 2
    assert lines[-1] == "失败：2026-10 正在被另一次 csreport 运行处理，稍后再试"
    assert not (out / "2026-10").exists()
    with History.open(out / "csreport-history.sqlite", create=False) as store:
        ledger = Ledger(store, str(folder.resolve()), str(out.resolve()))
        assert (ledger.entries(), ledger.files(), store.months()) == ([], {}, [])
    code, lines = watch(folder, out)
    assert (code, lines[-1]) == (0, f"成功：2026-10 已处理，报表在 {out}（见 {out}/处理记录.xlsx）")


def test_one_watcher_per_output_folder(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    month_data(folder / "十月数据.xlsx", "2026-10")
    fd = hold(out / ".csreport-watch.lock")
    try:
        code, lines = watch(folder, out)
        code_en, lines_en = watch(folder, out, lang="en")
    finally:
        os.close(fd)
    assert (code, lines) == (2, [f"失败：另一个 csreport watch（进程 424242）正在处理 {out}，这次没有处理"])
    assert (code_en, lines_en) == (
        2,
        [f"Failed: another csreport watch (process 424242) is handling {out}, so nothing was done this time"],
    )


def test_a_file_still_being_copied_or_open_in_excel_is_left_for_later(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    data = month_data(tmp_path / "十月数据.xlsx", "2026-10").read_bytes()
    target = folder / "十月数据.xlsx"
    roster(folder / "花名册.xlsx")
    target.write_bytes(data[:1000])
    stop = threading.Event()

    def copying() -> None:  # a slow copy: a piece every 0.2 s
        done = 1000
        with target.open("ab") as fh:
            while not stop.is_set() and done < len(data):
                time.sleep(0.2)
                fh.write(data[done : done + 300])
                fh.flush()
                done += 300

    writer = threading.Thread(target=copying)
    writer.start()
    try:
        code, lines = watch(folder, out, settle="1")
    finally:
        stop.set()
        writer.join()
    assert (code, lines[-1]) == (2, "失败：十月数据.xlsx 还在复制，稍后再试")
    assert not (out / "2026-10").exists()
    target.write_bytes(data)
    (folder / "~$十月数据.xlsx").write_bytes(b"\x08someone")
    code, lines = watch(folder, out)
    assert (code, lines[-1]) == (2, "失败：十月数据.xlsx 正在 Excel/WPS 中打开，关闭后再处理")
    (folder / "~$十月数据.xlsx").unlink()
    assert watch(folder, out)[0] == 0
    assert revisions(out) == {"2026-10": 1}


def test_a_refused_command_still_ends_with_its_last_line(tmp_path: Path) -> None:
    code, lines = watch(tmp_path / "nowhere", tmp_path / "out")
    assert (code, lines) == (2, [f"失败：找不到文件：{tmp_path / 'nowhere'}"])
    code, lines = watch(tmp_path, tmp_path / "out", "--month", "2026-13", lang="en")
    assert (code, lines) == (2, ["Failed: " + translate("month.bad", "en", value="2026-13")])


def test_every_input_kind_is_taken_and_sub_folders_are_not_read(tmp_path: Path) -> None:
    """A CSV is taken like a workbook; a sub-folder holding workbooks is said once, not read; the
    output folder inside the watched folder is no input."""
    folder = tmp_path / "输入"
    out = folder / "报表"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    rows: list[list[object]] = [
        list(REC_HEADER),
        ["K001", "2026-11-03", 1000, 1000, 990, 30, 15, 800, 600, 50000],
    ]
    (folder / "十一月接待.csv").write_text("\n".join(",".join(map(str, r)) for r in rows), encoding="utf-8")
    month_data(folder / "旧" / "九月数据.xlsx", "2026-09")
    code, lines = watch(folder, out)
    assert code == 1  # November has reception only: its other KPIs are missing
    assert lines[0].endswith(
        f"2026-10 成功（第 1 版）：十月数据.xlsx、花名册.xlsx → {out}/2026-10/客服绩效_2026-10.xlsx"
    )
    assert "2026-11 有数据问题" in lines[1] and "：十一月接待.csv、花名册.xlsx → " in lines[1]
    subfolder = translate("input.subfolder_not_read", "zh", count=1, path=str(folder / "旧"))
    assert re.fullmatch(TIME + re.escape(f"旧/：{subfolder}"), lines[2]), lines
    assert len(lines) == 4
    assert revisions(out) == {"2026-10": 1, "2026-11": 1}


def test_a_processing_log_that_cannot_be_written_is_said_and_written_later(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    (out / PROCESSING_LOG_NAME).mkdir(parents=True)  # in the way, as a file open in Excel is on Windows
    code, lines = watch(folder, out)
    taken = translate("output.taken", "zh", path=str(out / PROCESSING_LOG_NAME))
    assert code == 0
    assert re.fullmatch(
        TIME
        + re.escape(
            f"{out}/处理记录.xlsx 没有更新（{taken}；如果它正在 Excel 中打开，请关闭），下一轮再写。"
        ),
        lines[1],
    ), lines
    assert lines[-1] == f"成功：2026-10 已处理，报表在 {out}（见 {out}/处理记录.xlsx）"
    (out / PROCESSING_LOG_NAME).rmdir()
    assert watch(folder, out)[0] == 0
    assert [(r[1], r[2]) for r in log_rows(out)] == [("2026-10", "成功")]


def test_a_roster_change_reaches_a_month_that_was_busy_when_it_came(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    month_data(folder / "十一月数据.xlsx", "2026-11")
    assert watch(folder, out)[0] == 0
    roster(folder / "花名册.xlsx", [*AGENTS[:2], ("K003", "张敏敏")])
    fd = hold(out / ".csreport-2026-10.lock")
    try:
        code, lines = watch(folder, out)
    finally:
        os.close(fd)
    assert (code, lines[-1]) == (2, "失败：2026-10 正在被另一次 csreport 运行处理，稍后再试")
    assert revisions(out) == {"2026-10": 1, "2026-11": 2}
    code, lines = watch(folder, out)
    assert code == 0
    assert lines[-1] == f"成功：2026-10、2026-11 已处理，报表在 {out}（见 {out}/处理记录.xlsx）"
    assert "2026-11 成功（第 2 版，结果与上次相同）" in lines[1], lines
    assert revisions(out) == {"2026-10": 2, "2026-11": 2}
