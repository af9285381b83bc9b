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
    "rules.lint": ("规则问题（{path}）：{finding}", "Rules problem ({path}): {finding}"),
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
        "缺少列「{columns}」（第 1 行应为表头）",
        "missing column(s) {columns} (row 1 should hold the headers)",
    ),
    "rules.wb_not_choice": ("「{value}」不是可选的值（{options}）", "'{value}' is not one of {options}"),
    "rules.wb_not_number": ("「{value}」不是数字", "'{value}' is not a number"),
    "rules.wb_not_int": ("「{value}」应为整数", "'{value}' should be a whole number"),
    "rules.wb_blank": ("「{header}」不能为空", "'{header}' must not be blank"),
    "rules.wb_inconsistent": ("与第 {row} 行的「{header}」不一致", "differs from '{header}' on row {row}"),
    "rules.wb_applies": (
        "「{text}」应写成 字段=值，多个条件用；分隔",
        "'{text}' should be field=value, several joined with ;",
    ),
    "rules.wb_incl": (
        "请选择「是」或「否」：区间是否包含{header}这个值",
        "choose yes or no: whether the band includes its {header} value",
    ),
    "rules.wb_veto_with_points": (
        "结果是「得分」却填了否决原因：请把结果改为「否决」，或清空否决原因",
        "the result is points but a veto reason is filled in: set the "
        "result to veto, or clear the veto reason",
    ),
    "rules.wb_two_fail": ("「不予上岗」的等级只能有一行", "only one row may be the fail grade"),
    "rules.wb_coef_twice": (
        "级别「{level}」的系数出现了两行",
        "level '{level}' has two rows of coefficients",
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
        "{kpi}：区间{band}自相矛盾（两个比较限定同一侧），现按 {read} 读取",
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
        "{kpi}：{values} 同时落在{a}（{a_out}）和{b}（{b_out}）",
        "{kpi}: {values} falls in both{a}({a_out}) and{b}({b_out})",
    ),
    "lint.gap": ("{kpi}：{values} 没有任何区间覆盖", "{kpi}: no band covers {values}"),
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
        "{kpi}：恰好 {t} 在{band}中得 {points} 分（通过），但{fails}与总分规则"
        "「总分 <= {t} 不予上岗」都把 {t} 判为不通过",
        "{kpi}: exactly {t} passes in{band}with {points} points, but{fails}and "
        "the overall rule 'total <= {t} fails' make {t} a fail",
    ),
    "lint.weights_total": (
        "{profile}考核表「{table}」各指标权重之和为 {sum}，与总分 {total} 不符",
        "{profile}table '{table}': the KPI weights add up to {sum}, not the total {total}",
    ),
    "lint.applies_to_field": (
        "考核表「{table}」：applies_to 只能按岗位状态、组别匹配，按「{name}」永远选不中",
        "table '{table}': applies_to can match post status (岗位状态) or group (组别), never '{name}'",
    ),
    "lint.no_default_table": (
        "没有默认考核表（applies_to 为空）：不符合条件的客服都套用最后一张表「{table}」",
        "no default table (empty applies_to): unmatched agents get the last, '{table}'",
    ),
    "lint.grade_order": (
        "等级门槛没有从高到低（满分 {total}：{ladder}）",
        "grade thresholds are not descending (total {total}: {ladder})",
    ),
    # pieces of lint findings, spaced to sit between the words of the sentences above
    "lint.band_written": ("「{written}」", " '{written}' "),
    "lint.what_band": ("区间{band}", "band{band}"),
    "lint.what_anchor": ("锚点 {value} ", "anchor {value}"),
    "lint.what_cap": ("加分上限", "the bonus cap"),
    "lint.outcome_veto": ("否决", "veto"),
    "lint.outcome_points": ("{points} 分", "{points} points"),
    "lint.in_profile": ("权重方案「{profile}」下，", "profile '{profile}', "),
    "lint.and": ("、", " and"),
    # --- csreport rules show: the rules as text ---
    "show.mode.bands": ("区间", "bands"),
    "show.mode.linear": ("线性", "linear"),
    "show.mode.rank": ("组内排名", "rank in group"),
    "show.mode.per_unit": ("按次计分", "per occurrence"),
    "show.missing.no_score": ("不计总分（缺数据）", "no total (缺数据)"),
    "show.missing.exclude": ("排除并按比例折算", "left out, others rescaled"),
    "show.missing.zero": ("记 0 分", "scored 0"),
    "show.profiles": ("权重方案：", "Weight profiles: "),
    "show.applied": ("已应用", "applied"),
    "show.everyone_else": ("其他所有人", "everyone else"),
    "show.table": ("满分 {total}，适用于 {who}", "total {total}, applies to {who}"),
    "show.fail_if_total": ("   总分 <= {limit} → 不予上岗", "   total <= {limit} → not cleared (不予上岗)"),
    "show.grades": ("等级：", "Grades: "),
    "show.fail_grade": ("{grade}: 不予上岗", "{grade}: not cleared (不予上岗)"),
    "show.coefficients": ("系数（级别 × 等级）：", "Coefficient (系数) by level (级别) × grade:"),
    "show.level": ("级别", "Level"),
    "show.points": (" 分", " pts"),
    "show.missing": ("缺数据：", "missing: "),
    "show.min_sample": ("最少样本", "min sample"),
    "show.veto": ("否决：", "veto: "),
    "show.linear": ("（之间按比例，两端封顶）", "  (linear between, capped)"),
    "show.rank": (
        "得分 = 权重 × 组内百分位（1 为最好）",
        "points = weight × percentile in the group (组别), 1 = best",
    ),
    "show.per_unit": ("分/次", "per unit"),
    "show.floor": ("下限分 {value}", "floor {value}"),
    "show.cap": ("上限分 {value}", "cap {value}"),
    "show.veto_if": ("否决条件", "veto if"),
    "show.note": ("说明", "note"),
    "show.band_label": ("「{label}」", "'{label}'"),
    # --- the rules workbook: sheets, headers, dropdown choices, the 说明 sheet ---
    "rules.sheet.main": ("指标与区间", "KPIs and bands"),
    "rules.sheet.levels": ("级别与系数", "Levels and coefficients"),
    "rules.sheet.grades": ("等级", "Grades"),
    "rules.sheet.profiles": ("权重方案", "Weight profiles"),
    "rules.sheet.help": ("说明", "How to edit"),
    "rules.col.main.row_type": ("行类型", "Row type"),
    "rules.col.main.table_id": ("考核表id", "Table id"),
    "rules.col.main.table": ("考核表", "Table"),
    "rules.col.main.applies_to": ("适用于", "Applies to"),
    "rules.col.main.total": ("满分", "Total"),
    "rules.col.main.fail_if_total_le": ("总分<=此值不予上岗", "Fail if total <="),
    "rules.col.main.id": ("指标id", "KPI id"),
    "rules.col.main.name": ("指标", "KPI"),
    "rules.col.main.name_en": ("指标(英文)", "KPI (English)"),
    "rules.col.main.weight": ("权重", "Weight"),
    "rules.col.main.input": ("输入公式", "Input formula"),
    "rules.col.main.unit": ("单位", "Unit"),
    "rules.col.main.mode": ("评分方式", "Mode"),
    "rules.col.main.missing": ("缺数据处理", "Missing data"),
    "rules.col.main.min_sample": ("最少样本", "Min sample"),
    "rules.col.main.sample": ("样本字段", "Sample field"),
    "rules.col.main.rounding": ("取整位数", "Rounding"),
    "rules.col.main.low": ("下限", "Low"),
    "rules.col.main.low_incl": ("下限包含", "Low incl."),
    "rules.col.main.high": ("上限", "High"),
    "rules.col.main.high_incl": ("上限包含", "High incl."),
    "rules.col.main.result": ("结果", "Result"),
    "rules.col.main.points": ("得分", "Points"),
    "rules.col.main.veto": ("否决原因", "Veto reason"),
    "rules.col.main.veto_en": ("否决原因(英文)", "Veto reason (English)"),
    "rules.col.main.when": ("否决条件", "Veto condition"),
    "rules.col.main.label": ("标签", "Label"),
    "rules.col.main.written": ("原文", "As written"),
    "rules.col.main.note": ("说明", "Note"),
    "rules.col.main.anchor1": ("锚点1数值", "Anchor 1 value"),
    "rules.col.main.anchor1_points": ("锚点1得分", "Anchor 1 points"),
    "rules.col.main.anchor2": ("锚点2数值", "Anchor 2 value"),
    "rules.col.main.anchor2_points": ("锚点2得分", "Anchor 2 points"),
    "rules.col.main.per_unit": ("每次得分", "Points per unit"),
    "rules.col.main.floor": ("下限分", "Floor"),
    "rules.col.main.cap": ("上限分", "Cap"),
    "rules.col.main.better": ("较好方向", "Better"),
    "rules.col.main.table_en": ("考核表(英文)", "Table (English)"),
    "rules.col.main.table_note": ("考核表说明", "Table note"),
    "rules.col.grades.name": ("等级", "Grade"),
    "rules.col.grades.kind": ("类型", "Kind"),
    "rules.col.grades.min": ("最低总分", "Minimum total"),
    "rules.col.grades.label": ("说明", "Label"),
    "rules.col.profiles.name": ("方案", "Profile"),
    "rules.col.profiles.name_en": ("方案(英文)", "Profile (English)"),
    "rules.col.profiles.note": ("方案说明", "Note"),
    "rules.col.profiles.table_id": ("考核表id", "Table id"),
    "rules.col.profiles.kpi_id": ("指标id", "KPI id"),
    "rules.col.profiles.weight": ("权重", "Weight"),
    "rules.col.levels.level": ("级别", "Level"),
    "rules.col.levels.level_en": ("级别(英文)", "Level (English)"),
    "rules.col.levels.coefficients": ("系数（级别＼等级）", "Coefficient (系数): level \\ grade"),
    "rules.col.help.name": ("规则名称", "Rules name"),
    "rules.col.help.name_en": ("规则名称(英文)", "Rules name (English)"),
    "rules.choice.row_type.band": ("区间", "band"),
    "rules.choice.row_type.veto": ("否决条件", "veto condition"),
    "rules.choice.row_type.kpi": ("指标", "KPI"),
    "rules.choice.row_type.table": ("考核表", "table"),
    "rules.choice.yesno.yes": ("是", "yes"),
    "rules.choice.yesno.no": ("否", "no"),
    "rules.choice.result.points": ("得分", "points"),
    "rules.choice.result.veto": ("否决", "veto"),
    "rules.choice.unit.s": ("秒", "s"),
    "rules.choice.unit.percent": ("%", "%"),
    "rules.choice.unit.score": ("分数", "score"),
    "rules.choice.unit.count": ("次数", "count"),
    "rules.choice.unit.yuan": ("元", "yuan"),
    "rules.choice.mode.bands": ("分段", "bands"),
    "rules.choice.mode.linear": ("线性", "linear"),
    "rules.choice.mode.rank": ("排名", "rank"),
    "rules.choice.mode.per_unit": ("按次", "per_unit"),
    "rules.choice.missing.no_score": ("不评分", "no_score"),
    "rules.choice.missing.exclude": ("不计入并折算", "exclude"),
    "rules.choice.missing.zero": ("记0分", "zero"),
    "rules.choice.better.higher": ("越高越好", "higher"),
    "rules.choice.better.lower": ("越低越好", "lower"),
    "rules.choice.grade_kind.absolute": ("分数线", "score"),
    "rules.choice.grade_kind.relative": ("满分比例", "share of total"),
    "rules.choice.grade_kind.fail": ("不予上岗", "fail grade"),
    "rules.help.how": (
        "怎样修改：改好后运行 csreport rules import 本文件.xlsx（也可以直接把本文件当作规则文件使用）。",
        "To use your edits, run csreport rules import on this file (or use the file itself as the rules).",
    ),
    "rules.help.main": (
        "【指标与区间】每个区间一行。考核表、指标自己的列（满分、权重、单位……）只在它的第一行填写，"
        "其余行留空；「考核表id」「指标id」每行都要填。",
        "KPIs and bands: one row per band. A table's and a KPI's own columns (Total, Weight, "
        "Unit, ...) are filled on its first row only and left blank below; Table id and KPI id "
        "on every row.",
    ),
    "rules.help.row_type": (
        "行类型：区间 = 一个分段；否决条件 = 按公式否决（如 shop_risk > 0，原因写在「否决原因」）；"
        "指标 = 没有分段的指标（线性、排名、按次）；考核表 = 还没有指标的考核表。",
        "Row type: band = one band; veto condition = a veto by formula (e.g. shop_risk > 0, the "
        "reason in Veto reason); KPI = a KPI without bands (linear, rank, per unit); table = a "
        "table with no KPI yet.",
    ),
    "rules.help.bounds": (
        "下限、上限：写数字，百分比单位写成 98%；没有上限写 inf，没有下限写 -inf（空着也表示没有）。"
        "「下限包含」「上限包含」选 是 或 否：是 = 含这个值（[ ]），否 = 不含（( )）。",
        "Low / High: numbers, rates as 98%; inf / -inf (or blank) for no bound. Incl.: yes = [ ], no = ( ).",
    ),
    "rules.help.result": (
        "结果：得分 = 落在区间内得「得分」列的分；否决 = 不予上岗，原因写在「否决原因」。",
        "Result: points = a value in the band earns the Points column; veto = not cleared "
        "(不予上岗), the reason in Veto reason.",
    ),
    "rules.help.written": (
        "原文：原始考核表的写法（如 60S>均响<=80S）。只有下限、上限都空着时才按原文解读区间，"
        "读不懂的原文表示这个区间永远不匹配；下限或上限有值时以它们为准。",
        "As written: the source's wording; only when Low and High are both blank is the band "
        "read from it (wording that cannot be read matches no value).",
    ),
    "rules.help.applies_to": (
        "适用于：如 岗位状态=试用期，多个条件用；分隔；空着 = 默认考核表（其余人员）。",
        "Applies to: e.g. '岗位状态=试用期' (post status = probation), several joined with ';'. "
        "Blank = the default table.",
    ),
    "rules.help.modes": (
        "线性：填两个锚点（数值与得分）。按次：每次得分、下限分（最多扣到）、上限分（最多加到）。",
        "Linear: two anchors (value and points). Per unit: Points per unit, Floor (the most "
        "deducted) and Cap (the most added).",
    ),
    "rules.help.grades": (
        "【等级】类型：分数线 = 总分不低于最低总分；满分比例 = 最低总分是满分的百分比（如 90%）；"
        "不予上岗 = 不合格时给的等级（只有一行）。",
        "Grades: score = a total of at least Minimum total; share of total = Minimum total as a "
        "share of the full marks (e.g. 90%); fail grade = the grade of a fail (one row only).",
    ),
    "rules.help.levels": (
        "【级别与系数】上方每行一个级别，每个福利一列；下方是系数表，每行一个级别，每列一个等级。",
        "Levels: one row per level and one column per benefit above, the coefficient (系数) table "
        "below, level × grade.",
    ),
    "rules.help.profiles": (
        "【权重方案】每行一个指标的新权重；方案(英文)与方案说明只需在该方案的第一行填写。",
        "Weight profiles: one row per KPI's new weight; Profile (English) and Note on the "
        "profile's first row only.",
    ),
    "rules.help.dropdowns": (
        "有下拉列表的列请从列表中选；文字前后的空格会被去掉，空单元格表示没有填写。",
        "Choose from the list in columns that have one; spaces around text are removed, and an "
        "empty cell means not filled in.",
    ),
    # the first line of a rules file csreport writes; it also marks such a file as csreport's
    "rules.yaml_header": (
        "由 csreport 生成的规则文件（格式见 standard 预设）。",
        "Rules file written by csreport (format: see the standard preset).",
    ),
}
