"""Score every agent of a month against a rule set. Pure: tidy tables in, results out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Protocol

from csreport.model import AgentResult, Conclusion, MonthResult, RunMeta
from csreport.problems import Problem, Severity
from csreport.rules.model import RuleSet, Table, fmt_number
from csreport.scoring.aggregate import AgentAggregates
from csreport.scoring.kpi import score_kpi


class RosterLike(Protocol):
    """What scoring needs to know about an agent from the roster."""

    name: str
    group: str
    status: str
    level: str


def score_month(
    roster: Mapping[str, RosterLike],
    aggregates: Mapping[str, AgentAggregates],
    rules: RuleSet,
    meta: RunMeta,
) -> tuple[MonthResult, list[Problem]]:
    """Score the roster's agents plus anyone who appears only in the data."""
    problems: list[Problem] = []
    known_levels = {lv.name for lv in rules.levels}
    agents: list[AgentResult] = []
    for agent_id in sorted(set(roster) | set(aggregates), key=_id_key):
        entry = roster.get(agent_id)
        result = score_agent(agent_id, entry, aggregates.get(agent_id, AgentAggregates()), rules)
        if roster and entry is None:
            result = replace(result, in_roster=False,
                             notes=(*result.notes, "工号不在花名册中，姓名、组别、级别未知"))
        if result.level and result.level not in known_levels:
            problems.append(Problem("agent.unknown_level", Severity.WARNING,
                                    params={"agent": agent_id, "level": result.level}))
        agents.append(result)
    ranked = _rank(agents)
    tables = tuple((t.id, t.name) for t in rules.tables if any(a.table_id == t.id for a in ranked))
    return MonthResult(meta=replace(meta, tables=tables), agents=tuple(ranked)), problems


def score_agent(
    agent_id: str, entry: RosterLike | None, agg: AgentAggregates, rules: RuleSet
) -> AgentResult:
    """One agent's KPIs, total, 结论, grade and 系数 (rank is filled in later)."""
    status = entry.status if entry else ""
    group = entry.group if entry else ""
    table = rules.table_for(status, group)
    kpis = tuple(score_kpi(kpi, agg) for kpi in table.kpis)
    vetoes = [(k.veto, k.veto_en or k.veto) for k in kpis if k.veto]
    missing = any(k.points is None for k in kpis)
    total = None if missing else round(sum(k.points or 0.0 for k in kpis), 6)
    conclusion, threshold_reason = _conclude(table, total, bool(vetoes), missing)
    if threshold_reason:
        vetoes.append(threshold_reason)
    passed = conclusion is Conclusion.PASS
    grade = None if conclusion is Conclusion.MISSING else rules.grade_for(total, passed)
    level = entry.level if entry else ""
    return AgentResult(
        agent_id=agent_id,
        name=entry.name if entry else "",
        group=group,
        status=status,
        level=level,
        table_id=table.id,
        table_name=table.name,
        kpis=kpis,
        total=total,
        max_total=table.total,
        conclusion=conclusion,
        veto_reasons=tuple(v[0] for v in vetoes),
        veto_reasons_en=tuple(v[1] for v in vetoes),
        grade=grade,
        coefficient=rules.coefficient(level, grade) if level else None,
        rank=None,
        rank_of=0,
        attendance=agg.attendance,
        attitude_items=agg.attitude_items,
    )


def _conclude(
    table: Table, total: float | None, vetoed: bool, missing: bool
) -> tuple[Conclusion, tuple[str, str] | None]:
    # A veto is certain even when another KPI lacks data, so it wins over 缺数据.
    if vetoed:
        return Conclusion.FAIL, None
    if missing or total is None:
        return Conclusion.MISSING, None
    limit = table.fail_if_total_le
    if limit is not None and total <= limit:
        shown, lim = fmt_number(total), fmt_number(limit)
        return Conclusion.FAIL, (
            f"总分 {shown} ≤ {lim}，不予上岗，再次培训",
            f"Total {shown} ≤ {lim}: 不予上岗, retrain",
        )
    return Conclusion.PASS, None


def _rank(agents: list[AgentResult]) -> list[AgentResult]:
    """Competition ranking (1, 2, 2, 4) per table; a passing agent ranks above a failing one."""
    out: list[AgentResult] = []
    by_table: dict[str, list[AgentResult]] = {}
    for a in agents:
        by_table.setdefault(a.table_id, []).append(a)
    ranks: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}
    for table_id, members in by_table.items():
        scored = [a for a in members if a.total is not None]
        scored.sort(key=_rank_key)
        counts[table_id] = len(scored)
        for i, a in enumerate(scored):
            same = i and _rank_key(scored[i - 1]) == _rank_key(a)
            ranks[(table_id, a.agent_id)] = ranks[(table_id, scored[i - 1].agent_id)] if same else i + 1
    for a in agents:
        out.append(replace(a, rank=ranks.get((a.table_id, a.agent_id)), rank_of=counts[a.table_id]))
    return out


def _rank_key(a: AgentResult) -> tuple[bool, float]:
    return (a.conclusion is not Conclusion.PASS, -(a.total or 0.0))


def _id_key(agent_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in agent_id if ch.isdigit())
    return (int(digits) if digits else 0, agent_id)
