"""What the cycle's commands refuse or keep safe: history files that are not ours to make,
imports that would undo a run, interviews and review decisions for no one, a new roster
written over, a swap that fails after the history was written, and the probation count of a
first month."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from csreport.cli.main import main
from csreport.history.store import History
from csreport.outputs.month_folder import MonthFolder
from csreport.problems import CsreportError
from tests.cycle_series import month_inputs, write_rules

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result


def _history_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_an_empty_file_or_a_missing_folder_is_no_history(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    result = cli("run", SAMPLES, "--out", tmp_path / "o", "--no-pdf", "--history", empty)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"错误：{empty} 不是 csreport 的历史记录文件，csreport 不会改动它。请用 --history 指定另一个文件"
        "（或在 csreport.yaml 中写 history: 文件名）。"
    )
    assert empty.read_bytes() == b"" and not (tmp_path / "o").exists()
    nowhere = tmp_path / "nope" / "h.sqlite"
    result = cli("run", SAMPLES, "--out", tmp_path / "o", "--no-pdf", "--history", nowhere, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: The folder {nowhere.parent} of the history file {nowhere} does not exist. Check the "
        "path for a typo; to start a new history there, create the folder first."
    )
    assert not nowhere.parent.exists()
    folder = tmp_path / "dir.sqlite"
    folder.mkdir()
    result = cli("history", "--history", folder)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"错误：{folder} 是一个文件夹，不是历史记录文件。请用 --history 指定一个文件，"
        f"例如 {folder}/csreport-history.sqlite。"
    ]


def test_the_first_month_counts_a_probation_failure(tmp_path: Path) -> None:
    """No history at all: the 试用期 agents still show 不予上岗次数 (0/2, or 1/2 for a failure),
    with no 趋势 sheet, as there is no earlier month."""
    out = tmp_path / "o"
    result = cli("run", SAMPLES, "--out", out, "--no-pdf")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out / "2026-10" / "客服绩效_2026-10.xlsx")
    assert "趋势" not in book.sheetnames
    summary = book["汇总"]
    header = [c.value for c in summary[2]]
    fails = header.index("不予上岗次数")
    counts = {row[0].value: row[fails].value for row in summary.iter_rows(min_row=3, max_row=5)}
    assert counts == {"KF003": "0/2", "KF010": "0/2", "KF011": "0/2"}


def test_an_import_does_not_undo_a_run(tmp_path: Path) -> None:
    """A month csreport scored (and re-scored after a fix) is not replaced by an old output of it;
    its own outputs record nothing again."""
    out = tmp_path / "o"
    assert cli("run", SAMPLES, "--out", out, "--no-pdf").exit_code == 0
    history = out / "csreport-history.sqlite"
    old = tmp_path / "old.json"
    shutil.copy(out / "2026-10" / "客服绩效_2026-10.json", old)
    same = cli("history", "import", old, "--history", history)
    assert same.exit_code == 0
    assert same.stdout.splitlines() == [
        "old.json：2026-10 已有相同的结果（第 1 版），未新增记录。",
        "共 1 个文件：0 个已导入，1 个已有相同结果，0 个未导入。",
    ]
    # The month re-run with other data: an import of its first outputs is refused.
    edited = tmp_path / "in"
    shutil.copytree(SAMPLES, edited)
    book = openpyxl.load_workbook(edited / "十月接待.xlsx")
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("付款订单数") + 1).value = 0
    book.save(edited / "十月接待.xlsx")
    assert cli("run", edited, "--out", out, "--no-pdf").exit_code == 0
    undo = cli("history", "import", old, "--history", history)
    assert undo.exit_code == 1
    assert undo.stderr.splitlines() == [
        "old.json：未导入。old.json：2026-10 已由 csreport run 计算并记录，导入的旧结果不会覆盖它"
        "（如需重算，请重新运行该月）。"
    ]
    assert _history_rows(history, "SELECT revision, origin FROM revisions ORDER BY revision") == [
        (1, "run"),
        (2, "run"),
    ]


def test_interviews_of_no_one_are_said_and_not_stored(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert cli("run", SAMPLES, "--out", out, "--no-pdf").exit_code == 0
    filled = tmp_path / "客服绩效_2026-10.xlsx"
    book = openpyxl.load_workbook(out / "2026-10" / "客服绩效_2026-10.xlsx")
    sheet = book["面谈"]
    header = [c.value for c in sheet[4]]
    judgement = header.index("综合评定") + 1
    sheet.cell(5, judgement).value = sheet.cell(5, header.index("等级") + 1).value
    sheet.cell(6, 1).value = "KF999"
    sheet.cell(6, judgement).value = "A"
    book.save(filled)
    result = cli("interviews", "import", filled, "--out", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "[错误] 客服绩效_2026-10.xlsx，工作表「面谈」，第 6 行，A 列（工号）："
        "工号 KF999 不在 2026-10 的考核结果中：此行未读入。请核对工号。"
    ]
    history = out / "csreport-history.sqlite"
    grade = sheet.cell(5, header.index("等级") + 1).value
    assert _history_rows(history, "SELECT agent_id, judgement FROM interviews") == [
        (sheet.cell(5, 1).value, grade)
    ]
    # A second import leaving the judgement blank keeps the one stored.
    sheet.cell(5, judgement).value = None
    sheet.cell(5, header.index("改进计划") + 1).value = "每周复盘"
    sheet.cell(6, 1).value = None
    sheet.cell(6, judgement).value = None
    book.save(filled)
    assert cli("interviews", "import", filled, "--out", out).exit_code == 0
    assert _history_rows(history, "SELECT judgement, plan FROM interviews") == [(grade, "每周复盘")]


def test_a_swap_that_fails_records_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history commits only once the reports are swapped in: a swap refused by the system
    (provoked here: a file held open in Excel on Windows) leaves both as they were."""
    out = tmp_path / "o"
    assert cli("run", SAMPLES, "--out", out, "--no-pdf").exit_code == 0
    history = out / "csreport-history.sqlite"
    edited = tmp_path / "in"
    shutil.copytree(SAMPLES, edited)
    book = openpyxl.load_workbook(edited / "十月质检.xlsx")
    book.worksheets[0].cell(2, 1).value = book.worksheets[0].cell(3, 1).value
    book.save(edited / "十月质检.xlsx")

    def refused(self: MonthFolder) -> None:
        raise CsreportError("output.in_use", path=str(self.final), reason="locked")

    monkeypatch.setattr(MonthFolder, "commit", refused)
    result = cli("run", edited, "--out", out, "--no-pdf")
    assert result.exit_code == 2
    assert _history_rows(history, "SELECT revision FROM revisions") == [(1,)]
    monkeypatch.undo()
    again = cli("run", edited, "--out", out, "--no-pdf")
    assert again.exit_code == 0, again.stderr
    assert "历史记录：2026-10 记录为第 2 版（保留第 1 版）。" in again.stdout.splitlines()


def _review(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A history of two months of the series and its review workbook, filled with one decision."""
    rules = write_rules(tmp_path)
    out = tmp_path / "o"
    for month in ("2026-04", "2026-05"):
        inputs = month_inputs(tmp_path / "in", month)
        assert cli("run", inputs, "--rules", rules, "--out", out, "--no-pdf").exit_code == 0
    assert cli("review", "--from", "2026-04", "--to", "2026-05", "--out", out, "--no-pdf").exit_code == 0
    workbook = out / "评审_2026-04_2026-05" / "晋级评审_2026-04_2026-05.xlsx"
    book = openpyxl.load_workbook(workbook)
    sheet = book.worksheets[0]
    row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "工号")
    header = [c.value for c in sheet[row]]
    final = header.index("最终级别") + 1
    current = sheet.cell(row + 1, header.index("当前级别") + 1).value
    sheet.cell(row + 1, final).value = "部门经理" if current != "部门经理" else "组长"
    filled = tmp_path / "晋级评审_2026-04_2026-05.xlsx"
    book.save(filled)
    return out / "csreport-history.sqlite", filled, out


def test_a_review_applied_twice_records_once_and_keeps_the_first_roster(tmp_path: Path) -> None:
    history, filled, _ = _review(tmp_path)
    first = cli("review", "--apply", filled, "--history", history)
    assert first.exit_code == 0, first.stderr
    roster = tmp_path / "花名册_2026-06.xlsx"
    assert roster.is_file()
    before = roster.read_bytes()
    second = cli("review", "--apply", filled, "--history", history)
    assert second.exit_code == 0, second.stderr
    assert "这些级别变化此前已记录，未重复记录。" in second.stdout.splitlines()
    assert roster.read_bytes() == before
    assert (tmp_path / "花名册_2026-06 (2).xlsx").is_file()
    assert len(_history_rows(history, "SELECT * FROM level_changes")) == 1


def test_a_review_of_no_one_or_of_no_period_records_nothing(tmp_path: Path) -> None:
    history, filled, _ = _review(tmp_path)
    book = openpyxl.load_workbook(filled)
    sheet = book.worksheets[0]
    row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "工号")
    sheet.cell(row + 1, 1).value = "KF999"
    typo = tmp_path / "typo" / filled.name
    typo.parent.mkdir()
    book.save(typo)
    result = cli("review", "--apply", typo, "--history", history)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(
        "工号 KF999 不在 2026-04 至 2026-05 的考核结果中：此行的最终级别未读入。请核对工号。"
    )
    assert _history_rows(history, "SELECT * FROM level_changes") == []
    book = openpyxl.load_workbook(filled)
    book.worksheets[0].cell(1, 1).value = "评审"
    untitled = tmp_path / "untitled.xlsx"
    book.save(untitled)
    result = cli("review", "--apply", untitled, "--history", history)
    assert result.exit_code == 1
    assert "标题中找不到评审期间（如 2026-05 – 2026-10）" in result.stderr
    assert _history_rows(history, "SELECT * FROM level_changes") == []
    with History.open(history, create=False) as store:
        assert store.level_changes() == []


def test_review_takes_a_folder_of_rules_versions(tmp_path: Path) -> None:
    rules = write_rules(tmp_path)
    out = tmp_path / "o"
    inputs = month_inputs(tmp_path / "in", "2026-04")
    assert cli("run", inputs, "--rules", rules, "--out", out, "--no-pdf").exit_code == 0
    result = cli("review", "--from", "2026-04", "--to", "2026-04", "--out", out, "--no-pdf", "--rules", rules)
    assert result.exit_code == 0, result.stderr
    assert (out / "评审_2026-04_2026-04" / "晋级评审_2026-04_2026-04.xlsx").is_file()
