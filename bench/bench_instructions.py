"""Count the CPU instructions of rendering scorecards: a PDF lever's effect without noise.

Usage: ``python bench/bench_instructions.py [--cards 8] [--without fast,share,paint,...]``

Wall-clock figures on a shared 2-core VM swing by up to 50% from one minute to the next,
which hides any lever worth less than that. Instructions do not swing: this runs one
worker's job (lay out ``--cards`` cards in one document, write each card's PDF and the
team PDF of them, as ``pool.run_chunk`` does) under valgrind's callgrind, counting only
that job (not the imports or a warm-up job), and prints the total and the count per
card. ``--without`` switches levers off, one row each, to show what each saves: the
accelerators of ``csreport.outputs.pdf.fast`` one by one, ``fast`` (all of them: the
public path, as with ``CSREPORT_PDF_FAST=0``) and ``share`` (the public style sharing).
Needs ``valgrind`` (``apt-get install valgrind``); takes about two minutes per row for
8 cards.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LEVERS = {  # key: what switching it off means
    "fast": "no accelerators: WeasyPrint's public API only (CSREPORT_PDF_FAST=0)",
    "share": "each card's anchor on the card itself (styles not shared between cards)",
    "xml": "HTML5 parser instead of the XML parser",
    "ua": "WeasyPrint's full user-agent stylesheet",
    "pango": "WeasyPrint's Pango set-up for every text",
    "paint": "Document.copy(pages).write_pdf() per PDF instead of painting once",
    "hb": "WeasyPrint's own font subsetting in the paint-once writer",
}


def child(month_file: str, cards: int, without: list[str]) -> None:
    """Under callgrind: warm up, then count one chunk's work on ``cards`` cards only."""
    from csreport.outputs.pdf import fast
    from csreport.outputs.pdf.renderer import ScorecardRenderer

    with open(month_file, "rb") as handle:
        month = pickle.load(handle)
    renderer = ScorecardRenderer()
    renderer.share_styles = "share" not in without
    if "fast" in without:
        renderer.fast = None
    elif renderer.fast is not None:
        renderer.fast = fast.Accelerators(tuple(k for k in fast.Accelerators.LEVERS if k not in without))
    if "hb" in without:
        from weasyprint.pdf.fonts import Font

        from csreport.outputs.pdf.fast import writer

        writer.preprocessed = lambda font: font.hb_face
        writer.subset_once = Font.subset
        writer.FONT_LEVEL = 9
    agents = month.agents[:cards]

    def job() -> Any:
        with renderer.accelerated():  # once for the chunk, as pool.run_chunk does
            laid_out = renderer.cards(agents, month.meta)
            out = renderer.writer(month.meta)
            return [out.card_pdf(card) for card in laid_out] + [out.team_pdf(laid_out, "team")]

    job()  # fonts, caches and the first styles: not what a card costs
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], capture_output=True, check=False)
    job()
    subprocess.run(["callgrind_control", "-i", "off", pid], capture_output=True, check=False)


def count(month_file: Path, cards: int, without: list[str]) -> int:
    """Instructions of one counted job."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
            str(month_file),
            "--cards",
            str(cards),
            "--without",
            ",".join(without),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found or not int(found.group(1)):  # 0: never switched on
        raise RuntimeError(f"callgrind run failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    """Print instructions for the shipped renderer and with each listed lever off."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=8)
    ap.add_argument("--without", default="", help=f"comma-separated: {', '.join(LEVERS)}")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    without = [k for k in args.without.split(",") if k]
    if args.child:
        child(args.child, args.cards, without)
        return 0
    unknown = [k for k in without if k not in LEVERS]
    if unknown or not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        print(f"unknown lever(s): {unknown}" if unknown else "valgrind is not installed", file=sys.stderr)
        return 2
    from csreport.api import RunOptions, run_month
    from tests.synth import generate_month, write_workbooks

    with tempfile.TemporaryDirectory(prefix="csreport-bench-ir-") as name:
        tmp = Path(name)
        paths = write_workbooks(generate_month(max(args.cards, 2), seed=7, shop="基准测试店"), tmp / "in")
        month = run_month(paths, RunOptions(out_dir=tmp / "out", shop="基准测试店", pdf=False)).result
        month_file = tmp / "month.pkl"
        month_file.write_bytes(pickle.dumps(month))
        rows = [("shipped", count(month_file, args.cards, []))]
        rows += [(f"without {k}: {LEVERS[k]}", count(month_file, args.cards, [k])) for k in without]
    base = rows[0][1]
    width = max(len(label) for label, _ in rows)
    print(f"{'renderer':<{width}} {'M instr.':>9} {'per card':>9} {'vs shipped':>10}")
    for label, total in rows:
        print(
            f"{label:<{width}} {total / 1e6:>9.0f} {total / 1e6 / args.cards:>9.1f} "
            f"{(total - base) / base:>+10.1%}"
        )
    print(f"{args.cards} cards in one document; instructions counted by callgrind.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
