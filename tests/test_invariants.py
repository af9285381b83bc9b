"""Hypothesis invariants of scoring: bounded scores, vetoes win, row order is irrelevant."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from csreport.results import Conclusion, RunMeta
from csreport.rules.loader import load_rules
from csreport.scoring.aggregate import aggregate_all
from csreport.scoring.score import score_month

RULES = load_rules("standard")
META = RunMeta("店", "2026-10", RULES.name, RULES.hash, "2026-11-01T00:00:00")


class Entry:
    def __init__(self, status: str) -> None:
        self.name, self.group, self.status, self.level = "某", "一组", status, "老员工"
        self.bonus_base: float | None = None


reception_row = st.fixed_dictionaries(
    {
        "agent_id": st.sampled_from(["A1", "A2", "A3"]),
        "day": st.integers(1, 31),
        "received": st.integers(0, 300),
        "asked": st.integers(0, 300),
        "reply_share": st.floats(0, 1),
        "avg": st.floats(0, 300, allow_nan=False),
        "paid_share": st.floats(0, 1.2),
    }
)
qa_row = st.fixed_dictionaries(
    {
        "agent_id": st.sampled_from(["A1", "A2", "A3"]),
        "score": st.floats(0, 100, allow_nan=False),
        "error": st.sampled_from(["", "", "", "价格", "发货"]),
        "risk": st.booleans(),
    }
)


def frames(rec: list[dict], qa: list[dict]) -> dict[str, pd.DataFrame]:
    reception = pd.DataFrame(
        [
            {
                "agent_id": r["agent_id"],
                "date": dt.date(2026, 10, r["day"]),
                "received": float(r["received"]),
                "inquiries": float(r["asked"]),
                "replied": float(int(r["asked"] * r["reply_share"])),
                "avg_response_s": r["avg"],
                "first_response_s": r["avg"] / 2,
                "paid_orders": float(int(r["received"] * r["paid_share"])),
                "_file": "f.xlsx",
                "_sheet": "s",
                "_row": i + 2,
            }
            for i, r in enumerate(rec)
        ],
        columns=[
            "agent_id",
            "date",
            "received",
            "inquiries",
            "replied",
            "avg_response_s",
            "first_response_s",
            "paid_orders",
            "_file",
            "_sheet",
            "_row",
        ],
    )
    sampled = pd.DataFrame(
        [
            {
                "agent_id": q["agent_id"],
                "attitude_score": q["score"],
                "error_type": q["error"] or None,
                "shop_risk": q["risk"],
                "_file": "q.xlsx",
                "_sheet": "s",
                "_row": i + 2,
            }
            for i, q in enumerate(qa)
        ],
        columns=["agent_id", "attitude_score", "error_type", "shop_risk", "_file", "_sheet", "_row"],
    )
    return {"reception": reception, "qa": sampled}


def score(rec: list[dict], qa: list[dict], statuses: dict[str, str]):
    roster = {a: Entry(s) for a, s in statuses.items()}
    aggs = aggregate_all(frames(rec, qa), {})
    result, _ = score_month(roster, aggs, RULES, META)
    return result


STATUSES = st.fixed_dictionaries({a: st.sampled_from(["正式", "试用期"]) for a in ("A1", "A2", "A3")})


@settings(max_examples=150, deadline=None)
@given(st.lists(reception_row, max_size=25), st.lists(qa_row, max_size=15), STATUSES)
def test_scores_are_bounded(rec: list[dict], qa: list[dict], statuses: dict[str, str]) -> None:
    for agent in score(rec, qa, statuses).agents:
        for kpi in agent.kpis:
            assert kpi.points is None or 0 <= kpi.points <= kpi.max_points
        if agent.total is not None:
            assert 0 <= agent.total <= agent.max_total


@settings(max_examples=150, deadline=None)
@given(st.lists(reception_row, max_size=25), st.lists(qa_row, max_size=15), STATUSES)
def test_a_veto_always_wins(rec: list[dict], qa: list[dict], statuses: dict[str, str]) -> None:
    for agent in score(rec, qa, statuses).agents:
        if any(k.veto for k in agent.kpis):
            assert agent.conclusion is Conclusion.FAIL
            assert agent.grade == "D"
            assert all(k.points == 0 for k in agent.kpis if k.veto)
        if agent.conclusion is Conclusion.PASS:
            assert agent.total is not None and agent.total > 60


@settings(max_examples=100, deadline=None)
@given(
    st.lists(reception_row, max_size=25),
    st.lists(qa_row, max_size=15),
    STATUSES,
    st.randoms(use_true_random=False),
)
def test_row_order_does_not_matter(rec: list[dict], qa: list[dict], statuses: dict[str, str], rnd) -> None:
    first = score(rec, qa, statuses)
    rec2, qa2 = list(rec), list(qa)
    rnd.shuffle(rec2)
    rnd.shuffle(qa2)
    second = score(rec2, qa2, statuses)

    def view(result):
        return [
            (
                a.agent_id,
                a.total,
                a.conclusion,
                a.rank,
                tuple((k.points, k.veto, k.band, k.raw) for k in a.kpis),
            )
            for a in result.agents
        ]

    assert view(first) == view(second)
