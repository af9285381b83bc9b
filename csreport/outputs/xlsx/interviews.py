"""The 面谈 sheet: one row per agent for the manager's one-to-one interview, pre-filled with
what the numbers show and with empty columns the manager fills in and imports back."""

from __future__ import annotations

from collections.abc import Sequence

from csreport.outputs.xlsx.base import PrintSetup, SheetWriter
from csreport.results import AgentResult, MonthResult
from csreport.rules.model import RuleSet


def write_interviews(
    sw: SheetWriter, month: MonthResult, agents: Sequence[AgentResult], rules: RuleSet
) -> PrintSetup:
    """Write the 面谈 sheet; return how it prints."""
    return PrintSetup()  # TEMPORARY: being written by a helper (issue 14)
