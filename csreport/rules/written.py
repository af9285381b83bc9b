"""Read a band as a source table writes it (``60S>均响<=80S``) into an interval.

Literal transcriptions keep the manager's wording; this turns it into bounds and says
when the wording is self-contradictory (two bounds on the same side) or garbled (a
number with no comparison sign), so the linter can report it instead of guessing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+(?:\.\d+)?)\s*(?P<unit>%|秒|s|S)?"
    r"|(?P<op><=|>=|≤|≥|＜=|＞=|<|>|＜|＞|=)"
    r"|(?P<var>[^\d\s<>=≤≥＜＞%.-][^\d\s<>=≤≥＜＞%]*))"
)
_OPS = {"≤": "<=", "≥": ">=", "＜=": "<=", "＞=": ">=", "＜": "<", "＞": ">"}
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "="}


@dataclass(frozen=True)
class Written:
    """The interval a written condition describes, and what is wrong with the wording."""

    low: float
    low_incl: bool
    high: float
    high_incl: bool
    contradictory: bool = False  # e.g. 60S>均响<=80S: both are upper bounds
    garbled: bool = False  # e.g. 95%回复率>=90%: a number without a sign

    def range_text(self) -> str:
        """Interval notation for the bounds, as a rules file writes them."""
        left = "[" if self.low_incl else "("
        right = "]" if self.high_incl else ")"
        return f"{left}{_fmt(self.low)}, {_fmt(self.high)}{right}"


def _fmt(x: float) -> str:
    return "inf" if math.isinf(x) and x > 0 else "-inf" if math.isinf(x) else f"{x:g}"


def parse_written(text: str) -> Written:
    """Bounds from a comparison chain such as ``98%>回复率>=95%`` (% means a fraction)."""
    tokens = _tokens(text)
    if tokens is None:
        return Written(-math.inf, False, math.inf, False, garbled=True)
    lows: list[tuple[float, bool]] = []
    highs: list[tuple[float, bool]] = []
    garbled = False
    for i, (kind, value) in enumerate(tokens):
        if kind != "op":
            neighbours = [tokens[j][0] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
            if kind == "num" and "op" not in neighbours:
                garbled = True
            continue
        if i == 0 or i == len(tokens) - 1:
            garbled = True
            continue
        left, right = tokens[i - 1], tokens[i + 1]
        op = str(value)
        if left[0] == "var" and right[0] == "num":
            bound, relation = float(right[1]), op
        elif left[0] == "num" and right[0] == "var":
            bound, relation = float(left[1]), _FLIP[op]
        else:
            garbled = True
            continue
        if relation in (">", ">=", "="):
            lows.append((bound, relation != ">"))
        if relation in ("<", "<=", "="):
            highs.append((bound, relation != "<"))
    if garbled or not (lows or highs):
        return Written(-math.inf, False, math.inf, False, garbled=True)
    contradictory = len(lows) > 1 or len(highs) > 1
    if contradictory:
        # Read the two numbers as the two ends, the way a manager most likely meant them.
        bounds = sorted(lows + highs)
        lows, highs = [bounds[0]], [bounds[-1]]
    low, low_incl = max(lows) if lows else (-math.inf, False)
    high, high_incl = min(highs) if highs else (math.inf, False)
    return Written(low, low_incl, high, high_incl, contradictory=contradictory)


def _tokens(text: str) -> list[tuple[str, float | str]] | None:
    """``text`` as (kind, value) tokens: numbers as floats, comparison signs and names as text."""
    out: list[tuple[str, float | str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            return None
        pos = m.end()
        if m.group("num") is not None:
            number = Decimal(m.group("num"))
            if m.group("unit") == "%":
                number /= 100
            out.append(("num", float(number)))
        elif m.group("op"):
            out.append(("op", _OPS.get(m.group("op"), m.group("op"))))
        elif m.group("var"):
            out.append(("var", m.group("var")))
    return out
