"""The ``promotion:`` block and a table's ``retrain_limit``: read, checked, shown and carried
through the rules workbook.

Hand-written rules files for every error (exact message in both languages, with its line); the
standard preset's example thresholds and probation limit; the linter's findings on a block that
can never suggest anything; the words ``rules show`` and the 规则 sheet use; the workbook's round
trip and what an edited 级别升降 or 生效月份 cell reads back as.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from csreport.outputs.xlsx.workbook import write_workbook
from csreport.problems import CsreportError
from csreport.rules.lint import lint
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.model import Promotion, PromotionRule
from csreport.rules.serialize import dump_rules_yaml, rules_equal
from csreport.rules.show import show_rules
from csreport.rules.workbook.parse import WorkbookProblems
from csreport.rules.workbook.transfer import export_rules, read_rules_workbook
from tests.test_rules_sheet import rows, sample_month, trimmed

TABLE = """name: t
tables:
  - id: t
    name: 表
    total: 100
    kpis:
      - {id: k, name: 指标, weight: 100, input: late, unit: count, bands: [{range: "[0, inf)", points: 100}]}
"""
LEVELS = "levels: [{name: 新员工}, {name: 老员工}]\n"


def refused(text: str) -> tuple[str, str]:
    """The loader's message for ``text`` in Chinese and in English."""
    with pytest.raises(CsreportError) as caught:
        parse_rules(text, source="r.yaml")
    return caught.value.message("zh"), caught.value.message("en")


# ---- the preset ----------------------------------------------------------------------------------


def test_the_standard_preset_has_example_thresholds_and_the_probation_limit() -> None:
    rules = load_rules("standard")
    assert rules.promotion == Promotion(
        up=PromotionRule(min_months=6, min_average=85, max_vetoes=0), down=PromotionRule(min_vetoes=2)
    )
    assert [(t.id, t.retrain_limit) for t in rules.tables] == [("probation", 2), ("regular", None)]
    assert [(t.id, t.retrain_limit) for t in load_rules("literal").tables] == [
        ("probation", 2),
        ("regular", None),
    ]
    assert load_rules("multi").promotion is None
    assert lint(rules) == []  # the example block is sound


# ---- promotion: --------------------------------------------------------------------------------


def test_a_promotion_block_is_read() -> None:
    rules = parse_rules(
        TABLE
        + LEVELS
        + "promotion:\n  up: {min_months: 5, min_average: 82.5, min_tenure_months: 12}\n"
        + "  down: {max_average: 60}\n"
    )
    assert rules.promotion == Promotion(
        up=PromotionRule(min_months=5, min_average=82.5, min_tenure_months=12),
        down=PromotionRule(max_average=60),
    )
    only_down = parse_rules(TABLE + "promotion:\n  down: {min_vetoes: 3}\n").promotion
    assert only_down == Promotion(up=None, down=PromotionRule(min_vetoes=3))
    assert parse_rules(TABLE + "promotion:\n").promotion is None  # an empty key says nothing


@pytest.mark.parametrize(
    "block,line,path,zh,en",
    [
        (
            "promotion: [6, 85]\n",
            9,
            "promotion",
            "晋级规则应写出 up（晋升一级的条件）和/或 down（降低一级的条件）",
            "promotion needs up (when to move up one level) and/or down (when to move down one)",
        ),
        (
            "promotion:\n  sideways: {min_months: 6}\n",
            10,
            "promotion.sideways",
            "「sideways」不是可用的项：只能写 up（晋升一级）或 down（降低一级）",
            "'sideways' is not allowed here: write up (one level up) or down (one level down)",
        ),
        (
            "promotion:\n  up: {}\n",
            10,
            "promotion.up",
            "晋级条件应为键值结构，至少写一个条件：min_months, min_average, max_average, min_vetoes, "
            "max_vetoes, min_tenure_months",
            "a promotion rule must be a mapping with at least one condition: min_months, min_average, "
            "max_average, min_vetoes, max_vetoes, min_tenure_months",
        ),
        (
            "promotion:\n  up:\n    min_months: 6\n    min_score: 85\n",
            12,
            "promotion.up.min_score",
            "「min_score」不是晋级条件：可用的有 min_months, min_average, max_average, min_vetoes, "
            "max_vetoes, min_tenure_months",
            "'min_score' is not a promotion condition: use min_months, min_average, max_average, "
            "min_vetoes, max_vetoes, min_tenure_months",
        ),
        (
            "promotion:\n  up: {min_average: 八十五}\n",
            10,
            "promotion.up.min_average",
            "「八十五」应为数字",
            "'八十五' should be a number",
        ),
        (
            "promotion:\n  down:\n    min_vetoes: -1\n",
            11,
            "promotion.down.min_vetoes",
            "「-1」应为不小于 0 的整数",
            "'-1' should be a whole number, 0 or more",
        ),
        (
            "promotion:\n  up:\n    min_months: 5.5\n",
            11,
            "promotion.up.min_months",
            "「5.5」应为不小于 0 的整数",
            "'5.5' should be a whole number, 0 or more",
        ),
    ],
)
def test_a_bad_promotion_block_names_key_and_line(block: str, line: int, path: str, zh: str, en: str) -> None:
    assert refused(TABLE + LEVELS + block) == (
        f"规则文件 r.yaml 第 {line} 行，{path}：{zh}",
        f"Rules file r.yaml line {line}, {path}: {en}",
    )


# ---- retrain_limit ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-2", "1.5", "两次", "true"])
def test_a_bad_retrain_limit_names_key_and_line(value: str) -> None:
    shown = {"true": "True"}.get(value, value)
    text = TABLE.replace("    total: 100\n", f"    total: 100\n    retrain_limit: {value}\n")
    assert refused(text) == (
        f"规则文件 r.yaml 第 6 行，tables[0].retrain_limit：「{shown}」应为不小于 1 的整数"
        "（不予上岗后最多再培训的次数）",
        f"Rules file r.yaml line 6, tables[0].retrain_limit: '{shown}' should be a whole number of at "
        "least 1 (how many times a not-cleared agent may retrain)",
    )


def test_retrain_limit_is_read() -> None:
    text = TABLE.replace("    total: 100\n", "    total: 100\n    retrain_limit: 1\n")
    assert parse_rules(text).tables[0].retrain_limit == 1
    assert parse_rules(TABLE).tables[0].retrain_limit is None


# ---- lint ------------------------------------------------------------------------------------------


def findings(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.code, f.path, f.text("zh"), f.text("en")) for f in lint(parse_rules(text))]


def test_a_promotion_block_without_a_ladder_is_a_finding() -> None:
    assert findings(TABLE + "promotion:\n  down: {min_vetoes: 2}\n") == [
        (
            "promotion_no_levels",
            "promotion",
            "写了晋级规则（promotion），却没有级别阶梯（levels）：无法建议升到或降到哪一级",
            "there is a promotion block but no level ladder (levels): no level can be suggested",
        )
    ]


def test_conditions_that_never_hold_are_findings() -> None:
    text = (
        TABLE
        + LEVELS
        + "promotion:\n  up: {min_average: 101, max_average: 95}\n  down: {min_vetoes: 3, max_vetoes: 1}\n"
    )
    assert findings(text) == [
        (
            "promotion_average_high",
            "promotion.up.min_average",
            "晋升一级要求平均总分 ≥ 101，高于每张考核表的满分（最高 100）：永远不会成立",
            "Moving up one level (级别) needs an average total ≥ 101, above every table's maximum (100 at "
            "most): it never holds",
        ),
        (
            "promotion_never_average",
            "promotion.up.max_average",
            "晋升一级要求平均总分 ≥ 101 且 ≤ 95：永远不会成立",
            "Moving up one level (级别) needs an average total ≥ 101 and ≤ 95: it never holds",
        ),
        (
            "promotion_never_vetoes",
            "promotion.down.max_vetoes",
            "降低一级要求否决 ≥ 3 次且 ≤ 1 次：永远不会成立",
            "Moving down one level (级别) needs ≥ 3 and ≤ 1 vetoed months: it never holds",
        ),
    ]
    # An average up to the table's maximum can hold; so can equal bounds.
    assert findings(TABLE + LEVELS + "promotion:\n  up: {min_average: 100, max_average: 100}\n") == []


# ---- in words ------------------------------------------------------------------------------------


def test_rules_show_says_the_thresholds_in_words() -> None:
    zh = show_rules(load_rules("standard")).splitlines()
    start = zh.index("级别升降（半年评审的建议）")
    assert zh[start + 1 : start + 3] == [
        "   晋升一级：至少 6 个月有总分，平均总分 ≥ 85 分，否决 0 次",
        "   降低一级：否决 ≥ 2 次",
    ]
    assert "   再培训：不予上岗后最多再培训 2 次" in zh
    en = show_rules(load_rules("standard"), "en").splitlines()
    start = en.index("Level (级别) review: moving up or down")
    assert en[start + 1 : start + 3] == [
        "   Up one level (级别): months with a total ≥ 6, average total ≥ 85, no vetoed (否决) month",
        "   Down one level (级别): vetoed (否决) months ≥ 2",
    ]
    assert "   Retraining: At most 2 times after not being cleared (不予上岗)" in en
    other = parse_rules(
        TABLE.replace("    total: 100\n", "    total: 100\n    retrain_limit: 1\n")
        + LEVELS
        + "promotion:\n  up: {max_vetoes: 1, min_tenure_months: 12}\n  down: {max_average: 60}\n"
    )
    zh = show_rules(other).splitlines()
    assert "   再培训：不予上岗后最多再培训 1 次" in zh
    assert zh[-4:-1] == [
        "级别升降（半年评审的建议）",
        "   晋升一级：否决 ≤ 1 次，入职满 12 个月",
        "   降低一级：平均总分 ≤ 60 分",
    ]
    en = show_rules(other, "en").splitlines()
    assert "   Retraining: At most once after not being cleared (不予上岗)" in en
    assert en[-3:-1] == [
        "   Up one level (级别): vetoed (否决) months ≤ 1, months since the hire date ≥ 12",
        "   Down one level (级别): average total ≤ 60",
    ]


def test_the_rules_sheet_says_them_too(tmp_path: Path) -> None:
    rules = parse_rules(
        "effective_from: 2026-07\n" + load_rules("standard").text.split("\n", 1)[1], source="规则/七月.yaml"
    )
    cases: tuple[tuple[str, str, list[list[Any]]], ...] = (
        (
            "zh",
            f"版本 {rules.hash}（规则文件 规则/七月.yaml）；生效月份：2026-07 起",
            [
                ["级别升降（半年评审的建议）"],
                ["晋升一级", None, "至少 6 个月有总分，平均总分 ≥ 85 分，否决 0 次"],
                ["降低一级", None, "否决 ≥ 2 次"],
            ],
        ),
        (
            "en",
            f"version {rules.hash} (rules file 规则/七月.yaml); In force from 2026-07",
            [
                ["Level (级别) review: moving up or down"],
                [
                    "Up one level (级别)",
                    None,
                    "months with a total ≥ 6, average total ≥ 85, no vetoed (否决) month",
                ],
                ["Down one level (级别)", None, "vetoed (否决) months ≥ 2"],
            ],
        ),
    )
    for lang, identity, moves in cases:
        path = write_workbook(sample_month(), [], rules, tmp_path / f"{lang}.xlsx", lang=lang)
        data = [trimmed(r) for r in rows(openpyxl.load_workbook(path).worksheets[-1])]
        assert data[1] == [identity]
        start = data.index(moves[0])
        assert data[start : start + 3] == moves
        assert data[start + 3][0].startswith(
            ("按评审期间（约半年）的各月计算", "Counted over the review period")
        )
        retrain = {
            "zh": ["再培训", "不予上岗后最多再培训 2 次"],
            "en": ["Retraining", "At most 2 times after not being cleared (不予上岗)"],
        }
        assert retrain[lang] in data


# ---- the rules workbook ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_carries_month_limit_and_thresholds(lang: str, tmp_path: Path) -> None:
    text = (
        "name: t\neffective_from: 2026-07\n"
        + TABLE.split("\n", 1)[1].replace("    total: 100\n", "    total: 100\n    retrain_limit: 3\n")
        + LEVELS
        + "promotion:\n  up: {min_months: 4, min_average: 87.5, max_average: 99, min_tenure_months: 6}\n"
        + "  down: {min_vetoes: 1, max_vetoes: 5}\n"
    )
    rules = parse_rules(text)
    read = read_rules_workbook(export_rules(rules, tmp_path / "r.xlsx", lang)).rules
    assert rules_equal(read, rules)
    assert (read.effective_from, read.tables[0].retrain_limit) == ("2026-07", 3)
    assert read.promotion == rules.promotion
    assert rules_equal(parse_rules(dump_rules_yaml(rules)), rules)
    assert "effective_from: 2026-07\n" in dump_rules_yaml(rules)
    assert "  down: {min_vetoes: 1, max_vetoes: 5}\n" in dump_rules_yaml(rules)


def test_edited_workbook_cells(tmp_path: Path) -> None:
    """HR types a month (Excel makes it a date), clears the limit, drops the up row, adds a row."""
    path = export_rules(load_rules("standard"), tmp_path / "规则.xlsx")
    book = openpyxl.load_workbook(path)
    book["说明"]["B3"] = dt.datetime(2026, 7, 1)
    book["试用期"]["B6"] = None
    review = book["级别升降"]
    review.delete_rows(2)
    review["A3"], review["C3"] = "晋升一级", 90
    book.save(path)
    rules = read_rules_workbook(path).rules
    assert (rules.effective_from, rules.tables[0].retrain_limit) == ("2026-07", None)
    assert rules.promotion == Promotion(up=PromotionRule(min_average=90), down=PromotionRule(min_vetoes=2))


def test_bad_workbook_cells_are_named(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "规则.xlsx")
    book = openpyxl.load_workbook(path)
    book["说明"]["B3"] = dt.datetime(2026, 7, 15)
    book["试用期"]["B6"] = 0
    review = book["级别升降"]
    review["A3"] = "晋升一级"
    book.save(path)
    with pytest.raises(WorkbookProblems) as caught:
        read_rules_workbook(path)
    assert caught.value.message("zh") == (
        f"{path} 工作表「级别升降」第 3 行 A 列（升降）：「晋升一级」出现了两行（另见第 2 行）："
        "每种升降只写一行条件"
    )
    review["A3"] = "降低一级"
    book.save(path)
    with pytest.raises(WorkbookProblems) as caught:
        read_rules_workbook(path)
    assert caught.value.message("zh") == (
        f"{path} 有 2 处问题：\n"
        f"  {path} 工作表「说明」第 3 行 B 列（生效月份（年-月，如 2026-07；空着 = 一直有效））："
        "「2026-07-15」不是月份：请写成 年-月，如 2026-07\n"
        f"  {path} 工作表「试用期」第 6 行 B 列（最多再培训次数）："
        "「0」应为不小于 1 的整数（不予上岗后最多再培训的次数）"
    )
