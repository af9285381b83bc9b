"""Lay out many scorecards in one WeasyPrint document and write every PDF from it.

Layout is the expensive step and it is shared: one HTML document holds a chunk of
cards (one page each), it is laid out once, each page is painted once
(``pdf_writer``), and the per-agent PDFs and the team PDFs are assembled from those
paintings. Each per-agent PDF embeds only the glyphs of its own page.

WeasyPrint is imported lazily: it takes about a second to import and needs native
libraries (Pango), which must not break ``csreport --help`` on a machine without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from csreport.messages import both
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.context import cover_context, labels_for, scorecard_context, shorten
from csreport.outputs.pdf.engine import load_engine
from csreport.outputs.pdf.fast import pango_setup as pdf_pango_setup
from csreport.outputs.pdf.fast import text_reuse as pdf_text_reuse
from csreport.outputs.pdf.fast.gate import internals_tested
from csreport.outputs.pdf.fast.ua import lean_ua_stylesheet, use_stylesheet
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
# Marks a card's section on the fast path; see ScorecardRenderer.card_section.
CARD_ATTR = "data-csreport-card"
# Rules the document shell needs whatever the user's stylesheet says: one card per page,
# and the outline entry of a card is its agent (used when WeasyPrint writes the PDF).
BASE_CSS = """
.card + .card, .cover + .card { break-before: page; }
.card { bookmark-level: 1; bookmark-label: attr(data-bookmark); }
.card h1, .card h2, .card h3, .card h4, .card h5, .card h6,
.cover h1, .cover h2, .cover h3 { bookmark-level: none; }
"""


@dataclass
class Card:
    """One agent's laid-out pages and what its PDF is called inside."""

    agent: AgentResult
    pages: list[Any]  # weasyprint Page objects
    label: str  # outline entry: 工号 姓名
    title: str  # the PDF's title


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
    the rest.
    """

    def __init__(self, templates_dir: Path | None = None, lang: str = "zh",
                 branding: Branding | None = None) -> None:
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
        self.fast_parse = internals_tested()
        self.ua_sheet = lean_ua_stylesheet(self.font_config) if self.fast_parse else None
        # Find cards by a data attribute on their laid-out boxes rather than by an id
        # anchor (see card_section); walking the boxes needs WeasyPrint internals.
        self.share_styles = self.fast_parse
        if self.fast_parse:
            pdf_text_reuse.install()
            pdf_pango_setup.install()
        # One WeasyPrint Font per font for the process: each holds the whole font file.
        self.pdf_fonts: dict[Any, Any] = {}
        try:
            self.css = CSS(filename=str(self.templates_dir / CSS_NAME), base_url=self.base_url,
                           url_fetcher=self.fetcher, font_config=self.font_config)
        except UnicodeDecodeError as exc:
            raise CsreportError("templates.broken", template=CSS_NAME, line=1,
                                problem=both("templates.not_text")) from exc
        except (Exception, FatalURLFetchingError) as exc:  # (a BaseException in WeasyPrint)
            # an @import the fetcher refused, or CSS WeasyPrint rejects
            raise _failed(CSS_NAME, exc) from exc
        extra = BASE_CSS + (self.branding.css() if self.branding else "")
        self.stylesheets = [self.css, CSS(string=extra, font_config=self.font_config)]

    # -- HTML ---------------------------------------------------------------------------

    def card_fragment(self, agent: AgentResult, meta: RunMeta, *, compact: bool = False) -> str:
        """One agent's card markup (the ``scorecard.html`` template rendered)."""
        context = scorecard_context(agent, meta, self.lang, compact=compact,
                                    branding=self.brand_context)
        return self.templates.render("card", context)

    def document(self, sections: Sequence[str], title: str) -> str:
        """The HTML document around already rendered sections."""
        lang = "en" if self.lang == "en" else "zh-CN"
        return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"/>'
                f"<title>{escape(title)}</title></head><body>{''.join(sections)}</body></html>")

    def card_section(self, index: int, agent: AgentResult, meta: RunMeta, *,
                     compact: bool = False, paged: bool = False) -> str:
        """A card wrapped so the page it starts on can be found after layout.

        WeasyPrint shares one computed style between elements that match the same rules
        under the same parent style, but an ``id`` makes an element's style its own, and
        with it every descendant's: an id per card cost about a fifth of the layout time.
        So on the fast path the card is marked with a data attribute instead.
        """
        classes = "card" + (" compact" if compact else "") + (" paged" if paged else "")
        label = escape(_who(agent))
        mark = f'{CARD_ATTR}="{index}"' if self.share_styles else f'id="{ANCHOR}{index}"'
        return (f'<section class="{classes}" {mark} data-bookmark="{label}">'
                f"{self.card_fragment(agent, meta, compact=compact)}</section>")

    def html(self, agent: AgentResult, meta: RunMeta, *, compact: bool = False) -> str:
        """A complete one-card HTML document for ``agent``."""
        return self.document([self.card_section(0, agent, meta, compact=compact)],
                             self.title(agent, meta))

    def title(self, agent: AgentResult, meta: RunMeta) -> str:
        """The per-agent PDF's title."""
        label = labels_for(self.lang)["title"]
        return f"{label} {meta.month} {_who(agent)}"

    # -- layout -------------------------------------------------------------------------

    def parse(self, html: str) -> Any:
        """``html`` as a WeasyPrint ``HTML``, parsed as XML when it is well-formed.

        WeasyPrint's HTML5 parser is pure Python and takes about a tenth of the layout
        time; our documents are XHTML, which the C XML parser reads almost for free.
        Anything not well-formed (a user's template with ``<br>``) uses the HTML parser.
        """
        from weasyprint import HTML

        if self.fast_parse:
            try:
                root = ElementTree.fromstring(html)
            except ElementTree.ParseError:
                pass
            else:
                return use_stylesheet(xml_document(root, self.base_url, self.fetcher),
                                      self.ua_sheet)
        return use_stylesheet(HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher),
                              self.ua_sheet)

    def layout(self, html: str, what: str) -> Any:
        """Lay out ``html``; WeasyPrint failures become ``pdf.failed`` for ``what``."""
        from weasyprint.urls import FatalURLFetchingError

        try:
            document = self.parse(html).render(
                font_config=self.font_config, stylesheets=self.stylesheets)
            if document.color_profiles:  # only WeasyPrint's own writer embeds them
                for page in document.pages:
                    page.csreport_color_profiles = True
            return document
        except CsreportError:
            raise
        except (Exception, FatalURLFetchingError) as exc:  # the latter is a BaseException
            raise _failed(what, exc) from exc

    def _pages_by_card(self, document: Any, count: int, what: str) -> list[list[Any]]:
        """Split a laid-out document into each card's pages, by the cards' marks."""
        starts = card_starts(document) if self.share_styles else anchor_starts(document)
        if sorted(starts) != list(range(count)):
            raise CsreportError("pdf.failed", agent=what,
                                reason="a card was not laid out (hidden by the stylesheet?)")
        bounds = [starts[i] for i in range(count)] + [len(document.pages)]
        return [document.pages[bounds[i]:bounds[i + 1]] for i in range(count)]

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
        long = [i for i, p in enumerate(pages) if len(p) > 1]
        if long:
            sections = [self.card_section(j, agents[i], meta, compact=True)
                        for j, i in enumerate(long)]
            again = self._pages_by_card(
                self.layout(self.document(sections, meta.shop), what), len(long), what)
            for j, i in enumerate(long):
                pages[i] = again[j]
        for i in [i for i in long if len(pages[i]) > 1]:
            alone = self.card_section(0, agents[i], meta, compact=True, paged=True)
            pages[i] = self.layout(self.document([alone], meta.shop), what).pages
        return [Card(agent, p, _who(agent), self.title(agent, meta))
                for agent, p in zip(agents, pages, strict=True)]

    def cover(self, month: MonthResult) -> list[Any]:
        """The shop PDF's cover page(s), laid out."""
        context = cover_context(month, self.lang, branding=self.brand_context)
        section = f'<section class="cover">{self.templates.render("cover", context)}</section>'
        return self.layout(self.document([section], month.meta.shop), "—").pages

    # -- single card (compatibility) ------------------------------------------------------

    def pdf_bytes(self, agent: AgentResult, meta: RunMeta) -> bytes:
        """One agent's scorecard PDF."""
        from csreport.outputs.pdf.fast.output import PdfSink

        sink = PdfSink(self, meta)
        [card] = self.cards([agent], meta)
        return sink.card_pdf(card)

    def write(self, agent: AgentResult, meta: RunMeta, target: Path) -> Path:
        """Render one card to ``target`` atomically and return the path."""
        write_bytes_atomic(Path(target), self.pdf_bytes(agent, meta))
        return Path(target)


def anchor_starts(document: Any) -> dict[int, int]:
    """Card index -> number of the page it starts on, from the cards' id anchors."""
    starts: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            if name.startswith(ANCHOR) and name[len(ANCHOR):].isdigit():
                starts.setdefault(int(name[len(ANCHOR):]), number)
    return starts


def card_starts(document: Any) -> dict[int, int]:
    """Card index -> number of the page it starts on, from the boxes of the elements
    marked ``CARD_ATTR`` (the walk stops at a card: it never enters one)."""
    starts: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            mark = element.get(CARD_ATTR) if isinstance(element, ElementTree.Element) else None
            if mark is not None and mark.isdigit():
                starts.setdefault(int(mark), number)
            else:
                stack.extend(getattr(box, "children", ()))
    return starts


def xml_document(root: ElementTree.Element, base_url: str, fetcher: Any) -> Any:
    """A WeasyPrint ``HTML`` around an already parsed tree (what ``HTML.__init__`` does
    after parsing, in the WeasyPrint version ``pdf_writer.TESTED`` names)."""
    import cssselect2
    from weasyprint import HTML

    html = HTML.__new__(HTML)
    html.base_url = base_url
    html.url_fetcher = fetcher
    html.media_type = "print"
    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    html.etree_element = html.wrapper_element.etree_element
    return html


def _who(agent: AgentResult) -> str:
    """工号 and name as a bookmark, PDF title or error label: shortened like the card."""
    return f"{shorten(agent.agent_id, 'id')} {shorten(agent.name, 'name')}"
