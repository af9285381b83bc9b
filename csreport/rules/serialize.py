"""Turn a ``RuleSet`` back into rules-file data and YAML text that ``parse_rules`` reads.

Every number is written so that reading it back gives the very same float: bounds go
through ``Decimal`` (``0.98`` → ``98%``), plain numbers through ``repr``. The exported
workbook (``workbook.transfer``) uses the same helpers, so both routes agree on the text.
"""

from __future__ import annotations

import graphlib
import math
from dataclasses import fields, replace
from decimal import Decimal
from typing import Any

import yaml

from csreport.messages import joined, translate
from csreport.rules.model import Band, Kpi, Level, PromotionRule, RuleSet, SamplingRules, Table, VetoCondition
from csreport.rules.sampling import percent_text
from csreport.rules.written import parse_written

# Lists whose items are short mappings, written one per line as in the presets.
FLOW_ITEMS = frozenset({"bands", "vetoes", "grades", "anchors", "levels"})
# Mappings whose values are short mappings, written one per line ("up: {min_months: 6, ...}").
FLOW_VALUES = frozenset({"coefficients", "promotion", "sampling"})
# Mappings whose lists are short, written on one line ("shortfall: [非常不满意, 不满意, …]").
FLOW_LISTS = frozenset({"sampling"})
# In Chinese whatever the language: the first line also marks a rules file as csreport's own.
HEADER = "# " + translate("rules.yaml_header", "zh") + "\n"


def rules_equal(a: RuleSet, b: RuleSet) -> bool:
    """True when two rule sets agree on everything but their text, hash and source."""
    return replace(a, text="", hash="", source="") == replace(b, text="", hash="", source="")


def num(x: float) -> int | float:
    """A number as a rules file shows it: 20 rather than 20.0, the exact float otherwise."""
    if math.isfinite(x) and float(x).is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def plain(x: float) -> str:
    """A finite number as plain decimal text (no exponent) that ``float`` reads back exactly."""
    return _decimal_text(Decimal(repr(float(x))))


def _decimal_text(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return "0" if text == "-0" else text


def bound_text(x: float, unit: str = "") -> str:
    """A bound as ``parse_kpi.bound`` reads it back exactly: ``45``, ``98%``, ``inf``."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if unit == "%":
        return _decimal_text(Decimal(repr(float(x))) * 100) + "%"
    return plain(x)


def share_text(x: float) -> str:
    """A relative grade's share as ``"90%"``; the loader reads it back through Decimal, exactly."""
    return bound_text(x, "%")


def range_text(low: float, low_incl: bool, high: float, high_incl: bool, unit: str = "") -> str:
    """Interval notation for a rules file: ``(45, 80]``, ``[98%, 100%]``, ``(100, inf)``."""
    left = "[" if low_incl and not math.isinf(low) else "("
    right = "]" if high_incl and not math.isinf(high) else ")"
    return f"{left}{bound_text(low, unit)}, {bound_text(high, unit)}{right}"


def anchor_value(x: float, unit: str) -> str | int | float:
    """A linear anchor's value: percent text for rates, the number otherwise."""
    return bound_text(x, unit) if unit == "%" or math.isinf(x) else num(x)


def from_wording(band: Band) -> bool:
    """True when ``written`` alone gives this band (a literal transcription, garbled or not)."""
    if band.written is None:
        return False
    w = parse_written(band.written)
    return (w.low, w.low_incl, w.high, w.high_incl, w.garbled) == (
        band.low,
        band.low_incl,
        band.high,
        band.high_incl,
        band.garbled,
    )


def band_data(band: Band, unit: str) -> dict[str, Any]:
    """One band as a rules file writes it.

    A band its wording describes keeps only ``written``, as a literal transcription
    does (and a garbled band must: a ``range`` would make it readable). Any other band
    gets a ``range``, which the loader prefers to ``written`` while keeping the wording.
    """
    out: dict[str, Any] = {}
    if not from_wording(band):
        out["range"] = range_text(band.low, band.low_incl, band.high, band.high_incl, unit)
    if band.written is not None:
        out["written"] = band.written
    if band.veto is not None:
        out["veto"] = band.veto
        if band.veto_en is not None:
            out["veto_en"] = band.veto_en
    else:
        out["points"] = band.points
    if band.label is not None:
        out["label"] = band.label
    return out


def veto_text(veto: VetoCondition) -> str:
    """A veto's ``when`` as ``parse_kpi.parse_veto`` reads it back exactly: ``店铺风险数 > 0``,
    ``三分钟回复率 < 50%``."""
    return f"{veto.expr} {veto.op} {bound_text(veto.value, veto.unit)}"


def kpi_data(kpi: Kpi) -> dict[str, Any]:
    """One KPI as a rules file writes it; keys at their defaults are left out."""
    out: dict[str, Any] = {
        "id": kpi.id,
        "name": kpi.name,
        "name_en": kpi.name_en,
        "weight": kpi.weight,
        "input": kpi.input,
        "unit": kpi.unit,
    }
    if kpi.mode != "bands":
        out["mode"] = kpi.mode
    if kpi.better != "higher":
        out["better"] = kpi.better
    if kpi.anchors:
        out["anchors"] = [{"value": anchor_value(v, kpi.unit), "points": p} for v, p in kpi.anchors]
    if kpi.per_unit:
        out["per_unit"] = kpi.per_unit
    for key in ("floor", "cap", "sample", "rounding"):
        if getattr(kpi, key) is not None:
            out[key] = getattr(kpi, key)
    if kpi.missing != "no_score":
        out["missing"] = kpi.missing
    if kpi.min_sample:
        out["min_sample"] = kpi.min_sample
    if kpi.note:
        out["note"] = kpi.note
    if kpi.bands:
        out["bands"] = [band_data(b, kpi.unit) for b in kpi.bands]
    if kpi.vetoes:
        out["vetoes"] = [
            {"when": veto_text(v), "reason": v.reason, "reason_en": v.reason_en} for v in kpi.vetoes
        ]
    return out


def table_data(table: Table) -> dict[str, Any]:
    """One table with its KPIs inline (a ``RuleSet`` has no blocks left to refer to)."""
    out: dict[str, Any] = {
        "id": table.id,
        "name": table.name,
        "name_en": table.name_en,
        "applies_to": dict(table.applies_to),
        "total": table.total,
    }
    if table.fail_if_total_le is not None:
        out["fail_if_total_le"] = table.fail_if_total_le
    if table.retrain_limit is not None:
        out["retrain_limit"] = table.retrain_limit
    if table.note:
        out["note"] = table.note
    out["kpis"] = [kpi_data(k) for k in table.kpis]
    return out


def applies_text(applies_to: tuple[tuple[str, str], ...], lang: str = "zh") -> str:
    """``岗位状态=试用期；组别=一组`` for a table's 适用于 (empty for the default table), the
    conditions separated as ``lang`` lists clauses (the importer reads either separator)."""
    return joined((f"{k}={v}" for k, v in applies_to), lang, "list.clauses")


def benefit_order(levels: tuple[Level, ...]) -> list[str]:
    """Every benefit name once, in an order that respects each level's own order.

    A workbook shows benefits as columns; reading a row back lists them in column
    order, so the columns must agree with every level where that is possible at all.
    """
    seen = list(dict.fromkeys(name for lv in levels for name, _ in lv.benefits))
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for name in seen:
        sorter.add(name)
    for lv in levels:
        for (a, _), (b, _) in zip(lv.benefits, lv.benefits[1:], strict=False):
            sorter.add(b, a)
    try:
        sorter.prepare()
    except graphlib.CycleError:
        return seen
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=seen.index)
        order.extend(ready)
        sorter.done(*ready)
    return order


def rules_to_data(rules: RuleSet) -> dict[str, Any]:
    """The rules-file data structure (as YAML would load it) that describes ``rules``."""
    out: dict[str, Any] = {"name": rules.name, "name_en": rules.name_en}
    if rules.effective_from:
        out["effective_from"] = rules.effective_from
    out["tables"] = [table_data(t) for t in rules.tables]
    out["grades"] = [
        {"name": g.name, "min": share_text(g.min_total) if g.relative else g.min_total, "label": g.label}
        for g in rules.grades
    ]
    out["fail_grade"] = rules.fail_grade
    out["levels"] = [
        {"name": lv.name, "name_en": lv.name_en, **({"benefits": dict(lv.benefits)} if lv.benefits else {})}
        for lv in rules.levels
    ]
    out["coefficients"] = {lv: dict(row) for lv, row in rules.coefficients.items()}
    if rules.promotion is not None:
        ways = (("up", rules.promotion.up), ("down", rules.promotion.down))
        out["promotion"] = {way: promotion_rule_data(rule) for way, rule in ways if rule is not None}
    if rules.sampling is not None:
        out["sampling"] = sampling_data(rules.sampling)
    if rules.profiles:
        out["profiles"] = {p.name: _profile_data(p.name_en, p.note, p.weights) for p in rules.profiles}
    return out


def promotion_rule_data(rule: PromotionRule) -> dict[str, Any]:
    """One way of the ``promotion:`` block as a rules file writes it: the conditions it sets."""
    return {f.name: value for f in fields(rule) if (value := getattr(rule, f.name)) is not None}


def sampling_data(sampling: SamplingRules) -> dict[str, Any]:
    """The ``sampling:`` block as a rules file writes it, every key given (a key left out would take
    the standard's value); shares as exact percentages (``2%``, ``12.5%``)."""
    per_agent: int | dict[str, Any]
    if sampling.fixed is not None:
        per_agent = sampling.fixed
    else:
        per_agent = {
            **({"rate": percent_text(sampling.rate)} if sampling.rate is not None else {}),
            "of": sampling.of,
            "min": sampling.minimum,
            "max": sampling.maximum,
        }
    return {
        "per_agent": per_agent,
        "mix": {stratum: percent_text(share) for stratum, share in sampling.mix},
        "unrated": sampling.unrated,
        "shortfall": list(sampling.shortfall),
        # No minimum is written 0 (the loader reads 0 back as no minimum).
        "eligible": {"min_messages": sampling.min_messages or 0},
        "error_types": list(sampling.error_types),
    }


def _profile_data(name_en: str, note: str, weights: tuple[tuple[str, str, float], ...]) -> dict[str, Any]:
    by_table: dict[str, dict[str, float]] = {}
    for table_id, kpi_id, weight in weights:
        by_table.setdefault(table_id, {})[kpi_id] = weight
    return {"name_en": name_en, **({"note": note} if note else {}), "weights": by_table}


class _Flow(dict[str, Any]):
    """A mapping written on one line, ``{range: "[0, 45]", points: 20}``."""


class _FlowList(list[Any]):
    """A list written on one line, ``[非常不满意, 不满意, 一般]``."""


class _Dumper(yaml.SafeDumper):
    """Safe YAML without anchors, one-line mappings where marked."""

    def ignore_aliases(self, data: Any) -> bool:  # never &anchors: every value is written out
        return True


_Dumper.add_representer(
    _Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)


def _styled(value: Any, key: str = "") -> Any:
    """``value`` with integral floats as ints and the short mappings marked one-line."""
    if isinstance(value, dict):
        out = {k: _styled(v, str(k)) for k, v in value.items()}
        if key in FLOW_VALUES:
            out = {k: _Flow(v) if isinstance(v, dict) else v for k, v in out.items()}
        if key in FLOW_LISTS:
            out = {k: _FlowList(v) if isinstance(v, list) else v for k, v in out.items()}
        return _Flow(out) if key == "applies_to" else out
    if isinstance(value, list):
        items = [_styled(v) for v in value]
        return [_Flow(v) if key in FLOW_ITEMS and isinstance(v, dict) else v for v in items]
    if isinstance(value, float):
        return num(value)
    return value


def dump_yaml(data: dict[str, Any]) -> str:
    """Rules-file data as readable YAML text (Chinese kept as is, keys in their order)."""
    body = yaml.dump(
        _styled(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
        indent=2,
    )
    return HEADER + body


def dump_rules_yaml(rules: RuleSet) -> str:
    """``rules`` as a YAML rules file; ``parse_rules`` of it equals ``rules`` (see ``rules_equal``)."""
    return dump_yaml(rules_to_data(rules))
