"""The two jobs users run: ``check`` the inputs, and ``run`` a month end to end.

The CLI is a thin shell over these functions; tests and the bench call them directly.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from csreport.inputs.dataset import Dataset, load_dataset
from csreport.inputs.mapping import load_mapping
from csreport.inputs.workbook import current_digest, input_problems, is_skippable, iter_files
from csreport.messages import Bilingual, Note, both, translate
from csreport.outputs.month_folder import MonthFolder, Replaced, check_out_dir
from csreport.problems import CsreportError, Problem, Severity
from csreport.results import MonthResult, RunMeta
from csreport.rules.loader import load_rules
from csreport.rules.model import RuleSet
from csreport.scoring.aggregate import aggregate_all
from csreport.scoring.score import score_month
from csreport.util.atomic import write_text_atomic

Progress = Callable[[str, int, int], None]  # (stage, done, total)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class RunOptions:
    """Everything ``run`` needs besides the input paths."""

    out_dir: Path
    month: str | None = None
    rules: str | None = None
    templates: Path | None = None
    shop: str = ""
    lang: str = "zh"
    pdf: bool = True
    workers: int | None = None
    mapping: Path | None = None  # the user's header mapping file
    profile: str | None = None  # a weight profile of the rules (e.g. 重服务)
    write_back: str | None = None  # "sheet" or "columns": copies of the inputs with results
    branding: Any = None  # csreport.outputs.pdf.reports Branding (company, logo, colours), or None


@dataclass
class CheckReport:
    """The outcome of reading the inputs: the data plus every problem found."""

    dataset: Dataset | None
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        """Clean data: nothing worse than an informational note."""
        return not any(p.severity is not Severity.INFO for p in self.problems)

    def to_json(self, lang: str = "zh") -> str:
        """Machine-readable report, in the style of frictionless."""
        counts = {s.value: sum(p.severity is s for p in self.problems) for s in Severity}
        return json.dumps({
            "valid": self.valid,
            "month": self.dataset.month if self.dataset else None,
            "files_read": self.dataset.files_read if self.dataset else [],
            "files_failed": self.dataset.files_failed if self.dataset else [],
            "stats": counts,
            "problems": [p.to_dict(lang) for p in self.problems],
        }, ensure_ascii=False, indent=2)


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
    pdf_error: str | None = None  # why no PDF was made although PDFs were wanted

    @property
    def exit_code(self) -> int:
        """4: the PDFs could not be made; 1: an input was set aside; 0: all done."""
        if self.pdf_error:
            return 4
        return 1 if self.files_failed else 0


# Rule flaws that would let a total exceed its declared maximum: a run refuses them.
_UNSAFE_RULES = ("weights_total", "points_over_weight", "anchor_points")


def rules_problems(rules: RuleSet, lang: str = "zh") -> list[Problem]:
    """The linter's findings as problems; raise when the rules cannot be trusted to score."""
    from csreport.rules.lint import lint
    findings = lint(rules)
    unsafe = [f for f in findings if f.code in _UNSAFE_RULES]
    if unsafe:
        text = "；".join((f.message_en if lang == "en" else f.message) for f in unsafe)
        raise CsreportError("rules.unsafe", rules=rules.name, findings=text)
    return [Problem("rules.lint", Severity.WARNING, rules.source, params={
        "message": f.message, "message_en": f.message_en, "path": f.path}) for f in findings]


def validate_month(month: str | None) -> str | None:
    """Reject a ``--month`` that is not YYYY-MM."""
    if month is not None and not _MONTH.match(month):
        raise CsreportError("month.bad", value=month)
    return month


def _existing(inputs: Sequence[Path]) -> list[Path]:
    paths = [Path(p) for p in inputs]
    for p in paths:
        if not (p.exists() or p.is_symlink()):
            raise CsreportError("file.not_found", path=str(p))
    return paths


def check_inputs(
    inputs: Sequence[Path], month: str | None = None, rules: str | None = None,
    progress: Progress | None = None, mapping: Path | None = None,
) -> CheckReport:
    """Read and cross-check the inputs without scoring; report every problem.

    Raises ``check.nothing`` when the inputs hold no workbook at all.
    """
    paths = _existing(inputs)
    skipped = input_problems(paths)
    if not any(not is_skippable(f) for f in iter_files(paths)):
        raise CsreportError("check.nothing", what=_nothing_reason(skipped))
    seen = [0]

    def on_file(_name: str) -> None:
        seen[0] += 1
        if progress:
            progress("read", seen[0], len(paths))

    ruleset = load_rules(rules)
    lint_problems = rules_problems(ruleset)
    dataset = load_dataset(paths, validate_month(month), on_file, load_mapping(mapping))
    problems = lint_problems + skipped + list(dataset.problems)
    known = {lv.name for lv in ruleset.levels}
    for entry in dataset.roster.values():
        if entry.level and entry.level not in known:
            problems.append(Problem("agent.unknown_level", Severity.WARNING,
                                    params={"agent": entry.agent_id, "level": entry.level}))
    return CheckReport(dataset, problems)


def _nothing_reason(problems: list[Problem]) -> Bilingual:
    """Each file and why it gave nothing, in both languages; or that there was no file."""
    if not problems:
        return both("check.nothing_empty")
    return Bilingual("；".join(f"{p.file}：{p.message('zh')}" for p in problems),
                     "; ".join(f"{p.file}: {p.message('en')}" for p in problems))


def run_month(
    inputs: Sequence[Path], options: RunOptions, progress: Progress | None = None
) -> RunReport:
    """Read, score and render one month: the workbook, JSON and PDFs, replaced as a set.

    Everything is written into a staging folder under the month's lock and swapped in
    for ``<out>/<month>`` at the end (``render.month_folder``): a failure leaves the
    previous reports as they were.
    """
    timings: dict[str, float] = {}
    check_out_dir(Path(options.out_dir))
    rules = load_rules(options.rules, options.profile, options.lang)
    lint_problems = rules_problems(rules, options.lang)
    mapping = load_mapping(options.mapping)
    t0 = time.perf_counter()
    paths = _existing(inputs)
    skipped = input_problems(paths)
    dataset = load_dataset(paths, validate_month(options.month), None, mapping)
    timings["read"] = time.perf_counter() - t0
    if not dataset.files_read:
        raise _nothing_read(skipped + dataset.problems)
    if not dataset.month:
        raise CsreportError("month.none")

    t0 = time.perf_counter()
    aggregates = aggregate_all(dataset.frames, dataset.letters)
    if not aggregates and not dataset.roster:
        raise CsreportError("run.no_agents")
    meta = RunMeta(
        shop=options.shop or "本店",
        month=dataset.month,
        rules_name=rules.name,
        rules_hash=rules.hash,
        generated_at=dt.datetime.now().replace(microsecond=0).isoformat(),
        input_files=tuple(dataset.files_read),
    )
    result, score_problems = score_month(dataset.roster, aggregates, rules, meta)
    problems = lint_problems + skipped + dataset.problems + score_problems
    timings["score"] = time.perf_counter() - t0

    _refuse_inputs_inside(list(iter_files(paths)), Path(options.out_dir) / dataset.month)
    with MonthFolder(Path(options.out_dir), dataset.month) as folder:
        written = _write_outputs(folder.staging, result, problems, rules, dataset, options,
                                 progress, timings)
        problems += _changed_inputs(dataset.read_digests)
        replaced = folder.commit()
    failure = written.pdf_failure
    written.relocate(folder.final_path)
    rows = sum(len(df) for df in dataset.frames.values())
    return RunReport(result, problems, written.workbook, written.json, written.cards, timings,
                     rows, written.back, written.bundles, list(dataset.files_failed), replaced,
                     str(failure.params.get("reason", "")) if failure else None)




@dataclass
class _Written:
    """The paths one run wrote (first under the staging folder, then where they end up)."""

    workbook: Path = Path()
    json: Path = Path()
    cards: list[Path] = field(default_factory=list)
    bundles: list[Path] = field(default_factory=list)
    back: list[Path] = field(default_factory=list)
    pdf_failure: CsreportError | None = None  # why the PDFs could not be made

    def relocate(self, move: Callable[[Path], Path]) -> None:
        self.workbook, self.json = move(self.workbook), move(self.json)
        self.cards = [move(p) for p in self.cards]
        self.bundles = [move(p) for p in self.bundles]
        self.back = [move(p) for p in self.back]


def _write_outputs(month_dir: Path, result: MonthResult, problems: list[Problem],
                   rules: RuleSet, dataset: Dataset, options: RunOptions,
                   progress: Progress | None, timings: dict[str, float]) -> _Written:
    """Write-back copies, the workbook, the JSON and the PDFs into ``month_dir``;
    ``problems`` gains what write-back could not do.

    Without a PDF engine on the computer the tables are still written and the error is
    kept in ``pdf_failure``.
    """
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
            back = write_back({Path(p): digest for p, digest in dataset.read_digests.items()},
                              result, month_dir, lang=options.lang,
                              columns=options.write_back == "columns")
            written.back = list(back.written)
            problems.extend(back.problems)
        written.workbook = write_workbook(result, problems, rules,
                                          month_dir / f"客服绩效_{month}.xlsx", lang=options.lang)
        written.json = month_dir / f"客服绩效_{month}.json"
        write_text_atomic(written.json, result_json(result, problems, options.lang))
        timings["xlsx"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    if options.pdf:
        from csreport.outputs.pdf.reports import render_reports
        total = len(result.agents)
        done = [0]

        def on_card(n: int) -> None:
            done[0] += n
            if progress:
                progress("pdf", done[0], total)

        try:
            reports = render_reports(result, month_dir / "scorecards",
                                     templates_dir=options.templates, lang=options.lang,
                                     workers=options.workers, progress=on_card,
                                     branding=options.branding, meanwhile=write_tables)
        except CsreportError as exc:
            if exc.code != "pdf.unavailable":
                raise  # a failed run replaces nothing: the previous set stays as it was
            # No PDF engine on this computer: not a fault of the data or the run, so the
            # workbook and JSON are still delivered (exit code 4 says the PDFs are missing).
            written.pdf_failure = exc
            shutil.rmtree(month_dir / "scorecards", ignore_errors=True)
            if written.workbook == Path():
                write_tables()
        else:
            written.cards = reports.scorecards
            written.bundles = [*reports.teams.values(), *([reports.shop] if reports.shop else [])]
    else:
        write_tables()
    # The PDF stage's own time: the tables written meanwhile are counted under "xlsx".
    timings["pdf"] = max(time.perf_counter() - t0 - timings["xlsx"], 0.0)
    return written


def _nothing_read(problems: list[Problem]) -> CsreportError:
    """``run.no_inputs_why`` naming each file and why it could not be read."""
    failed = [p for p in problems if p.severity is not Severity.INFO and p.file]
    return CsreportError("run.no_inputs_why", reasons=_nothing_reason(failed))


def _refuse_inputs_inside(files: list[Path], month_dir: Path) -> None:
    """The month folder is replaced as a whole: an input inside it would be moved."""
    try:
        folder = month_dir.resolve()
    except (OSError, RuntimeError):  # a link loop: nothing can be inside it
        return
    for file in files:
        try:
            path = file.resolve()
        except (OSError, RuntimeError):  # a looping link is reported by input_problems
            continue
        if folder == path or folder in path.parents:
            raise CsreportError("output.input_inside", path=str(file), folder=str(month_dir))


def _changed_inputs(read: dict[str, str]) -> list[Problem]:
    """A warning for each input that is no longer what was read."""
    out = []
    for name, digest in read.items():
        now = current_digest(Path(name))
        if now is None:
            out.append(Problem("input.gone", Severity.WARNING, Path(name).name))
        elif now != digest:
            out.append(Problem("input.changed", Severity.WARNING, Path(name).name))
    return out


def result_json(result: MonthResult, problems: list[Problem], lang: str = "zh") -> str:
    """The scored month as JSON, with the rules' name and hash, for other programs.

    Source rows are written as Excel ranges (``A5:A35``), not one number per row.
    """
    agents = []
    for a in result.agents:
        record = {k: _plain(getattr(a, k), lang) for k in _AGENT_KEYS}
        record["conclusion"] = a.conclusion.value
        record["conclusion_text"] = translate(a.conclusion.code, lang)
        record["attendance"] = asdict(a.attendance) if a.attendance else None
        record["attitude_items"] = [
            {"item": n, "average": avg, "max": mx} for n, avg, mx in a.attitude_items]
        record["kpis"] = [
            {**{k: _plain(getattr(kpi, k), lang) for k in _KPI_KEYS},
             "sources": [ref.ranges() for ref in kpi.sources]}
            for kpi in a.kpis
        ]
        agents.append(record)
    payload = {"meta": asdict(result.meta), "agents": agents,
               "problems": [p.to_dict(lang) for p in problems]}
    # No indent: json's C encoder only runs without one, and this file is for programs.
    return json.dumps(payload, ensure_ascii=False, default=str)


def _plain(value: Any, lang: str) -> Any:
    """A result field as JSON data: notes as their text in ``lang``."""
    if isinstance(value, Note):
        return value.text(lang)
    if isinstance(value, tuple) and value and isinstance(value[0], Note):
        return [n.text(lang) for n in value]
    return value


_AGENT_KEYS = ("agent_id", "name", "group", "status", "level", "table_id", "table_name", "total",
               "max_total", "veto_reasons", "grade", "coefficient", "rank", "rank_of",
               "in_roster", "notes")
_KPI_KEYS = ("kpi_id", "name", "max_points", "unit", "formula", "raw", "numerator",
             "denominator", "sample_size", "band", "band_label", "points", "veto",
             "missing_reason")
