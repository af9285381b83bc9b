"""Cell normalisation: durations, dates, numbers, ids and placeholders."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csreport.inputs import values as v
from csreport.inputs.headers import detect, field_for, normalize_header


@pytest.mark.parametrize(
    "raw,seconds",
    [
        (45, 45.0),
        ("45", 45.0),
        ("2分30秒", 150.0),
        ("7小时41分52秒", 27712.0),
        ("1:20", 80.0),
        ("01:02:03", 3723.0),
        ("150秒", 150.0),
        ("３０", 30.0),
        (dt.time(0, 1, 5), 65.0),
        (dt.timedelta(minutes=2), 120.0),
        ("45.5s", 45.5),
    ],
)
def test_durations(raw: object, seconds: float) -> None:
    assert v.parse_duration(raw) == seconds


@pytest.mark.parametrize("raw", ["abc", "", "分秒", "1:2:3:4", True])
def test_bad_durations(raw: object) -> None:
    with pytest.raises(ValueError):
        v.parse_duration(raw)


@pytest.mark.parametrize(
    "raw,expected",
    [
        (dt.datetime(2026, 10, 3, 9, 30), dt.date(2026, 10, 3)),
        ("2026-10-03", dt.date(2026, 10, 3)),
        ("2026/10/3", dt.date(2026, 10, 3)),
        ("2026年10月3日", dt.date(2026, 10, 3)),
        ("20261003", dt.date(2026, 10, 3)),
        (46298, dt.date(2026, 10, 3)),
        ("2026-10", dt.date(2026, 10, 1)),
        ("2026-10-01至2026-10-07", dt.date(2026, 10, 1)),
    ],
)
def test_dates(raw: object, expected: dt.date) -> None:
    assert v.parse_date(raw) == expected


def test_month_day_needs_a_year() -> None:
    assert v.parse_date("10月3日", 2026) == dt.date(2026, 10, 3)
    assert v.parse_date("10月3日") == v.PartialDate(10, 3)
    assert v.parse_date(42735, date1904=True) == dt.date(2021, 1, 1)
    with pytest.raises(ValueError):
        v.parse_date("13月3日")


@pytest.mark.parametrize(
    "raw,expected", [(1001.0, "1001"), ("KF001 ", "KF001"), ("ＫＦ００１", "KF001"), (7, "7")]
)
def test_ids(raw: object, expected: str) -> None:
    assert v.parse_id(raw) == expected


@pytest.mark.parametrize("raw", ["-", "--", "延迟统计", " — ", "N/A"])
def test_placeholders(raw: str) -> None:
    assert v.is_placeholder(raw)


def test_numbers_as_text() -> None:
    assert v.parse_number("１，２３４") == 1234
    assert v.parse_number("¥1,200.50") == 1200.5
    with pytest.raises(ValueError):
        v.parse_number("nan")


@given(st.integers(0, 10**6))
def test_seconds_text_round_trip(n: int) -> None:
    h, rest = divmod(n, 3600)
    m, s = divmod(rest, 60)
    assert v.parse_duration(f"{h}小时{m}分{s}秒") == n


def test_header_normalisation() -> None:
    assert normalize_header(" 平均响应时长（秒) ") == "平均响应时长(秒)"
    assert field_for("平均响应时长（秒）") == "avg_response_s"
    assert field_for("*工号") == "agent_id"
    assert field_for("接待\n人数") == "received"
    assert field_for("Agent ID") == "agent_id"


def test_header_row_found_below_a_title() -> None:
    rows = [["2026年10月考勤表"], [], ["工号", "姓名", "日期", "考勤状态"], ["1", "张", "x", "出勤"]]
    match = detect(rows)
    assert match is not None and match.row_index == 2 and match.role == "attendance"


@pytest.mark.parametrize(
    "header,role",
    [
        (["工号", "姓名", "组别", "岗位状态"], "roster"),
        (["工号", "日期", "考勤状态"], "attendance"),
        (["工号", "日期", "接待人数", "咨询人数"], "reception"),
        (["工号", "会话编号", "态度得分", "差错类型"], "qa"),
        (["Agent ID", "Date", "Sessions received", "Replied"], "reception"),
    ],
)
def test_roles(header: list[str], role: str) -> None:
    match = detect([header])
    assert match is not None and match.role == role


def test_no_role_without_an_id_column() -> None:
    assert detect([["label", "value"], ["a", 1]]) is None
