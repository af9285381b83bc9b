"""The drop folder's processing log (处理记录.xlsx): what ``csreport watch`` did, newest first.

One sheet (处理记录 / Processing log): the title names the output folder (and the watched folder,
when every entry comes from one), a line says how to read it, then one row per entry of the
ledger (``history.ledger``) for that output folder, from whichever folder was watched into it:
时间, 月份, 结果 (成功 in green, 有数据问题 N 个 in amber, 失败：原因 and 未生成 PDF in red), 监视的文件夹
(only when the entries come from more than one), 文件, 版本 and 报表, a link to the month's
results workbook relative to the log, so it opens wherever the output folder is. Built whole
from the ledger and written atomically; every text cell is a literal string.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from xlsxwriter.workbook import Workbook

from csreport.history.ledger import FAILURE, NO_PDF, PROBLEMS, LedgerEntry
from csreport.messages import translate
from csreport.outputs.xlsx.base import (
    A4,
    MARGINS,
    TITLE,
    WRAP,
    SheetWriter,
    Styles,
    display_width,
    label,
    pick,
)
from csreport.outputs.xlsx.workbook import WORKBOOK_OPTIONS
from csreport.util.atomic import write_bytes_atomic

__all__ = ["entry_result", "revision_words", "write_processing_log"]

TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 0, 1, 2, 3
# The columns, in order; "folder" only when the entries come from more than one watched folder.
COLUMNS = ("time", "month", "result", "folder", "files", "revision", "reports")
# The long-text columns wrap within these widths (characters).
CAPS = {"result": 48, "folder": 30, "files": 36, "revision": 16, "reports": 36}
CELL = {"border": 1, "border_color": "#BFBFBF"}
OK_STYLE = {"bg_color": "#C6EFCE", "font_color": "#006100"}
PROBLEMS_STYLE = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}
FAILED_STYLE = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
LINK = {"font_color": "#0563C1", "underline": 1}


def entry_result(entry: LedgerEntry, lang: str) -> str:
    """An entry's result in words: 成功, 有数据问题 N 个, 失败：原因 or 未生成 PDF：原因 (after the
    data problems, when there are some)."""
    reason = pick(entry.reason, lang) if entry.reason else ""
    if entry.result == FAILURE:
        return translate("watch.result.failed", lang, reason=reason)
    if entry.result == NO_PDF:
        if entry.problems:
            return translate("watch.result.problems_no_pdf", lang, n=entry.problems, reason=reason)
        return translate("watch.result.no_pdf", lang, reason=reason)
    if entry.result == PROBLEMS:
        return translate("watch.result.problems", lang, n=entry.problems)
    return translate("watch.result.ok", lang)


def revision_words(entry: LedgerEntry, lang: str) -> str:
    """ "第 2 版" (or "第 2 版，结果与上次相同"); "" when the entry made no revision."""
    if not entry.revision:
        return ""
    return translate("watch.revision_same" if entry.same else "watch.revision", lang, n=entry.revision)


def write_processing_log(
    entries: Sequence[LedgerEntry], path: Path, *, folder: str, out: str, lang: str = "zh"
) -> Path:
    """Write the log of ``entries`` (newest first) to ``path`` atomically and return ``path``.
    ``out`` is the output folder; the title names the watched folder too when every entry comes
    from one (``folder``, the one writing the log, for an entry of no recorded folder or when there
    are none); else a column names each entry's.

    Raises the ``os_error`` of ``path`` when it cannot be replaced (open in Excel on Windows:
    ``output.in_use``); the file is then left as it was.
    """
    buffer = io.BytesIO()
    book = Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    book.set_properties({"title": label("watch.log.sheet", lang), "author": "csreport"})
    styles = Styles(book)
    sw = SheetWriter(book.add_worksheet(label("watch.log.sheet", lang)), styles, lang)
    folders = sorted({e.folder or folder for e in entries} or {folder})
    columns = [c for c in COLUMNS if c != "folder" or len(folders) > 1]
    last = len(columns) - 1
    if len(folders) > 1:
        title = label("watch.log.title_folders", lang, out=out, n=len(folders))
    else:
        title = label("watch.log.title", lang, folder=folders[0], out=out)
    sw.merged_text(TITLE_ROW, 0, last, title, TITLE)
    sw.merged_text(NOTE_ROW, 0, last, label("watch.log.note", lang), WRAP)
    sw.header_row(HEADER_ROW, [label(f"watch.log.col.{c}", lang) for c in columns])
    if not entries:
        sw.merged_text(FIRST_ROW, 0, last, label("watch.log.none", lang), WRAP)
    at = {c: i for i, c in enumerate(columns)}
    for row, entry in enumerate(entries, FIRST_ROW):
        _entry_row(sw, row, entry, at, folder)
    sw.fit_columns(minimum=8, caps={at[c]: width for c, width in CAPS.items() if c in at})
    ws = sw.ws
    sw.check(ws.freeze_panes(FIRST_ROW, 0), "freezing the panes")
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(**MARGINS)
    ws.repeat_rows(HEADER_ROW)
    book.close()
    write_bytes_atomic(path, buffer.getvalue())
    return path


def _entry_row(sw: SheetWriter, row: int, entry: LedgerEntry, at: dict[str, int], folder: str) -> None:
    """One entry's row; ``at`` gives each column's index."""
    lang = sw.lang
    style = {FAILURE: FAILED_STYLE, NO_PDF: FAILED_STYLE, PROBLEMS: PROBLEMS_STYLE}.get(
        entry.result, OK_STYLE
    )
    sep = translate("list.sep", lang)
    sw.text(row, at["time"], entry.at, CELL)
    sw.text(row, at["month"], entry.month or label("watch.log.month_unknown", lang), CELL)
    result = entry_result(entry, lang)
    if entry.result == PROBLEMS:
        result += translate("watch.see_problems", lang)
    elif entry.result == NO_PDF:
        result += translate("watch.see_doctor", lang)
    sw.text(row, at["result"], result, CELL, WRAP, style, fit_width=CAPS["result"])
    if "folder" in at:
        sw.text(row, at["folder"], entry.folder or folder, CELL, WRAP, fit_width=CAPS["folder"])
    sw.text(row, at["files"], sep.join(entry.files), CELL, WRAP, fit_width=CAPS["files"])
    sw.text(row, at["revision"], revision_words(entry, lang), CELL, WRAP, fit_width=CAPS["revision"])
    reports = at["reports"]
    if not entry.workbook:
        sw.blank(row, reports, CELL)
        return
    fmt = sw.styles.get(CELL, WRAP, LINK)
    # A link relative to the log, which sits in the output folder beside the month folders.
    rc = sw.ws.write_url(row, reports, f"external:{entry.workbook}", fmt, string=entry.workbook)
    sw.check(rc, f"a link at row {row + 1}")
    sw.widths[reports] = max(sw.widths.get(reports, 0), min(display_width(entry.workbook), CAPS["reports"]))
    sw.wrapped.setdefault(row, []).append((reports, reports, (display_width(entry.workbook),)))
