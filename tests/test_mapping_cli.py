"""The header mapping file and the rules checked against the data, through the CLI: every
mapping mistake (fatal in the file, or shown by the data), each sheet's explanation in
``check``, the rules-against-data lines at the top of ``check`` and ``run``, and summary rows.
Exact lines and exit codes, in Chinese and with ``--lang en``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from csreport.cli.main import main
from tests.workbooks import Agent, month_workbook, write_xlsx

D = dt.datetime(2026, 10, 3)
SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def assert_block(lines: list[str], expected: list[str]) -> None:
    """``expected`` occurs in ``lines`` as consecutive lines."""
    assert expected[0] in lines, "\n".join(lines)
    at = lines.index(expected[0])
    assert lines[at : at + len(expected)] == expected


# --- 1. mistakes in the mapping file itself: fatal, with the line ---------------------------------

# Every name a columns entry may point at, in the alias table's order (the same in both languages).
TARGETS = (
    "工号 旺旺 姓名 组别 入职日期 岗位状态 级别 奖金基数 日期 考勤状态 接待人数 咨询人数 回复人数 "
    "未回复人数 未回复率 回复率 平均响应时长(秒) 首次响应时长(秒) 询单人数 询单付款人数 询单流失率 "
    "询单转化率 付款订单数 销售额 上班天数 客户满意率 会话编号 满意度 态度得分 差错类型 店铺风险 "
    "评分人 消息数 会话时长(秒) "
    "流程全面,服务规范 聊天话术运用适当 积极主动 承担责任 处理技巧 正确性 熟练性 促成交易力度 购买意向引导 "
    "档内优惠理解"
).split()
# The reception fields a derive may compute.
DERIVABLE = (
    "接待人数 咨询人数 回复人数 未回复人数 未回复率 回复率 平均响应时长(秒) 首次响应时长(秒) 询单人数 "
    "询单付款人数 询单转化率 询单流失率 付款订单数 销售额 客户满意率"
).split()
WEIGHTS = ("接待人数", "咨询人数", "回复人数", "询单人数", "询单付款人数", "付款订单数", "销售额")
SECTIONS_ZH, SECTIONS_EN = "columns、derive、fields、drop_rows", "columns, derive, fields, drop_rows"
UNITS_ZH, UNITS_EN = "%、s、count、yuan、score", "%, s, count, yuan, score"
UNPARSABLE_ZH = (
    "无法解析：公式里只能写名称、数字、+ - * / 和括号。表头里有括号或符号时，请先在 fields 段把这一列"
    "声明为一个字段（例如 机器人会话量），再在公式里写这个字段名"
)
UNPARSABLE_EN = (
    "cannot be read: a formula holds names, numbers, + - * / and brackets only. For a header with "
    "brackets or symbols, first declare the column as a field under fields (such as '机器人会话量') "
    "and write that name in the formula"
)


def field_spec(**spec: str) -> str:
    """A ``fields:`` section declaring 三分钟回复率 with ``spec`` (key: value lines)."""
    body = "".join(f"    {k}: {v}\n" for k, v in spec.items())
    return f"fields:\n  三分钟回复率:\n{body}"


# (case, mapping text, line, zh problem, en problem)
FATAL: list[tuple[str, str, int, str, str]] = [
    (
        "unknown target with did-you-mean",
        "columns:\n  人工会话量: 接待仁数\n",
        2,
        f"「接待仁数」不是 csreport 的字段（是不是「接待人数」？）。可写的标准列名：{'、'.join(TARGETS)}；"
        "或写「忽略」；csreport 没有的指标请在 fields 段声明",
        f"'接待仁数' is not a csreport field (did you mean 接待人数?). The canonical headers are: "
        f"{', '.join(TARGETS)}; or write '忽略' (ignore); declare a metric csreport has no name for "
        "under fields",
    ),
    (
        "unknown target in a list, two close names",
        "columns:\n  支付人数: [付款订单数, 询单付款人]\n",
        2,
        f"「询单付款人」不是 csreport 的字段（是不是「询单付款人数、询单人数」？）。可写的标准列名："
        f"{'、'.join(TARGETS)}；或写「忽略」；csreport 没有的指标请在 fields 段声明",
        f"'询单付款人' is not a csreport field (did you mean 询单付款人数, 询单人数?). The canonical "
        f"headers are: {', '.join(TARGETS)}; or write '忽略' (ignore); declare a metric csreport has "
        "no name for under fields",
    ),
    (
        "unknown target, nothing close",
        "columns:\n  人工会话量: 完全无关xyz\n",
        2,
        f"「完全无关xyz」不是 csreport 的字段。可写的标准列名：{'、'.join(TARGETS)}；或写「忽略」；"
        "csreport 没有的指标请在 fields 段声明",
        f"'完全无关xyz' is not a csreport field. The canonical headers are: {', '.join(TARGETS)}; or "
        "write '忽略' (ignore); declare a metric csreport has no name for under fields",
    ),
    (
        "empty target",
        "columns:\n  人工会话量:\n",
        2,
        "冒号右边没有写字段名；请写标准列名，或写「忽略」",
        "nothing after the colon; write a canonical header or '忽略' (ignore)",
    ),
    (
        "misspelt section",
        "columns:\n  人工会话量: 接待人数\ncolums:\n  支付金额: 销售额\n",
        3,
        f"「colums」不是映射文件的段；可写的段：{SECTIONS_ZH}",
        f"'colums' is not a section of a mapping file; the sections are {SECTIONS_EN}",
    ),
    (
        "a bare header at the top, no section",
        "人工会话量: 接待人数\n",
        1,
        f"「人工会话量」不是映射文件的段；可写的段：{SECTIONS_ZH}",
        f"'人工会话量' is not a section of a mapping file; the sections are {SECTIONS_EN}",
    ),
    (
        "no section at all",
        "# 只有注释\n",
        1,
        f"文件中没有可用的段；可写的段：{SECTIONS_ZH}（格式见 examples/mapping.yaml）",
        f"the file has no section csreport uses; the sections are {SECTIONS_EN} (see examples/mapping.yaml)",
    ),
    (
        "a list at the top",
        "- 人工会话量\n- 接待人数\n",
        1,
        f"文件中没有可用的段；可写的段：{SECTIONS_ZH}（格式见 examples/mapping.yaml）",
        f"the file has no section csreport uses; the sections are {SECTIONS_EN} (see examples/mapping.yaml)",
    ),
    (
        "section not a mapping",
        "columns:\n  - 人工会话量\n",
        1,
        "columns 段应写成「名称: 内容」的多行，每行一项",
        "the columns section must be lines of 'name: value'",
    ),
    (
        "derive section not a mapping",
        "derive: 回复人数\n",
        1,
        "derive 段应写成「名称: 内容」的多行，每行一项",
        "the derive section must be lines of 'name: value'",
    ),
    (
        "declared field with a bad name",
        "fields:\n  三分钟 回复率:\n    column: x\n    unit: '%'\n    month: sum\n",
        2,
        "「三分钟 回复率」不能作为字段名：请用一个不含空格、括号和符号的词，例如 三分钟回复率",
        "'三分钟 回复率' cannot be a field name: use one word without spaces, brackets or symbols, "
        "such as '三分钟回复率'",
    ),
    (
        "declared field with a built-in name",
        "fields:\n  接待量:\n    column: 人工会话量\n    unit: count\n",
        2,
        "「接待量」已是 csreport 的字段「接待人数」，不必声明；请在 columns 段把列映射到「接待人数」",
        "'接待量' is already csreport's field 接待人数, so it needs no declaration; map the column to "
        "接待人数 under columns",
    ),
    (
        "declared field not a mapping",
        "fields:\n  三分钟回复率: 三分钟回复率（人维度）\n",
        2,
        "字段「三分钟回复率」应写成多行：column（表中的列名）、unit（单位）、month（按天汇总成月的方式）",
        "field '三分钟回复率' needs lines for column (the header), unit and month (how days make a month)",
    ),
    (
        "declared field with an unknown key",
        field_spec(column="x", unit="'%'", month="sum", weight="咨询人数"),
        6,
        "字段「三分钟回复率」下的「weight」不认识；可写 column、unit、month",
        "'weight' under field '三分钟回复率' is not known; write column, unit and month",
    ),
    (
        "declared field with no column",
        field_spec(unit="'%'", month="sum"),
        2,
        "字段「三分钟回复率」缺少 column（数据表中的列名），derive 段也没有计算它",
        "field '三分钟回复率' has no column (the header in the sheet), and no derive entry computes it",
    ),
    (
        "declared field with a bad unit",
        field_spec(column="x", unit="percent2", month="sum"),
        4,
        f"字段「三分钟回复率」的 unit「percent2」不认识；可写 {UNITS_ZH}（% 为比率，s 为秒）",
        f"the unit 'percent2' of field '三分钟回复率' is not known; write one of {UNITS_EN} "
        "(% a rate, s seconds)",
    ),
    (
        "a rate with no month",
        field_spec(column="x", unit="'%'"),
        2,
        "字段「三分钟回复率」的单位是 %，请写 month（按天汇总成月的方式）：sum（求和）、mean（平均）"
        "或 weighted by 咨询人数（按咨询人数加权，比率通常这样算）",
        "field '三分钟回复率' has the unit %: add month (how days make a month): sum, mean, or "
        "'weighted by 咨询人数' (weighted by customers who asked, usual for a rate)",
    ),
    (
        "a bad month",
        field_spec(column="x", unit="'%'", month="median"),
        5,
        "字段「三分钟回复率」的 month「median」不认识；可写 sum、mean 或 weighted by <计数>，例如 "
        "weighted by 咨询人数",
        "the month 'median' of field '三分钟回复率' is not known; write sum, mean or weighted by "
        "<count>, such as 'weighted by 咨询人数'",
    ),
    (
        "weighted by a duration",
        field_spec(column="x", unit="'%'", month="weighted by 平均响应时长"),
        5,
        "字段「三分钟回复率」的「平均响应时长」不能用于加权：请按计数或金额加权，可用："
        f"{'、'.join(WEIGHTS)}，或 fields 段中单位为 count 或 yuan 的字段",
        "field '三分钟回复率' cannot be weighted by '平均响应时长': weight by a count or an "
        f"amount, one of {', '.join(WEIGHTS)}, or a declared field whose unit is count or yuan",
    ),
    (
        "derive target unknown",
        "derive:\n  三分钟回复率: 1 - 不服务率\n",
        2,
        "derive 的「三分钟回复率」既不是 csreport 的接待数据字段，也没有在 fields 段声明；可计算的字段："
        f"{'、'.join(DERIVABLE)}",
        "'三分钟回复率' under derive is neither a reception field of csreport nor declared under "
        f"fields; the fields that can be derived are {', '.join(DERIVABLE)}",
    ),
    (
        "derive target of another kind of sheet",
        "derive:\n  上班天数: 出勤天数 + 1\n",
        2,
        "derive 的「上班天数」既不是 csreport 的接待数据字段，也没有在 fields 段声明；可计算的字段："
        f"{'、'.join(DERIVABLE)}",
        "'上班天数' under derive is neither a reception field of csreport nor declared under "
        f"fields; the fields that can be derived are {', '.join(DERIVABLE)}",
    ),
    (
        "derive with a header's brackets in the formula",
        "derive:\n  回复人数: 咨询人数 * (1 - 不服务率（人）)\n",
        2,
        f"「回复人数」的公式「咨询人数 * (1 - 不服务率（人）)」{UNPARSABLE_ZH}",
        f"the formula '咨询人数 * (1 - 不服务率（人）)' of '回复人数' {UNPARSABLE_EN}",
    ),
    (
        "derive with a function",
        "derive:\n  回复人数: max(咨询人数, 1)\n",
        2,
        "「回复人数」的公式有误：不允许的写法「max(咨询人数, 1)」：公式只能用指标名、数字、+ - * / 和括号",
        "the formula of '回复人数' is wrong: 'max(咨询人数, 1)' is not allowed in a formula: use field "
        "names, numbers, + - * / and brackets",
    ),
    (
        "derive with no formula",
        "derive:\n  回复人数:\n",
        2,
        "「回复人数」的公式有误：没有写公式",
        "the formula of '回复人数' is wrong: no formula is written",
    ),
    (
        "a header written twice",
        "columns:\n  人工会话量: 接待人数\n  支付金额: 销售额\n  人工会话量: 咨询人数\n",
        4,
        "「人工会话量」写了两次（第一次在第 2 行）；同一层只能写一次，请删去或合并其中一个",
        "'人工会话量' is written twice (first on line 2); a name may appear once at one level, so "
        "delete or merge one of them",
    ),
    (
        "no unit",
        field_spec(column="x", month="sum"),
        2,
        "字段「三分钟回复率」没有写 unit（单位）；可写 %、s、count、yuan、score（% 为比率，s 为秒）",
        "field '三分钟回复率' has no unit; write one of %, s, count, yuan, score (% a rate, s seconds)",
    ),
    (
        "tab indentation",
        "columns:\n  人工会话量: 接待人数\n\t支付金额: 销售额\n",
        3,
        "这一行用了 Tab 键缩进；YAML 只能用空格缩进，请把 Tab 换成空格",
        "this line is indented with a Tab; YAML indents with spaces only, so replace the Tab with spaces",
    ),
    (
        "drop_rows a mapping",
        "columns:\n  人工会话量: 接待人数\ndrop_rows:\n  店铺汇总值: 是\n",
        3,
        "drop_rows 应为行标签的列表，例如 drop_rows: [店铺汇总值, 全店合计]",
        "drop_rows must be a list of row labels, such as 'drop_rows: [店铺汇总值, 全店合计]'",
    ),
    (
        "drop_rows holding a list",
        "drop_rows: [[店铺汇总值]]\n",
        1,
        "drop_rows 应为行标签的列表，例如 drop_rows: [店铺汇总值, 全店合计]",
        "drop_rows must be a list of row labels, such as 'drop_rows: [店铺汇总值, 全店合计]'",
    ),
]


@pytest.fixture(scope="module")
def small_month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One clean month of two agents in canonical headers."""
    return month_workbook(tmp_path_factory.mktemp("month") / "m.xlsx", [Agent("K1", "甲"), Agent("K2", "乙")])


@pytest.mark.parametrize("case,text,line,zh,en", FATAL, ids=[c[0] for c in FATAL])
def test_a_mistake_in_the_mapping_file_stops_check_with_its_line(
    tmp_path: Path, small_month: Path, case: str, text: str, line: int, zh: str, en: str
) -> None:
    mapping = tmp_path / "映射.yaml"
    mapping.write_text(text, encoding="utf-8")
    assert invoke("check", str(small_month), "--mapping", str(mapping)) == (
        2,
        "",
        f"错误：表头映射文件 {mapping} 第 {line} 行：{zh}\n",
    )
    assert invoke("check", str(small_month), "--mapping", str(mapping), "--lang", "en") == (
        2,
        "",
        f"Error: Header mapping file {mapping} line {line}: {en}\n",
    )


def test_a_mistake_in_the_mapping_file_stops_run_before_anything_is_written(
    tmp_path: Path, small_month: Path
) -> None:
    mapping = tmp_path / "映射.yaml"
    mapping.write_text("columns:\n  人工会话量: 接待人数\n  支付金额:\n", encoding="utf-8")
    out = tmp_path / "报表"
    code, _, err = invoke("run", str(small_month), "--mapping", str(mapping), "--out", str(out), "--no-pdf")
    assert code == 2
    assert err.splitlines()[-1] == (
        f"错误：表头映射文件 {mapping} 第 3 行：冒号右边没有写字段名；请写标准列名，或写「忽略」"
    )
    code, _, err = invoke(
        "run", str(small_month), "--mapping", str(mapping), "--out", str(out), "--no-pdf", "--lang", "en"
    )
    assert code == 2
    assert err.splitlines()[-1] == (
        f"Error: Header mapping file {mapping} line 3: nothing after the colon; write a canonical "
        "header or '忽略' (ignore)"
    )
    assert not out.exists()


# --- 2. mistakes only the data shows: warnings of check --------------------------------------------

ROSTER = [["工号", "姓名", "岗位状态", "旺旺"], ["K1", "甲", "正式", "店:甲"], ["K2", "乙", "正式", "店:乙"]]
# A back-office's reception export: its own name for 接待人数, a complement rate, and 客评.
EXPORT_HEADER = [
    "客服",
    "日期",
    "人工会话量",
    "咨询人数",
    "不服务率",
    "平均响应时长(秒)",
    "询单人数",
    "付款订单数",
    "销售额",
    "客评",
]
EXPORT: list[list[Any]] = [
    EXPORT_HEADER,
    ["店:甲", D, 100, 80, "2.50%", 30, 50, 20, 1000, 4.8],
    ["店:乙", D, 120, 100, "5.00%", 40, 60, 30, 2000, 4.5],
]


def export_check(tmp_path: Path, mapping_text: str) -> dict[str, tuple[int, str]]:
    """``check`` of the roster and the export with the mapping file 飞鸽.yaml holding
    ``mapping_text``: language → (exit code, stdout)."""
    book = write_xlsx(tmp_path / "导出.xlsx", {"花名册": ROSTER, "客服数据": EXPORT})
    mapping = tmp_path / "飞鸽.yaml"
    mapping.write_text(mapping_text, encoding="utf-8")
    runs: dict[str, tuple[int, str]] = {}
    for lang in ("zh", "en"):
        code, out, err = invoke("check", str(book), "--mapping", str(mapping), "--lang", lang)
        assert err == ""
        runs[lang] = (code, out)
    return runs


def test_an_entry_no_sheet_has_is_named_with_the_closest_headers(tmp_path: Path) -> None:
    runs = export_check(tmp_path, "columns:\n  人工会话量: 接待人数\n  会话量人工: 咨询人数\n")
    code, out = runs["zh"]
    assert code == 1
    assert (
        "[警告] 飞鸽.yaml：第 3 行的「会话量人工」在任何数据表的表头中都没有找到；最接近的表头：人工会话量。"
        "请照表头原样抄写。"
    ) in out.splitlines()
    code, out = runs["en"]
    assert code == 1
    assert (
        "[warning] 飞鸽.yaml: '会话量人工' (line 3) matches no header of any sheet; the closest headers "
        "are 人工会话量. Copy the header as it is written."
    ) in out.splitlines()


def test_an_entry_like_no_header_is_named_without_closest_headers(tmp_path: Path) -> None:
    # A declared field's column is an entry too: its line is the column's.
    runs = export_check(
        tmp_path,
        "columns:\n  人工会话量: 接待人数\nfields:\n  三分钟回复率:\n    column: 三分钟回复率（人维度）\n"
        "    unit: '%'\n    month: weighted by 咨询人数\n",
    )
    assert runs["zh"][0] == runs["en"][0] == 1
    assert (
        "[警告] 飞鸽.yaml：第 5 行的「三分钟回复率（人维度）」在任何数据表的表头中都没有找到。"
        "请照表头原样抄写。"
    ) in runs["zh"][1].splitlines()
    assert (
        "[warning] 飞鸽.yaml: '三分钟回复率（人维度）' (line 5) matches no header of any sheet. Copy the "
        "header as it is written."
    ) in runs["en"][1].splitlines()


def test_a_derive_naming_a_missing_column_is_named(tmp_path: Path) -> None:
    runs = export_check(
        tmp_path, "columns:\n  人工会话量: 接待人数\nderive:\n  客户满意率: 1 - 全天不满意率\n"
    )
    assert runs["zh"][0] == runs["en"][0] == 1
    assert (
        "[警告] 飞鸽.yaml：第 4 行 derive 的「客户满意率」用到的 全天不满意率 在任何接待数据表中都没有；"
        "最接近的表头：不服务率，未能计算。"
    ) in runs["zh"][1].splitlines()
    assert (
        "[warning] 飞鸽.yaml: derive '客户满意率' (line 4) names 全天不满意率, which no reception sheet "
        "has; the closest headers are 不服务率; it was not computed."
    ) in runs["en"][1].splitlines()


@pytest.mark.parametrize(
    "target,home_zh,home_en",
    [("满意度", "质检抽查", "sampled chats"), ("上班天数", "考勤", "attendance")],
)
def test_a_field_of_another_kind_of_sheet_is_said_not_dropped(
    tmp_path: Path, target: str, home_zh: str, home_en: str
) -> None:
    """The shipped table does not know 客评; the user maps it to a field reception sheets do
    not carry. The column is listed as foreign and a warning says why it is not used."""
    runs = export_check(tmp_path, f"columns:\n  人工会话量: 接待人数\n  客评: {target}\n")
    code, out = runs["zh"]
    lines = out.splitlines()
    assert code == 1
    assert f"  属于其他类型的表，此表不使用：J 客评 → {target}" in lines
    assert (
        f"[警告] 导出.xlsx，工作表「客服数据」，第 1 行，J 列（客评）：映射文件把此列对应到 {target}，这是"
        f"「{home_zh}」表的字段，而此表是「接待数据」表，所以此列未使用。请改为「接待数据」表的字段，"
        "或在 fields 段声明一个新字段。"
    ) in lines
    code, out = runs["en"]
    lines = out.splitlines()
    assert code == 1
    assert f"  fields of another kind of sheet, not used here: J 客评 → {target}" in lines
    assert (
        f"[warning] 导出.xlsx sheet '客服数据' row 1 column J (客评): The mapping file maps this column "
        f"to {target}, a field of {home_en} sheets, but this is a reception sheet, so the column is not "
        "used. Map it to a field of reception sheets, or declare a new field under fields."
    ) in lines


def test_a_drop_rows_label_never_met_is_a_note(tmp_path: Path) -> None:
    runs = export_check(tmp_path, "columns:\n  人工会话量: 接待人数\ndrop_rows: [店:机器人]\n")
    assert "[提示] 飞鸽.yaml：drop_rows 中的「店:机器人」在数据中没有出现。" in runs["zh"][1].splitlines()
    assert (
        "[note] 飞鸽.yaml: The drop_rows label '店:机器人' did not occur in the data."
        in runs["en"][1].splitlines()
    )


def test_a_drop_rows_label_never_met_is_shown_as_written(tmp_path: Path) -> None:
    runs = export_check(tmp_path, "columns:\n  人工会话量: 接待人数\ndrop_rows: [Shop Robot, 全店（合计）]\n")
    lines = runs["zh"][1].splitlines()
    assert "[提示] 飞鸽.yaml：drop_rows 中的「Shop Robot」在数据中没有出现。" in lines
    assert "[提示] 飞鸽.yaml：drop_rows 中的「全店（合计）」在数据中没有出现。" in lines


def test_a_field_may_be_weighted_by_a_count_declared_after_it(tmp_path: Path) -> None:
    from csreport.inputs.mapping import load_mapping

    path = tmp_path / "m.yaml"
    path.write_text(
        "fields:\n  乙率:\n    column: 乙\n    unit: '%'\n    month: weighted by 机器人会话量\n"
        "  机器人会话量:\n    column: 机器人\n    unit: count\n",
        encoding="utf-8",
    )
    mapping = load_mapping(path)
    assert mapping is not None
    assert [(d.name, d.month, d.weight) for d in mapping.fields] == [
        ("乙率", "weighted", "机器人会话量"),
        ("机器人会话量", "sum", None),
    ]


def test_only_the_entry_no_sheet_has_is_named(tmp_path: Path) -> None:
    runs = export_check(tmp_path, "columns:\n  人工会话量: 接待人数\n  支付金额: 忽略\n")
    # 支付金额 is not in this export: the only mapping problem is that entry.
    zh = [line for line in runs["zh"][1].splitlines() if "飞鸽.yaml" in line]
    assert zh == ["[警告] 飞鸽.yaml：第 3 行的「支付金额」在任何数据表的表头中都没有找到。请照表头原样抄写。"]
    en = [line for line in runs["en"][1].splitlines() if "飞鸽.yaml" in line]
    assert en == [
        "[warning] 飞鸽.yaml: '支付金额' (line 3) matches no header of any sheet. Copy the header as it "
        "is written."
    ]


# --- 3. how each sheet was read --------------------------------------------------------------------


def test_a_kept_sheet_lists_each_column_with_arrows_for_mapped_headers(tmp_path: Path) -> None:
    runs = export_check(tmp_path, "columns:\n  人工会话量: 接待人数\n  客评: 忽略\n")
    assert_block(
        runs["zh"][1].splitlines(),
        [
            "导出.xlsx · 客服数据：识别为「接待数据」，表头在第 1 行，2 行数据。",
            "  用于计分：A 客服、B 日期、C 人工会话量 → 接待人数、D 咨询人数、E 不服务率、"
            "F 平均响应时长(秒)、G 询单人数、H 付款订单数、I 销售额",
            "  认得，但不使用：J 客评",
        ],
    )
    assert_block(
        runs["en"][1].splitlines(),
        [
            "导出.xlsx · 客服数据: read as reception, header on row 1, 2 data rows.",
            "  used: A 客服, B 日期, C 人工会话量 → 接待人数, D 咨询人数, E 不服务率, F 平均响应时长(秒), "
            "G 询单人数, H 付款订单数, I 销售额",
            "  known, not used: J 客评",
        ],
    )
    # Nothing is left not understood, so no hint to map it.
    assert not any(line.startswith("要使用未识别的列") for line in runs["zh"][1].splitlines())
    assert not any(line.startswith("To use a column not understood") for line in runs["en"][1].splitlines())


HINT_ZH = (
    "要使用未识别的列：在表头映射文件的 columns 下写「表中列名: 标准列名」（csreport 没有的指标写在 "
    "fields 下），再加 --mapping 映射文件.yaml 运行；示例见 examples/mapping.yaml，"
    "说明见 README「表头映射」。"
)
HINT_EN = (
    "To use a column not understood: in a header mapping file, write 'header in the sheet: canonical "
    "header' under columns (a metric csreport has no name for goes under fields), then run with "
    "--mapping your-mapping.yaml; see examples/mapping.yaml and the README section Header mapping."
)


def test_a_column_not_understood_brings_the_hint_once(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "导出.xlsx", {"花名册": ROSTER, "客服数据": EXPORT})
    code, out, _ = invoke("check", str(book))
    lines = out.splitlines()
    assert code == 1
    assert_block(
        lines,
        [
            "导出.xlsx · 客服数据：识别为「接待数据」，表头在第 1 行，2 行数据。",
            "  用于计分：A 客服、B 日期、D 咨询人数、E 不服务率、F 平均响应时长(秒)、G 询单人数、"
            "H 付款订单数、I 销售额",
            "  未识别：C 人工会话量、J 客评",
        ],
    )
    assert lines.count(HINT_ZH) == 1
    code, out, _ = invoke("check", str(book), "--lang", "en")
    lines = out.splitlines()
    assert code == 1
    assert_block(
        lines,
        [
            "导出.xlsx · 客服数据: read as reception, header on row 1, 2 data rows.",
            "  used: A 客服, B 日期, D 咨询人数, E 不服务率, F 平均响应时长(秒), G 询单人数, "
            "H 付款订单数, I 销售额",
            "  not understood: C 人工会话量, J 客评",
        ],
    )
    assert lines.count(HINT_EN) == 1


def test_skipped_sheets_say_why(tmp_path: Path) -> None:
    book = write_xlsx(
        tmp_path / "杂.xlsx",
        {
            "花名册": ROSTER,
            "备忘": [["本表为导出说明"], ["请勿修改"], [1, 2, 3]],
            "只有工号": [["工号", "备注甲", "备注乙"], ["K1", "x", "y"]],
            "质检": [["工号", "日期", "会话编号", "满意度"], ["K1", D, "c1", "满意"]],
            "说明": [["本表为导出说明"], ["请勿修改"], [1, 2, 3]],
        },
    )
    code, out, _ = invoke("check", str(book))
    lines = out.splitlines()
    assert code == 1
    # No header found, so no columns to list: the next sheet's headline follows.
    assert_block(lines, ["杂.xlsx · 备忘：已跳过：前 3 行中没有认得的表头。"])
    assert lines[lines.index("杂.xlsx · 备忘：已跳过：前 3 行中没有认得的表头。") + 1].startswith(
        "杂.xlsx · 只有工号"
    )
    # A sheet of instructions (说明) is no data and no problem: said in one line, no note.
    assert_block(lines, ["杂.xlsx · 说明：说明页（填写说明），只供阅读，未读取。"])
    assert not any(line.startswith("[提示]") and "说明" in line for line in lines)
    assert_block(
        lines,
        [
            "杂.xlsx · 只有工号：已跳过：看了前 2 行，表头中只认得标识列，认不出其他列"
            "（最像表头的是第 1 行），无法判断这是哪种表。",
            "  认得的列：A 工号",
            "  未识别：B 备注甲、C 备注乙",
        ],
    )
    # 会话编号 and 满意度 without a score column: a chat list (what csreport sample draws from), or
    # sampled chats whose scores are missing; set aside, and the warning says both.
    assert_block(
        lines,
        [
            "杂.xlsx · 质检：会话清单，供 csreport sample 抽样用，不参与计分。",
            "  认得的列：A 工号、B 日期、C 会话编号、D 满意度",
        ],
    )
    assert (
        "[警告] 杂.xlsx，工作表「质检」：这张表有会话编号和满意度，但没有评分列：按会话清单处理"
        "（供 csreport sample 抽样），不参与计分，已跳过。如果它是质检抽查表，请加上态度得分或十项评分列。"
    ) in lines
    assert lines.count(HINT_ZH) == 1
    code, out, _ = invoke("check", str(book), "--lang", "en")
    lines = out.splitlines()
    assert code == 1
    assert "杂.xlsx · 备忘: skipped: no header csreport knows in the first 3 rows." in lines
    notes = "杂.xlsx · 说明: a notes sheet (说明: how to fill the data in), for reading only; not read."
    assert notes in lines
    assert_block(
        lines,
        [
            "杂.xlsx · 只有工号: skipped: looked at the first 2 rows; of the header only the agent column "
            "is known (the row most like a header is row 1), too little to tell what the sheet holds.",
            "  recognised: A 工号",
            "  not understood: B 备注甲, C 备注乙",
        ],
    )
    assert_block(
        lines,
        [
            "杂.xlsx · 质检: a chat list, for csreport sample to draw from; not scored.",
            "  recognised: A 工号, B 日期, C 会话编号, D 满意度",
        ],
    )
    assert lines.count(HINT_EN) == 1


def test_a_sheet_without_an_agent_column_is_skipped_with_its_known_columns(tmp_path: Path) -> None:
    book = write_xlsx(
        tmp_path / "接待.xlsx", {"花名册": ROSTER, "无标识": [["日期", "接待人数", "咨询人数"], [D, 100, 80]]}
    )
    code, out, _ = invoke("check", str(book))
    assert code == 1
    assert_block(
        out.splitlines(),
        [
            "接待.xlsx · 无标识：看起来是「接待数据」，但缺少必需的列 工号/旺旺，已跳过。",
            "  认得的列：A 日期、B 接待人数、C 咨询人数",
        ],
    )
    code, out, _ = invoke("check", str(book), "--lang", "en")
    assert_block(
        out.splitlines(),
        [
            "接待.xlsx · 无标识: looks like reception but lacks the required columns 工号/旺旺; skipped.",
            "  recognised: A 日期, B 接待人数, C 咨询人数",
        ],
    )


def test_a_column_read_by_a_derive_is_listed_as_such(tmp_path: Path) -> None:
    book = write_xlsx(
        tmp_path / "接待.xlsx",
        {
            "花名册": ROSTER,
            "接待": [
                [
                    "工号",
                    "日期",
                    "人工会话量",
                    "咨询人数",
                    "回复占比",
                    "转出会话量",
                    "平均响应时长(秒)",
                    "付款订单数",
                ],
                ["K1", D, 100, 80, "97.5%", 3, 30, 20],
            ],
        },
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "columns:\n  人工会话量: 接待人数\n  转出会话量: 忽略\nderive:\n  回复人数: 咨询人数 * 回复占比\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("check", str(book), "--mapping", str(mapping))
    lines = out.splitlines()
    assert_block(
        lines,
        [
            "接待.xlsx · 接待：识别为「接待数据」，表头在第 1 行，1 行数据。",
            "  用于计分：A 工号、B 日期、C 人工会话量 → 接待人数、D 咨询人数、G 平均响应时长(秒)、"
            "H 付款订单数",
            "  用于 derive 计算：E 回复占比",
            "  认得，但不使用：F 转出会话量",
        ],
    )
    assert (
        "[提示] 接待.xlsx，工作表「接待」：此表没有直接给出这一项，已按 回复人数 = 咨询人数 × 回复占比 计算。"
        in lines
    )
    assert HINT_ZH not in lines
    code, out, _ = invoke("check", str(book), "--mapping", str(mapping), "--lang", "en")
    lines = out.splitlines()
    assert code == 1
    assert_block(
        lines,
        [
            "接待.xlsx · 接待: read as reception, header on row 1, 1 data rows.",
            "  used: A 工号, B 日期, C 人工会话量 → 接待人数, D 咨询人数, G 平均响应时长(秒), H 付款订单数",
            "  read by a derive formula: E 回复占比",
            "  known, not used: F 转出会话量",
        ],
    )


# --- 4. the rules against the data, at the top of check and run ------------------------------------


def rules_file(tmp_path: Path, policy: str) -> Path:
    """Rules of one 115-point table: 咨询转化率 (105, every band 105 points) and 客户满意率 (10)
    with the missing-data ``policy``."""
    path = tmp_path / f"规则_{policy}.yaml"
    path.write_text(
        f"""name: 测试
name_en: Test
tables:
  - id: regular
    name: 正式
    name_en: Regular
    total: 115
    kpis:
      - {{id: conversion, name: 咨询转化率, name_en: Conversion rate, weight: 105,
          input: paid_orders / received, unit: "%", bands: [{{range: "[0%, inf)", points: 105}}]}}
      - {{id: satisfaction, name: 客户满意率, name_en: Customer satisfaction, weight: 10,
          missing: {policy}, input: satisfaction_rate, unit: "%",
          bands: [{{range: "[0%, 100%]", points: 10}}]}}
grades:
  - {{name: A, min: 60}}
fail_grade: D
""",
        encoding="utf-8",
    )
    return path


def satisfaction_month(tmp_path: Path, satisfaction: dict[str, Any] | None = None) -> Path:
    """Two regular agents, 100 sessions and 50 / 40 paid orders each; a 客户满意率 column only
    when ``satisfaction`` gives it (工号 → cell)."""
    header = ["工号", "日期", "接待人数", "付款订单数"]
    rows: list[list[Any]] = [["K1", D, 100, 50], ["K2", D, 100, 40]]
    if satisfaction is not None:
        header.append("客户满意率")
        rows = [[*r, satisfaction.get(r[0])] for r in rows]
    roster = [["工号", "姓名", "岗位状态"], ["K1", "甲", "正式"], ["K2", "乙", "正式"]]
    return write_xlsx(tmp_path / "月.xlsx", {"花名册": roster, "接待": [header, *rows]})


NONE_ZH = (
    "[{sev}] 考核表「正式」的指标「客户满意率」无法为任何人计算：所有人都没有客户满意率的数据"
    "（可来自：客户满意率、满意率）。"
)
NONE_EN = (
    "[{sev}] Customer satisfaction (客户满意率) in table 'Regular (正式)' cannot be computed for "
    "anyone: no agent has data for Customer satisfaction rate (客户满意率) (it would come from: "
    "客户满意率, 满意率). "
)
SOME_ZH = (
    "[警告] 考核表「正式」的指标「客户满意率」：2 人中有 1 人没有客户满意率的数据"
    "（工号 K2；可来自：客户满意率、满意率）。"
)
SOME_EN = (
    "[warning] Customer satisfaction (客户满意率) in table 'Regular (正式)': 1 of 2 agents have no "
    "data for Customer satisfaction rate (客户满意率) (agent IDs K2; it would come from: 客户满意率, "
    "满意率). "
)


def first_lines(tmp_path: Path, book: Path, rules: Path, n: int) -> dict[str, tuple[int, list[str]]]:
    """The exit code and first ``n`` stdout lines of check and of run, in both languages."""
    out: dict[str, tuple[int, list[str]]] = {}
    for command in ("check", "run"):
        for lang in ("zh", "en"):
            extra = ["--no-pdf", "--out", str(tmp_path / f"out_{lang}")] if command == "run" else []
            code, stdout, _ = invoke(command, str(book), "--rules", str(rules), "--lang", lang, *extra)
            out[f"{command} {lang}"] = (code, stdout.splitlines()[:n])
    return out


def result_agents(tmp_path: Path, lang: str) -> dict[str, dict[str, Any]]:
    path = tmp_path / f"out_{lang}" / "2026-10" / "客服绩效_2026-10.json"
    return {a["agent_id"]: a for a in json.loads(path.read_text("utf-8"))["agents"]}


def test_no_agent_has_an_input_of_a_no_score_kpi(tmp_path: Path) -> None:
    """An error: check exits 1; run exits 1 but writes its reports, everyone 缺数据."""
    got = first_lines(tmp_path, satisfaction_month(tmp_path), rules_file(tmp_path, "no_score"), 2)
    assert got == {
        "check zh": (
            1,
            [
                NONE_ZH.format(sev="错误") + "该表 2 人都将为「缺数据」，没有总分。",
                "月.xlsx · 花名册：识别为「花名册」，表头在第 1 行，2 行数据。",
            ],
        ),
        "check en": (
            1,
            [
                NONE_EN.format(sev="error")
                + "Everyone on the table (2) will be Missing data (缺数据), with no total.",
                "月.xlsx · 花名册: read as roster, header on row 1, 2 data rows.",
            ],
        ),
        "run zh": (
            1,
            [
                NONE_ZH.format(sev="错误") + "该表 2 人都将为「缺数据」，没有总分。",
                "已完成 2026-10 考核：共 2 人，合格 0，不予上岗 0，缺数据 2。",
            ],
        ),
        "run en": (
            1,
            [
                NONE_EN.format(sev="error")
                + "Everyone on the table (2) will be Missing data (缺数据), with no total.",
                "Scored 2026-10: 2 agents. Pass: 0, Not cleared (不予上岗): 0, Missing data (缺数据): 2.",
            ],
        ),
    }
    for lang in ("zh", "en"):
        agents = result_agents(tmp_path, lang)
        assert {a: (r["conclusion"], r["total"]) for a, r in agents.items()} == {
            "K1": ("missing", None),
            "K2": ("missing", None),
        }
        assert (tmp_path / f"out_{lang}" / "2026-10" / "客服绩效_2026-10.xlsx").is_file()


def test_no_agent_has_an_input_of_an_excluded_kpi(tmp_path: Path) -> None:
    """A warning saying the rescaling: 115 points of which 105 are left, ×115/105; run exits 0
    and each 105-point conversion total becomes 115."""
    got = first_lines(tmp_path, satisfaction_month(tmp_path), rules_file(tmp_path, "exclude"), 2)
    assert got["check zh"] == (
        1,
        [
            NONE_ZH.format(sev="警告") + "该指标不计入，每人的总分按 ×115/105 折算。",
            "月.xlsx · 花名册：识别为「花名册」，表头在第 1 行，2 行数据。",
        ],
    )
    assert got["check en"][0] == 1
    assert (
        got["check en"][1][0]
        == NONE_EN.format(sev="warning") + "It is left out and every total rescaled ×115/105."
    )
    assert got["run zh"] == (
        0,
        [
            NONE_ZH.format(sev="警告") + "该指标不计入，每人的总分按 ×115/105 折算。",
            "已完成 2026-10 考核：共 2 人，合格 2，不予上岗 0，缺数据 0。",
        ],
    )
    assert got["run en"] == (
        0,
        [
            NONE_EN.format(sev="warning") + "It is left out and every total rescaled ×115/105.",
            "Scored 2026-10: 2 agents. Pass: 2, Not cleared (不予上岗): 0, Missing data (缺数据): 0.",
        ],
    )
    agents = result_agents(tmp_path, "zh")
    assert {a: r["total"] for a, r in agents.items()} == {"K1": 115.0, "K2": 115.0}


def test_no_agent_has_an_input_of_a_zero_kpi(tmp_path: Path) -> None:
    got = first_lines(tmp_path, satisfaction_month(tmp_path), rules_file(tmp_path, "zero"), 2)
    assert got["check zh"][0] == 1
    assert got["check zh"][1][0] == NONE_ZH.format(sev="警告") + "每人该项都记 0 分。"
    assert got["check en"][0] == 1
    assert got["check en"][1][0] == NONE_EN.format(sev="warning") + "Everyone gets 0 points for it."
    assert got["run zh"] == (
        0,
        [
            NONE_ZH.format(sev="警告") + "每人该项都记 0 分。",
            "已完成 2026-10 考核：共 2 人，合格 2，不予上岗 0，缺数据 0。",
        ],
    )
    assert got["run en"][0] == 0
    assert got["run en"][1][0] == NONE_EN.format(sev="warning") + "Everyone gets 0 points for it."
    assert {a: r["total"] for a, r in result_agents(tmp_path, "en").items()} == {"K1": 105.0, "K2": 105.0}


@pytest.mark.parametrize(
    "policy,zh,en,totals",
    [
        (
            "no_score",
            "这些人将为「缺数据」，没有总分。",
            "They will be Missing data (缺数据), with no total.",
            {"K1": 115.0, "K2": None},
        ),
        (
            "exclude",
            "这些人的该指标不计入，总分按 ×115/105 折算。",
            "It is left out for them and their totals rescaled ×115/105.",
            {"K1": 115.0, "K2": 115.0},
        ),
        ("zero", "这些人该项记 0 分。", "They get 0 points for it.", {"K1": 115.0, "K2": 105.0}),
    ],
)
def test_some_agents_lack_an_input_a_count_line(
    tmp_path: Path, policy: str, zh: str, en: str, totals: dict[str, float | None]
) -> None:
    """K2's 客户满意率 cell is blank: a warning with the count, whatever the policy; check
    exits 1 on the warnings, run 0. K1's 90% falls in the one 10-point band: 105 + 10 = 115;
    K2 has 105 from conversion, then no total, 105 × 115/105, or 105 + 0."""
    book = satisfaction_month(tmp_path, {"K1": "90%"})
    got = first_lines(tmp_path, book, rules_file(tmp_path, policy), 1)
    assert got == {
        "check zh": (1, [SOME_ZH + zh]),
        "check en": (1, [SOME_EN + en]),
        "run zh": (0, [SOME_ZH + zh]),
        "run en": (0, [SOME_EN + en]),
    }
    assert {a: r["total"] for a, r in result_agents(tmp_path, "zh").items()} == totals


def test_more_than_five_agents_lacking_are_cut(tmp_path: Path) -> None:
    ids = [f"K{i}" for i in range(1, 9)]
    roster = [["工号", "姓名", "岗位状态"], *[[a, f"客服{a}", "正式"] for a in ids]]
    rec = [["工号", "日期", "接待人数", "付款订单数", "客户满意率"]] + [
        [a, D, 100, 50, "90%" if a == "K1" else None] for a in ids
    ]
    book = write_xlsx(tmp_path / "月.xlsx", {"花名册": roster, "接待": rec})
    rules = rules_file(tmp_path, "no_score")
    code, out, _ = invoke("check", str(book), "--rules", str(rules))
    assert code == 1
    assert out.splitlines()[0] == (
        "[警告] 考核表「正式」的指标「客户满意率」：8 人中有 7 人没有客户满意率的数据"
        "（工号 K2、K3、K4、K5、K6……；可来自：客户满意率、满意率）。这些人将为「缺数据」，没有总分。"
    )
    code, out, _ = invoke("check", str(book), "--rules", str(rules), "--lang", "en")
    assert out.splitlines()[0] == (
        "[warning] Customer satisfaction (客户满意率) in table 'Regular (正式)': 7 of 8 agents have no data "
        "for Customer satisfaction rate (客户满意率) (agent IDs K2, K3, K4, K5, K6, …; it would come "
        "from: 客户满意率, 满意率). They will be Missing data (缺数据), with no total."
    )


MULTI_ZH = [
    "[警告] 考核表「多维度」的指标「工作态度」：14 人中有 1 人没有抽查数、态度得分的数据（工号 KF011；"
    "可来自：质检抽查表）。这些人将为「缺数据」，没有总分。",
    "[警告] 考核表「多维度」的指标「客户满意率」无法为任何人计算：所有人都没有客户满意率的数据（可来自："
    "客户满意率、满意率）。该指标不计入，每人的总分按 ×115/105 折算。",
]
MULTI_EN = [
    "[warning] Attitude (工作态度) in table 'Multi-dimensional (多维度)': 1 of 14 agents have no data for "
    "Sampled chats (抽查数), Attitude score (态度得分) (agent IDs KF011; it would come from: a sampled "
    "chats sheet). They will be Missing data (缺数据), with no total.",
    "[warning] Customer satisfaction (客户满意率) in table 'Multi-dimensional (多维度)' cannot be "
    "computed for anyone: no agent has data for Customer satisfaction rate (客户满意率) (it would come "
    "from: 客户满意率, 满意率). It is left out and every total rescaled ×115/105.",
]


def test_multi_on_the_sample_month_says_the_missing_satisfaction_once_at_the_top(tmp_path: Path) -> None:
    """The sample month has no 客户满意率: the multi preset's 10-point satisfaction KPI is
    excluded for all 14 agents, each total rescaled ×115/105, said before anything else."""
    code, out, _ = invoke("check", str(SAMPLES), "--rules", "multi")
    lines = out.splitlines()
    assert code == 1 and lines[:2] == MULTI_ZH
    assert sum("客户满意率" in line for line in lines) == 1
    code, out, _ = invoke("check", str(SAMPLES), "--rules", "multi", "--lang", "en")
    assert code == 1 and out.splitlines()[:2] == MULTI_EN
    code, out, _ = invoke("run", str(SAMPLES), "--rules", "multi", "--no-pdf", "--out", str(tmp_path / "zh"))
    assert code == 0
    assert out.splitlines()[:3] == [
        *MULTI_ZH,
        "已完成 2026-10 考核：共 14 人，合格 9，不予上岗 4，缺数据 1。",
    ]
    code, out, _ = invoke(
        "run", str(SAMPLES), "--rules", "multi", "--no-pdf", "--out", str(tmp_path / "en"), "--lang", "en"
    )
    assert code == 0
    assert out.splitlines()[:3] == [
        *MULTI_EN,
        "Scored 2026-10: 14 agents. Pass: 9, Not cleared (不予上岗): 4, Missing data (缺数据): 1.",
    ]


# --- 5. summary rows -------------------------------------------------------------------------------


def test_summary_rows_are_notes_and_a_roster_agent_named_like_one_is_scored(tmp_path: Path) -> None:
    """店铺汇总值 and 总计：10月 (no date) are left out with a note, not an error; 店:平均值 is in
    the roster, so a real agent; drop_rows leaves out the platform's bot. Two agents scored,
    no other row."""
    roster = [
        ["工号", "姓名", "岗位状态", "旺旺"],
        ["K1", "甲", "正式", "店:甲"],
        ["K2", "乙", "正式", "店:平均值"],
    ]
    rec: list[list[Any]] = [
        ["客服", "日期", "接待人数", "付款订单数"],
        ["店:甲", D, 100, 50],
        ["店:平均值", D, 100, 40],
        ["店:智能客服", D, 500, 100],
        ["店铺汇总值", None, 700, 190],
        ["总计：10月", None, 700, 190],
    ]
    book = write_xlsx(tmp_path / "导出.xlsx", {"花名册": roster, "接待": rec})
    mapping = tmp_path / "m.yaml"
    mapping.write_text("drop_rows: [店:智能客服]\n", encoding="utf-8")
    rules = rules_file(tmp_path, "exclude")
    code, out, _ = invoke("check", str(book), "--mapping", str(mapping), "--rules", str(rules))
    lines = out.splitlines()
    assert code == 1  # the excluded 客户满意率 and the missing sheets are warnings
    assert "导出.xlsx · 接待：识别为「接待数据」，表头在第 1 行，2 行数据。" in lines
    assert [line for line in lines if "第 4 行" in line or "第 5 行" in line or "第 6 行" in line] == [
        "[提示] 导出.xlsx，工作表「接待」，第 4 行，A 列（客服）："
        "按映射文件的 drop_rows 排除了此行「店:智能客服」。",
        "[提示] 导出.xlsx，工作表「接待」，第 5 行，A 列（客服）：汇总行「店铺汇总值」已排除，不计入数据。",
        "[提示] 导出.xlsx，工作表「接待」，第 6 行，A 列（客服）：汇总行「总计：10月」已排除，不计入数据。",
    ]
    assert not any(line.startswith("[错误]") for line in lines)
    assert not any("平均值" in line for line in lines)
    code, out, _ = invoke(
        "check", str(book), "--mapping", str(mapping), "--rules", str(rules), "--lang", "en"
    )
    assert [line for line in out.splitlines() if any(f"row {n}" in line for n in (4, 5, 6))] == [
        "[note] 导出.xlsx sheet '接待' row 4 column A (客服): Row '店:智能客服' left out, as the "
        "mapping file's drop_rows says.",
        "[note] 导出.xlsx sheet '接待' row 5 column A (客服): Summary row '店铺汇总值' excluded from "
        "the data.",
        "[note] 导出.xlsx sheet '接待' row 6 column A (客服): Summary row '总计：10月' excluded from "
        "the data.",
    ]
    code, out, _ = invoke(
        "run",
        str(book),
        "--mapping",
        str(mapping),
        "--rules",
        str(rules),
        "--no-pdf",
        "--out",
        str(tmp_path / "out_zh"),
    )
    assert code == 0
    assert "已完成 2026-10 考核：共 2 人，合格 2，不予上岗 0，缺数据 0。" in out.splitlines()
    agents = result_agents(tmp_path, "zh")
    assert sorted(agents) == ["K1", "K2"]
    conversion = {a: next(k for k in r["kpis"] if k["kpi_id"] == "conversion") for a, r in agents.items()}
    assert {a: (k["numerator"], k["denominator"]) for a, k in conversion.items()} == {
        "K1": (50.0, 100.0),
        "K2": (40.0, 100.0),
    }


def test_an_account_named_like_one_roster_agent_is_that_agent_and_said(tmp_path: Path) -> None:
    """An export naming agents by their real name: the roster's 姓名 says who, when only one
    agent has it; another name stays an account not in the roster."""
    roster = [
        ["工号", "姓名", "组别"],
        ["K1", "张三", "一组"],
        ["K2", "李四", "一组"],
        ["K3", "李四", "二组"],
    ]
    data = [
        ["日期", "客服", "接待人数", "咨询人数", "回复人数"],
        ["2026-10-01", "张三", 10, 10, 9],
        ["2026-10-01", "李四", 10, 10, 9],
    ]
    write_xlsx(tmp_path / "花名册.xlsx", {"花名册": roster})
    write_xlsx(tmp_path / "导出.xlsx", {"数据": data})
    code, out, _ = invoke("check", str(tmp_path))
    lines = out.splitlines()
    assert code == 1
    assert (
        "[提示] 导出.xlsx，工作表「数据」，第 2 行，B 列（旺旺）："
        "旺旺/客服账号「张三」不在花名册的「旺旺」列中，但与花名册中工号 K1 的姓名相同，已按 K1 计分；"
        "如不对，请在花名册的「旺旺」列写明这个账号。"
    ) in lines
    # Two agents are called 李四: a guess either way, so it is not made.
    assert any("旺旺/客服账号「李四」在花名册的「旺旺」列中找不到对应工号" in line for line in lines)
    _code, out_en, _ = invoke("check", str(tmp_path), "--lang", "en")
    assert (
        "[note] 导出.xlsx sheet '数据' row 2 column B (旺旺): Sub-account '张三' is not in the roster's "
        "sub-account (旺旺) column but is the name of agent K1 in the roster, so it is scored as K1; if "
        "that is wrong, write the account in that column of the roster."
    ) in out_en.splitlines()


def test_two_derivations_of_one_sheet_are_two_notes_and_json_agrees(tmp_path: Path) -> None:
    data: list[list[Any]] = [
        ["日期", "工号", "接待人数", "咨询人数", "不服务率", "差评率"],
        ["2026-10-01", "K1", 10, 10, "10.00%", "5.00%"],
    ]
    write_xlsx(tmp_path / "导出.xlsx", {"数据": data})
    mapping = tmp_path / "m.yaml"
    mapping.write_text("derive:\n  客户满意率: 1 - 差评率\n", encoding="utf-8")
    _code, out, _ = invoke("check", str(tmp_path / "导出.xlsx"), "--mapping", str(mapping))
    lines = out.splitlines()
    assert "  用于 derive 计算：F 差评率" in lines
    for formula in ("客户满意率 = 1 − 差评率", "回复人数 = 咨询人数 × (1 − 不服务率)"):
        assert f"[提示] 导出.xlsx，工作表「数据」：此表没有直接给出这一项，已按 {formula} 计算。" in lines
    _code, out, _ = invoke("check", str(tmp_path / "导出.xlsx"), "--mapping", str(mapping), "--json")
    report = json.loads(out)
    assert not [p for p in report["problems"] if p["type"] == "sheet.unmapped_column"]
    [sheet] = report["sheets"]
    assert next(c["fate"] for c in sheet["columns"] if c["header"] == "差评率") == "derived"


def test_a_shop_named_with_a_summary_word_keeps_its_rows_and_a_bad_rate_names_the_ratio(
    tmp_path: Path,
) -> None:
    """汇总优选旗舰店 is a shop, not a summary label; a bad 不服务率 cell takes its row out of the
    reply rate, whose 回复人数 it derives."""
    roster: list[list[Any]] = [["工号", "姓名", "组别", "旺旺"], ["A01", "甲", "一组", "店:甲"]]
    data: list[list[Any]] = [
        ["店铺", "日期", "客服", "接待人数", "咨询人数", "不服务率"],
        ["汇总优选旗舰店", "2026-10-01", "店:甲", 10, 10, "10.00%"],
        ["汇总优选旗舰店", "2026-10-02", "店:甲", 10, 10, "abc"],
        ["汇总优选旗舰店", "2026-10-03", "全店合计", 20, 20, "-"],
    ]
    write_xlsx(tmp_path / "花名册.xlsx", {"花名册": roster})
    write_xlsx(tmp_path / "导出.xlsx", {"数据": data})
    _code, out, _ = invoke("check", str(tmp_path))
    lines = out.splitlines()
    assert "导出.xlsx · 数据：识别为「接待数据」，表头在第 1 行，2 行数据。" in lines
    assert (
        "[错误] 导出.xlsx，工作表「数据」，第 3 行，F 列（不服务率）：「abc」不是有效的数字，此值按缺失处理。"
        "该行不计入以下比率的分子和分母：回复率。"
    ) in lines
    # The summary row's own cells ("-") say nothing: the row is left out whole.
    assert [line for line in lines if "第 4 行" in line] == [
        "[提示] 导出.xlsx，工作表「数据」，第 4 行，C 列（客服）：汇总行「全店合计」已排除，不计入数据。"
    ]
    _code, out, _ = invoke("check", str(tmp_path), "--lang", "en")
    assert (
        "[error] 导出.xlsx sheet '数据' row 3 column F (不服务率): 'abc' is not a valid number; treated as "
        "missing. The row is left out of both sides of: Reply rate (回复率)."
    ) in out.splitlines()


def test_a_declared_field_cannot_take_the_name_of_a_monthly_total(tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text("fields:\n  迟到次数:\n    column: 迟到\n    unit: count\n", encoding="utf-8")
    code, _, err = invoke("check", str(tmp_path), "--mapping", str(mapping))
    assert (code, err) == (
        2,
        f"错误：表头映射文件 {mapping} 第 2 行：「迟到次数」已是 csreport 的字段「迟到次数」，不必声明；"
        "请在 columns 段把列映射到「迟到次数」\n",
    )
