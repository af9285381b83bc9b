"""Rules that change over time: the version of the rules in force for a month.

A rules file may say ``effective_from: 2026-07``, the first month it applies to. ``--rules`` may
then name a folder holding every version (``*.yaml``, ``*.yml``, ``*.xlsx``, not its
sub-folders): each month is scored with the version whose ``effective_from`` is the latest not
after the month, a version without one applying from the beginning. Every file of the folder is
read whichever month is scored, so a broken version is said at once rather than months later.
"""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

from csreport.fields import BUILTIN, Vocabulary
from csreport.problems import CsreportError
from csreport.rules.loader import DEFAULT_PRESET, PRESET_ALIASES, PRESETS, load_rules, profiled
from csreport.rules.model import RuleSet

# The files of a folder that are rule versions; others (notes, a README) are left alone.
VERSION_SUFFIXES = (".yaml", ".yml", ".xlsx")


def load_rules_for(
    name_or_path: str | None,
    month: str | None,
    profile: str | None = None,
    lang: str = "zh",
    vocabulary: Vocabulary = BUILTIN,
) -> RuleSet:
    """The rules to score ``month`` (``YYYY-MM``) with: a preset, a rules file, or the version in
    force for the month from a folder of versions.

    Presets and files load as ``load_rules`` loads them; a file whose ``effective_from`` is after
    ``month`` is refused. A folder needs the month (``None`` is refused), and one version for
    it (see the module's description)."""
    key = name_or_path or DEFAULT_PRESET
    key = PRESET_ALIASES.get(key, key)
    if key not in PRESETS and os.path.isdir(key):
        return profiled(_in_force(Path(key), month, lang, vocabulary), profile)
    rules = load_rules(name_or_path, profile, lang, vocabulary)
    if month is not None and rules.effective_from and rules.effective_from > month:
        raise CsreportError(
            "rules.not_yet", file=rules.source, effective_from=rules.effective_from, month=month
        )
    return rules


def rule_versions(folder: Path, lang: str = "zh", vocabulary: Vocabulary = BUILTIN) -> list[RuleSet]:
    """Every version in ``folder``, earliest first (one without ``effective_from`` before all).

    Refused: a folder without rules files, a file that does not load (named by its own error),
    and two versions in force from the same month (or two without a month)."""
    files = sorted(
        entry
        for entry in folder.iterdir()
        if entry.suffix.lower() in VERSION_SUFFIXES
        and not entry.name.startswith((".", "~$"))  # hidden files, and Excel's lock files
        and entry.is_file()
    )
    if not files:
        raise CsreportError("rules.folder_empty", folder=str(folder))
    versions = sorted(
        (load_rules(str(path), None, lang, vocabulary) for path in files), key=lambda r: r.effective_from
    )
    for earlier, later in pairwise(versions):
        if earlier.effective_from == later.effective_from:
            first, second = Path(earlier.source).name, Path(later.source).name
            if earlier.effective_from:
                raise CsreportError(
                    "rules.folder_same_date",
                    folder=str(folder),
                    first=first,
                    second=second,
                    effective_from=earlier.effective_from,
                )
            raise CsreportError("rules.folder_two_undated", folder=str(folder), first=first, second=second)
    return versions


def _in_force(folder: Path, month: str | None, lang: str, vocabulary: Vocabulary) -> RuleSet:
    """The version of ``folder`` in force for ``month``."""
    if month is None:
        raise CsreportError("rules.folder_needs_month", folder=str(folder))
    versions = rule_versions(folder, lang, vocabulary)
    in_force = [r for r in versions if r.effective_from <= month]
    if not in_force:
        earliest = versions[0]
        raise CsreportError(
            "rules.folder_too_early",
            folder=str(folder),
            month=month,
            file=Path(earliest.source).name,
            earliest=earliest.effective_from,
        )
    return in_force[-1]
