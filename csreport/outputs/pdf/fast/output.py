"""Turn laid-out cards into PDF bytes by painting each page once (``writer``).

The same interface as the renderer's public ``PdfWriter`` (``card_pdf``, ``team_pdf``,
``cover_pdf``), which it falls back on for pages the paint-once writer cannot reproduce
(links, form fields, colour profiles from a user's template) and when WeasyPrint's
internals are not what ``writer`` expects. Internals touched: see ``writer``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from csreport.outputs.pdf.context import generation_date, w3c_date
from csreport.problems import CsreportError
from csreport.results import RunMeta


class PaintOnceWriter:
    """Paints pages once and assembles the PDFs of one run's cards from them."""

    def __init__(self, renderer: Any, meta: RunMeta, accelerators: Any) -> None:
        """``renderer`` is the ``ScorecardRenderer`` whose layouts are written;
        ``accelerators`` its ``fast.Accelerators`` (switched off on a mismatch)."""
        from csreport.outputs.pdf.renderer import PdfWriter

        self.renderer = renderer
        self.accelerators = accelerators
        self.public = PdfWriter(renderer, meta)
        self.author = meta.shop
        self.lang = "en" if renderer.lang == "en" else "zh-CN"
        self.created = w3c_date(generation_date(meta.generated_at))  # the date alone, as the pages
        self.fonts: dict[Any, Any] = accelerators.fonts
        # id(page) -> (page, its painting or None); the page is kept so ids stay unique.
        self._painted: dict[int, tuple[Any, list[Any] | None]] = {}

    def painted(self, document: Any, pages: Sequence[Any]) -> list[Any] | None:
        """``pages`` painted (once each), or None if one needs WeasyPrint's writer."""
        from csreport.outputs.pdf.fast.writer import paint_page, supports

        out: list[Any] = []
        for page in pages:
            if id(page) not in self._painted:
                fast = supports(page, document)
                with self.renderer.accelerated():
                    done = [paint_page(page, self.fonts)] if fast else None
                self._painted[id(page)] = (page, done)
            painting = self._painted[id(page)][1]
            if painting is None:
                return None
            out.extend(painting)
        return out

    def pdf(
        self,
        document: Any,
        pages: Sequence[Any],
        title: str,
        marks: Sequence[tuple[str, int]],
        *,
        numbered: bool = False,
    ) -> bytes:
        """A PDF of ``pages`` with the outline ``marks`` ((label, page index) each), its
        pages numbered "1 / N" … when ``numbered``."""
        if not self.accelerators.on:
            return self.public.pdf(document, pages, title, numbered=numbered)
        try:
            from csreport.outputs.pdf.fast.writer import Bookmark, PdfInfo, assemble

            painted = self.painted(document, pages)
            if painted is None:
                return self.public.pdf(document, pages, title, numbered=numbered)
            info = PdfInfo(title=title, author=self.author, lang=self.lang, created=self.created)
            return assemble(
                painted, info, [Bookmark(label, page) for label, page in marks], numbered=numbered
            )
        except CsreportError:
            raise
        except Exception as exc:  # an image that fails to encode, a font that fails ...
            if self.accelerators.mismatch(exc):
                return self.public.pdf(document, pages, title, numbered=numbered)
            raise CsreportError("pdf.failed", agent=title, reason=f"{type(exc).__name__}: {exc}") from exc

    def card_pdf(self, card: Any) -> bytes:
        """One agent's PDF: its page(s), numbered, and one outline entry."""
        return self.pdf(card.document, card.pages, card.title, [(card.label, 0)], numbered=True)

    def team_pdf(self, cards: Sequence[Any], title: str) -> bytes:
        """Several cards in one PDF with an outline entry per agent (not numbered: a part
        of the team's PDF, numbered once it is joined)."""
        pages: list[Any] = []
        marks: list[tuple[str, int]] = []
        for card in cards:
            marks.append((card.label, len(pages)))
            pages.extend(card.pages)
        return self.pdf(cards[0].document, pages, title, marks)

    def cover_pdf(self, document: Any, title: str, pages: Sequence[Any] | None = None) -> bytes:
        """``pages`` of the laid-out ``document`` (all of them by default) as a PDF, not
        numbered and without an outline entry: the shop cover or a team's summary page,
        numbered and named once joined."""
        return self.pdf(document, document.pages if pages is None else pages, title, [])
