"""Hand-computed scores for agents on and beside every band boundary, both tables.

Expectations come from scoring-tables.md §1–2 with the standard preset's stated
resolutions; each comment shows the sum.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from csreport.api import RunOptions, run_month
from csreport.messages import translate
from csreport.results import Conclusion
from tests.factories import texts
from tests.workbooks import Agent, month_workbook

REGULAR = [
    # id, agent, expected points per KPI (rt, rr, conv, errors, att), total, conclusion
    ("R01", dict(rt=45, rr=0.98, conv=0.55, att=85), (15, 20, 25, 20, 20), 100, "合格"),
    (
        "R02",
        dict(rt=45.1, rr=0.979, conv=0.549, att=84.9, errors=("价格", "价格")),
        (10, 15, 20, 10, 15),
        70,
        "合格",
    ),
    ("R03", dict(rt=80, rr=0.95, conv=0.50, att=70), (10, 15, 20, 20, 15), 80, "合格"),
    # 5 + 10 + 10 + 20 + 5 = 50 ≤ 60 → 不予上岗 by the overall rule
    ("R04", dict(rt=80.1, rr=0.949, conv=0.499, att=69.9), (5, 10, 10, 20, 5), 50, "不予上岗"),
    # exactly 60 attitude passes with 5 (resolution 3); 5 + 10 + 10 + 10 + 5 = 40
    ("R05", dict(rt=100, rr=0.90, conv=0.40, att=60, errors=("漏回复",)), (5, 10, 10, 10, 5), 40, "不予上岗"),
    ("R06", dict(rt=100.1), (0, 20, 25, 20, 20), 85, "不予上岗"),
    ("R07", dict(rr=0.899), (15, 0, 25, 20, 20), 80, "不予上岗"),
    ("R08", dict(conv=0.399), (15, 20, 0, 20, 20), 75, "不予上岗"),
    ("R09", dict(att=59.9), (15, 20, 25, 20, 0), 80, "不予上岗"),
    ("R10", dict(errors=("价格", "价格", "价格")), (15, 20, 25, 0, 20), 80, "不予上岗"),
    ("R11", dict(errors=("发货",), risk=True), (15, 20, 25, 0, 20), 80, "不予上岗"),
    # 5 + 10 + 20 + 10 + 15 = 60: exactly the threshold, 总分 <= 60 → 不予上岗
    ("R12", dict(rt=81, rr=0.92, conv=0.52, att=75, errors=("a",)), (5, 10, 20, 10, 15), 60, "不予上岗"),
    # 10 + 10 + 20 + 10 + 15 = 65 passes
    ("R13", dict(rt=50, rr=0.92, conv=0.52, att=75, errors=("a",)), (10, 10, 20, 10, 15), 65, "合格"),
]
PROBATION = [
    ("P01", dict(rt=45, rr=0.98, att=85), (20, 20, 30, 30), 100, "合格"),
    # (45, 80] middle band (resolution 1); [90%, 95%) third band (resolution 2)
    ("P02", dict(rt=45.1, rr=0.949, att=60, errors=("a", "a")), (15, 5, 10, 5), 35, "不予上岗"),
    ("P03", dict(rt=60, rr=0.95, att=84.9), (15, 15, 30, 20), 80, "合格"),
    ("P04", dict(rt=80, rr=0.90, att=70), (15, 5, 30, 20), 70, "合格"),
    ("P05", dict(rt=100, rr=0.97, att=90), (5, 15, 30, 30), 80, "合格"),
    ("P06", dict(rt=100.5, rr=0.97, att=90), (0, 15, 30, 30), 75, "不予上岗"),
]


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("bounds")
    agents = [Agent(aid, f"员工{aid}", **kw) for aid, kw, *_ in REGULAR]
    agents += [Agent(aid, f"员工{aid}", status="试用期", level="新员工", **kw) for aid, kw, *_ in PROBATION]
    agents.append(Agent("R99", "没有抽查", att=None))
    path = month_workbook(tmp / "month.xlsx", agents)
    report = run_month([path], RunOptions(out_dir=tmp / "out", pdf=False))
    return {a.agent_id: a for a in report.result.agents}


@pytest.mark.parametrize("aid,_kw,points,total,verdict", REGULAR + PROBATION)
def test_boundaries(scored: dict, aid: str, _kw: dict, points: tuple, total: float, verdict: str) -> None:
    agent = scored[aid]
    assert tuple(k.points for k in agent.kpis) == points
    assert agent.total == total
    assert translate(agent.conclusion.code) == verdict
    assert agent.table_id == ("probation" if aid.startswith("P") else "regular")


def test_veto_reasons_are_spelled_out(scored: dict) -> None:
    assert texts(scored["R06"].veto_reasons) == ("平均响应时长超过 100 秒",)
    assert texts(scored["R07"].veto_reasons) == ("回复率低于 90%",)
    assert texts(scored["R08"].veto_reasons) == ("咨询转化率低于 40%",)
    assert texts(scored["R09"].veto_reasons) == ("工作态度得分低于 60 分",)
    assert texts(scored["R10"].veto_reasons) == ("同类差错重复 3 次及以上",)
    assert texts(scored["R11"].veto_reasons) == ("差错导致店铺风险",)
    assert texts(scored["R12"].veto_reasons) == ("总分 60 ≤ 60，不予上岗，再次培训",)


def test_band_and_raw_values_are_explained(scored: dict) -> None:
    r01 = {k.kpi_id: k for k in scored["R01"].kpis}
    assert r01["avg_response"].raw == 45 and r01["avg_response"].band == "[0, 45]"
    assert r01["reply_rate"].raw == 0.98 and r01["reply_rate"].band == "[98%, 100%]"
    assert (r01["reply_rate"].numerator, r01["reply_rate"].denominator) == (980, 1000)
    assert r01["conversion"].band == "[55%, ∞)"
    r02 = {k.kpi_id: k for k in scored["R02"].kpis}
    assert r02["avg_response"].band == "(45, 80]"
    assert r02["errors"].raw == 2 and r02["errors"].band == "[1, 2]"
    assert scored["R05"].kpis[4].band == "[60, 70)"


def test_missing_chats_is_missing_not_zero(scored: dict) -> None:
    agent = scored["R99"]
    by_id = {k.kpi_id: k for k in agent.kpis}
    assert agent.conclusion is Conclusion.MISSING and agent.total is None
    for kpi_id in ("errors", "attitude"):
        assert by_id[kpi_id].points is None
        assert texts([by_id[kpi_id].missing_reason]) == ("没有抽查记录",)
    assert by_id["avg_response"].points == 15
    assert agent.rank is None and agent.grade is None


def test_grades_coefficients_and_ranks(scored: dict) -> None:
    assert (scored["R01"].grade, scored["R01"].coefficient) == ("A", 1.30)
    assert (scored["R03"].grade, scored["R03"].coefficient) == ("B", 1.15)
    assert (scored["R13"].grade, scored["R13"].coefficient) == ("C", 1.00)
    assert (scored["R06"].grade, scored["R06"].coefficient) == ("D", 0.60)
    assert (scored["P01"].grade, scored["P01"].coefficient) == ("A", 1.10)
    assert scored["R01"].rank == 1
    # R03 (80, pass) ranks above R06 (85, vetoed): a pass always ranks above a fail.
    assert scored["R03"].rank < scored["R06"].rank
    # R07, R09, R10, R11 all fail with 80: they share one rank; R08 (75) is below.
    assert len({scored[a].rank for a in ("R07", "R09", "R10", "R11")}) == 1
    assert scored["R08"].rank > scored["R07"].rank


def test_weighted_not_naive_average(tmp_path: Path) -> None:
    """Day 1: 900 sessions at 30 s; day 2: 100 sessions at 120 s.

    Weighted: (900×30 + 100×120) / 1000 = 39 s → [0, 45] → 15 points.
    A naive mean of the daily averages would give 75 s → 10 points.
    """
    extra = [["W01", "2026-10-04", 100, 100, 100, 120, 60, 50, 60, 1000]]
    agent = Agent(
        "W01",
        "加权",
        reception=False,
        extra_rows=[["W01", "2026-10-03", 900, 900, 900, 30, 15, 500, 540, 9000], *extra],
    )
    path = month_workbook(tmp_path / "w.xlsx", [agent])
    report = run_month([path], RunOptions(out_dir=tmp_path / "out", pdf=False))
    rt = report.result.agents[0].kpis[0]
    assert rt.raw == 39
    assert (rt.numerator, rt.denominator) == (900 * 30 + 100 * 120, 1000)
    assert rt.band == "[0, 45]" and rt.points == 15
    conv = report.result.agents[0].kpis[2]
    assert conv.raw == 0.6 and (conv.numerator, conv.denominator) == (600, 1000)
