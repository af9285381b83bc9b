"""The monthly aggregates a rules formula may name, with their Chinese names.

Formulas may use either the English id (``replied / inquiries``) or the Chinese name
(``回复人数 / 咨询人数``); both resolve to the same aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AggregateField:
    """One per-agent monthly aggregate: its id, Chinese name, source role and domain."""

    id: str
    zh: str
    en: str
    role: str  # reception | qa | attendance
    how: str  # how it is aggregated, in Chinese, for the explanation trace
    how_en: str


AGGREGATES: tuple[AggregateField, ...] = (
    AggregateField("received", "接待人数", "Sessions received", "reception", "求和", "sum"),
    AggregateField("inquiries", "咨询人数", "Customers who asked", "reception", "求和", "sum"),
    AggregateField("replied", "回复人数", "Customers replied", "reception", "求和", "sum"),
    AggregateField(
        "avg_response_s",
        "平均响应时长",
        "Average response time (s)",
        "reception",
        "按接待人数加权平均",
        "weighted by sessions received",
    ),
    AggregateField(
        "first_response_s",
        "首次响应时长",
        "First response time (s)",
        "reception",
        "按接待人数加权平均",
        "weighted by sessions received",
    ),
    AggregateField("pre_sales", "询单人数", "Pre-sales inquiries", "reception", "求和", "sum"),
    AggregateField("paid_orders", "付款订单数", "Paid orders", "reception", "求和", "sum"),
    AggregateField(
        "inquiry_paid",
        "询单付款人数",
        "Inquiring customers who paid",
        "reception",
        "求和",
        "sum",
    ),
    AggregateField(
        "satisfaction_rate",
        "客户满意率",
        "Customer satisfaction rate",
        "reception",
        "按接待人数加权平均",
        "weighted by sessions received",
    ),
    AggregateField("sales", "销售额", "Sales amount", "reception", "求和", "sum"),
    AggregateField("qa_chats", "抽查数", "Sampled chats", "qa", "计数", "count"),
    AggregateField(
        "attitude_score",
        "态度得分",
        "Attitude score",
        "qa",
        "各抽查记录总分的平均",
        "mean of each sampled chat's total",
    ),
    AggregateField("error_count", "差错数", "Error records", "qa", "计数", "count"),
    AggregateField(
        "max_same_error",
        "同类差错最多次数",
        "Most frequent error type count",
        "qa",
        "同一差错类型出现次数的最大值",
        "highest count of any one error type",
    ),
    AggregateField("shop_risk", "店铺风险数", "Shop-risk errors", "qa", "计数", "count"),
    AggregateField(
        "present_days",
        "出勤天数",
        "Days present",
        "attendance",
        "出勤+迟到+早退天数",
        "出勤 + 迟到 + 早退 days",
    ),
    AggregateField("late", "迟到次数", "Times late", "attendance", "计数", "count"),
    AggregateField("early_leave", "早退次数", "Early leaves", "attendance", "计数", "count"),
    AggregateField("leave_days", "请假天数", "Days on leave", "attendance", "计数", "count"),
    AggregateField("absent_days", "旷工天数", "Days absent", "attendance", "计数", "count"),
    AggregateField("rest_days", "休息天数", "Rest days", "attendance", "计数", "count"),
)

BY_NAME: dict[str, AggregateField] = {}
for _f in AGGREGATES:
    BY_NAME[_f.id] = _f
    BY_NAME[_f.zh] = _f


def resolve(name: str) -> AggregateField | None:
    """The aggregate a formula name refers to, by id or Chinese name."""
    return BY_NAME.get(name)
