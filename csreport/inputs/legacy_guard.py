"""Check a legacy .xls or an .ods before python-calamine reads it, so it cannot allocate GBs.

- .xls (BIFF5/8 inside an OLE container): calamine reserves room for the cells its
  ``DIMENSIONS`` record declares (rows × columns) and for the count the ``SST`` record
  declares, then fills a dense box up to the farthest cell. The ``Workbook`` stream is
  pulled out of the OLE container here (a small compound-file reader) and its records are
  walked: a declared size, a string count or a real cell box past the limits refuses the
  file before calamine sees it.
- .ods: cells carry ``table:number-columns-repeated`` and rows
  ``table:number-rows-repeated``; a value repeated a million times is a million cells.
  ``content.xml`` is streamed and the cells that hold a value are counted with their
  repeats, together with the farthest such cell.
"""

from __future__ import annotations

import struct
import zipfile
from xml.etree import ElementTree as ET

from csreport.messages import both
from csreport.problems import CsreportError

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
# BIFF records that place a cell (MULRK/MULBLANK hold several; blanks do not count as values).
_VALUE_RECORDS = {
    0x0203,
    0x00FD,
    0x027E,
    0x0006,
    0x0205,
    0x0204,
    0x00D6,
    0x0406,
    0x0002,
    0x0003,
    0x0004,
    0x0005,
    0x0007,
}
_MULRK, _DIMENSIONS, _SST, _BOF, _FILEPASS = 0x00BD, 0x0200, 0x00FC, 0x0809, 0x002F


def _damaged(reason: str) -> CsreportError:
    """The error for a damaged compound file; ``reason`` is a ``read.ole_*`` code."""
    return CsreportError("file.corrupt", reason=both(reason))


def ole_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """The first of ``names`` found in the compound file ``data``, or None."""
    if len(data) < 512:
        raise _damaged("read.ole_truncated")
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= sector_shift <= 16 or mini_shift > sector_shift:
        raise _damaged("read.ole_bad_header")
    size = 1 << sector_shift
    n_fat, first_dir, _, cutoff, first_mini, n_mini, first_difat, n_difat = struct.unpack_from(
        "<IIIIIIII", data, 0x2C
    )
    sectors = max(0, (len(data) - size) // size)

    def sector(i: int) -> bytes:
        if i >= sectors:
            raise _damaged("read.ole_sector")
        return data[size + i * size : size + (i + 1) * size]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    seen = 0
    nxt = first_difat
    while nxt not in (_FREE, _END) and seen <= sectors and n_difat:
        block = struct.unpack(f"<{size // 4}I", sector(nxt))
        difat.extend(block[:-1])
        nxt = block[-1]
        seen += 1
    fat: list[int] = []
    for s in difat[:n_fat]:
        if s in (_FREE, _END):
            continue
        fat.extend(struct.unpack(f"<{size // 4}I", sector(s)))

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        out: list[int] = []
        while start not in (_FREE, _END):
            if start >= len(table) or len(out) > limit:
                raise _damaged("read.ole_chain")
            out.append(start)
            start = table[start]
        return out

    directory = b"".join(sector(s) for s in chain(first_dir, fat, sectors))
    entries = []
    for off in range(0, len(directory) - 127, 128):
        name_len = struct.unpack_from("<H", directory, off + 0x40)[0]
        name = directory[off : off + max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
        kind = directory[off + 0x42]
        start, length = struct.unpack_from("<II", directory, off + 0x74)
        entries.append((name, kind, start, length))
    if not entries:
        return None
    wanted = next((e for n in names for e in entries if e[0] == n and e[1] == 2), None)
    if wanted is None:
        return None
    _, _, start, length = wanted
    if length > len(data):
        raise _damaged("read.ole_stream_length")
    if length >= cutoff:
        return b"".join(sector(s) for s in chain(start, fat, sectors))[:length]
    root = entries[0]
    mini_fat: list[int] = []
    for s in chain(first_mini, fat, sectors)[:n_mini]:
        mini_fat.extend(struct.unpack(f"<{size // 4}I", sector(s)))
    mini_stream = b"".join(sector(s) for s in chain(root[2], fat, sectors))
    mini = 1 << mini_shift
    parts = [mini_stream[i * mini : (i + 1) * mini] for i in chain(start, mini_fat, len(mini_fat))]
    return b"".join(parts)[:length]


def check_xls(data: bytes, max_cells: int, max_box: int, max_strings: int) -> None:
    """Refuse an .xls whose declared or real size would make calamine allocate too much."""
    stream = ole_stream(data, ("Workbook", "Book", "WORKBOOK", "BOOK"))
    if stream is None:
        raise _damaged("read.ole_no_workbook")
    pos, cells, sheet = 0, 0, "?"
    max_row = max_col = -1
    sheet_no = 0
    while pos + 4 <= len(stream):
        rtype, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + length]
        pos += 4 + length
        # Sizes are checked on the body as it is, not as declared: a stream may end in
        # the middle of a record (calamine then reports the damage itself).
        length = len(body)
        if rtype == _FILEPASS:
            raise CsreportError("file.encrypted")  # the records after it are ciphertext
        if rtype == _BOF:
            sheet_no += 1
            sheet, max_row, max_col = str(sheet_no), -1, -1
        elif rtype == _DIMENSIONS and length >= 14:
            first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body, 0)
            declared = max(0, last_row - first_row) * max(0, last_col - first_col)
            if declared > max_box:
                raise CsreportError("sheet.too_big_declared", sheet=sheet, cells=declared, limit=max_box)
        elif rtype == _SST and length >= 8:
            unique = struct.unpack_from("<I", body, 4)[0]
            if unique > max_strings:
                raise CsreportError("file.too_many_strings", count=unique, limit=max_strings)
        elif rtype in _VALUE_RECORDS or rtype == _MULRK:
            if length < 4:
                continue
            row, col = struct.unpack_from("<HH", body, 0)
            n = max(1, (length - 6) // 6) if rtype == _MULRK else 1
            cells += n
            max_row, max_col = max(max_row, row), max(max_col, col + n - 1)
            if cells > max_cells:
                raise CsreportError("sheet.too_many_cells", sheet=sheet, limit=max_cells)
            if (max_row + 1) * (max_col + 1) > max_box:
                raise CsreportError("sheet.too_big_box", sheet=sheet, row=max_row + 1, limit=max_box)


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def check_ods(zf: zipfile.ZipFile, max_cells: int, max_box: int) -> None:
    """Refuse an .ods whose repeated cells would make calamine allocate too much."""
    try:
        info = zf.getinfo("content.xml")
    except KeyError:
        return  # calamine reports the missing part itself
    with zf.open(info) as fh:
        sheet = ""
        cells = 0
        row = 0  # rows so far in the current table
        row_repeat = 1
        col = 0
        row_has = False
        max_row = max_col = 0
        for event, elem in ET.iterparse(fh, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag == _TABLE + "table":
                    sheet, row, max_row, max_col = elem.get(_TABLE + "name", ""), 0, 0, 0
                elif tag == _TABLE + "table-row":
                    row_repeat = _int(elem.get(_TABLE + "number-rows-repeated"))
                    col, row_has = 0, False
                continue
            if tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                repeat = _int(elem.get(_TABLE + "number-columns-repeated"))
                if elem.get(_OFFICE + "value-type") is not None or len(elem):
                    cells += repeat * row_repeat
                    row_has = True
                    max_col = max(max_col, col + repeat)
                    if cells > max_cells:
                        raise CsreportError("sheet.too_many_cells", sheet=sheet, limit=max_cells)
                col += repeat
                elem.clear()
            elif tag == _TABLE + "table-row":
                row += row_repeat
                if row_has:
                    max_row = row
                    if max_row * max_col > max_box:
                        raise CsreportError("sheet.too_big_box", sheet=sheet, row=max_row, limit=max_box)
                elem.clear()


def _int(text: str | None) -> int:
    try:
        return max(1, int(text)) if text else 1
    except ValueError:
        return 1
