"""Golden details of the results workbook as Excel stores them: print setup of every sheet,
conditional formats, bonus columns and the row heights of wrapped text."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from csreport.outputs.xlsx.base import WRAP, SheetWriter, Styles
from csreport.outputs.xlsx.workbook import write_workbook
from tests.factories import agent, sample_month_with_teams, sample_problems, sample_rules

SHEETS = ["汇总", "计算明细", "团队", "数据问题", "规则"]


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every XML part of the sample workbook (with teams), by name."""
    path = write_workbook(sample_month_with_teams(), sample_problems(), sample_rules(),
                          tmp_path_factory.mktemp("golden") / "结果.xlsx")
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode() for n in z.namelist() if n.endswith((".xml", ".rels"))}


def one(pattern: str, text: str) -> str:
    """The single match of ``pattern`` in ``text``."""
    found = re.findall(pattern, text, re.S)
    assert len(found) == 1, (pattern, found)
    return found[0]


@pytest.mark.parametrize(("index", "name"), list(enumerate(SHEETS)))
def test_print_setup_as_stored(parts: dict[str, str], index: int, name: str) -> None:
    """A4 (paper 9) landscape, one page wide, titles repeated, shop/month/hash on the page."""
    sheet = parts[f"xl/worksheets/sheet{index + 1}.xml"]
    assert one(r"<pageSetup [^>]*/>", sheet) == \
        '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>'
    assert '<pageSetUpPr fitToPage="1"/>' in one(r"<sheetPr>.*?</sheetPr>", sheet)
    assert one(r"<pageMargins [^>]*/>", sheet) == ('<pageMargins left="0.4" right="0.4" '
                                                   'top="0.75" bottom="0.75" header="0.3" '
                                                   'footer="0.3"/>')
    assert one(r"<oddHeader>(.*?)</oddHeader>", sheet) == \
        f"&amp;L测试旗舰店&amp;C{name}&amp;R考核月份 2026-10"
    assert one(r"<oddFooter>(.*?)</oddFooter>", sheet) == \
        "&amp;L规则 标准考核 #1a2b3c4d&amp;R第 &amp;P / &amp;N 页"
    titles = "$1:$3" if name == "规则" else "$1:$1"
    assert (f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">{name}!{titles}'
            '</definedName>') in parts["xl/workbook.xml"]


def test_summary_conditional_formats_as_stored(parts: dict[str, str]) -> None:
    """Row fills by 结论 over identity and outcome columns; a 0–max data bar on 总分."""
    sheet = parts["xl/worksheets/sheet1.xml"]
    blocks = re.findall(r'<conditionalFormatting sqref="([^"]*)">(.*?)</conditionalFormatting>',
                        sheet)
    assert [sqref for sqref, _ in blocks] == ["A2:D5 O2:V5", "O2:O5"]
    rows = re.findall(r'<cfRule type="expression" dxfId="(\d)" priority="\d">'
                      r"<formula>(.*?)</formula>", blocks[0][1])
    assert rows == [("0", '$P2="不予上岗"'), ("1", '$P2="缺数据"')]
    assert blocks[1][1] == ('<cfRule type="dataBar" priority="3"><dataBar>'
                            '<cfvo type="num" val="0"/><cfvo type="num" val="100.0"/>'
                            '<color rgb="FF63BE7B"/></dataBar></cfRule>')
    dxfs = re.findall(r"<dxf>.*?</dxf>", parts["xl/styles.xml"])
    assert "FFFCE4E4" in dxfs[0] and "FFEDEDED" in dxfs[1]


def test_only_the_summary_has_conditional_formats(parts: dict[str, str]) -> None:
    """Other sheets use plain fills, which every spreadsheet program shows alike."""
    for index in range(2, 6):
        assert "<conditionalFormatting" not in parts[f"xl/worksheets/sheet{index}.xml"]


def test_bonus_columns_when_any_agent_has_a_bonus_base(tmp_path: Path) -> None:
    """奖金基数 and 绩效奖金 appear before 排名, as money, only when a base is known."""
    month = sample_month_with_teams()
    agents = (agent("1001", "张三", bonus_base=1500.0, bonus=1800.0),
              agent("1005", "赵六", rank=2, total=80.0, grade="B", coefficient=1.0))
    month = dataclasses.replace(month, agents=agents)
    out = write_workbook(month, [], sample_rules(), tmp_path / "奖金.xlsx")
    ws = openpyxl.load_workbook(out)["汇总"]
    header = [c.value for c in ws[1]]
    assert header[14:] == ["总分", "结论", "否决原因", "等级", "级别", "系数", "奖金基数", "绩效奖金",
                           "排名", "备注"]
    assert [c.value for c in ws[2]][19:23] == [1.2, 1500, 1800, 1]
    assert [c.value for c in ws[3]][19:23] == [1.0, None, None, 2]
    assert ws["U2"].number_format == ws["V2"].number_format == "#,##0.00"
    assert ws.auto_filter.ref == "A1:X3"


def test_long_headers_wrap_in_a_taller_row(tmp_path: Path) -> None:
    """A header wider than the wrap width does not widen its column; its row grows."""
    out = write_workbook(sample_month_with_teams(), [], sample_rules(), tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(out)["汇总"]
    assert ws.row_dimensions[1].height >= 30
    # 平均响应时长得分 is 16 columns of text; its numbers need far less.
    assert ws.column_dimensions["F"].width < 16
    assert ws.row_dimensions[2].height is None


def test_wrapped_text_rows_are_tall_enough(tmp_path: Path) -> None:
    """LibreOffice keeps stored row heights, so wrapped text gets an explicit one."""
    path = tmp_path / "w.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sw = SheetWriter(book.add_worksheet(), Styles(book), "zh")
    sw.text(0, 0, "短", WRAP)
    sw.text(1, 0, "长" * 50, WRAP)  # 100 columns of text in a column capped at 40
    sw.text(2, 0, "一\n二\n三", WRAP)
    sw.fit_columns(caps={0: 40})
    book.close()
    ws = openpyxl.load_workbook(path).active
    assert ws.column_dimensions["A"].width == pytest.approx(40, abs=1)
    assert ws.row_dimensions[1].height is None
    assert ws.row_dimensions[2].height >= 3 * 15
    assert ws.row_dimensions[3].height >= 3 * 15
