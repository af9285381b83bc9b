"""The scorecard shows the months before (``MonthResult.trends``): a six-month line of 总分, 环比,
the six-month average, the rank's movement, each KPI's points since last month, 试用期 fails
of the retrain limit and the flag at the limit; and every card has an interview (面谈) box.

The trends are built by hand here (``scoring.trends`` builds them in a run); every expected
figure is worked out in the comments.
"""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader

from csreport.outputs.pdf.context import CardExtras, scorecard_context
from csreport.outputs.pdf.renderer import ScorecardRenderer
from csreport.outputs.pdf.svg import trend_line
from csreport.results import AgentResult, AgentTrend, MonthResult, Trends
from tests.factories import sample_month
from tests.weasy_logs import both_pdf_paths, renderer_path, weasyprint_warnings  # noqa: F401

MONTHS = ("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
GRADES = ("A", "B", "C", "D")


def zhang_trend() -> AgentTrend:
    """张三 (1001): 2026-06 not recorded (a gap); this month 90, last month 86.5: 环比 +3.5;
    average of 80, 84.5, 79, 86.5, 90 = 420 / 5 = 84; rank 1, last month 3: ▲2."""
    return AgentTrend(
        agent_id="1001",
        totals=(80.0, None, 84.5, 79.0, 86.5, 90.0),
        change=3.5,
        average=84.0,
        rank=1,
        previous_rank=3,
        # avg_response +5, reply_rate −2.5, conversion unchanged, errors not comparable,
        # attitude +0.04 (nothing to see at the card's 0.1 point: 持平)
        kpi_changes=(
            ("avg_response", 5.0),
            ("reply_rate", -2.5),
            ("conversion", 0.0),
            ("errors", None),
            ("attitude", 0.04),
        ),
    )


def li_trend() -> AgentTrend:
    """李四 (1002), on probation: 不予上岗 twice of a limit of two (已达再培训上限); 55 after
    62: 环比 −7; average (70 + 62 + 55) / 3 = 62.3; rank 3, last month 2: ▼1."""
    return AgentTrend(
        agent_id="1002",
        totals=(None, None, None, 70.0, 62.0, 55.0),
        change=-7.0,
        average=187 / 3,
        rank=3,
        previous_rank=2,
        kpi_changes=(("avg_response", -15.0),),
        fails=2,
        fail_limit=2,
    )


def wang_trend() -> AgentTrend:
    """王五 (1003): 缺数据 this month (no total, no rank), once 不予上岗 of two before."""
    return AgentTrend("1003", (75.0, 77.0, None, None, 81.0, None), None, 77.667, None, 4, (), 1, 2)


def month_with_trends() -> MonthResult:
    month = sample_month()
    trends = Trends(MONTHS, (zhang_trend(), li_trend(), wang_trend()), (), MONTHS[2:])
    return dataclasses.replace(month, trends=trends)


def agent(month: MonthResult, agent_id: str) -> AgentResult:
    return next(a for a in month.agents if a.agent_id == agent_id)


# --- what the template sees ------------------------------------------------------------------


def test_the_months_before_in_words_in_both_languages() -> None:
    month = month_with_trends()
    zh = scorecard_context(agent(month, "1001"), month.meta, "zh", trends=month.trends)["history"]
    assert [m["month"] for m in zh["months"]] == list(MONTHS)
    assert [m["total"] for m in zh["months"]] == ["80", "–", "84.5", "79", "86.5", "90"]
    assert (zh["change"], zh["average"], zh["rank"]) == (
        "环比 +3.5 分",
        "六个月平均 84 分",
        "本月排名 1（上月 3，▲2）",
    )
    assert zh["fails"] == "" and zh["at_retrain_limit"] is False
    en = scorecard_context(agent(month, "1001"), month.meta, "en", trends=month.trends)["history"]
    assert (en["change"], en["average"], en["rank"]) == (
        "Change on last month (环比): +3.5 pts",
        "Six-month average: 84 pts",
        "Rank this month 1 (last month 3, ▲2)",
    )


def test_a_fall_a_lower_rank_and_the_retrain_limit() -> None:
    month = month_with_trends()
    zh = scorecard_context(agent(month, "1002"), month.meta, "zh", trends=month.trends)["history"]
    # 55 − 62 = −7 (a true minus sign); 187 / 3 = 62.33 shown to the card's 0.1
    assert (zh["change"], zh["average"], zh["rank"]) == (
        "环比 \u22127 分",
        "六个月平均 62.3 分",
        "本月排名 3（上月 2，▼1）",
    )
    assert (zh["fails"], zh["at_retrain_limit"]) == ("不予上岗次数 2/2", True)
    en = scorecard_context(agent(month, "1002"), month.meta, "en", trends=month.trends)
    assert en["history"]["fails"] == "Times not cleared (不予上岗): 2/2"
    # (the Chinese gloss held together by word joiners, so that it never breaks inside)
    assert en["labels"]["retrain_limit"].replace("\u2060", "") == "Retraining limit reached (已达再培训上限)"


def test_a_month_without_a_total_is_said_so_not_counted_as_a_fall() -> None:
    month = month_with_trends()
    zh = scorecard_context(agent(month, "1003"), month.meta, "zh", trends=month.trends)["history"]
    assert [m["total"] for m in zh["months"]] == ["75", "77", "–", "–", "81", "–"]
    assert (zh["change"], zh["rank"], zh["fails"]) == ("环比 –", "本月未排名", "不予上岗次数 1/2")
    en = scorecard_context(agent(month, "1003"), month.meta, "en", trends=month.trends)["history"]
    assert (en["change"], en["rank"]) == ("Change on last month (环比): –", "Not ranked this month")


def test_each_kpi_says_its_points_since_last_month() -> None:
    month = month_with_trends()
    zh = scorecard_context(agent(month, "1001"), month.meta, "zh", trends=month.trends)
    assert [k["change"] for k in zh["kpis"]] == ["▲5 分", "▼2.5 分", "持平", "–", "持平"]
    assert zh["labels"]["kpi_change"] == "较上月"
    en = scorecard_context(agent(month, "1001"), month.meta, "en", trends=month.trends)
    assert [k["change"] for k in en["kpis"]] == ["▲5 pts", "▼2.5 pts", "no change", "–", "no change"]
    # 李四's history names only one KPI: the others are not comparable
    li = scorecard_context(agent(month, "1002"), month.meta, "zh", trends=month.trends)
    assert [k["change"] for k in li["kpis"]] == ["▼15 分", "–", "–", "–", "–"]


def test_without_history_the_card_is_as_before() -> None:
    month = month_with_trends()
    hostile = agent(month, "1004")  # not in the trends
    for trends in (None, month.trends):
        context = scorecard_context(hostile, month.meta, "zh", trends=trends)
        assert context["history"] is None
        assert {k["change"] for k in context["kpis"]} == {""}
    renderer = ScorecardRenderer(lang="zh")
    plain = renderer.templates.render("card", scorecard_context(hostile, month.meta, "zh"))
    other = renderer.templates.render(
        "card", scorecard_context(hostile, month.meta, "zh", trends=month.trends)
    )
    assert plain == other
    assert "近六个月总分" not in plain and "较上月" not in plain and "trend-line" not in plain
    # The interview box is there, history or not.
    assert "面谈记录" in plain and "面谈要点" in plain and "改进计划" in plain


def test_interview_box_ticks_the_rules_grades_and_the_reasons() -> None:
    month = month_with_trends()
    zh = scorecard_context(agent(month, "1001"), month.meta, "zh", grades=GRADES)["interview"]
    assert zh == {"grades": ["A", "B", "C", "D"], "reasons": ["流量", "促销", "淡旺季", "其他"]}
    en = scorecard_context(agent(month, "1001"), month.meta, "en")["interview"]
    assert en == {"grades": [], "reasons": ["traffic", "promotion", "season", "other"]}


def test_card_extras_keep_only_the_agents_of_the_chunk() -> None:
    month = month_with_trends()
    assert month.trends is not None
    extras = CardExtras.of(month.trends, ["1002", "1004"], GRADES)
    assert extras.trends is not None
    assert [t.agent_id for t in extras.trends.agents] == ["1002"]
    assert extras.trends.months == MONTHS and extras.grades == GRADES
    assert CardExtras.of(None, ["1001"]).trends is None


# --- the line ------------------------------------------------------------------------------


def test_the_line_breaks_at_a_gap_and_never_draws_a_zero() -> None:
    svg = trend_line((80.0, None, 84.5, 79.0, None, 90.0))
    # one segment joins 2026-07 and 2026-08; 2026-05 and 2026-10 stand alone as points
    assert svg.count("<polyline") == 1 and svg.count("<circle") == 4
    assert "<text" not in svg
    points = [tuple(map(float, p)) for p in re.findall(r'<circle cx="([^"]+)" cy="([^"]+)"', svg)]
    # Six equal slots of 332 / 6 px: each point at its month's centre.
    assert [x for x, _ in points] == pytest.approx([332 / 12 * k for k in (1, 5, 7, 11)], abs=0.06)
    ys = [y for _, y in points]
    assert ys[3] == min(ys) == 5 and ys[2] == max(ys) == 37  # 90 at the top, 79 at the bottom
    assert ys[1] < ys[0]  # 84.5 above 80
    assert re.search(r'points="([^"]+)"', svg).group(1).count(",") == 2  # type: ignore[union-attr]


def test_a_flat_line_is_drawn_in_the_middle() -> None:
    svg = trend_line((80.0, 80.0))
    ys = set(re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', svg))
    assert ys == {"21"}  # the middle of 5..37, not an edge


# --- on the PDF --------------------------------------------------------------------------------


def card_pdf(renderer: ScorecardRenderer, a: AgentResult, month: MonthResult) -> tuple[bytes, int]:
    """One card laid out on the real engine with the month's trends and the rules' grades, as
    the renderer lays cards out: again in compact mode when it spills onto a second page."""
    for compact in (False, True):
        context = scorecard_context(
            a, month.meta, renderer.lang, compact=compact, trends=month.trends, grades=GRADES
        )
        classes = "card compact" if compact else "card"
        html = renderer.document(
            [f'<section class="{classes}">{renderer.templates.render("card", context)}</section>'], "card"
        )
        with weasyprint_warnings() as records, renderer.accelerated():
            document = renderer.layout(html, "card")
            data = document.write_pdf()
        assert not records, [r.getMessage() for r in records]
        if len(document.pages) == 1:
            break
    return data, len(document.pages)


def squashed(data: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_card_prints_the_line_the_movements_and_the_limit(lang: str, pdf_path: str) -> None:
    month = month_with_trends()
    renderer = ScorecardRenderer(lang=lang)
    assert renderer_path(renderer) == pdf_path
    data, pages = card_pdf(renderer, agent(month, "1002"), month)
    assert pages == 1
    text = squashed(data)
    # Above the line each month's total at its point, "–" for the months without one; under it
    # the months.
    assert "–––706255" + "2026-052026-062026-072026-082026-092026-10" in text
    zh = lang == "zh"
    for words in (
        ["环比\u22127分", "六个月平均62.3分", "本月排名3（上月2，▼1）", "较上月", "▼15分"]
        if zh
        else ["Changeonlastmonth(环比):\u22127pts", "Six-monthaverage:62.3pts", "lastmonth2,▼1", "▼15pts"]
    ):
        assert words in text, words
    assert ("不予上岗次数2/2" if zh else "Timesnotcleared(不予上岗):2/2") in text
    assert ("已达再培训上限" if zh else "Retraininglimitreached(已达再培训上限)") in text
    # The interview box with the rules' grades to tick, the reasons, the date, the signatures.
    for words in (
        [
            "面谈记录",
            "面谈要点",
            "改进计划",
            "综合评定",
            "ABCD",
            "流量",
            "促销",
            "淡旺季",
            "其他",
            "面谈日期",
            "员工签字",
        ]
        if zh
        else ["Interview(面谈)", "Points(面谈要点)", "Plan(改进计划)", "ABCD", "traffic", "Interviewdate"]
    ):
        assert words in text, words


def test_a_card_without_a_limit_shows_no_flag(pdf_path: str) -> None:
    month = month_with_trends()
    data, pages = card_pdf(ScorecardRenderer(lang="zh"), agent(month, "1001"), month)
    text = squashed(data)
    assert pages == 1
    assert "80–84.57986.590" + "2026-05" in text
    assert "环比+3.5分" in text and "本月排名1（上月3，▲2）" in text
    assert "▲5分" in text and "▼2.5分" in text and "持平" in text
    assert "不予上岗次数" not in text and "已达再培训上限" not in text
