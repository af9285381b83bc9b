"""Time the month's PDFs printed by a browser against WeasyPrint's, and the HTML scorecards.

Usage: ``python bench/bench_browser.py [--agents 14,200] [--workers 2] [--repeat 1]``

``14`` is the demo (the bundled sample workbooks); any other size is a synthetic month
(``tests.synth``, as ``bench_pdf.py`` makes it), read and scored once without PDFs. Each
engine then writes every per-agent, team and shop file of it into a fresh folder: ``weasyprint``
(``scorecards.render_reports``, ``--workers`` processes, no card cache), ``browser``
(``browser.print_month`` with the browser csreport finds, ``--workers`` browsers at a time:
one launch per team plus one for the summary pages) and ``html`` (``html_cards``). Seconds are
wall-clock, the best of ``--repeat``; sizes are the per-agent files' median and all files'
total.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def demo_month(tmp: Path) -> Any:
    """The demo's month: the bundled sample workbooks, scored without PDFs."""
    from csreport.api import RunOptions, run_month
    from csreport.util.resources import sample_workbooks_dir

    inputs = sorted(sample_workbooks_dir().glob("*.xlsx"))
    return run_month(inputs, RunOptions(out_dir=tmp / "demo", pdf=False)).result


def synthetic_month(agents: int, tmp: Path) -> Any:
    """A synthetic month of ``agents``, read and scored by the pipeline (no PDFs)."""
    from csreport.api import RunOptions, run_month
    from tests.synth import generate_month, write_workbooks

    paths = write_workbooks(generate_month(agents, seed=7, shop="基准测试店"), tmp / "in")
    return run_month(paths, RunOptions(out_dir=tmp / "out", shop="基准测试店", pdf=False)).result


def engines(workers: int) -> dict[str, Callable[[Any, Path], Any]]:
    """Each engine as ``make(month, folder) -> ReportPaths``."""
    from csreport.outputs.pdf.browser import find_browser, print_month
    from csreport.outputs.pdf.html_cards import write_html_cards
    from csreport.outputs.pdf.scorecards import render_reports

    browser = find_browser()
    made: dict[str, Callable[[Any, Path], Any]] = {
        "weasyprint": lambda month, out: render_reports(month, out, workers=workers),
        "html": lambda month, out: write_html_cards(month, out),
    }
    if browser is not None:
        made["browser"] = lambda month, out: print_month(month, out, browser=browser, workers=workers)
    return made


def measure(make: Callable[[Any, Path], Any], month: Any, tmp: Path, repeat: int) -> tuple[float, Any]:
    """The best wall-clock seconds of ``repeat`` runs and the last run's paths."""
    best, paths = float("inf"), None
    for _ in range(repeat):
        out = tmp / "out"
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        paths = make(month, out)
        best = min(best, time.perf_counter() - t0)
    return best, paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--agents", default="14,200", help="sizes, comma-separated (14: the demo)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", default="", help="engines, comma-separated (weasyprint, browser, html)")
    args = ap.parse_args(argv)
    wanted = [e for e in args.only.split(",") if e]
    print(f"{'agents':>6}  {'engine':<10} {'seconds':>8} {'s/card':>7} {'card KB':>8} {'all MB':>7}")
    for size in (int(s) for s in args.agents.split(",")):
        with tempfile.TemporaryDirectory(prefix="bench-browser-") as folder:
            tmp = Path(folder)
            month = demo_month(tmp) if size == 14 else synthetic_month(size, tmp)
            for name, make in engines(args.workers).items():
                if wanted and name not in wanted:
                    continue
                seconds, paths = measure(make, month, tmp, args.repeat)
                files = [*paths.scorecards, *paths.teams.values(), *([paths.shop] if paths.shop else [])]
                card = statistics.median(p.stat().st_size for p in paths.scorecards) / 1024
                total = sum(p.stat().st_size for p in files) / 1024 / 1024
                per = seconds / max(1, len(paths.scorecards))
                print(
                    f"{size:>6}  {name:<10} {seconds:>8.1f} {per:>7.3f} {card:>8.0f} {total:>7.1f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
