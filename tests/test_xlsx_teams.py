"""The 团队 sheet: the team table, the 总分 distribution and the two native column charts.

openpyxl does not read charts back, so the chart and drawing parts are parsed from the
zip: chart types, the cell ranges each series references, and where each chart sits.
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
from tests.factories import (
    HOSTILE_NAMES,
    agent,
    kpi,
    sample_month,
    sample_month_with_teams,
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
    "有总分",
    "合格",
    "不予上岗",
    "缺数据",
    "合格率",
    "平均总分",
    "满分",
    "团队排名",
    "团队等级",
    "平均响应时长平均得分",
    "回复率平均得分",
    "咨询转化率平均得分",
    "质检平均得分",
    "工作态度平均得分",
]
BINS = ["低于 60%", "60% – 70%", "70% – 80%", "80% – 90%", "90% 及以上", "缺数据"]


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
    """One ranked row per group with counts, pass rate, average, rank, grade, KPI averages."""
    ws = openpyxl.load_workbook(team_book)["团队"]
    data = [list(r) for r in ws.iter_rows(max_row=3, values_only=True)]
    assert data[0] == TEAM_HEADERS
    assert data[1] == [HOSTILE_NAMES[3], 1, 1, 1, 0, 0, 1, 90, 100, 1, "A", 15, 20, 20, 20, 15]
    assert data[2] == ["一组", 3, 2, 1, 1, 1, 0.5, 72.5, 100, 2, "C", 10, 20, 20, 20, 15]
    assert ws["A2"].data_type == "s"
    assert (ws["G2"].number_format, ws["H2"].number_format, ws["L2"].number_format) == ("0.0%", "0.0", "0.0")
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:P3"


def test_distribution_table(team_book: Path) -> None:
    """Bins of 总分 / 满分 with counts and shares; 缺数据 is its own bin."""
    ws = openpyxl.load_workbook(team_book)["团队"]
    assert ws["A5"].value == "总分分布"
    assert [c.value for c in ws[6][:3]] == ["区间", "人数", "占比"]
    table = [[c.value for c in row[:3]] for row in ws.iter_rows(min_row=7, max_row=12)]
    assert table == [
        [BINS[0], 1, 0.25],
        [BINS[1], 0, 0],
        [BINS[2], 0, 0],
        [BINS[3], 0, 0],
        [BINS[4], 2, 0.5],
        [BINS[5], 1, 0.25],
    ]
    assert ws["C7"].number_format == "0.0%"


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
    """Two clustered column charts whose every series points at cells holding its data."""
    book = openpyxl.load_workbook(team_book)
    dist, kpis = charts(team_book)
    for chart in (dist, kpis):
        bar = chart.find(".//c:barChart", NS)
        assert bar is not None
        assert bar.find("c:barDir", NS).get("val") == "col"  # type: ignore[union-attr]
        assert bar.find("c:grouping", NS).get("val") == "clustered"  # type: ignore[union-attr]
    [series] = dist.findall(".//c:ser", NS)
    assert refs(series) == {"tx": "团队!$B$6", "cat": "团队!$A$7:$A$12", "val": "团队!$B$7:$B$12"}
    assert resolve(book, "团队!$A$7:$A$12") == BINS
    assert resolve(book, "团队!$B$7:$B$12") == [1, 0, 0, 0, 2, 1]
    # The 缺数据 bar is grey.
    point = series.find("c:dPt", NS)
    assert point is not None and point.find("c:idx", NS).get("val") == "5"  # type: ignore[union-attr]
    assert "A6A6A6" in ET.tostring(point, encoding="unicode")

    kpi_series = kpis.findall(".//c:ser", NS)
    assert [refs(s) for s in kpi_series] == [
        {"tx": "团队!$C$23", "cat": "团队!$A$24:$A$28", "val": "团队!$C$24:$C$28"},
        {"tx": "团队!$D$23", "cat": "团队!$A$24:$A$28", "val": "团队!$D$24:$D$28"},
    ]
    assert resolve(book, "团队!$A$24:$A$28") == ["平均响应时长", "回复率", "咨询转化率", "质检", "工作态度"]
    assert resolve(book, "团队!$C$23") == [HOSTILE_NAMES[3]]
    assert resolve(book, "团队!$D$24:$D$28") == [10, 20, 20, 20, 15]
    assert book["团队"]["A22"].value == "各指标平均得分（按团队）"
    assert resolve(book, "团队!$B$24:$B$28") == [15, 20, 25, 20, 20]  # 满分 per KPI


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
    assert ws["A4"].value == "总分分布"
    assert len(charts(path)) == 1 and len(anchors(path)) == 1
    assert ws.auto_filter.ref is None


def test_no_agents_gives_notes_and_no_chart(tmp_path: Path) -> None:
    """An empty month writes notes and no chart part at all."""
    path = write(tmp_path, dataclasses.replace(sample_month(), agents=()))
    ws = openpyxl.load_workbook(path)["团队"]
    assert ws["A5"].value == "没有客服数据，因此没有总分分布图。"
    with zipfile.ZipFile(path) as z:
        assert not [n for n in z.namelist() if n.startswith(("xl/charts/", "xl/drawings/"))]


def test_one_kpi_id_named_twice_keeps_two_columns(tmp_path: Path) -> None:
    """Tables naming one KPI id differently (质检 / 差错) keep their own averages."""
    team = dataclasses.replace(
        sample_teams()[1],
        kpi_averages=(("errors", "质检", 14.0), ("attitude", "工作态度", 19.0), ("errors", "差错", 30.0)),
    )
    path = write(tmp_path, dataclasses.replace(sample_month(), teams=(team,)))
    ws = openpyxl.load_workbook(path)["团队"]
    row = {h: v for h, v in zip(*ws.iter_rows(max_row=2, values_only=True), strict=True)}
    assert (row["质检平均得分"], row["工作态度平均得分"], row["差错平均得分"]) == (14, 19, 30)


def test_many_teams_chart_shows_the_best_ranked(tmp_path: Path) -> None:
    """All 15 teams are in the table; the chart shows the 12 best-ranked and says so."""
    base = sample_teams()[1]
    teams = tuple(dataclasses.replace(base, group=f"{i}组", rank=i) for i in range(1, 16))
    path = write(tmp_path, dataclasses.replace(sample_month(), teams=teams))
    ws = openpyxl.load_workbook(path)["团队"]
    assert [ws.cell(r, 1).value for r in (2, 16)] == ["1组", "15组"]
    assert len(charts(path)[1].findall(".//c:ser", NS)) == 12
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and "前 12" in c.value]
    assert notes == ["图表只显示排名前 12 的团队；全部团队见上表。"]
    boxes = anchors(path)
    filled = {(c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row if c.value is not None}
    for r1, c1, r2, c2 in boxes:
        assert not {(r, c) for r, c in filled if r1 <= r <= r2 and c1 <= c <= c2}


def test_english_team_sheet(tmp_path: Path) -> None:
    """English labels on the sheet and in the charts."""
    month = dataclasses.replace(
        sample_month_with_teams(),
        teams=(
            TeamResult(
                "A team", 1, 1, 1, 0, 0, 90.0, 100.0, 1, 1, "A", (("avg_response", "平均响应时长", 15.0),)
            ),
        ),
    )
    path = write(tmp_path, month, lang="en")
    ws = openpyxl.load_workbook(path)["Teams"]
    assert ws["L1"].value == "avg_response avg points"
    assert ws["A4"].value == "Score distribution"
    assert [ws.cell(r, 1).value for r in (6, 11)] == ["below 60%", "Missing data"]
    titles = [
        "".join(t.itertext()) for t in (c.find(".//c:title", NS) for c in charts(path)) if t is not None
    ]
    assert titles == ["Score distribution", "Average points per KPI, by team"]


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
    team = dataclasses.replace(
        sample_teams()[1],
        group="一组",
        kpi_averages=(("attitude", "工作态度", 15.0), ("attitude", "服务态度", 20.0)),
    )
    return dataclasses.replace(sample_month(), agents=(probation, regular), teams=(team,))


@pytest.mark.parametrize(
    "lang,sheet,expected",
    [
        ("zh", "团队", ["工作态度平均得分", "服务态度平均得分"]),
        ("en", "Teams", ["Attitude (Regular) avg points", "Attitude (Probation) avg points"]),
    ],
)
def test_kpis_sharing_a_name_get_distinct_headers(
    tmp_path: Path, lang: str, sheet: str, expected: list[str]
) -> None:
    """Two KPI columns never share a header: a name two KPIs share gets its table's name."""
    ws = openpyxl.load_workbook(write(tmp_path, _two_attitudes(), lang))[sheet]
    header = [c.value for c in ws[1]]
    assert header[-2:] == expected
    assert [ws.cell(2, c).value for c in (len(header) - 1, len(header))] == [15, 20]
    # The KPI × team table below names the rows the same way.
    names = [c.value for c in ws["A"]]
    assert all(
        name in names for name in [e.removesuffix("平均得分").removesuffix(" avg points") for e in expected]
    )
