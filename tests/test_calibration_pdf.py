"""The calibration report PDF rendered with the real WeasyPrint: what it says (pypdf), in Chinese
and in English, its fonts, how it looks (pdftoppm), and how it fails."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from csreport.calibration_data import Rating
from csreport.domain import ATTITUDE_ITEMS
from csreport.messages import Note, both, translate
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.calibration import (
    calibration_context,
    percent,
    signed,
    stat,
    write_calibration_pdf,
)
from csreport.outputs.pdf.context import shorten
from csreport.outputs.pdf.templates import default_templates_dir
from csreport.problems import CsreportError, Problem, Severity
from csreport.rules.calibration import MEASURES, bandings
from csreport.scoring.calibration import (
    CalibrationReport,
    ChatSpread,
    Grade,
    ItemDifference,
    ItemDisagreement,
    Measure,
    ReadingLine,
    ReviewerRow,
    Statistic,
    build_report,
)
from tests.weasy_logs import weasyprint_warnings

NAMES = tuple(name for name, _ in ATTITUDE_ITEMS)
MAXIMA = tuple(float(m) for _, m in ATTITUDE_ITEMS)
CJK_FONT_NAMES = ("WenQuanYi", "Noto", "SourceHan", "Source-Han", "YaHei", "PingFang", "Hiragino", "SimHei")
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
GENERATED = "2026-11-02 09:00"


def _items(values: tuple[float | None, ...], chats: int) -> tuple[ItemDifference, ...]:
    return tuple(
        ItemDifference(n, m, v, chats if v is not None else 0)
        for n, m, v in zip(NAMES, MAXIMA, values, strict=True)
    )


def _reading(
    code: str, grade: Grade | None, measure: Measure | None, advice: Note | None, /, **params: object
) -> ReadingLine:
    return ReadingLine(
        Note.of(code, **params), grade, bandings()[measure].words() if measure else None, advice
    )


ALL = ("标准", "张三", "李四")


def hand_report() -> CalibrationReport:
    """A report with chosen figures: 标准 and two reviewers on six chats (李四 missed one).

    The figures carry more decimals than shown, so the PDF must round them: α on totals 0.81234
    (0.812, 好), Fleiss' κ 0.72513 (0.725, 可接受), Cohen's κ 1.0, 0.66667 (0.667, 可接受) and one
    pair not computed, ICC not computed (李四 missed a chat)."""
    good_items = (0.2, 1.43, 0.0, 0.0, -0.2, 0.0, 0.3, 0.1, -0.5, 0.0)
    low_items = (-1.0, -2.0, -0.5, -1.2, -0.6, -0.3, -0.4, -0.4, -0.5, -0.1)
    none = _items((None,) * 10, 0)
    rows = (
        ReviewerRow("标准", True, 6, 71.5, 0.8333, 0, None, none, None, None, None, None, None),
        ReviewerRow(
            "张三", False, 6, 72.74, 0.8333, 6, 1.24, _items(good_items, 6), 0.83333, 1.0,
            "good", "good", "聊天话术运用适当",
        ),
        ReviewerRow(
            "李四", False, 5, 64.44, 0.6, 5, -7.06, _items(low_items, 5), 0.4, 0.6,
            "retrain", "retrain", "聊天话术运用适当",
        ),
    )  # fmt: skip
    values = (0.9, 0.85, 0.95, 0.12345, 0.7, 0.88, 0.9, 0.91, 0.66)
    alphas = tuple(
        Statistic("alpha_ordinal", n, ALL, v, 6, bandings()["alpha"].grade(v))
        for n, v in zip(NAMES[:-1], values, strict=True)
    )
    flat = Note.of("calibration.why.no_variation")
    alphas = (*alphas, Statistic("alpha_ordinal", NAMES[-1], ALL, None, 6, None, flat))
    one = Note.of("calibration.why.one_category")
    cohen = (
        Statistic("cohen_kappa", "pass", ("标准", "张三"), 1.0, 6, "good"),
        Statistic("cohen_kappa", "pass", ("标准", "李四"), 0.66667, 5, "acceptable"),
        Statistic("cohen_kappa", "pass", ("张三", "李四"), None, 5, None, one),
    )
    icc_why = Note.of("calibration.why.incomplete", n=1, reviewer="李四", chat="C6")
    standard = both("calibration.reference.standard")
    readings = (
        _reading(
            "calibration.reading.overview_standard", None, None, None,
            reviewers=3, standard="标准", chats=6, shared=6, complete=5,
        ),
        _reading(
            "calibration.reading.alpha_total", "good", "alpha", Note.of("calibration.advice.agreement.good"),
            value="0.812", grade=both("calibration.grade.good"), chats=6,
        ),
        _reading(
            "calibration.reading.fleiss", "acceptable", "kappa",
            Note.of("calibration.advice.agreement.acceptable"),
            value="0.725", grade=both("calibration.grade.acceptable"), chats=5, mark="60",
        ),
        _reading("calibration.reading.icc_none", None, "icc", None, why=icc_why.bilingual()),
        _reading(
            "calibration.reading.within", "retrain", "within_5",
            Note.of("calibration.advice.reviewer.retrain", reference=standard),
            reviewer="李四", reference=standard, share="40%", within=2,
            chats=5, share10="60%", grade=both("calibration.grade.retrain"),
        ),
    )  # fmt: skip
    spread = ChatSpread("C3", 4.0, (("标准", 5.0), ("张三", 3.0), ("李四", 1.0)))
    disagreements = (
        ItemDisagreement(1, "承担责任", 5.0, 0.12345, "retrain", 0.25, (spread,)),
        ItemDisagreement(2, "购买意向引导", 10.0, 0.66, "retrain", 0.1, ()),
    )
    problem = Problem(
        "calibration.row.duplicate", Severity.WARNING, file="校准_2026-10.xlsx", sheet="校准", row=9,
        value="C2", params={"reviewer": "张三", "first_row": 4},
    )  # fmt: skip
    return CalibrationReport(
        source="校准_2026-10.xlsx",
        sheet="校准",
        made=dt.date(2026, 11, 2),
        standard="标准",
        reviewers=ALL,
        chats=("C1", "C2", "C3", "C4", "C5", "C6"),
        shared_chats=6,
        complete_chats=5,
        has_items=True,
        ratings=(),
        readings=readings,
        reviewer_rows=rows,
        alpha_total=Statistic("alpha_interval", "total", ALL, 0.81234, 6, "good"),
        alpha_items=alphas,
        cohen=cohen,
        fleiss=Statistic("fleiss_kappa", "pass", ALL, 0.72513, 5, "acceptable"),
        icc=Statistic("icc2_1", "total", ALL, None, 6, None, icc_why),
        disagreements=disagreements,
        bandings=tuple(bandings()[m] for m in MEASURES),
        problems=(problem,),
    )


def render(report: CalibrationReport, path: Path, lang: str = "zh", **options: object) -> list[str]:
    """Write the PDF (failing on any WeasyPrint warning) and return each page's text."""
    with weasyprint_warnings() as warnings:
        write_calibration_pdf(report, path, lang, generated=GENERATED, **options)  # type: ignore[arg-type]
    assert [w.getMessage() for w in warnings] == []
    return [page.extract_text() for page in PdfReader(path).pages]


def squash(text: str) -> str:
    """Text without whitespace: a sentence wrapped over two lines still matches."""
    return re.sub(r"\s+", "", text)


def assert_shows(text: str, *expected: str) -> None:
    flat = squash(text)
    missing = [e for e in expected if squash(e) not in flat]
    assert missing == [], missing


def summary_lines(report: CalibrationReport, lang: str) -> list[str]:
    """What the summary shows of each reading, in order: its verdict and sentence, its banding
    and what to do (the sentences are the calibration model's, see its tests)."""
    banding, advice = ("Banding", "What to do") if lang == "en" else ("分档", "建议")
    lines = []
    for r in report.readings:
        verdict = translate(f"calibration.grade_cell.{r.grade or 'info'}", lang)
        lines.append(f"{verdict} {r.text.text(lang)}")
        if r.banding:
            lines.append(f"{banding} {r.banding.text(lang)}")
        if r.advice:
            lines.append(f"{advice} {r.advice.text(lang)}")
    return lines


def test_the_summary_lines_are_read_in_order(chinese: tuple[Path, list[str]]) -> None:
    flat = squash(chinese[1][0])
    found = [flat.find(squash(line)) for line in summary_lines(hand_report(), "zh")]
    assert -1 not in found and found == sorted(found)
    assert summary_lines(hand_report(), "zh")[:3] == [
        "说明 " + hand_report().readings[0].text.text("zh"),
        "好 " + hand_report().readings[1].text.text("zh"),
        "分档 α ≥ 0.800 好；0.667–0.800 可接受；< 0.667 需要再培训",
    ]


@pytest.fixture(name="chinese", scope="module")
def chinese_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("zh") / "校准报告_2026-11-02.pdf"
    return path, render(hand_report(), path)


@pytest.fixture(name="english", scope="module")
def english_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("en") / "校准报告_2026-11-02.pdf"
    return path, render(hand_report(), path, "en")


# --- the numbers as shown -------------------------------------------------------------------


def test_statistics_show_three_decimals_differences_one_and_shares_a_percent() -> None:
    assert [stat(v) for v in (0.81234, 0.7, 1.0, -0.0004, -0.12345, None, float("nan"))] == [
        "0.812", "0.700", "1.000", "0.000", "-0.123", "—", "—",
    ]  # fmt: skip
    assert [signed(v) for v in (1.24, -7.06, 0.04, -0.04, 3.0, None)] == [
        "+1.2", "-7.1", "0.0", "0.0", "+3.0", "—",
    ]  # fmt: skip
    assert [percent(v) for v in (0.83333, 1.0, 0.4, 0.0, None)] == ["83.3%", "100.0%", "40.0%", "0.0%", "—"]


# --- Chinese ----------------------------------------------------------------------------------


def test_the_first_page_is_the_summary_with_each_reading_and_banding(chinese: tuple[Path, list[str]]) -> None:
    _path, pages = chinese
    first = pages[0]
    assert_shows(
        first,
        "评分一致性校准报告",
        "校准结果只用于评分人培训，不改变任何客服的得分。",
        "报告日期 2026-11-02",
        "数据来源 校准_2026-10.xlsx · 工作表 校准",
        "标准评分人 标准",
        "评分人 3 人：标准、张三、李四",
        "结论",
        *summary_lines(hand_report(), "zh"),
        "内部资料 · 不影响客服得分",
        "校准_2026-10.xlsx · 生成于 2026-11-02 09:00",
        "1 / ",
    )  # fmt: skip
    assert "各评分人与标准的差异" not in squash(first)  # the details start on the next page


def test_each_reviewer_against_the_standard(chinese: tuple[Path, list[str]]) -> None:
    text = " ".join(chinese[1][1:])
    assert_shows(
        text,
        "各评分人与标准的差异",
        "平均差 = 评分人得分 − 标准的得分（同一会话），正数偏高、负数偏低",
        "评分人 评分会话 平均总分 合格占比（≥ 60 分） 对比会话 总分平均差 相差 ±5 分以内 "
        "相差 ±10 分以内 主要差在",
        "标准 标准评分人 6 71.5 83.3% 参照：其他评分人与标准的分数比较",
        "张三 6 72.7 83.3% 6 +1.2 好 83.3% 好 100.0% 聊天话术运用适当",
        "李四 5 64.4 60.0% 5 -7.1 需要再培训 40.0% 需要再培训 60.0% 聊天话术运用适当",
        "分项平均差（分）",
        "项目（满分） 张三 李四",
        "流程全面,服务规范（10 分） +0.2 -1.0",
        "聊天话术运用适当（20 分） +1.4 -2.0",
        "积极主动（5 分） 0.0 -0.5",
        "档内优惠理解（10 分） 0.0 -0.1",
    )  # fmt: skip


def test_the_agreement_statistics_to_three_decimals(chinese: tuple[Path, list[str]]) -> None:
    text = " ".join(chinese[1][1:])
    assert_shows(
        text,
        "一致性统计",
        "整体一致性",
        "统计量 对象 数值 会话数 评分人数 解读",
        "Krippendorff's α（等距） 总分 0.812 6 3 好",
        "Fleiss' κ 合格判定（总分 ≥ 60 分） 0.725 5 3 可接受",
        f"ICC(2,1)（双向随机，绝对一致） 总分 — 未计算：{hand_report().icc.why_not.text('zh')} 6 3",  # type: ignore[union-attr]
        "两两之间合格判定的一致性：Cohen's κ（≥ 60 分为合格）",
        "张三 李四",
        "标准 1.000 好 6 个会话 0.667 可接受 5 个会话",
        f"张三 — 5 个会话 · {Note.of('calibration.why.one_category').text('zh')}",
        "分项一致性：Krippendorff's α（有序）",
        "承担责任（5 分） 0.123 6 3 需要再培训",
        "熟练性（10 分） 0.900 6 3 好",
        "购买意向引导（10 分） 0.660 6 3 需要再培训",
        f"档内优惠理解（10 分） — 未计算：{Note.of('calibration.why.no_variation').text('zh')} 6 3",
    )  # fmt: skip


def test_the_items_with_most_disagreement_with_their_chats(chinese: tuple[Path, list[str]]) -> None:
    text = " ".join(chinese[1][1:])
    assert_shows(
        text,
        "分歧最大的项目",
        "1 承担责任（5 分） α 0.123 需要再培训 平均偏离 25.0%",
        "会话编号 分差 各评分人的分数",
        "C3 4 标准 5 张三 3 李四 1",
        "各项读数的分档依据",
        "Krippendorff's α α ≥ 0.800 好；0.667–0.800 可接受；< 0.667 需要再培训 Krippendorff (2004)",
        "评分人总分平均差 平均差（不论偏高偏低）≤ 3 分 好；3–6 分 可接受；> 6 分 需要再培训 本店标准",
        "读取校准表时的提示",
        hand_report().problems[0].render("zh"),
    )  # fmt: skip
    # An item without a chat of differing scores is ranked but shows no chats.
    assert "2 购买意向引导" not in " ".join(text.split())


def test_a4_portrait_with_its_title_outline_and_cjk_fonts_embedded(chinese: tuple[Path, list[str]]) -> None:
    reader = PdfReader(chinese[0])
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert reader.metadata is not None and reader.metadata.title == "评分一致性校准报告 2026-11-02"
    resources: Any = reader.pages[0]["/Resources"]
    fonts = resources["/Font"]
    names = [str(fonts[key].get_object()["/BaseFont"]) for key in fonts]
    assert any(cjk in name for name in names for cjk in CJK_FONT_NAMES), names
    for key in fonts:
        descriptor = fonts[key].get_object()
        if "/DescendantFonts" in descriptor:
            descriptor = descriptor["/DescendantFonts"][0].get_object()
        found = descriptor["/FontDescriptor"].get_object()
        assert any(k in found for k in ("/FontFile", "/FontFile2", "/FontFile3")), names  # embedded
    # The outline (bookmarks) leads to the sections of the details.
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["各评分人与标准的差异", "一致性统计", "分歧最大的项目"]


# --- English ----------------------------------------------------------------------------------


def test_english_words_with_the_chinese_in_parentheses(english: tuple[Path, list[str]]) -> None:
    _path, pages = english
    assert_shows(
        pages[0],
        "Scorer calibration report (校准报告)",
        "Calibration is for training the reviewers: it never changes an agent's score.",
        "Report date 2026-11-02",
        "Source 校准_2026-10.xlsx, sheet 校准",
        "Reviewers (评分人) 3: 标准, 张三, 李四",
        "Summary (结论)",
        *summary_lines(hand_report(), "en"),
        "Internal · never changes an agent's score",
        "校准_2026-10.xlsx · made 2026-11-02 09:00",
    )  # fmt: skip
    rest = " ".join(pages[1:])
    assert_shows(
        rest,
        "Each reviewer against the standard (标准)",
        "Reviewer Chats scored Mean total Passed (≥ 60) Chats compared Mean difference, total "
        "Within ±5 points Within ±10 points Mostly on",
        "标准 Standard reviewer (标准) 6 71.5 83.3% "
        "The reference: the other reviewers are compared with these scores",
        "张三 6 72.7 83.3% 6 +1.2 Good 83.3% Good 100.0% Scripts used properly (聊天话术运用适当)",
        "Scripts used properly (聊天话术运用适当) (20 pts) +1.4 -2.0",
        "Krippendorff's α (interval) Total 0.812 6 3 Good",
        "Fleiss' κ Pass/fail (total ≥ 60) 0.725 5 3 Acceptable",
        "Pass or fail, reviewer by reviewer: Cohen's κ (a pass is ≥ 60)",
        "标准 1.000 Good 6 chats 0.667 Acceptable 5 chats",
        "Takes responsibility (承担责任) (5 pts) 0.123 6 3 Needs retraining",
        "1 Takes responsibility (承担责任) (5 pts) α 0.123 Needs retraining Mean deviation 25.0%",
        "C3 4 标准 5 张三 3 李四 1",
        hand_report().problems[0].render("en"),
    )  # fmt: skip


def test_no_chinese_in_an_english_run_but_data_and_glosses(english: tuple[Path, list[str]]) -> None:
    text = " ".join(english[1])
    for data in ("校准_2026-10.xlsx", "校准", "标准", "张三", "李四"):
        text = text.replace(data, "")
    # English words may carry their Chinese in parentheses: "Summary (结论)", "Proactive (积极主动)".
    text = re.sub(r"\([^()]*\)", "", text)
    assert CHINESE.findall(text) == []


# --- the picture ------------------------------------------------------------------------------


def _pdftoppm() -> str:
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to look at the PDF as a picture", pytrace=False)
    return exe


def _picture(pdf: Path, page: int, out: Path) -> Image.Image:
    subprocess.run(
        [
            _pdftoppm(),
            "-r",
            "60",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return Image.open(out.with_suffix(".png")).convert("RGB")


def _pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    return [image.getpixel((x, y)) for y in range(image.height) for x in range(image.width)]  # type: ignore[misc]


def _near(colour: tuple[int, int, int], pixel: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, pixel, strict=True))


def test_the_first_page_as_a_picture(chinese: tuple[Path, list[str]], tmp_path: Path) -> None:
    image = _picture(chinese[0], 1, tmp_path / "p1")
    assert image.size == (497, 702)  # A4 (210 × 297 mm) at 60 dpi: portrait
    pixels = _pixels(image)
    inked = sum(1 for p in pixels if sum(p) < 600)
    assert inked > 0.03 * len(pixels)  # text on the page, not a blank one
    red = sum(1 for p in pixels if _near((0xB9, 0x1C, 0x1C), p))  # 需要再培训: the red rule and word
    green = sum(1 for p in pixels if _near((0x1E, 0x7B, 0x45), p))  # 好
    amber = sum(1 for p in pixels if _near((0xB4, 0x53, 0x09), p))  # 可接受
    assert red > 40 and green > 40 and amber > 40, (red, green, amber)
    # Nothing is drawn past the right margin (15 mm): no table or text overflows the page.
    margin = image.crop((image.width - 20, 0, image.width, image.height))
    assert all(sum(p) > 740 for p in _pixels(margin))


# --- other reports -----------------------------------------------------------------------------


def _ratings() -> list[Rating]:
    """标准 and three reviewers score four chats item by item; 王五 skips chat D."""
    base = {
        "A": (10, 18, 5, 5, 9, 9, 8, 8, 7, 9),
        "B": (6, 10, 3, 2, 5, 6, 5, 4, 4, 5),
        "C": (9, 16, 4, 5, 8, 8, 9, 7, 8, 8),
        "D": (4, 8, 2, 3, 4, 5, 4, 3, 3, 4),
    }
    shift = {
        "标准": (0,) * 10,
        "张三": (0, 2, 0, 0, 1, 0, 0, 1, 0, 0),
        "李四": (-2, -4, -1, 0, -1, -1, 0, -2, -1, 0),
        "王五": (0, 0, 1, 0, 0, 0, -1, 0, 0, 1),
    }
    out: list[Rating] = []
    for who, delta in shift.items():
        for chat, items in base.items():
            if who == "王五" and chat == "D":
                continue
            values = tuple(float(max(0, min(m, v + d))) for v, d, m in zip(items, delta, MAXIMA, strict=True))
            out.append(Rating(chat, who, "", values, None, sum(values), "", len(out) + 2))
    return out


def test_a_report_built_from_ratings_shows_its_own_figures(tmp_path: Path) -> None:
    report = build_report(
        _ratings(),
        source="校准.xlsx",
        sheet="Sheet1",
        made=dt.date(2026, 11, 2),
        bands=bandings(),
        standard_names=("标准",),
    )
    pages = render(report, tmp_path / "r.pdf")
    text = " ".join(pages)
    assert report.alpha_total.value is not None and report.fleiss.value is not None
    shown = [f"{report.alpha_total.value:.3f}", f"{report.fleiss.value:.3f}"]
    shown += [f"{s.value:.3f}" for s in report.alpha_items if s.value is not None]
    shown += [f"{s.value:.3f}" for s in report.cohen if s.value is not None]
    assert_shows(text, *shown)
    for reading in report.readings:
        assert_shows(pages[0], reading.text.text("zh"))
    assert_shows(text, "ICC(2,1)（双向随机，绝对一致） 总分 — 未计算")  # 王五 skipped chat D


def test_without_a_standard_or_items(tmp_path: Path) -> None:
    """Two reviewers who typed 态度得分 only: each is compared with the other's mean, no item tables."""
    ratings = [
        Rating(chat, who, "", (None,) * 10, total, total, "", row)
        for row, (chat, who, total) in enumerate(
            [("A", "甲", 80.0), ("A", "乙", 70.0), ("B", "甲", 50.0), ("B", "乙", 55.0), ("C", "甲", 90.0),
             ("C", "乙", 88.0)],
            start=2,
        )
    ]  # fmt: skip
    report = build_report(ratings, source="c.xlsx", sheet="S", made=dt.date(2026, 11, 2), bands=bandings())
    assert report.standard is None and not report.has_items
    pages = render(report, tmp_path / "n.pdf")
    text = " ".join(pages)
    assert_shows(
        text,
        "标准评分人 无：每位评分人与其他评分人的平均分比较",
        "各评分人与其他评分人平均的差异",
        "平均差 = 评分人得分 − 其他评分人对同一会话的平均分",
        "甲 3 73.3 66.7% 3 +2.3",
        "乙 3 71.0 66.7% 3 -2.3",
        "校准表只有态度得分，没有分项分数：不计算分项差异与分项一致性。",
    )
    for absent in ("分项平均差（分）", "分项一致性：", "分歧最大的项目"):
        assert absent not in squash(text)
    english = " ".join(render(report, tmp_path / "n_en.pdf", "en"))
    assert_shows(english, "Each reviewer against the other reviewers' mean", "Standard reviewer (标准) None:")


def test_many_reviewers_split_the_matrices_and_keep_every_pair(tmp_path: Path) -> None:
    who = [f"评分人{i:02d}" for i in range(1, 11)]
    ratings: list[Rating] = []
    for c, chat in enumerate(("A", "B", "C", "D", "E")):
        for k, name in enumerate(who):
            items = tuple(float(min(m, max(0, m // 2 + (c + k) % 3 - 1))) for m in MAXIMA)
            ratings.append(Rating(chat, name, "", items, None, sum(items), "", len(ratings) + 2))
    report = build_report(ratings, source="c.xlsx", sheet="S", made=dt.date(2026, 11, 2), bands=bandings())
    context = calibration_context(report, "zh")
    assert [len(t["columns"]) for t in context["cohen"]["tables"]] == [8, 1]  # nine later reviewers
    assert [len(t["columns"]) for t in context["item_tables"]] == [8, 2]  # ten compared with the others
    cells = [c for t in context["cohen"]["tables"] for r in t["rows"] for c in r["cells"] if c is not None]
    assert len(cells) == len(report.cohen) == 45
    pages = render(report, tmp_path / "m.pdf")
    assert_shows(" ".join(pages), " ".join(who[1:9]), " ".join(who[9:]))
    # Twenty-odd readings fill more than the first page: the details follow the last one on
    # its page instead of leaving that page almost empty.
    last = squash(report.readings[-1].text.text("zh"))
    ending = next(i for i, page in enumerate(pages) if last in squash(page))
    assert ending >= 1
    assert "各评分人与其他评分人平均的差异" in squash(pages[ending])


def test_names_are_text_and_long_ones_are_cut(tmp_path: Path) -> None:
    report = hand_report()
    odd = '<img src="https://example.com/x.png">' + "很长的名字" * 20
    rows = tuple(
        dataclasses.replace(r, reviewer=odd) if r.reviewer == "张三" else r for r in report.reviewer_rows
    )
    report = dataclasses.replace(report, reviewer_rows=rows, reviewers=("标准", odd, "李四"))
    shown = calibration_context(report, "zh")["reviewer_rows"][1]["name"]
    assert shown == shorten(odd, "name") and shown.endswith("…") and len(shown) < len(odd)
    path = tmp_path / "odd.pdf"
    text = " ".join(render(report, path))  # a fetched <img> would be refused and fail
    assert_shows(text, f"{shown} 李四")  # as text, in the per-item table's heading
    assert [len(page.images) for page in PdfReader(path).pages] == [0] * len(PdfReader(path).pages)


# --- branding, templates, failures --------------------------------------------------------------


def test_branding_company_and_colours(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (10, 120, 200)).save(logo)
    branding = Branding(company="花花小店", logo=logo, primary_color="#7a1f5c")
    path = tmp_path / "b.pdf"
    pages = render(hand_report(), path, branding=branding)
    assert_shows(pages[0], "花花小店 评分一致性校准报告")
    reader = PdfReader(path)
    assert reader.metadata is not None and reader.metadata.author == "花花小店"
    assert len(reader.pages[0].images) == 1  # the logo
    image = _picture(path, 1, tmp_path / "b1")
    branded = sum(1 for p in _pixels(image) if _near((0x7A, 0x1F, 0x5C), p, 30))
    assert branded > 50  # the title and the rule under it in the brand's colour


def test_an_earlier_report_survives_a_broken_template(tmp_path: Path) -> None:
    folder = tmp_path / "my_templates"
    shutil.copytree(default_templates_dir(), folder)
    (folder / "calibration.html").write_text("{% for x in %}", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "校准报告_2026-11-02.pdf"
    target.write_bytes(b"the earlier report")
    with pytest.raises(CsreportError) as caught:
        write_calibration_pdf(hand_report(), target, "zh", templates_dir=folder, generated=GENERATED)
    assert caught.value.code == "templates.broken"
    assert caught.value.message("zh").startswith("模板 calibration.html 第 1 行有错误：")
    assert target.read_bytes() == b"the earlier report"
    assert os.listdir(out) == ["校准报告_2026-11-02.pdf"]


def test_a_stylesheet_asking_for_the_web_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "my_templates"
    shutil.copytree(default_templates_dir(), folder)
    css = folder / "calibration.css"
    css.write_text('@import url("https://example.com/x.css");\n' + css.read_text("utf-8"), encoding="utf-8")
    target = tmp_path / "x.pdf"
    with pytest.raises(CsreportError) as caught:
        write_calibration_pdf(hand_report(), target, "zh", templates_dir=folder, generated=GENERATED)
    assert caught.value.code == "templates.refused_url"
    assert caught.value.params["url"] == "https://example.com/x.css"
    assert not target.exists()


def test_a_templates_folder_copied_before_the_report_existed_gets_the_shipped_one(tmp_path: Path) -> None:
    folder = tmp_path / "old_templates"
    shutil.copytree(default_templates_dir(), folder)
    (folder / "calibration.html").unlink()
    (folder / "calibration.css").unlink()
    pages = render(hand_report(), tmp_path / "o.pdf", templates_dir=folder)
    assert_shows(pages[0], "评分一致性校准报告")
