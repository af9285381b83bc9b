"""Validate one KPI of a rules file: its formula, mode, bands, anchors and vetoes."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from csreport.fields import BUILTIN, Vocabulary
from csreport.messages import Bilingual, listed
from csreport.rules.formula import FormulaError, parse
from csreport.rules.model import MISSING_POLICIES, MODES, UNITS, Band, Kpi, VetoCondition
from csreport.rules.written import parse_written

_RANGE = re.compile(r"^\s*([\[(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\])])\s*$")
_VETO = re.compile(r"^\s*(.+?)\s*(>=|<=|==|!=|>|<)\s*([-\d.]+%?)\s*$")
KeyPath = tuple[str | int, ...]


class Errors(Protocol):
    """Where validation errors go (with their key path)."""

    def add(self, path: KeyPath, code: str, **params: Any) -> None:
        """Record the problem ``code`` (of the catalogue) with ``params`` at ``path``."""


def parse_kpi(raw: Any, path: KeyPath, col: Errors, vocabulary: Vocabulary = BUILTIN) -> Kpi | None:
    """A ``Kpi`` from its mapping, or None (with errors recorded) when unusable; its formulas
    may name the aggregates of ``vocabulary``."""
    if not isinstance(raw, dict):
        col.add(path, "rules.e.kpi_not_mapping")
        return None
    for key in ("id", "name", "weight", "input", "unit"):
        if key not in raw:
            col.add(path, "rules.e.missing_key", key=key)
    mode = str(raw.get("mode", "bands"))
    if mode not in MODES:
        col.add((*path, "mode"), "rules.e.mode_choice", choices=_choices(MODES))
    unit = str(raw.get("unit", "count"))
    if unit not in UNITS:
        col.add((*path, "unit"), "rules.e.unit_choice", choices=_choices(UNITS))
    missing = str(raw.get("missing", "no_score"))
    if missing not in MISSING_POLICIES:
        col.add((*path, "missing"), "rules.e.missing_choice", choices=_choices(MISSING_POLICIES))
    formula = str(raw.get("input", "0"))
    try:
        parse(formula, vocabulary)
    except FormulaError as exc:
        col.add((*path, "input"), exc.code, **exc.params)
    bands = tuple(
        b
        for i, item in enumerate(raw.get("bands") or [])
        if (b := parse_band(item, (*path, "bands", i), col))
    )
    if mode == "bands" and not raw.get("bands"):
        col.add(path, "rules.e.bands_needed")
    vetoes = tuple(
        v
        for i, item in enumerate(raw.get("vetoes") or [])
        if (v := parse_veto(item, (*path, "vetoes", i), col, vocabulary))
    )
    anchors = _anchors(raw, path, col) if mode == "linear" else ()
    better = str(raw.get("better", "higher"))
    if better not in ("higher", "lower"):
        col.add((*path, "better"), "rules.e.better")
    return Kpi(
        id=str(raw.get("id", "")),
        name=str(raw.get("name", "")),
        name_en=str(raw.get("name_en", raw.get("name", ""))),
        weight=number(raw.get("weight", 0), (*path, "weight"), col),
        input=formula,
        unit=unit,
        bands=bands,
        vetoes=vetoes,
        mode=mode,
        anchors=anchors,
        better=better,
        per_unit=number(raw.get("per_unit", 0), (*path, "per_unit"), col),
        floor=_opt_number(raw, "floor", path, col),
        cap=_opt_number(raw, "cap", path, col),
        missing=missing,
        min_sample=int(number(raw.get("min_sample", 0) or 0, (*path, "min_sample"), col)),
        sample=raw.get("sample"),
        rounding=None if raw.get("rounding") is None else int(raw["rounding"]),
        note=str(raw.get("note", "")),
    )


def parse_band(raw: Any, path: KeyPath, col: Errors) -> Band | None:
    """A band from ``range: "(45, 80]"`` or a literal ``written: "60S>均响<=80S"``."""
    if not isinstance(raw, dict) or not ("range" in raw or "written" in raw):
        col.add(path, "rules.e.band_needs_range")
        return None
    has_points, has_veto = "points" in raw, "veto" in raw
    if has_points == has_veto:
        col.add(path, "rules.e.points_or_veto")
    common: dict[str, Any] = dict(
        points=number(raw["points"], (*path, "points"), col) if has_points else None,
        veto=str(raw["veto"]) if has_veto else None,
        veto_en=str(raw.get("veto_en", raw.get("veto", ""))) if has_veto else None,
        label=str(raw["label"]) if raw.get("label") is not None else None,
        written=str(raw["written"]) if raw.get("written") is not None else None,
    )
    if "range" not in raw:
        w = parse_written(str(raw["written"]))
        return Band(w.low, w.low_incl, w.high, w.high_incl, garbled=w.garbled, **common)
    m = _RANGE.match(str(raw["range"]))
    if not m:
        col.add((*path, "range"), "rules.e.range_malformed", range=str(raw["range"]))
        return None
    low = bound(m.group(2), (*path, "range"), col)
    high = bound(m.group(3), (*path, "range"), col)
    if low > high:
        col.add((*path, "range"), "rules.e.range_reversed", range=str(raw["range"]))
    return Band(
        low=low,
        low_incl=m.group(1) == "[" and not math.isinf(low),
        high=high,
        high_incl=m.group(4) == "]" and not math.isinf(high),
        **common,
    )


def parse_veto(
    raw: Any, path: KeyPath, col: Errors, vocabulary: Vocabulary = BUILTIN
) -> VetoCondition | None:
    """A veto condition ``when: "店铺风险数 > 0"`` with its reason; it may name the aggregates
    of ``vocabulary``."""
    m = _VETO.match(str(raw.get("when", ""))) if isinstance(raw, dict) else None
    if not m or not isinstance(raw, dict):
        col.add(path, "rules.e.veto_needs")
        return None
    try:
        parse(m.group(1), vocabulary)
    except FormulaError as exc:
        col.add((*path, "when"), exc.code, **exc.params)
    return VetoCondition(
        expr=m.group(1),
        op=m.group(2),
        value=bound(m.group(3), (*path, "when"), col),
        reason=str(raw.get("reason", raw.get("when"))),
        reason_en=str(raw.get("reason_en", raw.get("reason", raw.get("when")))),
        unit="%" if m.group(3).endswith("%") else "",
    )


def _anchors(raw: dict[str, Any], path: KeyPath, col: Errors) -> tuple[tuple[float, float], ...]:
    items = raw.get("anchors")
    if (
        not isinstance(items, list)
        or len(items) != 2
        or not all(isinstance(a, dict) and "value" in a and "points" in a for a in items)
    ):
        col.add((*path, "anchors"), "rules.e.anchors_needed")
        return ()
    out = tuple(
        (bound(str(a["value"]), (*path, "anchors", i), col), number(a["points"], (*path, "anchors", i), col))
        for i, a in enumerate(items)
    )
    if out[0][0] == out[1][0]:
        col.add((*path, "anchors"), "rules.e.anchors_same")
    return out


def _choices(names: tuple[str, ...]) -> Bilingual:
    """The allowed values of a key, as a list to choose from."""
    return listed(names, "list.or")


def _opt_number(raw: dict[str, Any], key: str, path: KeyPath, col: Errors) -> float | None:
    return None if raw.get(key) is None else number(raw[key], (*path, key), col)


def bound(text: str, path: KeyPath, col: Errors) -> float:
    """A bound as written: a number, ``98%`` (a fraction), or ``inf``."""
    t = str(text).strip().lower()
    if t in ("inf", "+inf", "∞"):
        return math.inf
    if t in ("-inf", "-∞"):
        return -math.inf
    try:
        # Decimal keeps 98% exactly equal to the float 0.98 a ratio produces.
        return float(Decimal(t[:-1]) / 100) if t.endswith("%") else float(t)
    except (ValueError, InvalidOperation):
        col.add(path, "rules.e.not_number", value=str(text))
        return 0.0


def number(value: Any, path: KeyPath, col: Errors) -> float:
    """A plain number from YAML, or 0 with an error recorded."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        col.add(path, "rules.e.should_be_number", value=str(value))
        return 0.0
    return float(value)
