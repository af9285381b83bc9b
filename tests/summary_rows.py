"""Reading the 汇总 sheet back as tests need it.

The 汇总 holds one table per 考核表: a title row ("考核表：试用期（3 人）"), the table's own
header, its agents, then a blank row; a table longer than a printed page repeats its title and
header; agents not in the roster follow under 需核对（不在花名册中）, by table again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet


@dataclass
class SummaryTable:
    """One table of the 汇总: its title, its header and its agents' rows (cells or values)."""

    title: str
    header: tuple[Any, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def _value(cell: Any) -> Any:
    """A cell's value, or the value itself when the rows were read as values."""
    return cell.value if isinstance(cell, (Cell, MergedCell)) else cell


def _is_title(row: tuple[Any, ...]) -> bool:
    """A row holding only text in its first cell: a table's or a section's title."""
    return bool(row) and isinstance(_value(row[0]), str) and all(_value(c) is None for c in row[1:])


def _blank(row: tuple[Any, ...]) -> bool:
    return all(_value(c) is None for c in row)


def summary_tables(rows: list[tuple[Any, ...]]) -> list[SummaryTable]:
    """The tables of the 汇总's ``rows`` (values or cells), each agent row cut to its header."""
    tables: list[SummaryTable] = []
    title: str | None = None
    expect_header = False
    for row in rows:
        if _blank(row):
            expect_header = False
            continue
        if _is_title(row):
            title, expect_header = str(_value(row[0])), True
            continue
        if expect_header:
            values = [_value(c) for c in row]
            while values and values[-1] is None:
                values.pop()
            tables.append(SummaryTable(title or "", tuple(values)))
            expect_header = False
            continue
        tables[-1].rows.append(tuple(row[: len(tables[-1].header)]))
    return tables


def agent_records(rows: list[tuple[Any, ...]]) -> list[dict[Any, Any]]:
    """Every agent row of every table, in the sheet's order, as {its table's header: value or cell}."""
    return [dict(zip(t.header, r, strict=True)) for t in summary_tables(rows) for r in t.rows]


def summary_values(workbook: Path, sheet: str = "汇总") -> list[tuple[Any, ...]]:
    """The values of the 汇总's rows as openpyxl reads them back."""
    book = openpyxl.load_workbook(workbook, read_only=True)
    try:
        return [tuple(r) for r in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def summary_cells(ws: Worksheet) -> list[tuple[Any, ...]]:
    """The cells of a 汇总 sheet's rows (their values, number formats and fills)."""
    return [tuple(r) for r in ws.iter_rows()]
