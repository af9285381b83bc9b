"""Group assessment (分组考核): each 组别's average, rank among groups and result. Pure.

A team is made of the roster's agents only: an agent the data names but the roster does not
know (``AgentResult.in_roster`` False) is no shop staff, so it is in no team and no count.
Teams are compared like with like: totals and KPI points as shares of each agent's own
maximum, so tables with different maxima never mix.
"""

from __future__ import annotations

from collections.abc import Sequence

from csreport.results import AgentResult, Conclusion, TeamResult
from csreport.rules.model import RuleSet

# The team of the roster's agents without a 组别: a key, not words; the outputs name it 未分组 / Ungrouped.
NO_GROUP = ""


def assess_teams(agents: Sequence[AgentResult], rules: RuleSet) -> tuple[TeamResult, ...]:
    """One result per group of the roster's agents, ranked by average 总分 as a share of the
    maximum (ties share a rank, as in 1, 2, 2, 4)."""
    groups: dict[str, list[AgentResult]] = {}
    for a in agents:
        if a.in_roster:
            groups.setdefault(a.group or NO_GROUP, []).append(a)
    teams = [_team(name, members, rules) for name, members in groups.items()]
    scored = sorted((t for t in teams if t.average_share is not None), key=lambda t: -(t.average_share or 0))
    ranks: dict[str, int] = {}
    for i, t in enumerate(scored):
        tied = i and scored[i - 1].average_share == t.average_share
        ranks[t.group] = ranks[scored[i - 1].group] if tied else i + 1
    out = [TeamResult(**{**t.__dict__, "rank": ranks.get(t.group), "rank_of": len(scored)}) for t in teams]
    return tuple(sorted(out, key=lambda t: (t.rank is None, t.rank or 0, t.group)))


def _team(name: str, members: list[AgentResult], rules: RuleSet) -> TeamResult:
    scored = [a for a in members if a.total is not None]
    scales = {a.max_total for a in scored}
    if len(scales) == 1:
        max_total = scales.pop()
        values = [a.total or 0.0 for a in scored]
    else:
        # Tables with different maxima: compare as a percentage of each maximum.
        max_total = 100.0
        values = [(a.total or 0.0) / a.max_total * 100 for a in scored]
    average = round(sum(values) / len(values), 6) if values else None
    kpis = _kpis(members)
    return TeamResult(
        group=name,
        members=len(members),
        scored=len(scored),
        passed=sum(a.conclusion is Conclusion.PASS for a in members),
        failed=sum(a.conclusion is Conclusion.FAIL for a in members),
        missing=sum(a.conclusion is Conclusion.MISSING for a in members),
        average=average,
        max_total=max_total,
        rank=None,
        rank_of=0,
        grade=rules.grade_for(average, True, max_total) if average is not None else None,
        kpi_averages=tuple((k.kpi_id, k.name, k.points) for k in kpis),
        kpis=kpis,
    )


def _kpis(members: list[AgentResult]) -> tuple[TeamResult.Kpi, ...]:
    """Each KPI (id, Chinese name) the members have points for, in first-seen order: the mean
    points, and the mean share of each member's own maximum when the KPI has one (a bonus or
    deduction item, maximum 0 or less, has none)."""
    points: dict[tuple[str, str], list[float]] = {}
    shares: dict[tuple[str, str], list[float]] = {}
    english: dict[tuple[str, str], str] = {}
    for a in members:
        for k in a.kpis:
            if k.points is None:
                continue
            key = (k.kpi_id, k.name)
            english.setdefault(key, k.name_en)
            points.setdefault(key, []).append(k.points)
            if k.max_points > 0:
                shares.setdefault(key, []).append(k.points / k.max_points)
    return tuple(
        TeamResult.Kpi(
            kpi_id=kid,
            name=name,
            name_en=english[(kid, name)],
            # A KPI a table scores as a bonus/deduction and another out of a maximum has no share
            # for all its members: the share would leave some of them out silently.
            share=round(sum(s) / len(s), 6) if (s := shares.get((kid, name))) and len(s) == len(v) else None,
            points=round(sum(v) / len(v), 6),
            counted=len(v),
        )
        for (kid, name), v in points.items()
    )
