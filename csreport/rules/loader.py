"""Read a rules file (a preset name or a YAML path) into a validated ``RuleSet``."""

from __future__ import annotations

import hashlib
import math
import re
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from csreport.problems import CsreportError
from csreport.rules import yaml_lines
from csreport.rules.formula import FormulaError, parse
from csreport.rules.model import Band, Grade, Kpi, Level, RuleSet, Table, VetoCondition

PRESETS = {"standard": "standard.yaml", "标准": "standard.yaml", "标准考核": "standard.yaml"}
DEFAULT_PRESET = "standard"
UNITS = ("s", "%", "score", "count")
_RANGE = re.compile(r"^\s*([\[(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\])])\s*$")
_VETO = re.compile(r"^\s*(.+?)\s*(>=|<=|==|!=|>|<)\s*([-\d.]+%?)\s*$")


class _Collector:
    """Gathers every validation error with its key path and line before raising."""

    def __init__(self, source: str, lines: dict[yaml_lines.Path_, int]) -> None:
        self.source = source
        self.lines = lines
        self.errors: list[tuple[int, str, str]] = []

    def add(self, path: yaml_lines.Path_, problem: str) -> None:
        self.errors.append(
            (yaml_lines.line_of(self.lines, path), yaml_lines.dotted(path), problem)
        )

    def raise_if_any(self) -> None:
        if not self.errors:
            return
        line, path, problem = self.errors[0]
        rest = "".join(f"\n  第 {ln} 行 {p}：{msg}" for ln, p, msg in self.errors[1:])
        raise CsreportError(
            "rules.invalid", file=self.source, line=line, path=path, problem=problem + rest
        )


def load_rules(name_or_path: str | None) -> RuleSet:
    """Load a shipped preset by name, or a user's YAML rules file by path."""
    key = name_or_path or DEFAULT_PRESET
    if key in PRESETS:
        text = (resources.files("csreport.rules") / "presets" / PRESETS[key]).read_text("utf-8")
        return parse_rules(text, source=key)
    path = Path(key)
    if not path.is_file():
        raise CsreportError("rules.not_found", name=key, presets=", ".join(sorted(PRESETS)))
    return parse_rules(path.read_text("utf-8-sig"), source=str(path))


def parse_rules(text: str, source: str = "<rules>") -> RuleSet:
    """Validate rules ``text`` and build the ``RuleSet``; errors name key path and line."""
    try:
        data, lines = yaml_lines.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CsreportError(
            "rules.invalid", file=source, line=(mark.line + 1) if mark else 1,
            path="(YAML)", problem=str(getattr(exc, "problem", exc)),
        ) from exc
    col = _Collector(source, lines)
    if not isinstance(data, dict):
        col.add((), "规则文件应为键值结构")
        col.raise_if_any()
    tables = tuple(
        tb for i, raw in enumerate(_list(data, "tables", col)) if (tb := _table(raw, ("tables", i), col))
    )
    if not tables and not col.errors:
        col.add(("tables",), "至少需要一张考核表")
    grades = tuple(
        Grade(str(g.get("name", "")), float(g.get("min", 0)), str(g.get("label", "")))
        for g in _list(data, "grades", col)
        if isinstance(g, dict)
    )
    levels = tuple(_level(lv) for lv in _list(data, "levels", col) if isinstance(lv, dict))
    coefficients = {
        str(level): {str(g): float(v) for g, v in (row or {}).items()}
        for level, row in (data.get("coefficients") or {}).items()
    }
    col.raise_if_any()
    return RuleSet(
        name=str(data.get("name", source)),
        name_en=str(data.get("name_en", data.get("name", source))),
        source=source,
        hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:8],
        tables=tables,
        grades=tuple(sorted(grades, key=lambda g: -g.min_total)),
        fail_grade=str(data.get("fail_grade", "D")),
        levels=levels,
        coefficients=coefficients,
        text=text,
    )


def _list(data: dict[str, Any], key: str, col: _Collector) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        col.add((key,), "应为列表")
        return []
    return value


def _table(raw: Any, path: yaml_lines.Path_, col: _Collector) -> Table | None:
    if not isinstance(raw, dict):
        col.add(path, "考核表应为键值结构")
        return None
    for key in ("id", "name", "total", "kpis"):
        if key not in raw:
            col.add(path, f"缺少必填项「{key}」")
    kpis = tuple(
        k for i, item in enumerate(raw.get("kpis") or []) if (k := _kpi(item, (*path, "kpis", i), col))
    )
    applies = raw.get("applies_to") or {}
    threshold = raw.get("fail_if_total_le")
    return Table(
        id=str(raw.get("id", "")),
        name=str(raw.get("name", "")),
        name_en=str(raw.get("name_en", raw.get("name", ""))),
        total=_num(raw.get("total", 0), (*path, "total"), col),
        applies_to=tuple((str(k), str(v)) for k, v in applies.items()),
        kpis=kpis,
        fail_if_total_le=None if threshold is None else _num(threshold, (*path, "fail_if_total_le"), col),
        note=str(raw.get("note", "")),
    )


def _kpi(raw: Any, path: yaml_lines.Path_, col: _Collector) -> Kpi | None:
    if not isinstance(raw, dict):
        col.add(path, "指标应为键值结构")
        return None
    for key in ("id", "name", "weight", "input", "unit", "bands"):
        if key not in raw:
            col.add(path, f"缺少必填项「{key}」")
    unit = str(raw.get("unit", "count"))
    if unit not in UNITS:
        col.add((*path, "unit"), f"单位应为 {' / '.join(UNITS)} 之一")
    formula = str(raw.get("input", "0"))
    try:
        parse(formula)
    except FormulaError as exc:
        col.add((*path, "input"), str(exc))
    bands = tuple(
        b for i, item in enumerate(raw.get("bands") or []) if (b := _band(item, (*path, "bands", i), col))
    )
    vetoes = tuple(
        v for i, item in enumerate(raw.get("vetoes") or []) if (v := _veto(item, (*path, "vetoes", i), col))
    )
    if raw.get("missing", "no_score") != "no_score":
        col.add((*path, "missing"), "0.1 版只支持 missing: no_score")
    return Kpi(
        id=str(raw.get("id", "")),
        name=str(raw.get("name", "")),
        name_en=str(raw.get("name_en", raw.get("name", ""))),
        weight=_num(raw.get("weight", 0), (*path, "weight"), col),
        input=formula,
        unit=unit,
        bands=bands,
        vetoes=vetoes,
        min_sample=int(raw.get("min_sample", 0) or 0),
        sample=raw.get("sample"),
        rounding=raw.get("rounding"),
        note=str(raw.get("note", "")),
    )


def _band(raw: Any, path: yaml_lines.Path_, col: _Collector) -> Band | None:
    if not isinstance(raw, dict) or "range" not in raw:
        col.add(path, "区间需要 range，例如 \"(45, 80]\"")
        return None
    m = _RANGE.match(str(raw["range"]))
    if not m:
        col.add((*path, "range"), f"区间「{raw['range']}」写法不对，应如 \"[0, 45]\" 或 \"(100, inf)\"")
        return None
    low = _bound(m.group(2), (*path, "range"), col)
    high = _bound(m.group(3), (*path, "range"), col)
    if low > high:
        col.add((*path, "range"), f"区间「{raw['range']}」下限大于上限")
    has_points, has_veto = "points" in raw, "veto" in raw
    if has_points == has_veto:
        col.add(path, "每个区间要么给 points（得分），要么给 veto（否决原因），二者选一")
    return Band(
        low=low, low_incl=m.group(1) == "[" and not math.isinf(low),
        high=high, high_incl=m.group(4) == "]" and not math.isinf(high),
        points=_num(raw["points"], (*path, "points"), col) if has_points else None,
        veto=str(raw["veto"]) if has_veto else None,
        veto_en=str(raw.get("veto_en", raw.get("veto", ""))) if has_veto else None,
        label=str(raw["label"]) if raw.get("label") is not None else None,
    )


def _veto(raw: Any, path: yaml_lines.Path_, col: _Collector) -> VetoCondition | None:
    m = _VETO.match(str(raw.get("when", ""))) if isinstance(raw, dict) else None
    if not m or not isinstance(raw, dict):
        col.add(path, "否决条件应写作 when: \"店铺风险数 > 0\"，并给出 reason")
        return None
    try:
        parse(m.group(1))
    except FormulaError as exc:
        col.add((*path, "when"), str(exc))
    return VetoCondition(
        expr=m.group(1), op=m.group(2), value=_bound(m.group(3), (*path, "when"), col),
        reason=str(raw.get("reason", raw.get("when"))),
        reason_en=str(raw.get("reason_en", raw.get("reason", raw.get("when")))),
    )


def _level(raw: dict[str, Any]) -> Level:
    benefits = raw.get("benefits") or {}
    return Level(
        name=str(raw.get("name", "")),
        name_en=str(raw.get("name_en", raw.get("name", ""))),
        benefits=tuple((str(k), str(v)) for k, v in benefits.items()),
    )


def _bound(text: str, path: yaml_lines.Path_, col: _Collector) -> float:
    t = str(text).strip().lower()
    if t in ("inf", "+inf", "∞"):
        return math.inf
    if t in ("-inf", "-∞"):
        return -math.inf
    try:
        # Decimal keeps 98% exactly equal to the float 0.98 a ratio produces.
        return float(Decimal(t[:-1]) / 100) if t.endswith("%") else float(t)
    except (ValueError, InvalidOperation):
        col.add(path, f"「{text}」不是数字")
        return 0.0


def _num(value: Any, path: yaml_lines.Path_, col: _Collector) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        col.add(path, f"「{value}」应为数字")
        return 0.0
    return float(value)
