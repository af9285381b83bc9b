"""The team summary pages and the shop cover: figures with their base, like compared with like,
who is 不予上岗 or 缺数据 and why, agents not in the roster under 需核对, pages numbered per file.

The month (hand-built results, hand-computed figures):

- 一组, six members on the regular table (out of 100): 1001-1004 pass with 90, 80, 85, 75;
  1005 is vetoed (平均响应时长超过 100 秒) with 70; 1006 has no attitude samples (缺数据).
  Pass rate 4 / 5 = 80.0%; average share (0.9 + 0.8 + 0.85 + 0.75 + 0.7) / 5 = 80.0%.
- 二组, three members on two tables: 2001 passes with 90 of 100, 2002 with 15 of 20 (probation),
  2003 fails the total threshold with 50 of 100. Average share (0.9 + 0.75 + 0.5) / 3 = 71.7%
  (never the mixed "(90 + 15 + 50) / 3 = 51.7"); pass rate 2 / 3 = 66.7%.
- 9999, found in the data but not in the roster: no card, no team, not counted, 需核对.

The shop: 9 agents, 6 pass of 8 assessed (75.0%), average share (4.0 + 2.15) / 8 = 76.9%.
一组 ranks 1 / 2 with grade B (80 of 100), 二组 2 / 2 with C (71.7 of 100): the scoring's teams
(``month.teams``, ``assess_teams`` with the sample rules: A from 90, B from 80, C from 60),
which hold no team for the unknown 工号.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from csreport.messages import Note
from csreport.outputs.pdf.scorecards import ReportPaths, render_reports
from csreport.outputs.pdf.summaries import shop_context, team_context, teams_of
from csreport.outputs.xlsx.workbook import write_workbook
from csreport.problems import CsreportError
from csreport.results import Conclusion, MonthResult
from csreport.scoring.teams import assess_teams
from tests.factories import agent, kpi, regular_kpis, said, sample_month, sample_rules
from tests.template_copies import copy_templates
from tests.test_pdf_reports import outline_titles
from tests.test_scorecard_english import data_strings, foreign, pdf_texts
from tests.weasy_logs import both_pdf_paths, weasyprint_warnings, written_on  # noqa: F401


def checked_month() -> MonthResult:
    """The month of the module docstring."""
    base = sample_month()
    vetoed = list(regular_kpis(120.0, 0.99, 0.52, 80.0))
    vetoed[0] = kpi(
        "avg_response", "平均响应时长", 15, 120.0, 0, band="(100, ∞)", veto="平均响应时长超过 100 秒"
    )
    missing = list(regular_kpis(40.0, 0.99, 0.52, 0))
    missing[4] = kpi("attitude", "工作态度", 20, None, None, unit="score", missing="没有抽查记录")
    threshold = Note.of("veto.total_threshold", total="50", limit="60")
    agents = (
        agent("1001", "张三", total=90.0),
        agent("1002", "李四", total=80.0, grade="B"),
        agent("1003", "王五", total=85.0, grade="B"),
        agent("1004", "赵六", total=75.0, grade="C"),
        agent(
            "1005",
            "钱七",
            kpis=tuple(vetoed),
            total=70.0,
            conclusion=Conclusion.FAIL,
            veto_reasons=(said("平均响应时长超过 100 秒", "Average response time over 100 s"),),
            grade="D",
            coefficient=0.6,
        ),
        agent(
            "1006",
            "孙八",
            kpis=tuple(missing),
            total=None,
            conclusion=Conclusion.MISSING,
            grade=None,
            coefficient=None,
            rank=None,
        ),
        agent("2001", "周一", group="二组", total=90.0),
        agent(
            "2002",
            "吴二",
            group="二组",
            status="试用期",
            table_id="probation",
            table_name="试用期",
            table_name_en="Probation",
            total=15.0,
            max_total=20.0,
            grade="B",
            coefficient=1.1,
        ),
        agent(
            "2003",
            "郑三",
            group="二组",
            total=50.0,
            conclusion=Conclusion.FAIL,
            veto_reasons=(threshold,),
            grade="D",
            coefficient=0.5,
        ),
        agent(
            "9999",
            "",
            group="",
            status="",
            level="",
            in_roster=False,
            notes=(Note.of("agent.unknown_to_roster"),),
        ),
    )
    return dataclasses.replace(base, agents=agents, teams=assess_teams(agents, sample_rules()))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(path: Path) -> list[str]:
    """Each page's text, whitespace removed."""
    return [squash(p.extract_text()) for p in PdfReader(path).pages]


def page_numbers(path: Path) -> list[str]:
    """The number each page's text ends with ("3 / 7" as "3/7")."""
    found = [re.search(r"(\d+) / (\d+)\s*$", page.extract_text()) for page in PdfReader(path).pages]
    return [f"{m.group(1)}/{m.group(2)}" if m else "" for m in found]


@pytest.fixture(autouse=True)
def no_weasyprint_warnings() -> Iterator[None]:
    with weasyprint_warnings() as records:
        yield
    assert [r.getMessage() for r in records] == []


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, pdf_path: str) -> tuple[ReportPaths, Path, list[int]]:
    """The month rendered in Chinese in this process, once per PDF path, with its progress calls."""
    out = tmp_path_factory.mktemp(f"summaries-{pdf_path}")
    done: list[int] = []
    paths = render_reports(checked_month(), out, workers=1, progress=done.append)
    assert {written_on(p) for p in paths.scorecards} == {pdf_path}
    return paths, out, done


# --- what is written ---------------------------------------------------------------------------


def test_an_agent_not_in_the_roster_gets_no_card_and_no_team(
    rendered: tuple[ReportPaths, Path, list[int]],
) -> None:
    paths, out, done = rendered
    cards = ["1001_张三", "1002_李四", "1003_王五", "1004_赵六", "1005_钱七", "1006_孙八"]
    cards += ["2001_周一", "2002_吴二", "2003_郑三"]
    assert [p.name for p in paths.scorecards] == [f"{c}.pdf" for c in cards]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{c}.pdf" for c in cards] + ["团队_一组.pdf", "团队_二组.pdf", "全店_2026-10.pdf"]
    )
    assert list(paths.teams) == ["一组", "二组"]
    assert sum(done) == 10  # the agent without a card counts as done: the bar reaches every agent
    assert paths.shop is not None
    for path in paths.teams.values():
        assert not [t for t in page_texts(path) if "9999" in t or "未分组" in t]
    shop = page_texts(paths.shop)
    assert "9999" in shop[0]  # on the cover, under 需核对, and nowhere else
    assert [n for n, text in enumerate(shop) if "未分组" in text or (n and "9999" in text)] == []


def test_page_numbers_count_within_each_file(rendered: tuple[ReportPaths, Path, list[int]]) -> None:
    paths, _, _ = rendered
    assert page_numbers(paths.teams["一组"]) == ["1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7"]
    assert page_numbers(paths.teams["二组"]) == ["1/4", "2/4", "3/4", "4/4"]
    assert paths.shop is not None
    assert page_numbers(paths.shop) == [f"{n}/12" for n in range(1, 13)]
    assert all(page_numbers(card) == ["1/1"] for card in paths.scorecards)


# --- the shop cover ----------------------------------------------------------------------------


def test_the_shop_cover_counts_the_staff_and_names_who_failed_or_lacks_data(
    rendered: tuple[ReportPaths, Path, list[int]],
) -> None:
    paths, _, _ = rendered
    assert paths.shop is not None
    cover = page_texts(paths.shop)[0]
    for expected in (
        "客服人数9合格6不予上岗2缺数据1",
        "合格率75.0%合格6/已评定8缺数据1，不计入",
        "平均得分率76.9%8人有总分，各按所用考核表满分折算",
        "需核对1不在花名册中，未计入客服人数",
        # 组别 人数 合格 不予上岗 缺数据 合格率（合格 / 已评定） 平均得分率 排名 等级
        "一组641180.0%（4/5）80.0%1/2B",
        "二组321066.7%（2/3）71.7%2/2C",
        "全店962175.0%（6/8）76.9%——",
        "组别：一组1005钱七不予上岗平均响应时长超过100秒1006孙八缺数据工作态度（没有抽查记录）",
        "组别：二组2003郑三不予上岗总分50≤60，不予上岗，再次培训",
        "需核对（1个工号）以下工号出现在数据中，但不在花名册里",
        "9999—工号不在花名册中十月接待.xlsx",
    ):
        assert expected in cover, expected
    assert "51.7" not in cover  # points out of 100 and out of 20 are never averaged together


def test_the_shop_pdf_has_the_teams_summaries_and_cards_in_rank_order(
    rendered: tuple[ReportPaths, Path, list[int]],
) -> None:
    paths, _, _ = rendered
    assert paths.shop is not None
    reader = PdfReader(paths.shop)
    assert outline_titles(reader.outline) == [
        "全店汇总",
        "一组",
        ["团队汇总", "1001 张三", "1002 李四", "1003 王五", "1004 赵六", "1005 钱七", "1006 孙八"],
        "二组",
        ["团队汇总", "2001 周一", "2002 吴二", "2003 郑三"],
    ]
    texts = page_texts(paths.shop)
    assert texts[1].startswith("测试旗舰店团队绩效考核汇总考核月份2026-10组别一组")
    assert texts[8].startswith("测试旗舰店团队绩效考核汇总考核月份2026-10组别二组")


# --- a team's summary page ---------------------------------------------------------------------


def test_a_team_pdf_opens_with_its_summary(rendered: tuple[ReportPaths, Path, list[int]]) -> None:
    paths, _, _ = rendered
    first = page_texts(paths.teams["一组"])[0]
    for expected in (
        "组别一组人数6合格4不予上岗1缺数据1",
        "合格率80.0%合格4/已评定5缺数据1，不计入",
        "平均得分率80.0%5人有总分，各按所用考核表满分折算",
        "团队排名1/2共2个团队，按平均得分率团队等级B",
        "工号姓名考核表总分/满分结论等级级别系数",
        "1001张三正式90/100合格A老员工1.2",
        "1005钱七正式70/100不予上岗D老员工0.6原因平均响应时长超过100秒",
        "1006孙八正式—/100缺数据—老员工—缺少的数据工作态度（没有抽查记录）",
    ):
        assert expected in first, expected
    second = page_texts(paths.teams["二组"])[0]
    for expected in (
        "平均得分率71.7%3人有总分",
        "团队排名2/2",
        "2001周一正式90/100合格",
        "2002吴二试用期15/20合格B老员工1.1",
        "2003郑三正式50/100不予上岗D老员工0.5原因总分50≤60，不予上岗，再次培训",
    ):
        assert expected in second, expected


def test_totals_and_coefficients_of_a_page_share_their_decimals() -> None:
    month = checked_month()
    one_more = dataclasses.replace(month.agents[6], agent_id="2004", total=87.5, coefficient=1.25)
    month = dataclasses.replace(month, agents=(*month.agents, one_more))
    second = teams_of(month)[1]
    members = team_context(month, second)["members"]
    assert [m["total"] for m in members] == ["90.0 / 100", "15.0 / 20", "50.0 / 100", "87.5 / 100"]
    assert [m["coefficient"] for m in members] == ["1.20", "1.10", "0.50", "1.25"]
    first = teams_of(month)[0]
    assert [m["total"] for m in team_context(month, first)["members"]][:2] == ["90 / 100", "80 / 100"]


def test_teams_rank_by_share_ties_share_a_rank_and_no_total_no_rank() -> None:
    month = checked_month()
    agents = [
        agent("1", "甲", group="甲组", total=15.0, max_total=20.0),  # 75%
        agent("2", "乙", group="乙组", total=75.0),  # 75%: a tie
        agent("3", "丙", group="丙组", total=None, conclusion=Conclusion.MISSING, grade=None),
        agent("4", "丁", group="丁组", total=90.0),
    ]
    ranked = teams_of(dataclasses.replace(month, agents=tuple(agents), teams=()))
    assert [(t.group, t.rank, t.rank_of) for t in ranked] == [
        ("丁组", 1, 3),
        ("乙组", 2, 3),  # tied: by group name (乙 before 甲 in code-point order)
        ("甲组", 2, 3),
        ("丙组", None, 3),
    ]
    row = shop_context(dataclasses.replace(month, agents=tuple(agents), teams=()))["teams"][3]
    assert (row["name"], row["pass_rate_with_base"], row["average"], row["rank"]) == ("丙组", "—", "—", "—")


def test_an_agent_without_a_group_is_the_ungrouped_team() -> None:
    month = checked_month()
    lone = dataclasses.replace(month.agents[0], agent_id="3001", group="")
    month = dataclasses.replace(month, agents=(*month.agents, lone))
    assert [t.group for t in teams_of(month)] == ["", "一组", "二组"]  # 90% ranks first
    assert shop_context(month)["teams"][0]["name"] == "未分组"
    assert shop_context(month, "en")["teams"][0]["name"] == "Ungrouped"


def test_an_agent_whose_every_kpi_was_left_out_is_said_to_lack_those() -> None:
    """Every KPI excluded for missing data (nothing left to total): the cover names those KPIs
    and why, as the console does, never a bare dash."""
    month = checked_month()
    left_out = tuple(
        dataclasses.replace(kpi(kid, name, 20, None, None, missing="没有抽查记录"), excluded=True)
        for kid, name in (("errors", "质检"), ("attitude", "工作态度"))
    )
    lone = dataclasses.replace(month.agents[5], kpis=left_out)
    month = dataclasses.replace(month, agents=(*month.agents[:5], lone, *month.agents[6:]))
    [row] = [r for team in shop_context(month)["attention"] for r in team["rows"] if r["id"] == "1006"]
    assert row["why"] == "质检（没有抽查记录）；工作态度（没有抽查记录）"
    [row] = [r for team in shop_context(month, "en")["attention"] for r in team["rows"] if r["id"] == "1006"]
    assert row["why"] == "errors (missing: 没有抽查记录); attitude (missing: 没有抽查记录)"


# --- in English --------------------------------------------------------------------------------


def test_the_summaries_in_english(tmp_path: Path, pdf_path: str) -> None:
    month = checked_month()
    paths = render_reports(month, tmp_path, lang="en", workers=1)
    assert [p.name for p in paths.teams.values()] == ["Team_一组.pdf", "Team_二组.pdf"]
    assert paths.shop is not None and paths.shop.name == "Shop_2026-10.pdf"
    cover = re.sub(r"\s+", " ", PdfReader(paths.shop).pages[0].extract_text())
    for expected in (
        "Agents 9",
        "Not cleared (不予上岗) 2",
        "Missing data (缺数据) 1",
        "To check (需核对) 1",
        "Passed 6 / assessed 8",
        "一组 6 4 1 1 80.0% (4 / 5) 80.0% 1 / 2 B",
        "1005 钱七 Not cleared (不予上岗) Average response time over 100 s",
        "1006 孙八 Missing data (缺数据) attitude (missing: 没有抽查记录)",
        "2003 郑三 Not cleared (不予上岗) Total 50 ≤ 60: not cleared (不予上岗), retrain",
        "To check (需核对): 1",
        "9999 — Agent ID not in the roster",
    ):
        assert expected in cover, expected
    team = re.sub(r"\s+", " ", PdfReader(paths.teams["二组"]).pages[0].extract_text())
    assert "2002 吴二 Probation 15 / 20 Pass B" in team and "Team rank 2 / 2 Of 2 teams" in team
    assert page_numbers(paths.teams["一组"]) == [f"{n}/7" for n in range(1, 8)]
    data = list(data_strings(month))
    for path in (*paths.teams.values(), paths.shop):
        found = [f for text in pdf_texts(path.read_bytes()) for f in foreign(text, data)]
        assert found == [], path.name


# --- the templates ----------------------------------------------------------------------------


def test_a_templates_folder_from_before_the_summary_pages_gets_the_shipped_ones(
    tmp_path: Path, pdf_path: str
) -> None:
    tdir = copy_templates(tmp_path)
    (tdir / "team_summary.html").unlink()
    (tdir / "summary.css").unlink()
    paths = render_reports(checked_month(), tmp_path / "out", templates_dir=tdir, workers=1)
    assert page_numbers(paths.teams["一组"]) == [f"{n}/7" for n in range(1, 8)]
    assert (
        "1005钱七正式70/100不予上岗D老员工0.6原因平均响应时长超过100秒" in page_texts(paths.teams["一组"])[0]
    )


def test_a_broken_team_summary_template_is_named_with_its_line(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    page = tdir / "team_summary.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(11, "<p>{{ team.nickname }}</p>")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    month = checked_month()
    for workers in (1, 2):
        with pytest.raises(CsreportError) as info:
            render_reports(month, tmp_path / f"out{workers}", templates_dir=tdir, workers=workers)
        assert info.value.code == "templates.broken"
        assert (info.value.params["template"], info.value.params["line"]) == ("team_summary.html", 12)
    # Cards alone render no team page: the mistake in it does not stop them.
    assert render_reports(month, tmp_path / "cards", templates_dir=tdir, teams=False, shop=False).shop is None


# --- one ranking for the sheet and the PDFs ---------------------------------------------------


def two_tables_month(last_of_60: float) -> MonthResult:
    """一组 scores 25, 25, 26 of 30; 二组 50, 50 and ``last_of_60`` of 60, as assessed by the
    scoring (the sample rules grade by points, C from 60: both teams are D)."""
    agents = tuple(
        agent(f"1{i}", f"甲{i}", group="一组", total=total, max_total=30.0)
        for i, total in enumerate((25.0, 25.0, 26.0))
    ) + tuple(
        agent(f"2{i}", f"乙{i}", group="二组", total=total, max_total=60.0)
        for i, total in enumerate((50.0, 50.0, last_of_60))
    )
    month = dataclasses.replace(sample_month(), agents=agents)
    return dataclasses.replace(month, teams=assess_teams(agents, sample_rules()))


@pytest.mark.parametrize(
    ("last_of_60", "shares", "ranks"),
    [
        # 76 / 90 = 0.8444 and 152 / 180 = 0.8444: equal, so both rank 1 (the old sheet, from
        # the average rounded to 6 decimals, put 二组's 50.666667 / 60 above 一组's 25.333333 / 30).
        (52.0, (76 / 90, 152 / 180), (1, 1)),
        # 153 / 180 = 0.85 is above 0.8444: 二组 first.
        (53.0, (153 / 180, 76 / 90), (1, 2)),
    ],
)
def test_the_sheet_and_the_pdfs_rank_teams_the_same(
    tmp_path: Path, last_of_60: float, shares: tuple[float, float], ranks: tuple[int, int]
) -> None:
    month = two_tables_month(last_of_60)
    order = ["一组", "二组"] if ranks == (1, 1) else ["二组", "一组"]  # ties by group name
    assert [(t.group, t.rank, t.rank_of, t.grade) for t in month.teams] == [
        (order[0], ranks[0], 2, "D"),
        (order[1], ranks[1], 2, "D"),
    ]
    assert [t.average_share for t in month.teams] == [pytest.approx(s, abs=1e-12) for s in shares]
    book = openpyxl.load_workbook(write_workbook(month, [], sample_rules(), tmp_path / "month.xlsx"))
    ws = book["团队"]
    assert [[ws.cell(r, c).value for c in (1, 9, 10, 11)] for r in (2, 3)] == [
        [order[0], round(shares[0], 3), ranks[0], "D"],  # the sheet shows 84.4%, stores 0.844
        [order[1], round(shares[1], 3), ranks[1], "D"],
    ]
    rows = shop_context(month)["teams"]
    shown = [f"{s * 100:.1f}%" for s in shares]
    assert [(r["name"], r["average"], r["rank"], r["grade"]) for r in rows] == [
        (order[0], shown[0], f"{ranks[0]} / 2", "D"),
        (order[1], shown[1], f"{ranks[1]} / 2", "D"),
    ]
    pages = [team_context(month, team)["team"] for team in teams_of(month)]
    assert [(p["name"], p["average"], p["rank"]) for p in pages] == [
        (order[0], shown[0], f"{ranks[0]} / 2"),
        (order[1], shown[1], f"{ranks[1]} / 2"),
    ]
