"""Header recognition: which row is the header, which field each column is, which role.

A sheet's role (roster, attendance, reception, sampled chats) comes from its header
alone; its name and position do not matter. Headers may sit under a title block and may
span two rows (a merged group label over sub-headers).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from csreport.domain import ATTITUDE_ITEMS
from csreport.messages import both

HEADER_SCAN_ROWS = 30
IGNORE = "_ignore"  # a header csreport knows but does not score with

# What each kind of sheet is called in messages, (Chinese, English).
ROLE_NAMES = {role: both(f"role.name.{role}") for role in ("roster", "attendance", "reception", "qa")}
ITEM_FIELDS = tuple(f"item_{i}" for i in range(len(ATTITUDE_ITEMS)))
IDENTITY = ("agent_id", "subaccount")

ROLE_FIELDS: dict[str, tuple[str, ...]] = {
    "roster": ("agent_id", "name", "group", "hire_date", "post_status", "level", "subaccount", "bonus_base"),
    "attendance": ("agent_id", "subaccount", "name", "date", "att_status", "work_days"),
    "reception": (
        "agent_id",
        "subaccount",
        "name",
        "date",
        "received",
        "inquiries",
        "replied",
        "unreplied",
        "reply_rate",
        "avg_response_s",
        "first_response_s",
        "pre_sales",
        "inquiry_paid",
        "inquiry_conversion",
        "paid_orders",
        "sales",
        "satisfaction_rate",
    ),
    "qa": (
        "agent_id",
        "subaccount",
        "name",
        "date",
        "chat_id",
        "satisfaction",
        *ITEM_FIELDS,
        "attitude_score",
        "error_type",
        "shop_risk",
    ),
}
# Fields whose presence marks a role (the roster is what is left when none match).
_ROLE_KEYS: dict[str, tuple[str, ...]] = {
    "attendance": ("att_status", "work_days"),
    "reception": (
        "received",
        "inquiries",
        "replied",
        "unreplied",
        "reply_rate",
        "avg_response_s",
        "first_response_s",
        "paid_orders",
        "pre_sales",
    ),
    "qa": ("chat_id", "attitude_score", "error_type", "shop_risk", *ITEM_FIELDS),
}
_ROSTER_ONLY = ("group", "hire_date", "post_status", "level", "bonus_base")
# When two columns mean the same field, the one in seconds wins (赤兔 gives both).
_SECONDS = re.compile(r"秒|\(s\)")


def normalize_header(text: object) -> str:
    """Header text for matching: NFKC, no spaces/line breaks/``*`` markers, lower case."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    s = re.sub(r"[\s*＊]+", "", s)
    return s.lower()


@functools.cache
def shipped_aliases() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised header → field, field → canonical header) from aliases.yaml."""
    text = (resources.files("csreport.inputs") / "aliases.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    aliases: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for field, names in data["fields"].items():
        canonical[field] = str(names[0])
        for name in names:
            aliases.setdefault(normalize_header(name), field)
    for field, (zh, _max) in zip(ITEM_FIELDS, ATTITUDE_ITEMS, strict=True):
        canonical[field] = zh
        for name in (zh, zh.replace(",", ""), zh.split(",")[0]):
            aliases.setdefault(normalize_header(name), field)
    for name in data.get("ignore") or ():
        aliases.setdefault(normalize_header(name), IGNORE)
    return aliases, canonical


def canonical(field: str) -> str:
    """The Chinese header csreport writes for ``field``."""
    return shipped_aliases()[1].get(field, field)


def field_for(header: object, user: dict[str, str] | None = None) -> str | None:
    """The field a header names (user mapping first), ``IGNORE``, or None."""
    key = normalize_header(header)
    if user and key in user:
        return user[key]
    return shipped_aliases()[0].get(key)


@dataclass(frozen=True)
class HeaderMatch:
    """A recognised header: where it is, the role, and column position → field."""

    row_index: int  # 0-based index of the (first) header row in RawSheet.rows
    header_rows: int  # 1, or 2 for a group label over sub-headers
    role: str
    columns: dict[int, str]  # position in row → field
    headers: dict[int, str]  # position in row → header text as written
    unmapped: tuple[int, ...]  # positions whose header maps to nothing
    duplicates: tuple[int, ...] = ()  # positions that repeat a field another column gives

    @property
    def data_start(self) -> int:
        """0-based index of the first data row."""
        return self.row_index + self.header_rows


def detect(rows: list[list[Any]], user: dict[str, str] | None = None) -> HeaderMatch | None:
    """Find the header (one row or two) in the first rows and decide the sheet's role."""
    best: tuple[int, int, int, dict[int, str], dict[int, str]] | None = None
    limit = min(HEADER_SCAN_ROWS, len(rows))
    singles = [_map(_texts_one(rows[i]), user) for i in range(min(limit + 1, len(rows)))]
    for index in range(limit):
        candidates = [(1, _texts_one(rows[index]), singles[index])]
        if index + 1 < len(rows):
            texts = _texts_two(rows[index], rows[index + 1])
            candidates.append((2, texts, _map(texts, user)))
        for height, texts, columns in candidates:
            score = _score(columns)
            # Two rows only when the pair says more than the lower row alone (a title
            # above a plain header is not a group label).
            if height == 2 and score <= _score(singles[index + 1]):
                continue
            if _plausible(set(columns.values())) and (best is None or score > best[1]):
                best = (index, score, height, columns, {p: t[0] for p, t in texts.items()})
    if best is None:
        return None
    index, _, height, columns, shown = best
    fields = set(columns.values())
    role = _role_of(fields)
    if role is None:
        return None
    chosen, dups = _resolve_duplicates(columns, shown)
    unmapped = tuple(p for p in shown if p not in columns)
    return HeaderMatch(index, height, role, chosen, shown, unmapped, dups)


def _score(columns: dict[int, str]) -> int:
    return sum(1 for f in columns.values() if f != IGNORE)


def _cell_text(cell: Any) -> str:
    return str(cell).strip() if isinstance(cell, str) else ""


def _texts_one(row: list[Any]) -> dict[int, tuple[str, ...]]:
    """Per column: (shown header, candidate texts to match)."""
    return {p: (t, t) for p, c in enumerate(row) if (t := _cell_text(c))}


def _texts_two(top: list[Any], bottom: list[Any]) -> dict[int, tuple[str, ...]]:
    """Combine a group-label row with its sub-header row, column by column."""
    out: dict[int, tuple[str, ...]] = {}
    label = ""
    for p in range(max(len(top), len(bottom))):
        upper = _cell_text(top[p]) if p < len(top) else ""
        lower = _cell_text(bottom[p]) if p < len(bottom) else ""
        # A merged group label only has text in its first cell: carry it right while
        # sub-headers continue beneath it.
        label = upper or (label if lower else "")
        if not label and not lower:
            continue
        if lower and label:
            out[p] = (f"{label}/{lower}", lower, label + lower)
        elif lower:
            out[p] = (lower, lower)
        else:
            out[p] = (label, label)
    return out


def _map(texts: dict[int, tuple[str, ...]], user: dict[str, str] | None) -> dict[int, str]:
    columns: dict[int, str] = {}
    for pos, (_shown, *tries) in texts.items():
        for text in tries:
            field = field_for(text, user)
            if field:
                columns[pos] = field
                break
    return columns


def _plausible(fields: set[str]) -> bool:
    # Without an identity column, demand two role-specific headers so a stray notes
    # sheet is not mistaken for data with a missing 工号.
    keyed = max(len(fields & set(keys)) for keys in _ROLE_KEYS.values())
    named = len(fields - {IGNORE})
    return named >= 2 and (bool(fields & set(IDENTITY)) or keyed >= 2)


def _resolve_duplicates(
    columns: dict[int, str], shown: dict[int, str]
) -> tuple[dict[int, str], tuple[int, ...]]:
    chosen: dict[str, int] = {}
    dups: list[int] = []
    for pos, field in columns.items():
        if field == IGNORE:
            continue
        if field not in chosen:
            chosen[field] = pos
            continue
        keep = chosen[field]
        if _SECONDS.search(shown[pos]) and not _SECONDS.search(shown[keep]):
            keep, pos = pos, keep
        chosen[field] = keep
        dups.append(pos)
    kept = {pos: field for field, pos in chosen.items()}
    ignored = {pos: IGNORE for pos, field in columns.items() if field == IGNORE}
    return dict(sorted({**kept, **ignored}.items())), tuple(sorted(dups))


def _role_of(fields: set[str]) -> str | None:
    scores = {role: len(fields & set(keys)) for role, keys in _ROLE_KEYS.items()}
    role, score = max(scores.items(), key=lambda kv: kv[1])
    if score:
        return role
    # A dated sheet without attendance or reception columns is not a roster.
    if (
        "agent_id" in fields
        and "date" not in fields
        and (fields & set(_ROSTER_ONLY) or fields & {"name", "subaccount"})
    ):
        return "roster"
    return None


def required_missing(role: str, fields: set[str]) -> list[str]:
    """Canonical names of required columns the sheet lacks, for the problem report."""
    missing: list[str] = []
    if role == "roster" and "agent_id" not in fields:
        missing.append(canonical("agent_id"))
    elif role != "roster" and not fields & set(IDENTITY):
        missing.append(f"{canonical('agent_id')}/{canonical('subaccount')}")
    if role == "attendance" and "work_days" not in fields:
        missing += [canonical(f) for f in ("date", "att_status") if f not in fields]
    if role == "reception" and "received" not in fields:
        missing.append(canonical("received"))
    if role == "qa" and not fields & {"attitude_score", "item_0", "error_type"}:
        missing.append("态度得分/十项评分")
    return missing
