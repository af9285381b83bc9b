"""The sampling engine: seed, ranks, n, the split over strata, top-up, reviewers.

Every expectation is computed by hand (the arithmetic is in the comments) or, for which chats
a rank picks, by hashing in the test itself with hashlib, independently of the engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest

from csreport.chat_data import ChatList
from csreport.inputs.chat_list import COLUMNS
from csreport.rules.model import SamplingRules
from csreport.scoring.sampling import (
    StratumCount,
    _order,
    apportion,
    assign_reviewers,
    chat_rank,
    draw,
    left_out_notes,
    seed_text,
    target_size,
)

LEVELS = ("非常满意", "满意", "一般", "不满意", "非常不满意")
SHARES = (Fraction(1, 10), Fraction(1, 10), Fraction(3, 10), Fraction(1, 5), Fraction(3, 10))
MIX = tuple(zip(LEVELS, SHARES, strict=True))
SHORTFALL = ("非常不满意", "不满意", "一般", "满意", "非常满意")
STANDARD = SamplingRules(mix=MIX, shortfall=SHORTFALL, min_messages=3)
SEED = "2026-10|旗舰店"


def chats(rows: list[dict[str, Any]], has_messages: bool = True) -> ChatList:
    """A chat list as the reader gives it: defaults for the columns a row leaves out."""
    full = [
        {
            "chat_id": r["chat_id"],
            "agent": r.get("agent", "1001"),
            "name": r.get("name", ""),
            "date": r.get("date", dt.date(2026, 10, 3)),
            "satisfaction": r.get("satisfaction", "一般"),
            "messages": r.get("messages", 10.0),
            "duration_s": math.nan,
            "row": r.get("row", i + 2),
        }
        for i, r in enumerate(rows)
    ]
    return ChatList(
        "会话清单.xlsx", "0" * 64, "会话", pd.DataFrame(full, columns=list(COLUMNS)), "agent_id", has_messages
    )


def ranked(ids: list[str], seed: str = SEED) -> list[str]:
    """``ids`` smallest rank first, hashed here with hashlib (not with the engine)."""
    return sorted(ids, key=lambda c: hashlib.sha256(f"{seed}\n{c}".encode()).digest()[:8])


def stratum_rows(counts: dict[str, int], agent: str = "1001", start: int = 0) -> list[dict[str, Any]]:
    """``counts[level]`` chats of each satisfaction level, ids numbered from ``start``."""
    out = []
    n = start
    for level, count in counts.items():
        for _ in range(count):
            out.append({"chat_id": f"C{n:04d}", "agent": agent, "satisfaction": level})
            n += 1
    return out


# --- seed and rank: pinned, as they must hold in every csreport version ---------------------------


def test_the_seed_is_month_and_shop_and_the_salt_when_given() -> None:
    assert seed_text("2026-10", "旗舰店") == "2026-10|旗舰店"
    assert seed_text("2026-10", "旗舰店", "2") == "2026-10|旗舰店|2"
    assert seed_text("2026-10", "旗舰店", "") == "2026-10|旗舰店"


def test_chat_rank_is_pinned_to_literal_values() -> None:
    # printf '2026-10|旗舰店\n3000000000004' | sha256sum → 4895a16b4a8abf0e…: its first 8 bytes.
    assert chat_rank("2026-10|旗舰店", "3000000000004") == 0x4895A16B4A8ABF0E == 5230264024444878606
    assert chat_rank("2026-10|旗舰店", "1001") == 0xBDDB74BC3709D582
    assert chat_rank("2026-10|旗舰店|2", "3000000000004") == 0xEE6A21DA20829133
    assert chat_rank("2026-11|旗舰店", "3000000000004") == 0xF0CB448E92323459


def test_a_picked_chat_shows_its_rank_as_16_hex_digits() -> None:
    result = draw(chats([{"chat_id": "3000000000004"}]), STANDARD, "2026-10", "旗舰店")
    assert [c.rank for c in result.chats] == ["4895a16b4a8abf0e"]
    assert result.seed == "2026-10|旗舰店"


def test_equal_ranks_are_ordered_by_chat_id() -> None:
    agent = np.array([0, 0, 0, 0, 1], dtype=np.int64)
    stratum = np.array([0, 0, 0, 0, 0], dtype=np.int64)
    ranks = np.array([7, 5, 7, 7, 1], dtype=np.uint64)
    ids = ["C", "Z", "A", "B", "Y"]
    # rank 5 (Z) first; then the three with rank 7 by id: A, B, C; then agent 1.
    assert [ids[i] for i in _order(agent, stratum, ranks, ids)] == ["Z", "A", "B", "C", "Y"]


# --- n --------------------------------------------------------------------------------------------


def rate_rules(**kw: Any) -> SamplingRules:
    return dataclasses.replace(STANDARD, **{"minimum": 0, "maximum": 100, **kw})


@pytest.mark.parametrize(
    ("received", "n"),
    [
        (250, 5),  # 2% of 250 = 5 exactly
        (275, 6),  # 5.5 rounds half up to 6
        (225, 5),  # 4.5 rounds half up to 5
        (174, 3),  # 3.48 rounds down
        (176, 4),  # 3.52 rounds up
        (0, 0),
    ],
)
def test_n_is_the_rate_of_the_base_rounded_half_up(received: int, n: int) -> None:
    assert target_size(rate_rules(), received, received) == n


def test_n_is_held_within_the_minimum_and_maximum() -> None:
    rules = dataclasses.replace(STANDARD, minimum=5, maximum=30)
    assert target_size(rules, 100, 100) == 5  # 2% of 100 = 2, raised to 5
    assert target_size(rules, 2000, 2000) == 30  # 40, held at 30
    assert target_size(rules, 1500, 1500) == 30  # exactly the maximum
    assert target_size(rules, 250, 250) == 5  # exactly the minimum


def test_a_fixed_n_ignores_the_rate_and_the_bounds() -> None:
    rules = dataclasses.replace(STANDARD, fixed=8, rate=None)
    assert target_size(rules, 10_000, 10_000) == 8
    assert target_size(rules, 3, 2) == 8  # the rules' n; draw takes what there is


def test_the_base_is_received_or_eligible_chats_as_the_rules_say() -> None:
    assert target_size(rate_rules(of="接待人数"), 1000, 300) == 20  # 2% of 1000
    assert target_size(rate_rules(of="可抽会话"), 1000, 300) == 6  # 2% of 300
    # The English spellings a rules file may use read as the Chinese ones do.
    assert target_size(rate_rules(of="received"), 1000, 300) == 20
    assert target_size(rate_rules(of="eligible"), 1000, 300) == 6


# --- the split over strata ----------------------------------------------------------------------


def test_eight_chats_split_one_one_two_two_two() -> None:
    # 8 × (10%, 10%, 30%, 20%, 30%) = 0.8, 0.8, 2.4, 1.6, 2.4 → whole parts 0, 0, 2, 1, 2 (5);
    # the 3 left go to the largest remainders .8, .8, .6: 非常满意, 满意, 不满意.
    assert apportion(8, MIX, SHORTFALL) == {"非常满意": 1, "满意": 1, "一般": 2, "不满意": 2, "非常不满意": 2}


def test_equal_remainders_go_first_to_the_stratum_earlier_in_the_shortfall_order() -> None:
    # 5 × the mix = 0.5, 0.5, 1.5, 1.0, 1.5 → whole parts 0, 0, 1, 1, 1 (3); 2 left, and four
    # remainders tie at .5 (非常满意, 满意, 一般, 非常不满意): the shortfall order puts
    # 非常不满意 first, then 一般 (不满意's remainder is 0).
    assert apportion(5, MIX, SHORTFALL) == {"非常满意": 0, "满意": 0, "一般": 2, "不满意": 1, "非常不满意": 2}
    # Without a priority the mix order breaks the tie: 非常满意 and 满意.
    assert apportion(5, MIX) == {"非常满意": 1, "满意": 1, "一般": 1, "不满意": 1, "非常不满意": 1}


@pytest.mark.parametrize(
    ("n", "split"),
    [
        (0, (0, 0, 0, 0, 0)),
        (1, (0, 0, 0, 0, 1)),  # .1 .1 .3 .2 .3: 一般 and 非常不满意 tie, 非常不满意 first
        (3, (0, 0, 1, 1, 1)),  # .3 .3 .9 .6 .9: the three largest
        (10, (1, 1, 3, 2, 3)),  # exact
        (30, (3, 3, 9, 6, 9)),  # exact
    ],
)
def test_largest_remainder_at_other_sizes(n: int, split: tuple[int, ...]) -> None:
    assert tuple(apportion(n, MIX, SHORTFALL).values()) == split


def test_apportion_refuses_what_cannot_be_split() -> None:
    with pytest.raises(ValueError):
        apportion(-1, MIX)
    with pytest.raises(ValueError):
        apportion(3, ())
    with pytest.raises(ValueError):
        apportion(3, (("满意", Fraction(-1, 2)), ("一般", Fraction(3, 2))))


# --- drawing: strata, top-up, tiny agents -----------------------------------------------------------


def counts(sample: Any) -> list[tuple[str, int, int, int, int, int]]:
    return [(s.stratum, s.available, s.quota, s.picked, s.topped_up, s.short) for s in sample.strata]


def test_a_thin_stratum_is_topped_up_in_the_shortfall_order_across_several_strata() -> None:
    rules = dataclasses.replace(STANDARD, fixed=10, rate=None)
    rows = stratum_rows({"非常满意": 5, "满意": 5, "一般": 1, "非常不满意": 1})
    result = draw(chats(rows), rules, "2026-10", "旗舰店")
    (agent,) = result.agents
    # Quotas 1/1/3/2/3. Taken from quota: 1, 1, 1, 0, 1 = 4; short: 一般 2, 不满意 2, 非常不满意 2 = 6.
    # Top-up order: 非常不满意 (no spare), 不满意 (none), 一般 (none), 满意 (4 spare: gives 4),
    # 非常满意 (4 spare: gives the last 2).
    assert counts(agent) == [
        ("非常满意", 5, 1, 3, 2, 0),
        ("满意", 5, 1, 5, 4, 0),
        ("一般", 1, 3, 1, 0, 2),
        ("不满意", 0, 2, 0, 0, 2),
        ("非常不满意", 1, 3, 1, 0, 2),
    ]
    assert agent.notes == ("sample.note.topped_up",)
    assert (agent.target, agent.received, agent.eligible) == (10, 12, 12)
    very = ranked([r["chat_id"] for r in rows if r["satisfaction"] == "非常满意"])
    picked = [(c.chat_id, c.stratum, c.topped_up) for c in agent.chats if c.stratum == "非常满意"]
    # Within the stratum by rank: the first for its quota, the next two to make up the shortfall.
    assert picked == [(very[0], "非常满意", False), (very[1], "非常满意", True), (very[2], "非常满意", True)]
    # Chats come in the mix's order of strata.
    assert [c.stratum for c in agent.chats] == ["非常满意"] * 3 + ["满意"] * 5 + ["一般", "非常不满意"]


def test_an_agent_with_fewer_eligible_chats_than_n_gets_all_of_them_and_a_note() -> None:
    rules = dataclasses.replace(STANDARD, fixed=10, rate=None)
    rows = stratum_rows({"非常满意": 2, "一般": 2})
    (agent,) = draw(chats(rows), rules, "2026-10", "旗舰店").agents
    # Quotas 1/1/3/2/3; from quota 1 + 0 + 2 + 0 + 0 = 3; 7 short; only 非常满意 has a spare (1).
    assert counts(agent) == [
        ("非常满意", 2, 1, 2, 1, 0),
        ("满意", 0, 1, 0, 0, 1),
        ("一般", 2, 3, 2, 0, 1),
        ("不满意", 0, 2, 0, 0, 2),
        ("非常不满意", 0, 3, 0, 0, 3),
    ]
    assert sorted(c.chat_id for c in agent.chats) == ["C0000", "C0001", "C0002", "C0003"]
    assert agent.notes == ("sample.note.all_taken", "sample.note.topped_up")


def test_an_agent_without_an_eligible_chat_is_listed_with_a_note() -> None:
    rows: list[dict[str, Any]] = [
        {"chat_id": "A1", "agent": "1001", "messages": 1.0},
        {"chat_id": "A2", "agent": "1002"},
    ]
    result = draw(chats(rows), STANDARD, "2026-10", "旗舰店")
    first = result.agents[0]
    assert (first.agent, first.received, first.eligible, first.target, first.chats) == ("1001", 1, 0, 5, ())
    assert first.notes == ("sample.note.none_eligible",)
    # 1002's one chat is 一般: quotas 0/0/2/1/2 for n = 5, and no stratum has a chat to spare.
    assert result.agents[1].notes == ("sample.note.all_taken",)


def test_the_quota_is_taken_by_rank_within_each_stratum() -> None:
    rules = dataclasses.replace(STANDARD, fixed=8, rate=None)
    rows = stratum_rows(dict.fromkeys(LEVELS, 6))
    (agent,) = draw(chats(rows), rules, "2026-10", "旗舰店").agents
    expected = []
    for level, quota in zip(LEVELS, (1, 1, 2, 2, 2), strict=True):
        expected += ranked([r["chat_id"] for r in rows if r["satisfaction"] == level])[:quota]
    assert [c.chat_id for c in agent.chats] == expected
    assert not any(c.topped_up for c in agent.chats)
    assert agent.notes == ()


def test_the_rate_applies_to_each_agents_chats_in_the_month() -> None:
    rules = dataclasses.replace(STANDARD, minimum=0, maximum=30)
    rows = stratum_rows(dict.fromkeys(LEVELS, 55))  # 275 chats: 2% = 5.5 → 6
    (agent,) = draw(chats(rows), rules, "2026-10", "旗舰店").agents
    assert agent.target == 6
    # 6 × the mix = .6 .6 1.8 1.2 1.8 → 0 0 1 1 1; the 3 left: .8 (一般), .8 (非常不满意), then
    # .6 ties between 非常满意 and 满意, and the shortfall order names 满意 first.
    assert [s.quota for s in agent.strata] == [0, 1, 2, 1, 2]
    assert len(agent.chats) == 6


# --- eligibility: messages, month, unrated -----------------------------------------------------


def test_min_messages_boundary_two_is_short_three_is_enough_blank_is_eligible() -> None:
    rows = [
        {"chat_id": "M2", "messages": 2.0},
        {"chat_id": "M3", "messages": 3.0},
        {"chat_id": "MB", "messages": math.nan},
    ]
    result = draw(chats(rows), STANDARD, "2026-10", "旗舰店")
    (agent,) = result.agents
    assert sorted(c.chat_id for c in agent.chats) == ["M3", "MB"]
    assert (agent.received, agent.eligible) == (3, 2)
    assert result.left_out == (("ineligible", 1),)
    assert result.notes == ()


def test_a_list_without_message_counts_makes_every_chat_eligible_and_says_so() -> None:
    rows = [{"chat_id": "M2", "messages": math.nan}, {"chat_id": "M3", "messages": math.nan}]
    result = draw(chats(rows, has_messages=False), STANDARD, "2026-10", "旗舰店")
    assert len(result.chats) == 2
    assert result.notes == ("sample.note.no_message_column",)
    no_minimum = dataclasses.replace(STANDARD, min_messages=None)
    assert draw(chats(rows, has_messages=False), no_minimum, "2026-10", "旗舰店").notes == ()


def test_chats_of_other_months_are_left_out_and_undated_ones_count() -> None:
    rows: list[dict[str, Any]] = [
        {"chat_id": "OCT", "date": dt.date(2026, 10, 31)},
        {"chat_id": "SEP", "date": dt.date(2026, 9, 30)},
        {"chat_id": "NOV", "date": dt.date(2026, 11, 1)},
        {"chat_id": "NONE", "date": None},
    ]
    result = draw(chats(rows), STANDARD, "2026-10", "旗舰店")
    assert sorted(c.chat_id for c in result.chats) == ["NONE", "OCT"]
    assert result.agents[0].received == 2
    assert result.left_out == (("other_month", 2),)


def test_unrated_chats_join_the_named_stratum_and_keep_their_rating() -> None:
    rows = [{"chat_id": f"U{i}", "satisfaction": "未评价"} for i in range(3)]
    (agent,) = draw(chats(rows), STANDARD, "2026-10", "旗舰店").agents
    assert {(c.stratum, c.satisfaction) for c in agent.chats} == {("一般", "未评价")}
    assert counts(agent)[2] == ("一般", 3, 2, 3, 1, 0)


def test_unrated_chats_excluded_are_never_sampled() -> None:
    rules = dataclasses.replace(STANDARD, unrated="exclude")
    rows = [{"chat_id": "U1", "satisfaction": "未评价"}, {"chat_id": "R1", "satisfaction": "满意"}]
    result = draw(chats(rows), rules, "2026-10", "旗舰店")
    assert [c.chat_id for c in result.chats] == ["R1"]
    assert (result.agents[0].received, result.agents[0].eligible) == (2, 1)
    assert result.left_out == (("unrated_excluded", 1),)


def test_unrated_chats_form_their_own_stratum_with_their_own_share() -> None:
    mix = (*MIX[:2], ("一般", Fraction(1, 5)), *MIX[3:], ("未评价", Fraction(1, 10)))
    rules = dataclasses.replace(STANDARD, mix=mix, unrated="未评价", fixed=10, rate=None)
    rows = stratum_rows({**dict.fromkeys(LEVELS, 4), "未评价": 4})
    (agent,) = draw(chats(rows), rules, "2026-10", "旗舰店").agents
    # 10 × (10%, 10%, 20%, 20%, 30%, 10%) = 1, 1, 2, 2, 3, 1 exactly.
    assert [(s.stratum, s.quota, s.picked) for s in agent.strata] == [
        ("非常满意", 1, 1),
        ("满意", 1, 1),
        ("一般", 2, 2),
        ("不满意", 2, 2),
        ("非常不满意", 3, 3),
        ("未评价", 1, 1),
    ]
    assert [c.satisfaction for c in agent.chats if c.stratum == "未评价"] == ["未评价"]


def test_an_own_unrated_stratum_without_a_share_only_tops_up_after_the_others() -> None:
    rules = dataclasses.replace(STANDARD, unrated="未评价", fixed=5, rate=None)
    rows = stratum_rows({"一般": 1, "未评价": 6})
    (agent,) = draw(chats(rows), rules, "2026-10", "旗舰店").agents
    # Quotas 0/0/2/1/2 (n = 5); 一般 gives 1, 4 short; 未评价 has no share: it comes after the
    # shortfall order's strata and gives 4.
    assert counts(agent)[-1] == ("未评价", 6, 0, 4, 4, 0)
    assert len(agent.chats) == 5


# --- the list as a whole ------------------------------------------------------------------------


def test_agents_come_numbers_first_and_chats_keep_their_agents_name() -> None:
    rows = [
        {"chat_id": "a", "agent": "KF2", "name": "乙"},
        {"chat_id": "b", "agent": "1001", "name": "甲"},
        {"chat_id": "c", "agent": "999", "name": "丙"},
        {"chat_id": "d", "agent": "KF10", "name": "丁"},
        {"chat_id": "e", "agent": "1001", "name": "甲甲"},
        {"chat_id": "f", "agent": "1001", "name": "甲"},
        {"chat_id": "g", "agent": "1001", "name": ""},
    ]
    result = draw(chats(rows), STANDARD, "2026-10", "旗舰店")
    assert [a.agent for a in result.agents] == ["999", "1001", "KF10", "KF2"]
    assert result.agents[1].name == "甲"  # the name given most often
    assert {c.name for c in result.agents[1].chats} == {"甲"}


def test_a_chat_listed_again_with_the_same_values_counts_once_from_its_first_excel_row() -> None:
    # X three times, the same each time; its rows are 9, 4 and 7 (the frame's order is not the
    # list's): row 4 is kept whichever row comes first.
    rows: list[dict[str, Any]] = [
        {"chat_id": "X", "row": 9},
        {"chat_id": "X", "row": 4},
        {"chat_id": "Y"},
        {"chat_id": "X", "row": 7},
    ]
    result = draw(chats(rows), STANDARD, "2026-10", "旗舰店")
    (agent,) = result.agents
    assert (agent.agent, agent.received) == ("1001", 2)
    assert sorted((c.chat_id, c.row) for c in agent.chats) == [("X", 4), ("Y", 4)]
    assert result.left_out == (("duplicate", 2),)


@pytest.mark.parametrize(
    "other",
    [
        {"agent": "1002"},  # listed for two agents (say two accounts a roster merged into one)
        {"satisfaction": "不满意"},
        {"date": dt.date(2026, 10, 4)},
        {"date": None},
        {"messages": 2.0},
        {"messages": math.nan},
    ],
)
def test_a_chat_whose_rows_disagree_is_left_out_whole_in_any_row_order(other: dict[str, Any]) -> None:
    same: dict[str, Any] = {
        "chat_id": "X",
        "agent": "1001",
        "satisfaction": "一般",
        "date": dt.date(2026, 10, 3),
    }
    rows: list[dict[str, Any]] = [{"chat_id": "Y"}, same, {**same, **other}]
    for order in (rows, rows[::-1]):
        result = draw(chats(order), STANDARD, "2026-10", "旗舰店")
        assert [c.chat_id for c in result.chats] == ["Y"]
        assert [(a.agent, a.received) for a in result.agents] == [("1001", 1)]
        assert result.left_out == (("conflict", 2),)
    assert [n.text("zh") for n in left_out_notes(result)] == [
        "2 行属于在清单中列了多次、各行内容不一致的会话，未参与抽样。"
    ]
    assert [n.text("en") for n in left_out_notes(result)] == [
        "Rows of chats listed more than once with different values, left out of the draw: 2."
    ]


def test_the_same_list_in_any_row_order_gives_the_same_sample() -> None:
    rows = stratum_rows(dict.fromkeys(LEVELS, 9), "1001") + stratum_rows(
        dict.fromkeys(LEVELS, 4), "1002", 100
    )
    listed = chats(rows)
    shuffled = dataclasses.replace(
        listed, frame=listed.frame.sample(frac=1, random_state=3).reset_index(drop=True)
    )
    assert draw(listed, STANDARD, "2026-10", "旗舰店") == draw(shuffled, STANDARD, "2026-10", "旗舰店")


def test_another_shop_or_salt_draws_another_sample() -> None:
    rows = stratum_rows(dict.fromkeys(LEVELS, 20))
    first = draw(chats(rows), STANDARD, "2026-10", "旗舰店")
    assert draw(chats(rows), STANDARD, "2026-10", "旗舰店", "2").seed == "2026-10|旗舰店|2"
    assert [c.chat_id for c in first.chats] != [
        c.chat_id for c in draw(chats(rows), STANDARD, "2026-10", "旗舰店", "2").chats
    ]


def test_the_readers_left_out_rows_are_carried_and_worded() -> None:
    listed = dataclasses.replace(
        chats([{"chat_id": "A"}]), left_out=(("no_agent", 2), ("bad_satisfaction", 1))
    )
    result = draw(listed, STANDARD, "2026-10", "旗舰店")
    assert result.left_out == (("no_agent", 2), ("bad_satisfaction", 1))
    notes = left_out_notes(result)
    assert [n.text("zh") for n in notes] == [
        "2 行没有客服（工号或客服账号），未参与抽样。",
        "1 行的满意度无法识别，未参与抽样。",
    ]
    assert [n.text("en") for n in notes] == [
        "Rows without an agent (工号 or 客服账号), left out of the draw: 2.",
        "Rows whose satisfaction (满意度) could not be read, left out of the draw: 1.",
    ]


def test_stratum_counts_are_plain_values() -> None:
    assert StratumCount("一般", 3, 2, 2, 0, 0) == StratumCount("一般", 3, 2, 2, 0, 0)


# --- reviewers -----------------------------------------------------------------------------------


def two_agents() -> Any:
    rules = dataclasses.replace(STANDARD, fixed=3, rate=None)
    rows = stratum_rows({"一般": 3}, "1001") + stratum_rows({"一般": 2}, "1002", 10)
    return draw(chats(rows), rules, "2026-10", "旗舰店")


def test_without_shares_reviewers_rotate_across_agents() -> None:
    result = assign_reviewers(two_agents(), [("张三", None), ("李四", None), ("王五", None)])
    assert [c.reviewer for c in result.chats] == ["张三", "李四", "王五", "张三", "李四"]
    assert [c.agent for c in result.chats] == ["1001", "1001", "1001", "1002", "1002"]


def test_shares_set_each_reviewers_total_and_interleave_by_pace() -> None:
    result = assign_reviewers(two_agents(), [("张三", Fraction(3, 5)), ("李四", Fraction(2, 5))])
    # Totals 3 and 2. Chat i goes to the largest total × (i + 1) / 5 − given: 张三 .6 vs 李四 .4;
    # then .2 vs .8; .8 vs .2; .4 vs .6; 张三 alone left.
    assert [c.reviewer for c in result.chats] == ["张三", "李四", "张三", "李四", "张三"]


def test_equal_shares_give_the_odd_chat_to_the_reviewer_named_first() -> None:
    third = Fraction(1, 3)
    rules = dataclasses.replace(STANDARD, fixed=4, rate=None)
    result = draw(chats(stratum_rows({"一般": 4})), rules, "2026-10", "旗舰店")
    given = assign_reviewers(result, [("甲", third), ("乙", third), ("丙", third)])
    # 4/3 each: whole parts 1, 1, 1, the last to 甲; pace: 甲 .5, then 乙 .5 (tie, named first),
    # then 丙 .75, then 甲.
    assert [c.reviewer for c in given.chats] == ["甲", "乙", "丙", "甲"]


def test_a_reviewer_with_no_share_gets_no_chat() -> None:
    result = assign_reviewers(two_agents(), [("张三", Fraction(1)), ("李四", Fraction(0))])
    assert {c.reviewer for c in result.chats} == {"张三"}


@pytest.mark.parametrize(
    "reviewers",
    [
        [],
        [("张三", Fraction(1, 2)), ("李四", Fraction(1, 3))],  # 5/6
        [("张三", Fraction(3, 5)), ("李四", Fraction(3, 5))],  # 6/5
        [("张三", Fraction(1)), ("李四", None)],
        [("张三", None), ("张三", None)],
        [("张三", Fraction(3, 2)), ("李四", Fraction(-1, 2))],
    ],
)
def test_reviewers_that_cannot_be_assigned_are_refused(reviewers: list[tuple[str, Fraction | None]]) -> None:
    with pytest.raises(ValueError):
        assign_reviewers(two_agents(), reviewers)
