"""Messages: a filled QA task workbook (质检任务单) read back by check and run, the sample checked
against what was scored, a chat list given to scoring, and each agent's sample on the card."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- a task workbook among the inputs ---
    "qa.task_workbook": (
        "{month} 的质检任务单，抽样共 {n} 条会话：已评分的会话按质检抽查计分，并与隐藏的抽样清单核对；"
        "「{notes}」表只供阅读，未读取。",
        "The QA task workbook of {month}, a sample of {n} chats: its scored chats count as sampled "
        "chats (质检抽查) and are checked against its hidden sample list; sheet '{notes}' is for "
        "reading only and was not read.",
    ),
    "qa.task_workbook_one": (
        "{month} 的质检任务单，抽样共 {n} 条会话：已评分的会话按质检抽查计分，并与隐藏的抽样清单核对；"
        "「{notes}」表只供阅读，未读取。",
        "The QA task workbook of {month}, a sample of {n} chat: once scored, it counts as a sampled "
        "chat (质检抽查) and is checked against the hidden sample list; sheet '{notes}' is for "
        "reading only and was not read.",
    ),
    "qa.manifest_unreadable": (
        "质检任务单的隐藏抽样清单无法读取（{why}）：已评分的会话照常计分，但无法核对哪些会话是抽中的。",
        "The hidden sample list of this QA task workbook cannot be read ({why}): its scored chats "
        "count as usual, but which chats were sampled cannot be checked.",
    ),
    "qa.why.version": (
        "它由更新版本的 csreport 写成，格式版本 {version}",
        "it was written by a newer csreport, format version {version}",
    ),
    "qa.why.layout": ("内容不是 csreport 写入的格式", "its content is not laid out as csreport writes it"),
    "qa.why.changed": ("读取期间文件被改动了", "the file changed while it was being read"),
    "qa.other_month": (
        "这份质检任务单是 {sampled} 的抽样，本次考核的是 {month}：不用它的抽样清单核对本月的抽查；"
        "它的会话按日期归月，不属于 {month} 的已排除。",
        "This QA task workbook holds the sample of {sampled}, but the month assessed is {month}: "
        "its sample list is not used to check this month's sampled chats; its chats count by "
        "their dates, and those outside {month} were left out.",
    ),
    # --- the sample checked against what was scored ---
    "qa.unscored": (
        "第 {spans} 行：抽中的 {count} 条会话还没有评分{agents}。它们不计入抽查，也不算在抽查条数里；"
        "评分后重新运行即可计入。",
        "Rows {spans}: {count} sampled chats are not scored yet{agents}. They are left out of the "
        "sampled chats and not counted; score them and run again to count them.",
    ),
    "qa.unscored_one": (
        "抽中的这条会话还没有评分{agents}。它不计入抽查，也不算在抽查条数里；评分后重新运行即可计入。",
        "This sampled chat is not scored yet{agents}. It is left out of the sampled chats and not "
        "counted; score it and run again to count it.",
    ),
    "qa.agents": ("（{agents}）", " ({agents})"),
    "qa.agent_count": ("{agent} {n} 条", "{agent}: {n}"),
    "qa.missing_rows": (
        "抽样清单中有 {count} 条会话既不在任务单里，也没有在别的质检表中评分（会话编号 {chats}）："
        "它们没有计入抽查。",
        "{count} chats of the sample list are neither in the task sheet nor scored in another QA "
        "sheet (chat IDs {chats}): they are not among the sampled chats.",
    ),
    "qa.missing_rows_one": (
        "抽样清单中有 1 条会话既不在任务单里，也没有在别的质检表中评分（会话编号 {chats}）：它没有计入抽查。",
        "1 chat of the sample list is neither in the task sheet nor scored in another QA sheet "
        "(chat ID {chats}): it is not among the sampled chats.",
    ),
    "qa.not_sampled": (
        "第 {spans} 行：这 {count} 条会话不在 {month} 的抽样清单（{files}）中。"
        "它们照常计分；请确认这些会话应当抽查。",
        "Rows {spans}: these {count} chats are not in the sample list of {month} ({files}). They "
        "are scored as usual; check that they should have been scored.",
    ),
    "qa.not_sampled_one": (
        "这条会话不在 {month} 的抽样清单（{files}）中。它照常计分；请确认这条会话应当抽查。",
        "This chat is not in the sample list of {month} ({files}). It is scored as usual; check "
        "that it should have been scored.",
    ),
    "qa.no_chat_id": (
        "第 {spans} 行没有会话编号，无法与 {month} 的抽样清单核对：照常计分。",
        "Rows {spans} have no chat ID, so they cannot be checked against the sample list of "
        "{month}: scored as usual.",
    ),
    "qa.no_chat_id_one": (
        "此行没有会话编号，无法与 {month} 的抽样清单核对：照常计分。",
        "This row has no chat ID, so it cannot be checked against the sample list of {month}: "
        "scored as usual.",
    ),
    "qa.shortened_chat_id": (
        "第 {spans} 行的会话编号（如「{value}」）后几位已被 Excel 丢掉，对应不到会话，无法与 {month} "
        "的抽样清单核对：照常计分。请把会话编号列设为文本后重新填入。",
        "Rows {spans}: the chat ID (会话编号, such as '{value}') lost its last digits in Excel, so it "
        "names no chat and cannot be checked against the sample list of {month}: scored as usual. "
        "Set the chat ID column to text and enter the IDs again.",
    ),
    "qa.shortened_chat_id_one": (
        "此行的会话编号「{value}」后几位已被 Excel 丢掉，对应不到会话，无法与 {month} 的抽样清单核对："
        "照常计分。请把会话编号列设为文本后重新填入。",
        "This row's chat ID (会话编号) '{value}' lost its last digits in Excel, so it names no chat "
        "and cannot be checked against the sample list of {month}: scored as usual. Set the chat "
        "ID column to text and enter the ID again.",
    ),
    "qa.other_agent": (
        "会话 {chat} 在抽样清单中是 {sampled} 的，这一行却记在 {agent} 名下：按这一行计分，请核对工号。",
        "Chat {chat} was sampled for {sampled}, but this row puts it under {agent}: it is scored as "
        "this row says; check the agent ID (工号).",
    ),
    # Added to a duplicate chat's line (row.duplicate*) when the sheets say who scored it.
    "qa.twice_reviewers": (
        "评分人：这一行是 {this}，保留的那一行是 {kept}。",
        "Reviewers: {this} on this row, {kept} on the row kept.",
    ),
    "qa.no_reviewer": ("未填", "not given"),
    # --- a chat list given to check or run ---
    "qa.chat_list": (
        "这是会话清单（有会话编号和 {fields}，没有评分列）：它是 csreport sample 抽样用的，"
        "不参与计分，已跳过。",
        "This is a chat list (chat IDs and {fields}, no score columns): it is what csreport "
        "sample draws the QA sample from, not data to score; skipped.",
    ),
    "qa.chat_list_or_qa": (
        "这张表有会话编号和满意度，但没有评分列：按会话清单处理（供 csreport sample 抽样），"
        "不参与计分，已跳过。如果它是质检抽查表，请加上态度得分或十项评分列。",
        "This sheet has chat IDs and a satisfaction (满意度) column but no score columns: taken as "
        "a chat list (for csreport sample to draw from), not data to score; skipped. If it is meant "
        "as sampled chats (质检抽查), add the attitude score (态度得分) or the ten item columns.",
    ),
    "explain.why.chat_list": (
        "会话清单，供 csreport sample 抽样用，不参与计分。",
        "a chat list, for csreport sample to draw from; not scored.",
    ),
    "explain.why.task_notes": (
        "质检任务单的抽样说明，只供阅读，未读取。",
        "the notes of a QA task workbook, for reading only; not read.",
    ),
    "explain.why.notes": (
        "说明页（填写说明），只供阅读，未读取。",
        "a notes sheet (说明: how to fill the data in), for reading only; not read.",
    ),
    "explain.why.task_manifest": (
        "质检任务单隐藏的抽样清单，只用于核对抽样。",
        "the hidden sample list of a QA task workbook, used only to check the sample.",
    ),
    "qa.bad_satisfaction": (
        "第 {spans} 行：满意度「{value}」无法识别（应为 非常满意、满意、一般、不满意、非常不满意，"
        "或 5–1 星）：按未评价计，只影响仅供参考的按比例加权分，不影响得分。",
        "Rows {spans}: the satisfaction (满意度) '{value}' is not recognised (use '非常满意', '满意', "
        "'一般', '不满意', '非常不满意' or 5–1 stars): counted as unrated (未评价); this only changes the "
        "mix-weighted figure shown for information, never the score.",
    ),
    "qa.bad_satisfaction_one": (
        "满意度「{value}」无法识别（应为 非常满意、满意、一般、不满意、非常不满意，或 5–1 星）："
        "按未评价计，只影响仅供参考的按比例加权分，不影响得分。",
        "The satisfaction (满意度) '{value}' is not recognised (use '非常满意', '满意', '一般', "
        "'不满意', '非常不满意' or 5–1 stars): counted as unrated (未评价); this only changes the "
        "mix-weighted figure shown for information, never the score.",
    ),
    # --- each agent's sample, on the card and in 计算明细 ---
    "qa.sample.line": ("{parts}", "{parts}"),
    "qa.sample.n": ("抽查 {n} 条", "{n} chats"),
    "qa.sample.n_one": ("抽查 {n} 条", "{n} chat"),
    # Said when some chats have no total (a row scored only for 差错类型 or 店铺风险): the means are
    # taken over the chats with one.
    "qa.sample.n_scored": ("抽查 {n} 条（{scored} 条有总分）", "{n} chats ({scored} with a total)"),
    "qa.sample.n_scored_one": ("抽查 {n} 条（{scored} 条有总分）", "{n} chat ({scored} with a total)"),
    "qa.sample.with_mix": ("{n}：{mix}", "{n}: {mix}"),
    "qa.sample.word": ("{word} {n}", "{word} {n}"),
    "qa.sample.mix_sep": (" · ", " · "),
    "qa.sample.mean": ("平均 {score}（计分用）", "mean {score} (scored)"),
    "qa.sample.weighted": ("按抽样比例加权 {score}（仅供参考）", "mix-weighted {score} (for information)"),
    # 计算明细's column of the sample (on the rows of the KPIs that read 态度得分)
    "workbook.qa_sample": ("抽查样本", "QA sample"),
}
