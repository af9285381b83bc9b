"""Read one worksheet part by streaming its XML, when a dense reader would allocate too much.

python-calamine allocates the whole bounding box of a sheet, so one stray value at
XFD1048576 asks for 17 billion cells. This reader costs memory only for cells that exist:
rows are built as they stream past and the XML tree is cleared behind them. Values are
converted the way python-calamine converts them (numbers as float, date-formatted
numbers as date/time/datetime/timedelta, booleans, shared and inline strings, cached
errors as ""), so a sheet reads the same whichever path it takes.

A row number past Excel's last (1,048,576) is damage and refuses the sheet: the rows
list has one entry per Excel row (a shared empty row for each gap), so a row number is
all that bounds it, at 1,048,576 pointers (8 MB).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

from csreport.inputs.xlsx_scan import column_number
from csreport.problems import CsreportError

EXCEL_ROWS = 1_048_576  # the last row any Excel or WPS version can hold
_BUILTIN_DATE = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47}
_BUILTIN_DURATION = {46}
_REF = re.compile(r"([A-Za-z]+)([0-9]+)")
_EPOCH = dt.datetime(1899, 12, 30)
_DIFF_1904 = 1462.0


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def format_kind(code: str) -> str:
    """ "date", "duration" or "" for a custom number format (calamine's rules, ported)."""
    escaped = is_quote = ap = hms = False
    brackets = 0
    prev = " "
    for ch in code:
        if escaped:
            escaped = False
        elif ch in "_\\*":
            escaped = True
        elif is_quote:
            if ch == '"':
                is_quote = False
        elif ch == '"':
            is_quote = True
        elif ch == ";":
            return ""
        elif ch == "[":
            brackets += 1
        elif ch == "]" and brackets == 1 and hms:
            return "duration"
        elif ch == "]":
            brackets = max(0, brackets - 1)
        elif ch in "aA" and not ap and brackets == 0:
            ap = True
        elif ap and brackets == 0 and ch in "pm/PM":
            return "date"
        elif not ap and brackets == 0 and ch in "dmhysDMHYS":
            return "date"
        elif not (hms and ch.lower() == prev.lower()):
            hms = prev == "[" and ch in "mhsMHS"
        prev = ch
    return ""


def style_kinds(zf: zipfile.ZipFile, info: zipfile.ZipInfo | None, max_bytes: int) -> list[str]:
    """The date kind ("date", "duration", "") of every cell style index (``s=``)."""
    if info is None or info.file_size > max_bytes:
        return []
    data = zf.read(info)
    if b"<!DOCTYPE" in data[:4096]:
        return []
    root = ET.fromstring(data)
    custom: dict[int, str] = {}
    kinds: list[str] = []
    for elem in root.iter():
        name = _local(elem.tag)
        if name == "numFmt":
            try:
                custom[int(elem.get("numFmtId", ""))] = format_kind(elem.get("formatCode", ""))
            except ValueError:
                continue
        elif name == "cellXfs":
            for xf in elem:
                try:
                    fid = int(xf.get("numFmtId", "0"))
                except ValueError:
                    fid = 0
                kind = custom.get(fid)
                if kind is None:
                    kind = "date" if fid in _BUILTIN_DATE else "duration" if fid in _BUILTIN_DURATION else ""
                kinds.append(kind)
    return kinds


def shared_strings(zf: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> list[str]:
    """Every ``<si>`` as text (runs joined, phonetic guides left out), streamed."""
    out: list[str] = []
    if info is None:
        return out
    with zf.open(info) as fh:
        parts: list[str] = []
        skip = 0
        for event, elem in ET.iterparse(fh, events=("start", "end")):
            name = _local(elem.tag)
            if event == "start":
                if name == "rPh":
                    skip += 1
                continue
            if name == "t" and not skip:
                parts.append(elem.text or "")
            elif name == "rPh":
                skip -= 1
            elif name == "si":
                out.append("".join(parts))
                parts = []
                elem.clear()
    return out


def _serial(value: float, kind: str, date1904: bool) -> Any:
    """A date-formatted number as python-calamine gives it."""
    try:
        if kind == "duration":
            return dt.timedelta(milliseconds=round(value * 86_400_000))
        days = value + _DIFF_1904 if date1904 else value
        if value < 1.0:
            moment = _EPOCH + dt.timedelta(milliseconds=round(value * 86_400_000))
            return moment.time()
        if days < 60:
            days += 1.0  # Excel's phantom 1900-02-29
        moment = _EPOCH + dt.timedelta(milliseconds=round(days * 86_400_000))
        return moment.date() if value == int(value) else moment
    except (OverflowError, ValueError):
        return value


def _iso(text: str) -> Any:
    try:
        if "T" in text:
            return dt.datetime.fromisoformat(text)
        if ":" in text:
            return dt.time.fromisoformat(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def read_sheet(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    strings: list[str],
    kinds: list[str],
    date1904: bool,
    max_cols: int,
    max_rows: int,
    refuse: Callable[[], CsreportError],
    beyond: Callable[[int | str], CsreportError],
) -> list[list[Any]]:
    """Rows of the sheet (``rows[i]`` is Excel row ``i + 1``), columns A.. up to ``max_cols``.

    Raises ``refuse()`` once more than ``max_rows`` rows hold a value, and ``beyond(row)``
    for a row or cell numbered past ``EXCEL_ROWS``, so memory stays bounded by the limits
    whatever the sheet declares.
    """
    rows: dict[int, list[Any]] = {}
    row_index = col_index = 0
    sheet_data: ET.Element | None = None
    with zf.open(info) as fh:
        for event, elem in ET.iterparse(fh, events=("start", "end")):
            name = _local(elem.tag)
            if event == "start":
                if name == "sheetData":
                    sheet_data = elem
                elif name == "row":
                    r = elem.get("r", "")
                    if r.isdecimal():
                        row_index = _row_number(r, beyond) - 1
                continue
            if name == "c":
                ref = _REF.fullmatch(elem.get("r", "").strip())
                if ref:
                    # More than three letters is past XFD: the cell lands after max_cols.
                    letters = ref[1]
                    col = column_number(letters.encode("ascii")) if len(letters) <= 3 else 1 << 20
                    row, col_index = _row_number(ref[2], beyond) - 1, col - 1
                else:
                    row = row_index
                value = _value(elem, strings, kinds, date1904)
                if value is not None and 0 <= col_index < max_cols and row >= 0:
                    if row >= EXCEL_ROWS:  # rows without r= counted past the last
                        raise beyond(row + 1)
                    cells = rows.get(row)
                    if cells is None:
                        if len(rows) >= max_rows:
                            raise refuse()
                        cells = rows[row] = []
                    if len(cells) <= col_index:
                        cells.extend([""] * (col_index + 1 - len(cells)))
                    cells[col_index] = value
                col_index += 1
                elem.clear()
            elif name == "row":
                row_index += 1
                col_index = 0
                if sheet_data is not None:
                    sheet_data.clear()  # finished rows: memory stays bounded
    if not rows:
        return []
    blank: list[Any] = []  # one shared empty row for the gaps, as the dense reader's streaming path
    out: list[list[Any]] = [blank] * (max(rows) + 1)
    for index, cells in rows.items():
        out[index] = cells
    return out


def _row_number(digits: str, beyond: Callable[[int | str], CsreportError]) -> int:
    """The row number ``digits`` spell (``isdecimal``); ``beyond`` past ``EXCEL_ROWS``.

    A number of more than 12 digits is shown cut, never converted (Python refuses to
    convert very long ones, and it means nothing anyway).
    """
    stripped = digits.lstrip("0") or "0"
    if len(stripped) > 12:
        raise beyond(stripped[:12] + "…")
    number = int(stripped)
    if number > EXCEL_ROWS:
        raise beyond(number)
    return number


def _value(cell: ET.Element, strings: list[str], kinds: list[str], date1904: bool) -> Any:
    """The cell's value, or None when it holds none (calamine skips those)."""
    kind = cell.get("t", "n")
    text: str | None = None
    inline: list[str] = []
    for child in cell:
        local = _local(child.tag)
        if local == "v":
            text = child.text or ""
        elif local == "is":
            inline.extend(t.text or "" for t in child.iter() if _local(t.tag) == "t")
    if kind == "inlineStr":
        return "".join(inline) if inline or text is None else text
    if text is None:
        return None
    if kind == "s":
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            return ""
    if kind == "str":
        return text
    if kind == "b":
        return text.strip() == "1"
    if kind == "e":
        return ""
    if kind == "d":
        return _iso(text.strip())
    try:
        number = float(text)
    except ValueError:
        return text
    style = cell.get("s", "")
    date_kind = kinds[int(style)] if style.isdecimal() and int(style) < len(kinds) else ""
    return _serial(number, date_kind, date1904) if date_kind else number
