"""Write results back into copies of the manager's own workbooks (``run --write-back``).

The zip package is edited directly, never round-tripped through openpyxl (which drops charts,
images and slicers): every part is copied unchanged, one worksheet part is added, and the
parts that register it (and, with ``columns``, the roster sheets) are parsed with a real XML
parser and edited by splicing at its offsets (``xml_parts``), so that every byte not edited,
including the namespace declarations Excel requires, stays exactly as written.

Write-back sits with the inputs and knows nothing of the results' columns: the caller passes
the rows to write (``ResultRows``, made by ``csreport.outputs.columns.writeback_rows``).

An input that cannot be understood (damaged, encrypted, an unusual package) is skipped with a
reason; a coding error here is a bug and propagates.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from csreport.inputs.headers import detect
from csreport.inputs.values import parse_id
from csreport.inputs.workbook import (
    RawSheet,
    is_skippable,
    read_input_bytes,
    sheets_from_bytes,
)
from csreport.inputs.writeback.package import SHEET_NAME, Plan, copy_package, edit_package, part_names
from csreport.inputs.writeback.rows import ResultRows, Value
from csreport.problems import CsreportError, Problem, Severity
from csreport.util.atomic import atomic_path, os_error
from csreport.util.paths import matching_input
from csreport.util.report_names import WRITEBACK_SUFFIX

__all__ = ["FILE_SUFFIX", "SHEET_NAME", "WRITABLE", "ResultRows", "Value", "WriteBackResult", "write_back"]

FILE_SUFFIX = WRITEBACK_SUFFIX
WRITABLE = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A reader's refusal (file.corrupt, file.zip_bomb, sheet.too_many_rows, …) is writeback.failed;
# these keep their own reason.
_CODES = {
    "file.encrypted": "writeback.encrypted",
    "writeback.encrypted": "writeback.encrypted",
    "writeback.input_changed": "writeback.input_changed",
    "writeback.unreadable": "writeback.unreadable",
    "output.not_writable": "writeback.not_writable",
}
# Compression methods zipfile can read; a part in any other cannot be copied.


@dataclass(frozen=True)
class WriteBackResult:
    """What ``write_back`` did: the copies written and the inputs set aside, with why."""

    written: tuple[Path, ...]
    skipped: tuple[tuple[str, str], ...]  # (input file name, reason code)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """One WARNING per input that got no copy, located at that file, for the data-problems list."""
        return tuple(Problem(code, Severity.WARNING, name) for name, code in self.skipped)


def write_back(
    inputs: Mapping[Path, str],
    results: ResultRows,
    out_dir: Path,
    *,
    columns: bool = False,
    lang: str = "zh",
) -> WriteBackResult:
    """Copy each .xlsx/.xlsm input to ``out_dir`` with a 考核结果 sheet of ``results``; list the
    inputs skipped.

    ``inputs`` maps each input file that was read to the SHA-256 (hex) of the bytes that were
    scored (``Dataset.read_digests``). Each file is read once here, and its copy is built from
    those very bytes, so a copy never mixes two versions of a file: a file whose bytes no longer
    have that digest is skipped (``writeback.input_changed``). A file that cannot be parsed as
    a workbook is skipped before anything is written.

    ``columns`` also appends ``results.roster_header`` columns (总分, 结论, 级别, 系数) to the
    roster sheet, agent by agent. ``lang`` words the mark on a cell cut to Excel's limit."""
    expected = {Path(p): d for p, d in inputs.items()}
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
            _write_back_one(path, digest, target, results, columns, lang)
        except CsreportError as exc:
            if exc.code == "output.disk_full":  # the rest of the run cannot be written either
                raise
            skipped.append((path.name, _CODES.get(exc.code, "writeback.failed")))
        except OSError as exc:  # atomic_path converts its own; this is anything else
            error = os_error(exc, target)
            if error.code == "output.disk_full":
                raise error from exc
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


def _write_back_one(
    path: Path, digest: str, target: Path, results: ResultRows, columns: bool, lang: str
) -> None:
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
    plans = _roster_plans(sheets, results) if columns else {}
    del sheets
    with atomic_path(target) as tmp:
        _write_copy(data, tmp, results, plans, lang)


def _read_once(path: Path, digest: str) -> bytes:
    """``path``'s bytes, read once; raise unless they hash to ``digest``."""
    try:
        data = read_input_bytes(path)
    except CsreportError as exc:
        if exc.code == "file.too_large":
            raise CsreportError("writeback.failed") from exc
        gone = exc.code == "file.not_found" and digest  # read before, gone now: it changed
        raise CsreportError("writeback.input_changed" if gone else "writeback.unreadable") from exc
    if hashlib.sha256(data).hexdigest() != digest.lower():
        raise CsreportError("writeback.input_changed")
    return data


@contextlib.contextmanager
def _damage_is_unreadable() -> Iterator[None]:
    """Turn what zipfile, zlib and calamine raise on damaged bytes into ``writeback.failed``.

    Only these: any other exception is a bug in write-back and must surface as one.
    """
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, CalamineError) as exc:
        raise CsreportError("writeback.failed") from exc


def _write_copy(data: bytes, tmp: Path, results: ResultRows, plans: dict[str, Plan], lang: str) -> None:
    """Write the edited copy of ``data`` (the checked bytes of an input) to ``tmp``.

    The copy must read back, with its 考核结果 sheet."""
    with _damage_is_unreadable(), zipfile.ZipFile(io.BytesIO(data)) as zin:
        names = part_names(zin)
        edited = edit_package(zin, names, results, plans, lang)
        copy_package(zin, tmp, edited.changed, added={edited.part: edited.sheet_xml})
    with _damage_is_unreadable(), tmp.open("rb") as fh:  # Windows cannot rename a file calamine holds open
        if edited.sheet_name not in CalamineWorkbook.from_filelike(fh).sheet_names:
            raise CsreportError("writeback.failed")


def _roster_plans(sheets: list[RawSheet], results: ResultRows) -> dict[str, Plan]:
    """Roster sheet name → what to append to it: a header row, then each agent's values."""
    plans: dict[str, Plan] = {}
    for sheet in sheets:
        match = detect(sheet.rows) if sheet.rows and not (sheet.hidden or sheet.chart) else None
        if match is None or match.role != "roster" or "agent_id" not in match.columns.values():
            continue
        id_pos = next(p for p, f in match.columns.items() if f == "agent_id")
        # The header goes on the (lower) header row, which is Excel row ``data_start``.
        rows: dict[int, list[Value]] = {match.data_start: list(results.roster_header)}
        for i, row in enumerate(sheet.rows[match.data_start :], match.data_start):
            try:
                values = results.roster.get(parse_id(row[id_pos] if id_pos < len(row) else ""))
            except ValueError:
                continue
            if values is not None:
                rows[i + 1] = list(values)
        plans[sheet.name] = (sheet.first_col + max(map(len, sheet.rows)), rows)
    return plans
