"""What the commands take and give back: run options, the check and run reports, exit codes.

Each report carries its own exit code, so the command line maps a result to a code
without any logic of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from csreport.history.model import AgentRecord, Interview, Revision
from csreport.history.store import History, NewRevision, Recorded
from csreport.inputs.dataset import Dataset
from csreport.inputs.interviews import InterviewSheet
from csreport.messages import Bilingual
from csreport.outputs.month_folder import Replaced
from csreport.outputs.pdf.branding import Branding
from csreport.problems import Problem, Severity
from csreport.results import MonthResult
from csreport.rules.lint import Finding
from csreport.rules.model import RuleSet
from csreport.scoring.coverage import blocks_everyone

# (stage, done, total): "read" once with done=0 and the number of input files, then per
# file; "pdf" once with done=0 when the scorecards start, then as they are made.
Progress = Callable[[str, int, int], None]


class ExitCode(IntEnum):
    """The process exit codes of every csreport command."""

    OK = 0
    NOT_CLEAN = 1  # check: the data has problems; run: an input was set aside; lint: findings
    USER_ERROR = 2  # a CsreportError (the default), or a usage mistake
    BUG = 3  # an unexpected exception, shown as an apology
    NO_PDF = 4  # run: the workbook and JSON are written, the PDFs could not be made
    INTERRUPTED = 130  # Ctrl+C
    TERMINATED = 143  # SIGTERM


@dataclass(frozen=True)
class RunOptions:
    """Everything ``run`` needs besides the input paths."""

    out_dir: Path
    month: str | None = None
    rules: str | None = None
    templates: Path | None = None
    shop: str = ""  # empty: the catalogue's default shop name in ``lang``
    lang: str = "zh"
    pdf: bool = True
    workers: int | None = None
    mapping: Path | None = None  # the user's header mapping file
    profile: str | None = None  # a weight profile of the rules (e.g. 重服务)
    write_back: str | None = None  # "sheet" or "columns": copies of the inputs with results
    branding: Branding | None = None  # company, logo and colours on the PDFs
    history: Path | None = None  # the history file; None: <out>/csreport-history.sqlite
    reopen: str | None = None  # why a closed month is re-run (``--reopen``)
    # The rules the settings file names: used when ``rules`` (``--rules``) is not given and the
    # month has no rules recorded in history.
    config_rules: str | None = None
    # Which engine makes the PDFs: "auto" (WeasyPrint when it loads, else a Chromium-family
    # browser, else printable HTML scorecards), "weasyprint" or "browser".
    pdf_engine: str = "auto"
    # Re-use the scorecards of the previous run whose content has not changed (the card cache in
    # the output folder); False renders every card again.
    reuse_cards: bool = True


@dataclass
class LintReport:
    """The rule checker's findings on one set of rules."""

    rules: RuleSet
    findings: list[Finding]

    @property
    def exit_code(self) -> ExitCode:
        """0 when the rules have no finding, 1 when they have one."""
        return ExitCode.NOT_CLEAN if self.findings else ExitCode.OK

    def rules_name(self, lang: str) -> str:
        """The rules' name in ``lang``: their English name in English when they have one."""
        return self.rules.name_en if lang == "en" and self.rules.name_en else self.rules.name


@dataclass
class CheckReport:
    """The outcome of reading the inputs: the data plus every problem found."""

    dataset: Dataset | None
    problems: list[Problem]
    rules_lines: int = 0  # the first problems: the rules checked against the data

    @property
    def valid(self) -> bool:
        """Clean data: nothing worse than an informational note."""
        return not any(p.severity is not Severity.INFO for p in self.problems)

    @property
    def rules_problems(self) -> list[Problem]:
        """The rules checked against the data: KPIs some or all agents cannot be scored on."""
        return self.problems[: self.rules_lines]

    @property
    def exit_code(self) -> ExitCode:
        """0 when the data is clean, 1 when it is not."""
        return ExitCode.OK if self.valid else ExitCode.NOT_CLEAN

    def counts(self) -> dict[Severity, int]:
        """How many problems of each severity."""
        return {s: sum(p.severity is s for p in self.problems) for s in Severity}

    def to_json(self, lang: str = "zh") -> str:
        """Machine-readable report, in the style of frictionless."""
        return json.dumps(
            {
                "valid": self.valid,
                "month": self.dataset.month if self.dataset else None,
                "files_read": self.dataset.files_read if self.dataset else [],
                "files_failed": self.dataset.files_failed if self.dataset else [],
                "stats": {s.value: n for s, n in self.counts().items()},
                "sheets": [r.to_dict(lang) for r in self.dataset.sheets] if self.dataset else [],
                "problems": [p.to_dict(lang) for p in self.problems],
            },
            ensure_ascii=False,
            indent=2,
        )


@dataclass
class RunHistory:
    """What the history contributed to a run and what the run recorded, for the console."""

    path: Path
    store: History | None = None  # None: no history file yet (it is made when the run records)
    rules_from: Revision | None = None  # the revision whose recorded rules the run used
    rules_not_recorded: bool = False  # a re-run whose history has no rules text (imported)
    reopen: str = ""  # the reason given with --reopen
    closed_at: str = ""  # when the month was closed ("" when open)
    latest: Revision | None = None  # the month's latest revision before this run
    same_as: Revision | None = None  # the revision this run repeats exactly (nothing recorded)
    recorded: Recorded | None = None
    trend_months: tuple[str, ...] = ()  # earlier months history held for the trends
    from_review: int = 0  # agents scored at the level a review decided
    interviews: list[tuple[str, str, int]] = field(default_factory=list)  # (file, month, count) stored
    # The interview sheets that came in with the inputs and the rows of each to store.
    interview_rows: list[tuple[InterviewSheet, list[Interview]]] = field(default_factory=list)
    new_records: list[AgentRecord] = field(default_factory=list)
    new_revision: NewRevision | None = None


@dataclass
class RunReport:
    """What a run produced and how long each stage took."""

    result: MonthResult
    problems: list[Problem]
    workbook: Path
    json_path: Path
    scorecards: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    rows_read: int = 0
    written_back: list[Path] = field(default_factory=list)
    bundles: list[Path] = field(default_factory=list)  # team and whole-shop PDFs
    files_failed: list[str] = field(default_factory=list)  # inputs set aside as unreadable
    replaced: Replaced | None = None  # what happened to the previous set of reports
    pdf_error: str | Bilingual | None = None  # why no PDF was made although PDFs were wanted
    # Inputs left unread (broken shortcuts, sub-folders ...) or changed during the run:
    # the console names them, besides the workbook's problems sheet.
    input_notes: list[Problem] = field(default_factory=list)
    # The rules checked against the data: KPIs some or all agents could not be scored on.
    rules_notes: list[Problem] = field(default_factory=list)
    # What the history gave the run and what it recorded (``cycle.run_steps.RunHistory``).
    history: RunHistory | None = None
    # The engine that made the scorecards ("weasyprint", "browser" or "html"; "" when none was
    # wanted) and the browser it used; how many cards were rendered and how many re-used.
    pdf_engine: str = ""
    pdf_browser: str = ""
    cards_rendered: int = 0
    cards_reused: int = 0

    @property
    def exit_code(self) -> ExitCode:
        """4: the PDFs could not be made (HTML scorecards written instead count as none); 1: an
        input was set aside, or a KPI of the rules could be computed for no one and so leaves
        everyone on its table without a total (缺数据); 0: all done. A KPI the rules leave out or
        score 0 when missing (exclude, zero) is said at the top but is the rules' own plan, not
        a failed run."""
        if self.pdf_error or self.pdf_engine == "html":  # HTML scorecards to print by hand: no PDF
            return ExitCode.NO_PDF
        blocked = blocks_everyone(self.rules_notes)
        return ExitCode.NOT_CLEAN if self.files_failed or blocked else ExitCode.OK
