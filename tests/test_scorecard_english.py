"""English PDFs speak English: no Chinese on them but the data and "(中文)" after English terms.

Real runs (WeasyPrint), read back with pypdf: the sample month's scorecards, team PDFs and
shop PDF, and one card with every optional part (not in the roster, a rescaled total, a
percentile, a missing KPI, a bonus). What may stay Chinese is the data (names, groups, levels,
the rules' own names, band labels and veto reasons) and a Chinese term in parentheses right
after its English one ("Level (级别)", "Not cleared (不予上岗)").
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from csreport.api import RunOptions, run_month
from csreport.messages import Bilingual, Note
from csreport.outputs.pdf.scorecards import ScorecardRenderer
from csreport.results import AttendanceSummary, Conclusion
from csreport.util.resources import sample_workbooks_dir
from tests.factories import kpi, sample_month
from tests.weasy_logs import both_pdf_paths, renderer_path, written_on  # noqa: F401

# Han characters, CJK punctuation (、。「」 and the ideographic space) and full-width forms (（）：).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# A Chinese term in parentheses right after an English word, e.g. "Level (级别)", once the
# text's whitespace is gone ("Level(级别)").
# White space but the ideographic one, which is Chinese typography.
SPACE = re.compile(r"[^\S\u3000]+")
GLOSS = re.compile(r"(?<=[A-Za-z])\([\u3400-\u4dbf\u4e00-\u9fff]{1,8}\)")


def data_strings(value: Any) -> Iterator[str]:
    """Every text of a result: the data a PDF may show as it is.

    A note's parameters are data too (the rules' veto reasons, KPI names); of a two-language
    parameter, the English side is what an English PDF shows.
    """
    if isinstance(value, str):
        yield value
    elif isinstance(value, Bilingual):
        yield value.en
    elif isinstance(value, Note):
        for _, param in value.params:
            yield from data_strings(param)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from data_strings(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from data_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from data_strings(key)
            yield from data_strings(item)


def pdf_texts(data: bytes) -> list[str]:
    """Each page's text and each bookmark's title."""
    reader = PdfReader(io.BytesIO(data))

    def titles(outline: list[Any]) -> Iterator[str]:
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    title = reader.metadata.title if reader.metadata else None
    return [page.extract_text() for page in reader.pages] + list(titles(reader.outline)) + [title or ""]


def foreign(text: str, data: list[str]) -> list[str]:
    """The Chinese left in ``text`` once the data and the glosses are taken out."""
    flat = SPACE.sub("", text)
    for value in sorted({SPACE.sub("", d) for d in data}, key=len, reverse=True):
        if value and CJK.search(value):
            flat = flat.replace(value, "")
    flat = GLOSS.sub("", flat)
    return [m.group() + "@" + flat[max(m.start() - 15, 0) : m.end() + 15] for m in CJK.finditer(flat)]


def test_foreign_sees_labels_and_forgives_data_and_glosses() -> None:
    data = ["张三", "一组", "400 元/月"]
    assert foreign("Name 张三\nGroup 一\n组 Level (级别) 400 元/月", data) == []
    assert [f[0] for f in foreign("工号 KF001", data)] == ["工", "号"]
    assert [f[0] for f in foreign("Pass rate\u300083%（", data)] == ["\u3000", "（"]
    assert [f[0] for f in foreign("(级别) 12", data)] == ["级", "别"]  # a gloss follows English
    assert len(foreign("Missing (缺数据，按规则记 0 分)", data)) == 9  # and is a term, not a sentence


def test_the_sample_month_in_english(tmp_path: Path, pdf_path: str) -> None:
    report = run_month([sample_workbooks_dir()], RunOptions(tmp_path / "out", shop="测试旗舰店", lang="en"))
    assert report.pdf_error is None
    assert {written_on(p) for p in report.scorecards} == {pdf_path}
    data = list(data_strings(report.result))
    pdfs = [*report.scorecards, *report.bundles]
    assert len(report.scorecards) == len(report.result.agents) and len(report.bundles) >= 2
    found = {p.name: [f for text in pdf_texts(p.read_bytes()) for f in foreign(text, data)] for p in pdfs}
    assert {name: left for name, left in found.items() if left} == {}
    shop = next(p for p in report.bundles if p.name.startswith("Shop"))
    text = re.sub(r"\s+", " ", " ".join(pdf_texts(shop.read_bytes())))
    assert "Not cleared (不予上岗)" in text and "Internal, confidential" in text


def test_a_card_with_every_part_in_english(pdf_path: str) -> None:
    month = sample_month()
    base = month.agents[2]  # 缺数据: a KPI without samples
    kpis = list(base.kpis)
    kpis[4] = dataclasses.replace(
        kpis[4],
        missing_reason=Note.of("kpi.no_samples"),
        policy_note=Note.of("kpi.missing_excluded"),
        excluded=True,
    )
    kpis[1] = dataclasses.replace(kpis[1], mode="rank", percentile=0.5)
    kpis[3] = kpi("sales", "销售额", 20, 12345.5, 10, unit="yuan", band="[0, ∞)")
    agent = dataclasses.replace(
        base,
        in_roster=False,
        conclusion=Conclusion.FAIL,
        total=50.0,
        grade="D",
        coefficient=0.5,
        rank=3,
        kpis=tuple(kpis),
        notes=(Note.of("agent.unknown_to_roster"),),
        veto_reasons=(Note.of("veto.total_threshold", total="50", limit="60"),),
        rescale=1.25,
        rescale_note=Note.of(
            "agent.rescaled", names=Bilingual("工作态度", "Attitude"), ratio="100/80", factor="1.25"
        ),
        level_benefits=(("年假天数", "7"), ("住房补贴", "400 元/月")),
        bonus_base=1500.0,
        bonus=750.0,
        attendance=AttendanceSummary(present=20, late=2, early_leave=1, leave=1, absent=1),
    )
    data = list(data_strings(agent)) + list(data_strings(month.meta))
    renderer = ScorecardRenderer(lang="en")
    assert renderer_path(renderer) == pdf_path
    pdf = renderer.pdf_bytes(agent, month.meta)
    texts = pdf_texts(pdf)
    assert [f for text in texts for f in foreign(text, data)] == []
    page = re.sub(r"\s+", " ", texts[0])
    for words in (
        "Agent ID (工号)",
        "Level (级别)",
        "Coefficient (系数)",
        "Not cleared (不予上岗)",
        "Bonus (绩效奖金)",
        "Bonus base (奖金基数) 1,500.00 × coefficient (系数) 0.50",
        "Not in the roster",
        "percentile in group 50%",
        "Missing: left out by the rules",
        "Total 50 ≤ 60",
        "Present 20 · Late 2 · Left early 1 · Leave 1 · Absent 1",
        "12,345.50 yuan",
        "Internal, confidential",
        "Level (级别) benefits",
    ):
        assert words in page, words
