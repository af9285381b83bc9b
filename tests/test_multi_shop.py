"""A multi-dimensional (115-point) shop of 10 agents in 2 groups, computed by hand.

Every agent: first response 10 s → 10; average response 20 s → 15; five chats scored 90
→ attitude 15; satisfaction 100% → 10; so 50 points are common to all. The rest:

  workload  询单人数 rank in group (weight 20 × percentile; ties share the better rank)
  询单转化率 linear 30% → 0 … 60% → 20
  销售额     rank in group (weight 20 × percentile)
  全勤奖     5 when there is no late/early/absent/leave day; 迟到 −1 each (floor −5)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from csreport.api import RunOptions, run_month
from csreport.results import Conclusion
from tests.factories import texts
from tests.workbooks import ROSTER_HEADER, write_xlsx

D = dt.datetime(2026, 10, 5)
REC = [
    "工号",
    "日期",
    "接待人数",
    "咨询人数",
    "回复人数",
    "平均响应时长(秒)",
    "首次响应时长(秒)",
    "询单人数",
    "询单付款人数",
    "付款订单数",
    "销售额",
    "客户满意率",
]
# id, group, 询单人数, 询单付款人数, 销售额, days late, satisfaction
AGENTS = [
    ("A1", "甲组", 100, 30, 5000, 0, 1.0),  # workload 0/4 → 0;  conv 30% → 0;  sales 0/4 → 0
    ("A2", "甲组", 200, 90, 9000, 0, 1.0),  # 2/4 → 10 (tie);   45% → 10;       2/4 → 10 (tie)
    ("A3", "甲组", 200, 120, 9000, 2, 1.0),  # 2/4 → 10 (tie);   60% → 20;       2/4 → 10; −2, no bonus
    ("A4", "甲组", 300, 150, 12000, 0, 1.0),  # 3/4 → 15;         50% → 40/3;     3/4 → 15
    ("A5", "甲组", 400, 280, 20000, 0, 1.0),  # 4/4 → 20;         70% → 20 (cap); 4/4 → 20
    ("B1", "乙组", 50, 30, 1000, 0, 1.0),  # 1/4 → 5 (ties below); 60% → 20;   0/4 → 0
    ("B2", "乙组", 50, 15, 2000, 0, 1.0),  # 1/4 → 5 (tie);    30% → 0;        1/4 → 5
    ("B3", "乙组", 80, 40, 3000, 0, 1.0),  # 2/4 → 10;         50% → 40/3;     2/4 → 10
    ("B4", "乙组", 90, 45, 4000, 0, None),  # 3/4 → 15;         50% → 40/3;     3/4 → 15; no 满意率
    ("B5", "乙组", 120, 60, 5000, 8, 1.0),  # 4/4 → 20;         50% → 40/3;     4/4 → 20; −5 floor
]
EXPECTED = {
    # 50 common + workload + conversion + sales + attendance
    "A1": 50 + 0 + 0 + 0 + 5,
    "A2": 50 + 10 + 10 + 10 + 5,
    "A3": 50 + 10 + 20 + 10 + 0 - 2,
    "A4": 50 + 15 + 40 / 3 + 15 + 5,
    "A5": 50 + 20 + 20 + 20 + 5,
    "B1": 50 + 5 + 20 + 0 + 5,
    "B2": 50 + 5 + 0 + 5 + 5,
    "B3": 50 + 10 + 40 / 3 + 10 + 5,
    # 满意率 missing → excluded: (40 + 15 + 40/3 + 15 + 5) × 115/105; the −0 deduction is not scaled
    "B4": (40 + 15 + 40 / 3 + 15 + 5) * 115 / 105,
    "B5": 50 + 20 + 40 / 3 + 20 + 0 - 5,
}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("multi")
    roster = [[*ROSTER_HEADER, "奖金基数"]] + [
        [a, f"员工{a}", g, D, "正式", "老员工", "", 2000] for a, g, *_ in AGENTS
    ]
    rec = [REC] + [
        [a, D, 500, 500, 500, 20, 10, asked, paid, paid, sales, sat]
        for a, _g, asked, paid, sales, _late, sat in AGENTS
    ]
    att = [["工号", "日期", "考勤状态"]]
    for a, *_rest, late, _sat in AGENTS:
        for day in range(1, 21):
            att.append([a, dt.datetime(2026, 10, day), "迟到" if day <= late else "出勤"])
    qa = [["工号", "日期", "会话编号", "态度得分", "差错类型", "店铺风险"]] + [
        [a, D, f"{a}-{i}", 90, "", "否"] for a, *_ in AGENTS for i in range(5)
    ]
    path = write_xlsx(tmp / "shop.xlsx", {"花名册": roster, "接待": rec, "考勤": att, "质检": qa})
    report = run_month([path], RunOptions(out_dir=tmp / "out", rules="multi", pdf=False))
    return {"report": report, "agents": {a.agent_id: a for a in report.result.agents}}


@pytest.mark.parametrize("agent_id", list(EXPECTED))
def test_totals(shop: dict, agent_id: str) -> None:
    assert shop["agents"][agent_id].total == pytest.approx(EXPECTED[agent_id], abs=1e-6)


def test_rank_ties_share_the_better_rank(shop: dict) -> None:
    a = shop["agents"]
    workload = {x: next(k for k in a[x].kpis if k.kpi_id == "workload") for x in ("A2", "A3")}
    assert workload["A2"].percentile == workload["A3"].percentile == 0.5
    assert workload["A2"].points == workload["A3"].points == 10
    b1 = next(k for k in a["B1"].kpis if k.kpi_id == "workload")
    assert b1.percentile == 0.25 and b1.points == 5


def test_exclusion_is_shown(shop: dict) -> None:
    b4 = shop["agents"]["B4"]
    sat = next(k for k in b4.kpis if k.kpi_id == "satisfaction")
    assert sat.excluded and sat.points is None
    assert b4.rescale == pytest.approx(115 / 105)
    note = texts([b4.rescale_note])[0]
    assert "客户满意率" in note and "115/105" in note
    assert b4.conclusion is Conclusion.PASS


def test_grades_bonus_and_teams(shop: dict) -> None:
    a = shop["agents"]
    # A5: 115 ≥ 90% of 115 → A; A1: 55 ≤ 69 → 不予上岗 → D.
    assert (a["A5"].grade, a["A5"].coefficient, a["A5"].bonus) == ("A", 1.30, 2600.0)
    assert (a["A1"].conclusion, a["A1"].grade, a["A1"].bonus) == (Conclusion.FAIL, "D", 1200.0)
    teams = {t.group: t for t in shop["report"].result.teams}
    # 甲组 (55 + 85 + 88 + 98⅓ + 115) / 5 = 88.267; 乙组 (80 + 65 + 88⅓ + 96.746 + 98⅓) / 5 = 85.683,
    # B4's 96.746 being 88⅓ × 115/105: 甲组 is ahead.
    assert teams["甲组"].average == pytest.approx(88.266667, abs=1e-5)
    assert teams["乙组"].average == pytest.approx(85.682540, abs=1e-5)
    assert (teams["甲组"].rank, teams["乙组"].rank) == (1, 2)


def test_profile_reweights(tmp_path: Path, shop: dict) -> None:
    path = next(iter(Path(shop["report"].workbook).parents[1].parent.glob("shop.xlsx")), None)
    assert path is not None
    service = run_month([path], RunOptions(out_dir=tmp_path, rules="multi", profile="重服务", pdf=False))
    a5 = next(a for a in service.result.agents if a.agent_id == "A5")
    weights = {k.kpi_id: k.max_points for k in a5.kpis}
    assert weights["avg_response"] == 20 and weights["workload"] == 15
    assert sum(w for w in weights.values() if w > 0) == 115
    assert service.result.meta.rules_name == "多维度考核（重服务）"
    assert service.result.meta.rules_hash != shop["report"].result.meta.rules_hash
