"""The blank workbooks managers fill in (``csreport template``): 花名册, 考勤, 质检抽查, 接待数据 and
会话清单, one file each, built from the specification in ``blank_templates.yaml``.

Each workbook has two sheets:

- 说明 (``blank_templates.sheet.notes``), first and open when the file opens: what the file is
  for, the template version (``TEMPLATE_VERSION``), the rules the dropdowns and maxima follow, how
  to fill it in, one line per column (what to type, unit, allowed values, example) and what to do
  with it once filled in. Every row holds one cell, so ``check`` never takes it for data.
- the data sheet: row 1 the canonical headers (the shipped aliases' first header, Chinese in every
  language: that is what csreport reads), locked and frozen; below it ``rows`` ready rows, unlocked,
  with each column's number format (text for IDs, so 001 and 16-digit chat IDs stay as typed;
  dates as dates), a prompt and a validation: dropdowns for 岗位状态, 考勤状态, 满意度, 是/否,
  the rules' 级别 and 差错类型, each attitude item 0 to its maximum, counts whole and not negative,
  seconds and amounts not negative, rates 0–100%, dates within ``FIRST_DATE``..``LAST_DATE``. The
  sheet is protected without a password; rows may be inserted, deleted, sorted and filtered. A
  column's own format is unlocked too, so rows pasted below the ready ones can be typed in.

The roster can come filled in (``Prefill``) with the agents of the latest month in the history.
Every text cell is a literal string, never a formula.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook

from csreport import __version__
from csreport.domain import (
    ATTENDANCE_STATUSES,
    ATTITUDE_ITEMS,
    POST_PROBATION,
    POST_REGULAR,
    SATISFACTION_LEVELS,
    UNRATED,
)
from csreport.inputs.headers import ITEM_FIELDS, canonical
from csreport.messages import Bilingual, both, joined, translate
from csreport.outputs.xlsx.base import (
    A4,
    HEADER,
    MARGINS,
    SECTION,
    WRAP,
    SheetWriter,
    Styles,
    display_width,
    label,
    pick,
    wrapped_lines,
)
from csreport.outputs.xlsx.workbook import WORKBOOK_OPTIONS
from csreport.rules.wording import number

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "TEMPLATE_VERSION",
    "Prefill",
    "RosterEntry",
    "TemplateColumn",
    "TemplateRules",
    "TemplateSpec",
    "notes_sheet_name",
    "template_bytes",
    "template_specs",
]

# The version of the templates' layout, written on every 说明 sheet: raise it when a column, a
# validation or the sheets change, so a filled-in file tells which template it was made from.
TEMPLATE_VERSION = "2026.1"
# The custom document property naming the template and its version (a file's own record).
PROPERTY = "csreport-template"

KINDS = ("text", "date", "int", "decimal", "percent", "list")
LISTS = ("post_status", "att_status", "satisfaction", "yes_no", "level", "error_type")
UNITS = ("people", "orders", "messages", "s", "yuan")
# The dates a date cell accepts: any plausible day of a shop's records.
FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2099, 12, 31)
DATE_FORMAT = "yyyy-mm-dd"
NUMBER_FORMATS = {
    "text": "@",
    "list": "@",
    "date": DATE_FORMAT,
    "int": "0",
    "decimal": "General",
    "percent": "0.0%",
}
MONEY_FORMAT = "#,##0.00"
CELL = {"border": 1, "border_color": "#BFBFBF"}
UNLOCKED = {"locked": False}
# Excel refuses a list longer than this written in place (it then reads cells of the 说明 sheet),
# an input or error message longer than 255 characters and a title longer than 32.
LIST_CHARS = 255
MESSAGE_CHARS = 255
TITLE_CHARS = 32
# The 说明 sheet's one column, in characters.
NOTES_WIDTH = 70
# Points per line of 11-point text, and how many character widths a wrapped line of the 说明 sheet
# holds: a little less than the column, as Excel and LibreOffice break lines at glyphs and words.
LINE_POINTS = 15.0
# English letters are narrower than the digit a width counts (Calibri: about 6 pixels to 7).
LINE_HOLDS = {"zh": NOTES_WIDTH - 2, "en": NOTES_WIDTH + 4}
# Ready rows beyond a pre-filled roster's agents, for newcomers.
SPARE_ROWS = 50


# --- the specification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a template: its header and what its cells take."""

    header: str  # as written in row 1: a canonical header, or a header csreport ignores
    field: str | None  # the csreport field it feeds (None: an ignored header such as 备注)
    kind: str  # text | date | int | decimal | percent | list
    explain: str  # blank_templates.col.<explain> and blank_templates.name.<explain>
    width: int
    list: str = ""  # for a list: which values it offers
    maximum: float | None = None  # the largest number (an attitude item's points, a day in seconds)
    unit: str = ""
    example: str = ""
    required: bool = False
    item: bool = False  # one of the ten attitude items


@dataclass(frozen=True)
class TemplateSpec:
    """One template: which input it is, how many rows are made ready, its columns."""

    key: str  # roster | attendance | qa | reception | chat_list
    role: str  # the reader's role for its sheet, or chat_list
    rows: int
    freeze: int  # columns kept in view
    columns: tuple[TemplateColumn, ...]

    @property
    def headers(self) -> list[str]:
        """The data sheet's row 1."""
        return [c.header for c in self.columns]


@functools.cache
def template_specs() -> tuple[TemplateSpec, ...]:
    """The templates as ``blank_templates.yaml`` describes them, in its order."""
    text = (resources.files("csreport.outputs.xlsx") / "blank_templates.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return tuple(_spec(key, value) for key, value in data["templates"].items())


def _spec(key: str, data: dict[str, Any]) -> TemplateSpec:
    columns: list[TemplateColumn] = []
    for entry in data["columns"]:
        if entry.get("items"):
            columns += [
                TemplateColumn(
                    name, item, "decimal", "item", 9, maximum=float(most), required=True, item=True
                )
                for item, (name, most) in zip(ITEM_FIELDS, ATTITUDE_ITEMS, strict=True)
            ]
            continue
        field_id = entry.get("field")
        kind = entry["kind"]
        if kind not in KINDS or (kind == "list") != bool(entry.get("list")):
            raise ValueError(f"blank_templates.yaml: {key}: bad kind or list in {entry}")
        if entry.get("list", LISTS[0]) not in LISTS or entry.get("unit", UNITS[0]) not in UNITS:
            raise ValueError(f"blank_templates.yaml: {key}: unknown list or unit in {entry}")
        columns.append(
            TemplateColumn(
                header=canonical(field_id) if field_id else str(entry["header"]),
                field=field_id,
                kind=kind,
                explain=str(entry.get("explain") or field_id),
                width=int(entry["width"]),
                list=str(entry.get("list", "")),
                maximum=float(entry["max"]) if "max" in entry else None,
                unit=str(entry.get("unit", "")),
                example=str(entry.get("example", "")),
                required=bool(entry.get("required", False)),
            )
        )
    return TemplateSpec(key, str(data["role"]), int(data["rows"]), int(data["freeze"]), tuple(columns))


# --- what a template is made with -------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateRules:
    """What the rules in use give the templates: their name, the 级别 ladder and the error types."""

    name: Bilingual
    hash: str
    levels: tuple[tuple[str, str], ...]  # (name, English name), lowest first
    error_types: tuple[str, ...] = ()
    # The fields the rules' formulas read: a reception column they read is required.
    needs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RosterEntry:
    """One agent of a pre-filled roster, as the history recorded them."""

    agent_id: str
    name: str = ""
    group: str = ""
    hire_date: dt.date | None = None
    post_status: str = ""
    level: str = ""
    bonus_base: float | None = None


@dataclass(frozen=True)
class Prefill:
    """Where the roster's agents came from: ``state`` is "month" (``agents`` are ``month``'s),
    "empty" (a history without months) or "none" (no history file at ``history``)."""

    history: str
    state: str = "none"
    month: str = ""
    agents: tuple[RosterEntry, ...] = ()
    from_review: int = 0  # agents whose 级别 a level review changed
    review_month: str = ""  # the month those levels are in force from


@dataclass
class _Lists:
    """Each list's values (as typed) and how the 说明 sheet shows them; the cells holding the
    values of a list too long for Excel to keep in place."""

    values: dict[str, list[str]] = field(default_factory=dict)
    shown: dict[str, list[Bilingual]] = field(default_factory=dict)
    ranges: dict[str, str] = field(default_factory=dict)


def _lists(rules: TemplateRules) -> _Lists:
    out = _Lists()

    def add(key: str, pairs: Sequence[tuple[str, Bilingual]]) -> None:
        out.values[key] = [value for value, _shown in pairs]
        out.shown[key] = [shown for _value, shown in pairs]

    add("post_status", [(v, both(f"blank_templates.value.{k}")) for v, k in _POST])
    add("att_status", [(v, both(f"blank_templates.value.{k}")) for v, k in _ATTENDANCE])
    add("satisfaction", [(v, both(f"blank_templates.value.{k}")) for v, k in _SATISFACTION])
    add(
        "yes_no",
        [
            (translate(f"blank_templates.value.{k}", "zh"), both(f"blank_templates.value.{k}"))
            for k in ("yes", "no")
        ],
    )
    add(
        "level",
        [
            (
                name,
                both("blank_templates.value.glossed", value=name, meaning=Bilingual("", name_en))
                if name_en and name_en != name
                else both("blank_templates.value.quoted", value=name),
            )
            for name, name_en in rules.levels
        ],
    )
    add("error_type", [(t, both("blank_templates.value.quoted", value=t)) for t in rules.error_types])
    return out


_POST = ((POST_PROBATION, "probation"), (POST_REGULAR, "regular"))
_ATTENDANCE = tuple(
    zip(ATTENDANCE_STATUSES, ("present", "late", "early", "leave", "absent", "rest"), strict=True)
)
_SATISFACTION = (
    *zip(
        SATISFACTION_LEVELS,
        ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied"),
        strict=True,
    ),
    (UNRATED, "unrated"),
)


def notes_sheet_name(lang: str) -> str:
    """The 说明 sheet's name in ``lang``."""
    return translate("blank_templates.sheet.notes", lang)


# --- the workbook -----------------------------------------------------------------------------------


def template_bytes(
    spec: TemplateSpec, rules: TemplateRules, prefill: Prefill | None, lang: str = "zh"
) -> bytes:
    """The template ``spec`` as an .xlsx file's bytes; ``prefill`` fills a roster in.

    Raises ``XlsxWriteError`` when XlsxWriter refuses a cell or setting."""
    buffer = io.BytesIO()
    book = Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    kind = translate(f"blank_templates.sheet.{spec.key}", lang)
    book.set_properties(
        {
            "title": label("blank_templates.notes.title", lang, kind=kind),
            "author": "csreport",
            "comments": label("blank_templates.notes.version", lang, version=TEMPLATE_VERSION),
        }
    )
    book.set_custom_property(PROPERTY, f"{spec.key} {TEMPLATE_VERSION}")
    styles = Styles(book)
    lists = _lists(rules)
    agents = prefill.agents if prefill is not None and spec.role == "roster" else ()
    rows = max(spec.rows, len(agents) + SPARE_ROWS) if agents else spec.rows
    notes = SheetWriter(book.add_worksheet(notes_sheet_name(lang)), styles, lang)
    data = SheetWriter(book.add_worksheet(kind), styles, lang)
    _write_notes(notes, spec, rules, prefill if spec.role == "roster" else None, lists, rows)
    _write_data(data, spec, lists, agents, rows)
    notes.ws.activate()
    book.close()
    return buffer.getvalue()


# --- the 说明 sheet ----------------------------------------------------------------------------------


def _write_notes(
    sw: SheetWriter,
    spec: TemplateSpec,
    rules: TemplateRules,
    prefill: Prefill | None,
    lists: _Lists,
    rows: int,
) -> None:
    lang = sw.lang
    kind = translate(f"blank_templates.sheet.{spec.key}", lang)
    row = 0

    def line(text: str, *style: dict[str, Any]) -> None:
        nonlocal row
        sw.text(row, 0, text, WRAP, *style, autofit=False)
        _height(sw, row, display_width(text), max((part.get("font_size", 11) for part in style), default=11))
        row += 1

    line(label("blank_templates.notes.title", lang, kind=kind), SECTION, {"font_size": 14})
    line(label("blank_templates.notes.version", lang, version=TEMPLATE_VERSION), {"bold": True})
    line(
        label(
            "blank_templates.notes.rules",
            lang,
            rules=pick(rules.name, lang),
            hash=rules.hash,
            app=__version__,
        )
    )
    line(label(f"blank_templates.purpose.{spec.key}", lang))
    if prefill is not None:
        for text in prefill_lines(prefill, lang):
            line(text)
    row += 1
    line(label("blank_templates.notes.how_heading", lang), SECTION)
    line(label("blank_templates.notes.how.rows", lang, sheet=kind, rows=number(rows)))
    line(label("blank_templates.notes.how.header", lang))
    line(label("blank_templates.notes.how.checks", lang))
    row += 1
    line(label("blank_templates.notes.columns_heading", lang), SECTION)
    bold = sw.styles.get(WRAP, {"bold": True})
    plain = sw.styles.get(WRAP)
    for column in spec.columns:
        # A count the rules score with is needed on every row; other columns say so in the spec.
        needed = column.required or (spec.role == "reception" and column.field in rules.needs)
        name, rest = _column_line(column, lists, lang, needed)
        rc = sw.ws.write_rich_string(row, 0, bold, name, plain, rest, plain)
        sw.check(rc, f"the line of column {column.header}")
        _height(sw, row, display_width(name + rest))
        row += 1
    row += 1
    line(label("blank_templates.notes.after_heading", lang), SECTION)
    handoff = "chat_list" if spec.role == "chat_list" else "scored"
    line(label(f"blank_templates.handoff.{handoff}", lang))
    long = [key for key in _used_lists(spec, lists) if _too_long(lists.values[key])]
    if long:
        row += 1
        line(label("blank_templates.notes.lists_heading", lang), SECTION)
        for key in long:
            values = lists.values[key]
            for offset, value in enumerate(values):
                sw.text(row + offset, 0, value)
            first = xl_rowcol_to_cell(row, 0, row_abs=True, col_abs=True)
            last = xl_rowcol_to_cell(row + len(values) - 1, 0, row_abs=True, col_abs=True)
            lists.ranges[key] = f"='{sw.ws.name}'!{first}:{last}"
            row += len(values) + 1
    ws = sw.ws
    sw.check(ws.set_column(0, 0, NOTES_WIDTH), "the width of the notes")
    ws.set_paper(A4)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(**MARGINS)


def _height(sw: SheetWriter, row: int, width: int, size: float = 11) -> None:
    """Make ``row`` tall enough for a text ``width`` characters wide in the 说明 sheet's column
    (LibreOffice does not work row heights out when it opens a file)."""
    lines = -(-width * size // (11 * LINE_HOLDS.get(sw.lang, LINE_HOLDS["zh"]))) if width else 1
    height = LINE_POINTS * size / 11 * max(lines, 1) + 2
    if lines > 1 or size != 11:
        sw.check(sw.ws.set_row(row, height), f"the height of row {row + 1}")


def prefill_lines(prefill: Prefill, lang: str) -> list[str]:
    """What the 说明 sheet says of where the roster's agents came from."""
    if prefill.state == "none":
        return [label("blank_templates.prefill.no_history", lang, history=prefill.history)]
    if prefill.state == "empty" or not prefill.agents:
        return [label("blank_templates.prefill.empty", lang, history=prefill.history)]
    lines = [
        label(
            "blank_templates.prefill.month",
            lang,
            month=prefill.month,
            n=number(len(prefill.agents)),
            history=prefill.history,
        )
    ]
    if prefill.from_review:
        lines.append(
            label(
                "blank_templates.prefill.levels",
                lang,
                n=number(prefill.from_review),
                month=prefill.review_month,
            )
        )
    lines.append(label("blank_templates.prefill.subaccount", lang))
    return lines


def _column_line(column: TemplateColumn, lists: _Lists, lang: str, required: bool) -> tuple[str, str]:
    """A column's line on the 说明 sheet, as (its name, what follows the name)."""
    header = column.header
    english = translate(_name_code(column), "en")
    name = header if lang != "en" else f"{english} ({header})"
    need = label("blank_templates.need.required" if required else "blank_templates.need.optional", lang)
    full = label(
        "blank_templates.notes.line", lang, name="\x00", need=need, text=column_text(column, lists, lang)
    )
    before, _mark, after = full.partition("\x00")
    return before + name, after


def _name_code(column: TemplateColumn) -> str:
    """The catalogue entry naming the column in English: its field's, or its explanation's."""
    return f"blank_templates.name.{column.field or column.explain}"


def column_text(column: TemplateColumn, lists: _Lists, lang: str, *, prompt: bool = False) -> str:
    """What to type in ``column``: what it is, the rule of its cells, an example. A cell's
    ``prompt`` leaves a list's values out: its dropdown shows them."""
    parts = [label(f"blank_templates.col.{column.explain}", lang)]
    rule = "" if prompt and column.kind == "list" else _rule(column, lists, lang)
    if rule:
        parts.append(rule)
    shown = _example(column, lists)
    if shown and column.kind != "date":  # a date's rule shows its example
        parts.append(label("blank_templates.notes.example", lang, example=shown))
    return joined(parts, lang, "sentence.sep")


def _rule(column: TemplateColumn, lists: _Lists, lang: str) -> str:
    unit = label(f"blank_templates.unit.{column.unit}", lang) if column.unit else ""
    if column.item and column.maximum is not None:
        return label("blank_templates.rule.item", lang, max=number(column.maximum))
    if column.kind == "date":
        return label("blank_templates.rule.date", lang, example=column.example or FIRST_DATE.isoformat())
    if column.kind == "int":
        return label("blank_templates.rule.int", lang, unit=unit)
    if column.kind == "decimal" and column.maximum is not None:
        return label("blank_templates.rule.decimal_max", lang, max=number(column.maximum), unit=unit)
    if column.kind == "decimal":
        return label("blank_templates.rule.decimal", lang, unit=unit)
    if column.kind == "percent":
        return label("blank_templates.rule.percent", lang)
    if column.kind == "list" and lists.values.get(column.list):
        values = joined([pick(v, lang) for v in lists.shown[column.list]], lang)
        code = "blank_templates.rule.list_open" if _open(column) else "blank_templates.rule.list"
        return label(code, lang, values=values)
    return ""


def _example(column: TemplateColumn, lists: _Lists) -> str:
    if column.example:
        return column.example
    if column.kind == "list" and lists.values.get(column.list):
        return lists.values[column.list][0]
    return ""


def _open(column: TemplateColumn) -> bool:
    """A list that offers values and takes others after a warning: a level off the rules' ladder
    only gets no 系数, an error type is the reviewer's words."""
    return column.list in ("level", "error_type")


def _used_lists(spec: TemplateSpec, lists: _Lists) -> list[str]:
    return list(dict.fromkeys(c.list for c in spec.columns if c.kind == "list" and lists.values.get(c.list)))


def _too_long(values: Sequence[str]) -> bool:
    """True when Excel cannot hold the list in place: too long, or a value holding its separator."""
    return len(",".join(values)) > LIST_CHARS or any("," in v or '"' in v for v in values)


# --- the data sheet ----------------------------------------------------------------------------------


def _write_data(
    sw: SheetWriter, spec: TemplateSpec, lists: _Lists, agents: Sequence[RosterEntry], rows: int
) -> None:
    ws = sw.ws
    last = len(spec.columns) - 1
    header_lines = 1
    for col, column in enumerate(spec.columns):
        fmt = sw.styles.get(CELL, UNLOCKED, num_format=_number_format(column))
        width = max(column.width, display_width(column.header) + 2 if not column.item else column.width)
        sw.check(ws.set_column(col, col, width, fmt), f"the width of column {col + 1}")
        sw.check(
            ws.write_string(0, col, column.header, sw.styles.get(HEADER)), f"the header {column.header!r}"
        )
        header_lines = max(header_lines, wrapped_lines((display_width(column.header),), width))
        for row in range(1, rows + 1):
            sw.check(ws.write_blank(row, col, None, fmt), f"a ready cell at row {row + 1}")
        _validate(sw, col, column, lists, rows)
    for offset, agent in enumerate(agents):
        _agent_row(sw, spec, offset + 1, agent)
    if header_lines > 1:
        sw.check(ws.set_row(0, 15.0 * header_lines + 2), "the header's height")
    sw.check(ws.autofilter(0, 0, rows, last), "the autofilter")
    ws.freeze_panes(1, spec.freeze)
    ws.protect(
        "",
        {
            "insert_rows": True,
            "delete_rows": True,
            "sort": True,
            "autofilter": True,
            "format_columns": True,
            "format_rows": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
        },
    )
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(**MARGINS)
    ws.repeat_rows(0)


def _plain(value: float) -> float | int:
    """A whole number as an int, so a validation reads 10 rather than 10.0."""
    return int(value) if float(value).is_integer() else value


def _number_format(column: TemplateColumn) -> str:
    if column.unit == "yuan":
        return MONEY_FORMAT
    return NUMBER_FORMATS[column.kind]


def _agent_row(sw: SheetWriter, spec: TemplateSpec, row: int, agent: RosterEntry) -> None:
    """One pre-filled agent, each value under its column (whatever the order of the columns)."""
    values: dict[str, Any] = {
        "agent_id": agent.agent_id,
        "name": agent.name,
        "group": agent.group,
        "hire_date": agent.hire_date,
        "post_status": agent.post_status,
        "level": agent.level,
        "bonus_base": agent.bonus_base,
    }
    ws = sw.ws
    for col, column in enumerate(spec.columns):
        value = values.get(column.field or "")
        if value is None or value == "":
            continue
        fmt = sw.styles.get(CELL, UNLOCKED, num_format=_number_format(column))
        if isinstance(value, dt.date):
            rc = ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt)
        elif isinstance(value, (int, float)):
            rc = ws.write_number(row, col, float(value), fmt)
        else:
            rc = ws.write_string(row, col, str(value), fmt)
        sw.check(rc, f"the pre-filled value at row {row + 1} column {col + 1}")


def _validate(sw: SheetWriter, col: int, column: TemplateColumn, lists: _Lists, rows: int) -> None:
    """The column's prompt, and the check of what is typed in its ready rows."""
    lang = sw.lang
    options: dict[str, Any]
    error = ""
    most = number(column.maximum) if column.maximum is not None else ""
    if column.kind == "date":
        options = {"validate": "date", "criteria": "between", "minimum": FIRST_DATE, "maximum": LAST_DATE}
        error = label(
            "blank_templates.dv.error.date", lang, low=FIRST_DATE.isoformat(), high=LAST_DATE.isoformat()
        )
    elif column.kind == "int":
        options = {"validate": "integer", "criteria": ">=", "value": 0}
        error = label("blank_templates.dv.error.int", lang)
    elif column.kind == "decimal" and column.maximum is not None:
        options = {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": _plain(column.maximum),
        }
        error = label("blank_templates.dv.error.decimal_max", lang, max=most)
    elif column.kind == "decimal":
        options = {"validate": "decimal", "criteria": ">=", "value": 0}
        error = label("blank_templates.dv.error.decimal", lang)
    elif column.kind == "percent":
        options = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1}
        error = label("blank_templates.dv.error.percent", lang)
    elif column.kind == "list" and lists.values.get(column.list):
        values = lists.values[column.list]
        source: str | list[str] = lists.ranges.get(column.list) or values
        options = {"validate": "list", "source": source}
        if column.list == "level":
            error = label("blank_templates.dv.error.level", lang)
        else:
            error = label(
                "blank_templates.dv.error.list_open" if _open(column) else "blank_templates.dv.error.list",
                lang,
            )
        options["error_type"] = "warning" if _open(column) else "stop"
    else:
        options = {"validate": "any"}
    title = (column.header if lang != "en" else translate(_name_code(column), "en"))[:TITLE_CHARS]
    options["input_title"] = title
    options["input_message"] = column_text(column, lists, lang, prompt=True)[:MESSAGE_CHARS]
    if error:
        options["error_title"] = title
        options["error_message"] = error[:MESSAGE_CHARS]
        options.setdefault("error_type", "stop")
    sw.check(sw.ws.data_validation(1, col, rows, col, options), f"the validation of {column.header!r}")
