"""No command writes onto its own input, however the output path is spelled.

``rules import X.xlsx --out X.xlsx`` used to overwrite the workbook with YAML. Every spelling
of "the same file" is refused with one line and exit code 2, and the input is left byte for
byte: the same name, ``./``, ``dir/..``, an absolute path, a symlink either way, a hard link,
and (on a case-insensitive file system) another letter case. The check is
``csreport.util.paths.refuse_input_as_output``, shared with ``run``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from csreport.cli.main import main
from csreport.rules.loader import load_rules, preset_text
from csreport.rules.workbook.transfer import export_rules
from csreport.util.paths import matching_input, same_file

ZH = "错误：输出文件 {path} 就是输入文件本身；请换一个输出文件名（{option}）。\n"
EN = "Error: The output file {path} is the input file itself; choose another output file name ({option}).\n"


def invoke(*args: str) -> tuple[int, str, str]:
    """Run the real CLI in-process; exit code, stdout, stderr."""
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, tuple[bool, str]]:
    """Every entry under ``folder`` (hidden temporary files too): symlink or not, and content hash."""
    return {
        str(p.relative_to(folder)): (
            p.is_symlink(),
            "" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An exported rules workbook ``X.xlsx`` in the current folder, with a symlink, a hard link
    and a subfolder beside it."""
    monkeypatch.chdir(tmp_path)
    path = export_rules(load_rules("standard"), tmp_path / "X.xlsx")
    (tmp_path / "link.xlsx").symlink_to("X.xlsx")
    os.link(path, tmp_path / "hard.xlsx")
    (tmp_path / "sub").mkdir()
    return path


SPELLINGS = [
    ("X.xlsx", "X.xlsx"),  # (workbook argument, --out)
    ("X.xlsx", "./X.xlsx"),
    ("X.xlsx", "sub/../X.xlsx"),
    ("X.xlsx", "{abs}"),
    ("X.xlsx", "link.xlsx"),  # a symlink to the input
    ("link.xlsx", "X.xlsx"),  # the input given through a symlink
    ("X.xlsx", "hard.xlsx"),  # another name of the same file
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("workbook,out", SPELLINGS)
def test_import_refuses_to_write_onto_its_workbook(book: Path, workbook: str, out: str, lang: str) -> None:
    out = out.format(abs=book)
    before = snapshot(book.parent)
    code, stdout, stderr = invoke("rules", "import", workbook, "--out", out, "--lang", lang)
    assert (code, stdout) == (2, "")
    assert stderr == (EN if lang == "en" else ZH).format(path=Path(out), option="--out")
    assert snapshot(book.parent) == before  # nothing written, nothing replaced, no temporary file


def test_import_default_target_that_is_the_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A YAML file given as the workbook: the default output (same name, .yaml) is the input."""
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(preset_text("standard"), encoding="utf-8")
    before = snapshot(tmp_path)
    code, _, stderr = invoke("rules", "import", "r.yaml")
    assert (code, stderr) == (2, ZH.format(path="r.yaml", option="--out"))
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "source,target",
    [("X.xlsx", "X.xlsx"), ("X.xlsx", "link.xlsx"), ("r.yaml", "./r.yaml"), ("r.yaml", "sub/../r.yaml")],
)
def test_export_refuses_to_write_onto_its_rules_file(book: Path, source: str, target: str) -> None:
    Path("r.yaml").write_text(preset_text("standard"), encoding="utf-8")
    before = snapshot(book.parent)
    code, _, stderr = invoke("rules", "export", source, "--xlsx", target)
    assert (code, stderr) == (2, ZH.format(path=Path(target), option="--xlsx"))
    assert snapshot(book.parent) == before


def test_other_outputs_are_still_written(book: Path) -> None:
    """The refusal is about the input only: a new name, beside it, works as before."""
    code, out, _ = invoke("rules", "import", "X.xlsx", "--out", "X.yaml")
    assert code == 0 and out.startswith("已导入 ") and out.rstrip().endswith("：X.yaml")
    assert load_rules("X.yaml").name == load_rules("standard").name
    code, out, _ = invoke("rules", "export", "X.yaml", "--xlsx", "Y.xlsx")
    assert (code, out) == (0, "已导出：Y.xlsx\n")
    # A preset's source is its name, not a file: a file called "standard" is not its input.
    Path("standard").write_text("not rules", encoding="utf-8")
    code, _, _ = invoke("rules", "export", "standard", "--xlsx", "standard", "--force")
    assert code == 0 and Path("standard").read_bytes()[:2] == b"PK"


def test_another_letter_case(book: Path) -> None:
    """On Windows and macOS volumes another letter case names the same file, and is refused; where
    the file system tells letter cases apart (Linux ext4/tmpfs) it is another file, and written."""
    before = snapshot(book.parent)
    if Path("x.XLSX").exists():  # the same file
        code, _, stderr = invoke("rules", "import", "X.xlsx", "--out", "x.XLSX")
        assert (code, stderr) == (2, ZH.format(path="x.XLSX", option="--out"))
        assert snapshot(book.parent) == before
    else:
        code, out, _ = invoke("rules", "import", "X.xlsx", "--out", "x.XLSX")
        assert code == 0 and out.rstrip().endswith("：x.XLSX")
        assert snapshot(book.parent) == {**before, "x.XLSX": (False, snapshot(book.parent)["x.XLSX"][1])}
        assert Path("x.XLSX").read_text("utf-8").startswith("# ")  # YAML, not the workbook


def test_helper_decides_by_the_file_system(book: Path) -> None:
    """``same_file`` and ``matching_input`` for the shapes ``run`` passes: files and folders."""
    folder = book.parent
    assert same_file(Path("sub/../X.xlsx"), book) and same_file(Path("link.xlsx"), book)
    assert not same_file(Path("new.xlsx"), book)  # not there yet, so not an input
    assert not same_file(Path("X.xlsx.bak"), book)
    assert matching_input(Path("X.xlsx"), [Path("other.xlsx"), folder / "hard.xlsx"]) == folder / "hard.xlsx"
    # A folder given as input stands for the files in it: an existing file there is an input,
    # a new name there is not, and a file in a subfolder is not read by ``run``.
    assert matching_input(Path("X.xlsx"), [folder]) == folder
    assert matching_input(Path("new.xlsx"), [folder]) is None
    (folder / "sub" / "a.xlsx").write_bytes(b"")
    assert matching_input(folder / "sub" / "a.xlsx", [folder]) is None
