"""``csreport doctor`` says which way the PDFs will be made and why, and how to get what is
missing, in plain words for the platform; its exit code is 0 whenever PDFs can be made one
way or another (a finding that only means slower, or made by the browser, does not fail it)
and 1 when something the user needs is missing.

"WeasyPrint cannot load" is simulated by making ``load_engine`` raise what it raises on a PC
without GTK/Pango; the browser is the real one (and a stand-in that cannot print); "no browser"
is a PATH without one."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest
import weasyprint
from click.testing import CliRunner

from csreport.cli.doctor import Diagnosis, diagnose, how_to_get_a_browser, how_to_get_pango
from csreport.cli.main import main
from csreport.outputs.pdf.fonts import find_cjk_font
from csreport.outputs.pdf.templates import default_templates_dir
from tests.pdf_engine_fixtures import (  # noqa: F401
    BROWSER,
    GTK_REASON,
    needs_a_browser,
    no_browser_anywhere,
    no_other_browser,
    weasyprint_cannot_load,
)

FONT = find_cjk_font()
LINUX_PANGO_ZH = (
    "要用 WeasyPrint：安装 Pango，例如在 Debian 或 Ubuntu 上运行 sudo apt install libpango-1.0-0 "
    "libpangoft2-1.0-0 libharfbuzz-subset0。"
)


def test_weasyprint_makes_the_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSREPORT_PDF_FAST", raising=False)
    found = diagnose("zh")
    version = weasyprint.__version__
    assert found.lines[:2] == [
        (True, f"Python {platform.python_version()}"),
        (True, f"PDF：使用 WeasyPrint {version}"),
    ]
    assert found.lines[2] == (True, f"PDF 加速：已启用（WeasyPrint {version}）")
    assert found.lines[-1] == (True, f"成绩单模板：{default_templates_dir()}")
    assert found.exit_code == 0 and all(ok for ok, _ in found.lines)
    assert diagnose("en").lines[1] == (True, f"PDFs: made with WeasyPrint {version}")


def test_a_browser_prints_them_where_weasyprint_cannot_load(no_weasyprint: None) -> None:
    needs_a_browser()
    assert BROWSER is not None
    found = diagnose("zh")
    assert found.marked() == [
        f"✓ Python {platform.python_version()}",
        f"✓ PDF：WeasyPrint 无法加载（缺少 GTK/Pango），将用 {BROWSER.name}（{BROWSER.path}）打印",
        f"! WeasyPrint 无法加载（缺少 GTK/Pango 库：{GTK_REASON}）。{LINUX_PANGO_ZH}"
        f"不装也可以：{BROWSER.name} 已能打印 PDF。",
        f"✓ 中文字体：{FONT}",
        f"✓ 成绩单模板：{default_templates_dir()}",
    ]
    assert found.exit_code == 0  # WeasyPrint missing only means the browser prints
    english = diagnose("en").lines
    assert english[1] == (
        True,
        f"PDFs: WeasyPrint cannot load (GTK/Pango missing), so {BROWSER.name} ({BROWSER.path}) "
        "will print them",
    )
    assert english[2][1].endswith(f"This is not needed: {BROWSER.name} prints the PDFs already.")


def test_without_any_way_to_make_pdfs_it_fails_and_says_how(no_weasyprint: None, no_browser: Path) -> None:
    found = diagnose("zh")
    assert found.marked()[1:4] == [
        "✗ 没有可用的 PDF 方式：将生成 HTML 成绩单，可在浏览器中打印",
        f"✗ WeasyPrint 无法加载（缺少 GTK/Pango 库：{GTK_REASON}）。{LINUX_PANGO_ZH}",
        "✗ 没有找到 Microsoft Edge、Google Chrome 或 Chromium 浏览器。可安装 Google Chrome"
        "（https://www.google.com/chrome/）或 Chromium。浏览器不在常见位置时，可把环境变量 CSREPORT_BROWSER "
        "设为它的程序路径。",
    ]
    assert found.exit_code == 1
    assert diagnose("en").lines[1] == (
        False,
        "No way to make PDFs: HTML scorecards will be written instead, to print from a browser",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for the browser")
def test_a_browser_that_cannot_print_is_no_way_either(
    no_weasyprint: None, no_browser: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = no_browser / "msedge"
    broken.write_text('#!/bin/sh\necho "Trace/breakpoint trap" >&2\nexit 5\n', encoding="utf-8")
    broken.chmod(0o755)
    found = diagnose("zh")
    assert found.lines[1] == (
        False,
        f"没有可用的 PDF 方式：WeasyPrint 无法加载，浏览器 Microsoft Edge（{broken}）也无法打印："
        "浏览器没有生成 PDF（退出码 5）：Trace/breakpoint trap。请重新启动电脑后再试，"
        "或按下面的方法安装 WeasyPrint 所需的库",
    )
    assert found.exit_code == 1
    # Not checked (a quick look only): the browser found is the one that will print.
    quick = diagnose("zh", check_browser=False)
    assert quick.lines[1] == (
        True,
        f"PDF：WeasyPrint 无法加载（缺少 GTK/Pango），将用 Microsoft Edge（{broken}）打印",
    )
    monkeypatch.setenv("CSREPORT_BROWSER", str(no_browser / "gone.exe"))
    named = diagnose("en", check_browser=False)
    gone = no_browser / "gone.exe"
    assert named.marked()[1:3] == [
        f"✓ PDFs: WeasyPrint cannot load (GTK/Pango missing), so Microsoft Edge ({broken}) will print them",
        f"! The environment variable CSREPORT_BROWSER names {gone}, which does not exist; Microsoft Edge "
        f"({broken}) prints instead. Set the environment variable CSREPORT_BROWSER to the full path of a "
        "browser's program, or remove the variable.",
    ]
    assert named.exit_code == 0


def test_how_to_get_what_is_missing_on_each_platform() -> None:
    assert how_to_get_pango("win32", "zh") == (
        "要用 WeasyPrint：安装 MSYS2（https://www.msys2.org/，装在默认位置 C:\\msys64），在开始菜单打开"
        "「MSYS2 UCRT64」窗口，运行 pacman -S mingw-w64-ucrt-x86_64-pango；MSYS2 装在别处时，把环境变量 "
        "WEASYPRINT_DLL_DIRECTORIES 设为它的 ucrt64\\bin 文件夹（例如 D:\\msys64\\ucrt64\\bin）。"
    )
    assert how_to_get_pango("win32", "en") == (
        "To use WeasyPrint: install MSYS2 (https://www.msys2.org/, in its default place C:\\msys64), open "
        "'MSYS2 UCRT64' from the Start menu and run pacman -S mingw-w64-ucrt-x86_64-pango; with MSYS2 "
        "somewhere else, set the environment variable WEASYPRINT_DLL_DIRECTORIES to its ucrt64\\bin folder "
        "(such as D:\\msys64\\ucrt64\\bin)."
    )
    assert (
        how_to_get_pango("darwin", "zh")
        == "要用 WeasyPrint：安装 Homebrew（https://brew.sh/）后运行 brew install pango。"
    )
    assert how_to_get_pango("linux", "zh") == LINUX_PANGO_ZH
    assert how_to_get_a_browser("win32", "zh") == (
        "Windows 10 和 11 自带 Microsoft Edge；被卸载时可从 https://www.microsoft.com/edge 重新安装。"
    )
    assert (
        how_to_get_a_browser("darwin", "en")
        == "Install Google Chrome (https://www.google.com/chrome/) or Chromium."
    )


def test_only_what_the_user_needs_fails_it() -> None:
    found = Diagnosis()
    found.add(True, "a")
    found.add(False, "slower", minor=True)
    assert (found.exit_code, found.marked()) == (0, ["✓ a", "! slower"])
    found.add(False, "no font")
    assert (found.exit_code, found.marked()[-1]) == (1, "✗ no font")


def test_the_command_prints_the_findings_and_exits_with_their_code(
    no_weasyprint: None, no_browser: Path
) -> None:
    result = CliRunner().invoke(main, ["doctor", "--lang", "en"])
    assert result.exit_code == 1
    assert (
        "No way to make PDFs: HTML scorecards will be written instead, to print from a browser"
        in result.output
    )
