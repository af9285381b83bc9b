"""Shared pieces of the results workbook: styles, number formats and checked cell writes.

XlsxWriter reports a failed write through a return code instead of an exception; every
write here goes through ``SheetWriter`` so a failure can never pass silently.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from csreport.messages import Bilingual, translate
from csreport.util.cell_text import MAX_CELL_CHARS, display_width, fit_cell_text, utf16_len

__all__ = [
    "MAX_CELL_CHARS",
    "PrintSetup",
    "SheetWriter",
    "Styles",
    "XlsxWriteError",
    "display_width",
    "fit_cell_text",
    "label",
    "pick",
    "unit_format",
    "utf16_len",
]

# Header labels wider than this wrap onto a second line instead of widening the column.
HEADER_WRAP_AT = 12
# Points per line of 11-point text, and Excel's maximum row height.
LINE_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0
# Excel's standard column width, in characters, and the widest a merged cell grows to hold its
# text on one line.
DEFAULT_COL_WIDTH = 8.43
SPAN_MAXIMUM = 36

# The printed page: A4 landscape with the margins ``workbook._page_setup`` sets, in points and
# inches. Sheets printed at ``PRINT_SCALE`` percent keep 11-point text at 8.8 points; they are
# split across pages rather than shrunk to one page wide.
A4 = 9
A4_LANDSCAPE = (841.9, 595.3)
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.75, "bottom": 0.75}
PRINT_SCALE = 80
# The most a unit of column width takes in print, in points at 100%: Excel draws 5.25 points
# plus 3.75 per column, LibreOffice with a substitute for Calibri up to 7 points. A column is
# stored 5/7 of a unit wider than its width in characters (Excel's cell padding).
POINTS_PER_WIDTH = 7.0
COLUMN_PADDING = 5 / 7

# Every written cell aligns to the top, so a row made tall by one wrapped cell still reads
# as one line of data instead of mixing bottom- and top-aligned values.
BASE = {"valign": "top"}
HEADER = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
SECTION = {"bold": True, "font_size": 12}
# A title over a table, in the body font size so that its wrapped lines are measured right.
TITLE = {"bold": True, "text_wrap": True, "valign": "top"}
VETO = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
GREY = {"bg_color": "#E7E6E6", "font_color": "#595959"}
ERROR_ROW = {"bg_color": "#FFC7CE"}
WARNING_ROW = {"bg_color": "#FFEB9C"}
WRAP = {"text_wrap": True, "valign": "top"}
POINTS_FORMAT = "0.0"
COEFFICIENT_FORMAT = "0.00"
INTEGER_FORMAT = "0"


@dataclass(frozen=True)
class PrintSetup:
    """How a sheet prints beyond what every sheet shares: the rows and columns repeated on each
    page (first and last, 0-based), and whether it shrinks to one page wide or prints at
    ``PRINT_SCALE`` percent, split across pages."""

    rows: tuple[int, int] | None = (0, 0)
    cols: tuple[int, int] | None = None
    one_page_wide: bool = True


class XlsxWriteError(RuntimeError):
    """A cell or sheet setting that XlsxWriter refused; the workbook is not produced."""


def label(code: str, lang: str, **params: Any) -> str:
    """Catalogue text ``code`` in ``lang`` with ``params`` filled in whole (a workbook cuts no data)."""
    return translate(code, lang).format(**params) if params else translate(code, lang)


def pick(words: Bilingual, lang: str) -> str:
    """``words`` in ``lang``: the English in an English workbook, else the Chinese."""
    return words.en if lang == "en" else words.zh


# The decimals a KPI value of each unit is shown with (a rate in percent points); a value of
# another unit is shown as a plain number with ``POINTS_FORMAT``'s one decimal.
UNIT_DECIMALS = {"%": 2, "s": 1, "score": 1, "yuan": 2, "count": 0, "day": 0}


def unit_format(unit: str, lang: str, decimals: int | None = None) -> str:
    """Excel number format for a value measured in ``unit``, with its unit's words from the
    catalogue (``unit.*``: ``0.0" 秒"``, ``0.0" pts"``, ``#,##0.00" 元"``, ``0.00%``), with
    ``decimals`` decimals when given (``KpiResult.decimals``), else the unit's usual ones."""
    usual = UNIT_DECIMALS.get(unit)
    places = decimals if decimals is not None else (1 if usual is None else usual)
    digits = ("#,##0" if unit == "yuan" else "0") + ("." + "0" * places if places > 0 else "")
    if unit == "%":
        return digits + "%"  # an unquoted % shows a share (0.98) as percent points (98.00%)
    if usual is None:
        return digits
    before, after = translate(f"unit.{unit}", lang).split("{n}")
    return _literal(before) + digits + _literal(after)


def _literal(text: str) -> str:
    """``text`` as a literal part of a number format."""
    return f'"{text}"' if text else ""


@functools.lru_cache(maxsize=256)
def _shape(num_format: str) -> tuple[int, int, int]:
    """How a number format shows a value, for measuring its width: the decimals (two when the
    format does not say), the factor (100 for a percent), and the width of what it adds (the
    unit's words such as " 秒" or " yuan", a percent sign) plus one character of margin."""
    plain = re.sub(r'"[^"]*"', "", num_format)
    words = "".join(re.findall(r'"([^"]*)"', num_format))
    found = re.search(r"\.(0+)", plain)
    decimals = len(found[1]) if found else (0 if re.fullmatch(r"[#,]*0%?", plain) else 2)
    percent = "%" in plain
    return decimals, 100 if percent else 1, display_width(words) + (1 if percent else 0) + 1


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


# Where an English line may break: at spaces, except before a bracketed gloss.
_WORDS = re.compile(r"\s+(?!\()")
# An English label ending in a word and its Chinese gloss: "Bonus base (奖金基数)".
_GLOSSED = re.compile(r"(.*\S)\s+(\S+ \([^()]*[\u3400-\u9fff][^()]*\))")


def longest_word(text: str, lang: str) -> int:
    """The width of the longest run of ``text`` a line should not break: in English a word (with
    a Chinese gloss such as "(系数)" kept whole), in Chinese a run of narrow characters (a line
    may break between any two Chinese characters)."""
    if lang == "en":
        # A line may break inside Chinese, so a gloss stays on the line of the word it explains.
        return max((display_width(word) for word in _WORDS.split(text.strip())), default=0)
    longest = run = 0
    for ch in text:
        run = 0 if ch.isspace() or display_width(ch) == 2 else run + 1
        longest = max(longest, run)
    return longest


def printable_height(scale: int = PRINT_SCALE) -> float:
    """How many points of sheet rows one printed page holds at ``scale`` percent."""
    return (A4_LANDSCAPE[1] - 72 * (MARGINS["top"] + MARGINS["bottom"])) * 100 / scale


def printable_width(scale: int = PRINT_SCALE) -> float:
    """How many units of column width one printed page surely holds at ``scale`` percent."""
    return (A4_LANDSCAPE[0] - 72 * (MARGINS["left"] + MARGINS["right"])) * 100 / scale / POINTS_PER_WIDTH


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
        # row -> [(first col, last col, display width of each line)] of cells whose style wraps
        # text (a merged cell spans several columns).
        self.wrapped: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
        # (first col, last col) -> the widest text merged across those columns.
        self.spans: dict[tuple[int, int], int] = {}

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
        # An indent takes about two characters' width from the line.
        indent = 2 * max((part.get("indent", 0) for part in style if part), default=0)
        lines = tuple(display_width(line) + indent for line in value.splitlines() or [""])
        if any(part and part.get("text_wrap") for part in style):
            self.wrapped.setdefault(row, []).append((col, col, lines))
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
        decimals, scale, extra = _shape(num_format or "")
        self._track(col, len(f"{value * scale:,.{decimals}f}") + extra)

    def merged_text(
        self, row: int, first_col: int, last_col: int, value: str, *style: dict[str, Any]
    ) -> None:
        """``value`` across the cells ``first_col``..``last_col`` of ``row``, merged into one.

        The columns together grow to hold it on one line (the last one widening, up to
        ``SPAN_MAXIMUM`` in all); beyond that a wrapping style makes the row taller.
        """
        value = fit_cell_text(value, self.lang)
        fmt = self.styles.get(*style)
        if last_col > first_col:
            rc = self.ws.merge_range(row, first_col, row, last_col, "", fmt)
            self._check(rc, row, first_col, "a merge")
        self._check(self.ws.write_string(row, first_col, value, fmt), row, first_col, "a string")
        lines = tuple(display_width(line) for line in value.splitlines() or [""])
        span = (first_col, last_col)
        self.spans[span] = max(self.spans.get(span, 0), max(lines))
        if any(part.get("text_wrap") for part in style):
            self.wrapped.setdefault(row, []).append((first_col, last_col, lines))

    def header_row(self, row: int, labels: list[str], wrap_at: int = HEADER_WRAP_AT) -> None:
        """Bold, filled column headers; ones wider than ``wrap_at`` wrap rather than widen their
        column, which still holds their longest word."""
        for col, text in enumerate(labels):
            fit = max(wrap_at, longest_word(text, self.lang))
            glossed = _GLOSSED.fullmatch(text) if self.lang == "en" and display_width(text) > fit else None
            if glossed:
                # The line breaks before the word a gloss explains: left to itself, a line may
                # break inside the gloss ("Bonus base (奖金基" / "数)").
                text = f"{glossed[1]}\n{glossed[2]}"
            self.text(row, col, text, HEADER, fit_width=fit)

    def fit_columns(self, minimum: int = 6, maximum: int = 50, caps: dict[int, int] | None = None) -> None:
        """Set each column to its widest content, within ``caps`` for long-text columns,
        then make rows with wrapped text tall enough to show all of it.

        Row heights are set explicitly because LibreOffice does not recompute them when
        it opens the file, so wrapped lines would print over the next row.
        """
        final = self.column_widths(minimum, maximum, caps)
        for col, width in final.items():
            self._check(self.ws.set_column(col, col, width), 0, col, "a column width")
        for row, height in self.row_heights(final).items():
            self._check(self.ws.set_row(row, height), row, 0, "a row height")

    def column_widths(
        self, minimum: int = 6, maximum: int = 50, caps: dict[int, int] | None = None
    ) -> dict[int, float]:
        """Each written column's width as ``fit_columns`` sets it: its widest content, within
        ``minimum`` and its cap (``caps``, else ``maximum``)."""
        caps = caps or {}
        final: dict[int, float] = {
            col: max(minimum, min(width + 2, caps.get(col, maximum))) for col, width in self.widths.items()
        }
        for (first, last), width in self.spans.items():
            # Merged text widens its last column, the merged cell growing to SPAN_MAXIMUM at most
            # (longer text wraps): the merged columns may be printed on every page.
            short = min(width + 2, SPAN_MAXIMUM) - sum(
                final.get(c, DEFAULT_COL_WIDTH) for c in range(first, last + 1)
            )
            if short > 0:
                final[last] = final.get(last, DEFAULT_COL_WIDTH) + short
        return final

    def row_heights(self, widths: dict[int, float]) -> dict[int, float]:
        """The height of each row whose wrapped text needs more than one line in columns this wide."""
        heights: dict[int, float] = {}
        for row, cells in self.wrapped.items():
            lines = max(
                wrapped_lines(
                    line_widths, sum(widths.get(c, DEFAULT_COL_WIDTH) for c in range(first, last + 1))
                )
                for first, last, line_widths in cells
            )
            if lines > 1:
                heights[row] = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 2)
        return heights
