"""The ``csreport`` command: a thin click shell over ``csreport.api``.

Each command parses its options, calls one function and exits with the code the result
carries. A ``CsreportError`` becomes a one-line message in the user's language and its
exit code; an unexpected exception is shown as a short apology, never a traceback (set
CSREPORT_DEBUG=1 to see it). Every word printed comes from the catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from csreport import __version__
from csreport.api import RunOptions, check_month, run_month
from csreport.cli.common import LANG, FriendlyGroup, friendly, help_text
from csreport.cli.console import check_lines, demo_line, run_lines
from csreport.cli.rules import rules
from csreport.cli.settings import branding_from, load_config
from csreport.messages import translate
from csreport.problems import CsreportError


@click.group(
    cls=FriendlyGroup, help=help_text("help.main"), context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="csreport")
def main() -> None:
    """The command group."""


main.add_command(rules)


def _inputs(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> list[Path]:
    return [Path(v) for v in value]


@main.command(help=help_text("help.run"))
@click.argument("inputs", nargs=-1, callback=_inputs)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("报表"),
    show_default=True,
    help=help_text("help.out"),
)
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
@click.option("--workers", type=click.IntRange(1, 32), help=help_text("help.workers"))
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
    workers: int | None,
    lang: str,
) -> int:
    """Score a month and write the reports."""
    if not inputs:
        raise CsreportError("run.no_input_args", command="run")
    cfg = load_config(config_path)
    return _run(
        inputs,
        RunOptions(
            out_dir,
            month,
            rules or cfg.rules,
            templates or cfg.templates,
            shop or cfg.shop or "",
            lang,
            not no_pdf,
            workers,
            mapping or cfg.mapping,
            profile or cfg.profile,
            write_back,
            branding_from(cfg),
        ),
    )


def _run(inputs: list[Path], options: RunOptions) -> int:
    """``run_month`` with its progress on stderr and its summary on stdout."""
    lang = options.lang
    bar: dict[str, Any] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "read" and done == 0:
            click.echo(translate("cli.reading", lang, n=total), err=True)
        if stage != "pdf":
            return
        if "bar" not in bar:
            bar["bar"] = click.progressbar(
                length=total, label=translate("cli.rendering", lang), file=sys.stderr, show_pos=True
            )
            bar["bar"].__enter__()
            bar["done"] = 0
        bar["bar"].update(done - bar["done"])
        bar["done"] = done

    if options.pdf:
        from csreport.outputs.pdf.acceleration import public_path_note
        from csreport.outputs.pdf.fonts import harfbuzz_subset_available

        if not harfbuzz_subset_available():
            click.echo(translate("cli.slow_pdf", lang), err=True)
        if (note := public_path_note(lang)) is not None:
            click.echo(note, err=True)
    try:
        report = run_month(inputs, options, progress)
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    for line in run_lines(report, lang):
        click.echo(line)
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
@LANG
@friendly
def demo(out_dir: Path, no_pdf: bool, lang: str) -> int:
    """Score the bundled sample workbooks."""
    from csreport.util.resources import sample_workbooks_dir

    samples = sample_workbooks_dir()
    click.echo(demo_line(samples, lang), err=True)
    return _run([samples], RunOptions(out_dir, shop=translate("shop.demo", lang), lang=lang, pdf=not no_pdf))


@main.command(help=help_text("help.doctor"))
@LANG
@friendly
def doctor(lang: str) -> int:
    """Check fonts, the PDF engine and templates."""
    from csreport.cli.doctor import diagnose

    diagnosis = diagnose(lang)
    for good, line in diagnosis.lines:
        click.echo(("✓ " if good else "✗ ") + line)
    return diagnosis.exit_code


if __name__ == "__main__":  # python -m csreport.cli.main
    main()
