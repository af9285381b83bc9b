"""Which rule flaws a run refuses, and the linter's other findings as data problems.

A rules file whose weights or points could let a total exceed its declared maximum
cannot be trusted to score: ``check`` and ``run`` refuse it. Every other finding is
reported as a warning and scoring goes on.
"""

from __future__ import annotations

from csreport.messages import Bilingual, listed
from csreport.problems import CsreportError, Problem, Severity
from csreport.rules.lint import lint
from csreport.rules.model import RuleSet

# Lint finding codes that would let a total exceed its declared maximum.
UNSAFE_FINDINGS = frozenset({"weights_total", "points_over_weight", "anchor_points"})


def rules_problems(rules: RuleSet) -> list[Problem]:
    """The linter's findings as warnings; raise ``rules.unsafe`` when the rules cannot score."""
    findings = lint(rules)
    unsafe = [f for f in findings if f.code in UNSAFE_FINDINGS]
    if unsafe:
        # Both languages: the error is shown in the reader's, whatever the caller's default.
        findings_listed = listed((f.both() for f in unsafe), "list.clauses")
        raise CsreportError(
            "rules.unsafe", rules=Bilingual(rules.name, rules.name_en), findings=findings_listed
        )
    names = {t.id: Bilingual(t.name, t.name_en or t.name) for t in rules.tables}
    return [
        Problem(
            "rules.lint_table_finding",
            Severity.WARNING,
            rules.source,
            params={"finding": f.both(), "table": names[f.table]},
        )
        if f.table in names
        else Problem("rules.lint", Severity.WARNING, rules.source, params={"finding": f.both()})
        for f in findings
    ]
