"""The rules in words: the results workbook's 规则 sheet and ``csreport rules show``. Every KPI,
band, veto and grade as a readable table, with the rules file kept at the end for audit."""

TEXT: dict[str, tuple[str, str]] = {
    # --- who the rules are ---
    "rules_sheet.title": ("考核规则：{name}", "Rules: {name}"),
    "rules_sheet.identity": ("版本 {hash}（{source}）", "version {hash} ({source})"),
    "rules_sheet.source_preset": ("csreport 自带规则", "built into csreport"),
    "rules_sheet.source_file": ("规则文件 {path}", "rules file {path}"),
    "rules_sheet.profiles": ("权重方案", "Weight profiles"),
    "rules_sheet.profile": ("已应用的权重方案", "Weight profile applied"),
    "rules_sheet.profile_note": ("{profile}（{note}）", "{profile} ({note})"),
    # the first month the rules apply to (effective_from), beside the version
    "rules_sheet.effective_line": ("生效月份：{month} 起", "In force from {month}"),
    # --- which 考核表 applies to whom ---
    "rules_sheet.who": ("谁用哪张考核表", "Which table applies to whom"),
    "rules_sheet.everyone_else": (
        "其余所有人（不符合其他考核表条件的人员）",
        "Everyone else (whoever the other tables do not match)",
    ),
    "rules_sheet.everyone": ("所有人", "Everyone"),
    "rules_sheet.field.status": ("岗位状态", "Post status"),
    "rules_sheet.field.group": ("组别", "Group"),
    "rules_sheet.equals": ("{field} = {value}", "{field} = {value}"),
    "rules_sheet.and": ("，且 ", " and "),
    # --- how to read the tables ---
    "rules_sheet.how": ("怎么读这些表", "How to read these tables"),
    "rules_sheet.read.points": (
        "每个指标按本月数值落在哪个区间得分，各指标得分相加为总分。",
        "Each KPI scores the points of the band its month's value falls in; the points add up to the total.",
    ),
    "rules_sheet.read.veto": (
        "标为“否决”的一行成立时，结论为不予上岗，不论总分多少。",
        "When a row marked Veto applies, the agent is not cleared (不予上岗), whatever the total.",
    ),
    "rules_sheet.read.missing": (
        "某个指标没有数据时，该客服本月记为缺数据，不计总分，除非该指标的说明另有写明。",
        "When a KPI has no data, the agent is missing data (缺数据) for the month and gets no total, "
        "unless the KPI's note says otherwise.",
    ),
    "rules_sheet.read.audit": (
        "右侧灰色两列供审计核对：区间的数学写法，以及原考核表的写法。",
        "The two grey columns on the right are for audit: the band in interval notation, and as the "
        "source table writes it.",
    ),
    # --- one 考核表 ---
    "rules_sheet.table": ("考核表：{name}", "Table: {name}"),
    "rules_sheet.table_continued": ("考核表：{name}（续）", "Table: {name} (continued)"),
    "rules_sheet.applies": ("适用于", "Applies to"),
    "rules_sheet.total": ("满分", "Maximum"),
    "rules_sheet.threshold": ("总分门槛", "Total threshold"),
    "rules_sheet.threshold_words": ("总分 ≤ {limit} → 不予上岗", "Total ≤ {limit} → not cleared (不予上岗)"),
    "rules_sheet.no_threshold": (
        "无（只有否决会导致不予上岗）",
        "None (only a veto makes an agent not cleared)",
    ),
    "rules_sheet.note": ("说明", "Note"),
    # how often an agent of the table may fail and retrain (retrain_limit)
    "rules_sheet.retrain": ("再培训", "Retraining"),
    "rules_sheet.retrain_words": (
        "不予上岗后最多再培训 {n} 次",
        "At most {n} times after not being cleared (不予上岗)",
    ),
    "rules_sheet.retrain_once": (
        "不予上岗后最多再培训 1 次",
        "At most once after not being cleared (不予上岗)",
    ),
    # the KPI table's columns; the last two are for audit
    "rules_sheet.col.kpi": ("指标", "KPI"),
    "rules_sheet.col.max": ("满分", "Maximum"),
    "rules_sheet.col.formula": ("计算方式", "Calculation"),
    "rules_sheet.col.band": ("区间", "Band"),
    "rules_sheet.col.points": ("得分", "Points"),
    "rules_sheet.col.detail": ("否决原因 / 说明", "Veto reason / note"),
    "rules_sheet.col.audit": ("区间（审计）", "Band (audit)"),
    "rules_sheet.col.written": ("原表写法（审计）", "Source text (audit)"),
    # --- a KPI's rows ---
    "rules_sheet.veto": ("否决", "Veto"),
    "rules_sheet.deduction": ("扣分项", "Deduction only"),
    "rules_sheet.month.weighted": (
        "{field}（按{weight}加权的月平均）",
        "{field}: monthly mean weighted by {weight}",
    ),
    "rules_sheet.month.mean_qa": ("{field}（当月抽检的平均）", "{field}: mean of the month's sampled chats"),
    "rules_sheet.month.mean": ("{field}（当月每天数值的平均）", "{field}: mean of the month's daily values"),
    "rules_sheet.min_sample_chats": (
        "{sample}少于 {n} 条时记为缺数据",
        "Missing data (缺数据) when {sample} < {n}",
    ),
    "rules_sheet.min_sample": ("{sample}少于 {n} 时记为缺数据", "Missing data (缺数据) when {sample} < {n}"),
    "rules_sheet.missing.exclude": (
        "没有数据时不计此项，其余指标按比例折算到满分",
        "Without data this KPI is left out and the others are scaled up to the maximum",
    ),
    "rules_sheet.missing.zero": ("没有数据时此项记 0 分", "Without data this KPI scores 0"),
    "rules_sheet.rounding": (
        "先保留 {n} 位小数，再对照区间",
        "Rounded to {n} decimals before the bands are applied",
    ),
    "rules_sheet.rounding_whole": (
        "先取整数，再对照区间",
        "Rounded to a whole number before the bands are applied",
    ),
    "rules_sheet.lower_better": ("数值越小，组内排名越靠前", "Lower values rank higher in the group"),
    # --- grades, 系数 and the level ladder ---
    "rules_sheet.grades": ("等级", "Grades (等级)"),
    "rules_sheet.col.grade": ("等级", "Grade"),
    "rules_sheet.col.grade_label": ("评语", "Label"),
    "rules_sheet.col.grade_need": ("条件", "Requirement"),
    "rules_sheet.grade_min": ("总分 ≥ {min}", "Total ≥ {min}"),
    "rules_sheet.grade_share": (
        "总分 ≥ 满分的 {share}（{examples}）",
        "Total ≥ {share} of the maximum ({examples})",
    ),
    "rules_sheet.grade_example": ("满分 {total} 时为 {min}", "{min} of {total}"),
    "rules_sheet.fail_grade": (
        "不予上岗，或总分低于以上各等级",
        "Not cleared (不予上岗), or a total below every grade above",
    ),
    "rules_sheet.grade_note": (
        "缺数据的客服不评等级，也没有系数。",
        "An agent missing data (缺数据) gets no grade and no coefficient.",
    ),
    "rules_sheet.coefficients": ("系数（按级别和等级）", "Coefficient (系数) by level (级别) and grade"),
    "rules_sheet.col.level": ("级别", "Level"),
    "rules_sheet.benefits": ("各级别待遇", "Benefits by level (级别)"),
    # --- the half-year level review's suggestion (promotion:) ---
    "rules_sheet.promotion": ("级别升降（半年评审的建议）", "Level (级别) review: moving up or down"),
    "rules_sheet.promotion.up": ("晋升一级", "Up one level (级别)"),
    "rules_sheet.promotion.down": ("降低一级", "Down one level (级别)"),
    "rules_sheet.promotion.sep": ("，", ", "),
    "rules_sheet.promotion.min_months": ("至少 {n} 个月有总分", "months with a total ≥ {n}"),
    "rules_sheet.promotion.min_average": ("平均总分 ≥ {value} 分", "average total ≥ {value}"),
    "rules_sheet.promotion.max_average": ("平均总分 ≤ {value} 分", "average total ≤ {value}"),
    "rules_sheet.promotion.min_vetoes": ("否决 ≥ {n} 次", "vetoed (否决) months ≥ {n}"),
    "rules_sheet.promotion.max_vetoes": ("否决 ≤ {n} 次", "vetoed (否决) months ≤ {n}"),
    "rules_sheet.promotion.no_veto": ("否决 0 次", "no vetoed (否决) month"),
    "rules_sheet.promotion.min_tenure_months": ("入职满 {n} 个月", "months since the hire date ≥ {n}"),
    "rules_sheet.promotion.note": (
        "按评审期间（约半年）的各月计算：有总分的月数、这些月的平均总分、被否决的月数。"
        "所列条件都满足才建议；两种都满足时建议降低一级。这只是建议，最终级别由主管结合技能、岗位重要性和日常表现决定。",
        "Counted over the review period's months (about six): the months with a total, their average "
        "total, the months with a veto. A move is suggested when all its conditions hold; an agent "
        "meeting both is suggested down. csreport only suggests: the manager sets the final level "
        "(级别) on skills, the role's importance and daily conduct.",
    ),
    # --- the rules file itself, for audit ---
    "rules_sheet.text": (
        "附：规则文件原文（留档备查）",
        "Appendix: the rules file as written (kept for audit)",
    ),
    "rules_sheet.text_note": (
        "以下是评分所用规则文件的逐字内容，以上各表由它生成。",
        "Below is the rules file used for scoring, word for word; the tables above are made from it.",
    ),
    # --- csreport rules show ---
    "rules_sheet.show.table": ("== 考核表：{name} ==", "== Table: {name} =="),
    "rules_sheet.show.fact": ("{key}：{value}", "{key}: {value}"),
    "rules_sheet.show.kpi": ("{name}（{max}）", "{name} ({max})"),
    "rules_sheet.max": ("满分 {points}", "maximum {points}"),
    "rules_sheet.show.formula": ("计算方式：{formula}", "calculation: {formula}"),
    "rules_sheet.show.veto": ("否决：{reason}", "veto: {reason}"),
    "rules_sheet.show.written": ("原表写法：{written}", "source text: {written}"),
}
