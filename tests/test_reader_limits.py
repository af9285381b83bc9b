"""The reader's memory is bounded by what a sheet really holds, measured in a capped child.

Each hostile file is read by ``load_dataset`` in a child process whose address space is
capped at 3 GB (RLIMIT_AS), so a regression fails (MemoryError, abort) instead of eating
the machine; the child's peak RSS must stay under 1.5 GB as well.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from csreport.api import check_month
from csreport.inputs import workbook
from csreport.inputs.legacy_guard import check_ods, check_xls
from csreport.problems import CsreportError, Severity
from tests.hostile_files import (
    SHEET_HEAD,
    SHEET_TAIL,
    biff_record,
    inflating_sheet,
    inline,
    num,
    ole_file,
    rows_xml,
    write_package,
)
from tests.workbooks import REC_HEADER, write_xlsx

HDR = ["工号", "日期", "接待人数", "咨询人数", "回复人数"]
ROWS = [["K1", "2026-10-03", 100, 100, 99], ["K2", "2026-10-03", 100, 100, 98]]
_CHILD = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    from csreport.inputs.dataset import load_dataset
    d = load_dataset([Path(p) for p in sys.argv[1:]])
    errors = [(p.code, p.file, p.sheet, p.message("zh")) for p in d.problems
              if p.severity.value == "error"]
    rows = {k: len(v) for k, v in d.frames.items()}
    print(json.dumps({"read": d.files_read, "failed": d.files_failed, "errors": errors,
                      "rows": rows,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def read_capped(*paths: Path) -> dict:
    """load_dataset in a child capped at 3 GB of address space; its result and peak RSS."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["peak_mb"] < 1536, result
    return result


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "好.xlsx", {"接待": [REC_HEADER, ["K1", "2026-10-03", 100, 100, 99, 30, 10, 50, 60, 100]]}
    )


def test_stray_value_at_xfd1048576_is_read_sparsely(tmp_path: Path, good: Path) -> None:
    # Calamine would allocate 1,048,576 × 16,384 cells (549 GB) for this 2 KB file.
    far = '<row r="1048576">' + num("XFD1048576", 7) + "</row>"
    rows = [["K5", "2026-10-03", 100, 100, 99], ["K6", "2026-10-03", 100, 100, 98]]
    stray = write_package(tmp_path / "远处有值.xlsx", rows_xml(HDR, rows, far))
    result = read_capped(stray, good)
    assert result["read"] == ["远处有值.xlsx", "好.xlsx"] and result["failed"] == []
    assert result["rows"]["reception"] == 3  # K5, K6 from the stray file, K1 from the good one
    assert result["errors"] == []


def test_stray_value_far_down_column_a_is_read(tmp_path: Path) -> None:
    far = '<row r="1048576">' + num("C1048576", 5) + "</row>"
    stray = write_package(tmp_path / "a.xlsx", rows_xml(HDR, ROWS, far))
    sheets = workbook.open_workbook(stray)
    assert len(sheets[0].rows) == 1_048_576
    assert sheets[0].rows[:3] == [HDR, ROWS[0], ROWS[1]] and sheets[0].rows[-1] == ["", "", 5.0]
    # The far row is a data row without 工号: reported, not a crash.
    report = check_month([stray])
    missing = [p for p in report.problems if p.code == "row.missing_id"]
    assert [(p.row, p.column) for p in missing] == [(1_048_576, "A")]


@pytest.mark.parametrize(
    "cell,size", [("<c><v>1</v></c>", 400 << 20), ('<c r="A1"><v>1</v></c>', 1000 << 20)]
)
def test_gigabyte_sheet_is_refused_before_allocating(
    tmp_path: Path, good: Path, cell: str, size: int
) -> None:
    # ~2 MB on disk, up to 1,000 MB of XML: 25-45 million cells, past MAX_CELLS (10 million).
    bomb = write_package(tmp_path / "膨胀.xlsx", inflating_sheet(size, cell))
    assert bomb.stat().st_size < 5 << 20
    result = read_capped(bomb, good)
    assert result["read"] == ["好.xlsx"] and result["failed"] == ["膨胀.xlsx"]
    assert result["errors"] == [
        [
            "sheet.too_many_cells",
            "膨胀.xlsx",
            "接待",
            "有值的单元格超过 10000000 个的上限，为保护电脑内存，整个文件已拒绝读取；"
            "请删除不需要的列或按月拆分后再试。",
        ]
    ]


def test_one_long_shared_string_in_every_cell_is_not_copied_per_cell(tmp_path: Path) -> None:
    # 1,000,000 cells each showing the same 30,000-character string: calamine copies it into
    # every cell (30 GB); the sparse reader shares one string object.
    long_text = "长" * 10_000
    shared = iter(
        [
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
            f"<si><t>工号</t></si><si><t>{long_text}</t></si></sst>"
        ]
    )

    def sheet() -> object:
        yield SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        for r in range(2, 100_002):
            cells = "".join(f'<c r="{c}{r}" t="s"><v>1</v></c>' for c in "ABCDEFGHIJ")
            yield f'<row r="{r}">{cells}</row>'
        yield SHEET_TAIL

    path = write_package(tmp_path / "长文本.xlsx", sheet(), shared=shared)  # type: ignore[arg-type]
    result = read_capped(path)
    assert result["read"] == [] and result["failed"] == ["长文本.xlsx"]  # no header it knows
    assert [e[0] for e in result["errors"]] == ["file.no_sheets"]


def test_row_limit_is_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 50)
    rows = [[f"K{d}", "2026-10-03", 100, 100, 99] for d in range(50)]
    ok = write_package(tmp_path / "正好.xlsx", rows_xml(HDR, rows))
    over = write_package(tmp_path / "多一行.xlsx", rows_xml(HDR, [*rows, rows[0]]))
    report = check_month([ok, over])
    assert report.dataset.files_read == ["正好.xlsx"]
    assert report.dataset.files_failed == ["多一行.xlsx"]
    refused = [p for p in report.problems if p.severity is Severity.ERROR and p.code != "rules.kpi_no_data"]
    assert [(p.code, p.file, p.sheet) for p in refused] == [("sheet.too_many_rows", "多一行.xlsx", "接待")]
    assert refused[0].message("zh") == "工作表超过 50 行数据的上限，已拒绝读取。请按月拆分后再试。"
    assert len(report.dataset.frames["reception"]) == 50


def test_real_row_limit_refuses_300001(tmp_path: Path, good: Path) -> None:
    # 300,001 data rows used to pass (the limit allowed 30 extra rows for titles); exactness
    # at the boundary itself is test_row_limit_is_exact, with a small limit.
    def sheet(n: int) -> object:
        yield (
            SHEET_HEAD
            + '<row r="1">'
            + inline("A1", "工号")
            + inline("B1", "日期")
            + inline("C1", "接待人数")
            + "</row>"
        )
        for r in range(2, n + 2):
            yield (
                f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>K1</t></is></c>'
                f'<c r="B{r}"><v>46298</v></c><c r="C{r}"><v>1</v></c></row>'
            )
        yield SHEET_TAIL

    past = write_package(tmp_path / "past.xlsx", sheet(300_001))  # type: ignore[arg-type]
    assert workbook.MAX_ROWS == 300_000
    result = read_capped(past, good)
    assert result["read"] == ["好.xlsx"] and result["failed"] == ["past.xlsx"]
    assert [e[:3] for e in result["errors"]] == [["sheet.too_many_rows", "past.xlsx", "接待"]]


def test_huge_shared_strings_part_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_SHARED_STRINGS", 1000)
    shared = iter(
        [
            '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main">' + "<si><t>x</t></si>" * 1001 + "</sst>"
        ]
    )
    path = write_package(tmp_path / "s.xlsx", rows_xml(HDR, ROWS), shared=shared)
    with pytest.raises(CsreportError) as err:
        workbook.open_workbook(path)
    assert err.value.code == "file.too_many_strings"
    assert err.value.message("en") == (
        "The workbook holds 1001 distinct texts, more than the "
        "limit of 1000, so it was refused; split it by month."
    )


def _xls(records: list[bytes]) -> bytes:
    stream = b"".join(records) + biff_record(0x000A, b"")
    return ole_file({"Workbook": stream.ljust(4096, b"\0")})


def test_xls_declaring_a_huge_range_is_refused(tmp_path: Path, good: Path) -> None:
    bof = biff_record(0x0809, b"\x00\x06\x10\x00" + b"\0" * 12)
    dims = biff_record(
        0x0200,
        (0).to_bytes(4, "little")
        + (0xFFFFFFF0).to_bytes(4, "little")
        + (0).to_bytes(2, "little")
        + (0xFFF0).to_bytes(2, "little")
        + b"\0\0",
    )
    path = tmp_path / "旧表.xls"
    path.write_bytes(_xls([bof, dims]))
    with pytest.raises(CsreportError) as err:
        check_xls(path.read_bytes(), workbook.MAX_CELLS, workbook.DENSE_BOX, workbook.MAX_SHARED_STRINGS)
    assert err.value.code == "sheet.too_big_declared"
    result = read_capped(path, good)
    assert result["read"] == ["好.xlsx"] and result["failed"] == ["旧表.xls"]
    assert result["errors"][0][0] == "sheet.too_big_declared"


def test_xls_cell_far_away_and_string_count_are_refused() -> None:
    bof = biff_record(0x0809, b"\x00\x06\x10\x00" + b"\0" * 12)
    number = biff_record(
        0x0203, (65535).to_bytes(2, "little") + (255).to_bytes(2, "little") + b"\0\0" + b"\0" * 8
    )
    with pytest.raises(CsreportError) as err:
        check_xls(_xls([bof, number]), 10_000_000, 1_000_000, 4_000_000)
    assert (err.value.code, err.value.params["row"]) == ("sheet.too_big_box", 65536)
    sst = biff_record(0x00FC, (5).to_bytes(4, "little") + (4_000_001).to_bytes(4, "little"))
    with pytest.raises(CsreportError) as err:
        check_xls(_xls([bof, sst]), 10_000_000, 12_000_000, 4_000_000)
    assert err.value.code == "file.too_many_strings"


def test_ods_repeated_cells_are_counted_with_their_repeats(tmp_path: Path) -> None:
    import zipfile

    content = (
        '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
        'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:'
        'table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S"><table:table-row '
        'table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="16384" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "重复.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    with zipfile.ZipFile(path) as zf, pytest.raises(CsreportError) as err:
        check_ods(zf, 10_000_000, 12_000_000)
    assert (err.value.code, err.value.params["sheet"]) == ("sheet.too_many_cells", "S")
    result = read_capped(path)
    assert result["failed"] == ["重复.ods"] and result["errors"][0][0] == "sheet.too_many_cells"


def test_sparse_reader_reads_what_calamine_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    import xlsxwriter

    path = tmp_path / "types.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("S")
    ws.write_row(0, 0, [1, 2.5, "文本", True, None, "x"])
    ws.write_datetime(1, 0, dt.datetime(2026, 10, 3), wb.add_format({"num_format": "yyyy-mm-dd"}))
    ws.write_datetime(1, 1, dt.datetime(1899, 12, 31, 8, 30), wb.add_format({"num_format": "hh:mm"}))
    ws.write_number(1, 2, 1.5, wb.add_format({"num_format": "[h]:mm:ss"}))
    ws.write_datetime(
        1, 3, dt.datetime(2026, 10, 3, 8, 30), wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    )
    ws.write_number(3, 0, 46000, wb.add_format({"num_format": 'yyyy"年"m"月"d"日"'}))
    ws.write_number(4, 1, 0.25, wb.add_format({"num_format": "0.00%"}))
    wb.close()
    dense = workbook.open_workbook(path)[0].rows
    monkeypatch.setattr(workbook, "DENSE_BOX", 0)
    sparse = workbook.open_workbook(path)[0].rows
    assert sparse[1] == [
        dt.date(2026, 10, 3),
        dt.time(8, 30),
        dt.timedelta(days=1.5),
        dt.datetime(2026, 10, 3, 8, 30),
    ]
    assert [[c for c in r if c != ""] for r in sparse] == [[c for c in r if c != ""] for r in dense]
