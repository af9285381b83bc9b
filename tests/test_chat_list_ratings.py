"""The customer's rating (满意度) of a chat list: the five words however a back office writes them,
stars as digits, Chinese numerals or ★, blank for 未评价; an order review (好评 / 差评) is not one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csreport.inputs.chat_list import read_chat_list
from csreport.inputs.satisfaction import parse_satisfaction
from tests.workbooks import write_xlsx


@pytest.mark.parametrize(
    ("written", "word"),
    [
        ("五星", "非常满意"),
        ("四星", "满意"),
        ("三星", "一般"),
        ("二星", "不满意"),
        ("两星", "不满意"),
        ("一星", "非常不满意"),
        ("五颗星", "非常满意"),
        ("一颗星", "非常不满意"),
        (" 四 星 ", "满意"),
        ("5星", "非常满意"),
        ("1颗星", "非常不满意"),
        (3, "一般"),
        (2.0, "不满意"),
        ("★★★★☆", "满意"),
        ("很满意", "非常满意"),
        ("不满", "不满意"),
        ("很不满", "非常不满意"),
        ("中评", "一般"),  # the middle of a three-level review is the middle of five
        ("", "未评价"),
        (None, "未评价"),
        ("-", "未评价"),
    ],
)
def test_a_rating_reads_as_one_of_the_five_words(written: Any, word: str) -> None:
    assert parse_satisfaction(written) == word


@pytest.mark.parametrize(
    "written",
    [
        # On purpose: 好评 and 差评 are the buyer's review of an order, not the rating of the service,
        # and each straddles two of the five levels (好评: 非常满意 or 满意?): no stratum is guessed.
        "好评",
        "差评",
        "六星",
        "零星",
        "五",  # a bare numeral is no rating
        "一",
        6,
        0,
        2.5,
        True,
    ],
)
def test_what_is_not_a_service_rating_is_not_read(written: Any) -> None:
    assert parse_satisfaction(written) is None


def test_a_list_rated_in_chinese_numeral_stars_is_read(tmp_path: Path) -> None:
    rows = [
        ["会话编号", "工号", "满意度"],
        ["1", "1001", "五星"],
        ["2", "1001", "两星"],
        ["3", "1001", "好评"],
    ]
    chats = read_chat_list(write_xlsx(tmp_path / "会话.xlsx", {"会话": rows}))
    assert chats.frame[["chat_id", "satisfaction"]].values.tolist() == [["1", "非常满意"], ["2", "不满意"]]
    (problem,) = (p for p in chats.problems if p.code == "chat_list.bad_satisfaction")
    assert (problem.row, problem.value) == (4, "好评")
