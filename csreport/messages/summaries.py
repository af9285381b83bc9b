"""The PDFs' team summary pages and the shop cover: who failed, who lacks data, who needs checking.

``summary.<key>`` is the label ``labels.<key>`` that ``cover.html`` and
``team_summary.html`` see (``csreport.outputs.pdf.summaries``); the rest are filled in
by that module. A rate is always shown with its base, a share of the maximum always
with one decimal.
"""

TEXT: dict[str, tuple[str, str]] = {
    # --- titles and outline entries ---
    "summary.team_title": ("团队绩效考核汇总", "Team Performance Summary"),
    "summary.shop_outline": ("全店汇总", "Shop summary"),
    "summary.team_outline": ("团队汇总", "Team summary"),
    "summary.team": ("组别", "Team"),
    "summary.teams": ("各团队", "Teams"),
    "summary.whole_shop": ("全店", "Whole shop"),
    # --- the figures at the top of a page ---
    "summary.staff": ("客服人数", "Agents"),
    "summary.members": ("人数", "Members"),
    "summary.pass_rate": ("合格率", "Pass rate"),
    "summary.pass_base": ("合格 {passed} / 已评定 {assessed}", "Passed {passed} / assessed {assessed}"),
    "summary.missing_base": ("缺数据 {missing}，不计入", "Missing data (缺数据) {missing}, not counted"),
    "summary.average": ("平均得分率", "Average score"),
    "summary.average_base": (
        "{scored} 人有总分，各按所用考核表满分折算",
        "Of the {scored} with a total, each as a share of their table's maximum",
    ),
    "summary.no_total": ("无人有总分", "nobody has a total"),
    "summary.rank": ("团队排名", "Team rank"),
    "summary.rank_base": ("共 {teams} 个团队，按平均得分率", "Of {teams} teams, by average score"),
    "summary.grade": ("团队等级", "Team grade"),
    "summary.to_check": ("需核对", "To check (需核对)"),
    "summary.to_check_base": ("不在花名册中，未计入客服人数", "Not in the roster, not counted as agents"),
    # --- the teams table of the shop cover ---
    "summary.passed": ("合格", "Passed"),
    "summary.failed": ("不予上岗", "Not cleared (不予上岗)"),
    "summary.missing": ("缺数据", "Missing data (缺数据)"),
    "summary.pass_rate_head": ("合格率（合格 / 已评定）", "Pass rate (passed / assessed)"),
    "summary.average_head": ("平均得分率", "Average score"),
    "summary.rank_head": ("排名", "Rank"),
    "summary.grade_head": ("等级", "Grade"),
    # a rate and its base: 83.3%（5 / 6）
    "summary.rate": ("{rate}（{part} / {whole}）", "{rate} ({part} / {whole})"),
    # --- the members table of a team page ---
    "summary.member_list": ("成员", "Members"),
    "summary.agent_id": ("工号", "Agent ID (工号)"),
    "summary.name": ("姓名", "Name"),
    "summary.table": ("考核表", "Table"),
    "summary.total": ("总分 / 满分", "Total / maximum"),
    "summary.conclusion": ("结论", "Conclusion"),
    "summary.level": ("级别", "Level (级别)"),
    "summary.coefficient": ("系数", "Coefficient (系数)"),
    # --- who failed, who lacks data, who needs checking ---
    "summary.attention": ("不予上岗与缺数据", "Not cleared (不予上岗) and missing data (缺数据)"),
    "summary.why": ("原因 / 缺少的数据", "Reason / data missing"),
    # under a member of the team page: why not cleared, what data is missing
    "summary.reason": ("原因", "Reason"),
    "summary.lacking": ("缺少的数据", "Data missing"),
    "summary.nobody": (
        "本月没有不予上岗或缺数据的客服。",
        "Nobody is not cleared (不予上岗) or missing data (缺数据) this month.",
    ),
    # a KPI without data and why: 差错（没有抽查记录）
    "summary.missing_item": ("{kpi}（{reason}）", "{kpi} ({reason})"),
    "summary.to_check_head": ("需核对（{n} 个工号）", "To check (需核对): {n}"),
    "summary.to_check_intro": (
        "以下工号出现在数据中，但不在花名册里：不计入客服人数、任何团队和排名，也不生成成绩单。"
        "请核对工号，或把此人补进花名册后重新运行。",
        "These agent IDs (工号) appear in the data but not in the roster: they are not counted as "
        "agents, in any team or rank, and get no scorecard. Check the ID, or add the agent to the "
        "roster and run again.",
    ),
    "summary.not_in_roster": ("工号不在花名册中", "Agent ID not in the roster"),
    "summary.found_in": ("出现在", "Found in"),
    # --- how the figures are made, under the tables ---
    "summary.how": (
        "合格率 = 合格 ÷ 已评定（合格与不予上岗的人数）。得分率 = 总分 ÷ 该客服所用考核表的满分；平均得分率"
        "是有总分者得分率的平均，满分不同的考核表因此可以相比。缺数据的客服未评定，不计入合格率和平均得分率。"
        "团队排名按平均得分率，相同者名次并列；团队等级是平均得分率对照规则的等级门槛（按满分折算）所得的等级。",
        "Pass rate = passed ÷ assessed (passed and not cleared). Score share = total ÷ the maximum of "
        "the agent's table; the average score is the mean share of those with a total, so tables with "
        "different maxima compare. Agents with missing data (缺数据) are not assessed and count in "
        "neither the pass rate nor the average. Teams rank by average score; equal averages share a "
        "rank. A team's grade is the rules' grade its average score reaches (thresholds as shares of "
        "the maximum).",
    ),
}
