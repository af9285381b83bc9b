"""What the numbers show for the 面谈: each agent's KPIs furthest above and below the norm.

A hand-built team ``一组`` (KPIs x out of 20 and y out of 10, a bonus item b without a maximum):

    agent  table       x (share)          y (share)    b
    A1     regular     20/20 (1.0)        5/10 (0.5)   +3
    A2     regular     10/20 (0.5)        10/10 (1.0)
    A3     regular     0/20 vetoed (0.0)  7.5/10 (0.75)
    A4     probation   30/40 (0.75)       –

Norms: x = (1 + 0.5 + 0 + 0.75) / 4 = 0.5625; y = (0.5 + 1 + 0.75) / 3 = 0.75. Gaps in points of
each agent's own maximum: A1 x (1 − 0.5625) × 20 = +8.75, y (0.5 − 0.75) × 10 = −2.5; A2 x −1.25,
y +2.5; A3 y 0 (its x is the veto); A4 x (0.75 − 0.5625) × 40 = +7.5.
"""

from __future__ import annotations

import dataclasses

import pytest

from csreport.results import KpiResult, MonthResult, RunMeta
from csreport.scoring.interview_points import Highlight, interview_points, points_of
from tests.factories import agent, kpi


def _kpis(
    x: float | None, y: float | None = None, *, x_max: float = 20, veto: str | None = None, b: float = 0
) -> tuple[KpiResult, ...]:
    found = [kpi("x", "咨询转化率", x_max, 0.5, x, unit="%", veto=veto)]
    if y is not None:
        found.append(kpi("y", "回复率", 10, 0.9, y, unit="%"))
    if b:
        found.append(kpi("b", "加分", 0, 1, b, unit="count"))
    return tuple(found)


TEAM = (
    agent("A1", "甲", kpis=_kpis(20, 5, b=3)),
    agent("A2", "乙", kpis=_kpis(10, 10)),
    agent("A3", "丙", kpis=_kpis(0, 7.5, veto="转化率过低")),
    agent("A4", "丁", kpis=_kpis(30, x_max=40), table_id="probation", table_name="试用期"),
)


def _gaps(found: tuple[Highlight, ...]) -> list[tuple[str, float]]:
    return [(h.kpi_id, h.gap) for h in found]


def test_gaps_are_shares_of_the_team_norm_in_the_agents_own_points() -> None:
    shown = points_of(TEAM)
    assert _gaps(shown["A1"].strengths) == [("x", 8.75)]
    assert _gaps(shown["A1"].weaknesses) == [("y", -2.5)]
    assert _gaps(shown["A2"].strengths) == [("y", 2.5)]
    assert _gaps(shown["A2"].weaknesses) == [("x", -1.25)]
    # Tables with different maxima compare as shares: 30 of 40 is above a norm of 56.25%.
    assert _gaps(shown["A4"].strengths) == [("x", 7.5)]
    assert shown["A4"].weaknesses == ()


def test_a_veto_is_a_weakness_and_is_said_with_its_reason() -> None:
    shown = points_of(TEAM)["A3"]
    assert shown.strengths == ()
    assert [h.text("zh") for h in shown.weaknesses] == ["否决：转化率过低"]
    assert [h.text("en") for h in shown.weaknesses] == ["Veto: veto: 转化率过低"]


def test_words_in_both_languages() -> None:
    a1 = points_of(TEAM)["A1"]
    assert [h.text("zh") for h in a1.weaknesses] == ["回复率（低于团队平均 2.5 分）"]
    assert [h.text("en") for h in a1.weaknesses] == ["y (2.5 pts below team average)"]
    a2 = points_of(TEAM)["A2"]
    assert [h.text("zh") for h in a2.strengths] == ["回复率（高于团队平均 2.5 分）"]
    assert [h.text("zh") for h in a2.weaknesses] == ["咨询转化率（低于团队平均 1.2 分）"]


def test_the_threshold_is_half_a_point() -> None:
    # Norm 0.5 of 20: 10.5 and 9.5 are 0.5 above and below (kept), 10.4 and 9.6 only 0.4 (left out).
    kept = points_of((agent("B1", "甲", kpis=_kpis(10.5)), agent("B2", "乙", kpis=_kpis(9.5))))
    assert _gaps(kept["B1"].strengths) == [("x", 0.5)]
    assert _gaps(kept["B2"].weaknesses) == [("x", -0.5)]
    left = points_of((agent("C1", "甲", kpis=_kpis(10.4)), agent("C2", "乙", kpis=_kpis(9.6))))
    assert left["C1"].strengths == left["C1"].weaknesses == left["C2"].weaknesses == ()


def test_at_most_two_each_the_largest_first_a_veto_always_first() -> None:
    def five(points: tuple[float, float, float], veto: str | None = None) -> tuple[KpiResult, ...]:
        return (
            kpi("p", "甲项", 10, 1, points[0], veto=veto),
            kpi("q", "乙项", 10, 1, points[1]),
            kpi("r", "丙项", 10, 1, points[2]),
            kpi("s", "丁项", 10, 1, 5.0),
        )

    # Norms: p (10 + 0) / 2 = 0.5, q (8 + 2) / 2 = 0.5, r (9 + 1) / 2 = 0.5, s 0.5.
    shown = points_of(
        (agent("D1", "甲", kpis=five((10, 8, 9))), agent("D2", "乙", kpis=five((0, 2, 1), "太慢")))
    )
    assert _gaps(shown["D1"].strengths) == [("p", 5.0), ("r", 4.0)]
    assert shown["D1"].weaknesses == ()
    # D2: the veto first, then the largest gap below (r −4 and q −3 are below; r is the larger).
    assert [(h.kpi_id, h.veto is not None, h.gap) for h in shown["D2"].weaknesses] == [
        ("p", True, 0.0),
        ("r", False, -4.0),
    ]


def test_missing_points_and_bonus_items_are_left_out() -> None:
    shown = points_of(
        (
            agent("E1", "甲", kpis=(*_kpis(None, 10), kpi("b", "加分", 0, 1, 5, unit="count"))),
            agent("E2", "乙", kpis=(*_kpis(10, 0), kpi("b", "加分", 0, 1, 0, unit="count"))),
        )
    )
    # y norm 0.5: E1 +5, E2 −5; x has one agent with points (gap 0); b has no maximum.
    assert _gaps(shown["E1"].strengths) == [("y", 5.0)]
    assert _gaps(shown["E2"].weaknesses) == [("y", -5.0)]
    assert shown["E1"].weaknesses == shown["E2"].strengths == ()


def test_teams_are_by_group_and_agents_without_one_compare_with_the_shop() -> None:
    agents = (
        agent("F1", "甲", group="一组", kpis=_kpis(20)),
        agent("F2", "乙", group="一组", kpis=_kpis(10)),
        agent("G1", "丙", group="二组", kpis=_kpis(4)),
        agent("G2", "丁", group="二组", kpis=_kpis(2)),
        agent("H1", "戊", group="", kpis=_kpis(16)),
        # Not in the roster: in no norm (else the shop's norm would drop to 0.48).
        agent("X1", "己", group="", kpis=_kpis(0), in_roster=False),
    )
    shown = points_of(agents)
    # 一组 norm 0.75: F1 +5, F2 −5. 二组 norm 0.15: G1 +1, G2 −1.
    assert _gaps(shown["F1"].strengths) == [("x", 5.0)]
    assert _gaps(shown["G2"].weaknesses) == [("x", -1.0)]
    # The shop: (1 + 0.5 + 0.2 + 0.1 + 0.8) / 5 = 0.52; H1 (0.8 − 0.52) × 20 = +5.6, X1 −10.4.
    assert _gaps(shown["H1"].strengths) == [("x", pytest.approx(5.6))]
    assert _gaps(shown["X1"].weaknesses) == [("x", pytest.approx(-10.4))]
    assert shown["H1"].strengths[0].text("zh") == "咨询转化率（高于全店平均 5.6 分）"
    assert shown["X1"].weaknesses[0].text("en") == "x (10.4 pts below shop average)"


def test_for_a_month_every_agent_has_an_entry() -> None:
    month = MonthResult(RunMeta("本店", "2026-10", "规则", "abc", "2026-11-01T00:00:00"), TEAM)
    assert set(interview_points(month)) == {"A1", "A2", "A3", "A4"}
    empty = dataclasses.replace(month, agents=())
    assert interview_points(empty) == {}
