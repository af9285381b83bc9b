"""``csreport setup [FOLDER]``: the folder the Windows script works in, made ready.

A thin shell over ``csreport.office.setup``: it makes what is missing (the drop folder 输入,
the reports folder 报表, a commented csreport.yaml), reads the settings file back, so a
mistake in one the manager edited is reported here with its line, and says which settings the
next run uses and, while the drop folder is empty, what to do next. A first set-up (the drop
folder made now) ends on "成功：…" ("Done: …"), what it made and what to do next: the Windows
script stops there, and its window's last line says success or failure.
"""

from __future__ import annotations

from pathlib import Path

import click

from csreport.cli.common import DEFAULT_OUT, LANG, Whole, friendly, help_text
from csreport.cli.settings import DEFAULT_NAME, Config, load_config
from csreport.messages import joined, translate
from csreport.office.setup import INPUT_FOLDER, SetupReport, set_up
from csreport.rules.loader import DEFAULT_PRESET, PRESET_ZH_NAMES


@click.command(name="setup", help=help_text("help.setup"))
@click.argument("folder", type=click.Path(path_type=Path), default=Path("."), required=False)
@LANG
@friendly
def setup(folder: Path, lang: str) -> int:
    """Make the drop folder, the reports folder and the settings file."""
    report = set_up(folder, settings_name=DEFAULT_NAME, output_name=DEFAULT_OUT.name, lang=lang)
    for path in report.created_folders:
        click.echo(translate("setup.created_folder", lang, path=Whole(path)))
    code = "setup.created_settings" if report.created_settings else "setup.kept_settings"
    click.echo(translate(code, lang, path=Whole(report.settings)))
    click.echo(summary(load_config(report.settings), lang))
    if report.inputs_waiting and report.inputs in report.created_folders:
        click.echo(ready(report, lang))
    elif report.inputs_waiting:  # an empty drop folder made before; once it holds a file, nothing
        click.echo(translate("setup.next", lang, path=Whole(report.inputs)))
    return report.exit_code


def ready(report: SetupReport, lang: str) -> str:
    """The last line of a first set-up: "成功：" ("Done: "), what was made, what to do next."""
    made = [translate("setup.made.inputs", lang, name=INPUT_FOLDER)]
    if report.outputs in report.created_folders:
        made.append(translate("setup.made.outputs", lang, name=report.outputs.name))
    if report.created_settings:
        made.append(translate("setup.made.settings", lang, name=report.settings.name))
    items = made[0]
    if len(made) > 1:
        items = translate("setup.made.and", lang, items=joined(made[:-1], lang), last=made[-1])
    return translate("setup.ready", lang, made=items, inputs=INPUT_FOLDER, settings=report.settings.name)


def summary(cfg: Config, lang: str) -> str:
    """The settings the next run uses, in words: the shop, the month, the rules, the PDFs."""
    shop = cfg.shop.strip() if cfg.shop else ""
    if cfg.rules:
        rules = cfg.rules
    else:
        rules = translate(
            "setup.summary.default_rules", lang, name=DEFAULT_PRESET, zh=PRESET_ZH_NAMES[DEFAULT_PRESET]
        )
    if cfg.profile:
        rules = translate("rules.name_with_profile", lang, rules=rules, profile=cfg.profile)
    return translate(
        "setup.summary",
        lang,
        shop=shop or translate("setup.summary.no_shop", lang, default=translate("shop.default", lang)),
        month=cfg.month or translate("setup.summary.every_month", lang),
        rules=Whole(rules),
        pdf=translate(f"setup.summary.pdf.{cfg.pdf_engine or 'auto'}", lang),
    )
