"""What ``run`` says on the console: who is 不予上岗 and why, who is 缺数据 and what is missing,
who is not in the roster, the PDF bar's time left in words, and how to name the shop."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from csreport.cli.console import progress_line, time_left
from csreport.cli.main import main
from csreport.util.cell_text import display_width
from tests.workbooks import Agent, month_workbook

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
CSREPORT = Path(sys.executable).parent / "csreport"


def invoke(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def summary(out: str) -> list[str]:
    """The lines from the month's counts to the rules' name (the agents named between them)."""
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(("已完成 ", "Scored ")))
    last = next(i for i, line in enumerate(lines) if line.startswith(("使用规则：", "Rules: ")))
    return lines[first:last]


# --- who is named ----------------------------------------------------------------------------


def test_the_sample_month_names_who_is_not_cleared_and_who_lacks_data(tmp_path: Path) -> None:
    code, out, _ = invoke("run", SAMPLES, "--out", tmp_path / "zh", "--no-pdf", "--shop", "店")
    assert code == 0
    assert summary(out) == [
        "已完成 2026-10 考核：共 14 人，合格 11，不予上岗 2，缺数据 1。",
        "不予上岗：KF006 周文博（平均响应时长超过 100 秒）",
        "          KF009 胡静怡（差错导致店铺风险）",
        "缺数据：  KF011 张思远（差错、服务态度：没有抽查记录）",
    ]
    # Then the rules, the error count and where everything was written, as before.
    lines = out.splitlines()
    rest = lines[lines.index(summary(out)[-1]) + 1 :]
    assert rest[0].startswith("使用规则：标准考核 #")
    assert rest[1:3] == [
        "数据问题：0 个错误，3 个警告（详见工作簿的「数据问题」表）。",
        f"汇总工作簿：{tmp_path / 'zh' / '2026-10' / '客服绩效_2026-10.xlsx'}",
    ]
    code, out, _ = invoke("run", SAMPLES, "--out", tmp_path / "en", "--no-pdf", "--shop", "S", "--lang", "en")
    assert code == 0
    assert summary(out) == [
        "Scored 2026-10: 14 agents. Pass: 11, Not cleared (不予上岗): 2, Missing data (缺数据): 1.",
        "Not cleared (不予上岗): KF006 周文博 (Average response time over 100 s)",
        "                        KF009 胡静怡 (An error exposed the shop to risk)",
        "Missing data (缺数据):  KF011 张思远 (Errors, Attitude: No sampled chats)",
    ]


NAMES = ("赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王八", "冯九", "陈十", "褚十一", "卫十二")


def crowded_month(path: Path) -> Path:
    """12 agents over the 100-second response veto, one who passes, one without sampled chats,
    and a 工号 (KF099) in the reception data that the roster does not know."""
    agents = [Agent(f"KF{i:03d}", name, rt=120.0) for i, name in enumerate(NAMES, 1)]
    day = dt.datetime(2026, 10, 3)
    stranger = ["KF099", day, 1000, 1000, 1000, 30, 15, 800, 600, 50000]
    agents.append(Agent("KF013", "蒋十三", extra_rows=[stranger]))
    agents.append(Agent("KF014", "沈十四", att=None))
    return month_workbook(path, agents)


def test_ten_are_named_then_how_many_more_and_the_roster_stranger_apart(tmp_path: Path) -> None:
    book = crowded_month(tmp_path / "in" / "十月.xlsx")
    code, out, _ = invoke("run", book, "--out", tmp_path / "zh", "--no-pdf", "--shop", "店")
    assert code == 0, out
    pad = " " * 10  # under the first agent: 不予上岗： is 10 columns wide
    veto = "（平均响应时长超过 100 秒）"
    # KF099 is no staff: 14 people, not 15; it is named apart, not as 缺数据.
    assert summary(out) == [
        "已完成 2026-10 考核：共 14 人，合格 1，不予上岗 12，缺数据 1。",
        "不予上岗：KF001 赵一" + veto,
        *(f"{pad}KF{i:03d} {name}{veto}" for i, name in enumerate(NAMES[1:10], 2)),
        pad + "…以及另外 2 人（详见「汇总」表）",
        "缺数据：  KF014 沈十四（质检、工作态度：没有抽查记录）",
        "需核对（不在花名册中）：KF099",
    ]
    assert "卫十二" not in out and "褚十一" not in out
    code, out, _ = invoke("run", book, "--out", tmp_path / "en", "--no-pdf", "--shop", "S", "--lang", "en")
    assert code == 0, out
    pad = " " * 24  # "Not cleared (不予上岗): " is 24 columns wide (a Chinese character takes 2)
    veto = " (Average response time over 100 s)"
    assert summary(out) == [
        "Scored 2026-10: 14 agents. Pass: 1, Not cleared (不予上岗): 12, Missing data (缺数据): 1.",
        "Not cleared (不予上岗): KF001 赵一" + veto,
        *(f"{pad}KF{i:03d} {name}{veto}" for i, name in enumerate(NAMES[1:10], 2)),
        pad + "… and 2 more (see the Summary sheet)",
        "Missing data (缺数据):  KF014 沈十四 (QA errors, Attitude: No sampled chats)",
        "To check (not in the roster): KF099",
    ]


def test_a_total_at_the_threshold_is_named_with_it(tmp_path: Path) -> None:
    """No veto, but 总分 ≤ 60 on the regular table: the reason is the threshold. Points: 90 s
    response 5, 92% replies 10, 45% conversion 10, the same error twice 10, attitude 65 → 5;
    total 40."""
    low = Agent("KF001", "低分", rt=90.0, rr=0.92, conv=0.45, att=65.0, errors=("错答", "错答"))
    book = month_workbook(tmp_path / "m.xlsx", [low, Agent("KF002", "合格")])
    code, out, _ = invoke("run", book, "--out", tmp_path / "zh", "--no-pdf", "--shop", "店")
    assert code == 0, out
    assert summary(out) == [
        "已完成 2026-10 考核：共 2 人，合格 1，不予上岗 1，缺数据 0。",
        "不予上岗：KF001 低分（总分 40 ≤ 60，不予上岗，再次培训）",
    ]
    code, out, _ = invoke("run", book, "--out", tmp_path / "en", "--no-pdf", "--shop", "S", "--lang", "en")
    assert (
        summary(out)[1]
        == "Not cleared (不予上岗): KF001 低分 (Total 40 ≤ 60: not cleared (不予上岗), retrain)"
    )


def test_a_month_with_no_one_to_name_names_no_one(tmp_path: Path) -> None:
    book = month_workbook(tmp_path / "m.xlsx", [Agent("K1", "甲"), Agent("K2", "乙")])
    code, out, _ = invoke("run", book, "--out", tmp_path / "o", "--no-pdf", "--shop", "店")
    assert code == 0, out
    assert summary(out) == ["已完成 2026-10 考核：共 2 人，合格 2，不予上岗 0，缺数据 0。"]


# --- the progress bar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "done,total,elapsed,zh,en",
    [
        # 8.8 s for 119 cards: 81 left at 8.8 / 119 s each = 5.99 s.
        (119, 200, 8.8, "剩余约 6 秒", "about 6 s left"),
        # 59.4 s for half: 59.4 s left, still said in seconds; 59.5 s rounds to a minute.
        (1, 2, 59.4, "剩余约 59 秒", "about 59 s left"),
        (1, 2, 59.5, "剩余约 1 分钟", "about 1 min left"),
        # 20 s for 10 cards: 190 left at 2 s = 380 s = 6.3 minutes.
        (10, 200, 20.0, "剩余约 6 分钟", "about 6 min left"),
        # 0.1 s left is said as about 1 second, never 0.
        (199, 200, 20.0, "剩余约 1 秒", "about 1 s left"),
    ],
)
def test_time_left_in_words(done: int, total: int, elapsed: float, zh: str, en: str) -> None:
    assert time_left(done, total, elapsed, "zh") == zh
    assert time_left(done, total, elapsed, "en") == en


def test_no_estimate_before_the_first_card_nor_after_the_last() -> None:
    assert time_left(0, 200, 3.0, "zh") is None
    assert time_left(200, 200, 30.0, "en") is None


def test_the_bar_line_says_what_it_counts_and_what_its_time_is() -> None:
    # 30 columns of bar at 80 columns; 119/200 of 30 is 17.85: 17 filled.
    bar = "[" + "#" * 17 + "-" * 13 + "]"
    assert progress_line(119, 200, 8.8, "zh") == f"生成成绩单  {bar}  119/200  剩余约 6 秒"
    assert progress_line(119, 200, 8.8, "en") == f"Scorecards  {bar}  119/200  about 6 s left"
    assert progress_line(0, 200, 0.0, "zh") == "生成成绩单  [" + "-" * 30 + "]  0/200"
    assert progress_line(200, 200, 30.0, "en") == "Scorecards  [" + "#" * 30 + "]  200/200"


def test_the_bar_narrows_on_a_narrow_terminal() -> None:
    # 50 columns: label 10, count 7, estimate 11, four gaps of 2, brackets 2 and one spare
    # column leave 13 for the bar; 119/200 of 13 is 7.7: 7 filled. The line is 49 columns.
    line = progress_line(119, 200, 8.8, "zh", columns=50)
    assert line == "生成成绩单  [" + "#" * 7 + "-" * 6 + "]  119/200  剩余约 6 秒"
    assert display_width(line) == 49
    # Never narrower than 10, however narrow the terminal.
    assert progress_line(5, 10, 1.0, "en", columns=20) == "Scorecards  [#####-----]  5/10  about 1 s left"


def test_the_bar_redraws_in_place_on_a_terminal(tmp_path: Path) -> None:
    """On a real terminal each line replaces the last and blanks whatever a longer one left."""
    import pty

    primary, secondary = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(primary, 4096)
            except OSError:  # the terminal closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    done = subprocess.run(
        [str(CSREPORT), "run", str(SAMPLES), "--out", str(tmp_path), "--shop", "店", "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=secondary,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    os.close(secondary)
    reader.join(timeout=30)
    os.close(primary)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert done.returncode == 0, text
    shown = [part for line in text.split("\n") for part in line.split("\r") if part.startswith("生成成绩单")]
    assert shown[0] == "生成成绩单  [" + "-" * 30 + "]  0/14"
    assert shown[-1].rstrip() == "生成成绩单  [" + "#" * 30 + "]  14/14"
    middle = re.compile(r"生成成绩单  \[#*-*\]  \d+/14(  剩余约 \d+ (秒|分钟))? *")
    assert all(middle.fullmatch(line) for line in shown), shown
    # Each redraw covers every column of the one before it, so no "秒" is left behind.
    for before, after in itertools.pairwise(shown):
        assert display_width(after) >= display_width(before.rstrip()), (before, after)
    # The bar's line is ended: what follows starts on a line of its own.
    assert "14/14" in text and re.search(r"14/14 *\n", text)


# --- the shop name ---------------------------------------------------------------------------

HINT_ZH = (
    "提示：未设置店铺名称，报表上显示为「本店」；"
    "可用 --shop 店铺名，或在 {file} 中写一行 shop: 店铺名 来设置。"
)
HINT_EN = (
    "Note: no shop name is set, so the reports say 'Our shop'; set one with --shop \"My Shop\", "
    "or with a line shop: My Shop in {file}."
)


def test_without_a_shop_name_the_run_says_once_how_to_set_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no csreport.yaml here
    code, out, err = invoke("run", SAMPLES, "--out", tmp_path / "a", "--no-pdf")
    assert code == 0
    # Once, after the summary: the reports it is about are made.
    assert err.splitlines() == ["正在读取 4 个文件……", HINT_ZH.format(file="csreport.yaml")]
    assert "提示：" not in out  # on stderr, not in the summary a script may keep
    code, _, err = invoke("run", SAMPLES, "--out", tmp_path / "b", "--no-pdf", "--lang", "en")
    assert err.splitlines() == ["Reading 4 file(s)...", HINT_EN.format(file="csreport.yaml")]
    # A run that makes no report has no hint to give: the error alone.
    code, _, err = invoke("run", tmp_path / "不存在.xlsx", "--out", tmp_path / "c")
    assert (code, err) == (2, f"错误：找不到文件：{tmp_path / '不存在.xlsx'}\n")


def test_a_named_shop_gets_no_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("run", SAMPLES, "--out", tmp_path / "a", "--no-pdf", "--shop", "测试店")
    assert (code, err) == (0, "正在读取 4 个文件……\n")
    # A csreport.yaml in the current folder that names the shop is as good as --shop.
    (tmp_path / "csreport.yaml").write_text("shop: 配置里的店\n", encoding="utf-8")
    code, _, err = invoke("run", SAMPLES, "--out", tmp_path / "b", "--no-pdf", "--lang", "en")
    assert (code, err) == (0, "Reading 4 file(s)...\n")
    # --shop of spaces only names nothing: the settings file's name stands.
    code, _, err = invoke("run", SAMPLES, "--out", tmp_path / "d", "--no-pdf", "--shop", " ")
    assert (code, err) == (0, "正在读取 4 个文件……\n")
    result = json.loads((tmp_path / "d" / "2026-10" / "客服绩效_2026-10.json").read_text("utf-8"))
    assert result["meta"]["shop"] == "配置里的店"
    # The demo names its own shop.
    code, _, err = invoke("demo", "--out", tmp_path / "c", "--no-pdf")
    assert code == 0 and "提示：未设置店铺名称" not in err


def test_a_settings_file_without_a_shop_is_the_one_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / "店铺设置.yaml"
    settings.write_text("rules: standard\n", encoding="utf-8")
    code, _, err = invoke("run", SAMPLES, "--out", tmp_path / "a", "--no-pdf", "--config", settings)
    assert code == 0
    assert err.splitlines()[-1] == HINT_ZH.format(file="店铺设置.yaml")
    # A name of spaces only is no name: the reports say the default one, as the hint says.
    code, _, err = invoke("run", SAMPLES, "--out", tmp_path / "b", "--no-pdf", "--shop", "  ", "--lang", "en")
    assert err.splitlines()[-1] == HINT_EN.format(file="csreport.yaml")
    result = json.loads((tmp_path / "b" / "2026-10" / "客服绩效_2026-10.json").read_text("utf-8"))
    assert result["meta"]["shop"] == "Our shop"
