"""The 晋级评审 workbook re-read whole with openpyxl, in Chinese and English, and the review
PDFs' text, for the hand-computed review of ``test_review_scoring``."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from csreport.messages import both
from csreport.outputs.pdf.review import render_review_cards, totals_line
from csreport.outputs.xlsx.review import write_review_workbook
from csreport.rules.show import conditions_words
from tests.test_review_scoring import DOWN, UP, review_fixture
from tests.weasy_logs import weasyprint_warnings

ZH_HEADER = [
    "工号", "姓名", "组别", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    "平均", "最低", "趋势（分/月）", "否决次数", "质检合格率", "出勤天数", "迟到次数", "早退次数", "请假天数",
    "旷工天数", "司龄（月）", "面谈评定", "最近改进计划", "当前级别", "建议级别", "建议依据",
    "技能", "岗位重要性", "日常表现", "最终级别", "说明",
]  # fmt: skip
EN_HEADER = [
    "Agent\nID (工号)", "Name", "Group", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    "Average", "Lowest", "Trend (pts/month)", "Vetoes (否决)", "QA pass rate", "Days present", "Times late",
    "Times left early", "Days on leave", "Days absent", "Tenure (months)", "Interview judgements",
    "Latest improvement plan", "Current\nlevel (级别)", "Suggested level", "Why suggested",
    "Skills", "Role importance", "Daily conduct", "Final level", "Note",
]  # fmt: skip
BLANK5 = [None] * 5


def _values(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("review")
    review = review_fixture()
    return {
        lang: write_review_workbook(review, folder / f"晋级评审_{lang}.xlsx", lang=lang, shop="花花小店")
        for lang in ("zh", "en")
    }


def test_the_chinese_workbook_whole(books: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(books["zh"])
    assert wb.sheetnames == ["晋级评审", "评审规则"]
    ws = wb["晋级评审"]
    rows = _values(ws)
    assert rows[0][0] == "花花小店 晋级评审 2026-05 – 2026-10"
    assert rows[1][0] == (
        "灰色列由 csreport 计算；白色列由店长填写。最终级别留空表示不"
        "调整；填好后运行 csreport review --apply 读回。"
    )
    assert rows[2] == ZH_HEADER
    up = "6 个月有总分 ≥ 5 个月，6 个月平均 87.5 分 ≥ 85 分，否决 0 次 ≤ 0 次 → 升一级"
    assert rows[3:] == [
        ["999", "李四", "一组", 90, 70, 88, 60, 86, 89, 80.5, 60, 0.428571, 2, 0.833333, None, None, None,
         None, None, 6, "2026-06 B（流量）", None, "组长", "老员工", "否决 2 次 ≥ 2 次 → 降一级", *BLANK5],
        ["1001", "张三", "一组", 84, 86, 88, 90, 87, 90, 87.5, 84, 1, 0, 1, 132, 6, 0, 6, 0, 31,
         "2026-07 B（促销）\n2026-09 A", "保持", "老员工", "组长", up, *BLANK5],
        ["1002", "孙七", "一组", None, None, 90, 92, 94, 96, 93, 90, 2, 0, 1, None, None, None, None, None, 3,
         None, None, "老员工", "老员工", "4 个月有总分 < 5 个月 → 保持", *BLANK5],
        ["1003", "钱九", "一组", 80, 80, 80, 80, 80, 80, 80, 80, 0, 0, None, None, None, None, None, None, 13,
         None, None, "老员工", "老员工", "6 个月平均 80 分 < 85 分 → 保持", *BLANK5],
        ["2001", "王五", "二组", 50, 40, None, 70, 72, 75, 61.4, 40, 6.674419, 2, None, None, None, None,
         None, None, None, None, None, "新员工", "新员工", "否决 2 次 ≥ 2 次 → 已是最低级别，保持", *BLANK5],
        ["2002", "赵六", "二组", 95, 96, 97, 98, 99, 100, 97.5, 95, 1, 0, 1, None, None, None, None, None, 82,
         None, None, "公司高层", "公司高层",
         "6 个月有总分 ≥ 5 个月，6 个月平均 97.5 分 ≥ 85 分，否决 0 次 ≤ 0 次 → 已是最高级别，保持", *BLANK5],
        ["3001", "周八", None, 88, 88, 88, 90, None, 91, 89, 88, 0.675676, 0, 1, None, None, None, None, None,
         None, None, None, "实习生", None, "级别「实习生」不在规则的级别阶梯上，无法建议", *BLANK5],
    ]  # fmt: skip
    assert ws.freeze_panes == "C4"
    assert ws.print_title_rows == "$1:$3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # None: 1, the default
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert all(not ws.column_dimensions[c].hidden for c in ws.column_dimensions)
    assert ws["L5"].number_format == "+0.00;-0.00;0.00"
    assert ws["N4"].number_format == "0.0%"
    # 最终级别 (AC) picks from the ladder
    [dv] = ws.data_validations.dataValidation
    assert str(dv.sqref) == "AC4:AC10"
    assert dv.type == "list"
    assert dv.formula1 == '"新员工,特殊技能新员工,老员工,组长,部门主管,部门经理,公司高层"'
    # grey columns are filled, the manager's are white and unlocked
    assert ws["Y4"].fill.fgColor.rgb.endswith("E7E6E6")
    assert ws["AC4"].fill.fgColor.rgb.endswith("FFFFFF")
    assert ws["AC4"].protection.locked is False


def test_the_chinese_rules_sheet(books: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(books["zh"])["评审规则"]
    texts = [r[0] for r in _values(ws) if r[0] is not None]
    assert texts[:9] == [
        "晋级评审规则 2026-05 – 2026-10",
        "规则：标准考核 #" + str(texts[1]).split("#")[1],
        # the promotion block as the rules' own sheet words it (rules.show, tested there)
        f"{both('rules_sheet.promotion.up').zh}：{conditions_words(UP).zh}",
        f"{both('rules_sheet.promotion.down').zh}：{conditions_words(DOWN).zh}",
        "先检查降级：同时满足升、降两组条件的客服建议降一级。每组条件须全部满足。",
        "级别阶梯（由低到高）",
        "级别",
        "新员工",
        "特殊技能新员工",
    ]
    assert (
        "趋势：各月总分的线性回归斜率，即平均每月升降多少分（正数为上升；少于 2 个月有总分时为空）。" in texts
    )


def test_the_english_workbook_has_english_labels(books: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(books["en"])
    assert wb.sheetnames == ["Level review", "Review rules"]
    ws = wb["Level review"]
    rows = _values(ws)
    assert rows[0][0] == "花花小店: Level review (晋级评审) 2026-05 – 2026-10"
    assert rows[2] == EN_HEADER
    zhang = rows[4]
    assert zhang[20] == "2026-07 B (Promotion)\n2026-09 A"
    assert zhang[24] == (
        "6 months with a total ≥ 5, average of 6 months 87"
        ".5 ≥ 85 pts, vetoes (否决) 0 ≤ 0 → up one level (级别)"
    )
    rules = [r[0] for r in _values(wb["Review rules"]) if r[0] is not None]
    assert rules[2:5] == [
        f"{both('rules_sheet.promotion.up').en}: {conditions_words(UP).en}",
        f"{both('rules_sheet.promotion.down').en}: {conditions_words(DOWN).en}",
        "Down is checked first: an agent meeting both is su"
        "ggested down. Every condition of a group must hold.",
    ]


def test_without_a_promotion_block_the_sheet_says_so_once(tmp_path: Path) -> None:
    path = write_review_workbook(review_fixture(None), tmp_path / "r.xlsx", lang="zh")
    rows = _values(openpyxl.load_workbook(path)["晋级评审"])
    assert rows[0][0] == "晋级评审 2026-05 – 2026-10"
    assert rows[2][0] == "规则中没有晋级条件（promotion:），不给出建议级别，由店长决定。"
    assert rows[3][0] == "工号"
    assert all(r[23] is None and r[24] is None for r in rows[4:])  # 建议级别, 建议依据


def test_the_line_leaves_gaps_open() -> None:
    svg = totals_line((50, 40, None, 70, 72, 75))
    assert svg.count("<polyline") == 2  # 05–06 and 08–10
    assert svg.count("<circle") == 5
    assert "<text" not in svg
    assert totals_line((None, None)) == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_pdf_per_agent_with_the_numbers(tmp_path: Path, lang: str) -> None:
    review = review_fixture()
    with weasyprint_warnings() as warnings:
        paths = render_review_cards(
            review, tmp_path / "cards", lang=lang, shop="花花小店", generated="2026-11-02 09:00"
        )
    assert warnings == []
    assert [p.name for p in paths] == [
        "999_李四.pdf", "1001_张三.pdf", "1002_孙七.pdf", "1003_钱九.pdf", "2001_王五.pdf", "2002_赵六.pdf",
        "3001_周八.pdf",
    ]  # fmt: skip
    pages = {p.name: PdfReader(p).pages for p in paths}
    assert all(len(found) == 1 for found in pages.values())
    text = " ".join(pages["1001_张三.pdf"][0].extract_text().split())
    if lang == "zh":
        for words in (
            "晋级评审", "评审期间 2026-05 – 2026-10", "1001", "张三", "一组", "2024-03-15", "31 个月",
            "84 86 88 90 87 90", "87.5", "+1.00", "100.0%", "6 / 6 个月合格", "132 6 0 6 0",
            "2026-07 B（促销）；2026-09 A", "保持", "老员工", "组长",
            "6 个月有总分 ≥ 5 个月，6 个月平均 87.5 分 ≥ 85 分，否决 0 次 ≤ 0 次 → 升一级",
            "技能", "岗位重要性", "日常表现", "最终级别", "员工签字", "店长签字",
        ):  # fmt: skip
            assert words in text, words
        wang = " ".join(pages["2001_王五.pdf"][0].extract_text().split())
        assert "50 40 — 70 72 75" in wang
        assert "61.4" in wang and "+6.67" in wang
    else:
        for words in (
            "Level review", "Review period 2026-05 – 2026-10", "Tenure (months) 31 months",
            "84 86 88 90 87 90",
            "6 / 6 months passed", "2026-07 B (Promotion); 2026-09 A", "Skills", "Role importance",
            "Daily conduct", "Final level", "Agent's signature", "Manager's signature",
        ):  # fmt: skip
            assert words in text, words
