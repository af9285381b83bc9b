"""Messages: the calibration report PDF (``outputs/pdf/calibration.py``, ``templates/calibration.html``).

The statistics' names, the grades (好 / 可接受 / 需要再培训), the items' names, the readings and
the bandings in words are the calibration model's own (``messages/calibration.py``); these are
the page's words.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- the first page ----------------------------------------------------------------------
    "calibration_pdf.title": ("评分一致性校准报告", "Scorer calibration report (校准报告)"),
    "calibration_pdf.made": ("报告日期", "Report date"),
    "calibration_pdf.source": ("数据来源", "Source"),
    "calibration_pdf.source_value": ("{file} · 工作表 {sheet}", "{file}, sheet {sheet}"),
    "calibration_pdf.reviewers": ("评分人", "Reviewers (评分人)"),
    "calibration_pdf.reviewers_value": ("{n} 人：{names}", "{n}: {names}"),
    "calibration_pdf.standard": ("标准评分人", "Standard reviewer (标准)"),
    "calibration_pdf.no_standard": (
        "无：每位评分人与其他评分人的平均分比较",
        "None: each reviewer is compared with the other reviewers' mean",
    ),
    "calibration_pdf.summary": ("结论", "Summary (结论)"),
    "calibration_pdf.banding": ("分档", "Banding"),
    "calibration_pdf.advice": ("建议", "What to do"),
    "calibration_pdf.bandings": ("各项读数的分档依据", "How each figure is graded"),
    "calibration_pdf.col.measure": ("读数", "Figure"),
    "calibration_pdf.col.scale": ("出处", "Scale"),
    "calibration_pdf.shop_scale": ("本店标准", "The shop's own"),
    "calibration_pdf.measure.alpha": ("Krippendorff's α", "Krippendorff's α"),
    "calibration_pdf.measure.kappa": ("Cohen's κ、Fleiss' κ", "Cohen's κ, Fleiss' κ"),
    "calibration_pdf.measure.icc": ("ICC(2,1)", "ICC(2,1)"),
    "calibration_pdf.measure.mean_difference": (
        "评分人总分平均差",
        "A reviewer's mean difference on the total",
    ),
    "calibration_pdf.measure.within_5": (
        "总分相差 ±5 分以内的会话占比",
        "Share of chats whose totals are within ±5 points",
    ),
    "calibration_pdf.never_changes": (
        "校准结果只用于评分人培训，不改变任何客服的得分。",
        "Calibration is for training the reviewers: it never changes an agent's score.",
    ),
    # --- each reviewer -----------------------------------------------------------------------
    "calibration_pdf.by_reviewer": ("各评分人与标准的差异", "Each reviewer against the standard (标准)"),
    "calibration_pdf.by_reviewer_mean": (
        "各评分人与其他评分人平均的差异",
        "Each reviewer against the other reviewers' mean",
    ),
    "calibration_pdf.difference_note": (
        "平均差 = 评分人得分 − 标准的得分（同一会话），正数偏高、负数偏低；相差 ±5 / ±10 分以内："
        "对比的会话中总分相差不超过 5 / 10 分的占比。",
        "Mean difference = the reviewer's score − the standard's score of the same chat: positive "
        "scores high, negative low. Within ±5 / ±10 points: the share of compared chats whose totals "
        "differ by at most 5 / 10 points.",
    ),
    "calibration_pdf.difference_note_mean": (
        "平均差 = 评分人得分 − 其他评分人对同一会话的平均分，正数偏高、负数偏低；相差 ±5 / ±10 分以内："
        "对比的会话中总分相差不超过 5 / 10 分的占比。",
        "Mean difference = the reviewer's score − the other reviewers' mean score of the same chat: "
        "positive scores high, negative low. Within ±5 / ±10 points: the share of compared chats "
        "whose totals differ by at most 5 / 10 points.",
    ),
    "calibration_pdf.col.reviewer": ("评分人", "Reviewer"),
    "calibration_pdf.col.scored": ("评分会话", "Chats scored"),
    "calibration_pdf.col.mean_total": ("平均总分", "Mean total"),
    "calibration_pdf.col.pass_share": ("合格占比（≥ {mark} 分）", "Passed (≥ {mark})"),
    "calibration_pdf.col.compared": ("对比会话", "Chats compared"),
    "calibration_pdf.col.difference": ("总分平均差", "Mean difference, total"),
    "calibration_pdf.col.within_5": ("相差 ±5 分以内", "Within ±5 points"),
    "calibration_pdf.col.within_10": ("相差 ±10 分以内", "Within ±10 points"),
    "calibration_pdf.col.main_item": ("主要差在", "Mostly on"),
    "calibration_pdf.col.reading": ("解读", "Reading"),
    "calibration_pdf.reference_row": (
        "参照：其他评分人与标准的分数比较",
        "The reference: the other reviewers are compared with these scores",
    ),
    "calibration_pdf.by_item": ("分项平均差（分）", "Mean difference per item (points)"),
    "calibration_pdf.main_note": (
        "底色标出每位评分人主要差在的项目。",
        "The shaded cell is the item each reviewer is mostly off on.",
    ),
    "calibration_pdf.col.item": ("项目（满分）", "Item (max points)"),
    "calibration_pdf.item_max": ("{item}（{max} 分）", "{item} ({max} pts)"),
    "calibration_pdf.no_items": (
        "校准表只有态度得分，没有分项分数：不计算分项差异与分项一致性。",
        "The calibration sheet has attitude scores (态度得分) only, no item scores: no differences "
        "or agreement per item.",
    ),
    # --- agreement ---------------------------------------------------------------------------
    "calibration_pdf.agreement": ("一致性统计", "Agreement statistics"),
    "calibration_pdf.overall": ("整体一致性", "Overall agreement"),
    "calibration_pdf.col.statistic": ("统计量", "Statistic"),
    "calibration_pdf.col.subject": ("对象", "Measured on"),
    "calibration_pdf.col.value": ("数值", "Value"),
    "calibration_pdf.col.chats": ("会话数", "Chats"),
    "calibration_pdf.col.raters": ("评分人数", "Reviewers"),
    "calibration_pdf.interval": ("95% 置信区间 {low} 至 {high}", "95% confidence interval {low} to {high}"),
    "calibration_pdf.not_computed": ("未计算：{why}", "Not computed: {why}"),
    "calibration_pdf.cohen": (
        "两两之间合格判定的一致性：Cohen's κ（≥ {mark} 分为合格）",
        "Pass or fail, reviewer by reviewer: Cohen's κ (a pass is ≥ {mark})",
    ),
    "calibration_pdf.alpha_items": (
        "分项一致性：Krippendorff's α（有序）",
        "Agreement per item: Krippendorff's α (ordinal)",
    ),
    # --- where they disagree -----------------------------------------------------------------
    "calibration_pdf.disagreements": ("分歧最大的项目", "Items with the most disagreement"),
    "calibration_pdf.deviation_note": (
        "平均偏离：各评分人的分数与该会话平均分之差（绝对值）的平均，占该项满分的比例；"
        "分差：同一会话最高分 − 最低分。",
        "Mean deviation: how far the reviewers' scores lie from the chat's mean on average, as a share "
        "of the item's maximum. Spread: the highest score − the lowest on the same chat.",
    ),
    "calibration_pdf.col.deviation": ("平均偏离", "Mean deviation"),
    "calibration_pdf.col.chat": ("会话编号", "Chat ID"),
    "calibration_pdf.col.spread": ("分差", "Spread"),
    "calibration_pdf.col.scores": ("各评分人的分数", "Each reviewer's score"),
    "calibration_pdf.no_disagreement": (
        "每个项目上评分人的分数都一致。",
        "The reviewers gave the same scores on every item.",
    ),
    # --- reading the sheet, the footer ---------------------------------------------------------
    "calibration_pdf.problems": ("读取校准表时的提示", "Notes from reading the calibration sheet"),
    "calibration_pdf.problems_more": (
        "另有 {n} 条，见校准报告工作簿",
        "{n} more in the calibration workbook",
    ),
    "calibration_pdf.failed": (
        "生成校准报告 PDF 失败：{reason}",
        "Rendering the calibration report PDF failed: {reason}",
    ),
    "calibration_pdf.footer": ("{file} · 生成于 {time}", "{file} · made {time}"),
    "calibration_pdf.confidential": (
        "内部资料 · 不影响客服得分",
        "Internal · never changes an agent's score",
    ),
}
