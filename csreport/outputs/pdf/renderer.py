"""Lay out many scorecards in one WeasyPrint document and write every PDF from it.

Layout is the expensive step and it is shared: one HTML document holds a chunk of
cards (one page each where possible), it is laid out once, and the per-agent PDFs and
the team PDF are written from its pages. Each per-agent PDF embeds only the glyphs of
its own page.

Only WeasyPrint's public API is used here: ``HTML``, ``CSS``, ``FontConfiguration``,
the ``Document`` that ``HTML.render()`` returns, ``Page.anchors`` to find each card's
pages, and ``Document.copy(pages).write_pdf()`` for every PDF (outline entries come from
the cards' ``bookmark-*`` CSS). Cards share computed styles: WeasyPrint shares a style
between elements matched by the same rules under the same parent style, and an ``id``
would make a card's style, and with it every descendant's, its own; so each card's
anchor is an ``id`` on an empty marker element inside it, which has no descendants.

Faster paths built on WeasyPrint internals live in ``csreport.outputs.pdf.fast``: they
are loaded when a renderer is built (never at import; ``acceleration`` says whether),
only for a WeasyPrint release they were tested with, never with ``CSREPORT_PDF_FAST=0``,
and an internal found missing while applying them (``fast.InternalMissing``, nothing
else) falls back to this module's public path.

WeasyPrint is imported lazily: it takes about a second to import and needs native
libraries (Pango), which must not break ``csreport --help`` on a machine without them.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from csreport.messages import both
from csreport.outputs.pdf import acceleration
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.context import (
    cover_context,
    labels_for,
    scorecard_context,
    shorten,
    w3c_date,
)
from csreport.outputs.pdf.engine import load_engine
from csreport.outputs.pdf.templates import (
    CSS_NAME,
    default_templates_dir,
    load_templates,
    make_url_fetcher,
    refused_url,
)
from csreport.problems import CsreportError
from csreport.results import AgentResult, MonthResult, RunMeta
from csreport.util.atomic import write_bytes_atomic

ANCHOR = "csreport-card-"
MARK_CLASS = "csreport-card-mark"
# Rules the document shell needs whatever the user's stylesheet says: one card per page,
# the outline entry of a card is its agent (WeasyPrint writes it into the PDF), and the
# anchor marker takes no room (out of flow, empty: it cannot move anything).
BASE_CSS = f"""
.card + .card, .cover + .card {{ break-before: page; }}
.card {{ bookmark-level: 1; bookmark-label: attr(data-bookmark); }}
.card h1, .card h2, .card h3, .card h4, .card h5, .card h6,
.cover h1, .cover h2, .cover h3 {{ bookmark-level: none; }}
.{MARK_CLASS} {{ position: absolute !important; display: block !important; }}
"""


@dataclass
class Card:
    """One agent's laid-out pages and what its PDF is called inside."""

    agent: AgentResult
    pages: list[Any]  # weasyprint Page objects
    label: str  # outline entry: 工号 姓名
    title: str  # the PDF's title
    document: Any  # the weasyprint Document the pages were laid out in


def _failed(what: str, exc: BaseException) -> CsreportError:
    """``pdf.failed`` for an error from WeasyPrint (a bad image ...), or
    ``templates.refused_url`` for a template asking for a file outside its folder."""
    refused = refused_url(exc)
    if refused is not None:
        return refused
    reason = f"{type(exc).__name__}: {exc}"
    if exc.__cause__ is not None:
        reason += f" ({exc.__cause__})"
    return CsreportError("pdf.failed", agent=what, reason=reason)


class ScorecardRenderer:
    """Renders scorecards with one parsed stylesheet and one font configuration.

    Build one per process and reuse it: parsing the CSS and loading fonts dominate
    the cost of a single card, and laying out many cards in one document amortises
    the rest. ``fast`` holds the accelerators in use (None: public API only).
    """

    def __init__(
        self, templates_dir: Path | None = None, lang: str = "zh", branding: Branding | None = None
    ) -> None:
        """Load templates and stylesheets; raise ``templates.*``/``branding.*`` early,
        and ``pdf.unavailable`` when the PDF engine's libraries cannot load."""
        load_engine()
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import FatalURLFetchingError

        self.templates_dir = Path(templates_dir or default_templates_dir()).resolve()
        self.lang = lang if lang in ("zh", "en") else "zh"
        self.templates = load_templates(self.templates_dir)
        self.template = self.templates.card
        self.branding = branding.validated() if branding is not None else None
        self.brand_context = self.branding.context() if self.branding else None
        logo = [self.branding.logo] if self.branding and self.branding.logo else []
        self.base_url = self.templates_dir.as_uri() + "/"
        self.fetcher = make_url_fetcher(self.templates_dir, logo)
        self.font_config = FontConfiguration()
        # Cards marked inside (styles shared between cards); False puts the anchor on the
        # card itself, as the benchmark does to show what sharing saves.
        self.share_styles = True
        self.fast = acceleration.load()
        try:
            self.css = CSS(
                filename=str(self.templates_dir / CSS_NAME),
                base_url=self.base_url,
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
        except UnicodeDecodeError as exc:
            raise CsreportError(
                "templates.broken", template=CSS_NAME, line=1, problem=both("templates.not_text")
            ) from exc
        except (Exception, FatalURLFetchingError) as exc:  # (a BaseException in WeasyPrint)
            # an @import the fetcher refused, or CSS WeasyPrint rejects
            raise _failed(CSS_NAME, exc) from exc
        extra = BASE_CSS + (self.branding.css() if self.branding else "")
        self.stylesheets = [self.css, CSS(string=extra, font_config=self.font_config)]

    # -- HTML ---------------------------------------------------------------------------

    def card_fragment(self, agent: AgentResult, meta: RunMeta, *, compact: bool = False) -> str:
        """One agent's card markup (the ``scorecard.html`` template rendered)."""
        context = scorecard_context(agent, meta, self.lang, compact=compact, branding=self.brand_context)
        return self.templates.render("card", context)

    def document(self, sections: Sequence[str], title: str) -> str:
        """The HTML document around already rendered sections."""
        lang = "en" if self.lang == "en" else "zh-CN"
        return (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"/>'
            f"<title>{escape(title)}</title></head><body>{''.join(sections)}</body></html>"
        )

    def card_section(
        self, index: int, agent: AgentResult, meta: RunMeta, *, compact: bool = False, paged: bool = False
    ) -> str:
        """A card wrapped so the page it starts on can be found after layout: its anchor
        ``ANCHOR + index`` is on an empty marker, the card's first child (see the module
        docstring for why not on the card itself)."""
        classes = "card" + (" compact" if compact else "") + (" paged" if paged else "")
        label = escape(_who(agent))
        anchor = f"{ANCHOR}{index}"
        if self.share_styles:
            opening = (
                f'<section class="{classes}" data-bookmark="{label}">'
                f'<i class="{MARK_CLASS}" id="{anchor}"></i>'
            )
        else:
            opening = f'<section class="{classes}" id="{anchor}" data-bookmark="{label}">'
        return f"{opening}{self.card_fragment(agent, meta, compact=compact)}</section>"

    def html(self, agent: AgentResult, meta: RunMeta, *, compact: bool = False) -> str:
        """A complete one-card HTML document for ``agent``."""
        return self.document([self.card_section(0, agent, meta, compact=compact)], self.title(agent, meta))

    def title(self, agent: AgentResult, meta: RunMeta) -> str:
        """The per-agent PDF's title."""
        label = labels_for(self.lang)["title"]
        return f"{label} {meta.month} {_who(agent)}"

    # -- layout -------------------------------------------------------------------------

    def accelerated(self) -> Any:
        """A context manager: the block runs with the accelerators' patches applied and
        in effect for this render alone (``fast.RENDERING``, set in the caller's context;
        nothing when there are none). Layout and painting run inside it."""
        return self.fast.patched() if self.fast is not None else contextlib.nullcontext()

    def parse(self, html: str) -> Any:
        """``html`` as a WeasyPrint ``HTML`` (the accelerators may parse it faster)."""
        from weasyprint import HTML

        if self.fast is not None:
            parsed = self.fast.parse(self, html)
            if parsed is not None:
                return parsed
        return HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)

    def layout(self, html: str, what: str) -> Any:
        """Lay out ``html`` into a WeasyPrint ``Document``; WeasyPrint failures become
        ``pdf.failed`` for ``what``."""
        from weasyprint.urls import FatalURLFetchingError

        try:
            with self.accelerated():
                return self.parse(html).render(font_config=self.font_config, stylesheets=self.stylesheets)
        except CsreportError:
            raise
        except (Exception, FatalURLFetchingError) as exc:  # the latter is a BaseException
            if self.fast is not None and self.fast.mismatch(exc):
                return self.layout(html, what)  # again, on the public API
            raise _failed(what, exc) from exc

    def _pages_by_card(self, document: Any, count: int, what: str) -> list[list[Any]]:
        """Split a laid-out document into each card's pages, by the cards' anchors."""
        starts = anchor_starts(document)
        if sorted(starts) != list(range(count)):
            raise CsreportError("pdf.failed", agent=what, reason=both("pdf.card_not_laid_out"))
        bounds = [starts[i] for i in range(count)] + [len(document.pages)]
        return [document.pages[bounds[i] : bounds[i + 1]] for i in range(count)]

    def cards(self, agents: Sequence[AgentResult], meta: RunMeta) -> list[Card]:
        """Lay out ``agents``' cards, one page each where at all possible.

        All cards share one layout pass; cards that spill onto a second page are laid
        out again together in compact mode, and any still too long alone with page
        counters (so their footers say 1 / 2, 2 / 2).
        """
        what = _who(agents[0]) if len(agents) == 1 else "—"
        sections = [self.card_section(i, a, meta) for i, a in enumerate(agents)]
        document = self.layout(self.document(sections, meta.shop), what)
        pages = self._pages_by_card(document, len(agents), what)
        documents = [document] * len(agents)
        long = [i for i, p in enumerate(pages) if len(p) > 1]
        if long:
            sections = [self.card_section(j, agents[i], meta, compact=True) for j, i in enumerate(long)]
            again = self.layout(self.document(sections, meta.shop), what)
            for j, found in enumerate(self._pages_by_card(again, len(long), what)):
                pages[long[j]], documents[long[j]] = found, again
        for i in [i for i in long if len(pages[i]) > 1]:
            alone = self.card_section(0, agents[i], meta, compact=True, paged=True)
            documents[i] = self.layout(self.document([alone], meta.shop), what)
            pages[i] = documents[i].pages
        return [
            Card(agent, p, _who(agent), self.title(agent, meta), d)
            for agent, p, d in zip(agents, pages, documents, strict=True)
        ]

    def cover(self, month: MonthResult) -> Any:
        """The shop PDF's cover page(s), laid out: a WeasyPrint ``Document``."""
        context = cover_context(month, self.lang, branding=self.brand_context)
        section = f'<section class="cover">{self.templates.render("cover", context)}</section>'
        return self.layout(self.document([section], month.meta.shop), "—")

    # -- PDFs -----------------------------------------------------------------------------

    def writer(self, meta: RunMeta) -> Any:
        """What writes this run's PDFs: a :class:`PdfWriter`, or the accelerators' own."""
        if self.fast is not None:
            made = self.fast.writer(self, meta)
            if made is not None:
                return made
        return PdfWriter(self, meta)

    def pdf_bytes(self, agent: AgentResult, meta: RunMeta) -> bytes:
        """One agent's scorecard PDF."""
        [card] = self.cards([agent], meta)
        return self.writer(meta).card_pdf(card)

    def write(self, agent: AgentResult, meta: RunMeta, target: Path) -> Path:
        """Render one card to ``target`` atomically and return the path."""
        write_bytes_atomic(Path(target), self.pdf_bytes(agent, meta))
        return Path(target)


class PdfWriter:
    """Writes PDFs with WeasyPrint's own writer: ``Document.copy(pages).write_pdf()``.

    Each PDF's document information (title, author, language, date) is set on the
    copy's ``metadata``; its outline is WeasyPrint's, from the cards' bookmark CSS.
    """

    def __init__(self, renderer: ScorecardRenderer, meta: RunMeta) -> None:
        """``renderer`` laid out the pages written; ``meta`` is the run's."""
        self.renderer = renderer
        self.author = meta.shop
        self.lang = "en" if renderer.lang == "en" else "zh-CN"
        self.created = w3c_date(meta.generated_at)

    def pdf(self, document: Any, pages: Sequence[Any], title: str) -> bytes:
        """A PDF of ``pages`` (laid out by this renderer; ``document`` is one of theirs)."""
        try:
            out = document.copy(list(pages))
            metadata = copy.copy(out.metadata)
            metadata.title = title
            metadata.authors = [self.author]
            metadata.lang = self.lang
            metadata.created = self.created
            out.metadata = metadata
            with self.renderer.accelerated():
                return bytes(out.write_pdf())
        except CsreportError:
            raise
        except Exception as exc:  # an image that fails to encode, a font that fails ...
            raise CsreportError("pdf.failed", agent=title, reason=f"{type(exc).__name__}: {exc}") from exc

    def card_pdf(self, card: Card) -> bytes:
        """One agent's PDF: its page(s) and one outline entry."""
        return self.pdf(card.document, card.pages, card.title)

    def team_pdf(self, cards: Sequence[Card], title: str) -> bytes:
        """Several cards in one PDF with an outline entry per agent."""
        return self.pdf(cards[0].document, [p for c in cards for p in c.pages], title)

    def cover_pdf(self, document: Any, title: str) -> bytes:
        """The laid-out cover ``document`` as a PDF."""
        return self.pdf(document, document.pages, title)


def anchor_starts(document: Any) -> dict[int, int]:
    """Card index -> number of the page it starts on, from the cards' anchors."""
    starts: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            if name.startswith(ANCHOR) and name[len(ANCHOR) :].isdigit():
                starts.setdefault(int(name[len(ANCHOR) :]), number)
    return starts


def _who(agent: AgentResult) -> str:
    """工号 and name as a bookmark, PDF title or error label: shortened like the card."""
    return f"{shorten(agent.agent_id, 'id')} {shorten(agent.name, 'name')}"
