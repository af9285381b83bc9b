"""Shared pieces of the write-back tests: a manager's roster workbook, results, and comparisons.

:func:`manager_book` writes a hand-kept roster with the features a real file has (merges,
styles, validation, conditional formats, a hidden sheet, a defined name, an image);
:func:`month` gives results for it and :func:`rows` what write-back writes of them; the rest
hash files, compare sheets cell by cell, and diff the zip parts, to prove write-back touched
nothing of the manager's own. Used by the ``test_writeback_*.py`` files.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from csreport.inputs.workbook import iter_files
from csreport.inputs.writeback import ResultRows
from csreport.outputs.columns import writeback_rows
from csreport.results import Conclusion, MonthResult
from tests.factories import agent, sample_month

SHARED = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"
REAL = sorted(SHARED.glob("*.xlsx")) if SHARED.is_dir() else []
SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
HAVE_PIL = importlib.util.find_spec("PIL") is not None
HEADER = "工号 姓名 组别 考核表 总分 结论 否决原因 等级 级别 系数 绩效奖金 排名".split()
HOSTILE = ('=HYPERLINK("http://x","y")', "@SUM(1)")
META_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}


def month() -> MonthResult:
    """Results for roster agents 1001-1003 plus two hostile names; roster agent 1005 has none."""
    base = sample_month()
    return dataclasses.replace(
        base,
        agents=(
            *base.agents[:3],
            agent("1004", HOSTILE[0], bonus=1234.5, bonus_base=1000.0),
            agent(
                "KF9",
                HOSTILE[1],
                in_roster=False,
                level="",
                coefficient=None,
                total=None,
                conclusion=Conclusion.MISSING,
                grade=None,
                rank=None,
            ),
        ),
    )


def rows(results: MonthResult | None = None, lang: str = "zh") -> ResultRows:
    """What write-back gets for ``results`` (default :func:`month`): rows made from the column spec."""
    return writeback_rows((results or month()).agents, lang)


def manager_book(path: Path) -> Path:
    """A hand-kept roster workbook with the features a manager's file really has."""
    ws = (wb := openpyxl.Workbook()).active
    ws.title = "花名册"
    ws["A1"], ws["A1"].font = "2026年10月 客服花名册", Font(bold=True, size=16, color="FF1F4E79")
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells("A1:G1")
    for col, text in enumerate(["姓名", "工号", "组别", "入职日期", "岗位状态", "级别", "备注"], 1):
        cell = ws.cell(2, col, text)
        cell.font, cell.fill = Font(bold=True, color="FFFFFFFF"), PatternFill("solid", fgColor="FF4472C4")
        cell.border = Border(bottom=Side(style="thin"), top=Side(style="medium"))
    rows = [
        ("张三", 1001, "一组", dt.date(2024, 3, 1), "正式", "老员工"),
        ("李四", 1002, "一组", dt.date(2025, 7, 15), "正式", "老员工"),
        ("王五", "1003", "二组", dt.date(2026, 9, 1), "试用期", "新人"),
        ('=HYPERLINK("http://x","y")', 1004, "二组", dt.date(2023, 1, 9), "正式", "老员工"),
        ("赵六", 1005, "二组", dt.date(2022, 5, 5), "正式", "资深"),
    ]
    for r, values in enumerate(rows, 3):
        for c, value in enumerate(values, 1):
            ws.cell(r, c, value)
        ws.cell(r, 4).number_format = "yyyy-mm-dd"
        ws.cell(r, 1).fill = PatternFill("solid", fgColor="FFFFF2CC")
    ws.cell(6, 1).data_type = "s"  # the hostile name is text in the manager's own file too
    ws["G3"] = "=B3*2"
    for letter, width in zip("ABCDEFG", (12, 10, 8, 14, 10, 10, 16), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    ws.add_data_validation(dv := DataValidation(type="list", formula1='"试用期,正式"', allow_blank=True))
    dv.add("E3:E50")
    ws.conditional_formatting.add(
        "F3:F50",
        CellIsRule(operator="equal", formula=['"老员工"'], fill=PatternFill("solid", fgColor="FFFFC7CE")),
    )
    hidden = wb.create_sheet("旧数据")
    hidden["A1"], hidden.sheet_state = "去年的数据", "hidden"
    wb.defined_names["花名册区域"] = DefinedName("花名册区域", attr_text="'花名册'!$A$2:$G$7")
    if HAVE_PIL:  # openpyxl needs Pillow for images
        from PIL import Image

        Image.new("RGB", (24, 24), "red").save(png := io.BytesIO(), "PNG")
        ws.add_image(SheetImage(png), "J2")
    wb.save(path)
    return path


def scored(*inputs: Path) -> dict[Path, str]:
    """The files under ``inputs`` with the digests of their bytes now, as a run passes them to
    write-back (``Dataset.read_digests``): "these are the bytes that were scored"."""
    return {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in iter_files(list(inputs))}


def sha(path: Path) -> str:
    """The file's content hash, to prove an original was never touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def style_of(cell: Any) -> tuple[Any, ...]:
    """A cell's value and formatting, comparable with ``==`` (style proxies compare by identity)."""
    return (
        cell.value,
        cell.data_type,
        cell.number_format,
        *(copy.copy(getattr(cell, a)) for a in ("font", "fill", "border", "alignment", "protection")),
    )


def sheet_facts(ws: Any) -> dict[str, Any]:
    """Everything about a sheet that write-back must leave alone, except its cells."""
    return {
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
        "validations": [(str(v.sqref), v.type, v.formula1) for v in ws.data_validations.dataValidation],
        "conditional": sorted(str(cf.sqref) for cf in ws.conditional_formatting),
        "state": ws.sheet_state,
        "freeze": ws.freeze_panes,
        "images": len(ws._images),
    }


def assert_sheets_unchanged(before: Path, after: Path, rows: int = 0, cols: int = 0) -> None:
    """Every original sheet is cell-for-cell identical (within ``rows`` × ``cols`` if given)."""
    old, new = openpyxl.load_workbook(before), openpyxl.load_workbook(after)
    assert new.sheetnames[: len(old.sheetnames)] == old.sheetnames
    assert {n: d.attr_text for n, d in new.defined_names.items()} == {
        n: d.attr_text for n, d in old.defined_names.items()
    }
    for name in old.sheetnames:
        a, b = old[name], new[name]
        assert sheet_facts(b) == sheet_facts(a), name
        for row in a.iter_rows(max_row=rows or a.max_row, max_col=cols or a.max_column):
            for cell in row:
                assert style_of(b[cell.coordinate]) == style_of(cell), (name, cell.coordinate)


def zip_parts(path: Path) -> dict[str, bytes]:
    """Every part of a package, by name."""
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def changed_parts(before: Path, after: Path) -> set[str]:
    """Parts of ``before`` whose bytes differ in ``after``; each metadata edit is one insertion."""
    old, new = zip_parts(before), zip_parts(after)
    changed = {n for n in old if old[n] != new[n]}
    for name in changed & META_PARTS:
        b = new[name]
        assert any(
            b[: m.start()] + b[m.end() :] == old[name]
            for m in re.finditer(rb"<(?:\w+:)?(?:sheet|Relationship|Override)\b[^>]*/>", b)
        ), name
    return changed


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    """A sheet's values as python-calamine reads them."""
    with path.open("rb") as fh:
        return CalamineWorkbook.from_filelike(fh).get_sheet_by_name(sheet).to_python()
