"""The 规则 sheet: the applied rules as readable tables for HR, then the rules file word for word.

At the top, the rules' name and version and which 考核表 applies to whom; then, per 考核表, one
row per band with the calculation, the band and the points (or the veto and its reason) in
words, the vetoes as conditions, and a note per resolved ambiguity; then the grades, the 系数,
the level ladder's benefits, the half-year review's thresholds for moving on it and the QA
sampling rules. Two grey columns at the right keep the interval notation and the source table's
wording for audit, and the rules file itself comes last, on pages of its own.

The sheet is laid out for A4 landscape at full size: its columns fit the page width, every row
is as tall as its wrapped text, and a table that runs onto another page starts that page again
with its title and column headers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from csreport.messages import Bilingual
from csreport.outputs.xlsx.base import (
    COEFFICIENT_FORMAT,
    HEADER,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    SECTION,
    VETO,
    SheetWriter,
    label,
)
from csreport.rules.model import Kpi, RuleSet, Table
from csreport.rules.show import (
    Line,
    applies_words,
    benefit_names,
    coefficient_grid,
    grade_lines,
    identity,
    input_words,
    kpi_lines,
    kpi_name,
    level_name,
    maximum,
    name_in,
    pick,
    profile_words,
    promotion_lines,
    sampling_lines,
    table_facts,
    table_name,
)

# Column widths (characters): 指标, 满分, 计算方式, 区间, 得分, 否决原因/说明, then the two audit
# columns. Together 142 characters: one A4 landscape page between 0.4" side margins at full
# size, so fitting the sheet to the page width never shrinks its text.
WIDTHS = (16, 9, 22, 24, 8, 29, 14, 20)
KPI_COL, MAX_COL, FORMULA_COL, BAND_COL, POINTS_COL, DETAIL_COL, AUDIT_COL, WRITTEN_COL = range(8)
LAST_COL = len(WIDTHS) - 1
# The rows repeated at the top of every printed page and frozen on screen: name and version.
TITLE_ROWS = 2
# Printable height of an A4 landscape page (595 pt) between the workbook's 0.75" margins, and
# the share of it filled before a table moves on: renderers wrap a little differently.
PAGE_HEIGHT = 595.0 - 2 * 54.0
FILL = 0.95

GRID = {"border": 1, "border_color": "#BFBFBF", "valign": "top"}
WRAPPED = {**GRID, "text_wrap": True}
KEY = {**WRAPPED, "bold": True}
CENTRED = {**GRID, "align": "center"}
AUDIT = {**WRAPPED, "font_color": "#595959", "bg_color": "#F2F2F2"}
HEAD = {**HEADER, "border_color": "#BFBFBF"}
AUDIT_HEAD = {**HEAD, "bg_color": "#E7E6E6", "font_color": "#595959"}
TITLE = {"bold": True, "font_size": 14, "text_wrap": True, "valign": "vcenter"}
PLAIN = {"text_wrap": True, "valign": "top"}
ASIDE = {**PLAIN, "italic": True, "font_color": "#595959"}
RAW_TEXT = {"font_name": "Consolas", "font_size": 10, "text_wrap": True, "valign": "top"}


@dataclass(frozen=True)
class Cell:
    """Text or a number in columns ``first``..``last`` (merged when more than one)."""

    first: int
    value: str | float | None
    style: dict[str, Any]
    last: int | None = None
    num_format: str | None = None

    @property
    def end(self) -> int:
        return self.first if self.last is None else self.last


@dataclass(frozen=True)
class Row:
    """One sheet row; ``grid`` columns without a cell get empty bordered cells."""

    cells: list[Cell] = field(default_factory=list)
    grid: int = -1  # the last column of the table the row belongs to, -1 for none
    font: float = 11.0

    @property
    def height(self) -> float:
        """Points needed to show every cell's wrapped text (at least one line)."""
        lines = 1
        for cell in self.cells:
            if isinstance(cell.value, str) and cell.value and cell.style.get("text_wrap"):
                width = float(sum(WIDTHS[cell.first : cell.end + 1]))
                lines = max(lines, wrapped(cell.value, width, cell.style))
        per_line = LINE_HEIGHT * max(self.font, 11.0) / 11.0
        return min(MAX_ROW_HEIGHT, per_line * lines + (2 if lines > 1 else 0))


# A wide (CJK) character or a word, or the spaces between words: where a line may break.
_PIECES = re.compile(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+")


def wrapped(text: str, width: float, style: dict[str, Any]) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, wrapped at word and
    CJK character boundaries as Excel and LibreOffice wrap it.

    Measured in widths of the digit 0, the unit of column widths: a CJK character takes 2.1 (an
    11-point CJK glyph is 14.7 pixels, Calibri's digit 7), a lowercase letter 0.9, a capital
    1.1, brackets and stops 0.6, a space 0.5 (a little more than Calibri's, about LibreOffice's
    stand-in fonts'); a monospaced font's characters 1.05; bold Latin text a tenth more. Erring wide
    only leaves a row a little tall.
    """
    mono = style.get("font_name") == "Consolas"
    scale = 1.1 if style.get("bold") else 1.0
    usable = max(1.0, width - 0.5)
    total = 0
    for paragraph in text.splitlines() or [""]:
        lines, used = 1, 0.0
        for piece in _PIECES.findall(paragraph):
            size = sum(_char_width(ch, mono) * (1.0 if ch > "\u2e80" else scale) for ch in piece)
            if piece.isspace():
                used += size
                continue
            if used and used + size > usable:
                lines, used = lines + 1, 0.0
            while size > usable:  # a word longer than a line is cut wherever it reaches the edge
                lines, size = lines + 1, size - usable
            used += size
        total += lines
    return total


def _char_width(ch: str, mono: bool) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2.0 if mono else 2.1
    if mono:
        return 1.05
    if ch == " ":
        return 0.5
    if ch in _NARROW:
        return 0.6
    return 0.9 if ch.islower() else 1.1 if ch.isupper() else 1.0


_NARROW = set("()[],.:;'!|/-")


SPACER = Row()


class _Pages:
    """Writes rows top to bottom and breaks pages between groups that would not fit."""

    def __init__(self, sw: SheetWriter) -> None:
        self.sw = sw
        self.row = 0
        self.used = 0.0
        self.breaks: list[int] = []
        self.budget = PAGE_HEIGHT * FILL

    def put(self, rows: list[Row]) -> None:
        """Write ``rows`` where the sheet has got to."""
        for row in rows:
            self._write(row)
            self.used += row.height
            if self.used > self.budget:  # the renderer breaks the page by itself
                self.used -= self.budget
            self.row += 1

    def keep(self, rows: list[Row], again: list[Row] | None = None) -> None:
        """Write ``rows`` after a spacer, or at the top of a new page (after ``again``, the
        title and headers of the table they continue) when they would not fit on this one."""
        need = sum(r.height for r in [SPACER, *rows])
        if self.used and self.used + need > self.budget:
            self.new_page()
            self.put([*(again or []), *rows])
        else:
            self.put([SPACER, *rows])

    def new_page(self) -> None:
        """Start the next row on a new page."""
        self.breaks.append(self.row)
        self.used = 0.0

    def _write(self, row: Row) -> None:
        sw, r = self.sw, self.row
        taken: set[int] = set()
        for cell in row.cells:
            if cell.end > cell.first:
                rc = sw.ws.merge_range(r, cell.first, r, cell.end, "", sw.styles.get(cell.style))
                sw.check(rc, f"a merged range at row {r + 1}")
            if isinstance(cell.value, (int, float)):
                sw.number(r, cell.first, cell.value, cell.num_format, cell.style)
            else:
                sw.text(r, cell.first, cell.value, cell.style, autofit=False)
            taken.update(range(cell.first, cell.end + 1))
        for col in range(row.grid + 1):
            if col not in taken:
                sw.blank(r, col, AUDIT if col >= AUDIT_COL else GRID)
        if row.cells:
            height = row.height
            if height != LINE_HEIGHT:
                sw.check(sw.ws.set_row(r, height), f"the height of row {r + 1}")


def _text(value: Bilingual | None, lang: str) -> str | None:
    return None if value is None else pick(value, lang)


def _heading(text: str) -> Row:
    return Row([Cell(0, text, SECTION, LAST_COL)], font=12)


def _aside(text: str) -> Row:
    return Row([Cell(0, text, ASIDE, LAST_COL)])


def _header(labels: list[tuple[int, int, str, dict[str, Any]]]) -> Row:
    return Row([Cell(first, text, style, last) for first, last, text, style in labels], grid=-1)


def _kpi_header(lang: str) -> Row:
    codes = ("kpi", "max", "formula", "band", "points", "detail", "audit", "written")
    return _header(
        [
            (col, col, label(f"rules_sheet.col.{code}", lang), AUDIT_HEAD if col >= AUDIT_COL else HEAD)
            for col, code in enumerate(codes)
        ]
    )


def _kpi_rows(kpi: Kpi, rules: RuleSet, lang: str) -> list[Row]:
    """One row per band, rule, veto condition and note; the KPI itself on the first."""
    lines = kpi_lines(kpi, rules.vocabulary) or [Line("note")]
    rows = []
    for i, line in enumerate(lines):
        cells = []
        if i == 0:
            cells += [
                Cell(KPI_COL, kpi_name(kpi, lang), KEY),
                Cell(MAX_COL, pick(maximum(kpi), lang), CENTRED),
                Cell(FORMULA_COL, pick(input_words(kpi, rules.vocabulary), lang), WRAPPED),
            ]
        words, detail = _text(line.words, lang), _text(line.detail, lang)
        if line.kind == "note":
            cells.append(Cell(BAND_COL, detail, {**WRAPPED, "italic": True}, DETAIL_COL))
        elif line.kind == "rule":
            cells.append(Cell(BAND_COL, words, WRAPPED, POINTS_COL))
        else:
            cells += [
                Cell(BAND_COL, words, WRAPPED),
                Cell(POINTS_COL, _text(line.outcome, lang), {**CENTRED, **VETO} if line.veto else CENTRED),
                Cell(DETAIL_COL, detail, WRAPPED),
            ]
        cells += [Cell(AUDIT_COL, line.audit, AUDIT), Cell(WRITTEN_COL, line.written, AUDIT)]
        rows.append(Row(cells, grid=LAST_COL))
    return rows


def _table(pages: _Pages, table: Table, rules: RuleSet, lang: str) -> None:
    """A 考核表: its facts, then its KPIs band by band, a KPI never split across pages."""
    name = table_name(table, lang)
    facts = [(code, pick(value, lang)) for code, value in table_facts(table, rules)]
    head = [_heading(label("rules_sheet.table", lang, name=name))]
    head += [
        Row([Cell(KPI_COL, label(code, lang), KEY), Cell(MAX_COL, value, WRAPPED, LAST_COL)], grid=LAST_COL)
        for code, value in facts
    ]
    again = [_heading(label("rules_sheet.table_continued", lang, name=name)), _kpi_header(lang)]
    kpis = [_kpi_rows(kpi, rules, lang) for kpi in table.kpis]
    pages.keep([*head, _kpi_header(lang), *(kpis[0] if kpis else [])])
    for rows in kpis[1:]:
        if pages.used + sum(r.height for r in rows) > pages.budget:
            pages.new_page()
            pages.put(again)
        pages.put(rows)


def _grades(pages: _Pages, rules: RuleSet, lang: str) -> None:
    """The grades, the 系数 by level and grade, and the level ladder's benefits."""
    if rules.grades:
        rows = [
            _heading(label("rules_sheet.grades", lang)),
            _header(
                [
                    (0, 0, label("rules_sheet.col.grade", lang), HEAD),
                    (1, 1, label("rules_sheet.col.grade_label", lang), HEAD),
                    (2, DETAIL_COL, label("rules_sheet.col.grade_need", lang), HEAD),
                ]
            ),
        ]
        for name, grade_label, need in grade_lines(rules):
            cells = [
                Cell(0, name, KEY),
                Cell(1, grade_label, CENTRED),
                Cell(2, pick(need, lang), WRAPPED, DETAIL_COL),
            ]
            rows.append(Row(cells, grid=DETAIL_COL))
        rows.append(_aside(label("rules_sheet.grade_note", lang)))
        pages.keep(rows)
    if rules.coefficients:
        levels, grades = coefficient_grid(rules)
        centred_head = {**HEAD, "align": "center"}
        rows = [
            _heading(label("rules_sheet.coefficients", lang)),
            _header(
                [(0, 0, label("rules_sheet.col.level", lang), HEAD)]
                + [(col, col, grade, centred_head) for col, grade in enumerate(grades, start=1)]
            ),
        ]
        for level in levels:
            by_grade = rules.coefficients[level]
            cells = [Cell(0, level_name(rules, level, lang), KEY)]
            cells += [
                Cell(col, by_grade.get(grade), CENTRED, num_format=COEFFICIENT_FORMAT)
                for col, grade in enumerate(grades, start=1)
            ]
            rows.append(Row(cells, grid=len(grades)))
        pages.keep(rows)
    benefits = benefit_names(rules)
    if benefits:
        rows = [
            _heading(label("rules_sheet.benefits", lang)),
            _header(
                [(0, 0, label("rules_sheet.col.level", lang), HEAD)]
                + [(col, col, name, HEAD) for col, name in enumerate(benefits, start=1)]
            ),
        ]
        for rung in rules.levels:
            given = dict(rung.benefits)
            cells = [Cell(0, level_name(rules, rung.name, lang), KEY)]
            cells += [Cell(col, given.get(name), WRAPPED) for col, name in enumerate(benefits, start=1)]
            rows.append(Row(cells, grid=len(benefits)))
        pages.keep(rows)
    moves = promotion_lines(rules)
    if moves:
        rows = [_heading(label("rules_sheet.promotion", lang))]
        rows += [
            Row(
                [Cell(0, pick(way, lang), KEY, MAX_COL), Cell(FORMULA_COL, pick(c, lang), WRAPPED, LAST_COL)],
                grid=LAST_COL,
            )
            for way, c in moves
        ]
        rows.append(_aside(label("rules_sheet.promotion.note", lang)))
        pages.keep(rows)


def _sampling(pages: _Pages, rules: RuleSet, lang: str) -> None:
    """The QA sampling rules in words, one setting a row, when the rules have them."""
    if rules.sampling is None:
        return
    rows = [_heading(label("rules_sheet.sampling", lang))]
    rows += [
        Row(
            [Cell(0, pick(key, lang), KEY, MAX_COL), Cell(FORMULA_COL, pick(words, lang), WRAPPED, LAST_COL)],
            grid=LAST_COL,
        )
        for key, words in sampling_lines(rules.sampling)
    ]
    rows.append(_aside(label("rules_sheet.sampling.note", lang)))
    pages.keep(rows)


def _identity(rules: RuleSet, lang: str) -> str:
    """The rules' version and source, and the first month they apply to when they say one: the
    title row every page repeats, so each page says which version of the rules it shows."""
    shown = pick(identity(rules), lang)
    if rules.effective_from:
        effective = label("rules_sheet.effective_line", lang, month=rules.effective_from)
        shown += label("list.clauses", lang) + effective
    return shown


def write_rules(sw: SheetWriter, rules: RuleSet) -> None:
    """Fill 规则: who uses which table, each table's KPIs and bands in words (with audit
    columns), grades, 系数 and benefits, the level review and QA sampling, and the rules file's
    text at the end."""
    lang = sw.lang
    for col, width in enumerate(WIDTHS):
        sw.check(sw.ws.set_column(col, col, width), f"the width of column {col + 1}")
    pages = _Pages(sw)
    title = [
        Row([Cell(0, label("rules_sheet.title", lang, name=name_in(rules, lang)), TITLE, LAST_COL)], font=14),
        Row([Cell(0, _identity(rules, lang), PLAIN, LAST_COL)]),
    ]
    pages.put(title)
    # The title rows repeat on every page, so each page holds that much less.
    pages.budget = (PAGE_HEIGHT - sum(r.height for r in title)) * FILL
    pages.used = 0.0
    who = [_heading(label("rules_sheet.who", lang))]
    who += [
        Row(
            [
                Cell(KPI_COL, table_name(table, lang), KEY),
                Cell(MAX_COL, pick(applies_words(table, rules), lang), WRAPPED, LAST_COL),
            ],
            grid=LAST_COL,
        )
        for table in rules.tables
    ]
    applied = profile_words(rules)
    if applied is not None:
        who.append(
            Row(
                [
                    Cell(KPI_COL, label("rules_sheet.profile", lang), KEY),
                    Cell(MAX_COL, pick(applied, lang), WRAPPED, LAST_COL),
                ],
                grid=LAST_COL,
            )
        )
    pages.keep(who)
    reading = ("points", "veto", "missing", "audit")
    pages.keep(
        [_heading(label("rules_sheet.how", lang))]
        + [Row([Cell(0, label(f"rules_sheet.read.{r}", lang), PLAIN, LAST_COL)]) for r in reading]
    )
    for table in rules.tables:
        _table(pages, table, rules, lang)
    _grades(pages, rules, lang)
    _sampling(pages, rules, lang)
    pages.new_page()
    pages.put([_heading(label("rules_sheet.text", lang)), _aside(label("rules_sheet.text_note", lang))])
    pages.put([Row([Cell(0, line, RAW_TEXT, LAST_COL)], font=10) for line in rules.text.splitlines()])
    sw.check(sw.ws.set_h_pagebreaks(pages.breaks), "the page breaks")
    sw.ws.freeze_panes(TITLE_ROWS, 0)
