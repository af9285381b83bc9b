"""The half-year 级别 review: each agent's months of a period summed up, and the level the
rules' ``promotion:`` block suggests.

Pure: it takes the history's records (``csreport.history.model``) and the rules, and returns
a ``Review``; the 晋级评审 workbook and the review PDFs show it, and a manager decides.

- An agent is in the review when any month of the period records them; the latest such
  month gives their name, group, status, current 级别 and hire date.
- A month without a record, or with no 总分 (缺数据), is a gap: it counts in no average,
  minimum, trend or month count, and never as 0.
- Trend: the least-squares slope of 总分 over the month's index in the period (points per
  month), from the months with a total; None with fewer than two.
- Vetoes: months not cleared because of a veto (``AgentRecord.vetoed``).
- QA pass rate: of the months with sampled-chat data (a KPI with ``qa`` and a raw value), the
  share in which no such KPI was vetoed; None without such data.
- Tenure: whole months from the hire date to the end of the period's last month (hired on
  the 1st of May, six months at the end of October; on the 15th of May, five).
- Suggestion (``rules.promotion``, the ladder ``rules.levels`` lowest first): ``down`` is
  checked first; every condition a rule gives must hold. Up is the next rung, down the
  previous; at the top or the bottom the agent stays, and the reason says why.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Literal

from csreport.history.model import AgentRecord, Interview
from csreport.messages import Bilingual, Note, listed, translate
from csreport.problems import CsreportError
from csreport.results import AttendanceSummary
from csreport.rules.model import Level, Promotion, PromotionRule, RuleSet
from csreport.rules.wording import number
from csreport.util.agent_ids import numbers_first

__all__ = [
    "MAX_MONTHS",
    "Review",
    "ReviewRow",
    "build_review",
    "judgement_note",
    "period_months",
    "reason_words",
]

MAX_MONTHS = 60  # a review period longer than five years is a typing mistake
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_EPS = 1e-9  # a mean of 85.0 computed as 84.99999999 still meets "≥ 85"
# The catalogue codes of the reasons an interview judgement may give (流量, 促销, 淡旺季, 其他).
REASON_CODES = (
    "interviews.reason.traffic",
    "interviews.reason.promotion",
    "interviews.reason.season",
    "interviews.reason.other",
)

Move = Literal["up", "down", "stay", ""]


@dataclass(frozen=True)
class ReviewRow:
    """One agent's period: the figures, the interviews and the suggested 级别."""

    agent_id: str
    name: str
    group: str
    status: str
    level: str  # the current 级别, as the latest month recorded it
    hire_date: str | None  # ISO date
    totals: tuple[float | None, ...]  # one per month of the review, None for a gap
    average: float | None
    minimum: float | None
    trend: float | None  # points per month
    months_scored: int  # months with a total
    vetoes: int  # months not cleared because of a veto
    qa_months: int  # months with sampled-chat (QA) data
    qa_passed: int  # of those, months with no QA KPI vetoed
    attendance: AttendanceSummary | None  # the months' attendance added up; None when none recorded
    tenure_months: int | None  # None without a (readable) hire date
    interviews: tuple[Interview, ...]  # the period's judgements, one per month, oldest first
    plan: str  # the latest 改进计划 ("" when none)
    suggested: str | None  # the suggested 级别 (the current one when it stays); None: no suggestion
    move: Move  # "" when there is no suggestion
    reason: Note | None  # why, in words; None only when the rules have no promotion block

    @property
    def qa_rate(self) -> float | None:
        """质检合格率: months passed ÷ months with QA data; None without QA data."""
        return self.qa_passed / self.qa_months if self.qa_months else None


@dataclass(frozen=True)
class Review:
    """The half-year review of a period: one row per agent, ordered by 组别 then 工号."""

    start: str  # YYYY-MM
    end: str
    months: tuple[str, ...]
    rows: tuple[ReviewRow, ...]
    ladder: tuple[Level, ...]  # lowest first
    promotion: Promotion | None
    rules_name: str
    rules_name_en: str
    rules_hash: str
    notes: tuple[Note, ...] = ()  # said once for the whole review (no promotion block)

    @property
    def period(self) -> str:
        """ "2026-05 – 2026-10", as the review workbook's title and ``LevelChange.period`` say it."""
        return translate("review.period", "zh", start=self.start, end=self.end)

    def rules_name_in(self, lang: str) -> str:
        return self.rules_name_en if lang == "en" and self.rules_name_en else self.rules_name


def _month(text: str) -> tuple[int, int] | None:
    found = _MONTH.match(text.strip()) if isinstance(text, str) else None
    if found is None or not 1 <= int(found[2]) <= 12:
        return None
    return int(found[1]), int(found[2])


def period_months(start: str, end: str) -> tuple[str, ...]:
    """The months from ``start`` to ``end`` (YYYY-MM), both included.

    Raises ``CsreportError`` (``review.bad_period``) for a month not written YYYY-MM or a start
    after the end, and ``review.period_too_long`` beyond ``MAX_MONTHS`` months.
    """
    first, last = _month(start), _month(end)
    if first is None or last is None or last < first:
        raise CsreportError("review.bad_period", start=start, end=end)
    count = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if count > MAX_MONTHS:
        raise CsreportError("review.period_too_long", start=start, end=end, n=count, most=MAX_MONTHS)
    return tuple(
        f"{(first[1] - 1 + i) // 12 + first[0]:04d}-{(first[1] - 1 + i) % 12 + 1:02d}" for i in range(count)
    )


def _slope(points: Sequence[tuple[int, float]]) -> float | None:
    """The least-squares slope of ``(x, y)`` points; None with fewer than two distinct x."""
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in points) / sxx


def tenure_months(hire_date: str | None, last_month: str) -> int | None:
    """Whole months from ``hire_date`` (ISO) to the end of ``last_month`` (YYYY-MM); None when
    the date cannot be read; 0 for a hire date after the period."""
    if not hire_date:
        return None
    try:
        hired = dt.date.fromisoformat(hire_date[:10])
    except ValueError:
        return None
    year, month = _month(last_month) or (0, 0)
    # The period ends where the next month begins: a whole month is from a day to the same day
    # of a later month, so hired on the 1st counts the month it started in.
    end_year, end_month = (year + 1, 1) if month == 12 else (year, month + 1)
    months = (end_year - hired.year) * 12 + end_month - hired.month - (1 if hired.day > 1 else 0)
    return max(0, months)


def _qa_month(record: AgentRecord) -> bool | None:
    """Whether the month passed QA (no sampled-chat KPI vetoed); None without QA data."""
    qa = [k for k in record.kpis if k.qa]
    if not any(k.raw is not None for k in qa):
        return None
    return not any(k.veto for k in qa)


def _attendance(records: Sequence[AgentRecord]) -> AttendanceSummary | None:
    found = [r.attendance for r in records if r.attendance is not None]
    if not found:
        return None
    return AttendanceSummary(
        **{f.name: sum(getattr(a, f.name) for a in found) for f in fields(AttendanceSummary)}
    )


@functools.cache
def _reasons() -> dict[str, Bilingual]:
    """Each reason as written (Chinese, or English in any case) -> its words in both languages."""
    out: dict[str, Bilingual] = {}
    for code in REASON_CODES:
        words = Bilingual(translate(code, "zh"), translate(code, "en"))
        out[words.zh] = out[words.en.casefold()] = words
    return out


def reason_words(reason: str) -> Bilingual | str:
    """An interview's reason (流量/促销/淡旺季/其他) in both languages; other text as written."""
    return _reasons().get(reason) or _reasons().get(reason.casefold()) or reason


def judgement_note(interview: Interview) -> Note:
    """One month's 综合评定 with its reason: "2026-07 B（促销）"."""
    if interview.reason:
        return Note.of(
            "review.judgement_why",
            month=interview.month,
            grade=interview.judgement,
            reason=reason_words(interview.reason),
        )
    return Note.of("review.judgement", month=interview.month, grade=interview.judgement)


@dataclass(frozen=True)
class _Facts:
    months: int
    average: float | None
    vetoes: int
    tenure: int | None


def _conditions(rule: PromotionRule, facts: _Facts) -> list[tuple[bool, Note]]:
    """Each condition ``rule`` gives, whether it holds, and the words saying so."""
    out: list[tuple[bool, Note]] = []

    def compare(value: float, limit: float, at_least: bool) -> tuple[bool, str]:
        if at_least:
            ok = value >= limit - _EPS
            return ok, "≥" if ok else "<"
        ok = value <= limit + _EPS
        return ok, "≤" if ok else ">"

    if rule.min_months is not None:
        ok, op = compare(facts.months, rule.min_months, True)
        out.append((ok, Note.of("review.cond.months", n=facts.months, op=op, limit=rule.min_months)))
    for limit, at_least in ((rule.min_average, True), (rule.max_average, False)):
        if limit is None:
            continue
        if facts.average is None:
            out.append((False, Note.of("review.cond.no_total")))
            continue
        ok, op = compare(facts.average, limit, at_least)
        average = Note.of(
            "review.cond.average",
            n=facts.months,
            average=number(round(facts.average, 2)),
            op=op,
            limit=number(limit),
        )
        out.append((ok, average))
    for count, at_least in ((rule.min_vetoes, True), (rule.max_vetoes, False)):
        if count is not None:
            ok, op = compare(facts.vetoes, count, at_least)
            out.append((ok, Note.of("review.cond.vetoes", n=facts.vetoes, op=op, limit=count)))
    if rule.min_tenure_months is not None:
        if facts.tenure is None:
            out.append((False, Note.of("review.cond.no_hire_date")))
        else:
            ok, op = compare(facts.tenure, rule.min_tenure_months, True)
            out.append(
                (ok, Note.of("review.cond.tenure", n=facts.tenure, op=op, limit=rule.min_tenure_months))
            )
    return list({note: (ok, note) for ok, note in out}.values())  # "no total" once


def _clauses(notes: Sequence[Note]) -> Bilingual:
    return listed([n.bilingual() for n in notes], "review.and")


def suggest(
    level: str, facts: _Facts, promotion: Promotion, ladder: Sequence[str]
) -> tuple[str | None, Move, Note]:
    """The suggested 级别, the move and why, for an agent at ``level`` with these figures."""
    if not level:
        return None, "", Note.of("review.no_level")
    if level not in ladder:
        return None, "", Note.of("review.not_on_ladder", level=level)
    rung = ladder.index(level)
    down = _conditions(promotion.down, facts) if promotion.down is not None else []
    if down and all(ok for ok, _ in down):
        met = _clauses([n for _, n in down])
        if rung == 0:
            return level, "stay", Note.of("review.bottom", conditions=met)
        return ladder[rung - 1], "down", Note.of("review.down", conditions=met)
    up = _conditions(promotion.up, facts) if promotion.up is not None else []
    if up and all(ok for ok, _ in up):
        met = _clauses([n for _, n in up])
        if rung == len(ladder) - 1:
            return level, "stay", Note.of("review.top", conditions=met)
        return ladder[rung + 1], "up", Note.of("review.up", conditions=met)
    # Why it stays: the conditions of a move up that did not hold (else of a move down).
    unmet = [n for ok, n in (up or down) if not ok]
    if not unmet:
        return level, "stay", Note.of("review.stay_plain")
    return level, "stay", Note.of("review.stay", conditions=_clauses(unmet))


def _interviews(
    interviews: Sequence[Interview], months: set[str]
) -> tuple[dict[str, tuple[Interview, ...]], dict[str, str]]:
    """Per agent: the period's judgements (the last given for a month wins), oldest first, and
    the latest improvement plan."""
    judged: dict[str, dict[str, Interview]] = {}
    plans: dict[str, tuple[str, str]] = {}
    for interview in interviews:
        if interview.month not in months:
            continue
        if interview.judgement:
            judged.setdefault(interview.agent_id, {})[interview.month] = interview
        plan = interview.plan.strip()
        if plan and interview.month >= plans.get(interview.agent_id, ("", ""))[0]:
            plans[interview.agent_id] = (interview.month, plan)
    return (
        {agent: tuple(found[m] for m in sorted(found)) for agent, found in judged.items()},
        {agent: plan for agent, (_, plan) in plans.items()},
    )


def build_review(
    months: Sequence[str],
    records: Mapping[str, Sequence[AgentRecord]],
    interviews: Sequence[Interview],
    rules: RuleSet,
) -> Review:
    """The review of ``months`` (``period_months``) from ``records`` (month → the agents of its
    latest revision, with their KPIs; a month history lacks is absent), the interviews stored
    for the period and the rules whose ``promotion:`` block and level ladder apply. Agents the
    roster did not know in a month are left out of that month."""
    months = tuple(months)
    index = {m: i for i, m in enumerate(months)}
    seen: dict[str, list[AgentRecord | None]] = {}
    for month in months:
        for record in records.get(month, ()):
            # Shop staff only: a 工号 the roster did not know that month has no level to review.
            if record.in_roster:
                seen.setdefault(record.agent_id, [None] * len(months))[index[month]] = record
    judged, plans = _interviews(interviews, set(months))
    ladder = [lv.name for lv in rules.levels]
    promotion = rules.promotion
    rows = []
    for agent_id, by_month in seen.items():
        present = [r for r in by_month if r is not None]
        latest = present[-1]
        totals = tuple(r.total if r is not None else None for r in by_month)
        scored = [(i, t) for i, t in enumerate(totals) if t is not None]
        qa = [q for q in map(_qa_month, present) if q is not None]
        tenure = tenure_months(latest.hire_date, months[-1])
        facts = _Facts(
            months=len(scored),
            average=sum(t for _, t in scored) / len(scored) if scored else None,
            vetoes=sum(1 for r in present if r.vetoed),
            tenure=tenure,
        )
        suggested: str | None = None
        move: Move = ""
        reason: Note | None = None
        if promotion is not None:
            suggested, move, reason = suggest(latest.level, facts, promotion, ladder)
        rows.append(
            ReviewRow(
                agent_id=agent_id,
                name=latest.name,
                group=latest.group,
                status=latest.status,
                level=latest.level,
                hire_date=latest.hire_date,
                totals=totals,
                average=facts.average,
                minimum=min((t for _, t in scored), default=None),
                trend=_slope(scored),
                months_scored=facts.months,
                vetoes=facts.vetoes,
                qa_months=len(qa),
                qa_passed=sum(qa),
                attendance=_attendance(present),
                tenure_months=tenure,
                interviews=judged.get(agent_id, ()),
                plan=plans.get(agent_id, ""),
                suggested=suggested,
                move=move,
                reason=reason,
            )
        )
    rows.sort(key=lambda r: (r.group == "", r.group, numbers_first(r.agent_id)))
    return Review(
        start=months[0] if months else "",
        end=months[-1] if months else "",
        months=months,
        rows=tuple(rows),
        ladder=rules.levels,
        promotion=promotion,
        rules_name=rules.name,
        rules_name_en=rules.name_en,
        rules_hash=rules.hash,
        notes=() if promotion is not None else (Note.of("review.no_promotion"),),
    )
