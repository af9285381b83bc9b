"""Fields a sheet gives only through others: 回复人数 from 未回复人数, a rate or its
complement (不服务率), and whatever a shop's mapping file ``derive:``s.

The scoring tables are defined on counts, so counts are rebuilt row by row from what the
sheet holds, in the same safe formula language as the rules, over values already
normalised (rates as fractions, durations in seconds). A derivation fills only the rows the
sheet leaves without the field, is reported once per sheet, and is never done silently.
Derived counts are whole numbers (people, orders).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from csreport.fields import Vocabulary
from csreport.inputs import values as v
from csreport.inputs.cells import COUNT_FIELDS, RATE_FIELDS
from csreport.inputs.headers import ROLE_NAMES, alias_table, canonical, normalize_header, target_names
from csreport.inputs.mapping import Derivation, UserMapping
from csreport.messages import Bilingual, both
from csreport.util.formula import evaluate_rows
from csreport.util.formula import parse as parse_formula

# A sheet without 咨询人数 (人均日接入, 赤兔) gives its reply rate over 接待人数.
_RATE_BASES = ("reply_rate", "unreplied_rate")
# Aggregates counted from a kind of sheet's rows rather than read from one column.
_COUNTED_ROLES = ("qa", "attendance")


@functools.cache
def shipped_derivations() -> tuple[Derivation, ...]:
    """The derivations of the alias table's ``derive:`` section, in the order tried."""
    out: list[Derivation] = []
    for target, formulas in (alias_table().get("derive") or {}).items():
        for formula in formulas:
            out.append(Derivation(target_names()[normalize_header(target)], parse_formula(formula, str)))
    return tuple(out)


def apply(
    clean: dict[str, list[Any]],
    keep: list[bool],
    unmapped: Mapping[str, Sequence[Any]],
    user: UserMapping | None,
    note: Callable[[str, str, list[int]], None],
    headers: dict[str, str] | None = None,
    used: set[str] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Fill what the derivations give into ``clean`` (a sheet's parsed columns by field).

    ``unmapped`` holds the raw cells of the sheet's columns no used field takes, by normalised
    header: a derivation may name them. ``note(field, formula, refused)`` is told of each
    derivation used. Returns, for each user derivation that could not be used here, the
    names the sheet lacks (keyed by the derivation's formula text). ``used`` gains the
    unmapped headers a derivation that filled rows read.
    """
    size = len(keep)
    if not size:
        return {}
    lacking: dict[str, tuple[str, ...]] = {}
    units = {x.name: x.unit for x in (user.fields if user is not None else ())}
    own = user.derive if user is not None else ()
    for n, d in enumerate((*own, *shipped_derivations())):
        if n == len(own) and "inquiries" not in clean and "received" in clean:
            # After the shop's own derivations, before the shipped ones: a reply rate given
            # over 接待人数 (人均日接入, 赤兔: no 咨询人数) is taken over 接待人数.
            if any(r in clean for r in _RATE_BASES):
                clean["inquiries"] = list(clean["received"])
                note("inquiries", canonical("received"), [])
        columns: dict[str, np.ndarray] = {}
        missing: list[str] = []
        read: set[str] = set()
        for written, _same in d.formula.ids:
            found = _column(written, clean, unmapped, user, read)
            if found is None:
                missing.append(written)
            else:
                columns[written] = found
        if missing:
            if d.line:
                lacking[d.formula.text] = tuple(missing)
            continue
        values = evaluate_rows(d.formula, columns) if columns else np.full(size, np.nan)
        current = clean.get(d.target)
        filled = 0
        refused: list[int] = []  # rows whose result no value of the field can be
        out = list(current) if current is not None else [None] * size
        for i, x in enumerate(values):
            if out[i] is not None or math.isnan(x) or not keep[i]:
                continue
            out[i] = _settle(d.target, float(x), units.get(d.target))
            if out[i] is None:
                refused.append(i)
            filled += out[i] is not None
        if filled or refused:
            if used is not None:
                used.update(read)
            clean[d.target] = out
            note(d.target, shown(_as_headed(d, headers or {}, user)), refused)
    return lacking


def _as_headed(d: Derivation, headers: dict[str, str], user: UserMapping | None) -> str:
    """The derivation's formula with each field named as this sheet's header writes it
    (不服务率, not csreport's 未回复率), so the note speaks of the columns the user sees."""
    declared = _declared(user)

    def header_of(found: re.Match[str]) -> str:
        key = normalize_header(found.group(0))
        field_id = declared.get(key) or target_names().get(key) or ""
        return headers.get(field_id) or found.group(0)

    return _NAME.sub(header_of, d.formula.text)


# A name in a formula: a letter (any script) or underscore, then letters, digits, underscores.
_NAME = re.compile(r"[^\W\d]\w*")


def _declared(user: UserMapping | None) -> dict[str, str]:
    """The mapping's declared fields by normalised name."""
    return {normalize_header(x.name): x.name for x in (user.fields if user is not None else ())}


def shown(formula: str) -> str:
    """A formula as users read it: × and − for * and -."""
    return formula.replace("*", "×").replace(" - ", " − ")


def _settle(target: str, x: float, unit: str | None = None) -> float | None:
    """A derived value as the field holds it, bounded as a cell of it is: counts whole and
    never negative, amounts and durations never negative, rates within 0–100%. ``unit``
    is a declared field's."""
    if target in COUNT_FIELDS or unit == "count":
        return None if x < -1e-9 else float(math.floor(x + 0.5))
    if (target in RATE_FIELDS or unit == "%") and not -1e-9 <= x <= 1 + 1e-9:
        return None
    if unit in ("yuan", "s") and x < -1e-9:
        return None
    return x


def _column(
    written: str,
    clean: dict[str, list[Any]],
    unmapped: Mapping[str, Sequence[Any]],
    user: UserMapping | None,
    used: set[str],
) -> np.ndarray | None:
    """A name's values on this sheet: a field it has, else one of its unmapped columns."""
    key = normalize_header(written)
    declared = _declared(user)
    # A field's name, or a header the user's mapping maps to a field the sheet has.
    mapped = [f for f in (user.columns.get(key, ()) if user is not None else ()) if f in clean]
    field_id = declared.get(key) or target_names().get(key) or (mapped[0] if mapped else None)
    if field_id is not None and field_id in clean:
        return np.array([np.nan if x is None else float(x) for x in clean[field_id]], dtype=float)
    if key in unmapped:
        used.add(key)
        return np.array([_number(c) for c in unmapped[key]], dtype=float)
    return None


def _number(cell: Any) -> float:
    """An unmapped cell as a number: "97.5%" → 0.975, "2分30秒" → 150, "1,234" → 1234."""
    if v.is_blank(cell) or v.is_placeholder(cell):
        return math.nan
    try:
        if isinstance(cell, str) and "%" in cell:
            return v.parse_percent(cell)
        return v.parse_duration(cell)
    except (ValueError, TypeError, OverflowError):
        return math.nan


def feeds(user: UserMapping | None) -> dict[str, tuple[str, ...]]:
    """Which fields each field helps derive (不服务率 → 回复人数), by the shipped derivations
    and the mapping's: a bad cell of the first takes its row out of what uses the second."""
    declared = _declared(user)
    out: dict[str, list[str]] = {}
    for d in (*(user.derive if user is not None else ()), *shipped_derivations()):
        for written, _same in d.formula.ids:
            key = normalize_header(written)
            source = declared.get(key) or target_names().get(key)
            if source and d.target not in out.setdefault(source, []):
                out[source].append(d.target)
    return {k: tuple(v) for k, v in out.items()}


def providers(field_id: str, vocabulary: Vocabulary) -> list[str | Bilingual]:
    """What in a sheet would give the aggregate ``field_id``: headers, or a derivation, or
    the kind of sheet it comes from, for telling a user what to add or map."""
    declared = vocabulary.declaration(field_id)
    if declared is not None:
        return [declared.column or declared.name]
    field = vocabulary.resolve(field_id)
    if field is not None and field.role in _COUNTED_ROLES:
        return [both(f"provider.{field.role}", role=Bilingual(*ROLE_NAMES[field.role]))]
    headers = [canonical(field_id)]
    names = _written_aliases().get(field_id, ())
    headers += [h for h in names if h not in headers and not h.isascii()][:2]
    return [*headers, *(shown(d.formula.text) for d in shipped_derivations() if d.target == field_id)]


@functools.cache
def _written_aliases() -> dict[str, tuple[str, ...]]:
    return {f: tuple(str(n) for n in names) for f, names in alias_table()["fields"].items()}
