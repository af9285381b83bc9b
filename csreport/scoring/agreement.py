"""Inter-rater agreement statistics for QA calibration (pure; numpy and scipy only).

Each function takes plain arrays: ``ratings`` is units (chats) x raters (reviewers) with NaN
where a reviewer did not score a chat. Every statistic follows its published definition:
Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", Cohen (1960), Fleiss (1971),
and Shrout & Fleiss (1979) / McGraw & Wong (1996) for ICC(2,1) and its confidence interval.

Results are float64 and never rounded (the reader rounds). ``None`` means the statistic is
undefined for the data (too little of it, or no variation to measure agreement against).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from scipy.stats import f as f_distribution

LEVELS: Final = ("nominal", "ordinal", "interval", "ratio")

# Two differences that are equal in decimal (5.1 - 0.1 and 5) can differ in binary by a few
# ulps; a share "within ±5" must not depend on that.
_WITHIN_SLACK: Final = 1e-9
# A mean square this small next to the largest one is rounding noise around 0 (the sums of
# squares of equal decimals), and 0 is where ICC(2,1)'s interval needs its special cases.
_MEAN_SQUARE_NOISE: Final = 1e-24


@dataclass(frozen=True)
class Interval:
    """A statistic with its 95% confidence interval."""

    value: float
    low: float  # 95% confidence interval
    high: float


def _as_ratings(ratings: np.ndarray) -> np.ndarray:
    """``ratings`` as a 2-D float64 array (units x raters); NaN = not rated, no infinities."""
    array = np.asarray(ratings, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(f"ratings must be units x raters (2-D), got {array.ndim}-D")
    if np.isinf(array).any():
        raise ValueError("ratings must be finite (NaN marks a missing rating)")
    return array


def coincidences(ratings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Krippendorff's coincidence matrix: ``(values, o)`` with ``values`` the distinct pairable
    values in ascending order and ``o[c, k]`` the coincidences of ``values[c]`` with
    ``values[k]``, each unit with m >= 2 values adding its m(m-1) ordered pairs weighted
    1/(m-1). Units with fewer than 2 values are not pairable and add nothing."""
    array = _as_ratings(ratings)
    rated = ~np.isnan(array)
    pairable = rated.sum(axis=1) >= 2
    kept = array[pairable]
    present = kept[~np.isnan(kept)]
    values = np.unique(present)
    if values.size == 0:
        return values, np.zeros((0, 0))
    # counts[u, c]: how many raters gave unit u the value values[c].
    index = np.searchsorted(values, np.where(np.isnan(kept), values[0], kept))
    counts = np.zeros((kept.shape[0], values.size))
    for column in range(kept.shape[1]):
        has = ~np.isnan(kept[:, column])
        np.add.at(counts, (np.nonzero(has)[0], index[has, column]), 1.0)
    weight = 1.0 / (counts.sum(axis=1) - 1.0)
    weighted = counts * weight[:, np.newaxis]
    o = weighted.T @ counts - np.diag(weighted.sum(axis=0))
    return values, o


def _squared_distances(values: np.ndarray, n_c: np.ndarray, level: str) -> np.ndarray:
    """delta^2[c, k] between ``values`` at ``level`` (Krippendorff 2011, section C)."""
    c = values[:, np.newaxis]
    k = values[np.newaxis, :]
    if level == "nominal":
        return (c != k).astype(np.float64)
    if level == "interval":
        return (c - k) ** 2
    if level == "ratio":
        if (values < 0).any():
            raise ValueError("ratio-level ratings must not be negative")
        total = c + k
        # Both values 0: no difference (the only pair whose sum is 0 once negatives are out).
        return np.divide(c - k, total, out=np.zeros_like(total), where=total != 0) ** 2
    if level == "ordinal":
        # delta^2 = (sum of n_g for g from c to k - (n_c + n_k) / 2)^2, over the pairable values.
        cumulative = np.concatenate(([0.0], np.cumsum(n_c)))
        low = np.minimum(np.arange(values.size)[:, np.newaxis], np.arange(values.size)[np.newaxis, :])
        high = np.maximum(np.arange(values.size)[:, np.newaxis], np.arange(values.size)[np.newaxis, :])
        between = cumulative[high + 1] - cumulative[low]
        return (between - (n_c[:, np.newaxis] + n_c[np.newaxis, :]) / 2.0) ** 2
    raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")


def krippendorff_alpha(ratings: np.ndarray, level: str) -> float | None:
    """Krippendorff's alpha of ``ratings`` (units x raters, NaN = not rated) at ``level``
    (nominal, ordinal, interval or ratio), by the coincidence-matrix method of Krippendorff
    (2011): alpha = 1 - (n - 1) * sum(o_ck * d_ck) / sum(n_c * n_k * d_ck). None when fewer than
    2 pairable values or when the expected disagreement is 0 (no variation at all)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    values, o = coincidences(ratings)
    n_c = o.sum(axis=0)
    n = float(n_c.sum())
    if n < 2:
        return None
    delta = _squared_distances(values, n_c, level)
    expected = float(n_c @ delta @ n_c)
    if not expected > 0:
        return None
    observed = float((o * delta).sum())
    return 1.0 - (n - 1.0) * observed / expected


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's (1960) kappa between two raters' categories over the same units (the caller
    passes only units both rated): (p_o - p_e) / (1 - p_e). None when there are no units or
    when p_e == 1 (both raters always gave the one same category)."""
    if len(a) != len(b):
        raise ValueError(f"the two raters must rate the same units ({len(a)} vs {len(b)})")
    units = len(a)
    if units == 0:
        return None
    agreed = sum(1 for x, y in zip(a, b, strict=True) if x == y)
    count_a, count_b = Counter(a), Counter(b)
    chance = sum(count * count_b.get(category, 0) for category, count in count_a.items())
    # In counts: p_o = agreed / N, p_e = chance / N^2; integer arithmetic up to the division.
    if chance == units * units:
        return None
    return (units * agreed - chance) / (units * units - chance)


def fleiss_kappa(counts: np.ndarray) -> float | None:
    """Fleiss' (1971) kappa from ``counts`` (subjects x categories: how many raters put each
    subject in each category; every row sums to the same n >= 2, else ValueError):
    (P_bar - P_e) / (1 - P_e). None when there are no subjects or when P_e == 1 (every rating in
    one category)."""
    table = np.asarray(counts, dtype=np.float64)
    if table.ndim != 2:
        raise ValueError(f"counts must be subjects x categories (2-D), got {table.ndim}-D")
    if not np.isfinite(table).all() or (table < 0).any():
        raise ValueError("counts must be finite and not negative")
    if table.shape[0] == 0:
        return None
    raters = table.sum(axis=1)
    n = float(raters[0])
    if not (raters == n).all():
        raise ValueError("every subject must be rated by the same number of raters")
    if n < 2:
        raise ValueError(f"each subject needs at least 2 ratings, got {n:g}")
    agreement = ((table * table).sum(axis=1) - n) / (n * (n - 1.0))
    p_bar = float(agreement.mean())
    shares = table.sum(axis=0) / (table.shape[0] * n)
    p_e = float((shares * shares).sum())
    if np.count_nonzero(shares) < 2 or p_e >= 1.0:
        return None
    return (p_bar - p_e) / (1.0 - p_e)


def category_counts(labels: np.ndarray) -> np.ndarray:
    """``labels`` (units x raters of category labels, none missing) as the subjects x
    categories table of counts ``fleiss_kappa`` takes, categories in sorted order."""
    array = np.asarray(labels)
    if array.ndim != 2:
        raise ValueError(f"labels must be units x raters (2-D), got {array.ndim}-D")
    flat = array.ravel()
    if any(label is None or (isinstance(label, float) and np.isnan(label)) for label in flat.tolist()):
        raise ValueError("labels must not be missing")
    categories, inverse = np.unique(flat, return_inverse=True)
    inverse = np.asarray(inverse).reshape(array.shape)
    table = np.zeros((array.shape[0], categories.size), dtype=np.int64)
    for column in range(array.shape[1]):
        np.add.at(table, (np.arange(array.shape[0]), inverse[:, column]), 1)
    return table


def icc2_1(ratings: np.ndarray) -> Interval | None:
    """ICC(2,1) of ``ratings`` (targets x raters, complete; ValueError on NaN): two-way random
    effects, absolute agreement, single rater (Shrout & Fleiss 1979; ICC(A,1) of McGraw & Wong
    1996), with the 95% interval of McGraw & Wong (1996), as pingouin and R's irr::icc and
    psych::ICC give it. None with fewer than 2 targets or 2 raters, or when the mean squares
    leave it undefined (all ratings identical). Where the interval's formula is 0/0 (MSC = 0,
    MSE = 0 or MSR = 0) it is given its limit, so it never jumps at those edges."""
    array = _as_ratings(ratings)
    if np.isnan(array).any():
        raise ValueError("ICC(2,1) needs every rater's rating of every target (no NaN)")
    n, k = array.shape
    if n < 2 or k < 2:
        return None
    # Centring first keeps large, nearly equal scores from cancelling in the sums of squares.
    centred = array - array.mean()
    row_means = centred.mean(axis=1)
    column_means = centred.mean(axis=0)
    residuals = centred - row_means[:, np.newaxis] - column_means[np.newaxis, :]
    msr = k * float((row_means**2).sum()) / (n - 1)  # between targets
    msc = n * float((column_means**2).sum()) / (k - 1)  # between raters
    mse = float((residuals**2).sum()) / ((n - 1) * (k - 1))
    largest = max(msr, msc, mse)
    msr, msc, mse = (0.0 if m <= _MEAN_SQUARE_NOISE * largest else m for m in (msr, msc, mse))
    denominator = msr + (k - 1) * mse + k * (msc - mse) / n
    if not denominator > 0:
        return None
    icc = (msr - mse) / denominator
    if icc >= 1.0:
        # Raters and residuals add no variance (MSC = MSE = 0; or too little for float64 to show
        # in 1 - ICC): the interval collapses to 1.
        return Interval(1.0, 1.0, 1.0)
    if msr == 0:
        # Every target has the same mean rating: a * MSC + b * MSE = k MSR (MSC + (n - 1) MSE) /
        # (n (1 - ICC) D) vanishes, so v = 0. As MSR -> 0, F*(n-1, v) -> inf and F*(v, n-1) -> 0,
        # and both bounds tend to -n MSE / (k MSC + (kn - k - n) MSE), which is the ICC itself
        # (pingouin gives that too when rounding leaves v a hair above 0).
        return Interval(icc, icc, icc)
    # McGraw & Wong (1996), case 2A: Satterthwaite degrees of freedom v for the denominator.
    a = k * icc / (n * (1.0 - icc))
    b = 1.0 + k * icc * (n - 1) / (n * (1.0 - icc))
    if msc == 0:
        v = float((n - 1) * (k - 1))  # the formula's value whenever MSC = 0, also where b = 0
    elif mse == 0:
        v = float(k - 1)  # the formula's value whenever MSE = 0 (a != 0 as MSR > 0)
    else:
        v = (a * msc + b * mse) ** 2 / ((a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1)))
    f_low = float(f_distribution.ppf(0.975, n - 1, v))
    f_high = float(f_distribution.ppf(0.975, v, n - 1))
    spread = k * msc + (k * n - k - n) * mse
    # McGraw & Wong's L = n (MSR - F* MSE) / (F* spread + n MSR), divided through by F*: F* runs
    # to 1e305 when v is near 0, and F* * spread would overflow (pingouin then reports -0.0).
    low = n * (msr / f_low - mse) / (spread + n * msr / f_low)
    high = n * (f_high * msr - mse) / (spread + n * f_high * msr)
    return Interval(icc, low, high)


def percent_within(diff: np.ndarray, tolerance: float) -> float | None:
    """The share (0..1) of the non-NaN differences in ``diff`` whose size is at most
    ``tolerance``; None when there are none."""
    array = np.asarray(diff, dtype=np.float64)
    present = array[~np.isnan(array)]
    if present.size == 0:
        return None
    within = np.abs(present) <= tolerance + _WITHIN_SLACK * max(1.0, abs(tolerance))
    return float(np.count_nonzero(within)) / present.size
