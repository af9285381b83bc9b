"""Scoring modes at and beside every bound, missing-data policies, and rules-file errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csreport.messages import translate
from csreport.problems import CsreportError
from csreport.results import KpiResult
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.model import Kpi
from csreport.scoring.aggregate import AgentAggregates, Aggregate
from csreport.scoring.kpi import award, measure
from csreport.scoring.modes import percentiles


def score_kpi(kpi: Kpi, aggregates: AgentAggregates) -> KpiResult:
    """Measure and award one KPI outside rank mode (the group is not needed)."""
    return award(kpi, measure(kpi, aggregates))


HEAD = "name: t\ntables:\n  - id: t\n    name: t\n    total: {total}\n    kpis:\n"


def rules_with(kpi_yaml: str, total: float = 10):
    """A one-table rule set holding one KPI written in YAML (indented under kpis)."""
    body = "\n".join("      " + line for line in kpi_yaml.strip("\n").splitlines())
    return parse_rules(HEAD.format(total=total) + body + "\n")


def agg(**values: float | None) -> AgentAggregates:
    return AgentAggregates(values={k: Aggregate(v, rows=1) for k, v in values.items()})


LINEAR = (
    rules_with(
        """
- id: conv
  name: 转化
  weight: 20
  input: inquiry_paid / pre_sales
  unit: "%"
  mode: linear
  anchors: [{value: "30%", points: 0}, {value: "60%", points: 20}]
""",
        20,
    )
    .tables[0]
    .kpis[0]
)


@pytest.mark.parametrize(
    "paid,points",
    [(0, 0), (29, 0), (30, 0), (31, 20 / 30), (45, 10), (59, 20 * 29 / 30), (60, 20), (61, 20), (100, 20)],
)
def test_linear_at_and_beside_anchors(paid: int, points: float) -> None:
    result = score_kpi(LINEAR, agg(inquiry_paid=paid, pre_sales=100))
    assert result.points == pytest.approx(points, abs=1e-6)


PER_UNIT = (
    rules_with(
        """
- id: late
  name: 迟到扣分
  weight: 0
  input: late
  unit: count
  mode: per_unit
  per_unit: -1
  floor: -5
""",
        0,
    )
    .tables[0]
    .kpis[0]
)
BONUS = (
    rules_with(
        """
- id: extra
  name: 加分
  weight: 5
  input: present_days
  unit: count
  mode: per_unit
  per_unit: 0.25
  cap: 5
""",
        5,
    )
    .tables[0]
    .kpis[0]
)


@pytest.mark.parametrize("late,points", [(0, 0), (1, -1), (4, -4), (5, -5), (6, -5), (30, -5)])
def test_deduction_floor(late: int, points: float) -> None:
    assert score_kpi(PER_UNIT, agg(late=late)).points == points


@pytest.mark.parametrize("days,points", [(0, 0), (19, 4.75), (20, 5), (21, 5)])
def test_bonus_cap(days: int, points: float) -> None:
    assert score_kpi(BONUS, agg(present_days=days)).points == points


def test_percentiles_with_ties() -> None:
    p = percentiles({"a": 1, "b": 2, "c": 2, "d": 3}, "higher")
    assert p == {"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 1.0}
    q = percentiles({"a": 10, "b": 20, "c": 20}, "lower")
    assert q == {"a": 1.0, "b": 0.5, "c": 0.5}
    assert percentiles({"solo": 5}, "higher") == {"solo": 1.0}


RANK_BANDS = (
    rules_with("""
- id: workload
  name: 工作量
  weight: 10
  input: pre_sales
  unit: count
  mode: rank
  bands:
    - {range: "[80%, 100%]", points: 10}
    - {range: "[50%, 80%)", points: 6}
    - {range: "[0%, 50%)", points: 0}
""")
    .tables[0]
    .kpis[0]
)


@pytest.mark.parametrize("pct,points", [(1.0, 10), (0.8, 10), (0.79, 6), (0.5, 6), (0.49, 0)])
def test_rank_with_bands_over_the_percentile(pct: float, points: float) -> None:
    m = measure(RANK_BANDS, agg(pre_sales=100))
    result = award(RANK_BANDS, m, pct)
    assert result.points == points and result.band is not None


@pytest.mark.parametrize(
    "policy,points,excluded", [("zero", 0.0, False), ("exclude", None, True), ("no_score", None, False)]
)
def test_missing_policies(policy: str, points: float | None, excluded: bool) -> None:
    kpi = (
        rules_with(f"""
- id: sat
  name: 满意率
  weight: 10
  input: satisfaction_rate
  unit: "%"
  missing: {policy}
  bands: [{{range: "[0%, 100%]", points: 10}}]
""")
        .tables[0]
        .kpis[0]
    )
    result = score_kpi(kpi, agg())
    assert (result.points, result.excluded) == (points, excluded)
    assert result.missing_reason is not None
    assert result.missing_reason.text("zh") == "没有数据：客户满意率"


MULTI = load_rules("multi")
HIGHER = {"workload": "pre_sales", "inquiry_conversion": "inquiry_paid", "sales": "sales"}


@settings(max_examples=80, deadline=None)
@given(st.floats(0, 200), st.floats(0, 200), st.floats(0, 1), st.floats(0, 1), st.floats(0, 0.5))
def test_lower_is_better_never_gains_by_rising(
    rt: float, delta: float, sat: float, conv: float, extra: float
) -> None:
    """Raising a response time never raises its points; raising a rate never lowers them."""
    table = MULTI.tables[0]
    by_id = {k.id: k for k in table.kpis}
    base = dict(
        avg_response_s=rt,
        first_response_s=rt,
        satisfaction_rate=sat,
        inquiry_paid=conv * 100,
        pre_sales=100.0,
    )
    for kid in ("avg_response", "first_response"):
        lo = score_kpi(by_id[kid], agg(**base)).points
        hi = score_kpi(
            by_id[kid], agg(**{**base, "avg_response_s": rt + delta, "first_response_s": rt + delta})
        ).points
        assert lo is not None and hi is not None and hi <= lo
    for kid, field in (("satisfaction", "satisfaction_rate"),):
        lo = score_kpi(by_id[kid], agg(**base)).points
        hi = score_kpi(by_id[kid], agg(**{**base, field: min(1.0, sat + extra)})).points
        assert hi >= lo
    lo = score_kpi(by_id["inquiry_conversion"], agg(**base)).points
    hi = score_kpi(
        by_id["inquiry_conversion"], agg(**{**base, "inquiry_paid": min(100.0, conv * 100 + extra * 100)})
    ).points
    assert hi >= lo


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), st.integers(0, 50), min_size=1),
    st.sampled_from(["a", "b", "c", "d", "e"]),
    st.integers(1, 20),
)
def test_rank_is_monotonic(values: dict[str, int], who: str, bump: int) -> None:
    """Raising one agent's value never lowers their percentile (higher is better)."""
    if who not in values:
        return
    before = percentiles(values, "higher")[who]
    after = percentiles({**values, who: values[who] + bump}, "higher")[who]
    assert after >= before


def test_profiles_keep_the_declared_total() -> None:
    for name in ("重服务", "重转化"):
        table = load_rules("multi", profile=name).tables[0]
        assert sum(k.weight for k in table.kpis) == table.total == 115
        for k in table.kpis:
            assert all((b.points or 0) <= k.weight + 1e-9 for b in k.bands)


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("zh", "规则文件 <t> 第 13 行，tables[0].kpis[0].bands[0].range：区间「(45, 80」写法不对"),
        ("en", "Rules file <t> line 13, tables[0].kpis[0].bands[0].range: range '(45, 80' is malformed"),
    ],
)
def test_invalid_rules_name_key_path_and_line(lang: str, expected: str) -> None:
    text = (
        HEAD.format(total=10)
        + """      - id: rt
        name: 均响
        weight: 10
        input: avg_response_s
        unit: s
        bands:
          - {range: "(45, 80", points: 10}
"""
    )
    with pytest.raises(CsreportError) as err:
        parse_rules(text, source="<t>", lang=lang)
    assert err.value.message(lang).startswith(expected)


def test_unknown_profile_is_named() -> None:
    with pytest.raises(CsreportError) as err:
        load_rules("multi", profile="重利润")
    assert err.value.message("zh") == ("规则「多维度考核」中没有权重方案「重利润」。可用方案：重服务, 重转化")


@pytest.mark.parametrize("text", ["max(replied, 1)", "replied.x", "replied < 3"])
def test_a_formula_construct_is_named_as_written(text: str) -> None:
    """The refused part is quoted as the user wrote it, never by Python's name for it (Call)."""
    from csreport.rules.formula import FormulaError, parse

    with pytest.raises(FormulaError) as caught:
        parse(text)
    assert caught.value.code == "formula.construct"
    assert translate(caught.value.code, "zh", **caught.value.params) == (
        f"不允许的写法「{text}」：公式只能用指标名、数字、+ - * / 和括号"
    )
