"""A scored month as history records: what ``History.record`` stores for a run."""

from __future__ import annotations

from collections.abc import Sequence

from csreport.history.model import AgentRecord, KpiRecord
from csreport.results import AgentResult, KpiResult


def agent_records(agents: Sequence[AgentResult], qa_kpis: frozenset[tuple[str, str]]) -> list[AgentRecord]:
    """The month's agents as records; ``qa_kpis`` holds the (考核表, KPI) pairs scored from
    sampled chats (the rules' KPIs with a ``sample``), for the review's QA pass rate."""
    return [_agent(a, qa_kpis) for a in agents]


def _agent(a: AgentResult, qa_kpis: frozenset[tuple[str, str]]) -> AgentRecord:
    # Vetoes are the KPIs' (a band or a condition): a 总分 at or under the pass line fails the
    # month too, but it is no veto, and the review counts vetoes.
    vetoes = [k.veto for k in a.kpis if k.veto is not None]
    return AgentRecord(
        agent_id=a.agent_id,
        name=a.name,
        group=a.group,
        status=a.status,
        level=a.level,
        table_id=a.table_id,
        table_name=a.table_name,
        total=a.total,
        max_total=a.max_total,
        conclusion=a.conclusion.value,
        grade=a.grade,
        rank=a.rank,
        rank_of=a.rank_of,
        coefficient=a.coefficient,
        bonus=a.bonus,
        bonus_base=a.bonus_base,
        in_roster=a.in_roster,
        hire_date=a.hire_date,
        attendance=a.attendance,
        vetoes=tuple(n.text("zh") for n in vetoes),
        vetoes_en=tuple(n.text("en") for n in vetoes),
        kpis=tuple(_kpi(k, (a.table_id, k.kpi_id) in qa_kpis) for k in a.kpis),
    )


def _kpi(k: KpiResult, qa: bool) -> KpiRecord:
    return KpiRecord(
        kpi_id=k.kpi_id,
        name=k.name,
        name_en=k.name_en,
        unit=k.unit,
        max_points=k.max_points,
        raw=k.raw,
        numerator=k.numerator,
        denominator=k.denominator,
        band=k.band,
        points=k.points,
        veto=k.veto.text("zh") if k.veto else None,
        veto_en=k.veto.text("en") if k.veto else None,
        qa=qa,
    )
