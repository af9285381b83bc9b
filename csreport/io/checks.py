"""Whole-table checks: the month filter, duplicate rows, and roster cross-checks."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd

from csreport.io.headers import ROLE_NAMES
from csreport.io.values import display
from csreport.problems import Problem, Severity

# Which columns identify a row, per role; exact duplicates are checked on all columns.
_KEYS = {
    "roster": ("agent_id",),
    "attendance": ("agent_id", "date"),
    "reception": ("agent_id", "date"),
    "qa": ("agent_id", "chat_id"),
}
_KEY_NAMES = {"agent_id": "工号", "date": "日期", "chat_id": "会话编号"}
_META = ("_row", "_file", "_sheet")


Letters = dict[tuple[str, str], dict[str, str]]


def _problem(code: str, sev: Severity, rec: dict, field: str, letters: Letters, **params) -> Problem:
    """A problem located at ``rec``'s row and ``field``'s column."""
    sheet_letters = letters.get((rec["_file"], rec["_sheet"]), {})
    return Problem(code, sev, rec["_file"], rec["_sheet"], int(rec["_row"]),
                   sheet_letters.get(field, ""), _KEY_NAMES.get(field, ""),
                   display(rec.get(field)), params)


def filter_month(
    frames: dict[str, pd.DataFrame], month: str, problems: list[Problem], letters: Letters
) -> dict[str, pd.DataFrame]:
    """Drop (and report) dated rows outside ``month`` (YYYY-MM)."""
    out = dict(frames)
    for role in ("attendance", "reception", "qa"):
        df = frames[role]
        if "date" not in df or not len(df):
            continue
        inside = df["date"].map(functools.partial(_in_month, int(month[:4]), int(month[5:7])))
        if inside.all():
            continue
        for rec in df[~inside].to_dict("records"):
            problems.append(_problem("row.outside_month", Severity.WARNING, rec, "date",
                                     letters, month=month, value=display(rec["date"])))
        out[role] = df[inside].reset_index(drop=True)
    return out


def _in_month(year: int, month: int, d: object) -> bool:
    """True for an undated row or a date inside the month."""
    return not isinstance(d, dt.date) or (d.year == year and d.month == month)


def drop_duplicates(
    frames: dict[str, pd.DataFrame], problems: list[Problem], letters: Letters
) -> dict[str, pd.DataFrame]:
    """Keep the first of each duplicated key and report the others, naming the kept row."""
    out = dict(frames)
    for role, key in _KEYS.items():
        df = frames[role]
        cols = [k for k in key if k in df]
        if not len(df) or (len(cols) < len(key) and role != "reception"):
            continue
        if role == "reception" and "date" not in df:
            cols = ["agent_id"]
        keyed = df[cols].astype(str)
        dup = keyed.duplicated(keep="first")
        if not dup.any():
            continue
        first_index = {}
        for idx, k in zip(keyed.index, map(tuple, keyed.to_numpy()), strict=True):
            first_index.setdefault(k, idx)
        data_cols = [c for c in df.columns if c not in _META]
        for idx in df.index[dup]:
            rec = df.loc[idx].to_dict()
            first = df.loc[first_index[tuple(keyed.loc[idx])]]
            same = all(_same(first[c], rec[c]) for c in data_cols)
            key_text = "、".join(f"{_KEY_NAMES[c]} {display(rec[c])}" for c in cols)
            code = "row.duplicate" if same else "row.duplicate_conflict"
            problems.append(_problem(code, Severity.WARNING if same else Severity.ERROR, rec,
                                     cols[0], letters, first_row=int(first["_row"]),
                                     key=key_text))
        out[role] = df[~dup].reset_index(drop=True)
    return out


def _same(a: object, b: object) -> bool:
    if pd.isna(a) if not isinstance(a, (list, dict)) else False:
        return bool(pd.isna(b))
    return a == b


def cross_check(
    roster: dict, has_roster: bool, frames: dict[str, pd.DataFrame], problems: list[Problem],
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
            problems.append(_problem("agent.not_in_roster", Severity.WARNING, rec,
                                     "agent_id", letters, agent=rec["agent_id"]))
    for role in ("attendance", "reception", "qa"):
        df = frames[role]
        if not len(df):
            # One line for a missing sheet, not one per agent.
            problems.append(Problem("role.absent", Severity.WARNING, params={
                "role": ROLE_NAMES[role][0], "role_en": ROLE_NAMES[role][1]}))
            continue
        present = set(df["agent_id"])
        for agent, entry in roster.items():
            if agent not in present:
                problems.append(Problem("agent.no_data", Severity.WARNING, params={
                    "agent": agent, "name": entry.name or "-", "role": ROLE_NAMES[role][0],
                    "role_en": ROLE_NAMES[role][1],
                }))


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
        problems.append(_problem("row.no_items", Severity.WARNING, rec, "agent_id", letters,
                                 filled=filled, items=len(items)))
