"""The layout of the hidden manifest sheet a QA task workbook carries.

Written by ``outputs.xlsx.task_sheet`` and read back by ``inputs`` when the filled task
workbook comes to ``check`` or ``run``: it is how csreport tells a scored chat that was
sampled from one a reviewer added, and a sampled chat left unscored from one never picked.
The sheet is very hidden so nobody edits it by accident; a re-save in Excel or WPS keeps it.

Row 1: ``MARKER``, ``VERSION``, month (YYYY-MM), seed, rules hash, chat list SHA-256.
Row 2: ``COLUMNS`` (field ids, not shown to anyone).
Row 3 on: one row per sampled chat, in the task sheet's order.
"""

from __future__ import annotations

SHEET = "抽样清单"
MARKER = "csreport-sample-manifest"
VERSION = 1
COLUMNS = ("chat_id", "agent", "stratum", "topped_up")
