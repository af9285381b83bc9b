"""Which engine makes the month's PDFs, and making them with it.

``auto`` (the default) uses WeasyPrint when it loads, else a Chromium-family browser already
on the computer (Microsoft Edge, Chrome, Chromium) printing the HTML scorecards headless,
else writes the HTML scorecards themselves, which print from any browser. The browser is the
one ``CSREPORT_BROWSER`` names when it prints a test page, else the first other one found
(``browser.choose_browser``).

``weasyprint`` and ``browser`` insist: when the one asked for is not there, no PDF is made
and the error says why (``pdf.unavailable``: the run still delivers its workbook and JSON).
An engine that is there but fails while making the PDFs fails the run, whichever way it was
chosen: a half-made set is never swapped for another kind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csreport.outputs.pdf.scorecards import ReportPaths, render_reports
from csreport.problems import CsreportError
from csreport.results import MonthResult

ENGINES = ("auto", "weasyprint", "browser")


def weasyprint_loads() -> CsreportError | None:
    """None when WeasyPrint and its libraries load, else the ``pdf.unavailable`` saying why."""
    from csreport.outputs.pdf.engine import load_engine

    try:
        load_engine()
    except CsreportError as exc:
        if exc.code != "pdf.unavailable":
            raise
        return exc
    return None


def render_month(
    month: MonthResult, out_dir: Path, *, engine: str = "auto", cache_dir: Path | None = None, **kwargs: Any
) -> ReportPaths:
    """The month's PDFs (or HTML scorecards) in ``out_dir`` by ``engine``; ``kwargs`` as
    ``scorecards.render_reports`` takes them.

    Raises what the engine raises, and ``pdf.unavailable`` when the engine asked for
    (``weasyprint`` or ``browser``) is not on this computer; its ``engine`` parameter names it,
    its ``reason`` says why (a ``Bilingual`` for the browser, WeasyPrint's own words for it).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}")
    if engine == "weasyprint" or (engine == "auto" and weasyprint_loads() is None):
        return render_reports(month, out_dir, cache_dir=cache_dir, **kwargs)
    from csreport.outputs.pdf.browser import choose_browser, print_month

    # A browser CSREPORT_BROWSER names that is missing or cannot print a test page is passed
    # over for the next one found: the variable names a preference, not the only way.
    chosen = choose_browser()
    if chosen.browser is not None:
        return print_month(month, out_dir, browser=chosen.browser, **kwargs)
    if engine == "browser":  # (the run writes its workbook and JSON all the same)
        # Both languages: whoever shows or keeps the reason picks its own (the console the
        # user's, the drop folder's ledger both).
        raise CsreportError("pdf.unavailable", reason=chosen.missing(), engine="browser")
    from csreport.outputs.pdf.html_cards import write_html_cards

    return write_html_cards(month, out_dir, **kwargs)
