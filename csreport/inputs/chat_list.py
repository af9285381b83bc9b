"""A month's chat list as the back office exports it, read for QA sampling (csreport sample).

Columns are recognised like every other sheet's (aliases, the user's mapping): 会话编号, the
agent (工号, else 旺旺 / 客服账号), date or time, 满意度 (the five words, 5…1 stars, or blank for
未评价) and optionally the message count and duration. Built for a month of a large shop
(about 900,000 chats): read once, columns parsed whole, never a Python object per cell kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from csreport.inputs.mapping import UserMapping
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
    # Rows that are not chats that can be sampled, by reason: "bad_satisfaction", "no_agent",
    # "no_chat_id" (each also reported in ``problems`` with its rows).
    left_out: tuple[tuple[str, int], ...] = field(default=())


def read_chat_list(path: Path, mapping: UserMapping | None = None) -> ChatList:
    """Read ``path`` (xlsx, xls, csv) as a chat list; a file that is not one raises CsreportError."""
    raise NotImplementedError
