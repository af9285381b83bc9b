"""Rules as an Excel workbook that managers edit, and such a workbook back into rules YAML.

指标与区间 has one row per band (or veto condition); a table's and a KPI's own columns
are filled on its first row only. Numbers XlsxWriter cannot store exactly (it keeps 16
digits) are written as text, which reads back to the same float. Headers are matched by
name (Chinese or English), so columns may be moved; errors name the sheet and cell.
The layout (columns, choices, 说明 text) is in ``workbook.layout``; reading cells and sheets
back into rules data is in ``workbook.parse``.
"""

from __future__ import annotations

import html
import io
import math
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter

from csreport.fields import BUILTIN, Vocabulary
from csreport.messages import Bilingual, both
from csreport.problems import CsreportError
from csreport.rules.loader import PRESETS, parse_rules
from csreport.rules.model import RuleSet
from csreport.rules.serialize import HEADER, benefit_order, bound_text, dump_yaml, sheet_rows
from csreport.rules.workbook.layout import (
    CHOICES,
    COEF_MARK,
    GRADE_COLS,
    HELP,
    LEVEL_HEAD,
    MAIN,
    NAME_LABELS,
    PROFILE_COLS,
    SHEETS,
    Col,
)
from csreport.rules.workbook.parse import (
    _fail,
    _read_grades,
    _read_levels,
    _read_main,
    _read_profiles,
    _Sheet,
    _text,
)
from csreport.util.atomic import atomic_path, write_text_atomic
from csreport.util.paths import refuse_input_as_output, replaceable_target

# The marker every exported workbook carries (a custom document property, which Excel and
# WPS keep when the file is edited and saved), so that export may replace an earlier export
# but never a user's own workbook.
MARKER_NAME, MARKER_VALUE = "csreport", "rules workbook"
MAX_WORKBOOK_BYTES = 20 * 2**20  # an exported rules workbook is about 20 KB
MAX_UNZIPPED_BYTES = 100 * 2**20
WORKBOOK = both("output.kind_rules_xlsx")

__all__ = ["export_rules", "import_rules", "rules_text_from_workbook"]


# ---- export -------------------------------------------------------------------------------------


class _Book:
    """The workbook being written, with its shared formats and the output language."""

    def __init__(self, path: Path, lang: str) -> None:
        self.book = xlsxwriter.Workbook(str(path))
        self.book.set_custom_property(MARKER_NAME, MARKER_VALUE)
        self.en = int(lang == "en")
        self.head = self.book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        )
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
        grades = list(
            dict.fromkeys(
                [
                    *(g.name for g in rules.grades),
                    rules.fail_grade,
                    *(g for row in rules.coefficients.values() for g in row),
                ]
            )
        )
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


def export_rules(
    rules: RuleSet, path: Path, lang: str = "zh", option: str = "--xlsx", force: bool = False
) -> Path:
    """Write ``rules`` as a workbook a manager can edit and import back; returns ``path``.

    ``lang`` ("zh" or "en") picks sheet names, headers, dropdown labels and the 说明
    text; importing accepts either language. Rules read from a file are never exported onto
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
        out = _Book(tmp, lang)
        out.grid("main", MAIN, sheet_rows(rules, lang))
        out.levels(rules)
        grades = [
            {
                "name": g.name,
                "kind": "relative" if g.relative else "absolute",
                "min": g.min_total,
                "label": g.label,
                "_unit": "%" if g.relative else "",
            }
            for g in rules.grades
        ]
        out.grid("grades", GRADE_COLS, [*grades, {"name": rules.fail_grade, "kind": "fail"}])
        profiles = [
            {
                "name": p.name,
                "table_id": t,
                "kpi_id": k,
                "weight": w,
                **({"name_en": p.name_en, "note": p.note} if i == 0 else {}),
            }
            for p in rules.profiles
            for i, (t, k, w) in enumerate(p.weights or (("", "", None),))
        ]
        out.grid("profiles", PROFILE_COLS, profiles)
        out.help(rules)
        out.book.close()
    return Path(path)


# ---- import -------------------------------------------------------------------------------------


def import_rules(
    xlsx: Path, out_yaml: Path, option: str = "--out", force: bool = False, vocabulary: Vocabulary = BUILTIN
) -> RuleSet:
    """Turn an edited rules workbook into a YAML rules file (written atomically); return its rules.

    Its formulas may name the aggregates of ``vocabulary`` (the fields a mapping file declares).

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
    text = rules_text_from_workbook(Path(xlsx), vocabulary)
    rules = parse_rules(text, source=str(out_yaml), vocabulary=vocabulary)
    write_text_atomic(target, text)
    return rules


def is_rules_workbook(path: Path) -> bool:
    """Whether ``path`` is a rules workbook csreport exported (and perhaps a manager edited).

    Recognised by the marker property export writes, or, for exports from before the marker
    and editors that drop custom properties, by its two essential sheets (指标与区间 and 等级,
    in either language)."""
    try:
        with zipfile.ZipFile(path) as zf:
            custom = _member(zf, "docProps/custom.xml", 2**18)
            if f'name="{MARKER_NAME}"'.encode() in custom and MARKER_VALUE.encode() in custom:
                return True
            listing = _member(zf, "xl/workbook.xml", 2**20).decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError):
        return False
    names = {html.unescape(n) for n in re.findall(r'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"', listing)}
    return bool(names & set(SHEETS["main"])) and bool(names & set(SHEETS["grades"]))


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


def _sheets(path: Path) -> dict[str, tuple[str, list[tuple[Any, ...]]]]:
    """Each known sheet's name and rows (either language); the two essential ones must exist."""
    file = str(path)
    data = _workbook_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # whatever the library trips on, the file is not a readable workbook
        raise _bad_workbook(file, both("rules.wb_damaged")) from exc
    try:
        out = {}
        for key, names in SHEETS.items():
            name = next((n for n in names if n in book.sheetnames), None)
            if name is None and key in ("main", "grades"):
                _fail(
                    file,
                    (names[0], 1, None),
                    both(
                        "rules.wb_missing_sheet",
                        sheet=both("rules.wb_sheet_name", zh=names[0], en=names[1]),
                    ),
                )
            if name is not None:
                ws = book[name]
                ws.reset_dimensions()  # some editors save wrong dimensions; read every row
                try:
                    out[key] = (name, list(ws.iter_rows(min_row=1, values_only=True)))
                except Exception as exc:  # a damaged sheet part, found only while reading it
                    raise _bad_workbook(file, both("rules.wb_damaged")) from exc
        return out
    finally:
        book.close()


def rules_text_from_workbook(path: Path, vocabulary: Vocabulary = BUILTIN) -> str:
    """The YAML rules text that an exported (and edited) rules workbook describes; its
    formulas may name the aggregates of ``vocabulary``.

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
        parse_rules(text, source=file, vocabulary=vocabulary)
    except CsreportError as exc:
        raise _relocate(exc, cells, file) from None
    return text


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

    def cells_named(text: str) -> str:
        # Further errors are listed as "第 N 行 key.path: …" (or "line N key.path: …") lines
        # of the YAML; name their cells too.
        return re.sub(r"(?:第 \d+ 行|line \d+) (\S+):", lambda m: f"{cell(m.group(1)) or m.group(1)}:", text)

    raw = exc.params.get("why", "")
    pair = raw if isinstance(raw, Bilingual) else Bilingual(str(raw), str(raw))
    problem = Bilingual(cells_named(pair.zh), cells_named(pair.en))
    line = int(re.sub(r"\D", "", where.split("!")[1]))
    return CsreportError("rules.invalid", file=file, line=line, path=where, why=problem)
