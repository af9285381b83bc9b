"""The QA task workbook (质检任务单_<month>.xlsx): the month's sampled chats, ready to score.

Sheet 质检任务 (``TASK_SHEET``), the one reviewers fill in and ``run`` reads back as a 质检抽查
sheet: row 1 the title (month, shop, seed), row 2 one line of instruction, row 3 the header,
one row per picked chat from row 4. Columns: 序号, 会话编号, 工号 (旺旺 when the list names agents
by account only), 姓名, 日期, 满意度, 抽样层, 是否补抽, 评分人, the ten items under exactly their
names in ``domain.ATTITUDE_ITEMS``, 差错类型, 店铺风险, 备注; no 态度得分 column (a formula would
read back as 0). The headers are Chinese in every language: ``run`` recognises them. The sheet is
protected without a password: the sample's facts are locked, the reviewer's columns (评分人, the
items, 差错类型, 店铺风险, 备注) are not; each item takes a number from 0 to its maximum, 差错类型
offers the rules' error types (another may be typed), 店铺风险 is 是 or 否. Panes are frozen below
the header and right of 会话编号; it prints landscape, one page wide, the header on every page.

Sheet 抽样说明 (``TASK_NOTES_SHEET``): the seed and where the sample came from, the rule in
words, each agent's strata (可抽 / 应抽 / 抽取 / 补抽给其他层 / 缺口) and the chats left out.

A very hidden sheet (``util.sample_manifest``) lists the picked chats for ``check`` and ``run``.

Every text cell is a literal string, never a formula; the file appears only once complete.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook

from csreport.domain import ATTITUDE_ITEMS
from csreport.inputs.headers import canonical
from csreport.messages import Bilingual, Note, both, listed, translate
from csreport.outputs.xlsx.base import (
    A4,
    GREY,
    HEADER,
    INTEGER_FORMAT,
    MARGINS,
    SECTION,
    TITLE,
    WRAP,
    SheetWriter,
    Styles,
    XlsxWriteError,
    label,
    pick,
)
from csreport.outputs.xlsx.workbook import WORKBOOK_OPTIONS, header_footer_text
from csreport.rules.model import SamplingRules
from csreport.rules.sampling import percent_text, stratum_words
from csreport.rules.show import sampling_lines
from csreport.rules.wording import number
from csreport.scoring.sampling import AgentSample, SampleResult, apportion, left_out_notes
from csreport.util import sample_manifest
from csreport.util.atomic import write_bytes_atomic
from csreport.util.report_names import TASK_NOTES_SHEET, TASK_SHEET

__all__ = [
    "FIRST_ROW",
    "HEADER_ROW",
    "TaskSheetSource",
    "agent_notes",
    "rule_words",
    "stratum_name",
    "task_headers",
    "write_task_workbook",
]

# Rows of the 质检任务 sheet (0-based): title, instruction, header, then the chats.
TITLE_ROW, INSTRUCTION_ROW, HEADER_ROW, FIRST_ROW = 0, 1, 2, 3
# Columns: the sample's facts (locked), then the reviewer's (unlocked).
NO, CHAT, AGENT, NAME, DATE, SATISFACTION, STRATUM, TOPPED_UP, REVIEWER = range(9)
FIRST_ITEM = REVIEWER + 1
ERROR_TYPE = FIRST_ITEM + len(ATTITUDE_ITEMS)
SHOP_RISK, NOTE = ERROR_TYPE + 1, ERROR_TYPE + 2
# Last, locked: each chat's rank key, so anyone can re-check the order chats were taken in.
RANK = NOTE + 1
LAST_COLUMN = RANK

CELL = {"border": 1, "border_color": "#BFBFBF"}
FACT = {**GREY, **CELL}
FILL = {"bg_color": "#FFFFFF", "locked": False, **CELL}
CENTRED = {"align": "center"}
WHITE = {"bg_color": "#FFFFFF"}
TOTAL = {"bold": True, "bg_color": "#F2F2F2"}
DATE_FORMAT = "yyyy-mm-dd"
# Widths (characters) of the reviewer's columns, which start empty, and of the item columns
# (their headers wrap inside it); the notes column of the 抽样说明 table wraps at its cap.
FILL_WIDTHS = {REVIEWER: 8, ERROR_TYPE: 14, SHOP_RISK: 8, NOTE: 20}
ITEM_WIDTH = 9
NOTES_NOTE_WIDTH = 40
# Excel refuses a list longer than this written in place (it then reads the 抽样说明 sheet's
# cells), an input message longer than 255 characters and a title longer than 32.
LIST_CHARS = 255
MESSAGE_CHARS = 255
TITLE_CHARS = 32
# The 抽样说明 sheet's per-agent table has this many columns; text lines span them all.
NOTES_COLUMNS = 10
# The sample size the notes split over the strata as an example, when n is not fixed.
SPLIT_EXAMPLE = 10


@dataclass(frozen=True)
class TaskSheetSource:
    """Where a sample came from and how it was drawn, as the 抽样说明 sheet and the manifest
    record it beside the sample itself."""

    shop: str  # the shop's name as the sheets show it
    rules_name: str  # in the workbook's language
    rules_hash: str
    list_file: str  # the chat list's file name
    list_sha256: str
    agent_field: str = "agent_id"  # what the agent column holds: 工号, or "subaccount" (旺旺)
    standard_rules: bool = False  # the rules have no sampling block: the standard one was used
    # The reviewers as --reviewers gave them: (name, share) with every share None for rotation.
    reviewers: tuple[tuple[str, Fraction | None], ...] = ()


def task_headers(agent_field: str = "agent_id") -> list[str]:
    """The 质检任务 sheet's headers in order, in Chinese whatever the language: the fields ``run``
    reads under the shipped aliases' canonical headers, the rest the catalogue's Chinese."""
    zh = "zh"
    return [
        translate("task_sheet.col.no", zh),
        canonical("chat_id"),
        canonical("subaccount" if agent_field == "subaccount" else "agent_id"),
        canonical("name"),
        canonical("date"),
        canonical("satisfaction"),
        translate("task_sheet.col.stratum", zh),
        translate("task_sheet.col.topped_up", zh),
        canonical("reviewer"),
        *(item for item, _maximum in ATTITUDE_ITEMS),
        canonical("error_type"),
        canonical("shop_risk"),
        translate("task_sheet.col.note", zh),
        translate("task_sheet.col.rank", zh),
    ]


def stratum_name(stratum: str, lang: str) -> str:
    """A stratum (a satisfaction word or 未评价) as the reader's language names it."""
    return pick(stratum_words(stratum), lang)


def write_task_workbook(
    result: SampleResult,
    sampling: SamplingRules,
    source: TaskSheetSource,
    path: Path,
    *,
    lang: str = "zh",
) -> Path:
    """Write the task workbook of ``result`` to ``path`` atomically and return ``path``.

    Raises ``XlsxWriteError`` when any cell or setting is refused; an existing file at ``path``
    is then left untouched.
    """
    path = Path(path)
    buffer = io.BytesIO()
    book = Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    shop = source.shop
    book.set_properties(
        {
            "title": label("task_sheet.title", lang, month=result.month, shop=shop, seed=result.seed),
            "author": "csreport",
            "comments": f"{source.rules_name} #{source.rules_hash}",
        }
    )
    styles = Styles(book)
    task = SheetWriter(book.add_worksheet(TASK_SHEET), styles, lang)
    notes = SheetWriter(book.add_worksheet(TASK_NOTES_SHEET), styles, lang)
    types_range = _write_notes(notes, result, sampling, source)
    _write_task(task, result, sampling, source, types_range)
    _page_setup(task, result, source, (HEADER_ROW, HEADER_ROW))
    _page_setup(notes, result, source, None)
    _write_manifest(book, result, source)
    book.close()
    write_bytes_atomic(path, buffer.getvalue())
    return path


# --- 质检任务 ------------------------------------------------------------------------------------


def _write_task(
    sw: SheetWriter, result: SampleResult, sampling: SamplingRules, source: TaskSheetSource, types: str
) -> None:
    lang = sw.lang
    headers = task_headers(source.agent_field)
    sw.merged_text(
        TITLE_ROW,
        0,
        LAST_COLUMN,
        label("task_sheet.title", lang, month=result.month, shop=source.shop, seed=result.seed),
        TITLE,
        {"font_size": 12},
    )
    sw.merged_text(INSTRUCTION_ROW, 0, LAST_COLUMN, label("task_sheet.instruction", lang), WRAP)
    for col, text in enumerate(headers):
        fit = ITEM_WIDTH - 2 if FIRST_ITEM <= col < ERROR_TYPE else 10
        # The reviewer's headers stand out from the grey ones of the sample's facts.
        fill = WHITE if REVIEWER <= col <= NOTE else None
        sw.text(HEADER_ROW, col, text, HEADER, fill, fit_width=fit)
    chats = result.chats
    yes = translate("task_sheet.yes", "zh")
    for offset, chat in enumerate(chats):
        row = FIRST_ROW + offset
        sw.number(row, NO, offset + 1, INTEGER_FORMAT, FACT, CENTRED)
        sw.text(row, CHAT, chat.chat_id, FACT)
        sw.text(row, AGENT, chat.agent, FACT)
        sw.text(row, NAME, chat.name, FACT)
        _date(sw, row, DATE, chat.date, FACT, CENTRED)
        sw.text(row, SATISFACTION, chat.satisfaction, FACT)
        sw.text(row, STRATUM, chat.stratum, FACT)
        sw.text(row, TOPPED_UP, yes if chat.topped_up else None, FACT, CENTRED)
        sw.text(row, REVIEWER, chat.reviewer, FILL)
        for col in range(FIRST_ITEM, ERROR_TYPE):
            sw.blank(row, col, FILL, CENTRED)
        sw.blank(row, ERROR_TYPE, FILL)
        sw.blank(row, SHOP_RISK, FILL, CENTRED)
        sw.blank(row, NOTE, FILL, WRAP)
        sw.text(row, RANK, chat.rank, FACT)
    if chats:
        last = FIRST_ROW + len(chats) - 1
        _validations(sw, last, sampling.error_types, types)
        sw.check(sw.ws.autofilter(HEADER_ROW, 0, last, LAST_COLUMN), "the autofilter")
    else:
        sw.text(FIRST_ROW, 0, label("task_sheet.nobody", lang), autofit=False)
    for col, width in FILL_WIDTHS.items():
        sw.widths[col] = max(sw.widths.get(col, 0), width - 2)
    for col in range(FIRST_ITEM, ERROR_TYPE):
        sw.widths[col] = max(sw.widths.get(col, 0), ITEM_WIDTH - 2)
    sw.ws.freeze_panes(FIRST_ROW, CHAT + 1)
    sw.fit_columns()
    options = {
        "autofilter": True,
        "sort": True,
        "format_columns": True,
        "format_rows": True,
        "select_locked_cells": True,
        "select_unlocked_cells": True,
    }
    sw.ws.protect("", options)


def _date(sw: SheetWriter, row: int, col: int, day: dt.date | None, *style: dict[str, Any]) -> None:
    """A date cell shown as YYYY-MM-DD (blank when the list gave none)."""
    if day is None:
        sw.blank(row, col, *style)
        return
    moment = dt.datetime(day.year, day.month, day.day)
    rc = sw.ws.write_datetime(row, col, moment, sw.styles.get(*style, num_format=DATE_FORMAT))
    sw.check(rc, f"a date at row {row + 1} column {col + 1}")
    sw.widths[col] = max(sw.widths.get(col, 0), len(DATE_FORMAT))


def _validations(sw: SheetWriter, last: int, error_types: Sequence[str], types_range: str) -> None:
    """Each item a number from 0 to its maximum; 差错类型 from the rules' list (warning only, a
    reviewer may type another); 店铺风险 是 or 否."""
    lang = sw.lang
    for offset, (_item, maximum) in enumerate(ATTITUDE_ITEMS):
        col = FIRST_ITEM + offset
        most = number(maximum)
        options: dict[str, Any] = {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": maximum,
            **_boxes(lang, "item", "stop", max=most),
        }
        sw.check(sw.ws.data_validation(FIRST_ROW, col, last, col, options), f"the validation of item {col}")
    if error_types:
        inline = list(error_types)
        source: str | list[str] = inline if len(",".join(inline)) <= LIST_CHARS else types_range
        options = {
            "validate": "list",
            "source": source,
            **_boxes(lang, "error_type", "warning"),
        }
        sw.check(sw.ws.data_validation(FIRST_ROW, ERROR_TYPE, last, ERROR_TYPE, options), "the error types")
    risk = {
        "validate": "list",
        "source": [translate("task_sheet.yes", "zh"), translate("task_sheet.no", "zh")],
        **_boxes(lang, "risk", "stop"),
    }
    sw.check(sw.ws.data_validation(FIRST_ROW, SHOP_RISK, last, SHOP_RISK, risk), "the shop risk list")


def _boxes(lang: str, name: str, error_type: str, **params: Any) -> dict[str, Any]:
    """A validation's prompt and error box: the catalogue's ``task_sheet.dv.<name>_title``,
    ``_message`` and ``_error``, cut to what Excel holds; ``error_type`` is stop or warning."""
    code = f"task_sheet.dv.{name}"
    title = label(f"{code}_title", lang)[:TITLE_CHARS]
    return {
        "input_title": title,
        "input_message": label(f"{code}_message", lang, **params)[:MESSAGE_CHARS],
        "error_title": title,
        "error_message": label(f"{code}_error", lang, **params)[:MESSAGE_CHARS],
        "error_type": error_type,
    }


# --- 抽样说明 ------------------------------------------------------------------------------------


def _write_notes(
    sw: SheetWriter, result: SampleResult, sampling: SamplingRules, source: TaskSheetSource
) -> str:
    """The 抽样说明 sheet; returns the error types' cells as a list source (an absolute range)
    when the list is too long for Excel to hold in place, else ""."""
    lang = sw.lang
    last = NOTES_COLUMNS - 1

    def line(row: int, text: str, *style: dict[str, Any]) -> int:
        sw.merged_text(row, 0, last, text, WRAP, *style)
        return row + 1

    def fact(row: int, name: str, value: str) -> int:
        sw.text(row, 0, name, {"bold": True})
        sw.merged_text(row, 1, last, value, WRAP)
        return row + 1

    row = line(0, label("task_sheet.notes.title", lang, month=result.month, shop=source.shop), SECTION)
    row += 1
    facts = [
        ("task_sheet.notes.month", result.month),
        ("task_sheet.notes.shop", source.shop),
        ("task_sheet.notes.seed", result.seed),
        ("task_sheet.notes.salt", result.salt or label("task_sheet.notes.no_salt", lang)),
        ("task_sheet.notes.rules", source.rules_name),
        ("task_sheet.notes.rules_hash", source.rules_hash),
        ("task_sheet.notes.list", source.list_file),
        ("task_sheet.notes.list_sha", source.list_sha256),
        (
            "task_sheet.notes.sample",
            label(
                "task_sheet.notes.sample_value",
                lang,
                agents=number(len(result.agents)),
                chats=number(len(result.chats)),
            ),
        ),
    ]
    for code, value in facts:
        row = fact(row, label(code, lang), value)
    row = line(row, label("task_sheet.notes.recheck", lang))
    row += 1
    row = line(row, label("task_sheet.notes.rule_heading", lang), SECTION)
    if source.standard_rules:
        row = line(row, label("task_sheet.rule.standard", lang))
    for setting, words in sampling_lines(sampling):
        row = fact(row, pick(setting, lang), pick(words, lang))
    for words in rule_words(sampling, source, result):
        row = line(row, pick(words, lang))
    row += 1
    row = line(row, label("task_sheet.notes.per_agent", lang), SECTION)
    row = line(row, label("task_sheet.notes.columns", lang))
    row = _agent_table(sw, row, result, source)
    row += 1
    row = line(row, label("task_sheet.notes.left_out_heading", lang), SECTION)
    left_out = left_out_notes(result)
    for note in left_out:
        row = line(row, note.text(lang))
    if not left_out:
        row = line(row, label("task_sheet.notes.nothing_left_out", lang))
    for code in result.notes:
        row = line(row, label(code, lang))
    types = list(sampling.error_types)
    source_range = ""
    if len(",".join(types)) > LIST_CHARS:
        # Too long to write in the list itself: the list reads these cells instead.
        row += 1
        row = line(row, label("task_sheet.notes.error_types", lang), SECTION)
        for offset, error_type in enumerate(types):
            sw.text(row + offset, 0, error_type)
        start = xl_rowcol_to_cell(row, 0, row_abs=True, col_abs=True)
        end = xl_rowcol_to_cell(row + len(types) - 1, 0, row_abs=True, col_abs=True)
        source_range = f"='{sw.ws.name}'!{start}:{end}"
    sw.fit_columns(minimum=8, maximum=30, caps={last: NOTES_NOTE_WIDTH})
    return source_range


def _agent_table(sw: SheetWriter, row: int, result: SampleResult, source: TaskSheetSource) -> int:
    """Per agent a total row, then one row per stratum; returns the row after the table."""
    lang = sw.lang
    who = (
        "task_sheet.notes.col.account"
        if source.agent_field == "subaccount"
        else "task_sheet.notes.col.agent_id"
    )
    headers = [
        who,
        "task_sheet.notes.col.name",
        "task_sheet.notes.col.received",
        "task_sheet.notes.col.stratum",
        "task_sheet.notes.col.available",
        "task_sheet.notes.col.quota",
        "task_sheet.notes.col.picked",
        "task_sheet.notes.col.topped_up",
        "task_sheet.notes.col.short",
        "task_sheet.notes.col.note",
    ]
    sw.header_row(row, [label(code, lang) for code in headers])
    row += 1
    sep = translate("sentence.sep", lang)
    for agent in result.agents:
        cells: list[Any] = [
            agent.agent,
            agent.name,
            agent.received,
            label("task_sheet.notes.all_strata", lang),
            agent.eligible,
            agent.target,
            len(agent.chats),
            sum(s.topped_up for s in agent.strata),
            max(agent.target - len(agent.chats), 0),
            sep.join(translate(code, lang) for code in agent.notes),
        ]
        _table_row(sw, row, cells, TOTAL)
        row += 1
        for s in agent.strata:
            cells = [
                agent.agent,
                agent.name,
                None,
                stratum_name(s.stratum, lang),
                s.available,
                s.quota,
                s.picked,
                s.topped_up,
                s.short,
                None,
            ]
            _table_row(sw, row, cells, None)
            row += 1
    return row


def _table_row(sw: SheetWriter, row: int, cells: list[Any], style: dict[str, Any] | None) -> None:
    for col, value in enumerate(cells):
        if isinstance(value, int):
            sw.number(row, col, value, INTEGER_FORMAT, CELL, style)
        elif col == NOTES_COLUMNS - 1:
            sw.text(row, col, value, CELL, WRAP, style, fit_width=NOTES_NOTE_WIDTH)
        else:
            sw.text(row, col, value, CELL, style)


# --- words shared with the console ----------------------------------------------------------------


def agent_notes(agent: AgentSample) -> list[Note]:
    """What the console says of an agent: all eligible chats taken (fewer than n); which strata
    were short and which gave chats in their place."""
    notes: list[Note] = []
    if agent.eligible < agent.target:
        notes.append(Note.of("task_sheet.note.all_taken", eligible=agent.eligible, target=agent.target))
    thin = [s for s in agent.strata if s.short]
    if thin:
        short = listed(
            [both("task_sheet.note.short_part", stratum=stratum_words(s.stratum), n=s.short) for s in thin]
        )
        donors = [s for s in agent.strata if s.topped_up]
        if donors:
            given = listed(
                [
                    both("task_sheet.note.donor_part", stratum=stratum_words(s.stratum), n=s.topped_up)
                    for s in donors
                ]
            )
            notes.append(Note.of("task_sheet.note.topped_up", short=short, donors=given))
        else:
            notes.append(Note.of("task_sheet.note.not_made_up", short=short))
    return notes


def rule_words(sampling: SamplingRules, source: TaskSheetSource, result: SampleResult) -> list[Bilingual]:
    """What the notes add to the rules' own words: how n splits over the strata, how topped-up
    chats are marked, the draw's notes, how chats are ranked and who reviews them."""
    out: list[Bilingual] = []
    if sampling.mix:
        example = sampling.fixed or SPLIT_EXAMPLE
        split = apportion(example, sampling.mix, sampling.shortfall)
        order = listed([stratum_words(s) for s, _share in sampling.mix])
        out.append(
            both(
                "task_sheet.rule.split",
                n=example,
                split="/".join(str(split.get(s, 0)) for s, _share in sampling.mix),
                order=order,
            )
        )
    if sampling.shortfall:
        out.append(both("task_sheet.rule.topped_up_column"))
    out += [both(code) for code in result.notes]
    out.append(both("task_sheet.rule.rank"))
    names = [name for name, _share in source.reviewers]
    if not names:
        out.append(both("task_sheet.rule.no_reviewers"))
    elif all(share is None for _name, share in source.reviewers):
        out.append(both("task_sheet.rule.reviewers_rotation", names=listed(names)))
    else:
        shares = listed(
            [
                both("task_sheet.rule.reviewer_share", name=name, share=percent_text(share or Fraction(0)))
                for name, share in source.reviewers
            ]
        )
        out.append(both("task_sheet.rule.reviewers_shares", shares=shares))
    return out


# --- the manifest and the page --------------------------------------------------------------------


def _write_manifest(book: Workbook, result: SampleResult, source: TaskSheetSource) -> None:
    """The very hidden sheet ``check`` and ``run`` read back: every value a string."""
    ws = book.add_worksheet(sample_manifest.SHEET)
    head = (
        sample_manifest.MARKER,
        str(sample_manifest.VERSION),
        result.month,
        result.seed,
        source.rules_hash,
        source.list_sha256,
    )
    rows: list[Sequence[str]] = [head, sample_manifest.COLUMNS]
    rows += [(c.chat_id, c.agent, c.stratum, "1" if c.topped_up else "") for c in result.chats]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                rc = ws.write_string(r, c, value)
                if rc:
                    raise XlsxWriteError(f"XlsxWriter refused the manifest at row {r + 1} column {c + 1}")
    ws.very_hidden()


def _page_setup(
    sw: SheetWriter, result: SampleResult, source: TaskSheetSource, rows: tuple[int, int] | None
) -> None:
    """A4 landscape, one page wide; the shop, sheet and month in the header, the rules and page
    number in the footer; ``rows`` repeated on every page."""
    ws, lang = sw.ws, sw.lang
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(**MARGINS)
    if rows is not None:
        ws.repeat_rows(*rows)
    month = label("workbook.page.month", lang, month=result.month)
    header = (
        f"&L{header_footer_text(source.shop)}&C{header_footer_text(ws.name)}&R{header_footer_text(month)}"
    )
    rules = label("workbook.page.rules", lang, name=source.rules_name[:60], hash=source.rules_hash[:16])
    footer = f"&L{header_footer_text(rules, 120)}&R{label('workbook.page.number', lang)}"
    ws.set_header(header)
    ws.set_footer(footer)
    if ws.header != header or ws.footer != footer:
        raise XlsxWriteError(f"XlsxWriter refused the page header or footer of {ws.name!r}")
