"""What write-back writes: plain rows of results, made by the caller.

Write-back sits with the inputs, below the outputs, so it does not know the results'
columns: the caller builds these rows from the one column specification
(``csreport.outputs.columns.writeback_rows``) and write-back only places them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Value = str | float | int | None  # a cell: text, a number, or empty


@dataclass(frozen=True)
class ResultRows:
    """The results sheet's header and rows, and the columns appended to a roster, as plain data."""

    header: tuple[str, ...]  # the 考核结果 sheet's header row, in the user's language
    rows: tuple[tuple[Value, ...], ...]  # one per agent, in the results' order
    roster_header: tuple[str, ...]  # headers of the columns appended to a roster (``columns``)
    roster: Mapping[str, tuple[Value, ...]]  # 工号 → the values appended to that agent's roster row
