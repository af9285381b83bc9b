"""The scorecard speaks the reader's language: bands as a person writes them, every value with its
unit, what each value was made of in words, deductions as deductions (issue 13).

The sample month (``sample_workbooks``) is read, scored and rendered by the real parts (the
workbook is left out: this is about the cards), with the standard rules and with the same rules
scoring attendance too (a full-attendance band and a per-time deduction). The PDFs are read
back with pypdf; the layout is checked on WeasyPrint's own boxes.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from csreport.inputs.dataset import load_dataset
from csreport.messages import Note
from csreport.outputs.numbers import format_value
from csreport.outputs.pdf.context import WORD_JOINER, keep_glosses_whole, scorecard_context
from csreport.outputs.pdf.renderer import ScorecardRenderer
from csreport.outputs.pdf.scorecards import render_reports
from csreport.results import AgentResult, MonthResult, RunMeta
from csreport.rules.loader import load_rules, parse_rules, preset_text
from csreport.rules.model import RuleSet
from csreport.rules.wording import field_name, quantity
from csreport.scoring.aggregate import aggregate_all
from csreport.scoring.score import score_month
from csreport.util.resources import sample_workbooks_dir
from tests.factories import kpi, sample_month
from tests.test_scorecard_english import data_strings, foreign
from tests.weasy_logs import both_pdf_paths, weasyprint_warnings, written_on  # noqa: F401

pytestmark = pytest.mark.usefixtures("pdf_path")  # every test on both PDF paths

# Interval notation as the rules write it: "[95%, 98%)", "(45, 80]", "[0, ∞)".
INTERVAL = re.compile(r"[\[(]\s*-?[\d.]+%?\s*,\s*(-?[\d.]+%?|∞|inf)\s*[\])]")
# A rules field id ("avg_response_s", "paid_orders"); the signature lines' underscores follow a space.
FIELD_ID = re.compile(r"[A-Za-z]_[a-z]")


def standard_with_attendance() -> RuleSet:
    """The standard rules with the regular table also scoring attendance, as the preset's own
    comment says to do it: ``include: [attendance]`` and a total raised by 5."""
    text = preset_text("standard")
    regular = "    name: 正式\n    name_en: Regular\n    applies_to: {}\n    total: 100\n"
    assert text.count(regular) == 1
    text = text.replace(regular, regular.replace("total: 100", "total: 105\n    include: [attendance]"))
    return parse_rules(text, source="standard+attendance")


def scored(rules: RuleSet) -> MonthResult:
    """The sample month scored by ``rules``."""
    dataset = load_dataset([sample_workbooks_dir()])
    meta = RunMeta(
        shop="示例旗舰店",
        month=dataset.month,
        rules_name=rules.name,
        rules_name_en=rules.name_en,
        rules_hash=rules.hash,
        generated_at="2026-11-01T09:00:00",
    )
    month, _ = score_month(dataset.roster, aggregate_all(dataset.frames, dataset.letters, rules), rules, meta)
    return month


@dataclasses.dataclass
class Cards:
    """One scored month and its cards' text, by 工号, per language."""

    month: MonthResult
    text: dict[str, dict[str, str]]  # lang -> 工号 -> the card's text, whitespace as extracted

    def agent(self, agent_id: str) -> AgentResult:
        return next(a for a in self.month.agents if a.agent_id == agent_id)

    def squashed(self, lang: str, agent_id: str) -> str:
        """The card's text without whitespace (table cells wrap long texts)."""
        return re.sub(r"\s+", "", self.text[lang][agent_id])

    def spaced(self, lang: str, agent_id: str) -> str:
        """The card's text with each run of whitespace as one space."""
        return re.sub(r"\s+", " ", self.text[lang][agent_id])


def render(month: MonthResult, out: Path, pdf_path: str) -> Cards:
    text: dict[str, dict[str, str]] = {}
    with weasyprint_warnings() as records:
        for lang in ("zh", "en"):
            paths = render_reports(
                month, out / lang, lang=lang, workers=1, teams=False, shop=False
            ).scorecards
            assert {written_on(p) for p in paths} == {pdf_path}
            assert [len(PdfReader(p).pages) for p in paths] == [1] * len(month.agents)
            text[lang] = {
                p.name.split("_")[0]: "".join(page.extract_text() for page in PdfReader(p).pages)
                for p in paths
            }
    assert [r.getMessage() for r in records] == []
    return Cards(month, text)


@pytest.fixture(scope="module")
def standard(tmp_path_factory: pytest.TempPathFactory, pdf_path: str) -> Cards:
    """The sample month's cards under the standard rules."""
    return render(scored(load_rules("standard")), tmp_path_factory.mktemp(f"std-{pdf_path}"), pdf_path)


@pytest.fixture(scope="module")
def attendance(tmp_path_factory: pytest.TempPathFactory, pdf_path: str) -> Cards:
    """The sample month's cards with attendance scored (regular table only)."""
    return render(scored(standard_with_attendance()), tmp_path_factory.mktemp(f"att-{pdf_path}"), pdf_path)


# --- Chinese -------------------------------------------------------------------------------


def test_exactly_on_a_bound_says_which_band_counts_it(standard: Cards) -> None:
    """KF013's 平均响应时长 is exactly 45 s and 回复率 exactly 98% (2,646 of 2,700)."""
    kf013 = {k.kpi_id: k for k in standard.agent("KF013").kpis}
    assert (kf013["avg_response"].raw, kf013["reply_rate"].raw) == (45.0, 0.98)
    text = standard.squashed("zh", "KF013")
    for words in (
        "平均响应时长45.0秒",
        "按接待人数加权平均（接待人数合计2,860）≤45秒恰好45秒算此档15/15",
        "回复率98.00%",
        "2,646/2,700（回复人数/咨询人数）≥98%恰好98%算此档20/20",
        "咨询转化率55.00%1,573/2,860（付款订单数/接待人数）≥55%恰好55%算此档25/25",
        "质检0次同类差错最多次数（8条抽检）0次20/20",
        "工作态度85.0分8条抽检的平均85–100分恰好85分算此档20/20",
    ):
        assert words in text, words


def test_a_band_range_says_the_side_it_leaves_out_once(standard: Cards) -> None:
    """KF001: 45.56 s in (45, 80], 96.04% in [95%, 98%), 72 in [70, 85), each once in words."""
    text = standard.squashed("zh", "KF001")
    for words in (
        "平均响应时长45.6秒按接待人数加权平均（接待人数合计1,790）45–80秒（不含45秒）10/15",
        "回复率96.04%1,623/1,690（回复人数/咨询人数）95%–98%（不含98%）15/20",
        "咨询转化率52.01%931/1,790（付款订单数/接待人数）50%–55%（不含55%）20/25",
        "工作态度72.0分8条抽检的平均70–85分（不含85分）15/20",
    ):
        assert words in text, words
    assert text.count("95%–98%") == 1 and "恰好" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_interval_notation_no_source_wording_no_field_ids(standard: Cards, lang: str) -> None:
    for agent in standard.month.agents:
        page = standard.spaced(lang, agent.agent_id)
        assert not INTERVAL.search(page), (agent.agent_id, INTERVAL.search(page))
        assert "[" not in page and "]" not in page and "∞" not in page, agent.agent_id
        for k in agent.kpis:  # the source tables' own wording ("<=45S", "无原则解答差错") is for audit
            assert not k.band_label or k.band_label not in page, (agent.agent_id, k.band_label)
        for engine in ("<=", ">=", "分子", "分母", "Num.", "denom."):
            assert engine not in page, (agent.agent_id, engine)
        assert not FIELD_ID.search(page), (agent.agent_id, FIELD_ID.search(page))


def test_the_source_tables_wording_is_not_on_the_card(standard: Cards) -> None:
    text = standard.squashed("zh", "KF005")  # 60.76 s: the band the source writes "60S>均响<=80S"
    assert "45–80秒（不含45秒）" in text
    assert "60S>均响" not in text and "<=80S" not in text and ">=55%" not in text and "≥55%" in text


def test_a_missing_kpi_says_why_in_the_basis(standard: Cards) -> None:
    text = standard.squashed("zh", "KF011")
    assert "差错缺数据没有抽查记录—" in text and "服务态度缺数据没有抽查记录—" in text
    assert "—/30" in text


def test_attendance_scored_reads_as_a_deduction(attendance: Cards) -> None:
    """KF006: late 2, early leave 1, leave 1 day. 全勤奖 counts late + early + absent + leave = 4
    (> 0: no bonus); 迟到早退扣分 takes 1 point per time: 3 points off, on a total of 105."""
    text = attendance.squashed("zh", "KF006")
    assert "全勤奖4次迟到次数2+早退次数1+旷工天数0+请假天数1>0次0/5" in text
    assert "迟到早退扣分3次迟到次数2+早退次数1每1次扣1分，最多扣5分扣3分" in text
    assert "-3/0" not in text and "/105" in text
    assert "迟到2次" in text and "早退1次" in text and "请假1天" in text  # the attendance line
    full = attendance.squashed("zh", "KF002")  # nothing late, nothing missed
    assert "全勤奖0次迟到次数0+早退次数0+旷工天数0+请假天数00次5/5" in full
    assert "迟到早退扣分0次迟到次数0+早退次数0每1次扣1分，最多扣5分0分" in full
    english = attendance.spaced("en", "KF006")
    assert "Times late 2 + Early leaves 1" in english and "−3 pts" in english


# --- English -------------------------------------------------------------------------------


def test_english_card_words(standard: Cards) -> None:
    page = standard.spaced("en", "KF013")
    for words in (
        "Average response time 45.0 s weighted by Sessions received (2,860 in all) ≤ 45 s",
        "exactly 45 s counts in this band 15 / 15",
        "98.00% 2,646 / 2,700 (Customers replied / Customers who asked) ≥ 98%",
        "exactly 98% counts in this band",
        "mean of 8 sampled chats 85–100 pts exactly 85 pts counts in this band",
        "85.0 pts",
        "KPI Value Basis Band or rule Points",
    ):
        assert words in page, words
    assert "45–80 s (not including 45 s)" in standard.spaced("en", "KF001")


@pytest.mark.parametrize("which", ["standard", "attendance"])
def test_english_cards_have_no_chinese_but_data(which: str, request: pytest.FixtureRequest) -> None:
    cards: Cards = request.getfixturevalue(which)
    data = list(data_strings(cards.month.agents)) + list(data_strings(cards.month.meta))
    left = {a: foreign(text, data) for a, text in cards.text["en"].items()}
    assert {a: f for a, f in left.items() if f} == {}


# --- layout ---------------------------------------------------------------------------------


def _boxes(box: Any, table: str = "") -> Iterator[tuple[Any, str]]:
    """Every box under ``box`` with the class of the table it is in ("" outside tables)."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TableBox):
        table = box.element.get("class") or ""
    yield box, table
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child, table)


def overflowing_texts(page: Any) -> list[str]:
    """The texts of the KPI and agent tables that reach outside their cell."""
    from weasyprint.formatting_structure import boxes

    out = []
    for cell, table in _boxes(page._page_box):
        if not isinstance(cell, boxes.TableCellBox) or table.split()[:1] not in (["kpis"], ["agent"]):
            continue
        left, right = cell.content_box_x(), cell.content_box_x() + cell.width
        top, bottom = cell.content_box_y(), cell.content_box_y() + cell.height
        for text, _ in _boxes(cell):
            if isinstance(text, boxes.TextBox) and not (
                left - 0.5 <= text.position_x
                and text.position_x + text.width <= right + 0.5
                and top - 0.5 <= text.position_y
                and text.position_y + text.height <= bottom + 0.5
            ):
                out.append(text.text)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_long_words_wrap_inside_their_cells(lang: str, standard: Cards, attendance: Cards) -> None:
    """The longest bases and rules of the sample month (seven KPIs with attendance), and a
    card whose every band, basis and bound note is as long as the card allows: no text leaves
    its cell, the card stays one page."""
    renderer = ScorecardRenderer(lang=lang)
    month = attendance.month
    cards = renderer.cards(list(month.agents), month.meta)
    assert [len(c.pages) for c in cards] == [1] * len(cards)
    assert {c.agent.agent_id: overflowing_texts(c.pages[0]) for c in cards} == {
        a.agent_id: [] for a in month.agents
    }
    wordy = Note.of("veto.rule", reason="依据很长的说明 " * 20 + "Basis in many words " * 10)
    agent = standard.agent("KF006")  # a veto, five KPIs
    long = dataclasses.replace(
        agent,
        kpis=tuple(dataclasses.replace(k, basis=wordy, band_words=wordy, at_bound=wordy) for k in agent.kpis),
    )
    [card] = renderer.cards([long], month.meta)
    assert len(card.pages) == 1 and overflowing_texts(card.pages[0]) == []
    page = re.sub(
        r"\s+", "", PdfReader(io.BytesIO(renderer.pdf_bytes(long, month.meta))).pages[0].extract_text()
    )
    assert page.count("…") >= 3 * len(agent.kpis)  # each cut, visibly


# --- the words themselves ------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit, raw, zh, en",
    [
        ("s", 45.55715, "45.6 秒", "45.6 s"),
        ("s", -0.01, "0.0 秒", "0.0 s"),
        ("%", 0.96035503, "96.04%", "96.04%"),
        ("score", 72, "72.0 分", "72.0 pts"),
        ("count", 0, "0 次", "0"),
        ("count", 1523, "1,523 次", "1,523"),
        ("count", 1.5, "1.5 次", "1.5"),
        ("day", 3, "3 天", "3 days"),
        ("yuan", 246567.012, "246,567.01 元", "246,567.01 yuan"),
        ("ratio", 3.14159, "3.14", "3.14"),
    ],
)
def test_every_value_has_its_unit(unit: str, raw: float, zh: str, en: str) -> None:
    k = kpi("x", "x", 10, raw, 5, unit=unit)
    assert (format_value(k, "zh"), format_value(k, "en")) == (zh, en)
    assert format_value(kpi("x", "x", 10, float("nan"), 5, unit=unit)) == "—"


@pytest.mark.parametrize(
    "max_points, points, zh, en",
    [
        (15, 10, "10 / 15", "10 / 15"),
        (15, None, "— / 15", "— / 15"),
        (0, -3, "扣 3 分", "−3 pts"),
        (0, -2.5, "扣 2.5 分", "−2.5 pts"),
        (0, 2, "加 2 分", "+2 pts"),
        (0, 0, "0 分", "0 pts"),
    ],
)
def test_points_of_a_deduction_or_a_bonus(max_points: float, points: float | None, zh: str, en: str) -> None:
    month = sample_month()
    k = kpi("late", "迟到早退扣分", max_points, 3, points, unit="count")
    agent = dataclasses.replace(month.agents[0], kpis=(k,))
    shown = [scorecard_context(agent, month.meta, lang)["kpis"][0] for lang in ("zh", "en")]
    assert [s["points_text"] for s in shown] == [zh, en]
    # No scale to draw for a KPI without a maximum of its own.
    assert (shown[0]["bar_svg"] == "") == (max_points == 0)


def test_card_context_words_of_a_kpi() -> None:
    month = sample_month()
    k = dataclasses.replace(
        kpi("avg_response", "平均响应时长", 15, 45.0, 15),
        band="[0, 45]",
        band_label="<=45S",
        band_words=Note.of("band.at_most", high=quantity(45, "s")),
        at_bound=Note.of("band.at_bound", value=quantity(45, "s")),
        basis=Note.of("basis.weighted", weight=field_name("received"), total="2,860"),
    )
    agent = dataclasses.replace(month.agents[0], kpis=(k,))
    zh, en = (scorecard_context(agent, month.meta, lang)["kpis"][0] for lang in ("zh", "en"))
    assert (zh["value"], zh["basis"], zh["band"], zh["at_bound"]) == (
        "45.0 秒",
        "按接待人数加权平均（接待人数合计 2,860）",
        "≤ 45 秒",
        "恰好 45 秒算此档",
    )
    assert (en["value"], en["basis"], en["band"], en["at_bound"]) == (
        "45.0 s",
        "weighted by Sessions received (2,860 in all)",
        "≤ 45 s",
        "exactly 45 s counts in this band",
    )
    first = month.agents[0]
    wordless = dataclasses.replace(first.kpis[0], band_words=None, at_bound=None, basis=None)
    bare = scorecard_context(dataclasses.replace(first, kpis=(wordless,)), month.meta, "zh")["kpis"][0]
    assert (bare["band"], bare["at_bound"], bare["basis"]) == ("—", "", "")


def test_chinese_terms_in_english_labels_stay_whole() -> None:
    j = WORD_JOINER
    assert keep_glosses_whole("Agent ID (工号)") == f"Agent ID (工{j}号)"
    assert keep_glosses_whole("Not cleared (不予上岗)") == f"Not cleared (不{j}予{j}上{j}岗)"
    for unchanged in ("(3,122 in all)", "工号", "Level (级)", "（接待人数合计 3,122）"):
        assert keep_glosses_whole(unchanged) == unchanged
    month = sample_month()
    en = scorecard_context(month.agents[1], month.meta, "en")
    assert en["labels"]["agent_id"] == f"Agent ID (工{j}号)"
    assert en["agent"]["conclusion"] == f"Not cleared (不{j}予{j}上{j}岗)"
    zh = scorecard_context(month.agents[1], month.meta, "zh")
    assert zh["labels"]["agent_id"] == "工号" and zh["agent"]["conclusion"] == "不予上岗"
