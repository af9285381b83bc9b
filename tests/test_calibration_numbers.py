"""``csreport calibrate`` end to end on sheets built from published examples with known answers:
the statistics, the per-reviewer differences and the readings, to three decimals, as the
workbook and the console give them.

- Krippendorff (2011), the 4 observers x 12 units reliability data with missing values, written
  as totals (40 + 10 x value, so 50 to 90, pass at 60 = value ≥ 2) and as the item 积极主动
  (the value itself, 1 to 5): interval α .849 on totals, ordinal α .815 on the item.
- Shrout & Fleiss (1979), 6 targets x 4 judges, written as totals (10 x rating): ICC(2,1) = 184/635
  with its 95% interval (0.019, 0.761). α and ICC do not change when every score is scaled and
  shifted alike.
- A small sheet with a 标准 whose differences are worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction as Fr
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner, Result

from csreport.calibration_data import Rating
from csreport.cli.main import main
from csreport.domain import ATTITUDE_ITEMS
from csreport.inputs.calibration_sheet import read_calibration_sheet
from csreport.qa.calibrate import run_calibrate
from csreport.rules.calibration import bandings, standard_names
from csreport.scoring.calibration import build_report

ITEMS = [name for name, _ in ATTITUDE_ITEMS]
NAN = None
# Krippendorff (2011): observers A-D (rows) x units 1-12 (columns); None = not coded.
KRIPPENDORFF = {
    "甲": [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    "乙": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    "丙": [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    "丁": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
}
# Shrout & Fleiss (1979): targets (rows) x judges 1-4.
SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]


def write_sheet(path: Path, header: list[str], rows: list[list[Any]], name: str = "校准") -> Path:
    """A calibration workbook: ``header`` in row 1, ``rows`` below (None = blank cell)."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(name)
    for c, text in enumerate(header):
        ws.write_string(0, c, text)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, (int, float)):
                ws.write_number(r, c, value)
            elif value is not None:
                ws.write_string(r, c, value)
    book.close()
    return path


def krippendorff_sheet(path: Path) -> Path:
    rows = []
    for unit in range(12):
        for reviewer, values in KRIPPENDORFF.items():
            value = values[unit]
            if value is not None:
                rows.append([f"C{unit + 1:02d}", reviewer, value, 40 + 10 * value])
    return write_sheet(path, ["会话编号", "评分人", "积极主动", "态度得分"], rows)


def shrout_fleiss_sheet(path: Path) -> Path:
    rows = [
        [f"T{t + 1}", f"评委{j + 1}", 10 * score]
        for t, scores in enumerate(SHROUT_FLEISS)
        for j, score in enumerate(scores)
    ]
    return write_sheet(path, ["会话编号", "评分人", "态度得分"], rows)


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, ["calibrate", *(str(a) for a in args)])
    assert "Traceback" not in result.output + result.stderr
    return result


def workbook(out: Path) -> openpyxl.Workbook:
    found = sorted(out.glob("校准报告_*.xlsx"))
    assert [p.name for p in found] == [f"校准报告_{dt.date.today().isoformat()}.xlsx"]
    return openpyxl.load_workbook(found[0])


def agreement_rows(book: openpyxl.Workbook, sheet: str = "一致性") -> dict[tuple[str, str, str], tuple]:
    """(statistic, of, reviewers) → (chats, value, interval, grade, banding, note) from the 一致性
    sheet."""
    ws = book[sheet]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] in ("统计量", "Statistic"))
    return {(r[0], r[1], r[2]): tuple(r[3:9]) for r in rows[start + 1 :] if r[0]}


# --- Krippendorff (2011) -------------------------------------------------------------------------


def test_krippendorff_data_gives_the_published_alphas(tmp_path: Path) -> None:
    """Interval α .849 on the totals and ordinal α .815 on the item, to three decimals, in the
    workbook and on the console; missing scores allowed (the paper's own gaps)."""
    src = krippendorff_sheet(tmp_path / "校准.xlsx")
    result = cli(src, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 0, result.stderr
    stats = agreement_rows(workbook(tmp_path / "out"))
    chats, value, *_ = stats[("Krippendorff's α（等距）", "总分", "全部 4 位评分人")]
    # 11 units have two or more values (unit 12 has one).
    assert (chats, round(value, 3)) == (11, 0.849)
    chats, value, *_ = stats[("Krippendorff's α（顺序）", "积极主动", "全部 4 位评分人")]
    assert (chats, round(value, 3)) == (11, 0.815)
    # The paper's exact interval α, 3804/4480, held to far more than three decimals.
    assert value is not None
    total = stats[("Krippendorff's α（等距）", "总分", "全部 4 位评分人")][1]
    assert total == pytest.approx(3804 / 4480, abs=1e-9)
    assert "[好] 总分的一致性：Krippendorff's α（等距）= 0.849，好（11 个会话）" in result.stdout.splitlines()


def test_krippendorff_data_pass_fail_kappas_by_hand(tmp_path: Path) -> None:
    """Pass = total ≥ 60 = value ≥ 2.

    Fleiss' κ over the 8 units every observer coded (2-9): (fail, pass) counts (0,4) x 6, (1,3)
    for unit 6, (3,1) for unit 8; P_bar = (6 + 0.5 + 0.5) / 8 = 7/8; p_fail = 4/32, p_pass = 28/32,
    P_e = 25/32; κ = (7/8 - 25/32) / (7/32) = 3/7 = 0.429.

    Cohen's κ 甲-乙 over units 1-9: they differ only on unit 6 (甲 1 fails, 乙 2 passes);
    甲 fails 3, passes 6; 乙 fails 2, passes 7; p_o = 8/9, p_e = (3·2 + 6·7)/81 = 48/81;
    κ = (72 - 48) / (81 - 48) = 24/33 = 0.727.

    ICC(2,1) is not computed: not every observer scored every unit."""
    src = krippendorff_sheet(tmp_path / "校准.xlsx")
    result = cli(src, "--out", tmp_path / "out", "--no-pdf")
    stats = agreement_rows(workbook(tmp_path / "out"))
    fleiss = stats[("Fleiss' κ", "合格判定（总分 ≥ 60 分）", "全部 4 位评分人")]
    assert fleiss[0] == 8
    assert fleiss[1] == pytest.approx(float(Fr(3, 7)), abs=1e-9)
    assert round(fleiss[1], 3) == 0.429
    assert fleiss[3] == "需要再培训"
    cohen = stats[("Cohen's κ", "合格判定（总分 ≥ 60 分）", "甲 与 乙")]
    assert cohen[0] == 9
    assert cohen[1] == pytest.approx(24 / 33, abs=1e-9)
    assert cohen[3] == "可接受"
    icc = stats[("ICC(2,1)（双向随机，绝对一致）", "总分", "全部 4 位评分人")]
    assert icc[1:4] == (None, None, None)
    assert icc[4] == "ICC ≥ 0.750 好；0.500–0.750 可接受；< 0.500 需要再培训"
    assert icc[5] == "ICC 需要每位评分人都评了每个会话，有 4 个会话缺少评分（例如「丙」没有评「C01」）"
    lines = result.stdout.splitlines()
    assert (
        "[需要再培训] 合格判定（总分 ≥ 60 分为合格）的一致性：Fleiss' κ = 0.429，需要再培训"
        "（每位评分人都评了的 8 个会话）"
    ) in lines
    assert (
        "- 总分的绝对一致性（ICC(2,1)）未计算：ICC 需要每位评分人都评了每个会话，有 4 个会话缺少评分"
        "（例如「丙」没有评「C01」）"
    ) in lines


def test_the_same_numbers_in_english(tmp_path: Path) -> None:
    src = krippendorff_sheet(tmp_path / "校准.xlsx")
    result = cli(src, "--out", tmp_path / "out", "--no-pdf", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "[good] Agreement on totals: Krippendorff's α (interval) = 0.849, good (11 chats)" in lines
    assert (
        "[needs retraining] Agreement on pass/fail (pass = total ≥ 60): Fleiss' κ = 0.429, needs "
        "retraining (8 chats every reviewer scored)"
    ) in lines
    stats = agreement_rows(workbook(tmp_path / "out"), "Agreement")
    chats, value, _interval, grade, _banding, _note = stats[
        ("Krippendorff's α (ordinal)", "Proactive (积极主动)", "all 4 reviewers")
    ]
    assert (chats, round(value, 3), grade) == (11, 0.815, "Good")


# --- Shrout & Fleiss (1979) ----------------------------------------------------------------------


def test_shrout_fleiss_icc_with_its_interval(tmp_path: Path) -> None:
    """ICC(2,1) = 184/635 = 0.290, 95% interval 0.019 to 0.761 (see tests/test_agreement.py for the
    hand computation); 需要再培训 (< 0.50).

    Fleiss' κ on pass (10 x rating ≥ 60): (fail, pass) per target (2,2), (3,1), (1,3), (2,2),
    (1,3), (2,2); P_bar = (3·1/3 + 3·1/2) / 6 = 5/12; p_fail = 11/24, p_pass = 13/24,
    P_e = 290/576; κ = (240 - 290) / (576 - 290) = -50/286 = -0.175."""
    src = shrout_fleiss_sheet(tmp_path / "sf.xlsx")
    result = cli(src, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 0, result.stderr
    stats = agreement_rows(workbook(tmp_path / "out"))
    chats, value, interval, grade, _banding, note = stats[
        ("ICC(2,1)（双向随机，绝对一致）", "总分", "全部 4 位评分人")
    ]
    assert chats == 6
    assert value == pytest.approx(184 / 635, abs=1e-9)
    assert (round(value, 3), interval, grade, note) == (0.29, "0.019 至 0.761", "需要再培训", None)
    fleiss = stats[("Fleiss' κ", "合格判定（总分 ≥ 60 分）", "全部 4 位评分人")]
    assert fleiss[1] == pytest.approx(-50 / 286, abs=1e-9)
    assert (
        "[需要再培训] 总分的绝对一致性：ICC(2,1) = 0.290（95% 置信区间 0.019 至 0.761），"
        "需要再培训（6 个会话）" in (result.stdout.splitlines())
    )


def test_without_a_standard_each_reviewer_is_compared_with_the_others_mean(tmp_path: Path) -> None:
    """No 标准: judge 1's mean difference is the mean over targets of (own − others' mean), in
    points (x10): judge totals 46, 15, 26, 40 of 127, so (46 − 81/3) / 6 × 10 = 31.67 and judge 2's
    (15 − 112/3) / 6 × 10 = −37.22."""
    src = shrout_fleiss_sheet(tmp_path / "sf.xlsx")
    cli(src, "--out", tmp_path / "out", "--no-pdf")
    ws = workbook(tmp_path / "out")["评分人"]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0] in ("评委1", "评委2")}
    assert rows["评委1"][6] == pytest.approx((46 - Fr(81, 3)) / 6 * 10, abs=1e-9)
    assert rows["评委2"][6] == pytest.approx(float((15 - Fr(112, 3)) / 6 * 10), abs=1e-9)


# --- a 标准 and differences by hand ---------------------------------------------------------------

# The standard's ten items for each of three chats; 张三 adds to 聊天话术运用适当 (item 1) and a
# little elsewhere; 李四 scores exactly like the standard.
BASE = [8, 15, 4, 4, 8, 8, 8, 7, 7, 7]  # 76
DELTAS = {
    "K1": {1: 4},  # +4
    "K2": {1: 2, 4: -1},  # +1
    "K3": {1: 4, 2: 1, 0: 2},  # +7
}


def standard_sheet(path: Path, *, standard_name: str = "标准") -> Path:
    rows = []
    for chat, delta in DELTAS.items():
        rows.append([chat, standard_name, *BASE, None])
        rows.append([chat, "张三", *(BASE[k] + delta.get(k, 0) for k in range(10)), None])
        rows.append([chat, "李四", *BASE, None])
    return write_sheet(path, ["会话编号", "评分人", *ITEMS, "态度得分"], rows)


def test_differences_from_the_standard_by_hand(tmp_path: Path) -> None:
    """张三 is +4, +1, +7 on the totals: mean +4.0 (可接受: 3 < 4 ≤ 6), within ±5 on 2 of 3 chats
    (66.7%, 可接受), within ±10 on all; mainly on 聊天话术运用适当 (+4, +2, +4: +3.3). 李四 is level."""
    src = standard_sheet(tmp_path / "s.xlsx")
    result = cli(src, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        "[可接受] 「张三」的总分平均比标准高 4.0 分（3 个会话），"
        "主要在「聊天话术运用适当」（+3.3 分）：可接受"
    ) in lines
    assert "[可接受] 「张三」的总分在标准 ±5 分以内的会话占 66.7%（2/3），±10 分以内占 100%：可接受" in lines
    assert "[好] 「李四」的总分平均与标准持平（3 个会话）：好" in lines
    en = cli(src, "--out", tmp_path / "en", "--no-pdf", "--lang", "en").stdout.splitlines()
    assert (
        "[acceptable] '张三': totals on average 4.0 points above the standard (3 chats), mainly on "
        "Scripts used properly (聊天话术运用适当) (+3.3 points): acceptable"
    ) in en
    assert (
        "[acceptable] '张三': 66.7% of totals within ±5 points of the standard (2/3), 100% within ±10: "
        "acceptable"
    ) in en
    ws = workbook(tmp_path / "out")["评分人"]
    rows = list(ws.iter_rows(values_only=True))
    zhang = next(r for r in rows if r[0] == "张三")
    assert zhang[1:12] == (
        None,
        3,
        80.0,
        1.0,
        3,
        4.0,
        "可接受",
        pytest.approx(2 / 3),
        1.0,
        "可接受",
        "聊天话术运用适当",
    )
    standard = next(r for r in rows if r[0] == "标准")
    assert standard[1:8] == ("标准", 3, 76.0, 1.0, None, None, None)
    # The per-item table: items as rows, the reviewers compared as columns.
    header = next(i for i, r in enumerate(rows) if r[0] == "项目")
    assert rows[header][:4] == ("项目", "满分", "张三", "李四")
    items = {r[0]: r[1:4] for r in rows[header + 1 : header + 11]}
    assert items["聊天话术运用适当"] == (20, pytest.approx(10 / 3), 0.0)
    assert items["处理技巧"] == (10, pytest.approx(-1 / 3), 0.0)
    assert items["流程全面,服务规范"] == (10, pytest.approx(2 / 3), 0.0)


def test_standard_by_option_and_the_standard_counts_as_a_reviewer(tmp_path: Path) -> None:
    """--standard names the expert whatever the sheet calls them; the 标准 is one of the three
    reviewers of every statistic."""
    src = standard_sheet(tmp_path / "s.xlsx", standard_name="王老师")
    result = cli(src, "--out", tmp_path / "out", "--no-pdf", "--standard", "王老师")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        "- 3 位评分人（含标准「王老师」）评了 3 个会话：3 个有两位以上评分人，"
        "3 个每位评分人都评了（标准也算一位评分人）。"
    )
    stats = agreement_rows(workbook(tmp_path / "out"))
    assert stats[("Krippendorff's α（等距）", "总分", "全部 3 位评分人")][0] == 3
    # Without the option 王老师 is a reviewer like the others: each is compared with the others' mean.
    plain = cli(src, "--out", tmp_path / "plain", "--no-pdf")
    assert plain.stdout.splitlines()[1].endswith("没有标准评分人：每人与其他评分人的均值比较。")


def test_build_report_refuses_too_few_reviewers_and_no_shared_chat() -> None:
    from csreport.problems import CsreportError

    one = [
        Rating("C1", "甲", "", (None,) * 10, 80.0, 80.0, "", 2),
        Rating("C2", "甲", "", (None,) * 10, 70.0, 70.0, "", 3),
    ]
    with pytest.raises(CsreportError) as refused:
        build_report(one, source="x.xlsx", sheet="s", made=dt.date(2026, 10, 1), bands=bandings())
    assert refused.value.message("zh") == "x.xlsx：只有 1 位评分人（甲），校准至少需要 2 位。"
    apart = [one[0], Rating("C2", "乙", "", (None,) * 10, 70.0, 70.0, "", 3)]
    with pytest.raises(CsreportError) as refused:
        build_report(apart, source="x.xlsx", sheet="s", made=dt.date(2026, 10, 1), bands=bandings())
    assert refused.value.message("en") == (
        "x.xlsx: no chat was scored by two or more reviewers, so the reviewers cannot be compared."
    )


def test_run_calibrate_matches_the_reader_and_builder(tmp_path: Path) -> None:
    """The command is the reader and the builder, nothing more: the same report either way."""
    src = krippendorff_sheet(tmp_path / "k.xlsx")
    done = run_calibrate(src, tmp_path / "out", pdf=False, today=dt.date(2026, 10, 31))
    assert done.workbook == tmp_path / "out" / "校准报告_2026-10-31.xlsx"
    sheet = read_calibration_sheet(src)
    report = build_report(
        [Rating(**vars(r)) for r in sheet.ratings],
        source=sheet.file,
        sheet=sheet.sheet,
        made=dt.date(2026, 10, 31),
        bands=bandings(),
        standard_names=standard_names(),
    )
    assert report.alpha_total == done.report.alpha_total
    assert report.readings == done.report.readings
    assert math.isclose(report.alpha_items[2].value or 0, done.report.alpha_items[2].value or 1)


def test_disagreement_ranks_items_and_names_the_chats(tmp_path: Path) -> None:
    """On the Krippendorff sheet only 积极主动 has scores: it ranks first (α .815); the other nine
    cannot be computed and follow in the standard's order. Its chats of largest spread: C06
    ({1,2,3,4}, 3 apart), then C02 and C08 (1 apart), in the sheet's order.

    Mean absolute deviation from each chat's mean, over the 40 pairable scores: C02 1.5, C06 4,
    C08 1.5, the rest 0, so 7/40, as a share of the maximum 5: 0.035."""
    src = krippendorff_sheet(tmp_path / "k.xlsx")
    done = run_calibrate(src, tmp_path / "out", pdf=False, today=dt.date(2026, 10, 31))
    first, *rest = done.report.disagreements
    assert (first.rank, first.item, first.maximum, round(first.alpha or 0, 3)) == (1, "积极主动", 5.0, 0.815)
    assert first.relative_deviation == pytest.approx(0.035, abs=1e-12)
    assert [(c.chat_id, c.spread) for c in first.chats] == [("C06", 3.0), ("C02", 1.0), ("C08", 1.0)]
    # In the report's reviewer order: as they first appear (丙 did not code C01).
    assert first.chats[0].scores == (("甲", 1.0), ("乙", 2.0), ("丁", 4.0), ("丙", 3.0))
    assert [d.item for d in rest] == [name for name in ITEMS if name != "积极主动"]
    assert all(d.alpha is None and d.chats == () for d in rest)
    texts = [line.text.text("zh") for line in done.report.readings]
    assert "各项目的评分一致：最低的是「积极主动」，Krippendorff's α（顺序）= 0.815，好" in texts
    disagreement = list(openpyxl.load_workbook(done.workbook)["分歧"].iter_rows(values_only=True))
    assert disagreement[3][:6] == (
        1,
        "积极主动",
        5,
        pytest.approx(0.815, abs=5e-4),
        "好",
        pytest.approx(0.035),
    )
    assert disagreement[3][6] == (
        "C06：相差 3 分（甲 1、乙 2、丁 4、丙 3）\nC02：相差 1 分（甲 2、乙 2、丁 2、丙 3）\n"
        "C08：相差 1 分（甲 1、乙 1、丁 1、丙 2）"
    )
