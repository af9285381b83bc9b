"""The ``sampling:`` block in the HR rules workbook: its 抽样规则 sheet carries the block both ways.

Export then import gives the same block in either language; what HR edits (a rate typed into
the percent cell, a dropdown, a fixed number, shares, the top-up order, error types added and
removed) reads back as meant; every bad cell is named by sheet, row, column and header; a
workbook exported before the sheet existed imports as it did (no block).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.serialize import rules_equal
from csreport.rules.workbook.parse import WorkbookProblems
from csreport.rules.workbook.transfer import export_rules, import_workbook, lint_workbook, read_rules_workbook
from tests.test_rules_sampling import STANDARD, TABLE, VARIANTS

SHEET = {"zh": "抽样规则", "en": "QA sampling"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_export_then_import_gives_the_same_block(name: str, lang: str, tmp_path: Path) -> None:
    rules = parse_rules(TABLE + VARIANTS[name])
    read = read_rules_workbook(export_rules(rules, tmp_path / "r.xlsx", lang)).rules
    assert read.sampling == rules.sampling
    assert rules_equal(read, rules)


def test_the_presets_block_survives_the_workbook(tmp_path: Path) -> None:
    for lang in ("zh", "en"):
        path = export_rules(load_rules("standard"), tmp_path / f"{lang}.xlsx", lang)
        assert read_rules_workbook(path).rules.sampling == STANDARD


def test_a_workbook_without_the_sheet_imports_as_before(tmp_path: Path) -> None:
    """Workbooks exported before the 抽样规则 sheet existed have no sampling block."""
    path = export_rules(load_rules("standard"), tmp_path / "规则.xlsx")
    book = openpyxl.load_workbook(path)
    del book["抽样规则"]
    book.save(path)
    rules = read_rules_workbook(path).rules
    assert rules.sampling is None
    assert rules_equal(rules, parse_rules(load_rules("standard").text.split("\nsampling:")[0] + "\n"))
    # Rules without a block export no such sheet, nor its paragraph on 说明.
    plain = openpyxl.load_workbook(export_rules(parse_rules(TABLE), tmp_path / "plain.xlsx"))
    assert "抽样规则" not in plain.sheetnames
    assert "抽样规则" not in [c.value for c in plain["说明"]["A"]]


def test_what_hr_edits_reads_back_as_meant(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "规则.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["抽样规则"]
    ws["B10"] = 0.03  # 3% typed into the percent cell
    ws["B11"] = "可抽会话"  # the dropdown
    ws["B13"] = None  # no maximum written: the standard's 30
    ws["B15"] = "不抽"
    ws["B16"] = 2
    ws["B19"], ws["B20"] = "5%", 0.15  # shares typed as text and as a number
    ws["C19"], ws["C22"] = 6, None  # 非常满意 last, 不满意 out of the top-up order
    ws["A28"] = None  # 漏答/未回复 removed, one type added below the list
    ws["A34"] = "商品信息错误"
    book.save(path)
    got = read_rules_workbook(path).rules.sampling
    assert got is not None
    assert (got.rate, got.of, got.minimum, got.maximum, got.fixed) == (
        Fraction(3, 100),
        "可抽会话",
        5,
        30,
        None,
    )
    assert got.unrated == "exclude" and got.min_messages == 2
    assert got.mix[:2] == (("非常满意", Fraction(1, 20)), ("满意", Fraction(3, 20)))
    assert got.shortfall == ("非常不满意", "一般", "满意", "非常满意")
    assert got.error_types == (
        "答复错误",
        "流程不规范",
        "推荐错误",
        "优惠解释错误",
        "态度问题",
        "其他",
        "商品信息错误",
    )


def test_a_fixed_number_replaces_the_rate(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx", "en")
    book = openpyxl.load_workbook(path)
    ws = book["QA sampling"]
    for cell in ("B10", "B11", "B12", "B13"):
        ws[cell] = None
    ws["B14"] = 10
    ws["B15"] = "own stratum (未评价)"
    # Shares (column C in English): 满意 50%, 一般 and 不满意 0%, 未评价 10% as a stratum of its own.
    ws["C20"], ws["C21"], ws["C22"], ws["C24"] = 0.5, 0, 0, 0.1
    book.save(path)
    got = read_rules_workbook(path).rules.sampling
    assert got is not None
    assert (got.rate, got.fixed, got.minimum, got.maximum) == (None, 10, 10, 10)
    assert got.unrated == "未评价"
    assert got.mix == (
        ("非常满意", Fraction(1, 10)),
        ("满意", Fraction(1, 2)),
        ("一般", Fraction(0)),
        ("不满意", Fraction(0)),
        ("非常不满意", Fraction(3, 10)),
        ("未评价", Fraction(1, 10)),
    )


def problems(path: Path) -> tuple[str, str]:
    with pytest.raises(WorkbookProblems) as caught:
        read_rules_workbook(path)
    return caught.value.message("zh"), caught.value.message("en")


def test_bad_cells_are_named(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "规则.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["抽样规则"]
    ws["B10"] = "两成"
    ws["B11"] = "客户数"
    ws["B14"] = 8  # a fixed number beside the rate's bounds
    ws["C20"] = 1  # the same top-up order as 非常不满意
    ws["A22"] = "满意"  # a stratum twice
    book.save(path)
    zh, en = problems(path)
    assert zh == (
        f"{path} 有 6 处问题：\n"
        f"  {path} 工作表「抽样规则」第 10 行 B 列（抽查比例）：「两成」不是数字\n"
        f"  {path} 工作表「抽样规则」第 11 行 B 列（比例的基数）："
        "「客户数」不是可选的值（接待人数 / 可抽会话）\n"
        f"  {path} 工作表「抽样规则」第 12 行 B 列（最少条数）：填了固定条数（8 条）时，这一项要空着："
        "按比例抽查请清空固定条数\n"
        f"  {path} 工作表「抽样规则」第 13 行 B 列（最多条数）：填了固定条数（8 条）时，这一项要空着："
        "按比例抽查请清空固定条数\n"
        f"  {path} 工作表「抽样规则」第 22 行 A 列（满意度）：满意度「满意」出现了两行（另见第 20 行）\n"
        f"  {path} 工作表「抽样规则」第 23 行 C 列（补足顺序（1 = 最先））："
        "补足顺序 1 出现了两次（另见第 20 行）"
    )
    assert en.splitlines()[2] == (
        f"  {path} sheet '抽样规则' row 11, column B (比例的基数): '客户数' is not one of "
        "sessions received (接待人数) / eligible chats (可抽会话)"
    )


def test_the_loaders_errors_point_at_the_cells(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "规则.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["抽样规则"]
    ws["B10"] = 2  # 200%: the percent format was lost
    ws["A21"] = "很满意"
    book.save(path)
    zh, en = problems(path)
    assert zh == (
        f"{path} 有 3 处问题：\n"
        f"  {path} 工作表「抽样规则」第 10 行 B 列（抽查比例）：抽查比例「200%」应大于 0 且不超过 100%"
        "（百分比请带 %，如 2%）\n"
        f"  {path} 工作表「抽样规则」第 21 行 B 列（比例）："
        "「很满意」不是满意度：只能写 非常满意、满意、一般、不满意、非常不满意、未评价\n"
        f"  {path} 工作表「抽样规则」第 21 行 C 列（补足顺序（1 = 最先））：「很满意」不是可以补足的层："
        "只能写 非常满意、满意、一般、不满意、非常不满意"
    )
    assert en.splitlines()[1] == (
        f"  {path} sheet '抽样规则' row 10, column B (抽查比例): the rate '200%' should be above 0 and at "
        "most 100% (write a percentage with %, e.g. 2%)"
    )
    book = openpyxl.load_workbook(path)
    ws = book["抽样规则"]
    ws["B10"], ws["A21"], ws["B21"] = 0.02, "一般", 0.25
    book.save(path)
    zh, _ = problems(path)
    assert zh == f"{path} 工作表「抽样规则」第 18 行 B 列（比例）：各满意度的比例相加为 95%，应正好是 100%"
    for cell in ("B19", "B20", "B21", "B22", "B23"):
        ws[cell] = None
    book.save(path)
    zh, _ = problems(path)
    assert zh == (
        f"{path} 工作表「抽样规则」第 18 行 B 列（比例）："
        "没有填任何满意度的比例：至少给一层比例，各层相加为 100%"
    )


def test_lint_findings_point_at_their_cells(tmp_path: Path) -> None:
    path = export_rules(load_rules("standard"), tmp_path / "规则.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["抽样规则"]
    ws["B19"], ws["B21"] = 0, 0.4  # 非常满意 0%, 一般 40%
    ws["C23"] = None  # 非常不满意 out of the top-up order
    book.save(path)
    found = lint_workbook(read_rules_workbook(path))
    assert [(f.code, cell.words().zh if cell else None) for f, cell in found] == [
        ("sampling_no_share", "工作表「抽样规则」第 19 行 B 列（比例）"),
        ("sampling_shortfall_missing", "工作表「抽样规则」第 18 行 C 列（补足顺序（1 = 最先））"),
    ]
    # Warnings only: the workbook imports, and the YAML has the block as edited.
    rules, warnings = import_workbook(path, tmp_path / "规则.yaml")
    assert len(warnings) == 2 and rules.sampling is not None
    text = (tmp_path / "规则.yaml").read_text("utf-8")
    assert "  mix: {非常满意: 0%, 满意: 10%, 一般: 40%, 不满意: 20%, 非常不满意: 30%}\n" in text
    assert "  shortfall: [不满意, 一般, 满意, 非常满意]\n" in text
