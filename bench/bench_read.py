"""Benchmark reading and normalising a large attendance sheet.

Usage: ``python bench/bench_read.py [--agents 5000] [--days 31] [--repeat 3]``

Writes one attendance workbook of agents × days rows (155,000 by default: the issue's
target is under 3 s and 400 MB peak on a 2-core machine), then times
``csreport.inputs.dataset.load_dataset`` on it in a fresh subprocess per repetition, so
each peak-memory figure is that run's own. Generation is not timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

STATUSES = ("出勤",) * 20 + ("迟到", "早退", "请假", "休息", "休息", "休息", "休息", "旷工")


def write_sheet(path: Path, agents: int, days: int) -> int:
    """An attendance workbook with a merged title block above the header; returns rows."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("考勤")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.merge_range(0, 0, 0, 3, "2026年10月客服考勤表")
    for col, name in enumerate(("工号", "姓名", "日期", "考勤状态")):
        ws.write_string(2, col, name)
    row = 3
    for a in range(agents):
        agent, name = f"KF{a:05d}", f"客服{a}"
        for d in range(days):
            ws.write_string(row, 0, agent)
            ws.write_string(row, 1, name)
            ws.write_datetime(row, 2, dt.datetime(2026, 10, 1 + d % 31), date_fmt)
            ws.write_string(row, 3, STATUSES[(a * 7 + d) % len(STATUSES)])
            row += 1
    wb.close()
    return row - 3


def measure(path: str) -> dict[str, float]:
    """Runs in the child: read the workbook once and report time and peak memory."""
    from csreport.inputs.dataset import load_dataset

    t0 = time.perf_counter()
    data = load_dataset([Path(path)], month="2026-10")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "rows": len(data.frames["attendance"])}


def main() -> None:
    """Parse options, write the workload, and print one line per repetition."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=5000)
    parser.add_argument("--days", type=int, default=31)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    with tempfile.TemporaryDirectory(prefix="csreport-bench-read-") as tmp:
        path = Path(tmp) / "考勤.xlsx"
        rows = write_sheet(path, args.agents, args.days)
        print(f"attendance rows: {rows:,}  file: {path.stat().st_size / 2**20:.1f} MB")
        print(f"{'run':>4} {'read+normalise s':>17} {'peak RSS MB':>12} {'rows kept':>10}")
        for i in range(args.repeat):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)], capture_output=True, text=True, check=True
            )
            m = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{i + 1:>4} {m['seconds']:>17.2f} {m['peak_mb']:>12.0f} {m['rows']:>10,}")


if __name__ == "__main__":
    main()
