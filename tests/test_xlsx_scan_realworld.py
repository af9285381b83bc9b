"""The xlsx scan on real-world workbooks and at scale: right flags, no exceptions, and fast.

The real-world files live in ``../shared/realworld-xlsx`` beside the repo (those tests skip
without it); a 155,000-row sheet must scan within a hang guard, and the fast byte scan must
agree with the streaming XML parse. Hand-built packages are in ``test_xlsx_scan_parts.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import xlsxwriter

from csreport.inputs.xlsx_scan import CellFlag, WorkbookScan, scan_workbook
from tests.xlsx_scan_helpers import EMPTY, SHARED, needs_shared, part_text, replace_part


@needs_shared
def test_realworld_cached_errors() -> None:
    flags = scan_workbook(SHARED / "calamine__errors.xlsx").flags

    assert list(flags) == ["Feuil1"]
    assert all(f.kind == "error" and f.col == 0 for f in flags["Feuil1"])
    assert {f.text for f in flags["Feuil1"]} >= {"#DIV/0!", "#REF!", "#VALUE!", "#N/A"}
    assert CellFlag(5, 0, "error", "#REF!") in flags["Feuil1"]  # the external-link formula [1]Feuil8!A1


@needs_shared
def test_realworld_date1904() -> None:
    assert scan_workbook(SHARED / "calamine__date_1904.xlsx") == WorkbookScan(True, {})
    assert scan_workbook(SHARED / "calamine__date_1904.xls") == EMPTY


@needs_shared
@pytest.mark.parametrize(
    "name", ["calamine__issue_261.xlsx", "calamine__issue_553.xlsx", "calamine__issue_174.xlsx"]
)
def test_realworld_files_without_flags_scan_quickly(name: str) -> None:
    started = time.perf_counter()
    scan = scan_workbook(SHARED / name)
    elapsed = time.perf_counter() - started
    print(f"{name}: {elapsed:.3f} s")
    assert scan == EMPTY
    assert elapsed < 5


@needs_shared
def test_implicit_positions_in_realworld_file(tmp_path: Path) -> None:
    # issue_261 has no r= on its first rows and cells; row 8 follows an explicit <row r="7">.
    path = tmp_path / "issue_261.xlsx"
    path.write_bytes((SHARED / "calamine__issue_261.xlsx").read_bytes())
    xml = part_text(path, "xl/worksheets/sheet1.xml")
    xml = xml.replace('<c s="9"/>', '<c s="9" t="e"><v>#N/A</v></c>', 1)
    row8 = xml.index('<row ht="13.5" customHeight="1">')
    cell = xml.index('<c s="6"/>', row8)
    xml = xml[:cell] + '<c s="6"><f>B8*2</f></c>' + xml[cell + len('<c s="6"/>') :]
    replace_part(path, "xl/worksheets/sheet1.xml", xml)

    assert scan_workbook(path).flags == {
        "Some Sheet": (CellFlag(1, 1, "error", "#N/A"), CellFlag(8, 2, "no_cache", "B8*2"))
    }


@needs_shared
def test_every_realworld_file_scans_without_raising() -> None:
    for path in sorted(SHARED.iterdir()):
        assert isinstance(scan_workbook(path), WorkbookScan), path


def test_155000_row_sheet(tmp_path: Path) -> None:
    path = tmp_path / "month.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("接待数据")
    ws.write_row(0, 0, ["工号", "日期", "接待人数", "满意度"])
    for row in range(1, 155_000):
        ws.write_row(row, 0, [f"A{row % 5000:04d}", 46000 + row % 31, row % 97, (row % 100) / 100])
        if row == 154_990:  # constant_memory drops cells written out of row order
            ws.write_formula(row, 4, "=C154991/0", None, "#DIV/0!")
    wb.close()

    started = time.perf_counter()
    scan = scan_workbook(path)
    elapsed = time.perf_counter() - started
    print(f"155,000 x 4 sheet with one formula: scanned in {elapsed:.2f} s")

    assert scan.flags == {"接待数据": (CellFlag(154_991, 4, "error", "#DIV/0!"),)}
    assert elapsed < 10  # a hang guard, not a benchmark


def test_byte_scan_agrees_with_the_xml_parse(tmp_path: Path) -> None:
    """The fast path must find exactly what the streaming parse finds."""
    import zipfile

    from csreport.inputs import xlsx_scan
    from csreport.inputs.xlsx_scan_fast import fast_scan

    path = tmp_path / "mixed.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("s")
    for r in range(50):
        ws.write_number(r, 0, r)
        ws.write_formula(r, 1, f"=A{r + 1}*2", None, r * 2)
    ws.write_formula(10, 2, "=1/0", None, "#DIV/0!")
    ws.write_formula(20, 2, '=IF(A1>0,"<&>","")', None, "")
    wb.close()
    files = [path, *(p for p in SHARED.glob("*.xlsx") if p.name != "calamine__pass_protected.xlsx")]
    for file in files:
        with zipfile.ZipFile(file) as zf:
            for info in zf.infolist():
                if not info.filename.startswith("xl/worksheets/sheet"):
                    continue
                data = zf.read(info)
                fast = fast_scan(data, 10_000, 80)
                slow: list = []
                with zf.open(info) as fh:
                    xlsx_scan._collect(fh, slow)
                if fast is not None:
                    assert sorted(fast) == sorted((f.row, f.col, f.kind, f.text) for f in slow), file
