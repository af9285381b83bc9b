"""Reading a filled 晋级评审 workbook back: a manager's copy as written, one edited out of
shape (moved columns, a duplicate 工号, a final level without a 工号, a level off the ladder,
no period in the title), and one with no header at all, with exact problem messages."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from csreport.inputs.review_sheet import ReviewDecision, read_review_decisions
from csreport.outputs.xlsx.review import write_review_workbook
from csreport.problems import CsreportError
from tests.test_review_scoring import review_fixture

LADDER = ["新员工", "特殊技能新员工", "老员工", "组长", "部门主管", "部门经理", "公司高层"]
FINAL = "AC"  # 最终级别 in the written workbook
NOTE = "AD"


def _written(tmp_path: Path, lang: str = "zh") -> Path:
    return write_review_workbook(
        review_fixture(), tmp_path / f"晋级评审_{lang}.xlsx", lang=lang, shop="花花小店"
    )


def test_a_filled_copy_reads_back(tmp_path: Path) -> None:
    source = _written(tmp_path)
    wb = openpyxl.load_workbook(source)
    ws = wb["晋级评审"]
    ws[f"{FINAL}4"] = "老员工"  # 999: down as suggested
    ws[f"{FINAL}5"] = "组长"  # 1001: up as suggested
    ws[f"{NOTE}5"] = "技能全面"
    ws[f"{FINAL}8"] = " 新员工 "  # 2001: stays (spaces around)
    ws[f"{FINAL}9"] = "部门经理"  # 2002: the manager moves the top one down
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    read = read_review_decisions(filled, LADDER)
    assert (read.sheet, read.start, read.end) == ("晋级评审", "2026-05", "2026-10")
    assert read.problems == ()
    assert [r.agent_id for r in read.rows] == ["999", "1001", "1002", "1003", "2001", "2002", "3001"]
    assert read.rows[1] == ReviewDecision("1001", "张三", "老员工", "组长", "组长", "技能全面", 5)
    assert [(r.agent_id, r.current, r.final) for r in read.decided] == [
        ("999", "组长", "老员工"),
        ("1001", "老员工", "组长"),
        ("2001", "新员工", "新员工"),
        ("2002", "公司高层", "部门经理"),
    ]
    assert read.rows[6] == ReviewDecision("3001", "周八", "实习生", "", None, "", 10)


def test_the_english_workbook_reads_back_and_english_level_names_count(tmp_path: Path) -> None:
    source = _written(tmp_path, "en")
    wb = openpyxl.load_workbook(source)
    ws = wb["Level review"]
    ws[f"{FINAL}5"] = "Team leader"
    wb.save(source)
    ladder = [("组长", "Team leader"), ("老员工", "Senior staff")]
    read = read_review_decisions(source, ladder)
    assert (read.start, read.end) == ("2026-05", "2026-10")
    assert [(r.agent_id, r.final) for r in read.decided] == [("1001", "组长")]


def test_a_copy_out_of_shape_names_each_problem(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_written(tmp_path))
    ws = wb["晋级评审"]
    ws["A1"] = "花花小店 晋级评审"  # the period is gone from the title
    ws.insert_cols(1)  # every column moves one to the right: 工号 is B, 最终级别 AD
    ws["AD5"] = "组长"
    ws["AD6"] = "经理"  # not on the ladder
    ws["B7"] = "1001"  # 1002's row now says 1001 again
    ws["AD7"] = "部门主管"
    ws["B8"] = None  # 1003's row loses its 工号 but keeps a final level
    ws["AD8"] = "老员工"
    ws["B9"] = None  # a row without 工号 and without a decision is skipped quietly
    ws["B12"] = 4001.0  # a 工号 typed as a number, below the table
    ws["AD12"] = "新员工"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    read = read_review_decisions(edited, LADDER)
    assert (read.start, read.end) == ("", "")
    assert [p.render("zh") for p in read.problems] == [
        "[错误] edited.xlsx，工作表「晋级评审」，第 1 行：标题中找不到评审期间（如 2026-05 – 2026-10）",
        "[错误] edited.xlsx，工作表「晋级评审」，第 6 行，AD 列（最终级别）：最终级别「经理」不在级别阶梯上"
        "（新员工、特殊技能新员工、老员工、组长、部门主管、部门经理、公司高层），本行不调整",
        "[错误] edited.xlsx，工作表「晋级评审」，第 7 行"
        "，B 列（工号）：工号 1001 已在第 5 行出现，本行不采用",
        "[错误] edited.xlsx，工作表「晋级评审」，第 8 "
        "行，B 列（工号）：有最终级别「老员工」但没有工号，本行不采用",
    ]
    assert [p.render("en") for p in read.problems] == [
        "[error] edited.xlsx sheet '晋级评审' row 1: The title"
        " names no review period (such as 2026-05 – 2026-10)",
        "[error] edited.xlsx sheet '晋级评审' row 6 column A"
        "D (最终级别): Final level '经理' is not on the level "
        "ladder (新员工, 特殊技能新员工, 老员工, 组长, 部门主管, "
        "部门经理, 公司高层): this row changes nothing",
        "[error] edited.xlsx sheet '晋级评审' row 7 column B"
        " (工号): Agent ID (工号) 1001 is already on row 5: "
        "this row is not used",
        "[error] edited.xlsx sheet '晋级评审' row 8 column B"
        " (工号): Final level '老员工' but no agent ID (工号): "
        "this row is not used",
    ]
    # 1002's level off the ladder: kept, no decision; 1003 (now a second 1001) and 2001 (no 工号): not used;
    # 2002 (no 工号, no decision): skipped quietly
    assert [(r.agent_id, r.final, r.row) for r in read.rows] == [
        ("999", None, 4),
        ("1001", "组长", 5),
        ("1002", None, 6),
        ("3001", None, 10),
        ("4001", "新员工", 12),
    ]
    assert [(r.agent_id, r.final) for r in read.decided] == [("1001", "组长"), ("4001", "新员工")]


def test_no_header_is_one_error_naming_the_file_and_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "别的表"
    ws.append(["编号", "姓名", "级别"])
    ws.append(["1001", "张三", "组长"])
    path = tmp_path / "其他.xlsx"
    wb.save(path)
    with pytest.raises(CsreportError) as err:
        read_review_decisions(path, LADDER)
    assert err.value.message("zh") == (
        "其他.xlsx 的工作表「别的表」中找不到晋级评审的表头（需要“工号”和“最终级别”两列）：请使用 "
        "csreport review 生成的晋级评审工作簿。"
    )
    assert err.value.message("en") == (
        "其他.xlsx, sheet '别的表': no level review header found (it needs the columns Agent ID (工号) and "
        "Final level (最终级别)): use the level review workbook csreport review wrote."
    )
