"""Score every agent of a month against a rule set. Pure: tidy tables in, results out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from csreport.messages import Bilingual, Note, both, listed
from csreport.problems import Problem, Severity
from csreport.results import AgentResult, Conclusion, KpiResult, MonthResult, QaSample, RunMeta
from csreport.rules.formula import parse
from csreport.rules.model import RuleSet, Table, fmt_number
from csreport.rules.sampling import stratum_words
from csreport.scoring.aggregate import AgentAggregates
from csreport.scoring.kpi import NOISE_DECIMALS, USUAL_DECIMALS, Measure, award, measure
from csreport.scoring.modes import percentiles
from csreport.scoring.teams import assess_teams
from csreport.util.agent_ids import by_digits


class RosterLike(Protocol):
    """What scoring needs to know about an agent from the roster (read-only, as the roster's
    frozen entries are)."""

    @property
    def name(self) -> str: ...
    @property
    def group(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def bonus_base(self) -> float | None: ...

    # ``hire_date`` (ISO text or None) is read when the entry has one: tenure is optional.


@dataclass(frozen=True)
class _Entry:
    name: str = ""
    group: str = ""
    status: str = ""
    level: str = ""
    bonus_base: float | None = None
    hire_date: str | None = None


def score_month(
    roster: Mapping[str, RosterLike],
    aggregates: Mapping[str, AgentAggregates],
    rules: RuleSet,
    meta: RunMeta,
) -> tuple[MonthResult, list[Problem]]:
    """Score the roster's agents plus anyone who appears only in the data.

    When a roster is given, an agent it does not know is scored and listed but is no shop
    staff: it has no rank, counts in no ``rank_of`` and no group's percentiles, and is in no
    team, so it never moves a roster agent's place.
    """
    problems: list[Problem] = []
    ids, entries, tables = assign_tables(roster, aggregates, rules)
    empty = AgentAggregates()
    vocabulary = rules.vocabulary
    measures = {a: [measure(k, aggregates.get(a, empty), vocabulary) for k in tables[a].kpis] for a in ids}
    outsiders = {a for a in ids if roster and a not in roster}
    ranks = _percentiles(ids, tables, entries, measures, outsiders)
    problems += unknown_levels(roster, rules)
    agents: list[AgentResult] = []
    for a in ids:
        kpis = tuple(
            award(k, m, ranks.get((a, k.id))) for k, m in zip(tables[a].kpis, measures[a], strict=True)
        )
        result = _agent(a, entries[a], tables[a], kpis, aggregates.get(a, empty), rules)
        if a in outsiders:
            result = replace(
                result, in_roster=False, notes=(*result.notes, Note.of("agent.unknown_to_roster"))
            )
        agents.append(result)
    ranked = _rank(agents)
    shown = tuple((t.id, t.name) for t in rules.tables if any(x.table_id == t.id for x in ranked))
    teams = assess_teams(ranked, rules)
    return MonthResult(replace(meta, tables=shown), tuple(ranked), teams), problems


def assign_tables(
    roster: Mapping[str, RosterLike], in_data: Iterable[str], rules: RuleSet
) -> tuple[list[str], dict[str, RosterLike], dict[str, Table]]:
    """The agents scored (the roster's plus those ``in_data``, in 工号 order), each one's
    roster entry (blank when not in the roster) and the table that applies to them."""
    ids = sorted(set(roster) | set(in_data), key=by_digits)
    entries: dict[str, RosterLike] = {a: roster.get(a) or _Entry() for a in ids}
    tables = {a: rules.table_for(entries[a].status, entries[a].group) for a in ids}
    return ids, entries, tables


def unknown_levels(roster: Mapping[str, RosterLike], rules: RuleSet) -> list[Problem]:
    """A warning for each agent whose roster 级别 is not on the rules' level ladder, so no 系数
    can be set; agents in 工号 order. ``check`` and ``run`` both report these."""
    known = {lv.name for lv in rules.levels}
    return [
        Problem("agent.unknown_level", Severity.WARNING, params={"agent": a, "level": roster[a].level})
        for a in sorted(roster, key=by_digits)
        if roster[a].level and roster[a].level not in known
    ]


def _percentiles(
    ids: list[str],
    tables: Mapping[str, Table],
    entries: Mapping[str, RosterLike],
    measures: Mapping[str, list[Measure]],
    outsiders: set[str],
) -> dict[tuple[str, str], float]:
    """Rank-mode percentiles within each (table, 组别) among agents with a value.

    An agent not in the roster (``outsiders``) is placed among the group's roster agents as if
    it were one more of them, but is never counted in anyone else's percentile.
    """
    groups: dict[tuple[str, str, str], dict[str, float]] = {}
    better: dict[tuple[str, str, str], str] = {}
    visitors: list[tuple[str, tuple[str, str, str], float]] = []
    for a in ids:
        for kpi, m in zip(tables[a].kpis, measures[a], strict=True):
            if kpi.mode != "rank" or m.value is None:
                continue
            key = (tables[a].id, entries[a].group, kpi.id)
            better[key] = kpi.better
            if a in outsiders:
                visitors.append((a, key, m.value))
            else:
                groups.setdefault(key, {})[a] = m.value
    out: dict[tuple[str, str], float] = {}
    for key, values in groups.items():
        for a, p in percentiles(values, better[key]).items():
            out[(a, key[2])] = round(p, 9)
    for a, key, value in visitors:
        out[(a, key[2])] = round(percentiles({**groups.get(key, {}), a: value}, better[key])[a], 9)
    return out


def _agent(
    agent_id: str,
    entry: RosterLike,
    table: Table,
    kpis: tuple[KpiResult, ...],
    agg: AgentAggregates,
    rules: RuleSet,
) -> AgentResult:
    vetoes = [k.veto for k in kpis if k.veto]
    total, rescale = _total(table, kpis)
    missing = total is None
    conclusion, threshold_reason = _conclude(table, total, bool(vetoes), missing)
    if threshold_reason:
        vetoes.append(threshold_reason)
    passed = conclusion is Conclusion.PASS
    grade = None if conclusion is Conclusion.MISSING else rules.grade_for(total, passed, table.total)
    level = entry.level
    coefficient = rules.coefficient(level, grade) if level else None
    base = entry.bonus_base
    ladder = rules.level(level) if level else None
    excluded = [k for k in kpis if k.excluded]
    note = None
    if rescale is not None and excluded:
        names = listed(Bilingual(k.name, k.name_en) for k in excluded)
        kept = sum(k.max_points for k in kpis if k.max_points > 0 and not k.excluded)
        ratio = f"{fmt_number(kept * rescale)}/{fmt_number(kept)}"
        note = Note.of("agent.rescaled", names=names, ratio=ratio, factor=f"{rescale:.4g}")
    return AgentResult(
        agent_id=agent_id,
        name=entry.name,
        group=entry.group,
        status=entry.status,
        level=level,
        table_id=table.id,
        table_name=table.name,
        table_name_en=table.name_en,
        kpis=kpis,
        total=total,
        max_total=table.total,
        conclusion=conclusion,
        veto_reasons=tuple(vetoes),
        grade=grade,
        coefficient=coefficient,
        rank=None,
        rank_of=0,
        attendance=agg.attendance,
        attitude_items=agg.attitude_items,
        rescale=rescale,
        rescale_note=note,
        level_benefits=ladder.benefits if ladder else (),
        bonus_base=base,
        bonus=round(base * coefficient, 2) if base is not None and coefficient is not None else None,
        hire_date=getattr(entry, "hire_date", None),
        qa_sample=_sample(agg.qa_sample, kpis, table, rules),
    )


def _sample(
    sample: QaSample | None, kpis: tuple[KpiResult, ...], table: Table, rules: RuleSet
) -> QaSample | None:
    """The agent's sample with its line in words and the KPIs of ``table`` whose value is its
    plain mean (those reading 态度得分). The means lose their floating-point noise as a KPI's
    value does (79.02, not 79.02000000000001) and are said with as many decimals as the first of
    those KPIs' value is shown with, so "83.2 分" reads the same in both places."""
    if sample is None:
        return None
    sample = replace(
        sample,
        mean=None if sample.mean is None else round(sample.mean, NOISE_DECIMALS),
        weighted=None if sample.weighted is None else round(sample.weighted, NOISE_DECIMALS),
    )
    ids = tuple(
        k.id
        for k in table.kpis
        if any(
            (f := rules.vocabulary.resolve(n)) is not None and f.id == "attitude_score"
            for n in parse(k.input, rules.vocabulary).names
        )
    )
    shown = next((k for k in kpis if k.kpi_id in ids), None)
    decimals = (shown.decimals if shown is not None else None) or USUAL_DECIMALS["score"]
    return replace(sample, words=sample_words(sample, decimals), kpi_ids=ids)


def sample_words(sample: QaSample, decimals: int = USUAL_DECIMALS["score"]) -> Note:
    """ "抽查 8 条：非常满意 1 · 满意 1 · …；平均 82.5 分（计分用）；按抽样比例加权 80.1 分（仅供参考）":
    the mix only when known, each mean only when there is one, with ``decimals`` decimals; the
    chats with a total said after the count when some have none ("抽查 8 条（7 条有总分）")."""
    one = "_one" if sample.chats == 1 else ""
    if sample.scored != sample.chats:
        head = both("qa.sample.n_scored" + one, n=sample.chats, scored=sample.scored)
    else:
        head = both("qa.sample.n" + one, n=sample.chats)
    if sample.mix:
        words = [both("qa.sample.word", word=stratum_words(w), n=n) for w, n in sample.mix]
        head = both("qa.sample.with_mix", n=head, mix=listed(words, "qa.sample.mix_sep"))
    parts = [head]
    for code, mean in (("qa.sample.mean", sample.mean), ("qa.sample.weighted", sample.weighted)):
        if mean is not None:
            parts.append(both(code, score=both("unit.score", n=f"{mean:,.{decimals}f}")))
    return Note.of("qa.sample.line", parts=listed(parts, "list.clauses"))


def _total(table: Table, kpis: tuple[KpiResult, ...]) -> tuple[float | None, float | None]:
    """总分, and the rescaling factor when KPIs were excluded for missing data."""
    if any(k.points is None and not k.excluded for k in kpis):
        return None, None
    weight_all = sum(k.max_points for k in kpis if k.max_points > 0)
    weight_present = sum(k.max_points for k in kpis if k.max_points > 0 and not k.excluded)
    if weight_present <= 0:
        return None, None
    factor = weight_all / weight_present if weight_present < weight_all else None
    total = sum(
        (k.points or 0.0) * ((factor or 1.0) if k.max_points > 0 else 1.0) for k in kpis if not k.excluded
    )
    # Deductions cannot push a total below zero, nor bonuses past the declared total.
    return round(min(max(total, 0.0), table.total), 6), factor


def _conclude(
    table: Table, total: float | None, vetoed: bool, missing: bool
) -> tuple[Conclusion, Note | None]:
    # A veto is certain even when another KPI lacks data, so it wins over 缺数据.
    if vetoed:
        return Conclusion.FAIL, None
    if missing or total is None:
        return Conclusion.MISSING, None
    limit = table.fail_if_total_le
    if limit is not None and total <= limit:
        shown, lim = fmt_number(round(total, 1)), fmt_number(limit)
        return Conclusion.FAIL, Note.of("veto.total_threshold", total=shown, limit=lim)
    return Conclusion.PASS, None


def _rank(agents: list[AgentResult]) -> list[AgentResult]:
    """Competition ranking (1, 2, 2, 4) per table; a passing agent ranks above a failing one.

    An agent not in the roster has no rank and is not counted in ``rank_of``.
    """
    by_table: dict[str, list[AgentResult]] = {}
    for a in agents:
        by_table.setdefault(a.table_id, []).append(a)
    ranks: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}
    for table_id, members in by_table.items():
        scored = sorted((a for a in members if a.total is not None and a.in_roster), key=_rank_key)
        counts[table_id] = len(scored)
        for i, a in enumerate(scored):
            same = i and _rank_key(scored[i - 1]) == _rank_key(a)
            ranks[(table_id, a.agent_id)] = ranks[(table_id, scored[i - 1].agent_id)] if same else i + 1
    return [replace(a, rank=ranks.get((a.table_id, a.agent_id)), rank_of=counts[a.table_id]) for a in agents]


def _rank_key(a: AgentResult) -> tuple[bool, float]:
    return (a.conclusion is not Conclusion.PASS, -(a.total or 0.0))
