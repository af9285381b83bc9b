"""The scorecards as self-contained HTML: for a browser to print, or for a person to print.

The same templates (``scorecard.html``, ``cover.html``, ``team_summary.html``), the same
variables (``context.scorecard_context``, ``summaries``) and the same stylesheets
(``scorecard.css``, ``summary.css``) as the WeasyPrint PDFs, with ``browser.css`` after them
for what a browser does differently. Every document stands alone: its stylesheets are
inlined, every picture (the branding logo, a file a template refers to) is a ``data:`` URL,
fonts are the computer's own, and a Content-Security-Policy lets the page load nothing else,
so a document can be opened, printed or mailed anywhere and never fetches from the network.
A template or stylesheet asking for a file outside its folder fails as it does with
WeasyPrint (``templates.refused_url``).

What WeasyPrint takes from CSS that browsers do not know is made here: the footer texts
(``string-set``/``string()``) become ``@page`` rules of their own, one named page per
different footer; the outline (``bookmark-*``) is written by ``browser`` from the anchors.

Used by ``browser`` (the PDFs printed by Edge/Chrome/Chromium) and by :func:`write_html_cards`:
the month's scorecards as HTML files where no PDF engine is available, each printing on A4
from any browser.
"""

from __future__ import annotations

import base64
import hashlib
import html
import mimetypes
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from csreport.messages import translate
from csreport.outputs.filenames import scorecard_filename
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.context import (
    NO_EXTRAS,
    WORD_JOINER,
    CardExtras,
    labels_for,
    scorecard_context,
    shorten,
)
from csreport.outputs.pdf.renderer import ANCHOR, END, MARK_CLASS, SUMMARY_CSS, team_template
from csreport.outputs.pdf.scorecards import ReportPaths
from csreport.outputs.pdf.summaries import Team, shop_context, team_context, team_name, teams_of
from csreport.outputs.pdf.templates import CSS_NAME, default_templates_dir, load_templates
from csreport.problems import CsreportError
from csreport.results import AgentResult, MonthResult, RunMeta
from csreport.util.atomic import write_text_atomic

BROWSER_CSS = "browser.css"
HTML_SUFFIX = ".html"
# Nothing may be loaded but the document itself: its inline styles and data: pictures. (A
# browser's system fonts are not loaded through the policy.)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
# The HTML scorecards a person prints have no second layout pass (the browser engine prints a card
# that runs onto a second page again in compact mode): this script gives a card taller than its
# page the compact style as the page opens. A sheet on screen is the printed page (browser.css:
# the same width, the page's height as its minimum, the page margins as its padding), so the
# card's height between its two markers is the height it prints at. The policy allows this one
# script by its hash, nothing else.
FIT_SCRIPT = (
    "(function () {"
    ' var cards = document.querySelectorAll("section.card");'
    " for (var i = 0; i < cards.length; i++) {"
    " var card = cards[i], style = getComputedStyle(card);"
    " var room = parseFloat(style.minHeight)"
    " - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);"
    " var used = card.lastElementChild.getBoundingClientRect().top"
    " - card.firstElementChild.getBoundingClientRect().top;"
    ' if (used > room) { card.classList.add("compact"); }'
    " }"
    "})();"
)
CSP_BY_HAND = (
    CSP
    + "; script-src 'sha256-"
    + base64.b64encode(hashlib.sha256(FIT_SCRIPT.encode()).digest()).decode()
    + "'"
)
PRINT_HINT_CLASS = "csreport-print-hint"
GLOSS_CLASS = "csreport-gloss"
# A data: URL for a picture is the picture, once per card that shows it: beyond this size a
# file is refused rather than repeated in every page of a big team.
MAX_INLINE_BYTES = 5 * 1024 * 1024

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]*)\1\s*\)?[^;]*;""", re.IGNORECASE)
_SRC = re.compile(r"""(\ssrc=)(["'])([^"']*)\2""", re.IGNORECASE)
# A Chinese term in parentheses held together by word joiners (``context.keep_glosses_whole``).
_GLOSS = re.compile(r"\(((?:[\u3400-\u4dbf\u4e00-\u9fff]\u2060)+[\u3400-\u4dbf\u4e00-\u9fff])\)")
_TEXT = re.compile(r">([^<]+)<")
_FOOTERS = re.compile(r'data-foot-left="([^"]*)"[^>]*?data-foot-center="([^"]*)"')


def card_label(agent: AgentResult) -> str:
    """工号 and name as an outline entry or a file's title, shortened like the card (as the
    WeasyPrint renderer labels them)."""
    return f"{shorten(agent.agent_id, 'id')} {shorten(agent.name, 'name')}"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end its rule or the ``<style>`` element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + re.sub(r"[\n\r\f]", " ", escaped) + '"'


@dataclass
class Inliner:
    """Turns the URLs a template or stylesheet uses into ``data:`` URLs: files inside the
    templates folder ``root`` and the ``allowed`` files (the logo); anything else (the web,
    a file elsewhere) is refused with ``templates.refused_url``, as the WeasyPrint fetcher
    refuses it."""

    root: Path
    allowed: frozenset[Path] = frozenset()
    cache: dict[Path, str] = field(default_factory=dict)

    def data_url(self, url: str, base: Path) -> str:
        """``url`` (relative to the folder ``base``) as a data: URL."""
        if url.startswith(("data:", "#")) or not url.strip():
            return url
        parts = urlsplit(url)
        if parts.scheme.lower() == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path))
        elif parts.scheme or parts.netloc:  # http:, https:, //host/...
            raise CsreportError("templates.refused_url", url=url, folder=str(self.root))
        else:
            path = base / unquote(parts.path)
        try:
            path = path.resolve()
        except OSError as exc:
            raise CsreportError("templates.refused_url", url=url, folder=str(self.root)) from exc
        inside = path.is_relative_to(self.root) or path in self.allowed
        if not inside or not path.is_file() or path.stat().st_size > MAX_INLINE_BYTES:
            raise CsreportError("templates.refused_url", url=url, folder=str(self.root))
        if path not in self.cache:
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.cache[path] = f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
        return self.cache[path]

    def css(self, text: str, base: Path, seen: tuple[Path, ...] = ()) -> str:
        """A stylesheet with its ``@import``s of the folder's files inlined and its ``url()``s
        as data: URLs (``</`` escaped so it cannot end the ``<style>`` element)."""

        def imported(match: re.Match[str]) -> str:
            target = (base / unquote(match.group(2))).resolve()
            if not target.is_relative_to(self.root) or not target.is_file() or target in seen:
                raise CsreportError("templates.refused_url", url=match.group(2), folder=str(self.root))
            return self.css(read_text(target), target.parent, (*seen, target))

        text = _CSS_IMPORT.sub(imported, text)
        text = _CSS_URL.sub(lambda m: f'url("{self.data_url(m.group(2), base)}")', text)
        return text.replace("</", "<\\/")

    def markup(self, text: str) -> str:
        """Rendered template markup with its ``src`` attributes as data: URLs (the values are
        the template's own: data from the workbooks is escaped text, never an attribute)."""
        text = glosses_whole(text)
        return _SRC.sub(
            lambda m: (
                f"{m.group(1)}{m.group(2)}{self.data_url(html.unescape(m.group(3)), self.root)}{m.group(2)}"
            ),
            text,
        )


def glosses_whole(markup: str) -> str:
    """``markup`` with each Chinese term that word joiners hold together ("(工\u2060号)") in a
    span that does not wrap instead: a browser keeps the joiners in the PDF's text, where they
    would stop a search for the term (WeasyPrint drops them)."""

    def whole(match: re.Match[str]) -> str:
        return f'<span class="{GLOSS_CLASS}">({match.group(1).replace(WORD_JOINER, "")})</span>'

    return _TEXT.sub(lambda m: ">" + _GLOSS.sub(whole, m.group(1)) + "<", markup)


def read_text(path: Path) -> str:
    """A template folder's text file; ``templates.broken`` when it is not UTF-8 text."""
    from csreport.messages import both

    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CsreportError(
            "templates.broken", template=path.name, line=1, problem=both("templates.not_text")
        ) from exc
    except OSError as exc:
        raise CsreportError("templates.not_found", path=str(path)) from exc


@dataclass(frozen=True)
class Section:
    """One rendered page-starting part of a document: a card or a summary page."""

    markup: str
    kind: str  # "card" or "cover" (the shop cover and the team summary pages)
    compact: bool = False
    label: str = ""  # the outline entry (a card's agent), "" for none

    def footers(self) -> tuple[str, str]:
        """The footer texts its header carries (``data-foot-left``, ``data-foot-center``)."""
        found = _FOOTERS.search(self.markup)
        return (html.unescape(found.group(1)), html.unescape(found.group(2))) if found else ("", "")


class HtmlPages:
    """The month's pages as HTML, built once per run: the templates folder's templates and
    stylesheets (inlined), in ``lang``, with ``branding``."""

    def __init__(self, templates_dir: Path | None = None, lang: str = "zh", branding: Branding | None = None):
        """Load and check the templates and stylesheets; ``templates.*``/``branding.*`` early."""
        self.templates_dir = Path(templates_dir or default_templates_dir()).resolve()
        self.lang = lang if lang in ("zh", "en") else "zh"
        self.html_lang = "en" if self.lang == "en" else "zh-CN"
        self.templates = load_templates(self.templates_dir)
        self.team_template = team_template(self.templates)
        self.branding = branding.validated() if branding is not None else None
        logo = self.branding.logo if self.branding else None
        self.inliner = Inliner(self.templates_dir, frozenset([logo]) if logo else frozenset())
        self.brand_context: dict[str, Any] | None = None
        if self.branding is not None:
            self.brand_context = self.branding.context()
            if logo is not None:
                self.brand_context["logo_url"] = self.inliner.data_url(logo.as_uri(), self.templates_dir)
        self.card_css = self._stylesheet(CSS_NAME)
        self.summary_css = self._stylesheet(SUMMARY_CSS)
        self.browser_css = self._stylesheet(BROWSER_CSS)
        self.brand_css = self.branding.css() if self.branding else ""

    def _stylesheet(self, name: str) -> str:
        """The folder's stylesheet ``name``, else the shipped one, inlined."""
        path = self.templates_dir / name
        if not path.is_file():
            path = default_templates_dir() / name
        return self.inliner.css(read_text(path), path.parent, (path.resolve(),))

    # -- sections ---------------------------------------------------------------------------

    def card(
        self, agent: AgentResult, meta: RunMeta, *, compact: bool = False, extras: CardExtras = NO_EXTRAS
    ) -> Section:
        """One agent's card (the ``scorecard.html`` template rendered)."""
        context = scorecard_context(
            agent,
            meta,
            self.lang,
            compact=compact,
            branding=self.brand_context,
            trends=extras.trends,
            grades=extras.grades,
        )
        markup = self.inliner.markup(self.templates.render("card", context))
        return Section(markup, "card", compact, card_label(agent))

    def cover(self, month: MonthResult) -> Section:
        """The shop PDF's cover page."""
        context = shop_context(month, self.lang, branding=self.brand_context)
        return Section(self.inliner.markup(self.templates.render("cover", context)), "cover")

    def team_page(self, month: MonthResult, team: Team) -> Section:
        """A team's summary page."""
        from csreport.outputs.pdf.templates import template_error

        context = team_context(month, team, self.lang, branding=self.brand_context)
        try:
            markup = str(self.team_template.render(context))
        except Exception as exc:
            raise template_error(exc, self.team_template.name or "team_summary.html") from exc
        return Section(self.inliner.markup(markup), "cover")

    def title(self, agent: AgentResult, meta: RunMeta) -> str:
        """An agent's scorecard title ("成绩单 2026-10 KF001 张三"), as WeasyPrint's PDFs have it."""
        return f"{labels_for(self.lang)['title']} {meta.month} {card_label(agent)}"

    # -- documents --------------------------------------------------------------------------

    def document(
        self,
        sections: Sequence[Section],
        title: str,
        *,
        for_print: bool = True,
        ends: bool = False,
    ) -> str:
        """A whole HTML document of ``sections``, one page (or more) each.

        Each section opens with an anchor marker ``ANCHOR<i>`` (and ends with ``END<i>`` when
        ``ends``), and a hidden list of links to the markers makes a browser's PDF name them as
        destinations (how ``browser`` finds the page each section starts on). ``for_print``:
        a document for a browser to print headless; otherwise one for a person (page numbers
        in the footer, a line saying how to print, pages drawn as sheets on screen). The cards'
        stylesheet applies to every section, the summary pages' one only to those pages.
        """
        footers: dict[tuple[str, str], int] = {}
        parts = []
        ends = ends or not for_print  # (the script fitting the cards measures to them)
        for i, section in enumerate(sections):
            page = footers.setdefault(section.footers(), len(footers))
            classes = f"{section.kind}{' compact' if section.compact else ''} csreport-p{page}"
            label = f' data-bookmark="{html.escape(section.label)}"' if section.label else ""
            end = f'<i class="{MARK_CLASS}" id="{END}{i}"></i>' if ends else ""
            parts.append(
                f'<section class="{classes}"{label}><i class="{MARK_CLASS}" id="{ANCHOR}{i}"></i>'
                f"{section.markup}{end}</section>"
            )
        marks = [ANCHOR, END] if ends else [ANCHOR]
        links = "".join(f'<a href="#{mark}{i}"></a>' for i in range(len(sections)) for mark in marks)
        hint = "" if for_print else f'<p class="{PRINT_HINT_CLASS}">{html.escape(self.print_hint())}</p>'
        script = "" if for_print else f"<script>{FIT_SCRIPT}</script>"
        styles = [self.card_css, self._summary_css(sections, for_print), self.browser_css, self.brand_css]
        styles.append(self._page_css(footers, numbered=not for_print))
        return (
            f'<!DOCTYPE html><html lang="{self.html_lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP if for_print else CSP_BY_HAND}">'
            f'<meta name="viewport" content="width=device-width">'
            f"<title>{html.escape(title)}</title>"
            + "".join(f"<style>{css}</style>" for css in styles if css)
            + f'</head><body>{hint}<nav class="csreport-anchors" hidden>{links}</nav>'
            + "".join(parts)
            + f"{script}</body></html>"
        )

    def _summary_css(self, sections: Sequence[Section], for_print: bool) -> str:
        """The summary pages' stylesheet: as it is when the document holds no cards (the
        browser prints summary pages and cards apart, like WeasyPrint), else nested under
        ``.cover`` so that it leaves the cards as the cards' stylesheet has them."""
        if not any(s.kind == "cover" for s in sections):
            return ""
        if all(s.kind == "cover" for s in sections):
            return self.summary_css
        return ".cover {\n" + self.summary_css + "\n}"

    def _page_css(self, footers: dict[tuple[str, str], int], *, numbered: bool) -> str:
        """One named page per different footer, with its texts in the margin boxes (what
        ``string-set`` does in WeasyPrint); page numbers when the document is printed by hand
        (a browser's PDFs are numbered when each file is written, as WeasyPrint's are)."""
        rules = []
        for (left, center), page in footers.items():
            boxes = ""
            if left:
                boxes += f" @bottom-left {{ content: {css_string(left)}; }}"
            if center:
                boxes += f" @top-right {{ content: {css_string(center)}; }}"
            rules.append(f".csreport-p{page} {{ page: csreport-p{page}; }}")
            rules.append(f"@page csreport-p{page} {{{boxes} }}")
        if numbered:
            rules.append('@page { @bottom-right { content: counter(page) " / " counter(pages); } }')
        return "\n".join(rules)

    def print_hint(self) -> str:
        """The line on screen above a hand-printed document (not printed)."""
        return translate("pdf_engine.print_hint", self.lang)


@dataclass(frozen=True)
class Names:
    """The month's output files, named as ``scorecards.render_reports`` names its PDFs (the
    same order of claiming, so the same names), with ``suffix``."""

    cards: dict[int, Path]  # agent index -> file
    teams: list[Path]  # in ``teams_of`` order
    shop: Path
    team_names: list[str]
    team_titles: list[str]
    shop_title: str

    @classmethod
    def of(cls, month: MonthResult, out_dir: Path, groups: Sequence[Team], lang: str, suffix: str) -> Names:
        """The names for ``groups`` (``teams_of(month)``) in ``out_dir``."""
        carded = sorted(i for team in groups for i in team.members)
        taken: set[str] = set()

        def named(first: str, second: str) -> Path:
            return out_dir / Path(scorecard_filename(first, second, taken)).with_suffix(suffix).name

        cards = {i: named(month.agents[i].agent_id, month.agents[i].name) for i in carded}
        names = [team_name(team.group, lang) for team in groups]
        heading = translate("summary.team_title", lang)
        teams = [named(translate("scorecard.team_file", lang), name) for name in names]
        shop = named(translate("scorecard.shop_file", lang), month.meta.month)
        return cls(
            cards,
            teams,
            shop,
            names,
            [f"{heading} {month.meta.month} {name}" for name in names],
            f"{translate('scorecard.shop_title', lang)} {month.meta.month}",
        )


def write_html_cards(
    month: MonthResult,
    out_dir: Path,
    *,
    templates_dir: Path | None = None,
    lang: str = "zh",
    progress: Callable[[int], None] | None = None,
    branding: Branding | None = None,
    teams: bool = True,
    shop: bool = True,
    meanwhile: Callable[[], None] | None = None,
    grades: Sequence[str] = (),
    **_ignored: Any,
) -> ReportPaths:
    """The month's scorecards as HTML files where no PDF can be made: one per agent, one per
    team (its summary page, then its members' cards) and one for the shop (the cover, then
    every team), named as the PDFs would be but ending in ``.html``. Each prints on A4 from
    any browser. Arguments as ``scorecards.render_reports`` takes them (``workers`` and
    ``cache_dir`` mean nothing here)."""
    try:
        pages = HtmlPages(templates_dir, lang, branding)
    finally:
        if meanwhile is not None:
            meanwhile()
    out_dir = Path(out_dir)
    groups = teams_of(month)
    shop = shop and bool(month.agents)
    names = Names.of(month, out_dir, groups, pages.lang, HTML_SUFFIX)
    made = ReportPaths(engine="html")
    if not names.cards and not shop:
        return made
    if progress is not None and len(names.cards) < len(month.agents):
        progress(len(month.agents) - len(names.cards))
    out_dir.mkdir(parents=True, exist_ok=True)
    everyone: list[Section] = []
    for number, team in enumerate(groups):
        extras = CardExtras.of(month.trends, [a.agent_id for a in team.agents], grades)
        cards = [pages.card(month.agents[i], month.meta, extras=extras) for i in team.members]
        for i, card in zip(team.members, cards, strict=True):
            title = pages.title(month.agents[i], month.meta)
            write_text_atomic(names.cards[i], pages.document([card], title, for_print=False))
        summary = pages.team_page(month, team)
        if teams:
            document = pages.document([summary, *cards], names.team_titles[number], for_print=False)
            write_text_atomic(names.teams[number], document)
            made.teams[team.group] = names.teams[number]
        everyone += [summary, *cards]
        made.rendered += len(cards)
        if progress is not None:
            progress(len(cards))
    made.scorecards = [names.cards[i] for i in sorted(names.cards)]
    if shop:
        document = pages.document([pages.cover(month), *everyone], names.shop_title, for_print=False)
        write_text_atomic(names.shop, document)
        made.shop = names.shop
    return made
