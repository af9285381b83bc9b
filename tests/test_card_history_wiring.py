"""A run's cards and 汇总 get the months before from ``MonthResult.trends`` end to end: through
``render_reports`` (worker chunks carry their agents' trends and the rules' grades) and
``write_workbook`` (the 汇总's columns bound to the trends)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from csreport.outputs.pdf.scorecards import render_reports
from csreport.outputs.xlsx.workbook import write_workbook
from tests.factories import sample_problems, sample_rules
from tests.test_card_history import GRADES, month_with_trends


def squashed(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


def test_the_cards_of_a_run_show_the_months_before(tmp_path: Path) -> None:
    month = month_with_trends()
    paths = render_reports(month, tmp_path, lang="zh", workers=1, grades=GRADES)
    cards = {p.name.split("_")[0]: p for p in paths.scorecards}
    li = squashed(cards["1002"])
    assert "–––706255" + "2026-05" in li and "环比\u22127分" in li and "▼15分" in li
    assert "不予上岗次数2/2" in li and "已达再培训上限" in li and "ABCD" in li
    assert "80–84.57986.590" in squashed(cards["1001"])
    # The team PDF holds the same cards.
    team = squashed(paths.teams["一组"])  # 李四's team
    assert "已达再培训上限" in team


def test_the_summary_sheet_counts_fails(tmp_path: Path) -> None:
    month = month_with_trends()
    out = write_workbook(month, sample_problems(), sample_rules(), tmp_path / "结果.xlsx")
    ws = openpyxl.load_workbook(out)["汇总"]
    header = [c.value for c in ws[2]]
    fails, flag = header.index("不予上岗次数"), header.index("再培训")
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert (rows["1002"][fails], rows["1002"][flag]) == ("2/2", "已达再培训上限")
    assert (rows["1003"][fails], rows["1003"][flag]) == ("1/2", None)
    assert (rows["1001"][fails], rows["1001"][flag]) == (None, None)
