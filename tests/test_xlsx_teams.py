"""The 团队 sheet: the team table, the 总分 distribution, the KPI × team table of shares and
the two native column charts.

openpyxl does not read charts back, so the chart and drawing parts are parsed from the
zip: chart types, the cell ranges each series references, and where each chart sits.

The sample month's teams (assessed by ``assess_teams``): the hostile-named group holds 1004
(90, 合格); 一组 holds 1001 (90, 合格), 1002 (55, 不予上岗, 平均响应时长 0 of 15) and 1003
(缺数据, no 工作态度 points). Each KPI's share of its maximum per team, by hand: 平均响应时长
15/15 and (15 + 0 + 15) / 45 = 66.7%; 咨询转化率 20/25 = 80%; 工作态度 15/20 = 75%.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from openpyxl.utils.cell import range_boundaries

from csreport.outputs.xlsx.charts import score_bins
from csreport.outputs.xlsx.workbook import write_workbook
from csreport.results import KpiResult, MonthResult, TeamResult
from csreport.scoring.teams import assess_teams
from tests.factories import (
    HOSTILE_NAMES,
    agent,
    kpi,
    sample_month,
    sample_problems,
    sample_rules,
    sample_teams,
)

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
}
TEAM_HEADERS = [
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
]
BINS = ["低于 60%", "60%–70%", "70%–80%", "80%–90%", "90% 及以上", "无总分"]
KPI_NAMES = ["平均响应时长", "回复率", "咨询转化率", "质检", "工作态度"]


def sample_month_with_teams() -> MonthResult:
    """The sample month with its groups assessed from its agents."""
    month = sample_month()
    return dataclasses.replace(month, teams=assess_teams(month.agents, sample_rules()))


def shares(*values: float) -> tuple[TeamResult.Kpi, ...]:
    """Team KPI averages of the five regular KPIs, given as shares of their maxima."""
    names = zip(("avg_response", "reply_rate", "conversion", "errors", "attitude"), KPI_NAMES, strict=True)
    return tuple(
        TeamResult.Kpi(kid, name, kid, share, 0.0, 1)
        for (kid, name), share in zip(names, values, strict=True)
    )


def write(tmp_path: Path, month: MonthResult, lang: str = "zh") -> Path:
    """The workbook for ``month`` under ``tmp_path``."""
    return write_workbook(month, sample_problems(), sample_rules(), tmp_path / "团队.xlsx", lang=lang)


def charts(path: Path) -> list[ET.Element]:
    """The chart parts of the workbook, in order."""
    with zipfile.ZipFile(path) as z:
        names = sorted(
            (n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)),
            key=lambda n: int(re.findall(r"\d+", n)[0]),
        )
        return [ET.fromstring(z.read(n)) for n in names]


def anchors(path: Path) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), zero-based, of each chart on 团队."""
    with zipfile.ZipFile(path) as z:
        rels = z.read("xl/worksheets/_rels/sheet3.xml.rels").decode()
        drawing = re.findall(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels)
        assert len(drawing) == 1
        root = ET.fromstring(z.read(f"xl/drawings/{drawing[0]}"))
    out = []
    for anchor in root.findall("xdr:twoCellAnchor", NS):
        cells = [
            (
                int(anchor.find(f"xdr:{end}/xdr:row", NS).text),  # type: ignore[union-attr]
                int(anchor.find(f"xdr:{end}/xdr:col", NS).text),
            )  # type: ignore[union-attr]
            for end in ("from", "to")
        ]
        out.append((*cells[0], *cells[1]))
    return out


def refs(series: ET.Element) -> dict[str, str]:
    """A series' name, categories and values references."""
    return {
        part: series.find(f"c:{part}//c:f", NS).text  # type: ignore[union-attr,misc]
        for part in ("tx", "cat", "val")
    }


def resolve(book: openpyxl.Workbook, ref: str) -> list[object]:
    """The cell values an Excel reference such as ``团队!$A$7:$A$12`` points at."""
    sheet, _, cells = ref.rpartition("!")
    ws = book[sheet.strip("'")]
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    return [c.value for row in ws.iter_rows(min_row, max_row, min_col, max_col) for c in row]


@pytest.fixture(scope="module")
def team_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample month with two assessed groups, written once."""
    return write(tmp_path_factory.mktemp("teams"), sample_month_with_teams())


def test_team_table(team_book: Path) -> None:
    """One ranked row per group: counts, the pass rate with its base and 缺数据 beside it, the
    average total as a share of the maximum, rank, grade."""
    ws = openpyxl.load_workbook(team_book)["团队"]
    data = [list(r) for r in ws.iter_rows(max_row=3, values_only=True)]
    assert data[0] == TEAM_HEADERS
    assert data[1] == [HOSTILE_NAMES[3], 1, 1, 0, 1, "合格 1 / 已评定 1", 0, 1, 0.9, 1, "A"]
    assert data[2] == ["一组", 3, 1, 1, 0.5, "合格 1 / 已评定 2", 1, 2, 0.725, 2, "C"]
    assert ws["A2"].data_type == "s"
    assert (ws["E2"].number_format, ws["I2"].number_format, ws["J2"].number_format) == ("0.0%", "0.0%", "0")
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:K3"
    assert ws["A5"].value.startswith("合格率 = 合格 ÷ 已评定")
    assert ws["A6"].value.startswith("平均总分和各指标平均得分都是占满分的百分比")


def test_distribution_table(team_book: Path) -> None:
    """Bins of 总分 / 满分 with counts and shares of all agents; 缺数据 is its own bin."""
    ws = openpyxl.load_workbook(team_book)["团队"]
    assert ws["A8"].value == "总分分布（共 4 人）"
    assert [c.value for c in ws[9][:3]] == ["总分占满分", "人数", "占比"]
    table = [[c.value for c in row[:3]] for row in ws.iter_rows(min_row=10, max_row=15)]
    assert table == [
        [BINS[0], 1, 0.25],
        [BINS[1], 0, 0],
        [BINS[2], 0, 0],
        [BINS[3], 0, 0],
        [BINS[4], 2, 0.5],
        [BINS[5], 1, 0.25],
    ]
    assert ws["C10"].number_format == "0.0%"


@pytest.mark.parametrize(
    ("total", "max_total", "bin_index"),
    [
        (59.999, 100, 0),
        (60, 100, 1),
        (69.99, 100, 1),
        (70, 100, 2),
        (0.7 * 100, 100, 2),
        (89.5, 100, 3),
        (90, 100, 4),
        (100, 100, 4),
        (105, 150, 2),
        (None, 100, 5),
        (0, 100, 0),
    ],
)
def test_bins_include_their_lower_bound(total: float | None, max_total: float, bin_index: int) -> None:
    """Each bin holds its lower edge; the share uses each agent's own maximum."""
    counts = [n for _, n in score_bins([agent("1", "a", total=total, max_total=max_total)], "zh")]
    assert counts == [int(i == bin_index) for i in range(6)]


def test_charts_reference_the_sheet(team_book: Path) -> None:
    """Two clustered column charts whose every series points at cells holding its data; the
    KPI chart compares shares of each KPI's maximum."""
    book = openpyxl.load_workbook(team_book)
    dist, kpis = charts(team_book)
    for chart in (dist, kpis):
        bar = chart.find(".//c:barChart", NS)
        assert bar is not None
        assert bar.find("c:barDir", NS).get("val") == "col"  # type: ignore[union-attr]
        assert bar.find("c:grouping", NS).get("val") == "clustered"  # type: ignore[union-attr]
    [series] = dist.findall(".//c:ser", NS)
    assert refs(series) == {"tx": "团队!$B$9", "cat": "团队!$A$10:$A$15", "val": "团队!$B$10:$B$15"}
    assert resolve(book, "团队!$A$10:$A$15") == BINS
    assert resolve(book, "团队!$B$10:$B$15") == [1, 0, 0, 0, 2, 1]
    # The 缺数据 bar is grey.
    point = series.find("c:dPt", NS)
    assert point is not None and point.find("c:idx", NS).get("val") == "5"  # type: ignore[union-attr]
    assert "A6A6A6" in ET.tostring(point, encoding="unicode")

    kpi_series = kpis.findall(".//c:ser", NS)
    assert [refs(s) for s in kpi_series] == [
        {"tx": "团队!$C$43", "cat": "团队!$A$44:$A$48", "val": "团队!$C$44:$C$48"},
        {"tx": "团队!$D$43", "cat": "团队!$A$44:$A$48", "val": "团队!$D$44:$D$48"},
    ]
    assert resolve(book, "团队!$A$44:$A$48") == KPI_NAMES
    assert resolve(book, "团队!$C$43") == [HOSTILE_NAMES[3]]
    assert resolve(book, "团队!$C$44:$C$48") == [1, 1, 0.8, 1, 0.75]
    assert resolve(book, "团队!$D$44:$D$48") == [0.667, 1, 0.8, 1, 0.75]
    assert book["团队"]["A25"].value == "各指标平均得分占满分的比例（按团队）"
    assert resolve(book, "团队!$B$44:$B$48") == ["15 分", "20 分", "25 分", "20 分", "20 分"]  # 满分 per KPI
    axis = kpis.find(".//c:valAx", NS)
    assert axis is not None and axis.find("c:numFmt", NS).get("formatCode") == "0%"  # type: ignore[union-attr]


def test_charts_cover_no_cells_and_no_other_chart(team_book: Path) -> None:
    """Each chart's cell rectangle is empty on the sheet and apart from the other chart."""
    ws = openpyxl.load_workbook(team_book)["团队"]
    boxes = anchors(team_book)
    assert len(boxes) == 2
    filled = {(c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row if c.value is not None}
    for r1, c1, r2, c2 in boxes:
        inside = {(r, c) for r, c in filled if r1 <= r <= r2 and c1 <= c <= c2}
        assert not inside, f"chart at {(r1, c1)} covers cells {sorted(inside)}"
    (_, _, a_r2, _), (b_r1, _, _, _) = boxes
    assert a_r2 < b_r1


def test_no_groups_gives_a_note_instead_of_the_team_chart(tmp_path: Path) -> None:
    """Without groups: a note, the distribution chart only, nothing overlapping."""
    path = write(tmp_path, sample_month())
    ws = openpyxl.load_workbook(path)["团队"]
    assert ws["A2"].value.startswith("没有组别（团队）数据")
    assert ws["A5"].value == "总分分布（共 4 人）"
    assert len(charts(path)) == 1 and len(anchors(path)) == 1
    assert ws.auto_filter.ref is None


def test_no_agents_gives_notes_and_no_chart(tmp_path: Path) -> None:
    """An empty month writes notes and no chart part at all."""
    path = write(tmp_path, dataclasses.replace(sample_month(), agents=()))
    ws = openpyxl.load_workbook(path)["团队"]
    assert ws["A5"].value == "总分分布（共 0 人）"
    assert ws["A6"].value == "没有客服数据，因此没有总分分布图。"
    with zipfile.ZipFile(path) as z:
        assert not [n for n in z.namelist() if n.startswith(("xl/charts/", "xl/drawings/"))]


def test_one_kpi_id_named_twice_keeps_two_rows(tmp_path: Path) -> None:
    """Tables naming one KPI id differently (质检 / 差错) keep their own averages."""
    team = dataclasses.replace(
        sample_teams()[1],
        kpis=(
            TeamResult.Kpi("errors", "质检", "errors", 0.7, 14.0, 2),
            TeamResult.Kpi("attitude", "工作态度", "attitude", 0.95, 19.0, 2),
            TeamResult.Kpi("errors", "差错", "errors", 1.0, 30.0, 1),
        ),
    )
    path = write(tmp_path, dataclasses.replace(sample_month(), teams=(team,)))
    ws = openpyxl.load_workbook(path)["团队"]
    [head] = [c.row for c in ws["A"] if c.value == "指标"]
    table = [[c.value for c in row[:3]] for row in ws.iter_rows(min_row=head, max_row=head + 3)]
    # 差错 is in no agent's table, so its maximum is unknown and left blank.
    assert table == [
        ["指标", "满分", "一组"],
        ["质检", "20 分", 0.7],
        ["工作态度", "20 分", 0.95],
        ["差错", None, 1],
    ]


def test_many_teams_chart_shows_the_best_ranked(tmp_path: Path) -> None:
    """All 15 teams are in the KPI tables, seven side by side in each, one table below the
    other; the chart shows the 12 best-ranked and says so."""
    base = dataclasses.replace(sample_teams()[1], kpis=shares(1, 1, 0.8, 1, 0.75))
    teams = tuple(dataclasses.replace(base, group=f"{i}组", rank=i) for i in range(1, 16))
    path = write(tmp_path, dataclasses.replace(sample_month(), teams=teams))
    book = openpyxl.load_workbook(path)
    ws = book["团队"]
    assert [ws.cell(r, 1).value for r in (2, 16)] == ["1组", "15组"]
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and "前 12" in c.value]
    assert notes == ["图表只显示排名前 12 的团队；全部团队见图下的表。"]
    heads = [c.row for c in ws["A"] if c.value == "指标"]
    named = [[ws.cell(r, c).value for c in range(3, 11)] for r in heads]
    assert named == [
        [*(f"{i}组" for i in range(1, 8)), None],
        [*(f"{i}组" for i in range(8, 15)), None],
        ["15组", *[None] * 7],
    ]
    series = charts(path)[1].findall(".//c:ser", NS)
    assert [resolve(book, refs(s)["tx"])[0] for s in series] == [f"{i}组" for i in range(1, 13)]
    assert all(resolve(book, refs(s)["val"]) == [1, 1, 0.8, 1, 0.75] for s in series)
    boxes = anchors(path)
    filled = {(c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row if c.value is not None}
    for r1, c1, r2, c2 in boxes:
        assert not {(r, c) for r, c in filled if r1 <= r <= r2 and c1 <= c <= c2}


def test_english_team_sheet(tmp_path: Path) -> None:
    """English labels on the sheet and in the charts."""
    kpis = (TeamResult.Kpi("avg_response", "平均响应时长", "Avg response", 1.0, 15.0, 1),)
    team = TeamResult("A team", 1, 1, 1, 0, 0, 90.0, 100.0, 1, 1, "A", kpis=kpis)
    path = write(tmp_path, dataclasses.replace(sample_month(), teams=(team,)), lang="en")
    ws = openpyxl.load_workbook(path)["Teams"]
    assert [c.value for c in ws[1]][4:7] == ["Pass rate", "Pass rate base", "Missing data (not in the rate)"]
    assert ws["F2"].value == "1 passed / 1 assessed"
    assert ws["A7"].value == "Score distribution (4 agents)"
    assert [ws.cell(r, 1).value for r in (9, 14)] == ["below 60%", "No total"]
    [head] = [c.row for c in ws["A"] if c.value == "KPI"]
    assert [ws.cell(head + 1, c).value for c in (1, 2, 3)] == ["Avg response", "15 pts", 1]
    titles = [
        "".join(t.itertext()) for t in (c.find(".//c:title", NS) for c in charts(path)) if t is not None
    ]
    assert titles == [
        "Score distribution (4 agents)",
        "Average KPI points as a share of the maximum, by team",
    ]


def _two_attitudes() -> MonthResult:
    """Two tables whose attitude KPIs share an id and an English name (Attitude) but not the
    Chinese one (服务态度 / 工作态度), as the standard rules have them."""

    def attitude(name: str, points: float) -> KpiResult:
        return dataclasses.replace(kpi("attitude", name, 30, 80.0, points, unit="score"), name_en="Attitude")

    probation = agent(
        "1001",
        "张三",
        status="试用期",
        table_id="probation",
        table_name="试用期",
        table_name_en="Probation",
        kpis=(attitude("服务态度", 20.0),),
    )
    regular = agent("1002", "李四", table_name_en="Regular", kpis=(attitude("工作态度", 15.0),))
    month = dataclasses.replace(sample_month(), agents=(probation, regular))
    return dataclasses.replace(month, teams=assess_teams(month.agents, sample_rules()))


@pytest.mark.parametrize(
    "lang,sheet,expected",
    [
        ("zh", "团队", ["服务态度", "工作态度"]),
        ("en", "Teams", ["Attitude\n(Probation)", "Attitude\n(Regular)"]),
    ],
)
def test_kpis_sharing_a_name_get_distinct_rows(
    tmp_path: Path, lang: str, sheet: str, expected: list[str]
) -> None:
    """Two KPI rows never share a name: a name two KPIs share gets its table's name."""
    ws = openpyxl.load_workbook(write(tmp_path, _two_attitudes(), lang))[sheet]
    [head] = [c.row for c in ws["A"] if c.value in ("指标", "KPI")]
    rows = [[ws.cell(r, c).value for c in (1, 3)] for r in (head + 1, head + 2)]
    # 20 of 30 and 15 of 30, as shares.
    assert rows == [[expected[0], 0.667], [expected[1], 0.5]]
