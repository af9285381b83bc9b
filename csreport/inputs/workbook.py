"""Open a workbook file (xlsx, xlsm, xls, ods, csv) as raw sheets of cell rows, safely.

Every file is read from disk once; its bytes are hashed (``WorkbookRead.digest``) and
parsed from memory, so what was scored is exactly what was hashed. What a file is comes
from its content, not its name (``csreport.inputs.sniff``): a web page saved as .xls, a Word
document renamed .xlsx or an empty file is refused with one line saying what it is.

Limits, all checked before the reader allocates for what they bound:

- ``MAX_FILE_BYTES`` (200 MB) per file, from ``stat`` before any byte is read.
- ``MAX_UNZIPPED_BYTES`` (1 GiB): the declared size of all parts of a zip package.
  zipfile never inflates past a declared size (the CRC check fails), so this is real.
- ``MAX_ROWS`` (300,000) data rows per sheet, rows after the header row; exact: 300,000
  pass, 300,001 are refused. Before the header is known the reader stops at
  ``MAX_ROWS + HEADER_ALLOWANCE`` rows holding a value.
- ``MAX_CELLS`` (10 million) cells per workbook, counted in the sheet XML before parsing
  (a month of 5,000 agents × 31 days × 20 columns is 3.1 million); in a CSV, the cells
  holding a value, counted as the records stream past (the text is decoded piece by
  piece, never copied whole).
- ``EXCEL_ROWS`` (1,048,576): a sheet row past it is damage and refuses the file; a CSV
  with content past it is refused too. Rows are lists indexed by row number, so this
  bounds the list of (shared, empty) gap rows at 8 MB.
- ``MAX_COLS`` (200): columns after the 200th are ignored.
- ``DENSE_BOX`` (12 million cells): python-calamine allocates the sheet's bounding box
  (rows × columns up to the farthest cell) and copies a shared string into every cell
  that uses it. A sheet goes to calamine only when its box, its XML size
  (``DENSE_XML_BYTES``) and its shared-string text (cells × longest string,
  ``DENSE_TEXT_BYTES``) are small; any other sheet is streamed by
  ``csreport.inputs.xlsx_sparse``, which costs memory only for cells that exist. So one stray
  value at XFD1048576 is read, sparsely, instead of asking for 549 GB.
- ``MAX_SHARED_STRINGS`` (4 million) and ``MAX_PART_BYTES`` for the shared strings part;
  ``MAX_META_BYTES`` for the workbook, styles and relationship parts calamine reads whole.
- .xls and .ods are checked by ``csreport.inputs.legacy_guard`` (declared dimensions, string
  count, real and repeated cells) and refused when calamine would allocate past the limits.

A sheet refused for its size refuses its whole file: the file is set aside and named.
Damage a parser meets in any other form (zlib.error, ParseError, struct.error …) is
``file.corrupt`` with a plain reason: ``read_workbook`` raises nothing but ``CsreportError``.
A declared used range (``A1:XFD1048576``) is never trusted.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from csreport.inputs import csv_text, legacy_guard, xlsx_sparse
from csreport.inputs.sniff import Kind, sniff
from csreport.inputs.xlsx_scan import (
    CellFlag,
    SheetShape,
    StringsShape,
    measure_sheet,
    measure_strings,
    related_part,
    scan_zip,
    workbook_parts,
)
from csreport.messages import Bilingual, both
from csreport.problems import CsreportError, Problem, Severity
from csreport.util.paths import os_reason
from csreport.util.report_names import PROCESSING_LOG_NAME, RESULTS_PREFIX, WRITEBACK_SUFFIX

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_ROWS = 300_000  # data rows per sheet; a month of 5,000 agents × 31 days is 155,000
MAX_COLS = 200
HEADER_ALLOWANCE = 30  # title and header rows on top of the data-row limit
MAX_CELLS = 10_000_000
DENSE_BOX = 12_000_000
DENSE_XML_BYTES = 400 * 1024 * 1024
DENSE_TEXT_BYTES = 256 * 1024 * 1024
MAX_SHARED_STRINGS = 4_000_000
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_META_BYTES = 64 * 1024 * 1024
EXCEL_ROWS = xlsx_sparse.EXCEL_ROWS  # 1,048,576: no sheet row, and no CSV line with content, past it
SPREADSHEET_EXTS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


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


@dataclass(frozen=True)
class WorkbookRead:
    """A file read once: its sheets and the SHA-256 of the bytes they were parsed from."""

    sheets: list[RawSheet]
    digest: str


def is_skippable(path: Path) -> bool:
    """Excel lock files (``~$x.xlsx``), hidden temporary files and csreport's own outputs.

    Outputs are recognised by name so that a report folder inside the input folder is
    not read back as data on the next run: the results (客服绩效_…), the write-back copies
    (…_考核结果) and the drop folder's processing log (处理记录.xlsx).
    """
    name = path.name
    return (
        name.startswith(("~$", ".~", "._", RESULTS_PREFIX))
        or WRITEBACK_SUFFIX in name
        or name == PROCESSING_LOG_NAME
        or (name.startswith(".") and path.suffix.lower() in SPREADSHEET_EXTS)
    )


def open_workbook(path: Path) -> list[RawSheet]:
    """Read every worksheet of ``path``; raise ``CsreportError`` when the file is unusable."""
    return read_workbook(path).sheets


def read_workbook(path: Path) -> WorkbookRead:
    """Read ``path`` once, tell what it is, and parse its sheets within the limits.

    Raises only ``CsreportError`` (besides ``BaseException``s such as KeyboardInterrupt):
    damage that a parser meets in any other form becomes ``file.corrupt`` with a plain
    reason, so one damaged file is set aside and the rest of the batch is still read.
    """
    with damage_as_refusal():
        ext = path.suffix.lower()
        data = _read_bytes(path, ext)
        digest = hashlib.sha256(data).hexdigest()
        return WorkbookRead(_parse(data, ext, path.stem), digest)


def sheets_from_bytes(data: bytes, name: str) -> list[RawSheet]:
    """The sheets of a file whose bytes are already in memory, ``name`` giving its extension.

    The same code path, limits and refusals as ``read_workbook`` (which also checks the
    file on disk first); for callers that must parse exactly the bytes they hold, such as
    the write-back, without staging them in a file.
    """
    with damage_as_refusal():
        ext = Path(name).suffix.lower()
        if ext not in SPREADSHEET_EXTS:
            raise CsreportError("file.unsupported", ext=ext or name)
        if len(data) > MAX_FILE_BYTES:
            raise CsreportError(
                "file.too_large", size_mb=len(data) // 2**20, limit_mb=MAX_FILE_BYTES // 2**20
            )
        return _parse(data, ext, Path(name).stem)


@contextlib.contextmanager
def damage_as_refusal() -> Iterator[None]:
    """Turn anything a parser raises on damaged bytes into a ``CsreportError``.

    Parsers (zipfile, zlib, ElementTree, struct, calamine) fail on damaged input in many
    forms; each is one bad file, never the end of the run. ``MemoryError`` gets its own
    message: the reader's limits should prevent it, and when they do not, the file is
    set aside (its partial data is freed as the exception unwinds) rather than the batch
    lost. ``BaseException``s (KeyboardInterrupt, SystemExit) pass.
    """
    try:
        yield
    except CsreportError:
        raise
    except MemoryError as exc:
        raise CsreportError("file.out_of_memory") from exc
    except UnicodeDecodeError as exc:
        # Only a CSV's text is decoded strictly, and ``csv_text.decoded`` turns a text in no
        # encoding it knows into this same refusal: one that slips past it says the same.
        raise CsreportError("file.csv_encoding") from exc
    except Exception as exc:
        raise CsreportError("file.corrupt", reason=_damage_reason(exc)) from exc


def _damage_reason(exc: Exception) -> Bilingual:
    """A plain reason for what a parser raised, in both languages."""
    if isinstance(exc, (zlib.error, zipfile.BadZipFile, EOFError)):
        return both("read.damaged_compression")
    if isinstance(exc, NotImplementedError) or (isinstance(exc, RuntimeError) and "encrypted" in str(exc)):
        # zipfile: an unknown compression method, or a zip-encrypted member.
        return both("read.unsupported_compression")
    if isinstance(exc, ET.ParseError):
        return both("read.malformed_xml")
    if isinstance(exc, struct.error):
        return both("read.truncated_record")
    return both("read.unexpected", kind=type(exc).__name__)


def _parse(data: bytes, ext: str, stem: str) -> list[RawSheet]:
    """The sheets held in ``data``, by what the bytes are (not what ``ext`` says)."""
    kind = sniff(data, ext)
    if kind.name == "text":
        if ext in (".xlsx", ".xlsm", ".ods"):
            # Plain text cannot be a zip package; .xls is different, as back offices often
            # write tab-separated text under that name, and Excel opens it.
            raise CsreportError("file.corrupt", reason=both("read.plain_text"))
        return [_read_csv(data, stem, kind)]
    if kind.name == "ooxml":
        return _read_ooxml(data)
    if kind.name == "ods":
        with open_zip(data) as zf:
            legacy_guard.check_ods(zf, MAX_CELLS, DENSE_BOX)
    else:
        legacy_guard.check_xls(data, MAX_CELLS, DENSE_BOX, MAX_SHARED_STRINGS)
    book = calamine_book(data)
    return _calamine_sheets(book, list(book.sheets_metadata))


def read_input_bytes(path: Path) -> bytes:
    """``path``'s bytes, read as for scoring: size-checked first, never blocking on a pipe
    or device; raises ``CsreportError`` (``file.*``) when it cannot be read."""
    return _read_bytes(path, path.suffix.lower())


def current_digest(path: Path) -> str | None:
    """The SHA-256 of ``path`` as it is now, read the same safe way as for scoring; None
    when it can no longer be read as a workbook file (gone, a pipe, too large ...)."""
    try:
        return hashlib.sha256(read_input_bytes(path)).hexdigest()
    except CsreportError:
        return None


def changed_inputs(read: dict[str, str]) -> list[Problem]:
    """A warning for each input that is no longer what was read."""
    out = []
    for name, digest in read.items():
        now = current_digest(Path(name))
        if now is None:
            out.append(Problem("input.gone", Severity.WARNING, Path(name).name))
        elif now != digest:
            out.append(Problem("input.changed", Severity.WARNING, Path(name).name))
    return out


def _read_bytes(path: Path, ext: str) -> bytes:
    """The file's bytes, after checking type and size with ``stat`` (nothing read yet)."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise CsreportError("file.not_found", path=str(path)) from exc
    except OSError as exc:
        raise _unreadable(exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise CsreportError("file.is_folder", path=str(path))
    if ext not in SPREADSHEET_EXTS:
        raise CsreportError("file.unsupported", ext=ext or path.name)
    if not stat.S_ISREG(info.st_mode):
        raise CsreportError("file.not_regular")
    if info.st_size > MAX_FILE_BYTES:
        raise CsreportError("file.too_large", size_mb=info.st_size // 2**20, limit_mb=MAX_FILE_BYTES // 2**20)
    try:
        # Opened without blocking and checked again: a file swapped for a pipe after the
        # stat above must not hang the run.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise CsreportError("file.not_regular")
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _unreadable(exc) from exc
    if len(data) > MAX_FILE_BYTES:  # it grew after stat
        raise CsreportError("file.too_large", size_mb=len(data) // 2**20, limit_mb=MAX_FILE_BYTES // 2**20)
    return data


def _unreadable(exc: OSError) -> CsreportError:
    if isinstance(exc, PermissionError):
        return CsreportError("file.no_permission")
    return CsreportError("file.unreadable", reason=os_reason(exc))


def open_zip(data: bytes) -> zipfile.ZipFile:
    """``data`` opened as a zip package, refused when damaged or when its parts' declared sizes
    add up to more than ``MAX_UNZIPPED_BYTES`` (a zip bomb)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise CsreportError("file.damaged_zip") from exc
    total = sum(info.file_size for info in zf.infolist())
    if total > MAX_UNZIPPED_BYTES:
        zf.close()
        raise CsreportError("file.zip_bomb", size_mb=total // 2**20, limit_mb=MAX_UNZIPPED_BYTES // 2**20)
    return zf


def calamine_book(data: bytes) -> CalamineWorkbook:
    """``data`` opened by calamine (after the limits were checked); refused when encrypted or
    when calamine cannot parse it."""
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError as exc:
        raise CsreportError("file.encrypted") from exc
    except Exception as exc:  # calamine raises many types for damaged files
        # Its text ("Cannot detect file format", "Cfb error ...") tells a user nothing.
        raise CsreportError("file.corrupt", reason=both("read.unparsable")) from exc


@dataclass
class PackagePlan:
    """What the OOXML reader learned before handing anything to calamine."""

    zf: zipfile.ZipFile
    parts: dict[str, zipfile.ZipInfo]
    sheets: dict[str, zipfile.ZipInfo]
    strings_info: zipfile.ZipInfo | None
    strings: StringsShape
    styles_info: zipfile.ZipInfo | None
    date1904: bool
    budget: int = MAX_CELLS
    shapes: dict[str, SheetShape] = field(default_factory=dict)
    loaded_strings: list[str] | None = None
    kinds: list[str] | None = None


def _read_ooxml(data: bytes) -> list[RawSheet]:
    with open_zip(data) as zf:
        plan = plan_package(zf)
        book = calamine_book(data)
        sheets = _calamine_sheets(book, list(book.sheets_metadata), plan)
        clean = frozenset(n for n, s in plan.shapes.items() if not s.candidates)
        # calamine shows a formula without a cached value, and a cached error, as an empty
        # cell; the scan finds them so they are reported instead of read as blank.
        scan = scan_zip(zf, clean | frozenset(s.name for s in sheets if s.hidden or s.chart))
    return [
        replace(
            sheet, date1904=scan.date1904, flags={(f.row, f.col): f for f in scan.flags.get(sheet.name, ())}
        )
        for sheet in sheets
    ]


def plan_package(zf: zipfile.ZipFile) -> PackagePlan:
    """An .xlsx/.xlsm package checked before calamine reads any of it: the sizes of the parts
    calamine reads whole, the shared strings (counted and measured), the sheets' parts.

    Raises ``CsreportError``: a limit's, ``file.damaged_zip``, or ``file.corrupt`` (malformed XML).
    """
    try:
        return _plan(zf)
    except CsreportError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as exc:
        raise CsreportError("file.damaged_zip") from exc
    except Exception as exc:  # malformed XML in a small part (ParseError and kin)
        raise CsreportError("file.corrupt", reason=_damage_reason(exc)) from exc


def _plan(zf: zipfile.ZipFile) -> PackagePlan:
    parts, workbook_key, sheet_parts, date1904 = workbook_parts(zf)
    for key in [workbook_key, *(k for k in parts if k.endswith(".rels"))]:
        info = parts.get(key)
        if info is not None and info.file_size > MAX_META_BYTES:
            raise CsreportError(
                "file.part_too_big",
                part=info.filename,
                size_mb=info.file_size // 2**20,
                limit_mb=MAX_META_BYTES // 2**20,
            )
    styles_key = related_part(zf, parts, workbook_key, "/styles")
    styles_info = parts.get(styles_key) if styles_key else None
    if styles_info is not None and styles_info.file_size > MAX_META_BYTES:
        raise CsreportError(
            "file.part_too_big",
            part=styles_info.filename,
            size_mb=styles_info.file_size // 2**20,
            limit_mb=MAX_META_BYTES // 2**20,
        )
    strings_key = related_part(zf, parts, workbook_key, "/sharedStrings")
    strings_info = parts.get(strings_key) if strings_key else parts.get("xl/sharedstrings.xml")
    strings = StringsShape()
    if strings_info is not None:
        if strings_info.file_size > MAX_PART_BYTES:
            raise CsreportError(
                "file.part_too_big",
                part=strings_info.filename,
                size_mb=strings_info.file_size // 2**20,
                limit_mb=MAX_PART_BYTES // 2**20,
            )
        strings = measure_strings(zf, strings_info, MAX_SHARED_STRINGS)
        if strings.count > MAX_SHARED_STRINGS:
            raise CsreportError("file.too_many_strings", count=strings.count, limit=MAX_SHARED_STRINGS)
    sheets = {name: parts[key] for name, key in sheet_parts if key in parts}
    return PackagePlan(zf, parts, sheets, strings_info, strings, styles_info, date1904)


def _calamine_sheets(
    book: CalamineWorkbook, metas: list[Any], plan: PackagePlan | None = None
) -> list[RawSheet]:
    """Every sheet; with a ``plan`` (OOXML) each worksheet is measured before it is read."""
    sheets = []
    for meta in metas:
        if meta.typ != SheetTypeEnum.WorkSheet:
            sheets.append(RawSheet(meta.name, [], 0, chart=True))
        elif meta.visible != SheetVisibleEnum.Visible:
            sheets.append(RawSheet(meta.name, [], 0, hidden=True))
        elif plan is None:
            sheets.append(_legacy_dense(book, meta.name))
        else:
            sheets.append(_planned(book, meta.name, plan))
    return sheets


def _planned(book: CalamineWorkbook, name: str, plan: PackagePlan) -> RawSheet:
    """Measure the sheet's XML, then read it densely (calamine) or sparsely (streaming)."""
    info, shape = sheet_shape(plan, name)
    dense = fits_dense(shape) and shape.shared_cells * plan.strings.longest <= DENSE_TEXT_BYTES
    if dense:
        try:
            return _dense(book, name)
        except _UNCONVERTIBLE:
            pass  # a date or duration cell too large for Python: the streaming reader keeps it
    return _sparse(name, info, plan)


def sheet_shape(plan: PackagePlan, name: str) -> tuple[zipfile.ZipInfo, SheetShape]:
    """The part and the measured shape of the worksheet ``name``, its cells taken from the
    workbook's budget (``MAX_CELLS`` in all); refused when damaged or over the budget."""
    info = plan.sheets.get(name)
    if info is None:
        raise CsreportError("file.corrupt", reason=both("read.sheet_data_missing", sheet=name))
    try:
        shape = measure_sheet(plan.zf, info, plan.budget)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise CsreportError("file.damaged_zip") from exc
    if shape.cells > plan.budget:
        raise CsreportError("sheet.too_many_cells", sheet=name, limit=MAX_CELLS)
    plan.budget -= shape.cells
    plan.shapes[name] = shape
    return info, shape


def fits_dense(shape: SheetShape) -> bool:
    """True when calamine may read the sheet whole as far as its box and XML go (what it copies
    of the shared strings is the caller's to weigh)."""
    # A box mostly empty (a stray value far below the data) is cheaper streamed too.
    # A row past Excel's last is damage the streaming reader reports (calamine would read it).
    return (
        shape.regular
        and shape.box <= min(DENSE_BOX, 16 * shape.cells + 65_536)
        and shape.max_row <= EXCEL_ROWS
        and shape.xml_bytes <= DENSE_XML_BYTES
    )


def _sparse(name: str, info: zipfile.ZipInfo, plan: PackagePlan) -> RawSheet:
    try:
        if plan.loaded_strings is None:
            plan.loaded_strings = xlsx_sparse.shared_strings(plan.zf, plan.strings_info)
        if plan.kinds is None:
            plan.kinds = xlsx_sparse.style_kinds(plan.zf, plan.styles_info, MAX_META_BYTES)
        rows = xlsx_sparse.read_sheet(
            plan.zf,
            info,
            plan.loaded_strings,
            plan.kinds,
            plan.date1904,
            MAX_COLS,
            MAX_ROWS + HEADER_ALLOWANCE,
            lambda: CsreportError("sheet.too_many_rows", limit=MAX_ROWS, sheet=name),
            lambda row: CsreportError(
                "file.corrupt", reason=both("read.row_beyond_excel", sheet=name, row=row)
            ),
        )
    except CsreportError:
        raise
    except Exception as exc:  # malformed XML or a damaged part
        raise CsreportError("file.corrupt", reason=_damage_reason(exc)) from exc
    return RawSheet(name, rows, 0)


# python-calamine converts a date- or duration-formatted cell holding a huge number (1e300
# as [h]:mm:ss) into a Python date or timedelta, which overflows.
_UNCONVERTIBLE = (OverflowError,)


def _legacy_dense(book: CalamineWorkbook, name: str) -> RawSheet:
    """``_dense`` for .xls and .ods, which have no streaming reader to fall back on."""
    try:
        return _dense(book, name)
    except _UNCONVERTIBLE as exc:
        raise CsreportError("file.corrupt", reason=both("read.number_too_large", sheet=name)) from exc


def calamine_sheet(book: CalamineWorkbook, name: str) -> Any:
    """The sheet ``name`` of a workbook calamine opened; refused when encrypted or damaged."""
    try:
        return book.get_sheet_by_name(name)
    except PasswordError as exc:
        raise CsreportError("file.encrypted") from exc
    except Exception as exc:  # calamine raises many types for damaged files
        # Its text ("Cannot detect file format", "Cfb error ...") tells a user nothing.
        raise CsreportError("file.corrupt", reason=both("read.unparsable")) from exc


def _dense(book: CalamineWorkbook, name: str) -> RawSheet:
    sheet = calamine_sheet(book, name)
    if sheet.height <= MAX_ROWS + HEADER_ALLOWANCE and sheet.width <= MAX_COLS:
        # The common case: one C-level conversion, columns from A, rows from 1.
        grid = sheet.to_python(skip_empty_area=False)
        while grid and not any(c not in ("", None) for c in grid[-1]):
            grid.pop()
        return RawSheet(name, grid, 0)
    # A tall or wide sheet: stream it, keeping only rows up to the last with content.
    start = sheet.start
    first_col = int(start[1]) if start else 0
    rows: list[list[Any]] = []
    blank_run = 0
    filled = 0
    for row in sheet.iter_rows():
        cells = list(row[:MAX_COLS])
        if any(c not in ("", None) for c in cells):
            # Materialise a blank run only when content follows it.
            rows.extend([[]] * blank_run)
            blank_run = 0
            rows.append(cells)
            filled += 1
            if filled > MAX_ROWS + HEADER_ALLOWANCE:
                raise CsreportError("sheet.too_many_rows", limit=MAX_ROWS, sheet=name)
        else:
            blank_run += 1
    return RawSheet(name, rows, first_col)


def _read_csv(data: bytes, name: str, kind: Kind) -> RawSheet:
    """The one sheet of a CSV/TSV file, decoded as it streams (no second copy of the text).

    Bounded like a worksheet: at most ``MAX_CELLS`` non-empty cells and
    ``MAX_ROWS + HEADER_ALLOWANCE`` records holding a value (the exact data-row limit is
    ``build_table``'s), and no content past Excel's last row. Blank records keep their
    place (``rows[i]`` is still line record ``i + 1``) as one shared empty row each, and
    are only stored when content follows them.
    """
    return csv_text.decoded(kind, lambda encoding: _parse_csv(data, name, encoding))


def _parse_csv(data: bytes, name: str, encoding: str) -> RawSheet:
    rows: list[list[Any]] = []
    blank: list[Any] = []  # shared by every stored blank record
    filled = cells = pending_blanks = 0
    dialect = csv_text.sniff_dialect(data, encoding)
    with contextlib.closing(csv_text.records(data, encoding, dialect, MAX_COLS)) as records:
        for row in records:
            if not row:
                pending_blanks += 1
                continue
            filled += 1
            if filled > MAX_ROWS + HEADER_ALLOWANCE:
                raise CsreportError("sheet.too_many_rows", limit=MAX_ROWS, sheet=name)
            cells += len(row) - row.count("")
            if cells > MAX_CELLS:
                raise CsreportError("sheet.too_many_cells", sheet=name, limit=MAX_CELLS)
            if pending_blanks:
                rows.extend([blank] * pending_blanks)
                pending_blanks = 0
            rows.append(row)
    return RawSheet(name, rows)


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Expand folders into their spreadsheet files, in a stable order; never raises.

    Only a folder's own files are read, not its sub-folders. Entries that cannot be used
    (broken or looping links, folders named like a workbook, pipes and devices named like
    one, unreadable folders) are left out here, never opened, and named by
    ``input_problems``, as are sub-folders holding workbooks.
    """
    seen: set[tuple[int, int]] = set()
    for p in paths:
        if _is_dir(p):
            try:
                entries = sorted(p.iterdir())
            except OSError:
                continue
            found: Iterator[Path] = (
                f for f in entries if f.suffix.lower() in SPREADSHEET_EXTS and _is_file(f)
            )
        else:
            found = iter([p])
        for f in found:
            key = _identity(f)
            if key is not None and key in seen:
                continue  # the same file given twice (or a link to it): read once
            if key is not None:
                seen.add(key)
            yield f


def _identity(p: Path) -> tuple[int, int] | None:
    """(device, inode) of a file, so one file reached by two paths is one input."""
    try:
        info = p.stat()
    except (OSError, RuntimeError):
        return None
    return (info.st_dev, info.st_ino) if info.st_ino else None


def input_problems(paths: list[Path]) -> list[Problem]:
    """One WARNING per entry ``iter_files`` leaves out, saying what it is and why.

    Checked with ``stat`` only: a FIFO or a device is never opened, so naming one here
    can never block or read without end.
    """
    problems: list[Problem] = []
    given = {_resolved(p) for p in paths}
    listed = list(iter_files(paths))
    for p in paths:
        if not _is_dir(p) and _is_file(p) and p not in listed:
            problems.append(Problem("input.given_twice", Severity.INFO, p.name))
    for p in paths:
        if not _is_dir(p):
            if p.is_symlink() and not p.exists():
                problems.append(_skipped(p, _link_reason(p)))
            continue
        try:
            entries = sorted(p.iterdir())
        except OSError:
            problems.append(Problem("input.folder_unreadable", Severity.WARNING, str(p)))
            continue
        for f in entries:
            if f.suffix.lower() in SPREADSHEET_EXTS and not _is_file(f):
                problem = _entry_problem(f)
                if problem is not None:
                    problems.append(problem)
            elif _is_dir(f) and not f.name.startswith(".") and _resolved(f) not in given:
                problem = _subfolder_problem(p, f)
                if problem is not None:
                    problems.append(problem)
    return problems


def _entry_problem(f: Path) -> Problem | None:
    """Why an entry named like a workbook is not a readable file, or None."""
    if f.is_symlink() and not f.exists():
        return _skipped(f, _link_reason(f))
    if _is_dir(f):
        return Problem("input.folder_named_like_file", Severity.WARNING, f.name)
    try:
        mode = f.stat().st_mode  # follows a link; stat never opens, so never blocks
    except OSError:
        return None
    kind = _SPECIAL_KINDS.get(stat.S_IFMT(mode))
    if kind is None:
        return None
    if f.is_symlink():
        target = os.path.realpath(f)
        kind = both("input.shortcut", kind=kind, target=target)
    return Problem("input.not_regular", Severity.WARNING, f.name, params={"kind": kind})


_SPECIAL_KINDS = {
    stat.S_IFIFO: both("input.kind.fifo"),
    stat.S_IFCHR: both("input.kind.char_device"),
    stat.S_IFBLK: both("input.kind.block_device"),
    stat.S_IFSOCK: both("input.kind.socket"),
}
# How much of a sub-folder is looked through for workbooks: enough for any real folder
# tree, bounded so a huge or looping tree costs milliseconds.
_SUBFOLDER_ENTRIES = 5000
_SUBFOLDER_DEPTH = 40
# A folder holding one of these is csreport's own output (a month folder), not data.
_OUTPUT_MARKERS = (".csreport-manifest.json",)


def _subfolder_problem(parent: Path, sub: Path) -> Problem | None:
    """A WARNING for a sub-folder that holds workbooks (they are not read), else None.

    Folders without workbooks are not mentioned, nor are csreport's own output folders:
    their files (客服绩效_*.xlsx, *_考核结果.xlsx) are skippable, and a month folder is
    recognised by its manifest. A link back to the input folder (or above it) is no
    sub-folder at all.
    """
    if sub.is_symlink():
        try:
            target, base = sub.resolve(strict=True), parent.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if target == base or target in base.parents:
            return None
    count, holder = _workbooks_under(sub)
    if not count or holder is None:
        return None
    return Problem(
        "input.subfolder_not_read",
        Severity.WARNING,
        sub.name + os.sep,
        params={"count": count, "path": str(holder)},
    )


def _workbooks_under(folder: Path) -> tuple[int, Path | None]:
    """How many data workbooks ``folder`` and its sub-folders hold (links not followed),
    and the shallowest folder holding one: the input to give to read them."""
    count, seen = 0, 0
    holder: tuple[int, Path] | None = None
    stack = [(folder, 0)]
    while stack and seen < _SUBFOLDER_ENTRIES:
        current, depth = stack.pop()
        try:
            with os.scandir(current) as it:
                entries = list(it)
        except OSError:
            continue
        names = {e.name for e in entries}
        if any(m in names for m in _OUTPUT_MARKERS):
            continue
        for entry in entries:
            seen += 1
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth + 1 < _SUBFOLDER_DEPTH:
                        stack.append((Path(entry.path), depth + 1))
                elif (
                    entry.is_file()
                    and Path(entry.name).suffix.lower() in SPREADSHEET_EXTS
                    and not is_skippable(Path(entry.path))
                ):
                    count += 1
                    if holder is None or depth < holder[0]:
                        holder = (depth, current)
            except OSError:
                continue
    return count, holder[1] if holder else None


def _resolved(p: Path) -> Path | None:
    try:
        return p.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def _skipped(p: Path, code: str) -> Problem:
    return Problem(code, Severity.WARNING, p.name)


def _link_reason(p: Path) -> str:
    try:
        p.resolve(strict=True)
    except RuntimeError:
        return "input.symlink_loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "input.symlink_loop"
    return "input.broken_symlink"


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:
        return False


def _is_file(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:
        return False
