"""Write-back at the package level: the row splice, any text as a name, real-world workbooks.

The XML splice keeps every other byte and the column order; any name reads back as written
(less what XML cannot hold); real-world workbooks keep every original sheet and gain only
the results sheet. Shared helpers are in ``tests/writeback_helpers.py``.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csreport.inputs.workbook import open_workbook
from csreport.inputs.writeback import SHEET_NAME, write_back
from csreport.inputs.writeback.sheets import BAD_XML, append_cells
from tests.factories import agent
from tests.writeback_helpers import (
    HEADER,
    META_PARTS,
    REAL,
    calamine_rows,
    changed_parts,
    month,
    rows,
    scored,
    sha,
)


def test_append_cells_keeps_other_bytes_and_column_order() -> None:
    xml = (
        '<x:worksheet xmlns:x="urn:main" xmlns:x14ac="urn:x14ac"><x:dimension ref="A1:C4"/><x:sheetData>'
        '<x:row r="1" spans="1:3" x14ac:dyDescent="0.25">'
        '<x:c r="A1" t="s" s="5"><x:v>0</x:v></x:c></x:row>'
        '<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c s="2"/></x:row>'
        '<x:row r="4"/></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="D1:E2"/>'
        "</x:mergeCells></x:worksheet>"
    )
    out = append_cells(xml.encode(), 1, {1: ["总分"], 2: [7.5], 3: ["<&>"], 4: [None]}, "zh").decode()
    assert out.startswith(
        '<x:worksheet xmlns:x="urn:main" xmlns:x14ac="urn:x14ac"><x:dimension ref="A1:F4"/>'
    )
    assert (
        '<x:row r="1" spans="1:6" x14ac:dyDescent="0.25"><x:c r="A1" t="s" s="5"><x:v>0</x:v></x:c>'
        '<x:c r="F1" s="5" t="inlineStr"><x:is><x:t xml:space="preserve">总分</x:t></x:is></x:c></x:row>'
        in out
    )
    assert '<x:c s="2"/><x:c r="F2"><x:v>7.5</x:v></x:c></x:row>' in out  # after the merge D1:E2
    assert (
        '</x:row><x:row r="3"><x:c r="F3" t="inlineStr"><x:is><x:t xml:space="preserve">'
        '&lt;&amp;&gt;</x:t></x:is></x:c></x:row><x:row r="4"></x:row>' in out
    )
    assert out.endswith('<x:mergeCells count="1"><x:mergeCell ref="D1:E2"/></x:mergeCells></x:worksheet>')


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40).filter(lambda s: not re.search("_x[0-9a-fA-F]{4}_", s)))
def test_any_name_reads_back_as_written(tmp_path: Path, name: str) -> None:
    book = tmp_path / "n.xlsx"
    if not book.exists():
        openpyxl.Workbook().save(book)
    data = dataclasses.replace(month(), agents=(agent("1001", name),))
    out = write_back(scored(book), rows(data), tmp_path / "out").written[0]
    # XML cannot hold control characters, and XML parsers turn a carriage return into \n.
    legal = BAD_XML.sub("", name).replace("\r\n", "\n").replace("\r", "\n")
    assert calamine_rows(out, SHEET_NAME)[1][1] == legal


@pytest.mark.skipif(not REAL, reason="../shared/realworld-xlsx is not beside the repo")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_world_workbooks(path: Path, tmp_path: Path) -> None:
    shutil.copyfile(path, src := tmp_path / path.name)
    digest = sha(src)
    result = write_back(scored(src), rows(), tmp_path / "out", columns=True)
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
