"""Loading the PDF engine (WeasyPrint and its GTK/Pango libraries), or saying why not.

A Windows PC without the GTK runtime cannot load Pango: that is not a bug and not a
data problem, so it becomes ``pdf.unavailable`` with the reason, and the run still
delivers the workbook and JSON.
"""

from __future__ import annotations

import contextlib
import io

from csreport.problems import CsreportError


def load_engine() -> None:
    """Import WeasyPrint and load Pango; raise ``pdf.unavailable`` when they cannot load.

    WeasyPrint prints an installation banner of its own when a library is missing; it
    is swallowed here because the user gets our one-line message instead.
    """
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            import weasyprint  # noqa: F401
            from weasyprint.text import ffi  # noqa: F401  (dlopens gobject, pango, harfbuzz)
    except (OSError, ImportError) as exc:
        raise CsreportError("pdf.unavailable", reason=_reason(exc)) from exc


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.split(".  ")[0].splitlines()[0] if text else type(exc).__name__
    return first[:160]
