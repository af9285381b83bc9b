"""Per-agent, team and shop PDFs from one layout pass: pages, outlines, text, sizes, and
page numbers that count within each file."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from csreport.outputs.pdf.merge import NUMBER_FONT
from csreport.outputs.pdf.scorecards import ReportPaths, render_reports
from csreport.problems import CsreportError
from csreport.results import MonthResult
from csreport.scoring.teams import assess_teams
from tests.factories import HOSTILE_NAMES, agent, sample_month, sample_rules
from tests.weasy_logs import both_pdf_paths, weasyprint_warnings, written_on  # noqa: F401

pytestmark = pytest.mark.usefixtures("pdf_path")  # every test on both PDF paths


@pytest.fixture(autouse=True)
def no_weasyprint_warnings() -> Iterator[None]:
    """Fail any test during which WeasyPrint logs a warning (in this process)."""
    with weasyprint_warnings() as records:
        yield
    assert [r.getMessage() for r in records] == []


def two_team_month() -> MonthResult:
    """Sample agents plus a second team, assessed by the scoring (二组 ranked first)."""
    month = sample_month()
    extra = tuple(agent(f"20{i:02d}", f"二组成员{i}", group="二组") for i in range(3))
    agents = month.agents[:3] + extra
    return dataclasses.replace(month, agents=agents, teams=assess_teams(agents, sample_rules()))


def text_of(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or one page) with whitespace removed."""
    pages = PdfReader(path).pages
    chosen = pages if page is None else [pages[page]]
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in chosen))


def outline_titles(items: list) -> list:
    """pypdf's nested outline as nested lists of titles."""
    return [outline_titles(i) if isinstance(i, list) else i.title for i in items]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, pdf_path: str) -> tuple[ReportPaths, MonthResult]:
    """The two-team month rendered in this process, once per PDF path."""
    month = two_team_month()
    paths = render_reports(month, tmp_path_factory.mktemp(f"reports-{pdf_path}"), workers=1)
    assert {written_on(p) for p in paths.scorecards} == {pdf_path}
    return paths, month


def page_numbers(path: Path) -> list[str]:
    """The page number each page's text ends with ("3 / 7" as "3/7")."""
    found = [re.search(r"(\d+) / (\d+)\s*$", page.extract_text()) for page in PdfReader(path).pages]
    return [f"{m.group(1)}/{m.group(2)}" if m else "" for m in found]


def test_per_agent_pdfs_hold_only_their_agent(reports: tuple[ReportPaths, MonthResult]) -> None:
    paths, month = reports
    names = [a.name for a in month.agents]
    for path, one in zip(paths.scorecards, month.agents, strict=True):
        reader = PdfReader(path)
        assert len(reader.pages) == 1
        text = text_of(path)
        assert one.name in text and "总分" in text and page_numbers(path) == ["1/1"]
        assert [n for n in names if n != one.name and n in text] == []
        assert outline_titles(reader.outline) == [f"{one.agent_id} {one.name}"]


def test_team_pdfs_have_a_page_and_bookmark_per_agent(
    reports: tuple[ReportPaths, MonthResult],
) -> None:
    paths, month = reports
    assert [p.name for p in paths.teams.values()] == ["团队_二组.pdf", "团队_一组.pdf"]
    for group, path in paths.teams.items():
        members = [a for a in month.agents if a.group == group]
        reader = PdfReader(path)
        assert len(reader.pages) == 1 + len(members)  # the team's summary page, then the cards
        assert text_of(path, 0).startswith("测试旗舰店团队绩效考核汇总考核月份2026-10组别" + group)
        assert page_numbers(path) == ["1/4", "2/4", "3/4", "4/4"]
        assert outline_titles(reader.outline) == ["团队汇总", *[f"{a.agent_id} {a.name}" for a in members]]
        assert reader.get_destination_page_number(reader.outline[0]) == 0
        for number, member in enumerate(members, 1):
            assert member.name in text_of(path, number)
            destination = reader.get_destination_page_number(reader.outline[number])
            assert destination == number


def test_shop_pdf_has_cover_teams_and_agents(reports: tuple[ReportPaths, MonthResult]) -> None:
    paths, month = reports
    assert paths.shop is not None and paths.shop.name == "全店_2026-10.pdf"
    reader = PdfReader(paths.shop)
    assert len(reader.pages) == 1 + 2 + len(month.agents)  # the cover, each team's summary and cards
    cover = text_of(paths.shop, 0)
    # 二组: three passes at 90 of 100 (90.0%); 一组: a pass at 90 and a veto at 55 (72.5%), one
    # 缺数据; the shop: 4 of the 5 with a total pass, (3 × 90 + 90 + 55) / 5 = 83.0%. The grades
    # are the scoring's (month.teams; the sample rules: A from 90, C from 60).
    for expected in (
        "全店绩效考核汇总",
        "客服人数6合格4不予上岗1缺数据1合格率80.0%合格4/已评定5缺数据1，不计入平均得分率83.0%5人有总分",
        "二组3300100.0%（3/3）90.0%1/2A一组311150.0%（1/2）72.5%2/2C全店641180.0%（4/5）83.0%——",
        "组别：一组1002李四不予上岗平均响应时长超过100秒1003王五缺数据工作态度（没有抽查记录）",
    ):
        assert expected in cover
    assert page_numbers(paths.shop) == [f"{n}/9" for n in range(1, 10)]
    assert outline_titles(reader.outline) == [
        "全店汇总",
        "二组",
        ["团队汇总", *[f"20{i:02d} 二组成员{i}" for i in range(3)]],
        "一组",
        ["团队汇总", "1001 张三", "1002 李四", "1003 王五"],
    ]
    assert reader.get_destination_page_number(reader.outline[1]) == 1
    assert reader.get_destination_page_number(reader.outline[3]) == 5
    assert "组别二组" in text_of(paths.shop, 1) and "组别一组" in text_of(paths.shop, 5)


def test_card_sizes_stay_small(reports: tuple[ReportPaths, MonthResult]) -> None:
    paths, _ = reports
    assert statistics.median(p.stat().st_size for p in paths.scorecards) < 150 * 1024


def test_each_card_embeds_only_its_own_glyphs(reports: tuple[ReportPaths, MonthResult]) -> None:
    paths, _ = reports
    for path in paths.scorecards[:2]:
        page = PdfReader(path).pages[0]
        shown = set(page.extract_text())
        fonts = page["/Resources"]["/Font"]
        # The page number's font is the standard Helvetica: named, not embedded.
        number = fonts[f"/{NUMBER_FONT}"].get_object()
        assert number["/BaseFont"] == "/Helvetica" and "/FontDescriptor" not in number
        mapped: set[str] = set()
        for key in [k for k in fonts if k != f"/{NUMBER_FONT}"]:
            cmap = fonts[key].get_object()["/ToUnicode"].get_data().decode("latin-1")
            for hex_text in re.findall(r"<[0-9a-f]{4}> <([0-9a-f]+)>", cmap):
                mapped.add(bytes.fromhex(hex_text).decode("utf-16-be"))
        # U+FFFF is WeasyPrint's stand-in for glyphs without a character.
        assert mapped and mapped <= shown | {" ", "\uffff"}, sorted(mapped - shown)


def test_hostile_strings_print_as_text_in_team_and_shop_pdfs(tmp_path: Path) -> None:
    month = sample_month()
    paths = render_reports(month, tmp_path, workers=1)
    hostile_team = next(p for g, p in paths.teams.items() if g == HOSTILE_NAMES[3])
    assert hostile_team.parent == tmp_path and hostile_team.name.startswith("团队_")
    assert paths.shop is not None
    for path in (hostile_team, paths.shop):
        text = text_of(path)
        for hostile in HOSTILE_NAMES:
            assert re.sub(r"\s+", "", hostile) in text, (path.name, hostile)
        for page in PdfReader(path).pages:
            xobjects = page["/Resources"].get("/XObject") or {}
            assert all(xobjects[n].get_object().get("/Subtype") != "/Image" for n in xobjects)
    titles = outline_titles(PdfReader(paths.shop).outline)
    assert HOSTILE_NAMES[3] in titles and ["团队汇总", f"1004 {HOSTILE_NAMES[0]}"] in titles


def test_workers_split_a_big_team_and_join_it(tmp_path: Path, pdf_path: str) -> None:
    month = sample_month()
    agents = tuple(
        dataclasses.replace(month.agents[i % 3], agent_id=f"30{i:02d}", name=f"大组{i}", group="大组")
        for i in range(20)
    )
    month = dataclasses.replace(month, agents=agents)
    done: list[int] = []
    meanwhile: list[list[int]] = []
    paths = render_reports(
        month, tmp_path, workers=2, progress=done.append, meanwhile=lambda: meanwhile.append(list(done))
    )
    assert meanwhile == [[]]  # ran once, before any result was taken in
    assert sum(done) == 20 and len(done) > 1  # more than one chunk
    [team_pdf] = paths.teams.values()
    reader = PdfReader(team_pdf)
    assert len(reader.pages) == 21
    assert page_numbers(team_pdf) == [f"{n}/21" for n in range(1, 22)]
    assert outline_titles(reader.outline) == ["团队汇总", *[f"30{i:02d} 大组{i}" for i in range(20)]]
    assert [reader.get_destination_page_number(item) for item in reader.outline] == list(range(21))
    assert [p.name.split("_")[0] for p in paths.scorecards] == [a.agent_id for a in agents]
    assert {written_on(p) for p in paths.scorecards} == {pdf_path}  # in the workers too
    assert paths.shop is not None
    assert outline_titles(PdfReader(paths.shop).outline)[1:] == [
        "大组",
        ["团队汇总", *[f"30{i:02d} 大组{i}" for i in range(20)]],
    ]
    assert page_numbers(paths.shop) == [f"{n}/22" for n in range(1, 23)]


def test_team_pdfs_are_written_while_the_workers_render(tmp_path: Path) -> None:
    month = sample_month()
    agents = tuple(
        dataclasses.replace(month.agents[i % 3], agent_id=f"40{i:02d}", name=f"成员{i}", group=f"组{i % 3}")
        for i in range(24)
    )
    month = dataclasses.replace(month, agents=agents)
    seen: list[list[str]] = []
    paths = render_reports(
        month,
        tmp_path,
        workers=2,
        progress=lambda _: seen.append(
            sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("团队"))
        ),
    )
    assert len(seen) > 3 and len(paths.teams) == 3
    # by the last chunk's progress call every team PDF is on disk: none waits for the end
    assert seen[-1] == sorted(p.name for p in paths.teams.values())
    assert seen[0] != seen[-1]


def test_failure_meanwhile_stops_the_workers(tmp_path: Path) -> None:
    month = sample_month()
    month = dataclasses.replace(month, agents=month.agents * 4)

    def fail() -> None:
        raise CsreportError("output.not_writable", path="x.xlsx", reason="locked")

    with pytest.raises(CsreportError) as caught:
        render_reports(month, tmp_path, workers=2, meanwhile=fail)
    assert caught.value.code == "output.not_writable"
    assert multiprocessing.active_children() == []


def test_cards_alone_write_no_team_or_shop_pdf(tmp_path: Path) -> None:
    paths = render_reports(sample_month(), tmp_path, teams=False, shop=False)
    assert paths.teams == {} and paths.shop is None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths.scorecards)


def test_team_and_shop_names_never_overwrite_a_card(tmp_path: Path) -> None:
    month = sample_month()
    clash = dataclasses.replace(month.agents[0], agent_id="团队", name="一组")
    paths = render_reports(dataclasses.replace(month, agents=(clash, *month.agents[1:])), tmp_path, workers=1)
    assert paths.scorecards[0].name == "团队_一组.pdf"
    assert paths.teams["一组"].name == "团队_一组_2.pdf"
    assert len({*paths.scorecards, *paths.teams.values(), paths.shop}) == 4 + 2 + 1


def test_english_team_and_shop_names(tmp_path: Path) -> None:
    month = dataclasses.replace(sample_month(), agents=sample_month().agents[:1])
    paths = render_reports(month, tmp_path, lang="en", workers=1)
    assert [p.name for p in paths.teams.values()] == ["Team_一组.pdf"]
    assert paths.shop is not None and paths.shop.name == "Shop_2026-10.pdf"
    assert "ShopPerformanceSummary" in text_of(paths.shop, 0)


def _die(*_args: object) -> None:
    """Stands in for a chunk's work in a worker that the system kills mid-run."""
    os._exit(1)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the stand-in reaches the workers only when they are forked",
)
def test_a_worker_that_dies_is_reported_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from csreport.outputs.pdf import pool as pdf_pool

    monkeypatch.setattr(pdf_pool, "run_chunk", _die)  # forked workers inherit it
    month = sample_month()
    month = dataclasses.replace(month, agents=month.agents * 4)
    with pytest.raises(CsreportError) as caught:
        render_reports(month, tmp_path, workers=2)
    assert caught.value.code == "pdf.worker_died"
    assert "--workers 1" in caught.value.message("zh")
