"""A filled QA task workbook (质检任务单) given to check and run: scored exactly as the same rows in
a plain 质检抽查 sheet, every mismatch between the sample list and the scores reported, a chat
list given to scoring set aside.

The task workbooks here are written with XlsxWriter in the layout ``csreport sample`` writes
(title row 1, instruction row 2, header row 3, chats from row 4; the 抽样说明 notes sheet; the very
hidden manifest); ``test_qa_flow_e2e`` runs the real writer's workbook.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from csreport.api import RunOptions, check_month, run_month
from csreport.domain import ATTITUDE_ITEMS
from csreport.inputs.dataset import load_dataset
from csreport.inputs.sample_check import chat_key, task_workbook
from csreport.inputs.workbook import read_workbook
from csreport.problems import Problem, Severity
from csreport.util import sample_manifest
from csreport.util.report_names import TASK_NOTES_SHEET, TASK_SHEET
from tests.workbooks import write_xlsx

MONTH = "2026-10"
ITEMS = [name for name, _ in ATTITUDE_ITEMS]
TASK_HEADER = ["序号", "会话编号", "工号", "姓名", "日期", "满意度", "抽样层", "是否补抽", "评分人", *ITEMS]
TASK_HEADER += ["差错类型", "店铺风险", "备注"]
# Ten item scores adding up to 73, and to 83.
LOW = [8, 14, 4, 4, 7, 8, 7, 7, 7, 7]
HIGH = [9, 15, 5, 5, 8, 9, 8, 8, 8, 8]
BLANK: list[Any] = [None] * 10
ROSTER = [["工号", "姓名", "组别"], ["KF001", "甲", "一组"], ["KF002", "乙", "一组"]]


def task_row(
    n: int,
    chat: str,
    agent: str,
    day: str,
    rating: str,
    items: Sequence[Any],
    reviewer: str = "张三",
    error: str = "",
    risk: str = "",
) -> list[Any]:
    """One row of the task sheet, as a reviewer leaves it."""
    name = {"KF001": "甲", "KF002": "乙"}.get(agent, "")
    return [n, chat, agent, name, day, rating, rating, "", reviewer, *items, error, risk, ""]


# The sample: three chats of KF001 and four of KF002; C7 has no row in the task sheet.
MANIFEST = [
    ("C1", "KF001", "非常满意", ""),
    ("C2", "KF001", "一般", ""),
    ("C3", "KF001", "不满意", ""),
    ("C4", "KF002", "满意", ""),
    ("C5", "KF002", "非常不满意", ""),
    ("C6", "KF002", "一般", "1"),
    ("C7", "KF002", "一般", ""),
]
# Rows 4 to 9: C3 (row 6) and C6 (row 9) are not scored yet.
ROWS = [
    task_row(1, "C1", "KF001", "2026-10-03", "非常满意", LOW),
    task_row(2, "C2", "KF001", "2026-10-04", "一般", HIGH),
    task_row(3, "C3", "KF001", "2026-10-05", "不满意", BLANK),
    task_row(4, "C4", "KF002", "2026-10-03", "满意", LOW, "李四", "答复错误", "否"),
    task_row(5, "C5", "KF002", "2026-10-06", "非常不满意", HIGH, "李四"),
    task_row(6, "C6", "KF002", "2026-10-07", "未评价", BLANK, "李四"),
]


def write_rows(ws: Any, first: int, rows: Sequence[Sequence[Any]]) -> None:
    for r, row in enumerate(rows, start=first):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, (int, float)):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))


def task_book(
    path: Path,
    rows: Sequence[Sequence[Any]] = ROWS,
    manifest: Sequence[tuple[str, ...]] = MANIFEST,
    month: str = MONTH,
    version: str = "1",
    marker: str = sample_manifest.MARKER,
) -> Path:
    """A task workbook as ``csreport sample`` lays it out, filled in as ``rows`` say."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    task = book.add_worksheet(TASK_SHEET)
    task.write_string(0, 0, f"质检任务单 {month} · 本店 · 种子 {month}|本店")
    task.write_string(1, 0, "请为每条会话填写十项评分；差错类型、店铺风险按实际填写。")
    write_rows(task, 2, [TASK_HEADER, *rows])
    # The notes sheet has agents and counts under a 工号 header: read as data, it would be a roster.
    notes = book.add_worksheet(TASK_NOTES_SHEET)
    write_rows(notes, 0, [["工号", "姓名", "可抽", "应抽", "抽取"], ["KF001", "甲", 10, 3, 3]])
    hidden = book.add_worksheet(sample_manifest.SHEET)
    head = [marker, version, month, f"{month}|本店", "abcd1234", "0" * 64]
    write_rows(hidden, 0, [head, list(sample_manifest.COLUMNS), *manifest])
    hidden.very_hidden()
    book.close()
    return path


def plain_book(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    """The same rows typed into a plain 质检抽查 sheet: the same columns on the same Excel rows,
    under a title of the shop's own and without the sample list."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("质检抽查")
    ws.write_string(0, 0, "十月质检抽查")
    write_rows(ws, 2, [TASK_HEADER, *rows])
    book.close()
    return path


def roster(folder: Path) -> Path:
    return write_xlsx(folder / "花名册.xlsx", {"花名册": ROSTER})


def of(problems: Sequence[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def rendered(problems: Sequence[Problem], *codes: str) -> list[tuple[str, str]]:
    """The lines of ``codes``, in both languages, in the order found."""
    return [(p.render("zh"), p.render("en")) for p in problems if p.code in codes]


# --- a task workbook is read as sampled chats ------------------------------------------------


def test_a_task_workbook_is_told_by_its_manifest(tmp_path: Path) -> None:
    path = task_book(tmp_path / "质检任务单_2026-10.xlsx")
    found = task_workbook(path, read_workbook(path))
    assert found is not None and found.manifest is not None
    assert found.manifest.month == MONTH
    assert found.manifest.seed == "2026-10|本店"
    assert [(c.chat_id, c.agent, c.stratum, c.topped_up) for c in found.manifest.chats] == [
        ("C1", "KF001", "非常满意", False),
        ("C2", "KF001", "一般", False),
        ("C3", "KF001", "不满意", False),
        ("C4", "KF002", "满意", False),
        ("C5", "KF002", "非常不满意", False),
        ("C6", "KF002", "一般", True),
        ("C7", "KF002", "一般", False),
    ]
    # A hidden sheet of that name that is not csreport's (no marker in A1) makes no task workbook.
    other = task_book(tmp_path / "其他.xlsx", marker="抽样清单")
    assert task_workbook(other, read_workbook(other)) is None
    plain = plain_book(tmp_path / "质检.xlsx", ROWS)
    assert task_workbook(plain, read_workbook(plain)) is None


def test_chat_ids_compare_as_text() -> None:
    # As the chat list reader reads them (test_qa_flow_ids has the ids Excel shortened).
    assert chat_key(1234567890123.0) == "1234567890123"
    assert chat_key('="2026100300001001"') == "2026100300001001"
    assert chat_key(" C1 ") == "C1"
    assert chat_key(None) == "" and chat_key(True) == ""


def test_notes_and_manifest_are_no_data_and_unscored_rows_are_left_out(tmp_path: Path) -> None:
    path = task_book(tmp_path / "质检任务单_2026-10.xlsx")
    data = load_dataset([path, roster(tmp_path)])
    qa = data.frames["qa"]
    # Rows 6 and 9 were not scored: they are not sampled chats (yet).
    assert list(zip(qa["_row"], qa["chat_id"], qa["agent_id"], strict=True)) == [
        (4, "C1", "KF001"),
        (5, "C2", "KF001"),
        (7, "C4", "KF002"),
        (8, "C5", "KF002"),
    ]
    assert list(qa["reviewer"]) == ["张三", "张三", "李四", "李四"]
    assert data.roster.keys() == {"KF001", "KF002"}  # the notes sheet's 工号 are not a roster
    assert [(r.sheet, r.role, r.why, r.rows) for r in data.sheets] == [
        (TASK_SHEET, "qa", "", 4),
        (TASK_NOTES_SHEET, None, "task_notes", 0),
        (sample_manifest.SHEET, None, "task_manifest", 0),
        ("花名册", "roster", "", 2),
    ]
    assert not of(data.problems, "sheet.hidden") and not of(data.problems, "column.blanks")
    assert data.files_read == ["质检任务单_2026-10.xlsx", "花名册.xlsx"]
    assert rendered(data.problems, "qa.task_workbook") == [
        (
            "[提示] 质检任务单_2026-10.xlsx：2026-10 的质检任务单，抽样共 7 条会话："
            "已评分的会话按质检抽查计分，并与隐藏的抽样清单核对；「抽样说明」表只供阅读，未读取。",
            "[note] 质检任务单_2026-10.xlsx: The QA task workbook of 2026-10, a sample of 7 chats: its "
            "scored chats count as sampled chats (质检抽查) and are checked against its hidden sample list; "
            "sheet '抽样说明' is for reading only and was not read.",
        )
    ]


def _agents(out: Path) -> list[dict[str, Any]]:
    """The agents of a run's JSON with the sources' file and sheet names taken out."""
    data = json.loads((out / MONTH / f"客服绩效_{MONTH}.json").read_text("utf-8"))
    text = json.dumps(data["agents"], ensure_ascii=False)
    text = re.sub(r"(质检任务单_2026-10|十月质检)\.xlsx!(质检任务|质检抽查)!", "QA!", text)
    agents: list[dict[str, Any]] = json.loads(text)
    return agents


def test_a_filled_task_workbook_scores_as_the_same_rows_in_a_qa_sheet(tmp_path: Path) -> None:
    people = roster(tmp_path / "in")
    task = task_book(tmp_path / "in" / "质检任务单_2026-10.xlsx")
    # The rows typed by hand are the scored ones, on the same Excel rows (the two chats nobody
    # scored are empty rows): a chat not scored is no row of a QA sheet.
    scored = [[] if r[1] in ("C3", "C6") else r for r in ROWS]
    plain = plain_book(tmp_path / "in" / "十月质检.xlsx", scored)
    run_month([task, people], RunOptions(out_dir=tmp_path / "a", pdf=False))
    run_month([plain, people], RunOptions(out_dir=tmp_path / "b", pdf=False))
    assert _agents(tmp_path / "a") == _agents(tmp_path / "b")
    kf001 = next(a for a in _agents(tmp_path / "a") if a["agent_id"] == "KF001")
    attitude = next(k for k in kf001["kpis"] if k["kpi_id"] == "attitude")
    # Two chats scored, 73 and 83: their mean; C3 left unscored is neither a chat nor a zero.
    assert (attitude["raw"], attitude["sample_size"]) == (78.0, 2)
    assert attitude["sources"] == ["QA!C4:C5"]
    assert kf001["qa_sample"]["chats"] == 2


# --- every mismatch between the sample list and the scores -----------------------------------

EXTRA_HEADER = ["工号", "日期", "会话编号", "满意度", "评分人", *ITEMS, "差错类型"]


def mismatched(folder: Path) -> list[Path]:
    """The task workbook with a row the reviewer added (C9, row 10), and another QA sheet of the
    month: C1 scored again by someone else (row 2), a chat not sampled (row 3), a row without a
    会话编号 (row 4), C4 scored under the wrong agent (row 5)."""
    rows = [*ROWS, task_row(7, "C9", "KF001", "2026-10-08", "满意", HIGH)]
    task = task_book(folder / "质检任务单_2026-10.xlsx", rows)
    extra = write_xlsx(
        folder / "补充质检.xlsx",
        {
            "质检": [
                EXTRA_HEADER,
                ["KF001", "2026-10-03", "C1", "非常满意", "李四", *HIGH, ""],
                ["KF002", "2026-10-09", "C8", "满意", "李四", *LOW, ""],
                ["KF002", "2026-10-09", None, "满意", "李四", *LOW, ""],
                ["KF001", "2026-10-03", "C4", "满意", "李四", *LOW, ""],
            ]
        },
    )
    return [task, extra, roster(folder)]


def test_every_mismatch_is_one_located_line_in_both_languages(tmp_path: Path) -> None:
    report = check_month(mismatched(tmp_path))
    codes = (
        "qa.unscored",
        "qa.missing_rows_one",
        "qa.not_sampled_one",
        "qa.no_chat_id_one",
        "qa.other_agent",
    )
    assert rendered(report.problems, *codes) == [
        (
            "[警告] 补充质检.xlsx，工作表「质检」，第 5 行，C 列（会话编号）：会话 C4 在抽样清单中是 KF002 "
            "的，这一行却记在 KF001 名下：按这一行计分，请核对工号。",
            "[warning] 补充质检.xlsx sheet '质检' row 5 column C (会话编号): Chat C4 was sampled for KF002, "
            "but this row puts it under KF001: it is scored as this row says; check the agent ID (工号).",
        ),
        (
            "[警告] 质检任务单_2026-10.xlsx，工作表「质检任务」，第 10 行，B 列（会话编号）：这条会话不在 "
            "2026-10 的抽样清单（质检任务单_2026-10.xlsx）中。它照常计分；请确认这条会话应当抽查。",
            "[warning] 质检任务单_2026-10.xlsx sheet '质检任务' row 10 column B (会话编号): This chat is "
            "not in the sample list of 2026-10 (质检任务单_2026-10.xlsx). It is scored as usual; check that "
            "it should have been scored.",
        ),
        (
            "[警告] 补充质检.xlsx，工作表「质检」，第 3 行，C 列（会话编号）：这条会话不在 2026-10 "
            "的抽样清单（质检任务单_2026-10.xlsx）中。它照常计分；请确认这条会话应当抽查。",
            "[warning] 补充质检.xlsx sheet '质检' row 3 column C (会话编号): This chat is not in the sample "
            "list of 2026-10 (质检任务单_2026-10.xlsx). It is scored as usual; check that it should have "
            "been scored.",
        ),
        (
            "[警告] 补充质检.xlsx，工作表「质检」，第 4 行，C 列（会话编号）：此行没有会话编号，无法与 "
            "2026-10 的抽样清单核对：照常计分。",
            "[warning] 补充质检.xlsx sheet '质检' row 4 column C (会话编号): This row has no chat ID, so it "
            "cannot be checked against the sample list of 2026-10: scored as usual.",
        ),
        (
            "[警告] 质检任务单_2026-10.xlsx，工作表「质检任务」，第 6 行，B 列（会话编号）：第 6、9 行："
            "抽中的 2 条会话还没有评分（KF001 1 条、KF002 1 条）。它们不计入抽查，也不算在抽查条数里；"
            "评分后重新运行即可计入。",
            "[warning] 质检任务单_2026-10.xlsx sheet '质检任务' row 6 column B (会话编号): Rows 6, 9: 2 "
            "sampled chats are not scored yet (KF001: 1, KF002: 1). They are left out of the sampled chats "
            "and not counted; score them and run again to count them.",
        ),
        (
            "[警告] 质检任务单_2026-10.xlsx：抽样清单中有 1 条会话既不在任务单里，"
            "也没有在别的质检表中评分（会话编号 C7）：它没有计入抽查。",
            "[warning] 质检任务单_2026-10.xlsx: 1 chat of the sample list is neither in the task sheet nor "
            "scored in another QA sheet (chat ID C7): it is not among the sampled chats.",
        ),
    ]
    # The same chat scored in the task sheet and in another sheet: which rows, and who scored each.
    assert rendered(report.problems, "row.duplicate_conflict_elsewhere") == [
        (
            "[错误] 补充质检.xlsx，工作表「质检」，第 2 行，A 列（工号）：与 "
            "质检任务单_2026-10.xlsx「质检任务」第 4 行的工号 KF001、会话编号 C1 相同但内容不同，"
            "此行已排除，保留 质检任务单_2026-10.xlsx「质检任务」第 4 行，请核对。评分人：这一行是 李四，"
            "保留的那一行是 张三。",
            "[error] 补充质检.xlsx sheet '质检' row 2 column A (工号): Same 工号 KF001, 会话编号 C1 as row "
            "4 of 质检任务单_2026-10.xlsx, sheet '质检任务' but different values; this row was excluded and "
            "row 4 of 质检任务单_2026-10.xlsx, sheet '质检任务' kept. Please check. Reviewers: 李四 on this "
            "row, 张三 on the row kept.",
        )
    ]


def test_run_scores_what_was_scored_and_reports_the_same_lines(tmp_path: Path) -> None:
    report = run_month(mismatched(tmp_path / "in"), RunOptions(out_dir=tmp_path / "out", pdf=False))
    warned = sorted(
        p.code for p in report.problems if p.code.startswith("qa.") and p.severity is Severity.WARNING
    )
    assert warned == [
        "qa.missing_rows_one",
        "qa.no_chat_id_one",
        "qa.not_sampled_one",
        "qa.not_sampled_one",
        "qa.other_agent",
        "qa.unscored",
    ]
    chats = {a.agent_id: a.qa_sample.chats for a in report.result.agents if a.qa_sample}
    # KF001: C1 and C2 of the task sheet, C9 the reviewer added, C4 put under KF001 elsewhere (the
    # second C1 is a duplicate); KF002: C4, C5, C8 and the row without a 会话编号. Never C3 or C6.
    assert chats == {"KF001": 4, "KF002": 4}
    assert not report.files_failed


def test_many_rows_left_unscored_are_one_line_per_sheet(tmp_path: Path) -> None:
    agents = [f"KF{n:03d}" for n in range(1, 11)]
    rows: list[list[Any]] = []
    manifest: list[tuple[str, ...]] = []
    for i, agent in enumerate(agents):
        for j in range(2):
            chat = f"X{i}{j}"
            manifest.append((chat, agent, "一般", ""))
            rows.append(
                task_row(len(rows) + 1, chat, agent, "2026-10-03", "一般", LOW if j == 0 and i < 5 else BLANK)
            )
    path = task_book(tmp_path / "质检任务单_2026-10.xlsx", rows, manifest)
    found = of(load_dataset([path]).problems, "qa.unscored")
    # Rows 4–23 hold the twenty chats, two per agent; only the first chat (rows 4, 6, 8, 10, 12) of
    # each of the first five agents is scored: ten agents are too many to count one by one.
    assert [(p.render("zh"), p.render("en")) for p in found] == [
        (
            "[警告] 质检任务单_2026-10.xlsx，工作表「质检任务」，第 5 行，B 列（会话编号）：第 5、7、9、11、"
            "13–23 行：抽中的 15 条会话还没有评分。它们不计入抽查，也不算在抽查条数里；"
            "评分后重新运行即可计入。",
            "[warning] 质检任务单_2026-10.xlsx sheet '质检任务' row 5 column B (会话编号): Rows 5, 7, 9, "
            "11, 13–23: 15 sampled chats are not scored yet. They are left out of the sampled chats and not "
            "counted; score them and run again to count them.",
        )
    ]


def test_one_row_left_unscored_names_its_agent(tmp_path: Path) -> None:
    rows = [r for r in ROWS if r[1] != "C6"]
    manifest = [m for m in MANIFEST if m[0] not in ("C6", "C7")]
    found = of(
        load_dataset([task_book(tmp_path / "质检任务单_2026-10.xlsx", rows, manifest)]).problems,
        "qa.unscored_one",
    )
    assert [(p.render("zh"), p.render("en")) for p in found] == [
        (
            "[警告] 质检任务单_2026-10.xlsx，工作表「质检任务」，第 6 行，B 列（会话编号）："
            "抽中的这条会话还没有评分（KF001 1 条）。它不计入抽查，也不算在抽查条数里；"
            "评分后重新运行即可计入。",
            "[warning] 质检任务单_2026-10.xlsx sheet '质检任务' row 6 column B (会话编号): This sampled "
            "chat is not scored yet (KF001: 1). It is left out of the sampled chats and not counted; score "
            "it and run again to count it.",
        )
    ]


def test_a_sampled_chat_scored_in_another_sheet_is_not_left_unscored(tmp_path: Path) -> None:
    task = task_book(tmp_path / "质检任务单_2026-10.xlsx")
    other = write_xlsx(
        tmp_path / "另一位质检员.xlsx",
        {"质检": [EXTRA_HEADER, ["KF001", "2026-10-05", "C3", "不满意", "王五", *LOW, ""]]},
    )
    found = of(load_dataset([task, other]).problems, "qa.unscored_one")
    assert [p.row for p in found] == [9]  # C6 only: C3 was scored in the other sheet


def test_the_same_chat_scored_alike_twice_is_a_duplicate_naming_both_reviewers(tmp_path: Path) -> None:
    task = task_book(tmp_path / "质检任务单_2026-10.xlsx")
    again = task_book(tmp_path / "质检任务单_2026-10 李四.xlsx", [[*ROWS[0][:8], "", *ROWS[0][9:]]])
    found = of(load_dataset([task, again]).problems, "row.duplicate_elsewhere")
    assert [(p.render("zh"), p.render("en")) for p in found] == [
        (
            "[警告] 质检任务单_2026-10 李四.xlsx，工作表「质检任务」，第 4 行，C 列（工号）：与 "
            "质检任务单_2026-10.xlsx「质检任务」第 4 行重复（工号 KF001、会话编号 C1），此行已排除，保留 "
            "质检任务单_2026-10.xlsx「质检任务」第 4 行。评分人：这一行是 未填，保留的那一行是 张三。",
            "[warning] 质检任务单_2026-10 李四.xlsx sheet '质检任务' row 4 column C (工号): Duplicates row "
            "4 of 质检任务单_2026-10.xlsx, sheet '质检任务' (工号 KF001, 会话编号 C1); this row was "
            "excluded and row 4 of 质检任务单_2026-10.xlsx, sheet '质检任务' kept. Reviewers: not given on "
            "this row, 张三 on the row kept.",
        )
    ]


def test_an_item_above_its_maximum_is_reported_where_it_is(tmp_path: Path) -> None:
    rows = [task_row(1, "C1", "KF001", "2026-10-03", "非常满意", [12, *LOW[1:]]), *ROWS[1:2]]
    manifest = MANIFEST[:2]
    report = run_month(
        [task_book(tmp_path / "in" / "质检任务单_2026-10.xlsx", rows, manifest), roster(tmp_path / "in")],
        RunOptions(out_dir=tmp_path / "out", pdf=False),
    )
    assert rendered(report.problems, "cell.out_of_range", "row.no_items") == [
        (
            "[错误] 质检任务单_2026-10.xlsx，工作表「质检任务」，第 4 行，J 列（流程全面,服务规范）：「12」"
            "超出合理范围（0–10），此值按缺失处理。",
            "[error] 质检任务单_2026-10.xlsx sheet '质检任务' row 4 column J (流程全面,服务规范): '12' is "
            "outside the plausible range (0–10); treated as missing.",
        ),
        (
            "[警告] 质检任务单_2026-10.xlsx，工作表「质检任务」，第 4 行，C 列（工号）："
            "此条抽查没有态度得分，十项评分也不完整（填了 9/10 项），不计入态度平均分。",
            "[warning] 质检任务单_2026-10.xlsx sheet '质检任务' row 4 column C (工号): This sampled chat "
            "has no attitude score (态度得分) and incomplete item scores (9/10); it is left out of the "
            "attitude average.",
        ),
    ]
    kf001 = next(a for a in report.result.agents if a.agent_id == "KF001")
    attitude = next(k for k in kf001.kpis if k.kpi_id == "attitude")
    # As in any QA sheet: the chat is one of the sampled chats, its total unknown, the mean C2's.
    assert kf001.qa_sample is not None
    assert (attitude.raw, kf001.qa_sample.chats, kf001.qa_sample.scored) == (83.0, 2, 1)
    assert kf001.qa_sample.words is not None
    assert kf001.qa_sample.words.text("zh") == (
        "抽查 2 条（1 条有总分）：非常满意 1 · 一般 1；平均 83.0 分（计分用）；"
        "按抽样比例加权 83.0 分（仅供参考）"
    )


def test_a_task_workbook_of_another_month_is_one_line(tmp_path: Path) -> None:
    rows = [[*r[:4], r[4].replace("2026-10", "2026-09"), *r[5:]] for r in ROWS]
    september = task_book(tmp_path / "质检任务单_2026-09.xlsx", rows, month="2026-09")
    october = write_xlsx(
        tmp_path / "十月质检.xlsx",
        {"质检": [EXTRA_HEADER, ["KF001", "2026-10-09", "C8", "满意", "李四", *LOW, ""]]},
    )
    problems = load_dataset([september, october], month=MONTH).problems
    assert rendered(
        problems, *(p.code for p in problems if p.code.startswith("qa.") and p.code != "qa.task_workbook")
    ) == [
        (
            "[警告] 质检任务单_2026-09.xlsx：这份质检任务单是 2026-09 的抽样，本次考核的是 2026-10："
            "不用它的抽样清单核对本月的抽查；它的会话按日期归月，不属于 2026-10 的已排除。",
            "[warning] 质检任务单_2026-09.xlsx: This QA task workbook holds the sample of 2026-09, but the "
            "month assessed is 2026-10: its sample list is not used to check this month's sampled chats; "
            "its chats count by their dates, and those outside 2026-10 were left out.",
        )
    ]


def test_an_unreadable_manifest_is_said_and_the_chats_still_scored(tmp_path: Path) -> None:
    path = task_book(tmp_path / "质检任务单_2026-10.xlsx", version="9")
    data = load_dataset([path])
    assert rendered(data.problems, "qa.manifest_unreadable") == [
        (
            "[警告] 质检任务单_2026-10.xlsx，工作表「抽样清单」："
            "质检任务单的隐藏抽样清单无法读取（它由更新版本的 csreport 写成，格式版本 9）："
            "已评分的会话照常计分，但无法核对哪些会话是抽中的。",
            "[warning] 质检任务单_2026-10.xlsx sheet '抽样清单': The hidden sample list of this QA task "
            "workbook cannot be read (it was written by a newer csreport, format version 9): its scored "
            "chats count as usual, but which chats were sampled cannot be checked.",
        )
    ]
    assert list(data.frames["qa"]["chat_id"]) == ["C1", "C2", "C4", "C5"]
    assert not [p for p in data.problems if p.code.startswith("qa.") and p.code != "qa.manifest_unreadable"]


# --- a chat list given to check or run ----------------------------------------------------------


def test_a_chat_list_given_to_scoring_is_set_aside_in_one_line(tmp_path: Path) -> None:
    chats = write_xlsx(
        tmp_path / "会话清单_2026-10.xlsx",
        {
            "会话": [
                ["会话编号", "工号", "会话时间", "满意度", "消息数"],
                ["C1", "KF001", "2026-10-03 14:22:05", "非常满意", 12],
                ["C2", "KF002", "2026-10-04 09:10:00", "", 3],
            ]
        },
    )
    task = task_book(tmp_path / "质检任务单_2026-10.xlsx")
    report = check_month([chats, task])
    assert rendered(report.problems, "qa.chat_list") == [
        (
            "[提示] 会话清单_2026-10.xlsx，工作表「会话」：这是会话清单（有会话编号和 满意度、消息数，"
            "没有评分列）：它是 csreport sample 抽样用的，不参与计分，已跳过。",
            "[note] 会话清单_2026-10.xlsx sheet '会话': This is a chat list (chat IDs and 满意度, 消息数, "
            "no score columns): it is what csreport sample draws the QA sample from, not data to score; "
            "skipped.",
        )
    ]
    assert report.dataset is not None
    assert report.dataset.files_read == ["质检任务单_2026-10.xlsx"] and report.dataset.files_failed == []
    assert not of(report.problems, "file.no_sheets") and not of(report.problems, "sheet.missing_columns")
    reading = next(r for r in report.dataset.sheets if r.file == "会话清单_2026-10.xlsx")
    assert (
        reading.lines("zh")[0]
        == "会话清单_2026-10.xlsx · 会话：会话清单，供 csreport sample 抽样用，不参与计分。"
    )
    assert (
        reading.lines("en")[0]
        == "会话清单_2026-10.xlsx · 会话: a chat list, for csreport sample to draw from; not scored."
    )
    run = run_month([chats, task], RunOptions(out_dir=tmp_path / "out", pdf=False))
    assert run.files_failed == [] and of(run.problems, "qa.chat_list")


def test_a_qa_sheet_with_neither_scores_nor_a_chat_list_column_is_still_missing_columns(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "质检.xlsx", {"质检": [["工号", "日期", "会话编号"], ["KF001", "2026-10-03", "C1"]]}
    )
    data = load_dataset([path])
    assert [p.code for p in data.problems if p.severity is Severity.ERROR] == [
        "sheet.missing_columns",
        "file.no_sheets",
    ]


# --- 满意度 as one of the five words ------------------------------------------------------------


def test_satisfaction_is_read_as_the_five_words_and_an_unknown_one_said(tmp_path: Path) -> None:
    header: list[Any] = ["工号", "日期", "会话编号", "满意度", "态度得分"]
    rows: list[list[Any]] = [
        ["KF001", "2026-10-03", "C1", 5, 90],
        ["KF001", "2026-10-03", "C2", "4星", 80],
        ["KF001", "2026-10-03", "C3", "★★★", 70],
        ["KF001", "2026-10-03", "C4", "好评", 60],
        ["KF001", "2026-10-03", "C5", "好评", 60],
        ["KF001", "2026-10-03", "C6", None, 60],
        ["KF001", "2026-10-03", "C7", "差评", 60],
    ]
    path = write_xlsx(tmp_path / "质检.xlsx", {"质检": [header, *rows]})
    other = write_xlsx(
        tmp_path / "没有满意度.xlsx",
        {"质检": [["工号", "日期", "会话编号", "态度得分"], ["KF002", "2026-10-03", "D1", 88]]},
    )
    data = load_dataset([path, other])
    assert list(data.frames["qa"]["satisfaction"]) == [
        "非常满意",
        "满意",
        "一般",
        "未评价",
        "未评价",
        "未评价",
        "未评价",
        None,
    ]
    assert rendered(data.problems, "qa.bad_satisfaction", "qa.bad_satisfaction_one") == [
        (
            "[警告] 质检.xlsx，工作表「质检」，第 5 行，D 列（满意度）：第 5–6 行：满意度「好评」"
            "无法识别（应为 非常满意、满意、一般、不满意、非常不满意，或 5–1 星）：按未评价计，"
            "只影响仅供参考的按比例加权分，不影响得分。",
            "[warning] 质检.xlsx sheet '质检' row 5 column D (满意度): Rows 5–6: the satisfaction (满意度) "
            "'好评' is not recognised (use '非常满意', '满意', '一般', '不满意', '非常不满意' or 5–1 "
            "stars): counted as unrated (未评价); this only changes the mix-weighted figure shown for "
            "information, never the score.",
        ),
        (
            "[警告] 质检.xlsx，工作表「质检」，第 8 行，D 列（满意度）：满意度「差评」无法识别（应为 "
            "非常满意、满意、一般、不满意、非常不满意，或 5–1 星）：按未评价计，"
            "只影响仅供参考的按比例加权分，不影响得分。",
            "[warning] 质检.xlsx sheet '质检' row 8 column D (满意度): The satisfaction (满意度) '差评' is "
            "not recognised (use '非常满意', '满意', '一般', '不满意', '非常不满意' or 5–1 stars): counted "
            "as unrated (未评价); this only changes the mix-weighted figure shown for information, never "
            "the score.",
        ),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_of_the_flow_are_in_the_catalogue(lang: str) -> None:
    from csreport.messages import MESSAGES

    codes = [c for c in MESSAGES if c.startswith("qa.")]
    assert len(codes) >= 30
    assert all(MESSAGES[c][0 if lang == "zh" else 1] for c in codes)


def test_chat_ids_with_only_a_satisfaction_column_are_a_chat_list_said_as_a_warning(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "质检.xlsx",
        {"质检": [["工号", "日期", "会话编号", "满意度"], ["KF001", "2026-10-03", "C1", "满意"]]},
    )
    data = load_dataset([path])
    # The same sheet may be sampled chats whose score columns were forgotten: the line says so.
    assert rendered(data.problems, "qa.chat_list_or_qa") == [
        (
            "[警告] 质检.xlsx，工作表「质检」：这张表有会话编号和满意度，但没有评分列：按会话清单处理（供 "
            "csreport sample 抽样），不参与计分，已跳过。如果它是质检抽查表，请加上态度得分或十项评分列。",
            "[warning] 质检.xlsx sheet '质检': This sheet has chat IDs and a satisfaction (满意度) column "
            "but no score columns: taken as a chat list (for csreport sample to draw from), not data to "
            "score; skipped. If it is meant as sampled chats (质检抽查), add the attitude score (态度得分) "
            "or the ten item columns.",
        )
    ]
    assert data.files_failed == [] and not of(data.problems, "file.no_sheets")


@pytest.mark.parametrize("version", ["x", "inf", ""])
def test_a_manifest_not_laid_out_as_written_is_said(tmp_path: Path, version: str) -> None:
    path = task_book(tmp_path / "质检任务单_2026-10.xlsx", version=version)
    found = task_workbook(path, read_workbook(path))
    assert found is not None and found.manifest is None
    assert found.note().message("zh") == (
        "质检任务单的隐藏抽样清单无法读取（内容不是 csreport 写入的格式）：已评分的会话照常计分，"
        "但无法核对哪些会话是抽中的。"
    )
    assert found.note().message("en") == (
        "The hidden sample list of this QA task workbook cannot be read (its content is not laid out "
        "as csreport writes it): its scored chats count as usual, but which chats were sampled cannot "
        "be checked."
    )
