"""The judged scenario of issue 14, end to end through the real command line.

Twelve agents over 2026-04 … 2026-10 (``tests/cycle_series.py``: codes → workbooks), scored
with a folder of rule versions (v1 from 2026-01, v2 from 2026-07: 正式 工作态度 [70, 85) pays 18
instead of 15). In order: months 1–4; KF003's 2026-05 attitude cell fixed (65 → 78) and the
month re-run without --rules (revision 2, the recorded v1); months 5–7; month 7 re-run as it
was (nothing new); the 面谈 sheet of 2026-09 filled and imported; the review of 2026-05 …
2026-10. Tests that change the history (close, reopen, apply) work on a copy of it.

Every figure below is a sum of band points worked out by hand from the codes:

正式 points: 响应 A15 B10 C5, 回复率 A20 B15 C10, 转化率 A25 B20 C10, 质检 A20 B10, 态度 A20 B15
(v2: 18) C5; V = veto, 0 points. 试用期: 响应 A20 B15 C5, 回复率 A20 B15 C5, 差错 A30 B10,
态度 A30 B20 C5. 总分 ≤ 60 is 不予上岗 without a veto. Ranks are per 考核表, passing agents
first, ties sharing a place (competition ranking).
"""

from __future__ import annotations

import datetime as dt
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from csreport.cli.main import main
from csreport.history.store import History
from tests.cycle_series import (
    MONTHS,
    RULES_V1,
    month_inputs,
    set_cell,
    write_rules,
    write_series,
)

# month → agent → (总分, 结论, rank, rank_of), the month's latest revision.
P, F = "pass", "fail"
EXPECTED: dict[str, dict[str, tuple[float, str, int, int]]] = {
    "2026-04": {
        "KF001": (95, P, 1, 10), "KF002": (85, P, 4, 10), "KF003": (80, P, 6, 10), "KF004": (80, P, 6, 10),
        "KF005": (80, P, 1, 1), "KF006": (85, P, 4, 10), "KF007": (65, P, 9, 10), "KF008": (90, P, 2, 10),
        "KF009": (65, P, 9, 10), "KF010": (80, P, 6, 10), "KF011": (90, P, 2, 10),
    },
    # revision 2 (KF003 fixed: BBBAB = 80; revision 1 had BBBAC = 70, rank 8)
    "2026-05": {
        "KF001": (90, P, 1, 10), "KF002": (85, P, 3, 10), "KF003": (80, P, 7, 10), "KF004": (90, P, 1, 10),
        "KF005": (80, P, 1, 1), "KF006": (85, P, 3, 10), "KF007": (65, P, 9, 10), "KF008": (85, P, 3, 10),
        "KF009": (65, P, 9, 10), "KF010": (80, P, 7, 10), "KF011": (85, P, 3, 10),
    },
    # KF002 vetoed (response 120 s), KF009 总分 55 ≤ 60; KF012 joins (试用期)
    "2026-06": {
        "KF001": (100, P, 1, 10), "KF002": (70, F, 9, 10), "KF003": (80, P, 6, 10), "KF004": (90, P, 2, 10),
        "KF005": (85, P, 2, 2), "KF006": (90, P, 2, 10), "KF007": (70, P, 8, 10), "KF008": (90, P, 2, 10),
        "KF009": (55, F, 10, 10), "KF010": (85, P, 5, 10), "KF011": (75, P, 7, 10), "KF012": (95, P, 1, 2),
    },
    # v2 from here: 正式 attitude B pays 18
    "2026-07": {
        "KF001": (98, P, 1, 10), "KF002": (88, P, 4, 10), "KF003": (78, P, 7, 10), "KF004": (93, P, 2, 10),
        "KF005": (80, P, 2, 2), "KF006": (88, P, 4, 10), "KF007": (73, P, 9, 10), "KF008": (93, P, 2, 10),
        "KF009": (68, P, 10, 10), "KF010": (78, P, 7, 10), "KF011": (88, P, 4, 10), "KF012": (90, P, 1, 2),
    },
    # KF004 away; KF008 vetoed (attitude 50)
    "2026-08": {
        "KF001": (93, P, 1, 9), "KF002": (88, P, 4, 9), "KF003": (73, P, 7, 9),
        "KF005": (65, P, 2, 2), "KF006": (83, P, 5, 9), "KF007": (83, P, 5, 9), "KF008": (75, F, 9, 9),
        "KF009": (73, P, 7, 9), "KF010": (93, P, 1, 9), "KF011": (90, P, 3, 9), "KF012": (100, P, 1, 2),
    },
    # KF002 vetoed (reply rate 88%); KF005 总分 40 ≤ 60, the first time
    "2026-09": {
        "KF001": (95, P, 1, 10), "KF002": (73, F, 10, 10), "KF003": (83, P, 6, 10), "KF004": (95, P, 1, 10),
        "KF005": (40, F, 2, 2), "KF006": (73, P, 8, 10), "KF007": (85, P, 5, 10), "KF008": (93, P, 3, 10),
        "KF009": (68, P, 9, 10), "KF010": (75, P, 7, 10), "KF011": (93, P, 3, 10), "KF012": (90, P, 1, 2),
    },
    # KF005 总分 50 ≤ 60, the second time: 2/2
    "2026-10": {
        "KF001": (98, P, 1, 10), "KF002": (88, P, 4, 10), "KF003": (88, P, 4, 10), "KF004": (98, P, 1, 10),
        "KF005": (50, F, 2, 2), "KF006": (88, P, 4, 10), "KF007": (85, P, 8, 10), "KF008": (88, P, 4, 10),
        "KF009": (73, P, 10, 10), "KF010": (93, P, 3, 10), "KF011": (78, P, 9, 10), "KF012": (100, P, 1, 2),
    },
}  # fmt: skip

# The 趋势 sheet of 2026-10: 2026-05 … 2026-10, 环比, six-month average, rank, move.
_: None = None
TREND_ROWS: dict[str, tuple[object, ...]] = {
    "KF001": ("王芳", "一组", 90, 100, 98, 93, 95, 98, 3, 95.666667, 1, "–"),
    "KF002": ("李强", "一组", 85, 70, 88, 88, 73, 88, 15, 82, 4, "▲6"),
    "KF003": ("张伟", "一组", 80, 80, 78, 73, 83, 88, 5, 80.333333, 4, "▲2"),
    "KF004": ("赵敏", "一组", 90, 90, 93, _, 95, 98, 3, 93.2, 1, "–"),
    "KF005": ("孙丽", "一组", 80, 85, 80, 65, 40, 50, 10, 66.666667, 2, "–"),
    "KF006": ("陈静", "一组", 85, 90, 88, 83, 73, 88, 15, 84.5, 4, "▲4"),
    "KF007": ("刘洋", "二组", 65, 70, 73, 83, 85, 85, 0, 76.833333, 8, "▼3"),
    "KF008": ("杨洁", "二组", 85, 90, 93, 75, 93, 88, -5, 87.333333, 4, "▼1"),
    "KF009": ("黄磊", "二组", 65, 55, 68, 73, 68, 73, 5, 67, 10, "▼1"),
    "KF010": ("吴婷", "二组", 80, 85, 78, 93, 75, 93, 18, 84, 3, "▲4"),
    "KF011": ("周杰", "二组", 85, 75, 88, 90, 93, 78, -15, 84.833333, 9, "▼6"),
    "KF012": ("郑浩", "二组", _, 95, 90, 100, 90, 100, 10, 95, 1, "–"),
}
# Teams: each month's mean 总分 of the members with one (KF004 away in 08, KF012 not yet in 05).
TEAM_ROWS = {
    # 05 510/6, 06 515/6, 07 525/6, 08 402/5, 09 459/6, 10 510/6
    "一组": (85, 85.833333, 87.5, 80.4, 76.5, 85, 8.5, 83.372222),
    # 05 380/5, 06 470/6, 07 490/6, 08 514/6, 09 504/6, 10 517/6
    "二组": (76, 78.333333, 81.666667, 85.666667, 84, 86.166667, 2.166667, 81.972222),
}
# The review of 2026-05 … 2026-10: average, lowest, vetoes (months vetoed, not months failed on
# the total), current and suggested 级别. Up: 6 months, average ≥ 85, no veto. Down: 2 vetoes.
REVIEW_ROWS = {
    "KF001": (95.666667, 90, 0, "老员工", "组长"),  # promoted
    "KF002": (82, 70, 2, "老员工", "特殊技能新员工"),  # demoted: vetoed in 06 and 09
    "KF003": (80.333333, 73, 0, "特殊技能新员工", "特殊技能新员工"),
    "KF004": (93.2, 90, 0, "组长", "组长"),  # five months only
    "KF005": (66.666667, 40, 0, "新员工", "新员工"),  # failed twice on the total: no veto
    "KF006": (84.5, 73, 0, "老员工", "老员工"),  # 84.5 < 85
    "KF007": (76.833333, 65, 0, "新员工", "新员工"),
    "KF008": (87.333333, 75, 1, "老员工", "老员工"),  # one veto
    "KF009": (67, 55, 0, "特殊技能新员工", "特殊技能新员工"),  # 55 ≤ 60 is no veto
    "KF010": (84, 75, 0, "老员工", "老员工"),
    "KF011": (84.833333, 75, 0, "特殊技能新员工", "特殊技能新员工"),
    "KF012": (95, 90, 0, "新员工", "新员工"),  # five months only
}

RUN_OPTIONS = ("--no-pdf", "--shop", "测试花店")


def cli(*args: object) -> Result:
    """The real command line, in process."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result


def lines(result: Result) -> list[str]:
    return result.stdout.splitlines()


@dataclass
class Series:
    """The scenario as run: where everything is, and what each command printed."""

    root: Path
    rules: Path
    inputs: dict[str, Path]
    out: Path
    runs: dict[str, Result] = field(default_factory=dict)
    rerun_m2: Result | None = None
    rerun_m7: Result | None = None
    first_m7: Path | None = None
    interviews: Result | None = None
    review: Result | None = None

    @property
    def history(self) -> Path:
        return self.out / "csreport-history.sqlite"

    def workbook(self, month: str) -> Path:
        return self.out / month / f"客服绩效_{month}.xlsx"

    def interview_copy(self) -> Path:
        return self.root / "面谈_2026-09.xlsx"

    def review_workbook(self) -> Path:
        return self.out / "评审_2026-05_2026-10" / "晋级评审_2026-05_2026-10.xlsx"

    def history_copy(self, where: Path) -> Path:
        """A copy of the history, for a test that changes it."""
        where.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy(self.history, where / "history.sqlite"))


def run(series: Series, month: str, *extra: object, out: Path | None = None) -> Result:
    return cli("run", series.inputs[month], "--out", out or series.out, *RUN_OPTIONS, *extra)


def fill_interviews(source: Path, target: Path) -> None:
    """Fill two rows of the 面谈 sheet on a copy of the results workbook, as a manager would."""
    shutil.copy(source, target)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Sparkline Group extension", UserWarning)
        wb = openpyxl.load_workbook(target)
    ws = wb["面谈"]
    header = next(r for r in range(1, 21) if ws.cell(r, 1).value == "工号")
    cols = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(r, 1).value: r for r in range(header + 1, ws.max_row + 1)}
    filled = {
        "KF001": {
            "面谈要点": "回复及时，转化稳定",
            "综合评定": "A",
            "改进计划": "带教新人",
            "面谈日期": dt.datetime(2026, 10, 8),
        },
        "KF002": {
            "面谈要点": "9 月回复率低于 90%",
            "综合评定": "C",
            "与得分不同的原因": "淡旺季",
            "说明": "9 月客流高峰",
            "改进计划": "高峰期分流",
            "面谈日期": dt.datetime(2026, 10, 9),
        },
    }
    for agent_id, values in filled.items():
        for header_text, value in values.items():
            ws.cell(rows[agent_id], cols[header_text]).value = value
    wb.save(target)


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> Series:
    root = tmp_path_factory.mktemp("series")
    s = Series(root, write_rules(root), write_series(root), root / "报表")
    for month in MONTHS[:4]:
        s.runs[month] = run(s, month, "--rules", s.rules)
    # The manager finds KF003's 2026-05 attitude typed as 65 instead of 78 and re-runs May,
    # now that July is scored with v2, without naming the rules.
    set_cell(s.inputs["2026-05"] / "质检.xlsx", "KF003", "态度得分", 78)
    s.rerun_m2 = run(s, "2026-05")
    for month in MONTHS[4:]:
        s.runs[month] = run(s, month, "--rules", s.rules)
    # A step whose input an earlier step failed to make is left out (None): its tests fail,
    # the others still say what they check.
    if s.workbook("2026-10").exists():
        s.first_m7 = Path(shutil.copy(s.workbook("2026-10"), root / "first_2026-10.xlsx"))
        s.rerun_m7 = run(s, "2026-10", "--rules", s.rules)
    if s.workbook("2026-09").exists():
        fill_interviews(s.workbook("2026-09"), s.interview_copy())
        s.interviews = cli("interviews", "import", s.interview_copy(), "--out", s.out)
    s.review = cli("review", "--from", "2026-05", "--to", "2026-10", "--out", s.out, *RUN_OPTIONS)
    return s


# --- every month as recorded -----------------------------------------------------------------


def test_every_run_succeeds(series: Series) -> None:
    for month, result in series.runs.items():
        assert result.exit_code == 0, (month, result.stdout, result.stderr)


@pytest.mark.parametrize("month", MONTHS)
def test_recorded_totals_are_the_hand_computed_ones(series: Series, month: str) -> None:
    with History.open(series.history, create=False) as store:
        agents = store.agents(month)
    got = {a.agent_id: (a.total, a.conclusion, a.rank, a.rank_of) for a in agents}
    assert got == EXPECTED[month]


def test_rules_versions_by_month(series: Series) -> None:
    """2026-04 … 06 with v1, 07 … 10 with v2; the console says which version."""
    with History.open(series.history, create=False) as store:
        names = {m: store.latest(m).rules_name for m in MONTHS}  # type: ignore[union-attr]
    assert names == {
        m: "花店考核 2026 版" if m < "2026-07" else "花店考核 2026 版（7 月修订）" for m in MONTHS
    }
    assert "规则：2026-07 按「花店考核 2026 版（7 月修订）」（自 2026-07 起生效的版本）计分。" in lines(
        series.runs["2026-07"]
    )
    assert "规则：2026-06 按「花店考核 2026 版」（自 2026-01 起生效的版本）计分。" in lines(
        series.runs["2026-06"]
    )


# --- the re-run of month 2 after a fix -------------------------------------------------------


def test_rerun_after_a_fix_is_a_new_revision_with_the_recorded_rules(series: Series) -> None:
    result = series.rerun_m2
    assert result is not None and result.exit_code == 0, result and result.stderr
    with History.open(series.history, create=False) as store:
        state = store.month("2026-05")
        first = {a.agent_id: a.total for a in store.agents("2026-05", 1)}
        second = {a.agent_id: a.total for a in store.agents("2026-05", 2)}
    assert state is not None and [r.revision for r in state.revisions] == [1, 2]
    v1, fixed = state.revisions
    assert first["KF003"] == 70 and second["KF003"] == 80  # v1's 15 for attitude B, not v2's 18
    assert {k: v for k, v in first.items() if k != "KF003"} == {
        k: v for k, v in second.items() if k != "KF003"
    }
    assert fixed.rules_text == v1.rules_text == RULES_V1
    assert fixed.rules_hash == v1.rules_hash
    out = lines(result)
    assert (
        f"规则：沿用 2026-05 第 1 版记录的「花店考核 2026 版」（{v1.rules_hash}）。"
        "要改用其他规则，请加 --rules。" in out
    )
    i = out.index("历史记录：2026-05 记录为第 2 版（保留第 1 版）。")
    assert out[i + 1 : i + 3] == [
        "与第 1 版相比，1 人的结果有变化：",
        "  KF003 张伟：总分 70 → 80；系数 0.95 → 1.05",
    ]


def test_rerun_with_the_configured_rules_still_uses_the_recorded_ones(series: Series, tmp_path: Path) -> None:
    """Even when csreport.yaml names v2, a past month is reproduced with the rules it was scored with."""
    history = series.history_copy(tmp_path)
    config = tmp_path / "csreport.yaml"
    config.write_text(f"rules: {series.rules / '花店考核_2026-07.yaml'}\n", encoding="utf-8")
    result = cli(
        "run",
        series.inputs["2026-05"],
        "--out",
        tmp_path / "o",
        "--history",
        history,
        "--config",
        config,
        *RUN_OPTIONS,
    )
    assert result.exit_code == 0, result.stderr
    assert "历史记录：2026-05 的输入和规则与第 2 版相同，结果一致，未新增记录。" in lines(result)


def test_english_rerun_lines(series: Series, tmp_path: Path) -> None:
    history = series.history_copy(tmp_path)
    set_cell(series.inputs["2026-05"] / "质检.xlsx", "KF003", "态度得分", 65)
    try:
        result = cli(
            "run",
            series.inputs["2026-05"],
            "--out",
            tmp_path / "o",
            "--history",
            history,
            "--lang",
            "en",
            *RUN_OPTIONS,
        )
    finally:
        set_cell(series.inputs["2026-05"] / "质检.xlsx", "KF003", "态度得分", 78)
    assert result.exit_code == 0, result.stderr
    out = lines(result)
    i = out.index("History: 2026-05 recorded as revision 3 (revision 2 kept).")
    assert out[i + 1 : i + 3] == [
        "Compared with revision 2, 1 agent(s) changed:",
        "  KF003 张伟: total 80 → 70; coefficient 1.05 → 0.95",
    ]


# --- the identical re-run --------------------------------------------------------------------


def test_identical_rerun_records_nothing_and_writes_the_same_workbook(series: Series) -> None:
    result = series.rerun_m7
    assert result is not None and result.exit_code == 0, result and result.stderr
    assert "历史记录：2026-10 的输入和规则与第 1 版相同，结果一致，未新增记录。" in lines(result)
    with History.open(series.history, create=False) as store:
        state = store.month("2026-10")
    assert state is not None and len(state.revisions) == 1
    assert series.first_m7 is not None
    assert series.workbook("2026-10").read_bytes() == series.first_m7.read_bytes()


# --- the 趋势 sheet of month 7 ----------------------------------------------------------------


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    with warnings.catch_warnings():
        # openpyxl does not read sparklines and says so; the cells are what is compared
        warnings.filterwarnings("ignore", "Sparkline Group extension", UserWarning)
        wb = openpyxl.load_workbook(path)
    return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]


def _trimmed(row: tuple[object, ...], n: int) -> tuple[object, ...]:
    return tuple(row[:n])


def test_trends_sheet_of_month_seven(series: Series) -> None:
    rows = _sheet_rows(series.workbook("2026-10"), "趋势")
    header_at = next(i for i, r in enumerate(rows) if r[0] == "工号")
    assert _trimmed(rows[header_at], 14) == (
        "工号", "姓名", "组别", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
        "环比", "六个月平均", "本月排名", "排名变化", "走势",
    )  # fmt: skip
    agents = {}
    for r in rows[header_at + 1 :]:
        if r[0] is None:
            break
        agents[r[0]] = _trimmed(r[1:], 12)
    assert agents == TREND_ROWS
    team_header = next(i for i, r in enumerate(rows) if r[0] == "组别")
    teams = {r[0]: _trimmed(r[3:], 8) for r in rows[team_header + 1 :] if r[0]}
    assert teams == TEAM_ROWS


def test_trends_sheet_in_english(series: Series, tmp_path: Path) -> None:
    history = series.history_copy(tmp_path)
    result = cli(
        "run", series.inputs["2026-10"], "--out", tmp_path / "o", "--history", history, "--lang", "en",
        "--rules", series.rules, *RUN_OPTIONS,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (
        "History: 2026-10 has the same inputs and rules as revision 1, with the same results; "
        "nothing new recorded." in lines(result)
    )
    rows = _sheet_rows(tmp_path / "o" / "2026-10" / "客服绩效_2026-10.xlsx", "Trends")
    header_at = next(i for i, r in enumerate(rows) if r[3] == "2026-05")
    # long headers wrap in the cell: compare the words
    assert tuple(str(c).replace("\n", " ") for c in _trimmed(rows[header_at], 14)[3:]) == (
        "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
        "Change vs last month (环比)", "6-month average", "Rank", "Move", "Trend line",
    )  # fmt: skip
    kf004 = next(r for r in rows if r[0] == "KF004")
    assert _trimmed(kf004, 14)[3:13] == (90, 90, 93, None, 95, 98, 3, 93.2, 1, "–")


# --- probation: failing twice -----------------------------------------------------------------


def _summary_row(path: Path, agent_id: str) -> dict[object, object]:
    rows = _sheet_rows(path, "汇总")
    header: tuple[object, ...] = ()
    for r in rows:
        if r[0] == "工号":
            header = r
        elif r[0] == agent_id:
            return dict(zip(header, r, strict=False))
    raise AssertionError(agent_id)


def test_probation_agent_failing_twice(series: Series) -> None:
    september = _summary_row(series.workbook("2026-09"), "KF005")
    october = _summary_row(series.workbook("2026-10"), "KF005")
    assert (september["总分"], september["结论"], september.get("不予上岗次数"), september.get("再培训")) == (
        40,
        "不予上岗",
        "1/2",
        None,
    )
    assert (october["总分"], october["结论"], october.get("不予上岗次数"), october.get("再培训")) == (
        50,
        "不予上岗",
        "2/2",
        "已达再培训上限",
    )
    # KF012, on the same table, never failed: 0/2.
    assert _summary_row(series.workbook("2026-10"), "KF012").get("不予上岗次数") == "0/2"
    assert "已达再培训上限（试用期不予上岗 2/2）：KF005 孙丽" in lines(series.runs["2026-10"])
    assert not any("已达再培训上限" in line for line in lines(series.runs["2026-09"]))


# --- the 面谈 sheet flows back -----------------------------------------------------------------


def test_interview_sheet_flows_back(series: Series) -> None:
    result = series.interviews
    assert result is not None and result.exit_code == 0, result and result.stderr
    assert lines(result) == [f"已把 面谈_2026-09.xlsx 中 2026-09 的 2 条面谈存入历史记录 {series.history}。"]
    with History.open(series.history, create=False) as store:
        stored = store.interviews(["2026-09"])
    assert [(i.agent_id, i.judgement, i.reason, i.reason_note, i.plan, i.date) for i in stored] == [
        ("KF001", "A", "", "", "带教新人", "2026-10-08"),
        ("KF002", "C", "淡旺季", "9 月客流高峰", "高峰期分流", "2026-10-09"),
    ]
    review = _review_rows(series.review_workbook())
    assert (review["KF001"]["面谈评定"], review["KF001"]["最近改进计划"]) == ("2026-09 A", "带教新人")
    assert (review["KF002"]["面谈评定"], review["KF002"]["最近改进计划"]) == (
        "2026-09 C（淡旺季）",
        "高峰期分流",
    )
    assert review["KF003"]["面谈评定"] is None


# --- the half-year review ---------------------------------------------------------------------


def _review_rows(path: Path) -> dict[object, dict[object, object]]:
    rows = _sheet_rows(path, "晋级评审")
    header_at = next(i for i, r in enumerate(rows) if r[0] == "工号")
    header = rows[header_at]
    return {r[0]: dict(zip(header, r, strict=False)) for r in rows[header_at + 1 :] if r[0]}


def test_review_suggests_one_promotion_and_one_demotion(series: Series) -> None:
    result = series.review
    assert result is not None and result.exit_code == 0, result and result.stderr
    assert lines(result) == [f"晋级评审：{series.review_workbook()}"]
    rows = _review_rows(series.review_workbook())
    months = ("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
    for agent_id, row in rows.items():
        assert tuple(row[m] for m in months) == TREND_ROWS[str(agent_id)][2:8], agent_id
    got = {k: (v["平均"], v["最低"], v["否决次数"], v["当前级别"], v["建议级别"]) for k, v in rows.items()}
    assert got == REVIEW_ROWS
    assert (
        rows["KF001"]["建议依据"]
        == "6 个月有总分 ≥ 6 个月，6 个月平均 95.67 分 ≥ 85 分，否决 0 次 ≤ 0 次 → 升一级"
    )
    assert rows["KF002"]["建议依据"] == "否决 2 次 ≥ 2 次 → 降一级"
    assert rows["KF004"]["建议依据"] == "5 个月有总分 < 6 个月 → 保持"
    assert rows["KF008"]["建议依据"] == "否决 1 次 > 0 次 → 保持"
    # three working days a month; KF004 away in August
    assert (rows["KF001"]["出勤天数"], rows["KF004"]["出勤天数"]) == (18, 15)
    # QA pass rate: KF008's attitude veto (a sampled-chat KPI) in one month of six
    assert (rows["KF008"]["质检合格率"], rows["KF002"]["质检合格率"]) == (0.833333, 1)


def _fill_review(source: Path, target: Path, finals: dict[str, str]) -> None:
    shutil.copy(source, target)
    wb = openpyxl.load_workbook(target)
    ws = wb["晋级评审"]
    header = next(r for r in range(1, 21) if ws.cell(r, 1).value == "工号")
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value == "最终级别")
    rows = {ws.cell(r, 1).value: r for r in range(header + 1, ws.max_row + 1)}
    for agent_id, level in finals.items():
        ws.cell(rows[agent_id], col).value = level
    wb.save(target)


def _roster_levels(path: Path) -> dict[object, object]:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = header.index("级别")
    return {r[0]: r[col] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}


def test_review_apply_writes_the_roster_and_the_next_month_follows(series: Series, tmp_path: Path) -> None:
    history = series.history_copy(tmp_path)
    roster_before = (series.inputs["2026-10"] / "花名册.xlsx").read_bytes()
    filled = tmp_path / "晋级评审_填好.xlsx"
    # KF003's final level is the current one: no change.
    _fill_review(
        series.review_workbook(),
        filled,
        {"KF001": "组长", "KF002": "特殊技能新员工", "KF003": "特殊技能新员工"},
    )
    result = cli("review", "--apply", filled, "--history", history)
    assert result.exit_code == 0, result.stderr
    new_roster = tmp_path / "花名册_2026-11.xlsx"
    assert lines(result) == [
        "已读回 晋级评审_填好.xlsx：2 人的级别变化自 2026-11 起生效，已记入历史记录。",
        "  KF001 王芳：老员工 → 组长",
        "  KF002 李强：老员工 → 特殊技能新员工",
        f"新花名册（级别已更新）：{new_roster}。原花名册未改动；下个月请用新花名册。",
    ]
    assert (series.inputs["2026-10"] / "花名册.xlsx").read_bytes() == roster_before
    levels = _roster_levels(new_roster)
    assert (levels["KF001"], levels["KF002"], levels["KF003"], levels["KF004"]) == (
        "组长",
        "特殊技能新员工",
        "特殊技能新员工",
        "组长",
    )
    with History.open(history, create=False) as store:
        changes = store.level_changes()
    assert [(c.agent_id, c.from_level, c.to_level, c.effective_month, c.period) for c in changes] == [
        ("KF001", "老员工", "组长", "2026-11", "2026-05 – 2026-10"),
        ("KF002", "老员工", "特殊技能新员工", "2026-11", "2026-05 – 2026-10"),
    ]
    # 2026-11 with the new roster: KF001 98 (A) as 组长 → 1.40; KF002 88 (B) as 特殊技能新员工 → 1.05.
    november = month_inputs(tmp_path / "输入" / "2026-11", "2026-11")
    shutil.copy(new_roster, november / "花名册.xlsx")
    out = tmp_path / "o"
    result = cli("run", november, "--out", out, "--history", history, "--rules", series.rules, *RUN_OPTIONS)
    assert result.exit_code == 0, result.stderr
    kf001 = _summary_row(out / "2026-11" / "客服绩效_2026-11.xlsx", "KF001")
    kf002 = _summary_row(out / "2026-11" / "客服绩效_2026-11.xlsx", "KF002")
    assert (kf001["总分"], kf001["等级"], kf001["级别"], kf001["系数"], kf001["绩效奖金"]) == (
        98,
        "A",
        "组长",
        1.4,
        1400,
    )
    assert (kf002["总分"], kf002["等级"], kf002["级别"], kf002["系数"], kf002["绩效奖金"]) == (
        88,
        "B",
        "特殊技能新员工",
        1.05,
        1050,
    )


def test_next_month_with_the_old_roster_follows_the_review(series: Series, tmp_path: Path) -> None:
    """The manager keeps the old roster: the levels the review decided still apply, and the run says so."""
    history = series.history_copy(tmp_path)
    filled = tmp_path / "晋级评审_填好.xlsx"
    _fill_review(series.review_workbook(), filled, {"KF001": "组长", "KF002": "特殊技能新员工"})
    assert cli("review", "--apply", filled, "--history", history).exit_code == 0
    november = month_inputs(tmp_path / "输入" / "2026-11", "2026-11")
    out = tmp_path / "o"
    result = cli("run", november, "--out", out, "--history", history, "--rules", series.rules, *RUN_OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert "级别：2 人按晋级评审的决定计分（花名册仍是旧级别，请换用评审生成的新花名册）。" in lines(result)
    kf001 = _summary_row(out / "2026-11" / "客服绩效_2026-11.xlsx", "KF001")
    assert (kf001["级别"], kf001["系数"]) == ("组长", 1.4)


# --- a closed month ---------------------------------------------------------------------------


def test_closed_month_refused_then_reopened_with_a_reason(series: Series, tmp_path: Path) -> None:
    history = series.history_copy(tmp_path / "h")
    out = tmp_path / "o"
    closed = cli("close", "2026-06", "--history", history)
    assert (closed.exit_code, lines(closed)) == (0, ['2026-06 已关闭。以后重新计算需加 --reopen "原因"。'])
    with History.open(history, create=False) as store:
        closed_at = store.is_closed("2026-06")
    assert closed_at
    again = cli("close", "2026-06", "--history", history)
    assert lines(again) == [f"2026-06 已于 {closed_at} 关闭。"]

    refused = run(series, "2026-06", "--history", history, out=out)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[-1] == (
        f"错误：2026-06 已于 {closed_at} 关闭，结果不再改动。"
        '如确需重新计算，请加 --reopen "原因"（原因会被记录）。'
    )
    refused_en = run(series, "2026-06", "--history", history, "--lang", "en", out=out)
    assert refused_en.exit_code == 2
    assert refused_en.stderr.splitlines()[-1] == (
        f"Error: 2026-06 was closed on {closed_at}; its results are final. To re-run it anyway, add "
        '--reopen "reason" (the reason is recorded).'
    )
    with History.open(history, create=False) as store:
        assert len(store.month("2026-06").revisions) == 1  # type: ignore[union-attr]

    # The attendance sheet had KF007 on time on the 3rd; he was late. Scores do not change.
    attendance = tmp_path / "in"
    shutil.copytree(series.inputs["2026-06"], attendance)
    set_cell(attendance / "考勤.xlsx", "KF007", "考勤状态", "迟到")
    reason = "补录考勤：KF007 6 月 3 日迟到"
    reopened = cli("run", attendance, "--out", out, "--history", history, "--reopen", reason, *RUN_OPTIONS)
    assert reopened.exit_code == 0, reopened.stderr
    out_lines = lines(reopened)
    assert f"2026-06 已关闭，按 --reopen 重新计算，原因已记录：{reason}" in out_lines
    i = out_lines.index("历史记录：2026-06 记录为第 2 版（保留第 1 版）。")
    assert out_lines[i + 1] == "与第 1 版相比，没有人的总分、结论或系数变化。"

    listing = cli("history", "--history", history)
    assert listing.exit_code == 0
    june = [line for line in lines(listing) if "关闭后重新计算" in line]
    assert len(june) == 1 and june[0].endswith(f"关闭后重新计算，原因：{reason}")
    assert any(line.startswith("    第 2 版  ") for line in lines(listing))
    with History.open(history, create=False) as store:
        state = store.month("2026-06")
    assert state is not None and state.closed
    assert [r.reopen_reason for r in state.revisions] == ["", reason]
    assert [why for _, why in state.reopened] == [reason]


def test_reopen_with_unchanged_inputs_still_keeps_the_reason(series: Series, tmp_path: Path) -> None:
    """The run prints "原因已记录"; so `csreport history` must show it, even when nothing else changed."""
    history = series.history_copy(tmp_path / "h")
    assert cli("close", "2026-06", "--history", history).exit_code == 0
    reason = "核对后无变化"
    result = run(series, "2026-06", "--history", history, "--reopen", reason, out=tmp_path / "o")
    assert result.exit_code == 0, result.stderr
    assert f"2026-06 已关闭，按 --reopen 重新计算，原因已记录：{reason}" in lines(result)
    with History.open(history, create=False) as store:
        state = store.month("2026-06")
    assert state is not None and [why for _, why in state.reopened] == [reason]
    assert any(reason in line for line in lines(cli("history", "--history", history)))


def test_history_lists_the_months_and_an_agent(series: Series) -> None:
    listing = lines(cli("history", "--out", series.out))
    assert listing[0] == f"历史记录 {series.history}："
    months = [line for line in listing[1:] if not line.startswith(" ")]
    revisions = {"2026-05": 2}
    agents = {"2026-04": 11, "2026-05": 11, "2026-08": 11}
    assert len(months) == len(MONTHS)
    for month, line in zip(MONTHS, months, strict=True):
        n = revisions.get(month, 1)
        name = "花店考核 2026 版" if month < "2026-07" else "花店考核 2026 版（7 月修订）"
        assert line.startswith(
            f"{month}  未关闭  第 {n} 版（共 {n} 版），{agents.get(month, 12)} 人，规则「{name}」，记录于 "
        ), line
    # 2026-05's two revisions are listed under it
    may = listing.index(months[1])
    assert listing[may + 1].startswith("    第 1 版  ") and listing[may + 2].startswith("    第 2 版  ")
    agent = lines(cli("history", "--agent", "KF005", "--out", series.out))
    assert agent[0] == f"KF005 孙丽 的历史记录（{series.history}）："
    assert agent[1:] == [
        "2026-04  第 1 版  试用期  总分 80  合格  等级 B  排名 1/1  级别 新员工  系数 1.00",
        "2026-05  第 2 版  试用期  总分 80  合格  等级 B  排名 1/1  级别 新员工  系数 1.00",
        "2026-06  第 1 版  试用期  总分 85  合格  等级 B  排名 2/2  级别 新员工  系数 1.00",
        "2026-07  第 1 版  试用期  总分 80  合格  等级 B  排名 2/2  级别 新员工  系数 1.00",
        "2026-08  第 1 版  试用期  总分 65  合格  等级 C  排名 2/2  级别 新员工  系数 0.90",
        "2026-09  第 1 版  试用期  总分 40  不予上岗  等级 D  排名 2/2  级别 新员工  系数 0.50",
        "2026-10  第 1 版  试用期  总分 50  不予上岗  等级 D  排名 2/2  级别 新员工  系数 0.50",
    ]
