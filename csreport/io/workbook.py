"""Open a workbook file (xlsx, xlsm, xls, ods, csv) as raw sheets of cell rows, safely.

Size limits protect the machine: a file over ``MAX_FILE_BYTES``, a zip that expands past
``MAX_UNZIPPED_BYTES``, or a sheet past ``MAX_ROWS`` data rows is refused with a message.
A declared used range (``A1:XFD1048576``) is never trusted: rows are streamed and
trailing empty rows cost nothing.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from csreport.i18n import Bilingual
from csreport.io.xlsx_scan import CellFlag, scan_workbook
from csreport.problems import CsreportError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_ROWS = 300_000  # data rows per sheet; a month of 5,000 agents × 31 days is 155,000
MAX_COLS = 200
HEADER_ALLOWANCE = 30  # title and header rows on top of the data-row limit
SPREADSHEET_EXTS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class RawSheet:
    """One sheet's cells: ``rows[i]`` is Excel row ``i + 1``; ``first_col`` is 0 for A."""

    name: str
    rows: list[list[Any]]
    first_col: int = 0
    hidden: bool = False
    chart: bool = False  # a chart sheet, not a worksheet
    date1904: bool = False
    flags: dict[tuple[int, int], CellFlag] = field(default_factory=dict)  # (row, col) → flag


def is_skippable(path: Path) -> bool:
    """Excel lock files (``~$x.xlsx``), hidden temporary files and csreport's own outputs.

    Outputs are recognised by name so that a report folder inside the input folder is
    not read back as data on the next run.
    """
    name = path.name
    return name.startswith(("~$", ".~", "._", "客服绩效_")) or "_考核结果" in name or (
        name.startswith(".") and path.suffix.lower() in SPREADSHEET_EXTS
    )


def open_workbook(path: Path) -> list[RawSheet]:
    """Read every worksheet of ``path``; raise ``CsreportError`` when the file is unusable."""
    if not path.is_file():
        raise CsreportError("file.not_found", path=str(path))
    ext = path.suffix.lower()
    if ext not in SPREADSHEET_EXTS:
        raise CsreportError("file.unsupported", ext=ext or path.name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CsreportError(
            "file.too_large", size_mb=size // 2**20, limit_mb=MAX_FILE_BYTES // 2**20
        )
    if ext == ".csv":
        return [_read_csv(path)]
    with path.open("rb") as fh:
        head = fh.read(8)
    if ext in (".xlsx", ".xlsm", ".ods"):
        if head == _OLE_MAGIC:
            # An encrypted OOXML file is an OLE container instead of a zip.
            raise CsreportError("file.encrypted")
        _check_zip(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [_read_sheet(book, meta) for meta in book.sheets_metadata]
    except PasswordError as exc:
        raise CsreportError("file.encrypted") from exc
    except CsreportError:
        raise
    except Exception as exc:  # calamine raises many types for damaged files
        raise CsreportError("file.corrupt", reason=_short(exc)) from exc
    if ext not in (".xlsx", ".xlsm"):
        return sheets
    # calamine shows a formula without a cached value, and a cached error, as an empty
    # cell; the scan finds them so they are reported instead of read as blank.
    scan = scan_workbook(path)
    return [
        replace(sheet, date1904=scan.date1904,
                flags={(f.row, f.col): f for f in scan.flags.get(sheet.name, ())})
        for sheet in sheets
    ]


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise CsreportError("file.corrupt", reason=Bilingual(
            "不是有效的 zip/xlsx 结构", "not a valid zip/xlsx structure")) from exc
    if total > MAX_UNZIPPED_BYTES:
        raise CsreportError(
            "file.zip_bomb", size_mb=total // 2**20, limit_mb=MAX_UNZIPPED_BYTES // 2**20
        )


def _read_sheet(book: CalamineWorkbook, meta: Any) -> RawSheet:
    if meta.typ != SheetTypeEnum.WorkSheet:
        return RawSheet(meta.name, [], 0, chart=True)
    if meta.visible != SheetVisibleEnum.Visible:
        return RawSheet(meta.name, [], 0, hidden=True)
    sheet = book.get_sheet_by_name(meta.name)
    if sheet.height <= MAX_ROWS and sheet.width <= MAX_COLS:
        # The common case: one C-level conversion, columns from A, rows from 1.
        grid = sheet.to_python(skip_empty_area=False)
        while grid and not any(c not in ("", None) for c in grid[-1]):
            grid.pop()
        return RawSheet(meta.name, grid, 0)
    # A huge declared range: stream it, keeping only rows up to the last with content.
    start = sheet.start
    first_col = int(start[1]) if start else 0
    rows: list[list[Any]] = []
    blank_run = 0
    for row in sheet.iter_rows():
        cells = list(row[:MAX_COLS])
        if any(c not in ("", None) for c in cells):
            # Materialise a blank run only when content follows it.
            rows.extend([[]] * blank_run)
            blank_run = 0
            rows.append(cells)
            if len(rows) > MAX_ROWS + HEADER_ALLOWANCE:
                raise CsreportError("sheet.too_many_rows", limit=MAX_ROWS, sheet=meta.name)
        else:
            blank_run += 1
            if not rows and blank_run > MAX_ROWS:
                break
    return RawSheet(meta.name, rows, first_col)


def _read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text[:4096]:
        raise CsreportError("file.corrupt", reason=Bilingual(
            "CSV 编码无法识别（应为 UTF-8 或 GBK）", "unknown CSV encoding (expected UTF-8 or GBK)"))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    rows: list[list[Any]] = []
    for row in csv.reader(io.StringIO(text), dialect):
        rows.append(row[:MAX_COLS])
        if len(rows) > MAX_ROWS + HEADER_ALLOWANCE:
            raise CsreportError("sheet.too_many_rows", limit=MAX_ROWS, sheet=path.stem)
    return RawSheet(path.stem, rows)


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Expand folders into their spreadsheet files, in a stable order."""
    for p in paths:
        if p.is_dir():
            yield from sorted(
                f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SPREADSHEET_EXTS
            )
        else:
            yield p


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
