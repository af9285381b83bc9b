"""Score one KPI for one agent and explain it. Pure: no I/O.

Scoring is two steps so rank-mode KPIs can see the whole group: ``measure`` finds the
raw value (or why it is missing) from one agent's aggregates; ``award`` turns it into
points or a veto, given the agent's percentile in its group for rank mode.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from csreport.results import KpiResult, SourceRef
from csreport.rules.fields import resolve
from csreport.rules.formula import Evaluation, Formula, evaluate
from csreport.rules.formula import parse as parse_formula
from csreport.rules.model import Band, Kpi, fmt_number
from csreport.scoring.aggregate import AgentAggregates
from csreport.scoring.modes import band_for, linear_points, per_unit_points

# Binary floating point turns 45 into 45.000000000000007 after a weighted mean; values
# are compared after rounding this far so a boundary means what the rules file says.
NOISE_DECIMALS = 9


@functools.lru_cache(maxsize=512)
def parse(text: str) -> Formula:
    """A parsed formula; cached because every agent's KPI shares its rules' formulas."""
    return parse_formula(text)


@dataclass(frozen=True)
class Measure:
    """A KPI's raw value for one agent, or the reason there is none."""

    value: float | None
    numerator: float | None
    denominator: float | None
    sample: int | None
    missing: tuple[str, str] | None  # (zh, en)
    veto: tuple[str, str] | None  # a veto condition that holds, (zh, en)
    sources: tuple[SourceRef, ...]


def measure(kpi: Kpi, agg: AgentAggregates) -> Measure:
    """The KPI's value from the agent's monthly aggregates, with its explanation."""
    formula = parse(kpi.input)
    sample = _sample_size(kpi, agg, formula.names)
    missing: tuple[str, str] | None = None
    ev = Evaluation(None)
    if kpi.sample and (sample or 0) < max(kpi.min_sample, 1):
        n = int(sample or 0)
        missing = ("没有抽查记录", "No sampled chats") if n == 0 else (
            f"抽查记录不足（{n} 条，至少需要 {kpi.min_sample} 条）",
            f"Too few sampled chats ({n}, at least {kpi.min_sample} needed)")
    else:
        ev = evaluate(formula, {name: agg.value(name) for name in formula.names})
        if ev.missing:
            fields = [f for n in ev.missing if (f := resolve(n))]
            missing = ("没有数据：" + "、".join(f.zh for f in fields),
                       "No data: " + ", ".join(f.en for f in fields))
        elif ev.zero_division:
            missing = ("分母为 0，无法计算", "The denominator is 0")
    if ev.value is not None and ev.numerator is None and len(formula.names) == 1:
        # A weighted mean (e.g. response time) explains itself by its own sum and weight.
        single = agg.values.get(formula.names[0])
        if single is not None and single.denominator is not None and kpi.input.strip().isidentifier():
            ev = Evaluation(ev.value, single.numerator, single.denominator)
    value = None if ev.value is None else round(ev.value, NOISE_DECIMALS)
    if value is not None and kpi.rounding is not None:
        value = round(value, int(kpi.rounding))
    veto = None
    for cond in kpi.vetoes:
        cf = parse(cond.expr)
        cv = evaluate(cf, {n: agg.value(n) for n in cf.names})
        if cv.value is not None and cond.holds(cv.value):
            veto = (cond.reason, cond.reason_en)
            break
    return Measure(value, ev.numerator, ev.denominator, sample, missing, veto,
                   _sources(formula.names, agg))


def award(kpi: Kpi, m: Measure, percentile: float | None = None) -> KpiResult:
    """Points, band or veto for a measured value, applying the KPI's missing-data policy."""
    band: Band | None = None
    points: float | None = None
    missing, veto = m.missing, m.veto
    if m.value is not None:
        x = percentile if kpi.mode == "rank" else m.value
        if kpi.mode == "linear":
            points = linear_points(kpi, x)
        elif kpi.mode == "per_unit":
            points = per_unit_points(kpi, x)
        elif kpi.mode == "rank" and not kpi.bands:
            points = kpi.weight * (percentile or 0.0)
        elif x is not None:
            band, matches = band_for(kpi, x)
            unit = "%" if kpi.mode == "rank" else kpi.unit
            if band is not None:
                points = band.points
                veto = veto or ((band.veto, band.veto_en or band.veto) if band.veto else None)
            elif not matches:
                shown = fmt_number(x, unit)
                missing = (f"数值 {shown} 不在规则的任何区间内（规则有缺口，请修正规则）",
                           f"Value {shown} falls in no band of the rules (a gap: fix the rules)")
            else:
                texts = "、".join(b.text(unit) for b in matches)
                missing = (f"数值同时落在多个区间 {texts}（规则重叠，请修正规则）",
                           f"Value falls in several bands {texts} (overlap: fix the rules)")
        if points is not None:
            points = round(points, 6) + 0.0  # + 0.0 turns a -0.0 deduction into 0.0
    note: tuple[str, str] | None = None
    excluded = False
    if veto is not None:
        points, missing = 0.0, None
    elif points is None and missing is not None and kpi.missing == "zero":
        points = 0.0
        note = ("缺数据，按规则记 0 分", "Missing: scored 0 by the rules")
    elif points is None and missing is not None and kpi.missing == "exclude":
        excluded = True
        note = ("缺数据，按规则不计入，其余指标按比例折算",
                "Missing: left out by the rules, the other KPIs rescaled")
    return KpiResult(
        kpi_id=kpi.id, name=kpi.name, name_en=kpi.name_en, max_points=kpi.weight,
        unit=kpi.unit, formula=kpi.input, raw=m.value,
        numerator=m.numerator, denominator=m.denominator,
        band=band.text("%" if kpi.mode == "rank" else kpi.unit) if band else None,
        band_label=band.label if band else None,
        points=points, veto=veto[0] if veto else None, veto_en=veto[1] if veto else None,
        missing_reason=missing[0] if missing else None,
        missing_reason_en=missing[1] if missing else None,
        sources=m.sources, sample_size=m.sample, mode=kpi.mode, percentile=percentile,
        excluded=excluded, policy_note=note[0] if note else None,
        policy_note_en=note[1] if note else None,
    )


def score_kpi(kpi: Kpi, agg: AgentAggregates) -> KpiResult:
    """Measure and award in one step (every mode but rank, which needs the group)."""
    return award(kpi, measure(kpi, agg), 1.0 if kpi.mode == "rank" else None)


def _sample_size(kpi: Kpi, agg: AgentAggregates, names: tuple[str, ...]) -> int | None:
    if kpi.sample:
        value = agg.value(kpi.sample)
        return None if value is None else int(value)
    rows = [agg.values[n].rows for n in names if n in agg.values]
    return min(rows) if rows else None


def _sources(names: tuple[str, ...], agg: AgentAggregates) -> tuple[SourceRef, ...]:
    roles: list[str] = []
    for name in names:
        field = resolve(name)
        if field and field.role not in roles:
            roles.append(field.role)
    return tuple(ref for role in roles for ref in agg.sources.get(role, ()))
