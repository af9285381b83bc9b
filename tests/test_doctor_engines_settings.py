"""``csreport doctor`` reads the settings as ``run`` does (``--config FILE``, else ./csreport.yaml;
``--pdf-engine`` first) and reports the engine the run will use, with its check: a browser
asked for that cannot print fails it (exit 1), WeasyPrint asked for and missing fails it.

The browser is the real one (Debian's chromium), the broken one a program that exits 1
without printing (as /bin/false does); "WeasyPrint cannot load" is simulated by making
``load_engine`` raise what it raises on a PC without GTK/Pango."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest
import weasyprint
from click.testing import CliRunner

from csreport.cli.doctor import diagnose, engine_asked
from csreport.cli.main import main
from csreport.cli.settings import Config
from csreport.messages import both
from csreport.outputs.pdf.fonts import find_cjk_font
from csreport.outputs.pdf.templates import default_templates_dir
from tests.pdf_engine_fixtures import (  # noqa: F401
    BROWSER,
    GTK_REASON,
    a_program_that_cannot_print,
    needs_a_browser,
    no_other_browser,
    weasyprint_cannot_load,
)

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="a POSIX shell script stands in for a browser"
)

FONT = find_cjk_font()
VERSION = weasyprint.__version__
LINUX_PANGO_ZH = (
    "要用 WeasyPrint：安装 Pango，例如在 Debian 或 Ubuntu 上运行 sudo apt install libpango-1.0-0 "
    "libpangoft2-1.0-0 libharfbuzz-subset0。"
)
NO_BROWSER_ZH = (
    "✗ 没有找到 Microsoft Edge、Google Chrome 或 Chromium 浏览器。可安装 Google Chrome"
    "（https://www.google.com/chrome/）或 Chromium。浏览器不在常见位置时，可把环境变量 CSREPORT_BROWSER "
    "设为它的程序路径。"
)


def doctor(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["doctor", *args])
    return result.exit_code, result.stdout.splitlines()


def test_a_browser_set_in_csreport_yaml_that_cannot_print_fails_doctor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, false: Path, no_other: Path
) -> None:
    """The tester's case: ./csreport.yaml says ``pdf_engine: browser`` and the only browser is
    a broken one: a run makes no PDF, so doctor says so and fails (it said WeasyPrint, rc 0)."""
    (tmp_path / "csreport.yaml").write_text("pdf_engine: browser\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / "csreport.yaml"
    code, lines = doctor()
    assert code == 1
    assert lines == [
        f"✓ Python {platform.python_version()}",
        f"✗ PDF：{settings} 中设定了 pdf_engine: browser，但没有能打印的浏览器，不会生成 PDF 成绩单",
        f"✗ 环境变量 CSREPORT_BROWSER 指向的浏览器 false（{false}）无法打印：浏览器没有生成 PDF"
        "（退出码 1）。请把环境变量 CSREPORT_BROWSER 改为浏览器程序的完整路径，或删除这个环境变量。",
        NO_BROWSER_ZH,
        f"✓ 中文字体：{FONT}",
        f"✓ 成绩单模板：{default_templates_dir()}",
    ]
    code, english = doctor("--lang", "en")
    assert code == 1
    assert english[1:3] == [
        f"✗ PDFs: pdf_engine: browser is set in {settings}, but there is no browser to print them, so no "
        "PDF scorecards will be made",
        f"✗ The browser false ({false}) named by the environment variable CSREPORT_BROWSER cannot "
        "print: the browser made no PDF (exit code 1). Set the environment variable CSREPORT_BROWSER to the "
        "full path of a browser's program, or remove the variable.",
    ]
    # Without the settings file the run (and doctor) take auto: WeasyPrint, which loads here.
    settings.unlink()
    code, lines = doctor()
    assert (code, lines[1]) == (0, f"✓ PDF：使用 WeasyPrint {VERSION}")


def test_config_names_the_settings_file_and_the_option_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = needs_a_browser().path
    monkeypatch.delenv("CSREPORT_BROWSER", raising=False)
    monkeypatch.chdir(tmp_path)  # (no csreport.yaml here)
    settings = tmp_path / "设置" / "店铺.yaml"
    settings.parent.mkdir()
    settings.write_text("pdf_engine: weasyprint\n", encoding="utf-8")
    code, lines = doctor("--config", str(settings), "--lang", "en")
    assert code == 0
    assert lines[1] == f"✓ PDFs: made with WeasyPrint {VERSION} (pdf_engine: weasyprint is set in {settings})"
    code, lines = doctor("--config", str(settings), "--pdf-engine", "browser")
    # The browser prints: WeasyPrint, its accelerators and libharfbuzz-subset are not used.
    assert (code, lines) == (
        0,
        [
            f"✓ Python {platform.python_version()}",
            f"✓ PDF：命令行指定了 --pdf-engine browser，将用 Chromium（{path}）打印",
            f"✓ 中文字体：{FONT}",
            f"✓ 成绩单模板：{default_templates_dir()}",
        ],
    )
    code, lines = doctor("--config", str(settings), "--pdf-engine", "browser", "--lang", "en")
    assert lines[1] == f"✓ PDFs: --pdf-engine browser was given, so Chromium ({path}) will print them"


def test_weasyprint_asked_for_and_missing_fails_doctor(tmp_path: Path, no_weasyprint: None) -> None:
    needs_a_browser()
    assert BROWSER is not None and BROWSER.name == "Chromium"
    settings = tmp_path / "csreport.yaml"
    engine, why = engine_asked(None, Config(path=settings, pdf_engine="weasyprint"))
    found = diagnose("zh", engine=engine, why=why)
    assert found.marked()[1] == (
        f"✗ PDF：{settings} 中设定了 pdf_engine: weasyprint，但 WeasyPrint 无法加载（缺少 GTK/Pango 库："
        f"{GTK_REASON}），不会生成 PDF 成绩单。{LINUX_PANGO_ZH}也可以把生成 PDF 的方式改为 auto"
        "（--pdf-engine auto，或 csreport.yaml 中的 pdf_engine: auto），改用 Chromium 打印。"
    )
    assert found.exit_code == 1 and len(found.lines) == 4  # Python, PDF, font, templates
    assert diagnose("en", engine=engine, why=why).lines[1] == (
        False,
        f"PDFs: pdf_engine: weasyprint is set in {settings}, but WeasyPrint cannot load (the GTK/Pango "
        f"libraries are missing: {GTK_REASON}), so no PDF scorecards will be made. To use WeasyPrint: "
        "install Pango, such as with sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
        "on Debian or Ubuntu. Or make PDFs the auto way (--pdf-engine auto, or pdf_engine: auto in "
        "csreport.yaml), and Chromium will print them.",
    )


def test_weasyprint_asked_for_and_missing_without_a_browser(
    no_weasyprint: None, false: Path, no_other: Path
) -> None:
    """No "auto" advice: the only browser (the one CSREPORT_BROWSER names) cannot print."""
    found = diagnose("zh", engine="weasyprint")
    assert found.marked()[1] == (
        "✗ PDF：命令行指定了 --pdf-engine weasyprint，但 WeasyPrint 无法加载（缺少 GTK/Pango 库："
        f"{GTK_REASON}），不会生成 PDF 成绩单。{LINUX_PANGO_ZH}"
    )
    assert found.exit_code == 1


def test_settings_doctor_cannot_read_are_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "csreport.yaml").write_text("pdf_engine: edge\n", encoding="utf-8")
    code, lines = doctor()
    assert code == 1
    assert lines[1] == f"✓ PDF：使用 WeasyPrint {VERSION}"  # checked as a run without the file would go
    assert lines[-1] == (
        f"✗ 设置文件 {tmp_path / 'csreport.yaml'} 第 1 行：pdf_engine 只能是 auto | weasyprint | browser"
        "（现在是「edge」）"
    )


def test_the_engine_a_run_takes() -> None:
    settings = Path("/shop/csreport.yaml")
    assert engine_asked(None, Config()) == ("auto", None)
    assert engine_asked(None, Config(path=settings, pdf_engine="auto")) == (
        "auto",
        both("pdf_engine.by_config", engine="auto", file=str(settings)),
    )
    assert engine_asked("weasyprint", Config(path=settings, pdf_engine="browser")) == (
        "weasyprint",
        both("pdf_engine.by_option", engine="weasyprint"),
    )
    assert engine_asked(None, Config(path=settings, pdf_engine="browser"))[1] == (
        "/shop/csreport.yaml 中设定了 pdf_engine: browser",
        "pdf_engine: browser is set in /shop/csreport.yaml",
    )
