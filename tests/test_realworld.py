"""Workbooks made by other applications: each reads, or fails with one clear line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from csreport.cli.main import main

SHARED = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"
FILES = sorted(p for p in SHARED.glob("*") if p.suffix in (".xlsx", ".xls")) if SHARED.is_dir() else []
ENCRYPTED = {"calamine__pass_protected.xlsx", "python-calamine__password.xls"}

pytestmark = pytest.mark.skipif(not FILES, reason="../shared/realworld-xlsx is not beside the repo")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_never_crashes(path: Path, lang: str) -> None:
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", str(path), "--lang", lang])
    elapsed = time.perf_counter() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    assert elapsed < 10
    if result.exit_code == 1:
        error_lines = [ln for ln in result.output.splitlines() if ln.startswith(("[错误]", "[error]"))]
        assert error_lines, result.output
        assert any(path.name in ln for ln in error_lines), result.output


@pytest.mark.parametrize("name", sorted(ENCRYPTED))
def test_encrypted_files_say_password(name: str) -> None:
    result = CliRunner().invoke(main, ["check", str(SHARED / name)])
    assert result.exit_code == 1
    assert f"[错误] {name}：工作簿有密码保护，无法读取。" in result.output


def test_hidden_sheets_are_named() -> None:
    result = CliRunner().invoke(main, ["check", str(SHARED / "calamine__any_sheets.xlsx")])
    for sheet in ("Hidden", "VeryHidden"):
        # check explains every sheet, the hidden ones too, in place of the note line.
        assert f"calamine__any_sheets.xlsx · {sheet}：隐藏的工作表，未读取。" in result.output
