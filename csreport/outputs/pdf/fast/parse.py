"""Parsing scorecard documents faster: the XML parser, a leaner user-agent stylesheet.

XML: WeasyPrint's HTML5 parser is pure Python and takes about a tenth of the layout
time; our documents are XHTML, which the C XML parser reads almost for free.
``xml_html`` builds WeasyPrint's ``HTML`` around the parsed tree the way
``HTML.__init__`` does after parsing: it calls ``HTML.__new__`` and sets the internal
attributes ``base_url``, ``url_fetcher``, ``media_type``, ``wrapper_element`` and
``etree_element`` (WeasyPrint 70). Anything not well-formed (a user's template with
``<br>``) is left to the public ``HTML(string=...)``.

User-agent stylesheet:

WeasyPrint's HTML5 stylesheet gives *every* element six pseudo-elements
(``::marker``, ``::footnote-call``, ``::footnote-marker``, ``::note-call``,
``::note-marker``, ``::note-callback``), and a computed style is built for each of
them whether or not the box ever exists. In a scorecard document that is about six
styles per element, roughly a tenth of the layout time. This copy scopes the marker
rule to list items and leaves out the footnote and note rules: a user template that
uses ``float: footnote`` can add those rules to its own ``scorecard.css``.

The hook (``HTML._ua_stylesheets``, a method WeasyPrint 70's ``HTML.render`` calls) is
an internal; ``weasyprint/css/html5_ua.css`` is read as a file. Anything unexpected
keeps the stock stylesheet. Internals are looked up through ``fast.internal``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from csreport.outputs.pdf.fast import internal

_UNIVERSAL_PSEUDO = re.compile(
    r"^::(?P<name>marker|footnote-call|footnote-marker|note-call|note-marker|note-callback)"
    r"\s*\{(?P<body>[^}]*)\}\s*$",
    re.M,
)


def lean_ua_text(stock: str) -> str | None:
    """``stock`` (WeasyPrint's ``html5_ua.css``) without the universal pseudo-element
    rules, the marker rule kept for ``li`` and ``summary``; None if it is not the text
    expected (another WeasyPrint layout), so that the caller keeps the stock sheet."""
    found = {m["name"]: m["body"] for m in _UNIVERSAL_PSEUDO.finditer(stock)}
    if "marker" not in found:
        return None
    lean = _UNIVERSAL_PSEUDO.sub("", stock)
    return f"{lean}\nli::marker, summary::marker {{{found['marker']}}}\n"


def lean_ua_stylesheet(font_config: Any) -> Any | None:
    """The lean user-agent stylesheet as a WeasyPrint ``CSS``, or None to keep the stock one."""
    import weasyprint
    from weasyprint import CSS

    try:
        stock = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text(encoding="utf-8")
    except OSError:
        return None
    text = lean_ua_text(stock)
    return None if text is None else CSS(string=text, font_config=font_config)


def use_stylesheet(document: Any, sheet: Any | None) -> Any:
    """Make WeasyPrint's ``HTML`` ``document`` use ``sheet`` as its user-agent stylesheet
    (form documents keep the stock ones); return the document."""
    if sheet is not None:
        internal("weasyprint", "HTML._ua_stylesheets")
        stock = document._ua_stylesheets

        def sheets(forms: bool = False) -> list[Any]:
            return stock(forms) if forms else [sheet]

        document._ua_stylesheets = sheets
    return document


def xml_html(html: str, base_url: str, fetcher: Any) -> Any | None:
    """A WeasyPrint ``HTML`` for ``html`` parsed as XML, or None when it is not well-formed."""
    from weasyprint import HTML

    from_html_root = internal("cssselect2", "ElementWrapper.from_html_root")
    try:
        root = ElementTree.fromstring(html)
    except ElementTree.ParseError:
        return None
    document = HTML.__new__(HTML)
    document.base_url = base_url
    document.url_fetcher = fetcher
    document.media_type = "print"
    document.wrapper_element = from_html_root(root, content_language=None)
    document.etree_element = document.wrapper_element.etree_element
    return document
