"""What the console shows of a report: the lines after ``run`` and ``check``.

Every word comes from the catalogue (``csreport.messages``, topic ``commands``).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path

from csreport.cli.common import Whole
from csreport.messages import Bilingual, both, one_line, translate
from csreport.problems import Severity
from csreport.reports import CheckReport, RunReport
from csreport.results import AgentResult, Conclusion, Trends
from csreport.util.cell_text import display_width

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
        "qa.chat_list",
    )
)


def run_lines(report: RunReport, lang: str) -> list[str]:
    """The lines printed after a run: the rules checked against the data first, then the
    counts and who is 不予上岗, 缺数据 or not in the roster, the rules, problems and where
    the outputs are."""
    # Agents found only in the data are to be checked, not staff: they are named apart.
    agents = [a for a in report.result.agents if a.in_roster]
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
    lines += agent_lines(report.result.agents, lang, report.result.trends)
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
    lines += _card_lines(report, lang)
    lines += _replaced_lines(report, lang)
    if report.pdf_error:
        # The browser asked for (--pdf-engine browser) is missing; else WeasyPrint's libraries are.
        unavailable = (
            "pdf_engine.browser_unavailable" if report.pdf_engine == "browser" else "pdf.unavailable"
        )
        lines.append(translate(unavailable, lang, reason=report.pdf_error))
    elif report.pdf_engine == "html":
        lines.append(translate("pdf_engine.html_note", lang))
    return lines


def _card_lines(report: RunReport, lang: str) -> list[str]:
    """Where the scorecards are (PDFs, or the HTML scorecards made instead), how many were
    rendered and re-used when the card cache gave some, and the browser that printed them
    when it was not WeasyPrint."""
    html = report.pdf_engine == "html"
    lines = []
    if report.scorecards:
        where = Whole(report.scorecards[0].parent)
        code = "pdf_engine.html_cards" if html else "cli.cards"
        lines.append(translate(code, lang, path=where, n=len(report.scorecards)))
    if report.bundles:
        names = _joined([p.name for p in report.bundles], translate("list.sep", lang))
        lines.append(translate("pdf_engine.html_bundles" if html else "cli.bundles", lang, names=names))
    if report.cards_reused > 0:
        lines.append(reuse_line(report.cards_rendered, report.cards_reused, lang))
    if report.pdf_engine == "browser" and report.pdf_browser and not report.pdf_error:
        from csreport.outputs.pdf.browser import browser_name

        path = Whole(report.pdf_browser)
        lines.append(
            translate("pdf_engine.made_by_browser", lang, name=browser_name(report.pdf_browser), path=path)
        )
    passed_over = _named_browser_passed_over(report)
    if passed_over is not None:
        lines.append(passed_over.en if lang == "en" else passed_over.zh)
    return lines


def reuse_line(rendered: int, reused: int, lang: str) -> str:
    """How many scorecards a run rendered and how many it re-used unchanged from the card
    cache (``reused`` > 0)."""
    if rendered:
        return translate("pdf_engine.cards_reused", lang, rendered=rendered, reused=reused)
    if reused == 1:
        return translate("pdf_engine.card_reused", lang)
    return translate("pdf_engine.cards_all_reused", lang, reused=reused)


def _named_browser_passed_over(report: RunReport) -> Bilingual | None:
    """What to say when ``CSREPORT_BROWSER`` names a browser and the run printed with another
    one (or, finding no other, wrote HTML scorecards): it is missing, is not a program or
    could not print a test page (the run does not keep why; doctor says)."""
    if report.pdf_engine not in ("browser", "html") or report.pdf_error:
        return None
    from csreport.outputs.pdf.browser import Browser, Choice, browser_name, is_program, named_browser

    named = named_browser()
    if named is None or report.pdf_browser == str(named):
        return None
    if not named.exists():
        problem = both("pdf_engine.named_missing", path=str(named))
    elif not is_program(named):
        problem = both("pdf_engine.named_not_a_program", path=str(named))
    else:
        said = both("pdf_engine.browser", name=browser_name(named), path=str(named))
        problem = both("pdf_engine.named_failed", browser=said)
    used = report.pdf_browser if report.pdf_engine == "browser" else ""
    return Choice(Browser(browser_name(used), Path(used)) if used else None, named, problem).said()


# At most this many agents are named per list; the rest are counted.
MOST_NAMED = 10


def agent_lines(agents: Sequence[AgentResult], lang: str, trends: Trends | None = None) -> list[str]:
    """Who is 不予上岗 (and why) and who is 缺数据 (and what is missing), one agent a line in
    one column, with, after the 不予上岗, who has reached the retrain limit (from ``trends``, the
    month's history); then, on a line of their own, the agents the roster does not know."""
    staff = [a for a in agents if a.in_roster]
    verdicts = [
        (
            conclusion,
            translate("cli.named", lang, label=translate(conclusion.code, lang)),
            [_why(a, words(a, lang), lang) for a in staff if a.conclusion is conclusion],
        )
        for conclusion, words in ((Conclusion.FAIL, _veto_words), (Conclusion.MISSING, _missing_words))
    ]
    verdicts = [v for v in verdicts if v[2]]
    width = max((display_width(label) for _, label, _ in verdicts), default=0)
    # Right after the 不予上岗; first when nobody is 不予上岗 this month (the limit may have been
    # reached in a month before, and lowered since).
    retrain = retrain_lines(staff, trends, lang)
    lines: list[str] = []
    for conclusion, label, entries in verdicts:
        lines += _hanging(label, width, _first(entries, lang))
        if conclusion is Conclusion.FAIL:
            lines, retrain = lines + retrain, []
    lines = retrain + lines
    unknown = [_who(a) for a in agents if not a.in_roster]
    if unknown:
        label = translate("cli.named", lang, label=translate("cli.not_in_roster", lang))
        lines += _hanging(label, display_width(label), _first(unknown, lang))
    return lines


def retrain_lines(staff: Sequence[AgentResult], trends: Trends | None, lang: str) -> list[str]:
    """The 试用期 agents who have reached their 考核表's retrain limit, one line per table and
    count ("已达再培训上限（试用期不予上岗 2/2）：KF005 张三、KF007 李四"); the first
    ``MOST_NAMED`` named, then how many in all."""
    if trends is None:
        return []
    found: dict[tuple[str, int, int], list[str]] = {}
    for a in staff:
        t = trends.of(a.agent_id)
        if t is not None and t.at_retrain_limit and t.fails is not None and t.fail_limit is not None:
            found.setdefault((a.table_name_in(lang), t.fails, t.fail_limit), []).append(_who(a))
    sep = translate("list.sep", lang)
    lines = []
    for (table, n, limit), who in found.items():
        named = sep.join(who[:MOST_NAMED])
        if len(who) > MOST_NAMED:
            named = translate("cli.agents_in_all", lang, agents=Whole(named), n=len(who))
        lines.append(translate("cli.retrain_limit", lang, table=table, n=n, limit=limit, agents=Whole(named)))
    return lines


def _first(entries: list[str], lang: str) -> list[str]:
    """The first ``MOST_NAMED`` entries, then how many more there are and where they are."""
    if len(entries) <= MOST_NAMED:
        return entries
    more = translate(
        "cli.more_agents",
        lang,
        n=len(entries) - MOST_NAMED,
        sheet=translate("workbook.sheet.summary", lang),
    )
    return [*entries[:MOST_NAMED], more]


def _hanging(label: str, width: int, entries: list[str]) -> list[str]:
    """``entries`` one a line from column ``width``, the first after ``label``."""
    return [
        label + " " * (width - display_width(label)) + entries[0],
        *(" " * width + e for e in entries[1:]),
    ]


def _who(agent: AgentResult) -> str:
    """工号 and name, e.g. "KF006 周文博" (the 工号 alone when the name is unknown)."""
    return one_line(f"{agent.agent_id} {agent.name}".strip(), 60)


def _why(agent: AgentResult, why: str, lang: str) -> str:
    """工号 and name, then ``why`` in brackets when there is a why."""
    return translate("cli.agent_why", lang, agent=_who(agent), why=why) if why else _who(agent)


def _veto_words(agent: AgentResult, lang: str) -> str:
    """Why the agent is 不予上岗: each veto, or the total at or below the table's threshold."""
    return translate("list.clauses", lang).join(n.text(lang) for n in agent.veto_reasons)


def _missing_words(agent: AgentResult, lang: str) -> str:
    """What the agent lacks: the KPIs without a value, grouped by why ("差错、服务态度：没有抽查记录")."""
    by_reason: dict[str, list[str]] = {}
    for k in agent.lacking:
        reason = k.missing_reason.text(lang) if k.missing_reason else ""
        by_reason.setdefault(reason, []).append(k.name_en if lang == "en" and k.name_en else k.name)
    sep = translate("list.sep", lang)
    return translate("list.clauses", lang).join(
        translate("cli.missing_what", lang, kpis=sep.join(names), why=reason) if reason else sep.join(names)
        for reason, names in by_reason.items()
    )


# The bar's widest and narrowest (in columns): narrower on a narrow terminal, so the line never wraps.
BAR_COLUMNS = (30, 10)


def progress_line(done: int, total: int, elapsed: float, lang: str, columns: int = 80) -> str:
    """The PDF progress line: what is being made, a bar, how many of how many, and about how
    long the rest will take ("生成成绩单  [#####-----]  119/200  剩余约 6 秒")."""
    label = translate("cli.rendering", lang)
    count = f"{done}/{total}"
    left = time_left(done, total, elapsed, lang)
    # Two spaces between parts, one column spare so that the cursor never wraps the line.
    rest = display_width(label) + len(count) + (display_width(left) + 2 if left else 0) + 2 * 2 + 2 + 1
    most, least = BAR_COLUMNS
    width = min(most, max(least, columns - rest))
    filled = width * min(done, total) // total if total > 0 else width
    parts = [label, "[" + "#" * filled + "-" * (width - filled) + "]", count]
    return "  ".join([*parts, left] if left else parts)


def time_left(done: int, total: int, elapsed: float, lang: str) -> str | None:
    """The words beside the PDF progress bar: about how long the rest will take at the pace
    so far ("剩余约 6 秒", "about 3 min left"); None before the first card and after the last."""
    if done <= 0 or done >= total or elapsed < 0:
        return None
    seconds = elapsed / done * (total - done)
    # Seconds under a minute, whole minutes beyond: an estimate, not a countdown.
    if seconds < 59.5:
        return translate("cli.time_left_s", lang, n=max(1, math.floor(seconds + 0.5)))
    return translate("cli.time_left_min", lang, n=math.floor(seconds / 60 + 0.5))


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
