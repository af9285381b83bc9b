"""The two jobs users run: ``check`` the inputs, and ``run`` a month end to end.

Orchestration only: each step is a call into the layer that owns it (reading, rules,
scoring, outputs). The CLI is a thin shell over these functions; tests and the bench
call them directly. The options and reports they take and give are in
``csreport.reports``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from csreport.cycle import run_steps as steps
from csreport.fields import BUILTIN, Vocabulary
from csreport.inputs.dataset import Dataset, load_dataset
from csreport.inputs.derive import feeds, providers
from csreport.inputs.mapping import UserMapping, load_mapping
from csreport.inputs.workbook import changed_inputs, input_problems, is_skippable, iter_files
from csreport.messages import Bilingual, Note, both, listed, translate
from csreport.outputs.filenames import (
    CARD_CACHE_FOLDER,
    SCORECARDS_FOLDER,
    results_json_name,
    results_workbook_name,
)
from csreport.outputs.month_folder import MonthFolder, check_out_dir
from csreport.problems import CsreportError, Problem, Severity
from csreport.reports import CheckReport, ExitCode, LintReport, Progress, RunOptions, RunReport
from csreport.results import MonthResult, RunMeta
from csreport.rules.lint import lint
from csreport.rules.loader import load_rules
from csreport.rules.model import RuleSet
from csreport.rules.safety import rules_problems
from csreport.rules.sampling import sampling_in_force
from csreport.rules.versions import load_rules_for
from csreport.scoring.aggregate import AgentAggregates, aggregate_all
from csreport.scoring.coverage import ratio_notes, rules_against_data
from csreport.scoring.score import score_month, unknown_levels
from csreport.util.atomic import write_text_atomic
from csreport.util.paths import refuse_inputs_inside

__all__ = [
    "CheckReport",
    "ExitCode",
    "LintReport",
    "Progress",
    "RunOptions",
    "RunReport",
    "check_month",
    "lint_rules",
    "run_month",
]

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass
class _Inputs:
    """The inputs as read once: the data, and the entries left out and why."""

    dataset: Dataset
    left_out: list[Problem]  # broken shortcuts, unreadable folders, sub-folders ... (input.*)
    files: list[Path]  # every file the inputs name, listed once before reading


def _read_inputs(
    inputs: Sequence[Path],
    month: str | None,
    mapping: UserMapping | None,
    progress: Progress | None,
    *,
    scoring: bool,
) -> _Inputs:
    """The one reading step of ``check`` and ``run``.

    Refuses a missing input and a ``month`` that is not YYYY-MM, and inputs with no
    workbook at all (``check.nothing``). ``progress`` hears ``("read", 0, files)`` before
    the first file and once per file after. When ``scoring``, inputs of which no file
    could be read are refused too (``run.no_inputs_why``); ``check`` reports them instead.
    """
    paths = [Path(p) for p in inputs]
    for p in paths:
        if not (p.exists() or p.is_symlink()):
            raise CsreportError("file.not_found", path=str(p))
    if month is not None and not _MONTH.match(month):
        raise CsreportError("month.bad", value=month)
    left_out = input_problems(paths)
    files = list(iter_files(paths))
    total = sum(not is_skippable(f) for f in files)
    if not total:
        what = _each_file_and_why(left_out if not scoring else _failures(left_out))
        if scoring:
            raise CsreportError("run.no_inputs_why", reasons=what)
        raise CsreportError("check.nothing", what=what)
    seen = 0

    def on_file(_name: str) -> None:
        nonlocal seen
        seen += 1
        if progress:
            progress("read", seen, total)

    if progress:
        progress("read", 0, total)
    dataset = load_dataset(paths, month, on_file, mapping)
    if scoring and not dataset.files_read:
        raise CsreportError(
            "run.no_inputs_why", reasons=_each_file_and_why(_failures(left_out + dataset.problems))
        )
    return _Inputs(dataset, left_out, files)


def _failures(problems: list[Problem]) -> list[Problem]:
    """The problems that say why a file gave nothing."""
    return [p for p in problems if p.severity is not Severity.INFO and p.file]


def _each_file_and_why(problems: list[Problem]) -> Bilingual:
    """Each file and why it gave nothing, in both languages; or that there was no file."""
    if not problems:
        return both("check.nothing_empty")
    each = (
        both("run.file_why", file=p.file, why=Bilingual(p.message("zh"), p.message("en"))) for p in problems
    )
    return listed(each, "list.clauses")


def check_month(
    inputs: Sequence[Path],
    month: str | None = None,
    rules: str | None = None,
    progress: Progress | None = None,
    mapping: Path | None = None,
    lang: str = "zh",
) -> CheckReport:
    """Read and cross-check the inputs without scoring; report every problem.

    Raises ``check.nothing`` when the inputs hold no workbook at all. The rules are checked
    against the data: a KPI whose inputs no agent has is said first.
    """
    user = load_mapping(mapping)
    if rules is None or not _is_folder(rules):
        load_rules(rules, None, lang, vocabulary=_vocabulary(user))  # refused before any input is read
    read = _read_inputs(inputs, month, user, progress, scoring=False)
    dataset = read.dataset
    # The version in force for the month when ``rules`` is a folder of versions.
    ruleset = load_rules_for(rules, dataset.month or month, None, lang, _vocabulary(user))
    lint_problems = rules_problems(ruleset)
    aggregates = aggregate_all(dataset.frames, dataset.letters, ruleset, sampling_in_force(ruleset)[0])
    coverage, found = _against_rules(dataset, ruleset, user, aggregates)
    problems = coverage + lint_problems + read.left_out + found
    problems += unknown_levels(dataset.roster, ruleset)
    return CheckReport(dataset, problems, len(coverage))


def _against_rules(
    dataset: Dataset, rules: RuleSet, user: UserMapping | None, aggregates: Mapping[str, AgentAggregates]
) -> tuple[list[Problem], list[Problem]]:
    """The rules checked against the data (what ``check`` and ``run`` say first), and the
    dataset's problems with the ratios each bad cell's row was left out of."""
    # Nothing read, nothing to check the rules against: the files' own problems say why.
    coverage = rules_against_data(rules, dataset.roster, aggregates, providers) if dataset.files_read else []
    found = ratio_notes(
        list(dataset.problems), dataset.frames, dataset.letters, rules, dataset.roster, feeds(user)
    )
    return coverage, found


def _vocabulary(user: UserMapping | None) -> Vocabulary:
    """The fields a rules formula may name: the built-in ones and the mapping's declared ones."""
    return user.vocabulary() if user is not None else BUILTIN


def run_month(inputs: Sequence[Path], options: RunOptions, progress: Progress | None = None) -> RunReport:
    """Read, score and render one month: the workbook, JSON and PDFs, replaced as a set, and
    the month recorded in the history database.

    Everything is written into a staging folder under the month's lock and swapped in
    for ``<out>/<month>`` at the end (``outputs.month_folder``): a failure leaves the
    previous reports as they were. The history records the run in one transaction that
    commits once the swap has succeeded (``cycle.run_steps.recording``).
    """
    timings: dict[str, float] = {}
    check_out_dir(Path(options.out_dir))
    user = load_mapping(options.mapping)
    vocabulary = _vocabulary(user)
    if options.rules is not None and not _is_folder(options.rules):
        # Given rules are checked before any input is read; a folder of versions needs the month.
        load_rules(options.rules, options.profile, options.lang, vocabulary=vocabulary)
    with steps.open_history(Path(options.out_dir), options.history, [Path(p) for p in inputs]) as memory:
        t0 = time.perf_counter()
        read = _read_inputs(inputs, options.month, user, progress, scoring=True)
        dataset = read.dataset
        timings["read"] = time.perf_counter() - t0
        if not dataset.month:
            raise CsreportError("month.none")
        steps.refuse_closed(memory, dataset.month, options.reopen)
        rules = steps.rules_for_run(
            memory,
            dataset.month,
            options.rules,
            options.config_rules,
            options.profile,
            options.lang,
            vocabulary,
        )
        lint_problems = rules_problems(rules)

        t0 = time.perf_counter()
        aggregates = aggregate_all(dataset.frames, dataset.letters, rules, sampling_in_force(rules)[0])
        if not aggregates and not dataset.roster:
            raise CsreportError("run.no_agents")
        meta = RunMeta(
            shop=options.shop.strip() or translate("shop.default", options.lang),
            month=dataset.month,
            rules_name=rules.name,
            rules_name_en=rules.name_en,
            rules_hash=rules.hash,
            generated_at=dt.datetime.now().replace(microsecond=0).isoformat(),
            input_files=tuple(dataset.files_read),
            rules_effective_from=rules.effective_from,
            rules_origin="history" if memory.rules_from is not None else "",
        )
        coverage, found = _against_rules(dataset, rules, user, aggregates)
        scored, review_notes = steps.levels_from_reviews(memory, dataset, dataset.month)
        result, score_problems = score_month(scored.roster, aggregates, rules, meta)
        result = _with_notes(result, review_notes)
        result = steps.with_trends(memory, result, rules)
        result = steps.plan(memory, result, rules, dataset)
        problems = coverage + lint_problems + read.left_out + found + score_problems
        problems += steps.check_interviews(memory, dataset, result)
        timings["score"] = time.perf_counter() - t0

        refuse_inputs_inside(read.files, Path(options.out_dir) / dataset.month)
        with MonthFolder(Path(options.out_dir), dataset.month) as folder:
            written = _write_outputs(
                folder.staging, result, problems, rules, dataset, options, progress, timings
            )
            changed = changed_inputs(dataset.read_digests)
            problems += changed
            # Recorded in a transaction that commits once the reports are swapped in: a history
            # that cannot be written leaves the previous reports, a failed swap records nothing.
            with steps.recording(memory, dataset):
                replaced = folder.commit()
    failure = written.pdf_failure
    written.relocate(folder.final_path)
    rows = sum(len(df) for df in dataset.frames.values())
    return RunReport(
        result,
        problems,
        written.workbook,
        written.json,
        written.cards,
        timings,
        rows,
        written.back,
        written.bundles,
        list(dataset.files_failed),
        replaced,
        failure.params.get("reason", "") if failure else None,
        read.left_out + changed,
        coverage,
        memory,
        written.engine,
        written.browser,
        written.rendered,
        written.reused,
    )


def _is_folder(rules: str) -> bool:
    return Path(rules).is_dir()


def _with_notes(result: MonthResult, notes: Mapping[str, tuple[Note, str, str]]) -> MonthResult:
    """Agents scored at a level a review decided keep the roster's level beside it, with a note."""
    if not notes:
        return result
    agents = tuple(
        replace(a, notes=(*a.notes, notes[a.agent_id][0]), level_from_review=notes[a.agent_id][1:])
        if a.agent_id in notes
        else a
        for a in result.agents
    )
    return replace(result, agents=agents)


@dataclass
class _Written:
    """The paths one run wrote (first under the staging folder, then where they end up)."""

    workbook: Path = Path()
    json: Path = Path()
    cards: list[Path] = field(default_factory=list)
    bundles: list[Path] = field(default_factory=list)
    back: list[Path] = field(default_factory=list)
    pdf_failure: CsreportError | None = None  # why the PDFs could not be made
    engine: str = ""  # what made the scorecards (``ReportPaths.engine``); "" when none were wanted
    browser: str = ""
    rendered: int = 0
    reused: int = 0

    def relocate(self, move: Callable[[Path], Path]) -> None:
        self.workbook, self.json = move(self.workbook), move(self.json)
        self.cards = [move(p) for p in self.cards]
        self.bundles = [move(p) for p in self.bundles]
        self.back = [move(p) for p in self.back]


def _write_outputs(
    month_dir: Path,
    result: MonthResult,
    problems: list[Problem],
    rules: RuleSet,
    dataset: Dataset,
    options: RunOptions,
    progress: Progress | None,
    timings: dict[str, float],
) -> _Written:
    """Write-back copies, the workbook, the JSON and the PDFs into ``month_dir``;
    ``problems`` gains what write-back could not do.

    Without a PDF engine on the computer the tables are still written and the error is
    kept in ``pdf_failure``.
    """
    from csreport.outputs.json import result_json
    from csreport.outputs.xlsx.workbook import write_workbook

    written = _Written()
    month = result.meta.month
    timings["xlsx"] = 0.0

    def write_tables() -> None:
        """Write-back copies, the workbook and the JSON (while the PDF workers render)."""
        t0 = time.perf_counter()
        if options.write_back:
            # Before the workbook, so a file that could not be written back is listed in it.
            from csreport.inputs.writeback import write_back
            from csreport.outputs.columns import writeback_rows

            back = write_back(
                {Path(p): digest for p, digest in dataset.read_digests.items()},
                writeback_rows(result.agents, options.lang),
                month_dir,
                lang=options.lang,
                columns=options.write_back == "columns",
            )
            written.back = list(back.written)
            problems.extend(back.problems)
        written.workbook = write_workbook(
            result, problems, rules, month_dir / results_workbook_name(month), lang=options.lang
        )
        written.json = month_dir / results_json_name(month)
        write_text_atomic(written.json, result_json(result, problems, options.lang))
        timings["xlsx"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    if options.pdf:
        from csreport.outputs.pdf.engines import render_month

        total = len(result.agents)
        done = [0]
        if progress:  # the PDF stage starts: its time (and the estimate of what is left) runs from here
            progress("pdf", 0, total)

        def on_card(n: int) -> None:
            done[0] += n
            if progress:
                progress("pdf", done[0], total)

        try:
            reports = render_month(
                result,
                month_dir / SCORECARDS_FOLDER,
                engine=options.pdf_engine,
                cache_dir=Path(options.out_dir) / CARD_CACHE_FOLDER / month if options.reuse_cards else None,
                templates_dir=options.templates,
                lang=options.lang,
                workers=options.workers,
                progress=on_card,
                branding=options.branding,
                meanwhile=write_tables,
                grades=_grade_names(rules),
            )
        except CsreportError as exc:
            if exc.code != "pdf.unavailable":
                raise  # a failed run replaces nothing: the previous set stays as it was
            # No PDF engine on this computer: not a fault of the data or the run, so the
            # workbook and JSON are still delivered (exit code 4 says the PDFs are missing).
            written.pdf_failure = exc
            written.engine = str(exc.params.get("engine", ""))  # the engine asked for, to say why
            shutil.rmtree(month_dir / SCORECARDS_FOLDER, ignore_errors=True)
            if written.workbook == Path():
                write_tables()
        else:
            written.cards = reports.scorecards
            written.engine, written.browser = reports.engine, reports.browser
            written.rendered, written.reused = reports.rendered, reports.reused
            written.bundles = [*reports.teams.values(), *([reports.shop] if reports.shop else [])]
    else:
        write_tables()
    # The PDF stage's own time: the tables written meanwhile are counted under "xlsx".
    timings["pdf"] = max(time.perf_counter() - t0 - timings["xlsx"], 0.0)
    return written


def lint_rules(name_or_path: str, lang: str = "zh") -> LintReport:
    """Load a set of rules and check it for gaps, overlaps and weight errors."""
    rules = load_rules(name_or_path, None, lang)
    return LintReport(rules, lint(rules))


def _grade_names(rules: RuleSet) -> list[str]:
    """The rules' grades, highest first, then the fail grade when it is not one of them."""
    names = [g.name for g in rules.grades]
    return names if rules.fail_grade in names else [*names, rules.fail_grade]
