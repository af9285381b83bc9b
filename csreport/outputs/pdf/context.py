"""What a scorecard template sees: labels, formatted values and the agent's results.

Kept apart from rendering so template authors can read one small module to learn the
variables (see ``scorecard_context``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from csreport.messages import Note, translate
from csreport.outputs.numbers import (
    UNKNOWN,
    finite_or_none,
    format_number,
    format_points,
    format_value,
)
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.svg import kpi_mini_bar, kpi_state, trend_line
from csreport.results import AgentResult, AgentTrend, KpiResult, RunMeta, Trends


@dataclass(frozen=True)
class CardExtras:
    """What a card shows beyond the agent's month: the months before (the month's
    ``MonthResult.trends``, None without earlier months) and the rules' grade names (highest
    first) to tick in the interview box (none: a line to write the grade on)."""

    trends: Trends | None = None
    grades: tuple[str, ...] = ()

    @classmethod
    def of(cls, trends: Trends | None, agent_ids: Iterable[str], grades: Iterable[str] = ()) -> CardExtras:
        """The extras of some agents' cards: ``trends`` cut down to theirs, so that a worker
        process laying out a few cards is not sent the whole shop's months."""
        if trends is None:
            return cls(None, tuple(grades))
        wanted = set(agent_ids)
        mine = tuple(t for t in trends.agents if t.agent_id in wanted)
        return cls(Trends(trends.months, mine, (), trends.recorded), tuple(grades))


NO_EXTRAS = CardExtras()

# The keys of ``labels`` in the templates; each is the catalogue's ``scorecard.<key>``,
# except the verdicts, which are the scoring's own words (``conclusion.*``).
LABEL_CODES: dict[str, str] = {
    key: f"scorecard.{key}"
    for key in (
        "title",
        "month",
        "agent_id",
        "name",
        "group",
        "status",
        "level",
        "coefficient",
        "table",
        "rank",
        "kpi",
        "value",
        "basis",
        "ratio",
        "band",
        "points",
        "total",
        "conclusion",
        "grade",
        "veto_reasons",
        "veto",
        "missing",
        "attendance",
        "present",
        "late",
        "early_leave",
        "leave",
        "absent",
        "days",
        "times",
        "colon",
        "attitude",
        "notes",
        "not_in_roster",
        "benefits",
        "bonus",
        "bonus_formula",
        "percentile",
        "employee",
        "supervisor",
        "hr",
        "date",
        "rules",
        "generated",
        "confidential",
        "seconds",
        "shop_title",
        "ungrouped",
        "list_gap",
        # the months before (shown when history holds them) and the interview box
        "trend",
        "kpi_change",
        "retrain_limit",
        "interview",
        "interview_points",
        "judgement",
        "judgement_grades",
        "judgement_reason",
        "plan",
        "interview_date",
    )
} | {"pass": "conclusion.pass", "fail": "conclusion.fail"}
NO_BRANDING: dict[str, Any] = Branding().context()
# Why a manager's overall judgement (综合评定) may differ from the score: the interview box's choices.
REASON_CODES = (
    "scorecard.reason_traffic",
    "scorecard.reason_promotion",
    "scorecard.reason_season",
    "scorecard.reason_other",
)


# A Chinese term in parentheses after an English label ("Agent ID (工号)").
_GLOSS = re.compile(r"\(([\u3400-\u4dbf\u4e00-\u9fff]{2,})\)")
WORD_JOINER = "\u2060"


def keep_glosses_whole(text: str) -> str:
    """``text`` with each Chinese term in parentheses held together by word joiners (invisible,
    and absent from the PDF's text), so a narrow cell wraps "Agent ID / (工号)" rather than
    "Agent ID (工 / 号)": line breaking may split between any two Chinese characters."""
    return _GLOSS.sub(lambda m: "(" + WORD_JOINER.join(m.group(1)) + ")", text)


@cache
def _labels(lang: str) -> dict[str, str]:
    return {key: translate(code, lang) for key, code in LABEL_CODES.items()}


def labels_for(lang: str) -> dict[str, str]:
    """The UI labels in ``lang`` (``zh`` or ``en``), from the message catalogue."""
    return dict(_labels("en" if lang == "en" else "zh"))


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks too) as one space."""
    return " ".join(str(text).split())


# How much of a workbook's text a PDF shows, per kind of field, in display columns (a CJK
# character takes two). Names come from managers' workbooks and may be anything up to
# Excel's 32,767 characters; shown whole they push a card onto dozens of pages. The
# workbook and JSON keep the text whole; only the PDFs shorten it, with a visible "…".
# The widths leave room for the longest texts csreport itself writes (e.g. "Value 12.5
# falls in no band of the rules (a gap: fix the rules)"), and a card with every field at
# its width still fits one page (tests/test_long_text.py).
SHOWN_WIDTH: dict[str, int] = {
    "id": 24,
    "name": 40,
    "group": 40,
    "level": 24,
    "status": 12,
    "table": 24,
    "shop": 60,
    "rules": 40,
    "kpi": 32,
    "band": 64,
    "bound": 40,
    "band_label": 48,
    "basis": 80,
    "kpi_note": 56,
    "reason": 100,
    "veto": 160,
    "note": 160,
    "source": 120,
    "benefit": 40,
    "item": 32,
}
ELLIPSIS = "…"


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cut(line: str, limit: int) -> str:
    """``line`` itself when it fits ``limit`` columns, else its head and "…"."""
    if len(line) * 2 <= limit or (len(line) <= limit and sum(map(_width, line)) <= limit):
        return line  # the usual case, decided without walking the text
    room, used, end = limit - len(ELLIPSIS), 0, 0
    while used + _width(line[end]) <= room:  # the whole line is wider: this stops
        used += _width(line[end])
        end += 1
    keep = line[:end].rstrip()
    # No dangling combining mark (it would sit on the ellipsis) before the cut.
    while keep and unicodedata.combining(keep[-1]):
        keep = keep[:-1]
    return keep + ELLIPSIS


def shorten(value: Any, kind: str) -> str:
    """Workbook text as shown on a PDF: one line, at most ``SHOWN_WIDTH[kind]`` columns.

    The one place where display text is shortened; longer text is cut with a visible
    "…" so the reader knows there is more (in the workbook). ``None`` shows as "".
    """
    if value is None:
        return ""
    return _cut(one_line(value), SHOWN_WIDTH[kind])


def _shorten_all(values: Any, kind: str) -> list[str]:
    return [shorten(v, kind) for v in values]


def _share(k: KpiResult) -> int:
    """Points as a whole percentage of the maximum (0 when missing, vetoed or unknown)."""
    points, most = finite_or_none(k.points), finite_or_none(k.max_points)
    if k.veto or points is None or not most or most <= 0:
        return 0
    return round(min(max(points / most, 0.0), 1.0) * 100)


def _pick(en: bool, english: Any, chinese: Any) -> Any:
    """The English text in English mode when the rules provide one, else the Chinese."""
    return english if en and english else chinese


def _note_text(note: Note | None, lang: str) -> str | None:
    return note.text(lang) if note else None


def generation_date(stamp: str) -> str:
    """The date part (YYYY-MM-DD) of the run's ISO timestamp: what the PDFs show of when they
    were made. The workbook and JSON keep the time; a card that showed it would differ on every
    run, and could never be taken again unchanged from the card cache (``card_cache``)."""
    return str(stamp)[:10]


def w3c_date(stamp: str) -> str | None:
    """``stamp`` as a W3C date for PDF metadata (WeasyPrint rejects naive times)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _points_text(k: KpiResult, lang: str) -> str:
    """A KPI's points as the card shows them: "10 / 15"; a KPI without a maximum of its own
    (a deduction or bonus on top of the total) as "扣 3 分" / "加 2 分" ("−3 pts", "+2 pts")."""
    points, most = finite_or_none(k.points), finite_or_none(k.max_points)
    if points is None or most is None or most > 0:
        return f"{format_points(k.points)} / {format_points(k.max_points)}"
    if points < 0:
        return translate("scorecard.deduction", lang, n=format_points(-points))
    if points > 0:
        return translate("scorecard.addition", lang, n=format_points(points))
    return translate("unit.points", lang, n="0")


def _basis(k: KpiResult, lang: str) -> str:
    """What the value was made of, in words; for a missing KPI, why it is missing."""
    if kpi_state(k) == "missing" and k.missing_reason:
        return k.missing_reason.text(lang)
    return _note_text(k.basis, lang) or ""


def _kpi_note(k: KpiResult, lang: str) -> str:
    """A rank KPI's percentile, or how a missing value was treated."""
    if k.mode == "rank" and k.percentile is not None:
        return translate("scorecard.percentile", lang, p=f"{k.percentile:.0%}")
    return k.policy_note.text(lang) if k.policy_note else ""


def _change_words(change: float | None, lang: str) -> str:
    """A KPI's points since last month: "▲5 分", "▼2.5 分", "持平" (nothing to see at the card's
    0.1 point), "–" when either month has no points for it."""
    if change is None or finite_or_none(change) is None:
        return translate("scorecard.not_comparable", lang)
    shown = format_points(abs(change))
    if shown == "0":
        return translate("scorecard.unchanged", lang)
    return translate("scorecard.kpi_up" if change > 0 else "scorecard.kpi_down", lang, n=shown)


def _signed_points(change: float | None, lang: str) -> str:
    """环比 as the card says it: "+3.5 分", "−2 分", "持平", "–" when either month has no 总分."""
    if change is None or finite_or_none(change) is None:
        return translate("scorecard.not_comparable", lang)
    shown = format_points(abs(change))
    if shown == "0":
        return translate("scorecard.unchanged", lang)
    return translate("unit.points", lang, n=("+" if change > 0 else "\u2212") + shown)


def _rank_words(trend: AgentTrend, lang: str) -> str:
    """ "本月排名 3（上月 5，▲2）", or why there is no movement to tell."""
    if trend.rank is None:
        return translate("scorecard.unranked", lang)
    move = trend.rank_move
    if trend.previous_rank is None or move is None:
        return translate("scorecard.rank_new", lang, rank=trend.rank)
    if move > 0:
        moved = translate("scorecard.rank_up", lang, n=move)
    elif move < 0:
        moved = translate("scorecard.rank_down", lang, n=-move)
    else:
        moved = translate("scorecard.rank_same", lang)
    return translate("scorecard.rank_move", lang, rank=trend.rank, previous=trend.previous_rank, move=moved)


def _history(
    trend: AgentTrend | None, months: Sequence[str], lang: str, accent: str, has_past: bool = True
) -> dict[str, Any] | None:
    """The agent's months before, as the card shows them (see ``scorecard_context``)."""
    if trend is None or not months or len(trend.totals) != len(months) or not has_past:
        return None
    gap = translate("scorecard.no_total", lang)
    shown = [gap if finite_or_none(t) is None else format_points(t) for t in trend.totals]
    average = trend.average
    return {
        "months": [{"month": m, "total": t} for m, t in zip(months, shown, strict=True)],
        "chart_svg": trend_line(trend.totals, color=accent),
        "change": translate("scorecard.change", lang, change=_signed_points(trend.change, lang)),
        "average": translate(
            "scorecard.average",
            lang,
            n=gap
            if finite_or_none(average) is None
            else translate("unit.points", lang, n=format_points(average)),
        ),
        "rank": _rank_words(trend, lang),
        "fails": ""
        if trend.fails is None or trend.fail_limit is None
        else translate("scorecard.fails", lang, n=trend.fails, limit=trend.fail_limit),
        "at_retrain_limit": trend.at_retrain_limit,
    }


def _footer_left(meta: RunMeta, rules_name: str, generated: str, lang: str) -> str:
    return translate("scorecard.footer", lang, rules=rules_name, hash=meta.rules_hash, time=generated)


def _item_average(value: float) -> str:
    """An attitude item's average over the sampled chats, always to one decimal ("4.0 / 5" under
    "4.4 / 5", as the 工作态度 value reads "83.0 分"); an em dash when unknown."""
    number = finite_or_none(value)
    return UNKNOWN if number is None else f"{number:.1f}"


def scorecard_context(
    agent: AgentResult,
    meta: RunMeta,
    lang: str = "zh",
    *,
    compact: bool = False,
    branding: dict[str, Any] | None = None,
    trends: Trends | None = None,
    grades: Sequence[str] = (),
) -> dict[str, Any]:
    """Everything the scorecard template may use. All strings are plain (autoescaped).

    Every word of csreport's own comes from the message catalogue
    (``csreport/messages/scorecard.py``) in ``lang``; templates hold no words.
    Text from the workbooks and rules (names, 工号, groups, levels, notes, reasons, bands,
    bases, sources, the shop and rules names) is one line, shortened by ``shorten`` to
    a width that keeps the card on one page, ending in "…" when cut; ``result`` and
    ``meta`` hold it whole. A Chinese term in parentheses after English words (in labels, the
    conclusion and the bonus formula: "Agent ID (工号)") is held together by invisible word joiners.

    Top level: ``lang`` ("zh"/"en"), ``html_lang`` ("zh-CN"/"en"), ``labels`` (dict, see
    ``LABEL_CODES``), ``compact`` (bool, set on the second layout pass when the card would
    overflow one page), ``shop``, ``month``, ``title``, ``generated_at`` (the date the
    PDFs were made, "2026-11-01": a card that showed the time would change on every run),
    ``created`` (that date for ``<meta name="dcterms.created">``, or None), ``rules_name``,
    ``rules_hash``, ``meta`` (the RunMeta) and ``result`` (the AgentResult) for anything
    not listed.

    ``agent``: ``id``, ``name``, ``group``, ``status``, ``level``, ``table_name``,
    ``coefficient`` (text, "—" if none), ``rank`` ("2 / 3" or "—"), ``grade`` ("—" if
    none), ``total`` and ``max_total`` (text), ``conclusion`` (text), ``conclusion_class``
    ("pass"/"fail"/"missing"), ``veto_reasons`` (list of text), ``notes`` (list of
    text), ``in_roster`` (bool), ``benefits`` (list of text such as "年假天数 7"),
    ``bonus`` (绩效奖金 text or None), ``bonus_formula`` (text or None),
    ``bonus_text`` (the bonus followed by its formula, or None), ``rescale_note``
    (how the total was rescaled when KPIs were left out, "" if not).

    ``kpis`` (list), each: ``id``, ``name``, ``value`` (with its unit: "45.6 秒", "96.04%",
    "72.0 分", "0 次"), ``basis`` (what the value was made of, in words: "按接待人数加权平均
    （合计 3,122）", "1,623 / 1,690（回复人数 / 咨询人数）", "8 条抽检的平均"; for a missing
    KPI, why it is missing; "" if none), ``band`` (the band in words: "≥ 98%", "45–80 秒
    （不含 45 秒）", "0 次"; the rule of a KPI scored without bands: "每 1 次扣 1 分"; "—"
    if none), ``at_bound`` ("恰好 45 秒算此档" when the value is exactly a bound its band
    includes, else ""), ``points_text`` ("10 / 15"; "扣 3 分" / "加 2 分" for a KPI with
    no maximum of its own), ``points`` ("15") and ``max_points`` ("15") as numbers,
    ``state`` ("ok"/"veto"/"missing"), ``reason`` (veto or missing reason, "" if none),
    ``sample_size`` (int or None), ``sources`` (list of "file!sheet!A5:A9" text),
    ``note`` (a rank KPI's percentile in its group, or how a missing value was treated,
    "" if none). Kept for templates made from an earlier version (the shipped card shows
    neither): ``ratio`` (numerator / denominator, "990 / 1000" or "") and ``band_label``
    (the rules' own text of the band, "" if none).

    ``sample_line``: the agent's sampled chats (质检抽查) in one line, None without any: how many,
    the customers' satisfaction among them, the plain mean that is scored and the mean weighted
    by the sampling mix, for information ("抽查 8 条：非常满意 1 · 满意 1 · 一般 2 · 不满意 2 · 非常不满意 2；
    平均 82.5 分（计分用）；按抽样比例加权 80.1 分（仅供参考）").

    ``attendance``: None or dict of ints ``present``, ``late``, ``early_leave``, ``leave``,
    ``absent``, ``rest``, ``recorded_days``; ``attendance_line``: None or those counts as
    one line of text. ``attitude_items``: list of dicts ``name`` (one line: line breaks
    become spaces), ``average`` and ``max`` (text).

    Added with team and shop PDFs: ``branding`` (dict: ``company`` text, "" if none;
    ``logo_url`` file URL of the configured logo, "" if none, the only file outside
    the templates folder a template may use; ``primary_color`` and ``accent_color``,
    validated hex, also available in CSS as ``var(--primary)`` and ``var(--accent)``);
    each KPI's ``share`` (int 0-100, points as a percentage of the maximum, for bars)
    and ``bar_svg`` (a small text-free SVG bar of that share, red when vetoed; insert
    with ``|safe``; the default card shows it under the points);
    ``footer_left`` and ``footer_center`` (the footer texts: rules, hash and time;
    confidentiality).

    Added with history (``trends``: the month's ``MonthResult.trends``, None without
    earlier months; ``grades``: the rules' grade names, highest first): ``history``, None when
    ``trends`` holds nothing of the agent, else a dict: ``months`` (list of dicts ``month``
    "YYYY-MM" and ``total`` text, "–" for a month without a 总分, oldest first, the scored
    month last), ``chart_svg`` (the line of those totals, a gap at each "–", one point per
    month in equal slots across its width, so that the totals and months laid out in as many
    equal columns above and under it stand at their points; text-free, insert with ``|safe``),
    ``change`` ("环比 +3.5 分"), ``average`` ("六个月平均 82.4 分"), ``rank``
    ("本月排名 3（上月 5，▲2）"), ``fails`` ("不予上岗次数 1/2", "" when the agent's 考核表
    counts none) and ``at_retrain_limit`` (bool: show ``labels.retrain_limit``); each KPI's
    ``change`` (its points since last month: "▲5 分", "▼2.5 分", "持平", "–" when not
    comparable; "" without history); ``probation``, when there are no earlier months to show
    but the agent's 考核表 counts failed months (``trends`` then carries only those): a dict of
    ``fails`` and ``at_retrain_limit`` as above, else None;
    ``interview``: ``grades`` (the grade names to tick, empty when not given: a line to
    write on instead) and ``reasons`` (why a judgement may differ from the score: 流量, 促销,
    淡旺季, 其他).
    """
    lang = "en" if lang == "en" else "zh"
    en = lang == "en"
    labels = {key: keep_glosses_whole(text) for key, text in labels_for(lang).items()}
    accent = (branding or NO_BRANDING)["accent_color"]
    trend = trends.of(agent.agent_id) if trends is not None else None
    history = _history(
        trend,
        trends.months if trends is not None else (),
        lang,
        accent,
        trends is not None and trends.has_past,
    )
    # Without earlier months to show, a probation agent's count is said on its own.
    probation = (
        None
        if history is not None or trend is None or trend.fails is None or trend.fail_limit is None
        else {
            "fails": translate("scorecard.fails", lang, n=trend.fails, limit=trend.fail_limit),
            "at_retrain_limit": trend.at_retrain_limit,
        }
    )
    kpis = [
        {
            "id": k.kpi_id,
            "name": shorten(_pick(en, k.name_en, k.name), "kpi"),
            "value": format_value(k, lang),
            "basis": shorten(_basis(k, lang), "basis"),
            "band": shorten(_note_text(k.band_words, lang), "band") or UNKNOWN,
            "at_bound": shorten(_note_text(k.at_bound, lang), "bound"),
            "points_text": _points_text(k, lang),
            "ratio": ""
            if k.numerator is None or k.denominator is None
            else f"{format_number(k.numerator)} / {format_number(k.denominator)}",
            "band_label": shorten(k.band_label, "band_label"),
            "points": format_points(k.points),
            "max_points": format_points(k.max_points),
            "state": kpi_state(k),
            "reason": shorten(_note_text(k.veto or k.missing_reason, lang), "reason"),
            "sample_size": k.sample_size,
            "sources": [shorten(s.ranges(), "source") for s in k.sources],
            "note": shorten(_kpi_note(k, lang), "kpi_note"),
            "share": _share(k),
            "bar_svg": kpi_mini_bar(k, bar_color=accent),
            "change": ""
            if history is None or trend is None
            else _change_words(trend.kpi_change(k.kpi_id), lang),
        }
        for k in agent.kpis
    ]
    att = agent.attendance
    generated = generation_date(meta.generated_at)
    rules_name = shorten(meta.rules_name_in(lang), "rules")
    # Two decimals as in the workbook and the team pages ("1.00", "0.60"); a third when needed.
    coefficient = format_number(agent.coefficient, 3)
    if (
        agent.coefficient is not None
        and coefficient != UNKNOWN
        and round(agent.coefficient, 2) == agent.coefficient
    ):
        coefficient = f"{agent.coefficient:.2f}"
    bonus = bonus_formula = bonus_text = None
    if agent.bonus is not None:
        bonus = f"{agent.bonus:,.2f}"
        bonus_formula = keep_glosses_whole(
            translate("scorecard.bonus_formula", lang, base=f"{agent.bonus_base:,.2f}", coef=coefficient)
        )
        bonus_text = translate("scorecard.bonus_with_formula", lang, bonus=bonus, formula=bonus_formula)
    return {
        "lang": lang,
        "html_lang": "en" if en else "zh-CN",
        "labels": labels,
        "compact": compact,
        "shop": shorten(meta.shop, "shop"),
        "month": meta.month,
        "title": labels["title"],
        "generated_at": generated,
        "created": w3c_date(generated),
        "rules_name": rules_name,
        "rules_hash": meta.rules_hash,
        "meta": meta,
        "result": agent,
        "branding": branding or NO_BRANDING,
        "footer_left": _footer_left(meta, rules_name, generated, lang),
        "footer_center": labels["confidential"],
        "agent": {
            "id": shorten(agent.agent_id, "id"),
            "name": shorten(agent.name, "name"),
            "group": shorten(agent.group, "group"),
            "status": shorten(agent.status, "status"),
            "level": shorten(agent.level, "level"),
            "table_name": shorten(agent.table_name_in(lang), "table"),
            "coefficient": coefficient,
            "rank": UNKNOWN if agent.rank is None else f"{agent.rank} / {agent.rank_of}",
            "grade": agent.grade or UNKNOWN,
            "total": format_points(agent.total),
            "max_total": format_points(agent.max_total),
            "conclusion": keep_glosses_whole(translate(agent.conclusion.code, lang)),
            "conclusion_class": agent.conclusion.value,
            "veto_reasons": _shorten_all([v.text(lang) for v in agent.veto_reasons], "veto"),
            "notes": _shorten_all([n.text(lang) for n in agent.notes], "note"),
            "in_roster": agent.in_roster,
            "benefits": [shorten(f"{k} {v}", "benefit") for k, v in agent.level_benefits],
            "bonus": bonus,
            "bonus_formula": bonus_formula,
            "bonus_text": bonus_text,
            "rescale_note": shorten(_note_text(agent.rescale_note, lang), "note"),
        },
        "kpis": kpis,
        "attendance": None
        if att is None
        else {
            "present": att.present,
            "late": att.late,
            "early_leave": att.early_leave,
            "leave": att.leave,
            "absent": att.absent,
            "rest": att.rest,
            "recorded_days": att.recorded_days,
        },
        "attendance_line": None
        if att is None
        else translate(
            "scorecard.attendance_line",
            lang,
            present=att.present,
            late=att.late,
            early_leave=att.early_leave,
            leave=att.leave,
            absent=att.absent,
        ),
        "attitude_items": [
            {"name": shorten(n, "item"), "average": _item_average(a), "max": format_points(m)}
            for n, a, m in agent.attitude_items
        ],
        # csreport's own words about counts and means: bounded, never shortened.
        "sample_line": _note_text(agent.qa_sample.words, lang) if agent.qa_sample else None,
        "history": history,
        "probation": probation,
        "interview": {
            "grades": [shorten(g, "item") for g in grades],
            "reasons": [translate(code, lang) for code in REASON_CODES],
        },
    }
