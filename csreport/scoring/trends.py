"""Trends over the six months up to the scored one, from the months history holds. Pure.

The scored month comes from the run (``MonthResult``), the months before from the history
database's records (``AgentRecord``, latest revision). A month without a 总分 for an agent (not
recorded, the agent absent, or 缺数据) is a gap, None, never 0: an average is over the months
with a 总分 and a change needs both months. Figures are exact floats; the outputs round them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from csreport.history.model import AgentRecord
from csreport.results import AgentResult, AgentTrend, Conclusion, KpiResult, MonthResult, TeamTrend, Trends
from csreport.rules.model import RuleSet

# The months a trend spans, the scored one included.
WINDOW = 6
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _parts(month: str) -> tuple[int, int]:
    """(year, month) of a ``YYYY-MM`` month; ValueError for anything else."""
    found = _MONTH.fullmatch(month)
    if found is None or not 1 <= int(found[2]) <= 12:
        raise ValueError(f"not a YYYY-MM month: {month!r}")
    return int(found[1]), int(found[2])


def _shifted(month: str, by: int) -> str:
    """The month ``by`` calendar months after ``month`` (before it when negative)."""
    year, number = _parts(month)
    index = year * 12 + number - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def previous_month(month: str) -> str:
    """The calendar month before ``month``: "2026-01" → "2025-12"."""
    return _shifted(month, -1)


def next_month(month: str) -> str:
    """The calendar month after ``month``: "2026-12" → "2027-01"."""
    return _shifted(month, 1)


def month_window(month: str, n: int = WINDOW) -> tuple[str, ...]:
    """The ``n`` calendar months ending with ``month``, oldest first: "2026-10" → ("2026-05", …,
    "2026-10")."""
    if n < 1:
        raise ValueError(f"a window holds at least one month, not {n}")
    return tuple(_shifted(month, by) for by in range(1 - n, 1))


def _mean(values: Sequence[float | None]) -> float | None:
    """The mean of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    return math.fsum(present) / len(present) if present else None


def _difference(now: float | None, before: float | None) -> float | None:
    """``now`` − ``before``; None when either is missing."""
    return None if now is None or before is None else now - before


def _change(values: Sequence[float | None]) -> float | None:
    """The last value minus the one before it (the previous calendar month); None without both."""
    return _difference(values[-1], values[-2]) if len(values) > 1 else None


def build_trends(
    result: MonthResult,
    past: Mapping[str, Sequence[AgentRecord]],
    rules: RuleSet,
    fails_before: Mapping[tuple[str, str], int],
) -> Trends | None:
    """The trends of ``result``'s roster agents and groups over the six months up to its month.

    ``past`` maps each month of the window before the scored one that history holds to that
    month's agents (latest revision, KPIs included); other months in it are ignored.
    ``fails_before`` maps (工号, table id) to the months failed (不予上岗) on that table before
    the scored month. Without any month of the window in ``past`` the trends carry only the
    probation counts (``Trends.has_past`` is False); None when there is not even those.
    """
    months = month_window(result.meta.month)
    held = {m: {r.agent_id: r for r in past[m]} for m in months[:-1] if m in past}
    limits = {t.id: t.retrain_limit for t in rules.tables}
    staff = [a for a in result.agents if a.in_roster]
    if not held and not any(limits.get(a.table_id) for a in staff):
        return None
    agents = tuple(_agent_trend(a, months, held, limits, fails_before) for a in staff)
    return Trends(
        months=months,
        agents=agents,
        teams=_team_trends(result, staff, months, held),
        recorded=tuple(m for m in months if m in held or m == months[-1]),
    )


def same_table(record: AgentRecord, agent: AgentResult) -> bool:
    """Whether a past month's record was scored on the agent's 考核表. A month imported from a
    results workbook knows its tables by name only (正式, or Regular in English)."""
    if record.table_id == agent.table_id:
        return True
    names = {agent.table_name, agent.table_name_en} - {""}
    return record.table_id in names or record.table_name in names


def _points_of(record: AgentRecord | None, kpi: KpiResult) -> float | None:
    """The points a past month's record gave ``kpi``: by its id, else by either of its names."""
    if record is None:
        return None
    for k in record.kpis:
        if k.kpi_id == kpi.kpi_id or k.kpi_id in (kpi.name, kpi.name_en) or k.name == kpi.name:
            return k.points
    return None


def _agent_trend(
    agent: AgentResult,
    months: tuple[str, ...],
    held: Mapping[str, Mapping[str, AgentRecord]],
    limits: Mapping[str, int | None],
    fails_before: Mapping[tuple[str, str], int],
) -> AgentTrend:
    before = [held.get(m, {}).get(agent.agent_id) for m in months[:-1]]
    totals = (*(None if r is None else r.total for r in before), agent.total)
    last = before[-1]
    # Ranks are places within a 考核表: last month's place on another table says nothing about
    # a move on this one.
    previous_rank = last.rank if last is not None and same_table(last, agent) else None
    kpi_changes = tuple((k.kpi_id, _difference(k.points, _points_of(last, k))) for k in agent.kpis)
    limit = limits.get(agent.table_id)
    fails = None
    if limit is not None:
        fails = fails_before.get((agent.agent_id, agent.table_id), 0) + (agent.conclusion is Conclusion.FAIL)
    return AgentTrend(
        agent_id=agent.agent_id,
        totals=totals,
        change=_change(totals),
        average=_mean(totals),
        rank=agent.rank,
        previous_rank=previous_rank,
        kpi_changes=kpi_changes,
        fails=fails,
        fail_limit=limit,
    )


# A member's month as a team average counts it: (总分, maximum of the member's table).
_Scored = tuple[float, float]


def _team_trends(
    result: MonthResult,
    staff: Sequence[AgentResult],
    months: tuple[str, ...],
    held: Mapping[str, Mapping[str, AgentRecord]],
) -> tuple[TeamTrend, ...]:
    """One trend per group of this month's roster agents that have a 组别, in the order of the
    month's team ranking (then first seen): each month's mean 总分 of the group's members then.

    A group whose members' tables have different maxima in the window (a 试用期 table out of 80
    beside a 正式 one out of 100) is compared in percent of each member's own maximum in every
    month, as the 团队 sheet compares teams: a month where only one table's members have a total
    would otherwise be on another scale than its neighbours, and its 环比 meaningless."""
    order = [t.group for t in result.teams if t.group]
    order += [a.group for a in staff if a.group and a.group not in order]
    groups = list(dict.fromkeys(order))
    scored: dict[str, list[list[_Scored]]] = {g: [[] for _ in months] for g in groups}
    for i, month in enumerate(months[:-1]):
        for r in held.get(month, {}).values():
            if r.in_roster and r.group in scored and _counts(r.total, r.max_total):
                scored[r.group][i].append((r.total or 0.0, r.max_total))
    for a in staff:
        if a.group in scored and _counts(a.total, a.max_total):
            scored[a.group][-1].append((a.total or 0.0, a.max_total))
    out = []
    for group in groups:
        mixed = len({most for month in scored[group] for _, most in month}) > 1
        averages = tuple(_team_mean(month, mixed) for month in scored[group])
        out.append(
            TeamTrend(group=group, averages=averages, change=_change(averages), average=_mean(averages))
        )
    return tuple(out)


def _counts(total: float | None, most: float) -> bool:
    """Whether a member's month enters a team average: a finite 总分 out of a positive maximum."""
    return total is not None and math.isfinite(total) and math.isfinite(most) and most > 0


def _team_mean(members: Sequence[_Scored], percent: bool) -> float | None:
    """The members' mean 总分, or with ``percent`` the mean of each 总分 as a percentage of its
    own maximum; None without members."""
    if not members:
        return None
    if percent:
        return math.fsum(total / most * 100 for total, most in members) / len(members)
    return math.fsum(total for total, _ in members) / len(members)
