"""Byte-level scan for formula cells without a cached value and cached error cells.

The streaming XML parse costs about 3 s on a 155,000-row sheet that holds formulas, even
when every one has its cached value. Plain Excel/WPS output (unprefixed ``<c r="B2">``
cells) can instead be scanned with ``bytes.find`` from each ``<f`` and each ``t="e"``,
touching only those cells. Anything unusual (namespace prefixes, cells without ``r=``,
UTF-16) returns None so the caller falls back to the full parse.
"""

from __future__ import annotations

import html
import re

_REF = re.compile(rb'\sr="\$?([A-Z]{1,3})\$?(\d+)"')
_TYPE = re.compile(rb'\st="(\w+)"')
_ERROR_ATTR = re.compile(rb"""\st\s*=\s*["']e["']""")

Flag = tuple[int, int, str, str]  # (row, col, kind, text)


def fast_scan(data: bytes, limit: int, text_limit: int, zero_is_stale: bool = False) -> list[Flag] | None:
    """Flags found by byte search, or None when the markup needs the full XML parse.

    ``zero_is_stale``: the workbook asks to be recalculated on opening (``fullCalcOnLoad``,
    as XlsxWriter writes it), so a formula's cached 0 is a placeholder, not a result."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b":c " in data or b":f>" in data:
        return None
    flags: list[Flag] = []
    seen: set[int] = set()
    for start in _cells_around(data, _formula_positions(data)) + _cells_around(
        data, [m.start() for m in _ERROR_ATTR.finditer(data)]
    ):
        if start is None:
            return None
        if start in seen:
            continue
        seen.add(start)
        hit = _judge(data, start, text_limit, zero_is_stale)
        if hit is None:
            continue
        if isinstance(hit, str):  # "no-ref": a cell without its reference, read the slow way
            return None
        flags.append(hit)
        if len(flags) >= limit:
            break
    flags.sort()
    return flags


def _formula_positions(data: bytes) -> list[int]:
    out: list[int] = []
    pos = data.find(b"<f")
    while pos >= 0:
        if data[pos + 2 : pos + 3] in (b">", b" ", b"/"):
            out.append(pos)
        pos = data.find(b"<f", pos + 2)
    return out


def _cells_around(data: bytes, positions: list[int]) -> list[int | None]:
    """The start of the ``<c`` element enclosing each position (None if not in a cell)."""
    starts: list[int | None] = []
    for pos in positions:
        start = data.rfind(b"<c ", 0, pos + 1)
        if start < 0 or data.find(b"</c>", start, pos) >= 0:
            # Not inside a cell: <f> of conditional formats lives elsewhere, skip it.
            if data.rfind(b"<sheetData", 0, pos) < 0 or data.find(b"</sheetData>", 0, pos) >= 0:
                continue
            starts.append(None)
            continue
        starts.append(start)
    return starts


def _judge(data: bytes, start: int, text_limit: int, zero_is_stale: bool) -> Flag | str | None:
    tag_end = data.find(b">", start)
    tag = data[start : tag_end + 1]
    ref = _REF.search(tag)
    if ref is None:
        return "no-ref"
    row, col = int(ref[2]), _column(ref[1])
    if tag.endswith(b"/>"):
        return None
    end = data.find(b"</c>", tag_end)
    body = data[tag_end + 1 : end]
    kind_match = _TYPE.search(tag)
    kind = kind_match[1].decode() if kind_match else ""
    value = _between(body, b"<v>", b"</v>")
    if kind == "e" and value and value.strip():
        return (row, col, "error", _text(value)[:text_limit])
    formula_at = body.find(b"<f")
    if formula_at < 0 or b"<is>" in body:
        return None
    if value is None and b"<v/>" not in body and b"<v " not in body:
        return (row, col, "no_cache", _formula(body, formula_at)[:text_limit])
    # An empty <v/> on a t="str" cell is how Excel caches an empty-string result.
    if not (value or b"").strip() and kind != "str":
        return (row, col, "no_cache", _formula(body, formula_at)[:text_limit])
    if zero_is_stale and kind in ("", "n") and (value or b"").strip() == b"0":
        return (row, col, "no_cache", _formula(body, formula_at)[:text_limit])
    return None


def _between(body: bytes, open_tag: bytes, close_tag: bytes) -> bytes | None:
    a = body.find(open_tag)
    if a < 0:
        return None
    b = body.find(close_tag, a)
    return body[a + len(open_tag) : b] if b >= 0 else None


def _formula(body: bytes, at: int) -> str:
    close = body.find(b">", at)
    if body[close - 1 : close] == b"/":
        return ""
    end = body.find(b"</f>", close)
    return _text(body[close + 1 : end] if end >= 0 else b"")


def _text(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace")).strip()


def _column(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col - 1
