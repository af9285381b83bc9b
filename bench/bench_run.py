"""Benchmark ``run_month`` on synthetic months of several sizes.

Usage: ``python bench/bench_run.py [--sizes 30,200,2000] [--pdf-sizes 30,200] [--workers N]``

Each size runs in a fresh subprocess so that peak memory is per size. Generating and
writing the input workbooks is not timed. Peak RSS is reported for the bench process
itself and for its largest finished child (the PDF worker processes).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout; the venv has the package anyway

COLUMNS = (
    "agents",
    "rows read",
    "read s",
    "score s",
    "xlsx s",
    "pdf s",
    "total s",
    "peak RSS MB",
    "workers RSS MB",
    "median PDF KB",
)


def import_pipeline() -> tuple[Any, Any]:
    """The pipeline API, or exit with a message saying what is missing."""
    try:
        from csreport.api import RunOptions, run_month
    except ImportError as exc:
        sys.exit(
            f"bench: cannot import csreport.api ({exc}).\n"
            "Set up the package first (./run.sh test does it) and run the bench with "
            ".venv/bin/python bench/bench_run.py"
        )
    return RunOptions, run_month


def max_rss_mb(who: int) -> float:
    """Peak resident set size in MB (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run_one(size: int, pdf: bool, workers: int | None) -> dict[str, object]:
    """Generate one month of ``size`` agents, run it, and measure; runs in the child."""
    RunOptions, run_month = import_pipeline()
    from tests.synth import generate_month, write_workbooks

    with tempfile.TemporaryDirectory(prefix="csreport-bench-") as tmp_name:
        tmp = Path(tmp_name)
        month = generate_month(size, seed=7, shop="基准测试店")
        paths = write_workbooks(month, tmp / "in")
        options = RunOptions(
            out_dir=tmp / "out",
            month=None,
            rules=None,
            templates=None,
            shop="基准测试店",
            lang="zh",
            pdf=pdf,
            workers=workers,
        )
        t0 = time.perf_counter()
        report = run_month(paths, options)
        total = time.perf_counter() - t0
        pdfs = list(getattr(report, "scorecards", None) or (tmp / "out").rglob("*.pdf"))
        sizes = [p.stat().st_size / 1024 for p in pdfs]
        return {
            "agents": size,
            "rows": getattr(report, "rows_read", 0) or month.row_count(),
            "timings": dict(report.timings),
            "pdf": pdf,
            "pdfs": len(pdfs),
            "total": total,
            "rss_self": max_rss_mb(resource.RUSAGE_SELF),
            "rss_children": max_rss_mb(resource.RUSAGE_CHILDREN),
            "pdf_kb": statistics.median(sizes) if sizes else None,
        }


def spawn(size: int, pdf: bool, workers: int | None) -> dict[str, object] | None:
    """Run one size in a fresh interpreter and return its measurements (None on failure)."""
    cmd = [sys.executable, __file__, "--one", str(size), "--pdf" if pdf else "--no-pdf"]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(f"bench: size {size} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def row(m: dict[str, object]) -> list[str]:
    """One table row from a child's measurements."""
    t = m["timings"]
    assert isinstance(t, dict)

    def sec(key: str) -> str:
        """A stage's seconds, or '-' when the pipeline did not report it."""
        return f"{t[key]:.2f}" if key in t else "-"

    kb = m["pdf_kb"]
    return [
        str(m["agents"]),
        str(m["rows"]),
        sec("read"),
        sec("score"),
        sec("xlsx"),
        sec("pdf") if m["pdf"] else "skipped",
        f"{m['total']:.2f}",
        f"{m['rss_self']:.0f}",
        f"{m['rss_children']:.0f}",
        f"{kb:.0f}" if isinstance(kb, (int, float)) else "-",
    ]


def print_table(rows: list[list[str]]) -> None:
    """Right-aligned plain-text table with the column headers."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(COLUMNS)]
    print("  ".join(h.rjust(w) for h, w in zip(COLUMNS, widths, strict=True)))
    for r in rows:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))


def sizes_arg(text: str) -> list[int]:
    """Parse a comma-separated list of agent counts ('' means none)."""
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    """Parse arguments; as parent spawn one child per size, as child measure one size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=sizes_arg, default=[30, 200, 2000])
    ap.add_argument("--pdf-sizes", type=sizes_arg, default=[30, 200])
    ap.add_argument("--workers", type=int, default=None, help="PDF worker processes")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=False, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.pdf, args.workers)))
        return 0
    import_pipeline()  # fail fast, before spawning anything
    results, failed = [], 0
    for size in args.sizes:
        print(f"bench: {size} agents ...", file=sys.stderr, flush=True)
        m = spawn(size, size in args.pdf_sizes, args.workers)
        if m is None:
            failed += 1
        else:
            results.append(row(m))
    if results:
        print_table(results)
    print("RSS: peak of the bench process; workers = largest finished child process.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
