"""Layout edge cases of the many-cards-per-document renderer and its PDF writer."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from csreport.outputs.pdf.scorecards import ScorecardRenderer, render_reports
from tests.factories import said, sample_month
from tests.template_copies import copy_templates
from tests.weasy_logs import both_pdf_paths, weasyprint_warnings  # noqa: F401

pytestmark = pytest.mark.usefixtures("pdf_path")  # every test on both PDF paths


def squashed(data: bytes) -> list[str]:
    """Each page's text without whitespace."""
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def test_card_too_long_for_a_page_is_compacted_then_numbered(tmp_path: Path) -> None:
    month = sample_month()
    long_notes = tuple(said(f"第{i}条备注：" + "很长的说明文字" * 12) for i in range(40))
    wordy = dataclasses.replace(month.agents[0], notes=long_notes)
    short = month.agents[1]
    renderer = ScorecardRenderer()
    cards = renderer.cards([short, wordy, short], month.meta)
    assert [len(c.pages) for c in cards] == [1, len(cards[1].pages), 1]
    assert len(cards[1].pages) >= 2
    data = renderer.pdf_bytes(wordy, month.meta)
    pages = squashed(data)
    assert len(pages) == len(cards[1].pages)
    assert [f"{n}/{len(pages)}" in text for n, text in enumerate(pages, 1)] == [True] * len(pages)
    assert "第39条备注" in "".join(pages)


def test_card_that_fits_only_when_compact_is_one_page(tmp_path: Path) -> None:
    month = sample_month()
    some_notes = tuple(said(f"备注{i}") for i in range(9))
    fitting = dataclasses.replace(month.agents[0], notes=some_notes)
    renderer = ScorecardRenderer()
    [card] = renderer.cards([fitting], month.meta)
    assert len(card.pages) == 1
    assert "备注8" in squashed(renderer.pdf_bytes(fitting, month.meta))[0]


def test_html_template_with_links_uses_weasyprints_writer(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    html = tdir / "scorecard.html"
    html.write_text(
        html.read_text(encoding="utf-8").replace(
            "<h1>{{ title }}", '<h1><a href="https://example.invalid/">{{ title }}</a>'
        ),
        encoding="utf-8",
    )
    paths = render_reports(sample_month(), tmp_path / "out", templates_dir=tdir, workers=1)
    reader = PdfReader(paths.scorecards[0])
    assert len(reader.pages) == 1 and "张三" in reader.pages[0].extract_text()
    assert [o.title for o in reader.outline] == ["1001 张三"]  # from the cards' bookmark CSS
    # The team PDF: its summary page, then one entry per member.
    team = [getattr(o, "title", o) for o in PdfReader(paths.teams["一组"]).outline]
    assert len(team) == 4 and team[1:] == ["1001 张三", "1002 李四", "1003 王五"]


def test_html_only_markup_falls_back_to_the_html_parser(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    html = tdir / "scorecard.html"
    html.write_text(
        html.read_text(encoding="utf-8").replace(
            "<h1>{{ title }}", "<p>旧模板<br>换行&nbsp;测试</p><h1>{{ title }}"
        ),
        encoding="utf-8",
    )
    month = sample_month()
    text = squashed(ScorecardRenderer(tdir).pdf_bytes(month.agents[0], month.meta))[0]
    assert "旧模板换行" in text and "张三" in text


def test_old_style_full_document_template_still_renders(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    html = tdir / "scorecard.html"
    body = html.read_text(encoding="utf-8")
    html.write_text(
        '<!DOCTYPE html>\n<html lang="{{ html_lang }}"><head><meta charset="utf-8">'
        "<title>{{ title }}</title></head>\n<body>" + body + "</body></html>\n",
        encoding="utf-8",
    )
    paths = render_reports(sample_month(), tmp_path / "out", templates_dir=tdir, workers=1)
    assert [len(PdfReader(p).pages) for p in paths.scorecards] == [1, 1, 1, 1]
    assert len(PdfReader(paths.shop).pages) == 7  # the cover, each of 2 teams' summary, 4 cards


def test_untested_weasyprint_uses_only_its_public_api(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from csreport.outputs.pdf import fast

    monkeypatch.setattr(fast, "TESTED_VERSIONS", ())
    renderer = ScorecardRenderer()
    assert renderer.fast is None
    month = sample_month()
    paths = render_reports(month, tmp_path, workers=1)
    assert [len(PdfReader(p).pages) for p in paths.scorecards] == [1, 1, 1, 1]
    assert "张三" in PdfReader(paths.scorecards[0]).pages[0].extract_text()
    assert len(PdfReader(paths.shop).outline) == 5  # cover, two teams with their agents


def test_warning_guard_sees_weasyprints_warnings(tmp_path: Path) -> None:
    tdir = copy_templates(tmp_path)
    css = tdir / "scorecard.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.name { colour: red; }\n", encoding="utf-8")
    month = sample_month()
    with weasyprint_warnings() as records:
        ScorecardRenderer(tdir).pdf_bytes(month.agents[0], month.meta)
    assert any("colour" in r.getMessage() for r in records)
