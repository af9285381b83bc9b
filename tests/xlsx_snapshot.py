"""A workbook's whole visible content as plain data, for the golden workbook tests.

``snapshot`` reads a results workbook back with openpyxl (and its chart parts from the
zip, which openpyxl does not load) and returns every sheet's cells (value, number format,
font, fill, border, alignment), column widths, row heights, merged ranges, freeze panes,
autofilter, conditional formats and print setup. ``dumps`` writes it as JSON with one cell
per line, so a failing comparison or a regenerated golden file reads as a short diff.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.worksheet.worksheet import Worksheet

_CHART_TEXT = {
    "{http://schemas.openxmlformats.org/drawingml/2006/main}t",
    "{http://schemas.openxmlformats.org/drawingml/2006/chart}f",
}


def _color(color: Any) -> str | None:
    """An openpyxl colour as its ARGB text, its theme or its index."""
    if color is None:
        return None
    if color.type == "rgb":
        return str(color.rgb)
    return f"{color.type}:{color.value}"


def _font(font: Any) -> str:
    parts = [str(font.name), f"{float(font.sz or 0):g}"]
    parts += [flag for flag, on in (("b", font.b), ("i", font.i), ("strike", font.strike)) if on]
    if font.u:
        parts.append(f"u={font.u}")
    if (color := _color(font.color)) is not None:
        parts.append(color)
    return " ".join(parts)


def _fill(fill: Any) -> str | None:
    # A conditional format's fill may carry only a background colour, without a pattern.
    if fill is None or (fill.fill_type is None and _color(fill.bgColor) == "00000000"):
        return None
    return f"{fill.fill_type} {_color(fill.fgColor)} {_color(fill.bgColor)}"


def _border(border: Any) -> str | None:
    sides = [getattr(border, side).style for side in ("left", "right", "top", "bottom")]
    return " ".join(str(s) for s in sides) if any(sides) else None


def _alignment(al: Any) -> str | None:
    parts = [f"{k}={v}" for k, v in (("h", al.horizontal), ("v", al.vertical)) if v]
    if al.wrap_text:
        parts.append("wrap")
    return " ".join(parts) or None


def _cell(cell: Cell) -> list[Any]:
    """[value, type, number format, font, fill, border, alignment] of one cell."""
    return [
        cell.value,
        cell.data_type,
        cell.number_format,
        _font(cell.font),
        _fill(cell.fill),
        _border(cell.border),
        _alignment(cell.alignment),
    ]


def _rule(rule: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": rule.type,
        "priority": rule.priority,
        "formula": list(rule.formula or ()),
        "stop": rule.stopIfTrue,
    }
    if rule.dxf is not None:
        out["fill"] = _fill(rule.dxf.fill)
        out["font"] = _font(rule.dxf.font) if rule.dxf.font else None
    if rule.dataBar is not None:
        out["dataBar"] = [[v.type, v.val] for v in rule.dataBar.cfvo] + [_color(rule.dataBar.color)]
    return out


def _sheet(ws: Worksheet) -> dict[str, Any]:
    cells = {
        c.coordinate: _cell(c) for row in ws.iter_rows() for c in row if c.value is not None or c.has_style
    }
    return {
        "dimensions": ws.dimensions,
        "freeze": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "columns": {
            k: [d.min, d.max, d.width, d.hidden]
            for k, d in sorted(ws.column_dimensions.items())
            if d.customWidth or d.hidden
        },
        "rows": {str(k): d.height for k, d in sorted(ws.row_dimensions.items()) if d.height is not None},
        "conditional": {str(cf.sqref): [_rule(r) for r in cf.rules] for cf in ws.conditional_formatting},
        "print": {
            "titles": ws.print_title_rows,
            "orientation": ws.page_setup.orientation,
            "paper": ws.page_setup.paperSize,
            "fit": [
                ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
                ws.page_setup.fitToWidth,
                ws.page_setup.fitToHeight,
            ],
            "margins": [
                ws.page_margins.left,
                ws.page_margins.right,
                ws.page_margins.top,
                ws.page_margins.bottom,
            ],
            "header": [ws.oddHeader.left.text, ws.oddHeader.center.text, ws.oddHeader.right.text],
            "footer": [ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text],
        },
        "cells": cells,
    }


def _charts(path: Path) -> dict[str, list[str]]:
    """Each chart part's texts (titles, axis names) and cell references, in document order."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if n.startswith("xl/charts/chart")):
            root = ET.fromstring(z.read(name))
            out[name] = [el.text or "" for el in root.iter() if el.tag in _CHART_TEXT]
    return out


def snapshot(path: Path) -> dict[str, Any]:
    """The whole content of the workbook at ``path``, sheet by sheet, as JSON-ready data."""
    book = openpyxl.load_workbook(path)
    return {
        "sheets": book.sheetnames,
        **{f"sheet:{ws.title}": _sheet(ws) for ws in book.worksheets},
        "charts": _charts(path),
    }


def dumps(snap: dict[str, Any]) -> str:
    """``snap`` as JSON: nested objects indented, each cell and each list on one line."""

    def write(value: Any, indent: str) -> str:
        if isinstance(value, dict) and value:
            inner = indent + " "
            items = [
                f"{inner}{json.dumps(k, ensure_ascii=False)}: {write(v, inner)}" for k, v in value.items()
            ]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        return json.dumps(value, ensure_ascii=False)

    return write(snap, "") + "\n"
