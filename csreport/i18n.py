"""User-facing text in Chinese (default) and English.

Messages are templates keyed by a stable code; parameters are filled in with
``str.format``. A missing parameter leaves its placeholder visible rather than raising,
because a half-filled message is better than a traceback.
"""

from __future__ import annotations

from typing import Any, NamedTuple

LANGS = ("zh", "en")


class Bilingual(NamedTuple):
    """A message parameter written in both languages; ``translate`` picks one."""

    zh: str
    en: str

# code -> (zh, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # locations and severities
    "loc.sheet": ("工作表「{sheet}」", "sheet '{sheet}'"),
    "loc.row": ("第 {row} 行", "row {row}"),
    "loc.column": ("{column} 列", "column {column}"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "note"),
    # file-level
    "file.not_found": ("找不到文件：{path}", "File not found: {path}"),
    "file.encrypted": (
        "工作簿有密码保护，无法读取。请在 Excel/WPS 中取消密码后另存一份再试。",
        "The workbook is password protected. Remove the password in Excel/WPS, save a copy "
        "and try again.",
    ),
    "file.corrupt": (
        "不是可读取的工作簿（文件已损坏，或并非 Excel/CSV 文件）：{reason}",
        "Not a readable workbook (the file is damaged or is not an Excel/CSV file): {reason}",
    ),
    "file.unsupported": (
        "不支持的文件类型「{ext}」。支持 .xlsx .xlsm .xls .ods .csv",
        "Unsupported file type '{ext}'. Supported: .xlsx .xlsm .xls .ods .csv",
    ),
    "file.too_large": (
        "文件过大（{size_mb} MB，上限 {limit_mb} MB），为保护电脑内存已拒绝读取。",
        "The file is too large ({size_mb} MB, limit {limit_mb} MB); refused to protect memory.",
    ),
    "file.zip_bomb": (
        "工作簿解压后过大（{size_mb} MB，上限 {limit_mb} MB），疑似异常文件，已拒绝读取。",
        "The workbook expands to {size_mb} MB (limit {limit_mb} MB); it looks abnormal and "
        "was refused.",
    ),
    "file.no_sheets": (
        "文件中没有识别出任何考核数据表（花名册/考勤/接待数据/质检抽查）。",
        "No assessment sheet (roster, attendance, reception, sampled chats) was recognised "
        "in this file.",
    ),
    "file.skipped_lock": (
        "跳过 Excel 临时锁文件或 csreport 自己生成的报表。",
        "Skipped an Excel lock file or a report csreport wrote."),
    "sheet.too_many_rows": (
        "工作表超过 {limit} 行数据的上限，已拒绝读取。请按月拆分后再试。",
        "The sheet has more than the {limit}-row limit and was refused. Split it by month.",
    ),
    "sheet.hidden": ("隐藏工作表已跳过。", "Hidden sheet skipped."),
    "sheet.chart": ("图表页，不含数据，已跳过。", "Chart sheet with no data; skipped."),
    "sheet.unrecognised": (
        "未能识别此工作表的用途（表头中没有找到工号等列），已跳过。",
        "Could not tell what this sheet holds (no 工号 or similar column in its header); "
        "skipped.",
    ),
    "sheet.missing_columns": (
        "此表看起来是「{role}」，但缺少必需的列：{columns}。此表已跳过。",
        "This sheet looks like '{role}' but lacks required columns: {columns}. Sheet skipped.",
    ),
    "sheet.role": ("识别为「{role}」，表头在第 {header_row} 行，共 {rows} 行数据。",
                   "Recognised as '{role}', header on row {header_row}, {rows} data rows."),
    "sheet.unmapped_column": (
        "列「{header}」未能对应到任何字段，已忽略。",
        "Column '{header}' does not map to any field and was ignored.",
    ),
    # cell-level
    "cell.not_number": (
        "「{value}」不是有效的数字，此值按缺失处理。",
        "'{value}' is not a valid number; treated as missing.",
    ),
    "cell.not_date": (
        "「{value}」不是有效的日期，此行已排除。",
        "'{value}' is not a valid date; row excluded.",
    ),
    "cell.negative": (
        "「{value}」为负数，不可能出现，此值按缺失处理。",
        "'{value}' is negative, which is impossible; treated as missing.",
    ),
    "cell.out_of_range": (
        "「{value}」超出合理范围（{low} 到 {high}），此值按缺失处理。",
        "'{value}' is outside the plausible range ({low} to {high}); treated as missing.",
    ),
    "cell.placeholder": (
        "单元格为「{value}」，按缺失处理。",
        "Cell holds '{value}'; treated as missing.",
    ),
    "cell.bad_status": (
        "考勤状态「{value}」无法识别（应为 出勤/迟到/早退/请假/旷工/休息），此行已排除。",
        "Attendance status '{value}' is not one of 出勤/迟到/早退/请假/旷工/休息; row excluded.",
    ),
    "cell.bad_yesno": (
        "「{value}」应为 是 或 否，按缺失处理。",
        "'{value}' should be 是 or 否; treated as missing.",
    ),
    "cell.bad_post_status": (
        "岗位状态「{value}」无法识别（应为 试用期 或 正式），按 正式 处理。",
        "岗位状态 '{value}' is neither 试用期 nor 正式; treated as 正式.",
    ),
    "row.missing_id": (
        "此行没有工号，已排除。", "This row has no 工号; excluded."),
    "row.replied_gt_asked": (
        "回复人数（{replied}）大于咨询人数（{asked}），不可能出现，此行的回复率数据已排除。",
        "回复人数 ({replied}) exceeds 咨询人数 ({asked}), which is impossible; this row's "
        "reply data was excluded.",
    ),
    "row.paid_gt_received": (
        "付款订单数（{paid}）大于接待人数（{received}），请核对。",
        "付款订单数 ({paid}) exceeds 接待人数 ({received}); please check.",
    ),
    "row.duplicate": (
        "与第 {first_row} 行重复（{key}），此行已排除，保留第 {first_row} 行。",
        "Duplicates row {first_row} ({key}); this row was excluded and row {first_row} kept.",
    ),
    "row.duplicate_conflict": (
        "与第 {first_row} 行的{key}相同但内容不同，此行已排除，保留第 {first_row} 行，请核对。",
        "Same {key} as row {first_row} but different values; this row was excluded and "
        "row {first_row} kept. Please check.",
    ),
    "row.outside_month": (
        "日期 {value} 不在考核月份 {month} 内，此行已排除。",
        "Date {value} is outside the assessed month {month}; row excluded.",
    ),
    "row.summary": (
        "汇总行「{value}」已排除，不计入数据。",
        "Summary row '{value}' excluded from the data.",
    ),
    "row.no_items": (
        "此条抽查没有态度得分，十项评分也不完整（填了 {filled}/{items} 项），不计入态度平均分。",
        "This sampled chat has no 态度得分 and incomplete item scores ({filled}/{items}); it "
        "is left out of the attitude average.",
    ),
    "cell.formula_no_cache": (
        "公式单元格没有计算结果（文件由程序生成、从未在 Excel 中打开过）：{value}。"
        "请先用 Excel 或 WPS 打开并保存该文件。此值按缺失处理，不会当作 0。",
        "Formula cell has no calculated value (the file was written by a program and never "
        "opened in Excel): {value}. Open and save the file in Excel/WPS first. Treated as "
        "missing, never as 0.",
    ),
    "cell.error_value": (
        "单元格是错误值 {value}，按缺失处理。请在原表中修正公式。",
        "The cell holds the error value {value}; treated as missing. Fix the formula in the "
        "workbook.",
    ),
    "rate.points": (
        "此比率列有大于 1 的数字，整列按百分数读取（例如 99.71 表示 99.71%）。",
        "This rate column has numbers above 1, so the whole column is read as percentages "
        "(99.71 means 99.71%).",
    ),
    "rate.mixed": (
        "此比率列既有小于 1 的小数又有大于 1 的数字，整列按百分数读取（0.98 表示 0.98%），请核对。",
        "This rate column mixes fractions below 1 and numbers above 1; the whole column is read "
        "as percentages (0.98 means 0.98%). Please check.",
    ),
    "column.blanks": (
        "此列有 {count} 个空白单元格（第 {rows} 行），按缺失处理。",
        "This column has {count} blank cell(s) (rows {rows}); treated as missing.",
    ),
    "column.derived": (
        "表中没有该计数，已按 {formula} 计算。",
        "The sheet lacks this count; it was computed as {formula}.",
    ),
    "sheet.duplicate_column": (
        "列「{header}」与另一列表示同一字段，已忽略此列（优先使用以秒为单位的列）。",
        "Column '{header}' repeats a field another column already gives; ignored (the column "
        "in seconds is preferred).",
    ),
    "agent.unmapped_subaccount": (
        "旺旺/客服账号「{subaccount}」在花名册的「旺旺」列中找不到对应工号。其数据仍会计分，"
        "但以该账号代替工号，请在花名册中补上。",
        "Sub-account '{subaccount}' is not in the roster's 旺旺 column, so its 工号 is unknown. "
        "Its data is still scored under the sub-account; add it to the roster.",
    ),
    "mapping.invalid": ("表头映射文件 {file} 第 {line} 行：{problem}",
                        "Header mapping file {file} line {line}: {problem}"),
    # cross-sheet
    "agent.not_in_roster": (
        "工号 {agent} 出现在数据中，但不在花名册里。仍会计分，但缺少姓名、组别和级别。",
        "工号 {agent} appears in the data but not in the roster. Scored anyway, without name, "
        "group or 级别.",
    ),
    "agent.no_data": (
        "花名册中的工号 {agent}（{name}）没有「{role}」数据，相关指标记为缺数据。",
        "工号 {agent} ({name}) in the roster has no {role_en} data; the related KPIs are "
        "marked 缺数据.",
    ),
    "role.absent": (
        "没有找到「{role}」数据表，所有人的相关指标都将记为缺数据。",
        "No {role_en} sheet was found; the related KPIs are 缺数据 for everyone.",
    ),
    "agent.unknown_level": (
        "工号 {agent} 的级别「{level}」不在级别表中，无法确定系数。",
        "工号 {agent}'s 级别 '{level}' is not in the level ladder; no 系数 can be set.",
    ),
    "roster.missing": (
        "没有找到花名册，所有人按正式员工考核，且没有姓名、组别和级别。",
        "No roster found: everyone is scored as regular staff, without name, group or 级别.",
    ),
    "month.mixed": (
        "数据包含多个月份（{months}）。请用 --month YYYY-MM 指定要考核的月份。",
        "The data spans several months ({months}). Choose one with --month YYYY-MM.",
    ),
    "month.none": (
        "无法确定考核月份：数据中没有有效日期。请用 --month YYYY-MM 指定。",
        "Cannot tell the month: the data has no valid dates. Use --month YYYY-MM.",
    ),
    "month.bad": ("月份「{value}」格式不对，应为 YYYY-MM，例如 2026-10。",
                  "Month '{value}' is not in the form YYYY-MM, e.g. 2026-10."),
    "run.no_inputs": ("没有可读取的输入文件。", "No readable input file."),
    "run.no_agents": ("没有找到任何客服数据，无法计分。", "No agent data found; nothing to score."),
    "rules.not_found": ("找不到规则「{name}」。可用的预设：{presets}",
                        "Rules '{name}' not found. Presets: {presets}"),
    "rules.invalid": ("规则文件 {file} 第 {line} 行，{path}：{problem}",
                      "Rules file {file} line {line}, {path}: {problem}"),
    "config.invalid": ("设置文件 {file} 第 {line} 行：{problem}",
                       "Settings file {file} line {line}: {problem}"),
    "writeback.unsupported": (
        "此文件格式（xls/csv/ods）无法回写结果，已跳过回写；报表照常生成。",
        "Results cannot be written back into this file type (xls/csv/ods); skipped. The "
        "reports are produced as usual.",
    ),
    "writeback.encrypted": ("文件有密码保护，无法回写结果，已跳过。",
                            "The file is password protected; results were not written back."),
    "writeback.not_writable": ("无法写出回写副本，已跳过。", "Could not write the copy; skipped."),
    "writeback.failed": ("无法识别此工作簿的结构，未回写结果（原文件未改动）。",
                         "Could not understand this workbook's structure; results were not "
                         "written back (the original is unchanged)."),
    "rules.lint": ("规则问题（{path}）：{message}", "Rules problem ({path}): {message_en}"),
    "rules.unsafe": ("规则「{rules}」的权重或分值有误，无法可靠计分：{findings}。"
                     "请先用 csreport rules lint 检查并修正。",
                     "The rules '{rules}' have wrong weights or points and cannot score reliably: "
                     "{findings}. Check them with csreport rules lint first."),
    "rules.no_profile": ("规则「{rules}」中没有权重方案「{profile}」。可用方案：{profiles}",
                         "Rules '{rules}' have no weight profile '{profile}'. Profiles: {profiles}"),
    "templates.not_found": ("找不到模板目录：{path}", "Template folder not found: {path}"),
    "templates.broken": ("模板 {template} 第 {line} 行有错误：{problem}",
                         "Template {template} line {line} is broken: {problem}"),
    "output.not_writable": ("无法写入输出文件 {path}：{reason}",
                            "Cannot write output {path}: {reason}"),
    "pdf.failed": ("生成成绩单 PDF 失败（{agent}）：{reason}",
                   "Rendering the scorecard PDF failed ({agent}): {reason}"),
    "pdf.worker_died": ("生成 PDF 的后台进程意外退出（可能是内存不足）。工作簿已写好；"
                        "可用 --workers 1 重新生成 PDF。",
                        "A PDF worker process stopped unexpectedly (out of memory?). The "
                        "workbook is written; run again with --workers 1 for the PDFs."),
}


class _SafeDict(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def translate(code: str, lang: str = "zh", **params: Any) -> str:
    """Return the message for ``code`` in ``lang`` with ``params`` filled in."""
    pair = MESSAGES.get(code)
    if pair is None:
        return code if not params else f"{code} {params}"
    template = pair[1] if lang == "en" else pair[0]
    picked = {k: (v.en if lang == "en" else v.zh) if isinstance(v, Bilingual) else v
              for k, v in params.items()}
    return template.format_map(_SafeDict(picked))
