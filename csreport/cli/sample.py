"""``csreport sample``: thin shell over ``csreport.qa.sample``.

Parses the options (shop, rules and mapping default to the settings file's, as ``run`` takes
them), draws the sample, prints what was drawn and where the task workbook is, and exits 0, or
1 when rows of the chat list were set aside; a refusal is one line and exit 2 (``friendly``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from csreport.cli.common import CONFIG, LANG, OUT, RULES, Whole, friendly, help_text
from csreport.cli.settings import load_config, shop_hint
from csreport.messages import joined, listed, translate
from csreport.problems import Problem, RefusedWithProblems, Severity
from csreport.rules.wording import number
from csreport.util.report_names import TASK_NOTES_SHEET

if TYPE_CHECKING:
    from csreport.qa.sample import SampleReport

# Agents with a note, and problems, shown on the console before "see the notes sheet".
MOST_LINES = 10


@click.command(name="sample", help=help_text("task_sheet.help.command"))
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="CHATS.xlsx [ROSTER.xlsx]")
@OUT
@click.option("--month", help=help_text("task_sheet.help.month"))
@click.option("--shop", default="", help=help_text("help.shop"))
@click.option("--salt", default="", help=help_text("task_sheet.help.salt"))
@RULES
@click.option("--reviewers", help=help_text("task_sheet.help.reviewers"))
@click.option("--mapping", type=click.Path(path_type=Path), help=help_text("help.mapping"))
@CONFIG
@LANG
@friendly
def sample(
    files: tuple[Path, ...],
    out_dir: Path,
    month: str | None,
    shop: str,
    salt: str,
    rules: str | None,
    reviewers: str | None,
    mapping: Path | None,
    config_path: Path | None,
    lang: str,
) -> int:
    """Draw the month's chats to score and write the task workbook."""
    # Imported here: the other commands do not load the sampling engine.
    from csreport.qa.sample import SampleOptions, sample_month

    cfg = load_config(config_path)
    options = SampleOptions(
        out_dir=out_dir,
        month=month,
        shop=shop.strip() or (cfg.shop or "").strip(),
        salt=salt,
        rules=rules if rules is not None else cfg.rules,
        reviewers=reviewers,
        mapping=mapping or cfg.mapping,
        lang=lang,
        shop_shown=translate("shop.default", lang),
    )
    try:
        report = sample_month(list(files), options)
    except RefusedWithProblems as refused:
        for line in _problem_lines(list(refused.problems), lang):
            click.echo(line, err=True)
        raise
    out, err = sample_lines(report, lang)
    for line in err:
        click.echo(line, err=True)
    for line in out:
        click.echo(line)
    if (hint := shop_hint(shop, cfg, lang)) is not None:
        click.echo(hint, err=True)
    return report.exit_code


def sample_lines(report: SampleReport, lang: str) -> tuple[list[str], list[str]]:
    """What the console says: (stdout lines, stderr lines)."""
    from csreport.outputs.xlsx.task_sheet import agent_notes
    from csreport.scoring.sampling import left_out_notes

    result = report.result
    err: list[str] = []
    if report.standard_rules:
        err.append(translate("task_sheet.cli.standard_rules", lang, rules=report.rules_name))
    err += _problem_lines(list(report.problems), lang)
    out = [
        translate("task_sheet.cli.seed", lang, seed=result.seed),
        translate(
            "task_sheet.cli.summary",
            lang,
            month=result.month,
            agents=number(len(result.agents)),
            chats=number(len(result.chats)),
        ),
    ]
    if report.reviewers:
        given = Counter(c.reviewer for c in result.chats)
        counts = listed(
            [
                translate("task_sheet.cli.reviewer_count", lang, name=name, n=number(given[name]))
                for name, _ in report.reviewers
            ]
        )
        out.append(translate("task_sheet.cli.reviewers", lang, counts=counts))
    else:
        out.append(translate("task_sheet.cli.no_reviewers", lang))
    noted = [(a, notes) for a in result.agents if (notes := agent_notes(a))]
    if noted:
        out.append(translate("task_sheet.cli.short_head", lang))
        for agent, notes in noted[:MOST_LINES]:
            who = f"{agent.agent} {agent.name}" if agent.name else agent.agent
            text = joined((n.text(lang) for n in notes), lang, "list.clauses")
            out.append(translate("task_sheet.cli.agent_line", lang, agent=who, notes=text))
        if len(noted) > MOST_LINES:
            out.append(
                translate(
                    "task_sheet.cli.more", lang, n=number(len(noted) - MOST_LINES), sheet=TASK_NOTES_SHEET
                )
            )
    out += [translate(code, lang) for code in result.notes]
    left_out = left_out_notes(result)
    if left_out:
        out.append(translate("task_sheet.cli.left_out", lang))
        out += [translate("task_sheet.cli.left_out_line", lang, note=n.text(lang)) for n in left_out]
    if report.set_aside:
        out.append(translate("task_sheet.cli.set_aside", lang, n=number(report.set_aside)))
    code = "task_sheet.cli.replaced" if report.replaced else "task_sheet.cli.written"
    out.append(translate(code, lang, path=Whole(report.path)))
    return out, err


def _problem_lines(problems: list[Problem], lang: str) -> list[str]:
    """The located lines reading found, at most ``MOST_LINES`` of them, then how many more."""
    shown = [p for p in problems if p.severity is not Severity.INFO]
    lines = [p.render(lang) for p in shown[:MOST_LINES]]
    if len(shown) > MOST_LINES:
        more = number(len(shown) - MOST_LINES)
        lines.append(translate("task_sheet.cli.problems_more", lang, n=more))
    return lines
