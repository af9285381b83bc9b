"""The filled task workbook is given to ``run`` where ``sample`` wrote it, in the month folder
``run`` then replaces: it is read, scored, and still there afterwards, unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl

from csreport.api import RunOptions, run_month
from csreport.domain import ATTITUDE_ITEMS
from csreport.qa.sample import SampleOptions, sample_month
from csreport.util.report_names import TASK_SHEET
from csreport.util.resources import sample_workbooks_dir

MONTH = "2026-10"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FIRST_ITEM = 10  # column J: the first of the ten items in the task sheet (1-based for openpyxl)


def test_a_task_workbook_in_the_month_folder_is_read_and_kept(tmp_path: Path) -> None:
    samples = sample_workbooks_dir()
    out = tmp_path / "报表"
    drawn = sample_month(
        [EXAMPLES / f"会话清单_{MONTH}.xlsx", samples / "花名册.xlsx"],
        SampleOptions(out_dir=out, month=MONTH),
    )
    task = drawn.path
    assert task.parent == out / MONTH
    book = openpyxl.load_workbook(task)
    sheet = book[TASK_SHEET]
    # Every chat scored full marks but one point off the first item: 99 each.
    for r in range(4, 4 + len(drawn.result.chats)):
        for k, (_name, most) in enumerate(ATTITUDE_ITEMS):
            sheet.cell(r, FIRST_ITEM + k, most - (1 if k == 0 else 0))
    book.save(task)
    before = hashlib.sha256(task.read_bytes()).hexdigest()
    others = [samples / "十月接待.xlsx", samples / "十月考勤.xlsx", samples / "花名册.xlsx"]

    report = run_month([*others, task], RunOptions(out_dir=out, pdf=False))

    assert report.exit_code == 0, [p.render("zh") for p in report.problems]
    assert hashlib.sha256(task.read_bytes()).hexdigest() == before
    assert (out / MONTH / f"客服绩效_{MONTH}.xlsx").is_file()
    sampled = {c.agent for c in drawn.result.chats}
    means = {a.agent_id: a.qa_sample.mean for a in report.result.agents if a.qa_sample}
    assert set(means) == sampled
    assert set(means.values()) == {99.0}
    # A second run over the same folder reads it again and keeps it again.
    again = run_month([*others, task], RunOptions(out_dir=out, pdf=False))
    assert again.exit_code == 0
    assert hashlib.sha256(task.read_bytes()).hexdigest() == before
