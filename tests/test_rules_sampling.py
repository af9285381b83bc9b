"""The rules' ``sampling:`` block: read exactly, refused with its line and key, linted, written back
and said in a manager's words.

Hand-written rules files for every error (the exact message in both languages); the shipped
presets' block with the standard's exact values; a key left out taking the standard's value;
shares kept as exact fractions; the linter's warnings; the YAML round trip; ``rules show`` and
the results workbook's 规则 sheet.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from csreport.outputs.xlsx.workbook import write_workbook
from csreport.problems import CsreportError
from csreport.rules.lint import lint
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.model import SamplingRules
from csreport.rules.sampling import parse_share, percent_text, standard_sampling, stratum_of
from csreport.rules.serialize import dump_rules_yaml, rules_equal
from csreport.rules.show import show_rules
from tests.test_rules_sheet import rows, sample_month, trimmed

TABLE = """name: t
tables:
  - id: t
    name: 表
    total: 100
    kpis:
      - {id: k, name: 指标, weight: 100, input: late, unit: count, bands: [{range: "[0, inf)", points: 100}]}
"""
STANDARD_MIX = (
    ("非常满意", Fraction(1, 10)),
    ("满意", Fraction(1, 10)),
    ("一般", Fraction(3, 10)),
    ("不满意", Fraction(1, 5)),
    ("非常不满意", Fraction(3, 10)),
)
ERROR_TYPES = ("答复错误", "漏答/未回复", "流程不规范", "推荐错误", "优惠解释错误", "态度问题", "其他")
STANDARD = SamplingRules(
    rate=Fraction(1, 50),
    of="接待人数",
    minimum=5,
    maximum=30,
    fixed=None,
    mix=STANDARD_MIX,
    unrated="一般",
    shortfall=("非常不满意", "不满意", "一般", "满意", "非常满意"),
    min_messages=3,
    error_types=ERROR_TYPES,
)
FULL = (
    "sampling:\n"
    "  per_agent: {rate: 2%, of: 接待人数, min: 5, max: 30}\n"
    "  mix: {非常满意: 10%, 满意: 10%, 一般: 30%, 不满意: 20%, 非常不满意: 30%}\n"
    "  unrated: 一般\n"
    "  shortfall: [非常不满意, 不满意, 一般, 满意, 非常满意]\n"
    "  eligible: {min_messages: 3}\n"
    "  error_types: [答复错误, 漏答/未回复, 流程不规范, 推荐错误, 优惠解释错误, 态度问题, 其他]\n"
)


def sampling_of(block: str) -> SamplingRules:
    found = parse_rules(TABLE + block).sampling
    assert found is not None
    return found


def refused(text: str) -> tuple[str, str]:
    """The loader's message for ``text`` in Chinese and in English."""
    with pytest.raises(CsreportError) as caught:
        parse_rules(text, source="r.yaml")
    return caught.value.message("zh"), caught.value.message("en")


# ---- the presets -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["standard", "literal", "multi", "examples/my_rules.yaml"])
def test_every_shipped_rules_file_has_the_standards_block(name: str) -> None:
    rules = load_rules(name)
    assert rules.sampling == STANDARD
    # Exact fractions: 2% is one fiftieth, and the shares add up to exactly one.
    assert rules.sampling.rate == Fraction(2, 100) and type(rules.sampling.rate) is Fraction
    assert sum(share for _, share in rules.sampling.mix) == 1
    assert [f for f in lint(rules) if f.code.startswith("sampling")] == []


def test_the_standards_values_come_from_the_standard_preset() -> None:
    assert standard_sampling() == load_rules("standard").sampling == STANDARD


def test_rules_without_the_block_have_none() -> None:
    assert parse_rules(TABLE).sampling is None
    assert parse_rules(TABLE + "sampling:\n").sampling is None  # an empty key says nothing


# ---- reading ----------------------------------------------------------------------------------------


def test_the_full_block_is_read() -> None:
    assert sampling_of(FULL) == STANDARD


@pytest.mark.parametrize(
    "written,share",
    [
        ("2%", Fraction(1, 50)),
        ("0.02", Fraction(1, 50)),
        ("12.5%", Fraction(1, 8)),
        ("0.125", Fraction(1, 8)),
        ("100%", Fraction(1)),
        ("1", Fraction(1)),
        ('"3%"', Fraction(3, 100)),
    ],
)
def test_a_rate_is_read_exactly(written: str, share: Fraction) -> None:
    assert sampling_of(f"sampling:\n  per_agent: {{rate: {written}}}\n").rate == share


def test_shares_as_written() -> None:
    assert parse_share("2%") == Fraction(1, 50)
    assert parse_share(" 33.5 % ") == Fraction(67, 200)
    assert parse_share(0.1) == Fraction(1, 10)  # the float YAML gives, read as written
    assert parse_share(0.3) == Fraction(3, 10)
    assert parse_share(1) == Fraction(1)
    assert [parse_share(x) for x in ("1/3", "两成", "", "%", True, None, [1])] == [None] * 7
    assert [percent_text(x) for x in (Fraction(1, 50), Fraction(1, 8), Fraction(1), Fraction(0))] == [
        "2%",
        "12.5%",
        "100%",
        "0%",
    ]
    assert percent_text(Fraction(1, 3)) == "33.333333%"


def test_a_fixed_number_and_a_share_of_the_eligible_chats() -> None:
    fixed = sampling_of("sampling:\n  per_agent: 8\n")
    assert (fixed.rate, fixed.fixed, fixed.minimum, fixed.maximum) == (None, 8, 8, 8)
    for of in ("可抽会话", "eligible", "Eligible"):
        got = sampling_of(f"sampling:\n  per_agent: {{rate: 3%, of: {of}, min: 0, max: 12}}\n")
        assert (got.rate, got.of, got.minimum, got.maximum, got.fixed) == (
            Fraction(3, 100),
            "可抽会话",
            0,
            12,
            None,
        )
    assert sampling_of("sampling:\n  per_agent: {of: received}\n").of == "接待人数"


def test_keys_left_out_take_the_standards_values() -> None:
    got = sampling_of("sampling:\n  per_agent: {rate: 3%}\n  eligible: {}\n")
    assert got == SamplingRules(**{**STANDARD.__dict__, "rate": Fraction(3, 100)})
    assert sampling_of("sampling: {}\n") == STANDARD
    assert sampling_of("sampling:\n  per_agent: {max: 10}\n").maximum == 10


@pytest.mark.parametrize(
    ("unrated", "stratum"),
    [("一般", "一般"), ("非常不满意", "非常不满意"), ("未评价", "未评价"), ("exclude", None)],
)
def test_the_stratum_a_chat_counts_in(unrated: str, stratum: str | None) -> None:
    rules = SamplingRules(**{**STANDARD.__dict__, "unrated": unrated})
    assert stratum_of("未评价", rules) == stratum
    # A rated chat counts in its own word's stratum whatever the rules say of unrated ones.
    words = ["非常满意", "满意", "一般", "不满意", "非常不满意"]
    assert [stratum_of(w, rules) for w in words] == words


def test_unrated_chats_and_no_message_minimum() -> None:
    own = sampling_of(
        "sampling:\n"
        "  mix: {非常满意: 10%, 满意: 10%, 一般: 20%, 不满意: 20%, 非常不满意: 30%, 未评价: 10%}\n"
        "  unrated: 未评价\n"
        "  shortfall: [非常不满意, 未评价, 不满意]\n"
    )
    assert own.mix[-1] == ("未评价", Fraction(1, 10)) and own.unrated == "未评价"
    assert own.shortfall == ("非常不满意", "未评价", "不满意")
    assert sampling_of("sampling:\n  unrated: exclude\n").unrated == "exclude"
    assert sampling_of("sampling:\n  unrated: Exclude\n").unrated == "exclude"
    assert sampling_of("sampling:\n  unrated: 非常不满意\n").unrated == "非常不满意"
    # At least 0 messages, or none written, is no minimum.
    assert sampling_of("sampling:\n  eligible: {min_messages: 0}\n").min_messages is None
    assert sampling_of("sampling:\n  eligible: {min_messages: null}\n").min_messages is None
    assert sampling_of("sampling:\n  shortfall: []\n  error_types: []\n").shortfall == ()


# ---- refused --------------------------------------------------------------------------------------

STRATA_ZH = "非常满意、满意、一般、不满意、非常不满意"
STRATA_EN = (
    "very satisfied (非常满意), satisfied (满意), neutral (一般), dissatisfied (不满意), "
    "very dissatisfied (非常不满意)"
)
KEYS = "per_agent, mix, unrated, shortfall, eligible, error_types"


@pytest.mark.parametrize(
    "block,line,path,zh,en",
    [
        (
            "sampling: [2%]\n",
            8,
            "sampling",
            f"抽样规则（sampling）应为键值结构，可写的项：{KEYS}",
            f"sampling should be a mapping of: {KEYS}",
        ),
        (
            "sampling:\n  per_agent: 8\n  sample_size: 10\n",
            10,
            "sampling.sample_size",
            f"「sample_size」不是抽样规则的项：可写的有 {KEYS}",
            f"'sample_size' is not a sampling setting: use {KEYS}",
        ),
        (
            "sampling:\n  per_agent: 0\n",
            9,
            "sampling.per_agent",
            "固定抽查条数「0」应为不小于 1 的整数",
            "the fixed number of chats '0' should be a whole number of at least 1",
        ),
        (
            "sampling:\n  per_agent: 7.5\n",
            9,
            "sampling.per_agent",
            "固定抽查条数「7.5」应为不小于 1 的整数",
            "the fixed number of chats '7.5' should be a whole number of at least 1",
        ),
        (
            "sampling:\n  per_agent: 2%\n",
            9,
            "sampling.per_agent",
            "每人抽查条数应写成 {rate: 2%, of: 接待人数, min: 5, max: 30}，或一个固定条数，如 8",
            "per_agent should be written {rate: 2%, of: 接待人数, min: 5, max: 30}, or a fixed number of "
            "chats such as 8",
        ),
        (
            "sampling:\n  per_agent:\n    rate: 2%\n    most: 30\n",
            11,
            "sampling.per_agent.most",
            "「most」不是 per_agent 的项：可写的有 rate, of, min, max",
            "'most' is not a per_agent setting: use rate, of, min, max",
        ),
        (
            "sampling:\n  per_agent: {rate: 两成}\n",
            9,
            "sampling.per_agent.rate",
            "「两成」不是百分比：请写成 10% 或 0.1",
            "'两成' is not a percentage: write 10% or 0.1",
        ),
        (
            "sampling:\n  per_agent: {rate: 2}\n",
            9,
            "sampling.per_agent.rate",
            "抽查比例「2」应大于 0 且不超过 100%（百分比请带 %，如 2%）",
            "the rate '2' should be above 0 and at most 100% (write a percentage with %, e.g. 2%)",
        ),
        (
            "sampling:\n  per_agent: {rate: 0%}\n",
            9,
            "sampling.per_agent.rate",
            "抽查比例「0%」应大于 0 且不超过 100%（百分比请带 %，如 2%）",
            "the rate '0%' should be above 0 and at most 100% (write a percentage with %, e.g. 2%)",
        ),
        (
            "sampling:\n  per_agent: {rate: 2%, of: 客户数}\n",
            9,
            "sampling.per_agent.of",
            "「客户数」不是抽查比例的基数：请写 接待人数（该客服的全部会话）"
            "或 可抽会话（其中可以抽查的会话）",
            "'客户数' is not what the rate is of: write '接待人数' (or received: every chat of the agent) or "
            "'可抽会话' (or eligible: those that may be sampled)",
        ),
        (
            "sampling:\n  per_agent: {min: -1}\n",
            9,
            "sampling.per_agent.min",
            "「-1」应为不小于 0 的整数",
            "'-1' should be a whole number, 0 or more",
        ),
        (
            "sampling:\n  per_agent: {max: 12.5}\n",
            9,
            "sampling.per_agent.max",
            "「12.5」应为不小于 0 的整数",
            "'12.5' should be a whole number, 0 or more",
        ),
        (
            "sampling:\n  per_agent: {min: 40}\n",
            9,
            "sampling.per_agent.min",
            "最少条数 40 大于最多条数 30",
            "the minimum, 40 chats, is above the maximum, 30",
        ),
        (
            "sampling:\n  mix: [非常满意, 满意]\n",
            9,
            "sampling.mix",
            "满意度比例（mix）应写成 {非常满意: 10%, 满意: 10%, 一般: 30%, 不满意: 20%, 非常不满意: 30%}",
            "mix should be written {非常满意: 10%, 满意: 10%, 一般: 30%, 不满意: 20%, 非常不满意: 30%}",
        ),
        (
            "sampling:\n  mix: {非常满意: 10%, 满意: 10%, 一般: 30%, 不满意: 20%, 很不满意: 30%}\n",
            9,
            "sampling.mix.很不满意",
            f"「很不满意」不是满意度：只能写 {STRATA_ZH}、未评价",
            f"'很不满意' is not a satisfaction rating: use {STRATA_EN}, unrated (未评价)",
        ),
        (
            "sampling:\n  mix:\n    非常满意: 10%\n    满意: 一成\n",
            11,
            "sampling.mix.满意",
            "「一成」不是百分比：请写成 10% 或 0.1",
            "'一成' is not a percentage: write 10% or 0.1",
        ),
        (
            "sampling:\n  mix: {非常满意: 150%}\n",
            9,
            "sampling.mix.非常满意",
            "比例「150%」应在 0% 到 100% 之间（百分比请带 %，如 30%）",
            "the share '150%' should be from 0% to 100% (write a percentage with %, e.g. 30%)",
        ),
        (
            "sampling:\n  mix: {非常满意: 10%, 满意: 10%, 一般: 30%, 不满意: 20%, 非常不满意: 25%}\n",
            9,
            "sampling.mix",
            "各满意度的比例相加为 95%，应正好是 100%",
            "the shares add up to 95%, not exactly 100%",
        ),
        (
            # Exactly: 0.1 + 0.1 + 0.3 + 0.2 + 0.305 is 1.005, whatever floats would make of it.
            "sampling:\n  mix: {非常满意: 0.1, 满意: 0.1, 一般: 0.3, 不满意: 0.2, 非常不满意: 0.305}\n",
            9,
            "sampling.mix",
            "各满意度的比例相加为 100.5%，应正好是 100%",
            "the shares add up to 100.5%, not exactly 100%",
        ),
        (
            "sampling:\n  unrated: 中评\n",
            9,
            "sampling.unrated",
            "「中评」不是未评价会话的处理方式：写 exclude 表示不抽，"
            f"写 未评价 表示单独一层（在 mix 中给出比例），或写一个满意度表示算作该层：{STRATA_ZH}",
            "'中评' is not a way to treat unrated chats: write exclude to never sample them, '未评价' for a "
            "stratum of their own (with a share in mix), or a satisfaction rating to count them in that "
            f"stratum: {STRATA_EN}",
        ),
        (
            "sampling:\n  unrated: 未评价\n",
            9,
            "sampling.unrated",
            "未评价的会话单独一层（unrated: 未评价），但满意度比例（mix）里没有「未评价」的比例",
            "unrated chats are a stratum of their own (unrated: 未评价) but mix gives unrated (未评价) no "
            "share",
        ),
        (
            "sampling:\n  mix:\n    一般: 90%\n    未评价: 10%\n",
            11,
            "sampling.mix.未评价",
            "满意度比例（mix）给了「未评价」比例，但 unrated 是「一般」：要让未评价的会话单独一层，"
            "请写 unrated: 未评价；否则去掉这一项",
            "mix gives unrated (未评价) a share but unrated is '一般': write 'unrated: 未评价' for unrated "
            "chats to be a stratum of their own, or remove the share",
        ),
        (
            "sampling:\n  shortfall: 非常不满意\n",
            9,
            "sampling.shortfall",
            "补足顺序（shortfall）应为满意度列表，如 [非常不满意, 不满意, 一般, 满意, 非常满意]",
            "shortfall should be a list of satisfaction ratings, e.g. "
            "'[非常不满意, 不满意, 一般, 满意, 非常满意]'",
        ),
        (
            "sampling:\n  shortfall: [非常不满意, 未评价]\n",
            9,
            "sampling.shortfall[1]",
            f"「未评价」不是可以补足的层：只能写 {STRATA_ZH}",
            f"'未评价' is not a stratum to top up from: use {STRATA_EN}",
        ),
        (
            "sampling:\n  shortfall:\n    - 非常不满意\n    - 不满意\n    - 非常不满意\n",
            12,
            "sampling.shortfall[2]",
            "「非常不满意」在补足顺序中出现了两次",
            "'非常不满意' is in the top-up order twice",
        ),
        (
            "sampling:\n  eligible: 3\n",
            9,
            "sampling.eligible",
            "可抽会话的条件（eligible）应写成 {min_messages: 3}，可写的项：min_messages",
            "eligible should be written {min_messages: 3}; settings: min_messages",
        ),
        (
            "sampling:\n  eligible: {min_chars: 3}\n",
            9,
            "sampling.eligible.min_chars",
            "「min_chars」不是 eligible 的项：可写的有 min_messages",
            "'min_chars' is not an eligible setting: use min_messages",
        ),
        (
            "sampling:\n  eligible: {min_messages: -3}\n",
            9,
            "sampling.eligible.min_messages",
            "「-3」应为不小于 0 的整数",
            "'-3' should be a whole number, 0 or more",
        ),
        (
            "sampling:\n  error_types: 答复错误\n",
            9,
            "sampling.error_types",
            "差错类型（error_types）应为列表，如 [答复错误, 漏答/未回复, 其他]",
            "error_types should be a list, e.g. '[答复错误, 漏答/未回复, 其他]'",
        ),
        (
            "sampling:\n  error_types: [答复错误, '']\n",
            9,
            "sampling.error_types[1]",
            "「」不是差错类型：每项写一个类型的名称",
            "'' is not an error type: give each type's name",
        ),
        (
            "sampling:\n  error_types:\n    - 答复错误\n    - 其他\n    - 答复错误\n",
            12,
            "sampling.error_types[2]",
            "差错类型「答复错误」出现了两次",
            "the error type '答复错误' is listed twice",
        ),
    ],
)
def test_a_bad_block_names_key_and_line(block: str, line: int, path: str, zh: str, en: str) -> None:
    assert refused(TABLE + block) == (
        f"规则文件 r.yaml 第 {line} 行，{path}：{zh}",
        f"Rules file r.yaml line {line}, {path}: {en}",
    )


def test_every_problem_of_a_block_is_named_at_once() -> None:
    zh, en = refused(TABLE + "sampling:\n  per_agent: {rate: 2, min: -1}\n  mix: {非常满意: 10, 满意: 90%}\n")
    assert zh == (
        "规则文件 r.yaml 第 9 行，sampling.per_agent.rate："
        "抽查比例「2」应大于 0 且不超过 100%（百分比请带 %，如 2%）"
        "   第 9 行 sampling.per_agent.min: 「-1」应为不小于 0 的整数"
        "   第 10 行 sampling.mix.非常满意: 比例「10」应在 0% 到 100% 之间（百分比请带 %，如 30%）"
    )
    assert en.startswith("Rules file r.yaml line 9, sampling.per_agent.rate: the rate '2' should be above 0")


def test_the_blocks_problems_are_listed_as_every_other_rules_problem() -> None:
    # The house's form for a rules file with several problems (the loader's, for every block): the
    # first fills the message, each further one follows it on the same line after three spaces.
    zh, en = refused(TABLE.replace("weight: 100", "weight: abc") + "sampling:\n  per_agent: {rate: 2}\n")
    assert zh == (
        "规则文件 r.yaml 第 7 行，tables[0].kpis[0].weight：「abc」应为数字"
        "   第 9 行 sampling.per_agent.rate: 抽查比例「2」应大于 0 且不超过 100%（百分比请带 %，如 2%）"
    )
    assert en == (
        "Rules file r.yaml line 7, tables[0].kpis[0].weight: 'abc' should be a number"
        "   line 9 sampling.per_agent.rate: the rate '2' should be above 0 and at most 100% (write a "
        "percentage with %, e.g. 2%)"
    )


# ---- lint -------------------------------------------------------------------------------------------


def findings(block: str) -> list[tuple[str, str, str, str, str]]:
    rules = parse_rules(TABLE + block)
    return [(f.code, f.severity, f.path, f.text("zh"), f.text("en")) for f in lint(rules)]


def test_odd_blocks_are_warnings() -> None:
    block = (
        "sampling:\n"
        "  per_agent: {max: 0, min: 0}\n"
        "  mix: {非常满意: 0%, 一般: 50%, 不满意: 20%, 非常不满意: 30%}\n"
        "  shortfall: [非常不满意, 非常满意, 满意]\n"
        "  error_types: []\n"
    )
    assert findings(block) == [
        (
            "sampling_max_zero",
            "warning",
            "sampling.per_agent.max",
            "抽样规则：每人最多抽 0 条：不会抽到任何会话",
            "Sampling: at most 0 chats per agent: no chat is ever sampled",
        ),
        (
            "sampling_no_share",
            "warning",
            "sampling.mix.非常满意",
            "抽样规则：「非常满意」的比例是 0%：这一层的会话只会用来补足其他层",
            "Sampling: very satisfied (非常满意) has a 0% share: its chats are only ever used to top up "
            "other strata",
        ),
        (
            "sampling_no_share",
            "warning",
            "sampling.mix",
            "抽样规则：「满意」在满意度比例（mix）中没有写：这一层的会话只会用来补足其他层",
            "Sampling: satisfied (满意) is not in the mix: its chats are only ever used to top up other "
            "strata",
        ),
        (
            "sampling_shortfall_missing",
            "warning",
            "sampling.shortfall",
            "抽样规则：补足顺序（shortfall）没有「一般」、「不满意」：这些层要等所列各层都用完后才用来补足",
            "Sampling: the top-up order (shortfall) leaves out neutral (一般), dissatisfied (不满意): they "
            "top up other strata only after the ones it names",
        ),
        (
            "sampling_no_error_types",
            "warning",
            "sampling.error_types",
            "抽样规则：没有差错类型（error_types）：质检任务单的「差错类型」列没有下拉选项",
            "Sampling: no error types (error_types): the task sheet's error type (差错类型) column has no "
            "dropdown",
        ),
    ]


def test_an_unrated_stratum_of_its_own_is_linted_like_the_others() -> None:
    block = (
        "sampling:\n"
        "  mix: {非常满意: 10%, 满意: 10%, 一般: 20%, 不满意: 20%, 非常不满意: 30%, 未评价: 10%}\n"
        "  unrated: 未评价\n"
    )
    # The standard's shortfall names the five words only.
    assert [(code, path, zh) for code, _, path, zh, _ in findings(block)] == [
        (
            "sampling_shortfall_missing",
            "sampling.shortfall",
            "抽样规则：补足顺序（shortfall）没有「未评价」：这些层要等所列各层都用完后才用来补足",
        )
    ]
    # Unrated chats counted in 一般 or left out: 未评价 is no stratum, so no share is missing.
    assert findings("sampling:\n  unrated: exclude\n") == []
    assert findings("sampling:\n  per_agent: 8\n") == []


# ---- written back -------------------------------------------------------------------------------

VARIANTS = {
    "standard": FULL,
    "fixed": "sampling:\n  per_agent: 12\n  unrated: exclude\n  shortfall: []\n  error_types: []\n",
    "eligible": "sampling:\n  per_agent: {rate: 12.5%, of: eligible, min: 0, max: 100}\n"
    "  eligible: {min_messages: 0}\n",
    "own stratum": "sampling:\n"
    "  mix: {非常不满意: 33.5%, 不满意: 20%, 一般: 26.5%, 满意: 5%, 非常满意: 5%, 未评价: 10%}\n"
    "  unrated: 未评价\n"
    "  shortfall: [未评价, 非常满意]\n"
    "  error_types: [答复错误, '12', 其他]\n",
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_load_serialize_load_gives_the_same_block(name: str) -> None:
    rules = parse_rules(TABLE + VARIANTS[name])
    text = dump_rules_yaml(rules)
    again = parse_rules(text)
    assert again.sampling == rules.sampling
    assert rules_equal(again, rules)
    assert dump_rules_yaml(again) == text


def test_the_block_is_written_as_a_person_writes_it() -> None:
    text = dump_rules_yaml(parse_rules(TABLE + VARIANTS["own stratum"]))
    assert text.endswith(
        "sampling:\n"
        "  per_agent: {rate: 2%, of: 接待人数, min: 5, max: 30}\n"
        "  mix: {非常不满意: 33.5%, 不满意: 20%, 一般: 26.5%, 满意: 5%, 非常满意: 5%, 未评价: 10%}\n"
        "  unrated: 未评价\n"
        "  shortfall: [未评价, 非常满意]\n"
        "  eligible: {min_messages: 3}\n"
        "  error_types: [答复错误, '12', 其他]\n"
    )
    fixed = dump_rules_yaml(parse_rules(TABLE + VARIANTS["fixed"]))
    assert "  per_agent: 12\n" in fixed and "  eligible: {min_messages: 3}\n" in fixed
    assert "  shortfall: []\n  eligible: {min_messages: 3}\n  error_types: []\n" in fixed
    assert "  eligible: {min_messages: 0}\n" in dump_rules_yaml(parse_rules(TABLE + VARIANTS["eligible"]))
    assert "sampling" not in dump_rules_yaml(parse_rules(TABLE))


# ---- in words -----------------------------------------------------------------------------------

SHOWN = {
    "zh": [
        "质检抽样（每月抽查哪些会话）",
        "   每人抽查：接待人数的 2%，最少 5 条，最多 30 条（四舍五入）",
        "   满意度比例：非常满意 10% · 满意 10% · 一般 30% · 不满意 20% · 非常不满意 30%",
        "   未评价的会话：算作「一般」",
        "   补足顺序：某层会话不够时依次从 非常不满意 → 不满意 → 一般 → 满意 → 非常满意 补足",
        "   可抽会话：消息数 ≥ 3 条",
        "   差错类型：答复错误、漏答/未回复、流程不规范、推荐错误、优惠解释错误、态度问题、其他",
        "   每月质检抽样按这些规则为每位客服抽取要打分的会话：同一份会话清单，在任何电脑上、不论行的顺序，"
        "抽到的都一样。",
    ],
    "en": [
        "QA sampling: which chats are scored each month",
        "   Per agent: 2% of sessions received (接待人数), at least 5, at most 30 (rounded half up)",
        "   Satisfaction mix: very satisfied (非常满意) 10% · satisfied (满意) 10% · neutral (一般) 30% · "
        "dissatisfied (不满意) 20% · very dissatisfied (非常不满意) 30%",
        "   Unrated chats (未评价): counted as neutral (一般)",
        "   Top-up order: when a stratum has too few chats, the rest come from "
        "very dissatisfied (非常不满意) → dissatisfied (不满意) → neutral (一般) → satisfied (满意) "
        "→ very satisfied (非常满意), in that order",
        "   Eligible chats (可抽会话): at least 3 messages",
        "   Error types (差错类型): "
        "答复错误, 漏答/未回复, 流程不规范, 推荐错误, 优惠解释错误, 态度问题, 其他",
        "   Each month's QA sampling picks every agent's chats to score by these rules: the same chat list "
        "gives the same sample on any computer, in any row order.",
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_show_says_the_block_in_a_managers_words(lang: str) -> None:
    lines = show_rules(load_rules("standard"), lang).splitlines()
    assert lines[-9:] == ["", *SHOWN[lang]]
    # No field ids and no interval notation.
    assert not any(word in "\n".join(lines[-8:]) for word in ("per_agent", "min_messages", "[", "inf"))


def test_rules_show_says_the_other_settings_too() -> None:
    zh = show_rules(parse_rules(TABLE + VARIANTS["fixed"])).splitlines()
    assert zh[-7:-1] == [
        "   每人抽查：每人固定 12 条",
        "   满意度比例：非常满意 10% · 满意 10% · 一般 30% · 不满意 20% · 非常不满意 30%",
        "   未评价的会话：不抽",
        "   补足顺序：某层会话不够时按满意度比例的顺序从其他层补足",
        "   可抽会话：消息数 ≥ 3 条",
        "   差错类型：未设置（任务单的差错类型不给下拉选项）",
    ]
    en = show_rules(parse_rules(TABLE + VARIANTS["fixed"]), "en").splitlines()
    assert en[-7:-1] == [
        "   Per agent: 12 chats each",
        "   Satisfaction mix: very satisfied (非常满意) 10% · satisfied (满意) 10% · neutral (一般) 30% · "
        "dissatisfied (不满意) 20% · very dissatisfied (非常不满意) 30%",
        "   Unrated chats (未评价): never sampled",
        "   Top-up order: when a stratum has too few chats, the rest come from the other strata in the mix's "
        "order",
        "   Eligible chats (可抽会话): at least 3 messages",
        "   Error types (差错类型): none (the task sheet offers no error type choices)",
    ]
    zh = show_rules(parse_rules(TABLE + VARIANTS["eligible"])).splitlines()
    assert zh[-7] == "   每人抽查：可抽会话的 12.5%，最少 0 条，最多 100 条（四舍五入）"
    assert zh[-3] == "   可抽会话：所有会话"
    en = show_rules(parse_rules(TABLE + VARIANTS["eligible"]), "en").splitlines()
    assert (
        en[-7]
        == "   Per agent: 12.5% of eligible chats (可抽会话), at least 0, at most 100 (rounded half up)"
    )
    assert en[-3] == "   Eligible chats (可抽会话): every chat"
    own = parse_rules(TABLE + VARIANTS["own stratum"])
    assert show_rules(own).splitlines()[-6:-3] == [
        "   满意度比例：非常不满意 33.5% · 不满意 20% · 一般 26.5% · 满意 5% · 非常满意 5% · 未评价 10%",
        "   未评价的会话：单独一层，按满意度比例中「未评价」的比例抽",
        # The strata the top-up order leaves out still top up, after it, as the sampling does.
        "   补足顺序：某层会话不够时依次从 未评价 → 非常满意 补足，仍不够再按满意度比例的顺序从其余各层补足",
    ]
    assert show_rules(own, "en").splitlines()[-5:-3] == [
        "   Unrated chats (未评价): a stratum of their own, sampled at the mix's unrated (未评价) share",
        "   Top-up order: when a stratum has too few chats, the rest come from unrated (未评价) → very "
        "satisfied (非常满意), in that order, then from the other strata in the mix's order",
    ]
    # Rules without the block say nothing of sampling.
    assert "质检抽样" not in show_rules(parse_rules(TABLE))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rules_sheet_says_it_too(lang: str, tmp_path: Path) -> None:
    path = write_workbook(sample_month(), [], load_rules("standard"), tmp_path / f"{lang}.xlsx", lang=lang)
    data = [trimmed(r) for r in rows(openpyxl.load_workbook(path).worksheets[-1])]
    start = data.index([SHOWN[lang][0]])
    expected: list[list[Any]] = [[SHOWN[lang][0]]]
    for line in SHOWN[lang][1:-1]:
        key, _, words = line.strip().partition("：" if lang == "zh" else ": ")
        expected.append([key, None, words])
    expected.append([SHOWN[lang][-1].strip()])
    assert data[start : start + 8] == expected
