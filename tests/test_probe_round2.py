"""Findings of the second probe round: invisible characters in 工号, Excel's ="001" text,
line breaks in the output path, and what to do when no sheet is recognised."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from csreport.api import RunOptions, run_month
from tests.workbooks import REC_HEADER, ROSTER_HEADER, Agent, month_workbook, write_xlsx

CSREPORT = Path(sys.executable).parent / "csreport"
D = dt.datetime(2026, 10, 3)


@pytest.mark.parametrize("written", ["\ufeffK1", "K\u200b1", "K1\u200e", '="K1"'])
def test_invisible_characters_do_not_split_an_agent(tmp_path: Path, written: str) -> None:
    write_xlsx(
        tmp_path / "花名册.xlsx", {"花名册": [ROSTER_HEADER, ["K1", "甲", "一组", D, "正式", "老员工", ""]]}
    )
    (tmp_path / "接待.csv").write_text(
        ",".join(REC_HEADER)
        + "\n"
        + ",".join([written, "2026-10-03", "100", "100", "99", "30", "15", "80", "60", "5000"])
        + "\n",
        encoding="utf-8",
    )
    report = run_month([tmp_path], RunOptions(tmp_path / "out", pdf=False))
    assert [a.agent_id for a in report.result.agents] == ["K1"]
    assert not [p for p in report.problems if p.code == "agent.not_in_roster"]


def test_a_line_break_in_the_output_path_keeps_each_result_on_one_line(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "in" / "m.xlsx", [Agent("K1", "甲")])
    out = tmp_path / "报\n表"
    done = subprocess.run(
        [str(CSREPORT), "run", str(data), "--out", str(out), "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = str(out).replace("\n", " ")
    assert f"汇总工作簿：{shown}/2026-10/客服绩效_2026-10.xlsx" in done.stdout.splitlines()
    assert (out / "2026-10" / "客服绩效_2026-10.xlsx").is_file()


def test_no_recognised_sheet_says_what_to_do(tmp_path: Path) -> None:
    data = month_workbook(tmp_path / "m.xlsx", [Agent("K1", "甲")])
    write_xlsx(tmp_path / "其他.xlsx", {"表1": [["编号", "名称"], ["1", "x"]]})
    report = run_month([data, tmp_path / "其他.xlsx"], RunOptions(tmp_path / "out", pdf=False))
    problem = next(p for p in report.problems if p.code == "file.no_sheets")
    assert problem.message("zh") == (
        "文件中没有识别出任何考核数据表（花名册/考勤/接待数据/质检抽查）。请确认表头行有「工号」等列；"
        "表头名称不同时，用 --mapping 指定表头映射（见 examples/mapping.yaml）。"
    )
    assert report.exit_code == 1


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(
    "css,html,url",
    [
        ('@import url("http://example.com/a.css");', "", "http://example.com/a.css"),
        ("", '<img src="file:///etc/passwd"/>', "file:///etc/passwd"),
    ],
    ids=["css-import-web", "img-outside"],
)
def test_template_asking_for_outside_files_is_one_line(
    tmp_path: Path, css: str, html: str, url: str, workers: int
) -> None:
    from tests.template_copies import copy_templates

    folder = copy_templates(tmp_path, html=html)
    if css:  # an @import must come first in a stylesheet
        sheet = folder / "scorecard.css"
        sheet.write_text(css + "\n" + sheet.read_text("utf-8"), "utf-8")
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    done = subprocess.run(
        [
            str(CSREPORT),
            "run",
            str(samples),
            "--out",
            str(tmp_path / "out"),
            "--templates",
            str(folder),
            "--workers",
            str(workers),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "Exception in initializer" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        f"错误：成绩单模板引用了「{url}」，已拒绝：模板只能使用模板文件夹 {folder} 里的文件（和设置中的"
        "徽标）。请把该文件放进模板文件夹并用相对路径引用。"
    )
    assert not (tmp_path / "out" / "2026-10").exists()


def test_binary_template(tmp_path: Path) -> None:
    from tests.template_copies import copy_templates

    folder = copy_templates(tmp_path)
    (folder / "scorecard.html").write_bytes(bytes(range(256)) * 20)
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    done = subprocess.run(
        [
            str(CSREPORT),
            "run",
            str(samples),
            "--out",
            str(tmp_path / "out"),
            "--templates",
            str(folder),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stderr.splitlines()[-1]) == (
        2,
        "Error: Template scorecard.html line 1 is broken: the file is not UTF-8 text (a binary "
        "file, or saved in another encoding); save it as UTF-8 in a text editor",
    )


def test_formula_zero_from_a_recalculate_on_open_workbook_is_not_read_as_zero(tmp_path: Path) -> None:
    """XlsxWriter writes every formula's cached value as 0 and asks Excel to recalculate on
    opening: a 奖金基数 formula must be reported, never read as a bonus base of 0."""
    import xlsxwriter

    from csreport.api import check_month

    path = tmp_path / "花名册.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("花名册")
    sheet.write_row(0, 0, [*ROSTER_HEADER, "奖金基数"])
    sheet.write_row(1, 0, ["K1", "甲", "一组", "2025-01-01", "正式", "老员工", ""])
    sheet.write_formula(1, 7, "=1000*2")  # cached 0, as XlsxWriter writes it
    sheet.write_row(2, 0, ["K2", "乙", "一组", "2025-01-01", "正式", "老员工", ""])
    sheet.write_formula(2, 7, "=1500*2", None, 3000)  # a cached value the writer computed
    book.close()
    month_workbook(tmp_path / "m.xlsx", [Agent("K1", "甲"), Agent("K2", "乙")])
    report = check_month([path, tmp_path / "m.xlsx"])
    flagged = [
        (p.code, p.row, p.column)
        for p in report.problems
        if p.file == "花名册.xlsx" and p.code.startswith("cell.formula")
    ]
    assert flagged == [("cell.formula_no_cache", 2, "H")]
    assert report.dataset is not None
    assert report.dataset.roster["K1"].bonus_base is None
    assert report.dataset.roster["K2"].bonus_base == 3000


def test_the_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    from csreport.api import check_month

    data = month_workbook(tmp_path / "in" / "m.xlsx", [Agent("K1", "甲"), Agent("K2", "乙")])
    (tmp_path / "in" / "link.xlsx").symlink_to(data)
    report = check_month([tmp_path / "in", data, tmp_path / "in" / "m.xlsx"])
    assert report.dataset is not None and report.dataset.files_read == ["link.xlsx"]
    assert not [p for p in report.problems if p.code.startswith("row.duplicate")]
    notes = [(p.code, p.file) for p in report.problems if p.code == "input.given_twice"]
    assert notes == [("input.given_twice", "m.xlsx"), ("input.given_twice", "m.xlsx")]
