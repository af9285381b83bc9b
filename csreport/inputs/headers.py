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
from dataclasses import field as dataclass_field
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from csreport.domain import ATTITUDE_ITEMS
from csreport.messages import both

if TYPE_CHECKING:
    from csreport.inputs.mapping import UserMapping

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
        "unreplied_rate",
        "reply_rate",
        "avg_response_s",
        "first_response_s",
        "pre_sales",
        "inquiry_paid",
        "inquiry_conversion",
        "inquiry_loss_rate",
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
        "reviewer",
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
        "unreplied_rate",
        "reply_rate",
        "avg_response_s",
        "first_response_s",
        "paid_orders",
        "pre_sales",
        "inquiry_loss_rate",
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
def alias_table() -> dict[str, Any]:
    """The shipped alias table (aliases.yaml) as written: fields, derive and ignore."""
    text = (resources.files("csreport.inputs") / "aliases.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.cache
def shipped_aliases() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised header → field, field → canonical header) from aliases.yaml."""
    data = alias_table()
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


def field_for(header: object, user: UserMapping | None = None) -> str | None:
    """The (first) field a header names (user mapping first), ``IGNORE``, or None."""
    fields = fields_for(header, user)
    return fields[0] if fields else None


def fields_for(header: object, user: UserMapping | None = None) -> tuple[str, ...]:
    """Every field a header feeds: the user mapping's (one header may feed several), else
    the shipped alias's; () when neither knows it."""
    key = normalize_header(header)
    if user is not None and key in user.columns:
        return tuple(user.columns[key])
    found = shipped_aliases()[0].get(key)
    return (found,) if found else ()


@functools.cache
def target_names() -> dict[str, str]:
    """Every name a mapping may point at (canonical headers, aliases, field ids), normalised,
    to the field id."""
    aliases, canon = shipped_aliases()
    targets = {k: f for k, f in aliases.items() if f != IGNORE}
    for field in canon:
        targets[normalize_header(field)] = field
        targets[normalize_header(canonical(field))] = field
    return targets


def role_fields(role: str, user: UserMapping | None = None) -> tuple[str, ...]:
    """The fields a sheet of ``role`` carries; a reception sheet also the declared fields."""
    declared = tuple(d.name for d in user.fields) if user is not None and role == "reception" else ()
    return (*ROLE_FIELDS[role], *declared)


@dataclass(frozen=True)
class HeaderMatch:
    """A recognised header: where it is, the role, and column position → field."""

    row_index: int  # 0-based index of the (first) header row in RawSheet.rows
    header_rows: int  # 1, or 2 for a group label over sub-headers
    role: str
    columns: dict[int, str]  # position in row → (first) field
    headers: dict[int, str]  # position in row → header text as written
    unmapped: tuple[int, ...]  # positions whose header maps to nothing
    duplicates: tuple[int, ...] = ()  # positions that repeat a field another column gives
    fed: dict[int, tuple[str, ...]] = dataclass_field(default_factory=dict)  # position → every field it feeds
    foreign: dict[int, tuple[str, ...]] = dataclass_field(
        default_factory=dict
    )  # fields of another sheet type
    from_user: frozenset[int] = frozenset()  # positions the user's mapping file named

    @property
    def data_start(self) -> int:
        """0-based index of the first data row."""
        return self.row_index + self.header_rows


@dataclass(frozen=True)
class HeaderGuess:
    """The row that looked most like a header, for explaining a sheet that was skipped."""

    row_index: int
    header_rows: int
    headers: dict[int, str]
    fed: dict[int, tuple[str, ...]]


@dataclass(frozen=True)
class Detection:
    """What header detection found: the match, or why none and the best guess."""

    match: HeaderMatch | None
    guess: HeaderGuess | None  # the best candidate row (also when nothing matched)
    looked: int  # how many rows were looked at
    why: str = ""  # when no match: "no_header", "no_identity", "too_few" or "no_role"


def detect(rows: list[list[Any]], user: UserMapping | None = None) -> HeaderMatch | None:
    """Find the header (one row or two) in the first rows and decide the sheet's role."""
    return detect_sheet(rows, user).match


def detect_sheet(rows: list[list[Any]], user: UserMapping | None = None) -> Detection:
    """Find the header and role, and when there is none, the row that came closest and why."""
    best: tuple[int, int, int, dict[int, tuple[str, ...]], dict[int, str]] | None = None
    guess: tuple[int, int, int, dict[int, tuple[str, ...]], dict[int, str]] | None = None
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
            shown = {p: t[0] for p, t in texts.items()}
            if score and (guess is None or score > guess[1]):
                guess = (index, score, height, columns, shown)
            if _plausible(_flat(columns), user) and (best is None or score > best[1]):
                best = (index, score, height, columns, shown)
    hint = _guess(guess, rows[:limit])
    if best is None:
        if guess is None:
            return Detection(None, hint, limit, "no_header")
        # An identity column alone (客服昵称) is too little to tell the kind of sheet.
        why = "too_few" if _flat(guess[3]) & set(IDENTITY) else "no_identity"
        return Detection(None, hint, limit, why)
    index, _, height, columns, shown = best
    fields = _flat(columns)
    role = _role_of(fields, user)
    if role is None:
        return Detection(None, HeaderGuess(index, height, shown, columns), limit, "no_role")
    allowed = set(role_fields(role, user)) | {IGNORE}
    columns = _for_role(columns, shown, texts_of(rows, index, height), role, allowed, user)
    usable = {p: tuple(f for f in fs if f in allowed) for p, fs in columns.items()}
    foreign = {p: tuple(f for f in fs if f not in allowed) for p, fs in columns.items()}
    chosen, dups = _resolve_duplicates({p: fs for p, fs in usable.items() if fs}, shown)
    unmapped = tuple(p for p in shown if p not in columns)
    from_user = frozenset(p for p, t in shown.items() if user is not None and _user_names(t, user))
    match = HeaderMatch(
        index,
        height,
        role,
        {p: fs[0] for p, fs in chosen.items()},
        shown,
        unmapped,
        dups,
        chosen,
        {p: fs for p, fs in foreign.items() if fs},
        from_user,
    )
    return Detection(match, HeaderGuess(index, height, shown, columns), limit)


def texts_of(rows: list[list[Any]], index: int, height: int) -> dict[int, tuple[str, ...]]:
    """The header texts of the chosen row (or pair of rows), as ``_map`` reads them."""
    return _texts_one(rows[index]) if height == 1 else _texts_two(rows[index], rows[index + 1])


def _for_role(
    columns: dict[int, tuple[str, ...]],
    shown: dict[int, str],
    texts: dict[int, tuple[str, ...]],
    role: str,
    allowed: set[str],
    user: UserMapping | None,
) -> dict[int, tuple[str, ...]]:
    """The user's mapping is written for exports: where it sends a header to a field this
    kind of sheet does not carry (满意度 → 客户满意率 on the 质检 sheet), or the sheet is the
    roster, a header the shipped table knows keeps its shipped meaning."""
    if user is None:
        return columns
    out = dict(columns)
    for pos, fields in columns.items():
        if not _user_names(shown[pos], user):
            continue
        shipped = _map({pos: texts[pos]}, None).get(pos, ()) if pos in texts else ()
        if shipped and (role == "roster" or not any(f in allowed for f in fields)):
            if all(f in allowed for f in shipped):
                out[pos] = shipped
    return out


def _user_names(header: str, user: UserMapping) -> bool:
    """True when the user's mapping names ``header`` (as shown, or its sub-header part)."""
    return any(normalize_header(part) in user.columns for part in (header, header.rpartition("/")[2]))


def _guess(
    found: tuple[int, int, int, dict[int, tuple[str, ...]], dict[int, str]] | None, rows: list[list[Any]]
) -> HeaderGuess | None:
    """The best candidate header; with none recognised, the first row holding text."""
    if found is not None:
        index, _, height, columns, shown = found
        return HeaderGuess(index, height, shown, columns)
    for index, row in enumerate(rows):
        texts = {p: t for p, (t, *_rest) in _texts_one(row).items()}
        if len(texts) >= 2:
            return HeaderGuess(index, 1, texts, {})
    return None


def _flat(columns: dict[int, tuple[str, ...]]) -> set[str]:
    return {f for fs in columns.values() for f in fs}


def _score(columns: dict[int, tuple[str, ...]]) -> int:
    return sum(1 for fs in columns.values() if any(f != IGNORE for f in fs))


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


def _map(texts: dict[int, tuple[str, ...]], user: UserMapping | None) -> dict[int, tuple[str, ...]]:
    columns: dict[int, tuple[str, ...]] = {}
    for pos, (_shown, *tries) in texts.items():
        for text in tries:
            fields = fields_for(text, user)
            if fields:
                columns[pos] = fields
                break
    return columns


def _keys(role: str, user: UserMapping | None) -> set[str]:
    declared = {d.name for d in user.fields} if user is not None and role == "reception" else set()
    return set(_ROLE_KEYS[role]) | declared


def _plausible(fields: set[str], user: UserMapping | None = None) -> bool:
    # Without an identity column, demand two role-specific headers so a stray notes
    # sheet is not mistaken for data with a missing 工号.
    keyed = max(len(fields & _keys(role, user)) for role in _ROLE_KEYS)
    named = len(fields - {IGNORE})
    return named >= 2 and (bool(fields & set(IDENTITY)) or keyed >= 2)


def _resolve_duplicates(
    columns: dict[int, tuple[str, ...]], shown: dict[int, str]
) -> tuple[dict[int, tuple[str, ...]], tuple[int, ...]]:
    """Each field from one column: when two columns give it, the one in seconds wins, else
    the first. A column left with no field of its own is a duplicate."""
    chosen: dict[str, int] = {}
    for pos, fields in columns.items():
        for f in fields:
            if f == IGNORE:
                continue
            keep = chosen.get(f)
            if (
                keep is None
                or (_SECONDS.search(shown[pos]) and not _SECONDS.search(shown[keep]))
                # A column of its own beats one a mapping shares between fields.
                or (len(fields) == 1 and len(columns[keep]) > 1)
            ):
                chosen[f] = pos
    out: dict[int, tuple[str, ...]] = {}
    dups: list[int] = []
    for pos, fields in columns.items():
        mine = tuple(f for f in fields if f == IGNORE or chosen.get(f) == pos)
        if mine:
            out[pos] = mine
        else:
            dups.append(pos)
    return dict(sorted(out.items())), tuple(sorted(dups))


def _role_of(fields: set[str], user: UserMapping | None = None) -> str | None:
    scores = {role: len(fields & _keys(role, user)) for role in _ROLE_KEYS}
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
    if role == "qa" and not fields & {"attitude_score", "item_0", "error_type"}:
        missing.append("态度得分/十项评分")
    return missing
