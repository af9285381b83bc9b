"""Benchmark ``csreport sample``'s work on a month's chat list: read, draw, write the task sheet.

Usage: ``python bench/bench_sampling.py [--sizes 20,200] [--formats xlsx,csv] [--repeat 1]``

Each size is a chat list of agents × 150 chats a day × 30 days (200 agents: 900,000 chats, the
issue's target of under 15 s and 1 GB end to end), written once as .xlsx (shared strings, date-time
cells, as Excel saves it) and as a UTF-8 CSV (date-times as text, as back offices export them),
and kept in a cache folder so later runs skip generating (generating is never timed). Each run
is a fresh subprocess, so its peak RSS is its own: it reads the list with
``read_chat_list``, draws the standard sample (2% of 接待人数, 5 to 30, the standard mix), assigns
two reviewers 60%/40%, and writes the 质检任务单 with ``write_task_workbook`` (when that writer is
present).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout; the venv has the package anyway

HEADER = ["会话编号", "客服账号", "工号", "客服姓名", "会话开始时间", "满意度", "消息数", "会话时长(秒)"]
# The back office's mix of ratings: most chats unrated, few unhappy.
RATINGS = (
    ("非常满意",) * 30 + ("满意",) * 20 + ("一般",) * 8 + ("不满意",) * 3 + ("非常不满意",) * 2 + ("",) * 37
)
GENERATOR = 1  # bump when the generated lists change, so cached files are made again
COLUMNS = (
    "agents",
    "format",
    "chats",
    "file MB",
    "read s",
    "draw s",
    "write s",
    "total s",
    "CPU s",
    "peak RSS MB",
)


def chats(agents: int, per_day: int, days: int) -> Any:
    """The list's rows, deterministic: chat id, sub-account, 工号, name, start, rating, messages, s."""
    rnd = random.Random(15)
    chat = 3_000_000_000_000
    for day in range(days):
        for a in range(agents):
            for _ in range(per_day):
                chat += rnd.randint(1, 9)
                start = dt.datetime(2026, 10, 1 + day, 8) + dt.timedelta(seconds=rnd.randint(0, 14 * 3600))
                yield (
                    chat,
                    f"旗舰店:客服{a:03d}",
                    str(1000 + a),
                    f"客服{a:03d}",
                    start,
                    RATINGS[rnd.randrange(len(RATINGS))],
                    rnd.randint(1, 60),
                    rnd.randint(20, 3600),
                )


def write_xlsx(path: Path, agents: int, per_day: int, days: int) -> None:
    """As Excel saves a list: shared strings, date-time cells with a date-time format."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("会话明细")
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(chats(agents, per_day, days), start=1):
        sheet.write_number(r, 0, row[0])
        sheet.write_string(r, 1, row[1])
        sheet.write_string(r, 2, row[2])
        sheet.write_string(r, 3, row[3])
        sheet.write_datetime(r, 4, row[4], when)
        if row[5]:
            sheet.write_string(r, 5, row[5])
        sheet.write_number(r, 6, row[6])
        sheet.write_number(r, 7, row[7])
    book.close()


def write_csv(path: Path, agents: int, per_day: int, days: int) -> None:
    """As a back office exports a list: UTF-8 with a BOM, date-times as text."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for row in chats(agents, per_day, days):
            out.writerow([row[0], row[1], row[2], row[3], row[4].strftime("%Y-%m-%d %H:%M:%S"), *row[5:]])


def cached(cache: Path, agents: int, per_day: int, days: int, fmt: str) -> Path:
    """The list of this size and format, generated into ``cache`` the first time."""
    path = cache / f"会话清单_g{GENERATOR}_{agents}x{per_day}x{days}.{fmt}"
    if not path.exists():
        print(f"bench: writing {path.name} (not timed) ...", file=sys.stderr, flush=True)
        part = path.with_suffix(".part" + path.suffix)
        (write_xlsx if fmt == "xlsx" else write_csv)(part, agents, per_day, days)
        part.rename(path)
    return path


def measure(path: str) -> dict[str, Any]:
    """Runs in the child: read, draw, assign, write; the time of each step and the peak RSS."""
    from csreport.inputs.chat_list import read_chat_list
    from csreport.rules.model import SamplingRules
    from csreport.scoring.sampling import assign_reviewers, draw

    levels = ("非常满意", "满意", "一般", "不满意", "非常不满意")
    shares = (Fraction(1, 10), Fraction(1, 10), Fraction(3, 10), Fraction(1, 5), Fraction(3, 10))
    rules = SamplingRules(
        mix=tuple(zip(levels, shares, strict=True)), shortfall=tuple(reversed(levels)), min_messages=3
    )
    c0 = time.process_time()
    t0 = time.perf_counter()
    listed = read_chat_list(Path(path))
    t1 = time.perf_counter()
    result = assign_reviewers(
        draw(listed, rules, "2026-10", "基准测试店"), [("张三", Fraction(3, 5)), ("李四", Fraction(2, 5))]
    )
    t2 = time.perf_counter()
    wrote = write_task_sheet(result, rules, listed)
    t3 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "chats": len(listed.frame),
        "picked": len(result.chats),
        "read": t1 - t0,
        "draw": t2 - t1,
        "write": (t3 - t2) if wrote else None,
        "total": t3 - t0,
        "cpu": time.process_time() - c0,
        "peak_mb": rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024,
    }


def write_task_sheet(result: Any, rules: Any, listed: Any) -> bool:
    """Write the 质检任务单 as ``sample`` does; False when the writer is not there yet."""
    try:
        from csreport.outputs.xlsx.task_sheet import TaskSheetSource, write_task_workbook
    except ImportError:
        return False
    source = TaskSheetSource(
        shop="基准测试店",
        rules_name="标准考核",
        rules_hash="0" * 8,
        list_file=listed.file,
        list_sha256=listed.sha256,
        agent_field=listed.agent_field,
    )
    with tempfile.TemporaryDirectory(prefix="csreport-bench-sample-") as tmp:
        write_task_workbook(result, rules, source, Path(tmp) / "质检任务单_2026-10.xlsx")
    return True


def sizes_arg(text: str) -> list[int]:
    """Parse a comma-separated list of agent counts."""
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    """Parse options; as parent generate (cached) and spawn a child per run, as child measure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=sizes_arg, default=[20, 200])
    ap.add_argument("--formats", default="xlsx,csv")
    ap.add_argument("--per-day", type=int, default=150)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "csreport-bench-sampling")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child)))
        return 0
    args.cache.mkdir(parents=True, exist_ok=True)
    rows: list[list[str]] = []
    failed = 0
    for agents in args.sizes:
        for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
            path = cached(args.cache, agents, args.per_day, args.days, fmt)
            for _ in range(args.repeat):
                proc = subprocess.run(
                    [sys.executable, __file__, "--child", str(path)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if proc.returncode != 0:
                    print(f"bench: {agents} agents, {fmt} failed:\n{proc.stderr[-3000:]}", file=sys.stderr)
                    failed += 1
                    continue
                m = json.loads(proc.stdout.strip().splitlines()[-1])
                rows.append(
                    [
                        str(agents),
                        fmt,
                        f"{m['chats']:,}",
                        f"{path.stat().st_size / 2**20:.1f}",
                        f"{m['read']:.2f}",
                        f"{m['draw']:.2f}",
                        f"{m['write']:.2f}" if m["write"] is not None else "-",
                        f"{m['total']:.2f}",
                        f"{m['cpu']:.2f}",
                        f"{m['peak_mb']:.0f}",
                    ]
                )
    if rows:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(COLUMNS)]
        print("  ".join(h.rjust(w) for h, w in zip(COLUMNS, widths, strict=True)))
        for r in rows:
            print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))
    print(f"lists cached in {args.cache}; CPU and peak RSS are the child's (read + draw + write).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
