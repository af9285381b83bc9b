"""Shared pieces of the xlsx scan tests: hand-built OOXML packages and zip-member surgery.

:func:`sheet_xml` and :func:`write_package` write a minimal workbook from worksheet XML;
:func:`part_text` and :func:`replace_part` read and rewrite one zip member in place. Also the
real-world files folder (``SHARED``, ``needs_shared``) and the empty scan result. Used by
``test_xlsx_scan_parts.py`` and ``test_xlsx_scan_realworld.py``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from csreport.inputs.xlsx_scan import WorkbookScan

SHARED = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} (real-world files) is absent")
EMPTY = WorkbookScan(False, {})
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def sheet_xml(rows: str, prefix: str = "") -> str:
    """A worksheet part around ``rows`` (the inside of sheetData), optionally ``x:``-prefixed."""
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="{MAIN_NS}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns}>'
        f"<{p}sheetData>{rows}</{p}sheetData></{p}worksheet>"
    )


def write_package(
    path: Path, sheets: dict[str, str], workbook_pr: str = "", absolute_targets: bool = False
) -> Path:
    """Write a minimal OOXML workbook by hand: sheet name -> worksheet XML."""
    entries, rels = [], []
    for i, name in enumerate(sheets, 1):
        entries.append(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>')
        target = f"/xl/worksheets/sheet{i}.xml" if absolute_targets else f"worksheets/sheet{i}.xml"
        rels.append(f'<Relationship Id="rId{i}" Target="{target}" Type="{REL_NS}/worksheet"/>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{workbook_pr}'
            f"<sheets>{''.join(entries)}</sheets></workbook>",
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG_NS}">{"".join(rels)}</Relationships>'
        )
        for i, xml in enumerate(sheets.values(), 1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return path


def part_text(path: Path, name: str) -> str:
    """The decoded text of one zip member, to check what a writer really produced."""
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def replace_part(path: Path, name: str, content: str | bytes) -> None:
    """Rewrite one member of the zip at ``path`` in place, keeping all the others."""
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    members[name] = content.encode("utf-8") if isinstance(content, str) else content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
