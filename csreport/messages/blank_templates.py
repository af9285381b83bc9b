"""Messages: the blank workbooks managers fill in (csreport template).

The workbooks ``outputs/xlsx/blank_templates.py`` writes (file and sheet names, the 说明 sheet,
the prompts and refusals of the validated cells) and what ``csreport template`` prints
(``office/templates.py``, ``cli/template.py``). The data sheets' headers are the shipped aliases'
canonical Chinese ones in every language, and so are the values the dropdowns offer: csreport
reads them back whatever the language of the template. An English value is shown as the value
quoted, then what it means ("'正式' (regular)").
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- files, folders and sheets ---------------------------------------------------------------
    "blank_templates.default_folder": ("模板", "blank-templates"),
    "blank_templates.file.roster": ("花名册_模板", "Roster_template"),
    "blank_templates.file.attendance": ("考勤_模板", "Attendance_template"),
    "blank_templates.file.qa": ("质检抽查_模板", "QA_scores_template"),
    "blank_templates.file.reception": ("接待数据_模板", "Reception_template"),
    "blank_templates.file.chat_list": ("会话清单_模板", "Chat_list_template"),
    "blank_templates.sheet.roster": ("花名册", "Roster"),
    "blank_templates.sheet.attendance": ("考勤", "Attendance"),
    "blank_templates.sheet.qa": ("质检抽查", "QA scores"),
    "blank_templates.sheet.reception": ("接待数据", "Reception"),
    "blank_templates.sheet.chat_list": ("会话清单", "Chat list"),
    "blank_templates.sheet.notes": ("说明", "Notes"),
    # --- the 说明 sheet ------------------------------------------------------------------------------
    "blank_templates.notes.title": ("{kind}模板", "{kind} template"),
    "blank_templates.notes.version": ("模板版本 {version}", "Template version {version}"),
    "blank_templates.notes.rules": (
        "下拉列表和各项满分按规则「{rules}」（#{hash}）设置；由 csreport {app} 生成。",
        "The dropdowns and maxima follow the rules '{rules}' (#{hash}); made by csreport {app}.",
    ),
    "blank_templates.purpose.roster": (
        "花名册：每位客服一行，写明工号、姓名、组别、岗位状态和级别。csreport 靠它认人、选考核表、定系数。",
        "The roster: one row per agent with the agent ID (工号), name, group, post status and level. "
        "csreport finds each agent, the scoring table and the coefficient (系数) by it.",
    ),
    "blank_templates.purpose.attendance": (
        "考勤：每位客服每天一行，写明日期和当天的考勤状态。用于全勤、迟到早退等考核项。",
        "Attendance: one row per agent and day, with the date and that day's attendance status. It feeds "
        "the attendance items (full attendance, late arrivals, early leaves).",
    ),
    "blank_templates.purpose.qa": (
        "质检抽查：每条抽查的会话一行，按工作态度评分标准逐项打分，有差错时写明差错类型。"
        "用于服务态度和差错两项考核。",
        "QA scores: one row per sampled chat, scored item by item on the attitude standard (工作态度评分"
        "标准), with the error type of any error. It feeds the attitude and error items.",
    ),
    "blank_templates.purpose.reception": (
        "接待数据：每位客服每天一行（也可以每人每月一行），写明接待、咨询、回复人数、响应时长和付款订单。"
        "用于响应时长、回复率、转化率等考核项。",
        "Reception data: one row per agent and day (or one per agent for the month) with the sessions "
        "received, customers who asked and were replied, response times and paid orders. It feeds the "
        "response time, reply rate and conversion items.",
    ),
    "blank_templates.purpose.chat_list": (
        "会话清单：本月每条会话一行。csreport sample 从中按满意度抽出要质检的会话，写成质检任务单；"
        "它本身不参与计分。",
        "Chat list: one row per chat of the month. csreport sample draws the chats to score from it, by "
        "satisfaction, and writes the QA task sheet; it is not scored itself.",
    ),
    "blank_templates.notes.how_heading": ("怎么填", "How to fill it in"),
    "blank_templates.notes.how.rows": (
        "在「{sheet}」工作表从第 2 行起填写，已准备好 {rows} 行。不够时在表格中间插入行，"
        "下拉列表和检查会一起带上。",
        "Fill in the '{sheet}' sheet from row 2; {rows} rows are ready. For more, insert rows inside the "
        "table: the dropdowns and checks come with them.",
    ),
    "blank_templates.notes.how.header": (
        "第 1 行是表头，已锁定。csreport 按表头的名字认列，列的先后不要紧；要挪动列或改表头时，"
        "先点「审阅 → 撤销工作表保护」（没有密码）。不用的选填列可以空着。",
        "Row 1 is the header and is locked. csreport finds each column by its header's name, not its "
        "place; to move columns or change a header, first choose Review → Unprotect Sheet (there is no "
        "password). Optional columns you do not use may stay empty.",
    ),
    "blank_templates.notes.how.checks": (
        "带下拉箭头的格子从列表中选；数字和日期格子只接受合理的值，填错会弹出提示。"
        "日期按 2026-10-08 这样填。",
        "Cells with a dropdown arrow take a value from the list; number and date cells accept only "
        "plausible values and say so when one is not. Type dates like 2026-10-08.",
    ),
    "blank_templates.notes.columns_heading": ("各列说明", "The columns"),
    "blank_templates.notes.line": ("{name}（{need}）：{text}", "{name}, {need}: {text}"),
    "blank_templates.notes.example": ("例：{example}", "Example: {example}"),
    "blank_templates.notes.after_heading": ("填好以后", "When it is filled in"),
    "blank_templates.handoff.scored": (
        "把填好的文件和其他表放进同一个文件夹，先运行 csreport check 文件夹，按提示改正问题；"
        "没有问题后运行 csreport run 文件夹 --out 报表，出汇总表和成绩单。"
        "文件可以改名，如 2026年10月考勤.xlsx。",
        "Put the filled-in file in one folder with the other workbooks and run csreport check FOLDER; "
        "correct what it reports, then run csreport run FOLDER --out REPORTS for the workbook and "
        "scorecards. The file may be renamed, such as 2026-10 attendance.xlsx.",
    ),
    "blank_templates.handoff.chat_list": (
        "填好后运行 csreport sample 会话清单文件 花名册文件 --month 2026-10，它会写出质检任务单；"
        "质检员在任务单上打分，任务单再和其他表一起交给 csreport run。check 和 run 会跳过会话清单。",
        "Once filled in, run csreport sample CHAT_LIST ROSTER --month 2026-10: it writes the QA task "
        "sheet, which reviewers score and then give to csreport run with the other workbooks. check "
        "and run set the chat list aside.",
    ),
    "blank_templates.prefill.month": (
        "已按历史记录中 {month} 的结果预先填好 {n} 位客服（{history}）。"
        "请核对：离职的删掉整行，新来的加在下面，有变化的直接改。",
        "Pre-filled with the {n} agents of {month} in the history ({history}). Check them: delete the row "
        "of anyone who left, add newcomers below, correct what changed.",
    ),
    "blank_templates.prefill.levels": (
        "其中 {n} 人的级别已按晋级评审的决定改为 {month} 起的新级别。",
        "The level of {n} of them is the one a level review decided from {month}.",
    ),
    "blank_templates.prefill.subaccount": (
        "历史记录不保存旺旺，用得到的请补上。",
        "The history keeps no sub-accounts (旺旺): add them where you need them.",
    ),
    "blank_templates.prefill.empty": (
        "历史记录（{history}）中还没有任何月份，花名册是空白的。",
        "The history ({history}) holds no month yet, so the roster is blank.",
    ),
    "blank_templates.prefill.no_history": (
        "没有找到历史记录（{history}），花名册是空白的。"
        "用 csreport run 计算过一个月后，再生成模板会自动填入客服。",
        "No history was found ({history}), so the roster is blank. Once csreport run has scored a "
        "month, a new template comes with the agents filled in.",
    ),
    "blank_templates.notes.lists_heading": ("下拉列表的选项", "The dropdowns' choices"),
    # --- what each column is, and the rule of its cells ------------------------------------------------
    "blank_templates.need.required": ("必填", "required"),
    "blank_templates.need.optional": ("选填", "optional"),
    "blank_templates.rule.date": ("填日期，如 {example}。", "A date, such as {example}."),
    "blank_templates.rule.int": ("不小于 0 的整数，单位：{unit}。", "A whole number, 0 or more ({unit})."),
    "blank_templates.rule.decimal": (
        "不小于 0 的数，可带小数，单位：{unit}。",
        "A number, 0 or more, decimals allowed ({unit}).",
    ),
    "blank_templates.rule.decimal_max": (
        "0 到 {max} 的数，可带小数，单位：{unit}。",
        "A number from 0 to {max}, decimals allowed ({unit}).",
    ),
    "blank_templates.rule.percent": ("百分比，0% 到 100%。", "A percentage from 0% to 100%."),
    "blank_templates.rule.list": ("从下拉列表中选：{values}。", "Pick from the list: {values}."),
    "blank_templates.rule.list_open": (
        "可从下拉列表中选（{values}），也可以填别的。",
        "Pick from the list ({values}) or type another.",
    ),
    "blank_templates.rule.item": ("0 到 {max} 分，可带小数。", "0 to {max} points, decimals allowed."),
    "blank_templates.unit.people": ("人", "people"),
    "blank_templates.unit.orders": ("单", "orders"),
    "blank_templates.unit.messages": ("条", "messages"),
    "blank_templates.unit.s": ("秒", "seconds"),
    "blank_templates.unit.yuan": ("元", "yuan"),
    # The columns' names in English (the Chinese is the header itself).
    "blank_templates.name.agent_id": ("工号", "Agent ID"),
    "blank_templates.name.name": ("姓名", "Name"),
    "blank_templates.name.group": ("组别", "Group"),
    "blank_templates.name.hire_date": ("入职日期", "Hire date"),
    "blank_templates.name.post_status": ("岗位状态", "Post status"),
    "blank_templates.name.level": ("级别", "Level"),
    "blank_templates.name.subaccount": ("旺旺", "Sub-account"),
    "blank_templates.name.bonus_base": ("奖金基数", "Bonus base"),
    "blank_templates.name.date": ("日期", "Date"),
    "blank_templates.name.att_status": ("考勤状态", "Attendance status"),
    "blank_templates.name.note": ("备注", "Notes"),
    "blank_templates.name.chat_id": ("会话编号", "Chat ID"),
    "blank_templates.name.satisfaction": ("满意度", "Satisfaction"),
    "blank_templates.name.error_type": ("差错类型", "Error type"),
    "blank_templates.name.shop_risk": ("店铺风险", "Shop risk"),
    "blank_templates.name.reviewer": ("评分人", "Reviewer"),
    "blank_templates.name.received": ("接待人数", "Sessions received"),
    "blank_templates.name.inquiries": ("咨询人数", "Customers who asked"),
    "blank_templates.name.replied": ("回复人数", "Customers replied"),
    "blank_templates.name.avg_response_s": ("平均响应时长", "Average response time"),
    "blank_templates.name.first_response_s": ("首次响应时长", "First response time"),
    "blank_templates.name.pre_sales": ("询单人数", "Pre-sales inquiries"),
    "blank_templates.name.inquiry_paid": ("询单付款人数", "Inquiring customers who paid"),
    "blank_templates.name.paid_orders": ("付款订单数", "Paid orders"),
    "blank_templates.name.sales": ("销售额", "Sales amount"),
    "blank_templates.name.satisfaction_rate": ("客户满意率", "Customer satisfaction rate"),
    "blank_templates.name.messages": ("消息数", "Messages"),
    "blank_templates.name.duration_s": ("会话时长", "Chat duration"),
    # The ten attitude items (domain.ATTITUDE_ITEMS, in its order).
    "blank_templates.name.item_0": ("流程全面,服务规范", "Complete process, standard service"),
    "blank_templates.name.item_1": ("聊天话术运用适当", "Scripts used well"),
    "blank_templates.name.item_2": ("积极主动", "Proactive"),
    "blank_templates.name.item_3": ("承担责任", "Takes responsibility"),
    "blank_templates.name.item_4": ("处理技巧", "Handling skill"),
    "blank_templates.name.item_5": ("正确性", "Correctness"),
    "blank_templates.name.item_6": ("熟练性", "Fluency"),
    "blank_templates.name.item_7": ("促成交易力度", "Pushes the sale"),
    "blank_templates.name.item_8": ("购买意向引导", "Guides the purchase"),
    "blank_templates.name.item_9": ("档内优惠理解", "Knows the promotions"),
    "blank_templates.col.agent_id": (
        "每位客服唯一的编号，各张表靠它认出同一个人。",
        "Each agent's own ID; every workbook finds the agent by it.",
    ),
    "blank_templates.col.name": ("客服的姓名。", "The agent's name."),
    "blank_templates.col.name_other": (
        "客服的姓名，方便核对；csreport 按工号认人。",
        "The agent's name, for checking; csreport finds the agent by the agent ID (工号).",
    ),
    "blank_templates.col.group": (
        "所在小组，如 一组；同组的人一起汇总和排名。",
        "The team the agent is in, such as '一组'; a team is summed up and ranked together.",
    ),
    "blank_templates.col.hire_date": (
        "入职那天；晋级评审按它算司龄。",
        "The day the agent started; the level review counts tenure from it.",
    ),
    "blank_templates.col.post_status": (
        "决定用哪张考核表。",
        "Decides which scoring table applies.",
    ),
    "blank_templates.col.level": (
        "员工级别，和考核等级一起决定系数（奖金）；要和规则中的级别一字不差。",
        "The agent's level, which with the grade sets the coefficient (系数) of the bonus; it must match "
        "a level of the rules exactly.",
    ),
    "blank_templates.col.subaccount": (
        "客服在店铺后台的账号。后台导出的数据只有账号、没有工号时必须填，csreport 靠它把账号对上工号；"
        "一人有几个账号时用、分开。",
        "The agent's account in the shop's back office. Needed when the back office's exports name "
        "agents by account instead of agent ID (工号): csreport matches the two by it. Separate several "
        "accounts with commas.",
    ),
    "blank_templates.col.bonus_base": (
        "奖金 = 奖金基数 × 系数；不算奖金可不填。",
        "Bonus = bonus base × coefficient (系数); leave it blank when no bonus is worked out.",
    ),
    "blank_templates.col.att_date": ("这一行是哪一天。", "The day of this row."),
    "blank_templates.col.qa_date": ("这条会话的日期。", "The day of the chat."),
    "blank_templates.col.reception_date": (
        "这一行数据的日期：按天填时每天一行；按月汇总时填该月任意一天。",
        "The day of this row: one row a day, or for a month's totals any day of that month.",
    ),
    "blank_templates.col.att_status": ("当天的出勤情况。", "The agent's attendance that day."),
    "blank_templates.col.note": (
        "随便写，csreport 不读这一列。",
        "Free text; csreport does not read this column.",
    ),
    "blank_templates.col.chat_id": (
        "后台的会话编号，按文字保存（不会变成 2.03E+15 这样的科学计数）；同一条会话只填一行。",
        "The chat's ID in the back office, kept as text (never shortened to 2.03E+15); one row per chat.",
    ),
    "blank_templates.col.satisfaction": (
        "顾客对这条会话的评价；没有评价时选 未评价 或留空。",
        "The rating the customer gave the chat; '未评价' (not rated) or blank when there is none.",
    ),
    "blank_templates.col.item": (
        "这条会话在工作态度评分标准这一项上的得分。",
        "The chat's score on this item of the attitude standard (工作态度评分标准).",
    ),
    "blank_templates.col.error_type": (
        "有差错时填差错的类型，同一类差错反复出现会扣分更多；没有差错留空。",
        "The kind of error, when there is one (the same kind repeated weighs more); blank when none.",
    ),
    "blank_templates.col.shop_risk": (
        "差错导致店铺风险时选 是，否则选 否 或留空。",
        "'是' (yes) when the error exposes the shop to risk, else '否' (no) or blank.",
    ),
    "blank_templates.col.reviewer": (
        "给这条会话打分的质检员；校准质检员打分时要用。",
        "Who scored the chat; the calibration of reviewers uses it.",
    ),
    "blank_templates.col.received": ("接待的顾客人数（会话数）。", "Customers (sessions) received."),
    "blank_templates.col.inquiries": ("来咨询的顾客人数。", "Customers who asked a question."),
    "blank_templates.col.replied": (
        "得到回复的顾客人数，不能多于咨询人数；回复率 = 回复人数 ÷ 咨询人数。",
        "Customers who got a reply, never more than those who asked; reply rate = replied ÷ asked.",
    ),
    "blank_templates.col.avg_response_s": (
        "平均响应时长，按秒填（1 分 5 秒填 65）。",
        "Average response time in seconds (1 min 5 s is 65).",
    ),
    "blank_templates.col.first_response_s": ("首次响应时长，按秒填。", "First response time in seconds."),
    "blank_templates.col.pre_sales": ("下单前来咨询的顾客人数。", "Customers who asked before buying."),
    "blank_templates.col.inquiry_paid": (
        "询单后付了款的顾客人数，不多于询单人数。",
        "Of those who asked before buying, the customers who paid.",
    ),
    "blank_templates.col.paid_orders": (
        "成功付款的订单数；转化率 = 付款订单数 ÷ 接待人数。",
        "Orders paid; conversion = paid orders ÷ sessions received.",
    ),
    "blank_templates.col.sales": ("销售额。", "Sales amount."),
    "blank_templates.col.satisfaction_rate": (
        "满意的顾客所占比例，如 98.5%。",
        "The share of satisfied customers, such as 98.5%.",
    ),
    "blank_templates.col.chat_agent": (
        "接待这条会话的客服的工号，和花名册一致。",
        "The agent ID (工号) of the agent who handled the chat, as in the roster.",
    ),
    "blank_templates.col.chat_date": (
        "会话的日期，可以带时间。",
        "The day of the chat; a time of day may come with it.",
    ),
    "blank_templates.col.chat_satisfaction": (
        "顾客的评价；没有评价留空，算作未评价。",
        "The rating the customer gave; blank when there is none (counted as '未评价', not rated).",
    ),
    "blank_templates.col.messages": (
        "这条会话的消息条数；太短的会话不抽。",
        "Messages in the chat; chats too short are not sampled.",
    ),
    "blank_templates.col.duration_s": ("会话时长，按秒填。", "The chat's length in seconds."),
    # The values the dropdowns offer: the Chinese in every language, explained in English.
    "blank_templates.value.probation": ("试用期", "'试用期' (probation)"),
    "blank_templates.value.regular": ("正式", "'正式' (regular)"),
    "blank_templates.value.present": ("出勤", "'出勤' (present)"),
    "blank_templates.value.late": ("迟到", "'迟到' (late)"),
    "blank_templates.value.early": ("早退", "'早退' (left early)"),
    "blank_templates.value.leave": ("请假", "'请假' (on leave)"),
    "blank_templates.value.absent": ("旷工", "'旷工' (absent)"),
    "blank_templates.value.rest": ("休息", "'休息' (rest day)"),
    "blank_templates.value.very_satisfied": ("非常满意", "'非常满意' (very satisfied)"),
    "blank_templates.value.satisfied": ("满意", "'满意' (satisfied)"),
    "blank_templates.value.neutral": ("一般", "'一般' (neutral)"),
    "blank_templates.value.dissatisfied": ("不满意", "'不满意' (dissatisfied)"),
    "blank_templates.value.very_dissatisfied": ("非常不满意", "'非常不满意' (very dissatisfied)"),
    "blank_templates.value.unrated": ("未评价", "'未评价' (not rated)"),
    "blank_templates.value.yes": ("是", "'是' (yes)"),
    "blank_templates.value.no": ("否", "'否' (no)"),
    "blank_templates.value.quoted": ("{value}", "'{value}'"),
    "blank_templates.value.glossed": ("{value}{meaning}", "'{value}' ({meaning})"),
    # --- the validated cells' prompts and refusals (Excel: title ≤ 32, text ≤ 255 characters) ----------
    "blank_templates.dv.error.int": ("请填不小于 0 的整数。", "Enter a whole number, 0 or more."),
    "blank_templates.dv.error.decimal": ("请填不小于 0 的数。", "Enter a number, 0 or more."),
    "blank_templates.dv.error.decimal_max": ("请填 0 到 {max} 的数。", "Enter a number from 0 to {max}."),
    "blank_templates.dv.error.percent": (
        "请填 0% 到 100% 的百分比，如 98.5%。",
        "Enter a percentage from 0% to 100%, such as 98.5%.",
    ),
    "blank_templates.dv.error.date": (
        "请填 {low} 到 {high} 之间的日期，如 2026-10-08。",
        "Enter a date from {low} to {high}, such as 2026-10-08.",
    ),
    "blank_templates.dv.error.list": ("请从下拉列表中选择。", "Pick a value from the list."),
    "blank_templates.dv.error.list_open": (
        "这个值不在列表中，仍要使用吗？",
        "This value is not in the list. Use it anyway?",
    ),
    "blank_templates.dv.error.level": (
        "这个级别不在规则的级别中，将没有系数。仍要使用吗？",
        "This level is not one of the rules' levels, so it gets no coefficient (系数). Use it anyway?",
    ),
    # --- the command ------------------------------------------------------------------------------------
    "blank_templates.help.command": (
        "写出空白的花名册、考勤、质检抽查、接待数据和会话清单模板（.xlsx），给主管填写；"
        "花名册按历史记录中最近一个月预先填好",
        "write blank roster, attendance, QA score, reception and chat list workbooks (.xlsx) for "
        "managers to fill in; the roster comes filled in from the latest month in the history.",
    ),
    "blank_templates.help.out": (
        "模板写到哪个文件夹（默认：模板）",
        "the folder the templates go to (default: blank-templates).",
    ),
    "blank_templates.help.history": (
        "预填花名册用的历史记录文件（默认：报表/csreport-history.sqlite，即 csreport run 默认写的那个）",
        "the history file the roster is filled in from (default: '报表/csreport-history.sqlite', where "
        "csreport run keeps it).",
    ),
    "blank_templates.written": ("已写出：{file}", "Written: {file}"),
    "blank_templates.file_prefilled": (
        "{file}（已预填 {month} 的 {n} 位客服）",
        "{file} (with the {n} agents of {month})",
    ),
    "blank_templates.same": (
        "未改动：{file}，已是这一版模板",
        "Unchanged: {file}, already this template",
    ),
    "blank_templates.beside": (
        "已写出：{file}（{existing} 已存在且内容不同，可能已经填过，原文件保留不动）",
        "Written: {file} ({existing} exists with other content, perhaps filled in, and was kept as it is)",
    ),
    "blank_templates.done": (
        "模板都在 {folder} 文件夹里。填好后先运行 csreport check {folder} 检查。",
        "The templates are in {folder}. Once they are filled in, run csreport check {folder}.",
    ),
}
