"""What a run says about the history: the revision recorded, who changed, the rules used.

Lines for the console, every word from the catalogue (``messages/history.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from csreport.history.model import Changed
from csreport.messages import joined, translate
from csreport.reports import RunReport
from csreport.rules.wording import number

# The console lists this many changed agents; the rest are counted (the history has them all).
SHOWN = 20


def history_lines(report: RunReport, lang: str) -> Iterator[str]:
    """The run's history lines, after its summary."""
    memory = report.history
    if memory is None:
        return
    month = report.result.meta.month
    if memory.rules_from is not None:
        rev = memory.rules_from
        yield translate(
            "history.rules_recorded",
            lang,
            month=month,
            revision=rev.revision,
            name=rev.rules_name_en if lang == "en" and rev.rules_name_en else rev.rules_name,
            hash=rev.rules_hash,
        )
    elif memory.rules_not_recorded:
        yield translate(
            "history.rules_not_recorded", lang, month=month, rules=report.result.meta.rules_name_in(lang)
        )
    if report.result.meta.rules_effective_from:
        yield translate(
            "history.rules_version",
            lang,
            month=month,
            name=report.result.meta.rules_name_in(lang),
            since=report.result.meta.rules_effective_from,
        )
    if memory.closed_at and memory.reopen:
        yield translate("history.reopened", lang, month=month, reason=memory.reopen)
    elif memory.reopen:
        yield translate("history.reopen_not_closed", lang, month=month)
    recorded = memory.recorded
    if recorded is not None:
        if not recorded.new:
            yield translate("history.unchanged", lang, month=month, revision=recorded.revision.revision)
        elif recorded.previous is None:
            yield translate("history.recorded_first", lang, month=month, path=str(memory.path))
        else:
            previous = recorded.previous.revision
            yield translate(
                "history.recorded_new",
                lang,
                month=month,
                revision=recorded.revision.revision,
                previous=previous,
            )
            yield from changed_lines(recorded.changed, previous, lang)
    if memory.trend_months:
        yield translate("history.trend_months", lang, months=joined(memory.trend_months, lang, "list.names"))
    if memory.from_review:
        yield translate("history.level_from_review", lang, n=memory.from_review)
    for file, sheet_month, count in memory.interviews:
        yield translate("history.interviews_stored", lang, file=file, month=sheet_month, n=count)


def changed_lines(changed: tuple[Changed, ...], previous: int, lang: str) -> Iterator[str]:
    """Who changed since ``previous``: 总分, 结论 and 系数, old → new."""
    if not changed:
        yield translate("history.changed_none", lang, previous=previous)
        return
    yield translate("history.changed_head", lang, previous=previous, n=len(changed))
    for item in changed[:SHOWN]:
        yield translate(
            "history.changed_line", lang, id=item.agent_id, name=item.name, changes=_changes(item, lang)
        )
    if len(changed) > SHOWN:
        yield translate("history.changed_more", lang, n=len(changed) - SHOWN)


def _changes(item: Changed, lang: str) -> str:
    parts = []
    for what, old, new in item.changes:
        if item.added:
            parts.append(translate("history.change.added", lang, new=_value(what, new, lang)))
        elif item.removed:
            parts.append(translate("history.change.removed", lang, old=_value(what, old, lang)))
        else:
            parts.append(
                translate(
                    f"history.change.{what}", lang, old=_value(what, old, lang), new=_value(what, new, lang)
                )
            )
    return joined(parts, lang, "list.clauses")


def _value(what: str, value: object, lang: str) -> str:
    if value is None:
        return translate("history.none_value", lang)
    if what == "conclusion":
        return translate(f"conclusion.{value}", lang)
    if what == "coefficient" and isinstance(value, (int, float)):
        return f"{value:.2f}"
    if isinstance(value, (int, float)):
        return number(round(float(value), 1))
    return str(value)
