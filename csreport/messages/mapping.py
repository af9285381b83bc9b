"""Messages: the header mapping file and how each sheet was read (code -> (zh, en))."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # ---- the mapping file itself (fatal: shown after "表头映射文件 X 第 N 行：") ----
    "mapping.e.no_sections": (
        "文件中没有可用的段；可写的段：{sections}（格式见 examples/mapping.yaml）",
        "the file has no section csreport uses; the sections are {sections} (see examples/mapping.yaml)",
    ),
    "mapping.e.unknown_section": (
        "「{key}」不是映射文件的段；可写的段：{sections}",
        "'{key}' is not a section of a mapping file; the sections are {sections}",
    ),
    "mapping.e.section_not_mapping": (
        "{section} 段应写成「名称: 内容」的多行，每行一项",
        "the {section} section must be lines of 'name: value'",
    ),
    "mapping.e.target_empty": (
        "冒号右边没有写字段名；请写标准列名，或写「忽略」",
        "nothing after the colon; write a canonical header or '忽略' (ignore)",
    ),
    "mapping.did_you_mean": ("（是不是「{names}」？）", " (did you mean {names}?)"),
    "mapping.e.field_name": (
        "「{name}」不能作为字段名：请用一个不含空格、括号和符号的词，例如 三分钟回复率",
        "'{name}' cannot be a field name: use one word without spaces, brackets or symbols, "
        "such as '三分钟回复率'",
    ),
    "mapping.e.field_builtin": (
        "「{name}」已是 csreport 的字段「{canonical}」，不必声明；请在 columns 段把列映射到「{canonical}」",
        "'{name}' is already csreport's field {canonical}, so it needs no declaration; map the "
        "column to {canonical} under columns",
    ),
    "mapping.e.field_not_mapping": (
        "字段「{name}」应写成多行：column（表中的列名）、unit（单位）、month（按天汇总成月的方式）",
        "field '{name}' needs lines for column (the header), unit and month (how days make a month)",
    ),
    "mapping.e.field_key": (
        "字段「{name}」下的「{key}」不认识；可写 column、unit、month",
        "'{key}' under field '{name}' is not known; write column, unit and month",
    ),
    "mapping.e.field_no_column": (
        "字段「{name}」缺少 column（数据表中的列名），derive 段也没有计算它",
        "field '{name}' has no column (the header in the sheet), and no derive entry computes it",
    ),
    "mapping.e.unit_missing": (
        "字段「{name}」没有写 unit（单位）；可写 {units}（% 为比率，s 为秒）",
        "field '{name}' has no unit; write one of {units} (% a rate, s seconds)",
    ),
    "mapping.e.unit": (
        "字段「{name}」的 unit「{unit}」不认识；可写 {units}（% 为比率，s 为秒）",
        "the unit '{unit}' of field '{name}' is not known; write one of {units} (% a rate, s seconds)",
    ),
    "mapping.e.month_needed": (
        "字段「{name}」的单位是 {unit}，请写 month（按天汇总成月的方式）：sum（求和）、mean（平均）"
        "或 weighted by 咨询人数（按咨询人数加权，比率通常这样算）",
        "field '{name}' has the unit {unit}: add month (how days make a month): sum, mean, or "
        "'weighted by 咨询人数' (weighted by customers who asked, usual for a rate)",
    ),
    "mapping.e.month": (
        "字段「{name}」的 month「{month}」不认识；可写 sum、mean 或 weighted by <计数>，例如 "
        "weighted by 咨询人数",
        "the month '{month}' of field '{name}' is not known; write sum, mean or weighted by "
        "<count>, such as 'weighted by 咨询人数'",
    ),
    "mapping.e.weight": (
        "字段「{name}」的「{weight}」不能用于加权：请按计数或金额加权，可用：{names}，或 fields 段中"
        "单位为 count 或 yuan 的字段",
        "field '{name}' cannot be weighted by '{weight}': weight by a count or an amount, one of "
        "{names}, or a declared field whose unit is count or yuan",
    ),
    "mapping.e.derive_target": (
        "derive 的「{target}」既不是 csreport 的接待数据字段，也没有在 fields 段声明；可计算的字段：{names}",
        "'{target}' under derive is neither a reception field of csreport nor declared under "
        "fields; the fields that can be derived are {names}",
    ),
    "mapping.e.derive_formula": (
        "「{target}」的公式有误：{problem}",
        "the formula of '{target}' is wrong: {problem}",
    ),
    "mapping.e.derive_unparsable": (
        "「{target}」的公式「{formula}」无法解析：公式里只能写名称、数字、+ - * / 和括号。"
        "表头里有括号或符号时，请先在 fields 段把这一列声明为一个字段（例如 机器人会话量），"
        "再在公式里写这个字段名",
        "the formula '{formula}' of '{target}' cannot be read: a formula holds names, numbers, + - * / "
        "and brackets only. For a header with brackets or symbols, first declare the column as a "
        "field under fields (such as '机器人会话量') and write that name in the formula",
    ),
    "formula.empty": ("没有写公式", "no formula is written"),
    "mapping.e.drop_rows": (
        "drop_rows 应为行标签的列表，例如 drop_rows: [店铺汇总值, 全店合计]",
        "drop_rows must be a list of row labels, such as 'drop_rows: [店铺汇总值, 全店合计]'",
    ),
    # ---- mistakes only the data shows (problems located in the mapping file) ----
    "mapping.unmatched": (
        "第 {line} 行的「{header}」在任何数据表的表头中都没有找到{closest}。请照表头原样抄写。",
        "'{header}' (line {line}) matches no header of any sheet{closest}. Copy the header as it is written.",
    ),
    "mapping.closest": ("；最接近的表头：{names}", "; the closest headers are {names}"),
    "mapping.derive_missing": (
        "第 {line} 行 derive 的「{target}」用到的 {names} 在任何接待数据表中都没有{closest}，未能计算。",
        "derive '{target}' (line {line}) names {names}, which no reception sheet has{closest}; "
        "it was not computed.",
    ),
    "column.derived_out_of_range": (
        "按 {formula} 算出的值在 {count} 行超出合理范围（第 {rows} 行：负数，或比率不在 0–100% 之间），"
        "这些行此项按缺失处理。请检查公式和这些行的数据。",
        "{formula} gives an impossible value on {count} row(s) (rows {rows}: negative, or a rate "
        "outside 0–100%); those rows are treated as missing it. Check the formula and those rows.",
    ),
    "mapping.drop_unmatched": (
        "drop_rows 中的「{label}」在数据中没有出现。",
        "The drop_rows label '{label}' did not occur in the data.",
    ),
    "mapping.other_role": (
        "映射文件把此列对应到 {fields}，这是「{home}」表的字段，而此表是「{role}」表，所以此列未使用。"
        "请改为「{role}」表的字段，或在 fields 段声明一个新字段。",
        "The mapping file maps this column to {fields}, a field of {home} sheets, but this is a "
        "{role} sheet, so the column is not used. Map it to a field of {role} sheets, or declare "
        "a new field under fields.",
    ),
    "row.dropped_by_mapping": (
        "按映射文件的 drop_rows 排除了此行「{value}」。",
        "Row '{value}' left out, as the mapping file's drop_rows says.",
    ),
    # ---- how each sheet was read (check) ----
    "explain.where": ("{file} · {sheet}：", "{file} · {sheet}: "),
    "explain.kept": (
        "识别为「{role}」，表头在第 {row} 行，{rows} 行数据。",
        "read as {role}, header on row {row}, {rows} data rows.",
    ),
    "explain.hidden": ("隐藏的工作表，未读取。", "a hidden sheet, not read."),
    "explain.chart": ("图表页，未读取。", "a chart sheet, not read."),
    "explain.guess": ("（最像表头的是第 {row} 行）", " (the row most like a header is row {row})"),
    "explain.why.no_header": (
        "已跳过：前 {looked} 行中没有认得的表头{guess}。",
        "skipped: no header csreport knows in the first {looked} rows{guess}.",
    ),
    "explain.why.no_identity": (
        "已跳过：看了前 {looked} 行，表头中没有工号、旺旺等标识列{guess}。",
        "skipped: looked at the first {looked} rows; the header has no agent ID (工号) or "
        "sub-account (旺旺) column{guess}.",
    ),
    "explain.why.too_few": (
        "已跳过：看了前 {looked} 行，表头中只认得标识列，认不出其他列{guess}，无法判断这是哪种表。",
        "skipped: looked at the first {looked} rows; of the header only the agent column is "
        "known{guess}, too little to tell what the sheet holds.",
    ),
    "explain.why.no_role": (
        "已跳过：第 {row} 行像表头，但其中的列不属于花名册、考勤、接待数据或质检抽查中的任何一种。",
        "skipped: row {row} looks like a header, but its columns fit none of roster, attendance, "
        "reception or sampled chats.",
    ),
    "explain.why.missing": (
        "看起来是「{role}」，但缺少必需的列 {missing}，已跳过。",
        "looks like {role} but lacks the required columns {missing}; skipped.",
    ),
    "explain.fate.used": ("用于计分：{columns}", "used: {columns}"),
    "explain.fate.derived": ("用于 derive 计算：{columns}", "read by a derive formula: {columns}"),
    "explain.fate.known": ("认得的列：{columns}", "recognised: {columns}"),
    "explain.fate.ignored": ("认得，但不使用：{columns}", "known, not used: {columns}"),
    "explain.fate.duplicate": (
        "与另一列重复，不使用：{columns}",
        "repeat a field another column gives, not used: {columns}",
    ),
    "explain.fate.foreign": (
        "属于其他类型的表，此表不使用：{columns}",
        "fields of another kind of sheet, not used here: {columns}",
    ),
    "explain.fate.unknown": ("未识别：{columns}", "not understood: {columns}"),
    "explain.hint": (
        "要使用未识别的列：在表头映射文件的 columns 下写「表中列名: 标准列名」（csreport 没有的指标写在 "
        "fields 下），再加 --mapping 映射文件.yaml 运行；示例见 examples/mapping.yaml，说明见 README"
        "「表头映射」。",
        "To use a column not understood: in a header mapping file, write 'header in the sheet: "
        "canonical header' under columns (a metric csreport has no name for goes under fields), "
        "then run with --mapping your-mapping.yaml; see examples/mapping.yaml and the README "
        "section Header mapping.",
    ),
    "provider.qa": ("{role}表", "a {role} sheet"),
    "provider.attendance": ("{role}表", "an {role} sheet"),
}
