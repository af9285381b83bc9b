"""Rules as an Excel workbook HR reads, prints and edits, and such a workbook back into rules YAML.

说明 comes first and says what may be edited and how; each scoring table (考核表) has its own sheet:
the table's fields above, then one row per band with the band in words (区间, only read) and,
for editing, its bounds with a 含/不含 dropdown (a blank bound is no bound). 等级, 系数, 级别,
权重方案, 级别升降 (the half-year review's thresholds) and 抽样规则 (the QA sampling) have their own
sheets; the first month the rules apply to is on 说明, under their names. Numbers XlsxWriter
cannot store exactly (it keeps 16 digits) are written as text, which reads back to the same
float, so the round trip is exact.

Importing reads the sheets back (``workbook.parse``), checks the result with the loader and the
linter ``run`` uses, and refuses a workbook with any error, naming the sheet, row and column.
"""

from __future__ import annotations

import html
import io
import math
import os
import re
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter

from csreport.fields import BUILTIN, Vocabulary
from csreport.messages import Bilingual, Note, both, listed, translate
from csreport.problems import CsreportError
from csreport.rules.lint import Finding, lint
from csreport.rules.loader import PRESETS, parse_rules
from csreport.rules.model import Band, Kpi, RuleSet, SamplingRules, Table
from csreport.rules.sampling import STRATA, stratum_words
from csreport.rules.serialize import HEADER, applies_text, benefit_order, bound_text, dump_yaml, from_wording
from csreport.rules.show import conditions_words, sampling_lines
from csreport.rules.wording import band_words, formula_words, points, rank_band_words, rule_words
from csreport.rules.wording import condition_words as words_of_condition
from csreport.rules.workbook.layout import (
    BLOCK_LABELS,
    CHOICES,
    COEF_LEVEL,
    COEF_SHOWN,
    FONT_NAME,
    FONT_SIZE,
    GRADE_COLS,
    GREY_TEXT,
    HEAD_FILL,
    MIN_PRINT_POINTS,
    MORE_FILL,
    NAME_LABELS,
    OLD_MAIN,
    PROMOTION_COLS,
    READ_FILL,
    SAMPLING_ERROR_TYPE,
    SAMPLING_HEAD,
    SAMPLING_LABELS,
    SAMPLING_SETTINGS,
    SHEETS,
    VETO_WORD,
    Col,
    block_order,
    help_rows,
    kpi_columns,
    level_columns,
    profile_columns,
    sampling_strata_columns,
)
from csreport.rules.workbook.parse import SPELLERS, Cell, Problem, Reader, WorkbookProblems
from csreport.util.atomic import atomic_path, write_text_atomic
from csreport.util.paths import refuse_input_as_output, replaceable_target

# The marker every exported workbook carries (a custom document property, which Excel and
# WPS keep when the file is edited and saved), so that export may replace an earlier export
# but never a user's own workbook.
MARKER_NAME, MARKER_VALUE = "csreport", "rules workbook"
MAX_WORKBOOK_BYTES = 20 * 2**20  # an exported rules workbook is about 20 KB
MAX_UNZIPPED_BYTES = 100 * 2**20
WORKBOOK = both("output.kind_rules_xlsx")
A4 = 9
MARGIN_INCHES = 0.4  # left and right; narrower than Excel's 0.7" leaves wide sheets a larger scale
MARGIN_TOP = 0.7  # top and bottom, inches; the page header and footer sit in them
PAGE_WIDTH_PX = (11.69 - 2 * MARGIN_INCHES) * 96
# The height rows may take on a page (points), a little kept free for rounding in editors.
PAGE_HEIGHT_PT = (8.27 - 2 * MARGIN_TOP) * 72 * 0.97
DEFAULT_ROW_PT = 12.75
# 抽样规则's column widths (characters): the strata rows' columns set them (in English the
# rating's English words come first); the settings' values sit in column B.
SAMPLING_WIDTHS = {"zh": (24.0, 26.0, 18.0, 64.0), "en": (32.0, 30.0, 12.0, 18.0, 52.0)}
# Characters that may not appear in a sheet's name, and its length limit.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
SHEET_NAME_CHARS = 31

__all__ = [
    "Located",
    "WorkbookRules",
    "export_rules",
    "import_rules",
    "import_workbook",
    "lint_workbook",
    "read_rules_workbook",
    "rules_text_from_workbook",
]


# ---- export -------------------------------------------------------------------------------------


class _Book:
    """The workbook being written: its formats, the output language, page setup."""

    def __init__(self, path: Path, rules: RuleSet, lang: str) -> None:
        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                # The workbook's own font sets the width of a column's character.
                "default_format_properties": {"font_name": FONT_NAME, "font_size": FONT_SIZE},
            },
        )
        self.book.set_custom_property(MARKER_NAME, MARKER_VALUE)
        self.rules, self.lang, self.en = rules, lang, lang == "en"
        self.book.set_properties({"title": self.pick(Bilingual(rules.name, rules.name_en or rules.name))})
        self.formats: dict[tuple[tuple[str, Any], ...], Any] = {}
        self.taken: set[str] = set()
        self.names: dict[str, str] = {}
        self.heights: dict[str, dict[int, float]] = {}  # sheet -> row -> height in points

    def pick(self, pair: Bilingual | tuple[str, str]) -> str:
        return pair[1] if self.en else pair[0]

    def fmt(self, **props: Any) -> Any:
        """A shared cell format: the body font, wrapped, top-aligned and bordered, plus ``props``."""
        full = {
            "font_name": FONT_NAME,
            "font_size": FONT_SIZE,
            "text_wrap": True,
            "valign": "top",
            "border": 1,
            "border_color": "#BFBFBF",
            **props,
        }
        key = tuple(sorted(full.items()))
        if key not in self.formats:
            self.formats[key] = self.book.add_format(full)
        return self.formats[key]

    def head_fmt(self, col: Col) -> Any:
        fill = HEAD_FILL if col.role in ("edit", "read") else MORE_FILL
        return self.fmt(bold=True, bg_color=fill, valign="vcenter")

    def name(self, wanted: str) -> str:
        """``wanted`` made a valid sheet name no other sheet has (Excel ignores letter case)."""
        base = _NOT_IN_SHEET_NAME.sub("_", wanted).strip().strip("'")[:SHEET_NAME_CHARS]
        base = base or translate("rules.wb_table_sheet", self.lang, n=len(self.taken))
        shown, n = base, 2
        while shown.lower() in self.taken:
            suffix = f" ({n})"
            shown, n = base[: SHEET_NAME_CHARS - len(suffix)] + suffix, n + 1
        self.taken.add(shown.lower())
        return shown

    def put(self, ws: Any, r: int, c: int, value: Any, col: Col, unit: str = "", **props: Any) -> str:
        """Write one value: choices as their label, text as text, numbers exactly; returns the text
        a reader sees (for the row's height)."""
        if col.role == "read":
            props = {"bg_color": READ_FILL, "font_color": GREY_TEXT, **props}
        elif col.role in ("more", "hidden"):
            props = {"font_color": GREY_TEXT, **props}
        if col.kind in ("points", "incl"):
            props = {"align": "center", **props}
        shown = ""
        if value is None or value == "":
            ws.write_blank(r, c, None, self.fmt(**props))
        elif col.kind in CHOICES:
            shown = self.pick(CHOICES[col.kind][value])
            ws.write_string(r, c, shown, self.fmt(**props))
        elif isinstance(value, str):
            shown = value
            ws.write_string(r, c, value, self.fmt(**props))
        elif not math.isfinite(value) or float(f"{value:.16G}") != value:
            # XlsxWriter keeps 16 digits; text keeps the float (and ∞ for an infinite bound).
            shown = bound_text(value, unit if col.kind == "bound" else "").replace("inf", "∞")
            ws.write_string(r, c, shown, self.fmt(**props))
        elif col.kind == "bound" and unit == "%":
            shown = bound_text(value, "%")
            places = len(shown[:-1].partition(".")[2])
            ws.write_number(r, c, value, self.fmt(num_format=f"{0:.{places}f}%", **props))
        elif col.places is not None:
            shown = f"{value:.{col.places}f}"
            ws.write_number(r, c, value, self.fmt(num_format=f"{0:.{col.places}f}", **props))
        else:
            shown = f"{value:.16G}"
            ws.write_number(r, c, value, self.fmt(**props))
        return shown

    def grid(
        self,
        ws: Any,
        top: int,
        cols: tuple[Col, ...],
        rows: list[dict[str, Any]],
        first_rows: Iterable[int] = (),
    ) -> int:
        """A header row at ``top`` and one row per record below it, with dropdowns on choice
        columns; rows in ``first_rows`` start a group (a thicker line above). Every row is as
        tall as its longest wrapped text (editors do not size rows of a written file). Returns
        the last row."""
        starts = set(first_rows)
        # Further settings are not printed: wide enough for their header in two lines, so that
        # they never make the header row taller than the printed columns do.
        cols = tuple(
            replace(c, width=max(c.width, text_width(c.header(self.lang)) / 2 + 2)) if c.role == "more" else c
            for c in cols
        )
        shown = [c for c in cols if c.role != "hidden"]
        head_lines = max((text_lines(c.header(self.lang), c.width) for c in shown), default=1)
        self.row(ws, top, line_height(FONT_SIZE) * head_lines)
        for c, col in enumerate(cols):
            ws.write_string(top, c, col.header(self.lang), self.head_fmt(col))
            hidden = {"hidden": True} if col.role == "hidden" else {}
            ws.set_column(c, c, col.width, None, hidden)
            if col.kind in CHOICES:
                source = [self.pick(labels) for labels in CHOICES[col.kind].values()]
                ws.data_validation(
                    top + 1, c, top + len(rows) + 500, c, {"validate": "list", "source": source}
                )
        for i, row in enumerate(rows):
            extra = {"top": 2, "top_color": "#7F7F7F"} if i in starts and i else {}
            lines = 1
            for c, col in enumerate(cols):
                text = self.put(ws, top + 1 + i, c, row.get(col.key), col, row.get("_unit", ""), **extra)
                if col.role != "hidden":
                    lines = max(lines, text_lines(text, col.width))
            self.row(ws, top + 1 + i, line_height(FONT_SIZE) * lines)
        return top + len(rows)

    def row(self, ws: Any, r: int, height: float, hidden: bool = False) -> None:
        """Set row ``r``'s height (points), remembered for the page breaks."""
        ws.set_row(r, height, None, {"hidden": True} if hidden else {})
        self.heights.setdefault(ws.name, {})[r] = 0.0 if hidden else height

    def page(
        self, ws: Any, cols: Iterable[Col], head: int, last_row: int, groups: Iterable[int] = ()
    ) -> None:
        """A4 landscape with the header row repeated on every page and the rules' name, the sheet
        and the page number around it. Only the reader's columns print, scaled to the page width
        when the text stays at least ``MIN_PRINT_POINTS`` (else continued on further pages with
        the first column repeated). A page breaks before a group of rows (a KPI's) that would
        not fit on it whole.

        A print scale rather than "fit to width": Excel ignores page breaks on a sheet fitted to
        pages, and rows of a set height then print alike in Excel, WPS and LibreOffice."""
        printed = [c for c in cols if c.role in ("edit", "read")]
        ws.set_landscape()
        ws.set_paper(A4)
        ws.set_margins(left=MARGIN_INCHES, right=MARGIN_INCHES, top=MARGIN_TOP, bottom=MARGIN_TOP)
        ws.repeat_rows(head)
        ws.print_area(0, 0, max(last_row, head), max(len(printed) - 1, 0))
        scale = print_scale(c.width for c in printed)
        if scale is None:
            scale = 100
            ws.repeat_columns(0)
        ws.set_print_scale(scale)
        heights = self.heights.get(ws.name, {})
        breaks = page_breaks(heights, head, last_row, set(groups), scale / 100)
        if breaks:
            ws.set_h_pagebreaks(breaks)
        name = _page_text(self.pick(Bilingual(self.rules.name, self.rules.name_en or self.rules.name)))
        ws.set_header(f"&L{name}&R{_page_text(ws.name)}")
        ws.set_footer(f"&C{translate('rules.wb_page', self.lang)}")

    # -- the sheets ------------------------------------------------------------------------------

    def help(self, name: str, table_sheets: list[str]) -> None:
        """说明: the rules' names (editable), then what may be edited and how."""
        ws = self.book.add_worksheet(name)
        rules = self.rules
        names = {"name": rules.name, "name_en": rules.name_en, "effective_from": rules.effective_from}
        order = ("name_en", "name", "effective_from") if self.en else ("name", "name_en", "effective_from")
        text_col = Col("text", Bilingual("", ""), 100, "text")
        head = Col("topic", both("rules.col.help.topic"), 18, "text")
        label = self.fmt(bold=True, bg_color=HEAD_FILL)
        for r, key in enumerate(order):
            size = FONT_SIZE + 2 if r == 0 else FONT_SIZE
            ws.write_string(r, 0, self.pick(NAME_LABELS[key]), label)
            self.put(ws, r, 1, names[key], text_col, bold=r == 0, font_size=size)
            label_lines = text_lines(self.pick(NAME_LABELS[key]), head.width)
            lines = max(text_lines(names[key], text_col.width), label_lines)
            self.row(ws, r, line_height(size) * lines)
        top = len(order) + 1
        what = Col("how", both("rules.col.help.how"), 100, "text")
        ws.write_string(top, 0, head.header(self.lang), self.head_fmt(head))
        ws.write_string(top, 1, what.header(self.lang), self.head_fmt(what))
        sheets = listed((both("rules.wb_sheet_quoted", sheet=s) for s in table_sheets), "list.sep")
        promotion = self.rules.promotion is not None
        sampling = self.rules.sampling is not None
        rows = help_rows(self.lang, bool(self.rules.profiles), promotion, sampling, sheets=sheets)
        self.row(ws, top, line_height(FONT_SIZE))
        for r, (topic, text) in enumerate(rows, start=top + 1):
            ws.write_string(r, 0, topic, self.fmt(bold=True))
            ws.write_string(r, 1, text, self.fmt())
            lines = max(text_lines(topic, head.width), text_lines(text, what.width))
            self.row(ws, r, line_height(FONT_SIZE) * lines)
        ws.set_column(0, 0, head.width)
        ws.set_column(1, 1, what.width)
        self.page(ws, (head, what), top, top + len(rows))

    def table(self, name: str, table: Table) -> None:
        """One scoring table's sheet: its fields above, then one row per band."""
        ws = self.book.add_worksheet(name)
        cols = kpi_columns(self.lang)
        printed = sum(1 for c in cols if c.role in ("edit", "read"))
        values: dict[str, str | float | None] = {
            "name": table.name,
            "name_en": table.name_en,
            "applies_to": applies_text(table.applies_to, self.lang),
            "total": table.total,
            "fail_if_total_le": table.fail_if_total_le,
            "retrain_limit": table.retrain_limit,
            "note": table.note,
            "id": table.id,
        }
        width = sum(c.width for c in cols[1:printed])
        value_col = Col("value", Bilingual("", ""), width, "text")
        for r, key in enumerate(block_order(self.lang)):
            title = r == 0
            size = FONT_SIZE + 2 if title else FONT_SIZE
            ws.write_string(r, 0, self.pick(BLOCK_LABELS[key]), self.fmt(bold=True, bg_color=HEAD_FILL))
            style: dict[str, Any] = {"bold": title, "font_size": size, "align": "left"}
            ws.merge_range(r, 1, r, printed - 1, "", self.fmt(**style))
            self.put(ws, r, 1, values[key], value_col, **style)
            value = values[key]
            text = value if isinstance(value, str) else ""
            label_lines = text_lines(self.pick(BLOCK_LABELS[key]), cols[0].width)
            self.row(ws, r, line_height(size) * max(text_lines(text, width), label_lines), key == "id")
        head = len(block_order(self.lang)) + 1
        self.row(ws, head - 1, line_height(FONT_SIZE))
        rows, starts = self.band_rows(table)
        last = self.grid(ws, head, cols, rows, starts)
        ws.freeze_panes(head + 1, 1)
        self.page(ws, cols, head, last, (head + 1 + i for i in starts))

    def band_rows(self, table: Table) -> tuple[list[dict[str, Any]], list[int]]:
        """Each KPI's rows: one per band and veto condition, its own fields on its first row."""
        rows: list[dict[str, Any]] = []
        starts: list[int] = []
        for kpi in table.kpis:
            starts.append(len(rows))
            mine = [self.band_row(kpi, b) for b in kpi.bands]
            if not kpi.bands:
                rule = rule_words(kpi)
                mine.append({"band": rule.text(self.lang) if rule else ""})
            mine += [self.veto_row(kpi, i) for i in range(len(kpi.vetoes))]
            mine[0].update(self.kpi_cells(kpi))
            rows += [{**row, "_unit": kpi.unit} for row in mine]
        return rows, starts

    def kpi_cells(self, kpi: Kpi) -> dict[str, Any]:
        vocabulary = self.rules.vocabulary
        out: dict[str, Any] = {
            "id": kpi.id,
            "name": kpi.name,
            "name_en": kpi.name_en,
            "weight": kpi.weight,
            "measure": formula_words(kpi.input, vocabulary).text(self.lang),
            "input": SPELLERS["formula"](kpi.input, vocabulary),
            "input_src": kpi.input,
            "unit": kpi.unit,
            "mode": kpi.mode,
            "missing": kpi.missing,
            "rounding": kpi.rounding,
            "note": kpi.note,
            "floor": kpi.floor,
            "cap": kpi.cap,
            "min_sample": kpi.min_sample or None,
            "per_unit": kpi.per_unit or None,
            "better": kpi.better if kpi.mode == "rank" or kpi.better != "higher" else None,
        }
        if kpi.sample is not None:
            out.update(sample=SPELLERS["field"](str(kpi.sample), vocabulary), sample_src=kpi.sample)
        for i, (value, pts) in enumerate(kpi.anchors[:2], start=1):
            out.update({f"anchor{i}": value, f"anchor{i}_points": pts})
        return out

    def band_row(self, kpi: Kpi, band: Band) -> dict[str, Any]:
        words = rank_band_words(band) if kpi.mode == "rank" else band_words(band, kpi.unit)
        row: dict[str, Any] = {"band": words.text(self.lang), "written": band.written, "label": band.label}
        if not from_wording(band):
            # A blank bound is no bound; a band without bounds that keeps a wording says 不含 on
            # both sides, so that import does not read it from the wording.
            both_open = math.isinf(band.low) and math.isinf(band.high) and band.written is not None
            for key, x, incl, unbounded in (
                ("low", band.low, band.low_incl, -math.inf),
                ("high", band.high, band.high_incl, math.inf),
            ):
                row[key] = None if x == unbounded else x
                row[f"{key}_incl"] = incl if math.isfinite(x) else (False if both_open else None)
        if band.veto is not None:
            row.update(points=self.pick(VETO_WORD), veto=band.veto, veto_en=band.veto_en)
        else:
            row["points"] = band.points
        return row

    def veto_row(self, kpi: Kpi, i: int) -> dict[str, Any]:
        veto = kpi.vetoes[i]
        text = f"{veto.expr} {veto.op} {bound_text(veto.value, veto.unit)}"
        condition = words_of_condition(veto, self.rules.vocabulary)
        return {
            "band": Note.of("rules.wb_condition", condition=condition.bilingual()).text(self.lang),
            "points": self.pick(VETO_WORD),
            "veto": veto.reason,
            "veto_en": veto.reason_en,
            "when": SPELLERS["condition"](text, self.rules.vocabulary),
            "when_src": text,
        }

    def grades(self) -> None:
        rules = self.rules
        ws = self.book.add_worksheet(self.names["grades"])
        rows: list[dict[str, Any]] = []
        for g in rules.grades:
            if g.relative:
                condition = both("rules.wb_grade_share", share=bound_text(g.min_total, "%"))
            else:
                condition = both("rules.wb_grade_total", total=points(g.min_total))
            kind = "relative" if g.relative else "absolute"
            unit = "%" if g.relative else ""
            rows.append(
                {
                    "name": g.name,
                    "kind": kind,
                    "min": g.min_total,
                    "label": g.label,
                    "_unit": unit,
                    "condition": self.pick(condition),
                }
            )
        fail = {
            "name": rules.fail_grade,
            "kind": "fail",
            "condition": translate("rules.wb_grade_fail", self.lang),
        }
        last = self.grid(ws, 0, GRADE_COLS, [*rows, fail])
        ws.freeze_panes(1, 0)
        self.page(ws, GRADE_COLS, 0, last)

    def coefficients(self) -> None:
        rules = self.rules
        ws = self.book.add_worksheet(self.names["coefficients"])
        grades = list(
            dict.fromkeys(
                [
                    *(g.name for g in rules.grades),
                    rules.fail_grade,
                    *(g for row in rules.coefficients.values() for g in row),
                ]
            )
        )
        key_cols = (COEF_SHOWN, COEF_LEVEL) if self.en else (COEF_LEVEL,)
        # Every 系数 with as many decimals as the most precise one needs (1.00 beside 1.05).
        places = max((_decimals(v) for row in rules.coefficients.values() for v in row.values()), default=0)
        shown = places if places <= 4 else None
        cols = (*key_cols, *(Col(f"grade:{g}", Bilingual(g, g), 9, "num", places=shown) for g in grades))
        english = {lv.name: lv.name_en for lv in rules.levels}
        rows = [
            {
                "level": level,
                "level_shown": english.get(level, level),
                **{f"grade:{g}": v for g, v in row.items()},
            }
            for level, row in rules.coefficients.items()
        ]
        last = self.grid(ws, 0, cols, rows)
        ws.freeze_panes(1, len(key_cols))
        self.page(ws, cols, 0, last)

    def levels(self) -> None:
        rules = self.rules
        ws = self.book.add_worksheet(self.names["levels"])
        benefits = benefit_order(rules.levels)
        taken = {h for c in level_columns(self.lang) for h in c.head}
        cols = (
            *level_columns(self.lang),
            *(
                Col(b, Bilingual(b, b), max(10.0, text_width(b) + 2), "text")
                for b in benefits
                if b not in taken
            ),
        )
        rows = [{"name": lv.name, "name_en": lv.name_en, **dict(lv.benefits)} for lv in rules.levels]
        last = self.grid(ws, 0, cols, rows)
        ws.freeze_panes(1, 1)
        self.page(ws, cols, 0, last)

    def profiles(self) -> None:
        rules = self.rules
        ws = self.book.add_worksheet(self.names["profiles"])
        tables = {t.id: t for t in rules.tables}
        rows = []
        for p in rules.profiles:
            for i, (t, k, w) in enumerate(p.weights or (("", "", None),)):
                table = tables.get(t)
                kpi = next((x for x in table.kpis if x.id == k), None) if table else None
                row: dict[str, Any] = {
                    "name": p.name,
                    "name_en": p.name_en,
                    "weight": w,
                    "table_id": t,
                    "kpi_id": k,
                }
                if table is not None:
                    row["table"] = self.pick(Bilingual(table.name, table.name_en or table.name))
                if kpi is not None:
                    row["kpi"] = self.pick(Bilingual(kpi.name, kpi.name_en or kpi.name))
                if i == 0:
                    row["note"] = p.note
                else:
                    row["name_en"] = None if not self.en else row["name_en"]
                rows.append(row)
        cols = profile_columns(self.lang)
        last = self.grid(ws, 0, cols, rows)
        ws.freeze_panes(1, 1)
        self.page(ws, cols, 0, last)

    def promotion(self) -> None:
        """级别升降: a row per move of the half-year review, a column per condition, the
        conditions in words beside them."""
        promotion = self.rules.promotion
        ws = self.book.add_worksheet(self.names["promotion"])
        ways = () if promotion is None else (("up", promotion.up), ("down", promotion.down))
        rows = [
            {
                "way": way,
                **{f.name: getattr(rule, f.name) for f in fields(rule)},
                "conditions": self.pick(conditions_words(rule)),
            }
            for way, rule in ways
            if rule is not None
        ]
        last = self.grid(ws, 0, PROMOTION_COLS, rows)
        ws.freeze_panes(1, 1)
        self.page(ws, PROMOTION_COLS, 0, last)

    def sampling(self, sampling: SamplingRules) -> None:
        """抽样规则: the block in words (read only); then each setting with its value (white, to
        edit) and what it means; then each satisfaction stratum's share and top-up order; then the
        task sheet's error types, one a row."""
        ws = self.book.add_worksheet(self.names["sampling"])
        widths = SAMPLING_WIDTHS["en" if self.en else "zh"]
        last = len(widths) - 1
        height = line_height(FONT_SIZE)
        read = {"bg_color": READ_FILL, "font_color": GREY_TEXT}
        ws.merge_range(0, 0, 0, last, "", self.fmt(bold=True, bg_color=HEAD_FILL))
        ws.write_string(
            0, 0, self.pick(both("rules.col.sampling.words")), self.fmt(bold=True, bg_color=HEAD_FILL)
        )
        self.row(ws, 0, height)
        r = 0
        for r, (named, words) in enumerate(sampling_lines(sampling), start=1):
            ws.write_string(r, 0, self.pick(named), self.fmt(bold=True, **read))
            ws.merge_range(r, 1, r, last, "", self.fmt(**read))
            ws.write_string(r, 1, self.pick(words), self.fmt(**read))
            lines = max(
                text_lines(self.pick(named), widths[0]), text_lines(self.pick(words), sum(widths[1:]))
            )
            self.row(ws, r, height * lines)
        top = r + 2
        label, value_col, about = SAMPLING_HEAD
        for c, col in ((0, label), (1, value_col)):
            ws.write_string(top, c, col.header(self.lang), self.head_fmt(col))
        ws.merge_range(top, 2, top, last, "", self.head_fmt(about))
        ws.write_string(top, 2, about.header(self.lang), self.head_fmt(about))
        self.row(ws, top, height)
        values = _sampling_values(sampling)
        for r, (key, kind) in enumerate(SAMPLING_SETTINGS.items(), start=top + 1):
            shown_label = self.pick(SAMPLING_LABELS[key])
            ws.write_string(r, 0, shown_label, self.fmt(bold=True, bg_color=HEAD_FILL))
            col = Col(key, SAMPLING_LABELS[key], widths[1], kind)
            shown = self.put(ws, r, 1, values[key], col, "%" if key == "rate" else "", align="left")
            if kind in CHOICES:
                source = [self.pick(labels) for labels in CHOICES[kind].values()]
                ws.data_validation(r, 1, r, 1, {"validate": "list", "source": source})
            text = translate(f"rules.wb_sampling.about.{key}", self.lang)
            ws.merge_range(r, 2, r, last, "", self.fmt(**read))
            ws.write_string(r, 2, text, self.fmt(**read))
            lines = max(
                text_lines(shown_label, widths[0]),
                text_lines(shown, widths[1]),
                text_lines(text, sum(widths[2:])),
            )
            self.row(ws, r, height * lines)
        top = r + 2
        strata = [s for s, _ in sampling.mix] + [s for s in STRATA if s not in dict(sampling.mix)]
        shares = dict(sampling.mix)
        rows = [
            {
                "stratum": stratum,
                "stratum_shown": self.pick(stratum_words(stratum)),
                "share": float(shares[stratum]) if stratum in shares else None,
                "order": sampling.shortfall.index(stratum) + 1 if stratum in sampling.shortfall else None,
                "about": self.pick(
                    both("rules.wb_sampling.stratum_unrated")
                    if stratum == STRATA[-1]
                    else both("rules.wb_sampling.stratum", stratum=stratum_words(stratum))
                ),
                "_unit": "%",
            }
            for stratum in strata
        ]
        strata_cols = sampling_strata_columns(self.lang)
        r = self.grid(ws, top, strata_cols, rows)
        top = r + 2
        r = self.grid(ws, top, (SAMPLING_ERROR_TYPE,), [{"error_type": e} for e in sampling.error_types])
        # The grids set their columns' widths; the sheet's own are the widest each column needs.
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        cols = tuple(Col(f"c{c}", Bilingual("", ""), w, "text") for c, w in enumerate(widths))
        self.page(ws, cols, 0, r)
        # One page when the text can stay legible: smaller than the page width needs, never below
        # MIN_PRINT_POINTS (a long list of error types goes on to another page instead).
        rows_height = sum(self.heights.get(ws.name, {}).get(x, DEFAULT_ROW_PT) for x in range(r + 1))
        width_scale = print_scale(widths) or 100
        fitting = math.floor(100 * PAGE_HEIGHT_PT / rows_height)
        ws.set_print_scale(max(min(width_scale, fitting), 100 * MIN_PRINT_POINTS // FONT_SIZE))


def _sampling_values(sampling: SamplingRules) -> dict[str, Any]:
    """The 抽样规则 settings' cells: a rate with what it is of and its bounds, or a fixed number."""
    fixed = sampling.fixed is not None
    return {
        "rate": None if fixed or sampling.rate is None else float(sampling.rate),
        "of": None if fixed else sampling.of,
        "min": None if fixed else sampling.minimum,
        "max": None if fixed else sampling.maximum,
        "fixed": sampling.fixed,
        "unrated": sampling.unrated,
        # 0 is no minimum: the loader reads it back as none, where a blank would be the standard's.
        "min_messages": sampling.min_messages or 0,
    }


def _decimals(x: float) -> int:
    """The decimals ``x`` needs to be shown exactly (99 when it cannot be, or is not finite)."""
    if not math.isfinite(x) or float(f"{x:.16G}") != x:
        return 99
    return len(f"{x:.16G}".partition(".")[2]) if "E" not in f"{x:.16G}" else 99


def _page_text(text: str) -> str:
    """``text`` for a page header, where ``&`` starts a control code; kept short."""
    return text[:60].replace("&", "&&")


def text_width(text: str) -> float:
    """How many column-width characters (the body font's digit) ``text`` takes: a Chinese
    character almost two, a narrow letter or a space half of one."""
    return sum(_char_width(ch) for ch in text)


# Widths of Arial's characters in digits (a digit is 0.556 of its size); the rest take one.
_NARROW = {**dict.fromkeys("ijl", 0.4), **dict.fromkeys("ft .,:;'/\\|!", 0.5), **dict.fromkeys("r()[]-", 0.6)}
_WIDE = {**dict.fromkeys("mMW", 1.5), **dict.fromkeys("w", 1.3), "%": 1.6, "I": 0.5}


def _char_width(ch: str) -> float:
    if ord(ch) >= 0x2E80:  # Chinese characters and punctuation, full-width forms
        return 1.8
    if ch in _NARROW:
        return _NARROW[ch]
    if ch in _WIDE:
        return _WIDE[ch]
    return 1.25 if ch.isupper() else 1.0


# Where a line may break: after a space, a hyphen or a slash, and around every Chinese character.
_PIECES = re.compile(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+?(?:[-/]|(?=\s|[\u2e80-\uffff]|$))|\s")


def text_lines(text: str, width: float) -> int:
    """The lines ``text`` wraps to in a column ``width`` characters wide: words are kept whole
    where they fit, as the editors wrap them."""
    usable = max(width - 0.3, 1.0)
    total = 0
    for paragraph in (text or "").split("\n"):
        lines, used = 1, 0.0
        for piece in _PIECES.findall(paragraph):
            size = text_width(piece)
            if piece.isspace():
                used += size
                continue
            if used + size > usable and used > 0:
                lines, used = lines + 1, 0.0
            while size > usable:  # a word longer than the line is broken anywhere
                lines, size = lines + 1, size - usable
            used += size
        total += lines
    return total


def line_height(font_size: float) -> float:
    """The height (points) of one line of text at ``font_size``."""
    return round(font_size * 1.5, 1)


def print_scale(widths: Iterable[float]) -> int | None:
    """The print scale (percent) at which columns this wide (characters) fit across A4 landscape,
    at most 100; None when the text would then be smaller than ``MIN_PRINT_POINTS``. A character
    of the body font (Arial 10, or LibreOffice's Liberation Sans, a little wider) is 7.5 pixels,
    plus 5 of padding per column."""
    pixels = sum(w * 7.5 + 5 for w in widths)
    scale = min(100, math.floor(100 * PAGE_WIDTH_PX / pixels)) if pixels else 100
    return scale if scale * FONT_SIZE >= 100 * MIN_PRINT_POINTS else None


def page_breaks(heights: dict[int, float], head: int, last: int, groups: set[int], scale: float) -> list[int]:
    """Rows before which a page should break so that no group of rows (starting at the rows in
    ``groups``) is split across pages, unless it is longer than a page. ``heights`` are the rows'
    heights in points (a row not in it has the default height); ``head`` is the header row
    repeated on every page; rows print at ``scale``."""
    room = PAGE_HEIGHT_PT / scale
    starts = sorted(g for g in groups if g > head + 1)
    ends = dict(zip(starts, [*starts[1:], last + 1][: len(starts)], strict=True))
    head_height = heights.get(head, DEFAULT_ROW_PT)
    breaks: list[int] = []
    used = 0.0
    for r in range(last + 1):
        height = heights.get(r, DEFAULT_ROW_PT)
        if r in ends:
            block = sum(heights.get(x, DEFAULT_ROW_PT) for x in range(r, ends[r]))
            if used + block > room and head_height + block <= room:
                breaks.append(r)
                used = head_height
        if used + height > room:  # the editor breaks the page here itself
            used = head_height
        used += height
    return breaks


def export_rules(
    rules: RuleSet, path: Path, lang: str = "zh", option: str = "--xlsx", force: bool = False
) -> Path:
    """Write ``rules`` as a workbook HR can read, print, edit and import back; returns ``path``.

    ``lang`` ("zh" or "en") picks sheet names, headers, dropdown labels, the words and the
    说明 text; importing accepts either language. Rules read from a file are never exported onto
    that file (``option`` names the command-line option to change in that message). An
    existing file is replaced only when it is an earlier rules export (see
    :func:`is_rules_workbook`) or ``force`` is set; a folder, device or pipe never is.
    """
    if rules.source not in PRESETS:  # a preset's source is its name, not a file
        refuse_input_as_output(Path(path), [Path(rules.source)], option)
    target = replaceable_target(
        Path(path),
        option,
        is_ours=is_rules_workbook,
        kind=both("output.kind_rules_xlsx"),
        force=force,
        example=both("rules.example_xlsx"),
    )
    with atomic_path(target) as tmp:
        out = _Book(tmp, rules, lang)
        # Fixed sheets keep their names; a table's sheet is named after the table.
        out.names = {key: out.name(out.pick(names)) for key, names in SHEETS.items()}
        tables = [out.name(out.pick(Bilingual(t.name, t.name_en or t.name))) for t in rules.tables]
        out.help(out.names["help"], tables)
        for name, table in zip(tables, rules.tables, strict=True):
            out.table(name, table)
        out.grades()
        out.coefficients()
        out.levels()
        if rules.profiles:
            out.profiles()
        if rules.promotion is not None:
            out.promotion()
        if rules.sampling is not None:
            out.sampling(rules.sampling)
        out.book.close()
    return Path(path)


# ---- import -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookRules:
    """A rules workbook read back: the rules text it describes, those rules, and each rules-file
    key path's cell."""

    text: str
    rules: RuleSet
    cells: dict[str, Cell]

    def cell_of(self, path: str) -> Cell | None:
        """The cell a rules-file key path (``tables[1].kpis[0].bands[2]``) came from: its own,
        or the nearest enclosing key's."""
        while path and path not in self.cells:
            path = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", path)  # up to the enclosing key
        return self.cells.get(path) if path else None


# A lint finding and the workbook cell it is about (None when no cell holds it).
Located = tuple[Finding, Cell | None]


def read_rules_workbook(path: Path, vocabulary: Vocabulary = BUILTIN, lang: str = "zh") -> WorkbookRules:
    """The rules an exported (and edited) rules workbook describes; its formulas may name the
    aggregates of ``vocabulary``.

    Every bad cell, and every error the rules loader finds in the result, is reported together
    as ``WorkbookProblems``, each at its sheet, row and column."""
    file = str(path)
    reader = Reader(vocabulary)
    data = reader.read(_sheets(Path(path)))
    if reader.found:
        raise WorkbookProblems(file, reader.found)
    text = dump_yaml(data)
    try:
        rules = parse_rules(text, source=file, lang=lang, vocabulary=vocabulary)
    except CsreportError as exc:
        raise _relocated(exc, WorkbookRules(text, _EMPTY, reader.cells), file) from None
    return WorkbookRules(text, rules, reader.cells)


def rules_text_from_workbook(path: Path, vocabulary: Vocabulary = BUILTIN) -> str:
    """The YAML rules text that an exported (and edited) rules workbook describes (see
    :func:`read_rules_workbook`)."""
    return read_rules_workbook(path, vocabulary).text


def lint_workbook(read: WorkbookRules) -> list[Located]:
    """The linter's findings on a workbook's rules, each with the cell it is about."""
    return [(f, read.cell_of(f.path)) for f in lint(read.rules)]


def import_workbook(
    xlsx: Path, out_yaml: Path, option: str = "--out", force: bool = False, vocabulary: Vocabulary = BUILTIN
) -> tuple[RuleSet, list[Located]]:
    """Turn an edited rules workbook into a YAML rules file (written atomically); return its rules
    and the linter's warnings, each with its cell.

    The workbook is refused (``WorkbookProblems``, nothing written) when a cell cannot be read,
    when the rules loader rejects the result, or when the linter ``run`` uses finds any error in
    it (a gap, an overlap, points above the weight …). Its formulas may name the aggregates of
    ``vocabulary`` (the fields a mapping file declares).

    A YAML path that is the workbook itself (however spelled) is refused before anything is
    read; ``option`` names the command-line option to change in that message. An existing
    YAML file is replaced only when csreport wrote it (its first line is the rules-file
    header) or ``force`` is set; a folder, device or pipe never is."""
    _workbook_stat(Path(xlsx))  # a missing workbook, a folder or a device is named first
    refuse_input_as_output(Path(out_yaml), [Path(xlsx)], option)
    target = replaceable_target(
        Path(out_yaml),
        option,
        is_ours=is_rules_yaml,
        kind=both("output.kind_rules_yaml"),
        force=force,
        example=both("rules.example_yaml"),
    )
    try:
        read = read_rules_workbook(Path(xlsx), vocabulary)
    except WorkbookProblems as exc:
        raise WorkbookProblems(exc.file, exc.items, refused=True) from None
    found = lint_workbook(read)
    errors: list[Problem] = [(cell, f.both()) for f, cell in found if f.severity == "error"]
    if errors:
        raise WorkbookProblems(str(xlsx), errors, refused=True)
    write_text_atomic(target, read.text)
    return replace(read.rules, source=str(out_yaml)), [
        (f, cell) for f, cell in found if f.severity != "error"
    ]


def import_rules(
    xlsx: Path, out_yaml: Path, option: str = "--out", force: bool = False, vocabulary: Vocabulary = BUILTIN
) -> RuleSet:
    """Turn an edited rules workbook into a YAML rules file; return its rules (see
    :func:`import_workbook`)."""
    return import_workbook(xlsx, out_yaml, option, force, vocabulary)[0]


_EMPTY = RuleSet(name="", name_en="", source="", hash="", tables=(), grades=(), fail_grade="", levels=())


def _relocated(exc: CsreportError, read: WorkbookRules, file: str) -> CsreportError:
    """The loader's errors about the generated YAML, each pointed at the cell it came from."""
    raw = exc.params.get("why", "")
    why = raw if isinstance(raw, Bilingual) else Bilingual(str(raw), str(raw))
    if exc.code != "rules.invalid":
        return exc
    zh, en = why.zh.split("\n  "), why.en.split("\n  ")
    items: list[Problem] = [(read.cell_of(str(exc.params.get("path", ""))), Bilingual(zh[0], en[0]))]
    # Further errors are listed as "第 N 行 key.path: …" (or "line N key.path: …") lines of the YAML.
    for line_zh, line_en in zip(zh[1:], en[1:], strict=False):
        m_zh = re.match(r"(?:第 \d+ 行|line \d+) (\S+):", line_zh)
        m_en = re.match(r"(?:第 \d+ 行|line \d+) (\S+):", line_en)
        if m_zh is None or m_en is None:
            items.append((None, Bilingual(line_zh, line_en)))
            continue
        text = Bilingual(line_zh[m_zh.end() :].strip(), line_en[m_en.end() :].strip())
        items.append((read.cell_of(m_zh.group(1)), text))
    return WorkbookProblems(file, items)


def is_rules_workbook(path: Path) -> bool:
    """Whether ``path`` is a rules workbook csreport exported (and perhaps a manager edited).

    Recognised by the marker property export writes, or, for editors that drop custom
    properties, by its 说明 (or, from earlier exports, 指标与区间) and 等级 sheets in either
    language."""
    try:
        with zipfile.ZipFile(path) as zf:
            custom = _member(zf, "docProps/custom.xml", 2**18)
            if f'name="{MARKER_NAME}"'.encode() in custom and MARKER_VALUE.encode() in custom:
                return True
            listing = _member(zf, "xl/workbook.xml", 2**20).decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError):
        return False
    names = {html.unescape(n) for n in re.findall(r'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"', listing)}
    return bool(names & {*SHEETS["help"], *OLD_MAIN}) and bool(names & set(SHEETS["grades"]))


def is_rules_yaml(path: Path) -> bool:
    """Whether ``path`` is a rules file csreport wrote: it starts with the rules-file header."""
    head = HEADER.encode("utf-8")
    try:
        with open(path, "rb") as fh:
            return fh.read(len(head) + 3).removeprefix(b"\xef\xbb\xbf").startswith(head)
    except OSError:
        return False


def _member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A small part of a zip, or b"" when it is missing or larger than ``limit``."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return b""
    return zf.read(info) if info.file_size <= limit else b""


def _workbook_stat(path: Path) -> os.stat_result:
    """``stat`` of the rules workbook ``path``; a missing path, a folder or a device is refused."""
    shown = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise CsreportError("file.not_found", path=shown) from exc
    except OSError as exc:
        raise _bad_workbook(shown, both("rules.wb_damaged")) from exc
    if stat.S_ISDIR(info.st_mode):
        raise CsreportError("settings.is_folder", what=WORKBOOK, path=shown)
    if not stat.S_ISREG(info.st_mode):  # never opened: reading a pipe would wait forever
        raise CsreportError("settings.not_regular", what=WORKBOOK, path=shown)
    return info


def _workbook_bytes(path: Path) -> bytes:
    """The bytes of the rules workbook ``path``, refused with a reason when it cannot be one."""
    shown = str(path)
    info = _workbook_stat(path)
    too_large = both("rules.wb_too_large", limit_mb=MAX_UNZIPPED_BYTES // 2**20)
    if info.st_size > MAX_WORKBOOK_BYTES:
        raise _bad_workbook(shown, too_large)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_WORKBOOK_BYTES + 1)
    except PermissionError as exc:
        raise CsreportError("settings.no_permission", what=WORKBOOK, path=shown) from exc
    except OSError as exc:
        raise _bad_workbook(shown, both("rules.wb_damaged")) from exc
    if len(data) > MAX_WORKBOOK_BYTES:
        raise _bad_workbook(shown, too_large)
    if not data:
        raise _bad_workbook(shown, both("rules.wb_empty"))
    if not data.startswith(b"PK"):
        raise _bad_workbook(shown, both("rules.wb_not_xlsx"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, RuntimeError) as exc:
        raise _bad_workbook(shown, both("rules.wb_damaged")) from exc
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise _bad_workbook(shown, too_large)
    if not any(i.filename.lower() == "xl/workbook.xml" for i in infos):
        raise _bad_workbook(shown, both("rules.wb_not_xlsx"))
    return data


def _bad_workbook(shown: str, reason: Bilingual) -> CsreportError:
    return CsreportError("rules.workbook_bad", path=shown, reason=reason)


def _sheets(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Every sheet's name and rows, in the workbook's order."""
    file = str(path)
    data = _workbook_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # whatever the library trips on, the file is not a readable workbook
        raise _bad_workbook(file, both("rules.wb_damaged")) from exc
    try:
        out = []
        for name in book.sheetnames:
            ws = book[name]
            if not hasattr(ws, "reset_dimensions"):  # a chart sheet holds no rules
                continue
            ws.reset_dimensions()  # some editors save wrong dimensions; read every row
            try:
                out.append((name, list(ws.iter_rows(min_row=1, values_only=True))))
            except Exception as exc:  # a damaged sheet part, found only while reading it
                raise _bad_workbook(file, both("rules.wb_damaged")) from exc
        return out
    finally:
        book.close()
