"""The fields csreport knows: the monthly aggregates a rules formula may name, and the
metrics a shop declares in its header mapping file (``fields:``).

Formulas may use either the English id (``replied / inquiries``) or the Chinese name
(``回复人数 / 咨询人数``); both resolve to the same aggregate. A declared field is named by
its one name (``三分钟回复率``) and is read from data sheets like a reception column.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass

# The units a declared field may have, as in a rules file: % (a rate, held as a fraction),
# s (seconds), count, yuan (an amount) and score.
UNITS = ("%", "s", "count", "yuan", "score")


@dataclass(frozen=True)
class AggregateField:
    """One per-agent monthly aggregate: its id, Chinese and English names, and source role."""

    id: str
    zh: str
    en: str
    role: str  # reception | qa | attendance
    declared: bool = False  # from the shop's mapping file, not built in
    unit: str = "count"  # % s count yuan score day: how its values are written for a reader


AGGREGATES: tuple[AggregateField, ...] = (
    AggregateField("received", "接待人数", "Sessions received", "reception"),
    AggregateField("inquiries", "咨询人数", "Customers who asked", "reception"),
    AggregateField("replied", "回复人数", "Customers replied", "reception"),
    AggregateField("avg_response_s", "平均响应时长", "Average response time (s)", "reception", unit="s"),
    AggregateField("first_response_s", "首次响应时长", "First response time (s)", "reception", unit="s"),
    AggregateField("pre_sales", "询单人数", "Pre-sales inquiries", "reception"),
    AggregateField("paid_orders", "付款订单数", "Paid orders", "reception"),
    AggregateField("inquiry_paid", "询单付款人数", "Inquiring customers who paid", "reception"),
    AggregateField("satisfaction_rate", "客户满意率", "Customer satisfaction rate", "reception", unit="%"),
    AggregateField("sales", "销售额", "Sales amount", "reception", unit="yuan"),
    AggregateField("qa_chats", "抽查数", "Sampled chats", "qa"),
    AggregateField("attitude_score", "态度得分", "Attitude score", "qa", unit="score"),
    AggregateField("error_count", "差错数", "Error records", "qa"),
    AggregateField("max_same_error", "同类差错最多次数", "Most frequent error type count", "qa"),
    AggregateField("shop_risk", "店铺风险数", "Shop-risk errors", "qa"),
    AggregateField("present_days", "出勤天数", "Days present", "attendance", unit="day"),
    AggregateField("late", "迟到次数", "Times late", "attendance"),
    AggregateField("early_leave", "早退次数", "Early leaves", "attendance"),
    AggregateField("leave_days", "请假天数", "Days on leave", "attendance", unit="day"),
    AggregateField("absent_days", "旷工天数", "Days absent", "attendance", unit="day"),
    AggregateField("rest_days", "休息天数", "Rest days", "attendance", unit="day"),
)

# Reception aggregates that are weighted means of daily values, by sessions received.
WEIGHTED = {"avg_response_s": "received", "first_response_s": "received", "satisfaction_rate": "received"}

# How a month is made of an aggregate's rows when it is not a sum: a weighted mean (``WEIGHTED``),
# the mean of the sampled chats' scores, the most repeated error type, the number of chats.
MONTH_WAY = {"attitude_score": "mean", "max_same_error": "max", "qa_chats": "count"}

BY_NAME: dict[str, AggregateField] = {}
for _f in AGGREGATES:
    BY_NAME[_f.id] = _f
    BY_NAME[_f.zh] = _f


def resolve(name: str) -> AggregateField | None:
    """The built-in aggregate a formula name refers to, by id or Chinese name."""
    return BY_NAME.get(name)


@dataclass(frozen=True)
class DeclaredField:
    """A metric the shop scores that csreport has no name for, declared in the mapping file.

    ``name`` is its id everywhere (formulas, tables, results); ``column`` the header it is
    read from, as written ("" when a ``derive`` entry computes it). ``month`` says how a
    month is made of daily rows: ``sum``, ``mean`` (of the rows holding a value) or
    ``weighted`` by the row-level field ``weight`` (a field id such as ``inquiries``).
    """

    name: str
    column: str
    unit: str
    month: str
    weight: str | None = None

    @property
    def aggregate(self) -> AggregateField:
        """The field as a rules formula sees it."""
        unit = self.unit if self.unit in UNITS else "count"
        return AggregateField(self.name, self.name, self.name, "reception", declared=True, unit=unit)


def valid_name(name: str) -> bool:
    """True when ``name`` can be a declared field: one word a formula can name."""
    return name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_")


class Vocabulary:
    """The aggregates a formula may name: the built-in ones plus a shop's declared fields."""

    def __init__(self, declared: tuple[DeclaredField, ...] = ()) -> None:
        self.declared = declared
        self._declared = {d.name: d for d in declared}
        self._fields = {**BY_NAME, **{d.name: d.aggregate for d in declared}}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and other.declared == self.declared

    def __hash__(self) -> int:
        return hash(self.declared)

    def resolve(self, name: str) -> AggregateField | None:
        """The aggregate ``name`` refers to (id, Chinese name, or a declared name)."""
        return self._fields.get(name)

    def declaration(self, field_id: str) -> DeclaredField | None:
        """The declaration of ``field_id`` when the shop declared it."""
        return self._declared.get(field_id)

    def month_way(self, field_id: str) -> tuple[str, str | None]:
        """How a month of ``field_id`` is made of its rows: (sum | mean | weighted | max | count,
        the weight field of a weighted mean)."""
        if field_id in WEIGHTED:
            return "weighted", WEIGHTED[field_id]
        declared = self._declared.get(field_id)
        if declared is not None:
            return declared.month, declared.weight
        return MONTH_WAY.get(field_id, "sum"), None

    def names(self) -> list[str]:
        """Every Chinese name a formula may use, built-in first, then the declared ones."""
        return [f.zh for f in AGGREGATES] + [d.name for d in self.declared]


BUILTIN = Vocabulary()
