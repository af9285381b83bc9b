"""The computers the PDF engine tests stand on, as pytest fixtures (import them into a test module):
WeasyPrint that cannot load, no browser, a named browser that cannot print, the real browser.

"WeasyPrint cannot load" is simulated by making ``load_engine`` raise what it raises on a PC
without GTK/Pango; "no browser" is a PATH without one (the real look-up finds nothing); the
browser is the real one (Debian's chromium)."""

from __future__ import annotations

from pathlib import Path

import pytest

from csreport.outputs.pdf import engine as engine_module
from csreport.outputs.pdf.browser import Browser, find_browser
from csreport.problems import CsreportError

GTK_REASON = "cannot load library 'libgobject-2.0-0': error 0x7e"
BROWSER = find_browser()


def needs_a_browser() -> Browser:
    """The browser csreport finds on this computer; the test is skipped without one."""
    if BROWSER is None:
        pytest.skip(
            "no Chromium-family browser on this computer (Edge, Chrome or Chromium on PATH, or "
            "CSREPORT_BROWSER): install chromium to run the browser PDF engine tests"
        )
    return BROWSER


def named_as_edge(browser: Browser, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``CSREPORT_BROWSER`` names the real browser under Edge's program name (a link in ``folder``)."""
    edge = folder / "msedge"
    edge.symlink_to(browser.path)
    monkeypatch.setenv("CSREPORT_BROWSER", str(edge))
    return edge


@pytest.fixture(name="browser")
def the_browser() -> Browser:
    """The browser csreport finds on this computer; the test is skipped without one."""
    return needs_a_browser()


@pytest.fixture(name="no_weasyprint")
def weasyprint_cannot_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's libraries do not load, as on a Windows PC without GTK/Pango."""

    def load_engine() -> None:
        raise CsreportError("pdf.unavailable", reason=GTK_REASON)

    monkeypatch.setattr(engine_module, "load_engine", load_engine)


@pytest.fixture(name="no_other")
def no_other_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No browser on PATH (an empty folder, returned), nor anywhere else csreport looks; what
    ``CSREPORT_BROWSER`` names is left as it is."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


@pytest.fixture(name="no_browser")
def no_browser_anywhere(monkeypatch: pytest.MonkeyPatch, no_other: Path) -> Path:
    """No browser where csreport looks: nothing named, an empty PATH (the empty folder)."""
    monkeypatch.delenv("CSREPORT_BROWSER", raising=False)
    assert find_browser() is None
    return no_other


@pytest.fixture(name="false")
def a_program_that_cannot_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``CSREPORT_BROWSER`` names a program that exits 1 without printing (what /bin/false does)."""
    folder = tmp_path / "named"
    folder.mkdir()
    false = folder / "false"
    false.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    false.chmod(0o755)
    monkeypatch.setenv("CSREPORT_BROWSER", str(false))
    return false
