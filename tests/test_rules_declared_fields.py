"""Rules that name a field the shop declares in its header mapping file (``fields:``).

Loaded with the mapping's vocabulary, a KPI input or a veto may name 三分钟回复率 like any
built-in aggregate; loaded without it, the file is refused with a line that lists the valid
names and says where such a field is declared. Lint, ``rules show`` and the rules workbook work
on such rules, and a weight profile keeps the vocabulary.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from csreport.cli.main import main
from csreport.fields import BUILTIN, DeclaredField, Vocabulary
from csreport.problems import CsreportError
from csreport.rules.formula import FormulaError, evaluate, parse
from csreport.rules.lint import lint
from csreport.rules.loader import apply_profile, load_rules, parse_rules
from csreport.rules.model import VetoCondition
from csreport.rules.serialize import dump_rules_yaml, rules_equal
from csreport.rules.show import show_rules
from csreport.rules.workbook.parse import WorkbookProblems
from csreport.rules.workbook.transfer import export_rules, import_rules

THREE_MIN = DeclaredField("三分钟回复率", "三分钟回复率（人维度）", "%", "weighted", "inquiries")
VOCAB = Vocabulary((THREE_MIN,))

RULES = """\
name: 三分钟回复考核
name_en: Three-minute reply
tables:
  - id: main
    name: 主表
    name_en: Main table
    total: 100
    kpis:
      - id: reply3
        name: 三分钟回复率
        name_en: Three-minute reply rate
        weight: 60
        input: 三分钟回复率
        unit: "%"
        bands:
          - {range: "[90%, 100%]", points: 60}
          - {range: "[80%, 90%)", points: 30}
          - {range: "[0, 80%)", points: 0}
        vetoes:
          - when: 三分钟回复率 < 50%
            reason: 三分钟回复率低于一半
            reason_en: Under half replied in 3 minutes
      - id: fast
        name: 三分钟回复人数占比
        name_en: Share replied in 3 minutes
        weight: 40
        input: 三分钟回复率 * 咨询人数 / received
        unit: "%"
        bands:
          - {range: "[80%, 100%]", points: 40}
          - {range: "[0, 80%)", points: 0}
grades:
  - {name: A, min: 90}
  - {name: B, min: 60}
fail_grade: D
profiles:
  重回复:
    name_en: Reply first
    weights: {main: {reply3: 80, fast: 20}}
"""

# The built-in names, as a user reads them in the message (written out, not computed).
BUILTIN_ZH = (
    "接待人数、咨询人数、回复人数、平均响应时长、首次响应时长、询单人数、付款订单数、询单付款人数、"
    "客户满意率、销售额、抽查数、态度得分、差错数、同类差错最多次数、店铺风险数、出勤天数、迟到次数、"
    "早退次数、请假天数、旷工天数、休息天数"
)
BUILTIN_EN = (
    "接待人数, 咨询人数, 回复人数, 平均响应时长, 首次响应时长, 询单人数, 付款订单数, 询单付款人数, "
    "客户满意率, 销售额, 抽查数, 态度得分, 差错数, 同类差错最多次数, 店铺风险数, 出勤天数, 迟到次数, "
    "早退次数, 请假天数, 旷工天数, 休息天数"
)


def unknown_zh(name: str, names: str = BUILTIN_ZH) -> str:
    return (
        f"「{name}」既不是 csreport 的字段，也不是表头映射文件中声明的字段。可用的字段：{names}。"
        "csreport 没有名称的指标，请在 --mapping 指定的表头映射文件的 fields: 下声明（见 README「表头映射」）"
    )


def unknown_en(name: str, names: str = BUILTIN_EN) -> str:
    return (
        f"'{name}' is neither a csreport field nor one declared in the header mapping file. "
        f"Valid names: {names}. Declare a metric csreport has no name for under fields: in the "
        "header mapping file given with --mapping (README: Header mapping)"
    )


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "三分钟.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


# --- loading ------------------------------------------------------------------------------------


def test_declared_field_as_input_and_veto_loads_with_the_vocabulary(rules_file: Path) -> None:
    rules = load_rules(str(rules_file), vocabulary=VOCAB)
    assert rules.vocabulary == VOCAB
    reply3, fast = rules.tables[0].kpis
    assert (reply3.input, reply3.unit, fast.input) == (
        "三分钟回复率",
        "%",
        "三分钟回复率 * 咨询人数 / received",
    )
    assert [(b.low, b.high, b.points) for b in reply3.bands] == [
        (0.9, 1.0, 60),
        (0.8, 0.9, 30),
        (0.0, 0.8, 0),
    ]
    assert reply3.vetoes == (
        VetoCondition(
            "三分钟回复率", "<", 0.5, "三分钟回复率低于一半", "Under half replied in 3 minutes", "%"
        ),
    )
    assert reply3.vetoes[0].text() == "三分钟回复率 < 50%"
    assert reply3.vetoes[0].holds(0.49) and not reply3.vetoes[0].holds(0.5)
    # The hash is the file's, whatever vocabulary read it.
    wider = Vocabulary((THREE_MIN, DeclaredField("差评率", "差评率", "%", "weighted", "received")))
    assert rules.hash == parse_rules(RULES, vocabulary=wider).hash


def test_without_the_declaration_the_file_is_refused_naming_every_use(rules_file: Path) -> None:
    with pytest.raises(CsreportError) as caught:
        load_rules(str(rules_file))
    assert caught.value.code == "rules.invalid"
    where = str(rules_file)
    # The loader lists every problem, the first in the message and each further one after it.
    assert caught.value.message("zh") == (
        f"规则文件 {where} 第 13 行，tables[0].kpis[0].input：{unknown_zh('三分钟回复率')}"
        f"   第 20 行 tables[0].kpis[0].vetoes[0].when: {unknown_zh('三分钟回复率')}"
        f"   第 27 行 tables[0].kpis[1].input: {unknown_zh('三分钟回复率')}"
    )
    assert caught.value.message("en") == (
        f"Rules file {where} line 13, tables[0].kpis[0].input: {unknown_en('三分钟回复率')}"
        f"   line 20 tables[0].kpis[0].vetoes[0].when: {unknown_en('三分钟回复率')}"
        f"   line 27 tables[0].kpis[1].input: {unknown_en('三分钟回复率')}"
    )
    assert "\n" not in caught.value.message("zh") + caught.value.message("en")


def test_a_veto_alone_naming_an_undeclared_field_is_refused_in_one_line() -> None:
    text = RULES.replace("input: 三分钟回复率\n", "input: 回复人数 / 咨询人数\n").replace(
        "input: 三分钟回复率 * 咨询人数 / received", "input: replied / received"
    )
    with pytest.raises(CsreportError) as caught:
        parse_rules(text, source="r.yaml", lang="en")
    assert caught.value.message("zh") == (
        f"规则文件 r.yaml 第 20 行，tables[0].kpis[0].vetoes[0].when：{unknown_zh('三分钟回复率')}"
    )
    assert caught.value.message("en") == (
        f"Rules file r.yaml line 20, tables[0].kpis[0].vetoes[0].when: {unknown_en('三分钟回复率')}"
    )
    assert parse_rules(text, vocabulary=VOCAB).tables[0].kpis[0].vetoes[0].expr == "三分钟回复率"


def test_the_valid_names_include_the_declared_ones() -> None:
    other = Vocabulary((DeclaredField("全天不满意率", "全天不满意率", "%", "weighted", "received"),))
    with pytest.raises(CsreportError) as caught:
        parse_rules(RULES, source="r.yaml", vocabulary=other)
    zh, en = caught.value.message("zh"), caught.value.message("en")
    assert zh.startswith(
        "规则文件 r.yaml 第 13 行，tables[0].kpis[0].input："
        + unknown_zh("三分钟回复率", BUILTIN_ZH + "、全天不满意率")
        + "   第 20 行"
    )
    assert en.startswith(
        "Rules file r.yaml line 13, tables[0].kpis[0].input: "
        + unknown_en("三分钟回复率", BUILTIN_EN + ", 全天不满意率")
        + "   line 20"
    )


def test_formula_error_of_an_unknown_name() -> None:
    with pytest.raises(FormulaError) as caught:
        parse("三分钟回复率 / 2")
    assert caught.value.code == "formula.unknown_field"
    assert str(caught.value) == unknown_en("三分钟回复率")
    with pytest.raises(FormulaError) as caught:
        parse("三分钟回复率 - IM不满意率", VOCAB)
    assert str(caught.value) == unknown_en("IM不满意率", BUILTIN_EN + ", 三分钟回复率")


# --- formulas mixing declared and built-in names -------------------------------------------------


def test_mixed_formula_reads_declared_and_builtin_names() -> None:
    formula = parse("三分钟回复率 * 咨询人数 / received", VOCAB)
    assert formula.names == ("received", "三分钟回复率", "inquiries")
    assert formula.id_of("咨询人数") == "inquiries" and formula.id_of("三分钟回复率") == "三分钟回复率"
    # 90% of 200 customers replied within 3 minutes, of 250 sessions: 180 / 250.
    ev = evaluate(formula, {"三分钟回复率": 0.9, "inquiries": 200.0, "received": 250.0})
    assert (ev.value, ev.numerator, ev.denominator) == (0.72, 180.0, 250.0)
    missing = evaluate(formula, {"三分钟回复率": None, "inquiries": 200.0, "received": 250.0})
    assert (missing.value, missing.missing) == (None, ("三分钟回复率",))


def test_a_builtin_vocabulary_still_reads_ids_and_chinese_names() -> None:
    assert parse("回复人数 / inquiries", BUILTIN).names == ("replied", "inquiries")
    assert parse("回复人数 / inquiries", VOCAB).names == ("replied", "inquiries")


# --- profiles ---------------------------------------------------------------------------------


def test_a_profile_keeps_the_vocabulary(rules_file: Path) -> None:
    rules = load_rules(str(rules_file), "重回复", vocabulary=VOCAB)
    assert (rules.vocabulary, rules.profile, rules.name) == (VOCAB, "重回复", "三分钟回复考核（重回复）")
    reply3, fast = rules.tables[0].kpis
    assert (reply3.weight, fast.weight) == (80, 20)
    # 60 → 80 scales every band by 4/3; 40 → 20 by 1/2.
    assert [b.points for b in reply3.bands] == [80, 40, 0]
    assert [b.points for b in fast.bands] == [20, 0]
    plain = parse_rules(RULES, vocabulary=VOCAB)
    assert apply_profile(plain, "Reply first").vocabulary == VOCAB
    assert plain.with_profile("重回复").vocabulary == VOCAB
    assert apply_profile(plain, "重回复").hash == rules.hash != plain.hash


# --- lint, show -------------------------------------------------------------------------------


def test_lint_finds_nothing_wrong_with_a_declared_input() -> None:
    assert lint(parse_rules(RULES, vocabulary=VOCAB)) == []


def test_lint_checks_the_bands_of_a_declared_input() -> None:
    text = RULES.replace('          - {range: "[80%, 90%)", points: 30}\n', "")
    findings = lint(parse_rules(text, vocabulary=VOCAB))
    assert [(f.code, f.kpi, f.path) for f in findings] == [("gap", "reply3", "tables[0].kpis[0].bands")]
    gap = findings[0]
    assert gap.text("zh") == "三分钟回复率：80%–90%（不含 90%）没有任何区间覆盖"
    assert gap.text("en") == "Three-minute reply rate: no band covers 80%–90% (not including 90%)"


def test_lint_knows_a_declared_sample_field_only_with_the_vocabulary() -> None:
    text = RULES.replace(
        "        input: 三分钟回复率 * 咨询人数 / received\n", "        input: replied / received\n"
    )
    text = text.replace("        weight: 40\n", "        weight: 40\n        sample: 三分钟回复人数\n")
    counted = Vocabulary((THREE_MIN, DeclaredField("三分钟回复人数", "三分钟回复人数", "count", "sum")))
    assert lint(parse_rules(text, vocabulary=counted)) == []
    findings = lint(parse_rules(text, vocabulary=VOCAB))
    assert [(f.code, f.kpi, f.path) for f in findings] == [
        ("unknown_input", "fast", "tables[0].kpis[1].sample")
    ]
    assert findings[0].text("zh") == "三分钟回复人数占比：没有工作表提供汇总字段「三分钟回复人数」"
    assert findings[0].text("en") == "Share replied in 3 minutes: no sheet provides '三分钟回复人数'"


def test_show_names_the_declared_field(rules_file: Path) -> None:
    rules = load_rules(str(rules_file), vocabulary=VOCAB)
    zh = show_rules(rules).splitlines()
    assert zh[7:12] == [
        " - 三分钟回复率（满分 60 分）  计算方式：三分钟回复率（按咨询人数加权的月平均）",
        "     ≥ 90%                → 60 分",
        "     80%–90%（不含 90%）  → 30 分",
        "     < 80%                → 0 分",
        "     三分钟回复率 < 50%   → 否决：三分钟回复率低于一半",
    ]
    # A declared field keeps its one name; the built-in ones are named in the reader's language.
    assert zh[12] == " - 三分钟回复人数占比（满分 40 分）  计算方式：三分钟回复率 × 咨询人数 ÷ 接待人数"
    en = show_rules(rules, "en").splitlines()
    assert en[7] == (
        " - Three-minute reply rate (maximum 60 pts)  calculation: 三分钟回复率: monthly mean weighted "
        "by Customers who asked"
    )
    assert en[11] == "     三分钟回复率 < 50%          → veto: Under half replied in 3 minutes"
    assert en[12] == (
        " - Share replied in 3 minutes (maximum 40 pts)  calculation: 三分钟回复率 × Customers who asked "
        "÷ Sessions received"
    )


# --- YAML and the rules workbook ----------------------------------------------------------------


def test_yaml_roundtrip_keeps_the_declared_names() -> None:
    rules = parse_rules(RULES, vocabulary=VOCAB)
    text = dump_rules_yaml(rules)
    assert "input: 三分钟回复率\n" in text and "when: 三分钟回复率 < 50%" in text
    assert rules_equal(parse_rules(text, vocabulary=VOCAB), rules)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workbook_export_and_import_with_the_vocabulary(lang: str, tmp_path: Path) -> None:
    rules = parse_rules(RULES, vocabulary=VOCAB)
    book = export_rules(rules, tmp_path / "规则.xlsx", lang)
    imported = import_rules(book, tmp_path / "规则.yaml", vocabulary=VOCAB)
    assert imported.vocabulary == VOCAB and rules_equal(imported, rules)
    assert rules_equal(load_rules(str(book), vocabulary=VOCAB), rules)
    assert load_rules(str(tmp_path / "规则.yaml"), vocabulary=VOCAB).tables[0].kpis[0].vetoes[0].unit == "%"


def test_workbook_import_without_the_vocabulary_names_the_cell(tmp_path: Path) -> None:
    book = export_rules(parse_rules(RULES, vocabulary=VOCAB), tmp_path / "规则.xlsx")
    with pytest.raises(WorkbookProblems) as caught:
        import_rules(book, tmp_path / "规则.yaml")
    # Each formula naming the undeclared field, at its own cell: two inputs and a veto condition.
    assert [(c.sheet, c.row, c.letter) for c, _ in caught.value.items] == [
        ("主表", 11, "N"),
        ("主表", 14, "AC"),
        ("主表", 15, "N"),
    ]
    assert caught.value.message("zh") == (
        f"{book} 有 3 处问题，没有导入：\n"
        f"  {book} 工作表「主表」第 11 行 N 列（公式（字段名））：{unknown_zh('三分钟回复率')}\n"
        f"  {book} 工作表「主表」第 14 行 AC 列（否决条件）：{unknown_zh('三分钟回复率')}\n"
        f"  {book} 工作表「主表」第 15 行 N 列（公式（字段名））：{unknown_zh('三分钟回复率')}"
    )
    assert not (tmp_path / "规则.yaml").exists()


# --- the command line -------------------------------------------------------------------------

MAPPING = """\
fields:
  三分钟回复率:
    column: 三分钟回复率（人维度）
    unit: "%"
    month: weighted by 咨询人数
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_cli_lint_show_export_with_mapping(rules_file: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "映射.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    assert invoke("rules", "lint", str(rules_file), "--mapping", str(mapping)) == (
        0,
        "规则「三分钟回复考核」没有发现问题。\n",
        "",
    )
    assert invoke("rules", "lint", str(rules_file), "--mapping", str(mapping), "--lang", "en") == (
        0,
        "No findings in the rules 'Three-minute reply'.\n",
        "",
    )
    code, out, _ = invoke("rules", "show", str(rules_file), "--mapping", str(mapping), "--profile", "重回复")
    assert code == 0 and "     三分钟回复率 < 50%   → 否决：三分钟回复率低于一半\n" in out
    assert "已应用的权重方案：重回复\n" in out and " - 三分钟回复率（满分 80 分）" in out
    book = tmp_path / "导出.xlsx"
    code, out, _ = invoke("rules", "export", str(rules_file), "--xlsx", str(book), "--mapping", str(mapping))
    assert (code, out) == (0, f"已导出：{book}\n")
    target = tmp_path / "导入.yaml"
    code, out, _ = invoke("rules", "import", str(book), "--out", str(target), "--mapping", str(mapping))
    assert code == 0 and out.startswith("已导入 三分钟回复考核 #")
    assert rules_equal(load_rules(str(target), vocabulary=VOCAB), parse_rules(RULES, vocabulary=VOCAB))


def test_cli_lint_without_mapping_says_where_to_declare(rules_file: Path) -> None:
    code, out, err = invoke("rules", "lint", str(rules_file), "--lang", "en")
    assert (code, out) == (2, "")
    assert err.startswith(
        f"Error: Rules file {rules_file} line 13, tables[0].kpis[0].input: "
        f"{unknown_en('三分钟回复率')}   line 20"
    )
    code, out, err = invoke("rules", "show", str(rules_file))
    assert (code, out) == (2, "")
    assert err.startswith(
        f"错误：规则文件 {rules_file} 第 13 行，tables[0].kpis[0].input：{unknown_zh('三分钟回复率')}"
    )
