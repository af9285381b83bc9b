"""Agent identity: map shop sub-accounts (旺旺, 客服昵称) to 工号 through the roster.

Exports name agents by sub-account, often ``店铺名:昵称``. The roster's 旺旺 column says
which 工号 each belongs to. A sub-account the roster does not know is reported and kept
under its own name, so its data is never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Accounts:
    """The roster's 旺旺 and 姓名, indexed to tell whose a sub-account is: the one lookup both the
    data's sub-accounts (``resolve_agents``) and a QA sample list's agents go through, so the two
    can never name different agents."""

    exact: Mapping[str, str]  # sub-account → 工号
    nick: Mapping[str, str]  # nickname after 店铺: → 工号 (a nickname two agents share: neither)
    names: Mapping[str, str]  # 姓名 → 工号 (see ``name_index``)

    @classmethod
    def of(cls, roster: Mapping[str, object]) -> Accounts:
        exact, nick = subaccount_index(roster)
        return cls(exact, nick, name_index(roster))

    def owner(self, subaccount: str) -> tuple[str | None, bool]:
        """The 工号 ``subaccount`` belongs to, and True when only the roster's 姓名 says so;
        (None, False) when the roster does not know it."""
        keys = subaccount_keys(subaccount)
        found = self.exact.get(keys[0]) or self.exact.get(keys[-1]) or self.nick.get(keys[-1])
        if found is None and len(keys) == 1 and (by_name := self.names.get(keys[0])) is not None:
            # An export naming agents by their real name (客服姓名 mapped to 旺旺), with no
            # 店铺: prefix: the roster's 姓名, when one agent without an account has it, says who.
            return by_name, True
        return found, False


def resolve_agents(
    frames: dict[str, pd.DataFrame],
    roster: Mapping[str, object],
    letters: Mapping[tuple[str, str], Mapping[str, str]],
    problems: list[Problem],
) -> dict[str, pd.DataFrame]:
    """Fill ``agent_id`` from ``subaccount`` in every data table; report what cannot be."""
    accounts = Accounts.of(roster)
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
            owner, by_name = accounts.owner(sub)
            lookup[sub] = owner
            if by_name and owner is not None:
                named[sub] = owner  # found by 姓名: said, never silent
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
