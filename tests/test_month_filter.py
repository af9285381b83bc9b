"""--month on a folder that mixes months: other months' rows are counted and left out.

``run . --month 2026-11`` used to die with "translate() got multiple values for keyword
argument 'value'" as soon as one row of another month had to be reported, and a month
without rows made ``check`` claim the sheets were missing. Real workbooks, real CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from csreport.api import RunOptions, check_month, run_month
from csreport.inputs import checks
from csreport.problems import CsreportError, Severity
from tests.workbooks import ATT_HEADER, QA_HEADER, REC_HEADER, ROSTER_HEADER, write_xlsx

BIN = Path(sys.executable).with_name("csreport")
OCT, NOV, DEC = dt.datetime(2026, 10, 3), dt.datetime(2026, 11, 3), dt.datetime(2026, 12, 1)
ROSTER = [
    ROSTER_HEADER,
    ["K1", "甲", "一组", OCT, "正式", "老员工", ""],
    ["K2", "乙", "一组", OCT, "正式", "老员工", ""],
]


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed ``csreport`` command, as a user runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [str(BIN), *map(str, args)], capture_output=True, text=True, env=env, timeout=600, check=False
    )


def rec_row(agent: str, day: dt.datetime, replied: int) -> list[Any]:
    return [agent, day, 1000, 1000, replied, 30, 15, 800, 600, 50000]


def mixed_folder(root: Path) -> Path:
    """One workbook whose 接待 has October rows at 2–4 and 7 and November rows at 5–6,
    and whose 考勤 has a December row at 4; 质检 is November only."""
    rec = [
        REC_HEADER,
        rec_row("K1", OCT, 1000),  # row 2
        rec_row("K1", OCT + dt.timedelta(days=1), 1000),  # row 3
        rec_row("K2", OCT + dt.timedelta(days=2), 1000),  # row 4
        rec_row("K1", NOV, 950),  # row 5
        rec_row("K2", NOV, 900),  # row 6
        rec_row("K2", OCT + dt.timedelta(days=3), 1000),
    ]  # row 7
    att = [
        ATT_HEADER,
        ["K1", "甲", NOV, "出勤"],
        ["K2", "乙", NOV, "出勤"],
        ["K1", "甲", DEC, "出勤"],
    ]  # row 4: December
    qa = [QA_HEADER, ["K1", NOV, "c1", "满意", 90, "", "否"], ["K2", NOV, "c2", "满意", 80, "", "否"]]
    write_xlsx(root / "in" / "混合.xlsx", {"花名册": ROSTER, "接待": rec, "考勤": att, "质检": qa})
    return root / "in"


def test_run_with_month_leaves_other_months_out_and_says_so(tmp_path: Path) -> None:
    inputs = mixed_folder(tmp_path)
    mixed = cli("run", inputs, "--out", tmp_path / "out", "--no-pdf")
    assert mixed.returncode == 2
    assert "数据包含多个月份" in mixed.stderr and "--month" in mixed.stderr

    done = cli("run", inputs, "--out", tmp_path / "out", "--no-pdf", "--month", "2026-11")
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "2026-11" / "客服绩效_2026-11.json").read_text("utf-8"))
    left_out = sorted(
        (p["sheet"], p["row"], p["column"], p["header"], p["severity"], p["note"])
        for p in data["problems"]
        if p["type"] == "month.rows_excluded"
    )
    assert left_out == [  # one per sheet and month, at its first row
        ("接待", 2, "B", "日期", "info", "第 2–4、7 行属于 2026-10，已排除（共 4 行；考核月份为 2026-11）。"),
        ("考勤", 4, "C", "日期", "info", "第 4 行属于 2026-12，已排除（共 1 行；考核月份为 2026-11）。"),
    ]
    # Only November is scored: K1 replied to 950 of 1000 in November (1000 in October).
    reply = {a["agent_id"]: next(k for k in a["kpis"] if k["kpi_id"] == "reply_rate") for a in data["agents"]}
    assert reply["K1"]["raw"] == 0.95 and reply["K1"]["denominator"] == 1000
    assert reply["K2"]["raw"] == 0.9 and reply["K2"]["denominator"] == 1000


def test_left_out_rows_in_english(tmp_path: Path) -> None:
    report = check_month([mixed_folder(tmp_path)], month="2026-11")
    shown = sorted(p.render("en") for p in report.problems if p.code == "month.rows_excluded")
    assert shown == [
        "[note] 混合.xlsx sheet '接待' row 2 column B (日期): rows 2–4, 7 belong to 2026-10; "
        "left out (4 in all; the assessed month is 2026-11).",
        "[note] 混合.xlsx sheet '考勤' row 4 column C (日期): row 4 belongs to 2026-12; "
        "left out (1 in all; the assessed month is 2026-11).",
    ]
    # The month was chosen: leaving other months out is a note, not a data problem.
    assert all(p.severity is Severity.INFO for p in report.problems if p.code == "month.rows_excluded")
    for p in report.problems:  # every problem renders, whatever its parameters are called
        assert "{" not in p.render("zh") and "{" not in p.render("en")


def test_month_without_data_is_said_plainly(tmp_path: Path) -> None:
    inputs = mixed_folder(tmp_path)
    expected_zh = (
        "错误：2027-01 没有数据：输入中的日期都属于 2026-10、2026-11、2026-12。"
        "请用 --month 选择其中一个月份，或加入 2027-01 的数据。\n"
    )
    done = cli("run", inputs, "--out", tmp_path / "out", "--month", "2027-01")
    assert (done.returncode, done.stderr.splitlines()[-1] + "\n") == (2, expected_zh)
    assert not (tmp_path / "out" / "2027-01").exists()
    checked = cli("check", inputs, "--month", "2027-01")
    assert checked.returncode == 2
    assert checked.stderr.splitlines()[-1] + "\n" == expected_zh
    assert "没有找到" not in checked.stdout + checked.stderr
    english = cli("check", inputs, "--month", "2027-01", "--lang", "en")
    assert english.returncode == 2
    assert english.stderr.splitlines()[-1].endswith(
        "2027-01 has no data: the dates in the inputs all belong to 2026-10, 2026-11, "
        "2026-12. Choose one of those with --month, or add the data of 2027-01."
    )


def test_sheet_with_only_other_months_is_not_called_missing(tmp_path: Path) -> None:
    att = [ATT_HEADER, ["K1", "甲", OCT, "出勤"], ["K2", "乙", OCT, "出勤"]]
    rec = [REC_HEADER, rec_row("K1", NOV, 990), rec_row("K2", NOV, 990)]
    src = write_xlsx(tmp_path / "m.xlsx", {"花名册": ROSTER, "考勤": att, "接待": rec})
    report = check_month([src], month="2026-11")
    found = {p.code: p for p in report.problems if p.severity is Severity.WARNING}
    assert found["role.other_months"].message("zh") == (
        "「考勤」数据表中没有 2026-11 的数据（其中的行都属于其他月份，已排除），"
        "所有人的相关指标都将记为缺数据。"
    )
    assert [p.params["role"].zh for p in report.problems if p.code == "role.absent"] == ["质检抽查"]


def test_days_without_a_year_follow_the_chosen_month(tmp_path: Path) -> None:
    """``11月3日`` belongs to November of the --month year; December has no data then."""
    att = [ATT_HEADER, ["K1", "甲", "11月3日", "出勤"], ["K2", "乙", "11月4日", "出勤"]]
    src = write_xlsx(tmp_path / "m.xlsx", {"花名册": ROSTER, "考勤": att})
    report = run_month([src], RunOptions(tmp_path / "out", month="2026-11", pdf=False))
    assert {a.agent_id: a.attendance.present for a in report.result.agents if a.attendance} == {
        "K1": 1,
        "K2": 1,
    }
    try:
        run_month([src], RunOptions(tmp_path / "out", month="2026-12", pdf=False))
    except CsreportError as exc:
        assert (exc.code, exc.exit_code) == ("month.no_data", 2)
        assert exc.message("zh").startswith("2026-12 没有数据：输入中的日期都属于 2026-11。")
    else:
        raise AssertionError("a month without rows was scored")


def test_days_without_a_year_of_another_month_make_the_data_mixed(tmp_path: Path) -> None:
    """Without --month, ``11月3日`` beside October dates is not left out unasked."""
    att = [ATT_HEADER, ["K1", "甲", OCT, "出勤"], ["K2", "乙", "11月3日", "出勤"]]
    src = write_xlsx(tmp_path / "m.xlsx", {"花名册": ROSTER, "考勤": att})
    try:
        check_month([src])
    except CsreportError as exc:
        assert (exc.code, exc.exit_code) == ("month.mixed", 2)
        assert exc.message("zh") == (
            "数据包含多个月份（2026-10（1 行）、2026-11（1 行））。请用 --month YYYY-MM 指定要考核的月份。"
        )
    else:
        raise AssertionError("a day of November was left out without asking")


def test_undated_rows_count_as_the_chosen_month(tmp_path: Path) -> None:
    """A summary export without dates is data for whatever month is chosen."""
    rec = [[h for h in REC_HEADER if h != "日期"], ["K1", 1000, 1000, 990, 30, 15, 800, 600, 5]]
    src = write_xlsx(tmp_path / "m.xlsx", {"花名册": ROSTER, "接待": rec})
    report = check_month([src], month="2027-03")
    assert report.dataset is not None and report.dataset.month == "2027-03"
    assert len(report.dataset.frames["reception"]) == 1


def test_row_ranges() -> None:
    assert checks.row_ranges([3]) == ("第 3 行", "row 3 belongs")
    assert checks.row_ranges([3, 4, 5, 8, 10, 11]) == ("第 3–5、8、10–11 行", "rows 3–5, 8, 10–11 belong")
    many = checks.row_ranges(list(range(2, 100, 2)))  # 49 single rows
    assert many.zh.startswith("第 2、4、6") and many.zh.endswith("、40…… 行")
    assert many.en.endswith(", 40, … belong")
