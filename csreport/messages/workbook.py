"""Labels and notes of the results workbook and of write-back copies.

English labels name a Chinese domain term in brackets the first time a reader needs it
(``Level (级别)``), so an English workbook has no bare Chinese except the data itself.
"""

TEXT: dict[str, tuple[str, str]] = {
    # sheet names
    "workbook.sheet.summary": ("汇总", "Summary"),
    "workbook.sheet.detail": ("计算明细", "Calculation detail"),
    "workbook.sheet.problems": ("数据问题", "Data problems"),
    "workbook.sheet.rules": ("规则", "Rules"),
    "workbook.sheet.teams": ("团队", "Teams"),
    "workbook.sheet.trends": ("趋势", "Trends"),
    "workbook.sheet.interviews": ("面谈", "Interviews"),
    # column headers (汇总, 计算明细, 数据问题, 团队; 考核结果 and roster columns of write-back)
    "workbook.agent_id": ("工号", "Agent ID (工号)"),
    "workbook.name": ("姓名", "Name"),
    "workbook.group": ("组别", "Group"),
    "workbook.table": ("考核表", "Table"),
    "workbook.points_of_max": ("{name}得分（满分 {max}）", "{name} points (of {max})"),
    # the points of a KPI without a maximum of its own, taken off or added on top of the total
    "workbook.points_deduction": ("{name}（扣分）", "{name} (deduction)"),
    "workbook.points_bonus": ("{name}（加分）", "{name} (bonus)"),
    "workbook.total": ("总分", "Total"),
    "workbook.conclusion": ("结论", "Conclusion"),
    "workbook.veto_reasons": ("否决原因", "Veto reasons"),
    "workbook.grade": ("等级", "Grade"),
    "workbook.level": ("级别", "Level (级别)"),
    "workbook.coefficient": ("系数", "Coefficient (系数)"),
    "workbook.bonus_base": ("奖金基数", "Bonus base (奖金基数)"),
    "workbook.bonus": ("绩效奖金", "Performance bonus (绩效奖金)"),
    "workbook.rank": ("排名", "Rank"),
    "workbook.notes": ("备注", "Notes"),
    # 试用期 counting across months (history): months not cleared so far of the retrain limit
    # ("1/2"), and whether the limit is reached
    "workbook.fails": ("不予上岗次数", "Times not cleared (不予上岗)"),
    "workbook.fails_of": ("{n}/{limit}", "{n}/{limit}"),
    "workbook.retrain": ("再培训", "Retraining (再培训)"),
    "workbook.retrain_limit": ("已达再培训上限", "Retraining limit reached (已达再培训上限)"),
    "workbook.attendance.present": ("出勤天数", "Days present"),
    "workbook.attendance.late": ("迟到次数", "Times late"),
    "workbook.attendance.early_leave": ("早退次数", "Times left early"),
    "workbook.attendance.leave": ("请假天数", "Days on leave"),
    "workbook.attendance.absent": ("旷工天数", "Days absent"),
    "workbook.kpi": ("指标", "KPI"),
    "workbook.formula": ("公式", "Formula"),
    "workbook.raw": ("原始值", "Raw value"),
    "workbook.sample": ("样本数", "Sample size"),
    "workbook.band": ("区间", "Band"),
    "workbook.basis": ("依据", "Basis"),
    "workbook.points": ("得分", "Points"),
    "workbook.max_points": ("满分", "Max points"),
    "workbook.veto": ("否决", "Veto"),
    "workbook.missing_reason": ("缺数据原因", "Why missing"),
    "workbook.source": ("来源", "Source"),
    "workbook.severity": ("严重程度", "Severity"),
    "workbook.file": ("文件", "File"),
    "workbook.sheet": ("工作表", "Sheet"),
    "workbook.row": ("行", "Row"),
    "workbook.column": ("列", "Column"),
    "workbook.header": ("表头", "Header"),
    "workbook.value": ("值", "Value"),
    "workbook.note": ("说明", "Note"),
    # a KPI whose name another KPI shares, told apart by its table(s), then by its id
    "workbook.kpi_in_table": ("{name}（{table}）", "{name} ({table})"),
    "workbook.kpi_with_id": ("{name} [{id}]", "{name} [{id}]"),
    # 汇总: one table per 考核表, then the agents to check
    "workbook.summary.table": ("考核表：{name}（{n} 人）", "Table: {name} ({n} agents)"),
    "workbook.summary.table_one": ("考核表：{name}（1 人）", "Table: {name} (1 agent)"),
    "workbook.summary.continued": ("考核表：{name}（续）", "Table: {name} (continued)"),
    "workbook.summary.to_check": ("需核对（不在花名册中）", "To check (not in the roster)"),
    "workbook.summary.to_check_continued": ("需核对：{name}（续）", "To check: {name} (continued)"),
    "workbook.summary.none": ("没有客服数据。", "No agents."),
    # cell texts
    "workbook.missing": ("缺数据", "Missing data"),
    "workbook.no_problems": ("未发现数据问题", "No data problems found"),
    # 计算明细's 满分 of a KPI without a maximum of its own
    "workbook.max_deduction": ("无（扣分项）", "none (deduction)"),
    "workbook.max_bonus": ("无（加分项）", "none (bonus)"),
    "workbook.percentile": ("组内百分位 {value}", "percentile in group {value}"),
    "workbook.truncated": ("…（已截断，原文共 {n} 字）", "… (truncated, {n} characters in full)"),
    # page header and footer
    "workbook.page.month": ("考核月份 {month}", "Month {month}"),
    "workbook.page.rules": ("规则 {name} #{hash}", "Rules {name} #{hash}"),
    "workbook.page.number": ("第 &P / &N 页", "Page &P of &N"),
}
