"""The 汇总 and 计算明细 sheets as a manager and HR read them, on the bundled sample month.

The sample month (``sample_workbooks/``) is scored as ``csreport run`` does and the workbook
read back with openpyxl: one table per 考核表 with its own title and header and only its KPIs,
attendance columns, a print set-up that keeps text legible, and a 计算明细 in words. The
figures checked by hand come from the input workbooks (``十月接待.xlsx``, ``十月考勤.xlsx``).
Agents not in the roster and tables longer than a page use hand-built months.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook
from openpyxl.worksheet.worksheet import Worksheet as OpenpyxlSheet

from csreport.api import RunOptions, run_month
from csreport.messages import Note
from csreport.outputs.xlsx.workbook import write_workbook
from csreport.results import MonthResult
from csreport.util.resources import sample_workbooks_dir
from tests.factories import agent, kpi, sample_month, sample_problems, sample_rules

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# A Chinese term in parentheses right after an English word: "Level (级别)".
GLOSS = re.compile(r"(?<=[A-Za-z')]) \([\u3400-\u4dbf\u4e00-\u9fff]+\)")

OUTCOME_ZH = [
    "工号",
    "姓名",
    "组别",
    "总分",
    "结论",
    "否决原因",
    "等级",
    "级别",
    "系数",
    "奖金基数",
    "绩效奖金",
    "排名",
    # The 试用期 table counts failed months (retrain_limit): every table of the 汇总 has the
    # same leading columns.
    "不予上岗次数",
    "再培训",
    "出勤天数",
    "迟到次数",
    "早退次数",
    "请假天数",
    "旷工天数",
    "备注",
]
PROBATION_KPIS_ZH = [
    "平均响应时长",
    "平均响应时长得分（满分 20）",
    "回复率",
    "回复率得分（满分 20）",
    "差错",
    "差错得分（满分 30）",
    "服务态度",
    "服务态度得分（满分 30）",
]
REGULAR_KPIS_ZH = [
    "平均响应时长",
    "平均响应时长得分（满分 15）",
    "回复率",
    "回复率得分（满分 20）",
    "咨询转化率",
    "咨询转化率得分（满分 25）",
    "质检",
    "质检得分（满分 20）",
    "工作态度",
    "工作态度得分（满分 20）",
]
OUTCOME_EN = [
    "Agent ID (工号)",
    "Name",
    "Group",
    "Total",
    "Conclusion",
    "Veto reasons",
    "Grade",
    "Level (级别)",
    "Coefficient (系数)",
    "Bonus base (奖金基数)",
    "Performance bonus (绩效奖金)",
    "Rank",
    "Times not cleared (不予上岗)",
    "Retraining (再培训)",
    "Days present",
    "Times late",
    "Times left early",
    "Days on leave",
    "Days absent",
    "Notes",
]
PROBATION_KPIS_EN = [
    "Average response time",
    "Average response time points (of 20)",
    "Reply rate",
    "Reply rate points (of 20)",
    "Errors",
    "Errors points (of 30)",
    "Attitude",
    "Attitude points (of 30)",
]
REGULAR_KPIS_EN = [
    "Average response time",
    "Average response time points (of 15)",
    "Reply rate",
    "Reply rate points (of 20)",
    "Conversion rate",
    "Conversion rate points (of 25)",
    "QA errors",
    "QA errors points (of 20)",
    "Attitude",
    "Attitude points (of 20)",
]
DETAIL_EN = [
    "Agent ID (工号)",
    "Name",
    "Table",
    "KPI",
    "Raw value",
    "Band",
    "Points",
    "Max points",
    "Formula",
    "Basis",
    "Sample size",
    "QA sample",
    "Veto",
    "Why missing",
    "Source",
]


def rows(ws: OpenpyxlSheet) -> list[list[Any]]:
    """All cell values of a sheet, row by row, without the trailing empty cells."""
    out = []
    for row in ws.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        out.append(values)
    return out


def words(value: Any) -> Any:
    """A header as read: a line break (before a gloss) counts as a space."""
    return " ".join(value.split()) if isinstance(value, str) else value


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]]:
    """The sample month run in Chinese and in English: the workbook and the JSON result."""
    out: dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]] = {}
    for lang in ("zh", "en"):
        folder = tmp_path_factory.mktemp(lang)
        report = run_month(
            [sample_workbooks_dir()], RunOptions(out_dir=folder, shop="测试旗舰店", lang=lang, pdf=False)
        )
        assert report.workbook is not None and report.json_path is not None
        payload = json.loads(Path(report.json_path).read_text("utf-8"))
        out[lang] = (openpyxl.load_workbook(report.workbook), payload)
    return out


def test_one_table_per_assessment_table(runs: dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]]) -> None:
    """试用期 then 正式, each with a title row, its own header with exactly its KPIs as it names
    them, its agents by rank within the table, and a blank row between the tables."""
    data = rows(runs["zh"][0]["汇总"])
    assert data[0] == ["考核表：试用期（3 人）"]
    assert data[1] == OUTCOME_ZH + PROBATION_KPIS_ZH
    assert [(r[0], r[11]) for r in data[2:5]] == [("KF003", 1), ("KF010", 2), ("KF011", None)]
    assert data[5] == []
    assert data[6] == ["考核表：正式（11 人）"]
    assert data[7] == OUTCOME_ZH + REGULAR_KPIS_ZH
    regular = data[8:]
    assert [r[0] for r in regular] == [
        "KF013",
        "KF005",
        "KF004",
        "KF008",
        "KF014",
        "KF001",
        "KF002",
        "KF007",
        "KF012",
        "KF006",
        "KF009",
    ]
    assert [r[11] for r in regular] == [1, 2, 3, 3, 3, 6, 7, 7, 7, 10, 10]
    texts = {v for r in data for v in r if isinstance(v, str)}
    assert not any("/" in t and ("差错" in t or "态度" in t) for t in texts)  # no merged "差错/质检"


def test_values_keep_their_units(runs: dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]]) -> None:
    """杨梓萱 (KF003, 试用期): 3,122 sessions at 33.1 s on average, 2,918 of 2,944 replied, no
    error; the numbers are stored whole and shown in seconds, percent, times, points (the
    attitude score) and yuan, in the run's language."""
    ws = runs["zh"][0]["汇总"]
    assert [c.value for c in ws[3]][:4] == ["KF003", "杨梓萱", "一组", 100]
    kpis = {h: ws.cell(3, col) for col, h in enumerate(OUTCOME_ZH + PROBATION_KPIS_ZH, start=1)}
    assert kpis["平均响应时长"].value == pytest.approx(103293.7 / 3122)
    assert kpis["平均响应时长"].number_format == '0.0" 秒"'
    assert kpis["回复率"].value == pytest.approx(2918 / 2944)
    assert kpis["回复率"].number_format == "0.00%"
    assert (kpis["差错"].value, kpis["差错"].number_format) == (0, '0" 次"')
    assert kpis["差错得分（满分 30）"].value == 30 and kpis["差错得分（满分 30）"].number_format == "0.0"
    assert kpis["服务态度"].number_format == '0.0" 分"'
    assert kpis["奖金基数"].number_format == kpis["绩效奖金"].number_format == '#,##0.00" 元"'
    ws = runs["en"][0]["Summary"]
    assert ws.cell(3, 1).value == "KF003"
    kpis = {h: ws.cell(3, col) for col, h in enumerate(OUTCOME_EN + PROBATION_KPIS_EN, start=1)}
    assert kpis["Average response time"].number_format == '0.0" s"'
    assert kpis["Attitude"].number_format == '0.0" pts"'
    assert kpis["Reply rate"].number_format == "0.00%"
    assert kpis["Errors"].number_format == "0"
    assert kpis["Bonus base (奖金基数)"].number_format == '#,##0.00" yuan"'
    assert kpis["Performance bonus (绩效奖金)"].number_format == '#,##0.00" yuan"'


def test_attendance_columns(runs: dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]]) -> None:
    """梁欣怡 (KF005): 十月考勤.xlsx has 19 出勤, 1 迟到, 2 请假, 1 旷工 and 8 休息 for her, so 20
    days present (出勤 and 迟到), late once, never left early, 2 days of leave, 1 absent."""
    for lang, outcome in (("zh", OUTCOME_ZH), ("en", OUTCOME_EN)):
        book = runs[lang][0]
        data = rows(book.worksheets[0])
        header = [words(h) for h in data[7]]
        row = next(r for r in data if r and r[0] == "KF005")
        at = header.index(outcome[14])
        assert header[at : at + 5] == outcome[14:19]
        assert row[at : at + 5] == [20, 1, 0, 2, 1]


def test_print_setup_keeps_text_legible(runs: dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]]) -> None:
    """Landscape A4 at 80%, never shrunk to one page wide: 11-point text prints at 8.8 points.
    工号 and 姓名 print on every page; each table starts a page; a KPI's value and points are
    never split between pages."""
    book = runs["zh"][0]
    for name in ("汇总", "计算明细"):
        ws = book[name]
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert not ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.scale == 80
        assert ws.print_title_cols == "$A:$B"
        sizes = {cell.font.sz for row in ws.iter_rows() for cell in row if cell.value is not None}
        assert min(sizes) * ws.page_setup.scale / 100 >= 8, sizes
    ws = book["汇总"]
    assert ws.print_title_rows is None  # two tables: each repeats its own title and header instead
    assert [b.id for b in ws.row_breaks.brk] == [6]  # a page ends after row 6: 正式 starts row 7
    breaks = [b.id for b in ws.col_breaks.brk]
    assert breaks, "the 汇总 prints on more than one page across"
    header = rows(ws)[7]
    for col in breaks:  # the first column of each page across, 0-based
        assert "得分" not in header[col], header[col]
    assert book["计算明细"].print_title_rows == "$1:$1"


def test_detail_in_words(runs: dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]]) -> None:
    """计算明细: the formula with field names, the basis of the value and the band in words, with
    原始值, 样本数 and the source rows to check a point by hand. Interval notation is only in the
    规则 sheet's audit columns, one row per band, with the rules' own wording of the band."""
    data = rows(runs["zh"][0]["计算明细"])
    assert data[0] == [
        "工号",
        "姓名",
        "考核表",
        "指标",
        "原始值",
        "区间",
        "得分",
        "满分",
        "公式",
        "依据",
        "样本数",
        "抽查样本",
        "否决",
        "缺数据原因",
        "来源",
    ]
    by_kpi = {(r[0], r[3]): r for r in data[1:]}
    reply = by_kpi[("KF003", "回复率")]
    assert reply[:4] == ["KF003", "杨梓萱", "试用期", "回复率"]
    assert reply[4] == pytest.approx(2918 / 2944)
    assert reply[5:11] == ["≥ 98%", 20, 20, "回复人数 ÷ 咨询人数", "2,918 / 2,944（回复人数 / 咨询人数）", 22]
    assert reply[11:] == [None, None, None, "十月接待.xlsx!接待数据!A51:A72"]
    # The sample, on the row of the KPI scored by its mean. KF003's eight chats: 一般 83; 不满意 83,
    # 92, 95, 95 (91.25); 非常不满意 92, 88, 92 (90.67); mean 720 / 8 = 90; weighted by the standard's
    # 30% / 20% / 30%: (0.3 × 83 + 0.2 × 91.25 + 0.3 × 272 / 3) / 0.8 = 87.94. Both to one decimal,
    # as the 服务态度 value reads (90.0 分).
    attitude = by_kpi[("KF003", "服务态度")]  # the 试用期 table's name for it
    assert attitude[10:12] == [
        8,
        "抽查 8 条：一般 1 · 不满意 4 · 非常不满意 3；平均 90.0 分（计分用）；按抽样比例加权 87.9 "
        "分（仅供参考）",
    ]
    # Only there, for every agent with sampled chats (all but KF011, who has none).
    shown = sorted(key for key, r in by_kpi.items() if r[11])
    attitude_kpis = ("工作态度", "服务态度")
    assert shown == sorted((a, kpi) for a, kpi in by_kpi if kpi in attitude_kpis and a != "KF011")
    response = by_kpi[("KF003", "平均响应时长")]
    assert response[8:10] == ["平均响应时长", "按接待人数加权平均（接待人数合计 3,122）"]
    assert by_kpi[("KF013", "咨询转化率")][8] == "付款订单数 ÷ 接待人数"
    # 宋佳怡's average response is exactly 45 s (2,860 sessions): the bound decides the band.
    assert by_kpi[("KF013", "平均响应时长")][5] == "≤ 45 秒；恰好 45 秒算此档"
    late = by_kpi[("KF001", "平均响应时长")]
    assert late[5] == "45–80 秒（不含 45 秒）"
    interval = re.compile(r"[\[(][-\d.∞]+%?, [-\d.∞]+%?[\])]")
    assert not [v for r in data for v in r if isinstance(v, str) and interval.search(v)]
    audit = [r[3:] for r in rows(runs["zh"][0]["规则"]) if len(r) > 6 and r[6] == "(45, 80]"]
    assert audit == [
        ["45–80 秒（不含 45 秒）", "15 分", None, "(45, 80]", "60S>均响<=80S（按 45S<均响<=80S）"],
        ["45–80 秒（不含 45 秒）", "10 分", None, "(45, 80]", "60S>均响<=80S（按 45S<均响<=80S）"],
    ]
    errors = by_kpi[("KF003", "差错")]
    assert (errors[5], errors[9], errors[10]) == ("0 次", "同类差错最多次数（8 条抽检）", 8)
    formulas = {r[8] for r in data[1:]}
    assert not any(re.search(r"[a-z_]{3,}", f or "") for f in formulas), formulas


def test_english_run(runs: dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]]) -> None:
    """The same sheets in English: the tables' English names, English headers with Chinese
    terms only in brackets, the formula, basis and band in English words."""
    book = runs["en"][0]
    assert book.sheetnames[:2] == ["Summary", "Calculation detail"]
    data = rows(book["Summary"])
    assert data[0] == ["Table: Probation (3 agents)"]
    assert [words(h) for h in data[1]] == OUTCOME_EN + PROBATION_KPIS_EN
    assert data[6] == ["Table: Regular (11 agents)"]
    assert [words(h) for h in data[7]] == OUTCOME_EN + REGULAR_KPIS_EN
    assert data[2][4] == "Pass" and data[4][4] == "Missing data (缺数据)"
    detail = rows(book["Calculation detail"])
    assert [words(h) for h in detail[0]] == DETAIL_EN
    by_kpi = {(r[0], r[3]): r for r in detail[1:]}
    reply = by_kpi[("KF003", "Reply rate")]
    assert reply[5] == "≥ 98%"
    assert reply[8:11] == [
        "Customers replied ÷ Customers who asked",
        "2,918 / 2,944 (Customers replied / Customers who asked)",
        22,
    ]
    assert by_kpi[("KF013", "Average response time")][5] == "≤ 45 s; exactly 45 s counts in this band"
    assert by_kpi[("KF001", "Average response time")][5] == "45–80 s (not including 45 s)"
    labels = [*data[0], *data[1], *data[6], *data[7], *detail[0]]
    for label in labels:
        assert not CJK.search(GLOSS.sub("", label)), label


def test_json_carries_the_words(runs: dict[str, tuple[OpenpyxlWorkbook, dict[str, Any]]]) -> None:
    """Each KPI of the JSON keeps its numbers and gains the formula, band and basis in words, in
    the run's language."""
    for lang, expected in (
        ("zh", ("回复人数 ÷ 咨询人数", "≥ 98%", "2,918 / 2,944（回复人数 / 咨询人数）", "恰好 45 秒算此档")),
        (
            "en",
            (
                "Customers replied ÷ Customers who asked",
                "≥ 98%",
                "2,918 / 2,944 (Customers replied / Customers who asked)",
                "exactly 45 s counts in this band",
            ),
        ),
    ):
        agents = {a["agent_id"]: a for a in runs[lang][1]["agents"]}
        reply = next(k for k in agents["KF003"]["kpis"] if k["kpi_id"] == "reply_rate")
        assert (reply["numerator"], reply["denominator"]) == (2918, 2944)
        assert (reply["band"], reply["band_label"]) == ("[98%, 100%]", "回复率>=98%")
        assert (reply["formula"], reply["formula_words"]) == ("replied / inquiries", expected[0])
        assert (reply["band_words"], reply["basis"], reply["at_bound"]) == (expected[1], expected[2], None)
        response = next(k for k in agents["KF013"]["kpis"] if k["kpi_id"] == "avg_response")
        assert response["at_bound"] == expected[3]
        assert agents["KF005"]["attendance"]["present"] == 20


def _write(tmp_path: Path, month: MonthResult, lang: str = "zh") -> OpenpyxlWorkbook:
    out = write_workbook(month, sample_problems(), sample_rules(), tmp_path / f"结果_{lang}.xlsx", lang=lang)
    return openpyxl.load_workbook(out)


def _outsiders_month() -> MonthResult:
    """The sample month with an agent of the data the roster does not know (工号 9001)."""
    month = sample_month()
    note = Note.of("agent.unknown_to_roster")
    stranger = agent(
        "9001", "", group="", level="", rank=None, coefficient=None, in_roster=False, notes=(note,)
    )
    return dataclasses.replace(month, agents=(*month.agents, stranger))


def test_agents_not_in_the_roster_are_listed_apart(tmp_path: Path) -> None:
    """An agent not in the roster is not counted in its table's title nor listed in it: a last
    section 需核对（不在花名册中） lists it with its values and why, under its own header."""
    data = rows(_write(tmp_path, _outsiders_month())["汇总"])
    assert data[0] == ["考核表：正式（4 人）"]
    assert [r[0] for r in data[2:6]] == ["1001", "1004", "1002", "1003"]
    assert data[6] == []
    assert data[7:9] == [["需核对（不在花名册中）"], ["考核表：正式（1 人）"]]
    assert data[9] == data[1]
    stranger = data[10]
    assert stranger[:5] == ["9001", None, None, 90, "合格"] and stranger[9] is None  # no rank
    assert stranger[15] == "工号不在花名册中，姓名、组别、级别未知"
    assert stranger[16:18] == [40.5, 15]
    assert len(data) == 11
    english = rows(_write(tmp_path, _outsiders_month(), "en")["Summary"])
    assert english[7:9] == [["To check (not in the roster)"], ["Table: 正式 (1 agent)"]]
    assert english[10][15] == "Agent ID not in the roster: name, team and level unknown"


def test_a_long_table_repeats_its_title_and_header_on_each_page(tmp_path: Path) -> None:
    """45 agents of one table and 2 of another: every printed page starts with a table's title
    (continued, 续) and its header, and the second table starts a page of its own."""
    month = sample_month()
    regular = [agent(str(2000 + i), f"员工{i}", rank=i + 1, rank_of=45) for i in range(45)]
    probation = [
        agent(
            str(3000 + i),
            f"新人{i}",
            table_id="probation",
            table_name="试用期",
            kpis=agent("x", "x").kpis[:4],
        )
        for i in range(2)
    ]
    ws = _write(tmp_path, dataclasses.replace(month, agents=(*regular, *probation)))["汇总"]
    data = rows(ws)
    starts = [0] + [b.id for b in ws.row_breaks.brk]  # 0-based rows where a page starts
    assert len(starts) == 3
    assert [data[r][0] for r in starts] == [
        "考核表：正式（45 人）",
        "考核表：正式（续）",
        "考核表：试用期（2 人）",
    ]
    for r in starts:
        assert data[r + 1][:3] == ["工号", "姓名", "组别"]
    agents = [r[0] for r in data if r and r[0] and r[0][0].isdigit()]
    assert agents == [str(2000 + i) for i in range(45)] + ["3000", "3001"]  # each agent once
    # The first page holds as many rows as fit: its break is not far above the foot of a page.
    assert 30 <= starts[1] <= 40


def test_only_agents_to_check(tmp_path: Path) -> None:
    """A month whose agents the roster does not know at all: the section alone, under its title,
    with the table's title and header after it; no header is repeated as if it were the first."""
    month = sample_month()
    note = Note.of("agent.unknown_to_roster")
    strangers = tuple(dataclasses.replace(a, in_roster=False, rank=None, notes=(note,)) for a in month.agents)
    ws = _write(tmp_path, dataclasses.replace(month, agents=strangers))["汇总"]
    data = rows(ws)
    assert data[:3] == [["需核对（不在花名册中）"], ["考核表：正式（4 人）"], data[2]]
    assert data[2][:3] == ["工号", "姓名", "组别"]
    assert [r[0] for r in data[3:]] == ["1001", "1002", "1003", "1004"]
    assert ws.print_title_rows is None and ws.auto_filter.ref is None


@pytest.fixture(scope="module")
def multi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, OpenpyxlWorkbook]:
    """The sample month scored with the ``multi`` rules, whose 迟到早退扣分 takes 1 point off per
    time late or early (at most 5) and has no maximum of its own, in Chinese and English."""
    out: dict[str, OpenpyxlWorkbook] = {}
    for lang in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"multi_{lang}")
        options = RunOptions(out_dir=folder, shop="测试旗舰店", lang=lang, pdf=False, rules="multi")
        report = run_month([sample_workbooks_dir()], options)
        assert report.workbook is not None
        out[lang] = openpyxl.load_workbook(report.workbook)
    return out


def test_a_deduction_says_so(multi: dict[str, OpenpyxlWorkbook]) -> None:
    """迟到早退扣分's points column is headed as a deduction, never "满分 0"; in 计算明细 its
    满分 says it has none. 梁欣怡 (KF005) was late once and never left early: 1 time, −1 point."""
    data = rows(multi["zh"]["汇总"])
    headers = [words(v) for r in data for v in r if isinstance(v, str)]
    assert "迟到早退扣分（扣分）" in headers
    assert not [h for h in headers if "满分 0" in h]
    header = next(r for r in data if "迟到早退扣分（扣分）" in r)
    at = header.index("迟到早退扣分（扣分）")
    assert header[at - 1] == "迟到早退扣分"
    row = next(r for r in data if r and r[0] == "KF005")
    assert row[at - 1 : at + 1] == [1, -1]
    detail = rows(multi["zh"]["计算明细"])
    late = next(r for r in detail if r[0] == "KF005" and r[3] == "迟到早退扣分")
    assert late[4:8] == [1, "每 1 次扣 1 分，最多扣 5 分", -1, "无（扣分项）"]
    assert {r[7] for r in detail[1:] if r[3] == "全勤奖"} == {5}  # a KPI out of a maximum keeps it
    english = rows(multi["en"]["Summary"])
    assert "Late / early-leave deduction (deduction)" in [
        words(v) for r in english for v in r if isinstance(v, str)
    ]
    detail = rows(multi["en"]["Calculation detail"])
    late = next(r for r in detail if r[0] == "KF005" and r[3] == "Late / early-leave deduction")
    assert late[6:8] == [-1, "none (deduction)"]


def test_a_bonus_says_so(tmp_path: Path) -> None:
    """A KPI of no maximum that adds points ("加 2 分") is headed as a bonus: "好评奖励（加分）"."""
    month = sample_month()
    bonus = dataclasses.replace(
        kpi("praise", "好评奖励", 0, 2, 2, unit="count"), name_en="Praise bonus", band_words=None
    )
    agents = tuple(dataclasses.replace(a, kpis=(*a.kpis, bonus)) for a in month.agents)
    book = _write(tmp_path, dataclasses.replace(month, agents=agents))
    header = rows(book["汇总"])[1]
    assert header[-2:] == ["好评奖励", "好评奖励（加分）"]
    detail = rows(book["计算明细"])
    assert {r[7] for r in detail[1:] if r[3] == "好评奖励"} == {"无（加分项）"}
    english = rows(_write(tmp_path, dataclasses.replace(month, agents=agents), "en")["Summary"])[1]
    assert [words(h) for h in english[-2:]] == ["Praise bonus", "Praise bonus (bonus)"]


def test_a_value_keeps_the_decimals_of_its_band(tmp_path: Path) -> None:
    """45.04 s in 45–80 秒（不含 45 秒） reads 45.04 秒 (two decimals, as ``KpiResult.decimals``
    says), not 45.0 秒; 98.004% in "≥ 98%" keeps three decimals of a percent; a value that needs no
    more keeps its unit's usual decimals."""
    month = sample_month()
    first = month.agents[0]
    close = (
        dataclasses.replace(kpi("avg_response", "平均响应时长", 15, 45.04, 10, band="(45, 80]"), decimals=2),
        dataclasses.replace(
            kpi("reply_rate", "回复率", 20, 0.98004, 20, unit="%", band="[98%, 100%]"), decimals=3
        ),
        *first.kpis[2:],
    )
    agents = (dataclasses.replace(first, kpis=close), *month.agents[1:])
    for lang, seconds in (("zh", '0.00" 秒"'), ("en", '0.00" s"')):
        book = _write(tmp_path, dataclasses.replace(month, agents=agents), lang)
        summary, detail = book.worksheets[0], book.worksheets[1]
        header = [words(c.value) for c in summary[2]]
        row = next(r for r in summary.iter_rows(min_row=3) if r[0].value == first.agent_id)
        formats = [
            row[header.index(name)].number_format
            for name in header
            if name in ("平均响应时长", "回复率", "avg_response", "reply_rate")
        ]
        assert formats == [seconds, "0.000%"]
        cells = {r[3].value: r[4] for r in detail.iter_rows(min_row=2) if r[0].value == first.agent_id}
        assert cells["平均响应时长" if lang == "zh" else "avg_response"].number_format == seconds
        assert cells["回复率" if lang == "zh" else "reply_rate"].number_format == "0.000%"
        assert cells["咨询转化率" if lang == "zh" else "conversion"].number_format == "0.00%"
        other = next(r for r in detail.iter_rows(min_row=2) if r[0].value != first.agent_id)
        assert other[4].number_format == ('0.0" 秒"' if lang == "zh" else '0.0" s"')
