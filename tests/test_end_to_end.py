"""The bundled sample month, end to end: real files in, real workbook and PDFs out."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from csreport.api import RunOptions, RunReport, run_month
from csreport.util.resources import sample_workbooks_dir
from tests.summary_rows import agent_records, summary_cells
from tests.weasy_logs import weasyprint_warnings

SAMPLES = sample_workbooks_dir()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> RunReport:
    out = tmp_path_factory.mktemp("e2e")
    with weasyprint_warnings() as records:
        result = run_month([SAMPLES], RunOptions(out_dir=out / "报表", shop="测试旗舰店", workers=1))
    assert not records, [r.getMessage() for r in records]
    return result


def test_outputs_are_where_the_manager_expects(report: RunReport) -> None:
    month_dir = report.workbook.parent
    assert report.workbook.name == "客服绩效_2026-10.xlsx" and month_dir.name == "2026-10"
    assert len(report.scorecards) == 14
    assert all(p.parent == month_dir / "scorecards" for p in report.scorecards)
    assert sorted(p.name for p in report.scorecards)[0] == "KF001_徐思远.pdf"
    # Two agents share the name 梁欣怡; their files are still distinct.
    assert {"KF005_梁欣怡.pdf", "KF012_梁欣怡.pdf"} <= {p.name for p in report.scorecards}


def test_inputs_are_untouched(tmp_path: Path) -> None:
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLES.glob("*.xlsx")}
    run_month([SAMPLES], RunOptions(out_dir=tmp_path, pdf=False))
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLES.glob("*.xlsx")}
    assert before == after
    assert not list(SAMPLES.glob("*.tmp")) and not list(tmp_path.rglob("*.tmp"))


def test_workbook_reread(report: RunReport) -> None:
    wb = openpyxl.load_workbook(report.workbook)
    assert wb.sheetnames == ["汇总", "计算明细", "团队", "面谈", "数据问题", "规则"]
    # One table per 考核表, each under its own header: the agents' cells by header.
    rows = {r["工号"].value: r for r in agent_records(summary_cells(wb["汇总"]))}
    boundary = rows["KF013"]  # 45 s, 98%, 55% exactly: the top band each time
    assert boundary["平均响应时长"].value == 45
    assert boundary["回复率"].value == pytest.approx(0.98)
    assert boundary["回复率"].number_format == "0.00%"
    assert boundary["平均响应时长"].number_format == '0.0" 秒"'
    assert boundary["总分"].value == 100 and boundary["结论"].value == "合格"
    assert boundary["系数"].value == pytest.approx(1.3)
    vetoed = rows["KF006"]
    assert vetoed["结论"].value == "不予上岗"
    assert vetoed["否决原因"].value == "平均响应时长超过 100 秒"
    missing = rows["KF011"]
    assert missing["结论"].value == "缺数据" and missing["总分"].value is None
    detail = wb["计算明细"]
    assert detail.max_row - 1 == sum(len(a.kpis) for a in report.result.agents)
    sources = [r[-1].value for r in detail.iter_rows(min_row=2) if r[0].value == "KF013"]
    assert sources[0].startswith("十月接待.xlsx!接待数据!A")


def test_scorecard_text(report: RunReport) -> None:
    card = next(p for p in report.scorecards if p.name.startswith("KF006_"))
    reader = PdfReader(card)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in ("KF006", "周文博", "80", "不予上岗", "平均响应时长超过 100 秒", "员工"):
        assert expected in text, expected


def test_json_result_records_rules(report: RunReport) -> None:
    payload = json.loads(report.json_path.read_text("utf-8"))
    assert payload["meta"]["rules_name"] == "标准考核"
    assert len(payload["meta"]["rules_hash"]) == 8
    assert {a["conclusion"] for a in payload["agents"]} == {"pass", "fail", "missing"}
    assert {a["conclusion_text"] for a in payload["agents"]} == {"合格", "不予上岗", "缺数据"}


def test_rerun_gives_identical_numbers(report: RunReport, tmp_path: Path) -> None:
    again = run_month([SAMPLES], RunOptions(out_dir=tmp_path, pdf=False))

    def numbers(r: RunReport) -> list:
        return [
            (a.agent_id, a.total, a.rank, a.coefficient, [k.raw for k in a.kpis]) for a in r.result.agents
        ]

    assert numbers(again) == numbers(report)
