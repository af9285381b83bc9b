"""The calibration report as one A4 PDF: ``校准报告_<date>.pdf`` beside the workbook.

Page one holds the summary: where the figures come from, each reading (好 / 可接受 / 需要再培训)
with its banding in words and what to do, and the bandings themselves. Then each reviewer
against the reference (the 标准, or the other reviewers' mean) on the total and per item, the
agreement statistics (Cohen's κ per pair as a matrix, Fleiss' κ, Krippendorff's α on totals and
per item, ICC(2,1) with its 95% interval or why it was not computed), and the items with the
most disagreement with the chats that show it.

Template ``templates/calibration.html``, stylesheet ``templates/calibration.css`` (a templates
folder copied before they existed gets the shipped ones); the URL fetcher serves only the
templates folder and the branding's logo, as for the scorecards. One small document, laid out
with WeasyPrint's public API and written atomically.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from csreport.domain import ATTITUDE_ITEMS, PASS_MARK
from csreport.messages import Bilingual, translate
from csreport.outputs.numbers import UNKNOWN, finite_or_none, format_points
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.context import NO_BRANDING, keep_glosses_whole, shorten, w3c_date
from csreport.outputs.pdf.engine import load_engine
from csreport.outputs.pdf.review import page_files
from csreport.outputs.pdf.templates import (
    make_url_fetcher,
    refused_url,
    template_error,
)
from csreport.problems import CsreportError
from csreport.rules.wording import number
from csreport.scoring.calibration import (
    POINT_DECIMALS,
    SHARE_DECIMALS,
    CalibrationReport,
    Grade,
    ReviewerRow,
    Statistic,
    counted,
    half_up,
    item_words,
    score_text,
    stat_text,
)
from csreport.util.atomic import write_bytes_atomic

__all__ = ["CALIBRATION_CSS", "CALIBRATION_TEMPLATE", "calibration_context", "write_calibration_pdf"]

CALIBRATION_TEMPLATE = "calibration.html"
CALIBRATION_CSS = "calibration.css"
# Reviewers side by side in one table (the κ matrix, the per-item differences): more are split
# over several tables, so a column never gets too narrow for "+12.5" or "0.615".
COLUMNS = 8
# The items with the most disagreement shown, and the notes from reading the sheet.
DISAGREEMENTS_SHOWN = 3
PROBLEMS_SHOWN = 12
# The empty marker the details start at (``anchor`` in the template), to find their first page.
DETAILS_ANCHOR = "csreport-calibration-details"

# The keys of ``labels`` in the template and their catalogue codes.
LABEL_CODES = {
    "title": "calibration_pdf.title",
    "made": "calibration_pdf.made",
    "source": "calibration_pdf.source",
    "reviewers": "calibration_pdf.reviewers",
    "standard": "calibration_pdf.standard",
    "summary": "calibration_pdf.summary",
    "banding": "calibration_pdf.banding",
    "advice": "calibration_pdf.advice",
    "bandings": "calibration_pdf.bandings",
    "measure": "calibration_pdf.col.measure",
    "scale": "calibration_pdf.col.scale",
    "never_changes": "calibration_pdf.never_changes",
    "reviewer": "calibration_pdf.col.reviewer",
    "scored": "calibration_pdf.col.scored",
    "mean_total": "calibration_pdf.col.mean_total",
    "compared": "calibration_pdf.col.compared",
    "difference": "calibration_pdf.col.difference",
    "within_5": "calibration_pdf.col.within_5",
    "within_10": "calibration_pdf.col.within_10",
    "main_item": "calibration_pdf.col.main_item",
    "reading": "calibration_pdf.col.reading",
    "by_item": "calibration_pdf.by_item",
    "main_note": "calibration_pdf.main_note",
    "item": "calibration_pdf.col.item",
    "no_items": "calibration_pdf.no_items",
    "agreement": "calibration_pdf.agreement",
    "overall": "calibration_pdf.overall",
    "statistic": "calibration_pdf.col.statistic",
    "subject": "calibration_pdf.col.subject",
    "value": "calibration_pdf.col.value",
    "chat_count": "calibration_pdf.col.chats",
    "raters": "calibration_pdf.col.raters",
    "alpha_items": "calibration_pdf.alpha_items",
    "disagreements": "calibration_pdf.disagreements",
    "deviation_note": "calibration_pdf.deviation_note",
    "deviation": "calibration_pdf.col.deviation",
    "chat": "calibration_pdf.col.chat",
    "spread": "calibration_pdf.col.spread",
    "scores": "calibration_pdf.col.scores",
    "no_disagreement": "calibration_pdf.no_disagreement",
    "problems": "calibration_pdf.problems",
}


def stat(value: float | None) -> str:
    """An agreement statistic as shown: three decimals, half up ("0.812", "-0.050"), "—" when
    unknown."""
    found = finite_or_none(value)
    return UNKNOWN if found is None else stat_text(found)


def signed(value: float | None) -> str:
    """A mean difference in points, signed, to one decimal half up as the banding grades it
    ("+3.2", "-1.5", "0.0"); "—" when unknown."""
    found = finite_or_none(value)
    if found is None:
        return UNKNOWN
    shown = half_up(found, POINT_DECIMALS)
    return "0.0" if shown == 0 else f"{shown:+.1f}"


def percent(value: float | None) -> str:
    """A share (0.796) as a percentage to one decimal, half up as the banding grades it
    ("79.6%"); "—" when unknown."""
    found = finite_or_none(value)
    if found is None:
        return UNKNOWN
    return f"{half_up(half_up(found, SHARE_DECIMALS) * 100, SHARE_DECIMALS - 2):.1f}%"


def _score(value: float | None) -> str:
    """A mean total to one decimal, half up ("72.5")."""
    found = finite_or_none(value)
    return UNKNOWN if found is None else f"{half_up(found, POINT_DECIMALS):.1f}"


def _count(n: int) -> str:
    """A count in the house format ("1,790")."""
    return number(n)


def _in(words: Bilingual, lang: str) -> str:
    return words.en if lang == "en" else words.zh


def item_name(item: str, lang: str) -> str:
    """An attitude item's name in ``lang`` (English with the Chinese in parentheses)."""
    return _in(item_words(item), lang)


def _item_with_max(item: str, maximum: float, lang: str) -> str:
    return translate("calibration_pdf.item_max", lang, item=item_name(item, lang), max=format_points(maximum))


def _grade(grade: Grade | None, lang: str) -> dict[str, str]:
    """A reading as the template shows it: ``grade`` (the CSS class, "" for none) and ``word``."""
    if grade is None:
        return {"grade": "", "word": ""}
    return {"grade": grade, "word": translate(f"calibration.grade_cell.{grade}", lang)}


def _reviewer(name: str) -> str:
    return shorten(name, "name")


def _chunks(items: Sequence[Any], size: int = COLUMNS) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


def _statistic(s: Statistic, subject: str, lang: str) -> dict[str, Any]:
    """One row of the overall table: the statistic's name, what it measures, its value (with
    the interval for ICC), over how many chats and reviewers, and its reading or why not."""
    computed = s.value is not None
    note = ""
    if computed and s.low is not None and s.high is not None:
        note = translate("calibration_pdf.interval", lang, low=stat(s.low), high=stat(s.high))
    elif not computed:
        why = s.why_not.text(lang) if s.why_not else UNKNOWN
        note = translate("calibration_pdf.not_computed", lang, why=why)
    return {
        "name": translate(f"calibration.method.{s.method}", lang),
        "subject": subject,
        "value": stat(s.value),
        "note": note,
        "chats": _count(s.chats),
        "raters": _count(len(s.raters)),
        **_grade(s.grade, lang),
    }


def _subject(s: Statistic, lang: str) -> str:
    if s.subject == "total":
        return translate("calibration.subject.total", lang)
    if s.subject == "pass":
        return translate("calibration.subject.pass", lang, mark=format_points(PASS_MARK))
    maximum = dict(ATTITUDE_ITEMS).get(s.subject)
    return item_name(s.subject, lang) if maximum is None else _item_with_max(s.subject, maximum, lang)


def _cohen(report: CalibrationReport, lang: str) -> dict[str, Any]:
    """Cohen's κ per pair: a matrix (reviewers down the side, the later ones across, each pair
    once) in tables of at most ``COLUMNS`` columns, and the same pairs as a list."""
    by_pair = {frozenset(s.raters): s for s in report.cohen}

    def cell(a: str, b: str) -> dict[str, Any]:
        s = by_pair.get(frozenset((a, b)))
        if s is None:
            return {"value": UNKNOWN, "chats": "", "grade": "", "word": "", "why": ""}
        why = "" if s.value is not None or s.why_not is None else s.why_not.text(lang)
        return {
            "value": stat(s.value),
            "chats": _in(counted("chats", s.chats), lang),
            "why": why,
            **_grade(s.grade, lang),
        }

    names = report.reviewers
    tables = []
    if len(names) > 1:
        for columns in _chunks(names[1:]):
            rows = []
            for i, a in enumerate(names[:-1]):
                cells = []
                for b in columns:
                    j = names.index(b)
                    cells.append(cell(a, b) if j > i else None)
                if any(c is not None for c in cells):
                    rows.append({"name": _reviewer(a), "cells": cells})
            tables.append({"columns": [_reviewer(b) for b in columns], "rows": rows})
    return {
        "title": translate("calibration_pdf.cohen", lang, mark=format_points(PASS_MARK)),
        "tables": tables,
    }


def _reviewer_row(row: ReviewerRow, lang: str) -> dict[str, Any]:
    standard = row.is_standard
    reference = translate("calibration_pdf.reference_row", lang)
    main = item_name(row.main_item, lang) if row.main_item else ""
    return {
        "name": _reviewer(row.reviewer),
        "scored": _count(row.chats_scored),
        "mean_total": _score(row.mean_total),
        "pass_share": percent(row.pass_share),
        "reference": reference if standard else "",
        "compared": _count(row.compared),
        "difference": signed(row.difference),
        "difference_reading": _grade(row.difference_grade, lang),
        "within_5": percent(row.within_5),
        "within_5_reading": _grade(row.within_grade, lang),
        "within_10": percent(row.within_10),
        "main_item": main,
        "is_standard": standard,
    }


def _item_tables(report: CalibrationReport, lang: str) -> list[dict[str, Any]]:
    """The per-item mean differences: items down the side, the compared reviewers across (the
    标准 is the reference, so not a column), at most ``COLUMNS`` reviewers a table."""
    if not report.has_items:
        return []
    compared = [r for r in report.reviewer_rows if not r.is_standard]
    tables = []
    for rows in _chunks(compared):
        if not rows:
            continue
        lines = []
        for index, (name, maximum) in enumerate(ATTITUDE_ITEMS):
            values = []
            for r in rows:
                found = next((d for d in r.items if d.item == name), None)
                if found is None and index < len(r.items):
                    found = r.items[index]
                diff = None if found is None else found.difference
                main = r.main_item == name and diff is not None
                values.append({"value": signed(diff), "main": main})
            lines.append({"item": _item_with_max(name, maximum, lang), "cells": values})
        tables.append({"columns": [_reviewer(r.reviewer) for r in rows], "rows": lines})
    return tables


def _disagreements(report: CalibrationReport, lang: str) -> list[dict[str, Any]]:
    """The items with the most disagreement (those with a chat of differing scores), each with
    its chats and every reviewer's score of them."""
    shown = []
    for d in report.disagreements:
        if not d.chats:
            continue
        shown.append(
            {
                "rank": _count(d.rank),
                "item": _item_with_max(d.item, d.maximum, lang),
                "alpha": stat(d.alpha),
                "deviation": percent(d.relative_deviation),
                **_grade(d.grade, lang),
                "chats": [
                    {
                        "id": shorten(c.chat_id, "id"),
                        "spread": score_text(c.spread),
                        "scores": [{"name": _reviewer(n), "score": score_text(v)} for n, v in c.scores],
                    }
                    for c in d.chats
                ],
            }
        )
        if len(shown) == DISAGREEMENTS_SHOWN:
            break
    return shown


def calibration_context(
    report: CalibrationReport,
    lang: str = "zh",
    *,
    branding: dict[str, Any] | None = None,
    generated: str = "",
) -> dict[str, Any]:
    """Everything ``calibration.html`` may use.

    ``labels`` (the page's words), ``branding`` (``company``, ``logo_url``, colours); the facts of
    the first page as text: ``made``, ``source``, ``reviewers``, ``standard`` (the first reading
    says how many chats); ``readings`` (each ``text``, ``banding``, ``advice``, ``grade``,
    ``word``); ``reviewer_title``, ``reviewer_note``, ``pass_share`` (its column's label),
    ``reviewer_rows`` (see ``_reviewer_row``); ``has_items``, ``item_tables`` (each ``columns``
    and ``rows`` of ``item`` and ``cells``), ``shaded`` (a cell is shaded as a reviewer's main
    item); ``overall`` (rows of ``name``, ``subject``, ``value``, ``note``, ``chats``,
    ``raters``, ``grade``, ``word``), ``cohen`` (``title`` and ``tables`` of ``columns`` and
    ``rows`` of ``name`` and ``cells``, a cell None below the diagonal), ``alpha_items`` (rows
    as ``overall``'s); ``disagreements``; ``bandings`` (each ``measure``, ``words``, ``scale``);
    ``problems`` and ``problems_more``; the footer's ``footer_left`` and ``footer_center``.
    """
    lang = "en" if lang == "en" else "zh"
    labels = {key: keep_glosses_whole(translate(code, lang)) for key, code in LABEL_CODES.items()}
    source = shorten(report.source, "source")
    mean_reference = report.standard is None
    info = translate("calibration.grade_cell.info", lang)
    readings = [
        {
            "text": line.text.text(lang),
            "banding": line.banding.text(lang) if line.banding else "",
            "advice": line.advice.text(lang) if line.advice else "",
            **(_grade(line.grade, lang) if line.grade else {"grade": "", "word": info}),
        }
        for line in report.readings
    ]
    problems = [p.render(lang) for p in report.problems]
    names = [_reviewer(r) for r in report.reviewers]
    item_tables = _item_tables(report, lang)
    return {
        "lang": lang,
        "labels": labels,
        "branding": branding or NO_BRANDING,
        "made": report.made.isoformat(),
        "source": translate(
            "calibration_pdf.source_value", lang, file=source, sheet=shorten(report.sheet, "table")
        ),
        "reviewers": translate(
            "calibration_pdf.reviewers_value",
            lang,
            n=_count(len(report.reviewers)),
            names=translate("list.sep", lang).join(names),
        ),
        "standard": _reviewer(report.standard)
        if report.standard is not None
        else translate("calibration_pdf.no_standard", lang),
        "readings": readings,
        "bandings": [
            {
                "measure": translate(f"calibration_pdf.measure.{b.measure}", lang),
                "words": b.words().text(lang),
                "scale": b.source or translate("calibration_pdf.shop_scale", lang),
            }
            for b in report.bandings
        ],
        "reviewer_title": translate(
            "calibration_pdf.by_reviewer_mean" if mean_reference else "calibration_pdf.by_reviewer", lang
        ),
        "reviewer_note": translate(
            "calibration_pdf.difference_note_mean" if mean_reference else "calibration_pdf.difference_note",
            lang,
        ),
        "pass_share": keep_glosses_whole(
            translate("calibration_pdf.col.pass_share", lang, mark=format_points(PASS_MARK))
        ),
        "reviewer_rows": [_reviewer_row(r, lang) for r in report.reviewer_rows],
        "has_items": report.has_items,
        "item_tables": item_tables,
        "shaded": any(c["main"] for t in item_tables for row in t["rows"] for c in row["cells"]),
        "overall": [
            _statistic(s, _subject(s, lang), lang) for s in (report.alpha_total, report.fleiss, report.icc)
        ],
        "cohen": _cohen(report, lang),
        "alpha_items": [_statistic(s, _subject(s, lang), lang) for s in report.alpha_items],
        "disagreements": _disagreements(report, lang),
        "problems": problems[:PROBLEMS_SHOWN],
        "problems_more": translate(
            "calibration_pdf.problems_more", lang, n=_count(len(problems) - PROBLEMS_SHOWN)
        )
        if len(problems) > PROBLEMS_SHOWN
        else "",
        "footer_left": translate("calibration_pdf.footer", lang, file=source, time=generated),
        "footer_center": translate("calibration_pdf.confidential", lang),
    }


def write_calibration_pdf(
    report: CalibrationReport,
    path: Path,
    lang: str = "zh",
    branding: Branding | None = None,
    *,
    templates_dir: Path | None = None,
    generated: str = "",
) -> None:
    """Write the calibration report to ``path`` (atomically: an earlier report survives a
    failure). ``generated`` is the time printed in the footer (now when not given).

    Raises ``CsreportError``: ``pdf.unavailable`` (no PDF engine), ``templates.not_found``,
    ``templates.broken``, ``templates.refused_url``, ``branding.invalid``, ``calibration_pdf.failed``,
    ``output.*`` (the file cannot be written).
    """
    lang = "en" if lang == "en" else "zh"
    generated = generated or dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    load_engine()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    brand = branding.validated() if branding is not None else None
    tdir, template, css_path = page_files(templates_dir, CALIBRATION_TEMPLATE, CALIBRATION_CSS)
    title = f"{translate('calibration_pdf.title', lang)} {report.made.isoformat()}"
    brand_context = brand.context() if brand else None
    context = calibration_context(report, lang, branding=brand_context, generated=generated)
    html_lang = "en" if lang == "en" else "zh-CN"

    def html(flow: bool) -> str:
        try:
            body = template.render({**context, "flow": flow, "anchor": DETAILS_ANCHOR})
        except Exception as exc:
            raise template_error(exc, CALIBRATION_TEMPLATE) from exc
        return (
            f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8"/><title>'
            f"</title></head><body>{body}</body></html>"
        )

    fetcher = make_url_fetcher(tdir, [brand.logo] if brand and brand.logo else [])
    fonts = FontConfiguration()
    base_url = tdir.as_uri() + "/"
    try:
        sheets = [CSS(filename=str(css_path), base_url=base_url, url_fetcher=fetcher, font_config=fonts)]
        if brand is not None:
            sheets.append(CSS(string=brand.css(), font_config=fonts))

        def layout(flow: bool) -> Any:
            return HTML(string=html(flow), base_url=base_url, url_fetcher=fetcher).render(
                font_config=fonts, stylesheets=sheets
            )

        document = layout(flow=False)
        # A summary longer than the first page: the details follow it on its last page rather
        # than leave that page almost empty.
        if _details_page(document) > 1:
            document = layout(flow=True)
        metadata = copy.copy(document.metadata)
        metadata.title = title
        metadata.authors = [brand.company] if brand and brand.company else []
        metadata.lang = html_lang
        metadata.created = w3c_date(generated)
        document.metadata = metadata
        data = bytes(document.write_pdf())
    except CsreportError:
        raise
    except (Exception, FatalURLFetchingError) as exc:  # the latter is a BaseException
        raise _failed(exc) from exc
    write_bytes_atomic(Path(path), data)


def _details_page(document: Any) -> int:
    """The index of the page the details start on (0 when the template has no marker)."""
    for index, page in enumerate(document.pages):
        if DETAILS_ANCHOR in page.anchors:
            return index
    return 0


def _failed(exc: BaseException) -> CsreportError:
    """``templates.refused_url`` for a stylesheet or template asking for a file outside the
    templates folder, else ``calibration_pdf.failed`` with WeasyPrint's reason."""
    refused = refused_url(exc)
    if refused is not None:
        return refused
    return CsreportError("calibration_pdf.failed", reason=f"{type(exc).__name__}: {exc}")
