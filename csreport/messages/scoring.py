"""Notes, veto reasons and verdicts that scoring returns as codes."""

TEXT: dict[str, tuple[str, str]] = {
    # verdicts (结论)
    "conclusion.pass": ("合格", "Pass"),
    "conclusion.fail": ("不予上岗", "Not cleared (不予上岗)"),
    "conclusion.missing": ("缺数据", "Missing data (缺数据)"),
    # why a KPI has no value
    "kpi.no_samples": ("没有抽查记录", "No sampled chats"),
    "kpi.few_samples": (
        "抽查记录不足（{n} 条，至少需要 {least} 条）",
        "Too few sampled chats ({n}, at least {least} needed)",
    ),
    "kpi.no_data": ("没有数据：{fields}", "No data: {fields}"),
    "kpi.zero_denominator": (
        "作为比率基数的数值为 0（如咨询人数为 0），无法计算",
        "The base of the rate is 0 (e.g. no customers asked), so it cannot be computed",
    ),
    "kpi.band_gap": (
        "数值 {value} 不在规则的任何区间内（规则有缺口，请修正规则）",
        "Value {value} falls in no band of the rules (a gap: fix the rules)",
    ),
    "kpi.band_overlap": (
        "数值同时落在多个区间 {bands}（规则重叠，请修正规则）",
        "Value falls in several bands {bands} (overlap: fix the rules)",
    ),
    # a missing value under the KPI's policy
    "kpi.missing_zero": ("缺数据，按规则记 0 分", "Missing: scored 0 by the rules"),
    "kpi.missing_excluded": (
        "缺数据，按规则不计入，其余指标按比例折算",
        "Missing: left out by the rules, the other KPIs rescaled",
    ),
    # vetoes: the rules' own words, or the total's threshold
    "veto.rule": ("{reason}", "{reason}"),
    "veto.total_threshold": (
        "总分 {total} ≤ {limit}，不予上岗，再次培训",
        "Total {total} ≤ {limit}: not cleared (不予上岗), retrain",
    ),
    # agent notes
    "agent.unknown_to_roster": (
        "工号不在花名册中，姓名、组别、级别未知",
        "Agent ID not in the roster: name, team and level unknown",
    ),
    "agent.rescaled": (
        "缺数据指标 {names} 不计入，其余有满分的指标得分 × {ratio}（{factor}）折算，扣分与加分项不折算",
        "{names} left out for missing data; the other KPIs' points × {ratio} ({factor}), "
        "deductions and bonuses as they are",
    ),
}
