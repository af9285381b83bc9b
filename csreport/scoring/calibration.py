"""The calibration report: whether the reviewers who score sampled chats agree, and who scores
high or low, and where.

Pure: it takes the ratings read from a calibration sheet (``csreport.inputs.calibration_sheet``)
and the bandings (``csreport.rules.calibration``) and returns a ``CalibrationReport``; the
校准报告 workbook and PDF only show it.

Every figure is shown, and graded, rounded half up on its shown decimals (8.25 → 8.3, −1.25 →
−1.3), as the rest of csreport and as Excel shows a number: ``half_up``.

- The reviewers are every 评分人 of the kept rows; the 标准 (the expert, if any) is one of them
  and counts as a reviewer in every agreement statistic.
- A chat's total is the ten items' sum when all ten are there, else its 态度得分.
- Per reviewer: the signed mean difference (reviewer − reference) on the total and on each item,
  where the reference is the 标准's score of the same chat or, with no 标准, the mean of the
  other reviewers' scores of that chat; the share of chats within ±5 and ±10 points.
- Pass/fail (total ≥ ``domain.PASS_MARK``): Cohen's κ for every pair of reviewers over the chats
  both scored; Fleiss' κ over the chats every reviewer scored.
- Krippendorff's α on totals (interval) and on each item (ordinal), missing scores allowed.
- ICC(2,1), absolute agreement, with its 95% interval, only when every reviewer scored every chat.
- The items with the most disagreement: ordinal α ascending, ties by the mean absolute
  deviation relative to the item's maximum; each with the chats of largest spread.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from csreport.calibration_data import Rating
from csreport.domain import ATTITUDE_ITEMS, PASS_MARK
from csreport.messages import Bilingual, Note, both, listed
from csreport.problems import CsreportError, Problem
from csreport.rules.calibration import MEASURES, STAT_DECIMALS, Banding, Grade, Measure, half_up
from csreport.rules.wording import number
from csreport.scoring.agreement import (
    category_counts,
    cohen_kappa,
    fleiss_kappa,
    icc2_1,
    krippendorff_alpha,
    percent_within,
)

__all__ = [
    "MEASURE_OF",
    "POINT_DECIMALS",
    "SHARE_DECIMALS",
    "Banding",
    "CalibrationReport",
    "ChatSpread",
    "Grade",
    "ItemDifference",
    "ItemDisagreement",
    "Measure",
    "Method",
    "Rating",
    "ReadingLine",
    "ReviewerRow",
    "Statistic",
    "build_report",
    "counted",
    "find_standard",
    "grade_words",
    "half_up",
    "item_words",
    "points_text",
    "score_text",
    "share_text",
    "stat_text",
]

# The agreement statistics the report computes (their names are catalogue codes
# ``calibration.method.<method>``).
Method = Literal["alpha_interval", "alpha_ordinal", "cohen_kappa", "fleiss_kappa", "icc2_1"]


@dataclass(frozen=True)
class Statistic:
    """One agreement statistic as reported: what it measures, over which chats and reviewers,
    its value (None when it could not be computed, and ``why_not`` says why) and its reading.

    ``subject`` is ``"total"`` (the chat's total), ``"pass"`` (pass/fail at 60) or an item's
    name as in ``domain.ATTITUDE_ITEMS``. ``low``/``high`` are the 95% interval (ICC only).
    """

    method: Method
    subject: str
    raters: tuple[str, ...]  # the reviewers it covers: a pair for Cohen's κ, all for the others
    value: float | None
    chats: int  # how many chats it is computed over
    grade: Grade | None  # None when not computed
    why_not: Note | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class ItemDifference:
    """A reviewer's signed mean difference from the reference on one item."""

    item: str  # the item's name, as in domain.ATTITUDE_ITEMS
    maximum: float  # the item's maximum points
    difference: float | None  # mean of (reviewer − reference); None with no chat to compare
    chats: int  # chats compared on this item


@dataclass(frozen=True)
class ReviewerRow:
    """One reviewer against the reference (the 标准, or the other reviewers' mean).

    For the 标准 itself (the reference) every comparison is None and ``compared`` is 0.
    Shares are fractions (0.8 = 80%). ``main_item`` is the item whose mean difference goes the
    same way as the total's and is largest ("偏高 3.2 分，主要在 聊天话术运用适当"), None when no
    item does or the sheet has no item scores.
    """

    reviewer: str
    is_standard: bool
    chats_scored: int  # chats this reviewer scored (rows kept)
    mean_total: float | None  # the reviewer's mean total over the chats scored
    pass_share: float | None  # share of the chats scored at or above the pass mark
    compared: int  # chats compared with the reference on the total
    difference: float | None  # signed mean difference on the total (reviewer − reference)
    items: tuple[ItemDifference, ...]  # one per item, in domain.ATTITUDE_ITEMS order
    within_5: float | None  # share of compared chats with |difference| ≤ 5
    within_10: float | None  # share of compared chats with |difference| ≤ 10
    difference_grade: Grade | None  # |difference| graded by the mean-difference banding
    within_grade: Grade | None  # within_5 graded by the within-±5 banding
    main_item: str | None


@dataclass(frozen=True)
class ChatSpread:
    """One chat on which the reviewers disagree about an item: the spread (highest − lowest
    score) and each reviewer's score, in the report's reviewer order."""

    chat_id: str
    spread: float
    scores: tuple[tuple[str, float], ...]  # (reviewer, score)


@dataclass(frozen=True)
class ItemDisagreement:
    """An item ranked by disagreement (``rank`` 1 = the most): its ordinal α, the mean absolute
    deviation of the scores from each chat's mean relative to the item's maximum, and the chats
    of largest spread (at most three, spread > 0)."""

    rank: int
    item: str
    maximum: float
    alpha: float | None
    grade: Grade | None
    relative_deviation: float | None  # a fraction of the item's maximum (0.15 = 15%)
    chats: tuple[ChatSpread, ...]


@dataclass(frozen=True)
class ReadingLine:
    """One line of the conclusion (结论): what was measured, its plain reading and what to do.

    ``text`` is the whole line ("总分的一致性：Krippendorff's α = 0.812，好"); ``banding`` the
    banding it used in words ("α ≥ 0.800 好；0.667–0.800 可接受；< 0.667 需要再培训"); ``advice``
    what to do about it. ``grade`` is None for a line that only informs (a statistic that could
    not be computed).
    """

    text: Note
    grade: Grade | None
    banding: Note | None
    advice: Note | None


@dataclass(frozen=True)
class CalibrationReport:
    """Everything the calibration workbook and PDF show.

    ``reviewers`` lists the 标准 first (when there is one), then the others in the order they
    first appear in the sheet; ``chats`` in the order they first appear. ``has_items`` is False
    when no kept row has item scores (a sheet of 态度得分 only): the per-item statistics, item
    differences and disagreements are then empty.
    """

    source: str  # the calibration sheet's file name
    sheet: str  # the sheet read
    made: dt.date  # the report's date (in the file name)
    standard: str | None  # the 标准 reviewer's name, None when there is none
    reviewers: tuple[str, ...]
    chats: tuple[str, ...]
    shared_chats: int  # chats scored by two or more reviewers
    complete_chats: int  # chats scored by every reviewer
    has_items: bool
    ratings: tuple[Rating, ...]  # the rows kept, as read (the 数据 sheet)
    readings: tuple[ReadingLine, ...]  # the conclusion, one line each
    reviewer_rows: tuple[ReviewerRow, ...]  # in ``reviewers`` order
    alpha_total: Statistic  # interval α on totals
    alpha_items: tuple[Statistic, ...]  # ordinal α per item, in domain.ATTITUDE_ITEMS order
    cohen: tuple[Statistic, ...]  # one per pair of reviewers, in ``reviewers`` order
    fleiss: Statistic
    icc: Statistic
    disagreements: tuple[ItemDisagreement, ...]  # every item, most disagreement first
    bandings: tuple[Banding, ...]  # the bandings used, one per measure
    problems: tuple[Problem, ...]  # what reading the sheet found (rows set aside, warnings)
    source_sha256: str = ""  # of the calibration sheet's bytes, recorded in the workbook


# ---- building the report ---------------------------------------------------------------------

_EPS = 1e-9  # a total computed as 59.99999999 still passes at 60
_TOP_ITEMS = 3  # items named in the conclusion
_TOP_CHATS = 3  # chats shown for each item
# Which banding reads each statistic.
MEASURE_OF: dict[Method, Measure] = {
    "alpha_interval": "alpha",
    "alpha_ordinal": "alpha",
    "cohen_kappa": "kappa",
    "fleiss_kappa": "kappa",
    "icc2_1": "icc",
}
# The decimals a figure is shown and graded with: a difference in points, a share as a fraction
# (0.796 is 79.6%), a score as typed (9.5, 7.25). Statistics: ``STAT_DECIMALS``.
POINT_DECIMALS = 1
SHARE_DECIMALS = 3
SCORE_DECIMALS = 2


def _fixed(value: float, decimals: int) -> str:
    return f"{half_up(value, decimals):.{decimals}f}"


def item_words(item: str) -> Bilingual:
    """An item's name for reading: the Chinese name, and in English an English name with the
    Chinese in parentheses ("Proactive (积极主动)")."""
    for k, (name, _maximum) in enumerate(ATTITUDE_ITEMS):
        if name == item:
            return both(f"calibration.item.{k}")
    return Bilingual(item, item)


def grade_words(grade: Grade | None) -> Bilingual:
    """好 / 可接受 / 需要再培训 (lower case in English: it is said inside a sentence); "" for None."""
    return both(f"calibration.grade.{grade}") if grade else Bilingual("", "")


def counted(kind: str, n: int) -> Bilingual:
    """``n`` things of ``kind`` (chats, reviewers, rows) as a reader says them, the count in the
    house format: "1,790 个会话" / "1,790 chats", "1 个会话" / "1 chat"."""
    code = f"calibration.count.{kind}_one" if n == 1 else f"calibration.count.{kind}"
    return both(code, n=number(n))


def stat_text(value: float | None) -> str:
    """A statistic as shown: three decimals, half up ("0.812", "-0.125"), "–" for none."""
    if value is None:
        return "–"
    return _fixed(value, STAT_DECIMALS)


def points_text(value: float) -> str:
    """A difference in points as shown, without its sign: one decimal, half up ("3.2")."""
    return _fixed(abs(value), POINT_DECIMALS)


def share_text(share: float) -> str:
    """A share as a percentage, at most one decimal, half up ("80%", "66.7%")."""
    text = _fixed(half_up(share, SHARE_DECIMALS) * 100, SHARE_DECIMALS - 2)
    return (text[:-2] if text.endswith(".0") else text) + "%"


def score_text(value: float) -> str:
    """A score as a reviewer typed it or a spread of scores: no pointless decimals, at most two
    ("9", "9.5", "7.25")."""
    text = _fixed(value, SCORE_DECIMALS).rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def find_standard(reviewers: Sequence[str], given: str | None, standard_names: Sequence[str]) -> str | None:
    """The 标准 reviewer: ``given`` (--standard), which must be one of ``reviewers``; else the one
    reviewer whose name is one of ``standard_names`` (标准, 标准答案, 专家); None when none is."""
    if given is not None:
        # As the sheet's names are read: full-width forms folded, spaces trimmed.
        name = unicodedata.normalize("NFKC", given).strip()
        if name not in reviewers:
            raise CsreportError("calibration.standard_unknown", name=name, names=listed(reviewers))
        return name
    named = [r for r in reviewers if r in standard_names]
    if len(named) > 1:
        raise CsreportError("calibration.standard_ambiguous", names=listed(named))
    return named[0] if named else None


def build_report(
    ratings: Sequence[Rating],
    *,
    source: str,
    sheet: str,
    made: dt.date,
    bands: Mapping[Measure, Banding],
    standard: str | None = None,
    standard_names: Sequence[str] = (),
    problems: Sequence[Problem] = (),
    source_sha256: str = "",
) -> CalibrationReport:
    """The calibration report of ``ratings`` (the kept rows of one sheet).

    ``standard`` is the name given with --standard (it must be a reviewer); without it the
    reviewer named one of ``standard_names`` is the 标准, if any. Refuses (``CsreportError``)
    fewer than two reviewers and a sheet where no chat was scored by two or more.
    """
    seen = list(dict.fromkeys(r.reviewer for r in ratings))
    if not seen:
        raise CsreportError("calibration.no_reviewers", file=source)
    if len(seen) < 2:
        raise CsreportError("calibration.too_few_reviewers", file=source, names=listed(seen))
    expert = find_standard(seen, standard, standard_names)
    reviewers = tuple([expert] if expert else []) + tuple(r for r in seen if r != expert)
    chats = tuple(dict.fromkeys(r.chat_id for r in ratings))
    grid = _Grid(ratings, reviewers, chats)
    per_chat = (~np.isnan(grid.scored)).sum(axis=1)
    shared = int((per_chat >= 2).sum())
    if not shared:
        raise CsreportError("calibration.no_shared_chat", file=source)
    complete_rows = ~np.isnan(grid.totals).any(axis=1)
    has_items = any(x is not None for r in ratings for x in r.items)
    alpha_total = _alpha(grid.totals, "alpha_interval", "total", reviewers, bands)
    alpha_items = (
        tuple(
            _alpha(grid.items[k], "alpha_ordinal", item, reviewers, bands)
            for k, (item, _maximum) in enumerate(ATTITUDE_ITEMS)
        )
        if has_items
        else ()
    )
    cohen = tuple(
        _cohen(grid, reviewers, i, j, bands)
        for i in range(len(reviewers))
        for j in range(i + 1, len(reviewers))
    )
    fleiss = _fleiss(grid, reviewers, complete_rows, bands)
    icc = _icc(grid, reviewers, chats, bands)
    rows = tuple(_reviewer_row(grid, reviewers, i, expert, has_items, bands) for i in range(len(reviewers)))
    disagreements = _disagreements(grid, reviewers, chats, alpha_items) if has_items else ()
    report = CalibrationReport(
        source=source,
        sheet=sheet,
        made=made,
        standard=expert,
        reviewers=reviewers,
        chats=chats,
        shared_chats=shared,
        complete_chats=int(complete_rows.sum()),
        has_items=has_items,
        ratings=tuple(ratings),
        readings=(),
        reviewer_rows=rows,
        alpha_total=alpha_total,
        alpha_items=alpha_items,
        cohen=cohen,
        fleiss=fleiss,
        icc=icc,
        disagreements=disagreements,
        bandings=tuple(bands[m] for m in MEASURES),
        problems=tuple(problems),
        source_sha256=source_sha256,
    )
    return replace(report, readings=tuple(_readings(report, bands)))


class _Grid:
    """The ratings as chats × reviewers arrays (NaN where a reviewer gave no score)."""

    def __init__(self, ratings: Sequence[Rating], reviewers: Sequence[str], chats: Sequence[str]) -> None:
        col = {name: j for j, name in enumerate(reviewers)}
        row = {chat: i for i, chat in enumerate(chats)}
        shape = (len(chats), len(reviewers))
        self.totals = np.full(shape, np.nan)
        self.scored = np.full(shape, np.nan)  # 1 where the reviewer has a row for the chat
        self.items = [np.full(shape, np.nan) for _ in ATTITUDE_ITEMS]
        for r in ratings:
            i, j = row[r.chat_id], col[r.reviewer]
            self.scored[i, j] = 1.0
            if r.total is not None:
                self.totals[i, j] = r.total
            for k, value in enumerate(r.items):
                if value is not None:
                    self.items[k][i, j] = value


def _pairable(matrix: np.ndarray) -> int:
    """Chats with two or more scores."""
    return int(((~np.isnan(matrix)).sum(axis=1) >= 2).sum())


def _graded_as_shown(banding: Banding, value: float | None, decimals: int) -> Grade | None:
    """``value`` graded as it is shown: rounded half up to ``decimals`` first, so the reading
    never contradicts the number printed beside it (a mean difference of 3.05 is shown 3.1)."""
    return None if value is None else banding.grade(half_up(value, decimals))


def _graded(bands: Mapping[Measure, Banding], method: Method, value: float | None) -> Grade | None:
    return _graded_as_shown(bands[MEASURE_OF[method]], value, STAT_DECIMALS)


def _alpha(
    matrix: np.ndarray,
    method: Method,
    subject: str,
    reviewers: tuple[str, ...],
    bands: Mapping[Measure, Banding],
) -> Statistic:
    level = "interval" if method == "alpha_interval" else "ordinal"
    pairable = _pairable(matrix)
    value = krippendorff_alpha(matrix, level) if pairable else None
    why = None
    if value is None:
        why = Note.of("calibration.why.no_variation" if pairable else "calibration.why.no_pairs")
    return Statistic(method, subject, reviewers, value, pairable, _graded(bands, method, value), why)


def _passes(totals: np.ndarray) -> np.ndarray:
    return totals >= PASS_MARK - _EPS


def _cohen(
    grid: _Grid, reviewers: tuple[str, ...], i: int, j: int, bands: Mapping[Measure, Banding]
) -> Statistic:
    a, b = grid.totals[:, i], grid.totals[:, j]
    both_scored = ~np.isnan(a) & ~np.isnan(b)
    n = int(both_scored.sum())
    value = cohen_kappa(list(_passes(a[both_scored])), list(_passes(b[both_scored]))) if n else None
    why = None
    if value is None:
        why = Note.of("calibration.why.one_category" if n else "calibration.why.no_common")
    pair = (reviewers[i], reviewers[j])
    return Statistic("cohen_kappa", "pass", pair, value, n, _graded(bands, "cohen_kappa", value), why)


def _fleiss(
    grid: _Grid, reviewers: tuple[str, ...], complete: np.ndarray, bands: Mapping[Measure, Banding]
) -> Statistic:
    n = int(complete.sum())
    value = None
    if n:
        value = fleiss_kappa(category_counts(_passes(grid.totals[complete])))
    why = None
    if value is None:
        why = Note.of("calibration.why.one_category" if n else "calibration.why.no_complete")
    return Statistic("fleiss_kappa", "pass", reviewers, value, n, _graded(bands, "fleiss_kappa", value), why)


def _icc(
    grid: _Grid, reviewers: tuple[str, ...], chats: tuple[str, ...], bands: Mapping[Measure, Banding]
) -> Statistic:
    missing = np.isnan(grid.totals)
    if missing.any():
        lacking = int(missing.any(axis=1).sum())
        i, j = (int(x[0]) for x in np.nonzero(missing))
        code = "calibration.why.incomplete_one" if lacking == 1 else "calibration.why.incomplete"
        why = Note.of(code, n=number(lacking), reviewer=reviewers[j], chat=chats[i])
        return Statistic("icc2_1", "total", reviewers, None, len(chats), None, why)
    found = icc2_1(grid.totals)
    if found is None:
        code = "calibration.why.few_chats" if len(chats) < 2 else "calibration.why.no_variation"
        return Statistic("icc2_1", "total", reviewers, None, len(chats), None, Note.of(code))
    grade = _graded(bands, "icc2_1", found.value)
    return Statistic(
        "icc2_1", "total", reviewers, found.value, len(chats), grade, None, found.low, found.high
    )


def _reference(matrix: np.ndarray, me: int, expert: int | None) -> np.ndarray:
    """Per chat, what reviewer ``me`` is compared with: the 标准's score, else the mean of the
    others' scores (NaN where there is none)."""
    if expert is not None:
        return matrix[:, expert]
    others = np.delete(matrix, me, axis=1)
    counts = (~np.isnan(others)).sum(axis=1)
    sums = np.nansum(others, axis=1)
    return np.divide(sums, counts, out=np.full(len(counts), np.nan), where=counts > 0)


def _reviewer_row(
    grid: _Grid,
    reviewers: tuple[str, ...],
    me: int,
    expert: str | None,
    has_items: bool,
    bands: Mapping[Measure, Banding],
) -> ReviewerRow:
    name = reviewers[me]
    mine = grid.totals[:, me]
    scored_totals = mine[~np.isnan(mine)]
    chats_scored = int((~np.isnan(grid.scored[:, me])).sum())
    mean_total = float(scored_totals.mean()) if scored_totals.size else None
    pass_share = float(_passes(scored_totals).mean()) if scored_totals.size else None
    is_standard = name == expert
    items_none = tuple(ItemDifference(item, m, None, 0) for item, m in ATTITUDE_ITEMS)
    if is_standard:
        return ReviewerRow(
            name,
            True,
            chats_scored,
            mean_total,
            pass_share,
            0,
            None,
            items_none if has_items else (),
            None,
            None,
            None,
            None,
            None,
        )
    ref_index = reviewers.index(expert) if expert is not None else None
    diff = mine - _reference(grid.totals, me, ref_index)
    compared = int((~np.isnan(diff)).sum())
    difference = float(np.nanmean(diff)) if compared else None
    within_5 = percent_within(diff, 5.0)
    within_10 = percent_within(diff, 10.0)
    items: list[ItemDifference] = []
    if has_items:
        for k, (item, maximum) in enumerate(ATTITUDE_ITEMS):
            d = grid.items[k][:, me] - _reference(grid.items[k], me, ref_index)
            n = int((~np.isnan(d)).sum())
            items.append(ItemDifference(item, maximum, float(np.nanmean(d)) if n else None, n))
    return ReviewerRow(
        reviewer=name,
        is_standard=False,
        chats_scored=chats_scored,
        mean_total=mean_total,
        pass_share=pass_share,
        compared=compared,
        difference=difference,
        items=tuple(items),
        within_5=within_5,
        within_10=within_10,
        difference_grade=_graded_as_shown(bands["mean_difference"], difference, POINT_DECIMALS),
        within_grade=_graded_as_shown(bands["within_5"], within_5, SHARE_DECIMALS),
        main_item=_main_item(difference, items),
    )


def _main_item(difference: float | None, items: Sequence[ItemDifference]) -> str | None:
    """The item whose mean difference goes the total's way and is largest (as shown, one decimal)."""
    if difference is None or half_up(difference, POINT_DECIMALS) == 0:
        return None
    sign = 1.0 if difference > 0 else -1.0
    candidates = [
        (half_up(sign * d.difference, POINT_DECIMALS), -k, d.item)
        for k, d in enumerate(items)
        if d.difference is not None and half_up(sign * d.difference, POINT_DECIMALS) > 0
    ]
    return max(candidates)[2] if candidates else None


def _disagreements(
    grid: _Grid,
    reviewers: tuple[str, ...],
    chats: tuple[str, ...],
    alphas: Sequence[Statistic],
) -> tuple[ItemDisagreement, ...]:
    """Every item, the most disagreement first: ordinal α ascending (as shown, to three decimals;
    an item whose α cannot be computed last), ties by the relative mean absolute deviation
    descending, then in the standard's order."""
    found = []
    for k, (item, maximum) in enumerate(ATTITUDE_ITEMS):
        matrix = grid.items[k]
        pairable = (~np.isnan(matrix)).sum(axis=1) >= 2
        deviation = None
        spreads: list[ChatSpread] = []
        if pairable.any():
            kept = matrix[pairable]
            centre = np.nanmean(kept, axis=1)
            deviation = float(np.nanmean(np.abs(kept - centre[:, np.newaxis]))) / maximum
            for i in np.nonzero(pairable)[0]:
                row = matrix[i]
                present = ~np.isnan(row)
                spread = float(np.nanmax(row) - np.nanmin(row))
                if spread > 0:
                    scores = tuple((reviewers[j], float(row[j])) for j in np.nonzero(present)[0])
                    spreads.append(ChatSpread(chats[i], spread, scores))
        spreads.sort(key=lambda s: -s.spread)  # stable: chats in the sheet's order on ties
        alpha = alphas[k].value
        found.append((k, item, maximum, alpha, alphas[k].grade, deviation, tuple(spreads[:_TOP_CHATS])))

    def order(entry: tuple[Any, ...]) -> tuple[Any, ...]:
        k, _item, _maximum, alpha, _grade, deviation, _chats = entry
        return (
            alpha is None,
            half_up(alpha, STAT_DECIMALS) if alpha is not None else 0.0,
            -(deviation or 0.0),
            k,
        )

    ranked = sorted(found, key=order)
    return tuple(
        ItemDisagreement(rank, item, maximum, alpha, grade, deviation, spreads)
        for rank, (_k, item, maximum, alpha, grade, deviation, spreads) in enumerate(ranked, start=1)
    )


# ---- the conclusion --------------------------------------------------------------------------


def _readings(report: CalibrationReport, bands: Mapping[Measure, Banding]) -> list[ReadingLine]:
    """The conclusion, one line each: the overview, the agreement on totals (α), on pass/fail
    (Fleiss' κ, then the least consistent pair's Cohen's κ), ICC, the items with the most
    disagreement, then each reviewer's difference and share within ±5 points."""
    lines: list[ReadingLine] = [_overview(report)]
    lines.append(_statistic_line(report.alpha_total, "alpha_total", bands))
    lines.append(_statistic_line(report.fleiss, "fleiss", bands, mark=_mark()))
    pairs = [s for s in report.cohen if s.value is not None]
    if pairs:
        weakest = min(pairs, key=lambda s: half_up(s.value or 0.0, STAT_DECIMALS))
        lines.append(
            _statistic_line(weakest, "cohen_lowest", bands, a=weakest.raters[0], b=weakest.raters[1])
        )
    lines.append(_statistic_line(report.icc, "icc", bands))
    lines.extend(_item_lines(report, bands))
    reference = both("calibration.reference.standard" if report.standard else "calibration.reference.others")
    for row in report.reviewer_rows:
        if row.is_standard or row.difference is None:
            continue
        lines.append(_difference_line(row, reference, bands))
        lines.append(_within_line(row, reference, bands))
    return lines


def _mark() -> str:
    return f"{PASS_MARK:g}"


def _overview(report: CalibrationReport) -> ReadingLine:
    counts = {
        "reviewers": number(len(report.reviewers)),
        "chats": counted("chats", len(report.chats)),
        "shared": number(report.shared_chats),
        "complete": number(report.complete_chats),
    }
    if report.standard:
        text = Note.of("calibration.reading.overview_standard", standard=report.standard, **counts)
    else:
        text = Note.of("calibration.reading.overview_others", **counts)
    return ReadingLine(text, None, None, None)


def _advice(kind: str, grade: Grade | None, **params: Any) -> Note | None:
    return Note.of(f"calibration.advice.{kind}.{grade}", **params) if grade else None


def _statistic_line(
    stat: Statistic, kind: str, bands: Mapping[Measure, Banding], **params: Any
) -> ReadingLine:
    banding = bands[MEASURE_OF[stat.method]].words()
    if stat.value is None:
        why = stat.why_not.bilingual() if stat.why_not else Bilingual("", "")
        return ReadingLine(
            Note.of(f"calibration.reading.{kind}_none", why=why, **params), None, banding, None
        )
    values = {
        "value": stat_text(stat.value),
        "grade": grade_words(stat.grade),
        "chats": counted("chats", stat.chats),
    }
    if stat.low is not None and stat.high is not None:
        values.update(low=stat_text(stat.low), high=stat_text(stat.high))
    text = Note.of(f"calibration.reading.{kind}", **values, **params)
    return ReadingLine(text, stat.grade, banding, _advice("agreement", stat.grade))


def _item_lines(report: CalibrationReport, bands: Mapping[Measure, Banding]) -> list[ReadingLine]:
    """The items ranked first that are not 好 (at most three); one line saying all agree otherwise."""
    banding = bands["alpha"].words()
    if not report.has_items:
        return [ReadingLine(Note.of("calibration.reading.no_items"), None, None, None)]
    weak = [
        d
        for d in report.disagreements[:_TOP_ITEMS]
        if d.alpha is not None and d.grade in ("acceptable", "retrain")
    ]
    if not weak:
        computed = [d for d in report.disagreements if d.alpha is not None]
        if not computed:
            return [ReadingLine(Note.of("calibration.reading.items_none"), None, banding, None)]
        lowest = computed[0]
        text = Note.of(
            "calibration.reading.items_agree",
            item=item_words(lowest.item),
            value=stat_text(lowest.alpha),
            grade=grade_words(lowest.grade),
        )
        return [ReadingLine(text, lowest.grade, banding, _advice("agreement", lowest.grade))]
    lines = []
    for d in weak:
        chats = listed([s.chat_id for s in d.chats]) if d.chats else both("calibration.no_chat_named")
        text = Note.of(
            "calibration.reading.item",
            rank=d.rank,
            item=item_words(d.item),
            value=stat_text(d.alpha),
            grade=grade_words(d.grade),
            chats=chats,
        )
        lines.append(ReadingLine(text, d.grade, banding, _advice("item", d.grade)))
    return lines


def _difference_line(row: ReviewerRow, reference: Bilingual, bands: Mapping[Measure, Banding]) -> ReadingLine:
    d = row.difference or 0.0
    way = "level" if half_up(d, POINT_DECIMALS) == 0 else "higher" if d > 0 else "lower"
    direction = both(f"calibration.direction.{way}", points=points_text(d), reference=reference)
    main = Bilingual("", "")
    if row.main_item is not None:
        item = next(i for i in row.items if i.item == row.main_item)
        main = both(
            "calibration.main_item",
            item=item_words(item.item),
            points=("+" if (item.difference or 0.0) > 0 else "-") + points_text(item.difference or 0.0),
        )
    text = Note.of(
        "calibration.reading.difference",
        reviewer=row.reviewer,
        direction=direction,
        chats=counted("chats", row.compared),
        main=main,
        grade=grade_words(row.difference_grade),
    )
    advice = _advice("reviewer", row.difference_grade, reference=reference)
    return ReadingLine(text, row.difference_grade, bands["mean_difference"].words(), advice)


def _within_line(row: ReviewerRow, reference: Bilingual, bands: Mapping[Measure, Banding]) -> ReadingLine:
    share5, share10 = row.within_5 or 0.0, row.within_10 or 0.0
    text = Note.of(
        "calibration.reading.within",
        reviewer=row.reviewer,
        reference=reference,
        share=share_text(share5),
        within=number(round(share5 * row.compared)),
        chats=number(row.compared),
        share10=share_text(share10),
        grade=grade_words(row.within_grade),
    )
    advice = _advice("reviewer", row.within_grade, reference=reference)
    return ReadingLine(text, row.within_grade, bands["within_5"].words(), advice)
