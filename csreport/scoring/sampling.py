"""QA sampling: which of each agent's chats the reviewers score (pure; no I/O).

Per agent, n comes from the rules' ``per_agent``; n is split over the satisfaction strata by
largest remainder; within a stratum chats are ranked by ``chat_rank(seed, chat id)``, so the
same list gives the same sample on any machine, in any row order and in any csreport version;
a stratum with too few eligible chats is topped up from the others in the ``shortfall`` order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from csreport.inputs.chat_list import ChatList
from csreport.rules.model import SamplingRules


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
    # Message codes with no parameters beyond the counts above: "sample.note.all_taken" (fewer
    # eligible chats than n), "sample.note.topped_up" (a stratum was made up from others).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleResult:
    """A month's sample: the agents' samples and everything needed to re-draw it."""

    month: str  # YYYY-MM
    shop: str
    salt: str
    seed: str  # the text hashed with each chat id, printed on the notes sheet and the console
    agents: tuple[AgentSample, ...]
    # Chats left out before sampling, by reason code: "ineligible" (too few messages),
    # "other_month", "unrated_excluded", "bad_satisfaction", "no_agent", "no_chat_id".
    left_out: tuple[tuple[str, int], ...] = ()

    @property
    def chats(self) -> tuple[PickedChat, ...]:
        """Every picked chat, agent by agent, in the task sheet's order."""
        return tuple(c for a in self.agents for c in a.chats)


# The functions below are implemented by the sampling engine's owner; their signatures are the
# contract the sample command and the task sheet code against.


def seed_text(month: str, shop: str, salt: str = "") -> str:
    """The seed every chat's rank is hashed with: the month and the shop, plus the salt if any."""
    raise NotImplementedError


def chat_rank(seed: str, chat_id: str) -> int:
    """A chat's rank key within its stratum (smallest first): a hash of the seed and chat id."""
    raise NotImplementedError


def target_size(rules: SamplingRules, received: int, eligible: int) -> int:
    """n for an agent with ``received`` chats in the list, ``eligible`` of them sampleable."""
    raise NotImplementedError


def apportion(n: int, mix: Sequence[tuple[str, Fraction]], priority: Sequence[str] = ()) -> dict[str, int]:
    """n split over the strata of ``mix`` by largest remainder (n = 8 → 1/1/2/2/2)."""
    raise NotImplementedError


def draw(chats: ChatList, rules: SamplingRules, month: str, shop: str, salt: str = "") -> SampleResult:
    """The month's sample of every agent in ``chats``."""
    raise NotImplementedError


def assign_reviewers(result: SampleResult, reviewers: Sequence[tuple[str, Fraction | None]]) -> SampleResult:
    """``result`` with each chat's reviewer: by rotation (no shares) or by the shares given."""
    raise NotImplementedError
