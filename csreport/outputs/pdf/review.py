"""One A4 PDF per agent of a half-year 级别 review: ``<工号>_<姓名>.pdf``.

Each page shows the months' totals (a line with gaps and a table), the period's figures
(average, lowest, trend, vetoes, QA pass rate), attendance, tenure, the interview judgements,
the current and suggested 级别 with why, and blank lines for what the manager assesses and
for the signatures. Template ``templates/review.html``, stylesheet ``templates/review.css``
(a templates folder copied before they existed gets the shipped ones); the URL fetcher serves
only the templates folder, as for the scorecards.

Pages are laid out a chunk of agents at a time in one WeasyPrint document, each agent found by
an anchor on an empty marker, and every agent's pages written as their own PDF. Serial: a
review is written twice a year, and ``--no-pdf`` leaves the PDFs out.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from csreport.messages import both, translate
from csreport.outputs.filenames import scorecard_filename
from csreport.outputs.numbers import UNKNOWN, finite_or_none, format_number
from csreport.outputs.pdf.context import keep_glosses_whole, shorten
from csreport.outputs.pdf.engine import load_engine
from csreport.outputs.pdf.renderer import anchor_starts
from csreport.outputs.pdf.templates import (
    default_templates_dir,
    load_templates,
    make_url_fetcher,
    refused_url,
    template_error,
)
from csreport.problems import CsreportError
from csreport.scoring.review import Review, ReviewRow, judgement_note
from csreport.util.atomic import write_bytes_atomic

__all__ = ["REVIEW_CSS", "REVIEW_TEMPLATE", "render_review_cards", "review_context", "totals_line"]

REVIEW_TEMPLATE = "review.html"
REVIEW_CSS = "review.css"
ANCHOR = "csreport-review-"
CHUNK = 50  # agents laid out in one document
# The chart's drawing area, in the units of its viewBox: the same proportions as its box in
# review.css (180 mm × 21 mm), so the markers stay round.
CHART_W, CHART_H = 1800.0, 210.0
LINE_COLOR = "#2f6f9f"
GRID_COLOR = "#e5e7eb"

# The keys of ``labels`` in the template and their catalogue codes.
LABEL_CODES = {
    "title": "review.card.title",
    "period": "review.card.period",
    "agent_id": "workbook.agent_id",
    "name": "workbook.name",
    "group": "workbook.group",
    "current": "review.col.current",
    "suggested": "review.col.suggested",
    "reason": "review.col.reason",
    "hire_date": "review.card.hire_date",
    "tenure": "review.col.tenure",
    "monthly": "review.card.monthly",
    "chart": "review.card.chart",
    "figures": "review.card.figures",
    "average": "review.col.average",
    "minimum": "review.col.minimum",
    "trend": "review.col.trend",
    "vetoes": "review.col.vetoes",
    "qa_rate": "review.col.qa_rate",
    "attendance": "review.card.attendance",
    "interviews": "review.card.interviews",
    "judgements": "review.col.interviews",
    "plan": "review.card.plan",
    "suggestion": "review.card.suggestion",
    "manager": "review.card.manager",
    "signature_agent": "review.card.signature_agent",
    "signature_manager": "review.card.signature_manager",
    "date": "review.card.date",
}
ATTENDANCE = (
    ("present", "workbook.attendance.present"),
    ("late", "workbook.attendance.late"),
    ("early_leave", "workbook.attendance.early_leave"),
    ("leave", "workbook.attendance.leave"),
    ("absent", "workbook.attendance.absent"),
)
TO_FILL = (
    "review.col.skills",
    "review.col.importance",
    "review.col.conduct",
    "review.col.final",
    "review.col.note",
)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def totals_line(totals: tuple[float | None, ...]) -> str:
    """The months' totals as an SVG line without text: a segment joins neighbouring months
    that both have a total, a gap stays open, every total is a dot; each month's dot stands
    over its column of the table below. Empty when no month has a total."""
    found = [(i, t) for i, t in enumerate(totals) if finite_or_none(t) is not None]
    if not found:
        return ""
    low = min(t for _, t in found if t is not None)
    high = max(t for _, t in found if t is not None)
    # The scale: whole tens around the totals, at least twenty points tall.
    bottom = (low // 10) * 10
    top = max(-(-high // 10) * 10, bottom + 20)
    step = CHART_W / len(totals)

    def point(i: int, t: float) -> tuple[float, float]:
        return (i + 0.5) * step, CHART_H - 20 - (t - bottom) / (top - bottom) * (CHART_H - 40)

    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="trend-line" '
        f'viewBox="0 0 {_n(CHART_W)} {_n(CHART_H)}">'
    ]
    for k in range(3):
        y = _n(20 + k * (CHART_H - 40) / 2)
        out.append(
            f'<line x1="0" y1="{y}" x2="{_n(CHART_W)}" y2="{y}" stroke="{GRID_COLOR}" stroke-width="3"/>'
        )
    runs: list[list[tuple[float, float]]] = []
    previous = -2
    for i, t in found:
        if t is None:
            continue
        if i != previous + 1:
            runs.append([])
        runs[-1].append(point(i, t))
        previous = i
    for run in runs:
        if len(run) > 1:
            line = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
            out.append(f'<polyline points="{line}" fill="none" stroke="{LINE_COLOR}" stroke-width="6"/>')
    for run in runs:
        for cx, cy in run:
            out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="14" fill="{LINE_COLOR}"/>')
    out.append("</svg>")
    return "".join(out)


def _fixed(value: float | None) -> str:
    return format_number(None if value is None else round(value, 6), 2)


def review_context(review: Review, row: ReviewRow, lang: str, shop: str, generated: str) -> dict[str, Any]:
    """Everything ``review.html`` may use for one agent.

    ``labels`` (the page's words), ``shop``, ``period`` ("2026-05 – 2026-10"), ``agent`` (``id``,
    ``name``, ``group``, ``level``, ``hire_date``, ``tenure``), ``chart`` (the SVG line), ``months``
    (each ``month``, ``total`` and ``gap``), ``figures`` (``average``, ``months`` "6 个月",
    ``minimum``, ``trend`` "+1.00" (points a month), ``vetoes``, ``vetoed``, ``qa_rate``, ``qa_base``),
    ``attendance`` (each ``label`` and ``value``), ``interviews`` and ``plan``, ``suggested``,
    ``move`` ("up"/"down"/"stay"/""), ``reason``, ``to_fill`` (the manager's items), and the
    footer's ``footer_left`` and ``footer_center``.
    """
    labels = {key: keep_glosses_whole(translate(code, lang)) for key, code in LABEL_CODES.items()}
    none = translate("review.card.none", lang)
    att = row.attendance
    reason = row.reason.text(lang) if row.reason else " ".join(n.text(lang) for n in review.notes)
    rules = shorten(review.rules_name_in(lang), "rules")
    return {
        "lang": lang,
        "labels": labels,
        "shop": shorten(shop, "shop"),
        "period": translate("review.period", lang, start=review.start, end=review.end),
        "agent": {
            "id": shorten(row.agent_id, "id"),
            "name": shorten(row.name, "name") or UNKNOWN,
            "group": shorten(row.group, "group") or UNKNOWN,
            "level": shorten(row.level, "level") or UNKNOWN,
            "hire_date": row.hire_date or UNKNOWN,
            "tenure": UNKNOWN
            if row.tenure_months is None
            else translate("review.card.months", lang, n=row.tenure_months),
        },
        "chart": totals_line(row.totals),
        "months": [
            {"month": m, "total": _fixed(t), "gap": t is None}
            for m, t in zip(review.months, row.totals, strict=True)
        ],
        "figures": {
            "average": _fixed(row.average),
            "months": translate("review.card.months", lang, n=row.months_scored),
            "minimum": _fixed(row.minimum),
            "trend": UNKNOWN if row.trend is None else f"{round(row.trend, 6):+.2f}",
            "vetoes": str(row.vetoes),
            "vetoed": row.vetoes > 0,
            "qa_rate": UNKNOWN if row.qa_rate is None else f"{row.qa_rate * 100:.1f}%",
            "qa_base": ""
            if row.qa_rate is None
            else translate("review.card.qa_base", lang, passed=row.qa_passed, months=row.qa_months),
        },
        "attendance": [
            {"label": translate(code, lang), "value": UNKNOWN if att is None else str(getattr(att, key))}
            for key, code in ATTENDANCE
        ],
        "interviews": translate("list.clauses", lang).join(
            judgement_note(i).text(lang) for i in row.interviews
        )
        or none,
        "plan": shorten(row.plan, "note") or none,
        "suggested": shorten(row.suggested, "level") or UNKNOWN,
        "move": row.move,
        "reason": reason or UNKNOWN,
        "to_fill": [translate(code, lang) for code in TO_FILL],
        "footer_left": translate(
            "review.card.footer", lang, rules=rules, hash=review.rules_hash, time=generated
        ),
        "footer_center": translate("review.card.confidential", lang),
    }


def render_review_cards(
    review: Review,
    folder: Path,
    *,
    lang: str = "zh",
    shop: str = "",
    templates_dir: Path | None = None,
    generated: str = "",
) -> list[Path]:
    """Write one PDF per agent of ``review`` into ``folder`` (made when missing); return their
    paths in the review's order. ``generated`` is the time printed in the footer (now when
    not given).

    Raises ``CsreportError``: ``pdf.unavailable`` (no PDF engine), ``templates.not_found``,
    ``templates.broken``, ``templates.refused_url``, ``pdf.failed``, ``output.not_writable``.
    """
    lang = "en" if lang == "en" else "zh"
    generated = generated or dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    load_engine()
    from weasyprint import CSS

    tdir, template, css_path = page_files(templates_dir, REVIEW_TEMPLATE, REVIEW_CSS)
    from weasyprint.text.fonts import FontConfiguration

    fetcher = make_url_fetcher(tdir)
    fonts = FontConfiguration()
    base_url = tdir.as_uri() + "/"
    try:
        css = CSS(filename=str(css_path), base_url=base_url, url_fetcher=fetcher, font_config=fonts)
    except Exception as exc:
        raise _failed(css_path.name, exc) from exc
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths: list[Path] = []
    rows = list(review.rows)
    html_lang = "en" if lang == "en" else "zh-CN"
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        sections = []
        for i, row in enumerate(chunk):
            try:
                body = template.render(review_context(review, row, lang, shop, generated))
            except Exception as exc:
                raise template_error(exc, REVIEW_TEMPLATE) from exc
            sections.append(
                f'<section class="review-card"><i class="mark" id="{ANCHOR}{i}"></i>{body}</section>'
            )
        html = (
            f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8"/><title>'
            f"</title></head><body>{''.join(sections)}</body></html>"
        )
        document = _layout(html, base_url, fetcher, fonts, css, chunk[0])
        starts = anchor_starts(document, ANCHOR)
        if sorted(starts) != list(range(len(chunk))):
            raise CsreportError("pdf.failed", agent=_who(chunk[0]), reason=both("pdf.card_not_laid_out"))
        bounds = [starts[i] for i in range(len(chunk))] + [len(document.pages)]
        for i, row in enumerate(chunk):
            target = folder / scorecard_filename(row.agent_id, row.name, taken)
            title = f"{translate('review.card.title', lang)} {review.start} – {review.end} {_who(row)}"
            data = _pdf(document, document.pages[bounds[i] : bounds[i + 1]], title, shop, html_lang)
            write_bytes_atomic(target, data)
            paths.append(target)
    return paths


def page_files(templates_dir: Path | None, template_name: str, css_name: str) -> tuple[Path, Any, Path]:
    """The templates folder (the shipped one when none is given), its page template
    ``template_name`` compiled and its stylesheet ``css_name``, each the shipped one where the
    folder has none. The folder is checked as for the scorecards (``templates.not_found``); a
    template that does not compile is ``templates.broken``."""
    tdir = Path(templates_dir or default_templates_dir()).resolve()
    templates = load_templates(tdir)
    try:
        template = templates.card.environment.get_template(template_name)
    except Exception as exc:
        raise template_error(exc, template_name) from exc
    css = tdir / css_name
    return tdir, template, css if css.is_file() else default_templates_dir() / css_name


def _who(row: ReviewRow) -> str:
    return f"{shorten(row.agent_id, 'id')} {shorten(row.name, 'name')}"


def _failed(what: str, exc: BaseException) -> CsreportError:
    refused = refused_url(exc)
    if refused is not None:
        return refused
    return CsreportError("pdf.failed", agent=what, reason=f"{type(exc).__name__}: {exc}")


def _layout(html: str, base_url: str, fetcher: Any, fonts: Any, css: Any, first: ReviewRow) -> Any:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            font_config=fonts, stylesheets=[css]
        )
    except (Exception, FatalURLFetchingError) as exc:  # the latter is a BaseException
        raise _failed(_who(first), exc) from exc


def _pdf(document: Any, pages: list[Any], title: str, author: str, html_lang: str) -> bytes:
    """``pages`` of ``document`` as one PDF with its title, author and language."""
    try:
        out = document.copy(pages)
        metadata = copy.copy(out.metadata)
        metadata.title = title
        metadata.authors = [author] if author else []
        metadata.lang = html_lang
        out.metadata = metadata
        return bytes(out.write_pdf())
    except Exception as exc:
        raise CsreportError("pdf.failed", agent=title, reason=f"{type(exc).__name__}: {exc}") from exc
