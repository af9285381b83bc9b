"""Measure a re-run after a one-cell fix against a full run: the whole ``run_month`` each time.

Usage: ``python bench/bench_incremental.py [--agents 200] [--repeat 3] [--workers 2] [--fix reply]``

A synthetic month (``tests.synth``, as ``bench_run.py``, 200 agents in six teams) is written
with one wrong cell (``--fix``, below). Each repeat, in the same minutes, runs ``run_month``
with PDFs as ``csreport run`` does (``--workers`` processes), each in a fresh interpreter so
that imports and peak memory are its own:

- ``off``: a full run with the card cache off (``reuse_cards=False``), into a new folder;
- ``first``: a full run with the cache on, into a new folder (the cache is filled);
- ``fix``: the cell put right, then a re-run into the ``first`` folder: the cards whose
  content changed are laid out, the rest taken from the cache.

Fixes (the wrong value, which the fix replaces with the generated one): ``typo`` KF061's
平均响应时长 of 2026-10-01 typed as 400 (its card, its team's summary page and the shop cover
change: it is last in its table either way); ``reply`` KF001's 回复人数 of one day 40 too low
(its 回复率 changes band: its card, the cards of the four agents whose rank moves, in four
teams, its team's summary page and the cover); ``qa`` one 质检抽查 item of KF002 10 too low (its
card alone); ``veto`` 店铺风险 = 是 on one chat of KF014 (a 不予上岗: the 85 cards whose rank or
percentile moves, in every team). Generating and writing the workbooks is not timed. The
target: ``fix`` at most a quarter of ``off``.
"""

from __future__ import annotations

import argparse
import copy
import json
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
sys.path.insert(0, str(ROOT))

SHOP = "基准测试店"
TARGET = 0.25
FIXES: dict[str, tuple[str, int, str, Any]] = {
    # name: (sheet, row, column, the wrong value, or how far off it is)
    "typo": ("reception", 1437, "平均响应时长(秒)", 400.0),
    "reply": ("reception", 0, "回复人数", -40),
    "qa": ("qa", 10, "聊天话术运用适当", -10),
    "veto": ("qa", 100, "店铺风险", "是"),
}


def max_rss_mb(who: int) -> float:
    """Peak resident set size in MB (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def write_inputs(agents: int, wrong: str | None, folder: Path) -> list[Path]:
    """The month's workbooks in ``folder`` (the same files each time), with the cell of the fix
    ``wrong`` wrong (None: all right)."""
    from tests.synth import generate_month, write_workbooks

    month = generate_month(agents, seed=7, shop=SHOP)
    if wrong is not None:
        month = copy.deepcopy(month)
        sheet, row, column, value = FIXES[wrong]
        cells = getattr(month, sheet)[row]
        cells[column] = max(0, cells[column] + value) if isinstance(value, int) else value
    return write_workbooks(month, folder)


def run_one(inputs: list[Path], out: Path, workers: int, reuse: bool) -> dict[str, Any]:
    """Run the month once and measure it; runs in the child."""
    from csreport.api import RunOptions, run_month

    options = RunOptions(out_dir=out, shop=SHOP, pdf=True, workers=workers, reuse_cards=reuse)
    t0 = time.perf_counter()
    report = run_month(inputs, options)
    total = time.perf_counter() - t0
    return {
        "total": total,
        "timings": dict(report.timings),
        "rendered": report.cards_rendered,
        "reused": report.cards_reused,
        "rss_self": max_rss_mb(resource.RUSAGE_SELF),
        "rss_children": max_rss_mb(resource.RUSAGE_CHILDREN),
    }


def spawn(inputs: Path, out: Path, workers: int, reuse: bool) -> dict[str, Any]:
    """One run in a fresh interpreter."""
    cmd = [sys.executable, __file__, "--one", str(inputs), "--out", str(out), "--workers", str(workers)]
    if not reuse:
        cmd.append("--no-reuse")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"bench: run failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def stages(m: dict[str, Any]) -> str:
    """read / score / xlsx / pdf seconds of one run."""
    t = m["timings"]
    return " / ".join(f"{t.get(k, 0.0):.2f}" for k in ("read", "score", "xlsx", "pdf"))


def main(argv: list[str] | None = None) -> int:
    """As parent: write the month and alternate the runs; as child: one run."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--agents", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--fix", choices=sorted(FIXES), default="typo")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--no-reuse", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one is not None:
        inputs = sorted(Path(args.one).glob("*.xlsx"))
        print(json.dumps(run_one(inputs, Path(args.out), args.workers, not args.no_reuse)))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="csreport-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for repeat in range(1, args.repeat + 1):
            folder = tmp / "in"
            shutil.rmtree(folder, ignore_errors=True)
            write_inputs(args.agents, args.fix, folder)
            print(f"bench: repeat {repeat}: full runs ...", file=sys.stderr, flush=True)
            off = spawn(folder, tmp / f"off-{repeat}", args.workers, reuse=False)
            first = spawn(folder, tmp / f"out-{repeat}", args.workers, reuse=True)
            write_inputs(args.agents, None, folder)
            print(f"bench: repeat {repeat}: the re-run after the fix ...", file=sys.stderr, flush=True)
            fix = spawn(folder, tmp / f"out-{repeat}", args.workers, reuse=True)
            rows.append((repeat, off, first, fix))
    print(
        f"{args.agents} agents, fix '{args.fix}', {args.workers} workers; seconds (read / score / xlsx / pdf)"
    )
    columns = ("repeat", "off s", "first s", "fix s", "fix / off", "fix / first", "laid out, taken")
    print("| " + " | ".join(columns) + " | peak RSS MB off / first / fix |")
    print("|---|---|---|---|---|---|---|---|")
    for repeat, off, first, fix in rows:
        rss = " / ".join(f"{m['rss_self']:.0f} (w {m['rss_children']:.0f})" for m in (off, first, fix))
        print(
            f"| {repeat} | {off['total']:.2f} ({stages(off)}) | {first['total']:.2f} ({stages(first)}) "
            f"| {fix['total']:.2f} ({stages(fix)}) | {fix['total'] / off['total']:.3f} "
            f"| {fix['total'] / first['total']:.3f} | {fix['rendered']}, {fix['reused']} | {rss} |"
        )
    ratios = [fix["total"] / off["total"] for _, off, _, fix in rows]
    median = statistics.median(ratios)
    verdict = "met" if median <= TARGET else "missed"
    print(f"median fix / off: {median:.3f} (target ≤ {TARGET}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
