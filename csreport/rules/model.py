"""The rules as immutable data: tables of KPIs, bands, vetoes, grades and coefficients."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from fractions import Fraction

from csreport.fields import BUILTIN, Vocabulary
from csreport.messages import translate

MODES = ("bands", "linear", "rank", "per_unit")
MISSING_POLICIES = ("no_score", "exclude", "zero")
UNITS = ("s", "%", "score", "count", "yuan")


def fmt_number(value: float, unit: str = "") -> str:
    """Format a bound or value the way a manager writes it (98%, 45, 1.5)."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if unit == "%":
        pct = round(value * 100, 6)
        return f"{pct:g}%"
    return f"{round(value, 6):g}"


@dataclass(frozen=True)
class Band:
    """A half-open, open or closed interval of the KPI's value, with points or a veto."""

    low: float  # -inf when unbounded
    low_incl: bool
    high: float  # +inf when unbounded
    high_incl: bool
    points: float | None  # None when the band is a veto
    veto: str | None = None
    veto_en: str | None = None
    label: str | None = None  # the band as the source table words it, e.g. 均响<=45S
    written: str | None = None  # a literal transcription's condition, e.g. "60 > x <= 80"
    garbled: bool = False  # ``written`` could not be read: the band never matches

    def contains(self, x: float) -> bool:
        """True when ``x`` lies in this band, honouring each bound's inclusiveness."""
        if self.garbled:
            return False
        above = x >= self.low if self.low_incl else x > self.low
        below = x <= self.high if self.high_incl else x < self.high
        return above and below

    def text(self, unit: str = "", lang: str = "zh") -> str:
        """Interval notation, e.g. ``(45, 80]`` or ``[98%, ∞)``; a band whose wording could not
        be read shows that wording, in ``lang``'s brackets."""
        if self.garbled:
            return translate("rules.band_unreadable", lang, written=self.written)
        left = "[" if self.low_incl and not math.isinf(self.low) else "("
        right = "]" if self.high_incl and not math.isinf(self.high) else ")"
        return f"{left}{fmt_number(self.low, unit)}, {fmt_number(self.high, unit)}{right}"

    @property
    def is_veto(self) -> bool:
        return self.veto is not None


@dataclass(frozen=True)
class VetoCondition:
    """A veto on any aggregate, e.g. 店铺风险数 > 0."""

    expr: str  # formula over aggregates
    op: str  # one of > >= < <= == !=
    value: float
    reason: str
    reason_en: str
    unit: str = ""  # "%" when the threshold is written as a percentage (50% rather than 0.5)

    def holds(self, x: float) -> bool:
        """True when the condition is met by the aggregate value ``x``."""
        return {
            ">": x > self.value,
            ">=": x >= self.value,
            "<": x < self.value,
            "<=": x <= self.value,
            "==": x == self.value,
            "!=": x != self.value,
        }[self.op]

    def text(self) -> str:
        """The condition as written: ``三分钟回复率 < 50%``, ``店铺风险数 > 0``."""
        return f"{self.expr} {self.op} {fmt_number(self.value, self.unit)}"


@dataclass(frozen=True)
class Kpi:
    """One scored item of a table.

    Modes: ``bands`` (points or veto per interval), ``linear`` (points interpolated
    between two anchors, capped at both ends), ``rank`` (percentile rank within the
    agent's group, 1 = best, then bands over the percentile or points = weight × it) and
    ``per_unit`` (points per occurrence, bounded by ``floor``/``cap``: deductions and
    bonuses).
    """

    id: str
    name: str
    name_en: str
    weight: float  # = maximum points (0 for a pure deduction)
    input: str  # formula over monthly aggregates
    unit: str  # "s" | "%" | "score" | "count" | "yuan"
    bands: tuple[Band, ...] = ()
    vetoes: tuple[VetoCondition, ...] = ()
    mode: str = "bands"
    anchors: tuple[tuple[float, float], ...] = ()  # linear: ((value, points), (value, points))
    better: str = "higher"  # rank: which way is better
    per_unit: float = 0.0  # per_unit: points per unit of the input
    floor: float | None = None  # per_unit: lowest points (a deduction's limit)
    cap: float | None = None  # per_unit: highest points (a bonus's limit)
    missing: str = "no_score"  # no_score | exclude | zero
    min_sample: int = 0  # below this sample size the KPI counts as missing
    sample: str | None = None  # aggregate that counts the sample, e.g. qa_chats
    rounding: int | None = None  # decimals applied before comparison; None = none
    note: str = ""  # how the source table's ambiguity was resolved

    @property
    def ceiling(self) -> float | None:
        """The most a per-unit KPI adds: its cap, else its weight for a bonus; None for a deduction."""
        if self.cap is not None:
            return self.cap
        return self.weight if self.per_unit > 0 else None

    @property
    def lowest(self) -> float:
        """The fewest points this KPI can give (negative for a deduction)."""
        if self.mode == "per_unit":
            return min(0.0, self.floor if self.floor is not None else 0.0)
        return 0.0

    def scaled(self, weight: float) -> Kpi:
        """The same KPI re-weighted: every point value scales by ``weight / self.weight``."""
        if self.weight == 0 or weight == self.weight:
            return replace(self, weight=weight)
        factor = weight / self.weight
        bands = tuple(
            replace(b, points=None if b.points is None else round(b.points * factor, 6)) for b in self.bands
        )
        anchors = tuple((x, round(p * factor, 6)) for x, p in self.anchors)
        cap = None if self.cap is None else round(self.cap * factor, 6)
        return replace(
            self,
            weight=weight,
            bands=bands,
            anchors=anchors,
            cap=cap,
            per_unit=round(self.per_unit * factor, 6),
        )


@dataclass(frozen=True)
class Grade:
    """A result grade: reached when the agent passed and 总分 >= min_total."""

    name: str
    min_total: float  # inclusive; a fraction of the table total when ``relative``
    label: str = ""
    relative: bool = False  # min_total is a share of the table's total (e.g. 0.9 = 90%)

    def threshold(self, table_total: float) -> float:
        return self.min_total * table_total if self.relative else self.min_total


@dataclass(frozen=True)
class Table:
    """A scoring table (考核表) and whom it applies to."""

    id: str
    name: str
    name_en: str
    total: float
    applies_to: tuple[tuple[str, str], ...]  # (field, value) pairs; empty = default table
    kpis: tuple[Kpi, ...]
    fail_if_total_le: float | None = None  # 总分 <= this → 不予上岗
    note: str = ""
    # How many times an agent on this table may fail (不予上岗) and be retrained: 试用期 agents
    # retrain at most twice, so the preset's probation table says 2. None: not counted.
    retrain_limit: int | None = None


@dataclass(frozen=True)
class Level:
    """A rung of the level ladder (级别) with its example benefits."""

    name: str
    name_en: str
    benefits: tuple[tuple[str, str], ...] = ()  # (benefit, value), e.g. (年假天数, 5)


@dataclass(frozen=True)
class PromotionRule:
    """When the half-year review suggests moving one rung on the level ladder.

    Every condition given must hold; a condition left None is not checked. Months count the
    review period's months with a 总分; vetoes count its months with a veto (否决).
    """

    min_months: int | None = None  # at least this many months with a 总分
    min_average: float | None = None  # mean 总分 at least
    max_average: float | None = None  # mean 总分 at most (a demotion's "average below")
    min_vetoes: int | None = None  # at least this many vetoed months
    max_vetoes: int | None = None  # at most this many vetoed months
    min_tenure_months: int | None = None  # at least this many months since the hire date


@dataclass(frozen=True)
class Promotion:
    """The rules' ``promotion:`` block: the shop's thresholds for the half-year 级别 review.

    ``down`` is checked first: an agent meeting both is suggested down.
    """

    up: PromotionRule | None = None
    down: PromotionRule | None = None


@dataclass(frozen=True)
class SamplingRules:
    """The rules' ``sampling:`` block: how many chats of each agent QA scores, and which.

    Shares are exact fractions (``2%`` is ``Fraction(1, 50)``) so a split never depends on
    floating point. Strata are the five satisfaction words, plus ``未评价`` when unrated chats
    have their own share.
    """

    # per_agent: n = rate x the agent's ``of`` count, rounded half up, then held within
    # [minimum, maximum]; or a fixed n for everyone (rate None).
    rate: Fraction | None = Fraction(1, 50)
    of: str = "接待人数"  # 接待人数 (the agent's chats in the list) or 可抽会话 (eligible chats)
    minimum: int = 5
    maximum: int = 30
    fixed: int | None = None
    # Stratum -> share of n, in the order written; the shares add up to 100%.
    mix: tuple[tuple[str, Fraction], ...] = ()
    # Unrated chats: counted in the named stratum, "exclude" (never sampled) or "未评价" (own share).
    unrated: str = "一般"
    # Where a stratum's missing chats are taken from instead, first to last.
    shortfall: tuple[str, ...] = ()
    # A chat is eligible when it has at least this many messages (None: no minimum; a list
    # without a message count column makes every chat eligible, and the notes say so).
    min_messages: int | None = None
    # The 差错类型 dropdown of the task sheet (a reviewer may still type another).
    error_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """A named set of weights (e.g. 重服务) that replaces some KPIs' weights."""

    name: str
    name_en: str
    weights: tuple[tuple[str, str, float], ...]  # (table id, kpi id, weight)
    note: str = ""


@dataclass(frozen=True)
class RuleSet:
    """A complete rules file: tables, grades, the level ladder and the 系数 table."""

    name: str
    name_en: str
    source: str  # preset name or file path
    hash: str  # short content hash of the file text
    tables: tuple[Table, ...]
    grades: tuple[Grade, ...]  # highest first
    fail_grade: str
    levels: tuple[Level, ...]
    coefficients: dict[str, dict[str, float]] = field(default_factory=dict)  # level→grade→系数
    text: str = ""  # the file as written, for the 规则 sheet
    profiles: tuple[Profile, ...] = ()
    profile: str | None = None  # the profile applied, if any
    # The first month these rules apply to (``effective_from: 2026-07``), "" when always.
    effective_from: str = ""
    promotion: Promotion | None = None  # the half-year review's thresholds, None when not given
    sampling: SamplingRules | None = None  # QA sampling (csreport sample), None when not given
    # The aggregates the formulas may name: built in, plus the fields the shop's mapping file
    # declares; scoring resolves the formulas' names with it.
    vocabulary: Vocabulary = BUILTIN

    def table_for(self, status: str, group: str) -> Table:
        """The table that applies to an agent with this 岗位状态 and 组别."""
        fields = {"岗位状态": status, "组别": group}
        default: Table | None = None
        for table in self.tables:
            if not table.applies_to:
                default = default or table
                continue
            if all(fields.get(k, "") == v for k, v in table.applies_to):
                return table
        return default if default is not None else self.tables[-1]

    def grade_for(self, total: float | None, passed: bool, table_total: float = 100) -> str | None:
        """The grade for a total, or the fail grade when the agent did not pass."""
        if not passed:
            return self.fail_grade
        if total is None:
            return None
        for grade in self.grades:
            if total >= grade.threshold(table_total) - 1e-9:
                return grade.name
        return self.fail_grade

    def coefficient(self, level: str, grade: str | None) -> float | None:
        """系数 for a level and grade, or None when either is unknown."""
        if grade is None:
            return None
        return self.coefficients.get(level, {}).get(grade)

    def level(self, name: str) -> Level | None:
        """The ladder rung called ``name``."""
        return next((lv for lv in self.levels if lv.name == name), None)

    def with_profile(self, name: str | None) -> RuleSet:
        """These rules with a weight profile applied (unchanged when ``name`` is None)."""
        if name is None:
            return self
        profile = next((p for p in self.profiles if name in (p.name, p.name_en)), None)
        if profile is None:
            raise KeyError(name)
        weights = {(t, k): w for t, k, w in profile.weights}
        tables = tuple(
            replace(
                t,
                kpis=tuple(k.scaled(weights[(t.id, k.id)]) if (t.id, k.id) in weights else k for k in t.kpis),
            )
            for t in self.tables
        )
        return replace(
            self,
            tables=tables,
            profile=profile.name,
            name=translate("rules.name_with_profile", "zh", rules=self.name, profile=profile.name),
            name_en=translate("rules.name_with_profile", "en", rules=self.name_en, profile=profile.name_en),
        )
