"""Each realistic source's quirks are reported or read, not silently scored.

千牛 and 赤兔 summary rows and ``-`` placeholders, 赤兔's rate-only 回复率, sub-account keys
mapped through the roster (and one the roster does not know), a hand-kept attendance sheet
under a title block with text dates, and a QA sheet with a two-row header. The workbooks come
from ``tests/realistic.py``; ``test_realistic_scores.py`` checks they score like their twins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from csreport.api import CheckReport, check_month
from csreport.problems import Problem, Severity
from tests import realistic as rz
from tests.realistic_runs import DATA, PairRun, pair_runner, realistic_file


@pytest.fixture(scope="module")
def pair_runs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], PairRun]:
    """Build and run a scenario once per module; later tests reuse the reports."""
    return pair_runner(tmp_path_factory)


def _check(paths: list[Path]) -> CheckReport:
    """Read inputs without scoring (for looking at the tidy tables)."""
    return check_month(paths, month=rz.MONTH)


def _mentions(problem: Problem, text: str) -> bool:
    """True when ``text`` is in the problem's value or any of its parameters."""
    return text in problem.value or any(text in str(v) for v in problem.params.values())


# --- 1. 千牛 咨询接待分析 ---------------------------------------------------------------------


def test_qianniu_summary_rows_reported_and_not_counted(pair_runs: Callable[[str], PairRun]) -> None:
    """汇总值 and 平均值 are reported as summary rows on their own rows, and scored for no one."""
    run = pair_runs("qianniu")
    file = realistic_file(run.pair)
    found = {p.row: p.value for p in run.realistic.problems if p.code == "row.summary" and p.file == file}
    expected = rz.qianniu_summary_rows(DATA)
    assert found == {row: label for label, row in expected.items()}
    ids = {a.agent_id for a in run.realistic.result.agents}
    assert ids == set(DATA.agent_ids)


def test_qianniu_placeholders_reported(pair_runs: Callable[[str], PairRun]) -> None:
    """The ``-`` in 首次响应时长（秒) (KF03) is reported as a placeholder on its row."""
    run = pair_runs("qianniu")
    file = realistic_file(run.pair)
    row = rz.qianniu_row_of(DATA, "KF03")
    hits = [
        p for p in run.realistic.problems if p.code == "cell.placeholder" and p.file == file and p.row == row
    ]
    assert hits and any("首次响应" in p.header for p in hits), [p.render() for p in hits]


def test_qianniu_subaccounts_map_to_roster(pair_runs: Callable[[str], PairRun]) -> None:
    """Every 旺旺昵称 in the export is a roster 旺旺: none reported as unknown."""
    run = pair_runs("qianniu")
    file = realistic_file(run.pair)
    strangers = [
        p.render() for p in run.realistic.problems if p.file == file and p.code == "agent.not_in_roster"
    ]
    assert not strangers


# --- 2. 赤兔 售前明细 -------------------------------------------------------------------------


def test_chitu_summary_row_reported(pair_runs: Callable[[str], PairRun]) -> None:
    """The 合计 row at the bottom of the 赤兔 export is reported, not scored."""
    run = pair_runs("chitu")
    file = realistic_file(run.pair)
    assert [p.value for p in run.realistic.problems if p.code == "row.summary" and p.file == file] == [
        rz.CHITU_SUMMARY
    ]
    assert {a.agent_id for a in run.realistic.result.agents} == set(DATA.agent_ids)


def test_chitu_placeholders_reported(pair_runs: Callable[[str], PairRun]) -> None:
    """KF03's ``-`` first response time (text and seconds columns) is reported on its row."""
    run = pair_runs("chitu")
    file = realistic_file(run.pair)
    row = 2 + DATA.agent_ids.index("KF03")
    hits = [
        p for p in run.realistic.problems if p.code == "cell.placeholder" and p.file == file and p.row == row
    ]
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
    assert any(p.severity in (Severity.WARNING, Severity.ERROR) for p in named), [p.render() for p in named]


def test_roster_subaccounts_are_not_reported_unknown(pair_runs: Callable[[str], PairRun]) -> None:
    """Only the stranger is unknown; every roster 旺旺 maps to its 工号."""
    run = pair_runs("subaccount")
    roster_subs = {a.subaccount for a in DATA.agents} | set(DATA.agent_ids)
    wrong = [
        p.render()
        for p in run.realistic.problems
        if p.code == "agent.not_in_roster" and any(_mentions(p, s) for s in roster_subs)
    ]
    assert not wrong


# --- 4. hand-kept attendance ---------------------------------------------------------------


def test_attendance_header_found_under_title_block(pair_runs: Callable[[str], PairRun]) -> None:
    """The header is recognised on row 3, under the merged title and instruction lines."""
    run = pair_runs("handkept_attendance")
    file = realistic_file(run.pair)
    roles = [p for p in run.realistic.problems if p.code == "sheet.role" and p.file == file]
    assert [p.params.get("header_row") for p in roles] == [rz.HANDKEPT_ATT_HEADER_ROW]
    assert roles[0].params.get("rows") == len(DATA.attendance)


def test_attendance_text_dates_are_read(pair_runs: Callable[[str], PairRun]) -> None:
    """``10月3日`` and the real date cells all become dates in 2026-10, with no date errors."""
    run = pair_runs("handkept_attendance")
    file = realistic_file(run.pair)
    report = _check(run.pair.realistic)
    assert not [
        p.render()
        for p in report.problems
        if p.file == file and p.code in ("cell.not_date", "row.missing_id")
    ]
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
    file = realistic_file(run.pair)
    report = _check(run.pair.realistic)
    assert report.dataset is not None
    frame = report.dataset.frames["qa"]
    frame = frame[frame["_file"] == file]
    expected_cols = {
        "agent_id",
        "date",
        "chat_id",
        "satisfaction",
        *(f"item_{i}" for i in range(10)),
        "error_type",
        "shop_risk",
    }
    assert expected_cols <= set(frame.columns)
    assert len(frame) == len(DATA.chats)
    first_data = frame["_row"].min()
    assert first_data == rz.TWO_ROW_QA_FIRST_DATA_ROW
    got = {
        (r["chat_id"], r["error_type"] if isinstance(r["error_type"], str) else "", r["shop_risk"] is True)
        for r in frame.to_dict("records")
    }
    assert got == {(c.chat_id, c.error_type, c.shop_risk) for c in DATA.chats}
