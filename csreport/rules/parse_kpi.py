"""Validate one KPI of a rules file: its formula, mode, bands, anchors and vetoes."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from csreport.rules.formula import FormulaError, parse
from csreport.rules.model import MISSING_POLICIES, MODES, UNITS, Band, Kpi, VetoCondition
from csreport.rules.written import parse_written

_RANGE = re.compile(r"^\s*([\[(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\])])\s*$")
_VETO = re.compile(r"^\s*(.+?)\s*(>=|<=|==|!=|>|<)\s*([-\d.]+%?)\s*$")
KeyPath = tuple[str | int, ...]


class Errors(Protocol):
    """Where validation errors go (with their key path)."""

    def add(self, path: KeyPath, problem: str, problem_en: str = "") -> None: ...


def parse_kpi(raw: Any, path: KeyPath, col: Errors) -> Kpi | None:
    """A ``Kpi`` from its mapping, or None (with errors recorded) when unusable."""
    if not isinstance(raw, dict):
        col.add(path, "指标应为键值结构", "a KPI must be a mapping")
        return None
    for key in ("id", "name", "weight", "input", "unit"):
        if key not in raw:
            col.add(path, f"缺少必填项「{key}」", f"missing required key '{key}'")
    mode = str(raw.get("mode", "bands"))
    if mode not in MODES:
        col.add((*path, "mode"), f"评分方式应为 {' / '.join(MODES)} 之一",
                f"mode must be one of {', '.join(MODES)}")
    unit = str(raw.get("unit", "count"))
    if unit not in UNITS:
        col.add((*path, "unit"), f"单位应为 {' / '.join(UNITS)} 之一",
                f"unit must be one of {', '.join(UNITS)}")
    missing = str(raw.get("missing", "no_score"))
    if missing not in MISSING_POLICIES:
        col.add((*path, "missing"), f"缺数据处理应为 {' / '.join(MISSING_POLICIES)} 之一",
                f"missing must be one of {', '.join(MISSING_POLICIES)}")
    formula = str(raw.get("input", "0"))
    try:
        parse(formula)
    except FormulaError as exc:
        col.add((*path, "input"), str(exc), f"bad formula: {formula}")
    bands = tuple(b for i, item in enumerate(raw.get("bands") or [])
                  if (b := parse_band(item, (*path, "bands", i), col)))
    if mode == "bands" and not raw.get("bands"):
        col.add(path, "评分方式为 bands 时至少需要一个区间", "mode 'bands' needs at least one band")
    vetoes = tuple(v for i, item in enumerate(raw.get("vetoes") or [])
                   if (v := parse_veto(item, (*path, "vetoes", i), col)))
    anchors = _anchors(raw, path, col) if mode == "linear" else ()
    better = str(raw.get("better", "higher"))
    if better not in ("higher", "lower"):
        col.add((*path, "better"), "better 应为 higher 或 lower", "better must be higher or lower")
    return Kpi(
        id=str(raw.get("id", "")),
        name=str(raw.get("name", "")),
        name_en=str(raw.get("name_en", raw.get("name", ""))),
        weight=number(raw.get("weight", 0), (*path, "weight"), col),
        input=formula, unit=unit, bands=bands, vetoes=vetoes, mode=mode, anchors=anchors,
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
        col.add(path, '区间需要 range，例如 "(45, 80]"', 'a band needs a range such as "(45, 80]"')
        return None
    has_points, has_veto = "points" in raw, "veto" in raw
    if has_points == has_veto:
        col.add(path, "每个区间要么给 points（得分），要么给 veto（否决原因），二者选一",
                "each band needs either points or veto, not both")
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
        col.add((*path, "range"), f"区间「{raw['range']}」写法不对，应如 \"[0, 45]\" 或 \"(100, inf)\"",
                f"range '{raw['range']}' is malformed; write it like \"[0, 45]\"")
        return None
    low = bound(m.group(2), (*path, "range"), col)
    high = bound(m.group(3), (*path, "range"), col)
    if low > high:
        col.add((*path, "range"), f"区间「{raw['range']}」下限大于上限",
                f"range '{raw['range']}' has its low end above its high end")
    return Band(low=low, low_incl=m.group(1) == "[" and not math.isinf(low),
                high=high, high_incl=m.group(4) == "]" and not math.isinf(high), **common)


def parse_veto(raw: Any, path: KeyPath, col: Errors) -> VetoCondition | None:
    """A veto condition ``when: "店铺风险数 > 0"`` with its reason."""
    m = _VETO.match(str(raw.get("when", ""))) if isinstance(raw, dict) else None
    if not m or not isinstance(raw, dict):
        col.add(path, '否决条件应写作 when: "店铺风险数 > 0"，并给出 reason',
                'a veto needs when: "shop_risk > 0" and a reason')
        return None
    try:
        parse(m.group(1))
    except FormulaError as exc:
        col.add((*path, "when"), str(exc), f"bad formula: {m.group(1)}")
    return VetoCondition(
        expr=m.group(1), op=m.group(2), value=bound(m.group(3), (*path, "when"), col),
        reason=str(raw.get("reason", raw.get("when"))),
        reason_en=str(raw.get("reason_en", raw.get("reason", raw.get("when")))),
    )


def _anchors(raw: dict[str, Any], path: KeyPath, col: Errors) -> tuple[tuple[float, float], ...]:
    items = raw.get("anchors")
    if not isinstance(items, list) or len(items) != 2 or not all(
            isinstance(a, dict) and "value" in a and "points" in a for a in items):
        col.add((*path, "anchors"), "linear 需要两个锚点：[{value: .., points: ..}, {value: .., points: ..}]",
                "linear needs two anchors: [{value, points}, {value, points}]")
        return ()
    out = tuple((bound(str(a["value"]), (*path, "anchors", i), col),
                 number(a["points"], (*path, "anchors", i), col)) for i, a in enumerate(items))
    if out[0][0] == out[1][0]:
        col.add((*path, "anchors"), "两个锚点的数值不能相同", "the two anchors need different values")
    return out


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
        col.add(path, f"「{text}」不是数字", f"'{text}' is not a number")
        return 0.0


def number(value: Any, path: KeyPath, col: Errors) -> float:
    """A plain number from YAML, or 0 with an error recorded."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        col.add(path, f"「{value}」应为数字", f"'{value}' should be a number")
        return 0.0
    return float(value)
