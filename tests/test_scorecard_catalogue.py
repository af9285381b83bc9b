"""The PDFs' words come from the catalogue: labels, sentences, templates and branding refusals.

Chinese scorecards read exactly as before the words moved into ``messages/scorecard.py``
(the strings below are what the old templates and ``LABELS`` table produced).
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from csreport.messages import MESSAGES, translate
from csreport.outputs.pdf.branding import Branding, hex_color
from csreport.outputs.pdf.context import (
    LABEL_CODES,
    labels_for,
    scorecard_context,
    shorten,
)
from csreport.outputs.pdf.summaries import shop_context, team_name
from csreport.outputs.pdf.templates import default_templates_dir
from csreport.problems import CsreportError
from csreport.results import AgentResult
from tests.factories import sample_month, sample_month_with_teams

ROOT = Path(__file__).resolve().parents[1]
PDF_MODULES = (
    "csreport/outputs/pdf/context.py",
    "csreport/outputs/pdf/branding.py",
    "csreport/outputs/pdf/svg.py",
    "csreport/outputs/numbers.py",
)
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_label_is_a_catalogue_entry(lang: str) -> None:
    labels = labels_for(lang)
    assert set(labels) == set(LABEL_CODES)
    for key, code in LABEL_CODES.items():
        assert code in MESSAGES, code
        assert labels[key] == MESSAGES[code][1 if lang == "en" else 0]


def test_every_code_the_pdf_modules_name_is_in_the_catalogue() -> None:
    code = re.compile(r"^(scorecard|branding|conclusion)\.[a-z_]+$")
    named = []
    for module in PDF_MODULES:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        named += [
            (module, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and code.match(node.value)
        ]
    assert len(named) >= 10
    assert [(m, c) for m, c in named if c not in MESSAGES] == []


def test_templates_hold_no_words_and_only_known_labels() -> None:
    from csreport.outputs.pdf.calibration import LABEL_CODES as CALIBRATION_LABELS
    from csreport.outputs.pdf.review import LABEL_CODES as REVIEW_LABELS

    templates = default_templates_dir()
    pages = {p.name: p.read_text(encoding="utf-8") for p in templates.glob("*.html")}
    assert set(pages) >= {"scorecard.html", "cover.html"}
    # The summary pages (cover, team summary) get the labels of ``summary.<key>`` and the
    # header's ``scorecard.<key>``; the card exactly ``LABEL_CODES``.
    summary_keys = {code.split(".", 1)[1] for code in MESSAGES if code.startswith(("summary.", "scorecard."))}
    for name, text in pages.items():
        shown = re.sub(r"\{#.*?#\}", "", text, flags=re.S)  # Jinja comments are not shown
        assert not CHINESE.findall(shown), name
        used = set(re.findall(r"\blabels\.(\w+)", shown))
        known = {
            "scorecard.html": set(LABEL_CODES),
            "review.html": set(REVIEW_LABELS),
            "calibration.html": set(CALIBRATION_LABELS),
        }.get(name, summary_keys)
        assert used and used <= known, (name, used - known)
    for css in ("scorecard.css", "review.css", "calibration.css"):
        assert not CHINESE.findall((templates / css).read_text(encoding="utf-8")), css


def test_chinese_card_sentences_read_as_before() -> None:
    month = sample_month()
    ctx = scorecard_context(month.agents[0], month.meta, "zh")
    # The date the run was made (2026-11-01T09:00:00), not its time: a card that showed the time
    # would differ on every run and never be taken from the card cache.
    assert ctx["footer_left"] == "考核规则：标准考核 (1a2b3c4d) · 生成时间：2026-11-01"
    assert (ctx["generated_at"], ctx["created"]) == ("2026-11-01", "2026-11-01")
    assert ctx["footer_center"] == "内部资料 注意保密"
    assert ctx["attendance_line"] == "出勤 22 天\u3000迟到 1 次\u3000早退 0 次\u3000请假 1 天\u3000旷工 0 天"
    assert ctx["kpis"][0]["value"] == "40.5 秒"
    assert [k["value"] for k in ctx["kpis"][1:]] == ["99.00%", "52.00%", "0 次", "80.0 分"]
    assert [k["points_text"] for k in ctx["kpis"]] == ["15 / 15", "20 / 20", "20 / 25", "20 / 20", "15 / 20"]
    assert (ctx["labels"]["basis"], ctx["labels"]["band"]) == ("依据", "所在档位")
    assert ctx["agent"]["conclusion"] == "合格" and ctx["title"] == "客服月度绩效考核成绩单"
    assert ctx["labels"]["list_gap"] == "\u3000"
    rich = scorecard_context(_with_bonus(month.agents[1]), month.meta, "zh")
    assert rich["agent"]["bonus_text"] == "600.00（奖金基数 1,000.00 × 系数 0.60）"
    assert rich["agent"]["bonus_formula"] == "奖金基数 1,000.00 × 系数 0.60"
    assert rich["agent"]["conclusion"] == "不予上岗" and rich["agent"]["conclusion_class"] == "fail"
    missing = scorecard_context(month.agents[2], month.meta, "zh")["agent"]
    assert (missing["conclusion"], missing["conclusion_class"]) == ("缺数据", "missing")


def test_english_card_sentences() -> None:
    month = sample_month()
    ctx = scorecard_context(_with_bonus(month.agents[1]), month.meta, "en")
    assert ctx["footer_left"] == "Rules: 标准考核 (1a2b3c4d) · Generated: 2026-11-01"
    assert ctx["generated_at"] == "2026-11-01"
    assert ctx["footer_center"] == "Internal, confidential"
    assert ctx["attendance_line"] == "Present 22 · Late 1 · Left early 0 · Leave 1 · Absent 0"
    assert ctx["kpis"][0]["value"] == "120.0 s"
    # The card holds each Chinese term together with invisible word joiners (U+2060), so a
    # narrow cell wraps before "(工号)", not inside it.
    j = "\u2060"
    assert ctx["agent"]["bonus_text"] == (
        f"600.00 (Bonus base (奖{j}金{j}基{j}数) 1,000.00 × coefficient (系{j}数) 0.60)"
    )
    assert ctx["agent"]["conclusion"] == f"Not cleared (不{j}予{j}上{j}岗)"
    labels = ctx["labels"]
    assert (labels["agent_id"], labels["level"], labels["coefficient"], labels["bonus"]) == (
        f"Agent ID (工{j}号)",
        f"Level (级{j}别)",
        f"Coefficient (系{j}数)",
        f"Bonus (绩{j}效{j}奖{j}金)",
    )
    assert {key: text.replace(j, "") for key, text in labels.items()} == labels_for("en")


@pytest.mark.parametrize(
    "lang, ungrouped, failed, title",
    [
        ("zh", "未分组", "不予上岗", "全店绩效考核汇总"),
        ("en", "Ungrouped", "Not cleared (不予上岗)", "Shop Performance Summary"),
    ],
)
def test_cover_words(lang: str, ungrouped: str, failed: str, title: str) -> None:
    ctx = shop_context(sample_month_with_teams(), lang)
    assert ctx["title"] == title and ctx["labels"]["failed"] == failed
    assert team_name("", lang) == ungrouped and team_name(" 一组 ", lang) == "一组"


@pytest.mark.parametrize(
    "code, params, kind",
    [
        ("kpi.missing_zero", {}, "kpi_note"),
        ("kpi.missing_excluded", {}, "kpi_note"),
        ("scorecard.percentile", {"p": "100%"}, "kpi_note"),
        ("kpi.band_gap", {"value": "12345.67"}, "reason"),
        ("kpi.few_samples", {"n": 999, "least": 1000}, "reason"),
        ("kpi.zero_denominator", {}, "reason"),
    ],
)
def test_csreports_own_sentences_are_never_cut(code: str, params: dict[str, object], kind: str) -> None:
    for lang in ("zh", "en"):
        text = translate(code, lang, **params)
        assert shorten(text, kind) == text, (lang, text)


def _with_bonus(agent: AgentResult) -> AgentResult:
    return dataclasses.replace(agent, bonus_base=1000.0, bonus=600.0)


@pytest.mark.parametrize(
    "branding, why",
    [
        (Branding(primary_color="blue"), "not a CSS hex colour such as #1f4e79"),
        (Branding(company=7), "not text"),  # type: ignore[arg-type]
        (Branding(logo=Path("/no/such/logo.png")), "cannot read the file: the path does not exist"),
        (Branding(logo=ROOT / "templates"), "not a file"),
        (Branding(logo=ROOT / "README.md"), "not an image (.png, .jpg, .jpeg, .gif, .svg, .webp)"),
    ],
)
def test_every_branding_refusal_has_words_in_both_languages(branding: Branding, why: str) -> None:
    with pytest.raises(CsreportError) as info:
        branding.validated()
    assert info.value.code == "branding.invalid"
    en, zh = info.value.message("en"), info.value.message("zh")
    assert f": {why}. " in en
    for text in (en, zh):
        assert "branding." not in text and "{" not in text and "Bilingual" not in text
    assert CHINESE.search(zh.split("：", 1)[1])  # the reason too is in Chinese


def test_a_logo_too_large_is_refused_in_both_languages(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    with logo.open("wb") as f:
        f.truncate(5 * 1024 * 1024 + 1)  # sparse: nothing is written
    with pytest.raises(CsreportError) as info:
        Branding(logo=logo).validated()
    assert ": larger than 5 MB. " in info.value.message("en")
    assert "：超过 5 MB。" in info.value.message("zh")
    assert hex_color("accent_color", " #ABC ") == "#abc"
