"""The history database refuses what is not its own and survives crashes and concurrent runs.

Each refusal is one exact line and leaves the file's bytes as they were. Two processes
recording the same month at once both get their revision; a process killed inside its write
transaction leaves the history as it was before.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from csreport.cli.main import main
from csreport.history.model import AgentRecord, KpiRecord
from csreport.history.store import SCHEMA, History, NewRevision
from csreport.messages import translate
from csreport.problems import CsreportError
from tests.cycle_series import month_inputs


def new_revision(month: str, fingerprint: str) -> NewRevision:
    return NewRevision(
        month=month,
        generated_at="2026-11-02 09:00:00",
        rules_name="花店考核 2026 版",
        rules_name_en="Flower shop assessment 2026",
        rules_hash="3d949279",
        rules_text="name: 花店考核 2026 版\n",
        rules_source="规则/花店考核_2026-01.yaml",
        profile=None,
        effective_from="2026-01",
        inputs=(),
        fingerprint=fingerprint,
    )


def records(total: float) -> list[AgentRecord]:
    """Two agents of a month; KF001's 总分 is ``total``."""
    kpi = KpiRecord("attitude", "工作态度", "Attitude", "score", 20, 90.0, None, None, "[85, 100]", 20, None)
    return [
        AgentRecord(
            agent_id=agent_id,
            name=name,
            group="一组",
            status="正式",
            level="老员工",
            table_id="regular",
            table_name="正式",
            total=value,
            max_total=100,
            conclusion="pass",
            grade="A" if value >= 90 else "B",
            rank=rank,
            rank_of=2,
            coefficient=1.3 if value >= 90 else 1.15,
            bonus=None,
            bonus_base=None,
            in_roster=True,
            hire_date="2023-03-01",
            attendance=None,
            kpis=(kpi,),
        )
        for agent_id, name, value, rank in (("KF001", "王芳", total, 1), ("KF002", "李强", 80.0, 2))
    ]


def make_history(path: Path) -> Path:
    """A real history holding 2026-09 (revision 1)."""
    with History.open(path) as store:
        store.record(new_revision("2026-09", "f-09"), records(95.0))
    return path


def refusal(path: Path) -> CsreportError:
    with pytest.raises(CsreportError) as caught, History.open(path, create=False):
        pass
    return caught.value


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


# --- files that are not a usable history ------------------------------------------------------


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_text("工号,姓名\nKF001,王芳\n", encoding="utf-8")
    before = files_in(tmp_path)
    err = refusal(path)
    assert err.code == "history.not_ours"
    assert err.message("zh") == (
        f"{path} 不是 csreport 的历史记录文件，csreport 不会改动它。请用 --history 指定另一个文件"
        "（或在 csreport.yaml 中写 history: 文件名）。"
    )
    assert err.message("en") == (
        f"{path} is not a csreport history file, and csreport will not change it. Name another file "
        "with --history (or history: in csreport.yaml)."
    )
    assert files_in(tmp_path) == before


def test_an_sqlite_file_that_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO orders (amount) VALUES (99.5)")
    conn.commit()
    conn.close()
    before = files_in(tmp_path)
    err = refusal(path)
    assert (err.code, err.message("zh")) == (
        "history.not_ours",
        translate("history.not_ours", "zh", path=str(path)),
    )
    assert files_in(tmp_path) == before


def test_a_history_from_a_newer_csreport(tmp_path: Path) -> None:
    path = make_history(tmp_path / "history.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA + 1),))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', '0.9.0')")
    conn.commit()
    conn.close()
    before = files_in(tmp_path)
    err = refusal(path)
    assert err.code == "history.newer"
    assert err.message("zh") == (
        f"历史记录文件 {path} 由更新版本的 csreport（0.9.0）写入，本版本无法读取，也不会改动它。"
        "请先升级 csreport。"
    )
    assert err.message("en") == (
        f"The history file {path} was written by a newer csreport (0.9.0); this version cannot read it "
        "and will not change it. Upgrade csreport first."
    )
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_a_damaged_history(tmp_path: Path, keep: float) -> None:
    path = make_history(tmp_path / "history.sqlite")
    with History.open(path) as store:  # more pages, so that truncating loses some
        for month in ("2026-10", "2026-11", "2026-12"):
            store.record(new_revision(month, f"f-{month}"), records(90.0) * 1)
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(int(size * keep))
    before = files_in(tmp_path)
    err = refusal(path)
    assert err.code == "history.damaged"
    assert err.message("zh") == (
        f"历史记录文件 {path} 已损坏，无法读取，csreport 不会改动它。"
        "请从备份恢复，或用 --history 指定另一个文件。"
    )
    assert files_in(tmp_path) == before


def test_run_refuses_a_foreign_history_before_writing_anything(tmp_path: Path) -> None:
    inputs = month_inputs(tmp_path / "in", "2026-04")
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"PK\x03\x04 not a database")
    out = tmp_path / "o"
    result = CliRunner().invoke(
        main, ["run", str(inputs), "--out", str(out), "--no-pdf", "--history", str(path)]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "错误：" + translate("history.not_ours", "zh", path=str(path))
    assert path.read_bytes() == b"PK\x03\x04 not a database"
    assert not (out / "2026-04").exists()


def test_a_run_makes_a_history_every_release_reads(tmp_path: Path) -> None:
    inputs = month_inputs(tmp_path / "in", "2026-04")
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["run", str(inputs), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(out / "csreport-history.sqlite")
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    conn.close()
    # Schema 1, which every csreport reads, and only its tables: the drop folder's ledger is made
    # by a watcher, never by a run.
    assert (meta["app"], meta["schema"], SCHEMA) == ("csreport-history", "1", 1)
    assert names == {
        "meta",
        "revisions",
        "inputs",
        "agents",
        "kpi_names",
        "kpis",
        "months",
        "month_events",
        "interviews",
        "level_changes",
    }


# --- two runs at once, and a crash --------------------------------------------------------------


def _record_child(path: str, total: float, start: multiprocessing.synchronize.Barrier) -> None:
    with History.open(Path(path)) as store:
        start.wait(30)
        store.record(new_revision("2026-10", f"run-{total}"), records(total))


def test_two_processes_recording_at_once(tmp_path: Path) -> None:
    path = make_history(tmp_path / "history.sqlite")
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(2)
    children = [ctx.Process(target=_record_child, args=(str(path), total, start)) for total in (91.0, 97.0)]
    for child in children:
        child.start()
    for child in children:
        child.join(60)
    assert [c.exitcode for c in children] == [0, 0]
    with History.open(path, create=False) as store:
        state = store.month("2026-10")
        assert state is not None and [r.revision for r in state.revisions] == [1, 2]
        totals = {store.agents("2026-10", r)[0].total for r in (1, 2)}
        counts = [len(store.agents("2026-10", r)) for r in (1, 2)]
    assert totals == {91.0, 97.0} and counts == [2, 2]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT COUNT(*) FROM kpis").fetchone() == (6,)
    conn.close()


def _crash_child(path: str, inside: multiprocessing.synchronize.Event) -> None:
    with History.open(Path(path)) as store:
        conn = store._conn  # the test reaches in: a pause inside the write, where a crash hurts most

        def pause() -> int:
            inside.set()
            time.sleep(60)
            return 0

        conn.create_function("pause", 0, pause)
        # A TEMP trigger lives on this connection only: the file's schema is untouched.
        conn.execute("CREATE TEMP TRIGGER slow AFTER INSERT ON main.kpis BEGIN SELECT pause(); END")
        store.record(new_revision("2026-10", "crashing"), records(88.0))


def test_a_crash_inside_the_transaction_leaves_the_previous_state(tmp_path: Path) -> None:
    path = make_history(tmp_path / "history.sqlite")
    with History.open(path, create=False) as store:
        months_before = store.months()
        agents_before = store.agents("2026-09", kpis=True)
    ctx = multiprocessing.get_context("spawn")
    inside = ctx.Event()
    child = ctx.Process(target=_crash_child, args=(str(path), inside))
    child.start()
    assert inside.wait(60), "the child never reached the insert"
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    assert child.exitcode == -signal.SIGKILL
    with History.open(path, create=False) as store:
        assert store.months() == months_before
        assert store.month("2026-10") is None
        assert store.agents("2026-09", kpis=True) == agents_before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT COUNT(*) FROM agents").fetchone() == (2,)
    assert conn.execute("SELECT COUNT(*) FROM revisions").fetchone() == (1,)
    conn.close()
