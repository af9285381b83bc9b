"""What the calibration report says, exactly, in Chinese and English: the comparison with the
other reviewers' mean without a doubled word, singular and plural counts, counts in the house
number format, figures rounded half up as shown and graded, and the refusals naming what is
wrong (a chat list, a folder, a chat ID Excel shortened)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from csreport.cli.main import main
from csreport.inputs.calibration_sheet import read_calibration_sheet
from csreport.outputs.pdf.calibration import percent, signed, stat
from csreport.qa.calibrate import run_calibrate
from csreport.scoring.calibration import half_up, points_text, score_text, share_text, stat_text
from tests.test_calibration_numbers import ITEMS, write_sheet
from tests.test_calibration_pdf import render, squash

DAY = dt.date(2026, 10, 31)
TOTALS = ["会话编号", "评分人", "态度得分"]


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, ["calibrate", *(str(a) for a in args)])
    assert "Traceback" not in result.output + result.stderr
    return result


def totals_sheet(path: Path, scores: dict[str, list[float | None]], chats: list[str] | None = None) -> Path:
    """Reviewers' totals by chat (None: not scored), one row per chat and reviewer."""
    n = len(next(iter(scores.values())))
    chats = chats or [f"C{i + 1}" for i in range(n)]
    rows: list[list[Any]] = [
        [chat, who, values[i]]
        for i, chat in enumerate(chats)
        for who, values in scores.items()
        if values[i] is not None
    ]
    return write_sheet(path, TOTALS, rows)


# --- no 标准: compared with the others' mean, said once --------------------------------------------

# 甲 is 1.5 below the mean of 乙 and 丙 on every chat, 乙 1.5 above, 丙 level with the others.
NO_STANDARD: dict[str, list[float | None]] = {
    "甲": [80, 70, 60, 90],
    "乙": [82, 72, 62, 92],
    "丙": [81, 71, 61, 91],
}


def test_without_a_standard_the_lines_say_mean_once(tmp_path: Path) -> None:
    src = totals_sheet(tmp_path / "三人.xlsx", NO_STANDARD)
    zh = cli(src, "--out", tmp_path / "zh")
    assert zh.exit_code == 0, zh.stderr
    lines = zh.stdout.splitlines()
    expected_zh = [
        "[好] 「甲」的总分平均比其他评分人的均值低 1.5 分（4 个会话）：好",
        "[好] 「甲」的总分在其他评分人的均值 ±5 分以内的会话占 100%（4/4），±10 分以内占 100%：好",
        "[好] 「乙」的总分平均比其他评分人的均值高 1.5 分（4 个会话）：好",
        "[好] 「丙」的总分平均与其他评分人的均值持平（4 个会话）：好",
    ]
    for line in expected_zh:
        assert line in lines
    assert lines[1].endswith("没有标准评分人：每人与其他评分人的均值比较。")
    assert "平均平均" not in zh.stdout
    en = cli(src, "--out", tmp_path / "en", "--lang", "en")
    assert en.exit_code == 0, en.stderr
    lines_en = en.stdout.splitlines()
    expected_en = [
        "[good] '甲': totals on average 1.5 points below the other reviewers' mean (4 chats): good",
        "[good] '甲': 100% of totals within ±5 points of the other reviewers' mean (4/4), 100% within "
        "±10: good",
        "[good] '乙': totals on average 1.5 points above the other reviewers' mean (4 chats): good",
        "[good] '丙': totals on average level with the other reviewers' mean (4 chats): good",
    ]
    for line in expected_en:
        assert line in lines_en
    # The same lines in the workbook's 结论 and on the PDF's summary.
    for out, expected in ((tmp_path / "zh", expected_zh), (tmp_path / "en", expected_en)):
        book = openpyxl.load_workbook(next(out.glob("*.xlsx")))
        readings = [r[0] for r in book.worksheets[0].iter_rows(values_only=True)]
        for line in expected:
            assert line.split("] ", 1)[1] in readings
        assert not any("平均平均" in str(cell) for cell in readings)
    from pypdf import PdfReader

    for out, expected in ((tmp_path / "zh", expected_zh), (tmp_path / "en", expected_en)):
        text = squash(" ".join(p.extract_text() for p in PdfReader(next(out.glob("*.pdf"))).pages))
        for line in expected:
            sentence = line.split("] ", 1)[1]
            assert squash(sentence) in text, sentence
        assert "平均平均" not in text


# --- half up, as shown and as graded --------------------------------------------------------------


def test_half_up_as_the_rest_of_csreport() -> None:
    assert [half_up(v, 1) for v in (8.25, -1.25, 0.05, -0.05, 8.249, 8.35)] == [
        8.3, -1.3, 0.1, -0.1, 8.2, 8.4,
    ]  # fmt: skip
    assert half_up(0.8125, 3) == 0.813 and half_up(-0.0004, 3) == 0.0
    # A computed mean's float noise is not a figure: 王五's (3 + (83.1 − 80)) / 2 is 3.05, shown 3.1.
    noisy = (3 + (83.1 - 80)) / 2
    assert noisy < 3.05 and half_up(noisy, 1) == 3.1
    assert [points_text(v) for v in (8.25, -1.25, 0.04)] == ["8.3", "1.3", "0.0"]
    assert [stat_text(v) for v in (0.8125, -0.1235, -0.0004, None)] == ["0.813", "-0.124", "0.000", "–"]
    assert [share_text(v) for v in (0.66666, 0.7965, 0.12345, 1.0)] == ["66.7%", "79.7%", "12.3%", "100%"]
    assert [score_text(v) for v in (9.0, 9.5, 7.25, 7.125, 0.0)] == ["9", "9.5", "7.25", "7.13", "0"]
    # The PDF's own formats round the same way.
    assert [signed(v) for v in (8.25, -1.25, 0.05)] == ["+8.3", "-1.3", "+0.1"]
    assert [stat(0.8125), percent(0.7965), percent(0.66666)] == ["0.813", "79.7%", "66.7%"]


def test_differences_are_shown_and_graded_half_up(tmp_path: Path) -> None:
    """张三 +8 and +8.5 (mean 8.25, shown 8.3); 李四 −1.25 twice (shown 1.3 below); 王五 +3 and
    +3.1 (mean 3.05, shown 3.1 and so 可接受, not 好 as 3.0 would be)."""
    scores: dict[str, list[float | None]] = {
        "标准": [70, 80],
        "张三": [78, 88.5],
        "李四": [68.75, 78.75],
        "王五": [73, 83.1],
    }
    src = totals_sheet(tmp_path / "s.xlsx", scores)
    lines = cli(src, "--out", tmp_path / "zh", "--no-pdf").stdout.splitlines()
    assert "[需要再培训] 「张三」的总分平均比标准高 8.3 分（2 个会话）：需要再培训" in lines
    assert "[好] 「李四」的总分平均比标准低 1.3 分（2 个会话）：好" in lines
    assert "[可接受] 「王五」的总分平均比标准高 3.1 分（2 个会话）：可接受" in lines
    en = cli(src, "--out", tmp_path / "en", "--no-pdf", "--lang", "en").stdout.splitlines()
    assert "[acceptable] '王五': totals on average 3.1 points above the standard (2 chats): acceptable" in en
    report = run_calibrate(src, tmp_path / "run", pdf=False, today=DAY).report
    wang = next(r for r in report.reviewer_rows if r.reviewer == "王五")
    assert (wang.difference_grade, signed(wang.difference)) == ("acceptable", "+3.1")


# --- singular and plural ------------------------------------------------------------------------


def test_one_of_a_kind_in_english(tmp_path: Path) -> None:
    """One chat, one row left out, one item filled, one chat lacking a score: no "1 chats"."""
    header = ["会话编号", "评分人", *ITEMS, "态度得分"]
    blank: list[Any] = [None] * 10
    one_item: list[Any] = [8, *[None] * 9]
    rows = [
        ["C1", "甲", *blank, 80],
        ["C1", "乙", *blank, 75],
        ["C1", "丙", *blank, 170],  # 3 is left out
        ["C1", "丁", *one_item, None],  # 4: one item, no total
    ]
    src = write_sheet(tmp_path / "一.xlsx", header, rows)
    result = cli(src, "--out", tmp_path / "out", "--no-pdf", "--lang", "en")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0] == "Read 一.xlsx (sheet '校准'): 3 scored rows, 3 reviewers, 1 chat."
    assert out[1] == (
        "- 3 reviewers scored 1 chat: 1 by two or more, 0 by every reviewer. There is no standard (标准) "
        "reviewer: each is compared with the others' mean."
    )
    assert "1 row had errors and was left out (see the lines above)." in out
    assert result.stderr.splitlines()[-1] == (
        "[warning] 一.xlsx sheet '校准' row 5: Only 1 of 10 items is filled and there is no attitude "
        "score (态度得分): this row counts in the per-item figures only, not in totals."
    )
    zh = cli(src, "--out", tmp_path / "zh", "--no-pdf")
    assert zh.stdout.splitlines()[0] == "已读取 一.xlsx（工作表「校准」）：3 行评分，3 位评分人，1 个会话。"
    assert "1 行有错误，已排除（见上方各行说明）。" in zh.stdout.splitlines()


def test_a_chat_one_reviewer_missed(tmp_path: Path) -> None:
    src = totals_sheet(tmp_path / "缺.xlsx", {"甲": [80, 70, 60], "乙": [82, 72, 62], "丙": [81, None, 61]})
    report = run_calibrate(src, tmp_path / "out", pdf=False, today=DAY).report
    assert report.icc.why_not is not None
    assert report.icc.why_not.text("en") == (
        "ICC needs every reviewer's score of every chat, and 1 chat lacks one ('丙' did not score 'C2')"
    )
    assert report.icc.why_not.text("zh") == (
        "ICC 需要每位评分人都评了每个会话，有 1 个会话缺少评分（「丙」没有评「C2」）"
    )


def test_a_reviewer_scoring_a_chat_three_times(tmp_path: Path) -> None:
    src = write_sheet(
        tmp_path / "三次.xlsx",
        TOTALS,
        [["C1", "甲", 80], ["C1", "甲", 81], ["C1", "甲", 82], ["C1", "乙", 80]],
    )
    sheet = read_calibration_sheet(src)
    assert sheet.problems[0].render("en") == (
        "[error] 三次.xlsx sheet '校准' row 2 column A (会话编号): Reviewer '甲' scored chat 'C1' more than "
        "once (see also rows 3, 4) with different scores; all these rows are left out."
    )
    assert sheet.problems[0].render("zh") == (
        "[错误] 三次.xlsx，工作表「校准」，第 2 行，A 列（会话编号）：评分人「甲」对会话「C1」评了不止一次"
        "（另见第 3, 4 行），分数不同，这些行都已排除。"
    )


def test_no_usable_row_is_refused_in_words(tmp_path: Path) -> None:
    src = write_sheet(tmp_path / "空.xlsx", TOTALS, [["C1", "甲", 170], ["C1", "乙", 180]])
    zh = cli(src, "--out", tmp_path / "out", "--no-pdf")
    en = cli(src, "--out", tmp_path / "out", "--no-pdf", "--lang", "en")
    assert (zh.exit_code, en.exit_code) == (2, 2)
    assert zh.stderr.splitlines()[-1] == "错误：空.xlsx：没有一行评分可用，校准至少需要 2 位评分人。"
    assert en.stderr.splitlines()[-1] == (
        "Error: 空.xlsx: no scored row can be used; calibration needs at least 2 reviewers."
    )


# --- counts in the house number format ------------------------------------------------------------


def test_counts_are_written_with_thousands_separated(tmp_path: Path) -> None:
    """2 reviewers × 1,000 chats, and 1,000 rows over the maximum left out."""
    rows: list[list[Any]] = []
    for i in range(1000):
        rows += [[f"C{i:04d}", "甲", 60 + i % 40], [f"C{i:04d}", "乙", 61 + i % 40]]
    rows += [[f"X{i:04d}", "丙", 170] for i in range(1000)]
    src = write_sheet(tmp_path / "大.xlsx", TOTALS, rows)
    result = cli(src, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0] == "已读取 大.xlsx（工作表「校准」）：2,000 行评分，2 位评分人，1,000 个会话。"
    assert out[1].startswith(
        "- 2 位评分人评了 1,000 个会话：1,000 个有两位以上评分人，1,000 个每位评分人都评了。"
    )
    assert any(line.endswith("（1,000 个会话）") and "Krippendorff" in line for line in out)
    assert "1,000 行有错误，已排除（见上方各行说明）。" in out
    book = openpyxl.load_workbook(next((tmp_path / "out").glob("*.xlsx")))
    notes = [r[0] for r in book["一致性"].iter_rows(values_only=True, max_row=2)]
    assert notes[1] == "1,000 个会话，1,000 个有两位以上评分人，1,000 个每位评分人都评了。"
    en = cli(src, "--out", tmp_path / "en", "--no-pdf", "--lang", "en").stdout.splitlines()
    assert en[0] == "Read 大.xlsx (sheet '校准'): 2,000 scored rows, 2 reviewers, 1,000 chats."
    assert "1,000 rows had errors and were left out (see the lines above)." in en


# --- refusals that say what is wrong --------------------------------------------------------------


def test_a_chat_list_is_told_what_a_calibration_sheet_needs(tmp_path: Path) -> None:
    src = write_sheet(
        tmp_path / "会话清单.xlsx",
        ["会话编号", "工号", "满意度", "会话时间"],
        [["C1", "KF1", "满意", "2026-10-01 10:00"]],
        name="会话",
    )
    zh = cli(src, "--out", tmp_path / "out")
    en = cli(src, "--out", tmp_path / "out", "--lang", "en")
    assert (zh.exit_code, en.exit_code) == (2, 2)
    assert zh.stderr == (
        "错误：会话清单.xlsx 的工作表「会话」缺少 评分人，以及十项评分或态度得分："
        "校准表需要 会话编号、评分人 两列，以及十项评分或态度得分。\n"
    )
    assert en.stderr == (
        "Error: Sheet '会话' of 会话清单.xlsx lacks a reviewer column (评分人), and the ten item scores "
        "or an attitude score (态度得分): a calibration sheet has the columns chat ID (会话编号) and "
        "reviewer (评分人), and the ten item scores or the attitude score (态度得分).\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_folder_given_as_the_sheet_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "校准表"
    folder.mkdir()
    zh = cli(folder, "--out", tmp_path / "out")
    en = cli(folder, "--out", tmp_path / "out", "--lang", "en")
    assert (zh.exit_code, en.exit_code) == (2, 2)
    assert (
        zh.stderr == f"错误：{folder} 是一个文件夹，不是文件：请给出一个校准表文件（.xlsx、.xls 或 .csv）。\n"
    )
    assert en.stderr == (
        f"Error: {folder} is a folder, not a file: give one calibration sheet file (.xlsx, .xls or .csv).\n"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chat_ids_are_read_as_every_reader_compares_them(tmp_path: Path, lang: str) -> None:
    """A 会话编号 typed as a number is its digits; one Excel turned into scientific notation names
    no chat: its row is left out with a located line."""
    rows = [[1234567890123, "甲", 80], ["1234567890123", "乙", 75], ["1.23457E+12", "丙", 70]]
    src = write_sheet(tmp_path / "编号.xlsx", TOTALS, rows)
    sheet = read_calibration_sheet(src)
    assert [(r.chat_id, r.reviewer) for r in sheet.ratings] == [
        ("1234567890123", "甲"),
        ("1234567890123", "乙"),
    ]
    expected = {
        "zh": "[错误] 编号.xlsx，工作表「校准」，第 4 行，A 列（会话编号）：会话编号「1.23457E+12」"
        "的后几位已被 Excel 丢掉（科学计数法，或超过 15 位的数字），对应不到会话，此行已排除。"
        "请把会话编号列设为文本后重新填写或导出。",
        "en": "[error] 编号.xlsx sheet '校准' row 4 column A (会话编号): The chat ID (会话编号) "
        "'1.23457E+12' lost its last digits in Excel (scientific notation, or a number of more than 15 "
        "digits), so it names no chat; row left out. Set the chat ID column to text and enter or export "
        "it again.",
    }
    assert [p.render(lang) for p in sheet.problems] == [expected[lang]]


def test_the_pdf_of_a_sheet_without_a_standard(tmp_path: Path) -> None:
    """The PDF's summary reads the lines as the console does (rendered without a warning)."""
    src = totals_sheet(tmp_path / "三人.xlsx", NO_STANDARD)
    report = run_calibrate(src, tmp_path / "out", pdf=False, today=DAY).report
    text = squash(" ".join(render(report, tmp_path / "p.pdf", "en")))
    assert squash("'丙': totals on average level with the other reviewers' mean (4 chats): good") in text
