"""Result types shared by the scoring and render layers.

Everything here is immutable: scoring builds these once, renderers only read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from csreport.messages import Note


class Conclusion(str, Enum):
    """The verdict on one agent for the month (结论)."""

    PASS = "pass"
    FAIL = "fail"
    MISSING = "missing"

    @property
    def code(self) -> str:
        """The catalogue code of the verdict's words (合格, 不予上岗, 缺数据)."""
        return f"conclusion.{self.value}"


@dataclass(frozen=True)
class SourceRef:
    """Where an aggregated value came from: one file, one sheet, some Excel rows."""

    file: str
    sheet: str
    rows: tuple[int, ...]
    column: str = "A"

    def ranges(self) -> str:
        """Compact Excel-style description, e.g. ``十月接待.xlsx!数据信息!A5:A35,A40``."""
        if not self.rows:
            return f"{self.file}!{self.sheet}"
        parts: list[str] = []
        start = prev = self.rows[0]
        for r in (*self.rows[1:], None):
            if r is not None and r == prev + 1:
                prev = r
                continue
            col = self.column
            parts.append(f"{col}{start}" if start == prev else f"{col}{start}:{col}{prev}")
            if r is not None:
                start = prev = r
        return f"{self.file}!{self.sheet}!{','.join(parts)}"


@dataclass(frozen=True)
class KpiResult:
    """One KPI for one agent: the raw value, where it came from, the band and the points."""

    kpi_id: str
    name: str  # Chinese display name, e.g. 平均响应时长
    name_en: str
    max_points: float
    unit: str  # "s", "%", "score", "count"
    formula: str  # the rules' input formula, as written
    raw: float | None  # None when missing
    numerator: float | None
    denominator: float | None
    band: str | None  # e.g. "(45, 80]" or "[98%, 100%]"
    band_label: str | None  # the band's description from the rules, may be None
    points: float | None  # None when missing; 0 when vetoed
    veto: Note | None  # why the KPI vetoes the month, None when no veto
    missing_reason: Note | None  # why raw is missing, None when present
    sources: tuple[SourceRef, ...] = ()
    sample_size: int | None = None  # rows/chats aggregated
    mode: str = "bands"  # bands | linear | rank | per_unit
    percentile: float | None = None  # rank mode: share of the group this agent beats or ties
    excluded: bool = False  # missing and left out, the other KPIs rescaled
    policy_note: Note | None = None  # how a missing value was treated (zero / exclude)
    # The same in words a reader follows (``csreport.rules.wording``): the band, or the rule of a
    # KPI scored without bands ("45–80 秒（不含 45 秒）", "每 1 次扣 1 分"); "恰好 45 秒算此档" when
    # the value is exactly a bound its band includes; what the value was made of ("2,918 / 2,944
    # （回复人数 / 咨询人数）"); the formula with field names ("付款订单数 ÷ 接待人数").
    band_words: Note | None = None
    at_bound: Note | None = None
    # Decimals the value needs to be shown with (in its unit as shown: seconds, percent points)
    # so that the shown figure lies in the band it was scored in: 45.04 秒 rather than "45.0 秒"
    # in 45–80 秒（不含 45 秒）. None: the unit's usual decimals are enough.
    decimals: int | None = None
    basis: Note | None = None
    formula_words: Note | None = None

    @property
    def is_missing(self) -> bool:
        return self.raw is None and self.veto is None


@dataclass(frozen=True)
class AttendanceSummary:
    """Attendance counts for the month (shown, not scored in 0.1)."""

    present: int = 0  # 出勤天数: 出勤 + 迟到 + 早退
    late: int = 0  # 迟到
    early_leave: int = 0  # 早退
    leave: int = 0  # 请假
    absent: int = 0  # 旷工
    rest: int = 0  # 休息
    recorded_days: int = 0


@dataclass(frozen=True)
class QaSample:
    """One agent's sampled chats as scored (质检抽查): how many, how many of them have a total, the
    customers' satisfaction among them, the plain mean of the chats' totals (the standard's
    method: the score that counts) and, for information only, the same mean weighted by the
    sampling mix of the rules."""

    chats: int  # the chats scored (rows of the QA sheets), with a total or not
    # The chats with a total (the ten items, or 态度得分): those both means are taken over. A row
    # scored only for its 差错类型 or 店铺风险 counts in ``chats`` and not here.
    scored: int
    # (satisfaction word, chats) for the words with chats, in the order of the five words then
    # 未评价; () when some chat's satisfaction is not known (a sheet without 满意度). It counts
    # every chat of ``chats`` (it describes the sample drawn), so it adds up to ``chats``.
    mix: tuple[tuple[str, int], ...] = ()
    mean: float | None = None  # the chats' totals averaged: the 态度得分 scored
    # Σ share × the stratum's mean, over the strata with scored chats, the shares of the sampling
    # mix renormalised over them (unrated chats in the stratum the rules name); None without a mix.
    weighted: float | None = None
    words: Note | None = None  # the sample in one line, as the card and 计算明细 show it
    kpi_ids: tuple[str, ...] = ()  # the KPIs whose value is ``mean`` (they read 态度得分)


@dataclass(frozen=True)
class AgentResult:
    """Everything known about one agent's month, ready for rendering."""

    agent_id: str  # 工号
    name: str
    group: str
    status: str  # 岗位状态: 试用期 | 正式 | ""
    level: str  # 级别
    table_id: str  # rules table used, e.g. "regular"
    table_name: str  # e.g. 正式
    kpis: tuple[KpiResult, ...]
    total: float | None  # None when any KPI is missing
    max_total: float
    conclusion: Conclusion
    veto_reasons: tuple[Note, ...]
    grade: str | None  # A/B/C/D, None when 缺数据
    coefficient: float | None
    rank: int | None  # within table_id; None when no total
    rank_of: int  # how many ranked agents share the table
    attendance: AttendanceSummary | None
    attitude_items: tuple[tuple[str, float, float], ...] = ()  # (item, average, max)
    in_roster: bool = True
    notes: tuple[Note, ...] = ()  # e.g. the agent is not in the roster
    rescale: float | None = None  # factor applied when KPIs were excluded for missing data
    rescale_note: Note | None = None
    level_benefits: tuple[tuple[str, str], ...] = ()  # (benefit, value) of the agent's 级别
    bonus_base: float | None = None  # 奖金基数 from the roster
    bonus: float | None = None  # 绩效奖金 = 奖金基数 × 系数
    table_name_en: str = ""  # the table's English name from the rules, e.g. Regular
    hire_date: str | None = None  # 入职日期 from the roster, ISO YYYY-MM-DD; None when not given
    # Set when the level was taken from a 晋级评审 recorded in history rather than the roster:
    # (the roster's level, the period of the review), e.g. ("老员工", "2026-05 – 2026-10").
    level_from_review: tuple[str, str] | None = None
    qa_sample: QaSample | None = None  # the agent's sampled chats; None without any

    @property
    def lacking(self) -> tuple[KpiResult, ...]:
        """The KPIs a 缺数据 agent lacks: those without points, neither left out nor vetoed; when
        there are none (every KPI was left out for missing data), those left out for it."""
        found = tuple(k for k in self.kpis if k.points is None and not k.excluded and k.veto is None)
        return found or tuple(k for k in self.kpis if k.missing_reason is not None)

    def table_name_in(self, lang: str) -> str:
        """The rules table's name in ``lang``: its English name in English when the rules give one."""
        return self.table_name_en if lang == "en" and self.table_name_en else self.table_name


@dataclass(frozen=True)
class TeamResult:
    """A group's (组别) month: its average, rank among groups and result.

    Only the roster's agents make up a team: an agent the roster does not know is in no team
    and in no count here (when a roster was given).
    """

    @dataclass(frozen=True)
    class Kpi:
        """One KPI's average over the team's members who have points for it.

        Members scored under tables with different maxima for the KPI are compared as shares:
        ``share`` is the mean of each member's points ÷ the maximum of their own table. A
        bonus or deduction item (maximum 0 or less) has no share, only ``points``.
        """

        kpi_id: str
        name: str  # Chinese display name, e.g. 平均响应时长
        name_en: str
        share: float | None  # mean points ÷ own maximum, 0..1; None for a bonus/deduction item
        points: float  # mean points
        counted: int  # members with points for this KPI

    group: str
    members: int
    scored: int  # members with a 总分
    passed: int
    failed: int
    missing: int
    average: float | None  # mean 总分 of scored members (as a % of the maximum if tables differ)
    max_total: float  # the scale of ``average``
    rank: int | None  # among teams, by ``average_share``
    rank_of: int  # teams with an average
    grade: str | None
    kpi_averages: tuple[tuple[str, str, float], ...] = ()  # (kpi id, name, mean points)
    kpis: tuple[TeamResult.Kpi, ...] = ()  # per KPI (id, Chinese name), shares of the maximum

    @property
    def assessed(self) -> int:
        """Members with a conclusion (合格 or 不予上岗): the base of the pass rate."""
        return self.passed + self.failed

    @property
    def pass_rate(self) -> float | None:
        """合格 ÷ (合格 + 不予上岗); 缺数据 members are left out of the base, and said beside it."""
        return self.passed / self.assessed if self.assessed else None

    @property
    def average_share(self) -> float | None:
        """The average 总分 as a share of the maximum (0..1), comparable between teams."""
        return self.average / self.max_total if self.average is not None and self.max_total else None


@dataclass(frozen=True)
class RunMeta:
    """Facts about the run, printed on every output."""

    shop: str
    month: str  # YYYY-MM
    rules_name: str
    rules_hash: str  # short content hash
    generated_at: str  # ISO timestamp
    input_files: tuple[str, ...] = ()
    tables: tuple[tuple[str, str], ...] = ()  # (table_id, table_name) in display order
    rules_name_en: str = ""  # the rules' English name (``name_en``), "" when they give none
    # The rules version in force for the month (``effective_from: YYYY-MM`` of the rules file),
    # "" when the rules carry none; and where the rules came from when not from ``--rules``:
    # "history" when a re-run used the rules recorded for the month.
    rules_effective_from: str = ""
    rules_origin: str = ""
    revision: int | None = None  # the month's revision in the history database, None without one

    def rules_name_in(self, lang: str) -> str:
        """The rules' name in ``lang``: their English name in English, else the name as written."""
        return self.rules_name_en if lang == "en" and self.rules_name_en else self.rules_name


@dataclass(frozen=True)
class MonthResult:
    """The scored month: every agent, plus the run's facts."""

    meta: RunMeta
    agents: tuple[AgentResult, ...] = field(default_factory=tuple)
    teams: tuple[TeamResult, ...] = field(default_factory=tuple)
    # The months before, from the history database (``Trends.has_past``), and the probation
    # counts of tables with a retrain limit; None when there is neither.
    trends: Trends | None = None


@dataclass(frozen=True)
class AgentTrend:
    """One agent's months up to the scored one, from history (``scoring.trends``).

    ``totals`` lines up with ``Trends.months`` (oldest first, the scored month last); a month
    the agent has no 总分 in (not recorded, or 缺数据) is None, a gap, never 0.
    """

    agent_id: str
    totals: tuple[float | None, ...]
    change: float | None  # 环比: this month's 总分 − last calendar month's; None when either is missing
    average: float | None  # mean of the months with a 总分 among ``totals``
    rank: int | None  # this month's rank (within its 考核表)
    previous_rank: int | None  # last calendar month's rank, None when not ranked then
    # Per KPI id: this month's points − last month's points (None when either is missing).
    kpi_changes: tuple[tuple[str, float | None], ...] = ()
    # 试用期 counting: months failed (不予上岗) on this 考核表 so far, this month included, and
    # the table's retrain limit; both None when the table has no ``retrain_limit``.
    fails: int | None = None
    fail_limit: int | None = None

    @property
    def rank_move(self) -> int | None:
        """Places gained since last month (positive: moved up), None without both ranks."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank

    @property
    def at_retrain_limit(self) -> bool:
        """The agent has failed as many times as the table allows retraining (已达再培训上限)."""
        return self.fails is not None and self.fail_limit is not None and self.fails >= self.fail_limit

    def kpi_change(self, kpi_id: str) -> float | None:
        return dict(self.kpi_changes).get(kpi_id)


@dataclass(frozen=True)
class TeamTrend:
    """One group's average 总分 per month (as a share of the maximum × 100 when tables differ)."""

    group: str
    averages: tuple[float | None, ...]  # lines up with ``Trends.months``
    change: float | None
    average: float | None


@dataclass(frozen=True)
class Trends:
    """The six months up to the scored one, for the 趋势 sheet and the scorecards."""

    months: tuple[str, ...]  # YYYY-MM, oldest first, the scored month last
    agents: tuple[AgentTrend, ...]
    teams: tuple[TeamTrend, ...] = ()
    # Months among ``months`` history holds (the scored month included): a column of a month
    # not held is shown as not recorded rather than as a row of blanks nobody can explain.
    recorded: tuple[str, ...] = ()

    @property
    def has_past(self) -> bool:
        """History holds a month of the window before the scored one: there is a trend to show.
        Without one, the month's trends carry only the probation counts."""
        return len(self.recorded) > 1

    def of(self, agent_id: str) -> AgentTrend | None:
        return self._by_id.get(agent_id)

    @property
    def _by_id(self) -> dict[str, AgentTrend]:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = {t.agent_id: t for t in self.agents}
            object.__setattr__(self, "_index", cached)
        return cached
