"""Write-back copies of the manager's workbooks: their own sheets untouched, results added."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from csreport.io.workbook import open_workbook
from csreport.model import Conclusion, MonthResult
from csreport.pipeline import RunOptions, run_month
from csreport.render.writeback import _BAD_XML, SHEET_NAME, WriteBackResult, _append_cells, write_back
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
    return dataclasses.replace(base, agents=(
        *base.agents[:3], agent("1004", HOSTILE[0], bonus=1234.5, bonus_base=1000.0),
        agent("KF9", HOSTILE[1], in_roster=False, level="", coefficient=None, total=None,
              conclusion=Conclusion.MISSING, grade=None, rank=None)))


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
    rows = [("张三", 1001, "一组", dt.date(2024, 3, 1), "正式", "老员工"),
            ("李四", 1002, "一组", dt.date(2025, 7, 15), "正式", "老员工"),
            ("王五", "1003", "二组", dt.date(2026, 9, 1), "试用期", "新人"),
            ("=HYPERLINK(\"http://x\",\"y\")", 1004, "二组", dt.date(2023, 1, 9), "正式", "老员工"),
            ("赵六", 1005, "二组", dt.date(2022, 5, 5), "正式", "资深")]
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
    ws.conditional_formatting.add("F3:F50", CellIsRule(
        operator="equal", formula=['"老员工"'], fill=PatternFill("solid", fgColor="FFFFC7CE")))
    hidden = wb.create_sheet("旧数据")
    hidden["A1"], hidden.sheet_state = "去年的数据", "hidden"
    wb.defined_names["花名册区域"] = DefinedName("花名册区域", attr_text="'花名册'!$A$2:$G$7")
    if HAVE_PIL:  # openpyxl needs Pillow for images
        from PIL import Image

        Image.new("RGB", (24, 24), "red").save(png := io.BytesIO(), "PNG")
        ws.add_image(SheetImage(png), "J2")
    wb.save(path)
    return path


def sha(path: Path) -> str:
    """The file's content hash, to prove an original was never touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def style_of(cell: Any) -> tuple[Any, ...]:
    """A cell's value and formatting, comparable with ``==`` (style proxies compare by identity)."""
    return (cell.value, cell.data_type, cell.number_format,
            *(copy.copy(getattr(cell, a)) for a in ("font", "fill", "border", "alignment", "protection")))


def sheet_facts(ws: Any) -> dict[str, Any]:
    """Everything about a sheet that write-back must leave alone, except its cells."""
    return {"merges": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
            "validations": [(str(v.sqref), v.type, v.formula1) for v in ws.data_validations.dataValidation],
            "conditional": sorted(str(cf.sqref) for cf in ws.conditional_formatting),
            "state": ws.sheet_state, "freeze": ws.freeze_panes, "images": len(ws._images)}


def assert_sheets_unchanged(before: Path, after: Path, rows: int = 0, cols: int = 0) -> None:
    """Every original sheet is cell-for-cell identical (within ``rows`` × ``cols`` if given)."""
    old, new = openpyxl.load_workbook(before), openpyxl.load_workbook(after)
    assert new.sheetnames[: len(old.sheetnames)] == old.sheetnames
    assert {n: d.attr_text for n, d in new.defined_names.items()} == \
        {n: d.attr_text for n, d in old.defined_names.items()}
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
        assert any(b[:m.start()] + b[m.end():] == old[name]
                   for m in re.finditer(rb"<(?:\w+:)?(?:sheet|Relationship|Override)\b[^>]*/>", b)), name
    return changed


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    """A sheet's values as python-calamine reads them."""
    with path.open("rb") as fh:
        return CalamineWorkbook.from_filelike(fh).get_sheet_by_name(sheet).to_python()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """The manager's roster workbook, alone in its input folder."""
    (tmp_path / "in").mkdir()
    return manager_book(tmp_path / "in" / "花名册.xlsx")


def test_copy_keeps_original_sheets_and_adds_results(book: Path, tmp_path: Path) -> None:
    assert sheet_facts(openpyxl.load_workbook(book)["花名册"])["images"] == int(HAVE_PIL)
    digest, out = sha(book), tmp_path / "out" / "花名册_考核结果.xlsx"
    assert write_back([book], month(), tmp_path / "out") == WriteBackResult((out,), ())
    assert sha(book) == digest
    assert_sheets_unchanged(book, out)
    assert set(zip_parts(out)) - set(zip_parts(book)) == {"xl/worksheets/sheet3.xml"}
    assert changed_parts(book, out) == META_PARTS
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [out.name]  # no temporary files
    ws = openpyxl.load_workbook(out)[SHEET_NAME]
    assert ws.parent.sheetnames == ["花名册", "旧数据", SHEET_NAME]
    got = [[c.value for c in row] for row in ws.iter_rows()]
    assert got[0] == HEADER
    assert got[1] == [1001, "张三", "一组", "正式", 90, "合格", None, "A", "老员工", 1.2, None, 1]
    assert got[2][:7] == [1002, "李四", "一组", "正式", 55, "不予上岗", "平均响应时长超过 100 秒"]
    assert got[3][4:6] == [None, "缺数据"]
    assert got[4][10] == 1234.5
    assert [r[0] for r in got[1:]] == [1001, 1002, 1003, 1004, "KF9"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:L6"
    assert ws.column_dimensions["G"].width >= 20  # wide enough for the Chinese veto reason
    # Text that looks like a formula stays text: no formula, no hyperlink.
    assert [(ws[c].value, ws[c].data_type, ws[c].hyperlink) for c in ("B5", "B6")] == \
        [(h, "s", None) for h in HOSTILE]
    assert [r[:2] for r in calamine_rows(out, SHEET_NAME)[::4]] == [HEADER[:2], [1004.0, HOSTILE[0]]]
    assert b"<f>" not in zip_parts(out)["xl/worksheets/sheet3.xml"]  # workbook text is never a formula


def test_roster_columns_are_appended_by_agent_id(book: Path, tmp_path: Path) -> None:
    digest = sha(book)
    out = write_back([book], month(), tmp_path / "out", columns=True).written[0]
    assert sha(book) == digest
    assert_sheets_unchanged(book, out, rows=7, cols=7)
    ws = openpyxl.load_workbook(out)["花名册"]
    assert [ws.cell(2, c).value for c in range(8, 12)] == ["总分", "结论", "级别", "系数"]
    assert ws.cell(2, 8)._style == ws.cell(2, 7)._style  # the new headers look like the old ones
    table = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(8, 12)] for r in range(3, 8)}
    assert table == {1001: [90, "合格", "老员工", 1.2], 1002: [55, "不予上岗", "老员工", 0.6],
                     "1003": [None, "缺数据", "老员工", None], 1004: [90, "合格", "老员工", 1.2],
                     1005: [None, None, None, None]}
    assert ws.max_column == 11 and ws.cell(1, 8).value is None
    assert calamine_rows(out, "花名册")[2][7:11] == [90.0, "合格", "老员工", 1.2]
    assert changed_parts(book, out) == {*META_PARTS, "xl/worksheets/sheet1.xml"}


def test_bundled_samples_get_their_results(tmp_path: Path) -> None:
    files = sorted(SAMPLES.glob("*.xlsx"))
    hashes = [sha(p) for p in files]
    result = run_month(files, RunOptions(out_dir=tmp_path / "run", pdf=False)).result
    done = write_back(files, result, tmp_path / "out", columns=True, lang="en")
    assert len(done.written) == len(files) and done.skipped == () and [sha(p) for p in files] == hashes
    ws = openpyxl.load_workbook(tmp_path / "out" / "花名册_考核结果.xlsx")["花名册"]
    head = [c.value for c in ws[1]]
    assert head[-4:] == ["Total", "Conclusion", "级别", "系数"]
    col = {h: i for i, h in enumerate(head)}  # the roster's own 级别 comes first, ours last
    by_id, en = {a.agent_id: a for a in result.agents}, {"合格": "Pass", "缺数据": "Missing data"}
    for row in ws.iter_rows(min_row=2, values_only=True):
        a = by_id[str(row[col["工号"]])]
        assert [row[col[h]] for h in ("Total", "级别", "系数")] == [a.total, a.level or None, a.coefficient]
        assert row[col["Conclusion"]] == en.get(a.conclusion.value, a.conclusion.value)
    for path in done.written:
        assert calamine_rows(path, SHEET_NAME)[0][:3] == ["工号", "Name", "Group"]


def test_append_cells_keeps_other_bytes_and_column_order() -> None:
    xml = ('<x:worksheet xmlns:x="urn:main"><x:dimension ref="A1:C4"/><x:sheetData>'
           '<x:row r="1" spans="1:3" x14ac:dyDescent="0.25">'
           '<x:c r="A1" t="s" s="5"><x:v>0</x:v></x:c></x:row>'
           "<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c s=\"2\"/></x:row>"
           '<x:row r="4"/></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="D1:E2"/>'
           "</x:mergeCells></x:worksheet>")
    out = _append_cells(xml, 1, {1: ["总分"], 2: [7.5], 3: ["<&>"], 4: [None]}, "zh")
    assert out.startswith('<x:worksheet xmlns:x="urn:main"><x:dimension ref="A1:F4"/>')
    assert ('<x:row r="1" spans="1:6" x14ac:dyDescent="0.25"><x:c r="A1" t="s" s="5"><x:v>0</x:v></x:c>'
            '<x:c r="F1" s="5" t="inlineStr"><x:is><x:t xml:space="preserve">总分</x:t></x:is></x:c></x:row>'
            in out)
    assert '<x:c s="2"/><x:c r="F2"><x:v>7.5</x:v></x:c></x:row>' in out  # after the merge D1:E2
    assert '</x:row><x:row r="3"><x:c r="F3" t="inlineStr"><x:is><x:t xml:space="preserve">' \
           '&lt;&amp;&gt;</x:t></x:is></x:c></x:row><x:row r="4"></x:row>' in out
    assert out.endswith('<x:mergeCells count="1"><x:mergeCell ref="D1:E2"/></x:mergeCells></x:worksheet>')


def test_folders_of_mixed_inputs(book: Path, tmp_path: Path) -> None:
    """Bad inputs are skipped with a reason; macros, names and the originals survive."""
    folder, other = book.parent, tmp_path / "other"
    (folder / "接待.csv").write_text("工号,接待人数\n1001,5\n", encoding="utf-8")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # what .xls and encrypted .xlsx files are
    (folder / "旧考勤.xls").write_bytes(ole)
    (folder / "加密.xlsx").write_bytes(ole)
    (folder / "坏.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "~$花名册.xlsx").write_bytes(b"lock")
    wb = openpyxl.load_workbook(book)
    wb.create_sheet(SHEET_NAME)  # a sheet of that name is already taken
    other.mkdir()
    wb.save(other / book.name)
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(folder / "宏.xlsm", "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/vbaProject.bin", b"\x01fake vba project\x00" * 50)
    hashes = {p: sha(p) for p in [*folder.iterdir(), *other.iterdir()]}
    result = write_back([folder, other], month(), tmp_path / "out", columns=True)
    assert dict(result.skipped) == {"接待.csv": "writeback.unsupported", "坏.xlsx": "writeback.failed",
                                    "旧考勤.xls": "writeback.unsupported", "加密.xlsx": "writeback.encrypted"}
    names = ["宏_考核结果.xlsm", "花名册_考核结果.xlsx", "花名册_考核结果2.xlsx"]
    assert [p.name for p in result.written] == names
    # No temporary files are left behind.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    assert {p: sha(p) for p in hashes} == hashes
    vba = zip_parts(result.written[0])["xl/vbaProject.bin"]
    assert vba == zip_parts(folder / "宏.xlsm")["xl/vbaProject.bin"]
    assert openpyxl.load_workbook(result.written[2]).sheetnames[-2:] == [SHEET_NAME, f"{SHEET_NAME}2"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40).filter(lambda s: not re.search("_x[0-9a-fA-F]{4}_", s)))
def test_any_name_reads_back_as_written(tmp_path: Path, name: str) -> None:
    book = tmp_path / "n.xlsx"
    if not book.exists():
        openpyxl.Workbook().save(book)
    data = dataclasses.replace(month(), agents=(agent("1001", name),))
    out = write_back([book], data, tmp_path / "out").written[0]
    # XML cannot hold control characters, and XML parsers turn a carriage return into \n.
    legal = _BAD_XML.sub("", name).replace("\r\n", "\n").replace("\r", "\n")
    assert calamine_rows(out, SHEET_NAME)[1][1] == legal


@pytest.mark.skipif(not REAL, reason="../shared/realworld-xlsx is not beside the repo")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_world_workbooks(path: Path, tmp_path: Path) -> None:
    shutil.copyfile(path, src := tmp_path / path.name)
    digest = sha(src)
    result = write_back([src], month(), tmp_path / "out", columns=True)
    assert sha(src) == digest
    if path.read_bytes()[:4] != b"PK\x03\x04":
        assert result.skipped == ((src.name, "writeback.encrypted"),)
        return
    assert result.skipped == ()
    (out,) = result.written
    old = {s.name: s.rows for s in open_workbook(src)}  # streamed: one file declares A1:XFD1048576
    new = {s.name: s.rows for s in open_workbook(out)}
    assert list(new) == [*old, SHEET_NAME]
    assert {k: v for k, v in new.items() if k != SHEET_NAME} == old
    assert new[SHEET_NAME][0] == HEADER
    assert openpyxl.load_workbook(out)[SHEET_NAME]["A1"].value == "工号"
    assert changed_parts(src, out) == META_PARTS
