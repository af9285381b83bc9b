"""The 汇总 and the JSON take 试用期 counting across months from the one column specification:
"不予上岗次数" ("1/2") and, beside it, "已达再培训上限" at the limit; the JSON carries ``fails``
and ``fail_limit``. Without history nothing changes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from csreport.outputs.columns import Column, json_columns, summary_columns, writeback_columns
from csreport.outputs.json import result_json
from csreport.results import AgentTrend, MonthResult, Trends
from tests.factories import sample_month

MONTHS = ("2026-09", "2026-10")


def month_with_fails() -> MonthResult:
    """李四 (1002) 2 of 2 (at the limit), 王五 (1003) 1 of 2; 张三 (1001) on a table that counts none."""
    trends = Trends(
        MONTHS,
        (
            AgentTrend("1001", (88.0, 90.0), 2.0, 89.0, 1, 1),
            AgentTrend("1002", (60.0, 55.0), -5.0, 57.5, 3, 2, (), 2, 2),
            AgentTrend("1003", (70.0, None), None, 70.0, None, 2, (), 1, 2),
        ),
    )
    return dataclasses.replace(sample_month(), trends=trends)


def by_key(columns: Sequence[object]) -> dict[str, Column]:
    return {c.key: c for c in columns if isinstance(c, Column)}


def test_the_summary_counts_fails_and_flags_the_limit_in_both_languages() -> None:
    month = month_with_fails()
    columns = by_key(summary_columns(month.agents, month.trends))
    keys = list(columns)
    assert (
        keys.index("fails") == keys.index("rank") + 1 and keys.index("fail_limit") == keys.index("fails") + 1
    )
    fails, flag = columns["fails"], columns["fail_limit"]
    assert (fails.label, flag.label) == ("workbook.fails", "workbook.retrain")
    agents = {a.agent_id: a for a in month.agents}
    assert [fails.value(agents[i], "zh") for i in ("1001", "1002", "1003", "1004")] == [
        None,
        "2/2",
        "1/2",
        None,
    ]
    assert [flag.value(agents[i], "zh") for i in ("1001", "1002", "1003", "1004")] == [
        None,
        "已达再培训上限",
        None,
        None,
    ]
    assert flag.value(agents["1002"], "en") == "Retraining limit reached (已达再培训上限)"


def test_the_columns_show_only_where_some_agent_counts() -> None:
    month = month_with_fails()
    assert month.trends is not None
    nobody = dataclasses.replace(month.trends, agents=month.trends.agents[:1])  # only 张三, counting none
    keys = set(by_key(summary_columns(month.agents, nobody)))
    assert "fails" not in keys and "fail_limit" not in keys
    # Without history the 汇总 has exactly the columns it had.
    assert summary_columns(month.agents, None) == summary_columns(month.agents)
    assert "fails" not in by_key(summary_columns(month.agents))
    # Write-back copies a month's own results only.
    assert {"fails", "fail_limit"}.isdisjoint(c.key for c in writeback_columns())


def test_the_json_carries_the_count_and_the_limit_only_with_history() -> None:
    month = month_with_fails()
    records = {r["agent_id"]: r for r in json.loads(result_json(month, [], "zh"))["agents"]}
    assert [(records[i]["fails"], records[i]["fail_limit"]) for i in ("1001", "1002", "1003")] == [
        (None, None),
        (2, 2),
        (1, 2),
    ]
    plain = json.loads(result_json(dataclasses.replace(month, trends=None), [], "zh"))["agents"]
    assert all("fails" not in r and "fail_limit" not in r for r in plain)
    assert [c.key for c in json_columns()] == [c.key for c in json_columns(None)]
