"""Turn laid-out cards into PDF bytes: per agent, per team, and a cover.

Each page is painted once (``pdf_writer.paint_page``) and reused for every PDF it
appears in. Pages the writer cannot reproduce (links, form fields from a user's
template) go through WeasyPrint's own ``write_pdf`` instead, which is slower but
complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from csreport.outputs.pdf.context import w3c_date
from csreport.outputs.pdf.fast.gate import internals_tested
from csreport.outputs.pdf.fast.writer import (
    Bookmark,
    PaintedPage,
    PdfInfo,
    assemble,
    paint_page,
    supports,
)
from csreport.problems import CsreportError
from csreport.results import RunMeta


class PdfSink:
    """Paints pages once and assembles the PDFs of one run's cards from them."""

    def __init__(self, renderer: Any, meta: RunMeta) -> None:
        """``renderer`` is the ``ScorecardRenderer`` whose layouts are written."""
        self.renderer = renderer
        self.author = meta.shop
        self.lang = "en" if renderer.lang == "en" else "zh-CN"
        self.created = w3c_date(meta.generated_at)
        self.fonts: dict[Any, Any] = renderer.pdf_fonts
        self.fast = internals_tested()
        # id(page) -> (page, its painting or None); the page is kept so ids stay unique.
        self._painted: dict[int, tuple[Any, list[PaintedPage] | None]] = {}

    def info(self, title: str) -> PdfInfo:
        """Document information for a PDF titled ``title``."""
        return PdfInfo(title=title, author=self.author, lang=self.lang, created=self.created)

    def painted(self, pages: Sequence[Any]) -> list[PaintedPage] | None:
        """``pages`` painted (once each), or None if one needs WeasyPrint's writer."""
        out: list[PaintedPage] = []
        for page in pages:
            if id(page) not in self._painted:
                fast = self.fast and supports(page)
                self._painted[id(page)] = (page, [paint_page(page, self.fonts)] if fast else None)
            done = self._painted[id(page)][1]
            if done is None:
                return None
            out.extend(done)
        return out

    def forget(self, pages: Sequence[Any]) -> None:
        """Drop the paintings of ``pages`` (their PDFs are all written)."""
        for page in pages:
            self._painted.pop(id(page), None)

    def pdf(self, pages: Sequence[Any], title: str, marks: Sequence[Bookmark]) -> bytes:
        """A PDF of ``pages`` with the outline ``marks``."""
        try:
            painted = self.painted(pages)
            if painted is not None:
                return assemble(painted, self.info(title), marks)
            return self._weasyprint_pdf(pages, title)
        except CsreportError:
            raise
        except Exception as exc:  # an image that fails to encode, a font that fails ...
            raise CsreportError("pdf.failed", agent=title,
                                reason=f"{type(exc).__name__}: {exc}") from exc

    def _weasyprint_pdf(self, pages: Sequence[Any], title: str) -> bytes:
        """WeasyPrint's own writer: outline from the cards' bookmark CSS."""
        from weasyprint import Document
        from weasyprint.pdf.metadata import DocumentMetadata

        metadata = DocumentMetadata(title=title, authors=[self.author], lang=self.lang,
                                    created=self.created)
        document = Document(list(pages), metadata, self.renderer.fetcher,
                            self.renderer.font_config, {}, None)
        return document.write_pdf()

    def card_pdf(self, card: Any) -> bytes:
        """One agent's PDF: its page(s) and one outline entry."""
        return self.pdf(card.pages, card.title, [Bookmark(card.label, 0)])

    def team_pdf(self, cards: Sequence[Any], title: str) -> bytes:
        """Several cards in one PDF with an outline entry per agent."""
        pages: list[Any] = []
        marks: list[Bookmark] = []
        for card in cards:
            marks.append(Bookmark(card.label, len(pages)))
            pages.extend(card.pages)
        return self.pdf(pages, title, marks)
