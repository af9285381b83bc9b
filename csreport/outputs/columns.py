"""The one specification of the agent summary columns.

The 汇总 sheet (``outputs.xlsx.results``), the JSON result (``outputs.json``) and write-back
(``inputs.writeback``, through ``writeback_rows``) all read ``SUMMARY``; none of them keeps
its own list or counts positions. To add a column, add one ``Column`` to ``SUMMARY`` (and its
header to ``messages/workbook.py``): it appears in the 汇总 sheet, and in the JSON and the
write-back copies when it says so.

The 汇总 shows one table per 考核表: the KPI block holds that table's KPIs only, and a column
marked ``in_title`` (the table's name) is said once in the table's title row instead.

A ``TrendColumn`` comes from the agent's months in history (``MonthResult.trends``): it is in
the 汇总 and the JSON only when the month has trends (``summary_columns(agents, trends)``,
``json_columns(trends)``), bound to them; without history nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from csreport.inputs.writeback import ResultRows
from csreport.messages import joined, translate
from csreport.results import AgentResult, AgentTrend, Trends

CellValue = str | float | int | None
# How a cell is written: as text (``id`` is the agent's 工号, ``wrap`` is long text that
# wraps) or as a number in the format of its kind.
Kind = Literal["id", "text", "wrap", "points", "coefficient", "money", "integer"]


@dataclass(frozen=True)
class Column:
    """One column of the agent summary: where its value comes from and who carries it."""

    key: str  # stable name; also the column's key in the JSON result
    label: str  # catalogue code of its header
    value: Callable[[AgentResult, str], CellValue]  # the cell for an agent, words in the language
    kind: Kind = "text"
    json: Callable[[AgentResult], Any] | None = None  # its JSON value (notes as Notes); None: not in JSON
    writeback: bool = False  # a column of write-back's 考核结果 sheet
    roster: bool = False  # appended to the roster's rows by ``--write-back columns``
    shown: Callable[[Sequence[AgentResult]], bool] | None = None  # the 汇总 shows it only when true
    frozen: bool = False  # stays in view when the 汇总 scrolls right (leading columns only)
    cap: int | None = None  # the widest its 汇总 column grows (long text wraps instead)
    in_title: bool = False  # the same for a whole 汇总 table: said in its title row, not a column


@dataclass(frozen=True)
class TrendColumn:
    """A column of what history tells of the agent (``AgentTrend``); ``bound`` makes it a
    ``Column`` of the month's trends. Never written back: write-back copies a month's own results."""

    key: str
    label: str
    value: Callable[[AgentTrend, str], CellValue]  # the cell for an agent with a trend
    json: Callable[[AgentTrend], Any]
    applies: Callable[[AgentTrend], bool]  # the 汇总 shows it when it applies to some agent
    kind: Kind = "text"

    def bound(self, trends: Trends) -> Column:
        """This column over ``trends``: blank (and null in the JSON) for an agent it does not apply to."""

        def mine(a: AgentResult) -> AgentTrend | None:
            t = trends.of(a.agent_id)
            return t if t is not None and self.applies(t) else None

        def value(a: AgentResult, lang: str) -> CellValue:
            t = mine(a)
            return None if t is None else self.value(t, lang)

        def json(a: AgentResult) -> Any:
            t = mine(a)
            return None if t is None else self.json(t)

        def shown(agents: Sequence[AgentResult]) -> bool:
            return any(mine(a) is not None for a in agents)

        return Column(self.key, self.label, value, self.kind, json=json, shown=shown)


def _counts_fails(t: AgentTrend) -> bool:
    return t.fails is not None and t.fail_limit is not None


@dataclass(frozen=True)
class KpiColumns:
    """Where the per-KPI pairs go: for each KPI of the 汇总 table's 考核表, its raw value, then its points."""

    # catalogue code of a points column's header, with {name} the KPI's name and {max} its maximum
    points_label: str = "workbook.points_of_max"


KPI_COLUMNS = KpiColumns()


def _joined(notes: Callable[[AgentResult], Sequence[Any]]) -> Callable[[AgentResult, str], str]:
    """The cell of a list of notes: their texts in the language, separated as lists are."""

    def value(a: AgentResult, lang: str) -> str:
        return joined((n.text(lang) for n in notes(a)), lang, "list.clauses")

    return value


def _with_bonus(agents: Sequence[AgentResult]) -> bool:
    return any(a.bonus_base is not None for a in agents)


def _with_attendance(agents: Sequence[AgentResult]) -> bool:
    return any(a.attendance is not None for a in agents)


def _attendance(key: str) -> Column:
    """A count of the month's attendance (出勤天数, 迟到, …) as the 汇总 shows it; the JSON
    carries the whole attendance record already (``outputs.json``)."""

    def value(a: AgentResult, _: str) -> int | None:
        return None if a.attendance is None else int(getattr(a.attendance, key))

    return Column(f"attendance_{key}", f"workbook.attendance.{key}", value, "integer", shown=_with_attendance)


def _field(key: str, kind: Kind = "text", **how: Any) -> Column:
    """A column showing the agent's field ``key`` as it is, in the sheet and the JSON alike;
    its header is the catalogue's ``workbook.<key>``."""
    return Column(
        key,
        f"workbook.{key}",
        lambda a, _: getattr(a, key),
        kind,
        json=lambda a: getattr(a, key),
        **how,
    )


SUMMARY: tuple[Column | TrendColumn | KpiColumns, ...] = (
    _field("agent_id", "id", writeback=True, frozen=True),
    _field("name", writeback=True, frozen=True),
    _field("group", writeback=True),
    Column(
        "table_name",
        "workbook.table",
        lambda a, lang: a.table_name_in(lang),
        json=lambda a: a.table_name,
        writeback=True,
        in_title=True,
    ),
    _field("total", "points", writeback=True, roster=True),
    Column(
        "conclusion",
        "workbook.conclusion",
        lambda a, lang: translate(a.conclusion.code, lang),
        json=lambda a: a.conclusion.value,
        writeback=True,
        roster=True,
    ),
    Column(
        "veto_reasons",
        "workbook.veto_reasons",
        _joined(lambda a: a.veto_reasons),
        "wrap",
        json=lambda a: a.veto_reasons,
        writeback=True,
        cap=30,
    ),
    _field("grade", writeback=True),
    Column(
        "level",
        "workbook.level",
        lambda a, _: a.level or None,
        json=lambda a: a.level,
        writeback=True,
        roster=True,
    ),
    _field("coefficient", "coefficient", writeback=True, roster=True),
    _field("bonus_base", "money", shown=_with_bonus),
    _field("bonus", "money", writeback=True, shown=_with_bonus),
    _field("rank", "integer", writeback=True),
    # 试用期 counting across months: "1/2" (the JSON: the count and the limit apart), then the
    # flag when the limit is reached. 环比 and rank movement are the 趋势 sheet's.
    TrendColumn(
        "fails",
        "workbook.fails",
        lambda t, lang: translate("workbook.fails_of", lang, n=t.fails, limit=t.fail_limit),
        json=lambda t: t.fails,
        applies=_counts_fails,
    ),
    TrendColumn(
        "fail_limit",
        "workbook.retrain",
        lambda t, lang: translate("workbook.retrain_limit", lang) if t.at_retrain_limit else None,
        json=lambda t: t.fail_limit,
        applies=_counts_fails,
    ),
    *(_attendance(key) for key in ("present", "late", "early_leave", "leave", "absent")),
    # The JSON keeps the agent's notes and the rescaling note apart (``outputs.json`` adds
    # ``rescale_note``); the sheet shows both in one cell.
    Column(
        "notes",
        "workbook.notes",
        _joined(lambda a: [*a.notes, *([a.rescale_note] if a.rescale_note else [])]),
        "wrap",
        json=lambda a: a.notes,
        cap=30,
    ),
    # Last, because tables differ in their KPIs: every column before the block is the same
    # column of the sheet in every table of the 汇总, so each column keeps one width and meaning.
    KPI_COLUMNS,
)


def _spec(trends: Trends | None) -> list[Column | KpiColumns]:
    """``SUMMARY`` with its trend columns bound to ``trends``, or left out without them."""
    if trends is None:
        return [c for c in SUMMARY if not isinstance(c, TrendColumn)]
    return [c.bound(trends) if isinstance(c, TrendColumn) else c for c in SUMMARY]


def summary_columns(agents: Sequence[AgentResult], trends: Trends | None = None) -> list[Column | KpiColumns]:
    """The 汇总's columns, in order, for these agents (optional ones only when they apply; the
    ones said in a table's title left out); ``trends``: the month's ``MonthResult.trends``."""
    return [
        c
        for c in _spec(trends)
        if isinstance(c, KpiColumns) or (not c.in_title and (c.shown is None or c.shown(agents)))
    ]


def json_columns(trends: Trends | None = None) -> list[Column]:
    """The columns the JSON result carries for each agent, in order (those of history only
    when the month has ``trends``)."""
    return [c for c in _spec(trends) if isinstance(c, Column) and c.json is not None]


def writeback_columns() -> list[Column]:
    """The columns of write-back's 考核结果 sheet (whether or not the 汇总 shows them)."""
    return [c for c in SUMMARY if isinstance(c, Column) and c.writeback]


def roster_columns() -> list[Column]:
    """The columns ``--write-back columns`` appends to the roster."""
    return [c for c in SUMMARY if isinstance(c, Column) and c.roster]


_PLAIN_NUMBER = re.compile(r"0|[1-9][0-9]{0,14}")


def _writeback_value(column: Column, a: AgentResult, lang: str) -> CellValue:
    value = column.value(a, lang)
    # A 工号 that is a plain number is written as one, to match a roster holding 工号 as numbers.
    if column.kind == "id" and isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        return int(value)
    return value


def writeback_rows(agents: Sequence[AgentResult], lang: str) -> ResultRows:
    """What write-back writes, as plain data: headers and values in ``lang``, agent by agent."""
    sheet, roster = writeback_columns(), roster_columns()
    return ResultRows(
        header=tuple(translate(c.label, lang) for c in sheet),
        rows=tuple(tuple(_writeback_value(c, a, lang) for c in sheet) for a in agents),
        roster_header=tuple(translate(c.label, lang) for c in roster),
        roster={a.agent_id: tuple(_writeback_value(c, a, lang) for c in roster) for a in agents},
    )
