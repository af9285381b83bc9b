"""The 团队 sheet as printed and read: no text cell touching the number before it, and the team
table's header repeated only on the pages of that table.

Team rows come from ``tests.factories.sample_teams`` (the hostile-named group, 1 of 1 passed,
rank 1, grade A; 一组, 1 of 2 passed, rank 2, grade C).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook

from csreport.messages import translate
from csreport.outputs.xlsx.workbook import write_workbook
from tests.factories import sample_month_with_teams, sample_problems, sample_rules, sample_teams


def _book(tmp_path: Path, teams: int | None = None, lang: str = "zh") -> OpenpyxlWorkbook:
    month = sample_month_with_teams()
    if teams is not None:
        one = sample_teams()[1]
        many = tuple(
            dataclasses.replace(one, group=f"第{i}组", rank=i + 1, rank_of=teams) for i in range(teams)
        )
        month = dataclasses.replace(month, teams=many)
    out = write_workbook(month, sample_problems(), sample_rules(), tmp_path / f"结果_{lang}.xlsx", lang=lang)
    return openpyxl.load_workbook(out)


def test_text_after_a_number_keeps_clear_of_it(tmp_path: Path) -> None:
    """团队排名 "1" (a number, right-aligned) and 团队等级 "A" do not read "1A": the grade is
    centred; 合格率 "100.0%" and "合格 1 / 已评定 1" do not touch: the base is indented."""
    for lang in ("zh", "en"):
        ws = _book(tmp_path, lang=lang).worksheets[2]
        assert ws.title == ("团队" if lang == "zh" else "Teams")
        assert ws["J2"].value == 1 and ws["K2"].value == "A"
        assert ws["K2"].alignment.horizontal == "center"
        assert ws["E2"].value == 1 and ws["E2"].number_format.endswith("%")
        # The words of the base are the 团队 catalogue's (another topic's); here only where they sit.
        assert ws["F2"].value == translate("teams.rate_base_value", lang).format(passed=1, assessed=1)
        assert ws["F2"].alignment.horizontal == "left" and ws["F2"].alignment.indent == 1
        assert ws["F2"].alignment.wrap_text


def test_header_repeated_only_when_the_team_table_runs_on(tmp_path: Path) -> None:
    """Two teams fit on the first page: no page repeats the team header (the KPI chart's page
    would show it with no rows under it). Sixty teams run on to a second page, which then
    repeats it."""
    assert _book(tmp_path)["团队"].print_title_rows is None
    assert _book(tmp_path, teams=60)["团队"].print_title_rows == "$1:$1"
