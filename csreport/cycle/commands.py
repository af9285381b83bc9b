"""The cycle's own commands: close a month, list the history, import past outputs and filled
interview sheets, and the half-year 级别 review (write it; read the decisions back).

Each function opens the history, calls the layer that owns the work and returns a report the
command line prints; none prints anything itself.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from csreport.history.model import AgentRecord, LevelChange, MonthState, Revision
from csreport.history.store import History, NewRevision, Recorded, changes, now
from csreport.inputs.past_outputs import KnownKpi, KnownTable, identified, read_past_output
from csreport.outputs.month_folder import MonthFolder, check_out_dir
from csreport.problems import CsreportError, Problem, Severity
from csreport.reports import ExitCode
from csreport.rules.loader import load_rules, parse_rules, preset_names
from csreport.rules.model import RuleSet
from csreport.rules.versions import load_rules_for
from csreport.scoring.trends import next_month

if TYPE_CHECKING:  # the review's and interviews' modules load only for their commands
    from csreport.inputs.interviews import InterviewSheet
    from csreport.inputs.review_sheet import ReviewDecisions
    from csreport.inputs.writeback.levels import RosterRewrite
    from csreport.scoring.review import Review

from csreport.util.report_names import (
    NEW_ROSTER_PREFIX,
    REVIEW_CARDS_FOLDER,
    REVIEW_FOLDER_PREFIX,
    REVIEW_WORKBOOK_PREFIX,
)

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _month(value: str) -> str:
    if not _MONTH.match(value or ""):
        raise CsreportError("month.bad", value=value)
    return value


# --- close and list -----------------------------------------------------------------------


@dataclass
class CloseReport:
    month: str
    closed_at: str
    already: bool

    exit_code = ExitCode.OK


def close_month(history: Path, month: str) -> CloseReport:
    """Close ``month`` in ``history``: re-running it then needs ``--reopen "reason"``."""
    _month(month)
    with History.open(history, create=False) as store:
        store.check()
        was = store.is_closed(month)
        at = store.close(month)
    return CloseReport(month, at, bool(was))


def list_months(history: Path) -> list[MonthState]:
    """Every month the history holds, with revisions and closed state."""
    with History.open(history, create=False) as store:
        store.check()
        return store.months()


def agent_months(history: Path, agent_id: str) -> list[tuple[str, int, AgentRecord]]:
    """One agent's months (latest revision each), oldest first."""
    with History.open(history, create=False) as store:
        store.check()
        found = store.agent_months(agent_id.strip())
        # 工号 are usually written in capitals: kf004 finds KF004.
        return found or store.agent_months(agent_id.strip().upper())


# --- history import -----------------------------------------------------------------------


@dataclass
class Imported:
    """One past output file and what became of it."""

    file: str
    month: str = ""
    agents: int = 0
    recorded: Recorded | None = None
    error: CsreportError | None = None
    problems: tuple[Problem, ...] = ()


@dataclass
class ImportReport:
    files: list[Imported] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.NOT_CLEAN if any(f.error for f in self.files) else ExitCode.OK


def import_history(history: Path, paths: Sequence[Path], *, reopen: str | None = None) -> ImportReport:
    """Record past csreport outputs (JSON or results workbook), one revision per month each.

    A file that cannot be read is reported and set aside; the others are recorded. A month
    already holding the same results (总分, 结论 and 系数 of the same agents: a month's own
    outputs, or its JSON after its workbook) records nothing; a month scored by ``run`` is not
    overwritten by an import. A closed month is refused like a re-run, unless ``reopen`` says why.
    """
    report = ImportReport()
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise CsreportError("file.not_found", path=str(missing[0]))
    if reopen is not None and not reopen.strip():
        raise CsreportError("history.reopen_empty")
    files = _files(paths)
    if not files:
        raise CsreportError("cycle.import.no_files", paths=", ".join(str(p) for p in paths))
    with History.open(history, create=True) as store:
        for path in files:
            try:
                past = read_past_output(path)
                known = _rules_of_hash(store, past.rules_hash)
                if known is not None:
                    past = identified(past, _known_tables(known))
                past = replace(past, agents=tuple(_kpi_vetoes(a) for a in past.agents))
                new = NewRevision(
                    month=past.month,
                    generated_at=past.generated_at,
                    rules_name=past.rules_name,
                    rules_name_en=past.rules_name_en,
                    rules_hash=past.rules_hash,
                    rules_text="",
                    rules_source="",
                    profile=None,
                    effective_from="",
                    inputs=(),
                    fingerprint=hashlib.sha256(
                        f"import:{past.rules_hash}:{past.sha256}".encode()
                    ).hexdigest()[:16],
                    origin="import",
                )
                existing = store.agents(past.month)
                latest = store.latest(past.month)
                state = store.month(past.month)
                if existing and latest is not None and not changes(existing, past.agents):
                    recorded = Recorded(latest, False, latest)
                elif state is not None and any(r.origin == "run" for r in state.revisions):
                    # A month csreport scored itself: its runs (and their re-runs after a fix)
                    # are the record; an old output of it is no newer than they are.
                    raise CsreportError("cycle.import.month_run", file=path.name, month=past.month)
                else:
                    recorded = store.record(new, past.agents, reopen_reason=reopen or "")
                report.files.append(
                    Imported(path.name, past.month, len(past.agents), recorded, None, past.problems)
                )
            except CsreportError as exc:
                report.files.append(Imported(path.name, error=exc))
    return report


def _kpi_vetoes(agent: AgentRecord) -> AgentRecord:
    """An imported agent's vetoes as its KPIs give them, when they do: the reasons an output
    lists also hold a 总分 under the pass line, which fails the month but is no veto."""
    if not agent.kpis:
        return agent
    return replace(
        agent,
        vetoes=tuple(k.veto for k in agent.kpis if k.veto),
        vetoes_en=tuple(k.veto_en or k.veto for k in agent.kpis if k.veto),
    )


def _rules_of_hash(store: History, rules_hash: str) -> RuleSet | None:
    """The rules a past output was scored with, when known by its hash: recorded in history, or
    a shipped preset. A workbook names tables and KPIs, not their ids: these give them back."""
    if not rules_hash:
        return None
    for state in store.months():
        for rev in state.revisions:
            if rev.rules_hash == rules_hash and rev.rules_text:
                try:
                    return parse_rules(rev.rules_text, source=rev.rules_source)
                except CsreportError:
                    continue
    for name in preset_names():
        rules = load_rules(name)
        if rules.hash == rules_hash:
            return rules
    return None


def _known_tables(rules: RuleSet) -> list[KnownTable]:
    return [
        KnownTable(
            t.id,
            t.name,
            t.name_en,
            tuple(
                KnownKpi(
                    k.id,
                    k.name,
                    k.name_en,
                    k.unit,
                    k.sample is not None,
                    tuple((b.veto, b.veto_en or b.veto) for b in k.bands if b.veto)
                    + tuple((v.reason, v.reason_en) for v in k.vetoes),
                )
                for k in t.kpis
            ),
        )
        for t in rules.tables
    ]


def _files(paths: Sequence[Path]) -> list[Path]:
    """The files given, a folder's JSON and workbooks (sorted, not recursive, no lock files)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                f
                for f in p.iterdir()
                if f.is_file()
                and f.suffix.lower() in (".json", ".xlsx")
                and not f.name.startswith(("~$", "."))
            )
        else:
            out.append(p)
    return out


# --- interviews ---------------------------------------------------------------------------


@dataclass
class InterviewReport:
    file: str
    sheet: InterviewSheet
    stored: int

    @property
    def exit_code(self) -> ExitCode:
        bad = any(p.severity is Severity.ERROR for p in self.sheet.problems)
        return ExitCode.NOT_CLEAN if bad else ExitCode.OK


def import_interviews(history: Path, path: Path) -> InterviewReport:
    """Store a filled 面谈 sheet's interviews with its month; problems are reported, the
    readable rows kept. A 工号 the month's results do not hold is an error on its row; a month
    history does not hold at all is refused."""
    from csreport.inputs.interviews import read_interviews

    if not Path(path).exists():
        raise CsreportError("file.not_found", path=str(path))
    with History.open(history, create=False) as store:
        store.check()

        def scored(month: str) -> set[str]:
            agents = store.agents(month)
            if not agents:
                raise CsreportError("cycle.interviews.no_month", file=Path(path).name, month=month)
            return {a.agent_id for a in agents}

        sheet = read_interviews(Path(path), known=scored)
        stored = store.save_interviews(sheet.rows) if sheet.rows else 0
    return InterviewReport(Path(path).name, sheet, stored)


# --- the half-year review -----------------------------------------------------------------


@dataclass
class ReviewReport:
    review: Review
    workbook: Path
    cards: list[Path]
    missing_months: tuple[str, ...]
    folder: Path

    exit_code = ExitCode.OK


def review_folder_name(start: str, end: str) -> str:
    return f"{REVIEW_FOLDER_PREFIX}{start}_{end}"


def review_workbook_name(start: str, end: str) -> str:
    return f"{REVIEW_WORKBOOK_PREFIX}{start}_{end}.xlsx"


def run_review(
    history: Path,
    start: str,
    end: str,
    out_dir: Path,
    *,
    rules: str | None = None,
    config_rules: str | None = None,
    lang: str = "zh",
    shop: str = "",
    pdf: bool = True,
) -> ReviewReport:
    """Write ``<out>/评审_<start>_<end>/``: the 晋级评审 workbook and one PDF per agent, as a set."""
    from csreport.scoring.review import build_review, period_months

    _month(start), _month(end)
    if start > end:
        raise CsreportError("cycle.review.bad_period", start=start, end=end)
    months = period_months(start, end)
    check_out_dir(Path(out_dir))
    with History.open(history, create=False) as store:
        store.check()
        records = store.series(months, kpis=months)
        if not records:
            raise CsreportError("cycle.review.no_months", path=str(history), start=start, end=end)
        interviews = store.interviews(months)
        last = store.latest(max(records))
    ruleset = _review_rules(rules, last, lang, config_rules, end)
    review = build_review(months, records, interviews, ruleset)
    folder_name = review_folder_name(start, end)
    with MonthFolder(Path(out_dir), folder_name) as folder:
        from csreport.outputs.xlsx.review import write_review_workbook

        workbook = write_review_workbook(
            review, folder.staging / review_workbook_name(start, end), lang=lang, shop=shop
        )
        cards: list[Path] = []
        if pdf:
            from csreport.outputs.pdf.review import render_review_cards

            cards = render_review_cards(review, folder.staging / REVIEW_CARDS_FOLDER, lang=lang, shop=shop)
        folder.commit()
    return ReviewReport(
        review,
        folder.final_path(workbook),
        [folder.final_path(c) for c in cards],
        tuple(m for m in months if m not in records),
        folder.final,
    )


def _review_rules(
    given: str | None, last: Revision | None, lang: str, default: str | None = None, month: str | None = None
) -> RuleSet:
    """The rules whose ``promotion:`` block and ladder the review uses: ``--rules`` (a file, a
    preset or a folder of versions, taking the version in force for ``month``), else those
    recorded with the period's last month, else the settings file's rules, else the default."""
    if given is not None:
        return load_rules_for(given, month, None, lang)
    if last is not None and last.rules_text:
        return parse_rules(last.rules_text, source=last.rules_source or last.month, lang=lang)
    return load_rules_for(default, month, None, lang)


@dataclass
class ApplyReport:
    file: str
    decisions: ReviewDecisions
    changes: list[LevelChange]
    effective_month: str
    roster: RosterRewrite | None
    roster_missing: str  # the roster path looked for when it was not found ("" otherwise)
    refused: int  # errors in the workbook: nothing recorded
    recorded: int = 0  # changes newly recorded (applying the same workbook again records none)

    @property
    def exit_code(self) -> ExitCode:
        if self.refused:
            return ExitCode.NOT_CLEAN
        problems = list(self.decisions.problems) + (list(self.roster.problems) if self.roster else [])
        return ExitCode.NOT_CLEAN if any(p.severity is Severity.ERROR for p in problems) else ExitCode.OK


def apply_review(
    history: Path,
    path: Path,
    *,
    roster: Path | None = None,
    out: Path | None = None,
    lang: str = "zh",
    rules: str | None = None,
    config_rules: str | None = None,
) -> ApplyReport:
    """Read a filled 晋级评审 workbook back: write a new roster with the decided 级别 beside the
    old one, then record the level changes (in force from the month after the period).

    All or nothing: a workbook with an error (a level not on the ladder, a 工号 not in the
    period) records nothing, and so does a ``--roster`` that cannot be written. Applying the
    same workbook again records nothing new.
    """
    from csreport.inputs.review_sheet import read_review_decisions
    from csreport.scoring.review import period_months

    if not Path(path).exists():
        raise CsreportError("file.not_found", path=str(path))
    if roster is not None and not Path(roster).exists():
        raise CsreportError("file.not_found", path=str(roster))
    with History.open(history, create=False) as store:
        store.check()
        months = store.months()
        latest = months[-1].latest if months else None

        def period_agents(start: str, end: str) -> set[str]:
            try:
                wanted = period_months(start, end)
            except CsreportError:
                return set()
            return {a.agent_id for agents in store.series(wanted).values() for a in agents}

        # The ladder of the rules the review was made with: those of the period's last month.
        named = _period_of(Path(path))
        end_revision = store.latest(named[1]) if named else latest
        ladder_rules = _review_rules(rules, end_revision, lang, config_rules, named[1] if named else None)
        ladder = [(lv.name, lv.name_en) for lv in ladder_rules.levels]
        decisions = read_review_decisions(Path(path), ladder, period_agents)
        # Without its period (an error of the reader) the workbook says neither whose review it
        # is nor from when the levels apply: nothing is recorded on a guess.
        errors = sum(p.severity is Severity.ERROR for p in decisions.problems)
        end = decisions.end
        effective = next_month(end) if end else ""
        if errors:
            return ApplyReport(Path(path).name, decisions, [], effective, None, "", errors)
        period = f"{decisions.start} – {decisions.end}"
        done = {(c.agent_id, c.to_level, c.effective_month) for c in store.level_changes()}
        changes = [
            LevelChange(
                agent_id=d.agent_id,
                name=d.name,
                from_level=d.current,
                to_level=d.final,
                effective_month=effective,
                period=period,
                decided_at=now(),
                source=Path(path).name,
                note=d.note,
            )
            for d in decisions.rows
            if d.final and d.final != d.current
        ]
        new = [c for c in changes if (c.agent_id, c.to_level, c.effective_month) not in done]
        recorded = _recorded_inputs(store, end)
        rewrite, missing = _new_roster(changes, path, roster, recorded, out, effective, lang)
        if new:
            store.save_level_changes(new)
    return ApplyReport(Path(path).name, decisions, changes, effective, rewrite, missing, 0, len(new))


def _period_of(path: Path) -> tuple[str, str] | None:
    """The review period a 晋级评审 workbook's file name gives (晋级评审_2026-05_2026-10.xlsx),
    None when it does not (the title's is read with the rows)."""
    found = re.search(r"(\d{4}-\d{2})_(\d{4}-\d{2})", path.name)
    return (found[1], found[2]) if found else None


def _new_roster(
    changes: list[LevelChange],
    review: Path,
    roster: Path | None,
    recorded: list[Path],
    out: Path | None,
    effective: str,
    lang: str,
) -> tuple[RosterRewrite | None, str]:
    """The new roster with the decided levels, and what was looked for when none was written.

    ``--roster`` must be a roster (a results workbook is refused); without it, the inputs the
    period's last month read are tried in turn, the roster being one of them."""
    from csreport.inputs.interviews import is_results_workbook
    from csreport.inputs.workbook import read_workbook
    from csreport.inputs.writeback.levels import roster_with_levels

    if not changes:
        return None, ""
    levels = {c.agent_id: c.to_level for c in changes}
    target = out or _free(Path(review).parent / f"{NEW_ROSTER_PREFIX}{effective}.xlsx")
    everything = [Path(review), *recorded]
    if roster is not None:
        if Path(roster).suffix.lower() in (".xlsx", ".xlsm") and is_results_workbook(
            s.name for s in read_workbook(Path(roster)).sheets
        ):
            raise CsreportError("cycle.review.roster_is_results", file=Path(roster).name)
        return roster_with_levels(Path(roster), levels, target, lang=lang, inputs=everything), ""
    for candidate in (p for p in recorded if p.is_file()):
        try:
            return roster_with_levels(candidate, levels, target, lang=lang, inputs=everything), ""
        except CsreportError as exc:
            # One of the month's other workbooks (attendance, QA): look on.
            if exc.code not in ("levels.no_roster_sheet", "levels.roster_not_xlsx"):
                raise
    return None, ", ".join(str(p) for p in recorded) or "-"


def _free(path: Path) -> Path:
    """``path``, or the first of ``<stem> (2).xlsx``, ``(3)`` … not taken: a new roster written
    before may have been edited since, and is never replaced."""
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1
    return candidate


def _recorded_inputs(store: History, month: str) -> list[Path]:
    """The input files the month's latest revision read (the roster among them), as recorded."""
    revision = store.latest(month) if month else None
    return [Path(item.path) for item in revision.inputs] if revision is not None else []
