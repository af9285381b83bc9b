"""The rules workbook is an HR document, and import refuses what ``run`` and the linter would.

``rules export --xlsx`` writes 说明 first, one sheet per scoring table with one row per band (the
band in words, its bounds with a 含/不含 dropdown, blank for no bound), then 等级, 系数 and 级别;
Chinese by default, English with --lang en, and no engine id, ``inf`` or interval notation where
a reader looks. Every sheet is set up to print on A4 landscape at 8 points or more, and
LibreOffice prints it so. ``rules import`` refuses an edited workbook with an overlap, a gap, a
bad number or a bound that is no number, naming the sheet, row and column, exit code 2 and
nothing written; ``rules lint`` on such a workbook names them the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from csreport.cli.main import main
from csreport.fields import AGGREGATES
from csreport.rules.loader import load_rules
from csreport.rules.workbook.transfer import export_rules
from tests.rules_xlsx_helpers import column
from tests.test_xlsx_libreoffice import A4_LANDSCAPE, convert, font_sizes, pages

# Han characters, CJK punctuation and full-width forms.
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
GLOSS = re.compile(r"(?<=[A-Za-z')]) \([^()]*\)")  # "Not cleared (不予上岗)"
QUOTED = re.compile(r"'[^']*'")


def invoke(*args: str) -> tuple[int, str, str]:
    """Run the real CLI in-process; exit code, stdout, stderr."""
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def row(ws: Any, r: int, first: str = "A", last: str = "K") -> list[Any]:
    """The values of row ``r`` from column ``first`` to ``last``."""
    return [c.value for c in ws[f"{first}{r}:{last}{r}"][0]]


# ---- what a reader sees ------------------------------------------------------------------------


def test_chinese_workbook_reads_as_a_document(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_rules(load_rules("standard"), tmp_path / "规则.xlsx"))
    assert book.sheetnames == ["说明", "试用期", "正式", "等级", "系数", "级别", "级别升降", "抽样规则"]
    ws = book["试用期"]
    assert [ws[f"A{r}"].value for r in range(1, 9)] == [
        "考核表",
        "英文名称",
        "适用于（空着 = 其他所有人）",
        "满分",
        "总分 ≤ 此分不予上岗",
        "最多再培训次数",
        "说明",
        "编号（导入用，请勿修改）",
    ]
    assert [ws[f"B{r}"].value for r in range(1, 7)] == ["试用期", "Probation", "岗位状态=试用期", 100, 60, 2]
    assert book["正式"]["B6"].value is None  # the regular table counts no retraining
    assert row(ws, 10) == [
        "指标",
        "权重",
        "考核数据",
        "区间",
        "得分",
        "否决原因（不予上岗）",
        "下限",
        "下限含/不含",
        "上限",
        "上限含/不含",
        "说明",
    ]
    # One row per band: the band as a person writes it, then its bounds; a blank bound is none.
    assert row(ws, 11, "A", "J") == [
        "平均响应时长",
        20,
        "平均响应时长",
        "≤ 45 秒",
        20,
        None,
        0,
        "含",
        45,
        "含",
    ]
    assert row(ws, 12, "A", "J") == [
        None,
        None,
        None,
        "45–80 秒（不含 45 秒）",
        15,
        None,
        45,
        "不含",
        80,
        "含",
    ]
    assert row(ws, 14, "D", "J") == ["> 100 秒", "否决", "平均响应时长超过 100 秒", 100, "不含", None, None]
    assert row(ws, 15, "A", "D") == ["回复率", 20, "回复人数 ÷ 咨询人数", "≥ 98%"]
    assert (ws["G16"].value, ws["G16"].number_format, ws["I16"].value) == (0.95, "0%", 0.98)
    assert row(ws, 22, "D", "F") == ["条件：店铺风险数 > 0", "否决", "差错导致店铺风险"]
    # 正式 applies to everyone else: its 适用于 is blank.
    assert book["正式"]["B3"].value is None
    assert [row(book["等级"], r, "A", "E") for r in (1, 2, 5)] == [
        ["等级", "类型", "最低总分", "含义", "达到条件"],
        ["A", "分数线", 90, "优秀", "总分 ≥ 90 分"],
        ["D", "不予上岗", None, None, "不予上岗时（否决，或总分不高于不予上岗线）"],
    ]
    coefficients = book["系数"]
    assert row(coefficients, 1, "A", "E") == ["级别＼等级", "A", "B", "C", "D"]
    assert row(coefficients, 3, "A", "E") == ["特殊技能新员工", 1.2, 1.05, 0.95, 0.5]
    assert coefficients["C2"].number_format == "0.00"  # 1.00 beside 1.05
    assert row(book["级别"], 1, "A", "E") == ["级别", "英文名称", "年假天数", "住房补贴", "旅游"]
    help_sheet = book["说明"]
    assert row(help_sheet, 1, "A", "B") == ["规则名称", "标准考核"]
    # The preset applies from the beginning: its first month is blank.
    assert row(help_sheet, 3, "A", "B") == ["生效月份（年-月，如 2026-07；空着 = 一直有效）", None]
    assert row(help_sheet, 5, "A", "B") == ["项目", "怎么做"]
    assert help_sheet["A6"].value == "本工作簿" and "（「试用期」、「正式」）" in help_sheet["B6"].value
    assert [row(book["级别升降"], r, "A", "H") for r in (1, 2, 3)] == [
        [
            "升降",
            "至少几个月有总分",
            "平均总分至少",
            "平均总分至多",
            "被否决的月数至少",
            "被否决的月数至多",
            "入职至少几个月",
            "条件",
        ],
        ["晋升一级", 6, 85, None, None, 0, None, "至少 6 个月有总分，平均总分 ≥ 85 分，否决 0 次"],
        ["降低一级", None, None, None, 2, None, None, "否决 ≥ 2 次"],
    ]
    # 抽样规则: the block in words above (read only), then what HR edits: each setting beside its
    # label, each stratum's share and top-up order, the error types one a row.
    sampling = book["抽样规则"]
    assert [row(sampling, r, "A", "B") for r in range(1, 8)] == [
        ["抽样规则（文字说明，只读）", None],
        ["每人抽查", "接待人数的 2%，最少 5 条，最多 30 条（四舍五入）"],
        ["满意度比例", "非常满意 10% · 满意 10% · 一般 30% · 不满意 20% · 非常不满意 30%"],
        ["未评价的会话", "算作「一般」"],
        ["补足顺序", "某层会话不够时依次从 非常不满意 → 不满意 → 一般 → 满意 → 非常满意 补足"],
        ["可抽会话", "消息数 ≥ 3 条"],
        ["差错类型", "答复错误、漏答/未回复、流程不规范、推荐错误、优惠解释错误、态度问题、其他"],
    ]
    assert [row(sampling, r, "A", "B") for r in range(9, 17)] == [
        ["设置", "值"],
        ["抽查比例", 0.02],
        ["比例的基数", "接待人数"],
        ["最少条数", 5],
        ["最多条数", 30],
        ["固定条数", None],
        ["未评价的会话怎么算", "算作一般"],
        ["可抽会话的最少消息数", 3],
    ]
    assert sampling["B10"].number_format == "0%"
    assert [row(sampling, r, "A", "C") for r in (18, 19, 23, 24)] == [
        ["满意度", "比例", "补足顺序（1 = 最先）"],
        ["非常满意", 0.1, 5],
        ["非常不满意", 0.3, 1],
        ["未评价", None, None],  # a share of its own only when unrated chats are a stratum
    ]
    assert [sampling[f"A{r}"].value for r in range(26, 34)] == [
        "差错类型（任务单的下拉选项）",
        "答复错误",
        "漏答/未回复",
        "流程不规范",
        "推荐错误",
        "优惠解释错误",
        "态度问题",
        "其他",
    ]
    choices = {str(dv.sqref): dv.formula1 for dv in sampling.data_validations.dataValidation}
    assert choices == {
        "B11": '"接待人数,可抽会话"',
        "B15": '"算作非常满意,算作满意,算作一般,算作不满意,算作非常不满意,不抽,单独一层（未评价）"',
    }


def test_english_workbook_reads_as_a_document(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_rules(load_rules("standard"), tmp_path / "rules.xlsx", "en"))
    assert book.sheetnames == [
        "Instructions",
        "Probation",
        "Regular",
        "Grades",
        "Coefficients",
        "Levels",
        "Level review",
        "QA sampling",
    ]
    ws = book["Probation"]
    assert [ws[f"A{r}"].value for r in range(1, 3)] == ["Scoring table", "Chinese name"]
    assert [ws[f"B{r}"].value for r in range(1, 3)] == ["Probation", "试用期"]
    assert (ws["A6"].value, ws["B6"].value) == (
        "Retrained at most (times)",
        2,
    )
    assert row(ws, 10) == [
        "KPI",
        "Weight",
        "Measured as",
        "Band",
        "Points",
        "Veto reason (not cleared)",
        "Lower bound",
        "Lower bound incl./excl.",
        "Upper bound",
        "Upper bound incl./excl.",
        "Note",
    ]
    assert row(ws, 11, "A", "J") == [
        "Average response time",
        20,
        "Average response time (s)",
        "≤ 45 s",
        20,
        None,
        0,
        "incl.",
        45,
        "incl.",
    ]
    assert row(ws, 12, "D", "J") == ["45–80 s (not including 45 s)", 15, None, 45, "excl.", 80, "incl."]
    assert row(ws, 14, "D", "J") == [
        "> 100 s",
        "Veto",
        "Average response time over 100 s",
        100,
        "excl.",
        None,
        None,
    ]
    assert row(ws, 15, "C", "D") == ["Customers replied ÷ Customers who asked", "≥ 98%"]
    # The other language's name and reason sit with the further settings.
    assert ws[f"{column(ws, 'KPI (Chinese name)')}11"].value == "平均响应时长"
    assert row(book["Instructions"], 3, "A", "A") == [
        "In force from (year-month, e.g. 2026-07; blank = always)"
    ]
    assert row(book["Level review"], 2, "A", "H") == [
        "Up one level",
        6,
        85,
        None,
        None,
        0,
        None,
        "months with a total ≥ 6, average total ≥ 85, no vetoed (否决) month",
    ]
    sampling = book["QA sampling"]
    assert row(sampling, 2, "A", "B") == [
        "Per agent",
        "2% of sessions received (接待人数), at least 5, at most 30 (rounded half up)",
    ]
    assert row(sampling, 4, "A", "B") == ["Unrated chats (未评价)", "counted as neutral (一般)"]
    assert [row(sampling, r, "A", "B") for r in (10, 11, 15)] == [
        ["Rate", 0.02],
        ["Rate of", "sessions received (接待人数)"],
        ["Unrated chats (未评价) count", "as neutral (一般)"],
    ]
    # The rating's English words first (read only), the word import reads beside them.
    assert [row(sampling, r, "A", "D") for r in (18, 19)] == [
        ["Satisfaction", "Satisfaction (满意度)", "Share", "Top-up order (1 = first)"],
        ["very satisfied (非常满意)", "非常满意", 0.1, 5],
    ]
    assert sampling["A26"].value == "Error types (the task sheet's choices)"
    assert row(book["Coefficients"], 2, "A", "C") == ["New staff", "新员工", 1.1]
    assert row(book["Grades"], 2, "A", "E") == ["A", "Minimum total", 90, "优秀", "total ≥ 90 pts"]


def bare_chinese(english: str) -> str:
    """The Chinese left in an English label once glosses and quoted values are out."""
    return "".join(CHINESE.findall(QUOTED.sub("", GLOSS.sub("", english))))


def test_no_chinese_in_english_labels(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_rules(load_rules("multi"), tmp_path / "rules.xlsx", "en"))
    labels = list(book.sheetnames)
    for name in book.sheetnames:
        ws = book[name]
        head = 10 if name == "Multi-dimensional" else 1
        labels += [str(c.value) for c in ws[head] if c.value is not None]
        labels += [str(dv.formula1) for dv in ws.data_validations.dataValidation]
    table = book["Multi-dimensional"]
    labels += [str(table[f"A{r}"].value) for r in range(1, 9)]
    labels += [str(c.value) for r in book["Instructions"].iter_rows() for c in r if c.value and c.column == 1]
    labels += [str(c.value) for r in book["Instructions"].iter_rows(min_row=5) for c in r if c.value]
    labels += [
        str(table[f"{column(table, h)}{r}"].value or "")
        for h in ("Band", "Measured as")
        for r in range(11, 41)
    ]
    # Data keeps its language: the rules' Chinese names, level names, benefits and grades' meanings.
    data = {"多维度考核", "多维度", "年假天数", "住房补贴", "旅游", "重服务", "重转化"}
    offenders = [x for x in labels if x not in data and bare_chinese(x)]
    assert offenders == []


def visible_cells(ws: Any, skip: tuple[str, ...] = ()) -> list[str]:
    """The text of every cell a reader sees: not in a hidden column or row, nor in the columns
    headed ``skip``."""
    hidden_cols = {i for d in ws.column_dimensions.values() if d.hidden for i in range(d.min, d.max + 1)}
    hidden_rows = {r for r, d in ws.row_dimensions.items() if d.hidden}
    head = 10 if ws["A10"].value == "指标" else 1
    skipped = {c.column for c in ws[head] if c.value in skip}
    return [
        str(c.value)
        for r in ws.iter_rows()
        for c in r
        if c.value is not None and c.column not in hidden_cols | skipped and c.row not in hidden_rows
    ]


@pytest.mark.parametrize("name", ["standard", "multi", "literal"])
def test_no_engine_words_where_a_reader_looks(name: str, tmp_path: Path) -> None:
    rules = load_rules(name)
    book = openpyxl.load_workbook(export_rules(rules, tmp_path / "规则.xlsx"))
    ids = (
        {t.id for t in rules.tables}
        | {k.id for t in rules.tables for k in t.kpis}
        | {f.id for f in AGGREGATES}
    )
    # An id with an underscore anywhere; a one-word id (sales, probation) as a cell's whole text,
    # since English names and reasons use such words too; inf anywhere.
    engine = re.compile(r"\binf\b|\b(" + "|".join(sorted(i for i in ids if "_" in i)) + r")\b")
    notation = re.compile(r"[\[(]\s*-?[\d.]+%?\s*,\s*-?[\d.∞inf]+%?\s*[\])]")
    for ws in book.worksheets:
        # The source table's own wording is data, written as the source has it.
        for text in visible_cells(ws, skip=("原表写法", "原文条件")):
            assert not engine.search(text) and text not in ids, (ws.title, text)
            assert not notation.search(text), (ws.title, text)


# ---- printing ----------------------------------------------------------------------------------


def test_every_sheet_is_set_up_for_a4_landscape(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_rules(load_rules("multi"), tmp_path / "规则.xlsx"))
    # The printed columns of a table sheet are 154.5 characters wide: 7.5 pixels each and 5 of
    # padding per column make 1,213.75 pixels for the 1,045.44 of A4 landscape within its
    # margins, so 86% (text at 8.6 points); the other sheets are narrower and print at 100%.
    # 抽样规则 is scaled to fit its 33 rows on one page: 92% (text at 9.2 points).
    scales = {
        "说明": 100,
        "多维度": 86,
        "等级": 100,
        "系数": 100,
        "级别": 100,
        "权重方案": 100,
        "抽样规则": 92,
    }
    for ws in book.worksheets:
        head = 10 if ws.title == "多维度" else 5 if ws.title == "说明" else 1
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9), ws.title
        assert ws.print_title_rows.replace("$", "") == f"{head}:{head}", ws.title
        assert (ws.page_setup.scale or 100) == scales[ws.title], ws.title  # 100 is left unwritten
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
        fonts = {c.font.sz for r in ws.iter_rows() for c in r if c.value is not None}
        assert min(fonts) >= 10, ws.title
        wrapped = {c.alignment.wrap_text for r in ws.iter_rows() for c in r if isinstance(c.value, str)}
        assert wrapped == {True}, ws.title
    # Only the reader's columns print: the further settings and the ids do not.
    assert book["多维度"].print_area == "'多维度'!$A$1:$K$31"
    assert book["等级"].print_area == "'等级'!$A$1:$E$5"
    # A KPI's rows are never split across pages: 全勤奖 (rows 28 to 30) starts the second page.
    ws = book["多维度"]
    assert ([b.id for b in ws.row_breaks.brk], ws["A28"].value) == ([27], "全勤奖")


def test_libreoffice_prints_it_legibly(tmp_path: Path) -> None:
    books = [
        export_rules(load_rules("standard"), tmp_path / "规则.xlsx"),
        export_rules(load_rules("standard"), tmp_path / "rules_en.xlsx", "en"),
        export_rules(load_rules("multi"), tmp_path / "多维度.xlsx"),
    ]
    out = tmp_path / "pdf"
    out.mkdir()
    pdfs = convert(books, out, tmp_path / "profile")
    for pdf in pdfs:
        reader = PdfReader(pdf)
        for page in reader.pages:
            size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            assert size == A4_LANDSCAPE, pdf.name
            assert min(font_sizes(page)) >= 8, pdf.name
    zh, en, multi = (pages(p) for p in pdfs)
    # 说明, 试用期, 正式 (two pages: its fifth KPI does not fit whole on the first), 等级, 系数, 级别,
    # 级别升降, 抽样规则 (one page).
    assert len(zh) == 9
    assert "怎么做" in zh[0] and "45–80 秒（不含 45 秒）" in zh[1] and "第 2 页，共 9 页" in zh[1]
    assert [p.split(" 第 ")[0] for p in zh] == [
        "标准考核 说明",
        "标准考核 试用期",
        *["标准考核 正式"] * 2,
        "标准考核 等级",
        "标准考核 系数",
        "标准考核 级别",
        "标准考核 级别升降",
        "标准考核 抽样规则",
    ]
    assert "可抽会话的最少消息数" in zh[8] and "其他" in zh[8]  # the error types end the one page
    # A page that goes on with a table repeats its header row.
    assert zh[3].startswith(
        "标准考核 正式 第 4 页，共 9 页 指标 权重 考核数据 区间 得分 否决原因（不予上岗） 下限"
    )
    assert "工作态度" in zh[3] and "工作态度" not in zh[2]
    # The English instructions take two pages (English is longer); the probation table follows.
    assert "45–80 s (not including 45 s)" in en[2] and "Page 3 of " in en[2]
    for text in zh + en + multi:
        assert "inf" not in text and "avg_response" not in text
        assert "公式（字段名）" not in text and "Formula (field names)" not in text  # not printed
    assert "按组内排名：满分×超过的同组比例" in multi[1].replace(" ", "")  # wrapped lines join with spaces


# ---- import and lint of an edited workbook -------------------------------------------------------

EDITS: dict[str, tuple[str, str, Any]] = {
    # what is wrong: (header, Excel row of sheet 正式, new value)
    "overlap": ("下限", "12", 40),
    "gap": ("上限", "12", 70),
    "bad number": ("得分", "12", "十五分"),
    "bound not a number": ("下限", "13", "八十"),
}
ZH = {
    "overlap": "工作表「正式」第 12 行 G 列（下限）：平均响应时长：40–45 秒（不含 40 秒）同时落在「≤ 45 秒」"
    "（15 分）和「40–80 秒（不含 40 秒）」（10 分）",
    "gap": "工作表「正式」第 11 行 A 列（指标）：平均响应时长：70–80 秒（不含 70 秒）没有任何区间覆盖",
    "bad number": "工作表「正式」第 12 行 E 列（得分）：「十五分」不是分数；否决的区间请写「否决」",
    "bound not a number": "工作表「正式」第 13 行 G 列（下限）：「八十」不是数字",
}
EN = {
    "overlap": "sheet '正式' row 12, column G (下限): Average response time: 40–45 s (not "
    "including 40 s) falls in both '≤ 45 s' (15 pts) and '40–80 s (not including 40 s)' (10 pts)",
    "gap": "sheet '正式' row 11, column A (指标): Average response time: no band covers 70–80 s "
    "(not including 70 s)",
    "bad number": "sheet '正式' row 12, column E (得分): '十五分' is not a number of points; write "
    "'Veto' for a band that vetoes",
    "bound not a number": "sheet '正式' row 13, column G (下限): '八十' is not a number",
}


def edited_book(folder: Path, header: str, row_number: str, value: Any) -> Path:
    """The standard rules exported to ``folder/规则.xlsx`` with one cell of 正式 changed."""
    path = export_rules(load_rules("standard"), folder / "规则.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["正式"]
    ws[f"{column(ws, header)}{row_number}"] = value
    book.save(path)
    return path


@pytest.mark.parametrize("problem", list(EDITS))
def test_import_refuses_an_invalid_workbook(
    problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    edited_book(tmp_path, *EDITS[problem])
    before = sorted(p.name for p in tmp_path.iterdir())
    assert invoke("rules", "import", "规则.xlsx") == (
        2,
        "",
        f"错误：规则.xlsx 有 1 处问题，没有导入：\n  规则.xlsx {ZH[problem]}\n",
    )
    assert invoke("rules", "import", "规则.xlsx", "--lang", "en") == (
        2,
        "",
        f"Error: 规则.xlsx was not imported; it has a problem:\n  规则.xlsx {EN[problem]}\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


@pytest.mark.parametrize("problem", ["overlap", "gap"])
def test_lint_points_to_sheet_row_and_column(
    problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    edited_book(tmp_path, *EDITS[problem])
    assert invoke("rules", "lint", "规则.xlsx") == (1, f"[错误] 规则.xlsx {ZH[problem]}\n共 1 个问题。\n", "")
    assert invoke("rules", "lint", "规则.xlsx", "--lang", "en") == (
        1,
        f"[error] 规则.xlsx {EN[problem]}\n1 finding(s).\n",
        "",
    )
    code, out, _ = invoke("rules", "lint", "规则.xlsx", "--json")
    (entry,) = json.loads(out)
    cell = re.match(r"工作表「正式」第 (\d+) 行 ([A-Z]+) 列", ZH[problem])
    assert cell is not None
    assert (code, entry["sheet"], entry["row"], entry["column"]) == (1, "正式", int(cell[1]), cell[2])


def test_several_problems_are_listed_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = edited_book(tmp_path, *EDITS["bad number"])
    book = openpyxl.load_workbook(path)
    book["正式"]["G13"] = "八十"
    book.save(path)
    assert invoke("rules", "import", "规则.xlsx") == (
        2,
        "",
        f"错误：规则.xlsx 有 2 处问题，没有导入：\n  规则.xlsx {ZH['bad number']}\n"
        f"  规则.xlsx {ZH['bound not a number']}\n",
    )


def test_import_refuses_what_run_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Points above a KPI's weight: ``run`` refuses such rules, and import no longer says 已导入."""
    monkeypatch.chdir(tmp_path)
    edited_book(tmp_path, "得分", "11", 25)
    code, out, err = invoke("rules", "import", "规则.xlsx")
    assert (code, out) == (2, "")
    assert err == (
        "错误：规则.xlsx 有 1 处问题，没有导入：\n"
        "  规则.xlsx 工作表「正式」第 11 行 E 列（得分）：平均响应时长：区间「≤ 45 秒」给 25 分，"
        "超过权重 15\n"
    )
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    code, _, err = invoke("run", str(samples), "--rules", "规则.xlsx", "--out", "out", "--no-pdf")
    assert code == 2 and "错误：规则「标准考核」的权重或分值有误，无法可靠计分" in err


def test_import_names_warnings_and_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    edited_book(tmp_path, "得分", "11", 14)  # the top band now gives 14 of the weight 15
    code, out, err = invoke("rules", "import", "规则.xlsx")
    lines = out.splitlines()
    assert (code, err, len(lines)) == (0, "", 2)
    assert lines[0].startswith("已导入 标准考核 #") and lines[0].endswith("：规则.yaml")
    assert lines[1] == (
        "[警告] 规则.xlsx 工作表「正式」第 11 行 B 列（权重）：平均响应时长：最高只能得 14 分，达不到权重 15"
    )
    assert load_rules("规则.yaml").tables[1].kpis[0].bands[0].points == 14


@pytest.mark.parametrize("name", ["standard", "multi"])
def test_an_unedited_export_imports(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("rules", "export", name, "--xlsx", "规则.xlsx")[:2] == (0, "已导出：规则.xlsx\n")
    code, out, err = invoke("rules", "import", "规则.xlsx", "--lang", "en")
    assert (code, err) == (0, "") and out.startswith("Imported ") and out.endswith(": 规则.yaml\n")
    assert invoke("rules", "lint", "规则.xlsx")[:2] == (0, f"规则「{load_rules(name).name}」没有发现问题。\n")


def test_lint_of_a_rules_file_names_its_lines(tmp_path: Path) -> None:
    broken = Path(__file__).parent / "rules_broken" / "anchor_points.yaml"
    code, out, _ = invoke("rules", "lint", str(broken))
    assert (code, out) == (
        1,
        f"[错误] {broken} 第 20 行：sat：锚点 100% 给 15 分，超过权重 10\n共 1 个问题。\n",
    )
    code, out, _ = invoke("rules", "lint", "字面", "--lang", "en")
    assert code == 1
    assert out.splitlines()[2] == (
        "[error] table 'Probation': Average response time: no band covers 45–60 s (not including 45 s)"
    )
