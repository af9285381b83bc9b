"""Text in spreadsheet cells: Excel's length limit and the width a text needs.

Shared by the results workbook (``outputs.xlsx``) and write-back (``inputs.writeback``),
which sit in different layers.
"""

from __future__ import annotations

import functools
import unicodedata

from csreport.messages import translate

# Excel's cell limit in UTF-16 units.
MAX_CELL_CHARS = 32767


def utf16_len(text: str) -> int:
    """Length in UTF-16 units, which is how Excel counts its limits."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@functools.lru_cache(maxsize=65536)
def display_width(text: str) -> int:
    """Column width a text needs: wide (CJK) characters take two columns."""
    # Cached: the same names, bands and labels recur on thousands of rows.
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fit_cell_text(text: str, lang: str) -> str:
    """``text`` itself, or cut to Excel's cell limit with a visible marker saying so.

    A report with one shortened cell is more useful than no report, but the cut must be
    visible to the reader, so XlsxWriter's silent truncation is never relied on.
    """
    if len(text) <= MAX_CELL_CHARS // 2 or utf16_len(text) <= MAX_CELL_CHARS:
        return text
    marker = translate("workbook.truncated", lang, n=len(text))
    keep = MAX_CELL_CHARS - utf16_len(marker)
    # Cut in UTF-16 units; "ignore" drops half of a split surrogate pair.
    head = text.encode("utf-16-le", "surrogatepass")[: keep * 2].decode("utf-16-le", "ignore")
    return head + marker
