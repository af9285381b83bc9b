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
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from csreport.io.xlsx_scan_fast import fast_scan

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
    date1904 = False
    flags: dict[str, tuple[CellFlag, ...]] = {}
    try:
        if not zipfile.is_zipfile(path):
            return WorkbookScan(False, {})
        with zipfile.ZipFile(path) as zf:
            parts = {_part_key(info.filename): info for info in zf.infolist()}
            workbook_key = _workbook_part(zf, parts)
            root = _parse_small(zf, parts.get(workbook_key))
            if root is None:
                return WorkbookScan(False, {})
            date1904 = _is_date1904(root)
            for name, key in _sheet_parts(zf, parts, workbook_key, root):
                found = _scan_sheet(zf, parts.get(key))
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


def _scan_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> list[CellFlag]:
    """Flagged cells of one sheet part; whatever was found before any damage is kept."""
    found: list[CellFlag] = []
    if info is None or info.file_size > MAX_SHEET_BYTES:
        return found
    try:
        if _has_candidates(zf, info):
            if info.file_size <= _FAST_MAX_BYTES:
                flags = fast_scan(zf.read(info), MAX_FLAGS_PER_SHEET, TEXT_LIMIT)
                if flags is not None:
                    return [CellFlag(*flag) for flag in flags]
            with zf.open(info) as fh:
                _collect(fh, found)
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


def _collect(fh: BinaryIO, found: list[CellFlag]) -> None:
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
                last_row = _scan_row(row, last_row, names, found)
            del sheet_data[:done]  # memory stays bounded whatever the sheet length
            if len(found) >= MAX_FLAGS_PER_SHEET:
                return
    for row in sheet_data if sheet_data is not None else ():
        last_row = _scan_row(row, last_row, names, found)


def _scan_row(row: ET.Element, last_row: int, names: dict[str, str], found: list[CellFlag]) -> int:
    """Append the flags of one finished ``<row>`` and return its row number."""
    ref = row.get("r", "").strip()
    row_number = int(ref) if ref.isdecimal() else last_row + 1
    for index, cell in enumerate(row):
        hit = _cell_problem(cell, names)
        if hit is not None and len(found) < MAX_FLAGS_PER_SHEET:
            found.append(CellFlag(*_position(row, index, row_number), hit[0], hit[1][:TEXT_LIMIT]))
    return row_number


def _cell_problem(cell: ET.Element, names: dict[str, str]) -> tuple[str, str] | None:
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
    return None


def _position(row: ET.Element, index: int, row_number: int) -> tuple[int, int]:
    """(row, col) of ``row[index]``; cells without ``r=`` follow the nearest earlier one."""
    for back in range(index, -1, -1):
        match = _CELL_REF.fullmatch(row[back].get("r", "").strip())
        if match:
            col = 0
            for letter in match[1].upper():
                col = col * 26 + ord(letter) - 64
            own_row = int(match[2]) if back == index else row_number
            return own_row, col - 1 + index - back
    return row_number, index
