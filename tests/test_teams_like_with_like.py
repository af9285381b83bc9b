"""Teams compared like with like: a month of two tables with different maxima (the standard
rules' 试用期 and 正式) and an agent the roster does not know.

The month, by hand (standard rules; every agent has 100 sessions and 100 inquiries):

========  ======  ======  =======================================================  ========
工号      组别    表      KPI points (of their maximum)                             总分
========  ======  ======  =======================================================  ========
A1        一组    正式    响应 40 s 15/15, 回复 99% 20/20, 转化 52% 20/25,          90 合格
                          质检 0 次 20/20, 态度 80 15/20
A2        一组    试用期  响应 60 s 15/20, 回复 96% 15/20, 差错 0 次 30/30,         90 合格
                          态度 90 30/30
A3        二组    正式    响应 90 s 5/15, 回复 100% 20/20, 转化 45% 10/25,          60 不予上岗
                          质检 1 次 10/20, 态度 72 15/20                             (≤ 60)
A4        二组    正式    响应 30 s 15/15, 回复 20/20, 转化 60% 25/25, no QA        缺数据
X9        (none)  正式    every KPI at its maximum                                  100 合格
========  ======  ======  =======================================================  ========

X9 is not in the roster: it would rank first among 正式 and make a 未分组 team; it must do
neither. 平均响应时长 is out of 20 in 试用期 and 15 in 正式, so its team average is a share:
一组 (15/15 + 15/20) / 2 = 87.5%, 二组 (5/15 + 15/15) / 2 = 66.7%.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from csreport.outputs.xlsx.workbook import write_workbook
from csreport.results import Conclusion, MonthResult, RunMeta
from csreport.rules.loader import load_rules, parse_rules
from csreport.scoring.aggregate import AgentAggregates, Aggregate
from csreport.scoring.score import score_month
from csreport.scoring.teams import NO_GROUP, assess_teams
from tests.factories import agent, kpi, regular_kpis, sample_rules

RULES = load_rules("standard")
META = RunMeta("测试店", "2026-10", RULES.name, RULES.hash, "2026-11-01T09:00:00")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


@dataclasses.dataclass(frozen=True)
class Entry:
    """A roster line."""

    name: str
    group: str
    status: str
    level: str = "老员工"
    bonus_base: float | None = None


ROSTER = {
    "A1": Entry("甲", "一组", "正式"),
    "A2": Entry("乙", "一组", "试用期"),
    "A3": Entry("丙", "二组", "正式"),
    "A4": Entry("丁", "二组", "正式"),
}


def month_of(
    rt: float, replied: float, paid: float, errors: float | None = None, attitude: float | None = None
) -> AgentAggregates:
    """One agent's month: 100 sessions and inquiries; QA only when ``errors`` is given."""
    values: dict[str, float | None] = {
        "avg_response_s": rt,
        "received": 100.0,
        "inquiries": 100.0,
        "replied": replied,
        "paid_orders": paid,
    }
    if errors is not None:
        values |= {"max_same_error": errors, "attitude_score": attitude, "qa_chats": 1.0, "shop_risk": 0.0}
    return AgentAggregates(values={k: Aggregate(v, rows=1) for k, v in values.items()})


DATA = {
    "A1": month_of(40, 99, 52, 0, 80),
    "A2": month_of(60, 96, 50, 0, 90),
    "A3": month_of(90, 100, 45, 1, 72),
    "A4": month_of(30, 100, 60),
    "X9": month_of(10, 100, 70, 0, 95),
}


@pytest.fixture(scope="module")
def month() -> MonthResult:
    result, _ = score_month(ROSTER, DATA, RULES, META)
    return result


def test_the_month_is_as_computed_by_hand(month: MonthResult) -> None:
    got = {a.agent_id: (a.table_id, a.total, a.conclusion, a.in_roster) for a in month.agents}
    assert got == {
        "A1": ("regular", 90.0, Conclusion.PASS, True),
        "A2": ("probation", 90.0, Conclusion.PASS, True),
        "A3": ("regular", 60.0, Conclusion.FAIL, True),
        "A4": ("regular", None, Conclusion.MISSING, True),
        "X9": ("regular", 100.0, Conclusion.PASS, False),
    }


def test_an_agent_not_in_the_roster_has_no_rank_and_moves_no_one(month: MonthResult) -> None:
    """X9 (100 of 100) would rank first among 正式; it has no rank and is not counted."""
    ranks = {a.agent_id: (a.rank, a.rank_of) for a in month.agents}
    assert ranks["X9"][0] is None
    assert {k: ranks[k] for k in ("A1", "A2", "A3", "A4")} == {
        "A1": (1, 2),
        "A2": (1, 1),
        "A3": (2, 2),
        "A4": (None, 2),
    }
    without, _ = score_month(ROSTER, {k: v for k, v in DATA.items() if k != "X9"}, RULES, META)
    assert [(a.agent_id, a.rank, a.rank_of) for a in without.agents] == [
        (a.agent_id, a.rank, a.rank_of) for a in month.agents if a.in_roster
    ]
    assert without.teams == month.teams


def test_an_agent_not_in_the_roster_is_in_no_team(month: MonthResult) -> None:
    """Two teams of two: no 未分组 team of X9, and X9 in no count; X9 stays in the month."""
    assert "X9" in [a.agent_id for a in month.agents]
    assert [t.group for t in month.teams] == ["一组", "二组"]
    assert NO_GROUP not in [t.group for t in month.teams]
    counts = [
        (t.members, t.passed, t.failed, t.missing, t.scored, t.assessed, t.rank, t.rank_of)
        for t in month.teams
    ]
    assert counts == [(2, 2, 0, 0, 2, 2, 1, 2), (2, 0, 1, 1, 1, 1, 2, 2)]
    assert [(t.pass_rate, t.average_share, t.grade) for t in month.teams] == [
        (1.0, 0.9, "A"),
        (0.0, 0.6, "C"),
    ]


def test_kpi_averages_are_shares_of_each_agents_own_maximum(month: MonthResult) -> None:
    one, two = month.teams
    assert [(k.name, k.share, k.points, k.counted) for k in one.kpis] == [
        ("平均响应时长", 0.875, 15.0, 2),  # (15/15 + 15/20) / 2, not 15 "points" of no one maximum
        ("回复率", 0.875, 17.5, 2),  # (20/20 + 15/20) / 2
        ("咨询转化率", 0.8, 20.0, 1),
        ("质检", 1.0, 20.0, 1),
        ("工作态度", 0.75, 15.0, 1),
        ("差错", 1.0, 30.0, 1),
        ("服务态度", 1.0, 30.0, 1),
    ]
    assert [(k.name, k.share, k.counted) for k in two.kpis] == [
        ("平均响应时长", 0.666667, 2),  # (5/15 + 15/15) / 2
        ("回复率", 1.0, 2),
        ("咨询转化率", 0.7, 2),  # (10/25 + 25/25) / 2
        ("质检", 0.5, 1),  # A4 has no QA: not counted
        ("工作态度", 0.75, 1),
    ]


def test_teams_rank_by_share_when_tables_have_different_totals() -> None:
    """120 of 150 (80%) ranks below 85 of 100 (85%), though 120 > 85."""
    big = dict(table_id="big", table_name="大表", max_total=150.0)
    agents = (
        agent("1", "a", group="P", total=120.0, **big),
        agent("2", "b", group="P", total=120.0, **big),
        agent("3", "c", group="Q", total=85.0),
    )
    teams = assess_teams(agents, sample_rules())
    assert [(t.group, t.rank, t.average, t.max_total, t.average_share) for t in teams] == [
        ("Q", 1, 85.0, 100.0, 0.85),
        ("P", 2, 120.0, 150.0, 0.8),
    ]


def test_a_deduction_item_has_points_but_no_share() -> None:
    """A KPI whose maximum is 0 (a deduction) averages points only: -2 and -1 give -1.5."""

    def with_late(agent_id: str, points: float) -> Any:
        late = kpi("late", "迟到扣分", 0, -points, points, unit="count")
        return agent(agent_id, agent_id, kpis=(*regular_kpis(40, 0.99, 0.52, 80), late))

    [team] = assess_teams((with_late("1", -2.0), with_late("2", -1.0)), sample_rules())
    assert [(k.kpi_id, k.share, k.points) for k in team.kpis][-1] == ("late", None, -1.5)


RANK_RULES = """\
name: 排名
tables:
  - id: all
    name: 全员
    total: 10
    kpis:
      - id: workload
        name: 工作量
        weight: 10
        input: received
        unit: count
        mode: rank
        bands:
          - {range: "[80%, 100%]", points: 10}
          - {range: "[50%, 80%)", points: 6}
          - {range: "[0%, 50%)", points: 0}
"""


def test_an_agent_not_in_the_roster_does_not_lower_anyones_percentile() -> None:
    """R1..R3 received 100, 50, 10: percentiles 1, 0.5, 0 among themselves. X (1,000) is
    placed among them (1.0) but would otherwise push them to 2/3, 1/3, 0."""
    rules = parse_rules(RANK_RULES)
    roster = {a: Entry(a, "一组", "") for a in ("R1", "R2", "R3")}
    data = {
        a: AgentAggregates(values={"received": Aggregate(v, rows=1)})
        for a, v in (("R1", 100.0), ("R2", 50.0), ("R3", 10.0), ("X", 1000.0))
    }
    result, _ = score_month(roster, data, rules, META)
    got = {a.agent_id: (a.kpis[0].percentile, a.kpis[0].points, a.rank) for a in result.agents}
    assert got == {
        "R1": (1.0, 10.0, 1),
        "R2": (0.5, 6.0, 2),
        "R3": (0.0, 0.0, 3),
        "X": (1.0, 10.0, None),
    }


# --- the 团队 sheet, read back -------------------------------------------------------------


def sheet(month: MonthResult, tmp_path: Path, lang: str) -> tuple[Path, Any]:
    path = write_workbook(month, [], RULES, tmp_path / f"{lang}.xlsx", lang=lang)
    book = openpyxl.load_workbook(path)
    return path, book.worksheets[2]


def rows(ws: Any, first: int, last: int, width: int) -> list[list[object]]:
    return [[c.value for c in row[:width]] for row in ws.iter_rows(min_row=first, max_row=last)]


EXPECTED: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "团队",
        "header": [
            "组别",
            "人数",
            "合格",
            "不予上岗",
            "合格率",
            "合格率的基数",
            "缺数据（不计入合格率）",
            "有总分",
            "平均总分（占满分）",
            "团队排名（共 2 个团队）",
            "团队等级",
        ],
        "bases": ["合格 2 / 已评定 2", "合格 0 / 已评定 1"],
        "notes": [
            "合格率 = 合格 ÷ 已评定（合格与不予上岗的人数）；缺数据的人未评定，不计入，另列在旁。",
            "平均总分和各指标平均得分都是占满分的百分比：每人的得分先除以本人考核表的满分，再求平均"
            "（只算有该项得分的人），所以满分不同的考核表可以相比。团队等级是平均总分对照规则的等级门槛所得的等级。",
            "不在花名册中，不属于任何团队，也不计入人数、排名和总分分布（1 人）：X9",
        ],
        "dist": [
            ["总分分布（共 4 人）", None, None],
            ["总分占满分", "人数", "占比"],
            ["低于 60%", 0, 0],
            ["60%–70%", 1, 0.25],
            ["70%–80%", 0, 0],
            ["80%–90%", 0, 0],
            ["90% 及以上", 2, 0.5],
            ["无总分", 1, 0.25],
        ],
        "kpi_title": "各指标平均得分占满分的比例（按团队）",
        "kpi_header": ["指标", "满分", "一组", "二组"],
        "kpis": ["平均响应时长", "回复率", "咨询转化率", "质检", "工作态度", "差错", "服务态度"],
        "maxima": ["试用期 20 分\n正式 15 分", "20 分", "25 分", "20 分", "20 分", "30 分", "30 分"],
        "axis": "平均得分占满分",
    },
    "en": {
        "title": "Teams",
        "header": [
            "Group",
            "Members",
            "Passed",
            "Not cleared",
            "Pass rate",
            "Pass rate base",
            "Missing data (not in the rate)",
            "With a total",
            "Average total (% of maximum)",
            "Team rank (of 2)",
            "Team grade",
        ],
        "bases": ["2 passed / 2 assessed", "0 passed / 1 assessed"],
        "notes": [
            "Pass rate = passed ÷ assessed (passed and not cleared); agents with missing data are not "
            "assessed and are left out of it, counted beside it.",
            "Average totals and KPI averages are shares of the maximum: each agent's points are divided "
            "by the maximum of their own table before averaging (over the agents with points for it), so "
            "tables with different maxima compare. A team's grade is the rules' grade its average total "
            "reaches.",
            "Not in the roster, so in no team and not counted in members, ranks or the score distribution "
            "(1): X9",
        ],
        "dist": [
            ["Score distribution (4 agents)", None, None],
            ["Total as % of maximum", "Agents", "Share"],
            ["below 60%", 0, 0],
            ["60%–70%", 1, 0.25],
            ["70%–80%", 0, 0],
            ["80%–90%", 0, 0],
            ["90% and above", 2, 0.5],
            ["No total", 1, 0.25],
        ],
        "kpi_title": "Average KPI points as a share of the maximum, by team",
        "kpi_header": ["KPI", "Maximum", "一组", "二组"],
        # A name wider than 16 characters breaks between words.
        "kpis": [
            "Average response\ntime",
            "Reply rate",
            "Conversion rate",
            "QA errors",
            "Attitude\n(Regular)",
            "Errors",
            "Attitude\n(Probation)",
        ],
        "maxima": [
            "Probation 20 pts\nRegular 15 pts",
            "20 pts",
            "25 pts",
            "20 pts",
            "20 pts",
            "30 pts",
            "30 pts",
        ],
        "axis": "Average points, % of maximum",
    },
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_team_rows_give_every_rate_with_its_base(month: MonthResult, tmp_path: Path, lang: str) -> None:
    want = EXPECTED[lang]
    _, ws = sheet(month, tmp_path, lang)
    assert ws.title == want["title"]
    assert ws.max_column == 11
    assert rows(ws, 1, 3, 11) == [
        want["header"],
        ["一组", 2, 2, 0, 1, want["bases"][0], 0, 2, 0.9, 1, "A"],
        ["二组", 2, 0, 1, 0, want["bases"][1], 1, 1, 0.6, 2, "C"],
    ]
    assert [ws.cell(2, c).number_format for c in (2, 5, 9, 10)] == ["0", "0.0%", "0.0%", "0"]
    assert [ws.cell(r, 1).value for r in (5, 6, 7)] == want["notes"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_distribution_counts_the_roster_only(month: MonthResult, tmp_path: Path, lang: str) -> None:
    """A1 and A2 at 90%, A3 at 60%, A4 缺数据; X9 (100%) is not counted."""
    _, ws = sheet(month, tmp_path, lang)
    assert rows(ws, 9, 16, 3) == EXPECTED[lang]["dist"]
    assert ws["C12"].number_format == "0.0%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kpi_table_and_chart_compare_shares(month: MonthResult, tmp_path: Path, lang: str) -> None:
    want = EXPECTED[lang]
    path, ws = sheet(month, tmp_path, lang)
    assert ws["A26"].value == want["kpi_title"]
    # The chart comes first, under the title (17 rows), then the table.
    assert rows(ws, 44, 44, 5) == [[*want["kpi_header"], None]]
    table = rows(ws, 45, 51, 4)
    assert [r[0] for r in table] == want["kpis"]
    assert [r[1] for r in table] == want["maxima"]
    assert [r[2:] for r in table] == [
        [0.875, 0.667],
        [0.875, 1],
        [0.8, 0.7],
        [1, 0.5],
        [0.75, 0.75],
        [1, None],
        [1, None],
    ]
    assert {ws.cell(r, c).number_format for r in range(45, 50) for c in (3, 4)} == {"0.0%"}
    # The chart's two series are the two teams' shares, over the KPI names; its axis is 0–100%.
    with zipfile.ZipFile(path) as z:
        chart = ET.fromstring(z.read("xl/charts/chart2.xml"))
    refs = [
        [s.find(f"c:{part}//c:f", NS).text for part in ("tx", "cat", "val")]  # type: ignore[union-attr]
        for s in chart.findall(".//c:ser", NS)
    ]
    name = ws.title
    assert refs == [
        [f"{name}!$C$44", f"{name}!$A$45:$A$51", f"{name}!$C$45:$C$51"],
        [f"{name}!$D$44", f"{name}!$A$45:$A$51", f"{name}!$D$45:$D$51"],
    ]
    value_axis = chart.find(".//c:valAx", NS)
    assert value_axis is not None
    assert value_axis.find("c:scaling/c:max", NS).get("val") == "1"  # type: ignore[union-attr]
    assert value_axis.find("c:numFmt", NS).get("formatCode") == "0%"  # type: ignore[union-attr]
    assert want["axis"] in "".join(value_axis.find("c:title", NS).itertext())  # type: ignore[union-attr]
    # The chart and the tables start a printed page of their own; the chart sits between the
    # title and the table.
    assert [b.id for b in ws.row_breaks.brk] == [25]
    assert chart_rows(path) == [(26, 42)]


def test_english_sheet_has_no_chinese_but_the_data(month: MonthResult, tmp_path: Path) -> None:
    """Every text on Teams is English except the group names, which are data."""
    _, ws = sheet(month, tmp_path, "en")
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts
    left = [t for t in texts if CJK.search(t) and t not in ("一组", "二组")]
    assert left == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sheet_prints_legibly(month: MonthResult, tmp_path: Path, lang: str) -> None:
    """A4 landscape, the header row repeated, one page wide with every text, in the cells and
    in the charts, at 8 pt or more; shares with one decimal (no 86.666667)."""
    path, ws = sheet(month, tmp_path, lang)
    assert ws.page_setup.orientation == "landscape"
    # A team table that fits its first page repeats no header: the KPI page after it would
    # otherwise start with an orphan header (tests/test_xlsx_teams_layout.py covers a long one).
    assert ws.print_title_rows is None
    assert smallest_printed_text(path, ws) >= 8
    numbers = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, float)]
    assert numbers and all(round(v, 3) == v for v in numbers)


def chart_rows(path: Path) -> list[tuple[int, int]]:
    """(first row, last row), 0-based, of the KPI chart on the 团队 sheet (the second chart)."""
    with zipfile.ZipFile(path) as z:
        rels = z.read("xl/worksheets/_rels/sheet3.xml.rels").decode()
        [drawing] = re.findall(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels)
        text = z.read(f"xl/drawings/{drawing}").decode()
    starts = re.findall(
        r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>", text
    )
    ends = re.findall(
        r"<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>", text
    )
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)][1:]


# A4 landscape less the workbook's 0.4" side margins, in points; at most 7 points of print per
# unit of column width at 100% (LibreOffice with a substitute for Calibri; Excel draws less);
# Excel's default column width and font size.
PRINTABLE_POINTS = (11.69 - 0.8) * 72
POINTS_PER_WIDTH = 7.0
DEFAULT_WIDTH = 8.43
DEFAULT_SIZE = 11.0


def smallest_printed_text(path: Path, ws: Any) -> float:
    """The smallest text size, in points, of the sheet's cells and charts when its used columns
    and charts are fitted one page wide."""
    widths: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        for col in range(dim.min, dim.max + 1):
            widths[col - 1] = dim.width or DEFAULT_WIDTH
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    last = max(c.column - 1 for c in cells)
    with zipfile.ZipFile(path) as z:
        rels = z.read("xl/worksheets/_rels/sheet3.xml.rels").decode()
        [drawing] = re.findall(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels)
        anchors = z.read(f"xl/drawings/{drawing}").decode()
        charts = [z.read(n).decode() for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    last = max(last, *(int(e) for e in re.findall(r"<xdr:to><xdr:col>(\d+)</xdr:col>", anchors)))
    used = sum(POINTS_PER_WIDTH * widths.get(col, DEFAULT_WIDTH) for col in range(last + 1))
    scale = min(1.0, PRINTABLE_POINTS / used)
    sizes = [c.font.sz or DEFAULT_SIZE for c in cells]
    # A chart's text sizes are in hundredths of a point; text without one is Excel's 10 points.
    sizes += [int(sz) / 100 for chart in charts for sz in re.findall(r'<a:defRPr[^>]* sz="(\d+)"', chart)]
    assert all(re.search(r"<c:txPr>", chart) for chart in charts)
    return min(sizes) * scale


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_many_teams_with_long_names_still_print_legibly(
    month: MonthResult, tmp_path: Path, lang: str
) -> None:
    """Fifteen teams named with 12 characters: the KPI tables hold seven teams side by side and
    continue below, so the page stays at 8 pt or more."""
    one = month.teams[0]
    teams = tuple(dataclasses.replace(one, group=f"Customer {i:03}", rank=i) for i in range(1, 16))
    path, ws = sheet(dataclasses.replace(month, teams=teams), tmp_path, lang)
    heads = [c.row for c in ws["A"] if c.value == EXPECTED[lang]["kpi_header"][0]]
    assert [[ws.cell(r, c).value for c in range(3, 10)] for r in heads] == [
        [f"Customer {i:03}" for i in range(1, 8)],
        [f"Customer {i:03}" for i in range(8, 15)],
        ["Customer 015", None, None, None, None, None, None],
    ]
    assert smallest_printed_text(path, ws) >= 8


@pytest.mark.parametrize(
    "lang,expected",
    [
        (
            "zh",
            [
                ["加分与扣分项的平均分（按团队）", None, None],
                ["指标", "计分方式", "一组"],
                ["迟到扣分", "加减分，无满分", -1.5],
            ],
        ),
        (
            "en",
            [
                ["Bonus and deduction items: average points, by team", None, None],
                ["KPI", "Scoring", "一组"],
                ["late", "Added or deducted, no maximum", -1.5],
            ],
        ),
    ],
)
def test_a_deduction_item_is_shown_in_points_apart_from_the_shares(
    tmp_path: Path, lang: str, expected: list[list[object]]
) -> None:
    """迟到扣分 (maximum 0; -2 and -1 points) is neither a row of the share table nor a bar of its
    chart: it has its own table, in points."""

    def with_late(agent_id: str, points: float) -> Any:
        late = kpi("late", "迟到扣分", 0, -points, points, unit="count")
        return agent(agent_id, agent_id, kpis=(*regular_kpis(40, 0.99, 0.52, 80), late))

    agents = (with_late("1", -2.0), with_late("2", -1.0))
    month = MonthResult(META, agents, assess_teams(agents, sample_rules()))
    path, ws = sheet(month, tmp_path, lang)
    [title] = [c.row for c in ws["A"] if c.value == expected[0][0]]
    assert rows(ws, title, title + 3, 3) == [*expected, [None, None, None]]
    assert ws.cell(title + 2, 3).number_format == ('0.0" 分"' if lang == "zh" else '0.0" pts"')
    # The share table and its chart hold the five regular KPIs, without 迟到扣分.
    [head] = [c.row for c in ws["A"] if c.value == expected[1][0] and c.row != title + 1]
    names = [r[0] for r in rows(ws, head + 1, head + 6, 1)]
    assert names[0] == ("平均响应时长" if lang == "zh" else "avg_response") and names[5] is None
    assert expected[2][0] not in names
    with zipfile.ZipFile(path) as z:
        chart = ET.fromstring(z.read("xl/charts/chart2.xml"))
    categories = chart.find(".//c:cat//c:f", NS)
    assert categories is not None and categories.text is not None
    assert categories.text.endswith(f"$A${head + 1}:$A${head + 5}")
