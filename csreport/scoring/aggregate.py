"""Monthly aggregates per agent, each with the rows it came from. Pure: no I/O.

Counts are summed; response times are weighted by sessions received (接待人数), never
a mean of daily averages; the attitude score is the mean of each sampled chat's total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from csreport.domain import ATTITUDE_ITEMS, PRESENT_STATUSES
from csreport.results import AttendanceSummary, SourceRef

ITEM_COLS = tuple(f"item_{i}" for i in range(len(ATTITUDE_ITEMS)))
_SUMS = ("received", "pre_sales", "paid_orders", "inquiry_paid", "sales")
_WEIGHTED = ("avg_response_s", "first_response_s", "satisfaction_rate")
Letters = Mapping[tuple[str, str], Mapping[str, str]]


@dataclass(frozen=True)
class Aggregate:
    """One aggregate's value, with numerator/denominator where it is a weighted mean."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    rows: int = 0


@dataclass
class AgentAggregates:
    """Everything aggregated for one agent-month."""

    values: dict[str, Aggregate] = field(default_factory=dict)
    sources: dict[str, tuple[SourceRef, ...]] = field(default_factory=dict)  # by role
    attendance: AttendanceSummary | None = None
    attitude_items: tuple[tuple[str, float, float], ...] = ()

    def value(self, name: str) -> float | None:
        agg = self.values.get(name)
        return None if agg is None else agg.value


def aggregate_all(frames: Mapping[str, pd.DataFrame], letters: Letters) -> dict[str, AgentAggregates]:
    """Aggregate every agent found in the reception, QA and attendance tables.

    Grouping is vectorised: per-agent Python loops would dominate a 2,000-agent month.
    """
    out: dict[str, AgentAggregates] = {}
    for role, fn in (("reception", _reception), ("qa", _qa), ("attendance", _attendance)):
        df = frames.get(role)
        if df is None or not len(df):
            continue
        for agent, part in fn(df).items():
            agg = out.setdefault(agent, AgentAggregates())
            agg.values.update(part.values)
            if part.attendance is not None:
                agg.attendance = part.attendance
            if part.attitude_items:
                agg.attitude_items = part.attitude_items
        for agent, refs in _sources(df, letters).items():
            out.setdefault(agent, AgentAggregates()).sources[role] = refs
    return out


def _sources(df: pd.DataFrame, letters: Letters) -> dict[str, tuple[SourceRef, ...]]:
    rows = df.groupby(["agent_id", "_file", "_sheet"], sort=False)["_row"].agg(list)
    out: dict[str, list[SourceRef]] = {}
    for key, excel_rows in rows.items():
        agent, file, sheet = cast("tuple[str, str, str]", key)  # the three grouped columns
        col = letters.get((file, sheet), {}).get("agent_id", "A")
        ref = SourceRef(str(file), str(sheet), tuple(sorted(int(r) for r in excel_rows)), col)
        out.setdefault(str(agent), []).append(ref)
    return {k: tuple(v) for k, v in out.items()}


def _num(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df:
        return pd.to_numeric(df[name], errors="coerce").astype(float)
    return pd.Series(float("nan"), index=df.index)


def _canonical_order(frame: pd.DataFrame, keys: pd.Series) -> pd.DataFrame:
    """Rows sorted by every column, so floating-point sums do not depend on row order."""
    frame = frame.assign(agent_id=keys.to_numpy())
    columns = ["agent_id", *(c for c in frame.columns if c != "agent_id")]
    return frame.sort_values(columns, kind="mergesort", na_position="last")


def _opt(x: float) -> float | None:
    return None if pd.isna(x) else float(x)


def _reception(df: pd.DataFrame) -> dict[str, AgentAggregates]:
    keys = df["agent_id"]
    cols: dict[str, pd.Series] = {name: _num(df, name) for name in _SUMS}
    asked, replied = _num(df, "inquiries"), _num(df, "replied")
    both = asked.notna() & replied.notna()
    # A reply rate needs both counts from the same row; a half-filled row would skew it.
    cols["inquiries"] = asked.where(both)
    cols["replied"] = replied.where(both)
    weights = _num(df, "received")
    for name in _WEIGHTED:
        times = _num(df, name)
        ok = times.notna() & weights.notna() & (weights > 0)
        cols[f"{name}__num"] = (times * weights).where(ok)
        cols[f"{name}__den"] = weights.where(ok)
    frame = _canonical_order(pd.DataFrame(cols), keys)
    grouped = frame.groupby("agent_id", sort=False)
    sums = grouped.sum(min_count=1)
    counts = grouped.count().to_dict("index")  # 工号 → column → rows with a value
    out: dict[str, AgentAggregates] = {}
    for agent, row in sums.iterrows():
        cnt = counts[agent]
        values: dict[str, Aggregate] = {
            name: Aggregate(_opt(row[name]), rows=int(cnt[name])) for name in (*_SUMS, "inquiries", "replied")
        }
        for name in _WEIGHTED:
            num, den = _opt(row[f"{name}__num"]), _opt(row[f"{name}__den"])
            value = num / den if num is not None and den else None
            values[name] = Aggregate(value, num, den, int(cnt[f"{name}__den"]))
        out[str(agent)] = AgentAggregates(values)
    return out


def chat_totals(df: pd.DataFrame) -> pd.Series:
    """Each sampled chat's attitude total: the ten items' sum, else its 态度得分."""
    items = pd.concat([_num(df, c) for c in ITEM_COLS], axis=1)
    complete = items.notna().all(axis=1)
    return items.sum(axis=1).where(complete, _num(df, "attitude_score"))


def _qa(df: pd.DataFrame) -> dict[str, AgentAggregates]:
    frame = pd.DataFrame({"agent_id": df["agent_id"], "total": chat_totals(df)})
    frame = frame.sort_values(["agent_id", "total"], kind="mergesort", na_position="last")
    etype = df["error_type"] if "error_type" in df else pd.Series(None, index=df.index)
    etype = etype.map(lambda t: str(t).strip() if isinstance(t, str) and t.strip() else None)
    frame["has_error"] = etype.notna()
    frame["risk"] = (df["shop_risk"] == True) if "shop_risk" in df else False  # noqa: E712
    for c in ITEM_COLS:
        frame[c] = _num(df, c)
    grouped = frame.groupby("agent_id", sort=False)
    n = grouped.size().to_dict()
    total_sum = grouped["total"].sum(min_count=1).to_dict()
    total_n = grouped["total"].count().to_dict()
    errors = grouped["has_error"].sum().to_dict()
    risk = grouped["risk"].sum().to_dict()
    item_means = grouped[list(ITEM_COLS)].mean().to_dict("index")
    per_type = pd.DataFrame({"agent_id": df["agent_id"], "t": etype}).dropna()
    max_same = per_type.groupby(["agent_id", "t"]).size().groupby(level=0).max().to_dict()
    out: dict[str, AgentAggregates] = {}
    for agent in n:
        rows = int(n[agent])
        tn = int(total_n[agent])
        tsum = _opt(total_sum[agent])
        out[str(agent)] = AgentAggregates(
            {
                "qa_chats": Aggregate(float(rows), rows=rows),
                "attitude_score": Aggregate(
                    tsum / tn if tn and tsum is not None else None, tsum, float(tn), tn
                ),
                "error_count": Aggregate(float(errors[agent]), rows=rows),
                "max_same_error": Aggregate(float(max_same.get(agent, 0)), rows=rows),
                "shop_risk": Aggregate(float(risk[agent]), rows=rows),
            },
            attitude_items=tuple(
                (name, float(item_means[agent][c]), float(mx))
                for (name, mx), c in zip(ATTITUDE_ITEMS, ITEM_COLS, strict=True)
                if not pd.isna(item_means[agent][c])
            ),
        )
    return out


def _attendance(df: pd.DataFrame) -> dict[str, AgentAggregates]:
    status = df["att_status"] if "att_status" in df else pd.Series(None, index=df.index)
    daily = df[status.notna()]
    table = pd.crosstab(daily["agent_id"], daily["att_status"]) if len(daily) else pd.DataFrame()
    counts_by_agent = {str(a): Counter({k: int(v) for k, v in row.items()}) for a, row in table.iterrows()}
    # Time-keeping exports (赤兔 遵时率) give 上班天数 per agent instead of daily rows.
    worked = (
        _num(df, "work_days").groupby(df["agent_id"]).sum(min_count=1).dropna().to_dict()
        if "work_days" in df
        else {}
    )
    out: dict[str, AgentAggregates] = {}
    for agent in dict.fromkeys([*counts_by_agent, *map(str, worked)]):
        counts = counts_by_agent.get(agent, Counter())
        days = sum(counts.values())
        extra = round(worked.get(agent, 0))
        summary = AttendanceSummary(
            present=sum(counts[s] for s in PRESENT_STATUSES) + extra,
            late=counts["迟到"],
            early_leave=counts["早退"],
            leave=counts["请假"],
            absent=counts["旷工"],
            rest=counts["休息"],
            recorded_days=days + extra,
        )
        values: dict[str, Aggregate] = {}
        for name, value in (
            ("present_days", summary.present),
            ("late", summary.late),
            ("early_leave", summary.early_leave),
            ("leave_days", summary.leave),
            ("absent_days", summary.absent),
            ("rest_days", summary.rest),
        ):
            values[name] = Aggregate(float(value), rows=summary.recorded_days)
        out[agent] = AgentAggregates(values, attendance=summary)
    return out
