"""A month's chat list as data: what ``inputs.chat_list`` reads and ``scoring.sampling`` draws from.

Shared (beneath both layers) because scoring never imports the input layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from csreport.problems import Problem

# Why rows of a chat list are not chats that can be sampled, in the order they are listed: a row
# without a chat id, with one Excel shortened, without an agent or with a 满意度 that is not a
# rating, and the rows of a chat listed several times with different values ("conflict"). These
# rows are set aside for their data: the command reports them and ends with exit code 1.
SET_ASIDE = ("no_chat_id", "bad_chat_id", "no_agent", "bad_satisfaction", "conflict")
# ... and a chat listed again with the same values, counted once (a note, not an error).
LEFT_OUT = (*SET_ASIDE, "duplicate")
# What the rows of one chat id must agree on to be the same chat listed again (the values the
# draw uses); rows that disagree on any of them are a "conflict" and the chat is set aside.
SAME_CHAT = ("agent", "satisfaction", "date", "messages")


@dataclass(frozen=True)
class ChatList:
    """The chats of one list file, one row each, with where each came from."""

    file: str  # the file's name as the user gave it
    sha256: str  # of the file's bytes, shown on the notes sheet
    sheet: str
    # One row per readable chat, each chat id once. Columns: chat_id (str, canonical text: 1.23e12
    # read from a number cell is "1230000000000"), agent (str), name (str, "" when absent), date
    # (datetime.date or None), satisfaction (one of the five words or 未评价), messages (float,
    # NaN when absent), duration_s (float, NaN when absent), row (the Excel row number).
    frame: pd.DataFrame
    agent_field: str  # "agent_id" (工号) or "subaccount" (旺旺 / 客服账号): what ``agent`` holds
    has_messages: bool  # the list has a message count column
    problems: tuple[Problem, ...] = ()
    # Rows that are not chats that can be sampled, by reason, in ``LEFT_OUT``'s order (each also
    # reported in ``problems`` with its rows); zero counts are not listed.
    left_out: tuple[tuple[str, int], ...] = field(default=())
