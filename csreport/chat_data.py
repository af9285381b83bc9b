"""A month's chat list as data: what ``inputs.chat_list`` reads and ``scoring.sampling`` draws from.

Shared (beneath both layers) because scoring never imports the input layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from csreport.problems import Problem


@dataclass(frozen=True)
class ChatList:
    """The chats of one list file, one row each, with where each came from."""

    file: str  # the file's name as the user gave it
    sha256: str  # of the file's bytes, shown on the notes sheet
    sheet: str
    # One row per readable chat. Columns: chat_id (str, canonical text: 1.23e12 read from a
    # number cell is "1230000000000"), agent (str), name (str, "" when absent), date
    # (datetime.date or None), satisfaction (one of the five words or 未评价), messages (float,
    # NaN when absent), duration_s (float, NaN when absent), row (the Excel row number).
    frame: pd.DataFrame
    agent_field: str  # "agent_id" (工号) or "subaccount" (旺旺 / 客服账号): what ``agent`` holds
    has_messages: bool  # the list has a message count column
    problems: tuple[Problem, ...] = ()
    # Rows that are not chats that can be sampled, by reason: "no_chat_id", "bad_chat_id" (a
    # long number Excel turned into scientific notation), "no_agent", "bad_satisfaction",
    # "duplicate" (each also reported in ``problems`` with its rows).
    left_out: tuple[tuple[str, int], ...] = field(default=())
