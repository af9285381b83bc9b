"""Levels (级别) decided in a half-year review, applied to a month's roster before scoring.

A review's decisions are recorded in history as ``LevelChange``s, each in force from its
``effective_month``. Until the manager updates the roster workbook, the roster still shows the
old level; the month is then scored with the decided one, and the agent's results say so
(``review_level_note``). Once the manager has changed the roster to anything else, the roster
wins: the manager decided again since.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Protocol, TypeVar

from csreport.history.model import LevelChange
from csreport.messages import Note


class Leveled(Protocol):
    """A roster entry: a dataclass with a ``level`` field (``inputs.dataset.RosterEntry``)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def level(self) -> str: ...


R = TypeVar("R", bound=Leveled)


def apply_level_changes(
    roster: Mapping[str, R], changes: Sequence[LevelChange], month: str
) -> tuple[dict[str, R], dict[str, tuple[str, str]]]:
    """The roster as scored in ``month`` (YYYY-MM), and agent_id → (the roster's level, the
    review period) for each agent whose level was taken from a review.

    Per agent, the changes in force (``effective_month`` ≤ ``month``; of two for one month, the
    later decided, or else the later given) are followed in order of effective month, starting
    from the roster's level: a change whose ``from_level`` is the level reached so far moves it to its
    ``to_level``. So when the roster still shows the latest change's ``from_level`` the agent
    gets its ``to_level``; when the roster already shows it, nothing is to do; when it shows
    a level off that path, the roster wins (the manager changed it since). A roster never
    updated after two reviews gets both. Changes for agents not in the roster are ignored.
    """
    # Per agent and effective month, the last decision: a review applied again after a
    # correction replaces what it decided before.
    in_force: dict[str, dict[str, tuple[str, int, LevelChange]]] = {}
    for order, change in enumerate(changes):
        if change.effective_month <= month and change.agent_id in roster:
            months = in_force.setdefault(change.agent_id, {})
            latest = months.get(change.effective_month)
            if latest is None or (change.decided_at, order) >= latest[:2]:
                months[change.effective_month] = (change.decided_at, order, change)
    out = dict(roster)
    taken: dict[str, tuple[str, str]] = {}
    for agent_id, found in in_force.items():
        entry = roster[agent_id]
        level, period = entry.level, ""
        for _month, (*_when, change) in sorted(found.items()):
            if change.from_level == level and change.to_level != level:
                level, period = change.to_level, change.period
        if level != entry.level:
            out[agent_id] = dataclasses.replace(entry, level=level)
            taken[agent_id] = (entry.level, period)
    return out, taken


def review_level_note(level: str, roster_level: str, period: str) -> Note:
    """The sentence on the agent's card and 汇总 row: ``level`` came from the ``period``
    review, and the roster still shows ``roster_level`` ("" when blank)."""
    if not roster_level:
        return Note.of("levels.from_review_blank", level=level, period=period)
    return Note.of("levels.from_review", level=level, period=period, roster_level=roster_level)
