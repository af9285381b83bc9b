"""The scored month as JSON, for other programs (``客服绩效_<month>.json``).

When history holds earlier months, each agent also carries what the column specification
takes from them (``fails`` and ``fail_limit``: 试用期 months not cleared so far, of the
retrain limit; null when the agent's 考核表 counts none); without history the keys are absent.

Each agent's record holds the summary columns the column specification gives to the JSON
(``outputs.columns``), then what only the JSON carries: the agent's status, table id,
maximum total, rank denominator, roster membership, the verdict in words, attendance,
attitude items, the sampled chats (``qa_sample``: their number, how many have a total,
satisfaction mix, plain and mix-weighted means) and every KPI with its sources, its numbers
(numerator, denominator, band in interval notation) and the same in words (formula, band, basis).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from csreport.messages import Note, translate
from csreport.outputs.columns import Column, json_columns
from csreport.problems import Problem
from csreport.results import AgentResult, MonthResult, Trends

# Agent fields only the JSON carries (the 汇总 does not show them).
_AGENT_KEYS = (
    "status",
    "table_id",
    "max_total",
    "rank_of",
    "in_roster",
    "rescale",
    "rescale_note",
    "hire_date",
)
_KPI_KEYS = (
    "kpi_id",
    "name",
    "name_en",
    "max_points",
    "unit",
    "formula",
    "raw",
    "numerator",
    "denominator",
    "sample_size",
    "band",
    "band_label",
    "points",
    "veto",
    "missing_reason",
    "policy_note",
    "percentile",
    "excluded",
    # the same in words, in the run's language (``csreport.rules.wording``)
    "formula_words",
    "band_words",
    "at_bound",
    "basis",
)


def result_json(result: MonthResult, problems: list[Problem], lang: str = "zh") -> str:
    """The scored month as JSON, with the rules' name and hash, for other programs.

    Source rows are written as Excel ranges (``A5:A35``), not one number per row.
    """
    columns = json_columns(result.trends)
    payload = {
        "meta": asdict(result.meta),
        "agents": [_record(a, lang, columns) for a in result.agents],
        "problems": [p.to_dict(lang) for p in problems],
    }
    # No indent: json's C encoder only runs without one, and this file is for programs.
    return json.dumps(payload, ensure_ascii=False, default=str)


def agent_record(a: AgentResult, lang: str, trends: Trends | None = None) -> dict[str, Any]:
    """One agent as JSON data: notes as their text in ``lang``; ``trends``: the month's
    ``MonthResult.trends``."""
    return _record(a, lang, json_columns(trends))


def _record(a: AgentResult, lang: str, columns: list[Column]) -> dict[str, Any]:
    record = {c.key: _plain(c.json(a), lang) for c in columns if c.json is not None}
    record.update({k: _plain(getattr(a, k), lang) for k in _AGENT_KEYS})
    record["conclusion_text"] = translate(a.conclusion.code, lang)
    record["attendance"] = asdict(a.attendance) if a.attendance else None
    record["attitude_items"] = [{"item": n, "average": avg, "max": mx} for n, avg, mx in a.attitude_items]
    record["qa_sample"] = _sample(a, lang)
    record["kpis"] = [
        {
            **{k: _plain(getattr(kpi, k), lang) for k in _KPI_KEYS},
            "sources": [ref.ranges() for ref in kpi.sources],
        }
        for kpi in a.kpis
    ]
    return record


def _sample(a: AgentResult, lang: str) -> dict[str, Any] | None:
    """The agent's sampled chats: how many, how many of them have a total (the chats both means
    are taken over), the satisfaction mix (word -> chats, every chat; null when not known for
    every chat), the plain mean that is scored, the mix-weighted mean shown for information (both
    to 9 decimals, as KPI values are), the KPIs the mean is the value of, and the line the card
    shows."""
    s = a.qa_sample
    if s is None:
        return None
    return {
        "chats": s.chats,
        "scored": s.scored,
        "mix": dict(s.mix) if s.mix else None,
        "mean": s.mean,
        "weighted": s.weighted,
        "kpis": list(s.kpi_ids),
        "text": s.words.text(lang) if s.words else None,
    }


def _plain(value: Any, lang: str) -> Any:
    """A result field as JSON data: notes as their text in ``lang``."""
    if isinstance(value, Note):
        return value.text(lang)
    if isinstance(value, tuple) and value and isinstance(value[0], Note):
        return [n.text(lang) for n in value]
    return value
