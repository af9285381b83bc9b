"""Each agent's sample on the card, in 计算明细 and in the JSON: how many chats, the customers'
satisfaction among them, the plain mean (the score that counts) and the mean weighted by the
sampling mix (for information), computed once in the aggregates."""

from __future__ import annotations

import ast
import dataclasses
import io
import re
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from csreport.outputs.json import agent_record
from csreport.outputs.numbers import format_value
from csreport.outputs.pdf.context import scorecard_context
from csreport.outputs.pdf.renderer import ScorecardRenderer
from csreport.outputs.xlsx.workbook import write_workbook
from csreport.results import MonthResult, QaSample
from csreport.rules.loader import load_rules
from csreport.rules.model import SamplingRules
from csreport.rules.sampling import standard_sampling
from csreport.scoring.aggregate import aggregate_all
from csreport.scoring.score import sample_words, score_month
from tests.factories import sample_month, sample_rules
from tests.weasy_logs import weasyprint_warnings

# The brief's example: eight chats, 1/1/2/2/2 over the five words, every one with a total.
EIGHT = QaSample(
    8,
    8,
    (("非常满意", 1), ("满意", 1), ("一般", 2), ("不满意", 2), ("非常不满意", 2)),
    82.5,
    80.125,
)
EIGHT_ZH = (
    "抽查 8 条：非常满意 1 · 满意 1 · 一般 2 · 不满意 2 · 非常不满意 2；平均 82.5 分（计分用）；"
    "按抽样比例加权 80.1 分（仅供参考）"
)
# The satisfaction words as the sampling rules say them in English (sample_rules.stratum.*).
EIGHT_EN = (
    "8 chats: very satisfied (非常满意) 1 · satisfied (满意) 1 · neutral (一般) 2 · dissatisfied (不满意) 2"
    " · very dissatisfied (非常不满意) 2; mean 82.5 pts (scored); mix-weighted 80.1 pts (for information)"
)


def qa_frame(rows: list[tuple[str, str | None, float | None]]) -> pd.DataFrame:
    """The month's QA rows as the inputs leave them: agent, satisfaction word, 态度得分."""
    return pd.DataFrame(
        {
            "agent_id": [a for a, _, _ in rows],
            "chat_id": [f"C{i}" for i in range(len(rows))],
            "satisfaction": pd.Series([w for _, w, _ in rows], dtype=object),
            "attitude_score": [s for _, _, s in rows],
            "_file": "质检.xlsx",
            "_sheet": "质检",
            "_row": list(range(2, len(rows) + 2)),
        }
    )


ROWS = [
    ("K1", "非常满意", 90.0),
    ("K1", "一般", 80.0),
    ("K1", "一般", 70.0),
    ("K1", "不满意", 60.0),
    ("K1", "未评价", 100.0),
    ("K1", "非常不满意", None),  # a chat without a total: in the mix, in no mean
    ("K2", None, 88.0),  # a sheet without 满意度
    ("K2", None, 70.0),
]


def samples(sampling: SamplingRules | None = None) -> dict[str, QaSample | None]:
    """Each agent's sample of ROWS, the chats sampled by ``sampling`` (the standard's by default),
    passed in as the commands pass it."""
    found = aggregate_all({"qa": qa_frame(ROWS)}, {}, load_rules("standard"), sampling or standard_sampling())
    return {a: agg.qa_sample for a, agg in found.items()}


def test_the_mix_and_both_means_are_counted_once_in_the_aggregates() -> None:
    k1 = samples()["K1"]
    assert k1 is not None
    # Six chats, five with a total; the mix counts all six (it says which chats were sampled).
    assert (k1.chats, k1.scored, k1.mix) == (
        6,
        5,
        (("非常满意", 1), ("一般", 2), ("不满意", 1), ("非常不满意", 1), ("未评价", 1)),
    )
    assert k1.mean == pytest.approx((90 + 80 + 70 + 60 + 100) / 5)  # 80: the five chats with a total
    # Unrated chats count in 一般 (the standard's unrated), so the strata scored are 非常满意 (90),
    # 一般 ((80 + 70 + 100) / 3) and 不满意 (60), with the shares 10%, 30% and 20% renormalised:
    # (0.1 × 90 + 0.3 × 250 / 3 + 0.2 × 60) / 0.6 = 46 / 0.6.
    assert k1.weighted == pytest.approx(46 / 0.6)


def test_an_agent_whose_satisfaction_is_not_known_shows_only_the_count_and_mean() -> None:
    k2 = samples()["K2"]
    assert k2 == QaSample(2, 2, (), 79.0, None)


def test_without_the_sampling_rules_there_is_no_weighted_mean() -> None:
    found = aggregate_all({"qa": qa_frame(ROWS)}, {}, load_rules("standard"))
    k1 = found["K1"].qa_sample
    assert k1 is not None
    assert (k1.chats, k1.scored, k1.mean, k1.weighted) == (6, 5, 80.0, None)


def test_unrated_chats_follow_the_rules() -> None:
    standard = standard_sampling()
    excluded = samples(dataclasses.replace(standard, unrated="exclude"))["K1"]
    assert excluded is not None
    # 一般 is (80 + 70) / 2 only: (0.1 × 90 + 0.3 × 75 + 0.2 × 60) / 0.6 = 43.5 / 0.6.
    assert excluded.weighted == pytest.approx(43.5 / 0.6)
    own = dataclasses.replace(
        standard,
        unrated="未评价",
        mix=(
            ("非常满意", Fraction(1, 10)),
            ("一般", Fraction(3, 10)),
            ("不满意", Fraction(2, 10)),
            ("非常不满意", Fraction(2, 10)),
            ("未评价", Fraction(2, 10)),
        ),
    )
    alone = samples(own)["K1"]
    assert alone is not None
    # 未评价 its own stratum (100, share 20%): (0.1 × 90 + 0.3 × 75 + 0.2 × 60 + 0.2 × 100) / 0.8.
    assert alone.weighted == pytest.approx(63.5 / 0.8)
    # The mix counts the words as they are, whatever the rules make of them.
    assert alone.mix == excluded.mix


def test_the_sample_in_words() -> None:
    assert sample_words(EIGHT).text("zh") == EIGHT_ZH
    assert sample_words(EIGHT).text("en") == EIGHT_EN
    one = sample_words(QaSample(1, 1, (), None, None))
    assert (one.text("zh"), one.text("en")) == ("抽查 1 条", "1 chat")
    # A mean to the decimals of the KPI's value: "79.0 分", as the 工作态度 row shows it.
    bare = sample_words(QaSample(3, 3, (), 79.0, None))
    assert (bare.text("zh"), bare.text("en")) == (
        "抽查 3 条；平均 79.0 分（计分用）",
        "3 chats; mean 79.0 pts (scored)",
    )
    finer = sample_words(QaSample(3, 3, (), 84.96, 84.951), decimals=2)
    assert finer.text("zh") == "抽查 3 条；平均 84.96 分（计分用）；按抽样比例加权 84.95 分（仅供参考）"


def test_the_chats_with_a_total_are_said_when_some_have_none() -> None:
    seven = dataclasses.replace(EIGHT, scored=7)
    assert sample_words(seven).text("zh") == EIGHT_ZH.replace("抽查 8 条：", "抽查 8 条（7 条有总分）：")
    assert sample_words(seven).text("en") == EIGHT_EN.replace("8 chats: ", "8 chats (7 with a total): ")
    none = sample_words(QaSample(1, 0, (("一般", 1),), None, None))
    assert (none.text("zh"), none.text("en")) == (
        "抽查 1 条（0 条有总分）：一般 1",
        "1 chat (0 with a total): neutral (一般) 1",
    )


def scored_month(rows: list[tuple[str, str | None, float | None]]) -> MonthResult:
    """``rows`` scored by the standard rules, the chats sampled by the standard's sampling."""
    rules = load_rules("standard")
    aggregates = aggregate_all({"qa": qa_frame(rows)}, {}, rules, standard_sampling())
    month, _ = score_month({}, aggregates, rules, sample_month().meta)
    return month


def test_scoring_names_the_kpis_the_mean_is_the_value_of() -> None:
    month = scored_month(ROWS)
    k1 = next(a for a in month.agents if a.agent_id == "K1")
    assert k1.qa_sample is not None and k1.qa_sample.kpi_ids == ("attitude",)
    assert k1.qa_sample.words is not None
    # K1's six chats, one of them (非常不满意) without a total: the mean is over the other five.
    assert k1.qa_sample.words.text("zh") == (
        "抽查 6 条（5 条有总分）：非常满意 1 · 一般 2 · 不满意 1 · 非常不满意 1 · 未评价 1；"
        "平均 80.0 分（计分用）；按抽样比例加权 76.7 分（仅供参考）"
    )
    assert k1.qa_sample.words.text("en") == (
        "6 chats (5 with a total): very satisfied (非常满意) 1 · neutral (一般) 2 · dissatisfied (不满意) 1"
        " · very dissatisfied (非常不满意) 1 · unrated (未评价) 1; mean 80.0 pts (scored); mix-weighted "
        "76.7 pts (for information)"
    )
    attitude = next(k for k in k1.kpis if k.kpi_id == "attitude")
    assert attitude.raw == k1.qa_sample.mean
    assert format_value(attitude) == "80.0 分"


def test_the_means_read_as_the_attitude_value_does() -> None:
    # 90 and 68.04 average to 79.02000000000001 in floating point: 79.02 in the result and the
    # JSON, as the KPI's value, and "79.0 分" on the line as in the 工作态度 row.
    month = scored_month([("K1", "一般", 90.0), ("K1", "不满意", 68.04)])
    k1 = month.agents[0]
    attitude = next(k for k in k1.kpis if k.kpi_id == "attitude")
    assert k1.qa_sample is not None and k1.qa_sample.words is not None
    assert (k1.qa_sample.mean, attitude.raw) == (79.02, 79.02)
    record = agent_record(k1, "zh")["qa_sample"]
    # Weighted by the standard's 一般 30% and 不满意 20%: (0.3 × 90 + 0.2 × 68.04) / 0.5 = 81.216.
    assert (record["mean"], record["weighted"]) == (79.02, 81.216)
    assert format_value(attitude) == "79.0 分"
    assert k1.qa_sample.words.text("zh") == (
        "抽查 2 条：一般 1 · 不满意 1；平均 79.0 分（计分用）；按抽样比例加权 81.2 分（仅供参考）"
    )


def test_a_mean_shown_with_more_decimals_is_said_with_them_on_the_line() -> None:
    # 84.96 would read "85.0 分" beside the band 70–85 分（不含 85 分）: the value is shown
    # "84.96 分", and so is the mean on the line.
    month = scored_month([("K1", "一般", 84.96)])
    k1 = month.agents[0]
    attitude = next(k for k in k1.kpis if k.kpi_id == "attitude")
    assert format_value(attitude) == "84.96 分"
    assert k1.qa_sample is not None and k1.qa_sample.words is not None
    assert k1.qa_sample.words.text("zh") == (
        "抽查 1 条：一般 1；平均 84.96 分（计分用）；按抽样比例加权 84.96 分（仅供参考）"
    )


# --- where it is shown ---------------------------------------------------------------------------


def month_with_sample() -> MonthResult:
    month = sample_month()
    sample = dataclasses.replace(EIGHT, words=sample_words(EIGHT), kpi_ids=("attitude",))
    agents = (dataclasses.replace(month.agents[0], qa_sample=sample), *month.agents[1:])
    return dataclasses.replace(month, agents=agents)


@pytest.mark.parametrize(("lang", "line"), [("zh", EIGHT_ZH), ("en", EIGHT_EN)])
def test_the_card_has_the_line_under_the_kpis(lang: str, line: str) -> None:
    month = month_with_sample()
    context = scorecard_context(month.agents[0], month.meta, lang)
    assert context["sample_line"] == line
    html = ScorecardRenderer(lang=lang).templates.render("card", context)
    assert f'<p class="sample">{line}</p>' in html
    # Right under the KPI table, before attendance.
    under = r'<table class="kpis.*</table>\s*<p class="sample">[^<]*</p>\s*<p class="attendance">'
    assert re.search(under, html, re.S)
    without = scorecard_context(month.agents[1], month.meta, lang)
    assert without["sample_line"] is None
    assert 'class="sample"' not in ScorecardRenderer(lang=lang).templates.render("card", without)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_card_prints_the_line_on_its_one_page(lang: str) -> None:
    month = month_with_sample()
    renderer = ScorecardRenderer(lang=lang)
    context = scorecard_context(month.agents[0], month.meta, lang)
    html = renderer.document(
        [f'<section class="card">{renderer.templates.render("card", context)}</section>'], "card"
    )
    with weasyprint_warnings() as records, renderer.accelerated():
        document = renderer.layout(html, "card")
        data = document.write_pdf()
    assert not records
    assert len(document.pages) == 1  # not even the compact layout is needed
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert re.sub(r"\s+", "", EIGHT_ZH if lang == "zh" else EIGHT_EN) in text


@pytest.mark.parametrize(
    ("lang", "header", "line"), [("zh", "抽查样本", EIGHT_ZH), ("en", "QA sample", EIGHT_EN)]
)
def test_the_detail_sheet_shows_the_sample_on_the_attitude_row(
    tmp_path: Path, lang: str, header: str, line: str
) -> None:
    month = month_with_sample()
    path = write_workbook(month, [], sample_rules(), tmp_path / "r.xlsx", lang=lang)
    sheet = openpyxl.load_workbook(path)["计算明细" if lang == "zh" else "Calculation detail"]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(header)
    assert rows[0][column - 1] == ("样本数" if lang == "zh" else "Sample size")
    kpi = rows[0].index("指标" if lang == "zh" else "KPI")
    shown = [(r[0], r[kpi], r[column]) for r in rows[1:] if r[column]]
    attitude = month.agents[0].kpis[4]
    assert shown == [("1001", attitude.name if lang == "zh" else attitude.name_en, line)]


def test_the_json_carries_the_counts_and_both_means() -> None:
    month = month_with_sample()
    assert agent_record(month.agents[0], "zh")["qa_sample"] == {
        "chats": 8,
        "scored": 8,
        "mix": {"非常满意": 1, "满意": 1, "一般": 2, "不满意": 2, "非常不满意": 2},
        "mean": 82.5,
        "weighted": 80.125,
        "kpis": ["attitude"],
        "text": EIGHT_ZH,
    }
    assert agent_record(month.agents[0], "en")["qa_sample"]["text"] == EIGHT_EN
    assert agent_record(month.agents[1], "zh")["qa_sample"] is None


# --- scoring reads no file ---------------------------------------------------------------------


def test_scoring_never_reads_the_standard_preset_for_the_sampling() -> None:
    rules, sampling = load_rules("standard"), standard_sampling()
    standard_sampling.cache_clear()  # from here, any call is counted
    try:
        aggregates = aggregate_all({"qa": qa_frame(ROWS)}, {}, rules, sampling)
        month, _ = score_month({}, aggregates, rules, sample_month().meta)
        calls = standard_sampling.cache_info()
    finally:
        standard_sampling()  # leave it cached as it was
    assert calls.hits + calls.misses == 0
    k1 = next(a for a in month.agents if a.agent_id == "K1")
    assert k1.qa_sample is not None and k1.qa_sample.weighted == pytest.approx(46 / 0.6)


def test_no_scoring_module_names_the_rules_loader() -> None:
    # The loader, the preset's text and the standard's sampling read files: the commands layer
    # resolves the sampling rules and passes them in.
    reading = {"standard_sampling", "_standard_block", "load_rules", "preset_text", "csreport.rules.loader"}
    found = []
    for path in sorted((Path(__file__).parents[1] / "csreport" / "scoring").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [node.module or "", *(a.name for a in node.names)]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.id]
                if isinstance(node, ast.Name)
                else [node.attr]
                if isinstance(node, ast.Attribute)
                else []
            )
            found += [(path.name, n) for n in names if n in reading]
    assert found == []
