"""Round trip through LibreOffice: the workbook must open and print, not only parse.

openpyxl accepts files that Excel, WPS or LibreOffice would repair or refuse, so the
produced workbooks are converted to PDF with LibreOffice headless and the printed text
and page geometry are checked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from csreport.api import RunOptions, run_month
from csreport.outputs.xlsx.workbook import write_workbook
from tests.factories import (
    HOSTILE_NAMES,
    sample_month,
    sample_month_with_teams,
    sample_problems,
    sample_rules,
)

ROOT = Path(__file__).resolve().parents[1]
CONVERT_TIMEOUT = 120
# A4 landscape in PDF points, within rounding.
A4_LANDSCAPE = (842, 595)


def soffice() -> str:
    """The LibreOffice executable; without one the test fails.

    ``./run.sh test`` installs LibreOffice, so in CI a missing one is a broken set-up, not a
    reason to pass. On a developer's machine without it, ``CSREPORT_ALLOW_NO_LIBREOFFICE=1``
    turns the failure into a skip.
    """
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        reason = "LibreOffice is not installed; ./run.sh test installs it when run as root"
        if os.environ.get("CSREPORT_ALLOW_NO_LIBREOFFICE") == "1":
            pytest.skip(reason)
        pytest.fail(f"{reason} (set CSREPORT_ALLOW_NO_LIBREOFFICE=1 to skip instead)", pytrace=False)
    return exe


def convert(workbooks: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """Convert ``workbooks`` to PDF in one LibreOffice run with a fresh profile."""
    cmd = [
        soffice(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *map(str, workbooks),
    ]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=CONVERT_TIMEOUT, check=False)
    elapsed = time.perf_counter() - started
    pdfs = [out_dir / f"{w.stem}.pdf" for w in workbooks]
    missing = [p.name for p in pdfs if not p.is_file() or not p.stat().st_size]
    assert done.returncode == 0 and not missing, (
        f"LibreOffice failed (rc={done.returncode}, {elapsed:.1f} s, missing {missing}):\n"
        f"{done.stdout}\n{done.stderr}"
    )
    return pdfs


def pages(pdf: Path) -> list[str]:
    """Each page's text with runs of whitespace collapsed."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Page texts of three workbooks printed by LibreOffice: the sample month with and
    without groups, and a real run over ``sample_workbooks/``."""
    soffice()
    tmp = tmp_path_factory.mktemp("libreoffice")
    books = {
        "sample": write_workbook(sample_month(), sample_problems(), sample_rules(), tmp / "sample.xlsx"),
        "teams": write_workbook(
            sample_month_with_teams(), sample_problems(), sample_rules(), tmp / "teams.xlsx"
        ),
    }
    report = run_month([ROOT / "sample_workbooks"], RunOptions(out_dir=tmp / "run", pdf=False))
    books["real"] = shutil.copy(report.workbook, tmp / "real.xlsx")
    out = tmp / "pdf"
    out.mkdir()
    pdfs = convert(list(books.values()), out, tmp / "profile")
    for pdf in pdfs:
        for page in PdfReader(pdf).pages:
            size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            assert size == A4_LANDSCAPE, f"{pdf.name}: page is {size}, not A4 landscape"
    return {name: pages(pdf) for name, pdf in zip(books, pdfs, strict=True)}


def test_sample_workbook_prints(printed: dict[str, list[str]]) -> None:
    """Every sheet prints; 汇总 fits one page wide with its header; hostile text is text."""
    text = printed["sample"]
    first = text[0]
    assert "工号" in first and "1001" in first and "不予上岗" in first
    # One page wide: the last header of 汇总 is on the same page as the first.
    assert "备注" in first
    assert HOSTILE_NAMES[0] in first
    for page in text:
        assert "测试旗舰店" in page and "考核月份 2026-10" in page
        assert "#1a2b3c4d" in page
    for sheet in ("汇总", "计算明细", "团队", "数据问题", "规则"):
        assert any(sheet in page for page in text), sheet
    assert any("没有组别（团队）数据" in page for page in text)


def test_team_charts_print(printed: dict[str, list[str]]) -> None:
    """The 团队 sheet prints its table and both charts (axis titles exist only in charts)."""
    team_pages = [p for p in printed["teams"] if "团队排名" in p]
    assert team_pages
    team = " ".join(team_pages)
    assert "总分占本人满分的比例（区间含下限）" in team
    assert "各指标平均得分（按团队）" in team and "平均得分" in team


def test_real_run_prints(printed: dict[str, list[str]]) -> None:
    """A real run over the sample workbooks opens and prints in LibreOffice."""
    text = printed["real"]
    first = text[0]
    assert "工号" in first and "KF001" in first and "不予上岗" in first
    assert "绩效奖金" in first and "备注" in first
    assert any("总分分布" in page for page in text)
