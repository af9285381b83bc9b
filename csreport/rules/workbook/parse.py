"""Reading an edited rules workbook: cell values, sheets found by header, and rows into rules data.

Headers are matched by name (Chinese or English), so columns may be moved; a bad cell is
reported as ``rules.invalid`` naming its sheet and cell. ``workbook.transfer`` assembles the result.
"""

from __future__ import annotations

import math
import re
from typing import Any, NoReturn

from openpyxl.utils import get_column_letter

from csreport.messages import Bilingual, both, listed
from csreport.problems import CsreportError
from csreport.rules.parse_kpi import bound
from csreport.rules.serialize import anchor_value, range_text, share_text
from csreport.rules.workbook.layout import (
    BAND_KEYS,
    CHOICES,
    COEF_MARKS,
    KPI_KEYS,
    KPI_ORDER,
    REQUIRED,
    TABLE_KEYS,
    Col,
)

# ---- reading cells ----------------------------------------------------------------------------


class _Problems(list[Bilingual]):
    """Collects what ``parse_kpi.bound`` finds wrong with a bound, in both languages."""

    def add(self, path: Any, code: str, **params: Any) -> None:
        """Record the problem ``code`` (of the catalogue) with ``params``; the path is the cell's."""
        self.append(both(code, **params))


class _BadCell(ValueError):
    """A cell whose value cannot be used; ``problem`` says why in both languages."""

    def __init__(self, problem: Bilingual) -> None:
        super().__init__(problem.zh)
        self.problem = problem


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _convert(value: Any, kind: str) -> Any:
    """A cell's value as the rules want it, None when blank; ``_BadCell`` says what is wrong."""
    if not _text(value):
        return None
    if kind == "text":
        return str(int(value)) if isinstance(value, float) and value.is_integer() else _text(value)
    if kind in CHOICES:
        for model, labels in CHOICES[kind].items():
            if _text(value).lower() in (str(model).lower(), labels[0].lower(), labels[1].lower()):
                return model
        raise _BadCell(
            both(
                "rules.wb_not_choice",
                value=_short(value),
                options=listed((Bilingual(zh, en) for zh, en in CHOICES[kind].values()), "list.or"),
            )
        )
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
        raise _BadCell(both("rules.wb_not_number", value=_short(value)))
    if kind == "int" and not x.is_integer():
        raise _BadCell(both("rules.wb_not_int", value=_short(value)))
    return int(x) if kind == "int" else x


def _short(value: Any) -> str:
    """A cell's value for a message: long text is cut, so the message stays one line."""
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def _fail(file: str, where: tuple[str, int, int | None], problem: Bilingual) -> NoReturn:
    sheet, row, col = where
    cell = f"{sheet}!{get_column_letter(col + 1)}{row}" if col is not None else sheet
    raise CsreportError("rules.invalid", file=file, line=row, path=cell, why=problem)


class _Sheet:
    """One sheet's rows, with its columns found by header so that an error names its cell."""

    def __init__(self, file: str, name: str, rows: list[tuple[Any, ...]], cols: tuple[Col, ...] = ()) -> None:
        self.file, self.name, self.rows = file, name, rows
        by_header = {h: key for key, zh, en, *_ in cols for h in (zh, en)}
        head = rows[0] if rows else ()
        self.col = {by_header[h]: i for i, cell in enumerate(head) if (h := _text(cell)) in by_header}
        self.kind = {key: kind for key, *_, kind in cols}
        self.head = {key: zh for key, zh, *_ in cols}
        self.head_en = {key: en for key, _, en, *_ in cols}
        missing = [k for k in REQUIRED if k in self.head and k not in self.col]
        if missing:
            _fail(
                file,
                (name, 1, None),
                both(
                    "rules.wb_missing_columns",
                    columns=listed(
                        both("rules.wb_column", name=Bilingual(self.head[k], self.head_en[k]))
                        for k in missing
                    ),
                ),
            )

    def at(self, r: int, key: str | int) -> tuple[str, int, int]:
        """Sheet, Excel row and column index of column ``key`` in row index ``r``."""
        return self.name, r + 1, self.col.get(key, 0) if isinstance(key, str) else key

    def fail(self, r: int, key: str | int, problem: Bilingual) -> NoReturn:
        _fail(self.file, self.at(r, key), problem)

    def get(self, r: int, key: str | int, kind: str | None = None) -> Any:
        """The converted value of a cell, by column key or index; a bad value is an error."""
        c = self.col.get(key) if isinstance(key, str) else key
        raw = self.rows[r][c] if c is not None and c < len(self.rows[r]) else None
        try:
            return _convert(raw, kind or self.kind.get(str(key), "text"))
        except _BadCell as exc:
            self.fail(r, key, exc.problem)

    def need(self, r: int, key: str, kind: str | None = None) -> Any:
        """Like ``get``, but a blank cell is an error."""
        value = self.get(r, key, kind)
        if value is None:
            self.fail(
                r,
                key,
                both("rules.wb_blank", header=Bilingual(self.head.get(key, key), self.head_en.get(key, key))),
            )
        return value

    def filled(self) -> list[int]:
        """Indexes of the rows below the header that are not blank."""
        return [r for r in range(1, len(self.rows)) if any(_text(v) for v in self.rows[r])]

    def copy(self, r: int, target: dict[str, Any], keys: dict[str, str], cells: dict[str, Any]) -> None:
        """Take the row's filled attribute cells; a value unlike an earlier row's is an error."""
        for key, yaml_key in keys.items():
            value = self.get(r, key)
            if value is None:
                continue
            if key == "applies_to":
                value = self._applies(r, value)
            path = f"{target['_path']}.{yaml_key}"
            if yaml_key in target and target[yaml_key] != value:
                self.fail(
                    r,
                    key,
                    both(
                        "rules.wb_inconsistent",
                        row=cells[path][1],
                        header=Bilingual(self.head[key], self.head_en[key]),
                    ),
                )
            target[yaml_key] = value
            cells[path] = self.at(r, key)

    def _applies(self, r: int, text: str) -> dict[str, str]:
        pairs = [p.replace("＝", "=").partition("=") for p in re.split(r"[;；\n]", text) if p.strip()]
        if any(not eq for _, eq, _ in pairs):
            self.fail(r, "applies_to", both("rules.wb_applies", text=_short(text)))
        return {k.strip(): v.strip() for k, _, v in pairs}


# ---- rows into rules data ---------------------------------------------------------------------


def _row_type(sh: _Sheet, r: int) -> str:
    """The row's 行类型, guessed from what is filled in when left blank."""
    kind = sh.get(r, "row_type")
    if kind is None and sh.get(r, "when") is not None:
        return "veto"
    if kind is None and any(sh.get(r, k) is not None for k in BAND_KEYS):
        return "band"
    return kind or ("kpi" if sh.get(r, "id") is not None else "table")


def _read_main(sh: _Sheet, cells: dict[str, Any]) -> list[dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    kpis: dict[tuple[str, str], dict[str, Any]] = {}
    for r in sh.filled():
        table_id = sh.need(r, "table_id")
        table = tables.get(table_id)
        if table is None:
            table = tables[table_id] = {"id": table_id, "_path": f"tables[{len(tables)}]", "kpis": []}
            cells[table["_path"]] = sh.at(r, "table_id")
        sh.copy(r, table, TABLE_KEYS, cells)
        kind = _row_type(sh, r)
        if kind == "table":
            continue
        kpi_id = sh.need(r, "id")
        kpi = kpis.get((table_id, kpi_id))
        if kpi is None:
            path = f"{table['_path']}.kpis[{len(table['kpis'])}]"
            kpi = kpis[(table_id, kpi_id)] = {"id": kpi_id, "_path": path}
            table["kpis"].append(kpi)
            cells[kpi["_path"]] = sh.at(r, "id")
        sh.copy(r, kpi, KPI_KEYS, cells)
        if kind == "veto":
            items = kpi.setdefault("vetoes", [])
            cells[f"{kpi['_path']}.vetoes[{len(items)}]"] = sh.at(r, "when")
            reasons = (("reason", sh.get(r, "veto")), ("reason_en", sh.get(r, "veto_en")))
            items.append({"when": sh.need(r, "when"), **{k: v for k, v in reasons if v is not None}})
        elif kind == "band":
            items = kpi.setdefault("bands", [])
            path = f"{kpi['_path']}.bands[{len(items)}]"
            for suffix, key in (
                ("", "low"),
                (".range", "low"),
                (".points", "points"),
                (".written", "written"),
                (".veto", "veto"),
            ):
                cells[path + suffix] = sh.at(r, key)
            items.append(_band(sh, r))
    return [
        {**{k: v for k, v in t.items() if k != "_path"}, "kpis": [_finish_kpi(k) for k in t["kpis"]]}
        for t in tables.values()
    ]


def _band(sh: _Sheet, r: int) -> dict[str, Any]:
    low, high, written = sh.get(r, "low"), sh.get(r, "high"), sh.get(r, "written")
    band: dict[str, Any] = {}
    if low is None and high is None and written is not None:
        band["written"] = written  # bounds come from the wording, as in a literal transcription
    else:
        ends: list[Any] = []
        for key, x, unbounded in (("low", low, -math.inf), ("high", high, math.inf)):
            incl = sh.get(r, f"{key}_incl")
            if incl is None and x is not None and math.isfinite(x):
                sh.fail(
                    r,
                    f"{key}_incl",
                    both("rules.wb_incl", header=Bilingual(sh.head[key], sh.head_en[key].lower())),
                )
            ends += [unbounded if x is None else x, bool(incl)]
        band["range"] = tuple(ends)  # made text once the KPI's unit is known
        if written is not None:
            band["written"] = written
    veto, veto_en = sh.get(r, "veto"), sh.get(r, "veto_en")
    if (sh.get(r, "result") or ("veto" if veto is not None else "points")) == "veto":
        band["veto"] = veto or ""
        if veto_en is not None:
            band["veto_en"] = veto_en
    elif veto is not None:
        sh.fail(r, "veto", both("rules.wb_veto_with_points"))
    else:
        band["points"] = sh.need(r, "points")
    if (label := sh.get(r, "label")) is not None:
        band["label"] = label
    return band


def _finish_kpi(kpi: dict[str, Any]) -> dict[str, Any]:
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
            anchors.append({"value": None if value is None else anchor_value(value, unit), "points": points})
    if anchors:
        kpi["anchors"] = [{k: v for k, v in a.items() if v is not None} for a in anchors]
    return {k: kpi[k] for k in KPI_ORDER if k in kpi}


def _read_grades(sh: _Sheet, cells: dict[str, Any]) -> dict[str, Any]:
    grades: list[dict[str, Any]] = []
    out: dict[str, Any] = {"grades": grades}
    for r in sh.filled():
        name, kind = sh.need(r, "name"), sh.get(r, "kind")
        if kind == "fail":
            if "fail_grade" in out:
                sh.fail(r, "kind", both("rules.wb_two_fail"))
            out["fail_grade"] = name
            continue
        relative = kind == "relative" or (kind is None and str(sh.get(r, "min", "text")).endswith("%"))
        value = sh.need(r, "min", "bound" if relative else "num")
        cells[f"grades[{len(grades)}]"] = sh.at(r, "min")
        grades.append(
            {"name": name, "min": share_text(value) if relative else value, "label": sh.get(r, "label") or ""}
        )
    return out


def _read_levels(sh: _Sheet, cells: dict[str, Any]) -> dict[str, Any]:
    mark = next((r for r in range(len(sh.rows)) if _text(sh.get(r, 0)) in COEF_MARKS), len(sh.rows))
    head = [_text(v) for v in (sh.rows[0] if sh.rows else ())]
    levels = []
    for r in range(1, mark):
        name = sh.get(r, 0)
        if name is None:
            continue
        level: dict[str, Any] = {"name": name}
        if (name_en := sh.get(r, 1)) is not None:
            level["name_en"] = name_en
        benefits = {head[c]: v for c in range(2, len(head)) if head[c] and (v := sh.get(r, c)) is not None}
        if benefits:
            level["benefits"] = benefits
        levels.append(level)
    grades = [_text(v) for v in (sh.rows[mark] if mark < len(sh.rows) else ())]
    coefficients: dict[str, dict[str, float]] = {}
    for r in range(mark + 1, len(sh.rows)):
        level_name = sh.get(r, 0)
        if level_name is None:
            continue
        if level_name in coefficients:
            sh.fail(r, 0, both("rules.wb_coef_twice", level=_short(level_name)))
        row = coefficients[level_name] = {}
        for c in range(1, len(grades)):
            if grades[c] and (value := sh.get(r, c, "num")) is not None:
                row[grades[c]] = value
                cells[f"coefficients.{level_name}.{grades[c]}"] = sh.at(r, c)
    return {"levels": levels, "coefficients": coefficients}


def _read_profiles(sh: _Sheet, cells: dict[str, Any]) -> dict[str, Any]:
    profiles: dict[str, dict[str, Any]] = {}
    for r in sh.filled():
        name = sh.need(r, "name")
        profile = profiles.setdefault(name, {"_path": f"profiles.{name}", "weights": {}})
        cells.setdefault(profile["_path"], sh.at(r, "name"))
        sh.copy(r, profile, {"name_en": "name_en", "note": "note"}, cells)
        if sh.get(r, "table_id") is None and sh.get(r, "kpi_id") is None:
            continue
        table_id, kpi_id = sh.need(r, "table_id"), sh.need(r, "kpi_id")
        profile["weights"].setdefault(table_id, {})[kpi_id] = sh.need(r, "weight")
        cells[f"profiles.{name}.weights.{table_id}.{kpi_id}"] = sh.at(r, "weight")
    return {name: {k: v for k, v in p.items() if k != "_path"} for name, p in profiles.items()}
