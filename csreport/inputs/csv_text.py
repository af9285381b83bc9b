"""A CSV/TSV file's text, read the one way every reader reads it.

The bytes are decoded piece by piece (UTF-8, UTF-8 with a BOM and GB18030 in turn, or UTF-16 when
``sniff`` saw it), never copied whole; the delimiter is the one the text uses (comma, tab or
semicolon); records come one at a time, within Excel's bounds. A quote that never closes makes
the csv module read on to the end of the file without a word, so it is told apart here from a
long cell and refused. ``read_workbook`` keeps the records as a sheet and ``read_chat_list``
turns them into columns as they stream: a file is refused for the same reasons, in the same
words, whichever of them reads it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Generator, Iterable
from typing import Any, TypeVar

from csreport.inputs.sniff import Kind
from csreport.inputs.xlsx_sparse import EXCEL_ROWS
from csreport.problems import CsreportError

CSV_FIELD_CHARS = 32_767  # Excel's longest cell; a longer field with line breaks is a runaway quote

T = TypeVar("T")


def decoded(kind: Kind, read: Callable[[str], T]) -> T:
    """``read(encoding)`` for each encoding text of ``kind`` may be in, until one decodes it all.

    ``read`` starts again with each encoding (what it read before is dropped); text in none of
    them is ``file.csv_encoding``.
    """
    for encoding in ("utf-16",) if kind.encoding == "utf-16" else ("utf-8-sig", "gb18030"):
        try:
            return read(encoding)
        except UnicodeDecodeError:
            continue
    raise CsreportError("file.csv_encoding")


def sniff_dialect(data: bytes, encoding: str) -> Any:
    """The CSV dialect of the text's first 4,096 characters, else Excel's (comma-separated)."""
    head = _text(data, encoding).read(4096).replace("\x00", "")
    try:
        return csv.Sniffer().sniff(head, delimiters=",\t;")
    except csv.Error:
        return csv.excel


def records(data: bytes, encoding: str, dialect: Any, max_cols: int) -> Generator[list[str], None, None]:
    """Every record of the text, each cut to its first ``max_cols`` fields; a blank record (no
    field holding a character, wherever it is) is an empty list, so a record's index stays its own.

    Raises ``CsreportError``: ``file.csv_too_many_lines`` for content past Excel's last row,
    ``file.csv_quote`` for a quote that is never closed. A ``UnicodeDecodeError`` (the text is
    not in ``encoding``) is left to the caller (``decoded``).
    """
    text = _text(data, encoding)
    # Stray NULs of a damaged export (UTF-16 without a BOM was told apart by ``sniff`` from where
    # its NULs fall): a NUL is no character a cell can hold.
    lines: Iterable[str] = (line.replace("\x00", "") for line in text) if b"\x00" in data else text
    # A field may be as long as the file (bounded by the file size limit): a long cell is read,
    # never a crash; a runaway quote is told apart below.
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(data) + 1))
    count = line = span = 0
    try:
        reader = csv.reader(lines, dialect)
        for row in reader:
            count += 1
            span, line = reader.line_num - line, reader.line_num
            if not any(row):
                yield []
                continue
            if count > EXCEL_ROWS:
                raise CsreportError("file.csv_too_many_lines", row=count, limit=EXCEL_ROWS)
            if len(row) > max_cols:
                row = row[:max_cols]
            # Only a record of several lines can hold a field with a line break.
            if span > 1 and any(
                len(cell) > CSV_FIELD_CHARS and ("\n" in cell or "\r" in cell) for cell in row
            ):
                raise CsreportError("file.csv_quote", row=count)
            yield row
    except csv.Error as exc:
        raise CsreportError("file.csv_quote", row=count + 1) from exc
    finally:
        csv.field_size_limit(old_limit)
    if count and _open_quote_at_end(_last_lines(data, encoding, span), dialect):
        raise CsreportError("file.csv_quote", row=count)


def _text(data: bytes, encoding: str) -> io.TextIOWrapper:
    """``data`` as a text stream decoded piece by piece; raises UnicodeDecodeError when read."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")


def _last_lines(data: bytes, encoding: str, count: int) -> str:
    """The last ``count`` lines of the text as ``records`` read them, NULs removed.

    Lines end as the text stream ends them: at "\\r\\n", "\\n" or a lone "\\r". In UTF-8 and
    GB18030 neither byte is ever part of another character, so the bytes are cut before decoding.
    """
    if encoding == "utf-16":
        text = data.decode(encoding, errors="replace")
        return text[_tail_start(text, "\r", "\n", count) :].replace("\x00", "")
    start = _tail_start(data, b"\r", b"\n", count)
    return data[start:].decode(encoding, errors="replace").replace("\x00", "")


def _tail_start(text: Any, cr: Any, lf: Any, count: int) -> int:
    """Where the last ``count`` lines of ``text`` (str or bytes) start."""
    end = len(text)
    # The last line's own line break is part of it.
    if text.endswith(cr + lf):
        end -= 2
    elif text.endswith((cr, lf)):
        end -= 1
    start = end
    for _ in range(count):
        brk = max(text.rfind(lf, 0, end), text.rfind(cr, 0, end))
        if brk < 0:
            return 0
        start = brk + 1
        end = brk - 1 if brk and text[brk - 1 : brk + 1] == cr + lf else brk
    return start


def _open_quote_at_end(tail: str, dialect: Any) -> bool:
    """True when the last record (``tail``, its lines) opens a quote that never closes (the
    csv module then reads to the end of the file without a word)."""
    if getattr(dialect, "quotechar", '"') not in tail:
        return False
    try:
        list(csv.reader(io.StringIO(tail, newline=""), dialect, strict=True))
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False
