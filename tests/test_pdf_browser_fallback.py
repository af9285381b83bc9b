"""Choosing how the PDFs are made (``--pdf-engine auto|weasyprint|browser``) and what a run says
about it: WeasyPrint when it loads, else a browser, else HTML scorecards that print from any
browser; an engine asked for and missing says why in one line; the console names the browser
that printed, the HTML scorecards and how to print them, and the cards re-used unchanged.

"WeasyPrint cannot load" is simulated by making ``load_engine`` raise what it raises on a PC
without GTK/Pango; "no browser" is a PATH without one (the real look-up finds nothing)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from csreport.api import RunOptions, run_month
from csreport.cli.console import reuse_line, run_lines
from csreport.messages import Bilingual
from csreport.outputs.pdf.browser import print_to_pdf
from csreport.outputs.pdf.engines import render_month
from csreport.outputs.pdf.html_cards import CSP, FIT_SCRIPT, HtmlPages, glosses_whole
from csreport.problems import CsreportError
from csreport.reports import ExitCode, RunReport
from tests.factories import HOSTILE_NAMES, sample_month
from tests.pdf_engine_fixtures import (  # noqa: F401
    GTK_REASON,
    needs_a_browser,
    no_browser_anywhere,
    no_other_browser,
    weasyprint_cannot_load,
)

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"


def run(out: Path, engine: str, lang: str = "zh") -> RunReport:
    return run_month(sorted(SAMPLES.glob("*.xlsx")), RunOptions(out, pdf_engine=engine, lang=lang, workers=1))


def test_auto_prints_with_the_browser_when_weasyprint_cannot_load(
    tmp_path: Path, no_weasyprint: None
) -> None:
    browser = needs_a_browser()
    report = run(tmp_path / "zh", "auto")
    assert (report.pdf_engine, report.pdf_browser, report.pdf_error) == ("browser", str(browser.path), None)
    assert report.exit_code == ExitCode.OK
    assert len(report.scorecards) == 14 and all(len(PdfReader(p).pages) == 1 for p in report.scorecards)
    assert [p.name for p in report.bundles] == ["团队_二组.pdf", "团队_一组.pdf", "全店_2026-10.pdf"]
    lines = run_lines(report, "zh")
    said = f"PDF 由浏览器 {browser.name}（{browser.path}）打印，未使用 WeasyPrint。"
    assert lines[lines.index(f"成绩单 PDF：{report.scorecards[0].parent}（14 份）") + 2] == said
    assert lines[-1] == said
    english = run_lines(report, "en")
    assert (
        english[-1]
        == f"The PDFs were printed by the browser {browser.name} ({browser.path}), not by WeasyPrint."
    )


def test_auto_writes_html_scorecards_without_any_pdf_engine(
    tmp_path: Path, no_weasyprint: None, no_browser: Path
) -> None:
    report = run(tmp_path / "zh", "auto")
    folder = tmp_path / "zh" / "2026-10" / "scorecards"
    assert (report.pdf_engine, report.pdf_browser, report.pdf_error) == ("html", "", None)
    assert report.exit_code == ExitCode.NO_PDF  # the workbook is there, the PDFs are not
    assert [p.name for p in report.scorecards][:2] == ["KF001_徐思远.html", "KF002_罗梓萱.html"]
    assert len(report.scorecards) == 14 and all(p.parent == folder for p in report.scorecards)
    assert [p.name for p in report.bundles] == ["团队_二组.html", "团队_一组.html", "全店_2026-10.html"]
    assert sorted(p.suffix for p in folder.iterdir()) == [".html"] * 17
    lines = run_lines(report, "zh")
    assert f"HTML 成绩单：{folder}（14 份）" in lines
    assert "团队与全店 HTML：团队_二组.html、团队_一组.html、全店_2026-10.html" in lines
    assert not any(line.startswith(("成绩单 PDF", "团队与全店 PDF")) for line in lines)
    assert lines[-1] == (
        "未生成 PDF：本机无法加载 WeasyPrint，也没有找到 Edge、Chrome 或 Chromium 浏览器，已改为生成 HTML "
        "成绩单。用浏览器打开 HTML 文件，按 Ctrl+P 打印（纸张选 A4），或在打印对话框中选「另存为 PDF」。"
        "运行 csreport doctor 查看怎样才能直接生成 PDF。"
    )
    assert run_lines(report, "en")[-1] == (
        "No PDF was made: WeasyPrint cannot load on this computer and no Edge, Chrome or Chromium browser "
        "was found, so HTML scorecards were written instead. Open an HTML file in a browser and press "
        "Ctrl+P to print it (A4 paper), or choose 'Save as PDF' in the print dialog. See csreport doctor "
        "for how to make PDFs directly."
    )


def test_an_html_scorecard_stands_alone_and_prints_a4(
    tmp_path: Path, no_weasyprint: None, no_browser: Path
) -> None:
    month = sample_month()
    made = render_month(month, tmp_path, engine="auto")
    assert made.engine == "html" and len(made.scorecards) == 4
    card = made.scorecards[3].read_text(encoding="utf-8")
    # Everything inside: styles inline, no file or web address to load, a policy allowing nothing
    # else but the one script that fits a long card to its page (by its hash).
    digest = base64.b64encode(hashlib.sha256(FIT_SCRIPT.encode()).digest()).decode()
    policy = f"{CSP}; script-src 'sha256-{digest}'"
    assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in card
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
    assert "<link" not in card and re.findall(r"<script>(.*?)</script>", card) == [FIT_SCRIPT]
    assert re.findall(r'(?:src|href)="(?!#|data:)[^"]*"', card) == []
    assert re.findall(r"url\((?![\"']?data:)", card) == []
    assert "size: A4 portrait" in card and "counter(page)" in card
    # Data is text: the hostile name and notes are escaped, never markup.
    assert HOSTILE_NAMES[3] == '<img src="file:///etc/passwd">'
    assert HOSTILE_NAMES[3] not in card and "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in card
    # The footer's texts are the page's own (browsers have no string-set), the print hint on screen only.
    assert (
        '@page csreport-p0 { @bottom-left { content: "考核规则：标准考核 (1a2b3c4d) · '
        '生成时间：2026-11-01"; } @top-right { content: "内部资料 注意保密"; } }'
    ) in card
    assert "这是 HTML 成绩单（本机无法直接生成 PDF）。按 Ctrl+P（Mac 上按 ⌘+P）打印" in card


def test_a_card_printed_by_hand_fits_its_page(
    tmp_path: Path, no_weasyprint: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Printed from a browser, a card longer than a page gets the compact style (as the browser
    engine's second pass gives it), so it prints on one page: here the vetoed KF009 in English."""
    found = needs_a_browser()
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no browser for the run: HTML scorecards
    report = run(tmp_path / "en", "auto", lang="en")
    card = next(p for p in report.scorecards if p.name.startswith("KF009"))
    assert report.pdf_engine == "html"
    print_to_pdf(found, card, tmp_path / "KF009.pdf", timeout=60)
    assert len(PdfReader(tmp_path / "KF009.pdf").pages) == 1
    without = tmp_path / "without.html"
    without.write_text(card.read_text(encoding="utf-8").replace(FIT_SCRIPT, ""), encoding="utf-8")
    print_to_pdf(found, without, tmp_path / "without.pdf", timeout=60)
    assert len(PdfReader(tmp_path / "without.pdf").pages) == 2  # (what the script saves)


def test_a_gloss_stays_whole_without_word_joiners() -> None:
    marked = '<th title="Agent ID (工\u2060号)">Agent ID (工\u2060号)</th>'
    assert glosses_whole(marked) == (
        '<th title="Agent ID (工\u2060号)">Agent ID <span class="csreport-gloss">(工号)</span></th>'
    )
    english = HtmlPages(lang="en").card(sample_month().agents[0], sample_month().meta)
    assert "\u2060" not in english.markup and '<span class="csreport-gloss">(工号)</span>' in english.markup


def test_weasyprint_asked_for_and_missing_is_todays_no_pdf(tmp_path: Path, no_weasyprint: None) -> None:
    report = run(tmp_path / "zh", "weasyprint")
    assert (report.pdf_engine, report.pdf_error, report.exit_code) == ("", GTK_REASON, ExitCode.NO_PDF)
    assert report.scorecards == [] and report.workbook.is_file()
    assert run_lines(report, "zh")[-1] == (
        f"未生成 PDF 成绩单：本机缺少 PDF 引擎（GTK/Pango 库：{GTK_REASON}）。工作簿和 JSON 已写好。"
        "请安装 GTK 运行库（运行 csreport doctor 查看方法），或加 --no-pdf 只生成工作簿。"
    )


NO_BROWSER = Bilingual(
    "没有找到 Microsoft Edge、Google Chrome 或 Chromium 浏览器（浏览器不在常见位置时，可把环境变量 "
    "CSREPORT_BROWSER 设为它的程序路径）",
    "no Microsoft Edge, Google Chrome or Chromium browser was found (one that is somewhere else can be "
    "named by its program's path in the environment variable CSREPORT_BROWSER)",
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_browser_asked_for_and_missing_says_so(tmp_path: Path, no_browser: Path, lang: str) -> None:
    with pytest.raises(CsreportError) as caught:
        render_month(sample_month(), tmp_path, engine="browser", lang=lang)
    # Why, in both languages whatever the run's: each reader of it picks its own.
    assert caught.value.params == {"reason": NO_BROWSER, "engine": "browser"}
    report = run(tmp_path / lang, "browser", lang)
    assert report.exit_code == ExitCode.NO_PDF and report.workbook.is_file() and report.scorecards == []
    assert report.pdf_error == NO_BROWSER
    # What the console says once the run reports which engine was missing (``RunReport.pdf_engine``).
    said = run_lines(dataclasses.replace(report, pdf_engine="browser"), lang)[-1]
    assert said == SAID_NO_BROWSER[lang]


SAID_NO_BROWSER = {
    "zh": f"未生成 PDF 成绩单：{NO_BROWSER.zh}。工作簿和 JSON 已写好。请安装 Microsoft Edge 或 "
    "Google Chrome，或把生成 PDF 的方式改为 auto（--pdf-engine auto，或 csreport.yaml 中的 "
    "pdf_engine: auto），或加 --no-pdf 只生成工作簿。",
    "en": f"PDF scorecards were not made: {NO_BROWSER.en}. The workbook and JSON are written. "
    "Install Microsoft Edge or Google Chrome, or make PDFs the auto way (--pdf-engine auto, or "
    "pdf_engine: auto in csreport.yaml), or add --no-pdf to make only the workbook.",
}


def test_the_cards_rendered_and_reused_are_counted(tmp_path: Path) -> None:
    report = run_month(sorted(SAMPLES.glob("*.xlsx")), RunOptions(tmp_path, pdf=False))
    assert not any(line.startswith("成绩单：") for line in run_lines(report, "zh"))
    again = dataclasses.replace(report, cards_rendered=1, cards_reused=13)
    assert "成绩单：重新生成 1 份，其余 13 份与上次相同，直接沿用" in run_lines(again, "zh")
    assert "Scorecards: 1 rendered, 13 re-used unchanged from the last run" in run_lines(again, "en")
    unchanged = dataclasses.replace(report, cards_rendered=0, cards_reused=14)
    assert "成绩单：14 份都与上次相同，直接沿用" in run_lines(unchanged, "zh")
    assert "Scorecards: all 14 re-used unchanged from the last run" in run_lines(unchanged, "en")
    fresh = dataclasses.replace(report, cards_rendered=14, cards_reused=0)
    assert not any(line.startswith("Scorecards: ") for line in run_lines(fresh, "en"))


def test_the_reuse_line_reads_well_for_every_count() -> None:
    assert [reuse_line(r, n, "en") for r, n in ((3, 197), (0, 2), (0, 1))] == [
        "Scorecards: 3 rendered, 197 re-used unchanged from the last run",
        "Scorecards: all 2 re-used unchanged from the last run",
        "Scorecards: the one scorecard re-used unchanged from the last run",
    ]
    assert [reuse_line(r, n, "zh") for r, n in ((3, 197), (0, 2), (0, 1))] == [
        "成绩单：重新生成 3 份，其余 197 份与上次相同，直接沿用",
        "成绩单：2 份都与上次相同，直接沿用",
        "成绩单：这 1 份与上次相同，直接沿用",
    ]


def test_an_unknown_engine_is_a_bug_not_a_choice(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown PDF engine 'edge'"):
        render_month(sample_month(), tmp_path, engine="edge")
