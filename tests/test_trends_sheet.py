"""The 趋势 sheet of the results workbook, for the hand-computed series of tests/test_trends.py.

The whole sheet is read back cell by cell in both languages; its sparklines from the sheet's
XML (openpyxl drops them); and LibreOffice opens and prints it.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from csreport.outputs.xlsx.workbook import write_workbook
from tests.factories import sample_problems
from tests.test_trends import series_month, series_rules, series_trends

MONTHS = ("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
# Each agent's row after 工号, 姓名, 组别: the six months, 环比, the average, rank, move.
AGENTS = (
    ("KF001", "张三", "一组", 85, None, 88, 90.5, 86, 91.5, 5.5, 88.2, 1, "▲1"),
    ("KF002", "李四", "一组", 80, None, 82, None, 90, 84, -6, 84, 2, "▼1"),
    ("KF005", "钱七", "二组", 60, None, 48, 66, 70, 81, 11, 65, 3, None),
    ("KF003", "王五", "二组", 70, None, 75, 78, None, 79, None, 75.5, 4, None),
    ("KF006", "孙八", "一组", None, None, None, None, None, 50, None, 50, 1, None),
    ("KF004", "赵六", "二组", None, None, 62, 64, 40, 44, 4, 52.5, 2, "–"),
)
# The teams' rows: the group (merged over three columns), the six months, 环比, the average, all
# to six decimals: 238 / 3, 238 / 3 − 88, 1276 / 15; 212.5 / 3, 240.5 / 3, 215 / 3, …
TEAMS = (
    ("一组", None, None, 82.5, None, 85, 90.5, 88, 79.333333, -8.666667, 85.066667, None, None, None),
    (
        "二组",
        None,
        None,
        72.5,
        None,
        70.833333,
        80.166667,
        68.75,
        71.666667,
        2.916667,
        72.783333,
        None,
        None,
        None,
    ),
)
NOTE_ZH = (
    "环比 = 本月总分 − 上月总分；六个月平均 = 这六个月中有总分的月份的平均。空白表示当月没有总分"
    "（未记录、当月不在册或缺数据），不按 0 计；“未记录”的月份历史中没有这个月的结果。"
    "本月排名是本人考核表内的名次；排名变化与上月在同一考核表内的名次相比（▲ 上升、▼ 下降、– 不变），"
    "任一个月没有名次或换了考核表时留空。"
)
NOTE_EN = (
    "Change vs last month (环比) = this month's total − last month's; the 6-month average is "
    "the mean of the months with a total. A blank means no total that month (not recorded, "
    "not on staff then, or missing data), never 0; a month marked Not recorded is not in the "
    "history. Rank is the place within the agent's scoring table; Move compares it with last "
    "month's place on the same table (▲ up, ▼ down, – same), blank when either month has no "
    "place or the table changed."
)
TEAM_NOTE_ZH = (
    "团队每月的平均总分是当月有总分的成员的平均。这六个月中成员的考核表满分不同时，每个月都先把"
    "每人的总分折算成占本人满分的百分比再求平均，各月才能相比。"
)
TEAM_NOTE_EN = (
    "A team's monthly average is the mean total of its members with a total that month. When "
    "its members' tables have different maxima within these six months, every month takes "
    "each total as a percentage of its own maximum first, so the months compare."
)
WORDS: dict[str, dict[str, Any]] = {
    "zh": {
        "sheet": "趋势",
        "title": "近六个月总分趋势（2026-05 – 2026-10）",
        "note": NOTE_ZH,
        "outsiders": "不在花名册中的人不列出（1 人）。",
        "not_recorded": "未记录",
        "head": ("工号", "姓名", "组别"),
        "tail": ("环比", "六个月平均", "本月排名", "排名变化", "走势"),
        "teams": "团队趋势",
        "team_note": TEAM_NOTE_ZH,
        "group": "组别",
    },
    "en": {
        "sheet": "Trends",
        "title": "Trends: total over six months (2026-05 – 2026-10)",
        "note": NOTE_EN,
        "outsiders": "Agents not in the roster are not listed (1).",
        "not_recorded": "Not recorded",
        # Headers wider than fourteen characters break before a Chinese gloss.
        "head": ("Agent\nID (工号)", "Name", "Group"),
        "tail": ("Change vs last\nmonth (环比)", "6-month average", "Rank", "Move", "Trend line"),
        "teams": "Team trend",
        "team_note": TEAM_NOTE_EN,
        "group": "Group",
    },
}
WIDTH = 14  # columns A to N
# openpyxl cannot keep sparklines and says so; they are read from the XML instead.
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension is not supported:UserWarning")


def expected_sheet(lang: str) -> list[tuple[object, ...]]:
    """Every row of the 趋势 sheet, written out."""
    w = WORDS[lang]
    blank = (None,) * WIDTH

    def line(first: object, *rest: object) -> tuple[object, ...]:
        return (first, *rest, *(None,) * (WIDTH - 1 - len(rest)))

    marker = (None, None, None, None, w["not_recorded"], *(None,) * 9)
    return [
        line(w["title"]),
        line(w["note"]),
        line(w["outsiders"]),
        marker,
        (*w["head"], *MONTHS, *w["tail"]),
        *((*row, None) for row in AGENTS),
        blank,
        line(w["teams"]),
        line(w["team_note"]),
        marker,
        (w["group"], None, None, *MONTHS, *w["tail"][:2], None, None, w["tail"][4]),
        *TEAMS,
    ]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("trends")
    month = series_month(series_trends())
    return {
        lang: write_workbook(month, sample_problems(), series_rules(), tmp / f"trends_{lang}.xlsx", lang=lang)
        for lang in ("zh", "en")
    }


def sheet(path: Path, lang: str) -> Worksheet:
    book = openpyxl.load_workbook(path)
    ws = book[WORDS[lang]["sheet"]]
    assert isinstance(ws, Worksheet)
    return ws


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_whole_sheet(books: dict[str, Path], lang: str) -> None:
    ws = sheet(books[lang], lang)
    assert [row for row in ws.iter_rows(values_only=True)] == expected_sheet(lang)
    # The sheet comes after 团队.
    names = openpyxl.load_workbook(books[lang]).sheetnames
    assert names.index(WORDS[lang]["sheet"]) == 3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_numbers_are_numbers_in_their_formats(books: dict[str, Path], lang: str) -> None:
    ws = sheet(books[lang], lang)
    for row in (*range(6, 12), 17, 18):  # agents, teams (1-based)
        for col in range(4, 10):  # the months D to I
            cell = ws.cell(row, col)
            assert cell.number_format == "0.0" or cell.value is None, cell.coordinate
        assert ws.cell(row, 11).number_format == "0.0"  # the average
        change = ws.cell(row, 10)
        assert change.value is None or change.number_format == "+0.0;-0.0;0.0", change.coordinate
    assert ws["J6"].data_type == "n" and ws["J6"].number_format == "+0.0;-0.0;0.0"
    assert ws["L6"].data_type == "n" and ws["L6"].number_format == "0"
    # A rank move is coloured: green up, red down.
    assert ws["M6"].font.color.rgb == "FF006100" and ws["M7"].font.color.rgb == "FF9C0006"
    # The note and the team's name are merged across their columns.
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:N2", "A3:N3", "A14:N14", "A17:C17", "A18:C18", "A16:C16"} <= merged


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_frozen_and_printed(books: dict[str, Path], lang: str) -> None:
    ws = sheet(books[lang], lang)
    assert ws.freeze_panes == "C6"
    assert ws.print_title_rows == "$4:$5"  # the 未记录 markers and the header
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0
    assert ws.column_dimensions["N"].width >= 16


def sparkline_groups(
    path: Path, sheet_name: str, *, present: bool = True
) -> list[tuple[dict[str, str], list[tuple[str, str]]]]:
    """Each x14:sparklineGroup of the sheet: its attributes and its (range, cell) pairs. The
    workbook holds sparklines over this sheet's cells only, and does when ``present``."""
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sum("<x14:sparklineGroups " in xml for xml in sheets) == present
    found = [xml for xml in sheets if f"<xm:f>{sheet_name}!" in xml]
    if not present:
        return []
    assert len(found) == 1
    groups = []
    for attrs, body in re.findall(r"<x14:sparklineGroup ([^>]*)>(.*?)</x14:sparklineGroup>", found[0]):
        pairs = re.findall(r"<xm:f>([^<]*)</xm:f><xm:sqref>([^<]*)</xm:sqref>", body)
        groups.append((dict(re.findall(r'(\w+)="([^"]*)"', attrs)), pairs))
    return groups


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sparklines_over_the_months_with_gaps(books: dict[str, Path], lang: str) -> None:
    name = WORDS[lang]["sheet"]
    groups = sorted(sparkline_groups(books[lang], name), key=lambda g: len(g[1]), reverse=True)
    agents, teams = groups
    for attrs, _ in groups:
        # A line (the default type, so no type attribute), markers on, empty cells as gaps.
        assert attrs == {"displayEmptyCellsAs": "gap", "markers": "1"}
    assert agents[1] == [(f"{name}!D{r}:I{r}", f"N{r}") for r in range(6, 12)]
    assert teams[1] == [(f"{name}!D{r}:I{r}", f"N{r}") for r in (17, 18)]


def test_all_months_recorded_has_no_marker(tmp_path: Path) -> None:
    trends = dataclasses.replace(series_trends(), recorded=MONTHS)
    path = write_workbook(series_month(trends), [], series_rules(), tmp_path / "t.xlsx")
    ws = sheet(path, "zh")
    assert all(v is None for v in next(ws.iter_rows(min_row=4, max_row=4, values_only=True)))
    assert "未记录" not in [c.value for row in ws.iter_rows() for c in row]


def test_no_trends_no_sheet(tmp_path: Path) -> None:
    path = write_workbook(series_month(None), [], series_rules(), tmp_path / "t.xlsx")
    assert "趋势" not in openpyxl.load_workbook(path).sheetnames


def printed_pages(workbooks: list[Path], out: Path) -> list[list[str]]:
    """Each workbook printed to PDF by LibreOffice (as tests/test_xlsx_libreoffice.py does, which
    a missing LibreOffice fails): each page's text, runs of whitespace collapsed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe is not None, "LibreOffice is not installed; ./run.sh test installs it"
    profile = f"-env:UserInstallation={(out / 'profile').as_uri()}"
    cmd = [exe, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, workbooks)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return [
        [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(out / f"{w.stem}.pdf").pages]
        for w in workbooks
    ]


def test_libreoffice_opens_and_prints_it(books: dict[str, Path], tmp_path: Path) -> None:
    for lang, texts in zip(books, printed_pages(list(books.values()), tmp_path), strict=True):
        w = WORDS[lang]
        printed = [page for page in texts if w["title"] in page]
        assert len(printed) == 1, lang
        page = printed[0]
        for text in (
            w["teams"],
            w["not_recorded"],
            "2026-05",
            "2026-10",
            "KF001",
            "▲1",
            "▼1",
            "+5.5",
            "-6.0",
        ):
            assert text in page, (lang, text)
        assert "79.3" in page and "+2.9" in page and "85.1" in page


def test_no_roster_agent_says_so(tmp_path: Path) -> None:
    """Only an agent the roster does not know: no row, no sparkline, no team; a line saying so."""
    month = series_month()
    outsider = tuple(a for a in month.agents if not a.in_roster)
    month = dataclasses.replace(month, agents=outsider, teams=())
    trends = dataclasses.replace(series_trends(), agents=(), teams=())
    path = write_workbook(
        dataclasses.replace(month, trends=trends), [], series_rules(), tmp_path / "t.xlsx", lang="en"
    )
    rows = list(sheet(path, "en").iter_rows(values_only=True))
    assert [row[0] for row in rows] == [
        WORDS["en"]["title"],
        NOTE_EN,
        "Agents not in the roster are not listed (1).",
        None,
        "Agent\nID (工号)",
        "No agents of the roster.",
    ]
    assert sparkline_groups(path, "Trends", present=False) == []
