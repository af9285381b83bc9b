"""A note about the whole draw (not one agent) reaches the console and the 抽样说明 sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from csreport.cli.main import main
from csreport.util.report_names import TASK_NOTES_SHEET

NO_COLUMN_ZH = "会话清单没有消息数列，无法按最少消息数筛选，所有会话都可抽。"
NO_COLUMN_EN = (
    "The chat list has no message count column, so the minimum message count could not be applied: "
    "every chat may be sampled."
)


def _chat_list(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["会话编号", "工号", "日期", "满意度"])
    for i in range(12):
        sheet.append([f"C{i:03d}", "KF001", f"2026-10-{i + 1:02d}", "满意"])
    book.save(path)
    return path


def test_a_list_without_message_counts_says_every_chat_may_be_sampled(tmp_path: Path) -> None:
    chats = _chat_list(tmp_path / "会话清单.xlsx")
    for lang, text in (("zh", NO_COLUMN_ZH), ("en", NO_COLUMN_EN)):
        out = tmp_path / lang
        result = CliRunner().invoke(main, ["sample", str(chats), "--out", str(out), "--lang", lang])
        assert result.exit_code == 0, result.output
        assert text in result.stdout.splitlines()
        notes = openpyxl.load_workbook(out / "2026-10" / "质检任务单_2026-10.xlsx")[TASK_NOTES_SHEET]
        assert text in [c.value for row in notes.iter_rows() for c in row]
