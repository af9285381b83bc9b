"""The browser ``CSREPORT_BROWSER`` names is a preference, not the only way: when it is missing,
is not a program or cannot print a test page, doctor says so (naming the variable, and what
to do about it) and a run, like doctor, prints with the next browser found; only without one
does ``auto`` write HTML scorecards and ``browser`` make no PDF.

The browser is the real one (Debian's chromium), the broken one a program that exits 1
without printing (as /bin/false does); "WeasyPrint cannot load" is simulated by making
``load_engine`` raise what it raises on a PC without GTK/Pango."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from csreport.api import RunOptions, run_month
from csreport.cli.console import run_lines
from csreport.cli.doctor import diagnose
from csreport.cli.main import main
from csreport.messages import Bilingual
from csreport.outputs.pdf.browser import Browser, choose_browser
from csreport.outputs.pdf.engines import render_month
from csreport.outputs.pdf.fonts import find_cjk_font
from csreport.outputs.pdf.templates import default_templates_dir
from csreport.problems import CsreportError
from csreport.reports import ExitCode, RunReport
from tests.factories import sample_month
from tests.pdf_engine_fixtures import (  # noqa: F401
    GTK_REASON,
    a_program_that_cannot_print,
    named_as_edge,
    no_other_browser,
    the_browser,
    weasyprint_cannot_load,
)

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="a POSIX shell script stands in for a browser"
)

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
FONT = find_cjk_font()
FIX_ZH = "请把环境变量 CSREPORT_BROWSER 改为浏览器程序的完整路径，或删除这个环境变量。"
FIX_EN = (
    "Set the environment variable CSREPORT_BROWSER to the full path of a browser's program, or remove the "
    "variable."
)


def run(out: Path, engine: str, lang: str = "zh") -> RunReport:
    return run_month(sorted(SAMPLES.glob("*.xlsx")), RunOptions(out, pdf_engine=engine, lang=lang, workers=1))


def test_a_named_browser_that_cannot_print_is_passed_over(false: Path, browser: Browser) -> None:
    chosen = choose_browser()
    assert (chosen.browser, chosen.named) == (browser, false)
    assert chosen.passed_over is not None
    assert chosen.passed_over.zh == (
        f"环境变量 CSREPORT_BROWSER 指向的浏览器 false（{false}）无法打印：浏览器没有生成 PDF（退出码 1）"
    )
    said = chosen.said()
    assert said is not None
    assert said.en == (
        f"The browser false ({false}) named by the environment variable CSREPORT_BROWSER cannot print: the "
        f"browser made no PDF (exit code 1); Chromium ({browser.path}) prints instead. {FIX_EN}"
    )
    # Not checked (a quick look only): the named program is taken as it is.
    assert choose_browser(check=False) == type(chosen)(Browser("false", false), false)


def test_a_named_path_that_is_not_a_program_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Browser
) -> None:
    gone = tmp_path / "Edge" / "msedge.exe"
    monkeypatch.setenv("CSREPORT_BROWSER", f'"{gone}"')  # (pasted with its quotes, as Windows copies it)
    chosen = choose_browser()
    assert chosen.browser == browser and chosen.passed_over is not None
    assert chosen.passed_over.zh == f"环境变量 CSREPORT_BROWSER 指向的 {gone} 不存在"
    monkeypatch.setenv("CSREPORT_BROWSER", str(tmp_path))
    assert choose_browser().passed_over == (
        f"环境变量 CSREPORT_BROWSER 指向的 {tmp_path} 不是可运行的程序",
        f"The environment variable CSREPORT_BROWSER names {tmp_path}, which is not a program",
    )
    text = tmp_path / "chrome"
    text.write_text("not a program", encoding="utf-8")
    text.chmod(0o644)
    monkeypatch.setenv("CSREPORT_BROWSER", str(text))
    assert choose_browser().passed_over == (
        f"环境变量 CSREPORT_BROWSER 指向的 {text} 不是可运行的程序",
        f"The environment variable CSREPORT_BROWSER names {text}, which is not a program",
    )


def test_a_named_browser_that_prints_is_the_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Browser
) -> None:
    edge = named_as_edge(browser, tmp_path, monkeypatch)
    chosen = choose_browser()
    assert (chosen.browser, chosen.passed_over, chosen.said()) == (
        Browser("Microsoft Edge", edge),
        None,
        None,
    )


def test_doctor_falls_back_from_a_named_browser_that_cannot_print(
    no_weasyprint: None, false: Path, browser: Browser
) -> None:
    """The tester's case: it said "no way to make PDFs … restart the computer" while Chromium works."""
    found = diagnose("zh")
    assert found.marked() == [
        f"✓ Python {platform.python_version()}",
        f"✓ PDF：WeasyPrint 无法加载（缺少 GTK/Pango），将用 Chromium（{browser.path}）打印",
        f"! 环境变量 CSREPORT_BROWSER 指向的浏览器 false（{false}）无法打印：浏览器没有生成 PDF（退出码 1）；"
        f"已改用 Chromium（{browser.path}）打印。{FIX_ZH}",
        f"! WeasyPrint 无法加载（缺少 GTK/Pango 库：{GTK_REASON}）。要用 WeasyPrint：安装 Pango，例如在 "
        "Debian 或 Ubuntu 上运行 sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0。"
        "不装也可以：Chromium 已能打印 PDF。",
        f"✓ 中文字体：{FONT}",
        f"✓ 成绩单模板：{default_templates_dir()}",
    ]
    assert found.exit_code == 0
    assert not any("重新启动" in line for _, line in found.lines)


def test_doctor_without_another_browser_says_what_to_do(
    no_weasyprint: None, false: Path, no_other: Path
) -> None:
    found = diagnose("en")
    assert found.marked()[1:3] == [
        "✗ No way to make PDFs: HTML scorecards will be written instead, to print from a browser",
        f"✗ The browser false ({false}) named by the environment variable CSREPORT_BROWSER cannot print: the "
        f"browser made no PDF (exit code 1). {FIX_EN}",
    ]
    assert found.marked()[4].startswith("✗ No Microsoft Edge, Google Chrome or Chromium browser was found.")
    assert found.exit_code == 1 and not any("Restart" in line for _, line in found.lines)


def test_a_run_prints_with_the_next_browser(
    tmp_path: Path, no_weasyprint: None, false: Path, browser: Browser
) -> None:
    report = run(tmp_path / "zh", "auto")
    assert (report.pdf_engine, report.pdf_browser, report.exit_code) == (
        "browser",
        str(browser.path),
        ExitCode.OK,
    )
    assert len(report.scorecards) == 14 and all(len(PdfReader(p).pages) == 1 for p in report.scorecards)
    lines = run_lines(report, "zh")
    assert lines[-2:] == [
        f"PDF 由浏览器 Chromium（{browser.path}）打印，未使用 WeasyPrint。",
        f"环境变量 CSREPORT_BROWSER 指向的浏览器 false（{false}）无法打印（运行 csreport doctor 查看原因）；"
        f"已改用 Chromium（{browser.path}）打印。{FIX_ZH}",
    ]
    assert run_lines(report, "en")[-1] == (
        f"The browser false ({false}) named by the environment variable CSREPORT_BROWSER cannot print (see "
        f"csreport doctor for why); Chromium ({browser.path}) prints instead. {FIX_EN}"
    )


def test_the_settings_asking_for_a_browser_run_with_the_next_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, false: Path, browser: Browser
) -> None:
    """``pdf_engine: browser`` in ./csreport.yaml and CSREPORT_BROWSER=/bin/false: the run
    failed and sent the user to doctor; now Chromium prints."""
    (tmp_path / "csreport.yaml").write_text("pdf_engine: browser\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["run", str(SAMPLES), "--out", str(tmp_path / "报表"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert (
        f"The PDFs were printed by the browser Chromium ({browser.path}), not by WeasyPrint." in result.stdout
    )
    assert (
        f"The browser false ({false}) named by the environment variable CSREPORT_BROWSER cannot print (see "
        f"csreport doctor for why); Chromium ({browser.path}) prints instead. {FIX_EN}"
    ) in result.stdout.splitlines()
    cards = sorted((tmp_path / "报表" / "2026-10" / "scorecards").glob("KF*.pdf"))
    assert len(cards) == 14


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_browser_asked_for_says_the_named_one_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_other: Path, lang: str
) -> None:
    gone = tmp_path / "msedge.exe"
    monkeypatch.setenv("CSREPORT_BROWSER", str(gone))
    reason = Bilingual(
        f"环境变量 CSREPORT_BROWSER 指向的 {gone} 不存在，也没有找到其他 Microsoft Edge、Google Chrome 或 "
        "Chromium 浏览器",
        f"The environment variable CSREPORT_BROWSER names {gone}, which does not exist, and no "
        "other Microsoft Edge, Google Chrome or Chromium browser was found",
    )
    with pytest.raises(CsreportError) as caught:
        render_month(sample_month(), tmp_path / "out", engine="browser", lang=lang)
    assert caught.value.params == {"reason": reason, "engine": "browser"}
    report = run(tmp_path / lang, "browser", lang)
    assert report.exit_code == ExitCode.NO_PDF and report.scorecards == []
    assert report.pdf_error == reason
    lines = run_lines(report, lang)
    assert [line for line in lines if "CSREPORT_BROWSER" in line] == [
        {
            "zh": f"未生成 PDF 成绩单：{reason.zh}。工作簿和 JSON 已写好。请安装 Microsoft Edge 或 Google "
            "Chrome，或把生成 PDF 的方式改为 auto（--pdf-engine auto，或 csreport.yaml 中的 pdf_engine: "
            "auto），或加 --no-pdf 只生成工作簿。",
            "en": f"PDF scorecards were not made: {reason.en}. The workbook and JSON are written. Install "
            "Microsoft Edge or Google Chrome, or make PDFs the auto way (--pdf-engine auto, or pdf_engine: "
            "auto in csreport.yaml), or add --no-pdf to make only the workbook.",
        }[lang]
    ]


def test_auto_without_another_browser_writes_html_and_says_why(
    tmp_path: Path, no_weasyprint: None, false: Path, no_other: Path
) -> None:
    report = run(tmp_path / "zh", "auto")
    assert report.pdf_engine == "html" and len(report.scorecards) == 14
    lines = run_lines(report, "zh")
    assert lines[-2] == (
        f"环境变量 CSREPORT_BROWSER 指向的浏览器 false（{false}）无法打印（运行 csreport doctor 查看原因），"
        f"也没有找到其他 Microsoft Edge、Google Chrome 或 Chromium 浏览器。{FIX_ZH}"
    )
    assert lines[-1].startswith("未生成 PDF：本机无法加载 WeasyPrint")
