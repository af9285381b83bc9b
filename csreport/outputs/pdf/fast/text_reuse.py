"""Draw each text with the Pango layout made while laying it out, not a second one.

WeasyPrint frees every text's Pango layout once the line is laid out and builds and
shapes it again when the page is painted (``Layout.deactivate`` / ``reactivate``). For
hundreds of scorecards that second shaping is about a tenth of the time. With this
installed, a layout is kept after layout and used as it is for its first drawing, then
freed as before; any later drawing (a page painted twice), justified text (drawn with
extra word spacing) and anything unexpected take WeasyPrint's own path.

The kept layout holds exactly the first line's text, as WeasyPrint's own re-made one
does; ``tests/test_pdf_text_reuse.py`` checks that painted pages are byte-identical
with and without it. It changes a WeasyPrint internal, so it is installed only with a
version ``pdf_internals`` lists.
"""

from __future__ import annotations

from typing import Any

_FRESH = "_csreport_fresh"  # True: laid out and kept, not drawn yet
_STOCK: dict[str, Any] = {}


def _deactivate(self: Any) -> None:
    """End of layout: keep the layout for drawing. After drawing: free it (stock)."""
    if getattr(self, _FRESH, None) is None and hasattr(self, "layout"):
        setattr(self, _FRESH, True)
        return
    setattr(self, _FRESH, False)
    if hasattr(self, "layout"):
        _STOCK["deactivate"](self)


def _reactivate(self: Any, style: Any) -> None:
    """Before drawing: use the kept layout if it is fit to draw, else make one (stock)."""
    fresh = getattr(self, _FRESH, False)
    setattr(self, _FRESH, False)
    if (fresh and hasattr(self, "layout") and getattr(self, "style", None) is style
            and not self.justification_spacing):
        return
    _STOCK["reactivate"](self, style)


def install() -> None:
    """Keep laid-out text for drawing, process-wide (idempotent)."""
    from weasyprint.text.line_break import Layout

    if _STOCK:
        return
    _STOCK.update(deactivate=Layout.deactivate, reactivate=Layout.reactivate)
    Layout.deactivate, Layout.reactivate = _deactivate, _reactivate


def uninstall() -> None:
    """WeasyPrint's own behaviour again (for tests and benchmarks)."""
    from weasyprint.text.line_break import Layout

    if _STOCK:
        Layout.deactivate, Layout.reactivate = _STOCK.pop("deactivate"), _STOCK.pop("reactivate")


def installed() -> bool:
    """Whether :func:`install` is in effect."""
    return bool(_STOCK)
