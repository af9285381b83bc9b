"""Rule sets for the rules-workbook tests: presets, random rule sets, and the workbook round trip.

:func:`preset` loads a bundled preset, :func:`rules_data` draws a random rule set with
Hypothesis, :func:`roundtrip_xlsx` exports rules to the editable workbook and reads them back,
and :func:`column` finds a header's column in an exported sheet. Used by
``test_rules_xlsx_roundtrip.py``, ``test_rules_xlsx_edits.py`` and ``test_rules_xlsx_hr.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.model import RuleSet
from csreport.rules.workbook.transfer import export_rules, rules_text_from_workbook


def preset(name: str) -> RuleSet:
    """A bundled preset; one that does not load fails the test (it is never skipped)."""
    return load_rules(name)


def header_row(ws: Any) -> int:
    """The row of ``ws`` holding its column headers: row 1, or below a scoring table's block (the
    row whose first cell is 指标 or KPI)."""
    for row in ws.iter_rows(min_row=1, max_row=30):
        if row and row[0].value in ("指标", "KPI"):
            return int(row[0].row)
    return 1


def column(ws: Any, header: str) -> str:
    """The column letter of ``header`` in the header row of ``ws``."""
    for cell in ws[header_row(ws)]:
        if cell.value == header:
            return str(cell.column_letter)
    raise AssertionError(f"no column {header}")


def roundtrip_xlsx(rules: RuleSet, folder: Path, lang: str = "zh") -> RuleSet:
    """``rules`` exported to an editable workbook in ``folder`` and read back."""
    path = export_rules(rules, folder / "rules.xlsx", lang)
    return parse_rules(rules_text_from_workbook(path), source=str(path))


# ---- random rule sets ---------------------------------------------------------------------------

TEXT = (
    st.text(alphabet="回复率响应态度差错转化组试用期满意abcXYZ019 _-()（）/%.:!#", min_size=1, max_size=8)
    .map(str.strip)
    .filter(bool)
)
IDS = st.text(alphabet="abcxyz_019", min_size=1, max_size=6)
NUMBER = st.one_of(
    st.integers(-100, 100),
    st.decimals(-1000, 1000, places=2).map(float),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)
DECIMAL = st.decimals(-1000, 1000, places=3, allow_nan=False, allow_infinity=False)
FORMULAS = (
    "avg_response_s",
    "replied / inquiries",
    "attitude_score",
    "late + early_leave",
    "回复人数 / 咨询人数",
)
WRITTEN = ("均响<=45S", "60S>均响<=80S", "95%回复率>=90%", "回复率<90%", "85>得分>=70")


def _maybe(d: dict[str, Any], key: str, value: Any) -> None:
    """Set ``d[key]`` only when ``value`` is not None (an optional field)."""
    if value is not None:
        d[key] = value


@st.composite
def band(draw: st.DrawFn, unit: str) -> dict[str, Any]:
    """One band of a KPI: a range or only its wording, with points or a veto."""
    out: dict[str, Any] = {}
    if draw(st.integers(0, 5)) == 0:
        out["written"] = draw(st.sampled_from(WRITTEN))  # no range: bounds from the wording
    else:
        a, b = sorted([draw(DECIMAL), draw(DECIMAL)])
        pct = "%" if unit == "%" else ""
        low = "-inf" if draw(st.booleans()) and draw(st.booleans()) else f"{a}{pct}"
        high = "inf" if draw(st.booleans()) and draw(st.booleans()) else f"{b}{pct}"
        left, right = draw(st.sampled_from("[(")), draw(st.sampled_from("])"))
        out["range"] = f"{left}{low}, {high}{right}"
        _maybe(out, "written", draw(st.none() | st.sampled_from(WRITTEN)))
    if draw(st.booleans()):
        out["points"] = draw(NUMBER)
    else:
        out["veto"] = draw(TEXT)
        _maybe(out, "veto_en", draw(st.none() | TEXT))
    _maybe(out, "label", draw(st.none() | TEXT))
    return out


@st.composite
def kpi(draw: st.DrawFn, kpi_id: str) -> dict[str, Any]:
    """One KPI in any scoring mode, with optional bands and vetoes."""
    mode = draw(st.sampled_from(["bands", "linear", "per_unit", "rank"]))
    unit = draw(st.sampled_from(["s", "%", "score", "count", "yuan"]))
    out: dict[str, Any] = {
        "id": kpi_id,
        "name": draw(TEXT),
        "weight": draw(NUMBER),
        "input": draw(st.sampled_from(FORMULAS)),
        "unit": unit,
        "mode": mode,
    }
    _maybe(out, "name_en", draw(st.none() | TEXT))
    if mode == "linear":
        a, b = draw(st.lists(DECIMAL, min_size=2, max_size=2, unique=True))
        out["anchors"] = [
            {"value": f"{a}%" if unit == "%" else float(a), "points": draw(NUMBER)},
            {"value": f"{b}%" if unit == "%" else float(b), "points": draw(NUMBER)},
        ]
    if mode == "per_unit":
        out["per_unit"] = draw(NUMBER)
        _maybe(out, "floor", draw(st.none() | NUMBER))
        _maybe(out, "cap", draw(st.none() | NUMBER))
    if mode == "rank" or draw(st.booleans()):
        out["better"] = draw(st.sampled_from(["higher", "lower"]))
    out["missing"] = draw(st.sampled_from(["no_score", "exclude", "zero"]))
    out["min_sample"] = draw(st.integers(0, 5))
    _maybe(out, "sample", draw(st.none() | st.just("qa_chats")))
    _maybe(out, "rounding", draw(st.none() | st.integers(0, 3)))
    _maybe(out, "note", draw(st.none() | TEXT))
    bands = draw(st.lists(band(unit), min_size=1 if mode == "bands" else 0, max_size=4))
    if bands:
        out["bands"] = bands
    vetoes = [
        {"when": f"shop_risk {op} {value}", "reason": reason}
        for op, value, reason in draw(
            st.lists(
                st.tuples(st.sampled_from([">", ">=", "<", "<=", "==", "!="]), DECIMAL, TEXT), max_size=2
            )
        )
    ]
    if vetoes:
        out["vetoes"] = vetoes
    return out


@st.composite
def rules_data(draw: st.DrawFn) -> dict[str, Any]:
    """A whole rule set as YAML data: tables, grades, levels, coefficients, profiles, the first
    month, retraining limits and the promotion block."""
    tables = []
    for i, table_id in enumerate(draw(st.lists(IDS, min_size=1, max_size=2, unique=True))):
        kpi_ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
        table: dict[str, Any] = {
            "id": table_id,
            "name": draw(TEXT),
            "total": draw(NUMBER),
            "applies_to": {"岗位状态": draw(TEXT)} if i == 0 and draw(st.booleans()) else {},
            "kpis": [draw(kpi(k)) for k in kpi_ids],
        }
        _maybe(table, "fail_if_total_le", draw(st.none() | NUMBER))
        _maybe(table, "retrain_limit", draw(st.none() | st.integers(1, 5)))
        _maybe(table, "note", draw(st.none() | TEXT))
        tables.append(table)
    grades = [
        {
            "name": name,
            "min": draw(NUMBER | st.decimals(0, 100, places=2).map(lambda d: f"{d}%")),
            **({"label": label} if (label := draw(st.none() | TEXT)) else {}),
        }
        for name in draw(st.lists(st.sampled_from("ABCEF"), min_size=1, max_size=3, unique=True))
    ]
    benefit_names = ["年假天数", "住房补贴", "旅游"]
    levels = []
    for name in draw(st.lists(TEXT, max_size=3, unique=True)):
        kept = [b for b in benefit_names if draw(st.booleans())]
        levels.append({"name": name, "benefits": {b: draw(TEXT) for b in kept}})
    level_names = [lv["name"] for lv in levels] + draw(st.lists(st.just("外部级别"), max_size=1))
    grade_names = [g["name"] for g in grades] + ["D"]
    coefficients = {
        lv: {g: draw(NUMBER) for g in grade_names if draw(st.booleans())}
        for lv in level_names
        if draw(st.booleans())
    }
    data: dict[str, Any] = {
        "name": draw(TEXT),
        "tables": tables,
        "grades": grades,
        "fail_grade": "D",
        "levels": levels,
        "coefficients": coefficients,
    }
    months = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).map(lambda d: d.strftime("%Y-%m"))
    _maybe(data, "effective_from", draw(st.none() | months))
    if draw(st.booleans()):
        counts, averages = st.none() | st.integers(0, 12), st.none() | NUMBER
        ways = {
            way: {
                k: v
                for k, v in (
                    ("min_months", draw(counts)),
                    ("min_average", draw(averages)),
                    ("max_average", draw(averages)),
                    ("min_vetoes", draw(counts)),
                    ("max_vetoes", draw(counts)),
                    ("min_tenure_months", draw(counts)),
                )
                if v is not None
            }
            for way in ("up", "down")
            if draw(st.booleans())
        }
        ways = {way: rule for way, rule in ways.items() if rule}
        if ways:
            data["promotion"] = ways
    if draw(st.booleans()):
        weights: dict[str, dict[str, float]] = {}
        for table in tables:
            for k in table["kpis"]:
                if draw(st.booleans()):
                    weights.setdefault(table["id"], {})[k["id"]] = draw(NUMBER)
        data["profiles"] = {draw(TEXT): {"name_en": draw(TEXT), "weights": weights}}
    return data
