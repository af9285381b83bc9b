"""What the console shows of a report: the lines after ``run`` and ``check``.

Every word comes from the catalogue (``csreport.messages``, topic ``commands``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from csreport.cli.common import Whole
from csreport.messages import one_line, translate
from csreport.problems import Severity
from csreport.reports import CheckReport, RunReport
from csreport.results import Conclusion

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


# Sheet notes the explanation of each sheet already says (check shows that instead).
_EXPLAINED = frozenset(
    (
        "sheet.role",
        "sheet.unrecognised",
        "sheet.unmapped_column",
        "sheet.duplicate_column",
        "sheet.hidden",
        "sheet.chart",
    )
)


def run_lines(report: RunReport, lang: str) -> list[str]:
    """The lines printed after a run: the rules checked against the data first, then
    counts, problems and where the outputs are."""
    agents = report.result.agents
    count = {c: sum(a.conclusion is c for a in agents) for c in Conclusion}
    sep = translate("list.sep", lang)
    lines = [p.render(lang) for p in report.rules_notes]
    lines += [
        translate(
            "cli.done",
            lang,
            month=report.result.meta.month,
            n=len(agents),
            pass_label=translate(Conclusion.PASS.code, lang),
            passed=count[Conclusion.PASS],
            fail_label=translate(Conclusion.FAIL.code, lang),
            failed=count[Conclusion.FAIL],
            missing_label=translate(Conclusion.MISSING.code, lang),
            missing=count[Conclusion.MISSING],
        )
    ]
    lines.append(
        translate(
            "cli.rules",
            lang,
            name=report.result.meta.rules_name_in(lang),
            hash=report.result.meta.rules_hash,
        )
    )
    errors = sum(p.severity is Severity.ERROR for p in report.problems)
    warnings = sum(p.severity is Severity.WARNING for p in report.problems)
    if errors or warnings:
        lines.append(translate("cli.problems", lang, errors=errors, warnings=warnings))
    for name in sorted(set(report.files_failed)):
        reason = next((p for p in report.problems if p.file == name and p.severity is Severity.ERROR), None)
        lines.append(
            translate(
                "cli.set_aside",
                lang,
                file=one_line(name),
                reason=Whole(reason.message(lang) if reason else ""),
            )
        )
    lines += [p.render(lang) for p in report.input_notes]
    lines.append(translate("cli.workbook", lang, path=Whole(report.workbook)))
    lines.append(translate("cli.json", lang, path=Whole(report.json_path)))
    if report.written_back:
        lines.append(translate("cli.written_back", lang, paths=_joined(report.written_back, sep)))
    if report.scorecards:
        lines.append(
            translate("cli.cards", lang, path=Whole(report.scorecards[0].parent), n=len(report.scorecards))
        )
    if report.bundles:
        lines.append(translate("cli.bundles", lang, names=_joined([p.name for p in report.bundles], sep)))
    lines += _replaced_lines(report, lang)
    if report.pdf_error:
        lines.append(translate("pdf.unavailable", lang, reason=report.pdf_error))
    return lines


def check_lines(report: CheckReport, lang: str) -> list[str]:
    """The rules checked against the data, how each sheet was read, every other problem
    (errors first), then the month's counts and the verdict."""
    lines = [p.render(lang) for p in report.rules_problems]
    sheets = report.dataset.sheets if report.dataset else []
    for reading in sheets:
        lines += reading.lines(lang)
    if any(r.unknown() for r in sheets):
        lines.append(translate("explain.hint", lang))
    rest = [p for p in report.problems[report.rules_lines :] if not (sheets and p.code in _EXPLAINED)]
    lines += [
        p.render(lang)
        for p in sorted(rest, key=lambda p: (_SEVERITY_ORDER[p.severity], p.file, p.sheet, p.row or 0))
    ]
    counts = report.counts()
    month = (report.dataset.month if report.dataset else "") or translate("cli.unknown_month", lang)
    lines.append(
        translate(
            "cli.check_summary",
            lang,
            month=month,
            errors=counts[Severity.ERROR],
            warnings=counts[Severity.WARNING],
            notes=counts[Severity.INFO],
            verdict=translate("cli.clean" if report.valid else "cli.not_clean", lang),
        )
    )
    return lines


def _replaced_lines(report: RunReport, lang: str) -> list[str]:
    """What became of the previous reports of the month."""
    done = report.replaced
    if done is None or not (done.previous or done.kept):
        return []
    sep = translate("list.sep", lang)
    lines = (
        [translate("output.replaced", lang, month=report.result.meta.month, previous=done.previous)]
        if done.previous
        else []
    )
    if done.dropped:
        lines.append(translate("output.dropped", lang, names=_listing(done.dropped, sep)))
    if done.kept:
        lines.append(translate("output.kept", lang, names=_listing(done.kept, sep)))
    return lines


def _listing(names: list[str], sep: str, most: int = 10) -> str:
    shown = sep.join(names[:most])
    return shown + (f"{sep}… (+{len(names) - most})" if len(names) > most else "")


def demo_line(samples: Path, lang: str) -> str:
    """Where the demo's sample workbooks are."""
    return translate("cli.demo_inputs", lang, path=Whole(samples))


def _joined(items: Sequence[object], sep: str) -> Whole:
    """Each item whole on one line, joined by ``sep``."""
    return Whole(sep.join(one_line(item, 4096) for item in items), limit=sys.maxsize)
