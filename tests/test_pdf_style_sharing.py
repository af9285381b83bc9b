"""Cards found by a data attribute instead of an id: same pages, shared styles."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from csreport.outputs.pdf.fast.gate import internals_tested
from csreport.outputs.pdf.fast.output import PdfSink
from csreport.outputs.pdf.fast.writer import paint_page
from csreport.outputs.pdf.renderer import CARD_ATTR, card_starts
from csreport.outputs.pdf.reports import ScorecardRenderer
from tests.factories import HOSTILE_NAMES, said, sample_month

pytestmark = pytest.mark.skipif(not internals_tested(),
                                reason="style sharing needs the tested WeasyPrint version")


def agents_with_a_long_card() -> tuple[list[Any], Any]:
    """The sample agents plus one card needing two pages, one hostile name, one repeat."""
    month = sample_month()
    long_notes = tuple(said(f"第{i}条备注：" + "很长的说明文字" * 12) for i in range(40))
    agents = [*month.agents, dataclasses.replace(month.agents[0], notes=long_notes),
              dataclasses.replace(month.agents[1], name=HOSTILE_NAMES[0]), month.agents[2]]
    return agents, month.meta


def rendered(share: bool) -> tuple[list[int], list[bytes], list[bytes]]:
    """Pages per card, painted content streams and card PDFs, with or without sharing."""
    agents, meta = agents_with_a_long_card()
    renderer = ScorecardRenderer()
    renderer.share_styles = share
    cards = renderer.cards(agents, meta)
    sink = PdfSink(renderer, meta)
    streams = [paint_page(page, renderer.pdf_fonts).content
               for card in cards for page in card.pages]
    return [len(c.pages) for c in cards], streams, [sink.card_pdf(c) for c in cards]


def test_marking_cards_by_attribute_renders_what_id_anchors_render() -> None:
    shared_pages, shared_streams, shared_pdfs = rendered(True)
    own_pages, own_streams, own_pdfs = rendered(False)
    assert shared_pages == own_pages
    assert max(shared_pages) >= 2  # the long card really spans pages
    assert shared_streams == own_streams
    assert shared_pdfs == own_pdfs


def header_styles(renderer: ScorecardRenderer, agents: list[Any], meta: Any) -> list[int]:
    """id() of the style of each card's header box, in card order."""
    document = renderer.layout(renderer.document(
        [renderer.card_section(i, a, meta) for i, a in enumerate(agents)], meta.shop), "—")
    found: list[int] = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if getattr(box, "element_tag", "") == "header":
                found.append(id(box.style))
            else:
                stack.extend(reversed(getattr(box, "children", ())))
    return found


def test_cards_after_the_first_share_computed_styles() -> None:
    month = sample_month()
    agents = month.agents[:4]
    renderer = ScorecardRenderer()
    shared = header_styles(renderer, agents, month.meta)
    assert len(shared) == 4 and len(set(shared[1:])) == 1
    renderer.share_styles = False
    assert len(set(header_styles(renderer, agents, month.meta))) == 4


def test_card_starts_ignore_marks_inside_a_card() -> None:
    month = sample_month()
    renderer = ScorecardRenderer()
    html = renderer.document(
        [renderer.card_section(0, month.agents[0], month.meta),
         f'<section class="card" {CARD_ATTR}="1"><p {CARD_ATTR}="7">x</p></section>'],
        month.meta.shop)
    assert card_starts(renderer.layout(html, "—")) == {0: 0, 1: 1}
