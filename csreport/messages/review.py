"""Catalogue: the assessment cycle's review (issue 14).

The half-year 级别 review: the suggestion and its reason (``scoring/review.py``), the 晋级评审
workbook (``outputs/xlsx/review.py``), the per-agent review PDFs (``outputs/pdf/review.py``,
``templates/review.html``) and reading the filled workbook back (``inputs/review_sheet.py``).
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- the period ------------------------------------------------------------------------
    "review.bad_period": (
        "评审期间 {start} – {end} 无效：月份写作 YYYY-MM（如 2026-05），起始月不能晚于结束月。",
        "The review period {start} – {end} is not valid: write months as YYYY-MM (such as "
        "2026-05), the first not after the last.",
    ),
    "review.period_too_long": (
        "评审期间 {start} – {end} 共 {n} 个月，最多 {most} 个月。",
        "The review period {start} – {end} has {n} months; at most {most} are allowed.",
    ),
    "review.period": ("{start} – {end}", "{start} – {end}"),
    # --- the suggestion: each condition of the promotion block as it held ------------------
    # {op} is ≥, ≤, < or >: the sign that is true of the agent's figure.
    "review.cond.months": ("{n} 个月有总分 {op} {limit} 个月", "{n} months with a total {op} {limit}"),
    "review.cond.average": (
        "{n} 个月平均 {average} 分 {op} {limit} 分",
        "average of {n} months {average} {op} {limit} pts",
    ),
    "review.cond.no_total": ("期间没有总分", "no total in the period"),
    "review.cond.vetoes": ("否决 {n} 次 {op} {limit} 次", "vetoes (否决) {n} {op} {limit}"),
    "review.cond.tenure": ("司龄 {n} 个月 {op} {limit} 个月", "tenure {n} months {op} {limit}"),
    "review.cond.no_hire_date": ("没有入职日期，司龄未知", "no hire date, tenure unknown"),
    "review.and": ("，", ", "),
    "review.up": ("{conditions} → 升一级", "{conditions} → up one level (级别)"),
    "review.down": ("{conditions} → 降一级", "{conditions} → down one level (级别)"),
    "review.top": (
        "{conditions} → 已是最高级别，保持",
        "{conditions} → already the top level (级别), stays",
    ),
    "review.bottom": (
        "{conditions} → 已是最低级别，保持",
        "{conditions} → already the lowest level (级别), stays",
    ),
    "review.stay": ("{conditions} → 保持", "{conditions} → stays"),
    "review.stay_plain": ("未满足调整条件 → 保持", "No condition for a change met → stays"),
    "review.no_promotion": (
        "规则中没有晋级条件（promotion:），不给出建议级别，由店长决定。",
        "The rules have no promotion block (promotion:), so no level (级别) is suggested: "
        "the manager decides.",
    ),
    "review.not_on_ladder": (
        "级别「{level}」不在规则的级别阶梯上，无法建议",
        "Level (级别) '{level}' is not on the rules' ladder: no suggestion",
    ),
    "review.no_level": ("没有记录级别，无法建议", "No level (级别) recorded: no suggestion"),
    # --- the promotion block in words --------------------------------------------------------
    "review.rule.down_first": (
        "先检查降级：同时满足升、降两组条件的客服建议降一级。每组条件须全部满足。",
        "Down is checked first: an agent meeting both is suggested down. Every condition of a "
        "group must hold.",
    ),
    "review.rule.ladder": ("级别阶梯（由低到高）", "Level ladder (级别), lowest first"),
    "review.rule.no_ladder": ("规则中没有级别阶梯（levels:）", "The rules have no level ladder (levels:)"),
    "review.rule.source": ("规则：{name} #{hash}", "Rules: {name} #{hash}"),
    # --- how the figures are counted -----------------------------------------------------------
    "review.explain.heading": ("各列的含义", "What the columns mean"),
    "review.explain.totals": (
        "每月总分：该月最新一次计算的总分；空白表示该月没有记录或没有总分（缺数据），不按 0 计。",
        "Monthly totals: the month's latest scored total; a blank month has no record or no "
        "total (missing data) and never counts as 0.",
    ),
    "review.explain.average": (
        "平均、最低：有总分的月份的平均值和最低值。",
        "Average, lowest: the mean and the lowest of the months with a total.",
    ),
    "review.explain.trend": (
        "趋势：各月总分的线性回归斜率，即平均每月升降多少分（正数为上升；少于 2 个月有总分时为空）。",
        "Trend: the least-squares slope of the monthly totals, points gained or lost per month "
        "(positive is rising; blank with fewer than 2 totals).",
    ),
    "review.explain.vetoes": (
        "否决次数：因否决（一票否决）而不予上岗的月数。",
        "Vetoes (否决): the months not cleared (不予上岗) because of a veto.",
    ),
    "review.explain.qa": (
        "质检合格率：有质检抽查数据的月份中，质检类指标都没有被否决的月份所占比例。",
        "QA pass rate (质检合格率): of the months with sampled-chat (QA) data, the share in which "
        "no QA KPI was vetoed.",
    ),
    "review.explain.attendance": (
        "出勤：评审期间各月考勤的合计。",
        "Attendance: the months' attendance added up over the period.",
    ),
    "review.explain.tenure": (
        "司龄（月）：从入职日期到评审期最后一个月月底的整月数。",
        "Tenure (months): whole months from the hire date to the end of the period's last month.",
    ),
    "review.explain.interviews": (
        "面谈评定：各月面谈的综合评定及原因；改进计划取最近一次。",
        "Interview judgements: each month's overall judgement (综合评定) and its reason; the "
        "improvement plan is the latest.",
    ),
    "review.explain.manager": (
        "灰色列由 csreport 计算；白色列由店长填写。最终级别留空表示不调整；填好后运行 "
        "csreport review --apply 读回。",
        "Grey columns are computed by csreport; the manager fills the white ones. A blank final "
        "level means no change; when filled, read it back with csreport review --apply.",
    ),
    # --- the workbook --------------------------------------------------------------------------
    "review.sheet.review": ("晋级评审", "Level review"),
    "review.sheet.rules": ("评审规则", "Review rules"),
    "review.title": ("{shop}晋级评审 {start} – {end}", "{shop}Level review (晋级评审) {start} – {end}"),
    "review.title_shop": ("{shop} ", "{shop}: "),
    "review.rules_title": ("晋级评审规则 {start} – {end}", "Level review rules {start} – {end}"),
    "review.col.average": ("平均", "Average"),
    "review.col.minimum": ("最低", "Lowest"),
    "review.col.trend": ("趋势（分/月）", "Trend (pts/month)"),
    "review.col.vetoes": ("否决次数", "Vetoes (否决)"),
    "review.col.qa_rate": ("质检合格率", "QA pass rate"),
    "review.col.tenure": ("司龄（月）", "Tenure (months)"),
    "review.col.interviews": ("面谈评定", "Interview judgements"),
    "review.col.plan": ("最近改进计划", "Latest improvement plan"),
    "review.col.current": ("当前级别", "Current level (级别)"),
    "review.col.suggested": ("建议级别", "Suggested level"),
    "review.col.reason": ("建议依据", "Why suggested"),
    "review.col.skills": ("技能", "Skills"),
    "review.col.importance": ("岗位重要性", "Role importance"),
    "review.col.conduct": ("日常表现", "Daily conduct"),
    "review.col.final": ("最终级别", "Final level"),
    "review.col.note": ("说明", "Note"),
    "review.col.level_en": ("英文名称", "English name"),
    "review.trend_format": ("分/月", "pts/month"),
    "review.nobody": ("评审期间没有客服记录。", "No agent has a month recorded in the period."),
    "review.dv.title": ("最终级别", "Final level"),
    "review.dv.message": (
        "从级别阶梯中选择；留空表示不调整。",
        "Pick a level of the ladder; leave blank for no change.",
    ),
    "review.dv.error": ("请从级别阶梯中选择一个级别。", "Pick one of the ladder's levels."),
    # --- an interview judgement ----------------------------------------------------------------
    "review.judgement": ("{month} {grade}", "{month} {grade}"),
    "review.judgement_why": ("{month} {grade}（{reason}）", "{month} {grade} ({reason})"),
    # --- the per-agent PDF ---------------------------------------------------------------------
    "review.card.title": ("晋级评审", "Level review"),
    "review.card.period": ("评审期间", "Review period"),
    "review.card.hire_date": ("入职日期", "Hire date"),
    "review.card.monthly": ("每月总分", "Monthly totals"),
    "review.card.month": ("月份", "Month"),
    "review.card.no_record": ("无记录", "no record"),
    "review.card.figures": ("期间概况", "The period in figures"),
    "review.card.attendance": ("出勤合计", "Attendance over the period"),
    "review.card.interviews": ("面谈", "Interviews"),
    "review.card.plan": ("最近改进计划", "Latest improvement plan"),
    "review.card.none": ("无", "none"),
    "review.card.suggestion": ("级别建议", "Level (级别) suggestion"),
    "review.card.manager": ("店长评定", "The manager's assessment"),
    "review.card.signature_agent": ("员工签字", "Agent's signature"),
    "review.card.signature_manager": ("店长签字", "Manager's signature"),
    "review.card.date": ("日期", "Date"),
    "review.card.months": ("{n} 个月", "{n} months"),
    "review.card.qa_base": ("{passed} / {months} 个月合格", "{passed} / {months} months passed"),
    "review.card.chart": (
        "总分走势（空缺为没有总分的月份）",
        "Totals over the period (a gap is a month without a total)",
    ),
    "review.card.footer": ("规则 {rules} #{hash} · 生成于 {time}", "Rules {rules} #{hash} · made {time}"),
    "review.card.confidential": ("内部资料，仅限本人及主管查阅", "Confidential: the agent and managers only"),
    # --- reading the filled workbook back ------------------------------------------------------
    "review.read.no_header": (
        "{file} 的工作表「{sheet}」中找不到晋级评审的表头（需要“工号”和“最终级别”两列）：请使用 "
        "csreport review 生成的晋级评审工作簿。",
        "{file}, sheet '{sheet}': no level review header found (it needs the columns Agent ID "
        "(工号) and Final level (最终级别)): use the level review workbook csreport review wrote.",
    ),
    "review.read.no_period": (
        "标题中找不到评审期间（如 2026-05 – 2026-10）",
        "The title names no review period (such as 2026-05 – 2026-10)",
    ),
    "review.read.unknown_level": (
        "最终级别「{value}」不在级别阶梯上（{levels}），本行不调整",
        "Final level '{value}' is not on the level ladder ({levels}): this row changes nothing",
    ),
    "review.read.unknown_agent": (
        "工号 {value} 不在 {start} 至 {end} 的考核结果中：此行的最终级别未读入。请核对工号。",
        "Agent ID (工号) {value} is not among the results of {start} to {end}: this row's final level "
        "is not read. Check the ID.",
    ),
    "review.read.duplicate_id": (
        "工号 {value} 已在第 {first} 行出现，本行不采用",
        "Agent ID (工号) {value} is already on row {first}: this row is not used",
    ),
    "review.read.no_id": (
        "有最终级别「{value}」但没有工号，本行不采用",
        "Final level '{value}' but no agent ID (工号): this row is not used",
    ),
}
