"""Write-back never mixes two versions of a file, and never copies a file that was not read.

``write_back`` gets each input with the SHA-256 of the bytes that were scored. A file changed
since is not written back and says so; a copy is built from the one read that was checked, so
a change in the middle of writing cannot leak into it; a file that does not parse is refused
before anything is written. Each case uses real workbooks on disk; the one patch replaces a
file at the exact moment between the check and the copy, which no real timing can hit reliably.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import csreport.inputs.writeback as writeback
from csreport.api import RunOptions, run_month
from csreport.cli.main import main
from csreport.inputs.workbook import open_workbook
from csreport.inputs.writeback import SHEET_NAME, WriteBackResult, write_back
from csreport.problems import CsreportError
from tests.writeback_helpers import SAMPLES, calamine_rows, manager_book, rows, sha

CHANGED_ZH = "[警告] 花名册.xlsx：计分后此文件被修改过，未另存带结果的副本；请重新运行 csreport。"
CHANGED_EN = (
    "[warning] 花名册.xlsx: This file was changed after it was read for scoring, so no copy "
    "with results was saved; run csreport again."
)


def digest(path: Path) -> str:
    """What the reader records for a file: the SHA-256 of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_roster(path: Path, name: str) -> None:
    """The manager saves the roster again with 1001's name changed to ``name``."""
    wb = openpyxl.load_workbook(path)
    wb["花名册"]["A3"] = name
    wb.save(path)


def listing(folder: Path) -> list[str]:
    """Every name under ``folder`` (hidden temporary files included), or [] when it is absent."""
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    """The manager's roster and a second workbook, in one input folder."""
    (tmp_path / "in").mkdir()
    book = manager_book(tmp_path / "in" / "花名册.xlsx")
    other = tmp_path / "in" / "备份.xlsx"
    other.write_bytes(book.read_bytes())
    return book, other


def test_input_changed_after_scoring_is_not_written_back(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    book, other = inputs
    scored = {book: digest(book), other: digest(other)}
    edit_roster(book, "张三丰")  # saved again between reading and write-back
    now = sha(book)
    result = write_back(scored, rows(), tmp_path / "out", columns=True)
    assert result.skipped == (("花名册.xlsx", "writeback.input_changed"),)
    assert result.written == (tmp_path / "out" / "备份_考核结果.xlsx",)
    assert listing(tmp_path / "out") == ["备份_考核结果.xlsx"]  # no copy, no temporary file
    assert sha(book) == now  # the user's new version is left alone
    (problem,) = result.problems
    assert (problem.file, problem.severity.value) == ("花名册.xlsx", "warning")
    assert problem.render("zh") == CHANGED_ZH
    assert problem.render("en") == CHANGED_EN


def test_unchanged_inputs_with_digests_are_written_back(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    book, other = inputs
    result = write_back({book: digest(book), other: digest(other).upper()}, rows(), tmp_path / "out")
    names = [tmp_path / "out" / "花名册_考核结果.xlsx", tmp_path / "out" / "备份_考核结果.xlsx"]
    assert result == WriteBackResult(tuple(names), ())
    assert calamine_rows(names[0], SHEET_NAME)[1][:2] == [1001.0, "张三"]


def test_copy_is_built_from_the_bytes_that_were_checked(
    inputs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is replaced right after its digest was checked: the copy still holds the old version."""
    book, _ = inputs
    before = calamine_rows(book, "花名册")
    real = writeback._read_once

    def read_then_replace(path: Path, expected: str | None) -> bytes:
        data = real(path, expected)
        edit_roster(path, "张三丰")
        return data

    monkeypatch.setattr(writeback, "_read_once", read_then_replace)
    result = write_back({book: digest(book)}, rows(), tmp_path / "out", columns=True)
    (out,) = result.written
    assert calamine_rows(book, "花名册")[2][0] == "张三丰"  # the file on disk did change
    assert [row[:7] for row in calamine_rows(out, "花名册")] == before  # the copy did not
    assert calamine_rows(out, "花名册")[2][7:9] == [90.0, "合格"]


def test_input_removed_before_write_back(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    book, other = inputs
    scored = {book: digest(book), other: digest(other)}
    book.unlink()
    other.unlink()
    assert write_back(scored, rows(), tmp_path / "a").skipped == (
        ("花名册.xlsx", "writeback.input_changed"),
        ("备份.xlsx", "writeback.input_changed"),
    )
    assert listing(tmp_path / "a") == []


def _rewrite(src: Path, dst: Path, edit: dict[str, bytes | None]) -> Path:
    """``src`` with some parts replaced (bytes) or left out (None), as ``dst``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit.get(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return dst


BROKEN = {
    "truncated sheet": {
        "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><worksheet xmlns="http://'
        b'schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0'
    },
    "sheet part missing": {"xl/worksheets/sheet1.xml": None},
    "not a zip": {},
}


@pytest.mark.parametrize("kind", BROKEN)
def test_unparseable_file_is_refused_before_anything_is_written(
    kind: str, inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    """Even with a matching digest (the caller vouching for it) a broken file gets no copy."""
    book, _ = inputs
    bad = tmp_path / "in" / "坏.xlsx"
    if kind == "not a zip":
        bad.write_bytes(b"PK\x03\x04" + book.read_bytes()[4:2000])
    else:
        _rewrite(book, bad, BROKEN[kind])
    with pytest.raises(CsreportError):  # the reader sets it aside, so it was never read
        open_workbook(bad)
    before = sha(bad)
    result = write_back({bad: digest(bad)}, rows(), tmp_path / "out", columns=False)
    assert result == WriteBackResult((), (("坏.xlsx", "writeback.failed"),))
    assert listing(tmp_path / "out") == []
    assert sha(bad) == before


def test_run_writes_back_only_files_that_open(tmp_path: Path) -> None:
    """A folder holding the samples and a workbook with a broken sheet: the samples are scored and
    written back, every copy opens, and the broken one (set aside by the reader) gets no copy."""
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.xlsx")):
        (folder / sample.name).write_bytes(sample.read_bytes())
    _rewrite(SAMPLES / "花名册.xlsx", folder / "坏.xlsx", BROKEN["truncated sheet"])
    hashes = {p.name: sha(p) for p in folder.iterdir()}
    result = CliRunner().invoke(
        main, ["run", str(folder), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "sheet"]
    )
    # Exit 1: finished, but an input was set aside (README, "exit codes").
    assert result.exit_code == 1, result.output + result.stderr
    month_dir = tmp_path / "out" / "2026-10"
    copies = sorted(month_dir.glob("*_考核结果.xlsx"))
    assert [p.name for p in copies] == sorted(f"{p.stem}_考核结果.xlsx" for p in SAMPLES.glob("*.xlsx"))
    for copy in copies:
        assert SHEET_NAME in [s.name for s in open_workbook(copy)]
    assert {p.name: sha(p) for p in folder.iterdir()} == hashes


def test_run_skips_a_roster_replaced_mid_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The roster is saved again after it was read and scored: its copy is not written (it would pair
    the new roster with the old results), the run says so, and the other inputs are written back."""
    import csreport.api as pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.xlsx")):
        (folder / sample.name).write_bytes(sample.read_bytes())
    roster = folder / "花名册.xlsx"
    real = pipeline.score_month

    def score_then_replace(*args: object, **kwargs: object) -> object:
        wb = openpyxl.load_workbook(roster)
        wb.active.append(["KF999", "新来的"])
        wb.save(roster)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "score_month", score_then_replace)
    report = run_month([folder], RunOptions(out_dir=tmp_path / "out", pdf=False, write_back="columns"))
    assert sorted(p.name for p in report.written_back) == [
        "十月接待_考核结果.xlsx",
        "十月考勤_考核结果.xlsx",
        "十月质检_考核结果.xlsx",
    ]
    assert not list((tmp_path / "out").rglob("花名册_考核结果*"))
    changed = [p for p in report.problems if p.code == "writeback.input_changed"]
    assert [(p.file, p.severity.value) for p in changed] == [("花名册.xlsx", "warning")]
    assert all("KF999" not in a.agent_id for a in report.result.agents)


def test_a_copy_never_takes_an_input_name(tmp_path: Path) -> None:
    """An input folder that is also the output folder and already holds a file of the copy's name:
    that file is an input, so the copy gets the next free name."""
    (folder := tmp_path / "in").mkdir()
    book = manager_book(folder / "花名册.xlsx")
    clash = folder / "花名册_考核结果.xlsx"
    clash.write_bytes(book.read_bytes())
    result = write_back({book: digest(book), clash: digest(clash)}, rows(), folder)
    assert result.written == (folder / "花名册_考核结果2.xlsx",)
    assert sha(clash) == sha(book)  # untouched
