"""The agreement statistics cross-checked against established implementations, and invariants.

krippendorff and pingouin are GPL-3.0 and statsmodels is a test dependency: they are imported
here only, never by csreport. Values agree to 1e-9; interval bounds to 1e-9 as well (pingouin's
CI95 column is read at full precision by switching off its default 2-dp rounding).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

import krippendorff
import numpy as np
import pandas as pd
import pingouin
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from statsmodels.stats import inter_rater

from csreport.scoring.agreement import (
    category_counts,
    cohen_kappa,
    fleiss_kappa,
    icc2_1,
    krippendorff_alpha,
)

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")
POINTS = st.integers(0, 6).map(float)


def close(expected: object) -> object:
    """``expected`` to 1e-9, absolute or relative: the agreement asked of every cross-check."""
    return pytest.approx(expected, abs=1e-9, rel=1e-9)


# pingouin 0.7 on pandas 3.1 warns about its own use of dropna(inplace=True).
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.dropna")


@st.composite
def rating_tables(
    draw: st.DrawFn,
    values: st.SearchStrategy[float] = POINTS,
    *,
    missing: bool = True,
    min_units: int = 1,
    max_units: int = 14,
    max_raters: int = 5,
) -> np.ndarray:
    """units x raters of ``values``, NaN for a missing rating when ``missing``."""
    units = draw(st.integers(min_units, max_units))
    raters = draw(st.integers(2, max_raters))
    cell = st.one_of(st.just(np.nan), values) if missing else values
    cells = draw(st.lists(cell, min_size=units * raters, max_size=units * raters))
    return np.array(cells, dtype=float).reshape(units, raters)


# Ratings as reviewers give them: item points, half points, and 0-100 totals.
VALUE_SETS = st.sampled_from(
    [
        st.integers(0, 3).map(float),
        st.integers(0, 10).map(float),
        st.integers(0, 20).map(lambda x: x / 2),
        st.integers(40, 100).map(float),
    ]
)


def _reference_alpha(ratings: np.ndarray, level: Level) -> float | None:
    """krippendorff.alpha (it takes raters x units), None where it finds alpha undefined."""
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            value = float(krippendorff.alpha(reliability_data=ratings.T, level_of_measurement=level))
    except ValueError:  # fewer than 2 values in the domain, or nothing pairable
        return None
    return value if np.isfinite(value) else None


@settings(max_examples=200, deadline=None)
@given(data=st.data(), level=st.sampled_from(LEVELS))
def test_alpha_matches_the_krippendorff_package(data: st.DataObject, level: Level) -> None:
    ratings = data.draw(rating_tables(data.draw(VALUE_SETS)))
    expected = _reference_alpha(ratings, level)
    got = krippendorff_alpha(ratings, level)
    if expected is None:
        assert got is None
    else:
        assert got == close(expected)


def test_alpha_matches_the_krippendorff_package_on_a_calibration_sized_sheet() -> None:
    """40 chats x 6 reviewers, 0-100 totals in half points, a fifth missing."""
    rng = np.random.default_rng(15)
    truth = rng.integers(40, 100, size=(40, 1))
    ratings = np.clip(truth + rng.normal(0, 6, size=(40, 6)), 0, 100).round() / 1.0
    ratings[rng.random(ratings.shape) < 0.2] = np.nan
    for level in LEVELS:
        expected = _reference_alpha(ratings, level)
        assert expected is not None
        assert krippendorff_alpha(ratings, level) == close(expected)


def _statsmodels_cohen(a: list[int], b: list[int]) -> float:
    categories = sorted(set(a) | set(b))
    table = np.zeros((len(categories), len(categories)))
    for x, y in zip(a, b, strict=True):
        table[categories.index(x), categories.index(y)] += 1
    with np.errstate(divide="ignore", invalid="ignore"):  # its standard errors when p_e is 1
        return float(inter_rater.cohens_kappa(table).kappa)


@settings(max_examples=200, deadline=None)
@given(pairs=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=40))
def test_cohen_matches_statsmodels(pairs: list[tuple[int, int]]) -> None:
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    got = cohen_kappa(a, b)
    if len(set(a)) == 1 and set(a) == set(b):
        assert got is None  # p_e = 1
    else:
        assert got == close(_statsmodels_cohen(a, b))


@settings(max_examples=200, deadline=None)
@given(labels=rating_tables(st.integers(0, 3).map(float), missing=False, max_units=20, max_raters=7))
def test_fleiss_matches_statsmodels(labels: np.ndarray) -> None:
    counts = category_counts(labels)
    got = fleiss_kappa(counts)
    if counts.shape[1] == 1:
        assert got is None  # one category only: P_e = 1
    else:
        assert got == close(float(inter_rater.fleiss_kappa(counts, method="fleiss")))


def test_fleiss_worked_example_matches_statsmodels() -> None:
    from tests.test_agreement import FLEISS_EXAMPLE

    expected = float(inter_rater.fleiss_kappa(FLEISS_EXAMPLE, method="fleiss"))
    assert fleiss_kappa(FLEISS_EXAMPLE) == close(expected)


@contextmanager
def full_precision_pingouin() -> Iterator[None]:
    """pingouin rounds its CI95 column to 2 dp by default; read it at full precision."""
    saved = dict(pingouin.options)
    pingouin.options["round.column.CI95"] = None
    try:
        yield
    finally:
        pingouin.options.clear()
        pingouin.options.update(saved)


def _pingouin_icc2(ratings: np.ndarray) -> tuple[float, float, float]:
    n, k = ratings.shape
    frame = pd.DataFrame(
        {
            "target": np.repeat(np.arange(n), k),
            "rater": np.tile(np.arange(k), n),
            "score": ratings.ravel(),
        }
    )
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # its 0/0 and overflow edges
        table = pingouin.intraclass_corr(data=frame, targets="target", raters="rater", ratings="score")
    row = table.set_index("Type").loc["ICC(A,1)"]  # ICC2 of Shrout & Fleiss
    low, high = row["CI95"]
    return float(row["ICC"]), float(low), float(high)


def test_icc_shrout_fleiss_matches_pingouin() -> None:
    from tests.test_agreement import SHROUT_FLEISS

    with full_precision_pingouin():
        value, low, high = _pingouin_icc2(SHROUT_FLEISS)
    result = icc2_1(SHROUT_FLEISS)
    assert result is not None
    assert (result.value, result.low, result.high) == close((value, low, high))


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_icc_matches_pingouin(data: st.DataObject) -> None:
    ratings = data.draw(rating_tables(data.draw(VALUE_SETS), missing=False, min_units=2, max_units=12))
    result = icc2_1(ratings)
    if np.ptp(ratings) == 0:
        assert result is None
        return
    assume(ratings.size >= 5)  # pingouin's ANOVA needs 5 ratings (2 x 2 tables: the invariants below)
    with full_precision_pingouin():
        value, low, high = _pingouin_icc2(ratings)
    assert result is not None
    assert result.value == close(value)
    # pingouin has no interval (NaN) where its formula is 0/0 (no residual error; targets' means
    # all equal), where ours is the formula's limit; and its lower bound overflows to -0.0 when
    # v is near 0 (F* near 1e305), where ours divides through by F*.
    if np.isfinite(low) and np.isfinite(high) and low != 0.0:
        assert (result.low, result.high) == close((low, high))
    assert np.isfinite(result.low) and np.isfinite(result.high)


# --- invariants -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    truth=st.lists(st.integers(0, 10), min_size=2, max_size=15).filter(lambda t: len(set(t)) > 1),
    raters=st.integers(2, 5),
    data=st.data(),
    level=st.sampled_from(LEVELS),
)
def test_alpha_is_one_when_all_raters_agree(
    truth: list[int], raters: int, data: st.DataObject, level: Level
) -> None:
    ratings = np.array([[float(t)] * raters for t in truth])
    # Drop ratings at random, but keep each unit pairable so the variation stays.
    for row in ratings:
        dropped = data.draw(st.lists(st.integers(0, raters - 1), max_size=raters - 2, unique=True))
        row[dropped] = np.nan
    assert krippendorff_alpha(ratings, level) == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), level=st.sampled_from(LEVELS))
def test_alpha_ignores_the_order_of_units_and_raters(data: st.DataObject, level: Level) -> None:
    ratings = data.draw(rating_tables(data.draw(VALUE_SETS)))
    units = data.draw(st.permutations(range(ratings.shape[0])))
    raters = data.draw(st.permutations(range(ratings.shape[1])))
    shuffled = ratings[np.ix_(units, raters)]
    expected = krippendorff_alpha(ratings, level)
    got = krippendorff_alpha(shuffled, level)
    assert (got is None) == (expected is None)
    if expected is not None:
        assert got == pytest.approx(expected, abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    scale=st.sampled_from([-3.0, -1.0, 0.5, 2.0, 10.0]),
    shift=st.sampled_from([-50.0, 0.0, 7.5, 100.0]),
)
def test_interval_alpha_survives_a_linear_transform(data: st.DataObject, scale: float, shift: float) -> None:
    """Interval alpha depends on squared differences relative to their spread only; ordinal
    alpha on ranks only (an increasing transform); ratio alpha on ratios only (a scale > 0)."""
    ratings = data.draw(rating_tables(data.draw(VALUE_SETS)))
    expected = krippendorff_alpha(ratings, "interval")
    got = krippendorff_alpha(scale * ratings + shift, "interval")
    assert (got is None) == (expected is None)
    if expected is not None:
        assert got == pytest.approx(expected, abs=1e-9)
    if scale > 0:
        for level in ("ordinal", "ratio"):
            moved = scale * ratings + shift if level == "ordinal" else scale * ratings
            before, after = krippendorff_alpha(ratings, level), krippendorff_alpha(moved, level)
            assert (after is None) == (before is None)
            if before is not None:
                assert after == pytest.approx(before, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(
    pairs=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=30),
    data=st.data(),
)
def test_kappas_ignore_the_order_of_units_and_raters(
    pairs: list[tuple[int, int]], data: st.DataObject
) -> None:
    order = data.draw(st.permutations(range(len(pairs))))
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    a2, b2 = [a[i] for i in order], [b[i] for i in order]
    expected = cohen_kappa(a, b)
    for got in (cohen_kappa(a2, b2), cohen_kappa(b, a)):
        assert (got is None) == (expected is None)
        if expected is not None:
            assert got == pytest.approx(expected, abs=1e-12)
    labels = np.array(pairs, dtype=float)
    fleiss = fleiss_kappa(category_counts(labels))
    for shuffled in (labels[order], labels[:, ::-1]):
        got = fleiss_kappa(category_counts(shuffled))
        assert (got is None) == (fleiss is None)
        if fleiss is not None:
            assert got == pytest.approx(fleiss, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(labels=st.lists(st.sampled_from(["pass", "fail", "borderline"]), min_size=2, max_size=30))
def test_cohen_of_a_rater_with_itself_is_one(labels: list[str]) -> None:
    assume(len(set(labels)) > 1)
    assert cohen_kappa(labels, labels) == pytest.approx(1.0, abs=1e-15)
    assert fleiss_kappa(category_counts(np.array([labels, labels], dtype=object).T)) == pytest.approx(1.0)


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    scale=st.sampled_from([0.5, 2.0, 10.0]),
    shift=st.sampled_from([-20.0, 0.0, 55.5]),
)
def test_icc_bounds_and_invariants(data: st.DataObject, scale: float, shift: float) -> None:
    ratings = data.draw(rating_tables(data.draw(VALUE_SETS), missing=False, min_units=2, max_units=12))
    result = icc2_1(ratings)
    assume(result is not None)
    assert result is not None
    assert result.value <= 1.0
    assert result.low <= result.high + 1e-12
    assert result.high <= 1.0 + 1e-12
    # McGraw & Wong's interval need not hold a negative estimate (with v near 0 it can sit just
    # beside it); a non-negative one it holds.
    if result.value >= 0:
        assert result.low - 1e-12 <= result.value <= result.high + 1e-12
    units = data.draw(st.permutations(range(ratings.shape[0])))
    raters = data.draw(st.permutations(range(ratings.shape[1])))
    for moved in (ratings[np.ix_(units, raters)], scale * ratings + shift):
        again = icc2_1(moved)
        assert again is not None
        assert again.value == pytest.approx(result.value, abs=1e-9)
        assert again.low == pytest.approx(result.low, abs=1e-9)
        assert again.high == pytest.approx(result.high, abs=1e-9)
