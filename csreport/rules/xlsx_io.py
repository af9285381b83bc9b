"""Rules as an Excel workbook that managers edit, and the workbook back into rules YAML.

指标与区间 has one row per band (or veto condition); a table's and a KPI's own columns
are filled on its first row only. Numbers XlsxWriter cannot store exactly (it keeps 16
digits) are written as text, which reads back to the same float. Errors name sheet!cell.
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
    anchor_value, benefit_order, bound_text, dump_yaml, range_text, share_text, sheet_rows,
)

SHEETS = {"main": ("指标与区间", "KPIs and bands"), "levels": ("级别与系数", "Levels and coefficients"),
          "grades": ("等级", "Grades"), "profiles": ("权重方案", "Weight profiles"), "help": ("说明", "How to edit")}
Col = tuple[str, str, str, int, str]  # key, 中文表头, English header, width, kind
MAIN: tuple[Col, ...] = (
    ("row_type", "行类型", "Row type", 9, "row_type"), ("table_id", "考核表id", "Table id", 10, "text"),
    ("table", "考核表", "Table", 8, "text"), ("applies_to", "适用于", "Applies to", 16, "text"),
    ("total", "满分", "Total", 6, "num"), ("fail_if_total_le", "总分<=此值不予上岗", "Fail if total <=", 10, "num"),
    ("id", "指标id", "KPI id", 14, "text"), ("name", "指标", "KPI", 14, "text"),
    ("name_en", "指标(英文)", "KPI (English)", 16, "text"), ("weight", "权重", "Weight", 6, "num"),
    ("input", "输入公式", "Input formula", 20, "text"), ("unit", "单位", "Unit", 6, "unit"),
    ("mode", "评分方式", "Mode", 8, "mode"), ("missing", "缺数据处理", "Missing data", 10, "missing"),
    ("min_sample", "最少样本", "Min sample", 8, "int"), ("sample", "样本字段", "Sample field", 10, "text"),
    ("rounding", "取整位数", "Rounding", 8, "int"), ("low", "下限", "Low", 8, "bound"),
    ("low_incl", "下限包含", "Low incl.", 8, "yesno"), ("high", "上限", "High", 8, "bound"),
    ("high_incl", "上限包含", "High incl.", 8, "yesno"), ("result", "结果", "Result", 6, "result"),
    ("points", "得分", "Points", 6, "num"), ("veto", "否决原因", "Veto reason", 22, "text"),
    ("veto_en", "否决原因(英文)", "Veto reason (English)", 22, "text"),
    ("when", "否决条件", "Veto condition", 16, "text"), ("label", "标签", "Label", 18, "text"),
    ("written", "原文", "As written", 16, "text"), ("note", "说明", "Note", 30, "text"),
    ("anchor1", "锚点1数值", "Anchor 1 value", 9, "bound"), ("anchor1_points", "锚点1得分", "Anchor 1 points", 9, "num"),
    ("anchor2", "锚点2数值", "Anchor 2 value", 9, "bound"), ("anchor2_points", "锚点2得分", "Anchor 2 points", 9, "num"),
    ("per_unit", "每次得分", "Points per unit", 8, "num"), ("floor", "下限分", "Floor", 7, "num"),
    ("cap", "上限分", "Cap", 7, "num"), ("better", "较好方向", "Better", 9, "better"),
    ("table_en", "考核表(英文)", "Table (English)", 14, "text"), ("table_note", "考核表说明", "Table note", 30, "text"),
)
GRADE_COLS: tuple[Col, ...] = (("name", "等级", "Grade", 8, "text"), ("kind", "类型", "Kind", 10, "grade_kind"),
                               ("min", "最低总分", "Minimum total", 10, "bound"), ("label", "说明", "Label", 16, "text"))
PROFILE_COLS: tuple[Col, ...] = (
    ("name", "方案", "Profile", 12, "text"), ("name_en", "方案(英文)", "Profile (English)", 16, "text"),
    ("note", "方案说明", "Note", 30, "text"), ("table_id", "考核表id", "Table id", 10, "text"),
    ("kpi_id", "指标id", "KPI id", 14, "text"), ("weight", "权重", "Weight", 8, "num"))
LEVEL_HEAD, COEF_MARK = (("级别", "Level"), ("级别(英文)", "Level (English)")), ("系数（级别＼等级）", "系数 (level \\ grade)")
NAME_LABELS = (("规则名称", "Rules name"), ("规则名称(英文)", "Rules name (English)"))
CHOICES: dict[str, dict[Any, tuple[str, str]]] = {
    "row_type": {"band": ("区间", "band"), "veto": ("否决条件", "veto condition"), "kpi": ("指标", "KPI"),
                 "table": ("考核表", "table")},
    "yesno": {True: ("是", "yes"), False: ("否", "no")}, "result": {"points": ("得分", "points"), "veto": ("否决", "veto")},
    "unit": {"s": ("秒", "s"), "%": ("%", "%"), "score": ("分数", "score"), "count": ("次数", "count"),
             "yuan": ("元", "yuan")},
    "mode": {"bands": ("分段", "bands"), "linear": ("线性", "linear"), "rank": ("排名", "rank"),
             "per_unit": ("按次", "per_unit")},
    "missing": {"no_score": ("不评分", "no_score"), "exclude": ("不计入并折算", "exclude"), "zero": ("记0分", "zero")},
    "better": {"higher": ("越高越好", "higher"), "lower": ("越低越好", "lower")},
    "grade_kind": {"absolute": ("分数线", "score"), "relative": ("满分比例", "share of total"),
                   "fail": ("不予上岗", "fail grade")},
}
TABLE_KEYS = {"table": "name", "table_en": "name_en", "applies_to": "applies_to", "total": "total",
              "fail_if_total_le": "fail_if_total_le", "table_note": "note"}
KPI_KEYS = {k: k for k in ("name", "name_en", "weight", "input", "unit", "mode", "better", "anchor1",
                           "anchor1_points", "anchor2", "anchor2_points", "per_unit", "floor", "cap", "sample",
                           "rounding", "missing", "min_sample", "note")}
HELP = {"zh": (
    "怎样修改这份规则：改好后用 csreport rules import 本文件.xlsx 导入（或直接把本文件当作规则文件使用）。",
    "【指标与区间】每个区间一行。考核表和指标自己的列（满分、权重、单位……）只在它的第一行填写，下面各行留空；"
    "考核表id、指标id 每行都要填。",
    "行类型：区间 = 一个分段；否决条件 = 任意公式的否决（如 shop_risk > 0，原因写在「否决原因」）；"
    "指标 = 没有分段的指标（线性/排名/按次）；考核表 = 没有指标的考核表。",
    "下限/上限：写数字；百分比单位请写成 98%。无穷大写 inf，负无穷写 -inf（空着也表示无穷）。"
    "「下限包含」「上限包含」选 是/否：是 = 含等号（闭区间 [ ]），否 = 不含（开区间 ( )）。",
    "结果：得分 = 落在区间内得「得分」列的分；否决 = 不予上岗，原因写在「否决原因」。",
    "原文：原始考核表的写法（如 60S>均响<=80S）。下限、上限都空着而填了原文时，按原文解读区间；"
    "读不懂的原文表示此区间永不匹配。",
    "适用于：如 岗位状态=试用期，多个条件用；分隔；空着 = 默认考核表（其余人员）。",
    "线性：填两个锚点（数值与得分）。按次：每次得分、下限分（最多扣到）、上限分（最多加到）。",
    "【等级】类型：分数线 = 总分不低于最低总分；满分比例 = 最低总分是满分的百分比（如 90%）；"
    "不予上岗 = 不合格时的等级（只填一行）。",
    "【级别与系数】上面是级别与福利（每个福利一列），下面是系数表：每行一个级别，每列一个等级。",
    "【权重方案】每行一个指标的新权重；方案名与说明只需在第一行填写。",
    "下拉列表可选的值见各列；文字前后的空格会被去掉。"), "en": (
    "How to edit these rules: change the sheets, then run csreport rules import on this file (or use this file as the rules).",
    "KPIs and bands: one row per band. A table's and a KPI's own columns go on its first row only; "
    "table id and KPI id on every row.",
    "Row type: band; veto condition (a formula, e.g. shop_risk > 0); KPI (no bands); table (no KPIs).",
    "Low/High: numbers, rates as 98%; unbounded is inf / -inf (or blank). Incl.: yes = closed [ ], no = open ( ).",
    "As written: the source wording; with Low and High both blank the band is read from it.",
    "Applies to: e.g. 岗位状态=试用期, several joined with ;. Blank = the default table.",
    "Grades: score, share of total (e.g. 90%), or the single fail grade.",
    "Levels and coefficients: levels with one column per benefit, then the level × grade 系数 table.")}
_ROW_TYPE_KEYS = ("low", "high", "written", "points", "veto", "result")


def _fail(file: str, where: tuple[str, int, int | None], problem: str) -> NoReturn:
    sheet, row, col = where
    cell = f"{sheet}!{get_column_letter(col + 1)}{row}" if col is not None else sheet
    raise CsreportError("rules.invalid", file=file, line=row, path=cell, problem=problem)


def _convert(value: Any, kind: str) -> Any:
    """A cell's value as the rules want it, None when blank; ValueError says what is wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "text":
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    if kind in CHOICES:
        text = str(value).strip().lower()
        for model, labels in CHOICES[kind].items():
            if text in (str(model).lower(), labels[0].lower(), labels[1].lower()):
                return model
        raise ValueError(f"「{value}」不是可选的值（{' / '.join(z for z, _ in CHOICES[kind].values())}）")
    if isinstance(value, str) and kind == "bound":
        problems: list[str] = []
        x = bound(value, (), type("Sink", (), {"add": lambda _s, _p, msg, _en="": problems.append(msg)})())
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


class _Sheet:
    """One sheet's rows with its columns found by header, so an error can name its cell."""

    def __init__(self, file: str, name: str, rows: list[tuple[Any, ...]], cols: tuple[Col, ...] = ()) -> None:
        self.file, self.name, self.rows = file, name, rows
        names = {h: key for key, zh, en, *_ in cols for h in (zh, en)}
        self.col = {names[h]: i for i, c in enumerate(rows[0] if rows else ()) if (h := _text(c)) in names}
        self.kind, self.head = {c[0]: c[4] for c in cols}, {c[0]: c[1] for c in cols}
        if missing := [self.head[k] for k in ("table_id", "id", "low", "high", "points", "name")
                       if k in self.head and k not in self.col]:
            _fail(file, (name, 1, None), f"缺少列「{'、'.join(missing)}」（第 1 行是表头）")

    def at(self, r: int, key: str | int) -> tuple[str, int, int]:
        """Sheet, Excel row and column index of ``key`` in row index ``r``."""
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

    def need(self, r: int, key: str) -> Any:
        if (value := self.get(r, key)) is None:
            self.fail(r, key, f"「{self.head[key]}」不能为空")
        return value

    def filled(self) -> list[int]:
        """Indexes of the data rows that are not blank."""
        return [r for r in range(1, len(self.rows)) if any(_text(v) for v in self.rows[r])]

    def copy(self, r: int, target: dict[str, Any], keys: dict[str, str], cells: dict[str, Any]) -> None:
        """Take the row's filled attribute cells; a different value from an earlier row is an error."""
        for key, yaml_key in keys.items():
            if (value := self.get(r, key)) is None:
                continue
            if key == "applies_to":
                pairs = [p.replace("＝", "=").partition("=") for p in re.split(r"[;；\n]", value) if p.strip()]
                if any(not eq for _, eq, _ in pairs):
                    self.fail(r, key, f"「{value}」应写成 字段=值，多个用；分隔")
                value = {k.strip(): v.strip() for k, _, v in pairs}
            if yaml_key in target and target[yaml_key] != value:
                self.fail(r, key, f"与第 {cells[target['_path'] + '.' + yaml_key][1]} 行的「{self.head[key]}」不一致")
            target[yaml_key] = value
            cells[f"{target['_path']}.{yaml_key}"] = self.at(r, key)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


# ---- export -------------------------------------------------------------------------------


def export_rules(rules: RuleSet, path: Path, lang: str = "zh") -> Path:
    """Write ``rules`` as an editable workbook (written to a temporary file, then renamed)."""
    en = lang == "en"
    with atomic_path(Path(path)) as tmp:
        book = xlsxwriter.Workbook(str(tmp))
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        pct: dict[int, Any] = {}

        def put(ws: Any, r: int, c: int, value: Any, kind: str, unit: str = "") -> None:
            if value is None or value == "":
                return
            if kind in CHOICES:
                ws.write_string(r, c, CHOICES[kind][value][en])
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            elif not math.isfinite(value) or float(f"{value:.16G}") != value:
                ws.write_string(r, c, bound_text(value, unit if kind == "bound" else ""))
            elif kind == "bound" and unit == "%":
                places = len(bound_text(value, "%")[:-1].partition(".")[2])
                fmt = pct.setdefault(places, book.add_format({"num_format": "0" + "." * (places > 0) + "0" * places + "%"}))
                ws.write_number(r, c, value, fmt)
            else:
                ws.write_number(r, c, value)

        def sheet(key: str, cols: tuple[Col, ...], rows: list[dict[str, Any]]) -> Any:
            ws = book.add_worksheet(SHEETS[key][en])
            for c, (ckey, zh, en_head, width, kind) in enumerate(cols):
                ws.write_string(0, c, en_head if en else zh, head)
                ws.set_column(c, c, width)
                if kind in CHOICES:
                    ws.data_validation(1, c, len(rows) + 500, c, {"validate": "list", "source": [
                        labels[en] for labels in CHOICES[kind].values()]})
                for r, row in enumerate(rows, start=1):
                    put(ws, r, c, row.get(ckey), kind, row.get("_unit", ""))
            ws.freeze_panes(1, 0)
            return ws

        sheet("main", MAIN, sheet_rows(rules))
        sheet("levels", (), [])
        ws = book.get_worksheet_by_name(SHEETS["levels"][en])
        benefits = benefit_order(rules.levels)
        for c, text in enumerate([h[en] for h in LEVEL_HEAD] + benefits):
            ws.write_string(0, c, text, head)
        for r, level in enumerate(rules.levels, start=1):
            for c, value in enumerate([level.name, level.name_en, *map(dict(level.benefits).get, benefits)]):
                put(ws, r, c, value, "text")
        r = len(rules.levels) + 2
        grades = list(dict.fromkeys([*(g.name for g in rules.grades), rules.fail_grade,
                                     *(g for row in rules.coefficients.values() for g in row)]))
        for c, text in enumerate([COEF_MARK[en], *grades]):
            ws.write_string(r, c, text, head)
        for r, (level_name, row) in enumerate(rules.coefficients.items(), start=r + 1):
            for c, value in enumerate([level_name, *map(row.get, grades)]):
                put(ws, r, c, value, "text" if c == 0 else "num")
        ws.set_column(0, 0, 20)
        ws.set_column(1, len(grades) + len(benefits), 14)
        sheet("grades", GRADE_COLS, [{"name": g.name, "kind": "relative" if g.relative else "absolute",
                                      "min": g.min_total, "label": g.label, "_unit": "%" if g.relative else ""}
                                     for g in rules.grades] + [{"name": rules.fail_grade, "kind": "fail"}])
        sheet("profiles", PROFILE_COLS, [
            {"table_id": t, "kpi_id": k, "weight": w, **({"name": p.name, "name_en": p.name_en, "note": p.note}
                                                        if i == 0 else {"name": p.name})}
            for p in rules.profiles for i, (t, k, w) in enumerate(p.weights or (("", "", None),))])
        ws = book.add_worksheet(SHEETS["help"][en])
        for r, (label, value) in enumerate(zip(NAME_LABELS, (rules.name, rules.name_en))):
            ws.write_string(r, 0, label[en], head)
            ws.write_string(r, 1, value)
        for r, line in enumerate(HELP[lang if en else "zh"], start=3):
            ws.write_string(r, 0, line)
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 40)
        book.close()
    return Path(path)


# ---- import -------------------------------------------------------------------------------

KPI_ORDER = ("id", "name", "name_en", "weight", "input", "unit", "mode", "better", "anchors", "per_unit", "floor",
             "cap", "sample", "rounding", "missing", "min_sample", "note", "bands", "vetoes")


def import_rules(xlsx: Path, out_yaml: Path) -> RuleSet:
    """Turn an edited rules workbook into a YAML rules file (written atomically); return its rules."""
    text = rules_text_from_workbook(Path(xlsx))
    rules = parse_rules(text, source=str(out_yaml))
    write_text_atomic(Path(out_yaml), text)
    return rules


def rules_text_from_workbook(path: Path) -> str:
    """The YAML rules text that an exported (and edited) rules workbook describes.

    Cell errors, and any error the rules loader finds in the result, name sheet!cell.
    """
    file = str(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        _fail(file, ("(workbook)", 1, None), f"无法读取工作簿：{exc}")
    try:
        sheets = {}
        for key, names in SHEETS.items():
            ws = next((book[n] for n in names if n in book.sheetnames), None)
            if ws is None and key in ("main", "grades"):
                _fail(file, (names[0], 1, None), f"缺少工作表「{names[0]}」")
            if ws is not None:
                ws.reset_dimensions()
                sheets[key] = (ws.title, list(ws.iter_rows(min_row=1, values_only=True)))
    finally:
        book.close()
    cells: dict[str, tuple[str, int, int]] = {}
    data: dict[str, Any] = {}
    if "help" in sheets:
        help_sheet = _Sheet(file, *sheets["help"])
        for r in range(len(help_sheet.rows)):
            for key, labels in zip(("name", "name_en"), NAME_LABELS):
                if _text(help_sheet.get(r, 0)) in labels and help_sheet.get(r, 1) is not None:
                    data[key] = help_sheet.get(r, 1)
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


def _read_main(sh: _Sheet, cells: dict[str, Any]) -> list[dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    kpis: dict[tuple[str, str], dict[str, Any]] = {}
    for r in sh.filled():
        table_id = sh.need(r, "table_id")
        if (table := tables.get(table_id)) is None:
            table = tables[table_id] = {"id": table_id, "_path": f"tables[{len(tables)}]", "kpis": []}
            cells[table["_path"]] = sh.at(r, "table_id")
        sh.copy(r, table, TABLE_KEYS, cells)
        kind = sh.get(r, "row_type") or (
            "veto" if sh.get(r, "when") is not None else "band" if any(
                sh.get(r, k) is not None for k in _ROW_TYPE_KEYS) else "kpi" if sh.get(r, "id") else "table")
        if kind == "table":
            continue
        kpi_id = sh.need(r, "id")
        if (kpi := kpis.get((table_id, kpi_id))) is None:
            kpi = kpis[(table_id, kpi_id)] = {"id": kpi_id, "_path": f"{table['_path']}.kpis[{len(table['kpis'])}]"}
            table["kpis"].append(kpi)
            cells[kpi["_path"]] = sh.at(r, "id")
        sh.copy(r, kpi, KPI_KEYS, cells)
        if kind == "veto":
            items = kpi.setdefault("vetoes", [])
            cells[path := f"{kpi['_path']}.vetoes[{len(items)}]"] = sh.at(r, "when")
            items.append({"when": sh.need(r, "when"), **{k: v for k, v in (
                ("reason", sh.get(r, "veto")), ("reason_en", sh.get(r, "veto_en"))) if v is not None}})
        elif kind == "band":
            items = kpi.setdefault("bands", [])
            path = f"{kpi['_path']}.bands[{len(items)}]"
            for key, cell in (("", "low"), (".range", "low"), (".points", "points"), (".written", "written")):
                cells[path + key] = sh.at(r, cell)
            items.append(_band(sh, r))
    return [{k: v for k, v in t.items() if k != "_path"} | {"kpis": [_finish_kpi(k) for k in t["kpis"]]}
            for t in tables.values()]


def _band(sh: _Sheet, r: int) -> dict[str, Any]:
    low, high, written = sh.get(r, "low"), sh.get(r, "high"), sh.get(r, "written")
    band: dict[str, Any] = {}
    if low is None and high is None and written is not None:
        band["written"] = written  # bounds come from the wording, as in a literal transcription
    else:
        ends = []
        for key, x, default in (("low", low, -math.inf), ("high", high, math.inf)):
            incl = sh.get(r, f"{key}_incl")
            if incl is None and x is not None and math.isfinite(x):
                sh.fail(r, f"{key}_incl", f"请填写「是」或「否」：区间是否包含{sh.head[key]}")
            ends += [default if x is None else x, bool(incl)]
        band["range"] = tuple(ends)
        if written is not None:
            band["written"] = written
    veto, veto_en = sh.get(r, "veto"), sh.get(r, "veto_en")
    if (sh.get(r, "result") or ("veto" if veto is not None else "points")) == "veto":
        band.update(veto=veto or "", **({"veto_en": veto_en} if veto_en is not None else {}))
    elif veto is not None:
        sh.fail(r, "veto", "结果是「得分」却填了否决原因：请把结果改为「否决」，或清空否决原因")
    else:
        band["points"] = sh.need(r, "points")
    if (label := sh.get(r, "label")) is not None:
        band["label"] = label
    return band


def _finish_kpi(kpi: dict[str, Any]) -> dict[str, Any]:
    """Interval text and anchors in the KPI's unit (known only after all its rows), keys in file order."""
    unit = kpi.get("unit", "count")
    for band in kpi.get("bands", []):
        if "range" in band:
            band["range"] = range_text(*band["range"], unit)
    anchors = [{k: anchor_value(v, unit) if k == "value" else v for k, v in (
        ("value", kpi.pop(f"anchor{i}", None)), ("points", kpi.pop(f"anchor{i}_points", None))) if v is not None}
        for i in (1, 2)]
    if any(anchors):
        kpi["anchors"] = anchors
    return {k: kpi[k] for k in KPI_ORDER if k in kpi}


def _read_grades(sh: _Sheet, cells: dict[str, Any]) -> dict[str, Any]:
    grades: list[dict[str, Any]] = []
    out: dict[str, Any] = {"grades": grades}
    for r in sh.filled():
        name, kind, raw = sh.need(r, "name"), sh.get(r, "kind"), sh.get(r, "min", "text")
        if kind == "fail":
            if "fail_grade" in out:
                sh.fail(r, "kind", "「不予上岗」等级只能有一行")
            out["fail_grade"] = name
            continue
        relative = kind == "relative" or (kind is None and str(raw).endswith("%"))
        value = sh.get(r, "min", "bound" if relative else "num")
        if value is None:
            sh.fail(r, "min", "「最低总分」不能为空")
        cells[f"grades[{len(grades)}]"] = sh.at(r, "min")
        grades.append({"name": name, "min": share_text(value) if relative else value,
                       "label": sh.get(r, "label") or ""})
    return out


def _read_levels(sh: _Sheet, cells: dict[str, Any]) -> dict[str, Any]:
    mark = next((r for r in range(len(sh.rows)) if _text(sh.get(r, 0)) in COEF_MARK), len(sh.rows))
    head = [_text(v) for v in (sh.rows[0] if sh.rows else ())]
    levels = []
    for r in range(1, mark):
        if (name := sh.get(r, 0)) is not None:
            benefits = {head[c]: v for c in range(2, len(head)) if head[c] and (v := sh.get(r, c)) is not None}
            levels.append({"name": name, **({"name_en": en} if (en := sh.get(r, 1)) else {}),
                           **({"benefits": benefits} if benefits else {})})
    grades = [_text(v) for v in (sh.rows[mark] if mark < len(sh.rows) else ())]
    coefficients: dict[str, dict[str, float]] = {}
    for r in range(mark + 1, len(sh.rows)):
        if (level := sh.get(r, 0)) is None:
            continue
        if level in coefficients:
            sh.fail(r, 0, f"级别「{level}」的系数重复")
        row = coefficients[level] = {}
        for c in range(1, len(grades)):
            if grades[c] and (value := sh.get(r, c, "num")) is not None:
                row[grades[c]] = value
                cells[f"coefficients.{level}.{grades[c]}"] = sh.at(r, c)
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
    """The loader's error about the generated YAML, re-pointed at the workbook cells it came from."""

    def cell(path: str) -> tuple[str, int, int] | None:
        while path and path not in cells:
            path = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", path)
        return cells.get(path)

    def ref(where: tuple[str, int, int]) -> str:
        return f"{where[0]}!{get_column_letter(where[2] + 1)}{where[1]}"

    where = cell(str(exc.params.get("path", "")))
    if where is None:
        return exc
    problem = re.sub(r"第 \d+ 行 (\S+):", lambda m: f"{ref(w) if (w := cell(m.group(1))) else m.group(1)}:",
                     str(exc.params.get("problem", "")))
    return CsreportError("rules.invalid", file=file, line=where[1], path=ref(where), problem=problem)
