"""Score one KPI for one agent and explain it. Pure: no I/O.

Scoring is two steps so rank-mode KPIs can see the whole group: ``measure`` finds the
raw value (or why it is missing) from one agent's aggregates; ``award`` turns it into
points or a veto, given the agent's percentile in its group for rank mode.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from csreport.fields import BUILTIN, WEIGHTED, Vocabulary
from csreport.messages import Bilingual, Note, listed
from csreport.results import KpiResult, SourceRef
from csreport.rules.formula import Evaluation, Formula, evaluate
from csreport.rules.formula import parse as parse_formula
from csreport.rules.model import Band, Kpi, fmt_number
from csreport.rules.wording import at_bound, band_words, formula_words, rank_band_words, rule_words
from csreport.scoring.aggregate import AgentAggregates, Aggregate, pairing
from csreport.scoring.basis import basis
from csreport.scoring.modes import band_for, linear_points, per_unit_points

# Binary floating point turns 45 into 45.000000000000007 after a weighted mean; values
# are compared after rounding this far so a boundary means what the rules file says.
NOISE_DECIMALS = 9


@functools.lru_cache(maxsize=512)
def parse(text: str, vocabulary: Vocabulary = BUILTIN) -> Formula:
    """A parsed formula; cached because every agent's KPI shares its rules' formulas."""
    return parse_formula(text, vocabulary)


@dataclass(frozen=True)
class Measure:
    """A KPI's raw value for one agent, or the reason there is none."""

    value: float | None
    numerator: float | None
    denominator: float | None
    sample: int | None
    missing: Note | None
    veto: Note | None  # a veto condition that holds
    sources: tuple[SourceRef, ...]
    basis: Note | None = None  # what the value was made of, in words
    formula_words: Note | None = None  # the formula with field names


def measure(kpi: Kpi, agg: AgentAggregates, vocabulary: Vocabulary = BUILTIN) -> Measure:
    """The KPI's value from the agent's monthly aggregates, with its explanation.

    ``vocabulary`` resolves the formulas' names (the rules' own, with the shop's declared
    fields). A formula needing several reception values reads them from the same rows.
    """
    formula = parse(kpi.input, vocabulary)
    values = agg.view(pairing(formula.names, vocabulary))
    sample = _sample_size(kpi, agg, values, formula.names)
    missing: Note | None = None
    ev = Evaluation(None)
    if kpi.sample and (sample or 0) < max(kpi.min_sample, 1):
        n = int(sample or 0)
        missing = (
            Note.of("kpi.no_samples") if n == 0 else Note.of("kpi.few_samples", n=n, least=kpi.min_sample)
        )
    else:
        ev = evaluate(formula, {name: _value(values, name) for name in formula.names})
        if ev.missing:
            # Name the fields the month has no data for; when each has data but never on
            # the same rows, the fields the formula could not pair.
            absent = [n for n in ev.missing if agg.value(n) is None] or list(ev.missing)
            fields = [f for n in absent if (f := vocabulary.resolve(n))]
            missing = Note.of("kpi.no_data", fields=listed(Bilingual(f.zh, f.en) for f in fields))
        elif ev.zero_division:
            missing = Note.of("kpi.zero_denominator")
    if ev.value is not None and ev.numerator is None and len(formula.names) == 1:
        # A weighted mean (e.g. response time) explains itself by its own sum and weight.
        single = values.get(formula.names[0])
        if single is not None and single.denominator is not None and kpi.input.strip().isidentifier():
            ev = Evaluation(ev.value, single.numerator, single.denominator)
    value = None if ev.value is None else round(ev.value, NOISE_DECIMALS)
    if value is not None and kpi.rounding is not None:
        value = round(value, int(kpi.rounding))
    veto = None
    for cond in kpi.vetoes:
        cf = parse(cond.expr, vocabulary)
        among = agg.view(pairing(cf.names, vocabulary))
        cv = evaluate(cf, {n: _value(among, n) for n in cf.names})
        if cv.value is not None and cond.holds(cv.value):
            veto = Note.of("veto.rule", reason=Bilingual(cond.reason, cond.reason_en or cond.reason))
            break
    sources = _sources(formula.names, agg, vocabulary)
    return Measure(
        value,
        ev.numerator,
        ev.denominator,
        sample,
        missing,
        veto,
        sources,
        basis(formula, values, vocabulary) if value is not None else None,
        formula_words(kpi.input, vocabulary),
    )


def lacking(kpi: Kpi, agg: AgentAggregates, vocabulary: Vocabulary = BUILTIN) -> tuple[str, ...]:
    """The fields the KPI needs that the agent's month has no data for: its sample count
    when it counts a sample, then its formula's inputs; empty when it has them all."""
    names = parse(kpi.input, vocabulary).names
    wanted = (kpi.sample, *names) if kpi.sample else names
    found: list[str] = []
    for n in wanted:
        if agg.value(n) is None:
            # A weighted mean whose values are there without their weights (平均响应时长
            # without 接待人数) lacks the weights, which is what the user must add.
            declared = vocabulary.declaration(n)
            weight = WEIGHTED.get(n) or (declared.weight if declared is not None else None)
            held = agg.values.get(n)
            found.append(weight if weight and held is not None and held.seen else n)
    return tuple(dict.fromkeys(found))


def award(kpi: Kpi, m: Measure, percentile: float | None = None) -> KpiResult:
    """Points, band or veto for a measured value, applying the KPI's missing-data policy."""
    band: Band | None = None
    points: float | None = None
    missing, veto = m.missing, m.veto
    if m.value is not None:
        x = percentile if kpi.mode == "rank" else m.value
        if kpi.mode == "linear":
            points = linear_points(kpi, m.value)
        elif kpi.mode == "per_unit":
            points = per_unit_points(kpi, m.value)
        elif kpi.mode == "rank" and not kpi.bands:
            points = kpi.weight * (percentile or 0.0)
        elif x is not None:
            band, matches = band_for(kpi, x)
            unit = "%" if kpi.mode == "rank" else kpi.unit
            if band is not None:
                points = band.points
                if veto is None and band.is_veto:
                    # A veto band without a reason still vetoes (the linter reports it); the
                    # reader is then told the KPI and the band.
                    written = (band.veto or "").strip()
                    reason = Bilingual(written, band.veto_en or written) if written else None
                    unnamed = Note.of(
                        "veto.unnamed",
                        kpi=Bilingual(kpi.name, kpi.name_en),
                        band=band_words(band, unit).bilingual(),
                    )
                    veto = Note.of("veto.rule", reason=reason or unnamed.bilingual())
            elif not matches:
                missing = Note.of("kpi.band_gap", value=fmt_number(x, unit))
            else:
                missing = Note.of("kpi.band_overlap", bands=listed(b.text(unit) for b in matches))
        if points is not None:
            points = round(points, 6) + 0.0  # + 0.0 turns a -0.0 deduction into 0.0
    note: Note | None = None
    excluded = False
    if veto is not None:
        points, missing = 0.0, None
    elif points is None and missing is not None and kpi.missing == "zero":
        points = 0.0
        note = Note.of("kpi.missing_zero")
    elif points is None and missing is not None and kpi.missing == "exclude":
        excluded = True
        note = Note.of("kpi.missing_excluded")
    return KpiResult(
        kpi_id=kpi.id,
        name=kpi.name,
        name_en=kpi.name_en,
        max_points=kpi.weight,
        unit=kpi.unit,
        formula=kpi.input,
        raw=m.value,
        numerator=m.numerator,
        denominator=m.denominator,
        band=band.text("%" if kpi.mode == "rank" else kpi.unit) if band else None,
        band_label=band.label if band else None,
        points=points,
        veto=veto,
        missing_reason=missing,
        sources=m.sources,
        sample_size=m.sample,
        mode=kpi.mode,
        percentile=percentile,
        excluded=excluded,
        policy_note=note,
        band_words=_band_words(kpi, band),
        decimals=shown_decimals(band, m.value, kpi.unit)
        if band and m.value is not None and kpi.mode != "rank"
        else None,
        at_bound=at_bound(band, m.value, kpi.unit, kpi.bands)
        if band and m.value is not None and kpi.mode != "rank"
        else None,
        basis=m.basis,
        formula_words=m.formula_words,
    )


# The decimals a value of each unit is usually shown with (a rate in percent points).
USUAL_DECIMALS = {"%": 2, "s": 1, "score": 1, "yuan": 2}


def shown_decimals(band: Band, value: float, unit: str) -> int | None:
    """More decimals than the unit's usual when, rounded as usual, the value would read as
    outside its band (45.04 s shown "45.0" beside "45–80 秒（不含 45 秒）"); None otherwise."""
    usual = USUAL_DECIMALS.get(unit)
    if usual is None:
        return None
    scale = 100 if unit == "%" else 1
    for decimals in range(usual, usual + 5):
        if band.contains(round(value * scale, decimals) / scale):
            return None if decimals == usual else decimals
    return usual + 4


def _band_words(kpi: Kpi, band: Band | None) -> Note | None:
    """The agent's band as a person writes it, or the rule of a KPI scored without bands."""
    if band is None:
        return rule_words(kpi)
    return rank_band_words(band) if kpi.mode == "rank" else band_words(band, kpi.unit)


def _value(values: Mapping[str, Aggregate], name: str) -> float | None:
    agg = values.get(name)
    return None if agg is None else agg.value


def _sample_size(
    kpi: Kpi, agg: AgentAggregates, values: Mapping[str, Aggregate], names: tuple[str, ...]
) -> int | None:
    if kpi.sample:
        value = agg.value(kpi.sample)
        return None if value is None else int(value)
    rows = [values[n].rows for n in names if n in values]
    return min(rows) if rows else None


def _sources(names: tuple[str, ...], agg: AgentAggregates, vocabulary: Vocabulary) -> tuple[SourceRef, ...]:
    roles: list[str] = []
    for name in names:
        field = vocabulary.resolve(name)
        if field and field.role not in roles:
            roles.append(field.role)
    return tuple(ref for role in roles for ref in agg.sources.get(role, ()))
