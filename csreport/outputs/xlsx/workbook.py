"""The results workbook: 汇总, 计算明细, 数据问题 and 规则, written with XlsxWriter.

Every text cell is written as a literal string, so names or values that look like
formulas or links stay inert data; the file appears only once it is complete.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path

from xlsxwriter.workbook import Workbook

from csreport.outputs.xlsx.base import (
    A4,
    MARGINS,
    PRINT_SCALE,
    PrintSetup,
    SheetWriter,
    Styles,
    XlsxWriteError,
    label,
)
from csreport.outputs.xlsx.interviews import write_interviews
from csreport.outputs.xlsx.results import (
    ordered_agents,
    write_detail,
    write_problems,
    write_summary,
)
from csreport.outputs.xlsx.rules_sheet import TITLE_ROWS, write_rules
from csreport.outputs.xlsx.teams import write_teams
from csreport.outputs.xlsx.trends import write_trends
from csreport.problems import Problem
from csreport.results import MonthResult, RunMeta
from csreport.rules.model import RuleSet
from csreport.util.atomic import write_bytes_atomic

__all__ = ["WORKBOOK_OPTIONS", "XlsxWriteError", "write_workbook"]

WORKBOOK_OPTIONS = {
    "constant_memory": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
# Keeps each header/footer well inside Excel's 255-character limit even after escaping.
HF_TEXT_LIMIT = 60
# XlsxWriter treats these as image placeholders, even after an escaping "&".
_PICTURE_CODE = re.compile(r"&(G|\[Picture\])")


def header_footer_text(text: str, limit: int = HF_TEXT_LIMIT) -> str:
    """``text`` made literal for a page header/footer, where ``&`` starts a control code."""
    text = text[:limit]
    escaped = text.replace("&", "&&")
    if _PICTURE_CODE.search(escaped):
        # XlsxWriter would count "&&G" as an image placeholder and drop the whole header.
        return text.replace("&", "＆")
    return escaped


def _page_setup(sw: SheetWriter, meta: RunMeta, how: PrintSetup) -> None:
    """A4 landscape, shop/month header, rules footer; repeated rows and columns as ``how`` says,
    and either one page wide or at ``PRINT_SCALE`` percent, split across pages."""
    ws, lang = sw.ws, sw.lang
    ws.set_landscape()
    ws.set_paper(A4)
    if how.one_page_wide:
        ws.fit_to_pages(1, 0)
    else:
        # Wide tables print at a scale that keeps their text legible (8.8 points), the columns
        # that do not fit going to the next pages, which are printed across before down.
        ws.set_print_scale(PRINT_SCALE)
        ws.print_across()
    # Narrower side margins than Excel's 0.7" leave wide tables more columns on a page.
    ws.set_margins(**MARGINS)
    if how.rows is not None:
        ws.repeat_rows(*how.rows)
    if how.cols is not None:
        ws.repeat_columns(*how.cols)
    month = label("workbook.page.month", lang, month=meta.month)
    header = f"&L{header_footer_text(meta.shop)}&C{header_footer_text(ws.name)}&R{header_footer_text(month)}"
    rules = label(
        "workbook.page.rules", lang, name=meta.rules_name_in(lang)[:HF_TEXT_LIMIT], hash=meta.rules_hash[:16]
    )
    footer = f"&L{header_footer_text(rules, 2 * HF_TEXT_LIMIT)}&R{label('workbook.page.number', lang)}"
    ws.set_header(header)
    ws.set_footer(footer)
    # set_header/set_footer only warn when they refuse a string.
    if ws.header != header or ws.footer != footer:
        raise XlsxWriteError(f"XlsxWriter refused the page header or footer of {ws.name!r}")


def _created(generated_at: str) -> dt.datetime | None:
    """The workbook's creation time from the run's ISO timestamp (None: XlsxWriter's clock)."""
    try:
        return dt.datetime.fromisoformat(generated_at)
    except ValueError:
        return None


def write_workbook(
    month: MonthResult,
    problems: Sequence[Problem],
    rules: RuleSet,
    path: Path,
    *,
    lang: str = "zh",
) -> Path:
    """Write the results workbook to ``path`` atomically and return ``path``.

    Raises ``XlsxWriteError`` when any cell or setting is refused; an existing file at
    ``path`` is then left untouched.
    """
    path = Path(path)
    agents = ordered_agents(month)
    meta = month.meta
    # Built in memory and written in one go: XlsxWriter writing its zip straight to a
    # file leaves a half-closed ZipFile behind on a full disk (a traceback at exit).
    buffer = io.BytesIO()
    book = Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    properties: dict[str, object] = {
        "title": f"{meta.shop} {meta.month}",
        "author": "csreport",
        "comments": f"{meta.rules_name_in(lang)} #{meta.rules_hash} {meta.generated_at}",
    }
    if (created := _created(meta.generated_at)) is not None:
        # The run's own time, not the clock's: a re-run of the same month with the same
        # inputs and rules re-uses it (from history) and writes the same file.
        properties["created"] = created
    book.set_properties(properties)
    styles = Styles(book)

    def sheet(code: str) -> SheetWriter:
        """A new worksheet named in ``lang``, wrapped for checked writes."""
        return SheetWriter(book.add_worksheet(label(code, lang)), styles, lang)

    summary, detail = sheet("workbook.sheet.summary"), sheet("workbook.sheet.detail")
    teams = sheet("workbook.sheet.teams")
    trends = sheet("workbook.sheet.trends") if month.trends is not None and month.trends.has_past else None
    interviews = sheet("workbook.sheet.interviews")
    problem_sheet, rules_sheet = sheet("workbook.sheet.problems"), sheet("workbook.sheet.rules")
    _page_setup(summary, meta, write_summary(summary, agents, month.trends))
    _page_setup(detail, meta, write_detail(detail, agents))
    _page_setup(teams, meta, write_teams(teams, month.teams, agents))
    if trends is not None and month.trends is not None:
        _page_setup(trends, meta, write_trends(trends, month.trends, agents))
    _page_setup(interviews, meta, write_interviews(interviews, month, agents, rules))
    write_problems(problem_sheet, problems)
    write_rules(rules_sheet, rules)
    _page_setup(problem_sheet, meta, PrintSetup())
    _page_setup(rules_sheet, meta, PrintSetup(rows=(0, TITLE_ROWS - 1)))
    book.close()
    write_bytes_atomic(path, buffer.getvalue())
    return path
