"""Write hostile spreadsheet files for the reader tests: huge boxes, inflating parts, old kinds."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
    'workbook.xml"/></Relationships>'
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
    '"worksheets/sheet1.xml"/>{more}</Relationships>'
)
_SST_REL = (
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def inline(ref: str, text: str) -> str:
    """One inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def num(ref: str, value: float) -> str:
    """One number cell."""
    return f'<c r="{ref}"><v>{value}</v></c>'


def write_package(
    path: Path, sheet_xml: Iterator[str] | str, name: str = "接待", shared: Iterator[str] | None = None
) -> Path:
    """A minimal one-sheet xlsx whose sheet (and shared strings) XML is streamed in."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WB.format(name=name))
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(more=_SST_REL if shared else ""))
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for piece in [sheet_xml] if isinstance(sheet_xml, str) else sheet_xml:
                fh.write(piece.encode())
        if shared is not None:
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                for piece in shared:
                    fh.write(piece.encode())
    return path


def rows_xml(header: list[str], rows: list[list[object]], extra: str = "") -> str:
    """Sheet XML for a header and rows from A1, plus ``extra`` cells in a last row element."""
    out = [SHEET_HEAD]
    for r, cells in enumerate([header, *rows], start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(cells):
            ref = f"{chr(65 + c)}{r}"
            out.append(num(ref, value) if isinstance(value, (int, float)) else inline(ref, str(value)))
        out.append("</row>")
    out.append(extra)
    out.append(SHEET_TAIL)
    return "".join(out)


def inflating_sheet(target_bytes: int, cell: str = "<c><v>1</v></c>") -> Iterator[str]:
    """One row of the same cell repeated until about ``target_bytes`` of XML.

    Identical blocks deflate about 1000:1, so a gigabyte of XML is a megabyte on disk and
    is written in seconds.
    """
    yield SHEET_HEAD + '<row r="1">'
    block = cell * ((1 << 20) // len(cell))
    for _ in range(max(1, target_bytes // len(block))):
        yield block
    yield "</row>" + SHEET_TAIL


def biff_record(rtype: int, body: bytes) -> bytes:
    """One BIFF record."""
    return struct.pack("<HH", rtype, len(body)) + body


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (512-byte sectors) holding ``streams`` (each ≥ 4096 bytes)."""
    size = 512
    sectors: list[bytes] = []
    fat: list[int] = []
    starts: dict[str, tuple[int, int]] = {}
    for name, data in streams.items():
        data = data + b"\0" * (-len(data) % size)
        first = len(sectors)
        n = len(data) // size
        for i in range(n):
            sectors.append(data[i * size : (i + 1) * size])
            fat.append(first + i + 1 if i < n - 1 else 0xFFFFFFFE)
        starts[name] = (first, len(streams[name]))
    # Directory: root + streams, one sector (4 entries).
    entries = []

    def entry(
        name: str, kind: int, start: int, length: int, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF
    ) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        e = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
        e += struct.pack("<III", 0xFFFFFFFF, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        e += struct.pack("<III", start, length, 0)
        return e

    names = list(streams)
    entries.append(entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1))
    for i, name in enumerate(names):
        start, length = starts[name]
        entries.append(entry(name, 2, start, length, right=i + 2 if i + 1 < len(names) else 0xFFFFFFFF))
    directory = b"".join(entries).ljust(size * ((len(entries) * 128 + size - 1) // size), b"\0")
    dir_first = len(sectors)
    for i in range(len(directory) // size):
        sectors.append(directory[i * size : (i + 1) * size])
        fat.append(dir_first + i + 1 if i < len(directory) // size - 1 else 0xFFFFFFFE)
    fat_first = len(sectors)
    n_fat = (len(fat) + 1 + 127) // 128
    fat.extend([0xFFFFFFFD] * n_fat)
    fat += [0xFFFFFFFF] * (-len(fat) % 128)
    for i in range(n_fat):
        sectors.append(struct.pack("<128I", *fat[i * 128 : (i + 1) * 128]))
    difat = [fat_first + i for i in range(n_fat)] + [0xFFFFFFFF] * (109 - n_fat)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, n_fat, dir_first, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<109I", *difat)
    )
    return header.ljust(size, b"\0") + b"".join(sectors)
