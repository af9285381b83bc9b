"""Review findings on the input reader: damaged files, far rows, CSV limits, write-back staging.

- A damaged file (a corrupt deflate stream, an unknown compression method, malformed ODS
  XML, a truncated BIFF record) is set aside as ``file.corrupt`` with a plain reason; the
  good file in the same batch is still read, and the run never ends in "内部出错".
- A row number past Excel's 1,048,576 is refused as damage before any list is sized by it.
- A CSV is bounded by cells (``MAX_CELLS``) as a workbook is, and its row limit counts
  records holding a value, not blank lines.
- Write-back parses the bytes it holds in memory: it stages nothing in the system temp folder.

Memory cases run in a child capped at 3 GB of address space (``read_capped``), whose peak
RSS must stay under 1.5 GB.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from csreport.api import check_month
from csreport.inputs import workbook
from csreport.inputs.dataset import load_dataset
from csreport.inputs.legacy_guard import check_xls
from csreport.inputs.workbook import open_workbook, read_workbook, sheets_from_bytes
from csreport.inputs.writeback import SHEET_NAME, write_back
from csreport.problems import CsreportError, Severity
from tests.hostile_files import SHEET_HEAD, SHEET_TAIL, biff_record, num, ole_file, rows_xml, write_package
from tests.test_reader_limits import read_capped
from tests.workbooks import REC_HEADER, write_xlsx
from tests.writeback_helpers import manager_book, rows, scored

BIN = Path(sys.executable).with_name("csreport")
HDR = ["工号", "日期", "接待人数", "咨询人数", "回复人数"]
ROWS = [["K1", "2026-10-03", 100, 100, 99], ["K2", "2026-10-03", 100, 100, 98]]
CORRUPT = "不是可读取的工作簿（文件已损坏，或并非 Excel/CSV 文件）："
DAMAGED_ZIP = "其中的压缩数据已损坏（可能下载或复制未完成）；请重新下载或从原系统重新导出"
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "好.xlsx", {"接待": [REC_HEADER, ["K1", "2026-10-03", 100, 100, 99, 30, 10, 50, 60, 100]]}
    )


# --- building damaged files ---------------------------------------------------------------


def _data_span(data: bytes, member: str) -> tuple[zipfile.ZipInfo, int]:
    """The member's ZipInfo and where its compressed bytes start in ``data``."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info, info.header_offset + 30 + name_len + extra_len


def _poisoned(data: bytes, member: str) -> bytes:
    """``data`` with ``member``'s deflate stream overwritten by 0xFF bytes.

    0xFF opens a block of the reserved type 3, so inflating fails at once with
    zlib.error ("invalid block type") whatever the member held.
    """
    info, start = _data_span(data, member)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    out = bytearray(data)
    out[start : start + info.compress_size] = b"\xff" * info.compress_size
    return bytes(out)


def _method_99(data: bytes, member: str) -> bytes:
    """``data`` with ``member`` declared as compression method 99 (AES; zipfile cannot read it)."""
    info, _ = _data_span(data, member)
    out = bytearray(data)
    struct.pack_into("<H", out, info.header_offset + 8, 99)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + name_len] == member.encode():
            struct.pack_into("<H", out, central + 10, 99)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def _sheet_xlsx(path: Path) -> bytes:
    return write_package(path, rows_xml(HDR, ROWS)).read_bytes()


def corrupt_deflate(path: Path) -> None:
    path.write_bytes(_poisoned(_sheet_xlsx(path), "xl/worksheets/sheet1.xml"))


def unknown_method(path: Path) -> None:
    path.write_bytes(_method_99(_sheet_xlsx(path), "xl/worksheets/sheet1.xml"))


def ods_bad_xml(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", ODS_MIME, zipfile.ZIP_STORED)
        zf.writestr(
            "content.xml",
            "<office:document-content xmlns:office='urn:oasis:names:tc:"
            "opendocument:xmlns:office:1.0'><broken",
        )


def ods_bad_mimetype(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", ODS_MIME, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", "<x/>")
    path.write_bytes(_poisoned(buf.getvalue(), "mimetype"))


def _xls_ending_in(record_type: int, declared: int) -> bytes:
    """An .xls whose Workbook stream ends two bytes into a record declaring ``declared`` bytes."""
    stream = biff_record(0x0809, b"\x00\x06\x10\x00" + b"\0" * 12)
    stream += biff_record(0x0012, b"\0" * 4200)  # filler: the stream must pass the 4096-byte cutoff
    stream += struct.pack("<HH", record_type, declared) + b"\0\0"
    return ole_file({"Workbook": stream})


def xls_cut_dimensions(path: Path) -> None:
    path.write_bytes(_xls_ending_in(0x0200, 14))


def xls_cut_sst(path: Path) -> None:
    path.write_bytes(_xls_ending_in(0x00FC, 8))


XLS_REASON = (
    "文件的内部结构无法解析（可能已损坏，或是不受支持的旧格式）；"
    "请在 Excel/WPS 中打开后另存为 .xlsx，或从原系统重新导出"
)  # never calamine's own words
DAMAGED = {
    "压缩损坏.xlsx": (corrupt_deflate, "file.corrupt", CORRUPT + DAMAGED_ZIP),
    "方法99.xlsx": (
        unknown_method,
        "file.corrupt",
        CORRUPT + "其中的数据使用了无法读取的压缩或加密方式；请在 Excel/WPS 中打开后另存为 .xlsx",
    ),
    "坏内容.ods": (
        ods_bad_xml,
        "file.corrupt",
        CORRUPT + "其中的 XML 内容格式错误；请在 Excel/WPS 中打开后另存为 .xlsx",
    ),
    "坏类型.ods": (
        ods_bad_mimetype,
        "file.damaged_zip",
        "工作簿已损坏（压缩结构不完整，可能下载或复制未完成）；请重新下载或从原系统重新导出。",
    ),
    "截断维度.xls": (xls_cut_dimensions, "file.corrupt", CORRUPT + XLS_REASON),
    "截断字符串表.xls": (xls_cut_sst, "file.corrupt", CORRUPT + XLS_REASON),
}


@pytest.mark.parametrize("name", list(DAMAGED))
def test_damaged_file_is_set_aside_and_the_good_one_read(tmp_path: Path, good: Path, name: str) -> None:
    build, code, message = DAMAGED[name]
    bad = tmp_path / name
    build(bad)
    data = load_dataset([bad, good])
    assert data.files_read == ["好.xlsx"] and data.files_failed == [name]
    assert len(data.frames["reception"]) == 1
    errors = [p for p in data.problems if p.severity is Severity.ERROR and p.code != "rules.kpi_no_data"]
    assert [(p.code, p.file, p.message("zh")) for p in errors] == [(code, name, message)]


def test_truncated_biff_records_pass_the_guard_without_struct_error() -> None:
    # The guard checks what is there; a record cut short is left to calamine to report.
    for record_type, declared in ((0x0200, 14), (0x00FC, 8)):
        assert check_xls(_xls_ending_in(record_type, declared), 10_000_000, 12_000_000, 4_000_000) is None


def test_damaged_files_in_a_folder_never_end_the_run(tmp_path: Path, good: Path) -> None:
    for name, (build, _code, _message) in DAMAGED.items():
        build(tmp_path / name)
    out = subprocess.run([str(BIN), "check", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert "内部出错" not in out.stdout + out.stderr and "Traceback" not in out.stderr
    assert out.returncode == 1, out.stdout + out.stderr  # data problems found, not an internal error
    for name, (_build, _code, message) in DAMAGED.items():
        assert f"[错误] {name}：{message}" in out.stdout, out.stdout


def test_english_reason(tmp_path: Path) -> None:
    bad = tmp_path / "b.xlsx"
    corrupt_deflate(bad)
    with pytest.raises(CsreportError) as err:
        read_workbook(bad)
    assert err.value.message("en") == (
        "Not a readable workbook (the file is damaged or is not an Excel/CSV file): its compressed "
        "data is damaged (perhaps an unfinished download or copy); download or export it again"
    )


def test_memory_error_sets_the_file_aside(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A MemoryError cannot be provoked reliably without eating the machine: raised by a patch.
    real = workbook.sniff

    def sniff(data: bytes, ext: str) -> object:
        if ext == ".csv":
            raise MemoryError
        return real(data, ext)

    monkeypatch.setattr(workbook, "sniff", sniff)
    (tmp_path / "大.csv").write_text("工号,日期\nK1,2026-10-03\n", encoding="utf-8")
    data = load_dataset([tmp_path / "大.csv", good])
    assert data.files_read == ["好.xlsx"] and data.files_failed == ["大.csv"]
    errors = [p for p in data.problems if p.severity is Severity.ERROR and p.code != "rules.kpi_no_data"]
    assert [(p.code, p.message("zh")) for p in errors] == [
        (
            "file.out_of_memory",
            "读取这个文件时内存不足，文件已跳过；请关闭其他程序，或删除不需要的行列、按月拆分后再试。",
        )
    ]


def test_keyboard_interrupt_passes_the_guard(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(data: bytes, ext: str) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(workbook, "sniff", interrupted)
    with pytest.raises(KeyboardInterrupt):
        read_workbook(good)


# --- rows past Excel's last ---------------------------------------------------------------


def _far(row: str, ref: bool = True) -> str:
    cell = num(f"A{row}", 1) if ref else "<c><v>1</v></c>"
    return f'<row r="{row}">{cell}</row>'


def test_far_row_is_refused_in_bounded_memory(tmp_path: Path, good: Path) -> None:
    # 1.6 KB on disk; the rows list used to be sized by the row number (1.25 GB).
    far = write_package(tmp_path / "远行.xlsx", rows_xml(HDR, ROWS, _far("150000000")))
    assert far.stat().st_size < 4096
    result = read_capped(far, good)
    assert result["read"] == ["好.xlsx"] and result["failed"] == ["远行.xlsx"]
    assert result["errors"] == [
        [
            "file.corrupt",
            "远行.xlsx",
            "",
            CORRUPT
            + (
                "工作表「接待」第 150000000 行有单元格，超出 Excel 最多 1048576 行的上限；"
                "请从原系统重新导出，或在 Excel/WPS 中打开后另存为 .xlsx"
            ),
        ]
    ]


@pytest.mark.parametrize(
    "extra,row",
    [
        (_far("1048577"), "1048577"),  # one past the last row
        (_far("1048577", ref=False), "1048577"),  # the row says so, the cell has no r=
        (_far("9" * 5000), "999999999999…"),  # too long for int(): cut, not a ValueError
    ],
)
def test_row_past_excel_is_refused(tmp_path: Path, extra: str, row: str) -> None:
    path = write_package(tmp_path / "a.xlsx", rows_xml(HDR, ROWS, extra))
    with pytest.raises(CsreportError) as err:
        open_workbook(path)
    assert err.value.code == "file.corrupt"
    assert err.value.message("en") == (
        "Not a readable workbook (the file is damaged or is not an Excel/CSV file): sheet '接待' "
        f"has a cell in row {row}, past Excel's limit of 1048576 rows; export it again, or open it "
        "in Excel/WPS and save it as .xlsx"
    )


def test_value_in_the_last_row_is_still_read(tmp_path: Path) -> None:
    path = write_package(tmp_path / "a.xlsx", rows_xml(HDR, ROWS, _far("1048576")))
    rows = open_workbook(path)[0].rows
    assert len(rows) == 1_048_576 and rows[-1] == [1.0] and rows[:3] == [HDR, ROWS[0], ROWS[1]]
    # Every gap row is one shared empty list, not a list per row.
    assert len({id(r) for r in rows[3:-1]}) == 1 and rows[3] == []


def test_overlong_letters_and_digits_do_not_hang(tmp_path: Path) -> None:
    # A megabyte of column letters in the dimension used to be converted digit by digit.
    head = SHEET_HEAD.replace("<sheetData>", f'<dimension ref="A1:{"Z" * 200_000}{"9" * 6000}"/><sheetData>')
    body = "".join(f'<row r="{r}">{num(f"A{r}", r)}</row>' for r in range(1, 4))
    path = write_package(tmp_path / "a.xlsx", head + body + SHEET_TAIL)
    start = time.monotonic()
    assert open_workbook(path)[0].rows == [[1.0], [2.0], [3.0]]
    assert time.monotonic() - start < 10


# --- CSV limits -----------------------------------------------------------------------------


def test_csv_past_the_cell_limit_is_refused_in_bounded_memory(tmp_path: Path, good: Path) -> None:
    # 20 million two-character cells (60 MB), twice MAX_CELLS: read whole at 1.85 GB before.
    path = tmp_path / "宽.csv"
    line = ",".join(["12"] * 100) + "\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(",".join(["工号", "日期", "接待人数", *(f"列{i}" for i in range(97))]) + "\n")
        for _ in range(200):
            fh.write(line * 1000)
    assert path.stat().st_size > 60_000_000
    result = read_capped(path, good)
    assert result["read"] == ["好.xlsx"] and result["failed"] == ["宽.csv"]
    assert result["errors"] == [
        [
            "sheet.too_many_cells",
            "宽.csv",
            "宽",
            "有值的单元格超过 10000000 个的上限，为保护电脑内存，整个文件已拒绝读取；"
            "请删除不需要的列或按月拆分后再试。",
        ]
    ]


def test_csv_cell_limit_is_exact_and_counts_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_CELLS", 10)
    ok = tmp_path / "ok.csv"
    text = "工号,日期\nK1,2026-10-03\nK2,2026-10-03\nK3,x\n,,,,\nK4,2026-10-03\n"
    ok.write_text(text, encoding="utf-8")
    assert len(open_workbook(ok)[0].rows) == 6  # 10 cells hold a value; empty ones do not count
    over = tmp_path / "over.csv"
    over.write_text(text + "K5,\n", encoding="utf-8")
    with pytest.raises(CsreportError) as err:
        open_workbook(over)
    assert (err.value.code, err.value.params["sheet"]) == ("sheet.too_many_cells", "over")


def _csv(rows: list[str], blank_every: int) -> str:
    out = []
    for i, row in enumerate(rows):
        out.append(row)
        if i and i % blank_every == 0:
            out.append("")
    return "\n".join(out) + "\n"


def test_csv_row_limit_counts_data_rows_not_blank_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 50 data rows (the limit) plus 50 blank lines passed 30 rows of allowance and was refused.
    monkeypatch.setattr(workbook, "MAX_ROWS", 50)
    header = "工号,日期,接待人数,咨询人数,回复人数"
    data = [f"K{i},2026-10-03,100,100,99" for i in range(50)]
    ok = tmp_path / "正好.csv"
    ok.write_text(_csv([header, *data], 1), encoding="utf-8")
    assert ok.read_text(encoding="utf-8").count("\n\n") == 50
    over = tmp_path / "多一行.csv"
    over.write_text(_csv([header, *data, "K99,2026-10-03,100,100,99"], 1), encoding="utf-8")
    report = check_month([ok, over])
    assert report.dataset.files_read == ["正好.csv"] and report.dataset.files_failed == ["多一行.csv"]
    refused = [p for p in report.problems if p.severity is Severity.ERROR and p.code != "rules.kpi_no_data"]
    assert [(p.code, p.file, p.message("zh")) for p in refused] == [
        ("sheet.too_many_rows", "多一行.csv", "工作表超过 50 行数据的上限，已拒绝读取。请按月拆分后再试。")
    ]
    frame = report.dataset.frames["reception"]
    assert len(frame) == 50
    # Blank lines keep their place: data row k (1-based) is on line 2k, a blank line after each.
    assert list(frame["_row"])[:3] == [2, 4, 6] and list(frame["_row"])[-1] == 100


def test_csv_content_past_excel_rows_is_refused_but_trailing_blanks_are_free(tmp_path: Path) -> None:
    far = tmp_path / "空行.csv"
    far.write_text("工号,日期\nK1,2026-10-03\n" + "\n" * 1_048_575 + "K2,2026-10-03\n", encoding="utf-8")
    with pytest.raises(CsreportError) as err:
        open_workbook(far)
    assert err.value.message("zh") == (
        "CSV 有内容的行排到了第 1048578 行，超过 Excel 最多 1048576 行的上限"
        "（中间多为空行），已拒绝读取；请删除多余的空行后再试。"
    )
    tail = tmp_path / "尾部空行.csv"
    tail.write_text("工号,日期\nK1,2026-10-03\n" + "\n" * 2_000_000, encoding="utf-8")
    assert open_workbook(tail)[0].rows == [["工号", "日期"], ["K1", "2026-10-03"]]


def test_csv_encodings_still_fall_back(tmp_path: Path) -> None:
    # ASCII (valid UTF-8) for 70 KB, then GB18030 text: the UTF-8 attempt fails only after
    # thousands of rows were read, and the file is read again as GB18030 from the start.
    text = "id,date\nK1,2026-10-03\n" + "K2,2026-10-04\n" * 5000 + "K3,备注ü\n"
    gbk = tmp_path / "gb.csv"
    gbk.write_bytes(text.encode("gb18030"))
    rows = open_workbook(gbk)[0].rows
    assert rows[0] == ["id", "date"] and rows[-1] == ["K3", "备注ü"] and len(rows) == 5003


# --- write-back parses in memory ------------------------------------------------------------


def test_write_back_stages_nothing_in_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = manager_book(tmp_path / "花名册.xlsx")
    gone = tmp_path / "no-temp-folder"
    # Every tempfile call without dir= now fails, as on a full or missing /tmp.
    monkeypatch.setattr(tempfile, "tempdir", str(gone))
    out = tmp_path / "out"
    out.mkdir()
    result = write_back(scored(book), rows(), out, columns=True)
    assert result.skipped == () and [p.name for p in result.written] == ["花名册_考核结果.xlsx"]
    assert not gone.exists()
    assert sorted(p.name for p in out.iterdir()) == ["花名册_考核结果.xlsx"]
    assert SHEET_NAME in [s.name for s in open_workbook(out / "花名册_考核结果.xlsx")]


@pytest.mark.parametrize(
    "make",
    [
        lambda p: write_xlsx(
            p / "a.xlsx", {"接待": [REC_HEADER, ["K1", "2026-10-03", 1, 2, 3, 4, 5, 6, 7, 8]]}
        ),
        lambda p: (p / "a.csv").write_text("工号,日期\nK1,2026-10-03\n", encoding="utf-8") and p / "a.csv",
    ],
)
def test_sheets_from_bytes_reads_as_the_file_reader(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    path = make(tmp_path)
    assert sheets_from_bytes(path.read_bytes(), path.name) == open_workbook(path)
    bad = tmp_path / "b.xlsx"
    corrupt_deflate(bad)
    with pytest.raises(CsreportError) as err:
        sheets_from_bytes(bad.read_bytes(), bad.name)
    assert err.value.message("zh") == CORRUPT + DAMAGED_ZIP
