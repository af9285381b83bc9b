"""The lean user-agent stylesheet: same cards, fewer styles, lists and forms unharmed.

The cards made with it are compared with the stock stylesheet's on both PDF paths: the
other accelerators without the lean sheet, and WeasyPrint's public API alone."""

from __future__ import annotations

import io
import re
from pathlib import Path

import weasyprint
from pypdf import PdfReader

from csreport.outputs.pdf import fast
from csreport.outputs.pdf.fast.parse import lean_ua_text, use_stylesheet
from csreport.outputs.pdf.scorecards import ScorecardRenderer
from tests.factories import sample_month
from tests.template_copies import copy_templates
from tests.weasy_logs import both_pdf_paths, renderer_path  # noqa: F401

STOCK = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text(encoding="utf-8")


def page_texts(data: bytes) -> list[str]:
    """Each page's text without whitespace."""
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def test_lean_text_drops_the_universal_pseudo_rules_only() -> None:
    lean = lean_ua_text(STOCK)
    assert lean is not None
    for name in ("marker", "footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"):
        assert re.search(rf"^::{name}\b", lean, re.M) is None
    assert "li::marker, summary::marker {" in lean
    assert "tabular-nums" in lean.split("li::marker")[1]
    kept = [line for line in STOCK.splitlines() if not line.startswith("::")]
    assert all(line in lean for line in kept)


def test_unexpected_stylesheet_keeps_the_stock_one() -> None:
    assert lean_ua_text("html { display: block }") is None


def renderers(path: str, tdir: Path | None = None) -> tuple[ScorecardRenderer, ScorecardRenderer]:
    """A renderer with every accelerator, the lean user-agent stylesheet included, and one
    with the stock stylesheet on PDF path ``path``: every other accelerator ("fast"), or
    none at all ("public")."""
    lean, stock = ScorecardRenderer(tdir), ScorecardRenderer(tdir)
    lean.fast = fast.Accelerators()
    if path == "fast":
        stock.fast = fast.Accelerators(tuple(k for k in fast.Accelerators.LEVERS if k != "ua"))
    assert renderer_path(stock) == path
    return lean, stock


def test_cards_read_the_same_with_either_stylesheet(pdf_path: str) -> None:
    month = sample_month()
    lean, stock = renderers(pdf_path)
    html = lean.html(month.agents[0], month.meta)
    assert lean.parse(html)._ua_stylesheets() != stock.parse(html)._ua_stylesheets()
    for agent in month.agents:
        assert page_texts(lean.pdf_bytes(agent, month.meta)) == page_texts(stock.pdf_bytes(agent, month.meta))


def test_user_template_lists_keep_their_markers(tmp_path: Path, pdf_path: str) -> None:
    tdir = copy_templates(tmp_path, html="<ol><li>第一条</li><li>第二条</li></ol>")
    month = sample_month()
    lean, stock = renderers(pdf_path, tdir)
    text = page_texts(lean.pdf_bytes(month.agents[0], month.meta))[0]
    assert "1.2." in text  # the list's markers (pypdf does not see the items' own text)
    assert text == page_texts(stock.pdf_bytes(month.agents[0], month.meta))[0]


def test_form_documents_get_the_stock_sheets() -> None:
    document = weasyprint.HTML(string="<p>x</p>")
    stock_forms = document._ua_stylesheets(True)
    use_stylesheet(document, "lean")
    assert document._ua_stylesheets() == ["lean"]
    assert document._ua_stylesheets(True) == stock_forms
