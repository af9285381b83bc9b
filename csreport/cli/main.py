"""The ``csreport`` command: a thin click shell over ``csreport.api``.

Each command parses its options, calls one function and exits with the code the result
carries. A ``CsreportError`` becomes a one-line message in the user's language and its
exit code; an unexpected exception is shown as a short apology, never a traceback (set
CSREPORT_DEBUG=1 to see it). Every word printed comes from the catalogue.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import click

from csreport import __version__
from csreport.api import RunOptions, check_month, run_month
from csreport.cli.calibrate import calibrate
from csreport.cli.common import HISTORY, LANG, OUT, PDF_ENGINE, FriendlyGroup, friendly, help_text
from csreport.cli.console import check_lines, demo_line, progress_line, run_lines
from csreport.cli.cycle import close, history, interviews, review
from csreport.cli.cycle_console import history_lines
from csreport.cli.rules import rules
from csreport.cli.sample import sample
from csreport.cli.settings import load_config, run_options, shop_hint
from csreport.cli.setup import setup
from csreport.cli.template import template
from csreport.cli.watch import watch
from csreport.messages import translate
from csreport.problems import CsreportError
from csreport.util.cell_text import display_width


@click.group(
    cls=FriendlyGroup, help=help_text("help.main"), context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="csreport")
def main() -> None:
    """The command group."""


main.add_command(rules)
for _command in (close, history, interviews, review, sample, calibrate, watch, template, setup):
    main.add_command(_command)


def _inputs(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> list[Path]:
    return [Path(v) for v in value]


@main.command(help=help_text("help.run"))
@click.argument("inputs", nargs=-1, callback=_inputs)
@OUT
@click.option("--month", help=help_text("help.month"))
@click.option("--rules", help=help_text("help.rules"))
@click.option("--profile", help=help_text("help.profile"))
@click.option(
    "--templates", type=click.Path(file_okay=False, path_type=Path), help=help_text("help.templates")
)
@click.option("--shop", default="", help=help_text("help.shop"))
@click.option("--mapping", type=click.Path(path_type=Path), help=help_text("help.mapping"))
@click.option(
    "--write-back",
    "write_back",
    type=click.Choice(["sheet", "columns"]),
    is_flag=False,
    flag_value="sheet",
    default=None,
    help=help_text("help.write_back"),
)
@click.option("--config", "config_path", type=click.Path(path_type=Path), help=help_text("help.config"))
@click.option("--no-pdf", is_flag=True, help=help_text("help.no_pdf"))
@PDF_ENGINE
@click.option("--workers", type=click.IntRange(1, 32), help=help_text("help.workers"))
@HISTORY
@click.option("--reopen", help=help_text("help.reopen"))
@LANG
@friendly
def run(
    inputs: list[Path],
    out_dir: Path,
    month: str | None,
    rules: str | None,
    profile: str | None,
    templates: Path | None,
    shop: str,
    mapping: Path | None,
    write_back: str | None,
    config_path: Path | None,
    no_pdf: bool,
    pdf_engine: str | None,
    workers: int | None,
    history: Path | None,
    reopen: str | None,
    lang: str,
) -> int:
    """Score a month and write the reports."""
    if not inputs:
        raise CsreportError("run.no_input_args", command="run")
    cfg = load_config(config_path)
    return _run(
        inputs,
        run_options(
            cfg,
            out_dir,
            lang,
            month=month,
            rules=rules,
            templates=templates,
            shop=shop,
            pdf=not no_pdf,
            pdf_engine=pdf_engine,
            workers=workers,
            mapping=mapping,
            profile=profile,
            write_back=write_back,
            history=history,
            reopen=reopen,
        ),
        shop_hint(shop, cfg, lang),
    )


class _Bar:
    """The PDF stage's progress on stderr: one line redrawn in place on a terminal, the label
    alone once elsewhere (a log file has no use for a redrawn line)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.start: float | None = None
        self.shown = 0  # display columns of the line on screen, to blank what a shorter one leaves
        self.tty = sys.stderr.isatty()

    def show(self, done: int, total: int) -> None:
        """Draw the bar at ``done`` of ``total`` cards."""
        if self.start is None:
            self.start = time.monotonic()
            if not self.tty:
                click.echo(translate("cli.rendering", self.lang), err=True)
        if not self.tty:
            return
        elapsed = time.monotonic() - self.start
        line = progress_line(done, total, elapsed, self.lang, _columns())
        width = display_width(line)
        click.echo("\r" + line + " " * max(self.shown - width, 0), err=True, nl=False)
        self.shown = width

    def close(self) -> None:
        """End the bar's line, so what follows starts on a line of its own."""
        if self.shown:
            click.echo("", err=True)
            self.shown = 0


def _columns() -> int:
    """The width of the terminal the bar is drawn on (stderr's, which may differ from stdout's)."""
    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        columns = 0
    return columns or shutil.get_terminal_size().columns


def _run(inputs: list[Path], options: RunOptions, hint: str | None = None) -> int:
    """``run_month`` with its progress on stderr and its summary on stdout; then ``hint``
    (how to name the shop) on stderr, once the reports it is about are made."""
    lang = options.lang
    bar = _Bar(lang)

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "read" and done == 0:
            click.echo(translate("cli.reading", lang, n=total), err=True)
        if stage == "pdf":
            bar.show(done, total)

    if options.pdf and options.pdf_engine != "browser":  # WeasyPrint's speed only matters to WeasyPrint
        from csreport.outputs.pdf.acceleration import public_path_note
        from csreport.outputs.pdf.fonts import harfbuzz_subset_available

        if not harfbuzz_subset_available():
            click.echo(translate("cli.slow_pdf", lang), err=True)
        if (note := public_path_note(lang)) is not None:
            click.echo(note, err=True)
    try:
        report = run_month(inputs, options, progress)
    finally:
        bar.close()
    for line in run_lines(report, lang):
        click.echo(line)
    for line in history_lines(report, lang):
        click.echo(line)
    if hint is not None:
        click.echo(hint, err=True)
    return report.exit_code


@main.command(help=help_text("help.check"))
@click.argument("inputs", nargs=-1, callback=_inputs)
@click.option("--month", help=help_text("help.check_month"))
@click.option("--rules", help=help_text("help.rules"))
@click.option("--mapping", type=click.Path(path_type=Path), help=help_text("help.mapping"))
@click.option("--json", "as_json", is_flag=True, help=help_text("help.json"))
@LANG
@friendly
def check(
    inputs: list[Path], month: str | None, rules: str | None, mapping: Path | None, as_json: bool, lang: str
) -> int:
    """List every data problem before scoring."""
    if not inputs:
        raise CsreportError("run.no_input_args", command="check")
    report = check_month(inputs, month, rules, mapping=mapping, lang=lang)
    for line in [report.to_json(lang)] if as_json else check_lines(report, lang):
        click.echo(line)
    return report.exit_code


@main.command(help=help_text("help.demo"))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("csreport-demo"),
    show_default=True,
    help=help_text("help.out"),
)
@click.option("--no-pdf", is_flag=True, help=help_text("help.no_pdf"))
@PDF_ENGINE
@LANG
@friendly
def demo(out_dir: Path, no_pdf: bool, pdf_engine: str | None, lang: str) -> int:
    """Score the bundled sample workbooks."""
    from csreport.util.resources import sample_workbooks_dir

    samples = sample_workbooks_dir()
    click.echo(demo_line(samples, lang), err=True)
    options = RunOptions(
        out_dir,
        shop=translate("shop.demo", lang),
        lang=lang,
        pdf=not no_pdf,
        pdf_engine=pdf_engine or "auto",
    )
    return _run([samples], options)


@main.command(help=help_text("help.doctor"))
@click.option("--config", "config_path", type=click.Path(path_type=Path), help=help_text("help.config"))
@PDF_ENGINE
@LANG
@friendly
def doctor(config_path: Path | None, pdf_engine: str | None, lang: str) -> int:
    """Check fonts, the PDF engine a run will use (as ``run`` reads the settings) and templates."""
    from csreport.cli.doctor import diagnose, engine_asked
    from csreport.cli.settings import Config

    # The settings file as a run reads it: one that cannot be read is a finding, and the
    # rest is checked as a run without it would go.
    try:
        cfg, unreadable = load_config(config_path), None
    except CsreportError as exc:
        cfg, unreadable = Config(), exc.message(lang)
    engine, why = engine_asked(pdf_engine, cfg)
    diagnosis = diagnose(lang, engine=engine, why=why)
    if unreadable is not None:
        diagnosis.add(False, unreadable)
    for line in diagnosis.marked():
        click.echo(line)
    return diagnosis.exit_code


def console() -> None:
    """The ``csreport`` command in a process of its own (the console script).

    A command handles SIGTERM while it works (``common.friendly``); once it has finished, the
    process only exits, and a SIGTERM then would kill a run whose outputs are already whole
    with a status saying it was terminated. So it is ignored from then on. In-process callers
    (tests, other programs) call ``main`` and keep their own signal handling.
    """
    try:
        main()
    finally:
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGTERM, signal.SIG_IGN)


if __name__ == "__main__":  # python -m csreport.cli.main
    console()
