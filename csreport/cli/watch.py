"""``csreport watch 输入 --out 报表``: a drop folder that runs itself (``csreport.office.watch``).

A thin shell: parse the options (and the settings file, as ``run`` does), call ``Watch.run``, and
end with its exit code. Its last line is always the watcher's own: with ``--once`` exactly one of
"成功：…", "有数据问题 N 个：…（见 报表/处理记录.xlsx）" or "失败：<原因>" ("Done: …", "Data problems:
N …", "Failed: …"), also when the command is refused or stopped, since the Windows script shows it.
It tells the folder's standing, not only what the pass did: a file still refused, or a month whose
latest run had data problems or made no PDF, is said again at every pass until it is put right.

Exit codes: 0 done (or nothing to do), 1 data problems in a month, 2 something not done (a file
refused, still being copied or open in Excel/WPS, a month closed or busy with another run, a
setting wrong, the command refused), 3 an internal error, 4 a month scored without PDFs (HTML
scorecards or none; its last line is "失败：… 未生成 PDF …"), 130 Ctrl-C, 143 SIGTERM.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

import click

from csreport.cli.common import CONFIG, HISTORY, LANG, OUT, PDF_ENGINE, RULES, Terminated, friendly, help_text
from csreport.cli.settings import load_config, run_options, shop_hint
from csreport.messages import translate
from csreport.office.watch import DEFAULT_INTERVAL, DEFAULT_SETTLE, Watch, WatchOptions
from csreport.problems import CsreportError
from csreport.reports import ExitCode


@click.command(name="watch", help=help_text("help.watch"))
@click.argument("folder", type=click.Path(path_type=Path))
@OUT
@click.option("--once", is_flag=True, help=help_text("help.once"))
@click.option(
    "--interval", type=click.FloatRange(0.1, 3600), default=DEFAULT_INTERVAL, help=help_text("help.interval")
)
@click.option(
    "--settle", type=click.FloatRange(0, 3600), default=DEFAULT_SETTLE, help=help_text("help.settle")
)
@click.option("--month", help=help_text("help.watch_month"))
@CONFIG
@RULES
@click.option("--shop", default="", help=help_text("help.shop"))
@click.option("--mapping", type=click.Path(path_type=Path), help=help_text("help.mapping"))
@HISTORY
@click.option("--no-pdf", is_flag=True, help=help_text("help.no_pdf"))
@PDF_ENGINE
@LANG
@friendly
def watch(
    folder: Path,
    out_dir: Path,
    once: bool,
    interval: float,
    settle: float,
    month: str | None,
    config_path: Path | None,
    rules: str | None,
    shop: str,
    mapping: Path | None,
    history: Path | None,
    no_pdf: bool,
    pdf_engine: str | None,
    lang: str,
) -> int:
    """Watch a folder and score the months its workbooks hold."""
    watcher: Watch | None = None
    try:
        cfg = load_config(config_path)
        # As ``run`` takes them: the command line first, then the settings file.
        options = run_options(
            cfg,
            out_dir,
            lang,
            month=month,
            rules=rules,
            shop=shop,
            pdf=not no_pdf,
            pdf_engine=pdf_engine,
            mapping=mapping,
            history=history,
        )
        hint = shop_hint(shop, cfg, lang)
        if hint is not None:
            click.echo(hint, err=True)
        watcher = Watch(WatchOptions(folder, options, interval, settle), click.echo)
        return watcher.run(once)
    except CsreportError as exc:
        click.echo(translate("watch.last.failed", lang, reason=exc.message(lang)))
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo(_stopped(watcher, once, lang))
        return ExitCode.INTERRUPTED
    except Terminated:
        click.echo(_stopped(watcher, once, lang))
        return ExitCode.TERMINATED
    except Exception as exc:  # a bug: the last line still says so, in the user's words
        if os.environ.get("CSREPORT_DEBUG"):
            traceback.print_exc()
        bug = translate("cli.bug", lang, kind=type(exc).__name__, text=str(exc)[:200])
        click.echo(translate("watch.last.failed", lang, reason=bug))
        return ExitCode.BUG


def _stopped(watcher: Watch | None, once: bool, lang: str) -> str:
    if watcher is not None:
        return watcher.stopped_line(once)
    return translate("watch.last.failed", lang, reason=translate("watch.interrupted", lang))
