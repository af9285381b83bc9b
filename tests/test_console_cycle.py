"""The console after ``run`` names the 试用期 agents at the retrain limit (已达再培训上限), right
after who is 不予上岗: at most ten, then how many in all; nothing without history."""

from __future__ import annotations

import dataclasses

from csreport.cli.console import agent_lines
from csreport.results import AgentTrend, Conclusion, MonthResult, Trends
from tests.factories import agent, sample_month

MONTHS = ("2026-09", "2026-10")


def with_limits(month: MonthResult, fails: dict[str, tuple[int, int]]) -> Trends:
    """Trends giving each agent of ``fails`` (工号 → (fails, limit)) that count."""
    return Trends(
        MONTHS,
        tuple(
            AgentTrend(i, (None, None), None, None, None, None, (), n, limit)
            for i, (n, limit) in fails.items()
        ),
    )


def probation(month: MonthResult) -> MonthResult:
    """李四 (1002, 不予上岗) and 王五 (1003, 缺数据) on the 试用期 table."""
    agents = tuple(
        dataclasses.replace(a, table_id="probation", table_name="试用期", table_name_en="Probation")
        if a.agent_id in ("1002", "1003")
        else a
        for a in month.agents
    )
    return dataclasses.replace(month, agents=agents)


def test_the_limit_follows_who_is_not_cleared_in_both_languages() -> None:
    month = probation(sample_month())
    # 李四 at 2 of 2; 王五 at 1 of 2 (not at the limit); 张三 counted on no table
    trends = with_limits(month, {"1002": (2, 2), "1003": (1, 2)})
    lines = agent_lines(month.agents, "zh", trends)
    assert lines[:3] == [
        "不予上岗：1002 李四（平均响应时长超过 100 秒）",
        "已达再培训上限（试用期不予上岗 2/2）：1002 李四",
        "缺数据：  1003 王五（工作态度：没有抽查记录）",
    ]
    assert len(lines) == 3  # (the fourth agent is in the roster: nobody to check)
    assert agent_lines(month.agents, "en", trends)[:3] == [
        "Not cleared (不予上岗): 1002 李四 (Average response time over 100 s)",
        "Retraining limit reached (已达再培训上限), not cleared 2/2 on Probation: 1002 李四",
        "Missing data (缺数据):  1003 王五 (attitude: missing: 没有抽查记录)",  # the data's words
    ]


def test_without_history_or_anyone_at_the_limit_nothing_is_added() -> None:
    month = probation(sample_month())
    plain = agent_lines(month.agents, "zh")
    assert agent_lines(month.agents, "zh", None) == plain
    assert agent_lines(month.agents, "zh", with_limits(month, {"1002": (1, 2)})) == plain
    assert not any("再培训" in line for line in plain)


def test_the_limit_is_said_first_when_nobody_is_not_cleared_this_month() -> None:
    one = agent("2001", "赵六", table_id="probation", table_name="试用期", table_name_en="Probation")
    other = agent("2002", "钱七", conclusion=Conclusion.MISSING, total=None, rank=None, grade=None)
    lines = agent_lines([one, other], "zh", with_limits(sample_month(), {"2001": (2, 2)}))
    assert lines[0] == "已达再培训上限（试用期不予上岗 2/2）：2001 赵六"
    assert lines[1].startswith("缺数据：2002 钱七")


def test_at_most_ten_are_named_then_how_many_in_all() -> None:
    staff = [
        agent(f"KF{n:03}", f"试{n}", table_id="probation", table_name="试用期", table_name_en="Probation")
        for n in range(1, 13)
    ]
    trends = with_limits(sample_month(), {a.agent_id: (2, 2) for a in staff})
    named = "、".join(f"KF{n:03} 试{n}" for n in range(1, 11))
    assert agent_lines(staff, "zh", trends) == [f"已达再培训上限（试用期不予上岗 2/2）：{named} 等 12 人"]
    named_en = ", ".join(f"KF{n:03} 试{n}" for n in range(1, 11))
    assert agent_lines(staff, "en", trends) == [
        "Retraining limit reached (已达再培训上限), not cleared 2/2 on Probation: "
        f"{named_en} and others (12 in all)"
    ]


def test_agents_past_the_limit_or_on_other_tables_are_listed_apart() -> None:
    a = agent("3001", "甲", table_id="probation", table_name="试用期")
    b = agent("3002", "乙", table_id="probation", table_name="试用期")
    c = agent("3003", "丙", table_id="trainee", table_name="见习")
    trends = with_limits(sample_month(), {"3001": (2, 2), "3002": (3, 2), "3003": (1, 1)})
    assert agent_lines([a, b, c], "zh", trends) == [
        "已达再培训上限（试用期不予上岗 2/2）：3001 甲",
        "已达再培训上限（试用期不予上岗 3/2）：3002 乙",
        "已达再培训上限（见习不予上岗 1/1）：3003 丙",
    ]
