"""The workbook package of a write-back copy: which parts change, and how.

A new worksheet part is registered in the workbook, its relationships and the content
types, each by inserting one element into the parsed part (``xml_parts``); roster sheets
get their result cells (``sheets.append_cells``). Every other part is copied unchanged by
the caller.
"""

from __future__ import annotations

import itertools
import posixpath
import shutil
import time
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from csreport.inputs.workbook import MAX_UNZIPPED_BYTES
from csreport.inputs.writeback import xml_parts
from csreport.inputs.writeback.rows import ResultRows, Value
from csreport.inputs.writeback.sheets import append_cells, results_sheet
from csreport.inputs.writeback.xml_parts import Element
from csreport.problems import CsreportError
from csreport.util.report_names import WRITEBACK_SHEET

SHEET_NAME = WRITEBACK_SHEET
_WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
Plan = tuple[int, dict[int, list[Value]]]  # (first free column, Excel row → values to append)


@dataclass(frozen=True)
class Edited:
    """What changes in a copy: replaced parts, and the one added worksheet."""

    changed: dict[str, bytes]  # part name → its new bytes
    part: str  # the new worksheet's part name
    sheet_name: str  # its sheet name
    sheet_xml: bytes


# The compressions Python's zipfile reads; a part in another cannot be copied.
READABLE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def part_names(zin: zipfile.ZipFile) -> dict[str, str]:
    """The package's part names, lower-cased → as written; refuses (``writeback.failed``) a
    package with two parts of one name, more than ``MAX_UNZIPPED_BYTES`` unpacked (a zip bomb),
    or an encrypted or unreadable part: nothing of it would copy faithfully."""
    infos = zin.infolist()
    names = {i.filename.lower(): i.filename for i in infos}
    if (
        len(names) != len(infos)
        or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES
        or any(i.flag_bits & 0x1 or i.compress_type not in READABLE for i in infos)
    ):
        raise CsreportError("writeback.failed")
    return names


def copy_package(
    zin: zipfile.ZipFile, tmp: Path, changed: Mapping[str, bytes], added: Mapping[str, bytes] | None = None
) -> None:
    """Write ``zin`` to ``tmp`` part by part, in its order, with the ``changed`` parts' new bytes
    (by part name as written) and every other part copied as it is; then the ``added`` parts."""
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type, copy.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            if info.filename in changed or info.is_dir():
                zout.writestr(copy, changed.get(info.filename, b""))
                continue
            with zin.open(info) as src, zout.open(copy, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        for name, data in (added or {}).items():
            zout.writestr(zipfile.ZipInfo(name, time.localtime()[:6]), data, zipfile.ZIP_DEFLATED)


def _failed() -> CsreportError:
    """The input's package is not one write-back understands."""
    return CsreportError("writeback.failed")


def resolve(base_dir: str, target: str) -> str:
    """Part name of a relationship target, relative to ``base_dir`` unless absolute."""
    target = target.replace("\\", "/")
    return posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(base_dir, target))


class _Package:
    """The parts of an input package, read and parsed on demand, by case-insensitive name."""

    def __init__(self, zin: zipfile.ZipFile, names: Mapping[str, str]) -> None:
        self.zin, self.names = zin, names

    def name(self, part: str) -> str:
        """The part's name as stored; a missing part means a package write-back cannot edit."""
        stored = self.names.get(part.lower())
        if stored is None:
            raise _failed()
        return stored

    def read(self, part: str) -> bytes:
        return self.zin.read(self.name(part))


def _children(elements: Sequence[Element], parent: Element, local: str) -> list[Element]:
    return [e for e in elements if e.parent is parent and e.local == local]


def _namespaced_id(sheet: Element) -> tuple[str, str]:
    """(namespace, value) of a ``<sheet>``'s relationship id attribute (``r:id``)."""
    for written, value in sheet.attrs:
        prefix, _, local = written.rpartition(":")
        if prefix and local == "id":
            return sheet.scope.get(prefix, ""), value
    raise _failed()


def edit_package(
    zin: zipfile.ZipFile, names: Mapping[str, str], results: ResultRows, plans: Mapping[str, Plan], lang: str
) -> Edited:
    """The edits that add the 考核结果 sheet (and roster cells) to the package in ``zin``.

    ``names`` maps each part name in lower case to its name as stored.
    """
    package = _Package(zin, names)
    top = xml_parts.parse(package.read("_rels/.rels"))
    wb_name = next(
        (
            package.name(k)
            for r in top[1:]
            if r.parent is top[0]
            and (r.get("Type") or "").endswith("/officeDocument")
            and (k := resolve("", r.get("Target") or "").lower()) in names
        ),
        None,
    )
    if wb_name is None:
        raise _failed()
    wb_dir = posixpath.dirname(wb_name)
    rels_name = package.name(posixpath.join(wb_dir, "_rels", posixpath.basename(wb_name) + ".rels"))
    wb_xml, rels_xml, types_xml = (package.read(n) for n in (wb_name, rels_name, "[Content_Types].xml"))

    book = xml_parts.parse(wb_xml)
    main_ns = book[0].ns
    containers = [e for e in book if e.ns == main_ns and e.local == "sheets" and e.parent is book[0]]
    if not containers:
        raise _failed()
    sheets_el = containers[0]
    sheet_els = _children(book, sheets_el, "sheet")
    if not sheet_els:
        raise _failed()
    ids = [_namespaced_id(s) for s in sheet_els]
    try:
        sheets = [
            (s.get("name") or "", int(s.get("sheetId") or "0"), rid)
            for s, (_ns, rid) in zip(sheet_els, ids, strict=True)
        ]
    except ValueError as exc:  # a sheetId that is not a number
        raise _failed() from exc
    rel_ns = ids[0][0]

    rels = xml_parts.parse(rels_xml)
    types = xml_parts.parse(types_xml, lambda e: e.parent is None)
    if rels[0].local != "Relationships" or types[0].local != "Types":
        raise _failed()
    links = {(r.get("Id") or "").lower(): r for r in _children(rels, rels[0], "Relationship")}
    # New names compare in lower case, as sheet names in Excel and part names in a package do.
    taken = {s[0].lower() for s in sheets}
    sheet_name = next(
        x for n in itertools.chain([""], itertools.count(2)) if (x := f"{SHEET_NAME}{n}").lower() not in taken
    )
    part = next(
        x
        for n in itertools.count(len(sheets) + 1)
        if (x := posixpath.join(wb_dir, f"worksheets/sheet{n}.xml")).lower() not in names
    )
    rid = next(x for n in itertools.count(len(links) + 1) if (x := f"rId{n}").lower() not in links)
    # Copying an existing worksheet relationship's type keeps Strict OOXML consistent.
    rel_type = next(
        (t for r in links.values() if (t := r.get("Type") or "").endswith("/worksheet")), _WORKSHEET_TYPE
    )
    prefix = sheets_el.prefix_for(rel_ns)
    id_attr = f"{prefix}:id" if prefix else f"xmlns:r={xml_parts.attr_text(rel_ns)} r:id"
    sheet = (
        f"<{_prefixed(sheets_el, 'sheet')} name={xml_parts.attr_text(sheet_name)} "
        f'sheetId="{max(s[1] for s in sheets) + 1}" {id_attr}="{rid}"/>'
    )
    relationship = (
        f'<{_prefixed(rels[0], "Relationship")} Id="{rid}" Type={xml_parts.attr_text(rel_type)} '
        f"Target={xml_parts.attr_text(posixpath.relpath(part, wb_dir or '.'))}/>"
    )
    override = (
        f"<{_prefixed(types[0], 'Override')} PartName={xml_parts.attr_text('/' + part)} "
        f'ContentType="{_WORKSHEET_CT}"/>'
    )
    changed = {
        wb_name: xml_parts.splice(wb_xml, [xml_parts.append_child(sheets_el, sheet)]),
        rels_name: xml_parts.splice(rels_xml, [xml_parts.append_child(rels[0], relationship)]),
        package.name("[Content_Types].xml"): xml_parts.splice(
            types_xml, [xml_parts.append_child(types[0], override)]
        ),
    }
    for sheet_title, (first_col, rows) in plans.items():
        rid_of = next((s[2] for s in sheets if s[0] == sheet_title), None)
        link = links.get((rid_of or "").lower())
        if link is None:
            raise _failed()
        key = package.name(resolve(wb_dir, link.get("Target") or ""))
        changed[key] = append_cells(package.read(key), first_col, rows, lang)
    return Edited(changed, part, sheet_name, results_sheet(results, main_ns, lang))


def _prefixed(parent: Element, local: str) -> str:
    """``local`` in ``parent``'s prefix, as a new child element of it is named."""
    return f"{parent.prefix}:{local}" if parent.prefix else local
