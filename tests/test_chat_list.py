"""Reading a chat list (会话清单): columns recognised like every sheet's, ids as canonical text,
bad rows reported with where they are, and the same chats from an .xlsx, .csv or .xls copy."""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from csreport.chat_data import ChatList
from csreport.inputs import chat_list
from csreport.inputs.chat_list import months_in, read_chat_list
from csreport.inputs.mapping import load_mapping
from csreport.inputs.workbook import MAX_ROWS
from csreport.inputs.xlsx_scan import measure_strings
from csreport.problems import CsreportError, RefusedWithProblems, Severity
from tests.workbooks import write_xlsx

HEADER = ["会话编号", "工号", "客服姓名", "会话时间", "满意度", "消息数", "会话时长(秒)"]
SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"


def records(chats: ChatList) -> list[tuple[Any, ...]]:
    """The frame's rows as plain tuples (NaN shown as None, so rows compare)."""
    out = []
    for rec in chats.frame.to_dict("records"):
        out.append(tuple(None if isinstance(x, float) and math.isnan(x) else x for x in rec.values()))
    return out


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8-sig", sep: str = ",") -> Path:
    text = "\r\n".join(sep.join("" if c is None else str(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


# --- columns and values ---------------------------------------------------------------------------


def test_a_chat_list_is_read_column_by_column(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "会话清单.xlsx",
        {
            "会话明细": [
                HEADER,
                [1234567890123, "1001", "张三", dt.datetime(2026, 10, 3, 14, 22, 5), "非常满意", 12, 300],
                ["1234567890124", 1002, "李四", "2026-10-03 14:22:05", 4, None, "5分钟"],
                ["１２３４", " 1001 ", "张三", "2026/10/4", "很满意", "8", 60],
                ["1234567890125.0", "1001", "张三", None, None, 3, None],
                ["00123", "1001", "张三", "2026-10-05", "2星", 0, 12.5],
            ]
        },
        titles={"会话明细": "2026年10月会话明细"},
    )
    chats = read_chat_list(path)
    assert (chats.file, chats.sheet, chats.agent_field, chats.has_messages) == (
        "会话清单.xlsx",
        "会话明细",
        "agent_id",
        True,
    )
    assert records(chats) == [
        ("1234567890123", "1001", "张三", dt.date(2026, 10, 3), "非常满意", 12.0, 300.0, 4),
        ("1234567890124", "1002", "李四", dt.date(2026, 10, 3), "满意", None, 300.0, 5),
        ("1234", "1001", "张三", dt.date(2026, 10, 4), "非常满意", 8.0, 60.0, 6),
        ("1234567890125", "1001", "张三", None, "未评价", 3.0, None, 7),
        ("00123", "1001", "张三", dt.date(2026, 10, 5), "不满意", 0.0, 12.5, 8),
    ]
    assert chats.problems == () and chats.left_out == ()
    assert len(chats.sha256) == 64
    assert months_in(chats) == [("2026-10", 4)]


def test_the_agent_is_the_agent_id_when_both_it_and_the_sub_account_are_given(tmp_path: Path) -> None:
    both = write_xlsx(
        tmp_path / "a.xlsx", {"s": [["会话编号", "客服账号", "工号"], ["1", "店:小王", "1001"]]}
    )
    assert (read_chat_list(both).agent_field, records(read_chat_list(both))[0][1]) == ("agent_id", "1001")
    only = write_xlsx(tmp_path / "b.xlsx", {"s": [["会话编号", "旺旺", "满意度"], ["1", "店:小王", "满意"]]})
    assert (read_chat_list(only).agent_field, records(read_chat_list(only))[0][1]) == (
        "subaccount",
        "店:小王",
    )


def test_a_list_without_satisfaction_or_date_says_what_that_means(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "会话.xlsx", {"s": [["会话编号", "工号"], ["9", "1001"]]})
    chats = read_chat_list(path)
    assert records(chats) == [("9", "1001", "", None, "未评价", None, None, 2)]
    assert not chats.has_messages
    assert [p.render("zh") for p in chats.problems] == [
        "[警告] 会话.xlsx，工作表「s」：会话清单没有满意度列，所有会话都按未评价处理。",
        "[提示] 会话.xlsx，工作表「s」：会话清单没有日期列，所有会话都算作所抽月份的会话。",
    ]
    assert [p.render("en") for p in chats.problems] == [
        "[warning] 会话.xlsx sheet 's': The chat list has no satisfaction (满意度) column: every chat counts "
        "as unrated (未评价).",
        "[note] 会话.xlsx sheet 's': The chat list has no date column: every chat counts for the month "
        "sampled.",
    ]


def test_the_users_mapping_names_a_chat_lists_columns(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  对话ID: 会话编号\n  坐席: 工号\n", encoding="utf-8")
    path = write_xlsx(tmp_path / "会话.xlsx", {"s": [["对话ID", "坐席", "满意度"], ["77", "1001", "一般"]]})
    chats = read_chat_list(path, load_mapping(mapping))
    assert records(chats) == [("77", "1001", "", None, "一般", None, None, 2)]


def test_blank_rows_and_a_total_row_are_not_chats(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "会话.xlsx",
        {
            "s": [
                HEADER,
                ["1", "1001", "", "2026-10-01", "满意", 5, 10],
                [None, None, None, None, None, None, None],
                ["2", "1001", "", "2026-10-01", "满意", 5, 10],
                [None, "合计", None, None, None, 10, 20],
            ]
        },
    )
    chats = read_chat_list(path)
    assert [r[0] for r in records(chats)] == ["1", "2"]
    assert chats.problems == ()


# --- rows left out or doubtful: grouped, located, worded --------------------------------------------


def test_rows_that_are_not_chats_are_left_out_and_reported_with_their_rows(tmp_path: Path) -> None:
    rows: list[list[Any]] = [HEADER]
    rows.append(["1", "1001", "", "2026-10-01", "满意", 5, 10])  # row 2: fine
    rows += [[None, "1001", "", "2026-10-01", "满意", 5, 10]] * 3  # rows 3–5: no chat id
    rows.append(["6", "1001", "", "2026-10-01", "好评", 5, 10])  # row 6: an order review, not a rating
    rows.append(["7", None, "", "2026-10-01", "满意", 5, 10])  # row 7: no agent
    rows.append([None, "1002", "", "2026-10-01", "满意", 5, 10])  # row 8: no chat id
    rows.append(["1", "1001", "", "2026-10-01", "满意", 5, 10])  # row 9: row 2 again
    path = write_xlsx(tmp_path / "会话.xlsx", {"会话": rows})
    chats = read_chat_list(path)
    assert [r[0] for r in records(chats)] == ["1"]
    assert chats.left_out == (("no_chat_id", 4), ("no_agent", 1), ("bad_satisfaction", 1), ("duplicate", 1))
    found = [(p.code, p.severity, p.row, p.column, p.header, p.value) for p in chats.problems]
    assert found == [
        ("chat_list.no_chat_id", Severity.ERROR, 3, "A", "会话编号", ""),
        ("chat_list.no_agent", Severity.ERROR, 7, "B", "工号", ""),
        ("chat_list.bad_satisfaction", Severity.ERROR, 6, "E", "满意度", "好评"),
        ("chat_list.duplicate", Severity.INFO, 9, "A", "会话编号", "1"),
    ]
    assert [p.render("zh") for p in chats.problems] == [
        "[错误] 会话.xlsx，工作表「会话」，第 3 行，A 列（会话编号）："
        "第 3–5、8 行有内容但没有会话编号，未读入（共 4 行）。",
        "[错误] 会话.xlsx，工作表「会话」，第 7 行，B 列（工号）：第 7 行没有工号，未读入（共 1 行）。",
        "[错误] 会话.xlsx，工作表「会话」，第 6 行，E 列（满意度）：第 6 行的满意度无法识别（如「好评」；"
        "应为 非常满意 到 非常不满意、5 到 1 星，或留空表示未评价），未读入（共 1 行）。",
        "[提示] 会话.xlsx，工作表「会话」，第 9 行，A 列（会话编号）："
        "第 9 行重复了前面已列出的会话（如「1」），内容相同，只算一次（共 1 行重复）。",
    ]
    assert [p.render("en") for p in chats.problems] == [
        "[error] 会话.xlsx sheet '会话' row 3 column A (会话编号): No chat ID (会话编号) on rows 3–5, 8; "
        "left out (4 in all).",
        "[error] 会话.xlsx sheet '会话' row 7 column B (工号): No '工号' on row 7; left out (1 in all).",
        "[error] 会话.xlsx sheet '会话' row 6 column E (满意度): The satisfaction (满意度) on row 6 is not a "
        "rating (such as '好评'; expected '非常满意' to '非常不满意', 5 to 1 stars, or blank for unrated); "
        "left out (1 in all).",
        "[note] 会话.xlsx sheet '会话' row 9 column A (会话编号): The chat on row 9 repeats one listed "
        "earlier with the same values (such as chat ID '1'); each chat counts once (repeats: 1).",
    ]


def test_a_chat_id_excel_shortened_is_refused_not_guessed(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "会话.csv",
        [
            ["会话编号", "工号", "满意度", "日期"],
            ["3.00E+12", "1001", "满意", "2026-10-01"],
            ["3.00001E+12", "1001", "满意", "2026-10-01"],
            ['="0005"', "1001", "", "2026-10-01"],
        ],
    )
    chats = read_chat_list(path)
    assert [r[0] for r in records(chats)] == ["0005"]  # ="0005": how a CSV keeps leading zeros
    assert chats.left_out == (("bad_chat_id", 2),)
    (problem,) = chats.problems
    assert problem.render("zh") == (
        "[错误] 会话.csv，工作表「会话」，第 2 行，A 列（会话编号）："
        "第 2–3 行的会话编号是科学计数法或超过 15 位的数字（如「3.00E+12」），"
        "后几位已被 Excel 丢掉，对应不到会话，未读入（共 2 行）。请把会话编号列设为文本后重新导出。"
    )
    assert problem.render("en") == (
        "[error] 会话.csv sheet '会话' row 2 column A (会话编号): The chat ID (会话编号) on rows 2–3 is in "
        "scientific notation or a number of more than 15 digits (such as '3.00E+12'): Excel dropped its "
        "last digits, so it names no chat; left out (2 in all). Export the list again with the chat ID "
        "column as text."
    )


CHAT = ["会话编号", "工号", "满意度", "日期", "消息数"]


def test_a_chat_whose_rows_disagree_is_set_aside_with_its_rows_whatever_their_order(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["X", "1001", "满意", "2026-10-03", 5],  # row 2
        ["Y", "1001", "满意", "2026-10-03", 5],  # row 3
        ["Y", "1001", "满意", "2026-10-03", 5],  # row 4: row 3 again
        ["X", "1002", "不满意", "2026-10-03", 5],  # row 5: X for another agent, another rating
        ["Z", "1001", "满意", "2026-10-03", 5],  # row 6
        ["W", "1001", "满意", "2026-10-03", 5],  # row 7
        ["W", "1001", "满意", "2026-10-04", None],  # row 8: W on another day, no count
    ]
    chats = read_chat_list(write_xlsx(tmp_path / "会话.xlsx", {"会话": [CHAT, *rows]}))
    assert [(r[0], r[7]) for r in records(chats)] == [("Y", 3), ("Z", 6)]
    assert chats.left_out == (("conflict", 4), ("duplicate", 1))
    found = [(p.code, p.severity, p.row, p.column, p.value) for p in chats.problems]
    assert found == [
        ("chat_list.conflict", Severity.ERROR, 2, "A", "X"),
        ("chat_list.conflict", Severity.ERROR, 7, "A", "W"),
        ("chat_list.duplicate", Severity.INFO, 4, "A", "Y"),
    ]
    assert [p.render("zh") for p in chats.problems[:2]] == [
        "[错误] 会话.xlsx，工作表「会话」，第 2 行，A 列（会话编号）：会话编号「X」列在第 2、5 行，"
        "各行的客服、满意度不一致，无法确定以哪一行为准，该会话未读入。",
        "[错误] 会话.xlsx，工作表「会话」，第 7 行，A 列（会话编号）：会话编号「W」列在第 7–8 行，"
        "各行的日期、消息数不一致，无法确定以哪一行为准，该会话未读入。",
    ]
    assert [p.render("en") for p in chats.problems[:2]] == [
        "[error] 会话.xlsx sheet '会话' row 2 column A (会话编号): Chat ID (会话编号) 'X' is listed on rows "
        "2, 5, and its rows differ in agent, satisfaction (满意度); which row is right cannot be told, so "
        "the chat is left out.",
        "[error] 会话.xlsx sheet '会话' row 7 column A (会话编号): Chat ID (会话编号) 'W' is listed on rows "
        "7–8, and its rows differ in date, message count; which row is right cannot be told, so the chat "
        "is left out.",
    ]
    # The rows in the opposite order: the same chats are set aside and kept, with their own values.
    backwards = read_chat_list(write_xlsx(tmp_path / "倒序.xlsx", {"会话": [CHAT, *rows[::-1]]}))
    assert sorted(r[:7] for r in records(backwards)) == sorted(r[:7] for r in records(chats))
    assert backwards.left_out == chats.left_out


def test_past_ten_conflicting_chats_the_rest_are_one_line(tmp_path: Path) -> None:
    rows: list[list[Any]] = []
    for i in range(12):  # chat C<i> on rows 2 + 2i (满意) and 3 + 2i (一般)
        rows += [[f"C{i}", "1001", "满意", "2026-10-03", 5], [f"C{i}", "1001", "一般", "2026-10-03", 5]]
    rows.append(["OK", "1001", "满意", "2026-10-03", 5])
    chats = read_chat_list(write_xlsx(tmp_path / "会话.xlsx", {"会话": [CHAT, *rows]}))
    assert [r[0] for r in records(chats)] == ["OK"]
    assert chats.left_out == (("conflict", 24),)
    assert [p.value for p in chats.problems[:10]] == [f"C{i}" for i in range(10)]
    last = chats.problems[10]
    assert (last.code, last.row, len(chats.problems)) == ("chat_list.conflict_more", 22, 11)
    assert last.message("zh") == "另有 2 个会话也在多行中内容不一致（第 22–25 行），未读入（共 4 行）。"
    assert last.message("en") == (
        "2 more chats are listed more than once with different values (rows 22–25); left out (4 rows in all)."
    )


def test_a_list_without_a_readable_chat_is_refused_after_its_rows_problems(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["会话编号", "工号", "满意度"],
        ["1", None, "满意"],
        [None, "1001", "满意"],
        ["3", "1001", "好评"],
    ]
    with pytest.raises(RefusedWithProblems) as caught:
        read_chat_list(write_csv(tmp_path / "会话.csv", rows))
    assert caught.value.code == "chat_list.no_chats"
    assert caught.value.message("zh") == (
        "会话清单中没有可读的会话：会话.csv 的工作表「会话」没有一行能读入，无法抽样。"
    )
    assert caught.value.message("en") == (
        "The chat list holds no readable chat: no row of 会话.csv, sheet '会话', could be read, so there is "
        "nothing to sample."
    )
    assert [(p.code, p.row) for p in caught.value.problems] == [
        ("chat_list.no_chat_id", 3),
        ("chat_list.no_agent", 2),
        ("chat_list.bad_satisfaction", 4),
        ("chat_list.no_date_column", None),
    ]


def test_a_list_with_a_header_only_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RefusedWithProblems) as caught:
        read_chat_list(write_xlsx(tmp_path / "空清单.xlsx", {"十月": [CHAT]}))
    assert caught.value.message("zh") == (
        "会话清单中没有可读的会话：空清单.xlsx 的工作表「十月」没有一行能读入，无法抽样。"
    )
    assert caught.value.problems == ()


def test_a_bad_date_count_or_duration_is_reported_and_the_chat_kept(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "会话.csv",
        [
            HEADER,
            ["1", "1001", "", "昨天", "满意", "很多", "久"],
            ["2", "1001", "", "10月3日", "满意", "-2", "-5"],
            ["3", "1001", "", "2026-10-03", "满意", "2.5", "1:30"],
        ],
    )
    chats = read_chat_list(path)
    assert records(chats) == [
        ("1", "1001", "", None, "满意", None, None, 2),
        ("2", "1001", "", None, "满意", None, None, 3),
        ("3", "1001", "", dt.date(2026, 10, 3), "满意", None, 90.0, 4),
    ]
    assert [(p.code, p.severity, p.column, p.value, p.params["count"]) for p in chats.problems] == [
        ("chat_list.bad_date", Severity.WARNING, "D", "昨天", 2),
        ("chat_list.bad_messages", Severity.WARNING, "F", "很多", 3),
        ("chat_list.bad_duration", Severity.WARNING, "G", "久", 2),
    ]
    assert [p.message("en") for p in chats.problems] == [
        "The date on rows 2–3 cannot be read or has no year (such as '昨天'); those chats count for the "
        "month sampled (2 in all).",
        "The message count on rows 2–4 is not a whole number (such as '很多'); taken as unknown, so those "
        "chats may still be sampled (3 in all).",
        "The chat duration on rows 2–3 cannot be read (such as '久'); left blank (2 in all).",
    ]
    assert chats.problems[0].message("zh") == (
        "第 2–3 行的日期无法读取或缺少年份（如「昨天」），这些会话算作所抽月份的会话（共 2 行）。"
    )


def test_many_row_ranges_stay_one_line(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["会话编号", "工号", "满意度", "日期"]]
    for i in range(30):
        rows += [[str(i), "1001", "", ""], [str(i), None, "", ""]]  # every other row has no agent
    chats = read_chat_list(write_csv(tmp_path / "会话.csv", rows))
    (problem,) = chats.problems
    assert problem.params["count"] == 30
    # Twenty ranges, then "…": the rows 43–61 are counted, not listed.
    odd = [str(r) for r in range(3, 42, 2)]
    assert problem.message("zh") == f"第 {'、'.join(odd)}…… 行没有工号，未读入（共 30 行）。"
    assert problem.message("en") == f"No '工号' on rows {', '.join(odd)}, …; left out (30 in all)."


# --- not a chat list ---------------------------------------------------------------------------------


def test_a_list_without_an_agent_column_names_what_is_missing(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "会话.xlsx", {"明细": [["会话编号", "满意度", "日期"], ["1", "满意", "2026-10-01"]]}
    )
    with pytest.raises(CsreportError) as caught:
        read_chat_list(path)
    assert caught.value.code == "chat_list.missing_columns"
    assert (
        caught.value.message("zh") == "会话.xlsx 的工作表「明细」缺少工号或客服账号列，不能作为会话清单读取。"
    )
    assert caught.value.message("en") == (
        "会话.xlsx, sheet '明细', has no agent ID (工号) or sub-account (客服账号) column, "
        "so it cannot be read as a chat list."
    )


def test_a_roster_is_not_a_chat_list(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "花名册.xlsx",
        {"花名册": [["工号", "姓名", "组别", "入职日期"], ["1001", "张三", "一组", "2025-01-01"]]},
    )
    with pytest.raises(CsreportError) as caught:
        read_chat_list(path)
    assert caught.value.message("zh") == (
        "花名册.xlsx 不是会话清单：工作表「花名册」看起来是「花名册」，"
        "会话清单需要会话编号列和工号（或客服账号）列。"
    )
    assert caught.value.message("en") == (
        "花名册.xlsx is not a chat list: sheet '花名册' looks like 'roster'; a chat list has a chat ID "
        "(会话编号) column and an agent ID (工号) or sub-account (客服账号) column."
    )


def test_a_filled_qa_workbook_is_not_a_chat_list() -> None:
    with pytest.raises(CsreportError) as caught:
        read_chat_list(SAMPLES / "十月质检.xlsx")
    assert caught.value.code == "chat_list.qa_sheet"
    assert caught.value.message("zh") == (
        "十月质检.xlsx 不是会话清单：工作表「质检抽查」有评分列（「流程全面,服务规范」、"
        "「聊天话术运用适当」、「积极主动」……），是质检评分表。请用后台导出的会话清单抽样。"
    )
    assert caught.value.message("en") == (
        "十月质检.xlsx is not a chat list: sheet '质检抽查' has score columns ('流程全面,服务规范', "
        "'聊天话术运用适当', '积极主动', …), so it is a QA score sheet. Sample from the chat list the back "
        "office exports."
    )


@pytest.mark.parametrize("score", ["态度得分", "差错类型"])
def test_one_score_column_makes_a_qa_sheet_and_a_chat_list_after_it_is_read(
    tmp_path: Path, score: str
) -> None:
    qa: list[list[Any]] = [["会话编号", "工号", "满意度", score], ["1", "1001", "满意", "x"]]
    with pytest.raises(CsreportError) as caught:
        read_chat_list(write_xlsx(tmp_path / "质检.xlsx", {"质检": qa}))
    assert caught.value.message("en") == (
        f"质检.xlsx is not a chat list: sheet '质检' has score columns ('{score}'), so it is a QA score "
        "sheet. Sample from the chat list the back office exports."
    )
    both_sheets: dict[str, Sequence[Sequence[Any]]] = {
        "质检": qa,
        "会话": [["会话编号", "工号", "满意度"], ["2", "1002", "一般"]],
    }
    chats = read_chat_list(write_xlsx(tmp_path / "两表.xlsx", both_sheets))
    assert (chats.sheet, [r[0] for r in records(chats)]) == ("会话", ["2"])


def test_a_file_without_any_header_says_so(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "随便.csv", [["你好", "世界"], ["1", "2"]])
    with pytest.raises(CsreportError) as caught:
        read_chat_list(path)
    assert (
        caught.value.message("zh") == "随便.csv 不是会话清单：没有找到含会话编号和工号（或客服账号）的表头。"
    )
    assert caught.value.message("en") == (
        "随便.csv is not a chat list: no header with a chat ID (会话编号) and an agent ID (工号) or "
        "sub-account (客服账号) was found."
    )


def test_the_first_visible_sheet_holding_a_chat_list_is_read(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "会话.xlsx",
        {
            "说明": [["本表为十月会话明细"]],
            "隐藏": [["会话编号", "工号"], ["H1", "1001"]],
            "明细": [["会话编号", "工号"], ["V1", "1001"]],
        },
    )
    wb = openpyxl.load_workbook(path)
    wb["隐藏"].sheet_state = "hidden"
    wb.save(path)
    chats = read_chat_list(path)
    assert (chats.sheet, [r[0] for r in records(chats)]) == ("明细", ["V1"])


def test_damage_and_other_files_are_refused_with_the_readers_words(tmp_path: Path) -> None:
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(CsreportError) as caught:
        read_chat_list(empty)
    assert caught.value.code == "file.empty"
    with pytest.raises(CsreportError) as caught:
        read_chat_list(tmp_path / "没有.xlsx")
    assert caught.value.code == "file.not_found"


# --- limits -------------------------------------------------------------------------------------------


def test_a_chat_list_may_be_longer_than_other_inputs(tmp_path: Path) -> None:
    lines = ["会话编号,工号,满意度"] + [f"{i},{1000 + i % 7},满意" for i in range(MAX_ROWS + 5)]
    path = tmp_path / "会话.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chats = read_chat_list(path)
    assert len(chats.frame) == MAX_ROWS + 5
    assert records(chats)[-1] == (
        str(MAX_ROWS + 4),
        str(1000 + (MAX_ROWS + 4) % 7),
        "",
        None,
        "满意",
        None,
        None,
        MAX_ROWS + 6,
    )


def test_the_row_and_cell_limits_refuse_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["会话编号", "工号", "满意度"]] + [[str(i), "1001", "满意"] for i in range(10)]
    csv_path = write_csv(tmp_path / "会话.csv", rows)
    monkeypatch.setattr(chat_list, "CHAT_MAX_ROWS", 9)
    with pytest.raises(CsreportError) as caught:
        read_chat_list(csv_path)
    assert (caught.value.code, caught.value.params) == ("sheet.too_many_rows", {"limit": 9, "sheet": "会话"})
    monkeypatch.setattr(chat_list, "CHAT_MAX_ROWS", 10)
    assert len(read_chat_list(csv_path).frame) == 10
    xlsx_path = write_xlsx(tmp_path / "会话.xlsx", {"s": rows})
    monkeypatch.setattr(chat_list, "MAX_CELLS", 29)  # 33 cells in the sheet
    with pytest.raises(CsreportError) as caught:
        read_chat_list(xlsx_path)
    assert caught.value.code == "sheet.too_many_cells"


def test_a_stray_cell_far_away_is_read_sparsely_with_the_same_result(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        HEADER,
        ["1", "1001", "张三", "2026-10-01", "满意", 5, 10],
        ["2", "1002", "李四", "2026-10-02", "", 6, 11],
    ]
    plain = write_xlsx(tmp_path / "a.xlsx", {"s": rows})
    stray = write_xlsx(tmp_path / "b.xlsx", {"s": rows})
    wb = openpyxl.load_workbook(stray)
    wb["s"].cell(row=1_048_000, column=16_000, value="x")
    wb.save(stray)
    assert records(read_chat_list(stray)) == records(read_chat_list(plain))


# --- encodings ----------------------------------------------------------------------------------------


ROWS = [
    HEADER,
    ["3000000000001", "1001", "张三", "2026-10-03 14:22:05", "非常满意", "12", "300"],
    ["3000000000002", "1002", "李四", "2026-10-04 09:00:00", "", "2", "30"],
    ["3000000000003", "KF7", "王五", "2026-10-05 23:59:59", "3", "", ""],
]


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8-sig", ","), ("utf-8", ","), ("gbk", ","), ("utf-16", "\t"), ("gb18030", ";")],
)
def test_a_csv_in_any_usual_encoding_reads_as_the_workbook_does(
    tmp_path: Path, encoding: str, sep: str
) -> None:
    book = read_chat_list(write_xlsx(tmp_path / "会话清单.xlsx", {"会话清单": ROWS}))
    text = read_chat_list(write_csv(tmp_path / "会话清单.csv", ROWS, encoding, sep))
    assert records(text) == records(book)
    assert records(book)[2] == ("3000000000003", "KF7", "王五", dt.date(2026, 10, 5), "一般", None, None, 4)


def test_the_frame_has_the_contracts_columns_and_types(tmp_path: Path) -> None:
    chats = read_chat_list(write_csv(tmp_path / "会话清单.csv", ROWS))
    assert list(chats.frame.columns) == list(chat_list.COLUMNS)
    assert chats.frame["messages"].dtype == float and chats.frame["row"].dtype == "int64"
    assert isinstance(chats.frame, pd.DataFrame)


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ('会话编号,工号,备注\n1,1001,好\n2,1002,"没有结束\n', 3),  # the last line opens a quote
        ('会话编号,工号,备注\n1,1001,"好\n2,1002,坏\n3,1003,坏\n', 2),  # a quote swallowing the rest
    ],
)
def test_a_quote_never_closed_refuses_the_csv_with_its_row(tmp_path: Path, text: str, row: int) -> None:
    path = tmp_path / "会话.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CsreportError) as caught:
        read_chat_list(path)
    assert (caught.value.code, caught.value.params) == ("file.csv_quote", {"row": row})


def test_a_runaway_quote_over_many_lines_is_refused(tmp_path: Path) -> None:
    lines = "".join(f"{i},1001,x\n" for i in range(2, 5000))
    path = tmp_path / "会话.csv"
    path.write_text(f'会话编号,工号,备注\n1,1001,"跑掉\n{lines}9999,1001,"end"x\n', encoding="utf-8")
    with pytest.raises(CsreportError) as caught:
        read_chat_list(path)
    assert (caught.value.code, caught.value.params) == ("file.csv_quote", {"row": 2})


def test_cells_of_several_lines_and_stray_nuls_are_read(tmp_path: Path) -> None:
    path = tmp_path / "会话.csv"
    text = '会话编号,工号,备注\n1,1001,"两行\n备注"\n2,10\x0002,"最后\n一行"\n'
    path.write_bytes(text.encode("utf-8"))
    # Rows are counted in records, as every CSV's (a cell's line break does not start a row).
    assert [(r[0], r[1], r[7]) for r in records(read_chat_list(path))] == [("1", "1001", 2), ("2", "1002", 3)]


def test_the_longest_shared_string_leaves_the_parts_opening_out(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book = xlsxwriter.Workbook(str(path))  # shared strings, as Excel writes them
    sheet = book.add_worksheet("s")
    for r, row in enumerate([["会话编号", "工号"], ["x" * 40, "1001"], ["yy", "1002"]]):
        sheet.write_row(r, 0, row)
    book.close()
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/sharedStrings.xml")
        items = zf.read(info).split(b"<si")[1:]
        # The part's opening (<?xml …?><sst …>) is longer than any item: the house's measure counts it.
        assert measure_strings(zf, info, 100).longest > max(map(len, items))
        assert (
            max(map(len, items)) - len(b"</sst>") <= chat_list._longest_item(zf, info) <= max(map(len, items))
        )


def test_reading_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    good = write_csv(tmp_path / "会话.csv", [["会话编号", "工号"], ["1", "1001"]])
    bad = write_csv(tmp_path / "花名册.csv", [["工号", "姓名", "组别"], ["1001", "张三", "一组"]])
    assert gc.isenabled()
    read_chat_list(good)
    assert gc.isenabled()
    with pytest.raises(CsreportError):
        read_chat_list(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        read_chat_list(good)
        assert not gc.isenabled()
    finally:
        gc.enable()
