"""Reading an edited rules workbook back into rules-file data, remembering each value's cell.

Columns and the table block's rows are found by their header or label (Chinese or English), so
columns may be moved and rows inserted. Every problem is collected with its sheet, row and
column (and that column's header) and reported together (``WorkbookProblems``);
``workbook.transfer`` turns the data into rules text and checks it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from csreport.fields import BUILTIN, Vocabulary
from csreport.messages import Bilingual, both, listed, translate
from csreport.problems import CsreportError
from csreport.rules.formula import parse
from csreport.rules.parse_kpi import bound
from csreport.rules.serialize import anchor_value, range_text, share_text
from csreport.rules.wording import field_name
from csreport.rules.workbook.layout import (
    BAND_KEYS,
    BLOCK,
    BLOCK_LABELS,
    CHOICES,
    COEF_LEVEL,
    COEF_MARKS,
    COEF_SHOWN,
    GRADE_COLS,
    KPI_COLS,
    KPI_KEYS,
    KPI_ORDER,
    KPI_REQUIRED,
    LEVEL_NAME,
    NAME_LABELS,
    OLD_MAIN,
    PROFILE_COLS,
    PROMOTION_COLS,
    SAMPLING_ERROR_TYPE,
    SAMPLING_HEAD,
    SAMPLING_LABELS,
    SAMPLING_SETTINGS,
    SAMPLING_STRATA_COLS,
    SAMPLING_STRATUM_SHOWN,
    SHEETS,
    VETO_WORD,
    Col,
)
from csreport.util.formula import FormulaError, spell

Rows = list[tuple[Any, ...]]
HEAD_SEARCH = 40  # rows searched for a table sheet's block labels and band header
# A table's own keys, in rules-file order (its id first, its KPIs after).
_TABLE_KEYS = ("name", "name_en", "applies_to", "total", "fail_if_total_le", "retrain_limit", "note")


# ---- where a value is, and what is wrong there ---------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A place in the workbook: a sheet, an Excel row (1-based) and a column index (0-based) with
    its header; no column for a whole row, no row (0) for a whole sheet."""

    sheet: str
    row: int = 0
    col: int | None = None
    header: Bilingual | None = None

    @property
    def letter(self) -> str | None:
        """The column's letter (F), None for a whole row or sheet."""
        return None if self.col is None else get_column_letter(self.col + 1)

    def words(self) -> Bilingual:
        """工作表「正式」第 7 行 F 列（下限）, in both languages."""
        if not self.row:
            return both("rules.wb_at_sheet", sheet=self.sheet)
        if self.col is None:
            return both("rules.wb_at_row", sheet=self.sheet, row=self.row)
        header = self.header or Bilingual("", "")
        letter = get_column_letter(self.col + 1)
        return both("rules.wb_at_cell", sheet=self.sheet, row=self.row, col=letter, header=header)


Problem = tuple[Cell | None, Bilingual]


class WorkbookProblems(CsreportError):
    """What is wrong in a rules workbook, each problem at its cell; shown one line per problem.

    ``refused`` says the workbook was being imported, so the message says nothing was.
    """

    def __init__(self, file: str, items: list[Problem], refused: bool = False) -> None:
        super().__init__("rules.wb_problems", file=file, n=len(items))
        self.file, self.items, self.refused = file, items, refused

    def lines(self, lang: str) -> list[str]:
        """Each problem as one line: the file, where in it, and what is wrong."""
        return [
            translate("rules.wb_problem", lang, file=self.file, where=cell.words(), why=why)
            if cell is not None
            else translate("rules.wb_problem_file", lang, file=self.file, why=why)
            for cell, why in self.items
        ]

    def message(self, lang: str = "zh") -> str:
        lines = self.lines(lang)
        if len(lines) == 1 and not self.refused:
            return lines[0]
        code = "rules.wb_problems"
        if self.refused:
            code = "rules.wb_refused" if len(lines) > 1 else "rules.wb_refused_one"
        return translate(code, lang, file=self.file, n=len(lines)) + "".join("\n  " + x for x in lines)


class _BadCell(ValueError):
    """A cell whose value cannot be used; ``problem`` says why in both languages."""

    def __init__(self, problem: Bilingual) -> None:
        super().__init__(problem.zh)
        self.problem = problem


class _Problems(list[Bilingual]):
    """Collects what ``parse_kpi.bound`` finds wrong with a bound, in both languages."""

    def add(self, path: Any, code: str, **params: Any) -> None:
        """Record the problem ``code`` (of the catalogue) with ``params``; the path is the cell's."""
        self.append(both(code, **params))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _short(value: Any) -> str:
    """A cell's value for a message: long text is cut, so the message stays one line."""
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def _choice(value: Any, kind: str) -> Any:
    for model, labels in CHOICES[kind].items():
        if _text(value).lower() in (str(model).lower(), labels.zh.lower(), labels.en.lower()):
            return model
    raise _BadCell(
        both("rules.wb_not_choice", value=_short(value), options=listed(CHOICES[kind].values(), "list.or"))
    )


def convert(value: Any, kind: str) -> Any:
    """A cell's value as the rules want it, None when blank; ``_BadCell`` says what is wrong."""
    if not _text(value):
        return None
    if kind in ("text", "formula", "field", "condition", "words"):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else _text(value)
    if kind in CHOICES:
        return _choice(value, kind)
    if kind == "points" and _text(value).lower() in (VETO_WORD.zh.lower(), VETO_WORD.en.lower()):
        return VETO
    if isinstance(value, str) and kind == "bound":
        problems = _Problems()
        x = bound(value, (), problems)
        if problems:
            raise _BadCell(problems[0])
        return x
    try:
        x = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        x = math.nan
    if isinstance(value, bool) or x != x:
        code = "rules.wb_not_points" if kind == "points" else "rules.wb_not_number"
        raise _BadCell(both(code, value=_short(value), veto=VETO_WORD))
    if kind == "int" and not x.is_integer():
        raise _BadCell(both("rules.wb_not_int", value=_short(value)))
    return int(x) if kind == "int" else x


class _Veto:
    """The 否决 written in a band's 得分 cell."""


VETO = _Veto()


# ---- formulas written with field names ---------------------------------------------------------


def formula_names(text: str, vocabulary: Vocabulary = BUILTIN) -> str:
    """A rules formula with the fields' Chinese names, as a reader edits it: ``回复人数 / 咨询人数``.

    The text as written when it cannot be read, or when the names would read back as another
    formula."""
    try:
        formula = parse(text, vocabulary)
        named = spell(formula, lambda i: field_name(i, vocabulary).zh).replace(" ÷ ", " / ")
        named = named.replace(" × ", " * ")
        same = spell(parse(named, vocabulary), str) == spell(formula, str)
    except (FormulaError, SyntaxError, ValueError):
        return text
    return named if same else text


def condition_names(text: str, vocabulary: Vocabulary = BUILTIN) -> str:
    """A veto condition with the fields' Chinese names: ``店铺风险数 > 0``."""
    m = re.match(r"^\s*(.+?)\s*(>=|<=|==|!=|>|<)\s*(\S+)\s*$", text)
    return f"{formula_names(m.group(1), vocabulary)} {m.group(2)} {m.group(3)}" if m else text


def field_names(text: str, vocabulary: Vocabulary = BUILTIN) -> str:
    """A field (a KPI's sample) by its Chinese name: ``抽查数``."""
    found = vocabulary.resolve(text)
    return found.zh if found is not None and vocabulary.resolve(found.zh) == found else text


SPELLERS: dict[str, Callable[[str, Vocabulary], str]] = {
    "formula": formula_names,
    "condition": condition_names,
    "field": field_names,
}


def restored(shown: Any, stored: Any, spell_of: Callable[[str], str]) -> Any:
    """A formula cell's value: the rules' own text (``stored``, a hidden column) while the shown
    cell still reads as export wrote it; the shown text once the reader changed it."""
    if stored is not None and (shown is None or shown == spell_of(stored)):
        return stored
    return shown


# ---- sheets -------------------------------------------------------------------------------------


class _Grid:
    """A sheet's rows below a header row, its columns found by header; bad cells are reported."""

    def __init__(self, name: str, rows: Rows, cols: Iterable[Col], head: int, found: list[Problem]) -> None:
        self.name, self.rows, self.head, self.found = name, rows, head, found
        self.spec = {c.key: c for c in cols}
        by_header = {h: c.key for c in self.spec.values() for h in c.head}
        cells = rows[head] if head < len(rows) else ()
        self.col: dict[str, int] = {}
        for i, value in enumerate(cells):
            key = by_header.get(_text(value))
            if key is not None and key not in self.col:
                self.col[key] = i
        self.bad: set[tuple[int, str]] = set()

    def missing(self, keys: Iterable[str]) -> None:
        """Report the columns of ``keys`` this sheet lacks, all in one problem."""
        lost = [k for k in keys if k in self.spec and k not in self.col]
        if lost:
            names = listed(both("rules.wb_column", name=self.spec[k].head) for k in lost)
            self.found.append(
                (Cell(self.name, self.head + 1), both("rules.wb_missing_columns", columns=names))
            )

    def cell(self, r: int, key: str) -> Cell:
        """The cell of column ``key`` in row index ``r`` (the row itself when the column is gone)."""
        c = self.col.get(key)
        spec = self.spec.get(key)
        return Cell(self.name, r + 1, c, self.head_of(key) if spec and c is not None else None)

    def head_of(self, key: str) -> Bilingual:
        """Column ``key``'s header as the sheet has it (a message names what the reader sees), or
        in both languages when the column is missing."""
        c = self.col.get(key)
        if c is None:
            return self.spec[key].head
        shown = _text(self.rows[self.head][c])
        return Bilingual(shown, shown)

    def raw(self, r: int, key: str) -> Any:
        c = self.col.get(key)
        row = self.rows[r]
        return row[c] if c is not None and c < len(row) else None

    def get(self, r: int, key: str, kind: str | None = None) -> Any:
        """The converted value of a cell, None when blank or bad (a bad one is reported once)."""
        if (r, key) in self.bad:
            return None
        try:
            return convert(self.raw(r, key), kind or self.spec[key].kind)
        except _BadCell as exc:
            self.bad.add((r, key))
            self.found.append((self.cell(r, key), exc.problem))
            return None

    def need(self, r: int, key: str, kind: str | None = None) -> Any:
        """Like ``get``, but a blank cell is reported too."""
        value = self.get(r, key, kind)
        if value is None and (r, key) not in self.bad and key in self.col:
            self.found.append((self.cell(r, key), both("rules.wb_blank", header=self.head_of(key))))
        return value

    def filled(self) -> list[int]:
        """Indexes of the rows below the header with something a reader writes (read-only words
        alone do not count)."""
        read = {i for k, i in self.col.items() if self.spec[k].role == "read"}
        return [
            r
            for r in range(self.head + 1, len(self.rows))
            if any(_text(v) for i, v in enumerate(self.rows[r]) if i not in read)
        ]


def _header_row(rows: Rows, cols: Iterable[Col], at_least: int = 3) -> int | None:
    """The first row (within ``HEAD_SEARCH``) holding at least ``at_least`` of the headers."""
    headers = {h for c in cols for h in c.head}
    for r, row in enumerate(rows[:HEAD_SEARCH]):
        if sum(_text(v) in headers for v in row) >= at_least:
            return r
    return None


def _block_rows(rows: Rows, stop: int) -> dict[str, int]:
    """Row index of each table-block label in column A above ``stop``."""
    by_label = {label: key for key, labels in BLOCK_LABELS.items() for label in labels}
    out: dict[str, int] = {}
    for r in range(min(stop, len(rows))):
        key = by_label.get(_text(rows[r][0] if rows[r] else None))
        if key is not None:
            out.setdefault(key, r)
    return out


def is_table_sheet(rows: Rows) -> bool:
    """True when a sheet holds a scoring table: its block's labels or the band header."""
    return _header_row(rows, KPI_COLS) is not None or bool(_block_rows(rows, HEAD_SEARCH))


# ---- the whole workbook -------------------------------------------------------------------------


class Reader:
    """Reads the sheets of a rules workbook into rules-file data.

    ``cells`` maps each rules-file key path (``tables[1].kpis[0].bands[2]``) to its cell and
    ``found`` collects the problems met.
    """

    def __init__(self, vocabulary: Vocabulary = BUILTIN) -> None:
        self.vocabulary = vocabulary
        self.cells: dict[str, Cell] = {}
        self.found: list[Problem] = []

    def shown_or_stored(self, grid: _Grid, r: int, key: str) -> Any:
        """A formula cell's value (see ``restored``); the hidden text alone when the shown column
        was deleted."""
        stored = grid.get(r, f"{key}_src")
        if key not in grid.col:
            return stored
        kind = grid.spec[key].kind
        return restored(grid.get(r, key), stored, lambda t: SPELLERS[kind](t, self.vocabulary))

    # -- 说明 ---------------------------------------------------------------------------------

    def names(self, sheet: str, rows: Rows) -> dict[str, Any]:
        """The rules' name and English name, beside their labels in column A."""
        out: dict[str, Any] = {}
        for r, row in enumerate(rows):
            label = _text(row[0] if row else None)
            for key, labels in NAME_LABELS.items():
                if label in labels and len(row) > 1:
                    try:
                        value = _month_text(row[1]) if key == "effective_from" else convert(row[1], "text")
                    except _BadCell:  # text is never bad
                        value = None
                    if value is not None:
                        out[key] = value
                        self.cells[key] = Cell(sheet, r + 1, 1, Bilingual(label, label))
        return out

    # -- a scoring table ----------------------------------------------------------------------

    def table(self, sheet: str, rows: Rows, index: int, used: set[str]) -> dict[str, Any]:
        """One scoring table from its sheet: the block above, then one row per band."""
        head = _header_row(rows, KPI_COLS)
        grid = _Grid(sheet, rows, KPI_COLS, len(rows) if head is None else head, self.found)
        if head is None:
            self.found.append((Cell(sheet), both("rules.wb_no_band_header")))
        else:
            grid.missing(KPI_REQUIRED)
            if "input" not in grid.col and "input_src" not in grid.col:
                grid.missing(("input",))
        path = f"tables[{index}]"
        table: dict[str, Any] = {}
        labels = _block_rows(rows, grid.head)
        for key in ("name", "total"):
            if key not in labels:
                self.found.append((Cell(sheet), both("rules.wb_missing_label", label=BLOCK_LABELS[key])))
        for key, r in labels.items():
            yaml_key, kind = BLOCK[key]
            label = _text(rows[r][0])
            where = Cell(sheet, r + 1, 1, Bilingual(label, label))
            self.cells[f"{path}.{yaml_key}"] = where
            try:
                value = convert(rows[r][1] if len(rows[r]) > 1 else None, kind)
            except _BadCell as exc:
                self.found.append((where, exc.problem))
                continue
            if value is None and key in ("name", "total"):
                self.found.append((where, both("rules.wb_blank", header=where.header)))
            elif value is not None and key == "applies_to":
                table[yaml_key] = self._applies(value, where)
            elif value is not None:
                table[yaml_key] = value
        self.cells[path] = self.cells.get(f"{path}.name", Cell(sheet))
        self.cells.setdefault("tables", self.cells.get(f"{path}.applies_to", self.cells[path]))
        table_id = table.get("id")
        if table_id is None or table_id in used:  # a sheet copied to make a new table
            table_id = _fresh(str(table_id or "table"), used)
        used.add(table_id)
        kpis = self._kpis(grid, path) if head is not None else []
        return {
            "id": table_id,
            **{k: table[k] for k in _TABLE_KEYS if k in table},
            "kpis": kpis,
        }

    def _applies(self, text: str, where: Cell) -> dict[str, str]:
        pairs = [p.replace("＝", "=").partition("=") for p in re.split(r"[;；\n]", text) if p.strip()]
        if any(not eq or not k.strip() for k, eq, _ in pairs):
            self.found.append((where, both("rules.wb_applies", text=_short(text))))
        return {k.strip(): v.strip() for k, _, v in pairs}

    def _kpis(self, grid: _Grid, path: str) -> list[dict[str, Any]]:
        """The table's KPIs: a row with a new id, or a new name and no id, starts one (a KPI a
        reader added gets an id of its own); any other row belongs to the KPI above it."""
        kpis: dict[str, dict[str, Any]] = {}
        current: dict[str, Any] | None = None
        rows = grid.filled()
        taken = {x for r in rows if (x := grid.get(r, "id")) is not None}
        for r in rows:
            kpi_id, name = grid.get(r, "id"), grid.get(r, "name")
            name_en = grid.get(r, "name_en")
            if kpi_id is not None and kpi_id in kpis:
                current = kpis[kpi_id]  # the rows of one KPI, perhaps after another's
            elif (
                kpi_id is not None
                or current is None
                or (name is not None and name != current.get("name"))
                or (name_en is not None and name_en != current.get("name_en"))
            ):
                kpi_id = kpi_id if kpi_id is not None else _fresh("kpi", taken | set(kpis))
                current = kpis[kpi_id] = {"id": kpi_id, "_path": f"{path}.kpis[{len(kpis)}]"}
                self._kpi_first_row(grid, r, current)
            self._kpi_row(grid, r, current)
        return [self._finish(k) for k in kpis.values()]

    def _kpi_first_row(self, grid: _Grid, r: int, kpi: dict[str, Any]) -> None:
        # The KPI is named by its name in the sheet's first name column (the reader's language).
        named = sorted((c, k) for k, c in grid.col.items() if k in ("name", "name_en"))
        where = grid.cell(r, named[0][1]) if named else Cell(grid.name, r + 1)
        self.cells[kpi["_path"]] = where
        self.cells[kpi["_path"] + ".bands"] = where
        for key in ("name", "weight", "unit"):
            grid.need(r, key)
        value = self.shown_or_stored(grid, r, "input")
        if value is None:
            grid.need(r, "input")
        else:
            kpi["input"] = value
        self.cells[kpi["_path"] + ".input"] = grid.cell(r, "input")

    def _kpi_row(self, grid: _Grid, r: int, kpi: dict[str, Any]) -> None:
        path = kpi["_path"]
        for key in KPI_KEYS:
            value = grid.get(r, key)
            if value is None:
                continue
            if key in kpi and kpi[key] != value:
                first = kpi["_cells"][key]
                problem = both("rules.wb_inconsistent", row=first.row, header=grid.head_of(key))
                self.found.append((grid.cell(r, key), problem))
                continue
            kpi[key] = value
            kpi.setdefault("_cells", {})[key] = self.cells[f"{path}.{key}"] = grid.cell(r, key)
        for i in (1, 2):
            for key in (f"anchor{i}", f"anchor{i}_points"):
                if (value := grid.get(r, key)) is not None:
                    kpi[key] = value
            self.cells[f"{path}.anchors[{i - 1}]"] = grid.cell(r, f"anchor{i}")
        self.cells[f"{path}.anchors"] = grid.cell(r, "anchor1")
        sample = self.shown_or_stored(grid, r, "sample")
        if sample is not None:
            kpi["sample"] = sample
            self.cells[f"{path}.sample"] = grid.cell(r, "sample")
        when = self.shown_or_stored(grid, r, "when")
        veto, veto_en = grid.get(r, "veto"), grid.get(r, "veto_en")
        if when is not None:
            items = kpi.setdefault("vetoes", [])
            self.cells[f"{path}.vetoes[{len(items)}]"] = self.cells[f"{path}.vetoes[{len(items)}].when"] = (
                grid.cell(r, "when")
            )
            reasons = {"reason": veto, "reason_en": veto_en}
            items.append({"when": when, **{k: v for k, v in reasons.items() if v is not None}})
        elif any(grid.raw(r, k) is not None and _text(grid.raw(r, k)) for k in BAND_KEYS):
            items = kpi.setdefault("bands", [])
            band_path = f"{path}.bands[{len(items)}]"
            band = self._band(grid, r)
            at = "written" if "range" not in band else "low"
            for suffix, key in (
                ("", at),
                (".range", at),
                (".points", "points"),
                (".written", "written"),
                (".veto", "veto"),
            ):
                self.cells[band_path + suffix] = grid.cell(r, key)
            items.append(band)

    def _band(self, grid: _Grid, r: int) -> dict[str, Any]:
        low, high, written = grid.get(r, "low"), grid.get(r, "high"), grid.get(r, "written")
        low_incl, high_incl = grid.get(r, "low_incl"), grid.get(r, "high_incl")
        band: dict[str, Any] = {}
        if low is None and high is None and low_incl is None and high_incl is None and written is not None:
            band["written"] = written  # bounds from the wording, as in a literal transcription
        else:
            ends: list[Any] = []
            for key, x, incl, unbounded in (
                ("low", low, low_incl, -math.inf),
                ("high", high, high_incl, math.inf),
            ):
                if incl is None and x is not None and math.isfinite(x) and (r, f"{key}_incl") not in grid.bad:
                    self.found.append(
                        (grid.cell(r, f"{key}_incl"), both("rules.wb_incl", bound=grid.head_of(key)))
                    )
                ends += [unbounded if x is None else x, bool(incl) and x is not None]
            band["range"] = tuple(ends)  # made text once the KPI's unit is known
            if written is not None:
                band["written"] = written
        points, veto, veto_en = grid.get(r, "points"), grid.get(r, "veto"), grid.get(r, "veto_en")
        if points is VETO or (points is None and (veto is not None or veto_en is not None)):
            band["veto"] = veto or ""
            if veto_en is not None:
                band["veto_en"] = veto_en
        elif points is not None and (veto is not None or veto_en is not None):
            key = "veto" if veto is not None else "veto_en"
            self.found.append((grid.cell(r, key), both("rules.wb_veto_with_points", veto=VETO_WORD)))
        elif points is None:
            if (r, "points") not in grid.bad:
                self.found.append(
                    (
                        grid.cell(r, "points"),
                        both("rules.wb_no_points", header=grid.head_of("points"), veto=VETO_WORD),
                    )
                )
        else:
            band["points"] = points
        if (label := grid.get(r, "label")) is not None:
            band["label"] = label
        return band

    def _finish(self, kpi: dict[str, Any]) -> dict[str, Any]:
        """Bands' interval text and the anchors in the KPI's unit, keys in rules-file order."""
        unit = kpi.get("unit", "count")
        for band in kpi.get("bands", []):
            if "range" in band:
                low, low_incl, high, high_incl = band["range"]
                band["range"] = range_text(low, low_incl, high, high_incl, unit)
        anchors = []
        for i in (1, 2):
            value, points = kpi.pop(f"anchor{i}", None), kpi.pop(f"anchor{i}_points", None)
            if value is not None or points is not None:
                anchors.append(
                    {"value": None if value is None else anchor_value(value, unit), "points": points}
                )
        if anchors:
            kpi["anchors"] = [{k: v for k, v in a.items() if v is not None} for a in anchors]
        return {k: kpi[k] for k in KPI_ORDER if k in kpi}

    # -- 等级, 系数, 级别, 权重方案 ---------------------------------------------------------------

    def grades(self, sheet: str, rows: Rows) -> dict[str, Any]:
        grid = _Grid(sheet, rows, GRADE_COLS, 0, self.found)
        grid.missing(("name", "min"))
        grades: list[dict[str, Any]] = []
        out: dict[str, Any] = {"grades": grades}
        for r in grid.filled():
            name, kind = grid.need(r, "name"), grid.get(r, "kind")
            if kind == "fail":
                if "fail_grade" in out:
                    self.found.append(
                        (grid.cell(r, "kind"), both("rules.wb_two_fail", fail=CHOICES["grade_kind"]["fail"]))
                    )
                out["fail_grade"] = name
                continue
            relative = kind == "relative" or (kind is None and _text(grid.raw(r, "min")).endswith("%"))
            value = grid.need(r, "min", "bound" if relative else "num")
            self.cells[f"grades[{len(grades)}]"] = self.cells[f"grades[{len(grades)}].min"] = grid.cell(
                r, "min"
            )
            self.cells.setdefault("grades", grid.cell(r, "min"))
            if value is None:
                continue
            grades.append(
                {
                    "name": name,
                    "min": share_text(value) if relative else value,
                    "label": grid.get(r, "label") or "",
                }
            )
        return out

    def levels(self, sheet: str, rows: Rows) -> list[dict[str, Any]]:
        grid = _Grid(sheet, rows, LEVEL_NAME, 0, self.found)
        grid.missing(("name",))
        head = [_text(v) for v in (rows[0] if rows else ())]
        named = set(grid.col.values())
        levels = []
        for r in grid.filled():
            name = grid.need(r, "name")
            if name is None:
                continue
            level: dict[str, Any] = {"name": name}
            if (name_en := grid.get(r, "name_en")) is not None:
                level["name_en"] = name_en
            benefits = {}
            for c in range(len(head)):
                if c in named or not head[c]:
                    continue
                value = convert(rows[r][c] if c < len(rows[r]) else None, "text")
                if value is not None:
                    benefits[head[c]] = value
            if benefits:
                level["benefits"] = benefits
            levels.append(level)
        return levels

    def coefficients(self, sheet: str, rows: Rows) -> dict[str, dict[str, float]]:
        head = [_text(v) for v in (rows[0] if rows else ())]
        key_col = next((c for c, h in enumerate(head) if h in COEF_MARKS), None)
        if key_col is None:
            names = listed(both("rules.wb_column", name=COEF_LEVEL.head) for _ in (0,))
            self.found.append((Cell(sheet, 1), both("rules.wb_missing_columns", columns=names)))
            return {}
        skip = {key_col} | {c for c, h in enumerate(head) if h in COEF_SHOWN.head}
        out: dict[str, dict[str, float]] = {}
        first: dict[str, int] = {}
        for r in range(1, len(rows)):
            row = rows[r]
            level = _text(row[key_col] if key_col < len(row) else None)
            if not level:
                continue
            if level in out:
                problem = both("rules.wb_coef_twice", level=_short(level), row=first[level])
                corner = Bilingual(head[key_col], head[key_col])
                self.found.append((Cell(sheet, r + 1, key_col, corner), problem))
                continue
            first[level] = r + 1
            values = out[level] = {}
            for c in range(len(head)):
                if c in skip or not head[c]:
                    continue
                where = Cell(sheet, r + 1, c, Bilingual(head[c], head[c]))
                try:
                    value = convert(row[c] if c < len(row) else None, "num")
                except _BadCell as exc:
                    self.found.append((where, exc.problem))
                    continue
                if value is not None:
                    values[head[c]] = value
                    self.cells[f"coefficients.{level}.{head[c]}"] = where
        return out

    def profiles(self, sheet: str, rows: Rows, tables: list[dict[str, Any]]) -> dict[str, Any]:
        grid = _Grid(sheet, rows, PROFILE_COLS, 0, self.found)
        grid.missing(("name", "weight"))
        profiles: dict[str, dict[str, Any]] = {}
        for r in grid.filled():
            name = grid.need(r, "name")
            if name is None:
                continue
            path = f"profiles.{name}"
            profile = profiles.setdefault(name, {"weights": {}})
            self.cells.setdefault(path, grid.cell(r, "name"))
            for key in ("name_en", "note"):
                value = grid.get(r, key)
                if value is None:
                    continue
                if profile.setdefault(key, value) != value:
                    problem = both(
                        "rules.wb_inconsistent", row=profile["_rows"][key], header=grid.spec[key].head
                    )
                    self.found.append((grid.cell(r, key), problem))
                profile.setdefault("_rows", {}).setdefault(key, r + 1)
            ids = self._profile_kpi(grid, r, tables)
            if ids is None:
                continue
            weight = grid.need(r, "weight")
            if weight is not None:
                profile["weights"].setdefault(ids[0], {})[ids[1]] = weight
                self.cells[f"{path}.weights.{ids[0]}.{ids[1]}"] = grid.cell(r, "weight")
        return {
            name: {
                **({"name_en": p["name_en"]} if "name_en" in p else {}),
                **({"note": p["note"]} if "note" in p else {}),
                "weights": p["weights"],
            }
            for name, p in profiles.items()
        }

    def promotion(self, sheet: str, rows: Rows) -> dict[str, Any] | None:
        """The ``promotion:`` block: one row per move, each condition in its column (blank ones
        are not set); None when no row is filled."""
        grid = _Grid(sheet, rows, PROMOTION_COLS, 0, self.found)
        grid.missing(("way",))
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for r in grid.filled():
            way = grid.need(r, "way")
            if way is None:
                continue
            where = grid.cell(r, "way")
            if way in out:
                problem = both("rules.wb_way_twice", way=CHOICES["way"][way], row=first[way])
                self.found.append((where, problem))
                continue
            first[way] = r + 1
            self.cells.setdefault("promotion", where)
            self.cells[f"promotion.{way}"] = where
            rule: dict[str, Any] = {}
            for col in PROMOTION_COLS:
                if col.role == "read" or col.key == "way":
                    continue
                self.cells[f"promotion.{way}.{col.key}"] = grid.cell(r, col.key)
                value = grid.get(r, col.key)
                if value is not None:
                    rule[col.key] = value
            out[way] = rule
        return {way: out[way] for way in ("up", "down") if way in out} or None

    # -- 抽样规则 ------------------------------------------------------------------------------

    def sampling(self, sheet: str, rows: Rows) -> dict[str, Any]:
        """The ``sampling:`` block: the settings beside their labels, each stratum's share and top-up
        order, the error types; a blank setting (or a part of the sheet deleted) is left out, so the
        loader gives it the standard's value."""
        strata_head = _header_row(rows, (*SAMPLING_STRATA_COLS, SAMPLING_STRATUM_SHOWN), at_least=2)
        types_head = next(
            (r for r, row in enumerate(rows) if row and _text(row[0]) in SAMPLING_ERROR_TYPE.head), None
        )
        ends = [r for r in (strata_head, types_head) if r is not None]
        settings_head = _header_row(rows, SAMPLING_HEAD, at_least=2)
        self.cells["sampling"] = Cell(sheet)
        out = self._sampling_settings(sheet, rows, settings_head or 0, min(ends, default=len(rows)))
        if strata_head is not None:
            end = types_head if types_head is not None and types_head > strata_head else len(rows)
            out.update(self._sampling_strata(sheet, rows[:end], strata_head))
        if types_head is not None:
            types: list[str] = []
            for r in range(types_head + 1, len(rows)):
                if strata_head is not None and types_head < strata_head <= r:
                    break
                value = convert(rows[r][0] if rows[r] else None, "text")
                if value is not None:
                    self.cells[f"sampling.error_types[{len(types)}]"] = Cell(
                        sheet, r + 1, 0, SAMPLING_ERROR_TYPE.head
                    )
                    types.append(value)
            self.cells["sampling.error_types"] = Cell(sheet, types_head + 1, 0, SAMPLING_ERROR_TYPE.head)
            out["error_types"] = types
        order = ("per_agent", "mix", "unrated", "shortfall", "eligible", "error_types")
        return {key: out[key] for key in order if key in out}

    def _sampling_settings(self, sheet: str, rows: Rows, start: int, stop: int) -> dict[str, Any]:
        """The settings, each found by its label in column A, its value in column B."""
        by_label = {label: key for key, labels in SAMPLING_LABELS.items() for label in labels}
        found: dict[str, tuple[Any, Cell]] = {}
        first: dict[str, int] = {}
        for r in range(start, min(stop, len(rows))):
            row = rows[r]
            label = _text(row[0] if row else None)
            key = by_label.get(label)
            if key is None:
                continue
            where = Cell(sheet, r + 1, 1, Bilingual(label, label))
            if key in first:
                problem = both("rules.wb_sampling_twice", label=label, row=first[key])
                self.found.append((Cell(sheet, r + 1, 0, Bilingual(label, label)), problem))
                continue
            first[key] = r + 1
            try:
                value = convert(row[1] if len(row) > 1 else None, SAMPLING_SETTINGS[key])
            except _BadCell as exc:
                self.found.append((where, exc.problem))
                continue
            if value is not None:
                found[key] = (value, where)
        out: dict[str, Any] = {}
        paths = {"rate": "rate", "of": "of", "min": "min", "max": "max"}
        if "fixed" in found:
            fixed, where = found["fixed"]
            self.cells["sampling.per_agent"] = where
            for key in paths:
                if key in found:
                    self.found.append((found[key][1], both("rules.wb_sampling_fixed_with", fixed=fixed)))
            out["per_agent"] = fixed
        else:
            per_agent: dict[str, Any] = {}
            for key in paths:
                if key in found:
                    value, where = found[key]
                    per_agent[key] = share_text(value) if key == "rate" else value
                    self.cells[f"sampling.per_agent.{key}"] = where
                    self.cells.setdefault("sampling.per_agent", where)
            if per_agent:
                out["per_agent"] = per_agent
        if "unrated" in found:
            out["unrated"], self.cells["sampling.unrated"] = found["unrated"]
        if "min_messages" in found:
            least, where = found["min_messages"]
            out["eligible"] = {"min_messages": least}
            self.cells["sampling.eligible"] = self.cells["sampling.eligible.min_messages"] = where
        return out

    def _sampling_strata(self, sheet: str, rows: Rows, head: int) -> dict[str, Any]:
        """Each stratum's share (the mix, in row order) and place in the top-up order."""
        grid = _Grid(sheet, rows, (*SAMPLING_STRATA_COLS, SAMPLING_STRATUM_SHOWN), head, self.found)
        grid.missing(("stratum", "share"))
        mix: dict[str, str] = {}
        orders: dict[int, tuple[int, str]] = {}
        first: dict[str, int] = {}
        for r in grid.filled():
            stratum = grid.need(r, "stratum")
            share, order = grid.get(r, "share"), grid.get(r, "order")
            if stratum is None:
                continue
            if stratum in first:
                problem = both("rules.wb_sampling_stratum_twice", stratum=stratum, row=first[stratum])
                self.found.append((grid.cell(r, "stratum"), problem))
                continue
            first[stratum] = r + 1
            if share is not None:
                mix[stratum] = share_text(share)
                self.cells[f"sampling.mix.{stratum}"] = grid.cell(r, "share")
            if order is not None:
                if order in orders:
                    problem = both("rules.wb_sampling_order_twice", n=order, row=orders[order][0] + 1)
                    self.found.append((grid.cell(r, "order"), problem))
                    continue
                orders[order] = (r, stratum)
        self.cells["sampling.mix"] = grid.cell(head, "share")
        self.cells["sampling.shortfall"] = grid.cell(head, "order")
        if not mix and "share" in grid.col:
            self.found.append((grid.cell(head, "share"), both("rules.wb_sampling_no_share")))
        shortfall = []
        for i, n in enumerate(sorted(orders)):
            r, stratum = orders[n]
            self.cells[f"sampling.shortfall[{i}]"] = grid.cell(r, "order")
            shortfall.append(stratum)
        return {"mix": mix, "shortfall": shortfall}

    def _profile_kpi(self, grid: _Grid, r: int, tables: list[dict[str, Any]]) -> tuple[str, str] | None:
        """The (table id, KPI id) a profile row re-weights: from its hidden ids, or its names."""
        table_id, kpi_id = grid.get(r, "table_id"), grid.get(r, "kpi_id")
        table_name, kpi_name = grid.get(r, "table"), grid.get(r, "kpi")
        if table_id is not None and kpi_id is not None:
            return str(table_id), str(kpi_id)
        if table_name is None and kpi_name is None:
            return None  # the profile's own row: its name, English name and note only
        table = next((t for t in tables if table_name in (t.get("name"), t.get("name_en"))), None)
        if table is None:
            grid.need(r, "table")
            if table_name is not None:
                self.found.append((grid.cell(r, "table"), both("rules.wb_no_table", name=_short(table_name))))
            return None
        kpi = next((k for k in table["kpis"] if kpi_name in (k.get("name"), k.get("name_en"))), None)
        if kpi is None:
            grid.need(r, "kpi")
            if kpi_name is not None:
                problem = both("rules.wb_no_kpi", name=_short(kpi_name), table=_short(table_name))
                self.found.append((grid.cell(r, "kpi"), problem))
            return None
        return str(table["id"]), str(kpi["id"])

    # -- everything ----------------------------------------------------------------------------

    def read(self, sheets: list[tuple[str, Rows]]) -> dict[str, Any]:
        """Rules-file data from every sheet, in rules-file order."""
        by_key = {
            key: next(((n, rows) for n, rows in sheets if n in names), None) for key, names in SHEETS.items()
        }
        fixed = {n for found in by_key.values() if found for n in (found[0],)}
        data: dict[str, Any] = {}
        if by_key["help"]:
            data.update(self.names(*by_key["help"]))
        used: set[str] = set()
        tables = [
            self.table(name, rows, i, used)
            for i, (name, rows) in enumerate(
                (n, rows) for n, rows in sheets if n not in fixed and is_table_sheet(rows)
            )
        ]
        if not tables and any(n in OLD_MAIN for n, _ in sheets):
            self.found.append((None, both("rules.wb_old_layout")))
            return data  # its other sheets are of that layout too: nothing more to say
        if not tables:  # not a rules workbook at all: nothing else is worth saying
            self.found.append((None, both("rules.wb_no_tables")))
            return data
        data["tables"] = tables
        if by_key["grades"] is None:
            self.found.append((None, both("rules.wb_missing_sheet", sheet=_sheet_name("grades"))))
        else:
            data.update(self.grades(*by_key["grades"]))
        if by_key["levels"]:
            data["levels"] = self.levels(*by_key["levels"])
        if by_key["coefficients"]:
            data["coefficients"] = self.coefficients(*by_key["coefficients"])
        if by_key["promotion"] and (promotion := self.promotion(*by_key["promotion"])) is not None:
            data["promotion"] = promotion
        if by_key["sampling"]:
            data["sampling"] = self.sampling(*by_key["sampling"])
        if by_key["profiles"]:
            data["profiles"] = self.profiles(*by_key["profiles"], tables)
        return data


def _month_text(value: Any) -> str | None:
    """The 生效月份 cell: ``2026-07`` as typed; a date (Excel turns a typed 2026-07 into the 1st of
    that month) as its month. Any other day of a month stays a date, which the loader refuses."""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"{day.year:04d}-{day.month:02d}" if day.day == 1 else day.isoformat()
    text: str | None = convert(value, "text")
    return text


def _sheet_name(key: str) -> Bilingual:
    names = SHEETS[key]
    return both("rules.wb_sheet_name", zh=names.zh, en=names.en)


def _fresh(base: str, used: set[str]) -> str:
    """``base`` with the first number that makes it unused: kpi1, probation2."""
    n = 1
    while f"{base}{n}" in used:
        n += 1
    return f"{base}{n}"
