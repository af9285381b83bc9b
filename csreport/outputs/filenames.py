"""The names of the files a run writes: the month's results and per-agent scorecards.

Agent names come from managers' workbooks, so they may hold anything: slashes, quotes,
control characters, bidi overrides, Windows device names or hundreds of characters.
The result must be a valid file name on Windows, macOS and Linux alike.
"""

from __future__ import annotations

import re
import unicodedata

from csreport.util.report_names import RESULTS_PREFIX

MAX_STEM_CHARS = 80
# Linux file systems limit a name to 255 bytes; CJK takes 3 bytes and emoji 4 per char.
MAX_STEM_BYTES = 200
SUFFIX = ".pdf"
FALLBACK_STEM = "scorecard"
# A file the user keeps beside the results under another name (客服绩效_2026-10_已签字.xlsx) is
# theirs, never taken for ours: see ``is_results_file``.
SCORECARDS_FOLDER = "scorecards"
# The card cache (``outputs.pdf``): rendered cards kept, per month, for the next run to re-use
# those whose content has not changed. Beside the month folders, never inside one.
CARD_CACHE_FOLDER = ".csreport-cache"

_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_SPACES = re.compile(r"\s+")
# Unicode categories removed outright: controls, format chars (bidi overrides, zero-width
# joiners that could disguise the extension), lone surrogates and unassigned code points.
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn"})
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


def results_workbook_name(month: str) -> str:
    """The results workbook of ``month`` (YYYY-MM): ``客服绩效_2026-10.xlsx``."""
    return f"{RESULTS_PREFIX}{month}.xlsx"


def results_json_name(month: str) -> str:
    """The machine-readable results of ``month``: ``客服绩效_2026-10.json``."""
    return f"{RESULTS_PREFIX}{month}.json"


def clean_component(text: str) -> str:
    """Return ``text`` with everything unsafe in a file name replaced or removed.

    Forbidden punctuation becomes ``-``, runs of whitespace become one space and
    invisible or control characters disappear. The result may be empty.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text)))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROP_CATEGORIES)
    text = _FORBIDDEN.sub("-", text)
    return text.strip(" .")


def _fit(stem: str, max_chars: int, max_bytes: int) -> str:
    """Cut ``stem`` on a character boundary so it fits both the char and byte bounds."""
    stem = stem[:max_chars]
    while len(stem.encode("utf-8")) > max_bytes:
        stem = stem[:-1]
    # Windows silently drops trailing dots and spaces, so remove them ourselves.
    return stem.rstrip(" .")


def _is_reserved(stem: str) -> bool:
    """Whether Windows treats ``stem`` as a device name (``CON``, ``com1.x``, ...)."""
    return stem.split(".", 1)[0].rstrip(" ").upper() in _RESERVED


def safe_stem(agent_id: str, name: str) -> str:
    """The file name without extension: ``<工号>_<姓名>``, cleaned and bounded."""
    parts = [p for p in (clean_component(agent_id), clean_component(name)) if p]
    stem = _fit("_".join(parts), MAX_STEM_CHARS, MAX_STEM_BYTES) or FALLBACK_STEM
    if _is_reserved(stem):
        stem = _fit(f"_{stem}", MAX_STEM_CHARS, MAX_STEM_BYTES)
    return stem


def scorecard_filename(agent_id: str, name: str, taken: set[str]) -> str:
    """Return a Windows-safe, unique ``<工号>_<姓名>.pdf`` and record it in ``taken``.

    Uniqueness is case-insensitive (Windows and macOS file systems are): a clash gets
    ``_2``, ``_3``, ... appended, shortening the name if needed to stay within bounds.
    """
    stem = safe_stem(agent_id, name)
    used = {t.casefold() for t in taken}
    candidate = stem + SUFFIX
    counter = 1
    while candidate.casefold() in used:
        counter += 1
        tail = f"_{counter}"
        base = _fit(stem, MAX_STEM_CHARS - len(tail), MAX_STEM_BYTES - len(tail))
        candidate = f"{base or FALLBACK_STEM}{tail}{SUFFIX}"
    taken.add(candidate)
    return candidate
