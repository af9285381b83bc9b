"""``csreport template`` and what it is made from: the roster filled in from a history a real
``run`` wrote (and never changed by it), the one-line refusals of a history that cannot be read,
the rules in use (``--rules``, the settings file) and files already in the folder, which are
never replaced."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from csreport.history.model import LevelChange
from csreport.history.store import SCHEMA, History
from csreport.rules.loader import load_rules
from csreport.util.resources import sample_workbooks_dir
from tests.test_blank_templates import ZH_FILES, cli

SAMPLES = sample_workbooks_dir()


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The history a real run of the sample month (2026-10) wrote."""
    out = tmp_path_factory.mktemp("run") / "报表"
    result = cli("run", SAMPLES, "--out", out, "--no-pdf")
    assert result.exit_code == 0, result.stderr
    return out / "csreport-history.sqlite"


def sample_roster() -> list[tuple[object, ...]]:
    """The sample roster's rows: 工号, 姓名, 组别, 入职日期, 岗位状态, 级别, 旺旺, 奖金基数."""
    ws = openpyxl.load_workbook(SAMPLES / "花名册.xlsx").worksheets[0]
    return [tuple(row) for row in ws.iter_rows(min_row=2, values_only=True)]


def roster_rows(path: Path) -> list[tuple[object, ...]]:
    ws = openpyxl.load_workbook(path).worksheets[1]
    return [tuple(row) for row in ws.iter_rows(min_row=2, values_only=True) if row[0] is not None]


def notes(path: Path) -> list[str]:
    return [str(c.value) for c in openpyxl.load_workbook(path).worksheets[0]["A"] if c.value is not None]


# --- the roster filled in ---------------------------------------------------------------------------


def test_the_roster_comes_filled_in_from_the_latest_month(tmp_path: Path, history: Path) -> None:
    before = fingerprint(history)
    out = tmp_path / "模板"
    result = cli("template", "--out", out, "--history", history)
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout.splitlines()[0] == f"已写出：{out / '花名册_模板.xlsx'}（已预填 2026-10 的 14 位客服）"
    )
    assert result.stdout.splitlines()[1] == f"已写出：{out / '考勤_模板.xlsx'}"
    # Everything history keeps of the roster; the sub-account (旺旺) it does not keep.
    expected = [(*row[:6], None, row[7]) for row in sample_roster()]
    assert roster_rows(out / "花名册_模板.xlsx") == expected
    assert expected[0] == ("KF001", "徐思远", "一组", dt.datetime(2026, 3, 17), "正式", "组长", None, 2000)
    said = notes(out / "花名册_模板.xlsx")
    assert said[4:6] == [
        f"已按历史记录中 2026-10 的结果预先填好 14 位客服（{history}）。"
        "请核对：离职的删掉整行，新来的加在下面，有变化的直接改。",
        "历史记录不保存旺旺，用得到的请补上。",
    ]
    # The other templates say nothing of it; the history is as it was.
    assert not any("历史记录" in line for line in notes(out / "考勤_模板.xlsx"))
    assert fingerprint(history) == before
    en = cli("template", "--out", tmp_path / "en", "--history", history, "--lang", "en")
    assert en.stdout.splitlines()[0] == (
        f"Written: {tmp_path / 'en' / 'Roster_template.xlsx'} (with the 14 agents of 2026-10)"
    )
    assert notes(tmp_path / "en" / "Roster_template.xlsx")[4:6] == [
        f"Pre-filled with the 14 agents of 2026-10 in the history ({history}). Check them: delete the row "
        "of anyone who left, add newcomers below, correct what changed.",
        "The history keeps no sub-accounts (旺旺): add them where you need them.",
    ]
    assert fingerprint(history) == before


def test_a_filled_in_roster_scores_the_month_as_the_original(tmp_path: Path, history: Path) -> None:
    """The pre-filled roster, with the sub-accounts typed in, stands in for the sample roster."""
    cli("template", "--out", tmp_path / "t", "--history", history)
    path = tmp_path / "t" / "花名册_模板.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[1]
    for r, row in enumerate(sample_roster(), start=2):
        ws.cell(r, 7, row[6])
    book.save(path)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("十月接待.xlsx", "十月考勤.xlsx", "十月质检.xlsx"):
        (inputs / name).write_bytes((SAMPLES / name).read_bytes())
    (inputs / "花名册_模板.xlsx").write_bytes(path.read_bytes())
    result = cli("run", inputs, "--out", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 0, result.stderr

    def totals(out: Path) -> dict[str, tuple[object, ...]]:
        data = json.loads((out / "2026-10" / "客服绩效_2026-10.json").read_text(encoding="utf-8"))
        return {
            a["agent_id"]: (a["total"], a["conclusion"], a["level"], a["coefficient"]) for a in data["agents"]
        }

    assert totals(tmp_path / "out") == totals(history.parent)


def test_the_default_history_is_the_one_run_keeps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("run", SAMPLES, "--no-pdf").exit_code == 0
    result = cli("template")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "已写出：模板/花名册_模板.xlsx（已预填 2026-10 的 14 位客服）"


def test_levels_a_review_decided_are_filled_in(tmp_path: Path, history: Path) -> None:
    copy = tmp_path / "h.sqlite"
    copy.write_bytes(history.read_bytes())
    change = LevelChange(
        "KF003",
        "杨梓萱",
        "新员工",
        "老员工",
        "2026-11",
        "2026-05 – 2026-10",
        "2026-11-02 10:00:00",
        "晋级评审_2026-05_2026-10.xlsx",
        "",
    )
    with History.open(copy, create=False) as store:
        store.save_level_changes([change])
    result = cli("template", "--out", tmp_path / "t", "--history", copy)
    assert result.exit_code == 0, result.stderr
    rows = {row[0]: row for row in roster_rows(tmp_path / "t" / "花名册_模板.xlsx")}
    assert rows["KF003"][5] == "老员工"
    assert rows["KF004"][5] == "特殊技能新员工"  # as the roster had it
    assert (
        notes(tmp_path / "t" / "花名册_模板.xlsx")[5]
        == "其中 1 人的级别已按晋级评审的决定改为 2026-11 起的新级别。"
    )


def test_an_empty_history_and_none(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    with History.open(empty, create=True):
        pass
    result = cli("template", "--out", tmp_path / "a", "--history", empty)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"已写出：{tmp_path / 'a' / '花名册_模板.xlsx'}"
    assert (
        notes(tmp_path / "a" / "花名册_模板.xlsx")[4]
        == f"历史记录（{empty}）中还没有任何月份，花名册是空白的。"
    )
    assert roster_rows(tmp_path / "a" / "花名册_模板.xlsx") == []
    missing = tmp_path / "none.sqlite"
    en = cli("template", "--out", tmp_path / "b", "--history", missing, "--lang", "en")
    assert en.exit_code == 0
    assert notes(tmp_path / "b" / "Roster_template.xlsx")[4] == (
        f"No history was found ({missing}), so the roster is blank. Once csreport run has scored a month, "
        "a new template comes with the agents filled in."
    )
    assert not missing.exists()  # a missing history is not made


# --- a history that cannot be read ----------------------------------------------------------------


def refused(tmp_path: Path, path: Path, zh: str, en: str) -> None:
    before = fingerprint(path) if path.is_file() else None
    for lang, line in (("zh", f"错误：{zh}"), ("en", f"Error: {en}")):
        result = cli("template", "--out", tmp_path / "t", "--history", path, "--lang", lang)
        assert (result.exit_code, result.stdout, result.stderr.splitlines()) == (2, "", [line])
    assert not (tmp_path / "t").exists()
    if before is not None:
        assert fingerprint(path) == before


def test_a_file_that_is_not_a_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_text("工号,姓名\nKF001,王芳\n", encoding="utf-8")
    refused(
        tmp_path,
        path,
        f"{path} 不是 csreport 的历史记录文件，csreport 不会改动它。请用 --history 指定另一个文件"
        "（或在 csreport.yaml 中写 history: 文件名）。",
        f"{path} is not a csreport history file, and csreport will not change it. Name another file "
        "with --history (or history: in csreport.yaml).",
    )


def test_a_history_from_a_newer_csreport(tmp_path: Path, history: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(history.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA + 1),))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', '0.9.0')")
    conn.commit()
    conn.close()
    refused(
        tmp_path,
        path,
        f"历史记录文件 {path} 由更新版本的 csreport（0.9.0）写入，本版本无法读取，也不会改动它。"
        "请先升级 csreport。",
        f"The history file {path} was written by a newer csreport (0.9.0); this version cannot read it "
        "and will not change it. Upgrade csreport first.",
    )


def test_a_damaged_history(tmp_path: Path, history: Path) -> None:
    path = tmp_path / "history.sqlite"
    data = history.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    refused(
        tmp_path,
        path,
        f"历史记录文件 {path} 已损坏，无法读取，csreport 不会改动它。"
        "请从备份恢复，或用 --history 指定另一个文件。",
        f"The history file {path} is damaged and cannot be read; csreport will not change it. Restore it "
        "from a backup, or name another file with --history.",
    )


def test_a_folder_for_a_history(tmp_path: Path) -> None:
    path = tmp_path / "历史"
    path.mkdir()
    refused(
        tmp_path,
        path,
        f"{path} 是一个文件夹，不是历史记录文件。"
        f"请用 --history 指定一个文件，例如 {path}/csreport-history.sqlite。",
        f"{path} is a folder, not a history file. Name a file with --history, e.g. "
        f"{path}/csreport-history.sqlite.",
    )


# --- the rules in use --------------------------------------------------------------------------------

TYPES = ["答复错误", "漏答/未回复", "流程不规范", "推荐错误", "优惠解释错误", "态度问题", "其他"]
LONG_TYPES = [*TYPES, "报价错误,含运费", *(f"其他差错类型第{n}种说明文字" for n in range(1, 11))]


def rules_file(tmp_path: Path) -> Path:
    """The example rules (three levels) with error types too long for Excel to keep in a list."""
    text = Path(__file__).resolve().parents[1].joinpath("examples", "my_rules.yaml").read_text("utf-8")
    old = "  error_types: [答复错误, 漏答/未回复, 流程不规范, 推荐错误, 优惠解释错误, 态度问题, 其他]"
    assert old in text
    listed = ", ".join(f'"{t}"' for t in LONG_TYPES)
    path = tmp_path / "本店规则.yaml"
    path.write_text(text.replace(old, f"  error_types: [{listed}]"), encoding="utf-8")
    return path


def dropdowns(path: Path) -> dict[str, str]:
    ws = openpyxl.load_workbook(path).worksheets[1]
    headers = {c.column_letter: c.value for c in ws[1]}
    return {
        headers[str(dv.sqref)[0]]: dv.formula1
        for dv in ws.data_validations.dataValidation
        if dv.type == "list"
    }


def test_the_rules_given_set_the_levels_and_error_types(tmp_path: Path) -> None:
    rules = rules_file(tmp_path)
    loaded = load_rules(str(rules))
    result = cli("template", "--out", tmp_path / "t", "--history", tmp_path / "h.sqlite", "--rules", rules)
    assert result.exit_code == 0, result.stderr
    assert dropdowns(tmp_path / "t" / "花名册_模板.xlsx")["级别"] == '"新员工,老员工,组长"'
    qa = tmp_path / "t" / "质检抽查_模板.xlsx"
    said = notes(qa)
    assert (
        said[2]
        == f"下拉列表和各项满分按规则「本店考核（含考勤）」（#{loaded.hash}）设置；由 csreport 0.1.0 生成。"
    )
    # Too long (and one holds a comma) for Excel to keep in the list: the list reads the 说明 cells.
    column = [c.value for c in openpyxl.load_workbook(qa)["说明"]["A"]]
    first = column.index("下拉列表的选项") + 2  # the row of the first type
    assert column[first - 1 : first - 1 + len(LONG_TYPES)] == LONG_TYPES
    assert dropdowns(qa)["差错类型"] == f"'说明'!$A${first}:$A${first + len(LONG_TYPES) - 1}"


def test_the_settings_files_rules(tmp_path: Path) -> None:
    rules = rules_file(tmp_path)
    config = tmp_path / "csreport.yaml"
    config.write_text(f"rules: {rules.name}\n", encoding="utf-8")
    result = cli("template", "--out", tmp_path / "t", "--history", tmp_path / "h.sqlite", "--config", config)
    assert result.exit_code == 0, result.stderr
    assert dropdowns(tmp_path / "t" / "花名册_模板.xlsx")["级别"] == '"新员工,老员工,组长"'
    # --rules wins over the settings file.
    given = cli(
        "template",
        "--out",
        tmp_path / "s",
        "--history",
        tmp_path / "h.sqlite",
        "--config",
        config,
        "--rules",
        "standard",
    )
    assert given.exit_code == 0, given.stderr
    assert (
        dropdowns(tmp_path / "s" / "花名册_模板.xlsx")["级别"]
        == '"新员工,特殊技能新员工,老员工,组长,部门主管,部门经理,公司高层"'
    )


def test_rules_that_do_not_load_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    result = cli(
        "template", "--out", tmp_path / "t", "--history", tmp_path / "h.sqlite", "--rules", "no-such-rules"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：")
    assert not (tmp_path / "t").exists()


# --- files already there ---------------------------------------------------------------------------


def test_a_filled_in_file_is_kept_and_the_template_goes_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "模板"
    history = tmp_path / "h.sqlite"
    assert cli("template", "--out", out, "--history", history).exit_code == 0
    roster = out / "花名册_模板.xlsx"
    book = openpyxl.load_workbook(roster)
    book.worksheets[1]["A2"] = "KF009"
    book.save(roster)
    filled = roster.read_bytes()
    again = cli("template", "--out", out, "--history", history)
    assert again.exit_code == 0, again.stderr
    beside = out / "花名册_模板 (2).xlsx"
    assert again.stdout.splitlines() == [
        f"已写出：{beside}（{roster} 已存在且内容不同，可能已经填过，原文件保留不动）",
        *(f"未改动：{out / name}，已是这一版模板" for name in ZH_FILES[1:]),
        f"模板都在 {out} 文件夹里。填好后先运行 csreport check {out} 检查。",
    ]
    assert roster.read_bytes() == filled
    assert roster_rows(beside) == []
    assert sorted(p.name for p in out.iterdir()) == sorted([*ZH_FILES, beside.name])
    # The template beside it is this template: a third run adds nothing.
    third = cli("template", "--out", out, "--history", history, "--lang", "en")
    assert third.exit_code == 0
    assert sorted(p.name for p in out.iterdir() if p.name.startswith("Roster")) == ["Roster_template.xlsx"]
    fourth = cli("template", "--out", out, "--history", history)
    assert fourth.stdout.splitlines()[0] == f"未改动：{beside}，已是这一版模板"
    en = cli("template", "--out", out, "--history", history, "--lang", "en")
    assert en.stdout.splitlines()[0] == f"Unchanged: {out / 'Roster_template.xlsx'}, already this template"


def test_a_file_that_is_not_a_workbook_is_kept_too(tmp_path: Path) -> None:
    out = tmp_path / "t"
    out.mkdir()
    (out / "考勤_模板.xlsx").write_text("not a workbook", encoding="utf-8")
    result = cli("template", "--out", out, "--history", tmp_path / "h.sqlite", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert (out / "考勤_模板.xlsx").read_text(encoding="utf-8") == "not a workbook"
    chinese = cli("template", "--out", out, "--history", tmp_path / "h.sqlite")
    assert chinese.stdout.splitlines()[1] == (
        f"已写出：{out / '考勤_模板 (2).xlsx'}"
        f"（{out / '考勤_模板.xlsx'} 已存在且内容不同，可能已经填过，原文件保留不动）"
    )
    assert (out / "考勤_模板.xlsx").read_text(encoding="utf-8") == "not a workbook"
    en = openpyxl.load_workbook(out / "考勤_模板 (2).xlsx")
    assert en.sheetnames == ["说明", "考勤"]


def needed(path: Path) -> dict[str, str]:
    """Each column line of the 说明 sheet: the header → 必填 or 选填."""
    lines = [line for line in notes(path) if "（必填）：" in line or "（选填）：" in line]
    return {line.split("（")[0]: line.split("（")[1][:2] for line in lines}


def test_the_counts_the_rules_score_with_are_required(tmp_path: Path) -> None:
    assert cli("template", "--out", tmp_path / "s", "--history", tmp_path / "h.sqlite").exit_code == 0
    assert (
        cli(
            "template", "--out", tmp_path / "m", "--history", tmp_path / "h.sqlite", "--rules", "multi"
        ).exit_code
        == 0
    )
    standard = needed(tmp_path / "s" / "接待数据_模板.xlsx")
    multi = needed(tmp_path / "m" / "接待数据_模板.xlsx")
    # standard: 平均响应时长, 回复人数 / 咨询人数, 付款订单数 / 接待人数.
    assert [h for h, need in standard.items() if need == "必填"] == [
        "工号",
        "日期",
        "接待人数",
        "咨询人数",
        "回复人数",
        "平均响应时长(秒)",
        "付款订单数",
    ]
    # multi: 询单人数, 首次响应时长, 平均响应时长, 客户满意率, 询单付款人数 / 询单人数, 销售额.
    assert [h for h, need in multi.items() if need == "必填"] == [
        "工号",
        "日期",
        "平均响应时长(秒)",
        "首次响应时长(秒)",
        "询单人数",
        "询单付款人数",
        "销售额",
        "客户满意率",
    ]
    # A blank 店铺风险 is no risk: optional whatever the rules.
    assert needed(tmp_path / "s" / "质检抽查_模板.xlsx")["店铺风险"] == "选填"
