"""Reading the calibration sheet: every row that cannot be used is one located line (file, sheet,
Excel row, column letter, header), exact in Chinese and English; the refusals are one line and
exit 2."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from csreport.cli.main import main
from csreport.domain import ATTITUDE_ITEMS
from csreport.inputs.calibration_sheet import read_calibration_sheet
from tests.test_calibration_numbers import write_sheet

ITEMS = [name for name, _ in ATTITUDE_ITEMS]
HEADER = ["会话编号", "工号", "评分人", *ITEMS, "态度得分", "差错类型"]  # A B C, items D-M, N, O
BASE = [8, 15, 4, 4, 8, 8, 8, 7, 7, 7]  # 76


def row(
    chat: Any, reviewer: Any, items: list[Any] | None = None, total: Any = None, error: Any = None
) -> list[Any]:
    return [chat, "KF001", reviewer, *(items if items is not None else [None] * 10), total, error]


def with_item(k: int, value: Any) -> list[Any]:
    items: list[Any] = list(BASE)
    items[k] = value
    return items


def faulty_sheet(path: Path) -> Path:
    rows = [
        row("C1", "甲", BASE, 76),  # 2: kept
        row("C1", "乙", with_item(1, 25)),  # 3: 聊天话术运用适当 above 20
        row("C1", "丙", with_item(2, -1)),  # 4: 积极主动 negative
        row("C1", None, BASE),  # 5: no reviewer
        row(None, "甲", BASE),  # 6: no chat
        row("C2", "甲", BASE, 80, "答非所问"),  # 7: 态度得分 80 but items 76: warning, kept
        row("C2", "乙", BASE),  # 8: kept
        row("C2", "乙", BASE),  # 9: the same again: kept once
        row("C3", "甲", BASE),  # 10: conflicts with 11
        row("C3", "甲", with_item(0, 9)),  # 11
        row("C3", "乙", with_item(5, "abc")),  # 12: not a number
        row("C4", "甲"),  # 13: nothing scored
        row("C4", "乙", [8, 15, 4, None, None, None, None, None, None, None]),  # 14: items only in part
    ]
    return write_sheet(path, HEADER, rows)


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, ["calibrate", *(str(a) for a in args)])
    assert "Traceback" not in result.output + result.stderr
    return result


def test_each_faulty_row_is_one_located_line(tmp_path: Path) -> None:
    src = faulty_sheet(tmp_path / "校准.xlsx")
    result = cli(src, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 1
    where = "校准.xlsx，工作表「校准」"
    assert result.stderr.splitlines() == [
        f"[错误] {where}，第 3 行，E 列（聊天话术运用适当）：「25」超过满分 20 分，此行已排除。",
        f"[错误] {where}，第 4 行，F 列（积极主动）：「-1」是负数，分数不能小于 0，此行已排除。",
        f"[错误] {where}，第 5 行，C 列（评分人）：评分人为空，此行已排除。",
        f"[错误] {where}，第 6 行，A 列（会话编号）：会话编号为空，此行已排除。",
        f"[警告] {where}，第 7 行，N 列（态度得分）：态度得分 80 与十项之和 76 不符，按十项之和计算。",
        f"[警告] {where}，第 9 行，A 列（会话编号）："
        "评分人「乙」已在第 8 行评过会话「C2」，分数相同，此行不重复计入。",
        f"[错误] {where}，第 10 行，A 列（会话编号）：评分人「甲」对会话「C3」评了不止一次（另见第 11 行），"
        "分数不同，这些行都已排除。",
        f"[错误] {where}，第 11 行，A 列（会话编号）：评分人「甲」对会话「C3」评了不止一次（另见第 10 行），"
        "分数不同，这些行都已排除。",
        f"[错误] {where}，第 12 行，I 列（正确性）：「abc」不是数字，此行已排除。",
        f"[错误] {where}，第 13 行：此行既没有十项评分也没有态度得分，已排除。",
        f"[警告] {where}，第 14 行：只填了 3/10 项且没有态度得分：此行只计入单项统计，不计入总分。",
    ]
    lines = result.stdout.splitlines()
    assert lines[0] == "已读取 校准.xlsx（工作表「校准」）：4 行评分，2 位评分人，3 个会话。"
    assert "8 行有错误，已排除（见上方各行说明）。" in lines


def test_the_same_lines_in_english(tmp_path: Path) -> None:
    src = faulty_sheet(tmp_path / "校准.xlsx")
    result = cli(src, "--out", tmp_path / "out", "--no-pdf", "--lang", "en")
    assert result.exit_code == 1
    where = "校准.xlsx sheet '校准'"
    got = result.stderr.splitlines()
    assert (
        got[0]
        == f"[error] {where} row 3 column E (聊天话术运用适当): '25' is above the maximum of 20 points; "
        "row left out."
    )
    assert got[1] == (
        f"[error] {where} row 4 column F (积极主动): '-1' is negative, and a score cannot be below 0; "
        "row left out."
    )
    assert got[2] == f"[error] {where} row 5 column C (评分人): The reviewer (评分人) is blank; row left out."
    assert got[4] == (
        f"[warning] {where} row 7 column N (态度得分): The attitude score (态度得分) 80 differs from "
        "the sum of the ten items, 76; the items' sum is used."
    )
    assert got[5] == (
        f"[warning] {where} row 9 column A (会话编号): Reviewer '乙' already scored chat 'C2' on row 8 "
        "with the same scores; this row is not counted again."
    )
    assert got[6] == (
        f"[error] {where} row 10 column A (会话编号): Reviewer '甲' scored chat 'C3' more than once "
        "(see also row 11) with different scores; all these rows are left out."
    )
    assert got[10] == (
        f"[warning] {where} row 14: Only 3 of 10 items are filled and there is no attitude score (态度得分): "
        "this row counts in the per-item figures only, not in totals."
    )
    assert "8 rows had errors and were left out (see the lines above)." in result.stdout.splitlines()


def test_what_is_kept(tmp_path: Path) -> None:
    """The items win over a different 态度得分; a row of some items and no 态度得分 has no total."""
    sheet = read_calibration_sheet(faulty_sheet(tmp_path / "校准.xlsx"))
    assert sheet.left_out == 8
    kept = {(r.chat_id, r.reviewer): r for r in sheet.ratings}
    assert list(kept) == [("C1", "甲"), ("C2", "甲"), ("C2", "乙"), ("C4", "乙")]
    assert (kept["C2", "甲"].typed_total, kept["C2", "甲"].total, kept["C2", "甲"].error_type) == (
        80.0,
        76.0,
        "答非所问",
    )
    assert (kept["C4", "乙"].items[:4], kept["C4", "乙"].total) == ((8.0, 15.0, 4.0, None), None)
    assert kept["C1", "甲"].agent_id == "KF001"
    assert kept["C1", "甲"].row == 2


def test_a_header_under_a_title_and_a_csv(tmp_path: Path) -> None:
    """The header is found under a title; a CSV is read like a workbook; totals alone will do."""
    path = tmp_path / "校准.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["10 月校准"])
        w.writerow(["评分人", "会话编号", "态度得分"])
        w.writerows([["甲", "C1", "80"], ["乙", "C1", "75"], ["甲", "C2", "60"], ["乙", "C2", "58.5"]])
    sheet = read_calibration_sheet(path)
    assert [(r.chat_id, r.reviewer, r.total, r.row) for r in sheet.ratings] == [
        ("C1", "甲", 80.0, 3),
        ("C1", "乙", 75.0, 4),
        ("C2", "甲", 60.0, 5),
        ("C2", "乙", 58.5, 6),
    ]
    assert (sheet.has_items, sheet.has_total, sheet.problems) == (False, True, ())
    result = cli(path, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 0, result.stderr
    assert "- 表中只有态度得分，没有十项评分：不计算单项一致性" in result.stdout.splitlines()


def test_only_the_first_calibration_sheet_is_read(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "两轮.xlsx"
    book = xlsxwriter.Workbook(str(path))
    notes = book.add_worksheet("说明")
    notes.write_string(0, 0, "第 1、2 轮校准")
    for name, first in (("第1轮", 80), ("第2轮", 70)):
        ws = book.add_worksheet(name)
        for c, text in enumerate(["会话编号", "评分人", "态度得分"]):
            ws.write_string(0, c, text)
        for r, (chat, who, score) in enumerate(
            [("C1", "甲", first), ("C1", "乙", 75), ("C2", "甲", 60), ("C2", "乙", 62)], 1
        ):
            ws.write_string(r, 0, chat)
            ws.write_string(r, 1, who)
            ws.write_number(r, 2, score)
    book.close()
    sheet = read_calibration_sheet(path)
    assert sheet.sheet == "第1轮"
    assert [p.render("zh") for p in sheet.problems] == [
        "[提示] 两轮.xlsx，工作表「第1轮」：只读取了这一张工作表；"
        "第2轮 也像校准表，未读取（每一轮校准请用单独的文件）。"
    ]
    assert sheet.problems[0].render("en") == (
        "[note] 两轮.xlsx sheet '第1轮': Only this sheet was read; 第2轮 also look like calibration "
        "sheets and were not read (one file per calibration round)."
    )
    assert sheet.ratings[0].total == 80.0


# --- refusals: one line, exit 2, nothing written -------------------------------------------------


def refused(tmp_path: Path, src: Path, *extra: str) -> tuple[str, str]:
    out = tmp_path / "out"
    zh = cli(src, "--out", out, "--no-pdf", *extra)
    en = cli(src, "--out", out, "--no-pdf", "--lang", "en", *extra)
    assert (zh.exit_code, en.exit_code) == (2, 2)
    assert zh.stdout == en.stdout == ""
    assert not out.exists() or not any(out.iterdir())
    return zh.stderr.rstrip("\n"), en.stderr.rstrip("\n")


def test_one_reviewer_is_refused(tmp_path: Path) -> None:
    src = write_sheet(
        tmp_path / "一人.xlsx", ["会话编号", "评分人", "态度得分"], [["C1", "甲", 80], ["C2", "甲", 70]]
    )
    assert refused(tmp_path, src) == (
        "错误：一人.xlsx：只有 1 位评分人（甲），校准至少需要 2 位。",
        "Error: 一人.xlsx: only one reviewer (甲); calibration needs at least 2.",
    )


def test_no_chat_scored_twice_is_refused(tmp_path: Path) -> None:
    src = write_sheet(
        tmp_path / "各评各.xlsx", ["会话编号", "评分人", "态度得分"], [["C1", "甲", 80], ["C2", "乙", 70]]
    )
    assert refused(tmp_path, src) == (
        "错误：各评各.xlsx：没有一个会话有两位以上评分人评过，无法比较评分人。",
        "Error: 各评各.xlsx: no chat was scored by two or more reviewers, so the reviewers cannot be "
        "compared.",
    )


def test_a_sheet_without_reviewers_is_refused(tmp_path: Path) -> None:
    src = write_sheet(
        tmp_path / "质检.xlsx", ["工号", "会话编号", "态度得分"], [["KF1", "C1", 80]], name="质检"
    )
    assert refused(tmp_path, src) == (
        "错误：质检.xlsx 的工作表「质检」缺少 评分人："
        "校准表需要 会话编号、评分人 两列，以及十项评分或态度得分。",
        "Error: Sheet '质检' of 质检.xlsx lacks a reviewer column (评分人): a calibration sheet has the "
        "columns chat ID "
        "(会话编号) and reviewer (评分人), and the ten item scores or the attitude score (态度得分).",
    )


def test_a_file_with_no_calibration_sheet_is_refused(tmp_path: Path) -> None:
    src = write_sheet(tmp_path / "考勤.xlsx", ["姓名", "备注"], [["张三", "无"]])
    assert refused(tmp_path, src) == (
        "错误：考勤.xlsx 中没有校准表：校准表需要 会话编号、评分人 两列，以及十项评分或态度得分。",
        "Error: 考勤.xlsx has no calibration sheet: a calibration sheet has the columns chat ID (会话编号) "
        "and reviewer (评分人), and the ten item scores or the attitude score (态度得分).",
    )


def test_an_unknown_or_ambiguous_standard_is_refused(tmp_path: Path) -> None:
    header = ["会话编号", "评分人", "态度得分"]
    src = write_sheet(tmp_path / "s.xlsx", header, [["C1", "甲", 80], ["C1", "乙", 70]])
    assert refused(tmp_path, src, "--standard", "王五") == (
        "错误：评分人中没有「王五」（表中的评分人：甲、乙）。",
        "Error: No reviewer is called '王五' (the sheet's reviewers: 甲, 乙).",
    )
    two = write_sheet(tmp_path / "t.xlsx", header, [["C1", "标准", 80], ["C1", "专家", 70], ["C1", "甲", 75]])
    assert refused(tmp_path, two) == (
        "错误：表中有不止一位标准评分人（标准、专家），请用 --standard 指定一位。",
        "Error: The sheet has more than one standard (标准) reviewer (标准, 专家); name one with --standard.",
    )
    # Named, either one is the standard.
    ok = cli(two, "--out", tmp_path / "ok", "--no-pdf", "--standard", "专家")
    assert ok.exit_code == 0, ok.stderr
    assert "（含标准「专家」）" in ok.stdout.splitlines()[1]


def test_a_refusal_after_rows_were_set_aside_says_which(tmp_path: Path) -> None:
    """When the rows left out are why too few reviewers remain, their lines come before the refusal."""
    src = write_sheet(
        tmp_path / "少.xlsx",
        ["会话编号", "评分人", "态度得分"],
        [["C1", "甲", 80], ["C1", "乙", 170], ["C2", "甲", 70]],
    )
    result = cli(src, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "[错误] 少.xlsx，工作表「校准」，第 3 行，C 列（态度得分）：「170」超过满分 100 分，此行已排除。",
        "错误：少.xlsx：只有 1 位评分人（甲），校准至少需要 2 位。",
    ]
