"""Cards anchored by an empty marker inside them share computed styles and render what
cards anchored on themselves render."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from csreport.outputs.pdf.renderer import ANCHOR, anchor_starts
from csreport.outputs.pdf.scorecards import ScorecardRenderer
from tests.factories import HOSTILE_NAMES, said, sample_month
from tests.weasy_logs import both_pdf_paths, pdf_contents  # noqa: F401

pytestmark = pytest.mark.usefixtures("pdf_path")  # every test on both PDF paths


def agents_with_a_long_card() -> tuple[list[Any], Any]:
    """The sample agents plus one card needing two pages, one hostile name, one repeat."""
    month = sample_month()
    long_notes = tuple(said(f"第{i}条备注：" + "很长的说明文字" * 12) for i in range(40))
    agents = [
        *month.agents,
        dataclasses.replace(month.agents[0], notes=long_notes),
        dataclasses.replace(month.agents[1], name=HOSTILE_NAMES[0]),
        month.agents[2],
    ]
    return agents, month.meta


def rendered(share: bool, tmp: Any) -> tuple[list[int], dict]:
    """Pages per card and the card and team PDFs' contents, with or without sharing."""
    agents, meta = agents_with_a_long_card()
    renderer = ScorecardRenderer()
    renderer.share_styles = share
    cards = renderer.cards(agents, meta)
    writer = renderer.writer(meta)
    tmp.mkdir()
    for number, card in enumerate(cards):
        (tmp / f"{number}.pdf").write_bytes(writer.card_pdf(card))
    (tmp / "team.pdf").write_bytes(writer.team_pdf(cards, "team"))
    return [len(c.pages) for c in cards], pdf_contents(tmp)


def test_anchor_inside_renders_what_anchor_on_the_card_renders(tmp_path: Any) -> None:
    shared_pages, shared = rendered(True, tmp_path / "shared")
    own_pages, own = rendered(False, tmp_path / "own")
    assert shared_pages == own_pages
    assert max(shared_pages) >= 2  # the long card really spans pages
    assert shared == own


def header_styles(renderer: ScorecardRenderer, agents: list[Any], meta: Any) -> list[int]:
    """id() of the style of each card's header box, in card order (test-only look at
    WeasyPrint's boxes: the renderer itself never walks them)."""
    document = renderer.layout(
        renderer.document([renderer.card_section(i, a, meta) for i, a in enumerate(agents)], meta.shop), "—"
    )
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
    agents = list(month.agents[:4])
    renderer = ScorecardRenderer()
    shared = header_styles(renderer, agents, month.meta)
    assert len(shared) == 4 and len(set(shared[1:])) == 1
    renderer.share_styles = False
    assert len(set(header_styles(renderer, agents, month.meta))) == 4


def test_cards_are_found_by_their_anchors_only() -> None:
    month = sample_month()
    renderer = ScorecardRenderer()
    html = renderer.document(
        [
            renderer.card_section(0, month.agents[0], month.meta),
            f'<section class="card"><p id="{ANCHOR}x">x</p><p id="{ANCHOR}1">y</p></section>',
        ],
        month.meta.shop,
    )
    assert anchor_starts(renderer.layout(html, "—")) == {0: 0, 1: 1}
