"""The rules workbook's layout: sheet names, column specs, dropdown choices and the 说明 text.

Shared by ``workbook.transfer`` (writing the workbook) and ``workbook.parse`` (reading it back), so the
two always agree on headers, labels and which rules keys the columns hold.
"""

from __future__ import annotations

from typing import Any

from csreport.messages import Bilingual, both, translate

_SHEET_KEYS = ("main", "levels", "grades", "profiles", "help")
SHEETS = {key: both(f"rules.sheet.{key}") for key in _SHEET_KEYS}
Col = tuple[str, str, str, int, str]  # key, 中文表头, English header, width, kind of value


def _cols(sheet: str, spec: tuple[tuple[str, int, str], ...]) -> tuple[Col, ...]:
    """Columns (key, width, kind) of ``sheet`` with their headers from the catalogue."""
    return tuple((key, *both(f"rules.col.{sheet}.{key}"), width, kind) for key, width, kind in spec)


MAIN = _cols(
    "main",
    (
        ("row_type", 9, "row_type"),
        ("table_id", 10, "text"),
        ("table", 8, "text"),
        ("applies_to", 16, "text"),
        ("total", 6, "num"),
        ("fail_if_total_le", 10, "num"),
        ("id", 14, "text"),
        ("name", 14, "text"),
        ("name_en", 16, "text"),
        ("weight", 6, "num"),
        ("input", 20, "text"),
        ("unit", 6, "unit"),
        ("mode", 8, "mode"),
        ("missing", 10, "missing"),
        ("min_sample", 8, "int"),
        ("sample", 10, "text"),
        ("rounding", 8, "int"),
        ("low", 8, "bound"),
        ("low_incl", 8, "yesno"),
        ("high", 8, "bound"),
        ("high_incl", 8, "yesno"),
        ("result", 6, "result"),
        ("points", 6, "num"),
        ("veto", 22, "text"),
        ("veto_en", 22, "text"),
        ("when", 16, "text"),
        ("label", 18, "text"),
        ("written", 16, "text"),
        ("note", 30, "text"),
        ("anchor1", 9, "bound"),
        ("anchor1_points", 9, "num"),
        ("anchor2", 9, "bound"),
        ("anchor2_points", 9, "num"),
        ("per_unit", 8, "num"),
        ("floor", 7, "num"),
        ("cap", 7, "num"),
        ("better", 9, "better"),
        ("table_en", 14, "text"),
        ("table_note", 30, "text"),
    ),
)
GRADE_COLS = _cols(
    "grades",
    (
        ("name", 8, "text"),
        ("kind", 10, "grade_kind"),
        ("min", 10, "bound"),
        ("label", 16, "text"),
    ),
)
PROFILE_COLS = _cols(
    "profiles",
    (
        ("name", 12, "text"),
        ("name_en", 16, "text"),
        ("note", 30, "text"),
        ("table_id", 10, "text"),
        ("kpi_id", 14, "text"),
        ("weight", 8, "num"),
    ),
)
# Columns without which a sheet cannot be read at all (the others may be deleted).
REQUIRED = ("table_id", "id", "low", "high", "points", "name", "min", "kpi_id", "weight")
LEVEL_HEAD = (both("rules.col.levels.level"), both("rules.col.levels.level_en"))
COEF_MARK = both("rules.col.levels.coefficients")  # first cell of the 系数 block's header
# Recognised too: the English first cell of workbooks exported before it named 系数 in English.
COEF_MARKS = (*COEF_MARK, "系数 (level \\ grade)")
NAME_LABELS = (both("rules.col.help.name"), both("rules.col.help.name_en"))
# kind -> {model value: (中文, English)}; importing also accepts the model value itself.
_CHOICES: dict[str, dict[Any, str]] = {
    "row_type": {"band": "band", "veto": "veto", "kpi": "kpi", "table": "table"},
    "yesno": {True: "yes", False: "no"},
    "result": {"points": "points", "veto": "veto"},
    "unit": {"s": "s", "%": "percent", "score": "score", "count": "count", "yuan": "yuan"},
    "mode": {"bands": "bands", "linear": "linear", "rank": "rank", "per_unit": "per_unit"},
    "missing": {"no_score": "no_score", "exclude": "exclude", "zero": "zero"},
    "better": {"higher": "higher", "lower": "lower"},
    "grade_kind": {"absolute": "absolute", "relative": "relative", "fail": "fail"},
}
CHOICES: dict[str, dict[Any, Bilingual]] = {
    kind: {value: both(f"rules.choice.{kind}.{name}") for value, name in values.items()}
    for kind, values in _CHOICES.items()
}
TABLE_KEYS = {
    "table": "name",
    "table_en": "name_en",
    "applies_to": "applies_to",
    "total": "total",
    "fail_if_total_le": "fail_if_total_le",
    "table_note": "note",
}
KPI_ORDER = (
    "id",
    "name",
    "name_en",
    "weight",
    "input",
    "unit",
    "mode",
    "better",
    "anchors",
    "per_unit",
    "floor",
    "cap",
    "sample",
    "rounding",
    "missing",
    "min_sample",
    "note",
    "bands",
    "vetoes",
)
KPI_KEYS = {
    k: k
    for k in (*KPI_ORDER[1:], "anchor1", "anchor1_points", "anchor2", "anchor2_points")
    if k not in ("anchors", "bands", "vetoes")
}
BAND_KEYS = ("low", "high", "written", "points", "veto", "result")  # a row with any of these is a band
_HELP = (
    "how",
    "main",
    "row_type",
    "bounds",
    "result",
    "written",
    "applies_to",
    "modes",
    "grades",
    "levels",
    "profiles",
    "dropdowns",
)
HELP = {lang: tuple(translate(f"rules.help.{key}", lang) for key in _HELP) for lang in ("zh", "en")}
