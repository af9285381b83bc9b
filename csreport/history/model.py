"""The history database's records, as the rest of csreport reads them.

Plain immutable data: the store builds them from rows, ``scoring.trends`` and
``scoring.review`` compute from them, the outputs show them. A month may hold several
revisions (re-runs with different inputs or rules); readers take the latest unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from csreport.results import AttendanceSummary

DEFAULT_NAME = "csreport-history.sqlite"


@dataclass(frozen=True)
class KpiRecord:
    """One KPI of one agent's month, as scored."""

    kpi_id: str
    name: str
    name_en: str
    unit: str
    max_points: float
    raw: float | None
    numerator: float | None
    denominator: float | None
    band: str | None  # interval notation, as the rules write it
    points: float | None
    veto: str | None  # the veto's reason (Chinese), None when no veto
    veto_en: str | None = None
    qa: bool = False  # scored from sampled chats (the KPI counts a ``sample`` such as qa_chats)


@dataclass(frozen=True)
class AgentRecord:
    """One agent's month, as scored (the KPIs only when asked for)."""

    agent_id: str
    name: str
    group: str
    status: str
    level: str
    table_id: str
    table_name: str
    total: float | None
    max_total: float
    conclusion: str  # Conclusion.value: pass | fail | missing
    grade: str | None
    rank: int | None
    rank_of: int
    coefficient: float | None
    bonus: float | None
    bonus_base: float | None
    in_roster: bool
    hire_date: str | None
    attendance: AttendanceSummary | None
    vetoes: tuple[str, ...] = ()  # the veto reasons (Chinese)
    vetoes_en: tuple[str, ...] = ()
    kpis: tuple[KpiRecord, ...] = ()

    @property
    def vetoed(self) -> bool:
        """The month failed on a KPI's veto (a band or a condition). A 总分 at or under the pass
        line fails the month too, but is no veto: history keeps only the KPIs' vetoes."""
        return self.conclusion == "fail" and bool(self.vetoes)


@dataclass(frozen=True)
class InputRecord:
    """One input file of a revision: its name, where it was, and its content hash."""

    name: str
    path: str
    sha256: str


@dataclass(frozen=True)
class Revision:
    """One recorded run of a month (or an import of its outputs)."""

    month: str
    revision: int  # 1, 2, ... per month
    recorded_at: str  # ISO timestamp
    generated_at: str  # the outputs' timestamp (re-used by an identical re-run)
    rules_name: str
    rules_name_en: str
    rules_hash: str
    rules_text: str  # the rules file as written; "" when imported from outputs without it
    rules_source: str  # preset name or file path
    profile: str | None
    effective_from: str
    version: str  # csreport's version
    inputs: tuple[InputRecord, ...]
    fingerprint: str  # rules hash + inputs: equal fingerprints mean the same run
    origin: str = "run"  # run | import
    reopen_reason: str = ""  # why a closed month was re-run
    agents: int = 0  # how many agents it holds


@dataclass(frozen=True)
class MonthState:
    """A month in history: its revisions (oldest first) and whether it is closed."""

    month: str
    revisions: tuple[Revision, ...]
    closed: bool = False
    closed_at: str = ""
    reopened: tuple[tuple[str, str], ...] = ()  # (when, reason), oldest first

    @property
    def latest(self) -> Revision:
        return self.revisions[-1]


@dataclass(frozen=True)
class Interview:
    """One agent's 面谈 for a month, as the manager filled it in."""

    month: str
    agent_id: str
    name: str = ""
    points: str = ""  # 面谈要点
    judgement: str = ""  # 综合评定: a grade name of the rules (A/B/C/D), "" when not given
    reason: str = ""  # why the judgement differs from the score: 流量 | 促销 | 淡旺季 | 其他 | ""
    reason_note: str = ""  # 说明
    plan: str = ""  # 改进计划
    date: str = ""  # ISO date of the interview, "" when not given
    source: str = ""  # the workbook it came from
    # Its Excel row in that workbook: not stored, and no part of what the interview says.
    row: int = field(default=0, compare=False)


@dataclass(frozen=True)
class LevelChange:
    """A 级别 change decided in a half-year review, in force from ``effective_month``."""

    agent_id: str
    name: str
    from_level: str
    to_level: str
    effective_month: str  # YYYY-MM: the first month scored with the new level
    period: str  # the review period, "2026-05 – 2026-10"
    decided_at: str = ""
    source: str = ""  # the review workbook it came from
    note: str = ""


@dataclass(frozen=True)
class Changed:
    """One agent whose result differs between two revisions of a month (old → new)."""

    agent_id: str
    name: str
    # (what, old, new) for each of 总分 (total), 结论 (conclusion) and 系数 (coefficient) that
    # changed; an agent only in one revision has the other side None.
    changes: tuple[tuple[str, object, object], ...] = field(default_factory=tuple)
    added: bool = False
    removed: bool = False
