"""Hand-built results for render tests, independent of reading and scoring."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable

from csreport.messages import Bilingual, Note
from csreport.problems import Problem, Severity
from csreport.results import (
    AgentResult,
    AttendanceSummary,
    Conclusion,
    KpiResult,
    MonthResult,
    RunMeta,
    SourceRef,
    TeamResult,
)
from csreport.rules.model import Band, Grade, Kpi, Level, RuleSet, Table, VetoCondition
from csreport.rules.wording import band_words, number

HOSTILE_NAMES = (
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    '<img src="file:///etc/passwd">',
    "<link href=http://example.invalid/x.css>",
)
# Every string the security tests expect to come out as inert text, in every output.
HOSTILE_TEXTS = (
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    '<img src="file:///etc/passwd">',
    "<link href=http://example.invalid/x.css>",
    "<style>*{display:none}</style>",
)
RULES_TEXT = "name: 标准考核\ntables:\n  - id: regular\n    total: 100\n"


def said(zh: str, en: str | None = None) -> Note:
    """A note whose words are given (as the rules' own veto reasons are), for tests."""
    return Note.of("veto.rule", reason=Bilingual(zh, zh if en is None else en))


def band_of(text: str, points: float | None = None) -> Band:
    """The band that interval notation such as ``[95%, 98%)`` or ``(100, ∞)`` writes."""
    found = re.fullmatch(r"([\[(])(.+?), (.+?)([\])])", text)
    assert found, text

    def bound(word: str) -> float:
        word = word.replace("∞", "inf")
        return float(word[:-1]) / 100 if word.endswith("%") else float(word)

    return Band(bound(found[2]), found[1] == "[", bound(found[3]), found[4] == "]", points)


def kpi(
    kpi_id: str,
    name: str,
    max_points: float,
    raw: float | None,
    points: float | None,
    *,
    unit: str = "s",
    band: str | None = None,
    veto: str | None = None,
    missing: str | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
) -> KpiResult:
    """A KPI result with sensible defaults for tests."""
    return KpiResult(
        kpi_id=kpi_id,
        name=name,
        name_en=kpi_id,
        max_points=max_points,
        unit=unit,
        formula="x",
        raw=raw,
        numerator=numerator,
        denominator=denominator,
        band=band,
        band_label=None,
        points=points,
        veto=said(veto, f"veto: {veto}") if veto else None,
        missing_reason=said(missing, f"missing: {missing}") if missing else None,
        sources=(SourceRef("十月接待.xlsx", "数据信息", (5, 6, 7, 8, 10)),),
        sample_size=5,
        band_words=band_words(band_of(band), unit) if band else None,
        basis=(
            Note.of(
                "basis.ratio",
                num=number(numerator),
                den=number(denominator),
                num_name=Bilingual("回复人数", "Customers replied"),
                den_name=Bilingual("咨询人数", "Customers who asked"),
            )
            if numerator is not None and denominator is not None
            else None
        ),
    )


def regular_kpis(rt: float, rr: float, conv: float, att: float) -> tuple[KpiResult, ...]:
    """Five KPIs of the regular table with given raw values and fixed points."""
    return (
        kpi("avg_response", "平均响应时长", 15, rt, 15, band="[0, 45]"),
        kpi(
            "reply_rate",
            "回复率",
            20,
            rr,
            20,
            unit="%",
            band="[98%, 100%]",
            numerator=rr * 1000,
            denominator=1000,
        ),
        kpi("conversion", "咨询转化率", 25, conv, 20, unit="%", band="[50%, 55%)"),
        kpi("errors", "质检", 20, 0, 20, unit="count", band="[0, 0]"),
        kpi("attitude", "工作态度", 20, att, 15, unit="score", band="[70, 85)"),
    )


def agent(agent_id: str, name: str, **kw: object) -> AgentResult:
    """An agent result; keyword arguments override the passing defaults."""
    base: dict[str, object] = dict(
        agent_id=agent_id,
        name=name,
        group="一组",
        status="正式",
        level="老员工",
        table_id="regular",
        table_name="正式",
        kpis=regular_kpis(40.5, 0.99, 0.52, 80.0),
        total=90.0,
        max_total=100.0,
        conclusion=Conclusion.PASS,
        veto_reasons=(),
        grade="A",
        coefficient=1.2,
        rank=1,
        rank_of=3,
        attendance=AttendanceSummary(present=22, late=1, leave=1, rest=8, recorded_days=31),
        attitude_items=(("流程全面,服务规范", 8.5, 10.0), ("聊天话术运用适当", 17.0, 20.0)),
    )
    base.update(kw)
    return AgentResult(**base)  # type: ignore[arg-type]


def sample_month() -> MonthResult:
    """Four agents: a pass, a veto, a 缺数据, and one with a hostile name."""
    vetoed_kpis = list(regular_kpis(120.0, 0.97, 0.45, 75.0))
    vetoed_kpis[0] = kpi(
        "avg_response", "平均响应时长", 15, 120.0, 0, band="(100, ∞)", veto="平均响应时长超过 100 秒"
    )
    missing_kpis = list(regular_kpis(50.0, 0.96, 0.5, 0))
    missing_kpis[4] = kpi("attitude", "工作态度", 20, None, None, unit="score", missing="没有抽查记录")
    agents = (
        agent("1001", "张三"),
        agent(
            "1002",
            "李四",
            kpis=tuple(vetoed_kpis),
            total=55.0,
            conclusion=Conclusion.FAIL,
            veto_reasons=(said("平均响应时长超过 100 秒", "Average response time over 100 s"),),
            grade="D",
            coefficient=0.6,
            rank=3,
        ),
        agent(
            "1003",
            "王五",
            kpis=tuple(missing_kpis),
            total=None,
            conclusion=Conclusion.MISSING,
            grade=None,
            coefficient=None,
            rank=None,
        ),
        agent(
            "1004",
            HOSTILE_NAMES[0],
            group=HOSTILE_NAMES[3],
            level=HOSTILE_NAMES[1],
            rank=2,
            notes=(said(HOSTILE_NAMES[4]), said(HOSTILE_NAMES[2])),
        ),
    )
    meta = RunMeta(
        shop="测试旗舰店",
        month="2026-10",
        rules_name="标准考核",
        rules_hash="1a2b3c4d",
        generated_at="2026-11-01T09:00:00",
        input_files=("十月接待.xlsx",),
        tables=(("regular", "正式"), ("probation", "试用期")),
    )
    return MonthResult(meta=meta, agents=agents)


def sample_problems() -> list[Problem]:
    """A few problems with full locations."""
    return [
        Problem("cell.not_number", Severity.ERROR, "十月接待.xlsx", "数据信息", 7, "D", "接待人数", "abc"),
        Problem(
            "agent.not_in_roster",
            Severity.WARNING,
            "十月考勤.xlsx",
            "考勤",
            12,
            "A",
            "工号",
            "9999",
            {"agent": "9999"},
        ),
        Problem("sheet.hidden", Severity.INFO, "十月质检.xlsx", "旧数据"),
    ]


def sample_teams() -> tuple[TeamResult, ...]:
    """The groups of ``sample_month()``, ranked: the hostile-named group, then 一组."""

    def averages(*points: float) -> tuple[tuple[str, str, float], ...]:
        ids = (
            ("avg_response", "平均响应时长"),
            ("reply_rate", "回复率"),
            ("conversion", "咨询转化率"),
            ("errors", "质检"),
            ("attitude", "工作态度"),
        )
        return tuple((kid, name, p) for (kid, name), p in zip(ids, points, strict=True))

    def shares(points: tuple[float, ...], *fractions: float) -> tuple[TeamResult.Kpi, ...]:
        names = (
            ("avg_response", "平均响应时长", "Avg response"),
            ("reply_rate", "回复率", "Reply rate"),
            ("conversion", "咨询转化率", "Conversion"),
            ("errors", "质检", "QA"),
            ("attitude", "工作态度", "Attitude"),
        )
        return tuple(
            TeamResult.Kpi(kid, name, en, share, p, 1)
            for (kid, name, en), p, share in zip(names, points, fractions, strict=True)
        )

    return (
        TeamResult(
            HOSTILE_NAMES[3],
            members=1,
            scored=1,
            passed=1,
            failed=0,
            missing=0,
            average=90.0,
            max_total=100.0,
            rank=1,
            rank_of=2,
            grade="A",
            kpi_averages=averages(15, 20, 20, 20, 15),
            kpis=shares((15, 20, 20, 20, 15), 1, 1, 0.8, 1, 0.75),
        ),
        TeamResult(
            "一组",
            members=3,
            scored=2,
            passed=1,
            failed=1,
            missing=1,
            average=72.5,
            max_total=100.0,
            rank=2,
            rank_of=2,
            grade="C",
            kpi_averages=averages(10, 20, 20, 20, 15),
            kpis=shares((10, 20, 20, 20, 15), 0.666667, 1, 0.8, 1, 0.75),
        ),
    )


def sample_month_with_teams() -> MonthResult:
    """``sample_month()`` with its two groups assessed (``sample_teams()``)."""
    return dataclasses.replace(sample_month(), teams=sample_teams())


def sample_rules() -> RuleSet:
    """Two small tables with bands, a band veto and a condition veto; grades A/B/C, fail D."""
    inf = math.inf
    response = Kpi(
        "avg_response",
        "平均响应时长",
        "Avg response",
        15,
        "响应总时长 / 会话数",
        "s",
        (
            Band(-inf, False, 45, True, 15, label="均响<=45S"),
            Band(45, False, 100, True, 5, label="80S>均响<=100S"),
            Band(
                100,
                False,
                inf,
                False,
                None,
                veto="平均响应时长超过 100 秒",
                veto_en="Average response over 100 s",
                label="均响>100S",
            ),
        ),
        note="原表 45–60 秒无区间，按 (45, 100] 计 5 分。",
    )
    errors = Kpi(
        "errors",
        "质检",
        "QA",
        20,
        "原则差错数",
        "count",
        (Band(0, True, 0, True, 20), Band(0, False, inf, False, 10)),
        vetoes=(VetoCondition("店铺风险数", ">", 0, "差错导致店铺风险", "Risk to the shop"),),
        min_sample=5,
        sample="qa_chats",
        rounding=0,
    )
    regular = Table(
        "regular", "正式", "Regular", 100, (("岗位状态", "正式"),), (response, errors), fail_if_total_le=60
    )
    probation = Table("probation", "试用期", "Probation", 100, (), (response,))
    return RuleSet(
        name="标准考核",
        name_en="Standard",
        source="preset:standard",
        hash="1a2b3c4d",
        tables=(regular, probation),
        grades=(Grade("A", 90, "优秀"), Grade("B", 80), Grade("C", 60)),
        fail_grade="D",
        levels=(Level("新员工", "New"), Level("老员工", "Senior")),
        coefficients={
            "新员工": {"A": 1.0, "B": 0.9, "C": 0.8, "D": 0.5},
            "老员工": {"A": 1.2, "B": 1.0, "C": 0.9, "D": 0.6},
        },
        text=RULES_TEXT,
    )


def texts(notes: Iterable[Note | None], lang: str = "zh") -> tuple[str, ...]:
    """The words of result notes (veto reasons, missing reasons) in ``lang``."""
    return tuple(n.text(lang) for n in notes if n is not None)
