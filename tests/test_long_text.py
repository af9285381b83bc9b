"""Very long workbook text is shortened on the PDFs, kept whole in the workbook.

A 32,767-character 姓名 (Excel's cell limit) used to make a 116-page scorecard; 500
characters already broke "one A4 page per agent". Real workbooks in, real PDFs out
(WeasyPrint), read back with pypdf and openpyxl.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from csreport.api import RunOptions, run_month
from csreport.outputs.pdf.context import SHOWN_WIDTH, scorecard_context, shorten
from csreport.outputs.pdf.scorecards import ScorecardRenderer
from csreport.results import SourceRef
from tests.factories import kpi, said, sample_month
from tests.weasy_logs import both_pdf_paths, renderer_path, weasyprint_warnings, written_on  # noqa: F401
from tests.workbooks import ATT_HEADER, QA_HEADER, REC_HEADER, ROSTER_HEADER, write_xlsx

LIMIT = 32_767  # characters in one Excel cell
D = dt.datetime(2026, 10, 3)
# Distinct texts, so a page's text shows which of them leaked in whole.
LONG_NAME = "长" * LIMIT
LONG_GROUP = "组" * (LIMIT - 1) + "末"
LONG_LEVEL = "L" * LIMIT  # Latin without a break: must wrap or be cut, never overflow


def pages_text(data: bytes) -> list[str]:
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def longest_run(text: str, ch: str) -> int:
    return max((len(m) for m in re.findall(f"{re.escape(ch)}+", text)), default=0)


def test_shorten_counts_wide_characters_twice() -> None:
    assert shorten("张三", "name") == "张三"
    assert shorten("  张\n三 ", "name") == "张 三"  # one line
    assert shorten(None, "name") == ""
    width = SHOWN_WIDTH["name"]
    assert shorten("a" * width, "name") == "a" * width  # fits exactly: not cut
    assert shorten("a" * (width + 1), "name") == "a" * (width - 1) + "…"
    assert shorten("张" * (width // 2 + 1), "name") == "张" * (width // 2 - 1) + "…"
    assert shorten("ab " + "c" * width, "name") == "ab " + "c" * (width - 4) + "…"
    assert shorten("e\u0301" * width, "name").endswith("e…")  # no accent left on the "…"


def test_long_roster_text_keeps_the_card_on_one_page(tmp_path: Path, pdf_path: str) -> None:
    roster: list[Sequence[Any]] = [
        ROSTER_HEADER,
        ["K1", LONG_NAME, LONG_GROUP, D, "正式", LONG_LEVEL, ""],
        ["K2", "乙", "一组", D, "正式", "老员工", ""],
    ]
    sheets: dict[str, Sequence[Sequence[Any]]] = {
        "花名册": roster,
        "考勤": [ATT_HEADER, ["K1", "", D, "出勤"], ["K2", "乙", D, "出勤"]],
        "接待": [REC_HEADER, *([a, D, 1000, 1000, 990, 30, 15, 800, 600, 50000] for a in ("K1", "K2"))],
        "质检": [QA_HEADER, ["K1", D, "c1", "满意", 90, "", "否"], ["K2", D, "c2", "满意", 90, "", "否"]],
    }
    src = write_xlsx(tmp_path / "in" / "十月.xlsx", sheets)
    with weasyprint_warnings() as records:
        report = run_month([src], RunOptions(tmp_path / "out", workers=1, shop="店" * 5000))
    assert not records, [r.getMessage() for r in records]

    assert {written_on(p) for p in report.scorecards} == {pdf_path}
    card = next(p for p in report.scorecards if p.name.startswith("K1_"))
    [page] = pages_text(card.read_bytes())
    assert "长长长…" in page and longest_run(page, "长") <= SHOWN_WIDTH["name"] // 2
    assert "组组…" in page and "末" not in page
    assert longest_run(page, "L") < SHOWN_WIDTH["level"] and "L…" in page
    assert "店…" in page and longest_run(page, "店") <= SHOWN_WIDTH["shop"] // 2
    other = next(p for p in report.scorecards if p.name.startswith("K2_"))
    assert len(PdfReader(other).pages) == 1

    # The team PDF holds its summary page and one page per member; the shop PDF a cover and
    # each team's pages.
    [team] = [p for p in report.bundles if "组组" in p.name]
    team_pages = pages_text(team.read_bytes())
    assert len(team_pages) == 2 and "组组…" in team_pages[0]
    assert longest_run(team_pages[0], "组") <= SHOWN_WIDTH["group"] // 2
    shop = next(p for p in report.bundles if p.name.startswith(("全店", "shop")))
    shop_pages = pages_text(shop.read_bytes())
    assert len(shop_pages) == 5 and "组组…" in shop_pages[0]
    assert longest_run(shop_pages[0], "组") <= SHOWN_WIDTH["group"] // 2

    # The workbook keeps every text whole.
    wb = openpyxl.load_workbook(report.workbook, read_only=True)
    rows = list(wb["汇总"].iter_rows(values_only=True))
    wb.close()
    header = next(r for r in rows if "姓名" in r)  # below the 考核表's own title row
    k1 = next(r for r in rows if r[0] == "K1")
    assert k1[header.index("姓名")] == LONG_NAME
    assert k1[header.index("组别")] == LONG_GROUP
    assert k1[header.index("级别")] == LONG_LEVEL


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_long_text_on_a_card_is_cut(lang: str, pdf_path: str) -> None:
    """Notes, reasons, KPI names, bands, sources and benefits too, all at once."""
    month = sample_month()
    base = month.agents[1]  # the vetoed agent: it has a veto reason on the card
    long_kpis = tuple(
        dataclasses.replace(
            k,
            name="项" * LIMIT,
            name_en="K" * LIMIT,
            band="(" + "9" * LIMIT,
            band_label="区" * LIMIT,
            band_words=said("档" * LIMIT, "B" * LIMIT),
            at_bound=said("恰" * LIMIT, "X" * LIMIT),
            basis=said("据" * LIMIT, "W" * LIMIT),
            sources=(SourceRef("文" * 255 + ".xlsx", "表" * 31, (1, 3, 5)),),
        )
        for k in base.kpis
    )
    missing = kpi("attitude", "态" * LIMIT, 20, None, None, unit="score", missing="缺" * LIMIT)
    agent = dataclasses.replace(
        base,
        agent_id="9" * LIMIT,
        name="名" * LIMIT,
        group="组" * LIMIT,
        level="级" * LIMIT,
        status="状" * LIMIT,
        table_name="表" * LIMIT,
        kpis=(*long_kpis[:-1], missing),
        veto_reasons=(said("否" * LIMIT, "V" * LIMIT),),
        notes=(said("备" * LIMIT), said("注" * LIMIT), said("N " * (LIMIT // 2))),
        level_benefits=(("待" * LIMIT, "遇" * LIMIT),),
        attitude_items=(("分" * LIMIT, 8.0, 10.0),),
    )
    meta = dataclasses.replace(month.meta, shop="店" * LIMIT, rules_name="规" * LIMIT)
    context = scorecard_context(agent, meta, lang)
    assert context["agent"]["name"].endswith("…") and context["agent"]["id"].endswith("…")
    assert all(s.endswith("…") for s in context["kpis"][0]["sources"])
    assert context["result"].name == "名" * LIMIT  # the whole text is still there

    renderer = ScorecardRenderer(lang=lang)
    assert renderer_path(renderer) == pdf_path
    with weasyprint_warnings() as records:
        [card] = renderer.cards([agent], meta)
        data = renderer.pdf_bytes(agent, meta)
    assert not records, [r.getMessage() for r in records]
    assert len(card.pages) == 1
    [page] = pages_text(data)
    widest = max(SHOWN_WIDTH.values())
    # Each text is on the page, and none whole: wide characters count twice.
    for ch in "名组级状表备注待规店缺分" + ("VBXW" if lang == "en" else "否档恰据"):
        wide = ch not in "VBXW"
        assert 0 < longest_run(page, ch) <= (widest // 2 if wide else widest), ch
    # The interval notation and the rules' own band text are not on the card at all.
    assert longest_run(page, "9") <= SHOWN_WIDTH["id"] and "区" not in page
    assert page.count("…") >= 15 + 3 * 4
