"""The monthly aggregates a rules formula may name, with their Chinese names.

Formulas may use either the English id (``replied / inquiries``) or the Chinese name
(``回复人数 / 咨询人数``); both resolve to the same aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AggregateField:
    """One per-agent monthly aggregate: its id, Chinese and English names, and source role."""

    id: str
    zh: str
    en: str
    role: str  # reception | qa | attendance


AGGREGATES: tuple[AggregateField, ...] = (
    AggregateField("received", "接待人数", "Sessions received", "reception"),
    AggregateField("inquiries", "咨询人数", "Customers who asked", "reception"),
    AggregateField("replied", "回复人数", "Customers replied", "reception"),
    AggregateField("avg_response_s", "平均响应时长", "Average response time (s)", "reception"),
    AggregateField("first_response_s", "首次响应时长", "First response time (s)", "reception"),
    AggregateField("pre_sales", "询单人数", "Pre-sales inquiries", "reception"),
    AggregateField("paid_orders", "付款订单数", "Paid orders", "reception"),
    AggregateField("inquiry_paid", "询单付款人数", "Inquiring customers who paid", "reception"),
    AggregateField("satisfaction_rate", "客户满意率", "Customer satisfaction rate", "reception"),
    AggregateField("sales", "销售额", "Sales amount", "reception"),
    AggregateField("qa_chats", "抽查数", "Sampled chats", "qa"),
    AggregateField("attitude_score", "态度得分", "Attitude score", "qa"),
    AggregateField("error_count", "差错数", "Error records", "qa"),
    AggregateField("max_same_error", "同类差错最多次数", "Most frequent error type count", "qa"),
    AggregateField("shop_risk", "店铺风险数", "Shop-risk errors", "qa"),
    AggregateField("present_days", "出勤天数", "Days present", "attendance"),
    AggregateField("late", "迟到次数", "Times late", "attendance"),
    AggregateField("early_leave", "早退次数", "Early leaves", "attendance"),
    AggregateField("leave_days", "请假天数", "Days on leave", "attendance"),
    AggregateField("absent_days", "旷工天数", "Days absent", "attendance"),
    AggregateField("rest_days", "休息天数", "Rest days", "attendance"),
)

BY_NAME: dict[str, AggregateField] = {}
for _f in AGGREGATES:
    BY_NAME[_f.id] = _f
    BY_NAME[_f.zh] = _f


def resolve(name: str) -> AggregateField | None:
    """The aggregate a formula name refers to, by id or Chinese name."""
    return BY_NAME.get(name)
