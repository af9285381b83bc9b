"""Reusing laid-out Pango layouts for drawing must paint exactly what WeasyPrint paints."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from csreport.outputs.pdf.fast import text_reuse as pdf_text_reuse
from csreport.outputs.pdf.fast.writer import paint_page
from csreport.outputs.pdf.reports import ScorecardRenderer
from csreport.results import AgentResult, RunMeta
from tests.factories import HOSTILE_NAMES, sample_month
from tests.template_copies import copy_templates


@pytest.fixture(autouse=True)
def reuse_restored() -> Iterator[None]:
    """Leave the process as the renderer sets it up: reuse installed."""
    yield
    pdf_text_reuse.install()


def painted(renderer: ScorecardRenderer, agents: list[AgentResult], meta: RunMeta,
            reuse: bool, times: int = 1) -> list[bytes]:
    """Every page's compressed content stream, laid out and painted with or without reuse."""
    (pdf_text_reuse.install if reuse else pdf_text_reuse.uninstall)()
    cards = renderer.cards(agents, meta)
    return [paint_page(page, renderer.pdf_fonts).content
            for card in cards for page in card.pages for _ in range(times)]


def test_install_is_idempotent_and_undone() -> None:
    from weasyprint.text.line_break import Layout

    pdf_text_reuse.uninstall()
    stock = Layout.reactivate
    pdf_text_reuse.install()
    pdf_text_reuse.install()
    assert pdf_text_reuse.installed() and Layout.reactivate is not stock
    pdf_text_reuse.uninstall()
    assert not pdf_text_reuse.installed() and Layout.reactivate is stock


def test_cards_paint_byte_identical() -> None:
    month = sample_month()
    long_notes = tuple(f"第{i}条备注：" + "很长的说明文字" * 12 for i in range(30))
    agents = [*month.agents, dataclasses.replace(month.agents[0], notes=long_notes),
              dataclasses.replace(month.agents[1], name=HOSTILE_NAMES[0])]
    renderer = ScorecardRenderer()
    assert painted(renderer, agents, month.meta, True) == \
        painted(renderer, agents, month.meta, False)


def test_page_painted_twice_is_the_same_both_times() -> None:
    month = sample_month()
    renderer = ScorecardRenderer()
    first, second = painted(renderer, [month.agents[0]], month.meta, True, times=2)
    assert first == second


@pytest.mark.parametrize("css", [
    "p.extra { text-align: justify; width: 60mm; }",
    "p.extra { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; width: 30mm; }",
    "p.extra { letter-spacing: 2pt; word-spacing: 5pt; overflow-wrap: anywhere; width: 25mm; }",
])
def test_user_text_styles_paint_identically(tmp_path: Path, css: str) -> None:
    text = "Justified text with several words in it, long enough to wrap twice. 中文混排的一段文字。"
    tdir = copy_templates(tmp_path, html=f'<p class="extra">{text} {text}</p>', css=css)
    month = sample_month()
    renderer = ScorecardRenderer(tdir)
    assert painted(renderer, list(month.agents[:2]), month.meta, True) == \
        painted(renderer, list(month.agents[:2]), month.meta, False)
