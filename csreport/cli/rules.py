"""``csreport rules …``: list, show, lint, export and import scoring rules."""

from __future__ import annotations

import json
from pathlib import Path

import click

from csreport.cli.common import LANG, Whole, friendly, help_text
from csreport.fields import Vocabulary
from csreport.messages import translate
from csreport.reports import ExitCode
from csreport.rules.loader import PRESET_ZH_NAMES, load_rules, preset_names

# The shop's header mapping file: rules that name a field it declares under fields: are read
# knowing that field. No click checks on the path: load_mapping names a missing file, a folder
# or a device in one line in the user's language.
MAPPING = click.option("--mapping", type=click.Path(path_type=Path), help=help_text("help.rules_mapping"))


def vocabulary(mapping: Path | None) -> Vocabulary:
    """The aggregates rules may name: csreport's own and the fields ``mapping`` declares."""
    from csreport.inputs.mapping import vocabulary_of

    return vocabulary_of(mapping)


@click.group(help=help_text("help.rules_group"))
def rules() -> None:
    """The ``rules`` command group."""


@rules.command("list", help=help_text("help.rules_list"))
@LANG
@friendly
def list_presets(lang: str) -> int:
    """List the shipped presets."""
    en = lang == "en"
    sep = translate("list.sep", lang)
    zh_names = PRESET_ZH_NAMES
    for name in preset_names():
        r = load_rules(name)
        tables = sep.join(
            translate("cli.rules_table", lang, name=t.name_en if en else t.name, total=f"{t.total:g}")
            for t in r.tables
        )
        profiles = ", ".join(p.name for p in r.profiles)
        extra = translate("cli.rules_profiles", lang, profiles=profiles) if profiles else ""
        title = r.name_en if en else r.name
        click.echo(f"{name:<9} {zh_names.get(name, ''):<4} {title} #{r.hash}  {tables}{extra}")
    return ExitCode.OK


@rules.command(help=help_text("help.rules_show"))
@click.argument("name")
@click.option("--profile", help=help_text("help.rules_profile"))
@MAPPING
@LANG
@friendly
def show(name: str, profile: str | None, mapping: Path | None, lang: str) -> int:
    """Show rules as a readable table."""
    from csreport.rules.show import show_rules

    click.echo(show_rules(load_rules(name, profile, lang, vocabulary(mapping)), lang))
    return ExitCode.OK


@rules.command(help=help_text("help.rules_lint"))
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help=help_text("help.lint_json"))
@MAPPING
@LANG
@friendly
def lint(name: str, as_json: bool, mapping: Path | None, lang: str) -> int:
    """Find gaps, overlaps and weight errors; exit code 1 when there are findings."""
    from csreport.reports import LintReport
    from csreport.rules.lint import lint as lint_findings

    rules = load_rules(name, None, lang, vocabulary(mapping))
    report = LintReport(rules, lint_findings(rules))
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in report.findings], ensure_ascii=False, indent=2))
    else:
        for f in report.findings:
            where = f"{f.table}/{f.kpi}" if f.kpi else (f.table or "-")
            severity = translate(f"severity.{f.severity}", lang)
            click.echo(f"[{severity}] {where} {f.path}: {f.text(lang)}")
        if not report.findings:
            click.echo(translate("cli.lint_none", lang, rules=report.rules_name(lang)))
        else:
            click.echo(translate("cli.lint_count", lang, n=len(report.findings)))
    return report.exit_code


@rules.command("export", help=help_text("help.rules_export"))
@click.argument("name")
# No click checks on the path: the command names a folder, a device or someone else's file
# itself, in one line in the user's language (see csreport.util.paths.replaceable_target).
@click.option(
    "--xlsx", "target", type=click.Path(path_type=Path), required=True, help=help_text("help.export_xlsx")
)
@click.option("--force", is_flag=True, help=help_text("help.export_force"))
@MAPPING
@LANG
@friendly
def export_cmd(name: str, target: Path, force: bool, mapping: Path | None, lang: str) -> int:
    """Export rules as an editable workbook."""
    from csreport.rules.workbook.transfer import export_rules

    # Refuses a target that is the rules file being exported (see csreport.util.paths), and an
    # existing file that is not an earlier export unless --force.
    rules = load_rules(name, None, lang, vocabulary(mapping))
    path = export_rules(rules, target, lang, option="--xlsx", force=force)
    click.echo(translate("cli.exported", lang, path=Whole(path)))
    return ExitCode.OK


@rules.command("import", help=help_text("help.rules_import"))
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), help=help_text("help.import_out"))
@click.option("--force", is_flag=True, help=help_text("help.import_force"))
@MAPPING
@LANG
@friendly
def import_cmd(workbook: Path, out: Path | None, force: bool, mapping: Path | None, lang: str) -> int:
    """Turn an edited rules workbook into a rules file."""
    from csreport.rules.workbook.transfer import import_rules

    # ("." or "/" has no name to give a suffix; the folder is named as such by import_rules.)
    target = out or (workbook.with_suffix(".yaml") if workbook.name else workbook)
    # Names a missing workbook, refuses the workbook itself as target, and an existing file
    # csreport did not write unless --force.
    ruleset = import_rules(workbook, target, option="--out", force=force, vocabulary=vocabulary(mapping))
    name = ruleset.name_en if lang == "en" and ruleset.name_en else ruleset.name
    click.echo(translate("cli.imported", lang, rules=name, hash=ruleset.hash, path=Whole(target)))
    return ExitCode.OK
