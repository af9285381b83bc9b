"""The ``csreport`` command: a thin click shell over ``csreport.api``.

Every command turns a ``CsreportError`` into a one-line message in the user's language
and an exit code; an unexpected exception is shown as a short apology, never a traceback
(set CSREPORT_DEBUG=1 to see it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from csreport import __version__
from csreport.api import RunOptions, check_inputs, run_month
from csreport.cli.common import LANG, FriendlyGroup, friendly
from csreport.cli.rules import rules
from csreport.cli.settings import branding_from, load_config
from csreport.cli.text import T, summary_lines
from csreport.inputs.workbook import is_skippable, iter_files
from csreport.problems import CsreportError, Severity


@click.group(cls=FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="csreport")
def main() -> None:
    """csreport：把客服考勤、质检、接待数据表变成考核结果（汇总工作簿 + 每人一份 PDF 成绩单）。

    Turns customer-service workbooks into assessment results.
    """


main.add_command(rules)


def _inputs(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> list[Path]:
    return [Path(v) for v in value]


@main.command()
@click.argument("inputs", nargs=-1, callback=_inputs)
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              default=Path("报表"), show_default=True, help="输出目录 / output folder.")
@click.option("--month", help="考核月份 YYYY-MM（默认从数据日期推断）/ month to assess.")
@click.option("--rules", help="规则预设名或 YAML 文件 / rules preset or file (default: standard).")
@click.option("--profile", help="权重方案，如 重服务、重转化 / weight profile of the rules.")
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path),
              help="自定义成绩单模板目录 / your own scorecard template folder.")
@click.option("--shop", default="", help="店铺名称，印在报表上 / shop name printed on reports.")
@click.option("--mapping", type=click.Path(path_type=Path),
              help="表头映射文件（YAML）/ your header mapping file (YAML).")
@click.option("--write-back", "write_back", type=click.Choice(["sheet", "columns"]),
              is_flag=False, flag_value="sheet", default=None,
              help="另存一份输入工作簿，加上「考核结果」表；=columns 时还在花名册后追加总分等列 / "
                   "copies of the inputs with a 考核结果 sheet (=columns: also roster columns).")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="设置文件（默认当前目录的 csreport.yaml）/ settings file.")
@click.option("--no-pdf", is_flag=True, help="只生成工作簿，不生成 PDF / skip the PDF scorecards.")
@click.option("--workers", type=click.IntRange(1, 32), help="生成 PDF 的进程数 / PDF worker processes.")
@LANG
@friendly
def run(inputs: list[Path], out_dir: Path, month: str | None, rules: str | None,
        profile: str | None, templates: Path | None, shop: str, mapping: Path | None,
        write_back: str | None, config_path: Path | None, no_pdf: bool, workers: int | None,
        lang: str) -> int:
    """计分并输出汇总工作簿和 PDF 成绩单 / score a month and write the reports.

    INPUTS are workbooks (xlsx, xlsm, xls, ods, csv) or folders holding them.
    """
    if not inputs:
        raise CsreportError("run.no_input_args", command="run")
    cfg = load_config(config_path)
    return _run(inputs, RunOptions(
        out_dir, month, rules or cfg.rules, templates or cfg.templates, shop or cfg.shop or "",
        lang, not no_pdf, workers, mapping or cfg.mapping, profile or cfg.profile, write_back,
        branding_from(cfg)))


def _run(inputs: list[Path], options: RunOptions) -> int:
    lang = options.lang
    bar: dict[str, Any] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage != "pdf":
            return
        if "bar" not in bar:
            bar["bar"] = click.progressbar(length=total, label=T("rendering", lang),
                                           file=sys.stderr, show_pos=True)
            bar["bar"].__enter__()
            bar["done"] = 0
        bar["bar"].update(done - bar["done"])
        bar["done"] = done

    files = [p for p in iter_files(inputs) if not is_skippable(p)] if all(
        p.exists() for p in inputs) else inputs
    click.echo(T("reading", lang).format(n=len(files)), err=True)
    if options.pdf:
        from csreport.outputs.pdf.fonts import harfbuzz_subset_available
        if not harfbuzz_subset_available():
            click.echo(T("slow_pdf", lang), err=True)
    try:
        report = run_month(inputs, options, progress)
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    for line in summary_lines(report, lang):
        click.echo(line)
    return report.exit_code


@main.command()
@click.argument("inputs", nargs=-1, callback=_inputs)
@click.option("--month", help="考核月份 YYYY-MM / month to check.")
@click.option("--rules", help="规则预设名或 YAML 文件 / rules preset or file.")
@click.option("--mapping", type=click.Path(path_type=Path),
              help="表头映射文件（YAML）/ your header mapping file (YAML).")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON，供程序读取 / machine-readable JSON.")
@LANG
@friendly
def check(inputs: list[Path], month: str | None, rules: str | None, mapping: Path | None,
          as_json: bool, lang: str) -> int:
    """检查数据问题（不计分）/ list every data problem before scoring.

    Exit code 0 when the data is clean, 1 when it is not.
    """
    if not inputs:
        raise CsreportError("run.no_input_args", command="check")
    report = check_inputs(inputs, month, rules, mapping=mapping)
    if as_json:
        click.echo(report.to_json(lang))
        return int(not report.valid)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for p in sorted(report.problems, key=lambda p: (order[p.severity], p.file, p.sheet,
                                                    p.row or 0)):
        click.echo(p.render(lang))
    counts = {s: sum(p.severity is s for p in report.problems) for s in Severity}
    month_text = (report.dataset.month if report.dataset else "") or T("unknown_month", lang)
    click.echo(T("check_summary", lang).format(
        month=month_text, errors=counts[Severity.ERROR], warnings=counts[Severity.WARNING],
        notes=counts[Severity.INFO],
        verdict=T("clean" if report.valid else "not_clean", lang)))
    return int(not report.valid)


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("csreport-demo"), show_default=True, help="输出目录 / output folder.")
@click.option("--no-pdf", is_flag=True, help="只生成工作簿 / skip the PDF scorecards.")
@LANG
@friendly
def demo(out_dir: Path, no_pdf: bool, lang: str) -> int:
    """用自带的示例数据演示一次完整计分 / score the bundled sample workbooks."""
    from csreport.util.resources import sample_workbooks_dir
    samples = sample_workbooks_dir()
    click.echo(T("demo_inputs", lang).format(path=samples), err=True)
    return _run([samples], RunOptions(out_dir, None, None, None, "测试旗舰店", lang, not no_pdf))


@main.command()
@LANG
@friendly
def doctor(lang: str) -> int:
    """检查运行环境：字体、PDF 引擎、模板 / check fonts, the PDF engine and templates."""
    from csreport.cli.doctor import diagnose
    ok = True
    for good, line in diagnose(lang):
        click.echo(("✓ " if good else "✗ ") + line)
        ok = ok and good
    return 0 if ok else 1
