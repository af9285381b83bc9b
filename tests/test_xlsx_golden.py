"""Golden workbooks: the whole content of the results workbook against a stored expectation.

Each case writes a workbook for a fixed month, reads it back (``tests/xlsx_snapshot.py``:
every sheet's cells with their values, number formats, fonts, fills, borders and alignment,
column widths, row heights, merged ranges, freeze panes, autofilter, conditional formats,
print setup, and the charts' texts and references) and compares it with
``tests/golden/<case>.json``, the way XlsxWriter compares its output with files made by Excel.

After an intended change to the workbook, regenerate the expectations and review the diff::

    CSREPORT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_xlsx_golden.py

A missing expectation fails the test; it is never skipped.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from csreport.api import RunOptions, run_month
from csreport.outputs.xlsx.base import WRAP, SheetWriter, Styles
from csreport.outputs.xlsx.workbook import write_workbook
from csreport.results import MonthResult
from csreport.util.resources import sample_workbooks_dir
from tests.factories import agent, sample_month_with_teams, sample_problems, sample_rules
from tests.xlsx_snapshot import dumps, snapshot

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CSREPORT_UPDATE_GOLDEN") == "1"


def _bonus_month() -> MonthResult:
    """Two agents, one with 奖金基数 and 绩效奖金: the summary gains the two bonus columns."""
    agents = (
        agent("1001", "张三", bonus_base=1500.0, bonus=1800.0),
        agent("1005", "赵六", rank=2, total=80.0, grade="B", coefficient=1.0),
    )
    return dataclasses.replace(sample_month_with_teams(), agents=agents)


def _factories(month: Callable[[], MonthResult], lang: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        return write_workbook(month(), sample_problems(), sample_rules(), folder / "结果.xlsx", lang=lang)

    return write


def _sample_month(lang: str) -> Callable[[Path], Path]:
    """The bundled sample month, read, scored and written as ``csreport run`` does."""

    def write(folder: Path) -> Path:
        options = RunOptions(out_dir=folder, shop="测试旗舰店", lang=lang, pdf=False)
        return run_month([sample_workbooks_dir()], options).workbook

    return write


CASES: dict[str, Callable[[Path], Path]] = {
    "factories_zh": _factories(sample_month_with_teams, "zh"),
    "factories_en": _factories(sample_month_with_teams, "en"),
    "bonus_zh": _factories(_bonus_month, "zh"),
    "bonus_en": _factories(_bonus_month, "en"),
    "sample_month_zh": _sample_month("zh"),
    "sample_month_en": _sample_month("en"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_workbook_matches_golden(case: str, tmp_path: Path) -> None:
    """Every sheet's content and formats are exactly the stored expectation."""
    actual = dumps(snapshot(CASES[case](tmp_path)))
    golden = GOLDEN / f"{case}.json"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), (
        f"{golden} is missing: create it with CSREPORT_UPDATE_GOLDEN=1 and review it before committing"
    )
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"golden/{case}.json", "this run", lineterm="", n=1
        )
        pytest.fail(
            "the workbook differs from its golden file (CSREPORT_UPDATE_GOLDEN=1 "
            "rewrites it):\n" + "\n".join(list(diff)[:200]),
            pytrace=False,
        )


def test_long_headers_wrap_in_a_taller_row(tmp_path: Path) -> None:
    """A header wider than the wrap width does not widen its column; its row grows."""
    out = write_workbook(sample_month_with_teams(), [], sample_rules(), tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(out)["汇总"]
    # Row 1 is the table's title; row 2 its header, where R is 平均响应时长得分（满分 15）: 26
    # columns of text, its numbers far less.
    assert ws["R2"].value == "平均响应时长得分（满分 15）"
    assert ws.row_dimensions[2].height >= 30
    assert ws.column_dimensions["R"].width < 16
    assert ws.row_dimensions[3].height is None


def test_wrapped_text_rows_are_tall_enough(tmp_path: Path) -> None:
    """LibreOffice keeps stored row heights, so wrapped text gets an explicit one."""
    path = tmp_path / "w.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sw = SheetWriter(book.add_worksheet(), Styles(book), "zh")
    sw.text(0, 0, "短", WRAP)
    sw.text(1, 0, "长" * 50, WRAP)  # 100 columns of text in a column capped at 40
    sw.text(2, 0, "一\n二\n三", WRAP)
    sw.fit_columns(caps={0: 40})
    book.close()
    ws = openpyxl.load_workbook(path).active
    assert ws.column_dimensions["A"].width == pytest.approx(40, abs=1)
    assert ws.row_dimensions[1].height is None
    assert ws.row_dimensions[2].height >= 3 * 15
    assert ws.row_dimensions[3].height >= 3 * 15
