"""The 团队 sheet: teams compared like with like, rates with their base."""

TEXT: dict[str, tuple[str, str]] = {
    # the team table
    "teams.group": ("组别", "Group"),
    "teams.ungrouped": ("未分组", "Ungrouped"),
    "teams.members": ("人数", "Members"),
    "teams.passed": ("合格", "Passed"),
    "teams.failed": ("不予上岗", "Not cleared"),
    "teams.pass_rate": ("合格率", "Pass rate"),
    "teams.rate_base": ("合格率的基数", "Pass rate base"),
    "teams.rate_base_value": ("合格 {passed} / 已评定 {assessed}", "{passed} passed / {assessed} assessed"),
    "teams.missing": ("缺数据（不计入合格率）", "Missing data (not in the rate)"),
    "teams.scored": ("有总分", "With a total"),
    "teams.average": ("平均总分（占满分）", "Average total (% of maximum)"),
    "teams.rank": ("团队排名（共 {n} 个团队）", "Team rank (of {n})"),
    "teams.grade": ("团队等级", "Team grade"),
    "teams.none": (
        "没有组别（团队）数据，因此没有团队排名和各指标平均得分图。",
        "No groups in the data, so there is no team ranking or per-KPI chart.",
    ),
    # notes under the team table
    "teams.note.rate": (
        "合格率 = 合格 ÷ 已评定（合格与不予上岗的人数）；缺数据的人未评定，不计入，另列在旁。",
        "Pass rate = passed ÷ assessed (passed and not cleared); agents with missing data are not "
        "assessed and are left out of it, counted beside it.",
    ),
    "teams.note.share": (
        "平均总分和各指标平均得分都是占满分的百分比：每人的得分先除以本人考核表的满分，再求平均"
        "（只算有该项得分的人），所以满分不同的考核表可以相比。团队等级是平均总分对照规则的等级门槛所得的等级。",
        "Average totals and KPI averages are shares of the maximum: each agent's points are divided "
        "by the maximum of their own table before averaging (over the agents with points for it), so "
        "tables with different maxima compare. A team's grade is the rules' grade its average total "
        "reaches.",
    ),
    "teams.note.outsiders": (
        "不在花名册中，不属于任何团队，也不计入人数、排名和总分分布（{n} 人）：{agents}",
        "Not in the roster, so in no team and not counted in members, ranks or the score "
        "distribution ({n}): {agents}",
    ),
    # the KPI × team block and its chart
    "teams.kpi.title": (
        "各指标平均得分占满分的比例（按团队）",
        "Average KPI points as a share of the maximum, by team",
    ),
    "teams.kpi.kpi": ("指标", "KPI"),
    "teams.kpi.max": ("满分", "Maximum"),
    "teams.kpi.max_in_table": ("{table} {points}", "{table} {points}"),
    "teams.kpi.axis": ("平均得分占满分", "Average points, % of maximum"),
    "teams.kpi.top": (
        "图表只显示排名前 {n} 的团队；全部团队见图下的表。",
        "The chart shows the {n} best-ranked teams; the tables below it have them all.",
    ),
    "teams.bonus.title": (
        "加分与扣分项的平均分（按团队）",
        "Bonus and deduction items: average points, by team",
    ),
    "teams.bonus.kind": ("计分方式", "Scoring"),
    "teams.bonus.no_max": ("加减分，无满分", "Added or deducted, no maximum"),
    "teams.bonus.format": ('0.0" 分"', '0.0" pts"'),
    # the 总分 distribution block and its chart
    "teams.dist.title": ("总分分布（共 {n} 人）", "Score distribution ({n} agents)"),
    "teams.dist.bin": ("总分占满分", "Total as % of maximum"),
    "teams.dist.count": ("人数", "Agents"),
    "teams.dist.share": ("占比", "Share"),
    "teams.dist.axis": (
        "总分占本人考核表满分的比例（每段含下限，不含上限）",
        "Total as a share of the agent's own maximum (each bin includes its lower bound)",
    ),
    "teams.dist.low": ("低于 {hi}%", "below {hi}%"),
    "teams.dist.mid": ("{lo}%–{hi}%", "{lo}%–{hi}%"),
    "teams.dist.high": ("{lo}% 及以上", "{lo}% and above"),
    # agents without a 总分: 缺数据, and anyone vetoed while also lacking data
    "teams.dist.missing": ("无总分", "No total"),
    "teams.dist.none": (
        "没有客服数据，因此没有总分分布图。",
        "No agents, so there is no score distribution chart.",
    ),
}
