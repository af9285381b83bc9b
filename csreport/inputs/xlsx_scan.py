"""Find formula cells whose value a reader cannot see in an .xlsx / .xlsm file.

python-calamine returns an empty string both for a formula that has no cached result
(a file written by a program and never opened in Excel) and for a cached error value
(``#DIV/0!``, ``#N/A`` …), so a blank cell may really be a broken formula. This module
reads the OOXML parts directly to find those cells and to report the date system.

It is advisory: it never raises. Sheets without formulas or errors are skipped after a
byte search; the rest are streamed with ``iterparse`` so memory stays bounded.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from csreport.inputs.xlsx_scan_fast import fast_scan

MAX_FLAGS_PER_SHEET = 10_000
MAX_SHEET_BYTES = 1 << 30  # declared uncompressed size; zipfile never inflates past it
MAX_META_BYTES = 16 << 20  # workbook.xml and .rels parts are tiny in real files
TEXT_LIMIT = 80
_FAST_MAX_BYTES = 256 << 20  # parts read whole into memory for the byte-level scan
_CHUNK = 1 << 20
_OVERLAP = 64  # longer than any needle, so a match split across two chunks is still seen

# Prefilters: a formula element, plain or prefixed (<f>, <f/>, <x:f …>), and an error-typed
# cell. A false match only costs a full parse. Two searches, because an alternation defeats
# the regex engine's literal-prefix scan and is ten times slower on whitespace-heavy XML.
_FORMULA_TAG = re.compile(rb"<(?:[\w.\-]+:)?f[\s/>]")
_ERROR_TYPE = re.compile(rb"""t\s*=\s*["']e["']""")
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class CellFlag:
    """One cell whose value reads as blank although the sheet holds something there."""

    row: int  # Excel row number, 1-based
    col: int  # 0-based column index (A = 0)
    kind: str  # "no_cache" (formula without a cached value) or "error" (cached error value)
    text: str  # the error text such as "#DIV/0!", or the formula text for no_cache (≤ 80 chars)


@dataclass(frozen=True)
class WorkbookScan:
    """What the scan found: the date system and flagged cells per sheet name."""

    date1904: bool  # workbook uses the 1904 date system
    flags: dict[str, tuple[CellFlag, ...]]  # sheet name -> flagged cells (only sheets with any)


def scan_workbook(path: Path) -> WorkbookScan:
    """Scan an OOXML workbook; any other or unreadable file gives an empty scan."""
    try:
        if not zipfile.is_zipfile(path):
            return WorkbookScan(False, {})
        with zipfile.ZipFile(path) as zf:
            return scan_zip(zf)
    except Exception:  # damaged zips raise many types; the main reader reports them itself
        return WorkbookScan(False, {})


def scan_zip(zf: zipfile.ZipFile, clean: frozenset[str] = frozenset()) -> WorkbookScan:
    """Scan an open OOXML package; sheets named in ``clean`` are known to hold no candidates."""
    date1904 = False
    flags: dict[str, tuple[CellFlag, ...]] = {}
    try:
        parts = {_part_key(info.filename): info for info in zf.infolist()}
        workbook_key = _workbook_part(zf, parts)
        root = _parse_small(zf, parts.get(workbook_key))
        if root is None:
            return WorkbookScan(False, {})
        date1904 = _is_date1904(root)
        stale = recalculates_on_load(root)
        for name, key in _sheet_parts(zf, parts, workbook_key, root):
            if name in clean:
                continue
            found = _scan_sheet(zf, parts.get(key), stale)
            if found:
                flags[name] = tuple(found)
    except Exception:  # damaged zips raise many types; the main reader reports them itself
        pass
    return WorkbookScan(date1904, flags)


def _local(tag: str) -> str:
    """Element or attribute name without its ``{namespace}``, as producers vary prefixes."""
    return tag.rpartition("}")[2]


def _part_key(name: str) -> str:
    """Normalise a zip member or resolved target name for lookup (case, slashes)."""
    return posixpath.normpath(name.replace("\\", "/").lstrip("/")).lower()


def _resolve(base_dir: str, target: str) -> str:
    """Part key of a relationship target, relative to ``base_dir`` unless absolute."""
    target = unquote(target.replace("\\", "/"))
    return _part_key(target if target.startswith("/") else posixpath.join(base_dir, target))


def _parse_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> ET.Element | None:
    """Parse a small metadata part fully, or return None when it is absent or suspicious."""
    if info is None or info.file_size > MAX_META_BYTES:
        return None
    data = zf.read(info)
    if b"<!DOCTYPE" in data[:4096]:  # OOXML forbids DTDs; one here can only be hostile
        return None
    return ET.fromstring(data)


def _relationships(
    zf: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], part: str
) -> dict[str, tuple[str, str]]:
    """Map relationship Id -> (type, target part key) for the internal targets of ``part``."""
    base_dir, name = posixpath.split(part)
    root = _parse_small(zf, parts.get(_part_key(posixpath.join(base_dir, "_rels", name + ".rels"))))
    rels: dict[str, tuple[str, str]] = {}
    if root is None:
        return rels
    for rel in root.iter():
        if _local(rel.tag) != "Relationship" or rel.get("TargetMode", "").lower() == "external":
            continue
        rel_id, target = rel.get("Id"), rel.get("Target")
        if rel_id and target:
            rels[rel_id] = (rel.get("Type", ""), _resolve(base_dir, target))
    return rels


def _workbook_part(zf: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo]) -> str:
    """Key of the main workbook part, from the package relationships when they name one."""
    for rel_type, key in _relationships(zf, parts, "").values():
        if rel_type.endswith("/officeDocument") and key in parts:
            return key
    return "xl/workbook.xml"


def recalculates_on_load(root: ET.Element) -> bool:
    """True when ``<calcPr fullCalcOnLoad="1">`` asks Excel to recalculate on opening.

    XlsxWriter and other generators write it with 0 as every formula's cached value:
    read as is, a 奖金基数 formula would silently be 0.
    """
    for elem in root.iter():
        if _local(elem.tag) == "calcPr":
            return elem.get("fullCalcOnLoad", "").strip().lower() in ("1", "true")
    return False


def _is_date1904(root: ET.Element) -> bool:
    """True when ``<workbookPr date1904="1"|"true">`` says serial 0 is 1904-01-01."""
    for elem in root.iter():
        if _local(elem.tag) == "workbookPr":
            return elem.get("date1904", "").strip().lower() in ("1", "true")
    return False


def _sheet_parts(
    zf: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], workbook_key: str, root: ET.Element
) -> list[tuple[str, str]]:
    """(sheet name, part key) for every ``<sheet>`` whose relationship resolves."""
    rels = _relationships(zf, parts, workbook_key)
    sheets: list[tuple[str, str]] = []
    for elem in root.iter():
        if _local(elem.tag) != "sheet":
            continue
        rel_id = next((v for k, v in elem.attrib.items() if k.startswith("{") and _local(k) == "id"), None)
        name = elem.get("name")
        if name is not None and rel_id in rels:
            sheets.append((name, rels[rel_id][1]))
    return sheets


def _scan_sheet(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo | None, zero_is_stale: bool = False
) -> list[CellFlag]:
    """Flagged cells of one sheet part; whatever was found before any damage is kept.

    ``zero_is_stale``: a formula's cached 0 counts as no cached value (see
    ``recalculates_on_load``)."""
    found: list[CellFlag] = []
    if info is None or info.file_size > MAX_SHEET_BYTES:
        return found
    try:
        if _has_candidates(zf, info):
            if info.file_size <= _FAST_MAX_BYTES:
                flags = fast_scan(zf.read(info), MAX_FLAGS_PER_SHEET, TEXT_LIMIT, zero_is_stale)
                if flags is not None:
                    return [CellFlag(*flag) for flag in flags]
            with zf.open(info) as fh:
                _collect(fh, found, zero_is_stale)
    except Exception:  # a truncated or malformed part ends the scan of this sheet only
        pass
    return found


def _has_candidates(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Cheap byte search: could this part hold a formula or an error cell at all?"""
    with zf.open(info) as fh:
        first = fh.read(_CHUNK)
        if b"<!DOCTYPE" in first[:4096]:
            return False
        if first.startswith(_UTF16_BOMS):  # the byte needles cannot match UTF-16 markup
            return True
        tail, chunk = b"", first
        while chunk:
            window = tail + chunk
            if _FORMULA_TAG.search(window) or _ERROR_TYPE.search(window):
                return True
            tail, chunk = chunk[-_OVERLAP:], fh.read(_CHUNK)
    return False


def _collect(fh: IO[bytes], found: list[CellFlag], zero_is_stale: bool = False) -> None:
    """Stream a worksheet, appending flags to ``found`` until the per-sheet cap."""
    names: dict[str, str] = {}
    sheet_data: ET.Element | None = None
    last_row = 0
    # Start events only: when a row starts, the rows before it are complete, and skipping
    # end events halves the Python-level work on a 155,000-row sheet.
    for _event, elem in ET.iterparse(fh, events=("start",)):
        local = names.get(elem.tag) or names.setdefault(elem.tag, _local(elem.tag))
        if local == "sheetData":
            sheet_data = elem
        elif local == "row" and sheet_data is not None:
            # Children before the starting row are finished; none if it is not a child.
            done = next((i for i, child in enumerate(sheet_data) if child is elem), 0)
            for row in sheet_data[:done]:
                last_row = _scan_row(row, last_row, names, found, zero_is_stale)
            del sheet_data[:done]  # memory stays bounded whatever the sheet length
            if len(found) >= MAX_FLAGS_PER_SHEET:
                return
    for row in sheet_data if sheet_data is not None else ():
        last_row = _scan_row(row, last_row, names, found, zero_is_stale)


def _scan_row(
    row: ET.Element, last_row: int, names: dict[str, str], found: list[CellFlag], zero_is_stale: bool = False
) -> int:
    """Append the flags of one finished ``<row>`` and return its row number."""
    ref = row.get("r", "").strip()
    row_number = int(ref) if ref.isdecimal() else last_row + 1
    for index, cell in enumerate(row):
        hit = _cell_problem(cell, names, zero_is_stale)
        if hit is not None and len(found) < MAX_FLAGS_PER_SHEET:
            found.append(CellFlag(*_position(row, index, row_number), hit[0], hit[1][:TEXT_LIMIT]))
    return row_number


def _cell_problem(
    cell: ET.Element, names: dict[str, str], zero_is_stale: bool = False
) -> tuple[str, str] | None:
    """("error", text) or ("no_cache", formula) when a ``<c>`` reads as blank; else None."""
    formula = value = None
    has_inline = False
    for child in cell:
        local = names.get(child.tag) or names.setdefault(child.tag, _local(child.tag))
        if local == "f":
            formula = child
        elif local == "v":
            value = child
        elif local == "is":
            has_inline = True
    if formula is None and value is None:
        return None  # also skips non-cell children such as <extLst>
    kind = cell.get("t")
    text = value.text if value is not None and value.text is not None else ""
    if kind == "e" and text.strip():
        return "error", text.strip()
    if formula is None or has_inline:
        return None
    # An empty <v/> on a t="str" cell is how Excel caches an empty-string result (IFERROR(x,"")).
    if value is None or not (text.strip() or kind == "str"):
        return "no_cache", (formula.text or "").strip()
    if zero_is_stale and kind in (None, "", "n") and text.strip() == "0":
        return "no_cache", (formula.text or "").strip()
    return None


def _position(row: ET.Element, index: int, row_number: int) -> tuple[int, int]:
    """(row, col) of ``row[index]``; cells without ``r=`` follow the nearest earlier one."""
    for back in range(index, -1, -1):
        match = _CELL_REF.fullmatch(row[back].get("r", "").strip())
        if match:
            col = column_number(match[1].encode("ascii"))
            own_row = int(match[2]) if back == index else row_number
            return own_row, col - 1 + index - back
    return row_number, index


# --- measuring a sheet before any reader allocates for it ---------------------------------

_CELL_WITH_REF = b'<c r="'
_PREFIXED = re.compile(rb"<[\w.\-]+:(?:c|row)[\s/>]")
_REF_PARTS = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"')
_DIMENSION = re.compile(
    rb'<(?:[\w.\-]+:)?dimension\s+ref\s*=\s*"([A-Za-z]+)?([0-9]+)?(?::([A-Za-z]+)([0-9]+))?"'
)


@dataclass
class SheetShape:
    """What one worksheet part really holds, learned by streaming it once (or twice).

    ``max_row``/``max_col`` (1-based) bound every cell reference; they are 0 when the
    markup is irregular (prefixed tags, cells without ``r=``), and then only a streaming
    parse can tell where cells are.
    """

    xml_bytes: int = 0
    cells: int = 0  # <c> elements, with or without a value
    shared_cells: int = 0  # cells of type t="s"
    max_row: int = 0
    max_col: int = 0
    regular: bool = True
    candidates: bool = False  # could hold a formula or an error cell (for the flag scan)

    @property
    def box(self) -> int:
        """Cells a dense reader allocates for the bounding box from A1 (an upper bound)."""
        return self.max_row * self.max_col


_FAR = 1 << 40  # stands for a row or column number too long to be real (more than 12 digits)


def column_number(letters: bytes) -> int:
    """1-based column number of ``letters`` (A → 1, XFD → 16384), case-insensitive.

    More than 8 letters (far past XFD) gives ``_FAR``: converting a megabyte of letters
    digit by digit would take minutes.
    """
    if len(letters) > 8:
        return _FAR
    col = 0
    for ch in letters.upper():
        col = col * 26 + ch - 64
    return col


def column_letter(index: int) -> str:
    """Excel column letter for a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _number(digits: bytes) -> int:
    """A row number from its digits; ``_FAR`` for more than 12 (Python refuses to convert
    very long ones, and they mean nothing anyway)."""
    stripped = digits.lstrip(b"0")
    return int(stripped or b"0") if len(stripped) <= 12 else _FAR


def _greater_digits(n: int) -> bytes:
    """Regex for a decimal number (maybe with leading zeros) greater than ``n``."""
    s = str(n).encode()
    alts = [rb"[1-9][0-9]{%d,}" % len(s)]
    for i, ch in enumerate(s):
        if ch < ord("9"):
            rest = len(s) - i - 1
            alts.append(s[:i] + b"[%c-9]" % (ch + 1) + (rb"[0-9]{%d}" % rest if rest else b""))
    return rb"0*(?:" + b"|".join(alts) + rb")"


def _greater_letters(col: int) -> bytes:
    """Regex for column letters (any case) naming a column after ``col``."""
    s = column_letter(col - 1).encode()
    alts = [rb"[A-Za-z]{%d,}" % (len(s) + 1)]
    for i, ch in enumerate(s):
        if ch < ord("Z"):
            rest = len(s) - i - 1
            prefix = b"".join(b"[%c%c]" % (c, c + 32) for c in s[:i])
            nxt = bytes([ch + 1])
            cls = b"[%s-Z%s-z]" % (nxt, nxt.lower())
            alts.append(prefix + cls + (rb"[A-Za-z]{%d}" % rest if rest else b""))
    return b"(?:" + b"|".join(alts) + b")"


def _outside(max_row: int, max_col: int) -> re.Pattern[bytes]:
    """A cell reference beyond row ``max_row`` or column ``max_col``."""
    return re.compile(
        rb'<c r="(?:' + _greater_letters(max_col) + rb"[0-9]|[A-Za-z]+" + _greater_digits(max_row) + rb'")'
    )


_NOT_CELL = re.compile(rb"<c[^\s/>]")  # <col>, <cfRule>, <color> … also start with "<c"


def _count_cells(chunk: bytes) -> tuple[int, bool]:
    """(number of ``<c>`` cell elements, whether every one is written ``<c r="…"``).

    A cell may legally be ``<c>``, ``<c\tr=…>`` or ``<x:c …>``; any of those makes the
    chunk irregular, and only a real parse can place its cells then.
    """
    cells = chunk.count(b"<c") - len(_NOT_CELL.findall(chunk))
    regular = chunk.count(_CELL_WITH_REF) == cells
    if b":c" in chunk:  # a prefixed row holds prefixed cells, so this test is enough
        prefixed = len(_PREFIXED.findall(chunk))
        cells += prefixed
        regular = regular and not prefixed
    return cells, regular


def _maybe_flagged(chunk: bytes) -> bool:
    """The prefilters of ``_has_candidates``, each behind a cheap substring test."""
    if (b"<f" in chunk or b":c" in chunk) and _FORMULA_TAG.search(chunk):
        return True
    return (b'"e"' in chunk or b"'e'" in chunk) and bool(_ERROR_TYPE.search(chunk))


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The inflated part in pieces that each end just before a ``<`` (so no tag is split).

    zipfile stops at the declared size and checks the CRC, so a part cannot inflate past
    what the directory says without the read failing.
    """
    carry = b""
    with zf.open(info) as fh:
        while True:
            block = fh.read(_CHUNK)
            if not block:
                break
            data = carry + block
            cut = data.rfind(b"<")
            if cut <= 0:
                carry = b""
                yield data
            else:
                carry = data[cut:]
                yield data[:cut]
    if carry:
        yield carry


def measure_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cell_limit: int) -> SheetShape:
    """Count a worksheet's cells and bound their coordinates, in constant memory.

    Stops counting (returning what it has) once ``cell_limit`` is passed: the caller
    refuses the sheet then. Raises what zipfile raises for a damaged part.
    """
    shape = SheetShape()
    check: re.Pattern[bytes] | None = None
    first = True
    outside = False
    for chunk in _chunks(zf, info):
        shape.xml_bytes += len(chunk)
        if first:
            first = False
            if chunk.startswith(_UTF16_BOMS) or b"<!DOCTYPE" in chunk[:4096]:
                shape.regular = False
            dim = _DIMENSION.search(chunk)
            if dim and dim[4]:
                shape.max_row, shape.max_col = _number(dim[4]), column_number(dim[3])
            elif dim and dim[2]:
                shape.max_row, shape.max_col = _number(dim[2]), column_number(dim[1] or b"A")
            if shape.max_row and shape.max_col:
                check = _outside(shape.max_row, shape.max_col)
        cells, regular = _count_cells(chunk)
        shape.cells += cells
        shape.regular = shape.regular and regular
        shape.shared_cells += chunk.count(b't="s"')
        if not shape.candidates and _maybe_flagged(chunk):
            shape.candidates = True
        if check is not None and not outside and check.search(chunk):
            outside = True
        if shape.cells > cell_limit:
            return shape
    if not shape.regular:
        shape.max_row = shape.max_col = 0
    elif check is None or outside:
        shape.max_row, shape.max_col = _exact_bounds(zf, info)
    return shape


def _exact_bounds(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Largest row and column of any cell reference (a second, slower pass)."""
    max_row = max_col = 0
    for chunk in _chunks(zf, info):
        refs = _REF_PARTS.findall(chunk)
        if not refs:
            continue
        cols = {c.upper() for c, _ in refs}
        max_col = max(max_col, max(column_number(c) for c in cols))
        max_row = max(max_row, max(_number(r) for r in {r for _, r in refs}))
    return max_row, max_col


@dataclass
class StringsShape:
    """The shared-strings part: how many strings, and the longest one's markup in bytes."""

    xml_bytes: int = 0
    count: int = 0
    longest: int = 0


def measure_strings(zf: zipfile.ZipFile, info: zipfile.ZipInfo, count_limit: int) -> StringsShape:
    """Count ``<si>`` items and bound the longest, in constant memory."""
    shape = StringsShape()
    run = 0  # bytes since the last <si start, carried across chunks
    for chunk in _chunks(zf, info):
        shape.xml_bytes += len(chunk)
        pieces = chunk.split(b"<si")
        if len(pieces) == 1:
            run += len(chunk)
        else:
            inner = max(map(len, pieces[1:-1]), default=0)
            shape.longest = max(shape.longest, run + len(pieces[0]), inner)
            run = len(pieces[-1])
            shape.count += len(pieces) - 1
        if b":si" in chunk:  # a prefixed <x:si>: count those too (rare producers)
            shape.count += len(re.findall(rb"<[\w.\-]+:si[\s>]", chunk))
        if shape.count > count_limit:
            break
    shape.longest = max(shape.longest, run)
    return shape


def workbook_parts(
    zf: zipfile.ZipFile,
) -> tuple[dict[str, zipfile.ZipInfo], str, list[tuple[str, str]], bool]:
    """(parts by key, workbook part key, [(sheet name, part key)], date1904) of a package."""
    parts = {_part_key(info.filename): info for info in zf.infolist()}
    workbook_key = _workbook_part(zf, parts)
    root = _parse_small(zf, parts.get(workbook_key))
    if root is None:
        return parts, workbook_key, [], False
    return parts, workbook_key, _sheet_parts(zf, parts, workbook_key, root), _is_date1904(root)


def related_part(
    zf: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], workbook_key: str, type_suffix: str
) -> str | None:
    """Key of the workbook's related part whose relationship type ends with ``type_suffix``."""
    for rel_type, key in _relationships(zf, parts, workbook_key).values():
        if rel_type.endswith(type_suffix) and key in parts:
            return key
    return None
