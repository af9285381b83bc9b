"""How lists of agents are ordered by 工号, one place for each of the two orders csreport uses."""

from __future__ import annotations


def by_digits(agent_id: str) -> tuple[int, str]:
    """The 工号's digits as a number, then the 工号: KF2 before KF10 (the order agents are scored
    and changes are listed in)."""
    digits = "".join(ch for ch in agent_id if ch.isdigit())
    return (int(digits) if digits else 0, agent_id)


def numbers_first(agent_id: str) -> tuple[int, int, str]:
    """工号 that are numbers, numerically (999 before 1001), then the others as text (the order
    of the 汇总's and the review's rows within a table or group)."""
    if agent_id.isascii() and agent_id.isdigit():
        return (0, int(agent_id), agent_id)
    return (1, 0, agent_id)
