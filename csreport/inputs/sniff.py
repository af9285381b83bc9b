"""Tell what a file really is from its first bytes, whatever its name says.

Users rename files, save web pages as ``.xls`` and pick the wrong attachment. Instead of
handing such a file to a spreadsheet library (whose error reads "Cfb error: Invalid OLE
signature" or "File not found 'word/_rels/workbook.xml.rels'"), the content is sniffed
first and a file that is not a workbook is refused with one line saying what it is and
what to do. The verdict is one of the kinds below or a ``CsreportError`` whose code
names the kind (``file.is_word``, ``file.is_html`` …).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from csreport.problems import CsreportError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# First record of a stand-alone BIFF2/3/4 worksheet (a BOF record: 0x0009, 0x0209, 0x0409).
_OLD_BIFF = {b"\x09\x00": "2", b"\x09\x02": "3", b"\x09\x04": "4"}
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")
_SPREADSHEET_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


@dataclass(frozen=True)
class Kind:
    """What to read the bytes as: ``ooxml``, ``ods``, ``xls`` or ``text`` (CSV/TSV)."""

    name: str
    encoding: str = ""  # for text: the encoding a BOM announced ("" when none)


def sniff(data: bytes, ext: str) -> Kind:
    """The kind of ``data``; raise ``CsreportError`` naming what it is when not a workbook."""
    if not data:
        raise CsreportError("file.empty")
    if data.startswith(_ZIP_MAGICS):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, ext)
    if data[:2] in _OLD_BIFF and len(data) > 4 and data[2:4] in (b"\x04\x00", b"\x06\x00"):
        raise CsreportError("file.old_excel", version=_OLD_BIFF[data[:2]])
    if data.startswith(b"%PDF-"):
        raise CsreportError("file.is_pdf")
    for magic, image in _IMAGES:
        if data.startswith(magic) and (image != "BMP" or _plausible_bmp(data)):
            raise CsreportError("file.is_image", kind=image)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise CsreportError("file.is_image", kind="WEBP")
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        raise CsreportError("file.is_image", kind="HEIC")
    if data.startswith(_ARCHIVES):
        raise CsreportError("file.is_archive")
    return _text_kind(data)


def _plausible_bmp(data: bytes) -> bool:
    """``BM`` also starts text such as "BM01,…"; a real bitmap declares its own size."""
    return len(data) >= 26 and int.from_bytes(data[2:6], "little") == len(data)


def _zip_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = [n.replace("\\", "/").lstrip("/").lower() for n in zf.namelist()]
            mimetype = b""
            if "mimetype" in names:
                info = zf.getinfo(zf.namelist()[names.index("mimetype")])
                if info.file_size < 256:
                    mimetype = zf.read(info).strip()
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        # A damaged deflate stream (zlib.error), an unknown compression method
        # (NotImplementedError) or an encrypted member (RuntimeError) in the mimetype entry.
        raise CsreportError("file.damaged_zip") from exc
    if any(n.startswith("xl/") and n.rsplit("/", 1)[-1] in ("workbook.xml", "workbook.bin") for n in names):
        return Kind("ooxml")
    if mimetype.startswith(_SPREADSHEET_MIME):
        return Kind("ods")
    if any(n.startswith("word/") for n in names) or mimetype.startswith(
        b"application/vnd.oasis.opendocument.text"
    ):
        raise CsreportError("file.is_word")
    if any(n.startswith("ppt/") for n in names) or mimetype.startswith(
        b"application/vnd.oasis.opendocument.presentation"
    ):
        raise CsreportError("file.is_slides")
    if "content.xml" in names and not mimetype:
        return Kind("ods")  # an OpenDocument package that forgot its mimetype entry
    raise CsreportError("file.is_archive")


def _ole_kind(data: bytes, ext: str) -> Kind:
    """An OLE (compound) file: a legacy .xls, an encrypted .xlsx, or a Word/PowerPoint file.

    Stream names sit in the directory as UTF-16LE; finding them in the raw bytes is enough
    to tell the families apart.
    """
    if _utf16("EncryptedPackage") in data:
        raise CsreportError("file.encrypted")
    if _utf16("Workbook") in data or _utf16("Book\x00") in data:
        return Kind("xls")
    if _utf16("WordDocument") in data:
        raise CsreportError("file.is_word")
    if _utf16("PowerPoint Document") in data:
        raise CsreportError("file.is_slides")
    if ext in (".xlsx", ".xlsm", ".ods"):
        # An OLE container named .xlsx without a readable directory is, in practice, an
        # encrypted workbook (Excel's "Encrypt with password" writes exactly that).
        raise CsreportError("file.encrypted")
    return Kind("xls")  # the reader reports it as damaged if it is not one


def _text_kind(data: bytes) -> Kind:
    head = data[:4096]
    encoding = ""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
        text = head.decode("utf-16", "replace")
    else:
        nuls = head.count(b"\x00")
        if _utf16_pattern(head, nuls):
            raise CsreportError("file.utf16_no_bom")
        if nuls > len(head) // 8:
            raise CsreportError("file.unknown_kind")  # NULs everywhere: binary content
        if head.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
        text = head.decode("utf-8", "replace")
    low = text.lstrip("\ufeff \t\r\n").lower()
    if low.startswith("mime-version:") or (
        low.startswith("<?xml")
        and "urn:schemas-microsoft-com:office:spreadsheet" not in low
        and "<html" in low
    ):
        raise CsreportError("file.is_html")
    if low.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in low:
        raise CsreportError("file.xml_spreadsheet")
    if low.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body")) or (
        low.startswith("<") and ("<html" in low or "<table" in low)
    ):
        raise CsreportError("file.is_html")
    if low.startswith("{\\rtf"):
        raise CsreportError("file.is_word")
    if encoding != "utf-16" and _binary(head):
        raise CsreportError("file.unknown_kind")
    return Kind("text", encoding)


def _utf16_pattern(head: bytes, nuls: int) -> bool:
    """True when the NULs fall as UTF-16 puts them: one byte of every ASCII character.

    In UTF-16 text (digits, commas and line breaks are ASCII in any CSV) NULs are many
    (here at least one byte in ten) and mostly (three in four; CJK such as 一 U+4E00 adds
    a few on the other side) on one side: the odd bytes for little-endian, the even ones
    for big-endian. A stray NUL in UTF-8 text, or NULs spread through binary data, are
    not that pattern.
    """
    if nuls < 2 or nuls * 10 < len(head):
        return False
    return max(head[::2].count(b"\x00"), head[1::2].count(b"\x00")) * 4 >= nuls * 3


def _binary(head: bytes) -> bool:
    """Control bytes other than tab, newline and carriage return mean it is not text.

    NULs are not counted: a few stray ones in text are dropped by the CSV reader, and
    many of them were already judged by ``_text_kind``.
    """
    controls = sum(1 for b in head if b < 32 and b not in (0, 9, 10, 13, 12))
    return controls > len(head) // 50
