"""Measure each PDF speed lever on a synthetic month: seconds for all cards, median size.

Usage: ``python bench/bench_pdf.py [--agents 200] [--workers 2] [--repeat N] [--only K,K]``

The month is generated (``tests.synth``) and scored once by the pipeline without
PDFs; every lever then renders all its per-agent scorecards in ``--workers`` processes,
one task per team (the shipped renderer splits teams further). Levers are cumulative from ``before``
(the 0.1 renderer: its template from git ``OLD_REV``, one document and ``write_pdf``
per card) to ``cards`` (the shipped ``render_reports``, per-agent PDFs only); ``reports``
adds the team and shop PDFs; the ``cost:`` rows change one thing in the shipped set-up.
Seconds are wall-clock, including starting the workers.

The 0.1 template drew a full-width SVG chart (``chart_svg``); the code that made it is
gone, so the ``before`` row renders that template without its chart and understates
0.1's time a little.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OLD_REV = "ac0c5e9"  # the last commit with the one-document-per-card renderer
# key: (description, settings). Settings are cumulative along the list up to "cards".
LEVERS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "before",
        "0.1: old template, 1 document + write_pdf per card",
        {
            "template": "old",
            "batch": False,
            "own_writer": False,
            "xml": False,
            "ua": False,
            "hb": False,
            "gc": False,
            "share": False,
        },
    ),
    ("lean", "+ lean template (no bold/float, fewer boxes)", {"template": "new"}),
    ("batch", "+ 1 layout per team, Document.copy(pages).write_pdf", {"batch": True}),
    ("xml", "+ XHTML parsed by expat, not the HTML5 parser", {"xml": True}),
    ("ua", "+ lean UA stylesheet: no 6 pseudo styles per element", {"ua": True}),
    ("paint", "+ paint each page once, assemble PDFs (fast.writer)", {"own_writer": True}),
    ("hb", "+ font subsets: preprocessed face, 1 pass, zlib 1", {"hb": True}),
    ("gc", "+ garbage collector paused per chunk", {"gc": True}),
    ("share", "+ styles shared between cards, Pango set-up once per style", {"share": True}),
]
SHIPPED = {
    "template": "new",
    "batch": True,
    "own_writer": True,
    "xml": True,
    "ua": True,
    "hb": True,
    "gc": True,
    "share": True,
}
COSTS: list[tuple[str, str, dict[str, Any]]] = [
    ("cost:nobars", "shipped cards without the row bars (bar_svg)", {"extra": "nobars"}),
    ("cost:bold", "cost: bold text (a 2nd, synthetic-bold font)", {"extra": "bold"}),
    ("cost:noto", "font: Noto Sans CJK SC instead of WenQuanYi", {"extra": "noto"}),
    ("cost:1worker", "shipped cards with 1 worker", {"workers": 1}),
    ("cost:2chunks", "shipped cards, 2 chunks per worker (whole teams)", {"per_worker": 2}),
]


def scored_month(agents: int, tmp: Path) -> Any:
    """A synthetic month, read and scored by the pipeline (no PDFs)."""
    from csreport.api import RunOptions, run_month
    from tests.synth import generate_month, write_workbooks

    paths = write_workbooks(generate_month(agents, seed=7, shop="基准测试店"), tmp / "in")
    return run_month(paths, RunOptions(out_dir=tmp / "out", shop="基准测试店", pdf=False)).result


def variant_templates(settings: dict[str, Any], tmp: Path) -> Path | None:
    """The templates folder a lever uses (None when it cannot be built here)."""
    target = tmp / f"t-{settings.get('template')}-{settings.get('extra', '')}"
    if target.exists():
        return target
    if settings["template"] == "old":
        target.mkdir(parents=True)
        for name in ("scorecard.html", "scorecard.css"):
            done = subprocess.run(
                ["git", "-C", str(ROOT), "show", f"{OLD_REV}:templates/{name}"],
                capture_output=True,
                check=False,
            )
            if done.returncode != 0:
                return None
            (target / name).write_bytes(done.stdout)
        return target
    shutil.copytree(ROOT / "templates", target)
    html, css = target / "scorecard.html", target / "scorecard.css"
    extra = settings.get("extra")
    if extra == "nobars":
        text = html.read_text(encoding="utf-8")
        if "{{ k.bar_svg|safe }}" not in text:
            return None
        html.write_text(text.replace("{{ k.bar_svg|safe }}", ""), encoding="utf-8")
    elif extra == "bold":
        css.write_text(
            css.read_text(encoding="utf-8") + "\nh1, h2, th, td.pts, .big, .name { font-weight: bold; }\n",
            encoding="utf-8",
        )
    elif extra == "noto":
        if (
            not shutil.which("fc-list")
            or not subprocess.run(
                ["fc-list", ":family=Noto Sans CJK SC"], capture_output=True, text=True
            ).stdout
        ):
            return None
        css.write_text(
            css.read_text(encoding="utf-8") + '\nhtml { font-family: "Noto Sans CJK SC", sans-serif; }\n',
            encoding="utf-8",
        )
    return target


_STATE: dict[str, Any] = {}


def _init(settings: dict[str, Any], templates: str) -> None:
    """Worker set-up for one lever: a renderer with the accelerators the lever keeps."""
    from csreport.outputs.pdf import fast
    from csreport.outputs.pdf.renderer import ScorecardRenderer

    if not settings["hb"]:
        from weasyprint.pdf.fonts import Font

        from csreport.outputs.pdf.fast import writer

        writer.preprocessed = lambda font: font.hb_face
        writer.subset_once = Font.subset
        writer.FONT_LEVEL = 9
    renderer = ScorecardRenderer(Path(templates))
    renderer.share_styles = settings["share"]
    wanted = {
        "xml": settings["xml"],
        "ua": settings["ua"],
        "pango": settings["share"],
        "paint": settings["own_writer"],
    }
    levers = tuple(k for k in fast.Accelerators.LEVERS if wanted.get(k))
    if renderer.fast is not None:
        renderer.fast = fast.Accelerators(levers) if levers else None
    _STATE.update(settings=settings, renderer=renderer)
    if settings["template"] == "old":
        _STATE["old"] = renderer.templates.card


def _old_pdf(agent: Any, meta: Any) -> bytes:
    """The 0.1 way: the agent's own document, laid out again if it spills, write_pdf."""
    from weasyprint import HTML

    from csreport.outputs.pdf.context import scorecard_context

    renderer = _STATE["renderer"]
    for compact in (False, True):
        # ``chart_svg``: the 0.1 chart, no longer made (see the module docstring).
        context = {**scorecard_context(agent, meta, compact=compact), "chart_svg": ""}
        html = _STATE["old"].render(context)
        document = HTML(string=html, base_url=renderer.base_url, url_fetcher=renderer.fetcher).render(
            font_config=renderer.font_config, stylesheets=[renderer.css]
        )
        if len(document.pages) <= 1:
            break
    return document.write_pdf()


def _chunk(agents: list[Any], meta: Any, out: str) -> list[int]:
    """Render one team's cards the lever's way; return the PDF sizes."""
    from csreport.outputs.pdf.renderer import PdfWriter

    settings, renderer = _STATE["settings"], _STATE["renderer"]
    if settings["gc"]:
        gc.disable()
    try:
        if settings["template"] == "old":
            blobs = [_old_pdf(a, meta) for a in agents]
        elif not settings["batch"]:
            blobs = [renderer.layout(renderer.html(a, meta), "—").write_pdf() for a in agents]
        else:
            cards = renderer.cards(agents, meta)
            writer = renderer.writer(meta) if settings["own_writer"] else PdfWriter(renderer, meta)
            blobs = [writer.card_pdf(c) for c in cards]
        for agent, blob in zip(agents, blobs, strict=True):
            Path(out, f"{agent.agent_id}.pdf").write_bytes(blob)
        return [len(b) for b in blobs]
    finally:
        if settings["gc"]:
            gc.enable()
            gc.collect()


def run_lever(settings: dict[str, Any], month: Any, tmp: Path, workers: int) -> tuple[float, float]:
    """Seconds for all cards and the median card size in KB."""
    from csreport.outputs.pdf.scorecards import team_order

    templates = variant_templates(settings, tmp)
    if templates is None:
        raise LookupError("not available here")
    out = tempfile.mkdtemp(dir=tmp)
    teams = [[month.agents[i] for i in members] for _, members in team_order(month)]
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(settings, str(templates))) as pool:
        sizes = [
            s
            for part in pool.map(
                _chunk, sorted(teams, key=len, reverse=True), [month.meta] * len(teams), [out] * len(teams)
            )
            for s in part
        ]
    return time.perf_counter() - start, statistics.median(sizes) / 1024


def run_shipped(month: Any, tmp: Path, workers: int, reports: bool) -> tuple[float, float]:
    """The shipped renderer: per-agent cards only, or cards + team + shop PDFs."""
    from csreport.outputs.pdf.scorecards import render_reports

    out = Path(tempfile.mkdtemp(dir=tmp))
    start = time.perf_counter()
    paths = render_reports(month, out, workers=workers, teams=reports, shop=reports)
    seconds = time.perf_counter() - start
    return seconds, statistics.median(p.stat().st_size for p in paths.scorecards) / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers)."""
    import resource

    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def measure(key: str, what: Any, month: Any, tmp: Path, workers: int) -> tuple[float, float]:
    """One lever's wall seconds and median KB."""
    if what in ("cards", "reports"):
        return run_shipped(month, tmp, workers, what == "reports")
    if "workers" in what:
        return run_shipped(month, tmp, what["workers"], False)
    if "per_worker" in what:
        from csreport.outputs.pdf import pool as pdf_pool

        shipped, pdf_pool.CHUNKS_PER_WORKER = pdf_pool.CHUNKS_PER_WORKER, what["per_worker"]
        try:
            return run_shipped(month, tmp, workers, False)
        finally:
            pdf_pool.CHUNKS_PER_WORKER = shipped
    return run_lever(what, month, tmp, workers)


def main(argv: list[str] | None = None) -> int:
    """Run the selected levers and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--agents", type=int, default=200)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--only", default="", help="comma-separated lever keys")
    ap.add_argument("--repeat", type=int, default=1, help="runs per lever (the best is kept)")
    args = ap.parse_args(argv)
    only = {k for k in args.only.split(",") if k}
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="csreport-bench-pdf-") as name:
        tmp = Path(name)
        month = scored_month(args.agents, tmp)
        settings: dict[str, Any] = {}
        plan: list[tuple[str, str, Any]] = []
        for key, label, change in LEVERS:
            settings = {**settings, **change}
            plan.append((key, label, dict(settings)))
        plan += [
            ("cards", "= shipped render_reports, per-agent PDFs only", "cards"),
            ("reports", "shipped render_reports: + team and shop PDFs", "reports"),
            *[(k, label, {**SHIPPED, **c}) for k, label, c in COSTS],
        ]
        plan = [step for step in plan if not only or step[0] in only]
        best: dict[str, tuple[float, float, float]] = {}
        skipped: dict[str, str] = {}
        # Rounds over all levers, not repeats of one: load spreads over every lever.
        for round_ in range(args.repeat):
            for key, _label, what in plan:
                if key in skipped:
                    continue
                print(f"bench: round {round_ + 1}: {key} ...", file=sys.stderr, flush=True)
                try:
                    cpu = cpu_seconds()
                    seconds, kb = measure(key, what, month, tmp, args.workers)
                except LookupError as exc:
                    skipped[key] = str(exc)
                    continue
                used = cpu_seconds() - cpu
                best[key] = min(best.get(key, (float("inf"), 0.0, 0.0)), (seconds, used, kb))
                print(
                    f"bench: {key}: {seconds:.1f} s, {used:.1f} CPU s, {kb:.0f} KB",
                    file=sys.stderr,
                    flush=True,
                )
        for key, label, _ in plan:
            if key in skipped:
                rows.append((label, "skipped", "", skipped[key]))
            else:
                seconds, cpu, kb = best[key]
                rows.append((label, f"{seconds:.1f}", f"{cpu:.1f}", f"{kb:.0f}"))
    width = max(len(r[0]) for r in rows)
    print(f"{'lever':<{width}}  {f's/{args.agents} cards':>14}  {'CPU s':>6}  {'median KB':>9}")
    for label, shown_s, shown_cpu, shown_kb in rows:
        print(f"{label:<{width}}  {shown_s:>14}  {shown_cpu:>6}  {shown_kb:>9}")
    print(
        f"{args.workers} worker processes. Seconds: wall-clock including the workers' start, "
        f"best of {args.repeat}; CPU s: parent and workers together."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
