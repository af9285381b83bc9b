"""``csreport rules …``: list, show, lint, export and import scoring rules."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from csreport.cli.common import LANG, Whole, friendly, help_text
from csreport.fields import Vocabulary
from csreport.messages import Bilingual, both, translate
from csreport.reports import ExitCode
from csreport.rules.lint import Finding
from csreport.rules.lint import finding_line as finding_line_number
from csreport.rules.loader import PRESET_ALIASES, PRESET_ZH_NAMES, load_rules, preset_names
from csreport.rules.model import RuleSet

if TYPE_CHECKING:  # the workbook modules load openpyxl, which only workbook commands need
    from csreport.rules.workbook.parse import Cell

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
    """Find gaps, overlaps and weight errors; exit code 1 when there are findings.

    Each finding says where it is: the sheet, row and column of a rules workbook, the line of a
    rules file, the table of a preset."""
    from csreport.reports import LintReport
    from csreport.rules.lint import lint as lint_findings
    from csreport.rules.workbook.transfer import lint_workbook, read_rules_workbook

    if _is_workbook(name):
        read = read_rules_workbook(Path(name), vocabulary(mapping), lang)
        rules, located = read.rules, lint_workbook(read)
    else:
        rules = load_rules(name, None, lang, vocabulary(mapping))
        located = [(f, None) for f in lint_findings(rules)]
    report = LintReport(rules, [f for f, _ in located])
    if as_json:
        entries = [{**f.to_dict(), **_place(rules, f, cell)} for f, cell in located]
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for f, cell in located:
            click.echo(finding_line(rules, f, cell, lang))
        if not report.findings:
            click.echo(translate("cli.lint_none", lang, rules=report.rules_name(lang)))
        else:
            click.echo(translate("cli.lint_count", lang, n=len(report.findings)))
    return report.exit_code


def _is_workbook(name: str) -> bool:
    """True when ``name`` is a rules workbook's path (as ``load_rules`` decides it)."""
    return (
        name not in PRESET_ALIASES
        and name not in preset_names()
        and Path(name).suffix.lower()
        in (
            ".xlsx",
            ".xlsm",
        )
        and os.path.exists(name)
    )


def _place(rules: RuleSet, finding: Finding, cell: Cell | None) -> dict[str, object]:
    """Where a finding is, for ``--json``: a workbook's sheet, row and column, or a file's line."""
    if cell is not None:
        return {"sheet": cell.sheet, "row": cell.row or None, "column": cell.letter}
    if rules.source in preset_names():
        return {}
    return {"line": finding_line_number(rules, finding.path)}


def finding_line(rules: RuleSet, finding: Finding, cell: Cell | None, lang: str) -> str:
    """One finding as ``rules lint`` and ``rules import`` print it, with where it is."""
    severity = translate(f"severity.{finding.severity}", lang)
    text = finding.text(lang)
    if cell is not None:
        return translate(
            "rules.lint_at", lang, severity=severity, file=rules.source, where=cell.words(), text=text
        )
    table = next((t for t in rules.tables if t.id == finding.table), None)
    if rules.source in preset_names() or rules.source.lower().endswith((".xlsx", ".xlsm")):
        if table is None:
            return translate("rules.lint_plain", lang, severity=severity, text=text)
        where = both("rules.lint_table", table=Bilingual(table.name, table.name_en or table.name))
        return translate("rules.lint_in", lang, severity=severity, where=where, text=text)
    line = finding_line_number(rules, finding.path)
    return translate("rules.lint_at_line", lang, severity=severity, file=rules.source, line=line, text=text)


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
    from csreport.rules.workbook.transfer import import_workbook

    # ("." or "/" has no name to give a suffix; the folder is named as such by import_rules.)
    target = out or (workbook.with_suffix(".yaml") if workbook.name else workbook)
    # Names a missing workbook, refuses the workbook itself as target, and an existing file
    # csreport did not write unless --force. Refuses (exit code 2, nothing written) a workbook
    # with a bad cell or any error the linter finds, each named by sheet, row and column.
    ruleset, warnings = import_workbook(
        workbook, target, option="--out", force=force, vocabulary=vocabulary(mapping)
    )
    name = ruleset.name_en if lang == "en" and ruleset.name_en else ruleset.name
    click.echo(translate("cli.imported", lang, rules=name, hash=ruleset.hash, path=Whole(target)))
    shown = replace(ruleset, source=str(workbook))
    for finding, cell in warnings:
        click.echo(finding_line(shown, finding, cell, lang))
    return ExitCode.OK
