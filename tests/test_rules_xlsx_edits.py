"""The editable rules workbook: dropdowns where choices go, manager edits read back, bad cells named.

Exported sheets carry list validation on every choice column; a manager's edit to points or
to a band's wording (原文) is what gets imported; text in a number cell, a broken formula or
a missing sheet is an error naming the sheet and cell. Round trips are in
``test_rules_xlsx_roundtrip.py``.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from csreport.problems import CsreportError
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.serialize import rules_equal
from csreport.rules.workbook.transfer import export_rules, import_rules, rules_text_from_workbook
from tests.rules_xlsx_helpers import column, preset


def test_dropdowns_sit_on_the_choice_columns(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["指标与区间"]
    found = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    expected = {
        "下限包含": '"是,否"',
        "上限包含": '"是,否"',
        "结果": '"得分,否决"',
        "行类型": '"区间,否决条件,指标,考核表"',
        "评分方式": '"分段,线性,排名,按次"',
        "缺数据处理": '"不评分,不计入并折算,记0分"',
        "单位": '"秒,%,分数,次数,元"',
        "较好方向": '"越高越好,越低越好"',
    }
    for header, formula in expected.items():
        assert found.get(f"{column(ws, header)}2") == formula, header
    for dv in ws.data_validations.dataValidation:
        # Each dropdown covers its whole column below the header, with room for new rows.
        first, last = str(dv.sqref).split(":")
        assert dv.type == "list" and first.endswith("2")
        assert first.rstrip("0123456789") == last.rstrip("0123456789")
        assert int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) >= ws.max_row + 100
    grades = book["等级"]
    kinds = {str(dv.sqref): dv.formula1 for dv in grades.data_validations.dataValidation}
    assert any(
        ref.startswith(f"{column(grades, '类型')}2") and f == '"分数线,满分比例,不予上岗"'
        for ref, f in kinds.items()
    )
    assert ws.freeze_panes == "A2" and grades.freeze_panes == "A2"
    assert {"指标与区间", "级别与系数", "等级", "权重方案", "说明"} <= set(book.sheetnames)


def test_manager_edits_points_and_imports(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["指标与区间"]
    # Row 3 is the probation table's second avg_response band, (45, 80] → 15 points.
    assert ws[f"{column(ws, '指标id')}3"].value == "avg_response"
    assert ws[f"{column(ws, '得分')}3"].value == 15
    ws[f"{column(ws, '得分')}3"] = 12
    book.save(path)
    out = tmp_path / "edited.yaml"
    rules = import_rules(path, out)
    band = rules.tables[0].kpis[0].bands[1]
    assert (band.low, band.high, band.points) == (45, 80, 12)
    assert rules_equal(load_rules(str(out)), rules)
    assert out.read_text("utf-8") == rules.text


def edited_export(tmp_path: Path, header: str, row: int, value: str) -> tuple[Path, str]:
    """The standard rules exported, with one cell of 指标与区间 overwritten; and that cell."""
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["指标与区间"]
    cell = f"{column(ws, header)}{row}"
    ws[cell] = value
    book.save(path)
    return path, cell


def test_text_in_a_number_cell_names_sheet_and_cell(tmp_path: Path) -> None:
    path, cell = edited_export(tmp_path, "得分", 4, "十五分")
    with pytest.raises(CsreportError) as info:
        rules_text_from_workbook(path)
    assert info.value.code == "rules.invalid"
    assert info.value.params["path"] == f"指标与区间!{cell}"
    assert info.value.params["line"] == 4
    assert "十五分" in info.value.message("zh")


def test_loader_errors_point_at_the_cell(tmp_path: Path) -> None:
    path, cell = edited_export(tmp_path, "输入公式", 2, "replied /")
    with pytest.raises(CsreportError) as info:
        rules_text_from_workbook(path)
    assert info.value.params["path"] == f"指标与区间!{cell}"


def test_missing_sheet_is_an_error(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    del book["等级"]
    book.save(path)
    with pytest.raises(CsreportError) as info:
        rules_text_from_workbook(path)
    assert info.value.params["path"] == "等级"


def test_band_written_only_is_read_from_its_wording(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["指标与区间"]
    for header in ("下限", "下限包含", "上限", "上限包含"):
        ws[f"{column(ws, header)}3"] = None
    ws[f"{column(ws, '原文')}3"] = "60S<均响<=80S"
    book.save(path)
    band = parse_rules(rules_text_from_workbook(path)).tables[0].kpis[0].bands[1]
    assert (band.low, band.low_incl, band.high, band.high_incl, band.garbled) == (60, False, 80, True, False)


def test_literal_wording_edit_counts(tmp_path: Path) -> None:
    # A literal transcription's bands are read from 原文, so fixing the wording fixes the band.
    path = export_rules(preset("literal"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["指标与区间"]
    assert ws[f"{column(ws, '原文')}3"].value == "60S>均响<=80S"
    assert ws[f"{column(ws, '下限')}3"].value is None
    ws[f"{column(ws, '原文')}3"] = "45S<均响<=80S"
    book.save(path)
    band = parse_rules(rules_text_from_workbook(path)).tables[0].kpis[0].bands[1]
    assert (band.low, band.low_incl, band.high, band.high_incl) == (45, False, 80, True)
