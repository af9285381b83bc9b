"""Nobody is left guessing whether the PDF accelerators are on: ``csreport doctor`` says so
(and if not, why), and a run whose PDFs take the slower public path for any reason but
``CSREPORT_PDF_FAST=0`` says so once on its console. Exact messages, both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import weasyprint
from click.testing import CliRunner

from csreport.cli.doctor import diagnose
from csreport.cli.main import main
from csreport.outputs.pdf import acceleration, fast
from csreport.util.resources import sample_workbooks_dir
from tests.weasy_logs import written_on

INSTALLED = weasyprint.__version__
NOTE_ZH = (
    "提示：本次生成 PDF 不使用加速，原因：WeasyPrint 70.1 不是加速测试过的版本。"
    "PDF 内容不变，但多用约 60% 的时间。运行 csreport doctor 查看详情。"
)
NOTE_EN = (
    "Note: this run makes its PDFs without the accelerators, because WeasyPrint 70.1 is not a "
    "release they were tested with: the same PDFs, in about 60% more time. See csreport doctor."
)


@pytest.fixture(autouse=True)
def accelerators_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with the accelerators not switched off by the environment."""
    monkeypatch.delenv(acceleration.ENV, raising=False)


def released(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    """Make the installed WeasyPrint say it is ``version`` (a release the declared range
    allows but the accelerators were not tested with, such as 70.1)."""
    monkeypatch.setattr(weasyprint, "__version__", version)


def accelerator_line(lang: str) -> tuple[bool, str]:
    """The doctor's line about the accelerators (the one after the line saying the PDFs are
    made with WeasyPrint)."""
    lines = diagnose(lang).lines
    made = ("PDF：使用 WeasyPrint ", "PDFs: made with WeasyPrint ")
    [at] = [i for i, (_, line) in enumerate(lines) if line.startswith(made)]
    return lines[at + 1]


def test_doctor_says_they_are_on() -> None:
    assert accelerator_line("zh") == (True, f"PDF 加速：已启用（WeasyPrint {INSTALLED}）")
    assert accelerator_line("en") == (True, f"PDF accelerators: on (WeasyPrint {INSTALLED})")


def test_doctor_says_the_user_switched_them_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(acceleration.ENV, "0")
    assert accelerator_line("zh") == (
        True,
        "PDF 加速：已由 CSREPORT_PDF_FAST=0 关闭（PDF 内容不变，多用约 60% 的时间）",
    )
    assert accelerator_line("en") == (
        True,
        "PDF accelerators: switched off by CSREPORT_PDF_FAST=0 (the same PDFs, in about 60% more time)",
    )


def test_doctor_says_this_release_was_not_tested(monkeypatch: pytest.MonkeyPatch) -> None:
    released(monkeypatch, "70.1")
    monkeypatch.setattr(fast, "TESTED_VERSIONS", ("70.0",))
    assert accelerator_line("zh") == (
        False,
        "PDF 加速：未启用，原因：WeasyPrint 70.1 不是加速测试过的版本。PDF 内容不变，但多用约 60% 的时间；"
        "安装 WeasyPrint 70.0 可恢复加速。",
    )
    assert accelerator_line("en") == (
        False,
        "PDF accelerators: off, because WeasyPrint 70.1 is not a release they were tested with. The "
        "PDFs are the same but take about 60% longer; install WeasyPrint 70.0 to have them back.",
    )
    # Only slower: shown as a finding ("! "), but the PDFs are made, so doctor does not fail.
    found = diagnose("en")
    assert found.exit_code == 0
    assert [line for line in found.marked() if line.startswith("! ")] == [f"! {accelerator_line('en')[1]}"]
    monkeypatch.setattr(fast, "TESTED_VERSIONS", ("70.0", "70.2"))
    assert accelerator_line("zh")[1].endswith("安装 WeasyPrint 70.0 / 70.2 可恢复加速。")


def test_doctor_names_a_missing_internal(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.text import line_break

    monkeypatch.delattr(line_break, "strut")
    ok, zh = accelerator_line("zh")
    assert not ok and zh == (
        f"PDF 加速：未启用，原因：WeasyPrint {INSTALLED} 缺少加速用到的内部接口 "
        "weasyprint.text.line_break.strut。PDF 内容不变，但多用约 60% 的时间；安装 WeasyPrint "
        f"{', '.join(fast.TESTED_VERSIONS)} 可恢复加速。"
    )
    assert accelerator_line("en")[1].startswith(
        f"PDF accelerators: off, because WeasyPrint {INSTALLED} lacks the internal "
        "weasyprint.text.line_break.strut they use. "
    )


def test_the_note_for_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    assert acceleration.public_path_note("zh") is None  # on: nothing to say
    released(monkeypatch, "70.1")
    assert acceleration.public_path_note("zh") == NOTE_ZH
    assert acceleration.public_path_note("en") == NOTE_EN
    monkeypatch.setenv(acceleration.ENV, "0")
    assert acceleration.public_path_note("zh") is None  # the user's own choice: nothing to say


def run(*args: str) -> tuple[int, str]:
    """``csreport run`` in this process; its exit code and stderr."""
    result = CliRunner().invoke(main, ["run", *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stderr


def test_a_run_on_an_untested_release_says_so_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    released(monkeypatch, "70.1")
    out = tmp_path / "out"
    code, err = run(str(sample_workbooks_dir()), "--out", str(out), "--workers", "1", "--lang", "en")
    assert code == 0 and err.count(NOTE_EN) == 1 and "accelerators" not in err.replace(NOTE_EN, "")
    cards = sorted(out.glob("*/scorecards/*.pdf"))
    assert cards and {written_on(p) for p in cards[:3]} == {"public"}


@pytest.mark.parametrize("setting", ["tested", "switched off", "no PDFs"])
def test_no_note_otherwise(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, setting: str) -> None:
    """The note is decided before the inputs are read: a run that stops at a missing input
    shows whether it would have been printed."""
    extra = []
    if setting != "tested":
        released(monkeypatch, "70.1")
    if setting == "switched off":
        monkeypatch.setenv(acceleration.ENV, "0")
    if setting == "no PDFs":
        extra = ["--no-pdf"]
    code, err = run(str(tmp_path / "missing.xlsx"), "--out", str(tmp_path / "out"), *extra)
    assert code == 2 and "加速" not in err, err
    released(monkeypatch, "70.1")
    monkeypatch.delenv(acceleration.ENV, raising=False)
    code, err = run(str(tmp_path / "missing.xlsx"), "--out", str(tmp_path / "out"))
    assert code == 2 and err.count(NOTE_ZH) == 1  # the same run, on an untested release
