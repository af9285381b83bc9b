"""The rules written the way a person writes them, for every page a manager or HR reads.

A band reads "≥ 98%", "95%–98%（不含 98%）", "45–80 秒", "> 100 秒" or "0 次" rather than
interval notation; a formula reads "付款订单数 ÷ 接待人数"; a KPI scored without bands says
its rule ("每 1 次扣 1 分，最多扣 5 分"). Everything is returned as a ``Note`` (a catalogue
code and its parameters, quantities as ``Bilingual``), so the words are made in the reader's
language where they are shown. The interval notation (``Band.text``) stays for audit columns.
"""

from __future__ import annotations

import functools
import math

from csreport.fields import BUILTIN, Vocabulary
from csreport.messages import Bilingual, Note, translate
from csreport.rules.formula import parse
from csreport.rules.model import Band, Kpi, VetoCondition, fmt_number
from csreport.util.formula import Formula, spell

# Units whose values are never negative: a band starting at 0 (included) has no lower bound
# a reader needs to see ("≤ 45 秒" rather than "0–45 秒").
_NON_NEGATIVE = ("s", "%", "count", "score", "yuan", "day")


def number(value: float) -> str:
    """A count or amount for reading: thousands separated, no pointless decimals (3,122; 81,547.3)."""
    if not math.isfinite(value):
        return fmt_number(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@functools.lru_cache(maxsize=4096)
def quantity(value: float, unit: str) -> Bilingual:
    """``value`` with its unit in both languages: 45 秒 / 45 s, 98%, 2 次, 85 分, 1,200 元."""
    code = f"unit.{unit}" if f"unit.{unit}" in _UNIT_CODES else "unit.plain"
    n = fmt_number(value, "%") if unit == "%" else number(value)
    if unit == "%":
        n = n[:-1]  # the catalogue's template adds the sign
    return Bilingual(translate(code, "zh", n=n), translate(code, "en", n=n))


_UNIT_CODES = {f"unit.{u}" for u in ("s", "%", "score", "count", "yuan", "day", "point", "points")}


def points(value: float) -> Bilingual:
    """Points for reading: 5 分 / 5 pts (1 pt)."""
    return quantity(value, "point" if value == 1 else "points")


def _bare(value: float, unit: str) -> Bilingual:
    """The first number of a range: a percentage keeps its sign, other units are said once, after
    the second number ("95%–98%", "45–80 秒")."""
    text = fmt_number(value, "%") if unit == "%" else number(value)
    return Bilingual(text, text)


@functools.lru_cache(maxsize=4096)
def band_words(band: Band, unit: str) -> Note:
    """The band as a person writes it; the side a range leaves out is said in words."""
    if band.garbled:
        return Note.of("rules.band_unreadable", written=band.written or "")
    low, high = band.low, band.high
    if low == high and not math.isinf(low):
        return Note.of("band.exactly", value=quantity(low, unit))
    no_low = math.isinf(low) or (low == 0 and band.low_incl and unit in _NON_NEGATIVE)
    no_high = math.isinf(high) or (unit == "%" and high == 1 and band.high_incl)
    if no_low and no_high:
        return Note.of("band.any")
    if no_high:
        return Note.of("band.at_least" if band.low_incl else "band.more_than", low=quantity(low, unit))
    if no_low:
        return Note.of("band.at_most" if band.high_incl else "band.less_than", high=quantity(high, unit))
    ends = {"low": _bare(low, unit), "high": quantity(high, unit)}
    if band.low_incl and band.high_incl:
        return Note.of("band.between", **ends)
    if band.low_incl or band.high_incl:
        left_out = high if band.low_incl else low
        return Note.of("band.between_excluding", bound=quantity(left_out, unit), **ends)
    return Note.of("band.between_open", **ends)


def at_bound(band: Band, value: float, unit: str, bands: tuple[Band, ...] = ()) -> Note | None:
    """The note "恰好 45 秒算此档" when ``value`` is exactly a bound this band includes and another
    of ``bands`` starts or ends there: the case where the side a bound belongs to decides the points."""
    if band.garbled or band.low == band.high:
        return None
    on_bound = (band.low_incl and value == band.low) or (band.high_incl and value == band.high)
    shared = any(b is not band and value in (b.low, b.high) for b in bands)
    return Note.of("band.at_bound", value=quantity(value, unit)) if on_bound and shared else None


def rank_band_words(band: Band) -> Note:
    """A rank-mode band: the percentile in the agent's group."""
    return Note.of("band.rank", band=band_words(band, "%").bilingual())


@functools.lru_cache(maxsize=1024)
def rule_words(kpi: Kpi) -> Note | None:
    """How a KPI scored without bands turns its value into points; None for band mode."""
    if kpi.mode == "linear" and len(kpi.anchors) == 2:
        (x1, p1), (x2, p2) = kpi.anchors
        return Note.of(
            "rule.linear",
            x1=quantity(x1, kpi.unit),
            p1=points(p1),
            x2=quantity(x2, kpi.unit),
            p2=points(p2),
        )
    if kpi.mode == "per_unit":
        each = kpi.per_unit
        code = "rule.per_unit_minus" if each < 0 else "rule.per_unit_plus"
        # "每 1 次扣 1 分" reads well in Chinese; English says "per occurrence" for a count.
        one = (
            Bilingual(quantity(1, "count").zh, "occurrence") if kpi.unit == "count" else quantity(1, kpi.unit)
        )
        rule = Note.of(code, one=one, points=points(abs(each)))
        if each < 0 and kpi.floor is not None:
            return Note.of("rule.floor", rule=rule.bilingual(), points=points(abs(kpi.floor)))
        if each > 0 and kpi.ceiling is not None:
            return Note.of("rule.cap", rule=rule.bilingual(), points=points(kpi.ceiling))
        return rule
    if kpi.mode == "rank" and not kpi.bands:
        return Note.of("rule.rank")
    return None


@functools.lru_cache(maxsize=1024)
def field_name(field_id: str, vocabulary: Vocabulary = BUILTIN) -> Bilingual:
    """A field's name for readers: 付款订单数 / Paid orders; a declared field by its own name."""
    found = vocabulary.resolve(field_id)
    if found is None:
        return Bilingual(field_id, field_id)
    return Bilingual(found.zh, found.en)


def spelled(formula: Formula, vocabulary: Vocabulary = BUILTIN) -> Bilingual:
    """A parsed formula with field names in both languages."""
    return Bilingual(
        spell(formula, lambda i: field_name(i, vocabulary).zh),
        spell(formula, lambda i: field_name(i, vocabulary).en),
    )


@functools.lru_cache(maxsize=1024)
def formula_words(text: str, vocabulary: Vocabulary = BUILTIN) -> Note:
    """A rules formula with field names: "付款订单数 ÷ 接待人数"; as written when it cannot be read."""
    try:
        formula = parse(text, vocabulary)
    except ValueError:
        return Note.of("formula.words", formula=text)
    return Note.of("formula.words", formula=spelled(formula, vocabulary))


def condition_words(cond: VetoCondition, vocabulary: Vocabulary = BUILTIN) -> Note:
    """A veto condition with field names: "店铺风险数 > 0", "三分钟回复率 < 50%"."""
    op = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠"}.get(cond.op, cond.op)
    value = fmt_number(cond.value, cond.unit)
    return Note.of(
        "condition.words", formula=formula_words(cond.expr, vocabulary).bilingual(), op=op, value=value
    )
