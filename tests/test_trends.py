"""Trends over six months (scoring.trends), against a hand-computed seven-month series.

The series, 2026-04 to 2026-10, scored month 2026-10 (window 2026-05 … 2026-10):

- history holds 2026-04 (outside the window), 05, 07, 08 and 09; 2026-06 is not recorded;
- 正式 (regular) is out of 100, 试用期 (probation) out of 80 with a retrain limit of 2;
- KF001 张三 一组 正式: 85, –, 88, 90.5, 86 (rank 2), 91.5 (rank 1): 环比 +5.5, ▲1,
  average 441 / 5 = 88.2;
- KF002 李四 一组 正式: 80, –, 82, 缺数据, 90 (rank 1), 84 (rank 2): 环比 −6, ▼1,
  average 336 / 4 = 84;
- KF003 王五 二组 正式: 70, –, 75, 78, absent, 79 (rank 4): 环比 None, no move,
  average 302 / 4 = 75.5;
- KF004 赵六 二组 试用期: hired 07: 62, 64, 40 (fail, rank 2), 44 (fail, rank 2): 环比 +4, "–",
  average 210 / 4 = 52.5; failed once before (09), again now: 2/2, at the retrain limit;
- KF005 钱七 二组: 试用期 60, –, 48 (fail), 66, 70 (rank 1), then 正式 81 (rank 3): 环比 +11,
  no move (the table changed), average 325 / 5 = 65; its 试用期 failure does not count on 正式;
- KF006 孙八 一组 试用期: new, 50 (fail, rank 1): 1/2, not at the limit; average 50;
- KF007 not in the roster: no trend, in no team.

Teams (both groups mix a table out of 80 with one out of 100 in the window, so every month is
in percent of each member's own maximum):

- 一组: 05 (85 + 80) / 2 = 82.5; 07 85; 08 90.5 (KF002 缺数据); 09 88;
  10 (91.5 + 84 + 50 / 80 × 100) / 3 = 238 / 3; 环比 238 / 3 − 88; average 1276 / 15;
- 二组: 05 (70 + 75) / 2 = 72.5; 07 (75 + 77.5 + 60) / 3 = 212.5 / 3;
  08 (78 + 80 + 82.5) / 3 = 240.5 / 3; 09 (50 + 87.5) / 2 = 68.75 (not 55 points of 80);
  10 (79 + 55 + 81) / 3 = 215 / 3; 环比 215 / 3 − 68.75; average (141.25 + 668 / 3) / 5.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from csreport.history.model import AgentRecord, KpiRecord
from csreport.results import AgentResult, AgentTrend, Conclusion, MonthResult, RunMeta, Trends
from csreport.rules.model import RuleSet
from csreport.scoring.teams import assess_teams
from csreport.scoring.trends import build_trends, month_window, previous_month
from tests.factories import agent, sample_rules

MONTH = "2026-10"
WINDOW = ("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
TABLES = {"regular": ("正式", 100.0), "probation": ("试用期", 80.0)}


def series_rules() -> RuleSet:
    """The sample rules with 试用期 out of 80 and retrained at most twice."""
    rules = sample_rules()
    regular, probation = rules.tables
    probation = dataclasses.replace(probation, total=80, retrain_limit=2)
    return dataclasses.replace(rules, tables=(regular, probation))


def record(
    agent_id: str,
    name: str,
    group: str,
    table: str,
    total: float | None,
    rank: int | None = None,
    *,
    conclusion: str = "pass",
    kpis: tuple[KpiRecord, ...] = (),
    in_roster: bool = True,
) -> AgentRecord:
    """One agent's recorded month."""
    table_name, most = TABLES[table]
    return AgentRecord(
        agent_id=agent_id,
        name=name,
        group=group,
        status="试用期" if table == "probation" else "正式",
        level="新员工",
        table_id=table,
        table_name=table_name,
        total=total,
        max_total=most,
        conclusion="missing" if total is None else conclusion,
        grade=None,
        rank=rank,
        rank_of=0,
        coefficient=None,
        bonus=None,
        bonus_base=None,
        in_roster=in_roster,
        hire_date=None,
        attendance=None,
        kpis=kpis,
    )


def points(kpi_id: str, value: float | None) -> KpiRecord:
    return KpiRecord(kpi_id, kpi_id, kpi_id, "s", 20, None, None, None, None, value, None)


def scored(
    agent_id: str,
    name: str,
    group: str,
    table: str,
    total: float | None,
    rank: int | None,
    *,
    conclusion: Conclusion = Conclusion.PASS,
    in_roster: bool = True,
) -> AgentResult:
    """One agent's scored month (2026-10)."""
    table_name, most = TABLES[table]
    return agent(
        agent_id,
        name,
        group=group,
        status="试用期" if table == "probation" else "正式",
        table_id=table,
        table_name=table_name,
        max_total=most,
        total=total,
        rank=rank,
        conclusion=conclusion,
        in_roster=in_roster,
    )


def series_past() -> dict[str, list[AgentRecord]]:
    """The months history holds before 2026-10 (2026-06 is not among them)."""
    return {
        "2026-04": [record("KF001", "张三", "一组", "regular", 10.0, 3)],
        "2026-05": [
            record("KF001", "张三", "一组", "regular", 85.0, 1),
            record("KF002", "李四", "一组", "regular", 80.0, 2),
            record("KF003", "王五", "二组", "regular", 70.0, 3),
            record("KF005", "钱七", "二组", "probation", 60.0, 1),
        ],
        "2026-07": [
            record("KF001", "张三", "一组", "regular", 88.0, 1),
            record("KF002", "李四", "一组", "regular", 82.0, 2),
            record("KF003", "王五", "二组", "regular", 75.0, 3),
            record("KF004", "赵六", "二组", "probation", 62.0, 1),
            record("KF005", "钱七", "二组", "probation", 48.0, 2, conclusion="fail"),
        ],
        "2026-08": [
            record("KF001", "张三", "一组", "regular", 90.5, 1),
            record("KF002", "李四", "一组", "regular", None),
            record("KF003", "王五", "二组", "regular", 78.0, 2),
            record("KF004", "赵六", "二组", "probation", 64.0, 2),
            record("KF005", "钱七", "二组", "probation", 66.0, 1),
            # Not in the roster then: in no team's average.
            record("KF007", "周九", "一组", "regular", 10.0, 3, in_roster=False),
        ],
        "2026-09": [
            record(
                "KF001",
                "张三",
                "一组",
                "regular",
                86.0,
                2,
                kpis=(
                    points("avg_response", 10.0),
                    points("reply_rate", 20.0),
                    points("errors", 18.0),
                    points("attitude", None),
                ),
            ),
            record("KF002", "李四", "一组", "regular", 90.0, 1),
            record("KF004", "赵六", "二组", "probation", 40.0, 2, conclusion="fail"),
            record("KF005", "钱七", "二组", "probation", 70.0, 1),
        ],
    }


def series_month(trends: Trends | None = None) -> MonthResult:
    """2026-10 as scored, its teams assessed."""
    agents = (
        scored("KF001", "张三", "一组", "regular", 91.5, 1),
        scored("KF002", "李四", "一组", "regular", 84.0, 2),
        scored("KF005", "钱七", "二组", "regular", 81.0, 3),
        scored("KF003", "王五", "二组", "regular", 79.0, 4),
        scored("KF006", "孙八", "一组", "probation", 50.0, 1, conclusion=Conclusion.FAIL),
        scored("KF004", "赵六", "二组", "probation", 44.0, 2, conclusion=Conclusion.FAIL),
        scored("KF007", "周九", "一组", "regular", 60.0, None, in_roster=False),
    )
    meta = RunMeta(
        shop="测试旗舰店",
        month=MONTH,
        rules_name="标准考核",
        rules_hash="1a2b3c4d",
        generated_at="2026-11-01T09:00:00",
        tables=(("regular", "正式"), ("probation", "试用期")),
    )
    return MonthResult(meta=meta, agents=agents, teams=assess_teams(agents), trends=trends)


# Months failed (不予上岗) on a table before 2026-10, as the history store counts them.
FAILS_BEFORE = {("KF004", "probation"): 1, ("KF005", "probation"): 1}


def series_trends() -> Trends:
    trends = build_trends(series_month(), series_past(), series_rules(), FAILS_BEFORE)
    assert trends is not None
    return trends


def test_the_window_is_six_calendar_months_across_a_year_end() -> None:
    assert month_window(MONTH) == WINDOW
    assert month_window("2026-02") == ("2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02")
    assert month_window("2026-02", 2) == ("2026-01", "2026-02")
    assert previous_month("2026-01") == "2025-12"
    assert previous_month("2026-10") == "2026-09"
    for bad in ("2026-13", "2026-1", "October"):
        with pytest.raises(ValueError):
            month_window(bad)


def test_no_trend_without_an_earlier_month_of_the_window() -> None:
    """Without a month of the window there is no trend; the probation counts are still there
    (a first failure is 1/2 without any history), and without a retrain limit nothing is."""
    rules = series_rules()
    only_counts = build_trends(series_month(), {}, rules, {})
    assert only_counts is not None and not only_counts.has_past
    assert only_counts.recorded == ("2026-10",)
    counted = {t.agent_id: (t.fails, t.fail_limit) for t in only_counts.agents if t.fails is not None}
    limited = {t.id for t in rules.tables if t.retrain_limit}
    assert counted and all(limit == 2 for _, limit in counted.values()) and limited
    # A month before the window is no trend either.
    old = {"2026-04": series_past()["2026-04"]}
    assert not build_trends(series_month(), old, rules, {}).has_past  # type: ignore[union-attr]
    unlimited = replace(rules, tables=tuple(replace(t, retrain_limit=None) for t in rules.tables))
    assert build_trends(series_month(), {}, unlimited, {}) is None


def test_months_and_recorded_months() -> None:
    trends = series_trends()
    assert trends.months == WINDOW
    assert trends.recorded == ("2026-05", "2026-07", "2026-08", "2026-09", "2026-10")


def test_every_roster_agent_in_the_months_order() -> None:
    trends = series_trends()
    assert [t.agent_id for t in trends.agents] == ["KF001", "KF002", "KF005", "KF003", "KF006", "KF004"]
    assert trends.of("KF007") is None


def test_totals_change_and_average_by_hand() -> None:
    t = series_trends()
    expected = {
        "KF001": ((85.0, None, 88.0, 90.5, 86.0, 91.5), 5.5, 88.2),
        "KF002": ((80.0, None, 82.0, None, 90.0, 84.0), -6.0, 84.0),
        "KF003": ((70.0, None, 75.0, 78.0, None, 79.0), None, 75.5),
        "KF004": ((None, None, 62.0, 64.0, 40.0, 44.0), 4.0, 52.5),
        "KF005": ((60.0, None, 48.0, 66.0, 70.0, 81.0), 11.0, 65.0),
        "KF006": ((None, None, None, None, None, 50.0), None, 50.0),
    }
    for agent_id, (totals, change, average) in expected.items():
        trend = t.of(agent_id)
        assert trend is not None
        assert trend.totals == totals, agent_id
        assert trend.change == change, agent_id
        assert trend.average == pytest.approx(average, abs=1e-12), agent_id


def test_a_gap_is_never_zero() -> None:
    trend = series_trends().of("KF003")
    assert trend is not None
    # Absent in 2026-09: no 环比, and the average is over the four months with a total.
    assert trend.totals[4] is None and trend.change is None
    assert trend.average == 302 / 4


def test_a_missing_data_month_is_a_gap() -> None:
    month = series_month()
    agents = tuple(
        dataclasses.replace(a, total=None, rank=None, conclusion=Conclusion.MISSING)
        if a.agent_id == "KF001"
        else a
        for a in month.agents
    )
    trends = build_trends(dataclasses.replace(month, agents=agents), series_past(), series_rules(), {})
    assert trends is not None
    trend = trends.of("KF001")
    assert trend is not None
    assert trend.totals == (85.0, None, 88.0, 90.5, 86.0, None)
    assert trend.change is None and trend.rank_move is None
    assert trend.average == pytest.approx(349.5 / 4, abs=1e-12)


def test_rank_moves() -> None:
    t = series_trends()
    moves = {a.agent_id: (a.rank, a.previous_rank, a.rank_move) for a in t.agents}
    assert moves == {
        "KF001": (1, 2, 1),  # ▲1
        "KF002": (2, 1, -1),  # ▼1
        "KF003": (4, None, None),  # absent last month
        "KF004": (2, 2, 0),  # –
        # 1st on 试用期 last month, 3rd on 正式 now: places on two tables do not compare.
        "KF005": (3, None, None),
        "KF006": (1, None, None),  # new
    }


def test_kpi_changes_against_last_month() -> None:
    trend = series_trends().of("KF001")
    assert trend is not None
    # Now: avg_response 15, reply_rate 20, conversion 20, errors 20, attitude 15 (factories).
    assert trend.kpi_changes == (
        ("avg_response", 5.0),
        ("reply_rate", 0.0),
        ("conversion", None),  # not scored last month
        ("errors", 2.0),
        ("attitude", None),  # no points last month
    )
    assert trend.kpi_change("errors") == 2.0 and trend.kpi_change("nope") is None
    other = series_trends().of("KF003")
    assert other is not None and all(change is None for _, change in other.kpi_changes)


def test_probation_failures_count_towards_the_retrain_limit() -> None:
    t = series_trends()
    fails = {a.agent_id: (a.fails, a.fail_limit, a.at_retrain_limit) for a in t.agents}
    assert fails == {
        "KF001": (None, None, False),
        "KF002": (None, None, False),
        "KF003": (None, None, False),
        "KF004": (2, 2, True),  # once before, again now: 2/2
        "KF005": (None, None, False),  # on 正式 now, which counts none
        "KF006": (1, 2, False),  # 1/2
    }


def test_a_pass_this_month_keeps_the_count() -> None:
    month = series_month()
    agents = tuple(
        dataclasses.replace(a, conclusion=Conclusion.PASS) if a.agent_id == "KF004" else a
        for a in month.agents
    )
    trends = build_trends(
        dataclasses.replace(month, agents=agents), series_past(), series_rules(), FAILS_BEFORE
    )
    assert trends is not None
    assert trends.of("KF004") == AgentTrend(
        agent_id="KF004",
        totals=(None, None, 62.0, 64.0, 40.0, 44.0),
        change=4.0,
        average=52.5,
        rank=2,
        previous_rank=2,
        kpi_changes=tuple(
            (k, None) for k in ("avg_response", "reply_rate", "conversion", "errors", "attitude")
        ),
        fails=1,
        fail_limit=2,
    )


def test_team_trends_with_differing_maxima() -> None:
    t = series_trends()
    # The month's team ranking: 一组 (91.5, 84, 62.5 %) before 二组 (79, 81, 55 %).
    assert [team.group for team in t.teams] == ["一组", "二组"]
    one, two = t.teams
    assert one.averages[:5] == (82.5, None, 85.0, 90.5, 88.0)
    assert one.averages[5] == pytest.approx(238 / 3, abs=1e-12)
    assert one.change == pytest.approx(238 / 3 - 88, abs=1e-12)
    assert one.average == pytest.approx(1276 / 15, abs=1e-12)
    expected = (72.5, None, 212.5 / 3, 240.5 / 3, 68.75, 215 / 3)
    assert two.averages[1] is None
    assert two.averages == pytest.approx(expected, abs=1e-12)
    assert two.change == pytest.approx(215 / 3 - 68.75, abs=1e-12)
    assert two.average == pytest.approx((141.25 + 668 / 3) / 5, abs=1e-12)


def test_a_team_of_one_table_is_in_points() -> None:
    """Members all out of 80: the averages are points of 80, not percentages."""
    past = {"2026-09": [record("KF004", "赵六", "三组", "probation", 40.0, 2)]}
    agents = (
        scored("KF004", "赵六", "三组", "probation", 44.0, 1),
        scored("KF006", "孙八", "三组", "probation", 50.0, 2),
    )
    month = dataclasses.replace(series_month(), agents=agents, teams=())
    trends = build_trends(month, past, series_rules(), {})
    assert trends is not None
    (team,) = trends.teams
    assert team.averages == (None, None, None, None, 40.0, 47.0)
    assert team.change == 7.0 and team.average == 43.5


def test_agents_without_a_group_are_in_no_team() -> None:
    month = series_month()
    agents = tuple(dataclasses.replace(a, group="") if a.group == "二组" else a for a in month.agents)
    month = dataclasses.replace(month, agents=agents, teams=assess_teams(agents))
    trends = build_trends(month, series_past(), series_rules(), {})
    assert trends is not None
    assert [team.group for team in trends.teams] == ["一组"]
