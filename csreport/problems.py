"""Data-quality problems as data, and the one exception type users may see.

A problem names where it is (file, sheet, Excel row, column letter and header) and
carries a message code plus parameters; the text is produced in the user's language
only when shown. Only a fatal condition raises ``CsreportError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from csreport.messages import Note, one_line, translate


class Severity(str, Enum):
    """How much a problem matters: errors drop data, warnings keep it, info only tells."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One data-quality finding, located as precisely as the input allows."""

    code: str
    severity: Severity
    file: str = ""
    sheet: str = ""
    row: int | None = None  # Excel row number (1-based)
    column: str = ""  # column letter, e.g. "C"
    header: str = ""  # the header text as written in the workbook
    value: str = ""  # the offending cell value, as text
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # Sentences added once more is known, such as which ratios a row with this cell left.
    also: tuple[Note, ...] = field(default=(), compare=False, hash=False)

    def message(self, lang: str = "zh") -> str:
        """The problem's explanation, without its location."""
        # The cell's value and header are defaults a parameter of the same name overrides,
        # so a problem built with ``params={"value": ...}`` can never raise here.
        text = translate(self.code, lang, **{"value": self.value, "header": self.header, **self.params})
        for note in self.also:
            text += translate("sentence.sep", lang) + note.text(lang)
        return text

    def location(self, lang: str = "zh") -> str:
        """File, sheet, row and column as one readable string."""
        parts: list[str] = []
        if self.file:
            parts.append(one_line(self.file))
        if self.sheet:
            parts.append(translate("loc.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(translate("loc.row", lang, row=self.row))
        if self.column and self.header:
            parts.append(translate("loc.column_header", lang, column=self.column, header=self.header))
        elif self.column:
            parts.append(translate("loc.column", lang, column=self.column))
        return translate("loc.sep", lang).join(parts)

    def render(self, lang: str = "zh") -> str:
        """One line: severity, location and message."""
        sev = translate(f"severity.{self.severity.value}", lang)
        loc = self.location(lang)
        colon = translate("loc.colon", lang)
        return f"[{sev}] {loc}{colon}{self.message(lang)}" if loc else f"[{sev}] {self.message(lang)}"

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """JSON-ready form, in the style of frictionless reports."""
        return {
            "type": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "note": self.message(lang),
        }


class CsreportError(Exception):
    """A fatal, user-facing error: the CLI prints its message and exits non-zero."""

    def __init__(self, code: str, exit_code: int = 2, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.exit_code = exit_code
        self.params = params

    def message(self, lang: str = "zh") -> str:
        """The error text in the user's language."""
        return translate(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class RefusedWithProblems(CsreportError):
    """A refusal that comes after reading: ``problems`` are the located lines reading found,
    which the command prints before the refusal's own line (they are often its reason)."""

    def __init__(self, error: CsreportError, problems: Sequence[Problem]) -> None:
        super().__init__(error.code, error.exit_code, **error.params)
        self.problems = tuple(problems)
