"""What a hostile tester found in ``csreport watch``, each as the real command meets it: a file
open in Excel/WPS holds back the months it goes with; a month scored without PDFs says so (and the
pass does not end in 成功); the processing log of an output folder keeps every folder watched into
it; ``run`` and ``check`` pass over the processing log; the last line of ``--once`` tells the
folder's standing; a file dropped again unchanged after a failure says nothing new.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl

from csreport.history.ledger import Ledger
from csreport.history.store import History
from csreport.inputs import dataset
from csreport.util.report_names import PROCESSING_LOG_NAME
from tests.test_watch_once import (
    AGENTS,
    CSREPORT,
    SAMPLES,
    TIME,
    bump,
    log_rows,
    month_data,
    revisions,
    roster,
    watch,
)

PACKAGE = Path(__file__).resolve().parents[1] / "csreport"
GTK_REASON = "cannot load library 'libgobject-2.0-0': error 0x7e"


def open_in_excel(path: Path) -> Path:
    """The lock file Excel (and WPS) writes beside a workbook it has open."""
    lock = path.with_name("~$" + path.name)
    lock.write_bytes(b"\x08someone")
    return lock


def ledger_state(folder: Path, out: Path) -> tuple[list[object], list[str]]:
    """The ledger's entries and the names of the files it knows, for ``folder`` into ``out``."""
    with History.open(out / "csreport-history.sqlite", create=False) as store:
        ledger = Ledger(store, str(folder.resolve()), str(out.resolve()))
        return list(ledger.entries()), sorted(ledger.files())


# --- 1. a file open in Excel/WPS -------------------------------------------------------------------


def test_a_file_open_in_excel_holds_back_every_month_it_may_go_with(tmp_path: Path) -> None:
    folder, out = tmp_path / "输入", tmp_path / "报表"
    log = f"{out}/处理记录.xlsx"
    # The roster is open while the month's data is dropped: nothing is scored without it.
    lock = open_in_excel(roster(folder / "花名册.xlsx"))
    month_data(folder / "十月数据.xlsx", "2026-10")
    held = "2026-10 暂不计算：等 花名册.xlsx 在 Excel/WPS 中关闭后再计算"
    code, lines = watch(folder, out)
    assert code == 2
    assert len(lines) == 2 and re.fullmatch(TIME + re.escape(held), lines[0]), lines
    assert lines[1] == f"失败：{held}"
    assert ledger_state(folder, out) == ([], [])  # nothing recorded: the month is taken whole later
    assert revisions(out) == {}
    code, lines = watch(folder, out, lang="en")
    assert (code, lines[-1]) == (
        2,
        "Failed: 2026-10 is not scored yet: it waits for 花名册.xlsx to be closed in Excel/WPS",
    )
    # Closed: the month is scored with it, as revision 1.
    lock.unlink()
    code, lines = watch(folder, out)
    assert code == 0
    assert lines[0].endswith(
        f"2026-10 成功（第 1 版）：十月数据.xlsx、花名册.xlsx → {out}/2026-10/客服绩效_2026-10.xlsx"
    )
    assert revisions(out) == {"2026-10": 1}

    # The roster, known and unchanged, open again: a roster goes with every month, so a new month
    # and a changed one both wait.
    lock = open_in_excel(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10", replied=900)
    month_data(folder / "十一月数据.xlsx", "2026-11")
    code, lines = watch(folder, out)
    assert code == 2
    assert [re.sub(TIME, "", line) for line in lines[:2]] == [
        "2026-10 暂不计算：等 花名册.xlsx 在 Excel/WPS 中关闭后再计算",
        "2026-11 暂不计算：等 花名册.xlsx 在 Excel/WPS 中关闭后再计算",
    ]
    assert (
        lines[2]
        == f"失败：2026-10 暂不计算：等 花名册.xlsx 在 Excel/WPS 中关闭后再计算（另有 1 项，见 {log}）"
    )
    assert revisions(out) == {"2026-10": 1}
    lock.unlink()

    # The roster closed, but the changed October file open: what it holds now is not known, so
    # it holds back every month touched, November too.
    lock = open_in_excel(folder / "十月数据.xlsx")
    code, lines = watch(folder, out)
    assert code == 2
    assert [re.sub(TIME, "", line) for line in lines] == [
        "2026-11 暂不计算：等 十月数据.xlsx 在 Excel/WPS 中关闭后再计算",
        "失败：2026-11 暂不计算：等 十月数据.xlsx 在 Excel/WPS 中关闭后再计算",
    ]
    lock.unlink()
    code, lines = watch(folder, out)
    assert (code, lines[-1]) == (0, f"成功：2026-10、2026-11 已处理，报表在 {out}（见 {log}）")
    assert revisions(out) == {"2026-10": 2, "2026-11": 1}

    # A month's own file, known and unchanged, open: only its month would wait; the other is
    # scored.
    lock = open_in_excel(folder / "十月数据.xlsx")
    month_data(folder / "十一月数据.xlsx", "2026-11", replied=900)
    code, lines = watch(folder, out)
    assert code == 0
    assert [re.sub(TIME, "", line) for line in lines] == [
        f"2026-11 成功（第 2 版）：十一月数据.xlsx、花名册.xlsx → {out}/2026-11/客服绩效_2026-11.xlsx",
        f"成功：2026-11 已处理，报表在 {out}（见 {log}）",
    ]

    # A new file open holds back every month touched; the October file, still open, its own.
    open_in_excel(month_data(folder / "十二月草稿.xlsx", "2026-12"))
    month_data(folder / "十一月数据.xlsx", "2026-11", replied=800)
    code, lines = watch(folder, out)
    assert code == 2
    assert [re.sub(TIME, "", line) for line in lines] == [
        "2026-11 暂不计算：等 十二月草稿.xlsx 在 Excel/WPS 中关闭后再计算",
        "失败：2026-11 暂不计算：等 十二月草稿.xlsx 在 Excel/WPS 中关闭后再计算",
    ]
    assert revisions(out) == {"2026-10": 2, "2026-11": 2}
    (folder / "~$十二月草稿.xlsx").unlink()
    lock.unlink()
    code, lines = watch(folder, out)
    assert (code, lines[-1]) == (0, f"成功：2026-11、2026-12 已处理，报表在 {out}（见 {log}）")
    assert revisions(out) == {"2026-10": 2, "2026-11": 3, "2026-12": 1}


# --- 2. no PDF engine -----------------------------------------------------------------------------


def without_pdf_engines(tmp_path: Path) -> dict[str, str]:
    """The environment of a PC where WeasyPrint cannot load (a stand-in that fails as it fails
    without GTK/Pango comes first on the module path) and no browser is found (an empty PATH)."""
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(f"raise OSError({GTK_REASON!r})\n", encoding="utf-8")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "CSREPORT_BROWSER"}
    return {**env, "PYTHONPATH": str(fake.parent), "PATH": str(empty)}


def watch_with_pdfs(
    env: dict[str, str], folder: Path, out: Path, *extra: str, lang: str = "zh"
) -> tuple[int, list[str]]:
    command = [str(CSREPORT), "watch", str(folder), "--out", str(out), "--once", "--settle", "0.3"]
    done = subprocess.run(
        [*command, "--shop", "测试店", "--lang", lang, *extra],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout.splitlines()


def test_a_month_scored_without_pdfs_is_said_so(tmp_path: Path) -> None:
    env = without_pdf_engines(tmp_path)
    folder, out = tmp_path / "输入", tmp_path / "报表"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    code, lines = watch_with_pdfs(env, folder, out)
    html = "已改为生成 HTML 成绩单，可用浏览器打开后打印"
    assert code == 4  # as ``run``: the workbook is written, the PDFs are not
    assert re.fullmatch(
        TIME
        + re.escape(
            f"2026-10 未生成 PDF：{html}（第 1 版）：十月数据.xlsx、花名册.xlsx → "
            f"{out}/2026-10/客服绩效_2026-10.xlsx"
        ),
        lines[0],
    ), lines
    last = f"失败：2026-10 未生成 PDF（{html}）；运行 csreport doctor 查看原因"
    assert lines[1:] == [last]
    assert sorted(p.name for p in (out / "2026-10" / "scorecards").iterdir())[:3] == [
        "K001_王芳.html",
        "K002_李强.html",
        "K003_张敏.html",
    ]
    assert log_rows(out)[0][2] == f"未生成 PDF：{html}（运行 csreport doctor 查看原因）"
    # Nothing new: the folder still stands without PDFs.
    assert watch_with_pdfs(env, folder, out) == (4, [last])
    # Dropped again as it was: tried again, it comes to the same, and nothing new is said.
    bump(folder / "十月数据.xlsx")
    assert watch_with_pdfs(env, folder, out) == (4, [last])
    assert len(log_rows(out)) == 1

    # In English, with data problems too; the log in English.
    en = tmp_path / "en"
    code, lines = watch_with_pdfs(env, SAMPLES, en, lang="en")
    html_en = "HTML scorecards were written instead, to print from a browser"
    assert code == 4
    assert re.fullmatch(
        TIME
        + re.escape(
            f"2026-10 – Data problems: 3; no PDF made: {html_en} (revision 1): 十月接待.xlsx, 十月考勤.xlsx, "
            f"十月质检.xlsx, 花名册.xlsx → {en}/2026-10/客服绩效_2026-10.xlsx"
        ),
        lines[0],
    ), lines
    assert lines[1:] == [f"Failed: 2026-10: no PDF was made ({html_en}); see csreport doctor for why"]
    assert log_rows(en)[0][2] == f"Data problems: 3; no PDF made: {html_en} (see csreport doctor for why)"

    # WeasyPrint asked for and missing: no scorecards at all, and the reason.
    code, lines = watch_with_pdfs(env, folder, tmp_path / "weasy", "--pdf-engine", "weasyprint")
    assert (code, lines[-1]) == (
        4,
        f"失败：2026-10 未生成 PDF（PDF 引擎无法使用：{GTK_REASON}）；运行 csreport doctor 查看原因",
    )
    assert f"2026-10 未生成 PDF：PDF 引擎无法使用：{GTK_REASON}（第 1 版）：" in lines[0]
    assert not (tmp_path / "weasy" / "2026-10" / "scorecards").exists()


# --- 3. one log per output folder ------------------------------------------------------------------


def log_sheet(out: Path) -> list[list[object]]:
    ws = openpyxl.load_workbook(out / PROCESSING_LOG_NAME).active
    assert ws is not None
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_log_keeps_every_folder_watched_into_the_output_folder(tmp_path: Path) -> None:
    first, second, out = tmp_path / "一店", tmp_path / "二店", tmp_path / "报表"
    roster(first / "花名册.xlsx")
    month_data(first / "十月数据.xlsx", "2026-10")
    assert watch(first, out)[0] == 0
    rows = log_sheet(out)
    assert rows[0][0] == f"处理记录：{first} → {out}"  # one folder: named in the title
    assert rows[2] == ["时间", "月份", "结果", "文件", "版本", "报表"]
    roster(second / "花名册.xlsx")
    month_data(second / "十一月数据.xlsx", "2026-11")
    assert watch(second, out)[0] == 0
    # A month folder of the output watched into it (nothing to read there) keeps the log too.
    assert watch(out / "2026-10", out) == (0, [f"成功：没有新的或改动过的文件（见 {out}/处理记录.xlsx）"])
    rows = log_sheet(out)
    assert rows[0][0] == f"处理记录：{out}（来自 2 个监视的文件夹，见「监视的文件夹」列）"
    assert rows[2] == ["时间", "月份", "结果", "监视的文件夹", "文件", "版本", "报表"]
    assert [r[1:6] for r in rows[3:]] == [
        ["2026-11", "成功", str(second), "十一月数据.xlsx、花名册.xlsx", "第 1 版"],
        ["2026-10", "成功", str(first), "十月数据.xlsx、花名册.xlsx", "第 1 版"],
    ]
    assert watch(first, out, lang="en")[0] == 0
    rows = log_sheet(out)
    assert rows[0][0] == f"Processing log: {out} (from 2 watched folders: see the Watched folder column)"
    assert rows[2] == ["Time", "Month", "Result", "Watched folder", "Files", "Revision", "Reports"]
    assert [r[3] for r in rows[3:]] == [str(second), str(first)]


# --- 4. the log among inputs -------------------------------------------------------------------------


def test_run_and_check_pass_over_the_processing_log(tmp_path: Path) -> None:
    folder, out = tmp_path / "输入", tmp_path / "报表"
    roster(folder / "花名册.xlsx")
    month_data(folder / "十月数据.xlsx", "2026-10")
    assert watch(folder, out)[0] == 0
    shutil.copy(out / PROCESSING_LOG_NAME, folder / PROCESSING_LOG_NAME)
    for lang, note, summary in (
        ("zh", "[提示] 处理记录.xlsx：csreport watch 的处理记录，不是考核数据，已跳过。", "0 个错误"),
        (
            "en",
            "[note] 处理记录.xlsx: The processing log of csreport watch: not data to score, skipped.",
            "0 error",
        ),
    ):
        done = subprocess.run(
            [str(CSREPORT), "check", str(folder), "--lang", lang],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        lines = done.stdout.splitlines()
        assert done.returncode == 0, done.stdout
        assert note in lines
        assert summary in lines[-1] and "处理记录.xlsx ·" not in done.stdout  # no sheet of it looked at
    done = subprocess.run(
        [str(CSREPORT), "run", str(folder), "--out", str(tmp_path / "run"), "--no-pdf", "--shop", "测试店"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # Nor is it a workbook a watcher takes, in the folder watched or in one below it.
    assert watch(folder, out) == (0, [f"成功：没有新的或改动过的文件（见 {out}/处理记录.xlsx）"])
    _, names = ledger_state(folder, out)
    assert names == ["十月数据.xlsx", "花名册.xlsx"]


# --- 5 and 6. the folder's standing; a failure met again ----------------------------------------


def test_the_last_line_tells_the_folder_as_it_stands(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(SAMPLES, folder)
    (folder / "坏.xlsx").write_bytes(b"PK\x03\x04 half a zip")
    corrupt = "工作簿已损坏（压缩结构不完整，可能下载或复制未完成）；请重新下载或从原系统重新导出。"
    log = f"{out}/处理记录.xlsx"
    code, lines = watch(folder, out)
    assert (code, lines[-1]) == (2, f"失败：坏.xlsx：{corrupt}")
    # The pass after: nothing new, and still neither the refused file nor the month's problems
    # are forgotten.
    assert watch(folder, out) == (2, [f"失败：坏.xlsx：{corrupt}"])
    code, lines = watch(folder, out, lang="en")
    assert (code, lines) == (2, [lines[0]]) and lines[0].startswith("Failed: 坏.xlsx: ")
    (folder / "坏.xlsx").unlink()
    assert watch(folder, out) == (1, [f"有数据问题 3 个：2026-10（见 {log}）"])
    assert len(log_rows(out)) == 2  # 2026-10 and 坏.xlsx, once each
    # The month's data set right (here: clean files in place of the samples): 成功.
    for name in ("十月接待.xlsx", "十月考勤.xlsx", "十月质检.xlsx", "花名册.xlsx"):
        (folder / name).unlink()
    roster(folder / "花名册.xlsx", AGENTS)
    month_data(folder / "十月数据.xlsx", "2026-10")
    code, lines = watch(folder, out)
    assert (code, lines[-1]) == (0, f"成功：2026-10 已处理，报表在 {out}（见 {log}）")
    assert watch(folder, out) == (0, [f"成功：没有新的或改动过的文件（见 {log}）"])


# --- 7. one reader's helper, public -----------------------------------------------------------------


def test_the_months_reader_uses_no_private_name_of_another_module() -> None:
    assert dataset.year_hint(None, "2026年十月考勤.xlsx", []) == 2026
    assert dataset.year_hint("2025-10", "2026年十月考勤.xlsx", []) == 2025
    for module in (
        "inputs/months.py",
        "office/watch.py",
        "history/ledger.py",
        "outputs/xlsx/processing_log.py",
    ):
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        private = [
            (node.module, alias.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("csreport")
            for alias in node.names
            if alias.name.startswith("_")
        ]
        assert private == [], module
