"""Rules as an Excel workbook that managers edit, and such a workbook back into rules YAML.

指标与区间 has one row per band (or veto condition); a table's and a KPI's own columns
are filled on its first row only. Numbers XlsxWriter cannot store exactly (it keeps 16
digits) are written as text, which reads back to the same float. Headers are matched by
name (Chinese or English), so columns may be moved; errors name the sheet and cell.
"""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path
from typing import Any, NoReturn

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter

from csreport.problems import CsreportError
from csreport.render.atomic import atomic_path, write_text_atomic
from csreport.rules.loader import parse_rules
from csreport.rules.model import RuleSet
from csreport.rules.parse_kpi import bound
from csreport.rules.serialize import (
    anchor_value,
    benefit_order,
    bound_text,
    dump_yaml,
    range_text,
    share_text,
    sheet_rows,
)

SHEETS = {
    "main": ("指标与区间", "KPIs and bands"),
    "levels": ("级别与系数", "Levels and coefficients"),
    "grades": ("等级", "Grades"),
    "profiles": ("权重方案", "Weight profiles"),
    "help": ("说明", "How to edit"),
}
Col = tuple[str, str, str, int, str]  # key, 中文表头, English header, width, kind of value
MAIN: tuple[Col, ...] = (
    ("row_type", "行类型", "Row type", 9, "row_type"),
    ("table_id", "考核表id", "Table id", 10, "text"),
    ("table", "考核表", "Table", 8, "text"),
    ("applies_to", "适用于", "Applies to", 16, "text"),
    ("total", "满分", "Total", 6, "num"),
    ("fail_if_total_le", "总分<=此值不予上岗", "Fail if total <=", 10, "num"),
    ("id", "指标id", "KPI id", 14, "text"),
    ("name", "指标", "KPI", 14, "text"),
    ("name_en", "指标(英文)", "KPI (English)", 16, "text"),
    ("weight", "权重", "Weight", 6, "num"),
    ("input", "输入公式", "Input formula", 20, "text"),
    ("unit", "单位", "Unit", 6, "unit"),
    ("mode", "评分方式", "Mode", 8, "mode"),
    ("missing", "缺数据处理", "Missing data", 10, "missing"),
    ("min_sample", "最少样本", "Min sample", 8, "int"),
    ("sample", "样本字段", "Sample field", 10, "text"),
    ("rounding", "取整位数", "Rounding", 8, "int"),
    ("low", "下限", "Low", 8, "bound"),
    ("low_incl", "下限包含", "Low incl.", 8, "yesno"),
    ("high", "上限", "High", 8, "bound"),
    ("high_incl", "上限包含", "High incl.", 8, "yesno"),
    ("result", "结果", "Result", 6, "result"),
    ("points", "得分", "Points", 6, "num"),
    ("veto", "否决原因", "Veto reason", 22, "text"),
    ("veto_en", "否决原因(英文)", "Veto reason (English)", 22, "text"),
    ("when", "否决条件", "Veto condition", 16, "text"),
    ("label", "标签", "Label", 18, "text"),
    ("written", "原文", "As written", 16, "text"),
    ("note", "说明", "Note", 30, "text"),
    ("anchor1", "锚点1数值", "Anchor 1 value", 9, "bound"),
    ("anchor1_points", "锚点1得分", "Anchor 1 points", 9, "num"),
    ("anchor2", "锚点2数值", "Anchor 2 value", 9, "bound"),
    ("anchor2_points", "锚点2得分", "Anchor 2 points", 9, "num"),
    ("per_unit", "每次得分", "Points per unit", 8, "num"),
    ("floor", "下限分", "Floor", 7, "num"),
    ("cap", "上限分", "Cap", 7, "num"),
    ("better", "较好方向", "Better", 9, "better"),
    ("table_en", "考核表(英文)", "Table (English)", 14, "text"),
    ("table_note", "考核表说明", "Table note", 30, "text"),
)
GRADE_COLS: tuple[Col, ...] = (
    ("name", "等级", "Grade", 8, "text"),
    ("kind", "类型", "Kind", 10, "grade_kind"),
    ("min", "最低总分", "Minimum total", 10, "bound"),
    ("label", "说明", "Label", 16, "text"),
)
PROFILE_COLS: tuple[Col, ...] = (
    ("name", "方案", "Profile", 12, "text"),
    ("name_en", "方案(英文)", "Profile (English)", 16, "text"),
    ("note", "方案说明", "Note", 30, "text"),
    ("table_id", "考核表id", "Table id", 10, "text"),
    ("kpi_id", "指标id", "KPI id", 14, "text"),
    ("weight", "权重", "Weight", 8, "num"),
)
# Columns without which a sheet cannot be read at all (the others may be deleted).
REQUIRED = ("table_id", "id", "low", "high", "points", "name", "min", "kpi_id", "weight")
LEVEL_HEAD = (("级别", "Level"), ("级别(英文)", "Level (English)"))
COEF_MARK = ("系数（级别＼等级）", "系数 (level \\ grade)")  # first cell of the 系数 block's header
NAME_LABELS = (("规则名称", "Rules name"), ("规则名称(英文)", "Rules name (English)"))
# kind -> {model value: (中文, English)}; importing also accepts the model value itself.
CHOICES: dict[str, dict[Any, tuple[str, str]]] = {
    "row_type": {"band": ("区间", "band"), "veto": ("否决条件", "veto condition"),
                 "kpi": ("指标", "KPI"), "table": ("考核表", "table")},
    "yesno": {True: ("是", "yes"), False: ("否", "no")},
    "result": {"points": ("得分", "points"), "veto": ("否决", "veto")},
    "unit": {"s": ("秒", "s"), "%": ("%", "%"), "score": ("分数", "score"),
             "count": ("次数", "count"), "yuan": ("元", "yuan")},
    "mode": {"bands": ("分段", "bands"), "linear": ("线性", "linear"),
             "rank": ("排名", "rank"), "per_unit": ("按次", "per_unit")},
    "missing": {"no_score": ("不评分", "no_score"), "exclude": ("不计入并折算", "exclude"),
                "zero": ("记0分", "zero")},
    "better": {"higher": ("越高越好", "higher"), "lower": ("越低越好", "lower")},
    "grade_kind": {"absolute": ("分数线", "score"), "relative": ("满分比例", "share of total"),
                   "fail": ("不予上岗", "fail grade")},
}
TABLE_KEYS = {"table": "name", "table_en": "name_en", "applies_to": "applies_to", "total": "total",
              "fail_if_total_le": "fail_if_total_le", "table_note": "note"}
KPI_ORDER = ("id", "name", "name_en", "weight", "input", "unit", "mode", "better", "anchors",
             "per_unit", "floor", "cap", "sample", "rounding", "missing", "min_sample", "note",
             "bands", "vetoes")
KPI_KEYS = {k: k for k in (*KPI_ORDER[1:], "anchor1", "anchor1_points", "anchor2", "anchor2_points")
            if k not in ("anchors", "bands", "vetoes")}
BAND_KEYS = ("low", "high", "written", "points", "veto", "result")  # a row with any of these is a band
HELP = {"zh": (
    "怎样修改：改好后运行 csreport rules import 本文件.xlsx（也可以直接把本文件当作规则文件使用）。",
    "【指标与区间】每个区间一行。考核表、指标自己的列（满分、权重、单位……）只在它的第一行填写，"
    "其余行留空；「考核表id」「指标id」每行都要填。",
    "行类型：区间 = 一个分段；否决条件 = 按公式否决（如 shop_risk > 0，原因写在「否决原因」）；"
    "指标 = 没有分段的指标（线性、排名、按次）；考核表 = 还没有指标的考核表。",
    "下限、上限：写数字，百分比单位写成 98%；没有上限写 inf，没有下限写 -inf（空着也表示没有）。"
    "「下限包含」「上限包含」选 是 或 否：是 = 含这个值（[ ]），否 = 不含（( )）。",
    "结果：得分 = 落在区间内得「得分」列的分；否决 = 不予上岗，原因写在「否决原因」。",
    "原文：原始考核表的写法（如 60S>均响<=80S）。只有下限、上限都空着时才按原文解读区间，"
    "读不懂的原文表示这个区间永远不匹配；下限或上限有值时以它们为准。",
    "适用于：如 岗位状态=试用期，多个条件用；分隔；空着 = 默认考核表（其余人员）。",
    "线性：填两个锚点（数值与得分）。按次：每次得分、下限分（最多扣到）、上限分（最多加到）。",
    "【等级】类型：分数线 = 总分不低于最低总分；满分比例 = 最低总分是满分的百分比（如 90%）；"
    "不予上岗 = 不合格时给的等级（只有一行）。",
    "【级别与系数】上方每行一个级别，每个福利一列；下方是系数表，每行一个级别，每列一个等级。",
    "【权重方案】每行一个指标的新权重；方案(英文)与方案说明只需在该方案的第一行填写。",
    "有下拉列表的列请从列表中选；文字前后的空格会被去掉，空单元格表示没有填写。",
), "en": (
    "To use your edits, run csreport rules import on this file (or use the file itself as the rules).",
    "KPIs and bands: one row per band. A table's and a KPI's own columns are filled on its first "
    "row only; Table id and KPI id on every row.",
    "Low / High: numbers, rates as 98%; inf / -inf (or blank) for no bound. Incl.: yes = [ ], no = ( ).",
    "As written: the source's wording; only when Low and High are both blank is the band read from it.",
    "Applies to: e.g. 岗位状态=试用期, several joined with ;. Blank = the default table.",
    "Grades: score, share of total (e.g. 90%), or the one fail grade. Levels: one column per "
    "benefit above, the level × grade 系数 table below.",
)}


# ---- reading cells ----------------------------------------------------------------------------


class _Problems(list[str]):
    """Collects what ``parse_kpi.bound`` finds wrong with a bound."""

    def add(self, path: Any, problem: str, problem_en: str = "") -> None:
        self.append(problem)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _convert(value: Any, kind: str) -> Any:
    """A cell's value as the rules want it, None when blank; ValueError says what is wrong."""
    if not _text(value):
        return None
    if kind == "text":
        return str(int(value)) if isinstance(value, float) and value.is_integer() else _text(value)
    if kind in CHOICES:
        for model, labels in CHOICES[kind].items():
            if _text(value).lower() in (str(model).lower(), labels[0].lower(), labels[1].lower()):
                return model
        options = " / ".join(zh for zh, _ in CHOICES[kind].values())
        raise ValueError(f"「{value}」不是可选的值（{options}）")
    if isinstance(value, str) and kind == "bound":
        problems = _Problems()
        x = bound(value, (), problems)
        if problems:
            raise ValueError(problems[0])
        return x
    try:
        x = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        x = math.nan
    if isinstance(value, bool) or x != x:
        raise ValueError(f"「{value}」不是数字")
    if kind == "int" and not x.is_integer():
        raise ValueError(f"「{value}」应为整数")
    return int(x) if kind == "int" else x


def _fail(file: str, where: tuple[str, int, int | None], problem: str) -> NoReturn:
    sheet, row, col = where
    cell = f"{sheet}!{get_column_letter(col + 1)}{row}" if col is not None else sheet
    raise CsreportError("rules.invalid", file=file, line=row, path=cell, problem=problem)


class _Sheet:
    """One sheet's rows, with its columns found by header so that an error names its cell."""

    def __init__(self, file: str, name: str, rows: list[tuple[Any, ...]],
                 cols: tuple[Col, ...] = ()) -> None:
        self.file, self.name, self.rows = file, name, rows
        by_header = {h: key for key, zh, en, *_ in cols for h in (zh, en)}
        head = rows[0] if rows else ()
        self.col = {by_header[h]: i for i, cell in enumerate(head) if (h := _text(cell)) in by_header}
        self.kind = {key: kind for key, *_, kind in cols}
        self.head = {key: zh for key, zh, *_ in cols}
        missing = [self.head[k] for k in REQUIRED if k in self.head and k not in self.col]
        if missing:
            _fail(file, (name, 1, None), f"缺少列「{'、'.join(missing)}」（第 1 行应为表头）")

    def at(self, r: int, key: str | int) -> tuple[str, int, int]:
        """Sheet, Excel row and column index of column ``key`` in row index ``r``."""
        return self.name, r + 1, self.col.get(key, 0) if isinstance(key, str) else key

    def fail(self, r: int, key: str | int, problem: str) -> NoReturn:
        _fail(self.file, self.at(r, key), problem)

    def get(self, r: int, key: str | int, kind: str | None = None) -> Any:
        """The converted value of a cell, by column key or index; a bad value is an error."""
        c = self.col.get(key) if isinstance(key, str) else key
        raw = self.rows[r][c] if c is not None and c < len(self.rows[r]) else None
        try:
            return _convert(raw, kind or self.kind.get(str(key), "text"))
        except ValueError as exc:
            self.fail(r, key, str(exc))

    def need(self, r: int, key: str, kind: str | None = None) -> Any:
        """Like ``get``, but a blank cell is an error."""
        value = self.get(r, key, kind)
        if value is None:
            self.fail(r, key, f"「{self.head.get(key, key)}」不能为空")
        return value

    def filled(self) -> list[int]:
        """Indexes of the rows below the header that are not blank."""
        return [r for r in range(1, len(self.rows)) if any(_text(v) for v in self.rows[r])]

    def copy(self, r: int, target: dict[str, Any], keys: dict[str, str], cells: dict[str, Any]) -> None:
        """Take the row's filled attribute cells; a value unlike an earlier row's is an error."""
        for key, yaml_key in keys.items():
            value = self.get(r, key)
            if value is None:
                continue
            if key == "applies_to":
                value = self._applies(r, value)
            path = f"{target['_path']}.{yaml_key}"
            if yaml_key in target and target[yaml_key] != value:
                self.fail(r, key, f"与第 {cells[path][1]} 行的「{self.head[key]}」不一致")
            target[yaml_key] = value
            cells[path] = self.at(r, key)

    def _applies(self, r: int, text: str) -> dict[str, str]:
        pairs = [p.replace("＝", "=").partition("=") for p in re.split(r"[;；\n]", text) if p.strip()]
        if any(not eq for _, eq, _ in pairs):
            self.fail(r, "applies_to", f"「{text}」应写成 字段=值，多个条件用；分隔")
        return {k.strip(): v.strip() for k, _, v in pairs}


# ---- export -------------------------------------------------------------------------------------


class _Book:
    """The workbook being written, with its shared formats and the output language."""

    def __init__(self, path: Path, lang: str) -> None:
        self.book = xlsxwriter.Workbook(str(path))
        self.en = int(lang == "en")
        self.head = self.book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        self.pct: dict[int, Any] = {}

    def put(self, ws: Any, r: int, c: int, value: Any, kind: str, unit: str = "") -> None:
        """Write one value: choices as their label, text as text, numbers exactly."""
        if value is None or value == "":
            return
        if kind in CHOICES:
            ws.write_string(r, c, CHOICES[kind][value][self.en])
        elif isinstance(value, str):
            ws.write_string(r, c, value)
        elif not math.isfinite(value) or float(f"{value:.16G}") != value:
            # XlsxWriter keeps 16 digits; text keeps the float (and writes inf as "inf").
            ws.write_string(r, c, bound_text(value, unit if kind == "bound" else ""))
        elif kind == "bound" and unit == "%":
            places = len(bound_text(value, "%")[:-1].partition(".")[2])
            if places not in self.pct:
                self.pct[places] = self.book.add_format({"num_format": f"{0:.{places}f}%"})
            ws.write_number(r, c, value, self.pct[places])
        else:
            ws.write_number(r, c, value)

    def grid(self, key: str, cols: tuple[Col, ...], rows: list[dict[str, Any]]) -> None:
        """A sheet with one header row, one row per record, and dropdowns on choice columns."""
        ws = self.book.add_worksheet(SHEETS[key][self.en])
        for c, (ckey, zh, en, width, kind) in enumerate(cols):
            ws.write_string(0, c, en if self.en else zh, self.head)
            ws.set_column(c, c, width)
            if kind in CHOICES:
                source = [labels[self.en] for labels in CHOICES[kind].values()]
                ws.data_validation(1, c, len(rows) + 500, c, {"validate": "list", "source": source})
            for r, row in enumerate(rows, start=1):
                self.put(ws, r, c, row.get(ckey), kind, row.get("_unit", ""))
        ws.freeze_panes(1, 0)

    def levels(self, rules: RuleSet) -> None:
        """Levels with one column per benefit, then the level × grade 系数 block below them."""
        ws = self.book.add_worksheet(SHEETS["levels"][self.en])
        benefits = benefit_order(rules.levels)
        for c, text in enumerate([*(h[self.en] for h in LEVEL_HEAD), *benefits]):
            ws.write_string(0, c, text, self.head)
        for r, level in enumerate(rules.levels, start=1):
            values = [level.name, level.name_en, *map(dict(level.benefits).get, benefits)]
            for c, value in enumerate(values):
                self.put(ws, r, c, value, "text")
        grades = list(dict.fromkeys([*(g.name for g in rules.grades), rules.fail_grade,
                                     *(g for row in rules.coefficients.values() for g in row)]))
        top = len(rules.levels) + 2
        for c, text in enumerate([COEF_MARK[self.en], *grades]):
            ws.write_string(top, c, text, self.head)
        for r, (level_name, row) in enumerate(rules.coefficients.items(), start=top + 1):
            self.put(ws, r, 0, level_name, "text")
            for c, grade in enumerate(grades, start=1):
                self.put(ws, r, c, row.get(grade), "num")
        ws.set_column(0, 0, 20)
        ws.set_column(1, max(len(grades), len(benefits) + 1), 14)
        ws.freeze_panes(1, 0)

    def help(self, rules: RuleSet) -> None:
        """The rules' name, then how to edit the workbook."""
        ws = self.book.add_worksheet(SHEETS["help"][self.en])
        for r, (labels, value) in enumerate(zip(NAME_LABELS, (rules.name, rules.name_en), strict=True)):
            ws.write_string(r, 0, labels[self.en], self.head)
            self.put(ws, r, 1, value, "text")
        for r, line in enumerate(HELP["en" if self.en else "zh"], start=3):
            ws.write_string(r, 0, line)
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 40)


def export_rules(rules: RuleSet, path: Path, lang: str = "zh") -> Path:
    """Write ``rules`` as a workbook a manager can edit and import back; returns ``path``.

    ``lang`` ("zh" or "en") picks sheet names, headers, dropdown labels and the 说明
    text; importing accepts either language.
    """
    with atomic_path(Path(path)) as tmp:
        out = _Book(tmp, lang)
        out.grid("main", MAIN, sheet_rows(rules))
        out.levels(rules)
        grades = [{"name": g.name, "kind": "relative" if g.relative else "absolute", "min": g.min_total,
                   "label": g.label, "_unit": "%" if g.relative else ""} for g in rules.grades]
        out.grid("grades", GRADE_COLS, [*grades, {"name": rules.fail_grade, "kind": "fail"}])
        profiles = [{"name": p.name, "table_id": t, "kpi_id": k, "weight": w,
                     **({"name_en": p.name_en, "note": p.note} if i == 0 else {})}
                    for p in rules.profiles for i, (t, k, w) in enumerate(p.weights or (("", "", None),))]
        out.grid("profiles", PROFILE_COLS, profiles)
        out.help(rules)
        out.book.close()
    return Path(path)


# ---- import -------------------------------------------------------------------------------------


def import_rules(xlsx: Path, out_yaml: Path) -> RuleSet:
    """Turn an edited rules workbook into a YAML rules file (written atomically); return its rules."""
    text = rules_text_from_workbook(Path(xlsx))
    rules = parse_rules(text, source=str(out_yaml))
    write_text_atomic(Path(out_yaml), text)
    return rules


def _sheets(path: Path) -> dict[str, tuple[str, list[tuple[Any, ...]]]]:
    """Each known sheet's name and rows (either language); the two essential ones must exist."""
    file = str(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        _fail(file, ("(workbook)", 1, None), f"无法读取工作簿：{exc}")
    try:
        out = {}
        for key, names in SHEETS.items():
            name = next((n for n in names if n in book.sheetnames), None)
            if name is None and key in ("main", "grades"):
                _fail(file, (names[0], 1, None), f"缺少工作表「{names[0]}」")
            if name is not None:
                ws = book[name]
                ws.reset_dimensions()  # some editors save wrong dimensions; read every row
                out[key] = (name, list(ws.iter_rows(min_row=1, values_only=True)))
        return out
    finally:
        book.close()


def rules_text_from_workbook(path: Path) -> str:
    """The YAML rules text that an exported (and edited) rules workbook describes.

    A bad cell, and any error the rules loader finds in the result, is reported as
    ``rules.invalid`` with the Excel row and ``sheet!cell``.
    """
    file, sheets = str(path), _sheets(Path(path))
    cells: dict[str, tuple[str, int, int]] = {}  # YAML key path -> the cell it came from
    data: dict[str, Any] = {}
    if "help" in sheets:
        sh = _Sheet(file, *sheets["help"])
        for r in range(len(sh.rows)):
            for key, labels in zip(("name", "name_en"), NAME_LABELS, strict=True):
                if _text(sh.get(r, 0)) in labels and sh.get(r, 1) is not None:
                    data[key] = sh.get(r, 1)
    data["tables"] = _read_main(_Sheet(file, *sheets["main"], MAIN), cells)
    data.update(_read_grades(_Sheet(file, *sheets["grades"], GRADE_COLS), cells))
    if "levels" in sheets:
        data.update(_read_levels(_Sheet(file, *sheets["levels"]), cells))
    if "profiles" in sheets:
        data["profiles"] = _read_profiles(_Sheet(file, *sheets["profiles"], PROFILE_COLS), cells)
    text = dump_yaml(data)
    try:
        parse_rules(text, source=file)
    except CsreportError as exc:
        raise _relocate(exc, cells, file) from None
    return text


def _row_type(sh: _Sheet, r: int) -> str:
    """The row's 行类型, guessed from what is filled in when left blank."""
    kind = sh.get(r, "row_type")
    if kind is None and sh.get(r, "when") is not None:
        return "veto"
    if kind is None and any(sh.get(r, k) is not None for k in BAND_KEYS):
        return "band"
    return kind or ("kpi" if sh.get(r, "id") is not None else "table")


def _read_main(sh: _Sheet, cells: dict[str, Any]) -> list[dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    kpis: dict[tuple[str, str], dict[str, Any]] = {}
    for r in sh.filled():
        table_id = sh.need(r, "table_id")
        table = tables.get(table_id)
        if table is None:
            table = tables[table_id] = {"id": table_id, "_path": f"tables[{len(tables)}]", "kpis": []}
            cells[table["_path"]] = sh.at(r, "table_id")
        sh.copy(r, table, TABLE_KEYS, cells)
        kind = _row_type(sh, r)
        if kind == "table":
            continue
        kpi_id = sh.need(r, "id")
        kpi = kpis.get((table_id, kpi_id))
        if kpi is None:
            path = f"{table['_path']}.kpis[{len(table['kpis'])}]"
            kpi = kpis[(table_id, kpi_id)] = {"id": kpi_id, "_path": path}
            table["kpis"].append(kpi)
            cells[kpi["_path"]] = sh.at(r, "id")
        sh.copy(r, kpi, KPI_KEYS, cells)
        if kind == "veto":
            items = kpi.setdefault("vetoes", [])
            cells[f"{kpi['_path']}.vetoes[{len(items)}]"] = sh.at(r, "when")
            reasons = (("reason", sh.get(r, "veto")), ("reason_en", sh.get(r, "veto_en")))
            items.append({"when": sh.need(r, "when"), **{k: v for k, v in reasons if v is not None}})
        elif kind == "band":
            items = kpi.setdefault("bands", [])
            path = f"{kpi['_path']}.bands[{len(items)}]"
            for suffix, key in (("", "low"), (".range", "low"), (".points", "points"),
                                (".written", "written"), (".veto", "veto")):
                cells[path + suffix] = sh.at(r, key)
            items.append(_band(sh, r))
    return [{**{k: v for k, v in t.items() if k != "_path"}, "kpis": [_finish_kpi(k) for k in t["kpis"]]}
            for t in tables.values()]


def _band(sh: _Sheet, r: int) -> dict[str, Any]:
    low, high, written = sh.get(r, "low"), sh.get(r, "high"), sh.get(r, "written")
    band: dict[str, Any] = {}
    if low is None and high is None and written is not None:
        band["written"] = written  # bounds come from the wording, as in a literal transcription
    else:
        ends: list[Any] = []
        for key, x, unbounded in (("low", low, -math.inf), ("high", high, math.inf)):
            incl = sh.get(r, f"{key}_incl")
            if incl is None and x is not None and math.isfinite(x):
                sh.fail(r, f"{key}_incl", f"请选择「是」或「否」：区间是否包含{sh.head[key]}这个值")
            ends += [unbounded if x is None else x, bool(incl)]
        band["range"] = tuple(ends)  # made text once the KPI's unit is known
        if written is not None:
            band["written"] = written
    veto, veto_en = sh.get(r, "veto"), sh.get(r, "veto_en")
    if (sh.get(r, "result") or ("veto" if veto is not None else "points")) == "veto":
        band["veto"] = veto or ""
        if veto_en is not None:
            band["veto_en"] = veto_en
    elif veto is not None:
        sh.fail(r, "veto", "结果是「得分」却填了否决原因：请把结果改为「否决」，或清空否决原因")
    else:
        band["points"] = sh.need(r, "points")
    if (label := sh.get(r, "label")) is not None:
        band["label"] = label
    return band


def _finish_kpi(kpi: dict[str, Any]) -> dict[str, Any]:
    """Bands' interval text and the anchors in the KPI's unit, keys in rules-file order."""
    unit = kpi.get("unit", "count")
    for band in kpi.get("bands", []):
        if "range" in band:
            band["range"] = range_text(*band["range"], unit)
    anchors = []
    for i in (1, 2):
        value, points = kpi.pop(f"anchor{i}", None), kpi.pop(f"anchor{i}_points", None)
        if value is not None or points is not None:
            anchors.append({"value": None if value is None else anchor_value(value, unit), "points": points})
    if anchors:
        kpi["anchors"] = [{k: v for k, v in a.items() if v is not None} for a in anchors]
    return {k: kpi[k] for k in KPI_ORDER if k in kpi}


def _read_grades(sh: _Sheet, cells: dict[str, Any]) -> dict[str, Any]:
    grades: list[dict[str, Any]] = []
    out: dict[str, Any] = {"grades": grades}
    for r in sh.filled():
        name, kind = sh.need(r, "name"), sh.get(r, "kind")
        if kind == "fail":
            if "fail_grade" in out:
                sh.fail(r, "kind", "「不予上岗」的等级只能有一行")
            out["fail_grade"] = name
            continue
        relative = kind == "relative" or (kind is None and str(sh.get(r, "min", "text")).endswith("%"))
        value = sh.need(r, "min", "bound" if relative else "num")
        cells[f"grades[{len(grades)}]"] = sh.at(r, "min")
        grades.append({"name": name, "min": share_text(value) if relative else value,
                       "label": sh.get(r, "label") or ""})
    return out


def _read_levels(sh: _Sheet, cells: dict[str, Any]) -> dict[str, Any]:
    mark = next((r for r in range(len(sh.rows)) if _text(sh.get(r, 0)) in COEF_MARK), len(sh.rows))
    head = [_text(v) for v in (sh.rows[0] if sh.rows else ())]
    levels = []
    for r in range(1, mark):
        name = sh.get(r, 0)
        if name is None:
            continue
        level: dict[str, Any] = {"name": name}
        if (name_en := sh.get(r, 1)) is not None:
            level["name_en"] = name_en
        benefits = {head[c]: v for c in range(2, len(head)) if head[c] and (v := sh.get(r, c)) is not None}
        if benefits:
            level["benefits"] = benefits
        levels.append(level)
    grades = [_text(v) for v in (sh.rows[mark] if mark < len(sh.rows) else ())]
    coefficients: dict[str, dict[str, float]] = {}
    for r in range(mark + 1, len(sh.rows)):
        level_name = sh.get(r, 0)
        if level_name is None:
            continue
        if level_name in coefficients:
            sh.fail(r, 0, f"级别「{level_name}」的系数出现了两行")
        row = coefficients[level_name] = {}
        for c in range(1, len(grades)):
            if grades[c] and (value := sh.get(r, c, "num")) is not None:
                row[grades[c]] = value
                cells[f"coefficients.{level_name}.{grades[c]}"] = sh.at(r, c)
    return {"levels": levels, "coefficients": coefficients}


def _read_profiles(sh: _Sheet, cells: dict[str, Any]) -> dict[str, Any]:
    profiles: dict[str, dict[str, Any]] = {}
    for r in sh.filled():
        name = sh.need(r, "name")
        profile = profiles.setdefault(name, {"_path": f"profiles.{name}", "weights": {}})
        cells.setdefault(profile["_path"], sh.at(r, "name"))
        sh.copy(r, profile, {"name_en": "name_en", "note": "note"}, cells)
        if sh.get(r, "table_id") is None and sh.get(r, "kpi_id") is None:
            continue
        table_id, kpi_id = sh.need(r, "table_id"), sh.need(r, "kpi_id")
        profile["weights"].setdefault(table_id, {})[kpi_id] = sh.need(r, "weight")
        cells[f"profiles.{name}.weights.{table_id}.{kpi_id}"] = sh.at(r, "weight")
    return {name: {k: v for k, v in p.items() if k != "_path"} for name, p in profiles.items()}


def _relocate(exc: CsreportError, cells: dict[str, tuple[str, int, int]], file: str) -> CsreportError:
    """The loader's error about the generated YAML, pointed at the cells it came from."""

    def cell(path: str) -> str | None:
        while path and path not in cells:
            path = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", path)  # up to the enclosing key
        if not path:
            return None
        sheet, row, col = cells[path]
        return f"{sheet}!{get_column_letter(col + 1)}{row}"

    where = cell(str(exc.params.get("path", "")))
    if where is None:
        return exc
    # Further errors are listed as "第 N 行 key.path: …" lines of the YAML; name their cells too.
    problem = re.sub(r"第 \d+ 行 (\S+):", lambda m: f"{cell(m.group(1)) or m.group(1)}:",
                     str(exc.params.get("problem", "")))
    line = int(re.sub(r"\D", "", where.split("!")[1]))
    return CsreportError("rules.invalid", file=file, line=line, path=where, problem=problem)
