"""A chat id (会话编号) as text: one rule for every reader (``values.canonical_chat_id``), and what a
long id in a number cell means for a chat list: Excel keeps 15 significant digits, so a number cell
of 16 digits or more has lost the id's last ones and names no chat."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from csreport.inputs.chat_list import read_chat_list
from csreport.inputs.values import canonical_chat_id
from csreport.problems import RefusedWithProblems, Severity
from tests.workbooks import write_xlsx


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("3000000000001", "3000000000001"),
        (3000000000001, "3000000000001"),
        (3000000000001.0, "3000000000001"),  # a number cell as calamine gives it
        ("3000000000001.0", "3000000000001"),  # written out by a program that held a float
        ("3000000000001.000", "3000000000001"),
        (999_999_999_999_999.0, "999999999999999"),  # 15 digits: all kept, by Excel and by a float
        ("1234567890123456789", "1234567890123456789"),  # 19 digits as text: kept whole
        ("１２３４", "1234"),  # full-width digits
        (" KF-77 ", "KF-77"),
        ("\ufeff123\u200b", "123"),  # a byte-order mark and a zero-width space pasted in
        ('="0005"', "0005"),  # how a CSV export keeps leading zeros
        ("00123", "00123"),
        (12.5, "12.5"),
    ],
)
def test_a_chat_id_cell_becomes_its_text(cell: Any, text: str) -> None:
    assert canonical_chat_id(cell) == text


@pytest.mark.parametrize("cell", [None, "", "   ", "-", "--", "null", math.nan, '=""'])
def test_a_blank_chat_id_is_none(cell: Any) -> None:
    assert canonical_chat_id(cell) is None


@pytest.mark.parametrize(
    "cell",
    [
        1e15,  # 16 digits in a number cell: the 16th was never kept
        1_000_000_000_000_000,
        -1e15,
        1234567890123456789,  # an exact int, as some readers give a number cell: refused all the same
        1.2345678901234568e18,
        "1234567890123456789.0",  # a float written out: the digits past the 17th are made up
        "3.00E+12",  # Excel's scientific notation, saved into a CSV
        "3E12",
        "1.23457e+18",
        True,
        math.inf,
    ],
)
def test_a_chat_id_that_lost_digits_or_is_no_id_raises(cell: Any) -> None:
    with pytest.raises(ValueError):
        canonical_chat_id(cell)


HEADER = ["会话编号", "工号", "满意度", "日期"]


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    path.write_text("\n".join(",".join(str(c) for c in row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_nineteen_digit_ids_in_number_cells_are_bad_chat_ids_never_merged_chats(tmp_path: Path) -> None:
    # Ten 19-digit ids one apart: as numbers they round to two or three floats (the spacing of
    # floats there is 256), which read as chats would merge them and differ from the text copy.
    ids = [str(2026100300001000100 + i) for i in range(10)]
    fifteen = [str(202610030000101 + i) for i in range(3)]
    rows = [[cid, "1001", "满意", "2026-10-03"] for cid in [*ids, *fifteen]]
    text = read_chat_list(write_csv(tmp_path / "会话.csv", [HEADER, *rows]))
    assert text.frame["chat_id"].tolist() == [*ids, *fifteen]
    assert text.left_out == ()

    numbers = [[int(cid), *rest] for cid, *rest in rows[:5]] + [
        [float(cid), *rest] for cid, *rest in rows[5:]
    ]
    book = read_chat_list(write_xlsx(tmp_path / "会话.xlsx", {"会话": [HEADER, *numbers]}))
    # The 15-digit ids read from number cells exactly as from the text copy.
    assert book.frame["chat_id"].tolist() == fifteen
    assert book.frame.drop(columns="row").equals(text.frame[10:].drop(columns="row").reset_index(drop=True))
    assert book.left_out == (("bad_chat_id", 10),)
    (problem,) = book.problems
    assert (problem.code, problem.severity, problem.row, problem.column) == (
        "chat_list.bad_chat_id",
        Severity.ERROR,
        2,
        "A",
    )
    assert problem.message("zh") == (
        "第 2–11 行的会话编号是科学计数法或超过 15 位的数字（如「2.0261e+18」），后几位已被 Excel 丢掉，"
        "对应不到会话，未读入（共 10 行）。请把会话编号列设为文本后重新导出。"
    )
    assert problem.message("en") == (
        "The chat ID (会话编号) on rows 2–11 is in scientific notation or a number of more than 15 digits "
        "(such as '2.0261e+18'): Excel dropped its last digits, so it names no chat; left out (10 in "
        "all). Export the list again with the chat ID column as text."
    )


def test_a_list_of_eighteen_digit_number_ids_is_refused_with_its_bad_rows_not_as_duplicates(
    tmp_path: Path,
) -> None:
    # 100 chats with 18-digit ids in number cells: they once read as a handful of chats, the rest
    # reported as "duplicates" of them.
    rows = [[202610030000100001 + i, "1001", "满意", "2026-10-03"] for i in range(100)]
    path = write_xlsx(tmp_path / "长编号.xlsx", {"会话": [HEADER, *rows]})
    wb = openpyxl.load_workbook(path)
    assert wb["会话"]["A2"].data_type == "n"  # a number cell, as the back office saved it
    with pytest.raises(RefusedWithProblems) as caught:
        read_chat_list(path)
    assert caught.value.code == "chat_list.no_chats"
    assert caught.value.message("zh") == (
        "会话清单中没有可读的会话：长编号.xlsx 的工作表「会话」没有一行能读入，无法抽样。"
    )
    assert caught.value.message("en") == (
        "The chat list holds no readable chat: no row of 长编号.xlsx, sheet '会话', could be read, so "
        "there is nothing to sample."
    )
    (problem,) = caught.value.problems
    assert (problem.code, problem.params["count"]) == ("chat_list.bad_chat_id", 100)
    assert problem.render("zh") == (
        "[错误] 长编号.xlsx，工作表「会话」，第 2 行，A 列（会话编号）：第 2–101 行的会话编号是科学计数法或"
        "超过 15 位的数字（如「2.0261e+17」），后几位已被 Excel 丢掉，对应不到会话，未读入（共 100 行）。"
        "请把会话编号列设为文本后重新导出。"
    )
