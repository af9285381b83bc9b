"""What the team summary pages and the shop cover show: the scoring's teams, worked into words.

- only agents in the roster are the shop's staff (``AgentResult.in_roster``; it is False
  only when a roster was given and the 工号 is not in it). Those others are in no team,
  no count and no rank: the cover lists them under 需核对 (to check);
- a team's figures are the scoring's (``month.teams``, ``scoring.teams``): its counts, its
  average (the mean of each member's 总分 ÷ their own table's maximum, so points out of 30
  and out of 20 are never averaged together), its rank (competition ranking: equal averages
  share a rank, teams without a total have none) and its grade. The 团队 sheet shows the
  same. Only the whole shop's figures are counted here, the same way (``scoring.teams.mean_share``);
- a rate is shown with its base: 合格率 = 合格 / 已评定 (合格 + 不予上岗); 缺数据 has no
  conclusion and is counted beside it, never silently left out;
- every share and rate has one decimal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from csreport.messages import translate
from csreport.outputs.numbers import UNKNOWN, finite_or_none, format_points
from csreport.outputs.pdf.context import NO_BRANDING, generation_date, shorten
from csreport.results import AgentResult, Conclusion, MonthResult, RunMeta, TeamResult
from csreport.scoring.teams import NO_GROUP, assess_teams, mean_share


@dataclass(frozen=True)
class Team:
    """One 组别 of the shop's staff: the scoring's result for it (counts, average share,
    rank, grade) and its members (indexes into ``month.agents``, in that order)."""

    result: TeamResult
    members: tuple[int, ...]
    agents: tuple[AgentResult, ...]

    @property
    def group(self) -> str:
        """The 组别 as in the data; "" for the agents without one."""
        return self.result.group

    @property
    def share(self) -> float | None:
        """The mean of the members' total ÷ their own maximum; None when nobody has a total."""
        return self.result.average_share

    @property
    def rank(self) -> int | None:
        return self.result.rank

    @property
    def rank_of(self) -> int:
        """How many teams are ranked."""
        return self.result.rank_of

    @property
    def grade(self) -> str | None:
        return self.result.grade


def staff(month: MonthResult) -> list[AgentResult]:
    """The shop's staff: every agent in the roster (all agents when no roster was given)."""
    return [a for a in month.agents if a.in_roster]


def unlisted(month: MonthResult) -> list[AgentResult]:
    """Agents found in the data whose 工号 is not in the roster (需核对)."""
    return [a for a in month.agents if not a.in_roster]


def teams_of(month: MonthResult) -> list[Team]:
    """The staff's teams in the scoring's order (``month.teams``: by rank, ties and the teams
    without a total by group name), with their members. This is the order of the shop PDF.

    A month made without assessing its teams (``month.teams`` lacking a group of the staff)
    gets them assessed here by the scoring's own ``assess_teams``, without grades (there
    are no rules to grade by) but for those ``month.teams`` has."""
    members: dict[str, list[int]] = {}
    for index, agent in enumerate(month.agents):
        if agent.in_roster:
            members.setdefault(agent.group or NO_GROUP, []).append(index)
    results = list(month.teams)
    if set(members) - {t.group for t in results}:
        grades = {t.group: t.grade for t in results}
        results = [replace(t, grade=grades.get(t.group)) for t in assess_teams(month.agents)]
    return [
        Team(t, tuple(members[t.group]), tuple(month.agents[i] for i in members[t.group]))
        for t in results
        if t.group in members
    ]


def team_name(group: str, lang: str = "zh") -> str:
    """How a 组别 is named on the pages, in outline entries and file names (未分组 when empty)."""
    return shorten(group, "group") or translate("scorecard.ungrouped", lang)


def percent(value: float | None) -> str:
    """A share as a percentage with one decimal: ``83.3%``; an em dash when unknown."""
    number = finite_or_none(value)
    return UNKNOWN if number is None else f"{number * 100:.1f}%"


def rate(part: int, whole: int, lang: str) -> str:
    """``part / whole`` as a percentage with its base: ``83.3%（5 / 6）``; a dash when ``whole`` is 0."""
    if not whole:
        return UNKNOWN
    return translate("summary.rate", lang, rate=percent(part / whole), part=part, whole=whole)


def _decimals(values: list[float | None], most: int = 1) -> int:
    """The decimals a column shows: as many as its most precise value needs, at most ``most``,
    the same for every value (never "85" beside "87.5")."""
    found = [v for v in map(finite_or_none, values) if v is not None]

    def needs(value: float) -> int:
        return next(d for d in range(most + 1) if math.isclose(round(value, d), round(value, most)))

    return max(map(needs, found), default=0)


def _fixed(value: float | None, decimals: int) -> str:
    number = finite_or_none(value)
    return UNKNOWN if number is None else f"{number:.{decimals}f}"


def _who(agent: AgentResult) -> tuple[str, str]:
    """工号 and name as the pages show them (an em dash for a blank name)."""
    return shorten(agent.agent_id, "id"), shorten(agent.name, "name") or UNKNOWN


def failed_why(agent: AgentResult, lang: str) -> str:
    """Why the agent is 不予上岗: the vetoes and the total's threshold, in the scoring's words."""
    reasons = [v.text(lang) for v in agent.veto_reasons]
    return shorten(translate("list.clauses", lang).join(reasons), "note") or UNKNOWN


def missing_why(agent: AgentResult, lang: str) -> str:
    """What the 缺数据 agent lacks: each KPI without data and why (差错（没有抽查记录）)."""
    items = []
    for k in agent.lacking:
        name = k.name_en if lang == "en" and k.name_en else k.name
        reason = k.missing_reason.text(lang) if k.missing_reason else ""
        items.append(translate("summary.missing_item", lang, kpi=name, reason=reason) if reason else name)
    return shorten(translate("list.clauses", lang).join(items), "note") or UNKNOWN


def _found_in(agent: AgentResult, lang: str) -> str:
    """The data files the agent's values came from."""
    files = list(dict.fromkeys(s.file for k in agent.kpis for s in k.sources if s.file))
    return shorten(translate("list.sep", lang).join(files), "note") or UNKNOWN


def _labels(lang: str) -> dict[str, str]:
    """The pages' labels: ``summary.<key>`` for each key, and the header's words."""
    keys = [code.split(".", 1)[1] for code in _CODES]
    labels = {key: translate(code, lang) for key, code in zip(keys, _CODES, strict=True)}
    labels["month"] = translate("scorecard.month", lang)
    labels["rules"] = translate("scorecard.rules", lang)
    labels["list_gap"] = translate("scorecard.list_gap", lang)
    labels["colon"] = translate("scorecard.colon", lang)
    return labels


# The labels the templates see (``labels.<key>`` for ``summary.<key>``); the other codes of
# ``messages/summaries.py`` take parameters and are filled in here.
_CODES = tuple(
    f"summary.{key}"
    for key in (
        "team_title",
        "team",
        "teams",
        "whole_shop",
        "staff",
        "members",
        "pass_rate",
        "average",
        "rank",
        "grade",
        "to_check",
        "passed",
        "failed",
        "missing",
        "pass_rate_head",
        "average_head",
        "rank_head",
        "grade_head",
        "member_list",
        "agent_id",
        "name",
        "table",
        "total",
        "conclusion",
        "level",
        "coefficient",
        "attention",
        "why",
        "nobody",
        "to_check_intro",
        "found_in",
        "how",
    )
)


def _page(meta: RunMeta, lang: str, branding: dict[str, Any] | None, title: str) -> dict[str, Any]:
    """What every summary page has: language, labels, header and footer."""
    generated = generation_date(meta.generated_at)
    rules_name = shorten(meta.rules_name_in(lang), "rules")
    return {
        "lang": lang,
        "html_lang": "en" if lang == "en" else "zh-CN",
        "labels": _labels(lang),
        "shop": shorten(meta.shop, "shop"),
        "month": meta.month,
        "title": title,
        "generated_at": generated,
        "rules_name": rules_name,
        "rules_hash": meta.rules_hash,
        "branding": branding or NO_BRANDING,
        "footer_left": translate(
            "scorecard.footer", lang, rules=rules_name, hash=meta.rules_hash, time=generated
        ),
        "footer_center": translate("scorecard.confidential", lang),
    }


def _figures(counts: TeamResult, share: float | None, lang: str) -> dict[str, Any]:
    """The counts of ``counts`` (``members``, ``passed``, ``failed``, ``missing``, ``scored``),
    its pass rate and the average ``share``, each with its base."""
    # The pass rate's base is everyone assessed (合格 or 不予上岗), as on the 团队 sheet: a
    # vetoed agent lacking other data has no total but has certainly not passed.
    passed, assessed = counts.passed, counts.assessed
    return {
        "members": counts.members,
        "passed": passed,
        "failed": counts.failed,
        "missing": counts.missing,
        "scored": counts.scored,
        "assessed": assessed,
        "pass_rate": percent(passed / assessed) if assessed else UNKNOWN,
        "pass_rate_with_base": rate(passed, assessed, lang),
        "pass_base": translate("summary.pass_base", lang, passed=passed, assessed=assessed),
        "missing_base": translate("summary.missing_base", lang, missing=counts.missing),
        "average": percent(share),
        "average_base": translate("summary.average_base", lang, scored=counts.scored)
        if counts.scored
        else translate("summary.no_total", lang),
    }


def _shop(month: MonthResult) -> TeamResult:
    """The whole shop's counts, as a team of all the staff (unranked, ungraded)."""
    agents = staff(month)
    return TeamResult(
        group=NO_GROUP,
        members=len(agents),
        scored=sum(a.total is not None for a in agents),
        passed=sum(a.conclusion is Conclusion.PASS for a in agents),
        failed=sum(a.conclusion is Conclusion.FAIL for a in agents),
        missing=sum(a.conclusion is Conclusion.MISSING for a in agents),
        average=None,
        max_total=100.0,
        rank=None,
        rank_of=0,
        grade=None,
    )


def _attention(agents: tuple[AgentResult, ...] | list[AgentResult], lang: str) -> list[dict[str, str]]:
    """The 不予上岗 then the 缺数据 of ``agents``, each with why."""
    rows = []
    for state, why in ((Conclusion.FAIL, failed_why), (Conclusion.MISSING, missing_why)):
        for agent in agents:
            if agent.conclusion is state:
                agent_id, name = _who(agent)
                rows.append(
                    {
                        "id": agent_id,
                        "name": name,
                        "state": state.value,
                        "conclusion": translate(state.code, lang),
                        "why": why(agent, lang),
                    }
                )
    return rows


def team_row(team: Team, lang: str) -> dict[str, Any]:
    """A team's row in the shop cover's table."""
    return {
        "name": team_name(team.group, lang),
        **_figures(team.result, team.share, lang),
        "rank": UNKNOWN if team.rank is None else f"{team.rank} / {team.rank_of}",
        "grade": team.grade or UNKNOWN,
    }


def shop_context(
    month: MonthResult, lang: str = "zh", *, branding: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything the shop PDF's cover template (``cover.html``) may use.

    ``lang``, ``html_lang``, ``labels``, ``shop``, ``month``, ``title``, ``generated_at``,
    ``rules_name``, ``rules_hash``, ``branding``, ``footer_left``, ``footer_center`` as
    for a scorecard (``labels`` holds the ``summary.*`` words). ``shop_figures`` (dict):
    ``members`` (the staff: agents in the roster), ``passed``, ``failed``, ``missing``,
    ``scored``, ``assessed`` (ints), ``pass_rate`` ("84.6%"), ``pass_rate_with_base``
    ("84.6%（11 / 13）"), ``pass_base`` ("合格 11 / 已评定 13"), ``missing_base`` ("缺数据 1，不计入"),
    ``average`` ("85.2%": the mean share of the maximum), ``average_base``. ``teams``
    (list, in the PDF's order): the same figures per team plus ``name``, ``rank`` ("1 /
    2" or "—") and ``grade``. ``attention`` (list of
    teams with a 不予上岗 or 缺数据 member): ``name`` and ``rows``, each: ``id``,
    ``name``, ``state`` ("fail"/"missing"), ``conclusion`` and ``why`` (the reasons, or
    the KPIs without data and why). ``to_check`` (list, the agents not in the roster):
    ``id``, ``name``, ``why``, ``found_in`` (the data files); ``to_check_head``
    ("需核对（1 个工号）").
    """
    lang = "en" if lang == "en" else "zh"
    teams = teams_of(month)
    attention = []
    for team in teams:
        rows = _attention(team.agents, lang)
        if rows:
            attention.append({"name": team_name(team.group, lang), "rows": rows})
    unknown = unlisted(month)
    return {
        **_page(month.meta, lang, branding, translate("scorecard.shop_title", lang)),
        "shop_figures": _figures(_shop(month), mean_share(staff(month)), lang),
        "teams": [team_row(t, lang) for t in teams],
        "attention": attention,
        "to_check": [
            {
                "id": shorten(a.agent_id, "id"),
                "name": shorten(a.name, "name") or UNKNOWN,
                "why": translate("summary.not_in_roster", lang),
                "found_in": _found_in(a, lang),
            }
            for a in unknown
        ],
        "to_check_head": translate("summary.to_check_head", lang, n=len(unknown)),
        "to_check_base": translate("summary.to_check_base", lang),
    }


def team_context(
    month: MonthResult, team: Team, lang: str = "zh", *, branding: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything a team's summary page (``team_summary.html``) may use.

    The page's common variables as for the cover, and ``team``: ``name`` and the figures
    of ``shop_context``'s teams (``members``, ``passed``, ``failed``, ``missing``,
    ``scored``, ``pass_rate``, ``pass_base``, ``missing_base``, ``average``, ``average_base``,
    ``rank``, ``grade``), ``rank_base`` ("共 2 个团队，按平均得分率").
    ``members`` (list, in card order), each: ``id``, ``name``, ``table``, ``total``
    ("85 / 100": one decimal for every total of the page or none), ``state``
    ("pass"/"fail"/"missing"), ``conclusion``, ``grade``, ``level``, ``coefficient``
    ("1.25", "1.00": as many decimals for each as the most precise needs, at most 3),
    and for a 不予上岗 or 缺数据 member ``why`` (the reasons, or the KPIs without data
    and why; "" for the others) under the label ``why_label`` (原因 / 缺少的数据).
    """
    lang = "en" if lang == "en" else "zh"
    decimals = _decimals([a.total for a in team.agents])
    places = _decimals([a.coefficient for a in team.agents], 3)
    why = {
        Conclusion.FAIL: (failed_why, "summary.reason"),
        Conclusion.MISSING: (missing_why, "summary.lacking"),
    }
    return {
        **_page(month.meta, lang, branding, translate("summary.team_title", lang)),
        "team": {
            **team_row(team, lang),
            "rank_base": translate("summary.rank_base", lang, teams=team.rank_of),
        },
        "members": [
            {
                "id": _who(a)[0],
                "name": _who(a)[1],
                "table": shorten(a.table_name_in(lang), "table"),
                "total": f"{_fixed(a.total, decimals)} / {format_points(a.max_total)}",
                "state": a.conclusion.value,
                "conclusion": translate(a.conclusion.code, lang),
                "grade": a.grade or UNKNOWN,
                "level": shorten(a.level, "level") or UNKNOWN,
                "coefficient": _fixed(a.coefficient, places),
                "why": why[a.conclusion][0](a, lang) if a.conclusion in why else "",
                "why_label": translate(why[a.conclusion][1], lang) if a.conclusion in why else "",
            }
            for a in team.agents
        ],
    }
