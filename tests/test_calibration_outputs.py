"""The 校准报告 files: the workbook read back (sheets, readings, statistics, data) in Chinese and
English, LibreOffice opens it, the workbook and PDF are written as a set, the history is never
touched, and the shipped example runs clean."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from csreport.cli.main import main
from csreport.problems import CsreportError
from csreport.qa.calibrate import calibration_names, run_calibrate
from tests.test_calibration_numbers import krippendorff_sheet, standard_sheet
from tests.test_messages import bare_chinese
from tests.test_xlsx_libreoffice import convert, pages

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "校准_示例.xlsx"
TODAY = dt.date.today().isoformat()
CJK = re.compile(r"[\u3400-\u9fff]")


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, ["calibrate", *(str(a) for a in args)])
    assert "Traceback" not in result.output + result.stderr
    return result


def test_the_workbook_read_back(tmp_path: Path) -> None:
    src = standard_sheet(tmp_path / "s.xlsx")
    done = run_calibrate(src, tmp_path / "out", pdf=False, today=dt.date(2026, 10, 31))
    book = openpyxl.load_workbook(done.workbook)
    assert book.sheetnames == ["结论", "评分人", "一致性", "分歧", "数据"]
    conclusion = list(book["结论"].iter_rows(values_only=True))
    assert conclusion[0][0] == "校准报告 2026-10-31"
    assert conclusion[1][0] == "校准表：s.xlsx（工作表「校准」）。校准结果不改动任何客服的分数。"
    assert conclusion[3][:4] == ("结论", "评定", "判定标准", "建议")
    readings = conclusion[4 : 4 + len(done.report.readings)]
    assert [r[0] for r in readings] == [line.text.text("zh") for line in done.report.readings]
    zhang = next(r for r in readings if r[0].startswith("「张三」的总分平均比标准"))
    assert zhang[1:] == (
        "可接受",
        "平均差（不论偏高偏低）≤ 3 分 好；3–6 分 可接受；> 6 分 需要再培训",
        "提醒此评分人注意尺度，复盘与标准差距最大的会话。",
    )
    alpha = next(r for r in readings if r[0].startswith("总分的一致性"))
    assert alpha[2] == "α ≥ 0.800 好；0.667–0.800 可接受；< 0.667 需要再培训"
    assert conclusion[-1][0] == "没有发现问题。"
    # 数据: one row per chat and reviewer, the standard first, as read.
    data = list(book["数据"].iter_rows(values_only=True))
    header = data[2]
    assert header[:3] == ("会话编号", "评分人", "工号") and header[-5:] == (
        "态度得分（填写）",
        "总分（计算）",
        "合格",
        "差错类型",
        "原表行号",
    )
    body = data[3:]
    assert [(r[0], r[1]) for r in body[:3]] == [("K1", "标准"), ("K1", "张三"), ("K1", "李四")]
    assert body[1][3:13] == (8, 19, 4, 4, 8, 8, 8, 7, 7, 7)
    assert body[1][13:] == (None, 80, "是", None, 3)
    # 分歧: ten items ranked.
    disagreement = list(book["分歧"].iter_rows(values_only=True))
    ranks = [r[0] for r in disagreement[2:] if isinstance(r[0], int)]
    assert ranks == list(range(1, 11))


def test_the_english_workbook(tmp_path: Path) -> None:
    src = standard_sheet(tmp_path / "s.xlsx")
    done = run_calibrate(src, tmp_path / "out", pdf=False, lang="en", today=dt.date(2026, 10, 31))
    book = openpyxl.load_workbook(done.workbook)
    assert book.sheetnames == ["Conclusion", "Reviewers", "Agreement", "Disagreement", "Data"]
    conclusion = list(book["Conclusion"].iter_rows(values_only=True))
    assert conclusion[0][0] == "Calibration report 2026-10-31"
    assert conclusion[3][:4] == ("Reading", "Grade", "Banding", "What to do")
    # Every label the workbook writes reads as English: Chinese only as a gloss in parentheses,
    # or as data (reviewers' names, the file and sheet names, chat IDs).
    data = {"s.xlsx", "校准", "标准", "张三", "李四"}
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            for cell in row:
                if isinstance(cell, str) and CJK.search(cell):
                    text = cell
                    for name in data:
                        text = text.replace(f"'{name}'", "").replace(name, "")
                    assert bare_chinese(text) == "", (ws.title, cell)


def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    src = krippendorff_sheet(tmp_path / "k.xlsx")
    zh = run_calibrate(src, tmp_path / "zh", pdf=False, today=dt.date(2026, 10, 31)).workbook
    en = run_calibrate(src, tmp_path / "en", pdf=False, lang="en", today=dt.date(2026, 10, 31)).workbook
    en = en.rename(tmp_path / "en.xlsx")
    pdfs = convert([zh, en], tmp_path / "pdf", tmp_path / "profile")
    zh_text, en_text = " ".join(pages(pdfs[0])), " ".join(pages(pdfs[1]))
    assert "Krippendorff's α（等距）= 0.849，好（11 个会话）" in zh_text
    assert "Agreement on totals: Krippendorff's α (interval) = 0.849, good (11 chats)" in en_text


def test_workbook_and_pdf_as_a_set_and_the_history_untouched(tmp_path: Path) -> None:
    """Both files, named by today's date; an existing history file keeps its bytes and none is
    made where there was none."""
    src = standard_sheet(tmp_path / "s.xlsx")
    out = tmp_path / "报表"
    out.mkdir()
    history = out / "csreport-history.sqlite"
    history.write_bytes(b"not touched")
    before = os.stat(history).st_mtime_ns
    result = cli(src, "--out", out)
    assert result.exit_code == 0, result.stderr
    xlsx, pdf = calibration_names(dt.date.today())
    assert sorted(p.name for p in out.iterdir()) == sorted([xlsx, pdf, "csreport-history.sqlite"])
    assert (out / pdf).read_bytes()[:5] == b"%PDF-"
    assert result.stdout.splitlines()[-3:] == [
        f"已写出：{out / xlsx}",
        f"已写出：{out / pdf}",
        "校准不改动任何客服的分数，也不写入历史记录。",
    ]
    assert history.read_bytes() == b"not touched" and os.stat(history).st_mtime_ns == before
    fresh = tmp_path / "fresh"
    assert cli(src, "--out", fresh, "--no-pdf").exit_code == 0
    assert [p.name for p in fresh.iterdir()] == [xlsx]
    assert TODAY in xlsx


def test_no_pdf_removes_an_older_pdf_of_the_same_report(tmp_path: Path) -> None:
    """A run makes a set: the same sheet run again with --no-pdf replaces its workbook, and the
    PDF of the earlier run (which would no longer match the workbook) goes; other files stay."""
    src = standard_sheet(tmp_path / "s.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    xlsx, pdf = calibration_names(dt.date(2026, 10, 31))
    (out / "notes.txt").write_text("mine")
    first = run_calibrate(src, out, today=dt.date(2026, 10, 31))
    assert (first.workbook.name, first.pdf) == (xlsx, out / pdf)
    again = run_calibrate(src, out, pdf=False, today=dt.date(2026, 10, 31))
    assert (again.workbook, again.pdf) == (out / xlsx, None)
    assert sorted(p.name for p in out.iterdir()) == sorted([xlsx, "notes.txt"])


@pytest.mark.parametrize("in_the_way", ["xlsx", "pdf"])
def test_a_folder_in_the_way_refuses_and_changes_nothing(tmp_path: Path, in_the_way: str) -> None:
    """A folder named like today's report is no report: it takes no number, and the run refuses
    to write over it, leaving everything as it was."""
    src = standard_sheet(tmp_path / "s.xlsx")
    out = tmp_path / "out"
    names = dict(zip(("xlsx", "pdf"), calibration_names(dt.date(2026, 10, 31)), strict=True))
    (out / names[in_the_way]).mkdir(parents=True)
    (out / names[in_the_way] / "mine.txt").write_text("mine")
    with pytest.raises(CsreportError) as refused:
        run_calibrate(src, out, pdf=in_the_way == "pdf", today=dt.date(2026, 10, 31))
    assert refused.value.code == "output.taken"
    assert refused.value.message("zh").startswith(f"{out / names[in_the_way]}")
    assert [p.name for p in out.iterdir()] == [names[in_the_way]]
    assert (out / names[in_the_way] / "mine.txt").read_text() == "mine"


def test_the_shipped_example(tmp_path: Path) -> None:
    """examples/校准_示例.xlsx is what scripts/make_calibration_example.py writes, and it shows each
    reviewer's habit: 张三 high on 聊天话术运用适当, 李四 level, 王五 low."""
    import subprocess
    import sys

    made = tmp_path / "made.xlsx"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_calibration_example.py"), "--out", str(made)],
        check=True,
        capture_output=True,
    )
    shipped = [list(r) for r in openpyxl.load_workbook(EXAMPLE).active.iter_rows(values_only=True)]
    assert shipped == [list(r) for r in openpyxl.load_workbook(made).active.iter_rows(values_only=True)]
    result = cli(EXAMPLE, "--out", tmp_path / "out", "--no-pdf")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "已读取 校准_示例.xlsx（工作表「校准」）：48 行评分，4 位评分人，12 个会话。"
    assert any(
        line.startswith("[可接受] 「张三」的总分平均比标准高") and "主要在「聊天话术运用适当」" in line
        for line in lines
    )
    assert any(line.startswith("[好] 「李四」的总分平均比标准低 0.3 分") for line in lines)
    assert any(line.startswith("[可接受] 「王五」的总分平均比标准低") for line in lines)
    assert any(line.startswith("[好] 总分的绝对一致性：ICC(2,1) = ") for line in lines)
