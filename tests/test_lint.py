"""The rules linter: what it must find on the literal transcription, and nothing on presets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csreport.rules.lint import Finding, finding_line, lint
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.model import Band, Kpi, RuleSet, Table
from csreport.rules.wording import band_words, quantity

BROKEN = sorted((Path(__file__).parent / "rules_broken").glob("*.yaml"))


def by_code(findings: list[Finding], code: str) -> list[Finding]:
    """The findings with ``code``."""
    return [f for f in findings if f.code == code]


def expected_codes(path: Path) -> set[str]:
    """The codes a broken file declares on its ``# expect:`` line."""
    line = next(ln for ln in path.read_text("utf-8").splitlines() if ln.startswith("# expect:"))
    return {c.strip() for c in line.split(":", 1)[1].split(",") if c.strip()}


# --- the presets ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def literal() -> list[Finding]:
    return lint(load_rules("literal"))


def test_literal_response_time_gap_in_both_tables(literal: list[Finding]) -> None:
    gaps = [f for f in by_code(literal, "gap") if f.kpi == "avg_response"]
    assert {f.table for f in gaps} == {"probation", "regular"}
    for f in gaps:
        assert f.severity == "error"
        assert f.text("zh") == "平均响应时长：45–60 秒（不含 45 秒）没有任何区间覆盖"
        assert f.text("en") == "Average response time: no band covers 45–60 s (not including 45 s)"


def test_literal_self_contradictory_band(literal: list[Finding]) -> None:
    found = [f for f in by_code(literal, "contradictory") if "60S>均响<=80S" in f.text("zh")]
    assert [(f.table, f.path) for f in found] == [
        ("probation", "tables[0].kpis[0].bands[1]"),
        ("regular", "tables[1].kpis[0].bands[1]"),
    ]
    assert found[0].text("zh") == (
        "平均响应时长：区间「60S>均响<=80S」自相矛盾（两个比较限定同一侧），"
        "现按「60–80 秒（不含 60 秒）」读取"
    )
    assert found[0].text("en") == (
        "Average response time: band '60S>均响<=80S' contradicts itself (two bounds on one side); "
        "read as 60–80 s (not including 60 s)"
    )


def test_literal_attitude_overlap_at_exactly_60(literal: list[Finding]) -> None:
    overlaps = by_code(literal, "overlap")
    assert {(f.table, f.kpi) for f in overlaps} == {("probation", "attitude"), ("regular", "attitude")}
    probation = next(f for f in overlaps if f.table == "probation")
    assert probation.text("zh") == "服务态度：60 分同时落在「70>得分>=60」（5 分）和「得分<=60」（否决）"
    assert (
        probation.text("en") == "Attitude: 60 pts falls in both '70>得分>=60' (5 pts) and '得分<=60' (veto)"
    )
    # A band without a wording of its own is named in words, never in interval notation.
    regular = next(f for f in overlaps if f.table == "regular")
    assert (
        regular.text("zh") == "工作态度：60 分同时落在「60–70 分（不含 70 分）」（5 分）和「≤ 60 分」（否决）"
    )
    assert regular.text("en") == (
        "Attitude: 60 pts falls in both '60–70 pts (not including 70 pts)' (5 pts) and '≤ 60 pts' (veto)"
    )


def test_literal_attitude_60_conflicts_with_the_overall_rule(literal: list[Finding]) -> None:
    conflicts = by_code(literal, "threshold_conflict")
    assert {(f.table, f.kpi) for f in conflicts} == {("probation", "attitude"), ("regular", "attitude")}
    probation = next(f for f in conflicts if f.table == "probation")
    assert probation.text("zh") == (
        "服务态度：恰好 60 分在「70>得分>=60」中得 5 分（通过），但「得分<=60」与总分规则"
        "「总分 ≤ 60 不予上岗」都把 60 分判为不通过"
    )
    assert probation.text("en") == (
        "Attitude: exactly 60 pts passes in '70>得分>=60' with 5 points, but '得分<=60' and the "
        "overall rule 'not cleared at a total ≤ 60' make 60 pts a fail"
    )


def test_literal_garbled_band(literal: list[Finding]) -> None:
    (garbled,) = by_code(literal, "garbled")
    assert (garbled.table, garbled.kpi) == ("probation", "reply_rate")
    assert garbled.path == "tables[0].kpis[1].bands[2]"
    assert "95%回复率>=90%" in garbled.text("zh") and "95%回复率>=90%" in garbled.text("en")
    # The garbled band matches nothing, so what it meant to cover is a gap.
    gaps = [f.text("zh") for f in by_code(literal, "gap") if f.kpi == "reply_rate"]
    assert gaps == ["回复率：90%–95%（不含 95%）没有任何区间覆盖"]


def test_literal_has_only_errors_about_the_source(literal: list[Finding]) -> None:
    assert {f.code for f in literal} == {"gap", "contradictory", "overlap", "threshold_conflict", "garbled"}
    assert all(f.severity == "error" for f in literal)


@pytest.mark.parametrize("preset", ["standard", "multi"])
def test_shipped_presets_are_clean(preset: str) -> None:
    rules = load_rules(preset)  # a preset that does not load is a failure, never a skip
    assert lint(rules) == []
    for profile in rules.profiles:
        assert lint(rules.with_profile(profile.name)) == []


# --- small broken files -----------------------------------------------------------------------


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_file_yields_exactly_its_finding(path: Path) -> None:
    findings = lint(load_rules(str(path)))
    assert {f.code for f in findings} == expected_codes(path), [f.text("zh") for f in findings]
    for f in findings:
        assert f.text("zh") and f.text("en") and f.path
        assert f.severity in ("error", "warning")


def test_there_are_a_dozen_broken_files() -> None:
    assert len([p for p in BROKEN if expected_codes(p)]) >= 12


def test_findings_in_an_included_block_point_at_the_block() -> None:
    text = """
name: blocks
blocks:
  attendance:
    - {id: late, name: 迟到, weight: 5, input: late, unit: count,
       bands: [{range: "[0, 0]", points: 5}, {range: "[2, inf)", points: 0}]}
tables:
  - {id: t, name: 表, total: 5, applies_to: {}, include: [attendance], kpis: []}
"""
    (gap,) = lint(parse_rules(text))
    assert (gap.code, gap.table, gap.kpi, gap.path) == ("gap", "t", "late", "blocks.attendance[0].bands")
    assert gap.text("zh") == "迟到：1 次没有任何区间覆盖"
    assert gap.text("en") == "迟到: no band covers 1"


# --- partitions of [0, 100] -------------------------------------------------------------------


def rules_with(bands: list[Band]) -> RuleSet:
    """A one-table, one-KPI rule set over an attitude score with these bands."""
    kpi = Kpi(
        id="att",
        name="态度",
        name_en="Attitude",
        weight=10,
        input="attitude_score",
        unit="score",
        bands=tuple(bands),
    )
    table = Table(id="t", name="表", name_en="Table", total=10, applies_to=(), kpis=(kpi,))
    return RuleSet(
        name="p", name_en="p", source="test", hash="0", tables=(table,), grades=(), fail_grade="D", levels=()
    )


@st.composite
def partitions(draw: st.DrawFn) -> tuple[list[float], list[bool]]:
    """Cut points strictly inside (0, 100), and for each whether the cut belongs to the left band."""
    cuts = draw(
        st.lists(
            st.floats(0, 100, exclude_min=True, exclude_max=True, allow_subnormal=False),
            min_size=0,
            max_size=8,
            unique=True,
        )
    )
    return sorted(cuts), draw(st.lists(st.booleans(), min_size=len(cuts), max_size=len(cuts)))


def bands_of(cuts: list[float], left: list[bool]) -> list[Band]:
    """Consecutive bands over [0, 100]: each cut closes exactly one of its two neighbours."""
    ends = [0.0, *cuts, 100.0]
    closed_high = [*left, True]
    closed_low = [True, *(not x for x in left)]
    return [
        Band(ends[i], closed_low[i], ends[i + 1], closed_high[i], points=10 if i == 0 else i % 10)
        for i in range(len(ends) - 1)
    ]


@given(partitions())
def test_a_partition_has_no_gap_or_overlap(part: tuple[list[float], list[bool]]) -> None:
    assert lint(rules_with(bands_of(*part))) == []


@given(partitions(), st.data())
def test_removing_a_band_leaves_a_gap(part: tuple[list[float], list[bool]], data: st.DataObject) -> None:
    bands = bands_of(*part)
    gone = bands.pop(data.draw(st.integers(0, len(bands) - 1)))
    gaps = by_code(lint(rules_with(bands)), "gap")
    assert [f.text("zh") for f in gaps] == [f"态度：{band_words(gone, 'score').text('zh')}没有任何区间覆盖"]


@given(partitions().filter(lambda p: p[0]), st.data())
def test_a_cut_closed_on_both_sides_is_an_overlap(
    part: tuple[list[float], list[bool]], data: st.DataObject
) -> None:
    cuts, left = part
    i = data.draw(st.integers(0, len(cuts) - 1))
    bands = bands_of(cuts, left)
    bands[i] = replace(bands[i], high_incl=True)
    bands[i + 1] = replace(bands[i + 1], low_incl=True)
    findings = lint(rules_with(bands))
    assert {f.code for f in findings} == {"overlap"}
    (overlap,) = by_code(findings, "overlap")
    assert overlap.text("zh").startswith(f"态度：{quantity(cuts[i], 'score').zh}同时落在")


# --- findings in words, and where they are ----------------------------------------------------


def test_a_gap_and_an_overlap_are_said_in_words() -> None:
    # [0, 45] and (60, 100]: nothing covers (45, 60]; adding [40, 70] overlaps both sides.
    bands = [Band(0, True, 45, True, points=10), Band(60, False, 100, True, points=5)]
    (gap,) = lint(rules_with(bands))
    assert gap.text("zh") == "态度：45–60 分（不含 45 分）没有任何区间覆盖"
    assert gap.text("en") == "Attitude: no band covers 45–60 pts (not including 45 pts)"
    overlaps = by_code(lint(rules_with([*bands, Band(40, True, 70, True, points=7)])), "overlap")
    assert [f.text("zh") for f in overlaps] == [
        "态度：40–45 分同时落在「≤ 45 分」（10 分）和「40–70 分」（7 分）",
        "态度：60–70 分（不含 60 分）同时落在「60–100 分（不含 60 分）」（5 分）和「40–70 分」（7 分）",
    ]
    assert all(
        "[" not in f.text(lang) and "(4" not in f.text(lang) for f in overlaps for lang in ("zh", "en")
    )


def test_points_findings_point_at_the_points_and_the_weight() -> None:
    over = lint(rules_with([Band(0, True, 100, True, points=12)]))
    assert [(f.code, f.path) for f in over] == [("points_over_weight", "tables[0].kpis[0].bands[0].points")]
    assert over[0].text("zh") == "态度：区间「≤ 100 分」给 12 分，超过权重 10"
    short = lint(rules_with([Band(0, True, 100, True, points=8)]))
    assert [(f.code, f.path) for f in short] == [("weight_not_reached", "tables[0].kpis[0].weight")]


RULES_TEXT = """\
name: 行号
tables:
  - id: t
    name: 表
    total: 10
    kpis:
      - id: late
        name: 迟到
        weight: 10
        input: late
        unit: count
        bands:
          - {range: "[0, 0]", points: 10}
          - {range: "[2, inf)", points: 0}
grades: [{name: A, min: 9}]
"""


def test_a_finding_is_on_the_line_of_its_key() -> None:
    rules = parse_rules(RULES_TEXT)
    (gap,) = lint(rules)
    assert gap.path == "tables[0].kpis[0].bands"
    assert finding_line(rules, gap.path) == 12  # "bands:"
    assert finding_line(rules, "tables[0].kpis[0].bands[1].points") == 14
    assert finding_line(rules, "tables[0].total") == 5
    assert finding_line(rules, "grades") == 15
