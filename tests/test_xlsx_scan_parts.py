"""The xlsx scan finds formulas without a cached value and cached error values, in any package.

Workbooks from openpyxl and XlsxWriter, and hand-built packages covering Excel's empty-string
results, implicit cell positions, prefixed namespaces, shared formulas, UTF-16 parts, the
per-sheet cap, truncated or oversized parts and files that are not OOXML at all. Real-world
files and speed are in ``test_xlsx_scan_realworld.py``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter

from csreport.inputs.xlsx_scan import MAX_FLAGS_PER_SHEET, CellFlag, scan_workbook
from tests.xlsx_scan_helpers import EMPTY, part_text, replace_part, sheet_xml, write_package


def test_openpyxl_formulas_have_no_cache(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "接待数据"
    ws.append(["接待人数", "咨询人数", "转化率"])
    ws.append([10, 0])
    ws["C2"] = "=A2/B2"
    ws["C3"] = "=SUM(A2:A2)/" + "B2+" * 40 + "1"
    wb.create_sheet("说明").append(["plain text only"])
    wb.save(tmp_path / "book.xlsx")

    scan = scan_workbook(tmp_path / "book.xlsx")

    assert scan.date1904 is False
    assert list(scan.flags) == ["接待数据"]
    first, second = scan.flags["接待数据"]
    assert first == CellFlag(row=2, col=2, kind="no_cache", text="A2/B2")
    assert (second.row, second.col, second.kind, len(second.text)) == (3, 2, "no_cache", 80)


def test_xlsxwriter_cached_error_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "errors.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    ws.write_formula("C2", "=1/0", None, "#DIV/0!")
    ws.write_formula("D5", "=NA()", None, "#N/A")
    wb.close()
    xml = part_text(path, "xl/worksheets/sheet1.xml")
    if '<c r="C2" t="e">' not in xml:  # an XlsxWriter that stops typing the cached error
        xml = xml.replace('<c r="C2">', '<c r="C2" t="e">').replace('<c r="D5">', '<c r="D5" t="e">')
        replace_part(path, "xl/worksheets/sheet1.xml", xml)
    assert '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>' in part_text(path, "xl/worksheets/sheet1.xml")

    assert scan_workbook(path).flags == {
        "Sheet1": (CellFlag(2, 2, "error", "#DIV/0!"), CellFlag(5, 3, "error", "#N/A"))
    }


def test_cached_values_are_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "cached.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_formula("C2", "=40+2", None, 42)
    ws.write_formula("C3", '=IF(1,"好","")', None, "好")
    # XlsxWriter's default cached result is 0 and it asks Excel to recalculate on opening
    # (fullCalcOnLoad): that 0 is a placeholder, so the cell counts as not cached.
    ws.write_formula("C4", "=A1*2")
    wb.close()
    assert "<v>42</v>" in part_text(path, "xl/worksheets/sheet1.xml")
    assert 'fullCalcOnLoad="1"' in part_text(path, "xl/workbook.xml")

    assert scan_workbook(path).flags == {"Sheet1": (CellFlag(4, 2, "no_cache", "A1*2"),)}


def test_excel_style_empty_string_result_is_a_cached_value(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1" t="str"><f>IFERROR(1/0,"")</f><v></v></c>'
        '<c r="B1" t="str"><f>""</f><v/></c><c r="C1"><f>B1</f><v></v></c></row>'
    )
    path = write_package(tmp_path / "s.xlsx", {"S": sheet_xml(rows)})

    assert scan_workbook(path).flags == {"S": (CellFlag(1, 2, "no_cache", "B1"),)}


def test_implicit_positions_prefixed_namespace_and_shared_formulas(tmp_path: Path) -> None:
    rows = (
        "<x:row><x:c><x:v>1</x:v></x:c><x:c/><x:c><x:f>A1*2</x:f></x:c></x:row>"  # row 1, C
        '<x:row r="5"><x:c r="B5"><x:v>1</x:v></x:c><x:c><x:f t="shared" ref="C5:C6" si="0">B5</x:f>'
        "</x:c></x:row>"  # row 5, C
        '<x:row><x:c r="B6"/><x:c t="e"><x:v>#REF!</x:v></x:c>'  # row 6, C
        '<x:c><x:f t="shared" si="0"/></x:c></x:row>'
    )  # row 6, D
    path = write_package(
        tmp_path / "p.xlsx",
        {"Data": sheet_xml(rows, prefix="x")},
        workbook_pr='<workbookPr date1904="1"/>',
        absolute_targets=True,
    )

    scan = scan_workbook(path)

    assert scan.date1904 is True
    assert scan.flags == {
        "Data": (
            CellFlag(1, 2, "no_cache", "A1*2"),
            CellFlag(5, 2, "no_cache", "B5"),
            CellFlag(6, 2, "error", "#REF!"),
            CellFlag(6, 3, "no_cache", ""),
        )
    }


def test_utf16_sheet_part_is_scanned(tmp_path: Path) -> None:
    # The byte prefilter cannot see UTF-16 markup, so such a part must go to the parser.
    xml = sheet_xml('<row r="2"><c r="B2"><f>1/0</f></c></row>').replace("UTF-8", "UTF-16")
    path = write_package(tmp_path / "u16.xlsx", {"S": xml})
    replace_part(path, "xl/worksheets/sheet1.xml", xml.encode("utf-16"))

    assert scan_workbook(path).flags == {"S": (CellFlag(2, 1, "no_cache", "1/0"),)}


def test_flags_per_sheet_are_capped(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><f>1/0</f></c></row>' for r in range(1, MAX_FLAGS_PER_SHEET + 51)
    )
    path = write_package(tmp_path / "many.xlsx", {"Many": sheet_xml(rows)})

    flags = scan_workbook(path).flags["Many"]

    assert len(flags) == MAX_FLAGS_PER_SHEET
    assert flags[-1].row == MAX_FLAGS_PER_SHEET


def test_truncated_sheet_keeps_what_was_found(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>' + "<row><c><v>1</v></c></row>" * 5000
    xml = sheet_xml(rows)
    path = write_package(tmp_path / "cut.xlsx", {"Cut": xml[: len(xml) // 2], "Fine": xml})

    flags = scan_workbook(path).flags

    assert flags["Cut"] == (CellFlag(1, 0, "error", "#N/A"),)
    assert flags["Fine"] == flags["Cut"]


def claim_size(path: Path, member: str, size: int) -> None:
    """Overwrite the uncompressed size the central directory declares for ``member``."""
    data = bytearray(path.read_bytes())
    eocd = data.rindex(b"PK\x05\x06")
    entry = int.from_bytes(data[eocd + 16 : eocd + 20], "little")  # start of the central directory
    name = member.encode()
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = size.to_bytes(4, "little")
    path.write_bytes(bytes(data))


def test_sheet_declaring_a_huge_size_is_skipped(tmp_path: Path) -> None:
    xml = sheet_xml('<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>')
    path = write_package(tmp_path / "bomb.xlsx", {"Bomb": xml, "Ok": xml})
    claim_size(path, "xl/worksheets/sheet1.xml", 0xFFFF_FFF0)  # what a zip bomb declares
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size > 2**30

    assert list(scan_workbook(path).flags) == ["Ok"]


def test_non_ooxml_files_give_an_empty_scan(tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("客服,接待人数\n小王,10\n", encoding="utf-8")
    ole = tmp_path / "old.xls"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    other_zip = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")
    good = write_package(tmp_path / "good.xlsx", {"S": sheet_xml('<row><c t="e"><v>#N/A</v></c></row>')})
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[:-40])

    for path in (text, ole, other_zip, truncated, tmp_path / "missing.xlsx", tmp_path):
        assert scan_workbook(path) == EMPTY, path
