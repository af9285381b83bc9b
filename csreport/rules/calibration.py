"""How the calibration report reads each figure: the bandings 好 / 可接受 / 需要再培训.

The thresholds are data, shipped in ``calibration_bands.yaml`` beside this module: Krippendorff's
α (Krippendorff 2004), Cohen's and Fleiss' κ (Landis & Koch 1977), ICC (Koo & Li 2016), a
reviewer's mean difference from the reference and the share of chats within ±5 points.

A figure is graded as it is shown: a statistic rounded to three decimals, a mean difference to
one decimal, a share to one decimal of a percent, so a reading never contradicts the number
printed beside it (an α shown as 0.800 is 好).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any, Literal, get_args

import yaml

from csreport.messages import Note

__all__ = [
    "BANDS_FILE",
    "STAT_DECIMALS",
    "Banding",
    "Grade",
    "Measure",
    "bandings",
    "parse_bandings",
    "shown",
    "standard_names",
]

# 好, 可接受, 需要再培训 (catalogue codes ``calibration.grade.<grade>``).
Grade = Literal["good", "acceptable", "retrain"]
# What a banding grades.
Measure = Literal["alpha", "kappa", "icc", "mean_difference", "within_5"]
MEASURES: tuple[Measure, ...] = get_args(Measure)
BANDS_FILE = "calibration_bands.yaml"
STANDARD_KEY = "standard_reviewer"
STAT_DECIMALS = 3  # α, κ and ICC are shown to three decimals
_DECIMALS: dict[Measure, int] = {
    "alpha": STAT_DECIMALS,
    "kappa": STAT_DECIMALS,
    "icc": STAT_DECIMALS,
    "mean_difference": 1,
    "within_5": 3,  # a fraction: 0.796 is 79.6%
}


def shown(value: float, measure: Measure) -> float:
    """``value`` rounded the way the report shows it for ``measure`` (half up)."""
    return half_up(value, _DECIMALS[measure])


# Float noise a computed mean carries (8.249999999999998 for 8.25) is gone at this many decimals.
_NOISE_DECIMALS = 9


def half_up(value: float, decimals: int) -> float:
    """``value`` rounded half up (away from zero on a tie) to ``decimals``: 8.25 → 8.3, −1.25 →
    −1.3, 0.8125 → 0.813 at three; a computed mean's float noise is taken off first."""
    exact = Decimal(repr(round(value, _NOISE_DECIMALS)))
    rounded = float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return 0.0 if rounded == 0 else rounded  # never "-0.0"


@dataclass(frozen=True)
class Banding:
    """How one kind of figure is graded. Higher is better unless ``smaller_is_better`` (the mean
    difference, graded on its size whatever its sign): at or beyond ``good`` is 好, at or beyond
    ``acceptable`` 可接受, else 需要再培训. Shares are fractions (0.8 = 80%)."""

    measure: Measure
    good: float
    acceptable: float
    smaller_is_better: bool = False
    source: str = ""  # whose scale it is, e.g. "Landis & Koch (1977)"; "" for the shop's own

    def grade(self, value: float) -> Grade:
        """The reading of ``value`` (rounded as shown first)."""
        v = shown(abs(value) if self.smaller_is_better else value, self.measure)
        if self.smaller_is_better:
            return "good" if v <= self.good else "acceptable" if v <= self.acceptable else "retrain"
        return "good" if v >= self.good else "acceptable" if v >= self.acceptable else "retrain"

    def words(self) -> Note:
        """The banding in words: "α ≥ 0.800 好；0.667–0.800 可接受；< 0.667 需要再培训"."""
        if self.measure == "mean_difference":
            return Note.of(
                "calibration.banding.mean_difference",
                good=_plain(self.good),
                acceptable=_plain(self.acceptable),
            )
        if self.measure == "within_5":
            return Note.of(
                "calibration.banding.within_5",
                good=_percent(self.good),
                acceptable=_percent(self.acceptable),
            )
        return Note.of(
            f"calibration.banding.{self.measure}",
            good=f"{self.good:.{STAT_DECIMALS}f}",
            acceptable=f"{self.acceptable:.{STAT_DECIMALS}f}",
        )


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _percent(value: float) -> str:
    return _plain(round(value * 100, 6)) + "%"


@functools.lru_cache(maxsize=1)
def _shipped() -> Any:
    return yaml.safe_load((resources.files("csreport.rules") / BANDS_FILE).read_text("utf-8"))


def bandings() -> dict[Measure, Banding]:
    """The shipped bandings, one per measure."""
    return parse_bandings(_shipped())


def standard_names() -> tuple[str, ...]:
    """The reviewer names that mark the 标准 (the expert) when none is given with --standard."""
    names = _shipped().get(STANDARD_KEY)
    if not isinstance(names, list) or not names:
        raise ValueError(f"{BANDS_FILE}: {STANDARD_KEY} must list names")
    return tuple(str(n).strip() for n in names)


def parse_bandings(data: Any) -> dict[Measure, Banding]:
    """Bandings from the YAML's mapping; a malformed shipped file is a bug in csreport, so it
    raises ``ValueError`` naming the entry."""
    if not isinstance(data, dict):
        raise ValueError(f"{BANDS_FILE}: a mapping of measures expected")
    out: dict[Measure, Banding] = {}
    for measure in MEASURES:
        entry = data.get(measure)
        if not isinstance(entry, dict):
            raise ValueError(f"{BANDS_FILE}: {measure} missing")
        smaller = bool(entry.get("smaller_is_better", False))
        good, acceptable = _number(entry.get("good"), measure), _number(entry.get("acceptable"), measure)
        if (good > acceptable) if smaller else (good < acceptable):
            raise ValueError(f"{BANDS_FILE}: {measure}: good and acceptable in the wrong order")
        source = entry.get("source", "")
        out[measure] = Banding(measure, good, acceptable, smaller, str(source or ""))
    unknown = set(data) - set(MEASURES) - {STANDARD_KEY}
    if unknown:
        raise ValueError(f"{BANDS_FILE}: unknown measures {sorted(unknown)}")
    return out


def _number(raw: Any, measure: str) -> float:
    if isinstance(raw, str) and raw.strip().endswith("%"):
        value = float(raw.strip()[:-1]) / 100
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
    else:
        raise ValueError(f"{BANDS_FILE}: {measure}: a number expected, got {raw!r}")
    if not math.isfinite(value):
        raise ValueError(f"{BANDS_FILE}: {measure}: a finite number expected")
    return value
