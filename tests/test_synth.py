"""The synthetic month generator and the committed sample workbooks."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csreport import domain
from tests.synth import (
    ATTENDANCE_HEADERS,
    ATTITUDE_ITEMS,
    QA_HEADERS,
    RECEPTION_HEADERS,
    ROSTER_HEADERS,
    generate_month,
    month_days,
    write_workbooks,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_workbooks"
SAMPLE_FILES = ("花名册.xlsx", "十月考勤.xlsx", "十月质检.xlsx", "十月接待.xlsx")


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet's cell values, as openpyxl reads them."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def records(path: Path, header_row: int = 1) -> list[dict[str, object]]:
    """The first sheet's rows below the header, keyed by header."""
    rows = next(iter(cells(path).values()))
    header = rows[header_row - 1]
    return [dict(zip(header, r, strict=True)) for r in rows[header_row:]]


def test_same_seed_same_rows_and_files(tmp_path: Path) -> None:
    """Same seed: equal rows, equal cell values and byte-identical files."""
    a, b = generate_month(13, seed=3), generate_month(13, seed=3)
    for sheet in ("roster", "attendance", "reception", "qa"):
        assert getattr(a, sheet) == getattr(b, sheet)
    assert generate_month(13, seed=4).reception != a.reception
    pa = write_workbooks(a, tmp_path / "a")
    pb = write_workbooks(b, tmp_path / "b")
    for x, y in zip(pa, pb, strict=True):
        assert cells(x) == cells(y)
        assert x.read_bytes() == y.read_bytes()


def test_headers_are_canonical_and_match_the_domain() -> None:
    """Row keys are the canonical headers; vocabularies agree with csreport.domain."""
    m = generate_month(3)
    assert list(m.roster[0]) == list(ROSTER_HEADERS)
    assert list(m.attendance[0]) == list(ATTENDANCE_HEADERS)
    assert list(m.reception[0]) == list(RECEPTION_HEADERS)
    assert list(m.qa[0]) == list(QA_HEADERS)
    assert ATTITUDE_ITEMS == domain.ATTITUDE_ITEMS
    assert {r["考勤状态"] for r in generate_month(40).attendance} <= set(domain.ATTENDANCE_STATUSES)
    assert {r["满意度"] for r in m.qa} <= set(domain.SATISFACTION_LEVELS)


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(1, 25),
    seed=st.integers(0, 10_000),
    month=st.sampled_from(["2026-02", "2026-10", "2028-02", "2026-11"]),
)
def test_invariants(n: int, seed: int, month: str) -> None:
    """Counts nest, one attendance row per agent-day, reception only on working days."""
    m = generate_month(n, month=month, seed=seed)
    days = month_days(month)
    ids = [r["工号"] for r in m.roster]
    assert len(set(ids)) == n and len({r["旺旺"] for r in m.roster}) == n
    per_agent = Counter((r["工号"], r["日期"]) for r in m.attendance)
    assert len(per_agent) == n * len(days) and set(per_agent.values()) == {1}
    working = {(r["工号"], r["日期"]) for r in m.attendance if r["考勤状态"] in domain.PRESENT_STATUSES}
    assert {(r["工号"], r["日期"]) for r in m.reception} == working
    for r in m.reception:
        assert 50 <= r["接待人数"] <= 200
        assert r["回复人数"] <= r["咨询人数"] <= r["接待人数"]
        assert r["付款订单数"] <= r["询单人数"] <= r["咨询人数"]
        assert r["首次响应时长(秒)"] < r["平均响应时长(秒)"]
    for r in m.qa:
        assert (r["工号"], r["日期"]) in working
        for item, mx in ATTITUDE_ITEMS:
            assert 0 <= r[item] <= mx
        assert r["店铺风险"] in ("是", "否")
    if n >= 12:
        assert len({r["姓名"] for r in m.roster}) < n


def test_title_row_position(tmp_path: Path) -> None:
    """Attendance: merged title on row 1, blank row 2, header on row 3; none without titles."""
    m = generate_month(4)
    titled = write_workbooks(m, tmp_path / "t")
    plain = write_workbooks(m, tmp_path / "p", title_rows=False)
    att = next(p for p in titled if "考勤" in p.name)
    rows = next(iter(cells(att).values()))
    assert rows[0][0] == "2026年10月客服考勤表" and all(v is None for v in rows[1])
    assert rows[2] == ATTENDANCE_HEADERS
    ws = openpyxl.load_workbook(att).worksheets[0]
    assert "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    att_plain = next(p for p in plain if "考勤" in p.name)
    assert next(iter(cells(att_plain).values()))[0] == ATTENDANCE_HEADERS
    assert len(records(att, header_row=3)) == len(m.attendance)


def test_single_file_holds_four_sheets(tmp_path: Path) -> None:
    """single_file=True writes one workbook with the four sheets."""
    (path,) = write_workbooks(generate_month(5), tmp_path, single_file=True)
    assert path.name == "2026年10月客服数据.xlsx"
    assert list(cells(path)) == ["花名册", "考勤", "质检抽查", "接待数据"]


def test_written_values_equal_generated_rows(tmp_path: Path) -> None:
    """What openpyxl reads back is exactly the generated rows."""
    m = generate_month(6)
    paths = {p.name: p for p in write_workbooks(m, tmp_path, title_rows=False)}

    def norm(v: object) -> object:
        """A generated value as openpyxl gives it back."""
        if isinstance(v, dt.date):
            return dt.datetime.combine(v, dt.time())
        return None if v == "" else v

    sheets = {"花名册.xlsx": m.roster, "十月接待.xlsx": m.reception, "十月质检.xlsx": m.qa}
    for name, rows in sheets.items():
        assert records(paths[name]) == [{k: norm(v) for k, v in r.items()} for r in rows]


def test_sample_workbooks_are_what_make_samples_writes(tmp_path: Path) -> None:
    """The committed sample_workbooks/ are not stale."""
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_samples.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in SAMPLE_FILES:
        assert (SAMPLES / name).exists(), f"sample_workbooks/{name} missing: run make_samples.py"
        assert cells(SAMPLES / name) == cells(tmp_path / name), f"{name} is stale"


@pytest.fixture(scope="module")
def sample_month() -> dict[str, dict[str, object]]:
    """Monthly aggregates per agent, computed directly from the sample workbooks."""
    agg: dict[str, dict[str, object]] = defaultdict(lambda: defaultdict(float))
    for r in records(SAMPLES / "十月接待.xlsx"):
        a = agg[r["工号"]]
        a["rt_x_recv"] += r["平均响应时长(秒)"] * r["接待人数"]
        for key in ("接待人数", "咨询人数", "回复人数", "付款订单数"):
            a[key] += r[key]
    for r in records(SAMPLES / "十月质检.xlsx"):
        a = agg[r["工号"]]
        a["chats"] += 1
        a["attitude_sum"] += sum(r[item] for item, _ in ATTITUDE_ITEMS)
        a["risk"] += r["店铺风险"] == "是"
    for r in records(SAMPLES / "花名册.xlsx"):
        agg[r["工号"]]["status"] = r["岗位状态"]
    return agg


def test_sample_agents_show_every_outcome(sample_month: dict[str, dict[str, object]]) -> None:
    """The hand-chosen sample agents carry the values their intended outcome needs."""
    s = sample_month
    assert 12 <= len(s) <= 16
    assert s["KF003"]["status"] == "试用期" and s["KF003"]["chats"] > 0
    assert s["KF006"]["rt_x_recv"] / s["KF006"]["接待人数"] > 100
    assert s["KF009"]["risk"] >= 1
    assert s["KF011"]["chats"] == 0 and s["KF011"]["接待人数"] > 0
    b = s["KF013"]
    assert b["rt_x_recv"] / b["接待人数"] == 45
    assert b["回复人数"] / b["咨询人数"] == 0.98
    assert b["付款订单数"] / b["接待人数"] == 0.55
    assert b["attitude_sum"] / b["chats"] == 85
