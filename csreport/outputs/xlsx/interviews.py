"""The 面谈 sheet: one row per agent for the manager's one-to-one interview, pre-filled with
what the numbers show and with empty columns the manager fills in and imports back.

Top to bottom: the title with the month and shop, a hint saying what to fill in and how to bring
the sheet back, the options of the two drop-down lists (printed, since paper has no drop-downs),
the header, and the agents. The pre-filled
columns are grey; the columns to fill are white, bordered and unlocked, with drop-down lists for
the judgement and its reason and a date check on the date. ``csreport.inputs.interviews`` reads
the filled sheet back by its headers, in either language, and its grades from the options line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from csreport.inputs.interviews import REASONS, date_window
from csreport.messages import translate
from csreport.outputs.filenames import results_workbook_name
from csreport.outputs.xlsx.base import (
    GREY,
    POINTS_FORMAT,
    TITLE,
    WRAP,
    PrintSetup,
    SheetWriter,
    label,
)
from csreport.results import AgentResult, MonthResult
from csreport.rules.model import RuleSet
from csreport.scoring.interview_points import AgentPoints, points_of

# The columns in order: catalogue code of the header, and whether the manager fills it in.
PREFILLED = (
    "workbook.agent_id",
    "workbook.name",
    "workbook.group",
    "workbook.total",
    "workbook.grade",
    "workbook.conclusion",
    "interviews.col.strengths",
    "interviews.col.weaknesses",
)
TO_FILL = (
    "interviews.col.points",
    "interviews.col.judgement",
    "interviews.col.reason",
    "interviews.col.note",
    "interviews.col.plan",
    "interviews.col.date",
)
COLUMNS = PREFILLED + TO_FILL
# Rows above the table: title, hint, the lists' options.
TITLE_ROW, HINT_ROW, OPTIONS_ROW, HEADER_ROW = range(4)
# Widths (characters) the text columns wrap at, and the writing space of the columns to fill;
# the sheet prints one page wide in landscape, so these keep it at a legible scale.
STRENGTHS_WIDTH = 24
CONCLUSION_WIDTH = 12
FILL_WIDTHS = {
    "interviews.col.points": 20,
    "interviews.col.judgement": 9,
    "interviews.col.reason": 10,
    "interviews.col.note": 12,
    "interviews.col.plan": 20,
    "interviews.col.date": 11,
}
DATE_FORMAT = "yyyy-mm-dd"
CELL = {"border": 1, "border_color": "#BFBFBF"}
PREFILLED_STYLE = {**GREY, **CELL}
FILL_STYLE = {"bg_color": "#FFFFFF", "locked": False, **CELL, **WRAP}
CENTRED = {"align": "center"}
# Excel refuses an input message longer than this, and a title longer than 32 characters.
MESSAGE_CHARS = 255
TITLE_CHARS = 32


def grade_names(rules: RuleSet) -> list[str]:
    """The grades a judgement may be, highest first, the fail grade last."""
    return list(dict.fromkeys([*(g.name for g in rules.grades), rules.fail_grade]))


def write_interviews(
    sw: SheetWriter, month: MonthResult, agents: Sequence[AgentResult], rules: RuleSet
) -> PrintSetup:
    """Write the 面谈 sheet; return how it prints."""
    lang = sw.lang
    meta = month.meta
    last = len(COLUMNS) - 1
    title = label("interviews.title", lang, month=meta.month, shop=meta.shop)
    sw.merged_text(TITLE_ROW, 0, last, title, TITLE, {"font_size": 12})
    hint = label("interviews.hint", lang, file=results_workbook_name(meta.month))
    sw.merged_text(HINT_ROW, 0, last, hint, WRAP)
    grades = grade_names(rules)
    reasons = [translate(code, lang) for code in REASONS]
    sep = translate("list.sep", lang)
    options = label("interviews.options", lang, grades=sep.join(grades), reasons=sep.join(reasons))
    sw.merged_text(OPTIONS_ROW, 0, last, options, WRAP, {"bold": True})
    sw.header_row(HEADER_ROW, [label(code, lang) for code in COLUMNS])
    shown = points_of(month.agents)
    first = HEADER_ROW + 1
    for row, a in enumerate(agents, start=first):
        _prefilled(sw, row, a, shown.get(a.agent_id, AgentPoints(a.agent_id)))
        for col in range(len(PREFILLED), len(COLUMNS)):
            date = COLUMNS[col] == "interviews.col.date"
            sw.blank(row, col, FILL_STYLE, {"num_format": DATE_FORMAT} if date else None)
    end = first + len(agents) - 1
    if agents:
        _validations(sw, (first, end), meta.month, grades, reasons)
        sw.check(sw.ws.autofilter(HEADER_ROW, 0, end, last), "the autofilter")
    else:
        sw.text(first, 0, label("interviews.none", lang), autofit=False)
    for code, width in FILL_WIDTHS.items():
        col = COLUMNS.index(code)
        sw.widths[col] = max(sw.widths.get(col, 0), width - 2)
    sw.ws.freeze_panes(first, 2)
    sw.fit_columns(caps={COLUMNS.index(c): STRENGTHS_WIDTH for c in PREFILLED[-2:]})
    return PrintSetup(rows=(HEADER_ROW, HEADER_ROW), one_page_wide=True)


def _prefilled(sw: SheetWriter, row: int, a: AgentResult, shown: AgentPoints) -> None:
    """The grey columns of one agent: who, the month's result, and what the numbers show."""
    lang = sw.lang
    sw.text(row, 0, a.agent_id, PREFILLED_STYLE)
    sw.text(row, 1, a.name, PREFILLED_STYLE)
    sw.text(row, 2, a.group, PREFILLED_STYLE)
    sw.number(row, 3, a.total, POINTS_FORMAT, PREFILLED_STYLE)
    sw.text(row, 4, a.grade, PREFILLED_STYLE, CENTRED)
    sw.text(row, 5, translate(a.conclusion.code, lang), PREFILLED_STYLE, WRAP, fit_width=CONCLUSION_WIDTH)
    for col, found in ((6, shown.strengths), (7, shown.weaknesses)):
        text = "\n".join(h.text(lang) for h in found)
        sw.text(row, col, text, PREFILLED_STYLE, WRAP, fit_width=STRENGTHS_WIDTH)


def _validations(
    sw: SheetWriter,
    rows: tuple[int, int],
    month: str,
    grades: list[str],
    reasons: list[str],
) -> None:
    """The drop-down lists of the judgement and its reason, and the date check, with prompts."""
    lang = sw.lang
    sep = translate("list.sep", lang)
    start, end = date_window(month)
    span = {"start": start.isoformat(), "end": end.isoformat()}
    checks: list[tuple[str, dict[str, Any]]] = [
        (
            "interviews.col.judgement",
            {
                "validate": "list",
                "source": grades,
                "input_title": label("interviews.judgement.prompt_title", lang),
                "input_message": label("interviews.judgement.prompt", lang, grades=sep.join(grades)),
                "error_message": label("interviews.judgement.refused", lang, grades=sep.join(grades)),
            },
        ),
        (
            "interviews.col.reason",
            {
                "validate": "list",
                "source": reasons,
                "input_title": label("interviews.reason.prompt_title", lang),
                "input_message": label("interviews.reason.prompt", lang, reasons=sep.join(reasons)),
                "error_message": label("interviews.reason.refused", lang, reasons=sep.join(reasons)),
            },
        ),
        (
            "interviews.col.date",
            {
                "validate": "date",
                "criteria": "between",
                "minimum": start,
                "maximum": end,
                "input_title": label("interviews.date.prompt_title", lang),
                "input_message": label("interviews.date.prompt", lang, **span),
                "error_message": label("interviews.date.refused", lang, **span),
            },
        ),
    ]
    for code, options in checks:
        options["input_title"] = options["input_title"][:TITLE_CHARS]
        options["input_message"] = options["input_message"][:MESSAGE_CHARS]
        options["error_message"] = options["error_message"][:MESSAGE_CHARS]
        col = COLUMNS.index(code)
        sw.check(sw.ws.data_validation(rows[0], col, rows[1], col, options), f"the {code} list")
