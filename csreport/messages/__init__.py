"""User-facing text in Chinese (default) and English.

Messages are templates keyed by a stable code; parameters are filled in with
``str.format``. A missing parameter leaves its placeholder visible rather than raising,
because a half-filled message is better than a traceback.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from csreport.messages import (
    blank_templates,
    calibration,
    calibration_pdf,
    commands,
    coverage,
    general,
    history,
    history_import,
    interviews,
    mapping,
    office,
    outputs,
    pdf,
    pdf_engines,
    qa_flow,
    reading,
    review,
    review_apply,
    rules,
    rules_sheet,
    sample_rules,
    sampling,
    scorecard,
    scoring,
    settings,
    summaries,
    task_sheet,
    teams,
    trends,
    watch,
    wording,
    workbook,
)

_TOPICS = (
    general,
    reading,
    mapping,
    settings,
    rules,
    scoring,
    wording,
    coverage,
    workbook,
    teams,
    rules_sheet,
    scorecard,
    summaries,
    pdf,
    outputs,
    commands,
    history,
    trends,
    interviews,
    review,
    review_apply,
    history_import,
    sample_rules,
    sampling,
    task_sheet,
    qa_flow,
    calibration,
    calibration_pdf,
    pdf_engines,
    watch,
    blank_templates,
    office,
)


def _merge() -> dict[str, tuple[str, str]]:
    """The one catalogue, code -> (zh, en), from the topic modules; a code defined twice is a bug."""
    merged: dict[str, tuple[str, str]] = {}
    for topic in _TOPICS:
        for code, pair in topic.TEXT.items():
            if code in merged:
                raise RuntimeError(f"message code {code!r} is defined twice ({topic.__name__})")
            merged[code] = pair
    return merged


MESSAGES: dict[str, tuple[str, str]] = _merge()

LANGS = ("zh", "en")


class Bilingual(NamedTuple):
    """A message parameter written in both languages; ``translate`` picks one."""

    zh: str
    en: str


class _SafeDict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# Every message is one line, whatever the data holds: line breaks and other control
# characters in a cell, a header or a file name become a space.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# A parameter longer than this is data pasted whole (a 32,767-character name): it is
# shown cut, with "…", so one message stays one readable line. Cell values and headers
# are cut sooner; lists the message is made of (each file and why) later.
PARAM_CHARS = 300
_PARAM_LIMITS = {
    "value": 100,
    "header": 100,
    "reasons": 2000,
    "findings": 2000,
    "what": 2000,
    "spans": 2000,
    "why": 2000,
    "problem": 2000,  # a mapping file mistake, which may list the valid names
    "names": 2000,
}


def one_line(text: object, limit: int = PARAM_CHARS) -> str:
    """``text`` as one line of at most ``limit`` characters (cut with "…")."""
    flat = _CONTROL.sub(" ", str(text))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def translate(code: str, lang: str = "zh", **params: Any) -> str:
    """Return the message for ``code`` in ``lang`` with ``params`` filled in, as one line."""
    pair = MESSAGES.get(code)
    if pair is None:
        return code if not params else f"{code} {params}"
    template = pair[1] if lang == "en" else pair[0]
    picked = {
        k: (v.en if lang == "en" else v.zh) if isinstance(v, Bilingual) else v for k, v in params.items()
    }
    shown = {
        k: one_line(v, _PARAM_LIMITS.get(k, PARAM_CHARS)) if isinstance(v, str) else v
        for k, v in picked.items()
    }
    return template.format_map(_SafeDict(shown))


def both(code: str, **params: Any) -> Bilingual:
    """The message ``code`` in both languages, to pass as a parameter of another message
    (the outer message then shows it in the user's language)."""
    return Bilingual(translate(code, "zh", **params), translate(code, "en", **params))


def listed(items: Iterable[str | Bilingual], sep: str = "list.sep", *, cut: bool = False) -> Bilingual:
    """``items`` as one list in each language, joined by the catalogue's separator ``sep``
    (``list.sep``, ``list.clauses``, ``list.names`` or ``list.or``) and ending in ``list.more``
    when ``cut`` (more were left out). A plain string is the same in both languages."""
    pairs = [x if isinstance(x, Bilingual) else Bilingual(x, x) for x in items]
    joiner, more = MESSAGES[sep], MESSAGES["list.more"]
    zh = joiner[0].join(p.zh for p in pairs) + (more[0] if cut else "")
    en = joiner[1].join(p.en for p in pairs) + (more[1] if cut else "")
    return Bilingual(zh, en)


def joined(items: Iterable[str], lang: str, sep: str = "list.sep") -> str:
    """``items`` joined by the catalogue's separator ``sep`` in ``lang``."""
    return translate(sep, lang).join(items)


@dataclass(frozen=True)
class Note:
    """A sentence for the user held as a catalogue code and its parameters.

    Scoring and checks return these; the words are made only where a user reads them
    (``text``), in that user's language.
    """

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Any) -> Note:
        """A note for ``code`` with keyword parameters (a ``Bilingual`` shows in the reader's language)."""
        return cls(code, tuple(params.items()))

    def bilingual(self) -> Bilingual:
        """The note in both languages, to pass as a parameter of another message."""
        return Bilingual(self.text("zh"), self.text("en"))

    def text(self, lang: str = "zh") -> str:
        """The note in ``lang``, as one line."""
        # The parameters' types are part of the key: 1 == 1.0 == True, but they read differently.
        kinds = tuple(type(value) for _, value in self.params)
        try:
            return _note_text(self, lang, kinds)
        except TypeError:  # a parameter that cannot be hashed: made afresh each time
            return translate(self.code, lang, **dict(self.params))


@functools.lru_cache(maxsize=8192)
def _note_text(note: Note, lang: str, _kinds: tuple[type, ...]) -> str:
    """A note's words, kept: the same band or reason is shown on thousands of rows and cards."""
    return translate(note.code, lang, **dict(note.params))
