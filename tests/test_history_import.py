"""History from past outputs: the JSON result and the results workbook read back as records.

Real outputs: the sample month is run in Chinese and in English (``run_month``, no PDFs), and
each JSON and workbook is read back and compared with the run's own result, field by field.
Damaged and foreign files are refused with one exact line naming the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pytest

from csreport.api import RunOptions, run_month
from csreport.history.model import AgentRecord
from csreport.inputs.past_outputs import KnownKpi, KnownTable, PastMonth, identified, read_past_output
from csreport.problems import CsreportError
from csreport.reports import RunReport
from csreport.results import AgentResult

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
NAME = "客服绩效_2026-10"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RunReport]:
    out = tmp_path_factory.mktemp("runs")
    return {
        lang: run_month([SAMPLES], RunOptions(out_dir=out / lang, lang=lang, pdf=False))
        for lang in ("zh", "en")
    }


def _by_id(past: PastMonth) -> dict[str, AgentRecord]:
    return {a.agent_id: a for a in past.agents}


def _same_month(record: AgentRecord, a: AgentResult) -> None:
    """The record holds what the run scored for the agent."""
    assert (record.name, record.group, record.level) == (a.name, a.group, a.level)
    assert record.total == a.total
    assert record.conclusion == a.conclusion.value
    assert record.grade == a.grade
    assert (record.rank, record.rank_of) == (a.rank, a.rank_of)
    assert record.coefficient == a.coefficient
    assert (record.bonus, record.bonus_base) == (a.bonus, a.bonus_base)
    assert record.max_total == a.max_total
    assert record.in_roster == a.in_roster


# ---- the JSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_json_reads_back_as_the_run_scored_it(runs: dict[str, RunReport], lang: str) -> None:
    report = runs[lang]
    past = read_past_output(report.json_path)
    meta = report.result.meta
    assert past.month == "2026-10"
    assert (past.rules_name, past.rules_name_en) == ("标准考核", "Standard assessment")
    assert past.rules_hash == meta.rules_hash
    assert past.generated_at == meta.generated_at
    assert past.shop == ("本店" if lang == "zh" else "Our shop")
    assert past.lang == lang
    assert past.source == f"{NAME}.json"
    assert past.sha256 == hashlib.sha256(report.json_path.read_bytes()).hexdigest()
    assert past.input_files == ("十月接待.xlsx", "十月考勤.xlsx", "十月质检.xlsx", "花名册.xlsx")
    assert past.problems == ()
    records = _by_id(past)
    assert sorted(records) == sorted(a.agent_id for a in report.result.agents)
    for a in report.result.agents:
        r = records[a.agent_id]
        _same_month(r, a)
        assert (r.status, r.table_id, r.table_name) == (a.status, a.table_id, a.table_name)
        assert r.attendance == a.attendance
        assert r.vetoes == tuple(n.text(lang) for n in a.veto_reasons)
        assert [(k.kpi_id, k.name, k.name_en, k.unit, k.max_points) for k in r.kpis] == [
            (k.kpi_id, k.name, k.name_en, k.unit, k.max_points) for k in a.kpis
        ]
        assert [(k.raw, k.numerator, k.denominator, k.band, k.points) for k in r.kpis] == [
            (k.raw, k.numerator, k.denominator, k.band, k.points) for k in a.kpis
        ]
        assert [k.veto for k in r.kpis] == [k.veto.text(lang) if k.veto else None for k in a.kpis]
        # the two KPIs scored from sampled chats (their formulas name 质检 fields only)
        assert [k.kpi_id for k in r.kpis if k.qa] == ["errors", "attitude"]


def test_a_json_record_by_hand(runs: dict[str, RunReport]) -> None:
    """KF006 (周文博, 正式): 80 points, but an average response of 119.5 s is over 100 s: vetoed."""
    kf006 = _by_id(read_past_output(runs["zh"].json_path))["KF006"]
    assert (kf006.total, kf006.conclusion, kf006.grade, kf006.rank, kf006.rank_of) == (
        80.0,
        "fail",
        "D",
        10,
        11,
    )
    assert (kf006.level, kf006.coefficient, kf006.bonus_base, kf006.bonus) == ("老员工", 0.6, 1500.0, 900.0)
    assert kf006.vetoes == ("平均响应时长超过 100 秒",) and kf006.vetoed
    assert [k.points for k in kf006.kpis] == [0.0, 15.0, 25.0, 20.0, 20.0]
    assert kf006.attendance is not None and (kf006.attendance.present, kf006.attendance.late) == (23, 2)


def _json_error(tmp_path: Path, text: str, name: str = f"{NAME}.json") -> CsreportError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CsreportError) as caught:
        read_past_output(path)
    return caught.value


def test_a_truncated_json_is_refused_in_one_line(tmp_path: Path) -> None:
    # 30 characters, the value of "agents" never begun: the parser stops at column 31
    err = _json_error(tmp_path, '{"meta": {}, "agents": [{"a": ')
    assert err.message("zh") == (
        f"{NAME}.json 不是完整的 JSON（第 1 行第 31 列处出错），文件可能没有复制完整或已损坏。"
    )
    assert err.message("en") == (
        f"{NAME}.json is not complete JSON (it breaks off at line 1, column 31); "
        "the file may be cut short or damaged."
    )


def test_a_real_json_cut_short_is_refused(runs: dict[str, RunReport], tmp_path: Path) -> None:
    data = runs["zh"].json_path.read_bytes()
    # cut inside a character (the Chinese of a name is 3 bytes a character in UTF-8)
    cut = data.index("徐思远".encode()) + 1
    (tmp_path / "cut.json").write_bytes(data[:cut])
    with pytest.raises(CsreportError) as caught:
        read_past_output(tmp_path / "cut.json")
    assert caught.value.code == "history_import.json_damaged"
    # the string the name begins is never closed: the parser names its opening quote
    column = len(data[: cut - 1].decode())
    assert caught.value.message("en") == (
        f"cut.json is not complete JSON (it breaks off at line 1, column {column}); "
        "the file may be cut short or damaged."
    )


def test_a_json_that_is_not_csreports_is_refused(tmp_path: Path) -> None:
    err = _json_error(tmp_path, '{"name": "订单导出", "rows": []}', "orders.json")
    assert err.message("zh") == "orders.json 不是 csreport 的结果 JSON：没有 meta。"
    assert err.message("en") == "orders.json is not a csreport results JSON: it has no meta."
    err = _json_error(tmp_path, '[{"meta": {}}]', "list.json")
    assert err.message("en") == "list.json is not a csreport results JSON: it has no meta."
    err = _json_error(tmp_path, '{"meta": {}}', "half.json")
    assert err.message("en") == "half.json is not a csreport results JSON: it has no agents."


def _edited(runs: dict[str, RunReport], tmp_path: Path, edit: object) -> CsreportError:
    payload = json.loads(runs["zh"].json_path.read_text("utf-8"))
    assert callable(edit)
    edit(payload)
    return _json_error(tmp_path, json.dumps(payload, ensure_ascii=False))


def test_a_missing_key_names_the_file_and_the_key(runs: dict[str, RunReport], tmp_path: Path) -> None:
    err = _edited(runs, tmp_path, lambda p: p["agents"][2].pop("total"))
    assert err.message("zh") == f"{NAME}.json 缺少 agents[2].total，无法导入；文件可能被改动过或不完整。"
    assert err.message("en") == (
        f"{NAME}.json lacks agents[2].total and cannot be imported; "
        "the file may have been edited or be incomplete."
    )
    err = _edited(runs, tmp_path, lambda p: p["meta"].pop("rules_hash"))
    assert err.message("en").startswith(f"{NAME}.json lacks meta.rules_hash and cannot")


def test_a_value_of_the_wrong_type_names_the_key(runs: dict[str, RunReport], tmp_path: Path) -> None:
    err = _edited(runs, tmp_path, lambda p: p["agents"][0].update(total="八十"))
    assert err.message("zh") == f'{NAME}.json 中 agents[0].total 应为数字，实为 "八十"，无法导入。'
    assert (
        err.message("en")
        == f'In {NAME}.json, agents[0].total should be a number, not "八十"; it cannot be imported.'
    )
    err = _edited(runs, tmp_path, lambda p: p["agents"][1]["kpis"][3].update(points=[10]))
    assert err.message("en") == (
        f"In {NAME}.json, agents[1].kpis[3].points should be a number, not [10]; it cannot be imported."
    )
    err = _edited(runs, tmp_path, lambda p: p["agents"][0].update(conclusion="合格"))
    assert err.message("en") == (
        f"In {NAME}.json, agents[0].conclusion should be pass, fail or missing, "
        'not "合格"; it cannot be imported.'
    )
    err = _edited(runs, tmp_path, lambda p: p["meta"].update(month="2026-13"))
    assert (
        err.message("zh") == f'{NAME}.json 中 meta.month 应为YYYY-MM 格式的月份，实为 "2026-13"，无法导入。'
    )
    err = _edited(runs, tmp_path, lambda p: p["agents"][1].update(rank=2.5))
    assert err.message("en") == (
        f"In {NAME}.json, agents[1].rank should be a whole number, not 2.5; it cannot be imported."
    )


def test_a_repeated_agent_is_refused(runs: dict[str, RunReport], tmp_path: Path) -> None:
    err = _edited(runs, tmp_path, lambda p: p["agents"].append(p["agents"][0]))
    assert (
        err.message("en")
        == f"In {NAME}.json, agents[14] repeats the agent ID (工号) KF001; it cannot be imported."
    )


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CsreportError) as caught:
        read_past_output(path)
    assert caught.value.message("en") == (
        "notes.txt is not a csreport output: only the .json or .xlsx csreport writes "
        "('客服绩效_<month>') can be imported."
    )


def test_a_json_not_in_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes('{"meta": "本店"}'.encode("gbk"))
    with pytest.raises(CsreportError) as caught:
        read_past_output(path)
    assert caught.value.message("zh") == "gbk.json 不是 UTF-8 文本，不是 csreport 写出的 JSON。"


# ---- the workbook -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_reads_back_as_the_run_scored_it(runs: dict[str, RunReport], lang: str) -> None:
    report = runs[lang]
    past = read_past_output(report.workbook)
    meta = report.result.meta
    assert past.month == "2026-10"
    assert past.rules_name == ("标准考核" if lang == "zh" else "Standard assessment")
    assert past.rules_name_en == ("" if lang == "zh" else "Standard assessment")
    assert past.rules_hash == meta.rules_hash
    assert past.generated_at == meta.generated_at
    assert past.shop == ("本店" if lang == "zh" else "Our shop")
    assert (past.lang, past.source) == (lang, f"{NAME}.xlsx")
    assert past.sha256 == hashlib.sha256(report.workbook.read_bytes()).hexdigest()
    assert past.problems == ()
    records = _by_id(past)
    assert sorted(records) == sorted(a.agent_id for a in report.result.agents)
    for a in report.result.agents:
        r = records[a.agent_id]
        _same_month(r, a)
        # the workbook names tables and KPIs (in its language); it holds no ids
        assert (r.table_id, r.table_name) == (a.table_name_in(lang), a.table_name_in(lang))
        assert a.attendance is not None and r.attendance is not None
        shown = ("present", "late", "early_leave", "leave", "absent")
        assert [getattr(r.attendance, k) for k in shown] == [getattr(a.attendance, k) for k in shown]
        assert r.vetoes == tuple(n.text(lang) for n in a.veto_reasons)
        names = [k.name_en if lang == "en" else k.name for k in a.kpis]
        assert [(k.kpi_id, k.name) for k in r.kpis] == [(n, n) for n in names]
        assert [(k.raw, k.points, k.max_points) for k in r.kpis] == [
            (k.raw, k.points, k.max_points) for k in a.kpis
        ]
        assert [k.veto for k in r.kpis] == [k.veto.text(lang) if k.veto else None for k in a.kpis]
        assert [k.qa for k in r.kpis] == [k.kpi_id in ("errors", "attitude") for k in a.kpis]


def test_a_workbook_record_by_hand(runs: dict[str, RunReport]) -> None:
    """KF011 (张思远, 试用期) has no sampled chats: 缺数据, no total, no rank, no coefficient."""
    records = _by_id(read_past_output(runs["zh"].workbook))
    kf011 = records["KF011"]
    assert (kf011.total, kf011.conclusion, kf011.grade, kf011.rank, kf011.coefficient) == (
        None,
        "missing",
        None,
        None,
        None,
    )
    assert (kf011.table_name, kf011.max_total, kf011.bonus_base, kf011.bonus) == (
        "试用期",
        100.0,
        1000.0,
        None,
    )
    assert [(k.name, k.raw, k.points) for k in kf011.kpis[2:]] == [
        ("差错", None, None),
        ("服务态度", None, None),
    ]
    # 试用期 ranks the two of its three agents with a total
    assert [records[i].rank_of for i in ("KF003", "KF010", "KF011")] == [2, 2, 2]
    kf009 = records["KF009"]
    assert (kf009.total, kf009.conclusion, kf009.vetoes) == (80.0, "fail", ("差错导致店铺风险",))
    assert [k.veto for k in kf009.kpis] == [None, None, None, "差错导致店铺风险", None]


STANDARD = (
    KnownTable(
        "probation",
        "试用期",
        "Probation",
        (
            KnownKpi("avg_response", "平均响应时长", "Average response time", "s"),
            KnownKpi("reply_rate", "回复率", "Reply rate", "%"),
            KnownKpi("errors", "差错", "Errors", "count", qa=True),
            KnownKpi("attitude", "服务态度", "Attitude", "score", qa=True),
        ),
    ),
    KnownTable(
        "regular",
        "正式",
        "Regular",
        (
            KnownKpi(
                "avg_response",
                "平均响应时长",
                "Average response time",
                "s",
                vetoes=(("平均响应时长超过 100 秒", "Average response time over 100 s"),),
            ),
            KnownKpi("reply_rate", "回复率", "Reply rate", "%"),
            KnownKpi("conversion", "咨询转化率", "Conversion rate", "%"),
            KnownKpi(
                "errors",
                "质检",
                "QA errors",
                "count",
                qa=True,
                vetoes=(("差错导致店铺风险", "An error exposed the shop to risk"),),
            ),
            KnownKpi("attitude", "工作态度", "Attitude", "score", qa=True),
        ),
    ),
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rules_name_what_the_workbook_shows(runs: dict[str, RunReport], lang: str) -> None:
    """With the rules of the same hash, a workbook's records carry the ids the JSON's do."""
    past = identified(read_past_output(runs[lang].workbook), STANDARD)
    from_json = _by_id(read_past_output(runs[lang].json_path))
    for r in past.agents:
        j = from_json[r.agent_id]
        assert (r.table_id, r.table_name) == (j.table_id, j.table_name)
        assert [(k.kpi_id, k.name, k.name_en, k.unit, k.qa) for k in r.kpis] == [
            (k.kpi_id, k.name, k.name_en, k.unit, k.qa) for k in j.kpis
        ]
    kf006 = _by_id(past)["KF006"]
    assert (kf006.vetoes, kf006.vetoes_en) == (
        ("平均响应时长超过 100 秒",),
        ("Average response time over 100 s",),
    )
    assert (kf006.kpis[0].veto, kf006.kpis[0].veto_en) == (
        "平均响应时长超过 100 秒",
        "Average response time over 100 s",
    )


def test_a_workbook_without_its_summary_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "订单"
    book.active.append(["订单号", "金额"])
    book.save(tmp_path / f"{NAME}.xlsx")
    with pytest.raises(CsreportError) as caught:
        read_past_output(tmp_path / f"{NAME}.xlsx")
    assert caught.value.message("zh") == f"{NAME}.xlsx 没有“汇总”工作表，不是 csreport 的结果工作簿。"
    assert (
        caught.value.message("en")
        == f"{NAME}.xlsx has no Summary (汇总) sheet; it is not a csreport results workbook."
    )


def test_a_summary_without_tables_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "汇总"
    book.active.append(["姓名", "总分"])
    book.save(tmp_path / f"{NAME}.xlsx")
    with pytest.raises(CsreportError) as caught:
        read_past_output(tmp_path / f"{NAME}.xlsx")
    assert caught.value.message("zh") == (
        f"{NAME}.xlsx 的“汇总”工作表中没有 csreport 的考核表"
        "（标题行“考核表：…（… 人）”下接以“工号”开头的表头行）。"
    )


def test_a_damaged_workbook_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / f"{NAME}.xlsx").write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(CsreportError) as caught:
        read_past_output(tmp_path / f"{NAME}.xlsx")
    assert caught.value.code == "history_import.unreadable"
    assert caught.value.message("en").startswith(f"Cannot read {NAME}.xlsx: ")


def _edit_summary(source: Path, target: Path, cells: Mapping[str, object]) -> Path:
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[0]
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(target)
    return target


def test_a_text_in_the_total_leaves_that_agent_out(runs: dict[str, RunReport], tmp_path: Path) -> None:
    # D3 is KF003's 总分 (row 1 the 试用期 title, row 2 the header); X9 is KF013's 回复率 points
    # (after 不予上岗次数 and 再培训, which the 汇总 has as the 试用期 table counts failed months)
    path = _edit_summary(runs["zh"].workbook, tmp_path / f"{NAME}.xlsx", {"D3": "一百", "X9": "满分"})
    past = read_past_output(path)
    assert [p.render("zh") for p in past.problems] == [
        f"[错误] {NAME}.xlsx，工作表「汇总」，第 3 行，D 列（总分）："
        "“一百”不是数字；这位客服本月的结果未导入。",
        f"[警告] {NAME}.xlsx，工作表「汇总」，第 9 行，X 列（回复率得分（满分 20））："
        "“满分”不是数字；这一项留空，这位客服本月的其余结果已导入。",
    ]
    assert [p.render("en") for p in past.problems] == [
        f"[error] {NAME}.xlsx sheet '汇总' row 3 column D (总分): "
        "'一百' is not a number; this agent's month was not imported.",
        f"[warning] {NAME}.xlsx sheet '汇总' row 9 column X (回复率得分（满分 20）): "
        "'满分' is not a number; this value is left empty, the rest of the agent's month was imported.",
    ]
    records = _by_id(past)
    assert "KF003" not in records and len(records) == 13
    assert [k.points for k in records["KF013"].kpis] == [15.0, None, 25.0, 20.0, 20.0]
    assert records["KF013"].total == 100.0


def test_unreadable_rows_of_an_english_summary(runs: dict[str, RunReport], tmp_path: Path) -> None:
    edits = {"E4": "OK", "A5": None, "B5": "孙可馨"}
    path = _edit_summary(runs["en"].workbook, tmp_path / f"{NAME}.xlsx", edits)
    past = read_past_output(path)
    assert [p.render("en") for p in past.problems] == [
        f"[error] {NAME}.xlsx sheet 'Summary' row 4 column E (Conclusion): 'OK' is not a conclusion "
        "(Pass, Not cleared (不予上岗), Missing data (缺数据)); this agent's month was not imported.",
        f"[error] {NAME}.xlsx sheet 'Summary' row 5 column B (Name): "
        "This row has data but no agent ID (工号); it was not imported.",
    ]
    # KF010 (row 4) and KF011 (row 5) left out, the other 12 imported
    assert sorted(_by_id(past)) == [f"KF{n:03}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_across_pages_and_agents_to_check(tmp_path: Path, lang: str) -> None:
    """80 agents: the 正式 table runs on over pages (its title and header repeated there), and
    the two agents the roster lacks are in the 需核对 section; all read back as scored."""
    from csreport.inputs.workbook import read_workbook
    from tests.synth import generate_month, write_workbooks

    month = generate_month(80)
    month.roster = month.roster[:-2]
    write_workbooks(month, tmp_path / "in")
    report = run_month([tmp_path / "in"], RunOptions(out_dir=tmp_path / "out", lang=lang, pdf=False))
    firsts = [str(row[0]) for row in read_workbook(report.workbook).sheets[0].rows if row]
    continued = "（续）" if lang == "zh" else "(continued)"
    assert any(f.endswith(continued) for f in firsts)
    assert ("需核对（不在花名册中）" if lang == "zh" else "To check (not in the roster)") in firsts
    records = _by_id(read_past_output(report.workbook))
    assert sorted(records) == sorted(a.agent_id for a in report.result.agents)
    assert [a for a in records.values() if not a.in_roster] == [
        records["KF079"],
        records["KF080"],
    ]
    for a in report.result.agents:
        _same_month(records[a.agent_id], a)
        assert [k.points for k in records[a.agent_id].kpis] == [k.points for k in a.kpis]
