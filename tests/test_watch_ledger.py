"""The drop folder's parts, one at a time: which months a file holds, the lock files that keep a
file open, the ledger in the history (and a history of the schema before it), the processing log
as a manager opens it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from csreport.history.ledger import (
    BAD,
    DONE,
    FAILURE,
    NO_PDF,
    OK,
    PROBLEMS,
    Ledger,
    LedgerEntry,
    LedgerFile,
    NewEntry,
)
from csreport.history.store import SCHEMA, History
from csreport.inputs.months import file_months
from csreport.messages import Bilingual, translate
from csreport.office.watch import _lock_files
from csreport.outputs.xlsx.processing_log import write_processing_log
from tests.test_history_store import new_revision, records
from tests.workbooks import ATT_HEADER, REC_HEADER, ROSTER_HEADER, write_xlsx

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"


def reception(agent: str, *days: dt.datetime | str) -> list[list[object]]:
    rows: list[list[object]] = [list(REC_HEADER)]
    return rows + [[agent, day, 100, 100, 99, 30, 15, 80, 50, 5000] for day in days]


# --- which months a file holds ----------------------------------------------------------------


def test_the_sample_files_months() -> None:
    found = {f.name: file_months(f.name, f.read_bytes()) for f in sorted(SAMPLES.iterdir())}
    assert {n: (f.months, f.roster, f.undated, f.refused) for n, f in found.items()} == {
        "十月接待.xlsx": ({"2026-10": 341}, False, False, None),
        "十月考勤.xlsx": ({"2026-10": 434}, False, False, None),
        "十月质检.xlsx": ({"2026-10": 103}, False, False, None),
        "花名册.xlsx": ({}, True, False, None),
    }


def test_a_file_of_two_months_and_days_without_a_year(tmp_path: Path) -> None:
    two = write_xlsx(
        tmp_path / "接待.xlsx",
        {
            "接待": reception(
                "K1", dt.datetime(2026, 10, 30), dt.datetime(2026, 10, 31), dt.datetime(2026, 11, 1)
            )
        },
    )
    got = file_months(two.name, two.read_bytes())
    assert (got.months, got.partial, got.data) == ({"2026-10": 2, "2026-11": 1}, frozenset(), True)
    no_year = write_xlsx(tmp_path / "考勤.xlsx", {"考勤": [ATT_HEADER, ["K1", "甲", "11月3日", "出勤"]]})
    assert file_months(no_year.name, no_year.read_bytes()).partial == {11}
    # The month given (settings' month: or --month) gives the year, as ``run --month`` does.
    assert file_months(no_year.name, no_year.read_bytes(), month="2026-11").months == {"2026-11": 1}
    # So does a year in the file's name.
    named = write_xlsx(tmp_path / "2026年考勤.xlsx", {"考勤": [ATT_HEADER, ["K1", "甲", "11月3日", "出勤"]]})
    assert file_months(named.name, named.read_bytes()).months == {"2026-11": 1}


def test_files_that_give_nothing_say_why(tmp_path: Path) -> None:
    broken = file_months("坏.xlsx", b"not a workbook at all")
    assert broken.refused == Bilingual(
        translate("file.corrupt", "zh", reason=translate("read.plain_text", "zh")),
        translate("file.corrupt", "en", reason=translate("read.plain_text", "en")),
    )
    other = write_xlsx(tmp_path / "备忘.xlsx", {"备忘": [["今天", "开会"], ["明天", "放假"]]})
    assert file_months(other.name, other.read_bytes()).refused == Bilingual(
        translate("file.no_sheets", "zh"), translate("file.no_sheets", "en")
    )
    lacking = write_xlsx(
        tmp_path / "质检.xlsx",
        {"质检": [["工号", "日期", "会话编号", "店铺风险"], ["K1", "2026-10-03", "c1", "否"]]},
    )
    assert file_months(lacking.name, lacking.read_bytes()).refused == Bilingual(
        "工作表「质检」：此表看起来是「质检抽查」，但缺少必需的列：态度得分/十项评分。此表已跳过。",
        "sheet '质检': This sheet looks like 'sampled chats' but lacks required columns: 态度得分/十项评分. "
        "Sheet skipped.",
    )


def test_a_roster_and_undated_figures_go_with_every_month(tmp_path: Path) -> None:
    roster = write_xlsx(
        tmp_path / "花名册.xlsx", {"花名册": [ROSTER_HEADER, ["K1", "甲", "一组", None, "正式", "", ""]]}
    )
    got = file_months(roster.name, roster.read_bytes())
    assert (got.roster, got.data, got.months) == (True, False, {})
    monthly = [h for h in REC_HEADER if h != "日期"]
    undated = write_xlsx(
        tmp_path / "月度接待.xlsx", {"接待": [monthly, ["K1", 100, 100, 99, 30, 15, 80, 50, 5000]]}
    )
    got = file_months(undated.name, undated.read_bytes())
    assert (got.undated, got.data, got.months) == (True, True, {})


# --- lock files -----------------------------------------------------------------------------------


def test_the_lock_files_that_say_a_workbook_is_open() -> None:
    assert _lock_files("十月接待数据.xlsx") == {
        "~$十月接待数据.xlsx",  # Excel, WPS
        "~$接待数据.xlsx",  # Word-style: the first two characters replaced
        ".~lock.十月接待数据.xlsx#",  # LibreOffice
        ".~十月接待数据.xlsx",  # WPS on Linux
    }
    assert _lock_files("AB.xlsx") == {"~$ab.xlsx", ".~lock.ab.xlsx#", ".~ab.xlsx"}  # casefolded


# --- the ledger and the history's schema ----------------------------------------------------------


def no_ledger(path: Path) -> Path:
    """A history as csreport wrote it before the ledger: no watch_* tables."""
    with History.open(path) as store:
        store.record(new_revision("2026-09", "f-09"), records(95.0))
    assert not tables(path) & set(LEDGER_TABLES)
    return path


LEDGER_TABLES = ("watch_files", "watch_entries", "watch_inputs")


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def meta(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT key, value FROM meta").fetchall())
    finally:
        conn.close()


def the_release_before_reads(path: Path) -> bool:
    """Whether csreport as it was before the ledger (commit 91421a1) opens the history at ``path``:
    its ``History._prepare``, copied as it was (it reads ``app`` and ``schema`` from ``meta`` and
    refuses a schema above its own, 1; other keys and tables it does not look at)."""
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        found = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in names else {}
    finally:
        conn.close()
    if found.get("app") != "csreport-history":
        return False  # history.not_ours
    return int(found.get("schema", "0")) <= 1  # else history.newer


def test_a_history_the_watcher_wrote_is_read_by_the_release_before_the_ledger(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from csreport.cli.main import main

    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["watch", str(SAMPLES), "--out", str(out), "--once", "--settle", "0", "--no-pdf"]
    )
    assert result.exit_code == 1, result.output  # the samples' three data problems
    path = out / "csreport-history.sqlite"
    assert set(LEDGER_TABLES) <= tables(path)  # the watcher's ledger is there ...
    assert (meta(path)["schema"], meta(path)["ledger"], SCHEMA) == ("1", "1", 1)  # ... at schema 1
    assert the_release_before_reads(path)
    with History.open(path) as store:
        assert store.has_ledger and [m.month for m in store.months()] == ["2026-10"]
        assert [e.files for e in Ledger(store, str(SAMPLES), str(out.resolve())).entries()] == [
            ("十月接待.xlsx", "十月考勤.xlsx", "十月质检.xlsx", "花名册.xlsx")
        ]
    # What the interim layout did (schema 2 for the ledger's sake) the release before refuses.
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    assert not the_release_before_reads(path)


def test_a_history_without_the_ledger_keeps_working_and_gains_it_at_schema_one(tmp_path: Path) -> None:
    path = no_ledger(tmp_path / "h.sqlite")
    before = path.read_bytes()
    with History.open(path) as store:
        assert not store.has_ledger
        ledger = Ledger(store, "/in", "/out")
        assert (ledger.files(), ledger.entries()) == ({}, [])
        assert store.latest("2026-09") is not None  # read as it was
        assert [m.month for m in store.months()] == ["2026-09"]
    assert path.read_bytes() == before  # reading changed nothing
    with History.open(path) as store:  # a run records as before, and makes no ledger
        assert store.record(new_revision("2026-10", "f-10"), records(90.0)).new
    assert not tables(path) & set(LEDGER_TABLES) and "ledger" not in meta(path)
    with History.open(path) as store:
        ledger = Ledger(store, "/in", "/out")
        f = LedgerFile("十月.xlsx", 10, 20, "ab" * 32, ("2026-10",))
        entry = ledger.record(NewEntry("2026-10", OK, revision=1, month_folder="2026-10"), [f])
        assert store.has_ledger
    with History.open(path) as store:
        assert [m.month for m in store.months()] == ["2026-09", "2026-10"]
        ledger = Ledger(store, "/in", "/out")
        assert ledger.files() == {
            "十月.xlsx": LedgerFile("十月.xlsx", 10, 20, "ab" * 32, ("2026-10",), entry=1)
        }
        assert ledger.entries() == [entry]
        # Another folder's ledger is its own.
        assert Ledger(store, "/in", "/other").files() == {}
        store.ensure_ledger()  # made once: a second time changes nothing
    assert (meta(path)["schema"], meta(path)["ledger"]) == ("1", "1")
    assert the_release_before_reads(path)


def entry_ids(path: Path) -> tuple[list[int], list[int]]:
    """The ids of the entries in the file, and those their input rows belong to."""
    conn = sqlite3.connect(path)
    try:
        kept = [r[0] for r in conn.execute("SELECT id FROM watch_entries ORDER BY id")]
        inputs = [r[0] for r in conn.execute("SELECT DISTINCT entry_id FROM watch_inputs ORDER BY entry_id")]
        return kept, inputs
    finally:
        conn.close()


def test_the_ledger_keeps_the_newest_entries_and_those_still_referred_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("csreport.history.ledger.LOG_ENTRIES", 3)
    path = tmp_path / "h.sqlite"
    with History.open(path) as store:
        ledger = Ledger(store, "/in", "/out")
        bad = LedgerFile("坏.xlsx", 3, 4, "", state=BAD)
        ten = LedgerFile("十月.xlsx", 1, 2, "ab" * 32, ("2026-10",))
        eleven = LedgerFile("十一月.xlsx", 1, 2, "cd" * 32, ("2026-11",))
        broken = NewEntry("", FAILURE, reason=Bilingual("坏了", "broken"))
        ledger.record(
            NewEntry("2026-09", OK, revision=1), [replace(ten, name="九月.xlsx", months=("2026-09",))]
        )
        ledger.record(NewEntry("2026-10", OK, revision=1), [ten])  # 2: 十月.xlsx moves on to 5
        ledger.record(broken, [bad])  # 3: 坏.xlsx still refers to it
        ledger.record(NewEntry("2026-10", PROBLEMS, problems=2, revision=2), [ten])  # 4: 十月 moves on
        ledger.record(NewEntry("2026-10", OK, revision=3), [ten])  # 5
        Ledger(store, "/in", "/elsewhere").record(NewEntry("2026-10", OK, revision=4), [ten])  # 6
        for n in range(4):  # 7 … 10: 十一月.xlsx, each time anew
            ledger.record(NewEntry("2026-11", OK, revision=n + 1), [eleven])
        assert [e.id for e in ledger.entries(every_folder=True)] == [10, 9, 8, 5, 3, 1]
    # The newest three (8, 9, 10), 坏.xlsx's (3), 十月.xlsx's and 2026-10's latest (5), 九月.xlsx's and
    # 2026-09's only one (1); gone with their input rows: 2 and 4 (十月.xlsx's earlier runs), 7
    # (十一月.xlsx's first); the other output folder's only one (6) is its own log's.
    assert entry_ids(path) == ([1, 3, 5, 6, 8, 9, 10], [1, 3, 5, 6, 8, 9, 10])


def test_the_ledger_grows_no_further_than_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("csreport.history.ledger.LOG_ENTRIES", 5)
    path = tmp_path / "h.sqlite"
    with History.open(path) as store:
        ledger = Ledger(store, "/in", "/out")
        for n in range(40):  # one file changed forty times: each run its month's newest
            f = LedgerFile("十月.xlsx", n, n, f"{n:064x}", ("2026-10",))
            ledger.record(NewEntry("2026-10", OK, revision=n + 1), [f])
    assert entry_ids(path) == ([36, 37, 38, 39, 40], [36, 37, 38, 39, 40])


def test_the_ledger_keeps_each_files_state_and_entries_newest_first(tmp_path: Path) -> None:
    with History.open(tmp_path / "h.sqlite") as store:
        ledger = Ledger(store, "/in", "/out")
        roster = LedgerFile("花名册.xlsx", 5, 6, "cd" * 32, roster=True)
        data = LedgerFile("十月.xlsx", 1, 2, "ab" * 32, ("2026-10",))
        assert ledger.record(None, [roster]) is None
        first = ledger.record(NewEntry("2026-10", PROBLEMS, problems=3, revision=1), [data, roster])
        bad = LedgerFile("坏.xlsx", 3, 4, "", state=BAD)
        second = ledger.record(NewEntry("", FAILURE, reason=Bilingual("坏了", "broken")), [bad])
        assert first is not None and second is not None
        assert [e.id for e in ledger.entries()] == [second.id, first.id]
        assert ledger.entries()[1].files == ("十月.xlsx", "花名册.xlsx")
        assert ledger.entries()[0].reason == Bilingual("坏了", "broken")
        files = ledger.files()
        assert files["花名册.xlsx"] == LedgerFile("花名册.xlsx", 5, 6, "cd" * 32, roster=True, entry=first.id)
        assert files["坏.xlsx"].state == BAD and files["十月.xlsx"].state == DONE
        assert files["十月.xlsx"].goes_with("2026-10") and not files["十月.xlsx"].goes_with("2026-11")
        assert files["花名册.xlsx"].goes_with("2026-11") and not files["花名册.xlsx"].data_of("2026-11")


def test_an_output_folders_entries_from_every_folder_and_each_months_latest(tmp_path: Path) -> None:
    with History.open(tmp_path / "h.sqlite") as store:
        first, second = Ledger(store, "/一店", "/out"), Ledger(store, "/二店", "/out")
        f = LedgerFile("十月.xlsx", 1, 2, "ab" * 32, ("2026-10",))
        a = first.record(NewEntry("2026-10", PROBLEMS, problems=2, revision=1), [f])
        b = second.record(NewEntry("2026-11", OK, revision=1), [f])
        c = first.record(NewEntry("2026-10", NO_PDF, reason=Bilingual("无", "none"), revision=2), [f])
        Ledger(store, "/一店", "/elsewhere").record(NewEntry("2026-10", OK, revision=3), [f])
        assert a is not None and b is not None and c is not None
        assert (a.folder, b.folder) == ("/一店", "/二店")
        # The log of /out: both folders' entries, newest first; a folder's own: only its own.
        assert [e.id for e in first.entries(every_folder=True)] == [c.id, b.id, a.id]
        assert [e.id for e in first.entries()] == [c.id, a.id]
        assert first.latest(["2026-10", "2026-11", "2026-12"]) == {"2026-10": c}
        assert first.by_ids([a.id, b.id, c.id]) == {a.id: a, c.id: c}
        # What an entry came to, whatever its time and id.
        again = LedgerEntry(99, "later", "2026-10", ("十月.xlsx",), NO_PDF, 0, Bilingual("无", "none"), 2)
        assert again.outcome() == c.outcome() != a.outcome()


@pytest.mark.parametrize("kind", ["newer", "newer_ledger", "foreign"])
def test_a_history_the_watcher_cannot_use_is_refused_and_left_as_it_was(tmp_path: Path, kind: str) -> None:
    from click.testing import CliRunner

    from csreport.cli.main import main

    out = tmp_path / "out"
    out.mkdir()
    path = out / "csreport-history.sqlite"
    if kind == "newer":
        with History.open(path) as store:
            store.record(new_revision("2026-09", "f-09"), records(95.0))
        conn = sqlite3.connect(path)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA + 1),))
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', '9.0.0')")
        conn.commit()
        conn.close()
        code = "history.newer"
        params: dict[str, str] = {"path": str(path), "version": "9.0.0"}
    elif kind == "newer_ledger":  # a newer csreport laid the ledger out anew: runs read the file, a
        # watcher of this version does not touch the ledger
        with History.open(path) as store:
            store.record(new_revision("2026-09", "f-09"), records(95.0))
            Ledger(store, "/in", "/out").record(NewEntry("2026-09", OK, revision=1), [])
        conn = sqlite3.connect(path)
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'ledger'")
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', '9.1.0')")
        conn.commit()
        conn.close()
        with History.open(path) as store:
            assert [m.month for m in store.months()] == ["2026-09"]
        code = "history.newer"
        params = {"path": str(path), "version": "9.1.0"}
    else:
        path.write_bytes(b"PK\x03\x04 a zip, not a history")
        code = "history.not_ours"
        params = {"path": str(path)}
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = CliRunner().invoke(main, ["watch", str(SAMPLES), "--out", str(out), "--once", "--settle", "0"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "失败：" + translate(code, "zh", **params)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --- the processing log as a picture of what was done ------------------------------------------


def entries() -> list[LedgerEntry]:
    return [
        LedgerEntry(
            3,
            "2026-11-02 10:31:02",
            "2026-10",
            ("十月接待.xlsx", "花名册.xlsx"),
            OK,
            revision=2,
            month_folder="2026-10",
            workbook="2026-10/客服绩效_2026-10.xlsx",
        ),
        LedgerEntry(
            2, "2026-11-02 10:20:00", "", ("坏.xlsx",), FAILURE, reason=Bilingual("文件已损坏", "damaged")
        ),
        LedgerEntry(
            1,
            "2026-11-02 10:10:00",
            "2026-10",
            ("十月接待.xlsx",),
            PROBLEMS,
            problems=3,
            revision=1,
            same=True,
            month_folder="2026-10",
            workbook="2026-10/客服绩效_2026-10.xlsx",
        ),
    ]


def cells(path: Path) -> tuple[str, list[list[object]], str | None]:
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    link = ws.cell(4, 6).hyperlink
    return ws.title, rows, link.target if link is not None else None


def test_the_processing_log_in_chinese(tmp_path: Path) -> None:
    path = write_processing_log(entries(), tmp_path / "处理记录.xlsx", folder="/data/输入", out="/data/报表")
    title, rows, link = cells(path)
    assert title == "处理记录"
    assert rows[0][0] == "处理记录：/data/输入 → /data/报表"
    assert str(rows[1][0]).startswith("最新的在最上面。")
    assert rows[2] == ["时间", "月份", "结果", "文件", "版本", "报表"]
    assert rows[3] == [
        "2026-11-02 10:31:02",
        "2026-10",
        "成功",
        "十月接待.xlsx、花名册.xlsx",
        "第 2 版",
        "2026-10/客服绩效_2026-10.xlsx",
    ]
    assert rows[4] == ["2026-11-02 10:20:00", "–", "失败：文件已损坏", "坏.xlsx", None, None]
    assert rows[5] == [
        "2026-11-02 10:10:00",
        "2026-10",
        "有数据问题 3 个（见工作簿的「数据问题」表）",
        "十月接待.xlsx",
        "第 1 版，结果与上次相同",
        "2026-10/客服绩效_2026-10.xlsx",
    ]
    assert link is not None and link.replace("\\", "/") == "2026-10/客服绩效_2026-10.xlsx"


def test_the_processing_log_in_english_and_empty(tmp_path: Path) -> None:
    path = write_processing_log(entries(), tmp_path / "处理记录.xlsx", folder="/in", out="/out", lang="en")
    title, rows, _ = cells(path)
    assert title == "Processing log"
    assert rows[2] == ["Time", "Month", "Result", "Files", "Revision", "Reports"]
    assert rows[3][2:5] == ["Done", "十月接待.xlsx, 花名册.xlsx", "revision 2"]
    assert rows[4][2] == "Failed: damaged"
    assert rows[5][2] == "Data problems: 3 (see the workbook's Data problems (数据问题) sheet)"
    path = write_processing_log([], tmp_path / "空.xlsx", folder="/in", out="/out")
    assert cells(path)[1][3][0] == "还没有处理过任何文件。"
