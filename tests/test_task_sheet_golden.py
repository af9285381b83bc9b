"""The task workbook's whole content against stored expectations, and LibreOffice printing it.

The golden files ``tests/golden/task_sheet_<lang>.json`` hold every sheet's cells with their
formats, widths, heights, merges, panes, print setup (``tests/xlsx_snapshot.py``), plus what the
snapshot does not see: each sheet's state, protection and data validations. After an intended
change, rewrite them with ``CSREPORT_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from csreport.outputs.xlsx.task_sheet import write_task_workbook
from tests.test_task_sheet import SOURCE, hand_made, rules
from tests.test_xlsx_libreoffice import A4_LANDSCAPE, convert, pages, soffice
from tests.xlsx_snapshot import dumps, snapshot

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CSREPORT_UPDATE_GOLDEN") == "1"


def _extras(path: Path) -> dict[str, Any]:
    """Sheet states, protection and validations: the parts of the file a reviewer relies on."""
    book = openpyxl.load_workbook(path)
    out: dict[str, Any] = {}
    for ws in book.worksheets:
        p = ws.protection
        out[f"extra:{ws.title}"] = {
            "state": ws.sheet_state,
            "protection": [p.sheet, p.password, p.autoFilter, p.sort, p.formatColumns, p.formatRows],
            "validations": {
                str(dv.sqref): [
                    dv.type,
                    dv.operator,
                    dv.formula1,
                    dv.formula2,
                    dv.errorStyle,
                    dv.promptTitle,
                    dv.prompt,
                    dv.errorTitle,
                    dv.error,
                ]
                for dv in ws.data_validations.dataValidation
            },
        }
    return out


def _plain(value: Any) -> Any:
    """``value`` with dates as ISO text (the snapshot's JSON has no dates)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.datetime) else value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_task_workbook_matches_golden(lang: str, tmp_path: Path) -> None:
    path = write_task_workbook(hand_made(), rules(), SOURCE, tmp_path / "t.xlsx", lang=lang)
    actual = dumps(_plain({**snapshot(path), **_extras(path)}))
    golden = GOLDEN / f"task_sheet_{lang}.json"
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"{golden} is missing: create it with CSREPORT_UPDATE_GOLDEN=1 and review it"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), golden.name, "this run", lineterm=""
        )
        pytest.fail(
            "the task workbook differs from its golden file:\n" + "\n".join(list(diff)[:200]), pytrace=False
        )


def test_libreoffice_opens_and_prints_it(tmp_path: Path) -> None:
    """Both languages open and print in LibreOffice: A4 landscape, the task sheet one page wide
    with its header, the notes sheet after it; the very hidden manifest is not printed."""
    soffice()
    books = [
        write_task_workbook(hand_made(), rules(), SOURCE, tmp_path / f"task_{lang}.xlsx", lang=lang)
        for lang in ("zh", "en")
    ]
    out = tmp_path / "pdf"
    out.mkdir()
    zh, en = convert(books, out, tmp_path / "profile")
    for pdf in (zh, en):
        for page in PdfReader(pdf).pages:
            size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            assert size == A4_LANDSCAPE
    zh_pages, en_pages = pages(zh), pages(en)
    # The task sheet on one page (eight chats), the notes after it.
    assert len(zh_pages) >= 2 and len(en_pages) >= 2
    assert sum("质检任务" in p.split("考核月份")[0] for p in zh_pages) == 1
    task = zh_pages[0]
    assert "质检任务单 2026-10 测试旗舰店 种子：2026-10|测试旗舰店" in task
    assert "序号 会话编号 工号 姓名 日期 满意度 抽样层 是否补抽 评分人" in task
    assert "2026100300000004 KF001 徐思远 2026-10-04 不满意 不满意 是 李四" in task
    assert "备注" in task and f"第 1 / {len(zh_pages)} 页" in task
    assert "抽样说明 2026-10 测试旗舰店" in zh_pages[1] and "csreport-sample-manifest" not in "".join(
        zh_pages
    )
    assert "QA task sheet · 2026-10 · 测试旗舰店 · seed: 2026-10|测试旗舰店" in en_pages[0]
    assert "序号 会话编号 工号 姓名" in en_pages[0] and f"Page 1 of {len(en_pages)}" in en_pages[0]
    assert "Sampling notes · 2026-10 · 测试旗舰店" in en_pages[1]
