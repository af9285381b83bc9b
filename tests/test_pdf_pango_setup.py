"""Pango set-up made once per style must paint exactly what WeasyPrint's own set-up paints."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from csreport.outputs.pdf import fast
from csreport.outputs.pdf.fast.writer import paint_page
from csreport.outputs.pdf.scorecards import ScorecardRenderer
from csreport.results import AgentResult, RunMeta
from tests.factories import HOSTILE_NAMES, said, sample_month
from tests.template_copies import copy_templates


def rendered(
    tdir: Path | None, agents: list[AgentResult], meta: RunMeta, cached: bool
) -> tuple[list[bytes], list[bytes]]:
    """Painted content streams and card PDFs, with or without the per-style set-up."""
    renderer = ScorecardRenderer(tdir)
    levers = tuple(k for k in fast.Accelerators.LEVERS if cached or k != "pango")
    renderer.fast = accelerators = fast.Accelerators(levers)
    cards = renderer.cards(agents, meta)
    writer = renderer.writer(meta)
    with renderer.accelerated():
        streams = [paint_page(page, accelerators.fonts).content for c in cards for page in c.pages]
    assert not accelerators.broken
    return streams, [writer.card_pdf(c) for c in cards]


def test_applied_only_inside_the_block() -> None:
    from weasyprint.css import units
    from weasyprint.text import line_break

    stock_setup, stock_strut = line_break.Layout.setup, units.strut
    renderer = ScorecardRenderer()
    assert renderer.fast is not None
    with renderer.accelerated(), renderer.accelerated():
        assert line_break.Layout.setup is fast.pango_setup.setup
        assert units.strut is fast.pango_setup.strut
    assert line_break.Layout.setup is stock_setup and units.strut is stock_strut


def test_cards_are_byte_identical() -> None:
    month = sample_month()
    long_notes = tuple(said(f"第{i}条备注：" + "很长的说明文字" * 12) for i in range(30))
    agents = [
        *month.agents,
        dataclasses.replace(month.agents[0], notes=long_notes),
        dataclasses.replace(month.agents[1], name=HOSTILE_NAMES[0]),
    ]
    cached = rendered(None, agents, month.meta, True)
    assert len(cached[0]) > len(month.agents)  # the long card has two pages
    assert cached == rendered(None, agents, month.meta, False)


@pytest.mark.parametrize(
    "css",
    [
        # decorations take the font metrics path, features the attribute-list path
        "p.extra { text-decoration: underline line-through; }",
        "p.extra { font-variant-numeric: tabular-nums; font-kerning: none; }",
        "p.extra { letter-spacing: 1pt; word-spacing: 4pt; direction: rtl; }",
        "p.extra { font-size: 14pt; line-height: 2; font-language-override: 'JAN'; }",
        # styles WeasyPrint copies and then changes: ::first-line, ::first-letter, ex/ch/lh units
        "p.extra::first-line { font-size: 12pt; } p.extra::first-letter { font-size: 20pt; }"
        " p.extra { margin-left: 2ex; padding: 1lh 1ch; white-space: pre-wrap; tab-size: 3; }",
    ],
)
def test_user_text_styles_are_byte_identical(tmp_path: Path, css: str) -> None:
    text = "Text with 12345 digits,\tlong enough to wrap. 中文混排的一段文字，编号 0123。"
    # SVG text has plain styles of its own: WeasyPrint's path
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20">'
        '<text x="0" y="15" font-size="9">SVG 图表文字 42</text></svg>'
    )
    tdir = copy_templates(tmp_path, css=css, html=f'<p class="extra" lang="en">{text} {text}</p>\n{svg}')
    month = sample_month()
    agents = list(month.agents[:3])
    assert rendered(tdir, agents, month.meta, True) == rendered(tdir, agents, month.meta, False)
