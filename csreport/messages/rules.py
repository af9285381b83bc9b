"""Rules files: loading, checking (lint), showing, the rules workbook."""

TEXT: dict[str, tuple[str, str]] = {
    "rules.not_found": (
        "找不到规则「{name}」。可用的预设：{presets}",
        "Rules '{name}' not found. Presets: {presets}",
    ),
    # {why}: the first problem, then each further one on its own "rules.error_line"
    "rules.invalid": (
        "规则文件 {file} 第 {line} 行，{path}：{why}",
        "Rules file {file} line {line}, {path}: {why}",
    ),
    # where in a rules file a problem is when no key holds it
    # the file name suggested when a rules file's path names a folder
    "rules.example_xlsx": ("规则.xlsx", "rules.xlsx"),
    "rules.example_yaml": ("规则.yaml", "rules.yaml"),
    "rules.whole_file": ("整个文件", "the whole file"),
    "rules.yaml_syntax": ("YAML 格式", "YAML syntax"),
    # a lint finding among a run's problems; the finding names its KPI
    "rules.lint": ("规则问题：{finding}", "Rules problem: {finding}"),
    # a finding inside one 考核表: the table is named, since two tables may share a KPI
    "rules.lint_table_finding": (
        "规则问题（考核表「{table}」）：{finding}",
        "Rules problem (table '{table}'): {finding}",
    ),
    "rules.unsafe": (
        "规则「{rules}」的权重或分值有误，无法可靠计分：{findings}。请先用 csreport rules lint 检查并修正。",
        "The rules '{rules}' have wrong weights or points and cannot score reliably: "
        "{findings}. Check them with csreport rules lint first.",
    ),
    # a preset in a listing, with the Chinese name users may type (English lists the plain name)
    "rules.preset_named": ("{name}（{zh}）", "{name} ({zh})"),
    # a rules' name with the weight profile applied
    "rules.name_with_profile": ("{rules}（{profile}）", "{rules} ({profile})"),
    # a band whose wording could not be read, in place of its interval
    "rules.band_unreadable": ("?（{written}）", "? ({written})"),
    # a sheet of the rules workbook, named in a message
    "rules.wb_sheet_name": ("「{zh}」", "'{en}' ({zh})"),
    # a column of the rules workbook, named in a list of missing ones
    "rules.wb_column": ("{name}", "'{name}'"),
    # where in a rules workbook a problem is; {header} is the column's header
    "rules.wb_at_cell": (
        "工作表「{sheet}」第 {row} 行 {col} 列（{header}）",
        "sheet '{sheet}' row {row}, column {col} ({header})",
    ),
    "rules.wb_at_row": ("工作表「{sheet}」第 {row} 行", "sheet '{sheet}' row {row}"),
    "rules.wb_at_sheet": ("工作表「{sheet}」", "sheet '{sheet}'"),
    "rules.wb_problem": ("{file} {where}：{why}", "{file} {where}: {why}"),
    "rules.wb_problem_file": ("{file}：{why}", "{file}: {why}"),
    # the first line above several problems, each on its own line
    "rules.wb_problems": ("{file} 有 {n} 处问题：", "{file} has {n} problems:"),
    "rules.wb_refused": ("{file} 有 {n} 处问题，没有导入：", "{file} was not imported; it has {n} problems:"),
    "rules.wb_refused_one": ("{file} 有 1 处问题，没有导入：", "{file} was not imported; it has a problem:"),
    # a lint finding of `csreport rules lint`: in a workbook, in a rules file, in a preset's table
    "rules.lint_at": ("[{severity}] {file} {where}：{text}", "[{severity}] {file} {where}: {text}"),
    "rules.lint_at_line": (
        "[{severity}] {file} 第 {line} 行：{text}",
        "[{severity}] {file} line {line}: {text}",
    ),
    "rules.lint_in": ("[{severity}] {where}：{text}", "[{severity}] {where}: {text}"),
    "rules.lint_plain": ("[{severity}] {text}", "[{severity}] {text}"),
    "rules.lint_table": ("考核表「{table}」", "table '{table}'"),
    # --- rules that change over time: a file in force from a month, a folder of versions ---
    "rules.not_yet": (
        "规则文件 {file} 自 {effective_from} 起生效，不适用于 {month}：请用该月生效的规则版本，"
        "或用 --rules 指定存放各版本规则的文件夹。",
        "The rules file {file} is in force from {effective_from} and does not apply to {month}: use the "
        "version in force for that month, or give --rules a folder of rule versions.",
    ),
    "rules.folder_needs_month": (
        "{folder} 是存放各版本规则的文件夹，要按计分月份选用版本：请用 --month 指定月份。",
        "{folder} is a folder of rule versions, chosen by the month scored: give the month with --month.",
    ),
    "rules.folder_empty": (
        "规则文件夹 {folder} 里没有规则文件（.yaml、.yml 或 .xlsx）：请放入各版本的规则文件，"
        "或用 --rules 指定一个规则文件。",
        "The rules folder {folder} holds no rules file (.yaml, .yml or .xlsx): put the rule versions in "
        "it, or give --rules one rules file.",
    ),
    "rules.folder_too_early": (
        "规则文件夹 {folder} 中没有适用于 {month} 的规则：最早的版本 {file} 自 {earliest} 起生效。"
        "请加入适用于 {month} 的版本（不写 effective_from 的版本从最初起生效）。",
        "No rules in the folder {folder} apply to {month}: the earliest version, {file}, is in force from "
        "{earliest}. Add a version for {month} (one without effective_from applies from the beginning).",
    ),
    "rules.folder_same_date": (
        "规则文件夹 {folder} 中 {first} 和 {second} 都自 {effective_from} 起生效，无法确定用哪一个："
        "请修改其中一个的 effective_from，或把它移出文件夹。",
        "In the rules folder {folder}, {first} and {second} are both in force from {effective_from}, so "
        "neither can be chosen: change the effective_from of one, or move it out of the folder.",
    ),
    "rules.folder_two_undated": (
        "规则文件夹 {folder} 中 {first} 和 {second} 都没有写 effective_from（都从最初起生效），"
        "无法确定用哪一个：请给较新的一个写上首个生效月份，如 effective_from: 2026-07。",
        "In the rules folder {folder}, neither {first} nor {second} has an effective_from (both apply "
        "from the beginning): give the newer one its first month, e.g. effective_from: 2026-07.",
    ),
    "rules.no_profile": (
        "规则「{rules}」中没有权重方案「{profile}」。可用方案：{profiles}",
        "Rules '{rules}' have no weight profile '{profile}'. Profiles: {profiles}",
    ),
    "rules.workbook_bad": (
        "{path} 不是可读取的规则工作簿：{reason}。"
        "请用 csreport rules export 导出规则工作簿，修改后再导入；"
        "若文件来自别处，请在 Excel/WPS 中打开后另存为 .xlsx。",
        "{path} is not a readable rules workbook: {reason}. Export one with "
        "csreport rules export, edit it and import it; a file from elsewhere "
        "should be opened in Excel/WPS and saved as .xlsx.",
    ),
    "rules.wb_empty": ("文件是空的（0 字节）", "the file is empty (0 bytes)"),
    "rules.wb_damaged": (
        "文件已损坏（压缩结构不完整，可能下载或复制未完成）",
        "the file is damaged (its zip structure is incomplete, perhaps an unfinished download or copy)",
    ),
    "rules.wb_not_xlsx": ("它不是 .xlsx 工作簿", "it is not an .xlsx workbook"),
    "rules.wb_too_large": (
        "文件或其解压后的内容过大（上限 {limit_mb} MB），疑似异常文件",
        "the file or its unzipped content is too large (limit {limit_mb} MB) and looks abnormal",
    ),
    "rules.wb_missing_sheet": (
        "缺少工作表{sheet}（这不像是 csreport rules export 导出的规则工作簿）",
        "the sheet {sheet} is missing (this does not look like a rules workbook from csreport rules export)",
    ),
    "rules.wb_missing_columns": (
        "缺少列「{columns}」（表头行应有这些列）",
        "missing column(s) {columns} (the header row should have them)",
    ),
    "rules.wb_no_band_header": (
        "找不到区间的表头行（应有「指标」「得分」「下限」「上限」等列）",
        "the bands' header row is missing (with columns such as KPI, Points, Lower bound, Upper bound)",
    ),
    "rules.wb_missing_label": ("A 列缺少「{label}」一行", "column A has no '{label}' row"),
    "rules.wb_no_tables": (
        "没有任何考核表的工作表（这不像是 csreport rules export 导出的规则工作簿）",
        "no sheet holds a scoring table (this does not look like a rules workbook from "
        "csreport rules export)",
    ),
    "rules.wb_old_layout": (
        "这是旧版 csreport 导出的规则工作簿（只有一个「指标与区间」工作表），无法读取；"
        "请用 csreport rules export 重新导出，在新的工作簿里修改",
        "this rules workbook comes from an older csreport (one sheet 'KPIs and bands') and cannot be "
        "read; export the rules again with csreport rules export and edit the new workbook",
    ),
    "rules.wb_not_choice": ("「{value}」不是可选的值（{options}）", "'{value}' is not one of {options}"),
    "rules.wb_not_number": ("「{value}」不是数字", "'{value}' is not a number"),
    "rules.wb_not_points": (
        "「{value}」不是分数；否决的区间请写「{veto}」",
        "'{value}' is not a number of points; write '{veto}' for a band that vetoes",
    ),
    "rules.wb_not_int": ("「{value}」应为整数", "'{value}' should be a whole number"),
    "rules.wb_blank": ("「{header}」不能为空", "'{header}' must not be blank"),
    "rules.wb_no_points": (
        "「{header}」不能为空：请写分数，否决的区间写「{veto}」",
        "'{header}' must not be blank: write the points, or '{veto}' for a band that vetoes",
    ),
    "rules.wb_inconsistent": ("与第 {row} 行的「{header}」不一致", "differs from '{header}' on row {row}"),
    "rules.wb_applies": (
        "「{text}」应写成 字段=值，多个条件用；分隔",
        "'{text}' should be field=value, several joined with ;",
    ),
    "rules.wb_incl": (
        "请为「{bound}」选择「含」或「不含」：这个值本身是否算在此区间内",
        "choose incl. or excl. for '{bound}': whether that value itself is in the band",
    ),
    "rules.wb_veto_with_points": (
        "得分是数字却填了否决原因：否决的区间请在得分写「{veto}」，否则清空否决原因",
        "Points holds a number but a veto reason is filled in: write '{veto}' in Points for a band "
        "that vetoes, or clear the veto reason",
    ),
    "rules.wb_two_fail": ("类型为「{fail}」的等级只能有一行", "only one row may be of the kind '{fail}'"),
    "rules.wb_way_twice": (
        "「{way}」出现了两行（另见第 {row} 行）：每种升降只写一行条件",
        "'{way}' has two rows (see also row {row}): one row of conditions per move",
    ),
    "rules.wb_coef_twice": (
        "级别「{level}」的系数出现了两行（另见第 {row} 行）",
        "level '{level}' has two rows of coefficients (see also row {row})",
    ),
    "rules.wb_no_table": ("没有名为「{name}」的考核表", "no scoring table is called '{name}'"),
    "rules.wb_no_kpi": (
        "考核表「{table}」中没有名为「{name}」的指标",
        "table '{table}' has no KPI called '{name}'",
    ),
    # the --mapping option of csreport rules show/lint/export/import
    "help.rules_mapping": (
        "表头映射文件（YAML）：规则用到其中 fields: 声明的字段时需要",
        "your header mapping file (YAML), needed when the rules use a field it declares under fields:.",
    ),
    # --- rules files: structural errors (loader, parse_kpi), one per key path ---
    "rules.error_line": ("第 {line} 行 {path}: {why}", "line {line} {path}: {why}"),
    "rules.e.not_mapping": ("规则文件应为键值结构", "a rules file must be a mapping"),
    "rules.e.no_tables": ("至少需要一张考核表", "at least one table is needed"),
    "rules.e.not_list": ("应为列表", "should be a list"),
    "rules.e.block_not_list": ("应为指标列表", "should be a list of KPIs"),
    "rules.e.table_not_mapping": ("考核表应为键值结构", "a table must be a mapping"),
    "rules.e.missing_key": ("缺少必填项「{key}」", "missing required key '{key}'"),
    "rules.e.no_block": ("没有名为「{name}」的指标块", "no block named '{name}'"),
    "rules.e.kpi_twice": ("指标 id「{kpi}」重复", "KPI id '{kpi}' appears twice"),
    "rules.e.grade_needs": ("等级需要 name 和 min", "a grade needs name and min"),
    "rules.e.not_percent": ("「{value}」不是百分数", "'{value}' is not a percentage"),
    "rules.e.profile_needs": (
        "权重方案需要 weights: {{考核表id: {{指标id: 权重}}}}",
        "a profile needs weights: {{table id: {{kpi id: weight}}}}",
    ),
    "rules.e.profile_no_kpi": ("考核表「{table}」中没有指标「{kpi}」", "table '{table}' has no KPI '{kpi}'"),
    "rules.e.effective_from": (
        "「{value}」不是月份：请写成 年-月，如 2026-07",
        "'{value}' is not a month: write year-month, e.g. 2026-07",
    ),
    "rules.e.retrain_limit": (
        "「{value}」应为不小于 1 的整数（不予上岗后最多再培训的次数）",
        "'{value}' should be a whole number of at least 1 (how many times a not-cleared agent may retrain)",
    ),
    "rules.e.promotion_needs": (
        "晋级规则应写出 up（晋升一级的条件）和/或 down（降低一级的条件）",
        "promotion needs up (when to move up one level) and/or down (when to move down one)",
    ),
    "rules.e.promotion_way": (
        "「{key}」不是可用的项：只能写 up（晋升一级）或 down（降低一级）",
        "'{key}' is not allowed here: write up (one level up) or down (one level down)",
    ),
    "rules.e.promotion_rule_needs": (
        "晋级条件应为键值结构，至少写一个条件：{keys}",
        "a promotion rule must be a mapping with at least one condition: {keys}",
    ),
    "rules.e.promotion_key": (
        "「{key}」不是晋级条件：可用的有 {keys}",
        "'{key}' is not a promotion condition: use {keys}",
    ),
    "rules.e.promotion_count": (
        "「{value}」应为不小于 0 的整数",
        "'{value}' should be a whole number, 0 or more",
    ),
    "rules.e.kpi_not_mapping": ("指标应为键值结构", "a KPI must be a mapping"),
    "rules.e.mode_choice": ("评分方式应为 {choices} 之一", "mode must be one of {choices}"),
    "rules.e.unit_choice": ("单位应为 {choices} 之一", "unit must be one of {choices}"),
    "rules.e.missing_choice": ("缺数据处理应为 {choices} 之一", "missing must be one of {choices}"),
    "rules.e.bands_needed": ("评分方式为 bands 时至少需要一个区间", "mode 'bands' needs at least one band"),
    "rules.e.better": ("better 应为 higher 或 lower", "better must be higher or lower"),
    "rules.e.band_needs_range": (
        '区间需要 range，例如 "(45, 80]"',
        'a band needs a range such as "(45, 80]"',
    ),
    "rules.e.points_or_veto": (
        "每个区间要么给 points（得分），要么给 veto（否决原因），二者选一",
        "each band needs either points or veto, not both",
    ),
    "rules.e.range_malformed": (
        '区间「{range}」写法不对，应如 "[0, 45]" 或 "(100, inf)"',
        "range '{range}' is malformed; write it like \"[0, 45]\"",
    ),
    "rules.e.range_reversed": (
        "区间「{range}」下限大于上限",
        "range '{range}' has its low end above its high end",
    ),
    "rules.e.veto_needs": (
        '否决条件应写作 when: "店铺风险数 > 0"，并给出 reason',
        'a veto needs when: "shop_risk > 0" and a reason',
    ),
    "rules.e.anchors_needed": (
        "linear 需要两个锚点：[{{value: .., points: ..}}, {{value: .., points: ..}}]",
        "linear needs two anchors: [{{value, points}}, {{value, points}}]",
    ),
    "rules.e.anchors_same": ("两个锚点的数值不能相同", "the two anchors need different values"),
    "rules.e.not_number": ("「{value}」不是数字", "'{value}' is not a number"),
    "rules.e.should_be_number": ("「{value}」应为数字", "'{value}' should be a number"),
    # --- formulas (a KPI's input, a veto condition) ---
    "formula.unparsable": ("公式无法解析：{formula}", "the formula cannot be read: {formula}"),
    # a name in a rules formula that is neither built in nor declared; {names} lists the valid ones
    "formula.unknown_field": (
        "「{name}」既不是 csreport 的字段，也不是表头映射文件中声明的字段。可用的字段：{names}。"
        "csreport 没有名称的指标，请在 --mapping 指定的表头映射文件的 fields: 下声明"
        "（见 README「表头映射」）",
        "'{name}' is neither a csreport field nor one declared in the header mapping file. "
        "Valid names: {names}. Declare a metric csreport has no name for under fields: in the "
        "header mapping file given with --mapping (README: Header mapping)",
    ),
    "formula.operator": ("只允许 + - * / 运算", "only + - * / are allowed"),
    "formula.constant": ("不允许的常量「{value}」", "the constant {value} is not allowed"),
    "formula.construct": (
        "不允许的写法「{kind}」：公式只能用指标名、数字、+ - * / 和括号",
        "'{kind}' is not allowed in a formula: use field names, numbers, + - * / and brackets",
    ),
    # --- lint findings (rules.lint shows one, rules.unsafe lists several) ---
    "lint.contradictory": (
        "{kpi}：区间{band}自相矛盾（两个比较限定同一侧），现按「{read}」读取",
        "{kpi}: band{band}contradicts itself (two bounds on one side); read as {read}",
    ),
    "lint.garbled": (
        "{kpi}：区间{band}缺少比较符号，无法读取，不匹配任何数值",
        "{kpi}: band{band}lacks a comparison sign and cannot be read; it matches no value",
    ),
    "lint.unreachable.empty": (
        "{kpi}：区间{band}里没有可能的数值（取值范围 {domain}）",
        "{kpi}: band{band}holds no possible value (values lie in {domain})",
    ),
    "lint.unreachable.covered": (
        "{kpi}：区间{band}完全被其他区间覆盖，单独永远不会匹配",
        "{kpi}: band{band}is wholly covered by other bands and never decides alone",
    ),
    "lint.overlap": (
        "{kpi}：{values}同时落在{a}（{a_out}）和{b}（{b_out}）",
        "{kpi}: {values} falls in both{a}({a_out}) and{b}({b_out})",
    ),
    "lint.gap": ("{kpi}：{values}没有任何区间覆盖", "{kpi}: no band covers {values}"),
    "lint.veto_without_reason": (
        "{kpi}：{band}是否决区间，但没有写否决原因；请写明原因（成绩单和汇总上会显示）",
        "{kpi}: {band} vetoes the month but gives no reason; write one (the scorecard and the summary "
        "show it)",
    ),
    "lint.points_over_weight": (
        "{kpi}：{what}给 {points} 分，超过权重 {weight}",
        "{kpi}: {what} gives {points} points, above the weight {weight}",
    ),
    "lint.anchor_points": (
        "{kpi}：{what}给 {points} 分，超过权重 {weight}",
        "{kpi}: {what} gives {points} points, above the weight {weight}",
    ),
    "lint.negative_points": (
        "{kpi}：{what}给负分 {points}（扣分请用 per_unit）",
        "{kpi}: {what} gives negative points {points} (use per_unit to deduct)",
    ),
    "lint.weight_not_reached": (
        "{kpi}：最高只能得 {points} 分，达不到权重 {weight}",
        "{kpi}: at most {points} points, short of the weight {weight}",
    ),
    "lint.unknown_input": ("{kpi}：没有工作表提供汇总字段「{name}」", "{kpi}: no sheet provides '{name}'"),
    "lint.threshold_conflict": (
        "{kpi}：恰好 {t}在{band}中得 {points} 分（通过），但{fails}与总分规则"
        "「总分 ≤ {total} 不予上岗」都把 {t}判为不通过",
        "{kpi}: exactly {t} passes in{band}with {points} points, but{fails}and "
        "the overall rule 'not cleared at a total ≤ {total}' make {t} a fail",
    ),
    "lint.weights_total": (
        "{profile}考核表「{table}」各指标权重之和为 {sum}，与总分 {total} 不符",
        "{profile}table '{table}': the KPI weights add up to {sum}, not the total {total}",
    ),
    "lint.applies_to_field": (
        "考核表「{table}」：「适用于」只能按岗位状态、组别匹配，按「{name}」永远选不中",
        "table '{table}': 'applies to' can match post status (岗位状态) or group (组别), never '{name}'",
    ),
    "lint.no_default_table": (
        "没有默认考核表（「适用于」空着的表）：不符合任何条件的客服都套用最后一张表「{table}」",
        "no default table (one whose 'applies to' is blank): unmatched agents get the last, '{table}'",
    ),
    "lint.grade_order": (
        "等级门槛没有从高到低（满分 {total}：{ladder}）",
        "grade thresholds are not descending (total {total}: {ladder})",
    ),
    "lint.promotion_no_levels": (
        "写了晋级规则（promotion），却没有级别阶梯（levels）：无法建议升到或降到哪一级",
        "there is a promotion block but no level ladder (levels): no level can be suggested",
    ),
    "lint.promotion_average_high": (
        "{way}要求平均总分 ≥ {average}，高于每张考核表的满分（最高 {total}）：永远不会成立",
        "{way} needs an average total ≥ {average}, above every table's maximum ({total} at most): "
        "it never holds",
    ),
    "lint.promotion_never_average": (
        "{way}要求平均总分 ≥ {low} 且 ≤ {high}：永远不会成立",
        "{way} needs an average total ≥ {low} and ≤ {high}: it never holds",
    ),
    "lint.promotion_never_vetoes": (
        "{way}要求否决 ≥ {low} 次且 ≤ {high} 次：永远不会成立",
        "{way} needs ≥ {low} and ≤ {high} vetoed months: it never holds",
    ),
    "lint.way.up": ("晋升一级", "Moving up one level (级别)"),
    "lint.way.down": ("降低一级", "Moving down one level (级别)"),
    # pieces of lint findings, spaced to sit between the words of the sentences above
    "lint.band_written": ("「{written}」", " '{written}' "),
    "lint.band_words": ("「{band}」", " '{band}' "),
    "lint.what_band": ("区间{band}", "band{band}"),
    "lint.what_anchor": ("锚点 {value} ", "anchor {value}"),
    "lint.what_cap": ("加分上限", "the bonus cap"),
    "lint.outcome_veto": ("否决", "veto"),
    "lint.outcome_points": ("{points}", "{points}"),
    "lint.in_profile": ("权重方案「{profile}」下，", "profile '{profile}', "),
    "lint.and": ("、", " and"),
    # --- the rules workbook: sheets, headers, dropdown choices, the 说明 sheet ---
    "rules.sheet.help": ("说明", "Instructions"),
    "rules.sheet.grades": ("等级", "Grades"),
    "rules.sheet.coefficients": ("系数", "Coefficients"),
    "rules.sheet.levels": ("级别", "Levels"),
    "rules.sheet.profiles": ("权重方案", "Weight profiles"),
    "rules.sheet.promotion": ("级别升降", "Level review"),
    # the one sheet of rules workbooks exported before each table had its own sheet
    "rules.sheet.main": ("指标与区间", "KPIs and bands"),
    # a scoring table's sheet when its name leaves nothing a sheet name may hold
    "rules.wb_table_sheet": ("考核表 {n}", "Table {n}"),
    # a scoring table's own fields, one per row above its bands (labels in column A)
    "rules.col.table.name": ("考核表", "Chinese name"),
    "rules.col.table.name_en": ("英文名称", "Scoring table"),
    "rules.col.table.applies_to": ("适用于（空着 = 其他所有人）", "Applies to (blank = everyone else)"),
    "rules.col.table.total": ("满分", "Total"),
    "rules.col.table.fail_if_total_le": ("总分 ≤ 此分不予上岗", "Not cleared (不予上岗) at a total ≤"),
    # how often an agent of the table may be not cleared and retrain; blank: not counted
    "rules.col.table.retrain_limit": ("最多再培训次数", "Retrained at most (times)"),
    "rules.col.table.note": ("说明", "Note"),
    "rules.col.table.id": ("编号（导入用，请勿修改）", "Id (for import; do not change)"),
    # the band grid of a scoring table's sheet
    "rules.col.kpi.name": ("指标", "KPI (Chinese name)"),
    "rules.col.kpi.name_en": ("指标英文名称", "KPI"),
    "rules.col.kpi.weight": ("权重", "Weight"),
    "rules.col.kpi.measure": ("考核数据", "Measured as"),
    "rules.col.kpi.band": ("区间", "Band"),
    "rules.col.kpi.points": ("得分", "Points"),
    "rules.col.kpi.veto": ("否决原因（不予上岗）", "Veto reason (Chinese)"),
    "rules.col.kpi.veto_en": ("否决原因英文", "Veto reason (not cleared)"),
    "rules.col.kpi.low": ("下限", "Lower bound"),
    "rules.col.kpi.low_incl": ("下限含/不含", "Lower bound incl./excl."),
    "rules.col.kpi.high": ("上限", "Upper bound"),
    "rules.col.kpi.high_incl": ("上限含/不含", "Upper bound incl./excl."),
    "rules.col.kpi.note": ("说明", "Note"),
    "rules.col.kpi.input": ("公式（字段名）", "Formula (field names)"),
    "rules.col.kpi.unit": ("单位", "Unit"),
    "rules.col.kpi.mode": ("评分方式", "Scoring"),
    "rules.col.kpi.better": ("较好方向", "Better when"),
    "rules.col.kpi.missing": ("缺数据时", "When data is missing"),
    "rules.col.kpi.min_sample": ("最少样本数", "Minimum sample"),
    "rules.col.kpi.sample": ("样本字段", "Sample field"),
    "rules.col.kpi.rounding": ("比较前保留小数位", "Decimals kept before comparing"),
    "rules.col.kpi.anchor1": ("线性：数值 1", "Linear: value 1"),
    "rules.col.kpi.anchor1_points": ("线性：得分 1", "Linear: points 1"),
    "rules.col.kpi.anchor2": ("线性：数值 2", "Linear: value 2"),
    "rules.col.kpi.anchor2_points": ("线性：得分 2", "Linear: points 2"),
    "rules.col.kpi.per_unit": ("按次：每次得分", "Per occurrence: points each"),
    "rules.col.kpi.floor": ("按次：最多扣到", "Per occurrence: lowest points"),
    "rules.col.kpi.cap": ("按次：最多加到", "Per occurrence: highest points"),
    "rules.col.kpi.when": ("否决条件", "Veto condition"),
    "rules.col.kpi.label": ("原表写法", "Source wording"),
    "rules.col.kpi.written": ("原文条件", "Condition as written"),
    "rules.col.kpi.id": ("指标编号（导入用）", "KPI id (for import)"),
    "rules.col.kpi.input_src": ("公式原文（导入用）", "Formula as stored (for import)"),
    "rules.col.kpi.sample_src": ("样本字段原文（导入用）", "Sample field as stored (for import)"),
    "rules.col.kpi.when_src": ("否决条件原文（导入用）", "Veto condition as stored (for import)"),
    "rules.col.grades.name": ("等级", "Grade"),
    "rules.col.grades.kind": ("类型", "Kind"),
    "rules.col.grades.min": ("最低总分", "Minimum total"),
    "rules.col.grades.label": ("含义", "Meaning"),
    "rules.col.grades.condition": ("达到条件", "Reached when"),
    "rules.col.profiles.name": ("方案", "Profile (Chinese name)"),
    "rules.col.profiles.name_en": ("方案英文名称", "Profile"),
    "rules.col.profiles.table": ("考核表", "Scoring table"),
    "rules.col.profiles.kpi": ("指标", "KPI"),
    "rules.col.profiles.weight": ("新权重", "New weight"),
    "rules.col.profiles.note": ("方案说明", "Note"),
    "rules.col.profiles.table_id": ("考核表编号（导入用）", "Table id (for import)"),
    "rules.col.profiles.kpi_id": ("指标编号（导入用）", "KPI id (for import)"),
    "rules.col.levels.name": ("级别", "Level (Chinese name)"),
    "rules.col.levels.name_en": ("英文名称", "Level"),
    "rules.col.coefficients.level": ("级别＼等级", "Level (Chinese name) \\ grade"),
    "rules.col.coefficients.level_shown": ("级别英文名称", "Level"),
    "rules.col.help.name": ("规则名称", "Rules name (Chinese)"),
    "rules.col.help.name_en": ("英文名称", "Rules name"),
    "rules.col.help.effective_from": (
        "生效月份（年-月，如 2026-07；空着 = 一直有效）",
        "In force from (year-month, e.g. 2026-07; blank = always)",
    ),
    "rules.col.promotion.way": ("升降", "Move"),
    "rules.col.promotion.min_months": ("至少几个月有总分", "Months with a total, at least"),
    "rules.col.promotion.min_average": ("平均总分至少", "Average total, at least"),
    "rules.col.promotion.max_average": ("平均总分至多", "Average total, at most"),
    "rules.col.promotion.min_vetoes": ("被否决的月数至少", "Vetoed months, at least"),
    "rules.col.promotion.max_vetoes": ("被否决的月数至多", "Vetoed months, at most"),
    "rules.col.promotion.min_tenure_months": ("入职至少几个月", "Months since hire, at least"),
    "rules.col.promotion.conditions": ("条件", "Conditions"),
    "rules.col.help.topic": ("项目", "Topic"),
    "rules.col.help.how": ("怎么做", "What to do"),
    "rules.choice.incl.incl": ("含", "incl."),
    "rules.choice.incl.excl": ("不含", "excl."),
    "rules.choice.unit.s": ("秒", "s"),
    "rules.choice.unit.percent": ("%", "%"),
    "rules.choice.unit.score": ("分数", "score"),
    "rules.choice.unit.count": ("次数", "count"),
    "rules.choice.unit.yuan": ("元", "yuan"),
    "rules.choice.mode.bands": ("分段", "Bands"),
    "rules.choice.mode.linear": ("线性", "Linear"),
    "rules.choice.mode.rank": ("组内排名", "Rank in group"),
    "rules.choice.mode.per_unit": ("按次", "Per occurrence"),
    "rules.choice.missing.no_score": ("不计总分", "No total"),
    "rules.choice.missing.exclude": ("不计入并折算", "Left out, rest rescaled"),
    "rules.choice.missing.zero": ("记 0 分", "Scored 0"),
    "rules.choice.better.higher": ("越高越好", "Higher is better"),
    "rules.choice.better.lower": ("越低越好", "Lower is better"),
    "rules.choice.grade_kind.absolute": ("分数线", "Minimum total"),
    "rules.choice.grade_kind.relative": ("满分比例", "Share of total"),
    "rules.choice.grade_kind.fail": ("不予上岗", "Not cleared"),
    "rules.choice.way.up": ("晋升一级", "Up one level"),
    "rules.choice.way.down": ("降低一级", "Down one level"),
    # what 得分 holds for a band that vetoes rather than gives points
    "rules.choice.points.veto": ("否决", "Veto"),
    # the 区间 words of a veto condition's row
    "rules.wb_condition": ("条件：{condition}", "If {condition}"),
    "rules.wb_grade_total": ("总分 ≥ {total}", "total ≥ {total}"),
    "rules.wb_grade_share": ("总分 ≥ 满分的 {share}", "total ≥ {share} of the maximum"),
    "rules.wb_grade_fail": (
        "不予上岗时（否决，或总分不高于不予上岗线）",
        "when not cleared (a veto, or a total at or below the table's line)",
    ),
    # a page footer; &P is the page, &N the number of pages
    "rules.wb_page": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "rules.wb_sheet_quoted": ("「{sheet}」", "'{sheet}'"),
    # the 说明 sheet: (topic, what to do); {sheets} lists the scoring tables' sheets
    "rules.help.what.topic": ("本工作簿", "This workbook"),
    "rules.help.what": (
        "计分规则。每张考核表一个工作表（{sheets}）：上方是考核表本身（名称、适用于谁、满分、不予上岗线），"
        "下方每个区间一行。等级、系数和级别各有一个工作表。",
        "The scoring rules. Each scoring table has its own sheet ({sheets}): the table itself above "
        "(its name, whom it applies to, its total and the not-cleared line), one row per band below. "
        "Grades, coefficients and levels each have a sheet.",
    ),
    "rules.help.edit.topic": ("可以修改", "What you may edit"),
    "rules.help.edit": (
        "白底的单元格：名称、满分、权重、得分、否决原因、下限、上限、含/不含、说明等。改动在导入后生效。",
        "White cells: names, totals, weights, points, veto reasons, bounds, incl./excl., notes and so on. "
        "Changes take effect once imported.",
    ),
    "rules.help.read.topic": ("只供阅读", "Read only"),
    "rules.help.read": (
        "灰底的「区间」「考核数据」「达到条件」列是根据规则写成的文字，导入时不读取；改了下限或上限后，"
        "要到再次导出时才更新。隐藏的编号列和「编号」行用于导入时对应，请勿修改。",
        "The grey Band, Measured as and Reached when columns are words made from the rules and are "
        "not read back; after a bound changes they are updated by the next export. The hidden id "
        "columns and Id row map rows back on import: do not change them.",
    ),
    "rules.help.bands.topic": ("区间", "Bands"),
    "rules.help.bands": (
        "下限、上限写数字，百分比写成 98%；空着表示没有下限或没有上限。"
        "「含/不含」说明这个值本身是否属于此区间，例如 45–80 秒（不含 45 秒）就是下限 45 不含、上限 80 含。"
        "同一指标的区间不能重叠，也不能留空档。",
        "Write bounds as numbers, rates as 98%; a blank bound means there is none. Incl./excl. says "
        "whether that value itself is in the band: 45–80 s (not including 45 s) is lower bound 45 "
        "excl., upper bound 80 incl. One KPI's bands may neither overlap nor leave a gap.",
    ),
    "rules.help.points.topic": ("得分与否决", "Points and vetoes"),
    "rules.help.points": (
        "「得分」写落在此区间得的分，不能超过该指标的权重。否决的区间在「得分」写「否决」并写明否决原因："
        "落在此区间的客服不予上岗。",
        "Points: what a value in the band earns, at most the KPI's weight. For a band that vetoes, "
        "write Veto in Points and give the reason: an agent whose value falls there is not cleared "
        "(不予上岗).",
    ),
    "rules.help.retrain.topic": ("再培训", "Retraining"),
    "rules.help.retrain": (
        "考核表上方的「最多再培训次数」：不予上岗的客服最多可再培训几次（试用期为 2 次），"
        "达到后成绩单会标明已达再培训上限；空着表示不计次数。",
        "Retrained at most (times), above a table's bands: how many times an agent who is not cleared "
        "may retrain (twice on probation); the scorecard flags an agent who reaches it. Blank: not "
        "counted.",
    ),
    "rules.help.rows.topic": ("增删区间", "Adding and removing bands"),
    "rules.help.rows": (
        "在指标的行之间插入一行，填好下限、上限和得分，就增加了一个区间；删除整行即删除区间。"
        "指标的名称、权重、说明只写在它的第一行，其余行留空。",
        "To add a band, insert a row among the KPI's rows and fill in its bounds and points; delete "
        "the row to remove a band. A KPI's name, weight and note are on its first row only; leave "
        "them blank below.",
    ),
    "rules.help.more.topic": ("其他设置", "Further settings"),
    "rules.help.more": (
        "表头为灰色的列（公式、单位、评分方式、缺数据时等）是不常改的设置，不打印。公式用字段名书写，"
        "如 回复人数 / 咨询人数。「原文条件」只在下限、上限都空着时使用。",
        "Columns with grey headers (formula, unit, scoring, when data is missing …) hold settings "
        "rarely changed and are not printed. Formulas use the field names, e.g. '回复人数 / 咨询人数'. "
        "Condition as written is used only when both bounds are blank.",
    ),
    "rules.help.grades.topic": ("等级", "Grades"),
    "rules.help.grades": (
        "类型：分数线 = 总分不低于最低总分；满分比例 = 最低总分是满分的百分比（如 90%）；"
        "不予上岗 = 不予上岗时给的等级（只能有一行）。",
        "Kind: Minimum total = a total of at least the minimum; Share of total = the minimum as a share "
        "of the table's total (e.g. 90%); Not cleared = the grade given when not cleared (one row only).",
    ),
    "rules.help.levels.topic": ("级别与系数", "Levels and coefficients"),
    "rules.help.levels": (
        "「级别」每行一个级别，每个福利一列；「系数」每行一个级别，每列一个等级。",
        "Levels: one row per level, one column per benefit. Coefficients (系数): one row per level, one "
        "column per grade.",
    ),
    "rules.help.profiles.topic": ("权重方案", "Weight profiles"),
    "rules.help.profiles": (
        "「权重方案」工作表每行给一个指标新的权重；方案英文名称与方案说明只写在该方案的第一行。",
        "The Weight profiles sheet has one row per KPI's new weight; the profile's other name and its "
        "note on its first row only.",
    ),
    "rules.help.effective.topic": ("生效月份", "In force from"),
    "rules.help.effective": (
        "规则从哪个月起生效，写在本工作表上方，如 2026-07；空着表示一直有效。规则改版时，"
        "把各个版本放在同一个文件夹里，用 --rules 指定该文件夹，每个月按当时生效的版本计分。",
        "The first month the rules apply to, at the top of this sheet, e.g. 2026-07; blank means "
        "always. When the rules change, keep every version in one folder and give --rules that "
        "folder: each month is scored with the version in force for it.",
    ),
    "rules.help.promotion.topic": ("级别升降", "Level review"),
    "rules.help.promotion": (
        "「级别升降」工作表是半年级别评审的建议条件：晋升一级、降低一级各一行，写了的条件都满足才建议"
        "（空着的不检查）；两种都满足时建议降低一级。这些门槛由本店自定，和系数一样。",
        "The Level review sheet holds the half-year review's thresholds: one row to move up one level, "
        "one to move down; a move is suggested when every condition written holds (blank ones are not "
        "checked), and down when both do. The thresholds are the shop's own, like its coefficients.",
    ),
    "rules.help.import.topic": ("改好之后", "When you are done"),
    "rules.help.import": (
        "保存后运行 csreport rules import 本文件，得到规则文件（.yaml）；也可以直接用 --rules 本文件 计分。"
        "有问题时会指出工作表、行和列，并且不会导入。csreport rules lint 本文件 可以先检查。",
        "Save, then run csreport rules import on this file to get a rules file (.yaml), or score with "
        "--rules and this file directly. Problems are named by sheet, row and column, and nothing is "
        "imported. csreport rules lint on this file checks it first.",
    ),
    # the first line of a rules file csreport writes; it also marks such a file as csreport's
    "rules.yaml_header": (
        "由 csreport 生成的规则文件（格式见 standard 预设）。",
        "Rules file written by csreport (format: see the standard preset).",
    ),
}
