"""The rules workbook's layout: sheets, columns, dropdown choices, fonts and the 说明 text.

Shared by ``workbook.transfer`` (writing the workbook) and ``workbook.parse`` (reading it back), so the
two always agree on headers, labels and which rules keys the columns hold.

The workbook is a document for HR: 说明 first, then one sheet per scoring table (考核表) with one
row per band, then 等级, 系数, 级别, 权重方案, 级别升降 and 抽样规则. A value kept in both languages (a KPI's
name, a veto reason) shows the reader's language first; the other language sits with the further settings
to the right, which are not printed. Ids that map rows back to the rules sit in hidden columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from csreport.domain import SATISFACTION_LEVELS
from csreport.messages import Bilingual, both, translate
from csreport.rules.sampling import EXCLUDE, OF_ELIGIBLE, OF_RECEIVED, STRATUM_KEYS, UNRATED

# Sheets with a fixed name (in either language); every other sheet holding a table block or a band
# header is a scoring table's sheet.
SHEET_KEYS = ("help", "grades", "coefficients", "levels", "profiles", "promotion", "sampling")
SHEETS = {key: both(f"rules.sheet.{key}") for key in SHEET_KEYS}
# The one sheet of exports before this layout, recognised so that their import can say so.
OLD_MAIN = both("rules.sheet.main")

# Arial (Liberation Sans where Arial is missing) has the same metrics in Excel, WPS and
# LibreOffice, so column widths, wrapped lines and the print scale agree in all three; Chinese
# text falls back to each system's Chinese font.
FONT_NAME = "Arial"
FONT_SIZE = 10  # points; printed at no less than MIN_PRINT_POINTS
MIN_PRINT_POINTS = 8
HEAD_FILL, MORE_FILL, READ_FILL = "#DDEBF7", "#E7E6E6", "#F2F2F2"
GREY_TEXT = "#595959"


@dataclass(frozen=True)
class Col:
    """One column: its rules key, its header in both languages, width (characters), the kind of
    value it holds and its role.

    Roles: ``edit`` (a reader's column that is read back), ``read`` (words made for the reader,
    never read back), ``more`` (further settings, read back but not printed) and ``hidden``
    (what import needs to map a row back to the rules).
    """

    key: str
    head: Bilingual
    width: float
    kind: str
    role: str = "edit"
    places: int | None = None  # decimals every number of the column shows (1.00, 0.95)

    def header(self, lang: str) -> str:
        """The header in ``lang``."""
        return self.head.en if lang == "en" else self.head.zh


def _col(sheet: str, key: str, width: float, kind: str, role: str = "edit") -> Col:
    return Col(key, both(f"rules.col.{sheet}.{key}"), width, kind, role)


# ---- a scoring table's sheet ------------------------------------------------------------------

# The table's own fields, one per row above the bands: (key, rules-file key, kind).
BLOCK = {
    "name": ("name", "text"),
    "name_en": ("name_en", "text"),
    "applies_to": ("applies_to", "text"),
    "total": ("total", "num"),
    "fail_if_total_le": ("fail_if_total_le", "num"),
    "retrain_limit": ("retrain_limit", "int"),
    "note": ("note", "text"),
    "id": ("id", "text"),
}
BLOCK_LABELS = {key: both(f"rules.col.table.{key}") for key in BLOCK}


def block_order(lang: str) -> tuple[str, ...]:
    """The table block's rows: the name in the reader's language first; the id last (hidden)."""
    names = ("name_en", "name") if lang == "en" else ("name", "name_en")
    return (*names, "applies_to", "total", "fail_if_total_le", "retrain_limit", "note", "id")


_KPI_COLS = {
    c.key: c
    for c in (
        _col("kpi", "name", 14, "text"),
        _col("kpi", "name_en", 16, "text"),
        _col("kpi", "weight", 6, "num"),
        _col("kpi", "measure", 18, "words", "read"),
        _col("kpi", "band", 23, "words", "read"),
        _col("kpi", "points", 6.5, "points"),
        _col("kpi", "veto", 22, "text"),
        _col("kpi", "veto_en", 24, "text"),
        _col("kpi", "low", 8, "bound"),
        _col("kpi", "low_incl", 7.5, "incl"),
        _col("kpi", "high", 8, "bound"),
        _col("kpi", "high_incl", 7.5, "incl"),
        _col("kpi", "note", 34, "text"),
        _col("kpi", "input", 24, "formula", "more"),
        _col("kpi", "unit", 7, "unit", "more"),
        _col("kpi", "mode", 9, "mode", "more"),
        _col("kpi", "better", 10, "better", "more"),
        _col("kpi", "missing", 12, "missing", "more"),
        _col("kpi", "min_sample", 8, "int", "more"),
        _col("kpi", "sample", 10, "field", "more"),
        _col("kpi", "rounding", 9, "int", "more"),
        _col("kpi", "anchor1", 9, "bound", "more"),
        _col("kpi", "anchor1_points", 9, "num", "more"),
        _col("kpi", "anchor2", 9, "bound", "more"),
        _col("kpi", "anchor2_points", 9, "num", "more"),
        _col("kpi", "per_unit", 10, "num", "more"),
        _col("kpi", "floor", 10, "num", "more"),
        _col("kpi", "cap", 10, "num", "more"),
        _col("kpi", "when", 22, "condition", "more"),
        _col("kpi", "label", 36, "text", "more"),
        _col("kpi", "written", 18, "text", "more"),
        _col("kpi", "id", 12, "text", "hidden"),
        _col("kpi", "input_src", 12, "text", "hidden"),
        _col("kpi", "sample_src", 12, "text", "hidden"),
        _col("kpi", "when_src", 12, "text", "hidden"),
    )
}
KPI_COLS = tuple(_KPI_COLS.values())


def kpi_columns(lang: str) -> tuple[Col, ...]:
    """The band grid's columns in ``lang``: the reader's language first, then the other one."""
    mine, other = (
        (("name_en", "veto_en"), ("name", "veto"))
        if lang == "en"
        else (("name", "veto"), ("name_en", "veto_en"))
    )
    order = (
        mine[0],
        "weight",
        "measure",
        "band",
        "points",
        mine[1],
        "low",
        "low_incl",
        "high",
        "high_incl",
        "note",
        *other,
        *(c.key for c in KPI_COLS if c.role in ("more", "hidden") and c.key not in other),
    )
    # The other language's columns are not printed: wide enough that they rarely wrap, since
    # every row is as tall as its longest text.
    return tuple(
        replace(_KPI_COLS[k], role="more", width=OTHER_WIDTH) if k in other else _KPI_COLS[k] for k in order
    )


OTHER_WIDTH = 36

# A KPI's own fields (on its first row), as rules-file keys.
KPI_KEYS = (
    "name",
    "name_en",
    "weight",
    "unit",
    "mode",
    "better",
    "per_unit",
    "floor",
    "cap",
    "rounding",
    "missing",
    "min_sample",
    "note",
)
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
BAND_KEYS = ("low", "low_incl", "high", "high_incl", "points", "veto", "veto_en", "label", "written")
# Columns without which a table's bands cannot be read at all (the others may be deleted).
KPI_REQUIRED = ("name", "weight", "unit", "points", "low", "low_incl", "high", "high_incl")
# What a reader may write in 得分 for a band that vetoes (不予上岗) rather than gives points.
VETO_WORD = both("rules.choice.points.veto")


# ---- the other sheets -------------------------------------------------------------------------

GRADE_COLS = (
    _col("grades", "name", 8, "text"),
    _col("grades", "kind", 14, "grade_kind"),
    _col("grades", "min", 12, "bound"),
    _col("grades", "label", 14, "text"),
    _col("grades", "condition", 42, "words", "read"),
)
_PROFILE_COLS = {
    c.key: c
    for c in (
        _col("profiles", "name", 14, "text"),
        _col("profiles", "name_en", 16, "text"),
        _col("profiles", "table", 14, "text"),
        _col("profiles", "kpi", 20, "text"),
        _col("profiles", "weight", 8, "num"),
        _col("profiles", "note", 36, "text"),
        _col("profiles", "table_id", 10, "text", "hidden"),
        _col("profiles", "kpi_id", 12, "text", "hidden"),
    )
}
PROFILE_COLS = tuple(_PROFILE_COLS.values())


def profile_columns(lang: str) -> tuple[Col, ...]:
    """The 权重方案 columns in ``lang``, the profile's name in the reader's language first."""
    names = ("name_en", "name") if lang == "en" else ("name", "name_en")
    shown = tuple(_PROFILE_COLS[k] for k in (names[0], "table", "kpi", "weight", "note"))
    return (
        *shown,
        replace(_PROFILE_COLS[names[1]], role="more"),
        _PROFILE_COLS["table_id"],
        _PROFILE_COLS["kpi_id"],
    )


LEVEL_NAME = (_col("levels", "name", 16, "text"), _col("levels", "name_en", 24, "text"))


def level_columns(lang: str) -> tuple[Col, ...]:
    """The 级别 sheet's name columns in ``lang`` (one column per benefit follows)."""
    mine, other = LEVEL_NAME[::-1] if lang == "en" else LEVEL_NAME
    return mine, other


COEF_LEVEL = _col("coefficients", "level", 16, "text")
COEF_SHOWN = _col("coefficients", "level_shown", 24, "words", "read")  # English only
# Recognised too: the 系数 block's first cell in workbooks exported before 系数 had its own sheet.
COEF_MARKS = (*COEF_LEVEL.head, "系数 (level \\ grade)")
# The rules' own fields at the top of 说明, beside their labels in column A.
NAME_LABELS = {key: both(f"rules.col.help.{key}") for key in ("name", "name_en", "effective_from")}

# 级别升降: one row per move (up, down), one column per condition it may set.
PROMOTION_COLS = (
    _col("promotion", "way", 12, "way"),
    _col("promotion", "min_months", 11, "int"),
    _col("promotion", "min_average", 10, "num"),
    _col("promotion", "max_average", 10, "num"),
    _col("promotion", "min_vetoes", 11, "int"),
    _col("promotion", "max_vetoes", 11, "int"),
    _col("promotion", "min_tenure_months", 11, "int"),
    _col("promotion", "conditions", 44, "words", "read"),
)

# 抽样规则: the block in words (read only) above; then one setting a row (its label in column A, its
# value in B, what it means beside it); then one row per satisfaction stratum (its share and its
# place in the top-up order); then the error types, one a row.
SAMPLING_SETTINGS = {
    "rate": "bound",
    "of": "sample_of",
    "min": "int",
    "max": "int",
    "fixed": "int",
    "unrated": "unrated",
    "min_messages": "int",
}
SAMPLING_LABELS = {key: both(f"rules.col.sampling.{key}") for key in SAMPLING_SETTINGS}
SAMPLING_HEAD = (
    _col("sampling", "setting", 24, "text", "read"),
    _col("sampling", "value", 14, "text"),
    _col("sampling", "about", 70, "words", "read"),
)
SAMPLING_STRATUM = _col("sampling", "stratum", 24, "text")
SAMPLING_STRATUM_SHOWN = _col("sampling", "stratum_shown", 24, "words", "read")  # English only
SAMPLING_STRATA_COLS = (
    SAMPLING_STRATUM,
    _col("sampling", "share", 14, "bound"),
    _col("sampling", "order", 14, "int"),
    _col("sampling", "about", 70, "words", "read"),
)
SAMPLING_ERROR_TYPE = _col("sampling", "error_type", 24, "text")


def sampling_strata_columns(lang: str) -> tuple[Col, ...]:
    """The strata rows' columns in ``lang``: in English the rating's English words first (read
    only), the Chinese word (which import reads) after them."""
    if lang != "en":
        return SAMPLING_STRATA_COLS
    return (SAMPLING_STRATUM_SHOWN, *SAMPLING_STRATA_COLS)


# kind -> {model value: catalogue code}; importing also accepts the model value itself.
_CHOICES: dict[str, dict[Any, str]] = {
    "incl": {True: "incl", False: "excl"},
    "unit": {"s": "s", "%": "percent", "score": "score", "count": "count", "yuan": "yuan"},
    "mode": {"bands": "bands", "linear": "linear", "rank": "rank", "per_unit": "per_unit"},
    "missing": {"no_score": "no_score", "exclude": "exclude", "zero": "zero"},
    "better": {"higher": "higher", "lower": "lower"},
    "grade_kind": {"absolute": "absolute", "relative": "relative", "fail": "fail"},
    "way": {"up": "up", "down": "down"},
    "sample_of": {OF_RECEIVED: "received", OF_ELIGIBLE: "eligible"},
    "unrated": {
        **{word: STRATUM_KEYS[word] for word in SATISFACTION_LEVELS},
        EXCLUDE: "exclude",
        UNRATED: STRATUM_KEYS[UNRATED],
    },
}
CHOICES: dict[str, dict[Any, Bilingual]] = {
    kind: {value: both(f"rules.choice.{kind}.{name}") for value, name in values.items()}
    for kind, values in _CHOICES.items()
}

_HELP = (
    "what",
    "edit",
    "read",
    "bands",
    "points",
    "retrain",
    "rows",
    "more",
    "grades",
    "levels",
    "profiles",
    "promotion",
    "sampling",
    "effective",
    "import",
)


def help_rows(
    lang: str, profiles: bool = True, promotion: bool = True, sampling: bool = True, **params: Any
) -> tuple[tuple[str, str], ...]:
    """The 说明 sheet's instructions in ``lang``: (topic, what to do); ``params`` fill them in.
    The weight profiles, the level review and the QA sampling are explained only when the rules
    have them (and so their sheets)."""
    kept = (("profiles", profiles), ("promotion", promotion), ("sampling", sampling))
    left_out = {key for key, shown in kept if not shown}
    return tuple(
        (translate(f"rules.help.{key}.topic", lang), translate(f"rules.help.{key}", lang, **params))
        for key in _HELP
        if key not in left_out
    )
