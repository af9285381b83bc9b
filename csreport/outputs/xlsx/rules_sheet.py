"""The 规则 sheet: the applied rules, readable by HR, then the rules file word for word."""

from __future__ import annotations

import dataclasses

from csreport.outputs.xlsx.base import (
    COEFFICIENT_FORMAT,
    SECTION,
    VETO,
    WRAP,
    SheetWriter,
    label,
)
from csreport.rules.model import Kpi, RuleSet, Table
from csreport.rules.show import level_name, mode_lines

KEY = {"bold": True}
TITLE_KEY = {"bold": True, "bg_color": "#DDEBF7", "border": 1}
RAW_TEXT = {"font_name": "Consolas"}
# Rows 0-2 name the rules; they repeat on every printed page.
TITLE_ROWS = 3


def _kpi_rows(sw: SheetWriter, row: int, kpi: Kpi) -> int:
    """One row per band and per veto condition, then notes; returns the next free row."""
    lang, en = sw.lang, sw.lang == "en"
    sw.text(row, 0, kpi.name_en if en else kpi.name, KEY)
    sw.number(row, 1, kpi.weight, None)
    sw.text(row, 2, kpi.input)
    if kpi.mode != "bands" or kpi.missing != "no_score":
        # Linear, rank and per-unit KPIs, and missing-data policies, in words. Vetoes, the
        # note and the minimum sample have rows of their own below, and so do the bands
        # (their lines are the ones starting with an interval's bracket).
        told = dataclasses.replace(kpi, vetoes=(), note="", min_sample=0)
        for line in mode_lines(told, en):
            if not line.startswith(("[", "(")):
                sw.text(row, 6, line, WRAP)
                row += 1
    for band in kpi.bands:
        sw.text(row, 3, band.text("%" if kpi.mode == "rank" else kpi.unit, lang))
        sw.text(row, 4, band.label)
        if band.is_veto:
            sw.text(row, 5, label("workbook.rules.veto", lang), VETO)
            sw.text(row, 6, band.veto_en if en else band.veto, WRAP)
        else:
            sw.number(row, 5, band.points, None)
        row += 1
    for cond in kpi.vetoes:
        sw.text(row, 3, cond.text())
        sw.text(row, 5, label("workbook.rules.veto", lang), VETO)
        sw.text(row, 6, cond.reason_en if en else cond.reason, WRAP)
        row += 1
    notes = [kpi.note]
    if kpi.min_sample:
        notes.append(label("workbook.rules.min_sample", lang, sample=kpi.sample or "", n=kpi.min_sample))
    if kpi.rounding is not None:
        notes.append(label("workbook.rules.rounding", lang, n=kpi.rounding))
    for note in filter(None, notes):
        sw.text(row, 6, note, WRAP)
        row += 1
    return row


def _table_rows(sw: SheetWriter, row: int, table: Table) -> int:
    """A table's header facts, then its KPIs band by band; returns the next free row."""
    lang = sw.lang
    name = table.name_en if lang == "en" and table.name_en else table.name
    title = label("workbook.rules.table_title", lang, name=name, id=table.id)
    sw.text(row, 0, title, SECTION, autofit=False)
    applies = label("list.clauses", lang).join(f"{k} = {v}" for k, v in table.applies_to)
    threshold = (
        label("workbook.rules.threshold_text", lang, value=f"{table.fail_if_total_le:g}")
        if table.fail_if_total_le is not None
        else label("workbook.rules.none", lang)
    )
    facts: list[tuple[str, str | float]] = [
        (label("workbook.rules.applies_to", lang), applies or label("workbook.rules.default_table", lang)),
        (label("workbook.rules.max_total", lang), table.total),
        (label("workbook.rules.threshold", lang), threshold),
    ]
    if table.note:
        facts.append((label("workbook.rules.note", lang), table.note))
    for key, value in facts:
        row += 1
        sw.text(row, 0, key, KEY)
        if isinstance(value, str):
            sw.text(row, 1, value, autofit=False)
        else:
            sw.number(row, 1, value, None)
    row += 1
    sw.header_row(
        row,
        [
            label(code, lang)
            for code in (
                "workbook.kpi",
                "workbook.rules.weight",
                "workbook.rules.input",
                "workbook.band",
                "workbook.rules.as_written",
                "workbook.points",
                "workbook.rules.note",
            )
        ],
    )
    row += 1
    for kpi in table.kpis:
        row = _kpi_rows(sw, row, kpi)
    return row + 1


def _grade_rows(sw: SheetWriter, row: int, rules: RuleSet) -> int:
    """The grades with their minimum totals, then the level × grade 系数 table."""
    lang = sw.lang
    sw.text(row, 0, label("workbook.rules.grades", lang), SECTION, autofit=False)
    sw.header_row(
        row + 1,
        [
            label("workbook.grade", lang),
            label("workbook.rules.min_total", lang),
            label("workbook.rules.note", lang),
        ],
    )
    row += 2
    for grade in rules.grades:
        sw.text(row, 0, grade.name)
        sw.number(row, 1, grade.min_total, None)
        sw.text(row, 2, grade.label)
        row += 1
    names = [g.name for g in rules.grades]
    if rules.fail_grade not in names:
        sw.text(row, 0, rules.fail_grade)
        sw.text(row, 2, label("workbook.rules.fail_grade", lang))
        names.append(rules.fail_grade)
        row += 1
    levels = [lv.name for lv in rules.levels]
    levels += [lv for lv in rules.coefficients if lv not in levels]
    for by_grade in rules.coefficients.values():
        names += [g for g in by_grade if g not in names]
    row += 1
    sw.text(row, 0, label("workbook.rules.coefficients", lang), SECTION, autofit=False)
    sw.header_row(row + 1, [label("workbook.level", lang), *names])
    row += 2
    for level in levels:
        sw.text(row, 0, level_name(rules, level, lang))
        for col, name in enumerate(names, start=1):
            sw.number(row, col, rules.coefficients.get(level, {}).get(name), COEFFICIENT_FORMAT)
        row += 1
    return row + 1


def write_rules(sw: SheetWriter, rules: RuleSet) -> None:
    """Fill 规则: identity, each table's bands and vetoes, grades, 系数, and the file text."""
    lang = sw.lang
    for row, (key, value) in enumerate(
        (
            (
                label("workbook.rules.name", lang),
                rules.name_en if lang == "en" and rules.name_en else rules.name,
            ),
            (label("workbook.rules.source", lang), rules.source),
            (label("workbook.rules.hash", lang), rules.hash),
        )
    ):
        sw.text(row, 0, key, TITLE_KEY)
        # No wrap, so a long source path spills over the empty cells to its right.
        sw.text(row, 1, value, KEY, autofit=False)
    row = TITLE_ROWS + 1
    for table in rules.tables:
        row = _table_rows(sw, row, table)
    row = _grade_rows(sw, row, rules)
    sw.text(row, 0, label("workbook.rules.text", lang), SECTION, autofit=False)
    for line in rules.text.splitlines():
        row += 1
        # Long lines may spill into the empty cells to the right; they must not widen A.
        sw.text(row, 0, line, RAW_TEXT, autofit=False)
    sw.ws.freeze_panes(TITLE_ROWS, 0)
    sw.fit_columns(caps={0: 30, 2: 40, 4: 30, 6: 60})
