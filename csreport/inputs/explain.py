"""How each sheet was read, for ``check`` to show: the header row used (or the rows looked
at), the role chosen or why none fit, and each column's fate.

A manager mapping an export csreport has never seen reads this to learn which of its
columns were understood, which were not, and how to map the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from csreport.inputs.headers import (
    IGNORE,
    ROLE_NAMES,
    Detection,
    HeaderGuess,
    canonical,
    normalize_header,
    target_names,
)
from csreport.inputs.xlsx_scan import column_letter
from csreport.messages import Bilingual, listed, translate

# What became of a column: feeds a field; recognised (in a sheet that was skipped); known but
# not used (忽略, or another column gives the same field); a field of another kind of sheet;
# not understood; "derived": read by a derive formula of the mapping file.
FATES = ("used", "derived", "known", "ignored", "duplicate", "foreign", "unknown")


@dataclass(frozen=True)
class ColumnFate:
    """One header cell and what became of it."""

    letter: str
    header: str
    fate: str  # one of FATES
    fields: tuple[str, ...] = ()  # the field ids it feeds (or would feed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "column": self.letter,
            "header": self.header,
            "fate": self.fate,
            "fields": [canonical(f) for f in self.fields],
        }


@dataclass(frozen=True)
class SheetReading:
    """One sheet: kept with a role, or skipped and why, and its columns' fates."""

    file: str
    sheet: str
    role: str | None
    header_row: int | None  # Excel row of the (last) header row; None when none was found
    looked: int  # rows looked at for a header
    why: str = ""  # "" when kept; else hidden, chart, no_header, no_identity, too_few, no_role, missing
    missing: tuple[str, ...] = ()  # required columns lacking (why == "missing")
    rows: int = 0  # data rows kept
    columns: tuple[ColumnFate, ...] = ()

    @property
    def kept(self) -> bool:
        """True when the sheet's rows are used."""
        return not self.why

    def unknown(self) -> tuple[ColumnFate, ...]:
        """The columns not understood."""
        return tuple(c for c in self.columns if c.fate == "unknown")

    def lines(self, lang: str = "zh") -> list[str]:
        """The sheet's explanation: a headline, then one line per fate that has columns."""
        where = translate("explain.where", lang, file=self.file, sheet=self.sheet)
        role = Bilingual(*ROLE_NAMES[self.role]) if self.role else ""
        if self.kept:
            head = translate("explain.kept", lang, role=role, row=self.header_row, rows=self.rows)
        elif self.why in ("hidden", "chart"):
            head = translate(f"explain.{self.why}", lang)
        else:
            guess = translate("explain.guess", lang, row=self.header_row) if self.header_row else ""
            head = translate(
                f"explain.why.{self.why}",
                lang,
                role=role,
                looked=self.looked,
                row=self.header_row,
                missing=listed(self.missing),
                guess=guess,
            )
        out = [f"{where}{head}"]
        for fate in FATES:
            cols = [c for c in self.columns if c.fate == fate]
            if cols:
                shown = listed(_column(c, fate) for c in cols)
                out.append("  " + translate(f"explain.fate.{fate}", lang, columns=shown))
        return out

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "kept": self.kept,
            "role": self.role,
            "why": self.why or None,
            "header_row": self.header_row,
            "rows_looked_at": self.looked,
            "rows": self.rows,
            "columns": [c.to_dict() for c in self.columns],
            "text": self.lines(lang),
        }


def _column(c: ColumnFate, fate: str) -> Bilingual:
    """A column as listed: ``C 接待人数``, with the fields it feeds when they differ."""
    names = [canonical(f) for f in c.fields if f != IGNORE]
    label = f"{c.letter} {c.header}"
    # The arrow only where the header is not already one of the field's own names.
    own = target_names().get(normalize_header(c.header.rpartition("/")[2]))
    plain = (len(c.fields) == 1 and own == c.fields[0]) or names == [c.header]
    if fate in ("used", "known", "foreign") and names and not plain:
        fed = listed(names)
        return Bilingual(f"{label} → {fed.zh}", f"{label} → {fed.en}")
    return Bilingual(label, label)


def fates(detection: Detection, first_col: int) -> tuple[ColumnFate, ...]:
    """Each header cell of the match (or of the best guess) with what became of it."""
    match = detection.match
    guess: HeaderGuess | None = detection.guess
    out: list[ColumnFate] = []
    if match is not None:
        for pos, header in match.headers.items():
            letter = column_letter(first_col + pos)
            fed = match.fed.get(pos, ())
            if pos in match.foreign and not [f for f in fed if f != IGNORE]:
                out.append(ColumnFate(letter, header, "foreign", match.foreign[pos]))
            elif pos in match.duplicates:
                out.append(ColumnFate(letter, header, "duplicate"))
            elif fed and all(f == IGNORE for f in fed):
                out.append(ColumnFate(letter, header, "ignored"))
            elif fed:
                out.append(ColumnFate(letter, header, "used", tuple(f for f in fed if f != IGNORE)))
            else:
                out.append(ColumnFate(letter, header, "unknown"))
        return tuple(out)
    if guess is None:
        return ()
    for pos, header in guess.headers.items():
        letter = column_letter(first_col + pos)
        fed = guess.fed.get(pos, ())
        if fed and all(f == IGNORE for f in fed):
            out.append(ColumnFate(letter, header, "ignored"))
        elif fed:
            out.append(ColumnFate(letter, header, "known", tuple(f for f in fed if f != IGNORE)))
        else:
            out.append(ColumnFate(letter, header, "unknown"))
    return tuple(out)
