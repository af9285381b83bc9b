"""Points for a measured value under each scoring mode. Pure arithmetic, no I/O."""

from __future__ import annotations

from collections.abc import Mapping

from csreport.rules.model import Band, Kpi


def band_for(kpi: Kpi, value: float) -> tuple[Band | None, list[Band]]:
    """The one band containing ``value``, and every band that does (for gap/overlap)."""
    matches = [b for b in kpi.bands if b.contains(value)]
    return (matches[0] if len(matches) == 1 else None), matches


def linear_points(kpi: Kpi, value: float) -> float:
    """Points interpolated between the two anchors, capped at the anchors' points."""
    (x0, p0), (x1, p1) = kpi.anchors
    points = p0 + (value - x0) * (p1 - p0) / (x1 - x0)
    return min(max(points, min(p0, p1)), max(p0, p1))


def per_unit_points(kpi: Kpi, value: float) -> float:
    """Points per occurrence, held between the floor (deductions) and the cap (bonuses)."""
    points = value * kpi.per_unit
    if kpi.floor is not None:
        points = max(points, kpi.floor)
    cap = kpi.ceiling
    if cap is not None:
        points = min(points, cap)
    return points


def percentiles(values: Mapping[str, float], better: str) -> dict[str, float]:
    """Each agent's share of the rest of the group it beats or ties (1 = best, 0 = worst).

    Ties share the better rank, as in 1, 2, 2, 4; a group of one is at the top.
    """
    n = len(values)
    out: dict[str, float] = {}
    for agent, v in values.items():
        if n == 1:
            out[agent] = 1.0
            continue
        if better == "lower":
            not_worse = sum(1 for o in values.values() if o >= v) - 1
        else:
            not_worse = sum(1 for o in values.values() if o <= v) - 1
        out[agent] = not_worse / (n - 1)
    return out
