"""Where the 校准报告 goes, and that no run loses one: the first report of the day takes the
issue's name, the same calibration sheet run again replaces its own report, another sheet that
day gets ``_2`` (then ``_3``); the files are written as a set (``util.atomic.FileSet``), a failure
or a crash leaves the earlier reports as they were, and two runs on one folder never mix."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from csreport.cli.main import main
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.xlsx.calibration import RecordedSource, recorded_source
from csreport.problems import CsreportError
from csreport.qa.calibrate import STAGING_PREFIX, Placement, calibration_names, run_calibrate
from csreport.util.atomic import FileSet
from tests.test_calibration_numbers import krippendorff_sheet, standard_sheet, write_sheet

DAY = dt.date(2026, 10, 31)
TODAY = dt.date.today()


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, ["calibrate", *(str(a) for a in args)])
    assert "Traceback" not in result.output + result.stderr
    return result


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def written(result: Result) -> list[str]:
    """The console's lines naming the files written."""
    return [line for line in result.stdout.splitlines() if line.startswith(("已写出：", "Written: "))]


# --- one report per sheet and day -----------------------------------------------------------------


def test_the_names(tmp_path: Path) -> None:
    assert calibration_names(DAY) == ("校准报告_2026-10-31.xlsx", "校准报告_2026-10-31.pdf")
    assert calibration_names(DAY, 2) == ("校准报告_2026-10-31_2.xlsx", "校准报告_2026-10-31_2.pdf")
    assert calibration_names(DAY, 12)[0] == "校准报告_2026-10-31_12.xlsx"


def test_the_first_report_of_the_day_records_its_sheet(tmp_path: Path) -> None:
    """The first report takes the issue's name; its workbook records the calibration sheet's file
    name and SHA-256 in two document properties (read back by openpyxl as well)."""
    src = standard_sheet(tmp_path / "s.xlsx")
    out = tmp_path / "out"
    result = cli(src, "--out", out)
    assert result.exit_code == 0, result.stderr
    xlsx, pdf = calibration_names(TODAY)
    assert listing(out) == sorted([xlsx, pdf])
    assert written(result) == [f"已写出：{out / xlsx}", f"已写出：{out / pdf}"]
    assert recorded_source(out / xlsx) == RecordedSource("s.xlsx", sha256(src))
    props = {p.name: p.value for p in openpyxl.load_workbook(out / xlsx).custom_doc_props.props}
    assert props == {"csreport calibration source": "s.xlsx", "csreport calibration sha256": sha256(src)}


def test_the_same_sheet_again_replaces_its_report(tmp_path: Path) -> None:
    """Run again on the same file (same name, same bytes), in either language, the report of that
    sheet is replaced, not numbered: still two files, and the console says so."""
    src = standard_sheet(tmp_path / "s.xlsx")
    out = tmp_path / "out"
    assert cli(src, "--out", out).exit_code == 0
    xlsx, pdf = calibration_names(TODAY)
    again = cli(src, "--out", out, "--lang", "en")
    assert again.exit_code == 0, again.stderr
    assert listing(out) == sorted([xlsx, pdf])
    assert written(again) == [
        f"Written: {out / xlsx} (replacing today's report of the same calibration sheet)",
        f"Written: {out / pdf} (replacing today's report of the same calibration sheet)",
    ]
    assert openpyxl.load_workbook(out / xlsx).sheetnames[0] == "Conclusion"
    zh = cli(src, "--out", out, "--no-pdf")
    assert written(zh) == [f"已写出：{out / xlsx}（替换今天由同一校准表生成的报告）"]
    # With --no-pdf the replaced report's PDF, which would no longer match, goes with it.
    assert listing(out) == [xlsx]


def test_another_sheet_the_same_day_is_numbered_and_never_overwrites(tmp_path: Path) -> None:
    """A different sheet gets _2, a third _3; each earlier report keeps its bytes. The same file
    name with other contents (the sheet edited) is another sheet. Running the second sheet again
    replaces _2, not the first report and not a new _4."""
    (tmp_path / "a").mkdir()
    first = standard_sheet(tmp_path / "a" / "s.xlsx")
    second = krippendorff_sheet(tmp_path / "k.xlsx")
    out = tmp_path / "out"
    assert cli(first, "--out", out).exit_code == 0
    one_x, one_p = calibration_names(TODAY)
    kept = {name: (out / name).read_bytes() for name in (one_x, one_p)}

    result = cli(second, "--out", out)
    assert result.exit_code == 0, result.stderr
    two_x, two_p = calibration_names(TODAY, 2)
    assert listing(out) == sorted([one_x, one_p, two_x, two_p])
    assert written(result) == [
        f"已写出：{out / two_x}（今天已有由其他校准表生成的报告，原报告保留，这一份顺延编号）",
        f"已写出：{out / two_p}（今天已有由其他校准表生成的报告，原报告保留，这一份顺延编号）",
    ]
    en = cli(second, "--out", out, "--lang", "en", "--no-pdf")
    assert written(en) == [f"Written: {out / two_x} (replacing today's report of the same calibration sheet)"]
    assert recorded_source(out / two_x) == RecordedSource("k.xlsx", sha256(second))

    # The first sheet edited, under the same name: a sheet of its own.
    edited = standard_sheet(tmp_path / "s.xlsx", standard_name="专家")
    assert edited.name == first.name and sha256(edited) != sha256(first)
    third = cli(edited, "--out", out, "--lang", "en", "--no-pdf")
    three_x = calibration_names(TODAY, 3)[0]
    assert written(third) == [
        f"Written: {out / three_x} (today's report of another calibration sheet is kept; this one "
        "takes the next number)"
    ]
    assert listing(out) == sorted([one_x, one_p, two_x, three_x])
    assert {name: (out / name).read_bytes() for name in (one_x, one_p)} == kept
    assert recorded_source(out / one_x) == RecordedSource("s.xlsx", sha256(first))


def test_a_file_of_the_name_not_ours_is_never_overwritten(tmp_path: Path) -> None:
    """Today's name held by a workbook that records no sheet (saved by another program) or by a
    PDF alone: neither is replaced; the report takes the next number, past the highest."""
    src = standard_sheet(tmp_path / "s.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    one_x = calibration_names(DAY)[0]
    (out / one_x).write_bytes(b"someone's workbook")
    (out / calibration_names(DAY, 4)[1]).write_bytes(b"a PDF alone")
    done = run_calibrate(src, out, pdf=False, today=DAY)
    assert (done.workbook.name, done.placement) == (calibration_names(DAY, 5)[0], Placement.NUMBERED)
    assert (out / one_x).read_bytes() == b"someone's workbook"
    assert (out / calibration_names(DAY, 4)[1]).read_bytes() == b"a PDF alone"
    assert recorded_source(out / one_x) is None


# --- a set, all or nothing ------------------------------------------------------------------------


def test_a_failure_while_making_the_set_leaves_the_earlier_report(tmp_path: Path) -> None:
    """The PDF fails (an unusable branding colour) after the workbook was made: the earlier
    report of the same sheet keeps both its files and their bytes, and no staging folder stays."""
    src = standard_sheet(tmp_path / "s.xlsx")
    out = tmp_path / "out"
    run_calibrate(src, out, today=DAY)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(CsreportError) as refused:
        run_calibrate(src, out, lang="en", today=DAY, branding=Branding(primary_color="not a colour"))
    assert refused.value.code == "branding.invalid"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_failed_move_puts_the_old_files_back(tmp_path: Path) -> None:
    """``FileSet.commit`` is all or nothing: when the second file cannot be moved in, the first
    new one is taken out again, both old ones are back, and the staging folder goes."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.xlsx").write_bytes(b"old a")
    (out / "b.pdf").write_bytes(b"old b")
    with FileSet(out, STAGING_PREFIX) as files:
        (files.staging / "a.xlsx").write_bytes(b"new a")
        # b.pdf was never made in the staging folder: moving it in fails after a.xlsx went in.
        with pytest.raises(CsreportError) as refused:
            files.commit(["a.xlsx", "b.pdf"])
        assert refused.value.code == "output.not_writable"
        assert (out / "a.xlsx").read_bytes() == b"old a"
        assert (out / "b.pdf").read_bytes() == b"old b"
    assert listing(out) == ["a.xlsx", "b.pdf"]


def test_a_commit_replaces_and_removes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.xlsx").write_bytes(b"old a")
    (out / "a.pdf").write_bytes(b"old pdf")
    (out / "notes.txt").write_text("mine")
    with FileSet(out, STAGING_PREFIX) as files:
        (files.staging / "a.xlsx").write_bytes(b"new a")
        files.commit(["a.xlsx"], remove=["a.pdf"])
    assert listing(out) == ["a.xlsx", "notes.txt"]
    assert (out / "a.xlsx").read_bytes() == b"new a"


def _leftover(
    out: Path, name: str, *, new: dict[str, bytes], old: dict[str, bytes], journal: list[str]
) -> Path:
    """A staging folder as a run that died left it: new files not yet moved in, the old files a
    commit had set aside, and the commit's journal (empty: no commit had begun)."""
    staging = out / f"{STAGING_PREFIX}{name}"
    (staging / ".old").mkdir(parents=True)
    for file, data in new.items():
        (staging / file).write_bytes(data)
    for file, data in old.items():
        (staging / ".old" / file).write_bytes(data)
    if journal:
        (staging / ".set.json").write_text(json.dumps({"names": journal, "remove": []}), encoding="utf-8")
    return staging


def test_a_crashed_runs_staging_folders_are_put_right_and_removed(tmp_path: Path) -> None:
    """The next run cleans up after runs that died: a draft goes; a commit cut off halfway is
    undone (its new workbook out, the old workbook and PDF back), so the folder holds the old
    set, whole; a commit that had placed every file keeps the new set. Then this run's report
    takes the next number past the restored one."""
    out = tmp_path / "out"
    out.mkdir()
    one_x, one_p = calibration_names(DAY)
    # Died mid-commit: the new workbook was in place, the new PDF not yet.
    (out / one_x).write_bytes(b"new workbook, half a set")
    _leftover(
        out,
        "111-a",
        new={one_p: b"new pdf"},
        old={one_x: b"old workbook", one_p: b"old pdf"},
        journal=[one_x, one_p],
    )
    # Died after the commit had placed everything: the new set stays.
    (out / "b.xlsx").write_bytes(b"new b")
    _leftover(out, "222-b", new={}, old={"b.xlsx": b"old b"}, journal=["b.xlsx"])
    # Died while writing: a draft.
    _leftover(out, "333-c", new={one_x: b"half written"}, old={}, journal=[])
    src = standard_sheet(tmp_path / "s.xlsx")
    done = run_calibrate(src, out, pdf=False, today=DAY)
    assert (out / one_x).read_bytes() == b"old workbook"
    assert (out / one_p).read_bytes() == b"old pdf"
    assert (out / "b.xlsx").read_bytes() == b"new b"
    assert done.workbook.name == calibration_names(DAY, 2)[0]
    assert listing(out) == sorted([one_x, one_p, "b.xlsx", done.workbook.name])


def test_two_runs_on_one_folder_never_mix(tmp_path: Path) -> None:
    """While one run holds the folder, a second is refused (exit 2) and writes nothing; the lock
    file goes with the first run."""
    src = standard_sheet(tmp_path / "s.xlsx")
    out = tmp_path / "out"
    with FileSet(out, STAGING_PREFIX):
        result = cli(src, "--out", out, "--no-pdf")
        assert result.exit_code == 2
        assert result.stderr.startswith(f"错误：另一次 csreport 运行正在写入 {out}（进程 ")
        assert not any(p.name.startswith("校准报告_") for p in out.iterdir())
    assert listing(out) == []
    assert cli(src, "--out", out, "--no-pdf").exit_code == 0
    assert listing(out) == [calibration_names(TODAY)[0]]


# --- the mapping file -----------------------------------------------------------------------------


def mapped_sheet(path: Path) -> Path:
    """A sheet whose headers csreport does not know: 单号, 审核人, 分数."""
    rows = [["C1", "甲", 80], ["C1", "乙", 70], ["C2", "甲", 60], ["C2", "乙", 65]]
    return write_sheet(path, ["单号", "审核人", "分数"], rows)


MAPPING = "columns:\n  单号: 会话编号\n  审核人: 评分人\n  分数: 态度得分\n"


def test_headers_that_need_the_mapping(tmp_path: Path) -> None:
    """Without the mapping the sheet is not a calibration sheet; with --mapping, or with the
    settings file's mapping (as ``run`` takes it), it is read."""
    src = mapped_sheet(tmp_path / "映射.xlsx")
    mapping = tmp_path / "表头映射.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    plain = cli(src, "--out", tmp_path / "plain", "--no-pdf")
    assert plain.exit_code == 2
    assert plain.stderr == (
        "错误：映射.xlsx 中没有校准表：校准表需要 会话编号、评分人 两列，以及十项评分或态度得分。\n"
    )
    given = cli(src, "--out", tmp_path / "given", "--no-pdf", "--mapping", mapping)
    assert given.exit_code == 0, given.stderr
    assert (
        given.stdout.splitlines()[0] == "已读取 映射.xlsx（工作表「校准」）：4 行评分，2 位评分人，2 个会话。"
    )
    config = tmp_path / "csreport.yaml"
    config.write_text("mapping: 表头映射.yaml\n", encoding="utf-8")
    settled = cli(src, "--out", tmp_path / "settled", "--no-pdf", "--config", config, "--lang", "en")
    assert settled.exit_code == 0, settled.stderr
    assert (
        settled.stdout.splitlines()[0]
        == "Read 映射.xlsx (sheet '校准'): 4 scored rows, 2 reviewers, 2 chats."
    )
