"""Write results back into copies of the manager's own workbooks (``run --write-back``).

The zip package is edited directly, never round-tripped through openpyxl (which drops charts,
images and slicers): every part is copied unchanged and one worksheet part is added, registered
by text insertion so that the namespace declarations Excel requires stay exactly as written.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import math
import posixpath
import re
import shutil
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils.cell import range_boundaries
from python_calamine import CalamineWorkbook
from xlsxwriter.utility import xl_col_to_name

from csreport.inputs.headers import detect
from csreport.inputs.values import parse_id
from csreport.inputs.workbook import (
    MAX_UNZIPPED_BYTES,
    RawSheet,
    is_skippable,
    iter_files,
    read_input_bytes,
    sheets_from_bytes,
)
from csreport.messages import translate
from csreport.outputs.xlsx.base import display_width, fit_cell_text, label
from csreport.problems import CsreportError, Problem, Severity
from csreport.results import AgentResult, MonthResult
from csreport.util.atomic import atomic_path, os_error
from csreport.util.paths import matching_input

SHEET_NAME = "考核结果"
FILE_SUFFIX = "_考核结果"
WRITABLE = (".xlsx", ".xlsm")
RESULT_KEYS = ("agent_id", "name", "group", "table", "total", "conclusion", "veto_reasons",
               "grade", "level", "coefficient", "bonus", "rank")
ROSTER_KEYS = ("total", "conclusion", "level", "coefficient")
_WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A reader's refusal (file.corrupt, file.zip_bomb, sheet.too_many_rows, …) is writeback.failed, as is
# any other error; these keep their own reason.
_CODES = {"file.encrypted": "writeback.encrypted", "writeback.encrypted": "writeback.encrypted",
          "writeback.input_changed": "writeback.input_changed",
          "writeback.unreadable": "writeback.unreadable", "output.not_writable": "writeback.not_writable"}
_P = r"(?:[\w.\-]+:)?"  # an optional namespace prefix on a tag
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*?"""  # a start tag's attributes; '>' may sit in quotes
_ROW = re.compile(rf"<({_P})row\b({_ATTRS})(/>|>(.*?)</\1row\s*>)", re.S)
_CELL = re.compile(rf"<{_P}c(?=[\s/>])({_ATTRS})/?>")
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FROZEN_HEADER = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                  'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>')
Value = str | float | int | None
Plan = tuple[int, dict[int, list[Value]]]  # (first free column, Excel row → values to append)


@dataclass(frozen=True)
class WriteBackResult:
    """What ``write_back`` did: the copies written and the inputs set aside, with why."""

    written: tuple[Path, ...]
    skipped: tuple[tuple[str, str], ...]  # (input file name, reason code)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """One WARNING per input that got no copy, located at that file, for the data-problems list."""
        return tuple(Problem(code, Severity.WARNING, name) for name, code in self.skipped)


def write_back(inputs: Mapping[Path, str | None] | Sequence[Path], month: MonthResult, out_dir: Path, *,
               columns: bool = False, lang: str = "zh") -> WriteBackResult:
    """Copy each .xlsx/.xlsm input to ``out_dir`` with a 考核结果 sheet; list the inputs skipped.

    ``inputs`` maps each input file that was read to the SHA-256 (hex) of the bytes that were
    scored (``Dataset.read_digests``). Each file is read once here, and its copy is built from
    those very bytes, so a copy never mixes two versions of a file: a file whose bytes no longer
    have that digest is skipped (``writeback.input_changed``). A file that cannot be parsed as
    a workbook is skipped before anything is written. A plain sequence of files and folders
    (no digests) is also accepted; its files are not compared with what was scored.

    ``columns`` also appends 总分, 结论, 级别, 系数 to the roster sheet, agent by agent."""
    if isinstance(inputs, Mapping):
        expected: dict[Path, str | None] = {Path(p): d for p, d in inputs.items()}
    else:
        expected = dict.fromkeys(iter_files([Path(p) for p in inputs]))
    written: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for path, digest in expected.items():
        if is_skippable(path):
            continue
        if path.suffix.lower() not in WRITABLE:
            skipped.append((path.name, "writeback.unsupported"))
            continue
        target = _target(path, Path(out_dir), written, expected)
        try:
            _write_back_one(path, digest, target, month, columns, lang)
        except CsreportError as exc:
            if exc.code == "output.disk_full":  # the rest of the run cannot be written either
                raise
            skipped.append((path.name, _CODES.get(exc.code, "writeback.failed")))
        except OSError as exc:  # atomic_path converts its own; this is anything else
            error = os_error(exc, target)
            if error.code == "output.disk_full":
                raise error from exc
            skipped.append((path.name, "writeback.failed"))
        except Exception:  # damaged packages raise many types; one bad file must not stop the rest
            skipped.append((path.name, "writeback.failed"))
        else:
            written.append(target)
    return WriteBackResult(tuple(written), tuple(skipped))


def _target(path: Path, out_dir: Path, written: list[Path], inputs: Iterable[Path]) -> Path:
    """The copy's path: ``<stem>_考核结果<suffix>``, "…2", "…3" for a name already used by an
    earlier copy (in any letter case), and never a name that is one of the inputs."""
    stem, taken = f"{path.stem}{FILE_SUFFIX}", {p.name.lower() for p in written}
    for n in itertools.chain([""], itertools.count(2)):
        target = out_dir / f"{stem}{n}{path.suffix}"
        if target.name.lower() not in taken and matching_input(target, inputs) is None:
            return target
    raise AssertionError("unreachable: itertools.count never ends")


def _write_back_one(path: Path, digest: str | None, target: Path, month: MonthResult, columns: bool,
                    lang: str) -> None:
    """Write ``target``, the copy of ``path`` with results, from one read of ``path``'s bytes.

    Nothing is written unless those bytes are the ones scored and parse as a workbook."""
    data = _read_once(path, digest)
    if data[:8] == _OLE_MAGIC:  # an encrypted OOXML file is an OLE container, not a zip
        raise CsreportError("writeback.encrypted")
    # The reader and the zip editor both work on the bytes just checked, in memory, never on
    # ``path`` again: the user's file may change at any moment, and is never opened for writing.
    # Nothing is staged on disk outside the output folder (a full system temp folder must not
    # stop the run).
    sheets = sheets_from_bytes(data, path.name)  # raises for anything the reader would set aside
    plans = _roster_plans(sheets, month, lang) if columns else {}
    del sheets
    with atomic_path(target) as tmp:
        _write_copy(data, tmp, month, plans, lang)


def _read_once(path: Path, digest: str | None) -> bytes:
    """``path``'s bytes, read once; raise unless they hash to ``digest`` (when one is given)."""
    try:
        data = read_input_bytes(path)
    except CsreportError as exc:
        if exc.code == "file.too_large":
            raise CsreportError("writeback.failed") from exc
        gone = exc.code == "file.not_found" and digest  # read before, gone now: it changed
        raise CsreportError("writeback.input_changed" if gone else "writeback.unreadable") from exc
    if digest is not None and hashlib.sha256(data).hexdigest() != digest.lower():
        raise CsreportError("writeback.input_changed")
    return data


def _write_copy(data: bytes, tmp: Path, month: MonthResult, plans: dict[str, Plan], lang: str) -> None:
    """Write the edited copy of ``data`` (the checked bytes of an input) to ``tmp``.

    The copy must read back, with its 考核结果 sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        infos = zin.infolist()
        names = {i.filename.lower(): i.filename for i in infos}
        if len(names) != len(infos) or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
            raise CsreportError("writeback.failed")
        changed, part, sheet_name, sheet_xml = _edit_package(zin, names, month, plans, lang)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in infos:
                out = zipfile.ZipInfo(info.filename, info.date_time)
                out.compress_type, out.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
                if info.filename in changed or info.is_dir():
                    zout.writestr(out, changed.get(info.filename, b""))
                    continue
                with zin.open(info) as src, zout.open(out, "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            zout.writestr(zipfile.ZipInfo(part, time.localtime()[:6]), sheet_xml, zipfile.ZIP_DEFLATED)
    with tmp.open("rb") as fh:  # from a handle: Windows cannot rename a file calamine holds open
        if sheet_name not in CalamineWorkbook.from_filelike(fh).sheet_names:
            raise CsreportError("writeback.failed")


def _edit_package(zin: zipfile.ZipFile, names: dict[str, str], month: MonthResult,
                  plans: dict[str, Plan], lang: str) -> tuple[dict[str, bytes], str, str, bytes]:
    """(changed part → bytes, new sheet's part name, new sheet's name, its XML)."""
    def text(name: str) -> str:
        data = zin.read(names[name.lower()])
        if b"<!DOCTYPE" in data[:4096]:  # OOXML forbids DTDs; one here can only be hostile
            raise CsreportError("writeback.failed")
        return data.decode("utf-8")  # UTF-16 parts are legal but unseen in practice: refused
    wb_name = next(names[k] for r in ET.fromstring(text("_rels/.rels"))
                   if r.get("Type", "").endswith("/officeDocument")
                   and (k := _resolve("", r.get("Target", "")).lower()) in names)
    wb_dir = posixpath.dirname(wb_name)
    rels_name = names[posixpath.join(wb_dir, "_rels", posixpath.basename(wb_name) + ".rels").lower()]
    wb, rels, types = text(wb_name), text(rels_name), text("[Content_Types].xml")
    root = ET.fromstring(wb)
    main_ns = root.tag[1:].partition("}")[0]
    ids = [(el, next(k for k in el.attrib if k.endswith("}id"))) for el in root.iter(f"{{{main_ns}}}sheet")]
    sheets = [(el.get("name", ""), int(el.get("sheetId", "0")), el.attrib[k]) for el, k in ids]
    rel_ns = ids[0][1][1:].partition("}")[0]
    links = {r.get("Id", "").lower(): r for r in ET.fromstring(rels)}
    # New names compare in lower case, as sheet names in Excel and part names in a package do.
    sheet_name = next(x for n in itertools.chain([""], itertools.count(2))
                      if (x := f"{SHEET_NAME}{n}").lower() not in {s[0].lower() for s in sheets})
    part = next(x for n in itertools.count(len(sheets) + 1)
                if (x := posixpath.join(wb_dir, f"worksheets/sheet{n}.xml")).lower() not in names)
    rid = next(x for n in itertools.count(len(links) + 1) if (x := f"rId{n}").lower() not in links)
    rel_type = next((t for r in links.values() if (t := r.get("Type", "")).endswith("/worksheet")),
                    _WORKSHEET_TYPE)  # copying an existing one keeps Strict OOXML consistent
    start = re.search(r"<[^?!][^>]*>", wb)  # the root start tag, where Excel declares prefixes
    prefix = re.search(rf"""xmlns:([\w.\-]+)\s*=\s*["']{re.escape(rel_ns)}["']""", start[0] if start else "")
    id_attr = f"{prefix[1]}:id" if prefix else f'xmlns:r="{rel_ns}" r:id'
    target = posixpath.relpath(part, wb_dir or ".")
    changed = {wb_name: _insert_last(wb, "sheets", f"sheet name={quoteattr(sheet_name)} "
                                     f'sheetId="{max(s[1] for s in sheets) + 1}" {id_attr}="{rid}"/>'),
               rels_name: _insert_last(rels, "Relationships",
                                       f'Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/>'),
               names["[content_types].xml"]: _insert_last(
                   types, "Types", f'Override PartName="/{part}" ContentType="{_WORKSHEET_CT}"/>')}
    for sheet, (first_col, rows) in plans.items():
        rel = links[next(s[2] for s in sheets if s[0] == sheet).lower()]
        key = names[_resolve(wb_dir, rel.get("Target", "")).lower()]
        changed[key] = _append_cells(text(key), first_col, rows, lang)
    encoded = {k: v.encode("utf-8") for k, v in changed.items()}
    return encoded, part, sheet_name, _results_sheet(month, main_ns, lang).encode("utf-8")


def _resolve(base_dir: str, target: str) -> str:
    """Part name of a relationship target, relative to ``base_dir`` unless absolute."""
    target = target.replace("\\", "/")
    return posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(base_dir, target))


def _insert_last(xml: str, tag: str, element: str) -> str:
    """Insert ``<element`` as the last child of the first ``tag`` element, in its prefix."""
    out, n = re.subn(rf"</({_P}){tag}\s*>", lambda m: f"<{m[1]}{element}{m[0]}", xml, count=1)
    if not n:
        raise CsreportError("writeback.failed")
    return out


def _result_row(a: AgentResult, lang: str) -> list[Value]:
    """One agent's 考核结果 row, in ``RESULT_KEYS`` order."""
    reasons = [v.text(lang) for v in a.veto_reasons]
    # A plain number is written as one so that it matches a roster holding 工号 as numbers.
    plain = re.fullmatch(r"0|[1-9][0-9]{0,14}", a.agent_id)
    return [int(a.agent_id) if plain else a.agent_id, a.name, a.group, a.table_name, a.total,
            translate(a.conclusion.code, lang), label("list_sep", lang).join(reasons),
            a.grade, a.level, a.coefficient, a.bonus, a.rank]


def _cell(col: int, row: int, value: Value, lang: str, style: str = "", p: str = "") -> str:
    """One ``<c>``: text always as an inline string (never a formula), numbers as ``<v>``."""
    s, ref = f' s="{style}"' if style else "", f"{xl_col_to_name(col)}{row}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            return ""
        num = str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
        return f'<{p}c r="{ref}"{s}><{p}v>{num}</{p}v></{p}c>'
    text = _BAD_XML.sub("", fit_cell_text(value, lang)) if value else ""
    return (f'<{p}c r="{ref}"{s} t="inlineStr"><{p}is><{p}t xml:space="preserve">{escape(text)}'
            f"</{p}t></{p}is></{p}c>") if text else ""


def _results_sheet(month: MonthResult, main_ns: str, lang: str) -> str:
    """The 考核结果 worksheet XML: a frozen header row, one row per agent, an autofilter."""
    rows = [[label(k, lang) for k in RESULT_KEYS], *(_result_row(a, lang) for a in month.agents)]
    widths = [min(60, max(8, *(display_width(str(r[c] or "")) + 3 for r in rows)))
              for c in range(len(RESULT_KEYS))]
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
    body = "".join(f'<row r="{r}">' + "".join(_cell(c, r, v, lang) for c, v in enumerate(values))
                   + "</row>" for r, values in enumerate(rows, 1))
    ref = f"A1:{xl_col_to_name(len(RESULT_KEYS) - 1)}{len(rows)}"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{main_ns}"><dimension ref="{ref}"/>{_FROZEN_HEADER}'
            f'<cols>{cols}</cols><sheetData>{body}</sheetData><autoFilter ref="{ref}"/></worksheet>')


def _roster_plans(sheets: list[RawSheet], month: MonthResult, lang: str) -> dict[str, Plan]:
    """Roster sheet name → what to append to it: a header row, then each agent's values."""
    by_id = {a.agent_id: a for a in month.agents}
    plans: dict[str, Plan] = {}
    for sheet in sheets:
        match = detect(sheet.rows) if sheet.rows and not (sheet.hidden or sheet.chart) else None
        if match is None or match.role != "roster" or "agent_id" not in match.columns.values():
            continue
        id_pos = next(p for p, f in match.columns.items() if f == "agent_id")
        # The header goes on the (lower) header row, which is Excel row ``data_start``.
        rows: dict[int, list[Value]] = {match.data_start: [label(k, lang) for k in ROSTER_KEYS]}
        for i, row in enumerate(sheet.rows[match.data_start:], match.data_start):
            try:
                a = by_id.get(parse_id(row[id_pos] if id_pos < len(row) else ""))
            except ValueError:
                continue
            if a is not None:
                rows[i + 1] = [a.total, translate(a.conclusion.code, lang), a.level or None,
                               a.coefficient]
        plans[sheet.name] = (sheet.first_col + max(map(len, sheet.rows)), rows)
    return plans


def _box(ref: str) -> tuple[int, int, int, int] | None:
    """(first column, first row, last column, last row) of ``A1:H20`` or ``$B$2``; columns from 0."""
    try:
        c1, r1, c2, r2 = range_boundaries(ref.strip().upper())
        return c1 - 1, r1, c2 - 1, r2
    except (ValueError, TypeError):  # not a reference, or a whole column such as A:A
        return None


def _append_cells(xml: str, min_col: int, rows: dict[int, list[Value]], lang: str) -> str:
    """Sheet XML with ``rows`` (header first) appended right of each row's cells, else unchanged."""
    opening = re.search(rf"<({_P})sheetData\b{_ATTRS}>", xml)
    close = xml.find(f"</{opening[1]}sheetData", opening.end()) if opening else -1
    if opening is None or close < 0:  # a roster always has rows, so never <sheetData/>
        raise CsreportError("writeback.failed")
    found: dict[int, tuple[re.Match[str], int, str]] = {}  # row → (match, last column, its style)
    number = 0
    for m in _ROW.finditer(xml, opening.end(), close):
        r = re.search(r"""\sr\s*=\s*["'](\d+)""", m[2])
        number, last, style = int(r[1]) if r else number + 1, -1, ""
        for c in _CELL.finditer(m[4] or ""):
            ref = re.search(r"""\sr\s*=\s*["']([^"']+)""", c[1])
            box = _box(ref[1]) if ref else None
            last = box[0] if box else last + 1  # a cell without r= follows the one before
            s = re.search(r"""\ss\s*=\s*["'](\d+)""", c[1])
            style = s[1] if s else ""
        found[number] = (m, last, style)
    first, end, width = min(rows), max(rows), len(rows[min(rows)])
    start = max([min_col] + [found[n][1] + 1 for n in rows if n in found])
    for ref in re.findall(rf"<{_P}mergeCell\b[^>]*?\sref\s*=\s*[\"']([^\"']+)", xml):
        box = _box(ref)
        if box and box[1] <= end and box[3] >= first:  # never write under a merged area
            start = max(start, box[2] + 1)
    edits: list[tuple[int, int, str]] = []  # (from, to, replacement), made in row order
    p = opening[1]
    for n, values in rows.items():
        style = found[n][2] if n == first and n in found else ""  # headers look like their row
        cells = "".join(_cell(start + i, n, v, lang, style, p) for i, v in enumerate(values))
        if n not in found:
            at = next((m.start() for k, (m, _, _) in found.items() if k > n), close)
            edits.append((at, at, f'<{p}row r="{n}">{cells}</{p}row>'))
            continue
        m = found[n][0]
        tag = f"<{m[1]}row" + re.sub(r'(\sspans=")(\d+):(\d+)"', lambda s: (
            f'{s[1]}{s[2]}:{max(int(s[3]), start + width)}"'), m[2], count=1)
        if m[3] == "/>":
            edits.append((m.start(), m.end(), f"{tag}>{cells}</{m[1]}row>"))
        else:
            edits += [(m.start(), m.end(2), tag), (m.end(4), m.end(4), cells)]
    dim = re.search(rf"<{_P}dimension\b[^>]*?\sref\s*=\s*[\"']([^\"']+)", xml)
    box = _box(dim[1]) if dim else None
    if dim and box:
        c1, r1, c2, r2 = box
        new = f"{xl_col_to_name(c1)}{r1}:{xl_col_to_name(max(c2, start + width - 1))}{max(r2, end)}"
        edits.append((dim.start(1), dim.end(1), new))
    # A stable sort: at one position, text from the earlier (lower) row comes first.
    out, pos = [], 0
    for lo, hi, new in sorted(edits, key=lambda e: e[0]):
        out += [xml[pos:lo], new]
        pos = max(pos, hi)
    return "".join(out) + xml[pos:]
