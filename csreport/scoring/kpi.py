"""Score one KPI for one agent and explain it. Pure: no I/O."""

from __future__ import annotations

import functools

from csreport.model import KpiResult, SourceRef
from csreport.rules.fields import resolve
from csreport.rules.formula import Evaluation, Formula, evaluate
from csreport.rules.formula import parse as parse_formula
from csreport.rules.model import Band, Kpi, fmt_number
from csreport.scoring.aggregate import AgentAggregates

# Binary floating point turns 45 into 45.000000000000007 after a weighted mean; values
# are compared after rounding this far so a boundary means what the rules file says.
NOISE_DECIMALS = 9


@functools.lru_cache(maxsize=512)
def parse(text: str) -> Formula:
    """A parsed formula; cached because every agent's KPI shares its rules' formulas."""
    return parse_formula(text)


def score_kpi(kpi: Kpi, agg: AgentAggregates) -> KpiResult:
    """The KPI's raw value, band, points or veto, and the reason when it is missing."""
    formula = parse(kpi.input)
    sample = _sample_size(kpi, agg, formula.names)
    missing_zh = missing_en = None
    ev = Evaluation(None)
    if kpi.sample and (sample or 0) < max(kpi.min_sample, 1):
        n = int(sample or 0)
        if n == 0:
            missing_zh, missing_en = "没有抽查记录", "No sampled chats"
        else:
            missing_zh = f"抽查记录不足（{n} 条，至少需要 {kpi.min_sample} 条）"
            missing_en = f"Too few sampled chats ({n}, at least {kpi.min_sample} needed)"
    else:
        ev = evaluate(formula, {name: agg.value(name) for name in formula.names})
        if ev.missing:
            fields = [resolve(n) for n in ev.missing]
            missing_zh = "没有数据：" + "、".join(f.zh for f in fields if f)
            missing_en = "No data: " + ", ".join(f.en for f in fields if f)
        elif ev.zero_division:
            missing_zh = "分母为 0，无法计算"
            missing_en = "The denominator is 0"

    if ev.value is not None and ev.numerator is None and len(formula.names) == 1:
        # A weighted mean (e.g. response time) explains itself by its own sum and weight.
        single = agg.values.get(formula.names[0])
        if single is not None and single.denominator is not None and _is_bare_name(kpi.input):
            ev = Evaluation(ev.value, single.numerator, single.denominator)
    value = None if ev.value is None else round(ev.value, NOISE_DECIMALS)
    if value is not None and kpi.rounding is not None:
        value = round(value, int(kpi.rounding))

    band: Band | None = None
    veto_zh = veto_en = None
    if value is not None:
        matches = [b for b in kpi.bands if b.contains(value)]
        if len(matches) == 1:
            band = matches[0]
            veto_zh, veto_en = band.veto, band.veto_en
        elif not matches:
            shown = fmt_number(value, kpi.unit)
            missing_zh = f"数值 {shown} 不在规则的任何区间内（规则有缺口，请修正规则）"
            missing_en = f"Value {shown} falls in no band of the rules (a gap: fix the rules)"
        else:
            texts = "、".join(b.text(kpi.unit) for b in matches)
            missing_zh = f"数值同时落在多个区间 {texts}（规则重叠，请修正规则）"
            missing_en = f"Value falls in several bands {texts} (overlap: fix the rules)"
    for cond in kpi.vetoes:
        cv = evaluate(parse(cond.expr), {n: agg.value(n) for n in parse(cond.expr).names})
        if cv.value is not None and cond.holds(cv.value) and veto_zh is None:
            veto_zh, veto_en = cond.reason, cond.reason_en

    if veto_zh is not None:
        points: float | None = 0.0
        missing_zh = missing_en = None
    elif band is not None:
        points = band.points
    else:
        points = None
    return KpiResult(
        kpi_id=kpi.id, name=kpi.name, name_en=kpi.name_en, max_points=kpi.weight,
        unit=kpi.unit, formula=kpi.input, raw=value,
        numerator=ev.numerator, denominator=ev.denominator,
        band=band.text(kpi.unit) if band else None,
        band_label=band.label if band else None,
        points=points, veto=veto_zh, veto_en=veto_en,
        missing_reason=missing_zh, missing_reason_en=missing_en,
        sources=_sources(formula.names, agg), sample_size=sample,
    )


def _is_bare_name(text: str) -> bool:
    return text.strip().isidentifier()


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
