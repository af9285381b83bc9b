"""The fixed names of csreport's own files, shared by the layer that writes them and the
layer that must recognise them (so a report folder given as input is not read back as data).

They are names on disk and in workbooks, the same in every language, like the folder a
manager already knows (``客服绩效_2026-10.xlsx``).
"""

from __future__ import annotations

# The month's results: 客服绩效_<YYYY-MM>.xlsx and .json.
RESULTS_PREFIX = "客服绩效_"
# Write-back copies: <input stem>_考核结果.xlsx, holding a 考核结果 sheet.
WRITEBACK_SUFFIX = "_考核结果"
WRITEBACK_SHEET = "考核结果"
# A file of the user's rescued into a month folder where its name is already taken.
RESCUED_MARK = " (恢复)"
# The half-year review: <out>/评审_<from>_<to>/晋级评审_<from>_<to>.xlsx, its per-agent PDFs in
# 评审表/, and the new roster --apply writes (花名册_<first month it applies to>.xlsx).
REVIEW_FOLDER_PREFIX = "评审_"
REVIEW_WORKBOOK_PREFIX = "晋级评审_"
REVIEW_CARDS_FOLDER = "评审表"
NEW_ROSTER_PREFIX = "花名册_"
# QA sampling: <out>/<month>/质检任务单_<month>.xlsx, with the task sheet (one row per picked
# chat), the notes sheet (per agent and stratum: available / picked / topped up, the seed) and
# the hidden manifest csreport reads back to tell a sampled chat from one that was not.
TASK_WORKBOOK_PREFIX = "质检任务单_"
TASK_SHEET = "质检任务"
TASK_NOTES_SHEET = "抽样说明"
# Calibration: <out>/校准报告_<YYYY-MM-DD>.xlsx and .pdf.
CALIBRATION_PREFIX = "校准报告_"
# The drop folder's processing log (``csreport watch``), in the output folder: one name in every
# language, the one the Windows script and its README point a manager to. Never read as data.
PROCESSING_LOG_NAME = "处理记录.xlsx"
# Sheets of instructions beside the data (the blank templates' 说明, a manager's own 填写说明):
# a sheet of one of these names whose headers are not recognised is passed over quietly.
NOTES_SHEETS = frozenset({"说明", "填写说明", "使用说明", "Notes", "Instructions"})
