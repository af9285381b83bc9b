"""The duplicate check matches a 会话编号 the way the sample check does: 123.0 is 123."""

from __future__ import annotations

import pandas as pd

from csreport.inputs.checks import drop_duplicates
from csreport.problems import Problem

EMPTY = pd.DataFrame()


def _qa(ids: list[object]) -> pd.DataFrame:
    n = len(ids)
    return pd.DataFrame(
        {
            "agent_id": ["KF001"] * n,
            "chat_id": ids,
            "attitude_score": [80.0] * n,
            "_row": list(range(2, 2 + n)),
            "_file": ["质检.xlsx"] * n,
            "_sheet": ["质检抽查"] * n,
        }
    )


def test_a_chat_id_typed_with_point_zero_is_the_same_chat() -> None:
    problems: list[Problem] = []
    frames = {"roster": EMPTY, "attendance": EMPTY, "reception": EMPTY}
    kept = drop_duplicates({**frames, "qa": _qa(["1234567890123", "1234567890123.0", "C-7"])}, problems, {})
    assert list(kept["qa"]["chat_id"]) == ["1234567890123", "C-7"]
    assert [(p.code, p.row, p.params["first_row"]) for p in problems] == [("row.duplicate", 3, 2)]


def test_different_chats_stay_apart() -> None:
    problems: list[Problem] = []
    frames = {"roster": EMPTY, "attendance": EMPTY, "reception": EMPTY}
    kept = drop_duplicates({**frames, "qa": _qa(["123", "1230", "1.23E+3"])}, problems, {})
    assert list(kept["qa"]["chat_id"]) == ["123", "1230", "1.23E+3"]
    assert problems == []
