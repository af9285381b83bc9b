"""Which engine makes the month's PDFs, and making them with it.

``auto`` (the default) uses WeasyPrint when it loads, else a Chromium-family browser already
on the computer (Microsoft Edge, Chrome, Chromium) printing the HTML scorecards headless,
else writes the HTML scorecards themselves, which print from any browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csreport.outputs.pdf.scorecards import ReportPaths, render_reports
from csreport.results import MonthResult

ENGINES = ("auto", "weasyprint", "browser")


def render_month(
    month: MonthResult, out_dir: Path, *, engine: str = "auto", cache_dir: Path | None = None, **kwargs: Any
) -> ReportPaths:
    """The month's PDFs (or HTML scorecards) in ``out_dir`` by ``engine``; ``kwargs`` as
    ``scorecards.render_reports`` takes them."""
    return render_reports(month, out_dir, cache_dir=cache_dir, **kwargs)
