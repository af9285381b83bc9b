"""The next roster: a copy of the manager's roster workbook with the 级别 a review decided.

``csreport review --apply`` ends here. The manager's own file is never edited in place: a copy
is written (atomically) in which each listed agent's 级别 cell holds the new level, and every
other cell, style, sheet and formula stays as it was. As in the write-back, the zip package is
edited directly: every part is copied unchanged except the roster sheets' parts, which are
parsed (``xml_parts``) and edited by splicing at the parser's offsets. A roster without a 级别
column gets one appended (header 级别) with ``sheets.append_cells``.

The roster sheets and their 工号 / 级别 columns are found as csreport reads rosters
(``headers.detect`` on the reader's own sheets), and the copy is read back the same way before
it is kept: it must differ from the roster in exactly the cells written.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineError
from xlsxwriter.utility import xl_col_to_name

from csreport.inputs.headers import HeaderMatch, canonical, detect, required_missing
from csreport.inputs.mapping import UserMapping
from csreport.inputs.values import clean_text, parse_id
from csreport.inputs.workbook import RawSheet, read_input_bytes, sheets_from_bytes
from csreport.inputs.writeback import xml_parts
from csreport.inputs.writeback.package import copy_package, part_names, resolve
from csreport.inputs.writeback.sheets import append_cells, box, cell
from csreport.inputs.writeback.xml_parts import Element
from csreport.inputs.xlsx_scan import column_letter, column_number
from csreport.messages import Bilingual
from csreport.problems import CsreportError, Problem, Severity
from csreport.util.atomic import atomic_path
from csreport.util.paths import matching_input

__all__ = ["LevelSet", "RosterRewrite", "roster_with_levels"]

WRITABLE = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?\d+")
Cell = tuple[int, int]  # (Excel row, column from 0)


@dataclass(frozen=True)
class LevelSet:
    """One agent whose 级别 the new roster changes: old → new."""

    agent_id: str
    old: str
    new: str


@dataclass(frozen=True)
class RosterRewrite:
    """What ``roster_with_levels`` wrote: the new roster, who changed, and what could not be done."""

    path: Path
    changed: tuple[LevelSet, ...]  # in roster order
    unchanged: tuple[str, ...]  # listed agents whose roster level already was the new one
    missing: tuple[str, ...]  # listed agents the roster does not have
    problems: tuple[Problem, ...]  # located at the roster's file, sheet, row and column


@dataclass
class _SheetPlan:
    """The edits to one roster sheet."""

    sheet: RawSheet
    match: HeaderMatch
    level_col: int | None  # Excel column (from 0) of 级别; None when the sheet has none
    cells: dict[Cell, tuple[str, str]] = field(default_factory=dict)  # cell → (agent, new level)


def roster_with_levels(
    roster: Path,
    levels: Mapping[str, str],
    out: Path,
    *,
    lang: str = "zh",
    inputs: Iterable[Path] = (),
    mapping: UserMapping | None = None,
) -> RosterRewrite:
    """Write ``out``, a copy of the ``roster`` workbook in which each agent of ``levels``
    (工号 → new 级别) has the new level; say who changed and what could not be written.

    ``out`` must differ from ``roster`` and from every path of ``inputs``, and end like the
    roster (.xlsx or .xlsm). ``mapping`` is the user's header mapping, as for reading. ``lang``
    words the mark on a cell cut to Excel's limit. Raises ``CsreportError`` with one clear
    message when the roster cannot be read or understood, or the copy cannot be written.
    """
    roster, out = Path(roster), Path(out)
    suffix = roster.suffix.lower()
    if suffix not in WRITABLE:
        raise CsreportError("levels.roster_not_xlsx", file=roster.name)
    if out.suffix.lower() != suffix:
        raise CsreportError("levels.out_suffix", path=str(out), suffix=roster.suffix)
    if matching_input(out, [roster, *inputs]) is not None:
        raise CsreportError("levels.out_is_input", path=str(out))
    try:
        data = read_input_bytes(roster)
        sheets = sheets_from_bytes(data, roster.name)
    except CsreportError as exc:
        reason = Bilingual(exc.message("zh"), exc.message("en"))
        raise CsreportError("levels.roster_unreadable", file=roster.name, reason=reason) from exc
    if data[:8] == _OLE_MAGIC:  # a legacy .xls under an .xlsx name: readable, but no package to edit
        raise CsreportError("levels.roster_not_xlsx", file=roster.name)

    problems: list[Problem] = []
    plans = _plans(roster.name, sheets, mapping)
    wanted = {parse_id(agent): level.strip() for agent, level in levels.items()}
    for agent, level in wanted.items():
        if not level:
            problems.append(
                Problem("levels.blank_level", Severity.WARNING, roster.name, params={"agent": agent})
            )
    # agent → (old level, first cell, sheet), from the row csreport reads (an agent's first)
    found: dict[str, tuple[str, Cell, str]] = {}
    for plan in plans:
        _find_agents(roster.name, plan, wanted, found, problems)

    with atomic_path(out) as tmp:
        refused = _write(data, tmp, roster.name, plans, lang)
        for plan in plans:
            for where, (agent, level) in plan.cells.items():
                if (plan.sheet.name, where) in refused:
                    code = refused[(plan.sheet.name, where)]
                    problems.append(_problem(code, roster.name, plan, where, agent, level))
        written = {
            (p.sheet.name, w): v
            for p in plans
            for w, v in p.cells.items()
            if (p.sheet.name, w) not in refused
        }
        _verify(tmp, roster.name, sheets, written)

    changed: list[LevelSet] = []
    unchanged: list[str] = []
    for agent, (old, where, sheet) in found.items():
        if wanted[agent] == old:
            unchanged.append(agent)
        elif (sheet, where) in written:
            changed.append(LevelSet(agent, old, wanted[agent]))
    missing = tuple(a for a, level in wanted.items() if level and a not in found)
    problems += [_not_in_roster(roster.name, plans, agent, wanted[agent]) for agent in missing]
    return RosterRewrite(out, tuple(changed), tuple(unchanged), missing, tuple(problems))


def _plans(file: str, sheets: list[RawSheet], mapping: UserMapping | None) -> list[_SheetPlan]:
    """The roster sheets, as csreport reads them (visible, a roster header with 工号)."""
    plans = []
    for sheet in sheets:
        if sheet.hidden or sheet.chart or not sheet.rows:
            continue
        match = detect(sheet.rows, mapping)
        if match is None or match.role != "roster" or required_missing("roster", set(match.columns.values())):
            continue
        level = next((p for p, f in match.columns.items() if f == "level"), None)
        plans.append(_SheetPlan(sheet, match, None if level is None else sheet.first_col + level))
    if not plans:
        raise CsreportError("levels.no_roster_sheet", file=file)
    return plans


def _find_agents(
    file: str,
    plan: _SheetPlan,
    wanted: Mapping[str, str],
    found: dict[str, tuple[str, Cell, str]],
    problems: list[Problem],
) -> None:
    """Plan the 级别 cell of each row of a listed agent; the first row of an agent is the one
    csreport reads, a later row is changed too and reported."""
    sheet, match = plan.sheet, plan.match
    id_pos = next(p for p, f in match.columns.items() if f == "agent_id")
    level_pos = None if plan.level_col is None else plan.level_col - sheet.first_col
    for index in range(match.data_start, len(sheet.rows)):
        row = sheet.rows[index]
        try:
            agent = parse_id(row[id_pos] if id_pos < len(row) else "")
        except ValueError:
            continue
        level = wanted.get(agent)
        if not level:
            continue
        old = clean_text(row[level_pos]) if level_pos is not None and level_pos < len(row) else ""
        where = (index + 1, sheet.first_col + (level_pos if level_pos is not None else len(row)))
        if agent in found:
            first = found[agent][1][0]
            problems.append(
                Problem(
                    "levels.duplicate_id",
                    Severity.WARNING,
                    file,
                    sheet.name,
                    index + 1,
                    column_letter(sheet.first_col + id_pos),
                    match.headers[id_pos],
                    agent,
                    params={"agent": agent, "first": first, "level": level},
                )
            )
        else:
            found[agent] = (old, where, sheet.name)
        if old != level:
            plan.cells[where] = (agent, level)


def _problem(code: str, file: str, plan: _SheetPlan, where: Cell, agent: str, level: str) -> Problem:
    """A 级别 cell that was not written (a formula, a merged cell), located at it."""
    header = plan.match.headers.get(where[1] - plan.sheet.first_col, "")
    return Problem(
        code,
        Severity.ERROR,
        file,
        plan.sheet.name,
        where[0],
        column_letter(where[1]),
        header,
        agent,
        params={"agent": agent, "level": level},
    )


def _not_in_roster(file: str, plans: list[_SheetPlan], agent: str, level: str) -> Problem:
    """A listed agent the roster does not have: at the (first) roster sheet's 工号 column."""
    plan = plans[0]
    id_pos = next(p for p, f in plan.match.columns.items() if f == "agent_id")
    return Problem(
        "levels.not_in_roster",
        Severity.WARNING,
        file,
        plan.sheet.name,
        None,
        column_letter(plan.sheet.first_col + id_pos),
        plan.match.headers[id_pos],
        agent,
        params={"agent": agent, "level": level},
    )


# --- the package -----------------------------------------------------------------------------


def _write(
    data: bytes, tmp: Path, file: str, plans: list[_SheetPlan], lang: str
) -> dict[tuple[str, Cell], str]:
    """Write the edited copy of ``data`` to ``tmp``; the cells refused (sheet, cell), with why (a code)."""
    refused: dict[tuple[str, Cell], str] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            names = part_names(zin)
            parts = _sheet_parts(zin, names)
            changed: dict[str, bytes] = {}
            for plan in plans:
                if not plan.cells:
                    continue
                part = parts.get(plan.sheet.name)
                if part is None:
                    raise CsreportError("writeback.failed")
                xml = zin.read(part)
                if plan.level_col is None:
                    changed[part] = _append_column(xml, plan, lang)
                else:
                    changed[part], refused_here = _set_cells(xml, plan.cells, lang)
                    refused.update({(plan.sheet.name, w): code for w, code in refused_here.items()})
            copy_package(zin, tmp, changed)
    except (CsreportError, zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:
        if isinstance(exc, CsreportError) and exc.code != "writeback.failed":
            raise  # the disk, not the roster
        raise CsreportError("levels.roster_unwritable", file=file) from exc
    return refused


def _sheet_parts(zin: zipfile.ZipFile, names: Mapping[str, str]) -> dict[str, str]:
    """Sheet name → its part's name as stored, from the workbook and its relationships."""

    def read(part: str) -> bytes:
        stored = names.get(part.lower())
        if stored is None:
            raise CsreportError("writeback.failed")
        return zin.read(stored)

    top = xml_parts.parse(read("_rels/.rels"))
    book_part = next(
        (
            resolve("", r.get("Target") or "")
            for r in top[1:]
            if r.parent is top[0] and (r.get("Type") or "").endswith("/officeDocument")
        ),
        None,
    )
    if book_part is None:
        raise CsreportError("writeback.failed")
    book_dir = posixpath.dirname(book_part)
    rels = xml_parts.parse(read(posixpath.join(book_dir, "_rels", posixpath.basename(book_part) + ".rels")))
    targets = {
        (r.get("Id") or "").lower(): resolve(book_dir, r.get("Target") or "")
        for r in rels[1:]
        if r.parent is rels[0] and r.local == "Relationship"
    }
    book = xml_parts.parse(read(book_part))
    out: dict[str, str] = {}
    for sheet in book:
        if sheet.local != "sheet" or sheet.ns != book[0].ns or sheet.parent is None:
            continue
        rid = next((v for w, v in sheet.attrs if w.rpartition(":")[0] and w.endswith(":id")), "")
        target = targets.get(rid.lower())
        stored = names.get(target.lower()) if target else None
        if stored is not None:
            out[sheet.get("name") or ""] = stored
    return out


def _append_column(xml: bytes, plan: _SheetPlan, lang: str) -> bytes:
    """The sheet with a 级别 column appended right of everything: its header on the (lower)
    header row, each listed agent's level on the agent's row."""
    sheet = plan.sheet
    rows: dict[int, list[Any]] = {plan.match.data_start: [canonical("level")]}
    rows.update({row: [level] for (row, _col), (_agent, level) in plan.cells.items()})
    return append_cells(xml, sheet.first_col + max(map(len, sheet.rows)), rows, lang)


# --- cells of an existing 级别 column --------------------------------------------------------


def _set_cells(
    xml: bytes, wanted: Mapping[Cell, tuple[str, str]], lang: str
) -> tuple[bytes, dict[Cell, str]]:
    """The sheet XML with each wanted cell holding its new level as text, in the cell's own
    style; the cells refused, with why: a formula (``levels.cell_formula``) or part of merged
    cells (``levels.cell_merged``), both left as they were."""
    rows_wanted = {row for row, _col in wanted}
    root: list[Element] = []
    rows: dict[int, Element] = {}
    last = [0]

    def keep(e: Element) -> bool:
        if not root:
            root.append(e)
            return False
        parent = e.parent
        if e.ns != root[0].ns or parent is None:
            return False
        if e.local == "row" and parent.local == "sheetData":
            number = e.get("r")
            last[0] = int(number) if number and number.isdigit() else last[0] + 1
            if last[0] in rows_wanted and last[0] not in rows:
                e.data["cells"] = []
                rows[last[0]] = e
            return False
        if e.local == "c" and parent.local == "row" and "cells" in parent.data:
            cells: list[tuple[int, Element]] = parent.data["cells"]  # type: ignore[assignment]
            at = _column(e.get("r") or "")
            cells.append((at if at is not None else (cells[-1][0] + 1 if cells else 0), e))
            return False
        if e.local == "f" and parent.local == "c":
            parent.data["formula"] = True
            return False
        return e.local in ("mergeCell", "dimension")

    kept = xml_parts.parse(xml, keep)
    merged = [a for m in kept if m.local == "mergeCell" and (a := box(m.get("ref") or ""))]
    dimension = next((e for e in kept if e.local == "dimension"), None)
    edits: list[tuple[int, int, str]] = []
    refused: dict[Cell, str] = {}
    widest = -1
    for (row_number, col), (_agent, level) in sorted(wanted.items()):
        row = rows.get(row_number)
        if row is None:  # the reader saw the agent's 工号 on this row
            raise CsreportError("writeback.failed")
        if any(
            c1 <= col <= c2 and r1 <= row_number <= r2 and (c1, r1) != (c2, r2) for c1, r1, c2, r2 in merged
        ):
            refused[(row_number, col)] = "levels.cell_merged"
            continue
        cells: list[tuple[int, Element]] = row.data["cells"]  # type: ignore[assignment]
        prefix = f"{row.prefix}:" if row.prefix else ""
        here = next((c for at, c in cells if at == col), None)
        if here is not None:
            if here.data.get("formula"):
                refused[(row_number, col)] = "levels.cell_formula"
                continue
            edits.append((here.start, here.stop, cell(col, row_number, level, lang, _style(here), prefix)))
            continue
        new = cell(col, row_number, level, lang, "", prefix)
        after = next((c for at, c in cells if at > col), None)
        widest = max(widest, col)
        if after is not None:
            edits.append((after.start, after.start, new))
        elif row.empty:
            edits.append(
                (
                    row.start,
                    row.stop,
                    xml_parts.start_tag(row, _spans(row, col), empty=False) + new + f"</{row.qname}>",
                )
            )
        else:
            if spans := _spans(row, col):
                edits.append((row.start, row.start_end, xml_parts.start_tag(row, spans)))
            edits.append((row.end, row.end, new))
    area = box(dimension.get("ref") or "") if dimension is not None else None
    if dimension is not None and area and widest > area[2]:
        c1, r1, _c2, r2 = area
        ref = f"{xl_col_to_name(c1)}{r1}:{xl_col_to_name(widest)}{r2}"
        edits.append((dimension.start, dimension.start_end, xml_parts.start_tag(dimension, {"ref": ref})))
    return xml_parts.splice(xml, edits), refused


def _column(ref: str) -> int | None:
    """The column (from 0) of a cell reference such as ``F12``; None when there is none."""
    found = _REF.fullmatch(ref)
    return column_number(found[1].encode()) - 1 if found else None


def _style(c: Element) -> str:
    """The cell's style index as written, "" when none (or not a number)."""
    style = c.get("s") or ""
    return style if style.isdigit() else ""


def _spans(row: Element, col: int) -> dict[str, str]:
    """A row's ``spans`` widened to take column ``col`` (from 0); {} when it already does or has none."""
    spans = row.get("spans") or ""
    low, sep, high = spans.partition(":")
    if not (sep and low.isdigit() and high.isdigit()) or int(high) >= col + 1:
        return {}
    return {"spans": f"{low}:{col + 1}"}


# --- the check -------------------------------------------------------------------------------


def _verify(
    tmp: Path, file: str, before: list[RawSheet], written: Mapping[tuple[str, Cell], tuple[str, str]]
) -> None:
    """Read the copy back as csreport reads inputs: it must hold the same sheets, every cell as
    in the roster but those written, and those holding their new levels (an appended column's
    cells, all in one column, on the rows planned)."""
    try:
        after = sheets_from_bytes(tmp.read_bytes(), file)
    except (CsreportError, CalamineError) as exc:
        raise CsreportError("levels.roster_unwritable", file=file) from exc
    if [s.name for s in before] != [s.name for s in after]:
        raise CsreportError("levels.roster_unwritable", file=file)
    for old, new in zip(before, after, strict=True):
        planned = {w: level for (name, w), (_agent, level) in written.items() if name == old.name}
        a, b = _values(old), _values(new)
        differ = {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
        expected = set(planned)
        if differ != expected:
            # An appended 级别 column: the cells planned past each row's end, plus its header.
            columns = {c for _r, c in differ}
            shifted = {(r, c) for r, _c in planned for c in columns}
            if len(columns) != 1 or not shifted <= differ or len(differ - shifted) > 1:
                raise CsreportError("levels.roster_unwritable", file=file)
            planned = {(r, next(iter(columns))): v for (r, _c), v in planned.items()}
        if any(clean_text(b.get(k)) != v for k, v in planned.items()):
            raise CsreportError("levels.roster_unwritable", file=file)


def _values(sheet: RawSheet) -> dict[Cell, Any]:
    """Every cell holding a value: (Excel row, column from 0) → the value read."""
    return {
        (r, sheet.first_col + c): v
        for r, row in enumerate(sheet.rows, 1)
        for c, v in enumerate(row)
        if v is not None and v != ""
    }
