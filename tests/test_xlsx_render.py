"""The results workbook, re-read with openpyxl: content, formats and print setup."""

from __future__ import annotations

import dataclasses
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook
from openpyxl.worksheet.worksheet import Worksheet as OpenpyxlSheet
from xlsxwriter.worksheet import Worksheet as XlsxSheet

from csreport.outputs.xlsx.base import (
    MAX_CELL_CHARS,
    SheetWriter,
    Styles,
    XlsxWriteError,
    display_width,
    unit_format,
)
from csreport.outputs.xlsx.workbook import header_footer_text, write_workbook
from csreport.problems import Problem, Severity
from csreport.results import MonthResult, TeamResult
from csreport.rules.model import RuleSet
from csreport.scoring.teams import NO_GROUP
from tests.factories import (
    HOSTILE_NAMES,
    RULES_TEXT,
    agent,
    sample_month,
    sample_problems,
)
from tests.factories import sample_rules as rules

SUMMARY_HEADERS = [
    "工号",
    "姓名",
    "组别",
    "总分",
    "结论",
    "否决原因",
    "等级",
    "级别",
    "系数",
    "排名",
    "出勤天数",
    "迟到次数",
    "早退次数",
    "请假天数",
    "旷工天数",
    "备注",
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
DETAIL_HEADERS = [
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
PROBLEM_HEADERS = ["严重程度", "文件", "工作表", "行", "列", "表头", "值", "说明"]
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
VETO_FILL = "FFFFC7CE"
GREY_FILL = "FFE7E6E6"


def write_and_load(
    tmp_path: Path, month: MonthResult | None = None, problems: list[Problem] | None = None, lang: str = "zh"
) -> OpenpyxlWorkbook:
    """Write the workbook under ``tmp_path`` and re-read it with openpyxl."""
    out = write_workbook(
        month or sample_month(),
        sample_problems() if problems is None else problems,
        rules(),
        tmp_path / "结果.xlsx",
        lang=lang,
    )
    return openpyxl.load_workbook(out)


def rows(ws: OpenpyxlSheet) -> list[list[Any]]:
    """All cell values of a sheet, row by row."""
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> OpenpyxlWorkbook:
    """The sample month written once for the read-only tests."""
    return write_and_load(tmp_path_factory.mktemp("book"))


def test_summary_header_and_values_in_rank_order(book: OpenpyxlWorkbook) -> None:
    """Sheet order; 汇总: the table's title, its header, one row per agent by 排名, unranked
    last, with the outcome and attendance before the table's KPIs."""
    assert book.sheetnames == ["汇总", "计算明细", "团队", "面谈", "数据问题", "规则"]
    data = rows(book["汇总"])
    assert data[0] == ["考核表：正式（4 人）", *[None] * 25]
    assert data[1] == SUMMARY_HEADERS
    by_id = {r[0]: r for r in data[2:]}
    assert [r[0] for r in data[2:]] == ["1001", "1004", "1002", "1003"]
    assert by_id["1001"][:16] == [
        "1001",
        "张三",
        "一组",
        90,
        "合格",
        None,
        "A",
        "老员工",
        1.2,
        1,
        22,
        1,
        0,
        1,
        0,
        None,
    ]
    assert by_id["1001"][16:] == [40.5, 15, 0.99, 20, 0.52, 20, 0, 20, 80, 15]
    assert by_id["1002"][3:10] == [55, "不予上岗", "平均响应时长超过 100 秒", "D", "老员工", 0.6, 3]
    assert by_id["1002"][16:18] == [120, 0]
    assert by_id["1003"][3:10] == [None, "缺数据", None, None, "老员工", None, None]
    assert by_id["1003"][24:] == ["缺数据", None]


def test_summary_formats_and_fills(book: OpenpyxlWorkbook) -> None:
    """Number formats follow the KPI unit (the attitude score in 分); a veto shows 0 on red,
    missing data grey 缺数据; the rows of 不予上岗 and 缺数据 agents are filled outside the KPI
    block."""
    ws = book["汇总"]
    assert ws["Q3"].number_format == '0.0" 秒"'
    assert ws["S3"].number_format == "0.00%"
    assert ws["W3"].number_format == '0" 次"'
    assert ws["Y3"].number_format == '0.0" 分"'
    assert ws["Z3"].number_format == "0.0"
    assert ws["R3"].number_format == "0.0"
    assert ws["D3"].number_format == "0.0"
    assert ws["I3"].number_format == "0.00"
    assert ws["K3"].number_format == "0"
    veto_points = ws["R5"]  # 李四's 平均响应时长得分
    assert veto_points.value == 0
    assert veto_points.fill.fgColor.rgb == VETO_FILL
    assert ws["R3"].fill.fgColor.rgb != VETO_FILL
    assert ws["Y6"].value == "缺数据" and ws["Y6"].fill.fgColor.rgb == GREY_FILL
    assert ws["A2"].font.b and ws["A2"].fill.fgColor.rgb == "FFDDEBF7"
    assert ws["A1"].font.b and "A1:B1" in {str(r) for r in ws.merged_cells.ranges}
    assert {ws[f"{c}5"].fill.fgColor.rgb for c in "ABCDEFGHIJKLMNOP"} == {"FFFCE4E4"}  # 不予上岗
    assert {ws[f"{c}6"].fill.fgColor.rgb for c in "ABCDEFGHIJKLMNOP"} == {"FFEDEDED"}  # 缺数据
    assert ws["Q5"].fill.fgColor.rgb != "FFFCE4E4" and ws["E3"].fill.fgColor.rgb != "FFFCE4E4"


def test_summary_view_and_conditional_formats(book: OpenpyxlWorkbook) -> None:
    """One table: its title and header and the ID columns frozen, an autofilter over it, a data
    bar on 总分."""
    ws = book["汇总"]
    assert ws.freeze_panes == "C3"
    assert ws.auto_filter.ref == "A2:Z6"
    rules_by_range = {str(cf.sqref): cf.rules for cf in ws.conditional_formatting}
    assert list(rules_by_range) == ["D3:D6"]
    assert [r.type for r in rules_by_range["D3:D6"]] == ["dataBar"]
    # CJK text is measured double width: 出勤天数 is 8 columns wide.
    assert ws.column_dimensions["K"].width >= 8


def test_print_setup_on_every_sheet(book: OpenpyxlWorkbook) -> None:
    """A4 landscape, shop/month header, rules footer on every sheet; 汇总 and 计算明细 print at
    80% (11-point text at 8.8 points) across pages with 工号 and 姓名 repeated, the other sheets
    one page wide."""
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9
        assert ws.oddHeader.left.text == "测试旗舰店"
        assert ws.oddHeader.center.text == ws.title
        assert ws.oddHeader.right.text == "考核月份 2026-10"
        assert ws.oddFooter.left.text == "规则 标准考核 #1a2b3c4d"
        assert ws.oddFooter.right.text == "第 &P / &N 页"
        if ws.title in ("汇总", "计算明细"):
            assert not ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.page_setup.scale == 80 and ws.page_setup.pageOrder == "overThenDown"
            assert ws.print_title_cols == "$A:$B"
            assert ws.print_title_rows == ("$1:$2" if ws.title == "汇总" else "$1:$1")
        else:
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert (ws.page_setup.fitToWidth or 1) == 1  # absent means the default, 1
            assert int(ws.page_setup.fitToHeight) == 0
            # The 规则 sheet repeats its title rows (their number is the sheet's own); the 团队
            # sheet's team table fits on its first page, so no page repeats its header.
            if ws.title == "规则":
                assert ws.print_title_rows.startswith("$1:")
            elif ws.title == "团队":
                assert ws.print_title_rows is None
            elif ws.title == "面谈":
                # The header under the title, the hint and the lists' options.
                assert ws.print_title_rows == "$4:$4"
            else:
                assert ws.print_title_rows == "$1:$1"


def test_detail_rows_and_sources(book: OpenpyxlWorkbook) -> None:
    """计算明细: one row per agent and KPI, with the numbers behind each score and its rows."""
    ws = book["计算明细"]
    data = rows(ws)
    assert data[0] == DETAIL_HEADERS
    month = sample_month()
    assert len(data) - 1 == sum(len(a.kpis) for a in month.agents) == 20
    assert {r[14] for r in data[1:]} == {"十月接待.xlsx!数据信息!A5:A8,A10"}
    reply = next(r for r in data[1:] if r[0] == "1001" and r[3] == "回复率")
    assert reply[4:11] == [0.99, "≥ 98%", 20, 20, None, "990 / 1,000（回复人数 / 咨询人数）", 5]
    assert not [v for r in data for v in r if v == "[98%, 100%]"]  # interval notation: 规则 only
    # The sampled chats in words only for an agent with a sample (none here: tests/test_qa_flow_card).
    assert {r[11] for r in data[1:]} == {None}
    veto = next(r for r in data[1:] if r[0] == "1002" and r[3] == "平均响应时长")
    assert veto[6] == 0 and veto[12] == "平均响应时长超过 100 秒"
    missing = next(r for r in data[1:] if r[0] == "1003" and r[3] == "工作态度")
    assert missing[4] == "缺数据" and missing[13] == "没有抽查记录"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:O21"
    assert ws["E3"].number_format == "0.00%"


def test_problem_rows_carry_locations(book: OpenpyxlWorkbook) -> None:
    """数据问题: file, sheet, row, column and header of each finding; errors red, warnings amber."""
    ws = book["数据问题"]
    data = rows(ws)
    assert data[0] == PROBLEM_HEADERS
    assert data[1] == [
        "错误",
        "十月接待.xlsx",
        "数据信息",
        7,
        "D",
        "接待人数",
        "abc",
        "「abc」不是有效的数字，此值按缺失处理。",
    ]
    assert data[2][:7] == ["警告", "十月考勤.xlsx", "考勤", 12, "A", "工号", "9999"]
    assert data[3][:4] == ["提示", "十月质检.xlsx", "旧数据", None]
    assert ws["A2"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws["H3"].fill.fgColor.rgb == "FFFFEB9C"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:H4"


def test_no_problems_says_so(tmp_path: Path) -> None:
    """An empty problem list still leaves a row saying nothing was found."""
    data = rows(write_and_load(tmp_path, problems=[])["数据问题"])
    assert data == [PROBLEM_HEADERS, ["未发现数据问题", *[None] * 7]]


def test_rules_sheet_shows_what_was_applied(book: OpenpyxlWorkbook) -> None:
    """规则: who uses which table, bands, vetoes, notes, grades, 系数 in words, the interval
    notation and the source wording only in the two audit columns, and the file text last."""
    data = rows(book["规则"])
    flat = [[v for v in r if v is not None] for r in data]
    assert flat[:2] == [["考核规则：标准考核"], ["版本 1a2b3c4d（规则文件 preset:standard）"]]
    assert ["正式", "岗位状态 = 正式"] in flat
    assert ["试用期", "其余所有人（不符合其他考核表条件的人员）"] in flat
    assert ["总分门槛", "总分 ≤ 60 → 不予上岗"] in flat
    assert ["总分门槛", "无（只有否决会导致不予上岗）"] in flat
    # A formula that names no known field is shown as written.
    kpi = ["平均响应时长", "15 分", "响应总时长 / 会话数"]
    assert [*kpi, "≤ 45 秒", "15 分", None, "(-∞, 45]", "均响<=45S"] in data
    assert [None, None, None, "> 100 秒", "否决", "平均响应时长超过 100 秒", "(100, ∞)", "均响>100S"] in data
    assert [None, None, None, "店铺风险数 > 0", "否决", "差错导致店铺风险", None, None] in data
    assert [None, None, None, "原表 45–60 秒无区间，按 (45, 100] 计 5 分。", None, None, None, None] in data
    assert [None, None, None, "抽查数少于 5 条时记为缺数据", None, None, None, None] in data
    assert [None, None, None, "先取整数，再对照区间", None, None, None, None] in data
    assert ["A", "优秀", "总分 ≥ 90"] in flat and ["D", "不予上岗，或总分低于以上各等级"] in flat
    assert ["级别", "A", "B", "C", "D"] in flat
    assert ["老员工", 1.2, 1, 0.9, 0.6] in flat
    start = flat.index(["附：规则文件原文（留档备查）"]) + 2
    assert [r[0] or "" for r in data[start:]] == RULES_TEXT.splitlines()
    assert book["规则"].freeze_panes == "A3"


def test_hostile_text_stays_inert(tmp_path: Path) -> None:
    """Formula-, command- and HTML-looking text is stored as plain strings, never links."""
    problems = [
        Problem("cell.not_number", Severity.ERROR, "x.xlsx", "s", 2, "B", "h", name) for name in HOSTILE_NAMES
    ]
    wb = write_and_load(tmp_path, problems=problems)
    values: list[str] = []
    for ws in wb.worksheets:
        assert not ws._hyperlinks
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f" and cell.hyperlink is None
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    values.append(cell.value)
    for name in HOSTILE_NAMES:
        assert name in values
    assert HOSTILE_NAMES[0] in [c.value for c in wb["汇总"]["B"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
        min_size=1,
        max_size=40,
    )
)
def test_any_name_round_trips_as_text(tmp_path: Path, name: str) -> None:
    """Any printable name reads back exactly, as a string."""
    month = sample_month()
    month = dataclasses.replace(month, agents=(agent("1001", name),))
    ws = write_and_load(tmp_path, month=month)["汇总"]
    assert ws["B3"].value == name and ws["B3"].data_type == "s"


def test_order_by_table_then_rank_then_id(tmp_path: Path) -> None:
    """Tables in the run's order; within one, 排名, then unranked agents by numeric 工号."""
    month = sample_month()
    extra = (
        agent("2001", "赵六", table_id="probation", table_name="试用期", rank=1),
        agent("999", "钱七", rank=None, total=None),
    )
    month = dataclasses.replace(month, agents=extra + month.agents)
    data = rows(write_and_load(tmp_path, month=month)["汇总"])
    ids = [r[0] for r in data if r[0] not in (None, "工号") and not r[0].startswith("考核表")]
    assert ids == ["1001", "1004", "1002", "999", "1003", "2001"]
    titles = [r[0] for r in data if r[0] and r[0].startswith("考核表")]
    assert titles == ["考核表：正式（5 人）", "考核表：试用期（1 人）"]


def test_english_labels_name_domain_terms(tmp_path: Path) -> None:
    """English labels; 工号, 级别 and 系数 appear only in brackets after their English name."""
    wb = write_and_load(tmp_path, lang="en")
    assert wb.sheetnames == ["Summary", "Calculation detail", "Teams", "Interviews", "Data problems", "Rules"]
    summary = rows(wb["Summary"])
    assert summary[0][0] == "Table: 正式 (4 agents)"  # the factories' table has no English name
    header = [" ".join(str(h).split()) for h in summary[1]]  # a header may wrap before a gloss
    assert header[:5] == ["Agent ID (工号)", "Name", "Group", "Total", "Conclusion"]
    assert header[7:10] == ["Level (级别)", "Coefficient (系数)", "Rank"]
    assert header[10:16] == [
        "Days present",
        "Times late",
        "Times left early",
        "Days on leave",
        "Days absent",
        "Notes",
    ]
    assert header[16:18] == ["avg_response", "avg_response points (of 15)"]
    assert "Not cleared (不予上岗)" in [c.value for c in wb["Summary"]["E"]]
    assert rows(wb["Data problems"])[0][0] == "Severity"
    assert rows(wb["Calculation detail"])[0][4:11] == [
        "Raw value",
        "Band",
        "Points",
        "Max points",
        "Formula",
        "Basis",
        "Sample size",
    ]
    assert rows(wb["Calculation detail"])[0][11:] == ["QA sample", "Veto", "Why missing", "Source"]
    labels = [*summary[0], *summary[1]] + [
        h for name in ("Calculation detail", "Teams", "Data problems") for h in rows(wb[name])[0]
    ]
    for label in labels:
        bare = re.sub(r"\([^)]*\)", "", str(label or ""))  # what is left outside brackets
        assert not CJK.search(bare.replace("正式", "")), label


def test_english_workbook_names_the_ungrouped(tmp_path: Path) -> None:
    """The agents without a 组别 form the team 未分组, "Ungrouped" in English."""
    team = TeamResult(
        NO_GROUP,
        members=1,
        scored=1,
        passed=1,
        failed=0,
        missing=0,
        average=90.0,
        max_total=100.0,
        rank=1,
        rank_of=1,
        grade="A",
        kpis=(TeamResult.Kpi("avg_response", "平均响应时长", "Avg response", 1.0, 15.0, 1),),
    )
    month = dataclasses.replace(sample_month(), agents=(agent("1001", "张三", group=""),), teams=(team,))
    teams = write_and_load(tmp_path, month=month)["团队"]
    assert teams["A2"].value == "未分组"
    teams = write_and_load(tmp_path, month=month, lang="en")["Teams"]
    values = [c.value for row in teams.iter_rows() for c in row]
    assert teams["A2"].value == "Ungrouped" and values.count("Ungrouped") == 2  # the table and the chart's
    assert NO_GROUP not in values


def test_overlong_text_is_cut_with_a_visible_marker(tmp_path: Path) -> None:
    """Text over Excel's cell limit is cut and says so instead of failing the report."""
    month = dataclasses.replace(sample_month(), agents=(agent("1001", "长" * 40000),))
    value = write_and_load(tmp_path, month=month)["汇总"]["B3"].value
    assert len(value) <= MAX_CELL_CHARS
    assert value.startswith("长" * 1000) and value.endswith("（已截断，原文共 40000 字）")


def test_refused_write_raises(tmp_path: Path) -> None:
    """A write XlsxWriter refuses raises instead of returning an unnoticed error code."""
    book = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    sw = SheetWriter(book.add_worksheet(), Styles(book), "zh")
    with pytest.raises(XlsxWriteError):
        sw.text(1_048_576, 0, "beyond the last row")
    with pytest.raises(XlsxWriteError):
        sw.number(0, 0, math.nan, None)


def test_rewrite_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rewrite replaces the report; a failed one keeps it. No temporary file is left."""
    write_and_load(tmp_path)
    month = dataclasses.replace(sample_month(), agents=(agent("7777", "新人"),))
    wb = write_and_load(tmp_path, month=month)
    assert [r[0] for r in rows(wb["汇总"])[2:]] == ["7777"]
    target = tmp_path / "结果.xlsx"
    before = target.read_bytes()
    monkeypatch.setattr(XlsxSheet, "write_string", lambda *args, **kw: -1)
    with pytest.raises(XlsxWriteError):
        write_workbook(sample_month(), sample_problems(), rules(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["结果.xlsx"]


def test_ampersands_in_header_are_literal(tmp_path: Path) -> None:
    """A shop name with & prints literally in the page header."""
    assert header_footer_text("A&B") == "A&&B"
    assert header_footer_text("&G店&[Picture]") == "＆G店＆[Picture]"
    month = sample_month()
    month = dataclasses.replace(month, meta=dataclasses.replace(month.meta, shop="甲&乙&12店"))
    out = write_workbook(month, [], rules(), tmp_path / "结果.xlsx")
    # openpyxl misparses "&&12" as a font size, so read the header as Excel stores it.
    with zipfile.ZipFile(out) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<oddHeader>&amp;L甲&amp;&amp;乙&amp;&amp;12店&amp;C汇总" in sheet_xml


def test_empty_month_and_rules_still_write(tmp_path: Path) -> None:
    """No agents and an empty rule set give header-only sheets, not a crash."""
    month = dataclasses.replace(sample_month(), agents=())
    empty = RuleSet("空", "empty", "x", "h", (), (), "D", ())
    wb = openpyxl.load_workbook(write_workbook(month, [], empty, tmp_path / "e.xlsx"))
    assert rows(wb["汇总"]) == [["没有客服数据。"]]
    assert rows(wb["计算明细"]) == [DETAIL_HEADERS]
    assert wb["汇总"].auto_filter.ref is None and not wb["汇总"].conditional_formatting


@pytest.mark.parametrize(
    ("unit", "lang", "decimals", "value", "fmt", "shown"),
    [
        ("yuan", "zh", None, 544163.9, '#,##0.00" 元"', "544,163.90 元"),
        ("yuan", "en", None, 544163.9, '#,##0.00" yuan"', "544,163.90 yuan"),
        ("score", "zh", None, 72.0, '0.0" 分"', "72.0 分"),
        ("score", "en", None, 72.0, '0.0" pts"', "72.0 pts"),
        ("s", "zh", 2, 45.04, '0.00" 秒"', "45.04 秒"),
        ("s", "en", None, 45.04, '0.0" s"', "45.0 s"),
        ("%", "en", 3, 0.98004, "0.000%", "98.004%"),
        ("count", "zh", None, 3, '0" 次"', "3 次"),
        ("count", "en", None, 3, "0", "3"),
        ("day", "zh", None, 3, '0" 天"', "3 天"),
        ("day", "en", None, 3, '0" days"', "3 days"),
    ],
)
def test_a_value_is_shown_in_its_unit_and_its_column_holds_it(
    unit: str, lang: str, decimals: int | None, value: float, fmt: str, shown: str, tmp_path: Path
) -> None:
    """A value's format says its unit in the run's language (the catalogue's ``unit.*``), with
    ``KpiResult.decimals`` decimals when given, and its column is made wide enough for the value
    as shown (``shown``, what Excel prints), so it never turns into ####."""
    assert unit_format(unit, lang, decimals) == fmt
    book = xlsxwriter.Workbook(str(tmp_path / "w.xlsx"))
    sw = SheetWriter(book.add_worksheet(), Styles(book), lang)
    sw.number(0, 0, value, fmt)
    book.close()
    assert sw.column_widths()[0] >= display_width(shown) + 1
