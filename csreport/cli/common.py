"""Options and error handling shared by every csreport command."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from csreport.messages import one_line, translate
from csreport.problems import CsreportError
from csreport.reports import ExitCode


def help_text(code: str) -> str:
    """The catalogue's ``code`` as "中文 / English": click builds help before ``--lang`` is read."""
    return f"{translate(code, 'zh')} / {translate(code, 'en')}"


class Whole:
    """A parameter shown whole, on one line.

    ``translate`` cuts a text parameter at a few hundred characters, right for data pasted
    into a cell but not for a path the user has to find, nor for a reason that is itself a
    finished message.
    """

    def __init__(self, text: object, limit: int = 4096) -> None:
        self.text = one_line(text, limit)

    def __format__(self, _spec: str) -> str:
        return self.text


LANG = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help=help_text("help.lang")
)


# The output folder every command defaults to: the folder name managers already use.
DEFAULT_OUT = Path("报表")

OUT = click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help=help_text("help.out"),
)

PDF_ENGINE = click.option(
    "--pdf-engine",
    "pdf_engine",
    type=click.Choice(["auto", "weasyprint", "browser"]),
    default=None,
    help=help_text("help.pdf_engine"),
)

HISTORY = click.option("--history", type=click.Path(path_type=Path), help=help_text("help.history"))

CONFIG = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), help=help_text("help.config")
)

RULES = click.option("--rules", help=help_text("help.rules"))


class Terminated(BaseException):
    """SIGTERM arrived (``timeout``, a service manager, Task Scheduler ending the task).

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way
    swallows it and every ``finally`` (staging folder, PDF workers, lock) runs.
    """


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (e.g. called from a test runner's thread)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def friendly(fn: Callable[..., int | None]) -> Callable[..., None]:
    """Run a command body and exit with the code its result carries; map errors to messages
    and their exit codes."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        lang = kwargs.get("lang", "zh")
        try:
            with _sigterm_raises():
                code = fn(*args, **kwargs) or ExitCode.OK
        except CsreportError as exc:
            click.echo(translate("cli.error_prefix", lang) + exc.message(lang), err=True)
            code = exc.exit_code
        except BrokenPipeError:
            # The reader (e.g. `| head`) went away: stop quietly, like any Unix tool.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            code = ExitCode.OK
        except KeyboardInterrupt:
            click.echo(translate("cli.interrupted", lang), err=True)
            code = ExitCode.INTERRUPTED
        except Terminated:
            click.echo(translate("cli.terminated", lang), err=True)
            code = ExitCode.TERMINATED
        except Exception as exc:  # a bug: apologise, never dump a traceback on a user
            if os.environ.get("CSREPORT_DEBUG"):
                traceback.print_exc()
            click.echo(translate("cli.bug", lang, kind=type(exc).__name__, text=str(exc)[:200]), err=True)
            code = ExitCode.BUG
        sys.exit(int(code))

    return wrapper


def argv_lang(argv: Sequence[str]) -> str:
    """``--lang`` as written on the command line, for errors found before it is parsed."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "zh"


# click (8.x) words an unknown command this way, as a plain UsageError.
_NO_SUCH_COMMAND = re.compile(r"No such command '(.+)'\.?$")


def usage_message(exc: click.UsageError, lang: str, typed: str = "") -> str:
    """A click usage error as one line in the user's language."""
    name = ""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        # An option by what the user types (--xlsx), an argument by its name (NAME).
        opts = getattr(exc.param, "opts", None) if isinstance(exc.param, click.Option) else None
        name = max(opts, key=len) if opts else exc.param.human_readable_name
        detail = translate("cli.missing_argument", lang, name=name)
    elif isinstance(exc, click.BadOptionUsage) and "requires an argument" in exc.message:
        detail = translate("cli.option_needs_value", lang, name=exc.option_name)
    elif isinstance(exc, click.BadOptionUsage) and "does not take a value" in exc.message:
        detail = translate("cli.option_takes_no_value", lang, name=exc.option_name)
    elif (unknown := _NO_SUCH_COMMAND.match(exc.message)) is not None:
        detail = translate("cli.no_such_command", lang, name=unknown.group(1))
    elif isinstance(exc, click.NoSuchOption):
        detail = translate("cli.no_such_option", lang, name=exc.option_name)
    elif isinstance(exc, click.BadParameter):
        name = exc.param.get_error_hint(exc.ctx) if exc.param is not None and exc.ctx else ""
        # click explains the value in English only; Chinese users get the option's name
        # and the pointer to --help, which lists the valid values.
        detail = translate(
            "cli.bad_value", lang, name=name, detail=exc.message.rstrip(".") if lang == "en" else ""
        )
    else:  # click's own words, English only: rare enough not to have a translation of ours
        detail = exc.format_message().rstrip(".")
    # The command whose --help helps; errors found while reading the options carry no context,
    # so the command typed (``typed``, e.g. "rules export") stands in.
    command = (exc.ctx.command_path.partition(" ")[2] if exc.ctx else "") or typed
    return translate("cli.usage", lang, detail=detail, command=command or "").replace("  ", " ")


# click 8.2+ raises this for a group called without a command; older click printed help.
_NO_ARGS_IS_HELP: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


class FriendlyGroup(click.Group):
    """A command group whose usage errors speak the user's language, in one line."""

    def typed_command(self, argv: Sequence[str]) -> str:
        """The (sub)command names at the start of ``argv`` that exist, e.g. "rules export"."""
        names: list[str] = []
        group: click.Command = self
        for arg in argv:
            if arg.startswith("-"):
                continue
            if not isinstance(group, click.Group) or arg not in group.commands:
                break
            names.append(arg)
            group = group.commands[arg]
        return " ".join(names)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; errors are handled here whatever ``standalone_mode`` says."""
        argv = list(sys.argv[1:] if args is None else args)
        try:
            return super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS_IS_HELP as exc:  # `csreport` or `csreport rules` alone
            click.echo(exc.ctx.get_help() if exc.ctx else "")
            sys.exit(ExitCode.OK)
        except click.UsageError as exc:
            lang = argv_lang(argv)
            message = usage_message(exc, lang, self.typed_command(argv))
            click.echo(translate("cli.error_prefix", lang) + message, err=True)
            sys.exit(ExitCode.USER_ERROR)
        except click.Abort:
            click.echo(translate("cli.interrupted", argv_lang(argv)), err=True)
            sys.exit(ExitCode.INTERRUPTED)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
