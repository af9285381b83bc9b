"""Whole-table checks: the month filter, duplicate rows, and roster cross-checks."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from typing import Any

import pandas as pd

from csreport.inputs.headers import ROLE_NAMES, canonical
from csreport.inputs.tables import blank_key
from csreport.inputs.values import PartialDate, as_text, canonical_chat_id, display
from csreport.messages import Bilingual, Note, both, listed
from csreport.problems import Problem, Severity

# Which columns identify a row, per role; exact duplicates are checked on all columns.
_KEYS = {
    "roster": ("agent_id",),
    "attendance": ("agent_id", "date"),
    "reception": ("agent_id", "date"),
    "qa": ("agent_id", "chat_id"),
}
# The key columns, named in messages by their canonical headers (工号, 日期, 会话编号).
_KEY_FIELDS = frozenset(f for key in _KEYS.values() for f in key)
_META = ("_row", "_file", "_sheet")


Letters = dict[tuple[str, str], dict[str, str]]


def _problem(code: str, sev: Severity, rec: dict, field: str, letters: Letters, **params: Any) -> Problem:
    """A problem located at ``rec``'s row and ``field``'s column.

    ``value`` and ``header`` are the Problem's own fields, passed to every message
    already: given as parameters they fill those fields instead, so they can never reach
    ``translate`` twice.
    """
    sheet_letters = letters.get((rec["_file"], rec["_sheet"]), {})
    value = params.pop("value", display(rec.get(field)))
    header = params.pop("header", canonical(field) if field in _KEY_FIELDS else "")
    return Problem(
        code,
        sev,
        rec["_file"],
        rec["_sheet"],
        int(rec["_row"]),
        sheet_letters.get(field, ""),
        header,
        value,
        params,
    )


def filter_month(
    frames: dict[str, pd.DataFrame], month: str, problems: list[Problem], letters: Letters
) -> dict[str, pd.DataFrame]:
    """Drop dated rows outside ``month`` (YYYY-MM), counted and reported as one note per
    sheet and month with their Excel row ranges ("第 3–5 行属于 2026-10，已排除").

    A note, not an error: the month was chosen (with --month, or as the only month of the
    data), and the other months' rows are simply not this month's.
    """
    out = dict(frames)
    if not month:
        return out  # nothing dated was read
    for role in ("attendance", "reception", "qa"):
        df = frames[role]
        if "date" not in df or not len(df):
            continue
        inside = df["date"].map(functools.partial(_in_month, int(month[:4]), int(month[5:7])))
        if inside.all():
            continue
        left_out = df[~inside]
        groups: dict[tuple[str, str, str], list[int]] = {}
        for file, sheet, row, d in zip(
            left_out["_file"], left_out["_sheet"], left_out["_row"], left_out["date"], strict=True
        ):
            key = (as_text(file), as_text(sheet), f"{d.year:04d}-{d.month:02d}")
            groups.setdefault(key, []).append(int(row))
        for (file, sheet, other), rows in sorted(groups.items()):
            rows.sort()
            problems.append(
                Problem(
                    "month.rows_excluded",
                    Severity.INFO,
                    file,
                    sheet,
                    rows[0],
                    letters.get((file, sheet), {}).get("date", ""),
                    canonical("date"),
                    params={
                        "rows": row_ranges(rows),
                        "other": other,
                        "count": len(rows),
                        "month": month,
                        "role": ROLE_NAMES[role],
                    },
                )
            )
        out[role] = df[inside].reset_index(drop=True)
    return out


_MAX_RANGES = 20


def row_ranges(rows: list[int]) -> Bilingual:
    """Sorted Excel row numbers as ranges: ``第 3–5、8 行`` / ``rows 3–5, 8 belong``.

    Past twenty ranges the rest is elided, so a year of daily rows stays one line.
    """
    return both("rows.one" if len(rows) == 1 else "rows.many", spans=spans(rows))


def spans(rows: list[int]) -> Bilingual:
    """Sorted Excel row numbers as the ranges a message puts in its own words: ``3–5、8`` /
    ``3–5, 8``; past twenty ranges the rest is elided."""
    found: list[str] = []
    start = prev = rows[0]
    for r in (*rows[1:], None):
        if r is not None and r == prev + 1:
            prev = r
            continue
        found.append(str(start) if start == prev else f"{start}–{prev}")
        if r is not None:
            start = prev = r
    return listed(found[:_MAX_RANGES], cut=len(found) > _MAX_RANGES)


def months_outside(frames: dict[str, pd.DataFrame], month: str) -> list[str] | None:
    """The other months (YYYY-MM) the dated rows belong to, when none is in ``month``.

    None when some row is in ``month`` (an undated row counts as in it, as in
    ``filter_month``) or there are no dated rows at all. Days without a year
    (``10月3日``) take ``month``'s year, as they will when completed.
    """
    year, mon = int(month[:4]), int(month[5:7])
    seen: set[str] = set()
    for role in ("attendance", "reception", "qa"):
        df = frames[role]
        if not len(df):
            continue
        if "date" not in df:
            return None
        for d in df["date"]:
            if isinstance(d, dt.date):
                y, m = d.year, d.month
            elif isinstance(d, PartialDate):
                y, m = year, d.month
            else:
                return None
            if (y, m) == (year, mon):
                return None
            seen.add(f"{y:04d}-{m:02d}")
    return sorted(seen) or None


def _in_month(year: int, month: int, d: object) -> bool:
    """True for an undated row or a date inside the month."""
    return not isinstance(d, dt.date) or (d.year == year and d.month == month)


def drop_duplicates(
    frames: dict[str, pd.DataFrame], problems: list[Problem], letters: Letters
) -> dict[str, pd.DataFrame]:
    """Keep the first of each duplicated key and report the others, naming the kept row.

    A blank key cell (no date, no 会话编号) matches nothing: two rows that both lack a
    date are not the same day. A key column left entirely blank counts as absent. When
    the kept row is in another file or sheet, the message names that file and sheet.
    """
    out = dict(frames)
    for role, key in _KEYS.items():
        df = frames[role]
        if not len(df):
            continue
        cols = [k for k in key if k in df and not df[k].map(blank_key).all()]
        if len(cols) < len(key) and role != "reception":
            continue
        if role == "reception" and "date" not in cols:
            cols = ["agent_id"]
        blank = df[cols].map(blank_key).any(axis=1)
        keyed = df.loc[~blank, cols].astype(str)
        if "chat_id" in cols:
            keyed["chat_id"] = df.loc[~blank, "chat_id"].map(_chat_id_text)
        dup = pd.Series(False, index=df.index)
        dup[keyed.index] = keyed.duplicated(keep="first")
        if not dup.any():
            continue
        first_index: dict[tuple[str, ...], Any] = {}
        for idx, k in zip(keyed.index, map(tuple, keyed.to_numpy()), strict=True):
            first_index.setdefault(k, idx)
        # Who scored a chat is no part of the score: a chat scored alike by two reviewers is a
        # plain duplicate, and the line names both reviewers.
        # The key columns match by construction (a 会话编号 written 123.0 is the chat 123), so only
        # the rest can make two rows of one key disagree; who scored it (评分人) does not.
        data_cols = [c for c in df.columns if c not in _META and c != "reviewer" and c not in cols]
        for idx in df.index[dup]:
            rec = df.loc[idx].to_dict()
            first = df.loc[first_index[tuple(keyed.loc[idx])]]
            same = all(_same(first[c], rec[c]) for c in data_cols)
            keys = [f"{canonical(c)} {display(rec[c])}" for c in cols]
            key_text = listed(keys)
            code = "row.duplicate" if same else "row.duplicate_conflict"
            params: dict[str, Any] = {"first_row": int(first["_row"]), "key": key_text}
            where = _elsewhere(rec, first)
            if where is not None:
                code += "_elsewhere"
                params["where"] = where
            found = _problem(
                code, Severity.WARNING if same else Severity.ERROR, rec, cols[0], letters, **params
            )
            if role == "qa" and "reviewer" in df:
                found = replace(found, also=_reviewers(rec.get("reviewer"), first["reviewer"]))
            problems.append(found)
        out[role] = df[~dup].reset_index(drop=True)
    return out


def _reviewers(this: Any, kept: Any) -> tuple[Note, ...]:
    """The reviewers of a chat scored twice, as a sentence for its line; none when neither row says."""
    names = [display(x) for x in (this, kept)]
    if not any(names):
        return ()
    shown = [n or both("qa.no_reviewer") for n in names]
    return (Note.of("qa.twice_reviewers", this=shown[0], kept=shown[1]),)


def _chat_id_text(value: Any) -> str:
    """A 会话编号 as rows are matched by it, the way every reader compares it (123.0, as a number
    or as text, is 123); an id Excel shortened stays as written."""
    try:
        return canonical_chat_id(value) or str(value)
    except ValueError:
        return str(value)


def _elsewhere(rec: dict, first: pd.Series) -> Bilingual | None:
    """The kept row's place when it is in another file or sheet than ``rec``, else None."""
    file, sheet, row = as_text(first["_file"]), as_text(first["_sheet"]), int(first["_row"])
    if file != as_text(rec["_file"]):
        return both("rows.in_file", file=file, sheet=sheet, row=row)
    if sheet != as_text(rec["_sheet"]):
        return both("rows.in_sheet", sheet=sheet, row=row)
    return None


def _same(a: Any, b: Any) -> bool:
    if pd.isna(a) if not isinstance(a, (list, dict)) else False:
        return bool(pd.isna(b))
    return a == b


def cross_check(
    roster: dict,
    has_roster: bool,
    frames: dict[str, pd.DataFrame],
    problems: list[Problem],
    letters: Letters,
) -> None:
    """Report agents in the data but not the roster, and roster agents with no data."""
    if not has_roster:
        return
    for role in ("attendance", "reception", "qa"):
        df = frames[role]
        if not len(df):
            continue
        strangers = df[~df["agent_id"].isin(set(roster))].drop_duplicates("agent_id")
        for rec in strangers.to_dict("records"):
            problems.append(
                _problem(
                    "agent.not_in_roster", Severity.WARNING, rec, "agent_id", letters, agent=rec["agent_id"]
                )
            )
    for role in ("attendance", "reception", "qa"):
        df = frames[role]
        if not len(df):
            # One line for a missing sheet, not one per agent; a sheet that was read but
            # holds only other months' rows is not missing, and is not called so.
            code = "role.absent"
            if any(
                p.code == "month.rows_excluded" and p.params.get("role") == ROLE_NAMES[role] for p in problems
            ):
                code = "role.other_months"
            problems.append(
                Problem(
                    code,
                    Severity.WARNING,
                    params={
                        "role": Bilingual(*ROLE_NAMES[role]),
                        "month": next(
                            (p.params["month"] for p in problems if p.code == "month.rows_excluded"), ""
                        ),
                    },
                )
            )
            continue
        present = set(df["agent_id"])
        for agent, entry in roster.items():
            if agent not in present:
                problems.append(
                    Problem(
                        "agent.no_data",
                        Severity.WARNING,
                        params={
                            "agent": agent,
                            "name": as_text(entry.name) or "-",
                            "role": Bilingual(*ROLE_NAMES[role]),
                        },
                    )
                )


def check_chats(frames: dict[str, pd.DataFrame], problems: list[Problem], letters: Letters) -> None:
    """Report sampled chats whose attitude cannot be computed (no total, items incomplete)."""
    df = frames["qa"]
    items = [c for c in df.columns if c.startswith("item_")]
    if not len(df) or (not items and "attitude_score" not in df):
        return
    for rec in df.to_dict("records"):
        filled = sum(not pd.isna(rec[c]) for c in items)
        if (items and filled == len(items)) or not pd.isna(rec.get("attitude_score", None)):
            continue
        problems.append(
            _problem(
                "row.no_items", Severity.WARNING, rec, "agent_id", letters, filled=filled, items=len(items)
            )
        )
