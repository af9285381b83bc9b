"""A sheet of instructions beside the data (说明, 填写说明 …) is passed over quietly, while any
other sheet csreport cannot place is still named in a note."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from csreport.api import check_month
from csreport.util.resources import sample_workbooks_dir


def _with_sheet(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(sample_workbooks_dir(), folder)
    book = openpyxl.load_workbook(folder / "花名册.xlsx")
    sheet = book.create_sheet(name, 0)
    sheet["A1"] = "花名册模板"
    sheet["A2"] = "每行一位客服：工号、姓名、组别、级别、岗位状态。"
    book.save(folder / "花名册.xlsx")
    return folder


def _sheet_notes(folder: Path) -> list[tuple[str, str]]:
    report = check_month([folder])
    return [(p.sheet or "", p.code) for p in report.problems if p.code == "sheet.unrecognised"]


def test_a_notes_sheet_is_not_a_problem(tmp_path: Path) -> None:
    folder = _with_sheet(tmp_path, "说明")
    report = check_month([folder])
    assert _sheet_notes(folder) == []
    readings = [r for r in report.dataset.sheets if r.sheet == "说明"] if report.dataset else []
    assert [r.lines("zh")[0] for r in readings] == [
        "花名册.xlsx · 说明：说明页（填写说明），只供阅读，未读取。"
    ]
    assert [r.lines("en")[0] for r in readings] == [
        "花名册.xlsx · 说明: a notes sheet (说明: how to fill the data in), for reading only; not read."
    ]


def test_any_other_unplaced_sheet_is_still_named(tmp_path: Path) -> None:
    folder = _with_sheet(tmp_path, "备忘")
    assert _sheet_notes(folder) == [("备忘", "sheet.unrecognised")]
