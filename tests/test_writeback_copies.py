"""Write-back copies of the manager's workbooks: their own sheets untouched, results added.

A results sheet is added to a copy, or result columns are appended to the roster by 工号;
the bundled samples get theirs too, and a folder of mixed inputs is handled file by file.
Shared helpers are in ``tests/writeback_helpers.py``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from csreport.api import RunOptions, run_month
from csreport.inputs.writeback import SHEET_NAME, WriteBackResult, write_back
from csreport.messages import translate
from tests.writeback_helpers import (
    HAVE_PIL,
    HEADER,
    HOSTILE,
    META_PARTS,
    SAMPLES,
    assert_sheets_unchanged,
    calamine_rows,
    changed_parts,
    manager_book,
    rows,
    scored,
    sha,
    sheet_facts,
    zip_parts,
)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """The manager's roster workbook, alone in its input folder."""
    (tmp_path / "in").mkdir()
    return manager_book(tmp_path / "in" / "花名册.xlsx")


def test_copy_keeps_original_sheets_and_adds_results(book: Path, tmp_path: Path) -> None:
    assert sheet_facts(openpyxl.load_workbook(book)["花名册"])["images"] == int(HAVE_PIL)
    digest, out = sha(book), tmp_path / "out" / "花名册_考核结果.xlsx"
    assert write_back(scored(book), rows(), tmp_path / "out") == WriteBackResult((out,), ())
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
    assert [(ws[c].value, ws[c].data_type, ws[c].hyperlink) for c in ("B5", "B6")] == [
        (h, "s", None) for h in HOSTILE
    ]
    assert [r[:2] for r in calamine_rows(out, SHEET_NAME)[::4]] == [HEADER[:2], [1004.0, HOSTILE[0]]]
    assert b"<f>" not in zip_parts(out)["xl/worksheets/sheet3.xml"]  # workbook text is never a formula


def test_roster_columns_are_appended_by_agent_id(book: Path, tmp_path: Path) -> None:
    digest = sha(book)
    out = write_back(scored(book), rows(), tmp_path / "out", columns=True).written[0]
    assert sha(book) == digest
    assert_sheets_unchanged(book, out, rows=7, cols=7)
    ws = openpyxl.load_workbook(out)["花名册"]
    assert [ws.cell(2, c).value for c in range(8, 12)] == ["总分", "结论", "级别", "系数"]
    assert ws.cell(2, 8)._style == ws.cell(2, 7)._style  # the new headers look like the old ones
    table = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(8, 12)] for r in range(3, 8)}
    assert table == {
        1001: [90, "合格", "老员工", 1.2],
        1002: [55, "不予上岗", "老员工", 0.6],
        "1003": [None, "缺数据", "老员工", None],
        1004: [90, "合格", "老员工", 1.2],
        1005: [None, None, None, None],
    }
    assert ws.max_column == 11 and ws.cell(1, 8).value is None
    assert calamine_rows(out, "花名册")[2][7:11] == [90.0, "合格", "老员工", 1.2]
    assert changed_parts(book, out) == {*META_PARTS, "xl/worksheets/sheet1.xml"}


def test_bundled_samples_get_their_results(tmp_path: Path) -> None:
    files = sorted(SAMPLES.glob("*.xlsx"))
    hashes = [sha(p) for p in files]
    result = run_month(files, RunOptions(out_dir=tmp_path / "run", pdf=False)).result
    done = write_back(scored(*files), rows(result, "en"), tmp_path / "out", columns=True, lang="en")
    assert len(done.written) == len(files) and done.skipped == () and [sha(p) for p in files] == hashes
    ws = openpyxl.load_workbook(tmp_path / "out" / "花名册_考核结果.xlsx")["花名册"]
    head = [c.value for c in ws[1]]
    # English labels name the domain term too; the roster's own headers (工号, 级别) are its data.
    assert head[-4:] == ["Total", "Conclusion", "Level (级别)", "Coefficient (系数)"]
    col = {h: i for i, h in enumerate(head)}
    by_id = {a.agent_id: a for a in result.agents}
    for row in ws.iter_rows(min_row=2, values_only=True):
        a = by_id[str(row[col["工号"]])]
        assert [row[col[h]] for h in ("Total", "Level (级别)", "Coefficient (系数)")] == [
            a.total,
            a.level or None,
            a.coefficient,
        ]
        assert row[col["Conclusion"]] == translate(a.conclusion.code, "en")
    for path in done.written:
        assert calamine_rows(path, SHEET_NAME)[0][:3] == ["Agent ID (工号)", "Name", "Group"]


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
    result = write_back(scored(folder, other), rows(), tmp_path / "out", columns=True)
    assert dict(result.skipped) == {
        "接待.csv": "writeback.unsupported",
        "坏.xlsx": "writeback.failed",
        "旧考勤.xls": "writeback.unsupported",
        "加密.xlsx": "writeback.encrypted",
    }
    names = ["宏_考核结果.xlsm", "花名册_考核结果.xlsx", "花名册_考核结果2.xlsx"]
    assert [p.name for p in result.written] == names
    # No temporary files are left behind.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    assert {p: sha(p) for p in hashes} == hashes
    vba = zip_parts(result.written[0])["xl/vbaProject.bin"]
    assert vba == zip_parts(folder / "宏.xlsm")["xl/vbaProject.bin"]
    assert openpyxl.load_workbook(result.written[2]).sheetnames[-2:] == [SHEET_NAME, f"{SHEET_NAME}2"]
