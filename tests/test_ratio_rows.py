"""A row missing a value a ratio needs leaves both sides of that ratio; declared fields make
their month as declared (sum, mean, weighted). Hand-computed numbers at the bounds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from csreport.fields import DeclaredField, Vocabulary
from csreport.results import AgentResult, Conclusion, RunMeta
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.model import Kpi, RuleSet
from csreport.scoring.aggregate import AgentAggregates, Aggregate, aggregate_all, pairing
from csreport.scoring.kpi import measure
from csreport.scoring.score import score_month

STANDARD = load_rules("standard")


def reception(rows: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """A reception frame as the reader makes it: one row per agent-day, Excel rows from 2."""
    return pd.DataFrame(
        [{"_file": "接待.xlsx", "_sheet": "数据", "_row": i + 2, **row} for i, row in enumerate(rows)]
    )


def kpi_of(rules: RuleSet, table: str, kpi: str) -> Kpi:
    return next(k for t in rules.tables if t.id == table for k in t.kpis if k.id == kpi)


def kf01_result(aggs: dict[str, AgentAggregates]) -> AgentResult:
    """KF01 scored with the standard rules (not in a roster: the regular table)."""
    meta = RunMeta("店", "2026-10", STANDARD.name, STANDARD.hash, "2026-11-01T00:00:00")
    result, _ = score_month({}, aggs, STANDARD, meta)
    return next(a for a in result.agents if a.agent_id == "KF01")


def conversion_month() -> pd.DataFrame:
    """26 days of KF01: on 25, 100 sessions and 39 paid orders; on the 26th the 接待人数 cell
    was unreadable (None) while 40 paid orders were read."""
    days = [{"agent_id": "KF01", "received": 100.0, "paid_orders": 39.0, "avg_response_s": 30.0}] * 25
    bad = {"agent_id": "KF01", "received": None, "paid_orders": 40.0, "avg_response_s": 30.0}
    return reception([*days, bad])


def test_an_unreadable_received_leaves_both_sides_of_the_conversion() -> None:
    aggs = aggregate_all({"reception": conversion_month()}, {}, STANDARD)
    agent = aggs["KF01"]
    # The plain sums keep every row that has the value (a single-field formula reads them).
    assert agent.values["paid_orders"] == Aggregate(1015.0, rows=26)
    assert agent.values["received"] == Aggregate(2500.0, rows=25)
    conversion = kpi_of(STANDARD, "regular", "conversion")
    m = measure(conversion, agent, STANDARD.vocabulary)
    # 975 / 2500 over the 25 days that have both: 39%, under the 40% veto.
    assert (m.numerator, m.denominator, m.value, m.sample) == (975.0, 2500.0, 0.39, 25)
    result = kf01_result(aggs)
    assert result.conclusion is Conclusion.FAIL
    assert [n.text("zh") for n in result.veto_reasons] == ["咨询转化率低于 40%"]
    assert [n.text("en") for n in result.veto_reasons] == ["Conversion rate below 40%"]


def test_without_the_pairing_the_26th_day_lifts_the_conversion_over_the_veto() -> None:
    """The old arithmetic (no rules given, so no pairing): 1015 / 2500 = 40.6%, 10 points."""
    aggs = aggregate_all({"reception": conversion_month()}, {})
    m = measure(kpi_of(STANDARD, "regular", "conversion"), aggs["KF01"])
    assert (m.numerator, m.denominator, m.value, m.veto) == (1015.0, 2500.0, 0.406, None)


def test_an_unreadable_paid_orders_leaves_that_days_sessions_out() -> None:
    frame = reception(
        [
            {"agent_id": "KF01", "received": 100.0, "paid_orders": 50.0},
            {"agent_id": "KF01", "received": 80.0, "paid_orders": None},
            {"agent_id": "KF01", "received": 60.0, "paid_orders": 30.0},
        ]
    )
    agent = aggregate_all({"reception": frame}, {}, STANDARD)["KF01"]
    m = measure(kpi_of(STANDARD, "regular", "conversion"), agent, STANDARD.vocabulary)
    assert (m.numerator, m.denominator, m.value) == (80.0, 160.0, 0.5)
    assert agent.values["received"] == Aggregate(240.0, rows=3)


def test_clean_rows_give_the_plain_sums() -> None:
    frame = reception(
        [
            {"agent_id": "KF01", "received": 120.0, "paid_orders": 61.0, "avg_response_s": 40.0},
            {"agent_id": "KF01", "received": 80.0, "paid_orders": 49.0, "avg_response_s": 50.0},
        ]
    )
    agent = aggregate_all({"reception": frame}, {}, STANDARD)["KF01"]
    m = measure(kpi_of(STANDARD, "regular", "conversion"), agent, STANDARD.vocabulary)
    assert (m.numerator, m.denominator, m.value) == (110.0, 200.0, 0.55)
    rt = measure(kpi_of(STANDARD, "regular", "avg_response"), agent, STANDARD.vocabulary)
    # (120×40 + 80×50) / 200 = 44 seconds
    assert (rt.numerator, rt.denominator, rt.value) == (8800.0, 200.0, 44.0)


def test_the_reply_rate_pairs_as_before() -> None:
    frame = reception(
        [
            {"agent_id": "KF01", "inquiries": 100.0, "replied": 99.0},
            {"agent_id": "KF01", "inquiries": 50.0, "replied": None},
            {"agent_id": "KF01", "inquiries": None, "replied": 20.0},
            {"agent_id": "KF01", "inquiries": 100.0, "replied": 97.0},
        ]
    )
    paired = aggregate_all({"reception": frame}, {}, STANDARD)["KF01"]
    plain = aggregate_all({"reception": frame}, {})["KF01"]
    reply = kpi_of(STANDARD, "regular", "reply_rate")
    new, old = measure(reply, paired, STANDARD.vocabulary), measure(reply, plain)
    assert (new.numerator, new.denominator, new.value) == (196.0, 200.0, 0.98)
    assert (old.numerator, old.denominator, old.value) == (196.0, 200.0, 0.98)


def test_a_veto_formula_over_a_ratio_reads_paired_rows() -> None:
    rules = parse_rules(
        """
name: 测试
name_en: Test
tables:
  - id: t
    name: 正式
    name_en: Regular
    total: 100
    kpis:
      - id: sales
        name: 销售额
        name_en: Sales
        weight: 100
        input: sales
        unit: yuan
        bands:
          - {range: "[0, inf)", points: 100}
        vetoes:
          - {when: "paid_orders / received < 0.4", reason: 转化低于 40%, reason_en: Conversion below 40%}
grades:
  - {name: A, min: 60}
fail_grade: D
"""
    )
    frame = reception(
        [
            {"agent_id": "KF01", "received": 100.0, "paid_orders": 39.0, "sales": 1000.0},
            {"agent_id": "KF01", "received": None, "paid_orders": 40.0, "sales": 500.0},
        ]
    )
    agent = aggregate_all({"reception": frame}, {}, rules)["KF01"]
    m = measure(rules.tables[0].kpis[0], agent, rules.vocabulary)
    # The KPI itself is a single sum over both days; its veto divides 39 by 100, not 79 by 100.
    assert m.value == 1500.0
    assert m.veto is not None and m.veto.text("en") == "Conversion below 40%"


def test_which_fields_a_formula_pairs() -> None:
    vocabulary = declared_vocabulary()
    assert pairing(("paid_orders", "received"), vocabulary) == {"paid_orders", "received"}
    assert pairing(("avg_response_s",), vocabulary) == {"avg_response_s", "received"}
    assert pairing(("三分钟回复率",), vocabulary) == {"三分钟回复率", "inquiries"}
    assert pairing(("差评数",), vocabulary) == frozenset()
    assert pairing(("sales",), vocabulary) == frozenset()
    assert pairing(("max_same_error", "qa_chats"), vocabulary) == frozenset()  # not reception


# --- declared fields ---------------------------------------------------------------------------


def declared_vocabulary() -> Vocabulary:
    return Vocabulary(
        (
            DeclaredField("三分钟回复率", "三分钟回复率（人维度）", "%", "weighted", "inquiries"),
            DeclaredField("差评数", "差评数", "count", "sum"),
            DeclaredField("IM不满意率", "IM不满意率", "%", "mean"),
        )
    )


DECLARED_RULES = """
name: 平台指标
name_en: Platform KPIs
tables:
  - id: t
    name: 正式
    name_en: Regular
    total: 100
    kpis:
      - id: three_min
        name: 三分钟回复率
        name_en: 3-minute reply rate
        weight: 40
        input: 三分钟回复率
        unit: "%"
        bands:
          - {range: "[0%, 100%]", points: 40}
      - id: bad_reviews
        name: 差评
        name_en: Bad reviews
        weight: 30
        input: 差评数 / received
        unit: "%"
        bands:
          - {range: "[0%, 100%]", points: 30}
      - id: im
        name: IM不满意率
        name_en: IM dissatisfaction
        weight: 30
        input: IM不满意率
        unit: "%"
        bands:
          - {range: "[0%, 100%]", points: 30}
grades:
  - {name: A, min: 60}
fail_grade: D
"""


def declared_month() -> tuple[RuleSet, dict[str, AgentAggregates]]:
    rules = parse_rules(DECLARED_RULES, vocabulary=declared_vocabulary())
    frame = reception(
        [
            {"agent_id": "KF01", "received": 100.0, "inquiries": 100.0, "三分钟回复率": 0.9, "差评数": 2.0},
            {"agent_id": "KF01", "received": 100.0, "inquiries": 50.0, "三分钟回复率": 0.6, "差评数": None},
            {"agent_id": "KF01", "received": None, "inquiries": None, "三分钟回复率": 0.3, "差评数": 1.0},
            {"agent_id": "KF01", "received": 100.0, "inquiries": 0.0, "三分钟回复率": 0.5, "差评数": 0.0},
            {"agent_id": "KF02", "received": 100.0, "inquiries": 80.0},
        ]
    )
    frame["IM不满意率"] = [0.25, 0.5, None, 0.75, None]
    return rules, aggregate_all({"reception": frame}, {}, rules)


def test_declared_fields_aggregate_as_declared() -> None:
    _rules, aggs = declared_month()
    values = aggs["KF01"].values
    # weighted by 咨询人数 over the rows with both and a weight above 0: (100×0.9 + 50×0.6) / 150
    assert values["三分钟回复率"] == Aggregate(0.8, 120.0, 150.0, rows=2)
    assert values["差评数"] == Aggregate(3.0, rows=3)  # 2 + 1 + 0
    assert values["IM不满意率"] == Aggregate(0.5, 1.5, 3.0, rows=3)  # (0.25 + 0.5 + 0.75) / 3
    assert aggs["KF02"].values["三分钟回复率"] == Aggregate(None, None, None, rows=0)


def test_declared_fields_are_measured_and_traced_like_built_ins() -> None:
    rules, aggs = declared_month()
    three_min, bad_reviews, im = rules.tables[0].kpis
    m = measure(three_min, aggs["KF01"], rules.vocabulary)
    assert (m.value, m.numerator, m.denominator, m.missing) == (0.8, 120.0, 150.0, None)
    assert [(s.file, s.sheet, s.rows) for s in m.sources] == [("接待.xlsx", "数据", (2, 3, 4, 5))]
    # 差评数 / 接待人数 over the days with both: (2 + 0) / (100 + 100)
    m = measure(bad_reviews, aggs["KF01"], rules.vocabulary)
    assert (m.value, m.numerator, m.denominator) == (0.01, 2.0, 200.0)
    m = measure(im, aggs["KF01"], rules.vocabulary)
    assert (m.value, m.numerator, m.denominator) == (0.5, 1.5, 3.0)
    missing = measure(three_min, aggs["KF02"], rules.vocabulary).missing
    assert missing is not None
    assert missing.text("zh") == "没有数据：三分钟回复率"
    assert missing.text("en") == "No data: 三分钟回复率"


def test_declared_fields_score_through_score_month() -> None:
    rules, aggs = declared_month()
    meta = RunMeta("店", "2026-10", rules.name, rules.hash, "2026-11-01T00:00:00")
    result, _ = score_month({}, aggs, rules, meta)
    kf01 = next(a for a in result.agents if a.agent_id == "KF01")
    assert [(k.kpi_id, k.raw, k.numerator, k.denominator, k.points) for k in kf01.kpis] == [
        ("three_min", 0.8, 120.0, 150.0, 40.0),
        ("bad_reviews", 0.01, 2.0, 200.0, 30.0),
        ("im", 0.5, 1.5, 3.0, 30.0),
    ]
    assert kf01.total == 100.0


def test_a_division_by_zero_inside_a_ratio_is_a_zero_division_not_a_crash() -> None:
    from csreport.rules.formula import evaluate, parse

    formula = parse("(回复人数 / 咨询人数) / 接待人数")
    found = evaluate(formula, {"replied": 3.0, "inquiries": 0.0, "received": 10.0})
    assert (found.value, found.zero_division) == (None, True)
    assert evaluate(formula, {"replied": 3.0, "inquiries": 4.0, "received": 10.0}).value == 0.075
