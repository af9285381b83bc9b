"""``csreport rules …``: list, show, lint, export and import scoring rules."""

from __future__ import annotations

import json
from pathlib import Path

import click

from csreport.cli.common import LANG, friendly
from csreport.rules.loader import PRESET_ALIASES, load_rules, preset_names


@click.group()
def rules() -> None:
    """考核规则：查看、检查、导出为 Excel、从 Excel 导入 / scoring rules."""


@rules.command("list")
@LANG
@friendly
def list_presets(lang: str) -> int:
    """列出自带的规则预设 / list the shipped presets."""
    zh_names = {v: k for k, v in PRESET_ALIASES.items() if k in ("标准", "字面", "多维度")}
    for name in preset_names():
        r = load_rules(name)
        tables = "、".join(f"{t.name}（{t.total:g} 分）" for t in r.tables)
        if lang == "en":
            tables = ", ".join(f"{t.name_en} ({t.total:g} pts)" for t in r.tables)
        profiles = ", ".join(p.name for p in r.profiles)
        extra = (f"  profiles: {profiles}" if lang == "en" else f"  权重方案：{profiles}") if profiles else ""
        title = r.name_en if lang == "en" else r.name
        click.echo(f"{name:<9} {zh_names.get(name, ''):<4} {title} #{r.hash}  {tables}{extra}")
    return 0


@rules.command()
@click.argument("name")
@click.option("--profile", help="权重方案，如 重服务 / weight profile.")
@LANG
@friendly
def show(name: str, profile: str | None, lang: str) -> int:
    """以表格显示规则（预设名或文件）/ show rules as a readable table."""
    from csreport.rules.show import show_rules
    click.echo(show_rules(load_rules(name, profile, lang), lang))
    return 0


@rules.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON / machine-readable JSON.")
@LANG
@friendly
def lint(name: str, as_json: bool, lang: str) -> int:
    """检查规则的缺口、重叠、权重合计等问题 / find gaps, overlaps and weight errors.

    Exit code 1 when there are findings.
    """
    from csreport.rules.lint import lint as run_lint
    ruleset = load_rules(name, None, lang)
    findings = run_lint(ruleset)
    if as_json:
        click.echo(json.dumps([f.__dict__ for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            where = f"{f.table}/{f.kpi}" if f.kpi else (f.table or "-")
            text = f.message_en if lang == "en" else f.message
            click.echo(f"[{f.severity}] {where} {f.path}: {text}")
        if not findings:
            click.echo("No findings." if lang == "en" else f"规则「{ruleset.name}」没有发现问题。")
        else:
            click.echo(f"{len(findings)} finding(s)." if lang == "en" else f"共 {len(findings)} 个问题。")
    return 1 if findings else 0


@rules.command("export")
@click.argument("name")
# No click checks on the path: the command names a folder, a device or someone else's file
# itself, in one line in the user's language (see csreport.util.paths.replaceable_target).
@click.option("--xlsx", "target", type=click.Path(path_type=Path), required=True,
              help="导出的工作簿路径 / workbook to write.")
@click.option("--force", is_flag=True,
              help="覆盖已存在的、不是 csreport 导出的文件 / replace a file csreport did not write.")
@LANG
@friendly
def export_cmd(name: str, target: Path, force: bool, lang: str) -> int:
    """把规则导出为可在 Excel 中编辑的工作簿 / export rules as an editable workbook."""
    from csreport.rules.xlsx_io import export_rules
    # Refuses a target that is the rules file being exported (see csreport.util.paths), and an
    # existing file that is not an earlier export unless --force.
    path = export_rules(load_rules(name, None, lang), target, lang, option="--xlsx", force=force)
    click.echo(f"已导出：{path}" if lang != "en" else f"Exported: {path}")
    return 0


@rules.command("import")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path),
              help="写出的规则文件（默认与工作簿同名 .yaml）/ YAML file to write.")
@click.option("--force", is_flag=True,
              help="覆盖已存在的、不是 csreport 写出的文件 / replace a file csreport did not write.")
@LANG
@friendly
def import_cmd(workbook: Path, out: Path | None, force: bool, lang: str) -> int:
    """把编辑过的规则工作簿转回规则文件 / turn an edited rules workbook into a rules file."""
    from csreport.rules.xlsx_io import import_rules
    # ("." or "/" has no name to give a suffix; the folder is named as such by import_rules.)
    target = out or (workbook.with_suffix(".yaml") if workbook.name else workbook)
    # Names a missing workbook, refuses the workbook itself as target, and an existing file
    # csreport did not write unless --force.
    ruleset = import_rules(workbook, target, option="--out", force=force)
    click.echo(f"Imported {ruleset.name} #{ruleset.hash}: {target}" if lang == "en"
                else f"已导入 {ruleset.name} #{ruleset.hash}：{target}")
    return 0
