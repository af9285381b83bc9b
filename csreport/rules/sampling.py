"""The rules' ``sampling:`` block: how many chats of each agent QA scores, and which.

A rules file writes it as the shop's standard does::

    sampling:
      per_agent: {rate: 2%, of: 接待人数, min: 5, max: 30}   # or a fixed n: per_agent: 8
      mix: {非常满意: 10%, 满意: 10%, 一般: 30%, 不满意: 20%, 非常不满意: 30%}
      unrated: 一般                 # a satisfaction word, exclude, or 未评价 (its own share in mix)
      shortfall: [非常不满意, 不满意, 一般, 满意, 非常满意]
      eligible: {min_messages: 3}
      error_types: [答复错误, 其他]

A key left out (of the block, of ``per_agent`` or of ``eligible``) takes the standard preset's
value, so ``standard_sampling()`` and a block that says nothing agree. Percentages are read as
the rules loader reads them elsewhere: ``2%`` is two hundredths, a bare number is the fraction
itself (``0.02``); every share is kept as an exact ``Fraction``, never a float.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction
from typing import Any

from csreport.domain import SATISFACTION_LEVELS, UNRATED
from csreport.messages import Bilingual, both, listed
from csreport.rules.model import RuleSet, SamplingRules
from csreport.rules.parse_kpi import Errors, KeyPath

# What n is a share of: the agent's chats in the list, or those of them that may be sampled.
OF_RECEIVED = "接待人数"
OF_ELIGIBLE = "可抽会话"
# The English spellings a rules file may use instead.
OF_SPELLINGS = {
    OF_RECEIVED: OF_RECEIVED,
    "received": OF_RECEIVED,
    OF_ELIGIBLE: OF_ELIGIBLE,
    "eligible": OF_ELIGIBLE,
}
# ``unrated: exclude``: unrated chats are never sampled.
EXCLUDE = "exclude"
UNRATED_CHOICES = (*SATISFACTION_LEVELS, EXCLUDE, UNRATED)
# Every stratum a mix may name: the five satisfaction words, then 未评价 (its own share).
STRATA = (*SATISFACTION_LEVELS, UNRATED)
# Catalogue keys of the strata, in the order of STRATA ("sample_rules.stratum.<key>").
STRATUM_KEYS = dict(
    zip(
        STRATA,
        ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied", "unrated"),
        strict=True,
    )
)

KEYS = ("per_agent", "mix", "unrated", "shortfall", "eligible", "error_types")
PER_AGENT_KEYS = ("rate", "of", "min", "max")
ELIGIBLE_KEYS = ("min_messages",)
PATH: KeyPath = ("sampling",)


# ---- the standard's values -------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _standard_block() -> dict[str, Any]:
    """The standard preset's ``sampling:`` block as its YAML loads: the values a key left out
    of another rules file takes."""
    # Imported here: the loader reads a rules file's block with this module's parser.
    from csreport.rules.loader import preset_text
    from csreport.util import yaml_lines

    data, _ = yaml_lines.load(preset_text("standard"))
    block = data.get("sampling") if isinstance(data, dict) else None
    return dict(block) if isinstance(block, dict) else {}


@functools.lru_cache(maxsize=1)
def standard_sampling() -> SamplingRules:
    """The standard's sampling rules (read from the standard preset): what ``csreport sample``
    uses when the rules have no ``sampling:`` block."""
    from csreport.rules.loader import load_rules

    rules = load_rules("standard").sampling
    assert rules is not None, "the standard preset has a sampling block"
    return rules


def sampling_in_force(rules: RuleSet) -> tuple[SamplingRules, bool]:
    """The sampling rules ``rules`` sample by: their ``sampling:`` block, else the standard's
    (and True, so the caller can say so)."""
    if rules.sampling is not None:
        return rules.sampling, False
    return standard_sampling(), True


def strata_of(sampling: SamplingRules) -> tuple[str, ...]:
    """The strata a chat may fall in under ``sampling``: the five words, and 未评价 when unrated
    chats have a share of their own (an unrated chat counted in a word falls in that word's)."""
    return STRATA if sampling.unrated == UNRATED else SATISFACTION_LEVELS


def stratum_of(word: str, sampling: SamplingRules) -> str | None:
    """The stratum a chat rated ``word`` (one of the five words, or 未评价) counts in.

    A rated chat counts in its own word's stratum; an unrated one (未评价) in the stratum
    ``sampling.unrated`` names (a satisfaction word, or 未评价 for its own share), and in none
    (None) when unrated chats are excluded. Whether the mix gives that stratum a share is the
    caller's question.
    """
    if word != UNRATED:
        return word
    return None if sampling.unrated == EXCLUDE else sampling.unrated


# ---- words -----------------------------------------------------------------------------------


def stratum_words(stratum: str) -> Bilingual:
    """A stratum as a reader reads it: 非常满意 in Chinese, "very satisfied (非常满意)" in English;
    a word csreport does not know as written."""
    key = STRATUM_KEYS.get(stratum)
    return both(f"sample_rules.stratum.{key}") if key else Bilingual(stratum, stratum)


def percent_text(share: Fraction) -> str:
    """A share as a percentage, exactly: ``2%``, ``12.5%`` (to 6 decimals should it not end)."""
    hundred = share * 100
    exact = Decimal(hundred.numerator) / Decimal(hundred.denominator)
    if exact * hundred.denominator != hundred.numerator:
        exact = round(exact, 6)
    text = format(exact.normalize(), "f")
    return ("0" if text == "-0" else text) + "%"


# ---- reading the block -----------------------------------------------------------------------


def parse_sampling(raw: Any, col: Errors) -> SamplingRules | None:
    """The ``sampling:`` block of a rules file, or None when it has none; every problem is
    recorded in ``col`` with its key path. Keys left out take the standard's values."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        col.add(PATH, "rules.e.sampling.not_mapping", keys=listed(KEYS, "list.names"))
        return None
    for key in raw:
        if key not in KEYS:
            col.add((*PATH, str(key)), "rules.e.sampling.key", key=str(key), keys=listed(KEYS, "list.names"))
    standard = _standard_block()
    given = {key: raw[key] if key in raw else standard.get(key) for key in KEYS}
    per_agent = _per_agent(given["per_agent"], standard.get("per_agent"), col)
    mix = _mix(given["mix"], col)
    unrated = _unrated(given["unrated"], mix, col)
    shortfall = _shortfall(given["shortfall"], unrated, col)
    min_messages = _eligible(given["eligible"], standard.get("eligible"), col)
    error_types = _error_types(given["error_types"], col)
    return SamplingRules(
        **per_agent,
        mix=tuple(mix.items()),
        unrated=unrated,
        shortfall=shortfall,
        min_messages=min_messages,
        error_types=error_types,
    )


def parse_share(value: Any) -> Fraction | None:
    """A share as written: ``2%``, ``12.5%``, or a bare fraction (``0.02``, ``1``); None when it
    is no number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        # The float's shortest text is what the file says: 0.02, not 0.0200000000000000004.
        return _fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            share = _fraction(text[:-1].strip())
            return None if share is None else share / 100
        return _fraction(text)
    return None


def _fraction(text: str) -> Fraction | None:
    try:
        share = Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None
    # Fraction reads "1/3" too; a rules file writes decimals only.
    return None if "/" in text else share


def _shown(value: Any) -> str:
    """A value as the file writes it, for a message."""
    return repr(value) if isinstance(value, float) else str(value)


def _count(value: Any, path: KeyPath, col: Errors, least: int = 0) -> int | None:
    """A whole number of chats or messages, at least ``least``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        code = "rules.e.sampling.count" if least == 0 else "rules.e.sampling.fixed"
        col.add(path, code, value=_shown(value))
        return None
    return value


def _per_agent(value: Any, standard: Any, col: Errors) -> dict[str, Any]:
    """``per_agent``: a rate of the agent's chats held within min and max, or a fixed n."""
    path = (*PATH, "per_agent")
    defaults = SamplingRules()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        fixed = _count(value, path, col, least=1)
        n = fixed if fixed is not None else 1
        of = _of(standard.get("of") if isinstance(standard, dict) else None, path, col)
        return {"rate": None, "of": of, "minimum": n, "maximum": n, "fixed": fixed}
    if not isinstance(value, dict):
        col.add(path, "rules.e.sampling.per_agent")
        return {}
    for key in value:
        if key not in PER_AGENT_KEYS:
            col.add(
                (*path, str(key)),
                "rules.e.sampling.per_agent_key",
                key=str(key),
                keys=listed(PER_AGENT_KEYS, "list.names"),
            )
    given = {**(standard if isinstance(standard, dict) else {}), **value}
    out: dict[str, Any] = {"fixed": None}
    if "rate" in given:
        out["rate"] = _rate(given["rate"], (*path, "rate"), col)
    if "of" in given:
        out["of"] = _of(given["of"], (*path, "of"), col)
    for key, field in (("min", "minimum"), ("max", "maximum")):
        if key in given and (count := _count(given[key], (*path, key), col)) is not None:
            out[field] = count
    low, high = out.get("minimum", defaults.minimum), out.get("maximum", defaults.maximum)
    if low > high:
        col.add((*path, "min"), "rules.e.sampling.min_above_max", min=low, max=high)
    return out


def _rate(value: Any, path: KeyPath, col: Errors) -> Fraction | None:
    share = parse_share(value)
    if share is None:
        col.add(path, "rules.e.sampling.not_share", value=_shown(value))
    elif not 0 < share <= 1:
        col.add(path, "rules.e.sampling.rate_range", value=_shown(value))
    return share


def _of(value: Any, path: KeyPath, col: Errors) -> str:
    if value is None:
        return SamplingRules().of
    of = OF_SPELLINGS.get(str(value).strip().lower()) if isinstance(value, str) else None
    if of is None:
        col.add(path, "rules.e.sampling.of", value=_shown(value))
        return SamplingRules().of
    return of


def _mix(value: Any, col: Errors) -> dict[str, Fraction]:
    """``mix``: each stratum's share of n; the shares add up to exactly 100%."""
    path = (*PATH, "mix")
    if not isinstance(value, dict) or not value:
        col.add(path, "rules.e.sampling.mix_not_mapping")
        return {}
    out: dict[str, Fraction] = {}
    whole = True
    for stratum, written in value.items():
        where = (*path, str(stratum))
        if stratum not in STRATA:
            col.add(where, "rules.e.sampling.stratum", value=str(stratum), strata=_strata_list(STRATA))
        share = parse_share(written)
        if share is None:
            col.add(where, "rules.e.sampling.not_share", value=_shown(written))
            whole = False
            continue
        if not 0 <= share <= 1:
            col.add(where, "rules.e.sampling.share_range", value=_shown(written))
            whole = False
            continue
        out[str(stratum)] = share
    if whole and sum(out.values()) != 1:
        col.add(path, "rules.e.sampling.mix_total", total=percent_text(sum(out.values(), Fraction(0))))
    return out


def _unrated(value: Any, mix: dict[str, Fraction], col: Errors) -> str:
    """``unrated``: the stratum unrated chats count in, ``exclude``, or 未评价 (its own share)."""
    path = (*PATH, "unrated")
    text = value.strip() if isinstance(value, str) else None
    unrated = EXCLUDE if text is not None and text.lower() == EXCLUDE else text
    if unrated not in UNRATED_CHOICES:
        col.add(
            path, "rules.e.sampling.unrated", value=_shown(value), strata=_strata_list(SATISFACTION_LEVELS)
        )
        return SamplingRules().unrated
    if unrated == UNRATED and mix and UNRATED not in mix:
        col.add(path, "rules.e.sampling.unrated_no_share")
    if unrated != UNRATED and UNRATED in mix:
        col.add((*PATH, "mix", UNRATED), "rules.e.sampling.unrated_share", value=unrated)
    return unrated


def _shortfall(value: Any, unrated: str, col: Errors) -> tuple[str, ...]:
    """``shortfall``: the strata a thin stratum is topped up from, first to last."""
    path = (*PATH, "shortfall")
    if not isinstance(value, list):
        col.add(path, "rules.e.sampling.shortfall_not_list")
        return ()
    known = STRATA if unrated == UNRATED else SATISFACTION_LEVELS
    out: list[str] = []
    for i, item in enumerate(value):
        stratum = str(item).strip() if isinstance(item, str) else _shown(item)
        if stratum not in known:
            col.add(
                (*path, i), "rules.e.sampling.shortfall_unknown", value=stratum, strata=_strata_list(known)
            )
        elif stratum in out:
            col.add((*path, i), "rules.e.sampling.shortfall_twice", value=stratum)
        else:
            out.append(stratum)
    return tuple(out)


def _eligible(value: Any, standard: Any, col: Errors) -> int | None:
    """``eligible``: the fewest messages a chat must have to be sampled."""
    path = (*PATH, "eligible")
    if not isinstance(value, dict):
        col.add(path, "rules.e.sampling.eligible", keys=listed(ELIGIBLE_KEYS, "list.names"))
        return None
    for key in value:
        if key not in ELIGIBLE_KEYS:
            col.add(
                (*path, str(key)),
                "rules.e.sampling.eligible_key",
                key=str(key),
                keys=listed(ELIGIBLE_KEYS, "list.names"),
            )
    given = {**(standard if isinstance(standard, dict) else {}), **value}
    if given.get("min_messages") is None:  # min_messages: null, or none given: no minimum
        return None
    least = _count(given["min_messages"], (*path, "min_messages"), col)
    # At least 0 messages is no minimum: one value for it, so a round trip keeps it equal.
    return least or None


def _error_types(value: Any, col: Errors) -> tuple[str, ...]:
    """``error_types``: the 差错类型 a reviewer picks from on the task sheet."""
    path = (*PATH, "error_types")
    if value is None:
        return ()
    if not isinstance(value, list):
        col.add(path, "rules.e.sampling.error_types")
        return ()
    out: list[str] = []
    for i, item in enumerate(value):
        if isinstance(item, (dict, list, bool)) or item is None or not str(item).strip():
            col.add((*path, i), "rules.e.sampling.error_type", value=_shown(item))
            continue
        name = str(item).strip()
        if name in out:
            col.add((*path, i), "rules.e.sampling.error_type_twice", value=name)
            continue
        out.append(name)
    return tuple(out)


def _strata_list(strata: tuple[str, ...]) -> Bilingual:
    """Strata as a message lists them: 非常满意、满意、… ; "very satisfied (非常满意), …"."""
    return listed((stratum_words(s) for s in strata), "list.sep")
