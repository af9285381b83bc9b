"""Hostile-probe findings on reading inputs, each checked at its mechanism.

- A non-finite number (inf, NaN, 1e999) or an absurdly large one (1e308) in any numeric,
  rate or duration cell is a located cell problem, treated as missing; it never reaches
  scoring (where it became NaN and XlsxWriter ended the run with exit 3).
- A dated row with a blank 日期 or 考勤状态 is left out with a located ERROR, and blank
  keys are never compared as duplicates.
- A duplicate of a row in another file or sheet names that file and sheet, and which row
  was kept.
- Pipes, devices and sub-folders in an input folder are named, never opened.
- A stray NUL in a UTF-8 CSV is read; UTF-16 is recognised by where its NULs fall.
- A bad roster 入职日期 shows what the cell holds and does not claim the row was left out.

Real files and the real CLI throughout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from csreport.api import check_month
from csreport.inputs import values as v
from csreport.inputs.sniff import sniff
from csreport.inputs.workbook import input_problems, iter_files
from csreport.problems import CsreportError, Problem, Severity
from tests.hostile_files import rows_xml, write_package
from tests.workbooks import ATT_HEADER, QA_HEADER, REC_HEADER, ROSTER_HEADER, write_xlsx

D = dt.datetime(2026, 10, 3)
BIN = Path(sys.executable).with_name("csreport")
SAMPLES = Path(__file__).resolve().parent.parent / "sample_workbooks"
ROSTER = [
    ROSTER_HEADER,
    ["K1", "甲", "一组", D, "正式", "老员工", ""],
    ["K2", "乙", "一组", D, "正式", "老员工", ""],
]


def cli(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The installed ``csreport`` command, as a user runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [str(BIN), *map(str, args)], capture_output=True, text=True, env=env, timeout=timeout, check=False
    )


def samples(folder: Path) -> Path:
    """A folder holding a copy of the four sample workbooks (a clean October)."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in SAMPLES.iterdir():
        shutil.copy(f, folder / f.name)
    return folder


def found(problems: list[Problem], code: str) -> list[tuple[Any, ...]]:
    """(file, sheet, row, column, header, value, severity) of each problem with ``code``."""
    return [
        (p.file, p.sheet, p.row, p.column, p.header, p.value, p.severity) for p in problems if p.code == code
    ]


# --- A. non-finite and absurd numbers ------------------------------------------------

NUM_HEADER = ["工号", "日期", "接待人数", "咨询人数", "回复人数", "平均响应时长(秒)"]


def test_infinity_in_an_xlsx_cell_is_a_cell_problem_and_the_run_scores(tmp_path: Path) -> None:
    data = samples(tmp_path / "in")
    rows = [["KF001", 46296, 50, 50, 49, 30], ["KF002", 46297, 60, 60, 59, 31]]
    # <v>1e99999</v> is read as float inf: it used to pass the fast path and end as NaN.
    write_package(data / "num.xlsx", rows_xml(NUM_HEADER, rows).replace("<v>60</v>", "<v>1e99999</v>"))
    checked = cli("check", data)
    assert checked.returncode == 1
    assert (
        "[错误] num.xlsx，工作表「接待」，第 3 行，C 列（接待人数）：「inf」不是有效的数字，此值按缺失处理。"
    ) in checked.stdout
    assert (
        "[错误] num.xlsx，工作表「接待」，第 3 行，D 列（咨询人数）：「inf」不是有效的数字，此值按缺失处理。"
    ) in checked.stdout
    out = tmp_path / "out"
    ran = cli("run", data, "--out", out, "--no-pdf")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    result = json.loads((out / "2026-10" / "客服绩效_2026-10.json").read_text("utf-8"))
    assert len(result["agents"]) == 14


@pytest.mark.parametrize("text", ["inf", "-inf", "Infinity", "nan", "NaN", "1e999", "-1e999"])
def test_non_finite_text_in_every_kind_of_numeric_field(tmp_path: Path, text: str) -> None:
    header = [
        "工号",
        "日期",
        "接待人数",
        "咨询人数",
        "回复人数",
        "回复率",
        "平均响应时长(秒)",
        "首次响应时长(秒)",
        "销售额",
    ]
    rows = [
        header,
        ["K1", "2026-10-03", text, 10, 9, text, text, text, text],
        ["K1", "2026-10-04", 10, 10, 9, "90%", 30, 20, 100],
    ]
    path = write_xlsx(tmp_path / "接待.xlsx", {"花名册": ROSTER, "接待": rows})
    report = check_month([path])
    bad = found(report.problems, "cell.not_number")
    expected_columns = {
        "C": "接待人数",
        "F": "回复率",
        "G": "平均响应时长(秒)",
        "H": "首次响应时长(秒)",
        "I": "销售额",
    }
    assert sorted(bad) == sorted(
        ("接待.xlsx", "接待", 2, col, head, text, Severity.ERROR) for col, head in expected_columns.items()
    )
    frame = report.dataset.frames["reception"]
    for column in ("received", "reply_rate", "avg_response_s", "first_response_s", "sales"):
        assert frame[column].iloc[0] is None or frame[column].isna().iloc[0]
    assert frame["received"].iloc[1] == 10.0


def test_non_finite_qa_item_and_csv_counts(tmp_path: Path) -> None:
    qa = [[*QA_HEADER[:4], "流程全面,服务规范", "积极主动"], ["K1", "2026-10-03", "C1", "满意", "nan", "inf"]]
    att = [ATT_HEADER, ["K1", "甲", "2026-10-03", "出勤"]]
    path = write_xlsx(tmp_path / "质检.xlsx", {"花名册": ROSTER, "质检": qa, "考勤": att})
    csv = tmp_path / "接待.csv"
    csv.write_text("工号,日期,接待人数,咨询人数,回复人数\nK1,2026-10-03,1e999,NaN,-inf\n", "utf-8")
    report = check_month([path, csv])
    bad = {(p.file, p.column, p.value) for p in report.problems if p.code == "cell.not_number"}
    assert {("接待.csv", "C", "1e999"), ("接待.csv", "D", "NaN"), ("接待.csv", "E", "-inf")} <= bad
    assert {("质检.xlsx", "E", "nan"), ("质检.xlsx", "F", "inf")} <= bad


def test_absurd_counts_are_out_of_range_and_shown_compactly(tmp_path: Path) -> None:
    data = samples(tmp_path / "in")
    rows = [["KF001", 46296, 1e308, 1e308, 1e308, 1e308], ["KF001", 46297, 1.5e308, 1.7e308, 1e308, 1.7e308]]
    write_package(data / "num.xlsx", rows_xml(NUM_HEADER, rows))
    checked = cli("check", data)
    assert (
        "[错误] num.xlsx，工作表「接待」，第 2 行，C 列（接待人数）："
        "「1e+308」超出合理范围（0–1000000000000），此值按缺失处理。"
    ) in checked.stdout
    assert (
        "[错误] num.xlsx，工作表「接待」，第 3 行，D 列（咨询人数）："
        "「1.7e+308」超出合理范围（0–1000000000000），此值按缺失处理。"
    ) in checked.stdout
    # Two 1e308 rows summed to inf, then inf/inf to NaN: the run used to end with exit 3.
    ran = cli("run", data, "--out", tmp_path / "out", "--no-pdf")
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_huge_qa_item_is_shown_as_1e308(tmp_path: Path) -> None:
    qa = [[*QA_HEADER[:4], "流程全面,服务规范"], ["K1", "2026-10-03", "C1", "满意", 1e308]]
    path = write_xlsx(tmp_path / "质检.xlsx", {"花名册": ROSTER, "质检": qa})
    bad = next(p for p in check_month([path]).problems if p.code == "cell.out_of_range")
    assert bad.render("en") == (
        "[error] 质检.xlsx sheet '质检' row 2 column E (流程全面,服务规范): "
        "'1e+308' is outside the plausible range (0–10); "
        "treated as missing."
    )


@pytest.mark.parametrize(
    "value,shown",
    [
        (1e308, "1e+308"),
        (-1e20, "-1e+20"),
        (1e-300, "1e-300"),
        (123.0, "123"),
        (0.5, "0.5"),
        (999999999999999.0, "999999999999999"),
        (0.0, "0"),
        (12.345, "12.345"),
        (float("inf"), "inf"),
        (float("nan"), ""),
    ],
)
def test_display_is_compact_for_huge_and_tiny_numbers(value: float, shown: str) -> None:
    assert v.display(value) == shown


@pytest.mark.parametrize(
    "raw", ["inf", "nan", "1e999", "9" * 400 + "小时", "9" * 400 + ":00", float("inf"), float("nan")]
)
def test_parsers_refuse_non_finite(raw: object) -> None:
    with pytest.raises(ValueError):
        v.parse_duration(raw)
    with pytest.raises(ValueError):
        v.parse_number(raw)


# --- B. blank 日期 and 考勤状态 ---------------------------------------------------------


def test_blank_date_and_status_rows_are_errors_and_never_duplicates(tmp_path: Path) -> None:
    att = [
        ATT_HEADER,
        ["K1", "甲", "2026-10-01", "出勤"],  # row 2
        ["K1", "甲", None, "出勤"],  # row 3: blank date
        ["K1", "甲", "  ", "出勤"],  # row 4: whitespace date
        ["K1", "甲", "2026-10-02", None],  # row 5: blank status
        ["K1", "甲", "2026-10-03", " "],  # row 6: whitespace status
        ["K1", "甲", "2026-10-04", "-"],  # row 7: placeholder status
        ["K1", "甲", "2026-10-05", "出勤"],
    ]  # row 8
    path = write_xlsx(tmp_path / "考勤.xlsx", {"花名册": ROSTER, "考勤": att})
    report = check_month([path])
    assert found(report.problems, "row.blank_date") == [
        ("考勤.xlsx", "考勤", 3, "C", "日期", "", Severity.ERROR),
        ("考勤.xlsx", "考勤", 4, "C", "日期", "", Severity.ERROR),
    ]
    assert found(report.problems, "row.blank_status") == [
        ("考勤.xlsx", "考勤", 5, "D", "考勤状态", "", Severity.ERROR),
        ("考勤.xlsx", "考勤", 6, "D", "考勤状态", "", Severity.ERROR),
        ("考勤.xlsx", "考勤", 7, "D", "考勤状态", "-", Severity.ERROR),
    ]
    assert not [p for p in report.problems if p.code.startswith("row.duplicate")]
    assert not [p for p in report.problems if p.code == "cell.placeholder"]
    blank = next(p for p in report.problems if p.code == "row.blank_date")
    assert blank.render("zh") == (
        "[错误] 考勤.xlsx，工作表「考勤」，第 3 行，C 列（日期）：日期为空，此行未计入"
        "（无法确定是哪一天、哪个月的数据）；请补上日期，或删除这一行。"
    )
    status = next(p for p in report.problems if p.code == "row.blank_status")
    assert status.render("en") == (
        "[error] 考勤.xlsx sheet '考勤' row 5 column D (考勤状态): The attendance status "
        "(考勤状态) is blank, so this row was left out; fill in one of '出勤', '迟到', '早退', "
        "'请假', '旷工', '休息' (present, late, left early, on leave, absent, rest), or delete the "
        "row."
    )
    assert list(report.dataset.frames["attendance"]["_row"]) == [2, 8]


def test_blank_dates_in_the_sample_attendance_are_reported(tmp_path: Path) -> None:
    """The probe: 4 rows of the sample lost silently, one "duplicate" of a blank date."""
    data = samples(tmp_path / "in")
    wb = openpyxl.load_workbook(data / "十月考勤.xlsx")
    ws = wb.active
    ws.cell(6, 3).value = None
    ws.cell(7, 4).value = None
    ws.cell(9, 3).value = "  "
    ws.cell(10, 4).value = "  "
    wb.save(data / "十月考勤.xlsx")
    report = check_month([data])
    left_out = sorted(
        (p.code, p.row, p.column) for p in report.problems if p.code in ("row.blank_date", "row.blank_status")
    )
    assert left_out == [
        ("row.blank_date", 6, "C"),
        ("row.blank_date", 9, "C"),
        ("row.blank_status", 7, "D"),
        ("row.blank_status", 10, "D"),
    ]
    assert not [p for p in report.problems if p.code.startswith("row.duplicate")]


def test_summary_attendance_rows_need_no_status(tmp_path: Path) -> None:
    att = [
        ["工号", "姓名", "日期", "考勤状态", "出勤天数"],
        ["K1", "甲", None, None, 21],
        ["K2", "乙", None, None, None],
    ]
    path = write_xlsx(tmp_path / "考勤.xlsx", {"花名册": ROSTER, "考勤": att})
    report = check_month([path], month="2026-10")
    # K1's row carries 出勤天数 (a monthly summary): kept; K2's row says nothing: left out.
    assert [(p.code, p.row) for p in report.problems if p.code in ("row.blank_date", "row.blank_status")] == [
        ("row.blank_date", 3)
    ]
    assert list(report.dataset.frames["attendance"]["agent_id"]) == ["K1"]


def test_reception_blank_date_with_dates_elsewhere_and_a_dateless_column(tmp_path: Path) -> None:
    dated = [REC_HEADER[:4], ["K1", "2026-10-03", 10, 10], ["K1", None, 5, 5], ["K2", "2026-10-03", 8, 8]]
    dateless = [REC_HEADER[:4], ["K1", None, 10, 10], ["K2", "", 9, 9]]
    a = write_xlsx(tmp_path / "a.xlsx", {"花名册": ROSTER, "接待": dated})
    report = check_month([a])
    assert found(report.problems, "row.blank_date") == [
        ("a.xlsx", "接待", 3, "B", "日期", "", Severity.ERROR)
    ]
    # A 日期 column left entirely blank is not provided: the rows are monthly figures.
    b = write_xlsx(
        tmp_path / "b.xlsx",
        {"花名册": ROSTER, "接待": dateless, "考勤": [ATT_HEADER, ["K1", "甲", D, "出勤"]]},
    )
    report = check_month([b])
    assert not found(report.problems, "row.blank_date")
    assert list(report.dataset.frames["reception"]["agent_id"]) == ["K1", "K2"]


def test_qa_rows_without_chat_id_are_not_duplicates(tmp_path: Path) -> None:
    qa = [
        QA_HEADER,
        ["K1", "2026-10-03", None, "满意", 90, "", "否"],
        ["K1", "2026-10-04", "", "满意", 80, "", "否"],
        ["K1", "2026-10-05", "C9", "满意", 70, "", "否"],
        ["K1", "2026-10-05", "C9", "满意", 70, "", "否"],
    ]
    path = write_xlsx(tmp_path / "q.xlsx", {"花名册": ROSTER, "质检": qa})
    report = check_month([path])
    dups = [(p.code, p.row) for p in report.problems if p.code.startswith("row.duplicate")]
    assert dups == [("row.duplicate", 5)]
    assert len(report.dataset.frames["qa"]) == 3


def test_date_formatted_zero_in_a_data_date_is_not_shown_as_midnight(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "考勤.xlsx",
        {"花名册": ROSTER, "考勤": [ATT_HEADER, ["K1", "甲", D, "出勤"], ["K1", "甲", 0, "出勤"]]},
    )
    wb = openpyxl.load_workbook(path)
    wb["考勤"].cell(3, 3).number_format = "yyyy-mm-dd"
    wb.save(path)
    bad = next(p for p in check_month([path]).problems if p.code == "cell.date_not_positive")
    assert (bad.row, bad.column, bad.value, bad.severity) == (3, "C", "", Severity.ERROR)
    assert "00:00:00" not in bad.render("zh") and "此行已排除" in bad.render("zh")


# --- C. duplicates across files and sheets -----------------------------------------------


def test_duplicate_in_another_file_names_that_file_and_the_kept_row(tmp_path: Path) -> None:
    data = samples(tmp_path / "in")
    shutil.copy(data / "花名册.xlsx", data / "花名册 (1).xlsx")
    report = check_month([data])
    dup = next(
        p
        for p in report.problems
        if p.code == "row.duplicate_elsewhere" and p.file == "花名册.xlsx" and p.row == 2
    )
    # "花名册 (1).xlsx" sorts first, so its row is the one kept.
    assert dup.render("zh") == (
        "[警告] 花名册.xlsx，工作表「花名册」，第 2 行，A 列（工号）："
        "与 花名册 (1).xlsx「花名册」第 2 行重复（工号 KF001），此行已排除，"
        "保留 花名册 (1).xlsx「花名册」第 2 行。"
    )
    assert dup.render("en") == (
        "[warning] 花名册.xlsx sheet '花名册' row 2 column A (工号): Duplicates row 2 of "
        "花名册 (1).xlsx, sheet '花名册' (工号 KF001); this row was excluded and row 2 of "
        "花名册 (1).xlsx, sheet '花名册' kept."
    )
    assert not [p for p in report.problems if p.code == "row.duplicate"]


def test_conflicting_duplicate_in_another_sheet_names_the_sheet(tmp_path: Path) -> None:
    att = [ATT_HEADER, ["K1", "甲", "2026-10-03", "出勤"]]
    att2 = [ATT_HEADER, ["K2", "乙", "2026-10-04", "出勤"], ["K1", "甲", "2026-10-03", "迟到"]]
    path = write_xlsx(tmp_path / "a.xlsx", {"花名册": ROSTER, "考勤一": att, "考勤二": att2})
    dup = next(p for p in check_month([path]).problems if p.code.startswith("row.duplicate"))
    assert dup.code == "row.duplicate_conflict_elsewhere" and dup.severity is Severity.ERROR
    assert dup.render("zh") == (
        "[错误] a.xlsx，工作表「考勤二」，第 3 行，A 列（工号）："
        "与 工作表「考勤一」第 2 行的工号 K1、日期 2026-10-03 相同但内容不同，此行已排除，"
        "保留 工作表「考勤一」第 2 行，请核对。"
    )
    assert dup.message("en") == (
        "Same 工号 K1, 日期 2026-10-03 as row 2 of sheet '考勤一' but different values; this "
        "row was excluded and row 2 of sheet '考勤一' kept. Please check."
    )


# --- D. pipes, devices and sub-folders -------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_pipes_devices_and_subfolders_are_named_never_opened(tmp_path: Path) -> None:
    data = samples(tmp_path / "in")
    (data / "子").mkdir()
    shutil.move(data / "十月质检.xlsx", data / "子" / "十月质检.xlsx")
    os.mkfifo(data / "pipe.xlsx")
    os.symlink("/dev/zero", data / "zero.xlsx")
    os.symlink("/dev/urandom", data / "rand.csv")
    (data / "照片").mkdir()  # no workbook inside: not mentioned
    (data / "照片" / "a.png").write_bytes(b"\x89PNG")
    (data / ".git").mkdir()  # hidden: not mentioned
    (data / ".git" / "x.xlsx").write_bytes(b"x")
    problems = input_problems([data])
    shown = {p.file: (p.code, p.severity, p.message("zh")) for p in problems}
    assert shown == {
        "pipe.xlsx": (
            "input.not_regular",
            Severity.WARNING,
            "这不是普通文件，而是命名管道（FIFO），没有读取；请选择真正的工作簿文件。",
        ),
        "zero.xlsx": (
            "input.not_regular",
            Severity.WARNING,
            "这不是普通文件，而是设备文件（快捷方式，指向 /dev/zero），没有读取；请选择真正的工作簿文件。",
        ),
        "rand.csv": (
            "input.not_regular",
            Severity.WARNING,
            "这不是普通文件，而是设备文件（快捷方式，指向 /dev/urandom），没有读取；请选择真正的工作簿文件。",
        ),
        "子" + os.sep: (
            "input.subfolder_not_read",
            Severity.WARNING,
            "这是子文件夹，其中的 1 个工作簿文件没有读取（只读取所给文件夹本身里的文件，"
            "不读子文件夹）；如需读取，请把放这些工作簿的文件夹也列为输入，"
            f"例如「{data / '子'}」。",
        ),
    }
    assert {p.name for p in iter_files([data])} == {"十月接待.xlsx", "十月考勤.xlsx", "花名册.xlsx"}
    # The real CLI, with a timeout: opening the FIFO would block for ever.
    checked = cli("check", data, "--json", timeout=120)
    payload = json.loads(checked.stdout)
    files = {p["file"] for p in payload["problems"]}
    assert {"pipe.xlsx", "zero.xlsx", "rand.csv", "子" + os.sep} <= files
    ran = cli("run", data, data / "子", "--out", tmp_path / "out", "--no-pdf", timeout=300)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    # Given as an input too, the sub-folder is read and no longer reported.
    assert "子" + os.sep not in {p.file for p in input_problems([data, data / "子"])}


def test_a_fifo_given_by_name_is_set_aside_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes need a POSIX system")
    data = samples(tmp_path / "in")
    os.mkfifo(tmp_path / "p.xlsx")
    checked = cli("check", data, tmp_path / "p.xlsx", timeout=120)
    assert "[错误] p.xlsx：这不是普通文件（可能是设备或管道）；请选择工作簿文件。" in checked.stdout


def test_own_output_folders_are_not_reported_as_subfolders(tmp_path: Path) -> None:
    data = samples(tmp_path / "in")
    ran = cli("run", data, "--out", data, "--no-pdf", "--write-back")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    ran = cli("run", data, "--out", data / "reports", "--no-pdf")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (data / "2026-10" / "客服绩效_2026-10.xlsx").is_file()
    assert (data / "reports" / "2026-10" / "客服绩效_2026-10.xlsx").is_file()
    assert input_problems([data]) == []


def test_a_link_back_to_the_input_folder_is_no_subfolder(tmp_path: Path) -> None:
    data = samples(tmp_path / "in")
    os.symlink(".", data / "loop")
    os.symlink("..", data / "up")
    assert input_problems([data]) == []


# --- E. NUL bytes and UTF-16 ---------------------------------------------------------------

ROSTER_CSV = "工号,姓名,组别\nKF001,徐思远,一组\nKF003,杨梓萱,一组\n"


def test_a_stray_nul_in_a_utf8_csv_is_read(tmp_path: Path) -> None:
    data = samples(tmp_path / "in")
    (data / "花名册.xlsx").unlink()
    (data / "花名册.csv").write_bytes(ROSTER_CSV.encode().replace(b"KF003", b"KF\x00003"))
    report = check_month([data])
    assert "花名册.csv" in report.dataset.files_read
    assert set(report.dataset.roster) == {"KF001", "KF003"}
    assert not [p for p in report.problems if p.code.startswith("file.")]


@pytest.mark.parametrize(
    "data,verdict",
    [
        (ROSTER_CSV.encode("utf-16-le"), "file.utf16_no_bom"),
        (ROSTER_CSV.encode("utf-16-be"), "file.utf16_no_bom"),
        (
            "姓名,组别,备注\n徐思远,一组,很好的同事\n杨梓萱,一组,优秀\n".encode("utf-16-le"),
            "file.utf16_no_bom",
        ),
        (ROSTER_CSV.encode().replace(b"KF", b"K\x00F"), "text"),
        (ROSTER_CSV.encode() + b"\x00", "text"),
        (b"\x00" * 200, "file.unknown_kind"),
        (bytes(range(256)) * 8, "file.unknown_kind"),
    ],
)
def test_utf16_is_told_by_where_its_nuls_fall(data: bytes, verdict: str) -> None:
    try:
        kind = sniff(data, ".csv").name
    except CsreportError as exc:
        kind = exc.code
    assert kind == verdict


# --- F. roster 入职日期 -------------------------------------------------------------------


def test_bad_hire_dates_show_the_cell_and_keep_the_agent(tmp_path: Path) -> None:
    roster = [
        ROSTER_HEADER,
        ["K1", "甲", "一组", -5, "正式", "老员工", ""],
        ["K2", "乙", "一组", 0, "正式", "老员工", ""],
        ["K3", "丙", "一组", "去年", "正式", "老员工", ""],
        ["K4", "丁", "一组", -5, "正式", "老员工", ""],
    ]
    path = write_xlsx(
        tmp_path / "花名册.xlsx", {"花名册": roster, "考勤": [ATT_HEADER, ["K1", "甲", D, "出勤"]]}
    )
    wb = openpyxl.load_workbook(path)
    for row in (2, 3):
        wb["花名册"].cell(row, 4).number_format = "yyyy-mm-dd"
    wb.save(path)
    report = check_month([path])
    assert found(report.problems, "cell.hire_date_not_positive") == [
        ("花名册.xlsx", "花名册", 2, "D", "入职日期", "", Severity.WARNING),
        ("花名册.xlsx", "花名册", 3, "D", "入职日期", "", Severity.WARNING),
    ]
    assert found(report.problems, "cell.bad_hire_date") == [
        ("花名册.xlsx", "花名册", 4, "D", "入职日期", "去年", Severity.WARNING),
        ("花名册.xlsx", "花名册", 5, "D", "入职日期", "-5", Severity.WARNING),
    ]
    for p in report.problems:
        if p.code in ("cell.hire_date_not_positive", "cell.bad_hire_date"):
            text = p.render("zh") + p.render("en")
            assert "00:00:00" not in text and "此行已排除" not in text and "row excluded" not in text
    plain = next(p for p in report.problems if p.code == "cell.bad_hire_date")
    assert plain.message("en") == (
        "'去年' is not a valid date, so the hire date (入职日期) is treated as blank; the "
        "agent is still scored. Fill in the right hire date."
    )
    assert set(report.dataset.roster) == {"K1", "K2", "K3", "K4"}
    assert report.dataset.roster["K1"].group == "一组"


def test_huge_number_in_a_duration_cell(tmp_path: Path) -> None:
    """1e300 formatted as [h]:mm:ss or as a date overflows Python's date types: the cell is
    reported out of range, the file is read."""
    import shutil

    import openpyxl

    from csreport.api import check_month

    for name in ("十月接待.xlsx", "花名册.xlsx", "十月考勤.xlsx", "十月质检.xlsx"):
        shutil.copy(Path(__file__).resolve().parents[1] / "sample_workbooks" / name, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "十月接待.xlsx")
    sheet = book.active
    sheet["F3"].value, sheet["F3"].number_format = 1e300, "[h]:mm:ss"
    sheet["F4"].value, sheet["F4"].number_format = 1e300, "yyyy-mm-dd"
    book.save(tmp_path / "十月接待.xlsx")
    report = check_month([tmp_path])
    assert report.dataset is not None and not report.dataset.files_failed
    found = [
        (p.code, p.row, p.column, p.value)
        for p in report.problems
        if p.file == "十月接待.xlsx" and p.severity.value == "error"
    ]
    assert found == [("cell.out_of_range", 3, "F", "1e+300"), ("cell.out_of_range", 4, "F", "1e+300")]
