"""What holds for every chat list and every set of sampling rules (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from csreport.chat_data import ChatList
from csreport.inputs.chat_list import COLUMNS
from csreport.rules.model import SamplingRules
from csreport.scoring.sampling import apportion, draw, target_size

LEVELS = ("非常满意", "满意", "一般", "不满意", "非常不满意")
RATINGS = (*LEVELS, "未评价")
MIX = tuple(
    zip(
        LEVELS,
        (Fraction(1, 10), Fraction(1, 10), Fraction(3, 10), Fraction(1, 5), Fraction(3, 10)),
        strict=True,
    )
)
SHORTFALL = ("非常不满意", "不满意", "一般", "满意", "非常满意")
OCT, SEP = dt.date(2026, 10, 9), dt.date(2026, 9, 9)

chat = st.fixed_dictionaries(
    {
        "chat_id": st.integers(0, 400).map(lambda i: f"{3_000_000_000_000 + i}"),
        "agent": st.sampled_from(["1001", "1002", "999", "KF7"]),
        "satisfaction": st.sampled_from(RATINGS),
        "messages": st.sampled_from([math.nan, 0.0, 1.0, 2.0, 3.0, 4.0, 30.0]),
        "date": st.sampled_from([OCT, OCT, OCT, SEP, None]),
    }
)


@st.composite
def chat_rows(draw_: Any, max_size: int) -> list[dict[str, Any]]:
    """Chats as a list gives them, some listed again: the same row repeated, or the same chat id
    with one value changed (a conflict)."""
    rows = draw_(st.lists(chat, max_size=max_size))
    if rows:
        for i in draw_(st.lists(st.integers(0, len(rows) - 1), max_size=max_size // 4)):
            rows.append(dict(rows[i]))
        for i in draw_(st.lists(st.integers(0, len(rows) - 1), max_size=max_size // 8)):
            changed = draw_(st.sampled_from(["agent", "satisfaction", "messages", "date"]))
            rows.append({**rows[i], changed: draw_(chat)[changed]})
    return draw_(st.permutations(rows))


@st.composite
def sampling_rules(draw_: Any) -> SamplingRules:
    unrated = draw_(st.sampled_from(["一般", "exclude", "未评价", "非常不满意"]))
    mix = MIX
    if unrated == "未评价" and draw_(st.booleans()):
        mix = (*MIX[:2], ("一般", Fraction(1, 5)), *MIX[3:], ("未评价", Fraction(1, 10)))
    fixed = draw_(st.one_of(st.none(), st.integers(0, 40)))
    minimum = draw_(st.integers(0, 10))
    return SamplingRules(
        rate=None
        if fixed is not None
        else draw_(st.sampled_from([Fraction(1, 50), Fraction(1, 10), Fraction(1, 3)])),
        of=draw_(st.sampled_from(["接待人数", "可抽会话"])),
        minimum=minimum,
        maximum=minimum + draw_(st.integers(0, 30)),
        fixed=fixed,
        mix=mix,
        unrated=unrated,
        shortfall=SHORTFALL,
        min_messages=draw_(st.one_of(st.none(), st.integers(1, 5))),
    )


def listed(rows: list[dict[str, Any]], has_messages: bool = True) -> ChatList:
    full = [{"name": "", "duration_s": math.nan, "row": i + 2, **r} for i, r in enumerate(rows)]
    return ChatList(
        "会话清单.csv",
        "0" * 64,
        "会话清单",
        pd.DataFrame(full, columns=list(COLUMNS)),
        "agent_id",
        has_messages,
    )


def one_per_chat(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each chat id's row, decided here: rows that all agree on agent, satisfaction, date and
    message count (a blank count equal to a blank count) are one chat; a chat whose rows
    disagree on any of them is left out."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_id.setdefault(r["chat_id"], []).append(r)

    def values(r: dict[str, Any]) -> tuple[Any, ...]:
        return (
            r["agent"],
            r["satisfaction"],
            r["date"],
            "blank" if math.isnan(r["messages"]) else r["messages"],
        )

    return {cid: rs[0] for cid, rs in by_id.items() if len({values(r) for r in rs}) == 1}


def in_october(row: dict[str, Any]) -> bool:
    return row["date"] is None or (row["date"].year, row["date"].month) == (2026, 10)


def sampleable(row: dict[str, Any], rules: SamplingRules) -> bool:
    """Whether the rules let ``row`` be sampled in 2026-10, decided here from the rules' words."""
    if row["date"] is not None and (row["date"].year, row["date"].month) != (2026, 10):
        return False
    if (
        rules.min_messages is not None
        and not math.isnan(row["messages"])
        and row["messages"] < rules.min_messages
    ):
        return False
    return not (rules.unrated == "exclude" and row["satisfaction"] == "未评价")


@settings(max_examples=150, deadline=None)
@given(chat_rows(120), sampling_rules())
def test_every_agent_gets_min_of_n_and_its_eligible_chats_each_eligible_and_once(
    rows: list[dict[str, Any]], rules: SamplingRules
) -> None:
    result = draw(listed(rows), rules, "2026-10", "店")
    # The month's chats, each chat id once; a chat whose rows disagree is in no agent's sample.
    chats = one_per_chat(rows)
    month = [r for r in chats.values() if in_october(r)]
    for agent in result.agents:
        in_month = [r for r in month if r["agent"] == agent.agent]
        eligible = [r for r in in_month if sampleable(r, rules)]
        assert agent.received == len(in_month)
        assert agent.eligible == len(eligible)
        assert agent.target == target_size(rules, agent.received, agent.eligible)
        assert len(agent.chats) == min(agent.target, agent.eligible)
        ids = [c.chat_id for c in agent.chats]
        assert len(set(ids)) == len(ids)
        assert set(ids) <= {r["chat_id"] for r in eligible}
        for s in agent.strata:
            assert s.picked <= s.available
            assert s.topped_up <= s.picked
            assert s.short == max(0, s.quota - s.available)
            assert s.picked == sum(1 for c in agent.chats if c.stratum == s.stratum)
        assert sum(s.quota for s in agent.strata) == agent.target
        assert ("sample.note.all_taken" in agent.notes) == (0 < agent.eligible < agent.target)
    assert len(result.agents) == len({r["agent"] for r in month})
    left = dict(result.left_out)
    assert left.get("conflict", 0) == sum(1 for r in rows if r["chat_id"] not in chats)
    repeats = sum(1 for r in rows if r["chat_id"] in chats) - len(chats)
    assert left.get("duplicate", 0) == repeats


@settings(max_examples=100, deadline=None)
@given(chat_rows(80), chat_rows(80), sampling_rules(), st.randoms())
def test_an_agents_sample_depends_only_on_its_own_chats(
    rows: list[dict[str, Any]], others: list[dict[str, Any]], rules: SamplingRules, rnd: Any
) -> None:
    # The other agent's chats have other ids (a chat id listed for two agents is a conflict).
    mine = [{**r, "agent": "1001"} for r in rows]
    theirs = [{**r, "agent": "1002", "chat_id": "T" + r["chat_id"]} for r in others]
    alone = draw(listed(mine), rules, "2026-10", "店")
    mixed = mine + theirs
    rnd.shuffle(mixed)
    superset = draw(listed(mixed), rules, "2026-10", "店")

    def of_1001(result: Any) -> Any:
        found = [a for a in result.agents if a.agent == "1001"]
        return [
            (a.target, a.strata, [(c.chat_id, c.stratum, c.topped_up, c.rank) for c in a.chats])
            for a in found
        ]

    assert of_1001(alone) == of_1001(superset)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 500), st.lists(st.integers(0, 20), min_size=1, max_size=7))
def test_apportion_hands_out_exactly_n_each_within_one_of_its_quota(n: int, weights: list[int]) -> None:
    if not sum(weights):
        weights = [*weights[:-1], 1]
    total = sum(weights)
    mix = [(f"s{i}", Fraction(w, total)) for i, w in enumerate(weights)]
    split = apportion(n, mix)
    assert sum(split.values()) == n
    for name, share in mix:
        quota = n * share
        assert math.floor(quota) <= split[name] <= math.ceil(quota)


@settings(max_examples=100, deadline=None)
@given(chat_rows(60), sampling_rules(), st.randoms())
def test_row_order_never_changes_the_sample(
    rows: list[dict[str, Any]], rules: SamplingRules, rnd: Any
) -> None:
    # Chats listed again and chats whose rows disagree included: each row keeps its Excel row.
    numbered = [{**r, "row": i + 2} for i, r in enumerate(rows)]
    shuffled = numbered[:]
    rnd.shuffle(shuffled)
    first = draw(listed(numbered), rules, "2026-10", "店")
    assert draw(listed(shuffled), rules, "2026-10", "店") == first
