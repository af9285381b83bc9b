"""The PDFs' words: scorecard, shop cover and team bundle labels, and branding refusals.

``scorecard.<key>`` is the label ``labels.<key>`` that templates see
(``csreport.outputs.pdf.context.labels_for``). English labels keep the shop's HR term
in parentheses where a reader may look for it ("Level (级别)").
"""

TEXT: dict[str, tuple[str, str]] = {
    # --- headings and the agent table ---
    # the first word of the team and whole-shop PDFs' file names (团队_一组.pdf)
    "scorecard.team_file": ("团队", "Team"),
    "scorecard.shop_file": ("全店", "Shop"),
    "scorecard.title": ("客服月度绩效考核成绩单", "Customer Service Monthly Performance Scorecard"),
    "scorecard.month": ("考核月份", "Month"),
    "scorecard.agent_id": ("工号", "Agent ID (工号)"),
    "scorecard.name": ("姓名", "Name"),
    "scorecard.group": ("组别", "Group"),
    "scorecard.status": ("岗位状态", "Status"),
    "scorecard.level": ("级别", "Level (级别)"),
    "scorecard.coefficient": ("系数", "Coefficient (系数)"),
    "scorecard.table": ("考核表", "Table"),
    "scorecard.rank": ("排名", "Rank"),
    "scorecard.not_in_roster": ("不在花名册中", "Not in the roster"),
    # --- the summary boxes ---
    "scorecard.total": ("总分", "Total score"),
    "scorecard.conclusion": ("结论", "Conclusion"),
    "scorecard.grade": ("等级", "Grade"),
    # --- benefits and bonus ---
    "scorecard.benefits": ("级别待遇", "Level (级别) benefits"),
    "scorecard.bonus": ("绩效奖金", "Bonus (绩效奖金)"),
    "scorecard.bonus_formula": (
        "奖金基数 {base} × 系数 {coef}",
        "Bonus base (奖金基数) {base} × coefficient (系数) {coef}",
    ),
    # the bonus and how it was worked out (bonus_formula)
    "scorecard.bonus_with_formula": ("{bonus}（{formula}）", "{bonus} ({formula})"),
    # between the items of one line (level benefits)
    "scorecard.list_gap": ("\u3000", " · "),
    # --- the KPI table ---
    "scorecard.veto_reasons": ("否决原因", "Veto reasons"),
    "scorecard.kpi": ("考核项目", "KPI"),
    "scorecard.value": ("实际值", "Value"),
    # what the value was made of ("按接待人数加权平均（接待人数合计 3,122）", "8 条抽检的平均")
    "scorecard.basis": ("依据", "Basis"),
    # the header of the numerator / denominator of templates made from an earlier version
    # of scorecard.html (the shipped one shows the basis in words)
    "scorecard.ratio": ("分子 / 分母", "Num. / denom."),
    # the band the value fell in, or the rule of a KPI scored without bands
    "scorecard.band": ("所在档位", "Band or rule"),
    "scorecard.points": ("得分", "Points"),
    # the points of a KPI with no maximum of its own (a deduction or a bonus on top of the total)
    "scorecard.deduction": ("扣 {n} 分", "−{n} pts"),
    "scorecard.addition": ("加 {n} 分", "+{n} pts"),
    "scorecard.veto": ("否决", "Veto"),
    "scorecard.missing": ("缺数据", "Missing data"),
    "scorecard.percentile": ("组内百分位 {p}", "percentile in group {p}"),
    "scorecard.seconds": ("秒", "s"),
    "scorecard.colon": ("：", ": "),
    # --- attendance, attitude items, notes ---
    "scorecard.attendance": ("考勤汇总", "Attendance (days / times)"),
    "scorecard.attendance_line": (
        "出勤 {present} 天\u3000迟到 {late} 次\u3000早退 {early_leave} 次\u3000"
        "请假 {leave} 天\u3000旷工 {absent} 天",
        "Present {present} · Late {late} · Left early {early_leave} · Leave {leave} · Absent {absent}",
    ),
    # The single words of attendance_line, for templates made from an earlier version
    # of scorecard.html (the shipped one shows the whole line).
    "scorecard.present": ("出勤", "Present"),
    "scorecard.late": ("迟到", "Late"),
    "scorecard.early_leave": ("早退", "Left early"),
    "scorecard.leave": ("请假", "Leave"),
    "scorecard.absent": ("旷工", "Absent"),
    "scorecard.days": ("天", "days"),
    "scorecard.times": ("次", "times"),
    "scorecard.attitude": ("工作态度分项（抽查平均）", "Attitude items (sampled average)"),
    "scorecard.notes": ("备注", "Notes"),
    # --- the months before, from history (a card shows them when history holds earlier months) ---
    "scorecard.trend": ("近六个月总分", "Total score (总分), last six months"),
    # a month in the line without a 总分 (not recorded, or 缺数据): a gap, never 0
    "scorecard.no_total": ("–", "–"),
    # 环比: this month's 总分 − last month's, {change} being kpi_up/kpi_down/unchanged/not_comparable
    "scorecard.change": ("环比 {change}", "Change on last month (环比): {change}"),
    "scorecard.average": ("六个月平均 {n}", "Six-month average: {n}"),
    "scorecard.rank_move": (
        "本月排名 {rank}（上月 {previous}，{move}）",
        "Rank this month {rank} (last month {previous}, {move})",
    ),
    "scorecard.rank_new": ("本月排名 {rank}（上月未排名）", "Rank this month {rank} (not ranked last month)"),
    "scorecard.unranked": ("本月未排名", "Not ranked this month"),
    # places gained / lost since last month, and a rank the same as last month's
    "scorecard.rank_up": ("▲{n}", "▲{n}"),
    "scorecard.rank_down": ("▼{n}", "▼{n}"),
    "scorecard.rank_same": ("名次不变", "same place"),
    # 试用期 counting: months not cleared on the table so far (this one included) of the retrain limit
    "scorecard.fails": ("不予上岗次数 {n}/{limit}", "Times not cleared (不予上岗): {n}/{limit}"),
    "scorecard.retrain_limit": ("已达再培训上限", "Retraining limit reached (已达再培训上限)"),
    # the KPI table's column of each KPI's points since last month, and its words
    "scorecard.kpi_change": ("较上月", "vs last month"),
    "scorecard.kpi_up": ("▲{n} 分", "▲{n} pts"),
    "scorecard.kpi_down": ("▼{n} 分", "▼{n} pts"),
    "scorecard.unchanged": ("持平", "no change"),
    "scorecard.not_comparable": ("–", "–"),
    # --- the interview (面谈) box, filled in by hand after the assessment ---
    "scorecard.interview": ("面谈记录", "Interview (面谈)"),
    "scorecard.interview_points": ("面谈要点", "Points (面谈要点)"),
    "scorecard.judgement": ("综合评定", "Judgement (综合评定)"),
    # before the rules' grades to tick; without them, a line to write the grade on
    "scorecard.judgement_grades": ("等级", "Grade"),
    "scorecard.judgement_reason": ("与得分不同的原因", "Why it differs from the score"),
    "scorecard.reason_traffic": ("流量", "traffic"),
    "scorecard.reason_promotion": ("促销", "promotion"),
    "scorecard.reason_season": ("淡旺季", "season"),
    "scorecard.reason_other": ("其他", "other"),
    "scorecard.plan": ("改进计划", "Plan (改进计划)"),
    "scorecard.interview_date": ("面谈日期", "Interview date (面谈日期)"),
    # --- signatures and footer ---
    "scorecard.employee": ("员工签字", "Employee"),
    "scorecard.supervisor": ("主管签字", "Supervisor"),
    "scorecard.hr": ("HR 签字", "HR"),
    "scorecard.date": ("日期", "Date"),
    "scorecard.rules": ("考核规则", "Rules"),
    "scorecard.generated": ("生成时间", "Generated"),
    "scorecard.footer": (
        "考核规则：{rules} ({hash}) · 生成时间：{time}",
        "Rules: {rules} ({hash}) · Generated: {time}",
    ),
    "scorecard.confidential": ("内部资料 注意保密", "Internal, confidential"),
    # --- the shop PDF's cover and the team bundles ---
    "scorecard.shop_title": ("全店绩效考核汇总", "Shop Performance Summary"),
    "scorecard.ungrouped": ("未分组", "Ungrouped"),
    # --- why a branding value is refused (the reason of branding.invalid) ---
    "branding.not_hex": ("不是 #1f4e79 这样的十六进制颜色", "not a CSS hex colour such as #1f4e79"),
    "branding.not_text": ("不是文字", "not text"),
    "branding.unreadable": ("无法读取该文件：{reason}", "cannot read the file: {reason}"),
    "branding.not_file": ("不是文件", "not a file"),
    "branding.not_image": ("不是图片（{kinds}）", "not an image ({kinds})"),
    "branding.too_large": ("超过 {limit_mb} MB", "larger than {limit_mb} MB"),
}
