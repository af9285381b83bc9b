"""Files that are not what their name says, unreadable files and broken CSVs are set aside.

Each is one located ERROR naming what the file is and what to do, and the good files in
the same batch are still read.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from csreport.api import check_month
from csreport.inputs import workbook
from csreport.inputs.dataset import load_dataset
from csreport.inputs.workbook import input_problems, iter_files
from csreport.problems import Severity
from tests.hostile_files import biff_record, ole_file
from tests.workbooks import REC_HEADER, write_xlsx

BIN = Path(sys.executable).with_name("csreport")
GOOD_ROW = ["K1", "2026-10-03", 100, 100, 99, 30, 10, 50, 60, 100]


def good(folder: Path) -> Path:
    return write_xlsx(folder / "好.xlsx", {"接待": [REC_HEADER, GOOD_ROW]})


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/_rels/document.xml.rels", "<Relationships/>")
    return path


KINDS = {
    "空.xlsx": (
        b"",
        "file.empty",
        "文件是空的（0 字节），里面没有任何数据；请从原系统重新导出，或重新复制一份完整的文件。",
    ),
    "网页.xls": (
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>工号</td></tr>"
        "</table></body></html>".encode(),
        "file.is_html",
        "这是网页文件，不是 Excel 工作簿；请在 Excel/WPS 中打开后另存为 .xlsx",
    ),
    "很旧.xls": (
        biff_record(0x0409, b"\x00\x00\x10\x00\x00\x00") + b"\0" * 64,
        "file.old_excel",
        "这是很旧的 Excel 格式（Excel 4.0 工作表，1990 年代初），无法读取；"
        "请在 Excel/WPS 中打开后另存为 .xlsx。",
    ),
    "扫描件.xlsx": (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        "file.is_pdf",
        "这是 PDF 文件，不是 Excel 工作簿；请从原系统导出 Excel（.xlsx）或 CSV 格式的数据。",
    ),
    "截图.xls": (
        b"\x89PNG\r\n\x1a\n" + b"\0" * 40,
        "file.is_image",
        "这是图片（PNG），不是 Excel 工作簿；请从原系统导出 Excel（.xlsx）或 CSV 格式的数据。",
    ),
    "无标记.csv": (
        "工号,日期\nK1,2026-10-03\n".encode("utf-16-le"),
        "file.utf16_no_bom",
        "这是 UTF-16（Unicode）文本，但缺少编码标记，无法可靠读取；"
        "请在 Excel/WPS 中打开后另存为 .xlsx，"
        "或另存为「CSV UTF-8（逗号分隔）」。",
    ),
}


@pytest.mark.parametrize("name", KINDS)
def test_what_a_file_really_is_is_said(tmp_path: Path, name: str) -> None:
    data, code, zh = KINDS[name]
    (tmp_path / name).write_bytes(data)
    report = check_month([tmp_path / name, good(tmp_path)])
    errors = [p for p in report.problems if p.severity is Severity.ERROR and p.code != "rules.kpi_no_data"]
    assert [(p.code, p.file) for p in errors] == [(code, name)]
    assert errors[0].message("zh") == zh
    assert report.dataset.files_read == ["好.xlsx"] and report.dataset.files_failed == [name]
    assert list(report.dataset.frames["reception"]["agent_id"]) == ["K1"]


def test_word_document_renamed_xlsx_in_english(tmp_path: Path) -> None:
    report = check_month([docx(tmp_path / "报表.xlsx"), good(tmp_path)])
    error = next(p for p in report.problems if p.severity is Severity.ERROR and p.file)
    assert error.code == "file.is_word"
    assert error.message("zh") == (
        "这是 Word 文档，不是 Excel 工作簿；请把表格复制到 Excel/WPS 表格中，另存为 .xlsx 后再试。"
    )
    assert error.render("en") == (
        "[error] 报表.xlsx: This is a Word document, not an Excel workbook; "
        "copy the table into Excel/WPS and save it as .xlsx."
    )
    assert report.dataset.files_read == ["好.xlsx"]


def test_utf16_csv_with_bom_is_read(tmp_path: Path) -> None:
    text = "工号\t日期\t考勤状态\r\nK1\t2026-10-03\t出勤\r\nK2\t2026-10-03\t迟到\r\n"
    (tmp_path / "unicode.csv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    # Back offices also write that tab-separated Unicode text under an .xls name.
    (tmp_path / "导出.xls").write_bytes(b"\xff\xfe" + text.replace("K", "M").encode("utf-16-le"))
    report = check_month([tmp_path / "unicode.csv", tmp_path / "导出.xls"])
    assert report.dataset.files_read == ["unicode.csv", "导出.xls"]
    assert sorted(report.dataset.frames["attendance"]["agent_id"]) == ["K1", "K2", "M1", "M2"]


def test_plain_xls_renamed_xlsx_is_read_as_xls(tmp_path: Path) -> None:
    import shutil

    src = Path(__file__).parents[2] / "shared" / "realworld-xlsx" / "calamine__date_1904.xls"
    if not src.exists():
        pytest.skip(f"{src} is not on this machine")
    shutil.copy(src, tmp_path / "改了名.xlsx")
    sheets = workbook.open_workbook(tmp_path / "改了名.xlsx")
    assert [s.name for s in sheets] == [s.name for s in workbook.open_workbook(src)]
    assert sheets[0].rows == workbook.open_workbook(src)[0].rows and sheets[0].rows


def test_ole_word_document_named_xls(tmp_path: Path) -> None:
    (tmp_path / "旧文档.xls").write_bytes(ole_file({"WordDocument": b"\0" * 4096}))
    report = check_month([tmp_path / "旧文档.xls"])
    assert [p.code for p in report.problems] == ["file.is_word"]


def _unbalanced() -> str:
    return '工号,日期,考勤状态\nK1,2026-10-03,出勤\nK2,"2026-10-03,迟到\nK3,2026-10-03,出勤\n'


def test_csv_with_an_unbalanced_quote_names_the_row(tmp_path: Path) -> None:
    (tmp_path / "引号.csv").write_text(_unbalanced(), encoding="utf-8")
    report = check_month([tmp_path / "引号.csv", good(tmp_path)])
    error = next(p for p in report.problems if p.severity is Severity.ERROR and p.file)
    assert (error.code, error.file) == ("file.csv_quote", "引号.csv")
    assert error.message("zh") == (
        'CSV 第 3 行有一个引号（"）没有配对，'
        "从这里往后的内容无法分列，整个文件未读取；"
        "请修正这一行的引号，或从原系统重新导出。"
    )
    assert error.message("en") == (
        'Row 3 of the CSV opens a quote (") that is never closed, so the rest '
        "of the file cannot be split into cells and the file was not read; fix "
        "the quote on that row or export the file again."
    )
    assert report.dataset.files_read == ["好.xlsx"]


def test_runaway_quote_closed_far_below_is_refused(tmp_path: Path) -> None:
    lines = ["工号,日期,考勤状态", 'K0,"2026-10-03,出勤'] + [f"K{i},2026-10-03,出勤" for i in range(1, 3000)]
    lines.append('K9,2026-10-03",出勤')
    (tmp_path / "跑了.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = check_month([tmp_path / "跑了.csv"])
    assert [(p.code, p.params) for p in report.problems] == [("file.csv_quote", {"row": 2})]


def test_csv_field_over_131072_characters_is_read(tmp_path: Path) -> None:
    # A long single-line field is a long cell, not an error: the csv limit follows the file.
    note = "很长的备注" * 30_000  # 150,000 characters
    (tmp_path / "长.csv").write_text(
        f"工号,日期,考勤状态,备注\nK1,2026-10-03,出勤,{note}\n", encoding="utf-8"
    )
    report = check_month([tmp_path / "长.csv"])
    assert report.dataset.files_read == ["长.csv"]
    assert list(report.dataset.frames["attendance"]["agent_id"]) == ["K1"]
    assert not [p for p in report.problems if p.severity is Severity.ERROR and p.code != "rules.kpi_no_data"]


def test_read_error_is_set_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An I/O error (a failing disk or network drive) cannot be caused on demand: simulated.
    bad = good(tmp_path / "坏盘")
    other = write_xlsx(tmp_path / "其他.xlsx", {"接待": [REC_HEADER, ["K2", *GOOD_ROW[1:]]]})
    real_open = os.open

    def failing(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == bad:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", failing)
    data = load_dataset([bad, other])
    assert data.files_read == ["其他.xlsx"] and data.files_failed == ["好.xlsx"]
    error = next(p for p in data.problems if p.severity is Severity.ERROR)
    assert error.message("zh") == (
        "读取文件时出错（系统错误 EIO）；"
        "请确认文件没有被其他程序占用、磁盘或网络盘可用，"
        "复制一份到本机后再试。"
    )


_AS_NOBODY = """
import json, os, sys
from pathlib import Path
from csreport.inputs.dataset import load_dataset
import csreport.inputs.workbook, csreport.inputs.sniff
import csreport.inputs.xlsx_sparse, csreport.inputs.legacy_guard
folder = Path(sys.argv[1])
load_dataset([folder])  # as root: every lazy import (codecs, pandas parts) happens now
pid = os.fork()
if pid == 0:
    os.setgroups([]); os.setgid(65534); os.setuid(65534)
    d = load_dataset([folder])
    errors = [(p.code, p.file, p.message("zh")) for p in d.problems if p.severity.value == "error"]
    (folder.parent / "result.json").write_text(json.dumps([d.files_read, d.files_failed, errors]))
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_file_without_read_permission_is_set_aside() -> None:
    # Root reads everything, so the reading happens in a forked child that dropped to nobody
    # (modules are imported before the drop: the interpreter may live where nobody can't go).
    base = Path(tempfile.mkdtemp(prefix="csreport-perm-"))
    try:
        os.chmod(base, 0o777)
        folder = base / "inputs"
        folder.mkdir(mode=0o755)
        os.chmod(folder, 0o755)
        good(folder)
        secret = write_xlsx(folder / "没权限.xlsx", {"接待": [REC_HEADER, GOOD_ROW]})
        for p in folder.iterdir():
            os.chmod(p, 0o644)
        os.chmod(secret, 0o000)
        if os.geteuid() == 0:
            subprocess.run([sys.executable, "-c", _AS_NOBODY, str(folder)], check=True, timeout=120)
            read, failed, errors = json.loads((base / "result.json").read_text())
        else:
            data = load_dataset([folder])
            read, failed = data.files_read, data.files_failed
            errors = [
                [p.code, p.file, p.message("zh")] for p in data.problems if p.severity is Severity.ERROR
            ]
        assert read == ["好.xlsx"] and failed == ["没权限.xlsx"]
        assert errors == [
            [
                "file.no_permission",
                "没权限.xlsx",
                "没有读取这个文件的权限；请检查文件权限，或把文件复制到自己的文件夹后再试。",
            ]
        ]
    finally:
        for p in base.rglob("*"):
            os.chmod(p, 0o700)
        import shutil

        shutil.rmtree(base)


def test_input_problems_name_skipped_entries(tmp_path: Path) -> None:
    good(tmp_path)
    (tmp_path / "失效.xlsx").symlink_to(tmp_path / "不存在.xlsx")
    (tmp_path / "循环.xlsx").symlink_to(tmp_path / "循环.xlsx")
    (tmp_path / "文件夹.xlsx").mkdir()
    (tmp_path / "说明.txt").write_text("x", encoding="utf-8")
    assert list(iter_files([tmp_path])) == [tmp_path / "好.xlsx"]
    found = input_problems([tmp_path])
    assert sorted((p.code, p.file, p.severity) for p in found) == [
        ("input.broken_symlink", "失效.xlsx", Severity.WARNING),
        ("input.folder_named_like_file", "文件夹.xlsx", Severity.WARNING),
        ("input.symlink_loop", "循环.xlsx", Severity.WARNING),
    ]
    found.sort(key=lambda p: p.code)
    assert found[0].render("zh") == (
        "[警告] 失效.xlsx：这是一个失效的快捷方式（符号链接指向的文件不存在），已跳过。"
    )
    assert found[2].message("en") == "A looping shortcut (symbolic link pointing back to itself); skipped."


def test_digests_are_of_the_bytes_read(tmp_path: Path) -> None:
    path = good(tmp_path)
    (tmp_path / "坏.xlsx").write_bytes(b"")
    data = load_dataset([tmp_path])
    assert data.read_digests == {str(path): hashlib.sha256(path.read_bytes()).hexdigest()}


def test_run_sets_bad_files_aside_and_writes_the_workbook(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_xlsx(
        inputs / "好.xlsx", {"花名册": [["工号", "姓名"], ["K1", "甲"]], "接待": [REC_HEADER, GOOD_ROW]}
    )
    docx(inputs / "报表.xlsx")
    (inputs / "网页.xls").write_text("<html><body><table></table></body></html>", encoding="utf-8")
    (inputs / "空.csv").write_bytes(b"")
    out = tmp_path / "out"
    result = subprocess.run(
        [str(BIN), "run", str(inputs), "--out", str(out), "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert (out / "2026-10" / "客服绩效_2026-10.xlsx").is_file()
    text = result.stdout + result.stderr
    assert "这是 Word 文档，不是 Excel 工作簿" in text
    assert "这是网页文件，不是 Excel 工作簿；请在 Excel/WPS 中打开后另存为 .xlsx" in text
    assert "Traceback" not in text and "Cfb error" not in text and "File not found" not in text
