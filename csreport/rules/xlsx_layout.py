"""The rules workbook's layout: sheet names, column specs, dropdown choices and the 说明 text.

Shared by ``xlsx_io`` (writing the workbook) and ``xlsx_read`` (reading it back), so the
two always agree on headers, labels and which rules keys the columns hold.
"""

from __future__ import annotations

from typing import Any

SHEETS = {
    "main": ("指标与区间", "KPIs and bands"),
    "levels": ("级别与系数", "Levels and coefficients"),
    "grades": ("等级", "Grades"),
    "profiles": ("权重方案", "Weight profiles"),
    "help": ("说明", "How to edit"),
}
Col = tuple[str, str, str, int, str]  # key, 中文表头, English header, width, kind of value
MAIN: tuple[Col, ...] = (
    ("row_type", "行类型", "Row type", 9, "row_type"),
    ("table_id", "考核表id", "Table id", 10, "text"),
    ("table", "考核表", "Table", 8, "text"),
    ("applies_to", "适用于", "Applies to", 16, "text"),
    ("total", "满分", "Total", 6, "num"),
    ("fail_if_total_le", "总分<=此值不予上岗", "Fail if total <=", 10, "num"),
    ("id", "指标id", "KPI id", 14, "text"),
    ("name", "指标", "KPI", 14, "text"),
    ("name_en", "指标(英文)", "KPI (English)", 16, "text"),
    ("weight", "权重", "Weight", 6, "num"),
    ("input", "输入公式", "Input formula", 20, "text"),
    ("unit", "单位", "Unit", 6, "unit"),
    ("mode", "评分方式", "Mode", 8, "mode"),
    ("missing", "缺数据处理", "Missing data", 10, "missing"),
    ("min_sample", "最少样本", "Min sample", 8, "int"),
    ("sample", "样本字段", "Sample field", 10, "text"),
    ("rounding", "取整位数", "Rounding", 8, "int"),
    ("low", "下限", "Low", 8, "bound"),
    ("low_incl", "下限包含", "Low incl.", 8, "yesno"),
    ("high", "上限", "High", 8, "bound"),
    ("high_incl", "上限包含", "High incl.", 8, "yesno"),
    ("result", "结果", "Result", 6, "result"),
    ("points", "得分", "Points", 6, "num"),
    ("veto", "否决原因", "Veto reason", 22, "text"),
    ("veto_en", "否决原因(英文)", "Veto reason (English)", 22, "text"),
    ("when", "否决条件", "Veto condition", 16, "text"),
    ("label", "标签", "Label", 18, "text"),
    ("written", "原文", "As written", 16, "text"),
    ("note", "说明", "Note", 30, "text"),
    ("anchor1", "锚点1数值", "Anchor 1 value", 9, "bound"),
    ("anchor1_points", "锚点1得分", "Anchor 1 points", 9, "num"),
    ("anchor2", "锚点2数值", "Anchor 2 value", 9, "bound"),
    ("anchor2_points", "锚点2得分", "Anchor 2 points", 9, "num"),
    ("per_unit", "每次得分", "Points per unit", 8, "num"),
    ("floor", "下限分", "Floor", 7, "num"),
    ("cap", "上限分", "Cap", 7, "num"),
    ("better", "较好方向", "Better", 9, "better"),
    ("table_en", "考核表(英文)", "Table (English)", 14, "text"),
    ("table_note", "考核表说明", "Table note", 30, "text"),
)
GRADE_COLS: tuple[Col, ...] = (
    ("name", "等级", "Grade", 8, "text"),
    ("kind", "类型", "Kind", 10, "grade_kind"),
    ("min", "最低总分", "Minimum total", 10, "bound"),
    ("label", "说明", "Label", 16, "text"),
)
PROFILE_COLS: tuple[Col, ...] = (
    ("name", "方案", "Profile", 12, "text"),
    ("name_en", "方案(英文)", "Profile (English)", 16, "text"),
    ("note", "方案说明", "Note", 30, "text"),
    ("table_id", "考核表id", "Table id", 10, "text"),
    ("kpi_id", "指标id", "KPI id", 14, "text"),
    ("weight", "权重", "Weight", 8, "num"),
)
# Columns without which a sheet cannot be read at all (the others may be deleted).
REQUIRED = ("table_id", "id", "low", "high", "points", "name", "min", "kpi_id", "weight")
LEVEL_HEAD = (("级别", "Level"), ("级别(英文)", "Level (English)"))
COEF_MARK = ("系数（级别＼等级）", "系数 (level \\ grade)")  # first cell of the 系数 block's header
NAME_LABELS = (("规则名称", "Rules name"), ("规则名称(英文)", "Rules name (English)"))
# kind -> {model value: (中文, English)}; importing also accepts the model value itself.
CHOICES: dict[str, dict[Any, tuple[str, str]]] = {
    "row_type": {"band": ("区间", "band"), "veto": ("否决条件", "veto condition"),
                 "kpi": ("指标", "KPI"), "table": ("考核表", "table")},
    "yesno": {True: ("是", "yes"), False: ("否", "no")},
    "result": {"points": ("得分", "points"), "veto": ("否决", "veto")},
    "unit": {"s": ("秒", "s"), "%": ("%", "%"), "score": ("分数", "score"),
             "count": ("次数", "count"), "yuan": ("元", "yuan")},
    "mode": {"bands": ("分段", "bands"), "linear": ("线性", "linear"),
             "rank": ("排名", "rank"), "per_unit": ("按次", "per_unit")},
    "missing": {"no_score": ("不评分", "no_score"), "exclude": ("不计入并折算", "exclude"),
                "zero": ("记0分", "zero")},
    "better": {"higher": ("越高越好", "higher"), "lower": ("越低越好", "lower")},
    "grade_kind": {"absolute": ("分数线", "score"), "relative": ("满分比例", "share of total"),
                   "fail": ("不予上岗", "fail grade")},
}
TABLE_KEYS = {"table": "name", "table_en": "name_en", "applies_to": "applies_to", "total": "total",
              "fail_if_total_le": "fail_if_total_le", "table_note": "note"}
KPI_ORDER = ("id", "name", "name_en", "weight", "input", "unit", "mode", "better", "anchors",
             "per_unit", "floor", "cap", "sample", "rounding", "missing", "min_sample", "note",
             "bands", "vetoes")
KPI_KEYS = {k: k for k in (*KPI_ORDER[1:], "anchor1", "anchor1_points", "anchor2", "anchor2_points")
            if k not in ("anchors", "bands", "vetoes")}
BAND_KEYS = ("low", "high", "written", "points", "veto", "result")  # a row with any of these is a band
HELP = {"zh": (
    "怎样修改：改好后运行 csreport rules import 本文件.xlsx（也可以直接把本文件当作规则文件使用）。",
    "【指标与区间】每个区间一行。考核表、指标自己的列（满分、权重、单位……）只在它的第一行填写，"
    "其余行留空；「考核表id」「指标id」每行都要填。",
    "行类型：区间 = 一个分段；否决条件 = 按公式否决（如 shop_risk > 0，原因写在「否决原因」）；"
    "指标 = 没有分段的指标（线性、排名、按次）；考核表 = 还没有指标的考核表。",
    "下限、上限：写数字，百分比单位写成 98%；没有上限写 inf，没有下限写 -inf（空着也表示没有）。"
    "「下限包含」「上限包含」选 是 或 否：是 = 含这个值（[ ]），否 = 不含（( )）。",
    "结果：得分 = 落在区间内得「得分」列的分；否决 = 不予上岗，原因写在「否决原因」。",
    "原文：原始考核表的写法（如 60S>均响<=80S）。只有下限、上限都空着时才按原文解读区间，"
    "读不懂的原文表示这个区间永远不匹配；下限或上限有值时以它们为准。",
    "适用于：如 岗位状态=试用期，多个条件用；分隔；空着 = 默认考核表（其余人员）。",
    "线性：填两个锚点（数值与得分）。按次：每次得分、下限分（最多扣到）、上限分（最多加到）。",
    "【等级】类型：分数线 = 总分不低于最低总分；满分比例 = 最低总分是满分的百分比（如 90%）；"
    "不予上岗 = 不合格时给的等级（只有一行）。",
    "【级别与系数】上方每行一个级别，每个福利一列；下方是系数表，每行一个级别，每列一个等级。",
    "【权重方案】每行一个指标的新权重；方案(英文)与方案说明只需在该方案的第一行填写。",
    "有下拉列表的列请从列表中选；文字前后的空格会被去掉，空单元格表示没有填写。",
), "en": (
    "To use your edits, run csreport rules import on this file (or use the file itself as the rules).",
    "KPIs and bands: one row per band. A table's and a KPI's own columns are filled on its first "
    "row only; Table id and KPI id on every row.",
    "Low / High: numbers, rates as 98%; inf / -inf (or blank) for no bound. Incl.: yes = [ ], no = ( ).",
    "As written: the source's wording; only when Low and High are both blank is the band read from it.",
    "Applies to: e.g. 岗位状态=试用期, several joined with ;. Blank = the default table.",
    "Grades: score, share of total (e.g. 90%), or the one fail grade. Levels: one column per "
    "benefit above, the level × grade 系数 table below.",
)}
