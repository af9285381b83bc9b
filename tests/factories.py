"""Hand-built results for render tests, independent of reading and scoring."""

from __future__ import annotations

from csreport.model import (
    AgentResult,
    AttendanceSummary,
    Conclusion,
    KpiResult,
    MonthResult,
    RunMeta,
    SourceRef,
)
from csreport.problems import Problem, Severity

HOSTILE_NAMES = (
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    '<img src="file:///etc/passwd">',
    "<link href=http://example.invalid/x.css>",
)


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
        veto=veto,
        veto_en=veto and f"veto: {veto}",
        missing_reason=missing,
        missing_reason_en=missing and f"missing: {missing}",
        sources=(SourceRef("十月接待.xlsx", "数据信息", (5, 6, 7, 8, 10)),),
        sample_size=5,
    )


def regular_kpis(rt: float, rr: float, conv: float, att: float) -> tuple[KpiResult, ...]:
    """Five KPIs of the regular table with given raw values and fixed points."""
    return (
        kpi("avg_response", "平均响应时长", 15, rt, 15, band="[0, 45]"),
        kpi("reply_rate", "回复率", 20, rr, 20, unit="%", band="[98%, 100%]",
            numerator=rr * 1000, denominator=1000),
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
        veto_reasons_en=(),
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
    vetoed_kpis[0] = kpi("avg_response", "平均响应时长", 15, 120.0, 0, band="(100, ∞)",
                         veto="平均响应时长超过 100 秒")
    missing_kpis = list(regular_kpis(50.0, 0.96, 0.5, 0))
    missing_kpis[4] = kpi("attitude", "工作态度", 20, None, None, unit="score",
                          missing="没有抽查记录")
    agents = (
        agent("1001", "张三"),
        agent("1002", "李四", kpis=tuple(vetoed_kpis), total=55.0,
              conclusion=Conclusion.FAIL, veto_reasons=("平均响应时长超过 100 秒",),
              veto_reasons_en=("Average response time over 100 s",), grade="D",
              coefficient=0.6, rank=3),
        agent("1003", "王五", kpis=tuple(missing_kpis), total=None,
              conclusion=Conclusion.MISSING, grade=None, coefficient=None, rank=None),
        agent("1004", HOSTILE_NAMES[0], group=HOSTILE_NAMES[3], level=HOSTILE_NAMES[1],
              rank=2, notes=(HOSTILE_NAMES[4], HOSTILE_NAMES[2])),
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
        Problem("cell.not_number", Severity.ERROR, "十月接待.xlsx", "数据信息", 7, "D",
                "接待人数", "abc"),
        Problem("agent.not_in_roster", Severity.WARNING, "十月考勤.xlsx", "考勤", 12, "A",
                "工号", "9999", {"agent": "9999"}),
        Problem("sheet.hidden", Severity.INFO, "十月质检.xlsx", "旧数据"),
    ]
