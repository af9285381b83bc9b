"""Blank cells are blanks: reported where they are and scored without, never a crash.

pandas turns a blank text cell into NaN (a truthy float) when frames are concatenated or
turned into records; one blank 姓名 used to end the run with "object of type 'float' has
no len()". These tests use real workbooks and CSV files, and the real CLI where the
exit code matters.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csreport.api import RunOptions, check_month, run_month
from csreport.problems import CsreportError, Severity
from tests.workbooks import ATT_HEADER, QA_HEADER, REC_HEADER, ROSTER_HEADER, write_xlsx

D = dt.datetime(2026, 10, 3)
BIN = Path(sys.executable).with_name("csreport")


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed ``csreport`` command, as a user runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [str(BIN), *map(str, args)], capture_output=True, text=True, env=env, timeout=600, check=False
    )


def roster_row(
    agent: str | None, name: str | None, group: str | None, level: str | None, sub: str | None
) -> list[Any]:
    """A row under ``ROSTER_HEADER`` (工号 姓名 组别 入职日期 岗位状态 级别 旺旺)."""
    return [agent, name, group, D, "正式", level, sub]


def data_sheets(agents: Sequence[str]) -> dict[str, list[list[Any]]]:
    """Complete attendance, reception and QA sheets for ``agents``."""
    return {
        "考勤": [ATT_HEADER, *([a, "", D, "出勤"] for a in agents)],
        "接待": [REC_HEADER, *([a, D, 1000, 1000, 990, 30, 15, 800, 600, 50000] for a in agents)],
        "质检": [QA_HEADER, *([a, D, f"{a}-1", "满意", 92, "", "否"] for a in agents)],
    }


def results_json(out: Path) -> dict[str, Any]:
    return json.loads(next(out.rglob("客服绩效_*.json")).read_text(encoding="utf-8"))


def test_blank_roster_cells_are_reported_and_scored_without(tmp_path: Path) -> None:
    roster = [
        ROSTER_HEADER,
        roster_row("1001", "张三", "一组", "老员工", "店:张三"),
        roster_row("1002", None, "一组", "老员工", "店:李四"),  # row 3: no 姓名
        roster_row("1003", "王五", None, "老员工", "店:王五"),  # row 4: no 组别
        roster_row("1004", "赵六", "一组", None, "店:赵六"),  # row 5: no 级别
        roster_row("1005", "钱七", "一组", "老员工", None),  # row 6: no 旺旺
        roster_row(None, "孙八", "一组", "老员工", "店:孙八"),
    ]  # row 7: no 工号
    agents = ["1001", "1002", "1003", "1004", "1005"]
    src = write_xlsx(tmp_path / "in" / "十月.xlsx", {"花名册": roster, **data_sheets(agents)})
    before = src.read_bytes()
    out = tmp_path / "out"
    done = cli("run", src.parent, "--out", out, "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "内部出错" not in done.stderr
    assert src.read_bytes() == before

    data = results_json(out)
    by_id = {a["agent_id"]: a for a in data["agents"]}
    assert sorted(by_id) == agents  # 孙八 has no 工号: not scored under anything
    assert by_id["1002"]["name"] == "" and by_id["1002"]["total"] is not None
    assert by_id["1003"]["group"] == ""
    assert by_id["1004"]["level"] == "" and by_id["1004"]["coefficient"] is None
    assert by_id["1001"]["coefficient"] is not None  # the others keep their 系数
    notes = {
        (p["sheet"], p["row"], p["column"]): p["note"]
        for p in data["problems"]
        if p["file"] == "十月.xlsx" and p["sheet"] == "花名册"
    }
    assert notes[("花名册", 3, "B")] == (
        "工号 1002 的姓名为空，仍按工号计分，成绩单上姓名留空。请在花名册中补上姓名。"
    )
    assert notes[("花名册", 4, "C")] == (
        "工号 1003 的组别为空，按「未分组」计分并参加分组考核。请在花名册中补上组别。"
    )
    assert notes[("花名册", 5, "F")] == (
        "工号 1004 的级别为空，仍计分和评等级；规则没有规定缺级别时的系数，系数和绩效奖金留空。"
        "请在花名册中补上级别。"
    )
    assert notes[("花名册", 7, "A")] == "此行没有工号，已排除。"
    assert ("花名册", 6, "G") not in notes  # 旺旺 is optional: a blank one is no problem

    # 王五 is assessed in the 未分组 team, with a PDF of its own, and every card exists.
    wb = openpyxl.load_workbook(next(out.rglob("客服绩效_*.xlsx")), read_only=True)
    teams = [row[0] for row in wb["团队"].iter_rows(min_row=2, values_only=True)]
    wb.close()
    assert "未分组" in teams
    cards = sorted(p.name for p in (out / "2026-10" / "scorecards").glob("*.pdf"))
    assert "1002.pdf" in cards and "1001_张三.pdf" in cards
    assert any(name.startswith("团队_未分组") for name in cards)


def test_blank_roster_cells_in_english(tmp_path: Path) -> None:
    roster = [ROSTER_HEADER, roster_row("1001", "张三", None, None, None)]
    src = write_xlsx(tmp_path / "r.xlsx", {"花名册": roster, **data_sheets(["1001"])})
    report = check_month([src])
    shown = {p.code: p.render("en") for p in report.problems}
    assert shown["roster.blank_group"] == (
        "[warning] r.xlsx sheet '花名册' row 2 column C (组别): Agent ID (工号) 1001 has no group "
        "(组别); scored as Ungrouped (未分组), also in the team assessment. Fill in the group in "
        "the roster."
    )
    assert shown["roster.blank_level"] == (
        "[warning] r.xlsx sheet '花名册' row 2 column F (级别): Agent ID (工号) 1001 has no level "
        "(级别); still scored and graded, but the rules set no coefficient (系数) for a missing "
        "level, so the coefficient and the bonus stay blank. Fill in the level in the roster."
    )


def test_many_blanks_in_a_column_are_one_warning(tmp_path: Path) -> None:
    agents = [f"K{i:02d}" for i in range(1, 13)]
    roster = [ROSTER_HEADER, *(roster_row(a, f"名{a}", "一组", None, None) for a in agents)]
    src = write_xlsx(tmp_path / "r.xlsx", {"花名册": roster, **data_sheets(agents)})
    report = check_month([src])
    level = [p for p in report.problems if "level" in p.code]
    assert len(level) == 1
    [p] = level
    assert (p.code, p.severity, p.row, p.column) == ("roster.blanks_level", Severity.WARNING, 2, "F")
    assert p.message("zh") == (
        "12 人的级别为空（行号（工号）：2（K01）、3（K02）、4（K03）、5（K04）、6（K05）、7（K06）、"
        "8（K07）、9（K08）、10（K09）、11（K10）……），仍计分和评等级；规则没有规定缺级别时的系数，"
        "系数和绩效奖金留空。请在花名册中补上级别。"
    )


def test_csv_roster_with_short_rows(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "花名册.csv").write_text(
        "工号,姓名,组别,入职日期,岗位状态,级别,旺旺\n"
        "1001,张三,一组,2025-01-01,正式,老员工,店:张三\n"
        "1002,李四\n"  # a short row: everything after 姓名 is missing
        "1003\n",
        encoding="utf-8",
    )
    write_xlsx(inputs / "数据.xlsx", data_sheets(["1001", "1002", "1003"]))
    out = tmp_path / "out"
    done = cli("run", inputs, "--out", out, "--no-pdf")
    assert done.returncode == 0, done.stderr
    data = results_json(out)
    assert [a["agent_id"] for a in data["agents"]] == ["1001", "1002", "1003"]
    assert [a["group"] for a in data["agents"]] == ["一组", "", ""]
    codes = sorted(
        (p["row"], p["type"])
        for p in data["problems"]
        if p["file"] == "花名册.csv" and p["type"].startswith("roster.")
    )
    assert codes == [(3, "roster.blanks_group"), (3, "roster.blanks_level"), (4, "roster.blank_name")]
    grouped = next(p for p in data["problems"] if p["type"] == "roster.blanks_group")
    assert grouped["note"] == (
        "2 人的组别为空（行号（工号）：3（1002）、4（1003）），按「未分组」计分"
        "并参加分组考核。请在花名册中补上组别。"
    )


def test_two_rosters_one_without_subaccounts(tmp_path: Path) -> None:
    """The second roster has no 旺旺 column; the first still maps sub-accounts to 工号."""
    first = [ROSTER_HEADER, roster_row("1001", "张三", "一组", "老员工", "店:张三")]
    second = [["工号", "姓名", "组别", "级别"], ["1002", "李四", "二组", "老员工"]]
    att = [["旺旺", "日期", "考勤状态"], ["店:张三", D, "出勤"]]
    rec = [["工号", *REC_HEADER[1:]], ["1002", D, 100, 100, 99, 30, 15, 80, 60, 5000]]
    src = write_xlsx(tmp_path / "m.xlsx", {"花名册": first, "二组花名册": second, "考勤": att, "接待": rec})
    report = run_month([src], RunOptions(tmp_path / "out", pdf=False))
    agents = {a.agent_id: a for a in report.result.agents}
    assert sorted(agents) == ["1001", "1002"]
    assert agents["1001"].attendance is not None and agents["1001"].attendance.present == 1
    assert agents["1002"].group == "二组"
    assert not [p for p in report.problems if p.code == "agent.unmapped_subaccount"]


# --- any pattern of blank cells ------------------------------------------------------------

AGENTS = ("1001", "1002", "1003")
FULL = {
    "花名册": [ROSTER_HEADER, *(roster_row(a, f"名{a}", "一组", "老员工", f"店:名{a}") for a in AGENTS)],
    # 考勤 also names agents by 旺旺, which the roster maps to 工号.
    "考勤": [
        ["工号", "旺旺", "姓名", "日期", "考勤状态"],
        *([a, f"店:名{a}", f"名{a}", D + dt.timedelta(days=d), "出勤"] for a in AGENTS for d in range(2)),
    ],
    "接待": [REC_HEADER, *([a, D, 1000, 1000, 990, 30, 15, 800, 600, 50000] for a in AGENTS)],
    "质检": [QA_HEADER, *([a, D, f"{a}-{i}", "满意", 90, "", "否"] for a in AGENTS for i in range(2))],
}
CELLS = [
    (sheet, r, c) for sheet, rows in FULL.items() for r in range(1, len(rows)) for c in range(len(rows[0]))
]


def blanked(blanks: frozenset[tuple[str, int, int]], short: bool) -> dict[str, list[list[Any]]]:
    """``FULL`` with the cells in ``blanks`` emptied; ``short`` also drops trailing blanks."""
    sheets: dict[str, list[list[Any]]] = {}
    for sheet, rows in FULL.items():
        out = [list(rows[0])]
        for r, row in enumerate(rows[1:], 1):
            cells = [None if (sheet, r, c) in blanks else v for c, v in enumerate(row)]
            while short and cells and cells[-1] is None:
                cells.pop()
            out.append(cells)
        sheets[sheet] = out
    return sheets


def csv_text(rows: list[list[Any]]) -> str:
    def cell(v: Any) -> str:
        return "" if v is None else v.strftime("%Y-%m-%d") if isinstance(v, dt.datetime) else str(v)

    return "".join(",".join(cell(v) for v in row) + "\n" for row in rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blanks=st.frozensets(st.sampled_from(CELLS), max_size=len(CELLS)), as_csv=st.booleans())
def test_any_blank_cells_never_crash_and_every_id_is_scored(
    tmp_path: Path, blanks: frozenset[tuple[str, int, int]], as_csv: bool
) -> None:
    sheets = blanked(blanks, short=as_csv)
    case = Path(tempfile.mkdtemp(dir=tmp_path))  # Hypothesis replays examples: a new folder each
    inputs = case / "in"
    inputs.mkdir()
    if as_csv:
        for name, rows in sheets.items():
            (inputs / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    else:
        write_xlsx(inputs / "月.xlsx", sheets)

    # Who must be scored: every 工号 in the roster or in a data row that is kept, and each
    # kept 考勤 row known only by its 旺旺, under the 工号 the roster gives that 旺旺 (or,
    # unknown, under the 旺旺 itself). A 考勤 row without 日期 or 考勤状态, and a 接待/质检
    # row without 日期 while others have one, is reported and left out.
    def kept(sheet: str, row: list[Any]) -> bool:
        padded = [*row, *([None] * 8)]
        if sheet == "考勤":
            return padded[3] is not None and padded[4] is not None
        if sheet in ("接待", "质检"):
            dated = any(len(r) > 1 and r[1] is not None for r in sheets[sheet][1:])
            return padded[1] is not None or not dated
        return True

    wangwang = {row[6]: row[0] for row in sheets["花名册"][1:] if len(row) > 6 and row[0] and row[6]}
    ids = {row[0] for name, rows in sheets.items() for row in rows[1:] if row and row[0] and kept(name, row)}
    ids |= {
        wangwang.get(row[1], row[1])
        for row in sheets["考勤"][1:]
        if row and not row[0] and len(row) > 1 and row[1] and kept("考勤", row)
    }
    try:
        report = run_month([inputs], RunOptions(case / "out", month="2026-10", pdf=False))
    except CsreportError as exc:
        # Only when no sheet holds a single 工号 is there nothing to score.
        assert not ids, (exc.code, ids)
        assert exc.code in ("run.no_agents", "run.no_inputs_why")
        return
    assert {a.agent_id for a in report.result.agents} == ids
    for p in report.problems:
        p.render("zh"), p.render("en")  # every message can be shown
    roster_rows = {row[0]: row for row in sheets["花名册"][1:] if row and row[0]}
    for agent in report.result.agents:
        row = roster_rows.get(agent.agent_id)
        if row is None:
            continue
        padded = [*row, *([None] * 7)]
        assert agent.name == (padded[1] or "") and agent.group == (padded[2] or "")
        assert agent.level == (padded[5] or "")
        assert isinstance(agent.name, str) and isinstance(agent.level, str)
