"""Group assessment (分组考核): each 组别's average, rank among groups and result. Pure.

A team is made of the roster's agents only: an agent the data names but the roster does not
know (``AgentResult.in_roster`` False) is no shop staff, so it is in no team and no count.
Teams are compared like with like: totals and KPI points as shares of each agent's own
maximum, so tables with different maxima never mix.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from csreport.results import AgentResult, Conclusion, TeamResult
from csreport.rules.model import RuleSet

# The team of the roster's agents without a 组别: a key, not words; the outputs name it 未分组 / Ungrouped.
NO_GROUP = ""
# Shares this close are equal: the same figures summed in another order differ in the last bits
# (80% and 90% average to the 85% of 85% and 85% only up to about 1e-16).
_TIED = 1e-9


def share(agent: AgentResult) -> float | None:
    """The agent's 总分 as a share of their own table's maximum (None without a total or
    without a positive maximum)."""
    total, most = agent.total, agent.max_total
    if total is None or not most or not math.isfinite(total) or not math.isfinite(most) or most <= 0:
        return None
    return total / most


def mean_share(agents: Sequence[AgentResult]) -> float | None:
    """The mean share (:func:`share`) of those of ``agents`` that have one, unrounded; None
    when none has."""
    shares = [s for s in map(share, agents) if s is not None]
    return math.fsum(shares) / len(shares) if shares else None


def assess_teams(agents: Sequence[AgentResult], rules: RuleSet | None = None) -> tuple[TeamResult, ...]:
    """One result per group of the roster's agents, ranked by the mean share of the maximum
    (:func:`mean_share`; ties share a rank, as in 1, 2, 2, 4), in rank order, ties and the
    unranked teams by group name. Without ``rules`` the teams have no grade."""
    groups: dict[str, list[AgentResult]] = {}
    for a in agents:
        if a.in_roster:
            groups.setdefault(a.group or NO_GROUP, []).append(a)
    teams = [_team(name, members, rules) for name, members in groups.items()]
    shares = {t.group: mean_share(groups[t.group]) for t in teams}
    scored = sorted((g for g, s in shares.items() if s is not None), key=lambda g: (-(shares[g] or 0.0), g))
    ranks: dict[str, int] = {}
    for i, group in enumerate(scored):
        before = scored[i - 1] if i else None
        tied = before is not None and math.isclose(shares[before] or 0.0, shares[group] or 0.0, rel_tol=_TIED)
        ranks[group] = ranks[before] if tied and before is not None else i + 1
    out = [TeamResult(**{**t.__dict__, "rank": ranks.get(t.group), "rank_of": len(scored)}) for t in teams]
    return tuple(sorted(out, key=lambda t: (t.rank is None, t.rank or 0, t.group)))


def _team(name: str, members: list[AgentResult], rules: RuleSet | None) -> TeamResult:
    with_share = [a for a in members if share(a) is not None]
    mean = mean_share(with_share)
    scales = {a.max_total for a in with_share}
    # One table: the average in its points; tables with different maxima: in % of the maximum.
    max_total = scales.pop() if len(scales) == 1 else 100.0
    average = None if mean is None else mean * max_total
    grade = rules.grade_for(average, True, max_total) if rules is not None and average is not None else None
    kpis = _kpis(members)
    return TeamResult(
        group=name,
        members=len(members),
        scored=sum(a.total is not None for a in members),
        passed=sum(a.conclusion is Conclusion.PASS for a in members),
        failed=sum(a.conclusion is Conclusion.FAIL for a in members),
        missing=sum(a.conclusion is Conclusion.MISSING for a in members),
        average=average,
        max_total=max_total,
        rank=None,
        rank_of=0,
        grade=grade,
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
