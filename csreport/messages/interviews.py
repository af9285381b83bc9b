"""Catalogue: the 面谈 (interview) sheet of the results workbook, what the numbers show for each
agent, and reading the filled sheet back (issue 14)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # what the numbers show: a KPI furthest above or below the norm, in points of the agent's own
    # maximum; the norm is the agent's team, or the whole shop for an agent without a 组别
    "interviews.above_team": ("{name}（高于团队平均 {gap} 分）", "{name} ({gap} pts above team average)"),
    "interviews.below_team": ("{name}（低于团队平均 {gap} 分）", "{name} ({gap} pts below team average)"),
    "interviews.above_shop": ("{name}（高于全店平均 {gap} 分）", "{name} ({gap} pts above shop average)"),
    "interviews.below_shop": ("{name}（低于全店平均 {gap} 分）", "{name} ({gap} pts below shop average)"),
    "interviews.veto": ("否决：{reason}", "Veto: {reason}"),
    # the sheet
    "interviews.title": ("面谈记录 {month} · {shop}", "Interviews {month} · {shop}"),
    "interviews.hint": (
        "灰色列是本月的结果和数据显示的优势与不足（与团队平均相比），供面谈参考。面谈后请填写白色列："
        "面谈要点、综合评定（可与等级不同；不同时请选原因并在「说明」中写明）、改进计划和面谈日期"
        "（yyyy-mm-dd）。请勿改动工号。填好后保存，运行 csreport interviews import {file}，"
        "或把本工作簿和下个月的数据文件放在一起运行 csreport run，面谈记录即存入历史。",
        "The grey columns hold this month's results and the strengths and weaknesses the numbers show "
        "(against the team average), to prepare the interview. After it, fill in the white columns: the "
        "interview notes, the overall judgement (it may differ from the grade; if it does, choose a reason "
        "and explain it), the improvement plan and the date (yyyy-mm-dd). Do not change the Agent IDs. "
        "Then save and run csreport interviews import {file}, or put this workbook beside next month's "
        "data files and run csreport run: the interviews are kept in the history.",
    ),
    # the lists' options, printed (paper has no drop-downs) and read back
    "interviews.options": (
        "综合评定可选：{grades}；与得分不同的原因可选：{reasons}",
        "Overall judgement: {grades}; why it differs from the score: {reasons}",
    ),
    "interviews.none": ("本月没有客服。", "No agents this month."),
    # columns the manager fills in
    "interviews.col.strengths": ("优势", "Strengths"),
    "interviews.col.weaknesses": ("不足", "Weaknesses"),
    "interviews.col.points": ("面谈要点", "Interview notes (面谈要点)"),
    "interviews.col.judgement": ("综合评定", "Overall judgement (综合评定)"),
    "interviews.col.reason": ("与得分不同的原因", "Why it differs from the score"),
    "interviews.col.note": ("说明", "Explanation"),
    "interviews.col.plan": ("改进计划", "Improvement plan"),
    "interviews.col.date": ("面谈日期", "Interview date"),
    # why the judgement differs from the score (the values of the 原因 column)
    "interviews.reason.traffic": ("流量", "Traffic"),
    "interviews.reason.promotion": ("促销", "Promotion"),
    "interviews.reason.season": ("淡旺季", "Season"),
    "interviews.reason.other": ("其他", "Other"),
    # the drop-down lists' prompts and refusals (Excel: a title of 32 characters at most)
    "interviews.judgement.prompt_title": ("综合评定", "Overall judgement"),
    "interviews.judgement.prompt": (
        "选择等级：{grades}。与本行等级不同时，请在右侧选原因并写明。",
        "Choose a grade: {grades}. If it differs from the row's grade, choose a reason to the right and "
        "explain it.",
    ),
    "interviews.judgement.refused": (
        "请从列表中选择等级：{grades}",
        "Choose a grade from the list: {grades}",
    ),
    "interviews.reason.prompt_title": ("与得分不同的原因", "Why it differs"),
    "interviews.reason.prompt": (
        "综合评定与等级不同的原因：{reasons}。",
        "Why the judgement differs from the grade: {reasons}.",
    ),
    "interviews.reason.refused": (
        "请从列表中选择原因：{reasons}",
        "Choose a reason from the list: {reasons}",
    ),
    "interviews.date.prompt_title": ("面谈日期", "Interview date"),
    "interviews.date.prompt": (
        "面谈的日期，格式 yyyy-mm-dd，在 {start} 至 {end} 之间。",
        "The day of the interview, as yyyy-mm-dd, from {start} to {end}.",
    ),
    "interviews.date.refused": (
        "请填写 {start} 至 {end} 之间的日期（yyyy-mm-dd）",
        "Enter a date from {start} to {end} (yyyy-mm-dd)",
    ),
    # reading the filled sheet back
    "interviews.no_sheet": (
        "{file} 中没有「面谈」（Interviews）工作表：请选择 csreport 写出的结果工作簿（如 {example}）。",
        "{file} has no 'Interviews' (面谈) sheet: choose a results workbook csreport wrote (such as "
        "{example}).",
    ),
    "interviews.no_id_column": (
        "找不到「工号」列，面谈无法对应到客服：这一表的面谈都没有读入。",
        "No 'Agent ID (工号)' column, so the interviews cannot be matched to agents: none of them was read.",
    ),
    "interviews.no_month": (
        "标题和文件名中都没有考核月份（如 2026-10）：不知道这些面谈属于哪个月，都没有读入。",
        "Neither the title nor the file name gives the month (such as 2026-10): the interviews cannot be "
        "filed under a month, so none was read.",
    ),
    "interviews.bad_judgement": (
        "综合评定「{value}」不是规则中的等级（{grades}）：此项未读入。",
        "Overall judgement '{value}' is not a grade of the rules ({grades}): left out.",
    ),
    "interviews.bad_reason": (
        "原因「{value}」不在可选之列（{reasons}）：此项未读入。",
        "Reason '{value}' is not one of {reasons}: left out.",
    ),
    "interviews.no_reason": (
        "综合评定 {judgement} 与等级 {grade} 不同，但没有填写原因（{reasons}）。",
        "The overall judgement {judgement} differs from the grade {grade}, but no reason ({reasons}) is "
        "given.",
    ),
    "interviews.bad_date": (
        "面谈日期「{value}」不是日期（应为 yyyy-mm-dd）：此项未读入。",
        "Interview date '{value}' is not a date (yyyy-mm-dd expected): left out.",
    ),
    "interviews.date_out_of_range": (
        "面谈日期 {value} 不在 {start} 至 {end} 之间（考核月份 {month} 及其后一个月）：此项未读入。",
        "Interview date {value} is not from {start} to {end} (the month {month} and the month after): "
        "left out.",
    ),
    "interviews.unknown_agent": (
        "工号 {value} 不在 {month} 的考核结果中：此行未读入。请核对工号。",
        "Agent ID (工号) {value} is not among the results of {month}: this row is not read. Check the ID.",
    ),
    "interviews.duplicate": (
        "工号 {value} 的面谈已在第 {first} 行填写：此行未读入。",
        "Agent ID (工号) {value} already has an interview on row {first}: this row is not read.",
    ),
    "interviews.row_without_id": (
        "此行填写了面谈内容，但没有工号：未读入。",
        "This row has interview entries but no Agent ID (工号): not read.",
    ),
    # a results workbook among a month's input files
    "interviews.results_workbook": (
        "csreport 的结果工作簿（{month}）：不作为数据读取，只读入其「面谈」表中的 {n} 条面谈记录。",
        "A csreport results workbook ({month}): not read as data; only the {n} interviews of its "
        "'Interviews' (面谈) sheet are read.",
    ),
    "interviews.results_workbook_without": (
        "csreport 的结果工作簿：不作为数据读取；其中没有「面谈」表，没有面谈记录可读。",
        "A csreport results workbook: not read as data; it has no 'Interviews' (面谈) sheet, so no "
        "interviews to read.",
    ),
}
