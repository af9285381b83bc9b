"""The cycle's commands at the command line: each mistake one exact line and its exit code,
in Chinese and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from csreport.cli.main import main
from tests.cycle_series import month_inputs, write_rules


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result


@pytest.fixture
def one_month(tmp_path: Path) -> Path:
    """A history holding 2026-04, scored from the series' workbooks; returns the history file."""
    rules = write_rules(tmp_path)
    inputs = month_inputs(tmp_path / "in", "2026-04")
    out = tmp_path / "o"
    result = cli("run", inputs, "--rules", rules, "--out", out, "--no-pdf")
    assert result.exit_code == 0, result.stderr
    return out / "csreport-history.sqlite"


def test_close_without_a_history(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite"
    result = cli("close", "2026-10", "--history", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"错误：还没有历史记录：{path} 不存在。"
        "先用 csreport run 计算一个月，或用 csreport history import 导入以前的结果。"
    ]
    assert not path.exists()
    en = cli("close", "2026-10", "--history", path, "--lang", "en")
    assert en.stderr.splitlines() == [
        f"Error: No history yet: {path} does not exist. Score a month with csreport run first, or import "
        "past results with csreport history import."
    ]


def test_close_a_month_never_scored(one_month: Path) -> None:
    result = cli("close", "2026-10", "--history", one_month)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"错误：历史记录 {one_month} 中没有 2026-10 的结果，无法关闭。请先计算该月。"
    ]


def test_close_twice_and_in_english(one_month: Path) -> None:
    first = cli("close", "2026-04", "--history", one_month, "--lang", "en")
    assert (first.exit_code, first.stdout) == (
        0,
        '2026-04 is closed. Re-running it now needs --reopen "reason".\n',
    )
    second = cli("close", "2026-04", "--history", one_month, "--lang", "en")
    assert second.exit_code == 0
    assert second.stdout.startswith("2026-04 was already closed on ")


def test_reopen_needs_a_reason(one_month: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    result = cli(
        "run", inputs, "--history", one_month, "--out", tmp_path / "o2", "--no-pdf", "--reopen", "  "
    )
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1]
        == '错误：--reopen 需要写明原因，例如 --reopen "补录 10 月 3 日接待数据"。'
    )


def test_history_of_an_unknown_agent(one_month: Path) -> None:
    result = cli("history", "--agent", "KF999", "--history", one_month)
    assert result.exit_code == 1
    assert result.stdout == f"历史记录 {one_month} 中没有工号 KF999。\n"
    en = cli("history", "--agent", "KF999", "--history", one_month, "--lang", "en")
    assert en.stdout == f"The history {one_month} has no agent KF999.\n"


def test_history_in_english(one_month: Path) -> None:
    result = cli("history", "--history", one_month, "--lang", "en")
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0] == f"History {one_month}:"
    assert out[1].startswith(
        "2026-04  open  revision 1 (of 1), 11 agents, rules 'Flower shop assessment 2026', recorded "
    )
    assert len(out) == 2


def test_review_needs_a_period(one_month: Path) -> None:
    result = cli("review", "--history", one_month)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "错误：请用 --from 和 --to 指定评审期间（例如 --from 2026-05 --to 2026-10），"
        "或用 --apply 读回填好的评审表。"
    ]


def test_review_of_months_not_recorded(one_month: Path, tmp_path: Path) -> None:
    result = cli(
        "review", "--from", "2027-01", "--to", "2027-06", "--history", one_month, "--out", tmp_path / "r"
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"错误：历史记录 {one_month} 中没有 2027-01 至 2027-06 的任何月份，无法评审。请先计算或导入这些月份。"
    ]
