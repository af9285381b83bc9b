"""Counts derived from what exports give instead: 未回复人数, or a rate times its base.

Back-office exports often carry 旺旺回复率 or 未回复人数 rather than 回复人数. The
scoring tables are defined on counts, so the counts are rebuilt row by row and the
derivation is reported once per sheet, never done silently.
"""

from __future__ import annotations

import pandas as pd

from csreport.inputs.headers import canonical
from csreport.problems import Problem, Severity

# target count ← (rate column, base count column)
_FROM_RATE = {
    "replied": ("reply_rate", "inquiries"),
    "inquiry_paid": ("inquiry_conversion", "pre_sales"),
}


def derive_counts(frames: dict[str, pd.DataFrame], problems: list[Problem]) -> dict[str, pd.DataFrame]:
    """Add 回复人数 and 询单付款人数 where the sheet gives their ingredients instead."""
    df = frames["reception"]
    if not len(df):
        return frames
    df = df.copy()
    notes: list[tuple[str, str, str]] = []
    if "unreplied" in df and "inquiries" in df:
        _fill(df, "replied", df["inquiries"] - df["unreplied"], "咨询人数 − 未回复人数", notes)
    if "reply_rate" in df and "inquiries" not in df and "received" in df:
        # 人均日接入 and 赤兔 give no 咨询人数: the rate is then taken over 接待人数.
        _fill(df, "inquiries", df["received"], "接待人数", notes)
    for target, (rate, base) in _FROM_RATE.items():
        if rate in df and base in df:
            zh = "回复率 × 咨询人数" if target == "replied" else "询单转化率 × 询单人数"
            _fill(df, target, df[rate] * df[base], zh, notes)
    for file, sheet, formula in notes:
        problems.append(Problem("column.derived", Severity.INFO, file, sheet, params={"formula": formula}))
    return {**frames, "reception": df}


def _fill(
    df: pd.DataFrame, target: str, values: pd.Series, formula: str, notes: list[tuple[str, str, str]]
) -> None:
    values = pd.to_numeric(values, errors="coerce")
    current = pd.to_numeric(df[target], errors="coerce") if target in df else None
    need = values.notna() if current is None else current.isna() & values.notna()
    if not need.any():
        return
    if current is None:
        df[target] = float("nan")
    df.loc[need, target] = values[need]
    for (file, sheet), _part in df[need].groupby(["_file", "_sheet"], sort=False):
        notes.append((str(file), str(sheet), f"{canonical(target)} = {formula}"))
