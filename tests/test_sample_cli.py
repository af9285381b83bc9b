"""``csreport sample`` at the command line: what it prints in Chinese and English, its exit codes,
each refusal in one exact line, the month it infers, and the task workbook it leaves beside
``run``'s reports (never overwritten once scored, never removed by a later run)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from csreport.cli.main import main
from csreport.rules.loader import preset_text
from csreport.util import sample_manifest
from csreport.util.report_names import TASK_NOTES_SHEET, TASK_SHEET

ROOT = Path(__file__).resolve().parents[1]
ROSTER = ROOT / "sample_workbooks" / "花名册.xlsx"
TASK = Path("2026-10") / "质检任务单_2026-10.xlsx"


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result


def chat_list(path: Path, rows: Sequence[tuple[object, ...]], header: tuple[str, ...] = ()) -> Path:
    """A chat list workbook: ``header`` (会话编号, 工号, 日期, 满意度, 消息数 by default) and ``rows``."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "会话明细"
    ws.append(list(header or ("会话编号", "工号", "日期", "满意度", "消息数")))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def month_rows() -> list[tuple[object, ...]]:
    """KF001: 12 chats over the five words and one too short to sample; KF002: three 一般 chats.

    With the standard rules both agents' n is 5 (2% of 13 or 3 is below the minimum), split
    0/0/2/1/2 (largest remainder; the ties of 0.5 go to 非常不满意 and 一般, first in the
    shortfall order). KF001 has enough in every stratum; KF002's three 一般 chats are all taken,
    one of them making up 不满意 and 非常不满意.
    """
    words = ["非常满意"] * 2 + ["满意"] * 2 + ["一般"] * 3 + ["不满意"] * 2 + ["非常不满意"] * 3
    rows: list[tuple[object, ...]] = [
        (f"A{i:03d}", "KF001", dt.datetime(2026, 10, 1 + i), w, 10) for i, w in enumerate(words)
    ]
    rows.append(("A099", "KF001", dt.datetime(2026, 10, 20), "满意", 2))
    rows += [(f"B{i:03d}", "KF002", dt.datetime(2026, 10, 5 + i), "一般", 8) for i in range(3)]
    return rows


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    return chat_list(tmp_path / "list.xlsx", month_rows())


def rank(seed: str, chat_id: str) -> int:
    """The published ranking rule, written out here: the first 8 bytes of SHA-256(seed, "\\n", id)."""
    return int.from_bytes(hashlib.sha256(f"{seed}\n{chat_id}".encode()).digest()[:8], "big")


def test_sample_in_chinese(listed: Path, tmp_path: Path) -> None:
    out = tmp_path / "报表"
    result = cli("sample", listed, "--out", out, "--shop", "测试店", "--reviewers", "张三,李四")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "种子：2026-10|测试店",
        "2026-10：2 位客服，抽取 8 条会话。",
        "评分人：张三 4 条、李四 4 条",
        "抽取不足或有补抽的客服：",
        "  KF002：全部可抽会话均已抽取（可抽 3 条，少于应抽的 5 条）；不满意层缺 1 条、非常不满意层缺 2 条，"
        "由一般层补 1 条",
        "未参与抽样的会话：",
        "  1 条会话消息数不足，不参与抽样。",
        f"质检任务单：{out / TASK}",
    ]
    assert result.stderr == ""
    book = openpyxl.load_workbook(out / TASK)
    ws = book[TASK_SHEET]
    rows = [[c.value for c in row][:9] for row in ws.iter_rows(min_row=4)]
    picked = [r[1] for r in rows]
    # KF001: per stratum the smallest ranks of the seed and chat id.
    seed = "2026-10|测试店"
    ordered = sorted(["A004", "A005", "A006"], key=lambda c: rank(seed, c))
    assert [c for c in picked if c in ("A004", "A005", "A006")] == ordered[:2]
    assert len([c for c in picked if c.startswith("A")]) == 5 and "A099" not in picked
    assert sorted(c for c in picked if c.startswith("B")) == ["B000", "B001", "B002"]
    assert [r[8] for r in rows] == ["张三", "李四"] * 4
    assert [r[7] for r in rows].count("是") == 1
    manifest = book[sample_manifest.SHEET]
    assert [c.value for c in manifest[1]][:4] == [sample_manifest.MARKER, "1", "2026-10", seed]
    assert [r[0].value for r in manifest.iter_rows(min_row=3)] == picked


def test_sample_in_english(listed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(
        "sample", listed, "--out", out, "--shop", "Shop", "--reviewers", "Zhang:60%,Li:40%", "--lang", "en"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Seed: 2026-10|Shop",
        "2026-10: agents: 2; chats sampled: 8.",
        "Reviewers: Zhang 5, Li 3",
        "Agents with too few chats or a thin stratum:",
        "  KF002: All eligible chats taken (3, fewer than the target of 5); dissatisfied (不满意) short by "
        "1, very dissatisfied (非常不满意) short by 2; made up with 1 from neutral (一般)",
        "Chats left out of the sample:",
        "  Chats with too few messages to be sampled: 1.",
        f"Task workbook: {out / TASK}",
    ]
    notes = openpyxl.load_workbook(out / TASK)[TASK_NOTES_SHEET]
    assert notes["A1"].value == "Sampling notes · 2026-10 · Shop"
    texts = [c.value for row in notes.iter_rows() for c in row]
    assert "Reviewers are assigned by share: Zhang 60%, Li 40%." in texts


def test_the_month_is_the_lists_own_or_asked_for(tmp_path: Path) -> None:
    rows = [
        *month_rows(),
        ("S001", "KF001", dt.datetime(2026, 9, 30), "满意", 5),
        ("S002", "KF002", dt.datetime(2026, 9, 29), None, 5),
    ]
    path = chat_list(tmp_path / "two.xlsx", rows)
    result = cli("sample", path, "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "错误：会话清单中有 2 个月份的会话（2026-09 共 2 条、2026-10 共 16 条）；"
        "请用 --month 指定要抽样的月份，例如 --month 2026-10。"
    ]
    assert not (tmp_path / "o").exists()
    en = cli("sample", path, "--out", tmp_path / "o", "--lang", "en")
    assert en.stderr.splitlines() == [
        "Error: The chat list holds chats of 2 months (2026-09: 2, 2026-10: 16); choose one with --month, "
        "e.g. --month 2026-10."
    ]
    chosen = cli("sample", path, "--out", tmp_path / "o", "--month", "2026-09")
    assert chosen.exit_code == 0, chosen.stderr
    assert chosen.stdout.splitlines()[1] == "2026-09：2 位客服，抽取 2 条会话。"
    assert "  16 条会话不属于本月，未参与抽样。" in chosen.stdout.splitlines()
    assert (tmp_path / "o" / "2026-09" / "质检任务单_2026-09.xlsx").is_file()
    bad = cli("sample", path, "--out", tmp_path / "o", "--month", "2026-13")
    assert (bad.exit_code, bad.stderr) == (2, "错误：月份「2026-13」格式不对，应为 YYYY-MM，例如 2026-10。\n")


@pytest.mark.parametrize(
    ("given", "zh", "en"),
    [
        (
            "张三:60%,李四:30%",
            "--reviewers 的份额合计 90%，应为 100%：张三:60%,李四:30%",
            "--reviewers: the shares add up to 90%, not 100%: 张三:60%,李四:30%",
        ),
        (
            "张三:60%,李四",
            "--reviewers 要么每人都写份额，要么都不写：张三:60%,李四",
            "--reviewers: give a share for every reviewer or for none: 张三:60%,李四",
        ),
        (
            "张三:六成,李四:40%",
            "--reviewers 中「张三:六成」的份额不是大于 0 的百分数；写作 张三:60%。",
            "--reviewers: the share in '张三:六成' is not a percentage above 0; write name:60%.",
        ),
        (
            "张三,张三",
            "--reviewers 中评分人「张三」出现了两次。",
            "--reviewers: the reviewer '张三' is named twice.",
        ),
        (
            ":50%,李四:50%",
            "--reviewers 中「:50%」没有评分人姓名。",
            "--reviewers: ':50%' has no reviewer's name.",
        ),
        (
            " , ",
            '--reviewers 没有给出评分人；写作 "张三:60%,李四:40%" 或 "张三,李四"。',
            '--reviewers names nobody; write "Zhang:60%,Li:40%" or "Zhang,Li".',
        ),
    ],
)
def test_reviewers_mistakes(listed: Path, tmp_path: Path, given: str, zh: str, en: str) -> None:
    result = cli("sample", listed, "--out", tmp_path / "o", "--reviewers", given)
    assert (result.exit_code, result.stderr.splitlines(), result.stdout) == (2, [f"错误：{zh}"], "")
    result = cli("sample", listed, "--out", tmp_path / "o", "--reviewers", given, "--lang", "en")
    assert (result.exit_code, result.stderr.splitlines()) == (2, [f"Error: {en}"])
    assert not (tmp_path / "o").exists()


def test_reviewers_as_typed_on_a_chinese_keyboard() -> None:
    from csreport.qa.sample import parse_reviewers

    assert parse_reviewers("张三：60％，李四：40％") == (("张三", Fraction(3, 5)), ("李四", Fraction(2, 5)))
    assert parse_reviewers(" 张三、李四；王五 ") == (("张三", None), ("李四", None), ("王五", None))
    assert parse_reviewers("A:33.3%,B:33.3%,C:33.4%") == (
        ("A", Fraction(333, 1000)),
        ("B", Fraction(333, 1000)),
        ("C", Fraction(334, 1000)),
    )
    assert parse_reviewers(None) == ()


def test_a_scored_task_workbook_is_never_overwritten(listed: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert cli("sample", listed, "--out", out).exit_code == 0
    again = cli("sample", listed, "--out", out)
    assert again.exit_code == 0
    assert again.stdout.splitlines()[-1] == f"质检任务单（替换了尚未评分的旧任务单）：{out / TASK}"
    book = openpyxl.load_workbook(out / TASK)
    book[TASK_SHEET]["J4"] = 8  # 流程全面,服务规范 of the first chat
    book[TASK_SHEET]["U6"] = "否"  # 店铺风险 of the third
    book.save(out / TASK)
    before = (out / TASK).read_bytes()
    refused = cli("sample", listed, "--out", out, "--salt", "2")
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"错误：已有 {out / TASK}，其中 2 条会话已评分；请先改名或移走，再重新抽样。"
    ]
    en = cli("sample", listed, "--out", out, "--lang", "en")
    assert en.stderr.splitlines() == [
        f"Error: {out / TASK} already exists and holds scored chats (2); rename or move it first, then "
        "sample again."
    ]
    assert (out / TASK).read_bytes() == before
    assert sorted(p.name for p in (out / "2026-10").iterdir()) == ["质检任务单_2026-10.xlsx"]


def test_a_file_that_is_not_a_task_workbook_is_not_replaced(listed: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    (out / "2026-10").mkdir(parents=True)
    (out / TASK).write_bytes(b"not a workbook")
    result = cli("sample", listed, "--out", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"错误：已有 {out / TASK}，但无法确认其中是否已评分（")
    assert result.stderr.endswith("）；请先改名或移走，再重新抽样。\n") and result.stderr.count("\n") == 1
    assert (out / TASK).read_bytes() == b"not a workbook"


def test_run_keeps_the_task_workbook(tmp_path: Path) -> None:
    """The month folder is shared: run replaces its own reports, never the task workbook, and
    does not list it as one of its files; a task workbook written after a run survives the next."""
    out = tmp_path / "报表"
    samples = ROOT / "sample_workbooks"
    assert cli("run", samples, "--out", out, "--no-pdf").exit_code == 0
    chats = chat_list(tmp_path / "list.xlsx", month_rows())
    assert cli("sample", chats, "--out", out).exit_code == 0
    task = (out / TASK).read_bytes()
    rerun = cli("run", samples, "--out", out, "--no-pdf")
    assert rerun.exit_code == 0, rerun.stderr
    assert (out / TASK).read_bytes() == task
    manifest = json.loads((out / "2026-10" / ".csreport-manifest.json").read_text("utf-8"))
    assert TASK.name not in manifest["files"] and "客服绩效_2026-10.xlsx" in manifest["files"]
    assert {p.name for p in (out / "2026-10").iterdir()} >= {TASK.name, "客服绩效_2026-10.xlsx"}


def test_accounts_mapped_by_the_roster(tmp_path: Path) -> None:
    rows = [
        (
            f"W{i:03d}",
            "测试旗舰店:思远" if i < 6 else "测试旗舰店:路人",
            dt.datetime(2026, 10, 1 + i),
            "一般",
            6,
        )
        for i in range(8)
    ]
    path = chat_list(
        tmp_path / "accounts.xlsx", rows, ("会话编号", "客服账号", "会话时间", "满意度", "消息数")
    )
    out = tmp_path / "o"
    result = cli("sample", path, ROSTER, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0].startswith("[警告] accounts.xlsx")
    assert "测试旗舰店:路人" in result.stderr.splitlines()[0]
    ws = openpyxl.load_workbook(out / TASK)[TASK_SHEET]
    assert ws["C3"].value == "工号"
    rows_read = {(r[2], r[3]) for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows_read == {("KF001", "徐思远"), ("测试旗舰店:路人", None)}
    unmapped = cli("sample", path, "--out", tmp_path / "o2")
    assert openpyxl.load_workbook(tmp_path / "o2" / TASK)[TASK_SHEET]["C3"].value == "旺旺"
    assert unmapped.exit_code == 0


def test_rows_set_aside_exit_1(tmp_path: Path) -> None:
    rows = [*month_rows(), ("X001", "KF002", dt.datetime(2026, 10, 9), "还行吧", 9)]
    path = chat_list(tmp_path / "list.xlsx", rows)
    result = cli("sample", path, "--out", tmp_path / "o")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "  1 行的满意度无法识别，未参与抽样。" in lines
    assert lines[-2] == "有 1 行会话因数据问题没有参与抽样（见上）。"
    assert result.stderr.startswith("[错误] list.xlsx")
    assert (tmp_path / "o" / TASK).is_file()


def test_rules_without_a_sampling_block(listed: Path, tmp_path: Path) -> None:
    text = preset_text("standard").split("\n# QA sampling")[0].replace("name: 标准考核", "name: 无抽样规则")
    text = text.replace("name_en: Standard assessment", "name_en: No sampling")
    rules = tmp_path / "rules.yaml"
    rules.write_text(text, encoding="utf-8")
    result = cli("sample", listed, "--out", tmp_path / "o", "--rules", rules, "--shop", "测试店")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "规则「无抽样规则」中没有抽样部分（sampling:），按标准抽样规则抽样。"
    ]
    en = cli("sample", listed, "--out", tmp_path / "e", "--rules", rules, "--lang", "en", "--shop", "S")
    assert en.stderr.splitlines()[0] == (
        "The rules 'No sampling' have no sampling block (sampling:): the standard sampling rules are used."
    )
    notes = openpyxl.load_workbook(tmp_path / "o" / TASK)[TASK_NOTES_SHEET]
    assert "规则中没有抽样部分（sampling:），按标准抽样规则抽样。" in [c.value for c in notes["A"]]


def test_settings_give_the_shop_and_rules(listed: Path, tmp_path: Path) -> None:
    (tmp_path / "csreport.yaml").write_text("shop: 配置店\nrules: standard\n", encoding="utf-8")
    result = cli("sample", listed, "--out", tmp_path / "o", "--config", tmp_path / "csreport.yaml")
    assert result.exit_code == 0 and result.stdout.splitlines()[0] == "种子：2026-10|配置店"
    no_shop = cli("sample", listed, "--out", tmp_path / "p")
    # No shop named: the seed holds 本店 (the name the sheets show), the same in any language.
    assert no_shop.stdout.splitlines()[0] == "种子：2026-10|本店"
    assert no_shop.stderr.splitlines()[-1].startswith("提示：未设置店铺名称")
    title = openpyxl.load_workbook(tmp_path / "p" / TASK)[TASK_SHEET]["A1"].value
    assert title == "质检任务单　2026-10　本店　种子：2026-10|本店"


def test_files_refused(listed: Path, tmp_path: Path) -> None:
    none = cli("sample", "--out", tmp_path / "o")
    assert (none.exit_code, none.stderr) == (
        2,
        "错误：请给出会话清单文件，例如 csreport sample 会话清单.xlsx --month 2026-10。\n",
    )
    three = cli("sample", listed, ROSTER, ROSTER, "--out", tmp_path / "o", "--lang", "en")
    assert (three.exit_code, three.stderr) == (
        2,
        "Error: Give at most two files: the chat list and, optionally, the roster (files given: 3).\n",
    )
    swapped = cli("sample", listed, listed, "--out", tmp_path / "o")
    assert (swapped.exit_code, swapped.stderr) == (
        2,
        "错误：list.xlsx 不是花名册：其中没有带工号列的花名册工作表。第二个文件应是花名册（可省略）。\n",
    )
    missing = cli("sample", tmp_path / "nope.xlsx", "--out", tmp_path / "o")
    assert (missing.exit_code, missing.stderr) == (2, f"错误：找不到文件：{tmp_path / 'nope.xlsx'}\n")
    assert not (tmp_path / "o").exists()


def test_a_list_without_chat_ids_is_refused_in_one_line(tmp_path: Path) -> None:
    path = chat_list(
        tmp_path / "bad.xlsx", [("KF001", dt.datetime(2026, 10, 1), "满意")], ("工号", "日期", "满意度")
    )
    result = cli("sample", path, "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("错误：")
    assert "bad.xlsx" in result.stderr


def test_at_most_ten_agents_on_the_console(tmp_path: Path) -> None:
    rows = [(f"T{i:03d}", f"KF{i:03d}", dt.datetime(2026, 10, 3), "一般", 5) for i in range(1, 13)]
    path = chat_list(tmp_path / "tiny.xlsx", rows)
    result = cli("sample", path, "--out", tmp_path / "o", "--shop", "店")
    lines = result.stdout.splitlines()
    head = lines.index("抽取不足或有补抽的客服：")
    assert lines[head + 1] == (
        "  KF001：全部可抽会话均已抽取（可抽 1 条，少于应抽的 5 条）；"
        "一般层缺 1 条、不满意层缺 1 条、非常不满意层缺 2 条，没有可补的会话"
    )
    assert [line.split("：")[0] for line in lines[head + 1 : head + 11]] == [
        f"  KF{i:03d}" for i in range(1, 11)
    ]
    assert lines[head + 11] == "  ……还有 2 位，见「抽样说明」表"
    en = cli("sample", path, "--out", tmp_path / "e", "--shop", "S", "--lang", "en")
    assert "  … and more (2), see the 抽样说明 sheet" in en.stdout.splitlines()


def test_the_example_chat_list(tmp_path: Path) -> None:
    """examples/会话清单_2026-10.xlsx is what its script writes, and samples as documented: every
    account mapped by the sample roster, KF011 with all its four chats, KF013 topped up."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_example", ROOT / "scripts" / "make_chat_list_example.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    example = ROOT / "examples" / "会话清单_2026-10.xlsx"
    assert script.write(tmp_path / "again.xlsx").read_bytes() == example.read_bytes()
    out = tmp_path / "o"
    result = cli("sample", example, ROSTER, "--month", "2026-10", "--out", out, "--shop", "测试旗舰店")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:2] == ["种子：2026-10|测试旗舰店", "2026-10：14 位客服，抽取 97 条会话。"]
    assert any(
        line.startswith("  KF011 张思远：全部可抽会话均已抽取（可抽 4 条，少于应抽的 5 条）")
        for line in lines
    )
    assert any(
        line.startswith("  KF013 宋佳怡：不满意层缺 2 条、非常不满意层缺 3 条，由一般层补 5 条")
        for line in lines
    )
    assert "  317 条会话消息数不足，不参与抽样。" in lines
    ws = openpyxl.load_workbook(out / TASK)[TASK_SHEET]
    agents = {(r[2], r[3]) for r in ws.iter_rows(min_row=4, values_only=True)}
    assert len(agents) == 14 and all(a.startswith("KF") and name for a, name in agents)
