"""``csreport calibrate``: read a calibration sheet, build the report, write the workbook and PDF.

Writes ``<out>/校准报告_<YYYY-MM-DD>.xlsx`` and ``.pdf`` (today's date) as a set
(``util.atomic.FileSet``): both are made in a staging folder inside ``<out>`` first and only
then moved into place, so a failure leaves the earlier reports as they were, and a run never
leaves one new file beside an old one of the same name (with ``--no-pdf`` an earlier PDF of the
same name, which would no longer match, goes).

A report never replaces another sheet's: the workbook records the calibration sheet it was made
from (file name and SHA-256). Running the same sheet again the same day replaces its report;
a different sheet that day gets ``校准报告_<date>_2`` (then ``_3`` …), one past the highest
number taken. Two runs on one folder at once are refused (``output.busy``), so two sheets never
take the same number.

Calibration reads nothing but the calibration sheet (and the mapping file) and writes nothing
but these two files: no agent's score, no history.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from csreport.inputs.calibration_sheet import CalibrationSheet, read_calibration_sheet
from csreport.inputs.mapping import load_mapping
from csreport.outputs.month_folder import check_out_dir
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.xlsx.calibration import RecordedSource, recorded_source, write_calibration_workbook
from csreport.problems import CsreportError, RefusedWithProblems
from csreport.reports import ExitCode
from csreport.rules.calibration import bandings, standard_names
from csreport.scoring.calibration import CalibrationReport, build_report
from csreport.util.atomic import FileSet
from csreport.util.report_names import CALIBRATION_PREFIX

__all__ = ["STAGING_PREFIX", "CalibrationRun", "Placement", "calibration_names", "run_calibrate"]

# The staging folders inside ``<out>`` (a crashed run's is put right by the next run).
STAGING_PREFIX = ".csreport-calibration-"


class Placement(Enum):
    """Where the report went: a name free today, over today's report of the same sheet, or
    numbered past today's reports of other sheets."""

    NEW = "new"
    REPLACED = "replaced"
    NUMBERED = "numbered"


@dataclass(frozen=True)
class CalibrationRun:
    """What ``run_calibrate`` did: the report, the files written and how, the rows read and
    left out."""

    report: CalibrationReport
    workbook: Path
    pdf: Path | None
    rows: int  # rows kept
    left_out: int  # rows left out for errors
    placement: Placement = Placement.NEW

    @property
    def exit_code(self) -> ExitCode:
        """1 when rows were left out, else 0."""
        return ExitCode.NOT_CLEAN if self.left_out else ExitCode.OK


def calibration_names(made: dt.date, number: int = 1) -> tuple[str, str]:
    """The workbook's and the PDF's file names for the ``number``-th report made on ``made``:
    ``校准报告_2026-10-31.xlsx``, then ``校准报告_2026-10-31_2.xlsx`` …"""
    stem = f"{CALIBRATION_PREFIX}{made.isoformat()}"
    if number > 1:
        stem = f"{stem}_{number}"
    return f"{stem}.xlsx", f"{stem}.pdf"


def run_calibrate(
    path: Path,
    out_dir: Path,
    *,
    standard: str | None = None,
    lang: str = "zh",
    pdf: bool = True,
    branding: Branding | None = None,
    mapping: Path | None = None,
    today: dt.date | None = None,
) -> CalibrationRun:
    """Read the calibration sheet ``path`` (its headers recognised with the mapping file
    ``mapping`` first), build the report and write it into ``out_dir``.

    Raises ``CsreportError`` (exit 2) for a folder given as the sheet, a file without a
    calibration sheet, fewer than two reviewers, no chat scored by two or more, an unknown
    ``standard``, a bad mapping file, another run writing ``out_dir``, and when the files cannot
    be written (then nothing is).
    """
    out_dir = Path(out_dir)
    path = Path(path)
    check_out_dir(out_dir)
    if path.is_dir():
        raise CsreportError("calibration.is_folder", path=str(path))
    user_mapping = load_mapping(mapping)
    sheet = read_calibration_sheet(path, user_mapping)
    made = today or dt.date.today()
    report = _report(sheet, made, standard)
    with FileSet(out_dir, STAGING_PREFIX) as files:
        number, placement = _slot(out_dir, made, RecordedSource(sheet.file, sheet.sha256))
        xlsx_name, pdf_name = calibration_names(made, number)
        write_calibration_workbook(report, files.staging / xlsx_name, lang=lang)
        if pdf:
            from csreport.outputs.pdf.calibration import write_calibration_pdf

            write_calibration_pdf(report, files.staging / pdf_name, lang, branding)
            files.commit([xlsx_name, pdf_name])
        else:
            files.commit([xlsx_name], remove=[pdf_name])
    return CalibrationRun(
        report,
        out_dir / xlsx_name,
        out_dir / pdf_name if pdf else None,
        len(sheet.ratings),
        sheet.left_out,
        placement,
    )


def _report(sheet: CalibrationSheet, made: dt.date, standard: str | None) -> CalibrationReport:
    try:
        return build_report(
            sheet.ratings,
            source=sheet.file,
            sheet=sheet.sheet,
            made=made,
            bands=bandings(),
            standard=standard,
            standard_names=standard_names(),
            problems=sheet.problems,
            source_sha256=sheet.sha256,
        )
    except CsreportError as exc:
        # Rows set aside may be why too few are left: the refusal carries what reading found.
        raise RefusedWithProblems(exc, sheet.problems) from exc


def _slot(out_dir: Path, made: dt.date, source: RecordedSource) -> tuple[int, Placement]:
    """The number of today's report of ``source``: the one whose workbook records the same
    file name and bytes (replaced), else 1 when no report of today is there, else one past the
    highest number taken (a PDF alone takes its number too: its sheet is unknown)."""
    taken = _numbers_taken(out_dir, made)
    for number in sorted(taken):
        workbook = out_dir / calibration_names(made, number)[0]
        if workbook.is_file() and recorded_source(workbook) == source:
            return number, Placement.REPLACED
    if not taken:
        return 1, Placement.NEW
    return max(taken) + 1, Placement.NUMBERED


def _numbers_taken(out_dir: Path, made: dt.date) -> set[int]:
    """The numbers of today's reports in ``out_dir`` (1 for the one without a number). A folder
    of that name is no report: it takes no number, and writing over it is refused."""
    pattern = re.compile(
        rf"^{re.escape(CALIBRATION_PREFIX)}{made.isoformat()}(?:_([2-9]|[1-9][0-9]{{1,5}}))?\.(?:xlsx|pdf)$"
    )
    taken: set[int] = set()
    for entry in out_dir.iterdir():
        found = pattern.match(entry.name)
        if found and not entry.is_dir():
            taken.add(int(found.group(1) or 1))
    return taken
