"""The 规则 sheet: the applied rules, readable by HR, then the rules file word for word."""

from __future__ import annotations

from csreport.outputs.xlsx.base import (
    COEFFICIENT_FORMAT,
    SECTION,
    VETO,
    WRAP,
    SheetWriter,
    label,
)
from csreport.rules.model import Kpi, RuleSet, Table
from csreport.rules.show import mode_lines

# key -> (zh, en); only this sheet uses them.
RULE_LABELS: dict[str, tuple[str, str]] = {
    "rules_name": ("规则名称", "Rules"),
    "source": ("来源", "Source"),
    "hash": ("哈希", "Hash"),
    "applies_to": ("适用于", "Applies to"),
    "default_table": ("默认（其余人员）", "Default (everyone else)"),
    "max_total": ("满分", "Maximum total"),
    "threshold": ("总体门槛", "Overall threshold"),
    "threshold_text": ("总分 <= {value} → 不予上岗", "Total <= {value} → 不予上岗"),
    "none": ("无", "None"),
    "note": ("说明", "Note"),
    "weight": ("权重", "Weight"),
    "input": ("输入公式", "Input formula"),
    "as_written": ("原文", "As written"),
    "veto": ("否决", "否决"),
    "min_sample": ("样本数（{sample}）少于 {n} 时记为缺数据",
                   "Counted as missing data when the sample ({sample}) is below {n}"),
    "rounding": ("比较前保留 {n} 位小数", "Rounded to {n} decimals before comparison"),
    "grades": ("等级标准", "Grades"),
    "min_total": ("最低总分", "Minimum total"),
    "fail_grade": ("不予上岗，或总分低于以上各等级",
                   "不予上岗, or a total below every grade above"),
    "coefficients": ("系数（级别 × 等级）", "系数 (级别 × grade)"),
    "rules_text": ("规则文件原文", "Rules file as written"),
}
KEY = {"bold": True}
TITLE_KEY = {"bold": True, "bg_color": "#DDEBF7", "border": 1}
RAW_TEXT = {"font_name": "Consolas"}
# Rows 0-2 name the rules; they repeat on every printed page.
TITLE_ROWS = 3


def _t(key: str, lang: str, **params: object) -> str:
    """A label of this sheet in ``lang``."""
    zh, en = RULE_LABELS[key]
    return (en if lang == "en" else zh).format(**params)


def _kpi_rows(sw: SheetWriter, row: int, kpi: Kpi) -> int:
    """One row per band and per veto condition, then notes; returns the next free row."""
    lang, en = sw.lang, sw.lang == "en"
    sw.text(row, 0, kpi.name_en if en else kpi.name, KEY)
    sw.number(row, 1, kpi.weight, None)
    sw.text(row, 2, kpi.input)
    if kpi.mode != "bands" or kpi.missing != "no_score":
        # Linear, rank and per-unit KPIs, and missing-data policies, in words.
        skip = ("[", "(", "否决条件", "veto if", "说明", "note", "最少样本", "min sample")
        for line in mode_lines(kpi, en):
            if not line.startswith(skip):
                sw.text(row, 6, line, WRAP)
                row += 1
    for band in kpi.bands:
        sw.text(row, 3, band.text("%" if kpi.mode == "rank" else kpi.unit))
        sw.text(row, 4, band.label)
        if band.is_veto:
            sw.text(row, 5, _t("veto", lang), VETO)
            sw.text(row, 6, band.veto_en if en else band.veto, WRAP)
        else:
            sw.number(row, 5, band.points, None)
        row += 1
    for cond in kpi.vetoes:
        sw.text(row, 3, cond.text())
        sw.text(row, 5, _t("veto", lang), VETO)
        sw.text(row, 6, cond.reason_en if en else cond.reason, WRAP)
        row += 1
    notes = [kpi.note]
    if kpi.min_sample:
        notes.append(_t("min_sample", lang, sample=kpi.sample or "", n=kpi.min_sample))
    if kpi.rounding is not None:
        notes.append(_t("rounding", lang, n=kpi.rounding))
    for note in filter(None, notes):
        sw.text(row, 6, note, WRAP)
        row += 1
    return row


def _table_rows(sw: SheetWriter, row: int, table: Table) -> int:
    """A table's header facts, then its KPIs band by band; returns the next free row."""
    lang = sw.lang
    sw.text(row, 0, f"{label('table', lang)}：{table.name}（{table.id}）", SECTION, autofit=False)
    applies = label("list_sep", lang).join(f"{k} = {v}" for k, v in table.applies_to)
    threshold = (_t("threshold_text", lang, value=f"{table.fail_if_total_le:g}")
                 if table.fail_if_total_le is not None else _t("none", lang))
    facts: list[tuple[str, str | float]] = [
        (_t("applies_to", lang), applies or _t("default_table", lang)),
        (_t("max_total", lang), table.total),
        (_t("threshold", lang), threshold),
    ]
    if table.note:
        facts.append((_t("note", lang), table.note))
    for key, value in facts:
        row += 1
        sw.text(row, 0, key, KEY)
        if isinstance(value, str):
            sw.text(row, 1, value, autofit=False)
        else:
            sw.number(row, 1, value, None)
    row += 1
    sw.header_row(row, [label("kpi", lang), _t("weight", lang), _t("input", lang),
                        label("band", lang), _t("as_written", lang), label("points", lang),
                        _t("note", lang)])
    row += 1
    for kpi in table.kpis:
        row = _kpi_rows(sw, row, kpi)
    return row + 1


def _grade_rows(sw: SheetWriter, row: int, rules: RuleSet) -> int:
    """The grades with their minimum totals, then the level × grade 系数 table."""
    lang = sw.lang
    sw.text(row, 0, _t("grades", lang), SECTION, autofit=False)
    sw.header_row(row + 1, [label("grade", lang), _t("min_total", lang), _t("note", lang)])
    row += 2
    for grade in rules.grades:
        sw.text(row, 0, grade.name)
        sw.number(row, 1, grade.min_total, None)
        sw.text(row, 2, grade.label)
        row += 1
    names = [g.name for g in rules.grades]
    if rules.fail_grade not in names:
        sw.text(row, 0, rules.fail_grade)
        sw.text(row, 2, _t("fail_grade", lang))
        names.append(rules.fail_grade)
        row += 1
    levels = [lv.name for lv in rules.levels]
    levels += [lv for lv in rules.coefficients if lv not in levels]
    for by_grade in rules.coefficients.values():
        names += [g for g in by_grade if g not in names]
    row += 1
    sw.text(row, 0, _t("coefficients", lang), SECTION, autofit=False)
    sw.header_row(row + 1, [label("level", lang), *names])
    row += 2
    for level in levels:
        sw.text(row, 0, level)
        for col, grade in enumerate(names, start=1):
            sw.number(row, col, rules.coefficients.get(level, {}).get(grade), COEFFICIENT_FORMAT)
        row += 1
    return row + 1


def write_rules(sw: SheetWriter, rules: RuleSet) -> None:
    """Fill 规则: identity, each table's bands and vetoes, grades, 系数, and the file text."""
    lang = sw.lang
    for row, (key, value) in enumerate(((_t("rules_name", lang), rules.name),
                                        (_t("source", lang), rules.source),
                                        (_t("hash", lang), rules.hash))):
        sw.text(row, 0, key, TITLE_KEY)
        # No wrap, so a long source path spills over the empty cells to its right.
        sw.text(row, 1, value, KEY, autofit=False)
    row = TITLE_ROWS + 1
    for table in rules.tables:
        row = _table_rows(sw, row, table)
    row = _grade_rows(sw, row, rules)
    sw.text(row, 0, _t("rules_text", lang), SECTION, autofit=False)
    for line in rules.text.splitlines():
        row += 1
        # Long lines may spill into the empty cells to the right; they must not widen A.
        sw.text(row, 0, line, RAW_TEXT, autofit=False)
    sw.ws.freeze_panes(TITLE_ROWS, 0)
    sw.fit_columns(caps={0: 30, 2: 40, 4: 30, 6: 60})
