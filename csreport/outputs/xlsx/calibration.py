"""The 校准报告 workbook: whether the reviewers agree, and who scores high or low, and where.

Sheets, in order:

- 结论: the title, the calibration sheet read, then one line per reading (what was measured and
  its plain reading, the grade 好 / 可接受 / 需要再培训, the banding it used, what to do), and the
  problems found reading the sheet;
- 评分人: one row per reviewer (the 标准 first): chats scored, mean total, share passed, and the
  comparison with the reference on the total (mean difference, within ±5 and ±10) and per item;
- 一致性: every statistic with its method, what it is of, the reviewers and chats it covers, its
  value (three decimals), interval, grade and banding, or why it was not computed;
- 分歧: the items ranked by disagreement, with the chats of largest spread;
- 数据: the ratings kept, one row per chat and reviewer.

Formatted like the results workbook (``base.Styles``): A4 landscape, headers repeated on every
page, every text cell a literal string; the file appears only once complete.

The workbook records the calibration sheet it was made from (its file name and the SHA-256 of
its bytes) in two custom document properties, which ``recorded_source`` reads back: a report of
the same sheet may be replaced, a report of another sheet never is.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from xlsxwriter.workbook import Workbook

from csreport.domain import ATTITUDE_ITEMS, PASS_MARK
from csreport.messages import Note, translate
from csreport.outputs.xlsx.base import (
    A4,
    INTEGER_FORMAT,
    LINE_HEIGHT,
    MARGINS,
    MAX_ROW_HEIGHT,
    PRINT_SCALE,
    SECTION,
    TITLE,
    WRAP,
    SheetWriter,
    Styles,
    XlsxWriteError,
    label,
    pick,
)
from csreport.outputs.xlsx.workbook import WORKBOOK_OPTIONS, header_footer_text
from csreport.problems import Severity
from csreport.rules.wording import number
from csreport.scoring.calibration import (
    MEASURE_OF,
    CalibrationReport,
    Grade,
    ReviewerRow,
    Statistic,
    counted,
    item_words,
    score_text,
    stat_text,
)
from csreport.util.atomic import write_bytes_atomic

__all__ = ["SHEETS", "SOURCE_PROPERTIES", "RecordedSource", "recorded_source", "write_calibration_workbook"]

SHEETS = (
    "calibration.sheet.conclusion",
    "calibration.sheet.reviewers",
    "calibration.sheet.agreement",
    "calibration.sheet.disagreement",
    "calibration.sheet.data",
)
STAT_FORMAT = "0.000"
POINTS_FORMAT = "0.0#"
SIGNED_FORMAT = "+0.0;-0.0;0.0"
SHARE_FORMAT = "0.0%"
AS_TYPED = "General"  # a score as the reviewer typed it: 9, 9.5
CELL = {"border": 1, "border_color": "#BFBFBF"}
GRADE_STYLE: dict[str, dict[str, Any]] = {
    "good": {"bg_color": "#C6EFCE", "font_color": "#006100"},
    "acceptable": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    "retrain": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
}
PROBLEM_STYLE = {Severity.ERROR: {"bg_color": "#FFC7CE"}, Severity.WARNING: {"bg_color": "#FFEB9C"}}
CENTRED = {"align": "center"}
BOLD = {"bold": True}
# Widths long text wraps at: each sheet prints one page wide or splits across pages legibly.
CONCLUSION_CAPS = {0: 70, 1: 18, 2: 40, 3: 40}
NOTE_SPAN = 7  # the columns a note above a table spans


# The custom document properties naming the calibration sheet a report was made from: its file
# name and the SHA-256 of its bytes.
SOURCE_PROPERTIES = ("csreport calibration source", "csreport calibration sha256")
# docProps/custom.xml of our own workbook is well under a kilobyte; anything near this is not ours.
_MAX_PROPERTIES_BYTES = 1 << 16


@dataclass(frozen=True)
class RecordedSource:
    """The calibration sheet a 校准报告 workbook says it was made from."""

    file: str  # the sheet's file name
    sha256: str  # of its bytes


def grade_cell(grade: Grade | None, lang: str) -> str:
    """The grade as a cell shows it: 好 / 可接受 / 需要再培训 (Good / Acceptable / Needs retraining)."""
    return label(f"calibration.grade_cell.{grade}", lang) if grade else ""


def write_calibration_workbook(report: CalibrationReport, path: Path, *, lang: str = "zh") -> Path:
    """Write the 校准报告 workbook of ``report`` to ``path`` atomically and return ``path``.

    Raises ``XlsxWriteError`` when any cell or setting is refused; an existing file at ``path``
    is then left untouched.
    """
    path = Path(path)
    buffer = io.BytesIO()
    book = Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    title = label("calibration.title", lang, date=report.made.isoformat())
    book.set_properties({"title": title, "author": "csreport", "comments": report.source})
    for name, value in zip(SOURCE_PROPERTIES, (report.source, report.source_sha256), strict=True):
        if book.set_custom_property(name, value, "text") == -1:
            raise XlsxWriteError(f"XlsxWriter refused the document property {name!r}")
    styles = Styles(book)
    writers = [_Writer(book.add_worksheet(label(code, lang)), styles, lang) for code in SHEETS]
    conclusion, reviewers, agreement, disagreement, data = writers
    _page_setup(conclusion, report, _write_conclusion(conclusion, report, title), one_page_wide=True)
    _page_setup(reviewers, report, _write_reviewers(reviewers, report), one_page_wide=True)
    _page_setup(agreement, report, _write_agreement(agreement, report), one_page_wide=True)
    _page_setup(disagreement, report, _write_disagreement(disagreement, report), one_page_wide=True)
    _page_setup(data, report, _write_data(data, report), one_page_wide=False)
    book.close()
    write_bytes_atomic(path, buffer.getvalue())
    return path


def recorded_source(path: Path) -> RecordedSource | None:
    """The calibration sheet the 校准报告 workbook ``path`` records, or None when it records
    none (not a workbook of ours, an older one, damaged, or its properties were dropped by an
    editor). Reads only the small properties part, never the sheets."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/custom.xml")
            if info.file_size > _MAX_PROPERTIES_BYTES:
                return None
            xml = zf.read(info)
        if b"<!DOCTYPE" in xml[:4096]:  # OOXML forbids DTDs; one here can only be hostile
            return None
        root = ET.fromstring(xml)
    except (KeyError, OSError, zipfile.BadZipFile, ET.ParseError, ValueError, EOFError, RuntimeError):
        return None
    found = {}
    for prop in root:
        if prop.get("name") in SOURCE_PROPERTIES:
            found[prop.get("name")] = "".join(prop.itertext()).strip()
    file, sha256 = (found.get(name, "") for name in SOURCE_PROPERTIES)
    return RecordedSource(file, sha256) if file and sha256 else None


class _Writer(SheetWriter):
    """A ``SheetWriter`` whose notes above a table get one line more than measured: merged
    text with Chinese and Latin mixed renders a little wider than its measured width, and a last
    line cut off is worse than a little space."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.notes: list[int] = []

    def fit_columns(self, minimum: int = 6, maximum: int = 50, caps: dict[int, int] | None = None) -> None:
        super().fit_columns(minimum, maximum, caps)
        widths = self.column_widths(minimum, maximum, caps)
        heights = self.row_heights(widths)
        for row in self.notes:
            height = heights.get(row, LINE_HEIGHT) + LINE_HEIGHT
            self.check(self.ws.set_row(row, min(height, MAX_ROW_HEIGHT)), f"the height of row {row + 1}")


def _note(sw: SheetWriter, row: int, text: str, *style: dict[str, Any], span: int = NOTE_SPAN) -> int:
    """A line of text across ``span`` columns; returns the next row."""
    sw.merged_text(row, 0, span - 1, text, WRAP, *style)
    if isinstance(sw, _Writer):
        sw.notes.append(row)
    return row + 1


def _write_conclusion(sw: SheetWriter, report: CalibrationReport, title: str) -> int:
    """The 结论 sheet; returns its header row."""
    lang = sw.lang
    sw.merged_text(0, 0, 3, title, TITLE, {"font_size": 12})
    _note(sw, 1, label("calibration.source", lang, file=report.source, sheet=report.sheet), span=4)
    header = 3
    sw.header_row(
        header,
        [label(c, lang) for c in ("calibration.col.reading", "calibration.col.grade")]
        + [label(c, lang) for c in ("calibration.col.banding", "calibration.col.advice")],
    )
    row = header + 1
    for line in report.readings:
        grade = line.grade
        sw.text(row, 0, line.text.text(lang), CELL, WRAP, BOLD if grade is None else None, fit_width=70)
        sw.text(
            row,
            1,
            grade_cell(grade, lang) or label("calibration.grade_cell.info", lang),
            CELL,
            CENTRED,
            GRADE_STYLE.get(grade or ""),
        )
        sw.text(row, 2, line.banding.text(lang) if line.banding else None, CELL, WRAP, fit_width=40)
        sw.text(row, 3, line.advice.text(lang) if line.advice else None, CELL, WRAP, fit_width=40)
        row += 1
    row += 1
    sw.merged_text(row, 0, 3, label("calibration.problems_title", lang), SECTION)
    row += 1
    if not report.problems:
        sw.merged_text(row, 0, 3, label("calibration.no_problems", lang), WRAP)
    for problem in report.problems:
        sw.merged_text(row, 0, 3, problem.render(lang), WRAP, CELL, PROBLEM_STYLE.get(problem.severity, {}))
        row += 1
    sw.fit_columns(caps=CONCLUSION_CAPS)
    return header


REVIEWER_COLUMNS = (
    "calibration.col.reviewer",
    "calibration.col.role",
    "calibration.col.chats_scored",
    "calibration.col.mean_total",
    "calibration.col.pass_share",
    "calibration.col.compared",
    "calibration.col.difference",
    "calibration.col.difference_grade",
    "calibration.col.within_5",
    "calibration.col.within_10",
    "calibration.col.within_grade",
    "calibration.col.main_item",
)


def _write_reviewers(sw: SheetWriter, report: CalibrationReport) -> int:
    """The 评分人 sheet: one row per reviewer, then the per-item differences with the items as
    rows and the reviewers compared as columns; returns the first table's header row."""
    lang = sw.lang
    note = (
        label("calibration.reviewers_note_standard", lang, standard=report.standard)
        if report.standard
        else label("calibration.reviewers_note_others", lang)
    )
    row = _note(sw, 0, note, span=len(REVIEWER_COLUMNS))
    header = row + 1
    sw.header_row(header, [label(c, lang) for c in REVIEWER_COLUMNS])
    for r, reviewer in enumerate(report.reviewer_rows, start=header + 1):
        _reviewer_row(sw, r, reviewer)
    row = header + len(report.reviewer_rows) + 2
    compared = [r for r in report.reviewer_rows if r.items and not r.is_standard]
    if compared:
        sw.merged_text(row, 0, len(REVIEWER_COLUMNS) - 1, label("calibration.items_title", lang), SECTION)
        note = label("calibration.items_note", lang, share=f"{BIAS_SHARE:.0%}")
        row = _note(sw, row + 1, note, span=len(REVIEWER_COLUMNS))
        labels = [label("calibration.col.item", lang), label("calibration.col.maximum", lang)]
        sw.header_row(row, labels + [r.reviewer for r in compared])
        for k, item in enumerate(compared[0].items):
            at = row + 1 + k
            sw.text(at, 0, pick(item_words(item.item), lang), CELL, BOLD, WRAP, fit_width=40)
            sw.number(at, 1, item.maximum, INTEGER_FORMAT, CELL)
            for col, reviewer in enumerate(compared, start=2):
                value = _rounded(reviewer.items[k].difference)
                sw.number(at, col, value, SIGNED_FORMAT, CELL, _bias_style(value, item.maximum))
    sw.ws.freeze_panes(header + 1, 1)
    sw.fit_columns(caps={0: 40, 11: 24})
    return header


# An item difference at least this share of the item's maximum is shaded (a reviewer's habit).
BIAS_SHARE = 0.1
HIGH = {"font_color": "#9C5700", "bg_color": "#FFEB9C"}
LOW = {"font_color": "#1F4E79", "bg_color": "#DDEBF7"}


def _bias_style(value: float | None, maximum: float) -> dict[str, Any] | None:
    if value is None or abs(value) < BIAS_SHARE * maximum:
        return None
    return HIGH if value > 0 else LOW


def _reviewer_row(sw: SheetWriter, row: int, r: ReviewerRow) -> None:
    lang = sw.lang
    sw.text(row, 0, r.reviewer, CELL, BOLD)
    sw.text(row, 1, label("calibration.role.standard", lang) if r.is_standard else None, CELL)
    sw.number(row, 2, r.chats_scored, INTEGER_FORMAT, CELL)
    sw.number(row, 3, _rounded(r.mean_total), POINTS_FORMAT, CELL)
    sw.number(row, 4, _rounded(r.pass_share), SHARE_FORMAT, CELL)
    sw.number(row, 5, None if r.is_standard else r.compared, INTEGER_FORMAT, CELL)
    sw.number(row, 6, _rounded(r.difference), SIGNED_FORMAT, CELL)
    grade = r.difference_grade
    sw.text(row, 7, grade_cell(grade, lang), CELL, CENTRED, GRADE_STYLE.get(grade or ""))
    sw.number(row, 8, _rounded(r.within_5), SHARE_FORMAT, CELL)
    sw.number(row, 9, _rounded(r.within_10), SHARE_FORMAT, CELL)
    grade = r.within_grade
    sw.text(row, 10, grade_cell(grade, lang), CELL, CENTRED, GRADE_STYLE.get(grade or ""))
    sw.text(row, 11, pick(item_words(r.main_item), lang) if r.main_item else None, CELL, WRAP, fit_width=24)


def _statistics(report: CalibrationReport) -> list[Statistic]:
    return [report.alpha_total, report.fleiss, report.icc, *report.cohen, *report.alpha_items]


def _subject(stat: Statistic, lang: str) -> str:
    if stat.subject == "total":
        return label("calibration.subject.total", lang)
    if stat.subject == "pass":
        return label("calibration.subject.pass", lang, mark=f"{PASS_MARK:g}")
    return pick(item_words(stat.subject), lang)


def _raters(stat: Statistic, report: CalibrationReport, lang: str) -> str:
    if len(stat.raters) == 2 and stat.method == "cohen_kappa":
        return label("calibration.pair", lang, a=stat.raters[0], b=stat.raters[1])
    return label("calibration.all_reviewers", lang, n=len(stat.raters))


def _write_agreement(sw: SheetWriter, report: CalibrationReport) -> int:
    """The 一致性 sheet; returns its header row."""
    lang = sw.lang
    row = _note(sw, 0, label("calibration.agreement_note", lang, mark=f"{PASS_MARK:g}"), span=9)
    counts = translate(
        "calibration.counts",
        lang,
        chats=counted("chats", len(report.chats)),
        shared=number(report.shared_chats),
        complete=number(report.complete_chats),
    )
    row = _note(sw, row, counts, span=9)
    header = row + 1
    codes = (
        "calibration.col.statistic",
        "calibration.col.subject",
        "calibration.col.raters",
        "calibration.col.chats",
        "calibration.col.value",
        "calibration.col.interval",
        "calibration.col.grade",
        "calibration.col.banding",
        "calibration.col.why",
    )
    sw.header_row(header, [label(c, lang) for c in codes])
    bandings = {b.measure: b for b in report.bandings}
    for r, stat in enumerate(_statistics(report), start=header + 1):
        sw.text(r, 0, label(f"calibration.method.{stat.method}", lang), CELL, WRAP, fit_width=24)
        sw.text(r, 1, _subject(stat, lang), CELL, WRAP, fit_width=24)
        sw.text(r, 2, _raters(stat, report, lang), CELL, WRAP, fit_width=20)
        sw.number(r, 3, stat.chats, INTEGER_FORMAT, CELL)
        sw.number(r, 4, _rounded(stat.value), STAT_FORMAT, CELL)
        interval = (
            label("calibration.interval", lang, low=stat_text(stat.low), high=stat_text(stat.high))
            if stat.low is not None and stat.high is not None
            else None
        )
        sw.text(r, 5, interval, CELL)
        sw.text(r, 6, grade_cell(stat.grade, lang), CELL, CENTRED, GRADE_STYLE.get(stat.grade or ""))
        banding = bandings.get(MEASURE_OF[stat.method])
        sw.text(r, 7, banding.words().text(lang) if banding else None, CELL, WRAP, fit_width=36)
        sw.text(r, 8, stat.why_not.text(lang) if stat.why_not else None, CELL, WRAP, fit_width=40)
    sw.ws.freeze_panes(header + 1, 0)
    sw.fit_columns()
    return header


def _write_disagreement(sw: SheetWriter, report: CalibrationReport) -> int:
    """The 分歧 sheet; returns its header row."""
    lang = sw.lang
    if not report.has_items:
        _note(sw, 0, Note.of("calibration.reading.no_items").text(lang))
        sw.fit_columns()
        return 0
    row = _note(sw, 0, label("calibration.disagreement_note", lang))
    header = row + 1
    codes = (
        "calibration.col.rank",
        "calibration.col.item",
        "calibration.col.maximum",
        "calibration.col.alpha",
        "calibration.col.grade",
        "calibration.col.deviation",
        "calibration.col.spread_chats",
    )
    sw.header_row(header, [label(c, lang) for c in codes])
    for r, d in enumerate(report.disagreements, start=header + 1):
        sw.number(r, 0, d.rank, INTEGER_FORMAT, CELL, CENTRED)
        sw.text(r, 1, pick(item_words(d.item), lang), CELL, WRAP, fit_width=24)
        sw.number(r, 2, d.maximum, INTEGER_FORMAT, CELL)
        sw.number(r, 3, _rounded(d.alpha), STAT_FORMAT, CELL)
        sw.text(r, 4, grade_cell(d.grade, lang), CELL, CENTRED, GRADE_STYLE.get(d.grade or ""))
        sw.number(r, 5, _rounded(d.relative_deviation), SHARE_FORMAT, CELL)
        spreads = [
            label(
                "calibration.spread",
                lang,
                chat=s.chat_id,
                spread=score_text(s.spread),
                scores=translate("list.sep", lang).join(
                    label("calibration.score_of", lang, reviewer=name, score=score_text(score))
                    for name, score in s.scores
                ),
            )
            for s in d.chats
        ]
        sw.text(r, 6, "\n".join(spreads) or None, CELL, WRAP, fit_width=60)
    sw.ws.freeze_panes(header + 1, 0)
    sw.fit_columns(caps={6: 60})
    return header


def _write_data(sw: SheetWriter, report: CalibrationReport) -> int:
    """The 数据 sheet; returns its header row."""
    lang = sw.lang
    row = _note(sw, 0, label("calibration.data_note", lang), span=10)
    header = row + 1
    items = [pick(item_words(name), lang) for name, _maximum in ATTITUDE_ITEMS]
    labels = [label("calibration.col.chat_id", lang), label("calibration.col.reviewer", lang)]
    labels += [label("calibration.col.agent_id", lang), *items]
    labels += [
        label(c, lang)
        for c in (
            "calibration.col.typed_total",
            "calibration.col.total",
            "calibration.col.passed",
            "calibration.col.error_type",
            "calibration.col.row",
        )
    ]
    sw.header_row(header, labels)
    chat_order = {c: i for i, c in enumerate(report.chats)}
    reviewer_order = {name: i for i, name in enumerate(report.reviewers)}
    ordered = sorted(report.ratings, key=lambda x: (chat_order[x.chat_id], reviewer_order[x.reviewer]))
    yes, no = label("calibration.yes", lang), label("calibration.no", lang)
    for r, rating in enumerate(ordered, start=header + 1):
        sw.text(r, 0, rating.chat_id, CELL)
        sw.text(r, 1, rating.reviewer, CELL)
        sw.text(r, 2, rating.agent_id, CELL)
        for col, value in enumerate(rating.items, start=3):
            sw.number(r, col, value, AS_TYPED, CELL)
        col = 3 + len(rating.items)
        sw.number(r, col, rating.typed_total, AS_TYPED, CELL)
        sw.number(r, col + 1, _rounded(rating.total), POINTS_FORMAT, CELL)
        passed = None if rating.total is None else yes if rating.total >= PASS_MARK - 1e-9 else no
        sw.text(r, col + 2, passed, CELL, CENTRED)
        sw.text(r, col + 3, rating.error_type, CELL)
        sw.number(r, col + 4, rating.row, INTEGER_FORMAT, CELL)
    last = header + len(ordered)
    if ordered:
        sw.check(sw.ws.autofilter(header, 0, last, len(labels) - 1), "the autofilter")
    sw.ws.freeze_panes(header + 1, 2)
    sw.fit_columns()
    return header


def _rounded(value: float | None) -> float | None:
    """A computed figure without float noise (the cell's format shows its decimals)."""
    return None if value is None else round(value, 9)


def _page_setup(sw: SheetWriter, report: CalibrationReport, header_row: int, *, one_page_wide: bool) -> None:
    """A4 landscape; the title and sheet in the page header, the page number in the footer; the
    table's header repeated on every page. Wide sheets print at ``PRINT_SCALE`` percent, split
    across pages with the first column repeated."""
    ws, lang = sw.ws, sw.lang
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(**MARGINS)
    if one_page_wide:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(PRINT_SCALE)
        ws.print_across()
        ws.repeat_columns(0, 0)
    ws.repeat_rows(header_row, header_row)
    title = label("calibration.title", lang, date=report.made.isoformat())
    header = f"&L{header_footer_text(title)}&C{header_footer_text(ws.name)}"
    footer = f"&L{header_footer_text(report.source)}&R{label('workbook.page.number', lang)}"
    ws.set_header(header)
    ws.set_footer(footer)
    if ws.header != header or ws.footer != footer:
        raise XlsxWriteError(f"XlsxWriter refused the page header or footer of {ws.name!r}")
