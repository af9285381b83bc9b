"""The steps a monthly run takes with the history database.

``run_month`` (``csreport.api``) calls them in this order: ``open_history`` (a history file
that is not csreport's is refused before any input is read), ``refuse_closed`` (once the
month is known), ``rules_for_run`` (recorded rules for a re-run without ``--rules``, or the
version in force), ``levels_from_reviews`` (a 级别 the review decided, while the roster still
shows the old one), ``with_trends`` (the months before and the probation counts), ``plan``
(whether the run is new and which revision it becomes), ``check_interviews`` (interview sheets
that came in with the inputs) and, around the swap of the month's reports, ``recording``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from csreport.fields import Vocabulary
from csreport.history.convert import agent_records
from csreport.history.model import DEFAULT_NAME, AgentRecord, InputRecord
from csreport.history.store import History, NewRevision, Recorded, results_digest
from csreport.inputs.dataset import Dataset
from csreport.messages import Note
from csreport.problems import CsreportError, Problem, Severity
from csreport.reports import RunHistory
from csreport.results import MonthResult
from csreport.rules.loader import apply_profile, parse_rules
from csreport.rules.model import RuleSet
from csreport.rules.versions import load_rules_for
from csreport.scoring.levels import apply_level_changes, review_level_note
from csreport.scoring.trends import build_trends, month_window, previous_month
from csreport.util.paths import same_file


def history_path(out_dir: Path, given: Path | None) -> Path:
    """Where the history is: ``--history`` (or the config's), else ``<out>/csreport-history.sqlite``."""
    return Path(given) if given is not None else Path(out_dir) / DEFAULT_NAME


@contextmanager
def open_history(out_dir: Path, given: Path | None, inputs: list[Path]) -> Iterator[RunHistory]:
    """The run's history: an existing file opened and checked now, a new one made only when the
    run records. A history file among the inputs is refused, so an input is never written."""
    path = history_path(out_dir, given)
    if any(same_file(path, p) for p in inputs):
        raise CsreportError("output.is_input", path=str(path), option="--history")
    if path.is_dir():
        raise CsreportError("history.is_folder", path=str(path))
    if not path.exists():
        if given is not None and not path.parent.is_dir():
            raise CsreportError("history.no_folder", path=str(path), folder=str(path.parent))
        yield RunHistory(path)  # made when the run records, in the output folder by default
        return
    with History.open(path, create=False) as store:
        yield RunHistory(path, store)


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()


def refuse_closed(run: RunHistory, month: str, reopen: str | None) -> None:
    """Refuse to re-run a closed month without ``--reopen "reason"`` (before anything is scored)."""
    if reopen is not None and not reopen.strip():
        raise CsreportError("history.reopen_empty")
    run.reopen = (reopen or "").strip()
    if run.store is None:
        return
    run.latest = run.store.latest(month)
    run.closed_at = run.store.is_closed(month)
    if run.closed_at and not run.reopen:
        raise CsreportError("history.closed", month=month, closed_at=run.closed_at)


def rules_for_run(
    run: RunHistory,
    month: str,
    given: str | None,
    default: str | None,
    profile: str | None,
    lang: str,
    vocabulary: Vocabulary,
) -> RuleSet:
    """The rules a month is scored with.

    ``--rules`` wins. Without it, a month history holds is scored with the rules recorded for
    its latest revision, so an old month is reproduced exactly after the rules changed; a month
    without recorded rules (imported from past outputs) or never scored takes the configured
    rules (or the default preset), in the version in force for the month.
    """
    if given is None and run.latest is not None:
        recorded = run.latest
        if recorded.rules_text:
            rules = parse_rules(
                recorded.rules_text,
                source=recorded.rules_source or f"{month}#{recorded.revision}",
                lang=lang,
                vocabulary=vocabulary,
            )
            chosen = profile if profile is not None else recorded.profile
            if chosen:
                try:
                    rules = apply_profile(rules, chosen)
                except KeyError:
                    raise CsreportError("rules.no_profile_recorded", profile=chosen, month=month) from None
            run.rules_from = recorded
            return replace(rules, source=recorded.rules_source)
        run.rules_not_recorded = True
    return load_rules_for(given if given is not None else default, month, profile, lang, vocabulary)


def levels_from_reviews(
    run: RunHistory, dataset: Dataset, month: str
) -> tuple[Dataset, dict[str, tuple[Note, str, str]]]:
    """The roster with the 级别 a half-year review decided (in force by ``month``) where the
    roster still shows the level before the review; and for each such agent, the note for the
    card, the roster's level and the review's period."""
    if run.store is None or not dataset.roster:
        return dataset, {}
    changes = run.store.level_changes(month)
    if not changes:
        return dataset, {}
    roster, changed = apply_level_changes(dataset.roster, changes, month)
    notes = {
        agent: (review_level_note(roster[agent].level, old, period), old, period)
        for agent, (old, period) in changed.items()
    }
    run.from_review = len(changed)
    return replace(dataset, roster=roster), notes


def with_trends(run: RunHistory, result: MonthResult, rules: RuleSet) -> MonthResult:
    """The month with the five months before it, as history holds them, and the probation
    counts of tables with a retrain limit (a first failure is 1/2 with no history at all)."""
    month = result.meta.month
    window = month_window(month)
    past: dict[str, list[AgentRecord]] = {}
    fails: dict[tuple[str, str], int] = {}
    if run.store is not None:
        past = run.store.series(window[:-1], kpis=(previous_month(month),), light=True)
        names = {
            key: t.id for t in rules.tables if t.retrain_limit for key in (t.id, t.name, t.name_en) if key
        }
        fails = run.store.fails_before(month, names)
    trends = build_trends(result, past, rules, fails)
    if trends is None:
        return result
    run.trend_months = tuple(m for m in window[:-1] if m in past)
    return replace(result, trends=trends)


def plan(run: RunHistory, result: MonthResult, rules: RuleSet, dataset: Dataset) -> MonthResult:
    """Decide what the run records: the same inputs, rules and results as the month's latest
    revision re-use its time and number (so the outputs come out the same, and nothing new is
    recorded); anything else becomes the next revision."""
    qa = frozenset((t.id, k.id) for t in rules.tables for k in t.kpis if k.sample)
    run.new_records = agent_records(result.agents, qa)
    inputs = tuple(
        InputRecord(Path(p).name, str(_resolved(Path(p))), digest)
        for p, digest in sorted(dataset.read_digests.items())
    )
    fingerprint = _fingerprint(rules, inputs)
    meta = result.meta
    latest = run.latest
    if (
        latest is not None
        and run.store is not None
        and latest.fingerprint == fingerprint
        and run.store.digest(meta.month) == results_digest(run.new_records)
    ):
        run.same_as = latest
        meta = replace(meta, generated_at=latest.generated_at, revision=latest.revision)
    else:
        meta = replace(meta, revision=(latest.revision if latest else 0) + 1)
    run.new_revision = NewRevision(
        month=meta.month,
        generated_at=meta.generated_at,
        rules_name=rules.name,
        rules_name_en=rules.name_en,
        rules_hash=rules.hash,
        rules_text=rules.text,
        rules_source=rules.source,
        profile=rules.profile,
        effective_from=rules.effective_from,
        inputs=inputs,
        fingerprint=fingerprint,
    )
    return replace(result, meta=meta)


def _fingerprint(rules: RuleSet, inputs: tuple[InputRecord, ...]) -> str:
    """Rules and inputs by content: a renamed or moved input with the same bytes is the same run."""
    h = hashlib.sha256(f"{rules.hash}\n{rules.profile or ''}\n".encode())
    for digest in sorted(i.sha256 for i in inputs):
        h.update(digest.encode())
    return h.hexdigest()[:16]


def check_interviews(run: RunHistory, dataset: Dataset, result: MonthResult) -> list[Problem]:
    """The interviews that came in with the inputs, checked against the month they belong to
    (before the reports are written, so the 数据问题 sheet names what is not stored): rows of a
    工号 not scored that month, and sheets of a month history does not hold, are said and left."""
    problems: list[Problem] = []
    for sheet in dataset.interviews:
        if not sheet.rows:
            continue
        if sheet.month == result.meta.month:
            known = {a.agent_id for a in result.agents}
        elif run.store is not None and (held := run.store.agents(sheet.month)):
            known = {a.agent_id for a in held}
        else:
            problems.append(
                Problem(
                    "cycle.interviews.month_not_held",
                    Severity.WARNING,
                    sheet.file,
                    sheet.sheet,
                    params={"month": sheet.month},
                )
            )
            continue
        for row in sheet.rows:
            if row.agent_id not in known:
                problems.append(
                    Problem(
                        "interviews.unknown_agent",
                        Severity.WARNING,
                        sheet.file,
                        sheet.sheet,
                        row.row,
                        sheet.id_column,
                        sheet.id_header,
                        row.agent_id,
                        params={"month": sheet.month},
                    )
                )
        rows = [row for row in sheet.rows if row.agent_id in known]
        if rows:
            run.interview_rows.append((sheet, rows))
    return problems


@contextmanager
def recording(run: RunHistory, dataset: Dataset) -> Iterator[None]:
    """Record the run, and the interviews that came in with the inputs, in one transaction that
    commits only when the block (the swap of the month's reports) succeeds: the history and the
    reports never disagree about the month's revision. A run that recorded the month meanwhile
    makes this one record nothing and replace nothing (``history.changed_meanwhile``)."""
    if run.new_revision is None:
        yield
        return
    with _store(run) as store, store.transaction():
        month = run.new_revision.month
        if run.same_as is None:
            # A reason is kept only for a month that was closed ("not needed" is said otherwise).
            reason = run.reopen if run.closed_at else ""
            expect = (run.latest.revision if run.latest else 0) + 1
            run.recorded = store.record(
                run.new_revision, run.new_records, reopen_reason=reason, expect=expect
            )
        else:
            if store.latest_number(month) != run.same_as.revision:
                raise CsreportError("history.changed_meanwhile", month=month)
            run.recorded = Recorded(run.same_as, False, run.same_as)
            if run.closed_at and run.reopen:
                store.note_reopen(month, run.reopen)
        for sheet, rows in run.interview_rows:
            store.save_interviews(rows)
            run.interviews.append((sheet.file, sheet.month, len(rows)))
        yield


@contextmanager
def _store(run: RunHistory) -> Iterator[History]:
    if run.store is not None:
        yield run.store
        return
    with History.open(run.path, create=True) as store:
        yield store
