"""``csreport template``: write the blank workbooks managers fill in, as one set.

The rules in use (``--rules``, else the settings file's, else the standard preset) give the
级别 and 差错类型 dropdowns; the history (read only, never written) gives the roster its agents:
those of the latest month it holds, with the 级别 a level review decided for the month after
it. The five files are written into the folder together or not at all (``FileSet``), and a file
already there is never replaced: the same template is left as it is, a different file (perhaps
filled in) is kept and the new template goes beside it as ``<name> (2).xlsx``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from csreport.history.model import AgentRecord
from csreport.history.store import History
from csreport.messages import Bilingual, translate
from csreport.outputs.month_folder import check_out_dir
from csreport.outputs.xlsx.blank_templates import (
    Prefill,
    RosterEntry,
    TemplateRules,
    template_bytes,
    template_specs,
)
from csreport.reports import ExitCode
from csreport.rules.formula import FormulaError, parse
from csreport.rules.model import RuleSet
from csreport.rules.sampling import sampling_in_force
from csreport.rules.versions import load_rules_for
from csreport.scoring.levels import apply_level_changes
from csreport.scoring.trends import next_month
from csreport.util.agent_ids import by_digits
from csreport.util.atomic import FileSet, os_error

# The staging folder and lock of a set being written, inside the output folder.
STAGING_PREFIX = ".csreport-template-"
# The part of an .xlsx that records when it was made: two templates equal but for it are the same.
_CREATED = "docProps/core.xml"
# A file bigger than this is no template of ours (they are well under 1 MB): not compared.
_MOST_BYTES = 20_000_000


@dataclass(frozen=True)
class TemplateFile:
    """One template and what became of it: ``state`` is "new" (written at ``path``), "same"
    (``path`` already held this very template: nothing written) or "beside" (``existing`` holds
    something else and was kept; the template was written at ``path``)."""

    key: str
    path: Path
    state: str
    existing: Path | None = None
    agents: int = 0  # the roster's pre-filled agents


@dataclass
class TemplateReport:
    """What ``write_templates`` did."""

    folder: Path
    prefill: Prefill
    rules_name: Bilingual
    files: list[TemplateFile] = field(default_factory=list)

    exit_code = ExitCode.OK


def write_templates(
    out_dir: Path,
    *,
    history: Path,
    rules: str | None = None,
    config_rules: str | None = None,
    lang: str = "zh",
) -> TemplateReport:
    """Write the blank templates into ``out_dir``; the roster filled in from ``history`` when it
    holds a month. A missing history file means a blank roster; one that is not csreport's, is
    damaged or newer is refused as every command refuses it."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    prefill, upcoming = read_prefill(Path(history))
    ruleset = _rules(rules if rules is not None else config_rules, upcoming, lang)
    template_rules = TemplateRules(
        Bilingual(ruleset.name, ruleset.name_en or ruleset.name),
        ruleset.hash,
        tuple((lv.name, lv.name_en) for lv in ruleset.levels),
        sampling_in_force(ruleset)[0].error_types,
        needs(ruleset),
    )
    report = TemplateReport(out_dir, prefill, template_rules.name)
    with FileSet(out_dir, STAGING_PREFIX) as files:
        names: list[str] = []
        for spec in template_specs():
            data = template_bytes(spec, template_rules, prefill, lang)
            target = out_dir / f"{translate(f'blank_templates.file.{spec.key}', lang)}.xlsx"
            place, same = free_place(target, data)
            agents = len(prefill.agents) if spec.role == "roster" else 0
            if same:
                report.files.append(TemplateFile(spec.key, place, "same", agents=agents))
                continue
            try:
                (files.staging / place.name).write_bytes(data)
            except OSError as exc:
                raise os_error(exc, place) from exc
            names.append(place.name)
            state, existing = ("new", None) if place == target else ("beside", target)
            report.files.append(TemplateFile(spec.key, place, state, existing, agents))
        if names:
            files.commit(names)
    return report


def _rules(chosen: str | None, month: str, lang: str) -> RuleSet:
    """The rules the dropdowns and maxima follow; of a folder of versions, the one in force for
    ``month`` (the month the templates are for)."""
    folder = chosen is not None and Path(chosen).is_dir()
    return load_rules_for(chosen, month if folder else None, None, lang)


def needs(rules: RuleSet) -> frozenset[str]:
    """The fields the rules' KPIs read (their formulas, vetoes and sample counts)."""
    names: set[str] = set()
    for table in rules.tables:
        for kpi in table.kpis:
            names.update(name for name in (kpi.sample,) if name)
            for text in (kpi.input, *(veto.expr for veto in kpi.vetoes)):
                try:
                    names.update(parse(text, rules.vocabulary).names)
                except FormulaError:
                    continue  # the rules' own problem, which check and run report
    return frozenset(names)


def read_prefill(path: Path) -> tuple[Prefill, str]:
    """The roster's agents from the history at ``path`` (opened, never written), and the month the
    templates are for: the month after the latest one the history holds, else this month."""
    shown = str(path)
    this_month = dt.date.today().strftime("%Y-%m")
    if not path.exists() and not path.is_symlink():
        return Prefill(shown, "none"), this_month
    with History.open(path, create=False) as store:
        store.check()
        months = store.months()
        found: tuple[str, list[AgentRecord]] | None = None
        for state in reversed(months):
            agents = [a for a in store.agents(state.month) if a.in_roster]
            if agents:
                found = (state.month, agents)
                break
        if found is None:
            return Prefill(shown, "empty"), next_month(months[-1].month) if months else this_month
        month, agents = found
        upcoming = next_month(month)
        changes = store.level_changes(upcoming)
    roster, taken = apply_level_changes({a.agent_id: a for a in agents}, changes, upcoming)
    entries = tuple(_entry(roster[agent_id]) for agent_id in sorted(roster, key=by_digits))
    return Prefill(shown, "month", month, entries, len(taken), upcoming if taken else ""), upcoming


def _entry(agent: AgentRecord) -> RosterEntry:
    hired: dt.date | None = None
    if agent.hire_date:
        try:
            hired = dt.date.fromisoformat(agent.hire_date[:10])
        except ValueError:
            hired = None  # recorded as the roster wrote it: left for the manager to type
    return RosterEntry(
        agent_id=agent.agent_id,
        name=agent.name,
        group=agent.group,
        hire_date=hired,
        post_status=agent.status,
        level=agent.level,
        bonus_base=agent.bonus_base,
    )


def free_place(target: Path, data: bytes) -> tuple[Path, bool]:
    """Where a template goes, and whether it is already there: ``target`` when nothing is there;
    the file holding this very template when ``target`` or a ``<stem> (n)`` copy does; else the
    first free ``<stem> (2).xlsx``, ``(3)`` … (named as ``review --apply`` names a new roster).
    A file of the user's is never replaced."""
    candidate, n = target, 2
    while candidate.exists() or candidate.is_symlink():
        if candidate.is_file() and same_template(candidate, data):
            return candidate, True
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
        n += 1
    return candidate, False


def same_template(path: Path, data: bytes) -> bool:
    """True when the .xlsx at ``path`` is ``data`` but for the time it was made."""
    try:
        if path.stat().st_size > _MOST_BYTES:
            return False
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(io.BytesIO(data)) as new:
            sizes = {i.filename: i.file_size for i in new.infolist()}
            # Sizes first: a different file is told apart without unpacking any of it.
            if {i.filename: i.file_size for i in old.infolist() if i.filename != _CREATED} != {
                n: size for n, size in sizes.items() if n != _CREATED
            } or set(old.namelist()) != set(sizes):
                return False
            return all(n == _CREATED or old.read(n) == new.read(n) for n in sizes)
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError):
        return False  # not a workbook of ours (or not readable): kept, never replaced
