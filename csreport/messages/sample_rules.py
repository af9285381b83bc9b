"""Messages: the rules' ``sampling:`` block (which chats QA scores) — its errors, the linter's
warnings, its words in ``rules show`` and the 规则 sheet, and its sheet of the rules workbook."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- the strata: the satisfaction words as a reader reads them ---
    "sample_rules.stratum.very_satisfied": ("非常满意", "very satisfied (非常满意)"),
    "sample_rules.stratum.satisfied": ("满意", "satisfied (满意)"),
    "sample_rules.stratum.neutral": ("一般", "neutral (一般)"),
    "sample_rules.stratum.dissatisfied": ("不满意", "dissatisfied (不满意)"),
    "sample_rules.stratum.very_dissatisfied": ("非常不满意", "very dissatisfied (非常不满意)"),
    "sample_rules.stratum.unrated": ("未评价", "unrated (未评价)"),
    # --- structural errors of the block (rules.invalid shows one with its line and key path) ---
    "rules.e.sampling.not_mapping": (
        "抽样规则（sampling）应为键值结构，可写的项：{keys}",
        "sampling should be a mapping of: {keys}",
    ),
    "rules.e.sampling.key": (
        "「{key}」不是抽样规则的项：可写的有 {keys}",
        "'{key}' is not a sampling setting: use {keys}",
    ),
    "rules.e.sampling.per_agent": (
        "每人抽查条数应写成 {{rate: 2%, of: 接待人数, min: 5, max: 30}}，或一个固定条数，如 8",
        "per_agent should be written {{rate: 2%, of: 接待人数, min: 5, max: 30}}, or a fixed number of "
        "chats such as 8",
    ),
    "rules.e.sampling.per_agent_key": (
        "「{key}」不是 per_agent 的项：可写的有 {keys}",
        "'{key}' is not a per_agent setting: use {keys}",
    ),
    "rules.e.sampling.fixed": (
        "固定抽查条数「{value}」应为不小于 1 的整数",
        "the fixed number of chats '{value}' should be a whole number of at least 1",
    ),
    "rules.e.sampling.count": (
        "「{value}」应为不小于 0 的整数",
        "'{value}' should be a whole number, 0 or more",
    ),
    "rules.e.sampling.not_share": (
        "「{value}」不是百分比：请写成 10% 或 0.1",
        "'{value}' is not a percentage: write 10% or 0.1",
    ),
    "rules.e.sampling.rate_range": (
        "抽查比例「{value}」应大于 0 且不超过 100%（百分比请带 %，如 2%）",
        "the rate '{value}' should be above 0 and at most 100% (write a percentage with %, e.g. 2%)",
    ),
    "rules.e.sampling.of": (
        "「{value}」不是抽查比例的基数：请写 接待人数（该客服的全部会话）或 可抽会话（其中可以抽查的会话）",
        "'{value}' is not what the rate is of: write '接待人数' (or received: every chat of the agent) or "
        "'可抽会话' (or eligible: those that may be sampled)",
    ),
    "rules.e.sampling.min_above_max": (
        "最少条数 {min} 大于最多条数 {max}",
        "the minimum, {min} chats, is above the maximum, {max}",
    ),
    "rules.e.sampling.mix_not_mapping": (
        "满意度比例（mix）应写成 {{非常满意: 10%, 满意: 10%, 一般: 30%, 不满意: 20%, 非常不满意: 30%}}",
        "mix should be written {{非常满意: 10%, 满意: 10%, 一般: 30%, 不满意: 20%, 非常不满意: 30%}}",
    ),
    "rules.e.sampling.stratum": (
        "「{value}」不是满意度：只能写 {strata}",
        "'{value}' is not a satisfaction rating: use {strata}",
    ),
    "rules.e.sampling.share_range": (
        "比例「{value}」应在 0% 到 100% 之间（百分比请带 %，如 30%）",
        "the share '{value}' should be from 0% to 100% (write a percentage with %, e.g. 30%)",
    ),
    "rules.e.sampling.mix_total": (
        "各满意度的比例相加为 {total}，应正好是 100%",
        "the shares add up to {total}, not exactly 100%",
    ),
    "rules.e.sampling.unrated": (
        "「{value}」不是未评价会话的处理方式：写 exclude 表示不抽，"
        "写 未评价 表示单独一层（在 mix 中给出比例），或写一个满意度表示算作该层：{strata}",
        "'{value}' is not a way to treat unrated chats: write exclude to never sample them, '未评价' for a "
        "stratum of their own (with a share in mix), or a satisfaction rating to count them in that "
        "stratum: {strata}",
    ),
    "rules.e.sampling.unrated_no_share": (
        "未评价的会话单独一层（unrated: 未评价），但满意度比例（mix）里没有「未评价」的比例",
        "unrated chats are a stratum of their own (unrated: 未评价) but mix gives unrated (未评价) no share",
    ),
    "rules.e.sampling.unrated_share": (
        "满意度比例（mix）给了「未评价」比例，但 unrated 是「{value}」：要让未评价的会话单独一层，"
        "请写 unrated: 未评价；否则去掉这一项",
        "mix gives unrated (未评价) a share but unrated is '{value}': write 'unrated: 未评价' for unrated "
        "chats to be a stratum of their own, or remove the share",
    ),
    "rules.e.sampling.shortfall_not_list": (
        "补足顺序（shortfall）应为满意度列表，如 [非常不满意, 不满意, 一般, 满意, 非常满意]",
        "shortfall should be a list of satisfaction ratings, e.g. "
        "'[非常不满意, 不满意, 一般, 满意, 非常满意]'",
    ),
    "rules.e.sampling.shortfall_unknown": (
        "「{value}」不是可以补足的层：只能写 {strata}",
        "'{value}' is not a stratum to top up from: use {strata}",
    ),
    "rules.e.sampling.shortfall_twice": (
        "「{value}」在补足顺序中出现了两次",
        "'{value}' is in the top-up order twice",
    ),
    "rules.e.sampling.eligible": (
        "可抽会话的条件（eligible）应写成 {{min_messages: 3}}，可写的项：{keys}",
        "eligible should be written {{min_messages: 3}}; settings: {keys}",
    ),
    "rules.e.sampling.eligible_key": (
        "「{key}」不是 eligible 的项：可写的有 {keys}",
        "'{key}' is not an eligible setting: use {keys}",
    ),
    "rules.e.sampling.error_types": (
        "差错类型（error_types）应为列表，如 [答复错误, 漏答/未回复, 其他]",
        "error_types should be a list, e.g. '[答复错误, 漏答/未回复, 其他]'",
    ),
    "rules.e.sampling.error_type": (
        "「{value}」不是差错类型：每项写一个类型的名称",
        "'{value}' is not an error type: give each type's name",
    ),
    "rules.e.sampling.error_type_twice": (
        "差错类型「{value}」出现了两次",
        "the error type '{value}' is listed twice",
    ),
    # --- the linter's warnings on a block that loads but samples oddly ---
    "lint.sampling_shortfall_missing": (
        "抽样规则：补足顺序（shortfall）没有{strata}：这些层要等所列各层都用完后才用来补足",
        "Sampling: the top-up order (shortfall) leaves out {strata}: they top up other strata only "
        "after the ones it names",
    ),
    # {share}: lint.sampling_share_zero or lint.sampling_share_none
    "lint.sampling_no_share": (
        "抽样规则：「{stratum}」{share}：这一层的会话只会用来补足其他层",
        "Sampling: {stratum}{share}: its chats are only ever used to top up other strata",
    ),
    "lint.sampling_share_zero": ("的比例是 0%", " has a 0% share"),
    "lint.sampling_share_none": ("在满意度比例（mix）中没有写", " is not in the mix"),
    "lint.sampling_max_zero": (
        "抽样规则：每人最多抽 0 条：不会抽到任何会话",
        "Sampling: at most 0 chats per agent: no chat is ever sampled",
    ),
    "lint.sampling_no_error_types": (
        "抽样规则：没有差错类型（error_types）：质检任务单的「差错类型」列没有下拉选项",
        "Sampling: no error types (error_types): the task sheet's error type (差错类型) column has no "
        "dropdown",
    ),
    # a stratum named in a lint warning's list
    "lint.sampling_stratum": ("「{stratum}」", "{stratum}"),
    # --- the block in words: rules show, the 规则 sheet, the rules workbook ---
    "rules_sheet.sampling": (
        "质检抽样（每月抽查哪些会话）",
        "QA sampling: which chats are scored each month",
    ),
    # one setting in words on its line of rules show ({what} may be a long list of error types)
    "rules_sheet.sampling.fact": ("{setting}：{what}", "{setting}: {what}"),
    "rules_sheet.sampling.per_agent": ("每人抽查", "Per agent"),
    "rules_sheet.sampling.rate": (
        "{base}的 {rate}，最少 {min} 条，最多 {max} 条（四舍五入）",
        "{rate} of {base}, at least {min}, at most {max} (rounded half up)",
    ),
    "rules_sheet.sampling.base.received": ("接待人数", "sessions received (接待人数)"),
    "rules_sheet.sampling.base.eligible": ("可抽会话", "eligible chats (可抽会话)"),
    "rules_sheet.sampling.fixed": ("每人固定 {n} 条", "{n} chats each"),
    "rules_sheet.sampling.mix": ("满意度比例", "Satisfaction mix"),
    "rules_sheet.sampling.share": ("{stratum} {share}", "{stratum} {share}"),
    "rules_sheet.sampling.share_sep": (" · ", " · "),
    "rules_sheet.sampling.unrated": ("未评价的会话", "Unrated chats (未评价)"),
    "rules_sheet.sampling.unrated_as": ("算作「{stratum}」", "counted as {stratum}"),
    "rules_sheet.sampling.unrated_exclude": ("不抽", "never sampled"),
    "rules_sheet.sampling.unrated_own": (
        "单独一层，按满意度比例中「未评价」的比例抽",
        "a stratum of their own, sampled at the mix's unrated (未评价) share",
    ),
    "rules_sheet.sampling.shortfall": ("补足顺序", "Top-up order"),
    "rules_sheet.sampling.shortfall_words": (
        "某层会话不够时依次从 {order} 补足",
        "when a stratum has too few chats, the rest come from {order}, in that order",
    ),
    "rules_sheet.sampling.shortfall_then": (
        "某层会话不够时依次从 {order} 补足，仍不够再按满意度比例的顺序从其余各层补足",
        "when a stratum has too few chats, the rest come from {order}, in that order, then from the "
        "other strata in the mix's order",
    ),
    "rules_sheet.sampling.order_sep": (" → ", " → "),
    "rules_sheet.sampling.no_shortfall": (
        "某层会话不够时按满意度比例的顺序从其他层补足",
        "when a stratum has too few chats, the rest come from the other strata in the mix's order",
    ),
    "rules_sheet.sampling.eligible": ("可抽会话", "Eligible chats (可抽会话)"),
    "rules_sheet.sampling.min_messages": ("消息数 ≥ {n} 条", "at least {n} messages"),
    "rules_sheet.sampling.every_chat": ("所有会话", "every chat"),
    "rules_sheet.sampling.error_types": ("差错类型", "Error types (差错类型)"),
    "rules_sheet.sampling.no_error_types": (
        "未设置（任务单的差错类型不给下拉选项）",
        "none (the task sheet offers no error type choices)",
    ),
    "rules_sheet.sampling.note": (
        "每月质检抽样按这些规则为每位客服抽取要打分的会话：同一份会话清单，在任何电脑上、不论行的顺序，"
        "抽到的都一样。",
        "Each month's QA sampling picks every agent's chats to score by these rules: the same chat list "
        "gives the same sample on any computer, in any row order.",
    ),
    # --- the rules workbook's 抽样规则 sheet ---
    "rules.sheet.sampling": ("抽样规则", "QA sampling"),
    "rules.col.sampling.words": ("抽样规则（文字说明，只读）", "QA sampling in words (read only)"),
    "rules.col.sampling.setting": ("设置", "Setting"),
    "rules.col.sampling.value": ("值", "Value"),
    "rules.col.sampling.about": ("说明", "About"),
    "rules.col.sampling.rate": ("抽查比例", "Rate"),
    "rules.col.sampling.of": ("比例的基数", "Rate of"),
    "rules.col.sampling.min": ("最少条数", "At least (chats)"),
    "rules.col.sampling.max": ("最多条数", "At most (chats)"),
    "rules.col.sampling.fixed": ("固定条数", "Fixed number of chats"),
    "rules.col.sampling.unrated": ("未评价的会话怎么算", "Unrated chats (未评价) count"),
    "rules.col.sampling.min_messages": ("可抽会话的最少消息数", "Fewest messages to be eligible"),
    "rules.col.sampling.stratum": ("满意度", "Satisfaction (满意度)"),
    "rules.col.sampling.stratum_shown": ("满意度（英文）", "Satisfaction"),
    "rules.col.sampling.share": ("比例", "Share"),
    "rules.col.sampling.order": ("补足顺序（1 = 最先）", "Top-up order (1 = first)"),
    "rules.col.sampling.error_type": (
        "差错类型（任务单的下拉选项）",
        "Error types (the task sheet's choices)",
    ),
    # what each setting means, beside its value
    "rules.wb_sampling.about.rate": (
        "每人抽查条数 = 基数 × 比例，四舍五入，再限定在最少与最多条数之间。按固定条数抽查时空着。",
        "Chats per agent = the base × the rate, rounded half up, then held between the minimum and the "
        "maximum. Blank when a fixed number is sampled.",
    ),
    "rules.wb_sampling.about.of": (
        "接待人数：会话清单中该客服的全部会话；可抽会话：其中消息数够、可以抽查的会话。",
        "Sessions received (接待人数): all the agent's chats in the list; eligible chats (可抽会话): those "
        "with enough messages to be sampled.",
    ),
    "rules.wb_sampling.about.min": (
        "会话不够时有多少抽多少。按固定条数抽查时空着。",
        "An agent with fewer chats has them all sampled. Blank when a fixed number is sampled.",
    ),
    "rules.wb_sampling.about.max": ("按固定条数抽查时空着。", "Blank when a fixed number is sampled."),
    "rules.wb_sampling.about.fixed": (
        "填了则每人都抽这么多条，不按比例；这时抽查比例、比例的基数、最少和最多条数都要空着。",
        "When filled in, every agent has this many chats sampled, whatever their volume; the rate, "
        "what it is of, the minimum and the maximum are then left blank.",
    ),
    "rules.wb_sampling.about.unrated": (
        "算作某一层；不抽；或单独一层（这时在下面给「未评价」一个比例）。",
        "Counted in a stratum, never sampled, or a stratum of their own (then give 未评价 a share below).",
    ),
    "rules.wb_sampling.about.min_messages": (
        "消息数少于此数的会话不抽查；0 表示都可以抽。",
        "Chats with fewer messages are not sampled; 0 means every chat may be.",
    ),
    # the stratum rows' meaning column (read only)
    "rules.wb_sampling.stratum": ("客户评价为「{stratum}」的会话", "chats rated {stratum}"),
    "rules.wb_sampling.stratum_unrated": (
        "客户没有评价的会话（只有未评价的会话单独一层时才填比例）",
        "chats the customer did not rate (a share only when unrated chats are a stratum of their own)",
    ),
    # problems the workbook reader finds on that sheet
    "rules.wb_sampling_twice": (
        "「{label}」出现了两行（另见第 {row} 行）",
        "'{label}' has two rows (see also row {row})",
    ),
    "rules.wb_sampling_fixed_with": (
        "填了固定条数（{fixed} 条）时，这一项要空着：按比例抽查请清空固定条数",
        "must be blank when a fixed number ({fixed} chats) is given: clear the fixed number to sample "
        "by rate",
    ),
    "rules.wb_sampling_no_share": (
        "没有填任何满意度的比例：至少给一层比例，各层相加为 100%",
        "no stratum has a share: give at least one, the shares adding up to 100%",
    ),
    "rules.wb_sampling_order_twice": (
        "补足顺序 {n} 出现了两次（另见第 {row} 行）",
        "top-up order {n} is given twice (see also row {row})",
    ),
    "rules.wb_sampling_stratum_twice": (
        "满意度「{stratum}」出现了两行（另见第 {row} 行）",
        "the rating '{stratum}' has two rows (see also row {row})",
    ),
    # dropdown choices: what the rate is of, and how unrated chats count
    "rules.choice.sample_of.received": ("接待人数", "sessions received (接待人数)"),
    "rules.choice.sample_of.eligible": ("可抽会话", "eligible chats (可抽会话)"),
    "rules.choice.unrated.very_satisfied": ("算作非常满意", "as very satisfied (非常满意)"),
    "rules.choice.unrated.satisfied": ("算作满意", "as satisfied (满意)"),
    "rules.choice.unrated.neutral": ("算作一般", "as neutral (一般)"),
    "rules.choice.unrated.dissatisfied": ("算作不满意", "as dissatisfied (不满意)"),
    "rules.choice.unrated.very_dissatisfied": ("算作非常不满意", "as very dissatisfied (非常不满意)"),
    "rules.choice.unrated.exclude": ("不抽", "never sampled"),
    "rules.choice.unrated.unrated": ("单独一层（未评价）", "own stratum (未评价)"),
    # the 说明 sheet's paragraph on the 抽样规则 sheet
    "rules.help.sampling.topic": ("抽样规则", "QA sampling"),
    "rules.help.sampling": (
        "「抽样规则」工作表：每月质检抽样的规则（每人条数、满意度比例、补足顺序、差错类型）；空着的设置按标准规则。",
        "The QA sampling sheet: how many chats per agent, the satisfaction shares, the top-up order and "
        "the error types; a blank setting takes the standard's value.",
    ),
}
