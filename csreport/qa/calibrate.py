"""``csreport calibrate``: read a calibration sheet, build the report, write the workbook and PDF.

Writes ``<out>/校准报告_<YYYY-MM-DD>.xlsx`` and ``.pdf`` (today's date) as a set: both are made
in a staging folder inside ``<out>`` first and only then moved into place, so a failure leaves
the previous reports of that date as they were, and a run never leaves one new file beside an
old one (with ``--no-pdf`` an earlier PDF of the same name, which would no longer match, goes).

Calibration reads nothing but the calibration sheet and writes nothing but these two files: no
agent's score, no history.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from csreport.inputs.calibration_sheet import read_calibration_sheet
from csreport.outputs.month_folder import check_out_dir
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.xlsx.calibration import write_calibration_workbook
from csreport.problems import CsreportError, Problem
from csreport.reports import ExitCode
from csreport.rules.calibration import bandings, standard_names
from csreport.scoring.calibration import CalibrationReport, Rating, build_report
from csreport.util.atomic import fsync_dir, fsync_file, os_error
from csreport.util.report_names import CALIBRATION_PREFIX

__all__ = ["CalibrationRun", "Refused", "calibration_names", "run_calibrate"]

_STAGING = ".csreport-calibration-"


class Refused(CsreportError):
    """The sheet was read but cannot be calibrated; ``problems`` is what reading it found."""

    def __init__(self, error: CsreportError, problems: tuple[Problem, ...]) -> None:
        super().__init__(error.code, error.exit_code, **error.params)
        self.problems = problems


@dataclass(frozen=True)
class CalibrationRun:
    """What ``run_calibrate`` did: the report, the files written, the rows read and left out."""

    report: CalibrationReport
    workbook: Path
    pdf: Path | None
    rows: int  # rows kept
    left_out: int  # rows left out for errors

    @property
    def exit_code(self) -> ExitCode:
        """1 when rows were left out, else 0."""
        return ExitCode.NOT_CLEAN if self.left_out else ExitCode.OK


def calibration_names(made: dt.date) -> tuple[str, str]:
    """The workbook's and the PDF's file names for a report made on ``made``."""
    stem = f"{CALIBRATION_PREFIX}{made.isoformat()}"
    return f"{stem}.xlsx", f"{stem}.pdf"


def run_calibrate(
    path: Path,
    out_dir: Path,
    *,
    standard: str | None = None,
    lang: str = "zh",
    pdf: bool = True,
    branding: Branding | None = None,
    today: dt.date | None = None,
) -> CalibrationRun:
    """Read the calibration sheet ``path``, build the report and write it into ``out_dir``.

    Raises ``CsreportError`` (exit 2) for a file without a calibration sheet, fewer than two
    reviewers, no chat scored by two or more, an unknown ``standard``, and when the files cannot
    be written (then nothing is).
    """
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    sheet = read_calibration_sheet(Path(path))
    made = today or dt.date.today()
    ratings = [Rating(**dataclasses.asdict(r)) for r in sheet.ratings]
    try:
        report = build_report(
            ratings,
            source=sheet.file,
            sheet=sheet.sheet,
            made=made,
            bands=bandings(),
            standard=standard,
            standard_names=standard_names(),
            problems=sheet.problems,
        )
    except CsreportError as exc:
        # Rows set aside may be why too few are left: the refusal carries what reading found.
        raise Refused(exc, sheet.problems) from exc
    xlsx_name, pdf_name = calibration_names(made)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=out_dir))
    except OSError as exc:
        raise os_error(exc, out_dir) from exc
    try:
        write_calibration_workbook(report, staging / xlsx_name, lang=lang)
        if pdf:
            from csreport.outputs.pdf.calibration import write_calibration_pdf

            write_calibration_pdf(report, staging / pdf_name, lang, branding)
        made_files = [xlsx_name, pdf_name] if pdf else [xlsx_name]
        _commit(staging, out_dir, made_files, [] if pdf else [pdf_name])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return CalibrationRun(
        report,
        out_dir / xlsx_name,
        out_dir / pdf_name if pdf else None,
        len(sheet.ratings),
        sheet.left_out,
    )


def _commit(staging: Path, out_dir: Path, names: list[str], stale: list[str]) -> None:
    """Move ``names`` from ``staging`` into ``out_dir`` and remove ``stale`` there, all or none.

    The files they replace are first moved into the staging folder; if any step fails, what was
    done is undone and they are moved back."""
    for name in [*names, *stale]:
        if (out_dir / name).is_dir():
            raise CsreportError("output.taken", path=str(out_dir / name))
    backups: list[tuple[Path, Path]] = []  # (target, where its old file waits)
    placed: list[Path] = []
    try:
        for name in names:
            fsync_file(staging / name)
        for name in [*names, *stale]:
            target = out_dir / name
            if target.exists():
                backup = staging / f"old-{name}"
                os.replace(target, backup)
                backups.append((target, backup))
        for name in names:
            target = out_dir / name
            os.replace(staging / name, target)
            placed.append(target)
        fsync_dir(out_dir)
    except OSError as exc:
        for target in placed:
            with contextlib.suppress(OSError):
                target.unlink()
        for target, backup in backups:
            with contextlib.suppress(OSError):
                os.replace(backup, target)
        raise os_error(exc, out_dir / names[0], replacing=True) from exc
