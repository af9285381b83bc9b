"""Rules and results in words: bands as a person writes them, formulas with field names, and
what each value was made of. Expectations are written out by hand, in both languages."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csreport.api import RunOptions, run_month
from csreport.fields import BUILTIN, DeclaredField, Vocabulary
from csreport.rules.loader import load_rules
from csreport.rules.model import Band, Kpi, VetoCondition
from csreport.rules.wording import (
    at_bound,
    band_words,
    condition_words,
    formula_words,
    number,
    quantity,
    rule_words,
)
from csreport.util.formula import evaluate, spell
from csreport.util.formula import parse as generic

INF = math.inf
# interval notation: a bracket, "(45," or ", 80)" and infinity
INTERVAL = re.compile(r"[\[\]]|\(\s*-?[\d.,]+%?,\s|,\s+-?[\d.,]+%?\s*\)|∞|inf")
SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"


def words(note: object, lang: str = "zh") -> str:
    assert note is not None
    return note.text(lang)  # type: ignore[attr-defined]


def band(low: float, low_incl: bool, high: float, high_incl: bool) -> Band:
    return Band(low, low_incl, high, high_incl, points=1)


@pytest.mark.parametrize(
    ("b", "unit", "zh", "en"),
    [
        # the standard tables' bands, as HR writes them
        (band(0, True, 45, True), "s", "≤ 45 秒", "≤ 45 s"),
        (band(45, False, 80, True), "s", "45–80 秒（不含 45 秒）", "45–80 s (not including 45 s)"),
        (band(80, False, 100, True), "s", "80–100 秒（不含 80 秒）", "80–100 s (not including 80 s)"),
        (band(100, False, INF, False), "s", "> 100 秒", "> 100 s"),
        (band(0.98, True, 1, True), "%", "≥ 98%", "≥ 98%"),
        (band(0.95, True, 0.98, False), "%", "95%–98%（不含 98%）", "95%–98% (not including 98%)"),
        (band(0, True, 0.9, False), "%", "< 90%", "< 90%"),
        (band(0.55, True, INF, False), "%", "≥ 55%", "≥ 55%"),
        (band(0, True, 0, True), "count", "0 次", "0"),
        (band(1, True, 2, True), "count", "1–2 次", "1–2"),
        (band(3, True, INF, False), "count", "≥ 3 次", "≥ 3"),
        (band(85, True, 100, True), "score", "85–100 分", "85–100 pts"),
        (band(60, True, 70, False), "score", "60–70 分（不含 70 分）", "60–70 pts (not including 70 pts)"),
        # a lower bound of 0 that is left out is said; a range open at both ends says so
        (band(0, False, 45, True), "s", "0–45 秒（不含 0 秒）", "0–45 s (not including 0 s)"),
        (band(10, False, 20, False), "yuan", "10–20 元（两端都不含）", "10–20 yuan (neither end included)"),
        (band(-INF, False, 5, False), "count", "< 5 次", "< 5"),
        (band(0, True, 1, True), "%", "任意值", "any value"),
        (band(1500, True, INF, False), "yuan", "≥ 1,500 元", "≥ 1,500 yuan"),
        (band(0.955, True, 0.98, False), "%", "95.5%–98%（不含 98%）", "95.5%–98% (not including 98%)"),
    ],
)
def test_band_words(b: Band, unit: str, zh: str, en: str) -> None:
    assert words(band_words(b, unit)) == zh
    assert words(band_words(b, unit), "en") == en


def test_an_unreadable_band_shows_its_wording() -> None:
    garbled = Band(0, True, 0, True, points=5, written="60 >< x", garbled=True)
    assert words(band_words(garbled, "s")) == "?（60 >< x）"


@given(
    low=st.one_of(st.just(-INF), st.floats(0, 1000, allow_nan=False)),
    width=st.one_of(st.just(INF), st.floats(0, 1000, allow_nan=False)),
    low_incl=st.booleans(),
    high_incl=st.booleans(),
    unit=st.sampled_from(["s", "%", "count", "score", "yuan"]),
)
def test_band_words_never_use_interval_notation(
    low: float, width: float, low_incl: bool, high_incl: bool, unit: str
) -> None:
    high = low + width
    for lang in ("zh", "en"):
        text = words(band_words(band(low, low_incl, high, high_incl), unit), lang)
        assert not INTERVAL.search(text), text
        assert "\n" not in text


@pytest.mark.parametrize(
    ("b", "value", "expected"),
    [
        # 45 s belongs to ≤ 45 秒, and 45–80 秒 leaves it out: the agent is told
        (band(0, True, 45, True), 45, "恰好 45 秒算此档"),
        (band(0.98, True, 1, True), 0.98, "恰好 98%算此档"),
        (band(45, False, 80, True), 80, "恰好 80 秒算此档"),
        # inside a band, or on a bound the band leaves out, there is nothing to say
        (band(0, True, 45, True), 44.9, None),
        (band(45, False, 80, True), 45, None),
        # a single value band needs no note
        (band(0, True, 0, True), 0, None),
    ],
)
def test_at_bound_speaks_only_on_a_shared_bound(b: Band, value: float, expected: str | None) -> None:
    others = (
        *(band(0, True, 45, True), band(45, False, 80, True), band(80, False, 100, True)),
        *(band(0.98, True, 1, True), band(0.95, True, 0.98, False), band(0, True, 0, True)),
    )
    note = at_bound(b, value, "%" if b.high <= 1 and b.low < 1 and value < 1 else "s", others)
    assert (note.text("zh") if note else None) == expected


def test_at_bound_without_a_neighbour_says_nothing() -> None:
    # 1–2 次 followed by ≥ 3 次: 2 is in no other band, so nothing needs saying.
    only = (band(0, True, 0, True), band(1, True, 2, True), band(3, True, INF, False))
    assert at_bound(only[1], 2, "count", only) is None
    assert words(at_bound(band(0, True, 45, True), 45, "s", (band(45, False, 80, True),)), "en") == (
        "exactly 45 s counts in this band"
    )


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("paid_orders / received", "付款订单数 ÷ 接待人数", "Paid orders ÷ Sessions received"),
        ("回复人数 / 咨询人数", "回复人数 ÷ 咨询人数", "Customers replied ÷ Customers who asked"),
        ("avg_response_s", "平均响应时长", "Average response time (s)"),
        ("late + early_leave", "迟到次数 + 早退次数", "Times late + Early leaves"),
        ("(replied - 5) / (inquiries * 2)", "(回复人数 - 5) ÷ (咨询人数 × 2)", None),
        ("replied / inquiries / received", "回复人数 ÷ 咨询人数 ÷ 接待人数", None),
        ("replied / (inquiries / received)", "回复人数 ÷ (咨询人数 ÷ 接待人数)", None),
        ("late - (early_leave + absent_days)", "迟到次数 - (早退次数 + 旷工天数)", None),
        ("-late * 0.5", "-迟到次数 × 0.5", None),
        # not a formula csreport can read: shown as written, never a traceback
        ("replied /", "replied /", "replied /"),
    ],
)
def test_formula_words(text: str, zh: str, en: str | None) -> None:
    assert words(formula_words(text)) == zh
    if en is not None:
        assert words(formula_words(text), "en") == en


def test_spelled_formula_keeps_its_meaning() -> None:
    # Brackets appear exactly where they change the value: evaluate the spelled text back.
    for text in ("a - (b - c)", "a / (b * c)", "(a + b) * c", "a - b + c", "a * b / c"):
        formula = generic(text, lambda name: name)
        spelled = spell(formula, lambda i: i).replace("×", "*").replace("÷", "/")
        values = {"a": 7.0, "b": 3.0, "c": 2.0}
        again = generic(spelled, lambda name: name)
        assert evaluate(again, values).value == evaluate(formula, values).value, spelled


def test_declared_field_is_named_as_declared() -> None:
    vocabulary = Vocabulary((DeclaredField("三分钟回复率", "3分钟回复率", "%", "mean"),))
    assert words(formula_words("三分钟回复率", vocabulary), "en") == "三分钟回复率"
    cond = VetoCondition("三分钟回复率", "<", 0.5, "三分钟回复率过低", "Too slow", unit="%")
    assert words(condition_words(cond, vocabulary)) == "三分钟回复率 < 50%"
    risk = VetoCondition("shop_risk", ">=", 1, "店铺风险", "Shop risk")
    assert words(condition_words(risk, BUILTIN)) == "店铺风险数 ≥ 1"
    assert words(condition_words(risk, BUILTIN), "en") == "Shop-risk errors ≥ 1"


def kpi(**how: object) -> Kpi:
    base: dict[str, object] = dict(
        id="k", name="迟到早退", name_en="Late", weight=0, input="late", unit="count"
    )
    return Kpi(**{**base, **how})  # type: ignore[arg-type]


def test_rule_words_for_kpis_without_bands() -> None:
    deduction = kpi(mode="per_unit", per_unit=-1.0, floor=-5.0)
    assert words(rule_words(deduction)) == "每 1 次扣 1 分，最多扣 5 分"
    assert words(rule_words(deduction), "en") == "1 pt off per occurrence, at most 5 pts off"
    bonus = kpi(mode="per_unit", per_unit=0.5, cap=3.0, unit="yuan")
    assert words(rule_words(bonus)) == "每 1 元加 0.5 分，最多加 3 分"
    linear = kpi(mode="linear", anchors=((30.0, 20.0), (120.0, 0.0)), unit="s", weight=20)
    assert words(rule_words(linear)) == "30 秒时得 20 分，120 秒时得 0 分，之间按比例"
    assert words(rule_words(kpi(mode="rank", weight=10))) == "按组内排名：满分 × 超过的同组比例"
    assert rule_words(kpi(mode="bands")) is None


def test_numbers_and_quantities() -> None:
    assert number(3122) == "3,122"
    assert number(81547.3) == "81,547.3"
    assert number(0.126) == "0.13"
    assert quantity(45.5, "s") == ("45.5 秒", "45.5 s")
    assert quantity(0.9604, "%") == ("96.04%", "96.04%")
    assert quantity(3, "day") == ("3 天", "3 days")
    assert quantity(2, "unknown-unit") == ("2", "2")


def test_sample_month_speaks_in_words() -> None:
    """Every scored KPI of the sample month carries its band and basis in words; KF013 sits
    exactly on 45 s and 98%, and is told which band those count in."""
    import tempfile

    report = run_month(sorted(SAMPLES.glob("*.xlsx")), RunOptions(Path(tempfile.mkdtemp()), pdf=False))
    agents = {a.agent_id: a for a in report.result.agents}
    kf013 = {k.name: k for k in agents["KF013"].kpis}
    assert words(kf013["平均响应时长"].band_words) == "≤ 45 秒"
    assert words(kf013["平均响应时长"].at_bound) == "恰好 45 秒算此档"
    assert words(kf013["平均响应时长"].basis) == "按接待人数加权平均（接待人数合计 2,860）"
    assert words(kf013["回复率"].band_words) == "≥ 98%"
    assert words(kf013["回复率"].at_bound) == "恰好 98%算此档"
    assert words(kf013["回复率"].basis) == "2,646 / 2,700（回复人数 / 咨询人数）"
    assert words(kf013["回复率"].formula_words) == "回复人数 ÷ 咨询人数"
    assert words(kf013["咨询转化率"].formula_words, "en") == "Paid orders ÷ Sessions received"
    kf001 = {k.name: k for k in agents["KF001"].kpis}
    assert words(kf001["平均响应时长"].band_words) == "45–80 秒（不含 45 秒）"
    assert kf001["平均响应时长"].at_bound is None
    assert words(kf001["质检"].band_words) == "0 次"
    assert words(kf001["质检"].basis) == "同类差错最多次数（8 条抽检）"
    assert words(kf001["工作态度"].basis) == "8 条抽检的平均"
    assert words(kf001["工作态度"].basis, "en") == "mean of 8 sampled chats"
    # 缺数据: no band and no basis to show, only the reason
    kf011 = {k.name: k for k in agents["KF011"].kpis}
    assert kf011["差错"].basis is None and kf011["差错"].band_words is None
    for agent in agents.values():
        for k in agent.kpis:
            if k.points is not None and k.veto is None:
                assert k.band_words is not None and k.basis is not None, (agent.agent_id, k.name)


def test_terms_basis_names_each_field_with_its_value(tmp_path: Path) -> None:
    rules_file = tmp_path / "r.yaml"
    standard = load_rules("standard")
    text = standard.text.replace("input: max_same_error", "input: error_count + shop_risk")
    rules_file.write_text(text, encoding="utf-8")
    report = run_month(
        sorted(SAMPLES.glob("*.xlsx")), RunOptions(tmp_path / "out", rules=str(rules_file), pdf=False)
    )
    kf002 = next(a for a in report.result.agents if a.agent_id == "KF002")
    changed = next(k for k in kf002.kpis if k.formula == "error_count + shop_risk")
    assert words(changed.formula_words) == "差错数 + 店铺风险数"
    assert words(changed.basis) == f"差错数 {changed.raw:g} + 店铺风险数 0"


def test_a_veto_band_without_a_reason_still_vetoes_and_the_linter_says_so(tmp_path: Path) -> None:
    """A 否决 row whose reason was left blank (in the rules workbook, or ``veto: ''``) vetoes all
    the same, the reader told the KPI and the band; the linter reports the blank as an error,
    which ``rules import`` refuses."""
    from csreport.rules.lint import lint

    text = load_rules("standard").text.replace(
        "veto: 平均响应时长超过 100 秒, veto_en: Average response time over 100 s", "veto: ''"
    )
    assert "veto: ''" in text
    rules_file = tmp_path / "blank.yaml"
    rules_file.write_text(text, encoding="utf-8")
    findings = [f for f in lint(load_rules(str(rules_file))) if f.code == "veto_without_reason"]
    assert [f.severity for f in findings] == ["error", "error"]  # both tables share the KPI
    assert findings[0].note.text("zh") == (
        "平均响应时长：「> 100 秒」是否决区间，但没有写否决原因；请写明原因（成绩单和汇总上会显示）"
    )
    report = run_month(
        sorted(SAMPLES.glob("*.xlsx")), RunOptions(tmp_path / "out", rules=str(rules_file), pdf=False)
    )
    kf006 = next(a for a in report.result.agents if a.agent_id == "KF006")
    assert kf006.conclusion.value == "fail"
    assert [n.text("zh") for n in kf006.veto_reasons] == ["平均响应时长在否决区间 > 100 秒"]
    assert [n.text("en") for n in kf006.veto_reasons] == ["Average response time in the veto band > 100 s"]


@pytest.mark.parametrize(
    ("b", "value", "unit", "expected"),
    [
        # 45.04 s shown as "45.0" would read as outside 45–80 秒（不含 45 秒）: two decimals
        (band(45, False, 80, True), 45.04, "s", 2),
        # 97.996% shown as "98.00%" would read as outside 95%–98%（不含 98%）: three decimals
        (band(0.95, True, 0.98, False), 0.97996, "%", 3),
        # the usual decimals already read right: nothing to add
        (band(0, True, 45, True), 45.0, "s", None),
        (band(0, True, 45, True), 44.96, "s", None),
        # 84.96 分 shown as "85.0" would read as outside 70–85 分（不含 85 分）
        (band(70, True, 85, False), 84.96, "score", 2),
        # counts are whole numbers: no usual decimals to extend
        (band(1, True, 2, True), 2, "count", None),
    ],
)
def test_shown_decimals_keep_the_value_inside_its_band(
    b: Band, value: float, unit: str, expected: int | None
) -> None:
    from csreport.scoring.kpi import shown_decimals

    assert shown_decimals(b, value, unit) == expected


def test_a_bonus_without_a_cap_is_capped_at_its_weight_in_words() -> None:
    # per_unit_points caps a bonus at the KPI's weight when no cap is written; the words say so.
    bonus = kpi(mode="per_unit", per_unit=2.0, weight=10, unit="day")
    assert words(rule_words(bonus)) == "每 1 天加 2 分，最多加 10 分"
