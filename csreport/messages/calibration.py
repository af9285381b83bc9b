"""Catalogue: calibration (``csreport calibrate``, issue 15).

Reading the calibration sheet (``inputs/calibration_sheet.py``), the report's readings and
bandings (``scoring/calibration.py``, ``rules/calibration.py``), the 校准报告 workbook
(``outputs/xlsx/calibration.py``) and the command (``qa/calibrate.py``, ``cli/calibrate.py``).
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- the command ---------------------------------------------------------------------------
    "help.calibrate": (
        "校准：几位评分人评同一批会话，看评分是否一致、谁偏高偏低，写出校准报告（不改动任何客服的分数）",
        "Calibration: several reviewers score the same chats; see whether they agree and who "
        "scores high or low, and write the calibration report (no agent's score changes)",
    ),
    "help.standard": (
        "标准评分人（专家）的名字；不给时找名为 标准、标准答案 或 专家 的评分人",
        "the name of the standard (标准) reviewer, the expert; without it a reviewer named '标准', "
        "'标准答案' or '专家' is the standard",
    ),
    "help.calibrate_no_pdf": ("只生成校准工作簿，不生成 PDF", "write the workbook only, no PDF."),
    "calibration.console.read": (
        "已读取 {file}（工作表「{sheet}」）：{rows}，{reviewers}，{chats}。",
        "Read {file} (sheet '{sheet}'): {rows}, {reviewers}, {chats}.",
    ),
    "calibration.console.left_out": (
        "{n} 行有错误，已排除（见上方各行说明）。",
        "{n} rows had errors and were left out (see the lines above).",
    ),
    "calibration.console.left_out_one": (
        "{n} 行有错误，已排除（见上方各行说明）。",
        "{n} row had errors and was left out (see the lines above).",
    ),
    "calibration.console.line": ("[{grade}] {text}", "[{grade}] {text}"),
    "calibration.console.info": ("- {text}", "- {text}"),
    "calibration.console.written": ("已写出：{path}", "Written: {path}"),
    "calibration.console.replaced": (
        "已写出：{path}（替换今天由同一校准表生成的报告）",
        "Written: {path} (replacing today's report of the same calibration sheet)",
    ),
    "calibration.console.numbered": (
        "已写出：{path}（今天已有由其他校准表生成的报告，原报告保留，这一份顺延编号）",
        "Written: {path} (today's report of another calibration sheet is kept; this one takes the "
        "next number)",
    ),
    # --- counts, in the house number format ----------------------------------------------------
    "calibration.count.rows": ("{n} 行评分", "{n} scored rows"),
    "calibration.count.rows_one": ("{n} 行评分", "{n} scored row"),
    "calibration.count.reviewers": ("{n} 位评分人", "{n} reviewers"),
    "calibration.count.reviewers_one": ("{n} 位评分人", "{n} reviewer"),
    "calibration.count.chats": ("{n} 个会话", "{n} chats"),
    "calibration.count.chats_one": ("{n} 个会话", "{n} chat"),
    "calibration.console.no_history": (
        "校准不改动任何客服的分数，也不写入历史记录。",
        "Calibration changes no agent's score and records nothing in the history.",
    ),
    # --- refusals ------------------------------------------------------------------------------
    "calibration.no_sheet": (
        "{file} 中没有校准表：校准表需要 会话编号、评分人 两列，以及十项评分或态度得分。",
        "{file} has no calibration sheet: a calibration sheet has the columns chat ID (会话编号) "
        "and reviewer (评分人), and the ten item scores or the attitude score (态度得分).",
    ),
    "calibration.missing_columns": (
        "{file} 的工作表「{sheet}」缺少 {columns}："
        "校准表需要 会话编号、评分人 两列，以及十项评分或态度得分。",
        "Sheet '{sheet}' of {file} lacks {columns}: a calibration sheet has the columns chat ID "
        "(会话编号) and reviewer (评分人), and the ten item scores or the attitude score (态度得分).",
    ),
    "calibration.column.chat_id": ("会话编号", "a chat ID column (会话编号)"),
    "calibration.column.reviewer": ("评分人", "a reviewer column (评分人)"),
    "calibration.column.scores": (
        "十项评分或态度得分",
        "the ten item scores or an attitude score (态度得分)",
    ),
    "calibration.column.and_scores": (
        "{columns}，以及十项评分或态度得分",
        "{columns}, and the ten item scores or an attitude score (态度得分)",
    ),
    "calibration.is_folder": (
        "{path} 是一个文件夹，不是文件：请给出一个校准表文件（.xlsx、.xls 或 .csv）。",
        "{path} is a folder, not a file: give one calibration sheet file (.xlsx, .xls or .csv).",
    ),
    "calibration.too_few_reviewers": (
        "{file}：只有 1 位评分人（{names}），校准至少需要 2 位。",
        "{file}: only one reviewer ({names}); calibration needs at least 2.",
    ),
    "calibration.no_reviewers": (
        "{file}：没有一行评分可用，校准至少需要 2 位评分人。",
        "{file}: no scored row can be used; calibration needs at least 2 reviewers.",
    ),
    "calibration.no_shared_chat": (
        "{file}：没有一个会话有两位以上评分人评过，无法比较评分人。",
        "{file}: no chat was scored by two or more reviewers, so the reviewers cannot be compared.",
    ),
    "calibration.standard_unknown": (
        "评分人中没有「{name}」（表中的评分人：{names}）。",
        "No reviewer is called '{name}' (the sheet's reviewers: {names}).",
    ),
    "calibration.standard_ambiguous": (
        "表中有不止一位标准评分人（{names}），请用 --standard 指定一位。",
        "The sheet has more than one standard (标准) reviewer ({names}); name one with --standard.",
    ),
    # --- reading the sheet ---------------------------------------------------------------------
    "calibration.other_sheets": (
        "只读取了这一张工作表；{others} 也像校准表，未读取（每一轮校准请用单独的文件）。",
        "Only this sheet was read; {others} also look like calibration sheets and were not read "
        "(one file per calibration round).",
    ),
    "calibration.row.bad_chat_id": (
        "会话编号「{value}」的后几位已被 Excel 丢掉（科学计数法，或超过 15 位的数字），对应不到会话，"
        "此行已排除。请把会话编号列设为文本后重新填写或导出。",
        "The chat ID (会话编号) '{value}' lost its last digits in Excel (scientific notation, or a "
        "number of more than 15 digits), so it names no chat; row left out. Set the chat ID column "
        "to text and enter or export it again.",
    ),
    "calibration.row.no_chat": (
        "会话编号为空，此行已排除。",
        "The chat ID (会话编号) is blank; row left out.",
    ),
    "calibration.row.no_reviewer": (
        "评分人为空，此行已排除。",
        "The reviewer (评分人) is blank; row left out.",
    ),
    "calibration.row.nothing_scored": (
        "此行既没有十项评分也没有态度得分，已排除。",
        "This row has neither item scores nor an attitude score (态度得分); row left out.",
    ),
    "calibration.cell.not_number": (
        "「{value}」不是数字，此行已排除。",
        "'{value}' is not a number; row left out.",
    ),
    "calibration.cell.negative": (
        "「{value}」是负数，分数不能小于 0，此行已排除。",
        "'{value}' is negative, and a score cannot be below 0; row left out.",
    ),
    "calibration.cell.above_max": (
        "「{value}」超过满分 {high} 分，此行已排除。",
        "'{value}' is above the maximum of {high} points; row left out.",
    ),
    "calibration.row.total_mismatch": (
        "态度得分 {value} 与十项之和 {total} 不符，按十项之和计算。",
        "The attitude score (态度得分) {value} differs from the sum of the ten items, {total}; "
        "the items' sum is used.",
    ),
    "calibration.row.no_total": (
        "只填了 {filled}/{items} 项且没有态度得分：此行只计入单项统计，不计入总分。",
        "Only {filled} of {items} items are filled and there is no attitude score (态度得分): "
        "this row counts in the per-item figures only, not in totals.",
    ),
    "calibration.row.no_total_one": (
        "只填了 {filled}/{items} 项且没有态度得分：此行只计入单项统计，不计入总分。",
        "Only {filled} of {items} items is filled and there is no attitude score (态度得分): "
        "this row counts in the per-item figures only, not in totals.",
    ),
    "calibration.row.duplicate": (
        "评分人「{reviewer}」已在第 {first_row} 行评过会话「{value}」，分数相同，此行不重复计入。",
        "Reviewer '{reviewer}' already scored chat '{value}' on row {first_row} with the same "
        "scores; this row is not counted again.",
    ),
    "calibration.row.conflict": (
        "评分人「{reviewer}」对会话「{value}」评了不止一次（另见第 {rows} 行），分数不同，这些行都已排除。",
        "Reviewer '{reviewer}' scored chat '{value}' more than once (see also row {rows}) with "
        "different scores; all these rows are left out.",
    ),
    "calibration.row.conflict_many": (
        "评分人「{reviewer}」对会话「{value}」评了不止一次（另见第 {rows} 行），分数不同，这些行都已排除。",
        "Reviewer '{reviewer}' scored chat '{value}' more than once (see also rows {rows}) with "
        "different scores; all these rows are left out.",
    ),
    # --- readings ------------------------------------------------------------------------------
    "calibration.grade.good": ("好", "good"),
    "calibration.grade.acceptable": ("可接受", "acceptable"),
    "calibration.grade.retrain": ("需要再培训", "needs retraining"),
    "calibration.grade_cell.good": ("好", "Good"),
    "calibration.grade_cell.acceptable": ("可接受", "Acceptable"),
    "calibration.grade_cell.retrain": ("需要再培训", "Needs retraining"),
    "calibration.grade_cell.info": ("说明", "Note"),
    "calibration.banding.alpha": (
        "α ≥ {good} 好；{acceptable}–{good} 可接受；< {acceptable} 需要再培训",
        "α ≥ {good} good; {acceptable}–{good} acceptable; < {acceptable} needs retraining",
    ),
    "calibration.banding.kappa": (
        "κ ≥ {good} 好；{acceptable}–{good} 可接受；< {acceptable} 需要再培训",
        "κ ≥ {good} good; {acceptable}–{good} acceptable; < {acceptable} needs retraining",
    ),
    "calibration.banding.icc": (
        "ICC ≥ {good} 好；{acceptable}–{good} 可接受；< {acceptable} 需要再培训",
        "ICC ≥ {good} good; {acceptable}–{good} acceptable; < {acceptable} needs retraining",
    ),
    "calibration.banding.mean_difference": (
        "平均差（不论偏高偏低）≤ {good} 分 好；{good}–{acceptable} 分 可接受；> {acceptable} 分 需要再培训",
        "mean difference (high or low alike) ≤ {good} points good; {good}–{acceptable} points "
        "acceptable; > {acceptable} points needs retraining",
    ),
    "calibration.banding.within_5": (
        "±5 分以内的会话 ≥ {good} 好；{acceptable}–{good} 可接受；< {acceptable} 需要再培训",
        "chats within ±5 points ≥ {good} good; {acceptable}–{good} acceptable; < {acceptable} "
        "needs retraining",
    ),
    "calibration.reading.overview_standard": (
        "{reviewers} 位评分人（含标准「{standard}」）评了 {chats}：{shared} 个有两位以上评分人，"
        "{complete} 个每位评分人都评了（标准也算一位评分人）。",
        "{reviewers} reviewers (the standard (标准) is '{standard}') scored {chats}: {shared} "
        "by two or more, {complete} by every reviewer (the standard counts as a reviewer).",
    ),
    "calibration.reading.overview_others": (
        "{reviewers} 位评分人评了 {chats}：{shared} 个有两位以上评分人，"
        "{complete} 个每位评分人都评了。没有标准评分人：每人与其他评分人的均值比较。",
        "{reviewers} reviewers scored {chats}: {shared} by two or more, {complete} by every "
        "reviewer. There is no standard (标准) reviewer: each is compared with the others' mean.",
    ),
    "calibration.reading.alpha_total": (
        "总分的一致性：Krippendorff's α（等距）= {value}，{grade}（{chats}）",
        "Agreement on totals: Krippendorff's α (interval) = {value}, {grade} ({chats})",
    ),
    "calibration.reading.alpha_total_none": (
        "总分的一致性（Krippendorff's α）无法计算：{why}",
        "Agreement on totals (Krippendorff's α) cannot be computed: {why}",
    ),
    "calibration.reading.fleiss": (
        "合格判定（总分 ≥ {mark} 分为合格）的一致性：Fleiss' κ = {value}，{grade}"
        "（每位评分人都评了的 {chats}）",
        "Agreement on pass/fail (pass = total ≥ {mark}): Fleiss' κ = {value}, {grade} ({chats} "
        "every reviewer scored)",
    ),
    "calibration.reading.fleiss_none": (
        "合格判定（总分 ≥ {mark} 分为合格）的一致性（Fleiss' κ）无法计算：{why}",
        "Agreement on pass/fail (pass = total ≥ {mark}, Fleiss' κ) cannot be computed: {why}",
    ),
    "calibration.reading.cohen_lowest": (
        "两两之间合格判定最不一致的是「{a}」与「{b}」：Cohen's κ = {value}，{grade}（{chats}）",
        "The pair least consistent on pass/fail is '{a}' and '{b}': Cohen's κ = {value}, {grade} ({chats})",
    ),
    "calibration.reading.icc": (
        "总分的绝对一致性：ICC(2,1) = {value}（95% 置信区间 {low} 至 {high}），{grade}（{chats}）",
        "Absolute agreement on totals: ICC(2,1) = {value} (95% confidence interval {low} to "
        "{high}), {grade} ({chats})",
    ),
    "calibration.reading.icc_none": (
        "总分的绝对一致性（ICC(2,1)）未计算：{why}",
        "Absolute agreement on totals (ICC(2,1)) not computed: {why}",
    ),
    "calibration.reading.item": (
        "分歧第 {rank} 大的项目「{item}」：Krippendorff's α（顺序）= {value}，{grade}；"
        "分歧最大的会话：{chats}",
        "Item with disagreement rank {rank}, {item}: Krippendorff's α (ordinal) = {value}, "
        "{grade}; chats that show it: {chats}",
    ),
    "calibration.reading.items_agree": (
        "各项目的评分一致：最低的是「{item}」，Krippendorff's α（顺序）= {value}，{grade}",
        "The items are scored consistently: the lowest is {item}, Krippendorff's α (ordinal) = "
        "{value}, {grade}",
    ),
    "calibration.reading.items_none": (
        "单项一致性无法计算：没有一个项目有两位以上评分人的不同分数",
        "Agreement per item cannot be computed: no item has differing scores from two or more reviewers",
    ),
    "calibration.reading.no_items": (
        "表中只有态度得分，没有十项评分：不计算单项一致性",
        "The sheet has attitude scores (态度得分) only, no item scores: no agreement per item",
    ),
    "calibration.reading.difference": (
        "「{reviewer}」的总分{direction}（{chats}）{main}：{grade}",
        "'{reviewer}': totals {direction} ({chats}){main}: {grade}",
    ),
    "calibration.reading.within": (
        "「{reviewer}」的总分在{reference} ±5 分以内的会话占 {share}（{within}/{chats}），"
        "±10 分以内占 {share10}：{grade}",
        "'{reviewer}': {share} of totals within ±5 points of {reference} ({within}/{chats}), "
        "{share10} within ±10: {grade}",
    ),
    "calibration.reference.standard": ("标准", "the standard"),
    "calibration.reference.others": ("其他评分人的均值", "the other reviewers' mean"),
    # The difference is a mean over chats ("on average"); the reference may itself be a mean.
    "calibration.direction.higher": (
        "平均比{reference}高 {points} 分",
        "on average {points} points above {reference}",
    ),
    "calibration.direction.lower": (
        "平均比{reference}低 {points} 分",
        "on average {points} points below {reference}",
    ),
    "calibration.direction.level": ("平均与{reference}持平", "on average level with {reference}"),
    "calibration.main_item": ("，主要在「{item}」（{points} 分）", ", mainly on {item} ({points} points)"),
    "calibration.no_chat_named": ("（无）", "(none)"),
    "calibration.advice.agreement.good": ("评分一致，保持现有做法。", "The reviewers agree; carry on."),
    "calibration.advice.agreement.acceptable": (
        "基本一致：对照分歧最大的项目和会话统一尺度。",
        "Broadly consistent: align on the items and chats with the most disagreement.",
    ),
    "calibration.advice.agreement.retrain": (
        "不一致：组织再培训，用分歧最大的会话讲解评分标准，然后重新校准。",
        "Not consistent: retrain the reviewers on the chats with the most disagreement, then "
        "calibrate again.",
    ),
    "calibration.advice.item.good": ("此项评分一致。", "This item is scored consistently."),
    "calibration.advice.item.acceptable": (
        "统一对此项评分细则的理解。",
        "Agree on how this item is scored.",
    ),
    "calibration.advice.item.retrain": (
        "此项需要再培训：逐条讲解评分细则，复盘列出的会话。",
        "Retrain on this item: go through its scoring rules and the chats listed.",
    ),
    "calibration.advice.reviewer.good": ("无需调整。", "No change needed."),
    "calibration.advice.reviewer.acceptable": (
        "提醒此评分人注意尺度，复盘与{reference}差距最大的会话。",
        "Point out the bias to this reviewer and go through the chats furthest from {reference}.",
    ),
    "calibration.advice.reviewer.retrain": (
        "此评分人需要再培训：逐个复盘与{reference}差距大的会话，然后重新校准。",
        "This reviewer needs retraining: go through the chats far from {reference}, then calibrate again.",
    ),
    "calibration.why.no_pairs": (
        "没有一个会话有两位以上评分人的分数",
        "no chat has scores from two or more reviewers",
    ),
    "calibration.why.no_variation": (
        "所有分数都相同，没有差异可以比较",
        "every score is the same, so there is no variation to measure agreement against",
    ),
    "calibration.why.no_common": ("两人没有共同评过的会话", "the two reviewers scored no chat in common"),
    "calibration.why.one_category": (
        "所有判定都是同一类（都合格或都不合格），κ 没有定义",
        "every judgement falls in one category (all pass or all fail), where κ is undefined",
    ),
    "calibration.why.no_complete": (
        "没有每位评分人都评过的会话",
        "no chat was scored by every reviewer",
    ),
    "calibration.why.incomplete": (
        "ICC 需要每位评分人都评了每个会话，有 {n} 个会话缺少评分（例如「{reviewer}」没有评「{chat}」）",
        "ICC needs every reviewer's score of every chat, and {n} chats lack one (for example "
        "'{reviewer}' did not score '{chat}')",
    ),
    "calibration.why.incomplete_one": (
        "ICC 需要每位评分人都评了每个会话，有 {n} 个会话缺少评分（「{reviewer}」没有评「{chat}」）",
        "ICC needs every reviewer's score of every chat, and {n} chat lacks one ('{reviewer}' did "
        "not score '{chat}')",
    ),
    "calibration.why.few_chats": ("会话少于 2 个", "fewer than 2 chats"),
    # --- the ten items -------------------------------------------------------------------------
    "calibration.item.0": ("流程全面,服务规范", "Complete process, service standard (流程全面,服务规范)"),
    "calibration.item.1": ("聊天话术运用适当", "Scripts used properly (聊天话术运用适当)"),
    "calibration.item.2": ("积极主动", "Proactive (积极主动)"),
    "calibration.item.3": ("承担责任", "Takes responsibility (承担责任)"),
    "calibration.item.4": ("处理技巧", "Handling skill (处理技巧)"),
    "calibration.item.5": ("正确性", "Correctness (正确性)"),
    "calibration.item.6": ("熟练性", "Fluency (熟练性)"),
    "calibration.item.7": ("促成交易力度", "Closing the sale (促成交易力度)"),
    "calibration.item.8": ("购买意向引导", "Guiding purchase intent (购买意向引导)"),
    "calibration.item.9": ("档内优惠理解", "Use of current promotions (档内优惠理解)"),
    # --- the statistics ------------------------------------------------------------------------
    "calibration.method.alpha_interval": ("Krippendorff's α（等距）", "Krippendorff's α (interval)"),
    "calibration.method.alpha_ordinal": ("Krippendorff's α（顺序）", "Krippendorff's α (ordinal)"),
    "calibration.method.cohen_kappa": ("Cohen's κ", "Cohen's κ"),
    "calibration.method.fleiss_kappa": ("Fleiss' κ", "Fleiss' κ"),
    "calibration.method.icc2_1": (
        "ICC(2,1)（双向随机，绝对一致）",
        "ICC(2,1) (two-way random, absolute agreement)",
    ),
    "calibration.subject.total": ("总分", "Total"),
    "calibration.subject.pass": ("合格判定（总分 ≥ {mark} 分）", "Pass/fail (total ≥ {mark})"),
    "calibration.all_reviewers": ("全部 {n} 位评分人", "all {n} reviewers"),
    "calibration.pair": ("{a} 与 {b}", "{a} and {b}"),
    # --- the workbook --------------------------------------------------------------------------
    "calibration.sheet.conclusion": ("结论", "Conclusion"),
    "calibration.sheet.reviewers": ("评分人", "Reviewers"),
    "calibration.sheet.agreement": ("一致性", "Agreement"),
    "calibration.sheet.disagreement": ("分歧", "Disagreement"),
    "calibration.sheet.data": ("数据", "Data"),
    "calibration.title": ("校准报告 {date}", "Calibration report {date}"),
    "calibration.source": (
        "校准表：{file}（工作表「{sheet}」）。校准结果不改动任何客服的分数。",
        "Calibration sheet: {file} (sheet '{sheet}'). Calibration changes no agent's score.",
    ),
    "calibration.col.reading": ("结论", "Reading"),
    "calibration.col.grade": ("评定", "Grade"),
    "calibration.col.banding": ("判定标准", "Banding"),
    "calibration.col.advice": ("建议", "What to do"),
    "calibration.problems_title": ("读取校准表时发现的问题", "Problems found reading the calibration sheet"),
    "calibration.no_problems": ("没有发现问题。", "No problems found."),
    "calibration.col.problem": ("问题", "Problem"),
    "calibration.reviewers_note_standard": (
        "每人与标准「{standard}」比较：差值 = 此评分人的分数 − 标准的分数，正数为偏高。",
        "Each reviewer is compared with the standard (标准) '{standard}': difference = the "
        "reviewer's score − the standard's, positive when higher.",
    ),
    "calibration.reviewers_note_others": (
        "没有标准评分人：每人与同一会话其他评分人的平均比较，差值为正表示偏高。",
        "No standard (标准) reviewer: each is compared with the mean of the other reviewers on "
        "the same chat; a positive difference is higher.",
    ),
    "calibration.items_title": ("各项目的平均差", "Mean difference per item"),
    "calibration.items_note": (
        "每位评分人在各项目上的平均差（分），正数为偏高；差值达到该项满分的 {share} 时标色。",
        "Each reviewer's mean difference on each item (points), positive when higher; shaded "
        "when it reaches {share} of the item's maximum.",
    ),
    "calibration.col.reviewer": ("评分人", "Reviewer"),
    "calibration.col.role": ("角色", "Role"),
    "calibration.role.standard": ("标准", "Standard (标准)"),
    "calibration.col.chats_scored": ("评了的会话", "Chats scored"),
    "calibration.col.mean_total": ("平均总分", "Mean total"),
    "calibration.col.pass_share": ("合格占比", "Share passed"),
    "calibration.col.compared": ("比较的会话", "Chats compared"),
    "calibration.col.difference": ("总分平均差", "Mean difference on total"),
    "calibration.col.difference_grade": ("平均差评定", "Difference grade"),
    "calibration.col.within_5": ("±5 分以内", "Within ±5"),
    "calibration.col.within_10": ("±10 分以内", "Within ±10"),
    "calibration.col.within_grade": ("±5 分评定", "Within ±5 grade"),
    "calibration.col.main_item": ("主要差在", "Mainly on"),
    "calibration.col.statistic": ("统计量", "Statistic"),
    "calibration.col.subject": ("对象", "Of"),
    "calibration.col.raters": ("评分人", "Reviewers"),
    "calibration.col.chats": ("会话数", "Chats"),
    "calibration.col.value": ("值", "Value"),
    "calibration.col.interval": ("95% 置信区间", "95% confidence interval"),
    "calibration.col.why": ("说明", "Note"),
    "calibration.interval": ("{low} 至 {high}", "{low} to {high}"),
    "calibration.agreement_note": (
        "标准（如有）也算一位评分人。合格 = 总分 ≥ {mark} 分。Cohen's κ 按每两人共同评过的会话计算，"
        "Fleiss' κ 按每位评分人都评过的会话计算；Krippendorff's α 允许有人没评某些会话；"
        "ICC(2,1) 只在每位评分人都评了每个会话时计算。",
        "The standard (标准), if any, counts as a reviewer. Pass = total ≥ {mark}. Cohen's κ uses "
        "the chats both reviewers scored, Fleiss' κ the chats every reviewer scored; "
        "Krippendorff's α allows reviewers who did not score every chat; ICC(2,1) is computed "
        "only when every reviewer scored every chat.",
    ),
    "calibration.counts": (
        "{chats}，{shared} 个有两位以上评分人，{complete} 个每位评分人都评了。",
        "{chats}, {shared} scored by two or more reviewers, {complete} by every reviewer.",
    ),
    "calibration.col.rank": ("排名", "Rank"),
    "calibration.col.item": ("项目", "Item"),
    "calibration.col.maximum": ("满分", "Maximum"),
    "calibration.col.alpha": ("Krippendorff's α（顺序）", "Krippendorff's α (ordinal)"),
    "calibration.col.deviation": ("平均绝对偏差（占满分）", "Mean absolute deviation (share of maximum)"),
    "calibration.col.spread_chats": ("分歧最大的会话", "Chats with the largest spread"),
    "calibration.spread": (
        "{chat}：相差 {spread} 分（{scores}）",
        "{chat}: {spread} points apart ({scores})",
    ),
    "calibration.score_of": ("{reviewer} {score}", "{reviewer} {score}"),
    "calibration.disagreement_note": (
        "按 Krippendorff's α（顺序）从低到高排列，α 相同时按平均绝对偏差（各评分人的分数离该会话平均的距离，"
        "占此项满分的比例）从大到小。",
        "Ordered by Krippendorff's α (ordinal), lowest first; equal α by the mean absolute "
        "deviation (how far each reviewer's score is from the chat's mean, as a share of the "
        "item's maximum), largest first.",
    ),
    "calibration.col.chat_id": ("会话编号", "Chat ID (会话编号)"),
    "calibration.col.agent_id": ("工号", "Agent ID (工号)"),
    "calibration.col.typed_total": ("态度得分（填写）", "Attitude score as typed (态度得分)"),
    "calibration.col.total": ("总分（计算）", "Total (used)"),
    "calibration.col.passed": ("合格", "Pass"),
    "calibration.col.error_type": ("差错类型", "Error type (差错类型)"),
    "calibration.col.row": ("原表行号", "Row in the sheet"),
    "calibration.yes": ("是", "Yes"),
    "calibration.no": ("否", "No"),
    "calibration.data_note": (
        "校准表中保留的评分，每个会话每位评分人一行；总分 = 十项都填时的十项之和，否则为态度得分。",
        "The ratings kept from the calibration sheet, one row per chat and reviewer; the total is "
        "the ten items' sum when all ten are filled, else the attitude score (态度得分).",
    ),
}
