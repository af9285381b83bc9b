"""``csreport template``: thin shell over ``csreport.office.templates``.

Writes the blank 花名册, 考勤, 质检抽查, 接待数据 and 会话清单 workbooks into ``--out`` (模板 by
default; blank-templates in English), prints one line per file and where they are, and exits 0;
a refusal is one line and its exit code (``friendly``). The rules are ``--rules``, else the
settings file's, else the standard preset; the history the roster is filled in from is
``--history``, else the settings file's, else ``报表/csreport-history.sqlite`` (where ``run`` keeps
it by default).
"""

from __future__ import annotations

from pathlib import Path

import click

from csreport.cli.common import CONFIG, DEFAULT_OUT, LANG, RULES, Whole, friendly, help_text
from csreport.cli.settings import load_config
from csreport.cycle.run_steps import history_path
from csreport.messages import translate
from csreport.office.templates import TemplateFile, TemplateReport, write_templates
from csreport.rules.wording import number


@click.command(name="template", help=help_text("blank_templates.help.command"))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help=help_text("blank_templates.help.out"))
@RULES
@click.option("--history", type=click.Path(path_type=Path), help=help_text("blank_templates.help.history"))
@CONFIG
@LANG
@friendly
def template(
    out_dir: Path | None, rules: str | None, history: Path | None, config_path: Path | None, lang: str
) -> int:
    """Write the blank templates."""
    cfg = load_config(config_path)
    folder = out_dir if out_dir is not None else Path(translate("blank_templates.default_folder", lang))
    report = write_templates(
        folder,
        history=history_path(DEFAULT_OUT, history or cfg.history),
        rules=rules,
        config_rules=cfg.rules,
        lang=lang,
    )
    for line in template_lines(report, lang):
        click.echo(line)
    return report.exit_code


def template_lines(report: TemplateReport, lang: str) -> list[str]:
    """One line per template, then where they are."""
    lines = [_file_line(f, report, lang) for f in report.files]
    lines.append(translate("blank_templates.done", lang, folder=Whole(report.folder)))
    return lines


def _file_line(item: TemplateFile, report: TemplateReport, lang: str) -> str:
    shown: object = Whole(item.path)
    if item.agents:
        shown = Whole(
            translate(
                "blank_templates.file_prefilled",
                lang,
                file=shown,
                month=report.prefill.month,
                n=number(item.agents),
            )
        )
    if item.state == "same":
        return translate("blank_templates.same", lang, file=shown)
    if item.state == "beside":
        return translate("blank_templates.beside", lang, file=shown, existing=Whole(item.existing))
    return translate("blank_templates.written", lang, file=shown)
