"""The next roster (``csreport.inputs.writeback.levels.roster_with_levels``): a copy of the manager's
roster workbook in which only the listed agents' 级别 cells change.

Each copy is read back three ways, openpyxl (every other cell, style, merge, validation and
image as before), csreport's own reader (the new levels, nothing else) and LibreOffice (it
opens); rosters made by Excel (the sample), openpyxl (a manager's hand-kept file), XlsxWriter
(no 级别 column yet), LibreOffice, and by hand in the XML style of other producers (a
prefixed namespace, rows and cells without references, a formula, merged cells).
"""

from __future__ import annotations

import csv
import dataclasses
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from csreport.inputs.dataset import load_dataset
from csreport.inputs.writeback.levels import LevelSet, roster_with_levels
from csreport.problems import CsreportError, Severity
from tests.writeback_helpers import SAMPLES, SHARED, changed_parts, manager_book, sha, sheet_facts, style_of

SAMPLE = SAMPLES / "花名册.xlsx"
REALWORLD = sorted(p for p in SHARED.glob("*") if p.suffix in (".xlsx", ".xls"))


def cells(path: Path, sheet: str | None = None) -> dict[str, tuple[object, ...]]:
    """Every cell of a sheet (the first by default) with its value and formatting, by reference."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet] if sheet else book.worksheets[0]
    return {c.coordinate: style_of(c) for row in ws.iter_rows() for c in row}


def assert_only_levels_changed(
    before: Path, after: Path, changed: dict[str, str], sheet: str | None = None
) -> None:
    """``after`` holds ``before``'s cells, formats and sheet features; the cells of ``changed``
    (reference → new level) hold the new level as text, in the cell's own format."""
    old, new = cells(before, sheet), cells(after, sheet)
    for ref, level in changed.items():
        assert new[ref][:2] == (level, "s"), ref
        assert new[ref][2:] == old.get(ref, new[ref])[2:], ref  # same number format, font, fill ...
    assert {r: v for r, v in new.items() if r not in changed} == {
        r: v for r, v in old.items() if r not in changed
    }
    a, b = openpyxl.load_workbook(before), openpyxl.load_workbook(after)
    assert b.sheetnames == a.sheetnames
    for name in a.sheetnames:
        assert sheet_facts(b[name]) == sheet_facts(a[name]), name
        if name != (sheet or a.sheetnames[0]):
            assert cells(after, name) == cells(before, name), name


def roster_levels(path: Path) -> dict[str, str]:
    """工号 → 级别 as csreport's reader reads the roster."""
    return {a: e.level for a, e in load_dataset([path]).roster.items()}


# --- the sample roster (made by Excel) ---------------------------------------------------------


def test_the_sample_roster_gets_the_new_levels_and_nothing_else(tmp_path: Path) -> None:
    before = sha(SAMPLE)
    out = tmp_path / "新花名册.xlsx"
    levels = {"KF002": "组长", "KF003": "老员工", "KF001": "组长", "KF999": "老员工"}
    got = roster_with_levels(SAMPLE, levels, out)
    assert got.path == out
    assert got.changed == (LevelSet("KF002", "老员工", "组长"), LevelSet("KF003", "新员工", "老员工"))
    assert got.unchanged == ("KF001",)
    assert got.missing == ("KF999",)
    [problem] = got.problems
    assert (problem.code, problem.severity, problem.file, problem.sheet, problem.row, problem.column) == (
        "levels.not_in_roster",
        Severity.WARNING,
        "花名册.xlsx",
        "花名册",
        None,
        "A",
    )
    assert problem.render("zh") == (
        "[警告] 花名册.xlsx，工作表「花名册」，A 列（工号）：工号 KF999 不在花名册中，新级别 老员工 "
        "没有写入；请在花名册中加上此人后手工填写。"
    )
    assert problem.render("en") == (
        "[warning] 花名册.xlsx sheet '花名册' column A (工号): Agent ID (工号) KF999 is not in the "
        "roster, so the new level (级别) 老员工 was not written; add the agent to the roster and "
        "fill it in by hand."
    )
    assert sha(SAMPLE) == before  # the manager's file is never edited
    assert changed_parts(SAMPLE, out) == {"xl/worksheets/sheet1.xml"}
    assert_only_levels_changed(SAMPLE, out, {"F3": "组长", "F4": "老员工"})
    old = load_dataset([SAMPLE]).roster
    assert load_dataset([out]).roster == {
        **old,
        "KF002": dataclasses.replace(old["KF002"], level="组长"),
        "KF003": dataclasses.replace(old["KF003"], level="老员工"),
    }


def test_nothing_to_change_still_writes_the_copy(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "花名册.xlsx"
    got = roster_with_levels(SAMPLE, {"KF001": "组长"}, out)
    assert (got.changed, got.unchanged, got.missing, got.problems) == ((), ("KF001",), (), ())
    assert changed_parts(SAMPLE, out) == set()


# --- a manager's hand-kept roster (openpyxl): title, merges, validation, image, hidden sheet -----


def test_a_hand_kept_roster_keeps_every_feature(tmp_path: Path) -> None:
    roster = manager_book(tmp_path / "花名册.xlsx")
    out = tmp_path / "out" / "花名册.xlsx"
    got = roster_with_levels(roster, {"1001": "组长", "1003": "老员工", "1005": "资深"}, out)
    assert got.changed == (LevelSet("1001", "老员工", "组长"), LevelSet("1003", "新人", "老员工"))
    assert (got.unchanged, got.missing, got.problems) == (("1005",), (), ())
    assert changed_parts(roster, out) == {"xl/worksheets/sheet1.xml"}
    assert_only_levels_changed(roster, out, {"F3": "组长", "F5": "老员工"}, "花名册")
    assert roster_levels(out) == {**roster_levels(roster), "1001": "组长", "1003": "老员工"}


def test_an_agent_twice_in_the_roster_is_changed_on_both_rows(tmp_path: Path) -> None:
    ws = (wb := openpyxl.Workbook()).active
    for row in (
        ("工号", "姓名", "级别"),
        ("K1", "甲", "新员工"),
        ("K2", "乙", "老员工"),
        ("K1", "甲", "新员工"),
    ):
        ws.append(row)
    wb.save(roster := tmp_path / "花名册.xlsx")
    got = roster_with_levels(roster, {"K1": "老员工"}, tmp_path / "新.xlsx")
    assert got.changed == (LevelSet("K1", "新员工", "老员工"),)
    [problem] = got.problems
    assert (problem.code, problem.sheet, problem.row, problem.column, problem.header) == (
        "levels.duplicate_id",
        "Sheet",
        4,
        "A",
        "工号",
    )
    assert problem.message("zh") == "工号 K1 在花名册中出现多次（第 2 行也有），这一行的级别也改为 老员工。"
    assert problem.message("en") == (
        "Agent ID (工号) K1 appears more than once in the roster (also in row 2); this row's level "
        "(级别) was set to 老员工 too."
    )
    assert_only_levels_changed(roster, tmp_path / "新.xlsx", {"C2": "老员工", "C4": "老员工"})


def test_a_roster_in_two_sheets_is_changed_sheet_by_sheet(tmp_path: Path) -> None:
    # The same cell, C2, on both sheets: a formula on one (left alone), a plain level on the other.
    wb = openpyxl.Workbook()
    one, two = wb.active, wb.create_sheet("二组")
    one.title = "一组"
    for ws, rows in (
        (one, [("K1", "甲", '="新"&"员工"')]),
        (two, [("K2", "乙", "老员工"), ("K3", "丙", "新员工")]),
    ):
        ws.append(("工号", "姓名", "级别"))
        for row in rows:
            ws.append(row)
    wb.save(roster := tmp_path / "花名册.xlsx")
    out = tmp_path / "新.xlsx"
    got = roster_with_levels(roster, {"K1": "组长", "K2": "组长", "K3": "老员工"}, out)
    assert got.changed == (LevelSet("K2", "老员工", "组长"), LevelSet("K3", "新员工", "老员工"))
    assert [(p.code, p.sheet, p.row, p.column) for p in got.problems] == [
        ("levels.cell_formula", "一组", 2, "C")
    ]
    assert cells(out, "一组") == cells(roster, "一组")
    assert cells(out, "二组")["C2"][0] == "组长" and cells(out, "二组")["C3"][0] == "老员工"
    assert roster_levels(out) == {**roster_levels(roster), "K2": "组长", "K3": "老员工"}


# --- a roster without a 级别 column (XlsxWriter) -------------------------------------------------


def no_level_column(path: Path) -> Path:
    """A roster under a merged title, with 工号, 姓名 and 组别 only."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("人员")
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    ws.merge_range("A1:C1", "2026年 客服名单", book.add_format({"bold": True, "font_size": 14}))
    ws.write_row(1, 0, ["工号", "姓名", "组别"], head)
    for r, row in enumerate((("K1", "甲", "一组"), ("K2", "乙", "一组"), ("K3", "丙", "二组")), 2):
        ws.write_row(r, 0, row)
    book.close()
    return path


def test_a_roster_without_levels_gets_a_level_column(tmp_path: Path) -> None:
    roster = no_level_column(tmp_path / "名单.xlsx")
    out = tmp_path / "新名单.xlsx"
    got = roster_with_levels(roster, {"K1": "老员工", "K3": "新员工"}, out)
    assert got.changed == (LevelSet("K1", "", "老员工"), LevelSet("K3", "", "新员工"))
    assert (got.unchanged, got.missing, got.problems) == ((), (), ())
    new = cells(out)
    # The header is written like the header row's last cell (bold, filled, bordered).
    assert new["D2"][0] == "级别" and new["D2"][2:] == cells(roster)["C2"][2:]
    assert (new["D3"][0], new["D4"][0], new["D5"][0]) == ("老员工", None, "新员工")
    assert {r: v for r, v in new.items() if r[0] != "D"} == cells(roster)
    assert roster_levels(out) == {"K1": "老员工", "K2": "", "K3": "新员工"}


# --- a roster in another producer's XML style, written by hand ----------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
STRINGS = [
    "工号",
    "姓名",
    "级别",
    "组别",
    "老员工",
    "新员工",
    "一组",
    "二组",
    "甲",
    "乙",
    "丙",
    "丁",
    "戊",
    "己",
]


def _s(text: str, style: int = 0) -> str:
    """A shared-string cell without a reference (its position follows the cell before)."""
    styled = f' s="{style}"' if style else ""
    return f'<x:c t="s"{styled}><x:v>{STRINGS.index(text)}</x:v></x:c>'


def hand_made(path: Path) -> Path:
    """A roster whose XML is written as some producers write it: the main namespace under a
    prefix (``x:``), rows and cells without ``r=``, shared strings, a 级别 column in the middle
    that is blank for one agent, a formula, a merged 级别 cell, and a row shorter than the rest."""
    rows = [
        "<x:row>" + "".join(_s(t, 1) for t in ("工号", "姓名", "级别", "组别")) + "</x:row>",
        "<x:row>"
        + '<x:c t="inlineStr"><x:is><x:t>A001</x:t></x:is></x:c>'
        + _s("甲")
        + _s("老员工", 2)
        + _s("一组")
        + "</x:row>",
        '<x:row><x:c t="inlineStr"><x:is><x:t>A002</x:t></x:is></x:c>'
        + _s("乙")
        + f'<x:c r="D3" t="s"><x:v>{STRINGS.index("一组")}</x:v></x:c></x:row>',
        '<x:row><x:c t="inlineStr"><x:is><x:t>A003</x:t></x:is></x:c>'
        + _s("丙")
        + '<x:c t="str" s="2"><x:f>"老"&amp;"员工"</x:f><x:v>老员工</x:v></x:c>'
        + _s("二组")
        + "</x:row>",
        '<x:row r="5"><x:c t="inlineStr"><x:is><x:t>A004</x:t></x:is></x:c>'
        + _s("丁")
        + _s("新员工", 2)
        + _s("二组")
        + "</x:row>",
        '<x:row r="6"><x:c t="inlineStr"><x:is><x:t>A005</x:t></x:is></x:c>'
        + _s("戊")
        + '<x:c s="2"/>'
        + _s("二组")
        + "</x:row>",
        '<x:row r="7" spans="1:2"><x:c r="A7" t="inlineStr"><x:is><x:t>A006</x:t></x:is></x:c>'
        + _s("己")
        + "</x:row>",
    ]
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:worksheet xmlns:x="{_MAIN}" '
        f'xmlns:r="{_REL}"><x:dimension ref="A1:D7"/><x:sheetData>{"".join(rows)}</x:sheetData>'
        '<x:mergeCells count="1"><x:mergeCell ref="C5:C6"/></x:mergeCells></x:worksheet>'
    )
    strings = "".join(f"<x:si><x:t>{t}</x:t></x:si>" for t in STRINGS)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/roster.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
            'PartName="/xl/strings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship '
            f'Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="{_MAIN}" xmlns:r="{_REL}">'
            '<x:sheets><x:sheet name="名单" sheetId="7" r:id="rIdS"/></x:sheets></x:workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rIdS" Type="{_REL}/worksheet" Target="worksheets/roster.xml"/>'
            f'<Relationship Id="rIdT" Type="{_REL}/sharedStrings" Target="strings.xml"/>'
            f'<Relationship Id="rIdY" Type="{_REL}/styles" Target="/xl/styles.xml"/></Relationships>'
        ),
        "xl/strings.xml": f'<x:sst xmlns:x="{_MAIN}" count="{len(STRINGS)}">{strings}</x:sst>',
        "xl/styles.xml": (
            f'<x:styleSheet xmlns:x="{_MAIN}"><x:fonts count="2"><x:font><x:sz val="11"/></x:font>'
            '<x:font><x:b/><x:sz val="11"/></x:font></x:fonts><x:fills count="3"><x:fill>'
            '<x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/>'
            '</x:fill><x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FFFFF2CC"/>'
            '</x:patternFill></x:fill></x:fills><x:borders count="1"><x:border/></x:borders>'
            '<x:cellStyleXfs count="1"><x:xf/></x:cellStyleXfs><x:cellXfs count="3"><x:xf/>'
            '<x:xf fontId="1" applyFont="1"/><x:xf fillId="2" applyFill="1"/></x:cellXfs>'
            '<x:cellStyles count="1">'
            '<x:cellStyle name="Normal" xfId="0" builtinId="0"/></x:cellStyles></x:styleSheet>'
        ),
        "xl/worksheets/roster.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text.encode())
    return path


def test_a_roster_in_another_producers_xml_style(tmp_path: Path) -> None:
    roster = hand_made(tmp_path / "名单.xlsx")
    assert roster_levels(roster) == {
        "A001": "老员工",
        "A002": "",
        "A003": "老员工",
        "A004": "新员工",
        "A005": "",
        "A006": "",
    }
    out = tmp_path / "新名单.xlsx"
    levels = {
        "A001": "组长",
        "A002": "老员工",
        "A003": "组长",
        "A004": "老员工",
        "A005": "组长",
        "A006": "新员工",
    }
    got = roster_with_levels(roster, levels, out, lang="en")
    assert got.changed == (
        LevelSet("A001", "老员工", "组长"),
        LevelSet("A002", "", "老员工"),
        LevelSet("A006", "", "新员工"),
    )
    assert [(p.code, p.severity, p.sheet, p.row, p.column, p.header, p.value) for p in got.problems] == [
        ("levels.cell_formula", Severity.ERROR, "名单", 4, "C", "级别", "A003"),
        ("levels.cell_merged", Severity.ERROR, "名单", 5, "C", "级别", "A004"),
        ("levels.cell_merged", Severity.ERROR, "名单", 6, "C", "级别", "A005"),
    ]
    assert got.problems[0].render("zh") == (
        "[错误] 名单.xlsx，工作表「名单」，第 4 行，C 列（级别）："
        "工号 A003 的级别单元格是公式，没有改写；请手工改为 组长。"
    )
    assert got.problems[1].render("en") == (
        "[error] 名单.xlsx sheet '名单' row 5 column C (级别): The level (级别) cell of Agent ID (工号) "
        "A004 is part of merged cells and was not changed; set it to 老员工 by hand."
    )
    assert_only_levels_changed(roster, out, {"C2": "组长", "C3": "老员工", "C7": "新员工"})
    assert openpyxl.load_workbook(out).worksheets[0]["C4"].value == '="老"&"员工"'
    assert roster_levels(out) == {**roster_levels(roster), "A001": "组长", "A002": "老员工", "A006": "新员工"}
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("xl/worksheets/roster.xml").decode()
    assert '<x:row r="7" spans="1:3">' in xml  # the short row's span takes its new cell
    assert (
        '<x:c r="C3" t="inlineStr"><x:is><x:t xml:space="preserve">老员工</x:t></x:is></x:c><x:c r="D3"'
        in xml
    )


# --- what cannot be done --------------------------------------------------------------------------


def test_the_copy_is_never_the_roster_or_an_input(tmp_path: Path) -> None:
    roster = Path(shutil.copy(SAMPLE, tmp_path / "花名册.xlsx"))
    before = sha(roster)
    with pytest.raises(CsreportError) as caught:
        roster_with_levels(roster, {"KF002": "组长"}, tmp_path / "sub" / ".." / "花名册.xlsx")
    assert caught.value.code == "levels.out_is_input"
    assert caught.value.message("zh") == (
        f"新花名册 {tmp_path}/sub/../花名册.xlsx 就是原花名册或输入文件本身；"
        "原文件不会被改写，请换一个文件名。"
    )
    other = Path(shutil.copy(SAMPLE, tmp_path / "十月.xlsx"))
    with pytest.raises(CsreportError) as caught:
        roster_with_levels(roster, {"KF002": "组长"}, other, inputs=[tmp_path / "十月.xlsx"])
    assert caught.value.message("en") == (
        f"The new roster {other} is the roster or an input file itself; the original is never edited "
        "in place, so choose another file name."
    )
    with pytest.raises(CsreportError) as caught:
        roster_with_levels(roster, {"KF002": "组长"}, tmp_path / "新.xls")
    assert (
        caught.value.message("zh") == f"新花名册的文件名 {tmp_path}/新.xls 应以 .xlsx 结尾，与原花名册相同。"
    )
    assert sha(roster) == before and sha(other) == sha(SAMPLE)


def test_a_damaged_roster_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(SAMPLE.read_bytes()[:3000])
    with pytest.raises(CsreportError) as caught:
        roster_with_levels(bad, {"KF002": "组长"}, tmp_path / "新.xlsx")
    assert caught.value.message("zh") == (
        "无法读取花名册 坏.xlsx：工作簿已损坏（压缩结构不完整，可能下载或复制未完成）；"
        "请重新下载或从原系统重新导出。"
    )
    assert caught.value.message("en") == (
        "Cannot read the roster 坏.xlsx: The workbook is damaged (its zip structure is incomplete, perhaps "
        "an unfinished download or copy); download or export it again."
    )
    assert not (tmp_path / "新.xlsx").exists()


@pytest.mark.parametrize("path", REALWORLD, ids=lambda p: p.name)
def test_workbooks_of_other_applications_never_crash(path: Path, tmp_path: Path) -> None:
    # None of these is a roster: each is refused with one clear line, and nothing is written.
    out = tmp_path / f"新{path.suffix}"
    with pytest.raises(CsreportError) as caught:
        roster_with_levels(path, {"1": "组长"}, out)
    expected = {
        ".xls": "levels.roster_not_xlsx",
        "calamine__pass_protected.xlsx": "levels.roster_unreadable",
    }
    assert caught.value.code == expected.get(path.name, expected.get(path.suffix, "levels.no_roster_sheet"))
    assert path.name in caught.value.message("zh") and path.name in caught.value.message("en")
    assert list(tmp_path.iterdir()) == []


def test_a_legacy_workbook_under_an_xlsx_name_is_refused(tmp_path: Path) -> None:
    disguised = Path(shutil.copy(SHARED / "calamine__date_1904.xls", tmp_path / "花名册.xlsx"))
    with pytest.raises(CsreportError) as caught:
        roster_with_levels(disguised, {"1": "组长"}, tmp_path / "新.xlsx")
    assert caught.value.message("zh") == (
        "花名册 花名册.xlsx 不是 .xlsx/.xlsm 工作簿，无法写出带新级别的副本；"
        "请在 Excel 中另存为 .xlsx 后重试。"
    )
    assert not (tmp_path / "新.xlsx").exists()


def test_an_encrypted_roster_says_password() -> None:
    with pytest.raises(CsreportError) as caught:
        roster_with_levels(
            SHARED / "calamine__pass_protected.xlsx", {"1": "组长"}, Path("/nonexistent/x.xlsx")
        )
    assert caught.value.message("zh") == (
        "无法读取花名册 calamine__pass_protected.xlsx：工作簿有密码保护，无法读取。"
        "请在 Excel/WPS 中取消密码后另存一份再试。"
    )


def test_a_blank_new_level_is_not_written(tmp_path: Path) -> None:
    got = roster_with_levels(SAMPLE, {"KF002": " ", "KF003": "老员工"}, tmp_path / "新.xlsx")
    assert got.changed == (LevelSet("KF003", "新员工", "老员工"),)
    assert [(p.code, p.file, p.message("en")) for p in got.problems] == [
        (
            "levels.blank_level",
            "花名册.xlsx",
            "No new level (级别) was given for Agent ID (工号) KF002; the roster's level is kept.",
        )
    ]
    assert roster_levels(tmp_path / "新.xlsx")["KF002"] == "老员工"


# --- LibreOffice opens every copy ----------------------------------------------------------------


def test_libreoffice_opens_the_copies(tmp_path: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice is needed to check that the copies open"
    profile = (tmp_path / "profile").as_uri()

    def run(*args: str) -> None:
        done = subprocess.run(
            [exe, f"-env:UserInstallation={profile}", "--headless", *args],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr

    # A roster saved by LibreOffice itself, as a shop using it would keep one.
    made = tmp_path / "made"
    run("--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(made), str(SAMPLE))
    copies = tmp_path / "copies"
    wanted = {
        "sample": (SAMPLE, {"KF002": "组长"}, ("KF002", "组长")),
        "libreoffice": (made / "花名册.xlsx", {"KF005": "组长"}, ("KF005", "组长")),
        "manager": (manager_book(tmp_path / "manager.xlsx"), {"1003": "老员工"}, ("1003", "老员工")),
        "nolevel": (no_level_column(tmp_path / "nolevel.xlsx"), {"K2": "新员工"}, ("K2", "新员工")),
        "hand": (hand_made(tmp_path / "hand.xlsx"), {"A002": "组长"}, ("A002", "组长")),
    }
    for name, (roster, levels, _) in wanted.items():
        got = roster_with_levels(roster, levels, copies / f"{name}.xlsx")
        assert len(got.changed) == 1, name
    assert roster_levels(copies / "libreoffice.xlsx")["KF005"] == "组长"
    run(
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76",
        "--outdir",
        str(tmp_path / "csv"),
        *(str(copies / f"{n}.xlsx") for n in wanted),
    )
    for name, (_roster, _levels, (agent, level)) in wanted.items():
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        row = next(r for r in rows if agent in r)
        assert level in row, (name, row)
