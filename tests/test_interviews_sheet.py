"""The 面谈 sheet of the results workbook, filled in by a manager and read back.

The sample month (``sample_workbooks``) is run for real; its sheet is checked whole in both
languages, filled in with openpyxl as a manager would, saved as a copy and read back with
``read_interviews``, then edited out of shape, each problem checked by its exact words and cell.

Hand-checked strengths and weaknesses (norms are the team's mean share of each KPI's maximum):
一组's 平均响应时长 shares are 10/15, 15/15, 20/20, 15/15, 10/15, 0 (KF006's veto) and 15/15,
a mean of 0.7619, so KF003's 20/20 is (1 − 0.7619) × 20 = 4.8 points above it; its 回复率 shares
mean 0.75, and KF003's 20/20 is 5.0 above. 二组's 回复率 shares mean 5.5 / 7 = 0.7857: KF010's 15/20
is 0.7 below. KF006's 咨询转化率 25/25 against 一组's regular mean 0.9 is 2.5 above, but its 质检
and 工作态度 (1 against 0.8333, 3.3 points) are larger; its veto is its weakness.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from csreport.api import RunOptions, run_month
from csreport.history.model import Interview
from csreport.inputs.dataset import load_dataset
from csreport.inputs.interviews import InterviewSheet, is_results_workbook, read_interviews
from csreport.problems import CsreportError, Problem, Severity

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
NAME = "客服绩效_2026-10.xlsx"

HINT_ZH = (
    "灰色列是本月的结果和数据显示的优势与不足（与团队平均相比），供面谈参考。面谈后请填写白色列："
    "面谈要点、综合评定（可与等级不同；不同时请选原因并在「说明」中写明）、改进计划和面谈日期"
    "（yyyy-mm-dd）。请勿改动工号。填好后保存，运行 csreport interviews import 客服绩效_2026-10.xlsx，"
    "或把本工作簿和下个月的数据文件放在一起运行 csreport run，面谈记录即存入历史。"
)
HINT_EN = (
    "The grey columns hold this month's results and the strengths and weaknesses the numbers show "
    "(against the team average), to prepare the interview. After it, fill in the white columns: the "
    "interview notes, the overall judgement (it may differ from the grade; if it does, choose a reason "
    "and explain it), the improvement plan and the date (yyyy-mm-dd). Do not change the Agent IDs. "
    "Then save and run csreport interviews import 客服绩效_2026-10.xlsx, or put this workbook beside "
    "next month's data files and run csreport run: the interviews are kept in the history."
)
HEADERS_ZH = [
    "工号",
    "姓名",
    "组别",
    "总分",
    "等级",
    "结论",
    "优势",
    "不足",
    "面谈要点",
    "综合评定",
    "与得分不同的原因",
    "说明",
    "改进计划",
    "面谈日期",
]
HEADERS_EN = [
    "Agent\nID (工号)",
    "Name",
    "Group",
    "Total",
    "Grade",
    "Conclusion",
    "Strengths",
    "Weaknesses",
    "Interview\nnotes (面谈要点)",
    "Overall\njudgement (综合评定)",
    "Why it differs from the score",
    "Explanation",
    "Improvement plan",
    "Interview date",
]
# (工号, 姓名, 组别, 总分, 等级, 结论, 优势, 不足) in the sheet's order: by table, then rank.
ROWS_ZH = [
    (
        "KF003",
        "杨梓萱",
        "一组",
        100,
        "A",
        "合格",
        "回复率（高于团队平均 5.0 分）\n平均响应时长（高于团队平均 4.8 分）",
        None,
    ),
    (
        "KF010",
        "孙可馨",
        "二组",
        95,
        "A",
        "合格",
        "平均响应时长（高于团队平均 2.9 分）",
        "回复率（低于团队平均 0.7 分）",
    ),
    (
        "KF011",
        "张思远",
        "二组",
        None,
        None,
        "缺数据",
        "平均响应时长（高于团队平均 2.9 分）",
        "回复率（低于团队平均 0.7 分）",
    ),
    (
        "KF013",
        "宋佳怡",
        "二组",
        100,
        "A",
        "合格",
        "质检（高于团队平均 6.0 分）\n回复率（高于团队平均 4.3 分）",
        None,
    ),
    (
        "KF005",
        "梁欣怡",
        "一组",
        90,
        "A",
        "合格",
        "质检（高于团队平均 3.3 分）\n工作态度（高于团队平均 3.3 分）",
        "平均响应时长（低于团队平均 1.4 分）",
    ),
    (
        "KF004",
        "许浩然",
        "一组",
        85,
        "B",
        "合格",
        "平均响应时长（高于团队平均 3.6 分）\n质检（高于团队平均 3.3 分）",
        "咨询转化率（低于团队平均 2.5 分）\n工作态度（低于团队平均 1.7 分）",
    ),
    (
        "KF008",
        "王若曦",
        "二组",
        85,
        "B",
        "合格",
        "质检（高于团队平均 6.0 分）\n咨询转化率（高于团队平均 1.0 分）",
        "工作态度（低于团队平均 4.0 分）\n平均响应时长（低于团队平均 2.9 分）",
    ),
    (
        "KF014",
        "刘佳怡",
        "二组",
        85,
        "B",
        "合格",
        "质检（高于团队平均 6.0 分）\n工作态度（高于团队平均 1.0 分）",
        "咨询转化率（低于团队平均 4.0 分）\n平均响应时长（低于团队平均 2.9 分）",
    ),
    (
        "KF001",
        "徐思远",
        "一组",
        80,
        "B",
        "合格",
        "质检（高于团队平均 3.3 分）",
        "咨询转化率（低于团队平均 2.5 分）\n工作态度（低于团队平均 1.7 分）",
    ),
    (
        "KF002",
        "罗梓萱",
        "一组",
        75,
        "C",
        "合格",
        "平均响应时长（高于团队平均 3.6 分）",
        "质检（低于团队平均 6.7 分）\n咨询转化率（低于团队平均 2.5 分）",
    ),
    (
        "KF007",
        "郭欣怡",
        "一组",
        75,
        "C",
        "合格",
        "平均响应时长（高于团队平均 3.6 分）\n咨询转化率（高于团队平均 2.5 分）",
        "质检（低于团队平均 6.7 分）\n回复率（低于团队平均 5.0 分）",
    ),
    (
        "KF012",
        "梁欣怡",
        "二组",
        75,
        "C",
        "合格",
        "咨询转化率（高于团队平均 1.0 分）\n工作态度（高于团队平均 1.0 分）",
        "回复率（低于团队平均 5.7 分）\n质检（低于团队平均 4.0 分）",
    ),
    (
        "KF006",
        "周文博",
        "一组",
        80,
        "D",
        "不予上岗",
        "质检（高于团队平均 3.3 分）\n工作态度（高于团队平均 3.3 分）",
        "否决：平均响应时长超过 100 秒",
    ),
    (
        "KF009",
        "胡静怡",
        "二组",
        80,
        "D",
        "不予上岗",
        "回复率（高于团队平均 4.3 分）\n平均响应时长（高于团队平均 2.1 分）",
        "否决：差错导致店铺风险",
    ),
]
# Excel rows of some agents (the header is row 4).
ROW = {row[0]: i for i, row in enumerate(ROWS_ZH, start=5)}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample month's results workbook in each language."""
    out: dict[str, Path] = {}
    for lang in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"interviews_{lang}")
        report = run_month([SAMPLES], RunOptions(out_dir=folder, pdf=False, lang=lang))
        out[lang] = report.workbook
    return out


def _values(ws: Any, row: int) -> list[Any]:
    return [c.value for c in ws[row]]


def test_the_sheet_whole_in_chinese(written: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(written["zh"])["面谈"]
    assert ws.max_row == 4 + len(ROWS_ZH) and ws.max_column == 14
    assert ws["A1"].value == "面谈记录 2026-10 · 本店"
    assert ws["A2"].value == HINT_ZH
    assert ws["A3"].value == "综合评定可选：A、B、C、D；与得分不同的原因可选：流量、促销、淡旺季、其他"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:N1", "A2:N2", "A3:N3"}
    assert _values(ws, 4) == HEADERS_ZH
    for row, expected in enumerate(ROWS_ZH, start=5):
        assert tuple(_values(ws, row)) == (*expected, None, None, None, None, None, None), row
    # Grey and locked what csreport fills in; white, unlocked, bordered what the manager fills in.
    assert ws["G5"].fill.fgColor.rgb == "FFE7E6E6" and ws["G5"].protection.locked
    for cell in ws[5][8:]:
        assert cell.fill.fgColor.rgb == "FFFFFFFF" and not cell.protection.locked and cell.border.left.style
    assert ws["N5"].number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "C5"
    assert ws.print_title_rows == "$4:$4"
    # One page wide (a width of 1 is the default, which the file leaves out), as long as needed.
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth is None and ws.page_setup.fitToHeight == 0
    assert ws.auto_filter.ref == "A4:N18"


def test_the_lists_and_the_date_check_in_chinese(written: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(written["zh"])["面谈"]
    found = {
        str(v.sqref): (v.type, v.formula1, v.formula2, v.promptTitle, v.prompt, v.error, v.showErrorMessage)
        for v in ws.data_validations.dataValidation
    }
    first, last = (
        (dt.date(2026, 10, 1) - dt.date(1899, 12, 30)).days,
        (dt.date(2026, 11, 30) - dt.date(1899, 12, 30)).days,
    )
    assert (first, last) == (46296, 46356)
    assert found == {
        "J5:J18": (
            "list",
            '"A,B,C,D"',
            None,
            "综合评定",
            "选择等级：A、B、C、D。与本行等级不同时，请在右侧选原因并写明。",
            "请从列表中选择等级：A、B、C、D",
            True,
        ),
        "K5:K18": (
            "list",
            '"流量,促销,淡旺季,其他"',
            None,
            "与得分不同的原因",
            "综合评定与等级不同的原因：流量、促销、淡旺季、其他。",
            "请从列表中选择原因：流量、促销、淡旺季、其他",
            True,
        ),
        "N5:N18": (
            "date",
            "46296",
            "46356",
            "面谈日期",
            "面谈的日期，格式 yyyy-mm-dd，在 2026-10-01 至 2026-11-30 之间。",
            "请填写 2026-10-01 至 2026-11-30 之间的日期（yyyy-mm-dd）",
            True,
        ),
    }


def test_the_sheet_whole_in_english(written: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(written["en"])
    assert book.sheetnames == [
        "Summary",
        "Calculation detail",
        "Teams",
        "Interviews",
        "Data problems",
        "Rules",
    ]
    ws = book["Interviews"]
    assert ws["A1"].value == "Interviews 2026-10 · Our shop"
    assert ws["A2"].value == HINT_EN
    assert ws["A3"].value == (
        "Overall judgement: A, B, C, D; why it differs from the score: Traffic, Promotion, Season, Other"
    )
    assert _values(ws, 4) == HEADERS_EN
    words = {
        "合格": "Pass",
        "不予上岗": "Not cleared (不予上岗)",
        "缺数据": "Missing data (缺数据)",
    }
    assert [tuple(_values(ws, r)[:6]) for r in range(5, 19)] == [(*row[:5], words[row[5]]) for row in ROWS_ZH]
    assert _values(ws, ROW["KF003"])[6:8] == [
        "Reply rate (5.0 pts above team average)\nAverage response time (4.8 pts above team average)",
        None,
    ]
    assert _values(ws, ROW["KF006"])[6:8] == [
        "QA errors (3.3 pts above team average)\nAttitude (3.3 pts above team average)",
        "Veto: Average response time over 100 s",
    ]
    found = {str(v.sqref): (v.formula1, v.promptTitle, v.prompt) for v in ws.data_validations.dataValidation}
    assert found == {
        "J5:J18": (
            '"A,B,C,D"',
            "Overall judgement",
            "Choose a grade: A, B, C, D. If it differs from the row's grade, choose a reason to the right "
            "and explain it.",
        ),
        "K5:K18": (
            '"Traffic,Promotion,Season,Other"',
            "Why it differs",
            "Why the judgement differs from the grade: Traffic, Promotion, Season, Other.",
        ),
        "N5:N18": (
            "46296",
            "Interview date",
            "The day of the interview, as yyyy-mm-dd, from 2026-10-01 to 2026-11-30.",
        ),
    }


def _filled(source: Path, target: Path, cells: dict[str, Any], edit: Any = None) -> Path:
    """A copy of the results workbook with ``cells`` of its interview sheet set, ``edit`` applied."""
    book = openpyxl.load_workbook(source)
    ws = book[book.sheetnames[3]]
    for ref, value in cells.items():
        ws[ref] = value
    if edit is not None:
        edit(ws)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


ZH_FILLED = {
    f"I{ROW['KF003']}": "沟通积极，主动跟进",
    f"J{ROW['KF003']}": "A",
    f"N{ROW['KF003']}": dt.datetime(2026, 11, 5),
    f"J{ROW['KF001']}": "A",
    f"I{ROW['KF006']}": "大促期间响应慢",
    f"J{ROW['KF006']}": "C",
    f"K{ROW['KF006']}": "促销",
    f"L{ROW['KF006']}": "双十一预热期流量激增",
    f"M{ROW['KF006']}": "高峰期增加排班",
    f"N{ROW['KF006']}": "2026-11-06",
}


def _problem(p: Problem) -> tuple[str, str, int | None, str, str, str, str]:
    return (p.severity.value, p.sheet, p.row, p.column, p.header, p.message("zh"), p.message("en"))


def test_a_filled_sheet_reads_back(written: dict[str, Path], tmp_path: Path) -> None:
    path = _filled(written["zh"], tmp_path / NAME, ZH_FILLED)
    got = read_interviews(path)
    assert (got.file, got.sheet, got.month) == (NAME, "面谈", "2026-10")
    assert got.rows == [
        Interview("2026-10", "KF003", "杨梓萱", "沟通积极，主动跟进", "A", date="2026-11-05", source=NAME),
        Interview("2026-10", "KF001", "徐思远", judgement="A", source=NAME),
        Interview(
            "2026-10",
            "KF006",
            "周文博",
            "大促期间响应慢",
            "C",
            "促销",
            "双十一预热期流量激增",
            "高峰期增加排班",
            "2026-11-06",
            NAME,
        ),
    ]
    # KF001's grade is B: a judgement of A needs its reason.
    assert [_problem(p) for p in got.problems] == [
        (
            "warning",
            "面谈",
            ROW["KF001"],
            "K",
            "与得分不同的原因",
            "综合评定 A 与等级 B 不同，但没有填写原因（流量、促销、淡旺季、其他）。",
            "The overall judgement A differs from the grade B, but no reason (Traffic, Promotion, Season, "
            "Other) is given.",
        )
    ]


def test_an_english_sheet_reads_back_in_chinese_terms(written: dict[str, Path], tmp_path: Path) -> None:
    cells = {f"J{ROW['KF009']}": "b", f"K{ROW['KF009']}": "Season", f"N{ROW['KF009']}": "2026/11/3"}
    got = read_interviews(_filled(written["en"], tmp_path / "interviews.xlsx", cells))
    assert (got.sheet, got.month, got.problems) == ("Interviews", "2026-10", [])
    assert got.rows == [
        Interview(
            "2026-10",
            "KF009",
            "胡静怡",
            judgement="B",
            reason="淡旺季",
            date="2026-11-03",
            source="interviews.xlsx",
        )
    ]


def test_each_cell_out_of_shape_is_named(written: dict[str, Path], tmp_path: Path) -> None:
    cells = {
        **ZH_FILLED,
        f"J{ROW['KF003']}": "E",  # not a grade
        f"N{ROW['KF003']}": "下周",  # not a date
        f"K{ROW['KF006']}": "天气",  # not a reason
        f"N{ROW['KF006']}": dt.datetime(2027, 1, 15),  # past the month after
        f"A{ROW['KF002']}": "KF003",  # the same 工号 again
        f"I{ROW['KF002']}": "重复",
        f"A{ROW['KF007']}": None,  # content without a 工号
        f"M{ROW['KF007']}": "加强练习",
    }
    got = read_interviews(_filled(written["zh"], tmp_path / NAME, cells))
    assert [i.agent_id for i in got.rows] == ["KF003", "KF001", "KF006"]
    kf003, _, kf006 = got.rows
    assert (kf003.judgement, kf003.date, kf003.points) == ("", "", "沟通积极，主动跟进")
    assert (kf006.judgement, kf006.reason, kf006.date) == ("C", "", "")
    r3, r1, r6, r2, r7 = (ROW[a] for a in ("KF003", "KF001", "KF006", "KF002", "KF007"))
    assert [_problem(p) for p in got.problems] == [
        (
            "error",
            "面谈",
            r3,
            "J",
            "综合评定",
            "综合评定「E」不是规则中的等级（A、B、C、D）：此项未读入。",
            "Overall judgement 'E' is not a grade of the rules (A, B, C, D): left out.",
        ),
        (
            "error",
            "面谈",
            r3,
            "N",
            "面谈日期",
            "面谈日期「下周」不是日期（应为 yyyy-mm-dd）：此项未读入。",
            "Interview date '下周' is not a date (yyyy-mm-dd expected): left out.",
        ),
        (
            "warning",
            "面谈",
            r1,
            "K",
            "与得分不同的原因",
            "综合评定 A 与等级 B 不同，但没有填写原因（流量、促销、淡旺季、其他）。",
            "The overall judgement A differs from the grade B, but no reason (Traffic, Promotion, Season, "
            "Other) is given.",
        ),
        (
            "error",
            "面谈",
            r2,
            "A",
            "工号",
            "工号 KF003 的面谈已在第 5 行填写：此行未读入。",
            "Agent ID (工号) KF003 already has an interview on row 5: this row is not read.",
        ),
        (
            "error",
            "面谈",
            r7,
            "A",
            "工号",
            "此行填写了面谈内容，但没有工号：未读入。",
            "This row has interview entries but no Agent ID (工号): not read.",
        ),
        (
            "error",
            "面谈",
            r6,
            "K",
            "与得分不同的原因",
            "原因「天气」不在可选之列（流量、促销、淡旺季、其他）：此项未读入。",
            "Reason '天气' is not one of Traffic, Promotion, Season, Other: left out.",
        ),
        (
            "error",
            "面谈",
            r6,
            "N",
            "面谈日期",
            "面谈日期 2027-01-15 不在 2026-10-01 至 2026-11-30 之间（考核月份 2026-10 及其后一个月）："
            "此项未读入。",
            "Interview date 2027-01-15 is not from 2026-10-01 to 2026-11-30 (the month 2026-10 and the month "
            "after): left out.",
        ),
    ]
    assert all(p.file == NAME for p in got.problems)


def test_moved_and_deleted_columns_are_found_by_their_headers(
    written: dict[str, Path], tmp_path: Path
) -> None:
    def reshape(ws: Any) -> None:
        ws.unmerge_cells("A1:N1")
        ws.unmerge_cells("A2:N2")
        ws.unmerge_cells("A3:N3")
        ws.delete_cols(3, 6)  # 组别 … 不足 gone: 面谈要点 is now column C
        ws.move_range("A1:H18", cols=1)  # 工号 now in B, … 面谈日期 in I
        ws.move_range("I1:I18", cols=-8)  # the date first, in column A

    path = _filled(written["zh"], tmp_path / "moved.xlsx", ZH_FILLED, reshape)
    got = read_interviews(path)
    ws = openpyxl.load_workbook(path)["面谈"]
    assert [c.value for c in ws[4]][:8] == [
        "面谈日期",
        "工号",
        "姓名",
        "面谈要点",
        "综合评定",
        "与得分不同的原因",
        "说明",
        "改进计划",
    ]
    assert got.month == "2026-10"
    assert [(i.agent_id, i.judgement, i.reason, i.date) for i in got.rows] == [
        ("KF003", "A", "", "2026-11-05"),
        ("KF001", "A", "", ""),
        ("KF006", "C", "促销", "2026-11-06"),
    ]
    # Without the 等级 column there is nothing the judgement differs from: no warning.
    assert got.problems == []


def test_without_the_id_column_nothing_is_read(written: dict[str, Path], tmp_path: Path) -> None:
    path = _filled(written["zh"], tmp_path / NAME, ZH_FILLED, lambda ws: ws.delete_cols(1))
    got = read_interviews(path)
    assert got.rows == []
    assert [_problem(p) for p in got.problems] == [
        (
            "error",
            "面谈",
            4,
            "",
            "",
            "找不到「工号」列，面谈无法对应到客服：这一表的面谈都没有读入。",
            "No 'Agent ID (工号)' column, so the interviews cannot be matched to agents: none of them was "
            "read.",
        )
    ]


def test_the_month_falls_back_to_the_file_name(written: dict[str, Path], tmp_path: Path) -> None:
    def untitled(ws: Any) -> None:
        ws["A1"] = "面谈记录"

    got = read_interviews(_filled(written["zh"], tmp_path / "十月面谈_2026-10.xlsx", ZH_FILLED, untitled))
    assert got.month == "2026-10" and len(got.rows) == 3
    none = read_interviews(_filled(written["zh"], tmp_path / "十月面谈.xlsx", ZH_FILLED, untitled))
    assert none.rows == []
    assert [_problem(p) for p in none.problems] == [
        (
            "error",
            "面谈",
            1,
            "",
            "",
            "标题和文件名中都没有考核月份（如 2026-10）：不知道这些面谈属于哪个月，都没有读入。",
            "Neither the title nor the file name gives the month (such as 2026-10): the interviews cannot be "
            "filed under a month, so none was read.",
        )
    ]


def test_given_grades_are_checked_instead_of_the_listed_ones(
    written: dict[str, Path], tmp_path: Path
) -> None:
    path = _filled(written["zh"], tmp_path / NAME, {f"J{ROW['KF003']}": "优", f"I{ROW['KF003']}": "好"})
    got = read_interviews(path, grades=["优", "良", "差"])
    assert [(i.agent_id, i.judgement) for i in got.rows] == [("KF003", "优")]


def test_a_workbook_without_the_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "花名册.xlsx"
    shutil.copy(SAMPLES / "花名册.xlsx", path)
    with pytest.raises(CsreportError) as caught:
        read_interviews(path)
    assert caught.value.message("zh") == (
        "花名册.xlsx 中没有「面谈」（Interviews）工作表："
        "请选择 csreport 写出的结果工作簿（如 客服绩效_2026-10.xlsx）。"
    )
    assert caught.value.message("en") == (
        "花名册.xlsx has no 'Interviews' (面谈) sheet: choose a results workbook csreport wrote (such as "
        "客服绩效_2026-10.xlsx)."
    )


def test_results_workbooks_are_recognised_by_their_sheets() -> None:
    assert is_results_workbook(["汇总", "计算明细", "团队", "面谈", "数据问题", "规则"])
    assert is_results_workbook(["Summary", "Interviews"])
    assert is_results_workbook(["汇总", "面谈"])
    assert not is_results_workbook(["汇总", "数据信息"])  # an input workbook's own summary sheet
    assert not is_results_workbook(["Summary", "面谈"])  # two languages: not csreport's
    assert not is_results_workbook(["面谈"])


def test_a_results_workbook_among_the_inputs_brings_its_interviews(
    written: dict[str, Path], tmp_path: Path
) -> None:
    inputs = tmp_path / "十一月"
    shutil.copytree(SAMPLES, inputs)
    _filled(written["zh"], inputs / NAME, ZH_FILLED)
    # Renamed, it is still recognised by its sheets.
    _filled(written["en"], inputs / "十月面谈.xlsx", {f"J{ROW['KF013']}": "A", f"I{ROW['KF013']}": "很好"})
    data = load_dataset([inputs])
    assert data.month == "2026-10"
    assert sorted(data.files_read) == ["十月接待.xlsx", "十月考勤.xlsx", "十月质检.xlsx", "花名册.xlsx"]
    assert [(s.file, s.sheet, s.month, [i.agent_id for i in s.rows]) for s in data.interviews] == [
        ("十月面谈.xlsx", "Interviews", "2026-10", ["KF013"]),
        (NAME, "面谈", "2026-10", ["KF003", "KF001", "KF006"]),
    ]
    assert all(isinstance(s, InterviewSheet) for s in data.interviews)
    mine = [p for p in data.problems if p.file in (NAME, "十月面谈.xlsx")]
    assert [(p.file, p.code, p.severity, p.row) for p in mine] == [
        ("十月面谈.xlsx", "interviews.results_workbook", Severity.INFO, None),
        (NAME, "interviews.no_reason", Severity.WARNING, ROW["KF001"]),
        (NAME, "interviews.results_workbook", Severity.INFO, None),
    ]
    assert mine[-1].message("zh") == (
        "csreport 的结果工作簿（2026-10）：不作为数据读取，只读入其「面谈」表中的 3 条面谈记录。"
    )
    assert mine[-1].message("en") == (
        "A csreport results workbook (2026-10): not read as data; only the 3 interviews of its "
        "'Interviews' (面谈) sheet are read."
    )
