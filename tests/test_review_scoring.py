"""The half-year 级别 review computed from history records built by hand: figures, order,
gaps, the suggestion at the ladder's ends, and the reasons in both languages.

``review_fixture()`` (the period, records, interviews and rules) is shared with the
workbook, PDF and read-back tests.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from csreport.history.model import AgentRecord, Interview, KpiRecord
from csreport.problems import CsreportError
from csreport.results import AttendanceSummary
from csreport.rules.loader import load_rules
from csreport.rules.model import Promotion, PromotionRule, RuleSet
from csreport.scoring.review import Review, build_review, judgement_note, period_months, tenure_months

MONTHS = ("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
UP = PromotionRule(min_months=5, min_average=85, max_vetoes=0)
DOWN = PromotionRule(min_vetoes=2)
PROMOTION = Promotion(up=UP, down=DOWN)


def rules(promotion: Promotion | None = PROMOTION) -> RuleSet:
    """The standard preset (ladder 新员工 … 公司高层) with the given promotion block."""
    return dataclasses.replace(load_rules("standard"), promotion=promotion)


def kpis(qa_raw: float | None = 0.99, qa_veto: str | None = None, risk_veto: str | None = None) -> tuple:
    """A month's KPIs: one scored from sampled chats (QA) and one that is not."""
    return (
        KpiRecord(
            "accuracy", "服务质量", "Service quality", "%", 20, qa_raw, None, None, None, 20, qa_veto, qa=True
        ),
        KpiRecord("risk", "店铺风险", "Shop risk", "count", 0, 0, None, None, None, 0, risk_veto),
    )


def record(
    agent_id: str,
    name: str,
    group: str,
    level: str,
    total: float | None,
    *,
    hire: str | None = None,
    veto: str | None = None,
    qa_veto: bool = False,
    qa: bool = True,
    attendance: AttendanceSummary | None = None,
) -> AgentRecord:
    """One agent's month; ``veto`` (a reason) makes it 不予上岗, ``qa_veto`` puts it on the QA KPI."""
    reasons = (veto,) if veto else ()
    conclusion = "fail" if veto else "missing" if total is None else "pass"
    return AgentRecord(
        agent_id=agent_id,
        name=name,
        group=group,
        status="正式",
        level=level,
        table_id="regular",
        table_name="正式",
        total=total,
        max_total=100,
        conclusion=conclusion,
        grade=None,
        rank=None,
        rank_of=0,
        coefficient=None,
        bonus=None,
        bonus_base=None,
        in_roster=True,
        hire_date=hire,
        attendance=attendance,
        vetoes=reasons,
        vetoes_en=reasons,
        kpis=kpis(qa_veto=veto if qa_veto else None, risk_veto=None if qa_veto else veto) if qa else (),
    )


ATT = AttendanceSummary(present=22, late=1, early_leave=0, leave=1, absent=0, rest=8, recorded_days=31)


def series(
    agent_id: str, name: str, group: str, level: str, totals: Sequence[object], **kw: object
) -> dict[str, AgentRecord]:
    """An agent's months: month -> record; a month missing from ``totals`` (``...``) has no record."""
    out = {}
    vetoed: dict[str, tuple[str, bool]] = kw.pop("vetoed", {})  # type: ignore[assignment]
    for month, total in zip(MONTHS, totals, strict=True):
        if total is ...:
            continue
        veto = vetoed.get(month)
        assert total is None or isinstance(total, (int, float))
        out[month] = record(
            agent_id,
            name,
            group,
            level,
            total,
            veto=veto[0] if veto else None,
            qa_veto=bool(veto and veto[1]),
            **kw,  # type: ignore[arg-type]
        )
    return out


def review_records() -> dict[str, list[AgentRecord]]:
    """Seven agents over 2026-05 … 2026-10 (see the tests for each one's story)."""
    agents = [
        # 1001 张三, 老员工: 84 86 88 90 87 90 → mean 87.5, six months, no veto → up to 组长.
        series("1001", "张三", "一组", "老员工", [84, 86, 88, 90, 87, 90], hire="2024-03-15", attendance=ATT),
        # 999 李四, 组长: vetoed in 06 (on the QA KPI) and 08 (shop risk) → down to 老员工.
        series(
            "999",
            "李四",
            "一组",
            "组长",
            [90, 70, 88, 60, 86, 89],
            hire="2026-05-01",
            vetoed={"2026-06": ("服务质量不达标", True), "2026-08": ("店铺风险", False)},
        ),
        # 1002 孙七, 老员工: recorded from 07 only → 4 months < 5 → stays.
        series("1002", "孙七", "一组", "老员工", [..., ..., 90, 92, 94, 96], hire="2026-07-10"),
        # 1003 钱九, 老员工: 80 every month → average < 85 → stays.
        series("1003", "钱九", "一组", "老员工", [80] * 6, hire="2025-10-01", qa=False),
        # 2001 王五, 新员工 (the bottom): vetoed twice, no total in 07 → stays at the bottom.
        series(
            "2001",
            "王五",
            "二组",
            "新员工",
            [50, 40, None, 70, 72, 75],
            qa=False,
            vetoed={"2026-05": ("服务质量不达标", False), "2026-06": ("服务质量不达标", False)},
        ),
        # 2002 赵六, 公司高层 (the top): up conditions met → stays at the top.
        series("2002", "赵六", "二组", "公司高层", [95, 96, 97, 98, 99, 100], hire="2020-01-01"),
    ]
    # 3001 周八, no group: named 周八八 and 新员工 before; the latest month says 实习生 (not on the ladder).
    early = series("3001", "周八八", "", "新员工", [88, 88, 88, ..., ..., ...])
    late = series("3001", "周八", "", "实习生", [..., ..., ..., 90, ..., 91])
    agents += [early, late]
    records: dict[str, list[AgentRecord]] = {m: [] for m in MONTHS}
    for agent in agents:
        for month, rec in agent.items():
            records[month].append(rec)
    return records


INTERVIEWS = (
    Interview("2026-07", "1001", judgement="B", reason="促销", plan="提升响应速度"),
    Interview("2026-09", "1001", judgement="A", plan="保持"),
    Interview("2026-04", "1001", judgement="D", plan="before the period"),  # outside: ignored
    Interview("2026-06", "999", judgement="C", reason="淡旺季"),
    Interview("2026-06", "999", judgement="B", reason="流量"),  # a second sheet for 06 wins
    Interview("2026-08", "999", plan="  "),  # nothing given
)


def review_fixture(promotion: Promotion | None = PROMOTION) -> Review:
    return build_review(MONTHS, review_records(), INTERVIEWS, rules(promotion))


def by_id(review: Review) -> dict:
    return {r.agent_id: r for r in review.rows}


def test_period_months_span_years_and_refuse_bad_periods() -> None:
    assert period_months("2026-11", "2027-02") == ("2026-11", "2026-12", "2027-01", "2027-02")
    assert period_months("2026-05", "2026-05") == ("2026-05",)
    for start, end in (("2026-10", "2026-05"), ("2026-5", "2026-10"), ("2026-13", "2027-01"), ("x", "y")):
        with pytest.raises(CsreportError) as err:
            period_months(start, end)
        assert err.value.message("zh") == (
            f"评审期间 {start} – {end} 无效：月份写作 YYYY-MM（如 2026-05），起始月不能晚于结束月。"
        )
        assert err.value.message("en") == (
            f"The review period {start} – {end} is not valid: write months as YYYY-MM (such as "
            "2026-05), the first not after the last."
        )
    with pytest.raises(CsreportError) as err:
        period_months("2020-01", "2026-01")
    assert (
        err.value.message("en")
        == "The review period 2020-01 – 2026-01 has 73 months; at most 60 are allowed."
    )


def test_rows_are_ordered_by_group_then_id_numerically_and_take_the_latest_month() -> None:
    review = review_fixture()
    assert review.period == "2026-05 – 2026-10"
    assert [r.agent_id for r in review.rows] == ["999", "1001", "1002", "1003", "2001", "2002", "3001"]
    zhou = by_id(review)["3001"]
    assert (zhou.name, zhou.group, zhou.level) == ("周八", "", "实习生")
    assert zhou.totals == (88, 88, 88, 90, None, 91)


def test_figures_of_a_full_series() -> None:
    zhang = by_id(review_fixture())["1001"]
    assert zhang.totals == (84, 86, 88, 90, 87, 90)
    assert zhang.average == 87.5
    assert zhang.minimum == 84
    # x - 2.5 = -2.5 … 2.5, y - 87.5 = -3.5 -1.5 0.5 2.5 -0.5 2.5: Σ = 17.5, Σx² = 17.5
    assert zhang.trend == pytest.approx(1.0)
    assert zhang.months_scored == 6
    assert zhang.vetoes == 0
    assert (zhang.qa_months, zhang.qa_passed, zhang.qa_rate) == (6, 6, 1.0)
    assert zhang.attendance == AttendanceSummary(
        present=132, late=6, early_leave=0, leave=6, absent=0, rest=48, recorded_days=186
    )
    # hired 2024-03-15; the period ends when 2026-11 begins: 31 whole months
    assert zhang.tenure_months == 31
    assert [judgement_note(i).text("zh") for i in zhang.interviews] == ["2026-07 B（促销）", "2026-09 A"]
    assert [judgement_note(i).text("en") for i in zhang.interviews] == ["2026-07 B (Promotion)", "2026-09 A"]
    assert zhang.plan == "保持"
    assert (zhang.suggested, zhang.move) == ("组长", "up")
    assert zhang.reason is not None
    assert (
        zhang.reason.text("zh")
        == "6 个月有总分 ≥ 5 个月，6 个月平均 87.5 分 ≥ 85 分，否决 0 次 ≤ 0 次 → 升一级"
    )
    assert zhang.reason.text("en") == (
        "6 months with a total ≥ 5, average of 6 months 87.5 ≥ 85 pts, vetoes (否决) 0 ≤ 0 "
        "→ up one level (级别)"
    )


def test_two_vetoes_move_down_and_qa_counts_only_the_qa_veto() -> None:
    li = by_id(review_fixture())["999"]
    assert li.average == pytest.approx(80.5)
    assert li.minimum == 60
    # y - 80.5 = 9.5 -10.5 7.5 -20.5 5.5 8.5: Σ(x-x̄)(y-ȳ) = 7.5, Σx² = 17.5
    assert li.trend == pytest.approx(7.5 / 17.5)
    assert li.vetoes == 2
    assert (li.qa_months, li.qa_passed) == (6, 5)  # 08's veto is the shop risk's, not QA's
    assert li.qa_rate == pytest.approx(5 / 6)
    assert li.tenure_months == 6  # hired on 2026-05-01: May to October
    assert li.attendance is None
    assert [judgement_note(i).text("zh") for i in li.interviews] == ["2026-06 B（流量）"]
    assert li.plan == ""
    assert (li.suggested, li.move) == ("老员工", "down")
    assert li.reason is not None
    assert li.reason.text("zh") == "否决 2 次 ≥ 2 次 → 降一级"
    assert li.reason.text("en") == "vetoes (否决) 2 ≥ 2 → down one level (级别)"


def test_a_gap_is_no_zero_and_the_bottom_stays() -> None:
    wang = by_id(review_fixture())["2001"]
    assert wang.totals == (50, 40, None, 70, 72, 75)
    assert wang.months_scored == 5
    assert wang.average == pytest.approx(61.4)
    assert wang.minimum == 40
    # x = 0 1 3 4 5 (x̄ 2.6), y = 50 40 70 72 75 (ȳ 61.4): 114.8 / 17.2
    assert wang.trend == pytest.approx(114.8 / 17.2)
    assert (wang.qa_months, wang.qa_rate) == (0, None)  # no QA KPI
    assert wang.tenure_months is None  # no hire date
    assert (wang.suggested, wang.move) == ("新员工", "stay")
    assert wang.reason is not None
    assert wang.reason.text("zh") == "否决 2 次 ≥ 2 次 → 已是最低级别，保持"
    assert wang.reason.text("en") == "vetoes (否决) 2 ≥ 2 → already the lowest level (级别), stays"


def test_the_top_stays_and_unmet_conditions_are_said() -> None:
    rows = by_id(review_fixture())
    zhao = rows["2002"]
    assert (zhao.suggested, zhao.move) == ("公司高层", "stay")
    assert zhao.reason is not None
    assert zhao.reason.text("zh") == (
        "6 个月有总分 ≥ 5 个月，6 个月平均 97.5 分 ≥ 85 分，否决 0 次 ≤ 0 次 → 已是最高级别，保持"
    )
    sun = rows["1002"]
    assert sun.totals == (None, None, 90, 92, 94, 96)
    assert sun.trend == pytest.approx(2.0)
    assert sun.tenure_months == 3  # hired 2026-07-10: August, September, October
    assert (sun.suggested, sun.move) == ("老员工", "stay")
    assert sun.reason is not None
    assert sun.reason.text("zh") == "4 个月有总分 < 5 个月 → 保持"
    assert sun.reason.text("en") == "4 months with a total < 5 → stays"
    qian = rows["1003"]
    assert qian.trend == 0
    assert qian.reason is not None
    assert qian.reason.text("zh") == "6 个月平均 80 分 < 85 分 → 保持"


def test_a_level_off_the_ladder_gets_no_suggestion() -> None:
    zhou = by_id(review_fixture())["3001"]
    assert (zhou.suggested, zhou.move) == (None, "")
    assert zhou.reason is not None
    assert zhou.reason.text("zh") == "级别「实习生」不在规则的级别阶梯上，无法建议"
    assert zhou.reason.text("en") == "Level (级别) '实习生' is not on the rules' ladder: no suggestion"


def test_without_a_promotion_block_nothing_is_suggested_and_it_is_said_once() -> None:
    review = review_fixture(None)
    assert all(r.suggested is None and r.reason is None and r.move == "" for r in review.rows)
    assert [n.text("zh") for n in review.notes] == [
        "规则中没有晋级条件（promotion:），不给出建议级别，由店长决定。"
    ]
    assert review_fixture().notes == ()


def test_tenure_condition_without_a_hire_date_does_not_hold() -> None:
    promotion = Promotion(up=PromotionRule(min_tenure_months=12, min_average=60), down=None)
    rows = by_id(review_fixture(promotion))
    assert rows["2001"].reason is not None
    assert rows["2001"].reason.text("zh") == "没有入职日期，司龄未知 → 保持"
    assert rows["1001"].reason is not None
    assert rows["1001"].reason.text("zh") == "6 个月平均 87.5 分 ≥ 60 分，司龄 31 个月 ≥ 12 个月 → 升一级"
    assert rows["999"].reason is not None
    assert rows["999"].reason.text("en") == "tenure 6 months < 12 → stays"


def test_down_is_checked_first_and_max_average() -> None:
    promotion = Promotion(up=PromotionRule(min_average=50), down=PromotionRule(max_average=75, min_months=5))
    rows = by_id(review_fixture(promotion))
    # 王五: 5 months, average 61.4 ≤ 75 → down, though the up rule holds too; at the bottom it stays
    assert rows["2001"].reason is not None
    assert (
        rows["2001"].reason.text("zh")
        == "5 个月有总分 ≥ 5 个月，5 个月平均 61.4 分 ≤ 75 分 → 已是最低级别，保持"
    )
    # 钱九: average 80 > 75 → not down; 80 ≥ 50 → up
    assert (rows["1003"].suggested, rows["1003"].move) == ("组长", "up")


def test_tenure_counts_whole_months_to_the_end_of_the_period() -> None:
    assert tenure_months("2026-05-01", "2026-10") == 6
    assert tenure_months("2026-05-02", "2026-10") == 5
    assert tenure_months("2025-12-31", "2026-01") == 1  # 12-31 to 01-31
    assert tenure_months("2025-12-01", "2026-12") == 13
    assert tenure_months("2027-01-01", "2026-10") == 0
    assert tenure_months("not a date", "2026-10") is None
    assert tenure_months(None, "2026-10") is None


def test_an_empty_history_gives_an_empty_review() -> None:
    review = build_review(MONTHS, {}, (), rules())
    assert review.rows == ()
    assert (review.start, review.end) == ("2026-05", "2026-10")
