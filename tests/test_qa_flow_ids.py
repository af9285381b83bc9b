"""One way for each fact of the flow-back: a 会话编号 is compared as the chat list reader reads it,
a manifest's agent is found as the data's sub-accounts are, and a task sheet's row is scored by the
one test ``has_score``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from csreport.inputs.dataset import RosterEntry, load_dataset
from csreport.inputs.headers import HeaderMatch
from csreport.inputs.identity import Accounts, resolve_agents
from csreport.inputs.sample_check import SCORE_FIELDS, chat_key, has_score, score_columns, shortened
from tests.test_qa_flow import (
    BLANK,
    EXTRA_HEADER,
    LOW,
    MONTH,
    ROSTER,
    of,
    rendered,
    roster,
    task_book,
    task_row,
)
from tests.workbooks import write_xlsx

# --- chat ids ------------------------------------------------------------------------------------


def test_chat_ids_compare_as_the_chat_list_reads_them() -> None:
    # A number cell, the same number written out as text, a CSV export's ="…": the digits.
    assert chat_key(1234567890123.0) == chat_key("1234567890123.0") == "1234567890123"
    assert chat_key('="2026100300001001"') == chat_key("2026100300001001") == "2026100300001001"
    assert chat_key(" C1 ") == "C1"
    assert chat_key(None) == chat_key(float("nan")) == chat_key("") == ""
    # An id Excel shortened names no chat; a true/false cell is no id at all.
    assert (chat_key("1.23457E+12"), shortened("1.23457E+12")) == ("", True)
    assert (chat_key(2026100300001001.0), shortened(2026100300001001.0)) == ("", True)
    assert (chat_key(True), shortened(True)) == ("", False)
    assert not shortened(None) and not shortened("C1") and not shortened(1234567890123.0)


def test_ids_written_as_numbers_or_point_zero_text_match_the_sample_list(tmp_path: Path) -> None:
    chats = ["1234567890121", "1234567890122", "1234567890123"]
    manifest = [(c, "KF001", "一般", "") for c in chats]
    # The task sheet's rows are left blank: the chats are scored in another QA sheet instead,
    # whose 会话编号 cells hold a number, "….0" text, plain text, and two ids Excel shortened.
    rows = [task_row(i + 1, c, "KF001", "2026-10-03", "一般", BLANK) for i, c in enumerate(chats)]
    task = task_book(tmp_path / "质检任务单_2026-10.xlsx", rows, manifest)
    other = write_xlsx(
        tmp_path / "另一位质检员.xlsx",
        {
            "质检": [
                EXTRA_HEADER,
                ["KF001", "2026-10-03", 1234567890121, "一般", "李四", *LOW, ""],
                ["KF001", "2026-10-04", "1234567890122.0", "一般", "李四", *LOW, ""],
                ["KF001", "2026-10-05", "1234567890123", "一般", "李四", *LOW, ""],
                ["KF001", "2026-10-06", "1.23457E+12", "一般", "李四", *LOW, ""],
                ["KF001", "2026-10-07", "2.02610E+15", "一般", "李四", *LOW, ""],
            ]
        },
    )
    data = load_dataset([task, other, roster(tmp_path)])
    flow = [p.code for p in data.problems if p.code.startswith("qa.") and p.code != "qa.task_workbook"]
    # Every sampled chat is found scored; only the two shortened ids are said, in one line.
    assert flow == ["qa.shortened_chat_id"]
    assert rendered(data.problems, "qa.shortened_chat_id") == [
        (
            "[警告] 另一位质检员.xlsx，工作表「质检」，第 5 行，C 列（会话编号）：第 5–6 行的会话编号"
            "（如「1.23457E+12」）后几位已被 Excel 丢掉，对应不到会话，无法与 2026-10 的抽样清单核对："
            "照常计分。请把会话编号列设为文本后重新填入。",
            "[warning] 另一位质检员.xlsx sheet '质检' row 5 column C (会话编号): Rows 5–6: the chat ID "
            "(会话编号, such as '1.23457E+12') lost its last digits in Excel, so it names no chat and "
            "cannot be checked against the sample list of 2026-10: scored as usual. Set the chat ID "
            "column to text and enter the IDs again.",
        )
    ]
    assert len(data.frames["qa"]) == 5  # all five rows are scored


def test_one_shortened_id_is_said_for_its_row(tmp_path: Path) -> None:
    task = task_book(tmp_path / "质检任务单_2026-10.xlsx")
    other = write_xlsx(
        tmp_path / "补充.xlsx",
        {"质检": [EXTRA_HEADER, ["KF001", "2026-10-05", "1.23457E+12", "一般", "李四", *LOW, ""]]},
    )
    found = of(load_dataset([task, other]).problems, "qa.shortened_chat_id_one")
    assert [(p.render("zh"), p.render("en")) for p in found] == [
        (
            "[警告] 补充.xlsx，工作表「质检」，第 2 行，C 列（会话编号）：此行的会话编号「1.23457E+12」"
            "后几位已被 Excel 丢掉，对应不到会话，无法与 2026-10 的抽样清单核对：照常计分。"
            "请把会话编号列设为文本后重新填入。",
            "[warning] 补充.xlsx sheet '质检' row 2 column C (会话编号): This row's chat ID (会话编号) "
            "'1.23457E+12' lost its last digits in Excel, so it names no chat and cannot be checked "
            "against the sample list of 2026-10: scored as usual. Set the chat ID column to text and "
            "enter the ID again.",
        )
    ]


# --- the manifest's agent, found as the data's are --------------------------------------------


def test_a_manifest_naming_agents_by_name_is_read_as_the_data_is(tmp_path: Path) -> None:
    # The chat list named its agents by 姓名 (甲, 乙: the roster gives them no 旺旺), as an export
    # mapped to 旺旺 does; the data's sub-accounts are found by the same name, so are these.
    manifest = [("C1", "甲", "一般", ""), ("C2", "乙", "一般", "")]
    rows = [
        task_row(1, "C1", "KF001", "2026-10-03", "一般", LOW),
        task_row(2, "C2", "KF001", "2026-10-04", "一般", LOW),  # 乙 is KF002: a real mismatch
    ]
    task = task_book(tmp_path / "质检任务单_2026-10.xlsx", rows, manifest)
    data = load_dataset([task, roster(tmp_path)])
    assert rendered(data.problems, "qa.other_agent") == [
        (
            "[警告] 质检任务单_2026-10.xlsx，工作表「质检任务」，第 5 行，B 列（会话编号）：会话 C2 "
            "在抽样清单中是 乙 的，这一行却记在 KF001 名下：按这一行计分，请核对工号。",
            "[warning] 质检任务单_2026-10.xlsx sheet '质检任务' row 5 column B (会话编号): Chat C2 was "
            "sampled for 乙, but this row puts it under KF001: it is scored as this row says; check the "
            "agent ID (工号).",
        )
    ]


def test_accounts_find_an_agent_as_resolving_the_data_does() -> None:
    people = {
        "KF001": RosterEntry("KF001", "甲", subaccount="本店:小甲"),
        "KF002": RosterEntry("KF002", "乙"),
        "KF003": RosterEntry("KF003", "丙", subaccount="丙丙"),
    }
    accounts = Accounts.of(people)
    asked = ["本店:小甲", "小甲", "别店:小甲", "乙", "丙", "丙丙", "丁"]
    assert [accounts.owner(a) for a in asked] == [
        ("KF001", False),
        ("KF001", False),
        ("KF001", False),  # the nickname after 店铺:
        ("KF002", True),  # by 姓名: 乙 has no 旺旺
        (None, False),  # 丙 has an account: another account named 丙 is someone else
        ("KF003", False),
        (None, False),
    ]
    # The data's sub-accounts go through the same lookup: an unknown one is kept as written.
    frame = pd.DataFrame(
        {"subaccount": asked, "_file": "质检.xlsx", "_sheet": "质检", "_row": range(2, len(asked) + 2)}
    )
    found = resolve_agents({"attendance": frame[:0], "reception": frame[:0], "qa": frame}, people, {}, [])
    assert list(found["qa"]["agent_id"]) == ["KF001", "KF001", "KF001", "KF002", "丙", "KF003", "丁"]


# --- is this row scored ---------------------------------------------------------------------------


def test_a_row_is_scored_when_any_score_cell_is_filled() -> None:
    # 会话编号, 工号, then the 态度得分 and 差错类型 columns (a 满意度 column is no score).
    match = HeaderMatch(
        0,
        1,
        "qa",
        {0: "chat_id", 1: "agent_id", 2: "satisfaction", 3: "attitude_score", 4: "error_type"},
        {},
        (),
    )
    columns = score_columns(match)
    assert columns == [3, 4]
    assert {"attitude_score", "error_type", "shop_risk", "item_0"} <= SCORE_FIELDS
    assert not has_score(["C1", "KF001", "满意", None, "  "], columns)
    assert not has_score(["C1", "KF001", "满意", float("nan")], columns)  # a short row, NaN
    assert has_score(["C1", "KF001", None, 0, None], columns)  # 0 is a score
    assert has_score(["C1", "KF001", None, None, "答复错误"], columns)
    # A column feeding several fields counts when one of them is a score.
    fed = HeaderMatch(0, 1, "qa", {0: "chat_id", 1: "remark"}, {}, (), fed={1: ("remark", "shop_risk")})
    assert score_columns(fed) == [1]


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_a_blank_task_row_is_left_out_as_unscored(tmp_path: Path, cell: Any) -> None:
    rows = [task_row(1, "C1", "KF001", "2026-10-03", "一般", [cell] * 10)]
    task = task_book(tmp_path / "质检任务单_2026-10.xlsx", rows, [("C1", "KF001", "一般", "")])
    data = load_dataset([task, write_xlsx(tmp_path / "花名册.xlsx", {"花名册": ROSTER})], MONTH)
    assert len(data.frames["qa"]) == 0
    assert [p.row for p in of(data.problems, "qa.unscored_one")] == [4]
