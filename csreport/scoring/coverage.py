"""What the data can and cannot give the rules. Pure: no I/O.

``rules_against_data`` says, before anyone is scored, which KPIs the month's data cannot
compute (for anyone on a table, or for some) and what then happens to the totals;
``ratio_notes`` adds to a cell's problem which ratios its row was left out of.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from csreport.fields import AggregateField, Vocabulary
from csreport.messages import Bilingual, Note, both, listed
from csreport.problems import Problem, Severity
from csreport.rules.model import Kpi, RuleSet, Table, fmt_number
from csreport.scoring.aggregate import AgentAggregates, Letters, Pairing, pairings
from csreport.scoring.kpi import lacking
from csreport.scoring.score import RosterLike, assign_tables

# The problem of a KPI no agent of its table has the inputs for: ``check`` exits 1 on it.
NO_DATA = "rules.kpi_no_data"
SOME_DATA = "rules.kpi_some_data"
# How many 工号 a message lists before "…".
SHOWN_AGENTS = 5
# What in a sheet would give a field (headers, a derivation, a kind of sheet), for telling
# the user what to add or map: ``csreport.inputs.derive.providers``, which the caller passes
# in, since scoring does not reach down into reading.
Providers = Callable[[str, Vocabulary], Sequence["str | Bilingual"]]


def field_names(field_id: str, vocabulary: Vocabulary) -> list[str | Bilingual]:
    """The plainest providers of a field: its declared column, else its Chinese name."""
    declared = vocabulary.declaration(field_id)
    if declared is not None:
        return [declared.column or declared.name]
    found = vocabulary.resolve(field_id)
    return [found.zh if found is not None else field_id]


def blocks_everyone(problems: Iterable[Problem]) -> bool:
    """True when some KPI the rules score only with data (no ``missing`` policy) can be
    computed for no one on its table, which leaves all of them without a total: ``run``
    exits 1 then. A KPI the rules exclude or score 0 when missing is their own plan."""
    return any(p.code == NO_DATA and p.severity is Severity.ERROR for p in problems)


def rules_against_data(
    rules: RuleSet,
    roster: Mapping[str, RosterLike],
    aggregates: Mapping[str, AgentAggregates],
    providers: Providers = field_names,
) -> list[Problem]:
    """For each table and KPI (rules order), whether the agents the table applies to have the
    KPI's inputs: one problem when none has them (params ``everyone`` True), one warning
    with a count when some lack them, nothing when all have them. ``providers`` names what
    would give a lacking field."""
    ids, _entries, tables = assign_tables(roster, aggregates, rules)
    # With a roster, only its agents are staff: a 工号 found only in the data is listed under
    # 需核对 and counted nowhere, here neither.
    ids = [a for a in ids if not roster or a in roster]
    vocabulary = rules.vocabulary
    empty = AgentAggregates()
    problems: list[Problem] = []
    for table in rules.tables:
        members = [a for a in ids if tables[a].id == table.id]
        if not members:
            continue
        lacks = {
            kpi.id: {a: lacking(kpi, aggregates.get(a, empty), vocabulary) for a in members}
            for kpi in table.kpis
        }
        for kpi in table.kpis:
            without = [a for a in members if lacks[kpi.id][a]]
            if not without:
                continue
            # What the agents with some data of the kind lack: an agent with no such rows at
            # all lacks everything, which says nothing about the sheet's columns.
            some = [a for a in without if _has_rows(aggregates.get(a, empty), lacks[kpi.id][a], vocabulary)]
            fields = list(dict.fromkeys(f for a in (some or without) for f in lacks[kpi.id][a]))
            everyone = len(without) == len(members)
            params: dict[str, object] = {
                "table": _named(table.name, table.name_en),
                "kpi": _named(kpi.name, kpi.name_en),
                "fields": listed(_field(vocabulary, f) for f in fields),
                "columns": listed(dict.fromkeys(c for f in fields for c in providers(f, vocabulary))),
                "consequence": _consequence(table, kpi, without, lacks, everyone),
                "total": len(members),
                "count": len(without),
                "agents": listed(without[:SHOWN_AGENTS], cut=len(without) > SHOWN_AGENTS),
                "everyone": everyone,
                "table_id": table.id,
                "kpi_id": kpi.id,
                "lacking": tuple(fields),
            }
            if everyone:
                severity = Severity.ERROR if kpi.missing == "no_score" else Severity.WARNING
                problems.append(Problem(NO_DATA, severity, params=params))
            else:
                problems.append(Problem(SOME_DATA, Severity.WARNING, params=params))
    return problems


def _has_rows(agg: AgentAggregates, fields: Sequence[str], vocabulary: Vocabulary) -> bool:
    """True when the agent has rows of a kind of sheet one of ``fields`` comes from."""
    roles = {found.role for f in fields if (found := vocabulary.resolve(f)) is not None}
    return any(agg.sources.get(role) for role in roles)


def _consequence(
    table: Table,
    kpi: Kpi,
    without: Sequence[str],
    lacks: Mapping[str, Mapping[str, tuple[str, ...]]],
    everyone: bool,
) -> Bilingual:
    """What the KPI's missing-data policy does to the agents who lack its inputs."""
    if kpi.missing == "zero":
        return both("rules.everyone_zero" if everyone else "rules.some_zero")
    if kpi.missing == "exclude":
        # As score.py rescales a total: the table's positive weights, all / those kept.
        weight_all = sum(k.weight for k in table.kpis if k.weight > 0)
        kept = [
            weight_all
            - sum(k.weight for k in table.kpis if k.weight > 0 and k.missing == "exclude" and lacks[k.id][a])
            for a in without
        ]
        if all(w > 0 for w in kept):  # else no total is left to rescale
            ratios = [f"{fmt_number(weight_all)}/{fmt_number(w)}" for w in kept if w < weight_all]
            if not ratios:  # a deduction or bonus of no weight: nothing to rescale
                return both("rules.everyone_left_out" if everyone else "rules.some_left_out")
            ratio = listed(dict.fromkeys(ratios))
            return both("rules.everyone_excluded" if everyone else "rules.some_excluded", ratio=ratio)
    if everyone:
        return both("rules.everyone_no_score", total=len(without))
    return both("rules.some_no_score")


def ratio_notes(
    problems: Sequence[Problem],
    frames: Mapping[str, pd.DataFrame],
    letters: Letters,
    rules: RuleSet,
    roster: Mapping[str, RosterLike] | None = None,
    feeds: Mapping[str, Sequence[str]] | None = None,
) -> list[Problem]:
    """``problems`` with, on each cell problem (and each column's blank cells) whose value a
    ratio of the rules needed while the row's other values for it were there, a note naming
    the KPIs whose numerator and denominator the row was left out of. Order is kept.

    With ``roster``, a row names only KPIs of the table that applies to its agent. ``feeds``
    says which fields a field derives (不服务率 → 回复人数): its bad cell leaves what they do."""
    paired = pairings(rules)
    reception = frames.get("reception")
    if not paired or reception is None or not len(reception):
        return list(problems)
    claimed = {
        (p.file, p.sheet, p.row, p.column)
        for p in problems
        if p.row is not None and p.code != "column.blanks"
    }
    sheets: dict[tuple[str, str], _Sheet] = {}
    out: list[Problem] = []
    for p in problems:
        blanks = p.code == "column.blanks"
        fields = [f for f, letter in letters.get((p.file, p.sheet), {}).items() if letter == p.column]
        fields += [t for f in list(fields) for t in (feeds or {}).get(f, ()) if t not in fields]
        if not (blanks or p.code.startswith("cell.")) or not any(f in s for f in fields for *_x, s in paired):
            out.append(p)
            continue
        key = (p.file, p.sheet)
        if key not in sheets:
            sheets[key] = _Sheet(reception, *key, rules, roster)
        sheet = sheets[key]
        if blanks:
            at = [i for r, i in sheet.at.items() if (p.file, p.sheet, r, p.column) not in claimed]
        else:
            at = [sheet.at[p.row]] if p.row in sheet.at else []
        kpis = _left(sheet, np.array(at, dtype=int), fields, paired)
        if not kpis:
            out.append(p)
            continue
        code = "ratio.rows_left_many" if blanks and p.params.get("count") != 1 else "ratio.rows_left"
        note = Note.of(code, kpis=listed(_named(*names) for names in kpis))
        out.append(replace(p, also=(*p.also, note)))
    return out


class _Sheet:
    """One sheet's rows of the reception frame: where each Excel row is, which rows lack
    each field, and the table each row's agent is assessed by."""

    def __init__(
        self,
        frame: pd.DataFrame,
        file: str,
        sheet: str,
        rules: RuleSet,
        roster: Mapping[str, RosterLike] | None,
    ) -> None:
        self.rows = frame[(frame["_file"] == file) & (frame["_sheet"] == sheet)]
        self.at = {int(r): i for i, r in enumerate(self.rows["_row"])}
        self._missing: dict[str, np.ndarray] = {}
        self.tables: np.ndarray | None = None  # None: every table may apply
        if roster is not None:
            agents = [str(a) for a in self.rows["agent_id"]]
            _ids, _entries, tables = assign_tables(roster, agents, rules)
            self.tables = np.array([tables[a].id for a in agents], dtype=object)

    def missing(self, name: str) -> np.ndarray:
        if name not in self._missing:
            if name in self.rows:
                values = pd.to_numeric(self.rows[name], errors="coerce")
                self._missing[name] = values.isna().to_numpy()
            else:
                self._missing[name] = np.ones(len(self.rows), dtype=bool)
        return self._missing[name]


def _left(
    sheet: _Sheet, at: np.ndarray, fields: Sequence[str], paired: Sequence[tuple[Table, Kpi, Pairing]]
) -> list[tuple[str, str]]:
    """The KPIs' names (rules order, each once) one of whose pairings a row at ``at`` left
    because one of ``fields`` was missing while the pairing's other fields were present."""
    out: list[tuple[str, str]] = []
    if not len(at):
        return out
    for table, kpi, fields_of in paired:
        names = (kpi.name, kpi.name_en)
        for f in fields:
            if f not in fields_of or names in out:
                continue
            gone = sheet.missing(f)[at]
            for g in fields_of:
                if g != f:
                    gone = gone & ~sheet.missing(g)[at]
            if sheet.tables is not None:
                gone = gone & (sheet.tables[at] == table.id)
            if gone.any():
                out.append(names)
    return out


def _named(zh: str, en: str) -> Bilingual:
    """A name of the rules in both languages: English with the Chinese in parentheses."""
    return Bilingual(zh, f"{en} ({zh})" if en and en != zh else zh)


def _field(vocabulary: Vocabulary, field_id: str) -> Bilingual:
    found: AggregateField | None = vocabulary.resolve(field_id)
    if found is None:
        return Bilingual(field_id, field_id)
    return _named(found.zh, found.en)
