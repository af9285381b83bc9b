"""The PDFs printed by a browser (Chromium here; Edge or Chrome on an office PC) where WeasyPrint
cannot load: the same files as WeasyPrint's, one A4 page per agent with the same text, Chinese
glyphs embedded, team and shop PDFs with the same outline and page numbers; nothing fetched
from the network; a browser that hangs is ended, and none is left behind by a run however it
stops."""

from __future__ import annotations

import dataclasses
import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader

from csreport.api import RunOptions, run_month
from csreport.outputs.pdf import browser as browser_module
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.browser import (
    Browser,
    browser_name,
    find_browser,
    print_month,
    print_to_pdf,
)
from csreport.outputs.pdf.fonts import find_cjk_font
from csreport.outputs.pdf.html_cards import HtmlPages, Section
from csreport.outputs.pdf.scorecards import ReportPaths, render_reports
from csreport.problems import CsreportError
from csreport.results import MonthResult
from tests.factories import said, sample_month
from tests.pdf_engine_fixtures import BROWSER, named_as_edge, needs_a_browser, the_browser  # noqa: F401
from tests.template_copies import copy_templates

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
CSREPORT = Path(sys.executable).parent / "csreport"


def demo_month(out: Path, lang: str) -> MonthResult:
    """The bundled sample workbooks, scored without PDFs."""
    return run_month(sorted(SAMPLES.glob("*.xlsx")), RunOptions(out, pdf=False, lang=lang)).result


def page_chars(path: Path) -> list[Counter[str]]:
    """Each page's characters, whitespace aside, and the underscores of the signature lines
    aside (clipped at the cell's edge, their count depends on the engine's glyph widths)."""
    return [Counter(re.sub(r"[\s_]+", "", page.extract_text())) for page in PdfReader(path).pages]


def outline(items: list) -> list:
    """pypdf's nested outline as nested lists of titles."""
    return [outline(i) if isinstance(i, list) else i.title for i in items]


def files(paths: ReportPaths) -> list[Path]:
    return [*paths.scorecards, *paths.teams.values(), *([paths.shop] if paths.shop else [])]


@pytest.fixture(scope="module", params=["zh", "en"])
def both_engines(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ReportPaths, ReportPaths, str]:
    """The demo month's PDFs from the browser and from WeasyPrint, in each language."""
    browser = needs_a_browser()
    lang = request.param
    tmp = tmp_path_factory.mktemp(f"engines-{lang}")
    month = demo_month(tmp / "run", lang)
    printed = print_month(month, tmp / "browser", browser=browser, lang=lang)
    laid_out = render_reports(month, tmp / "weasyprint", lang=lang, workers=1)
    return printed, laid_out, lang


def test_the_same_files_pages_and_text_as_weasyprint(
    both_engines: tuple[ReportPaths, ReportPaths, str],
) -> None:
    printed, laid_out, lang = both_engines
    assert BROWSER is not None
    assert [p.name for p in files(printed)] == [p.name for p in files(laid_out)]
    assert len(printed.scorecards) == 14 and len(printed.teams) == 2
    assert (printed.engine, printed.browser, printed.rendered) == ("browser", str(BROWSER.path), 14)
    for ours, theirs in zip(files(printed), files(laid_out), strict=True):
        assert page_chars(ours) == page_chars(theirs), ours.name
    for card in printed.scorecards:
        [page] = PdfReader(card).pages
        assert abs(float(page.mediabox.width) - 595.28) < 1 and abs(float(page.mediabox.height) - 841.89) < 1
    name = "团队_一组.pdf" if lang == "zh" else "Team_一组.pdf"
    team = next(p for p in printed.teams.values() if p.name == name)
    assert PdfReader(team).pages[1].extract_text().count("徐思远") >= 1


def test_chinese_glyphs_are_embedded_and_extract(both_engines: tuple[ReportPaths, ReportPaths, str]) -> None:
    printed, _, lang = both_engines
    card = printed.scorecards[0]
    assert card.name == "KF001_徐思远.pdf"
    fonts = subprocess.run(["pdffonts", str(card)], capture_output=True, text=True, check=True).stdout
    family = (find_cjk_font() or "").split(" (")[0].replace(" ", "")
    embedded = [line for line in fonts.splitlines() if family and family in line.replace(" ", "")]
    assert embedded and all(" yes yes yes " in line for line in embedded), fonts
    text = PdfReader(card).pages[0].extract_text()
    assert "徐思远" in text and "\u2060" not in text  # (no word joiner left in the text)
    title = "客服月度绩效考核成绩单" if lang == "zh" else "Customer Service Monthly Performance"
    assert title in text


def test_outlines_titles_and_page_numbers_as_weasyprints(
    both_engines: tuple[ReportPaths, ReportPaths, str],
) -> None:
    printed, laid_out, lang = both_engines
    for ours, theirs in zip(files(printed), files(laid_out), strict=True):
        mine, other = PdfReader(ours), PdfReader(theirs)
        assert outline(mine.outline) == outline(other.outline), ours.name
        assert mine.metadata is not None and other.metadata is not None
        assert (mine.metadata.title, mine.metadata.author) == (other.metadata.title, other.metadata.author)
        assert mine.root_object["/Lang"] == ("en" if lang == "en" else "zh-CN")
        count = len(mine.pages)
        for number, page in enumerate(mine.pages, 1):
            assert f"{number}/{count}" in re.sub(r"\s+", "", page.extract_text())
    assert printed.shop is not None
    shop = PdfReader(printed.shop)
    if lang == "zh":
        assert outline(shop.outline)[:2] == ["全店汇总", "二组"]
        assert outline(shop.outline)[2][:2] == ["团队汇总", "KF008 王若曦"]
    assert len(shop.pages) == 1 + 2 + 14


def test_a_card_longer_than_a_page_is_printed_again_compact(tmp_path: Path, browser: Browser) -> None:
    month = sample_month()
    long_notes = tuple(said(f"第{i}条备注：" + "很长的说明文字" * 12) for i in range(40))
    some_notes = tuple(said(f"备注{i}") for i in range(9))
    first, second, third, fourth = month.agents
    agents = (
        first,
        dataclasses.replace(second, notes=long_notes),
        dataclasses.replace(third, notes=some_notes),
    )
    month = dataclasses.replace(month, agents=(*agents, fourth))
    printed = print_month(month, tmp_path / "browser", browser=browser)
    laid_out = render_reports(month, tmp_path / "weasyprint", workers=1)
    pages = [len(PdfReader(p).pages) for p in printed.scorecards]
    assert pages == [len(PdfReader(p).pages) for p in laid_out.scorecards]
    assert pages[0] == 1 and pages[1] >= 2 and pages[2] == 1
    text = "".join(p.extract_text() for p in PdfReader(printed.scorecards[1]).pages)
    assert "第39条备注" in re.sub(r"\s+", "", text)
    assert "备注8" in PdfReader(printed.scorecards[2]).pages[0].extract_text()


# --- no network -------------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Counts every request to the test's local server (in ``seen``, set per server)."""

    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:  # quiet
        pass


@pytest.fixture(name="server")
def local_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 (a free port) and the paths requested from it."""
    seen: list[str] = []
    handler = type("Handler", (_Recorder,), {"seen": seen})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_no_request_leaves_the_computer(
    tmp_path: Path, browser: Browser, server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, seen = server
    month = sample_month()
    named = dataclasses.replace(
        month.agents[0],
        name=f'<img src="{base}/name.png">',
        notes=(said(f"{base}/note.png <link rel=stylesheet href={base}/note.css>"),),
    )
    logo = tmp_path / "logo.png"
    logo.write_bytes(SAMPLE_PNG)
    branding = Branding(company="品牌", logo=logo)
    printed = print_month(
        dataclasses.replace(month, agents=(named, *month.agents[1:])),
        tmp_path / "out",
        browser=browser,
        branding=branding,
    )
    text = PdfReader(printed.scorecards[0]).pages[0].extract_text()
    assert '<imgsrc="http://127.0.0.1' in re.sub(r"\s+", "", text)  # a name is text, printed as it is
    # A page that asks for the server itself: neither its policy nor the browser's switches let
    # a request out, each on its own; without both, the request is made (so the checks can fail).
    pages = HtmlPages(lang="zh")
    markup = (
        f'<img src="{base}/img.png"><link rel="stylesheet" href="{base}/x.css">'
        f'<iframe src="{base}/frame"></iframe><script>fetch("{base}/fetch")</script>'
        f'<p style="background: url({base}/bg.png)">x</p>'
    )
    document = pages.document([Section(markup, "card")], "t")
    without_policy = document.replace("Content-Security-Policy", "x-no-policy")
    resolving = tuple(f for f in browser_module.FLAGS if not f.startswith("--host-resolver-rules"))
    for name, page, flags in (
        ("both", document, browser_module.FLAGS),
        ("policy", document, resolving),
        ("switches", without_policy, browser_module.FLAGS),
    ):
        monkeypatch.setattr(browser_module, "FLAGS", flags)
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
        print_to_pdf(browser, tmp_path / f"{name}.html", tmp_path / f"{name}.pdf", timeout=60)
        assert seen == [], name
    monkeypatch.setattr(browser_module, "FLAGS", resolving)
    (tmp_path / "open.html").write_text(without_policy, encoding="utf-8")
    print_to_pdf(browser, tmp_path / "open.html", tmp_path / "open.pdf", timeout=60)
    assert "/img.png" in seen


def test_a_template_asking_for_the_web_is_refused(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    base, seen = server
    tdir = copy_templates(tmp_path)
    css = tdir / "scorecard.css"
    css.write_text(
        css.read_text(encoding="utf-8") + f"\nbody {{ background: url({base}/bg.png); }}\n", "utf-8"
    )
    with pytest.raises(CsreportError) as caught:
        HtmlPages(tdir)
    assert caught.value.code == "templates.refused_url"
    assert caught.value.message("zh") == (
        f"成绩单模板引用了「{base}/bg.png」，已拒绝：模板只能使用模板文件夹 {tdir.resolve()} 里的文件"
        "（和设置中的徽标）。请把该文件放进模板文件夹并用相对路径引用。"
    )
    (tdir / "bg.png").write_bytes(SAMPLE_PNG)  # a file inside the folder is taken, as a data: URL
    css.write_text(css.read_text(encoding="utf-8").replace(f"{base}/bg.png", "bg.png"), "utf-8")
    assert 'url("data:image/png;base64,' in HtmlPages(tdir).card_css
    assert seen == []


# --- a browser that hangs, fails or is stopped --------------------------------------------------


def fake_browser(folder: Path, body: str) -> Browser:
    """A program standing in for a browser that misbehaves (``body``: its shell script). It
    records its own pid and its child's in ``pids``."""
    script = folder / "fakebrowser"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return Browser(browser_name(script), script)


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its parent counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


HANGS = 'sleep 300 & echo $! > "$(dirname "$0")/pids"; echo $$ >> "$(dirname "$0")/pids"; wait'


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for the browser")
def test_a_hung_browser_is_ended_with_what_it_started(tmp_path: Path) -> None:
    hung = fake_browser(tmp_path, HANGS)
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    t0 = time.monotonic()
    with pytest.raises(CsreportError) as caught:
        print_to_pdf(hung, page, tmp_path / "page.pdf", timeout=1)
    assert time.monotonic() - t0 < 15
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    assert len(pids) == 2 and not any(alive(p) for p in pids)
    assert caught.value.message("zh") == (
        f"用浏览器 fakebrowser（{hung.path}）生成 PDF 失败：1 秒内没有打印完，已把它结束。之前的报表未改动。"
        "请重新运行；仍然失败时运行 csreport doctor 查看原因。"
    )
    assert caught.value.message("en") == (
        f"Printing the PDFs with the browser fakebrowser ({hung.path}) failed: it had not finished "
        "printing after 1 s and was stopped. The previous reports are unchanged. Run again; if it fails "
        "again, see csreport doctor."
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for the browser")
def test_a_browser_that_fails_says_what_it_said(tmp_path: Path) -> None:
    failing = fake_browser(
        tmp_path, 'echo "[1:2:ERROR:gpu_init.cc] GPU noise" >&2; echo "cannot open display" >&2; exit 3'
    )
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(CsreportError) as caught:
        print_to_pdf(failing, page, tmp_path / "page.pdf", timeout=30)
    assert caught.value.params["reason"].en == "the browser made no PDF (exit code 3): cannot open display"
    assert caught.value.params["reason"].zh == "浏览器没有生成 PDF（退出码 3）：cannot open display"


@pytest.mark.skipif(sys.platform == "win32", reason="signals and a POSIX shell script")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_run_stopped_while_printing_leaves_no_browser(tmp_path: Path, stop: signal.Signals) -> None:
    slow = fake_browser(tmp_path, HANGS)
    out = tmp_path / "报表"
    run = subprocess.Popen(
        [str(CSREPORT), "run", str(SAMPLES), "--out", str(out), "--pdf-engine", "browser"],
        env={**os.environ, "CSREPORT_BROWSER": str(slow.path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "pids").is_file() or len((tmp_path / "pids").read_text().split()) < 2:
            assert time.monotonic() < deadline and run.poll() is None
            time.sleep(0.1)
        pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
        run.send_signal(stop)
        code = run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert code == (143 if stop == signal.SIGTERM else 130), run.stderr.read() if run.stderr else ""
    assert not any(alive(p) for p in pids)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == []  # no month, no staging


def browsers_running(marker: str) -> list[int]:
    """The processes whose command line holds ``marker`` (a profile folder's name)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if marker in cmdline and alive(int(entry.name)):
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processes are listed from /proc")
def test_a_run_leaves_no_browser_behind(tmp_path: Path, browser: Browser) -> None:
    print_month(sample_month(), tmp_path / "out", browser=browser)
    assert browsers_running("csreport-print-") == []


def test_the_browser_is_found_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Browser
) -> None:
    edge = named_as_edge(browser, tmp_path, monkeypatch)
    assert find_browser() == Browser("Microsoft Edge", edge)
    assert str(find_browser()) == f"Microsoft Edge ({edge})"
    monkeypatch.setenv("CSREPORT_BROWSER", str(tmp_path / "nothing.exe"))
    assert find_browser() == browser  # the named one is not there: the usual places
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_browser() is None
    assert [browser_name(n) for n in ("chrome.exe", "google-chrome-stable", "chromium-browser", "brave")] == [
        "Google Chrome",
        "Google Chrome",
        "Chromium",
        "brave",
    ]


def test_auto_prints_with_the_browser_where_weasyprints_libraries_do_not_load(
    tmp_path: Path, browser: Browser
) -> None:
    """A machine whose GTK/Pango cannot load (real dlopen failures, from broken libraries first
    on the library path): the run prints its PDFs with the browser, which is started without
    that library path."""
    libs = tmp_path / "libs"
    libs.mkdir()
    for name in ("libgobject-2.0.so.0", "libgobject-2.0.so", "libpango-1.0.so.0", "libpango-1.0-0.so"):
        (libs / name).write_text("not a library")
    out = tmp_path / "报表"
    done = subprocess.run(
        [str(CSREPORT), "run", str(SAMPLES), "--out", str(out)],
        env={**os.environ, "LD_LIBRARY_PATH": str(libs), "CSREPORT_BROWSER": str(browser.path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"PDF 由浏览器 {browser.name}（{browser.path}）打印，未使用 WeasyPrint。" in lines
    cards = sorted((out / "2026-10" / "scorecards").glob("*.pdf"))
    assert len(cards) == 14 + 2 + 1
    assert all(len(PdfReader(p).pages) == 1 for p in cards if p.name.startswith("KF"))


# A 1×1 PNG.
SAMPLE_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360"
    "60f80f0000010401005d1c2b5d0000000049454e44ae426082"
)
