"""Realistic workbooks score exactly like the same data typed in canonical columns.

Each scenario in ``tests/realistic.py`` writes a workbook the way its source application or
a manager makes it and a canonical twin holding the same data. Both go through
``run_month``; every agent must get the same total, 结论, and per-KPI raw value and points,
and the realistic workbook must be read as data. The quirks of each source are checked in
``test_realistic_quirks.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from csreport.messages import translate
from csreport.problems import Severity
from csreport.results import AgentResult
from tests.factories import texts
from tests.realistic_runs import DATA, SCENARIOS, PairRun, pair_runner, realistic_file


@pytest.fixture(scope="module")
def pair_runs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], PairRun]:
    """Build and run a scenario once per module; later tests reuse the reports."""
    return pair_runner(tmp_path_factory)


def _score_differences(real: AgentResult, canon: AgentResult) -> list[str]:
    """Every way two results for one agent differ in score (empty when identical)."""
    diffs: list[str] = []
    who = canon.agent_id
    if real.total != canon.total:
        diffs.append(f"{who} total {real.total!r} != {canon.total!r}")
    if real.conclusion != canon.conclusion:
        diffs.append(f"{who} conclusion {real.conclusion.value} != {canon.conclusion.value}")
    real_kpis = {k.kpi_id: k for k in real.kpis}
    for ck in canon.kpis:
        rk = real_kpis.get(ck.kpi_id)
        if rk is None:
            diffs.append(f"{who} {ck.kpi_id} missing from realistic result")
            continue
        if (rk.raw is None) != (ck.raw is None) or (
            ck.raw is not None and rk.raw != pytest.approx(ck.raw, rel=1e-9, abs=1e-9)
        ):
            diffs.append(
                f"{who} {ck.kpi_id} raw {rk.raw!r} != {ck.raw!r} (realistic missing: {rk.missing_reason!r})"
            )
        if rk.points != ck.points:
            diffs.append(f"{who} {ck.kpi_id} points {rk.points!r} != {ck.points!r}")
    if real.attendance != canon.attendance:
        diffs.append(f"{who} attendance {real.attendance!r} != {canon.attendance!r}")
    real_items = {n: avg for n, avg, _ in real.attitude_items}
    canon_items = {n: avg for n, avg, _ in canon.attitude_items}
    if set(real_items) != set(canon_items) or any(
        real_items[n] != pytest.approx(canon_items[n], rel=1e-9) for n in canon_items
    ):
        diffs.append(f"{who} attitude items {real_items!r} != {canon_items!r}")
    return diffs


# --- the fixtures themselves ---------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_canonical_twin_is_clean(name: str, pair_runs: Callable[[str], PairRun]) -> None:
    """The canonical side reads without errors and scores every roster agent."""
    run = pair_runs(name)
    # The rules checked against the data may say a KPI cannot be computed (赤兔 and 千牛
    # exports give no 付款订单数): that is the export's limit, not a reading error.
    errors = [
        p.render()
        for p in run.canonical.problems
        if p.severity is Severity.ERROR and p.code != "rules.kpi_no_data"
    ]
    assert not errors
    blocked = sorted(p.params["kpi_id"] for p in run.canonical.problems if p.code == "rules.kpi_no_data")
    assert blocked == (["conversion"] if name in ("chitu", "qianniu") else [])
    assert [a.agent_id for a in run.canonical.result.agents] == DATA.agent_ids


def test_canonical_baseline_covers_every_outcome(pair_runs: Callable[[str], PairRun]) -> None:
    """The shared month exercises passes, vetoes of each kind, and both tables."""
    agents = {a.agent_id: a for a in pair_runs("subaccount").canonical.result.agents}
    conclusions = {k: translate(a.conclusion.code) for k, a in agents.items()}
    assert conclusions == {
        "KF01": "合格",
        "KF02": "合格",
        "KF03": "不予上岗",
        "KF04": "合格",
        "KF05": "不予上岗",
        "KF06": "不予上岗",
    }
    assert {a.table_name for a in agents.values()} == {"正式", "试用期"}
    assert any("同类差错" in v for v in texts(agents["KF03"].veto_reasons))
    assert any("回复率" in v for v in texts(agents["KF05"].veto_reasons))
    assert any("店铺风险" in v for v in texts(agents["KF06"].veto_reasons))


# --- same scores, realistic vs canonical ---------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_realistic_scores_equal_canonical(name: str, pair_runs: Callable[[str], PairRun]) -> None:
    """Per agent: same total, 结论, KPI raw values and points, attendance, item averages."""
    run = pair_runs(name)
    real = {a.agent_id: a for a in run.realistic.result.agents}
    canon = {a.agent_id: a for a in run.canonical.result.agents}
    missing = sorted(set(canon) - set(real))
    assert not missing, f"agents not scored from the realistic workbook: {missing}"
    extra = [real[k] for k in set(real) - set(canon)]
    # Only the sub-account scenario may surface an agent the roster does not know.
    assert all(not a.in_roster for a in extra) and (not extra or name == "subaccount"), [
        a.agent_id for a in extra
    ]
    diffs = [d for k in DATA.agent_ids for d in _score_differences(real[k], canon[k])]
    assert not diffs


@pytest.mark.parametrize("name", SCENARIOS)
def test_realistic_sheet_is_recognised(name: str, pair_runs: Callable[[str], PairRun]) -> None:
    """The realistic workbook is read as data: no missing columns, not unrecognised."""
    run = pair_runs(name)
    file = realistic_file(run.pair)
    bad = [
        p.render()
        for p in run.realistic.problems
        if p.file == file and p.code in ("sheet.missing_columns", "sheet.unrecognised", "file.no_sheets")
    ]
    assert not bad
    assert any(p.code == "sheet.role" and p.file == file for p in run.realistic.problems)


@pytest.mark.parametrize("name", SCENARIOS)
def test_realistic_file_drops_nothing(name: str, pair_runs: Callable[[str], PairRun]) -> None:
    """The realistic workbook holds valid data: nothing in it is excluded as an error."""
    run = pair_runs(name)
    file = realistic_file(run.pair)
    errors = [p.render() for p in run.realistic.problems if p.file == file and p.severity is Severity.ERROR]
    assert not errors
