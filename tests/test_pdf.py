"""Scorecard PDFs rendered with the real WeasyPrint: content, safety, fonts, errors."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from csreport.outputs.pdf import fonts
from csreport.outputs.pdf.context import scorecard_context
from csreport.outputs.pdf.scorecards import ScorecardRenderer, default_templates_dir, render_reports
from csreport.outputs.pdf.svg import kpi_mini_bar
from csreport.problems import CsreportError
from csreport.results import MonthResult
from tests.factories import HOSTILE_NAMES, kpi, sample_month
from tests.template_copies import copy_templates
from tests.weasy_logs import both_pdf_paths, renderer_path, weasyprint_warnings, written_on  # noqa: F401

pytestmark = pytest.mark.usefixtures("pdf_path")  # every test on both PDF paths

CJK_FONT_NAMES = ("WenQuanYi", "Noto", "SourceHan", "Source-Han", "YaHei", "PingFang", "Hiragino", "SimHei")


def render_scorecards(month: MonthResult, out_dir: Path, **options: Any) -> list[Path]:
    """The per-agent PDFs of ``month`` (no team or shop PDF), by the real entry point."""
    return render_reports(month, out_dir, teams=False, shop=False, **options).scorecards


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, pdf_path: str) -> Iterator[tuple[list[Path], list]]:
    """The sample month rendered once per PDF path (in-process), with WeasyPrint's warnings
    collected."""
    with weasyprint_warnings() as records:
        out = tmp_path_factory.mktemp(f"cards-{pdf_path}")
        paths = render_scorecards(sample_month(), out)
        assert {written_on(p) for p in paths} == {pdf_path}
        yield paths, records


def text_of(path: Path) -> str:
    """All text of a PDF with whitespace removed (table cells wrap long strings)."""
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", "", text)


def squash(value: str) -> str:
    """``value`` without whitespace, to compare with :func:`text_of`."""
    return re.sub(r"\s+", "", value)


def test_no_weasyprint_warnings(rendered: tuple[list[Path], list]) -> None:
    _, records = rendered
    assert [r.getMessage() for r in records] == []


def test_one_page_card_per_agent_with_content(rendered: tuple[list[Path], list]) -> None:
    paths, _ = rendered
    month = sample_month()
    assert [p.name for p in paths][:3] == ["1001_张三.pdf", "1002_李四.pdf", "1003_王五.pdf"]
    for path, agent in zip(paths, month.agents, strict=True):
        assert len(PdfReader(path).pages) == 1
        text = text_of(path)
        total = "—" if agent.total is None else f"{agent.total:g}"
        for expected in (
            agent.agent_id,
            agent.name,
            "总分",
            f"{total}/100",
            "测试旗舰店",
            "客服月度绩效考核成绩单",
            "2026-10",
            "内部资料注意保密",
            "1a2b3c4d",
            "员工签字",
            "主管签字",
        ):
            assert squash(expected) in text, (path.name, expected)


def test_veto_and_missing_are_shown(rendered: tuple[list[Path], list]) -> None:
    paths, _ = rendered
    vetoed, missing = text_of(paths[1]), text_of(paths[2])
    assert "不予上岗" in vetoed and "否决" in vetoed
    assert squash("平均响应时长超过 100 秒") in vetoed
    assert "缺数据" in missing and "没有抽查记录" in missing
    assert "合格" in text_of(paths[0])


def test_values_formatted_by_unit(rendered: tuple[list[Path], list]) -> None:
    text = text_of(rendered[0][0])
    for expected in ("40.5秒", "99.00%", "52.00%", "0次", "80.0分", "15/15", "20/25", "依据", "所在档位"):
        assert expected in text, expected
    # Bands and the reply rate's basis in words; interval notation stays in the workbook's
    # audit columns.
    for expected in (
        "≤45秒",
        "≥98%",
        "50%–55%（不含55%）",
        "70–85分（不含85分）",
        "990/1,000（回复人数/咨询人数）",
    ):
        assert expected in text, expected
    for engine in ("990/1000", "分子", "[98%,100%]", "[0,45]", "[", "]"):
        assert engine not in text, engine


def test_hostile_strings_are_text_and_nothing_is_fetched(
    rendered: tuple[list[Path], list],
) -> None:
    path = rendered[0][3]
    text = text_of(path)
    for hostile in HOSTILE_NAMES:
        assert squash(hostile) in text, hostile
    page = PdfReader(path).pages[0]
    xobjects = page["/Resources"].get("/XObject") or {}
    subtypes = [xobjects[name].get_object().get("/Subtype") for name in xobjects]
    assert "/Image" not in subtypes


def test_fetcher_never_asked_outside_templates(pdf_path: str) -> None:
    renderer = ScorecardRenderer()
    assert renderer_path(renderer) == pdf_path
    month = sample_month()
    data = renderer.pdf_bytes(month.agents[3], month.meta)
    assert data.startswith(b"%PDF")
    root = renderer.templates_dir.as_uri()
    assert all(url.startswith(root) for url in renderer.fetcher.requested), renderer.fetcher.requested


def test_cjk_font_embedded(rendered: tuple[list[Path], list]) -> None:
    page = PdfReader(rendered[0][0]).pages[0]
    fonts_used = page["/Resources"]["/Font"]
    names = [str(fonts_used[key].get_object()["/BaseFont"]) for key in fonts_used]
    assert any(cjk in name for name in names for cjk in CJK_FONT_NAMES), names


def test_english_labels(tmp_path: Path, pdf_path: str) -> None:
    month = sample_month()
    one = dataclasses.replace(month, agents=month.agents[1:2])
    [path] = render_scorecards(one, tmp_path, lang="en")
    assert written_on(path) == pdf_path
    text = text_of(path)
    for expected in (
        "CustomerServiceMonthlyPerformanceScorecard",
        "Totalscore",
        "Conclusion",
        "工号",
        "级别",
        "系数",
        "不予上岗",
        "Averageresponsetimeover100s",
    ):
        assert expected in text, expected
    assert "总分" not in text


def test_worker_processes_keep_order_and_report_progress(tmp_path: Path, pdf_path: str) -> None:
    month = sample_month()
    agents = tuple(dataclasses.replace(month.agents[i % 3], agent_id=f"20{i:02d}") for i in range(8))
    done: list[int] = []
    paths = render_scorecards(
        dataclasses.replace(month, agents=agents), tmp_path, workers=2, progress=done.append
    )
    assert [p.name.split("_")[0] for p in paths] == [a.agent_id for a in agents]
    assert sum(done) == 8 and all(p.stat().st_size > 1000 for p in paths)
    assert {written_on(p) for p in paths} == {pdf_path}  # the workers took the same path


def insert_line(template: Path, line_no: int, text: str) -> None:
    """Put ``text`` on line ``line_no`` (1-based) of ``template``."""
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(line_no - 1, text)
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_broken_template_reports_line(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    insert_line(tdir / "scorecard.html", 20, "{% if %}garbage{% endif %}")
    with pytest.raises(CsreportError) as info:
        render_scorecards(sample_month(), tmp_path / "out", templates_dir=tdir)
    assert info.value.code == "templates.broken"
    assert info.value.params["line"] == 20
    assert "20" in info.value.message("zh")


def test_undefined_variable_reports_line(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    insert_line(tdir / "scorecard.html", 25, "<p>{{ agent.nickname }}</p>")
    with pytest.raises(CsreportError) as info:
        render_scorecards(sample_month(), tmp_path / "out", templates_dir=tdir)
    assert info.value.code == "templates.broken"
    assert info.value.params["line"] == 25


def test_worker_errors_keep_their_details(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    insert_line(tdir / "scorecard.html", 25, "<p>{{ agent.nickname }}</p>")
    month = sample_month()
    agents = tuple(dataclasses.replace(month.agents[0], agent_id=str(i)) for i in range(8))
    with pytest.raises(CsreportError) as info:
        render_scorecards(
            dataclasses.replace(month, agents=agents), tmp_path / "out", templates_dir=tdir, workers=2
        )
    assert info.value.code == "templates.broken"
    assert info.value.params["line"] == 25


def test_shipped_templates_found() -> None:
    tdir = default_templates_dir()
    assert (tdir / "scorecard.html").is_file() and (tdir / "scorecard.css").is_file()


def test_missing_templates_dir(tmp_path: Path) -> None:
    with pytest.raises(CsreportError) as info:
        render_scorecards(sample_month(), tmp_path / "out", templates_dir=tmp_path / "nope")
    assert info.value.code == "templates.not_found"


@pytest.mark.parametrize("src", ["http://example.invalid/logo.png", "file:///etc/passwd"])
def test_user_template_cannot_fetch_outside(tmp_path: Path, src: str) -> None:
    tdir = copy_templates(tmp_path)
    insert_line(tdir / "scorecard.html", 25, f'<img src="{src}">')
    month = sample_month()
    with pytest.raises(CsreportError) as info:
        ScorecardRenderer(tdir).pdf_bytes(month.agents[0], month.meta)
    assert (info.value.code, info.value.params["url"]) == ("templates.refused_url", src)


def test_user_template_may_use_its_own_files(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    (tdir / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">'
        '<rect width="20" height="10" fill="#123"/></svg>',
        encoding="utf-8",
    )
    insert_line(tdir / "scorecard.html", 25, '<img src="logo.svg" alt="">')
    renderer = ScorecardRenderer(tdir)
    month = sample_month()
    assert renderer.pdf_bytes(month.agents[0], month.meta).startswith(b"%PDF")
    assert any(url.endswith("/logo.svg") for url in renderer.fetcher.requested)


def test_context_formats_and_chart_escapes() -> None:
    month = sample_month()
    ctx = scorecard_context(month.agents[1], month.meta, "zh")
    assert ctx["kpis"][0]["state"] == "veto" and ctx["kpis"][0]["value"] == "120.0 秒"
    assert ctx["agent"]["conclusion"] == "不予上岗" and ctx["agent"]["rank"] == "3 / 3"
    bar = kpi_mini_bar(kpi("x", '<script>&"', 10, 5, 5))
    assert "script" not in bar  # the bars carry no text at all
    ElementTree.fromstring(bar)


def test_font_diagnostics(monkeypatch: pytest.MonkeyPatch) -> None:
    found = fonts.find_cjk_font()
    assert found is None or "(" in found
    assert isinstance(fonts.harfbuzz_subset_available(), bool)
    monkeypatch.setenv("PATH", "")
    fonts.find_cjk_font()  # no fc-list: must not raise
