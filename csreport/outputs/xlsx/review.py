"""The 晋级评审 workbook of a half-year review: one row per agent, and the rules in words.

Sheet 晋级评审, top to bottom: the title with the shop and the period (``inputs.review_sheet``
reads the period back from it), a line saying which columns the manager fills, the review's
own notes (no promotion block), the header and one row per agent. The columns csreport fills
are grey: 工号, 姓名, 组别, one per month (YYYY-MM, blank for a gap), 平均, 最低, 趋势, 否决次数,
质检合格率, the attendance totals, 司龄, the interview judgements and the latest plan, the current
and suggested 级别 and why. The manager's columns are white, bordered and unlocked: 技能,
岗位重要性, 日常表现, 最终级别 (a list of the ladder's levels) and 说明. Nothing is hidden; it prints
landscape, one page wide, the header repeated, the panes frozen under the header and after 姓名.

Sheet 评审规则: the promotion block in words, the ladder, and how every figure is counted.

Every text cell is a literal string (never a formula or a link); the file appears only once
it is complete.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook

from csreport.messages import Bilingual, both, translate
from csreport.outputs.xlsx.base import (
    A4,
    GREY,
    HEADER,
    INTEGER_FORMAT,
    MARGINS,
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
from csreport.rules.show import conditions_words
from csreport.scoring.review import Review, ReviewRow, judgement_note
from csreport.util.atomic import write_bytes_atomic

__all__ = ["FILL_COLUMNS", "REVIEW_COLUMNS", "write_review_workbook"]

# The rows above the table: the title, then the hint and the review's notes.
TITLE_ROW = 0
TOTAL_FORMAT = "0.0#"
SHARE_FORMAT = "0.0%"
CELL = {"border": 1, "border_color": "#BFBFBF"}
PREFILLED = {**GREY, **CELL}
FILL = {"bg_color": "#FFFFFF", "locked": False, **CELL, **WRAP}
CENTRED = {"align": "center"}
UP = {"font_color": "#006100"}
DOWN = {"font_color": "#9C0006"}
VETOED = {"font_color": "#9C0006"}
# Header codes of the columns after the months, in order (the attendance totals share the
# results workbook's words); then the manager's.
REVIEW_COLUMNS = (
    "review.col.average",
    "review.col.minimum",
    "review.col.trend",
    "review.col.vetoes",
    "review.col.qa_rate",
    "workbook.attendance.present",
    "workbook.attendance.late",
    "workbook.attendance.early_leave",
    "workbook.attendance.leave",
    "workbook.attendance.absent",
    "review.col.tenure",
    "review.col.interviews",
    "review.col.plan",
    "review.col.current",
    "review.col.suggested",
    "review.col.reason",
)
FILL_COLUMNS = (
    "review.col.skills",
    "review.col.importance",
    "review.col.conduct",
    "review.col.final",
    "review.col.note",
)
# Widths (characters) long text wraps at, and the manager's writing space: the sheet prints one
# page wide, so these keep it legible.
TEXT_CAPS = {"review.col.interviews": 18, "review.col.plan": 18, "review.col.reason": 34}
FILL_WIDTHS = {
    "review.col.skills": 14,
    "review.col.importance": 12,
    "review.col.conduct": 14,
    "review.col.final": 12,
    "review.col.note": 20,
}
# Excel refuses a list longer than this written in place (it then reads the 评审规则 sheet's
# cells), an input message longer than 255 characters and a title longer than 32.
LIST_CHARS = 255
MESSAGE_CHARS = 255
TITLE_CHARS = 32


class _Styles(Styles):
    """``Styles`` that first look a format up by the identity of its parts: the same few of this
    module's style dicts on every one of thousands of rows. The parts are kept with the format,
    so no id is reused by another dict while the cache holds it."""

    def __init__(self, book: Workbook) -> None:
        super().__init__(book)
        self._by_id: dict[tuple[tuple[int, ...], str | None], tuple[tuple[Any, ...], Format]] = {}

    def get(self, *parts: dict[str, Any] | None, num_format: str | None = None) -> Format:
        key = (tuple(map(id, parts)), num_format)
        found = self._by_id.get(key)
        if found is None:
            found = self._by_id[key] = (parts, super().get(*parts, num_format=num_format))
        return found[1]


def trend_format(lang: str) -> str:
    """The signed trend, points per month (the header says the unit): "+1.25", "-0.43", "0.00"."""
    return "+0.00;-0.00;0.00"


def title_text(review: Review, shop: str, lang: str) -> str:
    """The review sheet's title: "花店 晋级评审 2026-05 – 2026-10" (the period is read back from it)."""
    named = label("review.title_shop", lang, shop=shop) if shop else ""
    return label("review.title", lang, shop=named, start=review.start, end=review.end)


def write_review_workbook(review: Review, path: Path, *, lang: str = "zh", shop: str = "") -> Path:
    """Write the 晋级评审 workbook to ``path`` atomically and return ``path``.

    Raises ``XlsxWriteError`` when any cell or setting is refused; an existing file at ``path``
    is then left untouched.
    """
    path = Path(path)
    buffer = io.BytesIO()
    book = Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    book.set_properties(
        {
            "title": title_text(review, shop, lang),
            "author": "csreport",
            "comments": f"{review.rules_name_in(lang)} #{review.rules_hash}",
        }
    )
    styles = _Styles(book)
    main = SheetWriter(book.add_worksheet(label("review.sheet.review", lang)), styles, lang)
    rules = SheetWriter(book.add_worksheet(label("review.sheet.rules", lang)), styles, lang)
    ladder_cells = _write_rules(rules, review)
    header_row = _write_review(main, review, shop, ladder_cells)
    _page_setup(main, review, shop, (0, header_row))
    _page_setup(rules, review, shop, None)
    book.close()
    write_bytes_atomic(path, buffer.getvalue())
    return path


def _write_review(sw: SheetWriter, review: Review, shop: str, ladder_cells: str) -> int:
    """The 晋级评审 sheet; returns its header row."""
    lang = sw.lang
    months = review.months
    headers = [label("workbook.agent_id", lang), label("workbook.name", lang), label("workbook.group", lang)]
    headers += list(months) + [label(c, lang) for c in REVIEW_COLUMNS + FILL_COLUMNS]
    last = len(headers) - 1
    first_fill = last - len(FILL_COLUMNS) + 1
    sw.merged_text(TITLE_ROW, 0, min(last, 12), title_text(review, shop, lang), TITLE, {"font_size": 12})
    row = TITLE_ROW + 1
    for note in [label("review.explain.manager", lang), *(n.text(lang) for n in review.notes)]:
        sw.merged_text(row, 0, min(last, 12), note, WRAP)
        row += 1
    header_row = row
    sw.header_row(header_row, headers)
    for col in range(first_fill, last + 1):  # the manager's headers stand out from the grey ones
        sw.text(header_row, col, headers[col], HEADER, {"bg_color": "#FFFFFF"}, fit_width=12)
    first = header_row + 1
    for r, agent in enumerate(review.rows, start=first):
        _agent_row(sw, r, agent, len(months))
        for col in range(first_fill, last + 1):
            sw.blank(r, col, FILL)
    if review.rows:
        end = first + len(review.rows) - 1
        final_col = first_fill + FILL_COLUMNS.index("review.col.final")
        _level_list(sw, (first, end), final_col, review, ladder_cells)
        sw.check(sw.ws.autofilter(header_row, 0, end, last), "the autofilter")
    else:
        sw.text(first, 0, label("review.nobody", lang), autofit=False)
    after = 3 + len(months)
    for offset, code in enumerate(FILL_COLUMNS):
        sw.widths[first_fill + offset] = max(sw.widths.get(first_fill + offset, 0), FILL_WIDTHS[code] - 2)
    caps = {after + REVIEW_COLUMNS.index(code): width for code, width in TEXT_CAPS.items()}
    sw.ws.freeze_panes(first, 2)
    sw.fit_columns(caps=caps)
    return header_row


def _agent_row(sw: SheetWriter, row: int, a: ReviewRow, months: int) -> None:
    """The grey columns of one agent."""
    lang = sw.lang
    sw.text(row, 0, a.agent_id, PREFILLED)
    sw.text(row, 1, a.name, PREFILLED)
    sw.text(row, 2, a.group, PREFILLED)
    for col, total in enumerate(a.totals, start=3):
        sw.number(row, col, _rounded(total), TOTAL_FORMAT, PREFILLED)
    col = 3 + months
    att = a.attendance
    cells: list[Callable[[int], None]] = [
        lambda c: sw.number(row, c, _rounded(a.average), TOTAL_FORMAT, PREFILLED),
        lambda c: sw.number(row, c, _rounded(a.minimum), TOTAL_FORMAT, PREFILLED),
        lambda c: sw.number(row, c, _rounded(a.trend), trend_format(lang), PREFILLED),
        lambda c: sw.number(row, c, a.vetoes, INTEGER_FORMAT, PREFILLED, VETOED if a.vetoes else None),
        lambda c: sw.number(row, c, _rounded(a.qa_rate), SHARE_FORMAT, PREFILLED),
        lambda c: sw.number(row, c, att.present if att else None, INTEGER_FORMAT, PREFILLED),
        lambda c: sw.number(row, c, att.late if att else None, INTEGER_FORMAT, PREFILLED),
        lambda c: sw.number(row, c, att.early_leave if att else None, INTEGER_FORMAT, PREFILLED),
        lambda c: sw.number(row, c, att.leave if att else None, INTEGER_FORMAT, PREFILLED),
        lambda c: sw.number(row, c, att.absent if att else None, INTEGER_FORMAT, PREFILLED),
        lambda c: sw.number(row, c, a.tenure_months, INTEGER_FORMAT, PREFILLED),
        lambda c: sw.text(row, c, interview_text(a, lang), PREFILLED, WRAP),
        lambda c: sw.text(row, c, a.plan, PREFILLED, WRAP),
        lambda c: sw.text(row, c, a.level, PREFILLED, CENTRED),
        lambda c: sw.text(row, c, a.suggested, PREFILLED, CENTRED, MOVE_STYLE.get(a.move)),
        lambda c: sw.text(row, c, a.reason.text(lang) if a.reason else None, PREFILLED, WRAP),
    ]
    for offset, cell in enumerate(cells):
        cell(col + offset)


MOVE_STYLE = {"up": UP, "down": DOWN}


def interview_text(a: ReviewRow, lang: str) -> str:
    """The period's judgements, one a line: "2026-07 B（促销）"."""
    return "\n".join(judgement_note(i).text(lang) for i in a.interviews)


def _rounded(value: float | None) -> float | None:
    """A computed figure without float noise (the cell's format shows its decimals)."""
    return None if value is None else round(value, 6)


def _level_list(sw: SheetWriter, rows: tuple[int, int], col: int, review: Review, cells: str) -> None:
    """最终级别 picks from the ladder: a list written in place, or the 评审规则 sheet's cells when
    it is too long for Excel to hold in place."""
    names = [lv.name for lv in review.ladder]
    if not names:
        return
    lang = sw.lang
    source: str | list[str] = names if len(",".join(names)) <= LIST_CHARS else cells
    options = {
        "validate": "list",
        "source": source,
        "input_title": label("review.dv.title", lang)[:TITLE_CHARS],
        "input_message": label("review.dv.message", lang)[:MESSAGE_CHARS],
        "error_title": label("review.dv.title", lang)[:TITLE_CHARS],
        "error_message": label("review.dv.error", lang)[:MESSAGE_CHARS],
    }
    sw.check(sw.ws.data_validation(rows[0], col, rows[1], col, options), "the final level list")


def _write_rules(sw: SheetWriter, review: Review) -> str:
    """The 评审规则 sheet: the promotion block in words, the ladder (its cells are the final
    level list's source when that is too long to write in place) and what each figure means.
    Returns the ladder cells' absolute range, as a list source."""
    lang = sw.lang
    width = 6  # the columns a line of text spans

    def line(row: int, text: str, *style: dict[str, Any]) -> int:
        sw.merged_text(row, 0, width, text, WRAP, *style)
        return row + 1

    row = line(0, label("review.rules_title", lang, start=review.start, end=review.end), SECTION)
    row = line(
        row, label("review.rule.source", lang, name=review.rules_name_in(lang), hash=review.rules_hash)
    )
    row += 1
    if review.promotion is None:
        row = line(row, label("review.no_promotion", lang))
    else:
        for way, conditions in promotion_lines_of(review):
            row = line(row, f"{pick(way, lang)}{translate('loc.colon', lang)}{pick(conditions, lang)}")
        row = line(row, label("review.rule.down_first", lang))
    row += 1
    if review.ladder:
        row = line(row, label("review.rule.ladder", lang), SECTION)
    else:
        row = line(row, label("review.rule.no_ladder", lang))
    sw.text(row, 0, label("workbook.level", lang), HEADER)
    sw.text(row, 1, label("review.col.level_en", lang), HEADER)
    first = row + 1
    for r, lv in enumerate(review.ladder, start=first):
        sw.text(r, 0, lv.name)
        sw.text(r, 1, lv.name_en)
    row = first + max(len(review.ladder), 1) + 1
    row = line(row, label("review.explain.heading", lang), SECTION)
    for code in (
        "review.explain.totals",
        "review.explain.average",
        "review.explain.trend",
        "review.explain.vetoes",
        "review.explain.qa",
        "review.explain.attendance",
        "review.explain.tenure",
        "review.explain.interviews",
        "review.explain.manager",
    ):
        row = line(row, label(code, lang))
    sw.fit_columns(minimum=14, maximum=30)
    start = xl_rowcol_to_cell(first, 0, row_abs=True, col_abs=True)
    end = xl_rowcol_to_cell(first + max(len(review.ladder), 1) - 1, 0, row_abs=True, col_abs=True)
    name = sw.ws.name.replace("'", "''")
    return f"='{name}'!{start}:{end}"


def promotion_lines_of(review: Review) -> list[tuple[Bilingual, Bilingual]]:
    """The promotion block in words, as the rules' own sheet words it (``rules.show``): (晋升一级,
    至少 6 个月有总分，…), up first."""
    if review.promotion is None:
        return []
    ways = (("up", review.promotion.up), ("down", review.promotion.down))
    return [
        (both(f"rules_sheet.promotion.{way}"), conditions_words(rule))
        for way, rule in ways
        if rule is not None
    ]


def _page_setup(sw: SheetWriter, review: Review, shop: str, rows: tuple[int, int] | None) -> None:
    """A4 landscape, one page wide; the shop, sheet and period in the header, the rules and page
    number in the footer; ``rows`` repeated on every page."""
    ws, lang = sw.ws, sw.lang
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(**MARGINS)
    if rows is not None:
        ws.repeat_rows(*rows)
    period = label("review.period", lang, start=review.start, end=review.end)
    header = f"&L{header_footer_text(shop)}&C{header_footer_text(ws.name)}&R{header_footer_text(period)}"
    rules = label(
        "workbook.page.rules", lang, name=review.rules_name_in(lang)[:60], hash=review.rules_hash[:16]
    )
    footer = f"&L{header_footer_text(rules, 120)}&R{label('workbook.page.number', lang)}"
    ws.set_header(header)
    ws.set_footer(footer)
    if ws.header != header or ws.footer != footer:
        raise XlsxWriteError(f"XlsxWriter refused the page header or footer of {ws.name!r}")
