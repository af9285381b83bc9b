"""The 趋势 sheet: each agent's 总分 over the six months up to the scored one, and the teams'."""

from __future__ import annotations

from collections.abc import Sequence

from csreport.outputs.xlsx.base import PrintSetup, SheetWriter
from csreport.results import AgentResult, Trends


def write_trends(sw: SheetWriter, trends: Trends, agents: Sequence[AgentResult]) -> PrintSetup:
    """Write the 趋势 sheet; return how it prints."""
    return PrintSetup()  # TEMPORARY: being written by a helper (issue 14)
