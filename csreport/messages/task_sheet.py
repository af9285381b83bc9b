"""Catalogue: the QA task workbook (质检任务单) and the ``csreport sample`` command (issue 15).

The workbook ``outputs/xlsx/task_sheet.py`` writes (the 质检任务 sheet's title, instruction and
validation prompts; the 抽样说明 sheet: the seed, the rule in words, each agent's strata and the
chats left out), and what ``csreport sample`` prints and refuses (``qa/sample.py``,
``cli/sample.py``). Headers of the task sheet and the values a reviewer picks (是/否) are always
written from the Chinese column: ``run`` reads them back whatever the language of the run.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- the 质检任务 sheet ------------------------------------------------------------------
    "task_sheet.title": (
        "质检任务单　{month}　{shop}　种子：{seed}",
        "QA task sheet · {month} · {shop} · seed: {seed}",
    ),
    "task_sheet.instruction": (
        "按会话编号在后台找到每条会话，逐项打分（0 到该项满分，可带小数）；有差错时填差错类型，"
        "差错导致店铺风险时在店铺风险列选「是」。灰色列是抽样结果，已锁定。填好后把本文件和其他数据"
        "一起交给 csreport run。",
        "Find each chat in the back office by its chat ID (会话编号) and score it item by item (0 up "
        "to the maximum of the item, decimals allowed); give the error type (差错类型) of any error, and "
        "choose '是' (yes) under shop risk (店铺风险) when the error exposes the shop to risk. Grey "
        "columns are the sample and are locked. When done, give this file to csreport run with the "
        "other data.",
    ),
    # Headers the sheet writes besides the fields csreport reads (those are the shipped aliases'
    # canonical headers); always written in Chinese, the English says what they are.
    "task_sheet.col.no": ("序号", "No."),
    "task_sheet.col.stratum": ("抽样层", "Stratum"),
    "task_sheet.col.topped_up": ("是否补抽", "Topped up"),
    "task_sheet.col.note": ("备注", "Notes"),
    "task_sheet.col.rank": ("排序码", "Rank key"),
    # Values written in cells and offered in lists: the Chinese ones, in every language.
    "task_sheet.yes": ("是", "Yes (是)"),
    "task_sheet.no": ("否", "No (否)"),
    "task_sheet.nobody": ("本月没有可抽的会话。", "No chat could be sampled this month."),
    # Input prompts and refusals of the validated cells (Excel: title ≤ 32, text ≤ 255 characters).
    "task_sheet.dv.item_title": ("评分", "Score"),
    "task_sheet.dv.item_message": ("0–{max} 分", "0–{max} points"),
    "task_sheet.dv.item_error": (
        "请填 0 到 {max} 之间的数（可带小数）。",
        "Enter a number from 0 to {max} (decimals allowed).",
    ),
    "task_sheet.dv.error_type_title": ("差错类型", "Error type"),
    "task_sheet.dv.error_type_message": (
        "有差错时从列表中选择，也可以填写其他类型；没有差错留空。",
        "Pick the error type from the list or type another; leave blank when there is no error.",
    ),
    "task_sheet.dv.error_type_error": (
        "这个差错类型不在列表中，仍要使用吗？",
        "This error type is not in the list. Use it anyway?",
    ),
    "task_sheet.dv.risk_title": ("店铺风险", "Shop risk"),
    "task_sheet.dv.risk_message": (
        "差错导致店铺风险时选「是」，否则选「否」或留空。",
        "Choose '是' (yes) when the error exposes the shop to risk, else '否' (no) or blank.",
    ),
    "task_sheet.dv.risk_error": ("请选择「是」或「否」。", "Choose '是' (yes) or '否' (no)."),
    # --- the 抽样说明 sheet ---------------------------------------------------------------------
    "task_sheet.notes.title": ("抽样说明　{month}　{shop}", "Sampling notes · {month} · {shop}"),
    "task_sheet.notes.month": ("月份", "Month"),
    "task_sheet.notes.shop": ("店铺", "Shop"),
    "task_sheet.notes.seed": ("种子", "Seed"),
    "task_sheet.notes.salt": ("加盐", "Salt"),
    "task_sheet.notes.no_salt": ("（无）", "(none)"),
    "task_sheet.notes.rules": ("规则", "Rules"),
    "task_sheet.notes.rules_hash": ("规则哈希", "Rules hash"),
    "task_sheet.notes.list": ("会话清单文件", "Chat list file"),
    "task_sheet.notes.list_sha": ("清单 SHA-256", "Chat list SHA-256"),
    "task_sheet.notes.sample": ("抽样结果", "Sample"),
    "task_sheet.notes.sample_value": (
        "{agents} 位客服，抽取 {chats} 条会话",
        "agents: {agents}; chats sampled: {chats}",
    ),
    "task_sheet.notes.recheck": (
        "任何人用同一份会话清单、同样的月份、店铺和加盐重新抽样，都会得到同样的会话。"
        "质检任务表最后一列「排序码」是「种子 + 换行 + 会话编号」的 SHA-256 的前 16 位十六进制数，"
        "同一层内排序码小的先抽，可用任何 SHA-256 工具核对。",
        "Anyone sampling the same chat list with the same month, shop and salt gets the same chats. The "
        "task sheet's last column, rank key (排序码), is the first 16 hexadecimal digits of the SHA-256 of "
        "the seed, a line break and the chat ID; within a stratum the smallest keys are taken first, "
        "and any SHA-256 tool can check them.",
    ),
    "task_sheet.notes.rule_heading": ("抽样规则", "How the sample is drawn"),
    "task_sheet.notes.per_agent": ("各客服、各层的抽样情况", "Each agent's sample by stratum"),
    "task_sheet.notes.columns": (
        "应抽：按满意度比例分给该层的条数；补抽给其他层：该层多抽出来补别层的条数；缺口：该层自己不够的条数"
        "（已尽量从其他层补足）。「全部」一行：应抽是该客服的抽样数，缺口是补足后仍差的条数。",
        "Quota: the stratum's share of the agent's number; given to other strata: chats this stratum "
        "gave to make up others; short: what the stratum itself lacked (made up from others where "
        "possible). On the All row, the quota is the agent's number and short is what is still "
        "missing after the top-up.",
    ),
    "task_sheet.notes.left_out_heading": ("未参与抽样的会话", "Chats left out of the sample"),
    "task_sheet.notes.error_types": ("差错类型下拉列表", "Error types offered in the dropdown"),
    "task_sheet.notes.nothing_left_out": ("没有", "None"),
    # the per-agent table (headers chosen so that run never takes this sheet for data)
    "task_sheet.notes.col.agent_id": ("客服工号", "Agent ID (工号)"),
    "task_sheet.notes.col.account": ("客服旺旺", "Account (旺旺)"),
    "task_sheet.notes.col.name": ("客服姓名", "Agent name"),
    "task_sheet.notes.col.received": ("接待会话", "Chats received"),
    "task_sheet.notes.col.stratum": ("抽样层", "Stratum"),
    "task_sheet.notes.col.available": ("可抽", "Eligible"),
    "task_sheet.notes.col.quota": ("应抽", "Quota"),
    "task_sheet.notes.col.picked": ("抽取", "Picked"),
    "task_sheet.notes.col.topped_up": ("补抽给其他层", "Given to other strata"),
    "task_sheet.notes.col.short": ("缺口", "Short"),
    "task_sheet.notes.col.note": ("说明", "Note"),
    "task_sheet.notes.all_strata": ("全部", "All"),
    "task_sheet.note.all_taken": (
        "全部可抽会话均已抽取（可抽 {eligible} 条，少于应抽的 {target} 条）",
        "All eligible chats taken ({eligible}, fewer than the target of {target})",
    ),
    "task_sheet.note.topped_up": ("{short}，由{donors}", "{short}; made up with {donors}"),
    "task_sheet.note.not_made_up": ("{short}，没有可补的会话", "{short}; no chat left to make it up"),
    "task_sheet.note.short_part": ("{stratum}层缺 {n} 条", "{stratum} short by {n}"),
    "task_sheet.note.donor_part": ("{stratum}层补 {n} 条", "{n} from {stratum}"),
    # the rule in words
    "task_sheet.rule.split": (
        "每人的抽取数按最大余数法分到各层，例如抽 {n} 条时按 {order} 的顺序为 {split}。",
        "Each agent's number is split over the strata by largest remainder: {n} chats give {split} "
        "for {order}.",
    ),
    "task_sheet.rule.topped_up_column": (
        "补抽的会话在是否补抽列标「是」，抽样层写它原来所在的层。",
        "A chat taken to make up another stratum is marked '是' (yes) under topped up (是否补抽); "
        "its stratum is the one it came from.",
    ),
    "task_sheet.rule.rank": (
        "同一层内，会话按种子与会话编号的哈希值排序，取排在最前的若干条：同一份清单无论行序如何、"
        "在哪台电脑上，抽出的会话都相同。种子由月份、店铺和加盐组成。",
        "Within a stratum, chats are ranked by a hash of the seed and the chat ID and the first ones "
        "are taken: the same list gives the same chats in any row order, on any computer. The seed "
        "is made of the month, the shop and the salt.",
    ),
    "task_sheet.rule.standard": (
        "规则中没有抽样部分（sampling:），按标准抽样规则抽样。",
        "The rules have no sampling block (sampling:): the standard sampling rules apply.",
    ),
    "task_sheet.rule.reviewers_rotation": (
        "评分人按轮换分配：{names}。",
        "Reviewers are assigned in rotation: {names}.",
    ),
    "task_sheet.rule.reviewers_shares": (
        "评分人按比例分配：{shares}。",
        "Reviewers are assigned by share: {shares}.",
    ),
    "task_sheet.rule.reviewer_share": ("{name} {share}", "{name} {share}"),
    "task_sheet.rule.no_reviewers": (
        "没有指定评分人（--reviewers）：评分人列由质检员自己填写。",
        "No reviewers were given (--reviewers): reviewers fill in the reviewer column themselves.",
    ),
    # --- the command ------------------------------------------------------------------------------
    "task_sheet.help.command": (
        "从会话清单中按规则抽取本月要质检的会话，写出质检任务单",
        "draw the month's chats to score from a chat list and write the QA task workbook.",
    ),
    "task_sheet.help.month": (
        "抽样的月份 YYYY-MM（默认：会话清单中唯一的月份）",
        "the month to sample, YYYY-MM (default: the chat list's only month).",
    ),
    "task_sheet.help.salt": (
        "加盐：加入种子的任意文本，换一组会话（默认不加）",
        "salt: any text added to the seed to draw another set of chats (default none).",
    ),
    "task_sheet.help.reviewers": (
        '评分人，如 "张三:60%,李四:40%"（按比例）或 "张三,李四"（轮换）',
        'reviewers, e.g. "Zhang:60%,Li:40%" (by share) or "Zhang,Li" (in rotation).',
    ),
    "task_sheet.cli.standard_rules": (
        "规则「{rules}」中没有抽样部分（sampling:），按标准抽样规则抽样。",
        "The rules '{rules}' have no sampling block (sampling:): the standard sampling rules are used.",
    ),
    "task_sheet.cli.seed": ("种子：{seed}", "Seed: {seed}"),
    "task_sheet.cli.summary": (
        "{month}：{agents} 位客服，抽取 {chats} 条会话。",
        "{month}: agents: {agents}; chats sampled: {chats}.",
    ),
    "task_sheet.cli.reviewers": ("评分人：{counts}", "Reviewers: {counts}"),
    "task_sheet.cli.reviewer_count": ("{name} {n} 条", "{name} {n}"),
    "task_sheet.cli.no_reviewers": (
        "未指定评分人（--reviewers）：评分人列留空。",
        "No reviewers given (--reviewers): the reviewer column is left blank.",
    ),
    "task_sheet.cli.short_head": (
        "抽取不足或有补抽的客服：",
        "Agents with too few chats or a thin stratum:",
    ),
    "task_sheet.cli.agent_line": ("  {agent}：{notes}", "  {agent}: {notes}"),
    "task_sheet.cli.more": (
        "  ……还有 {n} 位，见「{sheet}」表",
        "  … and more ({n}), see the {sheet} sheet",
    ),
    "task_sheet.cli.left_out": ("未参与抽样的会话：", "Chats left out of the sample:"),
    "task_sheet.cli.left_out_line": ("  {note}", "  {note}"),
    "task_sheet.cli.problems_more": ("  ……还有 {n} 个问题", "  … and more problems ({n})"),
    "task_sheet.cli.written": ("质检任务单：{path}", "Task workbook: {path}"),
    "task_sheet.cli.replaced": (
        "质检任务单（替换了尚未评分的旧任务单）：{path}",
        "Task workbook (replacing an unscored one): {path}",
    ),
    "task_sheet.cli.set_aside": (
        "有 {n} 行会话因数据问题没有参与抽样（见上）。",
        "Rows of the chat list set aside for data problems (above): {n}.",
    ),
    # refusals
    "task_sheet.no_files": (
        "请给出会话清单文件，例如 csreport sample 会话清单.xlsx --month 2026-10。",
        "Give the chat list file, e.g. csreport sample chats.xlsx --month 2026-10.",
    ),
    "task_sheet.too_many_files": (
        "最多给两个文件：会话清单和（可选的）花名册；收到 {n} 个。",
        "Give at most two files: the chat list and, optionally, the roster (files given: {n}).",
    ),
    "task_sheet.not_roster": (
        "{file} 不是花名册：其中没有带工号列的花名册工作表。第二个文件应是花名册（可省略）。",
        "{file} is not a roster: it has no roster sheet with an agent ID column (工号). The second "
        "file is the roster (optional).",
    ),
    "task_sheet.months": (
        "会话清单中有 {count} 个月份的会话（{months}）；"
        "请用 --month 指定要抽样的月份，例如 --month {example}。",
        "The chat list holds chats of {count} months ({months}); choose one with --month, e.g. "
        "--month {example}.",
    ),
    "task_sheet.month_absent": (
        "会话清单 {file} 中没有 {month} 的会话（清单中有：{months}）；请检查 --month。没有写出任务单。",
        "The chat list {file} holds no chat of {month} (it holds: {months}); check --month. No task "
        "workbook was written.",
    ),
    "task_sheet.nothing_eligible": (
        "会话清单 {file} 中 {month} 的会话都不能抽取（见上）；没有写出任务单。",
        "None of the chats of {month} in the chat list {file} can be sampled (see above); no task "
        "workbook was written.",
    ),
    "task_sheet.month_count": ("{month} 共 {n} 条", "{month}: {n}"),
    "task_sheet.no_month": (
        "会话清单中没有可读的日期，无法确定月份；请用 --month 指定，例如 --month 2026-10。",
        "The chat list has no readable date, so its month is unknown; give it with --month, e.g. "
        "--month 2026-10.",
    ),
    "task_sheet.scored": (
        "已有 {path}，其中 {n} 条会话已评分；请先改名或移走，再重新抽样。",
        "{path} already exists and holds scored chats ({n}); rename or move it first, then sample again.",
    ),
    "task_sheet.unreadable": (
        "已有 {path}，但无法确认其中是否已评分（{why}）；请先改名或移走，再重新抽样。",
        "{path} already exists and csreport cannot tell whether it holds scores ({why}); rename or "
        "move it first, then sample again.",
    ),
    "task_sheet.not_task_sheet": (
        "没有「{sheet}」表",
        "it has no {sheet} sheet",
    ),
    "task_sheet.reviewers.empty": (
        '--reviewers 没有给出评分人；写作 "张三:60%,李四:40%" 或 "张三,李四"。',
        '--reviewers names nobody; write "Zhang:60%,Li:40%" or "Zhang,Li".',
    ),
    "task_sheet.reviewers.no_name": (
        "--reviewers 中「{part}」没有评分人姓名。",
        "--reviewers: '{part}' has no reviewer's name.",
    ),
    "task_sheet.reviewers.twice": (
        "--reviewers 中评分人「{name}」出现了两次。",
        "--reviewers: the reviewer '{name}' is named twice.",
    ),
    "task_sheet.reviewers.bad_share": (
        "--reviewers 中「{part}」的份额不是大于 0 的百分数；写作 张三:60%。",
        "--reviewers: the share in '{part}' is not a percentage above 0; write name:60%.",
    ),
    "task_sheet.reviewers.mixed": (
        "--reviewers 要么每人都写份额，要么都不写：{given}",
        "--reviewers: give a share for every reviewer or for none: {given}",
    ),
    "task_sheet.reviewers.total": (
        "--reviewers 的份额合计 {total}，应为 100%：{given}",
        "--reviewers: the shares add up to {total}, not 100%: {given}",
    ),
}
