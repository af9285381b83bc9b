"""The rules as immutable data: tables of KPIs, bands, vetoes, grades and coefficients."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


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

    def contains(self, x: float) -> bool:
        """True when ``x`` lies in this band, honouring each bound's inclusiveness."""
        above = x >= self.low if self.low_incl else x > self.low
        below = x <= self.high if self.high_incl else x < self.high
        return above and below

    def text(self, unit: str = "") -> str:
        """Interval notation, e.g. ``(45, 80]`` or ``[98%, ∞)``."""
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
        return f"{self.expr} {self.op} {fmt_number(self.value)}"


@dataclass(frozen=True)
class Kpi:
    """One scored item of a table."""

    id: str
    name: str
    name_en: str
    weight: float  # = maximum points
    input: str  # formula over monthly aggregates
    unit: str  # "s" | "%" | "score" | "count"
    bands: tuple[Band, ...]
    vetoes: tuple[VetoCondition, ...] = ()
    missing: str = "no_score"  # what to do without data; 0.1 supports only no_score
    min_sample: int = 0  # below this sample size the KPI counts as missing
    sample: str | None = None  # aggregate that counts the sample, e.g. qa_chats
    rounding: int | None = None  # decimals applied before comparison; None = none
    note: str = ""  # how the source table's ambiguity was resolved


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


@dataclass(frozen=True)
class Grade:
    """A result grade: reached when 总分 >= min_total and the agent passed."""

    name: str
    min_total: float  # inclusive
    label: str = ""


@dataclass(frozen=True)
class Level:
    """A rung of the level ladder (级别) with its example benefits."""

    name: str
    name_en: str
    benefits: tuple[tuple[str, str], ...] = ()  # (benefit, value), e.g. (年假天数, 5)


@dataclass(frozen=True)
class RuleSet:
    """A complete rules file: tables, grades, the level ladder and the 系数 table."""

    name: str
    name_en: str
    source: str  # preset name or file path
    hash: str  # short content hash of the file text
    tables: tuple[Table, ...]
    grades: tuple[Grade, ...]  # highest first; the fail grade is the last
    fail_grade: str
    levels: tuple[Level, ...]
    coefficients: dict[str, dict[str, float]] = field(default_factory=dict)  # level→grade→系数
    text: str = ""  # the file as written, for the 规则 sheet

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
        if default is None:
            return self.tables[-1]
        return default

    def grade_for(self, total: float | None, passed: bool) -> str | None:
        """The grade for a total, or the fail grade when the agent did not pass."""
        if not passed:
            return self.fail_grade
        if total is None:
            return None
        for grade in self.grades:
            if total >= grade.min_total:
                return grade.name
        return self.fail_grade

    def coefficient(self, level: str, grade: str | None) -> float | None:
        """系数 for a level and grade, or None when either is unknown."""
        if grade is None:
            return None
        return self.coefficients.get(level, {}).get(grade)
