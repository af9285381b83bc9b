"""``csreport template``: the blank workbooks managers fill in, made through the real command line,
filled in with openpyxl as a manager's spreadsheet program would, and read back by ``check`` and
``run``; their validations, protection and 说明 sheet; LibreOffice opens them."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from csreport.api import check_month
from csreport.cli.main import main
from csreport.domain import ATTITUDE_ITEMS
from csreport.inputs.chat_list import FIELDS as CHAT_LIST_FIELDS
from csreport.inputs.headers import ROLE_FIELDS, detect_sheet, shipped_aliases
from csreport.messages import MESSAGES
from csreport.outputs.xlsx.blank_templates import TEMPLATE_VERSION, template_specs
from csreport.problems import Severity

ZH_FILES = [
    "花名册_模板.xlsx",
    "考勤_模板.xlsx",
    "质检抽查_模板.xlsx",
    "接待数据_模板.xlsx",
    "会话清单_模板.xlsx",
]
EN_FILES = [
    "Roster_template.xlsx",
    "Attendance_template.xlsx",
    "QA_scores_template.xlsx",
    "Reception_template.xlsx",
    "Chat_list_template.xlsx",
]
KEYS = ["roster", "attendance", "qa", "reception", "chat_list"]
LEVELS = "新员工,特殊技能新员工,老员工,组长,部门主管,部门经理,公司高层"
ERROR_TYPES = "答复错误,漏答/未回复,流程不规范,推荐错误,优惠解释错误,态度问题,其他"
# The reception template's columns after 工号, 姓名 and 日期, in order.
RECEPTION_COUNTS = [
    "接待人数",
    "咨询人数",
    "回复人数",
    "平均响应时长(秒)",
    "首次响应时长(秒)",
    "询单人数",
    "询单付款人数",
    "付款订单数",
    "销售额",
    "客户满意率",
]


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result


def make(folder: Path, lang: str = "zh", *extra: object) -> Result:
    """The templates in ``folder``, from no history (a history file that is not there)."""
    result = cli(
        "template", "--out", folder, "--history", folder.parent / "no-history.sqlite", "--lang", lang, *extra
    )
    assert result.exit_code == 0, result.stderr
    return result


def files_of(lang: str) -> dict[str, str]:
    return dict(zip(KEYS, ZH_FILES if lang == "zh" else EN_FILES, strict=True))


# --- the command --------------------------------------------------------------------------------


def test_five_templates_one_line_each_then_where(tmp_path: Path) -> None:
    out = tmp_path / "模板"
    result = make(out)
    assert result.stdout.splitlines() == [
        *(f"已写出：{out / name}" for name in ZH_FILES),
        f"模板都在 {out} 文件夹里。填好后先运行 csreport check {out} 检查。",
    ]
    assert result.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(ZH_FILES)


def test_in_english(tmp_path: Path) -> None:
    out = tmp_path / "t"
    result = make(out, "en")
    assert result.stdout.splitlines() == [
        *(f"Written: {out / name}" for name in EN_FILES),
        f"The templates are in {out}. Once they are filled in, run csreport check {out}.",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(EN_FILES)


def test_the_default_folder_and_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("template")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "模板都在 模板 文件夹里。填好后先运行 csreport check 模板 检查。"
    assert sorted(p.name for p in (tmp_path / "模板").iterdir()) == sorted(ZH_FILES)
    notes = openpyxl.load_workbook(tmp_path / "模板" / "花名册_模板.xlsx").worksheets[0]
    assert notes["A5"].value == (
        "没有找到历史记录（报表/csreport-history.sqlite），花名册是空白的。"
        "用 csreport run 计算过一个月后，再生成模板会自动填入客服。"
    )
    en = cli("template", "--lang", "en")
    assert en.stdout.splitlines()[-1] == (
        "The templates are in blank-templates. Once they are filled in, run csreport check blank-templates."
    )


def test_help_in_both_languages() -> None:
    result = cli("template", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "写出空白的花名册、考勤、质检抽查、接待数据和会话清单模板（.xlsx），给主管填写；" in text
    assert "write blank roster, attendance, QA score, reception and chat list workbooks (.xlsx) for" in text
    for option in ("--out", "--rules", "--history", "--config", "--lang"):
        assert option in text
    assert (
        "模板写到哪个文件夹（默认：模板） / the folder the templates go to (default: blank-templates)."
        in text
    )


def test_an_output_location_that_is_a_file(tmp_path: Path) -> None:
    taken = tmp_path / "模板"
    taken.write_text("x", encoding="utf-8")
    result = cli("template", "--out", taken, "--history", tmp_path / "h.sqlite")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"错误：输出位置 {taken} 是一个文件，不是文件夹。请用 --out 指定一个文件夹。"
    ]
    assert taken.read_text(encoding="utf-8") == "x"


# --- the specification ----------------------------------------------------------------------------


def test_every_column_is_a_field_of_its_sheet_with_words_in_the_catalogue() -> None:
    aliases, _canonical = shipped_aliases()
    for spec in template_specs():
        allowed = set(CHAT_LIST_FIELDS) if spec.role == "chat_list" else set(ROLE_FIELDS[spec.role])
        for column in spec.columns:
            if column.field is None:
                assert aliases[column.header.lower()] == "_ignore", column.header  # known, not scored
            else:
                assert column.field in allowed, (spec.key, column.field)
            assert f"blank_templates.col.{column.explain}" in MESSAGES
            assert f"blank_templates.name.{column.field or column.explain}" in MESSAGES
        for code in (f"blank_templates.file.{spec.key}", f"blank_templates.sheet.{spec.key}"):
            assert code in MESSAGES
        assert f"blank_templates.purpose.{spec.key}" in MESSAGES
        if spec.role != "chat_list":  # the reader takes the header row for what the template is
            match = detect_sheet([spec.headers]).match
            assert match is not None and match.role == spec.role
            assert [match.columns.get(p) for p in range(len(spec.columns))] == [
                c.field or "_ignore" for c in spec.columns
            ]


def test_the_headers_are_the_canonical_ones() -> None:
    specs = {s.key: s.headers for s in template_specs()}
    assert specs["roster"] == ["工号", "姓名", "组别", "入职日期", "岗位状态", "级别", "旺旺", "奖金基数"]
    assert specs["attendance"] == ["工号", "姓名", "日期", "考勤状态", "备注"]
    assert specs["qa"] == [
        "工号",
        "姓名",
        "日期",
        "会话编号",
        "满意度",
        *(item for item, _most in ATTITUDE_ITEMS),
        "差错类型",
        "店铺风险",
        "评分人",
        "备注",
    ]
    assert specs["reception"] == ["工号", "姓名", "日期", *RECEPTION_COUNTS]
    assert specs["chat_list"] == ["会话编号", "工号", "姓名", "日期", "满意度", "消息数", "会话时长(秒)"]


# --- the sheets: version, validations, protection ---------------------------------------------------


def data_sheet(path: Path) -> Any:
    return openpyxl.load_workbook(path).worksheets[1]


def validations(ws: Any) -> dict[str, Any]:
    """Each validated range's first column letter → its validation."""
    return {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in ws.data_validations.dataValidation}


def test_sheets_version_and_purpose(tmp_path: Path) -> None:
    make(tmp_path / "zh")
    make(tmp_path / "en", "en")
    book = openpyxl.load_workbook(tmp_path / "zh" / "考勤_模板.xlsx")
    assert book.sheetnames == ["说明", "考勤"]
    notes = book["说明"]
    assert [notes[f"A{r}"].value for r in range(1, 5)] == [
        "考勤模板",
        "模板版本 2026.1",
        "下拉列表和各项满分按规则「标准考核」（#bd35719a）设置；由 csreport 0.1.0 生成。",
        "考勤：每位客服每天一行，写明日期和当天的考勤状态。用于全勤、迟到早退等考核项。",
    ]
    assert TEMPLATE_VERSION == "2026.1"
    en = openpyxl.load_workbook(tmp_path / "en" / "Attendance_template.xlsx")
    assert en.sheetnames == ["Notes", "Attendance"]
    assert [en["Notes"][f"A{r}"].value for r in range(1, 4)] == [
        "Attendance template",
        "Template version 2026.1",
        "The dropdowns and maxima follow the rules 'Standard assessment' (#bd35719a); made by csreport "
        "0.1.0.",
    ]
    # The data sheet's headers are csreport's Chinese ones in every language.
    assert [c.value for c in en["Attendance"][1]] == ["工号", "姓名", "日期", "考勤状态", "备注"]


def test_one_line_per_column_on_the_notes(tmp_path: Path) -> None:
    make(tmp_path / "zh")
    make(tmp_path / "en", "en")
    zh = [c.value for c in openpyxl.load_workbook(tmp_path / "zh" / "花名册_模板.xlsx")["说明"]["A"]]
    start = zh.index("各列说明") + 1
    assert [str(v) for v in zh[start : start + 8]] == [
        "工号（必填）：每位客服唯一的编号，各张表靠它认出同一个人。例：KF001",
        "姓名（必填）：客服的姓名。例：张三",
        "组别（选填）：所在小组，如 一组；同组的人一起汇总和排名。例：一组",
        "入职日期（选填）：入职那天；晋级评审按它算司龄。填日期，如 2026-03-17。",
        "岗位状态（必填）：决定用哪张考核表。从下拉列表中选：试用期、正式。例：正式",
        "级别（选填）：员工级别，和考核等级一起决定系数（奖金）；要和规则中的级别一字不差。"
        "可从下拉列表中选（新员工、特殊技能新员工、老员工、组长、部门主管、部门经理、公司高层），也可以填别的。例：新员工",
        "旺旺（选填）：客服在店铺后台的账号。后台导出的数据只有账号、没有工号时必须填，"
        "csreport 靠它把账号对上工号；一人有几个账号时用、分开。例：某某旗舰店:小张",
        "奖金基数（选填）：奖金 = 奖金基数 × 系数；不算奖金可不填。"
        "不小于 0 的数，可带小数，单位：元。例：1500",
    ]
    en = [c.value for c in openpyxl.load_workbook(tmp_path / "en" / "QA_scores_template.xlsx")["Notes"]["A"]]
    start = en.index("The columns") + 1
    lines = [str(v) for v in en[start : start + 20]]
    assert (
        lines[0] == "Agent ID (工号), required: Each agent's own ID; every workbook finds the agent by it. "
        "Example: KF001"
    )
    assert lines[4] == (
        "Satisfaction (满意度), optional: The rating the customer gave the chat; '未评价' (not rated) "
        "or blank when there is none. Pick from the list: '非常满意' (very satisfied), '满意' "
        "(satisfied), '一般' (neutral), '不满意' (dissatisfied), '非常不满意' (very dissatisfied), "
        "'未评价' (not rated). Example: 满意"
    )
    assert lines[6] == (
        "Scripts used well (聊天话术运用适当), required: The chat's score on this item of the attitude "
        "standard (工作态度评分标准). 0 to 20 points, decimals allowed."
    )
    assert lines[16] == (
        "Shop risk (店铺风险), optional: '是' (yes) when the error exposes the shop to risk, else '否' "
        "(no) or blank. Pick from the list: '是' (yes), '否' (no). Example: 否"
    )
    assert en[start + 19 : start + 21] == [None, "When it is filled in"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dropdowns_maxima_and_dates(tmp_path: Path, lang: str) -> None:
    make(tmp_path, lang)
    names = files_of(lang)
    roster = validations(data_sheet(tmp_path / names["roster"]))
    assert roster["E"].type == "list" and roster["E"].formula1 == '"试用期,正式"'
    assert roster["E"].errorStyle in (None, "stop")
    assert roster["F"].formula1 == f'"{LEVELS}"' and roster["F"].errorStyle == "warning"
    assert (roster["D"].type, roster["D"].operator, roster["D"].formula1, roster["D"].formula2) == (
        "date",
        None,  # between
        "36526",  # 2000-01-01
        "73050",  # 2099-12-31
    )
    assert (roster["H"].type, roster["H"].operator, roster["H"].formula1) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
    )
    assert str(roster["E"].sqref) == "E2:E201"

    attendance = validations(data_sheet(tmp_path / names["attendance"]))
    assert attendance["D"].formula1 == '"出勤,迟到,早退,请假,旷工,休息"'
    assert str(attendance["D"].sqref) == "D2:D1501"

    qa = validations(data_sheet(tmp_path / names["qa"]))
    assert qa["E"].formula1 == '"非常满意,满意,一般,不满意,非常不满意,未评价"'
    items = [qa[letter] for letter in "FGHIJKLMNO"]
    assert [(dv.type, dv.formula1, dv.formula2) for dv in items] == [
        ("decimal", "0", str(int(most))) for _item, most in ATTITUDE_ITEMS
    ]
    assert [int(dv.formula2) for dv in items] == [10, 20, 5, 5, 10, 10, 10, 10, 10, 10]
    assert qa["P"].formula1 == f'"{ERROR_TYPES}"' and qa["P"].errorStyle == "warning"
    assert qa["Q"].formula1 == '"是,否"'
    assert str(qa["Q"].sqref) == "Q2:Q501"

    reception = validations(data_sheet(tmp_path / names["reception"]))
    counts = [reception[letter] for letter in "DEFIJK"]
    assert {(dv.type, dv.operator, dv.formula1) for dv in counts} == {("whole", "greaterThanOrEqual", "0")}
    assert [(reception[c].type, reception[c].formula1, reception[c].formula2) for c in "GH"] == [
        ("decimal", "0", "86400"),
        ("decimal", "0", "86400"),
    ]
    assert (reception["M"].type, reception["M"].formula1, reception["M"].formula2) == ("decimal", "0", "1")

    chats = validations(data_sheet(tmp_path / names["chat_list"]))
    assert chats["E"].formula1 == '"非常满意,满意,一般,不满意,非常不满意,未评价"'
    assert (chats["F"].type, chats["F"].operator) == ("whole", "greaterThanOrEqual")
    assert str(chats["A"].sqref) == "A2:A1001"


def test_prompts_and_refusals(tmp_path: Path) -> None:
    make(tmp_path / "zh")
    make(tmp_path / "en", "en")
    zh = validations(data_sheet(tmp_path / "zh" / "质检抽查_模板.xlsx"))
    assert (zh["G"].promptTitle, zh["G"].prompt, zh["G"].errorTitle, zh["G"].error) == (
        "聊天话术运用适当",
        "这条会话在工作态度评分标准这一项上的得分。0 到 20 分，可带小数。",
        "聊天话术运用适当",
        "请填 0 到 20 的数。",
    )
    assert (zh["P"].prompt, zh["P"].error) == (
        "有差错时填差错的类型，同一类差错反复出现会扣分更多；没有差错留空。例：答复错误",
        "这个值不在列表中，仍要使用吗？",
    )
    assert (zh["C"].prompt, zh["C"].error) == (
        "这条会话的日期。填日期，如 2026-10-08。",
        "请填 2000-01-01 到 2099-12-31 之间的日期，如 2026-10-08。",
    )
    assert zh["D"].prompt == (
        "后台的会话编号，按文字保存（不会变成 2.03E+15 这样的科学计数）；同一条会话只填一行。"
        "例：2026100800001001"
    )
    en = validations(data_sheet(tmp_path / "en" / "Roster_template.xlsx"))
    assert (en["F"].promptTitle, en["F"].prompt, en["F"].error) == (
        "Level",
        "The agent's level, which with the grade sets the coefficient (系数) of the bonus; it must match a "
        "level of the rules exactly. Example: 新员工",
        "This level is not one of the rules' levels, so it gets no coefficient (系数). Use it anyway?",
    )
    reception = validations(data_sheet(tmp_path / "en" / "Reception_template.xlsx"))
    assert (reception["D"].promptTitle, reception["D"].prompt, reception["D"].error) == (
        "Sessions received",
        "Customers (sessions) received. A whole number, 0 or more (people). Example: 77",
        "Enter a whole number, 0 or more.",
    )
    assert reception["M"].error == "Enter a percentage from 0% to 100%, such as 98.5%."


def test_header_locked_and_frozen_data_unlocked_sheet_protected(tmp_path: Path) -> None:
    make(tmp_path)
    for name, freeze, last in (
        ("花名册_模板.xlsx", "C2", "H201"),
        ("质检抽查_模板.xlsx", "C2", "S501"),
        ("会话清单_模板.xlsx", "B2", "G1001"),
    ):
        ws = data_sheet(tmp_path / name)
        assert ws.freeze_panes == freeze
        protection = ws.protection
        assert (protection.sheet, protection.password) == (True, None)
        # openpyxl reads an allowed action as not protected (False).
        assert (protection.insertRows, protection.deleteRows, protection.sort, protection.autoFilter) == (
            False,
            False,
            False,
            False,
        )
        assert all(cell.protection.locked for cell in ws[1])
        assert not any(ws[last].protection.locked for last in ("A2", last))
        assert ws.auto_filter.ref == f"A1:{last}"
    roster = data_sheet(tmp_path / "花名册_模板.xlsx")
    assert [roster[f"{c}2"].number_format for c in "ADEH"] == ["@", "yyyy-mm-dd", "@", "#,##0.00"]
    qa = data_sheet(tmp_path / "质检抽查_模板.xlsx")
    assert qa["D2"].number_format == "@"  # 16-digit chat IDs stay as typed


# --- filled in, then read back -------------------------------------------------------------------

AGENTS = (
    # 工号, 姓名, 组别, 入职日期, 岗位状态, 级别
    ("KF001", "王一", "一组", dt.datetime(2024, 3, 1), "正式", "老员工"),
    ("KF002", "李二", "一组", dt.datetime(2026, 8, 17), "试用期", "新员工"),
    ("KF003", "张三", "二组", dt.datetime(2023, 5, 2), "正式", "组长"),
)
DAYS = [dt.datetime(2026, 10, d) for d in (8, 9, 10, 11, 12)]
# Per agent and day, the RECEPTION_COUNTS: 接待人数 … 客户满意率.
RECEPTION = {
    "KF001": (80, 78, 77, 40.5, 15, 60, 40, 46, 8000.5, 0.985),
    "KF002": (80, 78, 76, 50, 20, 60, 30, 30, 5000, 0.95),
    "KF003": (80, 78, 78, 60, 20, 60, 35, 40, 6000, 0.97),
}
# The share of each attitude item's maximum every sampled chat gets: 90 or 80 points a chat.
ATTITUDE = {"KF001": 0.9, "KF002": 0.8, "KF003": 0.9}


def fill(folder: Path, lang: str) -> None:
    """Type a month (2026-10) into every template, under its headers wherever they are."""
    names = files_of(lang)

    def rows(key: str, records: list[dict[str, Any]]) -> None:
        path = folder / names[key]
        book = openpyxl.load_workbook(path)
        ws = book.worksheets[1]
        where = {cell.value: cell.column for cell in ws[1]}
        for offset, record in enumerate(records):
            for header, value in record.items():
                ws.cell(2 + offset, where[header], value)
        book.save(path)

    rows(
        "roster",
        [
            {
                "工号": a,
                "姓名": n,
                "组别": g,
                "入职日期": hired,
                "岗位状态": post,
                "级别": level,
                "旺旺": f"店:{n}",
                "奖金基数": 1500,
            }
            for a, n, g, hired, post, level in AGENTS
        ],
    )
    rows(
        "attendance",
        [
            {
                "工号": a,
                "姓名": n,
                "日期": day,
                "考勤状态": "迟到" if (a, i) == ("KF002", 1) else "出勤",
                "备注": "正常",
            }
            for a, n, *_ in AGENTS
            for i, day in enumerate(DAYS)
        ],
    )
    rows(
        "reception",
        [
            {"工号": a, "姓名": n, "日期": day, **dict(zip(RECEPTION_COUNTS, RECEPTION[a], strict=True))}
            for a, n, *_ in AGENTS
            for day in DAYS
        ],
    )
    qa: list[dict[str, Any]] = []
    for k, (a, n, *_rest) in enumerate(AGENTS):
        for i, day in enumerate(DAYS):
            record: dict[str, Any] = {
                "工号": a,
                "姓名": n,
                "日期": day,
                "会话编号": f"2026{day.month:02d}{day.day:02d}{k:04d}{i:04d}",
                "满意度": ("满意", "一般", "非常满意", "不满意", "非常不满意")[i],
                "差错类型": "答复错误" if (a, i) == ("KF002", 0) else None,
                "店铺风险": "否",
                "评分人": "李四",
                "备注": "",
            }
            record.update({item: most * ATTITUDE[a] for item, most in ATTITUDE_ITEMS})
            qa.append(record)
    rows("qa", qa)
    rows(
        "chat_list",
        [
            {
                "会话编号": f"20261001{k:02d}{j:06d}",
                "工号": a,
                "姓名": n,
                "日期": dt.datetime(2026, 10, 1 + j % 28, 9, j),
                "满意度": ("非常满意", "满意", "一般", "不满意", "非常不满意", None)[j % 6],
                "消息数": 5 + j % 7,
                "会话时长(秒)": 120 + j,
            }
            for k, (a, n, *_rest) in enumerate(AGENTS)
            for j in range(40)
        ],
    )


def not_clean(folder: Path) -> list[str]:
    report = check_month([folder])
    return [p.render("zh") for p in report.problems if p.severity is not Severity.INFO]


def scored(out: Path) -> dict[str, tuple[float, str, float | None]]:
    data = json.loads((out / "2026-10" / "客服绩效_2026-10.json").read_text(encoding="utf-8"))
    return {a["agent_id"]: (a["total"], a["conclusion"], a["coefficient"]) for a in data["agents"]}


# Worked out by hand from the standard preset's tables:
# KF001 正式: 40.5 s → 15; 77/78 = 98.7% → 20; 46/80 = 57.5% → 25; no error → 20; 90 → 20:
#   100, A, 老员工 1.30.
# KF002 试用期: 50 s → 15; 76/78 = 97.4% → 15; one error of a type → 10; 80 → 20: 60 ≤ 60, 不予上岗.
# KF003 正式: 60 s → 10; 78/78 → 20; 40/80 = 50% → 20; no error → 20; 90 → 20: 90, A, 组长 1.40.
EXPECTED = {"KF001": (100.0, "pass", 1.3), "KF002": (60.0, "fail", 0.5), "KF003": (90.0, "pass", 1.4)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_filled_template_set_checks_clean_and_scores(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "t"
    make(folder, lang)
    fill(folder, lang)
    assert not_clean(folder) == []
    checked = cli("check", folder, "--lang", lang)
    assert checked.exit_code == 0, checked.stdout
    # The 说明 sheets are passed over without a note; the five notes left are about the data.
    assert not any("说明" in line and "表头" in line for line in checked.stdout.splitlines())
    assert checked.stdout.splitlines()[-1] == (
        "考核月份 2026-10：0 个错误，0 个警告，5 条提示。数据干净，可以计分。"
        if lang == "zh"
        else "Month 2026-10: 0 error(s), 0 warning(s), 5 note(s). The data is clean."
    )
    ran = cli("run", folder, "--out", tmp_path / "out", "--no-pdf", "--lang", lang)
    assert ran.exit_code == 0, ran.stderr
    assert scored(tmp_path / "out") == EXPECTED
    # The chat list is what csreport sample draws from: every chat read, 5 picked per agent.
    sampled = cli(
        "sample",
        folder / files_of(lang)["chat_list"],
        folder / files_of(lang)["roster"],
        "--month",
        "2026-10",
        "--out",
        tmp_path / "qa",
        "--lang",
        lang,
    )
    assert sampled.exit_code == 0, sampled.stderr
    assert (
        "2026-10：3 位客服，抽取 15 条会话。" if lang == "zh" else "2026-10: agents: 3; chats sampled: 15."
    ) in sampled.stdout.splitlines()


# Other headers the shipped aliases know for the same fields, as a manager might retype them.
RENAMED = {
    "工号": "员工编号",
    "姓名": "员工姓名",
    "组别": "分组",
    "入职日期": "入职时间",
    "岗位状态": "员工状态",
    "级别": "职级",
    "旺旺": "子账号",
    "奖金基数": "bonus base",
    "考勤状态": "出勤状态",
    "接待人数": "接待量",
    "咨询人数": "咨询量",
    "回复人数": "已回复人数",
    "平均响应时长(秒)": "平均响应时间（秒）",
    "首次响应时长(秒)": "首次响应时间(秒)",
    "询单人数": "售前接待人数",
    "付款订单数": "成功付款订单数",
    "销售额": "销售金额",
    "客户满意率": "满意率",
    "会话编号": "会话ID",
    "满意度": "客户评价",
    "流程全面,服务规范": "流程全面服务规范",
    "差错类型": "错误类型",
    "店铺风险": "是否店铺风险",
    "评分人": "质检员",
}
DATE_NAMES = {"attendance": "考勤日期", "reception": "统计日期", "qa": "会话时间"}


def rearrange(path: Path, key: str) -> None:
    """Move every column (last first), its cells' number formats with it, and rename the headers,
    as a manager might by hand."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[1]
    cells = [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()]
    names = {**RENAMED, "日期": DATE_NAMES.get(key, "日期")}
    cells[0] = [(names.get(h, h), f) for h, f in cells[0]]
    for r, row in enumerate(cells, start=1):
        for c, (value, number_format) in enumerate(reversed(row), start=1):
            cell = ws.cell(r, c)
            cell.value, cell.number_format = value, number_format
    book.save(path)


def test_moved_and_renamed_columns_still_read(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    make(folder)
    fill(folder, "zh")
    for key, name in files_of("zh").items():
        if key != "chat_list":
            rearrange(folder / name, key)
    qa = data_sheet(folder / "质检抽查_模板.xlsx")
    assert [c.value for c in qa[1]][:4] == ["备注", "质检员", "是否店铺风险", "错误类型"]
    assert not_clean(folder) == []
    ran = cli("run", folder, "--out", tmp_path / "out", "--no-pdf")
    assert ran.exit_code == 0, ran.stderr
    assert scored(tmp_path / "out") == EXPECTED


# --- what a spreadsheet program makes of them -------------------------------------------------------


def test_libreoffice_opens_a_template(tmp_path: Path) -> None:
    make(tmp_path / "t")
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(tmp_path / "t" / "质检抽查_模板.xlsx"),
        ],
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "pdf" / "质检抽查_模板.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "质检抽查模板" in text and "模板版本 2026.1" in text
    assert "流程全面,服务规" in text  # the data sheet's header, wrapped in its cell
