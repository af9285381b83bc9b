"""Catalogue: the assessment cycle's review apply (issue 14): the new roster with the decided 级别,
and the level a review decided, shown on the agent's results."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # The new roster workbook (``csreport.inputs.writeback.levels``).
    "levels.roster_unreadable": (
        "无法读取花名册 {file}：{reason}",
        "Cannot read the roster {file}: {reason}",
    ),
    "levels.roster_not_xlsx": (
        "花名册 {file} 不是 .xlsx/.xlsm 工作簿，无法写出带新级别的副本；请在 Excel 中另存为 .xlsx 后重试。",
        "The roster {file} is not an .xlsx/.xlsm workbook, so no copy with the new levels (级别) can "
        "be written; save it as .xlsx in Excel and try again.",
    ),
    "levels.out_suffix": (
        "新花名册的文件名 {path} 应以 {suffix} 结尾，与原花名册相同。",
        "The new roster's file name {path} should end in {suffix}, like the roster's own.",
    ),
    "levels.out_is_input": (
        "新花名册 {path} 就是原花名册或输入文件本身；原文件不会被改写，请换一个文件名。",
        "The new roster {path} is the roster or an input file itself; the original is never "
        "edited in place, so choose another file name.",
    ),
    "levels.no_roster_sheet": (
        "{file} 中没有找到花名册表（带「工号」列的表头）；没有写出新花名册。",
        "No roster sheet (a header with an Agent ID (工号) column) was found in {file}; no new "
        "roster was written.",
    ),
    "levels.roster_unwritable": (
        "无法识别花名册 {file} 的工作簿结构，没有写出新花名册（原文件未改动）。",
        "Could not understand the structure of the roster workbook {file}; no new roster was "
        "written (the original is unchanged).",
    ),
    "levels.not_in_roster": (
        "工号 {agent} 不在花名册中，新级别 {level} 没有写入；请在花名册中加上此人后手工填写。",
        "Agent ID (工号) {agent} is not in the roster, so the new level (级别) {level} was not "
        "written; add the agent to the roster and fill it in by hand.",
    ),
    "levels.cell_formula": (
        "工号 {agent} 的级别单元格是公式，没有改写；请手工改为 {level}。",
        "The level (级别) cell of Agent ID (工号) {agent} holds a formula and was not changed; "
        "set it to {level} by hand.",
    ),
    "levels.cell_merged": (
        "工号 {agent} 的级别单元格在合并单元格中，没有改写；请手工改为 {level}。",
        "The level (级别) cell of Agent ID (工号) {agent} is part of merged cells and was not "
        "changed; set it to {level} by hand.",
    ),
    "levels.duplicate_id": (
        "工号 {agent} 在花名册中出现多次（第 {first} 行也有），这一行的级别也改为 {level}。",
        "Agent ID (工号) {agent} appears more than once in the roster (also in row {first}); this "
        "row's level (级别) was set to {level} too.",
    ),
    "levels.blank_level": (
        "没有给出工号 {agent} 的新级别，花名册中的级别保持不变。",
        "No new level (级别) was given for Agent ID (工号) {agent}; the roster's level is kept.",
    ),
    # The level a review decided, on the agent's card and in the 汇总 (``csreport.scoring.levels``).
    "levels.from_review": (
        "级别按 {period} 晋级评审调整为 {level}（花名册仍为 {roster_level}，请更新花名册）",
        "Level (级别) set to {level} by the {period} promotion review (晋级评审); the roster "
        "still shows {roster_level}, please update the roster",
    ),
    "levels.from_review_blank": (
        "级别按 {period} 晋级评审调整为 {level}（花名册中级别为空，请更新花名册）",
        "Level (级别) set to {level} by the {period} promotion review (晋级评审); the roster's "
        "level is blank, please update the roster",
    ),
}
