"""Options and error handling shared by every csreport command."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

import click

from csreport.cli_text import T
from csreport.problems import CsreportError

LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                    help="界面语言 / interface language: zh or en.")


def friendly(fn: Callable[..., int | None]) -> Callable[..., None]:
    """Run a command body; map errors to messages and exit codes."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        lang = kwargs.get("lang", "zh")
        try:
            code = fn(*args, **kwargs) or 0
        except CsreportError as exc:
            click.echo(f"{T('error', lang)}{exc.message(lang)}", err=True)
            code = exc.exit_code
        except BrokenPipeError:
            # The reader (e.g. `| head`) went away: stop quietly, like any Unix tool.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            code = 0
        except KeyboardInterrupt:
            click.echo(T("interrupted", lang), err=True)
            code = 130
        except Exception as exc:  # a bug: apologise, never dump a traceback on a user
            if os.environ.get("CSREPORT_DEBUG"):
                traceback.print_exc()
            click.echo(T("bug", lang).format(kind=type(exc).__name__, text=str(exc)[:200]),
                       err=True)
            code = 3
        sys.exit(code)

    return wrapper
