"""Worksheet XML of write-back: the new 考核结果 sheet, and result cells appended to a roster.

The results sheet is a new part written here in full. A roster sheet is the user's own
part: it is parsed (``xml_parts``) and the result cells are spliced in at the end of each
agent's row, every other byte kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from xlsxwriter.utility import xl_col_to_name

from csreport.inputs.writeback import xml_parts
from csreport.inputs.writeback.rows import ResultRows, Value
from csreport.inputs.writeback.xml_parts import Element
from csreport.problems import CsreportError
from csreport.util.cell_text import display_width, fit_cell_text

# Characters XML 1.0 cannot hold; they are dropped from the text written.
BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FROZEN_HEADER = (
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
)
_SPANS = re.compile(r"(\d+):(\d+)")  # a row's spans attribute value, e.g. 1:7


def cell(col: int, row: int, value: Value, lang: str, style: str = "", prefix: str = "") -> str:
    """One ``<c>``: text always as an inline string (never a formula), numbers as ``<v>``.

    ``prefix`` is the tag prefix with its colon (``x:``) or "". Empty text gives "".
    """
    s, ref, p = f' s="{style}"' if style else "", f"{xl_col_to_name(col)}{row}", prefix
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            return ""
        num = str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
        return f'<{p}c r="{ref}"{s}><{p}v>{num}</{p}v></{p}c>'
    text = BAD_XML.sub("", fit_cell_text(value, lang)) if isinstance(value, str) else ""
    return (
        (
            f'<{p}c r="{ref}"{s} t="inlineStr"><{p}is><{p}t xml:space="preserve">{xml_parts.text(text)}'
            f"</{p}t></{p}is></{p}c>"
        )
        if text
        else ""
    )


def results_sheet(results: ResultRows, main_ns: str, lang: str) -> bytes:
    """The 考核结果 worksheet XML: a frozen header row, one row per agent, an autofilter."""
    rows: list[Sequence[Value]] = [results.header, *results.rows]
    widths = [
        min(60, max(8, *(display_width(str(r[c] or "")) + 3 for r in rows)))
        for c in range(len(results.header))
    ]
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
    body = "".join(
        f'<row r="{r}">' + "".join(cell(c, r, v, lang) for c, v in enumerate(values)) + "</row>"
        for r, values in enumerate(rows, 1)
    )
    ref = f"A1:{xl_col_to_name(len(results.header) - 1)}{len(rows)}"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns={xml_parts.attr_text(main_ns)}><dimension ref="{ref}"/>{_FROZEN_HEADER}'
        f'<cols>{cols}</cols><sheetData>{body}</sheetData><autoFilter ref="{ref}"/></worksheet>'
    ).encode()


def box(ref: str) -> tuple[int, int, int, int] | None:
    """(first column, first row, last column, last row) of ``A1:H20`` or ``$B$2``; columns from 0."""
    # Imported here: openpyxl (and PIL with it) costs ~9 MB that a run without write-back
    # should not carry, and the column specification imports this package.
    from openpyxl.utils.cell import range_boundaries

    try:
        c1, r1, c2, r2 = range_boundaries(ref.strip().upper())
        return c1 - 1, r1, c2 - 1, r2
    except (ValueError, TypeError):  # not a reference, or a whole column such as A:A
        return None


class _Row:
    """A row of the roster sheet as parsed: its number, its cells' references, its last cell's style."""

    def __init__(self, element: Element, number: int) -> None:
        self.element, self.number = element, number
        self.refs: list[str | None] = []  # each cell's r=, None where it has none
        self.style = ""

    @property
    def last_col(self) -> int:
        """The column of the row's last cell (-1 for none); a cell without a usable r= follows
        the one before."""
        for back, ref in enumerate(reversed(self.refs)):
            found = box(ref) if ref else None
            if found:
                return found[0] + back
        return len(self.refs) - 1


def _rows(xml: bytes) -> tuple[Element, list[_Row], list[Element], Element | None]:
    """(sheetData, its rows in order, the mergeCells, the dimension) of a worksheet part."""
    root: list[Element] = []
    rows: list[_Row] = []

    def main(e: Element) -> bool:
        if not root:
            root.append(e)
        return e.ns == root[0].ns

    def keep(e: Element) -> bool:
        if e.local == "row" and main(e) and e.parent is not None and e.parent.local == "sheetData":
            # A row without r= follows the one before.
            number = e.get("r")
            rows.append(
                _Row(e, int(number) if number and number.isdigit() else (rows[-1].number if rows else 0) + 1)
            )
            return False
        if e.local == "c" and main(e) and rows and e.parent is rows[-1].element:
            row = rows[-1]
            row.refs.append(e.get("r"))
            style = e.get("s") or ""
            row.style = style if style.isdigit() else ""
            return False
        return main(e) and e.local in ("sheetData", "mergeCell", "dimension")

    kept = xml_parts.parse(xml, keep)
    data = next((e for e in kept if e.local == "sheetData"), None)
    if data is None or data.empty:  # a roster always has rows, so never <sheetData/>
        raise CsreportError("writeback.failed")
    return (
        data,
        rows,
        [e for e in kept if e.local == "mergeCell"],
        next((e for e in kept if e.local == "dimension"), None),
    )


def append_cells(xml: bytes, min_col: int, rows: Mapping[int, Sequence[Value]], lang: str) -> bytes:
    """Sheet XML with ``rows`` (Excel row → values, header first) appended right of each row's
    cells, starting no further left than ``min_col`` and never under a merged area."""
    sheet_data, found_rows, merges, dimension = _rows(xml)
    found = {r.number: r for r in found_rows}
    first, end, width = min(rows), max(rows), len(rows[min(rows)])
    start = max([min_col] + [found[n].last_col + 1 for n in rows if n in found])
    for merge in merges:
        area = box(merge.get("ref") or "")
        if area and area[1] <= end and area[3] >= first:  # never write under a merged area
            start = max(start, area[2] + 1)
    p = f"{sheet_data.prefix}:" if sheet_data.prefix else ""
    edits: list[tuple[int, int, str]] = []  # made in row order: at one offset, the lower row first
    for n in sorted(rows):
        style = found[n].style if n == first and n in found else ""  # headers look like their row
        cells = "".join(cell(start + i, n, v, lang, style, p) for i, v in enumerate(rows[n]))
        row = found.get(n)
        if row is None:
            at = next((r.element.start for r in found_rows if r.number > n), sheet_data.end)
            edits.append((at, at, f'<{p}row r="{n}">{cells}</{p}row>'))
            continue
        element = row.element
        spans = element.get("spans")
        match = _SPANS.fullmatch(spans) if spans is not None else None
        changes = {"spans": f"{match[1]}:{max(int(match[2]), start + width)}"} if match else {}
        if element.empty:
            edits.append(
                (
                    element.start,
                    element.stop,
                    xml_parts.start_tag(element, changes, empty=False) + cells + f"</{element.qname}>",
                )
            )
            continue
        if changes:
            edits.append((element.start, element.start_end, xml_parts.start_tag(element, changes)))
        edits.append((element.end, element.end, cells))
    area = box(dimension.get("ref") or "") if dimension is not None else None
    if dimension is not None and area:
        c1, r1, c2, r2 = area
        new = f"{xl_col_to_name(c1)}{r1}:{xl_col_to_name(max(c2, start + width - 1))}{max(r2, end)}"
        edits.append((dimension.start, dimension.start_end, xml_parts.start_tag(dimension, {"ref": new})))
    return xml_parts.splice(xml, edits)
