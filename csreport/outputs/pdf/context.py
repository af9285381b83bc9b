"""What a scorecard template sees: labels, formatted values and the agent's results.

Kept apart from rendering so template authors can read one small module to learn the
variables (see ``scorecard_context``).
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

from csreport.messages import Note
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.svg import (
    finite_or_none,
    format_points,
    kpi_bar_chart,
    kpi_mini_bar,
    kpi_state,
)
from csreport.results import AgentResult, Conclusion, KpiResult, MonthResult, RunMeta

# UI labels, (zh, en). 工号, 级别, 系数 and 不予上岗 stay Chinese in English mode on
# purpose: they are the shop's own HR terms and appear that way in its workbooks.
LABELS: dict[str, tuple[str, str]] = {
    "title": ("客服月度绩效考核成绩单", "Customer Service Monthly Performance Scorecard"),
    "month": ("考核月份", "Month"), "agent_id": ("工号", "工号"), "name": ("姓名", "Name"),
    "group": ("组别", "Group"), "status": ("岗位状态", "Status"), "level": ("级别", "级别"),
    "coefficient": ("系数", "系数"), "table": ("考核表", "Table"),
    "rank": ("排名", "Rank"), "kpi": ("考核项目", "KPI"), "value": ("实际值", "Value"),
    "ratio": ("分子 / 分母", "Numerator / denominator"), "band": ("所在区间", "Band"),
    "points": ("得分", "Points"), "total": ("总分", "Total score"),
    "conclusion": ("结论", "Conclusion"), "grade": ("等级", "Grade"),
    "veto_reasons": ("否决原因", "Veto reasons"), "veto": ("否决", "Veto"),
    "missing": ("缺数据", "Missing data"), "chart": ("各项得分", "Points by KPI"),
    "attendance": ("考勤汇总", "Attendance (days / times)"), "present": ("出勤", "Present"),
    "late": ("迟到", "Late"), "early_leave": ("早退", "Left early"), "leave": ("请假", "Leave"),
    "absent": ("旷工", "Absent"), "days": ("天", ""), "times": ("次", ""),
    "colon": ("：", ": "),
    "attitude": ("工作态度分项（抽查平均）", "Attitude items (sampled average)"),
    "notes": ("备注", "Notes"), "not_in_roster": ("不在花名册中", "Not in the roster"),
    "benefits": ("级别待遇", "级别 benefits"), "bonus": ("绩效奖金", "绩效奖金"),
    "bonus_formula": ("奖金基数 {base} × 系数 {coef}", "奖金基数 {base} × 系数 {coef}"),
    "percentile": ("组内百分位 {p}", "percentile in group {p}"),
    "employee": ("员工签字", "Employee"), "supervisor": ("主管签字", "Supervisor"),
    "hr": ("HR 签字", "HR"), "date": ("日期", "Date"), "rules": ("考核规则", "Rules"),
    "generated": ("生成时间", "Generated"),
    "confidential": ("内部资料 注意保密", "内部资料 注意保密 · Internal, confidential"),
    "seconds": ("秒", "s"), "pass": ("合格", "Pass"), "fail": ("不予上岗", "不予上岗"),
    "shop_title": ("全店绩效考核汇总", "Shop Performance Summary"),
    "teams": ("团队汇总", "Teams"), "members": ("人数", "Members"),
    "passed": ("合格", "Passed"), "failed": ("不予上岗", "不予上岗"),
    "average": ("平均分", "Average"), "pass_rate": ("合格率", "Pass rate"),
    "agents_total": ("客服人数", "Agents"), "ungrouped": ("未分组", "Ungrouped"),
}
_CONCLUSION = {Conclusion.PASS: "pass", Conclusion.FAIL: "fail", Conclusion.MISSING: "missing"}
NO_BRANDING: dict[str, Any] = Branding().context()


def labels_for(lang: str) -> dict[str, str]:
    """The UI labels in ``lang`` (``zh`` or ``en``)."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in LABELS.items()}


def _number(value: float | None, decimals: int = 2) -> str:
    """A quantity without pointless decimals: ``1000``, ``990.5``; em dash when unknown."""
    number = finite_or_none(value)
    if number is None:
        return "—"
    text = f"{number:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{number:.0f}"
    return "0" if text == "-0" else text


def format_value(kpi: KpiResult, lang: str = "zh") -> str:
    """The raw KPI value in its unit: ``42.5 秒``, ``98.50%``, ``82.3``, ``3``."""
    raw = finite_or_none(kpi.raw)
    if raw is None:
        return "—"
    if kpi.unit == "s":
        return f"{raw:.1f} {labels_for(lang)['seconds']}"
    if kpi.unit == "%":
        return f"{raw * 100:.2f}%"
    if kpi.unit == "score":
        return f"{raw:.1f}"
    if kpi.unit == "count":
        return f"{round(raw):d}"
    if kpi.unit == "yuan":
        return f"{raw:,.2f} " + ("yuan" if lang == "en" else "元")
    return _number(raw)


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
    "id": 24, "name": 40, "group": 40, "level": 24, "status": 12, "table": 24,
    "shop": 60, "rules": 40, "kpi": 32, "band": 24, "band_label": 48, "kpi_note": 48,
    "reason": 100, "veto": 160, "note": 160, "source": 120, "benefit": 40, "item": 32,
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


def w3c_date(stamp: str) -> str | None:
    """``stamp`` as a W3C date for PDF metadata (WeasyPrint rejects naive times)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _kpi_note(k: KpiResult, en: bool, labels: dict[str, str]) -> str:
    """A rank KPI's percentile, or how a missing value was treated."""
    if k.mode == "rank" and k.percentile is not None:
        return labels["percentile"].format(p=f"{k.percentile:.0%}")
    return k.policy_note.text("en" if en else "zh") if k.policy_note else ""


def scorecard_context(agent: AgentResult, meta: RunMeta, lang: str = "zh", *,
                      compact: bool = False,
                      branding: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the scorecard template may use. All strings are plain (autoescaped).

    Text from the workbooks and rules (names, 工号, groups, levels, notes, reasons, band
    labels, sources, the shop and rules names) is one line, shortened by ``shorten`` to
    a width that keeps the card on one page, ending in "…" when cut; ``result`` and
    ``meta`` hold it whole.

    Top level: ``lang`` ("zh"/"en"), ``html_lang`` ("zh-CN"/"en"), ``labels`` (dict, see
    ``LABELS``), ``compact`` (bool, set on the second layout pass when the card would
    overflow one page), ``shop``, ``month``, ``title``, ``generated_at`` (readable),
    ``created`` (W3C date for ``<meta name="dcterms.created">``, or None), ``rules_name``,
    ``rules_hash``, ``chart_svg`` (our SVG markup, insert with ``|safe``), ``meta`` (the
    RunMeta) and ``result`` (the AgentResult) for anything not listed.

    ``agent``: ``id``, ``name``, ``group``, ``status``, ``level``, ``table_name``,
    ``coefficient`` (text, "—" if none), ``rank`` ("2 / 3" or "—"), ``grade`` ("—" if
    none), ``total`` and ``max_total`` (text), ``conclusion`` (text), ``conclusion_class``
    ("pass"/"fail"/"missing"), ``veto_reasons`` (list of text), ``notes`` (list of
    text), ``in_roster`` (bool), ``benefits`` (list of text such as "年假天数 7"),
    ``bonus`` (绩效奖金 text or None), ``bonus_formula`` (text or None), ``rescale_note``
    (how the total was rescaled when KPIs were left out, "" if not).

    ``kpis`` (list), each: ``id``, ``name``, ``value`` (formatted by unit), ``ratio``
    ("990 / 1000" or ""), ``band``, ``band_label`` ("" if none), ``points`` ("15"),
    ``max_points`` ("15"), ``state`` ("ok"/"veto"/"missing"), ``reason`` (veto or
    missing reason, "" if none), ``sample_size`` (int or None), ``sources`` (list of
    "file!sheet!A5:A9" text), ``note`` (a rank KPI's percentile in its group, or how a
    missing value was treated, "" if none).

    ``attendance``: None or dict of ints ``present``, ``late``, ``early_leave``, ``leave``,
    ``absent``, ``rest``, ``recorded_days``. ``attitude_items``: list of dicts ``name``
    (one line: line breaks become spaces), ``average`` and ``max`` (text).

    Added with team and shop PDFs: ``branding`` (dict: ``company`` text, "" if none;
    ``logo_url`` file URL of the configured logo, "" if none, the only file outside
    the templates folder a template may use; ``primary_color`` and ``accent_color``,
    validated hex, also available in CSS as ``var(--primary)`` and ``var(--accent)``);
    each KPI's ``share`` (int 0-100, points as a percentage of the maximum, for bars)
    and ``bar_svg`` (a small text-free SVG bar of that share, red when vetoed; insert
    with ``|safe``; the default card shows it under the points instead of the slower
    full-width ``chart_svg``);
    ``footer_left`` and ``footer_center`` (the footer texts: rules, hash and time;
    confidentiality).
    """
    en = lang == "en"
    labels = labels_for(lang)
    accent = (branding or NO_BRANDING)["accent_color"]
    kpis = [{
        "id": k.kpi_id,
        "name": shorten(_pick(en, k.name_en, k.name), "kpi"),
        "value": format_value(k, lang),
        "ratio": "" if k.numerator is None or k.denominator is None
        else f"{_number(k.numerator)} / {_number(k.denominator)}",
        "band": shorten(k.band, "band") or "—",
        "band_label": shorten(k.band_label, "band_label"),
        "points": format_points(k.points),
        "max_points": format_points(k.max_points),
        "state": kpi_state(k),
        "reason": shorten(_note_text(k.veto or k.missing_reason, lang), "reason"),
        "sample_size": k.sample_size,
        "sources": [shorten(s.ranges(), "source") for s in k.sources],
        "note": shorten(_kpi_note(k, en, labels), "kpi_note"),
        "share": _share(k),
        "bar_svg": kpi_mini_bar(k, bar_color=accent),
    } for k in agent.kpis]
    conclusion_class = _CONCLUSION.get(agent.conclusion, "missing")
    att = agent.attendance
    generated = meta.generated_at.replace("T", " ")[:16]
    rules_name = shorten(meta.rules_name, "rules")
    return {
        "lang": "en" if en else "zh",
        "html_lang": "en" if en else "zh-CN",
        "labels": labels,
        "compact": compact,
        "shop": shorten(meta.shop, "shop"),
        "month": meta.month,
        "title": labels["title"],
        "generated_at": generated,
        "created": w3c_date(meta.generated_at),
        "rules_name": rules_name,
        "rules_hash": meta.rules_hash,
        "meta": meta,
        "result": agent,
        "chart_svg": kpi_bar_chart(agent.kpis, "en" if en else "zh", bar_color=accent),
        "branding": branding or NO_BRANDING,
        "footer_left": f"{labels['rules']}{labels['colon']}{rules_name} ({meta.rules_hash})"
                       f" · {labels['generated']}{labels['colon']}{generated}",
        "footer_center": labels["confidential"],
        "agent": {
            "id": shorten(agent.agent_id, "id"), "name": shorten(agent.name, "name"),
            "group": shorten(agent.group, "group"), "status": shorten(agent.status, "status"),
            "level": shorten(agent.level, "level"), "table_name": shorten(agent.table_name, "table"),
            "coefficient": _number(agent.coefficient, 3),
            "rank": "—" if agent.rank is None else f"{agent.rank} / {agent.rank_of}",
            "grade": agent.grade or "—",
            "total": format_points(agent.total),
            "max_total": format_points(agent.max_total),
            "conclusion": labels[conclusion_class],
            "conclusion_class": conclusion_class,
            "veto_reasons": _shorten_all([v.text(lang) for v in agent.veto_reasons], "veto"),
            "notes": _shorten_all([n.text(lang) for n in agent.notes], "note"),
            "in_roster": agent.in_roster,
            "benefits": [shorten(f"{k} {v}", "benefit") for k, v in agent.level_benefits],
            "bonus": None if agent.bonus is None else f"{agent.bonus:,.2f}",
            "bonus_formula": None if agent.bonus is None else labels["bonus_formula"].format(
                base=f"{agent.bonus_base:,.2f}", coef=_number(agent.coefficient, 3)),
            "rescale_note": shorten(_note_text(agent.rescale_note, lang), "note"),
        },
        "kpis": kpis,
        "attendance": None if att is None else {
            "present": att.present, "late": att.late, "early_leave": att.early_leave,
            "leave": att.leave, "absent": att.absent, "rest": att.rest,
            "recorded_days": att.recorded_days,
        },
        "attitude_items": [{"name": shorten(n, "item"), "average": format_points(a),
                            "max": format_points(m)}
                           for n, a, m in agent.attitude_items],
    }


def team_label(group: str, lang: str = "zh") -> str:
    """How a 组别 is named on the cover, in bookmarks and file names (未分组 when empty)."""
    return shorten(group, "group") or labels_for(lang)["ungrouped"]


def cover_context(month: MonthResult, lang: str = "zh", *,
                  branding: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the shop PDF's cover template (``cover.html``) may use.

    ``lang``, ``html_lang``, ``labels``, ``shop``, ``month``, ``title`` (the shop
    summary title), ``generated_at``, ``rules_name``, ``rules_hash``, ``branding``,
    ``footer_left``, ``footer_center`` as for a scorecard; ``agents_total`` (int);
    ``teams`` (list in the PDF's order), each: ``group`` (text, 未分组 if empty),
    ``members``, ``passed``, ``failed``, ``missing`` (ints), ``average`` and
    ``max_total`` (text), ``pass_rate`` ("85%" or "—"), ``rank`` ("1 / 6" or "—"),
    ``grade`` ("—" if none).
    """
    labels = labels_for(lang)
    meta = month.meta
    generated = meta.generated_at.replace("T", " ")[:16]
    rules_name = shorten(meta.rules_name, "rules")
    return {
        "lang": "en" if lang == "en" else "zh",
        "html_lang": "en" if lang == "en" else "zh-CN",
        "labels": labels,
        "shop": shorten(meta.shop, "shop"), "month": meta.month, "title": labels["shop_title"],
        "generated_at": generated, "rules_name": rules_name,
        "rules_hash": meta.rules_hash, "branding": branding or NO_BRANDING,
        "footer_left": f"{labels['rules']}{labels['colon']}{rules_name} ({meta.rules_hash})"
                       f" · {labels['generated']}{labels['colon']}{generated}",
        "footer_center": labels["confidential"],
        "agents_total": len(month.agents),
        "teams": [{
            "group": team_label(t.group, lang), "members": t.members, "passed": t.passed,
            "failed": t.failed, "missing": t.missing, "average": format_points(t.average),
            "max_total": format_points(t.max_total),
            "pass_rate": "—" if t.pass_rate is None else f"{t.pass_rate:.0%}",
            "rank": "—" if t.rank is None else f"{t.rank} / {t.rank_of}",
            "grade": t.grade or "—",
        } for t in month.teams],
    }
