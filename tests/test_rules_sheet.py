"""The 规则 sheet and ``csreport rules show``: the rules as HR reads them.

The standard preset is written into a results workbook in Chinese and in English and read back
with openpyxl: who uses which 考核表, every band, veto and grade in words ("≥ 98%", "45–80 秒
（不含 45 秒）", "店铺风险数 > 0"), the interval notation and the source table's wording only
in the two audit columns, the print setup, and the rules file's text at the end. ``rules show``
says the same things in the same words. Expectations are written out by hand.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from csreport.cli.main import main
from csreport.outputs.xlsx.rules_sheet import PAGE_HEIGHT, WIDTHS, wrapped
from csreport.outputs.xlsx.workbook import write_workbook
from csreport.rules.loader import load_rules
from csreport.rules.show import show_rules
from tests.factories import sample_month
from tests.test_english_run import allowed_for

STANDARD = load_rules("standard")
HEADERS = {
    "zh": ["指标", "满分", "计算方式", "区间", "得分", "否决原因 / 说明", "区间（审计）", "原表写法（审计）"],
    "en": [
        "KPI",
        "Maximum",
        "Calculation",
        "Band",
        "Points",
        "Veto reason / note",
        "Band (audit)",
        "Source text (audit)",
    ],
}
APPENDIX = {
    "zh": "附：规则文件原文（留档备查）",
    "en": "Appendix: the rules file as written (kept for audit)",
}
# Interval notation: a bracket, "(45," or ", 80)", and infinity.
INTERVAL = re.compile(r"[\[\]]|\(\s*-?[\d.,]+%?,\s|,\s+-?[\d.,]+%?\s*\)|∞|inf")
ENGINE_WORDS = ("avg_response_s", "qa_chats", "shop_risk", "scoring-tables.md", "probation", "regular")
RESPONSE_NOTE = (
    "原表没有 45–60 秒的区间，且“60S>均响<=80S”自相矛盾：按 45–80 秒（不含 45 秒）为中间一档处理。"
)
ERRORS_NOTE = "无差错满分；同类差错不超过 2 次得 10 分；同类差错 3 次及以上、或任何差错导致店铺风险，否决。"


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Worksheet]:
    """The 规则 sheet of a results workbook under the standard rules, in each language."""
    tmp = tmp_path_factory.mktemp("rules_sheet")
    out = {}
    for lang in ("zh", "en"):
        path = write_workbook(sample_month(), [], STANDARD, tmp / f"{lang}.xlsx", lang=lang)
        out[lang] = openpyxl.load_workbook(path).worksheets[-1]
    return out


def rows(ws: Worksheet) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def trimmed(row: list[Any]) -> list[Any]:
    """A row without its empty cells at the right."""
    while row and row[-1] is None:
        row = row[:-1]
    return row


def readable(data: list[list[Any]], lang: str) -> list[list[Any]]:
    """The rows above the rules file's text, without the two audit columns."""
    end = next(i for i, r in enumerate(data) if r[0] == APPENDIX[lang])
    return [r[:6] for r in data[:end]]


def kpi_block(data: list[list[Any]], table: str, kpi: str) -> list[list[Any]]:
    """The rows of ``kpi`` in the table headed ``table``: its first row to the next KPI's."""
    start = next(i for i, r in enumerate(data) if r[0] == table)
    first = next(i for i in range(start, len(data)) if data[i][0] == kpi)
    end = next(i for i in range(first + 1, len(data)) if data[i][0] is not None)
    return [trimmed(r) for r in data[first:end]]


# --- who the rules are, and whom each table applies to -----------------------------------------


@pytest.mark.parametrize(
    ("lang", "top"),
    [
        (
            "zh",
            [
                ["考核规则：标准考核"],
                [f"版本 {STANDARD.hash}（csreport 自带规则）"],
                [],
                ["谁用哪张考核表"],
                ["试用期", "岗位状态 = 试用期"],
                ["正式", "其余所有人（不符合其他考核表条件的人员）"],
            ],
        ),
        (
            "en",
            [
                ["Rules: Standard assessment"],
                [f"version {STANDARD.hash} (built into csreport)"],
                [],
                ["Which table applies to whom"],
                ["Probation", "Post status = 试用期"],
                ["Regular", "Everyone else (whoever the other tables do not match)"],
            ],
        ),
    ],
)
def test_top_names_the_rules_and_who_uses_which_table(
    sheets: dict[str, Worksheet], lang: str, top: list[list[str]]
) -> None:
    assert [trimmed(r) for r in rows(sheets[lang])[:6]] == top


def test_each_table_states_its_maximum_threshold_and_note(sheets: dict[str, Worksheet]) -> None:
    data = [trimmed(r) for r in rows(sheets["zh"])]
    start = data.index(["考核表：试用期"])
    assert data[start : start + 7] == [
        ["考核表：试用期"],
        ["适用于", "岗位状态 = 试用期"],
        ["满分", "100 分"],
        ["总分门槛", "总分 ≤ 60 → 不予上岗"],
        ["再培训", "不予上岗后最多再培训 2 次"],
        ["说明", "实操实习期考核。总分 ≤ 60 不予上岗，需再次培训，最多培训 2 次。"],
        HEADERS["zh"],
    ]
    # The regular table counts no retraining: it has no such row.
    start = data.index(["考核表：正式"])
    assert data[start + 4][0] == "说明"
    en = [trimmed(r) for r in rows(sheets["en"])]
    start = en.index(["Table: Regular"])
    assert en[start : start + 6] == [
        ["Table: Regular"],
        ["Applies to", "Everyone else (whoever the other tables do not match)"],
        ["Maximum", "100 pts"],
        ["Total threshold", "Total ≤ 60 → not cleared (不予上岗)"],
        ["Note", "实习期满后正常上号考核。总分 ≤ 60 不予上岗，需再次培训（不超过 2 次）。"],
        HEADERS["en"],
    ]
    start = en.index(["Table: Probation"])
    assert en[start + 4] == ["Retraining", "At most 2 times after not being cleared (不予上岗)"]


# --- bands, vetoes and notes in words ----------------------------------------------------------


def test_response_time_bands_in_words_with_audit_columns(sheets: dict[str, Worksheet]) -> None:
    blank = [None, None, None]
    assert kpi_block(rows(sheets["zh"]), "考核表：试用期", "平均响应时长") == [
        [
            "平均响应时长",
            "20 分",
            "平均响应时长（按接待人数加权的月平均）",
            "≤ 45 秒",
            "20 分",
            None,
            "[0, 45]",
            "均响<=45S",
        ],
        [*blank, "45–80 秒（不含 45 秒）", "15 分", None, "(45, 80]", "60S>均响<=80S（按 45S<均响<=80S）"],
        [*blank, "80–100 秒（不含 80 秒）", "5 分", None, "(80, 100]", "80S>均响<=100S"],
        [*blank, "> 100 秒", "否决", "平均响应时长超过 100 秒", "(100, ∞)", "均响>100S"],
        [*blank, RESPONSE_NOTE],
    ]
    assert kpi_block(rows(sheets["en"]), "Table: Regular", "Average response time") == [
        [
            "Average response time",
            "15 pts",
            "Average response time (s): monthly mean weighted by Sessions received",
            "≤ 45 s",
            "15 pts",
            None,
            "[0, 45]",
            "<=45S",
        ],
        [
            *blank,
            "45–80 s (not including 45 s)",
            "10 pts",
            None,
            "(45, 80]",
            "60S>均响<=80S（按 45S<均响<=80S）",
        ],
        [*blank, "80–100 s (not including 80 s)", "5 pts", None, "(80, 100]", "80S>均响<=100S"],
        [*blank, "> 100 s", "Veto", "Average response time over 100 s", "(100, ∞)", ">100S"],
        [*blank, RESPONSE_NOTE],
    ]


def test_reply_rate_errors_and_the_shop_risk_veto(sheets: dict[str, Worksheet]) -> None:
    data = rows(sheets["zh"])
    reply = kpi_block(data, "考核表：试用期", "回复率")
    assert reply[0] == [
        "回复率",
        "20 分",
        "回复人数 ÷ 咨询人数",
        "≥ 98%",
        "20 分",
        None,
        "[98%, 100%]",
        "回复率>=98%",
    ]
    assert reply[3] == [None, None, None, "< 90%", "否决", "回复率低于 90%", "[0%, 90%)", "回复率<90%"]
    errors = kpi_block(data, "考核表：试用期", "差错")
    assert errors == [
        ["差错", "30 分", "同类差错最多次数", "0 次", "30 分", None, "[0, 0]", "无原则解答差错"],
        [None, None, None, "1–2 次", "10 分", None, "[1, 2]", "同类差错<=2次"],
        [None, None, None, "≥ 3 次", "否决", "同类差错重复 3 次及以上", "[3, ∞)", "同类差错重复>=3次"],
        [None, None, None, "店铺风险数 > 0", "否决", "差错导致店铺风险"],
        [None, None, None, "抽查数少于 1 条时记为缺数据"],
        [None, None, None, ERRORS_NOTE],
    ]
    en = kpi_block(rows(sheets["en"]), "Table: Probation (continued)", "Errors")
    assert en[3:5] == [
        [None, None, None, "Shop-risk errors > 0", "Veto", "An error exposed the shop to risk"],
        [None, None, None, "Missing data (缺数据) when Sampled chats < 1"],
    ]
    # The veto cells are marked like vetoes everywhere else in the workbook.
    ws = sheets["zh"]
    veto_cells = [c for r in ws.iter_rows() for c in r if c.value == "否决" and c.column == 5]
    assert len(veto_cells) == 11 and {c.fill.fgColor.rgb for c in veto_cells} == {"FFFFC7CE"}


# --- grades, 系数 and the level ladder ------------------------------------------------------------


def test_grades_coefficients_and_benefits_as_tables(sheets: dict[str, Worksheet]) -> None:
    data = [trimmed(r) for r in rows(sheets["zh"])]
    start = data.index(["等级"])
    assert data[start : start + 7] == [
        ["等级"],
        ["等级", "评语", "条件"],
        ["A", "优秀", "总分 ≥ 90"],
        ["B", "良好", "总分 ≥ 80"],
        ["C", "合格", "总分 ≥ 60"],
        ["D", None, "不予上岗，或总分低于以上各等级"],
        ["缺数据的客服不评等级，也没有系数。"],
    ]
    start = data.index(["系数（按级别和等级）"])
    assert data[start : start + 9] == [
        ["系数（按级别和等级）"],
        ["级别", "A", "B", "C", "D"],
        ["新员工", 1.1, 1.0, 0.9, 0.5],
        ["特殊技能新员工", 1.2, 1.05, 0.95, 0.5],
        ["老员工", 1.3, 1.15, 1.0, 0.6],
        ["组长", 1.4, 1.25, 1.05, 0.6],
        ["部门主管", 1.5, 1.3, 1.1, 0.7],
        ["部门经理", 1.6, 1.4, 1.15, 0.7],
        ["公司高层", 1.8, 1.5, 1.2, 0.8],
    ]
    coefficient = next(c for r in sheets["zh"].iter_rows() for c in r if c.value == 1.05)
    assert coefficient.number_format == "0.00"
    start = data.index(["各级别待遇"])
    assert data[start : start + 4] == [
        ["各级别待遇"],
        ["级别", "年假天数", "住房补贴", "旅游"],
        ["新员工", "5", "0 元/月"],
        ["特殊技能新员工", "5", "200 元/月"],
    ]
    assert data[start + 5] == ["组长", "10", "600 元/月", "每年 1 次"]
    en = [trimmed(r) for r in rows(sheets["en"])]
    start = en.index(["Grades (等级)"])
    assert en[start + 1 : start + 3] == [["Grade", "Label", "Requirement"], ["A", "优秀", "Total ≥ 90"]]
    assert en[start + 5] == ["D", None, "Not cleared (不予上岗), or a total below every grade above"]
    start = en.index(["Coefficient (系数) by level (级别) and grade"])
    assert en[start + 1 : start + 4] == [
        ["Level", "A", "B", "C", "D"],
        ["New staff", 1.1, 1.0, 0.9, 0.5],
        ["New staff with special skills", 1.2, 1.05, 0.95, 0.5],
    ]
    assert ["Team leader", "10", "600 元/月", "每年 1 次"] in en


# --- the rules file, kept for audit at the end ---------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rules_text_comes_last_for_audit(sheets: dict[str, Worksheet], lang: str) -> None:
    data = rows(sheets[lang])
    start = next(i for i, r in enumerate(data) if r[0] == APPENDIX[lang])
    note = {
        "zh": "以下是评分所用规则文件的逐字内容，以上各表由它生成。",
        "en": "Below is the rules file used for scoring, word for word; the tables above are made from it.",
    }
    assert data[start + 1][0] == note[lang]
    assert [r[0] or "" for r in data[start + 2 :]] == STANDARD.text.splitlines()
    assert all(v is None for r in data[start:] for v in r[1:])
    # The text keeps its ids: it is the file as written.
    assert any("shop_risk > 0" in (r[0] or "") for r in data[start:])


# --- no engine words in the readable part --------------------------------------------------------


def test_the_chinese_tables_speak_chinese(sheets: dict[str, Worksheet]) -> None:
    # The version's hash is hexadecimal: its letters are no English.
    cells = [
        v.replace(STANDARD.hash, "")
        for r in readable(rows(sheets["zh"]), "zh")
        for v in r
        if isinstance(v, str)
    ]
    assert cells
    for word in ENGINE_WORDS:
        assert not [c for c in cells if word in c], word
    assert [c for c in cells if INTERVAL.search(c)] == []
    # No English but the program's own name (the source wording "60S>均响<=80S" has single letters).
    assert {w for c in cells for w in re.findall(r"[A-Za-z]{2,}", c)} == {"csreport"}


def test_the_english_tables_have_no_chinese_labels(sheets: dict[str, Worksheet]) -> None:
    cells = [v for r in readable(rows(sheets["en"]), "en") for v in r if isinstance(v, str)]
    allowed = allowed_for("standard")
    assert [(c, left) for c in cells if (left := allowed.foreign(c))] == []
    for word in ENGINE_WORDS:
        assert not [c for c in cells if word in c], word
    assert [c for c in cells if INTERVAL.search(c)] == []


# --- it prints legibly ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_it_prints_on_a4_landscape_at_a_legible_size(sheets: dict[str, Worksheet], lang: str) -> None:
    ws = sheets[lang]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$1:$2" and ws.freeze_panes == "A3"
    # Fitted to the page width, but the columns (142 characters with Excel's padding of 0.71
    # each, 7 pixels a character: 1,034 pixels) fit A4 landscape between 0.4" margins
    # (10.89" = 1,045 pixels) at full size, so the fit never shrinks the text.
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGH"]
    assert sum(WIDTHS) == 142 and sum(widths) * 7 <= 1045
    sizes = {c.font.sz for r in ws.iter_rows() for c in r if c.value is not None}
    assert min(sizes) >= 8
    # Long notes wrap onto as many lines as they need.
    note = next(c for r in ws.iter_rows() for c in r if c.value == RESPONSE_NOTE)
    # Two lines of 15 points and 2 to spare, which Excel stores as 32.25 (its rows step by 0.75).
    assert note.alignment.wrap_text and ws.row_dimensions[note.row].height == 32.25


def test_every_page_of_a_table_starts_with_its_headers(sheets: dict[str, Worksheet]) -> None:
    """Each page break falls between KPIs or before a section; a table continued on the next page
    repeats its title and column headers there, and each page holds what the page holds."""
    ws = sheets["zh"]
    data = rows(ws)
    breaks = [b.id for b in ws.row_breaks.brk]
    appendix = next(i for i, r in enumerate(data) if r[0] == APPENDIX["zh"])
    assert breaks[-1] == appendix
    for row in breaks:
        first = data[row][0]
        if first.endswith("（续）"):
            assert first in ("考核表：试用期（续）", "考核表：正式（续）")
            assert data[row + 1] == HEADERS["zh"]
            assert data[row + 2][0] is not None  # a KPI's first row
        else:
            assert first in (
                "考核表：试用期",
                "考核表：正式",
                "等级",
                "系数（按级别和等级）",
                "各级别待遇",
                "质检抽样（每月抽查哪些会话）",
                APPENDIX["zh"],
            )
    # The two title rows print at the top of every page too.
    titles = (ws.row_dimensions[1].height or 15.0) + (ws.row_dimensions[2].height or 15.0)
    assert titles < 40
    pages = [2, *breaks]
    for top, bottom in itertools.pairwise(pages):
        height = sum(ws.row_dimensions[r + 1].height or 15.0 for r in range(top, bottom))
        assert height <= PAGE_HEIGHT - titles, (top, bottom, height)


@pytest.mark.parametrize(
    ("text", "width", "style", "lines"),
    [
        ("45–80 秒（不含 45 秒）", 24, {}, 1),  # 5 + 0.5 + 2.1 × 6 + 2 + 0.5 × 2 = 21.1 ≤ 23.5
        ("测" * 10, 22, {}, 1),  # 21 ≤ 21.5
        ("测" * 11, 22, {}, 2),  # 23.1 > 21.5
        ("a" * 30, 20, {}, 2),  # one word of 27 is cut at 19.5
        ("aaaa " * 5, 12, {}, 3),  # 3.6 + 0.5 a word: two words a line
        ("AAAA", 4, {"bold": True}, 2),  # 4 × 1.1 × 1.1 = 4.84 > 3.5
        ("first\nsecond", 20, {}, 2),
    ],
)
def test_wrapped_lines(text: str, width: float, style: dict[str, Any], lines: int) -> None:
    assert wrapped(text, width, style) == lines


# --- other rules: rank, linear and per-unit KPIs, relative grades, a profile ---------------------


def test_kpis_scored_without_bands_say_their_rule(tmp_path: Path) -> None:
    rules = load_rules("multi", profile="重服务")
    path = write_workbook(sample_month(), [], rules, tmp_path / "multi.xlsx")
    data = [trimmed(r) for r in rows(openpyxl.load_workbook(path).worksheets[-1])]
    assert data[:2] == [["考核规则：多维度考核（重服务）"], [f"版本 {rules.hash}（csreport 自带规则）"]]
    assert ["多维度", "所有人"] in data
    assert ["已应用的权重方案", "重服务（提高响应时长、态度和满意率的权重）"] in data
    assert ["工作量（询单人数）", "15 分", "询单人数", "按组内排名：满分 × 超过的同组比例"] in data
    assert [
        "客户满意率",
        "15 分",
        "客户满意率（按接待人数加权的月平均）",
        "80%时得 0 分，100%时得 15 分，之间按比例",
    ] in data
    assert [None, None, None, "没有数据时不计此项，其余指标按比例折算到满分"] in data
    assert ["迟到早退扣分", "扣分项", "迟到次数 + 早退次数", "每 1 次扣 1 分，最多扣 5 分"] in data
    assert [None, None, None, "旷工天数 ≥ 3", "否决", "当月旷工 3 天及以上"] in data
    assert [None, None, None, "抽查数少于 5 条时记为缺数据"] in data
    assert ["A", "优秀", "总分 ≥ 满分的 90%（满分 115 时为 103.5）"] in data


# --- csreport rules show ---------------------------------------------------------------------------


def test_rules_show_uses_the_same_words() -> None:
    zh = show_rules(STANDARD).splitlines()
    assert zh[:9] == [
        f"标准考核  版本 {STANDARD.hash}（csreport 自带规则）",
        "",
        "== 考核表：试用期 ==",
        "   适用于：岗位状态 = 试用期",
        "   满分：100 分",
        "   总分门槛：总分 ≤ 60 → 不予上岗",
        "   再培训：不予上岗后最多再培训 2 次",
        "   说明：实操实习期考核。总分 ≤ 60 不予上岗，需再次培训，最多培训 2 次。",
        " - 平均响应时长（满分 20 分）  计算方式：平均响应时长（按接待人数加权的月平均）",
    ]
    start = zh.index(" - 差错（满分 30 分）  计算方式：同类差错最多次数")
    # Bands padded to 20 console columns (a CJK character takes two), results to the widest,
    # "否决：同类差错重复 3 次及以上" (29), then three spaces before the source wording.
    assert zh[start + 1 : start + 7] == [
        "     0 次" + " " * 16 + " → 30 分" + " " * 27 + "原表写法：无原则解答差错",
        "     1–2 次" + " " * 14 + " → 10 分" + " " * 27 + "原表写法：同类差错<=2次",
        "     ≥ 3 次" + " " * 14 + " → 否决：同类差错重复 3 次及以上   原表写法：同类差错重复>=3次",
        "     店铺风险数 > 0" + " " * 6 + " → 否决：差错导致店铺风险",
        "     说明：抽查数少于 1 条时记为缺数据",
        "     说明：" + ERRORS_NOTE,
    ]
    start = zh.index("等级")
    assert zh[start : start + 6] == [
        "等级",
        "   A 优秀：总分 ≥ 90",
        "   B 良好：总分 ≥ 80",
        "   C 合格：总分 ≥ 60",
        "   D：不予上岗，或总分低于以上各等级",
        "   缺数据的客服不评等级，也没有系数。",
    ]
    # Level names padded to the longest, 特殊技能新员工 (14 columns); each 系数 right-aligned in 7.
    assert "   组长" + " " * 10 + "   1.40   1.25   1.05   0.60" in zh
    assert "   组长：年假天数 10；住房补贴 600 元/月；旅游 每年 1 次" in zh
    en = show_rules(STANDARD, "en").splitlines()
    start = en.index(" - Reply rate (maximum 20 pts)  calculation: Customers replied ÷ Customers who asked")
    # The widest band (27 columns) sets the padding; the widest result is the veto's, "veto: Reply
    # rate below 90%" (26).
    assert en[start + 1 : start + 3] == [
        "     ≥ 98%" + " " * 22 + " → 20 pts" + " " * 23 + "source text: 回复率>=98%",
        "     95%–98% (not including 98%) → 15 pts" + " " * 23 + "source text: 98%>回复率>=95%",
    ]
    # Words in place of ids and interval notation, in both languages (the source wording, after
    # its label, is the table's own).
    for text in (zh, en):
        said = [line.split("原表写法：")[0].split("source text:")[0] for line in text]
        assert [line for line in said if INTERVAL.search(line)] == []
        for word in ENGINE_WORDS:
            assert not [line for line in said if word in line], word


def test_rules_show_from_the_command_line() -> None:
    result = CliRunner().invoke(main, ["rules", "show", "标准", "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:4] == [
        "== Table: Probation ==",
        "   Applies to: Post status = 试用期",
    ]
    assert "     Shop-risk errors > 0 → veto: An error exposed the shop to risk\n" in result.stdout
