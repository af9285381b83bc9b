"""A calibration sheet's rows as data: what ``inputs.calibration_sheet`` reads and
``scoring.calibration`` reports on.

Shared (beneath both layers) because scoring never imports the input layer.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Rating"]


@dataclass(frozen=True)
class Rating:
    """One kept row of a calibration sheet: a reviewer's scores for one chat, as read."""

    chat_id: str  # 会话编号, as every reader compares it (``inputs.values.canonical_chat_id``)
    reviewer: str  # 评分人
    agent_id: str  # 工号, "" when the sheet has none
    items: tuple[float | None, ...]  # the ten items in domain.ATTITUDE_ITEMS order; None where blank
    typed_total: float | None  # 态度得分 as written, None when blank or absent
    total: float | None  # the ten items' sum when all ten are there, else 态度得分
    error_type: str  # 差错类型, "" when blank
    row: int  # the Excel row it was read from
