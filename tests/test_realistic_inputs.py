"""Realistic workbooks score exactly like the same data typed in canonical columns.

Each scenario in ``tests/realistic.py`` writes a workbook the way its source application or
a manager makes it (千牛 and 赤兔 exports, sub-account keys, a hand-kept attendance sheet
under a title block, a QA sheet with a two-row header) and a canonical twin holding the same
data. Both go through ``run_month``; every agent must get the same total, 结论, and per-KPI
raw value and points. Targeted tests then check the quirks themselves are reported or read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from csreport.model import AgentResult
from csreport.pipeline import CheckReport, RunOptions, RunReport, check_inputs, run_month
from csreport.problems import Problem, Severity
from tests import realistic as rz

SCENARIOS = sorted(rz.BUILDERS)
DATA = rz.month_data()


def _options(out: Path) -> RunOptions:
    """Run options for a test month; ``mapping`` only when this RunOptions has it."""
    kwargs: dict[str, object] = {"out_dir": out, "month": rz.MONTH, "pdf": False}
    if "mapping" in {f.name for f in dataclasses.fields(RunOptions)}:
        kwargs["mapping"] = None
    return RunOptions(**kwargs)  # type: ignore[arg-type]


@dataclasses.dataclass
class PairRun:
    """A scenario's workbooks and both runs' reports."""

    pair: rz.WorkbookPair
    realistic: RunReport
    canonical: RunReport


@pytest.fixture(scope="module")
def pair_runs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], PairRun]:
    """Build and run a scenario once per module; later tests reuse the reports."""
    runs: dict[str, PairRun] = {}

    def get(name: str) -> PairRun:
        if name not in runs:
            tmp = tmp_path_factory.mktemp(name)
            pair = rz.BUILDERS[name](tmp, DATA)
            canonical = run_month(pair.canonical, _options(tmp / "out_canonical"))
            realistic = run_month(pair.realistic, _options(tmp / "out_realistic"))
            runs[name] = PairRun(pair, realistic, canonical)
        return runs[name]

    return get


def _check(paths: list[Path]) -> CheckReport:
    """Read inputs without scoring (for looking at the tidy tables)."""
    return check_inputs(paths, month=rz.MONTH)


def _mentions(problem: Problem, text: str) -> bool:
    """True when ``text`` is in the problem's value or any of its parameters."""
    return text in problem.value or any(text in str(v) for v in problem.params.values())


def _realistic_file(pair: rz.WorkbookPair) -> str:
    """File name of the one realistic workbook (the one not shared with the canonical set)."""
    (path,) = [p for p in pair.realistic if p not in pair.canonical]
    return path.name


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
            diffs.append(f"{who} {ck.kpi_id} raw {rk.raw!r} != {ck.raw!r}"
                         f" (realistic missing: {rk.missing_reason!r})")
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
    errors = [p.render() for p in run.canonical.problems if p.severity is Severity.ERROR]
    assert not errors
    assert [a.agent_id for a in run.canonical.result.agents] == DATA.agent_ids


def test_canonical_baseline_covers_every_outcome(pair_runs: Callable[[str], PairRun]) -> None:
    """The shared month exercises passes, vetoes of each kind, and both tables."""
    agents = {a.agent_id: a for a in pair_runs("subaccount").canonical.result.agents}
    conclusions = {k: a.conclusion.value for k, a in agents.items()}
    assert conclusions == {"KF01": "合格", "KF02": "合格", "KF03": "不予上岗", "KF04": "合格",
                           "KF05": "不予上岗", "KF06": "不予上岗"}
    assert {a.table_name for a in agents.values()} == {"正式", "试用期"}
    assert any("同类差错" in v for v in agents["KF03"].veto_reasons)
    assert any("回复率" in v for v in agents["KF05"].veto_reasons)
    assert any("店铺风险" in v for v in agents["KF06"].veto_reasons)


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
    assert all(not a.in_roster for a in extra) and (not extra or name == "subaccount"), \
        [a.agent_id for a in extra]
    diffs = [d for k in DATA.agent_ids for d in _score_differences(real[k], canon[k])]
    assert not diffs


@pytest.mark.parametrize("name", SCENARIOS)
def test_realistic_sheet_is_recognised(name: str, pair_runs: Callable[[str], PairRun]) -> None:
    """The realistic workbook is read as data: no missing columns, not unrecognised."""
    run = pair_runs(name)
    file = _realistic_file(run.pair)
    bad = [p.render() for p in run.realistic.problems if p.file == file and p.code in (
        "sheet.missing_columns", "sheet.unrecognised", "file.no_sheets")]
    assert not bad
    assert any(p.code == "sheet.role" and p.file == file for p in run.realistic.problems)


@pytest.mark.parametrize("name", SCENARIOS)
def test_realistic_file_drops_nothing(name: str, pair_runs: Callable[[str], PairRun]) -> None:
    """The realistic workbook holds valid data: nothing in it is excluded as an error."""
    run = pair_runs(name)
    file = _realistic_file(run.pair)
    errors = [p.render() for p in run.realistic.problems
              if p.file == file and p.severity is Severity.ERROR]
    assert not errors


# --- 1. 千牛 咨询接待分析 ---------------------------------------------------------------------


def test_qianniu_summary_rows_reported_and_not_counted(pair_runs: Callable[[str], PairRun]) -> None:
    """汇总值 and 平均值 are reported as summary rows on their own rows, and scored for no one."""
    run = pair_runs("qianniu")
    file = _realistic_file(run.pair)
    found = {p.row: p.value for p in run.realistic.problems
             if p.code == "row.summary" and p.file == file}
    expected = rz.qianniu_summary_rows(DATA)
    assert found == {row: label for label, row in expected.items()}
    ids = {a.agent_id for a in run.realistic.result.agents}
    assert ids == set(DATA.agent_ids)


def test_qianniu_placeholders_reported(pair_runs: Callable[[str], PairRun]) -> None:
    """The ``-`` in 首次响应时长（秒) (KF03) is reported as a placeholder on its row."""
    run = pair_runs("qianniu")
    file = _realistic_file(run.pair)
    row = rz.qianniu_row_of(DATA, "KF03")
    hits = [p for p in run.realistic.problems
            if p.code == "cell.placeholder" and p.file == file and p.row == row]
    assert hits and any("首次响应" in p.header for p in hits), [p.render() for p in hits]


def test_qianniu_subaccounts_map_to_roster(pair_runs: Callable[[str], PairRun]) -> None:
    """Every 旺旺昵称 in the export is a roster 旺旺: none reported as unknown."""
    run = pair_runs("qianniu")
    file = _realistic_file(run.pair)
    strangers = [p.render() for p in run.realistic.problems
                 if p.file == file and p.code == "agent.not_in_roster"]
    assert not strangers


# --- 2. 赤兔 售前明细 -------------------------------------------------------------------------


def test_chitu_summary_row_reported(pair_runs: Callable[[str], PairRun]) -> None:
    """The 合计 row at the bottom of the 赤兔 export is reported, not scored."""
    run = pair_runs("chitu")
    file = _realistic_file(run.pair)
    assert [p.value for p in run.realistic.problems
            if p.code == "row.summary" and p.file == file] == [rz.CHITU_SUMMARY]
    assert {a.agent_id for a in run.realistic.result.agents} == set(DATA.agent_ids)


def test_chitu_placeholders_reported(pair_runs: Callable[[str], PairRun]) -> None:
    """KF03's ``-`` first response time (text and seconds columns) is reported on its row."""
    run = pair_runs("chitu")
    file = _realistic_file(run.pair)
    row = 2 + DATA.agent_ids.index("KF03")
    hits = [p for p in run.realistic.problems
            if p.code == "cell.placeholder" and p.file == file and p.row == row]
    assert hits and all("首次响应" in p.header for p in hits), [p.render() for p in hits]


def test_chitu_reply_rate_from_rate_column(pair_runs: Callable[[str], PairRun]) -> None:
    """回复率 comes from 客服回复率 (0.9972) when the export has no counts."""
    run = pair_runs("chitu")
    kf01 = next(a for a in run.realistic.result.agents if a.agent_id == "KF01")
    reply = next(k for k in kf01.kpis if k.kpi_id == "reply_rate")
    assert reply.raw == pytest.approx(2493 / 2500, rel=1e-9)


# --- 3. sub-account keys, roster maps 旺旺 → 工号 --------------------------------------------


def test_unmapped_subaccount_is_reported(pair_runs: Callable[[str], PairRun]) -> None:
    """A sub-account the roster does not know is named in a warning or error, not dropped quietly."""
    run = pair_runs("subaccount")
    named = [p for p in run.realistic.problems if _mentions(p, rz.STRANGER_SUBACCOUNT)]
    assert named, "no problem names " + rz.STRANGER_SUBACCOUNT
    assert any(p.severity in (Severity.WARNING, Severity.ERROR) for p in named), \
        [p.render() for p in named]


def test_roster_subaccounts_are_not_reported_unknown(pair_runs: Callable[[str], PairRun]) -> None:
    """Only the stranger is unknown; every roster 旺旺 maps to its 工号."""
    run = pair_runs("subaccount")
    roster_subs = {a.subaccount for a in DATA.agents} | set(DATA.agent_ids)
    wrong = [p.render() for p in run.realistic.problems
             if p.code == "agent.not_in_roster" and any(_mentions(p, s) for s in roster_subs)]
    assert not wrong


# --- 4. hand-kept attendance ---------------------------------------------------------------


def test_attendance_header_found_under_title_block(pair_runs: Callable[[str], PairRun]) -> None:
    """The header is recognised on row 3, under the merged title and instruction lines."""
    run = pair_runs("handkept_attendance")
    file = _realistic_file(run.pair)
    roles = [p for p in run.realistic.problems if p.code == "sheet.role" and p.file == file]
    assert [p.params.get("header_row") for p in roles] == [rz.HANDKEPT_ATT_HEADER_ROW]
    assert roles[0].params.get("rows") == len(DATA.attendance)


def test_attendance_text_dates_are_read(pair_runs: Callable[[str], PairRun]) -> None:
    """``10月3日`` and the real date cells all become dates in 2026-10, with no date errors."""
    run = pair_runs("handkept_attendance")
    file = _realistic_file(run.pair)
    report = _check(run.pair.realistic)
    assert not [p.render() for p in report.problems
                if p.file == file and p.code in ("cell.not_date", "row.missing_id")]
    assert report.dataset is not None
    frame = report.dataset.frames["attendance"]
    frame = frame[frame["_file"] == file]
    by_row = dict(zip(frame["_row"], frame["date"], strict=True))
    assert by_row.get(rz.handkept_attendance_row_of(DATA, "KF01", 3)) == dt.date(2026, 10, 3)
    got = sorted(zip(frame["agent_id"], frame["date"], frame["att_status"], strict=True))
    assert got == sorted((d.agent_id, d.day, d.status) for d in DATA.attendance)


# --- 5. QA with a two-row header -----------------------------------------------------------


def test_two_row_qa_header_is_combined(pair_runs: Callable[[str], PairRun]) -> None:
    """Both header rows are read: ten items, 差错 + 类型 → 差错类型, 差错 + 店铺风险."""
    run = pair_runs("two_row_qa")
    file = _realistic_file(run.pair)
    report = _check(run.pair.realistic)
    assert report.dataset is not None
    frame = report.dataset.frames["qa"]
    frame = frame[frame["_file"] == file]
    expected_cols = {"agent_id", "date", "chat_id", "satisfaction", *(f"item_{i}" for i in range(10)),
                     "error_type", "shop_risk"}
    assert expected_cols <= set(frame.columns)
    assert len(frame) == len(DATA.chats)
    first_data = frame["_row"].min()
    assert first_data == rz.TWO_ROW_QA_FIRST_DATA_ROW
    got = {(r["chat_id"], r["error_type"] if isinstance(r["error_type"], str) else "",
            r["shop_risk"] is True)
           for r in frame.to_dict("records")}
    assert got == {(c.chat_id, c.error_type, c.shop_risk) for c in DATA.chats}
