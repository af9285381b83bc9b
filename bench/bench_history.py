"""Benchmark the history database: a month's run with a long history behind it, and the review.

Usage: ``python bench/bench_history.py [--months 36] [--agents 5000] [--reps 2]
[--work DIR [--keep] [--reuse]] [--profile STAGE]``

1. Builds a history of ``--months`` months x ``--agents`` agents straight through
   ``History.record`` (no scoring): every month holds every agent of the synthetic month that
   follows, with the KPIs of their 考核表 (five on the standard preset's regular table, four on
   probation) drawn around their profile's targets and scored on the preset's bands, with
   grades, 系数, bonus, rank, attendance and vetoes; plus interviews for 40% of the agents in
   each of the last six months. Prints the build time and the file's size.
2. Writes that following month's input workbooks (``tests.synth``, as ``bench_run.py``) and
   times ``run_month`` (no PDFs) with the history (a fresh copy each time, so every run records
   the month as new) against the same run with a history file that does not exist yet; paired
   and alternating, ``--reps`` times each.
3. Times ``run_review`` (no PDFs) over the history's last six months.

Each measurement runs in a fresh interpreter, so its peak RSS (``resource.getrusage``) is its
own. Copying the history and generating the workbooks are not timed. ``--profile run-history``
(or ``run-empty``, ``review``, ``build``) prints where that stage's time goes (cProfile).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout; the venv has the package anyway

SHOP = "基准测试店"
RUN_MONTH = "2026-10"  # the month scored with the history behind it (tests.synth's default)
SEED = 7
INTERVIEW_SHARE = 0.4  # agents with a recorded 面谈 in each of the last six months
REVIEW_MONTHS = 6
TARGET_EXTRA_S = 2.0
TARGET_REVIEW_S = 10.0
TARGET_DB_MB = 200.0


def max_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def month_add(month: str, delta: int) -> str:
    """``month`` (YYYY-MM) moved by ``delta`` calendar months."""
    index = int(month[:4]) * 12 + int(month[5:]) - 1 + delta
    return f"{index // 12}-{index % 12 + 1:02d}"


def history_months(months: int) -> list[str]:
    """The months the history holds: the ``months`` before ``RUN_MONTH``, oldest first."""
    return [month_add(RUN_MONTH, -k) for k in range(months, 0, -1)]


# --- the history -------------------------------------------------------------------------


def _clamp(x: float, low: float, high: float) -> float:
    return min(high, max(low, x))


def _band(kpi: Any, raw: float) -> Any:
    """The KPI's band holding ``raw`` (the rules' bands cover every value they can take)."""
    return next(b for b in kpi.bands if b.contains(raw))


def _kpi_value(kpi_id: str, p: Any, rng: random.Random) -> tuple[float, float | None, float | None]:
    """(raw, numerator, denominator) of one KPI for one month, drawn around the agent's targets."""
    received = rng.randint(1200, 3200)
    if kpi_id == "avg_response":
        raw = max(5.0, p.avg_response + rng.gauss(0, 8))
        return raw, round(raw * received, 1), float(received)
    if kpi_id == "reply_rate":
        inquiries = int(received * rng.uniform(0.85, 0.98))
        replied = round(_clamp(p.reply_rate + rng.gauss(0, 0.015), 0.8, 1.0) * inquiries)
        return replied / inquiries, float(replied), float(inquiries)
    if kpi_id == "conversion":
        paid = round(_clamp(p.conversion + rng.gauss(0, 0.04), 0.2, 0.8) * received)
        return paid / received, float(paid), float(received)
    if kpi_id == "errors":
        return float(rng.choices((0, 1, 2, 3), (62, 20, 15, 3))[0]), None, None
    if kpi_id == "attitude":
        chats = rng.randint(5, 10)
        total = round(_clamp(p.attitude + rng.gauss(0, 5), 0, 100) * chats)
        return total / chats, float(total), float(chats)
    raise SystemExit(f"bench: no generator for KPI {kpi_id!r}; the bench builds on the standard preset")


def month_records(rules: Any, profiles: list[Any], month: str, rng: random.Random) -> list[Any]:
    """One month's AgentRecords, scored on ``rules`` the way ``score_month`` would.

    Every agent is in every month, so the history holds the full months x agents the targets
    name (a month before an agent's hire date counts as a regular month: the figures are about
    volume); an agent within 90 days after the hire date is on probation."""
    import calendar
    import datetime as dt

    from csreport.history.model import AgentRecord, KpiRecord
    from csreport.results import AttendanceSummary

    first = dt.date(int(month[:4]), int(month[5:]), 1)
    days = calendar.monthrange(first.year, first.month)[1]
    bonus_base = {"新员工": 1000.0, "特殊技能新员工": 1200.0, "老员工": 1500.0, "组长": 2000.0}
    drafts: list[dict[str, Any]] = []
    for p in profiles:
        status = "试用期" if 0 <= (first - p.hire_date).days < 90 else "正式"
        table = rules.table_for(status, p.group)
        kpis, vetoes, vetoes_en, points_sum = [], [], [], 0.0
        for kpi in table.kpis:
            raw, num, den = _kpi_value(kpi.id, p, rng)
            band = _band(kpi, raw)
            veto, veto_en = band.veto, band.veto_en
            if kpi.id == "errors" and veto is None and rng.random() < 0.01:
                veto, veto_en = kpi.vetoes[0].reason, kpi.vetoes[0].reason_en
            points = 0.0 if veto else float(band.points)
            points_sum += points
            if veto:
                vetoes.append(veto)
                vetoes_en.append(veto_en or veto)
            kpis.append(
                KpiRecord(
                    kpi_id=kpi.id,
                    name=kpi.name,
                    name_en=kpi.name_en,
                    unit=kpi.unit,
                    max_points=kpi.weight,
                    raw=raw,
                    numerator=num,
                    denominator=den,
                    band=band.text(kpi.unit),
                    points=points,
                    veto=veto,
                    veto_en=veto_en,
                    qa=kpi.sample is not None,
                )
            )
        # A total at or under the table's threshold fails the month but is no veto: history's
        # vetoes are the KPIs' only (``history.convert``), and the review counts them.
        limit = table.fail_if_total_le
        passed = not vetoes and not (limit is not None and points_sum <= limit)
        grade = rules.grade_for(points_sum, passed, table.total)
        coefficient = rules.coefficient(p.level, grade)
        base = bonus_base.get(p.level, 1500.0)
        leave, absent = rng.choices((0, 1, 2), (80, 15, 5))[0], rng.choices((0, 1), (97, 3))[0]
        late, early = rng.choices((0, 1, 2), (85, 10, 5))[0], rng.choices((0, 1), (95, 5))[0]
        rest = rng.randint(4, 8)
        drafts.append(
            {
                "agent_id": p.agent_id,
                "name": p.name,
                "group": p.group,
                "status": status,
                "level": "新员工" if status == "试用期" else p.level,
                "table_id": table.id,
                "table_name": table.name,
                "total": points_sum,
                "max_total": table.total,
                "conclusion": "pass" if passed else "fail",
                "grade": grade,
                "coefficient": coefficient,
                "bonus": base * coefficient if coefficient is not None else None,
                "bonus_base": base,
                "in_roster": True,
                "hire_date": p.hire_date.isoformat(),
                "attendance": AttendanceSummary(
                    present=days - rest - leave - absent,
                    late=late,
                    early_leave=early,
                    leave=leave,
                    absent=absent,
                    rest=rest,
                    recorded_days=days,
                ),
                "vetoes": tuple(vetoes),
                "vetoes_en": tuple(vetoes_en),
                "kpis": tuple(kpis),
            }
        )
    # Competition ranking per 考核表, a passing agent above a failing one (as scoring ranks).
    by_table: dict[str, list[dict[str, Any]]] = {}
    for d in drafts:
        by_table.setdefault(d["table_id"], []).append(d)
    for members in by_table.values():
        members.sort(key=lambda d: (d["conclusion"] != "pass", -d["total"]))
        for i, d in enumerate(members):
            same = i and (members[i - 1]["conclusion"], members[i - 1]["total"]) == (
                d["conclusion"],
                d["total"],
            )
            d["rank"] = members[i - 1]["rank"] if same else i + 1
            d["rank_of"] = len(members)
    return [AgentRecord(**d) for d in drafts]


def month_interviews(records: list[Any], month: str, rng: random.Random) -> list[Any]:
    """面谈 for part of the month's agents, as a manager fills them in."""
    from csreport.history.model import Interview

    out = []
    for a in records:
        if rng.random() >= INTERVIEW_SHARE:
            continue
        differs = rng.random() < 0.2
        out.append(
            Interview(
                month=month,
                agent_id=a.agent_id,
                name=a.name,
                points="响应速度稳定，转化率仍有提升空间；下月重点跟进大促话术。",
                judgement=rng.choice("ABC") if differs else (a.grade or ""),
                reason=rng.choice(("流量", "促销", "淡旺季", "其他")) if differs else "",
                reason_note="大促期间接待量翻倍" if differs else "",
                plan="每周抽查 5 个会话，复盘差错类型。",
                date=f"{month_add(month, 1)}-05",
                source=f"客服绩效_{month}.xlsx",
            )
        )
    return out


def build_history(path: Path, months: int, agents: int) -> dict[str, Any]:
    """Write the history file; return the build time, size and peak RSS."""
    from csreport.history.model import InputRecord
    from csreport.history.store import History, NewRevision
    from csreport.rules.loader import load_rules
    from tests.synth import draw_profiles

    rules = load_rules(None, None, "zh")
    profiles = draw_profiles(agents, RUN_MONTH, seed=SEED, shop=SHOP)  # as generate_month draws them
    wanted = history_months(months)
    recent = set(wanted[-REVIEW_MONTHS:])
    t0 = time.perf_counter()
    counts = []
    with History.open(path, create=True) as store:
        for month in wanted:
            rng = random.Random(f"{SEED}:{month}")
            records = month_records(rules, profiles, month, rng)
            counts.append(len(records))
            inputs = tuple(
                InputRecord(f"{stem}.xlsx", f"/data/{month}/{stem}.xlsx", f"{rng.getrandbits(256):064x}")
                for stem in ("花名册", "考勤", "质检", "接待")
            )
            new = NewRevision(
                month=month,
                generated_at=f"{month_add(month, 1)}-02T09:00:00",
                rules_name=rules.name,
                rules_name_en=rules.name_en,
                rules_hash=rules.hash,
                rules_text=rules.text,
                rules_source=rules.source,
                profile=None,
                effective_from=rules.effective_from,
                inputs=inputs,
                fingerprint=f"{rng.getrandbits(64):016x}",
            )
            store.record(new, records)
            if month in recent:
                store.save_interviews(month_interviews(records, month, rng))
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "mb": path.stat().st_size / 1e6,
        "rss": max_rss_mb(),
        "first": wanted[0],
        "last": wanted[-1],
        "records": sum(counts),
    }


# --- the stages, each in its own interpreter ----------------------------------------------


def _profiled(call: Any, stage: str, profile: str | None, work: Path) -> tuple[Any, float, float]:
    """Run ``call()``: its result, wall-clock and CPU seconds; under cProfile when ``profile``
    names this stage (the full statistics kept as ``<work>/<stage>.pstats``). CPU time is
    reported too because the bench machine's speed swings with other work on it, which
    lengthens the wall clock but not the process's own CPU time."""
    if profile != stage:
        t0, c0 = time.perf_counter(), time.process_time()
        out = call()
        return out, time.perf_counter() - t0, time.process_time() - c0
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    t0, c0 = time.perf_counter(), time.process_time()
    out = prof.runcall(call)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    prof.dump_stats(str(work / f"{stage}.pstats"))
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).sort_stats("cumulative")
    stats.print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    print(buf.getvalue(), file=sys.stderr)
    return out, seconds, cpu


def stage_build(work: Path, months: int, agents: int, profile: str | None) -> dict[str, Any]:
    """Build the history and write the following month's input workbooks."""
    from tests.synth import generate_month, write_workbooks

    work.mkdir(parents=True, exist_ok=True)
    db = work / "history.sqlite"
    db.unlink(missing_ok=True)
    built, _, _ = _profiled(lambda: build_history(db, months, agents), "build", profile, work)
    t0 = time.perf_counter()
    month = generate_month(agents, RUN_MONTH, seed=SEED, shop=SHOP)
    write_workbooks(month, work / "in")
    built["inputs_seconds"] = time.perf_counter() - t0
    built["rows"] = month.row_count()
    built["size"] = [months, agents]
    (work / "built.json").write_text(json.dumps(built), encoding="utf-8")
    return built


def reusable(work: Path, months: int, agents: int) -> dict[str, Any] | None:
    """The figures of a history and inputs built earlier in ``work`` for the same size, if any."""
    try:
        built: dict[str, Any] = json.loads((work / "built.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    whole = (work / "history.sqlite").is_file() and (work / "in").is_dir()
    return built if whole and built.get("size") == [months, agents] else None


def stage_run(work: Path, with_history: bool, rep: int, profile: str | None) -> dict[str, Any]:
    """Run ``RUN_MONTH`` with a fresh copy of the history, or with no history file yet."""
    from csreport.api import RunOptions, run_month

    place = work / f"{'history' if with_history else 'empty'}-{rep}"
    shutil.rmtree(place, ignore_errors=True)
    place.mkdir(parents=True)
    db = place / "history.sqlite"
    if with_history:
        with open(work / "history.sqlite", "rb") as src, open(db, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())  # the copy's own disk writes must not land inside the timed run
    options = RunOptions(out_dir=place / "out", shop=SHOP, lang="zh", pdf=False, history=db)
    inputs = sorted((work / "in").glob("*.xlsx"))
    stage = "run-history" if with_history else "run-empty"
    try:
        report, seconds, cpu = _profiled(lambda: run_month(inputs, options), stage, profile, work)
        trends = report.result.trends
        recorded = report.history.recorded if report.history else None
        return {
            "seconds": seconds,
            "cpu": cpu,
            "timings": dict(report.timings),
            "rss": max_rss_mb(),
            # Earlier months the trends drew on (a month without history still counts probation).
            "trend_months": len(trends.recorded) - 1 if trends is not None and trends.has_past else 0,
            "revision": recorded.revision.revision if recorded else None,
            "new": bool(recorded and recorded.new),
            "agents": len(report.result.agents),
        }
    finally:
        shutil.rmtree(place, ignore_errors=True)


def stage_review(work: Path, months: int, rep: int, profile: str | None) -> dict[str, Any]:
    """The half-year review over the history's last six months, without PDFs."""
    from csreport.cycle.commands import run_review

    span = history_months(months)[-REVIEW_MONTHS:]
    out = work / f"review-{rep}"
    shutil.rmtree(out, ignore_errors=True)
    try:
        db = work / "history.sqlite"
        report, seconds, cpu = _profiled(
            lambda: run_review(db, span[0], span[-1], out, pdf=False), "review", profile, work
        )
        return {
            "seconds": seconds,
            "cpu": cpu,
            "rss": max_rss_mb(),
            "rows": len(report.review.rows),
            "period": f"{span[0]} – {span[-1]}",
        }
    finally:
        shutil.rmtree(out, ignore_errors=True)


def spawn(args: list[str]) -> dict[str, Any]:
    """Run one stage in a fresh interpreter and return its measurements (exit on failure)."""
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if proc.stderr.strip():
        print(proc.stderr, file=sys.stderr, end="")
    if proc.returncode != 0:
        sys.exit(f"bench: stage {' '.join(args[:2])} failed (exit {proc.returncode})")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --- the parent ---------------------------------------------------------------------------


def _sec(timings: dict[str, float], key: str) -> str:
    return f"{timings[key]:.2f}" if key in timings else "-"


def report(
    months: int, agents: int, built: dict[str, Any], runs: list[dict[str, Any]], reviews: list[dict[str, Any]]
) -> bool:
    """Print the figures and whether each target is met; True when all are."""
    print(
        f"history: {months} months x {agents} agents ({built['first']} – {built['last']}, "
        f"{built['records']} agent-months): built in {built['seconds']:.1f} s, "
        f"{built['mb']:.1f} MB, peak RSS {built['rss']:.0f} MB"
    )
    print(
        f"inputs for {RUN_MONTH}: {built['rows']} rows, written in {built['inputs_seconds']:.1f} s, untimed"
    )
    header = (
        "round",
        "history",
        "total s",
        "CPU s",
        "read s",
        "score s",
        "xlsx s",
        "trend months",
        "peak RSS MB",
    )
    rows = [
        (
            str(r["rep"] + 1),
            "yes" if r["with_history"] else "none",
            f"{r['seconds']:.2f}",
            f"{r['cpu']:.2f}",
            _sec(r["timings"], "read"),
            _sec(r["timings"], "score"),
            _sec(r["timings"], "xlsx"),
            str(r["trend_months"]),
            f"{r['rss']:.0f}",
        )
        for r in runs
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for r in rows:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))
    with_h = [r["seconds"] for r in runs if r["with_history"]]
    without = [r["seconds"] for r in runs if not r["with_history"]]
    extra = statistics.mean(with_h) - statistics.mean(without)
    extra_cpu = statistics.mean(r["cpu"] for r in runs if r["with_history"]) - statistics.mean(
        r["cpu"] for r in runs if not r["with_history"]
    )
    pairs = [
        a["seconds"] - b["seconds"]
        for a in runs
        if a["with_history"]
        for b in runs
        if not b["with_history"] and b["rep"] == a["rep"]
    ]
    print(
        f"run with history: mean {statistics.mean(with_h):.2f} s, without: {statistics.mean(without):.2f} s, "
        f"difference {extra:+.2f} s (per round: {', '.join(f'{d:+.2f}' for d in pairs)}); "
        f"CPU difference {extra_cpu:+.2f} s"
    )
    # The fastest round of each side is the least disturbed by other work on the machine.
    print(
        f"fastest rounds: with history {min(with_h):.2f} s, without {min(without):.2f} s, "
        f"difference {min(with_h) - min(without):+.2f} s"
    )
    for i, rv in enumerate(reviews):
        print(
            f"review {rv['period']} ({rv['rows']} agents, no PDFs), round {i + 1}: "
            f"{rv['seconds']:.2f} s (CPU {rv['cpu']:.2f} s), peak RSS {rv['rss']:.0f} MB"
        )
    review_s = max(rv["seconds"] for rv in reviews)
    checks = [
        (f"run costs at most {TARGET_EXTRA_S:g} s more with history", extra <= TARGET_EXTRA_S),
        (f"review under {TARGET_REVIEW_S:g} s (slowest round)", review_s < TARGET_REVIEW_S),
        (f"database under {TARGET_DB_MB:g} MB", built["mb"] < TARGET_DB_MB),
    ]
    for what, ok in checks:
        print(f"target: {what}: {'met' if ok else 'MISSED'}")
    return all(ok for _, ok in checks)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments; as parent run every stage in a child, as child measure one stage."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--agents", type=int, default=5000)
    ap.add_argument("--reps", type=int, default=2, help="runs with and without history, and reviews")
    ap.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the working folder (history and inputs)")
    ap.add_argument(
        "--reuse", action="store_true", help="use the history and inputs an earlier --work --keep run built"
    )
    ap.add_argument(
        "--profile", choices=("build", "run-history", "run-empty", "review"), help="cProfile one stage"
    )
    ap.add_argument("--stage", choices=("build", "run", "review"), help=argparse.SUPPRESS)
    ap.add_argument("--with-history", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--rep", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.months < REVIEW_MONTHS:
        ap.error(f"--months must be at least {REVIEW_MONTHS} (the review's period)")
    if args.stage is not None:
        work: Path = args.work
        if args.stage == "build":
            out = stage_build(work, args.months, args.agents, args.profile)
        elif args.stage == "run":
            out = stage_run(work, args.with_history, args.rep, args.profile)
        else:
            out = stage_review(work, args.months, args.rep, args.profile)
        print(json.dumps(out))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="csreport-bench-history-"))
    common = ["--work", str(work), "--months", str(args.months), "--agents", str(args.agents)]
    if args.profile:
        common += ["--profile", args.profile]
    try:
        built = reusable(work, args.months, args.agents) if args.reuse else None
        if built is None:
            print(f"bench: building {args.months} x {args.agents} in {work} ...", file=sys.stderr, flush=True)
            built = spawn(["--stage", "build", *common])
        runs = []
        for rep in range(args.reps):
            order = (True, False) if rep % 2 == 0 else (False, True)  # alternate which goes first
            for with_history in order:
                print(f"bench: run {rep + 1}, history {with_history} ...", file=sys.stderr, flush=True)
                flags = ["--with-history"] if with_history else []
                measured = spawn(["--stage", "run", "--rep", str(rep), *flags, *common])
                runs.append({**measured, "rep": rep, "with_history": with_history})
        reviews = []
        for rep in range(args.reps):
            print(f"bench: review {rep + 1} ...", file=sys.stderr, flush=True)
            reviews.append(spawn(["--stage", "review", "--rep", str(rep), *common]))
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"bench_history {time.strftime('%Y-%m-%d %H:%M')}")
    met = report(args.months, args.agents, built, runs, reviews)
    print("RSS: peak of the child process that ran the stage.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
