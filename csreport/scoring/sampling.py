"""QA sampling: which of each agent's chats the reviewers score (pure; no I/O).

Per agent, n comes from the rules' ``per_agent``; n is split over the satisfaction strata by
largest remainder; within a stratum chats are ranked by ``chat_rank(seed, chat id)``, so the
same list gives the same sample on any machine, in any row order and in any csreport version;
a stratum with too few eligible chats is topped up from the others in the ``shortfall`` order.

The rules below are a promise to every QA lead who re-checks a sample by hand, and they hold in
every csreport version (tests pin literal values):

- the seed is ``month|shop`` (plus ``|salt`` when a salt is given);
- a chat's rank is the first 8 bytes of SHA-256(seed, a line break, chat id), big-endian;
  smaller ranks are picked first;
- n splits over the strata by largest remainder, exactly (fractions, never floating point);
- a short stratum is made up from the others' next-ranked chats, in the shortfall order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from csreport.chat_data import LEFT_OUT, SAME_CHAT, ChatList
from csreport.domain import SATISFACTION_LEVELS, UNRATED
from csreport.messages import Note
from csreport.rules.model import SamplingRules
from csreport.rules.sampling import EXCLUDE, OF_RECEIVED, OF_SPELLINGS, stratum_of
from csreport.util.agent_ids import numbers_first
from csreport.util.gc_pause import paused_cycle_collection


@dataclass(frozen=True)
class PickedChat:
    """One sampled chat, as the task sheet lists it."""

    chat_id: str
    agent: str  # the agent's key as the list gives it: 工号, else the 客服账号
    name: str  # 姓名 when the list or roster gives it, else ""
    date: dt.date | None
    satisfaction: str  # the customer's rating: one of the five words or 未评价
    stratum: str  # the stratum it was picked for (a topped-up chat: the stratum it came from)
    topped_up: bool  # picked to make up another stratum's shortfall
    rank: str  # the chat's rank key in hex (16 digits), shown so anyone can re-check the order
    row: int  # its Excel row in the chat list
    reviewer: str = ""


@dataclass(frozen=True)
class StratumCount:
    """One agent's stratum: what the list held, what the mix asked for, what was picked."""

    stratum: str
    available: int  # eligible chats in this stratum
    quota: int  # the stratum's share of n, by largest remainder
    picked: int  # chats picked from this stratum (quota met, plus any top-up taken from it)
    topped_up: int  # of ``picked``, chats taken to make up other strata's shortfall
    short: int  # quota this stratum could not fill (made up elsewhere when possible)


@dataclass(frozen=True)
class AgentSample:
    """One agent's sample and how it was drawn."""

    agent: str
    name: str
    received: int  # the agent's chats in the list for the month
    eligible: int  # of those, chats that may be sampled
    target: int  # n from the rules
    strata: tuple[StratumCount, ...]
    chats: tuple[PickedChat, ...]
    # Message codes that take no parameters (the counts above say the numbers):
    # "sample.note.all_taken" (fewer eligible chats than n: all were taken),
    # "sample.note.none_eligible" (no eligible chat at all), "sample.note.topped_up" (a stratum
    # was made up from others). Show them with ``translate(code, lang)``.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleResult:
    """A month's sample: the agents' samples and everything needed to re-draw it."""

    month: str  # YYYY-MM
    shop: str
    salt: str
    seed: str  # the text hashed with each chat id, printed on the notes sheet and the console
    agents: tuple[AgentSample, ...]
    # Chats left out before sampling, by reason code, in ``LEFT_OUT_REASONS``' order: the
    # reader's (``chat_data.LEFT_OUT``), then "other_month", "ineligible" (too few messages),
    # "unrated_excluded". Zero counts are not listed. ``left_out_notes`` gives them as sentences.
    left_out: tuple[tuple[str, int], ...] = ()
    # Message codes about the whole draw, without parameters: "sample.note.no_message_column"
    # (the rules set a minimum message count the list cannot be checked against).
    notes: tuple[str, ...] = ()

    @property
    def chats(self) -> tuple[PickedChat, ...]:
        """Every picked chat, agent by agent, in the task sheet's order."""
        return tuple(c for a in self.agents for c in a.chats)


# Reasons a chat is left out before sampling, in the order they are listed: the chat list's
# (``chat_data.LEFT_OUT``), then the draw's own. Each has the message "sample.left_out.<reason>"
# with a {count} parameter.
LEFT_OUT_REASONS = (*LEFT_OUT, "other_month", "ineligible", "unrated_excluded")


def seed_text(month: str, shop: str, salt: str = "") -> str:
    """The seed every chat's rank is hashed with: the month and the shop, plus the salt if any.

    Exactly ``f"{month}|{shop}"``, then ``f"|{salt}"`` when a salt is given: ``2026-10|旗舰店``,
    ``2026-10|旗舰店|2``. Printed on the notes sheet so anyone can re-draw the sample.
    """
    return f"{month}|{shop}|{salt}" if salt else f"{month}|{shop}"


def chat_rank(seed: str, chat_id: str) -> int:
    """A chat's rank key within its stratum (smallest first): a hash of the seed and chat id.

    ``int.from_bytes(sha256((seed + "\\n" + chat_id).encode("utf-8")).digest()[:8], "big")``,
    an integer below 2**64, shown as 16 hex digits (``PickedChat.rank``). Within a stratum the
    smaller rank is picked first; two equal ranks (which never happens in practice) are
    ordered by chat id.
    """
    return int.from_bytes(hashlib.sha256((seed + "\n" + chat_id).encode("utf-8")).digest()[:8], "big")


def target_size(rules: SamplingRules, received: int, eligible: int) -> int:
    """n for an agent with ``received`` chats in the list, ``eligible`` of them sampleable.

    ``rules.fixed`` when given; else ``rules.rate`` × the base rounded half up, computed
    exactly (2% of 250 is 5; of 275 is 5.5, so 6; of 225 is 4.5, so 5), then held within
    [``minimum``, ``maximum``]. The base is ``received`` (every chat of the agent in the month's
    list, eligible or not) when ``rules.of`` is 接待人数, and ``eligible`` for 可抽会话.
    This is the rules' n: an agent with fewer eligible chats than n gets all of them (``draw``).
    """
    if rules.fixed is not None:
        return max(0, rules.fixed)
    if rules.rate is None:
        raise ValueError("sampling rules without a rate or a fixed n")
    # 接待人数 (or "received"); anything else (可抽会话) is a share of the eligible chats.
    base = received if OF_SPELLINGS.get(rules.of.strip().lower()) == OF_RECEIVED else eligible
    exact = Fraction(rules.rate) * base
    n = math.floor(exact + Fraction(1, 2))
    return max(rules.minimum, min(rules.maximum, n))


def apportion(n: int, mix: Sequence[tuple[str, Fraction]], priority: Sequence[str] = ()) -> dict[str, int]:
    """n split over the strata of ``mix`` by largest remainder (n = 8 → 1/1/2/2/2).

    Hamilton's method with exact fractions: each stratum gets the whole part of n × its share;
    the seats left go one each to the largest remainders. Equal remainders: the stratum earlier
    in ``priority`` (the rules' shortfall order) first, then the one earlier in ``mix``. Shares
    that do not add up to 1 are taken relative to their sum. The result keeps ``mix``'s order.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    shares = [(name, Fraction(share)) for name, share in mix]
    if any(share < 0 for _, share in shares):
        raise ValueError("a share must not be negative")
    total = sum((share for _, share in shares), Fraction(0))
    if not shares or total == 0:
        if n:
            raise ValueError("nothing to split n over")
        return {name: 0 for name, _ in shares}
    quotas = [n * share / total for _, share in shares]
    seats = [math.floor(q) for q in quotas]
    left = n - sum(seats)
    rank_of = {name: i for i, name in enumerate(priority)}
    order = sorted(
        range(len(shares)),
        key=lambda i: (-(quotas[i] - seats[i]), rank_of.get(shares[i][0], len(rank_of)), i),
    )
    for i in order[:left]:
        seats[i] += 1
    return {name: seat for (name, _), seat in zip(shares, seats, strict=True)}


def draw(chats: ChatList, rules: SamplingRules, month: str, shop: str, salt: str = "") -> SampleResult:
    """The month's sample of every agent in ``chats``.

    - Only chats of ``month`` (YYYY-MM) take part; a chat dated in another month is left out
      ("other_month"); an undated chat counts for the month given.
    - Each chat id counts once, whatever the rows' order: rows of a chat id that agree on
      ``SAME_CHAT`` (agent, satisfaction, date, message count) are one chat, its row of the
      smallest Excel row kept ("duplicate" counts the others); rows that disagree on any of
      them are all left out ("conflict"), since no row order may decide which one counts. The
      chat list's reader applies the same rule, so a list it read repeats no chat id, and a
      roster that maps two accounts to one 工号 cannot make one repeat (a chat listed under both
      accounts was already a conflict); the rule here holds for a list built any other way.
    - A chat is eligible when it has at least ``rules.min_messages`` messages; a blank count is
      not known to be short, so it is eligible; a list without a message count column makes
      every chat eligible (and the result's notes say so).
    - Unrated chats (未评价) join the stratum ``rules.unrated`` names (their satisfaction stays
      未评价), are left out with "exclude" ("unrated_excluded"), or form their own stratum 未评价.
    - Per agent, n is ``target_size``; it is split over the mix's strata by ``apportion`` (ties
      in the shortfall order); each stratum gives min(quota, available) chats, smallest rank
      first; the total short is then taken from the strata in the shortfall order (the strata
      it does not name follow in mix order), each giving its next-ranked spare chats. So an
      agent gets min(n, eligible) chats, and all of them when fewer than n are eligible.
    - Agents come in ``numbers_first`` order of their key; within an agent, chats in the mix
      order of their stratum, then by rank.
    """
    with paused_cycle_collection():
        return _draw(chats, rules, month, shop, salt)


def _draw(chats: ChatList, rules: SamplingRules, month: str, shop: str, salt: str) -> SampleResult:
    seed = seed_text(month, shop, salt)
    frame = chats.frame
    counts: dict[str, int] = dict(chats.left_out)
    # Plain columns: a month of a large shop is 900,000 rows, and per-row pandas work is slow.
    col = {
        name: np.array(frame[name].tolist() if name in frame else [None] * len(frame), dtype=object)
        for name in ("chat_id", "agent", "name", "date", "satisfaction", "row")
    }

    counted = frame["messages"] if "messages" in frame else pd.Series(np.nan, index=frame.index)
    messages = pd.to_numeric(counted, errors="coerce").to_numpy(dtype=float)
    once, repeats, clashing = _one_row_per_chat(col, messages)
    counts["duplicate"] = counts.get("duplicate", 0) + repeats
    counts["conflict"] = counts.get("conflict", 0) + clashing
    inside = _each_bool(col["date"], lambda d: _in_month(d, int(month[:4]), int(month[5:7])))
    counts["other_month"] = counts.get("other_month", 0) + int((once & ~inside).sum())
    keep = once & inside
    col = {name: values[keep] for name, values in col.items()}
    messages = messages[keep]

    long_enough = _long_enough(messages, chats.has_messages, rules.min_messages)
    unrated = col["satisfaction"] == UNRATED
    excluded = unrated & long_enough if rules.unrated == EXCLUDE else np.zeros(len(unrated), dtype=bool)
    counts["ineligible"] = counts.get("ineligible", 0) + int((~long_enough).sum())
    counts["unrated_excluded"] = counts.get("unrated_excluded", 0) + int(excluded.sum())
    sampleable = long_enough & ~excluded

    strata = _strata(rules, col["satisfaction"][sampleable])
    stratum_code = {name: i for i, name in enumerate(strata)}
    # Every sampleable chat has a stratum: unrated chats are not sampleable when excluded.
    code_of = {s: stratum_code[str(stratum_of(s, rules))] for s in set(col["satisfaction"][sampleable])}
    stratum_at = np.array([code_of[s] for s in col["satisfaction"][sampleable]], dtype=np.int64)

    found, uniques = pd.factorize(col["agent"])
    keys = sorted((str(u) for u in uniques), key=numbers_first)
    place = {key: i for i, key in enumerate(keys)}
    agent_of = np.array([place[str(u)] for u in uniques], dtype=np.int64)[found] if len(found) else found
    received = np.bincount(agent_of, minlength=len(keys))
    eligible = np.bincount(agent_of[sampleable], minlength=len(keys))

    pool = _Pool.of({name: values[sampleable] for name, values in col.items()}, seed)
    order = _order(agent_of[sampleable], stratum_at, pool.ranks, pool.chat_ids)
    groups = _groups(agent_of[sampleable][order], stratum_at[order])
    names = _names(agent_of, col["name"], len(keys))
    shortfall = [s for s in rules.shortfall if s in stratum_code]
    shortfall += [s for s in strata if s not in shortfall]

    samples = []
    for code, key in enumerate(keys):
        runs = {s: groups.get((code, i), (0, 0)) for i, s in enumerate(strata)}
        head = _Agent(key, names[code], int(received[code]), int(eligible[code]))
        samples.append(_agent_sample(head, rules, strata, shortfall, runs, order, pool))
    notes = (
        ("sample.note.no_message_column",)
        if rules.min_messages is not None and not chats.has_messages
        else ()
    )
    left_out = tuple((r, counts[r]) for r in LEFT_OUT_REASONS if counts.get(r, 0))
    return SampleResult(month, shop, salt, seed, tuple(samples), left_out, notes)


def left_out_notes(result: SampleResult) -> tuple[Note, ...]:
    """The chats left out before sampling, one sentence per reason ("sample.left_out.<reason>")."""
    return tuple(Note.of(f"sample.left_out.{reason}", count=count) for reason, count in result.left_out)


def assign_reviewers(result: SampleResult, reviewers: Sequence[tuple[str, Fraction | None]]) -> SampleResult:
    """``result`` with each chat's reviewer: by rotation (no shares) or by the shares given.

    The chats are taken in the task sheet's order (``result.chats``), across agents.

    - No shares (every share None): chat i goes to reviewer i mod k, in the order given.
    - Shares (every share given, adding up to exactly 1): each reviewer's total is their share
      of all chats by largest remainder (equal remainders: the reviewer named first); then chat
      i goes to the reviewer furthest behind their total's pace, that is with the largest
      total × (i + 1) / chats − chats given so far, among those not yet at their total (equal:
      the reviewer named first). 60%/40% over 5 chats gives A, B, A, B, A.

    Raises ValueError for no reviewers, a name given twice, shares given for only some
    reviewers, a negative share, or shares not adding up to 1 (100%).
    """
    if not reviewers:
        raise ValueError("no reviewers")
    names = [name for name, _ in reviewers]
    if len(set(names)) != len(names):
        raise ValueError("a reviewer is named twice")
    shares = [share for _, share in reviewers]
    chats = result.chats
    if all(share is None for share in shares):
        given = [names[i % len(names)] for i in range(len(chats))]
    elif any(share is None for share in shares):
        raise ValueError("shares given for only some reviewers")
    else:
        exact = [Fraction(share) for share in shares if share is not None]
        if any(share < 0 for share in exact):
            raise ValueError("a share must not be negative")
        if sum(exact, Fraction(0)) != 1:
            raise ValueError("the shares do not add up to 100%")
        given = _by_shares(names, exact, len(chats))
    it = iter(given)
    agents = tuple(
        dataclasses.replace(a, chats=tuple(dataclasses.replace(c, reviewer=next(it)) for c in a.chats))
        for a in result.agents
    )
    return dataclasses.replace(result, agents=agents)


# --- helpers ------------------------------------------------------------------------------------


def _by_shares(names: list[str], shares: list[Fraction], count: int) -> list[str]:
    """Reviewer of each of ``count`` chats, by largest-remainder totals, interleaved by pace."""
    totals = apportion(count, list(zip(names, shares, strict=True)))
    target = [totals[name] for name in names]
    done = [0] * len(names)
    out = []
    for i in range(count):
        behind = [
            (Fraction(target[r] * (i + 1), count) - done[r], -r)
            for r in range(len(names))
            if done[r] < target[r]
        ]
        r = -max(behind)[1]
        done[r] += 1
        out.append(names[r])
    return out


def _in_month(value: Any, year: int, month: int) -> bool:
    """True for a date in the month, and for a missing date (it counts for the month given)."""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.year == year and value.month == month
    return True


def _each_bool(values: np.ndarray, test: Any) -> np.ndarray:
    """``test`` of every value, each distinct value tested once (a month has 31 dates)."""
    seen = {x: bool(test(x)) for x in set(values.tolist())}
    return np.array([seen[x] for x in values.tolist()], dtype=bool)


def _one_row_per_chat(col: dict[str, np.ndarray], messages: np.ndarray) -> tuple[np.ndarray, int, int]:
    """Which rows to keep so that each chat id counts once, whatever the rows' order; with the
    repeats dropped and the rows of conflicting chats left out.

    Rows of a chat id that agree on ``SAME_CHAT`` are one chat: the row with the smallest Excel
    row is kept. Rows that disagree on any of them are all left out. Returns (keep, repeats
    dropped, conflicting rows).
    """
    ids = col["chat_id"].tolist()
    keep = np.ones(len(ids), dtype=bool)
    if len(set(ids)) == len(ids):
        return keep, 0, 0  # no chat id listed twice at all: the common case, checked cheaply
    table = pd.DataFrame({"chat_id": ids, "row": col["row"], "messages": messages})
    for name in SAME_CHAT:
        if name != "messages":
            table[name] = col[name]
    repeated = table[table.duplicated("chat_id", keep=False)]
    differ = (repeated.groupby("chat_id", sort=False)[list(SAME_CHAT)].nunique(dropna=False) > 1).any(axis=1)
    clashing = table["chat_id"].isin(differ.index[differ]).to_numpy()
    same = repeated[~clashing[repeated.index]].sort_values("row", kind="stable")
    again = same.index[same.duplicated("chat_id", keep="first")].to_numpy()
    keep[clashing] = False
    keep[again] = False
    return keep, len(again), int(clashing.sum())


def _long_enough(messages: np.ndarray, has_messages: bool, least: int | None) -> np.ndarray:
    """Rows with enough messages: a blank count is not known to be short, so it passes."""
    if least is None or not has_messages:
        return np.ones(len(messages), dtype=bool)
    with np.errstate(invalid="ignore"):
        return np.isnan(messages) | (messages >= least)


def _strata(rules: SamplingRules, present: np.ndarray) -> list[str]:
    """The strata: the mix's in its order, then any other stratum that has chats (say 未评价
    when the rules give it no share), in the order of the satisfaction words."""
    strata = [name for name, _ in rules.mix]
    seen = {found for s in set(present.tolist()) if (found := stratum_of(s, rules)) is not None}
    known = [*SATISFACTION_LEVELS, UNRATED]
    extra = sorted(seen - set(strata), key=lambda s: (known.index(s) if s in known else len(known), s))
    return strata + extra


def _ranks(seed: str, chat_ids: list[str]) -> np.ndarray:
    """``chat_rank`` of every chat id, as unsigned 64-bit integers (computed in one pass)."""
    prefix = (seed + "\n").encode("utf-8")
    sha = hashlib.sha256
    digests = b"".join([sha(prefix + cid.encode("utf-8")).digest()[:8] for cid in chat_ids])
    return np.frombuffer(digests, dtype=">u8").astype(np.uint64)


def _order(
    agent_of: np.ndarray, stratum_of: np.ndarray, ranks: np.ndarray, chat_ids: list[str]
) -> np.ndarray:
    """Row positions sorted by agent, stratum, rank, then chat id for equal ranks."""
    order = np.lexsort((ranks, stratum_of, agent_of))
    if len(order) < 2:
        return order
    a, s, r = agent_of[order], stratum_of[order], ranks[order]
    same = (a[1:] == a[:-1]) & (s[1:] == s[:-1]) & (r[1:] == r[:-1])
    if not same.any():
        return order
    # Equal ranks within a stratum (a 64-bit collision): order those runs by chat id.
    order = order.copy()
    ties = np.flatnonzero(same)  # position i ties with i + 1
    for run in np.split(ties, np.flatnonzero(np.diff(ties) != 1) + 1):
        start, end = int(run[0]), int(run[-1]) + 2
        order[start:end] = sorted(order[start:end].tolist(), key=lambda p: chat_ids[p])
    return order


def _groups(agent_sorted: np.ndarray, stratum_sorted: np.ndarray) -> dict[tuple[int, int], tuple[int, int]]:
    """(agent, stratum) → (start, end) of its run in the sorted order."""
    if not len(agent_sorted):
        return {}
    change = np.flatnonzero(
        (agent_sorted[1:] != agent_sorted[:-1]) | (stratum_sorted[1:] != stratum_sorted[:-1])
    )
    starts = np.concatenate(([0], change + 1))
    ends = np.concatenate((change + 1, [len(agent_sorted)]))
    return {
        (int(agent_sorted[s]), int(stratum_sorted[s])): (int(s), int(e))
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
    }


def _names(agent_of: np.ndarray, names: np.ndarray, count: int) -> list[str]:
    """Each agent's name: the one the list gives most often (equal counts: the first in text
    order), "" when it gives none; independent of the rows' order."""
    tally = Counter(zip(agent_of.tolist(), names.tolist(), strict=True))
    best: dict[int, tuple[int, str]] = {}
    for (agent, name), n in tally.items():
        if not isinstance(name, str) or not name:
            continue
        held = best.get(agent)
        if held is None or (-n, name) < (-held[0], held[1]):
            best[agent] = (n, name)
    return [best[a][1] if a in best else "" for a in range(count)]


@dataclass(frozen=True)
class _Pool:
    """The sampleable chats of the month as plain columns, with their ranks."""

    chat_ids: list[str]
    dates: list[Any]
    satisfaction: list[str]
    rows: list[int]
    ranks: np.ndarray

    @classmethod
    def of(cls, columns: dict[str, np.ndarray], seed: str) -> _Pool:
        ids = list(map(str, columns["chat_id"].tolist()))
        return cls(
            ids,
            columns["date"].tolist(),
            list(map(str, columns["satisfaction"].tolist())),
            list(map(int, columns["row"].tolist())),
            _ranks(seed, ids),
        )


@dataclass(frozen=True)
class _Agent:
    key: str
    name: str
    received: int
    eligible: int


def _agent_sample(
    agent: _Agent,
    rules: SamplingRules,
    strata: list[str],
    shortfall: list[str],
    runs: dict[str, tuple[int, int]],
    order: np.ndarray,
    pool: _Pool,
) -> AgentSample:
    """One agent's picks; ``runs`` gives each stratum's slice of ``order`` (ranked chats)."""
    n = target_size(rules, agent.received, agent.eligible)
    quotas = apportion(n, rules.mix, rules.shortfall)
    # The mix's strata always; another (未评价 without a share) only when this agent has chats in it.
    strata = [s for s in strata if s in quotas or runs[s][1] > runs[s][0]]
    shortfall = [s for s in shortfall if s in strata]
    available = {s: runs[s][1] - runs[s][0] for s in strata}
    base = {s: min(quotas.get(s, 0), available[s]) for s in strata}
    missing = sum(max(0, quotas.get(s, 0) - available[s]) for s in strata)
    extra = dict.fromkeys(strata, 0)
    for s in shortfall:
        if missing <= 0:
            break
        extra[s] = min(available[s] - base[s], missing)
        missing -= extra[s]
    counts = []
    picked: list[PickedChat] = []
    for s in strata:
        take = base[s] + extra[s]
        start = runs[s][0]
        for k, pos in enumerate(order[start : start + take].tolist()):
            picked.append(
                PickedChat(
                    chat_id=pool.chat_ids[pos],
                    agent=agent.key,
                    name=agent.name,
                    date=_date(pool.dates[pos]),
                    satisfaction=pool.satisfaction[pos],
                    stratum=s,
                    topped_up=k >= base[s],
                    rank=f"{int(pool.ranks[pos]):016x}",
                    row=pool.rows[pos],
                )
            )
        quota = quotas.get(s, 0)
        counts.append(StratumCount(s, available[s], quota, take, extra[s], max(0, quota - available[s])))
    notes: list[str] = []
    if agent.eligible == 0 and n > 0:
        notes.append("sample.note.none_eligible")
    elif agent.eligible < n:
        notes.append("sample.note.all_taken")
    if any(extra.values()):
        notes.append("sample.note.topped_up")
    return AgentSample(
        agent.key, agent.name, agent.received, agent.eligible, n, tuple(counts), tuple(picked), tuple(notes)
    )


def _date(value: Any) -> dt.date | None:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
