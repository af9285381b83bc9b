"""Group assessment (分组考核): each 组别's average, rank among groups and result. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from csreport.results import AgentResult, Conclusion, TeamResult
from csreport.rules.model import RuleSet

# The team of the agents without a 组别: a key, not words; the outputs name it 未分组 / Ungrouped.
NO_GROUP = ""


def assess_teams(agents: Sequence[AgentResult], rules: RuleSet) -> tuple[TeamResult, ...]:
    """One result per group, ranked by average 总分 (ties share a rank)."""
    groups: dict[str, list[AgentResult]] = {}
    for a in agents:
        groups.setdefault(a.group or NO_GROUP, []).append(a)
    teams = [_team(name, members, rules) for name, members in groups.items()]
    scored = sorted((t for t in teams if t.average is not None), key=lambda t: -(t.average or 0))
    ranks: dict[str, int] = {}
    for i, t in enumerate(scored):
        tied = i and scored[i - 1].average == t.average
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
    kpi_points: dict[tuple[str, str], list[float]] = {}
    for a in members:
        for k in a.kpis:
            if k.points is not None:
                kpi_points.setdefault((k.kpi_id, k.name), []).append(k.points)
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
        kpi_averages=tuple((kid, kname, round(sum(v) / len(v), 6)) for (kid, kname), v in kpi_points.items()),
    )
