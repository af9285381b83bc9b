"""The agreement statistics against published worked examples, hand-checked, and their edges.

Cross-checks against established implementations and Hypothesis invariants are in
tests/test_agreement_crosscheck.py.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction as Fr

import numpy as np
import pytest
from scipy.stats import f as f_distribution

from csreport.scoring.agreement import (
    Interval,
    category_counts,
    cohen_kappa,
    coincidences,
    fleiss_kappa,
    icc2_1,
    krippendorff_alpha,
    percent_within,
)

NAN = np.nan

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the reliability data with
# 4 observers (A-D) x 12 units and missing values; here as units x observers.
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],  # A
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],  # B
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],  # C
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],  # D
    ]
).T

# Its coincidence matrix as the paper prints it, worked out unit by unit (a unit with m values
# adds each ordered pair of its values with weight 1/(m-1)):
#   u1 {1,1,1}: o11 += 3*2/2 = 3          u2 {2,2,3,2}: o22 += 2, o23 = o32 += 1
#   u3, u4 {3,3,3,3}: o33 += 4 each       u5, u9 {2,2,2,2}: o22 += 4 each
#   u6 {1,2,3,4}: each off-diagonal pair of 1..4 += 1/3
#   u7 {4,4,4,4}: o44 += 4                u8 {1,1,2,1}: o11 += 2, o12 = o21 += 1
#   u10 {5,5,5}: o55 += 3                 u11 {1,1}: o11 += 2      u12 {3}: not pairable
_T, _0 = Fr(1, 3), Fr(0)
PUBLISHED_COINCIDENCES: list[list[Fr]] = [
    [Fr(7), 4 * _T, _T, _T, _0],
    [4 * _T, Fr(10), 4 * _T, _T, _0],
    [_T, 4 * _T, Fr(8), _T, _0],
    [_T, _T, _T, Fr(4), _0],
    [_0, _0, _0, _0, Fr(3)],
]
Delta = Callable[[int, int, list[Fr]], Fr]


def _alpha_from_coincidences(o: list[list[Fr]], values: list[int], delta2: Delta) -> Fr:
    """alpha = 1 - (n - 1) * sum(o_ck d_ck) / sum(n_c n_k d_ck), in exact fractions."""
    n_c = [sum(row, Fr(0)) for row in o]
    n = sum(n_c, Fr(0))
    size = range(len(values))
    observed = sum((o[c][k] * delta2(c, k, n_c) for c in size for k in size), Fr(0))
    expected = sum((n_c[c] * n_c[k] * delta2(c, k, n_c) for c in size for k in size), Fr(0))
    return 1 - (n - 1) * observed / expected


def test_krippendorff_2011_coincidence_matrix() -> None:
    """Krippendorff (2011) §C: the coincidence matrix of the 4 x 12 data, n_c = 9, 13, 10, 5, 3
    and n = 40 pairable values (unit 12, rated once, is left out)."""
    values, o = coincidences(KRIPPENDORFF_2011)
    assert values.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert o == pytest.approx(np.array(PUBLISHED_COINCIDENCES, dtype=float), abs=1e-12)
    assert o.sum(axis=0).tolist() == pytest.approx([9, 13, 10, 5, 3], abs=1e-12)
    assert o.sum() == pytest.approx(40, abs=1e-12)


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_published_alphas(level: str, published: float) -> None:
    """Krippendorff (2011): alpha of the 4 x 12 data is .743 nominal, .815 ordinal, .849 interval
    and .797 ratio, to the three decimals the paper prints."""
    alpha = krippendorff_alpha(KRIPPENDORFF_2011, level)
    assert alpha is not None
    assert round(alpha, 3) == published


def test_krippendorff_2011_exact_values_from_the_published_matrix() -> None:
    """The same alphas in exact fractions from the printed coincidence matrix, each metric as the
    paper defines it, so the implementation is held to far more than three decimals.

    By hand, nominal: disagreeing coincidences 2 * (4/3 + 1/3 + 1/3 + 4/3 + 1/3 + 1/3) = 8;
    sum over c != k of n_c n_k = 40^2 - (81 + 169 + 100 + 25 + 9) = 1216; alpha = 1 - 39 * 8 / 1216.
    Interval: observed 2 * (4/3*1 + 1/3*4 + 1/3*9 + 4/3*1 + 1/3*4 + 1/3*1) = 52/3, expected
    2 * (117*1 + 90*4 + 45*9 + 27*16 + 130*1 + 65*4 + 39*9 + 50*1 + 30*4 + 15*1) = 4480;
    alpha = 1 - 39 * (52/3) / 4480 = 3804/4480. Ordinal: d_12 = (9 + 13 - 11)^2 = 121, d_13 =
    (32 - 9.5)^2 = 506.25, ... observed 1891, expected 399480; alpha = 1 - 39 * 1891 / 399480."""
    values = [1, 2, 3, 4, 5]
    o = PUBLISHED_COINCIDENCES

    def nominal(c: int, k: int, n_c: list[Fr]) -> Fr:
        return Fr(int(c != k))

    def interval(c: int, k: int, n_c: list[Fr]) -> Fr:
        return Fr(values[c] - values[k]) ** 2

    def ratio(c: int, k: int, n_c: list[Fr]) -> Fr:
        return Fr(values[c] - values[k], values[c] + values[k]) ** 2

    def ordinal(c: int, k: int, n_c: list[Fr]) -> Fr:
        low, high = min(c, k), max(c, k)
        return (sum(n_c[low : high + 1], Fr(0)) - (n_c[c] + n_c[k]) / 2) ** 2

    exact = {
        "nominal": _alpha_from_coincidences(o, values, nominal),
        "ordinal": _alpha_from_coincidences(o, values, ordinal),
        "interval": _alpha_from_coincidences(o, values, interval),
        "ratio": _alpha_from_coincidences(o, values, ratio),
    }
    assert exact["nominal"] == 1 - Fr(39 * 8, 1216)
    assert exact["interval"] == Fr(3804, 4480)
    assert exact["ordinal"] == 1 - Fr(39 * 1891, 399480)
    for level, value in exact.items():
        assert krippendorff_alpha(KRIPPENDORFF_2011, level) == pytest.approx(float(value), abs=1e-12)


def test_krippendorff_2011_binary_two_observers() -> None:
    """Krippendorff (2011) §A: two observers, ten units, binary data, alpha = 0.095.

    By hand: coincidences o00 = 10 (five 0-0 units), o01 = o10 = 4 (four mismatches), o11 = 2;
    n_0 = 14, n_1 = 6, n = 20; alpha = 1 - (n - 1) * o01 / (n_0 * n_1) = 1 - 19 * 4 / 84 = 2/21."""
    ratings = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]], dtype=float).T
    alpha = krippendorff_alpha(ratings, "nominal")
    assert alpha is not None
    assert alpha == pytest.approx(2 / 21, abs=1e-12)
    assert round(alpha, 3) == 0.095


def test_alpha_undefined_cases() -> None:
    # No unit rated twice: nothing is pairable.
    assert krippendorff_alpha(np.array([[1.0, NAN], [NAN, 2.0], [3.0, NAN]]), "interval") is None
    # Every pairable value the same (the lone 7 is not pairable): no variation, no expected
    # disagreement.
    assert krippendorff_alpha(np.array([[4.0, 4.0], [4.0, 4.0], [7.0, NAN]]), "nominal") is None
    assert krippendorff_alpha(np.empty((0, 3)), "ordinal") is None


def test_alpha_only_pairable_values_count() -> None:
    """A unit rated once adds nothing: alpha with it equals alpha without it, at every level."""
    base = np.array([[1.0, 1.0, 2.0], [3.0, 3.0, NAN], [2.0, 4.0, 2.0], [4.0, 4.0, 4.0]])
    extra = np.vstack([base, [[NAN, 9.0, NAN]]])
    for level in ("nominal", "ordinal", "interval", "ratio"):
        assert krippendorff_alpha(extra, level) == pytest.approx(krippendorff_alpha(base, level), abs=1e-15)


def test_alpha_can_be_negative() -> None:
    """Systematic disagreement: two coders, units (1,2), (2,1): o12 = o21 = 2, n_1 = n_2 = 2,
    n = 4; nominal alpha = 1 - 3 * 4 / (2 * 2 * 2) = -0.5."""
    assert krippendorff_alpha(np.array([[1.0, 2.0], [2.0, 1.0]]), "nominal") == pytest.approx(-0.5)


def test_alpha_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="level must be one of"):
        krippendorff_alpha(KRIPPENDORFF_2011, "cardinal")
    with pytest.raises(ValueError, match="must not be negative"):
        krippendorff_alpha(np.array([[-1.0, 2.0], [1.0, 2.0]]), "ratio")
    with pytest.raises(ValueError, match="2-D"):
        krippendorff_alpha(np.array([1.0, 2.0]), "interval")
    with pytest.raises(ValueError, match="finite"):
        krippendorff_alpha(np.array([[np.inf, 2.0], [1.0, 2.0]]), "interval")


def test_ratio_alpha_treats_two_zeros_as_agreement() -> None:
    """Zero with zero is no difference; zero with anything else is the largest, 1. Units (0,0),
    (0,2), (2,2): o00 = 2, o02 = o20 = 1, o22 = 2; n_0 = n_2 = 3, n = 6; alpha = 1 - 5 * 2 / 18."""
    ratings = np.array([[0.0, 0.0], [0.0, 2.0], [2.0, 2.0]])
    assert krippendorff_alpha(ratings, "ratio") == pytest.approx(1 - 10 / 18)


# --- Cohen's kappa ----------------------------------------------------------------------------


def test_cohen_textbook_two_by_two() -> None:
    """The textbook 2 x 2 example (Wikipedia "Cohen's kappa", simple example): 50 items, 20 yes/yes,
    5 yes/no, 10 no/yes, 15 no/no. p_o = 35/50 = 0.7; A says yes 25 times, B 30 times, so
    p_e = (25*30 + 25*20) / 50^2 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4, abs=1e-15)


def test_cohen_three_categories_by_hand() -> None:
    """30 chats, three categories; rows are rater A, columns rater B:
         x  y  z | A
      x  8  2  0 | 10
      y  1  9  2 | 12
      z  1  1  6 |  8
      B 10 12  8 | 30
    p_o = (8 + 9 + 6) / 30 = 23/30; p_e = (10*10 + 12*12 + 8*8) / 900 = 308/900;
    kappa = (690 - 308) / (900 - 308) = 382/592 = 191/296 = 0.64527..."""
    cells = {("x", "x"): 8, ("x", "y"): 2, ("y", "x"): 1, ("y", "y"): 9, ("y", "z"): 2}
    cells |= {("z", "x"): 1, ("z", "y"): 1, ("z", "z"): 6}
    pairs = [pair for pair, count in cells.items() for _ in range(count)]
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    assert cohen_kappa(a, b) == pytest.approx(191 / 296, abs=1e-15)


def test_cohen_edges() -> None:
    assert cohen_kappa([], []) is None
    # Both raters always "pass": p_e = 1, kappa undefined.
    assert cohen_kappa(["pass"] * 4, ["pass"] * 4) is None
    # Each always gives one, different, category: p_o = 0, p_e = 0, kappa = 0.
    assert cohen_kappa(["pass"] * 4, ["fail"] * 4) == 0.0
    # Worse than chance: (p_o - p_e) / (1 - p_e) = (0 - 0.5) / 0.5 = -1.
    assert cohen_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="same units"):
        cohen_kappa([1, 2], [1])


# --- Fleiss' kappa ----------------------------------------------------------------------------

# Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
FLEISS_EXAMPLE = np.array(
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
)


def test_fleiss_worked_example() -> None:
    """Fleiss (1971) kappa on the standard worked example (Wikipedia "Fleiss' kappa"): P_bar =
    0.378, P_e = 0.213, kappa = 0.210.

    By hand: column totals 20, 28, 39, 21, 32 of 140, so P_e = (20^2 + 28^2 + 39^2 + 21^2 + 32^2)
    / 140^2 = 4170/19600. Row sums of squares 196, 60, 70, 94, 74, 98, 58, 46, 66, 66, so
    P_i = (sum - 14) / (14 * 13) and P_bar = 688 / 1820."""
    p_bar, p_e = Fr(688, 1820), Fr(4170, 19600)
    assert (round(float(p_bar), 3), round(float(p_e), 3)) == (0.378, 0.213)
    kappa = fleiss_kappa(FLEISS_EXAMPLE)
    assert kappa == pytest.approx(float((p_bar - p_e) / (1 - p_e)), abs=1e-15)
    assert kappa is not None and round(kappa, 3) == 0.210


def test_fleiss_edges() -> None:
    # Everyone always chose the same category: P_e = 1.
    assert fleiss_kappa(np.array([[3, 0], [3, 0]])) is None
    assert fleiss_kappa(np.zeros((0, 3))) is None
    with pytest.raises(ValueError, match="same number of raters"):
        fleiss_kappa(np.array([[2, 1], [1, 1]]))
    with pytest.raises(ValueError, match="at least 2 ratings"):
        fleiss_kappa(np.array([[1, 0], [0, 1]]))
    with pytest.raises(ValueError, match="not negative"):
        fleiss_kappa(np.array([[3, -1], [1, 1]]))


def test_fleiss_two_raters_is_scotts_pi() -> None:
    """With two raters Fleiss' kappa is Scott's pi, not Cohen's kappa: on the 2 x 2 textbook data of
    test_cohen_textbook_two_by_two, p_o = 35/50 and the pooled shares are yes (25 + 30)/100 and
    no (25 + 20)/100, so p_e = 0.55^2 + 0.45^2 = 0.505 and pi = (0.7 - 0.505) / (1 - 0.505) = 13/33,
    while Cohen's kappa, with each rater's own shares, is 0.4."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    kappa = fleiss_kappa(category_counts(np.array([a, b]).T))
    assert kappa == pytest.approx(13 / 33, abs=1e-15)
    assert cohen_kappa(a, b) == pytest.approx(0.4, abs=1e-15)


def test_category_counts() -> None:
    labels = np.array([["pass", "fail", "pass"], ["fail", "fail", "fail"], ["pass", "pass", "pass"]])
    # Categories in sorted order: fail, pass.
    assert category_counts(labels).tolist() == [[1, 2], [3, 0], [0, 3]]
    assert category_counts(np.array([[3, 1], [2, 3]])).tolist() == [[1, 0, 1], [0, 1, 1]]
    with pytest.raises(ValueError, match="missing"):
        category_counts(np.array([[1.0, NAN]]))
    with pytest.raises(ValueError, match="missing"):
        category_counts(np.array([["pass", None]], dtype=object))


# --- ICC(2,1) ---------------------------------------------------------------------------------

# Shrout & Fleiss (1979): 6 targets x 4 judges.
SHROUT_FLEISS = np.array(
    [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], dtype=float
)


def test_icc_shrout_fleiss_1979() -> None:
    """Shrout & Fleiss (1979), the 6 targets x 4 judges example: ICC(2,1) = .29 (published to
    2 dp; their mean squares BMS 11.24, JMS 32.49, EMS 1.02).

    By hand: the grand total 127 gives C = 127^2/24 = 16129/24; row totals 24, 12, 26, 16, 30, 19
    give SSR = 2913/4 - C = 1349/24, MSR = 1349/120 (11.24); judge totals 46, 15, 26, 40 give
    SSC = 4617/6 - C = 2339/24, MSC = 2339/72 (32.49); the sum of squares 841 gives SST = 4055/24,
    so SSE = 367/24 and MSE = 367/360 (1.02). ICC = (MSR - MSE) / (MSR + 3 MSE + 4 (MSC - MSE) / 6)
    = (92/9) / (635/18) = 184/635 = 0.28976...

    The 95% interval is recomputed here with Shrout & Fleiss's own form of the Satterthwaite v
    (in F_j = JMS/EMS), which McGraw & Wong (1996) restate in a and b; pingouin gives [0.02, 0.76]
    at its default 2 dp."""
    n, k = 6, 4
    msr, msc, mse = Fr(1349, 120), Fr(2339, 72), Fr(367, 360)
    assert (round(float(msr), 2), round(float(msc), 2), round(float(mse), 2)) == (11.24, 32.49, 1.02)
    rho = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
    assert rho == Fr(184, 635)
    f_j = msc / mse
    core = n * (1 + (k - 1) * rho) - k * rho
    v = float((k - 1) * (n - 1) * (k * rho * f_j + core) ** 2 / ((n - 1) * k**2 * rho**2 * f_j**2 + core**2))
    f_star = float(f_distribution.ppf(0.975, n - 1, v))
    f_star_u = float(f_distribution.ppf(0.975, v, n - 1))
    spread = float(k * msc + (k * n - k - n) * mse)
    low = n * (float(msr) - f_star * float(mse)) / (f_star * spread + n * float(msr))
    high = n * (f_star_u * float(msr) - float(mse)) / (spread + n * f_star_u * float(msr))

    result = icc2_1(SHROUT_FLEISS)
    assert result is not None
    assert result.value == pytest.approx(184 / 635, abs=1e-12)
    assert round(result.value, 2) == 0.29
    assert (result.low, result.high) == pytest.approx((low, high), abs=1e-9)
    assert (round(result.low, 3), round(result.high, 3)) == (0.019, 0.761)


def test_icc_degenerate_cases() -> None:
    # All ratings identical: every mean square is 0.
    assert icc2_1(np.full((3, 2), 7.0)) is None
    # Too few targets or raters.
    assert icc2_1(np.array([[1.0, 2.0, 3.0]])) is None
    assert icc2_1(np.array([[1.0], [2.0]])) is None
    # Perfect agreement on varied targets, even with decimals that do not add up exactly.
    assert icc2_1(np.array([[0.1, 0.1, 0.1], [0.7, 0.7, 0.7], [0.3, 0.3, 0.3]])) == Interval(1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="no NaN"):
        icc2_1(np.array([[1.0, NAN], [2.0, 3.0]]))


def test_icc_interval_when_targets_do_not_differ() -> None:
    """Every target with the same mean (MSR = 0) makes McGraw & Wong's v exactly 0 and their
    bounds 0/0; as MSR -> 0 both bounds tend to the ICC, which is what is given.
    Targets (0,1), (0,1), (1,0): MSR = 0, MSC = 1/6, MSE = 2/3; ICC = (0 - 2/3) / (0 + 2/3 +
    2 (1/6 - 2/3) / 3) = -2, and -n MSE / (k MSC + (kn - k - n) MSE) = -2 / (1/3 + 2/3) = -2."""
    result = icc2_1(np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]))
    assert result is not None
    assert (result.value, result.low, result.high) == pytest.approx((-2.0, -2.0, -2.0))
    # A hair of target variance gives an ordinary interval close to it.
    near = icc2_1(np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 1e-4]]))
    assert near is not None
    assert (near.low, near.high) == pytest.approx((-2.0, -2.0), abs=1e-3)


def test_icc_without_residual_error() -> None:
    """Judge 2 always one point above judge 1 (MSE = 0, MSC > 0): the interval is still defined,
    with v = k - 1. Targets (1,2), (3,4), (5,6): MSR = 2 * (4 + 0 + 4) / 2 = 8, MSC = 3 * 0.5 / 1
    = 1.5; ICC = 8 / (8 + 2 * 1.5 / 3) = 8/9."""
    result = icc2_1(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
    assert result is not None
    assert result.value == pytest.approx(8 / 9)
    n, k, msr, msc = 3, 2, 8.0, 1.5
    f_star = float(f_distribution.ppf(0.975, n - 1, k - 1))
    f_star_u = float(f_distribution.ppf(0.975, k - 1, n - 1))
    assert result.low == pytest.approx(n * msr / (f_star * k * msc + n * msr), abs=1e-12)
    assert result.high == pytest.approx(n * f_star_u * msr / (k * msc + n * f_star_u * msr), abs=1e-12)
    assert result.low < result.value < result.high


# --- percent_within ---------------------------------------------------------------------------


def test_percent_within() -> None:
    diff = np.array([0.0, 5.0, -5.0, 5.5, -12.0, NAN, 10.0])
    # Six differences; within ±5: 0, 5, -5 -> 3/6; within ±10: also 5.5 and 10 -> 5/6.
    assert percent_within(diff, 5) == 0.5
    assert percent_within(diff, 10) == pytest.approx(5 / 6)
    assert percent_within(np.array([NAN, NAN]), 5) is None
    assert percent_within(np.array([]), 5) is None


def test_percent_within_counts_a_decimal_boundary_as_within() -> None:
    """8.3 - 3.3 is 5 in decimal but 5.000000000000001 in binary (10.7 - 5.7: 4.999999999999999);
    a score exactly 5 points off is within ±5 either way; 5.0000001 is not."""
    assert 8.3 - 3.3 > 5  # the binary difference this test is about
    diff = np.array([8.3 - 3.3, 9.8 - 4.8, 10.7 - 5.7, 5.0000001])
    assert percent_within(diff, 5) == 0.75
