"""Rules checked against the data before scoring, and the ratios a partly bad row left:
exact messages in both languages, counted by hand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import pytest

from csreport.fields import DeclaredField, Vocabulary
from csreport.inputs.dataset import RosterEntry
from csreport.inputs.derive import providers
from csreport.messages import listed
from csreport.problems import Problem, Severity
from csreport.results import RunMeta
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.model import RuleSet
from csreport.scoring.aggregate import aggregate_all
from csreport.scoring.coverage import blocks_everyone, field_names, ratio_notes, rules_against_data
from csreport.scoring.score import score_month

VOCABULARY = Vocabulary(
    (DeclaredField("三分钟回复率", "三分钟回复率（人维度）", "%", "weighted", "inquiries"),)
)


def rules_with(policy: str) -> RuleSet:
    """A probation table scoring conversion only, and a regular table of 115 points whose
    10-point 三分钟回复率 has the missing-data ``policy``."""
    return parse_rules(
        f"""
name: 测试
name_en: Test
tables:
  - id: probation
    name: 试用期
    name_en: Probation
    applies_to: {{岗位状态: 试用期}}
    total: 100
    kpis:
      - {{id: conversion, name: 咨询转化率, name_en: Conversion rate, weight: 100,
          input: paid_orders / received, unit: "%", bands: [{{range: "[0%, inf)", points: 100}}]}}
  - id: regular
    name: 正式
    name_en: Regular
    total: 115
    kpis:
      - {{id: conversion, name: 咨询转化率, name_en: Conversion rate, weight: 105,
          input: paid_orders / received, unit: "%", bands: [{{range: "[0%, inf)", points: 105}}]}}
      - {{id: three_min, name: 三分钟回复率, name_en: 3-minute reply rate, weight: 10, missing: {policy},
          input: 三分钟回复率, unit: "%", bands: [{{range: "[0%, 100%]", points: 10}}]}}
grades:
  - {{name: A, min: 60}}
fail_grade: D
""",
        vocabulary=VOCABULARY,
    )


def reception(rows: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"_file": "接待.xlsx", "_sheet": "数据", "_row": i + 2, **row} for i, row in enumerate(rows)]
    )


ROSTER = {
    "KF01": RosterEntry("KF01", "甲", status="正式"),
    "KF02": RosterEntry("KF02", "乙", status="正式"),
    "KF03": RosterEntry("KF03", "丙", status="试用期"),
}


def month(three_min: Mapping[str, float] | None = None) -> pd.DataFrame:
    """KF01–KF03 of the roster and KF04, only in the data (not staff, so counted on no table).
    ``three_min`` gives 三分钟回复率 per agent; without it the sheet has no such column."""
    rows: list[dict[str, object]] = [
        {"agent_id": a, "received": 100.0, "inquiries": 100.0, "paid_orders": 50.0}
        for a in ("KF01", "KF02", "KF03", "KF04")
    ]
    if three_min is not None:
        rows = [{**r, "三分钟回复率": three_min.get(str(r["agent_id"]))} for r in rows]
    return reception(rows)


def check(policy: str, three_min: Mapping[str, float] | None = None) -> list[Problem]:
    rules = rules_with(policy)
    aggs = aggregate_all({"reception": month(three_min)}, {}, rules)
    return rules_against_data(rules, ROSTER, aggs, providers)


def texts(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.render("zh"), p.render("en")) for p in problems]


NO_ONE_ZH = (
    "[错误] 考核表「正式」的指标「三分钟回复率」无法为任何人计算：所有人都没有三分钟回复率的数据"
    "（可来自：三分钟回复率（人维度））。"
)
NO_ONE_EN = (
    "[error] 3-minute reply rate (三分钟回复率) in table 'Regular (正式)' cannot be computed for anyone: "
    "no agent has data for 三分钟回复率 (it would come from: 三分钟回复率（人维度）). "
)


def test_no_agent_has_the_input_no_score() -> None:
    problems = check("no_score")
    assert texts(problems) == [
        (
            NO_ONE_ZH + "该表 2 人都将为「缺数据」，没有总分。",
            NO_ONE_EN + "Everyone on the table (2) will be Missing data (缺数据), with no total.",
        )
    ]
    assert problems[0].severity is Severity.ERROR
    assert problems[0].params["everyone"] is True
    assert blocks_everyone(problems)


def test_no_agent_has_the_input_exclude_says_the_rescaling_score_month_applies() -> None:
    problems = check("exclude")
    warning = ("[警告]" + NO_ONE_ZH[4:], "[warning]" + NO_ONE_EN[7:])
    assert texts(problems) == [
        (
            warning[0] + "该指标不计入，每人的总分按 ×115/105 折算。",
            warning[1] + "It is left out and every total rescaled ×115/105.",
        )
    ]
    assert problems[0].severity is Severity.WARNING
    assert problems[0].params["everyone"] is True and not blocks_everyone(problems)
    rules = rules_with("exclude")
    aggs = aggregate_all({"reception": month()}, {}, rules)
    meta = RunMeta("店", "2026-10", rules.name, rules.hash, "2026-11-01T00:00:00")
    result, _ = score_month(ROSTER, aggs, rules, meta)
    kf01 = next(a for a in result.agents if a.agent_id == "KF01")
    assert kf01.rescale_note is not None and dict(kf01.rescale_note.params)["ratio"] == "115/105"
    assert kf01.total == 115.0


def test_no_agent_has_the_input_zero() -> None:
    problems = check("zero")
    assert texts(problems) == [
        (
            "[警告]" + NO_ONE_ZH[4:] + "每人该项都记 0 分。",
            "[warning]" + NO_ONE_EN[7:] + "Everyone gets 0 points for it.",
        )
    ]
    assert problems[0].severity is Severity.WARNING


SOME_ZH = (
    "[警告] 考核表「正式」的指标「三分钟回复率」：2 人中有 1 人没有三分钟回复率的数据"
    "（工号 KF02；可来自：三分钟回复率（人维度））。"
)
SOME_EN = (
    "[warning] 3-minute reply rate (三分钟回复率) in table 'Regular (正式)': 1 of 2 agents have no data "
    "for 三分钟回复率 (agent IDs KF02; it would come from: 三分钟回复率（人维度）). "
)


@pytest.mark.parametrize(
    ("policy", "zh", "en"),
    [
        (
            "no_score",
            "这些人将为「缺数据」，没有总分。",
            "They will be Missing data (缺数据), with no total.",
        ),
        (
            "exclude",
            "这些人的该指标不计入，总分按 ×115/105 折算。",
            "It is left out for them and their totals rescaled ×115/105.",
        ),
        ("zero", "这些人该项记 0 分。", "They get 0 points for it."),
    ],
)
def test_some_agents_lack_the_input(policy: str, zh: str, en: str) -> None:
    # KF03 has none either, but the probation table it is on does not score it.
    problems = check(policy, {"KF01": 0.9})
    assert texts(problems) == [(SOME_ZH + zh, SOME_EN + en)]
    assert problems[0].params["everyone"] is False
    assert not blocks_everyone(problems)


def test_everyone_has_the_inputs() -> None:
    assert check("no_score", {"KF01": 0.9, "KF02": 0.8, "KF04": 0.7}) == []


def test_the_first_five_agent_ids_then_more() -> None:
    rules = rules_with("no_score")
    agents = [f"KF{i:02d}" for i in range(1, 9)]
    frame = reception(
        [
            {"agent_id": a, "received": 100.0, "paid_orders": 50.0, "inquiries": 100.0, "三分钟回复率": 0.9}
            if a == "KF01"
            else {"agent_id": a, "received": 100.0, "paid_orders": 50.0}
            for a in agents
        ]
    )
    problems = rules_against_data(rules, {}, aggregate_all({"reception": frame}, {}, rules))
    assert [p.params["count"] for p in problems] == [7]
    assert "8 人中有 7 人没有三分钟回复率的数据（工号 KF02、KF03、KF04、KF05、KF06……；" in problems[
        0
    ].message("zh")
    assert "7 of 8 agents have no data for 三分钟回复率 (agent IDs KF02, KF03, KF04, KF05, KF06, …;" in (
        problems[0].message("en")
    )


def test_tables_then_kpis_in_rules_order_with_built_in_fields() -> None:
    """No 付款订单数 anywhere: conversion fails on both tables, each said once, before the
    regular table's 三分钟回复率."""
    rules = rules_with("exclude")
    frame = month().drop(columns=["paid_orders"])
    problems = rules_against_data(rules, ROSTER, aggregate_all({"reception": frame}, {}, rules), providers)
    assert [(p.params["table_id"], p.params["kpi_id"], p.params["count"]) for p in problems] == [
        ("probation", "conversion", 1),
        ("regular", "conversion", 2),
        ("regular", "three_min", 2),
    ]
    columns = providers("paid_orders", VOCABULARY)
    zh = "、".join(c if isinstance(c, str) else c.zh for c in columns)
    en = ", ".join(c if isinstance(c, str) else c.en for c in columns)
    assert problems[0].message("zh") == (
        f"考核表「试用期」的指标「咨询转化率」无法为任何人计算：所有人都没有付款订单数的数据（可来自：{zh}）。"
        "该表 1 人都将为「缺数据」，没有总分。"
    )
    assert problems[0].message("en") == (
        "Conversion rate (咨询转化率) in table 'Probation (试用期)' cannot be computed for anyone: no agent "
        f"has data for Paid orders (付款订单数) (it would come from: {en}). "
        "Everyone on the table (1) will be Missing data (缺数据), with no total."
    )
    # With conversion unscored for everyone the totals are void; excluding 三分钟回复率 is
    # still said with its rescaling.
    assert problems[2].message("en").endswith("It is left out and every total rescaled ×115/105.")


def test_a_sampled_kpi_without_samples_lacks_its_sample_count() -> None:
    rules = load_rules("standard")
    frame = reception([{"agent_id": "KF01", "received": 100.0, "paid_orders": 50.0}])
    problems = rules_against_data(rules, {}, aggregate_all({"reception": frame}, {}, rules))
    lacking = {p.params["kpi_id"]: p.params["lacking"] for p in problems}
    assert lacking["errors"] == ("qa_chats", "max_same_error")
    assert lacking["attitude"] == ("qa_chats", "attitude_score")
    assert lacking["reply_rate"] == ("replied", "inquiries")


# --- which ratios a partly bad row left ----------------------------------------------------------

LETTERS = {
    ("接待.xlsx", "数据"): {"agent_id": "A", "received": "C", "paid_orders": "D", "avg_response_s": "E"},
    ("考勤.xlsx", "考勤"): {"agent_id": "A", "late": "C"},
}


def bad_rows() -> pd.DataFrame:
    """Rows 2–7 of one sheet: 2 clean; 3 an unreadable 接待人数; 4 an unreadable 接待人数 on a
    row with nothing else; 5 an unreadable 付款订单数; 6 and 7 blank 接待人数 cells."""
    full = {"agent_id": "KF01", "received": 100.0, "paid_orders": 40.0, "avg_response_s": 30.0}
    return reception(
        [
            full,
            {**full, "received": None},
            {"agent_id": "KF01", "received": None, "paid_orders": None, "avg_response_s": None},
            {**full, "paid_orders": None},
            {**full, "received": None},
            {**full, "received": None},
        ]
    )


def cell(code: str, row: int, column: str, header: str, value: str = "") -> Problem:
    return Problem(code, Severity.ERROR, "接待.xlsx", "数据", row, column, header, value)


def test_a_cell_problem_says_which_ratios_its_row_left() -> None:
    rules = load_rules("standard")
    received = cell("cell.not_number", 3, "C", "接待人数", "—")
    nothing_else = cell("cell.not_number", 4, "C", "接待人数", "—")
    paid = cell("cell.error_value", 5, "D", "付款订单数", "#VALUE!")
    noted = ratio_notes([received, nothing_else, paid], {"reception": bad_rows()}, LETTERS, rules)
    assert [p.message("zh") for p in noted] == [
        "「—」不是有效的数字，此值按缺失处理。该行不计入以下比率的分子和分母：平均响应时长、咨询转化率。",
        "「—」不是有效的数字，此值按缺失处理。",
        "单元格是错误值 #VALUE!，按缺失处理。请在原表中修正公式。"
        "该行不计入以下比率的分子和分母：咨询转化率。",
    ]
    assert [p.message("en") for p in noted] == [
        "'—' is not a valid number; treated as missing. The row is left out of both sides of: "
        "Average response time (平均响应时长), Conversion rate (咨询转化率).",
        "'—' is not a valid number; treated as missing.",
        "The cell holds the error value #VALUE!; treated as missing. Fix the formula in the workbook. "
        "The row is left out of both sides of: Conversion rate (咨询转化率).",
    ]


def test_a_column_of_blanks_says_which_ratios_its_rows_left() -> None:
    rules = load_rules("standard")
    blanks = Problem(
        "column.blanks",
        Severity.WARNING,
        "接待.xlsx",
        "数据",
        6,
        "C",
        "接待人数",
        params={"count": 2, "rows": listed(["6", "7"])},
    )
    (noted,) = ratio_notes([blanks], {"reception": bad_rows()}, LETTERS, rules)
    assert noted.message("zh") == (
        "此列有 2 个空白单元格（第 6、7 行），按缺失处理。"
        "这些行不计入以下比率的分子和分母：平均响应时长、咨询转化率。"
    )
    assert noted.message("en") == (
        "This column has 2 blank cell(s) (rows 6, 7); treated as missing. These rows are left out of both "
        "sides of: Average response time (平均响应时长), Conversion rate (咨询转化率)."
    )


def test_one_blank_cell_is_one_row() -> None:
    rules = load_rules("standard")
    blank = Problem(
        "column.blanks",
        Severity.WARNING,
        "接待.xlsx",
        "数据",
        6,
        "C",
        "接待人数",
        params={"count": 1, "rows": "6"},
    )
    (noted,) = ratio_notes([blank], {"reception": bad_rows()}, LETTERS, rules)
    assert noted.message("en").endswith(
        "The row is left out of both sides of: Average response time (平均响应时长), "
        "Conversion rate (咨询转化率)."
    )


def test_problems_that_leave_no_ratio_are_unchanged_and_in_order() -> None:
    rules = load_rules("standard")
    clean_row = cell("cell.not_number", 2, "D", "付款订单数", "x")  # the frame kept its value
    other_sheet = Problem("cell.not_number", Severity.ERROR, "考勤.xlsx", "考勤", 3, "C", "迟到次数", "x")
    not_a_cell = Problem("row.duplicate", Severity.WARNING, "接待.xlsx", "数据", 3, "C", params={})
    received = cell("cell.not_number", 3, "C", "接待人数", "—")
    problems = [clean_row, other_sheet, not_a_cell, received]
    noted = ratio_notes(problems, {"reception": bad_rows()}, LETTERS, rules)
    assert noted[:3] == problems[:3] and all(p.also == () for p in noted[:3])
    assert [n.code for n in noted[3].also] == ["ratio.rows_left"]


def test_with_the_roster_a_row_names_only_its_own_tables_kpis() -> None:
    """On the probation table (no 咨询转化率) the unreadable 接待人数 left only 平均响应时长."""
    rules = load_rules("standard")
    roster = {"KF01": RosterEntry("KF01", "甲", status="试用期")}
    received = cell("cell.not_number", 3, "C", "接待人数", "—")
    (noted,) = ratio_notes([received], {"reception": bad_rows()}, LETTERS, rules, roster)
    assert noted.message("zh").endswith("该行不计入以下比率的分子和分母：平均响应时长。")


def test_without_the_readers_providers_a_field_is_named_by_its_column_or_name() -> None:
    assert field_names("paid_orders", VOCABULARY) == ["付款订单数"]
    assert field_names("三分钟回复率", VOCABULARY) == ["三分钟回复率（人维度）"]


def test_an_excluded_kpi_of_no_weight_rescales_nothing() -> None:
    rules = parse_rules(
        """
name: 测试
name_en: Test
tables:
  - id: regular
    name: 正式
    name_en: Regular
    total: 100
    kpis:
      - {id: conversion, name: 咨询转化率, name_en: Conversion rate, weight: 100,
         input: paid_orders / received, unit: "%", bands: [{range: "[0%, inf)", points: 100}]}
      - {id: slow, name: 慢回复扣分, name_en: Slow-reply deduction, weight: 0, missing: exclude,
         input: 三分钟回复率, unit: "%", mode: per_unit, per_unit: -1, floor: -5}
grades:
  - {name: A, min: 60}
fail_grade: D
""",
        vocabulary=VOCABULARY,
    )
    problems = rules_against_data(rules, {}, aggregate_all({"reception": month()}, {}, rules), providers)
    assert texts(problems) == [
        (
            "[警告] 考核表「正式」的指标「慢回复扣分」无法为任何人计算：所有人都没有三分钟回复率的数据"
            "（可来自：三分钟回复率（人维度））。该指标不计入。",
            "[warning] Slow-reply deduction (慢回复扣分) in table 'Regular (正式)' cannot be computed for "
            "anyone: no agent has data for 三分钟回复率 (it would come from: 三分钟回复率（人维度）). "
            "It is left out.",
        )
    ]
