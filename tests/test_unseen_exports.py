"""Exports csreport has never seen score exactly like the same data in canonical columns.

Each variant of ``tests/unseen_exports.py`` writes one seeded month as a back-office exports
it (title rows, ``澜庭旗舰店:昵称`` accounts, ``2分30秒``, ``"97.50%"``, ``"1,234"``, 店铺汇总值
and 全店合计 rows, complements such as 不服务率, headers only a mapping file explains, a
platform KPI declared under ``fields:``) and as a canonical twin. Both go through
``run_month`` with the same rules; their 汇总 sheets must be identical cell by cell, with one
row per roster agent and no other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from csreport.api import RunOptions, check_month, run_month
from csreport.problems import Severity
from csreport.reports import CheckReport, RunReport
from tests import unseen_exports as ux
from tests.summary_rows import summary_tables, summary_values

NAMES = list(ux.VARIANTS)
MONTH_DATA = ux.month()
ROSTER_IDS = MONTH_DATA.agent_ids


@dataclass
class Runs:
    """One variant's files, both runs and the check of its export."""

    variant: ux.Variant
    export: RunReport
    canonical: RunReport
    check: CheckReport


def _run(inputs: list[Path], mapping: Path | None, rules: Path, out: Path) -> RunReport:
    options = RunOptions(out_dir=out, month=ux.MONTH, pdf=False, mapping=mapping, rules=str(rules))
    return run_month(inputs, options)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Runs]:
    """Build and run a variant once per module; later tests reuse the reports."""
    done: dict[str, Runs] = {}

    def get(name: str) -> Runs:
        if name not in done:
            folder = tmp_path_factory.mktemp(name)
            v = ux.build_variant(folder, name, MONTH_DATA)
            done[name] = Runs(
                v,
                _run(v.export, v.export_mapping, v.rules, folder / "out_export"),
                _run(v.canonical, v.canonical_mapping, v.rules, folder / "out_canonical"),
                check_month(v.export, ux.MONTH, str(v.rules), mapping=v.export_mapping),
            )
        return done[name]

    return get


def summary_sheet(workbook: Path) -> list[tuple[Any, ...]]:
    """The 汇总's tables, each as its header then its agents' rows (the titles left out)."""
    return [row for table in summary_tables(summary_values(workbook)) for row in (table.header, *table.rows)]


def differences(export: list[tuple[Any, ...]], canonical: list[tuple[Any, ...]]) -> list[str]:
    """Every cell where the two 汇总 sheets differ, named by row, 工号 and header."""
    out: list[str] = []
    header = canonical[0] if canonical else ()
    if len(export) != len(canonical):
        out.append(f"rows: export {len(export)} != canonical {len(canonical)}")
    for n, (e, c) in enumerate(zip(export, canonical, strict=False), start=1):
        if len(e) != len(c):
            out.append(f"row {n}: export {len(e)} cells != canonical {len(c)}")
        for col, (x, y) in enumerate(zip(e, c, strict=False)):
            if x != y:
                name = header[col] if col < len(header) else col + 1
                out.append(f"row {n} ({c[0]}) {name}: export {x!r} != canonical {y!r}")
    return out


# --- the generator writes what back-offices write -------------------------------------------------


def test_formatting_helpers_write_as_back_offices_do() -> None:
    assert [ux.duration(11), ux.duration(150), ux.duration(60)] == ["11秒", "2分30秒", "1分0秒"]
    assert [ux.thousands(1234), ux.thousands(87), ux.thousands(12345.6, 2)] == ["1,234", "87", "12,345.60"]
    assert [ux.pct(9750), ux.pct(10000), ux.pct(7)] == ["97.50%", "100.00%", "0.07%"]
    # 39 of 40 replied: 不服务率 2.50%, and 40 × (1 − 2.50%) = 39 again.
    assert ux.complement(39, 40) == "2.50%"
    assert ux.recovers(39, 40, "2.50%") and not ux.recovers(38, 40, "2.50%")


def test_month_is_seeded_and_covers_the_roster() -> None:
    again = ux.month()
    assert again == MONTH_DATA
    assert ux.month(ux.SEED + 1) != MONTH_DATA
    assert len(ROSTER_IDS) == 8
    per_agent = {a: sum(d.agent.agent_id == a for d in MONTH_DATA.days) for a in ROSTER_IDS}
    assert all(18 <= n <= 22 for n in per_agent.values()), per_agent
    # One agent is busy enough for thousands separators; some response times pass a minute.
    assert any(d.received >= 1000 for d in MONTH_DATA.days)
    assert any(d.avg_response_s >= 60 for d in MONTH_DATA.days)


_MIN_SEC = re.compile(r"^\d+分\d+秒$")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d\d)?$")
_PERCENT = re.compile(r"^\d+\.\d\d%$")


@pytest.mark.parametrize("name", NAMES)
def test_export_has_a_title_accounts_and_summary_rows(name: str, tmp_path: Path) -> None:
    """Every export: a title above the header, 澜庭旗舰店:昵称 accounts, 店铺汇总值 and 全店合计 last."""
    export = ux.VARIANTS[name](MONTH_DATA)
    path = ux.write_export(tmp_path / export.file, export.sheet, export.titles, export.rows)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == export.titles[0] and "2026" in rows[0][0]
    header_at = len(export.titles)
    assert list(rows[header_at]) == export.rows[0]
    agents = [r[1] for r in rows[header_at + 1 :]]
    assert agents[-2:] == ["店铺汇总值", "全店合计"]
    accounts = {a for a in agents[:-2] if a != ux.BOT}
    assert accounts == {a.subaccount for a in MONTH_DATA.agents}
    assert all(str(a).startswith("澜庭旗舰店:") for a in accounts)


def test_exports_carry_the_quirks() -> None:
    """Durations as 2分30秒, text counts with separators, text rates, complements, odd headers."""
    cells = {name: [c for r in ux.VARIANTS[name](MONTH_DATA).rows[1:] for c in r] for name in NAMES}
    for name in ("title_subaccount", "complement_rates", "everything"):
        assert any(isinstance(c, str) and _MIN_SEC.match(c) for c in cells[name]), name
        assert any(isinstance(c, str) and _THOUSANDS.match(c) for c in cells[name]), name
        assert any(isinstance(c, str) and _PERCENT.match(c) for c in cells[name]), name
    headers = {name: ux.VARIANTS[name](MONTH_DATA).rows[0] for name in NAMES}
    assert "不服务率" in headers["complement_rates"] and "回复人数" not in headers["complement_rates"]
    assert "询单流失率" in headers["complement_rates"]
    assert {"人工会话量", "支付人数", "漏接人数"} <= set(headers["mapped_headers"])
    assert ux.DECLARED_COLUMN in headers["platform_kpi"] and ux.DECLARED_COLUMN in headers["everything"]


# --- scored like the canonical twin -----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_summary_rows_are_identical(name: str, runs: Callable[[str], Runs]) -> None:
    """Every row and column of the export's 汇总 equals the canonical twin's."""
    run = runs(name)
    export, canonical = summary_sheet(run.export.workbook), summary_sheet(run.canonical.workbook)
    assert differences(export, canonical) == []


@pytest.mark.parametrize("name", NAMES)
def test_one_summary_row_per_roster_agent(name: str, runs: Callable[[str], Runs]) -> None:
    """No summary row, bot or unknown account becomes an agent; none of the roster is lost."""
    run = runs(name)
    for report in (run.export, run.canonical):
        assert sorted(a.agent_id for a in report.result.agents) == ROSTER_IDS
        tables = summary_tables(summary_values(report.workbook))
        assert all(t.header[0] == "工号" for t in tables)
        assert sorted(r[0] for t in tables for r in t.rows) == ROSTER_IDS


@pytest.mark.parametrize("name", NAMES)
def test_every_kpi_is_computed_from_the_export(name: str, runs: Callable[[str], Runs]) -> None:
    """The comparison is of real values: no KPI is 缺数据 for anyone, the platform KPI included."""
    run = runs(name)
    headers = [t.header for t in summary_tables(summary_values(run.export.workbook))]
    assert any("三分钟回复率" in header for header in headers) == (run.variant.canonical_mapping is not None)
    for agent in run.export.result.agents:
        missing = [k.kpi_id for k in agent.kpis if k.raw is None]
        assert missing == [], (agent.agent_id, missing)
    kpis = {k.kpi_id for a in run.export.result.agents for k in a.kpis}
    assert {"reply_rate", "satisfaction", "inquiry_conversion", "first_response"} <= kpis


@pytest.mark.parametrize("name", NAMES)
def test_check_finds_no_mapping_problem(name: str, runs: Callable[[str], Runs]) -> None:
    """``check`` on the export with its mapping file names no mapping mistake."""
    bad = [
        p.render()
        for p in runs(name).check.problems
        if p.code.startswith("mapping.") and p.severity in (Severity.ERROR, Severity.WARNING)
    ]
    assert bad == []


@pytest.mark.parametrize("name", NAMES)
def test_export_reads_as_clean_as_its_twin(name: str, runs: Callable[[str], Runs]) -> None:
    """Summary rows, complements and mapped headers are understood, so ``check`` has no more to
    say about the export than about the canonical twin: no error or warning at all."""
    run = runs(name)
    twin = check_month(
        run.variant.canonical, ux.MONTH, str(run.variant.rules), mapping=run.variant.canonical_mapping
    )
    assert [p.render() for p in twin.problems if p.severity is not Severity.INFO] == []
    assert [p.render() for p in run.check.problems if p.severity is not Severity.INFO] == []
