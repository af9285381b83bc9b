"""The xlsx scan finds formulas without a cached value and cached error values, fast."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from csreport.io.xlsx_scan import MAX_FLAGS_PER_SHEET, CellFlag, WorkbookScan, scan_workbook

SHARED = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} (real-world files) is absent")
EMPTY = WorkbookScan(False, {})
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def sheet_xml(rows: str, prefix: str = "") -> str:
    """A worksheet part around ``rows`` (the inside of sheetData), optionally ``x:``-prefixed."""
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="{MAIN_NS}"'
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns}>'
            f"<{p}sheetData>{rows}</{p}sheetData></{p}worksheet>")


def write_package(path: Path, sheets: dict[str, str], workbook_pr: str = "",
                  absolute_targets: bool = False) -> Path:
    """Write a minimal OOXML workbook by hand: sheet name -> worksheet XML."""
    entries, rels = [], []
    for i, name in enumerate(sheets, 1):
        entries.append(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>')
        target = f"/xl/worksheets/sheet{i}.xml" if absolute_targets else f"worksheets/sheet{i}.xml"
        rels.append(f'<Relationship Id="rId{i}" Target="{target}" Type="{REL_NS}/worksheet"/>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("_rels/.rels", f'<Relationships xmlns="{PKG_NS}"><Relationship Id="rId1" '
                    f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{workbook_pr}'
                    f'<sheets>{"".join(entries)}</sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels",
                    f'<Relationships xmlns="{PKG_NS}">{"".join(rels)}</Relationships>')
        for i, xml in enumerate(sheets.values(), 1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return path


def part_text(path: Path, name: str) -> str:
    """The decoded text of one zip member, to check what a writer really produced."""
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def replace_part(path: Path, name: str, content: str | bytes) -> None:
    """Rewrite one member of the zip at ``path`` in place, keeping all the others."""
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    members[name] = content.encode("utf-8") if isinstance(content, str) else content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)


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

    assert scan_workbook(path).flags == {"Sheet1": (
        CellFlag(2, 2, "error", "#DIV/0!"), CellFlag(5, 3, "error", "#N/A"))}


def test_cached_values_are_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "cached.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_formula("C2", "=40+2", None, 42)
    ws.write_formula("C3", '=IF(1,"好","")', None, "好")
    # XlsxWriter's default cached result is 0: a reader sees 0, and no scan can tell.
    ws.write_formula("C4", "=A1*2")
    wb.close()
    assert "<v>42</v>" in part_text(path, "xl/worksheets/sheet1.xml")

    assert scan_workbook(path) == EMPTY


def test_excel_style_empty_string_result_is_a_cached_value(tmp_path: Path) -> None:
    rows = ('<row r="1"><c r="A1" t="str"><f>IFERROR(1/0,"")</f><v></v></c>'
            '<c r="B1" t="str"><f>""</f><v/></c><c r="C1"><f>B1</f><v></v></c></row>')
    path = write_package(tmp_path / "s.xlsx", {"S": sheet_xml(rows)})

    assert scan_workbook(path).flags == {"S": (CellFlag(1, 2, "no_cache", "B1"),)}


def test_implicit_positions_prefixed_namespace_and_shared_formulas(tmp_path: Path) -> None:
    rows = ("<x:row><x:c><x:v>1</x:v></x:c><x:c/><x:c><x:f>A1*2</x:f></x:c></x:row>"  # row 1, C
            '<x:row r="5"><x:c r="B5"><x:v>1</x:v></x:c><x:c><x:f t="shared" ref="C5:C6" si="0">B5</x:f>'
            "</x:c></x:row>"  # row 5, C
            '<x:row><x:c r="B6"/><x:c t="e"><x:v>#REF!</x:v></x:c>'  # row 6, C
            '<x:c><x:f t="shared" si="0"/></x:c></x:row>')  # row 6, D
    path = write_package(tmp_path / "p.xlsx", {"Data": sheet_xml(rows, prefix="x")},
                         workbook_pr='<workbookPr date1904="1"/>', absolute_targets=True)

    scan = scan_workbook(path)

    assert scan.date1904 is True
    assert scan.flags == {"Data": (
        CellFlag(1, 2, "no_cache", "A1*2"), CellFlag(5, 2, "no_cache", "B5"),
        CellFlag(6, 2, "error", "#REF!"), CellFlag(6, 3, "no_cache", ""))}


def test_utf16_sheet_part_is_scanned(tmp_path: Path) -> None:
    # The byte prefilter cannot see UTF-16 markup, so such a part must go to the parser.
    xml = sheet_xml('<row r="2"><c r="B2"><f>1/0</f></c></row>').replace("UTF-8", "UTF-16")
    path = write_package(tmp_path / "u16.xlsx", {"S": xml})
    replace_part(path, "xl/worksheets/sheet1.xml", xml.encode("utf-16"))

    assert scan_workbook(path).flags == {"S": (CellFlag(2, 1, "no_cache", "1/0"),)}


def test_flags_per_sheet_are_capped(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><f>1/0</f></c></row>'
                   for r in range(1, MAX_FLAGS_PER_SHEET + 51))
    path = write_package(tmp_path / "many.xlsx", {"Many": sheet_xml(rows)})

    flags = scan_workbook(path).flags["Many"]

    assert len(flags) == MAX_FLAGS_PER_SHEET
    assert flags[-1].row == MAX_FLAGS_PER_SHEET


def test_truncated_sheet_keeps_what_was_found(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>' + '<row><c><v>1</v></c></row>' * 5000
    xml = sheet_xml(rows)
    path = write_package(tmp_path / "cut.xlsx", {"Cut": xml[: len(xml) // 2], "Fine": xml})

    flags = scan_workbook(path).flags

    assert flags["Cut"] == (CellFlag(1, 0, "error", "#N/A"),)
    assert flags["Fine"] == flags["Cut"]


def claim_size(path: Path, member: str, size: int) -> None:
    """Overwrite the uncompressed size the central directory declares for ``member``."""
    data = bytearray(path.read_bytes())
    eocd = data.rindex(b"PK\x05\x06")
    entry = int.from_bytes(data[eocd + 16: eocd + 20], "little")  # start of the central directory
    name = member.encode()
    while data[entry + 46: entry + 46 + len(name)] != name:
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 24: entry + 28] = size.to_bytes(4, "little")
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
@pytest.mark.parametrize("name", ["calamine__issue_261.xlsx", "calamine__issue_553.xlsx",
                                  "calamine__issue_174.xlsx"])
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
    xml = xml[:cell] + '<c s="6"><f>B8*2</f></c>' + xml[cell + len('<c s="6"/>'):]
    replace_part(path, "xl/worksheets/sheet1.xml", xml)

    assert scan_workbook(path).flags == {"Some Sheet": (
        CellFlag(1, 1, "error", "#N/A"), CellFlag(8, 2, "no_cache", "B8*2"))}


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

    from csreport.io import xlsx_scan
    from csreport.io.xlsx_scan_fast import fast_scan

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
