"""The whole loop on csreport's own files: ``sample`` draws the month's chats from the example chat
list and writes the task workbook; a reviewer fills part of it in Excel (here openpyxl, which
keeps the protected sheet and the very hidden manifest as Excel does); ``run`` scores it exactly as
the same rows typed into a plain 质检抽查 sheet, and says which sampled chats are still unscored."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from csreport.api import RunOptions, check_month, run_month
from csreport.domain import ATTITUDE_ITEMS
from csreport.qa.sample import SampleOptions, sample_month
from csreport.util import sample_manifest
from csreport.util.report_names import TASK_SHEET
from csreport.util.resources import sample_workbooks_dir
from tests.test_xlsx_libreoffice import soffice

MONTH = "2026-10"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FIRST_ITEM = 10  # column J: the first of the ten items in the task sheet (1-based for openpyxl)


def scores(row: int) -> list[float]:
    """Ten item scores for the chat on Excel ``row``, each within its maximum."""
    return [float(mx - (row + k) % 3) for k, (_name, mx) in enumerate(ATTITUDE_ITEMS)]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The task workbook drawn and partly filled in, the same rows in a plain sheet, and both runs."""
    tmp = tmp_path_factory.mktemp("loop")
    samples = sample_workbooks_dir()
    drawn = sample_month(
        [EXAMPLES / f"会话清单_{MONTH}.xlsx", samples / "花名册.xlsx"],
        SampleOptions(out_dir=tmp / "sample", month=MONTH, reviewers="张三,李四"),
    )
    inputs = tmp / "in"
    inputs.mkdir()
    task = Path(shutil.copy(drawn.path, inputs / drawn.path.name))
    book = openpyxl.load_workbook(task)
    sheet = book[TASK_SHEET]
    last = 3 + len(drawn.result.chats)
    # Every third chat is left for later; one chat in seven has an error noted.
    unscored = [r for r in range(4, last + 1) if r % 3 == 0]
    for r in range(4, last + 1):
        if r in unscored:
            continue
        for k, value in enumerate(scores(r)):
            sheet.cell(r, FIRST_ITEM + k, value)
        if r % 7 == 0:
            sheet.cell(r, FIRST_ITEM + 10, "答复错误")
            sheet.cell(r, FIRST_ITEM + 11, "否")
    book.save(task)
    assert openpyxl.load_workbook(task)[sample_manifest.SHEET].sheet_state == "veryHidden"
    # The same rows typed by hand on the same Excel rows of a plain sheet, the unscored left empty.
    values = list(openpyxl.load_workbook(task)[TASK_SHEET].iter_rows(values_only=True))
    plain = openpyxl.Workbook()
    ws = plain.active
    ws.title = "质检抽查"
    for r, row in enumerate(values, start=1):
        if r >= 3 and r not in unscored:
            for c, value in enumerate(row, start=1):
                ws.cell(r, c, value)
    plain.save(inputs / "十月质检_手工.xlsx")
    others = [samples / "十月接待.xlsx", samples / "十月考勤.xlsx", samples / "花名册.xlsx"]
    by_task = run_month([*others, task], RunOptions(out_dir=tmp / "a", pdf=False))
    by_hand = run_month([*others, inputs / "十月质检_手工.xlsx"], RunOptions(out_dir=tmp / "b", pdf=False))
    return {
        "tmp": tmp,
        "drawn": drawn,
        "unscored": unscored,
        "by_task": by_task,
        "by_hand": by_hand,
        "task": task,
        "others": others,
    }


def _agents(out: Path) -> list[dict[str, Any]]:
    data = json.loads((out / MONTH / f"客服绩效_{MONTH}.json").read_text("utf-8"))
    text = json.dumps(data["agents"], ensure_ascii=False)
    text = re.sub(r"(质检任务单_2026-10|十月质检_手工)\.xlsx!(质检任务|质检抽查)!", "QA!", text)
    agents: list[dict[str, Any]] = json.loads(text)
    return agents


def test_the_filled_task_workbook_scores_as_the_same_rows_typed_by_hand(filled: dict[str, Any]) -> None:
    tmp = filled["tmp"]
    assert _agents(tmp / "a") == _agents(tmp / "b")
    scored = sum(a.qa_sample.chats for a in filled["by_task"].result.agents if a.qa_sample)
    assert scored == len(filled["drawn"].result.chats) - len(filled["unscored"])


def test_the_run_says_which_sampled_chats_are_unscored_and_nothing_else(filled: dict[str, Any]) -> None:
    found = [p for p in filled["by_task"].problems if p.code.startswith("qa.")]
    assert [p.code for p in found] == ["qa.task_workbook", "qa.unscored"]
    unscored = found[1]
    assert (unscored.file, unscored.sheet, unscored.row, unscored.column) == (
        f"质检任务单_{MONTH}.xlsx",
        TASK_SHEET,
        filled["unscored"][0],
        "B",
    )
    n = len(filled["unscored"])
    spans = "、".join(str(r) for r in filled["unscored"][:20]) + ("……" if n > 20 else "")
    assert unscored.message("zh") == (
        f"第 {spans} 行：抽中的 {n} 条会话还没有评分。"
        "它们不计入抽查，也不算在抽查条数里；评分后重新运行即可计入。"
    )
    assert not [p for p in filled["by_hand"].problems if p.code.startswith("qa.")]


def test_check_reads_the_task_workbook_as_run_does(filled: dict[str, Any]) -> None:
    report = check_month([*filled["others"], filled["task"]])
    assert [p.code for p in report.problems if p.code.startswith("qa.")] == [
        "qa.task_workbook",
        "qa.unscored",
    ]
    assert report.dataset is not None
    qa = report.dataset.frames["qa"]
    assert len(qa) == len(filled["drawn"].result.chats) - len(filled["unscored"])
    # The reviewers the sample assigned are read back with the scores.
    assert set(qa["reviewer"]) == {"张三", "李四"}


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_a_task_workbook_resaved_as_xls_or_ods_keeps_its_sample(filled: dict[str, Any], kind: str) -> None:
    """Saved again in another format (LibreOffice here, as WPS or Excel would), the manifest is still
    found and read, and the sheet scores as the xlsx did."""
    tmp: Path = filled["tmp"]
    out = tmp / f"as_{kind}"
    out.mkdir()
    cmd = [
        soffice(),
        f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}",
        "--headless",
        "--convert-to",
        kind,
        "--outdir",
        str(out),
        str(filled["task"]),
    ]
    subprocess.run(cmd, capture_output=True, timeout=240, check=True)
    copy = out / f"{Path(filled['task']).stem}.{kind}"
    again = check_month([*filled["others"], copy])
    assert [p.code for p in again.problems if p.code.startswith("qa.")] == ["qa.task_workbook", "qa.unscored"]
    first = check_month([*filled["others"], filled["task"]])
    assert again.dataset is not None and first.dataset is not None
    columns = ["agent_id", "chat_id", "satisfaction", "reviewer", "error_type", "_row"]
    columns += [f"item_{k}" for k in range(len(ATTITUDE_ITEMS))]
    assert again.dataset.frames["qa"][columns].equals(first.dataset.frames["qa"][columns])
