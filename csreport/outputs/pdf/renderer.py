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
The markup laid out is made by :class:`Markup`, which needs no WeasyPrint: the card cache
(``card_cache``) keys each PDF on it in the run's own process.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from csreport.messages import both
from csreport.outputs.pdf import acceleration
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.context import (
    NO_EXTRAS,
    CardExtras,
    generation_date,
    labels_for,
    scorecard_context,
    shorten,
    w3c_date,
)
from csreport.outputs.pdf.engine import load_engine
from csreport.outputs.pdf.summaries import shop_context, team_context, teams_of
from csreport.outputs.pdf.templates import (
    CSS_NAME,
    Templates,
    default_templates_dir,
    load_templates,
    make_url_fetcher,
    refused_url,
    template_error,
)
from csreport.problems import CsreportError
from csreport.results import AgentResult, MonthResult, RunMeta
from csreport.util.atomic import write_bytes_atomic

ANCHOR = "csreport-card-"
END = "csreport-end-"  # where a summary page's content ends
MARK_CLASS = "csreport-card-mark"
TEAM_TEMPLATE = "team_summary.html"
SUMMARY_CSS = "summary.css"  # the stylesheet of the shop cover and the team summary pages
# Rules the document shell needs whatever the user's stylesheet says: one card (summary
# page) per page, the outline entry of a card is its agent (WeasyPrint writes it into the
# PDF), the anchor marker takes no room (out of flow, empty: it cannot move anything), and
# no page number from layout: the same page is numbered differently in each file it is in,
# so the number is drawn when a file is written (``merge``).
BASE_CSS = f"""
@page {{ @bottom-right {{ content: none !important; }} }}
.card + .card, .cover + .card, .cover + .cover {{ break-before: page; }}
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


class Markup:
    """The HTML of the cards and summary pages, made without WeasyPrint: what a
    :class:`ScorecardRenderer` lays out, and what the card cache (``card_cache``) keys each
    PDF on, in the run's own process."""

    def __init__(
        self, templates_dir: Path | None = None, lang: str = "zh", branding: Branding | None = None
    ) -> None:
        """Load the templates; raise ``templates.*``/``branding.*``."""
        self.templates_dir = Path(templates_dir or default_templates_dir()).resolve()
        self.lang = lang if lang in ("zh", "en") else "zh"
        self.templates = load_templates(self.templates_dir)
        self.template = self.templates.card
        self.team_template = team_template(self.templates)
        self.branding = branding.validated() if branding is not None else None
        self.brand_context = self.branding.context() if self.branding else None
        # Cards marked inside (styles shared between cards); False puts the anchor on the
        # card itself, as the benchmark does to show what sharing saves.
        self.share_styles = True

    def card_fragment(
        self, agent: AgentResult, meta: RunMeta, *, compact: bool = False, extras: CardExtras = NO_EXTRAS
    ) -> str:
        """One agent's card markup (the ``scorecard.html`` template rendered)."""
        context = scorecard_context(
            agent,
            meta,
            self.lang,
            compact=compact,
            branding=self.brand_context,
            trends=extras.trends,
            grades=extras.grades,
        )
        return self.templates.render("card", context)

    def document(self, sections: Sequence[str], title: str) -> str:
        """The HTML document around already rendered sections."""
        lang = "en" if self.lang == "en" else "zh-CN"
        return (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"/>'
            f"<title>{escape(title)}</title></head><body>{''.join(sections)}</body></html>"
        )

    def card_section(
        self,
        index: int,
        agent: AgentResult,
        meta: RunMeta,
        *,
        compact: bool = False,
        extras: CardExtras = NO_EXTRAS,
    ) -> str:
        """A card wrapped so the page it starts on can be found after layout: its anchor
        ``ANCHOR + index`` is on an empty marker, the card's first child (see the module
        docstring for why not on the card itself)."""
        opening = self._opening("card" + (" compact" if compact else ""), agent, index)
        return f"{opening}{self.card_fragment(agent, meta, compact=compact, extras=extras)}</section>"

    def card_sections(
        self, agent: AgentResult, meta: RunMeta, extras: CardExtras = NO_EXTRAS
    ) -> tuple[str, str]:
        """``card_section(0, …)`` of ``agent``'s card and of its compact version, from one context."""
        context = scorecard_context(
            agent, meta, self.lang, branding=self.brand_context, trends=extras.trends, grades=extras.grades
        )
        made = []
        for compact in (False, True):
            context["compact"] = compact
            classes = "card" + (" compact" if compact else "")
            made.append(
                f"{self._opening(classes, agent, 0)}{self.templates.render('card', context)}</section>"
            )
        return made[0], made[1]

    def _opening(self, classes: str, agent: AgentResult, index: int) -> str:
        """A card section's opening tag (and its anchor's marker): see ``card_section``."""
        label = escape(_who(agent))
        anchor = f"{ANCHOR}{index}"
        if self.share_styles:
            marker = f'<i class="{MARK_CLASS}" id="{anchor}"></i>'
            return f'<section class="{classes}" data-bookmark="{label}">{marker}'
        return f'<section class="{classes}" id="{anchor}" data-bookmark="{label}">'

    def html(self, agent: AgentResult, meta: RunMeta, *, compact: bool = False) -> str:
        """A complete one-card HTML document for ``agent``."""
        return self.document([self.card_section(0, agent, meta, compact=compact)], self.title(agent, meta))

    def title(self, agent: AgentResult, meta: RunMeta) -> str:
        """The per-agent PDF's title."""
        label = labels_for(self.lang)["title"]
        return f"{label} {meta.month} {_who(agent)}"

    def summary_sections(self, month: MonthResult, *, cover: bool, teams: Iterable[int] = ()) -> list[str]:
        """The markup of the shop cover (when ``cover``) and of the summary pages of ``teams``
        (indexes in ``summaries.teams_of`` order), in that order."""
        sections = []
        if cover:
            context = shop_context(month, self.lang, branding=self.brand_context)
            sections.append(self.templates.render("cover", context))
        groups = teams_of(month)
        for number in teams:
            context = team_context(month, groups[number], self.lang, branding=self.brand_context)
            sections.append(_rendered(self.team_template, context))
        return sections


class ScorecardRenderer(Markup):
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

        super().__init__(templates_dir, lang, branding)
        logo = [self.branding.logo] if self.branding and self.branding.logo else []
        self.base_url = self.templates_dir.as_uri() + "/"
        self.fetcher = make_url_fetcher(self.templates_dir, logo)
        self.font_config = FontConfiguration()
        self.fast = acceleration.load()
        self.css = self._stylesheet(self.templates_dir / CSS_NAME)
        # The summary pages' own rules, after the cards' (a templates folder copied before
        # they existed gets the shipped ones).
        summary = self.templates_dir / SUMMARY_CSS
        summary_css = self._stylesheet(
            summary if summary.is_file() else default_templates_dir() / SUMMARY_CSS
        )
        extra = CSS(
            string=BASE_CSS + (self.branding.css() if self.branding else ""), font_config=self.font_config
        )
        self.stylesheets = [self.css, extra]
        self.summary_stylesheets = [self.css, summary_css, extra]

    def _stylesheet(self, path: Path) -> Any:
        """The stylesheet at ``path`` (in the templates folder), parsed; ``templates.broken``
        when it is not text, ``pdf.failed``/``templates.refused_url`` when WeasyPrint
        rejects it or it asks for a file outside the folder."""
        from weasyprint import CSS
        from weasyprint.urls import FatalURLFetchingError

        try:
            return CSS(
                filename=str(path),
                base_url=self.base_url,
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
        except UnicodeDecodeError as exc:
            raise CsreportError(
                "templates.broken", template=path.name, line=1, problem=both("templates.not_text")
            ) from exc
        except (Exception, FatalURLFetchingError) as exc:  # (a BaseException in WeasyPrint)
            # an @import the fetcher refused, or CSS WeasyPrint rejects
            raise _failed(path.name, exc) from exc

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

    def layout(self, html: str, what: str, stylesheets: list[Any] | None = None) -> Any:
        """Lay out ``html`` into a WeasyPrint ``Document`` with ``stylesheets`` (the
        cards' by default); WeasyPrint failures become ``pdf.failed`` for ``what``."""
        from weasyprint.urls import FatalURLFetchingError

        sheets = self.stylesheets if stylesheets is None else stylesheets
        try:
            with self.accelerated():
                return self.parse(html).render(font_config=self.font_config, stylesheets=sheets)
        except CsreportError:
            raise
        except (Exception, FatalURLFetchingError) as exc:  # the latter is a BaseException
            if self.fast is not None and self.fast.mismatch(exc):
                return self.layout(html, what, stylesheets)  # again, on the public API
            raise _failed(what, exc) from exc

    def _pages_by_card(self, document: Any, count: int, what: str) -> list[list[Any]]:
        """Split a laid-out document into each card's pages, by the cards' anchors."""
        starts = anchor_starts(document)
        if sorted(starts) != list(range(count)):
            raise CsreportError("pdf.failed", agent=what, reason=both("pdf.card_not_laid_out"))
        bounds = [starts[i] for i in range(count)] + [len(document.pages)]
        return [document.pages[bounds[i] : bounds[i + 1]] for i in range(count)]

    def cards(
        self, agents: Sequence[AgentResult], meta: RunMeta, extras: CardExtras = NO_EXTRAS
    ) -> list[Card]:
        """Lay out ``agents``' cards, one page each where at all possible; ``extras`` holds
        their months before (``MonthResult.trends``) and the rules' grades for the cards.

        All cards share one layout pass; cards that spill onto a second page are laid
        out again together in compact mode (one still too long keeps its pages: each
        file's pages are numbered when it is written).
        """
        what = _who(agents[0]) if len(agents) == 1 else "—"
        sections = [self.card_section(i, a, meta, extras=extras) for i, a in enumerate(agents)]
        document = self.layout(self.document(sections, meta.shop), what)
        pages = self._pages_by_card(document, len(agents), what)
        documents = [document] * len(agents)
        long = [i for i, p in enumerate(pages) if len(p) > 1]
        if long:
            sections = [
                self.card_section(j, agents[i], meta, compact=True, extras=extras) for j, i in enumerate(long)
            ]
            again = self.layout(self.document(sections, meta.shop), what)
            for j, found in enumerate(self._pages_by_card(again, len(long), what)):
                pages[long[j]], documents[long[j]] = found, again
        return [
            Card(agent, p, _who(agent), self.title(agent, meta), d)
            for agent, p, d in zip(agents, pages, documents, strict=True)
        ]

    def summaries(
        self, month: MonthResult, *, cover: bool, teams: bool | Iterable[int]
    ) -> list[tuple[Any, list[Any]]]:
        """The shop PDF's cover (when ``cover``) and the teams' summary pages (``teams``: True
        for every team, else the indexes wanted, in ``summaries.teams_of`` order), laid out:
        the ``Document`` and the pages of each, the cover first.

        All share one layout pass; one that spills a little onto a second page is laid
        out again in compact mode (a big team with many reasons to show), and keeps its
        pages if it still does not fit. One that spills further keeps them at once: the
        compact mode saves about a sixth of the height (``might_fit``).
        """
        wanted = range(len(teams_of(month))) if teams is True else () if teams is False else teams
        sections = self.summary_sections(month, cover=cover, teams=wanted)

        def laid_out(chosen: list[int], compact: bool) -> list[tuple[Any, list[Any]]]:
            opening = '<section class="cover compact">' if compact else '<section class="cover">'
            wrapped = [
                f'{opening}<i class="{MARK_CLASS}" id="{ANCHOR}{j}"></i>{sections[i]}'
                f'<i class="{MARK_CLASS}" id="{END}{j}"></i></section>'
                for j, i in enumerate(chosen)
            ]
            document = self.layout(self.document(wrapped, month.meta.shop), "—", self.summary_stylesheets)
            return [(document, pages) for pages in self._pages_by_card(document, len(wrapped), "—")]

        found = laid_out(list(range(len(sections))), compact=False)
        long = [i for i, (_, pages) in enumerate(found) if might_fit(pages, i)]
        if long:
            for i, again in zip(long, laid_out(long, compact=True), strict=True):
                found[i] = again
        return found

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
        self.created = w3c_date(generation_date(meta.generated_at))  # the date alone, as the pages

    def pdf(self, document: Any, pages: Sequence[Any], title: str, *, numbered: bool = False) -> bytes:
        """A PDF of ``pages`` (laid out by this renderer; ``document`` is one of theirs),
        its pages numbered "1 / N" … when ``numbered``."""
        from csreport.outputs.pdf.merge import number_pdf

        try:
            out = document.copy(list(pages))
            metadata = copy.copy(out.metadata)
            metadata.title = title
            metadata.authors = [self.author]
            metadata.lang = self.lang
            metadata.created = self.created
            out.metadata = metadata
            with self.renderer.accelerated():
                data = bytes(out.write_pdf())
            return number_pdf(data) if numbered else data
        except CsreportError:
            raise
        except Exception as exc:  # an image that fails to encode, a font that fails ...
            raise CsreportError("pdf.failed", agent=title, reason=f"{type(exc).__name__}: {exc}") from exc

    def card_pdf(self, card: Card) -> bytes:
        """One agent's PDF: its page(s), numbered, and one outline entry."""
        return self.pdf(card.document, card.pages, card.title, numbered=True)

    def team_pdf(self, cards: Sequence[Card], title: str) -> bytes:
        """Several cards in one PDF with an outline entry per agent (not numbered: a part
        of the team's PDF, numbered once it is joined)."""
        return self.pdf(cards[0].document, [p for c in cards for p in c.pages], title)

    def cover_pdf(self, document: Any, title: str, pages: Sequence[Any] | None = None) -> bytes:
        """``pages`` of the laid-out ``document`` (all of them by default) as a PDF, not
        numbered: the shop cover or a team's summary page, numbered once joined."""
        return self.pdf(document, document.pages if pages is None else pages, title)


def might_fit(pages: Sequence[Any], index: int) -> bool:
    """Whether section ``index`` of a summary document, laid out on ``pages``, spills onto
    a second page by so little that the compact mode may bring it back onto one: by at
    most a quarter of the first page's height below the section's start (found by the
    section's start and end markers)."""
    if len(pages) != 2:
        return False
    top = pages[0].anchors.get(f"{ANCHOR}{index}")
    end = pages[1].anchors.get(f"{END}{index}")
    if top is None or end is None:
        return True  # a stylesheet that moved the markers: just try
    room = pages[0].height - 2 * top[1]  # the margins are about equal at the top and the bottom
    return bool(end[1] - top[1] <= room / 4)


def anchor_starts(document: Any, prefix: str = ANCHOR) -> dict[int, int]:
    """Card index -> number of the page it starts on, from the cards' anchors (``prefix`` and
    the index: the scorecards', or another document's such as the review's)."""
    starts: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            if name.startswith(prefix) and name[len(prefix) :].isdigit():
                starts.setdefault(int(name[len(prefix) :]), number)
    return starts


def team_template(templates: Templates) -> Any:
    """The team summary page's template (``team_summary.html``) of ``templates``' folder,
    else the shipped one; ``templates.broken`` when it does not compile."""
    import jinja2

    try:
        return templates.card.environment.get_template(TEAM_TEMPLATE)
    except jinja2.TemplateError as exc:
        raise template_error(exc, TEAM_TEMPLATE) from exc
    except UnicodeDecodeError as exc:
        raise CsreportError(
            "templates.broken", template=TEAM_TEMPLATE, line=1, problem=both("templates.not_text")
        ) from exc


def _rendered(template: Any, context: dict[str, Any]) -> str:
    """``template`` rendered; any failure inside is the template's fault."""
    try:
        return str(template.render(context))
    except Exception as exc:
        raise template_error(exc, template.name or TEAM_TEMPLATE) from exc


def _who(agent: AgentResult) -> str:
    """工号 and name as a bookmark, PDF title or error label: shortened like the card."""
    return f"{shorten(agent.agent_id, 'id')} {shorten(agent.name, 'name')}"
