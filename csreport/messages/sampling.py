"""Messages: QA sampling (the draw's notes, chats left out) and reading a chat list (会话清单)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # one agent's sample (AgentSample.notes): no parameters, the counts stand beside them
    "sample.note.all_taken": (
        "可抽会话少于应抽数，已全部抽取。",
        "Fewer eligible chats than the sample size: all of them were taken.",
    ),
    "sample.note.none_eligible": (
        "本月没有可抽的会话。",
        "No chat of this month can be sampled.",
    ),
    "sample.note.topped_up": (
        "有满意度层的会话不够，已按补抽顺序从其他层补足。",
        "A satisfaction stratum had too few chats; the rest were taken from the other strata "
        "in the top-up order.",
    ),
    # the whole draw (SampleResult.notes)
    "sample.note.no_message_column": (
        "会话清单没有消息数列，无法按最少消息数筛选，所有会话都可抽。",
        "The chat list has no message count column, so the minimum message count could not "
        "be applied: every chat may be sampled.",
    ),
    # chats left out before sampling (SampleResult.left_out), one sentence per reason; the English
    # puts the count last, so that one chat reads as well as many
    "sample.left_out.no_chat_id": (
        "{count} 行没有会话编号，未参与抽样。",
        "Rows without a chat ID (会话编号), left out of the draw: {count}.",
    ),
    "sample.left_out.bad_chat_id": (
        "{count} 行的会话编号已被 Excel 截短（科学计数法或超过 15 位的数字），未参与抽样。",
        "Rows whose chat ID (会话编号) Excel cut short (scientific notation, or more than 15 digits), "
        "left out of the draw: {count}.",
    ),
    "sample.left_out.no_agent": (
        "{count} 行没有客服（工号或客服账号），未参与抽样。",
        "Rows without an agent (工号 or 客服账号), left out of the draw: {count}.",
    ),
    "sample.left_out.bad_satisfaction": (
        "{count} 行的满意度无法识别，未参与抽样。",
        "Rows whose satisfaction (满意度) could not be read, left out of the draw: {count}.",
    ),
    "sample.left_out.conflict": (
        "{count} 行属于在清单中列了多次、各行内容不一致的会话，未参与抽样。",
        "Rows of chats listed more than once with different values, left out of the draw: {count}.",
    ),
    "sample.left_out.duplicate": (
        "{count} 行重复了前面已列出的同一会话（内容相同），只算一次。",
        "Rows repeating a chat already listed with the same values, counted once: {count}.",
    ),
    "sample.left_out.other_month": (
        "{count} 条会话不属于本月，未参与抽样。",
        "Chats of other months, left out of the draw: {count}.",
    ),
    "sample.left_out.ineligible": (
        "{count} 条会话消息数不足，不参与抽样。",
        "Chats with too few messages to be sampled: {count}.",
    ),
    "sample.left_out.unrated_excluded": (
        "{count} 条未评价的会话按规则不参与抽样。",
        "Unrated chats (未评价), never sampled under the rules: {count}.",
    ),
    # reading a chat list (csreport.inputs.chat_list): the file as a whole
    "chat_list.no_header": (
        "{file} 不是会话清单：没有找到含会话编号和工号（或客服账号）的表头。",
        "{file} is not a chat list: no header with a chat ID (会话编号) and an agent ID (工号) or "
        "sub-account (客服账号) was found.",
    ),
    "chat_list.other_kind": (
        "{file} 不是会话清单：工作表「{sheet}」看起来是「{role}」，"
        "会话清单需要会话编号列和工号（或客服账号）列。",
        "{file} is not a chat list: sheet '{sheet}' looks like '{role}'; a chat list has a chat ID "
        "(会话编号) column and an agent ID (工号) or sub-account (客服账号) column.",
    ),
    "chat_list.missing_columns": (
        "{file} 的工作表「{sheet}」缺少{columns}列，不能作为会话清单读取。",
        "{file}, sheet '{sheet}', has no {columns} column, so it cannot be read as a chat list.",
    ),
    "chat_list.qa_sheet": (
        "{file} 不是会话清单：工作表「{sheet}」有评分列（{columns}），是质检评分表。"
        "请用后台导出的会话清单抽样。",
        "{file} is not a chat list: sheet '{sheet}' has score columns ({columns}), so it is a QA "
        "score sheet. Sample from the chat list the back office exports.",
    ),
    "chat_list.score_header": ("「{header}」", "'{header}'"),
    "chat_list.agent_column": ("工号或客服账号", "agent ID (工号) or sub-account (客服账号)"),
    "chat_list.no_satisfaction_column": (
        "会话清单没有满意度列，所有会话都按未评价处理。",
        "The chat list has no satisfaction (满意度) column: every chat counts as unrated (未评价).",
    ),
    "chat_list.no_date_column": (
        "会话清单没有日期列，所有会话都算作所抽月份的会话。",
        "The chat list has no date column: every chat counts for the month sampled.",
    ),
    "chat_list.no_chats": (
        "会话清单中没有可读的会话：{file} 的工作表「{sheet}」没有一行能读入，无法抽样。",
        "The chat list holds no readable chat: no row of {file}, sheet '{sheet}', could be read, so "
        "there is nothing to sample.",
    ),
    # rows of a chat list, grouped by column ({rows}: chat_list.rows_*)
    "chat_list.rows_one": ("第 {spans} 行", "row {spans}"),
    "chat_list.rows_many": ("第 {spans} 行", "rows {spans}"),
    "chat_list.no_chat_id": (
        "{rows}有内容但没有会话编号，未读入（共 {count} 行）。",
        "No chat ID (会话编号) on {rows}; left out ({count} in all).",
    ),
    "chat_list.bad_chat_id": (
        "{rows}的会话编号是科学计数法或超过 15 位的数字（如「{value}」），后几位已被 Excel 丢掉，"
        "对应不到会话，未读入（共 {count} 行）。请把会话编号列设为文本后重新导出。",
        "The chat ID (会话编号) on {rows} is in scientific notation or a number of more than 15 "
        "digits (such as '{value}'): Excel dropped its last digits, so it names no chat; left out "
        "({count} in all). Export the list again with the chat ID column as text.",
    ),
    "chat_list.no_agent": (
        "{rows}没有{header}，未读入（共 {count} 行）。",
        "No '{header}' on {rows}; left out ({count} in all).",
    ),
    "chat_list.bad_satisfaction": (
        "{rows}的满意度无法识别（如「{value}」；应为 非常满意 到 非常不满意、5 到 1 星，或留空表示未评价），"
        "未读入（共 {count} 行）。",
        "The satisfaction (满意度) on {rows} is not a rating (such as '{value}'; expected "
        "'非常满意' to '非常不满意', 5 to 1 stars, or blank for unrated); left out ({count} in all).",
    ),
    "chat_list.duplicate": (
        "{rows}重复了前面已列出的会话（如「{value}」），内容相同，只算一次（共 {count} 行重复）。",
        "The chat on {rows} repeats one listed earlier with the same values (such as chat ID "
        "'{value}'); each chat counts once (repeats: {count}).",
    ),
    # a chat whose rows disagree ({fields}: chat_list.field.*, listed)
    "chat_list.conflict": (
        "会话编号「{value}」列在{rows}，各行的{fields}不一致，无法确定以哪一行为准，该会话未读入。",
        "Chat ID (会话编号) '{value}' is listed on {rows}, and its rows differ in {fields}; which row is "
        "right cannot be told, so the chat is left out.",
    ),
    "chat_list.conflict_more": (
        "另有 {chats} 个会话也在多行中内容不一致（{rows}），未读入（共 {count} 行）。",
        "{chats} more chats are listed more than once with different values ({rows}); left out "
        "({count} rows in all).",
    ),
    "chat_list.field.agent": ("客服", "agent"),
    "chat_list.field.satisfaction": ("满意度", "satisfaction (满意度)"),
    "chat_list.field.date": ("日期", "date"),
    "chat_list.field.messages": ("消息数", "message count"),
    "chat_list.bad_date": (
        "{rows}的日期无法读取或缺少年份（如「{value}」），这些会话算作所抽月份的会话（共 {count} 行）。",
        "The date on {rows} cannot be read or has no year (such as '{value}'); those chats "
        "count for the month sampled ({count} in all).",
    ),
    "chat_list.bad_messages": (
        "{rows}的消息数不是整数（如「{value}」），按未知处理，会话仍可抽（共 {count} 行）。",
        "The message count on {rows} is not a whole number (such as '{value}'); taken as "
        "unknown, so those chats may still be sampled ({count} in all).",
    ),
    "chat_list.bad_duration": (
        "{rows}的会话时长无法读取（如「{value}」），已留空（共 {count} 行）。",
        "The chat duration on {rows} cannot be read (such as '{value}'); left blank ({count} in all).",
    ),
}
