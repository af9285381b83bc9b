"""Shared pieces of the results workbook: styles, number formats and checked cell writes.

XlsxWriter reports a failed write through a return code instead of an exception; every
write here goes through ``SheetWriter`` so a failure can never pass silently.
"""

from __future__ import annotations

import math
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from csreport.messages import translate
from csreport.util.cell_text import MAX_CELL_CHARS, display_width, fit_cell_text, utf16_len

__all__ = [
    "MAX_CELL_CHARS",
    "SheetWriter",
    "Styles",
    "XlsxWriteError",
    "display_width",
    "fit_cell_text",
    "label",
    "unit_format",
    "utf16_len",
]

# Header labels wider than this wrap onto a second line instead of widening the column.
HEADER_WRAP_AT = 12
# Points per line of 11-point text, and Excel's maximum row height.
LINE_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0
# Excel's standard column width, in characters.
DEFAULT_COL_WIDTH = 8.43

# Every written cell aligns to the top, so a row made tall by one wrapped cell still reads
# as one line of data instead of mixing bottom- and top-aligned values.
BASE = {"valign": "top"}
HEADER = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
SECTION = {"bold": True, "font_size": 12}
VETO = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
GREY = {"bg_color": "#E7E6E6", "font_color": "#595959"}
ERROR_ROW = {"bg_color": "#FFC7CE"}
WARNING_ROW = {"bg_color": "#FFEB9C"}
WRAP = {"text_wrap": True, "valign": "top"}
POINTS_FORMAT = "0.0"
COEFFICIENT_FORMAT = "0.00"
MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"


class XlsxWriteError(RuntimeError):
    """A cell or sheet setting that XlsxWriter refused; the workbook is not produced."""


def label(code: str, lang: str, **params: Any) -> str:
    """Catalogue text ``code`` in ``lang`` with ``params`` filled in whole (a workbook cuts no data)."""
    return translate(code, lang).format(**params) if params else translate(code, lang)


def unit_format(unit: str, lang: str) -> str:
    """Excel number format for a KPI value measured in ``unit``."""
    if unit == "%":
        return "0.00%"
    if unit == "s":
        return label("workbook.seconds_format", lang)
    if unit == "count":
        return INTEGER_FORMAT
    return POINTS_FORMAT


class Styles:
    """Cached XlsxWriter formats, built from merged property dicts."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, *parts: dict[str, Any] | None, num_format: str | None = None) -> Format:
        """The format combining ``BASE``, ``parts`` (later wins) and ``num_format``."""
        props: dict[str, Any] = dict(BASE)
        for part in parts:
            props.update(part or {})
        if num_format:
            props["num_format"] = num_format
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self.book.add_format(props)
        return self._cache[key]


def wrapped_lines(line_widths: tuple[int, ...], column_width: float) -> int:
    """How many printed lines wrapped text with these line widths needs in a column."""
    usable = max(1.0, column_width - 1)
    # 10% slack on lines that do wrap: Excel and LibreOffice break at word and glyph
    # boundaries, so a wrapped line holds a little less than the full width.
    return sum(1 if width <= usable else math.ceil(width * 1.1 / usable) for width in line_widths)


class SheetWriter:
    """One worksheet: checked string/number writes and width tracking for autofit."""

    def __init__(self, ws: Worksheet, styles: Styles, lang: str) -> None:
        self.ws = ws
        self.styles = styles
        self.lang = lang
        self.widths: dict[int, int] = {}
        # row -> [(col, display width of each line)] of cells whose style wraps text.
        self.wrapped: dict[int, list[tuple[int, tuple[int, ...]]]] = {}

    def check(self, rc: int | None, what: str) -> None:
        """Raise when an XlsxWriter call returned an error code instead of acting."""
        if rc:
            raise XlsxWriteError(f"XlsxWriter refused {what} on sheet {self.ws.name!r} (rc={rc})")

    def _check(self, rc: int | None, row: int, col: int, what: str) -> None:
        """``check`` for one cell, naming the cell."""
        self.check(rc, f"{what} at row {row + 1} column {col + 1}")

    def _track(self, col: int, width: int) -> None:
        """Remember the widest content seen in ``col``."""
        self.widths[col] = max(self.widths.get(col, 0), width)

    def blank(self, row: int, col: int, *style: dict[str, Any] | None) -> None:
        """A styled empty cell (nothing is written when there is no style)."""
        if any(style):
            rc = self.ws.write_blank(row, col, None, self.styles.get(*style))
            self._check(rc, row, col, "a blank cell")

    def text(
        self,
        row: int,
        col: int,
        value: str | None,
        *style: dict[str, Any] | None,
        autofit: bool = True,
        fit_width: int | None = None,
    ) -> None:
        """Write ``value`` as a literal string, never as a formula or URL; None is blank.

        ``fit_width`` caps the width this cell asks its column for; wrapping text then
        takes more lines, and ``fit_columns`` makes the row tall enough for them.
        """
        if value is None or value == "":
            self.blank(row, col, *style)
            return
        value = fit_cell_text(value, self.lang)
        rc = self.ws.write_string(row, col, value, self.styles.get(*style))
        self._check(rc, row, col, "a string")
        lines = tuple(display_width(line) for line in value.splitlines() or [""])
        if any(part and part.get("text_wrap") for part in style):
            self.wrapped.setdefault(row, []).append((col, lines))
        if autofit:
            self._track(col, min(max(lines), fit_width or max(lines)))

    def number(
        self, row: int, col: int, value: float | None, num_format: str | None, *style: dict[str, Any] | None
    ) -> None:
        """Write ``value`` as a number in ``num_format``; None is blank."""
        if value is None:
            self.blank(row, col, *style)
            return
        if not math.isfinite(value):
            self._check(-1, row, col, f"the non-finite number {value!r}")
        rc = self.ws.write_number(row, col, value, self.styles.get(*style, num_format=num_format))
        self._check(rc, row, col, "a number")
        self._track(col, len(f"{value:,.2f}") + (3 if num_format and '"' in num_format else 1))

    def header_row(self, row: int, labels: list[str]) -> None:
        """Bold, filled column headers; long ones wrap rather than widen their column."""
        for col, text in enumerate(labels):
            self.text(row, col, text, HEADER, fit_width=HEADER_WRAP_AT)

    def fit_columns(self, minimum: int = 6, maximum: int = 50, caps: dict[int, int] | None = None) -> None:
        """Set each column to its widest content, within ``caps`` for long-text columns,
        then make rows with wrapped text tall enough to show all of it.

        Row heights are set explicitly because LibreOffice does not recompute them when
        it opens the file, so wrapped lines would print over the next row.
        """
        caps = caps or {}
        final: dict[int, float] = {}
        for col, width in self.widths.items():
            cap = caps.get(col, maximum)
            final[col] = max(minimum, min(width + 2, cap))
            rc = self.ws.set_column(col, col, final[col])
            self._check(rc, 0, col, "a column width")
        for row, cells in self.wrapped.items():
            lines = max(wrapped_lines(widths, final.get(col, DEFAULT_COL_WIDTH)) for col, widths in cells)
            if lines > 1:
                height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 2)
                self._check(self.ws.set_row(row, height), row, 0, "a row height")
