"""The CLI: exact messages, exit codes, JSON, and help text on every command."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from csreport.cli.main import main
from tests.workbooks import ATT_HEADER, ROSTER_HEADER, Agent, month_workbook, write_xlsx

D = dt.datetime(2026, 10, 3)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out.extend(all_commands(cmd, f"{prefix}{name} "))
    return out


@pytest.mark.parametrize("name,cmd", all_commands(main), ids=lambda x: str(x))
def test_every_command_has_help(name: str, cmd: click.Command) -> None:
    assert cmd.help and cmd.help.strip(), f"{name} has no help text"
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help text"
    code, out, _ = invoke(*name.split(), "--help")
    assert code == 0 and "Usage" in out


def test_missing_file_message() -> None:
    code, _, err = invoke("check", "不存在.xlsx")
    assert code == 2
    assert err == "错误：找不到文件：不存在.xlsx\n"
    code, _, err = invoke("check", "不存在.xlsx", "--lang", "en")
    assert err == "Error: File not found: 不存在.xlsx\n"


def test_bad_month_message(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", {"考勤": [ATT_HEADER, ["K1", "甲", D, "出勤"]]})
    code, _, err = invoke("check", str(path), "--month", "2026/10")
    assert code == 2
    assert err == "错误：月份「2026/10」格式不对，应为 YYYY-MM，例如 2026-10。\n"


def test_unknown_rules_message(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", {"考勤": [ATT_HEADER, ["K1", "甲", D, "出勤"]]})
    code, _, err = invoke("run", str(path), "--rules", "没有这个", "--out", str(tmp_path / "o"))
    assert code == 2
    assert err.endswith(
        "错误：找不到规则「没有这个」。可用的预设：standard（标准）, literal（字面）, multi（多维度）\n"
    )


def test_check_clean_and_unclean_exit_codes(tmp_path: Path) -> None:
    roster: list[list[Any]] = [ROSTER_HEADER, ["K1", "甲", "一组", D, "正式", "老员工", ""]]
    clean = write_xlsx(
        tmp_path / "clean.xlsx", {"花名册": roster, "考勤": [ATT_HEADER, ["K1", "甲", D, "出勤"]]}
    )
    code, out, _ = invoke("check", str(clean), "--month", "2026-10")
    # No reception sheet at all: said once, and the data is not clean.
    assert code == 1 and "[警告] 没有找到「接待数据」数据表，所有人的相关指标都将记为缺数据。" in out
    dirty = write_xlsx(
        tmp_path / "dirty.xlsx",
        {"花名册": roster, "考勤": [ATT_HEADER, ["K1", "甲", D, "出勤"], ["K1", "甲", "x", "出勤"]]},
    )
    code, out, _ = invoke("check", str(dirty), "--json")
    payload = json.loads(out)
    assert code == 1 and payload["valid"] is False and payload["month"] == "2026-10"
    bad = next(p for p in payload["problems"] if p["type"] == "cell.not_date")
    assert (bad["file"], bad["sheet"], bad["row"], bad["column"], bad["header"]) == (
        "dirty.xlsx",
        "考勤",
        3,
        "C",
        "日期",
    )
    assert bad["note"] == "「x」不是有效的日期，此行已排除。"


def test_clean_data_exits_zero(tmp_path: Path) -> None:
    path = month_workbook(tmp_path / "m.xlsx", [Agent("K1", "甲"), Agent("K2", "乙")])
    code, out, _ = invoke("check", str(path))
    assert code == 0, out
    assert out.strip().endswith("数据干净，可以计分。")


def test_run_writes_reports_and_prints_paths(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    code, out, _ = invoke("run", str(samples), "--out", str(tmp_path / "报表"), "--no-pdf")
    assert code == 0
    workbook = tmp_path / "报表" / "2026-10" / "客服绩效_2026-10.xlsx"
    assert workbook.is_file()
    assert f"汇总工作簿：{workbook}" in out
    # The rules checked against the data come first: KF011 has no sampled chats.
    assert out.splitlines()[:3] == [
        "[警告] 考核表「试用期」的指标「差错」：3 人中有 1 人没有抽查数、同类差错最多次数的数据（工号 KF011；"
        "可来自：质检抽查表）。这些人将为「缺数据」，没有总分。",
        "[警告] 考核表「试用期」的指标「服务态度」：3 人中有 1 人没有抽查数、态度得分的数据（工号 KF011；"
        "可来自：质检抽查表）。这些人将为「缺数据」，没有总分。",
        "已完成 2026-10 考核：共 14 人，合格 11，不予上岗 2，缺数据 1。",
    ]
    meta = json.loads(workbook.with_suffix(".json").read_text("utf-8"))["meta"]
    assert meta["shop"] == "本店"


def test_english_run_prints_english(tmp_path: Path) -> None:
    """No Chinese on an English console except data: the rules' name, the report file names,
    the agents' names and the Chinese term beside its English one."""
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    code, out, err = invoke("run", str(samples), "--out", str(tmp_path / "o"), "--no-pdf", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[2] == (
        "Scored 2026-10: 14 agents. Pass: 11, Not cleared (不予上岗): 2, Missing data (缺数据): 1."
    )
    assert "Data problems: 0 error(s), 3 warning(s) (see the Data problems sheet)." in lines
    # No --shop and no settings file: how to name the shop comes last, in English.
    assert err.splitlines() == [
        "Reading 4 file(s)...",
        "Note: no shop name is set, so the reports say 'Our shop'; set one with --shop \"My Shop\", "
        "or with a line shop: My Shop in csreport.yaml.",
    ]
    # Glosses (a Chinese term in parentheses after its English one) are allowed.
    glossless = re.sub(r"(?<=[A-Za-z')]) \([\u4e00-\u9fff]+\)", "", out)
    assert "KF006 周文博 (Average response time over 100 s)" in glossless
    glossless = re.sub(r"(?<=KF\d{3}) [\u4e00-\u9fff]+", "", glossless)  # 工号 and name
    data = "".join(glossless.replace("标准考核", "").replace("客服绩效_", "").split())
    assert not re.search(r"[\u4e00-\u9fff]", data), out
    meta = json.loads((tmp_path / "o" / "2026-10" / "客服绩效_2026-10.json").read_text("utf-8"))
    assert meta["meta"]["shop"] == "Our shop"


def test_demo_shop_name_follows_the_language(tmp_path: Path) -> None:
    for lang, shop in (("zh", "测试旗舰店"), ("en", "Demo Flagship Store")):
        code, _, err = invoke("demo", "--out", str(tmp_path / lang), "--no-pdf", "--lang", lang)
        assert code == 0, err
        result = json.loads((tmp_path / lang / "2026-10" / "客服绩效_2026-10.json").read_text("utf-8"))
        assert result["meta"]["shop"] == shop


def test_run_names_a_set_aside_file_and_why(tmp_path: Path) -> None:
    path = month_workbook(tmp_path / "m.xlsx", [Agent("K1", "甲")])
    (tmp_path / "坏文件.xlsx").write_text("not a workbook", encoding="utf-8")
    code, out, _ = invoke("run", str(tmp_path), "--out", str(tmp_path / "报表"), "--no-pdf")
    assert code == 1 and path.is_file()
    assert (
        "未能读取、已跳过的文件：坏文件.xlsx——不是可读取的工作簿（文件已损坏，或并非 Excel/CSV "
        "文件）：内容是纯文本，不是 Excel 工作簿；如果它是 CSV，请把扩展名改为 .csv\n"
    ) in out
    code, out, _ = invoke("run", str(tmp_path), "--out", str(tmp_path / "out2"), "--no-pdf", "--lang", "en")
    assert (
        "File set aside (unreadable): 坏文件.xlsx — Not a readable workbook (the file is "
        "damaged or is not an Excel/CSV file): the content is plain text, not an Excel "
        "workbook; if it is a CSV, rename it to .csv\n"
    ) in out


def test_rules_list_and_show() -> None:
    code, out, _ = invoke("rules", "list")
    assert code == 0
    assert out.splitlines()[0].startswith("standard  标准   标准考核 #")
    assert "权重方案：重服务, 重转化" in out
    code, out, _ = invoke("rules", "show", "multi", "--profile", "重转化")
    assert code == 0 and "多维度考核（重转化）" in out
    assert " - 工作量（询单人数）（满分 25 分）  计算方式：询单人数\n" in out
    code, out, _ = invoke("rules", "show", "standard", "--lang", "en")
    assert "     45–80 s (not including 45 s)  → 15 pts" in out and "== Table: Regular ==" in out
    assert "(45, 80]" not in out


def test_run_with_profile(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    code, out, _ = invoke(
        "run", str(samples), "--rules", "多维度", "--profile", "重服务", "--out", str(tmp_path), "--no-pdf"
    )
    assert code == 0 and "使用规则：多维度考核（重服务） #" in out
    code, _, err = invoke(
        "run", str(samples), "--rules", "multi", "--profile", "x", "--out", str(tmp_path), "--no-pdf"
    )
    assert code == 2 and "没有权重方案「x」" in err


def test_rules_lint_exit_codes() -> None:
    code, out, _ = invoke("rules", "lint", "standard")
    assert code == 0 and out.strip() == "规则「标准考核」没有发现问题。"
    code, out, _ = invoke("rules", "lint", "字面")
    assert code == 1 and "60S>均响<=80S" in out
    assert "[错误] 考核表「试用期」：平均响应时长：45–60 秒（不含 45 秒）没有任何区间覆盖" in out
    assert all(line.startswith(("[错误] ", "[警告] ")) for line in out.splitlines()[:-1])
    assert out.splitlines()[-1].startswith("共 ")
    code, out, _ = invoke("rules", "lint", "standard", "--lang", "en")
    assert (code, out) == (0, "No findings in the rules 'Standard assessment'.\n")
    code, out, _ = invoke("rules", "lint", "字面", "--lang", "en")
    assert code == 1 and out.endswith(" finding(s).\n")
    assert all(line.startswith(("[error] ", "[warning] ")) for line in out.splitlines()[:-1])


def test_literal_rules_are_flagged_in_reports(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    code, out, _ = invoke("check", str(samples), "--rules", "literal")
    assert code == 1
    gap = "平均响应时长：45–60 秒（不含 45 秒）没有任何区间覆盖"
    # One line per table: the tables share the KPI, so each line names its table.
    assert f"[警告] literal：规则问题（考核表「试用期」）：{gap}" in out
    assert f"[警告] literal：规则问题（考核表「正式」）：{gap}" in out


def test_unsafe_rules_are_refused(tmp_path: Path) -> None:
    rules = tmp_path / "bad.yaml"
    rules.write_text(
        """name: 坏规则
tables:
  - id: t
    name: 表
    total: 100
    kpis:
      - id: rt
        name: 均响
        weight: 10
        input: avg_response_s
        unit: s
        bands: [{range: "[0, inf)", points: 30}]
""",
        encoding="utf-8",
    )
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    code, _, err = invoke("run", str(samples), "--rules", str(rules), "--out", str(tmp_path), "--no-pdf")
    assert code == 2
    assert "错误：规则「坏规则」的权重或分值有误，无法可靠计分：" in err
    assert not (tmp_path / "2026-10").exists()


def test_rules_export_and_import_round_trip(tmp_path: Path) -> None:
    book = tmp_path / "规则.xlsx"
    code, out, _ = invoke("rules", "export", "multi", "--xlsx", str(book))
    assert code == 0 and book.is_file() and str(book) in out
    target = tmp_path / "规则.yaml"
    code, out, _ = invoke("rules", "import", str(book), "--out", str(target))
    assert code == 0 and "已导入 多维度考核" in out
    from csreport.rules.loader import load_rules
    from csreport.rules.serialize import rules_equal

    assert rules_equal(load_rules(str(target)), load_rules("multi"))
    # A workbook can also be used directly as the rules of a run.
    assert rules_equal(load_rules(str(book)), load_rules("multi"))


def test_write_back_and_settings_file(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[1] / "sample_workbooks"
    csv = tmp_path / "额外.csv"
    csv.write_text("工号,日期,考勤状态\nKF001,2026-10-31,出勤\n", encoding="utf-8")
    settings = tmp_path / "csreport.yaml"
    settings.write_text("shop: 配置里的店\nrules: multi\nprofile: 重服务\n", encoding="utf-8")
    code, out, _ = invoke(
        "run",
        str(samples),
        str(csv),
        "--out",
        str(tmp_path / "o"),
        "--no-pdf",
        "--write-back=columns",
        "--config",
        str(settings),
    )
    assert code == 0, out
    assert "使用规则：多维度考核（重服务）" in out
    copies = sorted(p.name for p in (tmp_path / "o" / "2026-10").glob("*_考核结果.xlsx"))
    assert copies == [
        "十月接待_考核结果.xlsx",
        "十月考勤_考核结果.xlsx",
        "十月质检_考核结果.xlsx",
        "花名册_考核结果.xlsx",
    ]
    import openpyxl

    roster = openpyxl.load_workbook(tmp_path / "o" / "2026-10" / "花名册_考核结果.xlsx")
    assert "考核结果" in roster.sheetnames
    header = [c.value for c in roster["花名册"][1]]
    assert header[-4:] == ["总分", "结论", "级别", "系数"]
    wb = openpyxl.load_workbook(tmp_path / "o" / "2026-10" / "客服绩效_2026-10.xlsx")
    problems = [[c.value for c in row] for row in wb["数据问题"].iter_rows(min_row=2)]
    assert any(r[1] == "额外.csv" and "无法回写" in (r[-1] or "") for r in problems)
    bad = tmp_path / "bad.yaml"
    bad.write_text("shop: x\ncolour: red\n", encoding="utf-8")
    code, _, err = invoke("run", str(samples), "--config", str(bad), "--out", str(tmp_path))
    assert code == 2 and "不认识的设置：colour" in err


def test_reports_carry_their_exit_codes() -> None:
    from csreport.problems import CsreportError, Problem, Severity
    from csreport.reports import CheckReport, ExitCode

    assert CheckReport(None, []).exit_code == ExitCode.OK == 0
    assert CheckReport(None, [Problem("input.given_twice", Severity.INFO)]).exit_code == 0
    assert CheckReport(None, [Problem("input.gone", Severity.WARNING)]).exit_code == 1
    assert CsreportError("month.none").exit_code == ExitCode.USER_ERROR == 2
    assert (ExitCode.BUG, ExitCode.NO_PDF, ExitCode.INTERRUPTED, ExitCode.TERMINATED) == (3, 4, 130, 143)
