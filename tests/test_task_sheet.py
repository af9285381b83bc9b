"""The QA task workbook (质检任务单): layout, validation, protection, the hidden manifest, the
notes sheet in both languages, and that ``run``'s reader takes its task sheet for a 质检抽查 sheet
and nothing else in it for data."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from csreport.domain import ATTITUDE_ITEMS
from csreport.inputs.chat_list import ChatList
from csreport.inputs.dataset import load_dataset
from csreport.inputs.headers import IGNORE, detect_sheet, field_for
from csreport.inputs.workbook import read_workbook
from csreport.outputs.xlsx.task_sheet import TaskSheetSource, task_headers, write_task_workbook
from csreport.rules.model import SamplingRules
from csreport.rules.sampling import standard_sampling
from csreport.scoring.sampling import AgentSample, PickedChat, SampleResult, StratumCount, draw
from csreport.util import sample_manifest
from csreport.util.report_names import TASK_NOTES_SHEET, TASK_SHEET

HEADERS = [
    "序号",
    "会话编号",
    "工号",
    "姓名",
    "日期",
    "满意度",
    "抽样层",
    "是否补抽",
    "评分人",
    "流程全面,服务规范",
    "聊天话术运用适当",
    "积极主动",
    "承担责任",
    "处理技巧",
    "正确性",
    "熟练性",
    "促成交易力度",
    "购买意向引导",
    "档内优惠理解",
    "差错类型",
    "店铺风险",
    "备注",
    "排序码",
]
ERROR_TYPES = ("尺码推荐错误", "优惠规则解释错误", "漏回复", "虚假承诺")
SOURCE = TaskSheetSource(
    shop="测试旗舰店",
    rules_name="标准考核",
    rules_hash="0123456789ab",
    list_file="会话清单_2026-10.xlsx",
    list_sha256="ab" * 32,
    reviewers=(("张三", None), ("李四", None)),
)


def _chat(
    n: int, agent: str, name: str, satisfaction: str, stratum: str, topped_up: bool, reviewer: str
) -> PickedChat:
    return PickedChat(
        chat_id=f"20261003{n:08d}",
        agent=agent,
        name=name,
        date=dt.date(2026, 10, n),
        satisfaction=satisfaction,
        stratum=stratum,
        topped_up=topped_up,
        rank=f"{n:016x}",
        row=n + 1,
        reviewer=reviewer,
    )


def hand_made() -> SampleResult:
    """Two agents: KF001 with a thin 非常不满意 stratum made up from 不满意, KF011 with fewer
    eligible chats than n (all three taken)."""
    kf001 = AgentSample(
        "KF001",
        "徐思远",
        received=400,
        eligible=380,
        target=5,
        strata=(
            StratumCount("非常满意", 100, 0, 0, 0, 0),
            StratumCount("满意", 100, 0, 0, 0, 0),
            StratumCount("一般", 100, 2, 2, 0, 0),
            StratumCount("不满意", 50, 1, 2, 1, 0),
            StratumCount("非常不满意", 1, 2, 1, 0, 1),
        ),
        chats=(
            _chat(1, "KF001", "徐思远", "一般", "一般", False, "张三"),
            _chat(2, "KF001", "徐思远", "未评价", "一般", False, "李四"),
            _chat(3, "KF001", "徐思远", "不满意", "不满意", False, "张三"),
            _chat(4, "KF001", "徐思远", "不满意", "不满意", True, "李四"),
            _chat(5, "KF001", "徐思远", "非常不满意", "非常不满意", False, "张三"),
        ),
        notes=("sample.note.topped_up",),
    )
    kf011 = AgentSample(
        "KF011",
        "张思远",
        received=4,
        eligible=3,
        target=5,
        strata=(
            StratumCount("非常满意", 0, 0, 0, 0, 0),
            StratumCount("满意", 1, 0, 1, 1, 0),
            StratumCount("一般", 2, 2, 2, 0, 0),
            StratumCount("不满意", 0, 1, 0, 0, 1),
            StratumCount("非常不满意", 0, 2, 0, 0, 2),
        ),
        chats=(
            _chat(6, "KF011", "张思远", "满意", "满意", True, "李四"),
            _chat(7, "KF011", "张思远", "一般", "一般", False, "张三"),
            _chat(8, "KF011", "张思远", "一般", "一般", False, "李四"),
        ),
        notes=("sample.note.all_taken", "sample.note.topped_up"),
    )
    return SampleResult(
        "2026-10",
        "测试旗舰店",
        "",
        "2026-10|测试旗舰店",
        (kf001, kf011),
        (("other_month", 3), ("ineligible", 12)),
    )


def rules(error_types: tuple[str, ...] = ERROR_TYPES) -> SamplingRules:
    """The standard's sampling rules with ``error_types`` for the dropdown."""
    return SamplingRules(**{**standard_sampling().__dict__, "error_types": error_types})


@pytest.fixture
def book_zh(tmp_path: Path) -> Path:
    return write_task_workbook(hand_made(), rules(), SOURCE, tmp_path / "质检任务单_2026-10.xlsx")


def test_sheets_headers_and_rows(book_zh: Path) -> None:
    book = openpyxl.load_workbook(book_zh)
    assert book.sheetnames == [TASK_SHEET, TASK_NOTES_SHEET, sample_manifest.SHEET]
    assert [ws.sheet_state for ws in book.worksheets] == ["visible", "visible", "veryHidden"]
    ws = book[TASK_SHEET]
    assert ws["A1"].value == "质检任务单　2026-10　测试旗舰店　种子：2026-10|测试旗舰店"
    assert ws["A2"].value.startswith("按会话编号在后台找到每条会话，逐项打分")
    assert [c.value for c in ws[3]] == HEADERS
    assert task_headers() == HEADERS
    assert task_headers("subaccount")[2] == "旺旺"
    assert [item for item, _ in ATTITUDE_ITEMS] == HEADERS[9:19]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert rows[0][:9] == [
        1,
        "2026100300000001",
        "KF001",
        "徐思远",
        dt.datetime(2026, 10, 1),
        "一般",
        "一般",
        None,
        "张三",
    ]
    assert rows[3][:9] == [
        4,
        "2026100300000004",
        "KF001",
        "徐思远",
        dt.datetime(2026, 10, 4),
        "不满意",
        "不满意",
        "是",
        "李四",
    ]
    assert rows[7][:9] == [
        8,
        "2026100300000008",
        "KF011",
        "张思远",
        dt.datetime(2026, 10, 8),
        "一般",
        "一般",
        None,
        "李四",
    ]
    assert len(rows) == 8
    # Nothing scored, no formula; the last column is each chat's rank key, locked.
    assert all(v is None for row in rows for v in row[9:-1])
    assert [row[-1] for row in rows] == [c.rank for c in hand_made().chats]
    assert ws["B4"].data_type == "s" and ws["E4"].number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref == "A3:W11"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    # One page wide (1 is the default width, not written), as many pages down as it takes.
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)


def test_validation_ranges_per_item(book_zh: Path) -> None:
    ws = openpyxl.load_workbook(book_zh)[TASK_SHEET]
    found = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    items = "JKLMNOPQRS"
    assert set(found) == {f"{c}4:{c}11" for c in items} | {"T4:T11", "U4:U11"}
    for letter, (_item, maximum) in zip(items, ATTITUDE_ITEMS, strict=True):
        dv = found[f"{letter}4:{letter}11"]
        # "between" is the default operator and is not written.
        assert (dv.type, dv.operator or "between", dv.formula1, dv.formula2) == (
            "decimal",
            "between",
            "0",
            str(maximum),
        )
        assert dv.errorStyle in (None, "stop")  # stop is the default and is not written
        assert (dv.promptTitle, dv.prompt) == ("评分", f"0–{maximum} 分")
        assert dv.error == f"请填 0 到 {maximum} 之间的数（可带小数）。"
    errors = found["T4:T11"]
    assert (errors.type, errors.formula1, errors.errorStyle) == (
        "list",
        '"尺码推荐错误,优惠规则解释错误,漏回复,虚假承诺"',
        "warning",
    )
    risk = found["U4:U11"]
    assert (risk.type, risk.formula1, risk.errorStyle) == ("list", '"是,否"', None)


def test_protection_locks_the_facts_and_leaves_the_scores_open(book_zh: Path) -> None:
    ws = openpyxl.load_workbook(book_zh)[TASK_SHEET]
    protection = ws.protection
    assert protection.sheet is True and not protection.password
    # In OOXML a "0" lifts the protection of an action: filtering, sorting and widening stay allowed.
    assert (protection.autoFilter, protection.sort, protection.formatColumns) == (False, False, False)
    for row in (1, 2, 3):
        assert all(c.protection.locked for c in ws[row])
    for row in range(4, 12):
        locked = [ws.cell(row, col).protection.locked for col in range(1, 23)]
        # 序号 … 是否补抽 locked; 评分人, the ten items, 差错类型, 店铺风险 and 备注 open.
        assert locked == [True] * 8 + [False] * 14


def test_manifest_rows_equal_the_sample(book_zh: Path) -> None:
    ws = openpyxl.load_workbook(book_zh)[sample_manifest.SHEET]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == [
        "csreport-sample-manifest",
        "1",
        "2026-10",
        "2026-10|测试旗舰店",
        "0123456789ab",
        "ab" * 32,
    ]
    assert rows[1] == ["chat_id", "agent", "stratum", "topped_up"] + [None] * 2
    chats = hand_made().chats
    assert [r[:4] for r in rows[2:]] == [
        [c.chat_id, c.agent, c.stratum, "1" if c.topped_up else None] for c in chats
    ]
    assert all(c.data_type == "s" for row in ws.iter_rows() for c in row if c.value is not None)


def test_notes_sheet_in_chinese(book_zh: Path) -> None:
    ws = openpyxl.load_workbook(book_zh)[TASK_NOTES_SHEET]
    cells = [[c.value for c in row if c.value is not None] for row in ws.iter_rows()]
    assert cells[0] == ["抽样说明　2026-10　测试旗舰店"]
    assert cells[2:11] == [
        ["月份", "2026-10"],
        ["店铺", "测试旗舰店"],
        ["种子", "2026-10|测试旗舰店"],
        ["加盐", "（无）"],
        ["规则", "标准考核"],
        ["规则哈希", "0123456789ab"],
        ["会话清单文件", "会话清单_2026-10.xlsx"],
        ["清单 SHA-256", "ab" * 32],
        ["抽样结果", "2 位客服，抽取 8 条会话"],
    ]
    text = [" | ".join(map(str, row)) for row in cells]
    assert (
        "每人的抽取数按最大余数法分到各层，例如抽 10 条时按 非常满意、满意、一般、不满意、非常不满意 "
        "的顺序为 1/1/3/2/3。" in text
    )
    assert "评分人按轮换分配：张三、李四。" in text
    header = text.index(
        "客服工号 | 客服姓名 | 接待会话 | 抽样层 | 可抽 | 应抽 | 抽取 | 补抽给其他层 | 缺口 | 说明"
    )
    assert (
        text[header + 1] == "KF001 | 徐思远 | 400 | 全部 | 380 | 5 | 5 | 1 | 0 | "
        "有满意度层的会话不够，已按补抽顺序从其他层补足。"
    )
    assert text[header + 2 : header + 7] == [
        "KF001 | 徐思远 | 非常满意 | 100 | 0 | 0 | 0 | 0",
        "KF001 | 徐思远 | 满意 | 100 | 0 | 0 | 0 | 0",
        "KF001 | 徐思远 | 一般 | 100 | 2 | 2 | 0 | 0",
        "KF001 | 徐思远 | 不满意 | 50 | 1 | 2 | 1 | 0",
        "KF001 | 徐思远 | 非常不满意 | 1 | 2 | 1 | 0 | 1",
    ]
    assert text[header + 7] == (
        "KF011 | 张思远 | 4 | 全部 | 3 | 5 | 3 | 1 | 2 | "
        "可抽会话少于应抽数，已全部抽取。有满意度层的会话不够，已按补抽顺序从其他层补足。"
    )
    tail = text[text.index("未参与抽样的会话") + 1 :]
    assert tail == ["3 条会话不属于本月，未参与抽样。", "12 条会话消息数不足，不参与抽样。"]


def test_english_labels_chinese_headers(tmp_path: Path) -> None:
    path = write_task_workbook(hand_made(), rules(), SOURCE, tmp_path / "en.xlsx", lang="en")
    book = openpyxl.load_workbook(path)
    ws = book[TASK_SHEET]
    assert ws["A1"].value == "QA task sheet · 2026-10 · 测试旗舰店 · seed: 2026-10|测试旗舰店"
    assert [c.value for c in ws[3]] == HEADERS  # run recognises them in every language
    assert ws["H7"].value == "是"
    found = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert (found["J4:J11"].promptTitle, found["J4:J11"].prompt) == ("Score", "0–10 points")
    assert found["U4:U11"].formula1 == '"是,否"'
    notes = book[TASK_NOTES_SHEET]
    labels = [
        str(c.value).replace("\n", " ") for row in notes.iter_rows() for c in row if c.value is not None
    ]
    assert labels[0] == "Sampling notes · 2026-10 · 测试旗舰店"
    assert "Agent ID (工号)" in labels and "Given to other strata" in labels
    assert (
        "Each agent's number is split over the strata by largest remainder: 10 chats give 1/1/3/2/3 for "
        "very satisfied (非常满意), satisfied (满意), neutral (一般), dissatisfied (不满意), very "
        "dissatisfied (非常不满意)." in labels
    )
    # Data (the shop, names, files, error types, reviewers) stays as written; any other Chinese
    # is a gloss in brackets or a quoted cell value.
    data = (
        "测试旗舰店",
        "标准考核",
        "会话清单_2026-10.xlsx",
        "徐思远",
        "张思远",
        "张三",
        "李四",
        *ERROR_TYPES,
    )
    chinese = re.compile(r"[\u3400-\u9fff]")
    gloss = re.compile(r"(?<=[A-Za-z')]) \([^()]*\)|'[^']*'")

    def bare(text: str) -> bool:
        for value in data:
            text = text.replace(value, "")
        return bool(chinese.search(gloss.sub("", text)))

    assert [t for t in labels if bare(t)] == []


def test_long_error_type_list_reads_the_notes_cells(tmp_path: Path) -> None:
    many = tuple(f"差错类型{i:02d}：说明较长的一类差错" for i in range(20))
    path = write_task_workbook(hand_made(), rules(many), SOURCE, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    dv = next(d for d in book[TASK_SHEET].data_validations.dataValidation if str(d.sqref) == "T4:T11")
    notes = book[TASK_NOTES_SHEET]
    first = next(c.row for c in notes["A"] if c.value == many[0])
    assert dv.formula1 == f"'抽样说明'!$A${first}:$A${first + 19}"
    assert [notes.cell(first + i, 1).value for i in range(20)] == list(many)
    assert notes.cell(first - 1, 1).value == "差错类型下拉列表"


def test_no_error_types_no_dropdown(tmp_path: Path) -> None:
    path = write_task_workbook(hand_made(), rules(()), SOURCE, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)[TASK_SHEET]
    assert "T4:T11" not in {str(dv.sqref) for dv in ws.data_validations.dataValidation}


def test_an_empty_sample_says_so(tmp_path: Path) -> None:
    empty = SampleResult("2026-10", "", "", "2026-10|", (), (("other_month", 5),))
    path = write_task_workbook(empty, rules(), SOURCE, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    assert book[TASK_SHEET]["A4"].value == "本月没有可抽的会话。"
    assert book[TASK_SHEET].data_validations.dataValidation == []
    assert [[c.value for c in r] for r in book[sample_manifest.SHEET].iter_rows()][2:] == []


def test_every_header_is_one_run_recognises() -> None:
    fields = [field_for(h) for h in HEADERS]
    assert None not in fields
    assert fields[:9] == [
        IGNORE,
        "chat_id",
        "agent_id",
        "name",
        "date",
        "satisfaction",
        IGNORE,
        IGNORE,
        "reviewer",
    ]
    assert fields[9:] == [f"item_{i}" for i in range(10)] + ["error_type", "shop_risk", IGNORE, IGNORE]


def test_run_reads_the_task_sheet_and_nothing_else(book_zh: Path, tmp_path: Path) -> None:
    sheets = {s.name: s for s in read_workbook(book_zh).sheets}
    match = detect_sheet(sheets[TASK_SHEET].rows).match
    assert match is not None and (match.role, match.row_index, match.unmapped) == ("qa", 2, ())
    assert detect_sheet(sheets[TASK_NOTES_SHEET].rows).match is None
    en = write_task_workbook(hand_made(), rules(), SOURCE, tmp_path / "en.xlsx", lang="en")
    assert detect_sheet({s.name: s for s in read_workbook(en).sheets}[TASK_NOTES_SHEET].rows).match is None
    # Filled in and read as run reads its inputs: one 质检抽查 row per chat, the scores as typed.
    book = openpyxl.load_workbook(book_zh)
    ws = book[TASK_SHEET]
    for row in range(4, 12):
        for col, (_item, maximum) in enumerate(ATTITUDE_ITEMS, start=10):
            ws.cell(row, col, maximum - 1)
    ws["T4"] = "漏回复"
    ws["U4"] = "否"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    data = load_dataset([filled], "2026-10")
    qa = data.frames["qa"]
    assert list(qa["chat_id"]) == [c.chat_id for c in hand_made().chats]
    assert list(qa["agent_id"]) == ["KF001"] * 5 + ["KF011"] * 3
    assert qa["item_1"].tolist() == [19.0] * 8
    assert not data.roster and [p.code for p in data.problems if p.severity.value == "error"] == []


def test_a_drawn_sample_round_trips(tmp_path: Path) -> None:
    """The real engine's sample of a small list, written and read back through the manifest."""
    frame = pd.DataFrame(
        {
            "chat_id": [f"C{i:03d}" for i in range(30)],
            "agent": ["KF001"] * 20 + ["KF002"] * 10,
            "name": ["徐思远"] * 20 + ["罗梓萱"] * 10,
            "date": [dt.date(2026, 10, 1 + i % 28) for i in range(30)],
            "satisfaction": (["非常满意", "满意", "一般", "不满意", "非常不满意", "未评价"] * 5),
            "messages": [float(3 + i % 5) for i in range(30)],
            "duration_s": [float("nan")] * 30,
            "row": list(range(2, 32)),
        }
    )
    chats = ChatList("list.xlsx", "cd" * 32, "Sheet1", frame, "agent_id", True)
    result = draw(chats, rules(), "2026-10", "测试旗舰店")
    path = write_task_workbook(result, rules(), SOURCE, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    manifest = [[c.value or "" for c in r][:4] for r in book[sample_manifest.SHEET].iter_rows(min_row=3)]
    assert manifest == [[c.chat_id, c.agent, c.stratum, "1" if c.topped_up else ""] for c in result.chats]
    assert [c.value for c in book[TASK_SHEET]["B"][3:]] == [c.chat_id for c in result.chats]
    assert len(result.chats) == 10  # 5 each: 2% of 20 and of 10 is below the minimum of 5


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"old")
    write_task_workbook(hand_made(), rules(), SOURCE, target)
    assert openpyxl.load_workbook(target).sheetnames[0] == TASK_SHEET
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left


def test_reviewer_shares_in_words(tmp_path: Path) -> None:
    source = TaskSheetSource(
        **{**SOURCE.__dict__, "reviewers": (("张三", Fraction(3, 5)), ("李四", Fraction(2, 5)))}
    )
    path = write_task_workbook(hand_made(), rules(), source, tmp_path / "t.xlsx")
    notes = openpyxl.load_workbook(path)[TASK_NOTES_SHEET]
    assert "评分人按比例分配：张三 60%、李四 40%。" in [c.value for row in notes.iter_rows() for c in row]
