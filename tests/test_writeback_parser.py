"""Write-back edits workbook XML through a real XML parser, and tells damage from bugs.

The parts write-back edits are parsed with expat and changed only at the offsets it reports:
unused namespace declarations named by ``mc:Ignorable`` (which Excel needs) survive byte for
byte. A part that is not well-formed, declares a DTD or is not UTF-8 is the input's fault and
gets the user-facing "could not understand this workbook"; an error in write-back's own code
is a bug, and the command ends with the apology and exit code 3.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import csreport.inputs.writeback.package as package
from csreport.cli.main import main
from csreport.inputs.writeback import SHEET_NAME, write_back
from csreport.inputs.writeback.xml_parts import append_child, parse, splice, start_tag
from csreport.messages import translate
from csreport.problems import CsreportError
from tests.writeback_helpers import (
    SAMPLES,
    calamine_rows,
    changed_parts,
    manager_book,
    rows,
    scored,
    zip_parts,
)

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# The root of a workbook part as Excel writes it: x15, xr, xr6, xr10 and xr2 are declared only
# to be named by mc:Ignorable. A serialiser that drops unused declarations breaks the file.
EXCEL_ROOT = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    f'xmlns:mc="{MC}" mc:Ignorable="x15 xr xr6 xr10 xr2" '
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
    'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
    'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">'
    "<!-- saved by a program that leaves comments --><?app keep?>"
)
SHEET_ROOT = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    f'xmlns:mc="{MC}" mc:Ignorable="x14ac xr xr2 xr3" '
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    "xmlns:xr2='http://schemas.microsoft.com/office/spreadsheetml/2015/revision2' "
    'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
    'xr:uid="{00000000-0001-0000-0000-000000000000}">'
)


def _rewrite(src: Path, dst: Path, edit: dict[str, bytes]) -> Path:
    """``src`` with some parts replaced, as ``dst``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, edit.get(info.filename, zin.read(info)))
    return dst


def _excel_like(book: Path, dst: Path) -> Path:
    """``book`` with the workbook and roster parts rooted as Excel roots them."""
    parts = zip_parts(book)
    wb = re.sub(rb"<workbook\b[^>]*>", EXCEL_ROOT.encode(), parts["xl/workbook.xml"], count=1)
    sheet = re.sub(rb"<worksheet\b[^>]*>", SHEET_ROOT.encode(), parts["xl/worksheets/sheet1.xml"], count=1)
    sheet = sheet.replace(b'<row r="2"', b'<row r="2" x14ac:dyDescent="0.25"', 1)
    return _rewrite(book, dst, {"xl/workbook.xml": wb, "xl/worksheets/sheet1.xml": sheet})


def test_unused_namespace_declarations_survive(tmp_path: Path) -> None:
    """Every declaration, mc:Ignorable, comment and processing instruction stays as written."""
    (tmp_path / "in").mkdir()
    book = _excel_like(manager_book(tmp_path / "m.xlsx"), tmp_path / "in" / "花名册.xlsx")
    [out] = write_back(scored(book), rows(), tmp_path / "out", columns=True).written
    assert changed_parts(book, out) == {
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
        "xl/worksheets/sheet1.xml",
    }
    new = zip_parts(out)
    assert EXCEL_ROOT.encode() in new["xl/workbook.xml"]
    assert new["xl/worksheets/sheet1.xml"].startswith(zip_parts(book)["xl/worksheets/sheet1.xml"][:200])
    assert SHEET_ROOT.encode() in new["xl/worksheets/sheet1.xml"]
    assert b'<row r="2" x14ac:dyDescent="0.25"' in new["xl/worksheets/sheet1.xml"]
    ws = openpyxl.load_workbook(out)["花名册"]
    assert [ws.cell(2, c).value for c in range(8, 12)] == ["总分", "结论", "级别", "系数"]
    assert calamine_rows(out, SHEET_NAME)[0][0] == "工号"


def test_parser_offsets_and_splices() -> None:
    """Offsets of start tags, end tags and empty elements; quotes holding '>' and '/>'."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<x:a xmlns:x="urn:m" xmlns:r="urn:r">'
        "<x:b k='v/>' r:id=\"1\"/><!-- c --><x:c>t&amp;<![CDATA[<x:no/>]]></x:c ><x:d></x:d></x:a>"
    )
    data = xml.encode()
    a, b, c, d = parse(data)
    assert [(e.qname, e.ns, e.empty) for e in (a, b, c, d)] == [
        ("x:a", "urn:m", False),
        ("x:b", "urn:m", True),
        ("x:c", "urn:m", False),
        ("x:d", "urn:m", False),
    ]
    assert data[b.start : b.stop] == b"<x:b k='v/>' r:id=\"1\"/>" and b.get("id", "urn:r") == "1"
    assert data[c.start : c.start_end] == b"<x:c>" and data[c.end : c.stop] == b"</x:c >"
    assert data[d.start_end : d.end] == b"" and b.prefix_for("urn:r") == "r"
    edited = splice(
        data,
        [
            append_child(b, "<x:e/>"),
            append_child(d, "1"),
            append_child(a, "<x:f/>"),
            (c.start, c.start_end, start_tag(c, {"n": 'a"<'})),
        ],
    )
    assert edited.decode().endswith(
        '<x:b k="v/&gt;" r:id="1"><x:e/></x:b><!-- c --><x:c n="a&quot;&lt;">t&amp;<![CDATA[<x:no/>]]>'
        "</x:c ><x:d>1</x:d><x:f/></x:a>"
    )


@pytest.mark.parametrize(
    "part",
    [
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><Types>&a;</Types>',
        '<?xml version="1.0" encoding="UTF-16"?><Types/>'.encode("utf-16"),
        b'<?xml version="1.0" encoding="ISO-8859-1"?><Types/>',
    ],
    ids=["not well-formed", "a DTD", "UTF-16", "Latin-1"],
)
def test_a_broken_part_is_the_inputs_fault(part: bytes, tmp_path: Path) -> None:
    """A part only write-back reads (the content types) is damaged: the workbook still scores,
    the copy is skipped, and the data problems list says the workbook could not be understood."""
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in SAMPLES.glob("*.xlsx"):
        shutil.copyfile(sample, folder / sample.name)
    _rewrite(SAMPLES / "花名册.xlsx", folder / "花名册.xlsx", {"[Content_Types].xml": part})
    result = CliRunner().invoke(
        main, ["run", str(folder), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "sheet"]
    )
    assert result.exit_code == 0, result.output + result.stderr
    month = tmp_path / "out" / "2026-10"
    assert not (month / "花名册_考核结果.xlsx").exists() and (month / "十月接待_考核结果.xlsx").exists()
    sheet = openpyxl.load_workbook(month / "客服绩效_2026-10.xlsx")["数据问题"]
    problems = [[c.value for c in row] for row in sheet]
    assert ["警告", "花名册.xlsx", None, None, None, None, None, translate("writeback.failed")] in problems


def test_a_bug_in_write_back_is_a_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A coding error is not blamed on the user's file: the run stops with the apology, exit 3."""

    def broken(*_args: object) -> bytes:
        raise TypeError("a bug in write-back")

    monkeypatch.setattr(package, "results_sheet", broken)
    result = CliRunner().invoke(
        main, ["run", str(SAMPLES), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "sheet"]
    )
    assert result.exit_code == 3, result.output + result.stderr
    assert "TypeError" in result.stderr and "a bug in write-back" in result.stderr
    assert translate("writeback.failed") not in result.output + result.stderr
    assert not (tmp_path / "out" / "2026-10").exists()  # a failed run replaces nothing
    with pytest.raises(TypeError):
        write_back(scored(SAMPLES / "花名册.xlsx"), rows(), tmp_path / "direct")


def test_the_parser_refuses_what_the_input_cannot_be() -> None:
    """Not well-formed, a DTD: the input's fault (writeback.failed), never a crash."""
    for data in (b"<a><b></a>", b'<!DOCTYPE a [<!ENTITY x "y">]><a/>', b"\xff\xfe<\x00a\x00/\x00>\x00"):
        with pytest.raises(CsreportError) as caught:
            parse(data)
        assert caught.value.code == "writeback.failed"
