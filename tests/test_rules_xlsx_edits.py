"""The editable rules workbook: dropdowns where choices go, HR's edits read back, bad cells named.

Exported sheets carry list validation on every choice column (含/不含 for bounds); an edit to
points, bounds, a band's wording (原文条件), a formula or a profile's weight is what gets
imported; added rows, KPIs and copied sheets are read as the reader sees them; text in a number
cell, a broken formula or a missing sheet is an error naming the sheet, row and column. Round
trips are in ``test_rules_xlsx_roundtrip.py``; import refusals and the printed document in
``test_rules_xlsx_hr.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

from csreport.messages import Bilingual
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.serialize import rules_equal
from csreport.rules.workbook.parse import Cell, WorkbookProblems
from csreport.rules.workbook.transfer import (
    export_rules,
    import_rules,
    read_rules_workbook,
    rules_text_from_workbook,
)
from tests.rules_xlsx_helpers import column, preset

STANDARD_SHEETS = ["说明", "试用期", "正式", "等级", "系数", "级别", "级别升降", "抽样规则"]


def edited(
    tmp_path: Path, edits: dict[tuple[str, str], Any], name: str = "standard", lang: str = "zh"
) -> Path:
    """``name`` exported, with cells given as (sheet, header) → {row: value} or (sheet, cell) → value."""
    path = export_rules(preset(name), tmp_path / "规则.xlsx", lang)
    book = openpyxl.load_workbook(path)
    for (sheet, where), value in edits.items():
        ws = book[sheet]
        if isinstance(value, dict):
            for row, cell_value in value.items():
                ws[f"{column(ws, where)}{row}"] = cell_value
        else:
            ws[where] = value
    book.save(path)
    return path


def hidden(ws: Any, letter: str) -> bool:
    """Whether column ``letter`` is hidden (a file stores neighbouring alike columns as one range)."""
    index = column_index_from_string(letter)
    return any(d.hidden and d.min <= index <= d.max for d in ws.column_dimensions.values())


def test_dropdowns_sit_on_the_choice_columns(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == STANDARD_SHEETS  # no 权重方案: the rules have no profile
    ws = book["试用期"]
    found = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    expected = {
        "下限含/不含": '"含,不含"',
        "上限含/不含": '"含,不含"',
        "评分方式": '"分段,线性,组内排名,按次"',
        "缺数据时": '"不计总分,不计入并折算,记 0 分"',
        "单位": '"秒,%,分数,次数,元"',
        "较好方向": '"越高越好,越低越好"',
    }
    for header, formula in expected.items():
        assert found.get(f"{column(ws, header)}11") == formula, header
    assert len(found) == len(expected)  # no 是/否, 行类型 or 结果 column any more
    for dv in ws.data_validations.dataValidation:
        # Each dropdown covers its whole column below the header, with room for new rows.
        first, last = str(dv.sqref).split(":")
        assert dv.type == "list" and first.endswith("11")
        assert first.rstrip("0123456789") == last.rstrip("0123456789")
        assert int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) >= ws.max_row + 100
    grades = book["等级"]
    kinds = {str(dv.sqref): dv.formula1 for dv in grades.data_validations.dataValidation}
    assert any(
        ref.startswith(f"{column(grades, '类型')}2") and f == '"分数线,满分比例,不予上岗"'
        for ref, f in kinds.items()
    )
    assert ws.freeze_panes == "B11" and grades.freeze_panes == "A2"
    english = openpyxl.load_workbook(export_rules(load_rules("multi"), tmp_path / "en.xlsx", "en"))
    assert english.sheetnames == [
        "Instructions",
        "Multi-dimensional",
        "Grades",
        "Coefficients",
        "Levels",
        "Weight profiles",
        "QA sampling",
    ]
    ws = english["Multi-dimensional"]
    found = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert found[f"{column(ws, 'Lower bound incl./excl.')}11"] == '"incl.,excl."'
    assert found[f"{column(ws, 'Scoring')}11"] == '"Bands,Linear,Rank in group,Per occurrence"'
    assert found[f"{column(ws, 'When data is missing')}11"] == '"No total,Left out, rest rescaled,Scored 0"'


def test_ids_are_hidden_and_headed_as_such(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_rules(load_rules("standard"), tmp_path / "rules.xlsx"))
    ws = book["正式"]
    for header in (
        "指标编号（导入用）",
        "公式原文（导入用）",
        "样本字段原文（导入用）",
        "否决条件原文（导入用）",
    ):
        assert hidden(ws, column(ws, header)), header
    assert not hidden(ws, column(ws, "公式（字段名）"))
    assert ws[f"{column(ws, '指标编号（导入用）')}11"].value == "avg_response"
    assert ws[f"{column(ws, '公式原文（导入用）')}15"].value == "replied / inquiries"
    # The table's own id is in the block's last row, hidden.
    assert (ws["A8"].value, ws["B8"].value) == ("编号（导入用，请勿修改）", "regular")
    assert ws.row_dimensions[8].hidden and not ws.row_dimensions[7].hidden
    # What a reader edits instead: the formula and the veto condition with field names.
    assert ws[f"{column(ws, '公式（字段名）')}15"].value == "回复人数 / 咨询人数"
    assert ws[f"{column(ws, '否决条件')}26"].value == "店铺风险数 > 0"
    assert ws[f"{column(ws, '样本字段')}23"].value == "抽查数"


def test_hr_edits_points_and_imports(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["试用期"]
    # Row 12 is the probation table's second response-time band, 45–80 秒 → 15 points.
    assert (ws["A11"].value, ws["D12"].value, ws["E12"].value) == (
        "平均响应时长",
        "45–80 秒（不含 45 秒）",
        15,
    )
    ws["E12"] = 12
    book.save(path)
    out = tmp_path / "edited.yaml"
    rules = import_rules(path, out)
    band = rules.tables[0].kpis[0].bands[1]
    assert (band.low, band.low_incl, band.high, band.high_incl, band.points) == (45, False, 80, True, 12)
    assert rules_equal(load_rules(str(out)), rules)
    assert out.read_text("utf-8") == rules.text


def test_bounds_edited_with_the_dropdown(tmp_path: Path) -> None:
    # 45–80 秒 becoming 45–80 秒 with 45 included and 80 not: the neighbours follow suit.
    path = edited(
        tmp_path,
        {
            ("试用期", "下限含/不含"): {12: "含", 13: "含"},
            ("试用期", "上限含/不含"): {11: "不含", 12: "不含"},
        },
    )
    bands = read_rules_workbook(path).rules.tables[0].kpis[0].bands
    assert [(b.low, b.low_incl, b.high, b.high_incl) for b in bands] == [
        (0, True, 45, False),
        (45, True, 80, False),
        (80, True, 100, True),
        (100, False, float("inf"), False),
    ]


def test_a_blank_bound_is_no_bound(tmp_path: Path) -> None:
    path = edited(tmp_path, {("正式", "下限"): {11: None}, ("正式", "下限含/不含"): {11: None}})
    band = read_rules_workbook(path).rules.tables[1].kpis[0].bands[0]
    assert (band.low, band.high, band.points) == (float("-inf"), 45, 15)


def test_text_in_a_number_cell_names_sheet_row_and_column(tmp_path: Path) -> None:
    path = edited(tmp_path, {("试用期", "得分"): {13: "十五分"}})
    with pytest.raises(WorkbookProblems) as info:
        rules_text_from_workbook(path)
    why = Bilingual(
        "「十五分」不是分数；否决的区间请写「否决」",
        "'十五分' is not a number of points; write 'Veto' for a band that vetoes",
    )
    # The column is named by its header as the sheet has it.
    assert info.value.items == [(Cell("试用期", 13, 4, Bilingual("得分", "得分")), why)]
    assert (
        info.value.message("zh")
        == f"{path} 工作表「试用期」第 13 行 E 列（得分）：「十五分」不是分数；否决的区间请写「否决」"
    )
    assert info.value.message("en") == (
        f"{path} sheet '试用期' row 13, column E (得分): '十五分' is not a number of points; write "
        "'Veto' for a band that vetoes"
    )


def test_every_bad_cell_is_named_at_once(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        {("试用期", "B4"): "一百", ("正式", "下限"): {13: "八十"}, ("正式", "下限含/不含"): {14: "半含"}},
    )
    with pytest.raises(WorkbookProblems) as info:
        rules_text_from_workbook(path)
    assert info.value.message("zh") == (
        f"{path} 有 3 处问题：\n"
        f"  {path} 工作表「试用期」第 4 行 B 列（满分）：「一百」不是数字\n"
        f"  {path} 工作表「正式」第 13 行 G 列（下限）：「八十」不是数字\n"
        f"  {path} 工作表「正式」第 14 行 H 列（下限含/不含）：「半含」不是可选的值（含 / 不含）"
    )


def test_loader_errors_point_at_the_cell(tmp_path: Path) -> None:
    path = edited(tmp_path, {("正式", "公式（字段名）"): {15: "回复人数 /"}})
    with pytest.raises(WorkbookProblems) as info:
        rules_text_from_workbook(path)
    letter = column(openpyxl.load_workbook(path)["正式"], "公式（字段名）")
    assert (
        info.value.message("zh")
        == f"{path} 工作表「正式」第 15 行 {letter} 列（公式（字段名））：公式无法解析：回复人数 /"
    )
    assert info.value.message("en") == (
        f"{path} sheet '正式' row 15, column {letter} (公式（字段名）): the formula cannot be read: "
        "回复人数 /"
    )


def test_a_formula_edited_with_field_names_is_read(tmp_path: Path) -> None:
    path = edited(tmp_path, {("正式", "公式（字段名）"): {15: "回复人数 / 接待人数"}})
    rules = read_rules_workbook(path).rules
    assert rules.tables[1].kpis[1].input == "回复人数 / 接待人数"
    assert rules.tables[0].kpis[1].input == "replied / inquiries"  # untouched: as the rules had it


def test_missing_sheet_is_an_error(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    del book["等级"]
    book.save(path)
    with pytest.raises(WorkbookProblems) as info:
        rules_text_from_workbook(path)
    assert info.value.message("zh") == (
        f"{path}：缺少工作表「等级」（这不像是 csreport rules export 导出的规则工作簿）"
    )


def test_a_workbook_of_the_old_layout_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "指标与区间"
    book.create_sheet("等级")
    book.save(path)
    with pytest.raises(WorkbookProblems) as info:
        rules_text_from_workbook(path)
    assert info.value.message("en") == (
        f"{path}: this rules workbook comes from an older csreport (one sheet 'KPIs and bands') and "
        "cannot be read; export the rules again with csreport rules export and edit the new workbook"
    )


def test_band_written_only_is_read_from_its_wording(tmp_path: Path) -> None:
    blank = {12: None}
    path = edited(
        tmp_path,
        {
            ("试用期", "下限"): blank,
            ("试用期", "下限含/不含"): blank,
            ("试用期", "上限"): blank,
            ("试用期", "上限含/不含"): blank,
            ("试用期", "原文条件"): {12: "60S<均响<=80S"},
        },
    )
    band = parse_rules(rules_text_from_workbook(path)).tables[0].kpis[0].bands[1]
    assert (band.low, band.low_incl, band.high, band.high_incl, band.garbled) == (60, False, 80, True, False)


def test_literal_wording_edit_counts(tmp_path: Path) -> None:
    # A literal transcription's bands are read from 原文条件, so fixing the wording fixes the band.
    path = export_rules(preset("literal"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["试用期"]
    assert ws[f"{column(ws, '原文条件')}12"].value == "60S>均响<=80S"
    assert ws[f"{column(ws, '下限')}12"].value is None
    ws[f"{column(ws, '原文条件')}12"] = "45S<均响<=80S"
    book.save(path)
    band = parse_rules(rules_text_from_workbook(path)).tables[0].kpis[0].bands[1]
    assert (band.low, band.low_incl, band.high, band.high_incl) == (45, False, 80, True)


def test_a_row_added_under_a_kpi_is_its_band(tmp_path: Path) -> None:
    # 服务态度 ends on row 26 (< 60 分 → 否决); a new last row splits it: 50–60 分 → 2 points.
    path = edited(
        tmp_path,
        {
            ("试用期", "下限"): {26: None, 27: 50},
            ("试用期", "下限含/不含"): {26: None, 27: "含"},
            ("试用期", "上限"): {26: 50, 27: 60},
            ("试用期", "上限含/不含"): {26: "不含", 27: "不含"},
            ("试用期", "得分"): {27: 2},
        },
    )
    bands = read_rules_workbook(path).rules.tables[0].kpis[3].bands
    assert [(b.low, b.high, b.points, b.veto) for b in bands[2:]] == [
        (60, 70, 5, None),
        (float("-inf"), 50, None, "服务态度得分低于 60 分"),
        (50, 60, 2, None),
    ]


def test_a_new_kpi_and_a_copied_sheet_get_ids_of_their_own(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        {
            ("正式", "指标"): {31: "加班"},
            ("正式", "权重"): {31: 0},
            ("正式", "公式（字段名）"): {31: "迟到次数"},
            ("正式", "单位"): {31: "次数"},
            ("正式", "下限"): {31: 0},
            ("正式", "下限含/不含"): {31: "含"},
            ("正式", "得分"): {31: 0},
        },
    )
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["正式"])
    copy.title = "正式 (2)"
    book.save(path)
    tables = read_rules_workbook(path).rules.tables
    assert [t.id for t in tables] == ["probation", "regular", "regular1"]
    added = tables[1].kpis[-1]
    assert (added.id, added.name, added.input, added.unit, added.bands[0].low) == (
        "kpi1",
        "加班",
        "迟到次数",
        "count",
        0,
    )


def test_profiles_are_edited_by_name(tmp_path: Path) -> None:
    path = export_rules(load_rules("multi"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["权重方案"]
    assert [c.value for c in ws[1]][:5] == ["方案", "考核表", "指标", "新权重", "方案说明"]
    assert [c.value for c in ws[2]][:5] == [
        "重服务",
        "多维度",
        "工作量（询单人数）",
        15,
        "提高响应时长、态度和满意率的权重。",
    ]
    ws["D2"] = 16
    # A row written by hand, without the hidden ids: found by the table's and the KPI's names.
    last = ws.max_row + 1
    for letter, value in zip("ABCD", ["新方案", "多维度", "销售额", 30], strict=True):
        ws[f"{letter}{last}"] = value
    book.save(path)
    profiles = read_rules_workbook(path).rules.profiles
    assert profiles[0].weights[0] == ("multi", "workload", 16)
    assert (profiles[-1].name, profiles[-1].weights) == ("新方案", (("multi", "sales", 30),))
