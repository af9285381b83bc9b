"""Catalogue: the assessment cycle's history import (issue 14).

``csreport history import`` reads past csreport outputs (客服绩效_<month>.json or .xlsx) into
history (``csreport.inputs.past_outputs``): a file it cannot use is refused in one line naming
it; a row of the 汇总 it cannot read is a problem at its cell, the rest imported.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # the file as a whole: one line naming it
    "history_import.unsupported": (
        "{file} 不是 csreport 的结果文件：只能导入 csreport 生成的 .json 或 .xlsx（客服绩效_<月份>）。",
        "{file} is not a csreport output: only the .json or .xlsx csreport writes "
        "('客服绩效_<month>') can be imported.",
    ),
    "history_import.unreadable": ("无法读取 {file}：{reason}", "Cannot read {file}: {reason}"),
    "history_import.too_large": (
        "{file} 过大（{size_mb} MB，上限 {limit_mb} MB），已拒绝读取。",
        "{file} is too large ({size_mb} MB, limit {limit_mb} MB); refused.",
    ),
    "history_import.json_not_text": (
        "{file} 不是 UTF-8 文本，不是 csreport 写出的 JSON。",
        "{file} is not UTF-8 text, so not a JSON csreport wrote.",
    ),
    "history_import.json_damaged": (
        "{file} 不是完整的 JSON（第 {line} 行第 {column} 列处出错），文件可能没有复制完整或已损坏。",
        "{file} is not complete JSON (it breaks off at line {line}, column {column}); "
        "the file may be cut short or damaged.",
    ),
    "history_import.json_not_csreport": (
        "{file} 不是 csreport 的结果 JSON：没有 {key}。",
        "{file} is not a csreport results JSON: it has no {key}.",
    ),
    "history_import.json_key_missing": (
        "{file} 缺少 {key}，无法导入；文件可能被改动过或不完整。",
        "{file} lacks {key} and cannot be imported; the file may have been edited or be incomplete.",
    ),
    "history_import.json_key_type": (
        "{file} 中 {key} 应为{expected}，实为 {value}，无法导入。",
        "In {file}, {key} should be {expected}, not {value}; it cannot be imported.",
    ),
    "history_import.json_duplicate": (
        "{file} 中 {key} 的工号 {agent} 重复出现，无法导入。",
        "In {file}, {key} repeats the agent ID (工号) {agent}; it cannot be imported.",
    ),
    "history_import.type.text": ("文字", "text"),
    "history_import.type.number": ("数字", "a number"),
    "history_import.type.whole": ("整数", "a whole number"),
    "history_import.type.bool": ("true 或 false", "true or false"),
    "history_import.type.list": ("列表", "a list"),
    "history_import.type.object": ("对象（{{…}}）", "an object ({{…}})"),
    "history_import.type.month": ("YYYY-MM 格式的月份", "a month written YYYY-MM"),
    "history_import.type.conclusion": ("pass、fail 或 missing", "pass, fail or missing"),
    "history_import.no_summary": (
        "{file} 没有“汇总”工作表，不是 csreport 的结果工作簿。",
        "{file} has no Summary (汇总) sheet; it is not a csreport results workbook.",
    ),
    "history_import.no_tables": (
        "{file} 的“{sheet}”工作表中没有 csreport 的考核表（标题行“{title}”下接以“{header}”开头的表头行）。",
        "The sheet '{sheet}' of {file} holds no csreport table (a title row '{title}' "
        "followed by a header row starting '{header}').",
    ),
    "history_import.no_month": (
        "{file} 看不出是哪个月份的结果：文件名不是 客服绩效_YYYY-MM，工作簿属性中也没有月份。",
        "Which month {file} holds cannot be told: its name is not '客服绩效_YYYY-MM' and "
        "its properties give no month.",
    ),
    # one cell or row of the 汇总 (a problem at its location; the rest is imported)
    "history_import.not_number": (
        "“{value}”不是数字；这位客服本月的结果未导入。",
        "'{value}' is not a number; this agent's month was not imported.",
    ),
    "history_import.not_number_kept": (
        "“{value}”不是数字；这一项留空，这位客服本月的其余结果已导入。",
        "'{value}' is not a number; this value is left empty, the rest of the agent's month was imported.",
    ),
    "history_import.bad_conclusion": (
        "“{value}”不是结论（{words}）；这位客服本月的结果未导入。",
        "'{value}' is not a conclusion ({words}); this agent's month was not imported.",
    ),
    "history_import.no_agent_id": (
        "这一行有数据但没有工号；这一行未导入。",
        "This row has data but no agent ID (工号); it was not imported.",
    ),
    "history_import.duplicate_agent": (
        "工号 {value} 在前面已出现过；这一行未导入。",
        "The agent ID (工号) {value} appeared above already; this row was not imported.",
    ),
    "history_import.no_table": (
        "这一行上方没有考核表标题和表头行；这一行未导入。",
        "No table title and header row above this row; it was not imported.",
    ),
    "history_import.missing_column": (
        "考核表“{table}”的表头没有“{header}”列；这张表的客服未导入。",
        "The header of the table '{table}' has no '{header}' column; its agents were not imported.",
    ),
}
