"""Messages: rules checked against the data, and rows left out of ratios (code -> (zh, en))."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # a cell (or a column's blank cells) missing a value a ratio needs: the row leaves it
    "ratio.rows_left": (
        "该行不计入以下比率的分子和分母：{kpis}。",
        "The row is left out of both sides of: {kpis}.",
    ),
    "ratio.rows_left_many": (
        "这些行不计入以下比率的分子和分母：{kpis}。",
        "These rows are left out of both sides of: {kpis}.",
    ),
    # a KPI of the rules whose inputs no agent of its table has
    "rules.kpi_no_data": (
        "考核表「{table}」的指标「{kpi}」无法为任何人计算：所有人都没有{fields}的数据"
        "（可来自：{columns}）。{consequence}",
        "{kpi} in table '{table}' cannot be computed for anyone: no agent has data for {fields} "
        "(it would come from: {columns}). {consequence}",
    ),
    # ... whose inputs some agents of its table lack
    "rules.kpi_some_data": (
        "考核表「{table}」的指标「{kpi}」：{total} 人中有 {count} 人没有{fields}的数据"
        "（工号 {agents}；可来自：{columns}）。{consequence}",
        "{kpi} in table '{table}': {count} of {total} agents have no data for {fields} "
        "(agent IDs {agents}; it would come from: {columns}). {consequence}",
    ),
    # what then happens, by the KPI's missing-data policy: to everyone on the table ...
    "rules.everyone_no_score": (
        "该表 {total} 人都将为「缺数据」，没有总分。",
        "Everyone on the table ({total}) will be Missing data (缺数据), with no total.",
    ),
    "rules.everyone_excluded": (
        "该指标不计入，每人的总分按 ×{ratio} 折算。",
        "It is left out and every total rescaled ×{ratio}.",
    ),
    "rules.everyone_left_out": ("该指标不计入。", "It is left out."),
    "rules.everyone_zero": ("每人该项都记 0 分。", "Everyone gets 0 points for it."),
    # ... or to the agents who lack the inputs
    "rules.some_no_score": (
        "这些人将为「缺数据」，没有总分。",
        "They will be Missing data (缺数据), with no total.",
    ),
    "rules.some_excluded": (
        "这些人的该指标不计入，总分按 ×{ratio} 折算。",
        "It is left out for them and their totals rescaled ×{ratio}.",
    ),
    "rules.some_left_out": ("这些人的该指标不计入。", "It is left out for them."),
    "rules.some_zero": ("这些人该项记 0 分。", "They get 0 points for it."),
}
