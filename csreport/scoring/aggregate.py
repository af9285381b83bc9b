"""Monthly aggregates per agent, each with the rows it came from. Pure: no I/O.

Counts are summed; response times are weighted by sessions received (接待人数), never
a mean of daily averages; the attitude score is the mean of each sampled chat's total.
A shop's declared fields are made monthly as their declaration says (sum, mean or
weighted by a count).

A formula that needs two or more reception values (a ratio, or a weighted mean and its
weight) reads them from the same rows: a row missing one of them is left out of both
sides, so 付款订单数 / 接待人数 never divides 26 days by 25. Those aggregates are kept per
set of fields (``AgentAggregates.paired``), next to the plain ones.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from csreport.domain import ATTITUDE_ITEMS, PRESENT_STATUSES, SATISFACTION_LEVELS, UNRATED
from csreport.fields import BUILTIN, WEIGHTED, Vocabulary
from csreport.results import AttendanceSummary, QaSample, SourceRef
from csreport.rules.formula import parse
from csreport.rules.model import Kpi, RuleSet, SamplingRules, Table
from csreport.rules.sampling import stratum_of

ITEM_COLS = tuple(f"item_{i}" for i in range(len(ATTITUDE_ITEMS)))
_SUMS = ("received", "pre_sales", "paid_orders", "inquiry_paid", "sales")
_WEIGHTED = ("avg_response_s", "first_response_s", "satisfaction_rate")
_REPLY = frozenset({"inquiries", "replied"})  # summed only over rows that have both
Letters = Mapping[tuple[str, str], Mapping[str, str]]
Pairing = frozenset[str]


@dataclass(frozen=True)
class Aggregate:
    """One aggregate's value, with numerator/denominator where it is a weighted mean."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    rows: int = 0
    seen: int = field(default=0, compare=False)  # a weighted mean: rows holding the value, weighted or not


@dataclass
class AgentAggregates:
    """Everything aggregated for one agent-month."""

    values: dict[str, Aggregate] = field(default_factory=dict)
    sources: dict[str, tuple[SourceRef, ...]] = field(default_factory=dict)  # by role
    attendance: AttendanceSummary | None = None
    attitude_items: tuple[tuple[str, float, float], ...] = ()
    # For each set of reception fields a formula needs from the same rows, those fields'
    # aggregates over only the rows where every field of the set has a value.
    paired: dict[Pairing, dict[str, Aggregate]] = field(default_factory=dict)
    qa_sample: QaSample | None = None  # the sampled chats: how many, their satisfaction, both means

    def value(self, name: str) -> float | None:
        agg = self.values.get(name)
        return None if agg is None else agg.value

    def view(self, pairing: Pairing) -> Mapping[str, Aggregate]:
        """The aggregates a formula needing ``pairing`` from the same rows reads."""
        paired = self.paired.get(pairing)
        return {**self.values, **paired} if paired else self.values


@functools.lru_cache(maxsize=1024)
def pairing(names: tuple[str, ...], vocabulary: Vocabulary) -> Pairing:
    """The reception fields a formula over ``names`` must read from the same rows: the
    reception fields it names plus the weights of its weighted means; empty when that is
    fewer than two (a single sum needs no partner)."""
    fields: set[str] = set()
    for name in names:
        found = vocabulary.resolve(name)
        if found is None or found.role != "reception":
            continue
        fields.add(found.id)
        declared = vocabulary.declaration(found.id)
        weight = WEIGHTED.get(found.id)
        if declared is not None and declared.month == "weighted":
            weight = declared.weight
        if weight:
            fields.add(weight)
    return frozenset(fields) if len(fields) >= 2 else frozenset()


def formulas(rules: RuleSet) -> Iterator[tuple[Table, Kpi, str]]:
    """Every formula of the rules: each KPI's input, then its veto conditions."""
    for table in rules.tables:
        for kpi in table.kpis:
            yield table, kpi, kpi.input
            for cond in kpi.vetoes:
                yield table, kpi, cond.expr


def pairings(rules: RuleSet) -> list[tuple[Table, Kpi, Pairing]]:
    """Each KPI of the rules (with its table) and each set of fields one of its formulas
    pairs, in rules order."""
    out: list[tuple[Table, Kpi, Pairing]] = []
    for table, kpi, text in formulas(rules):
        fields = pairing(parse(text, rules.vocabulary).names, rules.vocabulary)
        if fields and (table, kpi, fields) not in out:
            out.append((table, kpi, fields))
    return out


def aggregate_all(
    frames: Mapping[str, pd.DataFrame],
    letters: Letters,
    rules: RuleSet | None = None,
    sampling: SamplingRules | None = None,
) -> dict[str, AgentAggregates]:
    """Aggregate every agent found in the reception, QA and attendance tables.

    With ``rules``, the shop's declared fields are aggregated too, and each set of fields
    a formula of the rules pairs gets its aggregates over the rows that have them all.
    ``sampling`` is what the chats were sampled by, as the caller resolved it (the rules'
    ``sampling:`` block, else the standard's: reading the preset is I/O, not scoring's); each
    agent's sample gets its mix-weighted mean only with it.
    Grouping is vectorised: per-agent Python loops would dominate a 2,000-agent month.
    """
    vocabulary = rules.vocabulary if rules is not None else BUILTIN
    needs = _paired_needs(rules) if rules is not None else {}
    out: dict[str, AgentAggregates] = {}
    for role in ("reception", "qa", "attendance"):
        df = frames.get(role)
        if df is None or not len(df):
            continue
        if role == "reception":
            parts = _reception(df, vocabulary, needs)
        else:
            parts = _qa(df, sampling) if role == "qa" else _attendance(df)
        for agent, part in parts.items():
            agg = out.setdefault(agent, AgentAggregates())
            agg.values.update(part.values)
            agg.paired.update(part.paired)
            if part.attendance is not None:
                agg.attendance = part.attendance
            if part.attitude_items:
                agg.attitude_items = part.attitude_items
            if part.qa_sample is not None:
                agg.qa_sample = part.qa_sample
        for agent, refs in _sources(df, letters).items():
            out.setdefault(agent, AgentAggregates()).sources[role] = refs
    return out


def _paired_needs(rules: RuleSet) -> dict[Pairing, list[str]]:
    """For each set of fields a formula of the rules pairs, the fields of it whose paired
    aggregate differs from the plain one and a formula reads (rules order)."""
    vocabulary = rules.vocabulary
    needs: dict[Pairing, list[str]] = {}
    for _table, _kpi, text in formulas(rules):
        names = parse(text, vocabulary).names
        fields = pairing(names, vocabulary)
        if fields:
            wanted = needs.setdefault(fields, [])
            wanted += [
                n for n in names if n in fields and n not in wanted and not _as_plain(vocabulary, n, fields)
            ]
    return {fields: wanted for fields, wanted in needs.items() if wanted}


def _as_plain(vocabulary: Vocabulary, name: str, fields: Pairing) -> bool:
    """True when ``name`` over the rows having all of ``fields`` is its plain aggregate: a
    weighted mean paired only with its weight, or the reply counts with each other, are
    already made of rows that have both."""
    way, weight = _month_way(vocabulary, name)
    if way == "weighted" and fields <= {name, weight}:
        return True
    return name in _REPLY and fields <= _REPLY


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


def _canonical_order(frame: pd.DataFrame, keys: pd.Series, by: Iterable[str]) -> pd.DataFrame:
    """Rows sorted by agent and every column of ``by``, so floating-point sums do not
    depend on row order (the other columns are functions of those)."""
    frame = frame.assign(agent_id=keys.to_numpy())
    return frame.sort_values(["agent_id", *by], kind="mergesort", na_position="last")


def _opt(x: float) -> float | None:
    return None if pd.isna(x) else float(x)


class _Columns:
    """The per-row columns summed per agent, and how each aggregate is read back from them."""

    def __init__(self, df: pd.DataFrame) -> None:
        self.df = df
        self.raw: dict[str, pd.Series] = {}
        self.cols: dict[str, pd.Series] = {}
        # Column names hold "|", which no field name does. Aggregate -> (how, column):
        # "sum" reads the column, "ratio" its "|num" and "|den" columns.
        self.reads: dict[str, tuple[str, str]] = {}

    def get(self, name: str) -> pd.Series:
        if name not in self.raw:
            self.raw[name] = _num(self.df, name)
        return self.raw[name]

    def total(self, column: str, values: pd.Series) -> None:
        self.cols[column] = values
        self.reads[column] = ("sum", column)

    def ratio(self, column: str, num: pd.Series, den: pd.Series) -> None:
        self.cols[f"{column}|num"] = num
        self.cols[f"{column}|den"] = den
        self.reads[column] = ("ratio", column)

    def weighted(self, column: str, values: pd.Series, weights: pd.Series) -> None:
        ok = values.notna() & weights.notna() & (weights > 0)
        self.ratio(column, (values * weights).where(ok), weights.where(ok))
        # Counted, not summed: tells "no 平均响应时长" from "平均响应时长 without 接待人数".
        self.cols[f"{column}|seen"] = values

    def mean(self, column: str, values: pd.Series) -> None:
        self.cols[f"{column}|num"] = values
        self.cols[f"{column}|den"] = values.notna().astype(float).where(values.notna())
        self.reads[column] = ("ratio", column)


def _month_way(vocabulary: Vocabulary, name: str) -> tuple[str, str | None]:
    """How a reception field's days become a month: (sum | mean | weighted, weight field)."""
    if name in WEIGHTED:
        return "weighted", WEIGHTED[name]
    declared = vocabulary.declaration(name)
    if declared is not None:
        return declared.month, declared.weight
    return "sum", None


def _add(c: _Columns, vocabulary: Vocabulary, name: str, column: str, mask: pd.Series | None) -> None:
    """Columns for the aggregate ``name`` under ``column``, over the rows of ``mask`` (all rows
    with a value when None)."""
    way, weight = _month_way(vocabulary, name)
    values = c.get(name) if mask is None else c.get(name).where(mask)
    if way == "weighted" and weight:
        c.weighted(column, values, c.get(weight))
    elif way == "mean":
        c.mean(column, values)
    else:
        c.total(column, values)


def _reception(
    df: pd.DataFrame, vocabulary: Vocabulary, needs: Mapping[Pairing, list[str]]
) -> dict[str, AgentAggregates]:
    keys = df["agent_id"]
    c = _Columns(df)
    for name in _SUMS:
        _add(c, vocabulary, name, name, None)
    asked, replied = c.get("inquiries"), c.get("replied")
    both = asked.notna() & replied.notna()
    # A reply rate needs both counts from the same row; a half-filled row would skew it.
    c.total("inquiries", asked.where(both))
    c.total("replied", replied.where(both))
    for name in _WEIGHTED:
        _add(c, vocabulary, name, name, None)
    for declared in vocabulary.declared:
        _add(c, vocabulary, declared.name, declared.name, None)
    # The sort key: every column above (in the order they always had, so the sums of the
    # built-in aggregates stay bit for bit what they were), then the raw values the paired
    # columns are made of where no column above holds them; these only break ties.
    key = [k for k in c.cols if not k.endswith("|seen")]
    plain = dict(c.reads)
    verbatim = {name for name, (how, column) in plain.items() if how == "sum" and name not in _REPLY}
    verbatim |= {d.name for d in vocabulary.declared if d.month == "mean"}
    for field_id in sorted({f for fields in needs for f in fields} - verbatim):
        c.cols[f"raw|{field_id}"] = c.get(field_id)
        key.append(f"raw|{field_id}")
    paired: list[tuple[Pairing, dict[str, str]]] = []
    for i, (fields, wanted) in enumerate(needs.items()):
        mask = functools.reduce(operator.and_, (c.get(f).notna() for f in sorted(fields)))
        names: dict[str, str] = {}
        for name in wanted:
            column = f"{i}|{name}"
            _add(c, vocabulary, name, column, mask)
            names[name] = column
        paired.append((fields, names))
    frame = _canonical_order(pd.DataFrame(c.cols), keys, key)
    grouped = frame.groupby("agent_id", sort=False)
    sums = grouped.sum(min_count=1).to_dict("index")
    counts = grouped.count().to_dict("index")  # 工号 → column → rows with a value
    out: dict[str, AgentAggregates] = {}
    for agent, row in sums.items():
        cnt = counts[agent]
        values = {name: _read(row, cnt, *plain[name]) for name in plain}
        out[str(agent)] = AgentAggregates(
            values,
            paired={
                fields: {name: _read(row, cnt, *c.reads[column]) for name, column in names.items()}
                for fields, names in paired
            },
        )
    return out


def _read(row: Mapping[Hashable, Any], cnt: Mapping[Hashable, Any], how: str, column: str) -> Aggregate:
    """One aggregate from an agent's column sums and counts."""
    if how == "sum":
        return Aggregate(_opt(row[column]), rows=int(cnt[column]))
    num, den = _opt(row[f"{column}|num"]), _opt(row[f"{column}|den"])
    value = num / den if num is not None and den else None
    return Aggregate(value, num, den, int(cnt[f"{column}|den"]), int(cnt.get(f"{column}|seen", 0)))


def chat_totals(df: pd.DataFrame) -> pd.Series:
    """Each sampled chat's attitude total: the ten items' sum, else its 态度得分."""
    items = pd.concat([_num(df, c) for c in ITEM_COLS], axis=1)
    complete = items.notna().all(axis=1)
    return items.sum(axis=1).where(complete, _num(df, "attitude_score"))


def _samples(
    agents: pd.Series, words: pd.Series, totals: pd.Series, sampling: SamplingRules | None
) -> dict[str, tuple[tuple[tuple[str, int], ...], float | None]]:
    """Per agent: the satisfaction mix of their chats ((word, chats), the five words' order then
    未评价) and the mean of the chats' totals weighted by the sampling mix: Σ share × the
    stratum's mean over the strata with a scored chat, the shares renormalised over those.
    Both are left out ((), None) for an agent with a chat whose satisfaction is not known.

    The mix counts every chat, with a total or not: it says which chats were sampled and adds up
    to the chats counted. The weighted mean takes only the chats with a total, as the plain
    mean does."""
    known = words.map(lambda w: isinstance(w, str) and bool(w))
    whole = known.groupby(agents, sort=False).all()
    order = {w: i for i, w in enumerate((*SATISFACTION_LEVELS, UNRATED))}
    counts = (
        pd.DataFrame({"agent": agents[known], "word": words[known]}).groupby(["agent", "word"]).size()
        if known.any()
        else pd.Series(dtype=int)
    )
    found: dict[str, list[tuple[str, int]]] = {}
    for key, n in counts.items():
        agent, word = cast("tuple[str, str]", key)  # the two grouped columns
        if whole.get(agent, False):
            found.setdefault(str(agent), []).append((str(word), int(n)))
    mixes = {
        agent: tuple(sorted(mix, key=lambda wn: order.get(wn[0], len(order)))) for agent, mix in found.items()
    }
    weighted: dict[str, float | None] = {}
    if sampling is not None and sampling.mix and mixes:
        shares = {s: float(f) for s, f in sampling.mix}
        # The stratum each chat counts in (unrated chats where the rules say); a stratum the
        # mix gives no share adds nothing below.
        strata = words.map({w: stratum_of(w, sampling) for w in (*SATISFACTION_LEVELS, UNRATED)})
        usable = known & strata.notna() & totals.notna()
        frame = pd.DataFrame({"agent": agents[usable], "stratum": strata[usable], "total": totals[usable]})
        frame = frame.sort_values(["agent", "stratum", "total"], kind="mergesort")
        means = frame.groupby(["agent", "stratum"], sort=False)["total"].mean()
        sums: dict[str, list[float]] = {}
        for key, mean in means.items():
            agent, stratum = cast("tuple[str, str]", key)  # the two grouped columns
            share = shares.get(str(stratum), 0.0)
            if share > 0:
                acc = sums.setdefault(str(agent), [0.0, 0.0])
                acc[0] += share * float(mean)
                acc[1] += share
        weighted = {a: (num / den if den > 0 else None) for a, (num, den) in sums.items() if a in mixes}
    return {a: (mix, weighted.get(a)) for a, mix in mixes.items()}


def _qa(df: pd.DataFrame, sampling: SamplingRules | None = None) -> dict[str, AgentAggregates]:
    totals = chat_totals(df)
    words = df["satisfaction"] if "satisfaction" in df else pd.Series(None, index=df.index, dtype=object)
    samples = _samples(df["agent_id"].astype(str), words, totals, sampling)
    frame = pd.DataFrame({"agent_id": df["agent_id"], "total": totals})
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
        mean = tsum / tn if tn and tsum is not None else None
        mix, weighted = samples.get(str(agent), ((), None))
        out[str(agent)] = AgentAggregates(
            {
                "qa_chats": Aggregate(float(rows), rows=rows),
                "attitude_score": Aggregate(mean, tsum, float(tn), tn),
                "error_count": Aggregate(float(errors[agent]), rows=rows),
                "max_same_error": Aggregate(float(max_same.get(agent, 0)), rows=rows),
                "shop_risk": Aggregate(float(risk[agent]), rows=rows),
            },
            attitude_items=tuple(
                (name, float(item_means[agent][c]), float(mx))
                for (name, mx), c in zip(ATTITUDE_ITEMS, ITEM_COLS, strict=True)
                if not pd.isna(item_means[agent][c])
            ),
            qa_sample=QaSample(rows, tn, mix, mean, weighted),
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
