"""What the numbers show for each agent's 面谈: the KPIs furthest above and below the norm. Pure.

The norm of a KPI is the mean, over the agent's team (the roster's agents of the same 组别; for
an agent without a 组别, the roster's agents of the whole shop), of each member's points ÷ the
KPI's maximum in the member's own 考核表, so tables with different maxima compare. An agent's
gap is their own share − the norm, in points of their own maximum. Strengths are the (at most
two) largest gaps above the norm, weaknesses the largest below it, a vetoed KPI always first
among the weaknesses. A KPI without points, a bonus or deduction item (maximum 0 or less) and a
gap under half a point are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csreport.messages import Bilingual, Note
from csreport.results import AgentResult, KpiResult, MonthResult

# At most this many strengths and this many weaknesses per agent (vetoes are always named).
MAX_SHOWN = 2
# A gap smaller than this, in points, says nothing about the agent.
MIN_GAP = 0.5
# Gaps are compared after rounding off the last bits of float arithmetic, so that a gap of
# exactly half a point (0.499999… after the division) counts.
_DIGITS = 9

KpiKey = tuple[str, str]  # (kpi id, Chinese name): two tables may give one id different KPIs


@dataclass(frozen=True)
class Highlight:
    """One KPI of an agent set against the norm: ``gap`` points above it (negative: below), in
    points of the agent's own maximum; a vetoed KPI carries its veto instead (its gap is 0)."""

    kpi_id: str
    name: str
    name_en: str
    gap: float
    veto: Note | None = None
    shop: bool = False  # the norm is the whole shop's (the agent has no 组别)

    def note(self) -> Note:
        """The highlight in words: "咨询转化率（高于团队平均 8.0 分）", or "否决：<reason>"."""
        if self.veto is not None:
            return Note.of("interviews.veto", reason=self.veto.bilingual())
        where = "shop" if self.shop else "team"
        side = "above" if self.gap > 0 else "below"
        name = Bilingual(self.name, self.name_en or self.name)
        return Note.of(f"interviews.{side}_{where}", name=name, gap=f"{abs(self.gap):.1f}")

    def text(self, lang: str) -> str:
        return self.note().text(lang)


@dataclass(frozen=True)
class AgentPoints:
    """An agent's strengths and weaknesses, the most telling first."""

    agent_id: str
    strengths: tuple[Highlight, ...] = ()
    weaknesses: tuple[Highlight, ...] = ()


def interview_points(month: MonthResult) -> dict[str, AgentPoints]:
    """Each agent's strengths and weaknesses by 工号, for every agent of ``month``."""
    return points_of(month.agents)


def points_of(agents: Sequence[AgentResult]) -> dict[str, AgentPoints]:
    """:func:`interview_points` for these agents (one month's, all of them: they make the norms)."""
    staff = [a for a in agents if a.in_roster] or list(agents)
    teams: dict[str, list[AgentResult]] = {}
    for a in staff:
        if a.group:
            teams.setdefault(a.group, []).append(a)
    shop_norms = _norms(staff)
    team_norms = {group: _norms(members) for group, members in teams.items()}
    out: dict[str, AgentPoints] = {}
    for a in agents:
        norms, shop = (team_norms[a.group], False) if a.group in team_norms else (shop_norms, True)
        out[a.agent_id] = _agent_points(a, norms, shop)
    return out


def _norms(members: Sequence[AgentResult]) -> dict[KpiKey, float]:
    """Each KPI's mean share of the maximum over the members with points for it."""
    shares: dict[KpiKey, list[float]] = {}
    for a in members:
        for k in a.kpis:
            if _counts(k):
                shares.setdefault((k.kpi_id, k.name), []).append((k.points or 0.0) / k.max_points)
    return {key: sum(values) / len(values) for key, values in shares.items()}


def _counts(k: KpiResult) -> bool:
    """The KPI has points out of a maximum (not missing, not a bonus or deduction item)."""
    return k.points is not None and k.max_points > 0


def _agent_points(a: AgentResult, norms: dict[KpiKey, float], shop: bool) -> AgentPoints:
    vetoes = [Highlight(k.kpi_id, k.name, k.name_en, 0.0, k.veto, shop) for k in a.kpis if k.veto is not None]
    gaps: list[Highlight] = []
    for k in a.kpis:
        norm = norms.get((k.kpi_id, k.name))
        if k.veto is not None or not _counts(k) or norm is None:
            continue
        gap = round(((k.points or 0.0) / k.max_points - norm) * k.max_points, _DIGITS)
        if abs(gap) >= MIN_GAP:
            gaps.append(Highlight(k.kpi_id, k.name, k.name_en, gap, None, shop))
    # Largest first; ties keep the rules' order of the KPIs (the sort is stable).
    above = sorted((h for h in gaps if h.gap > 0), key=lambda h: -h.gap)
    below = sorted((h for h in gaps if h.gap < 0), key=lambda h: h.gap)
    weaknesses = vetoes + below[: max(0, MAX_SHOWN - len(vetoes))]
    return AgentPoints(a.agent_id, tuple(above[:MAX_SHOWN]), tuple(weaknesses))
