"""``csreport close | history | interviews | review``: the assessment cycle's commands.

Thin shells over ``csreport.cycle.commands``: parse options, call one function, print its
report, exit with its code. The history file is ``--history``, else the settings file's
``history:``, else ``csreport-history.sqlite`` in the ``--out`` folder (报表 by default), the
same file ``run`` writes.
"""

from __future__ import annotations

from pathlib import Path

import click

from csreport.cli.common import HISTORY, LANG, OUT, friendly, help_text
from csreport.cli.settings import load_config
from csreport.cycle import commands
from csreport.cycle.run_steps import history_path
from csreport.messages import joined, translate
from csreport.problems import CsreportError
from csreport.rules.wording import number

CONFIG = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), help=help_text("help.config")
)


def _history(out_dir: Path, given: Path | None, config_path: Path | None) -> Path:
    cfg = load_config(config_path)
    return history_path(out_dir, given or cfg.history)


@click.command(help=help_text("help.close"))
@click.argument("month")
@OUT
@HISTORY
@CONFIG
@LANG
@friendly
def close(month: str, out_dir: Path, history: Path | None, config_path: Path | None, lang: str) -> int:
    """Close a month."""
    report = commands.close_month(_history(out_dir, history, config_path), month)
    if report.already:
        click.echo(translate("cycle.close.already", lang, month=month, closed_at=report.closed_at))
    else:
        click.echo(translate("cycle.close.done", lang, month=month))
    return report.exit_code


@click.group(help=help_text("help.history_cmd"), invoke_without_command=True)
@click.option("--agent", help=help_text("help.agent"))
@OUT
@HISTORY
@CONFIG
@LANG
@click.pass_context
def history(
    ctx: click.Context,
    agent: str | None,
    out_dir: Path,
    history: Path | None,
    config_path: Path | None,
    lang: str,
) -> None:
    """List the months in the history, or one agent's months (``history import`` is a subcommand)."""
    if ctx.invoked_subcommand is None:
        _listing(agent=agent, path_given=history, out_dir=out_dir, config_path=config_path, lang=lang)


@friendly
def _listing(
    agent: str | None, path_given: Path | None, out_dir: Path, config_path: Path | None, lang: str
) -> int:
    path = _history(out_dir, path_given, config_path)
    if agent:
        rows = commands.agent_months(path, agent)
        if not rows:
            click.echo(translate("history.agent_none", lang, id=agent, path=str(path)))
            return 1
        click.echo(translate("history.agent_head", lang, id=agent, name=rows[-1][2].name, path=str(path)))
        for month, revision, rec in rows:
            click.echo(
                translate(
                    "history.agent_line",
                    lang,
                    month=month,
                    revision=revision,
                    table=rec.table_name,
                    total=_num(rec.total, lang),
                    conclusion=translate(f"conclusion.{rec.conclusion}", lang),
                    grade=rec.grade or "–",
                    rank=f"{rec.rank}/{rec.rank_of}" if rec.rank is not None else "–",
                    level=rec.level or "–",
                    coefficient=f"{rec.coefficient:.2f}" if rec.coefficient is not None else "–",
                )
            )
        return 0
    months = commands.list_months(path)
    if not months:
        click.echo(translate("history.list_empty", lang, path=str(path)))
        return 0
    click.echo(translate("history.list_head", lang, path=str(path)))
    for state in months:
        latest = state.latest
        click.echo(
            translate(
                "history.list_month",
                lang,
                month=state.month,
                state=translate("history.state.closed_at", lang, at=state.closed_at)
                if state.closed
                else translate("history.state.open", lang),
                revision=latest.revision,
                count=len(state.revisions),
                agents=latest.agents,
                rules=latest.rules_name_en if lang == "en" and latest.rules_name_en else latest.rules_name,
                at=latest.recorded_at.replace("T", " "),
            )
        )
        if len(state.revisions) > 1:
            for rev in state.revisions:
                missing = [i.name for i in rev.inputs if i.path and not Path(i.path).exists()]
                inputs = ""
                if missing:
                    inputs = "  " + translate(
                        "history.inputs_missing", lang, files=joined(missing, lang, "list.names")
                    )
                click.echo(
                    translate(
                        "history.list_revision",
                        lang,
                        revision=rev.revision,
                        at=rev.recorded_at.replace("T", " "),
                        origin=translate(f"history.origin.{rev.origin}", lang),
                        rules=rev.rules_name_en if lang == "en" and rev.rules_name_en else rev.rules_name,
                        hash=rev.rules_hash,
                    )
                    + inputs
                )
        for at, reason in state.reopened:
            click.echo(translate("history.list_reopened", lang, at=at.replace("T", " "), reason=reason))
    return 0


def _num(value: float | None, lang: str) -> str:
    return translate("history.none_value", lang) if value is None else number(round(value, 1))


@history.command("import", help=help_text("help.history_import"))
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@OUT
@HISTORY
@CONFIG
@click.option("--reopen", help=help_text("help.reopen"))
@LANG
@friendly
def history_import(
    files: tuple[Path, ...],
    out_dir: Path,
    history: Path | None,
    config_path: Path | None,
    reopen: str | None,
    lang: str,
) -> int:
    """Record past outputs in the history."""
    if not files:
        raise CsreportError("cycle.import.no_args")
    path = _history(out_dir, history, config_path)
    if history is None and path.parent == out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)  # history from day one, in the usual place
    report = commands.import_history(path, list(files), reopen=reopen)
    for item in report.files:
        if item.error is not None:
            click.echo(
                translate("history.import_failed", lang, file=item.file, why=item.error.message(lang)),
                err=True,
            )
            continue
        assert item.recorded is not None
        code = "history.imported" if item.recorded.new else "history.import_same"
        click.echo(
            translate(
                code,
                lang,
                file=item.file,
                month=item.month,
                agents=item.agents,
                revision=item.recorded.revision.revision,
            )
        )
        for problem in item.problems:
            click.echo("  " + problem.render(lang), err=True)
    ok = sum(f.error is None and f.recorded is not None and f.recorded.new for f in report.files)
    failed = sum(f.error is not None for f in report.files)
    same = len(report.files) - ok - failed
    click.echo(
        translate("history.import_summary", lang, n=len(report.files), ok=ok, same=same, failed=failed)
    )
    return report.exit_code


@click.group(help=help_text("help.interviews"))
def interviews() -> None:
    """The ``interviews`` command group."""


@interviews.command("import", help=help_text("help.interviews_import"))
@click.argument("file", type=click.Path(path_type=Path))
@OUT
@HISTORY
@CONFIG
@LANG
@friendly
def interviews_import(
    file: Path, out_dir: Path, history: Path | None, config_path: Path | None, lang: str
) -> int:
    """Store a filled interview sheet."""
    path = _history(out_dir, history, config_path)
    report = commands.import_interviews(path, file)
    for problem in report.sheet.problems:
        click.echo(problem.render(lang), err=True)
    if report.stored:
        click.echo(
            translate(
                "cycle.interviews.stored",
                lang,
                file=report.file,
                month=report.sheet.month,
                n=report.stored,
                path=str(path),
            )
        )
    else:
        click.echo(translate("cycle.interviews.none_filled", lang, file=report.file))
    return report.exit_code


@click.command(help=help_text("help.review"))
@click.option("--from", "start", help=help_text("help.from"))
@click.option("--to", "end", help=help_text("help.to"))
@click.option("--apply", "apply_path", type=click.Path(path_type=Path), help=help_text("help.apply"))
@click.option("--roster", type=click.Path(path_type=Path), help=help_text("help.roster"))
@click.option("--rules", help=help_text("help.rules"))
@click.option("--shop", default="", help=help_text("help.shop"))
@click.option("--no-pdf", is_flag=True, help=help_text("help.no_pdf"))
@OUT
@HISTORY
@CONFIG
@LANG
@friendly
def review(
    start: str | None,
    end: str | None,
    apply_path: Path | None,
    roster: Path | None,
    rules: str | None,
    shop: str,
    no_pdf: bool,
    out_dir: Path,
    history: Path | None,
    config_path: Path | None,
    lang: str,
) -> int:
    """The half-year level review, or reading its decisions back."""
    cfg = load_config(config_path)
    path = history_path(out_dir, history or cfg.history)
    if apply_path is not None:
        applied = commands.apply_review(
            path, apply_path, roster=roster, lang=lang, rules=rules, config_rules=cfg.rules
        )
        for problem in applied.decisions.problems:
            click.echo(problem.render(lang), err=True)
        if applied.refused:
            click.echo(translate("cycle.review.refused", lang, n=applied.refused), err=True)
            return applied.exit_code
        if not applied.changes:
            click.echo(translate("cycle.review.applied_none", lang, file=applied.file))
            return applied.exit_code
        click.echo(
            translate(
                "cycle.review.applied",
                lang,
                file=applied.file,
                n=len(applied.changes),
                month=applied.effective_month,
            )
        )
        if not applied.recorded:
            click.echo(translate("cycle.review.already_applied", lang))
        for change in applied.changes:
            click.echo(
                translate(
                    "cycle.review.change_line",
                    lang,
                    id=change.agent_id,
                    name=change.name,
                    old=change.from_level or "–",
                    new=change.to_level,
                )
            )
        if applied.roster is not None:
            for problem in applied.roster.problems:
                click.echo(problem.render(lang), err=True)
            click.echo(translate("cycle.review.new_roster", lang, path=str(applied.roster.path)))
        else:
            click.echo(
                translate("cycle.review.no_roster", lang, path=applied.roster_missing or "-"), err=True
            )
        return applied.exit_code
    if not start or not end:
        raise CsreportError("cycle.review.needs_period")
    report = commands.run_review(
        path,
        start,
        end,
        out_dir,
        rules=rules,
        config_rules=cfg.rules,
        lang=lang,
        shop=shop.strip() or cfg.shop or translate("shop.default", lang),
        pdf=not no_pdf,
    )
    if report.missing_months:
        click.echo(
            translate(
                "cycle.review.months_missing", lang, months=joined(report.missing_months, lang, "list.names")
            ),
            err=True,
        )
    click.echo(translate("cycle.review.written", lang, path=str(report.workbook)))
    if report.cards:
        click.echo(
            translate("cycle.review.cards", lang, path=str(report.cards[0].parent), n=len(report.cards))
        )
    return report.exit_code
