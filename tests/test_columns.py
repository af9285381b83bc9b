"""The one column specification (``csreport.outputs.columns``) drives the 汇总 sheet, the JSON
and write-back: a column added to it appears in all three, with no other edit."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import openpyxl
import pytest

import csreport.messages as messages
from csreport.inputs.writeback import SHEET_NAME, write_back
from csreport.outputs import columns
from csreport.outputs.columns import SUMMARY, Column, KpiColumns, writeback_rows
from csreport.outputs.json import result_json
from csreport.outputs.xlsx.workbook import write_workbook
from tests.factories import said, sample_month, sample_problems, sample_rules
from tests.writeback_helpers import calamine_rows, manager_book, scored


def _rank_text(a: object, lang: str) -> str:
    rank, of = getattr(a, "rank", None), getattr(a, "rank_of", 0)
    return f"{rank}/{of}" if rank else ""


EXTRA = Column(
    "rank_text",
    "workbook.test_rank_text",
    _rank_text,
    json=lambda a: _rank_text(a, "zh"),
    writeback=True,
    roster=True,
)


@pytest.fixture
def extra_column(monkeypatch: pytest.MonkeyPatch) -> None:
    """``EXTRA`` inserted before 结论, with its header in the catalogue."""
    at = next(i for i, c in enumerate(SUMMARY) if isinstance(c, Column) and c.key == "conclusion")
    monkeypatch.setattr(columns, "SUMMARY", (*SUMMARY[:at], EXTRA, *SUMMARY[at:]))
    monkeypatch.setitem(messages.MESSAGES, "workbook.test_rank_text", ("名次", "Place"))


def test_an_added_column_appears_in_the_summary_the_json_and_write_back(
    extra_column: None, tmp_path: Path
) -> None:
    month = sample_month()
    out = write_workbook(month, sample_problems(), sample_rules(), tmp_path / "结果.xlsx")
    ws = openpyxl.load_workbook(out)["汇总"]
    header = [c.value for c in ws[2]]  # row 1 is the table's title
    place = header.index("名次")
    assert header[place - 1 : place + 2] == ["总分", "名次", "结论"]
    by_id = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert by_id["1001"][place] == "1/3" and by_id["1003"][place] is None
    # The 结论 column moved one to the right, and 李四's 不予上岗 fill with it; the data bar
    # stays on 总分, the autofilter covers the new column too.
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["D3:D6"]
    fail_row = 3 + list(by_id).index("1002")
    assert ws.cell(fail_row, place + 2).value == "不予上岗"
    assert ws.cell(fail_row, place + 1).fill.fgColor.rgb == "FFFCE4E4"
    assert ws.auto_filter.ref == "A2:AA6"

    payload = json.loads(result_json(month, [], "zh"))
    assert [a["rank_text"] for a in payload["agents"]] == ["1/3", "3/3", "", "2/3"]

    (tmp_path / "in").mkdir()
    book = manager_book(tmp_path / "in" / "花名册.xlsx")
    [copy] = write_back(
        scored(book), writeback_rows(month.agents, "en"), tmp_path / "out", columns=True, lang="en"
    ).written
    results = calamine_rows(copy, SHEET_NAME)
    assert results[0][results[0].index("Place") - 1 :][:3] == ["Total", "Place", "Conclusion"]
    roster = openpyxl.load_workbook(copy)["花名册"]
    assert [roster.cell(2, c).value for c in range(8, 13)] == [
        "Total",
        "Place",
        "Conclusion",
        "Level (级别)",
        "Coefficient (系数)",
    ]
    assert roster.cell(3, 9).value == "1/3"


def test_the_specification_is_whole() -> None:
    """One KPI block, last (tables differ in their KPIs, so the columns before it line up in
    every table of the 汇总); unique keys; every header in the catalogue in both languages; the
    outcome and attendance columns the sheets rely on are there; the table's name is said in
    each table's title, not a column."""
    assert sum(isinstance(c, KpiColumns) for c in SUMMARY) == 1 and isinstance(SUMMARY[-1], KpiColumns)
    assert [c.key for c in SUMMARY if isinstance(c, Column) and c.in_title] == ["table_name"]
    assert [c.key for c in SUMMARY if isinstance(c, Column) and c.key.startswith("attendance_")] == [
        "attendance_present",
        "attendance_late",
        "attendance_early_leave",
        "attendance_leave",
        "attendance_absent",
    ]
    specs = [c for c in SUMMARY if isinstance(c, Column)]
    keys = [c.key for c in specs]
    assert len(set(keys)) == len(keys) and {"total", "conclusion"} <= set(keys)
    for c in specs:
        zh, en = messages.MESSAGES[c.label]
        assert zh and en
    frozen = [c.frozen for c in specs]
    assert frozen == sorted(frozen, reverse=True)  # frozen columns lead


def test_json_and_write_back_carry_what_they_did() -> None:
    """The JSON carries the bonus with everything else; write-back has no 备注 and no 奖金基数."""
    json_keys = [c.key for c in columns.json_columns()]
    assert json_keys == [
        "agent_id",
        "name",
        "group",
        "table_name",
        "total",
        "conclusion",
        "veto_reasons",
        "grade",
        "level",
        "coefficient",
        "bonus_base",
        "bonus",
        "rank",
        "notes",
    ]
    back = writeback_rows(sample_month().agents, "zh")
    assert back.header == (
        "工号",
        "姓名",
        "组别",
        "考核表",
        "总分",
        "结论",
        "否决原因",
        "等级",
        "级别",
        "系数",
        "绩效奖金",
        "排名",
    )
    assert back.roster_header == ("总分", "结论", "级别", "系数")
    assert back.rows[0][0] == 1001 and back.roster["1001"] == (90.0, "合格", "老员工", 1.2)


def test_json_carries_the_bonus_hr_pays() -> None:
    """An agent with a 奖金基数 of 2000 and a 系数 of 1.3 has 绩效奖金 2600 in the JSON too."""
    month = sample_month()
    paid = dataclasses.replace(month.agents[0], coefficient=1.3, bonus_base=2000.0, bonus=2600.0)
    month = dataclasses.replace(month, agents=(paid, *month.agents[1:]))
    records = json.loads(result_json(month, [], "zh"))["agents"]
    assert (records[0]["bonus_base"], records[0]["bonus"]) == (2000.0, 2600.0)
    assert (records[1]["bonus_base"], records[1]["bonus"]) == (None, None)


def test_json_carries_the_explanations_in_the_language() -> None:
    """Each KPI's English name and missing-data treatment, and the agent's rescaling note."""
    month = sample_month()
    rescaled = dataclasses.replace(
        month.agents[0], rescale=1.25, rescale_note=said("缺数据指标不计入", "left out for missing data")
    )
    month = dataclasses.replace(month, agents=(rescaled, *month.agents[1:]))
    records = json.loads(result_json(month, [], "en"))["agents"]
    assert (records[0]["rescale"], records[0]["rescale_note"]) == (1.25, "left out for missing data")
    kpi = records[2]["kpis"][4]  # 王五's 工作态度: no sampled chats
    assert (kpi["name"], kpi["name_en"], kpi["missing_reason"]) == (
        "工作态度",
        "attitude",
        "missing: 没有抽查记录",
    )
    assert (kpi["policy_note"], kpi["excluded"]) == (None, False)
