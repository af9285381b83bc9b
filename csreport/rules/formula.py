"""Rules formulas: the safe formula language (``csreport.util.formula``) over the monthly
aggregates, built in or declared by the shop's mapping file."""

from __future__ import annotations

import functools

from csreport.fields import BUILTIN, Vocabulary
from csreport.messages import listed
from csreport.util.formula import Evaluation, Formula, FormulaError, evaluate
from csreport.util.formula import parse as parse_text

__all__ = ["Evaluation", "Formula", "FormulaError", "evaluate", "parse"]

# The code the generic parser raises for a name this module's resolver does not know.
_UNKNOWN = "formula.unknown_field"


def parse(text: str, vocabulary: Vocabulary = BUILTIN) -> Formula:
    """Parse a rules formula; every name must be an aggregate of ``vocabulary``.

    An unknown name raises ``formula.unknown_field`` listing the names ``vocabulary`` knows,
    so the user sees what they could have written and where a shop's own metric is declared.
    """
    try:
        return _parse(str(text), vocabulary)
    except FormulaError as exc:
        if exc.code != _UNKNOWN:
            raise
        raise FormulaError(
            "formula.unknown_field", name=exc.params["name"], names=listed(vocabulary.names())
        ) from None


@functools.lru_cache(maxsize=1024)
def _parse(text: str, vocabulary: Vocabulary) -> Formula:
    def resolve(name: str) -> str | None:
        found = vocabulary.resolve(name)
        return found.id if found else None

    return parse_text(text, resolve, unknown=_UNKNOWN)
