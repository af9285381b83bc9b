"""``csreport calibrate 校准.xlsx --out 报表 [--standard 名字] [--mapping 表头映射.yaml] [--lang en]``:
a thin shell over ``csreport.qa.calibrate``.

The mapping file defaults to the settings file's (``mapping:``), as ``run`` takes it. Prints the
problems found reading the sheet (to stderr, one located line each), then the readings one line
each, then the files written (and whether an earlier report of the same sheet was replaced, or
this one was numbered past another sheet's). Exit 0; 1 when rows were left out; 2 when the sheet
is refused (no calibration sheet, fewer than two reviewers, no chat scored by two).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from csreport.cli.common import LANG, OUT, Whole, friendly, help_text
from csreport.cli.settings import branding_from, load_config
from csreport.messages import translate
from csreport.problems import RefusedWithProblems
from csreport.rules.wording import number

if TYPE_CHECKING:
    from csreport.qa.calibrate import CalibrationRun


@click.command(name="calibrate", help=help_text("help.calibrate"))
@click.argument("sheet", type=click.Path(path_type=Path))
@OUT
@click.option("--standard", help=help_text("help.standard"))
@click.option("--no-pdf", is_flag=True, help=help_text("help.calibrate_no_pdf"))
@click.option("--mapping", type=click.Path(path_type=Path), help=help_text("help.mapping"))
@click.option("--config", "config_path", type=click.Path(path_type=Path), help=help_text("help.config"))
@LANG
@friendly
def calibrate(
    sheet: Path,
    out_dir: Path,
    standard: str | None,
    no_pdf: bool,
    mapping: Path | None,
    config_path: Path | None,
    lang: str,
) -> int:
    """Whether the reviewers agree: the 校准报告 workbook and PDF."""
    # Imported here: the statistics load SciPy, which no other command needs at start-up.
    from csreport.qa.calibrate import run_calibrate

    cfg = load_config(config_path)
    branding = branding_from(cfg) if not no_pdf else None
    try:
        done = run_calibrate(
            sheet,
            out_dir,
            standard=standard,
            lang=lang,
            pdf=not no_pdf,
            branding=branding,
            mapping=mapping or cfg.mapping,
        )
    except RefusedWithProblems as refused:
        for problem in refused.problems:
            click.echo(problem.render(lang), err=True)
        raise
    for problem in done.report.problems:
        click.echo(problem.render(lang), err=True)
    for line in calibrate_lines(done, lang):
        click.echo(line)
    return done.exit_code


def calibrate_lines(done: CalibrationRun, lang: str) -> list[str]:
    """What the console shows after the problems: what was read, the readings one line each,
    the rows left out and the files written."""
    from csreport.qa.calibrate import Placement
    from csreport.scoring.calibration import counted, grade_words

    report = done.report
    lines = [
        translate(
            "calibration.console.read",
            lang,
            file=report.source,
            sheet=report.sheet,
            rows=counted("rows", done.rows),
            reviewers=counted("reviewers", len(report.reviewers)),
            chats=counted("chats", len(report.chats)),
        )
    ]
    for reading in report.readings:
        text = Whole(reading.text.text(lang))
        if reading.grade is None:
            lines.append(translate("calibration.console.info", lang, text=text))
        else:
            grade = grade_words(reading.grade)
            shown = grade.en if lang == "en" else grade.zh
            lines.append(translate("calibration.console.line", lang, grade=shown, text=text))
    if done.left_out:
        code = "calibration.console.left_out_one" if done.left_out == 1 else "calibration.console.left_out"
        lines.append(translate(code, lang, n=number(done.left_out)))
    written = {
        Placement.NEW: "calibration.console.written",
        Placement.REPLACED: "calibration.console.replaced",
        Placement.NUMBERED: "calibration.console.numbered",
    }[done.placement]
    for path in (done.workbook, done.pdf):
        if path is not None:
            lines.append(translate(written, lang, path=Whole(path)))
    lines.append(translate("calibration.console.no_history", lang))
    return lines
