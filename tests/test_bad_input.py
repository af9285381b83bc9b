"""Bad input is reported as located problems, never a traceback; the run still scores."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from csreport.api import RunOptions, check_month, run_month
from csreport.problems import CsreportError, Severity
from tests.workbooks import (
    ATT_HEADER,
    QA_HEADER,
    REC_HEADER,
    ROSTER_HEADER,
    write_xlsx,
)

D = dt.datetime(2026, 10, 3)
ROSTER = [
    ROSTER_HEADER,
    ["K1", "甲", "一组", D, "正式", "老员工", ""],
    ["K2", "乙", "一组", D, "正式", "老员工", ""],
]


def codes(report) -> list[tuple[str, str, int | None, str]]:
    return [(p.code, p.sheet, p.row, p.column) for p in report.problems if p.severity is not Severity.INFO]


def test_cell_problems_are_located(tmp_path: Path) -> None:
    rec = [
        REC_HEADER,
        ["K1", D, 100, 100, 98, 30, 10, 50, 60, 100],  # row 2: fine
        ["K1", "2026-10-04", "abc", 100, 98, 30, 10, 50, 60, 1],  # row 3: 接待人数 not a number
        ["K1", "2026-10-05", -5, 100, 98, 30, 10, 50, 60, 1],  # row 4: negative
        ["K2", "2026-10-03", 100, 90, 95, 30, 10, 50, 60, 1],  # row 5: replied > asked
        ["K2", "2026-11-01", 100, 100, 98, 30, 10, 50, 60, 1],  # row 6: outside month
        ["K2", "2026-10-03", 100, 100, 98, 30, 10, 50, 60, 1],  # row 7: conflicting duplicate
        ["", "2026-10-03", 1, 1, 1, 1, 1, 1, 1, 1],  # row 8: no 工号
        ["K9", "2026-10-06", 100, 100, 98, "-", 10, 50, 60, 1],  # row 9: placeholder, not in roster
        ["合计", None, 500, 490, 400, None, None, None, None, None],
    ]  # row 10: summary row
    path = write_xlsx(tmp_path / "接待.xlsx", {"花名册": ROSTER, "数据信息": rec})
    report = check_month([path], month="2026-10")
    found = codes(report)
    assert ("cell.not_number", "数据信息", 3, "C") in found
    assert ("cell.negative", "数据信息", 4, "C") in found
    assert ("row.replied_gt_asked", "数据信息", 5, "E") in found
    assert any(
        p.code == "month.rows_excluded"
        and (p.sheet, p.row, p.column) == ("数据信息", 6, "B")
        and p.severity is Severity.INFO
        for p in report.problems
    )
    assert ("row.duplicate_conflict", "数据信息", 7, "A") in found
    assert ("row.missing_id", "数据信息", 8, "A") in found
    assert ("cell.placeholder", "数据信息", 9, "F") in found
    assert ("agent.not_in_roster", "数据信息", 9, "A") in found
    assert any(p.code == "row.summary" and p.row == 10 for p in report.problems)
    assert not report.valid
    bad = next(p for p in report.problems if p.code == "cell.not_number")
    assert bad.render("zh") == (
        "[错误] 接待.xlsx，工作表「数据信息」，第 3 行，C 列（接待人数）："
        "「abc」不是有效的数字，此值按缺失处理。该行不计入以下比率的分子和分母：平均响应时长、咨询转化率。"
    )
    assert bad.render("en") == (
        "[error] 接待.xlsx sheet '数据信息' row 3 column C (接待人数): "
        "'abc' is not a valid number; treated as missing. The row is left out of both sides of: "
        "Average response time (平均响应时长), Conversion rate (咨询转化率)."
    )
    dup = next(p for p in report.problems if p.code == "row.duplicate_conflict")
    assert "保留第 5 行" in dup.message("zh")


def test_missing_columns_and_roster_gaps(tmp_path: Path) -> None:
    rec = [["工号", "日期", "咨询人数", "回复人数"], ["K1", D, 10, 9]]
    att = [ATT_HEADER, ["K1", "甲", D, "出勤"], ["K1", "甲", "2026-10-04", "摸鱼"]]
    path = write_xlsx(tmp_path / "m.xlsx", {"花名册": ROSTER, "接待": rec, "考勤": att})
    report = check_month([path])
    # A reception sheet needs only 工号 or 旺旺: it is kept, and the rules say which KPIs
    # cannot be computed without 接待人数.
    assert not any(p.code == "sheet.missing_columns" for p in report.problems)
    no_received = [
        p for p in report.problems if p.code == "rules.kpi_no_data" and "接待人数" in p.message("zh")
    ]
    assert no_received and all(p.severity is Severity.ERROR for p in no_received)
    qa = [["工号", "日期", "会话编号"], ["K1", D, "c1"]]
    path = write_xlsx(tmp_path / "n.xlsx", {"花名册": ROSTER, "质检": qa})
    missing = next(p for p in check_month([path]).problems if p.code == "sheet.missing_columns")
    assert missing.sheet == "质检" and "态度得分/十项评分" in missing.message("zh")
    assert ("cell.bad_status", "考勤", 3, "D") in codes(report)
    no_data = [p for p in report.problems if p.code == "agent.no_data"]
    assert any(p.params["agent"] == "K2" and p.params["role"].zh == "考勤" for p in no_data)


def test_duplicate_exact_row_is_a_warning(tmp_path: Path) -> None:
    att = [ATT_HEADER, ["K1", "甲", D, "出勤"], ["K1", "甲", D, "出勤"]]
    path = write_xlsx(tmp_path / "a.xlsx", {"花名册": ROSTER, "考勤": att})
    dup = [p for p in check_month([path]).problems if p.code.startswith("row.duplicate")]
    assert [(p.code, p.severity, p.row) for p in dup] == [("row.duplicate", Severity.WARNING, 3)]


def test_mixed_months_need_a_choice(tmp_path: Path) -> None:
    att = [ATT_HEADER, ["K1", "甲", D, "出勤"], ["K1", "甲", "2026-09-30", "出勤"]]
    path = write_xlsx(tmp_path / "a.xlsx", {"考勤": att})
    with pytest.raises(CsreportError) as err:
        check_month([path])
    assert err.value.message("zh") == (
        "数据包含多个月份（2026-09（1 行）、2026-10（1 行））。请用 --month YYYY-MM 指定要考核的月份。"
    )
    assert err.value.message("en") == (
        "The data spans several months (2026-09 (1 row), 2026-10 (1 row)). Choose one with --month YYYY-MM."
    )
    assert check_month([path], month="2026-10").dataset.month == "2026-10"


def test_bad_files_are_set_aside_and_others_scored(tmp_path: Path) -> None:
    good = write_xlsx(
        tmp_path / "好.xlsx",
        {
            "花名册": ROSTER,
            "接待": [REC_HEADER, ["K1", D, 100, 100, 99, 30, 10, 50, 60, 100]],
            "质检": [QA_HEADER, ["K1", D, "c1", "满意", 90, "", "否"]],
        },
    )
    fake = tmp_path / "假的.xlsx"
    fake.write_text("this is not a workbook", encoding="utf-8")
    text = tmp_path / "说明.txt"
    text.write_text("x", encoding="utf-8")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (good, fake)}
    report = run_month([good, fake], RunOptions(out_dir=tmp_path / "out", pdf=False))
    corrupt = next(p for p in report.problems if p.file == "假的.xlsx")
    assert corrupt.code == "file.corrupt" and corrupt.severity is Severity.ERROR
    k1 = next(a for a in report.result.agents if a.agent_id == "K1")
    assert k1.total == 100
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (good, fake)} == before
    unsupported = check_month([text])
    assert [p.code for p in unsupported.problems] == ["file.unsupported"]
    assert not unsupported.valid


def test_encrypted_workbook_is_named(tmp_path: Path) -> None:
    ole = tmp_path / "加密.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    report = check_month([ole])
    assert [(p.code, p.file) for p in report.problems] == [("file.encrypted", "加密.xlsx")]
    assert "密码保护" in report.problems[0].message("zh")


def test_lock_files_are_skipped(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "考勤.xlsx", {"考勤": [ATT_HEADER, ["K1", "甲", D, "出勤"]]})
    (tmp_path / "~$考勤.xlsx").write_bytes(b"lock")
    report = check_month([tmp_path])
    assert report.dataset.files_read == ["考勤.xlsx"]
    # Only the rules checked against the data are errors: without reception or sampled-chat
    # sheets, their KPIs can be computed for no one.
    errors = {p.code for p in report.problems if p.severity is Severity.ERROR}
    assert errors == {"rules.kpi_no_data"}


def test_csv_in_gbk_and_utf8_bom(tmp_path: Path) -> None:
    lines = "工号,日期,考勤状态\nK1,2026-10-03,出勤\nK1,2026-10-04,迟到\n"
    (tmp_path / "gbk.csv").write_bytes(lines.encode("gbk"))
    (tmp_path / "bom.csv").write_bytes(lines.replace("K1", "K2").encode("utf-8-sig"))
    report = check_month([tmp_path / "gbk.csv", tmp_path / "bom.csv"])
    att = report.dataset.frames["attendance"]
    assert sorted(att["agent_id"]) == ["K1", "K1", "K2", "K2"]


def test_chat_without_attitude_is_reported_and_left_out(tmp_path: Path) -> None:
    qa = [
        QA_HEADER,
        ["K1", D, "c1", "满意", 80, "", "否"],
        ["K1", D, "c2", "满意", None, "", "否"],
        ["K1", D, "c3", "满意", 101, "", "否"],
    ]
    rec = [REC_HEADER, ["K1", D, 100, 100, 99, 30, 10, 50, 60, 100]]
    path = write_xlsx(tmp_path / "q.xlsx", {"花名册": ROSTER[:2], "接待": rec, "质检": qa})
    report = run_month([path], RunOptions(out_dir=tmp_path / "o", pdf=False))
    found = [(p.code, p.row) for p in report.problems if p.severity is not Severity.INFO]
    assert ("row.no_items", 3) in found
    assert ("cell.out_of_range", 4) in found
    attitude = next(k for k in report.result.agents[0].kpis if k.kpi_id == "attitude")
    assert attitude.raw == 80 and attitude.sample_size == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_broken_template_leaves_the_previous_set(tmp_path: Path, workers: int) -> None:
    import shutil

    from csreport.outputs.pdf.scorecards import default_templates_dir
    from csreport.util.resources import sample_workbooks_dir

    tdir = tmp_path / "t"
    shutil.copytree(default_templates_dir(), tdir)
    (tdir / "scorecard.html").write_text("{% if %}\n", encoding="utf-8")
    out = tmp_path / "out"
    run_month([sample_workbooks_dir()], RunOptions(out_dir=out, pdf=False))
    before = {p: p.read_bytes() for p in (out / "2026-10").rglob("*") if p.is_file()}
    with pytest.raises(CsreportError) as caught:
        run_month([sample_workbooks_dir()], RunOptions(out_dir=out, templates=tdir, workers=workers))
    assert caught.value.code == "templates.broken"
    # A failed run replaces nothing: the previous set is exactly as it was.
    assert {p: p.read_bytes() for p in (out / "2026-10").rglob("*") if p.is_file()} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".csreport-new-")]
