"""The documented example files load, lint clean and work on the sample month.

``examples/mapping.yaml`` is the mapping of the 抖音飞鸽 export walked through in the README
(section "Header mapping"); that export is built here from the sample month, and mapped with the
example file it must give the same 汇总 rows as the sample month written in canonical columns.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from csreport.api import RunOptions, check_month, run_month
from csreport.fields import DeclaredField
from csreport.inputs.mapping import load_mapping
from csreport.rules.lint import lint
from csreport.rules.loader import load_rules
from tests.summary_rows import agent_records, summary_values

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_workbooks"
EXAMPLE_MAPPING = ROOT / "examples" / "mapping.yaml"

# The KPI of the README's `fields` example, added to examples/my_rules.yaml (total 105 → 115).
REPLY3_KPI = """\
      - id: reply3
        name: 三分钟回复率
        weight: 10
        input: 三分钟回复率
        unit: "%"
        bands:
          - {range: "[95%, 100%]", points: 10}
          - {range: "[85%, 95%)", points: 5}
          - {range: "[0%, 85%)", points: 0}
"""

CANONICAL_HEADER = [
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
    "三分钟回复率",
    "客户满意率",
]
FEIGE_HEADER = [
    "日期",
    "客服昵称",
    "人工会话量",
    "咨询人数",
    "不服务率",
    "平均响应时长",
    "首次响应时长",
    "询单人数",
    "支付人数",
    "支付金额",
    "三分钟回复率（人维度）",
    "全天不满意率",
    "转出会话量",
]

# The canonical month declares the same metric, read from a column under its own name.
CANONICAL_MAPPING = """\
fields:
  三分钟回复率:
    column: 三分钟回复率
    unit: "%"
    month: weighted by 咨询人数
"""


def test_example_rules_lint_clean_and_score(tmp_path: Path) -> None:
    rules = load_rules(str(ROOT / "examples" / "my_rules.yaml"))
    assert lint(rules) == []
    assert sum(k.weight for k in rules.tables[0].kpis) == rules.tables[0].total == 105
    report = run_month(
        [SAMPLES],
        RunOptions(
            out_dir=tmp_path,
            rules=str(ROOT / "examples" / "my_rules.yaml"),
            mapping=EXAMPLE_MAPPING,
            pdf=False,
        ),
    )
    kf003 = next(a for a in report.result.agents if a.agent_id == "KF003")
    assert {k.kpi_id for k in kf003.kpis} >= {"full_attendance", "late_deduction"}


def test_example_mapping_holds_the_readme_walkthrough() -> None:
    mapping = load_mapping(EXAMPLE_MAPPING)
    assert mapping is not None
    assert dict(mapping.columns) == {
        "人工会话量": ("received",),
        "支付人数": ("paid_orders", "inquiry_paid"),
        "支付金额": ("sales",),
        "转出会话量": ("_ignore",),
        "三分钟回复率(人维度)": ("三分钟回复率",),
        "全天不满意率": ("全天不满意率",),
    }
    assert [(d.target, d.formula.text) for d in mapping.derive] == [("satisfaction_rate", "1 - 全天不满意率")]
    assert mapping.fields == (
        DeclaredField("三分钟回复率", "三分钟回复率（人维度）", "%", "weighted", "inquiries"),
        DeclaredField("全天不满意率", "全天不满意率", "%", "weighted", "received"),
    )
    assert mapping.drop_rows == frozenset({"测试旗舰店:智能客服"})


def _three_min(i: int) -> float:
    """A plausible 三分钟回复率 for the sample's i-th reception row, as a fraction."""
    return round(0.80 + ((i * 37) % 200) / 1000, 4)


def _months(tmp_path: Path) -> tuple[Path, Path]:
    """The sample month twice: reception in canonical columns, and as a 飞鸽 export."""
    canon, feige = tmp_path / "canon", tmp_path / "feige"
    for folder in (canon, feige):
        folder.mkdir()
        for name in ("花名册.xlsx", "十月考勤.xlsx", "十月质检.xlsx"):
            shutil.copy(SAMPLES / name, folder / name)
    roster = openpyxl.load_workbook(SAMPLES / "花名册.xlsx").active
    account = {r[0]: r[6] for r in roster.iter_rows(min_row=2, values_only=True)}
    rows: list[tuple[Any, ...]] = list(
        openpyxl.load_workbook(SAMPLES / "十月接待.xlsx").active.iter_rows(min_row=2, values_only=True)
    )

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "接待数据"
    # 付款订单数 = 询单付款人数: the export gives one 支付人数 for both; times in whole seconds.
    sheet.append(CANONICAL_HEADER)
    for i, (agent, day, received, asked, replied, avg, first, pre, paid, _orders, sales) in enumerate(rows):
        satisfied = round(1 - (i % 7) * 0.004, 6)
        sheet.append(
            [
                agent,
                day,
                received,
                asked,
                replied,
                round(avg),
                round(first),
                pre,
                paid,
                paid,
                sales,
                _three_min(i),
                satisfied,
            ]
        )
    book.save(canon / "十月接待.xlsx")

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "客服数据"
    sheet.append(["飞鸽 客服数据（2026-10-01至2026-10-31）"])
    sheet.merge_cells("A1:M1")
    sheet.append(FEIGE_HEADER)
    for i, (agent, day, received, asked, replied, avg, first, pre, paid, _orders, sales) in enumerate(rows):
        unserved = f"{(1 - replied / asked) * 100:.2f}%"
        three_min, unhappy = f"{_three_min(i) * 100:.2f}%", f"{(i % 7) * 0.4:.2f}%"
        sheet.append(
            [
                f"{day:%Y-%m-%d}",
                account[agent],
                received,
                asked,
                unserved,
                f"{round(avg)}秒",
                f"{round(first)}秒",
                pre,
                paid,
                f"{sales:,.2f}",
                three_min,
                unhappy,
                i % 3,
            ]
        )
        if i % 40 == 0:  # the platform's bot answers too
            bot = [
                "测试旗舰店:智能客服",
                120,
                120,
                "0.00%",
                "1秒",
                "1秒",
                40,
                10,
                "1,000.00",
                "100.00%",
                "0.00%",
                0,
            ]
            sheet.append([f"{day:%Y-%m-%d}", *bot])
    sheet.append(["", "店铺汇总值", 20000, 19000, "3.10%", "40秒", "18秒", "", "", "", "92.00%", "1.10%", 40])
    book.save(feige / "飞鸽客服数据_2026-10.xlsx")
    return canon, feige


def _summary(out: Path) -> list[dict[Any, Any]]:
    """The 汇总's agents, table by table, each as {its table's header: value}."""
    return agent_records(summary_values(out / "2026-10" / "客服绩效_2026-10.xlsx"))


@pytest.mark.parametrize("preset", ["my_rules+reply3", "multi"])
def test_example_mapping_scores_the_readme_export_like_canonical_columns(tmp_path: Path, preset: str) -> None:
    canon, feige = _months(tmp_path)
    canon_mapping = tmp_path / "canon.yaml"
    canon_mapping.write_text(CANONICAL_MAPPING, encoding="utf-8")
    if preset == "multi":
        rules = "multi"
    else:
        text = (ROOT / "examples" / "my_rules.yaml").read_text("utf-8").replace("total: 105", "total: 115")
        text = text.replace("      - id: conversion\n", REPLY3_KPI + "      - id: conversion\n")
        (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
        rules = str(tmp_path / "rules.yaml")

    check = check_month([feige], rules=rules, mapping=EXAMPLE_MAPPING)
    export = next(r for r in check.dataset.sheets if r.sheet == "客服数据") if check.dataset else None
    assert export is not None and export.kept and export.unknown() == ()
    assert [c.header for c in export.columns if c.fate == "ignored"] == ["转出会话量"]
    assert export.rows == 341  # the nine bot rows and the 店铺汇总值 row are left out
    assert [p for p in check.problems if p.code.startswith("mapping.")] == []
    assert [p.code for p in check.problems if p.code == "row.dropped_by_mapping"] == [
        "row.dropped_by_mapping"
    ] * 9

    outputs = {}
    for name, folder, mapping in (("canon", canon, canon_mapping), ("feige", feige, EXAMPLE_MAPPING)):
        run_month(
            [folder], RunOptions(out_dir=tmp_path / f"out_{name}", rules=rules, mapping=mapping, pdf=False)
        )
        outputs[name] = _summary(tmp_path / f"out_{name}")
    assert len(outputs["canon"]) == 14  # the 14 agents of the roster
    assert outputs["feige"] == outputs["canon"]
    scored = "三分钟回复率" if preset != "multi" else "客户满意率"
    kf005 = next(r for r in outputs["canon"] if r["工号"] == "KF005")
    assert kf005[scored] is not None
