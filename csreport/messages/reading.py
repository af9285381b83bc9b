"""Reading inputs: where a row is, lists of rows, why a file cannot be read, which kind of file."""

TEXT: dict[str, tuple[str, str]] = {
    # row numbers, as a parameter of the messages that name them
    "rows.one": ("第 {spans} 行", "row {spans} belongs"),
    "rows.many": ("第 {spans} 行", "rows {spans} belong"),
    "rows.in_file": ("{file}「{sheet}」第 {row} 行", "row {row} of {file}, sheet '{sheet}'"),
    "rows.in_sheet": ("工作表「{sheet}」第 {row} 行", "row {row} of sheet '{sheet}'"),
    "rows.of_agent": ("{row}（{agent}）", "{row} ({agent})"),
    "month.row_count": ("{month}（{n} 行）", "{month} ({n} row)"),
    "month.row_count_many": ("{month}（{n} 行）", "{month} ({n} rows)"),
    # the cells a dated row cannot do without (row.unusable_cell)
    "row.key.date": ("日期", "date (日期)"),
    "row.key.att_status": ("考勤状态", "attendance status (考勤状态)"),
    # reasons of file.corrupt
    "read.plain_text": (
        "内容是纯文本，不是 Excel 工作簿；如果它是 CSV，请把扩展名改为 .csv",
        "the content is plain text, not an Excel workbook; if it is a CSV, rename it to .csv",
    ),
    "read.sheet_data_missing": ("找不到工作表「{sheet}」的数据", "the data of sheet '{sheet}' is missing"),
    "read.number_too_large": (
        "工作表「{sheet}」中有日期或时长格式的单元格数值过大，无法读取；请检查后另存为 .xlsx",
        "a date or duration cell in sheet '{sheet}' holds a number too large "
        "to read; check it and save the file as .xlsx",
    ),
    "read.ole_truncated": ("OLE 文件头不完整", "truncated OLE header"),
    "read.ole_bad_header": ("OLE 文件头无效", "invalid OLE header"),
    "read.ole_sector": ("OLE 扇区超出文件范围", "OLE sector outside the file"),
    "read.ole_chain": ("OLE 扇区链损坏", "broken OLE sector chain"),
    "read.ole_stream_length": ("OLE 数据流长度超出文件", "OLE stream longer than the file"),
    "read.ole_no_workbook": ("OLE 文件中没有 Excel 工作簿数据流", "no Excel workbook stream in the OLE file"),
    # what an entry named like a workbook really is (input.not_regular)
    "input.kind.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "input.kind.char_device": ("设备文件", "a device file"),
    "input.kind.block_device": ("磁盘设备", "a block device"),
    "input.kind.socket": ("套接字（socket）", "a socket"),
    "input.shortcut": ("{kind}（快捷方式，指向 {target}）", "{kind} (a shortcut to {target})"),
    # the kinds of YAML file csreport reads (the {what} of settings.* messages)
    "settings.what.rules": ("规则文件", "rules file"),
    "settings.what.mapping": ("表头映射文件", "header mapping file"),
    "settings.what.settings": ("设置文件", "settings file"),
    "file.not_found": ("找不到文件：{path}", "File not found: {path}"),
    "file.encrypted": (
        "工作簿有密码保护，无法读取。请在 Excel/WPS 中取消密码后另存一份再试。",
        "The workbook is password protected. Remove the password in Excel/WPS, save a copy and try again.",
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
        "The workbook expands to {size_mb} MB (limit {limit_mb} MB); it looks abnormal and was refused.",
    ),
    "file.no_sheets": (
        "文件中没有识别出任何考核数据表（花名册/考勤/接待数据/质检抽查）。请确认表头行有「工号」等列；"
        "表头名称不同时，用 --mapping 指定表头映射（见 examples/mapping.yaml）。",
        "No assessment sheet (roster, attendance, reception, sampled chats) was recognised "
        "in this file. Check that its header row has an agent ID (工号) column and the others; "
        "if the headers are named differently, map them with --mapping (see "
        "examples/mapping.yaml).",
    ),
    "file.skipped_lock": (
        "跳过 Excel 临时锁文件或 csreport 自己生成的报表。",
        "Skipped an Excel lock file or a report csreport wrote.",
    ),
    "sheet.too_many_rows": (
        "工作表超过 {limit} 行数据的上限，已拒绝读取。请按月拆分后再试。",
        "The sheet has more than the {limit}-row limit and was refused. Split it by month.",
    ),
    "sheet.hidden": ("隐藏工作表已跳过。", "Hidden sheet skipped."),
    "sheet.chart": ("图表页，不含数据，已跳过。", "Chart sheet with no data; skipped."),
    "sheet.unrecognised": (
        "未能识别此工作表的用途（表头中没有找到工号等列），已跳过。",
        "Could not tell what this sheet holds: its header has no agent ID (工号) or similar column; skipped.",
    ),
    "sheet.missing_columns": (
        "此表看起来是「{role}」，但缺少必需的列：{columns}。此表已跳过。",
        "This sheet looks like '{role}' but lacks required columns: {columns}. Sheet skipped.",
    ),
    "sheet.role": (
        "识别为「{role}」，表头在第 {header_row} 行，共 {rows} 行数据。",
        "Recognised as '{role}', header on row {header_row}, {rows} data rows.",
    ),
    "sheet.unmapped_column": (
        "列「{header}」未能对应到任何字段，已忽略。",
        "Column '{header}' does not map to any field and was ignored.",
    ),
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
        "「{value}」超出合理范围（{low}–{high}），此值按缺失处理。",
        "'{value}' is outside the plausible range ({low}–{high}); treated as missing.",
    ),
    "cell.placeholder": (
        "单元格为「{value}」，按缺失处理。",
        "Cell holds '{value}'; treated as missing.",
    ),
    "cell.bad_status": (
        "考勤状态「{value}」无法识别（应为 出勤/迟到/早退/请假/旷工/休息），此行已排除。",
        "Attendance status '{value}' is not one of '出勤', '迟到', '早退', '请假', '旷工', '休息' "
        "(present, late, left early, on leave, absent, rest); row excluded.",
    ),
    "cell.bad_yesno": (
        "「{value}」应为 是 或 否，按缺失处理。",
        "'{value}' should be '是' (yes) or '否' (no); treated as missing.",
    ),
    "cell.bad_post_status": (
        "岗位状态「{value}」无法识别（应为 试用期 或 正式），按 正式 处理。",
        "Post status (岗位状态) '{value}' is neither '试用期' (probation) nor '正式' (regular); "
        "treated as '正式'.",
    ),
    "row.missing_id": ("此行没有工号，已排除。", "This row has no agent ID (工号); excluded."),
    "row.replied_gt_asked": (
        "回复人数（{replied}）大于咨询人数（{asked}），不可能出现，此行的回复率数据已排除。",
        "Customers replied (回复人数) exceed customers who asked (咨询人数), {replied} > {asked}, "
        "which is impossible; this row's reply data was excluded.",
    ),
    "row.paid_gt_received": (
        "付款订单数（{paid}）大于接待人数（{received}），请核对。",
        "Paid orders (付款订单数) exceed sessions received (接待人数), {paid} > {received}; please check.",
    ),
    "row.duplicate": (
        "与第 {first_row} 行重复（{key}），此行已排除，保留第 {first_row} 行。",
        "Duplicates row {first_row} ({key}); this row was excluded and row {first_row} kept.",
    ),
    "row.duplicate_conflict": (
        "与第 {first_row} 行的{key} 相同但内容不同，此行已排除，保留第 {first_row} 行，请核对。",
        "Same {key} as row {first_row} but different values; this row was excluded and "
        "row {first_row} kept. Please check.",
    ),
    "row.summary": (
        "汇总行「{value}」已排除，不计入数据。",
        "Summary row '{value}' excluded from the data.",
    ),
    "row.no_items": (
        "此条抽查没有态度得分，十项评分也不完整（填了 {filled}/{items} 项），不计入态度平均分。",
        "This sampled chat has no attitude score (态度得分) and incomplete item scores "
        "({filled}/{items}); it is left out of the attitude average.",
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
        "The cell holds the error value {value}; treated as missing. Fix the formula in the workbook.",
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
        "此表没有直接给出这一项，已按 {formula} 计算。",
        "The sheet does not give this directly; it was computed as {formula}.",
    ),
    "sheet.duplicate_column": (
        "列「{header}」与另一列表示同一字段，已忽略此列（优先使用以秒为单位的列）。",
        "Column '{header}' repeats a field another column already gives; ignored (the column "
        "in seconds is preferred).",
    ),
    "agent.unmapped_subaccount": (
        "旺旺/客服账号「{subaccount}」在花名册的「旺旺」列中找不到对应工号。其数据仍会计分，"
        "但以该账号代替工号，请在花名册中补上。",
        "Sub-account '{subaccount}' is not in the roster's sub-account (旺旺) column, so its agent "
        "ID (工号) is unknown. "
        "Its data is still scored under the sub-account; add it to the roster.",
    ),
    "agent.matched_by_name": (
        "旺旺/客服账号「{subaccount}」不在花名册的「旺旺」列中，但与花名册中工号 {agent} 的姓名相同，"
        "已按 {agent} 计分；如不对，请在花名册的「旺旺」列写明这个账号。",
        "Sub-account '{subaccount}' is not in the roster's sub-account (旺旺) column but is the "
        "name of agent {agent} in the roster, so it is scored as {agent}; if that is wrong, write "
        "the account in that column of the roster.",
    ),
    "mapping.invalid": (
        "表头映射文件 {file} 第 {line} 行：{problem}",
        "Header mapping file {file} line {line}: {problem}",
    ),
    "role.name.roster": ("花名册", "roster"),
    "role.name.attendance": ("考勤", "attendance"),
    "role.name.reception": ("接待数据", "reception"),
    "role.name.qa": ("质检抽查", "sampled chats"),
    "agent.not_in_roster": (
        "工号 {agent} 出现在数据中，但不在花名册里：不计入人数、团队和排名，没有成绩单，"
        "列在「需核对」中。请核对工号，或把此人加入花名册后重新运行。",
        "Agent ID (工号) {agent} appears in the data but not in the roster: not counted, in no team "
        "or ranking and without a scorecard; listed under To check (需核对). Check the ID, or add "
        "the agent to the roster and run again.",
    ),
    "agent.no_data": (
        "花名册中的工号 {agent}（{name}）没有「{role}」数据，相关指标记为缺数据。",
        "Agent ID (工号) {agent} ({name}) in the roster has no {role} data; the related KPIs "
        "are marked missing data (缺数据).",
    ),
    "role.absent": (
        "没有找到「{role}」数据表，所有人的相关指标都将记为缺数据。",
        "No {role} sheet was found; the related KPIs are missing data (缺数据) for everyone.",
    ),
    "agent.unknown_level": (
        "工号 {agent} 的级别「{level}」不在级别表中，无法确定系数。",
        "Agent ID (工号) {agent}: the level (级别) '{level}' is not in the rules' level ladder, so no "
        "coefficient (系数) can be set.",
    ),
    "roster.missing": (
        "没有找到花名册，所有人按正式员工考核，且没有姓名、组别和级别。",
        "No roster found: everyone is scored as regular staff, without name, group or level.",
    ),
    "month.mixed": (
        "数据包含多个月份（{months}）。请用 --month YYYY-MM 指定要考核的月份。",
        "The data spans several months ({months}). Choose one with --month YYYY-MM.",
    ),
    "month.none": (
        "无法确定考核月份：数据中没有有效日期。请用 --month YYYY-MM 指定。",
        "Cannot tell the month: the data has no valid dates. Use --month YYYY-MM.",
    ),
    "month.bad": (
        "月份「{value}」格式不对，应为 YYYY-MM，例如 2026-10。",
        "Month '{value}' is not in the form YYYY-MM, e.g. 2026-10.",
    ),
    "input.given_twice": (
        "这个文件已经通过其他路径（或所在文件夹）给出，只读取一次。",
        "This file was already given by another path (or its folder); it is read once.",
    ),
    # Reasons of file.corrupt for damage found while parsing (csreport.inputs.workbook).
    "read.damaged_compression": (
        "其中的压缩数据已损坏（可能下载或复制未完成）；请重新下载或从原系统重新导出",
        "its compressed data is damaged (perhaps an unfinished download or "
        "copy); download or export it again",
    ),
    "read.unsupported_compression": (
        "其中的数据使用了无法读取的压缩或加密方式；请在 Excel/WPS 中打开后另存为 .xlsx",
        "its data uses a compression or encryption method that cannot "
        "be read; open it in Excel/WPS and save it as .xlsx",
    ),
    "read.unparsable": (
        "文件的内部结构无法解析（可能已损坏，或是不受支持的旧格式）；"
        "请在 Excel/WPS 中打开后另存为 .xlsx，或从原系统重新导出",
        "its inner structure cannot be parsed (damaged, or an old format that "
        "is not supported); open it in Excel/WPS and save it as .xlsx, or export "
        "it again",
    ),
    "read.malformed_xml": (
        "其中的 XML 内容格式错误；请在 Excel/WPS 中打开后另存为 .xlsx",
        "its XML content is malformed; open it in Excel/WPS and save it as .xlsx",
    ),
    "read.truncated_record": (
        "其中的数据记录不完整（文件可能被截断）；请重新导出，或在 Excel/WPS 中打开后另存为 .xlsx",
        "a data record in it is incomplete (the file may be cut short); export "
        "it again, or open it in Excel/WPS and save it as .xlsx",
    ),
    "read.unexpected": (
        "读取时出错（{kind}）；请在 Excel/WPS 中打开后另存为 .xlsx 再试",
        "reading it failed ({kind}); open it in Excel/WPS and save it as .xlsx",
    ),
    "read.row_beyond_excel": (
        "工作表「{sheet}」第 {row} 行有单元格，超出 Excel 最多 1048576 行的上限；"
        "请从原系统重新导出，或在 Excel/WPS 中打开后另存为 .xlsx",
        "sheet '{sheet}' has a cell in row {row}, past Excel's limit of "
        "1048576 rows; export it again, or open it in Excel/WPS and save it "
        "as .xlsx",
    ),
    "file.out_of_memory": (
        "读取这个文件时内存不足，文件已跳过；请关闭其他程序，或删除不需要的行列、按月拆分后再试。",
        "There was not enough memory to read this file, so it was skipped; close "
        "other programs, or delete unneeded rows and columns or split it by month.",
    ),
    "file.csv_too_many_lines": (
        "CSV 有内容的行排到了第 {row} 行，超过 Excel 最多 {limit} 行的上限"
        "（中间多为空行），已拒绝读取；请删除多余的空行后再试。",
        "The CSV has content on line {row}, past Excel's limit of {limit} "
        "rows (mostly blank lines in between), so it was refused; delete "
        "the extra blank lines and try again.",
    ),
    "file.empty": (
        "文件是空的（0 字节），里面没有任何数据；请从原系统重新导出，或重新复制一份完整的文件。",
        "The file is empty (0 bytes); export it again from its system, or copy the complete file again.",
    ),
    "file.is_word": (
        "这是 Word 文档，不是 Excel 工作簿；请把表格复制到 Excel/WPS 表格中，另存为 .xlsx 后再试。",
        "This is a Word document, not an Excel workbook; copy the table into Excel/WPS and save it as .xlsx.",
    ),
    "file.is_slides": (
        "这是 PowerPoint 演示文稿，不是 Excel 工作簿；请提供从原系统导出的 .xlsx 或 .csv 文件。",
        "This is a PowerPoint presentation, not an Excel workbook; use the .xlsx or "
        ".csv file exported from the source system.",
    ),
    "file.is_html": (
        "这是网页文件，不是 Excel 工作簿；请在 Excel/WPS 中打开后另存为 .xlsx",
        "This is a web page (HTML), not an Excel workbook; open it in Excel/WPS and save it as .xlsx",
    ),
    "file.xml_spreadsheet": (
        "这是 Excel 2003 XML 表格，无法直接读取；请在 Excel/WPS 中打开后另存为 .xlsx。",
        "This is an Excel 2003 XML spreadsheet, which cannot be read directly; "
        "open it in Excel/WPS and save it as .xlsx.",
    ),
    "file.old_excel": (
        "这是很旧的 Excel 格式（Excel {version}.0 工作表，1990 年代初），无法读取；"
        "请在 Excel/WPS 中打开后另存为 .xlsx。",
        "This is a very old Excel format (an Excel {version}.0 worksheet from the "
        "early 1990s) that cannot be read; open it in Excel/WPS and save it as .xlsx.",
    ),
    "file.is_pdf": (
        "这是 PDF 文件，不是 Excel 工作簿；请从原系统导出 Excel（.xlsx）或 CSV 格式的数据。",
        "This is a PDF, not an Excel workbook; export the data from the source "
        "system as Excel (.xlsx) or CSV.",
    ),
    "file.is_image": (
        "这是图片（{kind}），不是 Excel 工作簿；请从原系统导出 Excel（.xlsx）或 CSV 格式的数据。",
        "This is an image ({kind}), not an Excel workbook; export the data from "
        "the source system as Excel (.xlsx) or CSV.",
    ),
    "file.is_archive": (
        "这是压缩包，不是 Excel 工作簿；请先解压，再选择其中的 .xlsx 或 .csv 文件。",
        "This is a compressed archive, not an Excel workbook; extract it and "
        "use the .xlsx or .csv files inside.",
    ),
    "file.utf16_no_bom": (
        "这是 UTF-16（Unicode）文本，但缺少编码标记，无法可靠读取；请在 Excel/WPS 中"
        "打开后另存为 .xlsx，或另存为「CSV UTF-8（逗号分隔）」。",
        "This is UTF-16 (Unicode) text without a byte-order mark, so it cannot "
        "be read reliably; open it in Excel/WPS and save it as .xlsx or as "
        "'CSV UTF-8 (comma delimited)'.",
    ),
    "file.unknown_kind": (
        "无法识别的文件内容，不是 Excel 工作簿或 CSV；请在 Excel/WPS 中打开确认，另存为 .xlsx 后再试。",
        "Unrecognised content: this is not an Excel workbook or CSV; open it "
        "in Excel/WPS to check, and save it as .xlsx.",
    ),
    "file.damaged_zip": (
        "工作簿已损坏（压缩结构不完整，可能下载或复制未完成）；请重新下载或从原系统重新导出。",
        "The workbook is damaged (its zip structure is incomplete, perhaps an "
        "unfinished download or copy); download or export it again.",
    ),
    "file.is_folder": (
        "{path} 是一个文件夹，不是文件；请选择其中的工作簿文件。",
        "{path} is a folder, not a file; choose the workbook files inside it.",
    ),
    "file.not_regular": (
        "这不是普通文件（可能是设备或管道）；请选择工作簿文件。",
        "This is not a regular file (a device or pipe?); choose a workbook file.",
    ),
    "file.no_permission": (
        "没有读取这个文件的权限；请检查文件权限，或把文件复制到自己的文件夹后再试。",
        "No permission to read this file; check its permissions, or copy it "
        "into your own folder and try again.",
    ),
    "file.unreadable": (
        "读取文件时出错（{reason}）；请确认文件没有被其他程序占用、磁盘或网络盘可用，复制一份到本机后再试。",
        "Reading the file failed ({reason}); make sure no other program holds "
        "it and the disk or network drive is available, copy it locally and "
        "try again.",
    ),
    "file.csv_encoding": (
        "CSV 编码无法识别（应为 UTF-8 或 GBK）；请在 Excel/WPS 中另存为「CSV UTF-8（逗号分隔）」或 .xlsx。",
        "Unknown CSV encoding (expected UTF-8 or GBK); save it from Excel/WPS "
        "as 'CSV UTF-8 (comma delimited)' or as .xlsx.",
    ),
    "file.csv_quote": (
        'CSV 第 {row} 行有一个引号（"）没有配对，从这里往后的内容无法分列，整个文件未读取；'
        "请修正这一行的引号，或从原系统重新导出。",
        'Row {row} of the CSV opens a quote (") that is never closed, so the '
        "rest of the file cannot be split into cells and the file was not read; "
        "fix the quote on that row or export the file again.",
    ),
    "file.part_too_big": (
        "工作簿内部的「{part}」过大（{size_mb} MB，上限 {limit_mb} MB）"
        "，疑似异常文件，已拒绝读取；"
        "请在 Excel/WPS 中打开后另存一份再试。",
        "The workbook part '{part}' is too large ({size_mb} MB, limit "
        "{limit_mb} MB) and looks abnormal, so it was refused; open it in "
        "Excel/WPS and save a copy.",
    ),
    "file.too_many_strings": (
        "工作簿包含 {count} 个不同的文本，超过 {limit} 个的上限，已拒绝读取；请按月拆分后再试。",
        "The workbook holds {count} distinct texts, more than the limit of "
        "{limit}, so it was refused; split it by month.",
    ),
    "sheet.too_many_cells": (
        "有值的单元格超过 {limit} 个的上限，为保护电脑内存，整个文件已拒绝读取；"
        "请删除不需要的列或按月拆分后再试。",
        "More than the limit of {limit} cells hold values, so the file was "
        "refused to protect memory; delete unneeded columns or split it "
        "by month.",
    ),
    "sheet.too_big_declared": (
        "工作表声明的区域有 {cells} 个单元格（上限 {limit}）"
        "，疑似异常文件，已拒绝读取；"
        "请在 Excel/WPS 中打开后另存为 .xlsx。",
        "The sheet declares a range of {cells} cells (limit {limit}) and "
        "looks abnormal, so it was refused; open it in Excel/WPS and save "
        "it as .xlsx.",
    ),
    "sheet.too_big_box": (
        "工作表的数据一直延伸到第 {row} 行，区域超过 {limit} 个单元格，已拒绝读取；"
        "请删除远处多余的单元格，或在 Excel/WPS 中另存为 .xlsx 后再试。",
        "The sheet's data reaches row {row}, a range of more than {limit} "
        "cells, so it was refused; delete the stray far-away cells, or save it "
        "as .xlsx in Excel/WPS.",
    ),
    "input.broken_symlink": (
        "这是一个失效的快捷方式（符号链接指向的文件不存在），已跳过。",
        "A broken shortcut (symbolic link to a missing file); skipped.",
    ),
    "input.symlink_loop": (
        "这是一个循环的快捷方式（符号链接指向自己），已跳过。",
        "A looping shortcut (symbolic link pointing back to itself); skipped.",
    ),
    "input.folder_named_like_file": (
        "这是一个名字像工作簿的文件夹，不是文件，已跳过；如需读取，请选择其中的文件。",
        "A folder named like a workbook, not a file; skipped. To read what is inside, give the files in it.",
    ),
    "input.folder_unreadable": (
        "无法打开这个文件夹（没有权限），其中的文件都未读取；请检查文件夹权限。",
        "This folder cannot be opened (no permission), so none of its "
        "files were read; check the folder's permissions.",
    ),
    "input.not_regular": (
        "这不是普通文件，而是{kind}，没有读取；请选择真正的工作簿文件。",
        "This is not a regular file but {kind}; it was not read. Choose a real workbook file.",
    ),
    "input.subfolder_not_read": (
        "这是子文件夹，其中的 {count} 个工作簿文件没有读取（只读取所给文件夹"
        "本身里的文件，不读子文件夹）；如需读取，请把放这些工作簿的文件夹"
        "也列为输入，例如「{path}」。",
        "This sub-folder holds {count} workbook file(s) that were not read "
        "(only the files directly in the given folder are read, not "
        "sub-folders); to read them, give the folder that holds them as "
        "an input too, e.g. '{path}'.",
    ),
    "row.blank_date": (
        "日期为空，此行未计入（无法确定是哪一天、哪个月的数据）；请补上日期，或删除这一行。",
        "The date (日期) is blank, so this row was left out (it cannot be placed "
        "in a day or a month); fill in the date or delete the row.",
    ),
    "row.blank_status": (
        "考勤状态为空，此行未计入；请填写 出勤/迟到/早退/请假/旷工/休息 之一，或删除这一行。",
        "The attendance status (考勤状态) is blank, so this row was left out; fill in one of "
        "'出勤', '迟到', '早退', '请假', '旷工', '休息' (present, late, left early, on leave, absent, "
        "rest), or delete the row.",
    ),
    "row.unusable_cell": (
        "{what}没有可用的值（见同一单元格的上一条），此行未计入；请修正后重新运行。",
        "The {what} has no usable value (see the previous line for this "
        "cell), so this row was left out; fix it and run again.",
    ),
    "row.duplicate_elsewhere": (
        "与 {where}重复（{key}），此行已排除，保留 {where}。",
        "Duplicates {where} ({key}); this row was excluded and {where} kept.",
    ),
    "row.duplicate_conflict_elsewhere": (
        "与 {where}的{key} 相同但内容不同，此行已排除，保留 {where}，请核对。",
        "Same {key} as {where} but different values; this row was excluded and {where} kept. Please check.",
    ),
    "cell.date_not_positive": (
        "单元格是日期格式，但数值小于 1（0、负数或只有时间），在 Excel 中显示为"
        " 1900-01-00 或 ####，不是有效的日期；此行已排除。请填写正确的日期。",
        "The cell is formatted as a date but its number is below 1 (0, "
        "negative, or a time only), shown by Excel as 1900-01-00 or ####; "
        "it is not a valid date, so the row was excluded. Fill in the "
        "right date.",
    ),
    "cell.hire_date_not_positive": (
        "单元格是日期格式，但数值小于 1（0、负数或只有时间），在 Excel 中显示为"
        " 1900-01-00 或 ####，不是有效的入职日期；入职日期按空白处理，"
        "此人照常计分。请填写正确的入职日期。",
        "The cell is formatted as a date but its number is below 1 "
        "(0, negative, or a time only), shown by Excel as 1900-01-00 "
        "or ####; it is not a valid hire date (入职日期), which is "
        "treated as blank. The agent is still scored. Fill in the "
        "right hire date.",
    ),
    "cell.bad_hire_date": (
        "「{value}」不是有效的日期，入职日期按空白处理，此人照常计分；请填写正确的入职日期。",
        "'{value}' is not a valid date, so the hire date (入职日期) is "
        "treated as blank; the agent is still scored. Fill in the right "
        "hire date.",
    ),
    "roster.blank_name": (
        "工号 {agent} 的姓名为空，仍按工号计分，成绩单上姓名留空。请在花名册中补上姓名。",
        "Agent ID (工号) {agent} has no name (姓名); still scored under the agent ID, with no "
        "name on the scorecard. Fill in the name in the roster.",
    ),
    "roster.blanks_name": (
        "{count} 人的姓名为空（行号（工号）：{rows}），仍按工号计分，成绩单上姓名留空。"
        "请在花名册中补上姓名。",
        "{count} agents have no name (姓名) (rows and agent IDs: {rows}); still scored under "
        "the agent ID, with no name on the scorecard. Fill in the names in the roster.",
    ),
    "roster.blank_group": (
        "工号 {agent} 的组别为空，按「未分组」计分并参加分组考核。请在花名册中补上组别。",
        "Agent ID (工号) {agent} has no group (组别); scored as Ungrouped (未分组), also in the "
        "team assessment. Fill in the group in the roster.",
    ),
    "roster.blanks_group": (
        "{count} 人的组别为空（行号（工号）：{rows}），按「未分组」计分并参加分组考核。"
        "请在花名册中补上组别。",
        "{count} agents have no group (组别) (rows and agent IDs: {rows}); scored as Ungrouped "
        "(未分组), also in the team assessment. Fill in the groups in the roster.",
    ),
    "roster.blank_level": (
        "工号 {agent} 的级别为空，仍计分和评等级；规则没有规定缺级别时的系数，系数和绩效奖金留空。"
        "请在花名册中补上级别。",
        "Agent ID (工号) {agent} has no level (级别); still scored and graded, but the rules set "
        "no coefficient (系数) for a missing level, so the coefficient and the bonus stay blank. "
        "Fill in the level in the roster.",
    ),
    "roster.blanks_level": (
        "{count} 人的级别为空（行号（工号）：{rows}），仍计分和评等级；规则没有规定缺级别时的系数，"
        "系数和绩效奖金留空。请在花名册中补上级别。",
        "{count} agents have no level (级别) (rows and agent IDs: {rows}); still scored and "
        "graded, but the rules set no coefficient (系数) for a missing level, so the coefficient "
        "and the bonus stay blank. Fill in the levels in the roster.",
    ),
    "month.rows_excluded": (
        "{rows}属于 {other}，已排除（共 {count} 行；考核月份为 {month}）。",
        "{rows} to {other}; left out ({count} in all; the assessed month is {month}).",
    ),
    "month.no_data": (
        "{month} 没有数据：输入中的日期都属于 {months}。请用 --month 选择其中一个月份，"
        "或加入 {month} 的数据。",
        "{month} has no data: the dates in the inputs all belong to {months}. Choose one of "
        "those with --month, or add the data of {month}.",
    ),
    "role.other_months": (
        "「{role}」数据表中没有 {month} 的数据（其中的行都属于其他月份，已排除），"
        "所有人的相关指标都将记为缺数据。",
        "The {role} sheet has no rows in {month} (all its rows belong to other months and "
        "were left out); the related KPIs are missing data (缺数据) for everyone.",
    ),
    "mapping.not_a_field": (
        "「{target}」不是 csreport 的字段{closest}。可写的标准列名：{names}；或写「忽略」；"
        "csreport 没有的指标请在 fields 段声明",
        "'{target}' is not a csreport field{closest}. The canonical headers are: {names}; or "
        "write '忽略' (ignore); declare a metric csreport has no name for under fields",
    ),
    "input.changed": (
        "计分过程中此文件被修改过；本次报表按读取时的内容计算。请重新运行以使用新内容。",
        "This file changed while the run was scoring; the reports use its content "
        "as it was read. Run again to use the new content.",
    ),
    "input.gone": (
        "计分过程中此文件被删除或无法再读取；本次报表按读取时的内容计算。",
        "This file was removed or became unreadable during the run; the reports use "
        "its content as it was read.",
    ),
}
