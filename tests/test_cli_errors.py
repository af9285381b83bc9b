"""Usage mistakes get one line in the user's language and exit code 2, never click's
English usage block; a folder with nothing to check is said to be so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CSREPORT = Path(sys.executable).parent / "csreport"


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(CSREPORT), *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )
    assert "Traceback" not in done.stderr
    return done


@pytest.mark.parametrize(
    "args,zh,en",
    [
        (
            ("run",),
            "错误：请指定要读取的工作簿或文件夹，例如：csreport run 十月数据",
            "Error: Name the workbooks or folders to read, e.g. csreport run october-data",
        ),
        (
            ("check",),
            "错误：请指定要读取的工作簿或文件夹，例如：csreport check 十月数据",
            "Error: Name the workbooks or folders to read, e.g. csreport check october-data",
        ),
        (
            ("run", "x.xlsx", "--bogus"),
            "错误：命令用法有误：没有选项 --bogus。用 csreport run --help 查看用法。",
            "Error: Wrong usage: there is no option --bogus. See csreport run --help.",
        ),
        (
            ("run", "x.xlsx", "--workers", "0"),
            "错误：命令用法有误：'--workers' 的值不对。用 csreport run --help 查看用法。",
            "Error: Wrong usage: bad value for '--workers': 0 is not in the range 1<=x<=32. "
            "See csreport run --help.",
        ),
    ],
)
def test_usage_mistakes(args: tuple[str, ...], zh: str, en: str) -> None:
    done = cli(*args)
    assert (done.returncode, done.stderr) == (2, zh + "\n")
    done = cli(*args, "--lang", "en")
    assert (done.returncode, done.stderr) == (2, en + "\n")


@pytest.mark.parametrize(
    "args,shown",
    [
        (
            ("run", "--lang", "zh", "--out"),
            "错误：命令用法有误：选项 --out 后面缺少它的值。用 csreport run --help 查看用法。",
        ),
        (
            ("run", "--lang", "en", "--out"),
            "Error: Wrong usage: option --out needs a value after it. See csreport run --help.",
        ),
        (
            ("run", "--no-pdf=3"),
            "错误：命令用法有误：选项 --no-pdf 不带值。用 csreport run --help 查看用法。",
        ),
        (("frob",), "错误：命令用法有误：没有命令「frob」。用 csreport --help 查看用法。"),
        (
            ("rules", "frob", "--lang", "en"),
            "Error: Wrong usage: there is no command 'frob'. See csreport rules --help.",
        ),
        (
            ("rules", "export", "standard"),
            "错误：命令用法有误：缺少 --xlsx。用 csreport rules export --help 查看用法。",
        ),
        (
            ("rules", "export", "standard", "--lang", "en"),
            "Error: Wrong usage: missing --xlsx. See csreport rules export --help.",
        ),
        (("rules", "show"), "错误：命令用法有误：缺少 NAME。用 csreport rules show --help 查看用法。"),
    ],
)
def test_usage_mistakes_name_what_the_user_typed(args: tuple[str, ...], shown: str) -> None:
    """Options by what is typed (--xlsx, not the parameter's name), no English in Chinese, and
    the --help of the command typed even when click gives no context."""
    done = cli(*args)
    assert (done.returncode, done.stderr) == (2, shown + "\n")


def test_group_without_command_shows_help() -> None:
    done = cli("rules")
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: csreport rules")


def test_check_on_an_empty_folder(tmp_path: Path) -> None:
    done = cli("check", tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        "错误：没有可检查的工作簿：文件夹里没有工作簿。支持 .xlsx .xlsm .xls .ods .csv。\n",
    )
    assert "数据干净" not in done.stdout
    done = cli("check", tmp_path, "--lang", "en")
    assert done.stderr == (
        "Error: Nothing to check: the folder holds no workbook. Supported: .xlsx .xlsm .xls .ods .csv.\n"
    )


def test_check_on_a_folder_named_like_a_workbook(tmp_path: Path) -> None:
    folder = tmp_path / "十月.xlsx"
    folder.mkdir()
    done = cli("check", folder)
    assert done.returncode == 2
    assert done.stderr.startswith("错误：没有可检查的工作簿：")


def test_run_on_an_empty_folder_says_why(tmp_path: Path) -> None:
    done = cli("run", tmp_path, "--out", tmp_path / "out", "--lang", "en")
    assert (done.returncode, done.stderr.splitlines()[-1]) == (
        2,
        "Error: No readable input file: the folder holds no workbook",
    )


def test_out_below_a_file(tmp_path: Path) -> None:
    from tests.workbooks import Agent, month_workbook

    data = month_workbook(tmp_path / "in" / "m.xlsx", [Agent("K1", "甲")])
    (tmp_path / "afile").write_text("x", "utf-8")
    done = cli("run", data, "--out", tmp_path / "afile" / "sub", "--no-pdf")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"错误：无法写入 {tmp_path / 'afile' / 'sub'}：路径中有一段是文件，不是文件夹。"
        "请用 --out 换一个可以写入的文件夹，或检查权限后重试。"
    )
    done = cli("run", data, "--out", tmp_path / "afile" / "sub", "--no-pdf", "--lang", "en")
    assert done.stderr.splitlines()[-1] == (
        f"Error: Cannot write {tmp_path / 'afile' / 'sub'}: part of the path is a file, not a "
        "folder. Choose a folder you can write to with --out, or check the permissions, and try "
        "again."
    )


def test_messages_stay_one_short_line(tmp_path: Path) -> None:
    """Line breaks in cells and file names, and a 200,000-character name, never make a
    message span lines or fill a screen."""
    from tests.workbooks import ROSTER_HEADER, Agent, month_workbook, write_xlsx

    month_workbook(tmp_path / "m.xlsx", [Agent("K1", "甲"), Agent("K2", "乙")])
    write_xlsx(
        tmp_path / "花名册2.xlsx",
        {
            "花名册": [
                ROSTER_HEADER,
                ["K3\nX", "张\n思远", "一组", None, "正式", "老员工", ""],
                ["K4", "x" * 20000, "一组", None, "正式", "老员工", ""],
            ]
        },
    )
    (tmp_path / "坏\n文件.xlsx").write_bytes(b"garbage")
    for lang in ("zh", "en"):
        done = cli("check", tmp_path, "--lang", lang)
        lines = done.stdout.splitlines()
        assert max(len(line) for line in lines) < 500
        bad = [line for line in lines if "文件.xlsx" in line]
        assert len(bad) == 1 and bad[0].startswith(("[错误] 坏 文件.xlsx", "[error] 坏 文件.xlsx"))
        assert any("K3 X" in line and "张 思远" in line for line in lines)
        assert any("x" * 250 + "…" in line for line in lines)


def test_run_names_inputs_it_did_not_read(tmp_path: Path) -> None:
    from tests.workbooks import Agent, month_workbook

    folder = tmp_path / "in"
    month_workbook(folder / "m.xlsx", [Agent("K1", "甲")])
    (folder / "旧花名册.xlsx").symlink_to(tmp_path / "已删除.xlsx")
    done = cli("run", folder, "--out", tmp_path / "out", "--no-pdf")
    assert done.returncode == 0
    assert (
        "[警告] 旧花名册.xlsx：这是一个失效的快捷方式（符号链接指向的文件不存在），已跳过。"
        in done.stdout.splitlines()
    )
