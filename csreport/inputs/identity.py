"""Agent identity: map shop sub-accounts (旺旺, 客服昵称) to 工号 through the roster.

Exports name agents by sub-account, often ``店铺名:昵称``. The roster's 旺旺 column says
which 工号 each belongs to. A sub-account the roster does not know is reported and kept
under its own name, so its data is never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from csreport.inputs.values import as_text, clean_text, display
from csreport.problems import Problem, Severity

_SPLIT = re.compile(r"[,，;；/、\s]+")
_SHOP_SEP = re.compile(r"[:：]")


def subaccount_keys(subaccount: str) -> list[str]:
    """Lookup keys for a sub-account: the full text and the nickname after ``店铺:``."""
    text = clean_text(subaccount).lower()
    keys = [text]
    if _SHOP_SEP.search(text):
        keys.append(_SHOP_SEP.split(text, maxsplit=1)[1].strip())
    return keys


def subaccount_index(roster: Mapping[str, object]) -> tuple[dict[str, str], dict[str, str]]:
    """(exact sub-account → 工号, nickname → 工号) from the roster's 旺旺 cells.

    A roster cell may hold several sub-accounts separated by commas or slashes. A nickname
    shared by two agents maps to nobody: it would be a guess.
    """
    exact: dict[str, str] = {}
    nick: dict[str, str | None] = {}
    for agent_id, entry in roster.items():
        for part in _SPLIT.split(as_text(getattr(entry, "subaccount", ""))):
            if not part:
                continue
            keys = subaccount_keys(part)
            exact[keys[0]] = agent_id
            short = keys[-1]
            nick[short] = agent_id if nick.get(short, agent_id) == agent_id else None
    return exact, {k: v for k, v in nick.items() if v}


def name_index(roster: Mapping[str, object]) -> dict[str, str]:
    """The roster's 姓名 (lower case) → 工号, for names only one agent has, and only agents
    the roster gives no 旺旺: an agent with an account is found by it, and another account
    named like them is someone else."""
    found: dict[str, str | None] = {}
    for agent_id, entry in roster.items():
        if as_text(getattr(entry, "subaccount", "")):
            continue
        name = clean_text(as_text(getattr(entry, "name", ""))).lower()
        if name:
            found[name] = agent_id if found.get(name, agent_id) == agent_id else None
    return {k: v for k, v in found.items() if v}


def resolve_agents(
    frames: dict[str, pd.DataFrame],
    roster: Mapping[str, object],
    letters: Mapping[tuple[str, str], Mapping[str, str]],
    problems: list[Problem],
) -> dict[str, pd.DataFrame]:
    """Fill ``agent_id`` from ``subaccount`` in every data table; report what cannot be."""
    exact, nick = subaccount_index(roster)
    names = name_index(roster)
    named: dict[str, str] = {}  # sub-account → 工号 found by the roster's 姓名
    out = dict(frames)
    for role in ("attendance", "reception", "qa"):
        df = frames[role]
        if not len(df) or "subaccount" not in df:
            continue
        ids = df["agent_id"] if "agent_id" in df else pd.Series(None, index=df.index, dtype=object)
        missing = ids.map(as_text) == ""
        if not missing.any():
            continue
        lookup: dict[str, str | None] = {}
        for sub in df.loc[missing, "subaccount"].dropna().unique():
            keys = subaccount_keys(sub)
            lookup[sub] = exact.get(keys[0]) or exact.get(keys[-1]) or nick.get(keys[-1])
            if lookup[sub] is None and len(keys) == 1 and (by_name := names.get(keys[0])) is not None:
                # An export naming agents by their real name (客服姓名 mapped to 旺旺), with
                # no 店铺: prefix: the roster's 姓名, when one agent without an account has
                # it, says who; said, never silent.
                lookup[sub] = by_name
                named[sub] = by_name
        mapped = df.loc[missing, "subaccount"].map(lookup)
        unknown = mapped.isna()
        if "_summary" in df:
            # A summary row (店铺汇总值) is left out once the roster is known, not reported here.
            unknown &= df.loc[missing, "_summary"].isna()
        first_rows = df.loc[missing][unknown].drop_duplicates("subaccount")
        for rec in first_rows.to_dict("records"):
            col = letters.get((rec["_file"], rec["_sheet"]), {}).get("subaccount", "")
            problems.append(
                Problem(
                    "agent.unmapped_subaccount",
                    Severity.WARNING,
                    rec["_file"],
                    rec["_sheet"],
                    int(rec["_row"]),
                    col,
                    "旺旺",
                    display(rec["subaccount"]),
                    {"subaccount": rec["subaccount"]},
                )
            )
        for rec in (
            df.loc[missing][df.loc[missing, "subaccount"].isin(list(named))]
            .drop_duplicates("subaccount")
            .to_dict("records")
        ):
            col = letters.get((rec["_file"], rec["_sheet"]), {}).get("subaccount", "")
            problems.append(
                Problem(
                    "agent.matched_by_name",
                    Severity.INFO,
                    rec["_file"],
                    rec["_sheet"],
                    int(rec["_row"]),
                    col,
                    "旺旺",
                    display(rec["subaccount"]),
                    {"subaccount": rec["subaccount"], "agent": named.pop(rec["subaccount"])},
                )
            )
        # Kept under the sub-account itself: reported, scored as not in the roster.
        mapped = mapped.where(~unknown, df.loc[missing, "subaccount"])
        fixed = df.copy()
        fixed["agent_id"] = ids.astype(object)
        fixed.loc[missing, "agent_id"] = mapped
        out[role] = fixed
    return out
