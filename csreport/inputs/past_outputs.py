"""Past csreport outputs read back as history records, so history starts on day one.

``csreport history import`` hands each file to ``read_past_output``: the JSON result
(``客服绩效_<month>.json``, ``outputs.json``) or the results workbook (``客服绩效_<month>.xlsx``,
its 汇总 sheet as ``outputs.xlsx.results`` lays it out). Either gives a ``PastMonth``: the
month's agents as ``AgentRecord`` s, the rules' name and hash, when it was made, and the
file's name and SHA-256.

The JSON is all or nothing: it is csreport's own data for programs, so a missing key or a
value of the wrong type refuses the file in one line naming the file and the key. The
workbook is a page people may have touched: a cell that cannot be read is a ``Problem`` at
its sheet, row and column, and the rest is imported.

What each source cannot give is left as unknown rather than guessed: the workbook holds no
table or KPI ids (the names it shows stand in for them), no units, no numerator or
denominator and no band in interval notation; neither source holds a veto reason in the
other language (the one text is kept in both fields). ``identified`` puts the rules' ids,
names and units back when the command knows the rules the month was scored with (its hash).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import stat
import string
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from csreport.fields import AGGREGATES, AggregateField
from csreport.history.model import AgentRecord, KpiRecord
from csreport.inputs.workbook import RawSheet, read_input_bytes, sheets_from_bytes
from csreport.inputs.xlsx_scan import column_letter
from csreport.messages import MESSAGES, Bilingual, both, listed, translate
from csreport.problems import CsreportError, Problem, Severity
from csreport.results import AttendanceSummary
from csreport.util.paths import os_reason
from csreport.util.report_names import RESULTS_PREFIX

# A JSON of 20,000 agents is about 60 MB.
MAX_JSON_BYTES = 200 * 1024 * 1024
# docProps/core.xml is a few hundred bytes; anything near this is not csreport's.
MAX_CORE_BYTES = 1024 * 1024
WORKBOOK_EXTS = (".xlsx", ".xlsm")
CONCLUSIONS = ("pass", "fail", "missing")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_ATTENDANCE = ("present", "late", "early_leave", "leave", "absent", "rest", "recorded_days")
# The attendance counts the 汇总 shows, by the key of their header (``workbook.attendance.*``).
_SHOWN_ATTENDANCE = ("present", "late", "early_leave", "leave", "absent")


@dataclass(frozen=True)
class PastMonth:
    """One past month as a csreport output recorded it, ready to be stored as an import."""

    month: str
    agents: tuple[AgentRecord, ...]
    rules_name: str
    rules_name_en: str
    rules_hash: str
    generated_at: str  # the output's timestamp, ISO; "" when the file does not say
    shop: str
    source: str  # the file's name
    sha256: str  # of the file's bytes
    problems: tuple[Problem, ...] = ()
    lang: str = "zh"  # the language the output was written in
    input_files: tuple[str, ...] = ()  # the inputs the month was scored from (the JSON names them)


def read_past_output(path: Path) -> PastMonth:
    """The month a csreport output holds: its JSON result or its results workbook.

    Raises ``CsreportError`` (one line naming the file) when the file cannot be read or is
    not csreport's; a workbook's unreadable cells are problems of the ``PastMonth`` instead.
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext == ".json":
        data = _read_json_bytes(path)
        return _from_json(data, path.name)
    if ext in WORKBOOK_EXTS:
        try:
            data = read_input_bytes(path)
            sheets = sheets_from_bytes(data, path.name)
        except CsreportError as exc:
            raise CsreportError(
                "history_import.unreadable",
                file=path.name,
                reason=Bilingual(exc.message("zh"), exc.message("en")),
            ) from exc
        return _from_workbook(data, sheets, path.name)
    raise CsreportError("history_import.unsupported", file=path.name)


# ---- the JSON -----------------------------------------------------------------------------------


def _read_json_bytes(path: Path) -> bytes:
    """The file's bytes, at most ``MAX_JSON_BYTES``; checked to be a regular file first, and
    opened without blocking (a pipe given in its place must not hang the import)."""
    name = path.name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _unreadable(name, both("file.is_folder", path=name))
        if not stat.S_ISREG(info.st_mode):
            raise _unreadable(name, both("file.not_regular"))
        if info.st_size > MAX_JSON_BYTES:
            raise _too_large(name, info.st_size)
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise CsreportError("file.not_found", path=str(path)) from exc
    except PermissionError as exc:
        raise _unreadable(name, both("file.no_permission")) from exc
    except OSError as exc:
        raise _unreadable(name, both("file.unreadable", reason=os_reason(exc))) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _unreadable(name, both("file.not_regular"))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise _unreadable(name, both("file.unreadable", reason=os_reason(exc))) from exc
    finally:
        os.close(fd)
    if len(data) > MAX_JSON_BYTES:  # it grew after the stat
        raise _too_large(name, len(data))
    return data


def _unreadable(name: str, reason: Bilingual) -> CsreportError:
    return CsreportError("history_import.unreadable", file=name, reason=reason)


def _too_large(name: str, size: int) -> CsreportError:
    return CsreportError(
        "history_import.too_large", file=name, size_mb=size // 2**20, limit_mb=MAX_JSON_BYTES // 2**20
    )


def _from_json(data: bytes, name: str) -> PastMonth:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":
            raise CsreportError("history_import.json_not_text", file=name) from exc
        # Cut short inside a character: the JSON breaks off there, which the parser says.
        text = data[: exc.start].decode("utf-8-sig")
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CsreportError(
            "history_import.json_damaged", file=name, line=exc.lineno, column=exc.colno
        ) from exc
    except RecursionError as exc:  # nesting no csreport JSON has
        raise CsreportError("history_import.json_not_csreport", file=name, key="meta") from exc
    for key in ("meta", "agents"):
        if not isinstance(payload, dict) or key not in payload:
            raise CsreportError("history_import.json_not_csreport", file=name, key=key)
    doc = _Json(name)
    meta = doc.obj(payload, "meta", "")
    month = doc.text(meta, "month", "meta")
    if not _MONTH.fullmatch(month):
        raise doc.wrong("meta.month", "history_import.type.month", month)
    agents = doc.seq(payload, "agents", "") or []
    records = tuple(_json_agent(doc, a, f"agents[{i}]") for i, a in enumerate(agents))
    seen: set[str] = set()
    for i, r in enumerate(records):
        if r.agent_id in seen:
            raise CsreportError(
                "history_import.json_duplicate", file=name, key=f"agents[{i}]", agent=r.agent_id
            )
        seen.add(r.agent_id)
    inputs = doc.seq(meta, "input_files", "meta", required=False)
    return PastMonth(
        month=month,
        agents=records,
        rules_name=doc.text(meta, "rules_name", "meta"),
        rules_name_en=doc.text(meta, "rules_name_en", "meta", required=False) or "",
        rules_hash=doc.text(meta, "rules_hash", "meta"),
        generated_at=doc.text(meta, "generated_at", "meta"),
        shop=doc.text(meta, "shop", "meta"),
        source=name,
        sha256=hashlib.sha256(data).hexdigest(),
        lang=_json_lang(agents),
        input_files=tuple(doc.text_at(x, f"meta.input_files[{i}]") for i, x in enumerate(inputs or [])),
    )


def _json_lang(agents: list[Any]) -> str:
    """The run's language, from the conclusion's words (the notes are in it): zh unless English."""
    for a in agents:
        if isinstance(a, dict) and isinstance(a.get("conclusion_text"), str):
            english = {translate(f"conclusion.{c}", "en") for c in CONCLUSIONS}
            return "en" if a["conclusion_text"] in english else "zh"
    return "zh"


class _Json:
    """Typed reads from the JSON, each naming the file and the key when it fails."""

    def __init__(self, name: str) -> None:
        self.name = name

    def wrong(self, key: str, expected: str, value: Any) -> CsreportError:
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        return CsreportError(
            "history_import.json_key_type", file=self.name, key=key, expected=both(expected), value=shown
        )

    def _value(self, obj: Any, key: str, where: str, required: bool) -> tuple[str, Any, bool]:
        path = f"{where}.{key}" if where else key
        if not isinstance(obj, dict):
            raise self.wrong(where or "(top)", "history_import.type.object", obj)
        if key not in obj:
            if required:
                raise CsreportError("history_import.json_key_missing", file=self.name, key=path)
            return path, None, False
        return path, obj[key], True

    def text(self, obj: Any, key: str, where: str, *, required: bool = True, null: bool = False) -> Any:
        path, value, present = self._value(obj, key, where, required)
        if not present or (null and value is None):
            return None
        return self.text_at(value, path)

    def text_at(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.wrong(path, "history_import.type.text", value)
        return value

    def number(
        self, obj: Any, key: str, where: str, *, required: bool = True, null: bool = True
    ) -> float | None:
        path, value, present = self._value(obj, key, where, required)
        if not present or (null and value is None):
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise self.wrong(path, "history_import.type.number", value)
        return float(value)

    def whole(
        self, obj: Any, key: str, where: str, *, required: bool = True, null: bool = True
    ) -> int | None:
        path, value, present = self._value(obj, key, where, required)
        if not present or (null and value is None):
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise self.wrong(path, "history_import.type.whole", value)
        return int(value)

    def flag(self, obj: Any, key: str, where: str, default: bool) -> bool:
        path, value, present = self._value(obj, key, where, False)
        if not present:
            return default
        if not isinstance(value, bool):
            raise self.wrong(path, "history_import.type.bool", value)
        return value

    def seq(self, obj: Any, key: str, where: str, *, required: bool = True) -> list[Any] | None:
        path, value, present = self._value(obj, key, where, required)
        if not present:
            return None
        if not isinstance(value, list):
            raise self.wrong(path, "history_import.type.list", value)
        return value

    def obj(self, obj: Any, key: str, where: str, *, required: bool = True) -> Any:
        path, value, present = self._value(obj, key, where, required)
        if not present or (value is None and not required):
            return None
        if not isinstance(value, dict):
            raise self.wrong(path, "history_import.type.object", value)
        return value

    def texts(self, obj: Any, key: str, where: str) -> tuple[str, ...]:
        items = self.seq(obj, key, where, required=False) or []
        path = f"{where}.{key}"
        return tuple(self.text_at(x, f"{path}[{i}]") for i, x in enumerate(items))


def _json_agent(doc: _Json, a: Any, at: str) -> AgentRecord:
    conclusion = doc.text(a, "conclusion", at)
    if conclusion not in CONCLUSIONS:
        raise doc.wrong(f"{at}.conclusion", "history_import.type.conclusion", conclusion)
    vetoes = doc.texts(a, "veto_reasons", at)
    kpis = doc.seq(a, "kpis", at, required=False) or []
    return AgentRecord(
        agent_id=doc.text(a, "agent_id", at),
        name=doc.text(a, "name", at),
        group=doc.text(a, "group", at),
        status=doc.text(a, "status", at, required=False) or "",
        level=doc.text(a, "level", at, null=True) or "",
        table_id=doc.text(a, "table_id", at),
        table_name=doc.text(a, "table_name", at),
        total=doc.number(a, "total", at),
        max_total=doc.number(a, "max_total", at, null=False) or 0.0,
        conclusion=conclusion,
        grade=doc.text(a, "grade", at, null=True),
        rank=doc.whole(a, "rank", at),
        rank_of=doc.whole(a, "rank_of", at, null=False) or 0,
        coefficient=doc.number(a, "coefficient", at),
        bonus=doc.number(a, "bonus", at, required=False),
        bonus_base=doc.number(a, "bonus_base", at, required=False),
        in_roster=doc.flag(a, "in_roster", at, True),
        hire_date=doc.text(a, "hire_date", at, required=False, null=True),
        attendance=_json_attendance(doc, a, at),
        # The JSON holds each note in the run's language only: the one text serves both.
        vetoes=vetoes,
        vetoes_en=vetoes,
        kpis=tuple(_json_kpi(doc, k, f"{at}.kpis[{i}]") for i, k in enumerate(kpis)),
    )


def _json_attendance(doc: _Json, a: Any, at: str) -> AttendanceSummary | None:
    record = doc.obj(a, "attendance", at, required=False)
    if record is None:
        return None
    where = f"{at}.attendance"
    return AttendanceSummary(
        **{key: doc.whole(record, key, where, required=False, null=False) or 0 for key in _ATTENDANCE}
    )


def _json_kpi(doc: _Json, k: Any, at: str) -> KpiRecord:
    veto = doc.text(k, "veto", at, required=False, null=True)
    formula = doc.text(k, "formula", at, required=False) or ""
    return KpiRecord(
        kpi_id=doc.text(k, "kpi_id", at),
        name=doc.text(k, "name", at),
        name_en=doc.text(k, "name_en", at, required=False) or "",
        unit=doc.text(k, "unit", at, required=False) or "",
        max_points=doc.number(k, "max_points", at, null=False) or 0.0,
        raw=doc.number(k, "raw", at),
        numerator=doc.number(k, "numerator", at, required=False),
        denominator=doc.number(k, "denominator", at, required=False),
        band=doc.text(k, "band", at, required=False, null=True),
        points=doc.number(k, "points", at),
        veto=veto,
        veto_en=veto,
        qa=_is_qa(_formula_fields(formula)),
    )


_FORMULA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[\u3400-\u9fff]+")
_BY_NAME: dict[str, AggregateField] = {n: f for f in AGGREGATES for n in (f.id, f.zh)}


def _formula_fields(formula: str) -> list[AggregateField]:
    """The built-in aggregates a rules formula names (by id or Chinese name)."""
    return [f for token in _FORMULA_NAME.findall(formula) if (f := _BY_NAME.get(token)) is not None]


def _is_qa(fields: Sequence[AggregateField]) -> bool:
    """A KPI scored from sampled chats: every aggregate its formula names comes from 质检."""
    return bool(fields) and all(f.role == "qa" for f in fields)


# ---- the workbook -------------------------------------------------------------------------------


def _norm(value: Any) -> str:
    """A cell as one line of text: a header wrapped onto two lines reads as written in one."""
    return " ".join(str(value).split()) if value is not None else ""


def _id_text(value: Any) -> str:
    """A 工号 cell as text: a whole number (a 工号 Excel turned into one) without its ".0"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _norm(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


_NUMBERS = ("n", "max")


def _pattern(code: str, lang: str) -> re.Pattern[str]:
    """A catalogue template as a regular expression to match a whole cell against: ``{n}`` and
    ``{max}`` a number, any other placeholder some text."""
    template = MESSAGES[code][1 if lang == "en" else 0]
    out = ""
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out += re.escape(re.sub(r"\s+", " ", literal))
        if name in _NUMBERS:
            out += f"(?P<{name}>[0-9][0-9.,]*)"
        elif name is not None:
            out += f"(?P<{name}>.+?)"
    return re.compile(out)


@dataclass(frozen=True)
class _Words:
    """What the results workbook says in one language: titles, headers and conclusion words."""

    lang: str
    titles: tuple[re.Pattern[str], ...]
    continued: tuple[re.Pattern[str], ...]
    to_check: str
    headers: dict[str, str]  # 汇总 header text -> column key
    details: dict[str, str]  # 计算明细 header text -> column key
    points: re.Pattern[str]
    extras: tuple[re.Pattern[str], ...]
    conclusions: dict[str, str]  # words (either language) -> pass | fail | missing
    missing: str  # the 缺数据 of a KPI's raw cell
    sep: str  # between veto reasons in one cell

    @classmethod
    def of(cls, lang: str) -> _Words:
        keys = (
            *("agent_id", "name", "group", "total", "conclusion", "veto_reasons", "grade", "level"),
            *("coefficient", "bonus_base", "bonus", "rank"),
        )
        headers = {_norm(translate(f"workbook.{key}", lang)): key for key in keys}
        for key in _SHOWN_ATTENDANCE:
            headers[_norm(translate(f"workbook.attendance.{key}", lang))] = f"attendance.{key}"
        details = {
            _norm(translate(f"workbook.{key}", lang)): key for key in ("agent_id", "kpi", "formula", "veto")
        }
        return cls(
            lang,
            (_pattern("workbook.summary.table", lang), _pattern("workbook.summary.table_one", lang)),
            (
                _pattern("workbook.summary.continued", lang),
                _pattern("workbook.summary.to_check_continued", lang),
            ),
            _norm(translate("workbook.summary.to_check", lang)),
            headers,
            details,
            _pattern("workbook.points_of_max", lang),
            (_pattern("workbook.points_deduction", lang), _pattern("workbook.points_bonus", lang)),
            {_norm(translate(f"conclusion.{c}", x)): c for c in CONCLUSIONS for x in ("zh", "en")},
            _norm(translate("workbook.missing", lang)),
            translate("list.clauses", lang).strip(),
        )


@dataclass(frozen=True)
class _Kpi:
    """A KPI's pair of 汇总 columns: its raw value (None: not shown) and its points."""

    name: str
    max_points: float
    points_col: int
    raw_col: int | None


@dataclass(frozen=True)
class _Header:
    """One table's header row: each column's header as written and where the known ones are."""

    texts: tuple[str, ...]
    cols: dict[str, int]  # column key -> index
    kpis: tuple[_Kpi, ...]


@dataclass
class _Table:
    """The table 汇总 rows belong to: its name, header, and whether its agents are in the roster."""

    name: str
    in_roster: bool
    header: _Header | None = None
    refused: bool = False  # its header lacks a column every agent needs


@dataclass
class _Reading:
    """The 汇总 as it is read: the problems at their cells, the agents by 工号."""

    file: str
    sheet: RawSheet
    words: _Words
    problems: list[Problem] = field(default_factory=list)
    agents: dict[str, AgentRecord] = field(default_factory=dict)

    def problem(
        self, code: str, row: int, col: int | None = None, header: str = "", value: Any = "", **params: Any
    ) -> None:
        """A problem at the 汇总's Excel row ``row`` and 0-based column ``col`` (of the rows read)."""
        kept = code == "history_import.not_number_kept"
        letter = column_letter(self.sheet.first_col + col) if col is not None else ""
        shown = _id_text(value) if _is_number(value) else _norm(value)
        severity = Severity.WARNING if kept else Severity.ERROR
        self.problems.append(
            Problem(code, severity, self.file, self.sheet.name, row, letter, header, shown, params)
        )


# Columns without which a row is no agent's month.
_REQUIRED = ("agent_id", "total", "conclusion")


def _from_workbook(data: bytes, sheets: list[RawSheet], name: str) -> PastMonth:
    summary = {translate("workbook.sheet.summary", lang): lang for lang in ("zh", "en")}
    sheet = next((s for s in sheets if s.name in summary), None)
    if sheet is None:
        raise CsreportError("history_import.no_summary", file=name)
    lang = summary[sheet.name]
    words = _Words.of(lang)
    core = _core_properties(data)
    title = core.get("title", "")
    month = _workbook_month(name, title)
    reading = _Reading(name, sheet, words)
    if not _read_summary(reading):
        raise CsreportError(
            "history_import.no_tables",
            file=name,
            sheet=sheet.name,
            title=translate("workbook.summary.table", lang, name="…", n="…"),
            header=translate("workbook.agent_id", lang),
        )
    detail = next((s for s in sheets if s.name == translate("workbook.sheet.detail", lang)), None)
    if detail is not None:
        _add_detail(reading, detail)
    rules_name, rules_hash = _rules_identity(sheets, lang, core.get("description", ""))
    return PastMonth(
        month=month,
        agents=tuple(reading.agents.values()),
        rules_name=rules_name,
        rules_name_en=rules_name if lang == "en" else "",
        rules_hash=rules_hash,
        generated_at=_generated_at(core),
        shop=title[: -len(month)].strip() if title.endswith(month) else "",
        source=name,
        sha256=hashlib.sha256(data).hexdigest(),
        problems=tuple(reading.problems),
        lang=lang,
    )


def _core_properties(data: bytes) -> dict[str, str]:
    """The workbook's document properties (title, description, created) by their local names;
    empty when the package has none or they cannot be read (they only add detail)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > MAX_CORE_BYTES:
                return {}
            xml = zf.read(info)
        if b"<!DOCTYPE" in xml[:4096]:  # OOXML forbids DTDs; one here can only be hostile
            return {}
        root = ET.fromstring(xml)
    except (KeyError, OSError, zipfile.BadZipFile, ET.ParseError, ValueError, EOFError, RuntimeError):
        return {}
    return {child.tag.rpartition("}")[2]: (child.text or "").strip() for child in root}


def _workbook_month(name: str, title: str) -> str:
    """The workbook's month: the last word of its title (``本店 2026-10``), which stays when
    the file is renamed, else its name (``客服绩效_2026-10.xlsx``)."""
    words = title.split()
    if words and _MONTH.fullmatch(words[-1]):
        return words[-1]
    if name.startswith(RESULTS_PREFIX) and (found := _MONTH.match(name[len(RESULTS_PREFIX) :])):
        return found.group(0)
    raise CsreportError("history_import.no_month", file=name)


def _generated_at(core: Mapping[str, str]) -> str:
    """When the run made the workbook: the timestamp its description ends with
    (``标准考核 #e7a51a67 2026-10-31T09:00:00``), else its creation time."""
    words = core.get("description", "").split()
    if len(words) >= 2 and words[-2].startswith("#"):
        return words[-1]
    created = core.get("created", "")
    return created.removesuffix("Z")


def _rules_identity(sheets: list[RawSheet], lang: str, description: str) -> tuple[str, str]:
    """The rules' name and hash: from the 规则 sheet's title and version lines, else from the
    workbook's description."""
    name = rules_hash = ""
    rules = next((s for s in sheets if s.name == translate("workbook.sheet.rules", lang)), None)
    if rules is not None and len(rules.rows) >= 2:
        first = [_norm(row[0]) if row else "" for row in rules.rows[:2]]
        if title := _pattern("rules_sheet.title", lang).fullmatch(first[0]):
            name = title.group("name")
        if version := _pattern("rules_sheet.identity", lang).fullmatch(first[1]):
            rules_hash = version.group("hash")
    words = description.split()
    if len(words) >= 2 and words[-2].startswith("#"):
        name = name or " ".join(words[:-2])
        rules_hash = rules_hash or words[-2][1:]
    return name, rules_hash


def _filled(row: list[Any]) -> dict[int, Any]:
    return {i: v for i, v in enumerate(row) if v is not None and v != ""}


def _read_summary(r: _Reading) -> bool:
    """Read every table of the 汇总 into ``r``; whether any table (title and header) was found.

    A table is a title row (``考核表：正式（11 人）``), a header row and one row per agent; a
    table running on to another page repeats its title (``（续）``) and header there; the
    agents not in the roster follow their own section title (``需核对……``).
    """
    words = r.words
    table: _Table | None = None
    in_roster = True
    found = False
    for index, row in enumerate(r.sheet.rows):
        number = index + 1
        cells = _filled(row)
        if not cells:
            continue
        first = _norm(cells.get(0, ""))
        if list(cells) == [0]:
            if first == words.to_check:
                in_roster, table = False, None
                continue
            if title := next((m for p in words.titles if (m := p.fullmatch(first))), None):
                table = _Table(title.group("name"), in_roster)
                continue
            if table is not None and any(p.fullmatch(first) for p in words.continued):
                continue
        if words.headers.get(first) == "agent_id":
            if table is not None:
                table.header = _header(r, table, row, number)
                found = True
            continue
        if table is None or table.header is None:
            r.problem("history_import.no_table", number, min(cells), value=cells[min(cells)])
        elif not table.refused:
            _agent_row(r, table, table.header, row, number)
    # rank_of: the ranked agents of a table, in the roster and out of it alike
    ranked: dict[str, int] = {}
    for a in r.agents.values():
        if a.rank is not None:
            ranked[a.table_id] = ranked.get(a.table_id, 0) + 1
    r.agents = {k: replace(a, rank_of=ranked.get(a.table_id, 0)) for k, a in r.agents.items()}
    return found


def _header(r: _Reading, table: _Table, row: list[Any], number: int) -> _Header:
    """A table's header row: the known columns, and each KPI's raw value and points columns."""
    words = r.words
    texts = tuple(_norm(v) for v in row)
    cols: dict[str, int] = {}
    kpis: list[_Kpi] = []
    for col, text in enumerate(texts):
        if (key := words.headers.get(text)) is not None:
            cols.setdefault(key, col)
            continue
        points = words.points.fullmatch(text)
        match = points or next((m for p in words.extras if (m := p.fullmatch(text))), None)
        if match is None:
            continue
        kpi = match.group("name")
        maximum = float(match.group("max").replace(",", "")) if points else 0.0
        raw = col - 1 if col and texts[col - 1] == kpi else None
        kpis.append(_Kpi(kpi, maximum, col, raw))
    missing = [key for key in _REQUIRED if key not in cols]
    for key in missing:
        header = translate(f"workbook.{key}", words.lang)
        r.problem("history_import.missing_column", number, header=header, table=table.name)
    table.refused = bool(missing)
    return _Header(texts, cols, tuple(kpis))


def _agent_row(r: _Reading, table: _Table, header: _Header, row: list[Any], number: int) -> None:
    """One agent's row of the 汇总 as a record of ``r.agents``, or the problems saying why not."""
    words, col = r.words, header.cols

    def cell(at: int | None) -> Any:
        value = row[at] if at is not None and at < len(row) else None
        return None if value == "" else value

    def head(at: int) -> str:
        return header.texts[at] if at < len(header.texts) else ""

    agent_id = _id_text(cell(col["agent_id"]))
    if not agent_id:
        at, value = next(iter(_filled(row).items()))
        r.problem("history_import.no_agent_id", number, at, head(at), value)
        return
    if agent_id in r.agents:
        r.problem("history_import.duplicate_agent", number, col["agent_id"], head(col["agent_id"]), agent_id)
        return
    said = _norm(cell(col["conclusion"]))
    conclusion = words.conclusions.get(said)
    if conclusion is None:
        shown = listed([both(f"conclusion.{c}") for c in CONCLUSIONS])
        r.problem(
            "history_import.bad_conclusion",
            number,
            col["conclusion"],
            head(col["conclusion"]),
            said,
            words=shown,
        )
        return

    def number_at(at: int | None, code: str = "history_import.not_number_kept") -> tuple[float | None, bool]:
        """The cell's number (None when empty), and False when it holds something else."""
        value = cell(at)
        if value is None or at is None:
            return None, True
        if _is_number(value):
            return float(value), True
        r.problem(code, number, at, head(at), value)
        return None, False

    total, ok = number_at(col["total"], "history_import.not_number")
    if not ok:
        return

    def number_of(key: str) -> float | None:
        return number_at(col.get(key))[0]

    kpis = []
    for k in header.kpis:
        raw_value, points_value = cell(k.raw_col), cell(k.points_col)
        if raw_value is None and points_value is None:
            continue  # a KPI of another agent's table, or blank: this agent has no such KPI
        raw = None if _norm(raw_value) == words.missing else number_at(k.raw_col)[0]
        points = number_at(k.points_col)[0]
        name_en = k.name if words.lang == "en" else ""
        kpis.append(KpiRecord(k.name, k.name, name_en, "", k.max_points, raw, None, None, None, points, None))
    said_vetoes = _norm(cell(col.get("veto_reasons")))
    vetoes = tuple(v.strip() for v in said_vetoes.split(words.sep) if v.strip())
    attendance = None
    counts = {key: number_of(f"attendance.{key}") for key in _SHOWN_ATTENDANCE}
    if any(v is not None for v in counts.values()):
        attendance = AttendanceSummary(**{key: int(v or 0) for key, v in counts.items()})
    rank = number_of("rank")
    r.agents[agent_id] = AgentRecord(
        agent_id=agent_id,
        name=_norm(cell(col.get("name"))),
        group=_norm(cell(col.get("group"))),
        status="",
        level=_norm(cell(col.get("level"))),
        table_id=table.name,
        table_name=table.name,
        total=total,
        max_total=sum(k.max_points for k in header.kpis if k.max_points > 0),
        conclusion=conclusion,
        grade=_norm(cell(col.get("grade"))) or None,
        rank=int(rank) if rank is not None and rank.is_integer() else None,
        rank_of=0,
        coefficient=number_of("coefficient"),
        bonus=number_of("bonus"),
        bonus_base=number_of("bonus_base"),
        in_roster=table.in_roster,
        hire_date=None,
        attendance=attendance,
        vetoes=vetoes,
        vetoes_en=vetoes,
        kpis=tuple(kpis),
    )


def _add_detail(r: _Reading, sheet: RawSheet) -> None:
    """Each KPI's veto reason and whether it is scored from sampled chats, from 计算明细 (one row
    per agent and KPI); a sheet that does not read as csreport's adds nothing."""
    rows = iter(sheet.rows)
    header = next(rows, [])
    cols = {key: col for col, text in enumerate(header) if (key := r.words.details.get(_norm(text)))}
    if set(cols) != {"agent_id", "kpi", "formula", "veto"}:
        return
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for row in rows:
        texts = {key: _norm(row[col]) if col < len(row) else "" for key, col in cols.items()}
        found.setdefault(
            (_id_text(row[cols["agent_id"]]) if cols["agent_id"] < len(row) else "", texts["kpi"]),
            (texts["formula"], texts["veto"]),
        )
    for agent_id, a in r.agents.items():
        kpis = []
        for k in a.kpis:
            formula, veto = found.get((agent_id, k.name), ("", ""))
            kpis.append(
                replace(k, veto=veto or None, veto_en=veto or None, qa=_is_qa(_named_fields(formula)))
            )
        r.agents[agent_id] = replace(a, kpis=tuple(kpis))


_NAMES = sorted(((n, f) for f in AGGREGATES for n in (f.zh, f.en)), key=lambda x: -len(x[0]))


def _named_fields(words: str) -> list[AggregateField]:
    """The built-in aggregates a formula in words names (``回复人数 ÷ 咨询人数``), longest names
    first so that one name inside another is not counted twice."""
    found = []
    for name, f in _NAMES:
        if name in words:
            found.append(f)
            words = words.replace(name, "\x00")
    return found


# ---- the rules' names for what the workbook shows ------------------------------------------------


@dataclass(frozen=True)
class KnownKpi:
    """A KPI as the rules define it: what an imported record of it is filled in with."""

    kpi_id: str
    name: str
    name_en: str
    unit: str
    qa: bool = False
    vetoes: tuple[tuple[str, str], ...] = ()  # each veto reason (Chinese, English)


@dataclass(frozen=True)
class KnownTable:
    """A 考核表 as the rules define it (``RuleSet.tables``), for ``identified``."""

    table_id: str
    name: str
    name_en: str
    kpis: tuple[KnownKpi, ...] = ()
    vetoes: tuple[tuple[str, str], ...] = ()  # veto reasons not of one KPI (Chinese, English)


def identified(past: PastMonth, tables: Iterable[KnownTable]) -> PastMonth:
    """``past`` with its tables and KPIs named as the rules it was scored with name them.

    A results workbook shows names, not ids (``正式``, ``Regular``), and no units: given the
    rules of the same hash, each agent's table is found by its id or either name, each KPI by
    its id or either name within it, and veto reasons the rules write get both languages.
    Whatever the rules do not know is left as it was.
    """
    by_name: dict[str, KnownTable] = {}
    for t in tables:
        for key in (t.table_id, t.name, t.name_en):
            if key:
                by_name.setdefault(key, t)
    agents = []
    for a in past.agents:
        found = by_name.get(a.table_id) or by_name.get(a.table_name)
        if found is None:
            agents.append(a)
            continue
        reasons = {
            text: pair
            for pair in (*found.vetoes, *(v for k in found.kpis for v in k.vetoes))
            for text in pair
        }
        kpis = {key: k for k in found.kpis for key in (k.kpi_id, k.name, k.name_en) if key}
        pairs = [reasons.get(v, (v, v)) for v in a.vetoes]
        agents.append(
            replace(
                a,
                table_id=found.table_id,
                table_name=found.name,
                vetoes=tuple(zh for zh, _ in pairs),
                vetoes_en=tuple(en for _, en in pairs),
                kpis=tuple(_known_kpi(k, kpis, reasons) for k in a.kpis),
            )
        )
    return replace(past, agents=tuple(agents))


def _known_kpi(
    k: KpiRecord, kpis: Mapping[str, KnownKpi], reasons: Mapping[str, tuple[str, str]]
) -> KpiRecord:
    known = kpis.get(k.kpi_id) or kpis.get(k.name) or kpis.get(k.name_en)
    if known is None:
        return k
    veto, veto_en = reasons.get(k.veto, (k.veto, k.veto_en)) if k.veto else (None, None)
    return replace(
        k,
        kpi_id=known.kpi_id,
        name=known.name,
        name_en=known.name_en,
        unit=known.unit or k.unit,
        qa=known.qa or k.qa,
        veto=veto,
        veto_en=veto_en,
    )
