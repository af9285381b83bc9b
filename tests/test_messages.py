"""The one message catalogue: every entry in both languages, every code a user can meet defined,
and no sentence for a user written anywhere else in the package."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from csreport.messages import MESSAGES, Note, both, translate

PACKAGE = Path(__file__).resolve().parents[1] / "csreport"
CATALOGUE = PACKAGE / "messages"
# Han characters, CJK punctuation (、。「」 and the ideographic space) and full-width forms (（）：＝).
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

# Codes whose languages deliberately differ in their placeholders, and why.
PLACEHOLDERS_DIFFER = {
    "rules.wb_sheet_name": "English names the rules workbook's sheet in both languages (either may be open)",
    "os.other": "the operating system's own words for an error are English; Chinese shows only its name",
    "cli.bad_value": "click's own detail is English; Chinese shows only the option's name",
}

# Data, not sentences: words csreport recognises in input cells and headers or writes as the
# rules' own values. Each module (relative to csreport/) -> why its Chinese is data, and the
# very literals allowed: a new Chinese string in one of these modules fails like anywhere else.
# Generated from the tree and checked by eye, literal by literal.
DATA: dict[str, tuple[str, set[str]]] = {
    "cli/common.py": (
        "the default output folder's name (报表), a folder on disk",
        {
            "报表",
        },
    ),
    "domain.py": (
        "attendance statuses, post statuses, satisfaction levels, summary-row markers and the ten "
        "attitude items: values read from cells",
        {
            "未评价",
            "一般",
            "不满意",
            "休息",
            "促成交易力度",
            "出勤",
            "合计",
            "均值",
            "处理技巧",
            "小计",
            "平均",
            "平均值",
            "总计",
            "承担责任",
            "早退",
            "旷工",
            "档内优惠理解",
            "正式",
            "正确性",
            "汇总",
            "汇总值",
            "流程全面,服务规范",
            "满意",
            "熟练性",
            "积极主动",
            "聊天话术运用适当",
            "试用期",
            "请假",
            "购买意向引导",
            "迟到",
            "非常不满意",
            "非常满意",
        },
    ),
    "inputs/cells.py": (
        "spellings of attendance and post statuses recognised in cells",
        {
            "事假",
            "产假",
            "休",
            "休息",
            "出勤",
            "婚假",
            "实习",
            "实习期",
            "年假",
            "旷工",
            "正常",
            "正常出勤",
            "正式",
            "正式员工",
            "病假",
            "缺勤",
            "试用",
            "试用期",
            "请假",
            "调休",
            "转正",
            "轮休",
        },
    ),
    "inputs/dataset.py": (
        "the year written in file names (2026年10月考勤.xlsx), a regex",
        {
            "(20\\d\\d)\\s*(?:年|[-/._]?\\s*\\d{1,2})",
        },
    ),
    "inputs/headers.py": (
        "header patterns (seconds, asterisks) and a header recognised in header rows",
        {
            "[\\s*＊]+",
            "态度得分/十项评分",
            "秒|\\(s\\)",
        },
    ),
    "inputs/identity.py": (
        "separators recognised in the roster's sub-account cells, and its 旺旺 header",
        {
            "[,，;；/、\\s]+",
            "[:：]",
            "旺旺",
        },
    ),
    "inputs/tables.py": (
        "the prefixes a total row's label may have before its marker (店铺汇总值, 全店合计), and "
        "the colon that may follow it (总计：10月)",
        {"^(?:店铺|全店|本店|全部)?(?:", ")值?(?:[:：].*)?$|^(?:"},
    ),
    "inputs/mapping.py": (
        "the words a mapping file may use for 'ignore this column', for a unit and for a month, and "
        "the symbols a header holds that a formula's name cannot",
        {
            r"[（）【】\[\]%/>＞：:、，]",
            "不使用",
            "百分比",
            "秒",
            "个",
            "次",
            "人",
            "数量",
            "元",
            "金额",
            "分",
            "得分",
            "求和",
            "合计",
            "加总",
            "平均",
            "平均值",
            "日均",
            r"^(?:weightedby(?P<a>.+)|按(?P<b>.+?)加权(?:平均)?|(?P<c>.+?)加权(?:平均)?)$",
            "忽略",
        },
    ),
    "inputs/values.py": (
        "date, duration, yes/no and no-value spellings recognised in cells (regexes)",
        {
            "\\s*(?:至|到|~|～|—)\\s*",
            "^(?:(?P<h>\\d+(?:\\.\\d+)?)\\s*(?:小时|时|h|hr|hrs|hour|hours))?\\s*(?:(?P<m>\\d+(?:\\.\\d+)?)\\s*(?:分钟|分|m|min|mins|minute|minutes))?\\s*(?:(?P<s>\\d+(?:\\.\\d+)?)\\s*(?:秒钟|秒|s|sec|secs|second|seconds))?$",
            "^(\\d{1,2})\\s*[月/.-]\\s*(\\d{1,2})\\s*日?$",
            "^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T].*)?$",
            "^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*月?$",
            "元",
            "否",
            "延迟统计",
            "无",
            "日",
            "是",
            "月",
            "有",
        },
    ),
    "outputs/xlsx/workbook.py": (
        "the full-width ampersand put for '&' in a page header XlsxWriter would misread",
        {
            "＆",
        },
    ),
    "fields.py": (
        "the aggregates' canonical Chinese names, which rules formulas may use",
        {
            "付款订单数",
            "休息天数",
            "出勤天数",
            "同类差错最多次数",
            "咨询人数",
            "回复人数",
            "客户满意率",
            "差错数",
            "平均响应时长",
            "店铺风险数",
            "态度得分",
            "抽查数",
            "接待人数",
            "早退次数",
            "旷工天数",
            "询单人数",
            "询单付款人数",
            "请假天数",
            "迟到次数",
            "销售额",
            "首次响应时长",
        },
    ),
    "rules/lint.py": (
        "the input fields applies_to matches on (岗位状态, 组别), and the Chinese bracket before which a "
        "finding drops the space an interval leaves",
        {
            " （",
            "岗位状态",
            "组别",
            "（",
        },
    ),
    "rules/loader.py": (
        "the presets' Chinese aliases users type",
        {
            "多维度",
            "字面",
            "标准",
            "标准考核",
            "正式",
            "试用期",
        },
    ),
    "rules/model.py": (
        "the input fields applies_to matches on",
        {
            "接待人数",
            "一般",
            "岗位状态",
            "组别",
        },
    ),
    "rules/written.py": (
        "the comparison signs and units of literally written bands",
        {
            "\\s*(?:(?P<num>-?\\d+(?:\\.\\d+)?)\\s*(?P<unit>%|秒|s|S)?|(?P<op><=|>=|≤|≥|＜=|＞=|<|>|＜|＞|=)|(?P<var>[^\\d\\s<>=≤≥＜＞%.-][^\\d\\s<>=≤≥＜＞%]*))",
            "＜",
            "＜=",
            "＞",
            "＞=",
        },
    ),
    "rules/workbook/transfer.py": (
        "the Chinese form of rules.error_line, recognised to name cells",
        {
            "(?:第 \\d+ 行|line \\d+) (\\S+):",
        },
    ),
    "rules/workbook/layout.py": (
        "the English header of the 系数 block in rules workbooks exported before it was glossed, "
        "still recognised on import",
        {
            "系数 (level \\ grade)",
        },
    ),
    "rules/workbook/parse.py": (
        "separators and the equals sign recognised in the rules workbook's applies_to cells",
        {
            "[;；\\n]",
            "＝",
        },
    ),
    "scoring/aggregate.py": (
        "attendance statuses counted per agent",
        {
            "休息",
            "早退",
            "旷工",
            "请假",
            "迟到",
        },
    ),
    "util/sample_manifest.py": (
        "the hidden manifest sheet's name in a QA task workbook, the same in every language",
        {
            "抽样清单",
        },
    ),
    "inputs/satisfaction.py": (
        "the short and platform forms of the five satisfaction words: values read from cells",
        {
            r"^([一二两三四五])颗?星$",
            "一二两三四五",
            "非常满意",
            "满意",
            "一般",
            "不满意",
            "非常不满意",
            "很满意",
            "十分满意",
            "较满意",
            "比较满意",
            "基本满意",
            "中评",
            "不满",
            "较不满意",
            "很不满意",
            "很不满",
            "非常不满",
            "十分不满意",
            "未评",
            "无评价",
            "未评价满意度",
            r"^([1-5])(?:\.0+)?\s*(?:星|分|颗星|stars?)?$",
        },
    ),
    "rules/sampling.py": (
        "what a sampling rate is of (接待人数, 可抽会话): values a rules file writes and csreport "
        "sample reads",
        {
            "接待人数",
            "可抽会话",
        },
    ),
    "office/setup.py": (
        "the drop folder's name (输入), a folder on disk like 报表, the same in every language",
        {"输入"},
    ),
    "util/report_names.py": (
        "the fixed names of csreport's own files and write-back sheet (客服绩效_…, …_考核结果, "
        "处理记录.xlsx), the same in every language",
        {
            "说明",
            "填写说明",
            "使用说明",
            "质检任务单_",
            "质检任务",
            "抽样说明",
            "校准报告_",
            "处理记录.xlsx",
            " (恢复)",
            "_考核结果",
            "客服绩效_",
            "考核结果",
            "评审_",
            "晋级评审_",
            "评审表",
            "花名册_",
        },
    ),
}

# PENDING: modules other helpers are rewriting in this same change, and sentences of this
# helper's modules not yet moved. Empty this list when they are done.
PENDING: set[str] = set()

# Calls whose first argument is a catalogue code.
CODE_CALLS = {"Problem", "CsreportError", "both", "translate", "of", "Note", "FormulaError"}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if CATALOGUE in path.parents:
            continue
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text("utf-8"))


def _docstrings(tree: ast.Module) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _called(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


# --- (a) every entry in both languages -------------------------------------------------------


EMPTY_IN_CHINESE = {"sentence.sep"}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_entry_has_both_languages_with_the_same_placeholders(code: str) -> None:
    zh, en = MESSAGES[code]
    # A separator may be only a space (the ideographic space of Chinese); between two
    # Chinese sentences, each ending in 。, there is nothing at all.
    assert (zh or code in EMPTY_IN_CHINESE) and en
    if code not in PLACEHOLDERS_DIFFER:
        assert _placeholders(zh) == _placeholders(en)


def test_every_placeholder_exception_is_a_real_code() -> None:
    assert set(PLACEHOLDERS_DIFFER) <= set(MESSAGES)


# --- (b) no code reaches a user raw ----------------------------------------------------------


def _codes_used() -> list[tuple[str, int, str]]:
    """(module, line, code) for every literal code the package passes to a lookup."""
    found = []
    for module, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, args = _called(node), node.args
            if (
                name in CODE_CALLS
                and args
                and isinstance(args[0], ast.Constant)
                and isinstance(args[0].value, str)
            ):
                if name == "of" and not (
                    isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "Note"
                ):
                    continue
                found.append((module, node.lineno, args[0].value))
            elif name == "add" and module == "rules/lint.py" and args and isinstance(args[0], ast.Constant):
                found.append((module, node.lineno, f"lint.{args[0].value}"))
            elif (
                name == "add"
                and len(args) > 1
                and isinstance(args[1], ast.Constant)
                and isinstance(args[1].value, str)
                and args[1].value.startswith("rules.")
            ):
                found.append((module, node.lineno, args[1].value))
    return found


def test_the_walk_finds_the_lookups() -> None:
    codes = {code for *_, code in _codes_used()}
    assert {
        "file.corrupt",
        "rules.invalid",
        "lint.gap",
        "rules.e.missing_key",
        "formula.unknown_field",
        "kpi.no_samples",
    } <= codes


def test_every_literal_code_is_in_the_catalogue() -> None:
    missing = [f"{m}:{line}: {code}" for m, line, code in _codes_used() if code not in MESSAGES]
    assert missing == []


def test_dotted_literals_of_catalogue_namespaces_are_codes() -> None:
    """A code may also reach a lookup through a variable or a helper; any literal that looks like
    a code of one of the catalogue's namespaces must be one."""
    spaces = {code.split(".")[0] for code in MESSAGES}
    # File names ("scorecard.html") are not codes; a literal ending in "_" is a code's prefix.
    looks = re.compile(r"^([a-z_]+)\.[a-z_0-9]*[a-z0-9](\.[a-z_0-9]+)*$")
    files = re.compile(r"\.(html|css|xml|bin|xlsx|yaml|json|pdf|csv)$")
    missing = []
    for module, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                m = looks.match(node.value)
                if m and m.group(1) in spaces and not files.search(node.value) and node.value not in MESSAGES:
                    missing.append(f"{module}:{node.lineno}: {node.value}")
    assert missing == []


def test_unknown_code_shows_the_code_and_never_raises() -> None:
    assert translate("no.such.code", "en") == "no.such.code"
    assert translate("no.such.code", "zh", n=1) == "no.such.code {'n': 1}"


def test_a_note_and_both_pick_the_readers_language() -> None:
    note = Note.of("kpi.few_samples", n=2, least=5)
    assert note.text("zh") == "抽查记录不足（2 条，至少需要 5 条）"
    assert note.text("en") == "Too few sampled chats (2, at least 5 needed)"
    assert both("conclusion.fail") == ("不予上岗", "Not cleared (不予上岗)")


# --- (c) no sentence for a user outside the catalogue ----------------------------------------


def _chinese_literals() -> dict[str, dict[str, list[int]]]:
    """module -> each Chinese string literal outside docstrings -> the lines it is on."""
    found: dict[str, dict[str, list[int]]] = {}
    for module, tree in _modules():
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and CHINESE.search(node.value)
            ):
                found.setdefault(module, {}).setdefault(node.value, []).append(node.lineno)
    return found


def test_no_chinese_outside_the_catalogue_but_data() -> None:
    unexpected: dict[str, list[str]] = {}
    for module, literals in _chinese_literals().items():
        if any(module == p or (p.endswith("/") and module.startswith(p)) for p in PENDING):
            continue
        allowed = DATA[module][1] if module in DATA else set()
        for text, lines in literals.items():
            if text not in allowed:
                unexpected.setdefault(module, []).append(f"{lines[0]}: {text[:40]!r}")
    assert unexpected == {}


def test_every_allowed_literal_is_still_there() -> None:
    """An allowance outlives its literal only to hide the next sentence: remove it with the literal."""
    literals = _chinese_literals()
    stale = {
        module: sorted(allowed - set(literals.get(module, {})))
        for module, (_why, allowed) in DATA.items()
        if allowed - set(literals.get(module, {}))
    }
    assert stale == {}


def test_allowlists_name_real_modules() -> None:
    for module in (*DATA, *PENDING):
        assert (PACKAGE / module).is_dir() if module.endswith("/") else (PACKAGE / module).is_file(), module


# --- (d) English entries are English ---------------------------------------------------------

# What an English entry may hold in Chinese: a "(中文)" gloss right after an English word or a
# quoted value ("Level (级别)", "Not cleared (不予上岗)", "'正式' (regular)"), and a value the
# user types or a header the user's file has, quoted ('是', '岗位状态=试用期').
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_GLOSS = re.compile(r"(?<=[A-Za-z')]) \([^()]*\)")
_QUOTED = re.compile(r"'[^']*'")


def bare_chinese(english: str) -> str:
    """The Chinese left in an English text once placeholders, glosses and quoted values are out."""
    text = _PLACEHOLDER.sub("", english)
    text = _GLOSS.sub(lambda m: "" if CHINESE.search(m.group(0)) else m.group(0), text)
    text = _QUOTED.sub("", text)
    return "".join(CHINESE.findall(text))


def test_the_english_check_sees_bare_chinese_and_passes_glosses() -> None:
    assert bare_chinese("工号 {agent} has no data") == "工号"
    assert bare_chinese("系数 by 级别 × grade:") == "系数级别"
    assert bare_chinese("percentile in 组别（1 = best）") == "组别（）"
    assert bare_chinese("Agent ID (工号) {agent}: the level (级别) '{level}'") == ""
    assert bare_chinese("should be '是' (yes) or '否' (no)") == ""


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_english_entry_has_no_bare_chinese(code: str) -> None:
    assert bare_chinese(MESSAGES[code][1]) == "", MESSAGES[code][1]
